//! The parser never panics: random bytes, random strings, and the seeds with their
//! lines shuffled, dropped or duplicated still give a model whose spans are valid.

mod common;

use common::SEEDS;

use policylint::document::{parse, Document};
use proptest::prelude::*;

fn check(doc: &Document) {
    let t = &doc.source.text;
    let ok = |s: policylint::source::Span| {
        s.start <= s.end
            && s.end <= t.len()
            && t.is_char_boundary(s.start)
            && t.is_char_boundary(s.end)
    };
    for s in &doc.sentences {
        assert!(ok(doc.sentence_span(s)));
        let _ = doc.sentence_text(s);
    }
    for (_, text) in doc.texts() {
        assert!(ok(text.span()));
        for sp in text.source_spans((0..text.len()).into()) {
            assert!(ok(sp));
        }
    }
    for r in &doc.footnote_refs {
        assert!(ok(r.span));
    }
    for d in &doc.footnote_defs {
        assert!(ok(d.span));
    }
    for p in &doc.points {
        assert!(ok(p.label_span));
    }
    for h in &doc.headings {
        assert!(ok(h.span));
    }
    for p in &doc.pages {
        assert!(ok(p.span));
    }
    // The rules must not panic either.
    let _ = common::findings(doc, "");
}

fn parse_bytes(path: &str, bytes: &[u8]) {
    if let Ok(source) = policylint::decode::decode(path, bytes) {
        check(&parse(source, None));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        parse_bytes("random.txt", &bytes);
        parse_bytes("random.md", &bytes);
    }

    #[test]
    fn random_layout_strings_never_panic(lines in proptest::collection::vec(
        prop_oneof![
            Just(String::new()), Just(" ".to_string()), Just(" ".repeat(59)), Just(" ".repeat(181)),
            "[0-9]{1,3}", "[0-9]{1,3} ", " ?[IVX]{1,3}\\.  [A-Z ]{3,20} ", " ?[0-9]{1,2}\\. [A-Za-z ]{0,40}",
            " ?[a-z]\\) [a-z ]{0,30}", "\u{f0b7} [a-z ]{0,30}[;.]?", "KERNACTIES:? ", "Key actions ",
            "[A-Za-zé ’-]{0,90}[.;:,-]? ?", "  [A-Z][a-z ]{0,40}", "https://x\\.eu/[a-z]{1,10}",
            "[0-9]{5}/22   [a-z]{3}/[a-z]{2} [0-9] ", " RELEX\\.5  NL ", "[a-z]+[0-9]{1,2}, [a-z ]+",
        ], 0..120)) {
        let text = lines.join("\n");
        check(&parse(policylint::source::SourceFile::from_str("layout.txt", &text), None));
        let crlf = lines.join("\r\n");
        check(&parse(policylint::source::SourceFile::from_str("layout.txt", &crlf), None));
        check(&parse(policylint::source::SourceFile::from_str("layout.md", &text), None));
    }

    #[test]
    fn shuffled_seed_lines_never_panic(seed in 0usize..5, ops in proptest::collection::vec((0usize..4000, 0usize..4000, 0u8..3), 1..60)) {
        let text = common::seed_text(SEEDS[seed]);
        let mut lines: Vec<&str> = text.split('\n').collect();
        for (a, b, op) in ops {
            if lines.is_empty() { break; }
            let (a, b) = (a % lines.len(), b % lines.len());
            match op {
                0 => lines.swap(a, b),
                1 => { lines.remove(a); }
                _ => { let l = lines[a]; lines.insert(b, l); }
            }
        }
        let joined = lines.join("\n");
        check(&parse(policylint::source::SourceFile::from_str(SEEDS[seed], &joined), None));
    }
}

#[test]
fn empty_and_degenerate_inputs() {
    for text in [
        "",
        "\n",
        "\r",
        "\r\n\r\n",
        " ",
        "1",
        "1\n",
        "  x",
        "\u{feff}",
        "KERNACTIES",
        "\u{f0b7}",
    ] {
        check(&parse(
            policylint::source::SourceFile::from_str("x.txt", text),
            None,
        ));
        check(&parse(
            policylint::source::SourceFile::from_str("x.md", text),
            None,
        ));
    }
    // A very long single line.
    let long = "woord ".repeat(200_000);
    check(&parse(
        policylint::source::SourceFile::from_str("x.txt", &long),
        None,
    ));
}
