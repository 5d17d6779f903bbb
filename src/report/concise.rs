//! `--format concise`: `path:line:col: level[CODE] message`, one finding per line.

use std::io::{self, Write};

use super::{location, RunReport};

pub fn write(report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
    for (source, f) in report.findings() {
        let (start, _) = location(source, f.span);
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            super::escape::control(&source.path),
            start.line,
            start.column,
            f.level.as_str(),
            f.code,
            super::excerpt::one_line(&one_line(&f.message))
        )?;
    }
    Ok(())
}

/// Messages quote document text; keep each finding on one line.
fn one_line(s: &str) -> String {
    s.split(['\r', '\n'])
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::{testing, Format};

    #[test]
    fn one_line_per_finding() {
        let out = testing::render(Format::Concise);
        let lines: Vec<_> = out.lines().collect();
        assert_eq!(
            lines,
            [
                "docs/a draft.txt:2:25: error[FN001] footnote 12 is referenced but never defined",
                "docs/a draft.txt:3:21: info[TX001] hostile: 50%, a:b ::error::x",
            ]
        );
    }
}
