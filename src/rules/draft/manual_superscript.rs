//! DR006 `manual-superscript`.

use super::facts;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags digits raised by hand (superscript formatting, or the footnote-reference
    /// character style) after a word in a Word document: a footnote mark typed
    /// instead of inserted. Powers and units (10⁶, m², km²) are not flagged. Only Word
    /// input carries formatting.
    ///
    /// ## Why is this bad?
    /// A typed mark looks like a footnote but is not one: it has no note, it is not
    /// renumbered when notes are added, and it does not survive conversion to the
    /// publication formats.
    ///
    /// ## Example
    /// "the investment gap identified in the impact assessment⁴" with "4" typed and
    /// raised.
    ///
    /// Use instead: References › Insert Footnote.
    ///
    /// ## Options
    /// None.
    pub ManualSuperscript {
        code: "DR006",
        name: "manual-superscript",
        group: Draft,
        level: Warning,
        summary: "digits raised by hand that imitate a footnote mark",
    }
}

impl Rule for ManualSuperscript {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let Some(facts) = facts(doc) else {
            return;
        };
        for s in &facts.manual_superscripts {
            cx.report(
                s.span,
                format!(
                    "raised digits \"{}\" imitate a footnote mark",
                    s.text.trim()
                ),
            )
            .label("typed, not a footnote")
            .help(
                "insert a real footnote (References › Insert Footnote) and delete the typed digits",
            );
        }
    }
}
