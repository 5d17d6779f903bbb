//! Phase 1½ for text input: recognise which extractor (or typist) wrote the text, and
//! mark what is page furniture, before the line classifier's context rules run.
//!
//! The family is judged from measurable evidence (form feeds, trailing spaces, a blank
//! after every line, runs of spaces inside lines, line lengths), with a confidence.
//! Page furniture — running headers and footers, document codes, page numbers — is
//! found by REPETITION across pages (form feeds or page-number lines delimit them) and
//! by POSITION at a page's edge, never by a list of known strings. In `pdftotext`
//! default order a page's footnote labels come as a run of lone numbers after the body
//! and before the footnote texts; those blocks are recognised here so that footnote
//! text never becomes body text.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::lines::{Line, LineKind, SEPARATOR_MIN};
use super::FurnitureKind;
use crate::source::Span;

/// The extractors and typing habits a text file can come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// A blank line after every visual line, trailing spaces, footnote numbers alone on
    /// lines (the example documents' extractor).
    DoubleSpacedExtract,
    /// `pdftotext` in its default reading order: form feeds between pages, no trailing
    /// spaces, footnote labels listed apart from their texts.
    PdftotextDefault,
    /// `pdftotext -layout`: columns of spaces, indented lines, right-aligned numbers.
    PdftotextLayout,
    /// PyMuPDF `get_text()`: no form feeds, trailing spaces, single-spaced.
    Pymupdf,
    /// pdfminer.six `extract_text()`: form feeds, trailing spaces or doubled spaces of
    /// justified text, blank lines between text boxes.
    Pdfminer,
    /// Single-spaced text with form feeds that fits none of the extractors above.
    FormFeedText,
    /// Typed text: wrapped lines, blank lines between paragraphs.
    TypedParagraphs,
    /// A copy from a word processor: one long line per paragraph.
    WordPaste,
    /// Too little text to tell.
    Unknown,
}

impl Family {
    pub fn name(self) -> &'static str {
        match self {
            Family::DoubleSpacedExtract => "double-spaced-extract",
            Family::PdftotextDefault => "pdftotext-default",
            Family::PdftotextLayout => "pdftotext-layout",
            Family::Pymupdf => "pymupdf",
            Family::Pdfminer => "pdfminer",
            Family::FormFeedText => "form-feed-text",
            Family::TypedParagraphs => "typed-paragraphs",
            Family::WordPaste => "word-paste",
            Family::Unknown => "unknown",
        }
    }

    /// Whether footnote references and definitions can be paired in this layout with
    /// enough confidence to report defects in them.
    pub fn footnotes_pairable(self) -> bool {
        matches!(self, Family::DoubleSpacedExtract)
    }

    /// Whether the order of the lines can be trusted to follow the numbering of
    /// points and headings (extractors that reorder columns, tables and side notes
    /// cannot be).
    pub fn numbering_followable(self) -> bool {
        !self.from_pdf() || self == Family::DoubleSpacedExtract
    }

    /// Whether the text is an extract of a paginated document.
    pub fn from_pdf(self) -> bool {
        !matches!(
            self,
            Family::TypedParagraphs | Family::WordPaste | Family::Unknown
        )
    }
}

/// The verdict on a text file's layout.
#[derive(Clone, Debug, Serialize)]
pub struct Layout {
    pub family: Family,
    /// 0.0–1.0: how clearly the evidence points to the family.
    pub confidence: f32,
    /// The measurements behind the verdict, for `dump`.
    pub evidence: Vec<String>,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            family: Family::Unknown,
            confidence: 0.0,
            evidence: Vec::new(),
        }
    }
}

/// Measurements of a text's lines.
#[derive(Debug, Default)]
struct Features {
    text_lines: usize,
    form_feeds: usize,
    trailing: f32,
    followed_by_blank: f32,
    indented: f32,
    column_gap: f32,
    double_space: f32,
    median_len: usize,
}

