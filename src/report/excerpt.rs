//! Bounded source excerpts for the human format.
//!
//! codespan prints every line a label touches, whole. On a document with one very long
//! line (a PDF extract without line breaks, a minified file) that is the whole
//! document per finding. Here each finding gets its own small source: for each label,
//! a window of at most [`WIDTH`] characters of its line around the span, cut with `…`
//! and with control characters escaped. The excerpt reports the real line numbers and
//! columns, so the output reads as before.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use crate::source::{floor_char_boundary, SourceFile, Span};

/// Characters of one line shown around a span, at most.
pub const WIDTH: usize = 200;
/// Characters of a span shown, at most (a longer span is cut).
pub const SPAN: usize = 100;
/// Characters of a message, label or note, at most.
pub const TEXT: usize = 400;
/// Related places shown per finding, at most.
pub const RELATED: usize = 8;
/// Notes shown per finding, at most.
pub const NOTES: usize = 8;

/// One line of an excerpt.
struct Line {
    range: Range<usize>,
    number: usize,
    /// (byte in the excerpt, real 1-based column) for every label boundary.
    marks: Vec<(usize, usize)>,
}

/// The excerpt of one finding: the windows of its labels' lines.
pub struct Excerpt<'a> {
    name: &'a str,
    text: String,
    lines: Vec<Line>,
}

/// Text made safe and short: line ends become spaces, other control characters
/// visible escapes, and at most [`TEXT`] characters are kept.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(TEXT * 4));
    let mut n = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if n == TEXT {
            out.push('…');
            break;
        }
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => out.push(' '),
            _ => super::escape::push_escaped(&mut out, c),
        }
        n += 1;
    }
    out
}

impl<'a> Excerpt<'a> {
    /// Build the excerpt of `spans` (clamped to the text) in `source`; returns it with
    /// each span's range in the excerpt, in the same order. Lines are in text order;
    /// spans on one line share its window when they fit in it together.
    pub fn new(name: &'a str, source: &SourceFile, spans: &[Span]) -> (Self, Vec<Range<usize>>) {
        let text = source.text.as_str();
        let mut ex = Excerpt {
            name,
            text: String::new(),
            lines: Vec::new(),
        };
        // Each span on its first line, cut at the line's end and at SPAN characters.
        struct Cut {
            index: usize,
            line: usize,
            start: usize,
            end: usize,
        }
        let mut cuts: Vec<Cut> = spans
            .iter()
            .enumerate()
            .map(|(index, span)| {
                let start = floor_char_boundary(text, span.start.min(text.len()));
                let line = source.line_index(start);
                let line_end = source.line_starts()[line] + source.line_text(line).len();
                let start = start.min(line_end);
                let mut end = floor_char_boundary(text, span.end.min(line_end)).max(start);
                if let Some((i, _)) = text[start..end].char_indices().nth(SPAN) {
                    end = start + i;
                }
                Cut {
                    index,
                    line,
                    start,
                    end,
                }
            })
            .collect();
        cuts.sort_by_key(|c| (c.line, c.start, c.end));
        let mut ranges = vec![0..0; spans.len()];
        let mut i = 0;
        let mut previous_line: Option<usize> = None;
        while i < cuts.len() {
            // The spans of this line that fit in one window with the first.
            let line = cuts[i].line;
            let first = cuts[i].start;
            let mut j = i + 1;
            let mut last = cuts[i].end;
            while j < cuts.len()
                && cuts[j].line == line
                && text[first..cuts[j].end.max(last)].chars().count() <= WIDTH
            {
                last = last.max(cuts[j].end);
                j += 1;
            }
            // Two empty lines make codespan print a break (`·`) between lines that
            // are not adjacent in the text.
            if previous_line.is_some_and(|p| p + 1 < line) {
                for _ in 0..2 {
                    let at = ex.text.len();
                    ex.lines.push(Line {
                        range: at..at,
                        number: 0,
                        marks: Vec::new(),
                    });
                    ex.text.push('\n');
                }
            }
            previous_line = Some(line);
            ex.push_window(
                source,
                line,
                first,
                last,
                &cuts[i..j]
                    .iter()
                    .map(|c| (c.index, c.start, c.end))
                    .collect::<Vec<_>>(),
                &mut ranges,
            );
            i = j;
        }
        (ex, ranges)
    }

