//! Phase 3: the blocks of a story (the body, a footnote, an endnote): paragraphs with
//! their runs, tables, text boxes. Tracked changes are resolved here as if accepted
//! (insertions kept, deletions and moved-from text dropped, a deleted paragraph mark
//! joins the paragraph to the next), but every change is kept as a fact for the draft
//! rules. Fields are followed through their begin/separate/end characters: the
//! instruction is not text, the result is.

use std::collections::HashSet;
use std::ops::Range;

use roxmltree::Node;

use super::parts::{attr, child, is_on, num_pr};

/// Deepest nesting of tables and text boxes read; deeper content is left out.
const MAX_DEPTH: usize = 32;

/// Where a piece of text sits in the XML, so annotate can put a comment around it.
#[derive(Clone, Debug)]
pub struct TextXml {
    /// The raw character data of the `w:t` (entities not decoded).
    pub raw: Range<usize>,
    /// The `w:t` start tag.
    pub tag: Range<usize>,
    /// The run's `w:rPr`, copied into the second half when a run is split.
    pub rpr: Option<Range<usize>>,
    /// The whole `w:r`.
    pub run: Range<usize>,
    /// The `w:t` is the run's first content (after `w:rPr`) / its last.
    pub first: bool,
    pub last: bool,
    /// The tracked change (`w:ins`, `w:moveTo`) the run is in: comment marks go
    /// around it, not into it (LibreOffice misplaces footnotes otherwise).
    pub revision: Option<Range<usize>>,
    /// The enclosing paragraph's `</w:p>` offset, and whether the paragraph has
    /// tracked changes (then the comment's reference run goes to the paragraph's end:
    /// LibreOffice misplaces footnotes after a reference run in such a paragraph).
    pub para_end: usize,
    pub para_revised: bool,
}

/// Formatting of a run that the draft rules look at.
#[derive(Clone, Debug, Default)]
pub struct Props {
    pub hidden: bool,
    pub highlight: Option<String>,
    pub superscript: bool,
    /// The run is in a tracked insertion (or moved-to text).
    pub inserted: bool,
    /// The run has a tracked formatting change.
    pub format_change: bool,
    /// The run's character style.
    pub style: Option<String>,
}

#[derive(Clone, Debug)]
pub enum Item {
    Text {
        text: String,
        props: Props,
        xml: Option<TextXml>,
        author: Option<String>,
    },
    /// A footnote or endnote reference; `run` is the whole `w:r`.
    NoteRef {
        endnote: bool,
        id: String,
        run: Range<usize>,
    },
    LinkStart(String),
    LinkEnd,
    CommentStart(String),
    CommentEnd(String),
    /// Deleted or moved-from text (not shown when the changes are accepted).
    Deleted {
        text: String,
        author: Option<String>,
    },
    /// A REF/PAGEREF/NOTEREF field starts its result here (bookmark named).
    RefStart(String),
    RefEnd,
}

#[derive(Clone, Debug, Default)]
pub struct Para {
    pub style: Option<String>,
    /// Direct numbering (`w:numPr`); `Some(("0", _))` removes a style's numbering.
    pub num: Option<(String, u8)>,
    pub outline: Option<u8>,
    /// Borders, shading or a frame: part of a framed group.
    pub framed: bool,
    pub items: Vec<Item>,
    /// XML offset just after `w:pPr` (or the start tag): where a paragraph-wide comment
    /// starts.
    pub xml_start: usize,
    /// XML offset of `</w:p>`.
    pub xml_end: usize,
    /// The paragraph mark is a tracked insertion or deletion.
    pub mark_changed: bool,
    /// The paragraph mark is a tracked deletion: the paragraph joins the next.
    pub mark_deleted: bool,
    /// The paragraph has tracked changes.
    pub revised: bool,
}

#[derive(Clone, Debug)]
pub enum Block {
    Para(Para),
    Table {
        rows: Vec<Vec<Vec<Block>>>,
        shaded: bool,
    },
    /// A text box's content (drawn frame).
    TextBox(Vec<Block>),
}

