//! Phase 2: the parts around the text: styles (headings, outline levels, numbering
//! attached to a style), numbering definitions, relationships (hyperlink targets) and
//! comments (author, text, resolved state).

use std::collections::{HashMap, HashSet};

use roxmltree::{Document as Xml, Node, ParsingOptions};

use super::super::load::LoadError;

/// Parse one XML part (no DTD: Word never writes one, and entity expansion is where
/// XML bombs live).
pub fn parse_xml<'a>(name: &str, text: &'a str) -> Result<Xml<'a>, LoadError> {
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    Xml::parse_with_options(text, options).map_err(|e| {
        LoadError::new(format!(
            "{name} in the Word package is not well-formed XML: {e}"
        ))
    })
}

/// An attribute by local name (`w:val` → "val"), whatever its namespace prefix.
pub fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

/// The first child element with a local name.
pub fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// True for an on/off property element that is on (`<w:vanish/>`, `w:val="true"`).
pub fn is_on(node: Option<Node<'_, '_>>) -> bool {
    match node {
        None => false,
        Some(n) => !matches!(attr(n, "val"), Some("0" | "false" | "off")),
    }
}

/// A style: what the text front end needs of it.
#[derive(Clone, Debug, Default)]
pub struct Style {
    pub name: String,
    pub based_on: Option<String>,
    pub outline: Option<u8>,
    pub num: Option<(String, u8)>,
    pub superscript: bool,
}

/// The styles part.
#[derive(Clone, Debug, Default)]
pub struct Styles {
    styles: HashMap<String, Style>,
}

/// What a paragraph style makes of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StyleRole {
    /// A heading of outline level 1–9.
    Heading(u8),
    /// The document title ("Title", "Subtitle").
    Title,
    /// A table-of-contents entry ("toc 1" …) or an index entry: not prose.
    Contents,
    Other,
}

impl Styles {
    pub fn parse(xml: &Xml<'_>) -> Self {
        let mut styles = HashMap::new();
        for s in xml
            .root_element()
            .children()
            .filter(|n| n.tag_name().name() == "style")
        {
            let Some(id) = attr(s, "styleId") else {
                continue;
            };
            let ppr = child(s, "pPr");
            let rpr = child(s, "rPr");
            let num = ppr.and_then(|p| child(p, "numPr")).and_then(num_pr);
            styles.insert(
                id.to_string(),
                Style {
                    name: child(s, "name")
                        .and_then(|n| attr(n, "val"))
                        .unwrap_or(id)
                        .to_string(),
                    based_on: child(s, "basedOn")
                        .and_then(|n| attr(n, "val"))
                        .map(str::to_string),
                    outline: ppr
                        .and_then(|p| child(p, "outlineLvl"))
                        .and_then(|n| attr(n, "val"))
                        .and_then(|v| v.parse::<u8>().ok()),
                    num,
                    superscript: rpr
                        .and_then(|r| child(r, "vertAlign"))
                        .and_then(|n| attr(n, "val"))
                        == Some("superscript"),
                },
            );
        }
        Styles { styles }
    }

