//! Write findings back into a Word document as comments (author "policylint"), each
//! anchored on its span: `w:commentRangeStart` / `w:commentRangeEnd` around the text
//! and a `w:commentReference` run after it, the comment text "CODE message — help" in
//! `word/comments.xml`.
//!
//! Only `word/document.xml`, `word/comments.xml` and, when comments.xml is new,
//! `[Content_Types].xml` and `word/_rels/document.xml.rels` are rewritten; every other
//! entry is copied raw (compressed bytes as they were). Running again replaces the
//! comments policylint wrote before and keeps the drafters' comments; when Word has
//! saved the file in between, the entries of the removed comments are also dropped
//! from its companion parts (`commentsExtended.xml`, `commentsIds.xml`,
//! `commentsExtensible.xml`), which are otherwise left untouched.
//!
//! Positions: the model's anchors map each piece of the rendering back to the `w:t`
//! it came from; a comment boundary inside a `w:t` splits the run there (the second
//! half gets the same run properties). A finding on text without a `w:t` of its own
//! (a list label, a footnote text) is anchored on its paragraph, or on the note's
//! reference mark.

use std::collections::HashSet;
use std::io::{Cursor, Read, Write};
use std::path::Path;

use super::model::Anchors;
use super::parts::{attr, parse_xml};
use crate::document::load::LoadError;
use crate::document::Document;
use crate::finding::Finding;

/// The author of policylint's comments.
pub const AUTHOR: &str = "policylint";

const MAIN_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const COMMENTS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const COMMENTS_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";

/// What annotate did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub written: usize,
    /// policylint comments of an earlier run that were removed.
    pub replaced: usize,
}

/// One text edit: replace `start..end` of the original with `text`.
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

