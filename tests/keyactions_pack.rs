//! Runs the `[[keyactions.examples]]` golden cases of both language packs.

use policylint::lang::Language;
use policylint::pack::Pack;
use policylint::rules::key_actions::compound::Vocabulary;
use policylint::rules::key_actions::tokenise::words;
use policylint::rules::key_actions::{Corpus, KeyActionsPack};
#[path = "common/pack_examples.rs"]
mod pack_examples;

fn run(language: Language) -> usize {
    let pack = pack_examples::with_examples(language).compiled::<KeyActionsPack>();
    let mut failures = Vec::new();
    for ex in &pack.examples {
        let about = &ex.about;
        if let Some(word) = &ex.stopword {
            let expect = ex.expect.unwrap_or(true);
            if pack.is_stopword(word) != expect {
                failures.push(format!("{about}: stopword({word}) should be {expect}"));
            }
        } else if let Some(word) = &ex.split {
            let text = format!("{} {}", ex.vocabulary.clone().unwrap_or_default(), word);
            let ws = words(&text);
            let vocab =
                Vocabulary::build(ws.iter().map(|w| w.norm.as_str()), &pack, &pack.stemmer());
            let parts = vocab.leaves(word);
            if Some(&parts) != ex.parts.as_ref() {
                failures.push(format!(
                    "{about}: {word} split into {parts:?}, expected {:?}",
                    ex.parts
                ));
            }
        } else if let Some(item) = &ex.item {
            let body: Vec<&str> = ex.body.iter().flatten().map(String::as_str).collect();
            let corpus = Corpus::build(&pack, &body, &[item.as_str()]);
            let scored = corpus.score(item);
            if let Some(min) = ex.min_score {
                if scored.score < min {
                    failures.push(format!("{about}: score {:.3} < {min}", scored.score));
                }
            }
            if let Some(max) = ex.max_score {
                if scored.score > max {
                    failures.push(format!("{about}: score {:.3} > {max}", scored.score));
                }
            }
            if let Some(expected) = &ex.missing {
                let got: Vec<&str> = scored.missing.iter().map(|r| &item[r.clone()]).collect();
                for m in expected {
                    if !got.contains(&m.as_str()) {
                        failures.push(format!("{about}: `{m}` not reported missing (got {got:?})"));
                    }
                }
            }
        } else {
            failures.push(format!("{about}: example of no known shape"));
        }
    }
    assert!(
        failures.is_empty(),
        "{}:\n{}",
        language.code(),
        failures.join("\n")
    );
    pack.examples.len()
}

#[test]
fn dutch_pack_examples_hold() {
    assert!(run(Language::Nl) >= 8);
}

#[test]
fn english_pack_examples_hold() {
    assert!(run(Language::En) >= 5);
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Any text as body and item: no panic, scores in [0, 1], ranges inside the item.
        #[test]
        fn on_arbitrary_text(
            body in proptest::collection::vec("[a-zé–—()\\-’; .A-Z0-9]{0,60}", 0..6),
            item in "[a-zé–—()\\-’; A-Z]{0,80}",
        ) {
            for lang in [Language::Nl, Language::En] {
                let pack = Pack::builtin(lang).compiled::<KeyActionsPack>();
                let b: Vec<&str> = body.iter().map(String::as_str).collect();
                let corpus = Corpus::build(&pack, &b, &[item.as_str()]);
                let s = corpus.score(&item);
                prop_assert!((0.0..=1.0 + 1e-9).contains(&s.score));
                for r in s.missing.iter().chain(&s.unanchored) {
                    prop_assert!(item.get(r.clone()).is_some());
                }
                if let Some(p) = s.passage {
                    prop_assert!(p.end <= body.len());
                }
            }
        }
    }
}
