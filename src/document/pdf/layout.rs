//! Phase 3: what each line is. Page furniture (running headers and footers, page
//! numbers) by repetition at the same place across pages and by position; side
//! columns (the sender block of a letter) by lying right of the body column; the
//! footnote area as the run of smaller lines at the bottom of a page that starts with a
//! label (or continues the previous page's note); everything else is body.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::glyphs::PageGlyphs;
use super::lines::Line;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Body,
    PageNumber,
    RunningHeader,
    RunningFooter,
    Side,
    Note,
}

pub struct Layout {
    pub roles: Vec<Role>,
    /// Printed page number per page index, where one was read.
    pub page_numbers: Vec<Option<u32>>,
    /// Per page: its notes carry raised labels, so only a raised number starts a note
    /// (a continuation line that starts with "12 december" does not).
    pub sup_labels: Vec<bool>,
    /// The size of most body text.
    pub body_size: f32,
    /// Left and right edge of the body column.
    pub left: f32,
    pub right: f32,
}

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:[-–—]\s*)?(?:(?:p\s*a\s*g\s*i\s*n\s*a|p\s*a\s*g\s*e|blz\.?|p\.)\s*)?(\d{1,4})(?:\s*(?:/|van|of)\s*\d{1,4})?(?:\s*[-–—])?$",
    )
    .unwrap()
});

/// Text with digits and spaces removed, lowercased: the same running line on every
/// page has the same key.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_digit())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Where the body column ends (the right edge of most long lines).
fn right_edge(lines: &[Line]) -> Option<f32> {
    let mut x1s: Vec<f32> = lines
        .iter()
        .filter(|l| l.chars >= 40)
        .map(|l| l.x1)
        .collect();
    x1s.sort_by(f32::total_cmp);
    x1s.get((x1s.len() * 9 / 10).min(x1s.len().saturating_sub(1)))
        .copied()
}

/// A side column (lines that start right of the body column on many pages) can sit so
/// close to the body that a body line and a side-column line share a baseline with a
/// gap no wider than a word space: split such lines at the side column's left edge.
pub fn split_side_column(lines: Vec<Line>, pages: &[PageGlyphs]) -> Vec<Line> {
    let main = main_format(pages);
    let Some(right) = right_edge(&lines) else {
        return lines;
    };
    // A side column holds words ("Datum", "Ons kenmerk", an address); a running
    // footer's language code ("EN") or a page number in the margin is not one.
    let beside = |l: &Line| main(l.page) && l.x0 > right + 2.0 && l.chars >= 4;
    let mut side: Vec<f32> = lines
        .iter()
        .filter(|l| beside(l) && pages[l.page].width - right > 60.0)
        .map(|l| l.x0)
        .collect();
    let side_pages: std::collections::HashSet<usize> =
        lines.iter().filter(|l| beside(l)).map(|l| l.page).collect();
    if side.len() < 6 || side_pages.len() < 2.min(pages.len()) {
        return lines;
    }
    side.sort_by(f32::total_cmp);
    let edge = side[side.len() / 4];
    let mut out = Vec::with_capacity(lines.len());
    for mut l in lines {
        if main(l.page) && l.x0 < edge - 10.0 && l.x1 > edge + 5.0 {
            if let Some(r) = l.split_at_x(edge - 1.0) {
                out.push(l);
                out.push(r);
                continue;
            }
        }
        out.push(l);
    }
    out
}

/// Whether a page has the document's main format (its width within 5 % of the
/// median page width): a side column is measured on those pages only, not on a
/// landscape annex page of a portrait document, whose lines run past the body's edge.
fn main_format(pages: &[PageGlyphs]) -> impl Fn(usize) -> bool + '_ {
    let mut widths: Vec<f32> = pages.iter().map(|p| p.width).collect();
    widths.sort_by(f32::total_cmp);
    let median = widths.get(widths.len() / 2).copied().unwrap_or(0.0);
    move |p: usize| {
        pages
            .get(p)
            .is_some_and(|pg| (pg.width - median).abs() <= 0.05 * median.max(1.0))
    }
}

