//! `policylint citations PATH…`: the acts and documents each file cites (the library
//! lists and renders them; this prints).

use std::io::Write;

use policylint::rules::citations::{self, CitedItem};

use super::{CommitmentsFormat, LanguageArg, EXIT_ERROR};

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
    let borrowed: Vec<(&str, &[CitedItem])> = lists
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_slice()))
        .collect();
    let name = match format {
        CommitmentsFormat::Markdown => "markdown",
        CommitmentsFormat::Csv => "csv",
        CommitmentsFormat::Json => "json",
    };
    if let Err(e) = out.write_all(citations::render_many(name, &borrowed).as_bytes()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            let _ = writeln!(err, "error: {e}");
            return EXIT_ERROR;
        }
    }
    code
}
