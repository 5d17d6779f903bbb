//! Phase 2 for PDF-extracted text: classified lines → pages, headings, points,
//! boxes, footnotes and paragraphs, with explicit state.
//!
//! The layout conventions this follows are those of common PDF-to-text extractors
//! (see the project notes on input layout): every visual line is followed by an empty
//! line; a line that starts with one space and follows another line directly opens a
//! page; footnote superscripts become lone-number lines; a run of spaces separates the
//! footnote block; page numbers keep a trailing space.

use std::collections::HashSet;

use super::inline::{glued_markers, heading_number, inline_footnote_label, point_label, Label};
use super::lines::{classify_all, Line, LineKind, SEPARATOR_MIN};
use super::*;
use crate::pack::{FromPack, Pack};

/// Parse PDF-extracted text into a document.
pub fn parse(source: SourceFile, language: Option<Language>) -> Document {
    let lang = language.unwrap_or_else(|| crate::lang::detect(&source.text));
    let mut lines = classify_all(&source.text);
    let layout = super::layout::detect(&source.text, &lines);
    let marks = super::layout::mark(&source.text, &lines, &layout);
    for (&i, m) in &marks.marks {
        if let super::layout::Mark::NotPageNumber(n) = *m {
            lines[i].kind = LineKind::LoneNumber(n);
        }
    }
    // The builder borrows the text while it fills the document; the source moves in
    // afterwards.
    let mut doc = Document::empty(
        SourceFile::from_str(source.path.clone(), ""),
        Format::PdfText,
        lang,
    );
    let mut builder = Builder::new(&source.text, &lines, lang);
    builder.marks = &marks.marks;
    builder.run(&mut doc);
    super::layout::attach_note_blocks(&mut doc, &source.text, &marks.note_blocks);
    doc.layout = Some(layout);
    doc.unsupported_language = super::layout::unsupported_language(&source.text);
    doc.source = source;
    attach_glued_references(&mut doc);
    doc.sentences = super::sentences::split_document(&doc);
    doc
}

static NO_MARKS: std::sync::LazyLock<std::collections::HashMap<usize, super::layout::Mark>> =
    std::sync::LazyLock::new(std::collections::HashMap::new);

/// Where the builder is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Zone {
    Body,
    /// Inside a footnote block (after a separator, a definition label, or footnote text
    /// spliced into the body).
    Notes,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ItemStyle {
    /// Items start with a bullet glyph.
    Glyph,
    /// The glyph became a space: items start with one space.
    Space,
}

struct BoxState {
    index: usize,
    style: Option<ItemStyle>,
    /// Index of the open item in the box.
    item: Option<usize>,
    /// Last line of the open item/frame (to decide joins).
    last: Option<Line>,
}

/// A paragraph being built; it survives boxes, footnote blocks and page breaks.
struct ParaBuilder {
    text: Text,
    page: usize,
    kind: ParagraphKind,
    last: Line,
    after_ref: bool,
    point: Option<usize>,
    bullet: Option<usize>,
}

struct HeadingBuilder {
    index: usize,
    last: Line,
    all_caps: bool,
}

/// Measured once over all lines before the walk: the layout's geometry.
struct Geometry {
    /// Index of the next non-blank line after each line.
    next_content: Vec<Option<usize>>,
    body_width: usize,
    double_spaced: bool,
    min_separator: usize,
}

/// Where the walk is: the page, and the previous non-blank line.
#[derive(Default)]
struct Cursor {
    page: usize,
    page_break_pending: bool,
    /// The previous non-blank line, and whether it was a footnote reference.
    prev: Option<Line>,
    prev_was_ref: bool,
}

/// The footnote phase: which zone the walk is in and how the references and
/// definitions read so far are numbered.
struct NoteState {
    zone: Zone,
    /// A definition label seen, its text not yet: (number, label span).
    pending_label: Option<(u32, Span)>,
    /// Definition whose text is being read.
    current_def: Option<usize>,
    /// After a long (continuation) separator, before any label: text continues the
    /// last definition of the previous page.
    continuation: bool,
    last_ref: u32,
    last_def: u32,
    defined: HashSet<u32>,
}

impl Default for NoteState {
    fn default() -> Self {
        NoteState {
            zone: Zone::Body,
            pending_label: None,
            current_def: None,
            continuation: false,
            last_ref: 0,
            last_def: 0,
            defined: HashSet::new(),
        }
    }
}

/// The point phase: last value per scheme of the open lists.
#[derive(Default)]
struct Numbering {
    last_arabic: u32,
    /// The arabic value accepted before `last_arabic`: one wrong label must not make
    /// every later label implausible.
    arabic_before: u32,
    last_alpha: u32,
    last_roman: u32,
    /// A heading came after the last point (lists under it start at depth 1).
    heading_since_point: bool,
}

/// What the phases of a text line decide before anything is emitted.
struct LineAt<'l> {
    line: &'l Line,
    /// The line opens a page.
    page_start: bool,
    /// A blank line came before it.
    prev_blank: bool,
}

