//! The register as Markdown (a table per document, for people), CSV (with a header,
//! for spreadsheets) and JSON (an array, for scripts).

use std::fmt::Write as _;

use serde::Serialize;

use super::{Commitment, Status};

/// One row, as CSV and JSON write it.
#[derive(Serialize)]
struct Row<'a> {
    path: &'a str,
    line: usize,
    byte_start: usize,
    byte_end: usize,
    actor: &'a str,
    kind: &'static str,
    action: &'a str,
    time: Option<&'a str>,
    normalised: Option<&'a str>,
    status: &'static str,
    supported_by: Option<crate::source::Span>,
    supported_line: Option<usize>,
}

fn row<'a>(path: &'a str, c: &'a Commitment) -> Row<'a> {
    Row {
        path,
        line: c.line,
        byte_start: c.span.start,
        byte_end: c.span.end,
        actor: &c.actor,
        kind: c.kind.as_str(),
        action: &c.action,
        time: c.time.as_ref().map(|t| t.text.as_str()),
        normalised: c.time.as_ref().and_then(|t| t.normalised.as_deref()),
        status: c.status.as_str(),
        supported_by: c.supported_by,
        supported_line: c.supported_line,
    }
}

/// A Markdown section for one document: a summary line and a table.
pub fn render_markdown(path: &str, commitments: &[Commitment]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", md_cell(path));
    if commitments.is_empty() {
        out.push_str("No commitments found.\n");
        return out;
    }
    let count = |s: Status| commitments.iter().filter(|c| c.status == s).count();
    let requests = commitments
        .iter()
        .filter(|c| c.kind == super::CommitmentKind::Request)
        .count();
    let mut parts = Vec::new();
    for s in [
        Status::Dated,
        Status::Past,
        Status::Conditional,
        Status::Vague,
        Status::Period,
        Status::Placeholder,
        Status::Undated,
    ] {
        let n = count(s);
        if n > 0 {
            parts.push(format!("{n} {}", s.as_str()));
        }
    }
    let _ = writeln!(
        out,
        "{} commitments ({} self, {} requests): {}.\n",
        commitments.len(),
        commitments.len() - requests,
        requests,
        parts.join(", ")
    );
    out.push_str("| Line | Actor | Kind | Action | Time (as written) | Normalised | Status |\n");
    out.push_str("|---:|---|---|---|---|---|---|\n");
    for c in commitments {
        let time = c.time.as_ref().map(|t| t.text.as_str()).unwrap_or("—");
        let norm = c
            .time
            .as_ref()
            .and_then(|t| t.normalised.as_deref())
            .unwrap_or("—");
        let status = match c.supported_line {
            Some(line) => format!("{} (body, line {line})", c.status.as_str()),
            None => c.status.as_str().to_string(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            c.line,
            md_cell(&c.actor),
            c.kind.as_str(),
            md_cell(&c.action),
            md_cell(time),
            md_cell(norm),
            status
        );
    }
    out
}

/// The header row of the CSV register.
pub const CSV_HEADER: &str = "path,line,actor,kind,action,time,normalised,status\n";

/// CSV with a header row; fields quoted when needed (RFC 4180).
pub fn render_csv(path: &str, commitments: &[Commitment]) -> String {
    format!("{CSV_HEADER}{}", render_csv_rows(path, commitments))
}

/// The register of several documents: one Markdown section per document, one CSV
/// header, or one JSON array (for `policylint commitments PATH...`).
pub fn render_many(format: &str, docs: &[(&str, &[Commitment])]) -> String {
    match format {
        "csv" => {
            let mut out = String::from(CSV_HEADER);
            for (path, cs) in docs {
                out.push_str(&render_csv_rows(path, cs));
            }
            out
        }
        "json" => {
            let rows: Vec<Row<'_>> = docs
                .iter()
                .flat_map(|(path, cs)| cs.iter().map(move |c| row(path, c)))
                .collect();
            serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".to_string())
        }
        _ => docs
            .iter()
            .map(|(path, cs)| render_markdown(path, cs))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// CSV rows without the header.
pub fn render_csv_rows(path: &str, commitments: &[Commitment]) -> String {
    let mut out = String::new();
    for c in commitments {
        let r = row(path, c);
        let fields = [
            r.path.to_string(),
            r.line.to_string(),
            r.actor.to_string(),
            r.kind.to_string(),
            r.action.to_string(),
            r.time.unwrap_or("").to_string(),
            r.normalised.unwrap_or("").to_string(),
            r.status.to_string(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

/// A JSON array of rows.
pub fn render_json(path: &str, commitments: &[Commitment]) -> String {
    let rows: Vec<Row<'_>> = commitments.iter().map(|c| row(path, c)).collect();
    serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".to_string())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
