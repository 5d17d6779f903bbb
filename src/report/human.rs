//! `--format human`: rustc-style diagnostics through codespan-reporting (the only
//! module that knows codespan), and a one-line summary.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity};
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};

use super::excerpt::{self, one_line, Excerpt};
use super::{plural, Counts, FileReport, RunReport};
use crate::finding::{Finding, Level};
use crate::source::{SourceFile, Span};

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

/// The diagnostic of a finding over its bounded excerpt (see [`excerpt`]): at most
/// [`excerpt::RELATED`] related places and [`excerpt::NOTES`] notes, every text on one
/// line, cut and escaped.
fn diagnostic<'a>(
    source: &SourceFile,
    name: &'a str,
    f: &Finding,
) -> (Diagnostic<()>, Excerpt<'a>) {
    let severity = match f.level {
        Level::Error => Severity::Error,
        Level::Warning => Severity::Warning,
        // codespan has no "info"; its closest severity prints as `note`.
        Level::Info => Severity::Note,
    };
    let related = &f.related[..f.related.len().min(excerpt::RELATED)];
    let spans: Vec<Span> = std::iter::once(f.span)
        .chain(related.iter().map(|r| r.span))
        .collect();
    let (ex, ranges) = Excerpt::new(name, source, &spans);
    let mut labels = vec![Label::primary((), ranges[0].clone())
        .with_message(one_line(f.label.as_deref().unwrap_or_default()))];
    labels.extend(
        related.iter().zip(&ranges[1..]).map(|(r, range)| {
            Label::secondary((), range.clone()).with_message(one_line(&r.message))
        }),
    );
    let hidden_related = f.related.len() - related.len();
    let hidden_notes = f.notes.len().saturating_sub(excerpt::NOTES);
    let notes = f
        .help
        .iter()
        .map(|h| format!("help: {}", one_line(h)))
        .chain(
            f.notes
                .iter()
                .take(excerpt::NOTES)
                .map(|n| format!("note: {}", one_line(n))),
        )
        .chain((hidden_notes > 0).then(|| format!("note: {hidden_notes} more notes not shown")))
        .chain(
            (hidden_related > 0)
                .then(|| format!("note: {hidden_related} more related places not shown")),
        )
        .chain(place(source, f).map(|p| format!("in the original: {p}")))
        .collect();
    let diagnostic = Diagnostic::new(severity)
        .with_code(f.code)
        .with_message(one_line(&f.message))
        .with_labels(labels)
        .with_notes(notes);
    (diagnostic, ex)
}

pub fn write(report: &RunReport, out: &mut dyn Write, color: bool) -> io::Result<()> {
    for file in &report.files {
        write_file(file, out, color)?;
    }
    write_summary(
        report.files.len(),
        report.counts(),
        report.errors.len(),
        out,
        color,
    )
}

/// The diagnostics of one file.
pub fn write_file(file: &FileReport, out: &mut dyn Write, color: bool) -> io::Result<()> {
    let mut writer: Box<dyn WriteColor + '_> = if color {
        Box::new(Ansi::new(&mut *out))
    } else {
        Box::new(NoColor::new(&mut *out))
    };
    let config = Config::default();
    let name = super::escape::control(&file.source.path);
    for f in &file.findings {
        let (d, excerpt) = diagnostic(&file.source, &name, f);
        term::emit(&mut *writer, &config, &excerpt, &d)
            .map_err(|e| io::Error::other(e.to_string()))?;
    }
    Ok(())
}

/// The closing line: files checked, findings per level, files that could not be read.
pub fn write_summary(
    files: usize,
    c: Counts,
    errors: usize,
    out: &mut dyn Write,
    color: bool,
) -> io::Result<()> {
    let mut writer: Box<dyn WriteColor + '_> = if color {
        Box::new(Ansi::new(&mut *out))
    } else {
        Box::new(NoColor::new(&mut *out))
    };
    let mut summary = format!(
        "{} checked: {}, {}, {}",
        plural(files, "file"),
        plural(c.error, "error"),
        plural(c.warning, "warning"),
        plural(c.info, "info"),
    );
    if errors > 0 {
        summary.push_str(&format!("; {} could not be read", plural(errors, "file")));
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
