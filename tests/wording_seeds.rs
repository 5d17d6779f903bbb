//! The wording rules (AC001–AC003, TV001, TX001, TX002) on the seed documents: the
//! expectations of issue 8, and a snapshot of every finding, each of which has been
//! read (see the notes in the snapshots' review).

mod common;

use common::SEEDS;

use common::{findings, parse_named, render, seed_text};
use policylint::document::Document;
use policylint::finding::Finding;

fn wording_findings(doc: &Document) -> Vec<Finding> {
    let mut all: Vec<Finding> = ["AC", "TV", "TX"]
        .iter()
        .flat_map(|p| findings(doc, p))
        .collect();
    all.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
    all
}

fn flagged<'a>(doc: &'a Document, fs: &[Finding], code: &str) -> Vec<&'a str> {
    fs.iter()
        .filter(|f| f.code == code)
        .map(|f| &doc.text()[f.span.start..f.span.end])
        .collect()
}

#[test]
fn seed_003_uses_au_edeo_and_gvdb_without_spelling_them_out() {
    let text = seed_text(SEEDS[3]);
    let doc = parse_named(SEEDS[3], &text);
    let fs = wording_findings(&doc);
    assert_eq!(flagged(&doc, &fs, "AC001"), vec!["AU", "EDEO", "GVDB"]);
    // The Council's own acronyms that it does spell out stay quiet.
    for defined in ["FATF", "GCTF", "UAS", "AQIS"] {
        assert!(!flagged(&doc, &fs, "AC001").contains(&defined));
    }
}

#[test]
fn seed_000_writes_eu_lisa_two_ways() {
    let text = seed_text(SEEDS[0]);
    let doc = parse_named(SEEDS[0], &text);
    let fs = wording_findings(&doc);
    assert_eq!(flagged(&doc, &fs, "TV001"), vec!["eu-Lisa"]);
    let tv = fs.iter().find(|f| f.code == "TV001").expect("TV001");
    let related = &tv.related[0];
    assert_eq!(
        &doc.text()[related.span.start..related.span.end],
        "eu-\n\nLISA"
    );
    // EDEO is used but only written out in full elsewhere, without "(EDEO)".
    let edeo = fs
        .iter()
        .find(|f| f.code == "AC001" && f.message.contains("`EDEO`"))
        .expect("EDEO undefined");
    assert_eq!(doc.line_of(edeo.related[0].span.start), 2267);
}

#[test]
fn seed_findings_are_pinned() {
    for name in SEEDS {
        let text = seed_text(name);
        let doc = parse_named(name, &text);
        let fs = wording_findings(&doc);
        // Quiet on ordinary text: a handful per document at most.
        assert!(fs.len() <= 15, "{name}: {} wording findings", fs.len());
        insta::assert_snapshot!(format!("wording_{name}"), render(&doc, &fs));
    }
}
