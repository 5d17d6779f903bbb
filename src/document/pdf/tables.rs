//! Tables and boxes from the page geometry.
//!
//! A ruled table is a connected set of drawn rules (thin horizontal and vertical
//! strokes or fills, and the edges of cell rectangles) with at least two columns: the
//! horizontal rules cut it into rows, the vertical rules that cross a row into cells.
//! Text lines that run across a vertical rule are split there before the layout is
//! read ([`split_at_rules`]).
//!
//! An unruled table is a run of three or more rows, close together, each cut into two
//! or more cells by wide gaps (cells on one baseline, or a gap of two ems written as
//! three spaces), with at least one column edge that no row's text crosses; a list
//! label before a gap ("1.   Context", "–   item") is no cell.
//!
//! A box is a drawn rectangle (shaded or stroked) around body text that is not a
//! table: its text is kept apart from the text around it.

use super::glyphs::{PageGlyphs, Shape};
use super::layout::Role;
use super::lines::{is_label, Line};

/// Segments (rules and rectangle edges) read per page for grids; a page with more is
/// not searched for ruled tables.
const MAX_SEGMENTS: usize = 3000;
/// Merge distance for rules at the same position (points).
const SNAP: f32 = 2.0;
/// A cell of more lines than this holds running prose: its grid lays out the page.
const MAX_CELL_LINES: usize = 8;
/// A cell of more bytes than this holds running prose.
const MAX_CELL_TEXT: usize = 300;
/// Text in columns, not a table: most rows have only cells this long or longer.
const PROSE_CELL: usize = 20;
/// Rows an unruled table may have on one page (bounds the work on a hostile page).
const MAX_RUN_ROWS: usize = 200;

#[derive(Clone, Debug)]
pub struct Grid {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    /// Distinct horizontal rule positions, top to bottom.
    pub hs: Vec<f32>,
    /// Vertical rules: (x, y0, y1).
    pub vs: Vec<(f32, f32, f32)>,
}

impl Grid {
    fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x0 - 1.0 && x <= self.x1 + 1.0 && y >= self.y0 - 1.0 && y <= self.y1 + 1.0
    }
}

/// A table found on a page: rows of cells, each cell pieces of lines
/// (line index, byte start, byte end in the line's text).
#[derive(Clone, Debug)]
pub struct Region {
    pub page: usize,
    pub rows: Vec<Vec<Vec<(usize, usize, usize)>>>,
}

/// A cell piece of a row: line index, byte start and end in the line, x extent.
type Piece = (usize, usize, usize, f32, f32);

#[derive(Clone, Copy, Debug)]
enum Seg {
    H { x0: f32, x1: f32, y: f32 },
    V { x: f32, y0: f32, y1: f32 },
}

fn segments(page: &PageGlyphs) -> Vec<Seg> {
    let mut out = Vec::new();
    for d in &page.drawn {
        if d.white || d.curved {
            continue;
        }
        let Shape { x0, y0, x1, y1 } = d.shape;
        let (w, h) = (x1 - x0, y1 - y0);
        if w > page.width * 0.98 && h > page.height * 0.9 {
            continue;
        }
        if h <= 3.0 && w >= 4.0 {
            out.push(Seg::H {
                x0,
                x1,
                y: (y0 + y1) / 2.0,
            });
        } else if w <= 3.0 && h >= 4.0 {
            out.push(Seg::V {
                x: (x0 + x1) / 2.0,
                y0,
                y1,
            });
        } else if w > 3.0 && h > 3.0 {
            out.push(Seg::H { x0, x1, y: y0 });
            out.push(Seg::H { x0, x1, y: y1 });
            out.push(Seg::V { x: x0, y0, y1 });
            out.push(Seg::V { x: x1, y0, y1 });
        }
        if out.len() > MAX_SEGMENTS {
            return Vec::new();
        }
    }
    out
}

fn bbox(s: &Seg) -> (f32, f32, f32, f32) {
    match *s {
        Seg::H { x0, x1, y } => (x0, y, x1, y),
        Seg::V { x, y0, y1 } => (x, y0, x, y1),
    }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn snap(mut v: Vec<f32>) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    for x in v {
        if out.last().is_none_or(|&l| x - l > SNAP) {
            out.push(x);
        }
    }
    out
}