/// What the walk collects besides the blocks.
#[derive(Debug, Default)]
pub struct Walk {
    pub bookmarks: HashSet<String>,
    /// Content left out for nesting too deep.
    pub too_deep: usize,
    /// Imported chunks (`w:altChunk`: HTML or RTF pasted as a part), not read.
    pub alt_chunks: usize,
}

/// The branch of `mc:AlternateContent` to read: the first choice (what Word shows),
/// else the fallback.
fn alternate<'a, 'i>(n: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    child(n, "Choice").or_else(|| child(n, "Fallback"))
}

/// State of the complex fields open at a point.
#[derive(Clone, Debug)]
struct Field {
    instr: String,
    in_result: bool,
    kind: FieldKind,
}

#[derive(Clone, Debug, PartialEq)]
enum FieldKind {
    Unknown,
    Ref(String),
    Link(String),
}

fn field_kind(instr: &str) -> FieldKind {
    let mut words = instr.split_whitespace();
    match words.next().map(str::to_ascii_uppercase).as_deref() {
        Some("REF" | "PAGEREF" | "NOTEREF") => {
            FieldKind::Ref(words.next().unwrap_or("").trim_matches('"').to_string())
        }
        Some("HYPERLINK") => {
            let rest: Vec<&str> = instr.split('"').collect();
            let target = if words.clone().next() == Some("\\l") {
                format!("#{}", rest.get(1).unwrap_or(&""))
            } else {
                rest.get(1).unwrap_or(&"").to_string()
            };
            FieldKind::Link(target)
        }
        _ => FieldKind::Unknown,
    }
}

/// Walks a story.
pub struct Walker<'w> {
    pub walk: &'w mut Walk,
    rels: &'w super::parts::Rels,
    fields: Vec<Field>,
    /// The paragraph being walked: its `</w:p>` offset and whether it is revised.
    para: (usize, bool),
}

/// Run-level context inherited from enclosing elements.
#[derive(Clone, Default)]
struct Ctx {
    inserted: bool,
    deleted: bool,
    author: Option<String>,
}

impl<'w> Walker<'w> {
    pub fn new(walk: &'w mut Walk, rels: &'w super::parts::Rels) -> Self {
        Walker {
            walk,
            rels,
            fields: Vec::new(),
            para: (0, false),
        }
    }

    /// The blocks of a container (`w:body`, `w:footnote`, `w:tc`, `w:txbxContent`).
    pub fn blocks(&mut self, node: Node<'_, '_>, depth: usize) -> Vec<Block> {
        let mut out = Vec::new();
        if depth > MAX_DEPTH {
            self.walk.too_deep += 1;
            return out;
        }
        self.container(node, depth, &mut out);
        // A deleted paragraph mark joins the paragraph to the next one.
        let mut joined: Vec<Block> = Vec::with_capacity(out.len());
        let mut carry: Option<Para> = None;
        for block in out {
            match block {
                Block::Para(mut p) => {
                    if let Some(prev) = carry.take() {
                        let mut items = prev.items;
                        items.append(&mut p.items);
                        p.items = items;
                        p.mark_changed = true;
                    }
                    if p.mark_deleted {
                        carry = Some(p);
                    } else {
                        joined.push(Block::Para(p));
                    }
                }
                other => {
                    if let Some(prev) = carry.take() {
                        joined.push(Block::Para(prev));
                    }
                    joined.push(other);
                }
            }
        }
        if let Some(prev) = carry {
            joined.push(Block::Para(prev));
        }
        joined
    }

