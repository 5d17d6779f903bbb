//! Markdown input (press releases, `.md` drafts), mapped onto the document model.
//!
//! pulldown-cmark does the Markdown grammar and gives every event its source range
//! (`into_offset_iter`). Phase 1 turns the event stream into a small block tree whose
//! inline content is a list of source pieces (markup such as `**` and link brackets
//! left out, words kept, entities decoded as synthetic pieces); phase 2 walks that tree
//! and fills the [`Document`]:
//! - headings: ATX and setext, and the plain short lines press releases use as headings
//!   (a line of at most 12 words, capitalised, without final punctuation, mostly
//!   letters, standing alone between blank lines, after the title block). Heading
//!   numbers and levels follow the PDF parser ("I." = 1, "2." = 2, "2.1" = 3, unnumbered
//!   = 4), whatever the number of `#`;
//! - ordered lists as points (label as written, scheme Arabic, depth by nesting),
//!   paragraphs that start with "a)", "(ii)" as lettered points, bullet lists as
//!   bullets; a list item that stops without punctuation and runs on into a paragraph
//!   starting in lowercase ("… na 21" / "december 2020 …") is one item, with a parse note;
//! - links (inline, reference, autolinks) with the span of the construct and of the
//!   target; `[^n]` references (also undefined ones) and definitions;
//! - key-action boxes: a box title ("Key actions", "Kernacties", from the packs'
//!   `[structure] box-titles`) as a heading, bold line or plain line, followed by frame
//!   lines ending in ':' and lists;
//! - the first unpunctuated short lines (title, dateline) as title paragraphs; then
//!   sentences with the shared splitter.
//!
//! Code blocks, HTML, image alt text and task-list boxes are not running text.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::*;

/// Longest line (in characters) that can be a plain-line heading.
const PLAIN_HEADING_MAX_CHARS: usize = 80;
/// Most words a plain-line heading can have.
const PLAIN_HEADING_MAX_WORDS: usize = 12;

/// Parse Markdown. Never fails: anything not understood is left out of the model.
pub fn parse(source: SourceFile, language: Option<Language>) -> Document {
    let lang = language.unwrap_or_else(|| crate::lang::detect(&source.text));
    let (blocks, skipped) = {
        let mut options = Options::empty();
        // The old footnote syntax also reports references whose definition is missing,
        // which is exactly what the footnote rules need to see.
        options.insert(Options::ENABLE_OLD_FOOTNOTES);
        options.insert(Options::ENABLE_TABLES);
        options.insert(Options::ENABLE_STRIKETHROUGH);
        // "- [x] done": the box is a task marker, not text (nor a "[x]" placeholder).
        options.insert(Options::ENABLE_TASKLISTS);
        let parser = Parser::new_ext(&source.text, options);
        let iter = parser.into_offset_iter();
        let mut ref_defs: Vec<(String, Span, String)> = Vec::new();
        for (label, def) in iter.reference_definitions().iter() {
            ref_defs.push((label.to_string(), to_span(&def.span), def.dest.to_string()));
        }
        let events: Vec<(Event<'_>, Range<usize>)> = iter.collect();
        let mut reader = Reader {
            src: &source.text,
            events,
            pos: 0,
            ref_defs,
            nesting: 0,
            skipped: Vec::new(),
        };
        let blocks = reader.blocks();
        (blocks, reader.skipped)
    };
    let len = source.text.len();
    let mut doc = Document::empty(source, Format::Markdown, lang);
    doc.pages.push(Page {
        index: 1,
        number: None,
        span: Span::new(0, len),
    });
    let mut builder = Builder {
        src: std::rc::Rc::from(doc.source.text.as_str()),
        doc,
        in_title_zone: true,
    };
    builder.sequence(&blocks, 1, true);
    let mut doc = builder.doc;
    for span in skipped {
        doc.notes.push(ParseNote {
            span,
            message: format!("nested more than {MAX_NESTING} levels deep; not read"),
        });
    }
    doc.notes.sort_by_key(|n| n.span.start);
    doc.links.sort_by_key(|l| l.span.start);
    doc.footnote_refs.sort_by_key(|r| r.span.start);
    doc.footnote_defs.sort_by_key(|d| d.span.start);
    doc.sentences = super::sentences::split_document(&doc);
    doc
}

/// True when a `.txt` file is really Markdown: it uses Markdown's own syntax at least
/// twice (`[text](target)` links, `**bold**`, `# ` headings, `[^n]` footnotes), with at
/// least three constructs in all (`- ` list lines count too, but dash lists alone are
/// common in plain text), and its lines do not end in a space. PDF extractors end
/// almost every line with a space, and their bullets are glyphs or lost spaces, so
/// their output is never taken for Markdown.
pub fn looks_like_markdown(text: &str) -> bool {
    let mut lines = 0usize;
    let mut trailing_space = 0usize;
    let mut markdown_syntax = 0usize;
    let mut list_lines = 0usize;
    for line in text.lines().take(5_000) {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        lines += 1;
        if line.ends_with([' ', '\t']) {
            trailing_space += 1;
        }
        let t = line.trim_start();
        if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
            list_lines += 1;
        }
        let hashes = t.len() - t.trim_start_matches('#').len();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            markdown_syntax += 1;
        }
        markdown_syntax += t.matches("**").count() / 2;
        markdown_syntax += t.matches("[^").count();
        markdown_syntax += count_inline_links(t);
    }
    lines > 0
        && trailing_space * 2 < lines
        && markdown_syntax >= 2
        && markdown_syntax + list_lines >= 3
}

