//! The document model: the structure recovered from a policy text, with a byte span
//! into the decoded source on every element.
//!
//! Parsing never fails: odd layout becomes a node or a [`ParseNote`].

pub mod analyses;
pub mod ascii_shadow;
pub mod docx;
pub mod inline;
pub mod layout;
pub mod legal_places;
pub mod legislative;
pub mod lines;
pub mod load;
pub mod markdown;
pub mod pdf;
pub mod pdftext;
pub mod profile;
pub mod sentences;
pub mod text;
pub mod words;

use serde::Serialize;

use crate::lang::Language;
pub use crate::source::{SourceFile, Span};
pub use text::{Text, TextRange};

/// Where the text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Plain text written by a PDF extractor (layout survives as whitespace).
    PdfText,
    Markdown,
    /// A PDF file read with its page geometry (the source is policylint's rendering).
    Pdf,
    /// A Word document, read from its parts (the text is policylint's rendering).
    Docx,
}

/// A parsed document.
#[derive(Clone, Debug)]
pub struct Document {
    pub source: SourceFile,
    pub format: Format,
    pub language: Language,
    pub pages: Vec<Page>,
    /// Running headers and footers, page-number lines and link annotations: kept out
    /// of the body.
    pub furniture: Vec<Furniture>,
    pub headings: Vec<Heading>,
    pub points: Vec<Point>,
    pub bullets: Vec<Bullet>,
    pub boxes: Vec<KeyActionBox>,
    /// Tables: their cells are rendered (findings can point into them) but are not
    /// prose (not in `paragraphs`, `headings`, `points`, `bullets` or footnotes).
    pub tables: Vec<Table>,
    pub footnote_refs: Vec<FootnoteRef>,
    pub footnote_defs: Vec<FootnoteDef>,
    pub links: Vec<Link>,
    /// Body paragraphs in reading order (headings, boxes and footnotes excluded).
    pub paragraphs: Vec<Paragraph>,
    /// Sentences of the body paragraphs, in order.
    pub sentences: Vec<Sentence>,
    pub notes: Vec<ParseNote>,
    /// Places where the layout shows a superscript was dropped (a gap left in a body
    /// line right after a word with no trailing space).
    pub dropped_refs: Vec<Span>,
    /// Analyses shared by several rules, computed once per document.
    pub analyses: analyses::Analyses,
    /// What a Word draft carries beyond its text (tracked changes, comments, hidden
    /// text…), for the draft rules; `None` for other inputs.
    pub draft: Option<docx::DraftFacts>,
    /// The layout family of a text input, with the evidence (text front end only).
    pub layout: Option<layout::Layout>,
    /// The language the text is written in when it is not a supported one ("fr"):
    /// the language-dependent rules then stay silent.
    pub unsupported_language: Option<&'static str>,
}

impl Document {
    /// A shared analysis of this document made with `pack`, computed on first use.
    pub fn analysis<T: Send + Sync + 'static>(
        &self,
        pack: &crate::pack::Pack,
        build: impl FnOnce() -> T,
    ) -> std::sync::Arc<T> {
        self.analyses.get_or_build(pack as *const _ as usize, build)
    }

    pub fn text(&self) -> &str {
        &self.source.text
    }

    pub fn path(&self) -> &str {
        &self.source.path
    }

    /// 1-based line of a source offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.source.position(offset).line
    }

    /// Page index (0-based) that contains a source offset.
    pub fn page_index(&self, offset: usize) -> usize {
        match self.pages.binary_search_by(|p| p.span.start.cmp(&offset)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The printed number of a page (0-based index): the surviving page number, or one
    /// inferred from the surviving numbers of other pages when they agree on the
    /// offset, or else the page's position.
    pub fn page_number(&self, index: usize) -> u32 {
        if let Some(n) = self.pages.get(index).and_then(|p| p.number) {
            return n;
        }
        let mut offsets = self
            .pages
            .iter()
            .filter_map(|p| p.number.map(|n| n as i64 - p.index as i64));
        let position = index as i64 + 1;
        match offsets.next() {
            Some(first) if offsets.all(|o| o == first) => (position + first).max(1) as u32,
            _ => position as u32,
        }
    }

    /// The text of a sentence.
    pub fn sentence_text(&self, s: &Sentence) -> &str {
        &self.paragraphs[s.paragraph].text.as_str()[s.start..s.end]
    }

    /// The source span of a sentence (from its first to its last character).
    pub fn sentence_span(&self, s: &Sentence) -> Span {
        self.paragraphs[s.paragraph]
            .text
            .source_span((s.start..s.end).into())
    }

    /// Sentences of one paragraph.
    pub fn sentences_of(&self, paragraph: usize) -> &[Sentence] {
        let start = self.sentences.partition_point(|s| s.paragraph < paragraph);
        let end = self.sentences.partition_point(|s| s.paragraph <= paragraph);
        &self.sentences[start..end]
    }

    /// Every piece of running text: body paragraphs, box frames and items, footnote
    /// texts. Rules that look at wording (acronyms, repeated words, dates) use this.
    pub fn texts(&self) -> impl Iterator<Item = (TextRole, &Text)> {
        let body = self.paragraphs.iter().map(|p| (TextRole::Body, &p.text));
        let headings = self.headings.iter().map(|h| (TextRole::Heading, &h.title));
        let boxes = self.boxes.iter().flat_map(|b| {
            b.frames
                .iter()
                .map(|f| (TextRole::BoxFrame, &f.text))
                .chain(b.items.iter().map(|i| (TextRole::BoxItem, &i.text)))
        });
        let notes = self
            .footnote_defs
            .iter()
            .map(|d| (TextRole::Footnote, &d.text));
        headings.chain(body).chain(boxes).chain(notes)
    }
}

/// What part of the document a [`Text`] belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextRole {
    Heading,
    Body,
    BoxFrame,
    BoxItem,
    Footnote,
}

