//! DR005 `empty-footnote`.

use super::facts;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a native footnote or endnote of a Word document that has no text, at its
    /// reference mark. Only Word input has native notes (an empty note in text input
    /// is a definition without text, which the footnote rules see).
    ///
    /// ## Why is this bad?
    /// The reader follows the mark to an empty note: the reference the drafter meant
    /// to add was never filled in.
    ///
    /// ## Example
    /// "build a water-smart economy⁴;" where footnote 4 is empty.
    ///
    /// Use instead: write the reference into the note, or delete the mark.
    ///
    /// ## Options
    /// None.
    pub EmptyFootnote {
        code: "DR005",
        name: "empty-footnote",
        group: Draft,
        level: Error,
        summary: "a footnote or endnote without text in a Word draft",
    }
}

impl Rule for EmptyFootnote {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let Some(facts) = facts(doc) else {
            return;
        };
        for n in &facts.empty_notes {
            let what = if n.endnote { "endnote" } else { "footnote" };
            cx.report(n.span, format!("{what} {} has no text", n.label))
                .label("this mark leads to an empty note")
                .help(format!(
                    "write the reference into the {what}, or delete the mark"
                ));
        }
    }
}
