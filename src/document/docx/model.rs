//! Phase 4: blocks to the [`Document`] model, writing the canonical text rendering as
//! it goes. The rendering has one line-block per paragraph (a blank line between),
//! the list labels Word displays written out, footnote and endnote reference marks as
//! `[^n]` (endnotes `[^i]`), and after the body the endnote and footnote texts, each
//! introduced by its mark (`[^3]: …`). Every span of the model points into it.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::blocks::{Block, Item, Para, TextXml};
use super::facts::*;
use super::parts::{CommentPart, Numbering, StyleRole, Styles};
use crate::document::*;
use crate::source::Rendering;

/// Where rendered text came from in `word/document.xml` (for annotate).
#[derive(Clone, Debug, Default)]
pub struct Anchors {
    /// Rendered range ↔ the `w:t` it copies and how many decoded bytes of that `w:t`
    /// were left out before it (leading spaces), sorted by rendered start.
    pub texts: Vec<(Range<usize>, TextXml, usize)>,
    /// Rendered range of each body paragraph ↔ (offset after its `w:pPr`, offset of
    /// `</w:p>`, the paragraph has tracked changes).
    pub paras: Vec<(Range<usize>, usize, usize, bool)>,
    /// Rendered range of each note's text ↔ the rendered span of its first reference
    /// mark.
    pub notes: Vec<(Range<usize>, Range<usize>)>,
    /// Rendered reference marks ↔ their run.
    pub marks: Vec<(Range<usize>, Range<usize>)>,
}

/// Inputs of the model builder.
pub struct Parts<'p> {
    pub styles: &'p Styles,
    pub numbering: &'p Numbering,
    pub comments: &'p [CommentPart],
    pub bookmarks: &'p HashSet<String>,
    pub footnotes: &'p HashMap<String, Vec<Block>>,
    pub endnotes: &'p HashMap<String, Vec<Block>>,
}

/// List counters, per abstract list, as Word keeps them.
struct Counters<'n> {
    numbering: &'n Numbering,
    styles: &'n Styles,
    state: HashMap<String, [Option<u32>; 9]>,
    pending: HashMap<(String, u8), u32>,
    seen: HashSet<String>,
}

/// A displayed list label.
struct Shown {
    label: String,
    scheme: Option<Scheme>,
    value: u32,
    bullet: bool,
}

fn scheme_of(fmt: &str) -> Option<Scheme> {
    match fmt {
        "decimal"
        | "decimalZero"
        | "decimalEnclosedParen"
        | "decimalEnclosedCircle"
        | "ordinal"
        | "cardinalText"
        | "ordinalText" => Some(Scheme::Arabic),
        "lowerLetter" => Some(Scheme::LowerAlpha),
        "upperLetter" => Some(Scheme::UpperAlpha),
        "lowerRoman" => Some(Scheme::LowerRoman),
        "upperRoman" => Some(Scheme::UpperRoman),
        _ => None,
    }
}

fn letters(n: u32, upper: bool) -> String {
    if n == 0 {
        return "0".into();
    }
    // Word repeats the letter: a … z, aa … zz, aaa …
    let c = (b'a' + ((n - 1) % 26) as u8) as char;
    let s: String = std::iter::repeat_n(c, ((n - 1) / 26 + 1).min(20) as usize).collect();
    if upper {
        s.to_uppercase()
    } else {
        s
    }
}

fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "lowerLetter" => letters(n, false),
        "upperLetter" => letters(n, true),
        "lowerRoman" => super::super::inline::to_roman(n),
        "upperRoman" => super::super::inline::to_roman(n).to_uppercase(),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

impl<'n> Counters<'n> {
    fn resolve(&self, num_id: &str) -> Option<(String, Vec<(u8, super::parts::Level)>)> {
        let num = self.numbering.nums.get(num_id)?;
        let mut abstract_id = num.abstract_id.clone();
        // An abstract list that only links to a list style takes that style's list.
        if let Some(style) = self.numbering.style_links.get(&abstract_id) {
            if let Some(linked) = self
                .styles
                .num(style)
                .and_then(|(id, _)| self.numbering.nums.get(&id))
            {
                abstract_id = linked.abstract_id.clone();
            }
        }
        let mut levels = self.numbering.abstracts.get(&abstract_id)?.clone();
        for (l, lvl) in &num.level_overrides {
            levels.retain(|(i, _)| i != l);
            levels.push((*l, lvl.clone()));
        }
        Some((abstract_id, levels))
    }

