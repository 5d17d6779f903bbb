//! Acronym-shaped words that the sentence itself shows to be names, not abbreviations
//! a reader needs spelled out: a company in a list that a word for companies opens
//! ("young companies like Skytek, GAF, …", "the Italian company ANAS"). A glued "+"
//! says nothing: "the IONO+ algorithm" is a product, "ESF+" a fund to spell out.
//!
//! The words for kinds of companies and the words that may link them to the names come
//! from the pack (`[acronyms] name-categories`, `name-list-links`).

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
