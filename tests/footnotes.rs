//! Footnote rules FN001–FN004 (their fixtures run in `rule_fixtures.rs`): the seed
//! expectations, and defects introduced into a seed.

mod common;

use common::{findings, parse_named, seed_text};

fn lines_of(
    doc: &policylint::document::Document,
    f: &[policylint::finding::Finding],
    code: &str,
) -> Vec<usize> {
    f.iter()
        .filter(|x| x.code == code)
        .map(|x| doc.line_of(x.span.start))
        .collect()
}

const S000: &str = "000_36c74a95654013fe.txt";
const S001: &str = "001_9c6f262ed3157b37.txt";

#[test]
fn seed_000_expectations() {
    let doc = parse_named(S000, &seed_text(S000));
    let f = findings(&doc, "FN");
    assert_eq!(lines_of(&doc, &f, "FN001"), vec![82]);
    assert_eq!(lines_of(&doc, &f, "FN002"), vec![2606]);
    let fn002 = f.iter().find(|x| x.code == "FN002").unwrap();
    assert_eq!(
        doc.line_of(fn002.related[0].span.start),
        2559,
        "points at the dropped superscript"
    );
    assert!(lines_of(&doc, &f, "FN003").is_empty());
    assert!(lines_of(&doc, &f, "FN004").is_empty());
}

#[test]
fn seed_001_expectations() {
    let doc = parse_named(S001, &seed_text(S001));
    let f = findings(&doc, "FN");
    let undefined: Vec<u32> = f
        .iter()
        .filter(|x| x.code == "FN001")
        .map(|x| {
            doc.footnote_refs
                .iter()
                .find(|r| r.span == x.span)
                .and_then(|r| r.number)
                .unwrap()
        })
        .collect();
    // One finding per lost block (79–121, 129–130), the other references related.
    assert_eq!(undefined, vec![79, 129]);
    let related: Vec<usize> = f
        .iter()
        .filter(|x| x.code == "FN001")
        .map(|x| x.related.len())
        .collect();
    assert_eq!(related, vec![42, 1]);
    let first = f.iter().find(|x| x.code == "FN001").unwrap();
    // Reference 121 stands on printed page 30 (page 31 keeps its footnote block, 122–126).
    assert_eq!(
        first.notes,
        vec![
            "footnotes 79–121 have no text: the footnotes of pages 20–30 appear to be missing"
                .to_string()
        ]
    );
    let owners: Vec<String> = f
        .iter()
        .filter(|x| x.code == "FN004")
        .map(|x| x.message.rsplit(' ').next().unwrap().to_string())
        .collect();
    assert_eq!(owners, vec!["71", "76", "77", "78", "127", "128", "131"]);
    assert_eq!(lines_of(&doc, &f, "FN004")[..2], [1856, 1959]);
    assert!(lines_of(&doc, &f, "FN002").is_empty());
    assert!(lines_of(&doc, &f, "FN003").is_empty());
}

#[test]
fn council_and_press_seeds_have_no_footnote_findings() {
    for name in [
        "002_4cd158ec9b524649.txt",
        "003_92cce1b2e57afc3b.txt",
        "004_ec9ddc5444050131.txt",
    ] {
        let doc = parse_named(name, &seed_text(name));
        assert!(findings(&doc, "FN").is_empty(), "{name}");
    }
}

/// Lines of the seed with one line replaced (1-based); the layout is kept.
fn with_line(text: &str, line: usize, new: &str) -> String {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| if i + 1 == line { new } else { l })
        .collect::<Vec<_>>()
        .join("\n")
}

fn baseline_000() -> Vec<(usize, &'static str)> {
    let doc = parse_named(S000, &seed_text(S000));
    findings(&doc, "FN")
        .iter()
        .map(|f| (doc.line_of(f.span.start), f.code))
        .collect()
}

fn new_findings(altered: &str) -> Vec<(usize, &'static str)> {
    let doc = parse_named(S000, altered);
    let base = baseline_000();
    findings(&doc, "FN")
        .iter()
        .map(|f| (doc.line_of(f.span.start), f.code))
        .filter(|x| !base.contains(x))
        .collect()
}

#[test]
fn defects_introduced_into_a_seed_are_reported_once() {
    let text = seed_text(S000);
    // Reference 12 (line 440) renumbered to 14.
    assert_eq!(text.split('\n').nth(439), Some("12"));
    assert_eq!(
        new_findings(&with_line(&text, 440, "14")),
        vec![(440, "FN003")]
    );
    // References 11 (line 415) and 12 (line 440) swapped.
    let swapped = with_line(&with_line(&text, 415, "12"), 440, "11");
    assert_eq!(new_findings(&swapped), vec![(415, "FN003")]);
    // Definition 11 (lines 490–494) deleted: reference 11 is undefined.
    let line490 = text.split('\n').nth(489).unwrap();
    assert!(line490.starts_with("11 "), "{line490}");
    let deleted = (490..=494).fold(text.clone(), |t, l| with_line(&t, l, ""));
    assert_eq!(new_findings(&deleted), vec![(415, "FN001")]);
    // Only the label of definition 11 lost: its text is reported as unlabelled, for 11.
    let unlabelled = with_line(&text, 490, &line490.replacen("11  ", "", 1));
    let added = new_findings(&unlabelled);
    assert_eq!(added.len(), 1, "{added:?}");
    assert_eq!(added[0].1, "FN004");
}
