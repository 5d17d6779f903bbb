//! `--format human`: rustc-style diagnostics through codespan-reporting (the only
//! module that knows codespan), and a one-line summary.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity};
use codespan_reporting::term::termcolor::{Ansi, Color, ColorSpec, NoColor, WriteColor};
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
    let context = context_lines(source, f.span);
    let spans: Vec<Span> = std::iter::once(f.span)
        .chain(related.iter().map(|r| r.span))
        .chain(context.iter().map(|&(span, _)| span))
        .collect();
    let (ex, ranges) = Excerpt::new(name, source, &spans);
    let mut labels = vec![Label::primary((), ranges[0].clone())
        .with_message(one_line(f.label.as_deref().unwrap_or_default()))];
    labels.extend(
        related.iter().zip(&ranges[1..]).map(|(r, range)| {
            Label::secondary((), range.clone()).with_message(one_line(&r.message))
        }),
    );
    labels.extend(
        context
            .iter()
            .zip(&ranges[1 + related.len()..])
            .map(|(&(_, message), range)| {
                Label::secondary((), range.clone()).with_message(message)
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

/// How the human format shows findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HumanOptions {
    /// ANSI colours.
    pub color: bool,
    /// Every finding as a full diagnostic: no lists (`check --expand`).
    pub expand: bool,
}

/// A rule's warnings (or errors) in one file are listed together, one line per place,
/// when there are more than this many: a drafter reads 30 undated key actions as a
/// list, not as 30 source excerpts.
pub const LIST_OVER: usize = 3;

/// Infos of one rule in one file are always listed together (when there are two or
/// more), by line number only: they are the register's detail, not the drafter's
/// first work.
pub const INFO_LIST_FROM: usize = 2;

/// Lines to show beside the primary span when the span alone does not show the
/// problem. A lone reference mark on its line (a footnote number an extractor put on a
/// line of its own) gets the sentence before it, back to where that sentence starts (at most
/// three lines); a span of a word or two at a line's end that opens a sentence (after
/// ". " on its line) gets the line the sentence continues on. Blank lines in between (an extractor's double
/// spacing) are skipped.
fn context_lines(source: &SourceFile, span: Span) -> Vec<(Span, &'static str)> {
    const LOOK: usize = 6;
    const SENTENCE_LINES: usize = 3;
    let text = source.text.as_str();
    if span.start >= text.len() || span.end > text.len() || span.end < span.start {
        return Vec::new();
    }
    let line = source.line_index(span.start);
    if source.line_index(span.end.saturating_sub(1).max(span.start)) != line {
        return Vec::new();
    }
    let line_text = source.line_text(line);
    let flagged = source.slice(span).trim();
    if flagged.is_empty() || flagged.chars().count() > 24 {
        return Vec::new();
    }
    // The trimmed content of a line, as a span, with its text.
    let content = |l: usize| -> Option<(Span, &str)> {
        let t = source.line_text(l);
        let trimmed = t.trim();
        if trimmed.is_empty() {
            return None;
        }
        let start = source.line_starts()[l] + (t.len() - t.trim_start().len());
        Some((Span::new(start, start + trimmed.len()), trimmed))
    };
    // Where a sentence starts inside a line: after its last ". ", "? " or "! ".
    let last_boundary = |t: &str| -> Option<usize> {
        ["? ", "! ", ". "]
            .iter()
            .filter_map(|b| t.rfind(b).map(|i| i + b.len()))
            .max()
            .filter(|&i| i < t.len())
    };
    // A reference mark: digits (a footnote number) or a note sign.
    let is_mark = flagged
        .chars()
        .all(|c| c.is_ascii_digit() || "*†‡§".contains(c));
    if line_text.trim() == flagged && is_mark {
        let mut lines: Vec<(Span, &str)> = Vec::new();
        for l in (1..=LOOK).filter_map(|d| line.checked_sub(d)) {
            let Some((span, t)) = content(l) else {
                continue;
            };
            if !lines.is_empty() && t.ends_with(['.', '?', '!', ':', ';']) {
                break; // the sentence starts on the line after this one
            }
            match last_boundary(t) {
                Some(i) => {
                    lines.push((Span::new(span.start + i, span.end), t));
                    break;
                }
                None => lines.push((span, t)),
            }
            if lines.len() == SENTENCE_LINES {
                break;
            }
        }
        let n = lines.len();
        return lines
            .into_iter()
            .enumerate()
            .map(|(i, (span, _))| {
                (
                    span,
                    if i + 1 == n {
                        "the sentence it belongs to"
                    } else {
                        ""
                    },
                )
            })
            .collect();
    }
    let line_end = source.line_starts()[line] + line_text.trim_end().len();
    let words = flagged.split_whitespace().count();
    // Only a span that opens a sentence: after ". " (or the like) on its line.
    let before = text[source.line_starts()[line]..span.start].trim_end();
    let opens_sentence = before.ends_with(['.', '?', '!', ':', ';']);
    if span.end >= line_end && words <= 2 && opens_sentence {
        // A sentence that starts at the end of a line: where it goes on.
        return (1..=LOOK)
            .map(|d| line + d)
            .take_while(|&l| l < source.line_count())
            .find_map(content)
            .map(|(s, _)| vec![(s, "continues here")])
            .unwrap_or_default();
    }
    Vec::new()
}

pub fn write(report: &RunReport, out: &mut dyn Write, options: HumanOptions) -> io::Result<()> {
    for file in &report.files {
        write_file(file, out, options)?;
    }
    write_summary(
        report.files.len(),
        report.counts(),
        report.errors.len(),
        0,
        out,
        options.color,
    )
}

fn writer<'w>(out: &'w mut dyn Write, color: bool) -> Box<dyn WriteColor + 'w> {
    if color {
        Box::new(Ansi::new(out))
    } else {
        Box::new(NoColor::new(out))
    }
}

