//! The model of legislative text: the parts of a proposal or an act (explanatory
//! memorandum, citations, recitals, enacting terms, annexes, financial statement) and
//! the numbered structure of the enacting terms (articles, paragraphs, subparagraphs,
//! points), each with a span into the source text.
//!
//! It is recovered from the lines of the source text, not from the outline the front
//! ends build for communications: legislative text restarts its paragraphs at 1 in every
//! article and its points at (a) in every paragraph, and the same reading works for a
//! PDF (its canonical rendering), a pdftotext extract and plain text. Words come from
//! the `[legislative]` section of every built-in pack (the model is built before the
//! language is trusted).
//!
//! A label is only accepted where it fits: an article heading is a line that is only
//! "Article 12" (or "Article 12a"), not continued from the line before ("… referred to
//! in" / "Article 14"), whose number goes up; a paragraph label "3." follows 1. and 2.
//! of its article; a point label fits one of the open lists or opens a new one ((a),
//! (i), (1)). Where the result cannot be trusted (no article 1, article numbers that go
//! back, many gaps) the model says so in `notes` and `sure` is false: the rules built on
//! it (XR002, NU003) then stay silent.
//!
//! Computed once per document ([`of`]) in one pass over the lines: linear in the text.

use std::sync::{Arc, LazyLock};

use crate::lazy_regex::LazyRe as Regex;
use serde::Serialize;

use super::{Document, ParseNote, Scheme};
use crate::document::inline::roman_value;
use crate::pack::{Language, Pack};
use crate::source::Span;

/// A part of a legislative document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartKind {
    ExplanatoryMemorandum,
    Citations,
    Recitals,
    EnactingTerms,
    Annexes,
    FinancialStatement,
}

