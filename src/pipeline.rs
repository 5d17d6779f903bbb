//! The whole pipeline on one input, as the fuzz targets and the hardening tests drive
//! it: load (any front end, by name and bytes), lint with the default settings, render
//! the findings in the human format (plain and expanded) and the concise format.

use std::io;

use crate::engine::{self, Settings};
use crate::report::{self, human::HumanOptions, FileReport, Format, RunReport};

/// Run the pipeline on `bytes` read as the file `name`. `Ok(None)` when the input does
/// not load (an error the CLI would report); otherwise the rendered output.
#[doc(hidden)]
pub fn run(name: &str, bytes: &[u8]) -> io::Result<Option<Vec<u8>>> {
    let Ok(doc) = crate::document::load::load(name, bytes, None) else {
        return Ok(None);
    };
    let findings = engine::lint(&doc, &Settings::default());
    let report = RunReport {
        files: vec![FileReport {
            source: doc.source,
            findings,
        }],
        errors: vec![],
    };
    let mut out = Vec::new();
    for expand in [false, true] {
        let options = HumanOptions {
            color: false,
            expand,
        };
        report::write(Format::Human, &report, &mut out, options)?;
    }
    report::write(Format::Concise, &report, &mut out, HumanOptions::default())?;
    Ok(Some(out))
}
