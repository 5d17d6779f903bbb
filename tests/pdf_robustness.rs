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

/// A PDF of `pages` pages that all show one content stream.
fn shared_content_pdf(content: &str, pages: usize) -> Vec<u8> {
    let mut objs: Vec<String> = vec![
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
    ];
    let pages_id = 3 + pages;
    let kids: Vec<String> = (0..pages).map(|k| format!("{} 0 R", 3 + k)).collect();
    for _ in 0..pages {
        objs.push(format!(
            "<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 1 0 R >> >> /Contents 2 0 R >>"
        ));
    }
    // Objects are numbered from 1: the font is 1, the content 2, the pages 3…
    objs.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {pages} >>",
        kids.join(" ")
    ));
    objs.push(format!("<< /Type /Catalog /Pages {pages_id} 0 R >>"));
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).bytes());
    for off in offsets {
        out.extend(format!("{off:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root {} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1,
            objs.len()
        )
        .bytes(),
    );
    out
}

#[test]
fn thousands_of_overlapping_rules_on_every_page_do_not_hang() {
    // 700 overlapping rectangles per page (2,800 rule segments, every one touching
    // every other) on 60 pages: the search for ruled tables stops with a note.
    let mut content = String::from("BT /F1 11 Tf 72 760 Td (The Commission will act.) Tj ET\n");
    for k in 0..700 {
        content.push_str(&format!("{} 100 300 400 re f*\n", 72 + k % 50));
    }
    let bytes = shared_content_pdf(&content, 60);
    let started = std::time::Instant::now();
    let doc = load("rules.pdf", &bytes, None).expect("loads");
    assert!(started.elapsed().as_secs() < 30, "too slow");
    assert!(doc
        .notes
        .iter()
        .any(|n| n.message.contains("too many drawn rules")));
}
