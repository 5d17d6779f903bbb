//! Numbering rules NU001, NU002 and cross-references XR001 (their fixtures run in
//! `rule_fixtures.rs`): silent fixtures silent for all three, the seed expectations, and
//! defects introduced into copies of the Council conclusions (seeds 002 and 003).

mod common;

use common::fixtures::{fixtures_of, load_fixture, parse_fixture_name, Expect};
use common::SEEDS;

use common::{findings, parse_named, render, seed_text};
use policylint::document::Document;
use policylint::finding::Finding;
#[path = "common/pack_examples.rs"]
mod pack_examples;

const S002: &str = "002_4cd158ec9b524649.txt";
const S003: &str = "003_92cce1b2e57afc3b.txt";

/// NU and XR findings of a document.
fn numbering_findings(doc: &Document) -> Vec<Finding> {
    let mut f = findings(doc, "NU");
    f.extend(findings(doc, "XR"));
    f
}

/// A seed with text replacements applied (each `from` must occur).
fn altered(name: &str, edits: &[(&str, &str)]) -> Document {
    let mut text = seed_text(name);
    for (from, to) in edits {
        assert!(text.contains(from), "{from:?} not in {name}");
        text = text.replacen(from, to, 1);
    }
    parse_named(name, &text)
}

/// (code, line, text at the finding) of every finding.
fn located(doc: &Document, f: &[Finding]) -> Vec<(String, usize, String)> {
    f.iter()
        .map(|x| {
            (
                x.code.to_string(),
                doc.line_of(x.span.start),
                doc.text()[x.span.start..x.span.end].to_string(),
            )
        })
        .collect()
}

/// The numbering and reference rules, by name.
const RULES: &[&str] = &[
    "point-numbering",
    "heading-numbering",
    "dangling-cross-reference",
];

/// `rule_fixtures.rs` runs each fixture with its own rule; a silent fixture of one
/// numbering or reference rule stays silent for all of them.
#[test]
fn silent_fixtures_stay_silent_for_every_numbering_and_reference_rule() {
    let mut checked = 0;
    for name in RULES {
        for path in fixtures_of(name) {
            let doc = load_fixture(&path);
            if parse_fixture_name(&path.file_name().unwrap().to_string_lossy())
                .unwrap()
                .expect
                != Expect::Silent
            {
                continue;
            }
            let f = numbering_findings(&doc);
            assert!(
                f.is_empty(),
                "{} should be silent:\n{}",
                path.display(),
                render(&doc, &f)
            );
            checked += 1;
        }
    }
    assert!(checked >= RULES.len());
}

#[test]
fn no_numbering_or_reference_finding_on_any_seed() {
    for name in SEEDS {
        let doc = parse_named(name, &seed_text(name));
        let f = numbering_findings(&doc);
        assert!(f.is_empty(), "{name}:\n{}", render(&doc, &f));
    }
}

#[test]
fn renumbered_point_in_003_is_reported_once() {
    let doc = altered(
        S003,
        &[("5. De Raad onderstreept", "6. De Raad onderstreept")],
    );
    let f = numbering_findings(&doc);
    assert_eq!(located(&doc, &f), vec![("NU001".into(), 96, "6.".into())]);
    assert_eq!(f[0].message, "point 6. where 5. is expected");
    assert_eq!(doc.line_of(f[0].related[0].span.start), 83);
    assert_eq!(f[0].related[0].message, "previous point is 4.");
}

#[test]
fn a_label_punctuated_differently_in_003_is_reported_once() {
    let doc = altered(S003, &[("12. De Raad erkent", "12) De Raad erkent")]);
    let f = numbering_findings(&doc);
    assert_eq!(located(&doc, &f), vec![("NU001".into(), 306, "12)".into())]);
}