    fn next(&mut self, num_id: &str, ilvl: u8) -> Option<Shown> {
        if num_id == "0" {
            return None;
        }
        let (abstract_id, levels) = self.resolve(num_id)?;
        let level = |l: u8| {
            levels
                .iter()
                .find(|(i, _)| *i == l)
                .map(|(_, lvl)| lvl.clone())
                .unwrap_or_default()
        };
        let this = level(ilvl);
        if self.seen.insert(num_id.to_string()) {
            if let Some(num) = self.numbering.nums.get(num_id) {
                let state = self.state.entry(abstract_id.clone()).or_default();
                for (l, start) in &num.start_overrides {
                    state[*l as usize] = None;
                    self.pending.insert((abstract_id.clone(), *l), *start);
                }
            }
        }
        let state = self.state.entry(abstract_id.clone()).or_default();
        let i = ilvl as usize;
        let value = match state[i] {
            Some(c) => c.saturating_add(1),
            None => self
                .pending
                .remove(&(abstract_id.clone(), ilvl))
                .unwrap_or(this.start),
        };
        state[i] = Some(value);
        for (deeper, value) in state.iter_mut().enumerate().skip(i + 1) {
            let restart = level(deeper as u8).restart;
            if restart.is_none_or(|r| r != 0 && i < r as usize) {
                *value = None;
            }
        }
        let values = *state;
        if this.fmt == "bullet" {
            return Some(Shown {
                label: "•".into(),
                scheme: None,
                value: 0,
                bullet: true,
            });
        }
        let mut label = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let l = (d.clamp(1, 9) - 1) as u8;
                    let lvl = level(l);
                    let v = values[l as usize].unwrap_or(lvl.start);
                    let fmt = if this.legal && l != ilvl {
                        "decimal"
                    } else {
                        &lvl.fmt
                    };
                    label.push_str(&format_number(v, fmt));
                    continue;
                }
            }
            label.push(c);
        }
        Some(Shown {
            label: label.trim().to_string(),
            scheme: scheme_of(&this.fmt),
            value,
            bullet: false,
        })
    }
}

/// A paragraph as rendered.
struct Rendered {
    /// Whole line-block, label included.
    span: Span,
    /// The paragraph's text, label and note marks excluded.
    text: Text,
    /// Start of the content (after the label) in the rendering.
    content_start: usize,
}

/// The builder's state.
pub struct Builder<'p> {
    parts: Parts<'p>,
    counters: Counters<'p>,
    out: String,
    doc_paragraph_starts: Vec<usize>,
    footnote_starts: Vec<(usize, u32)>,
    pub anchors: Anchors,
    facts: DraftFacts,
    doc: Document,
    /// Note id → (displayed label, number) in order of first reference.
    foot_numbers: HashMap<String, (String, u32)>,
    end_numbers: HashMap<String, (String, u32)>,
    foot_order: Vec<String>,
    end_order: Vec<String>,
    /// Rendered mark span and run of the first reference of each note.
    first_mark: HashMap<(bool, String), (Span, Range<usize>)>,
    /// Open comment ranges: id → start offset.
    comment_open: HashMap<String, usize>,
    comment_ranges: HashMap<String, Span>,
    in_title_zone: bool,
    last_lettered: Option<(Scheme, u32)>,
    /// Rendering the body (document.xml) rather than a note.
    in_body: bool,
}

const SEP: &str = "\n\n";

impl<'p> Builder<'p> {
    pub fn new(parts: Parts<'p>, source: SourceFile) -> Self {
        let counters = Counters {
            numbering: parts.numbering,
            styles: parts.styles,
            state: HashMap::new(),
            pending: HashMap::new(),
            seen: HashSet::new(),
        };
        Builder {
            parts,
            counters,
            out: String::new(),
            doc_paragraph_starts: Vec::new(),
            footnote_starts: Vec::new(),
            anchors: Anchors::default(),
            facts: DraftFacts::default(),
            doc: Document::empty(source, Format::Docx, crate::lang::Language::En),
            foot_numbers: HashMap::new(),
            end_numbers: HashMap::new(),
            foot_order: Vec::new(),
            end_order: Vec::new(),
            first_mark: HashMap::new(),
            comment_open: HashMap::new(),
            comment_ranges: HashMap::new(),
            in_title_zone: true,
            last_lettered: None,
            in_body: true,
        }
    }

    fn start_block(&mut self) -> usize {
        if !self.out.is_empty() {
            self.out.push_str(SEP);
        }
        self.doc_paragraph_starts.push(self.out.len());
        self.out.len()
    }

    /// Undo a block start when the paragraph turned out empty.
    fn cancel_block(&mut self, start: usize) {
        self.out.truncate(start);
        while self.out.ends_with('\n') {
            self.out.pop();
        }
        self.doc_paragraph_starts.pop();
    }