struct Builder<'a> {
    text: &'a str,
    lines: &'a [Line],
    /// The pack's default for a line-end hyphen the vocabulary does not settle.
    drop_hyphen: bool,
    geometry: Geometry,
    vocabulary: Vocabulary<'a>,
    box_titles: Vec<String>,
    /// What the layout pass decided for some lines (furniture, footnote blocks).
    marks: &'a std::collections::HashMap<usize, super::layout::Mark>,

    cursor: Cursor,
    notes: NoteState,
    numbering: Numbering,
    /// The open blocks: a paragraph, a heading, a box.
    para: Option<ParaBuilder>,
    heading: Option<HeadingBuilder>,
    boxed: Option<BoxState>,
    /// Whether the last block was a bullet whose glyph was lost.
    in_lost_bullets: bool,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str, lines: &'a [Line], lang: Language) -> Self {
        let mut next_content = vec![None; lines.len()];
        let mut next = None;
        for (i, l) in lines.iter().enumerate().rev() {
            next_content[i] = next;
            if l.kind != LineKind::Blank {
                next = Some(i);
            }
        }
        let mut widths: Vec<usize> = lines
            .iter()
            .filter(|l| l.kind == LineKind::Text && l.trailing > 0)
            .map(|l| text[l.content.start..l.content.end].chars().count())
            .collect();
        widths.sort_unstable();
        // The typical width of a full body line: the upper quartile, so that short last
        // lines of paragraphs and headings do not drag it down in small documents.
        let body_width = widths
            .get(widths.len() * 3 / 4)
            .copied()
            .unwrap_or(80)
            .max(40);
        // The extractor convention of a blank after every visual line; without it,
        // blank lines separate paragraphs as in ordinary plain text.
        let text_lines = lines.iter().filter(|l| l.kind == LineKind::Text).count();
        let followed_by_blank = lines
            .windows(2)
            .filter(|w| w[0].kind == LineKind::Text && w[1].kind == LineKind::Blank)
            .count();
        let double_spaced = text_lines == 0 || followed_by_blank * 10 >= text_lines * 6;
        let min_separator = lines
            .iter()
            .filter_map(|l| match l.kind {
                LineKind::Spaces(n) if n >= SEPARATOR_MIN => Some(n),
                _ => None,
            })
            .min()
            .unwrap_or(SEPARATOR_MIN);
        let vocabulary = Vocabulary::new(text, lines);
        let box_titles = Language::all()
            .iter()
            .flat_map(|l| crate::pack::Pack::builtin(*l).strings("structure.box-titles"))
            .map(|t| t.to_lowercase())
            .collect();
        Builder {
            text,
            lines,
            drop_hyphen: crate::pack::Pack::builtin(lang)
                .compiled::<LineWords>()
                .drop_unknown_hyphen,
            geometry: Geometry {
                next_content,
                body_width,
                double_spaced,
                min_separator,
            },
            vocabulary,
            box_titles,
            marks: &NO_MARKS,
            cursor: Cursor::default(),
            notes: NoteState::default(),
            numbering: Numbering::default(),
            para: None,
            heading: None,
            boxed: None,
            in_lost_bullets: false,
        }
    }

    fn content(&self, l: &Line) -> &'a str {
        &self.text[l.content.start..l.content.end]
    }

    fn next_line(&self, l: &Line) -> Option<&'a Line> {
        self.geometry.next_content[l.index].map(|i| &self.lines[i])
    }

    fn run(&mut self, doc: &mut Document) {
        let end = self.text.len();
        doc.pages.push(Page {
            index: 1,
            number: None,
            span: Span::new(0, end),
        });
        let mut prev_blank = false;
        for line in self.lines {
            let line = *line;
            if line.kind == LineKind::Blank {
                if !self.geometry.double_spaced && !prev_blank && self.notes.zone == Zone::Body {
                    // Plain text: a blank line ends the paragraph, a box and a heading.
                    self.flush_para(doc);
                    self.close_box(doc);
                    self.heading = None;
                }
                prev_blank = true;
                continue;
            }
            if line.form_feed {
                self.cursor.page_break_pending = true;
            }
            if let Some(mark) = self.marks.get(&line.index) {
                // Furniture and footnote blocks found by the layout pass are not text;
                // they do not interrupt the paragraph around them.
                if let super::layout::Mark::Furniture { kind, page_break } = *mark {
                    doc.furniture.push(Furniture {
                        kind,
                        span: line.content,
                    });
                    if page_break {
                        self.end_zone();
                        self.cursor.page_break_pending = true;
                    }
                }
                if !matches!(mark, super::layout::Mark::NotPageNumber(_)) {
                    continue;
                }
            }
            let was_ref = self.step(doc, &line, prev_blank);
            self.cursor.prev = Some(line);
            self.cursor.prev_was_ref = was_ref;
            prev_blank = false;
        }
        self.flush_para(doc);
        self.close_box(doc);
        self.heading = None;
        if let Some(last) = doc.pages.last_mut() {
            last.span.end = end;
        }
    }

    fn new_page(&mut self, doc: &mut Document, at: usize) {
        if let Some(last) = doc.pages.last_mut() {
            if last.span.start == at {
                return;
            }
            last.span.end = at;
        }
        doc.pages.push(Page {
            index: doc.pages.len() + 1,
            number: None,
            span: Span::new(at, self.text.len()),
        });
        self.cursor.page = doc.pages.len() - 1;
        self.end_zone();
    }

    fn end_zone(&mut self) {
        self.notes.zone = Zone::Body;
        self.notes.pending_label = None;
        self.notes.current_def = None;
        self.notes.continuation = false;
    }

    /// Process one non-blank line; returns true when it was a footnote reference.
    fn step(&mut self, doc: &mut Document, line: &Line, prev_blank: bool) -> bool {
        match line.kind {
            LineKind::Blank => false,
            LineKind::Spaces(n) => {
                if n >= SEPARATOR_MIN {
                    doc.furniture.push(Furniture {
                        kind: FurnitureKind::FootnoteSeparator,
                        span: line.span,
                    });
                    self.heading = None;
                    let continuation = n * 10 >= self.geometry.min_separator * 18;
                    self.notes.zone = Zone::Notes;
                    self.notes.pending_label = None;
                    self.notes.current_def = if continuation {
                        doc.footnote_defs.len().checked_sub(1)
                    } else {
                        None
                    };
                    self.notes.continuation = continuation;
                } else if self.notes.zone == Zone::Body {
                    let before_page_number = self.next_line(line).is_some_and(|n| {
                        matches!(
                            n.kind,
                            LineKind::PageNumber(_) | LineKind::Footer(_) | LineKind::Spaces(_)
                        )
                    });
                    let box_goes_on = self.boxed.is_some()
                        && self.next_line(line).is_some_and(|n| {
                            let c = self.content(n);
                            n.kind == LineKind::Text
                                && (bullet_glyph(c).is_some()
                                    || (c.ends_with(':') && n.indent == 0))
                        });
                    if !before_page_number && !box_goes_on {
                        // Vertical space: ends a box and a finished paragraph.
                        self.close_box(doc);
                        self.heading = None;
                        if self.para_ended() {
                            self.flush_para(doc);
                        }
                    }
                }
                false
            }
            LineKind::PageNumber(n) => {
                doc.furniture.push(Furniture {
                    kind: FurnitureKind::PageNumber,
                    span: line.content,
                });
                if let Some(p) = doc.pages.last_mut() {
                    p.number = Some(n);
                }
                self.end_zone();
                self.cursor.page_break_pending = true;
                false
            }
            LineKind::Footer(n) => {
                doc.furniture.push(Furniture {
                    kind: FurnitureKind::RunningFooter,
                    span: line.content,
                });
                if let (Some(n), Some(p)) = (n, doc.pages.last_mut()) {
                    p.number = Some(n);
                }
                self.end_zone();
                self.cursor.page_break_pending = true;
                false
            }
            LineKind::Url if self.notes.zone == Zone::Notes || self.prev_is_url_or_note(doc) => {
                doc.furniture.push(Furniture {
                    kind: FurnitureKind::LinkAnnotation,
                    span: line.content,
                });
                false
            }
            LineKind::LoneNumber(n) => self.lone_number(doc, line, n),
            LineKind::Url | LineKind::Text => {
                self.text_line(doc, line, prev_blank);
                false
            }
        }
    }

    fn prev_is_url_or_note(&self, doc: &Document) -> bool {
        self.cursor.prev.is_some_and(|p| {
            doc.furniture
                .last()
                .is_some_and(|f| f.kind == FurnitureKind::LinkAnnotation && f.span == p.content)
        })
    }

    fn lone_number(&mut self, doc: &mut Document, line: &Line, n: u32) -> bool {
        let is_label_candidate =
            (!self.notes.defined.contains(&n) && n <= self.notes.last_ref && n > 0)
                || (n == self.notes.last_def + 1 && self.notes.zone == Zone::Notes);
        if self.notes.zone == Zone::Notes {
            if is_label_candidate {
                self.notes.pending_label = Some((n, line.content));
                self.notes.current_def = None;
                self.notes.continuation = false;
                return false;
            }
            if let Some(d) = self.notes.current_def {
                let prev = self.cursor.prev;
                append_line(
                    &mut doc.footnote_defs[d].text,
                    self.text,
                    prev.as_ref(),
                    line,
                    false,
                    &self.vocabulary,
                    self.drop_hyphen,
                );
                doc.footnote_defs[d].span = doc.footnote_defs[d].span.cover(line.content);
                return false;
            }
            doc.notes.push(ParseNote {
                span: line.content,
                message: format!("lone number {n} in a footnote block matches no footnote"),
            });
            return false;
        }
        let prev_glued = self.cursor.prev.is_some_and(|p| {
            p.kind == LineKind::Text && p.trailing == 0 && !self.cursor.prev_was_ref
        });
        let is_reference = prev_glued || n == self.notes.last_ref + 1 || !is_label_candidate;
        if is_reference {
            doc.footnote_refs.push(FootnoteRef {
                span: line.content,
                label: n.to_string(),
                number: Some(n),
                style: RefStyle::LoneLine,
                page: self.cursor.page,
            });
            self.notes.last_ref = self.notes.last_ref.max(n);
            if let Some(p) = self.para.as_mut() {
                p.after_ref = true;
            }
            if let Some(b) = self.boxed.as_mut() {
                if let Some(l) = b.last.as_mut() {
                    l.trailing = 1;
                }
            }
            true
        } else {
            // A definition label with no separator before it: a footnote block starts.
            self.notes.zone = Zone::Notes;
            self.notes.pending_label = Some((n, line.content));
            self.notes.current_def = None;
            false
        }
    }

    fn note_line(&mut self, doc: &mut Document, line: &Line) {
        let content = self.content(line);
        if let Some((n, label_span)) = self.notes.pending_label.take() {
            self.start_def(doc, Some((n, label_span)), line.content, line);
            return;
        }
        if line.indent >= 2 {
            // Text with no label: an unlabelled footnote.
            self.start_def(doc, None, line.content, line);
            return;
        }
        if line.indent == 0 {
            if let Some((n, label_len, consumed, spaces)) = inline_footnote_label(content) {
                let plausible = n == self.notes.last_def + 1
                    || (spaces >= 2
                        && n <= self.notes.last_ref
                        && !self.notes.defined.contains(&n)
                        && n > self.notes.last_def);
                if plausible {
                    let label_span = Span::new(line.content.start, line.content.start + label_len);
                    let text_span = Span::new(line.content.start + consumed, line.content.end);
                    self.start_def(doc, Some((n, label_span)), text_span, line);
                    return;
                }
            }
        }
        match self.notes.current_def {
            Some(d) => {
                let prev = self.cursor.prev;
                let def = &mut doc.footnote_defs[d];
                append_line(
                    &mut def.text,
                    self.text,
                    prev.as_ref(),
                    line,
                    false,
                    &self.vocabulary,
                    self.drop_hyphen,
                );
                def.span = def.span.cover(line.content);
            }
            None => self.start_def(doc, None, line.content, line),
        }
    }

    fn start_def(
        &mut self,
        doc: &mut Document,
        label: Option<(u32, Span)>,
        text_span: Span,
        line: &Line,
    ) {
        let in_body = self.notes.zone == Zone::Body;
        self.notes.zone = Zone::Notes;
        self.notes.continuation = false;
        let (number, label_span) = match label {
            Some((n, s)) => {
                self.notes.defined.insert(n);
                self.notes.last_def = n;
                (Some(n), Some(s))
            }
            None => (None, None),
        };
        let _ = line;
        doc.footnote_defs.push(FootnoteDef {
            span: label_span.map_or(text_span, |l| l.cover(text_span)),
            label: number.map(|n| n.to_string()),
            label_span,
            number,
            text: Text::from_source(self.text, text_span),
            page: self.cursor.page,
            in_body,
        });
        self.notes.current_def = Some(doc.footnote_defs.len() - 1);
    }

    /// A text line, in phases: classify it (does it open a page?), let the footnote
    /// zone, a box, a spliced footnote, an open heading, a label or a bullet claim it,
    /// else continue or start a paragraph.
    fn text_line(&mut self, doc: &mut Document, line: &Line, prev_blank: bool) {
        let page_start = self.opens_page(line, prev_blank);
        if page_start {
            self.cursor.page_break_pending = false;
            self.new_page(doc, line.span.start);
        }
        if self.notes.zone == Zone::Notes {
            self.note_line(doc, line);
            return;
        }
        let at = LineAt {
            line,
            page_start,
            prev_blank,
        };
        let claimed = self.box_title(doc, line)
            || (self.boxed.is_some() && self.box_line(doc, line, page_start, prev_blank))
            || self.spliced_note(doc, &at)
            || self.heading_goes_on(doc, line)
            || self.label_line(doc, &at)
            || self.bullet_line(doc, &at);
        if !claimed {
            self.paragraph_line(doc, &at);
        }
    }

    /// Classify: whether a text line opens a page. A page break was announced, or (in
    /// the extractor convention) the line starts with one space right after another
    /// line. The text right after a lone number (a reference's fragment or a
    /// definition's text) starts with a space too, without opening a page; so do the
    /// items of a box whose bullet glyphs became spaces.
    fn opens_page(&self, line: &Line, prev_blank: bool) -> bool {
        let first_line = self.cursor.prev.is_none();
        let after_number = self
            .cursor
            .prev
            .is_some_and(|p| matches!(p.kind, LineKind::LoneNumber(_)));
        let in_space_box = self
            .boxed
            .as_ref()
            .is_some_and(|b| b.style == Some(ItemStyle::Space));
        self.cursor.page_break_pending
            || (self.geometry.double_spaced
                && line.indent == 1
                && !prev_blank
                && !after_number
                && !in_space_box
                && !first_line)
    }

    /// A key-action box title opens a box.
    fn box_title(&mut self, doc: &mut Document, line: &Line) -> bool {
        let content = self.content(line);
        if !self.is_box_title(content) {
            return false;
        }
        self.close_box(doc);
        self.heading = None;
        let title = content.trim_end_matches([':', ' ']).to_string();
        doc.boxes.push(KeyActionBox {
            span: line.content,
            title,
            title_span: line.content,
            frames: Vec::new(),
            items: Vec::new(),
        });
        self.boxed = Some(BoxState {
            index: doc.boxes.len() - 1,
            style: None,
            item: None,
            last: None,
        });
        true
    }

    /// Two leading spaces: footnote text spliced into the body (claimed: it starts a
    /// definition), or the gap of a dropped superscript (recorded; the line goes on).
    fn spliced_note(&mut self, doc: &mut Document, at: &LineAt<'_>) -> bool {
        let line = at.line;
        if line.indent != 2 || at.page_start {
            return false;
        }
        let prev_glued = self
            .cursor
            .prev
            .is_some_and(|p| p.kind == LineKind::Text && p.trailing == 0);
        let lower = self
            .content(line)
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        if prev_glued && lower && !self.cursor.prev_was_ref {
            doc.dropped_refs
                .push(Span::new(line.span.start, line.content.start));
            false
        } else {
            self.start_def(doc, None, line.content, line);
            true
        }
    }

    /// Continuation of a multi-line heading. The open heading ends here either way.
    fn heading_goes_on(&mut self, doc: &mut Document, line: &Line) -> bool {
        let Some(h) = self.heading.take() else {
            return false;
        };
        if !self.continues_heading(&h, line) {
            return false;
        }
        let hd = &mut doc.headings[h.index];
        append_line(
            &mut hd.title,
            self.text,
            Some(&h.last),
            line,
            false,
            &self.vocabulary,
            self.drop_hyphen,
        );
        hd.span = hd.span.cover(line.content);
        self.heading = Some(HeadingBuilder { last: *line, ..h });
        true
    }

    /// At a block boundary (or a page start), a heading or a point label.
    fn label_line(&mut self, doc: &mut Document, at: &LineAt<'_>) -> bool {
        let line = at.line;
        let at_boundary = self.para.is_none()
            || self.para_ended()
            || self.para_last_line_short()
            || self
                .next_line(line)
                .is_some_and(|n| self.opens_list(n) || (at.page_start && self.is_label_line(n)));
        (at_boundary || at.page_start) && (self.try_heading(doc, line) || self.try_point(doc, line))
    }

    /// A bullet: with its glyph, or with the glyph become one leading space after a
    /// blank line in a list context (after a lead-in or another such bullet).
    fn bullet_line(&mut self, doc: &mut Document, at: &LineAt<'_>) -> bool {
        let line = at.line;
        let content = self.content(line);
        if let Some(g) = bullet_glyph(content) {
            let start = line.content.start + g;
            self.begin_bullet(doc, line, Span::new(start, line.content.end), false);
            return true;
        }
        if line.indent == 1 && at.prev_blank && !self.cursor.prev_was_ref && !at.page_start {
            let list_context = self.in_lost_bullets
                || self
                    .para
                    .as_ref()
                    .is_some_and(|p| p.text.as_str().trim_end().ends_with(':'));
            if list_context && content.chars().next().is_some_and(char::is_uppercase) {
                self.begin_bullet(doc, line, line.content, true);
                self.in_lost_bullets = true;
                return true;
            }
        }
        false
    }

    fn begin_bullet(&mut self, doc: &mut Document, line: &Line, text: Span, glyph_lost: bool) {
        self.flush_para(doc);
        doc.bullets.push(Bullet {
            span: line.content,
            glyph_lost,
            paragraph: None,
        });
        self.begin_para(doc, ParagraphKind::Bullet, text, line);
        if let Some(p) = self.para.as_mut() {
            p.bullet = Some(doc.bullets.len() - 1);
        }
    }

    /// Plain text: continue the paragraph or start a new one.
    fn paragraph_line(&mut self, doc: &mut Document, at: &LineAt<'_>) {
        let line = at.line;
        if self.starts_paragraph(line, at.page_start) {
            self.flush_para(doc);
            self.in_lost_bullets = false;
            self.begin_para(doc, ParagraphKind::Plain, line.content, line);
        } else if let Some(p) = self.para.as_mut() {
            append_line(
                &mut p.text,
                self.text,
                Some(&p.last),
                line,
                p.after_ref,
                &self.vocabulary,
                self.drop_hyphen,
            );
            p.last = *line;
            p.after_ref = false;
        }
    }

    /// Whether a plain line starts a new paragraph rather than continuing the open one.
    fn starts_paragraph(&self, line: &Line, page_start: bool) -> bool {
        let content = self.content(line);
        match &self.para {
            None => true,
            // Without the PDF convention, blank lines (and labels) separate paragraphs;
            // a page break does when the sentence before it was finished.
            Some(p) if !self.geometry.double_spaced => {
                page_start
                    && text_ends_sentence(p.text.as_str())
                    && content.chars().next().is_some_and(char::is_uppercase)
            }
            Some(p) => {
                let ended = text_ends_sentence(p.text.as_str());
                let capital = content.chars().next().is_some_and(|c| {
                    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '‘' | '(')
                });
                let last_width = self.text[p.last.content.start..p.last.content.end]
                    .chars()
                    .count();
                let short = last_width * 10 < self.geometry.body_width * 9 || p.last.trailing >= 2;
                ended
                    && capital
                    && (short || p.after_ref || page_start && self.page_start_is_block(p))
            }
        }
    }

    /// In documents whose page starts are block starts (Council documents), a page
    /// start after a finished sentence opens a new paragraph.
    fn page_start_is_block(&self, p: &ParaBuilder) -> bool {
        text_ends_sentence(p.text.as_str())
    }

    /// The open paragraph's last line is clearly short and unpunctuated: a title line.
    fn para_last_line_short(&self) -> bool {
        self.para.as_ref().is_some_and(|p| {
            let w = self.text[p.last.content.start..p.last.content.end]
                .chars()
                .count();
            p.kind == ParagraphKind::Plain
                && !p.after_ref
                && p.last.trailing > 0
                && w * 10 < self.geometry.body_width * 7
        })
    }

    /// A line that opens a list or section: a first point label or a heading number.
    fn opens_list(&self, line: &Line) -> bool {
        let c = self.content(line);
        line.kind == LineKind::Text
            && (point_label(c).is_some_and(|l| l.value == 1)
                || heading_number(c).is_some_and(|h| h.0 == "1." || h.0 == "I."))
    }

    /// An arabic value close to the last accepted one, or to the one before it.
    fn near_arabic(&self, v: u32) -> bool {
        [self.numbering.last_arabic, self.numbering.arabic_before]
            .iter()
            .any(|&last| last > 0 && v + 1 >= last && v <= last + 4)
    }

    fn is_label_line(&self, line: &Line) -> bool {
        let c = self.content(line);
        line.kind == LineKind::Text
            && (point_label(c).is_some_and(|l| l.scheme != Scheme::Dash)
                || heading_number(c).is_some())
    }

    fn para_ended(&self) -> bool {
        self.para.as_ref().is_none_or(|p| {
            let t = p.text.as_str().trim_end();
            text_ends_sentence(t) || t.ends_with(':') || t.ends_with(';')
        })
    }

    fn is_box_title(&self, content: &str) -> bool {
        let t = content.trim_end_matches([':', ' ']).trim();
        t.len() <= 40
            && self
                .box_titles
                .iter()
                .any(|b| b.eq_ignore_ascii_case(t) || b == &t.to_lowercase())
    }

    /// Handle a line inside a box; returns false when the line ends the box (the
    /// caller then treats it as body text).
    fn box_line(
        &mut self,
        doc: &mut Document,
        line: &Line,
        page_start: bool,
        prev_blank: bool,
    ) -> bool {
        let content = self.content(line);
        let ends_box_as_heading = line.indent == 0
            && heading_number(content).is_some_and(|(_, _, consumed)| {
                self.heading_candidate(line, &content[consumed..], true)
            });
        let Some(state) = self.boxed.as_mut() else {
            return false;
        };
        let bx = &mut doc.boxes[state.index];
        let glyph = bullet_glyph(content);
        let first_upper = content.chars().next().is_some_and(char::is_uppercase);
        let item_open_incomplete = state.item.is_some_and(|i| {
            !text_ends_sentence(bx.items[i].text.as_str())
                && !bx.items[i].text.as_str().ends_with(';')
        });

        let new_item = |bx: &mut KeyActionBox, span: Span, frame: Option<usize>, text: &str| {
            bx.items.push(BoxItem {
                span,
                text: Text::from_source(text, span),
                frame,
            });
            bx.span = bx.span.cover(span);
            bx.items.len() - 1
        };
        let frame_idx = if bx.frames.is_empty() {
            None
        } else {
            Some(bx.frames.len() - 1)
        };

        if let Some(g) = glyph {
            state.style = Some(ItemStyle::Glyph);
            let span = Span::new(line.content.start + g, line.content.end);
            state.item = Some(new_item(bx, span, frame_idx, self.text));
            state.last = Some(*line);
            return true;
        }
        if line.indent == 1 {
            match state.style {
                Some(ItemStyle::Glyph) => {
                    self.close_box(doc);
                    return false;
                }
                style
                    if first_upper
                        && (prev_blank || page_start || style == Some(ItemStyle::Space)) =>
                {
                    state.style = Some(ItemStyle::Space);
                    state.item = Some(new_item(bx, line.content, frame_idx, self.text));
                    state.last = Some(*line);
                    return true;
                }
                _ => {
                    self.close_box(doc);
                    return false;
                }
            }
        }
        if line.indent >= 2 {
            self.close_box(doc);
            return false;
        }
        // No indent: a frame, a wrapped item line, or the end of the box.
        if ends_box_as_heading {
            self.close_box(doc);
            return false;
        }
        if content.ends_with(':') && content.chars().count() < 120 && !item_open_incomplete {
            let actor = frame_actor(content);
            bx.frames.push(Frame {
                span: line.content,
                text: Text::from_source(self.text, line.content),
                actor,
            });
            bx.span = bx.span.cover(line.content);
            state.item = None;
            state.last = Some(*line);
            return true;
        }
        match state.item {
            Some(i) => {
                let item = &mut bx.items[i];
                append_line(
                    &mut item.text,
                    self.text,
                    state.last.as_ref(),
                    line,
                    false,
                    &self.vocabulary,
                    self.drop_hyphen,
                );
                item.span = item.span.cover(line.content);
                bx.span = bx.span.cover(line.content);
                state.last = Some(*line);
                true
            }
            None if bx.items.is_empty() && state.style.is_none() && !page_start => {
                // Text right after the title or a frame, with no glyph: an item.
                state.item = Some(new_item(bx, line.content, frame_idx, self.text));
                state.last = Some(*line);
                true
            }
            None => {
                self.close_box(doc);
                false
            }
        }
    }

    fn close_box(&mut self, _doc: &mut Document) {
        self.boxed = None;
    }

    fn continues_heading(&self, h: &HeadingBuilder, line: &Line) -> bool {
        if line.indent > 1 {
            return false;
        }
        let content = self.content(line);
        let last = self.content(&h.last);
        if point_label(content).is_some() || heading_number(content).is_some() {
            return false;
        }
        if h.all_caps {
            return is_all_caps(content) && !text_ends_sentence(content);
        }
        // Sentence-case headings continue on a line that starts in lower case.
        !ends_with_punctuation(last)
            && content.chars().next().is_some_and(char::is_lowercase)
            && !ends_with_punctuation(content)
    }

    fn heading_candidate(&self, line: &Line, title: &str, numbered: bool) -> bool {
        let short_colon_title = title.ends_with(':') && title.split_whitespace().count() <= 4;
        // In the PDF convention a line without a trailing space was glued to a reference.
        let glued = self.geometry.double_spaced && line.trailing == 0;
        if title.is_empty() || (ends_with_punctuation(title) && !short_colon_title) || glued {
            return false;
        }
        if !title
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        {
            return false;
        }
        let next = self.next_line(line);
        if next.is_some_and(|n| matches!(n.kind, LineKind::LoneNumber(_))) {
            return false;
        }
        let width = title.chars().count();
        let caps = is_all_caps(title);
        // What follows a heading starts a new block: a capital, a label, furniture. A
        // numbered heading may wrap onto up to two lines that start in lower case and
        // end without punctuation.
        let starts_block = |n: &Line| match n.kind {
            LineKind::Text => {
                let c = self.content(n);
                // A line that starts with a number starts a block only as a label:
                // "9 februari 2015 …" continues a sentence.
                c.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || !c.is_alphanumeric())
                    || point_label(c).is_some()
                    || heading_number(c).is_some()
            }
            LineKind::LoneNumber(_) => false,
            _ => true,
        };
        let mut after = next;
        if numbered || caps {
            for _ in 0..2 {
                match after {
                    Some(n) if n.kind == LineKind::Text && !starts_block(n) => {
                        let c = self.content(n);
                        if ends_with_punctuation(c) || n.trailing == 0 || (caps && !is_all_caps(c))
                        {
                            return false;
                        }
                        after = self.next_line(n);
                    }
                    _ => break,
                }
            }
        }
        if !after.is_none_or(starts_block) {
            return false;
        }
        if caps {
            return true;
        }
        let before_label = next.is_some_and(|n| self.is_label_line(n));
        let limit = if numbered || before_label {
            self.geometry.body_width + 10
        } else {
            self.geometry.body_width * 8 / 10
        };
        width <= limit && title.split_whitespace().count() <= 14
    }

    fn try_heading(&mut self, doc: &mut Document, line: &Line) -> bool {
        let content = self.content(line);
        let mut number = None;
        let mut level = 4;
        let mut title_start = line.content.start;
        if let Some((num, lvl, consumed)) = heading_number(content) {
            number = Some((
                num,
                Span::new(line.content.start, line.content.start + consumed),
            ));
            level = lvl;
            title_start += consumed;
        } else if let Some(l) = point_label(content) {
            // "i) Uitwisseling van informatie": a roman sub-section heading.
            let letter_continues =
                l.scheme == Scheme::LowerAlpha && self.numbering.last_alpha + 1 == l.value;
            if (l.ambiguous_roman || l.scheme == Scheme::LowerRoman) && !letter_continues {
                let title = &content[l.consumed..];
                if self.heading_candidate(line, title, true) {
                    number = Some((
                        l.text.clone(),
                        Span::new(line.content.start, line.content.start + l.consumed),
                    ));
                    level = 3;
                    title_start += l.consumed;
                }
            }
            if number.is_none() {
                return false;
            }
        }
        let title = &self.text[title_start..line.content.end];
        if !self.heading_candidate(line, title, number.is_some()) {
            return false;
        }
        // In a document that numbers its points (and not its sections) with arabic
        // numbers, an arabic number near the point sequence with a sentence-case title
        // is a point, even when misnumbered.
        if let Some((num, _)) = &number {
            if level == 2 && !is_all_caps(title) {
                let value: u32 = num.trim_end_matches('.').parse().unwrap_or(0);
                if self.numbering.last_arabic > 0
                    && self.near_arabic(value)
                    && doc.headings.iter().all(|h| h.level != 2)
                {
                    return false;
                }
            }
        }
        self.flush_para(doc);
        self.close_box(doc);
        self.in_lost_bullets = false;
        let number_span = number.as_ref().map(|(_, s)| {
            Span::new(
                s.start,
                s.start + number_text_len(&self.text[s.start..s.end]),
            )
        });
        doc.headings.push(Heading {
            span: line.content,
            level,
            number: number.map(|(n, _)| n),
            number_span,
            title: Text::from_source(self.text, Span::new(title_start, line.content.end)),
        });
        if level <= 2 {
            // Lettered and roman lists restart under a new section.
            self.numbering.last_roman = 0;
            self.numbering.last_alpha = 0;
        }
        self.numbering.heading_since_point = true;
        self.heading = Some(HeadingBuilder {
            index: doc.headings.len() - 1,
            last: *line,
            all_caps: is_all_caps(title),
        });
        true
    }

    fn try_point(&mut self, doc: &mut Document, line: &Line) -> bool {
        let content = self.content(line);
        let Some(mut label) = point_label(content) else {
            return false;
        };
        if label.ambiguous_roman {
            // "i)" after "h)" is a letter, "v)" after "iv)" a roman numeral; a letter
            // near the open lettered list is a letter, even out of sequence.
            let roman = super::inline::roman_value(content[..label.len].trim_matches(['(', ')']))
                .unwrap_or(1);
            let roman_continues =
                self.numbering.last_roman > 0 && roman == self.numbering.last_roman + 1;
            let letter_near = self.numbering.last_alpha > 0
                && label.value + 1 >= self.numbering.last_alpha
                && label.value <= self.numbering.last_alpha + 3;
            if roman_continues || !letter_near {
                label.scheme = Scheme::LowerRoman;
                label.value = roman;
            }
        }
        let plausible = match label.scheme {
            Scheme::Arabic => {
                let v = label.value;
                // A first point may be misnumbered; a big first number is not a label.
                v == 1 || (self.numbering.last_arabic == 0 && v <= 5) || self.near_arabic(v)
            }
            Scheme::LowerAlpha => {
                label.value == 1
                    || (self.numbering.last_alpha > 0
                        && label.value <= self.numbering.last_alpha + 3)
            }
            Scheme::LowerRoman => {
                label.value == 1
                    || (self.numbering.last_roman > 0
                        && label.value <= self.numbering.last_roman + 3)
            }
            Scheme::Dash => true,
            _ => false,
        };
        if !plausible {
            return false;
        }
        let depth = self.point_depth(doc, &label);
        match label.scheme {
            Scheme::Arabic => {
                self.numbering.arabic_before = self.numbering.last_arabic;
                self.numbering.last_arabic = label.value;
            }
            Scheme::LowerAlpha => self.numbering.last_alpha = label.value,
            Scheme::LowerRoman => self.numbering.last_roman = label.value,
            _ => {}
        }
        self.flush_para(doc);
        self.in_lost_bullets = false;
        self.numbering.heading_since_point = false;
        let label_span = Span::new(line.content.start, line.content.start + label.len);
        let text_span = Span::new(line.content.start + label.consumed, line.content.end);
        doc.points.push(Point {
            label: label.text.clone(),
            label_span,
            scheme: label.scheme,
            value: label.value,
            depth,
            text: Text::new(),
            paragraph: None,
        });
        self.begin_para(doc, ParagraphKind::Point, text_span, line);
        if let Some(p) = self.para.as_mut() {
            p.point = Some(doc.points.len() - 1);
        }
        true
    }

    /// Depth of a new point: a lettered or roman list inside a point that ended in a
    /// colon is nested one deeper than that point.
    fn point_depth(&self, doc: &Document, label: &Label) -> u8 {
        let Some(prev) = doc.points.last() else {
            return 1;
        };
        if self.numbering.heading_since_point {
            return 1;
        }
        if label.scheme == prev.scheme {
            return prev.depth;
        }
        // Returning to a scheme seen before: take that level.
        if let Some(same) = doc.points.iter().rev().find(|p| p.scheme == label.scheme) {
            if label.value != 1 {
                return same.depth;
            }
        }
        let prev_text_ends_colon = self
            .para
            .as_ref()
            .filter(|p| p.point.is_some())
            .map(|p| p.text.as_str().trim_end().ends_with(':'))
            .unwrap_or(false);
        if prev_text_ends_colon {
            prev.depth + 1
        } else {
            prev.depth
        }
    }

    fn begin_para(&mut self, _doc: &mut Document, kind: ParagraphKind, span: Span, line: &Line) {
        self.para = Some(ParaBuilder {
            text: Text::from_source(self.text, span),
            page: self.cursor.page,
            kind,
            last: *line,
            after_ref: false,
            point: None,
            bullet: None,
        });
        self.heading = None;
    }

    fn flush_para(&mut self, doc: &mut Document) {
        let Some(mut p) = self.para.take() else {
            return;
        };
        p.text.trim_end();
        if p.text.is_empty() {
            return;
        }
        let mut kind = p.kind;
        if kind == ParagraphKind::Plain && p.text.as_str().ends_with(':') {
            kind = ParagraphKind::LeadIn;
        }
        let index = doc.paragraphs.len();
        if let Some(pt) = p.point {
            doc.points[pt].text = p.text.clone();
            doc.points[pt].paragraph = Some(index);
        }
        if let Some(b) = p.bullet {
            doc.bullets[b].paragraph = Some(index);
        }
        doc.paragraphs.push(Paragraph {
            text: p.text,
            page: p.page,
            kind,
        });
    }
}

