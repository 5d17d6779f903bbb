//! `Text`: a string rebuilt from pieces of the source (wrapped lines joined, page
//! breaks and footnote blocks skipped) that keeps a map from every byte back to the
//! source, so that anything found in it can be reported at its real place.

use crate::source::Span;

/// A byte range in a rebuilt [`Text`] (an offset into `Text::as_str()`), as opposed to
/// a source [`Span`]. The two meet only in [`Text::source_span`] and
/// [`Text::source_spans`]; a `Span` cannot be passed where a `TextRange` is meant.
/// Written `(start..end).into()` where the parameter type says what it is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TextRange {
    pub start: usize,
    pub end: usize,
}

impl TextRange {
    pub fn new(start: usize, end: usize) -> Self {
        TextRange { start, end }
    }
}

impl From<std::ops::Range<usize>> for TextRange {
    fn from(r: std::ops::Range<usize>) -> Self {
        TextRange::new(r.start, r.end)
    }
}

/// One run of the rebuilt text: either a verbatim copy of `len` source bytes starting
/// at `source_start`, or a synthetic insertion (a joining space) that maps to one
/// source position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    text_start: usize,
    source_start: usize,
    len: usize,
    synthetic: bool,
}

/// A rebuilt string with a map back to the source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    text: String,
    pieces: Vec<Piece>,
}

impl Text {
    pub fn new() -> Self {
        Self::default()
    }

