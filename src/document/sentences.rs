//! Sentence splitting over rebuilt paragraph text.