    /// One window of line `line` around `first..last`, with the ranges of `cuts`
    /// (index, start, end) recorded.
    fn push_window(
        &mut self,
        source: &SourceFile,
        line: usize,
        first: usize,
        last: usize,
        cuts: &[(usize, usize, usize)],
        ranges: &mut [Range<usize>],
    ) {
        let text = source.text.as_str();
        let line_start = source.line_starts()[line];
        let line_end = line_start + source.line_text(line).len();
        let shown = text[first..last].chars().count();
        let budget = WIDTH.saturating_sub(shown);
        // Context on both sides; what one side does not use goes to the other.
        let before_has = text[line_start..first].chars().rev().take(budget).count();
        let after_has = text[last..line_end].chars().take(budget).count();
        let before = before_has.min((budget / 2).max(budget.saturating_sub(after_has)));
        let after = budget - before;
        let window_start = if before == 0 {
            first
        } else {
            text[line_start..first]
                .char_indices()
                .rev()
                .nth(before - 1)
                .map_or(line_start, |(i, _)| line_start + i)
        };
        let window_end = text[last..line_end]
            .char_indices()
            .nth(after)
            .map_or(line_end, |(i, _)| last + i);
        let from = self.text.len();
        if window_start > line_start {
            self.text.push('…');
        }
        let mut marks: Vec<(usize, usize)> = Vec::new();
        let mut column = source.position(window_start).column;
        let mut at_offset: Vec<(usize, usize)> = Vec::new(); // (real offset, excerpt byte)
        let mut wanted: Vec<usize> = cuts.iter().flat_map(|c| [c.1, c.2]).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut w = 0;
        for (i, c) in text[window_start..window_end].char_indices() {
            let at = window_start + i;
            while w < wanted.len() && wanted[w] <= at {
                at_offset.push((wanted[w], self.text.len()));
                marks.push((self.text.len(), column));
                w += 1;
            }
            super::escape::push_escaped(&mut self.text, c);
            column += 1;
        }
        while w < wanted.len() {
            at_offset.push((wanted[w], self.text.len()));
            marks.push((self.text.len(), column));
            w += 1;
        }
        if window_end < line_end {
            self.text.push('…');
        }
        for &(index, start, end) in cuts {
            let find = |o: usize| {
                at_offset
                    .iter()
                    .find(|(r, _)| *r == o)
                    .map_or(from, |(_, e)| *e)
            };
            ranges[index] = find(start)..find(end);
        }
        self.lines.push(Line {
            range: from..self.text.len(),
            number: line + 1,
            marks,
        });
        self.text.push('\n');
    }

    fn line_of(&self, byte: usize) -> usize {
        self.lines
            .partition_point(|l| l.range.start <= byte)
            .saturating_sub(1)
    }
}

impl<'f> Files<'f> for Excerpt<'_> {
    type FileId = ();
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, (): ()) -> Result<&'f str, Error> {
        Ok(self.name)
    }

    fn source(&'f self, (): ()) -> Result<&'f str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'f self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self.line_of(byte_index))
    }

    fn line_number(&'f self, (): (), line_index: usize) -> Result<usize, Error> {
        self.lines
            .get(line_index)
            .map(|l| l.number)
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: self.lines.len(),
            })
    }

    fn column_number(
        &'f self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let line = self.lines.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: self.lines.len(),
        })?;
        if let Some(&(_, c)) = line.marks.iter().find(|(b, _)| *b == byte_index) {
            return Ok(c);
        }
        let start = line.range.start.min(byte_index);
        Ok(self.text[start..byte_index.min(self.text.len())]
            .chars()
            .count()
            + 1)
    }

    fn line_range(&'f self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        self.lines
            .get(line_index)
            .map(|l| l.range.clone())
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: self.lines.len(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_on_a_huge_line_gets_a_bounded_window_with_real_positions() {
        let line = "woord ".repeat(10_000);
        let text = format!("Titel\n{line}einde\n");
        let source = SourceFile::from_str("a.txt", &text);
        let at = text.find("einde").unwrap();
        let (ex, ranges) = Excerpt::new("a.txt", &source, &[Span::new(at, at + 5)]);
        assert!(ex.text.chars().count() <= WIDTH + 3, "{}", ex.text.len());
        assert_eq!(&ex.text[ranges[0].clone()], "einde");
        assert!(ex.text.starts_with('…'));
        let loc = ex.location((), ranges[0].start).unwrap();
        assert_eq!((loc.line_number, loc.column_number), (2, 60_001));
    }

    #[test]
    fn control_characters_in_the_window_are_escaped_and_marks_follow() {
        let text = "a\u{1b}[2Jb target\rnext";
        let source = SourceFile::from_str("a.txt", text);
        let at = text.find("target").unwrap();
        let (ex, ranges) = Excerpt::new("a.txt", &source, &[Span::new(at, at + 6)]);
        assert!(!ex.text.contains('\u{1b}'));
        assert_eq!(&ex.text[ranges[0].clone()], "target");
        assert_eq!(ex.location((), ranges[0].start).unwrap().column_number, 8);
    }

    #[test]
    fn long_text_is_cut_and_kept_on_one_line() {
        let s = one_line(&"x\r\n".repeat(1000));
        assert!(s.chars().count() <= TEXT + 1);
        assert!(!s.contains(['\r', '\n']));
    }
}