/// How one file's findings are shown: each alone, or in per-rule lists.
#[derive(Debug, PartialEq, Eq)]
pub enum Entry<'f> {
    One(&'f Finding),
    /// Findings of one rule at one level, in text order.
    List(Vec<&'f Finding>),
}

/// The entries of a file: single findings in text order, then the lists in order of
/// their first place. Every finding is in exactly one entry.
pub fn entries(findings: &[Finding], expand: bool) -> Vec<Entry<'_>> {
    if expand {
        return findings.iter().map(Entry::One).collect();
    }
    let mut counts: crate::hash::FastMap<(&str, Level), usize> = Default::default();
    for f in findings {
        *counts.entry((f.code, f.level)).or_default() += 1;
    }
    let listed = |f: &Finding| {
        let n = counts[&(f.code, f.level)];
        if f.level == Level::Info {
            n >= INFO_LIST_FROM
        } else {
            n > LIST_OVER
        }
    };
    let mut out: Vec<Entry<'_>> = Vec::new();
    let mut lists: Vec<Vec<&Finding>> = Vec::new();
    let mut list_of: crate::hash::FastMap<(&str, Level), usize> = Default::default();
    for f in findings {
        if listed(f) {
            let i = *list_of.entry((f.code, f.level)).or_insert_with(|| {
                lists.push(Vec::new());
                lists.len() - 1
            });
            lists[i].push(f);
        } else {
            out.push(Entry::One(f));
        }
    }
    // The weightiest lists first, then by their first place.
    lists.sort_by_key(|l| (std::cmp::Reverse(l[0].level), l[0].span.start));
    out.extend(lists.into_iter().map(Entry::List));
    out
}

/// The diagnostics of one file.
pub fn write_file(file: &FileReport, out: &mut dyn Write, options: HumanOptions) -> io::Result<()> {
    let mut writer = writer(out, options.color);
    let config = Config::default();
    let name = super::escape::control(&file.source.path);
    for entry in entries(&file.findings, options.expand) {
        match entry {
            Entry::One(f) => {
                let (d, excerpt) = diagnostic(&file.source, &name, f);
                term::emit(&mut *writer, &config, &excerpt, &d).map_err(io_error)?;
            }
            Entry::List(list) => write_list(&mut *writer, &file.source, &name, &list)?,
        }
    }
    Ok(())
}