/// `[text](target)` occurrences on one line (a cheap linear scan, not a parser): a
/// `](` with a `[` before it (since the previous one) and a `)` somewhere after it.
fn count_inline_links(line: &str) -> usize {
    let Some(last_close) = line.rfind(')') else {
        return 0;
    };
    let mut count = 0;
    let mut from = 0;
    while let Some(i) = line[from..].find("](").map(|i| from + i) {
        if i + 2 > last_close {
            break;
        }
        if line[from..i].contains('[') {
            count += 1;
        }
        from = i + 2;
    }
    count
}

fn to_span(r: &Range<usize>) -> Span {
    Span::new(r.start, r.end.max(r.start))
}

/// A span with trailing whitespace (line ends, blank lines) removed.
fn trimmed(src: &str, r: &Range<usize>) -> Span {
    let s = src.get(r.start..r.end).unwrap_or("");
    Span::new(r.start, r.start + s.trim_end().len())
}

// ---------------------------------------------------------------------------------
// Phase 1: events to blocks.

/// One run of rebuilt inline text.
#[derive(Clone, Debug)]
enum Seg {
    Source(Span),
    /// Text that is not verbatim in the source (a joining space, a decoded entity),
    /// anchored at a source offset.
    Synthetic(String, usize),
}

/// The inline content of a paragraph or heading.
#[derive(Clone, Debug, Default)]
struct Inline {
    segs: Vec<Seg>,
    /// The rebuilt string (concatenation of `segs`).
    plain: String,
    links: Vec<Link>,
    refs: Vec<FootnoteRef>,
    /// A soft or hard line break occurred.
    multi_line: bool,
    /// Links, code, footnote references, images or HTML occurred.
    markup: bool,
    /// Emphasis or strong occurred.
    emphasis: bool,
    /// Some text stood outside any emphasis.
    text_outside_emphasis: bool,
}

impl Inline {
    fn push(&mut self, src: &str, seg: Seg) {
        match &seg {
            Seg::Source(s) => self.plain.push_str(src.get(s.start..s.end).unwrap_or("")),
            Seg::Synthetic(t, _) => self.plain.push_str(t),
        }
        self.segs.push(seg);
    }

    /// The rebuilt text without the first `skip` bytes, trimmed at both ends.
    fn text(&self, src: &str, skip: usize) -> Text {
        let rest = self.plain.get(skip..).unwrap_or("");
        let skip = skip + (rest.len() - rest.trim_start().len());
        let mut text = Text::new();
        append_segs(&mut text, src, &self.segs, skip);
        text.trim_end();
        text
    }
}

/// Append pieces to a text, leaving out the first `skip` bytes of their rebuilt string.
fn append_segs(text: &mut Text, src: &str, segs: &[Seg], mut skip: usize) {
    for seg in segs {
        match seg {
            Seg::Source(span) => {
                let len = span.len();
                if skip >= len {
                    skip -= len;
                    continue;
                }
                let start = span.start + skip;
                skip = 0;
                if src.is_char_boundary(start) && src.is_char_boundary(span.end) {
                    text.push_source(src, Span::new(start, span.end));
                }
            }
            Seg::Synthetic(s, at) => {
                if skip >= s.len() {
                    skip -= s.len();
                    continue;
                }
                let rest = s.get(skip..).unwrap_or("");
                skip = 0;
                text.push_synthetic(rest, *at);
            }
        }
    }
}

#[derive(Clone, Debug)]
enum Block {
    Heading {
        span: Span,
        inline: Inline,
    },
    Paragraph {
        span: Span,
        inline: Inline,
    },
    List {
        span: Span,
        ordered: bool,
        items: Vec<Item>,
    },
    Quote {
        blocks: Vec<Block>,
    },
    FootnoteDef {
        span: Span,
        label: String,
        label_span: Span,
        blocks: Vec<Block>,
    },
    /// Code blocks, HTML, rules: not running text.
    Other,
}

#[derive(Clone, Debug)]
struct Item {
    span: Span,
    /// The item's first line, from which the list marker is read.
    start: usize,
    blocks: Vec<Block>,
}

