//! The packs' own example cases, and real sentences from the seed documents.

use chrono::NaiveDate;
use serde::Deserialize;

use super::detect::{Carry, Grammar};
use super::time::{AtomKind, DocDate};
use super::{CommitmentKind, Status};
use crate::lang::Language;
use crate::pack::Pack;

#[derive(Deserialize)]
struct Example {
    text: String,
    commitment: Option<bool>,
    actor: Option<String>,
    kind: Option<String>,
    status: Option<String>,
    time: Option<String>,
    normalised: Option<String>,
    document_date: Option<String>,
}

fn doc_date(s: &Option<String>) -> Option<DocDate> {
    s.as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(DocDate::day)
}

/// What the classifier says about one sentence: (actor, kind, status, time, normalised).
pub(super) type Classified = (
    String,
    CommitmentKind,
    Status,
    Option<String>,
    Option<String>,
);

pub(super) fn classify(g: &Grammar, text: &str, date: Option<DocDate>) -> Option<Classified> {
    let d = g.detect(text, &g.default_author, &mut Carry::default())?;
    let t = g.timing(text, date);
    let (time, norm) = match &t.atom {
        Some(a) => (
            Some(text[a.start..a.end].to_string()),
            match &a.kind {
                AtomKind::Dated { normalised, .. } => normalised.clone(),
                _ => None,
            },
        ),
        None => (None, None),
    };
    Some((d.actor, d.kind, t.status, time, norm))
}

/// The built-in pack with its test examples (`tests/fixtures/pack_examples/`) added.
fn with_examples(lang: Language) -> Pack {
    let source = match lang.code() {
        "nl" => include_str!("../../../tests/fixtures/pack_examples/nl.toml"),
        "en" => include_str!("../../../tests/fixtures/pack_examples/en.toml"),
        other => panic!("no test examples for the `{other}` pack"),
    };
    Pack::builtin(lang).extended(&source.parse().expect("the examples parse"))
}

#[test]
fn pack_commitment_examples_hold() {
    for lang in [Language::Nl, Language::En] {
        let pack = &with_examples(lang);
        let g = pack.compiled::<Grammar>();
        assert!(g.errors.is_empty(), "{:?}", g.errors);
        let examples: Vec<Example> = pack.section("commitments.examples").unwrap();
        assert!(examples.len() >= 15);
        let mut failures = Vec::new();
        for ex in &examples {
            let got = classify(&g, &ex.text, doc_date(&ex.document_date));
            let want_commitment = ex.commitment.unwrap_or(true);
            let ok = match (&got, want_commitment) {
                (None, false) => true,
                (Some(_), false) | (None, true) => false,
                (Some((actor, kind, status, time, norm)), true) => {
                    ex.actor
                        .as_ref()
                        .is_none_or(|a| a.eq_ignore_ascii_case(actor))
                        && ex.kind.as_deref().is_none_or(|k| k == kind_str(*kind))
                        && ex.status.as_deref().is_none_or(|s| s == status.as_str())
                        && ex.time.as_ref().is_none_or(|t| Some(t) == time.as_ref())
                        && ex
                            .normalised
                            .as_ref()
                            .is_none_or(|n| Some(n) == norm.as_ref())
                }
            };
            if !ok {
                failures.push(format!("{}: {:?}", ex.text, got));
            }
        }
        assert!(
            failures.is_empty(),
            "{} pack:\n{}",
            lang.code(),
            failures.join("\n")
        );
    }
}

fn kind_str(k: CommitmentKind) -> &'static str {
    k.as_str()
}

#[test]
fn pack_time_examples_hold() {
    for lang in [Language::Nl, Language::En] {
        let pack = &with_examples(lang);
        let g = pack.compiled::<Grammar>();
        let examples: Vec<Example> = pack.section("time.examples").unwrap();
        assert!(examples.len() >= 10);
        let mut failures = Vec::new();
        for ex in &examples {
            let atoms = g.time.atoms(&ex.text, doc_date(&ex.document_date));
            let got_status = match atoms.first().map(|a| &a.kind) {
                None => "none",
                Some(AtomKind::Dated { .. }) => "dated",
                Some(AtomKind::Vague) => "vague",
                Some(AtomKind::Period) => "period",
                Some(AtomKind::Conditional) => "conditional",
            };
            let got_norm = atoms.first().and_then(|a| match &a.kind {
                AtomKind::Dated { normalised, .. } => normalised.clone(),
                _ => None,
            });
            let want_status = ex.status.as_deref().unwrap_or("dated");
            if got_status != want_status
                || ex
                    .normalised
                    .as_ref()
                    .is_some_and(|n| Some(n) != got_norm.as_ref())
            {
                failures.push(format!("{}: {got_status} {got_norm:?}", ex.text));
            }
        }
        assert!(
            failures.is_empty(),
            "{} pack:\n{}",
            lang.code(),
            failures.join("\n")
        );
    }
}

/// English sentences in the style of EU communications and Council conclusions.
#[test]
fn english_sentences_in_the_style_of_eu_texts() {
    let g = Pack::builtin(Language::En).compiled::<Grammar>();
    let date = NaiveDate::from_ymd_opt(2020, 12, 9).map(DocDate::day);
    let cases: &[(&str, Option<(&str, &str)>)] = &[
        ("The Commission will propose a revision of the Prüm Decisions in 2021.", Some(("the Commission", "dated"))),
        ("The Commission will also explore ways to support Member States in strategic communication.", Some(("the Commission", "undated"))),
        ("In cooperation with Europol, the Commission will develop further guidance on the EU Crisis Protocol.", Some(("the Commission", "undated"))),
        ("By the end of 2021, the Commission will propose an EU Police Cooperation Code.", Some(("the Commission", "dated"))),
        ("The Council invites the Commission to present a comprehensive strategy by mid-2025.", Some(("the Commission", "dated"))),
        ("The Council urges Member States to swiftly implement the Directive.", Some(("the Member States", "vague"))),
        ("Member States are encouraged to make full use of the available funding.", Some(("the Member States", "undated"))),
        ("The Commission intends to propose legislation in 2021 to interconnect bank account registries.", Some(("the Commission", "dated"))),
        ("The EU will continue to support partner countries in the Western Balkans.", Some(("the EU", "undated"))),
        ("The results of these tests will be shared across the EU.", Some(("the Commission", "undated"))),
        ("In 2020, the Commission made available several instruments, and it will assess how cooperation can be strengthened.", Some(("the Commission", "undated"))),
        ("New information systems will improve security at the external borders.", None),
        ("This will help identify third-country nationals entering the Schengen area.", None),
        ("Terrorists will find it harder to radicalise and recruit in an inclusive society.", None),
        ("The Commission adopted the EU Security Union Strategy on 24 July 2020.", None),
        ("The Council would welcome further work in this area.", None),
    ];
    let mut failures = Vec::new();
    for (text, want) in cases {
        let got = classify(&g, text, date);
        let ok = match (want, &got) {
            (None, None) => true,
            (Some((actor, status)), Some((a, _, s, _, _))) => a == actor && s.as_str() == *status,
            _ => false,
        };
        if !ok {
            failures.push(format!("{text}: {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
