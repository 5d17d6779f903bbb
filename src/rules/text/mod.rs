//! Text hygiene: repeated words, unbalanced brackets and quotes.

pub mod repeated_word;
pub mod unbalanced_delimiter;

pub use repeated_word::RepeatedWord;
pub use unbalanced_delimiter::UnbalancedDelimiter;

use crate::source::Span;

/// Whether the span stands on a line that holds several columns or cells (a run of
/// three spaces or more between its words, and more than twice the line's narrowest
/// word space, as `-layout` extracts and table rows give them; pdfminer's justified
/// lines space every word by three): what stands next to it in the text may belong to
/// another column.
pub(super) fn on_a_line_of_cells(source: &str, span: Span) -> bool {
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
    let line = format!("{head}x{tail}");
    let line = line.trim();
    // A point's label and its tab stop ("(15)   ‘semi-natural land‘ means") are one
    // column.
    let line = match line.split_once(' ') {
        Some((label, rest)) if label.chars().count() <= 5 => rest.trim_start(),
        _ => line,
    };
    let gaps: Vec<usize> = line
        .split(|c: char| c != ' ')
        .map(str::len)
        .filter(|&n| n > 0)
        .collect();
    let narrowest = gaps.iter().copied().min().unwrap_or(0);
    gaps.iter().any(|&n| n >= 3 && n > 2 * narrowest)
}
