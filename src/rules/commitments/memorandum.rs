//! The explanatory memorandum of a legislative proposal: what the CM rules leave out.
//!
//! A memorandum reasons about the proposal it introduces. Its "will" sentences mostly
//! describe what the proposed act does ("It will give Member States flexibility …",
//! "These data will be made public …", "Member States are encouraged to reprioritise
//! their programmes" by the incentives it sets up), argue for it ("it is proportionate
//! to ask Member States to …"), state its content ("The Commission proposes to …") or
//! name the Commission's standing tasks under it ("The Commission will monitor the
//! implementation …"). None of these is an undertaking an editor would date. What
//! stays: an actor named in the sentence (or in the sentence right before, for a
//! pronoun) who undertakes an action of their own ("The Commission will adapt the
//! technical guidance …").
//!
//! The words are the pack's `[commitments.memorandum]`; the register itself is not
//! changed (`policylint commitments` still lists every detection), only what the CM
//! rules read in a `legislative-proposal` or `legal-act` before its legal text.

use serde::Deserialize;

use super::detect::{Carry, Grammar};
use super::time::compile_union;
use super::{Commitment, CommitmentKind, Unit};
use crate::document::Document;
use crate::lazy_regex::LazyRe as Regex;
use crate::pack::{FromPack, Pack};

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "kebab-case")]
struct RawMemorandum {
    reasoning: Vec<String>,
    means: Vec<String>,
    proposal_content: Vec<String>,
    standing_duties: Vec<String>,
}

/// The compiled `[commitments.memorandum]` section of a pack.
pub struct Memorandum {
    /// Evaluative frames before the marker: the sentence argues, it does not commit
    /// or ask ("it is proportionate to ask …", "there is a risk that …").
    reasoning: Vec<Regex>,
    /// A sentence that opens with the means the proposal provides ("By providing
    /// financial incentives, …", "With this initiative, …"): what follows is its effect.
    means: Vec<Regex>,
    /// Markers that state the proposal's own content ("proposes to"), matched at the
    /// marker.
    proposal_content: Vec<Regex>,
    /// Actions that are standing tasks under the proposed act ("monitor", "verify",
    /// "continue to"), matched on the action.
    standing_duties: Vec<Regex>,
    /// Patterns that did not compile (a broken project config).
    pub errors: Vec<String>,
}

impl FromPack for Memorandum {
    fn from_pack(pack: &Pack) -> Self {
        let raw: RawMemorandum = pack.section("commitments.memorandum").unwrap_or_default();
        let mut errors = Vec::new();
        let id = |p: &str| p.to_string();
        Memorandum {
            reasoning: compile_union(&raw.reasoning, &id, &mut errors),
            means: compile_union(&raw.means, &id, &mut errors),
            proposal_content: compile_union(&raw.proposal_content, &id, &mut errors),
            standing_duties: compile_union(&raw.standing_duties, &id, &mut errors),
            errors,
        }
    }
}

/// Drops from `register` the commitments of the memorandum that describe, argue for
/// or state the content of the proposal (see the module docs). Linear: one sort of the
/// sentence starts, one binary search and at most two classifications per commitment.
pub(crate) fn retain_undertakings(doc: &Document, pack: &Pack, register: &mut Vec<Commitment>) {
    if !register.iter().any(|c| c.unit == Unit::Sentence) {
        return;
    }
    let memo = pack.compiled::<Memorandum>();
    let grammar = pack.compiled::<Grammar>();
    let mut starts: Vec<(usize, usize)> = doc
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| (doc.sentence_span(s).start, i))
        .collect();
    starts.sort_unstable();
    register.retain(|c| {
        if c.unit != Unit::Sentence {
            return true;
        }
        let at = starts.partition_point(|&(s, _)| s <= c.span.start);
        let Some(&(_, index)) = at.checked_sub(1).and_then(|i| starts.get(i)) else {
            return true;
        };
        is_undertaking(doc, &grammar, &memo, index, c)
    });
}

