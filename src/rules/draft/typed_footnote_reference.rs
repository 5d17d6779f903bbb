//! DR007 `typed-footnote-reference`.

use super::typed_references;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a footnote reference typed as plain text in a Word document: a bracketed
    /// number after a word or punctuation ("the plans[3]", "the plans. [3]") or digits
    /// glued to a lowercase word ("aangenomen3,"). Body paragraphs and key-action
    /// boxes are scanned; raised digits are DR006's. Only Word input is checked: in
    /// text extracted from a PDF, glued digits are the real (flattened) marks.
    ///
    /// ## Why is this bad?
    /// A typed reference is not linked to a note: it is not renumbered, and the note
    /// it stands for may not exist.
    ///
    /// ## Example
    /// "Member States should act in three areas[3]:"
    ///
    /// Use instead: References › Insert Footnote.
    ///
    /// ## Options
    /// None.
    pub TypedFootnoteReference {
        code: "DR007",
        name: "typed-footnote-reference",
        group: Draft,
        level: Warning,
        summary: "a footnote reference typed as text instead of inserted",
    }
}

impl Rule for TypedFootnoteReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        for span in typed_references(doc) {
            let text = doc.source.text.get(span.start..span.end).unwrap_or("");
            cx.report(
                span,
                format!("\"{text}\" looks like a footnote reference typed as text"),
            )
            .label("typed, not a footnote")
            .help(
                "insert a real footnote (References › Insert Footnote) and delete the typed mark",
            );
        }
    }
}
