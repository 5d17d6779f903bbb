//! Text from any extractor: layout recognition, page furniture, abstention, and the
//! precision rules of the genre (table cells, line-break joins, acronym definitions as
//! real texts write them, placeholders, commitment actors). Fixtures of our own in
//! tests/fixtures/text/ (Dutch and English, firing and silent), and golden structure
//! facts on extracts of real published documents.

use policylint::document::layout::Family;
use policylint::document::{parse, Document, FurnitureKind};
use policylint::engine::{lint, Settings};
use policylint::finding::Finding;
use policylint::source::SourceFile;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/text/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn doc(name: &str, text: &str) -> Document {
    parse(SourceFile::from_str(name, text), None)
}

fn check(d: &Document) -> Vec<Finding> {
    lint(d, &Settings::default())
}

fn codes(findings: &[Finding], prefix: &str) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f.code.starts_with(prefix))
        .map(|f| f.message.clone())
        .collect()
}

/// `first_page` followed by three short pages (`line` with a topic for `{}`), joined
/// by form feeds as `pdftotext` writes them: an extract whose reading order the
/// front end does not trust.
fn pdftotext_extract(first_page: &str, line: &str) -> Document {
    let mut pages = vec![first_page.to_string()];
    pages.extend(["energy", "transport", "health"].map(|t| line.replace("{}", t) + "\n"));
    let extract = doc("x.txt", &(pages.join("\u{c}") + "\u{c}"));
    assert_eq!(
        extract.layout.as_ref().unwrap().family,
        Family::PdftotextDefault
    );
    extract
}

fn family(name: &str) -> Family {
    let d = doc(name, &fixture(name));
    d.layout.expect("text input has a layout verdict").family
}

#[test]
fn each_layout_family_is_recognised() {
    for (name, expected) in [
        ("double_spaced_nl.txt", Family::DoubleSpacedExtract),
        ("pdftotext_default_en.txt", Family::PdftotextDefault),
        ("pdftotext_layout_en.txt", Family::PdftotextLayout),
        ("pymupdf_en.txt", Family::Pymupdf),
        ("pdfminer_nl.txt", Family::Pdfminer),
        ("form_feed_text_nl.txt", Family::FormFeedText),
        ("typed_paragraphs_en.txt", Family::TypedParagraphs),
        ("word_paste_nl.txt", Family::WordPaste),
    ] {
        assert_eq!(family(name), expected, "{name}");
    }
    let d = doc("x.txt", &fixture("pdftotext_default_en.txt"));
    let layout = d.layout.unwrap();
    assert!(layout.confidence > 0.5 && layout.confidence <= 1.0);
    assert!(!layout.evidence.is_empty());
}

#[test]
fn dump_shows_the_layout_verdict() {
    let d = doc("x.txt", &fixture("pdftotext_layout_en.txt"));
    let v = policylint::report::dump_json::to_value(&d);
    assert_eq!(v["layout"]["family"], "pdftotext-layout");
    assert!(v["layout"]["confidence"].as_f64().unwrap() > 0.5);
    let mut out = Vec::new();
    policylint::report::dump_tree::write(&d, &mut out).unwrap();
    assert!(String::from_utf8(out)
        .unwrap()
        .contains("layout: pdftotext-layout (confidence"));
}

#[test]
fn pdftotext_default_furniture_and_footnote_blocks_stay_out_of_the_body() {
    let d = doc("x.txt", &fixture("pdftotext_default_en.txt"));
    assert_eq!(d.pages.len(), 5);
    let furniture = |kind| d.furniture.iter().filter(|f| f.kind == kind).count();
    assert_eq!(furniture(FurnitureKind::PageNumber), 5);
    assert!(
        furniture(FurnitureKind::RunningFooter) + furniture(FurnitureKind::RunningHeader) >= 10
    );
    assert!(d.headings.iter().all(|h| h.title.as_str() != "EN"));
    let body: String = d.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert!(
        !body.contains("Communication on"),
        "footnote text in the body"
    );
    assert!(!body.contains("\nEN"));
    // The footnote labels listed after the body are definitions with their texts.
    let labels: Vec<u32> = d.footnote_defs.iter().filter_map(|f| f.number).collect();
    assert_eq!(labels, vec![1, 2, 3, 4, 5]);
    assert!(d.footnote_defs[0]
        .text
        .as_str()
        .starts_with("Communication on soil"));
}