impl PartKind {
    pub fn name(self) -> &'static str {
        match self {
            PartKind::ExplanatoryMemorandum => "explanatory memorandum",
            PartKind::Citations => "citations",
            PartKind::Recitals => "recitals",
            PartKind::EnactingTerms => "enacting terms",
            PartKind::Annexes => "annexes",
            PartKind::FinancialStatement => "financial statement",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Part {
    pub kind: PartKind,
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Recital {
    pub number: u32,
    pub label_span: Span,
    /// From the label to the next recital (or the end of the recitals).
    pub span: Span,
    /// Set when the number skips values ((11) after (9)).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jump: Option<Jump>,
    /// Set when the number repeats the one before ((9) after (9)).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub duplicate: bool,
}

/// A numbering step that is not the expected one: the label's value and what was
/// expected there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Jump {
    pub expected: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct LegalPoint {
    /// The label without brackets: "a", "ii", "12".
    pub label: String,
    /// As written: "(a)", "b)".
    pub written: String,
    pub scheme: Scheme,
    pub value: u32,
    /// 1 for the points of a paragraph, 2 for points inside a point.
    pub depth: u8,
    pub label_span: Span,
    /// Set when the label skips values of its list (a, b, d).
    pub jump: Option<Jump>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LegalParagraph {
    /// The number as written without the dot ("3", "2a"); None for the text of an
    /// article without numbered paragraphs (or before its first one).
    pub number: Option<String>,
    pub value: u32,
    pub label_span: Option<Span>,
    pub span: Span,
    /// Blocks of text of the paragraph that are not points (at least 1).
    pub subparagraphs: u32,
    pub points: Vec<LegalPoint>,
    pub jump: Option<Jump>,
    /// No lettered point label was left over that did not fit a list.
    pub points_sure: bool,
}

impl LegalParagraph {
    /// Whether a point with this label (any depth) is in the paragraph.
    pub fn has_point(&self, label: &str) -> bool {
        self.points.iter().any(|p| p.label == label)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Article {
    /// "12", "12a".
    pub number: String,
    pub value: u32,
    pub heading_span: Span,
    pub title: Option<String>,
    /// From the heading to the next article (or the end of the enacting terms).
    pub span: Span,
    /// The article amends another act: its references and quoted text are that act's.
    pub amending: bool,
    pub paragraphs: Vec<LegalParagraph>,
    pub jump: Option<Jump>,
    /// No paragraph label line was left over that did not fit the numbering.
    pub paragraphs_sure: bool,
}

impl Article {
    /// The numbered paragraph with this number ("3", "2a"): a binary search, the
    /// numbered paragraphs being in increasing order after the unnumbered one.
    pub fn paragraph(&self, number: &str) -> Option<&LegalParagraph> {
        let digits = number.bytes().take_while(u8::is_ascii_digit).count();
        let value: u32 = number[..digits].parse().ok()?;
        let from = self
            .paragraphs
            .partition_point(|p| p.number.is_none() || p.value < value);
        self.paragraphs[from..]
            .iter()
            .take_while(|p| p.value == value)
            .find(|p| p.number.as_deref() == Some(number))
    }

    pub fn numbered_paragraphs(&self) -> impl Iterator<Item = &LegalParagraph> {
        self.paragraphs.iter().filter(|p| p.number.is_some())
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Annex {
    /// "I", "II", "1"; None for a single "ANNEX".
    pub number: Option<String>,
    pub heading_span: Span,
}

/// The model of a document's legislative text.
#[derive(Clone, Debug, Default, Serialize)]
pub struct LegalModel {
    pub parts: Vec<Part>,
    pub citations: Vec<Span>,
    pub recitals: Vec<Recital>,
    pub articles: Vec<Article>,
    pub annexes: Vec<Annex>,
    /// Why the model is not to be trusted (shown once; the rules stay silent).
    pub notes: Vec<ParseNote>,
    /// The articles and their numbering were recovered with confidence.
    pub sure: bool,
    /// The recitals run 1..n with no recital label left over that did not fit.
    pub recitals_sure: bool,
    /// The annexes run I..n (or one unnumbered annex), every annex heading read.
    pub annexes_sure: bool,
}

impl LegalModel {
    /// Whether the document has legislative text at all (an enacting formula or articles).
    pub fn found(&self) -> bool {
        !self.parts.is_empty() || !self.articles.is_empty()
    }

    pub fn part(&self, kind: PartKind) -> Option<&Part> {
        self.parts.iter().find(|p| p.kind == kind)
    }

    /// The part a source offset lies in.
    pub fn part_at(&self, offset: usize) -> Option<PartKind> {
        self.parts
            .iter()
            .find(|p| p.span.start <= offset && offset < p.span.end)
            .map(|p| p.kind)
    }

    /// The article a source offset lies in.
    pub fn article_at(&self, offset: usize) -> Option<&Article> {
        let k = self
            .articles
            .partition_point(|a| a.span.start <= offset)
            .checked_sub(1)?;
        let a = &self.articles[k];
        (offset < a.span.end).then_some(a)
    }

    /// The article with this number ("12", "12a"): a binary search, the articles being
    /// in increasing order.
    pub fn article(&self, number: &str) -> Option<&Article> {
        let digits = number.bytes().take_while(u8::is_ascii_digit).count();
        let value: u32 = number[..digits].parse().ok()?;
        let from = self.articles.partition_point(|a| a.value < value);
        self.articles[from..]
            .iter()
            .take_while(|a| a.value == value)
            .find(|a| a.number == number)
    }
}

/// The `[legislative]` words of every built-in pack.
struct Words {
    memorandum: Vec<String>,
    citation_starts: Vec<String>,
    recitals_start: Vec<String>,
    enacting_formula: Vec<Regex>,
    enacting_end: Vec<String>,
    financial_statement: Vec<String>,
    article: Regex,
    annex: Regex,
    /// The annex word and a number at the start of a line with more after it.
    annex_like: Regex,
    divisions: Vec<String>,
    amending_titles: Vec<Regex>,
    amending: Vec<Regex>,
    continuation: Vec<String>,
}

fn alternation(words: &[String]) -> String {
    let mut w: Vec<String> = words.iter().map(|s| regex::escape(s)).collect();
    w.sort_by_key(|s| std::cmp::Reverse(s.len()));
    if w.is_empty() {
        // Matches nothing.
        return r"[^\s\S]".to_string();
    }
    w.join("|")
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let strings = |key: &str| -> Vec<String> {
        Language::all()
            .iter()
            .flat_map(|&l| Pack::builtin(l).strings(&format!("legislative.{key}")))
            .collect()
    };
    let regexes = |key: &str| -> Vec<Regex> {
        strings(key)
            .iter()
            .filter_map(|p| Regex::new(&format!("(?i){p}")).ok())
            .collect()
    };
    let article = Regex::new(&format!(
        r"^(?:{})\s+(\d{{1,3}})([a-z]{{0,2}})(?:\s+(\p{{Lu}}[^.;:,]{{0,120}}))?$",
        alternation(&strings("article"))
    ))
    .expect("article heading pattern");
    let annex = Regex::new(&format!(
        r"^(?:{})(?:\s+([IVXLC]{{1,7}}|\d{{1,2}}))?$",
        alternation(&strings("annex"))
    ))
    .expect("annex heading pattern");
    let annex_like = Regex::new(&format!(
        r"^(?:{})\s+(?:[IVXLC]{{1,7}}|\d{{1,2}})\b",
        alternation(&strings("annex"))
    ))
    .expect("annex-like pattern");
    Words {
        annex_like,
        memorandum: strings("memorandum"),
        citation_starts: strings("citation-starts"),
        recitals_start: strings("recitals-start"),
        enacting_formula: regexes("enacting-formula"),
        enacting_end: strings("enacting-end"),
        financial_statement: strings("financial-statement"),
        article,
        annex,
        divisions: strings("divisions"),
        amending_titles: regexes("amending-titles"),
        amending: regexes("amending"),
        continuation: strings("continuation-words")
            .into_iter()
            .map(|w| w.to_lowercase())
            .collect(),
    }
});

/// "1." / "1. Text" / "2a." at the start of a line.
static PARAGRAPH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})([a-z]?)\.(?:\s+\S|$)").expect("paragraph label"));
/// "(a)", "(ii)", "(12)", "a)" at the start of a line.
static POINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\(([a-z]{1,5}|\d{1,3})\)|([a-z]{1,5})\))(?:\s+\S|$)").expect("point label")
});
/// "(12)" at the start of a line: a recital.
static RECITAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\((\d{1,3})\)(?:\s+\S|$)").expect("recital label"));

/// The model of a document, built once per document.
pub fn of(doc: &Document) -> Arc<LegalModel> {
    doc.analysis(Pack::builtin(doc.language), || build(doc))
}

/// One line of the source: its span (without the line break) and trimmed text.
struct Line<'a> {
    start: usize,
    /// Offset of the trimmed text.
    text_start: usize,
    text: &'a str,
}

