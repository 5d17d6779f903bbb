//! Phase 5: the text rendering and the document model. Each page is written as its
//! lines in reading order (running headers first, body blocks separated by a blank
//! line, then the side column, then the footnotes), pages separated by a form feed on
//! a line of its own. Every model element is a span into that rendering.

use std::collections::{HashMap, HashSet};

use super::blocks::{Block, BlockKind};
use super::layout::{note_label_in, Layout, Role};
use super::lines::Line;
use super::tables::Region;
use crate::document::{
    BoxItem, Bullet, Document, FootnoteDef, FootnoteRef, Format, Frame, Furniture, FurnitureKind,
    Heading, KeyActionBox, Page, Paragraph, ParagraphKind, ParseNote, Point, RefStyle, Scheme,
    Span, Table, TableCell, Text,
};
use crate::lang::Language;
use crate::source::{Rendering, SourceFile};

pub struct Rendered {
    pub text: String,
    /// Offset of every line's text in the rendering (usize::MAX: not written).
    pub offsets: Vec<usize>,
    pub page_starts: Vec<usize>,
}

/// Write the rendering.
pub fn render(lines: &[Line], layout: &Layout, blocks: &[Block], n_pages: usize) -> Rendered {
    let mut block_start = vec![false; lines.len()];
    for b in blocks {
        if let Some(&i) = b.lines.first() {
            block_start[i] = true;
        }
    }
    let mut by_page: Vec<Vec<usize>> = vec![Vec::new(); n_pages];
    for (i, l) in lines.iter().enumerate() {
        by_page[l.page].push(i);
    }
    let mut text = String::new();
    let mut offsets = vec![usize::MAX; lines.len()];
    let mut page_starts = Vec::with_capacity(n_pages);
    for (p, idx) in by_page.iter().enumerate() {
        if p > 0 {
            text.push_str("\n\u{c}\n");
        }
        page_starts.push(text.len());
        let mut last: Option<usize> = None;
        let groups: [&dyn Fn(Role) -> bool; 3] = [
            &|r| !matches!(r, Role::Side | Role::Note),
            &|r| r == Role::Side,
            &|r| r == Role::Note,
        ];
        for group in groups {
            let mut first_in_group = true;
            for &i in idx {
                let role = layout.roles[i];
                if !group(role) {
                    continue;
                }
                if let Some(j) = last {
                    let same_row = lines[j].row == lines[i].row && layout.roles[j] == role;
                    if same_row {
                        text.push('\t');
                    } else {
                        text.push('\n');
                        let new_part = first_in_group
                            || block_start[i]
                            || (role != layout.roles[j] && role != Role::Note);
                        if new_part {
                            text.push('\n');
                        }
                    }
                }
                offsets[i] = text.len();
                text.push_str(&lines[i].text);
                last = Some(i);
                first_in_group = false;
            }
        }
        text.push('\n');
    }
    Rendered {
        text,
        offsets,
        page_starts,
    }
}

fn line_span(r: &Rendered, lines: &[Line], i: usize) -> Span {
    Span::new(r.offsets[i], r.offsets[i] + lines[i].text.len())
}

/// Two or more references set side by side without a separator ("financiering.45"
/// for notes 4 and 5: a producer that sets each reference as its own raised run
/// leaves no space between them) read as one number. Where the number is not the next
/// one expected but its digits are the next two or more, each of them a note of the
/// document, it is split into those references.
fn split_adjacent_refs(refs: Vec<FootnoteRef>, defined: &HashSet<u32>) -> Vec<FootnoteRef> {
    let mut out: Vec<FootnoteRef> = Vec::with_capacity(refs.len());
    let mut last = 0u32;
    for r in refs {
        let Some(n) = r.number else {
            out.push(r);
            continue;
        };
        let parts = if n != last + 1 {
            consecutive_parts(&r.label, last + 1)
        } else {
            None
        };
        match parts {
            Some(parts) if parts.iter().all(|(_, v)| defined.contains(v)) => {
                let mut at = r.span.start;
                for (digits, v) in parts {
                    out.push(FootnoteRef {
                        span: Span::new(at, at + digits),
                        label: v.to_string(),
                        number: Some(v),
                        style: r.style,
                        page: r.page,
                    });
                    at += digits;
                    last = v;
                }
            }
            // No note number runs to four digits.
            _ if n >= MAX_NOTE => {}
            _ => {
                last = n;
                out.push(r);
            }
        }
    }
    out
}

/// The most digits read as references set side by side (five two-digit numbers).
const MAX_SIDE_BY_SIDE: usize = 10;
/// Note numbers stay below this; a longer raised number is no single reference.
const MAX_NOTE: u32 = 1000;

