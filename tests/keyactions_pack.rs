//! Runs the `[[keyactions.examples]]` golden cases of both language packs.

use policylint::keyactions::compound::Vocabulary;
use policylint::keyactions::tokenise::words;
use policylint::keyactions::{Corpus, KeyActionsPack};
use policylint::lang::Language;
use policylint::pack::Pack;

fn run(language: Language) -> usize {
    let pack = Pack::builtin(language).compiled::<KeyActionsPack>();
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