/// The document's own words (lowercase), built on first use: only a line-end hyphen
/// between two lowercase parts needs them, and most documents have few.
struct Vocabulary<'a> {
    text: &'a str,
    lines: &'a [Line],
    words: std::cell::OnceCell<crate::hash::FastSet<String>>,
}

impl<'a> Vocabulary<'a> {
    fn new(text: &'a str, lines: &'a [Line]) -> Self {
        Vocabulary {
            text,
            lines,
            words: std::cell::OnceCell::new(),
        }
    }

    fn words(&self) -> &crate::hash::FastSet<String> {
        self.words.get_or_init(|| {
            let mut words = crate::hash::FastSet::default();
            let mut lower = String::new();
            for l in self.lines.iter().filter(|l| l.kind == LineKind::Text) {
                let line = &self.text[l.content.start..l.content.end];
                if line.is_ascii() {
                    // Most lines: split byte by byte, lowercase without Unicode tables,
                    // no allocation for a word already known.
                    for w in line
                        .as_bytes()
                        .split(|b| !(b.is_ascii_alphanumeric() || *b == b'-'))
                        .filter(|w| w.len() > 2)
                    {
                        let w = std::str::from_utf8(w).unwrap_or_default();
                        lower.clear();
                        lower.push_str(w);
                        lower.make_ascii_lowercase();
                        if !words.contains(lower.as_str()) {
                            words.insert(lower.clone());
                        }
                    }
                    continue;
                }
                for w in line
                    .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                    .filter(|w| w.len() > 2)
                {
                    if w.is_ascii() {
                        if !w.bytes().any(|b| b.is_ascii_uppercase()) {
                            if !words.contains(w) {
                                words.insert(w.to_string());
                            }
                        } else {
                            words.insert(w.to_ascii_lowercase());
                        }
                    } else if !w.contains(char::is_uppercase) {
                        if !words.contains(w) {
                            words.insert(w.to_string());
                        }
                    } else {
                        words.insert(w.to_lowercase());
                    }
                }
            }
            words
        })
    }
}

