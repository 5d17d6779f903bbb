//! Structure facts of real PDFs, established by reading them (pdftotext and the page
//! images), checked against what the PDF front end recovers. The shared set lives in
//! `../shared/realworld/pdf`; those tests skip with a message when it is absent. The
//! small fixtures in tests/fixtures/pdf (written by make.py there) always run.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use policylint::document::load::load;
use policylint::document::{Document, Scheme};

fn fixture(name: &str) -> Vec<u8> {
    let p = format!("{}/tests/fixtures/pdf/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(p).expect("fixture readable")
}

fn shared(name: &str) -> Option<Document> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/realworld/pdf");
    let path = dir.join(name);
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("skipping: {} not found (../shared absent)", path.display());
        return None;
    };
    Some(load(&path.to_string_lossy(), &bytes, None).expect("shared PDF loads"))
}

fn ref_numbers(doc: &Document) -> Vec<u32> {
    doc.footnote_refs.iter().filter_map(|r| r.number).collect()
}

fn def_numbers(doc: &Document) -> Vec<u32> {
    doc.footnote_defs.iter().filter_map(|d| d.number).collect()
}

/// Every footnote 1..=n is referenced once in order and defined once in order.
fn assert_paired(doc: &Document, n: u32) {
    let want: Vec<u32> = (1..=n).collect();
    assert_eq!(ref_numbers(doc), want, "references of {}", doc.path());
    assert_eq!(def_numbers(doc), want, "definitions of {}", doc.path());
}

fn paragraphs_text(doc: &Document) -> String {
    doc.paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_no_furniture_in_body(doc: &Document) {
    let body = paragraphs_text(doc);
    let page_line = regex::Regex::new(r"(?i)\bP ?agina \d+ van \d+|\bL 277/\d+").unwrap();
    assert!(
        !page_line.is_match(&body),
        "furniture in the body of {}: {:?}",
        doc.path(),
        page_line.find(&body).map(|m| m.as_str())
    );
    for p in &doc.paragraphs {
        let t = p.text.as_str().trim();
        assert!(
            !(t.len() <= 4 && !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())),
            "a page number became a paragraph in {}: {t:?}",
            doc.path()
        );
    }
}

// ---- fixtures (always run) ----

#[test]
fn fixture_footnotes_headings_points_and_furniture() {
    let doc = load("footnotes.pdf", &fixture("footnotes.pdf"), None).unwrap();
    assert_eq!(doc.pages.len(), 2);
    // Raised, smaller "1" after "framework" and "2" after "States": references.
    assert_eq!(ref_numbers(&doc), vec![1, 2]);
    assert_eq!(doc.footnote_refs[0].page, 0);
    assert_eq!(doc.footnote_refs[1].page, 1);
    // Notes at the page bottom under a rule, each with its raised label.
    assert_eq!(def_numbers(&doc), vec![1, 2]);
    assert!(doc.footnote_defs[0]
        .text
        .as_str()
        .starts_with("Regulation (EU) 2021/241"));
    assert_eq!(doc.footnote_defs[1].page, 1);
    // The lowered "2" of CO2 is not a reference and stays in the word.
    let body = paragraphs_text(&doc);
    assert!(body.contains("CO2 emissions"), "{body}");
    // Hyphenation: "imple-/mentation" joins; "user-/friendly" keeps its hyphen (both
    // halves are words of the document, the joined form is not).
    assert!(body.contains("implementation"), "{body}");
    assert!(body.contains("user-friendly"), "{body}");
    // The reference digits are not part of the paragraph text.
    assert!(body.contains("framework for"), "{body}");
    // Headings by size and number; points by label.
    let titles: Vec<&str> = doc.headings.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(titles, vec!["Scope and objectives", "Monitoring"]);
    assert_eq!(doc.headings[0].number.as_deref(), Some("1."));
    let labels: Vec<&str> = doc.points.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, vec!["(a)", "(b)"]);
    assert!(doc.points.iter().all(|p| p.scheme == Scheme::LowerAlpha));
    // The running header and the page numbers are furniture, not body.
    assert!(!body.contains("Council of the European Union"));
    assert_no_furniture_in_body(&doc);
    // Findings carry the page: the rendering knows where each page starts.
    let r = doc.source.rendering.as_ref().unwrap();
    assert_eq!(r.page_starts.len(), 2);
    assert_eq!(r.page_at(doc.footnote_refs[1].span.start), Some(2));
    assert_eq!(r.footnote_starts.len(), 2);
    // Spans point at the rendering.
    let s = doc.footnote_refs[0].span;
    assert_eq!(&doc.text()[s.start..s.end], "1");
}

