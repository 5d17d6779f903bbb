//! Phase 4: body lines into blocks. A block ends at a wider vertical gap, a change of
//! size, a list label, a short line that ends a sentence, or a page break after a
//! finished sentence. Each block is then a heading (larger type, or a short numbered
//! line), a numbered or lettered point, a bullet, a table row group (several cells on
//! one baseline), or a plain paragraph.

use std::sync::LazyLock;

use regex::Regex;

use super::layout::{Layout, Role};
use super::lines::{is_bullet_char, Line};
use crate::document::Scheme;

#[derive(Clone, Debug, PartialEq)]
pub enum BlockKind {
    Plain,
    Heading {
        level: u8,
        /// Byte length of the number at the start of the first line.
        number_len: usize,
    },
    Point {
        scheme: Scheme,
        value: u32,
        /// Byte length of the label at the start of the first line.
        label_len: usize,
        depth: u8,
    },
    Bullet {
        /// Byte length of the glyph (and its space) at the start of the first line.
        glyph_len: usize,
    },
    /// Rows of cells: kept out of prose.
    Table,
}

#[derive(Clone, Debug)]
pub struct Block {
    pub kind: BlockKind,
    /// Indices into the line list, in reading order.
    pub lines: Vec<usize>,
}

static POINT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<lab>\((\d{1,3}|[a-z]|[ivxl]{1,6})\)|(\d{1,3}|[a-z]|[ivxl]{1,6})\)|(\d{1,3})\.|([a-z])\.)\s+\S")
        .unwrap()
});
static HEADING_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<num>(\d{1,2}(?:\.\d{1,2}){0,3})\.?|([IVX]{1,5})\.|([A-H])\.)\s+\p{Lu}")
        .unwrap()
});
static HEADING_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Article|Artikel|CHAPTER|Chapter|HOOFDSTUK|Hoofdstuk|SECTION|Section|AFDELING|Afdeling|TITLE|TITEL|ANNEX|Annex|BIJLAGE|Bijlage|PART|DEEL)\s+[0-9IVXLa-z]{1,6}\b").unwrap()
});

pub fn label_of(text: &str) -> Option<(Scheme, u32, usize)> {
    let c = POINT_LABEL.captures(text)?;
    let label_len = c.name("lab")?.end();
    let raw = c.get(2).or(c.get(3)).or(c.get(4)).or(c.get(5))?.as_str();
    if let Ok(n) = raw.parse::<u32>() {
        return Some((Scheme::Arabic, n, label_len));
    }
    if raw.len() == 1 && !matches!(raw, "i" | "v" | "x" | "l") {
        let v = raw.as_bytes()[0] - b'a' + 1;
        return Some((Scheme::LowerAlpha, v as u32, label_len));
    }
    Some((Scheme::LowerRoman, roman(raw)?, label_len))
}

fn roman(s: &str) -> Option<u32> {
    let mut total = 0i32;
    let mut prev = 0i32;
    for c in s.chars().rev() {
        let v = match c.to_ascii_lowercase() {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            'l' => 50,
            _ => return None,
        };
        if v < prev {
            total -= v;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0).then_some(total as u32)
}

fn bullet_len(text: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    let (_, c) = chars.next()?;
    if !is_bullet_char(c) {
        return None;
    }
    let (i, next) = chars.next()?;
    if !next.is_whitespace() {
        return None;
    }
    Some(i + next.len_utf8())
}

fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end_matches(['”', '"', '’', ')', ' ']);
    t.ends_with(['.', ':', ';', '!', '?'])
}

/// A block break in single-spaced text: a baseline gap of this many times the type
/// size.
const SINGLE_SPACED_GAP: f32 = 1.6;
/// A line shorter than this share of the text width, before a capital, is a title in
/// text set with wide line spacing (a word wrapped to the next line leaves less).
const TITLE_SHARE: f32 = 0.6;
/// A gap this much wider than the running text's line pitch breaks a block.
const PITCH_MARGIN: f32 = 1.25;