/// Append a wrapped line to a rebuilt text, joining as the layout requires: a line
/// that ends in a hyphen is joined without a space (the hyphen kept for compounds,
/// dropped for a word split across lines); after a footnote reference, punctuation
/// joins without a space.
fn append_line(
    text: &mut Text,
    source: &str,
    prev: Option<&Line>,
    line: &Line,
    after_ref: bool,
    vocabulary: &Vocabulary<'_>,
    drop_unknown_hyphen: bool,
) {
    let content = &source[line.content.start..line.content.end];
    if text.is_empty() {
        text.push_source(source, line.content);
        return;
    }
    text.trim_end();
    let t = text.as_str();
    let first = content.chars().next().unwrap_or(' ');
    if t.ends_with('-') {
        let trailing_space = prev.is_some_and(|p| p.trailing > 0);
        if trailing_space {
            // "immigratie- " + "en asiel…": a suspended compound.
            text.push_synthetic(" ", line.content.start);
        } else if drop_line_end_hyphen(t, content, vocabulary.words(), drop_unknown_hyphen) {
            text.truncate(t.len() - 1);
        }
        text.push_source(source, line.content);
        return;
    }
    let punctuation_first = matches!(first, '.' | ',' | ';' | ':' | ')' | '!' | '?' | '”' | '’');
    if !(after_ref && punctuation_first) {
        text.push_synthetic(" ", line.content.start);
    }
    text.push_source(source, line.content);
}

