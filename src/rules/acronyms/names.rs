//! Acronym-shaped words that the sentence itself shows to be names, not abbreviations
//! a reader needs spelled out: a company in a list that a word for companies opens
//! ("young companies like Skytek, GAF, …", "the Italian company ANAS"). A glued "+"
//! ("LOCK+", "ESF+") counts like a name head below: a product used once or twice is a
//! name, a fund the text relies on recurs and is still to be spelled out.
//!
//! An acronym followed by a description in apposition is explained, if not spelled
//! out: "VITO, a Flemish independent research organisation, has developed …",
//! "WEkEO, one of the Copernicus DIASs."
//!
//! Capitals right before a noun for a named thing, or one lowercase word before it, are
//! that thing's name: "the ARDVAC control system", "its STI project", "the INHOPE
//! network" (the pack's `name-heads`); the table takes them for names when the document
//! uses them at most twice.
//!
//! The words for kinds of companies and the words that may link them to the names come
//! from the pack (`[acronyms] name-categories`, `name-list-links`), as do the words that
//! open a description and the verbs that make it a clause instead
//! (`apposition-openers`, `clause-verbs`).

use super::{AcronymPack, Part};
use crate::document::words::{is_all_caps, is_titlecase, Word};

/// How many words back a list of names may start.
const LIST_REACH: usize = 8;

/// The part is a name by its context: a word of the pack's name categories before it
/// with only names and list links in between, within the sentence.
pub(super) fn is_name_in_context(s: &str, words: &[Word], p: &Part<'_>, c: &AcronymPack) -> bool {
    let word = &words[p.word];
    if word.start != p.start || word.end != p.end {
        return false;
    }
    if c.name_categories.is_empty() {
        return false;
    }
    let mut next_start = word.start;
    for k in (p.word.saturating_sub(LIST_REACH)..p.word).rev() {
        let w = &words[k];
        let gap = &s[w.end..next_start];
        // A list runs over commas and spaces; a sentence or clause end stops it.
        if !gap.chars().all(|ch| matches!(ch, ' ' | ',' | '\n')) || gap.contains("\n\n") {
            return false;
        }
        let text = w.as_str(s);
        let lower = text.to_lowercase();
        if c.name_categories.contains(&lower) {
            return true;
        }
        let name = is_titlecase(text) || is_all_caps(text);
        if !(name || c.name_list_links.contains(&lower)) {
            return false;
        }
        next_start = w.start;
    }
    false
}

/// How many words a description in apposition may run to.
const DESCRIPTION_REACH: usize = 16;

/// The part, a whole word, is followed by a comma and a description that one of the
/// pack's openers starts ("a", "one of", "een") and a comma or a full stop ends, or an
/// article starts and the sentence's full stop ends with no other function word, with no
/// finite verb in it: "VITO, a Flemish independent research organisation, has
/// developed"; not "Under the RRF, a total of EUR 5 billion was paid."
pub(super) fn is_described_after(s: &str, words: &[Word], p: &Part<'_>, c: &AcronymPack) -> bool {
    let word = &words[p.word];
    if word.start != p.start || word.end != p.end || c.apposition_openers.is_empty() {
        return false;
    }
    let Some(opener) = words.get(p.word + 1) else {
        return false;
    };
    // A comma and a space; pdfminer's justified lines double the spaces.
    let gap = &s[word.end..opener.start];
    if !gap
        .strip_prefix(',')
        .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c == ' '))
    {
        return false;
    }
    let opener_text = opener.as_str(s).to_lowercase();
    // "implemented by CHS, the regional River Basin Authority.": a definite article
    // opens a description only when the acronym stands three words or more into its
    // sentence and the description ends the sentence, names something (a capital) and
    // holds no function word ("Under the RRF, the Member States …"; "with the EIB, the
    // EIF and the Commission").
    let definite = !c.apposition_openers.contains(&opener_text);
    if definite
        && (!c.articles.contains(&opener_text)
            || sentence_start(s, words, p.word).is_some_and(|k| k + 3 > p.word))
    {
        return false;
    }
    // A definite description names an institution: a capitalised word in it.
    let mut named = !definite;
    if in_fronted_phrase(s, words, p.word, c) {
        return false;
    }
    let mut described = 0;
    for k in p.word + 1..(p.word + 1 + DESCRIPTION_REACH).min(words.len()) {
        let w = &words[k];
        let text = w.as_str(s).to_lowercase();
        if c.clause_verbs.contains(&text)
            || (definite && k > p.word + 1 && c.function_words.contains(&text))
        {
            return false;
        }
        described += 1;
        named |= k > p.word + 1 && w.as_str(s).starts_with(char::is_uppercase);
        let after = words.get(k + 1).map_or(&s[w.end..], |n| &s[w.end..n.start]);
        let after = after.trim_start_matches([')', '’', '”']);
        // A description closed by a comma is the acronym's when the acronym is the
        // sentence's subject ("VITO, a …, has developed"); after a fronted phrase
        // ("Building on the launch of the DIASes, a new service, …, has been") the
        // phrase is the main clause's subject.
        if after.starts_with(',') {
            return !definite && described >= 3 && is_subject(s, words, p.word, c);
        }
        if after.starts_with('.') {
            return described >= 3 && named;
        }
        if !after.chars().all(|ch| ch == ' ' || ch == '\n' || ch == '-') {
            return false;
        }
    }
    false
}