fn measure(text: &str, lines: &[Line]) -> Features {
    let mut f = Features::default();
    let mut lens = Vec::new();
    let (mut trailing, mut fb, mut indented, mut gap3, mut gap2) = (0, 0, 0, 0, 0);
    for (i, l) in lines.iter().enumerate() {
        if l.form_feed {
            f.form_feeds += 1;
        }
        if matches!(l.kind, LineKind::Blank | LineKind::Spaces(_)) {
            continue;
        }
        f.text_lines += 1;
        let content = &text[l.content.start..l.content.end];
        lens.push(content.chars().count() + l.indent);
        if l.trailing > 0 {
            trailing += 1;
        }
        if lines.get(i + 1).is_some_and(|n| n.kind == LineKind::Blank) {
            fb += 1;
        }
        if l.indent >= 4 {
            indented += 1;
        }
        if content.contains("   ") {
            gap3 += 1;
        } else if content.contains("  ") {
            gap2 += 1;
        }
    }
    let n = f.text_lines.max(1) as f32;
    f.trailing = trailing as f32 / n;
    f.followed_by_blank = fb as f32 / n;
    f.indented = indented as f32 / n;
    f.column_gap = gap3 as f32 / n;
    f.double_space = gap2 as f32 / n;
    lens.sort_unstable();
    f.median_len = lens.get(lens.len() / 2).copied().unwrap_or(0);
    f
}

/// Judge the layout family of a text from its lines.
pub fn detect(text: &str, lines: &[Line]) -> Layout {
    let f = measure(text, lines);
    let evidence = vec![
        format!("{} text lines", f.text_lines),
        format!("{} form feeds", f.form_feeds),
        format!("{:.0}% end in a space", f.trailing * 100.0),
        format!(
            "{:.0}% followed by a blank line",
            f.followed_by_blank * 100.0
        ),
        format!("{:.0}% indented 4+ spaces", f.indented * 100.0),
        format!("{:.0}% with runs of 3+ spaces", f.column_gap * 100.0),
        format!("{:.0}% with doubled spaces", f.double_space * 100.0),
        format!("median line length {}", f.median_len),
    ];
    let (family, confidence) = classify(&f);
    Layout {
        family,
        confidence,
        evidence,
    }
}

fn classify(f: &Features) -> (Family, f32) {
    if f.text_lines < 5 {
        return (Family::Unknown, 0.0);
    }
    // Small samples earn less trust.
    let size = if f.text_lines >= 100 { 1.0 } else { 0.8 };
    let c = |x: f32| (x.clamp(0.0, 1.0) * size * 100.0).round() / 100.0;
    if f.form_feeds > 0 {
        // pdftotext's default mode and pdfminer never indent a line; -layout keeps
        // the page's columns and right-aligned numbers as runs of spaces.
        if f.indented >= 0.02 || (f.column_gap >= 0.1 && f.double_space < 0.02) {
            return (
                Family::PdftotextLayout,
                c(0.6 + f.indented.max(f.column_gap * 2.0).min(0.4)),
            );
        }
        if f.median_len > 150 {
            return (Family::FormFeedText, c(0.7));
        }
        if f.trailing >= 0.3 || f.double_space >= 0.02 || f.column_gap >= 0.02 {
            return (
                Family::Pdfminer,
                c(0.6 + (f.trailing.max(f.double_space * 4.0)).min(0.35)),
            );
        }
        if f.trailing < 0.02 && f.double_space < 0.01 {
            // pdftotext never writes trailing or doubled spaces in its default mode.
            return (Family::PdftotextDefault, c(0.95 - f.trailing * 10.0));
        }
        return (Family::FormFeedText, c(0.5));
    }
    // Lone footnote labels stand without a blank line after them, so short samples of
    // this layout reach only about a third; typed text rarely ends lines in a space.
    if f.followed_by_blank >= 0.3 && f.trailing >= 0.3 && f.median_len <= 150 {
        return (
            Family::DoubleSpacedExtract,
            c(f.followed_by_blank.min(f.trailing) + 0.1),
        );
    }
    if f.median_len > 150 {
        return (Family::WordPaste, c(0.6 + f.followed_by_blank.min(0.3)));
    }
    if f.trailing >= 0.5 && f.followed_by_blank < 0.3 {
        return (Family::Pymupdf, c(0.5 + f.trailing * 0.4));
    }
    if f.followed_by_blank >= 0.15 {
        return (Family::TypedParagraphs, c(0.5 + f.followed_by_blank * 0.4));
    }
    if f.followed_by_blank < 0.05 {
        // Single-spaced, wrapped, no trailing spaces: PyMuPDF on a PDF without them, or
        // text typed without blank lines.
        return (Family::Pymupdf, c(0.4));
    }
    (Family::Unknown, 0.3)
}

