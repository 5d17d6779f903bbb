//! The date and placeholder scanners on the raw text of the PDF seeds (every non-blank
//! line trimmed and joined with a space): these documents contain only real dates and no
//! placeholders, so the scanners must find the dates and report none of them.

use policylint::lang::Language;
use policylint::pack::Pack;
use policylint::rules::dates::{iso_weekday, scan, DateNames};
use policylint::rules::placeholders::placeholder_text::{find_placeholders, Placeholders};

fn joined(seed: &str) -> String {
    let text = std::fs::read_to_string(format!("seeds/{seed}.txt")).unwrap();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn seeds_have_only_valid_dates_and_no_placeholders() {
    let names = Pack::builtin(Language::Nl).compiled::<DateNames>();
    let vocabulary = Pack::builtin(Language::Nl).compiled::<Placeholders>();
    for (seed, expected_dates) in [
        ("000_36c74a95654013fe", 31),
        ("001_9c6f262ed3157b37", 10),
        ("002_4cd158ec9b524649", 4),
        ("003_92cce1b2e57afc3b", 10),
    ] {
        let text = joined(seed);
        let dates = scan(&text, &names);
        let written: Vec<&str> = dates.iter().map(|d| &text[d.start..d.end]).collect();
        assert_eq!(dates.len(), expected_dates, "{seed}: {written:?}");
        for d in &dates {
            let valid = d.validity();
            assert!(valid.is_ok(), "{seed}: {:?}", &text[d.start..d.end]);
            if let (Ok(Some(day)), Some(w)) = (valid, d.weekday) {
                assert_eq!(iso_weekday(day), w.2, "{seed}: {:?}", &text[w.0..d.end]);
            }
        }
        let placeholders: Vec<&str> = find_placeholders(&text, &vocabulary)
            .iter()
            .map(|p| &text[p.start..p.end])
            .collect();
        assert!(placeholders.is_empty(), "{seed}: {placeholders:?}");
    }
}