struct Reader<'s, 'e> {
    src: &'s str,
    events: Vec<(Event<'e>, Range<usize>)>,
    pos: usize,
    /// Link reference definitions: label, span of the definition, destination.
    ref_defs: Vec<(String, Span, String)>,
    /// Containers (lists, quotes, footnotes) open around the current position.
    nesting: usize,
    /// Containers skipped for being nested too deeply.
    skipped: Vec<Span>,
}

/// Deepest container nesting read; anything deeper is skipped, so that no input can
/// exhaust the stack (`> > > …` twenty thousand times).
const MAX_NESTING: usize = 32;

fn is_inline_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

/// True for events that belong to inline content.
fn is_inline_event(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => is_inline_tag(tag),
        Event::End(tag) => is_inline_end(tag),
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineMath(_)
        | Event::InlineHtml(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::TaskListMarker(_) => true,
        Event::DisplayMath(_) | Event::Html(_) | Event::Rule => false,
    }
}

impl Reader<'_, '_> {
    /// Blocks until the end tag of the enclosing container (consumed) or the end.
    fn blocks(&mut self) -> Vec<Block> {
        let mut out = Vec::new();
        while self.pos < self.events.len() {
            if is_inline_event(&self.events[self.pos].0) {
                // Inline content straight inside a container: a tight list item.
                let start = self.events[self.pos].1.start;
                let (inline, end) = self.inline(true);
                out.push(Block::Paragraph {
                    span: trimmed(self.src, &(start..end)),
                    inline,
                });
                continue;
            }
            let (event, range) = self.events[self.pos].clone();
            self.pos += 1;
            let container = matches!(
                event,
                Event::Start(
                    Tag::List(_) | Tag::Item | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_)
                )
            );
            if container && self.nesting >= MAX_NESTING {
                self.skip_container();
                if self.skipped.last().is_none_or(|s| !s.contains(range.start)) {
                    self.skipped.push(trimmed(self.src, &range));
                }
                out.push(Block::Other);
                continue;
            }
            match event {
                Event::End(_) => return out,
                Event::Start(Tag::Paragraph) => {
                    let (inline, _) = self.inline(false);
                    out.push(Block::Paragraph {
                        span: trimmed(self.src, &range),
                        inline,
                    });
                }
                Event::Start(Tag::TableCell) => {
                    let (inline, _) = self.inline(false);
                    out.push(Block::Paragraph {
                        span: trimmed(self.src, &range),
                        inline,
                    });
                }
                Event::Start(Tag::Heading { .. }) => {
                    let (inline, _) = self.inline(false);
                    out.push(Block::Heading {
                        span: trimmed(self.src, &range),
                        inline,
                    });
                }
                Event::Start(Tag::List(first)) => {
                    self.nesting += 1;
                    let items = self.items();
                    self.nesting -= 1;
                    out.push(Block::List {
                        span: trimmed(self.src, &range),
                        ordered: first.is_some(),
                        items,
                    });
                }
                Event::Start(Tag::Item) => {
                    // An item outside a list cannot happen; read it as a container.
                    self.nesting += 1;
                    let blocks = self.blocks();
                    self.nesting -= 1;
                    out.push(Block::Quote { blocks });
                }
                Event::Start(Tag::BlockQuote(_)) => {
                    self.nesting += 1;
                    let blocks = self.blocks();
                    self.nesting -= 1;
                    out.push(Block::Quote { blocks });
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let span = trimmed(self.src, &range);
                    let head = self.src.get(span.start..span.end).unwrap_or("");
                    let label_len = if head.starts_with("[^") {
                        head.find(']').map_or(0, |i| i + 1)
                    } else {
                        0
                    };
                    self.nesting += 1;
                    let blocks = self.blocks();
                    self.nesting -= 1;
                    out.push(Block::FootnoteDef {
                        span,
                        label: label.to_string(),
                        label_span: Span::new(span.start, span.start + label_len),
                        blocks,
                    });
                }
                Event::Start(
                    Tag::Table(_)
                    | Tag::TableHead
                    | Tag::TableRow
                    | Tag::DefinitionList
                    | Tag::DefinitionListTitle
                    | Tag::DefinitionListDefinition,
                ) => {
                    let inner = self.blocks();
                    out.extend(inner);
                }
                Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                    self.skip_container();
                    out.push(Block::Other);
                }
                Event::Start(_) => {
                    // An inline tag is handled above; anything else is skipped whole.
                    self.skip_container();
                    out.push(Block::Other);
                }
                Event::Html(_) | Event::DisplayMath(_) | Event::Rule => out.push(Block::Other),
                _ => {}
            }
        }
        out
    }

    /// Skip to the end of the container just opened.
    fn skip_container(&mut self) {
        let mut depth = 1usize;
        while self.pos < self.events.len() {
            match &self.events[self.pos].0 {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                _ => {}
            }
            self.pos += 1;
            if depth == 0 {
                return;
            }
        }
    }

    fn items(&mut self) -> Vec<Item> {
        let mut items = Vec::new();
        while self.pos < self.events.len() {
            let (event, range) = self.events[self.pos].clone();
            self.pos += 1;
            match event {
                Event::Start(Tag::Item) => {
                    self.nesting += 1;
                    let blocks = self.blocks();
                    self.nesting -= 1;
                    items.push(Item {
                        span: trimmed(self.src, &range),
                        start: range.start,
                        blocks,
                    });
                }
                Event::End(_) => return items,
                Event::Start(_) => self.skip_container(),
                _ => {}
            }
        }
        items
    }

    /// Read inline content. `implicit`: there is no enclosing inline container (tight
    /// list item), so stop before the first block-level event. Returns the content and
    /// the end offset of the last event read.
    fn inline(&mut self, implicit: bool) -> (Inline, usize) {
        struct OpenLink {
            range: Range<usize>,
            link_type: LinkType,
            dest: String,
            id: String,
            text_start: usize,
            inner_end: usize,
        }
        let mut inline = Inline::default();
        let mut links: Vec<OpenLink> = Vec::new();
        let mut emphasis_depth = 0usize;
        let mut image_depth = 0usize;
        let mut end = self.events.get(self.pos).map_or(0, |e| e.1.start);
        while self.pos < self.events.len() {
            let (event, range) = self.events[self.pos].clone();
            if implicit && !is_inline_event(&event) {
                break;
            }
            self.pos += 1;
            if !matches!(event, Event::End(TagEnd::Link)) {
                if let Some(open) = links.last_mut() {
                    open.inner_end = open.inner_end.max(range.end);
                }
            }
            match event {
                Event::End(tag) if !is_inline_end(&tag) => {
                    end = end.max(range.end);
                    break;
                }
                _ => end = end.max(range.end),
            }
            if image_depth > 0 {
                match event {
                    Event::Start(Tag::Image { .. }) => image_depth += 1,
                    Event::End(TagEnd::Image) => image_depth -= 1,
                    _ => {}
                }
                continue;
            }
            match event {
                Event::Text(t) | Event::InlineMath(t) => {
                    if emphasis_depth == 0 && !t.trim().is_empty() {
                        inline.text_outside_emphasis = true;
                    }
                    let seg = source_seg(self.src, &t, &range);
                    inline.push(self.src, seg);
                }
                Event::Code(t) => {
                    inline.markup = true;
                    inline.text_outside_emphasis |= emphasis_depth == 0;
                    let seg = source_seg(self.src, &t, &range);
                    inline.push(self.src, seg);
                }
                Event::SoftBreak | Event::HardBreak => {
                    inline.multi_line = true;
                    inline.push(self.src, Seg::Synthetic(" ".into(), range.start));
                }
                Event::FootnoteReference(label) => {
                    inline.markup = true;
                    inline.refs.push(FootnoteRef {
                        span: to_span(&range),
                        label: label.to_string(),
                        number: label.parse::<u32>().ok(),
                        style: RefStyle::Markdown,
                        page: 0,
                    });
                }
                Event::InlineHtml(_) | Event::Html(_) => inline.markup = true,
                Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough) => {
                    inline.emphasis = true;
                    emphasis_depth += 1;
                }
                Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {
                    emphasis_depth = emphasis_depth.saturating_sub(1);
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    id,
                    ..
                }) => {
                    inline.markup = true;
                    inline.text_outside_emphasis |= emphasis_depth == 0;
                    links.push(OpenLink {
                        inner_end: range.start + 1,
                        range,
                        link_type,
                        dest: dest_url.to_string(),
                        id: id.to_string(),
                        text_start: inline.plain.len(),
                    });
                }
                Event::End(TagEnd::Link) => {
                    if let Some(open) = links.pop() {
                        let text = inline
                            .plain
                            .get(open.text_start..)
                            .unwrap_or("")
                            .to_string();
                        let target_span = self.target_span(
                            &open.range,
                            open.inner_end,
                            open.link_type,
                            &open.dest,
                            &open.id,
                        );
                        let mut span = to_span(&open.range);
                        // pulldown-cmark leaves the `[]` of a collapsed reference out.
                        if open.link_type == LinkType::Collapsed
                            && self
                                .src
                                .get(span.end..)
                                .is_some_and(|r| r.starts_with("[]"))
                        {
                            span.end += 2;
                        }
                        inline.links.push(Link {
                            span,
                            text,
                            target: open.dest,
                            target_span,
                        });
                    }
                }
                Event::Start(Tag::Image { .. }) => {
                    inline.markup = true;
                    image_depth += 1;
                }
                _ => {}
            }
        }
        (inline, end)
    }

    /// Where a link's destination is written in the source.
    fn target_span(
        &self,
        range: &Range<usize>,
        inner_end: usize,
        link_type: LinkType,
        dest: &str,
        id: &str,
    ) -> Span {
        let src = self.src;
        let find_in = |span: Span| -> Option<Span> {
            let hay = src.get(span.start..span.end)?;
            if dest.is_empty() {
                return None;
            }
            hay.find(dest)
                .map(|i| Span::new(span.start + i, span.start + i + dest.len()))
        };
        match link_type {
            LinkType::Inline => {
                // `[text](dest "title")`: the destination follows the `(` after the text.
                let after = Span::new(inner_end.min(range.end), range.end);
                let tail = src.get(after.start..after.end).unwrap_or("");
                let Some(paren) = tail.find('(') else {
                    return Span::new(range.end, range.end);
                };
                let mut at = after.start + paren + 1;
                let rest = src.get(at..range.end).unwrap_or("");
                at += rest.len() - rest.trim_start().len();
                if src.get(at..).is_some_and(|r| r.starts_with('<')) {
                    at += 1;
                }
                if dest.is_empty() {
                    return Span::new(at, at);
                }
                if src.get(at..).is_some_and(|r| r.starts_with(dest)) {
                    return Span::new(at, at + dest.len());
                }
                // Escapes make the written form differ from the destination: take the
                // written run up to whitespace or the closing parenthesis.
                let written = src.get(at..range.end).unwrap_or("");
                let len = written
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or_else(|| written.trim_end_matches(')').len());
                Span::new(at, at + len)
            }
            LinkType::Reference
            | LinkType::Collapsed
            | LinkType::Shortcut
            | LinkType::ReferenceUnknown
            | LinkType::CollapsedUnknown
            | LinkType::ShortcutUnknown => {
                let key = id.trim();
                let def = self
                    .ref_defs
                    .iter()
                    .find(|(label, _, _)| label.trim().eq_ignore_ascii_case(key))
                    .or_else(|| {
                        let lower = key.to_lowercase();
                        self.ref_defs
                            .iter()
                            .find(|(label, _, _)| label.trim().to_lowercase() == lower)
                    });
                match def {
                    Some((_, def_span, _)) => find_in(*def_span).unwrap_or(*def_span),
                    None => to_span(range),
                }
            }
            LinkType::Autolink | LinkType::Email => {
                let inner = Span::new(
                    range.start + 1,
                    range.end.saturating_sub(1).max(range.start + 1),
                );
                let inner_ok = src.get(inner.start..inner.end).is_some();
                find_in(to_span(range)).unwrap_or(if inner_ok { inner } else { to_span(range) })
            }
        }
    }
}

