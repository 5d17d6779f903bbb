//! EU citations, found once per document and shared by the CT rules and by
//! `policylint citations`.
//!
//! The forms are those of the EU's interinstitutional style guide, in Dutch and English
//! (every word comes from the `[citations]` section of the language pack):
//! - Commission documents: `COM(2023) 416 final`, `SWD(2023) 417 final`, `JOIN(…)`,
//!   `C(2023) 1234 final`;
//! - acts: `Regulation (EU) 2022/2065`, `Directive (EU) 2019/1937`, before 2015
//!   `Regulation (EU) No 1025/2012` and `Directive 2010/75/EU`, `Decision …`,
//!   `Verordening (EU) 2022/2065`, `Richtlijn (EU) …`, with the author, date and title
//!   that may follow ("of the European Parliament and of the Council of 19 October 2022
//!   on …");
//! - Official Journal references: `OJ L 277, 27.10.2022, p. 1`, `PB L 277 van
//!   27.10.2022, blz. 1`;
//! - CELEX numbers (`32022R2065`), ECLI (`ECLI:EU:C:2020:559`) and Council document
//!   numbers (`doc. 9156/22`).
//!
//! The Publications Office slots of a proposal (`Regulation (EU) …/…`, `OJ C [...],
//! [...], p. [...]`) carry no number and are not citations. A number with a footnote
//! reference glued to it by the extractor ("2021/69730") cannot be read safely and is
//! left out.

pub mod act_domain_form;
pub mod act_number_form;
pub mod celex_mismatch;
pub mod citation_inconsistent;
pub mod commission_document_form;
pub mod list;
pub mod oj_reference_incomplete;
mod prefiltered;

pub use act_domain_form::ActDomainForm;
pub use act_number_form::ActNumberForm;
pub use celex_mismatch::CelexMismatch;
pub use citation_inconsistent::CitationInconsistent;
pub use commission_document_form::CommissionDocumentForm;
pub use list::{list, render_many, CitedItem};
pub use oj_reference_incomplete::OjReferenceIncomplete;

use std::sync::Arc;

use crate::lazy_regex::LazyRe as Regex;
use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::pack::{FromPack, Pack};
use crate::source::Span;

/// The kind of an act.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActKind {
    Regulation,
    Directive,
    Decision,
}

impl ActKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActKind::Regulation => "regulation",
            ActKind::Directive => "directive",
            ActKind::Decision => "decision",
        }
    }
}

/// An act's number as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActNumber {
    pub kind: ActKind,
    /// The word as written ("Regulation", "Richtlijn").
    pub word: String,
    /// The domain in brackets before the number ("EU", "EU, Euratom").
    pub domain: Option<String>,
    /// The "No"/"nr." before the number.
    pub number_word: bool,
    /// The two parts of the number as written ("2022", "2065").
    pub first: String,
    pub second: String,
    /// The domain after the number ("2010/75/EU" → "EU").
    pub suffix: Option<String>,
    /// The year of adoption and the serial number, as read from the form.
    pub year: u32,
    pub serial: u32,
    /// A later member of a list after a plural ("and (EU) 2018/1999" in "Regulations
    /// (EC) No 401/2009 and (EU) 2018/1999"): the form rules leave it alone, since
    /// lists shorten their members.
    pub member: bool,
}

/// A Commission document number as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommissionDocument {
    pub series: String,
    pub year: u32,
    pub number: u32,
    /// A space between the series and the bracket ("COM (2020)").
    pub space_before_year: bool,
    /// No space between the bracket and the number ("COM(2021)82").
    pub no_space_after_year: bool,
    /// Written the EUR-Lex way, with slashes ("COM/2021/103 final").
    pub slashed: bool,
    /// The closing "final" is there; `None` when the text ends right after the number
    /// (a cut the front end made: unknown).
    pub has_final: Option<bool>,
}

/// An Official Journal reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OjReference {
    pub series: String,
    pub issue: String,
    pub date: String,
    /// The page (or, in the act-by-act format, an ELI) follows; `None` when the text
    /// ends right after the date (unknown).
    pub has_page: Option<bool>,
}

/// A CELEX number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Celex {
    pub sector: char,
    pub year: u32,
    pub type_letters: String,
    pub number: u32,
}

/// What a citation cites.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cited {
    Act(ActNumber),
    CommissionDocument(CommissionDocument),
    OjReference(OjReference),
    Celex(Celex),
    Ecli,
    CouncilDocument,
}

