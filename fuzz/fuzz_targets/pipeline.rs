//! The whole pipeline on any bytes: load (either front end, by the first byte), every
//! default rule, and the human and concise renderers (`policylint::pipeline`, which the
//! hardening tests run on every input kept under tests/fixtures/fuzz/).
#![no_main]
use libfuzzer_sys::fuzz_target;

/// Compile every grammar once before fuzzing, so that the per-input timeout measures
/// the work on the input, not the one-time start-up.
fn warm_up() {
    for (name, text) in [
        ("w.txt", "Titel\n\nDe Commissie zal in 2021 een verslag uitbrengen.\n"),
        ("w.md", "# Note\n\nThe Commission will act by 2021[^1].\n\n[^1]: COM(2020) 795.\n"),
    ] {
        let _ = policylint::pipeline::run(name, text.as_bytes());
    }
}

fuzz_target!(init: warm_up(), |data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let name = if first & 1 == 0 { "fuzz.txt" } else { "fuzz.md" };
    policylint::pipeline::run(name, rest).expect("render to a Vec");
});
