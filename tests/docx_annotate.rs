//! `policylint annotate`: findings written into a Word document as comments. The
//! annotated file is read back with policylint's own Word reader (each comment must
//! sit on the text its finding names), every part but the rewritten ones must be
//! byte-identical, a second run must replace policylint's comments and keep the
//! drafters', and — when LibreOffice is installed — LibreOffice must convert the
//! result.

mod common;

use std::collections::HashMap;
use std::io::{Cursor, Read};

use policylint::document::docx::{annotate, load_mapped};
use policylint::document::load::load;
use policylint::document::Document;
use policylint::finding::Finding;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn annotated(bytes: &[u8]) -> (Vec<u8>, Document, Vec<Finding>, annotate::Summary) {
    let (doc, anchors) = load_mapped("in.docx", bytes, None).unwrap();
    let findings = common::findings(&doc, "");
    let (out, summary) = annotate::annotate(bytes, &doc, &anchors, &findings).unwrap();
    (out, doc, findings, summary)
}

/// Entries of a package: name → (crc, compressed size, data).
fn entries(bytes: &[u8]) -> HashMap<String, (u32, u64, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        out.insert(f.name().to_string(), (f.crc32(), f.compressed_size(), data));
    }
    out
}

fn slice(doc: &Document, span: policylint::source::Span) -> &str {
    &doc.text()[span.start..span.end]
}

#[test]
fn each_comment_is_anchored_on_the_text_of_its_finding() {
    for name in [
        "docx/draft-en.docx",
        "docx/clean-en.docx",
        "docx/seed-001.docx",
    ] {
        let bytes = fixture(name);
        let (out, doc, findings, summary) = annotated(&bytes);
        assert_eq!(summary.written, findings.len(), "{name}: one comment each");
        let back = load("out.docx", &out, None).unwrap();
        // The text is unchanged by the comments.
        assert_eq!(back.text(), doc.text(), "{name}");
        let facts = back.draft.as_ref().unwrap();
        let ours: Vec<_> = facts
            .comments
            .iter()
            .filter(|c| c.author == "policylint")
            .collect();
        assert_eq!(ours.len(), findings.len(), "{name}");
        let body_end = doc.draft.as_ref().unwrap().body_end;
        let mut exact = 0;
        for f in &findings {
            let head = format!("{} {}", f.code, f.message);
            let c = ours
                .iter()
                .find(|c| c.text.contains(&head))
                .unwrap_or_else(|| panic!("{name}: no comment for {head}"));
            if let Some(help) = &f.help {
                assert!(c.text.ends_with(&format!(" — {help}")), "{}", c.text);
            }
            if f.span.start >= body_end {
                // A finding in a note sits on the word before the note's mark.
                let after = &back.text()[c.span.end..];
                assert!(
                    after.starts_with("[^"),
                    "{head}: {:?}",
                    slice(&back, c.span)
                );
                assert!(c.text.starts_with("In note "), "{}", c.text);
            } else if slice(&doc, f.span).starts_with("[^") {
                // Nor does a comment wrap a mark.
                assert!(back.text()[c.span.end..].starts_with("[^"), "{head}");
            } else if slice(&back, c.span) == slice(&doc, f.span).trim() {
                exact += 1;
            } else {
                // Text without a w:t of its own (a label, a mark) widens to what holds it.
                assert!(
                    c.span.start <= f.span.start && f.span.end <= c.span.end.max(f.span.end),
                    "{name} {head}: comment on {:?}, finding on {:?}",
                    slice(&back, c.span),
                    slice(&doc, f.span)
                );
            }
        }
        let in_body = findings.iter().filter(|f| f.span.start < body_end).count();
        assert!(
            exact * 10 >= in_body * 8,
            "{name}: {exact} of {in_body} exact"
        );
    }
}

#[test]
fn untouched_parts_are_byte_identical() {
    let bytes = fixture("docx/draft-en.docx");
    let (out, ..) = annotated(&bytes);
    let before = entries(&bytes);
    let after = entries(&out);
    let rewritten = ["word/document.xml", "word/comments.xml"];
    assert_eq!(
        {
            let mut k: Vec<_> = before.keys().collect();
            k.sort();
            k
        },
        {
            let mut k: Vec<_> = after.keys().collect();
            k.sort();
            k
        }
    );
    for (name, entry) in &before {
        if !rewritten.contains(&name.as_str()) {
            assert_eq!(entry, &after[name], "{name} changed");
        }
    }
}

