//! The whole pipeline on any bytes: load (either front end, by the first byte), every
//! default rule, and the human and concise renderers.
#![no_main]
use libfuzzer_sys::fuzz_target;

/// Compile every grammar once before fuzzing, so that the per-input timeout measures
/// the work on the input, not the one-time start-up.
fn warm_up() {
    let settings = policylint::engine::Settings::default();
    for (name, text) in [
        ("w.txt", "Titel\n\nDe Commissie zal in 2021 een verslag uitbrengen.\n"),
        ("w.md", "# Note\n\nThe Commission will act by 2021[^1].\n\n[^1]: COM(2020) 795.\n"),
    ] {
        if let Ok(doc) = policylint::document::load::load(name, text.as_bytes(), None) {
            let _ = policylint::engine::lint(&doc, &settings);
        }
    }
}

fuzz_target!(init: warm_up(), |data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let name = if first & 1 == 0 { "fuzz.txt" } else { "fuzz.md" };
    let Ok(doc) = policylint::document::load::load(name, rest, None) else {
        return;
    };
    let settings = policylint::engine::Settings::default();
    let findings = policylint::engine::lint(&doc, &settings);
    let report = policylint::report::RunReport {
        files: vec![policylint::report::FileReport {
            source: doc.source,
            findings,
        }],
        errors: vec![],
    };
    let mut out = Vec::new();
    policylint::report::write(policylint::report::Format::Human, &report, &mut out, Default::default())
        .expect("render to a Vec");
    policylint::report::write(policylint::report::Format::Concise, &report, &mut out, Default::default())
        .expect("render to a Vec");
});
