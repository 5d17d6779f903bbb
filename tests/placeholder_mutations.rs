//! Recall of PL002 on real layout: placeholders are written into the seeds (after the
//! first word of every fifth sentence, on the same line) and the copies parsed again;
//! every placeholder must be reported on its line, and nothing else.

mod common;

use policylint::document::{self, Document};
use policylint::pack::Pack;
use policylint::rules::{registry, Context};

const PLACEHOLDERS: &[&str] = &[
    "TODO",
    "[datum]",
    "XXX",
    "[...]",
    "p.m.",
    "TBD",
    "[…]",
    "Lorem ipsum",
];

fn pl002_lines(doc: &Document) -> Vec<usize> {
    let rule = registry()
        .into_iter()
        .find(|r| r.meta().code == "PL002")
        .expect("registered");
    let mut cx = Context::new(rule.meta(), None, Pack::builtin(doc.language));
    rule.check(doc, &mut cx);
    let mut lines: Vec<usize> = cx
        .into_findings()
        .iter()
        .map(|f| doc.line_of(f.span.start))
        .collect();
    lines.sort();
    lines
}

#[test]
fn placeholders_written_into_the_seeds_are_caught() {
    let mut total = 0;
    for path in &common::seed_paths() {
        let text = std::fs::read_to_string(path).unwrap();
        let doc = document::parse_str(path, &text);
        // Insertion points: after the first word of every fifth sentence, when that
        // word and the space after it are on the sentence's first line.
        let mut inserts: Vec<usize> = Vec::new();
        for s in doc.sentences.iter().step_by(5) {
            let start = doc.sentence_span(s).start;
            let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            if let Some(space) = text[start..line_end].trim_end().find(' ') {
                inserts.push(start + space + 1);
            }
        }
        inserts.dedup();
        let mut mutant = String::new();
        let mut at = 0;
        for (k, &pos) in inserts.iter().enumerate() {
            mutant.push_str(&text[at..pos]);
            mutant.push_str(PLACEHOLDERS[k % PLACEHOLDERS.len()]);
            mutant.push(' ');
            at = pos;
        }
        mutant.push_str(&text[at..]);
        let expected: Vec<usize> = inserts.iter().map(|&p| doc.line_of(p)).collect();
        let mdoc = document::parse_str(path, &mutant);
        assert_eq!(pl002_lines(&mdoc), expected, "{path}");
        total += inserts.len();
    }
    println!("{total} placeholders written and caught");
    assert!(total >= 100, "{total} placeholders written");
}