impl Line<'_> {
    fn span(&self) -> Span {
        Span::new(self.text_start, self.text_start + self.text.len())
    }
}

/// The lines of the text outside page furniture. Footnote texts are kept: a front end
/// that takes body text for a footnote would hide an article heading, while a footnote
/// label "(12)" does not fit the numbering the model follows.
fn lines(doc: &Document) -> Vec<Line<'_>> {
    let text = doc.text();
    let mut skip: Vec<Span> = doc.furniture.iter().map(|f| f.span).collect();
    skip.sort_by_key(|s| s.start);
    let skipped = |offset: usize| {
        let k = skip.partition_point(|s| s.start <= offset);
        k > 0 && skip[..k].iter().rev().take(4).any(|s| offset < s.end)
    };
    let mut out = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let lead = raw.len() - raw.trim_start().len();
        let t = raw.trim();
        if t.is_empty() || skipped(start + lead) {
            continue;
        }
        out.push(Line {
            start,
            text_start: start + lead,
            text: t,
        });
    }
    out
}

/// The line before goes on in this one: it ends with a continuation word (not right
/// after ";" or ","). A comma at the end is no sign: list items end in one.
fn continues(prev: Option<&Line<'_>>) -> bool {
    let Some(prev) = prev else { return false };
    let t = prev.text.trim_end();
    let Some((head, last)) = t.rsplit_once(char::is_whitespace).or(Some(("", t))) else {
        return false;
    };
    let head = head.trim_end();
    if head.ends_with(';') || head.ends_with(',') {
        return false;
    }
    WORDS.continuation.contains(&last.to_lowercase())
}

fn starts_with_any(t: &str, words: &[String]) -> bool {
    words.iter().any(|w| t.starts_with(w.as_str()))
}

/// The next line starts the way a title or a paragraph does (not a lower-case
/// continuation of a sentence).
fn opens_block(next: Option<&Line<'_>>) -> bool {
    next.and_then(|l| l.text.chars().next())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '(' || c == '‘')
}

fn is_quote(c: char) -> bool {
    matches!(c, '‘' | '’' | '\'' | '"' | '“' | '”' | '„' | '«')
}

