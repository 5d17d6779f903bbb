//! PL002 `placeholder-text`.

use std::collections::HashSet;

use crate::declare_rule;
use crate::document::profile::Profile;
use crate::document::Document;
use crate::pack::{FromPack, Pack};
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags placeholders left in the running text (body, headings, key-action boxes,
    /// footnotes): the words `TODO`, `TBD`, `TBC`, `XXX`, `FIXME` (as written, in
    /// capitals); `[...]` and `[…]` outside quotations; a placeholder word in square
    /// brackets such as `[datum]`, `[date]`, `[naam]`, `[insert title]`; "Lorem ipsum";
    /// and `PM` / `p.m.` used as a placeholder.
    ///
    /// `p.m.` (pro memorie) marks a value still to be filled in, unless it follows a
    /// number: then it is a time of day ("3 p.m.", "15.30 p.m.") or a monthly amount
    /// ("€ 500,- p.m."). Plain `PM` in running text is usually the Prime Minister or
    /// particulate matter ("PM10"), so it is only reported where a value is expected:
    /// in brackets ("(PM)", "[PM]"), after a currency or a colon ("€ PM", "Budget:
    /// PM"), or alone at the end of a text. An ellipsis in brackets
    /// inside a quotation, or standing between two sentences ("… in Irak. [...] In
    /// voorgaande jaren …"), marks words left out of a cited passage and is not
    /// reported.
    ///
    /// ## Why is this bad?
    /// A placeholder that survives into a published text shows an unfinished draft:
    /// the date, the name or the amount the reader needs is missing.
    ///
    /// ## Example
    /// ```text
    /// De Commissie zal uiterlijk [datum] een voorstel indienen (kosten: p.m.).
    /// ```
    /// Use instead:
    /// ```text
    /// De Commissie zal uiterlijk 30 juni 2021 een voorstel indienen (kosten: 2 miljoen euro).
    /// ```
    ///
    /// ## Profiles
    /// In a `legislative-proposal`, the slots the Publications Office fills on adoption
    /// ("…/…", "[…]", "(OP: …)", "[insert full title and OJ reference]") are expected
    /// and not reported; in every other kind of document, a published act included,
    /// they are placeholders.
    ///
    /// ## Options
    /// The words and bracketed words come from the language pack (`[placeholders]`
    /// `words` and `bracketed`); a project's configuration may add to them.
    pub PlaceholderText {
        code: "PL002",
        name: "placeholder-text",
        group: Placeholders,
        level: Error,
        summary: "placeholder left in the text: TODO, XXX, [...], [datum], PM",
    }
}

/// The placeholder vocabulary of a language pack.
#[derive(Debug)]
pub struct Placeholders {
    /// Matched as whole words, case-sensitive.
    words: HashSet<String>,
    /// Byte lengths of `words` (a cheap filter before hashing).
    word_lengths: std::ops::RangeInclusive<usize>,
    /// Matched inside square brackets, lowercased.
    bracketed: HashSet<String>,
    /// Words that make a bracketed placeholder a Publications Office slot, lowercased.
    publication_slots: Vec<String>,
}

impl FromPack for Placeholders {
    fn from_pack(pack: &Pack) -> Self {
        let words: HashSet<String> = pack.strings("placeholders.words").into_iter().collect();
        let shortest = words.iter().map(String::len).min().unwrap_or(1);
        let longest = words.iter().map(String::len).max().unwrap_or(0);
        Placeholders {
            words,
            word_lengths: shortest..=longest,
            bracketed: pack
                .strings("placeholders.bracketed")
                .into_iter()
                .map(|w| w.to_lowercase())
                .collect(),
            publication_slots: pack
                .strings("placeholders.publication-slots")
                .into_iter()
                .map(|w| w.to_lowercase())
                .collect(),
        }
    }
}

/// A placeholder found in a string: byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundPlaceholder {
    pub start: usize,
    pub end: usize,
}

/// Longest note to the Publications Office, in bytes.
const MAX_OP_NOTE: usize = 400;