/// Comparisons of rule segments allowed per document: a hostile file (thousands of
/// overlapping rules on every page) stops the search for ruled tables, not the run.
pub const GRID_BUDGET: usize = 30_000_000;

/// The ruled grids of a page (two columns or more). `budget` counts down the
/// comparisons left for the document; at zero no more grids are searched.
pub fn grids(page: &PageGlyphs, budget: &mut usize) -> Vec<Grid> {
    let segs = segments(page);
    if segs.len() < 6 || *budget == 0 {
        return Vec::new();
    }
    let n = segs.len();
    let boxes: Vec<(f32, f32, f32, f32)> = segs.iter().map(bbox).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| boxes[a].0.total_cmp(&boxes[b].0));
    let mut parent: Vec<usize> = (0..n).collect();
    // Sweep by left edge: segments whose boxes (widened by SNAP) meet are connected.
    let mut active: Vec<usize> = Vec::new();
    for &i in &order {
        let b = boxes[i];
        active.retain(|&j| boxes[j].2 + SNAP >= b.0);
        if *budget < active.len() {
            *budget = 0;
            return Vec::new();
        }
        *budget -= active.len();
        for &j in &active {
            let c = boxes[j];
            if c.1 - SNAP <= b.3 && b.1 - SNAP <= c.3 {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                if ri != rj {
                    parent[ri] = rj;
                }
            }
        }
        active.push(i);
    }
    let mut groups: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    for i in 0..n {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out = Vec::new();
    for (_, members) in groups {
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        let mut hs = Vec::new();
        let mut vs = Vec::new();
        for &i in &members {
            let b = boxes[i];
            x0 = x0.min(b.0);
            y0 = y0.min(b.1);
            x1 = x1.max(b.2);
            y1 = y1.max(b.3);
            match segs[i] {
                Seg::H { y, .. } => hs.push(y),
                Seg::V { x, y0, y1 } => vs.push((x, y0, y1)),
            }
        }
        // A table's outer rules (or most of its row rules) run across its whole
        // width; boxes of a diagram joined by connectors have none.
        let mut rows_h: Vec<(f32, f32, f32)> = members
            .iter()
            .filter_map(|&i| match segs[i] {
                Seg::H { x0, x1, y } => Some((y, x0, x1)),
                Seg::V { .. } => None,
            })
            .collect();
        rows_h.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut full = 0;
        let mut k = 0;
        while k < rows_h.len() {
            let y = rows_h[k].0;
            let (mut covered, mut reach) = (0.0f32, f32::MIN);
            while k < rows_h.len() && rows_h[k].0 - y <= SNAP {
                let (_, a, b) = rows_h[k];
                let a = a.max(reach);
                if b > a {
                    covered += b - a;
                }
                reach = reach.max(b);
                k += 1;
            }
            if covered >= 0.9 * (x1 - x0) {
                full += 1;
            }
        }
        let hs = snap(hs);
        let columns = snap(vs.iter().map(|v| v.0).collect());
        if full >= 2 && hs.len() >= 2 && columns.len() >= 3 && x1 - x0 >= 60.0 && y1 - y0 >= 10.0 {
            out.push(Grid {
                x0,
                y0,
                x1,
                y1,
                hs,
                vs,
            });
        }
    }
    out.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    out
}

/// Where the text of a line sits for cell membership: its middle, half an x-height
/// above the baseline.
fn centre(l: &Line) -> (f32, f32) {
    ((l.x0 + l.x1) / 2.0, l.y - 0.3 * l.size)
}

/// Split lines that run across a vertical rule of a grid (cells written with a gap
/// too small to split the line).
pub fn split_at_rules(lines: Vec<Line>, grids: &[Vec<Grid>]) -> Vec<Line> {
    if grids.iter().all(Vec::is_empty) {
        return lines;
    }
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        let Some(gs) = grids.get(l.page).filter(|g| !g.is_empty()) else {
            out.push(l);
            continue;
        };
        let y = l.y - 0.3 * l.size;
        let mut cuts: Vec<f32> = gs
            .iter()
            .filter(|g| g.contains(l.x0, y) || g.contains(l.x1, y))
            .flat_map(|g| g.vs.iter())
            .filter(|&&(x, y0, y1)| y >= y0 - 1.0 && y <= y1 + 1.0 && x > l.x0 + 2.0 && x < l.x1)
            .map(|v| v.0)
            .collect();
        cuts = snap(cuts);
        let mut cur = l;
        for x in cuts {
            match cur.split_at_x(x) {
                Some(right) => {
                    out.push(cur);
                    cur = right;
                }
                None => continue,
            }
        }
        out.push(cur);
    }
    out
}