#[test]
fn layout_running_heads_by_cells_and_table_cells_are_not_prose() {
    let d = doc("x.txt", &fixture("pdftotext_layout_en.txt"));
    assert!(d
        .headings
        .iter()
        .all(|h| !h.title.as_str().contains("COMPET") && !h.title.as_str().contains("9156/22")));
    let f = check(&d);
    assert!(codes(&f, "TX001").is_empty(), "{:?}", codes(&f, "TX001"));
    // Running heads and Council verbs are not acronyms to define.
    assert!(codes(&f, "AC001").is_empty(), "{:?}", codes(&f, "AC001"));
}

#[test]
fn pymupdf_pages_follow_the_page_number_furniture() {
    let d = doc("x.txt", &fixture("pymupdf_en.txt"));
    assert_eq!(d.pages.len(), 6);
    assert!(d.headings.iter().all(|h| h.title.as_str() != "EN"));
    assert!(
        d.footnote_refs.is_empty(),
        "page numbers are not references"
    );
}

#[test]
fn running_footers_of_dutch_letters_are_furniture() {
    let d = doc("x.txt", &fixture("pdfminer_nl.txt"));
    let body: String = d.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert!(!body.contains("Pagina"), "{body}");
}

#[test]
fn unpairable_footnotes_give_one_note_instead_of_a_cascade() {
    // pdftotext default order: the labels stand apart from the texts, and on page 3
    // the reference was lost, so footnote 7 looks unreferenced.
    let mut pages = Vec::new();
    for (p, topic) in ["soil", "water", "air", "energy"].iter().enumerate() {
        let p = p + 1;
        let n = p + 4;
        let r = if p == 3 { String::new() } else { n.to_string() };
        pages.push(format!(
            "The Council{r} supports the {topic} plan and the Union{q} agrees.\n\
             Work on {topic} goes on in every region.\n{n}\n\nEN\n\nText of the {topic} note.\n\n{p}\n\nEN\n",
            q = p + 10
        ));
    }
    let text = pages.join("\u{c}") + "\u{c}";
    let d = doc("x.txt", &text);
    let f = check(&d);
    assert!(codes(&f, "FN").is_empty(), "{:?}", codes(&f, "FN"));
    let notes = codes(&f, "PLX005");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("footnotes not checked") && notes[0].contains("lint the PDF"));
    assert_eq!(
        f.iter().find(|x| x.code == "PLX005").unwrap().level,
        policylint::finding::Level::Info
    );
}

#[test]
fn an_unsupported_language_is_named_and_the_language_rules_stay_silent() {
    let d = doc("x.txt", &fixture("french.txt"));
    assert_eq!(d.unsupported_language, Some("fr"));
    let f = check(&d);
    let notes = codes(&f, "PLX005");
    assert_eq!(notes.len(), 1);
    assert!(notes[0].contains("`fr`"));
    assert!(codes(&f, "CM").is_empty() && codes(&f, "AC").is_empty());
    // Dutch and English are supported.
    for name in ["double_spaced_nl.txt", "typed_paragraphs_en.txt"] {
        assert_eq!(doc(name, &fixture(name)).unsupported_language, None);
    }
}

fn rule(text: &str, prefix: &str) -> Vec<String> {
    codes(&check(&doc("x.txt", text)), prefix)
}

#[test]
fn repeated_words_in_table_cells_are_not_reported() {
    assert!(rule("Eligible\n\nYes\n\nYes\n\nNo\n", "TX001").is_empty());
    assert!(rule("Eligible costs      Yes      Yes\n", "TX001").is_empty());
    assert_eq!(
        rule("The Council supports the the plan.\n", "TX001").len(),
        1
    );
    assert_eq!(rule("De Raad steunt de de lidstaten.\n", "TX001").len(), 1);
}