/// Decide whether a hyphen at a line end split one word ("geloofs-" + "overtuigingen")
/// rather than belonging to it ("EU-" + "veiligheidsadviseurs", "re-" + "integratie").
/// The document's own vocabulary decides where it can.
fn drop_line_end_hyphen(
    before: &str,
    after: &str,
    vocabulary: &crate::hash::FastSet<String>,
    drop_unknown: bool,
) -> bool {
    let left: String = before[..before.len() - 1]
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let right: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    if left.is_empty() || right.is_empty() {
        return false; // "en -" + "oplossingen", "inreis-" + "/uitreissysteem"
    }
    // A word in capitals broken across lines ("OP-" + "TIONAL") when the document
    // writes it whole and never with the hyphen.
    if let Some((joined, hyphenated)) = super::words::broken_capitals(&left, &right) {
        return vocabulary.contains(&joined) && !vocabulary.contains(&hyphenated);
    }
    if left.chars().any(char::is_uppercase) || right.chars().next().is_some_and(char::is_uppercase)
    {
        return false; // "EU-" + "…", "eu-" + "LISA"
    }
    let joined = format!("{left}{right}").to_lowercase();
    let hyphenated = format!("{left}-{right}").to_lowercase();
    if vocabulary.contains(&hyphenated) {
        return false;
    }
    if vocabulary.contains(&joined) {
        return true;
    }
    let vowel = |c: Option<char>| c.is_some_and(|c| "aeiouy".contains(c));
    if vowel(left.chars().last()) && vowel(right.chars().next()) {
        return false; // "re-" + "integratie"
    }
    drop_unknown
}

