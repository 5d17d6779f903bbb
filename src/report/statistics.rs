//! `check --statistics`: findings counted per rule and per file, printed after the
//! findings (like ruff's `--statistics`). The human format prints the per-rule table by
//! default when several files are checked.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::Counts;
use crate::finding::Finding;

/// Counts gathered file by file as a run goes (streamed runs drop each file after).
#[derive(Clone, Debug, Default)]
pub struct Statistics {
    /// code → (rule name, counts).
    rules: BTreeMap<&'static str, (&'static str, Counts)>,
    /// Files in run order, with their counts.
    files: Vec<(String, Counts)>,
}

impl Statistics {
    /// Count one file's findings (after baseline and suppressions).
    pub fn add_file(&mut self, path: &str, findings: &[Finding]) {
        let mut file = Counts::default();
        for f in findings {
            file.add(f.level);
            self.rules
                .entry(f.code)
                .or_insert((f.rule, Counts::default()))
                .1
                .add(f.level);
        }
        self.files.push((path.to_string(), file));
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The per-rule table: most frequent first, then by code.
    pub fn write_rules(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut rows: Vec<_> = self.rules.iter().collect();
        rows.sort_by(|a, b| b.1 .1.total().cmp(&a.1 .1.total()).then(a.0.cmp(b.0)));
        let name_width = rows.iter().map(|r| r.1 .0.len()).max().unwrap_or(4).max(4);
        writeln!(
            out,
            "{:>6}  {:<7} {:<name_width$}  {:>6} {:>8} {:>5}",
            "count", "code", "rule", "error", "warning", "info"
        )?;
        for (code, (name, c)) in rows {
            writeln!(
                out,
                "{:>6}  {:<7} {:<name_width$}  {:>6} {:>8} {:>5}",
                c.total(),
                code,
                name,
                c.error,
                c.warning,
                c.info
            )?;
        }
        Ok(())
    }

    /// The per-file table, files with findings only, in run order.
    pub fn write_files(&self, out: &mut dyn Write) -> io::Result<()> {
        let rows: Vec<_> = self.files.iter().filter(|f| f.1.total() > 0).collect();
        let path_width = rows
            .iter()
            .map(|r| r.0.chars().count())
            .max()
            .unwrap_or(4)
            .clamp(4, 80);
        writeln!(
            out,
            "{:>6}  {:<path_width$}  {:>6} {:>8} {:>5}",
            "count", "file", "error", "warning", "info"
        )?;
        for (path, c) in rows {
            writeln!(
                out,
                "{:>6}  {:<path_width$}  {:>6} {:>8} {:>5}",
                c.total(),
                super::escape::control(path),
                c.error,
                c.warning,
                c.info
            )?;
        }
        Ok(())
    }

    /// Both tables, with a blank line between them.
    pub fn write_all(&self, out: &mut dyn Write) -> io::Result<()> {
        self.write_rules(out)?;
        writeln!(out)?;
        self.write_files(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Level;
    use crate::source::Span;

    fn finding(code: &'static str, rule: &'static str, level: Level) -> Finding {
        Finding {
            code,
            rule,
            level,
            message: String::new(),
            span: Span::new(0, 0),
            label: None,
            related: vec![],
            help: None,
            notes: vec![],
            secondary: false,
        }
    }

    #[test]
    fn counts_per_rule_and_per_file_most_frequent_first() {
        let mut s = Statistics::default();
        s.add_file(
            "a.txt",
            &[
                finding("AC001", "acronym-undefined", Level::Warning),
                finding("CM001", "undated-commitment", Level::Info),
                finding("CM001", "undated-commitment", Level::Warning),
            ],
        );
        s.add_file("b.txt", &[]);
        let mut out = Vec::new();
        s.write_all(&mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let cm = out.find("CM001").unwrap();
        let ac = out.find("AC001").unwrap();
        assert!(cm < ac, "most frequent first:\n{out}");
        let row = out.lines().find(|l| l.contains("CM001")).unwrap();
        assert_eq!(
            row.split_whitespace().collect::<Vec<_>>(),
            ["2", "CM001", "undated-commitment", "0", "1", "1"],
            "{out}"
        );
        assert!(out.contains("a.txt"), "{out}");
        assert!(
            !out.contains("b.txt"),
            "files without findings are left out:\n{out}"
        );
    }
}
