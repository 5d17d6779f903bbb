//! Drawn shapes of a page (table rules, cell and box rectangles, shading), read from
//! the page's content stream by a small scanner of its path operators. The glyph
//! interpreter reports only paths painted with `f`, `F` and `S`; the rules and cell
//! borders of most office PDFs are painted with `f*` (even-odd fill) or `B`, so they
//! are read here, once per page, with the current transformation matrix.
//!
//! The scanner never fails: text strings, inline images and anything it does not
//! know are skipped; the number of shapes is bounded.

use super::glyphs::Shape;

/// Shapes kept per page.
pub const MAX_DRAWN_PER_PAGE: usize = 20_000;
/// Depth of the graphics-state stack followed (`q` beyond it is ignored).
const MAX_STACK: usize = 256;

/// A painted sub-path's bounding box, top-down page coordinates.
#[derive(Clone, Copy, Debug)]
pub struct Drawn {
    pub shape: Shape,
    /// Painted by a fill (else a stroke only).
    pub filled: bool,
    /// The fill colour is white (a page or cell background, not shading).
    pub white: bool,
    /// The sub-path has curves (a circle, a rounded corner): no rule or cell.
    pub curved: bool,
}

type Matrix = [f64; 6];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

#[derive(Clone, Copy)]
struct State {
    ctm: Matrix,
    white: bool,
}

