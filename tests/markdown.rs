//! Markdown input: golden facts on the press release 004 and on fixtures in English and
//! Dutch; every span of the model is checked against the source text.

use policylint::document::{self, Document, ParagraphKind, RefStyle, Scheme, SourceFile, Span};
use proptest::prelude::*;

const SEED_004: &str = "seeds/004_ec9ddc5444050131.txt";

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn slice(doc: &Document, span: Span) -> &str {
    &doc.text()[span.start..span.end]
}

/// Every span of the model lies within the text and on character boundaries, and every
/// rebuilt text maps each of its words back to the same words in the source.
fn check_spans(doc: &Document) {
    let text = doc.text();
    let ok = |s: Span, what: &str| {
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "{what}: {s:?} outside the text"
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{what}: {s:?} not on char boundaries"
        );
    };
    let check_text = |t: &policylint::document::Text, what: &str| {
        ok(t.span(), what);
        let s = t.as_str();
        let mut start = None;
        for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
            let word_char = c.is_alphanumeric();
            match (start, word_char) {
                (None, true) => start = Some(i),
                (Some(b), false) => {
                    let span = t.source_span((b..i).into());
                    ok(span, what);
                    let spans = t.source_spans((b..i).into());
                    // A word made of verbatim pieces maps to exactly those characters.
                    if spans.len() == 1 && spans[0].len() == i - b {
                        assert_eq!(
                            &text[span.start..span.end],
                            &s[b..i],
                            "{what}: word maps elsewhere"
                        );
                    }
                    start = None;
                }
                _ => {}
            }
        }
    };
    for h in &doc.headings {
        ok(h.span, "heading");
        check_text(&h.title, "heading title");
        if let Some(n) = h.number_span {
            ok(n, "heading number");
            assert_eq!(Some(&text[n.start..n.end]), h.number.as_deref());
        }
    }
    for p in &doc.paragraphs {
        check_text(&p.text, "paragraph");
    }
    for p in &doc.points {
        ok(p.label_span, "point label");
        assert_eq!(&text[p.label_span.start..p.label_span.end], p.label);
        check_text(&p.text, "point text");
    }
    for b in &doc.bullets {
        ok(b.span, "bullet");
    }
    for b in &doc.boxes {
        ok(b.span, "box");
        ok(b.title_span, "box title");
        for f in &b.frames {
            ok(f.span, "frame");
            check_text(&f.text, "frame text");
        }
        for i in &b.items {
            ok(i.span, "box item");
            check_text(&i.text, "box item text");
        }
    }
    for r in &doc.footnote_refs {
        ok(r.span, "footnote ref");
    }
    for d in &doc.footnote_defs {
        ok(d.span, "footnote def");
        if let Some(l) = d.label_span {
            ok(l, "footnote label");
        }
        check_text(&d.text, "footnote text");
    }
    for l in &doc.links {
        ok(l.span, "link");
        ok(l.target_span, "link target");
    }
    for n in &doc.notes {
        ok(n.span, "note");
    }
    for p in &doc.pages {
        ok(p.span, "page");
    }
}

#[test]
fn seed_004_is_sniffed_as_markdown() {
    let doc = document::parse_str(SEED_004, &read(SEED_004));
    assert_eq!(doc.format, document::Format::Markdown);
    for seed in [
        "seeds/000_36c74a95654013fe.txt",
        "seeds/001_9c6f262ed3157b37.txt",
        "seeds/002_4cd158ec9b524649.txt",
        "seeds/003_92cce1b2e57afc3b.txt",
    ] {
        assert!(
            !document::markdown::looks_like_markdown(&read(seed)),
            "{seed} must stay PDF text"
        );
    }
    assert!(document::markdown::looks_like_markdown(&read(SEED_004)));
}