#[test]
fn identifiers_from_program_code_are_not_variants() {
    let en = "The errorDescription field holds the error description. \
              The error description is short.\n";
    assert!(rule(en, "TV001").is_empty(), "{:?}", rule(en, "TV001"));
    // Names with capitals inside are still compared.
    let nl = "Het voorstel ReFuelEU Luchtvaart is klaar. Het voorstel ReFuelEU Luchtvaart \
              stelt quota. Het voorstel RefuelEU Luchtvaart is ingediend.\n";
    assert_eq!(rule(nl, "TV001").len(), 1);
}

#[test]
fn grammatical_hyphenation_is_not_a_variant() {
    let en = "The long-term plan is ready. In the long term, soils recover. \
              The plan works in the long term.\n";
    assert!(rule(en, "TV001").is_empty(), "{:?}", rule(en, "TV001"));
    let en =
        "The cyber security strategy builds on cybersecurity research and cybersecurity skills.\n";
    assert_eq!(rule(en, "TV001").len(), 1);
    let nl =
        "Het e-mailadres staat op de site. Stuur een emailadres door. Het e-mailadres is nodig.\n";
    assert_eq!(rule(nl, "TV001").len(), 1);
}

#[test]
fn acronym_definitions_in_the_forms_real_texts_use() {
    let nl =
        "Voor overheden is het belangrijkste platform de VN-burgerluchtvaartorganisatie ICAO. \
              Het ministerie zal de kwaliteit in ICAO-verband agenderen.\n";
    assert!(rule(nl, "AC001").is_empty(), "{:?}", rule(nl, "AC001"));
    let nl = "Barro = Besluit algemene regels ruimtelijke ordening; BKL = Besluit Kwaliteit \
              Leefomgeving. Het BKL geldt vanaf 2024.\n";
    assert!(rule(nl, "AC001").is_empty(), "{:?}", rule(nl, "AC001"));
    let en = "The EU Intelligence and Situation Centre (EU INTCEN) reports. INTCEN works well.\n";
    assert!(rule(en, "AC001").is_empty(), "{:?}", rule(en, "AC001"));
    let en = "Nationally determined contributions (NDC) matter. All NDCs are due.\n";
    assert!(rule(en, "AC").is_empty(), "{:?}", rule(en, "AC"));
    let en = "Glossary\n\nPM\n\nParticulate Matter\n\nThe PM levels fall.\n";
    assert!(rule(en, "AC001").is_empty(), "{:?}", rule(en, "AC001"));
    // A capitalised function word is not a first name: these are undefined acronyms.
    let en = "The ECCC will coordinate. Each CERT reports to it.\n";
    assert_eq!(rule(en, "AC001").len(), 2, "{:?}", rule(en, "AC001"));
    let nl = "Het EDEO werkt samen met de lidstaten.\n";
    assert_eq!(rule(nl, "AC001").len(), 1);
}

#[test]
fn glossary_rows_with_wrapped_and_lowercase_long_forms() {
    // A glossary as pypdf writes it: one row per line, long forms wrapped onto a line
    // of their own, some in lowercase.
    let glossary = "Afkortingen\n\
        IMF Internationaal Monetair Fonds\n\
        IMVO Internationaal Maatschappelijk Verantwoord\n\
        Ondernemen\n\
        INCLUDE Afrikaans-Nederlands platform van onderzoekers,\n\
        beroepsbeoefenaars en beleidsmakers\n\
        IPCC Intergovernmental Panel on Climate Change, of\n\
        VN-Klimaatpanel\n\
        LDC least developed country\n\
        LNV Landbouw, Natuur en Voedselkwaliteit\n";
    let body = "Het platform INCLUDE en het IPCC signaleren dat de vergroening doorzet. \
                Het IMVO-beleid helpt de LDC-landen en LNV steunt dat.\n\n";
    let found = rule(&(body.to_owned() + glossary), "AC");
    assert!(found.is_empty(), "{found:?}");
    // Without the glossary they are undefined.
    assert!(rule(body, "AC001").len() >= 4);
}

#[test]
fn name_heads_with_a_footnote_number_glued_to_them() {
    let en = "Septentrio has developed the ARDVAC control system38, relying on its receivers.\n";
    assert!(rule(en, "AC001").is_empty(), "{:?}", rule(en, "AC001"));
}