    /// The style and the styles it is based on (at most 16, cycles cut).
    fn chain<'s>(&'s self, id: &str) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = self.styles.get(id);
        let mut steps = 0;
        std::iter::from_fn(move || {
            let s = next?;
            steps += 1;
            next = if steps < 16 {
                s.based_on.as_deref().and_then(|b| self.styles.get(b))
            } else {
                None
            };
            Some(s)
        })
    }

    pub fn role(&self, id: &str) -> StyleRole {
        for s in self.chain(id) {
            let name = s.name.to_ascii_lowercase();
            if let Some(n) = name.strip_prefix("heading ") {
                if let Ok(level) = n.trim().parse::<u8>() {
                    return StyleRole::Heading(level.clamp(1, 9));
                }
            }
            if name == "title" || name == "subtitle" {
                return StyleRole::Title;
            }
            if name.starts_with("toc ") || name == "table of figures" || name.starts_with("index ")
            {
                return StyleRole::Contents;
            }
            if let Some(o) = s.outline.filter(|o| *o < 9) {
                return StyleRole::Heading(o + 1);
            }
        }
        StyleRole::Other
    }

    /// Numbering a paragraph style carries (list styles, numbered headings).
    pub fn num(&self, id: &str) -> Option<(String, u8)> {
        self.chain(id).find_map(|s| s.num.clone())
    }

    /// True for a character style that raises text (the footnote-reference style).
    pub fn superscript(&self, id: &str) -> bool {
        self.chain(id).any(|s| s.superscript)
    }

    /// True for the footnote or endnote reference character style.
    pub fn is_note_reference(&self, id: &str) -> bool {
        self.chain(id).any(|s| {
            let n = s.name.to_ascii_lowercase();
            n == "footnote reference" || n == "endnote reference"
        })
    }
}

/// `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>` → ("3", 0).
pub fn num_pr(n: Node<'_, '_>) -> Option<(String, u8)> {
    let id = child(n, "numId").and_then(|c| attr(c, "val"))?;
    let ilvl = child(n, "ilvl")
        .and_then(|c| attr(c, "val"))
        .and_then(|v| v.parse::<u8>().ok())
        .unwrap_or(0)
        .min(8);
    Some((id.to_string(), ilvl))
}

/// One level of a list definition.
#[derive(Clone, Debug)]
pub struct Level {
    pub start: u32,
    /// `decimal`, `lowerLetter`, `upperLetter`, `lowerRoman`, `upperRoman`, `bullet`,
    /// `none`, …
    pub fmt: String,
    /// `%1.`, `%1.%2`, `(%3)`, or the bullet glyph.
    pub text: String,
    /// `w:lvlRestart`: the level (1-based) whose new item restarts this one; 0 never.
    pub restart: Option<u8>,
    /// `w:isLgl`: every number shown in arabic.
    pub legal: bool,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            fmt: "decimal".into(),
            text: String::new(),
            restart: None,
            legal: false,
        }
    }
}

fn level(n: Node<'_, '_>) -> Level {
    let val = |name: &str| child(n, name).and_then(|c| attr(c, "val"));
    Level {
        start: val("start").and_then(|v| v.parse().ok()).unwrap_or(1),
        fmt: val("numFmt").unwrap_or("decimal").to_string(),
        text: val("lvlText").unwrap_or("").to_string(),
        restart: val("lvlRestart").and_then(|v| v.parse().ok()),
        legal: is_on(child(n, "isLgl")),
    }
}

fn levels_of(n: Node<'_, '_>) -> Vec<(u8, Level)> {
    n.children()
        .filter(|c| c.tag_name().name() == "lvl")
        .filter_map(|c| {
            let ilvl = attr(c, "ilvl")?.parse::<u8>().ok().filter(|l| *l < 9)?;
            Some((ilvl, level(c)))
        })
        .collect()
}

/// A `w:num`: which abstract list it instantiates, and its overrides.
#[derive(Clone, Debug, Default)]
pub struct Num {
    pub abstract_id: String,
    /// Level → start override.
    pub start_overrides: Vec<(u8, u32)>,
    /// Level → a whole level definition that replaces the abstract one.
    pub level_overrides: Vec<(u8, Level)>,
}

/// The numbering part.
#[derive(Clone, Debug, Default)]
pub struct Numbering {
    pub abstracts: HashMap<String, Vec<(u8, Level)>>,
    /// Abstract lists that only link to a list style (`w:numStyleLink`).
    pub style_links: HashMap<String, String>,
    pub nums: HashMap<String, Num>,
}

