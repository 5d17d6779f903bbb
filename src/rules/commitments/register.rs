//! The commitment register: every commitment and request of a document, in order.
//!
//! Units: body sentences; key-action box items (their frame "De Commissie zal:" gives
//! actor and kind; items without a frame are the author's own); and points under a
//! lead-in ("In dit verband verzoekt de RAAD de LIDSTATEN:"), one request per point
//! while the points begin in lower case.

use chrono::NaiveDate;

use super::detect::{Carry, Grammar, Timing};
use super::time::DocDate;
use super::{Commitment, CommitmentKind, Status, TimeExpr, Unit};
use crate::document::{Document, ParagraphKind, Text};
use crate::pack::Pack;
use crate::source::Span;

/// Finds the body passage that supports a key-action item (the key-action matcher
/// provides it): `(document, box index, item index) → span of the passage`.
pub type SupportingPassage<'a> = &'a dyn Fn(&Document, usize, usize) -> Option<Span>;

/// How the register is built.
#[derive(Clone, Copy, Default)]
pub struct Options<'a> {
    /// The document date from configuration: used when the text has no dateline or
    /// session date of its own.
    pub document_date: Option<NaiveDate>,
    /// `document_date` was given on the command line: it wins over the text's own date.
    pub document_date_forced: bool,
    /// Count commitments inside quotations (press-release quotes of commissioners).
    pub include_quotes: bool,
    /// Hook for the key-action matcher: a box item that is undated or vague counts as
    /// dated when its supporting body passage carries a date.
    pub supporting_passage: Option<SupportingPassage<'a>>,
}

/// The document's own date, from the built-in pack of its language: a dateline
/// ("Brussel, 9.12.2020"), "Conclusies van de Raad (12 december 2024)", "zitting van
/// 20 juni 2022"; else the year of the latest COM(YYYY) cited.
pub fn document_date(doc: &Document) -> Option<DocDate> {
    let pack = Pack::builtin(doc.language);
    pack.compiled::<Grammar>().time.document_date(doc.text())
}

/// Every commitment of `doc`, sorted by position.
pub fn register(doc: &Document, pack: &Pack, options: &Options<'_>) -> Vec<Commitment> {
    // Nothing to read (an empty file): no grammar to build.
    if doc.sentences.is_empty() && doc.boxes.is_empty() {
        return Vec::new();
    }
    let g = pack.compiled::<Grammar>();
    // A date given on the command line first; then the text's own date (dateline,
    // session date), then configuration, then the year inferred from the latest
    // COM(YYYY) cited.
    let found = g.time.document_date(doc.text());
    let doc_date = match found {
        _ if options.document_date_forced && options.document_date.is_some() => {
            options.document_date.map(DocDate::day)
        }
        Some(d) if d.precision == super::time::DatePrecision::Day => Some(d),
        inferred => options.document_date.map(DocDate::day).or(inferred),
    };
    let author = g.author(doc.text());
    // Agentless passives credit the author only when the document is the author's and
    // its kind says who that is; in a national letter or an unknown document a pattern
    // must name the author.
    let known_author = if crate::document::profile::of(doc).profile.knows_author() {
        g.passive_author(doc.text())
    } else {
        g.author_known(doc.text()).unwrap_or_default()
    };
    let mut out = Vec::new();
    let mut carry = Carry::default();
    // The actor and kind of an open lead-in frame.
    let mut frame: Option<(String, CommitmentKind)> = None;
    // Dated body commitments, for box items that are dated only in the body.
    let mut dated_body: Vec<(Span, String, Vec<String>)> = Vec::new();

    for (pi, p) in doc.paragraphs.iter().enumerate() {
        let text = p.text.as_str();
        match p.kind {
            ParagraphKind::Title => {
                frame = None;
                continue;
            }
            ParagraphKind::Point | ParagraphKind::Bullet
                if frame.is_some() && starts_lowercase(text) =>
            {
                if let Some((actor, kind)) = &frame {
                    // A lead-in glued to the end of the point ("…; en verzoekt hij de
                    // COMMISSIE:") belongs to the next points, not to this one.
                    let own_end = if ends_with_colon(text) {
                        text.trim_end()
                            .trim_end_matches(':')
                            .rfind(['.', ';'])
                            .map(|i| i + 1)
                            .unwrap_or(text.len())
                    } else {
                        text.len()
                    };
                    let own = &text[..own_end];
                    let timing = g.timing(own, doc_date);
                    out.push(build(
                        &g,
                        doc,
                        &p.text,
                        0,
                        own_end,
                        actor.clone(),
                        *kind,
                        own,
                        timing,
                        Unit::Point,
                    ));
                }
                if ends_with_colon(text) {
                    if let Some(f) = g.frame(text, &author) {
                        frame = Some(f);
                    }
                }
                continue;
            }
            _ => frame = None,
        }
        let quotes = if options.include_quotes {
            Vec::new()
        } else {
            quote_ranges(text)
        };
        for s in doc.sentences_of(pi) {
            if s.end > text.len() || s.start >= s.end {
                continue;
            }
            let st = &text[s.start..s.end];
            // A lead-in at the end of a paragraph opens a frame; it is not itself a
            // commitment.
            if ends_with_colon(st) {
                if let Some(f) = g.frame(st, &author) {
                    frame = Some(f);
                    continue;
                }
            }
            if quotes.iter().any(|&(qs, qe)| s.start >= qs && s.start < qe) {
                continue;
            }
            if let Some(d) = g.detect(st, &known_author, &mut carry) {
                let timing = g.timing(st, doc_date);
                if timing.status == Status::Dated {
                    dated_body.push((doc.sentence_span(s), d.actor.clone(), content_keys(st)));
                }
                let action = &st[d.action.0.min(st.len())..d.action.1.min(st.len())];
                out.push(build(
                    &g,
                    doc,
                    &p.text,
                    s.start,
                    s.end,
                    d.actor,
                    d.kind,
                    action,
                    timing,
                    Unit::Sentence,
                ));
            }
        }
    }

    let sentence_index = SentenceIndex::new(doc);
    for (bi, b) in doc.boxes.iter().enumerate() {
        for (ii, item) in b.items.iter().enumerate() {
            let text = item.text.as_str();
            if text.trim().is_empty() {
                continue;
            }
            let framed = item.frame.and_then(|k| b.frames.get(k)).and_then(|f| {
                g.frame(f.text.as_str(), &author)
                    .or_else(|| f.actor.clone().map(|a| (a, CommitmentKind::SelfCommitment)))
            });
            let (actor, kind) =
                framed.unwrap_or_else(|| (author.clone(), CommitmentKind::SelfCommitment));
            let timing = g.timing(text, doc_date);
            let mut c = build(
                &g,
                doc,
                &item.text,
                0,
                text.len(),
                actor,
                kind,
                text,
                timing,
                Unit::BoxItem {
                    box_index: bi,
                    item_index: ii,
                },
            );
            if matches!(c.status, Status::Undated | Status::Vague) {
                // The key-action matcher's passage when it is wired in, else the dated
                // body commitment that shares most of the item's words.
                let passage = match options.supporting_passage {
                    Some(find) => find(doc, bi, ii),
                    None => closest_dated_passage(text, &c.actor, &dated_body),
                };
                if let Some(passage) = passage {
                    date_from_passage(doc, &sentence_index, &g, doc_date, &mut c, passage);
                }
            }
            out.push(c);
        }
    }
    out.sort_by_key(|c| c.span.start);
    out
}