#[test]
fn language_codes_are_known() {
    // The language code of an Official Journal header (reference codes: a unit test
    // of TV001).
    let en = "EN Official Journal of the European Union L 277/2\n\nThe Regulation applies.\n";
    assert!(rule(en, "AC001").is_empty(), "{:?}", rule(en, "AC001"));
}

#[test]
fn placeholders_as_drafters_write_them_and_notations_that_are_not() {
    let en = "Member States shall apply it by … (OP: please insert the date = 4 years after \
              entry into force) in line with Regulation (EU) …/… of the Council.\n";
    let found = rule(en, "PL002");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("OP: please insert"));
    // Budget notation in a table, particulate matter, a quotation's elision.
    assert!(rule("Appropriations\n\np.m.\n\np.m.\n\n130,000\n", "PL002").is_empty());
    assert!(rule("Emissions of Particulate Matter (PM) fell.\n", "PL002").is_empty());
    let nl =
        "Dit wordt uitgelegd als ’beleidsuitspraken over activiteiten […] in het ruimtegebruik’.\n";
    assert!(rule(nl, "PL002").is_empty(), "{:?}", rule(nl, "PL002"));
    // Still placeholders in running text.
    assert_eq!(
        rule("De kosten bedragen p.m. en volgen later.\n", "PL002").len(),
        1
    );
    assert_eq!(
        rule("By [date] the Commission will report.\n", "PL002").len(),
        1
    );
}

#[test]
fn commitments_need_an_actor_of_their_own_and_an_undertaking() {
    // A ministry letter: an agentless passive is nobody's commitment.
    let nl = "Ministerie van Infrastructuur en Waterstaat\n\nOns kenmerk IENW/BSK-2022/1\n\n\
              Bij de tussenevaluatie zal worden beoordeeld of de maatregelen volstaan.\n";
    assert!(rule(nl, "CM001").is_empty(), "{:?}", rule(nl, "CM001"));
    // Predictions and signposting commit no one.
    let nl = "Door de klimaatverandering zullen we vaker oude verontreinigingen tegenkomen.\n";
    assert!(rule(nl, "CM001").is_empty(), "{:?}", rule(nl, "CM001"));
    let en = "These two topics will be the core of the rest of this chapter.\n";
    assert!(rule(en, "CM001").is_empty(), "{:?}", rule(en, "CM001"));
    // A named actor's undertaking without a date is reported.
    assert_eq!(
        rule(
            "De Commissie zal een voorstel indienen over bodemgezondheid.\n",
            "CM001"
        )
        .len(),
        1
    );
    assert_eq!(
        rule(
            "The Commission will propose a soil monitoring law.\n",
            "CM001"
        )
        .len(),
        1
    );
}

#[test]
fn the_author_is_the_earliest_named_one() {
    // Council conclusions cited inside a Commission communication.
    let en = "Communication from the Commission to the Council. Recalling the Council conclusions \
              of June, further steps will be taken to protect soils.\n";
    let f = rule(en, "CM001");
    assert!(f.iter().all(|m| !m.contains("the Council")), "{f:?}");
}

fn real(name: &str) -> Document {
    doc(name, &fixture(&format!("real/{name}")))
}

/// Council conclusions 9156/22 (11 pages), read by hand: the running head
/// `9156/22 … CDP/FB/nj … COMPET.2 LIMITE … EN/FR` and the distribution codes are
/// furniture; the annex numbers its points 1–25.
#[test]
fn golden_council_conclusions_in_two_extracts() {
    let default = real("01_council_conclusions_copernicus_2035.txt");
    let layout = real("01b_council_conclusions_copernicus_2035.layout.txt");
    assert_eq!(
        default.layout.as_ref().unwrap().family,
        Family::PdftotextDefault
    );
    assert_eq!(
        layout.layout.as_ref().unwrap().family,
        Family::PdftotextLayout
    );
    for d in [&default, &layout] {
        assert_eq!(d.pages.len(), 11);
        for h in &d.headings {
            let t = h.title.as_str();
            for furniture in [
                "9156/22",
                "LIMITE",
                "COMPET",
                "CDP/FB/nj",
                "ANNEX   ",
                "ESPACE 53",
            ] {
                assert!(!t.contains(furniture), "heading {t:?}");
            }
        }
        let f = check(d);
        let ac = codes(&f, "AC001");
        assert!(
            ac.iter()
                .all(|m| !["LIMITE", "COMPET", "RECH", "RECALLS", "URGES"]
                    .iter()
                    .any(|w| m.contains(&format!("`{w}`")))),
            "{ac:?}"
        );
    }
    let annex: Vec<u32> = layout
        .points
        .iter()
        .skip_while(|p| p.value != 8)
        .filter(|p| p.scheme == policylint::document::Scheme::Arabic)
        .map(|p| p.value)
        .collect();
    assert!(annex.ends_with(&(9..=25).collect::<Vec<_>>()), "{annex:?}");
}