#[derive(Clone, Debug, Serialize)]
pub struct Page {
    /// 1-based position of the page in the extract.
    pub index: usize,
    /// The printed page number, where one survives (page-number line or footer).
    pub number: Option<u32>,
    /// From the page's first line to the start of the next page.
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FurnitureKind {
    PageNumber,
    RunningFooter,
    RunningHeader,
    LinkAnnotation,
    FootnoteSeparator,
    /// A side column beside the body (the sender block of a letter).
    SideColumn,
}

/// Page furniture: not part of the text.
#[derive(Clone, Debug, Serialize)]
pub struct Furniture {
    pub kind: FurnitureKind,
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Heading {
    /// Whole heading (all its lines).
    pub span: Span,
    /// 1 = part (I., II.), 2 = section (1., 2.), 3 = subsection (2.1, i)), 4 = unnumbered.
    pub level: u8,
    /// The number as written ("I.", "2.", "2.1", "iii)"), if any.
    pub number: Option<String>,
    pub number_span: Option<Span>,
    pub title: Text,
}

/// Numbering scheme of a point label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scheme {
    /// 1. 2. 3.
    Arabic,
    /// a) b) c)
    LowerAlpha,
    /// A. B.
    UpperAlpha,
    /// i) ii) iii)
    LowerRoman,
    /// I. II.
    UpperRoman,
    /// – or - items (no number)
    Dash,
}

/// A numbered or lettered point (a block that starts with a label).
#[derive(Clone, Debug, Serialize)]
pub struct Point {
    /// The label as written ("1.", "a)", "(ii)").
    pub label: String,
    pub label_span: Span,
    pub scheme: Scheme,
    /// Ordinal value of the label (a → 1, iv → 4, 12 → 12); 0 for dashes.
    pub value: u32,
    /// 1 = top level; nested lists go deeper.
    pub depth: u8,
    /// The point's text, label excluded.
    pub text: Text,
    /// Index into `paragraphs` of the paragraph the point's text forms.
    pub paragraph: Option<usize>,
}

/// A bullet item outside key-action boxes (glyph, dash, or a glyph lost to a space).
#[derive(Clone, Debug, Serialize)]
pub struct Bullet {
    pub span: Span,
    pub glyph_lost: bool,
    pub paragraph: Option<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct KeyActionBox {
    pub span: Span,
    /// The box title as written ("KERNACTIES", "Key actions").
    pub title: String,
    pub title_span: Span,
    pub frames: Vec<Frame>,
    pub items: Vec<BoxItem>,
}

/// A line that governs the items after it: "De Commissie zal:".
#[derive(Clone, Debug, Serialize)]
pub struct Frame {
    pub span: Span,
    pub text: Text,
    /// The actor named by the frame ("De Commissie"), if recognised.
    pub actor: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BoxItem {
    /// From the first to the last character of the item (may cross a page).
    pub span: Span,
    pub text: Text,
    /// Index into the box's `frames` of the frame that governs the item.
    pub frame: Option<usize>,
}

/// A table: rows of cells, in reading order.
#[derive(Clone, Debug, Serialize)]
pub struct Table {
    /// From the first to the last character of its cells.
    pub span: Span,
    /// Page index (0-based).
    pub page: usize,
    /// Rows of the cells that hold text, left to right.
    pub rows: Vec<Vec<TableCell>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TableCell {
    /// From the first to the last character of the cell (a cell's lines may have
    /// other cells' lines between them in the rendering).
    pub span: Span,
    /// The cell's text, its lines joined by a space.
    pub text: Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefStyle {
    /// A superscript that became a line of its own ("12").
    LoneLine,
    /// Digits glued to a word ("aangenomen1,").
    Glued,
    /// Markdown `[^label]`.
    Markdown,
}

#[derive(Clone, Debug, Serialize)]
pub struct FootnoteRef {
    /// The digits (or the Markdown `[^label]`).
    pub span: Span,
    pub label: String,
    /// Numeric value of the label, if numeric.
    pub number: Option<u32>,
    pub style: RefStyle,
    /// Page index (0-based).
    pub page: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct FootnoteDef {
    /// From the label (or the first character of the text) to the end of the text.
    pub span: Span,
    pub label: Option<String>,
    pub label_span: Option<Span>,
    /// `None` when the label was lost in extraction.
    pub number: Option<u32>,
    pub text: Text,
    /// Page index (0-based) where the definition starts.
    pub page: usize,
    /// True when the text was spliced into the body rather than found in a note zone.
    pub in_body: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Link {
    /// The whole link construct.
    pub span: Span,
    pub text: String,
    pub target: String,
    pub target_span: Span,
}

/// A body paragraph, rebuilt across wrapped lines and interruptions.
#[derive(Clone, Debug, Serialize)]
pub struct Paragraph {
    pub text: Text,
    pub page: usize,
    pub kind: ParagraphKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParagraphKind {
    Plain,
    /// The text of a numbered or lettered point.
    Point,
    /// The text of a bullet outside boxes.
    Bullet,
    /// A lead-in that ends in a colon ("verzoekt de RAAD de LIDSTATEN:").
    LeadIn,
    /// Title lines, cover notes and datelines.
    Title,
}

/// A sentence: a range of its paragraph's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
}

/// Something the parser noticed about the layout (never an error).
#[derive(Clone, Debug, Serialize)]
pub struct ParseNote {
    pub span: Span,
    pub message: String,
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Parse a source file. Markdown is chosen by extension (`.md`, `.markdown`) or, for
/// other files, by content ([`markdown::looks_like_markdown`]: a press release saved as
/// `.txt`); everything else is treated as PDF-extracted text.
pub fn parse(source: SourceFile, language: Option<Language>) -> Document {
    let is_md = {
        let p = source.path.to_ascii_lowercase();
        p.ends_with(".md")
            || p.ends_with(".markdown")
            || markdown::looks_like_markdown(&source.text)
    };
    if is_md {
        markdown::parse(source, language)
    } else {
        pdftext::parse(source, language)
    }
}

/// Parse a string (tests, standard input).
pub fn parse_str(path: &str, text: &str) -> Document {
    parse(SourceFile::from_str(path, text), None)
}

impl Document {
    /// An empty document over a source; parsers fill it in.
    pub fn empty(source: SourceFile, format: Format, language: Language) -> Self {
        Document {
            source,
            format,
            language,
            pages: Vec::new(),
            furniture: Vec::new(),
            headings: Vec::new(),
            points: Vec::new(),
            bullets: Vec::new(),
            boxes: Vec::new(),
            tables: Vec::new(),
            footnote_refs: Vec::new(),
            footnote_defs: Vec::new(),
            links: Vec::new(),
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            notes: Vec::new(),
            dropped_refs: Vec::new(),
            analyses: analyses::Analyses::default(),
            draft: None,
            layout: None,
            unsupported_language: None,
        }
    }
}

/// True when a line is a key-action box title ("Key actions", "Kernacties:"): the titles
/// of every language pack (`[structure] box-titles`), compared without case and runs of
/// spaces. Shared by the front ends that find boxes by their title.
pub(crate) fn is_box_title(title: &str) -> bool {
    use std::sync::OnceLock;
    static TITLES: OnceLock<Vec<String>> = OnceLock::new();
    let normalise = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let titles = TITLES.get_or_init(|| {
        Language::all()
            .iter()
            .flat_map(|l| crate::pack::Pack::builtin(*l).strings("structure.box-titles"))
            .map(|t| normalise(&t))
            .collect()
    });
    let t = title.trim().trim_end_matches(':').trim();
    t.len() <= 60 && titles.contains(&normalise(t))
}