/// Scan one page's content; `height` is the media box's top and `origin_x` its left
/// edge (as for the glyphs).
pub fn scan(content: &[u8], height: f32, origin_x: f32) -> Vec<Drawn> {
    let mut out: Vec<Drawn> = Vec::new();
    let mut state = State {
        ctm: [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        white: false,
    };
    let mut stack: Vec<State> = Vec::new();
    let mut nums: Vec<f64> = Vec::with_capacity(8);
    // Sub-paths of the current path: (x0, y0, x1, y1) in user space after the CTM.
    let mut subpaths: Vec<([f64; 4], bool)> = Vec::new();
    let mut open: Option<[f64; 4]> = None;
    let mut open_curved = false;
    let mut in_text = false;
    let b = content;
    let n = b.len();
    let mut i = 0;
    let point = |ctm: &Matrix, x: f64, y: f64| -> (f64, f64) {
        (
            x * ctm[0] + y * ctm[2] + ctm[4],
            x * ctm[1] + y * ctm[3] + ctm[5],
        )
    };
    let grow = |r: &mut Option<[f64; 4]>, (x, y): (f64, f64)| match r {
        Some(r) => {
            r[0] = r[0].min(x);
            r[1] = r[1].min(y);
            r[2] = r[2].max(x);
            r[3] = r[3].max(y);
        }
        None => *r = Some([x, y, x, y]),
    };
    while i < n {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0' => i += 1,
            b'%' => {
                while i < n && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                // A string: balanced parentheses, backslash escapes.
                let mut depth = 0usize;
                while i < n {
                    match b[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                nums.clear();
            }
            b'<' | b'>' | b'[' | b']' | b'{' | b'}' => {
                if c == b'<' && b.get(i + 1) != Some(&b'<') {
                    // A hex string.
                    while i < n && b[i] != b'>' {
                        i += 1;
                    }
                }
                i += 1;
                if c != b']' && c != b'[' {
                    nums.clear();
                }
            }
            b'/' => {
                i += 1;
                while i < n && !is_delim(b[i]) {
                    i += 1;
                }
                nums.clear();
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                let s = i;
                i += 1;
                while i < n && matches!(b[i], b'0'..=b'9' | b'.' | b'-' | b'+') {
                    i += 1;
                }
                // The numbers of a text object (positions, kerning) are no path's.
                if in_text {
                    continue;
                }
                let v = number(&b[s..i]);
                if nums.len() >= 8 {
                    nums.remove(0);
                }
                nums.push(v);
            }
            _ => {
                let s = i;
                while i < n && !is_delim(b[i]) {
                    i += 1;
                }
                if i == s {
                    i += 1;
                    nums.clear();
                    continue;
                }
                let op = &b[s..i];
                let k = nums.len();
                let arg = |j: usize| nums[k - j];
                match op {
                    b"BT" => {
                        // Skip the text object: to the next "ET" token. One inside a
                        // string ends the skip early, which costs only time.
                        in_text = true;
                        let mut j = i;
                        while j + 1 < n {
                            if b[j] == b'E'
                                && b[j + 1] == b'T'
                                && is_delim(b[j - 1])
                                && b.get(j + 2).is_none_or(|&c| is_delim(c))
                            {
                                break;
                            }
                            j += 1;
                        }
                        i = j;
                    }
                    b"ET" => in_text = false,
                    b"q" if stack.len() < MAX_STACK => stack.push(state),
                    b"Q" => {
                        if let Some(s) = stack.pop() {
                            state = s;
                        }
                    }
                    b"cm" if k >= 6 => {
                        let m = [arg(6), arg(5), arg(4), arg(3), arg(2), arg(1)];
                        state.ctm = mul(&m, &state.ctm);
                    }
                    b"g" if k >= 1 => state.white = arg(1) >= 0.99,
                    b"rg" if k >= 3 => state.white = (1..=3).all(|j| arg(j) >= 0.99),
                    b"k" if k >= 4 => state.white = (1..=4).all(|j| arg(j) <= 0.01),
                    b"sc" | b"scn" if k >= 1 => {
                        state.white = match k.min(4) {
                            4 => (1..=4).all(|j| arg(j) <= 0.01),
                            kk => (1..=kk).all(|j| arg(j) >= 0.99),
                        }
                    }
                    b"re" if k >= 4 => {
                        if let Some(r) = open.take() {
                            subpaths.push((r, open_curved));
                        }
                        let (x, y, w, h) = (arg(4), arg(3), arg(2), arg(1));
                        let mut r = None;
                        for (px, py) in [(x, y), (x + w, y), (x, y + h), (x + w, y + h)] {
                            grow(&mut r, point(&state.ctm, px, py));
                        }
                        subpaths.extend(r.map(|r| (r, false)));
                    }
                    b"m" if k >= 2 => {
                        if let Some(r) = open.take() {
                            subpaths.push((r, open_curved));
                        }
                        open_curved = false;
                        grow(&mut open, point(&state.ctm, arg(2), arg(1)));
                    }
                    b"l" if k >= 2 => grow(&mut open, point(&state.ctm, arg(2), arg(1))),
                    b"c" if k >= 6 => {
                        open_curved = true;
                        grow(&mut open, point(&state.ctm, arg(2), arg(1)))
                    }
                    b"v" | b"y" if k >= 4 => {
                        open_curved = true;
                        grow(&mut open, point(&state.ctm, arg(2), arg(1)))
                    }
                    b"f" | b"F" | b"f*" | b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*" | b"n" => {
                        if let Some(r) = open.take() {
                            subpaths.push((r, open_curved));
                        }
                        open_curved = false;
                        if op != b"n" {
                            let filled = !matches!(op, b"S" | b"s");
                            for (r, curved) in subpaths.drain(..) {
                                if out.len() >= MAX_DRAWN_PER_PAGE {
                                    break;
                                }
                                let shape = Shape {
                                    x0: r[0] as f32 - origin_x,
                                    x1: r[2] as f32 - origin_x,
                                    y0: height - r[3] as f32,
                                    y1: height - r[1] as f32,
                                };
                                if [shape.x0, shape.x1, shape.y0, shape.y1]
                                    .iter()
                                    .all(|v| v.is_finite())
                                {
                                    out.push(Drawn {
                                        shape,
                                        filled,
                                        white: filled && state.white,
                                        curved,
                                    });
                                }
                            }
                        }
                        subpaths.clear();
                    }
                    b"BI" => {
                        // An inline image: skip to its "EI" (after whitespace).
                        while i + 2 < n
                            && !(b[i].is_ascii_whitespace()
                                && b[i + 1] == b'E'
                                && b[i + 2] == b'I'
                                && b.get(i + 3).is_none_or(|&c| is_delim(c)))
                        {
                            i += 1;
                        }
                        i = (i + 3).min(n);
                    }
                    _ => {}
                }
                nums.clear();
                if subpaths.len() > MAX_DRAWN_PER_PAGE {
                    subpaths.clear();
                }
            }
        }
    }
    out
}

/// A PDF number ("12", "-3.5", ".25"); what does not parse reads as 0.
fn number(t: &[u8]) -> f64 {
    let (neg, t) = match t.first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let mut v = 0.0f64;
    let mut scale = 0.0f64;
    for &c in t {
        match c {
            b'0'..=b'9' => {
                let d = f64::from(c - b'0');
                if scale == 0.0 {
                    v = v * 10.0 + d;
                } else {
                    v += d * scale;
                    scale /= 10.0;
                }
            }
            b'.' if scale == 0.0 => scale = 0.1,
            _ => break,
        }
    }
    if !v.is_finite() {
        return 0.0;
    }
    if neg {
        -v
    } else {
        v
    }
}

fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b' ' | b'\t'
            | b'\r'
            | b'\n'
            | b'\x0c'
            | b'\0'
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'/'
            | b'%'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_even_odd_filled_rules_and_stroked_lines() {
        let content = b"q 1 0 0 1 10 20 cm 0 0 100 0.5 re f* Q 0 0 1 rg 50 50 m 50 150 l S (a) Tj 1 g 0 0 10 10 re f";
        let d = scan(content, 800.0, 0.0);
        assert_eq!(d.len(), 3);
        assert!((d[0].shape.x0 - 10.0).abs() < 1e-3 && (d[0].shape.x1 - 110.0).abs() < 1e-3);
        assert!((d[0].shape.y1 - 780.0).abs() < 1e-3);
        assert!(d[0].filled && !d[0].white);
        assert!(!d[1].filled && (d[1].shape.y1 - d[1].shape.y0 - 100.0).abs() < 1e-3);
        assert!(d[2].white);
    }

    #[test]
    fn reads_pdf_numbers() {
        assert_eq!(number(b"12"), 12.0);
        assert_eq!(number(b"-3.5"), -3.5);
        assert!((number(b".25") - 0.25).abs() < 1e-12);
        assert_eq!(number(b"--"), 0.0);
    }

    #[test]
    fn never_fails_on_noise() {
        for bytes in [
            &b"re re f ( unclosed"[..],
            b"<<< 1 2 3 4 re f* BI xyz",
            b"-- . e9 cm",
        ] {
            let _ = scan(bytes, 100.0, 0.0);
        }
    }
}
