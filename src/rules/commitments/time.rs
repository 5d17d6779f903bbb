//! Time expressions: explicit dates and periods, relative phrases resolved against the
//! document date, vague timing, event-anchored (conditional) timing, and plan periods.
//!
//! All patterns come from the `[time]` section of the language pack. Years that name
//! documents or events (COM(2020) 795, Richtlijn 2016/681, de strategie van 2016, de
//! conclusies van 15 juni 2020) are masked before anything is looked for.

use std::collections::HashMap;

use crate::lazy_regex::LazyRe as Regex;
use chrono::{Datelike, Months, NaiveDate};
use serde::Deserialize;

use crate::pack::Pack;

/// How precisely the document date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// A full date (dateline, session date, configuration).
    Day,
    /// Only the year (inferred from the latest COM(YYYY) the text cites).
    Year,
}

/// The date a document speaks from; relative expressions resolve against it and
/// deadlines before it are past.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocDate {
    pub date: NaiveDate,
    pub precision: DatePrecision,
}

impl DocDate {
    pub fn day(date: NaiveDate) -> Self {
        DocDate {
            date,
            precision: DatePrecision::Day,
        }
    }

    /// The first day that is certainly not before the document (for past checks).
    fn lower_bound(&self) -> NaiveDate {
        match self.precision {
            DatePrecision::Day => self.date,
            DatePrecision::Year => {
                NaiveDate::from_ymd_opt(self.date.year(), 1, 1).unwrap_or(self.date)
            }
        }
    }
}

/// What a time atom says about timing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AtomKind {
    /// An explicit time. `normalised` is "2021", "2021-Q2", "2021-H2", "2021-06" or
    /// "2022-06-30"; `None` for a relative phrase with no document date to resolve it.
    Dated {
        normalised: Option<String>,
        /// Last day the expression covers.
        last_day: Option<NaiveDate>,
        /// Introduced by a deadline word ("uiterlijk", "tegen", "by").
        deadline: bool,
    },
    Vague,
    Conditional,
    /// A plan or programme period ("2021–2025").
    Period,
}

/// A time expression found in a string: byte range and meaning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeAtom {
    pub start: usize,
    pub end: usize,
    pub kind: AtomKind,
}

