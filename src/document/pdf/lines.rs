//! Phase 2: from glyphs to visual lines. Glyphs that share a baseline form a row; a
//! row splits where the horizontal gap is wide (a side column, a table cell); smaller
//! glyphs raised above a line's baseline (superscripts) or lowered below it
//! (subscripts) join the line they belong to, marked as such.

use super::glyphs::{Glyph, PageGlyphs};

/// A run of text on one visual line of one page.
#[derive(Clone, Debug)]
pub struct Line {
    /// 0-based page index.
    pub page: usize,
    /// Column of a two-column page (0 left, 1 right); 0 elsewhere.
    pub col: u8,
    pub x0: f32,
    pub x1: f32,
    /// Baseline, top-down.
    pub y: f32,
    /// Size of the line's main (not raised or lowered) glyphs.
    pub size: f32,
    /// Index of the row (visual line across the page) this segment belongs to.
    pub row: usize,
    pub text: String,
    /// Byte ranges of `text` set as superscript.
    pub sups: Vec<(usize, usize)>,
    /// Byte ranges of `text` set as subscript.
    pub subs: Vec<(usize, usize)>,
    /// Gap (points) before the first glyph of the next word per char start: not kept;
    /// the x position of the start of every byte-run word, for hyphenation.
    pub chars: usize,
    /// (byte offset in `text`, x) of every glyph, for splitting at a column edge.
    pub xs: Vec<(usize, f32)>,
}

impl Line {
    pub fn is_sup_at(&self, at: usize) -> bool {
        self.sups.iter().any(|&(s, e)| s <= at && at < e)
    }