#[test]
fn seed_004_golden() {
    let doc = document::parse_str(SEED_004, &read(SEED_004));
    check_spans(&doc);
    assert_eq!(doc.language, policylint::lang::Language::Nl);

    // 21 links, all with the placeholder target `#`, each pointing at its `#`.
    assert_eq!(doc.links.len(), 21);
    for l in &doc.links {
        assert_eq!(l.target, "#");
        assert_eq!(slice(&doc, l.target_span), "#");
        assert_eq!(slice(&doc, l.span), format!("[{}](#)", l.text));
    }
    let lines: Vec<usize> = doc
        .links
        .iter()
        .map(|l| doc.line_of(l.span.start))
        .collect();
    assert_eq!(
        lines,
        [22, 22, 22, 26, 29, 29, 33, 33, 35, 39, 41, 43, 45, 47, 53, 55, 57, 59, 59, 59, 63]
    );
    assert!(doc.links.iter().any(|l| l.text == "00 800 67 89 10 11"));

    // Plain-line headings, and nothing else taken for one.
    let headings: Vec<(usize, &str)> = doc
        .headings
        .iter()
        .map(|h| (doc.line_of(h.span.start), h.title.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            (17, "Belangrijke vooruitgang en vereiste maatregelen"),
            (31, "Chronologisch overzicht"),
            (37, "Meer informatie"),
            (61, "Related media"),
        ]
    );
    assert!(doc
        .headings
        .iter()
        .all(|h| h.number.is_none() && h.level == 4));

    // Four bullets (two tight lists), bold labels left out of the text.
    let bullets: Vec<usize> = doc
        .bullets
        .iter()
        .map(|b| doc.line_of(b.span.start))
        .collect();
    assert_eq!(bullets, [21, 22, 26, 27]);
    let first = doc.bullets[0].paragraph.expect("bullet text");
    assert_eq!(doc.paragraphs[first].kind, ParagraphKind::Bullet);
    assert!(doc.paragraphs[first]
        .text
        .as_str()
        .starts_with("Een toekomstbestendige veiligheidsomgeving: dit jaar"));

    // The broken bullet: "… na 21" + blank line + "december 2020 (…)" is one item.
    let broken = &doc.paragraphs[doc.bullets[1].paragraph.expect("bullet text")].text;
    let s = broken.as_str();
    let at = s
        .find("na 21 december 2020 (wanneer")
        .expect("the item runs on");
    let span = broken.source_span((at..at + "na 21 december 2020".len()).into());
    assert_eq!(doc.line_of(span.start), 22);
    assert_eq!(doc.line_of(span.end), 24);
    assert!(s.ends_with("die in 2021 zal worden gepresenteerd."));
    assert!(!doc
        .paragraphs
        .iter()
        .any(|p| p.text.as_str().starts_with("december 2020")));
    // The sentence split by the broken list is one sentence again.
    assert_eq!(doc.sentences.len(), 49);
    let crossing: Vec<&str> = doc
        .sentences
        .iter()
        .filter(|s| {
            let span = doc.sentence_span(s);
            doc.line_of(span.start) == 22 && doc.line_of(span.end) == 24
        })
        .map(|s| doc.sentence_text(s))
        .collect();
    assert_eq!(crossing.len(), 1);
    assert!(crossing[0].starts_with("Vervolgens heeft zij tussentijdse wetgeving"));
    assert!(crossing[0].contains("na 21 december 2020 (wanneer"));
    assert!(crossing[0].ends_with("te kunnen voortzetten."));
    assert_eq!(doc.notes.len(), 1);
    assert_eq!(doc.line_of(doc.notes[0].span.start), 24);

    // Title and dateline; the rest is body.
    assert_eq!(doc.paragraphs[0].kind, ParagraphKind::Title);
    assert_eq!(doc.paragraphs[1].text.as_str(), "Brussel, 9 december 2020");
    assert_eq!(doc.paragraphs[1].kind, ParagraphKind::Title);
    assert_eq!(doc.paragraphs[2].kind, ParagraphKind::Plain);
    // Italics and quotes: markup gone, quotes kept.
    let quote = doc
        .paragraphs
        .iter()
        .find(|p| p.text.as_str().starts_with("Vicevoorzitter"))
        .expect("quote paragraph");
    assert!(quote
        .text
        .as_str()
        .contains("Margaritis Schinias: \"De veiligheidsvoorschriften"));
    assert!(doc.footnote_refs.is_empty() && doc.footnote_defs.is_empty() && doc.boxes.is_empty());
    assert!(doc.points.is_empty());
}

fn fixture(name: &str) -> Document {
    let path = format!("tests/fixtures/markdown/{name}");
    document::parse(SourceFile::from_str(path.clone(), &read(&path)), None)
}