fn apply(original: &str, mut edits: Vec<Edit>) -> String {
    // Stable: edits at the same place keep the order they were made in.
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(original.len() + edits.len() * 64);
    let mut at = 0;
    for e in edits {
        if e.start < at {
            continue;
        }
        out.push_str(&original[at..e.start]);
        out.push_str(&e.text);
        at = e.end;
    }
    out.push_str(&original[at..]);
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The byte offset in raw XML character data where the `k`-th decoded byte starts.
fn raw_offset(raw: &str, k: usize) -> usize {
    let mut decoded = 0;
    let mut i = 0;
    let bytes = raw.as_bytes();
    while i < raw.len() && decoded < k {
        if bytes[i] == b'&' {
            if let Some(semi) = raw[i..].find(';').filter(|s| *s <= 12) {
                let entity = &raw[i + 1..i + semi];
                let len = match entity {
                    "amp" | "lt" | "gt" | "quot" | "apos" => 1,
                    e if e.starts_with("#x") || e.starts_with("#X") => {
                        u32::from_str_radix(&e[2..], 16)
                            .ok()
                            .and_then(char::from_u32)
                            .map_or(1, char::len_utf8)
                    }
                    e if e.starts_with('#') => e[1..]
                        .parse::<u32>()
                        .ok()
                        .and_then(char::from_u32)
                        .map_or(1, char::len_utf8),
                    _ => 1,
                };
                decoded += len;
                i += semi + 1;
                continue;
            }
        }
        let len = raw[i..].chars().next().map_or(1, char::len_utf8);
        decoded += len;
        i += len;
    }
    i
}

/// Where one boundary of a comment goes in document.xml.
enum Place {
    /// Inside a `w:t`: split the run at `raw`.
    Split {
        raw: usize,
        tag: std::ops::Range<usize>,
        rpr: Option<std::ops::Range<usize>>,
    },
    /// Between elements (paragraph start or end, before or after a run).
    At(usize),
}

/// The XML places of a finding's span: (start, end, prefix for the comment text).
fn locate(
    doc: &Document,
    anchors: &Anchors,
    xml: &str,
    f: &Finding,
) -> Option<(Place, Place, String, Option<usize>)> {
    let facts = doc.draft.as_ref()?;
    let text = doc.text();
    let (mut s, mut e) = (f.span.start, f.span.end.max(f.span.start));
    // Whitespace at the ends (a blank line between blocks) is nowhere in the XML.
    if let Some(t) = text.get(s..e) {
        if !t.trim().is_empty() {
            e = s + t.trim_end().len();
            s += t.len() - t.trim_start().len();
        }
    }
    let mut prefix = String::new();
    // A comment never wraps a footnote reference (LibreOffice drops the note's text
    // when one does): what is on a mark, or in a note, goes on the word before the
    // mark.
    let mark_at = |o: usize| {
        let i = anchors
            .marks
            .partition_point(|(r, _)| r.start <= o)
            .checked_sub(1)?;
        anchors
            .marks
            .get(i)
            .map(|(r, _)| r.clone())
            .filter(|r| o < r.end)
    };
    if s >= facts.body_end && facts.body_end > 0 {
        let i = anchors
            .notes
            .partition_point(|(r, _)| r.start <= s)
            .checked_sub(1)?;
        let (range, mark) = anchors.notes.get(i).filter(|(r, _)| s <= r.end)?;
        let number = text
            .get(range.start..range.end)
            .and_then(|t| t.strip_prefix("[^"))
            .and_then(|t| t.split(']').next())
            .unwrap_or("");
        prefix = format!("In note {number}: ");
        let w = super::model::word_at(text, mark.start);
        (s, e) = (w.start, w.end);
    } else if let Some(m) = mark_at(s) {
        if e <= m.end {
            let w = super::model::word_at(text, m.start);
            (s, e) = (w.start, w.end);
        } else {
            s = m.end;
        }
    }
    if let Some(m) = mark_at(e.saturating_sub(1)).filter(|m| m.start > s) {
        e = m.start;
    }
    if e <= s {
        e = s + 1;
    }
    let texts = &anchors.texts;
    let start = {
        let i = texts.partition_point(|(r, _, _)| r.end <= s);
        texts
            .get(i)
            .filter(|(r, _, _)| r.start < e)
            .map(|(r, x, skip)| {
                s = s.max(r.start);
                if let Some(rv) = &x.revision {
                    return Place::At(rv.start);
                }
                if s == r.start && *skip == 0 && x.first {
                    return Place::At(x.run.start);
                }
                let raw_text = &xml[x.raw.clone()];
                Place::Split {
                    raw: x.raw.start + raw_offset(raw_text, skip + (s - r.start)),
                    tag: x.tag.clone(),
                    rpr: x.rpr.clone(),
                }
            })
    };
    let end = {
        let i = texts.partition_point(|(r, _, _)| r.start < e);
        i.checked_sub(1)
            .and_then(|i| texts.get(i))
            .filter(|(r, _, _)| r.end > s)
            .map(|(r, x, skip)| {
                let reference = x.para_revised.then_some(x.para_end);
                (end_place(xml, r, x, *skip, e), reference)
            })
    };
    match (start, end) {
        (Some(a), Some((b, reference))) => Some((a, b, prefix, reference)),
        _ => {
            // No text of its own: the whole paragraph.
            let i = anchors
                .paras
                .partition_point(|(r, _, _, _)| r.start <= s)
                .checked_sub(1)?;
            let (_, ps, pe, _) = anchors.paras.get(i).filter(|(r, _, _, _)| s <= r.end)?;
            Some((Place::At(*ps), Place::At(*pe), prefix, None))
        }
    }
}

/// Where a comment ends inside the text anchored by `x` (rendered range `r`).
fn end_place(
    xml: &str,
    r: &std::ops::Range<usize>,
    x: &super::blocks::TextXml,
    skip: usize,
    e: usize,
) -> Place {
    let e = e.min(r.end);
    if let Some(rv) = &x.revision {
        return Place::At(rv.end);
    }
    let raw_text = &xml[x.raw.clone()];
    if e == r.end && x.last && raw_offset(raw_text, skip + (e - r.start)) == raw_text.len() {
        return Place::At(x.run.end);
    }
    Place::Split {
        raw: x.raw.start + raw_offset(raw_text, skip + (e - r.start)),
        tag: x.tag.clone(),
        rpr: x.rpr.clone(),
    }
}

fn position(p: &Place) -> usize {
    match p {
        Place::Split { raw, .. } => *raw,
        Place::At(a) => *a,
    }
}

/// The markup for a boundary: split a run if needed around `mark`.
fn boundary(
    xml: &str,
    p: &Place,
    mark: &str,
    edits: &mut Vec<Edit>,
    preserved: &mut HashSet<usize>,
) {
    match p {
        Place::At(at) => edits.push(Edit {
            start: *at,
            end: *at,
            text: mark.to_string(),
        }),
        Place::Split { raw, tag, rpr } => {
            // Spaces at the split must survive: xml:space="preserve" on the w:t.
            let tag_text = &xml[tag.clone()];
            if !tag_text.contains("xml:space") && preserved.insert(tag.start) {
                let name_end = tag_text
                    .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                    .unwrap_or(tag_text.len());
                edits.push(Edit {
                    start: tag.start + name_end,
                    end: tag.start + name_end,
                    text: " xml:space=\"preserve\"".into(),
                });
            }
            let rpr = rpr.clone().map_or("", |r| &xml[r]);
            let t_name = &tag_text[1..tag_text
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(tag_text.len())];
            let r_name = t_name.replace(":t", ":r");
            let r_name = if r_name == "t" {
                "r".to_string()
            } else {
                r_name
            };
            edits.push(Edit {
                start: *raw,
                end: *raw,
                text: format!(
                    "</{t_name}></{r_name}>{mark}<{r_name}>{rpr}<{t_name} xml:space=\"preserve\">"
                ),
            });
        }
    }
}

/// The comment text: "CODE message — help".
fn comment_text(f: &Finding, prefix: &str) -> String {
    let mut s = format!("{prefix}{} {}", f.code, f.message);
    if let Some(h) = &f.help {
        s.push_str(" — ");
        s.push_str(h);
    }
    s
}

/// Annotate a Word document's bytes with the findings of its model (`doc` and
/// `anchors` from [`super::load_mapped`] of the same bytes).
pub fn annotate(
    bytes: &[u8],
    doc: &Document,
    anchors: &Anchors,
    findings: &[Finding],
) -> Result<(Vec<u8>, Summary), LoadError> {
    let mut package = super::package::Package::open(bytes)?;
    let document = package
        .part("word/document.xml")?
        .ok_or_else(|| LoadError::new("no word/document.xml"))?;
    let comments = package.part("word/comments.xml")?;
    let types = package.part("[Content_Types].xml")?;
    let rels = package.part("word/_rels/document.xml.rels")?;

    let dom = parse_xml("word/document.xml", &document)?;
    if dom.root_element().lookup_prefix(MAIN_NS) != Some("w") {
        return Err(LoadError::new(
            "word/document.xml does not use the usual `w` prefix; not annotated",
        ));
    }
    // policylint's comments of an earlier run.
    let mut own: HashSet<String> = HashSet::new();
    let mut own_paras: HashSet<String> = HashSet::new();
    let mut max_id: i64 = 0;
    let mut comment_edits = Vec::new();
    if let Some(c) = &comments {
        let cdom = parse_xml("word/comments.xml", c)?;
        for n in cdom
            .root_element()
            .children()
            .filter(|n| n.tag_name().name() == "comment")
        {
            let id = attr(n, "id").unwrap_or("");
            if attr(n, "author") != Some(AUTHOR) {
                max_id = max_id.max(id.parse().unwrap_or(0));
            } else {
                own.insert(id.to_string());
                // Word adds paragraph ids when it saves; the companion parts refer
                // to them.
                for p in n.descendants().filter(|d| d.tag_name().name() == "p") {
                    if let Some(pid) = attr(p, "paraId") {
                        own_paras.insert(pid.to_string());
                    }
                }
                comment_edits.push(Edit {
                    start: n.range().start,
                    end: n.range().end,
                    text: String::new(),
                });
            }
        }
    }
    let mut edits = Vec::new();
    for n in dom.descendants().filter(|n| n.is_element()) {
        let name = n.tag_name().name();
        let id = attr(n, "id").unwrap_or("");
        // New comment ids stay clear of every id the document uses (revisions,
        // bookmarks, notes): LibreOffice drops a footnote's text when a comment has
        // the footnote's id.
        if !(name.starts_with("comment") && own.contains(id)) {
            max_id = max_id.max(id.parse().unwrap_or(0));
        }
        match name {
            "commentRangeStart" | "commentRangeEnd" if own.contains(id) => edits.push(Edit {
                start: n.range().start,
                end: n.range().end,
                text: String::new(),
            }),
            "commentReference" if own.contains(id) => {
                let run = n
                    .parent()
                    .filter(|p| p.tag_name().name() == "r")
                    .unwrap_or(n);
                edits.push(Edit {
                    start: run.range().start,
                    end: run.range().end,
                    text: String::new(),
                });
            }
            _ => {}
        }
    }
    let mut summary = Summary {
        replaced: own.len(),
        ..Summary::default()
    };
    // New comments.
    let mut preserved = HashSet::new();
    let mut new_comments = String::new();
    let mut next_id = max_id + 1;
    for f in findings {
        let Some((start, end, prefix, reference)) = locate(doc, anchors, &document, f) else {
            continue;
        };
        let (start, end) = if position(&start) <= position(&end) {
            (start, end)
        } else {
            let at = position(&start);
            (Place::At(at), Place::At(at))
        };
        let id = next_id;
        next_id += 1;
        boundary(
            &document,
            &start,
            &format!("<w:commentRangeStart w:id=\"{id}\"/>"),
            &mut edits,
            &mut preserved,
        );
        let reference_run = format!("<w:r><w:commentReference w:id=\"{id}\"/></w:r>");
        let end_mark = format!("<w:commentRangeEnd w:id=\"{id}\"/>");
        match reference {
            Some(at) if at >= position(&end) => {
                boundary(&document, &end, &end_mark, &mut edits, &mut preserved);
                edits.push(Edit {
                    start: at,
                    end: at,
                    text: reference_run,
                });
            }
            _ => boundary(
                &document,
                &end,
                &(end_mark + &reference_run),
                &mut edits,
                &mut preserved,
            ),
        }
        new_comments.push_str(&format!(
            "<w:comment xmlns:w=\"{MAIN_NS}\" w:id=\"{id}\" w:author=\"{AUTHOR}\" w:initials=\"PL\"><w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:comment>",
            escape(&comment_text(f, &prefix))
        ));
        summary.written += 1;
    }
    let new_document = apply(&document, edits);
    // Check what Word will read.
    parse_xml("word/document.xml (annotated)", &new_document)?;

    let mut replaced: Vec<(&str, String)> = vec![("word/document.xml", new_document)];
    let comments_is_new = comments.is_none();
    match &comments {
        Some(c) => {
            let cdom = parse_xml("word/comments.xml", c)?;
            let root = cdom.root_element().range();
            let close = c[root.clone()].rfind("</").map(|i| root.start + i);
            match close {
                Some(at) => comment_edits.push(Edit {
                    start: at,
                    end: at,
                    text: new_comments,
                }),
                None => {
                    // `<w:comments/>`: open it.
                    let tag = &c[root.clone()];
                    let head = tag.trim_end_matches("/>");
                    comment_edits.push(Edit {
                        start: root.start,
                        end: root.end,
                        text: format!("{head}>{new_comments}</w:comments>"),
                    });
                }
            }
            replaced.push(("word/comments.xml", apply(c, comment_edits)));
        }
        None => {
            replaced.push((
                "word/comments.xml",
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments xmlns:w=\"{MAIN_NS}\">{new_comments}</w:comments>"
                ),
            ));
            let types =
                types.ok_or_else(|| LoadError::new("the package has no [Content_Types].xml"))?;
            let at = types
                .rfind("</")
                .ok_or_else(|| LoadError::new("[Content_Types].xml is damaged"))?;
            replaced.push((
                "[Content_Types].xml",
                format!(
                    "{}<Override PartName=\"/word/comments.xml\" ContentType=\"{COMMENTS_TYPE}\"/>{}",
                    &types[..at],
                    &types[at..]
                ),
            ));
            let rels = rels.unwrap_or_else(|| {
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>".into()
            });
            let rdom = parse_xml("word/_rels/document.xml.rels", &rels)?;
            let ids: HashSet<&str> = rdom
                .root_element()
                .children()
                .filter_map(|r| attr(r, "Id"))
                .collect();
            let mut n = 1;
            while ids.contains(format!("rIdPl{n}").as_str()) {
                n += 1;
            }
            let at = rels
                .rfind("</")
                .ok_or_else(|| LoadError::new("word/_rels/document.xml.rels is damaged"))?;
            replaced.push((
                "word/_rels/document.xml.rels",
                format!(
                    "{}<Relationship Id=\"rIdPl{n}\" Type=\"{COMMENTS_REL}\" Target=\"comments.xml\"/>{}",
                    &rels[..at],
                    &rels[at..]
                ),
            ));
        }
    }
    // Word's companion parts of comments (written when Word saves): drop the entries
    // of the comments removed, so that no entry points at a missing comment.
    let mut companions: Vec<(&str, String)> = Vec::new();
    if !own_paras.is_empty() {
        let mut durable: HashSet<String> = HashSet::new();
        for (name, element) in [
            ("word/commentsExtended.xml", "commentEx"),
            ("word/commentsIds.xml", "commentId"),
        ] {
            if let Some(text) = package.part(name)? {
                if let Some(new) = drop_entries(name, &text, element, &own_paras, &mut durable)? {
                    companions.push((name, new));
                }
            }
        }
        if let Some(text) = package.part("word/commentsExtensible.xml")? {
            let xml = parse_xml("word/commentsExtensible.xml", &text)?;
            let edits: Vec<Edit> = xml
                .root_element()
                .children()
                .filter(|n| n.tag_name().name() == "commentExtensible")
                .filter(|n| attr(*n, "durableId").is_some_and(|d| durable.contains(d)))
                .map(|n| Edit {
                    start: n.range().start,
                    end: n.range().end,
                    text: String::new(),
                })
                .collect();
            if !edits.is_empty() {
                companions.push(("word/commentsExtensible.xml", apply(&text, edits)));
            }
        }
    }
    replaced.extend(companions);
    let out = write_package(bytes, &replaced, comments_is_new)?;
    Ok((out, summary))
}

