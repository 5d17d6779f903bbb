//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod fixtures;

use policylint::document::{parse, Document};
use policylint::finding::Finding;
use policylint::pack::Pack;
use policylint::rules::{registry, Context};

pub fn seed_path(name: &str) -> String {
    format!("{}/seeds/{name}", env!("CARGO_MANIFEST_DIR"))
}

pub fn seed_text(name: &str) -> String {
    std::fs::read_to_string(seed_path(name)).expect("seed readable")
}

pub fn parse_named(path: &str, text: &str) -> Document {
    parse(policylint::source::SourceFile::from_str(path, text), None)
}

/// Run every rule whose code starts with `prefix` over a document, findings sorted by
/// position then code.
pub fn findings(doc: &Document, prefix: &str) -> Vec<Finding> {
    let pack = Pack::builtin(doc.language);
    let mut out = Vec::new();
    for rule in registry() {
        if !rule.meta().code.starts_with(prefix) {
            continue;
        }
        let mut cx = Context::new(rule.meta(), None, pack);
        rule.check(doc, &mut cx);
        out.extend(cx.into_findings());
    }
    out.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
    out
}

/// `line:col CODE message` per finding, with notes and related lines: what a
/// snapshot pins.
pub fn render(doc: &Document, findings: &[Finding]) -> String {
    let mut s = String::new();
    for f in findings {
        let p = doc.source.position(f.span.start);
        s.push_str(&format!(
            "{}:{} {}[{}] {}\n",
            p.line,
            p.column,
            f.level.as_str(),
            f.code,
            f.message
        ));
        for r in &f.related {
            let rp = doc.source.position(r.span.start);
            s.push_str(&format!(
                "    related {}:{} {}\n",
                rp.line, rp.column, r.message
            ));
        }
        for n in &f.notes {
            s.push_str(&format!("    note: {n}\n"));
        }
    }
    s
}

/// The five seed documents, by file name.
pub const SEEDS: &[&str] = &[
    "000_36c74a95654013fe.txt",
    "001_9c6f262ed3157b37.txt",
    "002_4cd158ec9b524649.txt",
    "003_92cce1b2e57afc3b.txt",
    "004_ec9ddc5444050131.txt",
];

/// The seeds as paths relative to the crate root (where tests run).
pub fn seed_paths() -> Vec<String> {
    SEEDS.iter().map(|s| format!("seeds/{s}")).collect()
}

/// The findings of one rule, by code, on a document (unsorted, as the rule reports).
pub fn run_rule(code: &str, doc: &Document) -> Vec<Finding> {
    let rule = registry()
        .into_iter()
        .find(|r| r.meta().code == code)
        .unwrap_or_else(|| panic!("{code} is not registered"));
    let mut cx = Context::new(rule.meta(), None, Pack::builtin(doc.language));
    rule.check(doc, &mut cx);
    cx.into_findings()
}

/// A path under `../shared` (beside the repository), or `None` with a "skipped" message
/// when it is absent, so that a bare clone still passes `cargo test`.
pub fn shared_path(rel: &str) -> Option<std::path::PathBuf> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent", p.display());
        None
    }
}
