//! Date recognition shared by the date rules (DT001 `invalid-date`, DT002
//! `weekday-mismatch`).
//!
//! A linear scan over tokens (numbers, words, single punctuation marks) finds the date
//! forms policy texts use, with the month and weekday names of the language pack
//! (`[dates]` in `rules/*.toml`):
//! - day, month name, optional year: "9 december 2020", "31 juni", "25th June 2021",
//!   "9 dec. 2020";
//! - month name, day, year: "April 31, 2021", "December 9 2020";
//! - numeric day.month.year with one separator (`.`, `/` or `-`): "31.4.2020",
//!   "31/04/2020"; ISO "2021-02-29";
//! - any of the above after a weekday: "maandag 9 december 2020", "Wednesday,
//!   December 9, 2020", "vr. 25 juni 2021".
//!
//! Numbers that only look like dates are left alone: document numbers ("10179/22"),
//! regulation numbers ("2016/681"), ranges ("21-23"), article numbers ("31.4"). Numeric
//! dates are read day first (the European order); in English text a numeric date that
//! is impossible day first but possible month first ("12/25/2020") is not reported.

pub mod invalid_date;
pub mod weekday_mismatch;
pub use invalid_date::InvalidDate;
pub use weekday_mismatch::WeekdayMismatch;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use crate::pack::{FromPack, Pack};

/// Month and weekday names of a language pack, lowercased, with their numbers.
#[derive(Debug, Default)]
pub struct DateNames {
    months: HashMap<String, u32>,
    weekdays: HashMap<String, u32>,
    /// Names (lowercased) that count only when written with a capital, because they
    /// are also common words ("may", "sun.", "zo.").
    capitalised: std::collections::HashSet<String>,
    /// Length in bytes of the longest name (without a period).
    longest: usize,
    /// The first (full) name of each month, 1-based (index 0 unused).
    month_names: Vec<String>,
    /// The first (full) name of each weekday, Monday = 1 (index 0 unused).
    weekday_names: Vec<String>,
    /// Suffixes glued to an ordinal day ("25th"), lowercase.
    ordinal_suffixes: Vec<String>,
    /// Whether numeric dates may be written month first (US order): then "12/25/2020"
    /// is not an invalid date.
    month_first: bool,
    /// Words between a weekday and its date ("Monday the 9th").
    weekday_articles: Vec<String>,
    /// A day may be written as an ordinal with a period ("31. Juni 2021").
    ordinal_period: bool,
}

#[derive(Deserialize)]
struct NamedNumber {
    number: u32,
    names: Vec<String>,
}

impl FromPack for DateNames {
    fn from_pack(pack: &Pack) -> Self {
        let mut names = DateNames {
            month_names: vec![String::new(); 13],
            weekday_names: vec![String::new(); 8],
            ..DateNames::default()
        };
        let months: Vec<NamedNumber> = pack.section("dates.months").unwrap_or_default();
        for m in months.iter().filter(|m| (1..=12).contains(&m.number)) {
            for n in &m.names {
                names.months.insert(n.to_lowercase(), m.number);
            }
            if names.month_names[m.number as usize].is_empty() {
                if let Some(first) = m.names.first() {
                    names.month_names[m.number as usize] = first.clone();
                }
            }
        }
        let lower = |key: &str| -> Vec<String> {
            pack.strings(key).iter().map(|w| w.to_lowercase()).collect()
        };
        names.ordinal_suffixes = lower("dates.ordinal-suffixes");
        names.weekday_articles = lower("dates.weekday-articles");
        names.month_first = pack
            .get("dates.month-first")
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        names.ordinal_period = pack
            .get("dates.ordinal-period")
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        names.capitalised = pack
            .strings("dates.capitalised")
            .iter()
            .map(|n| n.to_lowercase())
            .collect();
        let weekdays: Vec<NamedNumber> = pack.section("dates.weekdays").unwrap_or_default();
        for w in weekdays.iter().filter(|w| (1..=7).contains(&w.number)) {
            for n in &w.names {
                names.weekdays.insert(n.to_lowercase(), w.number);
            }
            if names.weekday_names[w.number as usize].is_empty() {
                if let Some(first) = w.names.first() {
                    names.weekday_names[w.number as usize] = first.clone();
                }
            }
        }
        names.longest = names
            .months
            .keys()
            .chain(names.weekdays.keys())
            .map(|n| n.trim_end_matches('.').len())
            .max()
            .unwrap_or(0)
            // Uppercase forms can be longer in bytes than lowercase ones.
            * 2;
        names
    }
}