#[test]
fn english_fixture() {
    let doc = fixture("en.md");
    check_spans(&doc);
    assert_eq!(doc.language, policylint::lang::Language::En);
    let headings: Vec<(u8, Option<&str>, &str)> = doc
        .headings
        .iter()
        .map(|h| (h.level, h.number.as_deref(), h.title.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            (1, Some("I."), "Introduction"),
            (2, Some("1."), "Anticipate"),
            (2, Some("2."), "Prevent"),
            (4, None, "Further information"),
        ]
    );
    // Nested ordered lists: labels as written, depth by nesting.
    let points: Vec<(&str, u32, u8)> = doc
        .points
        .iter()
        .map(|p| (p.label.as_str(), p.value, p.depth))
        .collect();
    assert_eq!(
        points,
        [
            ("1.", 1, 1),
            ("2.", 2, 1),
            ("1.", 1, 2),
            ("2.", 2, 2),
            ("3.", 3, 1),
            ("(i)", 1, 1),
            ("(ii)", 2, 1)
        ]
    );
    assert_eq!(doc.points[5].scheme, Scheme::LowerRoman);
    assert_eq!(doc.points[6].text.as_str(), "then by cities.");
    assert_eq!(
        doc.points[0].text.as_str(),
        "Risk assessment for the whole Union."
    );
    assert_eq!(doc.points[4].text.as_str(), "A new network.");

    // Key actions (setext heading) with two frames and three items.
    assert_eq!(doc.boxes.len(), 1);
    let b = &doc.boxes[0];
    assert_eq!(b.title, "Key actions");
    assert_eq!(slice(&doc, b.title_span), "Key actions");
    let frames: Vec<(&str, Option<&str>)> = b
        .frames
        .iter()
        .map(|f| (f.text.as_str(), f.actor.as_deref()))
        .collect();
    assert_eq!(
        frames,
        [
            ("The Commission will:", Some("The Commission")),
            ("Member States are encouraged to:", Some("Member States")),
        ]
    );
    let items: Vec<(&str, Option<usize>)> =
        b.items.iter().map(|i| (i.text.as_str(), i.frame)).collect();
    assert_eq!(
        items,
        [
            ("propose a regulation on critical entities;", Some(0)),
            ("set up a knowledge hub.", Some(0)),
            ("share information on foreign fighters.", Some(1)),
        ]
    );
    // Box contents are not body text, bullets or headings.
    assert!(doc.bullets.is_empty());
    assert!(!doc
        .paragraphs
        .iter()
        .any(|p| p.text.as_str().contains("foreign fighters")));

    // Links: inline with title, reference, collapsed reference, empty target, `#`.
    let links: Vec<(&str, &str, &str)> = doc
        .links
        .iter()
        .map(|l| {
            (
                l.text.as_str(),
                l.target.as_str(),
                slice(&doc, l.target_span),
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            (
                "security union",
                "https://ec.europa.eu/security",
                "https://ec.europa.eu/security"
            ),
            (
                "agenda",
                "https://ec.europa.eu/agenda",
                "https://ec.europa.eu/agenda"
            ),
            (
                "roadmap",
                "https://ec.europa.eu/roadmap",
                "https://ec.europa.eu/roadmap"
            ),
            ("knowledge hub", "", ""),
            ("factsheet", "#", "#"),
        ]
    );
    assert_eq!(slice(&doc, doc.links[2].span), "[roadmap][]");

    // Footnotes: references and definitions (multi-line).
    let refs: Vec<(&str, Option<u32>)> = doc
        .footnote_refs
        .iter()
        .map(|r| (slice(&doc, r.span), r.number))
        .collect();
    assert_eq!(refs, [("[^1]", Some(1)), ("[^2]", Some(2))]);
    assert!(doc
        .footnote_refs
        .iter()
        .all(|r| r.style == RefStyle::Markdown));
    let defs: Vec<(Option<u32>, &str)> = doc
        .footnote_defs
        .iter()
        .map(|d| (d.number, d.text.as_str()))
        .collect();
    assert_eq!(
        defs,
        [
            (Some(1), "COM(2021) 123 final."),
            (Some(2), "The network starts in 2022, with twelve members."),
        ]
    );
    assert_eq!(
        slice(&doc, doc.footnote_defs[0].label_span.unwrap()),
        "[^1]"
    );
    // The footnote text is not body text.
    assert!(!doc
        .paragraphs
        .iter()
        .any(|p| p.text.as_str().contains("COM(2021)")));
    // Entities decoded, the marker of the reference left out of the text.
    let body: Vec<&str> = doc.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert!(body.contains(&"Radicalisation is prevented locally & online."));
    assert!(body[2]
        .starts_with("The Commission presents its first report on the security union strategy."));
    assert_eq!(doc.paragraphs[0].kind, ParagraphKind::Title);
    assert_eq!(doc.paragraphs[1].kind, ParagraphKind::Title);
    // Sentences of the body, split by the shared splitter.
    let sentences: Vec<&str> = doc.sentences.iter().map(|s| doc.sentence_text(s)).collect();
    assert!(sentences.contains(&"It builds on the agenda and the roadmap."));
    for s in &doc.sentences {
        let span = doc.sentence_span(s);
        assert!(doc.text()[span.start..span.end].starts_with(&doc.sentence_text(s)[..1]));
    }
}

#[test]
fn dutch_fixture() {
    let doc = fixture("nl.md");
    check_spans(&doc);
    assert_eq!(doc.language, policylint::lang::Language::Nl);
    let headings: Vec<&str> = doc.headings.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(headings, ["Inleiding", "Meer informatie"]);
    // `1)`-style list with a gap kept as written (4 after 2), bullets nested inside.
    let points: Vec<(&str, u32, u8)> = doc
        .points
        .iter()
        .map(|p| (p.label.as_str(), p.value, p.depth))
        .collect();
    assert_eq!(
        points,
        [
            ("1)", 1, 1),
            ("2)", 2, 1),
            ("4)", 4, 1),
            ("a)", 1, 1),
            ("h)", 8, 1),
            ("i)", 9, 1)
        ]
    );
    // Lettered paragraphs are points too; "i)" after "h)" is a letter.
    let schemes: Vec<Scheme> = doc.points[3..].iter().map(|p| p.scheme).collect();
    assert_eq!(schemes, [Scheme::LowerAlpha; 3]);
    assert_eq!(doc.points[5].text.as_str(), "verslag uit te brengen.");
    assert_eq!(slice(&doc, doc.points[5].label_span), "i)");
    assert_eq!(doc.bullets.len(), 2);
    // Bold "Kernacties" line is the box title; numbered and bulleted items.
    assert_eq!(doc.boxes.len(), 1);
    let b = &doc.boxes[0];
    assert_eq!(b.title, "Kernacties");
    assert_eq!(b.frames[0].actor.as_deref(), Some("De Commissie"));
    assert_eq!(b.frames[1].actor.as_deref(), Some("De lidstaten"));
    assert_eq!(b.items.len(), 3);
    assert_eq!(b.items[1].text.as_str(), "het mandaat van Europol herzien.");
    assert_eq!(b.items[2].frame, Some(1));
    let targets: Vec<&str> = doc.links.iter().map(|l| l.target.as_str()).collect();
    assert_eq!(targets, ["#", "https://europa.eu/partners", "", "#"]);
    assert_eq!(
        doc.footnote_defs[0].text.as_str(),
        "Zie COM(2020) 605 final."
    );
}

#[test]
fn crlf_line_ends_give_the_same_model() {
    for name in ["en.md", "nl.md"] {
        let lf = read(&format!("tests/fixtures/markdown/{name}"));
        let crlf = lf.replace('\n', "\r\n");
        let a = document::parse(SourceFile::from_str("a.md", &lf), None);
        let b = document::parse(SourceFile::from_str("b.md", &crlf), None);
        check_spans(&b);
        let texts = |d: &Document| -> Vec<String> {
            d.texts().map(|(_, t)| t.as_str().to_string()).collect()
        };
        assert_eq!(texts(&a), texts(&b), "{name}");
        assert_eq!(a.links.len(), b.links.len());
        assert_eq!(a.boxes.len(), b.boxes.len());
        assert_eq!(a.points.len(), b.points.len());
        let lines = |d: &Document| -> Vec<usize> {
            d.links.iter().map(|l| d.line_of(l.span.start)).collect()
        };
        assert_eq!(lines(&a), lines(&b));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn never_panics_and_spans_stay_in_the_text(s in "(?s)[a-zA-Z0-9 \\n\\r\\t#*_\\[\\]()<>!:;.,^`~|>-]{0,300}") {
        let doc = document::parse(SourceFile::from_str("p.md", &s), None);
        check_spans(&doc);
    }

    #[test]
    fn never_panics_on_any_unicode(s in "\\PC{0,200}") {
        let doc = document::parse(SourceFile::from_str("p.md", &s), None);
        check_spans(&doc);
    }

    #[test]
    fn shuffled_lines_of_004_parse(seed in any::<u64>()) {
        let text = read(SEED_004);
        let mut lines: Vec<&str> = text.lines().collect();
        // A cheap deterministic shuffle.
        let mut x = seed | 1;
        for i in (1..lines.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            lines.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let doc = document::parse(SourceFile::from_str("p.md", &lines.join("\n")), None);
        check_spans(&doc);
    }
}

#[test]
fn tables_quotes_code_images_and_html() {
    let src = "# Title\n\n> ## 2.1 Quoted heading\n> A quoted [link](https://a.eu).\n\n| A | B |\n|---|---|\n| cell [x](#) | two |\n\n```\nTODO in code\n```\n\n![alt TODO](img.png) after image <b>bold</b>.\n\n<div>html block</div>\n\nFinal *line*.\n";
    let doc = document::parse(SourceFile::from_str("t.md", src), None);
    check_spans(&doc);
    let texts: Vec<&str> = doc.texts().map(|(_, t)| t.as_str()).collect();
    assert!(texts.contains(&"A quoted link."));
    assert!(texts.contains(&"cell x"));
    assert!(texts.contains(&"after image bold."));
    assert!(
        !texts.iter().any(|t| t.contains("TODO")),
        "code and image alt text are not running text"
    );
    let numbered: Vec<(Option<&str>, u8)> = doc
        .headings
        .iter()
        .map(|h| (h.number.as_deref(), h.level))
        .collect();
    assert_eq!(numbered, [(None, 4), (Some("2.1"), 3)]);
    assert_eq!(doc.links.len(), 2);

    let tasks = document::parse(
        SourceFile::from_str("t.md", "- [x] done\n- [ ] open\n"),
        None,
    );
    let texts: Vec<&str> = tasks.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, ["done", "open"]);
}

fn fragment() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "# ",
        "## 1. ",
        "- ",
        "1. ",
        "2) ",
        "   ",
        "\n",
        "\r\n",
        "\n\n",
        "Key actions",
        "Kernacties\n",
        "The Commission will:",
        "[^1]",
        "[^1]: note ",
        "[a](#)",
        "[b][r]",
        "[r]: http://x ",
        "**",
        "*",
        "`",
        "word ",
        "é ",
        "€",
        "> ",
        "| a |",
        "<x>",
        "---",
        "Meer informatie",
        "na 21",
        "december 2020.",
        "\t",
        "[",
        "]",
        "(",
        ")",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn markdown_shaped_input_never_breaks_the_model(parts in prop::collection::vec(fragment(), 0..60)) {
        let s: String = parts.concat();
        let doc = document::parse(SourceFile::from_str("p.md", &s), None);
        check_spans(&doc);
    }
}

#[test]
fn english_press_release_in_a_txt_file() {
    let path = "tests/fixtures/markdown/press_release_en.txt";
    let doc = document::parse_str(path, &read(path));
    check_spans(&doc);
    assert_eq!(doc.format, document::Format::Markdown);
    assert_eq!(doc.language, policylint::lang::Language::En);
    let headings: Vec<&str> = doc.headings.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Key areas of progress",
            "Background",
            "For more information"
        ]
    );
    let kinds: Vec<ParagraphKind> = doc.paragraphs.iter().take(3).map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            ParagraphKind::Title,
            ParagraphKind::Title,
            ParagraphKind::Plain
        ]
    );
    assert_eq!(doc.bullets.len(), 2);
    let targets: Vec<&str> = doc.links.iter().map(|l| l.target.as_str()).collect();
    assert_eq!(
        targets,
        ["#", "https://eur-lex.europa.eu/eli/dir/2013/40/oj", "", "#"]
    );
    assert!(doc
        .paragraphs
        .iter()
        .any(|p| p.text.as_str() == "IP/20/2329"));
}