static OP_NOTE: std::sync::LazyLock<crate::lazy_regex::LazyRe> = std::sync::LazyLock::new(|| {
    crate::lazy_regex::LazyRe::new(r"(?:\(\s*|(?m:^)\+?\s*)OP\s*:[^\n]{0,80}").expect("valid regex")
});
static ACT_NUMBER: std::sync::LazyLock<crate::lazy_regex::LazyRe> =
    std::sync::LazyLock::new(|| {
        crate::lazy_regex::LazyRe::new(r"(?:…|\.\.\.)/(?:…|\.\.\.)").expect("valid regex")
    });

/// Longest bracketed text considered, in bytes.
const MAX_BRACKETED: usize = 60;
/// Most words a bracketed placeholder has ("[name of the Member State]").
const MAX_BRACKETED_WORDS: usize = 6;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// Counts quotation marks through a text, left to right, to tell whether an offset lies
/// inside a quotation that opened earlier (one pass for all the brackets of a text).
#[derive(Default)]
struct QuoteTracker {
    scanned_to: usize,
    open: usize,
    close: usize,
    straight: usize,
    single_open: bool,
    pending_close: bool,
    prev: Option<char>,
}

impl QuoteTracker {
    /// True when `at` lies inside a quotation; offsets must not decrease.
    fn inside(&mut self, text: &str, at: usize) -> bool {
        if at > self.scanned_to {
            for c in text.get(self.scanned_to..at).unwrap_or("").chars() {
                match c {
                    '“' | '„' | '«' => self.open += 1,
                    '”' | '»' => self.close += 1,
                    '"' => self.straight += 1,
                    // A single quote opens a quotation after a space or bracket and
                    // closes it before one; inside a word it is an apostrophe.
                    '‘' | '’' | '\'' => {
                        let opens = self.prev.is_none_or(|p| p.is_whitespace() || p == '(');
                        if opens {
                            self.single_open = true;
                        } else if self.prev.is_some_and(|p| !p.is_alphanumeric())
                            || self.single_open
                        {
                            self.pending_close = true;
                        }
                    }
                    _ => {}
                }
                if self.pending_close && c != '’' && c != '\'' {
                    // The quote before this character closed the quotation unless a
                    // letter follows it (an apostrophe: "EU’s").
                    if !c.is_alphanumeric() {
                        self.single_open = false;
                    }
                    self.pending_close = false;
                }
                self.prev = Some(c);
            }
            self.scanned_to = at;
        }
        self.open > self.close || self.straight % 2 == 1 || self.single_open
    }
}

/// True when a bracketed ellipsis stands between two sentences ("… in Irak. [...] In
/// voorgaande jaren …"): the mark of words left out of a cited passage.
fn joins_sentences(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).unwrap_or("").trim_end();
    let after = text.get(end..).unwrap_or("").trim_start();
    before.ends_with(['.', '!', '?']) && after.chars().next().is_some_and(char::is_uppercase)
}

/// Longest token looked at before a "PM" or "p.m.", in bytes (times, amounts and
/// labels are short; the limit keeps the scan linear).
const MAX_PREVIOUS_TOKEN: usize = 40;

/// The previous non-space token before `at` (its text, at most about
/// [`MAX_PREVIOUS_TOKEN`] bytes of it).
fn previous_token(text: &str, at: usize) -> &str {
    let before = text.get(..at).unwrap_or("").trim_end();
    let mut window_start = before.len().saturating_sub(MAX_PREVIOUS_TOKEN);
    while !before.is_char_boundary(window_start) {
        window_start += 1;
    }
    let window = &before[window_start..];
    let start = window
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &window[start..]
}

