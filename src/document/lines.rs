//! Phase 1: classify every physical line. Total: an unknown line is text.