pub fn classify(lines: &[Line], pages: &[PageGlyphs]) -> Layout {
    let n_pages = pages.len();
    let main = main_format(pages);
    let mut roles = vec![Role::Body; lines.len()];
    let mut page_numbers = vec![None; n_pages];

    // Body size: the most common size, weighted by characters.
    let mut sizes: HashMap<i32, usize> = HashMap::new();
    for l in lines {
        *sizes.entry((l.size * 2.0).round() as i32).or_default() += l.chars;
    }
    let body_size = sizes
        .iter()
        .max_by_key(|(s, n)| (**n, **s))
        .map_or(10.0, |(s, _)| *s as f32 / 2.0);

    // Furniture: lines in the top or bottom band of a page, repeated at the same
    // height on several pages, or alone holding a page number.
    let mut by_key: HashMap<String, Vec<(usize, f32)>> = HashMap::new();
    for l in lines {
        let k = key(&l.text);
        if !k.is_empty() || PAGE_NUMBER.is_match(l.text.trim()) {
            by_key.entry(k).or_default().push((l.page, l.y));
        }
    }
    // Running lines recur on most pages; a note's last line that happens to sit at
    // the same height on a few pages does not.
    let needed = if n_pages <= 2 {
        2
    } else {
        3.max(n_pages / 4).min(n_pages)
    };
    let mut cells: HashMap<usize, usize> = HashMap::new();
    for l in lines {
        *cells.entry(l.row).or_default() += 1;
    }
    let mut first_row_y: Vec<f32> = vec![f32::MAX; n_pages];
    let mut last_row_y: Vec<f32> = vec![f32::MIN; n_pages];
    for l in lines {
        first_row_y[l.page] = first_row_y[l.page].min(l.y);
        last_row_y[l.page] = last_row_y[l.page].max(l.y);
    }
    for (i, l) in lines.iter().enumerate() {
        let h = pages[l.page].height.max(1.0);
        let top = l.y < 0.12 * h || l.y <= first_row_y[l.page] + 1.0 && l.y < 0.2 * h;
        let bottom = l.y > 0.9 * h || l.y >= last_row_y[l.page] - 1.0 && l.y > 0.8 * h;
        if !top && !bottom {
            continue;
        }
        let text = l.text.trim();
        // A footnote at the page bottom is not a running footer.
        let raised_label = l.sups.first().is_some_and(|s| s.0 == 0) || text.starts_with('(');
        if bottom && l.size < 0.97 * body_size && raised_label && note_label(l).is_some() {
            continue;
        }
        let alone = cells.get(&l.row) == Some(&1) || l.x0 > 0.35 * pages[l.page].width;
        if let Some(c) = PAGE_NUMBER.captures(text).filter(|_| alone) {
            roles[i] = Role::PageNumber;
            if let Some(n) = c.get(1).and_then(|m| m.as_str().parse::<u32>().ok()) {
                page_numbers[l.page].get_or_insert(n);
            }
            continue;
        }
        let k = key(text);
        let Some(places) = by_key.get(&k) else {
            continue;
        };
        let mut pages_at: Vec<usize> = places
            .iter()
            .filter(|(_, y)| (y - l.y).abs() < 1.5)
            .map(|(p, _)| *p)
            .collect();
        pages_at.dedup();
        // The first or last row of a page, repeated in the same band on many pages
        // though not at the very same height (a page set a little lower).
        let extreme = l.y <= first_row_y[l.page] + 1.0 || l.y >= last_row_y[l.page] - 1.0;
        if extreme && pages_at.len() < needed && k.chars().count() >= 2 {
            let mut band: Vec<usize> = places
                .iter()
                .filter(|(p, y)| {
                    // Measured from the nearest edge: pages of another height (a
                    // landscape annex) keep their footer as far from the bottom.
                    let hp = pages[*p].height.max(1.0);
                    let near = if top {
                        (y - l.y).abs() < 0.04 * h
                    } else {
                        ((hp - y) - (h - l.y)).abs() < 0.04 * h
                    };
                    near && (*y <= first_row_y[*p] + 1.0 || *y >= last_row_y[*p] - 1.0)
                })
                .map(|(p, _)| *p)
                .collect();
            band.dedup();
            if band.len() >= needed {
                pages_at = band;
            }
        }
        if pages_at.len() >= needed {
            roles[i] = if top {
                Role::RunningHeader
            } else {
                Role::RunningFooter
            };
            // A running line that carries a number ("L 277/3", "3/69") gives the page.
            if page_numbers[l.page].is_none() {
                if let Some(n) = trailing_number(text) {
                    page_numbers[l.page] = Some(n);
                }
            }
        }
    }

    // The other cells of a running line's row are part of it ("L 277/16 EN").
    let mut furniture_rows: HashMap<usize, Role> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        if matches!(roles[i], Role::RunningHeader | Role::RunningFooter) {
            furniture_rows.insert(l.row, roles[i]);
        }
    }
    for (i, l) in lines.iter().enumerate() {
        let h = pages[l.page].height.max(1.0);
        if roles[i] == Role::Body && (l.y < 0.12 * h || l.y > 0.9 * h) {
            if let Some(&r) = furniture_rows.get(&l.row) {
                roles[i] = r;
            }
        }
    }

    // The body column: where long lines start and end.
    let mut x0s: Vec<f32> = Vec::new();
    let mut x1s: Vec<f32> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if roles[i] == Role::Body && l.chars >= 40 {
            x0s.push(l.x0);
            x1s.push(l.x1);
        }
    }
    x0s.sort_by(f32::total_cmp);
    x1s.sort_by(f32::total_cmp);
    let left = x0s.get(x0s.len() / 2).copied().unwrap_or(0.0);
    let right = x1s
        .get((x1s.len() * 9 / 10).min(x1s.len().saturating_sub(1)))
        .copied()
        .unwrap_or(f32::MAX);
    // Side column: lines that start right of the body column's right edge, on pages
    // with room for one.
    for (i, l) in lines.iter().enumerate() {
        if roles[i] == Role::Body
            && main(l.page)
            && l.x0 > right + 2.0
            && pages[l.page].width - right > 60.0
        {
            roles[i] = Role::Side;
        }
    }

    // Footnote areas.
    let mut body_cells: HashMap<usize, usize> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        if roles[i] == Role::Body {
            *body_cells.entry(l.row).or_default() += 1;
        }
    }
    let mut prev_had_notes = false;
    let mut sup_labels = vec![false; n_pages];
    let mut by_page: Vec<Vec<usize>> = vec![Vec::new(); 4 * n_pages];
    for (i, l) in lines.iter().enumerate() {
        if roles[i] == Role::Body {
            by_page[4 * l.page + (l.col as usize).min(3)].push(i);
        }
    }
    for (pc, idx) in by_page.iter().enumerate() {
        let p = pc / 4;
        if idx.is_empty() {
            continue;
        }
        let h = pages[p].height.max(1.0);
        // The run of small lines at the bottom.
        let mut start = idx.len();
        // Lines in body size without a label (a note's continuation) are taken only
        // when a labelled note line comes above them.
        let mut pending = 0;
        let mut k = idx.len();
        while k > 0 {
            let l = &lines[idx[k - 1]];
            if l.y <= 0.35 * h {
                break;
            }
            // Smaller type, or (notes set in body size) a raised label at the start.
            let sup_label = l.sups.first().is_some_and(|s| s.0 == 0) && note_label(l).is_some();
            if l.size < 0.95 * body_size || sup_label {
                k -= 1;
                start = k;
                pending = 0;
            } else if pending < 3 && l.size < 1.15 * body_size && start == k + pending {
                pending += 1;
                k -= 1;
            } else {
                break;
            }
        }
        // The area starts at its first labelled line (or continues the previous page's).
        let mut first = None;
        for (k, &i) in idx.iter().enumerate().skip(start) {
            let t = lines[i].text.trim();
            let lone = !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit());
            if note_label(&lines[i]).is_some() || lone {
                first = Some(k);
                break;
            }
        }
        // A continuation of the previous page's note is a few lines, not a table
        // set in small type above this page's first note.
        let short_run = |k: usize| k - start <= 6;
        let begin = match first {
            Some(k)
                if k == start
                    || prev_had_notes && short_run(k)
                    || has_rule_above(&pages[p], &lines[idx[start]]) =>
            {
                Some(start)
            }
            Some(k) => Some(k),
            None if start < idx.len()
                && prev_had_notes
                && has_rule_above(&pages[p], &lines[idx[start]]) =>
            {
                Some(start)
            }
            None => None,
        };
        // An area that opens with a line in body size needs a raised label there
        // (notes set in body size); else it is the text's own numbered point.
        let begin = begin.filter(|&b| {
            let l = &lines[idx[b]];
            l.size < 0.95 * body_size || has_sup_label(l)
        });
        // A table row (several cells on one baseline) is not a note: the area starts
        // below the last one.
        let begin = begin.map(|b| {
            idx[b..]
                .iter()
                .rposition(|&i| body_cells.get(&lines[i].row).is_some_and(|&n| n > 1))
                .map_or(b, |k| b + k + 1)
        });
        // Notes on a page are numbered one after the other; numbers that jump about
        // are a table's.
        let sup_zone = begin.is_some_and(|b| idx[b..].iter().any(|&i| has_sup_label(&lines[i])));
        let consecutive = begin.is_some_and(|b| {
            let nums: Vec<u32> = idx[b..]
                .iter()
                .filter_map(|&i| note_label_in(&lines[i], sup_zone).map(|(_, _, n)| n))
                .collect();
            nums.windows(2).all(|w| w[1] > w[0])
        });
        if sup_zone && consecutive {
            sup_labels[p] = true;
        }
        // A body line must come before the area (a page of small print is not notes).
        let has_body_before = begin.is_some_and(|b| b > 0 && b < idx.len()) && consecutive;
        prev_had_notes = false;
        if let (Some(b), true) = (begin, has_body_before) {
            for &i in &idx[b..] {
                roles[i] = Role::Note;
            }
            prev_had_notes = true;
        }
    }

    Layout {
        roles,
        page_numbers,
        sup_labels,
        body_size,
        left,
        right,
    }
}

