//! Cross-references: "zie punt 12", "see section 3.2", "annex II" resolved against the
//! document's own numbered parts (the numbering analysis of [`super::numbering`]); in
//! legislative text, "Article 12(3)", "paragraph 2 of this Article", "recital 12"
//! resolved against the model of the act ([`legal_references`]).

pub mod dangling_cross_reference;
pub mod dangling_legal_reference;
pub mod legal_references;

pub use dangling_cross_reference::DanglingCrossReference;
pub use dangling_legal_reference::DanglingLegalReference;