/// A number just before a "p.m."/"PM": a time of day ("3 p.m.", "15.30 p.m.", "3pm")
/// or an amount per month ("€ 500,- p.m.", "1.200 euro p.m.").
fn follows_number(text: &str, at: usize) -> bool {
    let starts_with_digit = |t: &str| t.chars().next().is_some_and(|c| c.is_ascii_digit());
    if char_before(text, at).is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    let prev = previous_token(text, at);
    if starts_with_digit(prev) {
        return true;
    }
    let currency = matches!(
        prev.to_lowercase().as_str(),
        "euro" | "eur" | "€" | "dollar" | "usd"
    );
    let before = at - (text[..at].len() - text[..at].trim_end().len()) - prev.len();
    currency && starts_with_digit(previous_token(text, before))
}

/// "PM" where a value is expected: in brackets, after a currency or a colon, or at the
/// very end of the text.
fn pm_in_value_position(text: &str, start: usize, end: usize) -> bool {
    let before = char_before(text, start);
    let after = char_after(text, end);
    if matches!(
        (before, after),
        (Some('('), Some(')')) | (Some('['), Some(']'))
    ) {
        return true;
    }
    let prev = previous_token(text, start);
    if matches!(prev, "€" | "EUR" | "euro" | "EUR:" | "=") || prev.ends_with(':') {
        return true;
    }
    text.get(end..)
        .is_some_and(|rest| rest.trim().trim_end_matches(['.', ';', ')']).is_empty())
}

/// Every placeholder in `text`, in order.
pub fn find_placeholders(text: &str, vocabulary: &Placeholders) -> Vec<FoundPlaceholder> {
    let mut found = Vec::new();
    let starts_with_ignore_case = |at: usize, what: &str| {
        text.as_bytes()
            .get(at..at + what.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(what.as_bytes()))
    };

    // Words, and PM / p.m.
    let mut word_start: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if is_word_char(c) {
            word_start.get_or_insert(i);
            continue;
        }
        let Some(start) = word_start.take() else {
            continue;
        };
        let word = &text[start..i];
        if vocabulary.word_lengths.contains(&word.len()) && vocabulary.words.contains(word) {
            found.push(FoundPlaceholder { start, end: i });
        } else if word.eq_ignore_ascii_case("lorem") && starts_with_ignore_case(i, " ipsum") {
            found.push(FoundPlaceholder {
                start,
                end: i + " ipsum".len(),
            });
        } else if word.eq_ignore_ascii_case("p")
            && starts_with_ignore_case(i, ".m.")
            && char_before(text, start) != Some('.')
        {
            // "p.m." — pro memorie unless it follows a time of day.
            if !follows_number(text, start) {
                found.push(FoundPlaceholder { start, end: i + 3 });
            }
        } else if (word == "PM" || word == "pm")
            && !follows_number(text, start)
            && pm_in_value_position(text, start, i)
        {
            found.push(FoundPlaceholder { start, end: i });
        }
    }

    // Square brackets.
    let mut quotes = QuoteTracker::default();
    let mut from = 0;
    while let Some(open) = text.get(from..).and_then(|r| r.find('[')).map(|o| from + o) {
        from = open + 1;
        let Some(close) = text
            .get(open + 1..)
            .and_then(|r| r.find([']', '[']))
            .map(|c| open + 1 + c)
        else {
            break;
        };
        if text.as_bytes()[close] != b']' || close - open > MAX_BRACKETED {
            continue;
        }
        let inner = text[open + 1..close].trim();
        let inner_lower = inner.to_lowercase();
        let is_ellipsis = matches!(inner, "..." | "…" | ". . .");
        let words: Vec<&str> = inner_lower.split_whitespace().collect();
        let named = !words.is_empty()
            && words.len() <= MAX_BRACKETED_WORDS
            && (vocabulary.bracketed.contains(inner_lower.as_str())
                || vocabulary.bracketed.contains(words[0])
                || vocabulary.bracketed.contains(words[words.len() - 1]));
        let omission = quotes.inside(text, open) || joins_sentences(text, open, close + 1);
        if (is_ellipsis && !omission) || (named && !is_ellipsis) {
            found.push(FoundPlaceholder {
                start: open,
                end: close + 1,
            });
        }
        from = close + 1;
    }

    // Notes to the Publications Office ("(OP: please insert the date = 4 years after
    // …)", "+ OP: please insert the number …") and the number of an act still to be
    // adopted ("Regulation (EU) …/…"): what the published text must fill in.
    for m in OP_NOTE.find_iter(text) {
        let start = m.start();
        let end = if text[start..].starts_with('(') {
            text[start..]
                .char_indices()
                .take_while(|(i, _)| *i <= MAX_OP_NOTE)
                .find(|&(_, c)| c == ')')
                .map_or(m.end(), |(i, _)| start + i + 1)
        } else {
            m.end()
        };
        found.push(FoundPlaceholder { start, end });
    }
    for m in ACT_NUMBER.find_iter(text) {
        found.push(FoundPlaceholder {
            start: m.start(),
            end: m.end(),
        });
    }

    // A word inside a bracketed placeholder ("[TBD]") is reported once, as the
    // bracketed placeholder that starts first.
    found.sort_by_key(|f| (f.start, f.end));
    found.dedup_by(|b, a| b.start < a.end);
    found
}