    /// Split at the first glyph that starts at or right of `x` after a gap; the right
    /// part is returned.
    pub fn split_at_x(&mut self, x: f32) -> Option<Line> {
        let k = self
            .xs
            .iter()
            .enumerate()
            .position(|(k, &(_, gx))| k > 0 && gx >= x && self.xs[k - 1].1 < x - 3.0)?;
        let at = self.xs[k].0;
        let mut right = self.clone();
        let cut = |v: &[(usize, usize)], left: bool| -> Vec<(usize, usize)> {
            v.iter()
                .filter_map(|&(s, e)| {
                    if left {
                        (s < at).then_some((s, e.min(at)))
                    } else {
                        (e > at).then(|| (s.max(at) - at, e - at))
                    }
                })
                .collect()
        };
        right.text = self.text[at..].to_string();
        right.sups = cut(&self.sups, false);
        right.subs = cut(&self.subs, false);
        right.xs = self.xs[k..].iter().map(|&(o, gx)| (o - at, gx)).collect();
        right.x0 = self.xs[k].1;
        right.chars = right.xs.len();
        self.sups = cut(&self.sups, true);
        self.subs = cut(&self.subs, true);
        self.text.truncate(at);
        let trimmed = self.text.trim_end().len();
        self.text.truncate(trimmed);
        self.x1 = self.xs[k - 1].1 + 0.5 * self.size;
        self.xs.truncate(k);
        self.chars = self.xs.len();
        Some(right)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Main,
    Sup,
    Sub,
}

struct Cluster {
    y: f32,
    size: f32,
    glyphs: Vec<(usize, Mark)>,
}

/// Lines of one page, top to bottom, left to right within a row.
pub fn page_lines(page_index: usize, page: &PageGlyphs, next_row: &mut usize) -> Vec<Line> {
    let glyphs: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| g.size > 0.5 && g.size < 200.0)
        .collect();
    // Explicit spaces: the glyph after a space starts a new word, if the space moved
    // the pen. A space glyph the next glyph overwrites (it starts before the space's
    // middle, on the same baseline) separates nothing: some producers write a word's
    // hidden hyphenation points (soft hyphens) that way, and the text is one word.
    let mut space_before = vec![false; glyphs.len()];
    let mut solid: Vec<usize> = Vec::with_capacity(glyphs.len());
    let mut pending_space: Option<&Glyph> = None;
    for (i, g) in glyphs.iter().enumerate() {
        if g.is_space() {
            pending_space = Some(g);
            continue;
        }
        space_before[i] = pending_space.is_some_and(|sp| !overwritten_space(sp, g));
        pending_space = None;
        solid.push(i);
    }
    // Runs: glyphs shown one after the other on one baseline, moving right. Within a
    // line, runs are ordered by where they start and glyphs keep their order within a
    // run, so a run whose advance widths are wrong (an odd font) does not get its
    // glyphs interleaved with the next run's.
    let mut run_of = vec![0usize; glyphs.len()];
    let mut run_x0: Vec<f32> = Vec::new();
    let mut run_text: Vec<String> = Vec::new();
    let mut prev: Option<usize> = None;
    for &i in &solid {
        let g = glyphs[i];
        let same = prev.is_some_and(|p| {
            let q = glyphs[p];
            (g.y - q.y).abs() <= 0.1 * q.size.max(1.0)
                && g.x >= q.x - 0.5 * q.size
                && g.x <= q.x + q.w + 3.0 * q.size
        });
        if !same {
            run_x0.push(g.x);
            run_text.push(String::new());
        }
        let r = run_x0.len() - 1;
        run_of[i] = r;
        run_text[r].push_str(&g.text);
        prev = Some(i);
    }
    // Cluster by baseline.
    let mut order = solid.clone();
    order.sort_by(|&a, &b| glyphs[a].y.total_cmp(&glyphs[b].y));
    let mut clusters: Vec<Cluster> = Vec::new();
    for i in order {
        let g = glyphs[i];
        let joined = clusters.last_mut().is_some_and(|c| {
            let tol = 0.2 * c.size.min(g.size).max(1.0);
            if (g.y - c.y).abs() <= tol {
                if g.size > c.size {
                    c.size = g.size;
                    c.y = g.y;
                }
                c.glyphs.push((i, Mark::Main));
                true
            } else {
                false
            }
        });
        if !joined {
            clusters.push(Cluster {
                y: g.y,
                size: g.size,
                glyphs: vec![(i, Mark::Main)],
            });
        }
    }
    // Raised small clusters join the line below them; lowered small ones the line above.
    let mut merged: Vec<Cluster> = Vec::new();
    let n = clusters.len();
    let mut absorbed = vec![false; n];
    for k in 0..n {
        if absorbed[k] {
            continue;
        }
        let c = &clusters[k];
        // Superscript: the next cluster is a larger line whose baseline is a little below.
        // Only the runs of small glyphs that touch a glyph of that line are raised; the
        // rest is a line of its own (a footnote in one column set a little above a
        // body line of the next column).
        if let Some(next) = clusters.get(k + 1) {
            let dy = next.y - c.y;
            // Smaller, judged run by run (a row holds the lines of every column at
            // that height); a little smaller and clearly raised also counts (a
            // reference set in 8 points over 9-point text).
            let smaller = |size: f32| {
                size < 0.85 * next.size || size < 0.95 * next.size && dy > 0.2 * next.size
            };
            if dy > 0.12 * next.size
                && dy < 0.75 * next.size
                && (overlaps_x(&glyphs, c, next) || precedes(&glyphs, c, next))
            {
                let (raised, rest) = split_attached(&glyphs, c, next, true, smaller);
                if !raised.is_empty() {
                    absorbed[k] = true;
                    if !rest.is_empty() {
                        merged.push(Cluster {
                            y: c.y,
                            size: c.size,
                            glyphs: rest,
                        });
                    }
                    let glyph_marks = raised.into_iter().map(|(i, _)| (i, Mark::Sup)).collect();
                    clusters_push_into(&mut merged, k + 1, &clusters, glyph_marks, &mut absorbed);
                    continue;
                }
            }
        }
        // Subscript: the previous line is larger and its baseline a little above.
        let lowered = merged.last().and_then(|prev| {
            let dy = c.y - prev.y;
            (dy > 0.08 * prev.size && dy < 0.45 * prev.size && overlaps_x(&glyphs, c, prev))
                .then(|| split_attached(&glyphs, c, prev, false, |s| s < 0.85 * prev.size))
                .filter(|(low, _)| !low.is_empty())
        });
        if let Some((low, rest)) = lowered {
            absorbed[k] = true;
            if let Some(prev) = merged.last_mut() {
                prev.glyphs.extend(low.iter().map(|&(i, _)| (i, Mark::Sub)));
            }
            if !rest.is_empty() {
                merged.push(Cluster {
                    y: c.y,
                    size: c.size,
                    glyphs: rest,
                });
            }
            continue;
        }
        merged.push(Cluster {
            y: c.y,
            size: c.size,
            glyphs: c.glyphs.clone(),
        });
    }
    // Any pending superscripts collected for a cluster that comes later were stored in
    // `merged` by `clusters_push_into` already.
    let gutters = gutters(page, &glyphs);
    let mut out = Vec::new();
    for c in merged {
        let mut gs = c.glyphs;
        gs.sort_by(|a, b| {
            let (ra, rb) = (run_of[a.0], run_of[b.0]);
            run_x0[ra]
                .total_cmp(&run_x0[rb])
                .then(ra.cmp(&rb))
                .then(a.0.cmp(&b.0))
        });
        // Drop runs drawn twice at the same place (fake bold, shadows).
        let mut runs_seen: Vec<usize> = Vec::new();
        gs.retain(|&(i, _)| {
            let r = run_of[i];
            if runs_seen.last() == Some(&r) {
                return true;
            }
            let dup = runs_seen.iter().any(|&o| {
                run_text[o] == run_text[r]
                    && (run_x0[o] - run_x0[r]).abs() < 0.15 * glyphs[i].size.max(1.0)
            });
            if dup {
                return false;
            }
            runs_seen.push(r);
            true
        });
        let row = *next_row;
        *next_row += 1;
        let main_size = c.size;
        let mut seg: Vec<(usize, Mark)> = Vec::new();
        let mut last_end = f32::MIN;
        for (i, m) in gs {
            let g = glyphs[i];
            // A wide gap splits the row (a side column, a table cell), unless the
            // PDF wrote a space there (a justified line with wide word spaces).
            let gap = g.x - last_end;
            let wide = 2.0 * main_size.max(4.0);
            let gutter_cross = gutters.iter().any(|&x| last_end < x && g.x >= x);
            if !seg.is_empty()
                && (gap > wide && !space_before[i] || gap > 3.0 * wide || gutter_cross)
            {
                out.push(make_line(
                    page_index,
                    row,
                    &glyphs,
                    &space_before,
                    &seg,
                    &c.y,
                    main_size,
                ));
                seg.clear();
            }
            last_end = last_end.max(g.x + g.w);
            if seg.is_empty() {
                last_end = g.x + g.w;
            }
            seg.push((i, m));
        }
        if !seg.is_empty() {
            out.push(make_line(
                page_index,
                row,
                &glyphs,
                &space_before,
                &seg,
                &c.y,
                main_size,
            ));
        }
    }
    merge_labels(&mut out);
    if gutters.is_empty() {
        for l in &mut out {
            l.row *= ROW_STRIDE;
        }
    } else {
        let w = page.width;
        let mid = gutters
            .iter()
            .copied()
            .find(|&g| w > 1.2 * page.height && (g - w / 2.0).abs() < 0.08 * w);
        order_columns(&mut out, &gutters, mid);
    }
    out
}

