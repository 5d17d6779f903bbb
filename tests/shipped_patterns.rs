//! The shipped packs' compiled forms are built without the syntax check of their
//! patterns (start-up time); this checks them. An extended copy of a shipped pack is
//! not the shipped pack, so building its compiled forms checks every pattern.

use policylint::pack::{Language, Pack};

#[test]
fn shipped_patterns_are_valid() {
    for l in Language::all() {
        let copy = Pack::builtin(l).extended(&toml::Table::new());
        assert_eq!(
            policylint::rules::pack_errors(&copy),
            Vec::<String>::new(),
            "{l}"
        );
    }
}

#[test]
fn a_broken_pattern_in_an_extension_is_reported() {
    let extra: toml::Table = "[[commitments.actors]]\nname = \"x\"\npattern = \"(unclosed\"\n"
        .parse()
        .expect("toml");
    let pack = Pack::builtin(Language::Nl).extended(&extra);
    let errors = policylint::rules::pack_errors(&pack);
    assert!(errors.iter().any(|e| e.contains("(unclosed")), "{errors:?}");
}