fn bullet_glyph(content: &str) -> Option<usize> {
    let mut chars = content.char_indices();
    let (_, c) = chars.next()?;
    if matches!(
        c,
        '\u{f0b7}' | '•' | '▪' | '●' | '◦' | '\u{f0a7}' | '\u{f0d8}' | '■' | '·'
    ) {
        let rest = &content[c.len_utf8()..];
        let trimmed = rest.trim_start();
        if trimmed.is_empty() {
            return None;
        }
        return Some(content.len() - trimmed.len());
    }
    None
}

/// The words of a pack the text front end reads (`[structure]`).
pub struct LineWords {
    /// What follows the actor in a frame line ("De Commissie zal:"), leading space
    /// included (`frame-verbs`).
    frame_verbs: Vec<String>,
    /// A line-end hyphen between two lowercase parts that the document's own words do
    /// not settle splits one word (`join-line-end-hyphen`).
    drop_unknown_hyphen: bool,
}

impl FromPack for LineWords {
    fn from_pack(pack: &Pack) -> Self {
        LineWords {
            frame_verbs: pack.strings("structure.frame-verbs"),
            drop_unknown_hyphen: pack
                .get("structure.join-line-end-hyphen")
                .and_then(toml::Value::as_bool)
                .unwrap_or(false),
        }
    }
}