#[test]
fn deleted_point_in_003_is_reported_once() {
    // Point 5 (lines 96–122) removed whole: 4. is followed by 6.
    let text = seed_text(S003);
    let start = text.find("5. De Raad onderstreept").unwrap();
    let end = text.find(" 6. De Raad neemt").unwrap();
    let cut = format!("{}{}", &text[..start], &text[end..]);
    let doc = parse_named(S003, &cut);
    let f = numbering_findings(&doc);
    assert_eq!(located(&doc, &f).len(), 1, "{}", render(&doc, &f));
    assert_eq!(f[0].code, "NU001");
    assert_eq!(&doc.text()[f[0].span.start..f[0].span.end], "6.");
    assert_eq!(f[0].message, "point 6. follows 4.: no point 5.");
}

#[test]
fn duplicated_point_in_003_is_reported_once() {
    // Point 9 pasted a second time after itself.
    let text = seed_text(S003);
    let start = text.find("9. De Raad erkent").unwrap();
    let end = text.find("10. De Raad spreekt").unwrap();
    let dup = format!("{}{}{}", &text[..end], &text[start..end], &text[end..]);
    let doc = parse_named(S003, &dup);
    let f = numbering_findings(&doc);
    assert_eq!(located(&doc, &f).len(), 1, "{}", render(&doc, &f));
    assert_eq!(f[0].message, "point 9. repeats the previous number");
}

#[test]
fn altered_points_in_002_are_reported_once() {
    // An Arabic point renumbered.
    let doc = altered(S002, &[("25. Het is belangrijk", "26. Het is belangrijk")]);
    let f = numbering_findings(&doc);
    assert_eq!(located(&doc, &f), vec![("NU001".into(), 490, "26.".into())]);
    // Points 30 and 31 swapped (31 opens sub-section ii), after a heading).
    let doc = altered(
        S002,
        &[
            ("30. in het licht", "31. in het licht"),
            ("31. Er moet een robuust", "30. Er moet een robuust"),
        ],
    );
    let f = numbering_findings(&doc);
    assert_eq!(located(&doc, &f), vec![("NU001".into(), 545, "31.".into())]);
    assert_eq!(f[0].message, "points 31. and 30. are out of order");
    // A letter of the introduction renumbered.
    let doc = altered(S002, &[("d) Radicalisering", "e) Radicalisering")]);
    let f = numbering_findings(&doc);
    assert_eq!(located(&doc, &f), vec![("NU001".into(), 61, "e)".into())]);
    assert_eq!(f[0].message, "point e) where d) is expected");
    // A point's label deleted: its text joins the point before.
    let doc = altered(S002, &[("33. Het opleggen", "Het opleggen")]);
    let f = numbering_findings(&doc);
    assert_eq!(located(&doc, &f), vec![("NU001".into(), 588, "34.".into())]);
    assert_eq!(f[0].message, "point 34. follows 32.: no point 33.");
}

#[test]
fn altered_headings_in_002_are_reported_once() {
    let doc = altered(S002, &[("ii) Het detecteren", "iv) Het detecteren")]);
    let f = numbering_findings(&doc);
    assert_eq!(located(&doc, &f), vec![("NU002".into(), 549, "iv)".into())]);
}

/// The parser accepts a first point only when it is numbered 1. (and a point after a
/// heading only when it continues the sequence); a misnumbered first point turns the
/// whole list into headings or body text. Reported to the lead as a model change.
#[test]

fn misnumbered_first_point_in_003_is_reported_once() {
    let doc = altered(S003, &[("1. In overeenstemming", "2. In overeenstemming")]);
    let f = numbering_findings(&doc);
    assert_eq!(located(&doc, &f), vec![("NU001".into(), 30, "2.".into())]);
}

#[test]

fn misnumbered_point_after_a_heading_in_002_is_reported_once() {
    let doc = altered(S002, &[("22. Het is essentieel", "23. Het is essentieel")]);
    let f = numbering_findings(&doc);
    assert_eq!(located(&doc, &f), vec![("NU001".into(), 455, "23.".into())]);
}