impl DateNames {
    /// The full name of a month (1–12) in the pack's language.
    pub fn month_name(&self, month: u32) -> &str {
        self.month_names
            .get(month as usize)
            .map_or("", String::as_str)
    }

    /// The full name of a weekday (Monday = 1) in the pack's language.
    pub fn weekday_name(&self, weekday: u32) -> &str {
        self.weekday_names
            .get(weekday as usize)
            .map_or("", String::as_str)
    }
}

/// Why a written date does not exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invalid {
    /// Month number outside 1–12 (numeric dates).
    NoSuchMonth,
    /// Day 0, or more days than the month ever has.
    DayOutOfRange { max: u32 },
    /// 29 February of a year that is not a leap year.
    NotLeapYear,
}

/// A date found in a text. Offsets are byte offsets into the scanned string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundDate {
    /// The date as written (weekday excluded).
    pub start: usize,
    pub end: usize,
    pub day: u32,
    pub month: u32,
    pub year: Option<i32>,
    /// The weekday written before the date: its range and ISO number (Monday = 1).
    pub weekday: Option<(usize, usize, u32)>,
}

impl FoundDate {
    /// `Ok(Some(date))` for a full valid date, `Ok(None)` for a valid day and month
    /// without a year, `Err` when no such date exists.
    pub fn validity(&self) -> Result<Option<NaiveDate>, Invalid> {
        if !(1..=12).contains(&self.month) {
            return Err(Invalid::NoSuchMonth);
        }
        let max_any_year = days_in_month(self.month, None);
        if self.day == 0 || self.day > max_any_year {
            return Err(Invalid::DayOutOfRange { max: max_any_year });
        }
        let Some(year) = self.year else {
            return Ok(None);
        };
        match NaiveDate::from_ymd_opt(year, self.month, self.day) {
            Some(d) => Ok(Some(d)),
            None if self.month == 2 && self.day == 29 => Err(Invalid::NotLeapYear),
            None => Err(Invalid::DayOutOfRange {
                max: days_in_month(self.month, Some(year)),
            }),
        }
    }
}

/// The ISO weekday number (Monday = 1) of a date.
pub fn iso_weekday(date: NaiveDate) -> u32 {
    date.weekday().number_from_monday()
}

/// Days in a month; without a year, the most it can have (29 for February).
fn days_in_month(month: u32, year: Option<i32>) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if NaiveDate::from_ymd_opt(y, 2, 29).is_none() => 28,
            _ => 29,
        },
        _ => 31,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Num,
    Word,
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    end: usize,
    kind: Kind,
    /// Whitespace separates this token from the previous one.
    space_before: bool,
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::new();
    let mut space = true;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let kind = if c.is_ascii_digit() {
            Kind::Num
        } else if c.is_alphabetic() {
            Kind::Word
        } else {
            Kind::Punct(c)
        };
        let mut end = i + c.len_utf8();
        if kind != Kind::Punct(c) {
            while let Some(&(j, d)) = chars.peek() {
                let same = match kind {
                    Kind::Num => d.is_ascii_digit(),
                    _ => d.is_alphabetic(),
                };
                if !same {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
        }
        toks.push(Tok {
            start: i,
            end,
            kind,
            space_before: space,
        });
        space = false;
    }
    toks
}

struct Scanner<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    names: &'a DateNames,
}

