//! Phase 1: positioned glyphs. The PDF is parsed with `lopdf` and its content streams
//! are interpreted by `pdf-extract`, whose `OutputDev` hands over every character with
//! its text rendering matrix, advance width and font size. Each page is interpreted on
//! its own behind `catch_unwind`, so a page the interpreter cannot handle costs that
//! page only (with a parse note), never the process.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

use crate::document::load::LoadError;

/// Pages beyond this are not read (a parse note says so).
pub const MAX_PAGES: usize = 5000;
/// Glyphs kept per page; a page with more (a hostile or pathological stream) is cut.
pub const MAX_GLYPHS_PER_PAGE: usize = 60_000;
/// Drawn shapes kept per page.
const MAX_SHAPES_PER_PAGE: usize = 5_000;

/// One character on a page, in top-down page coordinates (points; y grows downward).
#[derive(Clone, Debug)]
pub struct Glyph {
    pub text: String,
    /// Left edge.
    pub x: f32,
    /// Advance width.
    pub w: f32,
    /// Baseline (rise included), measured from the top of the page.
    pub y: f32,
    /// Effective font size (font size times the vertical scale of the matrix).
    pub size: f32,
}

impl Glyph {
    pub fn is_space(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }
}

/// A filled or stroked rectangle-like shape (bounding box), top-down coordinates.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

#[derive(Clone, Debug, Default)]
pub struct PageGlyphs {
    /// 1-based page number in the file.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub shapes: Vec<Shape>,
    /// Every painted sub-path (rules, cell and box rectangles, shading), read by
    /// [`super::shapes`].
    pub drawn: Vec<super::shapes::Drawn>,
    /// The interpreter failed on this page (the glyphs up to the failure are kept).
    pub failed: bool,
    pub truncated: bool,
}

/// What was read from a file.
pub struct Extract {
    pub pages: Vec<PageGlyphs>,
    /// Problems met on the way (page failures, unreadable fonts), for parse notes.
    pub problems: Vec<String>,
}

struct Collector {
    page: PageGlyphs,
    height: f32,
    origin_x: f32,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = (media_box.ury - media_box.lly) as f32;
        self.origin_x = media_box.llx as f32;
        self.page.number = page_num;
        self.page.width = (media_box.urx - media_box.llx) as f32;
        self.page.height = self.height;
        // Media box origins other than zero shift y too.
        self.height = media_box.ury as f32;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        if self.page.glyphs.len() >= MAX_GLYPHS_PER_PAGE {
            self.page.truncated = true;
            return Ok(());
        }
        let vscale = (trm.m21 * trm.m21 + trm.m22 * trm.m22).sqrt();
        let hscale = (trm.m11 * trm.m11 + trm.m12 * trm.m12).sqrt();
        let size = (font_size * vscale) as f32;
        let w = (width * font_size * hscale) as f32;
        let x = trm.m31 as f32 - self.origin_x;
        let y = self.height - trm.m32 as f32;
        if !(x.is_finite() && y.is_finite() && size.is_finite() && w.is_finite()) {
            return Ok(());
        }
        // Rotated text (a margin note set vertically) is not body text.
        if trm.m12.abs() > 1e-3 * hscale.max(1e-9) || trm.m21.abs() > 1e-3 * vscale.max(1e-9) {
            return Ok(());
        }
        let text: String = char.chars().filter(|c| *c != '\0').collect();
        if text.is_empty() {
            return Ok(());
        }
        self.page.glyphs.push(Glyph {
            text,
            x,
            w: w.max(0.0),
            y,
            size: size.abs(),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _cs: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.shape(ctm, path);
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _cs: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.shape(ctm, path);
        Ok(())
    }
}

impl Collector {
    fn shape(&mut self, ctm: &Transform, path: &Path) {
        if self.page.shapes.len() >= MAX_SHAPES_PER_PAGE {
            return;
        }
        let mut pts: Vec<(f64, f64)> = Vec::new();
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) | PathOp::LineTo(x, y) => pts.push((x, y)),
                PathOp::CurveTo(_, _, _, _, x, y) => pts.push((x, y)),
                PathOp::Rect(x, y, w, h) => {
                    pts.push((x, y));
                    pts.push((x + w, y + h));
                }
                PathOp::Close => {}
            }
        }
        if pts.is_empty() {
            return;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (x, y) in pts {
            let px = x * ctm.m11 + y * ctm.m21 + ctm.m31;
            let py = x * ctm.m12 + y * ctm.m22 + ctm.m32;
            x0 = x0.min(px);
            x1 = x1.max(px);
            y0 = y0.min(py);
            y1 = y1.max(py);
        }
        let s = Shape {
            x0: x0 as f32 - self.origin_x,
            x1: x1 as f32 - self.origin_x,
            y0: self.height - y1 as f32,
            y1: self.height - y0 as f32,
        };
        if [s.x0, s.x1, s.y0, s.y1].iter().all(|v| v.is_finite()) {
            self.page.shapes.push(s);
        }
    }
}

