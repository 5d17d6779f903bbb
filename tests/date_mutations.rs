//! Recall of the date rules on real layout: every date the seeds write day first is
//! turned into an impossible one (the day set one past the month's last day) and, in
//! a second copy, given a wrong weekday in front. Each mutant is parsed again (PDF text
//! or Markdown, wrapped lines and all) and the rule must report at the mutated date.

use policylint::document::{self, Document, Span};
use policylint::finding::Finding;
use policylint::pack::Pack;
use policylint::rules::dates::{iso_weekday, scan, DateNames};
use policylint::rules::{registry, Context};

const SEEDS: &[&str] = &[
    "seeds/000_36c74a95654013fe.txt",
    "seeds/001_9c6f262ed3157b37.txt",
    "seeds/002_4cd158ec9b524649.txt",
    "seeds/003_92cce1b2e57afc3b.txt",
    "seeds/004_ec9ddc5444050131.txt",
];

fn run(code: &str, doc: &Document) -> Vec<Finding> {
    let rule = registry()
        .into_iter()
        .find(|r| r.meta().code == code)
        .expect("registered");
    let mut cx = Context::new(rule.meta(), None, Pack::builtin(doc.language));
    rule.check(doc, &mut cx);
    cx.into_findings()
}

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
                day: text.source_span(d.start, d.start + digits),
                date: text.source_span(d.start, d.end),
                month: d.month,
                year,
                weekday: iso_weekday(date),
            });
        }
    }
    out
}

#[test]
fn every_date_of_the_seeds_is_caught_when_broken() {
    let (mut invalid_total, mut invalid_caught) = (0, 0);
    let (mut weekday_total, mut weekday_caught) = (0, 0);
    let mut missed = Vec::new();
    for path in SEEDS {
        let text = std::fs::read_to_string(path).unwrap();
        let doc = document::parse_str(path, &text);
        let names = Pack::builtin(doc.language).compiled::<DateNames>();
        for t in targets(&doc) {
            // An impossible day.
            let bad_day = days_in_month(t.month, t.year) + 1;
            let mutant = format!("{}{}{}", &text[..t.day.start], bad_day, &text[t.day.end..]);
            let mdoc = document::parse_str(path, &mutant);
            invalid_total += 1;
            let hit = run("DT001", &mdoc)
                .iter()
                .any(|f| f.span.start <= t.day.start && t.day.start < f.span.end);
            if hit {
                invalid_caught += 1;
            } else {
                missed.push(format!("DT001 {path}:{}", doc.line_of(t.day.start)));
            }
            // A wrong weekday in front.
            let wrong = t.weekday % 7 + 1;
            let weekday = names.weekday_name(wrong);
            let mutant = format!(
                "{}{} {}",
                &text[..t.date.start],
                weekday,
                &text[t.date.start..]
            );
            let mdoc = document::parse_str(path, &mutant);
            weekday_total += 1;
            let hit = run("DT002", &mdoc)
                .iter()
                .any(|f| f.span.start == t.date.start);
            if hit {
                weekday_caught += 1;
            } else {
                missed.push(format!("DT002 {path}:{}", doc.line_of(t.date.start)));
            }
        }
    }
    println!(
        "DT001 recall {invalid_caught}/{invalid_total}, DT002 recall {weekday_caught}/{weekday_total}; missed {missed:?}"
    );
    assert!(invalid_total >= 40 && weekday_total >= 40);
    assert_eq!(invalid_caught, invalid_total, "missed: {missed:?}");
    assert_eq!(weekday_caught, weekday_total, "missed: {missed:?}");
}