fn is_pm(written: &str) -> bool {
    matches!(written, "p.m." | "P.M." | "PM" | "pm")
}

/// Whether a span is the whole content of its line, or a cell of a `-layout` row
/// (three or more spaces on each side).
fn alone_in_cell(source: &str, span: crate::source::Span) -> bool {
    // A line is short: look at most 400 bytes either way (linear overall).
    let from = crate::source::floor_char_boundary(source, span.start.saturating_sub(400));
    let to = crate::source::floor_char_boundary(source, (span.end + 400).min(source.len()));
    let before = source.get(from..span.start).unwrap_or("");
    let after = source.get(span.end..to).unwrap_or("");
    let head = before.rsplit(['\n', '\r']).next().unwrap_or("");
    let tail = after.split(['\n', '\r']).next().unwrap_or("");
    // A row of such cells ("p.m. p.m." in a PDF's table row) counts as one cell.
    let (row_head, row_tail) = (strip_pm_cells(head, true), strip_pm_cells(tail, false));
    // Two or more side by side are a budget table's row whatever separates them (an
    // extractor may set the cells one space apart): never a value left open in prose.
    let in_row = |part: &str, stripped: &str| part.trim().len() != stripped.trim().len();
    if in_row(head, row_head) || in_row(tail, row_tail) {
        return true;
    }
    let (head, tail) = (row_head, row_tail);
    let blank = |s: &str| s.chars().all(|c| c.is_whitespace() || c == '\u{c}');
    (blank(head) || head.ends_with("   ") || head.ends_with('\t'))
        && (blank(tail) || tail.starts_with("   ") || tail.starts_with('\t'))
}

/// `s` without the "p.m." / "PM" cells (and the single spaces between them) at its end
/// (`from_end`) or its start.
fn strip_pm_cells(mut s: &str, from_end: bool) -> &str {
    loop {
        let trimmed = if from_end {
            s.trim_end_matches(' ')
        } else {
            s.trim_start_matches(' ')
        };
        let next = ["p.m.", "PM"].iter().find_map(|cell| {
            if from_end {
                trimmed.strip_suffix(cell)
            } else {
                trimmed.strip_prefix(cell)
            }
        });
        match next {
            Some(rest) if rest.len() < s.len() => s = rest,
            _ => return s,
        }
    }
}

/// The document spells out PM as an acronym (in the text or its glossary): "PM" is
/// then that acronym, not a value left open.
fn pm_defined(doc: &Document, pack: &crate::pack::Pack) -> bool {
    crate::rules::acronyms::acronym_table(doc, pack)
        .acronyms
        .iter()
        .any(|a| a.key == "pm" && (a.in_glossary || !a.definitions.is_empty()))
}