/// `label` written as `first`, `first + 1`, … (two numbers or more), digits only:
/// each number's digit count and value.
fn consecutive_parts(label: &str, first: u32) -> Option<Vec<(usize, u32)>> {
    if first == 0 || !label.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut rest = label;
    let mut parts = Vec::new();
    let mut next = first;
    while !rest.is_empty() {
        let want = next.to_string();
        rest = rest.strip_prefix(want.as_str())?;
        parts.push((want.len(), next));
        next += 1;
    }
    (parts.len() >= 2).then_some(parts)
}

/// Words of the body (lowercase), and the hyphenated words written within lines.
struct Vocabulary {
    words: HashSet<String>,
    hyphenated: HashSet<String>,
    /// Pairs of words written one after the other within a line ("climate neutral").
    pairs: HashSet<String>,
    /// How often each short word stands alone (function words stand alone often).
    short: HashMap<String, usize>,
}

impl Vocabulary {
    fn new(lines: &[Line]) -> Self {
        let mut words = HashSet::new();
        let mut hyphenated = HashSet::new();
        let mut pairs = HashSet::new();
        let mut short: HashMap<String, usize> = HashMap::new();
        for l in lines {
            let toks: Vec<&str> = l.text.split_whitespace().collect();
            for (k, tok) in toks.iter().enumerate() {
                let w = tok.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                let last = k + 1 == toks.len();
                if let Some(next) = toks.get(k + 1) {
                    let alpha = |t: &str| !t.is_empty() && t.chars().all(char::is_alphabetic);
                    if alpha(tok) && alpha(next) {
                        pairs.insert(format!("{tok} {next}").to_lowercase());
                    }
                }
                if w.ends_with('-') && last {
                    continue;
                }
                if w.contains('-') {
                    hyphenated.insert(w.to_lowercase());
                    for part in w.split('-') {
                        words.insert(part.to_lowercase());
                    }
                } else {
                    if w.chars().count() <= 3 && w == *tok {
                        *short.entry(w.to_lowercase()).or_default() += 1;
                    }
                    words.insert(w.to_lowercase());
                }
            }
        }
        Vocabulary {
            words,
            hyphenated,
            pairs,
            short,
        }
    }

    /// Whether the next line opens with a short word that stands alone everywhere
    /// ("en", "and"): a hyphen before it is a suspended compound's ("laad- en").
    fn suspended(&self, next: &str) -> bool {
        let token = next.split_whitespace().next().unwrap_or("");
        let word = token.trim_end_matches(|c: char| !c.is_alphanumeric());
        word == token
            && (1..=3).contains(&word.chars().count())
            && word.chars().all(char::is_alphabetic)
            && self
                .short
                .get(&word.to_lowercase())
                .is_some_and(|&n| n >= 10)
    }

    /// Whether a line-end hyphen between `head` (ending in "-") and the next line's
    /// first word is a break inside one word (drop it) or part of a compound (keep).
    fn drop_hyphen(&self, head: &str, next: &str) -> bool {
        let frag = head
            .trim_end_matches('-')
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let tail: String = next.chars().take_while(|c| c.is_alphanumeric()).collect();
        let (Some(fl), Some(tf)) = (frag.chars().last(), tail.chars().next()) else {
            return false;
        };
        // A word in capitals broken across lines ("OP-" + "TIONAL", "COM-" + "MISSION")
        // when the document writes it whole and never with this hyphen within a line.
        if let Some((joined, hyph)) = crate::document::words::broken_capitals(frag, &tail) {
            return self.words.contains(&joined) && !self.hyphenated.contains(&hyph);
        }
        if !fl.is_alphabetic() || !tf.is_lowercase() {
            return false;
        }
        // A word that already has a hyphen ("case-by-" + "case") keeps this one too.
        let token = head
            .trim_end_matches('-')
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .trim_start_matches(|c: char| !c.is_alphanumeric());
        let next_token = next
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches(|c: char| !c.is_alphanumeric());
        if token.contains('-') || next_token.contains('-') {
            return false;
        }
        // An abbreviation in capitals before the hyphen ("VN-", "ESA-") is joined with
        // a hyphen; a short word that stands alone everywhere after it ("laad- en",
        // "energy- and") makes the hyphen a suspended compound's.
        if frag.chars().count() >= 2 && !frag.chars().any(char::is_lowercase) {
            return false;
        }
        if self.suspended(next) {
            return false;
        }
        // The document writes the hyphenated form, or the two words apart, elsewhere
        // and never the joined one: a compound; otherwise a syllable break.
        let joined = format!("{frag}{tail}").to_lowercase();
        let hyph = format!("{frag}-{tail}").to_lowercase();
        let apart = format!("{frag} {tail}").to_lowercase();
        let compound = self.hyphenated.contains(&hyph) || self.pairs.contains(&apart);
        !compound || self.words.contains(&joined)
    }
}