impl Cited {
    /// The kind as listed ("regulation", "commission-document", "oj-reference"…).
    pub fn kind_str(&self) -> &'static str {
        match self {
            Cited::Act(a) => a.kind.as_str(),
            Cited::CommissionDocument(_) => "commission-document",
            Cited::OjReference(_) => "oj-reference",
            Cited::Celex(_) => "celex",
            Cited::Ecli => "ecli",
            Cited::CouncilDocument => "council-document",
        }
    }
}

/// One citation found in the text.
#[derive(Clone, Debug)]
pub struct Citation {
    pub cited: Cited,
    /// The citation as written (whitespace collapsed).
    pub written: String,
    /// Where it stands in the source.
    pub span: Span,
    /// Which text of [`Document::texts`] holds it, and its byte range there.
    pub text_index: usize,
    pub start: usize,
    pub end: usize,
    /// The act's title when the citation gives one ("on a Single Market For Digital
    /// Services and amending Directive 2000/31/EC").
    pub title: Option<String>,
    /// True when the title follows the act's author or date (a full citation, as in
    /// a recital or footnote), false when it follows the bare number.
    pub formal: bool,
    /// True when the title ends where a bracket opens (an OJ reference or the act's
    /// short name): its end is certain. Otherwise it ran to the end of the sentence
    /// and may hold the words that follow it.
    pub title_closed: bool,
    /// The act's date as written after its author ("19 October 2022"): (day, year).
    pub date: Option<(u32, u32)>,
    pub date_written: Option<String>,
    /// Inside a note to the Publications Office ("OP: please insert … contained in
    /// document COM(2022) 304 …"), which goes when the act is adopted: listed, but
    /// the rules leave it alone.
    pub in_note: bool,
}

impl Citation {
    /// What identifies the cited thing: the same key is the same act or document.
    pub fn key(&self) -> String {
        match &self.cited {
            Cited::Act(a) => format!("{}:{}/{}", a.kind.as_str(), a.year, a.serial),
            Cited::CommissionDocument(c) => format!("{}:{}:{}", c.series, c.year, c.number),
            Cited::OjReference(o) => format!("oj:{}:{}:{}", o.series, o.issue, o.date),
            Cited::Celex(_) | Cited::Ecli | Cited::CouncilDocument => {
                format!("{}:{}", self.cited.kind_str(), self.written)
            }
        }
    }

    /// The citation in its standard form, for listings: `COM(2023) 416 final`; acts
    /// and the rest as written.
    pub fn display(&self) -> String {
        match &self.cited {
            Cited::CommissionDocument(c) => {
                let fin = if c.has_final == Some(true) {
                    " final"
                } else {
                    ""
                };
                format!("{}({}) {}{fin}", c.series, c.year, c.number)
            }
            _ => self.written.clone(),
        }
    }
}

/// Every citation of a document, in text order.
#[derive(Debug, Default)]
pub struct Citations {
    pub items: Vec<Citation>,
}

impl Citations {
    /// The acts a form rule checks, with their citations: not inside a note to the
    /// Publications Office, and not a member of a list (lists shorten their members).
    pub fn checkable_acts(&self) -> impl Iterator<Item = (&Citation, &ActNumber)> {
        self.items.iter().filter_map(|c| match &c.cited {
            Cited::Act(a) if !c.in_note && !a.member => Some((c, a)),
            _ => None,
        })
    }
}

/// The citations of a document (computed once per document and pack).
pub fn citations(doc: &Document, pack: &Pack) -> Arc<Citations> {
    doc.analysis(pack, || {
        let grammar = pack.compiled::<Grammar>();
        let mut items = Vec::new();
        for (i, (_, text)) in doc.texts().enumerate() {
            let notes = grammar.note_ranges(text.as_str());
            for f in scan(text.as_str(), &grammar) {
                let span = text.source_span((f.start..f.end).into());
                let in_note = notes.iter().any(|r| r.contains(&f.start));
                items.push(Citation {
                    cited: f.cited,
                    written: collapse(&text.as_str()[f.start..f.end]),
                    span,
                    text_index: i,
                    start: f.start,
                    end: f.end,
                    title: f.title,
                    formal: f.formal,
                    title_closed: f.title_closed,
                    date: f.date,
                    date_written: f.date_written,
                    in_note,
                });
            }
        }
        items.sort_by_key(|c| (c.span.start, c.span.end));
        Citations { items }
    })
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Deserialize)]
struct CommissionCelex {
    series: String,
    types: Vec<String>,
}

