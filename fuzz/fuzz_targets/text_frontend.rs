//! The text (PDF-extract) front end on any bytes: decode, then parse as plain text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = policylint::decode::decode("fuzz.txt", data) {
        let doc = policylint::document::parse(source, None);
        let _ = doc.text().len();
    }
});