/// The actor of a frame line: "De Commissie zal:" → "De Commissie". The verbs of every
/// pack count, as for box titles.
pub fn frame_actor(frame: &str) -> Option<String> {
    let packs: Vec<_> = Language::all()
        .iter()
        .map(|&l| Pack::builtin(l).compiled::<LineWords>())
        .collect();
    let verbs: Vec<&[u8]> = packs
        .iter()
        .flat_map(|w| w.frame_verbs.iter().map(String::as_bytes))
        .collect();
    // Search the original text, ASCII-case-insensitively: an offset found in a
    // `to_lowercase()` copy is not an offset into `frame` ("İ" lowercases to 3 bytes).
    let cut = frame.char_indices().map(|(i, _)| i).find(|&i| {
        let rest = &frame.as_bytes()[i..];
        verbs
            .iter()
            .any(|v| rest.len() >= v.len() && rest[..v.len()].eq_ignore_ascii_case(v))
    })?;
    let actor = frame[..cut].trim();
    (!actor.is_empty() && actor.len() < 120).then(|| actor.to_string())
}

fn ends_with_punctuation(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with(['.', ';', ',', '!', '?', ':'])
}

/// Ends with sentence-final punctuation, possibly followed by closing quotes/brackets.
pub fn text_ends_sentence(s: &str) -> bool {
    let t = s
        .trim_end()
        .trim_end_matches(['”', '’', '"', '\'', ')', ']', '»']);
    t.ends_with(['.', '!', '?'])
}