#[test]
fn a_document_without_comments_gets_its_comments_part() {
    let bytes = fixture("docx/clean-en.docx");
    assert!(!entries(&bytes).contains_key("word/comments.xml"));
    let (out, _, findings, _) = annotated(&bytes);
    assert!(!findings.is_empty());
    let after = entries(&out);
    let types = String::from_utf8(after["[Content_Types].xml"].2.clone()).unwrap();
    assert!(types.contains("/word/comments.xml"));
    let rels = String::from_utf8(after["word/_rels/document.xml.rels"].2.clone()).unwrap();
    assert!(rels.contains("relationships/comments"));
    assert!(after.contains_key("word/comments.xml"));
}

#[test]
fn a_second_run_replaces_its_own_comments_and_keeps_the_drafters() {
    let bytes = fixture("docx/draft-en.docx");
    let (once, _, findings, _) = annotated(&bytes);
    let (twice, _, findings2, summary) = annotated(&once);
    assert_eq!(summary.replaced, findings.len());
    assert_eq!(findings2.len(), findings.len());
    // The same document again: the second run changes nothing.
    let (a, b) = (entries(&once), entries(&twice));
    for (name, entry) in &a {
        assert!(entry.2 == b[name].2, "{name} differs after a second run");
    }
    let back = load("twice.docx", &twice, None).unwrap();
    let comments = &back.draft.as_ref().unwrap().comments;
    let drafters: Vec<_> = comments
        .iter()
        .filter(|c| c.author != "policylint")
        .collect();
    assert_eq!(drafters.len(), 1);
    assert_eq!(drafters[0].author, "Jan Jansen");
    assert_eq!(slice(&back, drafters[0].span), "budget annex");
}

#[test]
fn the_cli_writes_atomically_and_never_over_the_input_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("draft.docx");
    std::fs::write(&input, fixture("docx/draft-en.docx")).unwrap();
    let output = dir.path().join("draft.reviewed.docx");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_policylint"))
        .args(["annotate"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert_eq!(
        std::fs::read(&input).unwrap(),
        fixture("docx/draft-en.docx")
    );
    assert!(load("r.docx", &std::fs::read(&output).unwrap(), None).is_ok());
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    // Without -o there is no run at all.
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_policylint"))
        .args(["annotate"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(!status.status.success());
    assert_eq!(
        std::fs::read(&input).unwrap(),
        fixture("docx/draft-en.docx")
    );
    // A text file is not annotated.
    let text = dir.path().join("a.txt");
    std::fs::write(&text, "Tekst.\n").unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_policylint"))
        .args(["annotate"])
        .arg(&text)
        .arg("-o")
        .arg(dir.path().join("b.docx"))
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&status.stderr).contains("not a Word document"));
}

fn soffice() -> Option<String> {
    ["soffice", "libreoffice"].into_iter().find_map(|exe| {
        std::process::Command::new(exe)
            .arg("--version")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|_| exe.to_string())
    })
}

