//! A source file: its decoded text, and the maps from text offsets back to the
//! original file's bytes and to 1-based line/column positions.

use serde::Serialize;

/// Byte range into the decoded source text, end-exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
}

impl From<Span> for std::ops::Range<usize> {
    fn from(s: Span) -> Self {
        s.start..s.end
    }
}

/// How the original bytes were decoded; needed to map text offsets back to file bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
    /// The text is policylint's own rendering of a PDF or Word document (what
    /// `dump --format text` prints); offsets into it are the finding's byte offsets.
    Rendered,
}

/// Where things are in a rendered document (PDF, Word): the page and paragraph each
/// part of the rendering came from, so that findings can name them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendering {
    /// (offset into the rendering where a page starts, printed or 1-based page number),
    /// sorted by offset.
    pub page_starts: Vec<(usize, u32)>,
    /// Offsets where each paragraph of the original starts (paragraph n is index n-1),
    /// sorted; Word input numbers its paragraphs in document order.
    pub paragraph_starts: Vec<usize>,
    /// (offset where a footnote's text starts in the rendering, its number), sorted.
    pub footnote_starts: Vec<(usize, u32)>,
}

impl Rendering {
    fn at<T: Copy>(starts: &[(usize, T)], offset: usize) -> Option<T> {
        let i = starts.partition_point(|(o, _)| *o <= offset);
        i.checked_sub(1).map(|i| starts[i].1)
    }

    /// The page that holds `offset`.
    pub fn page_at(&self, offset: usize) -> Option<u32> {
        Self::at(&self.page_starts, offset)
    }

    /// The 1-based paragraph that holds `offset`.
    pub fn paragraph_at(&self, offset: usize) -> Option<u32> {
        let i = self.paragraph_starts.partition_point(|o| *o <= offset);
        (i > 0).then_some(i as u32)
    }

    /// The footnote whose text holds `offset` (a footnote runs to the next one).
    pub fn footnote_at(&self, offset: usize) -> Option<u32> {
        Self::at(&self.footnote_starts, offset)
    }
}

/// A decoded source file.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path as given by the user (with `/`).
    pub path: String,
    /// Decoded text; every span in the model indexes into this string.
    pub text: String,
    pub encoding: Encoding,
    /// Pages, paragraphs and footnotes of a rendered PDF or Word document.
    pub rendering: Option<Rendering>,
    /// Where the decoder replaced bytes it could not decode (by U+FFFD), in text
    /// order; empty for a clean decode. See [`crate::decode`].
    pub replaced: Vec<Replaced>,
    line_starts: Vec<usize>,
    /// Characters before every [`CHAR_BLOCK`]-th byte (floored to a character
    /// boundary): a column is counted from the nearest mark, so that many positions on
    /// one long line cost a block each, not the line.
    char_marks: Vec<(usize, usize)>,
}

/// Bytes between two character-count marks.
const CHAR_BLOCK: usize = 4096;

/// Bytes of the file the decoder could not decode and replaced by U+FFFD.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Replaced {
    /// Offset of the U+FFFD in the text.
    pub text: usize,
    /// Offset of the bad bytes in the file.
    pub file: usize,
    /// How many bytes were replaced.
    pub len: usize,
    /// The replaced bytes (at most 4).
    pub bytes: Vec<u8>,
    /// Why: "invalid UTF-8", "an odd byte at the end of UTF-16", ...
    pub what: &'static str,
}

/// A 1-based position: line, and column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: String, encoding: Encoding) -> Self {
        let line_starts = line_starts(&text);
        let char_marks = char_marks(&text);
        SourceFile {
            path: path.into(),
            text,
            encoding,
            rendering: None,
            replaced: Vec::new(),
            line_starts,
            char_marks,
        }
    }

    /// A PDF or Word document's text rendering, with its page and paragraph map.
    pub fn rendered(path: impl Into<String>, text: String, rendering: Rendering) -> Self {
        let mut source = Self::new(path, text, Encoding::Rendered);
        source.rendering = Some(rendering);
        source
    }

    /// A UTF-8 source (used by tests and standard input).
    pub fn from_str(path: impl Into<String>, text: &str) -> Self {
        Self::new(path, text.to_string(), Encoding::Utf8)
    }

    /// Byte offsets at which each line starts (line ends: `\n`, `\r\n` or a lone `\r`).
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// 0-based line index of a text offset.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// 1-based line and character column of a text offset (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let column = if offset - start <= CHAR_BLOCK {
            self.text[start..offset].chars().count() + 1
        } else {
            self.chars_before(offset) - self.chars_before(start) + 1
        };
        Position {
            line: line + 1,
            column,
        }
    }

    /// The text of a 0-based line, without its line end.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Offset into the original file's bytes of a text offset (differs from the
    /// text offset only for files that were not plain UTF-8).
    pub fn file_offset(&self, offset: usize) -> usize {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        // A U+FFFD (3 bytes) stands for `len` bytes of the file.
        let shift = |offset: usize| -> usize {
            self.replaced
                .iter()
                .take_while(|r| r.text < offset)
                .fold(offset, |o, r| (o + r.len).saturating_sub(3))
        };
        match self.encoding {
            Encoding::Utf8 | Encoding::Rendered => shift(offset),
            Encoding::Utf8Bom => shift(offset) + 3,
            Encoding::Windows1252 => self.text[..offset].chars().count(),
            Encoding::Utf16Le | Encoding::Utf16Be => {
                2 + 2 * self.text[..offset]
                    .chars()
                    .map(char::len_utf16)
                    .sum::<usize>()
            }
        }
    }

    pub fn slice(&self, span: Span) -> &str {
        let s = floor_char_boundary(&self.text, span.start.min(self.text.len()));
        let e = floor_char_boundary(&self.text, span.end.min(self.text.len()));
        &self.text[s..e.max(s)]
    }
}

