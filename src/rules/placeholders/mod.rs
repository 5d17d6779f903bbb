//! Placeholders left in a draft: empty link targets, TODO, `[...]`, `[datum]`.

pub mod placeholder_link;
pub mod placeholder_text;

pub use placeholder_link::PlaceholderLink;
pub use placeholder_text::PlaceholderText;
