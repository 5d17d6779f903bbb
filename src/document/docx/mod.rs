//! Word (`.docx`) input. The model comes from Word's own structure, not from guessing:
//! headings from paragraph styles and outline levels, numbered points from `w:numPr`
//! with the labels Word displays (computed from `numbering.xml`), native footnotes and
//! endnotes paired with their references by id, tables, text boxes and framed
//! paragraph groups, hyperlinks with their targets, cross-reference fields.
//!
//! Phases, one file each: [`package`] (the zip, with limits) → [`parts`] (styles,
//! numbering, relationships, comments) → [`blocks`] (paragraphs, runs, tables; tracked
//! changes resolved as if accepted) → [`model`] (the [`Document`] and its canonical
//! text rendering, which every span points into). [`facts`] is what the draft rules
//! (DR…) read; [`annotate`] writes findings back as Word comments.
//!
//! XML is read with roxmltree: a DOM that keeps every node's byte range in the part,
//! which `annotate` needs to put comment marks at exact places in `document.xml`
//! while copying everything else verbatim.

pub mod annotate;
pub mod blocks;
pub mod facts;
pub mod model;
pub mod package;
pub mod parts;

use std::collections::HashMap;

pub use facts::DraftFacts;

use super::load::LoadError;
use super::Document;
use crate::lang::Language;
use blocks::{Block, Walk, Walker};
use parts::{parse_xml, Numbering, Rels, Styles};

/// Build the document model of a Word file.
pub fn load(path: &str, bytes: &[u8], language: Option<Language>) -> Result<Document, LoadError> {
    load_mapped(path, bytes, language).map(|(doc, _)| doc)
}

/// The model and the map from its rendering back to `word/document.xml`.
pub fn load_mapped(
    path: &str,
    bytes: &[u8],
    language: Option<Language>,
) -> Result<(Document, model::Anchors), LoadError> {
    let mut package = package::Package::open(bytes)?;
    let document = package
        .part("word/document.xml")?
        .ok_or_else(|| LoadError::new("the zip has no word/document.xml"))?;
    let styles_xml = package.part("word/styles.xml")?;
    let numbering_xml = package.part("word/numbering.xml")?;
    let footnotes_xml = package.part("word/footnotes.xml")?;
    let endnotes_xml = package.part("word/endnotes.xml")?;
    let comments_xml = package.part("word/comments.xml")?;
    let extended_xml = package.part("word/commentsExtended.xml")?;
    let rels_xml = package.part("word/_rels/document.xml.rels")?;
    let foot_rels_xml = package.part("word/_rels/footnotes.xml.rels")?;
    let end_rels_xml = package.part("word/_rels/endnotes.xml.rels")?;

    let mut notes: Vec<String> = Vec::new();
    // Optional parts: a damaged one is left out with a note, not a failure.
    macro_rules! optional {
        ($xml:expr, $name:literal, $parse:expr) => {
            match $xml.as_deref().map(|t| parse_xml($name, t)) {
                Some(Ok(x)) => Some($parse(&x)),
                Some(Err(e)) => {
                    notes.push(format!("{e}; left out"));
                    None
                }
                None => None,
            }
        };
    }
    let styles = optional!(styles_xml, "word/styles.xml", Styles::parse).unwrap_or_default();
    let numbering =
        optional!(numbering_xml, "word/numbering.xml", Numbering::parse).unwrap_or_default();
    let rels = optional!(rels_xml, "word/_rels/document.xml.rels", Rels::parse).unwrap_or_default();
    let foot_rels =
        optional!(foot_rels_xml, "word/_rels/footnotes.xml.rels", Rels::parse).unwrap_or_default();
    let end_rels =
        optional!(end_rels_xml, "word/_rels/endnotes.xml.rels", Rels::parse).unwrap_or_default();
    let done = optional!(
        extended_xml,
        "word/commentsExtended.xml",
        parts::done_comments
    )
    .unwrap_or_default();
    let comments = optional!(comments_xml, "word/comments.xml", |x| parts::comments(
        x, &done
    ))
    .unwrap_or_default();

    let mut walk = Walk::default();
    let body_xml = parse_xml("word/document.xml", &document)?;
    let body = body_xml
        .root_element()
        .children()
        .find(|c| c.tag_name().name() == "body")
        .ok_or_else(|| LoadError::new("word/document.xml has no body"))?;
    let body_blocks = Walker::new(&mut walk, &rels).blocks(body, 0);
    let footnotes = match footnotes_xml.as_deref() {
        Some(t) => note_blocks(
            parse_xml("word/footnotes.xml", t),
            "footnote",
            &mut walk,
            &foot_rels,
            &mut notes,
        ),
        None => HashMap::new(),
    };
    let endnotes = match endnotes_xml.as_deref() {
        Some(t) => note_blocks(
            parse_xml("word/endnotes.xml", t),
            "endnote",
            &mut walk,
            &end_rels,
            &mut notes,
        ),
        None => HashMap::new(),
    };
    let too_deep = walk.too_deep;
    if walk.alt_chunks > 0 {
        notes.push(format!(
            "{} imported chunks (altChunk: HTML or RTF pasted into the document) are not read",
            walk.alt_chunks
        ));
    }
    let model_parts = model::Parts {
        styles: &styles,
        numbering: &numbering,
        comments: &comments,
        bookmarks: &walk.bookmarks,
        footnotes: &footnotes,
        endnotes: &endnotes,
    };
    let source = crate::source::SourceFile::rendered(path, String::new(), Default::default());
    let mut builder = model::Builder::new(model_parts, source);
    builder.body(&body_blocks);
    builder.notes();
    let (mut doc, anchors) = builder.finish(path, language);
    if too_deep > 0 {
        notes.push(format!(
            "{too_deep} tables or text boxes nested too deep; their content is left out"
        ));
    }
    for message in notes {
        doc.notes.push(super::ParseNote {
            span: super::Span::new(0, 0),
            message,
        });
    }
    Ok((doc, anchors))
}

/// The notes of `footnotes.xml` / `endnotes.xml` by id (separators left out).
fn note_blocks(
    xml: Result<roxmltree::Document<'_>, LoadError>,
    tag: &str,
    walk: &mut Walk,
    rels: &Rels,
    notes: &mut Vec<String>,
) -> HashMap<String, Vec<Block>> {
    let xml = match xml {
        Ok(x) => x,
        Err(e) => {
            notes.push(format!("{e}; the notes are left out"));
            return HashMap::new();
        }
    };
    let mut out = HashMap::new();
    for n in xml
        .root_element()
        .children()
        .filter(|c| c.tag_name().name() == tag)
    {
        if matches!(
            parts::attr(n, "type"),
            Some("separator" | "continuationSeparator" | "continuationNotice")
        ) {
            continue;
        }
        if let Some(id) = parts::attr(n, "id") {
            let blocks = Walker::new(walk, rels).blocks(n, 0);
            out.insert(id.to_string(), blocks);
        }
    }
    out
}
