//! Cross-references: "zie punt 12", "see section 3.2", "annex II" resolved against the
//! document's own numbered parts (the numbering analysis of [`super::numbering`]).

pub mod dangling_cross_reference;

pub use dangling_cross_reference::DanglingCrossReference;
