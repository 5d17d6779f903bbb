//! Rule fixtures: `tests/fixtures/rules/<rule-name>/`, one naming scheme, one way to
//! run them (the real front end and `engine::lint` with only that rule selected).
//! Used by the fixture harness (`tests/rule_fixtures.rs`), the conventions test and the
//! family tests that read a fixture.
//!
//! A fixture file is named `fires-<lang>[-<what>].<ext>` or `silent-<lang>[-<what>].<ext>`:
//! `<lang>` is `nl` or `en` (the language the document is loaded in), `<what>` a
//! kebab-case description, `<ext>` one of [`EXTENSIONS`]: `txt` (a PDF extract or typed
//! text) or `md`, and the binary inputs the front end sniffs (`docx`, `pdf`). A fixture
//! may have a sidecar `<file name>.toml` (e.g. `past-deadline/fires-nl-configured-date.txt.toml`): a
//! `policylint.toml` fragment (`document-date`, `[rules.options.<rule>]`, `[pack.nl]`…)
//! applied through the configuration path like a real configuration file.

use std::path::{Path, PathBuf};

use policylint::config::{self, CliSettings, Config, LanguageSetting};
use policylint::document::{load::load, Document};
use policylint::finding::Finding;
use policylint::lang::Language;
use policylint::report::{self, FileReport, RunReport};
use policylint::settings::Settings;

/// What a fixture expects of its rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// At least one finding of the rule.
    Fires,
    /// No finding of the rule.
    Silent,
}

/// A fixture file name, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixtureName {
    pub expect: Expect,
    pub language: Language,
    pub what: Option<String>,
    pub extension: String,
}

/// The extensions a fixture may have. Every one is read by `document::load::load`, the
/// front end `policylint check` uses.
pub const EXTENSIONS: &[&str] = &["txt", "md", "docx", "pdf"];

/// The extension of a sidecar holding a fixture's configuration.
pub const SIDECAR: &str = ".toml";

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Parse `fires-<lang>[-<what>].<ext>` / `silent-<lang>[-<what>].<ext>`; the error says
/// what is wrong with the name.
pub fn parse_fixture_name(name: &str) -> Result<FixtureName, String> {
    let scheme = "expected fires-<nl|en>[-<what>].<ext> or silent-<nl|en>[-<what>].<ext> \
                  (ext: txt, md, docx, pdf)";
    let (stem, extension) = name
        .rsplit_once('.')
        .ok_or_else(|| format!("`{name}` has no extension; {scheme}"))?;
    if !EXTENSIONS.contains(&extension) {
        return Err(format!("`{name}`: extension `.{extension}`; {scheme}"));
    }
    let (expect, rest) = if let Some(rest) = stem.strip_prefix("fires-") {
        (Expect::Fires, rest)
    } else if let Some(rest) = stem.strip_prefix("silent-") {
        (Expect::Silent, rest)
    } else {
        return Err(format!(
            "`{name}` starts with neither fires- nor silent-; {scheme}"
        ));
    };
    let (lang, what) = match rest.split_once('-') {
        Some((lang, what)) => (lang, Some(what)),
        None => (rest, None),
    };
    let language = match lang {
        "nl" => Language::Nl,
        "en" => Language::En,
        _ => return Err(format!("`{name}`: language `{lang}`; {scheme}")),
    };
    if let Some(what) = what {
        if !is_kebab(what) {
            return Err(format!("`{name}`: `{what}` is not kebab-case; {scheme}"));
        }
    }
    Ok(FixtureName {
        expect,
        language,
        what: what.map(str::to_string),
        extension: extension.to_string(),
    })
}

/// `tests/fixtures/rules`, relative to the crate root (where tests run), so that paths
/// in snapshots do not depend on the checkout.
pub fn rules_dir() -> PathBuf {
    PathBuf::from("tests/fixtures/rules")
}

/// The folders of `tests/fixtures/rules/`, by name, sorted.
pub fn rule_folders() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(rules_dir())
        .expect("tests/fixtures/rules exists")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every file in a rule's fixture folder (fixtures and sidecars), by name, sorted; empty
/// when the folder does not exist.
pub fn folder_files(rule_name: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(rules_dir().join(rule_name)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The fixtures of a rule (sidecars left out), by path, sorted.
pub fn fixtures_of(rule_name: &str) -> Vec<PathBuf> {
    folder_files(rule_name)
        .into_iter()
        .filter(|n| !n.ends_with(SIDECAR))
        .map(|n| rules_dir().join(rule_name).join(n))
        .collect()
}

/// The sidecar of a fixture, when it has one.
pub fn sidecar_of(fixture: &Path) -> Option<PathBuf> {
    let mut name = fixture.file_name()?.to_os_string();
    name.push(SIDECAR);
    let path = fixture.with_file_name(name);
    path.is_file().then_some(path)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Load a fixture through the real front end, in the language its name gives.
pub fn load_fixture(path: &Path) -> Document {
    let name = parse_fixture_name(&file_name(path)).unwrap_or_else(|e| panic!("{e}"));
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    load(&path.to_string_lossy(), &bytes, Some(name.language))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The settings a fixture runs with: its sidecar (if any) through the configuration
/// path, the language of its name, and only the rule `code` selected.
pub fn fixture_settings(path: &Path, code: &str) -> Settings {
    let name = parse_fixture_name(&file_name(path)).unwrap_or_else(|e| panic!("{e}"));
    let config = sidecar_of(path).map(|sidecar| {
        let text = std::fs::read_to_string(&sidecar).unwrap();
        Config::parse(&sidecar, &text).unwrap_or_else(|e| panic!("{e}"))
    });
    let cli = CliSettings {
        select: Some(vec![code.to_string()]),
        language: Some(LanguageSetting::Fixed(name.language)),
        ..CliSettings::default()
    };
    let settings = config::resolve(config.as_ref(), path, &cli);
    let enabled: Vec<&str> = settings.rules.keys().copied().collect();
    assert_eq!(
        enabled,
        [code],
        "{}: only {code} may be enabled (does the sidecar switch it off?)",
        path.display()
    );
    settings
}

/// A fixture linted with one rule.
pub struct Linted {
    pub name: FixtureName,
    pub doc: Document,
    pub findings: Vec<Finding>,
}

/// Load a fixture and lint it through `engine::lint` with only the rule `code` enabled.
pub fn lint_fixture(path: &Path, code: &str) -> Linted {
    let name = parse_fixture_name(&file_name(path)).unwrap_or_else(|e| panic!("{e}"));
    let settings = fixture_settings(path, code);
    let doc = load_fixture(path);
    let findings = policylint::engine::lint(&doc, &settings);
    Linted {
        name,
        doc,
        findings,
    }
}

/// The human output (no colour) a user sees for these findings.
pub fn human(linted: &Linted) -> String {
    let report = RunReport {
        files: vec![FileReport {
            source: linted.doc.source.clone(),
            findings: linted.findings.clone(),
        }],
        errors: Vec::new(),
    };
    let mut out = Vec::new();
    // Every finding with its excerpt: a rule fixture shows what each finding says.
    let options = report::human::HumanOptions {
        color: false,
        expand: true,
    };
    report::write(report::Format::Human, &report, &mut out, options).expect("render");
    String::from_utf8(out).expect("UTF-8 output")
}
