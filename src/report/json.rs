//! `--format json`: the contract's object (version, findings, errors, summary).

use std::io::{self, Write};

use serde::Serialize;

use super::{location, FileError, RunReport};
use crate::finding::Level;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    errors: &'a [FileError],
    summary: Summary,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    rule: &'a str,
    level: Level,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
    message: &'a str,
    related: Vec<JsonRelated<'a>>,
    help: Option<&'a str>,
    notes: &'a [String],
    /// PDF and Word input: the page of the finding's start, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    /// Word input: the 1-based paragraph of the finding's start.
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<u32>,
    /// PDF and Word input: the footnote whose text holds the finding's start.
    #[serde(skip_serializing_if = "Option::is_none")]
    footnote: Option<u32>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    findings: usize,
    error: usize,
    warning: usize,
    info: usize,
}

pub fn write(report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
    let findings = report
        .findings()
        .map(|(source, f)| {
            let (start, end) = location(source, f.span);
            JsonFinding {
                code: f.code,
                rule: f.rule,
                level: f.level,
                path: &source.path,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                byte_start: source.file_offset(f.span.start),
                byte_end: source.file_offset(f.span.end),
                message: &f.message,
                related: f
                    .related
                    .iter()
                    .map(|r| {
                        let p = source.position(r.span.start);
                        JsonRelated {
                            line: p.line,
                            column: p.column,
                            message: &r.message,
                        }
                    })
                    .collect(),
                help: f.help.as_deref(),
                notes: &f.notes,
                page: source
                    .rendering
                    .as_ref()
                    .and_then(|r| r.page_at(f.span.start)),
                paragraph: source
                    .rendering
                    .as_ref()
                    .and_then(|r| r.paragraph_at(f.span.start)),
                footnote: source
                    .rendering
                    .as_ref()
                    .and_then(|r| r.footnote_at(f.span.start)),
            }
        })
        .collect();
    let counts = report.counts();
    let doc = JsonReport {
        version: 1,
        findings,
        errors: &report.errors,
        summary: Summary {
            files: report.files.len(),
            findings: counts.total(),
            error: counts.error,
            warning: counts.warning,
            info: counts.info,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::super::{testing, Format};

    #[test]
    fn matches_the_contract_shape() {
        let v: serde_json::Value = serde_json::from_str(&testing::render(Format::Json)).unwrap();
        assert_eq!(v["version"], 1);
        let f = &v["findings"][0];
        let mut keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut expected = [
            "code",
            "rule",
            "level",
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "byte_start",
            "byte_end",
            "message",
            "related",
            "help",
            "notes",
        ];
        expected.sort_unstable();
        assert_eq!(keys, expected);
        assert_eq!(f["code"], "FN001");
        assert_eq!(f["level"], "error");
        assert_eq!(
            (f["line"].as_u64(), f["column"].as_u64()),
            (Some(2), Some(25))
        );
        assert_eq!(
            (f["end_line"].as_u64(), f["end_column"].as_u64()),
            (Some(2), Some(27))
        );
        let start = testing::TEXT.find("12").unwrap() as u64;
        assert_eq!(f["byte_start"].as_u64(), Some(start));
        assert_eq!(f["byte_end"].as_u64(), Some(start + 2));
        assert_eq!(f["related"][0]["line"], 3);
        assert_eq!(f["related"][0]["column"], 21);
        assert_eq!(v["findings"][1]["help"], serde_json::Value::Null);
        assert_eq!(v["errors"][0]["path"], "missing.txt");
        assert_eq!(
            v["summary"],
            serde_json::json!({"files": 1, "findings": 2, "error": 1, "warning": 0, "info": 1})
        );
    }
}