    /// True when a paragraph shows no text (only marks, changes, hidden text).
    fn is_blank(p: &Para) -> bool {
        !p.items.iter().any(|i| match i {
            Item::Text { text, props, .. } => !props.hidden && !text.trim().is_empty(),
            Item::NoteRef { .. } => true,
            _ => false,
        })
    }

    /// Render one paragraph's items after an optional label; returns None for a
    /// paragraph without visible text (its facts are still kept, anchored nearby).
    fn render(&mut self, p: &Para, label: Option<&str>) -> Option<Rendered> {
        if Self::is_blank(p) {
            // Changes, comments, hidden text of an empty paragraph: anchored on the
            // end of the previous text.
            let at = self.out.len();
            self.items(p, at, &mut Text::new());
            return None;
        }
        let start = self.start_block();
        if let Some(l) = label.filter(|l| !l.is_empty()) {
            self.out.push_str(l);
            self.out.push(' ');
        }
        let content_start = self.out.len();
        let mut text = Text::new();
        self.items(p, start, &mut text);
        // Trim trailing spaces of the rendering and the text alike.
        let trimmed = self.out.trim_end().len().max(content_start);
        self.out.truncate(trimmed);
        text.trim_end();
        if self.out.len() == start {
            self.cancel_block(start);
            return None;
        }
        if self.in_body {
            self.anchors
                .paras
                .push((start..self.out.len(), p.xml_start, p.xml_end, p.revised));
        }
        Some(Rendered {
            span: Span::new(start, self.out.len()),
            text,
            content_start,
        })
    }

    /// Push the items of a paragraph into the rendering and its text.
    fn items(&mut self, p: &Para, block_start: usize, text: &mut Text) {
        let mut change = ChangeFact::default();
        let mut change_spans: Option<Span> = None;
        let mut link: Option<(usize, String)> = None;
        let mut field: Option<(usize, String)> = None;
        let mut highlight: Option<(Span, String)> = None;
        let (mut in_insertion, mut in_deletion) = (false, false);
        for item in &p.items {
            match item {
                Item::Text {
                    text: t,
                    props,
                    xml,
                    author,
                } => {
                    let t: String = t
                        .chars()
                        .map(|c| if c.is_ascii_control() { ' ' } else { c })
                        .collect();
                    if props.hidden {
                        if !t.trim().is_empty() {
                            self.facts.hidden.push(Snippet {
                                span: Span::new(self.out.len(), self.out.len()),
                                text: t,
                                detail: None,
                            });
                        }
                        continue;
                    }
                    // No leading spaces at the start of a line-block.
                    let t = if self.out.len() == block_start || self.out.ends_with(' ') {
                        t.trim_start_matches(' ').to_string()
                    } else {
                        t
                    };
                    if t.is_empty() {
                        continue;
                    }
                    let skipped = match item {
                        Item::Text { text: orig, .. } => orig.len() - t.len(),
                        _ => 0,
                    };
                    let s = self.out.len();
                    self.out.push_str(&t);
                    let span = Span::new(s, self.out.len());
                    in_deletion = false;
                    text.push_source(&self.out, span);
                    if let (Some(x), true) = (xml, self.in_body) {
                        // Only the part of the w:t that was written maps.
                        self.anchors.texts.push((s..span.end, x.clone(), skipped));
                    }
                    if props.inserted || props.format_change {
                        // A stretch of inserted text counts once, however many runs
                        // it has.
                        if props.inserted && !in_insertion {
                            change.insertions += 1;
                        } else if !props.inserted {
                            change.formatting += 1;
                        }
                        change_spans = Some(change_spans.map_or(span, |c| c.cover(span)));
                        push_author(&mut change.authors, author);
                    }
                    in_insertion = props.inserted;
                    if let Some(colour) = &props.highlight {
                        highlight = match highlight.take() {
                            Some((h, c)) if h.end == span.start || h.end + 1 == span.start => {
                                Some((h.cover(span), c))
                            }
                            Some(prev) => {
                                self.push_highlight(prev);
                                Some((span, colour.clone()))
                            }
                            None => Some((span, colour.clone())),
                        };
                    }
                    let raised = props.superscript
                        || props
                            .style
                            .as_deref()
                            .is_some_and(|s| self.parts.styles.superscript(s));
                    if raised && is_manual_mark(&t, &self.out[..s]) {
                        self.facts.manual_superscripts.push(Snippet {
                            span,
                            text: t.clone(),
                            detail: None,
                        });
                    }
                }
                Item::NoteRef { endnote, id, run } => {
                    self.note_ref(*endnote, id, run.clone());
                }
                Item::LinkStart(target) => link = Some((self.out.len(), target.clone())),
                Item::LinkEnd => {
                    if let Some((s, target)) = link.take() {
                        let span = Span::new(s, self.out.len());
                        if !span.is_empty() {
                            self.doc.links.push(Link {
                                span,
                                text: self.out[s..].to_string(),
                                target,
                                target_span: span,
                            });
                        }
                    }
                }
                Item::CommentStart(id) => {
                    self.comment_open.insert(id.clone(), self.out.len());
                }
                Item::CommentEnd(id) => {
                    let end = self.out.len();
                    let start = self.comment_open.remove(id).unwrap_or(end);
                    self.comment_ranges
                        .entry(id.clone())
                        .or_insert(Span::new(start, end));
                }
                Item::Deleted { author, .. } => {
                    if !in_deletion {
                        change.deletions += 1;
                    }
                    in_deletion = true;
                    in_insertion = false;
                    push_author(&mut change.authors, author);
                }
                Item::RefStart(bookmark) => field = Some((self.out.len(), bookmark.clone())),
                Item::RefEnd => {
                    if let Some((s, bookmark)) = field.take() {
                        if !self.parts.bookmarks.contains(&bookmark) {
                            self.facts.broken_fields.push(BrokenField {
                                span: Span::new(s, self.out.len()),
                                bookmark: Some(bookmark),
                                text: self.out[s..].to_string(),
                            });
                        }
                    }
                }
            }
        }
        if let Some(h) = highlight {
            self.push_highlight(h);
        }
        if change.insertions + change.deletions + change.formatting > 0 || p.mark_changed {
            if change.insertions + change.deletions + change.formatting == 0 {
                change.insertions = 1;
            }
            change.span = change_spans.unwrap_or(Span::new(block_start, self.out.len()));
            self.facts.changes.push(change);
        }
    }