/// What the layout pass decided for one line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Page furniture; `page_break` when it ends a page in a file without form feeds.
    Furniture {
        kind: FurnitureKind,
        page_break: bool,
    },
    /// A footnote label in a block of labels listed apart from their texts.
    NoteLabel(u32),
    /// A line of footnote text in such a block.
    NoteText,
    /// A number that looks like a page number but is a footnote label or reference.
    NotPageNumber(u32),
}

/// A block of footnotes in `pdftotext` default order: labels, then texts.
#[derive(Clone, Debug, Default)]
pub struct NoteBlock {
    pub labels: Vec<(u32, Span)>,
    pub texts: Vec<Span>,
}

/// The layout pass's result: per-line marks and the footnote blocks.
#[derive(Debug, Default)]
pub struct Marks {
    pub marks: HashMap<usize, Mark>,
    pub note_blocks: Vec<NoteBlock>,
}

static STRUCTURAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:article|artikel|chapter|hoofdstuk|section|afdeling|annex|bijlage|title|titel|part|deel|paragraaf|table|tabel|figure|figuur|exhibit|box|kader|recital|overweging)\s+(?:#|[ivxlc]+)[.:]?$")
        .expect("valid regex")
});

/// The repetition key of a line: digits folded, spaces collapsed.
fn key(content: &str) -> Option<String> {
    if content.len() > 400 {
        return None;
    }
    let mut k = String::with_capacity(content.len());
    let mut last_space = false;
    let mut letters = 0;
    for ch in content.chars() {
        if ch.is_ascii_digit() {
            if !k.ends_with('#') {
                k.push('#');
            }
            last_space = false;
        } else if ch.is_whitespace() {
            if !last_space {
                k.push(' ');
            }
            last_space = true;
        } else {
            if ch.is_alphabetic() {
                letters += 1;
            }
            k.push(ch);
            last_space = false;
        }
    }
    // A document code ("9156/22") recurs like a running head; a bare number or point
    // label ("3.", "(5)") does not count.
    if k.chars().count() > 90 {
        return None;
    }
    if letters < 2 {
        // A document code or date ("9156/22", "27.10.2022") recurs verbatim; a bare
        // number or point label ("3.", "(5)", "3.2.1") is not a key.
        let long = content.chars().count() >= 5 && content.chars().any(|c| c.is_ascii_digit());
        if long && content.contains('/') {
            return Some(k);
        }
        let date = long && content.matches('.').count() == 2;
        return date.then(|| format!("={content}"));
    }
    if k.contains('#') && STRUCTURAL.is_match(&k) {
        return None;
    }
    Some(k)
}

fn is_content(l: &Line) -> bool {
    !matches!(l.kind, LineKind::Blank | LineKind::Spaces(_))
}

fn lone_number(text: &str, l: &Line) -> Option<u32> {
    match l.kind {
        LineKind::LoneNumber(n) | LineKind::PageNumber(n) => Some(n),
        _ => {
            let c = &text[l.content.start..l.content.end];
            (c.len() <= 3 && !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()))
                .then(|| c.parse().ok())
                .flatten()
        }
    }
}

/// How many content lines at each edge of a page count as its edge.
const EDGE: usize = 4;

/// Find page furniture and footnote blocks. The seeds' layout keeps its own parser.
pub fn mark(text: &str, lines: &[Line], layout: &Layout) -> Marks {
    let mut out = Marks::default();
    if matches!(
        layout.family,
        Family::DoubleSpacedExtract | Family::Unknown | Family::TypedParagraphs
    ) {
        return out;
    }
    // Pages: form feeds delimit them.
    let mut pages: Vec<Vec<usize>> = vec![Vec::new()];
    for (i, l) in lines.iter().enumerate() {
        if l.form_feed && !pages.last().is_some_and(|p| p.is_empty()) {
            pages.push(Vec::new());
        }
        if is_content(l) {
            if let Some(p) = pages.last_mut() {
                p.push(i);
            }
        }
    }
    pages.retain(|p| !p.is_empty());
    if pages.len() >= 3 {
        mark_paged(text, lines, &pages, &mut out);
    } else if !layout.family.from_pdf() || layout.family == Family::Pymupdf {
        mark_unpaged(text, lines, &mut out);
    }
    if layout.family == Family::PdftotextDefault && pages.len() >= 2 {
        for page in &pages {
            note_block(text, lines, page, &mut out);
        }
    }
    if layout.family != Family::DoubleSpacedExtract {
        // Outside the seeds' extractor a trailing space does not mark a page number:
        // a lone number not recognised as furniture is a footnote label or reference.
        for (i, l) in lines.iter().enumerate() {
            if let LineKind::PageNumber(n) = l.kind {
                out.marks.entry(i).or_insert(Mark::NotPageNumber(n));
            }
        }
    }
    out
}

