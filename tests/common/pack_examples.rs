//! The test examples of the language packs (`tests/fixtures/pack_examples/<code>.toml`,
//! `[[<section>.examples]]`), kept out of the shipped packs and added to a pack for the
//! tests that run them.

use policylint::lang::Language;
use policylint::pack::Pack;

/// The built-in pack of a language with its test examples added.
pub fn with_examples(language: Language) -> Pack {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pack_examples")
        .join(format!("{}.toml", language.code()));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let examples: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Pack::builtin(language).extended(&examples)
}