    fn push_highlight(&mut self, (span, colour): (Span, String)) {
        self.facts.highlights.push(Snippet {
            span,
            text: self.out[span.start..span.end].to_string(),
            detail: Some(colour),
        });
    }

    /// A reference mark: written into the rendering but not into the paragraph's
    /// text (it is not one of its words).
    fn note_ref(&mut self, endnote: bool, id: &str, run: Range<usize>) {
        let known = if endnote {
            self.parts.endnotes.contains_key(id)
        } else {
            self.parts.footnotes.contains_key(id)
        };
        if !known || !self.in_body {
            return;
        }
        let (numbers, order) = if endnote {
            (&mut self.end_numbers, &mut self.end_order)
        } else {
            (&mut self.foot_numbers, &mut self.foot_order)
        };
        let next = numbers.len() as u32 + 1;
        let (label, number) = numbers
            .entry(id.to_string())
            .or_insert_with(|| {
                order.push(id.to_string());
                let label = if endnote {
                    super::super::inline::to_roman(next)
                } else {
                    next.to_string()
                };
                (label, next)
            })
            .clone();
        let s = self.out.len();
        self.out.push_str("[^");
        self.out.push_str(&label);
        self.out.push(']');
        let span = Span::new(s, self.out.len());
        self.facts.note_marks.push(span);
        self.anchors.marks.push((s..span.end, run.clone()));
        self.first_mark
            .entry((endnote, id.to_string()))
            .or_insert((span, run));
        self.doc.footnote_refs.push(FootnoteRef {
            span,
            label,
            number: (!endnote).then_some(number),
            style: RefStyle::Markdown,
            page: 0,
        });
    }

    /// Walk the body blocks.
    pub fn body(&mut self, blocks: &[Block]) {
        let mut i = 0;
        while i < blocks.len() {
            match &blocks[i] {
                Block::Para(p) => {
                    if p.framed {
                        let n = blocks[i..]
                            .iter()
                            .take_while(|b| matches!(b, Block::Para(q) if q.framed))
                            .count();
                        let group: Vec<&Para> = blocks[i..i + n]
                            .iter()
                            .filter_map(|b| match b {
                                Block::Para(p) => Some(p),
                                _ => None,
                            })
                            .collect();
                        if self.key_action_box(&group) {
                            i += n;
                            continue;
                        }
                    }
                    self.paragraph(p);
                }
                Block::Table { rows, shaded } => {
                    let cells: Vec<&Vec<Block>> = rows.iter().flatten().collect();
                    let one_cell = cells.len() == 1;
                    let paras: Vec<&Para> = cells
                        .iter()
                        .flat_map(|c| c.iter())
                        .filter_map(|b| match b {
                            Block::Para(p) => Some(p),
                            _ => None,
                        })
                        .collect();
                    if !((one_cell || *shaded) && self.key_action_box(&paras)) {
                        self.table_text(rows);
                    }
                }
                Block::TextBox(content) => {
                    let paras: Vec<&Para> = content
                        .iter()
                        .filter_map(|b| match b {
                            Block::Para(p) => Some(p),
                            _ => None,
                        })
                        .collect();
                    if !self.key_action_box(&paras) {
                        self.aside(content);
                    }
                }
            }
            i += 1;
        }
    }