/// A point list open at one depth.
struct PointList {
    scheme: Scheme,
    last: u32,
    depth: u8,
}

fn letter_value(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    match b {
        [c] if c.is_ascii_lowercase() => Some(u32::from(c - b'a' + 1)),
        // "aa", "bb": the letters after z in EU drafting.
        [c, d] if c == d && c.is_ascii_lowercase() => Some(26 + u32::from(c - b'a' + 1)),
        _ => None,
    }
}

fn value_in(scheme: Scheme, label: &str) -> Option<u32> {
    match scheme {
        Scheme::Arabic => label.parse().ok(),
        Scheme::LowerAlpha => letter_value(label),
        Scheme::LowerRoman => roman_value(label).filter(|_| label.len() <= 5),
        _ => None,
    }
}

/// The points of one paragraph, read label by label.
#[derive(Default)]
struct PointReader {
    stack: Vec<PointList>,
}

impl PointReader {
    /// Place a label: (scheme, value, depth, jump), or None when it fits no list (not
    /// a label, or a numbering the model cannot follow).
    fn place(&mut self, label: &str) -> Option<(Scheme, u32, u8, Option<Jump>)> {
        let schemes = [Scheme::LowerAlpha, Scheme::LowerRoman, Scheme::Arabic];
        // The next value of an open list, innermost first.
        for k in (0..self.stack.len()).rev() {
            let list = &self.stack[k];
            if value_in(list.scheme, label) == Some(list.last + 1) {
                self.stack.truncate(k + 1);
                let list = &mut self.stack[k];
                list.last += 1;
                return Some((list.scheme, list.last, list.depth, None));
            }
        }
        // A new list: its first value, one level deeper than the innermost list.
        for scheme in schemes {
            if value_in(scheme, label) == Some(1) {
                let depth = self.stack.last().map_or(1, |l| l.depth + 1);
                if depth > 4 {
                    return None;
                }
                self.stack.push(PointList {
                    scheme,
                    last: 1,
                    depth,
                });
                return Some((scheme, 1, depth, None));
            }
        }
        // A small jump forward in the innermost list of the same scheme: a gap.
        for k in (0..self.stack.len()).rev() {
            let list = &self.stack[k];
            if let Some(v) = value_in(list.scheme, label) {
                if v > list.last + 1 && v <= list.last + 3 {
                    let expected = list.last + 1;
                    self.stack.truncate(k + 1);
                    let list = &mut self.stack[k];
                    list.last = v;
                    return Some((list.scheme, v, list.depth, Some(Jump { expected })));
                }
            }
        }
        None
    }
}