/// Crude content-word keys: words of five letters or more, cut to six letters (a
/// poor man's stem that joins "voorstellen"/"voorstel", "richtsnoeren"/"richtsnoer").
fn content_keys(text: &str) -> Vec<String> {
    let mut keys: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 5)
        .map(|w| w.to_lowercase().chars().take(6).collect())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The dated body commitment of the same actor that shares at least half (and at least three) of a box
/// item's content words, if any. Only dated commitments are candidates, so the
/// search is small.
fn closest_dated_passage(
    item: &str,
    actor: &str,
    dated: &[(Span, String, Vec<String>)],
) -> Option<Span> {
    let keys = content_keys(item);
    if keys.len() < 3 {
        return None;
    }
    let mut best: Option<(usize, Span)> = None;
    for (span, _, body) in dated.iter().filter(|(_, a, _)| a == actor) {
        let shared = keys
            .iter()
            .filter(|k| body.binary_search(k).is_ok())
            .count();
        if shared >= 3 && shared * 2 >= keys.len() && best.is_none_or(|(b, _)| shared > b) {
            best = Some((shared, *span));
        }
    }
    best.map(|(_, s)| s)
}

/// Date a box item from the body sentences that overlap its supporting passage.
fn date_from_passage(
    doc: &Document,
    index: &SentenceIndex,
    g: &Grammar,
    doc_date: Option<DocDate>,
    c: &mut Commitment,
    passage: Span,
) {
    for s in index.overlapping(passage).map(|i| &doc.sentences[i]) {
        let span = doc.sentence_span(s);
        if span.end <= passage.start || span.start >= passage.end {
            continue;
        }
        let p = &doc.paragraphs[s.paragraph];
        let st = &p.text.as_str()[s.start..s.end];
        let timing = g.timing(st, doc_date);
        if timing.status == Status::Dated {
            if let Some(a) = timing.atom {
                c.time = Some(time_expr(&p.text, s.start, &st[a.start..a.end], &a));
                c.status = Status::Dated;
                c.supported_by = Some(passage);
                c.supported_line = Some(doc.line_of(passage.start));
                return;
            }
        }
    }
}