/// Rows are numbered `row * ROW_STRIDE (+ 1 + column)` on every page, so that the cells
/// of one row share a number and no two rows of the document do.
const ROW_STRIDE: usize = 64;

/// A space glyph whose advance the next glyph takes back: the next glyph, on the same
/// baseline, starts before the middle of the space.
fn overwritten_space(space: &Glyph, next: &Glyph) -> bool {
    (next.y - space.y).abs() <= 0.1 * space.size.max(1.0)
        && next.x >= space.x - 0.1 * space.size.max(1.0)
        && next.x < space.x + 0.5 * space.w.max(0.05 * space.size)
}

/// The gutters of a page set in columns: empty vertical bands, away from the margins,
/// with a good share of the body-size glyphs on either side.
fn gutters(page: &PageGlyphs, glyphs: &[&Glyph]) -> Vec<f32> {
    let w = page
        .glyphs
        .iter()
        .map(|g| g.x + g.w)
        .fold(page.width, f32::max);
    if !(w > 100.0 && w < 5000.0) || glyphs.len() < 200 {
        return Vec::new();
    }
    let mut sizes: Vec<f32> = glyphs.iter().map(|g| g.size).collect();
    sizes.sort_by(f32::total_cmp);
    let body = sizes[sizes.len() / 2];
    let n = w.ceil() as usize + 2;
    // Per point of width, the number of rows (baselines) with a glyph there: a row
    // that spans the gutter (a running footer, a wide heading) counts once.
    let mut cover = vec![0u32; n];
    let mut last_row = vec![i32::MIN; n];
    let mut centres = Vec::new();
    let mut by_y: Vec<&&Glyph> = glyphs
        .iter()
        .filter(|g| !(g.is_space() || g.size > 1.2 * body || g.x < 0.0))
        .collect();
    by_y.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut rows = 0u32;
    let mut prev_row = i32::MIN;
    for g in by_y {
        centres.push(g.x + g.w / 2.0);
        let row = (g.y / (0.5 * body.max(1.0))).round() as i32;
        if row != prev_row {
            rows += 1;
            prev_row = row;
        }
        let (a, b) = (g.x as usize, ((g.x + g.w).ceil() as usize).min(n - 1));
        for x in a.min(b)..=b {
            if last_row[x] != row {
                last_row[x] = row;
                cover[x] += 1;
            }
        }
    }
    let total = centres.len();
    if total < 200 {
        return Vec::new();
    }
    // A gutter may be crossed by a few rows (a footer, a caption, a wide heading):
    // those rows are read as spanning the columns.
    let find = |crossing: u32| -> (Vec<f32>, f32, f32) {
        let first = cover.iter().position(|&c| c > crossing).unwrap_or(0);
        let last = cover.iter().rposition(|&c| c > crossing).unwrap_or(n - 1);
        let mut out = Vec::new();
        let mut start = None;
        for (x, &c) in cover.iter().enumerate().take(last + 1).skip(first) {
            if c <= crossing {
                start.get_or_insert(x);
            } else if let Some(s) = start.take() {
                if x - s >= 8 {
                    let mid = (s + x) as f32 / 2.0;
                    let left = centres.iter().filter(|&&c| c < mid).count();
                    if left * 8 > total && (total - left) * 8 > total {
                        out.push(mid);
                    }
                }
            }
        }
        (out, first as f32, last as f32)
    };
    let (strict, _, _) = find(0);
    // A gutter may be crossed by a few rows (a running footer, a caption, a wide
    // heading), which are then read as spanning the columns; but only between columns
    // of prose (every column at least 12 ems wide), not between the cells of a table.
    let (loose, first, last) = find((rows / 12).max(1));
    let mut edges = vec![first];
    edges.extend(&loose);
    edges.push(last);
    let prose = edges.windows(2).all(|w| w[1] - w[0] >= 12.0 * body);
    if loose.len() > strict.len() && prose {
        loose
    } else {
        strict
    }
}

