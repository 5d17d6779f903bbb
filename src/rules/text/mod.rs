//! Text hygiene: repeated words, unbalanced brackets and quotes.

pub mod repeated_word;
pub mod unbalanced_delimiter;

pub use repeated_word::RepeatedWord;
pub use unbalanced_delimiter::UnbalancedDelimiter;