#[test]
fn labels_split_by_markup_are_not_labels() {
    let doc = document::parse(
        SourceFile::from_str("t.md", "# 0`.\t,`\n\na`)` text\n\n# 2. Real\n"),
        None,
    );
    check_spans(&doc);
    assert!(doc.points.is_empty());
    let numbers: Vec<Option<&str>> = doc.headings.iter().map(|h| h.number.as_deref()).collect();
    assert_eq!(numbers, [None, Some("2.")]);
}

#[test]
fn deep_nesting_is_cut_off_with_a_note() {
    for s in [
        "> ".repeat(5_000) + "text\n",
        "- ".repeat(5_000) + "x\n",
        "[".repeat(5_000) + "a" + &"](#)".repeat(5_000),
        "*".repeat(5_000) + "a" + &"*".repeat(5_000),
    ] {
        let doc = document::parse(SourceFile::from_str("d.md", &s), None);
        check_spans(&doc);
        if s.starts_with('>') || s.starts_with('-') {
            assert_eq!(doc.notes.len(), 1, "{}", &s[..10]);
            assert!(doc.notes[0].message.contains("not read"));
        }
    }
    // Ordinary nesting is read in full.
    let doc = document::parse(
        SourceFile::from_str("d.md", "> > > 1. a\n>     - b\n"),
        None,
    );
    assert!(doc.notes.is_empty());
    assert_eq!(doc.points.len(), 1);
}