/// Every shared extract: pages follow the form feeds, furniture never becomes a
/// heading, and no footnote finding survives where footnotes cannot be paired.
#[test]
fn shared_extracts_keep_furniture_out_of_headings() {
    let dir = format!("{}/../shared/realworld/txt", env!("CARGO_MANIFEST_DIR"));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {dir} is absent");
        return;
    };
    let mut seen = 0;
    for e in entries.flatten() {
        let path = e.path();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path.display().to_string();
        let d = doc(&name, &text);
        let form_feeds = text.matches('\u{c}').count();
        if form_feeds > 0 {
            let pages = d.pages.len();
            assert!(
                pages + 1 >= form_feeds && pages <= form_feeds + 1,
                "{name}: {pages} pages for {form_feeds} form feeds"
            );
        }
        for h in &d.headings {
            let t = h.title.as_str().trim();
            assert!(
                !matches!(t, "EN" | "NL" | "LIMITE") && !t.starts_with("L 277/"),
                "{name}: furniture heading {t:?}"
            );
        }
        let f = check(&d);
        assert!(codes(&f, "FN").is_empty(), "{name}: {:?}", codes(&f, "FN"));
        seen += 1;
    }
    assert!(seen >= 10, "only {seen} extracts read");
}

#[test]
fn numbering_in_a_reordering_extract_gives_one_note() {
    let points = "1. The Council welcomes the plan on soil.\n\n2. It supports the water plan.\n\n\
                  4. It urges the Member States to act on air.\n\n";
    // Typed text: the gap is reported.
    let typed = doc("x.txt", points);
    assert!(!codes(&check(&typed), "NU001").is_empty());
    // The same points in a pdftotext extract, whose reading order is not trusted.
    let extract = pdftotext_extract(points, "Work on {} continues in every region.");
    let f = check(&extract);
    assert!(codes(&f, "NU").is_empty(), "{:?}", codes(&f, "NU"));
    assert!(codes(&f, "PLX005")
        .iter()
        .any(|m| m.contains("numbering not checked")));
}

#[test]
fn cross_references_in_a_reordering_extract_give_one_note() {
    // An article whose paragraph 3 the extract lost (pdfminer and -layout merge the
    // paragraphs' labels into the lines around them): a reference to it seems to
    // point nowhere.
    let act = "THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,\n\n\
               Having regard to the Treaty on the Functioning of the European Union, and in \
               particular Article 114 thereof,\n\nWhereas:\n\n(1) Services matter.\n\n\
               HAVE ADOPTED THIS REGULATION:\n\n\
               Article 1\nSubject matter\n\n1. This Regulation lays down rules on services.\n\n\
               2. It applies to every provider of such services in the Union.\n\n\
               Article 2\nScope\n\nThe rules referred to in Article 1(3) apply from 2026.\n\n";
    // Typed text: the reference is reported.
    let typed = doc("x.txt", act);
    assert!(!codes(&check(&typed), "XR002").is_empty());
    // The same act in a pdftotext extract, whose reading order is not trusted: one note.
    let extract = pdftotext_extract(act, "Work on {} continues in every region.");
    let f = check(&extract);
    assert!(codes(&f, "XR").is_empty(), "{:?}", codes(&f, "XR"));
    assert!(codes(&f, "PLX005")
        .iter()
        .any(|m| m.contains("cross-references not checked")));
}