#[test]
fn libreoffice_converts_the_annotated_document() {
    let Some(exe) = soffice() else {
        eprintln!("skipped: LibreOffice (soffice) is not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (out, _, findings, _) = annotated(&fixture("docx/draft-en.docx"));
    let path = dir.path().join("reviewed.docx");
    std::fs::write(&path, &out).unwrap();
    let original = dir.path().join("original.docx");
    std::fs::write(&original, fixture("docx/draft-en.docx")).unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let run = std::process::Command::new(&exe)
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&path)
        .arg(&original)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let odt = dir.path().join("reviewed.odt");
    let bytes = std::fs::read(&odt).expect("LibreOffice wrote the converted file");
    // LibreOffice kept the comments: one office:annotation per finding (plus the
    // drafter's).
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut content = String::new();
    zip.by_name("content.xml")
        .unwrap()
        .read_to_string(&mut content)
        .unwrap();
    let annotations = content.matches("<office:annotation ").count()
        + content.matches("<office:annotation>").count();
    assert_eq!(
        annotations,
        findings.len() + 1,
        "comments survive in LibreOffice"
    );
    assert!(content.contains("policylint"));
    // LibreOffice as a second reader: the text each comment covers, by its code.
    let covered = annotated_ranges(&content);
    for (code, text) in [
        ("DR004", "The financing figures are to be updated."),
        ("DR007", "[3]"),
        ("DR006", "4"),
        ("DR001", "and in its neighbourhood"),
        ("Check the budget figure", "budget annex"),
    ] {
        assert!(
            covered.iter().any(|(c, t)| c.contains(code) && t == text),
            "{code} on {text:?}: {covered:?}"
        );
    }
    // Every footnote keeps its text, as LibreOffice reads the original.
    let mut before = String::new();
    let bytes = std::fs::read(dir.path().join("original.odt")).expect("original converted");
    zip::ZipArchive::new(Cursor::new(bytes))
        .unwrap()
        .by_name("content.xml")
        .unwrap()
        .read_to_string(&mut before)
        .unwrap();
    assert_eq!(note_bodies(&content), note_bodies(&before));
    assert_eq!(note_bodies(&before).len(), 4);
}

/// The note bodies of an ODF content.xml, in order.
fn note_bodies(content: &str) -> Vec<&str> {
    content
        .split("<text:note-body>")
        .skip(1)
        .map(|b| b.split("</text:note-body>").next().unwrap_or(""))
        .collect()
}

/// (comment text, covered text) of each annotation of an ODF content.xml.
fn annotated_ranges(content: &str) -> Vec<(String, String)> {
    let strip = |s: &str| {
        // Leave out the bodies of annotations nested in this one.
        let mut s = s.to_string();
        while let Some(i) = s.find("<office:annotation ") {
            match s[i..].find("</office:annotation>") {
                Some(j) => s.replace_range(i..i + j + "</office:annotation>".len(), ""),
                None => break,
            }
        }
        let mut out = String::new();
        let mut in_tag = false;
        for c in s.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&apos;", "'")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
    };
    let open = r#"<office:annotation office:name=""#;
    let mut out = Vec::new();
    let mut rest = content;
    while let Some(i) = rest.find(open) {
        let tail = &rest[i + open.len()..];
        let name = &tail[..tail.find('"').unwrap_or(0)];
        let close = tail.find("</office:annotation>").unwrap_or(0);
        let body = &tail[..close];
        let comment = strip(body.find('>').map_or(body, |k| &body[k..]));
        let after = &tail[close..];
        let end_tag = format!(r#"<office:annotation-end office:name="{name}"/>"#);
        let covered = after
            .find(&end_tag)
            .map_or(String::new(), |j| strip(&after[..j]));
        out.push((comment, covered.trim().to_string()));
        rest = tail;
    }
    out
}

mod spans {
    use super::*;
    use policylint::finding::Level;
    use policylint::source::Span;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Comments on arbitrary spans (across runs, labels, marks, notes, paragraphs)
        /// give a document that loads with the same text and one comment per span.
        #[test]
        fn comments_on_any_spans_keep_the_document_whole(
            picks in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..80), 1..12),
            name in prop::sample::select(vec!["docx/draft-en.docx", "docx/draft-en.libreoffice.docx"]),
        ) {
            let bytes = fixture(name);
            let (doc, anchors) = load_mapped("in.docx", &bytes, None).unwrap();
            let text = doc.text();
            let findings: Vec<Finding> = picks
                .iter()
                .map(|(at, len)| {
                    let mut s = at.index(text.len());
                    while !text.is_char_boundary(s) {
                        s -= 1;
                    }
                    let mut e = (s + len).min(text.len());
                    while !text.is_char_boundary(e) {
                        e -= 1;
                    }
                    Finding {
                        code: "ZZ001",
                        rule: "test",
                        level: Level::Warning,
                        message: format!("span {s}..{e} & <ok>"),
                        span: Span::new(s, e),
                        label: None,
                        related: Vec::new(),
                        help: None,
                        notes: Vec::new(),
                        secondary: false,
                    }
                })
                .collect();
            let (out, summary) = annotate::annotate(&bytes, &doc, &anchors, &findings).unwrap();
            let back = load("out.docx", &out, None).unwrap();
            prop_assert_eq!(back.text(), doc.text());
            let ours = back
                .draft
                .as_ref()
                .unwrap()
                .comments
                .iter()
                .filter(|c| c.author == "policylint")
                .count();
            prop_assert_eq!(ours, summary.written);
            // Every span with text on it gets its comment.
            let with_text = findings
                .iter()
                .filter(|f| !text[f.span.start..f.span.end].trim().is_empty())
                .count();
            prop_assert!(summary.written >= with_text, "{} of {}", summary.written, with_text);
            prop_assert!(summary.written <= findings.len());
        }
    }
}

