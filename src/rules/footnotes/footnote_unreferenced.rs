use super::name;
use crate::document::{Document, RefStyle};
use crate::rule::{Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Reports a footnote definition that no reference points to. When the layout
    /// shows where the reference was lost — a gap left in a body line of the same page
    /// where a superscript was dropped — a secondary label points there.
    ///
    /// In Markdown, a `[^label]: …` definition that no `[^label]` uses.
    ///
    /// ## Why is this bad?
    /// Either the reference was deleted while its note stayed, or the superscript was
    /// lost: the reader cannot tell which claim the note supports.
    ///
    /// ## Example
    /// ```text
    /// … toestemming aan de Raad om met tien
    ///   derde landen onderhandelingen te openen …
    ///
    /// 77  Algerije, Armenië, …
    /// ```
    /// Footnote 77 is defined but the body never references it; the double space
    /// before "derde landen" is where the superscript was.
    ///
    /// Use instead: restore the reference, or delete the note and renumber.
    ///
    /// ## Options
    /// None.
    pub FootnoteUnreferenced {
        code: "FN002",
        name: "footnote-unreferenced",
        group: Footnotes,
        level: Warning,
        summary: "a footnote definition that nothing references",
    }
}

impl Rule for FootnoteUnreferenced {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let a = super::shared(doc, cx.pack());
        let style = if doc.format == crate::document::Format::Markdown {
            RefStyle::Markdown
        } else {
            RefStyle::LoneLine
        };
        for (i, d) in doc.footnote_defs.iter().enumerate() {
            let Some(label) = &d.label else {
                continue;
            };
            // A later duplicate is FN003's; a note a misnumbered reference stood for is too.
            if a.definitions.get(label) != Some(&i) || a.referenced.contains(label) {
                continue;
            }
            if d.number.is_some_and(|n| a.stood_for.contains(&n)) {
                continue;
            }
            let span = d.label_span.unwrap_or(d.span);
            let mut f = cx
                .report(
                    span,
                    format!("{} is defined but never referenced", name(label, style)),
                )
                .label("nothing refers to this note")
                .help("restore the reference in the text, or remove the note and renumber");
            if let Some(gap) = doc
                .dropped_refs
                .iter()
                .find(|g| doc.page_index(g.start) == d.page)
            {
                let line = doc.line_of(gap.start);
                f = f
                    .related(*gap, "a superscript was probably dropped here")
                    .note(format!(
                        "line {line} keeps a gap where a reference mark was lost"
                    ));
            }
            let _ = f;
        }
    }
}
