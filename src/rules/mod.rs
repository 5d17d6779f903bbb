//! The rules: one file per rule, named after it; the registry below lists every rule
//! sorted by code.

use std::sync::LazyLock;

pub use crate::rule::{parse_iso_date, Context, Group, Rule, RuleMeta, RuleOptions};

// One folder per rule family: the family's shared analysis in `mod.rs`, one file per
// rule named after it.
pub mod acronyms;
pub mod citations;
pub mod commitments;
pub mod cross_references;
pub mod dates;
pub mod draft;
pub mod footnotes;
pub mod key_actions;
pub mod meta;
pub mod numbering;
pub mod placeholders;
pub mod terms;
pub mod text;

/// The problems of a language pack that only its consumers can see: patterns that do
/// not compile (the commitment and time grammars, cross-reference patterns). Empty for
/// the built-in packs; configuration reports them for its additions.
pub fn pack_errors(pack: &crate::pack::Pack) -> Vec<String> {
    let mut errors = pack
        .compiled::<commitments::detect::Grammar>()
        .errors
        .clone();
    errors.extend(citations::pattern_errors(pack));
    errors.extend(cross_references::dangling_cross_reference::pattern_errors(
        pack,
    ));
    errors.extend(
        pack.compiled::<cross_references::legal_references::Grammar>()
            .errors
            .clone(),
    );
    if let Some(name) = pack.get("language.stemmer").and_then(|v| v.as_str()) {
        if key_actions::config::stemmer_algorithm(name).is_none() {
            errors.push(format!(
                "`language.stemmer`: no Snowball stemmer is called `{name}`"
            ));
        }
    }
    errors
}

/// Every built-in rule, sorted by code.
pub fn registry() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(acronyms::AcronymUndefined),               // AC001
        Box::new(acronyms::AcronymUsedBeforeDefinition),    // AC002
        Box::new(acronyms::AcronymRedefined),               // AC003
        Box::new(commitments::UndatedCommitment),           // CM001
        Box::new(commitments::VagueDeadline),               // CM002
        Box::new(commitments::PastDeadline),                // CM003
        Box::new(citations::CommissionDocumentForm),        // CT001
        Box::new(citations::ActNumberForm),                 // CT002
        Box::new(citations::ActDomainForm),                 // CT003
        Box::new(citations::OjReferenceIncomplete),         // CT004
        Box::new(citations::CelexMismatch),                 // CT005
        Box::new(citations::CitationInconsistent),          // CT006
        Box::new(draft::TrackedChanges),                    // DR001
        Box::new(draft::OpenComment),                       // DR002
        Box::new(draft::HiddenText),                        // DR003
        Box::new(draft::HighlightedText),                   // DR004
        Box::new(draft::EmptyFootnote),                     // DR005
        Box::new(draft::ManualSuperscript),                 // DR006
        Box::new(draft::TypedFootnoteReference),            // DR007
        Box::new(draft::BrokenCrossReferenceField),         // DR008
        Box::new(dates::InvalidDate),                       // DT001
        Box::new(dates::WeekdayMismatch),                   // DT002
        Box::new(footnotes::FootnoteUndefined),             // FN001
        Box::new(footnotes::FootnoteUnreferenced),          // FN002
        Box::new(footnotes::FootnoteNumbering),             // FN003
        Box::new(footnotes::FootnoteUnlabelled),            // FN004
        Box::new(key_actions::KeyActionNotInBody),          // KA001
        Box::new(key_actions::KeyActionWeaklySupported),    // KA002
        Box::new(numbering::PointNumbering),                // NU001
        Box::new(numbering::HeadingNumbering),              // NU002
        Box::new(numbering::LegalTextNumbering),            // NU003
        Box::new(placeholders::PlaceholderLink),            // PL001
        Box::new(placeholders::PlaceholderText),            // PL002
        Box::new(terms::TermVariant),                       // TV001
        Box::new(text::RepeatedWord),                       // TX001
        Box::new(text::UnbalancedDelimiter),                // TX002
        Box::new(cross_references::DanglingCrossReference), // XR001
        Box::new(cross_references::DanglingLegalReference), // XR002
    ]
}

/// The registry, built once per process.
pub static REGISTRY: LazyLock<Vec<Box<dyn Rule>>> = LazyLock::new(registry);

/// Every rule the engine knows: the registry's, then the meta rules.
pub fn all_metas() -> Vec<&'static RuleMeta> {
    REGISTRY
        .iter()
        .map(|r| r.meta())
        .chain(meta::META_RULES.iter().copied())
        .collect()
}

/// A rule by code (case-insensitive) or name.
pub fn lookup(code_or_name: &str) -> Option<&'static RuleMeta> {
    all_metas()
        .into_iter()
        .find(|m| m.code.eq_ignore_ascii_case(code_or_name) || m.name == code_or_name)
}

/// Group prefixes of the contract catalogue: a selector `FN` is valid even before the
/// first `FN` rule exists.
const KNOWN_PREFIXES: &[&str] = &[
    "AC", "CM", "CT", "DR", "DT", "FN", "KA", "NU", "PL", "PLX", "TV", "TX", "XR",
];

/// The rules a selector names: `ALL`, a code (`FN001`), a name (`footnote-undefined`)
/// or a code prefix (`FN`, `FN00`). Letters-only prefixes match the whole letter part,
/// so `PL` selects `PL001` but not `PLX001`.
pub fn resolve_selector(selector: &str) -> Result<Vec<&'static RuleMeta>, String> {
    let sel = selector.trim();
    let metas = all_metas();
    if sel.eq_ignore_ascii_case("ALL") {
        return Ok(metas);
    }
    if let Some(m) = metas
        .iter()
        .find(|m| m.code.eq_ignore_ascii_case(sel) || m.name == sel)
    {
        return Ok(vec![m]);
    }
    let upper = sel.to_ascii_uppercase();
    let letters: String = upper
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let well_formed = !letters.is_empty()
        && upper[letters.len()..].chars().all(|c| c.is_ascii_digit())
        && upper.len() - letters.len() < 3;
    if well_formed {
        let matched: Vec<_> = metas
            .into_iter()
            .filter(|m| code_letters(m.code) == letters && m.code.starts_with(&upper))
            .collect();
        if !matched.is_empty() || (upper == letters && KNOWN_PREFIXES.contains(&&*letters)) {
            return Ok(matched);
        }
    }
    Err(format!("unknown rule or rule prefix `{selector}`"))
}

fn code_letters(code: &str) -> &str {
    let n = code
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(code.len());
    &code[..n]
}

#[cfg(test)]
mod tests {
    use crate::pack::{Language, Pack};

    #[test]
    fn the_builtin_packs_have_no_errors() {
        for lang in Language::all() {
            assert_eq!(
                super::pack_errors(Pack::builtin(lang)),
                Vec::<String>::new()
            );
        }
        let bad: toml::Table = "[language]\nstemmer = \"klingon\"".parse().unwrap();
        let pack = Pack::builtin(Language::En).extended(&bad);
        assert!(super::pack_errors(&pack)[0].contains("klingon"));
    }
}
