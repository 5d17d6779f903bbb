//! Key-action coverage: for every item of every key-action box, the passage of the
//! body that best supports it.
//!
//! The body is the document's paragraphs (boxes and footnotes are excluded by the
//! model), cut into sentences. [`support`] indexes it once and scores every item;
//! KA001 and KA002 report from the result, `policylint dump` shows it through
//! [`render_support`], and the commitments rules can look at the supporting
//! sentences ([`Passage::sentences`]) to see whether the body dates an undated item.

pub mod key_action_not_in_body;
pub mod key_action_weakly_supported;
mod report;
pub use key_action_not_in_body::KeyActionNotInBody;
pub use key_action_weakly_supported::KeyActionWeaklySupported;

pub mod acronyms;
pub mod compound;
pub mod config;
pub mod matcher;
pub mod tokenise;

use std::fmt::Write as _;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use crate::document::{Document, TextRole};
use crate::pack::Pack;
use crate::source::Span;

pub use config::KeyActionsPack;
pub use matcher::{Corpus, ItemScore};

/// A stretch of the body: consecutive sentences.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Passage {
    /// Indices into `doc.sentences`, from the first to the last sentence that matches.
    pub sentences: Range<usize>,
    /// Source span from the start of the first sentence to the end of the last.
    pub span: Span,
}

/// How one `;`-clause of an item is supported.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClauseSupport {
    pub text: String,
    pub span: Span,
    pub score: f64,
    pub passage: Option<Passage>,
}

/// How one box item is supported by the body (serialisable for `dump --format json`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemSupport {
    /// Index into `doc.boxes`.
    pub box_index: usize,
    /// Index into the box's `items`.
    pub item_index: usize,
    /// The item's whole span.
    pub item_span: Span,
    /// 0 (nothing in the body) to 1 (every term, weighted by rarity, in one passage);
    /// the weakest clause's score.
    pub score: f64,
    /// The passage that best supports the weakest clause.
    pub passage: Option<Passage>,
    pub clauses: Vec<ClauseSupport>,
    /// Distinctive terms of the item that occur nowhere in the body, as written.
    pub missing_terms: Vec<String>,
    /// Where those terms are written in the item.
    pub missing_spans: Vec<Span>,
    /// Instruments the item announces (agenda, strategie, richtlijn) that occur in the
    /// body but not in the supporting passage, as written.
    pub unsupported_instruments: Vec<String>,
}

/// Score every item of every key-action box of `doc` against its body.
/// The most item × body-sentence comparisons [`support`] makes for one document.
pub const MAX_ITEM_SENTENCE_PAIRS: usize = 5_000_000;