/// A companion part without the entries of the given paragraph ids (a reply to a
/// removed comment loses its parent link); `None` when nothing changes. Collects the
/// durable ids of the entries removed.
fn drop_entries(
    name: &str,
    text: &str,
    element: &str,
    paras: &HashSet<String>,
    durable: &mut HashSet<String>,
) -> Result<Option<String>, LoadError> {
    let xml = parse_xml(name, text)?;
    let mut edits = Vec::new();
    for n in xml
        .root_element()
        .children()
        .filter(|n| n.tag_name().name() == element)
    {
        if attr(n, "paraId").is_some_and(|p| paras.contains(p)) {
            if let Some(d) = attr(n, "durableId") {
                durable.insert(d.to_string());
            }
            edits.push(Edit {
                start: n.range().start,
                end: n.range().end,
                text: String::new(),
            });
        } else if let Some(parent) = n
            .attributes()
            .find(|a| a.name() == "paraIdParent" && paras.contains(a.value()))
        {
            // The attribute as written in the element's start tag.
            let tag = &text[n.range()];
            let value = parent.value();
            if let Some(i) = tag.find(&format!("paraIdParent=\"{value}\"")) {
                let start = tag[..i].rfind(' ').unwrap_or(i);
                let end = i + "paraIdParent=\"\"".len() + value.len();
                edits.push(Edit {
                    start: n.range().start + start,
                    end: n.range().start + end,
                    text: String::new(),
                });
            }
        }
    }
    Ok((!edits.is_empty()).then(|| apply(text, edits)))
}

