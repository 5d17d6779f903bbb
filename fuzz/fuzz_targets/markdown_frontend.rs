//! The Markdown front end on any bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = policylint::decode::decode("fuzz.md", data) {
        let doc = policylint::document::parse(source, None);
        let _ = doc.text().len();
    }
});
