//! The placeholder and date rules on the five seeds. 004 has 21 placeholder links;
//! otherwise the seeds are clean: only real dates, no placeholders, no links.

mod common;

use common::run_rule as run;

use policylint::document::{self, Document};
use policylint::finding::Finding;
use policylint::pack::Pack;

fn describe(doc: &Document, findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| format!("{}:{} {}\n", doc.line_of(f.span.start), f.code, f.message))
        .collect()
}

#[test]
fn findings_per_seed() {
    // (PL001, PL002, DT001, DT002) per seed.
    let expected = [
        (0, 0, 0, 0),
        (0, 0, 0, 0),
        (0, 0, 0, 0),
        (0, 0, 0, 0),
        (21, 0, 0, 0),
    ];
    for (path, want) in common::seed_paths().iter().zip(expected) {
        let text = std::fs::read_to_string(path).unwrap();
        let doc = document::parse_str(path, &text);
        let got: Vec<Vec<Finding>> = ["PL001", "PL002", "DT001", "DT002"]
            .iter()
            .map(|c| run(c, &doc))
            .collect();
        let counts = (got[0].len(), got[1].len(), got[2].len(), got[3].len());
        let all: Vec<Finding> = got.into_iter().flatten().collect();
        println!("{path}: {counts:?}\n{}", describe(&doc, &all));
        assert_eq!(counts, want, "{path}:\n{}", describe(&doc, &all));
    }
}

#[test]
fn the_seeds_dates_are_seen() {
    // The date rules run on every text of the model; count what the scanner sees so
    // that a silent rule is known to be looking.
    use policylint::rules::dates::{scan, DateNames};
    let mut seen = Vec::new();
    for path in &common::seed_paths() {
        let text = std::fs::read_to_string(path).unwrap();
        let doc = document::parse_str(path, &text);
        let names = Pack::builtin(doc.language).compiled::<DateNames>();
        let n: usize = doc
            .texts()
            .map(|(_, t)| scan(t.as_str(), &names).len())
            .sum();
        seen.push(n);
    }
    println!("{seen:?}");
    assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
}
