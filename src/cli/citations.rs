//! `policylint citations PATH…`: the acts and documents each file cites (the library
//! lists and renders them; this prints).

use std::io::Write;

use policylint::rules::citations::{self, CitedItem};

use super::{CommitmentsFormat, LanguageArg};

/// List the citations of every file found under `paths`.
pub fn run(
    paths: &[String],
    format: CommitmentsFormat,
    language: Option<LanguageArg>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let mut lists: Vec<(String, Vec<CitedItem>)> = Vec::new();
    let code = super::each_document(paths, language, err, |shown, doc, packs| {
        let items = citations::list(&doc, packs.get(doc.language));
        lists.push((shown, items));
    });
    super::write_listing(out, err, format, code, &lists, citations::render_many)
}