pub fn support(doc: &Document, pack: &Pack) -> Vec<ItemSupport> {
    if doc.boxes.iter().all(|b| b.items.is_empty()) {
        return Vec::new();
    }
    // Each item is compared with the whole body: items × sentences. A communication
    // with key-action boxes has at most a few hundred items and some thousands of
    // sentences; beyond MAX_ITEM_SENTENCE_PAIRS the text is not one communication
    // (concatenated documents, a whole journal) and the comparison would be
    // quadratic, so it is not made: no passage, no KA finding (silence over a guess).
    let items: usize = doc.boxes.iter().map(|b| b.items.len()).sum();
    if items.saturating_mul(doc.sentences.len()) > MAX_ITEM_SENTENCE_PAIRS {
        return Vec::new();
    }
    let ka_pack = pack.compiled::<KeyActionsPack>();
    let body: Vec<&str> = doc.sentences.iter().map(|s| doc.sentence_text(s)).collect();
    let others: Vec<&str> = doc
        .texts()
        .filter(|(role, _)| *role != TextRole::Body)
        .map(|(_, t)| t.as_str())
        .collect();
    let corpus = Corpus::build(&ka_pack, &body, &others);
    let passage = |range: &Range<usize>| -> Option<Passage> {
        let first = doc.sentences.get(range.start)?;
        let last = doc.sentences.get(range.end.checked_sub(1)?)?;
        Some(Passage {
            sentences: range.clone(),
            span: doc.sentence_span(first).cover(doc.sentence_span(last)),
        })
    };
    let mut out = Vec::new();
    for (box_index, b) in doc.boxes.iter().enumerate() {
        for (item_index, item) in b.items.iter().enumerate() {
            let text = item.text.as_str();
            let scored = corpus.score(text);
            let clauses = scored
                .clauses
                .iter()
                .map(|c| ClauseSupport {
                    text: text
                        .get(c.range.clone())
                        .unwrap_or_default()
                        .trim()
                        .to_string(),
                    span: item.text.source_span((c.range.start..c.range.end).into()),
                    score: c.score,
                    passage: c.passage.as_ref().and_then(&passage),
                })
                .collect();
            let mut missing_terms = Vec::new();
            let mut missing_spans = Vec::new();
            for r in &scored.missing {
                if let Some(written) = text.get(r.clone()) {
                    let written = written.to_string();
                    if !missing_terms.contains(&written) {
                        missing_terms.push(written);
                        missing_spans.push(item.text.source_span((r.start..r.end).into()));
                    }
                }
            }
            let mut unsupported_instruments: Vec<String> = Vec::new();
            for r in &scored.unanchored {
                if let Some(written) = text.get(r.clone()) {
                    if !unsupported_instruments.iter().any(|w| w == written) {
                        unsupported_instruments.push(written.to_string());
                    }
                }
            }
            out.push(ItemSupport {
                unsupported_instruments,
                box_index,
                item_index,
                item_span: item.span,
                score: scored.score,
                passage: scored.passage.as_ref().and_then(&passage),
                clauses,
                missing_terms,
                missing_spans,
            });
        }
    }
    out
}

/// [`support`], computed once per document and pack and shared by KA001 and KA002
/// (the last few documents are kept; the key is a hash of the text, its length and
/// the pack's address).
pub fn support_shared(doc: &Document, pack: &Pack) -> Arc<Vec<ItemSupport>> {
    doc.analysis(pack, || support(doc, pack))
}

/// `a`, `a` and `b`, `a`, `b` and `c` (terms in backticks).
pub fn list_terms(terms: &[String], conjunction: &str) -> String {
    let quoted: Vec<String> = terms.iter().map(|t| format!("`{t}`")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        n => format!(
            "{} {conjunction} {}",
            quoted[..n - 1].join(", "),
            quoted[n - 1]
        ),
    }
}

/// A readable block for `policylint dump`: every box item with its score, its
/// clauses, its best body passage and the terms the body lacks.
pub fn render_support(doc: &Document, supports: &[ItemSupport]) -> String {
    let mut out = String::new();
    let mut current_box = None;
    for s in supports {
        let Some(b) = doc.boxes.get(s.box_index) else {
            continue;
        };
        if current_box != Some(s.box_index) {
            current_box = Some(s.box_index);
            let _ = writeln!(
                out,
                "box {} \"{}\" (line {})",
                s.box_index + 1,
                b.title.trim(),
                doc.line_of(b.span.start)
            );
        }
        let Some(item) = b.items.get(s.item_index) else {
            continue;
        };
        let _ = writeln!(
            out,
            "  item {} (line {}) score {:.2}: {}",
            s.item_index + 1,
            doc.line_of(item.span.start),
            s.score,
            shorten(item.text.as_str(), 110)
        );
        if s.clauses.len() > 1 {
            for c in &s.clauses {
                let _ = writeln!(
                    out,
                    "    clause score {:.2}: {}",
                    c.score,
                    shorten(&c.text, 90)
                );
            }
        }
        match &s.passage {
            Some(p) => {
                let (l1, l2) = (
                    doc.line_of(p.span.start),
                    doc.line_of(p.span.end.saturating_sub(1)),
                );
                let text: Vec<&str> = doc.sentences[p.sentences.clone()]
                    .iter()
                    .map(|x| doc.sentence_text(x))
                    .collect();
                let lines = if l1 == l2 {
                    format!("line {l1}")
                } else {
                    format!("lines {l1}-{l2}")
                };
                let _ = writeln!(
                    out,
                    "    passage ({lines}): {}",
                    shorten(&text.join(" "), 160)
                );
            }
            None => {
                let _ = writeln!(out, "    passage: none");
            }
        }
        if !s.missing_terms.is_empty() {
            let _ = writeln!(
                out,
                "    not in the body: {}",
                list_terms(&s.missing_terms, "and")
            );
        }
        if !s.unsupported_instruments.is_empty() {
            let _ = writeln!(
                out,
                "    not in the passage: {}",
                list_terms(&s.unsupported_instruments, "and")
            );
        }
    }
    out
}

