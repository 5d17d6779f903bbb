//! Recall of the date rules on real layout: every date the seeds write day first with
//! a year is turned into an impossible one (the day set one past the month's last
//! day) and, in a second copy, given a wrong weekday in front. The copies are parsed
//! again (PDF text or Markdown, wrapped lines and all) and the rule must report every
//! broken date, on its line, and nothing else.

mod common;

use common::run_rule as run;

use policylint::document::{self, Document, Span};
use policylint::pack::Pack;
use policylint::rules::dates::{iso_weekday, scan, DateNames};

fn days_in_month(month: u32, year: i32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| chrono::NaiveDate::from_ymd_opt(year, month, d).is_some())
        .unwrap_or(28)
}

/// A date written day first in a seed: the source span of its day digits, and more.
struct Target {
    day: Span,
    date: Span,
    month: u32,
    year: i32,
    weekday: u32,
}

fn targets(doc: &Document) -> Vec<Target> {
    let names = Pack::builtin(doc.language).compiled::<DateNames>();
    let mut out = Vec::new();
    for (_, text) in doc.texts() {
        let s = text.as_str();
        for d in scan(s, &names) {
            let (Ok(Some(date)), Some(year)) = (d.validity(), d.year) else {
                continue;
            };
            let digits = s[d.start..].bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                continue;
            }
            out.push(Target {
                day: text.source_span((d.start..d.start + digits).into()),
                date: text.source_span((d.start..d.end).into()),
                month: d.month,
                year,
                weekday: iso_weekday(date),
            });
        }
    }
    out
}

/// Apply edits (span, replacement) to a text; spans must not overlap.
fn edit(text: &str, mut edits: Vec<(Span, String)>) -> String {
    edits.sort_by_key(|e| e.0.start);
    let mut out = String::new();
    let mut at = 0;
    for (span, replacement) in edits {
        out.push_str(&text[at..span.start]);
        out.push_str(&replacement);
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The lines of the findings of a rule, sorted.
fn lines(code: &str, doc: &Document) -> Vec<usize> {
    let mut l: Vec<usize> = run(code, doc)
        .iter()
        .map(|f| doc.line_of(f.span.start))
        .collect();
    l.sort();
    l
}

#[test]
fn every_date_of_the_seeds_is_caught_when_broken() {
    // All the dates of a seed are broken in one copy (no edit adds a line, so every
    // finding must sit on the line of its date).
    let mut total = 0;
    for path in &common::seed_paths() {
        let text = std::fs::read_to_string(path).unwrap();
        let doc = document::parse_str(path, &text);
        let names = Pack::builtin(doc.language).compiled::<DateNames>();
        let targets = targets(&doc);
        let mut expected: Vec<usize> = targets.iter().map(|t| doc.line_of(t.day.start)).collect();
        expected.sort();
        total += targets.len();

        // An impossible day.
        let invalid = edit(
            &text,
            targets
                .iter()
                .map(|t| (t.day, (days_in_month(t.month, t.year) + 1).to_string()))
                .collect(),
        );
        let mutant = document::parse_str(path, &invalid);
        assert_eq!(lines("DT001", &mutant), expected, "DT001 on broken {path}");
        assert!(lines("DT002", &mutant).is_empty());

        // A wrong weekday in front.
        let weekdays = edit(
            &text,
            targets
                .iter()
                .map(|t| {
                    let wrong = names.weekday_name(t.weekday % 7 + 1);
                    let date = &text[t.date.start..t.date.end];
                    (t.date, format!("{wrong} {date}"))
                })
                .collect(),
        );
        let mutant = document::parse_str(path, &weekdays);
        assert_eq!(lines("DT002", &mutant), expected, "DT002 on broken {path}");
        assert!(lines("DT001", &mutant).is_empty());
    }
    assert_eq!(total, 55, "day-first dates with a year in the five seeds");
}