#[test]
fn fixture_footnote_rules_are_silent_on_intact_notes() {
    let doc = load("footnotes.pdf", &fixture("footnotes.pdf"), None).unwrap();
    let found = common::findings(&doc, "FN");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_libreoffice_pdf_with_references_set_side_by_side() {
    // Seed 000 as LibreOffice exports its Word version: 71 notes, where "[^4][^5]" and
    // "[^22][^23][^24]" come out as raised "45" and "222324" with nothing between
    // them. Every reference is read, in order, and the footnote rules are silent.
    let doc = load(
        "seed-000.libreoffice.pdf",
        &fixture("seed-000.libreoffice.pdf"),
        None,
    )
    .unwrap();
    assert_paired(&doc, 71);
    let found = common::findings(&doc, "FN");
    assert!(found.is_empty(), "{found:?}");
    // Seed 001: five side by side ("[^18]…[^22]", a raised run of ten digits).
    let doc = load(
        "seed-001.libreoffice.pdf",
        &fixture("seed-001.libreoffice.pdf"),
        None,
    )
    .unwrap();
    assert_paired(&doc, 79);
    let found = common::findings(&doc, "FN");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_pdf_without_text_is_refused_with_its_cause() {
    let err = load("no_text.pdf", &fixture("no_text.pdf"), None).unwrap_err();
    assert!(err.message.contains("no text layer"), "{}", err.message);
}

#[test]
fn damaged_pdfs_are_refused_with_a_cause() {
    let bytes = fixture("footnotes.pdf");
    for cut in [10, bytes.len() / 3] {
        match load("cut.pdf", &bytes[..cut], None) {
            Err(e) => assert!(!e.message.is_empty()),
            Ok(doc) => assert!(doc.pages.len() <= 2),
        }
    }
    let err = load("junk.pdf", b"%PDF-1.7\nthis is not a PDF at all", None).unwrap_err();
    assert!(
        err.message.to_lowercase().contains("pdf"),
        "{}",
        err.message
    );
}

// ---- the shared set ----

#[test]
fn council_conclusions() {
    let Some(doc) = shared("01_council_conclusions_copernicus_2035.pdf") else {
        return;
    };
    assert_eq!(doc.pages.len(), 11);
    // Notes 1–4 on page 3 and 5 on page 4, set in body size with raised labels.
    assert_paired(&doc, 5);
    assert_eq!(doc.footnote_defs[4].page, 3);
    // Set with wide line spacing: a point's four lines are one paragraph, not four.
    let point_22 = doc
        .paragraphs
        .iter()
        .find(|p| p.text.as_str().starts_with("SUPPORTS the ambition"))
        .expect("point 22");
    assert!(point_22
        .text
        .as_str()
        .ends_with("data quality and scientific relevance;"));
    // Recitals A.–D. are points, not headings.
    assert!(doc
        .points
        .iter()
        .any(|p| p.label == "(a)" || p.label.starts_with("a")));
    assert_no_furniture_in_body(&doc);
}

#[test]
fn commission_proposal_soil() {
    let Some(doc) = shared("02_com2023_416_soil_monitoring_law.pdf") else {
        return;
    };
    assert_eq!(doc.pages.len(), 69);
    // Footnotes 1–86 of the memorandum and recitals, and 87–93 of the financial
    // statement, whose landscape pages (tables, notes in 10 pt under them, "EN" in
    // the corners as far from the bottom as on the portrait pages) are no side
    // column: all referenced and defined in order. A budget line "09 02 01" at the
    // bottom of page 58 is no note.
    assert_paired(&doc, 93);
    assert_no_furniture_in_body(&doc);
}

#[test]
fn bnc_fiche() {
    let Some(doc) = shared("05_bnc_fiche_instant_payments_nl.pdf") else {
        return;
    };
    assert_eq!(doc.pages.len(), 13);
    assert_paired(&doc, 11);
    // Set with wide line spacing: a paragraph's lines are one paragraph, and a title
    // line over its text ("Inhoud voorstel") stays apart from it.
    let texts: Vec<&str> = doc.paragraphs.iter().map(|p| p.text.as_str()).collect();
    let second = texts
        .iter()
        .find(|t| t.starts_with("De tweede maatregel in het voorstel"))
        .expect("the paragraph on the second measure");
    assert!(
        second.contains("hoger zijn dan het tarief voor een"),
        "{second}"
    );
    assert!(texts.contains(&"Inhoud voorstel"), "{texts:?}");
    assert_no_furniture_in_body(&doc);
}

#[test]
fn letter_to_parliament_aviation() {
    let Some(doc) = shared("06_kamerbrief_emissie_luchtvaart_nl.pdf") else {
        return;
    };
    assert_eq!(doc.pages.len(), 9);
    // Every footnote is paired, one per reference.
    assert_paired(&doc, 16);
    // The sender column is not body text.
    let body = paragraphs_text(&doc);
    for s in ["Ons kenmerk", "Rijnstraat 8", "IENW/BSK-2022/268034"] {
        assert!(!body.contains(s), "{s} in body");
    }
    // "Pagina N van 9" is a page number.
    assert_eq!(doc.pages[3].number, Some(4));
    // Headings by number; the agenda items are points.
    assert!(doc
        .headings
        .iter()
        .any(|h| h.number.as_deref() == Some("1.1")
            && h.title
                .as_str()
                .starts_with("Blootstelling van de omgeving")));
    let agenda: Vec<u32> = doc
        .points
        .iter()
        .filter(|p| p.scheme == Scheme::Arabic)
        .map(|p| p.value)
        .take(7)
        .collect();
    assert_eq!(agenda, (1..=7).collect::<Vec<_>>());
    assert_no_furniture_in_body(&doc);
}

#[test]
fn letter_to_parliament_water() {
    let Some(doc) = shared("07_kamerbrief_water_bodem_nl.pdf") else {
        return;
    };
    assert_eq!(doc.pages.len(), 32);
    // Note 16 has its label on a line of its own; note 21 too.
    assert_paired(&doc, 27);
    assert_no_furniture_in_body(&doc);
}

#[test]
fn digital_services_act() {
    let Some(doc) = shared("10_regulation_2022_2065_dsa.pdf") else {
        return;
    };
    assert_eq!(doc.pages.len(), 102);
    // The Official Journal's "(1)" notes are footnotes: 41 of them, each referenced.
    assert_paired(&doc, 41);
    // The recitals (1)…(156) are numbered points of the body, not footnotes.
    let recitals: BTreeSet<u32> = doc
        .points
        .iter()
        .filter(|p| p.scheme == Scheme::Arabic && p.label.starts_with('('))
        .map(|p| p.value)
        .collect();
    assert!(recitals.contains(&1) && recitals.contains(&156));
    assert!(doc
        .headings
        .iter()
        .any(|h| h.title.as_str().starts_with("Article 1")
            || h.number.as_deref() == Some("Article 1")));
    // The running head "L 277/N" gives the page, and is not body.
    assert_no_furniture_in_body(&doc);
}

#[test]
fn step_footnotes_in_tables_and_landscape_pages() {
    let Some(doc) = shared("03_com2023_335_step.pdf") else {
        return;
    };
    // 88 footnotes, all paired in order: 74-76 are referenced from the header cells
    // of the budget-line table on page 55 (the number opens a cell line, or stands on
    // one alone), 85-88 from the financial statement's tables. The amending point
    // "(7) In Annex I, Table I..." in body size under a small-type table (page 34) and
    // the table header "N87 N+1..." (page 65) are no notes.
    assert_paired(&doc, 88);
    assert_no_furniture_in_body(&doc);
}

#[test]
fn step_lines_reaching_the_right_margin_stay_whole() {
    let Some(doc) = shared("03_com2023_335_step.pdf") else {
        return;
    };
    // Page 65, the staff table of the financial statement: its text runs to the right
    // margin, where the running footer "EN" stands on every page. That footer is no
    // side column, so these lines are not cut at its left edge (read on the page).
    let body = doc.text().split_whitespace().collect::<Vec<_>>().join(" ");
    for whole in [
        "will be needed until the end of the current MFF period",
        "an additional unit to be established within DG BUDG in the Commission",
    ] {
        assert!(body.contains(whole), "{whole}");
    }
}

#[test]
fn afir_note_label_set_against_its_text() {
    let Some(doc) = shared("04_com2021_559_afir_nl.pdf") else {
        return;
    };
    // Page 23: note 16 of the proposal's own series (the fourth: "16 (part 4)") is
    // printed "16COM(2020) 301 final." with no gap after the label; it is note 16,
    // referenced from recital 26 ("...klimaatneutraal Europa16").
    let def = doc
        .footnote_defs
        .iter()
        .find(|d| d.page == 22 && d.label.as_deref().is_some_and(|l| l.starts_with("16")))
        .expect("note 16 on page 23");
    assert!(def.text.as_str().trim_start().starts_with("COM(2020) 301"));
    assert!(doc
        .footnote_refs
        .iter()
        .any(|r| r.page == 22 && r.label.starts_with("16")));
}

#[test]
fn the_other_documents_load_and_keep_furniture_out() {
    for (name, pages) in [
        ("03_com2023_335_step.pdf", 67),
        ("04_com2021_559_afir_nl.pdf", 51),
        ("08_internationale_klimaatstrategie_nl.pdf", 13),
        ("09_euspa_space_green_transformation.pdf", 72),
    ] {
        let Some(doc) = shared(name) else {
            return;
        };
        assert_eq!(doc.pages.len(), pages, "{name}");
        assert_no_furniture_in_body(&doc);
    }
}

/// The body text of a document with its white space collapsed.
fn flat_body(doc: &Document) -> String {
    let mut all: Vec<&str> = doc.paragraphs.iter().map(|p| p.text.as_str()).collect();
    all.extend(doc.points.iter().map(|p| p.text.as_str()));
    all.join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn climate_strategy_words_are_whole_and_columns_apart() {
    let Some(doc) = shared("08_internationale_klimaatstrategie_nl.pdf") else {
        return;
    };
    let body = flat_body(&doc);
    // The producer writes a word's hidden hyphenation points as a space glyph that the
    // next letter overwrites: those words are one word (read on pages 3, 4, 5, 7, 10).
    for split in [
        "klimaat neutrale",
        "inter nationaal",
        "maat schappelijke",
        "mogelijk heden",
        "klimaat ambities",
        "voedsel systemen",
    ] {
        assert!(!body.contains(split), "split word {split:?}");
    }
    for whole in [
        "klimaatneutrale Unie",
        "internationaal",
        "maatschappelijke",
        "mogelijkheden",
    ] {
        assert!(body.contains(whole), "missing {whole:?}");
    }
    // The spreads hold two pages of two columns each, with a running footer across
    // the gutters: a column is read down before the next one (page 3, left column).
    assert!(
        body.contains(
            "Alle lidstaten hebben zich met het aannemen van de Europese Klimaatwet in 2021 gecommitteerd"
        ),
        "column read across the gutter"
    );
    // Its 66 footnotes sit under the four columns of the spreads, with labels and
    // references a point smaller than the text and raised, some beside a callout in
    // a larger type on the same baseline: every one is paired, in order.
    assert_paired(&doc, 66);
    // Line-end hyphens: "klimaat-" + "diplomatie" on page 5 is a break inside the
    // word the document writes whole elsewhere.
    assert!(body.contains("bilaterale klimaatdiplomatie"));
    assert!(!body.contains("klimaat-diplomatie"));
}

#[test]
fn dsa_line_end_hyphens() {
    let Some(doc) = shared("10_regulation_2022_2065_dsa.pdf") else {
        return;
    };
    let body = flat_body(&doc);
    // Recital 59 breaks "case-by-case" after "case-": the word keeps its hyphens.
    assert!(!body.contains("caseby-case") && !body.contains("case-bycase"));
    assert!(body.contains("assessed on a case-by-case basis"));
    // "out-of-court" is written so throughout; never "out-ofcourt".
    assert!(!body.contains("out-ofcourt"));
    assert!(body.contains("out-of-court dispute settlement"));
}

#[test]
fn numbering_rules_abstain_on_a_pdf_with_one_note() {
    // The model does read the gaps ((a) then (c); 1. then 3.) ...
    let doc = load("numbering_gap.pdf", &fixture("numbering_gap.pdf"), None).unwrap();
    let raw = common::findings(&doc, "NU00");
    assert!(raw.iter().any(|f| f.code == "NU001"), "{raw:?}");
    // ... but in a PDF the numbering rules stay silent and say so once.
    let findings = checked_fixture("numbering_gap.pdf");
    let codes: Vec<&str> = findings.iter().filter_map(|f| f["code"].as_str()).collect();
    assert!(
        !codes.iter().any(|c| *c == "NU001" || *c == "NU002"),
        "{codes:?}"
    );
    assert_eq!(notes_starting(&findings, "numbering not checked"), 1);
}

#[test]
fn footnote_rules_abstain_on_a_pdf_whose_references_run_out_of_order() {
    // The rules see the order broken at two places ...
    let name = "footnotes_out_of_order.pdf";
    let doc = load(name, &fixture(name), None).unwrap();
    let raw = common::findings(&doc, "FN");
    let breaks = raw.iter().filter(|f| f.code == "FN003").count();
    assert!(breaks >= 2, "{raw:?}");
    // ... which in a PDF is the reading order's doing: one note, no FN finding.
    let findings = checked_fixture(name);
    let codes: Vec<&str> = findings.iter().filter_map(|f| f["code"].as_str()).collect();
    assert!(!codes.iter().any(|c| c.starts_with("FN")), "{codes:?}");
    assert_eq!(notes_starting(&findings, "footnotes not checked"), 1);
}

/// The JSON findings of `policylint check` (the whole engine, abstention included) on a
/// fixture PDF.
fn checked_fixture(name: &str) -> Vec<serde_json::Value> {
    let path = format!("{}/tests/fixtures/pdf/{name}", env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_policylint"))
        .args(["check", "--format", "json", &path])
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    json["findings"].as_array().expect("findings").clone()
}

/// How many PLX005 notes start with `prefix`.
fn notes_starting(findings: &[serde_json::Value], prefix: &str) -> usize {
    let starts =
        |f: &serde_json::Value| f["message"].as_str().is_some_and(|m| m.starts_with(prefix));
    findings
        .iter()
        .filter(|f| f["code"] == "PLX005" && starts(f))
        .count()
}

/// The messages of the findings with `code`.
fn messages_of<'f>(findings: &'f [serde_json::Value], code: &str) -> Vec<&'f str> {
    findings
        .iter()
        .filter(|f| f["code"] == code)
        .filter_map(|f| f["message"].as_str())
        .collect()
}

#[test]
fn table_cells_written_in_one_text_object_are_no_repeated_words() {
    // Cells set two ems apart or more, with a space between them: "No    No    Yes" is
    // three cells; the doubled "the" of the prose line is a slip and still reported.
    let findings = checked_fixture("table_cells.pdf");
    assert_eq!(messages_of(&findings, "TX001"), ["`the` is repeated"]);
}

#[test]
fn a_table_cell_wrapped_under_its_row_is_no_unbalanced_bracket() {
    // "Total volume withdrawn (not including" is a cell of a table row; its last words
    // "reused rainwater)" stand on the line under the row. The table is not prose, and
    // the bracket closed there is the cell's.
    let findings = checked_fixture("table_cell_wrap.pdf");
    let tx = messages_of(&findings, "TX002");
    assert!(tx.is_empty(), "{tx:?}");
}

// ---- tables and boxes (issue 11) ----

fn cell_texts(t: &policylint::document::Table) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|r| r.iter().map(|c| c.text.as_str().to_string()).collect())
        .collect()
}

