//! DR004 `highlighted-text`.

use super::{facts, quoted};
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags text marked with the highlighter (`w:highlight`) in a Word document, one
    /// finding per highlighted stretch, with its colour. Shading and coloured text are
    /// layout and are not flagged. Only Word input has highlights.
    ///
    /// ## Why is this bad?
    /// Drafters highlight what is still open ("figures to be updated"); a highlight
    /// left in a circulated text marks an unsettled passage, or looks like one.
    ///
    /// ## Example
    /// "The financing figures are to be updated." highlighted in yellow.
    ///
    /// Use instead: settle the passage and remove the highlight.
    ///
    /// ## Options
    /// None.
    pub HighlightedText {
        code: "DR004",
        name: "highlighted-text",
        group: Draft,
        level: Warning,
        summary: "highlighted text in a Word draft",
    }
}

impl Rule for HighlightedText {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let Some(facts) = facts(doc) else {
            return;
        };
        for h in &facts.highlights {
            let colour = h.detail.as_deref().unwrap_or("highlight");
            cx.report(
                h.span,
                format!("highlighted text ({colour}): \"{}\"", quoted(&h.text)),
            )
            .label("highlighted")
            .help("settle the passage and remove the highlight before circulating");
        }
    }
}
