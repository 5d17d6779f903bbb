//! The PDF front end on damaged input: truncated files and flipped bytes never panic
//! and never hang; they load (perhaps with parse notes) or give a LoadError naming
//! the cause.

use proptest::prelude::*;

use policylint::document::load::load;

fn fixture() -> Vec<u8> {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pdf/footnotes.pdf"
    );
    std::fs::read(p).expect("fixture readable")
}

fn check(bytes: &[u8]) {
    let started = std::time::Instant::now();
    match load("mutated.pdf", bytes, None) {
        Ok(doc) => {
            // Whatever was read is consistent: spans lie in the rendering.
            let n = doc.text().len();
            assert!(doc.footnote_refs.iter().all(|r| r.span.end <= n));
            assert!(doc.paragraphs.iter().all(|p| p.text.span().end <= n));
        }
        Err(e) => assert!(!e.message.is_empty()),
    }
    assert!(
        started.elapsed().as_secs() < 20,
        "too slow on mutated input"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn truncated_pdfs_do_not_panic(cut in 0usize..2400) {
        let bytes = fixture();
        check(&bytes[..cut.min(bytes.len())]);
    }

    #[test]
    fn flipped_bytes_do_not_panic(flips in prop::collection::vec((0usize..2400, any::<u8>()), 1..12)) {
        let mut bytes = fixture();
        let n = bytes.len();
        for (at, v) in flips {
            bytes[at % n] = v;
        }
        check(&bytes);
    }
}

#[test]
fn encrypted_marker_without_keys_is_refused_or_read() {
    // A trailer that names an /Encrypt dictionary that does not exist: never a panic.
    let mut bytes = fixture();
    let s = String::from_utf8_lossy(&bytes).into_owned();
    if let Some(i) = s.rfind("/Root") {
        bytes.splice(i..i, b"/Encrypt 99 0 R ".iter().copied());
    }
    check(&bytes);
}