/// The `[[xref.examples]]` of each language pack: the text, parsed as a document in
/// that language, gives the stated number of XR001 findings.
#[test]
fn language_pack_xref_examples() {
    use policylint::lang::Language;
    for lang in [Language::Nl, Language::En] {
        let pack = pack_examples::with_examples(lang);
        let examples = pack
            .get("xref.examples")
            .and_then(|v| v.as_array())
            .expect("the pack has xref examples");
        assert!(examples.len() >= 5, "{lang:?}: too few examples");
        for e in examples {
            let text = e.get("text").and_then(|v| v.as_str()).expect("text");
            let expected = e
                .get("findings")
                .and_then(|v| v.as_integer())
                .expect("findings");
            let doc = policylint::document::parse(
                policylint::source::SourceFile::from_str("example.txt", text),
                Some(lang),
            );
            let f = findings(&doc, "XR");
            assert_eq!(
                f.len() as i64,
                expected,
                "{lang:?} example {text:?}:\n{}",
                render(&doc, &f)
            );
        }
    }
}

#[test]
fn a_reference_to_a_point_that_does_not_exist_in_002() {
    let doc = altered(S002, &[("punten 12 en 13. ", "punten 12 en 53. ")]);
    let f = numbering_findings(&doc);
    assert_eq!(
        located(&doc, &f),
        vec![("XR001".into(), 447, "punten 12 en 53".into())]
    );
    assert_eq!(
        f[0].message,
        "\"punten 12 en 53\" points nowhere: the document has no point 53"
    );
    assert_eq!(
        f[0].notes,
        vec!["the document's points run 1–51".to_string()]
    );
    // Made external, it is not reported.
    let doc = altered(
        S002,
        &[(
            "punten 12 en 13. ",
            "punten 12 en 53 van de conclusies van 9 juni 2022. ",
        )],
    );
    assert!(numbering_findings(&doc).is_empty());
}

/// Seed 004 (a press release in Markdown) lists its attachments as "Bijlage 1: [title](#)"
/// lines: they name separate documents and must not fire.
#[test]
fn press_release_attachment_lines_are_not_dangling_references() {
    const S004: &str = "004_ec9ddc5444050131.txt";
    let text = seed_text(S004);
    assert!(text.contains("Bijlage 1: [") && text.contains("Bijlage 2: ["));
    let doc = parse_named(S004, &text);
    assert_eq!(doc.format, policylint::document::Format::Markdown);
    assert!(doc
        .paragraphs
        .iter()
        .any(|p| p.text.as_str().starts_with("Bijlage 1:")));
    assert!(findings(&doc, "XR").is_empty());
    // A reference to an attachment that the release does not list does fire.
    let more = format!("{text}\nDe tijdlijn staat in bijlage 3.\n");
    let doc = parse_named(S004, &more);
    let f = findings(&doc, "XR");
    assert_eq!(f.len(), 1, "{}", render(&doc, &f));
    assert_eq!(&doc.text()[f[0].span.start..f[0].span.end], "bijlage 3");
}