#[test]
fn fixture_ruled_and_unruled_tables_are_tables_not_prose() {
    let doc = load("tables.pdf", &fixture("tables.pdf"), None).unwrap();
    assert_eq!(doc.tables.len(), 2, "{:?}", doc.tables);
    // The ruled table: three rows of three cells; the first two cells of each row,
    // written as one text run, are split at the rule between them.
    assert_eq!(
        cell_texts(&doc.tables[0])[1],
        ["Operational appropriations", "100,000", "80,000"]
    );
    assert_eq!(doc.tables[0].rows.len(), 3);
    // The unruled table: four rows of three cells.
    assert_eq!(doc.tables[1].rows.len(), 4);
    assert_eq!(
        cell_texts(&doc.tables[1])[3],
        ["Seconded national experts", "2", "3"]
    );
    // Every cell's span points at its text in the rendering.
    for t in &doc.tables {
        for c in t.rows.iter().flatten() {
            assert_eq!(&doc.text()[c.span.start..c.span.end], c.text.as_str());
        }
    }
    let body = paragraphs_text(&doc);
    assert!(!body.contains("appropriations") && !body.contains("Contract agents"));
    assert_eq!(doc.paragraphs.len(), 3, "{body}");
}

#[test]
fn fixture_shaded_key_action_boxes_and_boxed_prose() {
    let doc = load("boxes.pdf", &fixture("boxes.pdf"), None).unwrap();
    assert_eq!(doc.boxes.len(), 2, "{:?}", doc.boxes);
    let nl = &doc.boxes[0];
    assert_eq!(nl.title, "Kernacties");
    let actors: Vec<Option<&str>> = nl.frames.iter().map(|f| f.actor.as_deref()).collect();
    assert_eq!(actors, [Some("De Commissie"), Some("Het kabinet")]);
    assert_eq!(nl.items.len(), 3);
    assert_eq!(nl.items[2].frame, Some(1));
    assert!(nl.items[0].text.as_str().starts_with("een voorstel doen"));
    // The English box has no title: its frame opens it.
    let en = &doc.boxes[1];
    assert_eq!(en.frames.len(), 1);
    assert_eq!(en.frames[0].actor.as_deref(), Some("The Commission"));
    assert_eq!(en.items.len(), 2);
    // Box text is not body prose; the body around the boxes is.
    let body = paragraphs_text(&doc);
    assert!(
        !body.contains("kerosine") && !body.contains("levy"),
        "{body}"
    );
    assert!(body.contains("Het kabinet informeert de Kamer"));
    // A framed "Box 1" of prose stays prose but is not merged with the body line
    // above it, which runs on without a full stop.
    assert!(doc
        .paragraphs
        .iter()
        .any(|p| p.text.as_str() == "The programme builds on earlier work of the agencies and of the Member States in this field"));
    assert!(doc
        .paragraphs
        .iter()
        .any(|p| p.text.as_str().starts_with("Box 1 The first results")));
}

