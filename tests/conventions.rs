//! Meta-tests over the rule registry: the conventions every rule follows. They iterate
//! `registry()`, so they bite as soon as a rule lands.

use std::collections::HashSet;
use std::path::Path;

use policylint::engine::{all_metas, META_RULES};
use policylint::rules::{registry, RuleMeta};

const HEADINGS: [&str; 4] = [
    "## What it does",
    "## Why is this bad?",
    "## Example",
    "## Options",
];

fn is_kebab_case(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn is_code(s: &str) -> bool {
    let letters = s.chars().take_while(|c| c.is_ascii_uppercase()).count();
    (2..=3).contains(&letters)
        && s.len() == letters + 3
        && s[letters..].chars().all(|c| c.is_ascii_digit())
}

fn check_meta(m: &RuleMeta) {
    assert!(
        is_code(m.code),
        "{}: code is not LETTERS + 3 digits",
        m.code
    );
    assert!(
        is_kebab_case(m.name),
        "{}: name `{}` is not kebab-case",
        m.code,
        m.name
    );
    // Lowercase like a rustc message; a leading acronym or quoted token ("TODO, XXX…")
    // is fine, a capitalised word ("The …") is not.
    let mut chars = m.summary.chars();
    let capitalised_word = matches!(
        (chars.next(), chars.next()),
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase()
    );
    assert!(
        !m.summary.is_empty() && !m.summary.ends_with('.') && !capitalised_word,
        "{}: summary must be lowercase, without a trailing period: `{}`",
        m.code,
        m.summary
    );
    let lines: Vec<&str> = m.explanation.lines().map(str::trim).collect();
    let mut last = 0;
    for heading in HEADINGS {
        let at = lines
            .iter()
            .position(|l| *l == heading)
            .unwrap_or_else(|| panic!("{} ({}): explanation lacks `{heading}`", m.code, m.name));
        assert!(at >= last, "{}: `{heading}` out of order", m.code);
        last = at;
    }
}

#[test]
fn codes_are_unique_and_sorted() {
    let codes: Vec<&str> = registry().iter().map(|r| r.meta().code).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    assert_eq!(codes, sorted, "registry() must be sorted by code");
    let meta: Vec<&str> = META_RULES.iter().map(|m| m.code).collect();
    let mut sorted = meta.clone();
    sorted.sort_unstable();
    assert_eq!(meta, sorted);
    let all = all_metas();
    let unique: HashSet<&str> = all.iter().map(|m| m.code).collect();
    assert_eq!(unique.len(), all.len(), "duplicate rule codes");
    let names: HashSet<&str> = all.iter().map(|m| m.name).collect();
    assert_eq!(names.len(), all.len(), "duplicate rule names");
}

#[test]
fn every_rule_follows_the_naming_and_documentation_conventions() {
    for m in all_metas() {
        check_meta(m);
    }
}

#[test]
fn every_rule_has_a_fixture_directory() {
    for rule in registry() {
        let m = rule.meta();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(m.name);
        let files = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("{} has no fixtures directory {}", m.code, dir.display()))
            .count();
        assert!(files > 0, "{}: {} is empty", m.code, dir.display());
    }
}

#[test]
fn every_rule_lives_in_the_file_named_after_it() {
    for rule in registry() {
        let m = rule.meta();
        let file = format!("{}.rs", m.name.replace('-', "_"));
        // A rule lives in src/rules/ or in its family's folder src/rules/<family>/.
        let location = m.location.replace('\\', "/");
        let path = location.split(':').next().unwrap_or("");
        let in_rules = path.contains("rules/");
        assert!(
            in_rules && path.ends_with(&format!("/{file}")),
            "{} is declared in {}, expected src/rules/{file}",
            m.code,
            m.location
        );
    }
}

#[test]
fn the_checks_themselves_catch_violations() {
    assert!(is_kebab_case("footnote-undefined"));
    assert!(!is_kebab_case("Footnote_undefined"));
    assert!(!is_kebab_case("a--b"));
    assert!(is_code("FN001") && is_code("PLX001"));
    assert!(!is_code("FN1") && !is_code("fn001"));
}