/// Furniture on paginated text: lines at a page's edge whose key recurs at the edges
/// of many pages, and page numbers that keep one offset from the page's position.
fn mark_paged(text: &str, lines: &[Line], pages: &[Vec<usize>], out: &mut Marks) {
    let edges = |page: &Vec<usize>| -> Vec<usize> {
        let n = page.len();
        if n <= 2 * EDGE {
            page.clone()
        } else {
            page[..EDGE]
                .iter()
                .chain(page[n - EDGE * 2..].iter())
                .copied()
                .collect()
        }
    };
    let threshold = (pages.len() * 2).div_ceil(5).max(3);
    let edge_lines: Vec<Vec<usize>> = pages.iter().map(edges).collect();
    repeated(
        text,
        lines,
        &edge_lines,
        threshold,
        90,
        FurnitureKind::RunningFooter,
        out,
    );
    // A sender column or side note beside the text recurs anywhere on the page: a
    // short line found on most pages is furniture wherever it stands.
    let most = (pages.len() * 3).div_ceil(5).max(3);
    repeated(
        text,
        lines,
        pages,
        most,
        80,
        FurnitureKind::RunningHeader,
        out,
    );
    distribution_codes(text, lines, out);
    // Page numbers: lone numbers at a page's edge whose value minus the page's
    // position is the same on many pages.
    let mut offsets: HashMap<i64, usize> = HashMap::new();
    let candidates = |page: &Vec<usize>| -> Vec<(usize, u32)> {
        let n = page.len();
        page.iter()
            .enumerate()
            .filter(|(j, _)| *j < 3 || *j + 3 >= n)
            .filter_map(|(_, &i)| lone_number(text, &lines[i]).map(|v| (i, v)))
            .collect()
    };
    for (pi, page) in pages.iter().enumerate() {
        let mut seen = std::collections::HashSet::new();
        for (_, v) in candidates(page) {
            let o = v as i64 - pi as i64;
            if seen.insert(o) {
                *offsets.entry(o).or_default() += 1;
            }
        }
    }
    if let Some((&offset, &count)) = offsets.iter().max_by_key(|(o, c)| (**c, -**o)) {
        if count >= threshold {
            for (pi, page) in pages.iter().enumerate() {
                for (i, v) in candidates(page) {
                    if v as i64 - pi as i64 == offset {
                        out.marks.insert(
                            i,
                            Mark::Furniture {
                                kind: FurnitureKind::PageNumber,
                                page_break: false,
                            },
                        );
                    }
                }
            }
        }
    }
}

/// The keys of a line: the whole line's, and, where runs of 3+ spaces split it into
/// cells (`pdftotext -layout`), each cell's.
fn line_keys(content: &str, max: usize) -> (Option<String>, Vec<String>) {
    let whole = key(content).filter(|k| k.chars().count() <= max);
    let cells: Vec<&str> = content
        .split("   ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let cell_keys = if cells.len() >= 2 {
        cells.iter().filter_map(|c| key(c)).collect()
    } else {
        Vec::new()
    };
    (whole, cell_keys)
}