/// "Particulate Matter (PM)": the words before the bracket start with the letters of
/// the acronym.
fn spelled_out_before(text: &str, start: usize, written: &str) -> bool {
    if !text[..start].ends_with('(') {
        return false;
    }
    let letters: Vec<char> = written
        .chars()
        .filter(|c| c.is_alphabetic())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let initials: Vec<char> = text[..start - 1]
        .split_whitespace()
        .rev()
        .take(letters.len())
        .filter_map(|w| w.chars().next())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    initials.iter().rev().eq(letters.iter())
}

/// A slot the Publications Office fills when the act is adopted: "…/…" (the act's
/// number), "[…]" (an OJ reference or a date), "(OP: …)", "[insert … OJ reference]" — the
/// pack's `placeholders.publication-slots` words inside brackets.
fn is_publication_slot(written: &str, slots: &[String]) -> bool {
    let w = written.trim();
    let dots = |s: &str| matches!(s.trim(), "..." | "…");
    if let Some((a, b)) = w.split_once('/') {
        if dots(a) && dots(b) {
            return true;
        }
    }
    if let Some(inner) = w.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        let lower = inner.to_lowercase();
        return dots(inner) || slots.iter().any(|s| lower.contains(s.as_str()));
    }
    // "(OP: please insert …)", "OP : please insert …", "+ OP: …".
    let note = w.trim_start_matches(['(', '+', ' ', '[']);
    note.strip_prefix("OP")
        .is_some_and(|rest| rest.trim_start().starts_with(':'))
}