    fn container(&mut self, node: Node<'_, '_>, depth: usize, out: &mut Vec<Block>) {
        for c in node.children().filter(|c| c.is_element()) {
            match c.tag_name().name() {
                "p" => self.paragraph(c, depth, out),
                "tbl" => out.push(self.table(c, depth)),
                "sdt" => {
                    if let Some(content) = child(c, "sdtContent") {
                        self.container(content, depth, out);
                    }
                }
                "customXml" | "ins" | "moveTo" => self.container(c, depth, out),
                "AlternateContent" => {
                    if let Some(choice) = alternate(c) {
                        self.container(choice, depth, out);
                    }
                }
                "altChunk" => self.walk.alt_chunks += 1,
                "bookmarkStart" => self.bookmark(c),
                _ => {}
            }
        }
    }

    fn bookmark(&mut self, n: Node<'_, '_>) {
        if let Some(name) = attr(n, "name") {
            if self.walk.bookmarks.len() < 1_000_000 {
                self.walk.bookmarks.insert(name.to_string());
            }
        }
    }

    fn table(&mut self, node: Node<'_, '_>, depth: usize) -> Block {
        let mut rows = Vec::new();
        let mut shaded = child(node, "tblPr").is_some_and(has_fill);
        for tr in node.children().filter(|c| c.tag_name().name() == "tr") {
            let mut cells = Vec::new();
            for tc in tr.children().filter(|c| c.tag_name().name() == "tc") {
                shaded |= child(tc, "tcPr").is_some_and(has_fill);
                cells.push(self.blocks(tc, depth + 1));
            }
            rows.push(cells);
        }
        Block::Table { rows, shaded }
    }

    fn paragraph(&mut self, p: Node<'_, '_>, depth: usize, out: &mut Vec<Block>) {
        let ppr = child(p, "pPr");
        let start_tag_end = p.first_child().map_or(p.range().end, |c| c.range().start);
        let mut para = Para {
            style: ppr
                .and_then(|n| child(n, "pStyle"))
                .and_then(|n| attr(n, "val"))
                .map(str::to_string),
            num: ppr.and_then(|n| child(n, "numPr")).and_then(num_pr),
            outline: ppr
                .and_then(|n| child(n, "outlineLvl"))
                .and_then(|n| attr(n, "val"))
                .and_then(|v| v.parse().ok()),
            framed: ppr.is_some_and(|n| {
                child(n, "pBdr").is_some() || child(n, "framePr").is_some() || has_fill(n)
            }),
            xml_start: ppr.map_or(start_tag_end, |n| n.range().end),
            xml_end: p
                .range()
                .end
                .saturating_sub("</w:p>".len())
                .max(start_tag_end),
            ..Para::default()
        };
        if let Some(mark) = ppr.and_then(|n| child(n, "rPr")) {
            if child(mark, "del").is_some() {
                para.mark_changed = true;
                para.mark_deleted = true;
                para.items.push(Item::Deleted {
                    text: String::new(),
                    author: child(mark, "del")
                        .and_then(|d| attr(d, "author"))
                        .map(str::to_string),
                });
            }
            if child(mark, "ins").is_some() {
                para.mark_changed = true;
            }
        }
        para.revised = p
            .descendants()
            .any(|d| matches!(d.tag_name().name(), "ins" | "del" | "moveFrom" | "moveTo"));
        let outer = self.para;
        self.para = (para.xml_end, para.revised);
        let mut boxes = Vec::new();
        self.inline(p, &Ctx::default(), &mut para.items, &mut boxes, depth);
        self.para = outer;
        out.push(Block::Para(para));
        for b in boxes {
            out.push(Block::TextBox(b));
        }
    }