/// Mark the lines (among `groups`' lines) whose key, or every keyed cell's key, recurs
/// in at least `threshold` groups (pages).
fn repeated(
    text: &str,
    lines: &[Line],
    groups: &[Vec<usize>],
    threshold: usize,
    max: usize,
    kind: FurnitureKind,
    out: &mut Marks,
) {
    let mut count: HashMap<String, usize> = HashMap::new();
    for group in groups {
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        for &i in group {
            let l = &lines[i];
            let (whole, cells) = line_keys(&text[l.content.start..l.content.end], max);
            for k in whole.into_iter().chain(cells) {
                seen.insert(k);
            }
        }
        for k in seen {
            *count.entry(k).or_default() += 1;
        }
    }
    let frequent = |k: &String| count.get(k).is_some_and(|&c| c >= threshold);
    for group in groups {
        for &i in group {
            let l = &lines[i];
            let (whole, cells) = line_keys(&text[l.content.start..l.content.end], max);
            let hit = whole.as_ref().is_some_and(frequent)
                || (!cells.is_empty() && cells.iter().all(frequent));
            if hit && !matches!(out.marks.get(&i), Some(Mark::Furniture { .. })) {
                out.marks.insert(
                    i,
                    Mark::Furniture {
                        kind,
                        page_break: false,
                    },
                );
            }
        }
    }
}

static DISTRIBUTION_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z]{2,10}(?: [A-Z]{2,10})? \d{1,4}$").expect("valid regex"));

/// The distribution codes in a Council document's header ("ESPACE 53", "COMPET 337",
/// "RECH 240"): three or more consecutive lines of a code word and a number.
fn distribution_codes(text: &str, lines: &[Line], out: &mut Marks) {
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| is_content(&lines[i]))
        .collect();
    let is_code = |i: usize| {
        let l = &lines[i];
        DISTRIBUTION_CODE.is_match(&text[l.content.start..l.content.end])
    };
    let mut j = 0;
    while j < content.len() {
        let mut k = j;
        while k < content.len() && is_code(content[k]) {
            k += 1;
        }
        if k - j >= 3 {
            for &i in &content[j..k] {
                out.marks.insert(
                    i,
                    Mark::Furniture {
                        kind: FurnitureKind::RunningHeader,
                        page_break: false,
                    },
                );
            }
        }
        j = k.max(j + 1);
    }
}

/// Furniture without page delimiters: short lines repeated verbatim (digits folded)
/// many times, and lone numbers between two such lines (which then end a page).
fn mark_unpaged(text: &str, lines: &[Line], out: &mut Marks) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for l in lines.iter().filter(|l| is_content(l)) {
        let c = &text[l.content.start..l.content.end];
        if c.chars().count() <= 40 {
            if let Some(k) = key(c) {
                *counts.entry(k).or_default() += 1;
            }
        }
    }
    let content_lines = lines.iter().filter(|l| is_content(l)).count();
    let threshold = (content_lines / 150).max(5);
    let furniture: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| is_content(l))
        .filter(|(_, l)| {
            let c = &text[l.content.start..l.content.end];
            c.chars().count() <= 40
                && key(c).is_some_and(|k| counts.get(&k).is_some_and(|&n| n >= threshold))
        })
        .map(|(i, _)| i)
        .collect();
    for &i in &furniture {
        out.marks.insert(
            i,
            Mark::Furniture {
                kind: FurnitureKind::RunningFooter,
                page_break: false,
            },
        );
    }
    // A lone number between two furniture lines (or right after one, before a
    // content line at the next page) is the page number.
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| is_content(&lines[i]))
        .collect();
    for (j, &i) in content.iter().enumerate() {
        if lone_number(text, &lines[i]).is_none() {
            continue;
        }
        let before = j > 0 && furniture.binary_search(&content[j - 1]).is_ok();
        let after = content
            .get(j + 1)
            .is_some_and(|n| furniture.binary_search(n).is_ok());
        if before && after {
            out.marks.insert(
                i,
                Mark::Furniture {
                    kind: FurnitureKind::PageNumber,
                    page_break: true,
                },
            );
        }
    }
}