/// A copy of the package with some entries replaced (and comments.xml added when
/// new); every other entry is copied raw.
fn write_package(
    bytes: &[u8],
    replaced: &[(&str, String)],
    add_comments: bool,
) -> Result<Vec<u8>, LoadError> {
    let err = |e: zip::result::ZipError| LoadError::new(format!("cannot write the package: {e}"));
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(err)?;
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len() + 64 * 1024)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut written = HashSet::new();
    for i in 0..zip.len() {
        let file = zip.by_index_raw(i).map_err(err)?;
        let name = file.name().to_string();
        if let Some((_, text)) = replaced.iter().find(|(n, _)| *n == name) {
            drop(file);
            w.start_file(name.as_str(), options).map_err(err)?;
            w.write_all(text.as_bytes())
                .map_err(|e| LoadError::new(format!("cannot write the package: {e}")))?;
            written.insert(name);
        } else {
            w.raw_copy_file(file).map_err(err)?;
        }
    }
    for (name, text) in replaced {
        if !written.contains(*name) && (add_comments || *name != "word/comments.xml") {
            w.start_file(*name, options).map_err(err)?;
            w.write_all(text.as_bytes())
                .map_err(|e| LoadError::new(format!("cannot write the package: {e}")))?;
        }
    }
    Ok(w.finish().map_err(err)?.into_inner())
}

