//! The shape the JSON dumps share: every element of the model carries its 1-based
//! `line` and its `byte_start`/`byte_end` (offsets into the file's bytes) beside its
//! own fields. The views are serialised to a `serde_json::Value`, whose objects keep
//! their keys sorted: the field order of a view does not matter.

use serde::Serialize;

use crate::document::{Document, ParseNote, Span};

/// An element with its place in the file.
#[derive(Serialize)]
pub(super) struct Placed<T> {
    line: usize,
    byte_start: usize,
    byte_end: usize,
    #[serde(flatten)]
    fields: T,
}

/// `fields` placed at `span`.
pub(super) fn placed<T>(doc: &Document, span: Span, fields: T) -> Placed<T> {
    Placed {
        line: doc.source.position(span.start).line,
        byte_start: doc.source.file_offset(span.start),
        byte_end: doc.source.file_offset(span.end),
        fields,
    }
}

/// Each item of `items` placed at its span, viewed by `view`.
pub(super) fn all<'a, I: 'a, T>(
    doc: &Document,
    items: &'a [I],
    span: impl Fn(&I) -> Span,
    view: impl Fn(&'a I) -> T,
) -> Vec<Placed<T>> {
    items
        .iter()
        .map(|i| placed(doc, span(i), view(i)))
        .collect()
}

#[derive(Serialize)]
pub(super) struct Note<'a> {
    message: &'a str,
}

/// Parse notes, placed.
pub(super) fn notes<'a>(doc: &Document, notes: &'a [ParseNote]) -> Vec<Placed<Note<'a>>> {
    all(
        doc,
        notes,
        |n| n.span,
        |n| Note {
            message: &n.message,
        },
    )
}
