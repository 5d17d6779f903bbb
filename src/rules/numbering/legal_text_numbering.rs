use super::render_label;
use crate::document::legislative::{self, Jump};
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};
use crate::source::Span;

crate::declare_rule! {
    /// ## What it does
    /// In legislative text (a `legislative-proposal` or a `legal-act`), checks that the
    /// articles run 1, 2, 3 (Article 7 after Article 5 is reported), that the numbered
    /// paragraphs of every article run 1., 2., 3. (paragraph 3. after 1.), and that the
    /// points of every list run (a), (b), (c) / (i), (ii), (iii) / (1), (2), (3) (point
    /// (c) after (a)). Paragraphs restart in every article and points in every paragraph;
    /// inserted provisions ("Article 12a", "2a.") follow the number they extend.
    ///
    /// The numbering is read from the model of the legislative text that `policylint
    /// dump` shows. Only a small jump is taken for a numbering defect (up to three
    /// paragraphs or points, six articles); a label further off is not taken for a label
    /// at all.
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

fn missing(what: &str, jump: Jump, value: u32, render: impl Fn(u32) -> String) -> String {
    if jump.expected + 1 == value {
        format!("no {what} {}", render(jump.expected))
    } else {
        format!(
            "no {what}s {} to {}",
            render(jump.expected),
            render(value.saturating_sub(1))
        )
    }
}

/// Every numbering defect of the legislative text; empty when the model is unsure.
pub fn legal_numbering_defects(doc: &Document) -> Vec<LegalNumberingDefect> {
    let model = legislative::of(doc);
    let mut out = Vec::new();
    if !model.sure {
        return out;
    }
    let text = doc.text();
    for (k, a) in model.articles.iter().enumerate() {
        if let Some(j) = a.jump {
            let prev = k.checked_sub(1).map(|p| &model.articles[p]);
            out.push(LegalNumberingDefect {
                span: a.heading_span,
                message: format!(
                    "Article {} follows Article {}: {}",
                    a.number,
                    prev.map_or("(none)", |p| p.number.as_str()),
                    missing("Article", j, a.value, |v| v.to_string())
                ),
                label: format!("Article {} skipped", j.expected),
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
                            "paragraph {written} of Article {} follows paragraph {}: {}",
                            a.number,
                            q.number.as_deref().unwrap_or("?"),
                            missing("paragraph", j, p.value, render)
                        ),
                        None => format!(
                            "the paragraphs of Article {} start at {written}: {}",
                            a.number,
                            missing("paragraph", j, p.value, render)
                        ),
                    },
                    label: format!("paragraph {} skipped", render(j.expected)),
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
                    Some(n) => format!("Article {}({n})", a.number),
                    None => format!("Article {}", a.number),
                };
                out.push(LegalNumberingDefect {
                    span: q.label_span,
                    message: format!(
                        "point {} of {place} follows {}: {}",
                        q.written,
                        prev.map_or("(none)", |x| x.written.as_str()),
                        missing("point", j, q.value, render)
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
        for d in legal_numbering_defects(doc) {
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