    /// Table cells: rendered (so that findings and dumps can show them) but not prose.
    fn table_text(&mut self, rows: &[Vec<Vec<Block>>]) {
        // Each cell's rendering, recorded as a table of the model.
        let mut table: Vec<Vec<crate::document::TableCell>> = Vec::new();
        for row in rows {
            let mut cells = Vec::new();
            for cell in row {
                let start = self.out.len();
                self.aside(cell);
                let span = trim_span(&self.out, Span::new(start, self.out.len()));
                if span.start < span.end {
                    cells.push(crate::document::TableCell {
                        span,
                        text: Text::from_source(&self.out, span),
                    });
                }
            }
            if !cells.is_empty() {
                table.push(cells);
            }
        }
        let spans = table.iter().flatten().map(|c| c.span);
        if let Some(span) = spans.reduce(|a, b| a.cover(b)) {
            self.doc.tables.push(crate::document::Table {
                span,
                page: 0,
                rows: table,
            });
        }
    }

    fn aside(&mut self, blocks: &[Block]) {
        for b in blocks {
            match b {
                Block::Para(p) => {
                    let shown = p.num.clone().and_then(|(id, l)| self.counters.next(&id, l));
                    let _ = self.render(p, shown.as_ref().map(|s| s.label.as_str()));
                }
                Block::Table { rows, .. } => self.table_text(rows),
                Block::TextBox(c) => self.aside(c),
            }
        }
    }

    /// The visible text of a paragraph (for recognising a box title).
    fn plain(p: &Para) -> String {
        let mut s = String::new();
        for i in &p.items {
            if let Item::Text { text, props, .. } = i {
                if !props.hidden {
                    s.push_str(text);
                }
            }
        }
        s
    }

    /// A group of paragraphs (one-cell table, shaded table, framed paragraphs, text
    /// box) that starts with a box title: a key-action box.
    fn key_action_box(&mut self, paras: &[&Para]) -> bool {
        let Some(first) = paras.iter().position(|p| !Self::is_blank(p)) else {
            return false;
        };
        if !crate::document::is_box_title(&Self::plain(paras[first])) || paras.len() < 2 {
            return false;
        }
        self.in_title_zone = false;
        let Some(title) = self.render(paras[first], None) else {
            return false;
        };
        let mut frames: Vec<Frame> = Vec::new();
        let mut items = Vec::new();
        let mut end = title.span.end;
        for p in &paras[first + 1..] {
            let shown = self
                .para_numbering(p)
                .and_then(|(id, l)| self.counters.next(&id, l));
            let label = shown.as_ref().map(|s| s.label.clone());
            let Some(r) = self.render(p, label.as_deref()) else {
                continue;
            };
            end = r.span.end;
            let is_frame = label.is_none() && r.text.as_str().trim_end().ends_with(':');
            if is_frame {
                frames.push(Frame {
                    span: r.span,
                    actor: crate::document::pdftext::frame_actor(
                        r.text.as_str().trim_end().trim_end_matches(':'),
                    ),
                    text: r.text,
                });
            } else {
                // A typed dash or bullet glyph is not part of the item.
                let t = r.text.as_str();
                let skip = t.len() - t.trim_start_matches(['-', '–', '—', '•', ' ']).len();
                let text = if skip > 0 && skip < t.len() {
                    let mut x = Text::new();
                    x.push_source(&self.out, r.text.source_span((skip..t.len()).into()));
                    x
                } else {
                    r.text
                };
                items.push(BoxItem {
                    span: text.span(),
                    text,
                    frame: frames.len().checked_sub(1),
                });
            }
        }
        let t = title.text.as_str().trim();
        self.doc.boxes.push(KeyActionBox {
            span: Span::new(title.span.start, end),
            title: t.trim_end_matches(':').trim_end().to_string(),
            title_span: title.text.span(),
            frames,
            items,
        });
        true
    }

    /// The numbering of a paragraph: its own `w:numPr`, else its style's.
    fn para_numbering(&self, p: &Para) -> Option<(String, u8)> {
        match &p.num {
            Some((id, _)) if id == "0" => None,
            Some(n) => Some(n.clone()),
            None => p.style.as_deref().and_then(|s| self.parts.styles.num(s)),
        }
    }

    fn role(&self, p: &Para) -> StyleRole {
        if let Some(o) = p.outline.filter(|o| *o < 9) {
            return StyleRole::Heading(o + 1);
        }
        p.style
            .as_deref()
            .map_or(StyleRole::Other, |s| self.parts.styles.role(s))
    }

