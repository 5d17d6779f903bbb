//! Adding a language is adding a pack: a minimal German pack (tests/fixtures/packs/de.toml,
//! not shipped) registered through `pack::register` makes recognition, the sentence
//! splitter and the date rules work on German text, with no code that knows German.

use std::sync::OnceLock;

use policylint::document::{self, SourceFile};
use policylint::engine;
use policylint::lang::{self, Language};
use policylint::pack::{self, Pack};
use policylint::settings::Settings;

fn german() -> Language {
    static DE: OnceLock<Language> = OnceLock::new();
    *DE.get_or_init(|| {
        let source = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/packs/de.toml"),
        )
        .expect("the German test pack is readable");
        pack::register("de", &source).unwrap_or_else(|e| panic!("{e}"))
    })
}

const TEXT: &str = "Die Kommission wird bis zum 31. Juni 2021 einen Vorschlag vorlegen. \
Der Rat prüft ihn z.B. mit den Mitgliedstaaten und dem Parlament. \
Am Montag, 9. Dezember 2020 hat die Kommission ihre Strategie für die Union vorgelegt.\n";

#[test]
fn the_pack_registers_and_is_valid() {
    let de = german();
    assert_eq!(de.code(), "de");
    assert_eq!(Language::from_code("de"), Some(de));
    assert!(Language::codes().contains(&"de"));
    // Another pack under a registered code is refused.
    assert!(pack::register("de", "[language]\nstemmer = \"german\"\n").is_err());
    assert_eq!(
        pack::register(
            "de",
            &std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures/packs/de.toml"),
            )
            .unwrap()
        ),
        Ok(de)
    );
    assert_eq!(
        policylint::rules::pack_errors(Pack::builtin(de)),
        Vec::<String>::new()
    );
    // The JSON code of a language is its pack code.
    assert_eq!(serde_json::to_string(&de).unwrap(), "\"de\"");
}

#[test]
fn a_malformed_pack_is_refused_with_the_key() {
    let e = pack::register("xx", "[sentences]\nabreviations = [\"a.\"]\n").unwrap_err();
    assert!(e.contains("sentences.abreviations"), "{e}");
    let e = pack::register("xy", "[dates]\nmonths = [3]\n").unwrap_err();
    assert!(e.contains("dates.months[0]"), "{e}");
    assert!(pack::register("Not a code", "").is_err());
    assert_eq!(Language::from_code("xx"), None);
}

#[test]
fn recognition_scores_every_registered_pack() {
    let de = german();
    assert_eq!(lang::detect(TEXT), de);
    assert_eq!(
        lang::detect("De Commissie zal in 2021 een voorstel indienen voor de lidstaten."),
        Language::Nl
    );
    assert_eq!(
        lang::detect("The Commission will present a proposal to the Member States in 2021."),
        Language::En
    );
    let doc = document::parse(SourceFile::from_str("de.txt", TEXT), None);
    assert_eq!(doc.language, de);
    // A language with a pack is no longer reported as unsupported.
    assert_eq!(doc.unsupported_language, None);
}

#[test]
fn the_sentence_splitter_reads_the_abbreviations_of_the_pack() {
    let de = german();
    let text = "Der Rat prüft z.B. Vorschläge der Kommission. Das Parlament stimmt zu.";
    let sentences = |l: Language| -> Vec<&str> {
        document::sentences::split_text(text, l)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    };
    assert_eq!(
        sentences(de),
        [
            "Der Rat prüft z.B. Vorschläge der Kommission.",
            "Das Parlament stimmt zu."
        ]
    );
    // The Dutch pack does not know "z.B.": the same text splits after it.
    assert_eq!(sentences(Language::Nl).len(), 3);
}

#[test]
fn the_date_rules_read_month_weekday_names_and_date_forms_of_the_pack() {
    let de = german();
    let doc = document::parse(SourceFile::from_str("de.txt", TEXT), Some(de));
    let mut settings = Settings::default();
    settings.rules.retain(|code, _| code.starts_with("DT"));
    let findings = engine::lint(&doc, &settings);
    let found: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f.code, &doc.source.text[f.span.start..f.span.end]))
        .collect();
    // 31 June does not exist; 9 December 2020 was a Wednesday, not a Monday.
    assert_eq!(
        found,
        [
            ("DT001", "31. Juni 2021"),
            ("DT002", "Montag, 9. Dezember 2020")
        ],
        "{findings:#?}"
    );
    // Read with the Dutch pack, the German names mean nothing.
    let dutch = document::parse(SourceFile::from_str("de.txt", TEXT), Some(Language::Nl));
    assert!(engine::lint(&dutch, &settings).is_empty());
}

#[test]
fn every_rule_runs_on_german_text_without_a_finding_it_cannot_support() {
    let de = german();
    let doc = document::parse(SourceFile::from_str("de.txt", TEXT), Some(de));
    // The whole registry runs on a pack that has only three sections: no panic, and
    // only the date findings and engine notes.
    let findings = engine::lint(&doc, &Settings::default());
    for f in &findings {
        assert!(
            f.code.starts_with("DT") || f.code.starts_with("PLX"),
            "{f:#?}"
        );
    }
}