/// At most `max` characters, whitespace collapsed, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// Default thresholds, chosen on the 70 labelled items of two Dutch strategies (see
/// the rules' Options sections for the measured figures).
pub mod defaults {
    /// Below this score an item is not discussed in the body (KA001).
    pub const MIN_SCORE: f64 = 0.35;
    /// Below this score an item with a distinctive term absent from the body is not
    /// discussed in the body (KA001).
    pub const MIN_SCORE_WITH_MISSING_TERMS: f64 = 0.5;
    /// Below this score an item is only partly supported (KA002).
    pub const SUPPORTED_SCORE: f64 = 0.55;
}

/// The thresholds that place an item in one of the three bands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Thresholds {
    pub min_score: f64,
    pub min_score_with_missing_terms: f64,
    pub supported_score: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            min_score: defaults::MIN_SCORE,
            min_score_with_missing_terms: defaults::MIN_SCORE_WITH_MISSING_TERMS,
            supported_score: defaults::SUPPORTED_SCORE,
        }
    }
}

/// How well the body supports an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Band {
    Supported,
    Weak,
    NotInBody,
}

impl Thresholds {
    pub fn band(&self, s: &ItemSupport) -> Band {
        if s.score < self.min_score
            || (!s.missing_terms.is_empty() && s.score < self.min_score_with_missing_terms)
        {
            Band::NotInBody
        } else if s.score < self.supported_score || !s.unsupported_instruments.is_empty() {
            Band::Weak
        } else {
            Band::Supported
        }
    }
}

/// The span a finding on an item sits on: its first line, or the whole item when it
/// fits on one line.
pub fn item_report_span(doc: &Document, s: &ItemSupport) -> Span {
    let Some(item) = doc
        .boxes
        .get(s.box_index)
        .and_then(|b| b.items.get(s.item_index))
    else {
        return s.item_span;
    };
    let text = item.text.as_str();
    let trimmed = text.trim_end().len();
    match item.text.source_spans((0..trimmed).into()).first() {
        Some(first) => {
            let line = doc.source.slice(*first);
            Span::new(first.start, first.start + line.trim_end().len())
        }
        None => s.item_span,
    }
}

/// "the closest passage does not name the `agenda` the item announces" (instruments
/// absent from the whole body are named by [`missing_terms_note`] instead).
pub fn unsupported_instruments_note(s: &ItemSupport) -> Option<String> {
    let terms: Vec<String> = s
        .unsupported_instruments
        .iter()
        .filter(|t| !s.missing_terms.contains(t))
        .cloned()
        .collect();
    if terms.is_empty() || s.passage.is_none() {
        return None;
    }
    Some(format!(
        "the closest passage does not name the {} the item announces",
        list_terms(&terms, "or")
    ))
}

/// "`x` does not occur in the body" / "`x` and `y` do not occur in the body".
pub fn missing_terms_note(terms: &[String]) -> Option<String> {
    match terms.len() {
        0 => None,
        1 => Some(format!(
            "{} does not occur in the body",
            list_terms(terms, "and")
        )),
        _ => Some(format!(
            "{} do not occur in the body",
            list_terms(terms, "and")
        )),
    }
}