/// Read `input`, lint it with `lint` (the caller's engine and settings), write the
/// annotated copy to `output` atomically (a temporary file in the same directory, then a
/// rename).
pub fn annotate_file(
    input: &Path,
    output: &Path,
    language: Option<crate::lang::Language>,
    lint: impl FnOnce(&Document) -> Vec<Finding>,
) -> Result<Summary, String> {
    let shown = input.display().to_string();
    let mut bytes = Vec::new();
    std::fs::File::open(input)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| format!("{shown}: cannot read file: {e}"))?;
    if super::super::load::sniff(&shown, &bytes) != super::super::load::InputKind::Docx {
        return Err(format!(
            "{shown}: not a Word document (.docx); only Word documents can be annotated"
        ));
    }
    let (doc, anchors) =
        super::load_mapped(&shown, &bytes, language).map_err(|e| format!("{shown}: {e}"))?;
    let findings = lint(&doc);
    let (out, summary) =
        annotate(&bytes, &doc, &anchors, &findings).map_err(|e| format!("{shown}: {e}"))?;
    let dir = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "annotated.docx".into());
    let tmp = dir.join(format!(".{name}.policylint-{}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(&out)?;
        f.sync_all()?;
        std::fs::rename(&tmp, output)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("{}: cannot write: {e}", output.display())
    })?;
    Ok(summary)
}
