//! Exact whole-document search for a pattern with look-around assertions (`\b`, `^`,
//! `$`) and no literal a match must contain, such as the pack's CELEX pattern
//! (`(?:CELEX:\s*|\b)(?P<sector>[1-9CE])…`).
//!
//! A Unicode `\b` makes the regex crate's lazy DFA give up at the first non-ASCII byte
//! (every `ë` of a Dutch text) and run its slow NFA simulation over the whole rest of
//! the text: for the CELEX pattern that was 6 % of a full `check`. Here the same
//! pattern without its assertions (the *relaxed* pattern, which the DFA runs at full
//! speed) finds where a match can start — it matches wherever the pattern does, and
//! more — and the pattern itself, anchored at that start, decides. The matches are
//! those of `captures_iter` on the original regex: the same leftmost-first matches,
//! searched from the end of the previous one, with the assertions seeing the whole
//! text around them. A pattern whose relaxed form matches often where the pattern does
//! not, or that can match the empty string, is searched the ordinary way.

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::util::captures::Captures;
use regex_automata::{meta, Anchored, Input};
use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};

/// Candidate starts the relaxed pattern may propose that the pattern rejects before the
/// search falls back to the ordinary one (which is linear): bounds the work on text
/// crafted to match only the relaxed pattern.
const MAX_REJECTED: usize = 1_000;

/// A pattern searched through its relaxed form; built on first use.
#[derive(Debug)]
pub struct Prefiltered {
    pattern: String,
    built: OnceLock<Option<Engines>>,
}

#[derive(Debug)]
struct Engines {
    exact: meta::Regex,
    relaxed: meta::Regex,
}

impl Prefiltered {
    pub fn new(pattern: &str) -> Self {
        Prefiltered {
            pattern: pattern.to_string(),
            built: OnceLock::new(),
        }
    }

    fn engines(&self) -> Option<&Engines> {
        self.built
            .get_or_init(|| {
                let hir = regex_syntax::Parser::new().parse(&self.pattern).ok()?;
                Some(Engines {
                    exact: meta::Regex::new(&self.pattern).ok()?,
                    relaxed: meta::Builder::new()
                        .build_from_hir(&without_assertions(&hir))
                        .ok()?,
                })
            })
            .as_ref()
    }

    /// The ranges of the groups `names` of every match in `text`, in order, as the
    /// regex crate's `captures_iter` finds them; `None` when this search does not apply
    /// (the caller then searches the ordinary way).
    pub fn captures(&self, text: &str, names: &[&str]) -> Option<Vec<Vec<Option<Range<usize>>>>> {
        let e = self.engines()?;
        let mut caps = e.exact.create_captures();
        let mut out = Vec::new();
        let mut at = 0;
        let mut rejected = 0;
        while at <= text.len() {
            let Some(candidate) = e.relaxed.search(&Input::new(text).span(at..text.len())) else {
                break;
            };
            let start = candidate.start();
            let anchored = Input::new(text)
                .span(start..text.len())
                .anchored(Anchored::Yes);
            e.exact.search_captures(&anchored, &mut caps);
            match caps.get_match() {
                // An empty match needs the iterator's rules for empty matches.
                Some(m) if m.is_empty() => return None,
                Some(m) => {
                    out.push(groups(&caps, names));
                    at = m.end();
                }
                None => {
                    rejected += 1;
                    if rejected > MAX_REJECTED {
                        return None;
                    }
                    // The next character boundary after `start`.
                    at = start + text[start..].chars().next().map_or(1, char::len_utf8);
                }
            }
        }
        Some(out)
    }
}

fn groups(caps: &Captures, names: &[&str]) -> Vec<Option<Range<usize>>> {
    names
        .iter()
        .map(|n| caps.get_group_by_name(n).map(|s| s.range()))
        .collect()
}

/// `hir` with every look-around assertion replaced by the empty pattern: it matches
/// every span `hir` matches (an assertion only ever removes matches).
fn without_assertions(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => hir.clone(),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(without_assertions(&r.sub)),
            ..r.clone()
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(without_assertions(&c.sub)),
            ..c.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(without_assertions).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(without_assertions).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ranges `captures_iter` of the regex crate gives.
    fn ordinary(pattern: &str, text: &str, names: &[&str]) -> Vec<Vec<Option<Range<usize>>>> {
        let re = regex::Regex::new(pattern).unwrap();
        re.captures_iter(text)
            .map(|c| names.iter().map(|n| c.name(n).map(|m| m.range())).collect())
            .collect()
    }

    const CELEX: &str = r"(?:CELEX(?:%3A|:)\s*|\b)(?P<sector>[1-9CE])(?P<year>(?:19|20)\d{2})(?P<type>[A-Z]{1,2})(?P<number>\d{4})(?:\(\d{2}\))?(?:[^0-9A-Za-z]|$)";
    const NAMES: &[&str] = &["sector", "year", "type", "number"];

    #[test]
    fn finds_what_captures_iter_finds() {
        for text in [
            "zie CELEX:32022R2065 en 52020PC0825, niet é32022R2065 of x32022R2065.",
            "één 32016L0681’ en CELEX%3A 32016L0681(01) en ë52020DC0795",
            "32022R2065",
            "",
            "C2021R0001é en 2021R00010 en 32021R0001",
        ] {
            let fast = Prefiltered::new(CELEX).captures(text, NAMES);
            assert_eq!(fast, Some(ordinary(CELEX, text, NAMES)), "{text}");
        }
    }

    #[test]
    fn word_boundaries_see_the_text_around_the_candidate() {
        let pattern = r"\bab\b";
        for text in ["ab éab abé ab", "xab ab_ ab", "ab"] {
            let fast = Prefiltered::new(pattern).captures(text, &[]);
            assert_eq!(
                fast.map(|v| v.len()),
                Some(ordinary(pattern, text, &[]).len())
            );
        }
    }

    #[test]
    fn empty_matches_are_left_to_the_ordinary_search() {
        assert_eq!(Prefiltered::new(r"\b").captures("a b", &[]), None);
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_captures_iter(text in "[ 0-9CERLé’:(),.x]{0,40}") {
            let fast = Prefiltered::new(CELEX).captures(&text, NAMES);
            proptest::prop_assert_eq!(fast, Some(ordinary(CELEX, &text, NAMES)));
        }
    }
}
