//! Golden tests: facts about the seed documents established by reading them line by
//! line. They pin the parser's recovery of structure on real PDF extracts.

use policylint::document::{parse, Document, Format, RefStyle, Scheme};
use policylint::source::SourceFile;

fn seed(name: &str) -> Document {
    let path = format!("{}/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("seed exists");
    let source = policylint::decode::decode(&path, &bytes).expect("seed decodes");
    parse(source, None)
}

fn line_of(doc: &Document, offset: usize) -> usize {
    doc.line_of(offset)
}

fn ref_numbers(doc: &Document) -> Vec<u32> {
    doc.footnote_refs.iter().filter_map(|r| r.number).collect()
}

#[test]
fn seed_000_counter_terrorism_agenda() {
    let d = seed("000_36c74a95654013fe.txt");
    assert_eq!(d.format, Format::PdfText);
    assert_eq!(ref_numbers(&d), (1..=76).collect::<Vec<_>>());
    let labelled: Vec<u32> = d.footnote_defs.iter().filter_map(|f| f.number).collect();
    let mut expected = vec![1];
    expected.extend(3..=77);
    assert_eq!(labelled, expected);
    // Page numbers are furniture, not references.
    for line in [394, 1501] {
        assert!(d.furniture.iter().any(|f| f.kind
            == policylint::document::FurnitureKind::PageNumber
            && line_of(&d, f.span.start) == line));
        assert!(d
            .footnote_refs
            .iter()
            .all(|r| line_of(&d, r.span.start) != line));
    }
    assert_eq!(
        d.pages.iter().filter_map(|p| p.number).collect::<Vec<_>>(),
        vec![5, 16]
    );
    assert_eq!(d.boxes.len(), 5);
    assert_eq!(d.boxes.iter().map(|b| b.items.len()).sum::<usize>(), 37);
    assert_eq!(line_of(&d, d.boxes[0].span.start), 642);
    // The box at line 642 does not break the sentence it interrupts.
    let joined = d.sentences.iter().any(|s| {
        d.sentence_text(s)
            .contains("voor de bescherming van het algemeen belang, zoals de volksgezondheid")
    });
    assert!(joined, "the sentence around box A is one sentence");
    // Line-end hyphens of compounds are kept; the page-crossing one too.
    let body: String = d
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(body.contains("eu-LISA"));
    assert!(body.contains("de EU-ministers van Binnenlandse Zaken"));
    assert!(!body.contains("EU- ministers"));
    // Link annotations and footnote text stay out of the body.
    assert!(!body.contains("myintracomm"));
    assert!(!body.contains("Zie EEAS(2020) 1114"));
    // The dropped superscript before "derde landen".
    assert_eq!(
        d.dropped_refs
            .iter()
            .map(|s| line_of(&d, s.start))
            .collect::<Vec<_>>(),
        vec![2559]
    );
    let headings: Vec<(Option<&str>, usize)> = d
        .headings
        .iter()
        .filter(|h| h.number.is_some())
        .map(|h| (h.number.as_deref(), line_of(&d, h.span.start)))
        .collect();
    assert_eq!(
        headings,
        vec![
            (Some("I."), 1),
            (Some("II."), 203),
            (Some("1."), 209),
            (Some("2."), 588),
            (Some("3."), 1054),
            (Some("4."), 1710),
            (Some("5."), 2445)
        ]
    );
    assert!(d.points.is_empty());
}

#[test]
fn seed_001_security_union_strategy() {
    let d = seed("001_9c6f262ed3157b37.txt");
    assert_eq!(ref_numbers(&d), (1..=131).collect::<Vec<_>>());
    // The lone numbers at lines 1857–1870 are definition labels.
    for r in &d.footnote_refs {
        let l = line_of(&d, r.span.start);
        assert!(!(1857..=1870).contains(&l), "line {l} read as a reference");
    }
    let labels: Vec<(u32, usize)> = d
        .footnote_defs
        .iter()
        .filter_map(|f| Some((f.number?, line_of(&d, f.label_span?.start))))
        .filter(|(n, _)| (72..=75).contains(n))
        .collect();
    assert_eq!(labels, vec![(72, 1857), (73, 1860), (74, 1865), (75, 1870)]);
    // Unlabelled footnote texts survive as definitions without a number.
    let unlabelled: Vec<usize> = d
        .footnote_defs
        .iter()
        .filter(|f| f.number.is_none())
        .map(|f| line_of(&d, f.span.start))
        .collect();
    assert_eq!(unlabelled, vec![1856, 1959, 1964, 1967, 3147, 3148, 3293]);
    assert!(d
        .footnote_defs
        .iter()
        .all(|f| f.number.is_none_or(|n| !(79..=121).contains(&n))));
    assert_eq!(d.boxes.len(), 4);
    assert!(d
        .boxes
        .iter()
        .all(|b| b.title == "Belangrijkste maatregelen"));
    assert_eq!(d.boxes.iter().map(|b| b.items.len()).sum::<usize>(), 33);
    // The item that crosses a footnote block and a page number is one item.
    let item = d.boxes[0]
        .items
        .iter()
        .find(|i| line_of(&d, i.span.start) == 1301)
        .expect("item at 1301");
    assert_eq!(line_of(&d, item.span.end), 1346);
    assert!(item.text.as_str().ends_with(
        "een netcode voor cyberbeveiliging voor grensoverschrijdende elektriciteitsstromen"
    ));
    assert_eq!(d.pages.len(), 33);
    assert_eq!(
        d.pages.iter().filter_map(|p| p.number).collect::<Vec<_>>(),
        vec![13, 31]
    );
}

#[test]
fn seed_002_council_conclusions_2024() {
    let d = seed("002_4cd158ec9b524649.txt");
    let labels: Vec<(Scheme, u32)> = d.points.iter().map(|p| (p.scheme, p.value)).collect();
    let mut expected: Vec<(Scheme, u32)> = (1..=9).map(|v| (Scheme::LowerAlpha, v)).collect();
    expected.extend((1..=51).map(|v| (Scheme::Arabic, v)));
    assert_eq!(labels, expected);
    assert_eq!(d.footnote_refs.len(), 1);
    let r = &d.footnote_refs[0];
    assert_eq!(
        (r.style, r.number, line_of(&d, r.span.start)),
        (RefStyle::Glued, Some(1), 135)
    );
    assert_eq!(&d.source.text[r.span.start..r.span.end], "1");
    assert_eq!(d.footnote_defs.len(), 1);
    assert_eq!(line_of(&d, d.footnote_defs[0].span.start), 194);
    // The glued digit is out of the point's text; "4068e" is not a footnote.
    assert!(d.points[8]
        .text
        .as_str()
        .contains("die de afgelopen jaren zijn aangenomen, blijven"));
    let sections: Vec<&str> = d
        .headings
        .iter()
        .filter_map(|h| h.number.as_deref())
        .collect();
    assert_eq!(sections, vec!["I.", "II.", "i)", "ii)", "iii)"]);
}

#[test]
fn seed_003_council_conclusions_2022() {
    let d = seed("003_92cce1b2e57afc3b.txt");
    let values: Vec<u32> = d.points.iter().map(|p| p.value).collect();
    assert_eq!(values, (1..=28).collect::<Vec<_>>());
    assert!(d
        .points
        .iter()
        .all(|p| p.scheme == Scheme::Arabic && p.depth == 1));
    // Lines starting with a date or a year are not points.
    for p in &d.points {
        let l = line_of(&d, p.label_span.start);
        assert!(l != 71 && l != 77 && l != 766);
    }
    // Page footers are furniture, not body text.
    let body: String = d
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(!body.contains("10179/22") && !body.contains("RELEX"));
    assert_eq!(
        d.pages.iter().filter_map(|p| p.number).collect::<Vec<_>>(),
        vec![2, 7]
    );
    assert!(d.footnote_refs.is_empty() && d.footnote_defs.is_empty());
}

#[test]
fn every_span_of_every_seed_lies_on_char_boundaries() {
    for name in [
        "000_36c74a95654013fe.txt",
        "001_9c6f262ed3157b37.txt",
        "002_4cd158ec9b524649.txt",
        "003_92cce1b2e57afc3b.txt",
        "004_ec9ddc5444050131.txt",
    ] {
        let d = seed(name);
        check_spans(&d);
    }
}

pub fn check_spans(d: &Document) {
    let t = &d.source.text;
    let ok = |s: policylint::source::Span| {
        s.start <= s.end
            && s.end <= t.len()
            && t.is_char_boundary(s.start)
            && t.is_char_boundary(s.end)
    };
    for s in d.sentences.iter().map(|s| d.sentence_span(s)) {
        assert!(ok(s));
    }
    for (_, text) in d.texts() {
        assert!(ok(text.span()));
    }
    for r in &d.footnote_refs {
        assert!(ok(r.span));
    }
    for p in &d.points {
        assert!(ok(p.label_span));
    }
    let _ = SourceFile::from_str("x", "");
}

/// An English communication of our own, in PDF-extract layout, with every layout case
/// of the notes: headings of three kinds, glued and post-punctuation references, a
/// footnote block with inline and lone labels and a wrapped note, a key-action box
/// spliced into a sentence at a page end, bullets whose glyph became a space, a page
/// number, link annotations, hyphen joins.
#[test]
fn english_fixture_layout_cases() {
    let path = format!(
        "{}/tests/fixtures/parser/english-communication.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let d = parse(
        SourceFile::from_str("english-communication.txt", &text),
        None,
    );
    assert_eq!(d.language, policylint::lang::Language::En);
    assert_eq!(ref_numbers(&d), vec![1, 2, 3, 4]);
    let defs: Vec<(Option<u32>, &str)> = d
        .footnote_defs
        .iter()
        .map(|f| (f.number, f.text.as_str()))
        .collect();
    assert_eq!(
        defs[1],
        (
            Some(2),
            "White Paper on Artificial Intelligence, COM(2020) 65 final of 19.2.2020."
        )
    );
    assert_eq!(defs.len(), 4);
    let headings: Vec<(u8, Option<&str>, &str)> = d
        .headings
        .iter()
        .map(|h| (h.level, h.number.as_deref(), h.title.as_str()))
        .collect();
    assert_eq!(
        headings,
        vec![
            (1, Some("I."), "INTRODUCTION"),
            (1, Some("II."), "A FOUR-PILLAR STRATEGY"),
            (2, Some("1."), "ANTICIPATE"),
            (4, None, "Strategic intelligence and threat assessment"),
            (2, Some("2."), "PREVENT"),
            (4, None, "CONCLUSIONS"),
        ]
    );
    let bx = &d.boxes[0];
    assert_eq!(bx.title, "KEY ACTIONS");
    assert_eq!(
        bx.frames
            .iter()
            .map(|f| f.actor.as_deref())
            .collect::<Vec<_>>(),
        vec![Some("The Commission"), Some("Member States")]
    );
    assert_eq!(
        bx.items.iter().map(|i| i.frame).collect::<Vec<_>>(),
        vec![Some(0), Some(0), Some(1)]
    );
    assert_eq!(bx.items[0].text.as_str(), "develop risk assessments and peer reviews with the support of EU-security advisors on request;");
    // The sentence interrupted by the box is one sentence.
    assert!(d.sentences.iter().any(|s| d
        .sentence_text(s)
        .ends_with("for the protection of public spaces, such as squares and stations.")));
    // Post-reference fragments join without a space before punctuation, with one otherwise.
    assert!(d.paragraphs[0]
        .text
        .as_str()
        .contains("across the Union. Attacks by lone actors"));
    assert!(d.paragraphs[0]
        .text
        .as_str()
        .contains("artificial intelligence and for the misuse"));
    assert!(d.paragraphs[1]
        .text
        .as_str()
        .contains("support the cyber-security of critical infrastructure"));
    assert_eq!(d.bullets.iter().filter(|b| b.glyph_lost).count(), 3);
    assert_eq!(
        d.pages.iter().map(|p| p.number).collect::<Vec<_>>(),
        vec![None, None, Some(4), None, None]
    );
    assert!(d
        .furniture
        .iter()
        .any(|f| f.kind == policylint::document::FurnitureKind::LinkAnnotation));
    let body: String = d
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(!body.contains("https://") && !body.contains("Horizon 2020"));
    check_spans(&d);
}