fn is_all_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3 && letters.iter().all(|c| !c.is_lowercase())
}

fn number_text_len(s: &str) -> usize {
    s.trim_end().len()
}

/// Council documents glue footnote digits to the word ("aangenomen1,"). Accept such a
/// marker when its number has a definition and no other reference, and take the
/// digits out of the paragraph text.
fn attach_glued_references(doc: &mut Document) {
    let defined: HashSet<u32> = doc.footnote_defs.iter().filter_map(|d| d.number).collect();
    let mut referenced: HashSet<u32> = doc.footnote_refs.iter().filter_map(|r| r.number).collect();
    if defined.is_empty() {
        return;
    }
    let mut added = false;
    for pi in 0..doc.paragraphs.len() {
        let mut found = Vec::new();
        for (off, len, n) in glued_markers(doc.paragraphs[pi].text.as_str()) {
            if defined.contains(&n) && !referenced.contains(&n) {
                found.push((off, len, n));
                referenced.insert(n);
            }
        }
        // Remove from the back so earlier offsets stay valid.
        for &(off, len, n) in found.iter().rev() {
            let para = &mut doc.paragraphs[pi];
            let span = para.text.source_span((off..off + len).into());
            let page = doc
                .pages
                .partition_point(|p| p.span.start <= span.start)
                .saturating_sub(1);
            doc.footnote_refs.push(FootnoteRef {
                span,
                label: n.to_string(),
                number: Some(n),
                style: RefStyle::Glued,
                page,
            });
            para.text = para.text.without((off..off + len).into());
            added = true;
        }
    }
    if added {
        doc.footnote_refs.sort_by_key(|r| r.span.start);
        for pt in doc.points.iter_mut() {
            if let Some(pi) = pt.paragraph {
                pt.text = doc.paragraphs[pi].text.clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        parse(SourceFile::from_str("t.txt", text), None)
    }

    #[test]
    fn joins_wrapped_lines_and_reads_lone_number_references() {
        let d = doc(
            "De dreiging blijft bestaan\n1\n. De dreiging neemt toe en is \n\nreëel. \n\n                                                           \n1\n  Zie EEAS(2020) 1114. \n\n",
        );
        assert_eq!(d.footnote_refs.len(), 1);
        assert_eq!(d.footnote_defs.len(), 1);
        assert_eq!(d.footnote_defs[0].number, Some(1));
        assert_eq!(d.footnote_defs[0].text.as_str(), "Zie EEAS(2020) 1114.");
        assert_eq!(d.paragraphs.len(), 1);
        assert_eq!(
            d.paragraphs[0].text.as_str(),
            "De dreiging blijft bestaan. De dreiging neemt toe en is reëel."
        );
    }

    #[test]
    fn plain_text_paragraphs_are_separated_by_blank_lines() {
        let d = doc("Title of the note\n\nThe Commission will act.\nIt will report to the Council.\n\nA second paragraph starts here and\ngoes on.\n\u{c}Page two starts here.\n");
        let texts: Vec<&str> = d.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "The Commission will act. It will report to the Council.",
                "A second paragraph starts here and goes on.",
                "Page two starts here."
            ]
        );
        assert_eq!(d.headings.len(), 1);
        assert_eq!(d.pages.len(), 2);
    }

    #[test]
    fn a_point_whose_third_line_starts_with_a_date_is_not_a_heading() {
        let d = doc("1. De Raad herinnert aan de verklaring van de leden van de Europese Raad van \n\nfebruari en aan de conclusies van \n\n9 februari 2015 over terrorismebestrijding. \n\n2. De Raad benadrukt het belang. \n\n");
        assert!(
            d.headings.is_empty(),
            "{:?}",
            d.headings
                .iter()
                .map(|h| h.title.as_str())
                .collect::<Vec<_>>()
        );
        assert_eq!(
            d.points.iter().map(|p| p.value).collect::<Vec<_>>(),
            vec![1, 2]
        );
    }

    #[test]
    fn hyphen_joins_follow_the_vocabulary() {
        let v: crate::hash::FastSet<String> =
            ["terrorismebestrijding".to_string()].into_iter().collect();
        assert!(drop_line_end_hyphen(
            "terrorisme-",
            "bestrijding zijn",
            &v,
            true
        ));
        assert!(!drop_line_end_hyphen(
            "met inzet van EU-",
            "veiligheidsadviseurs",
            &v,
            true
        ));
        assert!(!drop_line_end_hyphen("en re-", "integratie", &v, true));
        assert!(!drop_line_end_hyphen(
            "CBRN-veiligheid en -",
            "beveiliging",
            &v,
            true
        ));
        assert!(!drop_line_end_hyphen(
            "het inreis-",
            "/uitreissysteem",
            &v,
            true
        ));
        // A word in capitals broken across lines, which the document writes whole.
        let v: crate::hash::FastSet<String> = ["optional".to_string(), "eu".to_string()]
            .into_iter()
            .collect();
        assert!(drop_line_end_hyphen(
            "an element is OP-",
            "TIONAL and",
            &v,
            false
        ));
        assert!(!drop_line_end_hyphen("the EU-", "LISA agency", &v, false));
    }

    #[test]
    fn frame_actor_with_a_letter_that_lowercases_longer() {
        // "İ" is 2 bytes; its lowercase form is 3: offsets in the copy are not offsets here.
        assert_eq!(
            frame_actor("De Commissie İİİ zal:").as_deref(),
            Some("De Commissie İİİ")
        );
        assert_eq!(frame_actor("İİİİİİ WILL:").as_deref(), Some("İİİİİİ"));
        // The copy's offset of " zal" lands inside "é" here.
        assert_eq!(
            frame_actor("De Commissie İİİİİ zalé").as_deref(),
            Some("De Commissie İİİİİ")
        );
    }

    #[test]
    fn frame_actors() {
        assert_eq!(
            frame_actor("De Commissie zal:").as_deref(),
            Some("De Commissie")
        );
        assert_eq!(
            frame_actor("De lidstaten worden aangespoord om:").as_deref(),
            Some("De lidstaten")
        );
        assert_eq!(
            frame_actor("The Commission will:").as_deref(),
            Some("The Commission")
        );
    }
}