#[test]
fn step_tables_on_the_page_of_the_intervention_fields() {
    let Some(doc) = shared("03_com2023_335_step.pdf") else {
        return;
    };
    // Page 38 (printed; the 39th page): the ruled table of intervention fields, a
    // header row and eight fields 145a … 193, and a one-row table of field 11 below.
    let on_page: Vec<_> = doc.tables.iter().filter(|t| t.page == 38).collect();
    assert_eq!(on_page.len(), 2);
    let fields = cell_texts(on_page[0]);
    assert_eq!(fields.len(), 9);
    assert_eq!(fields[1][0], "145a");
    assert_eq!(fields[8][0], "193");
    assert_eq!(cell_texts(on_page[1])[0][0], "11");
    // The landscape financial table (printed page 11): a budget line and its type of
    // appropriation, written close together, are cells of their own.
    assert!(doc
        .tables
        .iter()
        .filter(|t| t.page == 56)
        .flat_map(cell_texts)
        .any(|r| r.len() >= 3
            && r[0] == "01.020230 Cluster ‘Civil Security for Society’"
            && r[1] == "Commitments"));
    // No table cell's text is a body paragraph.
    let body = paragraphs_text(&doc);
    assert!(!body.contains("Productive investments in SMEs linked"));
    assert!(!body.contains("01.020230 Cluster"));
}

