//! Text from documents, file names and messages made safe for a terminal and a CI log.
//!
//! * [`control`]: control characters (a lone `\r`, ESC, NUL, C1 controls, the Unicode
//!   line separators and the bidirectional overrides) become visible escapes such as
//!   `\r` or `\u{1b}`, so no document text can move the cursor, recolour the terminal,
//!   start a new log line or reorder what is shown.
//! * [`RunnerSafe`]: a writer that neutralises the GitHub Actions runner's command
//!   syntaxes in every line it passes on: `::cmd::` at the start of a line (after
//!   blanks) and `##[cmd]` anywhere. The human and concise formats (and the messages on
//!   standard error) go through it; `--format github` escapes its own data.

use std::borrow::Cow;
use std::io::{self, Write};

/// Is this character shown as an escape?
fn is_hostile(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Control characters as visible escapes; everything else unchanged (tabs too).
pub fn control(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hostile) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// Push one character, escaped when hostile.
pub fn push_escaped(out: &mut String, c: char) {
    if !is_hostile(c) {
        out.push(c);
        return;
    }
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        _ => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

/// How [`RunnerSafe`] breaks a command syntax.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Plain text: `\##[`, and `\::` at a line start.
    Text,
    /// JSON text, where `##[` can only occur inside a string: `#\u0023[`.
    Json,
}

/// A writer that passes lines on with the runner's command syntaxes broken. Lines
/// end at `\n` or a lone `\r` (the runner reads both as line ends).
pub struct RunnerSafe<'a> {
    inner: &'a mut dyn Write,
    style: Style,
    line: Vec<u8>,
}

impl<'a> RunnerSafe<'a> {
    pub fn new(inner: &'a mut dyn Write, style: Style) -> Self {
        RunnerSafe {
            inner,
            style,
            line: Vec::new(),
        }
    }

    fn emit_line(&mut self) -> io::Result<()> {
        let line = std::mem::take(&mut self.line);
        let safe = neutralise(&line, self.style);
        self.inner.write_all(&safe)
    }
}

/// Break `##[` anywhere and `::` at the start of the line (after blanks).
pub fn neutralise(line: &[u8], style: Style) -> Cow<'_, [u8]> {
    let blanks = line
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    let starts_command = line[blanks..].starts_with(b"::");
    let has_v1 = line.windows(3).any(|w| w == b"##[");
    if !starts_command && !has_v1 {
        return Cow::Borrowed(line);
    }
    let mut out = Vec::with_capacity(line.len() + 8);
    let mut i = 0;
    while i < line.len() {
        if i == blanks && starts_command && style == Style::Text {
            out.push(b'\\');
        }
        if line[i..].starts_with(b"##[") {
            match style {
                Style::Text => out.extend_from_slice(b"#\\#["),
                Style::Json => out.extend_from_slice(b"#\\u0023["),
            }
            i += 3;
            continue;
        }
        out.push(line[i]);
        i += 1;
    }
    Cow::Owned(out)
}

impl Write for RunnerSafe<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for (i, &b) in buf.iter().enumerate() {
            self.line.push(b);
            let lone_cr = b == b'\r' && buf.get(i + 1) != Some(&b'\n');
            if b == b'\n' || lone_cr {
                self.emit_line()?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.line.is_empty() {
            self.emit_line()?;
        }
        self.inner.flush()
    }
}

impl Drop for RunnerSafe<'_> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(s: &str, style: Style) -> String {
        let mut out = Vec::new();
        {
            let mut w = RunnerSafe::new(&mut out, style);
            w.write_all(s.as_bytes()).unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(control("plain é\ttab"), "plain é\ttab");
        assert_eq!(control("a\rb\u{1b}[31mc\n"), "a\\rb\\u{1b}[31mc\\n");
        assert_eq!(control("x\u{202e}y\u{85}"), "x\\u{202e}y\\u{85}");
    }

    #[test]
    fn runner_commands_are_broken_in_every_line() {
        let out = through(
            "ok line\n::add-mask::secret\n  ::error::x\ntext ##[add-mask]y\n",
            Style::Text,
        );
        for line in out.lines() {
            assert!(!line.trim_start().starts_with("::"), "{line}");
            assert!(!line.contains("##["), "{line}");
        }
        assert!(out.starts_with("ok line\n\\::add-mask::secret\n"), "{out}");
        let json = through("{\"m\": \"##[add-mask]y\"}", Style::Json);
        assert_eq!(json, "{\"m\": \"#\\u0023[add-mask]y\"}");
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["m"], "##[add-mask]y");
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_for_the_check() {
        let out = through("a\r::set-output::x\n", Style::Text);
        assert_eq!(out, "a\r\\::set-output::x\n");
    }
}