/// The piece for an inline text event: verbatim when the source says the same thing
/// (the usual case); otherwise (entities, escapes) the text where it is found inside the
/// event's range, or a synthetic piece anchored at the range.
fn source_seg(src: &str, text: &str, range: &Range<usize>) -> Seg {
    let raw = src.get(range.start..range.end).unwrap_or("");
    if raw == text {
        return Seg::Source(to_span(range));
    }
    if !text.is_empty() {
        if let Some(i) = raw.find(text) {
            return Seg::Source(Span::new(range.start + i, range.start + i + text.len()));
        }
    }
    Seg::Synthetic(text.to_string(), range.start)
}

// ---------------------------------------------------------------------------------
// Phase 2: blocks to the model.

struct Builder {
    /// The source text, shared (the document owns its own copy).
    src: std::rc::Rc<str>,
    doc: Document,
    /// Still before the first heading, list or punctuated paragraph: short unpunctuated
    /// lines here are the title and the dateline.
    in_title_zone: bool,
}

impl Block {
    fn span(&self) -> Option<Span> {
        match self {
            Block::Heading { span, .. }
            | Block::Paragraph { span, .. }
            | Block::List { span, .. }
            | Block::FootnoteDef { span, .. } => Some(*span),
            Block::Quote { blocks } => {
                let first = blocks.iter().find_map(Block::span)?;
                let last = blocks.iter().rev().find_map(Block::span)?;
                Some(first.cover(last))
            }
            Block::Other => None,
        }
    }
}

