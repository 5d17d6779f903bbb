//! The PDF front end: a PDF file's bytes to a [`Document`], using the page geometry.
//!
//! Phases, one file each: [`glyphs`] (positioned characters from the content streams),
//! [`lines`] (visual lines with superscripts and subscripts), [`layout`] (furniture,
//! side columns, footnote areas), [`blocks`] (paragraphs, headings, points, tables) and
//! [`build`] (the text rendering that spans point into, and the model).

pub mod blocks;
pub mod build;
pub mod glyphs;
pub mod layout;
pub mod lines;
pub mod shapes;
pub mod tables;

use super::load::LoadError;
use super::Document;
use crate::lang::Language;

/// Characters that carry no text: a font without a Unicode mapping yields these.
fn unmapped(c: char) -> bool {
    c == '\u{FFFD}' || (c.is_control() && c != '\t') || ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// Read a PDF into a document.
pub fn load(path: &str, bytes: &[u8], language: Option<Language>) -> Result<Document, LoadError> {
    // The layout phases are ours and are meant never to panic; should one still do so
    // on some odd file, the file gets a clear error instead of ending the run.
    glyphs::guarded(|| load_inner(path, bytes, language)).unwrap_or_else(|| {
        Err(LoadError::new(
            "the PDF's layout could not be analysed (internal error); please report this file",
        ))
    })
}

fn load_inner(path: &str, bytes: &[u8], language: Option<Language>) -> Result<Document, LoadError> {
    let extract = glyphs::extract(bytes)?;
    let mut problems = extract.problems;
    let pages = extract.pages;
    let (mut total, mut bad) = (0usize, 0usize);
    for p in &pages {
        for g in &p.glyphs {
            for c in g.text.chars().filter(|c| !c.is_whitespace()) {
                total += 1;
                bad += unmapped(c) as usize;
            }
        }
    }
    if total == 0 {
        return Err(LoadError::new(
            "the PDF has no text layer (a scan or images only); run OCR on it first",
        ));
    }
    if bad * 5 > total {
        problems.push(format!(
            "{bad} of {total} characters come from fonts without a Unicode mapping; that text cannot be read"
        ));
    }
    let mut lines = Vec::new();
    let mut row = 0;
    for (i, p) in pages.iter().enumerate() {
        lines.extend(lines::page_lines(i, p, &mut row));
    }
    let mut budget = tables::GRID_BUDGET;
    let grids: Vec<Vec<tables::Grid>> = pages
        .iter()
        .map(|p| tables::grids(p, &mut budget))
        .collect();
    if budget == 0 {
        problems.push(
            "too many drawn rules to search for ruled tables; tables were read from the text alone"
                .to_string(),
        );
    }
    let lines = layout::split_side_column(lines, &pages);
    let lines = tables::split_at_rules(lines, &grids);
    let mut layout = layout::classify(&lines, &pages);
    let found = tables::regions(&lines, &mut layout.roles, &grids);
    let mut drawn_boxes: Vec<Vec<glyphs::Shape>> = pages
        .iter()
        .zip(&grids)
        .map(|(p, g)| tables::boxes(p, g))
        .collect();
    for &(p, cell) in &found.layout_cells {
        drawn_boxes[p].push(cell);
    }

    let (regions, mut in_table) = (found.regions, found.in_table);
    let box_of = tables::box_of_lines(&lines, &layout.roles, &in_table, &drawn_boxes);
    tables::mark_side_by_side_boxes(&box_of, &drawn_boxes, &mut in_table);
    if std::env::var_os("POLICYLINT_PDF_DEBUG").is_some() {
        for (i, l) in lines.iter().enumerate() {
            if in_table[i] || box_of[i].is_some() {
                eprintln!(
                    "p{} y{:.1} table {} box {:?} {:?}",
                    l.page, l.y, in_table[i], box_of[i], l.text
                );
            }
        }
    }
    if std::env::var_os("POLICYLINT_PDF_DEBUG").is_some() {
        eprintln!(
            "body size {} left {} right {}",
            layout.body_size, layout.left, layout.right
        );
        for p in &pages {
            if std::env::var_os("POLICYLINT_PDF_SHAPES").is_some() {
                for d in &p.drawn {
                    let sh = d.shape;
                    eprintln!(
                        "p{} drawn {:.1},{:.1}-{:.1},{:.1} fill {} white {}",
                        p.number - 1,
                        sh.x0,
                        sh.y0,
                        sh.x1,
                        sh.y1,
                        d.filled,
                        d.white
                    );
                }
            }
            for sh in &p.shapes {
                if sh.y1 - sh.y0 < 2.0 {
                    eprintln!(
                        "p{} rule {:.1}-{:.1} y{:.1}",
                        p.number - 1,
                        sh.x0,
                        sh.x1,
                        sh.y0
                    );
                }
            }
        }
        for (i, l) in lines.iter().enumerate() {
            eprintln!(
                "p{} y{:.1} x{:.1}-{:.1} s{:.1} {:?} {:?} sups{:?} r{} c{}",
                l.page, l.y, l.x0, l.x1, l.size, layout.roles[i], l.text, l.sups, l.row, l.col
            );
        }
    }
    let blocks = blocks::blocks(&lines, &layout, &in_table, &box_of);
    let rendered = build::render(&lines, &layout, &blocks, pages.len());
    let parts = build::Parts {
        box_of: &box_of,
        regions: &regions,
    };
    Ok(build::build(
        path, &lines, &layout, &blocks, rendered, language, &problems, &parts,
    ))
}
