use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Reports footnote text whose number label was lost — text that sits in a
    /// footnote block, or is spliced into the body, with no number in front of it. The
    /// finding names the reference it most likely belongs to: the first reference on
    /// the same page (or, for a block carried over, the page before) that has no text
    /// of its own. That reference is then not reported as `footnote-undefined`.
    ///
    /// ## Why is this bad?
    /// Without its number, a note cannot be matched to its claim; in a PDF the note
    /// may even read as part of the body text.
    ///
    /// ## Example
    /// ```text
    /// … worden vastgesteld wat de
    ///   Verslag over de uitvoering van het gezamenlijk kader … (SWD(2020) 153).
    ///  weerbaarheid tegen hybride dreigingen betreft.
    /// ```
    /// The indented text is footnote 76, printed without its number.
    ///
    /// Use instead: restore the label (76) in front of the note.
    ///
    /// ## Options
    /// None.
    pub FootnoteUnlabelled {
        code: "FN004",
        name: "footnote-unlabelled",
        group: Footnotes,
        level: Warning,
        summary: "footnote text whose number label was lost",
    }
}

impl Rule for FootnoteUnlabelled {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let a = super::shared(doc, cx.pack());
        for (i, d) in doc.footnote_defs.iter().enumerate() {
            if d.label.is_some() {
                continue;
            }
            let first_line = doc.source.line_index(d.span.start);
            let line_end = doc
                .source
                .line_starts()
                .get(first_line + 1)
                .copied()
                .unwrap_or(doc.text().len());
            let span = crate::source::Span::new(d.span.start, d.span.end.min(line_end))
                .cover(crate::source::Span::new(d.span.start, d.span.start + 1));
            let place = if d.in_body {
                "spliced into the body"
            } else {
                "in the footnote block"
            };
            match a.unlabelled_owner.get(&i) {
                Some(&r) => {
                    let rf = &doc.footnote_refs[r];
                    cx.report(
                        span,
                        format!(
                            "footnote text without its number ({place}): probably footnote {}",
                            rf.label
                        ),
                    )
                    .label("no number label")
                    .related(
                        rf.span,
                        format!(
                            "reference {} on page {} has no other text",
                            rf.label,
                            doc.page_number(rf.page)
                        ),
                    )
                    .help(format!("put the label {} in front of this note", rf.label));
                }
                None => {
                    cx.report(span, format!("footnote text without its number ({place})"))
                        .label("no number label")
                        .help("restore the note's number, or remove the stray text");
                }
            }
        }
    }
}