/// Where the sentence of the word at `at` starts, looked for within six words.
fn sentence_start(s: &str, words: &[Word], at: usize) -> Option<usize> {
    let boundary = |k: usize| {
        k == 0 || {
            let gap = &s[words[k - 1].end..words[k].start];
            gap.contains(['.', '!', '?', ';', ':']) || gap.contains("\n\n")
        }
    };
    (at.saturating_sub(6)..=at).rev().find(|&k| boundary(k))
}

/// The word opens its sentence, alone or after an article ("VITO, …", "The EIB, …").
fn is_subject(s: &str, words: &[Word], at: usize, c: &AcronymPack) -> bool {
    match sentence_start(s, words, at) {
        Some(k) if k == at => true,
        Some(k) if k + 1 == at => c.articles.contains(&words[k].as_str(s).to_lowercase()),
        _ => false,
    }
}

/// The word opens its sentence's first phrase, which a preposition starts ("With the
/// DIASes, a new service …", "Under the RRF, a total …"): what follows the comma is the
/// main clause, not a description of the acronym. Looked for within six words.
fn in_fronted_phrase(s: &str, words: &[Word], at: usize, c: &AcronymPack) -> bool {
    match sentence_start(s, words, at) {
        Some(k) if k < at => {
            let first = words[k].as_str(s).to_lowercase();
            c.function_words.contains(&first) && !c.articles.contains(&first)
        }
        _ => false,
    }
}

/// The part, a whole word, stands right before one of the pack's name heads (or a
/// compound ending in one: "besturingssysteem"), or one lowercase word before it: "the
/// ARDVAC control system", "the IONO+ algorithm".
pub(super) fn before_name_head(s: &str, words: &[Word], p: &Part<'_>, c: &AcronymPack) -> bool {
    let word = &words[p.word];
    if word.start != p.start || word.end != p.end || c.name_heads.is_empty() {
        return false;
    }
    let mut previous_end = word.end;
    for k in p.word + 1..=p.word + 2 {
        let Some(w) = words.get(k) else {
            return false;
        };
        let gap = &s[previous_end..w.start];
        let gap = if k == p.word + 1 {
            gap.strip_prefix('+').unwrap_or(gap)
        } else {
            gap
        };
        if gap.is_empty() || !gap.chars().all(char::is_whitespace) {
            return false;
        }
        // A footnote number an extract glued to the head ("control system38").
        let text = w.as_str(s).trim_end_matches(|ch: char| ch.is_ascii_digit());
        let lower = text.to_lowercase();
        // A compound that ends in a head of six letters or more ("besturingssysteem").
        if c.name_heads.contains(&lower)
            || c.name_heads
                .iter()
                .any(|head| head.len() >= 6 && lower.ends_with(head.as_str()))
        {
            return true;
        }
        if !text.chars().all(|ch| ch.is_lowercase() || ch == '-') {
            return false;
        }
        previous_end = w.end;
    }
    false
}
