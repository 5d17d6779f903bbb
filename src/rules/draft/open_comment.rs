//! DR002 `open-comment`.

use super::{facts, quoted};
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

/// The author of the comments `policylint annotate` writes; they are findings, not
/// the drafters' comments.
pub const OWN_AUTHOR: &str = crate::document::docx::annotate::AUTHOR;

declare_rule! {
    /// ## What it does
    /// Flags each comment of a Word document that is not marked resolved, with its
    /// author and the start of its text. Comments written by `policylint annotate`
    /// (author "policylint") are left out. Only Word input has comments.
    ///
    /// ## Why is this bad?
    /// An open comment is a question the draft has not answered yet ("check the
    /// figure with DG BUDG"); circulated, it shows internal discussion to the
    /// recipients.
    ///
    /// ## Example
    /// A comment "Check the budget figure with DG BUDG." on "budget annex".
    ///
    /// Use instead: settle the point, then delete or resolve the comment.
    ///
    /// ## Options
    /// None.
    pub OpenComment {
        code: "DR002",
        name: "open-comment",
        group: Draft,
        level: Warning,
        summary: "an unresolved comment left in a Word draft",
    }
}

impl Rule for OpenComment {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let Some(facts) = facts(doc) else {
            return;
        };
        for c in facts
            .comments
            .iter()
            .filter(|c| !c.resolved && c.author != OWN_AUTHOR)
        {
            let by = if c.author.is_empty() {
                "open comment".to_string()
            } else {
                format!("open comment by {}", c.author)
            };
            cx.report(c.span, format!("{by}: \"{}\"", quoted(&c.text)))
                .label("commented text")
                .help("settle the point, then delete or resolve the comment before circulating");
        }
    }
}