impl Scanner<'_> {
    fn tok(&self, i: usize) -> Option<Tok> {
        self.toks.get(i).copied()
    }

    fn s(&self, t: Tok) -> &str {
        &self.text[t.start..t.end]
    }

    fn num(&self, i: usize, digits: std::ops::RangeInclusive<usize>) -> Option<u32> {
        let t = self.tok(i)?;
        if t.kind != Kind::Num || !digits.contains(&(t.end - t.start)) {
            return None;
        }
        self.s(t).parse().ok()
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.tok(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// True when token `i` is glued to the one before it.
    fn glued(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.space_before)
    }

    /// A name (month or weekday) at token `i`: its number and the index of its last
    /// token (the period of an abbreviation, when the name is written with one).
    fn name(&self, i: usize, table: &HashMap<String, u32>) -> Option<(u32, usize)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Word {
            return None;
        }
        let word = self.s(t);
        // Cheap filter before lowercasing: no name is longer than this.
        if word.len() > self.names.longest {
            return None;
        }
        let lower = word.to_lowercase();
        // Names that are also common words ("may", "sun.", "zo.") count only with a
        // capital.
        let lowercase = word.chars().next().is_some_and(char::is_lowercase);
        let needs_capital = |name: &str| lowercase && self.names.capitalised.contains(name);
        if self.punct(i + 1) == Some('.') && self.glued(i + 1) {
            let with_period = format!("{lower}.");
            if let Some(&n) = table.get(&with_period) {
                return (!needs_capital(&with_period)).then_some((n, i + 1));
            }
        }
        if needs_capital(&lower) {
            return None;
        }
        table.get(&lower).map(|&n| (n, i))
    }

    /// True when token `i` is the word `word` (any case).
    fn is_word(&self, i: usize, word: &str) -> bool {
        self.tok(i)
            .is_some_and(|t| t.kind == Kind::Word && self.s(t).eq_ignore_ascii_case(word))
    }

    /// An English ordinal suffix glued to the day ("25th").
    fn ordinal(&self, i: usize) -> bool {
        !self.names.ordinal_suffixes.is_empty()
            && self.glued(i)
            && self.tok(i).is_some_and(|t| {
                t.kind == Kind::Word
                    && self
                        .names
                        .ordinal_suffixes
                        .contains(&self.s(t).to_lowercase())
            })
    }

    /// A number at `i` may start a date: it is not glued to a word, a number or a
    /// separator before it (which would make it part of "2016/681" or "3.31").
    fn free_start(&self, i: usize) -> bool {
        if !self.glued(i) || i == 0 {
            return true;
        }
        match self.toks[i - 1].kind {
            Kind::Punct(c) => !matches!(c, '.' | '/' | ',' | ':') && !c.is_alphanumeric(),
            _ => false,
        }
    }

    /// Nothing that continues the number is glued after token `last`.
    fn free_end(&self, last: usize) -> bool {
        let Some(next) = self.tok(last + 1) else {
            return true;
        };
        if next.space_before {
            return true;
        }
        match next.kind {
            Kind::Num | Kind::Word => false,
            Kind::Punct('.' | '/' | '-' | ',') => {
                // "31.4.2020." ends a sentence; "31.4.2020.5" or "2016/681" continue.
                !self
                    .tok(last + 2)
                    .is_some_and(|t| !t.space_before && t.kind == Kind::Num)
            }
            Kind::Punct(_) => true,
        }
    }

    /// A date starting with the number at token `i`: the date and the index of its
    /// last token.
    fn date_at(&self, i: usize) -> Option<(FoundDate, usize)> {
        if self.tok(i)?.kind != Kind::Num || !self.free_start(i) {
            return None;
        }
        self.numeric(i)
            .or_else(|| self.iso(i))
            .or_else(|| self.day_month(i))
    }

    /// The token where a month name written just before the number at `i` starts
    /// ("April 31", "Dec. 9").
    fn month_before(&self, i: usize) -> Option<usize> {
        let prev = i.checked_sub(1)?;
        match self.tok(prev)?.kind {
            Kind::Word => Some(prev),
            Kind::Punct('.') => {
                let word = prev.checked_sub(1)?;
                (self.tok(word)?.kind == Kind::Word).then_some(word)
            }
            _ => None,
        }
    }

    fn found(
        &self,
        i: usize,
        last: usize,
        day: u32,
        month: u32,
        year: Option<i32>,
    ) -> (FoundDate, usize) {
        let date = FoundDate {
            start: self.toks[i].start,
            end: self.toks[last].end,
            day,
            month,
            year,
            weekday: None,
        };
        (date, last)
    }

    /// "31.4.2020", "31/04/2020", "31-04-2020".
    fn numeric(&self, i: usize) -> Option<(FoundDate, usize)> {
        let day = self.num(i, 1..=2)?;
        let sep = self.punct(i + 1)?;
        if !matches!(sep, '.' | '/' | '-') {
            return None;
        }
        let month = self.num(i + 2, 1..=2)?;
        if self.punct(i + 3)? != sep {
            return None;
        }
        let year = self.num(i + 4, 4..=4)?;
        if !(1..=4).all(|k| self.glued(i + k)) || !self.free_end(i + 4) {
            return None;
        }
        let found = self.found(i, i + 4, day, month, Some(year as i32));
        if self.names.month_first && found.0.validity().is_err() {
            // Month first (US order) would make it a real date: leave it.
            let swapped = FoundDate {
                day: month,
                month: day,
                ..found.0.clone()
            };
            if swapped.validity().is_ok() {
                return None;
            }
        }
        Some(found)
    }

    /// "2021-02-29".
    fn iso(&self, i: usize) -> Option<(FoundDate, usize)> {
        let year = self.num(i, 4..=4)?;
        if self.punct(i + 1)? != '-' || self.punct(i + 3)? != '-' {
            return None;
        }
        let t2 = self.tok(i + 2)?;
        let t4 = self.tok(i + 4)?;
        if t2.end - t2.start != 2 || t4.end - t4.start != 2 {
            return None;
        }
        let month = self.num(i + 2, 2..=2)?;
        let day = self.num(i + 4, 2..=2)?;
        if !(1..=4).all(|k| self.glued(i + k)) || !self.free_end(i + 4) {
            return None;
        }
        Some(self.found(i, i + 4, day, month, Some(year as i32)))
    }

    /// "9 december 2020", "31 juni", "25th June 2021", "9 dec. 2020".
    fn day_month(&self, i: usize) -> Option<(FoundDate, usize)> {
        let day = self.num(i, 1..=2)?;
        let mut j = i + 1;
        if self.names.ordinal_period && self.punct(j) == Some('.') && self.glued(j) {
            j += 1; // "31. Juni 2021"
        } else if self.ordinal(j) {
            j += 1;
            // "the 9th of December 2020"
            if self.is_word(j, "of") {
                j += 1;
            }
        }
        let month_tok = self.tok(j)?;
        if !month_tok.space_before {
            return None;
        }
        let (month, last) = self.name(j, &self.names.months)?;
        let year = self
            .tok(last + 1)
            .filter(|t| t.space_before)
            .and_then(|_| self.num(last + 1, 4..=4))
            .filter(|_| self.free_end(last + 1));
        match year {
            Some(y) => Some(self.found(i, last + 1, day, month, Some(y as i32))),
            None => Some(self.found(i, last, day, month, None)),
        }
    }

    /// "April 31, 2021", "December 9 2020".
    fn month_day_year(&self, i: usize) -> Option<(FoundDate, usize)> {
        let (month, last) = self.name(i, &self.names.months)?;
        let mut j = last + 1;
        if !self.tok(j)?.space_before {
            return None;
        }
        let day = self.num(j, 1..=2)?;
        j += 1;
        if self.ordinal(j) {
            j += 1;
        }
        if self.punct(j) == Some(',') && self.glued(j) {
            j += 1;
        }
        if !self.tok(j)?.space_before {
            return None;
        }
        let year = self.num(j, 4..=4)?;
        if !self.free_end(j) {
            return None;
        }
        Some(self.found(i, j, day, month, Some(year as i32)))
    }

    /// A weekday written just before token `i` ("maandag", "Wednesday,", "vr.").
    fn weekday_before(&self, i: usize) -> Option<(usize, usize, u32)> {
        let mut j = i.checked_sub(1)?;
        // "Monday the 9th of December 2020"
        if self
            .names
            .weekday_articles
            .iter()
            .any(|a| self.is_word(j, a))
        {
            j = j.checked_sub(1)?;
        }
        if self.punct(j) == Some(',') && self.glued(j) {
            j = j.checked_sub(1)?;
        }
        // An abbreviation with its period: word at j-1, period at j.
        if self.punct(j) == Some('.') && j > 0 {
            let (n, last) = self.name(j - 1, &self.names.weekdays)?;
            return (last == j).then(|| (self.toks[j - 1].start, self.toks[j].end, n));
        }
        let (n, last) = self.name(j, &self.names.weekdays)?;
        (last == j).then(|| (self.toks[j].start, self.toks[j].end, n))
    }
}

