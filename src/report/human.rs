//! `--format human`: rustc-style diagnostics through codespan-reporting (the only
//! module that knows codespan), and a one-line summary.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};

use super::{plural, RunReport};
use crate::finding::{Finding, Level};
use crate::source::SourceFile;

/// Where a finding of a rendered PDF or Word document is in the original: `page 12`,
/// `paragraph 40`, `footnote 3`.
fn place(source: &SourceFile, f: &Finding) -> Option<String> {
    let r = source.rendering.as_ref()?;
    let at = f.span.start;
    let parts: Vec<String> = [
        r.page_at(at).map(|n| format!("page {n}")),
        r.paragraph_at(at).map(|n| format!("paragraph {n}")),
        r.footnote_at(at).map(|n| format!("footnote {n}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn diagnostic(source: &SourceFile, f: &Finding) -> Diagnostic<()> {
    let severity = match f.level {
        Level::Error => Severity::Error,
        Level::Warning => Severity::Warning,
        // codespan has no "info"; its closest severity prints as `note`.
        Level::Info => Severity::Note,
    };
    let mut labels =
        vec![Label::primary((), f.span).with_message(f.label.clone().unwrap_or_default())];
    labels.extend(
        f.related
            .iter()
            .map(|r| Label::secondary((), r.span).with_message(r.message.clone())),
    );
    let notes = f
        .help
        .iter()
        .map(|h| format!("help: {h}"))
        .chain(f.notes.iter().map(|n| format!("note: {n}")))
        .chain(place(source, f).map(|p| format!("in the original: {p}")))
        .collect();
    Diagnostic::new(severity)
        .with_code(f.code)
        .with_message(&f.message)
        .with_labels(labels)
        .with_notes(notes)
}

pub fn write(report: &RunReport, out: &mut dyn Write, color: bool) -> io::Result<()> {
    let mut writer: Box<dyn WriteColor + '_> = if color {
        Box::new(Ansi::new(&mut *out))
    } else {
        Box::new(NoColor::new(&mut *out))
    };
    let config = Config::default();
    for file in &report.files {
        let files = SimpleFile::new(file.source.path.as_str(), file.source.text.as_str());
        for f in &file.findings {
            term::emit(&mut *writer, &config, &files, &diagnostic(&file.source, f))
                .map_err(|e| io::Error::other(e.to_string()))?;
        }
    }
    let c = report.counts();
    let mut summary = format!(
        "{} checked: {}, {}, {}",
        plural(report.files.len(), "file"),
        plural(c.error, "error"),
        plural(c.warning, "warning"),
        plural(c.info, "info"),
    );
    if !report.errors.is_empty() {
        summary.push_str(&format!(
            "; {} could not be read",
            plural(report.errors.len(), "file")
        ));
    }
    writeln!(writer, "{summary}")
}

#[cfg(test)]
mod tests {
    use super::super::{testing, Format};

    #[test]
    fn renders_rustc_style_with_labels_help_and_summary() {
        let out = testing::render(Format::Human);
        assert!(
            out.contains("error[FN001]: footnote 12 is referenced but never defined"),
            "{out}"
        );
        assert!(out.contains("┌─ docs/a draft.txt:2:25"), "{out}");
        assert!(out.contains("^^ referenced here"), "{out}");
        assert!(
            out.contains("the footnotes of this page start here"),
            "{out}"
        );
        assert!(out.contains("= help: add the text of footnote 12"), "{out}");
        assert!(
            out.contains("= note: footnotes are numbered per document"),
            "{out}"
        );
        assert!(out.contains("note[TX001]"), "{out}");
        assert!(
            out.trim_end()
                .ends_with("1 file checked: 1 error, 0 warnings, 1 info; 1 file could not be read"),
            "{out}"
        );
        assert!(!out.contains('\u{1b}'), "no colour when not asked");
    }

    #[test]
    fn colour_uses_ansi_escapes() {
        let mut out = Vec::new();
        super::write(&testing::report(), &mut out, true).unwrap();
        assert!(String::from_utf8(out).unwrap().contains('\u{1b}'));
    }

    #[test]
    fn empty_spans_at_the_edges_render() {
        use crate::finding::{Finding, Level};
        use crate::report::{FileReport, RunReport};
        use crate::source::{SourceFile, Span};
        for text in ["", "one line", "a\nb\n", "é"] {
            let at = |start: usize| Finding {
                code: "PLX003",
                rule: "unmatched-baseline-entry",
                level: Level::Info,
                message: "m".into(),
                span: Span::new(start, start),
                label: None,
                related: vec![],
                help: None,
                notes: vec![],
            };
            let report = RunReport {
                files: vec![FileReport {
                    source: SourceFile::from_str("e.txt", text),
                    findings: vec![at(0), at(text.len())],
                }],
                errors: vec![],
            };
            let mut out = Vec::new();
            super::write(&report, &mut out, false).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        }
    }
}