#[test]
fn many_split_compounds_in_an_extract_give_one_note() {
    // Ten compounds each written whole and split: an extractor that breaks words at
    // their hidden hyphenation points, not ten slips of the drafter.
    let pairs = [
        ("klimaat", "neutrale"),
        ("kennis", "instellingen"),
        ("mogelijk", "heden"),
        ("voedsel", "systemen"),
        ("luchtvaart", "sector"),
        ("verdien", "vermogen"),
        ("adaptatie", "financiering"),
        ("energie", "activiteiten"),
        ("klimaat", "acties"),
        ("kennis", "uitwisseling"),
    ];
    let mut text = String::new();
    for (a, b) in pairs {
        text.push_str(&format!(
            "Het kabinet bespreekt de {a}{b} in de raad. Daarna volgen de {a} {b} weer. \
             Ook {a} en {b} tellen mee.\n\n"
        ));
    }
    let typed = doc("x.txt", &text);
    assert!(codes(&check(&typed), "TV001").len() >= 10);
    let extract = pdftotext_extract(&text, "Het werk aan {} gaat in elke regio door.");
    let f = check(&extract);
    assert!(codes(&f, "TV001").is_empty(), "{:?}", codes(&f, "TV001"));
    assert!(codes(&f, "PLX005")
        .iter()
        .any(|m| m.contains("split spellings not checked")));
}

#[test]
fn a_word_split_before_a_short_ending_in_an_extract_is_no_variant() {
    // "natuurgebie den": the PDF's text layer breaks a word before its ending. The
    // stem alone is no word of the document, the ending is three letters: an artefact
    // of the extraction, not a split spelling. Typed text keeps the finding.
    let text = "De verdroging van natuurgebieden neemt toe in de zomer.\n\n\
                Het kabinet herstelt de hydrologische condities van natuurgebie den.\n\n\
                Den Haag en de provincies werken daarbij samen met de waterschappen.\n\n";
    let typed = doc("x.txt", text);
    assert!(!codes(&check(&typed), "TV001").is_empty());
    let extract = pdftotext_extract(text, "Het werk aan {} gaat in elke regio door.");
    let f = check(&extract);
    assert!(codes(&f, "TV001").is_empty(), "{:?}", codes(&f, "TV001"));
}

#[test]
fn a_hyphen_kept_or_dropped_at_a_line_break_join_is_no_variant() {
    // A PyMuPDF extract: "Paris-" / "Agreement" at a line end is joined with its hyphen
    // kept, "ro-ro-" / "passenger" with it dropped; the document writes the other form
    // elsewhere. Those joins are the extractor's, not the drafter's.
    let mut text = fixture("pymupdf_en.txt");
    text.push_str(
        "The Parisagreement goals and the Parisagreement review matter to every \n\
         region. The parties to the Paris-\nagreement meet. The ro-ro-passenger ships and \n\
         the ro-ro-passenger ferries sail, and ro-ro-\npassenger ships dock. \n\
         Cyber-security matters; cybersecurity is funded, and cybersecurity grows. \n",
    );
    let d = doc("x.txt", &text);
    assert_eq!(d.layout.as_ref().unwrap().family, Family::Pymupdf);
    let tv = codes(&check(&d), "TV001");
    assert!(
        !tv.iter()
            .any(|m| m.contains("Paris") || m.contains("ro-ro")),
        "{tv:?}"
    );
    // A variant written within a line is still reported.
    assert!(tv.iter().any(|m| m.contains("Cyber-security")), "{tv:?}");
}