/// Every date written in `text`, in order.
/// The dates of every running text of a document, in `Document::texts()` order:
/// scanned once per document and shared by DT001 and DT002.
pub struct DocumentDates(pub Vec<Vec<FoundDate>>);

pub fn document_dates(
    doc: &crate::document::Document,
    pack: &Pack,
) -> std::sync::Arc<DocumentDates> {
    doc.analysis(pack, || {
        let names = pack.compiled::<DateNames>();
        DocumentDates(doc.texts().map(|(_, t)| scan(t.as_str(), &names)).collect())
    })
}

pub fn scan(text: &str, names: &DateNames) -> Vec<FoundDate> {
    // Every date form has a number: most texts are done with one byte scan.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let scanner = Scanner {
        text,
        toks: tokenize(text),
        names,
    };
    let mut out = Vec::new();
    let mut i = 0;
    // Patterns are tried only at numbers (names are looked up only next to one).
    while i < scanner.toks.len() {
        if scanner.toks[i].kind != Kind::Num {
            i += 1;
            continue;
        }
        let found = scanner
            .date_at(i)
            .map(|(d, last)| (d, last, i))
            .or_else(|| {
                let start = scanner.month_before(i)?;
                scanner
                    .month_day_year(start)
                    .map(|(d, last)| (d, last, start))
            });
        match found {
            Some((mut date, last, start)) => {
                date.weekday = scanner.weekday_before(start);
                out.push(date);
                i = last + 1;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;

    fn names(lang: Language) -> std::sync::Arc<DateNames> {
        Pack::builtin(lang).compiled::<DateNames>()
    }

    /// (written form, (day, month, year) when valid, weekday number).
    type Seen = (String, Option<(u32, u32, Option<i32>)>, Option<u32>);

    fn dates(lang: Language, text: &str) -> Vec<Seen> {
        scan(text, &names(lang))
            .into_iter()
            .map(|d| {
                let valid = d.validity().ok().map(|_| (d.day, d.month, d.year));
                (
                    text[d.start..d.end].to_string(),
                    valid,
                    d.weekday.map(|w| w.2),
                )
            })
            .collect()
    }

    #[test]
    fn dutch_forms() {
        let found = dates(
            Language::Nl,
            "Brussel, 9 december 2020. Op 31 juni en maandag 9 dec. 2020; 31.4.2020, 1-2-2021.",
        );
        let written: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            written,
            [
                "9 december 2020",
                "31 juni",
                "9 dec. 2020",
                "31.4.2020",
                "1-2-2021"
            ]
        );
        assert_eq!(found[0].1, Some((9, 12, Some(2020))));
        assert_eq!(found[1].1, None, "juni has 30 days");
        assert_eq!(found[2].2, Some(1), "maandag");
        assert_eq!(found[3].1, None);
    }

    #[test]
    fn english_forms() {
        let found = dates(
            Language::En,
            "On Wednesday, December 9, 2020 and 25th June 2021; April 31, 2021; 12/25/2020; 31/04/2020.",
        );
        let written: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            written,
            [
                "December 9, 2020",
                "25th June 2021",
                "April 31, 2021",
                "31/04/2020"
            ]
        );
        assert_eq!(found[0].2, Some(3));
        assert_eq!(found[2].1, None);
        let ordinal = dates(Language::En, "on Monday the 9th of December 2020");
        assert_eq!(ordinal[0].0, "9th of December 2020");
        assert_eq!(ordinal[0].1, Some((9, 12, Some(2020))));
        assert_eq!(ordinal[0].2, Some(1));
    }

    #[test]
    fn numbers_that_are_not_dates() {
        for text in [
            "10179/22 dau/pc 2",
            "Verordening (EU) 2016/681 en 2018/1862",
            "punten 21-23 en artikel 31.4",
            "IP/20/2328",
            "+32 2 295 31 56",
            "oktober 2019-december 2020",
            "1.2.2020.3",
            "COM(2020) 605",
        ] {
            let found = dates(Language::Nl, text);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
        assert!(dates(Language::En, "Member States may 31 times object").is_empty());
        // Abbreviations that are also words need a capital.
        let after_sun = dates(
            Language::En,
            "It rose with the sun. 9 December 2020 was cold; Sun. 6 December 2020.",
        );
        assert_eq!(after_sun[0].2, None);
        assert_eq!(after_sun[1].2, Some(7));
        let after_zo = dates(Language::Nl, "Het ging zo. 9 december 2020 was koud.");
        assert_eq!(after_zo[0].2, None);
    }

    #[test]
    fn leap_years() {
        let d = |s: &str| scan(s, &names(Language::Nl)).remove(0).validity();
        assert_eq!(d("29 februari 2021"), Err(Invalid::NotLeapYear));
        assert!(d("29 februari 2024").is_ok());
        assert_eq!(d("29 februari"), Ok(None));
        assert_eq!(d("30 februari"), Err(Invalid::DayOutOfRange { max: 29 }));
        assert_eq!(d("31.13.2020"), Err(Invalid::NoSuchMonth));
    }
}