    fn paragraph(&mut self, p: &Para) {
        let role = self.role(p);
        if role == StyleRole::Contents {
            // Rendered, not prose: "1. Inleiding 3" is no point.
            let _ = self.render(p, None);
            return;
        }
        let shown = self
            .para_numbering(p)
            .and_then(|(id, l)| self.counters.next(&id, l).map(|s| (s, l)));
        let label = shown.as_ref().map(|(s, _)| s.label.clone());
        let Some(r) = self.render(p, label.as_deref()) else {
            return;
        };
        match role {
            StyleRole::Heading(_) => {
                self.in_title_zone = false;
                self.last_lettered = None;
                self.heading(r);
                return;
            }
            StyleRole::Title => {
                self.push_paragraph(r.text, ParagraphKind::Title);
                return;
            }
            StyleRole::Other | StyleRole::Contents => {}
        }
        if let Some((shown, ilvl)) = shown.filter(|(s, _)| !s.label.is_empty()) {
            self.in_title_zone = false;
            let index = self.push_paragraph(
                r.text.clone(),
                if shown.bullet {
                    ParagraphKind::Bullet
                } else {
                    ParagraphKind::Point
                },
            );
            if shown.bullet {
                self.doc.bullets.push(Bullet {
                    span: r.span,
                    glyph_lost: false,
                    paragraph: index,
                });
            } else if let Some(scheme) = shown.scheme {
                let label_span = Span::new(r.span.start, r.span.start + shown.label.len());
                self.doc.points.push(Point {
                    label: shown.label,
                    label_span,
                    scheme,
                    value: shown.value,
                    depth: ilvl + 1,
                    text: r.text,
                    paragraph: index,
                });
            }
            return;
        }
        // A label typed as text ("3. …", "b) …", "– …").
        let plain = r.text.as_str();
        if let Some(l) = super::super::inline::point_label(plain) {
            self.in_title_zone = false;
            let label_span = r.text.source_span((0..l.len).into());
            let rest = if l.consumed < plain.len() {
                let mut x = Text::new();
                x.push_source(
                    &self.out,
                    r.text.source_span((l.consumed..plain.len()).into()),
                );
                x
            } else {
                Text::new()
            };
            if l.scheme == Scheme::Dash {
                let index = self.push_paragraph(rest, ParagraphKind::Bullet);
                self.doc.bullets.push(Bullet {
                    span: r.span,
                    glyph_lost: false,
                    paragraph: index,
                });
                return;
            }
            let (scheme, value) = resolve_label(&l, self.last_lettered);
            if matches!(scheme, Scheme::LowerAlpha | Scheme::LowerRoman) {
                self.last_lettered = Some((scheme, value));
            }
            let depth = match scheme {
                Scheme::LowerAlpha => 2,
                Scheme::LowerRoman => 3,
                _ => 1,
            };
            let index = self.push_paragraph(rest.clone(), ParagraphKind::Point);
            self.doc.points.push(Point {
                label: l.text,
                label_span,
                scheme,
                value,
                depth,
                text: rest,
                paragraph: index,
            });
            return;
        }
        let title = self.in_title_zone
            && !plain
                .trim_end()
                .ends_with(['.', ':', ';', '!', '?', '"', '”']);
        let kind = if title {
            ParagraphKind::Title
        } else {
            self.in_title_zone = false;
            if plain.trim_end().ends_with(':') {
                ParagraphKind::LeadIn
            } else {
                ParagraphKind::Plain
            }
        };
        self.push_paragraph(r.text, kind);
    }

    fn push_paragraph(&mut self, text: Text, kind: ParagraphKind) -> Option<usize> {
        if text.is_empty() {
            return None;
        }
        self.doc.paragraphs.push(Paragraph {
            text,
            page: 0,
            kind,
        });
        Some(self.doc.paragraphs.len() - 1)
    }

    fn heading(&mut self, r: Rendered) {
        let line = &self.out[r.span.start..r.span.end];
        let numbered = heading_number(line);
        let (number, number_span, level, skip) = match numbered {
            Some((len, consumed, level)) => (
                Some(line[..len].to_string()),
                Some(Span::new(r.span.start, r.span.start + len)),
                level,
                consumed,
            ),
            None => (None, None, 4, 0),
        };
        let title_start = (r.span.start + skip).max(r.content_start);
        let t = r.text.as_str();
        let mut title = Text::new();
        let from = title_start - r.content_start;
        if from < t.len() && t.is_char_boundary(from) {
            title.push_source(&self.out, r.text.source_span((from..t.len()).into()));
        } else if from == 0 {
            title = r.text;
        }
        self.doc.headings.push(Heading {
            span: r.span,
            level,
            number,
            number_span,
            title,
        });
    }