#[test]
fn council_note_table_and_no_false_tables_in_letters() {
    if let Some(doc) = shared("01_council_conclusions_copernicus_2035.pdf") {
        // The cover note: Origine, Destinataire, Objet with their values.
        assert_eq!(doc.tables.len(), 1);
        let rows = cell_texts(&doc.tables[0]);
        assert_eq!(rows[0], ["Origine:", "Secrétariat général du Conseil"]);
    }
    // The letters to parliament have no tables (the organogram of 06 is a diagram).
    for name in [
        "06_kamerbrief_emissie_luchtvaart_nl.pdf",
        "07_kamerbrief_water_bodem_nl.pdf",
    ] {
        if let Some(doc) = shared(name) {
            assert!(doc.tables.is_empty(), "{name}: {:?}", doc.tables.len());
        }
    }
}

#[test]
fn soil_staff_table_and_no_tables_in_the_memorandum() {
    let Some(doc) = shared("02_com2023_416_soil_monitoring_law.pdf") else {
        return;
    };
    // Printed page 19 (the 66th): the staff table, years 2023–2027 over budget lines
    // and a TOTAL row of 8, 10, 11, 12 full-time equivalents.
    let staff = doc
        .tables
        .iter()
        .find(|t| t.page == 65 && cell_texts(t)[0][0] == "2023")
        .expect("staff table");
    let rows = cell_texts(staff);
    assert_eq!(rows[0], ["2023", "2024", "2025", "2026", "2027"]);
    assert_eq!(rows.last().unwrap(), &["TOTAL", "8", "10", "11", "12"]);
    assert!(rows.len() >= 14);
    // The explanatory memorandum and the articles (dash lists written with wide gaps,
    // "–   The EU Biodiversity Strategy") hold no table: tables start with the
    // legislative financial statement.
    assert!(doc.tables.iter().all(|t| t.page >= 50));
}

