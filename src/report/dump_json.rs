//! `policylint dump --format json`: the recovered document model, every element with
//! its 1-based `line` and `byte_start`/`byte_end` (offsets into the file's bytes).
//! The dump is a view of the model (`DumpView`) serialised through `Serialize`.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;

use super::dump_view::{all, notes, placed, Note, Placed};
use crate::document::profile::ProfileVerdict;
use crate::document::{Document, Format, KeyActionBox, ParagraphKind, RefStyle, Scheme};
use crate::rules::commitments::{Commitment, CommitmentKind, Status};
use crate::rules::key_actions::ItemSupport;

#[derive(Serialize)]
struct DumpView<'a> {
    path: &'a str,
    language: &'static str,
    format: Format,
    profile: &'a ProfileVerdict,
    layout: Option<LayoutView<'a>>,
    unsupported_language: Option<&'static str>,
    pages: Vec<Placed<PageView>>,
    headings: Vec<Placed<HeadingView<'a>>>,
    points: Vec<Placed<PointView<'a>>>,
    key_action_boxes: Vec<Placed<BoxView<'a>>>,
    tables: Vec<Placed<TableView<'a>>>,
    footnote_references: Vec<Placed<RefView<'a>>>,
    footnote_definitions: Vec<Placed<DefView<'a>>>,
    paragraphs: Vec<Placed<ParagraphView<'a>>>,
    sentences: usize,
    links: Vec<Placed<LinkView<'a>>>,
    notes: Vec<Placed<Note<'a>>>,
    commitments: Vec<Placed<CommitmentView<'a>>>,
    legislative: Value,
}

#[derive(Serialize)]
struct LayoutView<'a> {
    family: &'static str,
    confidence: f32,
    evidence: &'a [String],
}

#[derive(Serialize)]
struct PageView {
    number: u32,
    index: usize,
}

#[derive(Serialize)]
struct HeadingView<'a> {
    level: u8,
    number: Option<&'a str>,
    title: &'a str,
}

#[derive(Serialize)]
struct PointView<'a> {
    label: &'a str,
    depth: u8,
    scheme: Scheme,
    value: u32,
}

#[derive(Serialize)]
struct BoxView<'a> {
    title: &'a str,
    frames: Vec<Placed<FrameView<'a>>>,
    items: Vec<Placed<ItemView<'a>>>,
}

#[derive(Serialize)]
struct TableView<'a> {
    /// 1-based page.
    page: usize,
    rows: Vec<Vec<Placed<CellView<'a>>>>,
}

#[derive(Serialize)]
struct CellView<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct FrameView<'a> {
    actor: Option<&'a str>,
    text: &'a str,
}

#[derive(Serialize)]
struct ItemView<'a> {
    actor: Option<&'a str>,
    text: &'a str,
    support: Option<SupportView<'a>>,
}

/// How the body supports a box item (offsets into the text, not the file).
#[derive(Serialize)]
struct SupportView<'a> {
    score: f64,
    passage_line: Option<usize>,
    passage_byte_start: Option<usize>,
    passage_byte_end: Option<usize>,
    missing_terms: &'a [String],
}

#[derive(Serialize)]
struct RefView<'a> {
    number: Option<u32>,
    label: &'a str,
    column: usize,
    style: RefStyle,
}

#[derive(Serialize)]
struct DefView<'a> {
    number: Option<u32>,
    label: Option<&'a str>,
    text: &'a str,
    in_body: bool,
}

#[derive(Serialize)]
struct ParagraphView<'a> {
    end_line: usize,
    kind: ParagraphKind,
    text: &'a str,
}

#[derive(Serialize)]
struct LinkView<'a> {
    text: &'a str,
    target: &'a str,
}

#[derive(Serialize)]
struct CommitmentView<'a> {
    actor: &'a str,
    kind: CommitmentKind,
    status: Status,
    time: Option<&'a str>,
}

/// The dump as a JSON value, with the built-in pack of the document's language.
pub fn to_value(doc: &Document) -> Value {
    to_value_with(doc, crate::pack::Pack::builtin(doc.language))
}

