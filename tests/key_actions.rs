//! KA001/KA002 fixtures (Dutch and English, PDF-extract style and Markdown) that fire
//! and stay silent, with snapshots of the findings and of the support report.

mod common;

use common::{findings, parse_named, render};
use policylint::pack::Pack;
use policylint::rules::key_actions::{render_support, support};

const RULES: &[(&str, &str)] = &[
    ("key-action-not-in-body", "KA001"),
    ("key-action-weakly-supported", "KA002"),
];

fn run_fixtures(extension: &str) -> usize {
    let mut seen = 0;
    for (name, code) in RULES {
        let cases = common::fixture_cases(name, code, Some(extension), &|doc| findings(doc, "KA"));
        if extension == "txt" || *code == "KA001" {
            common::assert_fires_and_stays_silent(name, &cases);
        }
        for case in &cases {
            assert!(
                !case.doc.boxes.is_empty(),
                "{name}/{}: no key-action box parsed",
                case.file
            );
            let report = render_support(
                &case.doc,
                &support(&case.doc, Pack::builtin(case.doc.language)),
            );
            insta::assert_snapshot!(
                case.snapshot_name(name),
                format!(
                    "{}\n--- support ---\n{report}",
                    render(&case.doc, &case.all)
                )
            );
            seen += 1;
        }
    }
    seen
}

#[test]
fn pdf_text_fixtures_fire_and_stay_silent() {
    assert!(run_fixtures("txt") >= 6);
}

/// Markdown documents: "## Key actions" followed by a list.
#[test]
fn markdown_fixtures_fire_and_stay_silent() {
    assert!(run_fixtures("md") >= 2);
}

#[test]
fn a_ka001_finding_shows_the_item_the_passage_and_the_missing_terms() {
    let path = format!(
        "{}/tests/fixtures/key-action-not-in-body/fire-dutch-invented-item.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let doc = parse_named("fire-dutch-invented-item.txt", &text);
    let all = findings(&doc, "KA001");
    assert_eq!(all.len(), 1, "{}", render(&doc, &all));
    let f = &all[0];
    assert!(doc
        .source
        .slice(f.span)
        .starts_with("voor follow-up zorgen"));
    assert_eq!(f.related.len(), 1);
    assert!(f.related[0]
        .message
        .starts_with("closest passage in the body (score 0."));
    assert!(f
        .notes
        .iter()
        .any(|n| n == "`follow-up` and `inbreukprocedures` do not occur in the body"));
}
