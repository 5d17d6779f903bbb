//! KA001/KA002 fixtures (Dutch and English, PDF-extract style and Markdown) that fire
//! and stay silent, with snapshots of the findings and of the support report.

mod common;

use common::{findings, parse_named, render};
use policylint::keyactions::{render_support, support};
use policylint::pack::Pack;

const RULES: &[(&str, &str)] = &[
    ("key-action-not-in-body", "KA001"),
    ("key-action-weakly-supported", "KA002"),
];

fn run_fixtures(extension: &str) -> usize {
    let mut seen = 0;
    for (name, code) in RULES {
        let dir = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .expect("fixture dir")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == extension))
            .collect();
        entries.sort();
        let (mut fire, mut silent) = (0, 0);
        for path in entries {
            let file = path.file_name().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            let doc = parse_named(&file, &text);
            assert!(
                !doc.boxes.is_empty(),
                "{name}/{file}: no key-action box parsed"
            );
            let all = findings(&doc, "KA");
            let own: Vec<_> = all.iter().filter(|f| f.code == *code).cloned().collect();
            if file.starts_with("fire") {
                fire += 1;
                assert!(!own.is_empty(), "{name}/{file} should fire {code}");
            } else if file.starts_with("silent") {
                silent += 1;
                assert!(
                    own.is_empty(),
                    "{name}/{file} should not fire {code}:\n{}",
                    render(&doc, &own)
                );
            }
            let report = render_support(&doc, &support(&doc, Pack::builtin(doc.language)));
            insta::assert_snapshot!(
                format!("{name}__{}", file.replace('.', "_")),
                format!("{}\n--- support ---\n{report}", render(&doc, &all))
            );
            seen += 1;
        }
        if extension == "txt" || *code == "KA001" {
            assert!(
                fire > 0 && silent > 0,
                "{name} needs fixtures that fire and that stay silent"
            );
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