impl TimeAtom {
    /// Whether a dated atom ends before the document date.
    pub fn is_past(&self, doc_date: Option<DocDate>) -> bool {
        match (&self.kind, doc_date) {
            (
                AtomKind::Dated {
                    last_day: Some(d), ..
                },
                Some(dd),
            ) => *d < dd.lower_bound(),
            _ => false,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawTime {
    months: Vec<Vec<String>>,
    ordinals: Vec<Vec<String>>,
    parts: Vec<Vec<String>>,
    seasons: Vec<Vec<String>>,
    deadline: Vec<String>,
    numbers: Vec<Vec<String>>,
    patterns: Vec<String>,
    relative: Vec<RawRelative>,
    units: HashMap<String, u32>,
    immediate: Vec<String>,
    vague: Vec<String>,
    conditional: Vec<String>,
    masks: Vec<String>,
    name_year: Vec<String>,
    period: String,
    clause_breaks: String,
    past_scope_breaks: String,
    document_date: Vec<String>,
}

#[derive(Deserialize, Default)]
struct RawRelative {
    phrase: String,
    years: i32,
    /// 1 = early, 2 = mid, 3 = late.
    part: Option<u8>,
}

/// The compiled `[time]` section of a pack.
pub struct TimeGrammar {
    patterns: Vec<Regex>,
    /// Whether each pattern needs a digit (most do: years); lets sentences without
    /// digits skip them.
    needs_digit: Vec<bool>,
    months: HashMap<String, u32>,
    ordinals: HashMap<String, u32>,
    parts: HashMap<String, u8>,
    seasons: HashMap<String, u32>,
    numbers: HashMap<String, u32>,
    deadline_words: Vec<String>,
    relative: HashMap<String, (i32, Option<u8>)>,
    units: HashMap<String, u32>,
    immediate: Vec<Regex>,
    vague: Vec<Regex>,
    conditional: Vec<Regex>,
    masks: Vec<Regex>,
    name_year: Vec<Regex>,
    period: Option<Regex>,
    pub(crate) clause_breaks: Option<Regex>,
    /// Coarser breaks (";", "en", "and") for "is this year in a clause about the past?".
    pub(crate) past_scope_breaks: Option<Regex>,
    document_date: Vec<Regex>,
    document_year: Option<Regex>,
    /// Patterns that did not compile (a broken project config); tests assert it is
    /// empty for the built-in packs.
    pub errors: Vec<String>,
}

/// Lowercase and collapse whitespace, for dictionary lookups.
pub(crate) fn norm_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A regex alternation of words and phrases, longest first, spaces as `\s+`.
fn alternation<'a>(words: impl Iterator<Item = &'a String>) -> String {
    let mut ws: Vec<&String> = words.filter(|w| !w.trim().is_empty()).collect();
    ws.sort_by_key(|w| std::cmp::Reverse(w.len()));
    ws.dedup();
    let alts: Vec<String> = ws
        .iter()
        .map(|w| {
            w.split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .collect();
    format!("(?:{})", alts.join("|"))
}

fn index_map(groups: &[Vec<String>], base: u32) -> HashMap<String, u32> {
    let mut m = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        for w in g {
            m.insert(norm_key(w), i as u32 + base);
        }
    }
    m
}

/// Compile a list of patterns case-insensitively, collecting errors.
pub(crate) fn compile_all(
    pats: &[String],
    expand: &dyn Fn(&str) -> String,
    errors: &mut Vec<String>,
) -> Vec<Regex> {
    pats.iter()
        .filter_map(|p| compile_one(p, expand, errors))
        .collect()
}

/// Compile a list of patterns as one alternation (one compilation instead of many;
/// used where only the matched ranges matter), or one by one if the union fails.
pub(crate) fn compile_union(
    pats: &[String],
    expand: &dyn Fn(&str) -> String,
    errors: &mut Vec<String>,
) -> Vec<Regex> {
    let parts: Vec<String> = pats
        .iter()
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("(?:{p})"))
        .collect();
    if parts.is_empty() {
        return Vec::new();
    }
    let mut ignored = Vec::new();
    match compile_one(&parts.join("|"), expand, &mut ignored) {
        Some(re) => vec![re],
        None => compile_all(pats, expand, errors),
    }
}

pub(crate) fn compile_one(
    pat: &str,
    expand: &dyn Fn(&str) -> String,
    errors: &mut Vec<String>,
) -> Option<Regex> {
    if pat.trim().is_empty() {
        return None;
    }
    // ASCII word boundaries: Unicode `\b` makes the regex engine fall back to its
    // slowest matcher on non-ASCII text (every Dutch text), and the boundary is
    // only ever next to an ASCII letter in these patterns.
    let expanded = expand(pat).replace(r"\b", r"(?-u:\b)");
    match Regex::new(&format!("(?i){expanded}")) {
        Ok(r) => Some(r),
        Err(e) => {
            errors.push(format!("{pat}: {e}"));
            None
        }
    }
}

impl TimeGrammar {
    pub fn from_pack(pack: &Pack) -> Self {
        let raw: RawTime = pack.section("time").unwrap_or_default();
        let month_alt = alternation(raw.months.iter().flatten());
        let ord_alt = alternation(raw.ordinals.iter().flatten());
        let part_alt = alternation(raw.parts.iter().flatten());
        let season_alt = alternation(raw.seasons.iter().flatten());
        let deadline_alt = alternation(raw.deadline.iter());
        let number_alt = alternation(raw.numbers.iter().flatten());
        let expand = |p: &str| {
            // Most patterns hold no placeholder: no eight copies.
            if !p.contains("{") {
                return p.to_string();
            }
            p.replace("{MONTH}", &month_alt)
                .replace("{ORD}", &ord_alt)
                .replace("{PART}", &part_alt)
                .replace("{SEASON}", &season_alt)
                .replace("{DEADLINE}", &deadline_alt)
                .replace("{NUMBER}", &number_alt)
                .replace("{YEAR}", r"(?:19|20)\d\d")
                .replace("{DAY}", r"\d{1,2}")
        };
        let mut errors = Vec::new();
        let patterns = compile_all(&raw.patterns, &expand, &mut errors);
        let needs_digit = raw
            .patterns
            .iter()
            .filter(|p| !p.trim().is_empty())
            .map(|p| p.contains("{YEAR}"))
            .collect();
        let immediate = compile_union(&raw.immediate, &expand, &mut errors);
        let vague = compile_union(&raw.vague, &expand, &mut errors);
        let conditional = compile_union(&raw.conditional, &expand, &mut errors);
        let masks = compile_union(&raw.masks, &expand, &mut errors);
        // One regex per pattern: each keeps its own gate, so a one-line text that names
        // "voorstel" without "van"/"uit" does not compile the whole set (3.7 ms).
        let name_year = compile_all(&raw.name_year, &expand, &mut errors);
        let period = compile_one(&raw.period, &expand, &mut errors);
        let clause_breaks = compile_one(&raw.clause_breaks, &expand, &mut errors);
        let past_scope_breaks = compile_one(&raw.past_scope_breaks, &expand, &mut errors);
        let document_date = compile_all(&raw.document_date, &expand, &mut errors);
        let document_year = compile_one(
            r"\bCOM\s*\(\s*(?P<year>{YEAR})\s*\)\s*\d+",
            &expand,
            &mut errors,
        );
        let parts = raw
            .parts
            .iter()
            .enumerate()
            .flat_map(|(i, g)| g.iter().map(move |w| (norm_key(w), i as u8 + 1)))
            .collect();
        let relative = raw
            .relative
            .iter()
            .map(|r| (norm_key(&r.phrase), (r.years, r.part)))
            .collect();
        TimeGrammar {
            patterns,
            needs_digit,
            months: index_map(&raw.months, 1),
            ordinals: index_map(&raw.ordinals, 1),
            parts,
            seasons: index_map(&raw.seasons, 1),
            numbers: index_map(&raw.numbers, 1),
            deadline_words: raw.deadline.iter().map(|w| norm_key(w)).collect(),
            relative,
            units: raw.units.iter().map(|(k, v)| (norm_key(k), *v)).collect(),
            immediate,
            vague,
            conditional,
            masks,
            name_year,
            period,
            clause_breaks,
            past_scope_breaks,
            document_date,
            document_year,
            errors,
        }
    }

    /// Replace citations and years that name documents by `#` (same byte length, so
    /// offsets stay valid).
    pub fn mask(&self, text: &str) -> String {
        let mut masked = text.to_string();
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            // Every mask names a number or a year.
            return masked;
        }
        // The dateline names the document's own date, never a deadline.
        for re in self
            .masks
            .iter()
            .chain(self.name_year.iter())
            .chain(self.document_date.iter())
        {
            let ranges: Vec<(usize, usize)> = re
                .find_iter(&masked)
                .map(|m| (m.start(), m.end()))
                .collect();
            for (s, e) in ranges {
                masked.replace_range(s..e, &"#".repeat(e - s));
            }
        }
        masked
    }

    /// Every time atom in `text`, sorted by position, non-overlapping.
    pub fn atoms(&self, text: &str, doc_date: Option<DocDate>) -> Vec<TimeAtom> {
        let mut masked = self.mask(text);
        let mut out: Vec<TimeAtom> = Vec::new();
        if let Some(period) = self
            .period
            .as_ref()
            .filter(|_| text.bytes().any(|b| b.is_ascii_digit()))
        {
            let ranges: Vec<(usize, usize)> = period
                .find_iter(&masked)
                .map(|m| (m.start(), m.end()))
                .collect();
            for (s, e) in ranges {
                out.push(TimeAtom {
                    start: s,
                    end: e,
                    kind: AtomKind::Period,
                });
                masked.replace_range(s..e, &"#".repeat(e - s));
            }
        }
        let mut dated: Vec<TimeAtom> = Vec::new();
        let has_digit = masked.bytes().any(|b| b.is_ascii_digit());
        for (i, re) in self.patterns.iter().enumerate() {
            if !has_digit && self.needs_digit.get(i).copied().unwrap_or(true) {
                continue;
            }
            for caps in re.captures_iter(&masked) {
                let Some(m) = caps.get(0) else { continue };
                if let Some(kind) = self.normalise(&caps, m.as_str(), doc_date) {
                    dated.push(TimeAtom {
                        start: m.start(),
                        end: m.end(),
                        kind,
                    });
                }
            }
        }
        for re in &self.immediate {
            for m in re.find_iter(&masked) {
                dated.push(TimeAtom {
                    start: m.start(),
                    end: m.end(),
                    kind: AtomKind::Dated {
                        normalised: doc_date.map(format_date),
                        last_day: doc_date.map(|d| d.date),
                        deadline: false,
                    },
                });
            }
        }
        keep_non_overlapping(&mut out, dated);
        let mut other = Vec::new();
        for (res, kind) in [
            (&self.vague, AtomKind::Vague),
            (&self.conditional, AtomKind::Conditional),
        ] {
            for re in res {
                for m in re.find_iter(&masked) {
                    other.push(TimeAtom {
                        start: m.start(),
                        end: m.end(),
                        kind: kind.clone(),
                    });
                }
            }
        }
        keep_non_overlapping(&mut out, other);
        out.sort_by_key(|a| a.start);
        out
    }

    fn normalise(
        &self,
        caps: &crate::lazy_regex::Captures<'_>,
        whole: &str,
        doc_date: Option<DocDate>,
    ) -> Option<AtomKind> {
        let deadline = self.starts_with_deadline_word(whole);
        let dated = |normalised: Option<String>, last_day: Option<NaiveDate>| {
            Some(AtomKind::Dated {
                normalised,
                last_day,
                deadline,
            })
        };
        if let Some(rel) = caps.name("rel") {
            let (years, part) = *self.relative.get(&norm_key(rel.as_str()))?;
            let Some(dd) = doc_date else {
                return dated(None, None);
            };
            let year = dd.date.year() + years;
            return match part {
                Some(p) => {
                    let (n, last) = part_of_year(year, p)?;
                    dated(Some(n), Some(last))
                }
                None => dated(Some(year.to_string()), ymd(year, 12, 31)),
            };
        }
        if let (Some(n), Some(unit)) = (caps.name("n"), caps.name("unit")) {
            let count: u32 = n
                .as_str()
                .parse()
                .ok()
                .or_else(|| self.numbers.get(&norm_key(n.as_str())).copied())?;
            let months_per = *self.units.get(&norm_key(unit.as_str()))?;
            let Some(dd) = doc_date else {
                return dated(None, None);
            };
            let end = if months_per == 0 {
                dd.date
                    .checked_add_days(chrono::Days::new(u64::from(count) * 7))?
            } else {
                dd.date
                    .checked_add_months(Months::new(count.checked_mul(months_per)?))?
            };
            return dated(
                Some(format!("{:04}-{:02}", end.year(), end.month())),
                Some(end),
            );
        }
        let year: i32 = caps.name("year")?.as_str().parse().ok()?;
        let month = caps
            .name("month")
            .and_then(|m| {
                let k = norm_key(m.as_str().trim_end_matches('.'));
                self.months.get(&k).copied().or_else(|| k.parse().ok())
            })
            .or_else(|| caps.name("monthnum").and_then(|m| m.as_str().parse().ok()));
        if let Some(day) = caps.name("day") {
            let day: u32 = day.as_str().parse().ok()?;
            let date = NaiveDate::from_ymd_opt(year, month?, day)?;
            return dated(Some(date.format("%Y-%m-%d").to_string()), Some(date));
        }
        if let Some(month) = month {
            if !(1..=12).contains(&month) {
                return None;
            }
            return dated(
                Some(format!("{year:04}-{month:02}")),
                last_day_of_month(year, month),
            );
        }
        if let Some(q) = caps.name("quarter") {
            let k = norm_key(q.as_str());
            let q = k.parse().ok().or_else(|| self.ordinals.get(&k).copied())?;
            return quarter(year, q).and_then(|(n, l)| dated(Some(n), Some(l)));
        }
        if let Some(h) = caps.name("half") {
            let h = self.ordinals.get(&norm_key(h.as_str())).copied()?;
            let (n, last) = match h {
                1 => (format!("{year}-H1"), ymd(year, 6, 30)),
                _ => (format!("{year}-H2"), ymd(year, 12, 31)),
            };
            return dated(Some(n), last);
        }
        if let Some(s) = caps.name("season") {
            let q = self.seasons.get(&norm_key(s.as_str())).copied()?;
            return quarter(year, q).and_then(|(n, l)| dated(Some(n), Some(l)));
        }
        if let Some(p) = caps.name("part") {
            let p = *self
                .parts
                .get(&norm_key(p.as_str().trim_end_matches('-')))?;
            let (n, last) = part_of_year(year, p)?;
            return dated(Some(n), Some(last));
        }
        dated(Some(year.to_string()), ymd(year, 12, 31))
    }

    fn starts_with_deadline_word(&self, s: &str) -> bool {
        let k = norm_key(s);
        self.deadline_words.iter().any(|w| {
            k.starts_with(w.as_str()) && k[w.len()..].starts_with(|c: char| !c.is_alphanumeric())
        })
    }

    /// The document's own date, from a dateline or a session date near the start,
    /// else the year of the latest COM(YYYY) it cites.
    pub fn document_date(&self, text: &str) -> Option<DocDate> {
        let head_end = floor_char_boundary(text, 4000);
        let head = &text[..head_end];
        for re in &self.document_date {
            if let Some(c) = re.captures(head) {
                let year: i32 = c.name("year")?.as_str().parse().ok()?;
                let day: u32 = c.name("day")?.as_str().parse().ok()?;
                let mk = norm_key(c.name("month")?.as_str());
                let month = self.months.get(&mk).copied().or_else(|| mk.parse().ok())?;
                if let Some(d) = NaiveDate::from_ymd_opt(year, month, day) {
                    return Some(DocDate::day(d));
                }
            }
        }
        let year = self
            .document_year
            .as_ref()?
            .captures_iter(text)
            .filter_map(|c| c.name("year")?.as_str().parse::<i32>().ok())
            .max()?;
        Some(DocDate {
            date: NaiveDate::from_ymd_opt(year, 1, 1)?,
            precision: DatePrecision::Year,
        })
    }
}

/// Add candidates that overlap nothing already kept, longest first at each position.
fn keep_non_overlapping(kept: &mut Vec<TimeAtom>, mut cands: Vec<TimeAtom>) {
    cands.sort_by_key(|a| (a.start, std::cmp::Reverse(a.end)));
    for c in cands {
        if kept.iter().all(|k| c.end <= k.start || c.start >= k.end) {
            kept.push(c);
        }
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

fn quarter(year: i32, q: u32) -> Option<(String, NaiveDate)> {
    if !(1..=4).contains(&q) {
        return None;
    }
    Some((format!("{year}-Q{q}"), last_day_of_month(year, q * 3)?))
}

/// early → Q1, mid → June, late → Q4.
fn part_of_year(year: i32, part: u8) -> Option<(String, NaiveDate)> {
    match part {
        1 => quarter(year, 1),
        2 => Some((format!("{year}-06"), ymd(year, 6, 30)?)),
        _ => quarter(year, 4),
    }
}

fn format_date(d: DocDate) -> String {
    match d.precision {
        DatePrecision::Day => d.date.format("%Y-%m-%d").to_string(),
        DatePrecision::Year => d.date.year().to_string(),
    }
}

pub(crate) use crate::source::floor_char_boundary;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;

    fn grammar(lang: Language) -> TimeGrammar {
        TimeGrammar::from_pack(Pack::builtin(lang))
    }

    fn dd(s: &str) -> Option<DocDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .map(DocDate::day)
    }

    fn normalised(g: &TimeGrammar, text: &str, doc: Option<DocDate>) -> Vec<String> {
        g.atoms(text, doc)
            .into_iter()
            .filter_map(|a| match a.kind {
                AtomKind::Dated { normalised, .. } => normalised,
                _ => None,
            })
            .collect()
    }

    #[test]
    fn builtin_time_patterns_compile() {
        for lang in [Language::Nl, Language::En] {
            let g = grammar(lang);
            assert!(g.errors.is_empty(), "{:?}", g.errors);
            assert!(g.patterns.len() > 8);
        }
    }

    #[test]
    fn dutch_expressions_in_real_sentences() {
        let g = grammar(Language::Nl);
        let doc = dd("2020-12-09");
        assert_eq!(
            normalised(&g, "Tegen midden 2021 zal de Commissie, in samenwerking met de lidstaten, richtsnoeren opstellen.", doc),
            ["2021-06"]
        );
        assert_eq!(
            normalised(&g, "De Commissie zal in 2021 een initiatief voorstellen om de lijst van misdrijven uit te breiden.", doc),
            ["2021"]
        );
        // A date split across lines is one expression once the paragraph is joined.
        assert_eq!(
            normalised(
                &g,
                "De lidstaten moeten begin 2023 verslag uitbrengen.",
                doc
            ),
            ["2023-Q1"]
        );
        // Citations and document names are not deadlines.
        assert!(normalised(
            &g,
            "Zie COM(2020) 795 final en Richtlijn (EU) 2016/681 en Verordening 2018/1860.",
            doc
        )
        .is_empty());
        assert!(normalised(
            &g,
            "zoals bepaald in de conclusies van de Raad van 15 juni 2020",
            doc
        )
        .is_empty());
        assert!(
            normalised(&g, "de EU-strategie voor de veiligheidsunie 2020-2025", doc).is_empty()
        );
        // Substring traps: no time word inside longer words.
        for s in [
            "met volledige onpartijdigheid en op basis van de beginselen van de rechtsstaat",
            "de gevaren van opkomende technologieën en een toekomstbestendige veiligheidsomgeving",
            "een grote uitdaging voor de samenleving",
        ] {
            assert!(g.atoms(s, doc).is_empty(), "{s}: {:?}", g.atoms(s, doc));
        }
    }

    #[test]
    fn vague_and_period_atoms() {
        let g = grammar(Language::Nl);
        let atoms = g.atoms(
            "De Commissie zal daartoe binnenkort voorstellen indienen.",
            None,
        );
        assert_eq!(atoms.len(), 1);
        assert_eq!(atoms[0].kind, AtomKind::Vague);
        let atoms = g.atoms("in het kader van het actieplan 2021–2025", None);
        assert_eq!(atoms[0].kind, AtomKind::Period);
        let atoms = g.atoms("The Commission will report in due course.", None);
        assert!(atoms.is_empty(), "Dutch pack must not know English phrases");
        let en = grammar(Language::En);
        let atoms = en.atoms("The Commission will report in due course.", None);
        assert_eq!(atoms[0].kind, AtomKind::Vague);
    }

    #[test]
    fn document_dates() {
        let nl = grammar(Language::Nl);
        let en = grammar(Language::En);
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            nl.document_date("\n\nTitel\n\nBrussel, 9 december 2020\n\nTekst")
                .map(|x| x.date),
            Some(d("2020-12-09"))
        );
        assert_eq!(
            nl.document_date("EUROPESE COMMISSIE\nBrussel, 9.12.2020\nCOM(2020) 795 final")
                .map(|x| x.date),
            Some(d("2020-12-09"))
        );
        assert_eq!(
            nl.document_date(" ‒ Conclusies van de Raad (12 december 2024) \n")
                .map(|x| x.date),
            Some(d("2024-12-12"))
        );
        assert_eq!(
            nl.document_date("die de Raad in zijn zitting van 20 juni 2022 heeft goedgekeurd.")
                .map(|x| x.date),
            Some(d("2022-06-20"))
        );
        assert_eq!(
            en.document_date("Brussels, 9 December 2020\n")
                .map(|x| x.date),
            Some(d("2020-12-09"))
        );
        let inferred = nl
            .document_date("zie COM(2019) 273 final en COM(2020) 605 final.")
            .unwrap();
        assert_eq!(inferred.precision, DatePrecision::Year);
        assert_eq!(inferred.date.year(), 2020);
        assert_eq!(nl.document_date("geen datum"), None);
    }

    #[test]
    fn past_deadlines() {
        let g = grammar(Language::Nl);
        let doc = dd("2020-12-09");
        let atoms = g.atoms("tegen eind 2019", doc);
        assert!(atoms[0].is_past(doc));
        let atoms = g.atoms("tegen eind 2020", doc);
        assert!(!atoms[0].is_past(doc));
        let year_only = Some(DocDate {
            date: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            precision: DatePrecision::Year,
        });
        assert!(!g.atoms("uiterlijk 30 november 2020", year_only)[0].is_past(year_only));
        assert!(g.atoms("uiterlijk 30 november 2020", doc)[0].is_past(doc));
    }

    #[test]
    fn never_panics_on_odd_input() {
        let g = grammar(Language::Nl);
        for s in [
            "",
            "31 juni 2021",
            "binnen 99 jaren",
            "Q9 2021",
            "ééé 2021 ü",
            "in 2099",
        ] {
            let _ = g.atoms(s, dd("2020-12-09"));
            let _ = g.document_date(s);
        }
        assert!(normalised(&g, "31 juni 2021", None)
            .iter()
            .all(|n| n != "2021-06-31"));
    }
}