    /// Render the notes (endnotes, then footnotes) after the body.
    pub fn notes(&mut self) {
        self.facts.body_end = self.out.len();
        self.in_body = false;
        for endnote in [true, false] {
            let order = if endnote {
                self.end_order.clone()
            } else {
                self.foot_order.clone()
            };
            for id in order {
                let (label, number) = if endnote {
                    self.end_numbers[&id].clone()
                } else {
                    self.foot_numbers[&id].clone()
                };
                let blocks = if endnote {
                    self.parts.endnotes.get(&id)
                } else {
                    self.parts.footnotes.get(&id)
                };
                let Some(blocks) = blocks else {
                    continue;
                };
                let start = self.start_block();
                self.out.push_str("[^");
                self.out.push_str(&label);
                self.out.push_str("]:");
                let label_span = Span::new(start, self.out.len() - 1);
                if !endnote {
                    self.footnote_starts.push((start, number));
                }
                let mut text = Text::new();
                let mut paras = Vec::new();
                flatten(blocks, &mut paras);
                for p in paras {
                    if Self::is_blank(p) {
                        self.items(p, self.out.len(), &mut Text::new());
                        continue;
                    }
                    self.out.push(' ');
                    if !text.is_empty() {
                        text.push_synthetic(" ", self.out.len());
                    }
                    let s = self.out.len();
                    let mut t = Text::new();
                    self.items(p, s, &mut t);
                    let t_trim = t.as_str().trim_end().len();
                    t.truncate(t_trim);
                    let tail = self.out.trim_end().len().max(s);
                    self.out.truncate(tail);
                    for span in t.source_spans((0..t.len()).into()) {
                        text.push_source(&self.out, span);
                    }
                }
                let end = self.out.len();
                let mark = self.first_mark.get(&(endnote, id.clone())).cloned();
                if let Some((mark_span, _)) = &mark {
                    self.anchors
                        .notes
                        .push((start..end, mark_span.start..mark_span.end));
                    if text.as_str().trim().is_empty() {
                        self.facts.empty_notes.push(NoteFact {
                            span: *mark_span,
                            label: label.clone(),
                            endnote,
                        });
                    }
                }
                self.doc.footnote_defs.push(FootnoteDef {
                    span: Span::new(start, end),
                    label: Some(label),
                    label_span: Some(label_span),
                    number: (!endnote).then_some(number),
                    text,
                    page: 0,
                    in_body: false,
                });
            }
        }
    }

    /// Finish: comments into facts, error texts of broken cross-references, the
    /// rendering map, sentences.
    pub fn finish(
        mut self,
        path: &str,
        language: Option<crate::lang::Language>,
    ) -> (Document, Anchors) {
        for c in self.parts.comments {
            let span = match self.comment_ranges.get(&c.id) {
                Some(s) => *s,
                None => match self.comment_open.get(&c.id) {
                    Some(&s) => Span::new(s, s),
                    None => continue,
                },
            };
            self.facts.comments.push(CommentFact {
                span,
                id: c.id.clone(),
                author: c.author.clone(),
                text: c.text.clone(),
                resolved: c.resolved,
            });
        }
        self.facts.comments.sort_by_key(|c| c.span.start);
        for phrase in ERROR_TEXTS {
            for (i, _) in self.out.match_indices(phrase) {
                let span = Span::new(i, i + phrase.len());
                if !self.facts.broken_fields.iter().any(|f| {
                    f.span.start <= span.start && span.end <= f.span.end.max(f.span.start + 1)
                }) {
                    self.facts.broken_fields.push(BrokenField {
                        span,
                        bookmark: None,
                        text: phrase.to_string(),
                    });
                }
            }
        }
        self.facts.broken_fields.sort_by_key(|f| f.span.start);
        // Text the rendering leaves out gets the word next to where it stood.
        let out = &self.out;
        for s in &mut self.facts.hidden {
            s.span = word_at(out, s.span.start);
        }
        for c in &mut self.facts.changes {
            c.span = trim_span(out, c.span);
            if c.span.is_empty() {
                c.span = word_at(out, c.span.start);
            }
        }
        for c in &mut self.facts.comments {
            if c.span.is_empty() {
                c.span = word_at(out, c.span.start);
            }
        }
        for f in &mut self.facts.broken_fields {
            if f.span.is_empty() {
                f.span = word_at(out, f.span.start);
            }
        }
        let rendering = Rendering {
            page_starts: Vec::new(),
            paragraph_starts: self.doc_paragraph_starts,
            footnote_starts: self.footnote_starts,
        };
        let source = SourceFile::rendered(path, self.out, rendering);
        let lang = language.unwrap_or_else(|| crate::lang::detect(&source.text));
        let mut doc = self.doc;
        doc.language = lang;
        let len = source.text.len();
        doc.source = source;
        doc.pages.push(Page {
            index: 1,
            number: None,
            span: Span::new(0, len),
        });
        doc.links.sort_by_key(|l| l.span.start);
        doc.draft = Some(self.facts);
        doc.sentences = crate::document::sentences::split_document(&doc);
        self.anchors.texts.sort_by_key(|(r, _, _)| r.start);
        (doc, self.anchors)
    }
}