fn trailing_number(text: &str) -> Option<u32> {
    static TRAIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"/\s*(\d{1,4})\s*$").unwrap());
    TRAIL
        .captures(text)
        .and_then(|c| c.get(1))
        .and_then(|m| m.as_str().parse().ok())
}

/// A thin horizontal rule just above a line (a footnote separator).
fn has_rule_above(page: &PageGlyphs, line: &Line) -> bool {
    page.shapes.iter().any(|s| {
        s.y1 - s.y0 < 2.0
            && s.x1 - s.x0 > 20.0
            && s.y1 <= line.y - 0.5 * line.size
            && line.y - s.y1 < 4.0 * line.size
    })
}

/// A raised number at the start of a line ("¹ Text", "(¹) Text").
pub fn has_sup_label(l: &Line) -> bool {
    l.sups
        .first()
        .is_some_and(|s| s.0 == 0 || s.0 == 1 && l.text.starts_with('('))
        && note_label(l).is_some()
}

/// The label of a note line; on a page whose notes have raised labels, only those.
pub fn note_label_in(l: &Line, sup_only: bool) -> Option<(usize, usize, u32)> {
    if sup_only && !has_sup_label(l) {
        return None;
    }
    note_label(l)
}

/// The label of a footnote line: (label text byte range, number).
pub fn note_label(l: &Line) -> Option<(usize, usize, u32)> {
    static PAREN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\((\d{1,3})\)\s*\S").unwrap());
    static PLAIN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,3})\s+\S").unwrap());
    let t = &l.text;
    // A superscript number at the start.
    if let Some(&(s, e)) = l.sups.first() {
        if s == 0 {
            let lab = t[s..e].trim();
            let digits = lab.trim_start_matches('(').trim_end_matches(')');
            if let Ok(n) = digits.parse::<u32>() {
                return Some((s, e, n));
            }
        }
    }
    if let Some(c) = PAREN.captures(t) {
        let m = c.get(1)?;
        return Some((0, m.end() + 1, m.as_str().parse().ok()?));
    }
    // A label the producer set against its text ("16COM(2020) 301 final.").
    static GLUED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^([1-9]\d{0,2})\p{Lu}\p{Lu}").unwrap());
    if let Some(c) = PLAIN.captures(t).or_else(|| GLUED.captures(t)) {
        let m = c.get(1)?;
        // A number with a leading zero ("09 02 01", a budget line) is no note's.
        if m.as_str().starts_with('0') {
            return None;
        }
        return Some((0, m.end(), m.as_str().parse().ok()?));
    }
    None
}
