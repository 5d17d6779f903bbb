//! Helpers shared by the integration tests.
#![allow(dead_code)]

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
