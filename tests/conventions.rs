//! Meta-tests over the rule registry: the conventions every rule follows. They iterate
//! `registry()`, so they bite as soon as a rule lands.

mod common;

use std::collections::HashSet;
use std::path::Path;

use common::fixtures::{
    fixtures_of, folder_files, parse_fixture_name, rule_folders, Expect, SIDECAR,
};
use policylint::lang::Language;

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

/// Rules whose fixtures cover one language only: gaps to fill, not a licence. A rule
/// leaves this list as soon as it has fixtures that fire and stay silent in both
/// languages (the test below says so).
const ONE_LANGUAGE_GAPS: &[&str] = &[
    // "rule-name", // why, and what is missing
    // The draft rules read Word's structure, not the language; Dutch documents are
    // covered by the seeds rebuilt as .docx in tests/docx.rs.
    "tracked-changes",
    "open-comment",
    "hidden-text",
    "highlighted-text",
    "empty-footnote",
    "manual-superscript",
    "typed-footnote-reference",
    "broken-cross-reference-field",
];

/// The fixtures of a rule by (expectation, language), from their names.
fn coverage(rule_name: &str) -> Vec<(Expect, Language)> {
    fixtures_of(rule_name)
        .iter()
        .filter_map(|p| parse_fixture_name(&p.file_name()?.to_string_lossy()).ok())
        .map(|n| (n.expect, n.language))
        .collect()
}

#[test]
fn every_rule_has_a_firing_and_a_silent_fixture() {
    let mut missing = Vec::new();
    for rule in registry() {
        let m = rule.meta();
        let have = coverage(m.name);
        for (expect, prefix) in [(Expect::Fires, "fires-"), (Expect::Silent, "silent-")] {
            if !have.iter().any(|(e, _)| *e == expect) {
                missing.push(format!(
                    "{} ({}): no {prefix}* fixture in tests/fixtures/rules/{}/",
                    m.code, m.name, m.name
                ));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_rule_fires_and_stays_silent_in_both_languages_or_is_a_listed_gap() {
    for rule in registry() {
        let m = rule.meta();
        let have = coverage(m.name);
        let complete = [Expect::Fires, Expect::Silent].iter().all(|e| {
            [Language::Nl, Language::En]
                .iter()
                .all(|l| have.contains(&(*e, *l)))
        });
        let listed = ONE_LANGUAGE_GAPS.contains(&m.name);
        assert!(
            complete || listed,
            "{}: needs fires-nl, silent-nl, fires-en and silent-en fixtures (or an entry in \
             ONE_LANGUAGE_GAPS saying why not)",
            m.name
        );
        assert!(
            !(complete && listed),
            "{}: covered in both languages now; remove it from ONE_LANGUAGE_GAPS",
            m.name
        );
    }
}

#[test]
fn every_fixture_folder_names_a_registered_rule() {
    let names: Vec<&str> = registry().iter().map(|r| r.meta().name).collect();
    let folders = rule_folders();
    assert!(!folders.is_empty());
    for folder in folders {
        assert!(
            names.contains(&folder.as_str()),
            "tests/fixtures/rules/{folder}/ names no registered rule (a renamed or removed rule?)"
        );
    }
    // Fixtures put where the harness does not look would never run.
    for entry in std::fs::read_dir("tests/fixtures").unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            !names.contains(&name.as_str()),
            "tests/fixtures/{name}/: rule fixtures belong in tests/fixtures/rules/{name}/"
        );
    }
}

#[test]
fn every_fixture_file_follows_the_naming_scheme() {
    let mut wrong = Vec::new();
    for folder in rule_folders() {
        let files = folder_files(&folder);
        for file in &files {
            let path = format!("tests/fixtures/rules/{folder}/{file}");
            if Path::new(&path).is_dir() {
                wrong.push(format!("{path}: no sub-folders in a rule's fixture folder"));
            } else if let Some(fixture) = file.strip_suffix(SIDECAR) {
                if parse_fixture_name(fixture).is_err() || !files.iter().any(|f| f == fixture) {
                    wrong.push(format!(
                        "{path}: a sidecar must be named after a fixture beside it (<fixture>{SIDECAR})"
                    ));
                }
            } else if let Err(e) = parse_fixture_name(file) {
                wrong.push(format!("{path}: {e}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_fixture_name_parser_rejects_what_the_scheme_does_not_allow() {
    let ok = parse_fixture_name("fires-nl-roman-gap.txt").unwrap();
    assert_eq!(
        (
            ok.expect,
            ok.language,
            ok.what.as_deref(),
            ok.extension.as_str()
        ),
        (Expect::Fires, Language::Nl, Some("roman-gap"), "txt")
    );
    let ok = parse_fixture_name("silent-en.md").unwrap();
    assert_eq!(
        (ok.expect, ok.language, ok.what),
        (Expect::Silent, Language::En, None)
    );
    for bad in [
        "fire-dutch-renumbered.txt", // the old scheme
        "en-fires.txt",
        "fires.en.md",
        "firing_en.txt",
        "council_en.txt",
        "fires-de.txt",           // not a language of the scheme
        "fires-nl.html",          // not an extension of the scheme
        "fires-nl",               // no extension
        "silent-en-Two_Words.md", // not kebab-case
        "silent-en-.md",
        "fires-nl--x.txt",
        "fires-nl.txt.toml", // a sidecar is not a fixture
    ] {
        assert!(parse_fixture_name(bad).is_err(), "{bad} accepted");
    }
}

#[test]
fn every_rule_lives_in_its_family_folder_in_the_file_named_after_it() {
    for rule in registry() {
        let m = rule.meta();
        let family = m.group.as_str().replace('-', "_");
        let file = format!("{}.rs", m.name.replace('-', "_"));
        let expected = format!("src/rules/{family}/{file}");
        assert!(
            m.location.replace('\\', "/").starts_with(&expected),
            "{} is declared in {}, expected {expected}",
            m.code,
            m.location
        );
    }
    for m in META_RULES {
        assert!(
            m.location.replace('\\', "/").starts_with("src/rules/meta/"),
            "{} is declared in {}, expected src/rules/meta/",
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