#[test]
fn a_word_dehyphenated_by_pdftotext_at_a_wrap_is_no_variant() {
    // `pdftotext` (default) drops the hyphen of "climate-/neutral" and appends the next
    // PDF line to the current one: "climateneutral" stands where the other lines wrap,
    // on a line far longer than they are. The PDF may well say "climate-neutral", so
    // the closed form is no evidence. Written within a line of normal width, it is.
    let body = |line: &str| {
        format!(
            "The Union supports regions and people in addressing the social and economic\n\
             impacts of the transition towards the 2030 targets for energy and the climate\n\
             {line}\n\
             also support investments in clean technologies in every region of the Union.\n\
             Member States make the economy climate neutral and sustainable in a fair way.\n\n"
        )
    };
    let joined = body(
        "and a resilient, competitive, innovative and fair Union with a climateneutral \
         economy of the Union by 2050, based on the Paris Agreement. The fund may",
    );
    let extract = pdftotext_extract(&joined, "Work on {} continues in every region.");
    let f = check(&extract);
    assert!(codes(&f, "TV001").is_empty(), "{:?}", codes(&f, "TV001"));
    let within =
        body("and a climateneutral economy of the Union by 2050 under the Paris Agreement.");
    let extract = pdftotext_extract(&within, "Work on {} continues in every region.");
    assert_eq!(codes(&check(&extract), "TV001").len(), 1);
}

#[test]
fn a_quotation_whose_closing_half_an_extractor_read_first_is_no_finding() {
    // A table row whose cell "Cluster ‘Food, Bioeconomy, Natural Resources,
    // Environment’" an extractor read in the wrong order: the closing half first.
    let row = |cell: &str| {
        format!(
            "The appropriations of the programme line 01.020230 Cluster ‘Civil Security for \
             Society’ (Horizon Europe) are differentiated, and so are those of line 01.020260 \
             {cell} and Agriculture, which are differentiated too.\n\n"
        )
    };
    let prose = "The programme supports research and innovation in every Member State.\n\
                 The Commission reports on its results to the Parliament each year.\n\
                 The evaluation covers the whole period of the financial framework.\n\n";
    let reordered =
        row("Cluster Natural Resources, Environment’ (Horizon Europe) ‘Food, Bioeconomy,");
    let extract = pdftotext_extract(
        &(prose.to_owned() + &reordered + prose),
        "Work on {} continues in every region.",
    );
    let f = check(&extract);
    assert!(codes(&f, "TX002").is_empty(), "{:?}", codes(&f, "TX002"));
    // Typed text has no reading order to blame; and a ‘ after balanced quotes is
    // still reported in an extract.
    assert_eq!(codes(&check(&doc("x.txt", &reordered)), "TX002").len(), 1);
    let unclosed = row("Cluster Natural Resources (Horizon Europe) ‘Food, Bioeconomy,");
    let extract = pdftotext_extract(
        &(prose.to_owned() + &unclosed + prose),
        "Work on {} continues in every region.",
    );
    assert_eq!(codes(&check(&extract), "TX002").len(), 1);
}

#[test]
fn a_definition_wrapped_within_a_layout_column_defines_its_acronym() {
    // `pdftotext -layout` sets two columns side by side: "(Tank-to-Wake," ends a line
    // of the left column and "TtW)" opens its next line, with the right column's text
    // between them in the file. The column read as a column defines TtW.
    let page = |definition: &str| {
        format!(
            "{FF}The standard covers emissions from the well to the       The Union supports the sector in every region\n\
             tank and from the tank to the wake {definition}      of the world and with every partner it has.\n\
             TtW) in a quantified way. Ships report TtW figures        The Commission reports on its work each year.\n\
             every year, and the TtW share falls.                      The Council reviews the results in 2030.\n",
            FF = '\u{c}'
        )
    };
    let mut defined = fixture("pdftotext_layout_en.txt");
    defined.push_str(&page("(Tank-to-Wake,"));
    let d = doc("x.txt", &defined);
    assert_eq!(d.layout.as_ref().unwrap().family, Family::PdftotextLayout);
    let ac = codes(&check(&d), "AC001");
    assert!(!ac.iter().any(|m| m.contains("TtW")), "{ac:?}");
    let mut undefined = fixture("pdftotext_layout_en.txt");
    undefined.push_str(&page("(measured,     "));
    let ac = codes(&check(&doc("x.txt", &undefined)), "AC001");
    assert!(ac.iter().any(|m| m.contains("TtW")), "{ac:?}");
}

