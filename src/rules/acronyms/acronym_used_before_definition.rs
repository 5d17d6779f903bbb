//! AC002 `acronym-used-before-definition`.

use super::acronym_table;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an acronym used before the place that spells it out: the finding sits on
    /// the first use, a secondary label on the definition. Places are compared in
    /// source order, so a footnote printed at the foot of a page comes after the body
    /// text of that page. Definitions are recognised as for `acronym-undefined`. Not
    /// flagged: an acronym the document's glossary spells out (the glossary defines it
    /// for the whole document), a use in a heading or the table of contents (a title is
    /// read before its text), and a use on the line right before the definition (the
    /// cells of a table that the extractor set out of order).
    ///
    /// ## Why is this bad?
    /// A reader meets the short form first and has to search ahead for its meaning;
    /// the definition comes too late to help.
    ///
    /// ## Example
    /// ```text
    /// Het SIS wordt uitgebreid. … de verordeningen inzake het
    /// Schengeninformatiesysteem (SIS) …
    /// ```
    /// Move the long form to the first use.
    ///
    /// ## Options
    /// None; the known acronyms of the pack (`[acronyms] known`) are never flagged.
    pub AcronymUsedBeforeDefinition {
        code: "AC002",
        name: "acronym-used-before-definition",
        group: Acronyms,
        level: Warning,
        summary: "an acronym used before the place that spells it out",
    }
}

impl Rule for AcronymUsedBeforeDefinition {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let table = acronym_table(doc, cx.pack());
        for a in &table.acronyms {
            // A glossary defines its acronyms for the whole document.
            if a.in_glossary {
                continue;
            }
            let Some(def) = a.definitions.first() else {
                continue;
            };
            let line = doc.line_of(def.span.start);
            // A title or an entry of the table of contents is read before its text,
            // and a use on the line before the definition is read with it (the
            // cells of a table set out of order).
            let early: Vec<_> = a
                .uses
                .iter()
                .take_while(|u| u.start < def.span.start)
                .filter(|u| {
                    a.heading_uses
                        .binary_search_by_key(&u.start, |h| h.start)
                        .is_err()
                })
                .filter(|u| doc.line_of(u.start) + 1 < line)
                .collect();
            let before = early.len();
            let Some(first) = early.first().copied() else {
                continue;
            };
            cx.report(
                *first,
                format!(
                    "acronym `{}` is used before it is spelled out on line {line}",
                    a.display
                ),
            )
            .label("used here first")
            .related(def.span, format!("`{}` is spelled out here", a.display))
            .note(if before == 1 {
                "1 use comes before the definition".to_string()
            } else {
                format!("{before} uses come before the definition")
            })
            .help("spell the acronym out at its first use");
        }
    }
}
