use super::{name, SequenceDefect};
use crate::document::{Document, RefStyle};
use crate::rule::{Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Checks that footnote references are numbered 1, 2, 3… in reading order, and
    /// that definitions are too. Reports a number out of sequence (a gap, a repeat, two
    /// swapped references, one misnumbered reference), with a secondary label on the
    /// previous reference. Each defect is reported once: a single misnumbered reference
    /// does not make every later one wrong.
    ///
    /// A definition that is simply missing is `footnote-undefined` (FN001), not this
    /// rule. In Markdown, numeric labels must appear in order of first use, and a label
    /// defined twice is reported here.
    ///
    /// ## Why is this bad?
    /// Renumbering by hand is how references end up pointing at the wrong note; a
    /// reader following reference 6 to a note about something else is misled.
    ///
    /// ## Example
    /// ```text
    /// … de conclusies van de Raad
    /// 4
    /// … het actieplan
    /// 6
    /// … de strategie
    /// 5
    /// ```
    /// References 6 and 5 are swapped.
    ///
    /// Use instead: renumber so that references run 4, 5, 6 and the notes match.
    ///
    /// ## Options
    /// None.
    pub FootnoteNumbering {
        code: "FN003",
        name: "footnote-numbering",
        group: Footnotes,
        level: Error,
        summary: "footnote references or definitions not numbered 1, 2, 3… in order",
    }
}

impl Rule for FootnoteNumbering {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let a = super::shared(doc, cx.pack());
        let r = |i: usize| &doc.footnote_refs[i];
        let previous = "previous reference";
        for d in &a.defects {
            match *d {
                SequenceDefect::Misnumbered {
                    reference,
                    expected,
                } => {
                    cx.report(r(reference).span, format!("footnote reference {} where {expected} is expected", r(reference).label))
                        .label(format!("expected {expected}"))
                        .help(format!("renumber this reference to {expected}, or check that it points to the right note"));
                }
                SequenceDefect::Swapped { first, second } => {
                    cx.report(
                        r(first).span,
                        format!(
                            "footnote references {} and {} are out of order",
                            r(first).label,
                            r(second).label
                        ),
                    )
                    .label(format!(
                        "{} comes before {}",
                        r(first).label,
                        r(second).label
                    ))
                    .related(
                        r(second).span,
                        format!("reference {} follows here", r(second).label),
                    )
                    .help("swap the two references (and their notes) so they run in order");
                }
                SequenceDefect::Gap {
                    reference,
                    previous: p,
                    missing: (lo, hi),
                } => {
                    let missing = if lo == hi {
                        format!("{lo}")
                    } else {
                        format!("{lo}–{hi}")
                    };
                    cx.report(
                        r(reference).span,
                        format!(
                            "footnote reference {} follows {}: no reference {missing}",
                            r(reference).label,
                            r(p).label
                        ),
                    )
                    .label(format!("{missing} skipped"))
                    .related(r(p).span, previous)
                    .help("renumber the references so that none is skipped");
                }
                SequenceDefect::Repeat {
                    reference,
                    previous: p,
                } => {
                    cx.report(
                        r(reference).span,
                        format!(
                            "footnote reference {} repeats the previous number",
                            r(reference).label
                        ),
                    )
                    .label("same number as the previous reference")
                    .related(r(p).span, previous)
                    .help("give each reference its own number, or cite the earlier note in words");
                }
                SequenceDefect::OutOfOrder {
                    reference,
                    previous: p,
                } => {
                    cx.report(
                        r(reference).span,
                        format!(
                            "footnote reference {} comes after {}",
                            r(reference).label,
                            r(p).label
                        ),
                    )
                    .label("out of order")
                    .related(r(p).span, previous)
                    .help("renumber the references in reading order");
                }
            }
        }
        let style = if doc.format == crate::document::Format::Markdown {
            RefStyle::Markdown
        } else {
            RefStyle::LoneLine
        };
        for &(dup, first) in &a.duplicate_defs {
            let d = &doc.footnote_defs[dup];
            let label = d.label.as_deref().unwrap_or("?");
            cx.report(
                d.label_span.unwrap_or(d.span),
                format!("{} is defined twice", name(label, style)),
            )
            .label("second definition")
            .related(
                doc.footnote_defs[first]
                    .label_span
                    .unwrap_or(doc.footnote_defs[first].span),
                "first defined here",
            )
            .help("merge the two notes or renumber one of them");
        }
        for &(d, p) in &a.defs_out_of_order {
            let (dd, pd) = (&doc.footnote_defs[d], &doc.footnote_defs[p]);
            cx.report(
                dd.label_span.unwrap_or(dd.span),
                format!(
                    "footnote definition {} comes after {}",
                    dd.label.as_deref().unwrap_or("?"),
                    pd.label.as_deref().unwrap_or("?")
                ),
            )
            .label("out of order")
            .related(pd.label_span.unwrap_or(pd.span), "previous definition")
            .help("order the notes as their references are ordered");
        }
    }
}
