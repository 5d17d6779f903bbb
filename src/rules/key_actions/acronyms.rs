//! Acronym definitions found in the document itself: "vooraf te verstrekken
//! passagiersgegevens (API)", "het Schengeninformatiesysteem (SIS)".
//!
//! EU texts often put an English acronym after a Dutch long form, so no letter
//! alignment is required: the long form is the content words just before the
//! bracket, as many as the acronym has letters (at most five), within the same clause.

use std::collections::HashMap;

use super::config::KeyActionsPack;
use super::tokenise::{normalise, words};

/// Acronym (normalised, e.g. `api`) → normalised content words of its long form.
pub type AcronymTable = HashMap<String, Vec<String>>;

/// Add the definitions found in `text` to `table` (the first definition wins).
pub fn collect(text: &str, pack: &KeyActionsPack, table: &mut AcronymTable) {
    let mut search = 0;
    while let Some(rel) = text[search..].find('(') {
        let open = search + rel;
        search = open + 1;
        let Some(close_rel) = text[open + 1..].find(')') else {
            break;
        };
        let close = open + 1 + close_rel;
        let inner = text[open + 1..close].trim();
        if !is_acronym_candidate(inner) {
            continue;
        }
        // "(EU) 2019/1148", "(EG) nr. 881": a legal-act reference, not a definition.
        let after = text[close + 1..].trim_start();
        if after.starts_with(|c: char| c.is_ascii_digit()) || after.starts_with("nr") {
            continue;
        }
        let key = normalise(inner);
        if pack.not_acronyms.contains(&key) || table.contains_key(&key) {
            continue;
        }
        let letters = inner.chars().filter(|c| c.is_alphabetic()).count();
        let wanted = letters.clamp(1, 5);
        // The clause before the bracket.
        let before = &text[..open];
        let clause_start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| matches!(c, '.' | ';' | ':' | '(' | ')' | '\u{2013}' | '\u{2014}'))
            .map_or(0, |(p, c)| p + c.len_utf8());
        let clause = &before[clause_start..];
        let mut long: Vec<String> = words(clause)
            .into_iter()
            .rev()
            .filter(|w| !pack.is_stopword(&w.norm) && !w.is_numeric())
            .take(wanted)
            .map(|w| w.norm)
            .collect();
        long.reverse();
        // Where a word starts with the acronym's initial, the long form starts at the
        // first such word (Schengeninformatiesysteem (SIS), not "nieuwe verordeningen …").
        if let Some(initial) = key.chars().next() {
            if let Some(p) = long.iter().position(|w| w.starts_with(initial)) {
                long.drain(..p);
            }
        }
        if !long.is_empty() && !long.contains(&key) {
            table.insert(key, long);
        }
    }
}

/// One word of 2 to 12 characters with a capital letter: `API`, `Etias`, `Ecris-TCN`,
/// `eu-LISA`; not `(sancties)` or `(edgecomputing)`.
fn is_acronym_candidate(inner: &str) -> bool {
    let n = inner.chars().count();
    (2..=12).contains(&n)
        && inner.chars().all(|c| c.is_alphanumeric() || c == '-')
        && inner.chars().any(|c| c.is_uppercase())
        && inner.chars().any(|c| c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::super::config::KeyActionsSection;
    use super::*;

    fn pack() -> KeyActionsPack {
        KeyActionsPack::new(
            "dutch",
            KeyActionsSection {
                stopwords: ["de", "van", "het", "te", "inzake", "en", "voor"]
                    .map(String::from)
                    .to_vec(),
                not_acronyms: vec!["EU".into()],
                ..Default::default()
            },
        )
    }

    #[test]
    fn finds_cross_language_definitions() {
        let mut t = AcronymTable::new();
        collect(
            "de richtlijn inzake vooraf te verstrekken passagiersgegevens (API) en de nieuwe \
             verordeningen inzake het Schengeninformatiesysteem (SIS) worden uitgevoerd. \
             Verordening (EU) 2019/1148 en het Europees systeem voor reisinformatie en \
             -autorisatie (Etias).",
            &pack(),
            &mut t,
        );
        assert_eq!(t["api"], ["vooraf", "verstrekken", "passagiersgegevens"]);
        assert_eq!(t["sis"], ["schengeninformatiesysteem"]);
        assert!(!t.contains_key("eu"));
        assert_eq!(
            t["etias"],
            ["europees", "systeem", "reisinformatie", "autorisatie"]
        );
    }

    #[test]
    fn a_dash_before_the_bracket_is_a_clause_boundary() {
        let mut t = AcronymTable::new();
        collect(
            "drugs – Europees Waarnemingscentrum (EMCDDA) en —(X1)",
            &pack(),
            &mut t,
        );
        assert_eq!(t["emcdda"], ["europees", "waarnemingscentrum"]);
    }

    #[test]
    fn ignores_lowercase_and_long_brackets() {
        let mut t = AcronymTable::new();
        collect(
            "beperkende maatregelen (sancties) en (zie punt 3) en ()",
            &pack(),
            &mut t,
        );
        assert!(t.is_empty());
    }
}
