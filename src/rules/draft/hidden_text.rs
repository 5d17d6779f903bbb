//! DR003 `hidden-text`.

use super::{facts, quoted};
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags text formatted as hidden (Font › Hidden, `w:vanish`) in a Word document.
    /// Hidden text is not in the text the other rules read; the finding is placed on
    /// the word next to where it stands and quotes it. Only Word input has hidden
    /// text.
    ///
    /// ## Why is this bad?
    /// Hidden text travels with the file: anyone who shows formatting marks, prints
    /// with hidden text or converts the file reads it. Drafting notes hidden this way
    /// leak.
    ///
    /// ## Example
    /// "… to restore the water cycle (text to be confirmed by DG ENV)." with the
    /// bracket hidden.
    ///
    /// Use instead: delete the note, or make it a comment and resolve it.
    ///
    /// ## Options
    /// None.
    pub HiddenText {
        code: "DR003",
        name: "hidden-text",
        group: Draft,
        level: Warning,
        summary: "hidden text in a Word draft",
    }
}

impl Rule for HiddenText {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let Some(facts) = facts(doc) else {
            return;
        };
        for h in &facts.hidden {
            cx.report(h.span, format!("hidden text: \"{}\"", quoted(&h.text)))
                .label("hidden text stands here")
                .help("delete the hidden text, or show it if it belongs in the draft");
        }
    }
}