fn time_expr(text: &Text, offset: usize, written: &str, a: &super::time::TimeAtom) -> TimeExpr {
    TimeExpr {
        text: collapse(written),
        span: text.source_span((offset + a.start..offset + a.end).into()),
        normalised: match &a.kind {
            super::time::AtomKind::Dated { normalised, .. } => normalised.clone(),
            _ => None,
        },
    }
}

#[allow(clippy::too_many_arguments)]
fn build(
    g: &Grammar,
    doc: &Document,
    text: &Text,
    start: usize,
    end: usize,
    actor: String,
    kind: CommitmentKind,
    action: &str,
    timing: Timing,
    unit: Unit,
) -> Commitment {
    let span = first_line(doc, text.source_span((start..end).into()));
    let unit_text = &text.as_str()[start..end];
    let time = timing
        .atom
        .as_ref()
        .map(|a| time_expr(text, start, &unit_text[a.start..a.end], a));
    Commitment {
        span,
        line: doc.line_of(span.start),
        actor,
        kind,
        action: shorten(strip_connectives(action, &g.connectives), 90),
        time,
        status: timing.status,
        unit,
        supported_by: None,
        supported_line: None,
    }
}

/// The part of `span` on its first source line, without trailing blanks.
fn first_line(doc: &Document, span: Span) -> Span {
    let src = doc.text();
    let start = span.start.min(src.len());
    let end = span.end.min(src.len()).max(start);
    let line_end = src[start..end].find('\n').map(|i| start + i).unwrap_or(end);
    let trimmed = src[start..line_end].trim_end().len();
    Span::new(start, start + trimmed.max(1).min(line_end - start))
}

/// "om de richtlijn uit te voeren" → "de richtlijn uit te voeren"; "to implement" →
/// "implement": the particles that link a request to its action add nothing (the
/// pack's `commitments.action-connectives`).
fn strip_connectives<'a>(action: &'a str, connectives: &[String]) -> &'a str {
    let mut a = action.trim_start();
    loop {
        let next = connectives.iter().find_map(|p| a.strip_prefix(p.as_str()));
        match next {
            Some(rest) if rest.len() < a.len() => a = rest.trim_start(),
            _ => return a,
        }
    }
}

fn starts_lowercase(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| c.is_lowercase())
}

fn ends_with_colon(text: &str) -> bool {
    text.trim_end().trim_end_matches(['*', '_']).ends_with(':')
}

/// Byte ranges of quotations in a paragraph ("…", “…”).
fn quote_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('"', None) | ('“', None) => open = Some(i),
            ('"', Some(s)) | ('”', Some(s)) => {
                out.push((s, i + c.len_utf8()));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(s) = open {
        out.push((s, text.len()));
    }
    // Short quotes are names or terms ("veiligheidsmarkeringen"), not speech.
    out.retain(|&(s, e)| e - s > 80);
    out
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whitespace collapsed, Markdown emphasis removed, cut at a word boundary.
pub(crate) fn shorten(s: &str, max_chars: usize) -> String {
    let cleaned = collapse(&s.replace("**", "").replace('*', ""));
    let cleaned = cleaned
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ';' | ',' | ':'))
        .to_string();
    if cleaned.chars().count() <= max_chars {
        return cleaned;
    }
    let mut out = String::new();
    for w in cleaned.split(' ') {
        if out.chars().count() + w.chars().count() + 1 > max_chars {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.push('…');
    out
}

/// The document's sentences by source position, to find those overlapping a span
/// without scanning the document per box item.
struct SentenceIndex {
    /// (source start, sentence index), sorted.
    by_start: Vec<(usize, usize)>,
    /// The longest sentence span: a sentence overlapping `span` starts at most this
    /// far before it.
    longest: usize,
}

impl SentenceIndex {
    fn new(doc: &Document) -> Self {
        let mut longest = 0;
        let mut by_start: Vec<(usize, usize)> = doc
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let span = doc.sentence_span(s);
                longest = longest.max(span.len());
                (span.start, i)
            })
            .collect();
        by_start.sort_unstable();
        SentenceIndex { by_start, longest }
    }

    /// Indices of the sentences that may overlap `span`, in document order (a
    /// superset: callers check the overlap).
    fn overlapping(&self, span: Span) -> impl Iterator<Item = usize> {
        let lo = self
            .by_start
            .partition_point(|(s, _)| *s + self.longest < span.start);
        let hi = self.by_start.partition_point(|(s, _)| *s < span.end);
        let mut found: Vec<usize> = self.by_start[lo..hi.max(lo)]
            .iter()
            .map(|(_, i)| *i)
            .collect();
        found.sort_unstable();
        found.into_iter()
    }
}
