//! CT004 `oj-reference-incomplete`.

use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

use super::{citations, Cited};

declare_rule! {
    /// ## What it does
    /// Flags an Official Journal reference that stops after its date: `OJ L 277,
    /// 27.10.2022.` instead of `OJ L 277, 27.10.2022, p. 1.` (`PB L 277 van
    /// 27.10.2022, blz. 1` in Dutch). A reference in the act-by-act format of the
    /// Official Journal since October 2023 (`OJ L, 2023/2854, 20.12.2023, ELI: …`) has
    /// no page and is not reported.
    ///
    /// ## Why is this bad?
    /// An issue of the Official Journal holds many acts; without the page the reader
    /// cannot find the act the reference is for.
    ///
    /// ## Example
    /// ```text
    /// (1) OJ L 277, 27.10.2022.
    /// ```
    /// Use instead:
    /// ```text
    /// (1) OJ L 277, 27.10.2022, p. 1.
    /// ```
    ///
    /// ## Profiles
    /// The Publications Office slots of a proposal (`OJ C [...], [...], p. [...]`) have
    /// no number and are never reported here (PL002 deals with slots).
    ///
    /// ## Options
    /// The abbreviation and the page words come from the language pack (`[citations]`
    /// `journal`, `page-words`).
    pub OjReferenceIncomplete {
        code: "CT004",
        name: "oj-reference-incomplete",
        group: Citations,
        level: Warning,
        summary: "an Official Journal reference without its page",
    }
}

impl Rule for OjReferenceIncomplete {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let found = citations(doc, cx.pack());
        for c in &found.items {
            let Cited::OjReference(o) = &c.cited else {
                continue;
            };
            if c.in_note {
                continue; // a note to the Publications Office
            }
            if o.has_page == Some(false) {
                cx.report(
                    c.span,
                    format!("Official Journal reference `{}` has no page", c.written),
                )
                .label("no page after the date")
                .help("add the page on which the act starts, as the Official Journal gives it");
            }
        }
    }
}