/// Reading order on a two-column page: lines that span the gutter divide the page into
/// bands; within a band, the left column, then the right.
fn order_columns(lines: &mut [Line], xs: &[f32], mid: Option<f32>) {
    // On a spread (two pages side by side, split by the gutter at the middle) each
    // page is read on its own: a line across the columns of the right page does not
    // cut the left page's columns into bands.
    let mut band = [0usize; 2];
    let mut keys: Vec<(usize, usize, usize, usize)> = Vec::with_capacity(lines.len());
    let stride = ROW_STRIDE;
    for (k, l) in lines.iter_mut().enumerate() {
        let half = mid.map_or(0, |m| usize::from(l.x0 >= m));
        if mid.is_some_and(|m| l.x0 < m && l.x1 > m) {
            band[0] += 1;
            band[1] += 1;
            keys.push((0, band[0], 0, k));
            l.row *= stride;
        } else if xs.iter().any(|&x| l.x0 < x && l.x1 > x) {
            band[half] += 1;
            keys.push((half, band[half], 0, k));
            l.row *= stride;
            // The column it starts in (the right page's first column on a spread).
            l.col = xs.iter().filter(|&&x| l.x0 >= x).count().min(255) as u8;
        } else {
            let col = xs
                .iter()
                .filter(|&&x| l.x0 >= x)
                .count()
                .min(ROW_STRIDE - 2);
            l.col = col.min(255) as u8;
            keys.push((half, band[half], 1 + col, k));
            l.row = l.row * stride + 1 + col;
        }
    }
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by_key(|&k| keys[k]);
    let sorted: Vec<Line> = order.iter().map(|&k| lines[k].clone()).collect();
    lines.clone_from_slice(&sorted);
}