/// A heading number at the start of a title: (number length, bytes to skip including
/// the following space, level). The numbers of the PDF parser ("I.", "2.", "2.1",
/// "A.") with its levels, plus lettered and roman sub-headings ("iii) Online").
fn heading_number(title: &str) -> Option<(usize, usize, u8)> {
    if let Some((number, level, consumed)) = super::inline::heading_number(title) {
        return Some((number.len(), consumed, level));
    }
    let label = super::inline::point_label(title)?;
    matches!(label.scheme, Scheme::LowerAlpha | Scheme::LowerRoman).then_some((
        label.len,
        label.consumed,
        3,
    ))
}

/// Scheme and value of a lettered label, given the previous lettered point of the same
/// sequence: "i)" after "h)" is a letter, after "ii)"-style points or at the start a
/// roman numeral.
fn resolve_label(label: &super::inline::Label, previous: Option<(Scheme, u32)>) -> (Scheme, u32) {
    if !label.ambiguous_roman {
        return (label.scheme, label.value);
    }
    let letters = label.text.trim_matches(['(', ')']);
    let roman = super::inline::roman_value(letters).unwrap_or(label.value);
    match previous {
        Some((Scheme::LowerAlpha, v)) if v + 1 == label.value => (Scheme::LowerAlpha, label.value),
        Some((Scheme::LowerRoman, _)) => (Scheme::LowerRoman, roman),
        None if letters == "i" => (Scheme::LowerRoman, roman),
        _ => (Scheme::LowerAlpha, label.value),
    }
}

/// A short line standing alone, without final punctuation, starting with a capital:
/// the way press releases write headings ("Meer informatie", "Related media").
fn is_plain_heading(inline: &Inline) -> bool {
    if inline.multi_line || inline.markup {
        return false;
    }
    // Emphasis only when it covers the whole line ("**Key actions**").
    if inline.emphasis && inline.text_outside_emphasis {
        return false;
    }
    let t = inline.plain.trim();
    let chars = t.chars().count();
    let words = t.split_whitespace().count();
    if chars == 0 || chars > PLAIN_HEADING_MAX_CHARS || words > PLAIN_HEADING_MAX_WORDS {
        return false;
    }
    let Some(first) = t.chars().next() else {
        return false;
    };
    let Some(last) = t.chars().last() else {
        return false;
    };
    if !first.is_uppercase() || !(last.is_alphanumeric() || last == ')') {
        return false;
    }
    // Mostly letters, with some lowercase: not a code ("IP/20/2328") or a dateline.
    let non_space = t.chars().filter(|c| !c.is_whitespace()).count();
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    t.chars().any(char::is_lowercase) && letters * 10 >= non_space * 9 && !t.contains(',')
}

/// True when a block has a blank line (or the start of the text) before it and a blank
/// line after it.
fn stands_alone(src: &str, span: Span) -> bool {
    let before = src.get(..span.start).unwrap_or("");
    let mut back = before.trim_end_matches([' ', '\t']).lines().rev();
    let blank_before = before.trim().is_empty()
        || (before.ends_with('\n') && back.next().is_some_and(|l| l.trim().is_empty()));
    let after = src.get(span.end..).unwrap_or("");
    let mut lines = after.split('\n');
    let _rest_of_line = lines.next();
    let blank_after = lines.next().is_none_or(|l| l.trim().is_empty());
    blank_before && blank_after
}

/// The text of a footnote definition or box item: every paragraph, joined by spaces.
fn joined_text(src: &str, blocks: &[Block], text: &mut Text, doc: &mut Document) {
    for block in blocks {
        match block {
            Block::Heading { inline, .. } | Block::Paragraph { inline, .. } => {
                if !text.is_empty() {
                    let at = inline.segs.first().map_or(0, seg_start);
                    text.push_synthetic(" ", at);
                }
                append_segs(text, src, &inline.segs, 0);
                text.trim_end();
                register(doc, inline);
            }
            Block::List { items, .. } => {
                for item in items {
                    joined_text(src, &item.blocks, text, doc);
                }
            }
            Block::Quote { blocks } | Block::FootnoteDef { blocks, .. } => {
                joined_text(src, blocks, text, doc)
            }
            Block::Other => {}
        }
    }
}

fn seg_start(seg: &Seg) -> usize {
    match seg {
        Seg::Source(s) => s.start,
        Seg::Synthetic(_, at) => *at,
    }
}

/// Record the links and footnote references of an inline run.
fn register(doc: &mut Document, inline: &Inline) {
    doc.links.extend(inline.links.iter().cloned());
    doc.footnote_refs.extend(inline.refs.iter().cloned());
}

