//! Acronym-shaped words that their surroundings show to be something else: a
//! department code after "DG", a legal form after a company name, a currency code next
//! to an amount, a distribution code on a line of its own, a name with a word inside
//! ("REPowerEU"), an acronym inside a set phrase of the Official Journal ("Text with EEA
//! relevance"), and the region of a fixed template (the legislative financial
//! statement) whose abbreviations are the template's, not the drafter's.
//!
//! Every word list comes from the pack (`[acronyms] department-prefixes`, `legal-forms`,
//! `currency-codes`, `amount-words`, `set-phrases`, `template-headings`,
//! `source-labels`).

use super::{AcronymPack, Part};
use crate::document::words::{is_all_caps, is_titlecase, Word};

/// A run of three lowercase letters is a word inside a name ("REPowerEU",
/// "EUMETCast", "OpenDRIVE"), not an abbreviation ("IntCEN", "DDoS", "MiFID"); so is a
/// capitalised word of two lowercase letters or more after the capitals ("GHGSat").
pub(super) fn has_word_inside(part: &str) -> bool {
    let chars: Vec<char> = part.chars().collect();
    let tail = chars.iter().rev().take_while(|c| c.is_lowercase()).count();
    // "DIASes" is a plural, not a name.
    let plural = chars.ends_with(&['e', 's']);
    if tail >= 2 && !plural && chars.len() >= tail + 3 {
        let head = &chars[..chars.len() - tail];
        if head.iter().rev().take(3).all(|c| c.is_uppercase()) {
            return true;
        }
    }
    let mut run = 0;
    for c in part.chars() {
        if c.is_lowercase() {
            run += 1;
            if run >= 3 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// The whole word before the part, when only spaces (and at most one colon) lie
/// between them.
fn previous_word<'t>(s: &'t str, words: &[Word], p: &Part<'_>) -> Option<&'t str> {
    let word = &words[p.word];
    if word.start != p.start || p.word == 0 {
        return None;
    }
    let prev = &words[p.word - 1];
    let gap = s.get(prev.end..word.start)?;
    let gap_ok = gap
        .chars()
        .all(|c| c == ' ' || c == ':' || c == '\n' || c == '\t')
        && gap.chars().filter(|&c| c == ':').count() <= 1
        && gap.chars().filter(|&c| c == '\n').count() <= 1;
    gap_ok.then(|| prev.as_str(s))
}

/// "DG ENV", "DG: CLIMA", "(DG DEFIS)": the code of a department after the word that
/// names the kind of department.
pub(super) fn is_department_code(s: &str, words: &[Word], p: &Part<'_>, c: &AcronymPack) -> bool {
    is_all_caps(p.text)
        && previous_word(s, words, p)
            .is_some_and(|w| c.department_prefixes.contains(&w.to_lowercase()))
}

/// "Henkel AG & Co. KGaA", "Philips NV": a legal form after a name.
pub(super) fn is_legal_form(s: &str, words: &[Word], p: &Part<'_>, c: &AcronymPack) -> bool {
    if !c.legal_forms.contains(&p.text.to_lowercase()) || words[p.word].end != p.end {
        return false;
    }
    let before = s[..p.start].trim_end_matches(' ');
    if before.ends_with('&') || before.ends_with("Co.") {
        return true;
    }
    previous_word(s, words, p).is_some_and(|w| {
        (is_titlecase(w) || is_all_caps(w)) && w.chars().last().is_some_and(char::is_alphabetic)
    })
}

/// The number that starts `rest` (spaces first), with its magnitude word if one
/// follows: `(digits, has magnitude word)`. Thousands written "171 000" count as one
/// number.
fn number_at(rest: &str, c: &AcronymPack) -> Option<(usize, bool)> {
    let rest = rest.trim_start_matches([' ', '\n', '\u{a0}']);
    let mut digits = 0;
    let mut end = 0;
    let bytes = rest.as_bytes();
    while end < bytes.len() {
        let b = bytes[end];
        if b.is_ascii_digit() {
            digits += 1;
        } else if matches!(b, b'.' | b',' | b' ')
            && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
            && digits > 0
        {
        } else {
            break;
        }
        end += 1;
        if end > 40 {
            break;
        }
    }
    if digits == 0 {
        return None;
    }
    let next: String = rest[end..]
        .trim_start()
        .chars()
        .take_while(|ch| ch.is_alphabetic())
        .collect();
    Some((digits, c.amount_words.contains(&next.to_lowercase())))
}

/// "JPY 20 trillion", "CHF 1 500 000": a currency code (ISO 4217) before or after an
/// amount. An amount has a magnitude word or at least four digits, so that "SDG 13"
/// stays an acronym.
pub(super) fn is_currency_amount(s: &str, p: &Part<'_>, c: &AcronymPack) -> bool {
    if !c.currency_codes.contains(&p.text.to_lowercase()) {
        return false;
    }
    let amount = |n: Option<(usize, bool)>| n.is_some_and(|(d, word)| word || d >= 4);
    if amount(number_at(&s[p.end..], c)) {
        return true;
    }
    // "20 billion JPY", "1 500 JPY": the amount before.
    let before = s[..p.start].trim_end_matches([' ', '\u{a0}']);
    let tail_start = before
        .char_indices()
        .rev()
        .take_while(|(_, ch)| ch.is_alphanumeric() || matches!(ch, ' ' | '.' | ','))
        .take(40)
        .last()
        .map_or(before.len(), |(i, _)| i);
    let tail = &before[tail_start..];
    tail.split_whitespace().last().is_some_and(|w| {
        c.amount_words.contains(&w.to_lowercase())
            || w.chars().filter(char::is_ascii_digit).count() >= 4
    })
}

/// "COMPET 337", "RECH 240": a line that holds only a code in capitals and a number
/// (the distribution list on the cover of a Council document).
pub(super) fn is_code_line(source: &str, at: usize, end: usize) -> bool {
    let from = crate::source::floor_char_boundary(source, at.saturating_sub(200));
    let to = crate::source::floor_char_boundary(source, (end + 200).min(source.len()));
    let (Some(before), Some(after)) = (source.get(from..at), source.get(end..to)) else {
        return false;
    };
    let head = before.rsplit('\n').next().unwrap_or("");
    let tail = after.split('\n').next().unwrap_or("").trim_end();
    head.trim().is_empty()
        && tail.starts_with(' ')
        && !tail.trim().is_empty()
        && tail.trim().len() <= 5
        && tail.trim().chars().all(|c| c.is_ascii_digit())
}

/// Whether the part lies in one of the pack's set phrases ("Text with EEA relevance"),
/// compared word by word without case.
pub(super) fn in_set_phrase(s: &str, words: &[Word], p: &Part<'_>, c: &AcronymPack) -> bool {
    if words[p.word].start != p.start || words[p.word].end != p.end {
        return false;
    }
    let lower = p.text.to_lowercase();
    c.set_phrases.iter().any(|phrase| {
        let Some(k) = phrase.iter().position(|w| *w == lower) else {
            return false;
        };
        let Some(first) = p.word.checked_sub(k) else {
            return false;
        };
        phrase.len() + first <= words.len()
            && phrase
                .iter()
                .zip(&words[first..first + phrase.len()])
                .all(|(want, w)| w.as_str(s).to_lowercase() == *want)
    })
}

/// Where a fixed template starts: the last line that is one of the pack's template
/// headings ("LEGISLATIVE FINANCIAL STATEMENT"; the last, so that an entry of the table
/// of contents is not taken for it). The template runs to the end of the document: the
/// financial statement closes a proposal.
pub fn template_start(source: &str, c: &AcronymPack) -> Option<usize> {
    if c.template_headings.is_empty() {
        return None;
    }
    let mut at = 0;
    let mut found = None;
    for line in source.split_inclusive('\n') {
        let t = line.trim();
        if t.len() < 80 && c.template_headings.iter().any(|h| t.to_lowercase() == *h) {
            found = Some(at);
        }
        at += line.len();
    }
    found
}

/// "Source: PwC - Turn ESG into action", "Bron: CBS": the publisher named in the
/// credit line of a figure or table is a citation, not prose that introduces a term.
pub(super) fn in_credit_line(source: &str, at: usize, c: &AcronymPack) -> bool {
    if c.source_labels.is_empty() {
        return false;
    }
    let from = crate::source::floor_char_boundary(source, at.saturating_sub(300));
    let head = source
        .get(from..at)
        .and_then(|h| h.rsplit('\n').next())
        .unwrap_or("");
    // "3 Source: PwC": a footnote's label first.
    let head = head
        .trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start();
    let Some((label, _)) = head.split_once(':') else {
        return false;
    };
    c.source_labels.contains(&label.trim().to_lowercase())
}

/// "R. METSOLA", "M. BEK", "J.-C. JUNCKER": a surname in capitals after an initial
/// (the signatures of an act).
pub(super) fn after_initial(before: &str, part: &str) -> bool {
    let before = before.trim_end_matches([' ', '\u{a0}']);
    let Some(head) = before.strip_suffix('.') else {
        return false;
    };
    let mut rev = head.chars().rev();
    let (Some(initial), next) = (rev.next(), rev.next()) else {
        return false;
    };
    initial.is_uppercase()
        && next.is_none_or(|c| c.is_whitespace() || c == '.' || c == '-')
        && is_all_caps(part)
        && part.chars().count() >= 3
        && part
            .chars()
            .any(|c| matches!(c, 'A' | 'E' | 'I' | 'O' | 'U' | 'Y'))
}

/// "ESPACE 53 COMPET 337 RECH 240 IND 171": a distribution list written on one line,
/// codes in capitals each followed by a number, three pairs or more in a row.
pub(super) fn in_code_list(s: &str, p: &Part<'_>) -> bool {
    let code = |t: &str| t.len() >= 2 && t.chars().all(|c| c.is_ascii_uppercase());
    let number = |t: &str| (1..=4).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit());
    // The tokens of the part's line around it (a line is short: 200 bytes either way).
    let from = crate::source::floor_char_boundary(s, p.start.saturating_sub(200));
    let to = crate::source::floor_char_boundary(s, (p.end + 200).min(s.len()));
    let (Some(head), Some(tail)) = (s.get(from..p.start), s.get(p.end..to)) else {
        return false;
    };
    let head = head.rsplit('\n').next().unwrap_or("");
    let tail = tail.split('\n').next().unwrap_or("");
    if !tail.starts_with(' ') {
        return false;
    }
    let before: Vec<&str> = head.split_whitespace().collect();
    let after: Vec<&str> = tail.split_whitespace().collect();
    if !after.first().is_some_and(|t| number(t)) {
        return false;
    }
    let mut pairs = 1;
    let mut k = before.len();
    while k >= 2 && code(before[k - 2]) && number(before[k - 1]) {
        pairs += 1;
        k -= 2;
    }
    let mut j = 1;
    while j + 1 < after.len() && code(after[j]) && number(after[j + 1]) {
        pairs += 1;
        j += 2;
    }
    pairs >= 3
}
