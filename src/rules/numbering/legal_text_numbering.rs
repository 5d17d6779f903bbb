use super::render_label;
use crate::document::legal_places::Places;
use crate::document::legislative::{self, Jump};
use crate::document::Document;
use crate::pack::Pack;
use crate::rule::{Context, Rule, RuleMeta};
use crate::source::Span;

crate::declare_rule! {
    /// ## What it does
    /// In legislative text (a `legislative-proposal` or a `legal-act`), checks that the
    /// articles run 1, 2, 3 (Article 7 after Article 5 is reported), that the numbered
    /// paragraphs of every article run 1., 2., 3. (paragraph 3. after 1.), and that the
    /// points of every list run (a), (b), (c) / (i), (ii), (iii) / (1), (2), (3) (point
    /// (c) after (a)), and that the recitals run (1), (2), (3): a recital that skips up to
    /// three numbers ("recital 4 follows recital 2: no recital 3") or repeats the one
    /// before is reported. Paragraphs restart in every article and points in every
    /// paragraph; inserted provisions ("Article 12a", "2a.") follow the number they
    /// extend. A recital label is taken for a gap or a repeat only after a full stop,
    /// right after the recital before (no other label between, such as an Official
    /// Journal footnote "(2) OJ C …"), and only when the number it skips stands nowhere
    /// later.
    ///
    /// The numbering is read from the model of the legislative text that `policylint
    /// dump` shows. Only a small jump is taken for a numbering defect (up to three
    /// paragraphs or points, six articles); a label further off is not taken for a label
    /// at all. Messages name the places in the document's own words ("lid 4 van artikel
    /// 3 follows lid 2"; the pack's `legislative.places`).
    ///
    /// ## Why is this bad?
    /// An article, paragraph or point deleted in negotiation without renumbering leaves a
    /// hole that every citation of the act has to work around, and usually references
    /// to the old numbers elsewhere in the text.
    ///
    /// ## Example
    /// ```text
    /// Article 4
    /// 1. Member States shall …
    /// 3. The Commission shall …
    /// ```
    /// Paragraph 2 is missing.
    ///
    /// Use instead: renumber the paragraphs 1., 2.
    ///
    /// ## Profiles
    /// Runs only in the `legislative-proposal` and `legal-act` profiles. Where the model
    /// of the legislative text is unsure (no Article 1, article headings that go back,
    /// several article numbers missing) the rule stays silent and one note (PLX005) says
    /// why; paragraphs and points of an article that amends another act are not checked
    /// (they number the amendments and the amended act's text), nor those of an article
    /// or paragraph where a label was left over that fits no list.
    ///
    /// ## Options
    /// None.
    pub LegalTextNumbering {
        code: "NU003",
        name: "legal-text-numbering",
        group: Numbering,
        level: Error,
        summary: "articles, paragraphs or points of legislative text out of sequence",
    }
}

/// One numbering defect of legislative text: the label, what it is, and the previous one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegalNumberingDefect {
    pub span: Span,
    pub message: String,
    pub label: String,
    pub previous: Option<Span>,
}

/// "no Article 6" / "no Articles 6 to 8": `one` names a single place, `many` a range.
fn missing(
    jump: Jump,
    value: u32,
    render: impl Fn(u32) -> String,
    one: impl Fn(&str) -> String,
    many: impl Fn(&str, &str) -> String,
) -> String {
    if jump.expected + 1 == value {
        format!("no {}", one(&render(jump.expected)))
    } else {
        format!(
            "no {}",
            many(&render(jump.expected), &render(value.saturating_sub(1)))
        )
    }
}