/// The running text's line pitch, as a multiple of the type size: the most common
/// baseline distance between consecutive body lines of one size on a page (in
/// twentieths), 0 when there are too few.
fn line_pitch(lines: &[Line], body: &[usize]) -> f32 {
    let mut counts = [0usize; 61];
    for pair in body.windows(2) {
        let (q, l) = (&lines[pair[0]], &lines[pair[1]]);
        if l.page != q.page || l.col != q.col || (l.size - q.size).abs() > 0.05 * l.size {
            continue;
        }
        let ratio = (l.y - q.y) / l.size;
        if (0.9..3.0).contains(&ratio) {
            counts[(ratio * 20.0).round() as usize] += 1;
        }
    }
    let (bucket, &n) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(k, &n)| (n, std::cmp::Reverse(k)))
        .unwrap_or((0, &0));
    if n < MIN_PITCH_SAMPLES {
        return 0.0;
    }
    bucket as f32 / 20.0
}

/// Line pairs needed to trust a line pitch.
const MIN_PITCH_SAMPLES: usize = 20;

/// Group the body lines into blocks.
///
/// `in_table` marks the lines of tables found by the geometry (see
/// [`super::tables`]); `box_of` the drawn box each line sits in: a block never
/// crosses a box's edge.
pub fn blocks(
    lines: &[Line],
    layout: &Layout,
    in_table: &[bool],
    box_of: &[Option<usize>],
) -> Vec<Block> {
    let body: Vec<usize> = (0..lines.len())
        .filter(|&i| layout.roles[i] == Role::Body)
        .collect();
    // Rows with several body cells are table rows.
    // (Counted per drawn box: a label cell beside a passage is no table row.)
    let mut cells_in_row: std::collections::HashMap<(usize, Option<usize>), usize> =
        Default::default();
    let row_key = |i: usize| (lines[i].row, box_of.get(i).copied().flatten());
    for &i in &body {
        *cells_in_row.entry(row_key(i)).or_default() += 1;
    }
    let is_table = |i: usize| {
        in_table.get(i).copied().unwrap_or(false)
            || cells_in_row.get(&row_key(i)).copied().unwrap_or(0) >= 2
    };
    let boxed = |i: usize| box_of.get(i).copied().flatten();
    let bs = layout.body_size;
    // A gap wider than the text's own line pitch ends a block: 1.6 times the type size
    // in single-spaced text; more where the text is set with 1.5 or double line
    // spacing (Council documents, ministry fiches), whose every line is that far apart.
    let gap_ratio = (PITCH_MARGIN * line_pitch(lines, &body)).max(SINGLE_SPACED_GAP);

    let mut out: Vec<Block> = Vec::new();
    let mut prev: Option<usize> = None;
    // Per drawn box, its last line and that line's block: a box's lines continue
    // their block though lines of a box beside it come between (read row by row).
    let mut in_box: std::collections::HashMap<usize, (usize, usize)> = Default::default();
    for &i in &body {
        let l = &lines[i];
        let starts_list = label_of(&l.text).is_some() || bullet_len(&l.text).is_some();
        let boxed_prev = boxed(i).and_then(|b| in_box.get(&b).copied());
        let before = boxed_prev.map_or(prev, |(p, _)| Some(p));
        let new_block = match before {
            None => true,
            Some(p) if boxed(p) != boxed(i) => true,
            Some(p) => {
                let q = &lines[p];
                if is_table(i) || is_table(p) {
                    !(is_table(i)
                        && is_table(p)
                        && (l.page == q.page && l.y - q.y < 2.5 * l.size || l.row == q.row))
                } else if l.page != q.page {
                    ends_sentence(&q.text) || starts_list || (l.size - q.size).abs() > 0.12 * bs
                } else {
                    let dy = l.y - q.y;
                    // A label at the start of a wrapped line ("… Regulation (EU)
                    // 2016/" then "679. …") starts nothing: a point starts after a
                    // finished line, a short line, or at another indent.
                    let list_start = starts_list
                        && (ends_sentence(&q.text)
                            || q.x1 < layout.right - 3.0 * q.size
                            || (l.x0 - q.x0).abs() > 1.5);
                    dy > gap_ratio * l.size.max(q.size)
                        || dy < 0.0
                        || (l.size - q.size).abs() > 0.12 * bs
                        || list_start
                        || (q.x1 < layout.right - 4.0 * q.size && ends_sentence(&q.text))
                        // In text set with wide line spacing, a short line before a
                        // capital is a title over its text ("a) Inhoud voorstel").
                        || (dy > SINGLE_SPACED_GAP * l.size.max(q.size)
                            && q.x1 - q.x0 < TITLE_SHARE * (layout.right - layout.left)
                            && l.text.starts_with(char::is_uppercase))
                }
            }
        } || out.is_empty();
        if new_block {
            out.push(Block {
                kind: if is_table(i) {
                    BlockKind::Table
                } else {
                    BlockKind::Plain
                },
                lines: vec![i],
            });
        }
        let target = if new_block {
            out.len() - 1
        } else {
            let k = boxed_prev.map_or(out.len() - 1, |(_, k)| k);
            out[k].lines.push(i);
            k
        };
        if let Some(b) = boxed(i) {
            in_box.insert(b, (i, target));
        }
        prev = Some(i);
    }

    // Kinds.
    // Open lists: (scheme, label in brackets, indent).
    let mut indents: Vec<(Scheme, bool, f32)> = Vec::new();
    let mut last_alpha: Option<u32> = None;
    for b in out.iter_mut() {
        if b.kind == BlockKind::Table {
            continue;
        }
        let first = &lines[b.lines[0]];
        let text: String = b
            .lines
            .iter()
            .map(|&i| lines[i].text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let short = text.chars().count() <= 160 && b.lines.len() <= 3;
        let unfinished = !text.trim_end().ends_with(['.', ';', ','])
            && !text.trim_end().ends_with(" and")
            && !text.trim_end().ends_with(" en");
        if let Some((scheme, value, label_len)) = label_of(&first.text) {
            let heading_like = short
                && unfinished
                && scheme == Scheme::Arabic
                && first.text[..label_len].ends_with('.')
                && first.size > 1.08 * layout.body_size;
            if !heading_like {
                let mut scheme = scheme;
                let mut value = value;
                // "(i)" after "(h)" is a letter.
                if scheme == Scheme::LowerRoman {
                    if let Some(prev) = last_alpha {
                        if value == 1 && prev == 8
                            || value == 5 && prev == 21
                            || value == 10 && prev == 23
                            || value == 50 && prev == 11
                        {
                            scheme = Scheme::LowerAlpha;
                            value = prev + 1;
                        }
                    }
                }
                if scheme == Scheme::LowerAlpha {
                    last_alpha = Some(value);
                }
                // A list nests in another by indent, or (labels hanging at one
                // indent, as in legal texts) by a new label style: 1. > (a) > (i).
                let paren = first.text.starts_with('(');
                while indents.last().is_some_and(|&(_, _, x)| x > first.x0 + 2.0) {
                    indents.pop();
                }
                match indents
                    .iter()
                    .rposition(|&(sc, p, _)| sc == scheme && p == paren)
                {
                    Some(k) => indents.truncate(k + 1),
                    None => indents.push((scheme, paren, first.x0)),
                }
                b.kind = BlockKind::Point {
                    scheme,
                    value,
                    label_len,
                    depth: indents.len().clamp(1, 9) as u8,
                };
                continue;
            }
        }
        if let Some(glyph_len) = bullet_len(&first.text) {
            b.kind = BlockKind::Bullet { glyph_len };
            continue;
        }
        if !short || !unfinished {
            continue;
        }
        let starts_upper = text
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if let Some(c) = HEADING_NUMBER.captures(&first.text) {
            let number_len = c.name("num").map_or(0, |m| m.end());
            let level = match (c.get(2), c.get(3), c.get(4)) {
                (Some(d), _, _) => 1 + d.as_str().matches('.').count() as u8 + 1,
                (_, Some(_), _) => 1,
                _ => 2,
            };
            if first.size >= layout.body_size * 0.95 {
                indents.clear();
                b.kind = BlockKind::Heading {
                    level: level.min(4),
                    number_len,
                };
            }
            continue;
        }
        if let Some(m) = HEADING_WORD.find(&first.text) {
            indents.clear();
            b.kind = BlockKind::Heading {
                level: 2,
                number_len: m.end(),
            };
            continue;
        }
        if first.size >= 1.15 * layout.body_size && starts_upper {
            indents.clear();
            b.kind = BlockKind::Heading {
                level: if first.size >= 1.5 * layout.body_size {
                    1
                } else {
                    2
                },
                number_len: 0,
            };
            continue;
        }
        if b.lines.len() == 1
            && starts_upper
            && text.chars().count() <= 90
            && !text.trim_end().ends_with(':')
        {
            indents.clear();
            b.kind = BlockKind::Heading {
                level: 4,
                number_len: 0,
            };
        }
    }
    out
}
