//! Word input: the model read from the generated test documents of
//! tests/fixtures/docx (see generate.py there), the draft rules (DR…), the same
//! findings as on each document's Markdown twin, and bad input.

mod common;

use std::collections::BTreeMap;

use policylint::document::load::load;
use policylint::document::{Document, Format, Scheme};
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn docx(name: &str) -> Document {
    load(name, &fixture(&format!("docx/{name}")), None).expect("the fixture loads")
}

fn slice(doc: &Document, span: policylint::source::Span) -> &str {
    &doc.text()[span.start..span.end]
}

#[test]
fn headings_come_from_styles_with_their_numbers() {
    let doc = docx("draft-en.docx");
    assert_eq!(doc.format, Format::Docx);
    let headings: Vec<(Option<&str>, &str)> = doc
        .headings
        .iter()
        .map(|h| (h.number.as_deref(), h.title.as_str()))
        .collect();
    assert_eq!(
        headings,
        vec![
            (Some("1."), "Introduction"),
            (Some("2."), "Objectives"),
            (Some("3."), "Actions"),
            (Some("4."), "Monitoring"),
        ]
    );
    // The title style makes a title paragraph, not a heading.
    assert_eq!(
        doc.paragraphs[0].kind,
        policylint::document::ParagraphKind::Title
    );
}

#[test]
fn list_labels_are_the_ones_word_displays() {
    let doc = docx("draft-en.docx");
    let labels: Vec<(&str, u32, u8)> = doc
        .points
        .iter()
        .map(|p| (p.label.as_str(), p.value, p.depth))
        .collect();
    // The second list restarts at 1 through its own w:num with a startOverride; the
    // lettered level restarts under each new point.
    assert_eq!(
        labels,
        vec![
            ("1.", 1, 1),
            ("2.", 2, 1),
            ("a)", 1, 2),
            ("b)", 2, 2),
            ("3.", 3, 1),
            ("1.", 1, 1),
            ("2.", 2, 1),
            ("3.", 3, 1),
        ]
    );
    for p in &doc.points {
        assert_eq!(slice(&doc, p.label_span), p.label, "label span");
    }
    assert_eq!(doc.points[2].scheme, Scheme::LowerAlpha);
    assert!(doc.points[0]
        .text
        .as_str()
        .starts_with("restore and protect"));
}

#[test]
fn footnotes_are_paired_and_numbered_in_reference_order() {
    let doc = docx("clean-en.docx");
    let refs: Vec<Option<u32>> = doc.footnote_refs.iter().map(|r| r.number).collect();
    assert_eq!(refs, vec![Some(1), Some(2), Some(3), Some(4), Some(5)]);
    let defs: Vec<(Option<u32>, &str)> = doc
        .footnote_defs
        .iter()
        .map(|d| (d.number, d.text.as_str()))
        .collect();
    assert!(defs[0].1.starts_with("European Environment Agency"));
    assert!(defs[2].1.starts_with("Directive 2000/60/EC"));
    assert_eq!(defs[4].0, Some(5));
    assert!(defs[4].1.starts_with("The areas follow"));
    // Each mark is in the text, and the note text is introduced by its number.
    for r in &doc.footnote_refs {
        assert_eq!(slice(&doc, r.span), format!("[^{}]", r.label));
    }
    let rendering = doc.source.rendering.as_ref().expect("rendered");
    let def = &doc.footnote_defs[2];
    assert_eq!(rendering.footnote_at(def.text.span().start), Some(3));
    // The marks are not words of the paragraphs.
    assert!(doc
        .paragraphs
        .iter()
        .all(|p| !p.text.as_str().contains("[^")));
}

#[test]
fn tracked_changes_are_read_as_accepted_and_hidden_text_left_out() {
    let doc = docx("draft-en.docx");
    let text = doc.text();
    assert!(text.contains("across the Union and in its neighbourhood, and"));
    assert!(!text.contains("in recent years"));
    assert!(!text.contains("to be confirmed by DG ENV"));
}

#[test]
fn key_action_box_links_and_tables() {
    let doc = docx("draft-en.docx");
    assert_eq!(doc.boxes.len(), 1);
    let b = &doc.boxes[0];
    assert_eq!(b.title, "Key actions");
    assert_eq!(b.frames.len(), 1);
    assert_eq!(b.frames[0].actor.as_deref(), Some("The Commission"));
    let items: Vec<&str> = b.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        items,
        vec![
            "propose a Water Resilience Act in 2026;",
            "launch a water-smart industry alliance by the end of 2025."
        ]
    );
    assert_eq!(doc.links.len(), 1);
    assert_eq!(doc.links[0].text, "water policy pages");
    assert_eq!(
        doc.links[0].target,
        "https://environment.ec.europa.eu/topics/water_en"
    );
    // Table cells are rendered but are not prose paragraphs.
    assert!(doc.text().contains("Water reuse"));
    assert!(doc
        .paragraphs
        .iter()
        .all(|p| !p.text.as_str().contains("Water reuse")));
}