/// Cell pieces of a line: byte ranges split at gaps written as three spaces, with
/// the x extent of each; a list label before the first gap stays with its text.
fn pieces(l: &Line) -> Vec<(usize, usize, f32, f32)> {
    let t = &l.text;
    let mut out: Vec<(usize, usize, f32, f32)> = Vec::new();
    let x_at = |b: usize| {
        let k = l.xs.partition_point(|&(o, _)| o < b);
        l.xs.get(k).map_or(l.x1, |p| p.1)
    };
    let x_end = |e: usize| {
        // The start of the last glyph before `e`, plus about half an em.
        let k = l.xs.partition_point(|&(o, _)| o < e);
        if k == 0 {
            l.x0
        } else {
            (l.xs[k - 1].1 + 0.5 * l.size).min(l.x1)
        }
    };
    let mut start = 0;
    let mut search = 0;
    while let Some(k) = t[search..].find("   ") {
        let at = search + k;
        let next = at + t[at..].len() - t[at..].trim_start().len();
        search = next.max(at + 1);
        if next >= t.len() {
            break;
        }
        let piece = t[start..at].trim();
        if out.is_empty() && (is_label(piece) || piece.is_empty()) {
            continue;
        }
        out.push((start, at, x_at(start), x_end(at)));
        start = next;
    }
    out.push((start, t.len(), x_at(start), l.x1));
    if let Some(first) = out.first_mut() {
        first.2 = l.x0;
    }
    out
}

