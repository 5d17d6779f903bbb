//! Phase 1: classify every physical line on its own. Total: a line that matches no
//! special shape is text, never an error. Context (zones, boxes, sequences) is phase 2's.

use std::sync::LazyLock;

// Compiled on first use, and not at all for a text without the words they need.
use crate::lazy_regex::LazyRe as Regex;

use crate::source::Span;

/// What a physical line looks like, before context is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// Empty line (the extractor writes one after every visual line).
    Blank,
    /// Only spaces: a short run is vertical space; a long run is a footnote separator.
    Spaces(usize),
    /// 1–3 digits and nothing else, no trailing space: a footnote reference or the
    /// label of a footnote definition.
    LoneNumber(u32),
    /// 1–3 digits followed by a space: a surviving page number.
    PageNumber(u32),
    /// A running footer of a Council document ("10179/22   dau/pc 2", " RELEX.5  NL").
    Footer(Option<u32>),
    /// A bare URL with no trailing space: a PDF link annotation.
    Url,
    /// Anything else.
    Text,
}

/// A classified line with its measurements.
#[derive(Clone, Copy, Debug)]
pub struct Line {
    /// 0-based physical line number.
    pub index: usize,
    /// The line without its line end.
    pub span: Span,
    /// The line's content: leading and trailing whitespace removed.
    pub content: Span,
    pub kind: LineKind,
    /// Leading spaces before the content.
    pub indent: usize,
    /// Trailing spaces after the content.
    pub trailing: usize,
    /// The line starts with a form feed (how pdftotext marks a new page).
    pub form_feed: bool,
}

/// The shortest run of spaces that counts as a footnote separator.
pub const SEPARATOR_MIN: usize = 20;

static FOOTER_DOCNUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{3,5}/\d{2}(?:\s+(?:REV|ADD|COR)\s*\d*)?\s{2,}[A-Za-z]{1,6}/[A-Za-z]{1,6}(?:/[A-Za-z]{1,6})?\s+(\d{1,3})$")
        .expect("valid regex")
});
static FOOTER_DIRECTORATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z]{2,6}(?:\.\d+)*(?:\.[A-Z])?|GIP(?:\.\d+)?)\s{2,}(?:LIMITE\s+)?[A-Z]{2}$")
        .expect("valid regex")
});

/// Two white-space characters in a row, which `\s{2,}` in the footer patterns needs
/// (regex `\s` is Unicode White_Space, as [`char::is_whitespace`]).
fn has_whitespace_pair(s: &str) -> bool {
    let mut previous = false;
    s.chars().any(|c| {
        let pair = previous && c.is_whitespace();
        previous = c.is_whitespace();
        pair
    })
}

/// Split a text into lines (`\n`, `\r\n`, lone `\r`) and classify each.
pub fn classify_all(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    loop {
        match bytes[start..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
        {
            Some(p) => {
                let end = start + p;
                lines.push(classify(text, lines.len(), Span::new(start, end)));
                let mut next = end + 1;
                if bytes[end] == b'\r' && bytes.get(next) == Some(&b'\n') {
                    next += 1;
                }
                start = next;
                if start >= bytes.len() {
                    break;
                }
            }
            None => {
                lines.push(classify(text, lines.len(), Span::new(start, bytes.len())));
                break;
            }
        }
    }
    lines
}

/// Classify one line.
pub fn classify(text: &str, index: usize, span: Span) -> Line {
    let full = &text[span.start..span.end];
    let form_feed = full.starts_with('\u{c}');
    let span = if form_feed {
        Span::new(span.start + 1, span.end)
    } else {
        span
    };
    let s = &text[span.start..span.end];
    let body = s.trim_start_matches([' ', '\t', '\u{a0}']);
    let indent = s.len() - body.len();
    let content_str = body.trim_end_matches([' ', '\t', '\u{a0}']);
    let trailing = body.len() - content_str.len();
    let content = Span::new(span.start + indent, span.start + indent + content_str.len());
    let kind = if s.is_empty() {
        LineKind::Blank
    } else if content_str.is_empty() {
        LineKind::Spaces(s.chars().count())
    } else if content_str.len() <= 3 && content_str.bytes().all(|b| b.is_ascii_digit()) {
        let n: u32 = content_str.parse().unwrap_or(0);
        if trailing == 0 {
            LineKind::LoneNumber(n)
        } else {
            LineKind::PageNumber(n)
        }
    } else if let Some(c) = FOOTER_DOCNUM.captures(content_str) {
        LineKind::Footer(c.get(1).and_then(|m| m.as_str().parse().ok()))
    } else if has_whitespace_pair(content_str) && FOOTER_DIRECTORATE.is_match(content_str) {
        LineKind::Footer(None)
    } else if trailing == 0
        && indent == 0
        && (content_str.starts_with("http://") || content_str.starts_with("https://"))
        && !content_str.contains(' ')
    {
        LineKind::Url
    } else {
        LineKind::Text
    };
    Line {
        index,
        span,
        content,
        kind,
        indent,
        trailing,
        form_feed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<LineKind> {
        classify_all(text).into_iter().map(|l| l.kind).collect()
    }

    #[test]
    fn classifies_the_shapes_of_pdf_extracts() {
        let text = "Body line \n\n12\n5 \n                                                           \n\
                    10179/22   dau/pc 2 \n RELEX.5  NL \nhttps://example.eu/a.pdf\nhttps://x.eu ok \n \n";
        assert_eq!(
            kinds(text),
            vec![
                LineKind::Text,
                LineKind::Blank,
                LineKind::LoneNumber(12),
                LineKind::PageNumber(5),
                LineKind::Spaces(59),
                LineKind::Footer(Some(2)),
                LineKind::Footer(None),
                LineKind::Url,
                LineKind::Text,
                LineKind::Spaces(1),
            ]
        );
    }

    #[test]
    fn measures_indent_and_trailing_space() {
        let l = &classify_all(" I.  INLEIDING \r\nnext")[0];
        assert_eq!((l.indent, l.trailing), (1, 1));
        assert_eq!(
            &" I.  INLEIDING \r\nnext"[l.content.start..l.content.end],
            "I.  INLEIDING"
        );
        assert_eq!(classify_all("a\rb\r\nc").len(), 3);
        assert_eq!(classify_all("").len(), 1);
        assert_eq!(classify_all("a\n").len(), 1);
    }

    #[test]
    fn numbers_that_are_not_lone_numbers() {
        assert_eq!(kinds("2004"), vec![LineKind::Text]);
        assert_eq!(kinds("19 juni 2017. "), vec![LineKind::Text]);
        assert_eq!(kinds("4068e zitting"), vec![LineKind::Text]);
    }

    #[test]
    fn form_feed_marks_a_page_and_is_not_content() {
        let l = &classify_all("a\n\u{c}Next page")[1];
        assert!(l.form_feed);
        assert_eq!(l.kind, LineKind::Text);
        assert_eq!(l.indent, 0);
    }
}