/// Build the model from the document's lines.
pub fn build(doc: &Document) -> LegalModel {
    let w = &*WORDS;
    let lines = lines(doc);
    let text_len = doc.text().len();
    let mut model = LegalModel::default();

    // The anchors: the enacting formula, the recitals and the citations before it.
    let formula = lines
        .iter()
        .position(|l| w.enacting_formula.iter().any(|r| r.is_match(l.text)));
    let Some(formula) = formula else {
        return model;
    };
    let recitals_at = lines[..formula]
        .iter()
        .rposition(|l| starts_with_any(l.text, &w.recitals_start));
    let citations_end = recitals_at.unwrap_or(formula);
    // The citations: the lines starting with a citation word right before the recitals.
    let mut citation_lines = Vec::new();
    let mut k = citations_end;
    let mut gap = 0;
    while k > 0 && gap < 8 {
        k -= 1;
        if starts_with_any(lines[k].text, &w.citation_starts) {
            citation_lines.push(k);
            gap = 0;
        } else {
            gap += 1;
        }
    }
    citation_lines.reverse();
    let memorandum = lines[..formula]
        .iter()
        .position(|l| w.memorandum.iter().any(|m| l.text == m.as_str()));
    // The end of the enacting terms: the signatures, an annex or the financial statement.
    let mut end_line = lines.len();
    let mut end_kind = None;
    for (k, l) in lines.iter().enumerate().skip(formula + 1) {
        if starts_with_any(l.text, &w.enacting_end) {
            end_line = k;
            end_kind = Some(None);
            break;
        }
        if starts_with_any(l.text, &w.financial_statement) {
            end_line = k;
            end_kind = Some(Some(PartKind::FinancialStatement));
            break;
        }
        if w.annex.is_match(l.text) {
            end_line = k;
            end_kind = Some(Some(PartKind::Annexes));
            break;
        }
    }
    let offset_of = |k: usize| lines.get(k).map_or(text_len, |l| l.start);
    let enacting_end = offset_of(end_line);

    // Parts.
    let first_citation = citation_lines.first().copied();
    let legal_start = first_citation.or(recitals_at).unwrap_or(formula);
    if let Some(m) = memorandum.filter(|&m| m < legal_start) {
        // The memorandum runs to the proposal's title, which sits a few lines before the
        // citations; the citations' start is close enough and never too early.
        model.parts.push(Part {
            kind: PartKind::ExplanatoryMemorandum,
            span: Span::new(lines[m].start, offset_of(legal_start)),
        });
    }
    if let Some(c) = first_citation {
        model.parts.push(Part {
            kind: PartKind::Citations,
            span: Span::new(lines[c].start, offset_of(citations_end)),
        });
        for (i, &c) in citation_lines.iter().enumerate() {
            let end = citation_lines
                .get(i + 1)
                .map_or(offset_of(citations_end), |&n| lines[n].start);
            model.citations.push(Span::new(lines[c].text_start, end));
        }
    }
    if let Some(r) = recitals_at {
        model.parts.push(Part {
            kind: PartKind::Recitals,
            span: Span::new(lines[r].start, offset_of(formula)),
        });
        let mut footnotes: Vec<Span> = doc.footnote_defs.iter().map(|d| d.span).collect();
        footnotes.sort_by_key(|s| s.start);
        read_recitals(
            &lines[r + 1..formula],
            offset_of(formula),
            &footnotes,
            &mut model,
        );
    }
    model.parts.push(Part {
        kind: PartKind::EnactingTerms,
        span: Span::new(lines[formula].start, enacting_end),
    });
    // After the enacting terms: annexes and the financial statement, in any order.
    let mut after = end_line;
    if end_kind == Some(None) {
        // The signatures: look for an annex or statement after them.
        after = lines
            .iter()
            .enumerate()
            .skip(end_line)
            .find(|(_, l)| {
                w.annex.is_match(l.text) || starts_with_any(l.text, &w.financial_statement)
            })
            .map_or(lines.len(), |(k, _)| k);
    }
    read_tail(&lines[after.min(lines.len())..], text_len, &mut model);

    read_articles(
        doc,
        &lines[formula + 1..end_line.max(formula + 1)],
        enacting_end,
        &mut model,
    );
    // The enacting terms were cut at an annex or financial-statement line, yet the next
    // article follows it: the cut was wrong, and the articles after it unread.
    if end_kind.is_some_and(|k| k.is_some()) {
        let next = model.articles.last().map_or(1, |a| a.value + 1);
        let resumed = lines[end_line..].iter().find(|l| {
            w.article
                .captures(l.text)
                .is_some_and(|c| c[1].parse::<u32>().ok() == Some(next))
        });
        if let Some(l) = resumed {
            model.notes.push(ParseNote {
                span: l.span(),
                message: format!(
                    "legislative text: “{}” follows what was taken for the end of the \
                     enacting terms (an annex or financial statement heading); the articles \
                     cannot be told apart with confidence, so their references and \
                     numbering are not checked",
                    l.text
                ),
            });
        }
    }
    judge(
        doc,
        &mut model,
        Span::new(lines[formula].start, enacting_end),
    );
    model
}

/// Recital numbers more than this beyond the expected one are not taken for a gap.
const MAX_RECITAL_GAP: u32 = 3;