/// Find the tables of the document: the lines in ruled grids, and runs of aligned
/// rows of cells. Lines in a grid that the layout read as notes are cells.
pub fn regions(lines: &[Line], roles: &mut [Role], grids: &[Vec<Grid>]) -> Tables {
    let mut in_table = vec![false; lines.len()];
    let mut layout_cells: Vec<(usize, Shape)> = Vec::new();
    let mut out = Vec::new();
    // Ruled.
    let mut by_page: Vec<Vec<usize>> = vec![Vec::new(); grids.len()];
    for (i, l) in lines.iter().enumerate() {
        if let Some(v) = by_page.get_mut(l.page) {
            v.push(i);
        }
    }
    for (p, gs) in grids.iter().enumerate() {
        for g in gs {
            let inside: Vec<usize> = by_page[p]
                .iter()
                .copied()
                .filter(|&i| {
                    let (x, y) = centre(&lines[i]);
                    !in_table[i] && matches!(roles[i], Role::Body | Role::Note) && g.contains(x, y)
                })
                .collect();
            if inside.is_empty() {
                continue;
            }
            let mut rows: Vec<Vec<Vec<(usize, usize, usize)>>> = Vec::new();
            let mut cells: Vec<Shape> = Vec::new();
            let mut columns_used = 0;
            // Each line to its band (between two horizontal rules), then to its cell
            // (between two vertical rules that cross the band): linear in the lines.
            let mut in_band: Vec<Vec<usize>> = vec![Vec::new(); g.hs.len()];
            for &i in &inside {
                let (_, y) = centre(&lines[i]);
                let k = g.hs.partition_point(|&h| h <= y);
                if k > 0 && k < g.hs.len() && g.hs[k] - g.hs[k - 1] >= 4.0 {
                    in_band[k - 1].push(i);
                }
            }
            for (k, members) in in_band.iter().enumerate() {
                if members.is_empty() {
                    continue;
                }
                let (top, bottom) = (g.hs[k], g.hs[k + 1]);
                let mid = (top + bottom) / 2.0;
                let mut xs: Vec<f32> =
                    g.vs.iter()
                        .filter(|&&(_, y0, y1)| y0 <= mid && y1 >= mid)
                        .map(|v| v.0)
                        .collect();
                xs.push(g.x0);
                xs.push(g.x1);
                let xs = snap(xs);
                let mut in_cell: Vec<Vec<usize>> = vec![Vec::new(); xs.len()];
                for &i in members {
                    let (x, _) = centre(&lines[i]);
                    let c = xs.partition_point(|&v| v <= x);
                    if c > 0 && c < xs.len() {
                        in_cell[c - 1].push(i);
                    }
                }
                let mut row = Vec::new();
                for (c, mut members) in in_cell.into_iter().enumerate() {
                    if c + 1 >= xs.len() {
                        break;
                    }
                    cells.push(Shape {
                        x0: xs[c],
                        x1: xs[c + 1],
                        y0: top,
                        y1: bottom,
                    });
                    // Lines side by side in one ruled cell (a row shaded across
                    // its columns, with no rule between them) are cells of their own:
                    // members are grouped by overlapping x extent.
                    members.sort_by(|&a, &b| lines[a].x0.total_cmp(&lines[b].x0));
                    let mut groups: Vec<(f32, Vec<usize>)> = Vec::new();
                    for &i in &members {
                        match groups.last_mut() {
                            Some((x1, g)) if lines[i].x0 < *x1 => {
                                *x1 = x1.max(lines[i].x1);
                                g.push(i);
                            }
                            _ => groups.push((lines[i].x1, vec![i])),
                        }
                    }
                    for (_, mut g) in groups {
                        g.sort_by(|&a, &b| lines[a].y.total_cmp(&lines[b].y));
                        row.push(g.iter().map(|&i| (i, 0, lines[i].text.len())).collect());
                    }
                }
                columns_used = columns_used.max(row.len());
                if !row.is_empty() {
                    rows.push(row);
                }
            }
            // A grid whose text fills one column only is a frame, not a table; one
            // with a cell of running prose (many lines) lays out a page: its cells
            // are boxes.
            // (Wide cells only: a narrow column's many short lines are a cell's.)
            let wide = |c: &Vec<(usize, usize, usize)>| {
                let x0 = c
                    .iter()
                    .map(|&(i, _, _)| lines[i].x0)
                    .fold(f32::MAX, f32::min);
                let x1 = c
                    .iter()
                    .map(|&(i, _, _)| lines[i].x1)
                    .fold(f32::MIN, f32::max);
                x1 - x0 >= 0.45 * (g.x1 - g.x0)
            };
            let prose_cell = rows.iter().flatten().any(|c| {
                wide(c) && c.len() > MAX_CELL_LINES
                    || c.iter()
                        .map(|&(i, _, _)| lines[i].text.len())
                        .sum::<usize>()
                        > MAX_CELL_TEXT
                        && wide(c)
            });
            // A label beside a passage of text, one or two rows ("Challenge" beside
            // its bullets), frames that passage; it is not a table of values.
            let labelled_passage = columns_used == 2
                && rows.len() <= 2
                && rows.iter().flatten().any(|c| {
                    c.iter()
                        .map(|&(i, _, _)| lines[i].text.split_whitespace().count())
                        .sum::<usize>()
                        >= 8
                });
            let prose_cell = prose_cell || labelled_passage;
            if columns_used < 2 || prose_cell {
                if prose_cell {
                    layout_cells.extend(cells.into_iter().map(|c| (p, c)));
                }
                continue;
            }
            for &i in &inside {
                in_table[i] = true;
                if roles[i] == Role::Note {
                    roles[i] = Role::Body;
                }
            }
            out.push(Region { page: p, rows });
        }
    }
    // Unruled: visual rows of body lines, per page and column.
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if roles[i] != Role::Body || in_table[i] {
            continue;
        }
        match rows.last_mut() {
            Some(r) if lines[r[0]].row == l.row && lines[r[0]].page == l.page => r.push(i),
            _ => rows.push(vec![i]),
        }
    }
    let cells_of = |r: &[usize]| -> Vec<Piece> {
        r.iter()
            .flat_map(|&i| {
                pieces(&lines[i])
                    .into_iter()
                    .map(move |(s, e, x0, x1)| (i, s, e, x0, x1))
            })
            .collect()
    };
    let mut k = 0;
    while k < rows.len() {
        let first = cells_of(&rows[k]);
        if first.len() < 2 {
            k += 1;
            continue;
        }
        // Extend the run: rows close below, multi-cell ones, with at most two
        // single-cell rows (wrapped cell text) between them.
        let mut run = vec![(k, first)];
        let mut singles = 0;
        let mut j = k + 1;
        while j < rows.len() && run.len() < MAX_RUN_ROWS {
            let prev = &lines[rows[run.last().map_or(k, |r| r.0)][0]];
            let l = &lines[rows[j][0]];
            let close = l.page == prev.page
                && l.col == prev.col
                && l.y > prev.y
                && l.y - prev.y < 3.0 * prev.size.max(l.size);
            if !close {
                break;
            }
            let cells = cells_of(&rows[j]);
            if cells.len() >= 2 {
                singles = 0;
            } else {
                singles += 1;
                if singles > 2 {
                    break;
                }
            }
            run.push((j, cells));
            j += 1;
        }
        // Drop trailing single-cell rows.
        while run.last().is_some_and(|r| r.1.len() < 2) {
            run.pop();
        }
        let multi: Vec<&Vec<Piece>> = run.iter().map(|r| &r.1).filter(|c| c.len() >= 2).collect();
        let seps = separators(&multi);
        let clear = |cells: &[Piece]| {
            seps.iter()
                .all(|&x| cells.iter().all(|c| !(c.3 < x && c.4 > x)))
        };
        // Two columns of running text beside each other are no table: in most
        // rows every cell is long.
        let prose_rows = multi
            .iter()
            .filter(|r| {
                r.iter()
                    .all(|c| lines[c.0].text[c.1..c.2].trim().chars().count() >= PROSE_CELL)
            })
            .count();
        let ok = multi.len() >= 3
            && !seps.is_empty()
            && prose_rows * 5 < multi.len() * 3
            && run.iter().all(|r| clear(&r.1));
        if !ok {
            k += 1;
            continue;
        }
        let page = lines[rows[k][0]].page;
        let mut table: Vec<Vec<Vec<(usize, usize, usize)>>> = Vec::new();
        let column = |x: f32| seps.iter().filter(|&&s| x > s).count();
        for (_, cells) in &run {
            if cells.len() >= 2 || table.is_empty() {
                let mut row: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); seps.len() + 1];
                for c in cells {
                    row[column((c.3 + c.4) / 2.0)].push((c.0, c.1, c.2));
                }
                table.push(row);
            } else if let Some(row) = table.last_mut() {
                for c in cells {
                    row[column((c.3 + c.4) / 2.0)].push((c.0, c.1, c.2));
                }
            }
        }
        for row in &mut table {
            row.retain(|c| !c.is_empty());
        }
        for (r, _) in &run {
            for &i in &rows[*r] {
                in_table[i] = true;
            }
        }
        out.push(Region { page, rows: table });
        k = j.max(k + 1);
    }
    out.sort_by_key(|r| (r.rows[0][0][0].0, r.page));
    Tables {
        regions: out,
        in_table,
        layout_cells,
    }
}