#[test]
fn euspa_glossary_and_exhibit_tables() {
    let Some(doc) = shared("09_euspa_space_green_transformation.pdf") else {
        return;
    };
    // The list of abbreviations (page 70): two columns, acronym and description.
    let glossary = doc
        .tables
        .iter()
        .find(|t| t.page == 69)
        .expect("glossary table");
    let rows = cell_texts(glossary);
    assert_eq!(rows[0], ["Acronym", "Description"]);
    assert_eq!(
        rows[1],
        ["AFIR", "Alternative Fuels Infrastructure Regulation"]
    );
    // Exhibit 11 (page 21): Copernicus services by Green Deal objective; its cells
    // ("CORINE Land Cover") are not prose.
    assert!(doc.tables.iter().any(|t| t.page == 20));
    assert!(!paragraphs_text(&doc).contains("CORINE Land Cover"));
    // The use-case frames (a label beside a passage) are no tables: their passages
    // stay prose, apart from their labels.
    assert!(doc.paragraphs.iter().any(|p| p.text.as_str()
        == "The EU through the Green Deal commits to shift the economy towards a greener direction characterised by a more responsible [touristic] industry"));
}

#[test]
fn dsa_has_no_table_in_its_text() {
    let Some(doc) = shared("10_regulation_2022_2065_dsa.pdf") else {
        return;
    };
    // Only the signature block on the last page is set in cells.
    let last = doc.pages.len() - 1;
    assert!(doc.tables.iter().all(|t| t.page == last));
}

#[test]
fn step_staff_table() {
    let Some(doc) = shared("03_com2023_335_step.pdf") else {
        return;
    };
    // Printed page 19 (the 65th): estimated requirements of human resources, sixteen
    // rows from the years 2023–2029 to TOTAL 20, 20, 20, 20, 7, 7; the line of
    // 20 01 02 01, written over two lines, is one cell.
    let staff = doc
        .tables
        .iter()
        .find(|t| t.page == 64)
        .expect("staff table");
    let rows = cell_texts(staff);
    assert_eq!(rows.len(), 16);
    assert_eq!(rows[0][0], "2023");
    assert_eq!(
        rows[2],
        [
            "20 01 02 01 (Headquarters and Commission’s Representation Offices)",
            "15",
            "15",
            "15",
            "15",
            "5",
            "5"
        ]
    );
    assert_eq!(rows[15], ["TOTAL", "20", "20", "20", "20", "7", "7"]);
    // The description of tasks below it (a label beside running text) stays prose.
    assert!(paragraphs_text(&doc).contains("15 FTEs (12 AD and 3 AST) will be required"));
}
