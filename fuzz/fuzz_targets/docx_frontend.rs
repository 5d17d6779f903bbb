//! The DOCX front end on any bytes, then every default rule: the file's own structure
//! (objects, streams, fonts / zip parts, XML) is what this target mutates.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = policylint::document::load::load("fuzz.docx", data, None) else {
        return;
    };
    let settings = policylint::engine::Settings::default();
    let _ = policylint::engine::lint(&doc, &settings);
});