impl Numbering {
    pub fn parse(xml: &Xml<'_>) -> Self {
        let mut n = Numbering::default();
        for e in xml.root_element().children().filter(|c| c.is_element()) {
            match e.tag_name().name() {
                "abstractNum" => {
                    let Some(id) = attr(e, "abstractNumId") else {
                        continue;
                    };
                    if let Some(link) = child(e, "numStyleLink").and_then(|c| attr(c, "val")) {
                        n.style_links.insert(id.to_string(), link.to_string());
                    }
                    n.abstracts.insert(id.to_string(), levels_of(e));
                }
                "num" => {
                    let Some(id) = attr(e, "numId") else {
                        continue;
                    };
                    let abstract_id = child(e, "abstractNumId")
                        .and_then(|c| attr(c, "val"))
                        .unwrap_or("")
                        .to_string();
                    let mut num = Num {
                        abstract_id,
                        ..Num::default()
                    };
                    for o in e
                        .children()
                        .filter(|c| c.tag_name().name() == "lvlOverride")
                    {
                        let Some(ilvl) = attr(o, "ilvl").and_then(|v| v.parse::<u8>().ok()) else {
                            continue;
                        };
                        if let Some(s) = child(o, "startOverride")
                            .and_then(|c| attr(c, "val"))
                            .and_then(|v| v.parse().ok())
                        {
                            num.start_overrides.push((ilvl.min(8), s));
                        }
                        if let Some(l) = child(o, "lvl") {
                            num.level_overrides.push((ilvl.min(8), level(l)));
                        }
                    }
                    n.nums.insert(id.to_string(), num);
                }
                _ => {}
            }
        }
        n
    }
}

/// Relationships of a part: id → (target, external).
#[derive(Clone, Debug, Default)]
pub struct Rels {
    pub targets: HashMap<String, (String, bool)>,
}

impl Rels {
    pub fn parse(xml: &Xml<'_>) -> Self {
        let mut targets = HashMap::new();
        for r in xml.root_element().children().filter(|c| c.is_element()) {
            if let (Some(id), Some(target)) = (attr(r, "Id"), attr(r, "Target")) {
                let external = attr(r, "TargetMode") == Some("External");
                targets.insert(id.to_string(), (target.to_string(), external));
            }
        }
        Rels { targets }
    }
}

/// A comment of `comments.xml`.
#[derive(Clone, Debug)]
pub struct CommentPart {
    pub id: String,
    pub author: String,
    pub text: String,
    /// Marked done (resolved) in `commentsExtended.xml`.
    pub resolved: bool,
}

/// Comments by id; `done` holds the paragraph ids marked done in commentsExtended.
pub fn comments(xml: &Xml<'_>, done: &HashSet<String>) -> Vec<CommentPart> {
    let mut out = Vec::new();
    for c in xml
        .root_element()
        .children()
        .filter(|c| c.tag_name().name() == "comment")
    {
        let Some(id) = attr(c, "id") else {
            continue;
        };
        let mut text = String::new();
        let mut last_para = None;
        for n in c.descendants() {
            match n.tag_name().name() {
                "t" if n.is_element() => text.push_str(n.text().unwrap_or("")),
                "p" => {
                    if !text.is_empty() && !text.ends_with(' ') {
                        text.push(' ');
                    }
                    last_para = attr(n, "paraId");
                }
                _ => {}
            }
        }
        out.push(CommentPart {
            id: id.to_string(),
            author: attr(c, "author").unwrap_or("").to_string(),
            text: text.trim().to_string(),
            resolved: last_para.is_some_and(|p| done.contains(p)),
        });
    }
    out
}

/// Paragraph ids of comments marked done (`w15:commentEx w15:done="1"`).
pub fn done_comments(xml: &Xml<'_>) -> HashSet<String> {
    xml.root_element()
        .children()
        .filter(|c| c.tag_name().name() == "commentEx")
        .filter(|c| matches!(attr(*c, "done"), Some("1" | "true")))
        .filter_map(|c| attr(c, "paraId").map(str::to_string))
        .collect()
}