fn read_recitals(lines: &[Line<'_>], end: usize, footnotes: &[Span], model: &mut LegalModel) {
    let in_footnote = |at: usize| {
        let k = footnotes.partition_point(|s| s.start <= at);
        k > 0 && footnotes[..k].iter().rev().take(4).any(|s| at < s.end)
    };
    // Every label value of the recitals, with the line it stands on: a gap is taken only
    // when the number it skips stands nowhere after it.
    let labels: Vec<(usize, u32)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !in_footnote(l.text_start))
        .filter_map(|(k, l)| {
            let c = RECITAL.captures(l.text)?;
            Some((k, c.get(1)?.as_str().parse::<u32>().ok()?))
        })
        .collect();
    // A recital closes with a full stop: the label after one starts a recital.
    let after_full_stop =
        |k: usize| k > 0 && lines.get(k - 1).is_some_and(|p| p.text.ends_with('.'));
    let mut last = 0u32;
    // The index in `labels` of the last recital taken: a gap or a repeat is taken only
    // right after it, with no other label between (a footnote block "(1) OJ C …", "(2)
    // OJ C …" among the recitals of an act as published).
    let mut last_taken: Option<usize> = None;
    let mut left_over = false;
    for (i, &(k, v)) in labels.iter().enumerate() {
        let l = &lines[k];
        let Some(c) = RECITAL.captures(l.text) else {
            continue;
        };
        let later = |n: u32| labels[i + 1..].iter().any(|&(_, x)| x == n);
        let adjacent = i > 0 && last_taken == Some(i - 1);
        let (jump, duplicate) = if v == last + 1 && !(k > 0 && continues(lines.get(k - 1))) {
            (None, false)
        } else if adjacent
            && v > last + 1
            && v <= last + 1 + MAX_RECITAL_GAP
            && after_full_stop(k)
            && !later(last + 1)
        {
            (Some(Jump { expected: last + 1 }), false)
        } else if adjacent && v == last && after_full_stop(k) && later(v + 1) {
            (None, true)
        } else {
            left_over |= v > last + 1;
            continue;
        };
        last = v;
        last_taken = Some(i);
        let label = c.get(1).map_or(0, |m| m.end() + 1);
        if let Some(prev) = model.recitals.last_mut() {
            prev.span.end = l.start;
        }
        model.recitals.push(Recital {
            number: v,
            label_span: Span::new(l.text_start, l.text_start + label),
            span: Span::new(l.text_start, end),
            jump,
            duplicate,
        });
    }
    model.recitals_sure = !model.recitals.is_empty() && !left_over;
}