#[test]
fn an_undated_commitment_in_half_a_sentence_an_extract_cut_is_withheld() {
    // The extractor ended a paragraph mid-sentence (a page turn, a text box) and the
    // sentence goes on, in lowercase, in the next: the date may be in the other half.
    let text = "The programme supports research and innovation in every Member State.\n\
                The Commission will propose a revision of the rules on data access\n\n\
                for public authorities and researchers in every Member State, as agreed.\n\n\
                The evaluation covers the whole period of the financial framework.\n\n";
    let typed = doc("x.txt", text);
    assert_eq!(codes(&check(&typed), "CM001").len(), 1);
    let extract = pdftotext_extract(text, "Work on {} continues in every region.");
    let f = check(&extract);
    assert!(codes(&f, "CM001").is_empty(), "{:?}", codes(&f, "CM001"));
    assert!(codes(&f, "PLX005")
        .iter()
        .any(|m| m.contains("sentences the extraction cut in two")));
    // A whole sentence in the same extract is still checked.
    let whole = text.replace("data access\n\n", "data access.\n\n");
    let extract = pdftotext_extract(&whole, "Work on {} continues in every region.");
    assert_eq!(codes(&check(&extract), "CM001").len(), 1);
    // A table cell read as prose: the paragraph stops without closing punctuation
    // before a row label.
    let cell = "Exhibit 4: Use case\n\nRole of the\nGreen Deal\n\n\
                The EU through the Green Deal commits to shift the economy towards a greener\n\
                direction characterised by a more responsible industry\n\n\
                Solution\noffered by\nEU Space\n\n";
    let extract = pdftotext_extract(cell, "Work on {} continues in every region.");
    let f = check(&extract);
    assert!(codes(&f, "CM001").is_empty(), "{:?}", codes(&f, "CM001"));
    let finished = cell.replace("responsible industry\n", "responsible industry.\n");
    let extract = pdftotext_extract(&finished, "Work on {} continues in every region.");
    assert_eq!(codes(&check(&extract), "CM001").len(), 1);
}

#[test]
fn repeated_words_in_an_extract_of_unsure_layout_give_one_note() {
    // pdfplumber's text of the climate strategy: two columns and the circular
    // infographic's letters set side by side with single spaces ("energietransitie en
    // financiering financiering transformatieve", "e e n n : s c"). The layout is not
    // recognised with confidence: no repeated word is reported, one note says why.
    let name = "08_internationale_klimaatstrategie_nl.pdfplumber.txt";
    let d = doc(name, &fixture(&format!("real/{name}")));
    let layout = d.layout.as_ref().unwrap();
    assert!(layout.confidence < 0.5, "{layout:?}");
    let f = check(&d);
    assert!(codes(&f, "TX001").is_empty(), "{:?}", codes(&f, "TX001"));
    assert!(codes(&f, "PLX005")
        .iter()
        .any(|m| m.starts_with("repeated words not checked")));
    // A slip in typed text is still reported.
    assert_eq!(rule("De Raad steunt de de lidstaten.\n", "TX001").len(), 1);
}

#[test]
fn commitments_read_across_two_columns_give_one_note() {
    // `pdftotext -layout` sets a page's two columns side by side: a sentence of the
    // left column runs on into the right one. The same commitment in one column is
    // reported; read across the gutter it is withheld with one note.
    let one_column =
        "Het kabinet wil hierin samenwerken met kennisinstellingen en het bedrijfsleven.\n\n\
                      Daarnaast gaat de minister in gesprek met de regio.\n";
    let typed = doc("x.txt", one_column);
    assert!(!codes(&check(&typed), "CM001").is_empty());
    let two_columns = "Het kabinet wil hierin samenwerken met          Collectieve vooruitgang is alleen mogelijk als\n\
                       kennisinstellingen en het bedrijfsleven.         de inzet op de drie pijlers groeit.\n\n\
                       Daarnaast gaat de minister in gesprek met        Berekeningen laten zien dat de kosten\n\
                       de regio.                                        verbleken bij de baten.\n";
    let f = check(&doc("x.txt", two_columns));
    assert!(codes(&f, "CM00").is_empty(), "{:?}", codes(&f, "CM00"));
    assert!(codes(&f, "PLX005")
        .iter()
        .any(|m| m.contains("commitments not checked on lines set in columns")));
}