    /// A text that is one verbatim slice of the source.
    pub fn from_source(source: &str, span: Span) -> Self {
        let mut t = Text::new();
        t.push_source(source, span);
        t
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Append `source[span]` verbatim.
    pub fn push_source(&mut self, source: &str, span: Span) {
        if span.is_empty() {
            return;
        }
        let text_start = self.text.len();
        self.text.push_str(&source[span.start..span.end]);
        // Merge with the previous piece when contiguous, to keep maps short.
        if let Some(last) = self.pieces.last_mut() {
            if !last.synthetic
                && last.source_start + last.len == span.start
                && last.text_start + last.len == text_start
            {
                last.len += span.len();
                return;
            }
        }
        self.pieces.push(Piece {
            text_start,
            source_start: span.start,
            len: span.len(),
            synthetic: false,
        });
    }

    /// Append text that is not in the source (e.g. the space that joins two wrapped
    /// lines); it maps to `at` in the source.
    pub fn push_synthetic(&mut self, s: &str, at: usize) {
        if s.is_empty() {
            return;
        }
        let text_start = self.text.len();
        self.text.push_str(s);
        self.pieces.push(Piece {
            text_start,
            source_start: at,
            len: s.len(),
            synthetic: true,
        });
    }

    /// True when the text ends with `c`.
    pub fn ends_with(&self, c: char) -> bool {
        self.text.ends_with(c)
    }

    /// Remove trailing whitespace (keeps the map consistent).
    pub fn trim_end(&mut self) {
        let new_len = self.text.trim_end().len();
        self.truncate(new_len);
    }

    /// Shorten to `len` bytes (must be a char boundary).
    pub fn truncate(&mut self, len: usize) {
        if len >= self.text.len() {
            return;
        }
        self.text.truncate(len);
        while let Some(last) = self.pieces.last_mut() {
            if last.text_start >= len {
                self.pieces.pop();
            } else {
                if last.text_start + last.len > len {
                    last.len = len - last.text_start;
                }
                break;
            }
        }
    }

    /// Source offset of a text offset. Offsets inside a synthetic piece map to its
    /// anchor; the end of the text maps just after the last source byte.
    pub fn source_offset(&self, offset: usize) -> usize {
        if self.pieces.is_empty() {
            return 0;
        }
        let idx = match self.pieces.binary_search_by(|p| p.text_start.cmp(&offset)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let p = self.pieces[idx];
        if p.synthetic {
            p.source_start
        } else {
            p.source_start + (offset - p.text_start).min(p.len)
        }
    }

    /// The source span of a text range. The end maps from the last byte of the range,
    /// so a range never swallows a skipped block that follows it.
    pub fn source_span(&self, range: TextRange) -> Span {
        let TextRange { start, end } = range;
        let s = self.source_offset(start);
        if end <= start {
            return Span::new(s, s);
        }
        let last = self.source_offset(end - 1);
        let last_piece_synthetic = self.piece_at(end - 1).is_some_and(|p| p.synthetic);
        let e = if last_piece_synthetic { last } else { last + 1 };
        // Extend to the end of a multi-byte character.
        Span::new(s, e.max(s))
    }

    /// Source span of the whole text.
    pub fn span(&self) -> Span {
        self.source_span((0..self.text.len()).into())
    }

    fn piece_at(&self, offset: usize) -> Option<Piece> {
        let idx = match self.pieces.binary_search_by(|p| p.text_start.cmp(&offset)) {
            Ok(i) => i,
            Err(i) => i.checked_sub(1)?,
        };
        self.pieces.get(idx).copied()
    }

    /// A copy of this text without the bytes `start..end` (e.g. a glued footnote
    /// marker), with the map kept exact.
    pub fn without(&self, range: TextRange) -> Text {
        let TextRange { start, end } = range;
        let mut out = Text::new();
        for p in &self.pieces {
            let (ps, pe) = (p.text_start, p.text_start + p.len);
            for (s, e) in [(ps, pe.min(start)), (ps.max(end), pe)] {
                if s >= e {
                    continue;
                }
                if p.synthetic {
                    out.push_synthetic(&self.text[s..e], p.source_start);
                } else {
                    let src = p.source_start + (s - ps);
                    out.text.push_str(&self.text[s..e]);
                    out.pieces.push(Piece {
                        text_start: out.text.len() - (e - s),
                        source_start: src,
                        len: e - s,
                        synthetic: false,
                    });
                }
            }
        }
        out
    }

    /// Source spans of the verbatim pieces that overlap a text range, one per
    /// contiguous run (e.g. one per physical line of a wrapped sentence).
    pub fn source_spans(&self, range: TextRange) -> Vec<Span> {
        let TextRange { start, end } = range;
        let mut out = Vec::new();
        for p in &self.pieces {
            if p.synthetic || p.text_start + p.len <= start || p.text_start >= end {
                continue;
            }
            let s = start.max(p.text_start);
            let e = end.min(p.text_start + p.len);
            out.push(Span::new(
                p.source_start + (s - p.text_start),
                p.source_start + (e - p.text_start),
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_joined_lines_back_to_the_source() {
        let src = "first line \n\nsecond line\n";
        let mut t = Text::new();
        t.push_source(src, Span::new(0, 10));
        t.push_synthetic(" ", 10);
        t.push_source(src, Span::new(13, 24));
        assert_eq!(t.as_str(), "first line second line");
        let at = t.as_str().find("second").unwrap();
        assert_eq!(t.source_offset(at), 13);
        assert_eq!(t.source_span((at..at + 6).into()), Span::new(13, 19));
        let s = t.source_span(TextRange::new(6, 17));
        assert_eq!(&src[s.start..s.end], "line \n\nsecond");
        assert_eq!(
            t.source_spans((6..17).into()),
            vec![Span::new(6, 10), Span::new(13, 19)]
        );
        assert_eq!(t.span(), Span::new(0, 24));
    }

    #[test]
    fn without_removes_a_range_and_keeps_the_map() {
        let src = "aangenomen1, en";
        let t = Text::from_source(src, Span::new(0, src.len()));
        let w = t.without((10..11).into());
        assert_eq!(w.as_str(), "aangenomen, en");
        assert_eq!(w.source_offset(10), 11);
        assert_eq!(w.source_span((11..13).into()), Span::new(12, 14));
    }

    #[test]
    fn truncate_keeps_the_map() {
        let src = "abc def  ";
        let mut t = Text::from_source(src, Span::new(0, 9));
        t.trim_end();
        assert_eq!(t.as_str(), "abc def");
        assert_eq!(t.span(), Span::new(0, 7));
    }
}