fn read_tail(lines: &[Line<'_>], text_end: usize, model: &mut LegalModel) {
    let w = &*WORDS;
    let mut open: Option<(PartKind, usize)> = None;
    let mut odd_annex = false;
    let close = |open: &mut Option<(PartKind, usize)>, at: usize, model: &mut LegalModel| {
        if let Some((kind, start)) = open.take() {
            if let Some(p) = model.parts.last_mut().filter(|p| p.kind == kind) {
                p.span.end = at;
            } else {
                model.parts.push(Part {
                    kind,
                    span: Span::new(start, at),
                });
            }
        }
    };
    for l in lines {
        if let Some(c) = w.annex.captures(l.text) {
            if open.is_none_or(|(k, _)| k != PartKind::Annexes) {
                close(&mut open, l.start, model);
                open = Some((PartKind::Annexes, l.start));
            }
            model.annexes.push(Annex {
                number: c.get(1).map(|m| m.as_str().to_string()),
                heading_span: l.span(),
            });
        } else if w.annex_like.is_match(l.text) {
            // An annex heading written in a way the model does not read ("ANNEX II —
            // Title"): the annexes found are not all the annexes.
            odd_annex = true;
        } else if starts_with_any(l.text, &w.financial_statement)
            && open.is_none_or(|(k, _)| k != PartKind::FinancialStatement)
        {
            close(&mut open, l.start, model);
            open = Some((PartKind::FinancialStatement, l.start));
        }
    }
    close(&mut open, text_end, model);
    // Annexes I, II, III … (or one unnumbered annex), every heading read.
    let numbers: Vec<Option<u32>> = model
        .annexes
        .iter()
        .map(|a| a.number.as_deref().and_then(annex_value))
        .collect();
    let consecutive = match numbers.as_slice() {
        [None] => true,
        _ => numbers
            .iter()
            .enumerate()
            .all(|(i, n)| *n == Some(i as u32 + 1)),
    };
    model.annexes_sure = !model.annexes.is_empty() && consecutive && !odd_annex;
}

/// The value of an annex number: roman or arabic.
fn annex_value(s: &str) -> Option<u32> {
    if s.chars().all(|c| c.is_ascii_digit()) {
        s.parse().ok()
    } else {
        roman_value(&s.to_lowercase())
    }
}

/// What the article reader has seen, for the verdict.
#[derive(Default)]
struct Oddities {
    /// Bare article headings that went back (outside amending articles).
    backwards: Vec<Span>,
}

fn read_articles(doc: &Document, lines: &[Line<'_>], end: usize, model: &mut LegalModel) {
    let w = &*WORDS;
    let mut odd = Oddities::default();
    let mut articles: Vec<Article> = Vec::new();
    let mut points = PointReader::default();
    // Whether the text since the last label/blank boundary is a point's text.
    for k in 0..lines.len() {
        let l = &lines[k];
        let prev = k.checked_sub(1).map(|p| &lines[p]);
        let next = lines.get(k + 1);
        // An article heading.
        if let Some(c) = w.article.captures(l.text).filter(|c| {
            c.get(3)
                .is_none_or(|t| t.as_str().chars().any(char::is_lowercase))
        }) {
            let value: u32 = c[1].parse().unwrap_or(0);
            let suffix = c.get(2).map_or("", |m| m.as_str());
            let fits_line = !continues(prev) && opens_block(next);
            let last = articles.last();
            let in_amending = last.is_some_and(|a| a.amending);
            let number = format!("{}{suffix}", &c[1]);
            let heading_len = c.get(2).map_or(l.text.len(), |m| m.end());
            let goes_up = match last {
                None => true,
                Some(a) => {
                    value > a.value
                        || (value == a.value
                            && !suffix.is_empty()
                            && (a.number.len(), a.number.as_str())
                                < (number.len(), number.as_str()))
                }
            };
            if fits_line && goes_up && last.is_none_or(|a| value <= a.value + 6) {
                if let Some(prev) = articles.last_mut() {
                    prev.span.end = l.start;
                }
                let jump = articles
                    .last()
                    .map_or(1, |a| a.value + 1)
                    .lt(&value)
                    .then(|| Jump {
                        expected: articles.last().map_or(1, |a| a.value + 1),
                    })
                    .filter(|_| suffix.is_empty());
                let inline = c.get(3).map(|t| t.as_str().trim().to_string());
                let title = inline.or_else(|| {
                    next.filter(|n| {
                        !PARAGRAPH.is_match(n.text)
                            && !POINT.is_match(n.text)
                            && n.text.chars().count() <= 160
                            && !n.text.ends_with(['.', ':', ';', ','])
                            && !w.article.is_match(n.text)
                    })
                    .map(|n| n.text.to_string())
                });
                let amending = title
                    .as_deref()
                    .is_some_and(|t| w.amending_titles.iter().any(|r| r.is_match(t)));
                articles.push(Article {
                    number,
                    value,
                    heading_span: Span::new(l.text_start, l.text_start + heading_len),
                    title,
                    span: Span::new(l.start, end),
                    amending,
                    paragraphs: Vec::new(),
                    jump,
                    paragraphs_sure: true,
                });
                points = PointReader::default();
                continue;
            } else if fits_line && !goes_up && !in_amending && !l.text.starts_with(is_quote) {
                odd.backwards.push(l.span());
            }
        }
        let Some(article) = articles.last_mut() else {
            continue;
        };
        if !article.amending && w.amending.iter().any(|r| r.is_match(l.text)) {
            article.amending = true;
        }
        if article.title.as_deref() == Some(l.text) && article.paragraphs.is_empty() {
            continue;
        }
        if starts_with_any(l.text, &w.divisions) {
            continue;
        }
        // A paragraph label.
        if let Some(c) = PARAGRAPH.captures(l.text) {
            let value: u32 = c[1].parse().unwrap_or(0);
            let suffix = c.get(2).map_or("", |m| m.as_str());
            let last = article
                .paragraphs
                .iter()
                .rev()
                .find(|p| p.number.is_some())
                .map(|p| (p.value, p.number.clone()));
            let fits = match &last {
                None => value == 1 || (value <= 3 && article.paragraphs.is_empty()),
                Some((v, _)) if suffix.is_empty() => value > *v && value <= v + 3,
                Some((v, n)) => value == *v && n.as_deref() == Some(&c[1]),
            };
            if fits && !continues(prev) {
                let expected = last.as_ref().map_or(1, |(v, _)| v + 1);
                let jump = (suffix.is_empty() && value != expected).then_some(Jump { expected });
                if let Some(p) = article.paragraphs.last_mut() {
                    p.span.end = l.start;
                }
                let label_len = c[1].len() + suffix.len() + 1;
                article.paragraphs.push(LegalParagraph {
                    number: Some(format!("{}{suffix}", &c[1])),
                    value,
                    label_span: Some(Span::new(l.text_start, l.text_start + label_len)),
                    span: Span::new(l.start, end),
                    subparagraphs: 1,
                    points: Vec::new(),
                    jump,
                    points_sure: true,
                });
                points = PointReader::default();
                continue;
            }
            if !continues(prev) && !fits {
                article.paragraphs_sure = false;
            }
        }
        if article.paragraphs.is_empty() {
            article.paragraphs.push(LegalParagraph {
                number: None,
                value: 0,
                label_span: None,
                span: Span::new(l.start, end),
                subparagraphs: 1,
                points: Vec::new(),
                jump: None,
                points_sure: true,
            });
        }
        let paragraph = article.paragraphs.last_mut().expect("just ensured");
        // A point label.
        if let Some(c) = POINT.captures(l.text) {
            let label = c.get(2).or(c.get(3)).map_or("", |m| m.as_str());
            if !continues(prev) && !l.text.starts_with(is_quote) {
                if let Some((scheme, value, depth, jump)) = points.place(label) {
                    let written = c[1].to_string();
                    paragraph.points.push(LegalPoint {
                        label: label.to_string(),
                        label_span: Span::new(l.text_start, l.text_start + written.len()),
                        written,
                        scheme,
                        value,
                        depth,
                        jump,
                    });
                    continue;
                }
                if !label.starts_with(|c: char| c.is_ascii_digit()) {
                    paragraph.points_sure = false;
                }
            }
        }
        // A new subparagraph: a block after the points of the paragraph, or after a
        // sentence that ended, starting with a capital on a line of its own.
        let after_points = !paragraph.points.is_empty()
            && prev.is_some_and(|p| p.text.ends_with(['.', ';']))
            && l.text.starts_with(|c: char| c.is_uppercase());
        let blank_before = l.start > 0 && doc.text()[..l.start].ends_with("\n\n");
        let after_sentence = blank_before
            && prev.is_some_and(|p| p.text.ends_with('.'))
            && l.text.starts_with(|c: char| c.is_uppercase());
        if after_points || after_sentence {
            paragraph.subparagraphs += 1;
            if after_points {
                // Points after a new subparagraph start a new list.
                points = PointReader::default();
            }
        }
    }
    if let Some(a) = articles.last_mut() {
        a.span.end = end;
    }
    for a in &mut articles {
        if let Some(p) = a.paragraphs.last_mut() {
            p.span.end = a.span.end;
        }
    }
    model.articles = articles;
    if let Some(first) = odd.backwards.first() {
        model.notes.push(ParseNote {
            span: *first,
            message: format!(
                "legislative text: {} article heading(s) go back in the numbering (the first: \
                 “{}”); the articles cannot be told apart with confidence, so their references \
                 and numbering are not checked",
                odd.backwards.len(),
                &doc.text()[first.start..first.end]
            ),
        });
    }
}

/// Decide whether the model can be trusted.
fn judge(doc: &Document, model: &mut LegalModel, enacting: Span) {
    if !model.notes.is_empty() {
        model.sure = false;
        return;
    }
    let Some(first) = model.articles.first() else {
        model.notes.push(ParseNote {
            span: Span::new(enacting.start, enacting.start),
            message: "legislative text: no article headings (“Article 1” alone on a line) were \
                      found after the enacting formula; references and numbering of the \
                      legal text are not checked"
                .to_string(),
        });
        return;
    };
    if first.value != 1 {
        model.notes.push(ParseNote {
            span: first.heading_span,
            message: format!(
                "legislative text: the first article found is “{}”, not Article 1; references \
                 and numbering of the legal text are not checked",
                &doc.text()[first.heading_span.start..first.heading_span.end]
            ),
        });
        return;
    }
    let missing: u32 = model
        .articles
        .windows(2)
        .map(|w| w[1].value.saturating_sub(w[0].value + 1))
        .sum();
    if missing > 2 {
        model.notes.push(ParseNote {
            span: first.heading_span,
            message: format!(
                "legislative text: {missing} article numbers are missing between the articles \
                 found ({} articles up to Article {}); the article headings were not all \
                 recovered, so references and numbering of the legal text are not checked",
                model.articles.len(),
                model.articles.last().map_or(0, |a| a.value)
            ),
        });
        return;
    }
    model.sure = true;
}