mod robustness {
    use super::*;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "1. ",
            "2. ",
            "4. ",
            "a) ",
            "b) ",
            "d) ",
            "i) ",
            "ii) ",
            "iv) ",
            "(iii) ",
            "I. ",
            "II. ",
            "IV. ",
            "2.1 ",
            "3.1. ",
            "– ",
            "BIJLAGE II",
            "ANNEX",
            "Bijlage 1: ",
            "punt 12",
            "punten 3 tot en met 5",
            "paragraphs 3 to 5",
            "§ 4.2",
            "voetnoot 5",
            "van de conclusies van 9 juni 2022",
            "of Regulation (EU) 2019/1148",
            "artikel 4, lid 1, ",
            "De Raad benadrukt",
            "the Council stresses",
            "één",
            "é",
            "\u{f0b7} ",
            ":",
            ";",
            ".",
            " ",
            "  ",
            "\n",
            "\n\n",
            "\n \n",
            "12",
            "\n12\n",
            "10179/22   dau/pc 2 ",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn rules_never_panic_and_spans_stay_on_char_boundaries(
            parts in prop::collection::vec(piece(), 0..80)
        ) {
            let text: String = parts.concat();
            let doc = parse_named("p.txt", &text);
            for f in numbering_findings(&doc) {
                let t = doc.text();
                prop_assert!(f.span.start <= f.span.end && f.span.end <= t.len());
                prop_assert!(t.is_char_boundary(f.span.start) && t.is_char_boundary(f.span.end));
                for r in &f.related {
                    prop_assert!(t.is_char_boundary(r.span.start) && r.span.end <= t.len());
                }
            }
        }
    }
}

#[test]
fn the_rules_are_fast_on_the_seeds() {
    let docs: Vec<Document> = SEEDS
        .iter()
        .map(|n| parse_named(n, &seed_text(n)))
        .collect();
    let start = std::time::Instant::now();
    for doc in &docs {
        let _ = numbering_findings(doc);
    }
    // Generous even for a debug build on a shared machine; the work is linear.
    assert!(start.elapsed().as_secs_f64() < 5.0, "{:?}", start.elapsed());
}

/// Internal and external references in realistic sentences: only the reference to a
/// point the text does not have fires.
#[test]
fn realistic_references_in_both_languages() {
    for (name, text, reference) in [
        ("nl.txt", NL_REFERENCES, "punt 9"),
        ("en.txt", EN_REFERENCES, "point 9"),
    ] {
        // The PDF-text layout: each line followed by an empty line.
        let text: String = text.iter().map(|l| format!("{l} \n\n")).collect();
        let doc = parse_named(name, &text);
        let f = findings(&doc, "XR");
        let found: Vec<&str> = f
            .iter()
            .map(|x| &doc.text()[x.span.start..x.span.end])
            .collect();
        assert_eq!(found, vec![reference], "{name}:\n{}", render(&doc, &f));
    }
}

const NL_REFERENCES: &[&str] = &[
    "1. De Raad herinnert aan de punten 12 en 13 van de conclusies van de Raad van 20 juni 2022 over terrorisme.",
    "2. De in punt 1 genoemde maatregelen en de maatregelen zoals vermeld in punt 3 hierboven moeten worden uitgevoerd.",
    "3. Zie ook punt 4 van bijlage I bij Besluit 2013/488/GBVB en punt 2, onder a), van Richtlijn (EU) 2017/541.",
    "4. Overeenkomstig artikel 36, lid 2, punt 5, van het VWEU en COM(2020) 795 final, punt 3, zal de Commissie handelen.",
    "5. Zoals in hoofdstuk 3 van het actieplan en in afdeling 2.4 van de strategie van 2020 is aangegeven.",
    "6. De Raad verwijst naar voetnoot 1 van Resolutie 2178 (2014) en naar punt 9.",
];

const EN_REFERENCES: &[&str] = &[
    "1. The Council recalls paragraphs 12 and 13 of the Council conclusions of 20 June 2022 on terrorism.",
    "2. The measures referred to in point 1 and the measures set out in point 3 above must be implemented.",
    "3. See also point 4 of Annex I to Decision 2013/488/CFSP and Article 2, point (a), of Directive (EU) 2017/541.",
    "4. In accordance with Article 36(2), point 5, TFEU and COM(2020) 795 final, section 3, the Commission will act.",
    "5. As set out in Chapter 3 of the Action Plan and in section 2.4 of the 2020 Strategy.",
    "6. The Council refers to footnote 1 of Resolution 2178 (2014) and to point 9.",
    "7. In this section 2 Member States raised concerns, and at point 5 delegates agreed.",
];
