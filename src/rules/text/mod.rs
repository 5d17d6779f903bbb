//! Text hygiene: repeated words, unbalanced brackets and quotes.

pub mod repeated_word;
pub mod unbalanced_delimiter;

pub use repeated_word::RepeatedWord;
pub use unbalanced_delimiter::UnbalancedDelimiter;

use crate::source::Span;

/// Whether the span stands on a line that holds several columns or cells: see
/// [`is_line_of_cells`]. What stands next to it in the text may belong to another
/// column.
pub(super) fn on_a_line_of_cells(source: &str, span: Span) -> bool {
    let (head, tail) = line_around(source, span);
    is_line_of_cells(&format!("{head}x{tail}"))
}

/// Whether one of the two lines before or after the span's line (blank lines skipped)
/// holds cells:
/// in a paged document, a line beside a table row may be a cell's wrapped text
/// ("withdrawn (not include" / "reused rainwater)").
pub(super) fn beside_cells(source: &str, span: Span) -> bool {
    let from = crate::source::floor_char_boundary(source, span.start.saturating_sub(400));
    let to = crate::source::floor_char_boundary(source, (span.end + 400).min(source.len()));
    let before = source.get(from..span.start).unwrap_or("");
    let after = source.get(span.end..to).unwrap_or("");
    // The first element of each split is the span's own line; a cell's text may wrap
    // over two lines under its row ("Cubic" / "meters").
    let near = |lines: &mut dyn Iterator<Item = &str>| {
        lines
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .take(2)
            .any(is_line_of_cells)
    };
    near(&mut before.rsplit('\n')) || near(&mut after.split('\n'))
}

/// The text of the span's line before and after it (at most 400 bytes either way).
fn line_around(source: &str, span: Span) -> (&str, &str) {
    let from = crate::source::floor_char_boundary(source, span.start.saturating_sub(400));
    let to = crate::source::floor_char_boundary(source, (span.end + 400).min(source.len()));
    let head = source
        .get(from..span.start)
        .and_then(|h| h.rsplit('\n').next())
        .unwrap_or("");
    let tail = source
        .get(span.end..to)
        .and_then(|t| t.split('\n').next())
        .unwrap_or("");
    (head, tail)
}

/// Scattered letters: the span's line is mostly words of one or two characters (five
/// words or more), as an extractor writes text set vertically or along a curve ("e e
/// n n : s c d h e a"). Not prose.
pub(super) fn in_letter_soup(source: &str, span: Span) -> bool {
    let (head, tail) = line_around(source, span);
    let inside = source.get(span.start..span.end).unwrap_or("");
    let words = head
        .split_whitespace()
        .chain(inside.split_whitespace())
        .chain(tail.split_whitespace());
    let (mut all, mut short) = (0usize, 0usize);
    for w in words {
        all += 1;
        if w.chars().count() <= 2 {
            short += 1;
        }
    }
    all >= LETTER_SOUP_WORDS && short * 5 >= all * 3
}

/// Words a line needs before it can be read as scattered letters.
const LETTER_SOUP_WORDS: usize = 5;

/// A line that holds several columns or cells: a tab between its words (the cells of
/// a PDF's table row), or a run of three spaces or more that is more than twice the
/// line's narrowest word space (`-layout` extracts, table rows; pdfminer's justified
/// lines space every word by three). A point's label and its tab stop ("(15)
/// ‘semi-natural land‘ means") are one column.
pub(crate) fn is_line_of_cells(line: &str) -> bool {
    let line = line.trim();
    let line = match line.split_once([' ', '\t']) {
        Some((label, rest)) if label.chars().count() <= 5 => rest.trim_start(),
        _ => line,
    };
    if line.contains('\t') {
        return true;
    }
    let gaps: Vec<usize> = line
        .split(|c: char| c != ' ')
        .map(str::len)
        .filter(|&n| n > 0)
        .collect();
    let narrowest = gaps.iter().copied().min().unwrap_or(0);
    gaps.iter().any(|&n| n >= 3 && n > 2 * narrowest)
}