/// The right edge of each column of each page (where most of its long lines end: lines
/// across the columns count with the column they start in), for
/// the line-end hyphen decision: on a page set in columns the body's right edge is
/// the last column's.
fn column_rights(lines: &[Line], layout: &Layout) -> HashMap<(usize, u8), f32> {
    let mut ends: HashMap<(usize, u8), Vec<f32>> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        if l.chars >= 30 && matches!(layout.roles[i], Role::Body | Role::Note) {
            ends.entry((l.page, l.col)).or_default().push(l.x1);
        }
    }
    ends.into_iter()
        .filter(|(_, v)| v.len() >= 3)
        .map(|(k, mut v)| {
            v.sort_by(f32::total_cmp);
            (k, v[(v.len() * 3 / 4).min(v.len() - 1)])
        })
        .collect()
}

/// Append a line's text (minus `skip` ranges, line-relative) to a paragraph text,
/// joining with a space or across a dropped hyphen.
fn append(
    t: &mut Text,
    source: &str,
    span: Span,
    skip: &[(usize, usize)],
    vocab: &Vocabulary,
    near_right: bool,
) {
    let mut start = span.start;
    let line_text = &source[span.start..span.end];
    if !t.is_empty() {
        let ends_hyphen = t.as_str().ends_with('-')
            && t.as_str()[..t.len() - 1]
                .chars()
                .last()
                .is_some_and(char::is_alphabetic);
        if ends_hyphen && near_right && vocab.drop_hyphen(t.as_str(), line_text) {
            t.truncate(t.len() - 1);
        } else if ends_hyphen && !vocab.suspended(line_text) {
            // A compound broken at its hyphen ("user-/friendly") joins without a space;
            // a suspended one ("grond- en oppervlaktewater") keeps its space.
        } else {
            t.push_synthetic(" ", span.start);
        }
    }
    let mut ranges: Vec<(usize, usize)> = skip.to_vec();
    ranges.sort();
    for (s, e) in ranges {
        let (s, e) = (span.start + s, span.start + e);
        if s > start {
            // Drop the space before a skipped reference when the text goes on.
            t.push_source(source, Span::new(start, s));
        }
        start = start.max(e);
    }
    if start < span.end {
        t.push_source(source, Span::new(start, span.end));
    }
    let trimmed = t.as_str().trim_end().len();
    t.truncate(trimmed);
}

/// The footnote references of a line: (start, end, number, set right after a digit),
/// line-relative.
fn refs_of(l: &Line) -> Vec<(usize, usize, u32, bool)> {
    let mut out = Vec::new();
    for &(s, e) in &l.sups {
        let raw = &l.text[s..e];
        let lead = raw.len() - raw.trim_start().len();
        let body = raw.trim();
        let s = s + lead;
        if s == 0 {
            continue;
        }
        let before = l.text[..s].trim_end();
        let Some(prev) = before.chars().last() else {
            continue;
        };
        let after_digit = prev.is_ascii_digit();
        let word: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if matches!(
            word.as_str(),
            "m" | "km" | "cm" | "mm" | "dm" | "ha" | "CO" | "NO" | "SO"
        ) && matches!(body, "2" | "3" | "x")
        {
            continue;
        }
        // "12", "(12)", "12,13", "12, 13".
        let mut k = 0;
        let inner_off = if body.starts_with('(') && body.ends_with(')') {
            1
        } else {
            0
        };
        let inner = &body[inner_off..body.len() - inner_off];
        if inner.is_empty()
            || !inner
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == ' ')
        {
            continue;
        }
        for part in inner.split(',') {
            let pl = part.len() - part.trim_start().len();
            let p = part.trim();
            // A longer number may be references set side by side ("222324"):
            // `split_adjacent_refs` splits it or drops it; beyond u32 it is read as
            // the largest, which is dropped there unless split.
            let parsed = p
                .parse::<u32>()
                .or_else(|_| (p.len() <= MAX_SIDE_BY_SIDE).then_some(u32::MAX).ok_or(()));
            if let Ok(n) = parsed {
                if n >= 1 {
                    let ps = s + inner_off + k + pl;
                    if inner_off == 1 {
                        // Keep the parentheses in the span: "(12)".
                        out.push((ps - 1, ps + p.len() + 1, n, after_digit));
                    } else {
                        out.push((ps, ps + p.len(), n, after_digit));
                    }
                }
            }
            k += part.len() + 1;
        }
    }
    out
}

/// What the geometry found beside the blocks: the drawn box of each line, and the
/// tables.
pub struct Parts<'a> {
    pub box_of: &'a [Option<usize>],
    pub regions: &'a [Region],
}