/// The dump as a JSON value; key-action support is computed with `pack` (the pack in
/// force, as configuration extends it).
pub fn to_value_with(doc: &Document, pack: &crate::pack::Pack) -> Value {
    let supports = if doc.boxes.is_empty() {
        None
    } else {
        Some(crate::rules::key_actions::support_shared(doc, pack))
    };
    let commitments =
        crate::rules::commitments::register_dated_by_body(doc, pack, None, false, false);
    let profile = crate::document::profile::of(doc);
    let view = DumpView {
        path: &doc.source.path,
        language: doc.language.code(),
        format: doc.format,
        profile: &profile,
        layout: doc.layout.as_ref().map(|l| LayoutView {
            family: l.family.name(),
            confidence: l.confidence,
            evidence: &l.evidence,
        }),
        unsupported_language: doc.unsupported_language,
        pages: all(
            doc,
            &doc.pages,
            |p| p.span,
            |p| PageView {
                number: p.number.unwrap_or(p.index as u32),
                index: p.index,
            },
        ),
        headings: all(
            doc,
            &doc.headings,
            |h| h.span,
            |h| HeadingView {
                level: h.level,
                number: h.number.as_deref(),
                title: h.title.as_str(),
            },
        ),
        points: all(
            doc,
            &doc.points,
            |p| p.label_span,
            |p| PointView {
                label: &p.label,
                depth: p.depth,
                scheme: p.scheme,
                value: p.value,
            },
        ),
        key_action_boxes: boxes(doc, supports.as_deref().map(Vec::as_slice)),
        tables: all(
            doc,
            &doc.tables,
            |t| t.span,
            |t| TableView {
                page: t.page + 1,
                rows: t
                    .rows
                    .iter()
                    .map(|r| {
                        all(
                            doc,
                            r,
                            |c| c.span,
                            |c| CellView {
                                text: c.text.as_str(),
                            },
                        )
                    })
                    .collect(),
            },
        ),
        footnote_references: all(
            doc,
            &doc.footnote_refs,
            |r| r.span,
            |r| RefView {
                number: r.number,
                label: &r.label,
                column: doc.source.position(r.span.start).column,
                style: r.style,
            },
        ),
        footnote_definitions: all(
            doc,
            &doc.footnote_defs,
            |d| d.span,
            |d| DefView {
                number: d.number,
                label: d.label.as_deref(),
                text: d.text.as_str(),
                in_body: d.in_body,
            },
        ),
        paragraphs: all(
            doc,
            &doc.paragraphs,
            |p| p.text.span(),
            |p| {
                let span = p.text.span();
                ParagraphView {
                    end_line: doc
                        .source
                        .position(span.end.saturating_sub(1).max(span.start))
                        .line,
                    kind: p.kind,
                    text: p.text.as_str(),
                }
            },
        ),
        sentences: doc.sentences.len(),
        links: all(
            doc,
            &doc.links,
            |l| l.span,
            |l| LinkView {
                text: &l.text,
                target: &l.target,
            },
        ),
        notes: notes(doc, &doc.notes),
        commitments: all(doc, &commitments, |c| c.span, commitment),
        legislative: super::dump_legal::to_value(doc),
    };
    serde_json::to_value(view).unwrap_or(Value::Null)
}

fn commitment(c: &Commitment) -> CommitmentView<'_> {
    CommitmentView {
        actor: &c.actor,
        kind: c.kind,
        status: c.status,
        time: c.time.as_ref().map(|t| t.text.as_str()),
    }
}

/// The key-action boxes with their frames and items; each item with its support (the
/// first one recorded for it).
fn boxes<'a>(doc: &'a Document, supports: Option<&'a [ItemSupport]>) -> Vec<Placed<BoxView<'a>>> {
    let mut support_of: HashMap<(usize, usize), &ItemSupport> = HashMap::new();
    for s in supports.unwrap_or_default() {
        support_of.entry((s.box_index, s.item_index)).or_insert(s);
    }
    let support = |s: &'a ItemSupport| SupportView {
        score: (s.score * 100.0).round() / 100.0,
        passage_line: s.passage.as_ref().map(|p| doc.line_of(p.span.start)),
        passage_byte_start: s.passage.as_ref().map(|p| p.span.start),
        passage_byte_end: s.passage.as_ref().map(|p| p.span.end),
        missing_terms: &s.missing_terms,
    };
    doc.boxes
        .iter()
        .enumerate()
        .map(|(bi, b): (usize, &'a KeyActionBox)| {
            let items = b
                .items
                .iter()
                .enumerate()
                .map(|(ii, i)| {
                    let actor = i
                        .frame
                        .and_then(|k| b.frames.get(k))
                        .and_then(|f| f.actor.as_deref());
                    placed(
                        doc,
                        i.span,
                        ItemView {
                            actor,
                            text: i.text.as_str(),
                            support: support_of.get(&(bi, ii)).map(|s| support(s)),
                        },
                    )
                })
                .collect();
            placed(
                doc,
                b.span,
                BoxView {
                    title: &b.title,
                    frames: all(
                        doc,
                        &b.frames,
                        |f| f.span,
                        |f| FrameView {
                            actor: f.actor.as_deref(),
                            text: f.text.as_str(),
                        },
                    ),
                    items,
                },
            )
        })
        .collect()
}

pub fn write(doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    write_with(doc, crate::pack::Pack::builtin(doc.language), out)
}

/// The dump with the pack in force (see [`to_value_with`]).
pub fn write_with(doc: &Document, pack: &crate::pack::Pack, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_value_with(doc, pack))?;
    writeln!(out)
}
