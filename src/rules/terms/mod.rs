//! Term consistency: the same term written two ways.

pub mod term_variant;

pub use term_variant::TermVariant;