/// What [`regions`] finds.
pub struct Tables {
    pub regions: Vec<Region>,
    /// Per line: a cell of a table.
    pub in_table: Vec<bool>,
    /// The cells of grids that lay out a page (a cell holds running prose): boxes.
    pub layout_cells: Vec<(usize, Shape)>,
}

/// Column edges of a run of rows: positions in the gap between two cells of most
/// rows that no row's text crosses.
fn separators(rows: &[&Vec<Piece>]) -> Vec<f32> {
    let mut candidates: Vec<f32> = Vec::new();
    for r in rows {
        for w in r.windows(2) {
            if w[1].3 > w[0].4 {
                candidates.push((w[0].4 + w[1].3) / 2.0);
            }
        }
    }
    let candidates = snap(candidates);
    let mut out: Vec<f32> = Vec::new();
    for x in candidates {
        let crossed = rows.iter().any(|r| r.iter().any(|c| c.3 < x && c.4 > x));
        let between = rows
            .iter()
            .filter(|r| r.iter().any(|c| c.4 <= x) && r.iter().any(|c| c.3 >= x))
            .count();
        if !crossed && between * 3 >= rows.len() * 2 {
            // One edge per gap: the gaps of different rows overlap.
            let gap_free = out
                .last()
                .is_some_and(|&l| rows.iter().all(|r| !r.iter().any(|c| c.3 >= l && c.4 <= x)));
            if !gap_free {
                out.push(x);
            }
        }
    }
    out
}