#[test]
fn paragraphs_are_numbered_in_the_rendering() {
    let doc = docx("draft-en.docx");
    let r = doc.source.rendering.as_ref().unwrap();
    let at = doc.text().find("The strategy pursues").unwrap();
    // Title, heading 1, two paragraphs, heading 2, then this one.
    assert_eq!(r.paragraph_at(at), Some(6));
}

const DR_RULES: &[(&str, &str)] = &[
    ("DR001", "tracked-changes"),
    ("DR002", "open-comment"),
    ("DR003", "hidden-text"),
    ("DR004", "highlighted-text"),
    ("DR005", "empty-footnote"),
    ("DR006", "manual-superscript"),
    ("DR007", "typed-footnote-reference"),
    ("DR008", "broken-cross-reference-field"),
];

#[test]
fn each_draft_rule_fires_on_its_planted_defect_only() {
    for (code, name) in DR_RULES {
        let fires = load(
            "f.docx",
            &fixture(&format!("rules/{name}/fires-en.docx")),
            None,
        )
        .unwrap();
        let found = common::findings(&fires, "DR");
        assert!(!found.is_empty(), "{code} finds its defect");
        assert!(
            found.iter().all(|f| f.code == *code),
            "{code}: only its own finding on its fixture, got {:?}",
            found.iter().map(|f| f.code).collect::<Vec<_>>()
        );
        let silent = load(
            "s.docx",
            &fixture(&format!("rules/{name}/silent-en.docx")),
            None,
        )
        .unwrap();
        assert!(common::findings(&silent, "DR").is_empty(), "{code} silent");
    }
}

#[test]
fn draft_findings_point_at_the_planted_text() {
    let doc = docx("draft-en.docx");
    let found: Vec<(&str, &str)> = common::findings(&doc, "DR")
        .iter()
        .map(|f| (f.code, slice(&doc, f.span)))
        .collect();
    let expected = vec![
        ("DR001", "and in its neighbourhood"),
        // Hidden text is not in the rendering: the word before it carries it.
        ("DR003", "cycle"),
        ("DR004", "The financing figures are to be updated."),
        ("DR005", "[^4]"),
        ("DR008", "section 5"),
        ("DR007", "[3]"),
        ("DR006", "4"),
        ("DR002", "budget annex"),
        ("DR008", "Error! Reference source not found."),
    ];
    assert_eq!(found, expected);
}

#[test]
fn draft_rules_are_silent_on_seeds_and_other_inputs() {
    for seed in ["seed-000", "seed-001", "seed-002", "seed-003", "seed-004"] {
        let doc = docx(&format!("{seed}.docx"));
        assert!(common::findings(&doc, "DR").is_empty(), "{seed}");
        let md = fixture(&format!("docx/{seed}.md"));
        let md = load(&format!("{seed}.md"), &md, None).unwrap();
        assert!(md.draft.is_none());
        assert!(common::findings(&md, "DR").is_empty());
    }
}

/// Findings of every rule but the draft rules, as (code, message), counted.
fn other_findings(doc: &Document) -> BTreeMap<(String, String), usize> {
    let mut out = BTreeMap::new();
    for f in common::findings(doc, "") {
        if f.code.starts_with("DR") {
            continue;
        }
        let message = f.message;
        *out.entry((f.code.to_string(), message)).or_insert(0) += 1;
    }
    out
}

#[test]
fn the_rules_find_the_same_on_a_docx_as_on_its_markdown_twin() {
    for name in [
        "clean-en", "draft-en", "seed-000", "seed-001", "seed-002", "seed-003", "seed-004",
    ] {
        let doc = docx(&format!("{name}.docx"));
        let md = load(
            &format!("{name}.md"),
            &fixture(&format!("docx/{name}.md")),
            None,
        )
        .unwrap();
        assert_eq!(doc.language, md.language, "{name}");
        // Headings may differ: the Markdown reader takes a short capitalised line that
        // stands alone for a heading; in Word only a heading style makes one.
        assert_eq!(doc.points.len(), md.points.len(), "{name}: points");
        assert_eq!(
            doc.footnote_defs.len(),
            md.footnote_defs.len() + usize::from(name == "draft-en"),
            "{name}: notes"
        );
        assert_eq!(other_findings(&doc), other_findings(&md), "{name}");
    }
}

