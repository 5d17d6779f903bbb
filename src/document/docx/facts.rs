//! What a Word draft carries beyond its text, for the draft-hygiene rules (DR…): tracked
//! changes, comments, hidden and highlighted text, footnotes, raised digits, fields.
//! Spans point into the canonical rendering; text that the rendering leaves out
//! (deleted or hidden text) is anchored on the word next to where it stands.

use serde::Serialize;

use crate::source::Span;

/// The draft facts of one Word document.
#[derive(Clone, Debug, Default, Serialize)]
pub struct DraftFacts {
    /// One entry per paragraph (or footnote) with tracked changes.
    pub changes: Vec<ChangeFact>,
    pub comments: Vec<CommentFact>,
    pub hidden: Vec<Snippet>,
    pub highlights: Vec<Snippet>,
    /// Footnotes and endnotes without text: the span of their reference mark.
    pub empty_notes: Vec<NoteFact>,
    /// Raised digits typed into the text (not a footnote reference).
    pub manual_superscripts: Vec<Snippet>,
    /// REF/PAGEREF/NOTEREF fields to a bookmark that does not exist, and the error
    /// text Word shows for a broken cross-reference.
    pub broken_fields: Vec<BrokenField>,
    /// Spans of native footnote and endnote reference marks in the rendering.
    pub note_marks: Vec<Span>,
    /// Where the body ends in the rendering (notes follow).
    pub body_end: usize,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct ChangeFact {
    pub span: Span,
    pub insertions: usize,
    pub deletions: usize,
    pub formatting: usize,
    pub authors: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CommentFact {
    pub span: Span,
    pub id: String,
    pub author: String,
    pub text: String,
    pub resolved: bool,
}

/// A piece of text with a property (hidden, highlighted, raised), or the anchor of
/// text the rendering leaves out.
#[derive(Clone, Debug, Serialize)]
pub struct Snippet {
    pub span: Span,
    pub text: String,
    /// Highlight colour, where it applies.
    pub detail: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct NoteFact {
    pub span: Span,
    pub label: String,
    pub endnote: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct BrokenField {
    pub span: Span,
    /// The missing bookmark, for a field; `None` for error text without a field.
    pub bookmark: Option<String>,
    pub text: String,
}