impl SourceFile {
    /// Characters before a character boundary `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        let mark = (offset / CHAR_BLOCK).min(self.char_marks.len().saturating_sub(1));
        let (at, before) = self.char_marks.get(mark).copied().unwrap_or((0, 0));
        before + self.text[at..offset].chars().count()
    }
}

fn char_marks(text: &str) -> Vec<(usize, usize)> {
    let mut marks = vec![(0, 0)];
    let mut counted = 0;
    let mut at = 0;
    // Mark k stands at the boundary at or before byte k × CHAR_BLOCK.
    while marks.len() * CHAR_BLOCK <= text.len() {
        let next = floor_char_boundary(text, marks.len() * CHAR_BLOCK);
        counted += text[at..next].chars().count();
        marks.push((next, counted));
        at = next;
    }
    marks
}

fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => starts.push(i + 1),
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    // A final line end does not open a new (empty) line.
    if starts.len() > 1 && *starts.last().unwrap() == text.len() {
        starts.pop();
    }
    starts
}

/// The largest char boundary at or below `i`.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {

    #[test]
    fn columns_on_a_long_line_count_characters_from_the_line_start() {
        // Far past the first character-count mark, with multi-byte characters on both
        // sides of the marks.
        let line = "é a ".repeat(3_000);
        let text = format!("eerste regel\n{line}\n{line}");
        let source = SourceFile::from_str("x.txt", &text);
        for offset in (0..text.len()).step_by(997) {
            let offset = floor_char_boundary(&text, offset);
            let start = text[..offset].rfind('\n').map_or(0, |k| k + 1);
            let expected = text[start..offset].chars().count() + 1;
            assert_eq!(source.position(offset).column, expected, "offset {offset}");
        }
    }

    use super::*;

    #[test]
    fn positions_count_characters_and_all_line_ends() {
        let src = SourceFile::from_str("t", "ab\r\nçd\re\nf");
        assert_eq!(src.line_count(), 4);
        assert_eq!(src.position(0), Position { line: 1, column: 1 });
        // 'd' after the two-byte 'ç' is column 2.
        let d = src.text.find('d').unwrap();
        assert_eq!(src.position(d), Position { line: 2, column: 2 });
        assert_eq!(src.line_text(1), "çd");
        assert_eq!(src.line_text(2), "e");
        assert_eq!(src.position(src.text.len()).line, 4);
    }

    #[test]
    fn file_offsets_follow_the_encoding() {
        let src = SourceFile::new("t", "aé b".into(), Encoding::Windows1252);
        assert_eq!(src.file_offset(4), 3);
        let src = SourceFile::new("t", "aé b".into(), Encoding::Utf16Le);
        assert_eq!(src.file_offset(4), 2 + 6);
        let src = SourceFile::new("t", "ab".into(), Encoding::Utf8Bom);
        assert_eq!(src.file_offset(1), 4);
    }
}

#[cfg(test)]
mod rendering_tests {
    use super::*;

    #[test]
    fn rendering_names_page_paragraph_and_footnote() {
        let r = Rendering {
            page_starts: vec![(0, 3), (10, 4)],
            paragraph_starts: vec![0, 5, 12],
            footnote_starts: vec![(20, 1)],
        };
        assert_eq!(
            (r.page_at(0), r.page_at(9), r.page_at(10)),
            (Some(3), Some(3), Some(4))
        );
        assert_eq!(
            (r.paragraph_at(4), r.paragraph_at(5), r.paragraph_at(30)),
            (Some(1), Some(2), Some(3))
        );
        assert_eq!((r.footnote_at(19), r.footnote_at(25)), (None, Some(1)));
        let s = SourceFile::rendered("a.pdf", "x".repeat(30), r);
        assert_eq!(s.file_offset(7), 7);
    }
}
