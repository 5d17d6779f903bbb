//! DR001 `tracked-changes`.

use super::facts;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags each paragraph or footnote of a Word document that still has tracked
    /// changes (insertions, deletions, moves, formatting changes), naming their
    /// authors. Only Word input has tracked changes; the rule is silent on text,
    /// Markdown and PDF input.
    ///
    /// The other rules read the text as if every change were accepted.
    ///
    /// ## Why is this bad?
    /// A draft circulated with its changes visible shows the drafting history (and
    /// who wrote what) to every recipient, and each reader sees a different text
    /// depending on the view they use.
    ///
    /// ## Example
    /// A paragraph with "~~in recent years~~ __and in its neighbourhood__" tracked.
    ///
    /// Use instead: accept or reject the changes (Review › Accept / Reject) before
    /// circulating.
    ///
    /// ## Options
    /// None.
    pub TrackedChanges {
        code: "DR001",
        name: "tracked-changes",
        group: Draft,
        level: Warning,
        summary: "tracked changes left in a Word draft",
    }
}

fn count(n: usize, one: &str, many: &str) -> Option<String> {
    match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    }
}

impl Rule for TrackedChanges {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let Some(facts) = facts(doc) else {
            return;
        };
        for c in &facts.changes {
            let kinds: Vec<String> = [
                count(c.insertions, "insertion", "insertions"),
                count(c.deletions, "deletion", "deletions"),
                count(c.formatting, "formatting change", "formatting changes"),
            ]
            .into_iter()
            .flatten()
            .collect();
            let by = if c.authors.is_empty() {
                String::new()
            } else {
                format!(" by {}", c.authors.join(", "))
            };
            cx.report(c.span, format!("tracked changes{by}: {}", kinds.join(", ")))
                .label("not yet accepted or rejected")
                .help("accept or reject the changes before circulating the draft");
        }
    }
}