/// A package with some entries replaced or added.
fn with_parts(bytes: &[u8], parts: &[(&str, String)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).unwrap();
        if parts.iter().any(|(n, _)| *n == f.name()) {
            continue;
        }
        w.raw_copy_file(f).unwrap();
    }
    for (name, text) in parts {
        w.start_file(*name, o).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn a_rerun_after_word_saved_the_file_cleans_word_s_comment_parts() {
    // What Word adds when it saves comments: paragraph ids in comments.xml and the
    // commentsExtended / commentsIds / commentsExtensible parts that refer to them.
    let (once, ..) = annotated(&fixture("docx/draft-en.docx"));
    let comments = String::from_utf8(entries(&once)["word/comments.xml"].2.clone()).unwrap();
    let mut n = 0;
    let mut saved = String::new();
    let mut ids = Vec::new();
    for (i, piece) in comments.split("<w:p>").enumerate() {
        if i > 0 {
            n += 1;
            ids.push(format!("{n:08X}"));
            saved.push_str(&format!(
                r#"<w:p xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" w14:paraId="{n:08X}">"#
            ));
        }
        saved.push_str(piece);
    }
    // The drafter's comment is the first; a reply of the drafter to policylint's
    // second comment keeps its place but loses its parent link.
    let ext = format!(
        r#"<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">{}<w15:commentEx w15:paraId="FFFF0001" w15:paraIdParent="{}" w15:done="0"/></w15:commentsEx>"#,
        ids.iter()
            .map(|p| format!(r#"<w15:commentEx w15:paraId="{p}" w15:done="0"/>"#))
            .collect::<String>(),
        ids[1]
    );
    let cid = format!(
        r#"<w16cid:commentsIds xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid">{}</w16cid:commentsIds>"#,
        ids.iter()
            .map(|p| format!(r#"<w16cid:commentId w16cid:paraId="{p}" w16cid:durableId="D{p}"/>"#))
            .collect::<String>()
    );
    let cex = format!(
        r#"<w16cex:commentsExtensible xmlns:w16cex="http://schemas.microsoft.com/office/word/2018/wordml/cex">{}</w16cex:commentsExtensible>"#,
        ids.iter()
            .map(|p| format!(r#"<w16cex:commentExtensible w16cex:durableId="D{p}" w16cex:dateUtc="2026-12-01T10:00:00Z"/>"#))
            .collect::<String>()
    );
    let word_saved = with_parts(
        &once,
        &[
            ("word/comments.xml", saved),
            ("word/commentsExtended.xml", ext),
            ("word/commentsIds.xml", cid),
            ("word/commentsExtensible.xml", cex),
        ],
    );
    let (twice, _, findings, summary) = annotated(&word_saved);
    assert_eq!(summary.replaced, findings.len());
    let after = entries(&twice);
    let part = |name: &str| String::from_utf8(after[name].2.clone()).unwrap();
    let drafter = &ids[0];
    let ext = part("word/commentsExtended.xml");
    assert_eq!(ext.matches("<w15:commentEx ").count(), 2, "{ext}");
    assert!(ext.contains(drafter) && ext.contains("FFFF0001"));
    assert!(!ext.contains("paraIdParent"), "{ext}");
    let cid = part("word/commentsIds.xml");
    assert_eq!(cid.matches("<w16cid:commentId ").count(), 1, "{cid}");
    let cex = part("word/commentsExtensible.xml");
    assert_eq!(
        cex.matches("<w16cex:commentExtensible ").count(),
        1,
        "{cex}"
    );
    assert!(cex.contains(&format!("D{drafter}")));
    assert!(load("t.docx", &twice, None).is_ok());
}
