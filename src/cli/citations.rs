//! `policylint citations PATH…`: the acts and documents each file cites (the library
//! lists and renders them; this prints).

use std::io::{Read, Write};

use policylint::config::LanguageSetting;
use policylint::document;
use policylint::files::{self, Filter, Input};
use policylint::rules::citations::{self, CitedItem};

use super::{CommitmentsFormat, LanguageArg, EXIT_CLEAN, EXIT_ERROR};

/// List the citations of every file found under `paths`.
pub fn run(
    paths: &[String],
    format: CommitmentsFormat,
    language: Option<LanguageArg>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let filter = match Filter::new(&[], &[]) {
        Ok(f) => f,
        Err(m) => {
            let _ = writeln!(err, "error: {m}");
            return EXIT_ERROR;
        }
    };
    let (inputs, input_errors) = files::discover(paths, None, &filter);
    let mut code = EXIT_CLEAN;
    for e in &input_errors {
        let _ = writeln!(err, "error: {}: {}", e.path, e.message);
        code = EXIT_ERROR;
    }
    let mut lists: Vec<(String, Vec<CitedItem>)> = Vec::new();
    for input in inputs {
        let shown = input.shown().to_string();
        let bytes = match &input {
            Input::File { path, .. } => files::read_regular(path),
            Input::Stdin { .. } => {
                let mut buf = Vec::new();
                std::io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
            }
        };
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                let _ = writeln!(
                    err,
                    "error: {shown}: cannot read file: {}",
                    files::io_message(&e)
                );
                code = EXIT_ERROR;
                continue;
            }
        };
        let language = language.and_then(|l| LanguageSetting::from(l).language());
        let doc = match document::load::load(&shown, &bytes, language) {
            Ok(d) => d,
            Err(e) => {
                let _ = writeln!(err, "error: {shown}: {e}");
                code = EXIT_ERROR;
                continue;
            }
        };
        let pack = policylint::pack::Pack::builtin(doc.language);
        let items = citations::list(&doc, pack);
        lists.push((shown, items));
    }
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
