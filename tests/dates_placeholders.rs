//! The placeholder and date rules (PL001, PL002, DT001, DT002) beyond their fixtures
//! (which `rule_fixtures.rs` runs): the `[[dates.examples]]` of both language packs
//! (tests/fixtures/pack_examples/),
//! seed 004, an English press release, and property tests.

use policylint::document::{self, Document, SourceFile};
use policylint::finding::Finding;
use policylint::lang::Language;
use policylint::pack::Pack;
use policylint::rules::{registry, Context};
#[path = "common/pack_examples.rs"]
mod pack_examples;

const RULES: &[&str] = &[
    "placeholder-link",
    "placeholder-text",
    "invalid-date",
    "weekday-mismatch",
];

fn run(rule_name: &str, doc: &Document) -> Vec<Finding> {
    let rule = registry()
        .into_iter()
        .find(|r| r.meta().name == rule_name)
        .unwrap_or_else(|| panic!("rule {rule_name} is not registered"));
    let mut cx = Context::new(rule.meta(), None, Pack::builtin(doc.language));
    rule.check(doc, &mut cx);
    let mut findings = cx.into_findings();
    findings.sort_by_key(|f| (f.span.start, f.span.end));
    findings
}

/// One line per finding: code, position, message, and the source text it points at.
fn render(doc: &Document, findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let pos = doc.source.position(f.span.start);
        out.push_str(&format!(
            "{} {}:{} {} [{}]\n",
            f.code,
            pos.line,
            pos.column,
            f.message,
            doc.source.slice(f.span)
        ));
    }
    out
}

#[derive(serde::Deserialize)]
struct Example {
    text: String,
    invalid: usize,
    mismatch: usize,
}

#[test]
fn pack_date_examples() {
    for lang in [Language::Nl, Language::En] {
        let examples: Vec<Example> = pack_examples::with_examples(lang)
            .section("dates.examples")
            .expect("[[dates.examples]] in the pack's test examples");
        assert!(examples.len() >= 5);
        for ex in examples {
            let doc = document::parse(SourceFile::from_str("example.md", &ex.text), Some(lang));
            let invalid = run("invalid-date", &doc);
            let mismatch = run("weekday-mismatch", &doc);
            assert_eq!(
                invalid.len(),
                ex.invalid,
                "{:?} DT001 on {:?}: {}",
                lang,
                ex.text,
                render(&doc, &invalid)
            );
            assert_eq!(
                mismatch.len(),
                ex.mismatch,
                "{:?} DT002 on {:?}: {}",
                lang,
                ex.text,
                render(&doc, &mismatch)
            );
        }
    }
}

#[test]
fn seed_004_has_21_placeholder_links_and_nothing_else() {
    let path = "seeds/004_ec9ddc5444050131.txt";
    let text = std::fs::read_to_string(path).unwrap();
    let doc = document::parse_str(path, &text);
    let links = run("placeholder-link", &doc);
    assert_eq!(links.len(), 21);
    assert!(links.iter().all(|f| f.code == "PL001"));
    for rule in ["placeholder-text", "invalid-date", "weekday-mismatch"] {
        let findings = run(rule, &doc);
        assert!(
            findings.is_empty(),
            "{rule} on 004:\n{}",
            render(&doc, &findings)
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// The four rules never panic, and every span they report lies in the text on
    /// character boundaries, whatever the input (Markdown or PDF text, both languages).
    #[test]
    fn rules_never_panic(
        s in "(?s)[0-9a-zA-Z .,:;/()\\[\\]#\\n€…“”\"'éPMp-]{0,200}|\\PC{0,120}",
        md in proptest::bool::ANY,
        english in proptest::bool::ANY,
    ) {
        let path = if md { "p.md" } else { "p.txt" };
        let lang = if english { Language::En } else { Language::Nl };
        let doc = document::parse(SourceFile::from_str(path, &s), Some(lang));
        for rule in RULES {
            for f in run(rule, &doc) {
                proptest::prop_assert!(f.span.start <= f.span.end && f.span.end <= s.len());
                proptest::prop_assert!(s.is_char_boundary(f.span.start) && s.is_char_boundary(f.span.end));
            }
        }
    }

    /// Dates and placeholders written in random surroundings.
    #[test]
    fn dates_in_noise_never_panic(
        prefix in "\\PC{0,20}",
        day in 0u32..40,
        month in 0u32..14,
        year in 1990i32..2040,
        sep in "[./-]",
        suffix in "\\PC{0,20}",
    ) {
        let s = format!("{prefix} maandag {day}{sep}{month}{sep}{year} en {day} juni {year} [datum] p.m.{suffix}");
        let doc = document::parse(SourceFile::from_str("p.md", &s), Some(Language::Nl));
        for rule in RULES {
            for f in run(rule, &doc) {
                proptest::prop_assert!(s.is_char_boundary(f.span.start) && s.is_char_boundary(f.span.end));
            }
        }
    }
}

#[test]
fn english_press_release_txt() {
    let path = "tests/fixtures/markdown/press_release_en.txt";
    let text = std::fs::read_to_string(path).unwrap();
    let doc = document::parse_str(path, &text);
    let links = run("placeholder-link", &doc);
    let lines: Vec<usize> = links.iter().map(|f| doc.line_of(f.span.start)).collect();
    assert_eq!(lines, [7, 18, 22]);
    for rule in ["placeholder-text", "invalid-date", "weekday-mismatch"] {
        assert!(run(rule, &doc).is_empty(), "{rule}");
    }
}
