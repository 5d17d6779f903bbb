//! Reporters: one file per output format. Every writer renders a [`RunReport`] into a
//! passed `Write`; only `human.rs` knows codespan.

pub mod concise;
pub mod dump_json;
pub mod dump_legal;
pub mod dump_tree;
mod dump_view;
pub mod escape;
pub mod excerpt;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;
pub mod statistics;

use std::io::{self, Write};

use serde::Serialize;

use crate::finding::{Finding, Level};
use crate::rule::RuleMeta;
use crate::source::{Position, SourceFile, Span};

/// `check --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// rustc-style diagnostics with source snippets (default)
    Human,
    /// one line per finding: `path:line:col: level[CODE] message`
    Concise,
    /// the contract's JSON object
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// one self-contained HTML page: the documents with the findings marked in place
    Html,
}

/// The findings of one linted file.
#[derive(Clone, Debug)]
pub struct FileReport {
    pub source: SourceFile,
    pub findings: Vec<Finding>,
}

/// A file (or argument) that could not be linted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileError {
    pub path: String,
    pub message: String,
}

/// Everything one `check` run produced, files in path order.
#[derive(Clone, Debug, Default)]
pub struct RunReport {
    pub files: Vec<FileReport>,
    pub errors: Vec<FileError>,
}

/// Finding counts per level.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }
}

impl RunReport {
    pub fn findings(&self) -> impl Iterator<Item = (&SourceFile, &Finding)> {
        self.files
            .iter()
            .flat_map(|f| f.findings.iter().map(move |x| (&f.source, x)))
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for (_, f) in self.findings() {
            match f.level {
                Level::Error => c.error += 1,
                Level::Warning => c.warning += 1,
                Level::Info => c.info += 1,
            }
        }
        c
    }

    /// The highest level of any finding.
    pub fn max_level(&self) -> Option<Level> {
        self.findings().map(|(_, f)| f.level).max()
    }
}

/// Start and end (just after the last character) of a span: 1-based, character columns.
pub fn location(source: &SourceFile, span: Span) -> (Position, Position) {
    (source.position(span.start), source.position(span.end))
}

/// Render a run in a format. `human` only affects the human format.
pub fn write(
    format: Format,
    report: &RunReport,
    out: &mut dyn Write,
    human: human::HumanOptions,
) -> io::Result<()> {
    // No format may drive a CI runner: the runner's command syntaxes are broken in
    // every line of every format but `github` (whose data is escaped as the runner
    // expects).
    use escape::{RunnerSafe, Style};
    match format {
        Format::Human => human::write(report, &mut RunnerSafe::new(out, Style::Text), human),
        Format::Concise => concise::write(report, &mut RunnerSafe::new(out, Style::Text)),
        Format::Json => json::write(report, &mut RunnerSafe::new(out, Style::Json)),
        Format::Sarif => sarif::write(report, &mut RunnerSafe::new(out, Style::Json)),
        Format::Github => github::write(report, out),
        Format::Html => html::write(report, &[], out),
    }
}

/// Formats printed file by file as the run goes (see [`write_one`]); the others
/// need the whole run.
pub fn is_streamed(format: Format) -> bool {
    matches!(format, Format::Human | Format::Concise | Format::Github)
}

/// Print one file's findings in a streamed format (the report is dropped after).
pub fn write_one(
    format: Format,
    file: FileReport,
    out: &mut dyn Write,
    human: human::HumanOptions,
) -> io::Result<()> {
    use escape::{RunnerSafe, Style};
    let report = RunReport {
        files: vec![file],
        errors: Vec::new(),
    };
    match format {
        Format::Human => human::write_file(
            &report.files[0],
            &mut RunnerSafe::new(out, Style::Text),
            human,
        ),
        Format::Concise => concise::write(&report, &mut RunnerSafe::new(out, Style::Text)),
        Format::Github => github::write(&report, out),
        Format::Json | Format::Sarif | Format::Html => Ok(()),
    }
}

/// The end of a streamed run: the human summary, or github's error annotations.
pub fn write_end(
    format: Format,
    files: usize,
    counts: Counts,
    baseline_hidden: usize,
    errors: Vec<FileError>,
    out: &mut dyn Write,
    color: bool,
) -> io::Result<()> {
    use escape::{RunnerSafe, Style};
    match format {
        Format::Human => human::write_summary(
            files,
            counts,
            errors.len(),
            baseline_hidden,
            &mut RunnerSafe::new(out, Style::Text),
            color,
        ),
        Format::Github => github::write(
            &RunReport {
                files: Vec::new(),
                errors,
            },
            out,
        ),
        Format::Concise | Format::Json | Format::Sarif | Format::Html => Ok(()),
    }
}

impl Counts {
    /// Count one finding.
    pub fn add(&mut self, level: Level) {
        match level {
            Level::Error => self.error += 1,
            Level::Warning => self.warning += 1,
            Level::Info => self.info += 1,
        }
    }
}

/// A rule's explanation as Markdown: the doc comment's leading space removed.
pub fn explanation_text(meta: &RuleMeta) -> String {
    let mut out = String::with_capacity(meta.explanation.len());
    for line in meta.explanation.lines() {
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
        out.push('\n');
    }
    out
}

/// The text under a `## Heading` of a rule's explanation, lines joined.
pub fn explanation_section(meta: &RuleMeta, heading: &str) -> String {
    let mut lines = meta.explanation.lines().map(str::trim_end);
    let mut out: Vec<&str> = Vec::new();
    if lines.any(|l| l.trim() == format!("## {heading}")) {
        for l in lines {
            if l.trim_start().starts_with("## ") {
                break;
            }
            out.push(l.trim());
        }
    }
    out.join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// "1 error", "2 warnings", "2 baseline entries".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else if let Some(stem) = word.strip_suffix("ry") {
        format!("{n} {stem}ries")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Hand-made findings over a small source, for the reporters' unit tests.
    use super::*;
    use crate::finding::Related;

    pub const TEXT: &str = "Title line\nThe Commission will act.12\nSecond line, with a café.\n";

    pub fn report() -> RunReport {
        let source = SourceFile::from_str("docs/a draft.txt", TEXT);
        let at = |needle: &str| {
            let s = TEXT.find(needle).expect("needle");
            Span::new(s, s + needle.len())
        };
        let findings = vec![
            Finding {
                code: "FN001",
                rule: "footnote-undefined",
                level: Level::Error,
                message: "footnote 12 is referenced but never defined".into(),
                span: at("12"),
                label: Some("referenced here".into()),
                related: vec![Related {
                    span: at("café"),
                    message: "the footnotes of this page start here".into(),
                }],
                help: Some("add the text of footnote 12 or remove the reference".into()),
                notes: vec!["footnotes are numbered per document".into()],
                secondary: false,
            },
            Finding {
                code: "TX001",
                rule: "repeated-word",
                level: Level::Info,
                message: "hostile: 50%, a:b\r\n::error::x".into(),
                span: at("café"),
                label: None,
                related: vec![],
                help: None,
                notes: vec![],
                secondary: false,
            },
        ];
        RunReport {
            files: vec![FileReport { source, findings }],
            errors: vec![FileError {
                path: "missing.txt".into(),
                message: "cannot read file: No such file or directory".into(),
            }],
        }
    }

    pub fn render(format: Format) -> String {
        let mut out = Vec::new();
        write(format, &report(), &mut out, human::HumanOptions::default()).expect("write to a Vec");
        String::from_utf8(out).expect("utf-8")
    }
}