/// An ordered-list marker at the start of an item: label, span, value.
fn list_marker(src: &str, start: usize) -> Option<(String, Span, u32)> {
    let line = src.get(start..)?;
    let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
    let rest = &line[lead..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    let delim = rest.as_bytes().get(digits)?;
    if *delim != b'.' && *delim != b')' {
        return None;
    }
    let value = rest[..digits].parse::<u32>().ok()?;
    let label = rest[..digits + 1].to_string();
    let s = start + lead;
    Some((label, Span::new(s, s + digits + 1), value))
}

impl Builder {
    fn src(&self) -> &str {
        &self.src
    }

    /// Walk a sequence of sibling blocks. `depth`: list depth for new points;
    /// `top`: headings written as plain lines and boxes are recognised here.
    fn sequence(&mut self, blocks: &[Block], depth: u8, top: bool) {
        let mut i = 0;
        // Paragraph index of the last list item's text, for items that run on into
        // the next paragraph.
        let mut open_item: Option<usize> = None;
        // Scheme and value of the last lettered paragraph ("a) …", "(ii) …").
        let mut last_lettered: Option<(Scheme, u32)> = None;
        while i < blocks.len() {
            let block = &blocks[i];
            match block {
                Block::Heading { span, inline } => {
                    if let Some(next) = self.key_action_box(*span, inline, &blocks[i + 1..]) {
                        i += 1 + next;
                        open_item = None;
                        continue;
                    }
                    self.heading(*span, inline);
                }
                Block::Paragraph { span, inline } => {
                    // A box title may be written as a plain, bold or colon-ended line.
                    if top && !inline.multi_line {
                        if let Some(next) = self.key_action_box(*span, inline, &blocks[i + 1..]) {
                            i += 1 + next;
                            open_item = None;
                            continue;
                        }
                    }
                    let prev_is_lead_in = i > 0
                        && matches!(&blocks[i - 1], Block::Paragraph { inline, .. } if inline.plain.trim_end().ends_with(':'));
                    // The first short lines of a document are its title, not headings.
                    let heading_like = top
                        && !self.in_title_zone
                        && i + 1 < blocks.len()
                        && !prev_is_lead_in
                        && is_plain_heading(inline)
                        && stands_alone(self.src(), *span);
                    let lettered = super::inline::point_label(inline.plain.trim_start())
                        .filter(|l| matches!(l.scheme, Scheme::LowerAlpha | Scheme::LowerRoman))
                        .filter(|l| self.label_span(inline, l.len).is_some());
                    if heading_like {
                        self.heading(*span, inline);
                    } else if let Some(p) = open_item.filter(|&p| self.continues_item(p, inline)) {
                        self.continue_item(p, *span, inline);
                    } else if let Some(label) = lettered {
                        last_lettered =
                            Some(self.lettered_point(inline, &label, depth, last_lettered));
                    } else {
                        let title = top
                            && self.in_title_zone
                            && !inline.multi_line
                            && !inline
                                .plain
                                .trim_end()
                                .ends_with(['.', ':', ';', '!', '?', '"', '”']);
                        if title {
                            self.paragraph(inline, ParagraphKind::Title);
                        } else {
                            self.in_title_zone = false;
                            self.paragraph(inline, ParagraphKind::Plain);
                        }
                    }
                }
                Block::List { ordered, items, .. } => {
                    self.in_title_zone = false;
                    let mut last = None;
                    for item in items {
                        last = self.item(item, *ordered, depth);
                    }
                    open_item = last;
                    i += 1;
                    continue;
                }
                Block::Quote { blocks } => self.sequence(blocks, depth, false),
                Block::FootnoteDef {
                    span,
                    label,
                    label_span,
                    blocks,
                } => {
                    let mut text = Text::new();
                    let src = std::rc::Rc::clone(&self.src);
                    joined_text(&src, blocks, &mut text, &mut self.doc);
                    self.doc.footnote_defs.push(FootnoteDef {
                        span: *span,
                        label: Some(label.clone()),
                        label_span: Some(*label_span),
                        number: label.parse::<u32>().ok(),
                        text,
                        page: 0,
                        in_body: false,
                    });
                }
                Block::Other => {}
            }
            // Only the block right after a list can continue its last item.
            open_item = None;
            i += 1;
        }
    }

    fn heading(&mut self, span: Span, inline: &Inline) {
        self.in_title_zone = false;
        register(&mut self.doc, inline);
        let plain = inline.plain.as_str();
        let lead = plain.len() - plain.trim_start().len();
        // A number counts only when written as one piece ("1." but not "1`.`").
        let written = heading_number(&plain[lead..]).and_then(|(len, skip, level)| {
            let number_span = self.label_span(inline, len)?;
            Some((
                plain[lead..lead + len].to_string(),
                number_span,
                level,
                skip,
            ))
        });
        let (number, number_span, level, skip) = match written {
            Some((number, number_span, level, skip)) => {
                (Some(number), Some(number_span), level, lead + skip)
            }
            None => (None, None, 4, lead),
        };
        let title = inline.text(self.src(), skip);
        self.doc.headings.push(Heading {
            span,
            level,
            number,
            number_span,
            title,
        });
    }

    /// The source span of the first `len` bytes of an inline run (after leading
    /// space), when they are written as one verbatim piece ("a)" but not "a`)`").
    fn label_span(&self, inline: &Inline, len: usize) -> Option<Span> {
        let plain = inline.plain.as_str();
        let lead = plain.len() - plain.trim_start().len();
        let label = plain.get(lead..lead + len)?;
        let span = inline.text(self.src(), lead).source_span((0..len).into());
        (self.src().get(span.start..span.end) == Some(label)).then_some(span)
    }

    /// A paragraph that starts with a letter or roman label ("a) …", "(iv) …"), which
    /// CommonMark has no list syntax for: a point, like its PDF counterpart.
    fn lettered_point(
        &mut self,
        inline: &Inline,
        label: &super::inline::Label,
        depth: u8,
        previous: Option<(Scheme, u32)>,
    ) -> (Scheme, u32) {
        self.in_title_zone = false;
        let (scheme, value) = resolve_label(label, previous);
        let plain = inline.plain.as_str();
        let lead = plain.len() - plain.trim_start().len();
        let label_span = self
            .label_span(inline, label.len)
            .unwrap_or(Span::new(0, 0));
        register(&mut self.doc, inline);
        let text = inline.text(self.src(), lead + label.consumed);
        let paragraph = (!text.is_empty()).then(|| {
            self.doc.paragraphs.push(Paragraph {
                text: text.clone(),
                page: 0,
                kind: ParagraphKind::Point,
            });
            self.doc.paragraphs.len() - 1
        });
        self.doc.points.push(Point {
            label: label.text.clone(),
            label_span,
            scheme,
            value,
            depth,
            text,
            paragraph,
        });
        (scheme, value)
    }

    fn paragraph(&mut self, inline: &Inline, kind: ParagraphKind) -> Option<usize> {
        register(&mut self.doc, inline);
        let text = inline.text(self.src(), 0);
        if text.is_empty() {
            return None;
        }
        let kind = if kind == ParagraphKind::Plain && text.ends_with(':') {
            ParagraphKind::LeadIn
        } else {
            kind
        };
        self.doc.paragraphs.push(Paragraph {
            text,
            page: 0,
            kind,
        });
        Some(self.doc.paragraphs.len() - 1)
    }

    /// Add a list item; returns the paragraph index of its text.
    fn item(&mut self, item: &Item, ordered: bool, depth: u8) -> Option<usize> {
        let (own, rest) = match item.blocks.split_first() {
            Some((Block::Paragraph { inline, .. }, rest)) => (Some(inline), rest),
            _ => (None, &item.blocks[..]),
        };
        let kind = if ordered {
            ParagraphKind::Point
        } else {
            ParagraphKind::Bullet
        };
        let paragraph = own.and_then(|inline| self.paragraph(inline, kind));
        let text = paragraph.map_or_else(Text::new, |p| self.doc.paragraphs[p].text.clone());
        if ordered {
            let marker = list_marker(self.src(), item.start);
            let (label, label_span, value) = marker.unwrap_or_else(|| {
                (
                    String::new(),
                    Span::new(item.span.start, item.span.start),
                    0,
                )
            });
            self.doc.points.push(Point {
                label,
                label_span,
                scheme: Scheme::Arabic,
                value,
                depth,
                text,
                paragraph,
            });
        } else {
            self.doc.bullets.push(Bullet {
                span: item.span,
                glyph_lost: false,
                paragraph,
            });
        }
        self.sequence(rest, depth.saturating_add(1), false);
        // A nested list's last item is the one that could run on.
        if rest.is_empty() {
            paragraph
        } else {
            None
        }
    }

    /// A list item whose text stops without final punctuation, followed by a paragraph
    /// that starts in lowercase: the item runs on (a broken list, as in "… na 21" /
    /// "december 2020 …").
    fn continues_item(&self, paragraph: usize, inline: &Inline) -> bool {
        let Some(item) = self.doc.paragraphs.get(paragraph) else {
            return false;
        };
        let ends_open = item
            .text
            .as_str()
            .chars()
            .last()
            .is_some_and(char::is_alphanumeric);
        let starts_lower = inline
            .plain
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        ends_open && starts_lower
    }

    fn continue_item(&mut self, paragraph: usize, span: Span, inline: &Inline) {
        register(&mut self.doc, inline);
        let src = std::rc::Rc::clone(&self.src);
        let Some(item) = self.doc.paragraphs.get_mut(paragraph) else {
            return;
        };
        let at = item.text.span().end;
        item.text.push_synthetic(" ", at);
        append_segs(&mut item.text, &src, &inline.segs, 0);
        item.text.trim_end();
        let text = item.text.clone();
        // The item is the last point or bullet added (an item that runs on has no
        // nested list after it).
        let points = &mut self.doc.points;
        if let Some(point) = points.last_mut().filter(|p| p.paragraph == Some(paragraph)) {
            point.text = text;
        }
        let bullets = &mut self.doc.bullets;
        if let Some(bullet) = bullets
            .last_mut()
            .filter(|b| b.paragraph == Some(paragraph))
        {
            bullet.span = bullet.span.cover(span);
        }
        self.doc.notes.push(ParseNote {
            span,
            message: "a list item runs on into this paragraph; read as one item".into(),
        });
    }

    /// A key-action box: a title followed by frame lines ("The Commission will:") and
    /// lists. Returns how many following blocks it took, or `None` if this is no box.
    fn key_action_box(
        &mut self,
        title_span: Span,
        title: &Inline,
        after: &[Block],
    ) -> Option<usize> {
        if !super::is_box_title(&title.plain) {
            return None;
        }
        let mut taken = 0;
        let mut saw_list = false;
        for block in after {
            match block {
                Block::Paragraph { inline, .. } if inline.plain.trim_end().ends_with(':') => {}
                Block::List { .. } => saw_list = true,
                _ => break,
            }
            taken += 1;
        }
        // Frames after the last list belong to what follows, not to the box.
        while taken > 0 && !matches!(after[taken - 1], Block::List { .. }) {
            taken -= 1;
        }
        if !saw_list {
            return None;
        }
        self.in_title_zone = false;
        register(&mut self.doc, title);
        let src = std::rc::Rc::clone(&self.src);
        let mut frames = Vec::new();
        let mut items = Vec::new();
        let mut end = title_span.end;
        for block in &after[..taken] {
            if let Some(s) = block.span() {
                end = end.max(s.end);
            }
            match block {
                Block::Paragraph { span, inline } => {
                    register(&mut self.doc, inline);
                    let text = inline.text(&src, 0);
                    frames.push(Frame {
                        span: *span,
                        actor: super::pdftext::frame_actor(text.as_str().trim_end_matches(':')),
                        text,
                    });
                }
                Block::List { items: list, .. } => {
                    let frame = frames.len().checked_sub(1);
                    self.box_items(&src, list, frame, &mut items);
                }
                _ => {}
            }
        }
        let plain = title.plain.trim();
        self.doc.boxes.push(KeyActionBox {
            span: Span::new(title_span.start, end),
            title: plain.trim_end_matches(':').trim_end().to_string(),
            title_span: title.text(&src, 0).span(),
            frames,
            items,
        });
        Some(taken)
    }

    fn box_items(
        &mut self,
        src: &str,
        list: &[Item],
        frame: Option<usize>,
        out: &mut Vec<BoxItem>,
    ) {
        for item in list {
            let mut text = Text::new();
            let mut nested = Vec::new();
            for block in &item.blocks {
                match block {
                    Block::List { items, .. } => nested.push(items),
                    other => {
                        joined_text(src, std::slice::from_ref(other), &mut text, &mut self.doc)
                    }
                }
            }
            let span = if text.is_empty() {
                item.span
            } else {
                text.span()
            };
            out.push(BoxItem { span, text, frame });
            for items in nested {
                self.box_items(src, items, frame, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> Document {
        parse(SourceFile::from_str("t.md", text), None)
    }

    #[test]
    fn sniffs_markdown_but_not_pdf_extracts() {
        let markdown = "Title\n\nSome [link](#) and [another](https://x.eu).\n\n- **Bold:** item\n- item two\n";
        assert!(looks_like_markdown(markdown));
        let pdf = "I.  INLEIDING \n\nDe Europese Unie is een [unieke] ruimte van vrijheid, waar iedereen erop \n\n- moet kunnen vertrouwen **dat** \n\n- zij [veilig](#) kunnen leven \n\n**vrij** \n";
        assert!(
            !looks_like_markdown(pdf),
            "trailing spaces on most lines mark a PDF extract"
        );
        assert!(!looks_like_markdown(
            "Plain prose with no markup at all.\n\nAnother line.\n"
        ));
        assert!(!looks_like_markdown(""));
        let dashes = "Actions:\n- first\n- second\n- third\n- fourth\n";
        assert!(
            !looks_like_markdown(dashes),
            "dash lists alone are plain text"
        );
        assert!(looks_like_markdown(
            "# Title\n\nText[^1] here.\n\n[^1]: A note.\n"
        ));
    }

    #[test]
    fn a_point_that_runs_on_into_the_next_paragraph() {
        let doc = md("Intro.\n\n1. Eerste punt tot 21\n\ndecember 2020 geldig.\n\nNieuw.\n");
        assert_eq!(doc.points.len(), 1);
        assert_eq!(
            doc.points[0].text.as_str(),
            "Eerste punt tot 21 december 2020 geldig."
        );
        let p = doc.points[0].paragraph.unwrap();
        assert_eq!(doc.paragraphs[p].text.as_str(), doc.points[0].text.as_str());
        assert_eq!(doc.notes.len(), 1);
        // A new sentence in capitals is a paragraph of its own.
        assert_eq!(doc.paragraphs.last().unwrap().text.as_str(), "Nieuw.");
    }

    #[test]
    fn heading_numbers() {
        assert_eq!(heading_number("I. Inleiding"), Some((2, 3, 1)));
        assert_eq!(heading_number("1. Introduction"), Some((2, 3, 2)));
        assert_eq!(heading_number("2.1 Scope"), Some((3, 4, 3)));
        assert_eq!(heading_number("2.1. Scope"), Some((4, 5, 3)));
        assert_eq!(heading_number("2.1.3 Detail"), Some((5, 6, 4)));
        assert_eq!(heading_number("iii) Online"), Some((4, 5, 3)));
        assert_eq!(heading_number("2020 in review"), None);
        assert_eq!(heading_number("In 2020"), None);
        assert_eq!(heading_number("1."), None);
    }

    #[test]
    fn markup_is_left_out_of_the_text_but_mapped() {
        let src = "Some **bold** and [a link](https://x.eu) &amp; more.\n";
        let doc = md(src);
        let p = &doc.paragraphs[0].text;
        assert_eq!(p.as_str(), "Some bold and a link & more.");
        let at = p.as_str().find("link").unwrap();
        let span = p.source_span((at..at + 4).into());
        assert_eq!(&src[span.start..span.end], "link");
        assert_eq!(doc.links.len(), 1);
        assert_eq!(doc.links[0].text, "a link");
        assert_eq!(
            &src[doc.links[0].target_span.start..doc.links[0].target_span.end],
            "https://x.eu"
        );
        assert_eq!(
            &src[doc.links[0].span.start..doc.links[0].span.end],
            "[a link](https://x.eu)"
        );
    }
}