    /// Paragraph content: runs and the elements that wrap them.
    fn inline(
        &mut self,
        node: Node<'_, '_>,
        ctx: &Ctx,
        items: &mut Vec<Item>,
        boxes: &mut Vec<Vec<Block>>,
        depth: usize,
    ) {
        for c in node.children().filter(|c| c.is_element()) {
            match c.tag_name().name() {
                "r" => self.run(c, ctx, items, boxes, depth),
                "ins" | "moveTo" => {
                    let ctx = Ctx {
                        inserted: true,
                        author: attr(c, "author").map(str::to_string),
                        ..ctx.clone()
                    };
                    self.inline(c, &ctx, items, boxes, depth);
                }
                "del" | "moveFrom" => {
                    let ctx = Ctx {
                        deleted: true,
                        author: attr(c, "author").map(str::to_string),
                        ..ctx.clone()
                    };
                    self.inline(c, &ctx, items, boxes, depth);
                }
                "hyperlink" => {
                    let target = match attr(c, "id").and_then(|id| self.rels.targets.get(id)) {
                        Some((t, _)) => t.clone(),
                        None => attr(c, "anchor").map_or(String::new(), |a| format!("#{a}")),
                    };
                    items.push(Item::LinkStart(target));
                    self.inline(c, ctx, items, boxes, depth);
                    items.push(Item::LinkEnd);
                }
                "fldSimple" => {
                    let kind = field_kind(attr(c, "instr").unwrap_or(""));
                    match &kind {
                        FieldKind::Ref(b) => items.push(Item::RefStart(b.clone())),
                        FieldKind::Link(t) => items.push(Item::LinkStart(t.clone())),
                        FieldKind::Unknown => {}
                    }
                    self.inline(c, ctx, items, boxes, depth);
                    match kind {
                        FieldKind::Ref(_) => items.push(Item::RefEnd),
                        FieldKind::Link(_) => items.push(Item::LinkEnd),
                        FieldKind::Unknown => {}
                    }
                }
                "smartTag" | "customXml" | "sdt" | "sdtContent" | "dir" | "bdo" => {
                    self.inline(c, ctx, items, boxes, depth)
                }
                "AlternateContent" => {
                    if let Some(choice) = alternate(c) {
                        self.inline(choice, ctx, items, boxes, depth);
                    }
                }
                "commentRangeStart" => {
                    if let Some(id) = attr(c, "id") {
                        items.push(Item::CommentStart(id.to_string()));
                    }
                }
                "commentRangeEnd" => {
                    if let Some(id) = attr(c, "id") {
                        items.push(Item::CommentEnd(id.to_string()));
                    }
                }
                "bookmarkStart" => self.bookmark(c),
                _ => {}
            }
        }
    }

