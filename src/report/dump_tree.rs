//! `policylint dump --format tree`: the recovered document model as an indented outline
//! for people, in source order, each element with its line number.

use std::io::{self, Write};

use crate::document::{Document, ParagraphKind, Span};

/// At most `n` words of a text, with an ellipsis when cut.
fn first_words(s: &str, n: usize) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut out = words[..words.len().min(n)].join(" ");
    if words.len() > n {
        out.push_str(" …");
    }
    out
}

pub fn write(doc: &Document, out: &mut dyn Write) -> io::Result<()> {
    write_with(doc, crate::pack::Pack::builtin(doc.language), out)
}

/// The tree with the pack in force (key-action support reads it).
pub fn write_with(doc: &Document, pack: &crate::pack::Pack, out: &mut dyn Write) -> io::Result<()> {
    let line = |span: Span| doc.source.position(span.start).line;
    // (offset, depth, text): collected from every element, then sorted into source order.
    let mut rows: Vec<(usize, u8, String)> = Vec::new();
    for p in &doc.pages {
        let printed = p
            .number
            .map_or_else(String::new, |n| format!(" (printed {n})"));
        rows.push((p.span.start, 0, format!("page {}{printed}", p.index)));
    }
    for h in &doc.headings {
        let number = h
            .number
            .as_deref()
            .map_or_else(String::new, |n| format!("{n} "));
        rows.push((
            h.span.start,
            1,
            format!(
                "heading {} {number}{}",
                h.level,
                first_words(h.title.as_str(), 12)
            ),
        ));
    }
    for p in &doc.points {
        rows.push((
            p.label_span.start,
            1 + p.depth,
            format!("point {} {}", p.label, first_words(p.text.as_str(), 8)),
        ));
    }
    for b in &doc.boxes {
        rows.push((b.span.start, 1, format!("box {}", b.title)));
        for f in &b.frames {
            let actor = f.actor.as_deref().unwrap_or("?");
            rows.push((
                f.span.start,
                2,
                format!("frame [{actor}] {}", first_words(f.text.as_str(), 8)),
            ));
        }
        for i in &b.items {
            rows.push((
                i.span.start,
                3,
                format!("item {}", first_words(i.text.as_str(), 10)),
            ));
        }
    }
    for r in &doc.footnote_refs {
        rows.push((r.span.start, 2, format!("footnote ref {}", r.label)));
    }
    for d in &doc.footnote_defs {
        let label = d.label.as_deref().unwrap_or("(unlabelled)");
        rows.push((
            d.span.start,
            2,
            format!("footnote def {label} {}", first_words(d.text.as_str(), 8)),
        ));
    }
    // A point's paragraph is shown as the point.
    for p in doc
        .paragraphs
        .iter()
        .filter(|p| p.kind != ParagraphKind::Point)
    {
        let span = p.text.span();
        rows.push((
            span.start,
            2,
            format!("paragraph {:?} {}", p.kind, first_words(p.text.as_str(), 8)),
        ));
    }
    for n in &doc.notes {
        rows.push((n.span.start, 2, format!("note: {}", n.message)));
    }
    rows.sort_by_key(|r| r.0);
    writeln!(
        out,
        "{} ({}, {:?}): {} pages, {} headings, {} points, {} boxes, {} footnote refs, {} footnote defs, {} paragraphs, {} sentences",
        doc.source.path,
        doc.language.code(),
        doc.format,
        doc.pages.len(),
        doc.headings.len(),
        doc.points.len(),
        doc.boxes.len(),
        doc.footnote_refs.len(),
        doc.footnote_defs.len(),
        doc.paragraphs.len(),
        doc.sentences.len(),
    )?;
    let profile = crate::document::profile::of(doc);
    writeln!(
        out,
        "profile: {} (confidence {:.2}){}",
        profile.profile,
        profile.confidence,
        if profile.evidence.is_empty() {
            String::new()
        } else {
            format!("; evidence: {}", profile.evidence.join("; "))
        }
    )?;
    if let Some(l) = &doc.layout {
        writeln!(
            out,
            "layout: {} (confidence {:.2}; {})",
            l.family.name(),
            l.confidence,
            l.evidence.join(", ")
        )?;
    }
    if let Some(lang) = doc.unsupported_language {
        writeln!(
            out,
            "language: {lang} (not supported: language rules stay silent)"
        )?;
    }
    for (offset, depth, text) in rows {
        writeln!(
            out,
            "{:>5}  {}{}",
            line(Span::new(offset, offset)),
            "  ".repeat(depth as usize),
            text
        )?;
    }
    super::dump_legal::write_tree(doc, out)?;
    if !doc.boxes.is_empty() {
        // Why each key action is (or is not) found in the body.
        let supports = crate::rules::key_actions::support_shared(doc, pack);
        writeln!(out, "\nkey-action support (best body passage per item):")?;
        write!(
            out,
            "{}",
            crate::rules::key_actions::render_support(doc, &supports)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_words_cuts_with_ellipsis() {
        assert_eq!(first_words("a b  c\nd", 3), "a b c …");
        assert_eq!(first_words("a b", 3), "a b");
    }
}
