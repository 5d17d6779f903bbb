//! Tests: the narrow regexes of `lazy_regex` agree with the full ones on every pattern
//! the rules use (a module of its own: it drives the whole pipeline, which no rule
//! module may import).

use crate::lang::Language;
use crate::pack::Pack;
use crate::rules::commitments::Grammar;

/// The narrow regexes (`lazy_regex::narrow`) a short text is searched with find what
/// the full patterns find, on every pattern the built-in grammars hold and the lines of
/// the rule fixtures, the seed documents and (when present) `../shared`.
#[test]
fn narrow_regexes_agree_with_the_full_patterns() {
    for lang in [Language::Nl, Language::En] {
        let _ = Pack::builtin(lang).compiled::<Grammar>();
    }
    // Every rule's patterns: the whole pipeline on a Dutch and an English text.
    for (name, text) in [
        ("nl.txt", "De Commissie zal vóór 1 juni 2026 een voorstel indienen (COM(2023) 416).\n\n1. Inleiding\n\nHet kabinet, zie § 3, stuurt de Kamer XX een brief over de NVWA."),
        ("en.md", "# The Commission\n\nHaving regard to the Treaty on the Functioning of the European Union,\n\nArticle 1\n\n1. The Council shall adopt Regulation (EU) 2021/1119 by 31 December 2025 [OP: please insert].\n\n- The EU will act."),
    ] {
        let _ = crate::pipeline::run(name, text.as_bytes());
    }
    let mut texts: Vec<String> = vec![
        "De Commissie zal vóór 1 juni 2026 een voorstel indienen.".into(),
        "Het \u{212A}abinet zal in 2025 – na overleg – een wetsvoorstel indienen.".into(),
        "The Council shall, by 31 December 2025, adopt the ſtrategy.".into(),
    ];
    let mut dirs = vec![std::path::PathBuf::from("tests/fixtures/rules")];
    dirs.push(std::path::PathBuf::from("seeds"));
    let shared = std::path::PathBuf::from("../shared/realworld/txt");
    if shared.is_dir() {
        dirs.push(shared);
    } else {
        eprintln!("../shared/realworld/txt absent: fixtures and seeds only");
    }
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                dirs.push(path);
            } else if let Ok(t) = std::fs::read_to_string(&path) {
                texts.extend(t.lines().filter(|l| !l.trim().is_empty()).map(String::from));
                // Paragraphs too, as the rules search them.
                texts.extend(
                    t.split("\n\n")
                        .filter(|p| p.contains('\n') && p.len() <= 2048)
                        .map(String::from),
                );
            }
        }
    }
    texts.sort();
    texts.dedup();
    // Spread over the whole set, a bounded number of lines.
    let step = (texts.len() / 250).max(1);
    let texts: Vec<&str> = texts.iter().step_by(step).map(String::as_str).collect();
    let patterns = crate::lazy_regex::interned_patterns();
    assert!(patterns.len() > 50, "{}", patterns.len());
    for p in &patterns {
        crate::lazy_regex::agrees_with_full(p, &texts).unwrap();
    }
}