/// Install, once, a panic hook that stays silent for panics inside the PDF interpreter
/// (they are caught and turned into notes) and defers to the previous hook otherwise.
fn quiet_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_PDF.with(|f| f.get()) {
                previous(info);
            }
        }));
    });
}

thread_local! {
    static IN_PDF: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

pub(crate) fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    quiet_panics();
    IN_PDF.with(|c| c.set(true));
    let r = catch_unwind(AssertUnwindSafe(f));
    IN_PDF.with(|c| c.set(false));
    r.ok()
}

/// Read the glyphs of every page.
pub fn extract(bytes: &[u8]) -> Result<Extract, LoadError> {
    let loaded = guarded(|| lopdf::Document::load_mem(bytes));
    let mut doc = match loaded {
        None => return Err(LoadError::new("damaged PDF: the parser could not read it")),
        Some(Err(e)) => {
            let msg = e.to_string();
            if msg.to_ascii_lowercase().contains("decrypt") || msg.contains("ncrypt") {
                return Err(LoadError::new(format!(
                    "encrypted PDF: cannot read it without its password ({msg})"
                )));
            }
            return Err(LoadError::new(format!("damaged or unsupported PDF: {msg}")));
        }
        Some(Ok(d)) => d,
    };
    if doc.is_encrypted() {
        // Many PDFs are encrypted only to set permissions, with an empty user password.
        match guarded(|| doc.decrypt("")) {
            Some(Ok(())) => {}
            _ => {
                return Err(LoadError::new(
                    "encrypted PDF: cannot read it without its password",
                ))
            }
        }
    }
    let page_ids = guarded(|| doc.get_pages()).unwrap_or_default();
    if page_ids.is_empty() {
        return Err(LoadError::new("damaged PDF: no pages found"));
    }
    let mut problems = Vec::new();
    if page_ids.len() > MAX_PAGES {
        problems.push(format!(
            "the PDF has {} pages; only the first {MAX_PAGES} were read",
            page_ids.len()
        ));
    }
    let mut pages = Vec::new();
    for (&number, &page_id) in page_ids.iter().take(MAX_PAGES) {
        let mut c = Collector {
            page: PageGlyphs::default(),
            height: 0.0,
            origin_x: 0.0,
        };
        let r = guarded(|| pdf_extract::output_doc_page(&doc, &mut c, number));
        let (height, origin_x) = (c.height, c.origin_x);
        let mut page = c.page;
        page.drawn = guarded(|| {
            doc.get_page_content(page_id)
                .map(|content| super::shapes::scan(&content, height, origin_x))
                .unwrap_or_default()
        })
        .unwrap_or_default();
        page.number = number;
        match r {
            Some(Ok(())) => {}
            Some(Err(e)) => {
                page.failed = true;
                problems.push(format!(
                    "page {number}: the content could not be read ({e})"
                ));
            }
            None => {
                page.failed = true;
                problems.push(format!(
                    "page {number}: the PDF interpreter failed on this page; its text may be incomplete"
                ));
            }
        }
        if page.truncated {
            problems.push(format!(
                "page {number}: more than {MAX_GLYPHS_PER_PAGE} characters; the rest was not read"
            ));
        }
        pages.push(page);
    }
    Ok(Extract { pages, problems })
}
