//! The rule fixture harness: every rule of `registry()` on every file of its folder
//! `tests/fixtures/rules/<rule-name>/`, loaded through the real front end and linted by
//! `engine::lint` with only that rule selected (levels, span clamping, suppression
//! comments and dedup included). A `fires-*` file must give at least one finding of the
//! rule, a `silent-*` file none; the human output a user sees is snapshotted
//! (`tests/snapshots/rule_fixtures__<rule-name>__<file>.snap`).
//!
//! # Adding fixtures for a new rule
//! 1. Create `tests/fixtures/rules/<rule-name>/` (the rule's `name`, e.g. `footnote-undefined`).
//! 2. Add a `fires-<lang>[-<what>].<ext>` and a `silent-<lang>[-<what>].<ext>` per language
//!    (a rule that cannot have both languages goes in `ONE_LANGUAGE_GAPS` of conventions.rs):
//!    `<lang>` = `nl` | `en` (the document is loaded in that language), `<what>` a kebab-case
//!    description, `<ext>` = `txt` (PDF extract or typed text) | `md` (Markdown) | `docx` |
//!    `pdf`. Real input only: the file is read the way `policylint check` reads it.
//! 3. Optional: `<file name>.toml` beside a fixture (see
//!    `past-deadline/fires-nl-configured-date.txt.toml`), a `policylint.toml` fragment
//!    (`document-date = "2021-06-01"`, `[rules.options.<rule-name>]`, `[pack.nl]`…)
//!    applied through the configuration path.
//! 4. `INSTA_UPDATE=always cargo test --test rule_fixtures` (or `cargo insta review`), read
//!    the new `.snap` files, commit them with the fixtures.
//!
//! Nothing here lists rules: a registered rule without fixtures, a folder naming no rule
//! and a misnamed file fail `tests/conventions.rs`.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use common::fixtures::{fixtures_of, human, lint_fixture, Expect};
use policylint::rules::registry;

#[test]
fn every_rule_fires_on_its_firing_fixtures_and_stays_silent_on_its_silent_ones() {
    let mut failures: Vec<String> = Vec::new();
    let mut checked = 0;
    for rule in registry() {
        let meta = rule.meta();
        for path in fixtures_of(meta.name) {
            checked += 1;
            let shown = path.display().to_string();
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            // A fixture that does not load or lint fails alone; the others still run.
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                let linted = lint_fixture(&path, meta.code);
                let output = human(&linted);
                let own = linted
                    .findings
                    .iter()
                    .filter(|f| f.code == meta.code)
                    .count();
                let mut problems = Vec::new();
                match linted.name.expect {
                    Expect::Fires if own == 0 => {
                        problems.push(format!("{} does not fire", meta.code));
                    }
                    Expect::Silent if own > 0 => {
                        problems.push(format!("{} fires {own} times:\n{output}", meta.code));
                    }
                    _ => {}
                }
                let snapshot = catch_unwind(AssertUnwindSafe(|| {
                    insta::assert_snapshot!(format!("{}__{file}", meta.name), output);
                }));
                if snapshot.is_err() {
                    problems.push(
                        "the snapshot is new or differs (see above; review it with \
                         INSTA_UPDATE=always or cargo insta review)"
                            .to_string(),
                    );
                }
                problems
            }));
            let problems = outcome.unwrap_or_else(|_| vec!["panicked (see above)".to_string()]);
            if !problems.is_empty() {
                failures.push(format!("{shown}: {}", problems.join("; ")));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} fixtures failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Guards against the harness silently finding nothing (a wrong directory).
    assert!(
        checked >= 2 * registry().len(),
        "only {checked} fixtures ran"
    );
}