fn clusters_push_into(
    merged: &mut Vec<Cluster>,
    target: usize,
    clusters: &[Cluster],
    marks: Vec<(usize, Mark)>,
    absorbed: &mut [bool],
) {
    // The target is pushed now, with the raised glyphs; it is then skipped.
    let t = &clusters[target];
    let mut glyphs = t.glyphs.clone();
    glyphs.extend(marks);
    absorbed[target] = true;
    merged.push(Cluster {
        y: t.y,
        size: t.size,
        glyphs,
    });
}

/// The longest run of raised digits attached to a line (five two-digit references
/// side by side, with commas).
const MAX_DIGIT_RUN: usize = 14;

/// Split a small cluster's glyphs into the runs that touch a glyph of `main` (a raised
/// or lowered run right after or before a word of that line, or, for a raised `label`,
/// a short run before the line's first glyph) and the rest.
#[allow(clippy::type_complexity)]
fn split_attached(
    glyphs: &[&Glyph],
    small: &Cluster,
    main: &Cluster,
    label: bool,
    smaller: impl Fn(f32) -> bool,
) -> (Vec<(usize, Mark)>, Vec<(usize, Mark)>) {
    let mut x0s: Vec<f32> = main.glyphs.iter().map(|&(i, _)| glyphs[i].x).collect();
    let mut x1s: Vec<f32> = main
        .glyphs
        .iter()
        .map(|&(i, _)| glyphs[i].x + glyphs[i].w)
        .collect();
    x0s.sort_by(f32::total_cmp);
    x1s.sort_by(f32::total_cmp);
    let any_in = |v: &[f32], lo: f32, hi: f32| {
        let k = v.partition_point(|&x| x < lo);
        v.get(k).is_some_and(|&x| x <= hi)
    };
    let first_x = x0s.first().copied().unwrap_or(f32::MAX);
    let size = main.size.max(1.0);
    let mut own: Vec<(usize, Mark)> = small.glyphs.clone();
    own.sort_by(|a, b| glyphs[a.0].x.total_cmp(&glyphs[b.0].x));
    let (mut attached, mut rest) = (Vec::new(), Vec::new());
    let mut k = 0;
    while k < own.len() {
        // A run: glyphs that follow one another without a word gap.
        let mut e = k + 1;
        let mut end = glyphs[own[k].0].x + glyphs[own[k].0].w;
        while e < own.len() && glyphs[own[e].0].x - end < 0.35 * small.size.max(1.0) {
            end = end.max(glyphs[own[e].0].x + glyphs[own[e].0].w);
            e += 1;
        }
        let start = glyphs[own[k].0].x;
        let count = e - k;
        let run_size = own[k..e]
            .iter()
            .map(|&(i, _)| glyphs[i].size)
            .fold(0.0, f32::max);
        let after_word = any_in(&x1s, start - 1.0 * size, start + 0.5 * size);
        let before_word = any_in(&x0s, end - 0.5 * size, end + 1.0 * size);
        let before_line = label && count <= 4 && end <= first_x + 1.0 && first_x - end < 4.0 * size;
        let inside = any_in(&x0s, start, end);
        // References set side by side make a longer run of digits ("1819202122").
        let digits = own[k..e].iter().all(|&(i, _)| {
            glyphs[i]
                .text
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',')
        });
        let short_run = count <= 8 || (digits && count <= MAX_DIGIT_RUN);
        if short_run && smaller(run_size) && (after_word || before_word || before_line || inside) {
            attached.extend_from_slice(&own[k..e]);
        } else {
            rest.extend_from_slice(&own[k..e]);
        }
        k = e;
    }
    (attached, rest)
}