/// The compiled `[citations]` section of a pack.
#[derive(Debug)]
pub struct Grammar {
    act: Regex,
    /// A further member of a list of acts, anchored at the start.
    act_member: Regex,
    /// Another number of a list after a number (", 66", " and 67"), anchored.
    number_list: Regex,
    /// Where a note to the Publications Office starts.
    note: Option<Regex>,
    /// Lowercased plurals of act words ("regulations"), which may head a list.
    plurals: Vec<String>,
    /// Lowercased act words by kind.
    kinds: Vec<(String, ActKind)>,
    pre_lisbon: Vec<String>,
    domains: Vec<String>,
    number_word: String,
    commission: Regex,
    final_words: Vec<String>,
    oj: Regex,
    page_words: Vec<String>,
    page_alternatives: Vec<String>,
    issuers: Vec<String>,
    title_starts: Vec<String>,
    date: Regex,
    celex: Option<Regex>,
    /// `celex`, searched fast and exactly (see [`prefiltered`]).
    celex_fast: Option<prefiltered::Prefiltered>,
    pub(crate) celex_letters: Vec<(ActKind, Vec<String>)>,
    pub(crate) celex_commission: Vec<(String, Vec<String>)>,
    ecli: Option<Regex>,
    council_number: Regex,
    council_before: Option<Regex>,
    council_after: Option<Regex>,
    council_conclusions: Option<Regex>,
    /// Patterns of the pack that do not compile.
    pub errors: Vec<String>,
}

/// The alternation of literal words, longest first.
fn alternation(words: &[String]) -> String {
    let mut w: Vec<&String> = words.iter().filter(|w| !w.trim().is_empty()).collect();
    w.sort_by_key(|w| std::cmp::Reverse(w.len()));
    if w.is_empty() {
        return r"[^\s\S]".to_string();
    }
    w.iter()
        .map(|w| regex::escape(w.trim()))
        .collect::<Vec<_>>()
        .join("|")
}

static NEVER: std::sync::LazyLock<Regex> =
    std::sync::LazyLock::new(|| Regex::new(r"[^\s\S]").expect("valid regex"));

impl FromPack for Grammar {
    fn from_pack(pack: &Pack) -> Self {
        let mut errors = Vec::new();
        let strings = |k: &str| pack.strings(&format!("citations.{k}"));
        let mut compile = |what: &str, pattern: &str| match Regex::new(pattern) {
            Ok(r) => r,
            Err(e) => {
                errors.push(format!("`citations.{what}`: {e}"));
                NEVER.clone()
            }
        };
        let mut kinds = Vec::new();
        let mut all_words = Vec::new();
        for (key, kind) in [
            ("regulation", ActKind::Regulation),
            ("directive", ActKind::Directive),
            ("decision", ActKind::Decision),
        ] {
            for w in strings(key) {
                kinds.push((w.to_lowercase(), kind));
                all_words.push(w);
            }
        }
        let domains = alternation(&strings("domains"));
        let number_words = alternation(&strings("number-words"));
        let act = compile(
            "regulation",
            &format!(
                r"\b(?P<word>(?i:{words}))\s+(?:\((?P<domain>(?:{domains})(?:\s*,\s*(?:{domains}))*)\)\s*)?(?:(?P<no>{number_words})\s*)?(?P<first>\d{{1,4}})/(?P<second>\d+)(?:/(?P<suffix>{domains}))?",
                words = alternation(&all_words),
            ),
        );
        let act_member = compile(
            "list-words",
            &format!(
                r"^(?:\s*,\s*(?:(?:{list})\s+)?|\s+(?:{list})\s+)(?:\((?P<domain>(?:{domains})(?:\s*,\s*(?:{domains}))*)\)\s*)?(?:(?P<no>{number_words})\s*)?(?P<first>\d{{1,4}})/(?P<second>\d+)(?:/(?P<suffix>{domains}))?",
                list = alternation(&strings("list-words")),
            ),
        );
        let number_list = compile(
            "list-words",
            &format!(
                r"^(?:\s*,\s*|\s+(?:{})\s+)\d",
                alternation(&strings("list-words"))
            ),
        );
        let commission = compile(
            "commission-series",
            &format!(
                r"(?P<series>{})(?:(?P<sp1>\s*)\((?P<year>\d{{4}})\)(?P<sp2>\s*)|/(?P<slash_year>\d{{4}})/)(?P<number>\d{{1,5}})\b",
                alternation(&strings("commission-series"))
            ),
        );
        let oj = compile(
            "journal",
            &format!(
                r"\b(?P<oj>{})\s+(?P<series>[LC]I?|[A-E])\s*(?P<issue>\d{{1,4}}(?:\s?[A-Z]\b)?)\s*(?:,|\s(?:{}))\s*(?P<date>\d{{1,2}}\.\s?\d{{1,2}}\.\s?\d{{4}}|\d{{1,2}}\s+\p{{L}}+\s+\d{{4}})\b",
                alternation(&strings("journal")),
                alternation(&strings("journal-date-words")),
            ),
        );
        let date = compile(
            "date-words",
            &format!(
                r"^\s+(?:{})\s+(?P<date>(?P<day>\d{{1,2}})(?:\s+\p{{L}}+\s+|\.\s?\d{{1,2}}\.\s?)(?P<year>\d{{4}}))\b",
                alternation(&strings("date-words"))
            ),
        );
        let mut optional = |key: &str| {
            pack.get(&format!("citations.{key}"))
                .and_then(|v| v.as_str())
                .map(|p| compile(key, p))
        };
        let celex = optional("celex");
        let note = optional("notes");
        let ecli = optional("ecli");
        let council_before = optional("council-before");
        let council_after = optional("council-after");
        let council_conclusions = optional("council-conclusions");
        let council_number =
            Regex::new(r"(?P<first>\d{3,5})/(?P<second>\d{2})\b").expect("valid regex");
        if let Some(c) = &celex {
            for group in ["sector", "year", "type", "number"] {
                if !c.has_group(group) {
                    errors.push(format!("`citations.celex`: no group named `{group}`"));
                }
            }
        }
        let lower =
            |k: &str| -> Vec<String> { strings(k).iter().map(|w| w.to_lowercase()).collect() };
        let celex_commission: Vec<CommissionCelex> = pack
            .section("citations.celex-commission")
            .unwrap_or_default();
        Grammar {
            act,
            act_member,
            number_list,
            note,
            plurals: strings("plurals")
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            kinds,
            pre_lisbon: strings("pre-lisbon-domains"),
            domains: strings("domains"),
            number_word: strings("number-words")
                .into_iter()
                .next()
                .unwrap_or_else(|| "No".to_string()),
            commission,
            final_words: lower("final-words"),
            oj,
            page_words: lower("page-words"),
            page_alternatives: lower("page-alternatives"),
            issuers: lower("issuers"),
            title_starts: lower("title-starts"),
            date,
            celex_fast: celex
                .as_ref()
                .map(|c| prefiltered::Prefiltered::new(c.as_str())),
            celex,
            celex_letters: vec![
                (ActKind::Regulation, strings("celex-regulation")),
                (ActKind::Directive, strings("celex-directive")),
                (ActKind::Decision, strings("celex-decision")),
            ],
            celex_commission: celex_commission
                .into_iter()
                .map(|c| (c.series, c.types))
                .collect(),
            ecli,
            council_number,
            council_before,
            council_after,
            council_conclusions,
            errors,
        }
    }
}