/// The drawn rectangles of a page that frame text as a box: shaded (filled, not
/// white) or stroked rectangles at least 50 points wide and two lines high, that are
/// not the page itself and not inside a ruled grid.
pub fn boxes(page: &PageGlyphs, grids: &[Grid]) -> Vec<Shape> {
    let mut out: Vec<Shape> = Vec::new();
    for d in &page.drawn {
        let s = d.shape;
        let (w, h) = (s.x1 - s.x0, s.y1 - s.y0);
        if d.white || w < 50.0 || h < 20.0 || w > 0.95 * page.width && h > 0.9 * page.height {
            continue;
        }
        let in_grid = grids.iter().any(|g| {
            s.x0 >= g.x0 - 2.0 && s.x1 <= g.x1 + 2.0 && s.y0 >= g.y0 - 2.0 && s.y1 <= g.y1 + 2.0
        });
        let dup = out.iter().any(|o| {
            (o.x0 - s.x0).abs() < 2.0
                && (o.x1 - s.x1).abs() < 2.0
                && (o.y0 - s.y0).abs() < 2.0
                && (o.y1 - s.y1).abs() < 2.0
        });
        if !in_grid && !dup {
            out.push(s);
        }
        if out.len() >= 200 {
            break;
        }
    }
    out
}

/// Per line, the index of the innermost box (drawn rectangle) around it, if any; the
/// cells of a table are in none (their rectangles are the table's).
pub fn box_of_lines(
    lines: &[Line],
    roles: &[Role],
    in_table: &[bool],
    boxes: &[Vec<Shape>],
) -> Vec<Option<usize>> {
    let mut ids: Vec<Option<usize>> = vec![None; lines.len()];
    let mut base = vec![0usize; boxes.len() + 1];
    for (p, b) in boxes.iter().enumerate() {
        base[p + 1] = base[p] + b.len();
    }
    for (i, l) in lines.iter().enumerate() {
        if roles[i] != Role::Body || in_table.get(i).copied().unwrap_or(false) {
            continue;
        }
        let Some(bs) = boxes.get(l.page) else {
            continue;
        };
        let (x, y) = centre(l);
        let inner = bs
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                l.x0 >= s.x0 - 2.0 && l.x1 <= s.x1 + 2.0 && y >= s.y0 && y <= s.y1 && x > s.x0
            })
            .min_by(|a, b| {
                let area = |s: &Shape| (s.x1 - s.x0) * (s.y1 - s.y0);
                area(a.1).total_cmp(&area(b.1))
            });
        ids[i] = inner.map(|(k, _)| base[l.page] + k);
    }
    ids
}

/// Boxes side by side and apart (the boxes of a diagram, whose lines are read row by
/// row across them) hold no prose that can be read in order: their lines are marked
/// like table cells (rendered, not prose). Cells of a grid that lays out a page touch
/// one another and are not marked.
pub fn mark_side_by_side_boxes(
    box_of: &[Option<usize>],
    boxes: &[Vec<Shape>],
    in_table: &mut [bool],
) {
    let flat: Vec<Shape> = boxes.iter().flatten().copied().collect();
    let mut used: Vec<usize> = box_of.iter().flatten().copied().collect();
    used.sort_unstable();
    used.dedup();
    // Boxes with text, per page (ids are page-ordered).
    let mut ends: Vec<usize> = Vec::with_capacity(boxes.len());
    for b in boxes {
        ends.push(ends.last().copied().unwrap_or(0) + b.len());
    }
    let page_of = |id: usize| ends.partition_point(|&e| e <= id);
    let mut diagram: std::collections::HashSet<usize> = Default::default();
    let mut k = 0;
    while k < used.len() {
        let p = page_of(used[k]);
        let end = k + used[k..].iter().take_while(|&&id| page_of(id) == p).count();
        let on_page = &used[k..end];
        if on_page.len() <= 50 {
            for (a, &ia) in on_page.iter().enumerate() {
                for &ib in &on_page[a + 1..] {
                    let (x, y) = (flat[ia], flat[ib]);
                    let overlap = x.y1.min(y.y1) - x.y0.max(y.y0);
                    let shorter = (x.y1 - x.y0).min(y.y1 - y.y0);
                    let gap = (y.x0 - x.x1).max(x.x0 - y.x1);
                    if overlap > 0.5 * shorter && gap > 5.0 {
                        diagram.insert(ia);
                        diagram.insert(ib);
                    }
                }
            }
        }
        k = end;
    }
    if diagram.is_empty() {
        return;
    }
    for (i, flag) in in_table.iter_mut().enumerate() {
        if box_of
            .get(i)
            .copied()
            .flatten()
            .is_some_and(|b| diagram.contains(&b))
        {
            *flag = true;
        }
    }
}
