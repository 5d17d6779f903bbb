//! Which commitments a reader will hold the author to: key-action items, requests to
//! named actors, and commitments in the summary, the conclusions or the next steps.
//! The others are still commitments, only not the ones a drafter must see first.

use super::{Commitment, CommitmentKind, Grammar, Unit};
use crate::document::Document;

/// Per heading (in document order): does it open, or lie inside, a section whose title
/// is one of the pack's `commitments.prominent-sections`?
fn prominent_headings(doc: &Document, grammar: &Grammar) -> Vec<bool> {
    let mut flags = Vec::with_capacity(doc.headings.len());
    // (level, prominent) of the open ancestors; a heading closes every open one of its
    // own level or deeper.
    let mut open: Vec<(u8, bool)> = Vec::new();
    for h in &doc.headings {
        while open.last().is_some_and(|&(level, _)| level >= h.level) {
            open.pop();
        }
        let inherited = open.last().is_some_and(|&(_, p)| p);
        let own = title_is_prominent(h.title.as_str(), &grammar.prominent_sections);
        let flag = own || inherited;
        open.push((h.level, flag));
        flags.push(flag);
    }
    flags
}

fn title_is_prominent(title: &str, words: &[String]) -> bool {
    let title = title.trim().to_lowercase();
    words.iter().any(|w| {
        title.strip_prefix(w.as_str()).is_some_and(|rest| {
            // A whole word: "conclusions" but not "conclusiveness".
            !rest.chars().next().is_some_and(char::is_alphanumeric)
        })
    })
}

/// For each commitment, whether it is prominent. Linear: one pass over the headings,
/// one binary search per commitment.
pub fn prominent(doc: &Document, grammar: &Grammar, commitments: &[Commitment]) -> Vec<bool> {
    let flags = prominent_headings(doc, grammar);
    commitments
        .iter()
        .map(|c| {
            if matches!(c.unit, Unit::BoxItem { .. } | Unit::Point)
                || c.kind == CommitmentKind::Request
            {
                return true;
            }
            let before = doc
                .headings
                .partition_point(|h| h.span.start <= c.span.start);
            before > 0 && flags[before - 1]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::title_is_prominent;

    #[test]
    fn titles_match_at_the_start_on_a_word_boundary() {
        let words = vec!["conclusions".to_string(), "tot slot".to_string()];
        assert!(title_is_prominent("Conclusions", &words));
        assert!(title_is_prominent("  CONCLUSIONS and next steps", &words));
        assert!(title_is_prominent("Tot slot", &words));
        assert!(!title_is_prominent("Conclusionsx", &words));
        assert!(!title_is_prominent("Council conclusions", &words));
    }
}