#[allow(clippy::too_many_arguments)]
pub fn build(
    path: &str,
    lines: &[Line],
    layout: &Layout,
    blocks: &[Block],
    rendered: Rendered,
    language: Option<Language>,
    problems: &[String],
    parts: &Parts<'_>,
) -> Document {
    let n_pages = rendered.page_starts.len();
    let vocab = Vocabulary::new(lines);
    let src = rendered.text.clone();
    let rights = column_rights(lines, layout);
    // A line-end hyphen can be a break inside a word only where the line was full:
    // the next line's first word would not have fitted in the room left (else the
    // hyphen is the text's own, as in a suspended compound "land- en tuinbouw").
    let near_right = |l: &Line, next: &Line| {
        let right = rights
            .get(&(l.page, l.col))
            .copied()
            .unwrap_or(layout.right);
        let word = next
            .text
            .split_whitespace()
            .next()
            .map_or(0, |w| w.chars().count());
        let room = right - l.x1;
        room < 1.5 * l.size || room < (word as f32 + 0.5) * 0.45 * l.size
    };

    // Numbers that a footnote at a page bottom carries.
    let defined: HashSet<u32> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| layout.roles[*i] == Role::Note)
        .filter_map(|(_, l)| note_label_in(l, layout.sup_labels[l.page]).map(|(_, _, n)| n))
        .collect();
    // The same per page, lone labels included ("75" on a line of its own).
    let defined_on: HashSet<(usize, u32)> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| layout.roles[*i] == Role::Note)
        .filter_map(|(_, l)| {
            let t = l.text.trim();
            note_label_in(l, layout.sup_labels[l.page])
                .map(|(_, _, n)| n)
                .or_else(|| {
                    (t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()))
                        .then(|| t.parse().ok())
                        .flatten()
                })
                .map(|n| (l.page, n))
        })
        .collect();
    // Footnote references (body lines). A raised number right after a digit
    // ("2022²") is a reference only when a footnote carries that number (else it may
    // be a power: "10⁶").
    let mut refs: Vec<FootnoteRef> = Vec::new();
    let mut ref_ranges: Vec<Vec<(usize, usize)>> = vec![Vec::new(); lines.len()];
    for b in blocks {
        for &i in &b.lines {
            let off = rendered.offsets[i];
            let mut found = refs_of(&lines[i]);
            // In a table the cells' lines sit on their own baselines, so a reference
            // can open a line or stand alone on one ("countries" / "75"): taken only
            // when a note on the same page carries the number.
            if found.is_empty() && layout.roles[i] == Role::Body {
                let l = &lines[i];
                let t = l.text.trim_end();
                let lead = match l.sups.first() {
                    Some(&(0, e)) => Some(e),
                    _ if l.size < 0.8 * layout.body_size => Some(t.len()),
                    _ => None,
                };
                if let Some(e) = lead.filter(|&e| e > 0 && e <= 3 && e <= t.len()) {
                    let lab = &t[..e];
                    if let Ok(n) = lab.parse::<u32>() {
                        if lab.chars().all(|c| c.is_ascii_digit())
                            && defined_on.contains(&(l.page, n))
                            && (e == t.len() || t[e..].starts_with(' '))
                        {
                            found.push((0, e, n, false));
                        }
                    }
                }
            }
            for (s, e, n, after_digit) in found {
                if after_digit && !defined.contains(&n) {
                    continue;
                }
                ref_ranges[i].push((s, e));
                refs.push(FootnoteRef {
                    span: Span::new(off + s, off + e),
                    label: n.to_string(),
                    number: Some(n),
                    style: RefStyle::Glued,
                    page: lines[i].page,
                });
            }
        }
    }

    let mut refs = split_adjacent_refs(refs, &defined);

    // Footnote definitions.
    let mut defs: Vec<FootnoteDef> = Vec::new();
    let mut footnote_starts = Vec::new();
    let mut prev_note: Option<usize> = None;
    for (i, l) in lines.iter().enumerate() {
        if layout.roles[i] != Role::Note {
            continue;
        }
        let above = prev_note.replace(i);
        let span = line_span(&rendered, lines, i);
        let lone = l.text.trim();
        let lone_label = !lone.is_empty()
            && lone.len() <= 3
            && lone.chars().all(|c| c.is_ascii_digit())
            && lone != "0";
        let label = note_label_in(l, layout.sup_labels[l.page]).or_else(|| {
            lone_label
                .then(|| lone.parse::<u32>().ok().map(|n| (0, l.text.len(), n)))
                .flatten()
        });
        if let Some((s, e, n)) = label {
            let label_span = Span::new(span.start + s, span.start + e);
            let label = src[label_span.start..label_span.end]
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .to_string();
            let mut text = Text::new();
            let body = Span::new(label_span.end, span.end);
            let lead =
                src[body.start..body.end].len() - src[body.start..body.end].trim_start().len();
            append(
                &mut text,
                &src,
                Span::new(body.start + lead, body.end),
                &[],
                &vocab,
                true,
            );
            footnote_starts.push((label_span.start, n));
            defs.push(FootnoteDef {
                span: Span::new(label_span.start, span.end),
                label: Some(label),
                label_span: Some(label_span),
                number: Some(n),
                text,
                page: l.page,
                in_body: false,
            });
        } else if let Some(d) = defs.last_mut() {
            let near = above.is_some_and(|a| near_right(&lines[a], l));
            append(&mut d.text, &src, span, &[], &vocab, near);
            if d.page == l.page {
                d.span = d.span.cover(span);
            }
        } else {
            // Text of a note whose start was not read.
            let mut text = Text::new();
            append(&mut text, &src, span, &[], &vocab, true);
            defs.push(FootnoteDef {
                span,
                label: None,
                label_span: None,
                number: None,
                text,
                page: l.page,
                in_body: false,
            });
        }
    }

    let page_starts: Vec<(usize, u32)> = rendered
        .page_starts
        .iter()
        .enumerate()
        .map(|(i, &o)| (o, i as u32 + 1))
        .collect();
    let source = SourceFile::rendered(
        path,
        rendered.text.clone(),
        Rendering {
            page_starts: page_starts.clone(),
            paragraph_starts: Vec::new(),
            footnote_starts,
        },
    );
    let lang = language.unwrap_or_else(|| crate::lang::detect(&src));
    let mut doc = Document::empty(source, Format::Pdf, lang);
    for p in 0..n_pages {
        let start = rendered.page_starts[p];
        let end = rendered
            .page_starts
            .get(p + 1)
            .copied()
            .unwrap_or(src.len());
        doc.pages.push(Page {
            index: p + 1,
            number: layout.page_numbers[p],
            span: Span::new(start, end),
        });
    }
    for i in 0..lines.len() {
        let kind = match layout.roles[i] {
            Role::PageNumber => FurnitureKind::PageNumber,
            Role::RunningHeader => FurnitureKind::RunningHeader,
            Role::RunningFooter => FurnitureKind::RunningFooter,
            Role::Side => FurnitureKind::SideColumn,
            _ => continue,
        };
        if rendered.offsets[i] != usize::MAX {
            doc.furniture.push(Furniture {
                kind,
                span: line_span(&rendered, lines, i),
            });
        }
    }

    // Blocks in a drawn box that holds a key-action title or frame form a box.
    let key_action = key_action_blocks(lines, blocks, parts.box_of);
    // Blocks into headings, points, bullets, paragraphs.
    for (bi, b) in blocks.iter().enumerate() {
        let first = b.lines[0];
        let first_span = line_span(&rendered, lines, first);
        let text_of = |skip_first: usize| {
            let mut t = Text::new();
            for (k, &i) in b.lines.iter().enumerate() {
                let span = line_span(&rendered, lines, i);
                let mut skip = ref_ranges[i].clone();
                if k == 0 && skip_first > 0 {
                    let lead = skip_first
                        + (lines[i].text[skip_first..].len()
                            - lines[i].text[skip_first..].trim_start().len());
                    skip.push((0, lead));
                }
                let near = k == 0 || near_right(&lines[b.lines[k - 1]], &lines[i]);
                append(&mut t, &src, span, &skip, &vocab, near);
            }
            t
        };
        let last_span = line_span(&rendered, lines, *b.lines.last().unwrap_or(&first));
        let whole = first_span.cover(last_span);
        let page = lines[first].page;
        if let Some(role) = key_action[bi] {
            let label_len = match &b.kind {
                BlockKind::Point { label_len, .. } => *label_len,
                BlockKind::Bullet { glyph_len } => *glyph_len,
                _ => 0,
            };
            let text = text_of(label_len);
            let span = if text.is_empty() { whole } else { text.span() };
            match role {
                BoxPart::Title => doc.boxes.push(KeyActionBox {
                    span: whole,
                    title: text
                        .as_str()
                        .trim()
                        .trim_end_matches(':')
                        .trim()
                        .to_string(),
                    title_span: span,
                    frames: Vec::new(),
                    items: Vec::new(),
                }),
                BoxPart::Frame(opens) => {
                    let trimmed = text.as_str().trim_end().trim_end_matches(':');
                    let actor = crate::document::pdftext::frame_actor(trimmed);
                    if opens {
                        doc.boxes.push(KeyActionBox {
                            span: whole,
                            title: trimmed.trim().to_string(),
                            title_span: span,
                            frames: Vec::new(),
                            items: Vec::new(),
                        });
                    }
                    if let Some(bx) = doc.boxes.last_mut() {
                        bx.span = bx.span.cover(whole);
                        bx.frames.push(Frame { span, text, actor });
                    }
                }
                BoxPart::Item => {
                    if let Some(bx) = doc.boxes.last_mut() {
                        bx.span = bx.span.cover(whole);
                        bx.items.push(BoxItem {
                            span,
                            text,
                            frame: bx.frames.len().checked_sub(1),
                        });
                    }
                }
            }
            continue;
        }
        match &b.kind {
            BlockKind::Table => {}
            BlockKind::Heading { level, number_len } => {
                let number =
                    (*number_len > 0).then(|| lines[first].text[..*number_len].to_string());
                doc.headings.push(Heading {
                    span: whole,
                    level: *level,
                    number,
                    number_span: (*number_len > 0)
                        .then(|| Span::new(first_span.start, first_span.start + number_len)),
                    title: text_of(*number_len),
                });
            }
            BlockKind::Point {
                scheme,
                value,
                label_len,
                depth,
            } => {
                let text = text_of(*label_len);
                let kind = if text.as_str().trim_end().ends_with(':') {
                    ParagraphKind::LeadIn
                } else {
                    ParagraphKind::Point
                };
                doc.points.push(Point {
                    label: lines[first].text[..*label_len].to_string(),
                    label_span: Span::new(first_span.start, first_span.start + label_len),
                    scheme: *scheme,
                    value: *value,
                    depth: *depth,
                    text: text.clone(),
                    paragraph: Some(doc.paragraphs.len()),
                });
                doc.paragraphs.push(Paragraph { text, page, kind });
            }
            BlockKind::Bullet { glyph_len } => {
                let text = text_of(*glyph_len);
                doc.bullets.push(Bullet {
                    span: whole,
                    glyph_lost: false,
                    paragraph: Some(doc.paragraphs.len()),
                });
                doc.paragraphs.push(Paragraph {
                    text,
                    page,
                    kind: ParagraphKind::Bullet,
                });
            }
            BlockKind::Plain => {
                let text = text_of(0);
                let kind = if text.as_str().trim_end().ends_with(':') {
                    ParagraphKind::LeadIn
                } else {
                    ParagraphKind::Plain
                };
                if !text.is_empty() {
                    doc.paragraphs.push(Paragraph { text, page, kind });
                }
            }
        }
    }
    let _ = Scheme::Arabic;
    doc.tables = tables(&rendered.offsets, &src, parts.regions);
    mark_restarts(&mut refs, &mut defs);
    mark_recitations(&mut refs, &defs);
    // A reference whose note is missing on a page where no footnote area was read at
    // all says more about the reading (a table, a landscape page) than about the
    // document: leave it out, with a note, rather than report a missing footnote.
    let mut has_notes = vec![false; n_pages + 1];
    for (i, l) in lines.iter().enumerate() {
        if layout.roles[i] == Role::Note {
            has_notes[l.page] = true;
        }
    }
    let labels: HashSet<String> = defs.iter().filter_map(|d| d.label.clone()).collect();
    let before = refs.len();
    let mut dropped_pages = Vec::new();
    refs.retain(|r| {
        let keep = labels.contains(&r.label) || has_notes[r.page] || has_notes[r.page + 1];
        if !keep {
            dropped_pages.push(r.page + 1);
        }
        keep
    });
    if refs.len() < before {
        dropped_pages.dedup();
        let pages: Vec<String> = dropped_pages.iter().map(|p| p.to_string()).collect();
        doc.notes.push(ParseNote {
            span: Span::new(0, 0),
            message: format!(
                "{} raised number(s) that look like footnote references have no footnote area on their page (page {}); not read as references",
                before - refs.len(),
                pages.join(", ")
            ),
        });
    }
    // When most references find no note (a layout this reader does not follow, such
    // as a spread of four columns), the pairing says nothing about the document: keep
    // neither, and say so.
    let labels: HashSet<&str> = defs.iter().filter_map(|d| d.label.as_deref()).collect();
    let paired = refs
        .iter()
        .filter(|r| labels.contains(r.label.as_str()))
        .count();
    if refs.len() >= 4 && paired * 2 < refs.len() {
        doc.notes.push(ParseNote {
            span: Span::new(0, 0),
            message: format!(
                "footnotes could not be read reliably ({paired} of {} references found their note); footnote checks skipped",
                refs.len()
            ),
        });
        refs.clear();
        defs.clear();
    }
    doc.footnote_refs = refs;
    doc.footnote_defs = defs;
    if let Some(r) = doc.source.rendering.as_mut() {
        r.paragraph_starts = doc
            .paragraphs
            .iter()
            .map(|p| p.text.source_offset(0))
            .collect();
        r.paragraph_starts.sort_unstable();
    }
    for p in problems {
        doc.notes.push(ParseNote {
            span: Span::new(0, 0),
            message: p.clone(),
        });
    }
    doc.sentences = crate::document::sentences::split_document(&doc);
    doc
}