/// A label set before a line's first glyph (a footnote number before a hanging indent).
fn precedes(glyphs: &[&Glyph], a: &Cluster, b: &Cluster) -> bool {
    let a1 = a
        .glyphs
        .iter()
        .map(|&(i, _)| glyphs[i].x + glyphs[i].w)
        .fold(f32::MIN, f32::max);
    let b0 = b
        .glyphs
        .iter()
        .map(|&(i, _)| glyphs[i].x)
        .fold(f32::MAX, f32::min);
    a.glyphs.len() <= 4 && a1 <= b0 + 1.0 && b0 - a1 < 4.0 * b.size
}

fn overlaps_x(glyphs: &[&Glyph], a: &Cluster, b: &Cluster) -> bool {
    let range = |c: &Cluster| {
        c.glyphs
            .iter()
            .fold((f32::MAX, f32::MIN), |(lo, hi), &(i, _)| {
                (lo.min(glyphs[i].x), hi.max(glyphs[i].x + glyphs[i].w))
            })
    };
    let (a0, a1) = range(a);
    let (b0, b1) = range(b);
    a0 <= b1 + 3.0 && b0 <= a1 + 3.0
}

fn make_line(
    page: usize,
    row: usize,
    glyphs: &[&Glyph],
    space_before: &[bool],
    seg: &[(usize, Mark)],
    y: &f32,
    size: f32,
) -> Line {
    // The segment's own size: a row gathers lines of every column that share a
    // baseline, and a footnote line in one column is not set in the body size of the
    // next one.
    let mut own: Vec<f32> = seg
        .iter()
        .filter(|&&(_, m)| m == Mark::Main)
        .map(|&(i, _)| glyphs[i].size)
        .collect();
    own.sort_by(f32::total_cmp);
    let size = match own.get(own.len() / 2) {
        Some(&s) if s < size => s.max(size * 0.5),
        _ => size,
    };
    let mut text = String::new();
    let mut sups: Vec<(usize, usize)> = Vec::new();
    let mut subs: Vec<(usize, usize)> = Vec::new();
    let mut last_end: Option<f32> = None;
    let mut last_mark = Mark::Main;
    let mut chars = 0;
    let mut xs = Vec::with_capacity(seg.len());
    for &(i, m) in seg {
        let g = glyphs[i];
        if let Some(end) = last_end {
            let gap = g.x - end;
            let threshold = if m != Mark::Main || last_mark != Mark::Main {
                0.25 * size
            } else {
                0.17 * size
            };
            let closing = g.text.starts_with([')', ']', ',', '.', ';', ':']) && gap < 0.6 * size;
            let opening = text.ends_with(['(', '[']) && gap < 0.6 * size;
            if (gap > threshold || (space_before[i] && gap > -0.05 * size))
                && !text.ends_with(' ')
                && !closing
                && !opening
            {
                // A gap of two ems or more, kept in one line because the PDF wrote a
                // space there, separates table cells ("No    No    Yes") or the
                // stretched words of a justified line: three spaces say so to the
                // rules, as in a `-layout` extract.
                let wide = m == Mark::Main && last_mark == Mark::Main && gap > 2.0 * size;
                text.push_str(if wide { "   " } else { " " });
            }
        }
        let start = text.len();
        xs.push((start, g.x));
        text.push_str(&g.text);
        chars += 1;
        let end = text.len();
        let list = match m {
            Mark::Sup => Some(&mut sups),
            Mark::Sub => Some(&mut subs),
            Mark::Main => None,
        };
        if let Some(list) = list {
            match list.last_mut() {
                Some(last) if last.1 == start => last.1 = end,
                _ => list.push((start, end)),
            }
        }
        last_end = Some(g.x + g.w);
        last_mark = m;
    }
    let x0 = seg
        .iter()
        .map(|&(i, _)| glyphs[i].x)
        .fold(f32::MAX, f32::min);
    let x1 = seg
        .iter()
        .map(|&(i, _)| glyphs[i].x + glyphs[i].w)
        .fold(f32::MIN, f32::max);
    Line {
        page,
        col: 0,
        x0,
        x1,
        y: *y,
        size,
        row,
        text,
        sups,
        subs,
        chars,
        xs,
    }
}

