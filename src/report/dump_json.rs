//! `policylint dump --format json`: the recovered document model, every element with
//! its 1-based `line` and `byte_start`/`byte_end` (offsets into the file's bytes).

use std::io::{self, Write};

use serde_json::{json, Map, Value};

use crate::document::{Document, Span};

/// Line and file byte range of a span, as JSON fields.
fn place(doc: &Document, span: Span) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("line".into(), json!(doc.source.position(span.start).line));
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

/// The dump as a JSON value, with the built-in pack of the document's language.
pub fn to_value(doc: &Document) -> Value {
    to_value_with(doc, crate::pack::Pack::builtin(doc.language))
}

/// The dump as a JSON value; key-action support is computed with `pack` (the pack in
/// force, as configuration extends it).
pub fn to_value_with(doc: &Document, pack: &crate::pack::Pack) -> Value {
    let pages: Vec<Value> = doc
        .pages
        .iter()
        .map(|p| {
            with(
                place(doc, p.span),
                json!({"number": p.number.unwrap_or(p.index as u32), "index": p.index}),
            )
        })
        .collect();
    let headings: Vec<Value> = doc
        .headings
        .iter()
        .map(|h| {
            with(
                place(doc, h.span),
                json!({"level": h.level, "number": h.number, "title": h.title.as_str()}),
            )
        })
        .collect();
    let points: Vec<Value> = doc
        .points
        .iter()
        .map(|p| {
            with(
                place(doc, p.label_span),
                json!({"label": p.label, "depth": p.depth, "scheme": p.scheme, "value": p.value}),
            )
        })
        .collect();
    let supports = if doc.boxes.is_empty() {
        None
    } else {
        Some(crate::rules::key_actions::support_shared(doc, pack))
    };
    let support_of = |bi: usize, ii: usize| -> Value {
        let Some(s) = supports.as_ref().and_then(|all| {
            all.iter()
                .find(|s| s.box_index == bi && s.item_index == ii)
                .cloned()
        }) else {
            return Value::Null;
        };
        json!({
            "score": (s.score * 100.0).round() / 100.0,
            "passage_line": s.passage.as_ref().map(|p| doc.line_of(p.span.start)),
            "passage_byte_start": s.passage.as_ref().map(|p| p.span.start),
            "passage_byte_end": s.passage.as_ref().map(|p| p.span.end),
            "missing_terms": s.missing_terms,
        })
    };
    let boxes: Vec<Value> = doc
        .boxes
        .iter()
        .enumerate()
        .map(|(bi, b)| {
            let frames: Vec<Value> = b
                .frames
                .iter()
                .map(|f| {
                    with(
                        place(doc, f.span),
                        json!({"actor": f.actor, "text": f.text.as_str()}),
                    )
                })
                .collect();
            let items: Vec<Value> = b
                .items
                .iter()
                .enumerate()
                .map(|(ii, i)| {
                    let actor = i
                        .frame
                        .and_then(|k| b.frames.get(k))
                        .and_then(|f| f.actor.clone());
                    with(
                        place(doc, i.span),
                        json!({"actor": actor, "text": i.text.as_str(), "support": support_of(bi, ii)}),
                    )
                })
                .collect();
            with(
                place(doc, b.span),
                json!({"title": b.title, "frames": frames, "items": items}),
            )
        })
        .collect();
    let refs: Vec<Value> = doc
        .footnote_refs
        .iter()
        .map(|r| {
            let p = doc.source.position(r.span.start);
            with(
                place(doc, r.span),
                json!({"number": r.number, "label": r.label, "column": p.column, "style": r.style}),
            )
        })
        .collect();
    let defs: Vec<Value> = doc
        .footnote_defs
        .iter()
        .map(|d| {
            with(
                place(doc, d.span),
                json!({"number": d.number, "label": d.label, "text": d.text.as_str(), "in_body": d.in_body}),
            )
        })
        .collect();
    let paragraphs: Vec<Value> = doc
        .paragraphs
        .iter()
        .map(|p| {
            let span = p.text.span();
            with(
                place(doc, span),
                json!({"end_line": doc.source.position(span.end.saturating_sub(1).max(span.start)).line,
                       "kind": p.kind, "text": p.text.as_str()}),
            )
        })
        .collect();
    let links: Vec<Value> = doc
        .links
        .iter()
        .map(|l| {
            with(
                place(doc, l.span),
                json!({"text": l.text, "target": l.target}),
            )
        })
        .collect();
    let notes: Vec<Value> = doc
        .notes
        .iter()
        .map(|n| with(place(doc, n.span), json!({"message": n.message})))
        .collect();
    let commitments: Vec<Value> =
        crate::rules::commitments::register_dated_by_body(doc, pack, None, false, false)
            .iter()
            .map(|c| {
                with(
                    place(doc, c.span),
                    json!({"actor": c.actor, "kind": c.kind, "status": c.status,
                       "time": c.time.as_ref().map(|t| &t.text)}),
                )
            })
            .collect();
    json!({
        "path": doc.source.path,
        "language": doc.language.code(),
        "format": doc.format,
        "profile": *crate::document::profile::of(doc),
        "layout": doc.layout.as_ref().map(|l| json!({
            "family": l.family.name(),
            "confidence": l.confidence,
            "evidence": l.evidence,
        })),
        "unsupported_language": doc.unsupported_language,
        "pages": pages,
        "headings": headings,
        "points": points,
        "key_action_boxes": boxes,
        "footnote_references": refs,
        "footnote_definitions": defs,
        "paragraphs": paragraphs,
        "sentences": doc.sentences.len(),
        "links": links,
        "notes": notes,
        "commitments": commitments,
        "legislative": super::dump_legal::to_value(doc),
    })
}

pub fn write(doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    write_with(doc, crate::pack::Pack::builtin(doc.language), out)
}

/// The dump with the pack in force (see [`to_value_with`]).
pub fn write_with(doc: &Document, pack: &crate::pack::Pack, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_value_with(doc, pack))?;
    writeln!(out)
}
