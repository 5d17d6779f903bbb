//! KA001/KA002 on the seeds and on altered copies of them: a body passage removed, an
//! invented item added. Expectations come from reading the documents (see issue 5).

mod common;

use common::{parse_named, seed_text};
use policylint::document::Document;
use policylint::pack::Pack;
use policylint::rules::key_actions::{support, Band, ItemSupport, Thresholds};

const SEED_000: &str = "000_36c74a95654013fe.txt";
const SEED_001: &str = "001_9c6f262ed3157b37.txt";

fn scored(name: &str, text: &str) -> (Document, Vec<ItemSupport>) {
    let doc = parse_named(name, text);
    let s = support(&doc, Pack::builtin(doc.language));
    (doc, s)
}

fn item_text<'d>(doc: &'d Document, s: &ItemSupport) -> &'d str {
    doc.boxes[s.box_index].items[s.item_index].text.as_str()
}

/// The band of the one item whose text contains `needle`.
fn band_of(doc: &Document, supports: &[ItemSupport], needle: &str) -> (Band, f64) {
    let found: Vec<&ItemSupport> = supports
        .iter()
        .filter(|s| item_text(doc, s).contains(needle))
        .collect();
    assert_eq!(found.len(), 1, "one item contains {needle:?}");
    (Thresholds::default().band(found[0]), found[0].score)
}

/// Blank out (with spaces, keeping line breaks) every body sentence that contains
/// `needle`: the altered copy whose passage on the subject was removed.
fn without_sentences(name: &str, text: &str, needle: &str) -> String {
    let doc = parse_named(name, text);
    let mut bytes = text.as_bytes().to_vec();
    let mut removed = 0;
    for s in &doc.sentences {
        if doc.sentence_text(s).to_lowercase().contains(needle) {
            for run in doc.paragraphs[s.paragraph]
                .text
                .source_spans((s.start..s.end).into())
            {
                for b in &mut bytes[run.start..run.end] {
                    if *b != b'\n' {
                        *b = b' ';
                    }
                }
            }
            removed += 1;
        }
    }
    assert!(removed > 0, "no body sentence mentions {needle:?}");
    // Blanking whole bytes of multi-byte characters keeps the text valid UTF-8 only
    // if runs are char-aligned, which source spans are.
    String::from_utf8(bytes).expect("char-aligned spans")
}

/// Insert a new bullet line after the line that contains `after`.
fn with_item(text: &str, after: &str, line: &str) -> String {
    let at = text.find(after).expect("anchor line");
    let end = at + text[at..].find('\n').expect("line end") + 1;
    format!("{}\n{line}\n{}", &text[..end], &text[end..])
}

#[test]
fn seed_expectations_hold() {
    let (doc, s) = scored(SEED_000, &seed_text(SEED_000));
    assert_eq!(s.len(), 37);
    assert_eq!(
        band_of(&doc, &s, "voor follow-up zorgen").0,
        Band::NotInBody
    );
    let not_in_body = s
        .iter()
        .filter(|x| Thresholds::default().band(x) == Band::NotInBody)
        .count();
    assert!(not_in_body <= 1 + 3, "{not_in_body} KA001 in 000");

    let (doc, s) = scored(SEED_001, &seed_text(SEED_001));
    assert_eq!(s.len(), 33);
    assert_ne!(band_of(&doc, &s, "netcode").0, Band::Supported);
    assert_ne!(
        band_of(&doc, &s, "Agenda inzake terrorismebestrijding").0,
        Band::Supported
    );
    let netcode = s
        .iter()
        .find(|x| item_text(&doc, x).contains("netcode"))
        .unwrap();
    assert!(netcode.missing_terms.iter().any(|t| t == "netcode"));
    let not_in_body = s
        .iter()
        .filter(|x| Thresholds::default().band(x) == Band::NotInBody)
        .count();
    assert!(not_in_body <= 2 + 3, "{not_in_body} KA001 in 001");
}

#[test]
fn items_whose_body_passage_was_removed_are_flagged() {
    let cases = [
        (
            SEED_000,
            "financiële onderzoek",
            "netwerk van financiële onderzoekers",
        ),
        (
            SEED_001,
            "milieucriminaliteit",
            "richtlijn milieucriminaliteit",
        ),
        (
            SEED_001,
            "reisdocument",
            "beveiligingsnormen voor reisdocumenten",
        ),
        (
            SEED_000,
            "schengenstrategie",
            "Schengenstrategie voorstellen",
        ),
    ];
    let mut not_in_body = 0;
    for (seed, needle, item) in cases {
        let original = seed_text(seed);
        let (doc, s) = scored(seed, &original);
        assert_eq!(band_of(&doc, &s, item).0, Band::Supported, "{item} before");
        let altered = without_sentences(seed, &original, needle);
        let (doc, s) = scored(seed, &altered);
        let (band, score) = band_of(&doc, &s, item);
        eprintln!("removed passage of {item:?}: {band:?}, score {score:.3}");
        // Flagged: KA001, or KA002 where the body keeps a closely related passage.
        assert_ne!(
            band,
            Band::Supported,
            "{item} after removal: score {score:.2}"
        );
        not_in_body += usize::from(band == Band::NotInBody);
    }
    assert!(not_in_body >= 3, "only {not_in_body} removals give KA001");
}

#[test]
fn invented_items_are_flagged() {
    let cases = [
        (
            SEED_000,
            "een Schengenstrategie voorstellen in 2021;",
            "\u{f0b7} een Europees agentschap voor de beveiliging van ruimtevaartuigen oprichten; ",
            "ruimtevaartuigen",
        ),
        (
            SEED_000,
            "een Schengenstrategie voorstellen in 2021;",
            "\u{f0b7} richtsnoeren uitvaardigen voor de beveiliging van voetbalstadions en concertzalen; ",
            "voetbalstadions",
        ),
        (
            SEED_001,
            "Wetgeving inzake de bescherming en weerbaarheid van kritieke infrastructuur",
            " Wetgeving inzake de certificering van particuliere beveiligingsbedrijven ",
            "particuliere beveiligingsbedrijven",
        ),
    ];
    for (seed, after, line, needle) in cases {
        let altered = with_item(&seed_text(seed), after, line);
        let (doc, s) = scored(seed, &altered);
        let (band, score) = band_of(&doc, &s, needle);
        eprintln!("invented item {needle:?}: {band:?}, score {score:.3}");
        assert_eq!(band, Band::NotInBody, "invented {needle}: score {score:.2}");
    }
}