/// Every numbering defect of the legislative text; empty when the model is unsure.
pub fn legal_numbering_defects(doc: &Document, pack: &Pack) -> Vec<LegalNumberingDefect> {
    let model = legislative::of(doc);
    // The act's parts in the document's own words ("artikel 7", "lid 3").
    let places = pack.compiled::<Places>();
    let mut out = Vec::new();
    if !model.sure {
        return out;
    }
    let text = doc.text();
    if model.recitals_sure {
        for (k, r) in model.recitals.iter().enumerate() {
            let prev = k.checked_sub(1).map(|p| &model.recitals[p]);
            let named = places.recital(&r.number.to_string());
            let before = prev.map_or("(none)".to_string(), |p| {
                places.recital(&p.number.to_string())
            });
            if let Some(j) = r.jump {
                out.push(LegalNumberingDefect {
                    span: r.label_span,
                    message: format!(
                        "{named} follows {before}: {}",
                        missing(
                            j,
                            r.number,
                            |v| v.to_string(),
                            |n| places.recital(n),
                            |f, t| places.recitals(f, t)
                        )
                    ),
                    label: format!("{} skipped", places.recital(&j.expected.to_string())),
                    previous: prev.map(|p| p.label_span),
                });
            } else if r.duplicate {
                out.push(LegalNumberingDefect {
                    span: r.label_span,
                    message: format!("{named} follows {before}: the number is repeated"),
                    label: "repeated".to_string(),
                    previous: prev.map(|p| p.label_span),
                });
            }
        }
    }
    for (k, a) in model.articles.iter().enumerate() {
        if let Some(j) = a.jump {
            let prev = k.checked_sub(1).map(|p| &model.articles[p]);
            out.push(LegalNumberingDefect {
                span: a.heading_span,
                message: format!(
                    "{} follows {}: {}",
                    places.article(&a.number),
                    prev.map_or("(none)".to_string(), |p| places.article(&p.number)),
                    missing(
                        j,
                        a.value,
                        |v| v.to_string(),
                        |n| places.article(n),
                        |f, t| places.articles(f, t)
                    )
                ),
                label: format!("{} skipped", places.article(&j.expected.to_string())),
                previous: prev.map(|p| p.heading_span),
            });
        }
        if a.amending {
            continue;
        }
        if a.paragraphs_sure {
            let numbered: Vec<_> = a.numbered_paragraphs().collect();
            for (i, p) in numbered.iter().enumerate() {
                let (Some(j), Some(span)) = (p.jump, p.label_span) else {
                    continue;
                };
                let prev = i.checked_sub(1).map(|q| numbered[q]);
                let written = text[span.start..span.end].trim_end_matches('.');
                let render = |v: u32| v.to_string();
                out.push(LegalNumberingDefect {
                    span,
                    message: match prev {
                        Some(q) => format!(
                            "{} follows {}: {}",
                            places.paragraph_of(written, &a.number),
                            places.paragraph(q.number.as_deref().unwrap_or("?")),
                            missing(
                                j,
                                p.value,
                                render,
                                |n| places.paragraph(n),
                                |f, t| places.paragraphs(f, t)
                            )
                        ),
                        None => format!(
                            "the paragraphs of {} start at {written}: {}",
                            places.article(&a.number),
                            missing(
                                j,
                                p.value,
                                render,
                                |n| places.paragraph(n),
                                |f, t| places.paragraphs(f, t)
                            )
                        ),
                    },
                    label: format!("{} skipped", places.paragraph(&render(j.expected))),
                    previous: prev.and_then(|q| q.label_span),
                });
            }
        }
        for p in &a.paragraphs {
            if !p.points_sure {
                continue;
            }
            for (i, q) in p.points.iter().enumerate() {
                let Some(j) = q.jump else { continue };
                let prev = p.points[..i]
                    .iter()
                    .rev()
                    .find(|x| x.depth == q.depth && x.scheme == q.scheme);
                let render = |v: u32| render_label(&q.written, q.scheme, v);
                let place = match &p.number {
                    Some(n) => places.article_paragraph(&a.number, n),
                    None => places.article(&a.number),
                };
                out.push(LegalNumberingDefect {
                    span: q.label_span,
                    message: format!(
                        "{} follows {}: {}",
                        places.point_written_of(&q.written, &place),
                        prev.map_or("(none)", |x| x.written.as_str()),
                        missing(
                            j,
                            q.value,
                            render,
                            |n| places.point(n),
                            |f, t| places.points(f, t)
                        )
                    ),
                    label: format!("{} skipped", render(j.expected)),
                    previous: prev.map(|x| x.label_span),
                });
            }
        }
    }
    out
}

impl Rule for LegalTextNumbering {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        if !cx.profile(doc).is_legislative() {
            return;
        }
        for d in legal_numbering_defects(doc, cx.pack()) {
            let mut f = cx
                .report(d.span, d.message)
                .label(d.label)
                .help("renumber so that none is skipped, or restore the missing provision (and check the references to the numbers after it)");
            if let Some(p) = d.previous {
                f = f.related(p, "the one before");
            }
            let _ = f;
        }
    }
}