/// A short label ("1.1", "a)", "•", "Artikel 3") separated from its text by a tab stop
/// stays with the text.
fn merge_labels(lines: &mut Vec<Line>) {
    let mut i = 0;
    while i + 1 < lines.len() {
        let (a, b) = (&lines[i], &lines[i + 1]);
        let all_sup = a.sups.len() == 1 && a.sups[0] == (0, a.text.len());
        let number = a.text.len() <= 3 && a.text.chars().all(|c| c.is_ascii_digit());
        if a.row == b.row
            && (is_label(a.text.trim()) || all_sup || number)
            && b.x0 - a.x1 < 8.0 * a.size
            && b.x0 > a.x1
        {
            let b = lines.remove(i + 1);
            let a = &mut lines[i];
            let offset = a.text.len() + 1;
            a.text.push(' ');
            a.text.push_str(&b.text);
            a.sups
                .extend(b.sups.iter().map(|&(s, e)| (s + offset, e + offset)));
            a.subs
                .extend(b.subs.iter().map(|&(s, e)| (s + offset, e + offset)));
            a.x1 = b.x1;
            a.chars += b.chars;
            a.xs.extend(b.xs.iter().map(|&(o, x)| (o + offset, x)));
            a.size = a.size.max(b.size);
        } else {
            i += 1;
        }
    }
}

/// A list or heading label on its own.
pub fn is_label(s: &str) -> bool {
    if s.is_empty() || s.chars().count() > 8 {
        return false;
    }
    if s.chars().count() == 1 && is_bullet_char(s.chars().next().unwrap_or(' ')) {
        return true;
    }
    let core = s.trim_start_matches('(').trim_end_matches([')', '.', ':']);
    if core.is_empty() || core.len() == s.len() && !s.contains('.') {
        return false;
    }
    let numeric = core
        .split('.')
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    let letter = core.chars().count() == 1 && core.chars().all(|c| c.is_ascii_lowercase());
    let roman = !core.is_empty() && core.chars().all(|c| "ivxlIVXL".contains(c));
    numeric || letter || roman
}

pub fn is_bullet_char(c: char) -> bool {
    matches!(
        c,
        '•' | '●'
            | '▪'
            | '■'
            | '◦'
            | '○'
            | '–'
            | '-'
            | '—'
            | '\u{F0A7}'
            | '\u{F0B7}'
            | '\u{F076}'
            | '➢'
            | '►'
            | '→'
            | '✓'
    ) || ('\u{E000}'..='\u{F8FF}').contains(&c)
}