/// In `pdftotext` default order a page ends with its footnote labels, each alone on a
/// line and numbered consecutively, then (after furniture) the footnote texts.
fn note_block(text: &str, lines: &[Line], page: &[usize], out: &mut Marks) {
    // The last run of consecutive lone numbers (increasing by one) that is followed
    // only by furniture and text.
    let mut end = None;
    for (j, &i) in page.iter().enumerate().rev() {
        if matches!(out.marks.get(&i), Some(Mark::Furniture { .. })) {
            continue;
        }
        if lone_number(text, &lines[i]).is_some() {
            end = Some(j);
            break;
        }
    }
    let Some(end) = end else { return };
    let mut start = end;
    while start > 0 {
        let i = page[start - 1];
        let (Some(prev), Some(cur)) = (
            lone_number(text, &lines[i]),
            lone_number(text, &lines[page[start]]),
        ) else {
            break;
        };
        if prev + 1 != cur || matches!(out.marks.get(&i), Some(Mark::Furniture { .. })) {
            break;
        }
        start -= 1;
    }
    let labels: Vec<(u32, Span)> = page[start..=end]
        .iter()
        .filter_map(|&i| lone_number(text, &lines[i]).map(|n| (n, lines[i].content)))
        .collect();
    let texts: Vec<Span> = page[end + 1..]
        .iter()
        .filter(|i| !matches!(out.marks.get(i), Some(Mark::Furniture { .. })))
        .filter(|&&i| lone_number(text, &lines[i]).is_none())
        .map(|&i| lines[i].content)
        .collect();
    // Labels with no text after them are not a footnote block (a table's last column,
    // a list of numbers); nor is a run of numbers starting at 0.
    if texts.is_empty() || labels.first().is_some_and(|l| l.0 == 0) {
        return;
    }
    for &i in &page[start..=end] {
        if let Some(n) = lone_number(text, &lines[i]) {
            out.marks.insert(i, Mark::NoteLabel(n));
        }
    }
    for &i in &page[end + 1..] {
        if !out.marks.contains_key(&i) && lines[i].kind != LineKind::Blank {
            out.marks.insert(i, Mark::NoteText);
        }
    }
    out.note_blocks.push(NoteBlock { labels, texts });
}

/// Turn the footnote blocks into definitions. The texts are split into entries where a
/// line ends a sentence; when the entries and labels do not match one to one, the
/// remaining text goes to the last label (the footnote rules do not trust this layout's
/// pairing anyway, see [`Family::footnotes_pairable`]).
pub fn attach_note_blocks(doc: &mut super::Document, text: &str, blocks: &[NoteBlock]) {
    if blocks.is_empty() {
        return;
    }
    for block in blocks {
        let mut entries: Vec<Vec<Span>> = Vec::new();
        let mut ended = true;
        for &t in &block.texts {
            let line = &text[t.start..t.end];
            if ended || entries.is_empty() {
                entries.push(Vec::new());
            }
            if let Some(e) = entries.last_mut() {
                e.push(t);
            }
            ended = line.ends_with(['.', ';']) || line.ends_with(".)");
        }
        while entries.len() > block.labels.len() && entries.len() >= 2 {
            if let Some(last) = entries.pop() {
                if let Some(prev) = entries.last_mut() {
                    prev.extend(last);
                }
            }
        }
        for (k, &(n, label_span)) in block.labels.iter().enumerate() {
            let parts = entries.get(k).cloned().unwrap_or_default();
            let mut t = super::Text::new();
            for (j, &p) in parts.iter().enumerate() {
                if j > 0 {
                    let glue = if t.as_str().ends_with('-') { "" } else { " " };
                    t.push_synthetic(glue, p.start);
                }
                t.push_source(text, p);
            }
            let span = match (parts.first(), parts.last()) {
                (Some(a), Some(b)) => Span::new(a.start, b.end),
                _ => label_span,
            };
            let page = doc.page_index(label_span.start);
            doc.footnote_defs.push(super::FootnoteDef {
                span,
                label: Some(n.to_string()),
                label_span: Some(label_span),
                number: Some(n),
                text: t,
                page,
                in_body: false,
            });
        }
    }
    doc.footnote_defs
        .sort_by_key(|d| d.label_span.map_or(d.span.start, |l| l.start));
}