/// Whether the sentence `index` (where `c` was found) is an undertaking of a named actor.
fn is_undertaking(
    doc: &Document,
    grammar: &Grammar,
    memo: &Memorandum,
    index: usize,
    c: &Commitment,
) -> bool {
    let text = doc.sentence_text(&doc.sentences[index]);
    // A pronoun stands for the subject of the sentence right before, not for an actor
    // named paragraphs earlier ("It will also support …" after "This proposal …").
    let mut carry = Carry::default();
    if let Some(prev) = index.checked_sub(1).map(|i| &doc.sentences[i]) {
        grammar.detect(doc.sentence_text(prev), "", &mut carry);
    }
    // No author: an agentless passive ("These data will be made public") describes
    // the act, it is no one's undertaking.
    let Some(d) = grammar.detect(text, "", &mut carry) else {
        return false;
    };
    let marker = d.marker.min(text.len());
    let before = &text[..marker];
    let argued = memo.reasoning.iter().any(|r| {
        r.find_iter(before)
            .any(|m| !text[m.end()..marker].contains([';', '.']))
    });
    if argued || memo.means.iter().any(|r| r.is_match(text)) {
        return false;
    }
    if memo
        .proposal_content
        .iter()
        .any(|r| r.is_match(&text[marker..]))
    {
        return false;
    }
    let action = text
        .get(d.action.0.min(text.len())..d.action.1.clamp(d.action.0.min(text.len()), text.len()))
        .unwrap_or("")
        .trim();
    !(c.kind == CommitmentKind::SelfCommitment
        && memo.standing_duties.iter().any(|r| r.is_match(action)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;

    /// The register's actions before and after the memorandum filter.
    fn kept(language: Language, text: &str) -> (Vec<String>, Vec<String>) {
        let doc = crate::document::parse_str("memo.txt", text);
        assert_eq!(doc.language, language);
        let pack = Pack::builtin(language);
        let mut register = super::super::register(&doc, pack, &Default::default());
        let all = register.iter().map(|c| c.action.clone()).collect();
        retain_undertakings(&doc, pack, &mut register);
        (all, register.into_iter().map(|c| c.action).collect())
    }

    #[test]
    fn descriptions_of_the_proposal_are_left_out_undertakings_stay() {
        // A memorandum heading: the profile then knows the author, so the agentless
        // passive below enters the register (and is left out by the filter).
        let en = "EXPLANATORY MEMORANDUM\n\nThe Member States manage their soils in many ways. This proposal lays down \
                  principles for soils. It will give Member States \
                  flexibility to apply them.\n\nAgainst this background it is proportionate to ask \
                  Member States to shoulder the burden of explanatory documents.\n\nBy providing \
                  financial incentives, Member States are encouraged to reprioritise their \
                  programmes.\n\nThese data will be made public.\n\nThe Commission proposes to \
                  open up those funds.\n\nThe Commission will monitor the implementation of the \
                  Platform.\n\nThe Commission will adapt the technical guidance on the \
                  principle. It will seek support from the scientific community.\n";
        let (all, kept) = kept(Language::En, en);
        // Every sentence but "It will give …" is a detection of the register (its "it"
        // is the proposal of the sentence before, no actor); only two are undertakings.
        assert_eq!(all.len(), 7, "{all:?}");
        assert_eq!(kept.len(), 2, "{kept:?}");
        assert!(
            kept[0].starts_with("adapt the technical guidance"),
            "{kept:?}"
        );
        assert!(kept[1].starts_with("seek support"), "{kept:?}");
    }

    #[test]
    fn dutch_memorandum_reasoning_is_left_out() {
        let nl = "Met dit initiatief wil de Commissie de beschikbaarheid van laadpunten \
                  waarborgen.\n\nEr bestaat een risico dat de lidstaten hun \
                  internationale verplichtingen niet zullen nakomen.\n\nDe uitvoering van de verordening zal worden \
                  gemonitord.\n\nNaast het wetgevingsvoorstel zal de Commissie inspelen op de \
                  behoefte aan onderzoek.\n\nTOELICHTING\n";
        let (all, kept) = kept(Language::Nl, nl);
        assert_eq!(all.len(), 4, "{all:?}");
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert!(kept[0].contains("inspelen op de behoefte"), "{kept:?}");
    }
}