impl Grammar {
    /// True for a domain of the acts adopted before the Treaty of Lisbon.
    pub fn is_pre_lisbon(&self, domain: &str) -> bool {
        self.pre_lisbon.iter().any(|d| d == domain.trim())
    }

    /// The byte ranges of `text` that are notes to the Publications Office: from the
    /// marker to its closing bracket ("(OP: please insert …)"), or to the end of its
    /// sentence for a note that opens a line ("OP : please insert ….").
    pub fn note_ranges(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        let Some(re) = &self.note else {
            return Vec::new();
        };
        let mut out: Vec<std::ops::Range<usize>> = Vec::new();
        for m in re.find_iter(text) {
            if out.last().is_some_and(|r| m.start() < r.end) {
                continue;
            }
            let bracketed = m
                .as_str()
                .strip_prefix('(')
                .is_some_and(|r| r.trim_start().starts_with(char::is_alphabetic));
            let end = if bracketed {
                let mut depth = 0usize;
                let mut end = text.len();
                for (i, c) in text[m.start()..].char_indices() {
                    match c {
                        '(' => depth += 1,
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                end = m.start() + i + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            } else {
                // To the end of its first sentence: the front end may have run the
                // footnotes that follow into the same text.
                text[m.end()..]
                    .char_indices()
                    .find(|&(i, c)| {
                        c == '.'
                            && text[m.end() + i + 1..]
                                .chars()
                                .next()
                                .is_none_or(char::is_whitespace)
                    })
                    .map_or(text.len(), |(i, _)| m.end() + i + 1)
            };
            out.push(m.start()..end);
        }
        out
    }

    /// True for the plural of an act word ("Regulations", "Richtlijnen").
    pub fn is_plural(&self, word: &str) -> bool {
        self.plurals.contains(&word.to_lowercase())
    }

    /// The word before a pre-2015 regulation's number ("No", "nr.").
    pub fn number_word(&self) -> &str {
        &self.number_word
    }
}

/// The pattern problems of a pack's `[citations]` section.
pub fn pattern_errors(pack: &Pack) -> Vec<String> {
    pack.compiled::<Grammar>().errors.clone()
}

/// A citation found in one string.
#[derive(Clone, Debug)]
pub struct Found {
    pub cited: Cited,
    pub start: usize,
    pub end: usize,
    pub title: Option<String>,
    pub formal: bool,
    pub title_closed: bool,
    pub date: Option<(u32, u32)>,
    pub date_written: Option<String>,
}

impl Found {
    fn plain(cited: Cited, start: usize, end: usize) -> Found {
        Found {
            cited,
            start,
            end,
            title: None,
            formal: false,
            title_closed: false,
            date: None,
            date_written: None,
        }
    }
}

/// A year as written in an act number: four digits, or two (19xx/20xx).
fn year_of(s: &str) -> Option<u32> {
    let n: u32 = s.parse().ok()?;
    match s.len() {
        4 if (1950..=2099).contains(&n) => Some(n),
        2 => Some(if n >= 50 { 1900 + n } else { 2000 + n }),
        _ => None,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The rest of `text` from `at`, starting with the first non-space character.
fn next_non_space(text: &str, at: usize) -> (usize, &str) {
    let rest = text.get(at..).unwrap_or("");
    let trimmed = rest.trim_start();
    (at + rest.len() - trimmed.len(), trimmed)
}

/// True when `rest` starts with one of `words` (lowercased) as a whole word.
fn starts_with_word(rest: &str, words: &[String]) -> Option<usize> {
    let lower_len = rest.len().min(80);
    let mut end = lower_len;
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    let head = rest[..end].to_lowercase();
    if head.len() != end {
        return None; // a case change altered lengths: no safe mapping
    }
    words
        .iter()
        .filter(|w| head.starts_with(w.as_str()))
        .filter(|w| {
            let after = head[w.len()..].chars().next();
            w.ends_with(|c: char| !c.is_alphanumeric()) || after.is_none_or(|c| !is_word_char(c))
        })
        .map(|w| w.len())
        .max()
}

/// Longest title read, in bytes.
const MAX_TITLE: usize = 600;
/// Longest domain in brackets inside a title ("(EU, Euratom)"), in bytes.
const MAX_DOMAIN: usize = 40;

/// Every citation in `text`, in order.
pub fn scan(text: &str, g: &Grammar) -> Vec<Found> {
    let mut found = Vec::new();
    scan_acts(text, g, &mut found);
    scan_commission(text, g, &mut found);
    scan_oj(text, g, &mut found);
    if let Some(celex) = &g.celex {
        const GROUPS: [&str; 4] = ["sector", "year", "type", "number"];
        let matches = g
            .celex_fast
            .as_ref()
            // A short text: the pattern compiled for its characters costs less.
            .filter(|_| !crate::lazy_regex::narrow_searches(text))
            .and_then(|f| f.captures(text, &GROUPS))
            .unwrap_or_else(|| {
                celex
                    .captures_iter(text)
                    .map(|c| {
                        GROUPS
                            .iter()
                            .map(|n| c.name(n).map(|m| m.range()))
                            .collect()
                    })
                    .collect()
            });
        for groups in matches {
            let [Some(s), Some(y), Some(t), Some(n)] = [0, 1, 2, 3].map(|i| groups[i].clone())
            else {
                continue;
            };
            let (Ok(year), Ok(number)) = (text[y].parse(), text[n.clone()].parse()) else {
                continue;
            };
            found.push(Found::plain(
                Cited::Celex(Celex {
                    sector: text[s.clone()].chars().next().unwrap_or('3'),
                    year,
                    type_letters: text[t].to_string(),
                    number,
                }),
                s.start,
                n.end,
            ));
        }
    }
    if let Some(ecli) = &g.ecli {
        for m in ecli.find_iter(text) {
            found.push(Found::plain(Cited::Ecli, m.start(), m.end()));
        }
    }
    scan_council(text, g, &mut found);
    found.sort_by_key(|f| (f.start, f.end));
    // One citation per place: an act's number is not also a Council document number.
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        if out.last().is_some_and(|l| f.start < l.end) {
            continue;
        }
        out.push(f);
    }
    out
}

fn scan_acts(text: &str, g: &Grammar, found: &mut Vec<Found>) {
    for c in g.act.captures_iter(text) {
        let Some(word) = c.name("word") else {
            continue;
        };
        let lower = word.as_str().to_lowercase();
        let Some(kind) = g.kinds.iter().find(|(w, _)| *w == lower).map(|(_, k)| *k) else {
            continue;
        };
        let Some((f, mut at)) = read_act(text, &c, kind, word.as_str(), word.start(), false, g)
        else {
            continue;
        };
        found.push(f);
        // "Regulations (EC) No 401/2009 and (EU) 2018/1999": the other members of a list
        // after a plural.
        if !g.plurals.contains(&lower) {
            continue;
        }
        while let Some(m) = g.act_member.captures(&text[at..]) {
            let Some(number) = m.name("first") else {
                break;
            };
            let start = at
                + [
                    m.name("domain").map(|d| d.start() - 1),
                    m.name("no").map(|n| n.start()),
                    Some(number.start()),
                ]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(number.start());
            let member = &text[at..];
            let Some((f, next)) = read_act(member, &m, kind, word.as_str(), 0, true, g) else {
                break;
            };
            let shift = |mut f: Found| {
                f.start = start;
                f.end += at;
                f
            };
            found.push(shift(f));
            at += next;
        }
    }
}

/// The act a match of the act pattern (or of a list member) holds, and the offset
/// after it; `None` when the number cannot be read safely.
fn read_act(
    text: &str,
    c: &crate::lazy_regex::Captures<'_>,
    kind: ActKind,
    word: &str,
    start: usize,
    member: bool,
    g: &Grammar,
) -> Option<(Found, usize)> {
    let (first, second) = (c.name("first")?, c.name("second")?);
    let whole = c.get(0).expect("match");
    let mut b = second.as_str();
    let mut end = whole.end();
    if b.len() > 4 {
        // A footnote number glued to the number by the extractor: readable only
        // after a pre-2015 year ("No 1315/201317" is No 1315/2013, footnote 17);
        // "2021/69730" could be 2021/697 or 2021/6973.
        let year = &b[..4];
        let pre_2015 = year_of(year).is_some_and(|y| y <= 2014);
        if c.name("no").is_none() || c.name("suffix").is_some() || !pre_2015 || b.len() > 7 {
            return None;
        }
        b = year;
        end = second.start() + 4;
    }
    // After the domain ("2014/94/EU1") digits can only be a glued footnote number.
    let mut title_from = end;
    if c.name("suffix").is_some() || end < whole.end() {
        let digits = text[end..].bytes().take_while(u8::is_ascii_digit).count();
        if digits <= 3 {
            title_from = end + digits;
        }
    }
    let after = text[title_from..].chars().next();
    if after.is_some_and(|ch| ch.is_alphanumeric() || ch == '/') {
        return None;
    }
    let domain = c.name("domain").map(|d| d.as_str().to_string());
    let suffix = c.name("suffix").map(|d| d.as_str().to_string());
    let number_word = c.name("no").is_some();
    let a = first.as_str();
    let (year, serial) = read_number(kind, number_word, suffix.is_some(), a, b)?;
    let mut f = Found::plain(
        Cited::Act(ActNumber {
            kind,
            word: word.to_string(),
            domain,
            number_word,
            first: a.to_string(),
            second: b.to_string(),
            suffix,
            year,
            serial,
            member,
        }),
        start,
        end,
    );
    read_title(text, title_from, g, &mut f);
    Some((f, title_from))
}

/// Year of adoption and serial number of an act from its written number.
fn read_number(
    kind: ActKind,
    number_word: bool,
    suffix: bool,
    a: &str,
    b: &str,
) -> Option<(u32, u32)> {
    let an: u32 = a.parse().ok()?;
    let bn: u32 = b.parse().ok()?;
    if suffix {
        // "2010/75/EU", "91/676/EEC": year first; "Decision No 1313/2013/EU": number
        // first.
        if number_word || (a.len() > 2 && year_of(a).is_none()) {
            return Some((year_of(b)?, an));
        }
        return Some((year_of(a)?, bn));
    }
    if number_word {
        // "No 1025/2012" (number first); "No 2019/1148" is a post-2015 number written
        // with "No".
        return match (year_of(b), year_of(a)) {
            (Some(y), _) if y <= 2014 && !(a.len() == 4 && an >= 2015) => Some((y, an)),
            (_, Some(y)) if a.len() == 4 && y >= 2015 => Some((y, bn)),
            (Some(y), _) => Some((y, an)),
            _ => None,
        };
    }
    if a.len() == 4 && an >= 2015 && year_of(a).is_some() {
        return Some((an, bn));
    }
    if kind == ActKind::Regulation {
        if let Some(y) = year_of(b).filter(|y| *y <= 2014) {
            if b.len() == 4 || a.len() > 2 {
                return Some((y, an));
            }
        }
    }
    Some((year_of(a)?, bn))
}

/// The author, date and title after an act's number, if the text gives them.
fn read_title(text: &str, at: usize, g: &Grammar, f: &mut Found) {
    let mut pos = at;
    let mut formal = false;
    // "of the European Parliament and of the Council"
    let (_, rest) = next_non_space(text, pos);
    if rest.len() < text.len() - pos {
        let skipped = text.len() - pos - rest.len();
        if let Some(n) = starts_with_word(rest, &g.issuers) {
            pos += skipped + n;
            formal = true;
        }
    }
    // "of 19 October 2022"
    if let Some(c) = g.date.captures(&text[pos..]) {
        if let (Some(d), Some(day), Some(year)) = (c.name("date"), c.name("day"), c.name("year")) {
            if let (Ok(day), Ok(year)) = (day.as_str().parse(), year.as_str().parse()) {
                f.date = Some((day, year));
                f.date_written = Some(d.as_str().to_string());
                formal = true;
            }
            pos += c.get(0).expect("match").end();
        }
    }
    let (start, rest) = next_non_space(text, pos);
    let rest = rest.strip_prefix(',').map(str::trim_start).unwrap_or(rest);
    let start = start + (text.len() - start - rest.len());
    if start == pos || starts_with_word(rest, &g.title_starts).is_none() {
        return;
    }
    // The title runs to an opening bracket (other than an act's domain), a semicolon,
    // a closing bracket it did not open, or the end of the sentence.
    let mut depth = 0i32;
    let mut end = None;
    let mut closed = false;
    for (i, ch) in rest.char_indices() {
        if i > MAX_TITLE {
            return;
        }
        match ch {
            '(' => {
                let inner = rest[i + 1..].trim_start();
                // The domain of an act the title names ("amending Regulation (EU) No
                // 98/2013") is part of the title.
                let mut window = inner.len().min(MAX_DOMAIN);
                while !inner.is_char_boundary(window) {
                    window -= 1;
                }
                let domain = inner[..window].split_once(')').is_some_and(|(d, _)| {
                    d.split(',')
                        .all(|d| g.domains.iter().any(|x| x == d.trim()))
                });
                if domain {
                    depth += 1;
                    continue;
                }
                // Any other bracket at the title's level opens the OJ reference or the
                // act's short name ("(Digital Services Act)", "(algemene verordening
                // gegevensbescherming)"), or a note such as "(recast)": the title ends.
                if depth == 0 {
                    end = Some(i);
                    closed = true;
                    break;
                }
                depth += 1;
            }
            ')' if depth == 0 => {
                end = Some(i);
                break;
            }
            ')' => depth -= 1,
            ';' => {
                end = Some(i);
                break;
            }
            '.' => {
                let next = rest[i + 1..].chars().next();
                if next.is_none_or(char::is_whitespace) {
                    end = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let end = end.unwrap_or(rest.len());
    let title = rest[..end].trim().trim_end_matches(',').trim();
    if !title.is_empty() {
        f.title = Some(collapse(title));
        f.formal = formal;
        f.title_closed = closed;
    }
}

fn scan_commission(text: &str, g: &Grammar, found: &mut Vec<Found>) {
    for c in g.commission.captures_iter(text) {
        let (Some(series), Some(year), Some(number)) = (
            c.name("series"),
            c.name("year").or(c.name("slash_year")),
            c.name("number"),
        ) else {
            continue;
        };
        // The series is a word of its own; a footnote number may be glued before it
        // ("16COM(2020) 301 final").
        if text[..series.start()]
            .chars()
            .next_back()
            .is_some_and(|ch| ch.is_alphabetic() || ch == '_')
        {
            continue;
        }
        let (Ok(y), Ok(n)) = (year.as_str().parse(), number.as_str().parse()) else {
            continue;
        };
        let slashed = c.name("slash_year").is_some();
        // "COM(2020) 795" followed by another digit or a slash is something else.
        if text[number.end()..].starts_with(['/', '.', ','])
            && text[number.end() + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        let (after_at, rest) = next_non_space(text, number.end());
        let mut end = number.end();
        let has_final = if rest.is_empty() {
            None
        } else if let Some(len) = starts_with_word(rest, &g.final_words) {
            end = after_at + len;
            Some(true)
        } else if g.number_list.is_match(&text[number.end()..]) {
            // "COM(2020) 65, 66 and 67 final": one "final" closes the list.
            None
        } else {
            Some(false)
        };
        found.push(Found::plain(
            Cited::CommissionDocument(CommissionDocument {
                series: series.as_str().to_string(),
                year: y,
                number: n,
                space_before_year: !c.name("sp1").is_none_or(|s| s.as_str().is_empty()),
                no_space_after_year: !slashed
                    && c.name("sp2").is_none_or(|s| s.as_str().is_empty()),
                slashed,
                has_final,
            }),
            series.start(),
            end,
        ));
    }
}

fn scan_oj(text: &str, g: &Grammar, found: &mut Vec<Found>) {
    for c in g.oj.captures_iter(text) {
        let (Some(oj), Some(series), Some(issue), Some(date)) = (
            c.name("oj"),
            c.name("series"),
            c.name("issue"),
            c.name("date"),
        ) else {
            continue;
        };
        if text[date.end()..].starts_with(|ch: char| ch.is_ascii_digit()) {
            continue;
        }
        let (after_at, rest) = next_non_space(text, date.end());
        let mut end = date.end();
        let has_page = if rest.is_empty() {
            None
        } else {
            let r = rest.strip_prefix(',').map(str::trim_start).unwrap_or(rest);
            let r_at = after_at + (rest.len() - r.len());
            if let Some(len) = starts_with_word(r, &g.page_words) {
                // Take the page number along.
                let tail = &r[len..];
                let digits = tail.trim_start();
                let n = digits
                    .char_indices()
                    .find(|(_, c)| !(c.is_ascii_digit() || *c == '-' || *c == '–'))
                    .map_or(digits.len(), |(i, _)| i);
                end = r_at + len + (tail.len() - digits.len()) + n;
                Some(true)
            } else if starts_with_word(r, &g.page_alternatives).is_some() {
                Some(true)
            } else if rest.starts_with([')', '.', ';', ',']) {
                Some(false)
            } else {
                // Something else follows: not sure it is the end of the reference.
                None
            }
        };
        found.push(Found::plain(
            Cited::OjReference(OjReference {
                series: series.as_str().to_string(),
                issue: issue.as_str().split_whitespace().collect(),
                date: date.as_str().split_whitespace().collect(),
                has_page,
            }),
            oj.start(),
            end,
        ));
    }
}

/// Longest look-back for a Council document marker, in bytes.
const COUNCIL_WINDOW: usize = 40;

fn scan_council(text: &str, g: &Grammar, found: &mut Vec<Found>) {
    let mut conclusions_seen: Option<usize> = None;
    if let Some(re) = &g.council_conclusions {
        conclusions_seen = re.find(text).map(|m| m.end());
    }
    for c in g.council_number.captures_iter(text) {
        let m = c.get(0).expect("match");
        let before = text[..m.start()].chars().next_back();
        if before.is_some_and(|ch| ch.is_alphanumeric() || matches!(ch, '/' | '.' | ',' | '-')) {
            continue;
        }
        let (Some(first), Some(second)) = (c.name("first"), c.name("second")) else {
            continue;
        };
        // "2021/22": a season or school year, not a document (unless marked).
        let season = match (
            first.as_str().parse::<u32>(),
            second.as_str().parse::<u32>(),
        ) {
            (Ok(a), Ok(b)) => {
                first.as_str().len() == 4 && (1950..=2099).contains(&a) && (a + 1) % 100 == b
            }
            _ => false,
        };
        let mut window_start = m.start().saturating_sub(COUNCIL_WINDOW);
        while !text.is_char_boundary(window_start) {
            window_start -= 1;
        }
        let window = &text[window_start..m.start()];
        let marked_before = g
            .council_before
            .as_ref()
            .is_some_and(|r| r.is_match(window));
        let marked_after = g
            .council_after
            .as_ref()
            .is_some_and(|r| r.is_match(&text[m.end()..]));
        // The whole text is the number ("14603/19."), or follows conclusions' title.
        let alone = text[..m.start()].trim().is_empty()
            && text[m.end()..].trim().trim_end_matches('.').is_empty();
        let after_conclusions = conclusions_seen.is_some_and(|e| e <= m.start())
            && text[..m.start()].trim_end().ends_with(',')
            && text[m.end()..].trim().trim_end_matches('.').is_empty();
        // "2021/09": a year and a month unless a marker says otherwise.
        let year_month = first.as_str().len() == 4
            && first.as_str().starts_with(['1', '2'])
            && second
                .as_str()
                .parse::<u32>()
                .is_ok_and(|m| (1..=12).contains(&m));
        if marked_before || marked_after || (!year_month && !season && (alone || after_conclusions))
        {
            found.push(Found::plain(Cited::CouncilDocument, m.start(), m.end()));
        }
    }
}

#[cfg(test)]
mod tests;
