//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning accepts it: one run, the
//! rules in `tool.driver.rules`, results with relative artifact URIs and regions in
//! Unicode code points.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{explanation_section, explanation_text, location, RunReport};
use crate::baseline::fingerprint;
use crate::finding::Level;
use crate::rules::all_metas;
use crate::source::{SourceFile, Span};

fn level(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
    }
}

/// A relative URI for a shown path: absolute paths under the current directory are
/// made relative; characters outside the URI's unreserved set are percent-encoded.
pub fn artifact_uri(path: &str) -> String {
    let mut p = path.to_string();
    if std::path::Path::new(path).is_absolute() {
        if let Ok(cwd) = std::env::current_dir() {
            if let Ok(rel) = std::path::Path::new(path).strip_prefix(&cwd) {
                p = rel.to_string_lossy().replace('\\', "/");
            }
        }
    }
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The root every artifact URI is relative to: the working directory.
pub const SRCROOT: &str = "%SRCROOT%";
/// The root of files outside the working directory: the file system's root.
pub const FSROOT: &str = "FSROOT";

/// Percent-encode a path for a URI (unreserved characters and `/` kept).
fn encode_path(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An artifact location: a relative URI and the root it is relative to, never an
/// absolute path (code scanning maps relative URIs to the repository).
pub fn artifact_location(path: &str) -> Value {
    let p = std::path::Path::new(path);
    let outside = p.is_absolute()
        && std::env::current_dir()
            .ok()
            .is_none_or(|cwd| !p.starts_with(cwd));
    if outside {
        let rel = path.trim_start_matches(['/', '\\']).replace('\\', "/");
        json!({"uri": encode_path(&rel), "uriBaseId": FSROOT})
    } else {
        json!({"uri": artifact_uri(path), "uriBaseId": SRCROOT})
    }
}

/// `originalUriBaseIds`: where the roots are on this machine.
fn base_ids() -> Value {
    let cwd = std::env::current_dir()
        .map(|d| d.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let cwd = cwd.trim_end_matches('/');
    let lead = if cwd.starts_with('/') { "" } else { "/" };
    json!({
        SRCROOT: {"uri": format!("file://{lead}{}/", encode_path(cwd))},
        FSROOT: {"uri": "file:///"},
    })
}

fn region(source: &SourceFile, span: Span) -> Value {
    let (start, end) = location(source, span);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

pub fn write(report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
    let metas = all_metas();
    let rules: Vec<Value> = metas
        .iter()
        .map(|m| {
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": explanation_section(m, "What it does")},
                "help": {"text": explanation_text(m), "markdown": explanation_text(m)},
                "defaultConfiguration": {"level": level(m.default_level)},
                "properties": {"tags": [m.group.as_str()]},
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings()
        .map(|(source, f)| {
            let artifact = artifact_location(&source.path);
            let location = |span: Span| {
                json!({
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": region(source, span),
                    }
                })
            };
            let mut text = f.message.clone();
            if let Some(help) = &f.help {
                text.push_str(&format!("\nhelp: {help}"));
            }
            let mut result = json!({
                "ruleId": f.code,
                "level": level(f.level),
                "message": {"text": text},
                "locations": [location(f.span)],
                "partialFingerprints": {"policylint/v1": fingerprint(source, f)},
            });
            if let Some(i) = metas.iter().position(|m| m.code == f.code) {
                result["ruleIndex"] = json!(i);
            }
            if !f.related.is_empty() {
                result["relatedLocations"] = f
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let mut l = location(r.span);
                        l["id"] = json!(i + 1);
                        l["message"] = json!({"text": r.message});
                        l
                    })
                    .collect();
            }
            result
        })
        .collect();
    let notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": {"text": format!("{}: {}", e.path, e.message)},
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "policylint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "originalUriBaseIds": base_ids(),
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::super::{testing, Format};
    use super::*;

    #[test]
    fn has_the_fields_code_scanning_needs() {
        let v: Value = serde_json::from_str(&testing::render(Format::Sarif)).unwrap();
        assert_eq!(v["version"], "2.1.0");
        let run = &v["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert!(rules.iter().any(|r| r["id"] == "PLX001"));
        for r in rules {
            for key in [
                "id",
                "name",
                "shortDescription",
                "fullDescription",
                "defaultConfiguration",
            ] {
                assert!(!r[key].is_null(), "rule lacks {key}: {r}");
            }
            assert!(!r["fullDescription"]["text"].as_str().unwrap().is_empty());
        }
        let res = &run["results"][0];
        assert_eq!(res["ruleId"], "FN001");
        assert_eq!(res["level"], "error");
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "docs/a%20draft.txt");
        assert_eq!(loc["region"]["startLine"], 2);
        assert_eq!(loc["region"]["startColumn"], 25);
        assert_eq!(loc["region"]["endColumn"], 27);
        assert_eq!(
            res["relatedLocations"][0]["message"]["text"],
            "the footnotes of this page start here"
        );
        assert_eq!(run["results"][1]["level"], "note");
        assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    }

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(artifact_uri("seeds/000_a.txt"), "seeds/000_a.txt");
        assert_eq!(artifact_uri("a b/é.md"), "a%20b/%C3%A9.md");
        let cwd = std::env::current_dir().unwrap();
        let abs = cwd.join("x/y.txt");
        assert_eq!(artifact_uri(&abs.to_string_lossy()), "x/y.txt");
        let inside = artifact_location(&abs.to_string_lossy());
        assert_eq!(inside["uri"], "x/y.txt");
        assert_eq!(inside["uriBaseId"], SRCROOT);
        let outside = artifact_location("/nowhere-else/a b.txt");
        assert_eq!(outside["uri"], "nowhere-else/a%20b.txt");
        assert_eq!(outside["uriBaseId"], FSROOT);
        let v: Value = serde_json::from_str(&testing::render(Format::Sarif)).unwrap();
        let bases = &v["runs"][0]["originalUriBaseIds"];
        assert!(bases[SRCROOT]["uri"]
            .as_str()
            .unwrap()
            .starts_with("file:///"));
        assert!(bases[SRCROOT]["uri"].as_str().unwrap().ends_with('/'));
    }
}
