//! The model of legislative text in `policylint dump` (tree and JSON): the parts,
//! citations, recitals, articles with their paragraphs and points, annexes, and the
//! notes that say where the model is unsure.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;

use super::dump_view::{all, notes, Note, Placed};
use crate::document::legislative::{self, LegalModel, LegalParagraph, LegalPoint, PartKind};
use crate::document::{Document, Scheme, Span};

fn line(doc: &Document, span: Span) -> usize {
    doc.source.position(span.start).line
}

/// "a–d, i–iii": the labels of a paragraph's points, runs joined.
fn point_labels(p: &LegalParagraph) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut run: Option<(String, String, u8)> = None;
    for q in &p.points {
        match &mut run {
            Some((_, last, depth)) if *depth == q.depth && q.jump.is_none() => {
                *last = q.label.clone();
            }
            _ => {
                if let Some((a, b, _)) = run.take() {
                    out.push(if a == b { a } else { format!("{a}–{b}") });
                }
                run = Some((q.label.clone(), q.label.clone(), q.depth));
            }
        }
    }
    if let Some((a, b, _)) = run {
        out.push(if a == b { a } else { format!("{a}–{b}") });
    }
    out.join(", ")
}

/// The model as JSON (`null` when the document has no legislative text).
pub fn to_value(doc: &Document) -> Value {
    let m = legislative::of(doc);
    if !m.found() {
        return Value::Null;
    }
    serde_json::to_value(view(doc, &m)).unwrap_or(Value::Null)
}

#[derive(Serialize)]
struct ModelView<'a> {
    sure: bool,
    recitals_sure: bool,
    annexes_sure: bool,
    parts: Vec<Placed<PartView>>,
    citations: usize,
    recitals: Vec<Placed<RecitalView>>,
    articles: Vec<Placed<ArticleView<'a>>>,
    annexes: Vec<Placed<AnnexView<'a>>>,
    notes: Vec<Placed<Note<'a>>>,
}

#[derive(Serialize)]
struct PartView {
    kind: PartKind,
}

#[derive(Serialize)]
struct RecitalView {
    number: u32,
}

#[derive(Serialize)]
struct ArticleView<'a> {
    number: &'a str,
    title: Option<&'a str>,
    amending: bool,
    paragraphs: Vec<Placed<ParagraphView<'a>>>,
}

#[derive(Serialize)]
struct ParagraphView<'a> {
    number: Option<&'a str>,
    subparagraphs: u32,
    points: Vec<Placed<PointView<'a>>>,
}

#[derive(Serialize)]
struct PointView<'a> {
    label: &'a str,
    written: &'a str,
    scheme: Scheme,
    depth: u8,
}

#[derive(Serialize)]
struct AnnexView<'a> {
    number: Option<&'a str>,
}

fn view<'a>(doc: &Document, m: &'a LegalModel) -> ModelView<'a> {
    let point = |q: &'a LegalPoint| PointView {
        label: &q.label,
        written: &q.written,
        scheme: q.scheme,
        depth: q.depth,
    };
    let paragraph = |p: &'a LegalParagraph| ParagraphView {
        number: p.number.as_deref(),
        subparagraphs: p.subparagraphs,
        points: all(doc, &p.points, |q| q.label_span, point),
    };
    ModelView {
        sure: m.sure,
        recitals_sure: m.recitals_sure,
        annexes_sure: m.annexes_sure,
        parts: all(doc, &m.parts, |p| p.span, |p| PartView { kind: p.kind }),
        citations: m.citations.len(),
        recitals: all(
            doc,
            &m.recitals,
            |r| r.label_span,
            |r| RecitalView { number: r.number },
        ),
        articles: all(
            doc,
            &m.articles,
            |a| a.heading_span,
            |a| ArticleView {
                number: &a.number,
                title: a.title.as_deref(),
                amending: a.amending,
                paragraphs: all(
                    doc,
                    &a.paragraphs,
                    |p| p.label_span.unwrap_or(p.span),
                    paragraph,
                ),
            },
        ),
        annexes: all(
            doc,
            &m.annexes,
            |a| a.heading_span,
            |a| AnnexView {
                number: a.number.as_deref(),
            },
        ),
        notes: notes(doc, &m.notes),
    }
}

/// The model as an outline, after the document's own outline.
pub fn write_tree(doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    let m = legislative::of(doc);
    if !m.found() {
        return Ok(());
    }
    let recitals = match (m.recitals.first(), m.recitals.last()) {
        (Some(a), Some(b)) => format!("{} recitals ({}–{})", m.recitals.len(), a.number, b.number),
        _ => "no recitals".to_string(),
    };
    let articles = match (m.articles.first(), m.articles.last()) {
        (Some(a), Some(b)) => format!("{} articles ({}–{})", m.articles.len(), a.number, b.number),
        _ => "no articles".to_string(),
    };
    writeln!(
        out,
        "\nlegislative text ({}): {} citations, {recitals}, {articles}, {} annexes",
        if m.sure {
            "sure"
        } else {
            "unsure: not checked"
        },
        m.citations.len(),
        m.annexes.len()
    )?;
    for n in &m.notes {
        writeln!(out, "{:>5}  note: {}", line(doc, n.span), n.message)?;
    }
    for p in &m.parts {
        writeln!(out, "{:>5}  part: {}", line(doc, p.span), p.kind.name())?;
    }
    for a in &m.articles {
        let title = a.title.as_deref().unwrap_or("");
        let amending = if a.amending { " [amending]" } else { "" };
        writeln!(
            out,
            "{:>5}    {} {title}{amending}",
            line(doc, a.heading_span),
            &doc.text()[a.heading_span.start..a.heading_span.end]
        )?;
        for p in &a.paragraphs {
            let number = p
                .number
                .as_deref()
                .map_or_else(|| "(unnumbered)".to_string(), |n| format!("{n}."));
            let points = point_labels(p);
            let points = if points.is_empty() {
                String::new()
            } else {
                format!(", points {points}")
            };
            writeln!(
                out,
                "{:>5}      paragraph {number} {} subparagraph(s){points}",
                line(doc, p.label_span.unwrap_or(p.span)),
                p.subparagraphs
            )?;
        }
    }
    for a in &m.annexes {
        writeln!(
            out,
            "{:>5}    Annex {}",
            line(doc, a.heading_span),
            a.number.as_deref().unwrap_or("(unnumbered)")
        )?;
    }
    Ok(())
}
