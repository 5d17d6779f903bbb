//! The model of legislative text in `policylint dump` (tree and JSON): the parts,
//! citations, recitals, articles with their paragraphs and points, annexes, and the
//! notes that say where the model is unsure.

use std::io::{self, Write};

use serde_json::{json, Map, Value};

use crate::document::legislative::{self, LegalModel, LegalParagraph};
use crate::document::{Document, Span};

fn line(doc: &Document, span: Span) -> usize {
    doc.source.position(span.start).line
}

fn place(doc: &Document, span: Span) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("line".into(), json!(line(doc, span)));
    m.insert(
        "byte_start".into(),
        json!(doc.source.file_offset(span.start)),
    );
    m.insert("byte_end".into(), json!(doc.source.file_offset(span.end)));
    m
}

fn with(mut m: Map<String, Value>, fields: Value) -> Value {
    if let Value::Object(f) = fields {
        m.extend(f);
    }
    Value::Object(m)
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
    model_value(doc, &m)
}

fn model_value(doc: &Document, m: &LegalModel) -> Value {
    let parts: Vec<Value> = m
        .parts
        .iter()
        .map(|p| with(place(doc, p.span), json!({"kind": p.kind})))
        .collect();
    let recitals: Vec<Value> = m
        .recitals
        .iter()
        .map(|r| with(place(doc, r.label_span), json!({"number": r.number})))
        .collect();
    let articles: Vec<Value> = m
        .articles
        .iter()
        .map(|a| {
            let paragraphs: Vec<Value> = a
                .paragraphs
                .iter()
                .map(|p| {
                    let points: Vec<Value> = p
                        .points
                        .iter()
                        .map(|q| {
                            with(
                                place(doc, q.label_span),
                                json!({"label": q.label, "written": q.written,
                                       "scheme": q.scheme, "depth": q.depth}),
                            )
                        })
                        .collect();
                    with(
                        place(doc, p.label_span.unwrap_or(p.span)),
                        json!({"number": p.number, "subparagraphs": p.subparagraphs,
                               "points": points}),
                    )
                })
                .collect();
            with(
                place(doc, a.heading_span),
                json!({"number": a.number, "title": a.title, "amending": a.amending,
                       "paragraphs": paragraphs}),
            )
        })
        .collect();
    let annexes: Vec<Value> = m
        .annexes
        .iter()
        .map(|a| with(place(doc, a.heading_span), json!({"number": a.number})))
        .collect();
    let notes: Vec<Value> = m
        .notes
        .iter()
        .map(|n| with(place(doc, n.span), json!({"message": n.message})))
        .collect();
    json!({
        "sure": m.sure,
        "recitals_sure": m.recitals_sure,
        "annexes_sure": m.annexes_sure,
        "parts": parts,
        "citations": m.citations.len(),
        "recitals": recitals,
        "articles": articles,
        "annexes": annexes,
        "notes": notes,
    })
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