/// codespan's error as an I/O error of the same kind (a closed pipe stays a closed pipe,
/// which the CLI treats as a reader that has seen enough).
fn io_error(e: codespan_reporting::files::Error) -> io::Error {
    match e {
        codespan_reporting::files::Error::Io(e) => e,
        e => io::Error::other(e.to_string()),
    }
}

fn level_colour(level: Level) -> ColorSpec {
    let mut spec = ColorSpec::new();
    spec.set_bold(true)
        .set_intense(true)
        .set_fg(Some(match level {
            Level::Error => Color::Red,
            Level::Warning => Color::Yellow,
            Level::Info => Color::Green,
        }));
    spec
}

/// One rule's findings at one level in one file, as one entry. Warnings and errors:
/// one line per place (`path:line:column: message`, which editors and terminals open).
/// Infos: the line numbers.
fn write_list(
    w: &mut dyn WriteColor,
    source: &SourceFile,
    name: &str,
    list: &[&Finding],
) -> io::Result<()> {
    let first = list[0];
    let meta = crate::rules::lookup(first.code);
    let summary = meta.map(|m| m.summary).unwrap_or(first.rule);
    let level = match first.level {
        Level::Info => "info",
        l => l.as_str(),
    };
    w.set_color(&level_colour(first.level))?;
    write!(w, "{level}[{}]", first.code)?;
    w.reset()?;
    let mut bold = ColorSpec::new();
    bold.set_bold(true);
    w.set_color(&bold)?;
    writeln!(w, ": {} × {summary} ({})", list.len(), first.rule)?;
    w.reset()?;
    if first.level == Level::Info {
        writeln!(w, "  ┌─ {name}")?;
        let mut line = String::from("  │ lines");
        for (i, f) in list.iter().enumerate() {
            let at = source.position(f.span.start).line.to_string();
            if line.len() + at.len() > 96 {
                writeln!(w, "{line}")?;
                line = String::from("  │      ");
            }
            line.push(' ');
            line.push_str(&at);
            if i + 1 < list.len() {
                line.push(',');
            }
        }
        writeln!(w, "{line}")?;
    } else {
        for f in list {
            let at = source.position(f.span.start);
            let page = source
                .rendering
                .as_ref()
                .and_then(|r| r.page_at(f.span.start))
                .map(|p| format!(" (page {p})"))
                .unwrap_or_default();
            let line = format!(
                "  │ {name}:{}:{}:{page} {}",
                at.line,
                at.column,
                one_line(&f.message)
            );
            writeln!(w, "{}", cut(&line, excerpt::WIDTH))?;
        }
    }
    if let Some(help) = first.help.as_deref() {
        if list.iter().all(|f| f.help.as_deref() == Some(help)) {
            writeln!(w, "  = help: {}", one_line(help))?;
        }
    }
    writeln!(
        w,
        "  = note: `--expand` shows each with its excerpt; `policylint explain {}` explains the rule",
        first.code
    )?;
    writeln!(w)
}

/// At most `width` characters, with `…` when cut.
fn cut(s: &str, width: usize) -> String {
    match s.char_indices().nth(width) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// The closing line: files checked, findings per level, files that could not be read,
/// findings the baseline hid.
pub fn write_summary(
    files: usize,
    c: Counts,
    errors: usize,
    baseline_hidden: usize,
    out: &mut dyn Write,
    color: bool,
) -> io::Result<()> {
    let mut writer = writer(out, color);
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
    if baseline_hidden > 0 {
        summary.push_str(&format!(
            "; {} hidden by the baseline",
            plural(baseline_hidden, "finding")
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
        super::write(
            &testing::report(),
            &mut out,
            super::HumanOptions {
                color: true,
                expand: false,
            },
        )
        .unwrap();
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
                secondary: false,
            };
            let report = RunReport {
                files: vec![FileReport {
                    source: SourceFile::from_str("e.txt", text),
                    findings: vec![at(0), at(text.len())],
                }],
                errors: vec![],
            };
            let mut out = Vec::new();
            super::write(&report, &mut out, super::HumanOptions::default())
                .unwrap_or_else(|e| panic!("{text:?}: {e}"));
        }
    }
}
