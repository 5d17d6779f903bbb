//! The wording rules (AC001–AC003, TV001, TX001, TX002): the examples of their pack
//! sections (their fixtures run in `rule_fixtures.rs`).
//!
//! Documents are built here from blank-line separated blocks, independent of the
//! parsers: a block is a body paragraph (its lines joined with a space, as the parsers
//! do), a heading when it starts with `# `, a footnote text when it starts with `^ `.

use policylint::document::{
    Document, FootnoteDef, Format, Heading, Paragraph, ParagraphKind, SourceFile, Span, Text,
};
use policylint::finding::Finding;
use policylint::lang::Language;
use policylint::pack::Pack;
use policylint::rules::{registry, Context};
#[path = "common/pack_examples.rs"]
mod pack_examples;

/// Build a document from blank-line separated blocks.
fn document(path: &str, source: &str, language: Language) -> Document {
    let mut doc = Document::empty(
        SourceFile::from_str(path, source),
        Format::PdfText,
        language,
    );
    let mut block: Vec<Span> = Vec::new();
    let mut offset = 0;
    let mut blocks: Vec<Vec<Span>> = Vec::new();
    for line in source.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let span = Span::new(offset + lead, offset + content.trim_end().len());
        if content.trim().is_empty() {
            if !block.is_empty() {
                blocks.push(std::mem::take(&mut block));
            }
        } else {
            block.push(span);
        }
        offset += line.len();
    }
    if !block.is_empty() {
        blocks.push(block);
    }
    for lines in blocks {
        let first = lines[0];
        let head = &source[first.start..first.end];
        let (kind, skip) = if head.starts_with("# ") {
            ("heading", 2)
        } else if head.starts_with("^ ") {
            ("footnote", 2)
        } else {
            ("body", 0)
        };
        let mut text = Text::new();
        for (i, l) in lines.iter().enumerate() {
            let l = if i == 0 {
                Span::new(l.start + skip, l.end)
            } else {
                *l
            };
            if i > 0 {
                text.push_synthetic(" ", l.start);
            }
            text.push_source(source, l);
        }
        let span = Span::new(first.start, lines.last().map_or(first.end, |l| l.end));
        match kind {
            "heading" => doc.headings.push(Heading {
                span,
                level: 4,
                number: None,
                number_span: None,
                title: text,
            }),
            "footnote" => doc.footnote_defs.push(FootnoteDef {
                span,
                label: None,
                label_span: None,
                number: None,
                text,
                page: 0,
                in_body: false,
            }),
            _ => doc.paragraphs.push(Paragraph {
                text,
                page: 0,
                kind: ParagraphKind::Plain,
            }),
        }
    }
    doc
}

/// Run the rules whose code starts with one of `prefixes`; findings in source order.
fn run(doc: &Document, pack: &Pack, codes: &[&str]) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in registry() {
        if !codes.contains(&rule.meta().code) {
            continue;
        }
        let mut cx = Context::new(rule.meta(), None, pack);
        rule.check(doc, &mut cx);
        out.extend(cx.into_findings());
    }
    out.sort_by_key(|f| (f.span.start, f.code));
    out
}

const WORDING_RULES: &[&str] = &["AC001", "AC002", "AC003", "TV001", "TX001", "TX002"];

#[test]
fn pack_examples_hold() {
    let sections: &[(&str, &[&str])] = &[
        ("acronyms", &["AC001", "AC002", "AC003"]),
        ("terms", &["TV001"]),
        ("text", &["TX001", "TX002"]),
    ];
    let mut checked = 0;
    for lang in [Language::Nl, Language::En] {
        let pack = &pack_examples::with_examples(lang);
        for (section, codes) in sections {
            let examples = pack
                .get(&format!("{section}.examples"))
                .and_then(|v| v.as_array())
                .unwrap_or_else(|| panic!("[{section}] of {lang:?} has no examples"));
            assert!(!examples.is_empty());
            for ex in examples {
                let text = ex.get("text").and_then(|v| v.as_str()).expect("text");
                let expected: Vec<&str> = ex
                    .get("expected")
                    .and_then(|v| v.as_array())
                    .expect("expected")
                    .iter()
                    .filter_map(|v| v.as_str())
                    .collect();
                let doc = document("example.txt", text, lang);
                let got: Vec<String> = run(&doc, pack, codes)
                    .iter()
                    .map(|f| format!("{} {}", f.code, &text[f.span.start..f.span.end]))
                    .collect();
                assert_eq!(got, expected, "{lang:?} [{section}] example: {text}");
                checked += 1;
            }
        }
    }
    assert!(checked >= 20);
}

#[test]
fn known_acronyms_extend_through_configuration() {
    let text = "Projecten zoals DANTE en TENSOR.";
    let doc = document("config.txt", text, Language::Nl);
    let builtin = Pack::builtin(Language::Nl);
    assert_eq!(run(&doc, builtin, &["AC001"]).len(), 2);
    let extra: toml::Table = "[acronyms]\nknown = [\"DANTE\", \"tensor\"]"
        .parse()
        .unwrap();
    let extended = builtin.extended(&extra);
    assert!(run(&doc, &extended, &["AC001"]).is_empty());
}

#[test]
fn docs_have_the_four_headings_in_order() {
    for rule in registry() {
        let m = rule.meta();
        if !WORDING_RULES.contains(&m.code) {
            continue;
        }
        let mut at = 0;
        for h in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Options",
        ] {
            let pos = m.explanation[at..]
                .find(h)
                .unwrap_or_else(|| panic!("{}: missing or misplaced `{h}`", m.code));
            at += pos + h.len();
        }
    }
}