impl Rule for PlaceholderText {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let vocabulary = cx.pack().compiled::<Placeholders>();
        let proposal = cx.profile(doc) == Profile::LegislativeProposal;
        // Looked up once per document, at the first "PM".
        let pm_spelled_out = std::cell::OnceCell::new();
        for (_, text) in doc.texts() {
            for p in find_placeholders(text.as_str(), &vocabulary) {
                let written = &text.as_str()[p.start..p.end];
                let span = text.source_span((p.start..p.end).into());
                if proposal && is_publication_slot(written, &vocabulary.publication_slots) {
                    // A proposal must leave the act's number, date and OJ reference to
                    // the Publications Office: those slots are expected there.
                    continue;
                }
                if is_pm(written)
                    && (alone_in_cell(doc.text(), span)
                        || spelled_out_before(doc.text(), span.start, written)
                        || *pm_spelled_out.get_or_init(|| pm_defined(doc, cx.pack())))
                {
                    // "p.m." / "PM" as a table cell is budget notation (an amount not
                    // yet quantified); "Particulate Matter (PM)" defines an acronym,
                    // and so does a glossary row of the document.
                    continue;
                }
                cx.report(span, format!("placeholder \"{written}\" left in the text"))
                    .label("placeholder")
                    .help("replace the placeholder with the final text");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;

    #[test]
    fn publication_office_slots_are_told_apart_from_drafting_placeholders() {
        let slots = vec!["oj reference".to_string()];
        for slot in [
            "…/…",
            ".../...",
            "[...]",
            "[…]",
            "[insert full title and OJ reference]",
            "(OP: please insert the date)",
            "OP : please insert the number",
            "+ OP: please insert",
        ] {
            assert!(is_publication_slot(slot, &slots), "{slot}");
        }
        for drafting in ["[x]", "TODO", "[date]", "p.m.", "[naam]"] {
            assert!(!is_publication_slot(drafting, &slots), "{drafting}");
        }
    }

    fn found(lang: Language, text: &str) -> Vec<String> {
        let v = Pack::builtin(lang).compiled::<Placeholders>();
        find_placeholders(text, &v)
            .into_iter()
            .map(|p| text[p.start..p.end].to_string())
            .collect()
    }

    #[test]
    fn publications_office_notes_and_act_numbers() {
        assert_eq!(
            found(
                Language::En,
                "By … (OP: please insert the date = 4 years after entry into force) and \
                 Regulation (EU) …/… of the Council and Directive .../... apply."
            ),
            [
                "(OP: please insert the date = 4 years after entry into force)",
                "…/…",
                ".../..."
            ]
        );
        // An elision in a quotation opened with a single quote is not a placeholder.
        assert!(found(
            Language::Nl,
            "uitgelegd als ’beleidsuitspraken over activiteiten […] in het ruimtegebruik’."
        )
        .is_empty());
        // The EU’s apostrophe does not open a quotation.
        assert_eq!(
            found(Language::En, "The EU’s budget is EUR [...] billion."),
            ["[...]"]
        );
    }

    #[test]
    fn words_and_brackets() {
        assert_eq!(
            found(
                Language::Nl,
                "TODO: uiterlijk [datum] en [...] of […]; XXX en [naam invullen]."
            ),
            ["TODO", "[datum]", "[...]", "[…]", "XXX", "[naam invullen]"]
        );
        assert_eq!(
            found(Language::En, "By [date], [insert title] and [TBD]."),
            ["[date]", "[insert title]", "[TBD]"]
        );
        assert_eq!(
            found(Language::En, "Lorem ipsum dolor sit amet."),
            ["Lorem ipsum"]
        );
    }

    #[test]
    fn pm_cells_in_a_table_row_are_budget_notation() {
        let cell = |src: &str, nth: usize| {
            let at = src.match_indices("p.m.").nth(nth).map(|(i, _)| i).unwrap();
            alone_in_cell(src, crate::source::Span::new(at, at + 4))
        };
        let row = "Commitments (1a)\tp.m. p.m.\nnext";
        assert!(cell(row, 0) && cell(row, 1));
        assert!(cell("p.m. p.m.\n", 1));
        assert!(!cell("De kosten zijn p.m. tot nader order.", 0));
        assert!(!cell("Kosten: p.m. en meer", 0));
        // An extract that sets a row's cells one space apart.
        let row = "01.00301 European Innovation Council Commitments (1a) p.m. p.m. 130,000\n";
        assert!(cell(row, 0) && cell(row, 1));
    }

    #[test]
    fn multibyte_text_after_a_p_is_safe() {
        assert!(found(Language::Nl, "p.€ p€ p.m€ [€] [… PM €").is_empty());
    }

    #[test]
    fn ordinary_words_stay_silent() {
        assert!(found(
            Language::En,
            "The todo list, xxx-large and the TODOs of 2020 [1] [see annex]"
        )
        .is_empty());
        assert!(found(Language::Nl, "artikel 3 [oud artikel 5] en (EU) 2016/681").is_empty());
    }

    #[test]
    fn ellipsis_in_a_quotation_is_an_omission() {
        assert!(found(Language::Nl, "“De Raad heeft […] besloten”, zei zij.").is_empty());
        assert!(found(Language::En, "He said: \"we will [...] act\".").is_empty());
        assert_eq!(found(Language::En, "The report [...] is due."), ["[...]"]);
        // Between two sentences of a cited passage.
        assert!(found(
            Language::Nl,
            "leden van IS in Syrië of Irak. [...] In voorgaande jaren"
        )
        .is_empty());
        assert_eq!(found(Language::Nl, "Zie punt 3. [...]"), ["[...]"]);
    }

    #[test]
    fn pm_as_placeholder_and_as_time_or_acronym() {
        assert_eq!(
            found(Language::Nl, "Kosten: p.m. en budget € PM, datum (PM)."),
            ["p.m.", "PM", "PM"]
        );
        assert_eq!(
            found(Language::Nl, "De vergadering begint om 15.30 p.m."),
            Vec::<String>::new()
        );
        // Per month.
        assert!(found(
            Language::Nl,
            "Een vergoeding van € 500,- p.m. of 1.200 euro p.m."
        )
        .is_empty());
        assert_eq!(found(Language::Nl, "Kosten: euro p.m."), ["p.m."]);
        assert!(found(
            Language::En,
            "The meeting starts at 3 p.m. and ends at 5pm or 6 PM."
        )
        .is_empty());
        assert!(found(
            Language::En,
            "The PM met the President; PM10 and PM2.5 levels; PM-richtlijn."
        )
        .is_empty());
        assert_eq!(found(Language::En, "Funding: PM"), ["PM"]);
    }
}
