//! KA001/KA002 (their fixtures run in `rule_fixtures.rs`): the support report of every
//! fixture, and what a KA001 finding shows.

mod common;

use common::fixtures::{fixtures_of, load_fixture};
use common::{findings, render};
use policylint::pack::Pack;
use policylint::rules::key_actions::{render_support, support};

const RULES: &[&str] = &["key-action-not-in-body", "key-action-weakly-supported"];

/// Every KA fixture (PDF-extract text and Markdown "## Key actions" lists) has a
/// key-action box; its support report is snapshotted (the findings' human output is
/// snapshotted by `rule_fixtures.rs`).
#[test]
fn fixtures_have_a_box_and_a_support_report() {
    let mut seen = [0, 0];
    for name in RULES {
        for path in fixtures_of(name) {
            let doc = load_fixture(&path);
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                !doc.boxes.is_empty(),
                "{name}/{file}: no key-action box parsed"
            );
            let report = render_support(&doc, &support(&doc, Pack::builtin(doc.language)));
            insta::assert_snapshot!(format!("support__{name}__{file}"), report);
            seen[usize::from(file.ends_with(".md"))] += 1;
        }
    }
    assert!(seen[0] >= 6 && seen[1] >= 2, "{seen:?}");
}

#[test]
fn a_ka001_finding_shows_the_item_the_passage_and_the_missing_terms() {
    let doc = load_fixture(std::path::Path::new(
        "tests/fixtures/rules/key-action-not-in-body/fires-nl-invented-item.txt",
    ));
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
