//! Word structures the generated fixtures do not all use, each in a minimal package
//! built here: tables of contents, text boxes, framed paragraph groups, multi-level
//! and style-linked numbering, a numbering value set by hand, deleted paragraph
//! marks, moves, endnotes, content controls, HYPERLINK fields, alternate content.

mod common;

use std::io::Write;

use policylint::document::load::load;
use policylint::document::{Document, ParagraphKind};

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape""#;

const STYLES: &str = r#"<w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Inhopg1"><w:name w:val="toc 1"/></w:style>"#;

const NUMBERING: &str = r#"<w:abstractNum w:abstractNumId="1">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="3">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%2."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>"#;

fn package(body: &str, endnotes: Option<&str>) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, text: String| {
        w.start_file(name, o).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    };
    put(
        "word/document.xml",
        format!("<w:document {W}><w:body>{body}</w:body></w:document>"),
    );
    put(
        "word/styles.xml",
        format!("<w:styles {W}>{STYLES}</w:styles>"),
    );
    put(
        "word/numbering.xml",
        format!("<w:numbering {W}>{NUMBERING}</w:numbering>"),
    );
    if let Some(e) = endnotes {
        put(
            "word/endnotes.xml",
            format!("<w:endnotes {W}>{e}</w:endnotes>"),
        );
    }
    w.finish().unwrap().into_inner()
}

fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn styled(style: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
    )
}

fn numbered(num: u32, ilvl: u8, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

fn doc(body: &str) -> Document {
    load("s.docx", &package(body, None), None).expect("loads")
}

#[test]
fn headings_numbered_through_their_style_show_word_s_numbers() {
    let d = doc(&[
        styled("Kop1", "Inleiding"),
        p("Tekst van de inleiding."),
        styled("Kop2", "Achtergrond"),
        styled("Kop1", "Doelstellingen"),
    ]
    .concat());
    let h: Vec<(Option<&str>, &str)> = d
        .headings
        .iter()
        .map(|h| (h.number.as_deref(), h.title.as_str()))
        .collect();
    assert_eq!(
        h,
        vec![
            (Some("I."), "Inleiding"),
            (Some("A."), "Achtergrond"),
            (Some("II."), "Doelstellingen")
        ]
    );
}

#[test]
fn multi_level_labels_and_a_value_set_by_hand() {
    let d = doc(&[
        numbered(1, 0, "Eerste punt."),
        numbered(1, 1, "Eerste subpunt."),
        numbered(1, 1, "Tweede subpunt."),
        numbered(1, 0, "Tweede punt."),
        // "Set numbering value" to 5: Word shows 5 after 2.
        numbered(4, 0, "Vijfde punt."),
    ]
    .concat());
    let labels: Vec<&str> = d.points.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, vec!["1.", "1.1", "1.2", "2.", "5."]);
    // Word cannot skip a number on its own; a value set by hand does, and the
    // numbering rule sees exactly what the reader sees.
    let nu = common::findings(&d, "NU001");
    assert_eq!(
        nu.len(),
        1,
        "{:?}",
        nu.iter().map(|f| &f.message).collect::<Vec<_>>()
    );
    assert_eq!(&d.text()[nu[0].span.start..nu[0].span.end], "5.");
}

#[test]
fn an_auto_numbered_list_cannot_skip() {
    let items: Vec<String> = (0..12)
        .map(|i| numbered(1, 0, &format!("Punt {i}.")))
        .collect();
    let d = doc(&items.concat());
    assert_eq!(d.points.last().unwrap().label, "12.");
    assert!(common::findings(&d, "NU001").is_empty());
}

#[test]
fn a_table_of_contents_is_not_prose() {
    let d = doc(&[
        styled("Inhopg1", "1. Inleiding 3"),
        styled("Inhopg1", "2. Doelstellingen 5"),
        p("De tekst begint hier."),
    ]
    .concat());
    assert!(d.points.is_empty());
    assert_eq!(d.paragraphs.len(), 1);
    assert!(d.text().contains("1. Inleiding 3"));
}

#[test]
fn a_text_box_and_a_framed_group_titled_key_actions_are_boxes() {
    let text_box = format!(
        r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>{}{}{}</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>{}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
        p("Key actions"),
        p("The Commission will:"),
        p("– propose a regulation in 2026."),
        p("Key actions"),
    );
    let framed = |t: &str| {
        format!(
            r#"<w:p><w:pPr><w:pBdr><w:top w:val="single" w:sz="4"/></w:pBdr></w:pPr><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>"#
        )
    };
    let d = doc(&[
        p("The Commission will propose a regulation."),
        text_box,
        framed("Kernacties"),
        framed("De Commissie zal:"),
        framed("een verordening voorstellen."),
        p("Slot."),
    ]
    .concat());
    assert_eq!(d.boxes.len(), 2, "the fallback copy is not read twice");
    assert_eq!(
        d.boxes[0].items[0].text.as_str(),
        "propose a regulation in 2026."
    );
    assert_eq!(d.boxes[1].frames[0].actor.as_deref(), Some("De Commissie"));
    assert_eq!(
        d.boxes[1].items[0].text.as_str(),
        "een verordening voorstellen."
    );
    assert_eq!(d.paragraphs.last().unwrap().text.as_str(), "Slot.");
}