    fn run(
        &mut self,
        r: Node<'_, '_>,
        ctx: &Ctx,
        items: &mut Vec<Item>,
        boxes: &mut Vec<Vec<Block>>,
        depth: usize,
    ) {
        let rpr = child(r, "rPr");
        let rstyle = rpr
            .and_then(|n| child(n, "rStyle"))
            .and_then(|n| attr(n, "val"));
        let props = Props {
            // Not `w:specVanish` (a style separator's hidden mark) nor `w:webHidden`
            // (hidden in web view only, as table-of-contents page numbers are).
            hidden: is_on(rpr.and_then(|n| child(n, "vanish"))),
            highlight: rpr
                .and_then(|n| child(n, "highlight"))
                .and_then(|n| attr(n, "val"))
                .filter(|v| *v != "none")
                .map(str::to_string),
            superscript: rpr
                .and_then(|n| child(n, "vertAlign"))
                .and_then(|n| attr(n, "val"))
                == Some("superscript"),
            inserted: ctx.inserted,
            format_change: rpr.is_some_and(|n| child(n, "rPrChange").is_some()),
            style: rstyle.map(str::to_string),
        };
        let rpr_range = rpr.map(|n| n.range());
        for c in r.children().filter(|c| c.is_element()) {
            let name = c.tag_name().name();
            match name {
                "fldChar" => match attr(c, "fldCharType") {
                    Some("begin") if self.fields.len() < 64 => {
                        self.fields.push(Field {
                            instr: String::new(),
                            in_result: false,
                            kind: FieldKind::Unknown,
                        });
                    }
                    Some("separate") => {
                        if let Some(f) = self.fields.last_mut() {
                            f.in_result = true;
                            f.kind = field_kind(&f.instr);
                            match &f.kind {
                                FieldKind::Ref(b) => items.push(Item::RefStart(b.clone())),
                                FieldKind::Link(t) => items.push(Item::LinkStart(t.clone())),
                                FieldKind::Unknown => {}
                            }
                        }
                    }
                    Some("end") => {
                        if let Some(f) = self.fields.pop() {
                            if f.in_result {
                                match f.kind {
                                    FieldKind::Ref(_) => items.push(Item::RefEnd),
                                    FieldKind::Link(_) => items.push(Item::LinkEnd),
                                    FieldKind::Unknown => {}
                                }
                            }
                        }
                    }
                    _ => {}
                },
                "instrText" | "delInstrText" => {
                    if let Some(f) = self.fields.last_mut() {
                        if !f.in_result && f.instr.len() < 4096 {
                            f.instr.push_str(c.text().unwrap_or(""));
                        }
                    }
                }
                _ if self.in_instruction() => {}
                "t" | "delText" => {
                    let text = c.text().unwrap_or("").to_string();
                    if ctx.deleted || name == "delText" {
                        items.push(Item::Deleted {
                            text,
                            author: ctx.author.clone(),
                        });
                        continue;
                    }
                    // The raw character data between the start and the end tag.
                    let range = c.range();
                    let input = c.document().input_text();
                    let element = input.get(range.clone()).unwrap_or("");
                    let (tag_end, raw) = if element.ends_with("/>") {
                        (range.end, range.end..range.end)
                    } else {
                        let open = element.find('>').map_or(range.end, |i| range.start + i + 1);
                        let close = element.rfind("</").map_or(range.end, |i| range.start + i);
                        (open, open..close.max(open))
                    };
                    items.push(Item::Text {
                        text,
                        props: props.clone(),
                        xml: Some(TextXml {
                            raw,
                            tag: range.start..tag_end,
                            rpr: rpr_range.clone(),
                            run: r.range(),
                            first: c
                                .prev_siblings()
                                .skip(1)
                                .all(|n| !n.is_element() || n.tag_name().name() == "rPr"),
                            last: c.next_siblings().skip(1).all(|n| !n.is_element()),
                            revision: r
                                .ancestors()
                                .take_while(|a| a.tag_name().name() != "p")
                                .filter(|a| matches!(a.tag_name().name(), "ins" | "moveTo"))
                                .last()
                                .map(|a| a.range()),
                            para_end: self.para.0,
                            para_revised: self.para.1,
                        }),
                        author: ctx.author.clone(),
                    });
                }
                "tab" | "br" | "cr" | "ptab" | "noBreakHyphen" if !ctx.deleted => {
                    items.push(Item::Text {
                        text: if name == "noBreakHyphen" { "-" } else { " " }.into(),
                        props: props.clone(),
                        xml: None,
                        author: ctx.author.clone(),
                    });
                }
                "footnoteReference" | "endnoteReference" if !ctx.deleted => {
                    if let Some(id) = attr(c, "id") {
                        items.push(Item::NoteRef {
                            endnote: name == "endnoteReference",
                            id: id.to_string(),
                            run: r.range(),
                        });
                    }
                }
                "drawing" | "pict" | "AlternateContent" | "object" => {
                    for content in c
                        .descendants()
                        .filter(|d| d.tag_name().name() == "txbxContent")
                        .filter(|d| !d.ancestors().any(|a| a.tag_name().name() == "Fallback"))
                    {
                        boxes.push(self.blocks(content, depth + 1));
                    }
                }
                _ => {}
            }
        }
    }

    fn in_instruction(&self) -> bool {
        self.fields.iter().any(|f| !f.in_result)
    }
}

/// Shading with a real fill colour.
fn has_fill(n: Node<'_, '_>) -> bool {
    child(n, "shd")
        .and_then(|s| attr(s, "fill"))
        .is_some_and(|f| !f.eq_ignore_ascii_case("auto") && !f.eq_ignore_ascii_case("FFFFFF"))
}