#[test]
fn bad_input_gives_a_clear_error() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("a.docx", b"This is not a zip at all".to_vec(), "zip"),
        (
            "a.docx",
            zip_with(&[("word/other.xml", b"<x/>")]),
            "no word/document.xml",
        ),
        (
            "a.docx",
            ole(&["EncryptionInfo", "EncryptedPackage"]),
            "password-protected",
        ),
        ("a.doc", ole(&["WordDocument", "1Table"]), "old binary Word"),
        ("a.doc", b"{\\rtf1\\ansi Tekst}".to_vec(), "RTF"),
        (
            "a.docx",
            zip_with(&[("word/document.xml", b"<w:document><w:body>")]),
            "not well-formed",
        ),
    ];
    for (name, bytes, expected) in cases {
        let err = load(name, &bytes, None).expect_err(expected);
        assert!(
            err.message.contains(expected),
            "{expected}: got {}",
            err.message
        );
    }
}

#[test]
fn a_zip_bomb_is_refused_without_inflating_it() {
    // 200 MiB of zeros compress to about 200 KiB; the part limit stops reading.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    w.start_file("word/document.xml", options).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..200 {
        std::io::Write::write_all(&mut w, &chunk).unwrap();
    }
    let bytes = w.finish().unwrap().into_inner();
    assert!(bytes.len() < 2 * 1024 * 1024);
    let start = std::time::Instant::now();
    let err = load("bomb.docx", &bytes, None).expect_err("refused");
    assert!(err.message.contains("MiB"), "{}", err.message);
    assert!(start.elapsed().as_secs() < 20);
}

fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut w, data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// An OLE compound file header followed by directory entry names (UTF-16LE), which
/// is what tells an encrypted package from a binary .doc.
fn ole(streams: &[&str]) -> Vec<u8> {
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.resize(512, 0);
    for s in streams {
        bytes.extend(s.bytes().flat_map(|b| [b, 0]));
        bytes.resize(bytes.len() + 64, 0);
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn mutated_documents_never_panic(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = fixture("docx/draft-en.docx");
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if truncate {
            let n = cut.index(bytes.len());
            bytes.truncate(n);
        }
        if let Ok(doc) = load("m.docx", &bytes, None) {
            let _ = common::findings(&doc, "");
        }
    }

    #[test]
    fn mutated_xml_never_panics(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
    ) {
        // Mutate the XML itself (stored uncompressed), not only the zip.
        let mut xml = document_xml("docx/draft-en.docx").into_bytes();
        for (at, b) in flips {
            let i = at.index(xml.len());
            xml[i] = b;
        }
        let bytes = zip_with(&[("word/document.xml", &xml)]);
        if let Ok((doc, anchors)) = policylint::document::docx::load_mapped("m.docx", &bytes, None) {
            let findings = common::findings(&doc, "");
            // Annotating what loads never panics, and what it writes loads again
            // with the same text.
            if let Ok((out, _)) = policylint::document::docx::annotate::annotate(&bytes, &doc, &anchors, &findings) {
                let back = load("a.docx", &out, None).expect("an annotated document loads");
                prop_assert_eq!(back.text(), doc.text());
            }
        }
    }
}

fn document_xml(name: &str) -> String {
    let bytes = fixture(name);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut s).unwrap();
    s
}

#[test]
fn documents_saved_again_by_libreoffice_read_the_same() {
    // Another program's Word writer (LibreOffice 7.4): same text, same findings.
    let ours = docx("seed-001.docx");
    let theirs = docx("seed-001.libreoffice.docx");
    assert_eq!(ours.text(), theirs.text());
    let key = |d: &Document| {
        common::findings(d, "")
            .into_iter()
            .map(|f| (f.code, f.span, f.message))
            .collect::<Vec<_>>()
    };
    assert_eq!(key(&ours), key(&theirs));
    // The draft: LibreOffice updated the broken fields to its own error text; every
    // planted defect is still found, at the same place.
    let ours = docx("draft-en.docx");
    let theirs = docx("draft-en.libreoffice.docx");
    let dr = |d: &Document| {
        common::findings(d, "DR")
            .into_iter()
            .map(|f| f.code)
            .collect::<Vec<_>>()
    };
    assert_eq!(dr(&ours), dr(&theirs));
    assert_eq!(theirs.boxes.len(), 1);
    assert_eq!(
        theirs
            .points
            .iter()
            .map(|p| p.label.as_str())
            .collect::<Vec<_>>(),
        ours.points
            .iter()
            .map(|p| p.label.as_str())
            .collect::<Vec<_>>()
    );
}