/// The texts Word shows for a cross-reference whose target is gone.
pub const ERROR_TEXTS: &[&str] = &[
    "Error! Reference source not found.",
    "Error! Bookmark not defined.",
    "Fout! Verwijzingsbron niet gevonden.",
    "Fout! Bladwijzer niet gedefinieerd.",
    // LibreOffice's wording when it updates such a field.
    "Error: Reference source not found",
];

fn flatten<'b>(blocks: &'b [Block], out: &mut Vec<&'b Para>) {
    for b in blocks {
        match b {
            Block::Para(p) => out.push(p),
            Block::Table { rows, .. } => rows.iter().flatten().for_each(|c| flatten(c, out)),
            Block::TextBox(c) => flatten(c, out),
        }
    }
}

fn push_author(authors: &mut Vec<String>, author: &Option<String>) {
    if let Some(a) = author {
        if !authors.contains(a) && authors.len() < 8 {
            authors.push(a.clone());
        }
    }
}

/// A span without the whitespace at its ends.
fn trim_span(text: &str, span: Span) -> Span {
    let Some(s) = text.get(span.start..span.end) else {
        return span;
    };
    let start = span.start + (s.len() - s.trim_start().len());
    Span::new(start, start.max(span.start + s.trim_end().len()))
}

/// The word of the rendering that touches `at` (the one before it, else the one after
/// it); an empty span at `at` when there is none on the line.
pub fn word_at(text: &str, at: usize) -> Span {
    let at = at.min(text.len());
    let is_word = |c: char| !c.is_whitespace();
    let before = &text[..at];
    let end_before = before.trim_end_matches(' ').len();
    if end_before > 0 && !before[..end_before].ends_with('\n') {
        let start = before[..end_before]
            .rfind(|c: char| !is_word(c))
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        return Span::new(start, end_before);
    }
    let after = &text[at..];
    let lead = after.len() - after.trim_start_matches(' ').len();
    let len = after[lead..]
        .find(|c: char| !is_word(c))
        .unwrap_or(after.len() - lead);
    Span::new(at + lead, at + lead + len)
}

/// Digits (or an asterisk) raised by hand after a word: what a typed footnote mark
/// looks like. Powers and units (m², 10⁶) are not marks.
fn is_manual_mark(t: &str, before: &str) -> bool {
    let t = t.trim();
    if t.is_empty() || t.len() > 3 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let last = before.chars().last();
    if last.is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    const UNITS: &[&str] = &["m", "km", "cm", "mm", "dm", "CO", "ha", "ft", "in"];
    if UNITS.contains(&word.as_str()) {
        return false;
    }
    // After a word or closing punctuation.
    last.is_some_and(|c| {
        c.is_alphabetic() || matches!(c, '.' | ',' | ';' | ':' | ')' | '"' | '”' | '’')
    })
}

/// A heading number at the start of a line (as the Markdown front end reads them).
fn heading_number(title: &str) -> Option<(usize, usize, u8)> {
    if let Some((number, level, consumed)) = super::super::inline::heading_number(title) {
        return Some((number.len(), consumed, level));
    }
    let label = super::super::inline::point_label(title)?;
    matches!(label.scheme, Scheme::LowerAlpha | Scheme::LowerRoman).then_some((
        label.len,
        label.consumed,
        3,
    ))
}

/// Scheme and value of a typed lettered label (as the Markdown front end resolves
/// "i)": a letter after "h)", else a roman numeral).
fn resolve_label(
    label: &super::super::inline::Label,
    previous: Option<(Scheme, u32)>,
) -> (Scheme, u32) {
    if !label.ambiguous_roman {
        return (label.scheme, label.value);
    }
    let letters = label.text.trim_matches(['(', ')']);
    let roman = super::super::inline::roman_value(letters).unwrap_or(label.value);
    match previous {
        Some((Scheme::LowerAlpha, v)) if v + 1 == label.value => (Scheme::LowerAlpha, label.value),
        Some((Scheme::LowerRoman, _)) => (Scheme::LowerRoman, roman),
        None if letters == "i" => (Scheme::LowerRoman, roman),
        _ => (Scheme::LowerAlpha, label.value),
    }
}
