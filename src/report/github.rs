//! `--format github`: GitHub Actions workflow commands, one annotation per finding:
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
//!
//! Document text ends up in messages, so everything is escaped as the runner expects
//! (`%`, `\r`, `\n` everywhere; `:` and `,` also in properties): no text can start a
//! workflow command of its own.

use std::io::{self, Write};

use super::{location, RunReport};
use crate::finding::Level;

/// Escape a message (the part after `::`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (`file=`, `title=`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn write(report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
    for (source, f) in report.findings() {
        let (start, end) = location(source, f.span);
        let command = match f.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "notice",
        };
        let mut message = f.message.clone();
        if let Some(help) = &f.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&source.path),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&format!("{} ({})", f.code, f.rule)),
            escape_data(&message),
        )?;
    }
    for e in &report.errors {
        writeln!(
            out,
            "::error file={},title=policylint::{}",
            escape_property(&e.path),
            escape_data(&e.message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{testing, Format};
    use super::*;

    #[test]
    fn escapes_hostile_text() {
        assert_eq!(escape_data("50%\r\n::error::x"), "50%25%0D%0A::error::x");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn no_document_text_can_start_a_command() {
        let out = testing::render(Format::Github);
        let lines: Vec<&str> = out.lines().collect();
        // Two findings and one error: one line each, whatever the messages contain.
        assert_eq!(lines.len(), 3, "{out}");
        assert_eq!(
            lines[0],
            "::error file=docs/a draft.txt,line=2,col=25,endLine=2,endColumn=27,\
             title=FN001 (footnote-undefined)::footnote 12 is referenced but never defined\
             %0Ahelp: add the text of footnote 12 or remove the reference"
        );
        assert_eq!(
            lines[1],
            "::notice file=docs/a draft.txt,line=3,col=21,endLine=3,endColumn=25,\
             title=TX001 (repeated-word)::hostile: 50%25, a:b%0D%0A::error::x"
        );
        assert!(lines[2].starts_with("::error file=missing.txt,title=policylint::cannot read file"));
        for l in &lines {
            assert!(l.starts_with("::error ") || l.starts_with("::notice "));
        }
    }
}