/// A language policylint has no pack for, when its function words clearly outnumber
/// those of every registered pack ("fr", "de"; `rules/recognition/unsupported.toml`).
pub fn unsupported_language(text: &str) -> Option<&'static str> {
    static SETS: std::sync::LazyLock<Vec<(&'static str, Vec<String>)>> =
        std::sync::LazyLock::new(|| {
            let table: toml::Table = include_str!("../../rules/recognition/unsupported.toml")
                .parse()
                .unwrap_or_default();
            table
                .iter()
                .map(|(code, t)| {
                    let code: &'static str = Box::leak(code.clone().into_boxed_str());
                    let words = t
                        .get("function-words")
                        .and_then(|w| w.as_array())
                        .map(|a| {
                            a.iter()
                                .filter_map(|w| w.as_str().map(str::to_string))
                                .collect()
                        })
                        .unwrap_or_default();
                    (code, words)
                })
                .collect()
        });
    let registered = crate::pack::Language::all();
    let mut sets: Vec<(&str, Vec<String>)> = registered
        .iter()
        .map(|&l| {
            (
                l.code(),
                crate::pack::Pack::builtin(l).strings("language.function-words"),
            )
        })
        .collect();
    let supported_sets = sets.len();
    sets.extend(
        SETS.iter()
            .filter(|(code, _)| !registered.iter().any(|l| l.code() == *code))
            .cloned(),
    );
    let mut counts = vec![0usize; sets.len()];
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty() && w.len() <= 5)
        .take(50_000)
    {
        for (k, (_, words)) in sets.iter().enumerate() {
            if words.iter().any(|f| f.eq_ignore_ascii_case(w)) {
                counts[k] += 1;
            }
        }
    }
    let supported = counts[..supported_sets].iter().copied().max().unwrap_or(0);
    // On a tie, the code that sorts first.
    let (best, &n) = counts
        .iter()
        .enumerate()
        .skip(supported_sets)
        .rev()
        .max_by_key(|(_, c)| **c)?;
    (n >= 30 && n > supported * 2).then_some(sets[best].0)
}

/// Whether a line is a long run of spaces (the footnote separator of some extractors).
pub fn is_separator(l: &Line) -> bool {
    matches!(l.kind, LineKind::Spaces(n) if n >= SEPARATOR_MIN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::lines::classify_all;

    fn family(text: &str) -> Family {
        detect(text, &classify_all(text)).family
    }

    #[test]
    fn recognises_families_from_their_evidence() {
        let double: String = (0..20)
            .map(|i| format!("Regel {i} van de tekst \n\n"))
            .collect();
        assert_eq!(family(&double), Family::DoubleSpacedExtract);
        let default: String = (0..20)
            .map(|i| format!("Line {i} of the text\nmore text here\n\u{c}"))
            .collect();
        assert_eq!(family(&default), Family::PdftotextDefault);
        let layout: String = (0..20)
            .map(|i| format!("     Line {i}      of the text\n\u{c}"))
            .collect();
        assert_eq!(family(&layout), Family::PdftotextLayout);
        let mupdf: String = (0..20)
            .map(|i| format!("Line {i} of the text \n"))
            .collect();
        assert_eq!(family(&mupdf), Family::Pymupdf);
        let word: String = (0..20)
            .map(|_| format!("{}\n\n", "woord ".repeat(40)))
            .collect();
        assert_eq!(family(&word), Family::WordPaste);
        let typed: String = (0..20)
            .map(|i| format!("Paragraph {i} starts\nand goes on.\n\n"))
            .collect();
        assert_eq!(family(&typed), Family::TypedParagraphs);
        assert_eq!(family("kort"), Family::Unknown);
    }

    #[test]
    fn furniture_is_what_recurs_at_page_edges() {
        let mut text = String::new();
        let topics = ["soil", "water", "air", "energy", "space", "transport"];
        for (p, topic) in topics.iter().enumerate() {
            let p = p + 1;
            text.push_str(&format!(
                "\u{c}9156/22 ABC/de\nBody text on {topic} policy.\nMore on {topic}.\nArticle {p}\nThe {topic} rules apply.\n{p}\nEN\n"
            ));
        }
        let lines = classify_all(&text);
        let layout = detect(&text, &lines);
        let marks = mark(&text, &lines, &layout);
        let furniture: Vec<&str> = lines
            .iter()
            .filter(|l| matches!(marks.marks.get(&l.index), Some(Mark::Furniture { .. })))
            .map(|l| &text[l.content.start..l.content.end])
            .collect();
        assert!(furniture.contains(&"9156/22 ABC/de"), "{furniture:?}");
        assert!(furniture.contains(&"EN"));
        assert!(furniture.contains(&"3"));
        assert!(!furniture.iter().any(|f| f.starts_with("Article")));
        assert!(!furniture.iter().any(|f| f.starts_with("Body")));
    }
}