/// Where a numbering restarts at 1 after higher numbers (a Commission proposal numbers
/// the notes of its explanatory memorandum and of the legal act separately).
fn series_starts(numbers: impl Iterator<Item = Option<u32>>) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut max = 0;
    for (i, n) in numbers.enumerate() {
        let Some(n) = n else { continue };
        if n == 1 && max >= 2 {
            starts.push(i);
            max = 0;
        }
        max = max.max(n);
    }
    starts
}

/// Give the notes of a second (third…) numbering series their own labels ("1 (part
/// 2)"), so that a reference pairs with the note of its own series, and leave their
/// numbers out of the one sequence the numbering rules check. Only when references and
/// notes restart the same number of times; otherwise nothing is changed.
fn mark_restarts(refs: &mut [FootnoteRef], defs: &mut [FootnoteDef]) {
    let rs = series_starts(refs.iter().map(|r| r.number));
    let ds = series_starts(defs.iter().map(|d| d.number));
    if rs.is_empty() || rs.len() != ds.len() {
        return;
    }
    let part = |starts: &[usize], i: usize| starts.partition_point(|&s| s <= i);
    for (i, r) in refs.iter_mut().enumerate() {
        let k = part(&rs, i);
        if k > 0 {
            r.label = format!("{} (part {})", r.label, k + 1);
            r.number = None;
        }
    }
    for (i, d) in defs.iter_mut().enumerate() {
        let k = part(&ds, i);
        if k > 0 {
            if let Some(l) = d.label.as_mut() {
                *l = format!("{l} (part {})", k + 1);
            }
            d.number = None;
        }
    }
}