#[test]
fn deleted_paragraph_marks_join_and_moves_are_read_as_accepted() {
    let d = doc(&[
        r#"<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="A"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">De Raad </w:t></w:r></w:p>"#.to_string(),
        p("neemt nota van het verslag."),
        r#"<w:p><w:moveFrom w:id="2" w:author="A"><w:r><w:t>Oude plek.</w:t></w:r></w:moveFrom><w:moveTo w:id="3" w:author="A"><w:r><w:t>Nieuwe plek.</w:t></w:r></w:moveTo></w:p>"#.to_string(),
    ]
    .concat());
    let texts: Vec<&str> = d.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        vec!["De Raad neemt nota van het verslag.", "Nieuwe plek."]
    );
    assert_eq!(d.draft.as_ref().unwrap().changes.len(), 2);
}

#[test]
fn endnotes_content_controls_and_hyperlink_fields() {
    let body = [
        r#"<w:sdt><w:sdtContent><w:p><w:r><w:t>Zie de toelichting</w:t></w:r><w:r><w:endnoteReference w:id="2"/></w:r><w:r><w:t>.</w:t></w:r></w:p></w:sdtContent></w:sdt>"#,
        r#"<w:p><w:r><w:t xml:space="preserve">Meer op </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://www.rijksoverheid.nl" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>rijksoverheid.nl</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>"#,
    ]
    .concat();
    let endnotes = r#"<w:endnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:endnote><w:endnote w:id="2"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> Kamerstukken II 2024/25, 21 501-20, nr. 2100.</w:t></w:r></w:p></w:endnote>"#;
    let d = load("e.docx", &package(&body, Some(endnotes)), None).unwrap();
    assert_eq!(d.paragraphs[0].text.as_str(), "Zie de toelichting.");
    assert_eq!(d.footnote_refs.len(), 1);
    assert_eq!(d.footnote_refs[0].label, "i");
    assert_eq!(d.footnote_defs[0].label.as_deref(), Some("i"));
    assert!(d.footnote_defs[0]
        .text
        .as_str()
        .starts_with("Kamerstukken II"));
    assert_eq!(d.links.len(), 1);
    assert_eq!(d.links[0].target, "https://www.rijksoverheid.nl");
    assert_eq!(d.links[0].text, "rijksoverheid.nl");
    // Footnote rules see an endnote as a note like any other: nothing to report.
    assert!(common::findings(&d, "FN").is_empty());
}

#[test]
fn typed_labels_are_points_as_in_text_input() {
    let d = doc(&[
        p("3. De Raad verwelkomt het verslag."),
        p("a) eerste;"),
        p("b) tweede."),
    ]
    .concat());
    let labels: Vec<&str> = d.points.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, vec!["3.", "a)", "b)"]);
    assert_eq!(d.paragraphs[0].kind, ParagraphKind::Point);
    assert_eq!(
        d.paragraphs[0].text.as_str(),
        "De Raad verwelkomt het verslag."
    );
}

#[test]
fn alternate_content_style_separators_and_imported_chunks() {
    let d = doc(&[
        // Text inside paragraph-level alternate content: the choice is read once.
        r#"<w:p><mc:AlternateContent><mc:Choice Requires="w14"><w:r><w:t>Gekozen tekst.</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>Terugval.</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"#.to_string(),
        // A style separator (specVanish) and web-hidden page numbers are not hidden text.
        r#"<w:p><w:r><w:rPr><w:specVanish/></w:rPr><w:t>Kop</w:t></w:r><w:r><w:rPr><w:webHidden/></w:rPr><w:t xml:space="preserve"> 3</w:t></w:r></w:p>"#.to_string(),
        r#"<w:altChunk r:id="rId9"/>"#.to_string(),
    ]
    .concat());
    assert_eq!(d.paragraphs[0].text.as_str(), "Gekozen tekst.");
    assert!(!d.text().contains("Terugval"));
    assert!(d.draft.as_ref().unwrap().hidden.is_empty());
    assert!(common::findings(&d, "DR").is_empty());
    assert!(d.notes.iter().any(|n| n.message.contains("altChunk")));
}

#[test]
fn table_cells_are_a_table_of_the_model_and_not_prose() {
    let cell = |t: &str| format!("<w:tc>{}</w:tc>", p(t));
    let body = format!(
        "{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>{}",
        p("The targets are set out below."),
        cell("Indicator"),
        cell("Target"),
        cell("Water reuse"),
        cell("50% by 2030"),
        p("The Commission will report every year.")
    );
    let d = doc(&body);
    assert_eq!(d.tables.len(), 1);
    let rows: Vec<Vec<&str>> = d.tables[0]
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.text.as_str()).collect())
        .collect();
    assert_eq!(
        rows,
        [["Indicator", "Target"], ["Water reuse", "50% by 2030"]]
    );
    for c in d.tables[0].rows.iter().flatten() {
        assert_eq!(&d.text()[c.span.start..c.span.end], c.text.as_str());
    }
    assert!(d
        .paragraphs
        .iter()
        .all(|p| !p.text.as_str().contains("Water reuse")));
}