/// A reference to a note printed on an earlier page ("as shown in²" citing note 2 again
/// on page 8) cites that note again; it is not a step in the numbering, so it keeps
/// its label (and pairs with the note) but leaves the sequence the numbering rules
/// check.
fn mark_recitations(refs: &mut [FootnoteRef], defs: &[FootnoteDef]) {
    let mut first_page: std::collections::HashMap<&str, usize> = Default::default();
    for d in defs {
        if let Some(l) = d.label.as_deref() {
            first_page.entry(l).or_insert(d.page);
        }
    }
    let mut max = 0;
    for r in refs.iter_mut() {
        let Some(n) = r.number else { continue };
        let defined = first_page.get(r.label.as_str());
        let earlier = defined.is_some_and(|&p| p < r.page);
        // The same number again right after itself cites the same note twice (a
        // caption and its text); a smaller number on an earlier page's note, again.
        if n < max && earlier || n == max && defined.is_some() {
            r.number = None;
            continue;
        }
        max = max.max(n);
    }
}

/// What a block in a key-action box is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum BoxPart {
    Title,
    /// A frame ("The Commission will:"); true when it opens the box (no title).
    Frame(bool),
    Item,
}

/// The text of a block, its lines joined by spaces.
fn block_text(lines: &[Line], b: &Block) -> String {
    b.lines
        .iter()
        .map(|&i| lines[i].text.trim())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A frame line: ends in a colon and names an actor before a frame verb of a pack
/// ("De Commissie zal:").
fn is_frame(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(':')
        && t.chars().count() <= 160
        && crate::document::pdftext::frame_actor(t.trim_end_matches(':')).is_some()
}

/// A frame whose actor is one of the packs' actors (`[commitments] actors`): "De
/// Commissie zal:", not "Dit is een uitgave van:".
fn is_actor_frame(text: &str) -> bool {
    use std::sync::OnceLock;
    static ACTORS: OnceLock<Vec<regex::Regex>> = OnceLock::new();
    let actors = ACTORS.get_or_init(|| {
        Language::all()
            .iter()
            .filter_map(|l| {
                crate::pack::Pack::builtin(*l)
                    .get("commitments.actors")
                    .and_then(|v| v.as_array().cloned())
            })
            .flatten()
            .filter_map(|a| {
                let p = a.get("pattern")?.as_str()?.to_string();
                regex::Regex::new(&format!("(?i)^(?:{p})$")).ok()
            })
            .collect()
    });
    is_frame(text)
        && crate::document::pdftext::frame_actor(text.trim_end().trim_end_matches(':'))
            .is_some_and(|a| actors.iter().any(|r| r.is_match(&a)))
}

/// Per block, its part in a key-action box: the blocks in one drawn box (shaded or
/// framed) whose first block is a box title ("Kernacties", "Key actions") or that
/// hold a frame naming an actor. Other boxed blocks stay prose.
fn key_action_blocks(
    lines: &[Line],
    blocks: &[Block],
    box_of: &[Option<usize>],
) -> Vec<Option<BoxPart>> {
    let mut out = vec![None; blocks.len()];
    let id = |b: &Block| box_of.get(b.lines[0]).copied().flatten();
    let mut k = 0;
    while k < blocks.len() {
        let Some(bx) = id(&blocks[k]) else {
            k += 1;
            continue;
        };
        let end = k + blocks[k..].iter().take_while(|b| id(b) == Some(bx)).count();
        let group = &blocks[k..end];
        let texts: Vec<String> = group
            .iter()
            .filter(|b| b.kind != BlockKind::Table)
            .map(|b| block_text(lines, b))
            .collect();
        let titled = texts
            .first()
            .is_some_and(|t| crate::document::is_box_title(t))
            && texts.len() >= 2;
        let framed = texts.iter().any(|t| is_actor_frame(t));
        if titled || framed {
            let mut opened = false;
            for (j, b) in group.iter().enumerate() {
                if b.kind == BlockKind::Table {
                    continue;
                }
                let t = block_text(lines, b);
                out[k + j] = Some(if titled && !opened {
                    BoxPart::Title
                } else if if titled {
                    is_frame(&t)
                } else {
                    is_actor_frame(&t)
                } {
                    BoxPart::Frame(!opened)
                } else if opened {
                    BoxPart::Item
                } else {
                    // Text before the first frame of an untitled box is prose.
                    continue;
                });
                opened = true;
            }
        }
        k = end;
    }
    out
}

/// The tables, as spans into the rendering.
fn tables(offsets: &[usize], src: &str, regions: &[Region]) -> Vec<Table> {
    let mut out = Vec::new();
    for r in regions {
        let mut rows = Vec::new();
        let mut all: Option<Span> = None;
        for row in &r.rows {
            let mut cells = Vec::new();
            for cell in row {
                let mut text = Text::new();
                for &(i, s, e) in cell {
                    let Some(&off) = offsets.get(i).filter(|&&o| o != usize::MAX) else {
                        continue;
                    };
                    let span = Span::new(off + s, off + e);
                    let piece = &src[span.start..span.end];
                    let lead = piece.len() - piece.trim_start().len();
                    let span = Span::new(span.start + lead, span.start + piece.trim_end().len());
                    if span.start >= span.end {
                        continue;
                    }
                    if !text.is_empty() {
                        text.push_synthetic(" ", span.start);
                    }
                    text.push_source(src, span);
                }
                if text.is_empty() {
                    continue;
                }
                let span = text.span();
                all = Some(all.map_or(span, |a| a.cover(span)));
                cells.push(TableCell { span, text });
            }
            if !cells.is_empty() {
                rows.push(cells);
            }
        }
        if let Some(span) = all {
            out.push(Table {
                span,
                page: r.page,
                rows,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(words: &[&str], hyphenated: &[&str]) -> Vocabulary {
        Vocabulary {
            words: words.iter().map(|w| w.to_string()).collect(),
            hyphenated: hyphenated.iter().map(|w| w.to_string()).collect(),
            pairs: HashSet::new(),
            short: HashMap::new(),
        }
    }

    #[test]
    fn references_set_side_by_side_are_split_into_the_next_numbers() {
        assert_eq!(consecutive_parts("45", 4), Some(vec![(1, 4), (1, 5)]));
        assert_eq!(
            consecutive_parts("222324", 22),
            Some(vec![(2, 22), (2, 23), (2, 24)])
        );
        assert_eq!(consecutive_parts("910", 9), Some(vec![(1, 9), (2, 10)]));
        assert_eq!(consecutive_parts("45", 3), None);
        assert_eq!(consecutive_parts("4", 4), None);
        let r = |label: &str, at: usize| FootnoteRef {
            span: Span::new(at, at + label.len()),
            label: label.to_string(),
            number: label.parse().ok(),
            style: RefStyle::Glued,
            page: 0,
        };
        let defined: HashSet<u32> = (1..=6).collect();
        let refs = vec![r("3", 10), r("45", 20), r("6", 30)];
        let got: Vec<Option<u32>> = split_adjacent_refs(refs, &defined)
            .iter()
            .map(|r| r.number)
            .collect();
        assert_eq!(got, vec![Some(3), Some(4), Some(5), Some(6)]);
        // Note 45 exists and comes next: no split.
        let defined: HashSet<u32> = (1..=45).collect();
        let refs = vec![r("44", 10), r("45", 20)];
        assert_eq!(split_adjacent_refs(refs, &defined).len(), 2);
        // Three side by side; a long raised number that is not the next ones is none.
        let defined: HashSet<u32> = (1..=30).collect();
        let refs = vec![r("21", 10), r("222324", 20), r("25", 30), r("987654", 40)];
        let got: Vec<Option<u32>> = split_adjacent_refs(refs, &defined)
            .iter()
            .map(|r| r.number)
            .collect();
        assert_eq!(got, vec![Some(21), Some(22), Some(23), Some(24), Some(25)]);
    }

    #[test]
    fn a_word_in_capitals_broken_across_lines_is_joined_when_written_whole() {
        let v = vocabulary(&["optional", "eu", "lisa"], &[]);
        assert!(v.drop_hyphen("If an element is OP-", "TIONAL and absent"));
        // "EU-" + "LISA": the document never writes "eulisa".
        assert!(!v.drop_hyphen("the agency EU-", "LISA and"));
        // Written with the hyphen within a line elsewhere: a compound.
        let v = vocabulary(&["optional"], &["op-tional"]);
        assert!(!v.drop_hyphen("is OP-", "TIONAL and"));
    }
}
