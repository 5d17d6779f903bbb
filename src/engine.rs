//! The rule engine: runs the enabled rules over a document, stamps code and level from
//! the settings, applies Markdown suppression comments and sorts the findings.

use crate::document::Document;
use crate::finding::Finding;
use crate::rule::Context;
use crate::rules::REGISTRY;
use crate::source::{floor_char_boundary, Span};

// Where these lived before; kept so callers outside the library keep working.
pub use crate::rules::meta::{
    InvalidSuppression, ParseAbstention, UndecodableBytes, UnmatchedBaselineEntry,
    UnusedSuppression, META_RULES,
};
pub use crate::rules::{all_metas, lookup, resolve_selector};
pub use crate::settings::{meta_finding, PackSet, RuleSetting, Settings};

/// Lint one parsed document: the enabled rules, then suppressions, sorted.
pub fn lint(doc: &Document, settings: &Settings) -> Vec<Finding> {
    crate::lazy_regex::document_size(doc.source.text.len());
    let pack = settings.packs.get(doc.language);
    let mut findings = Vec::new();
    for rule in REGISTRY.iter() {
        let meta = rule.meta();
        let Some(setting) = settings.rules.get(meta.code) else {
            continue;
        };
        let mut cx = rule_context(meta, settings, pack);
        rule.check(doc, &mut cx);
        for mut finding in cx.into_findings() {
            finding.code = meta.code;
            finding.rule = meta.name;
            finding.level = if finding.secondary {
                setting.level.lower()
            } else {
                setting.level
            };
            finding.span = clamp(&doc.source.text, finding.span);
            for related in &mut finding.related {
                related.span = clamp(&doc.source.text, related.span);
            }
            findings.push(finding);
        }
    }
    findings.extend(undecodable_bytes(doc, settings));
    crate::abstain::apply(doc, settings, &mut findings);
    if doc.format == crate::document::Format::Markdown {
        crate::suppress::apply(&doc.source, settings, &mut findings);
    }
    crate::config_suppress::apply(&doc.source, &settings.suppressions, &mut findings);
    sort_findings(&mut findings);
    findings.dedup();
    findings
}

/// The context a rule runs in: its configured options, the pack, the document date and
/// the profile from the settings. Reporters that show what a rule computed (the HTML
/// report's commitment register) read the rule's settings through it too.
pub fn rule_context<'a>(
    meta: &'static crate::rule::RuleMeta,
    settings: &'a Settings,
    pack: &'a crate::pack::Pack,
) -> Context<'a> {
    let options = settings
        .rules
        .get(meta.code)
        .and_then(|s| s.options.as_ref());
    Context::new(meta, options, pack)
        .with_document_date(settings.document_date, settings.document_date_forced)
        .with_profile(settings.profile)
}

/// The contract's order within one file: byte offset, then code.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.span.start, a.code, a.span.end, &a.message).cmp(&(
            b.span.start,
            b.code,
            b.span.end,
            &b.message,
        ))
    });
}

/// Keep a rule's span inside the text and on character boundaries, so that no
/// reporter can panic on it.
fn clamp(text: &str, span: Span) -> Span {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.min(text.len())).max(start);
    Span::new(start, end)
}

/// PLX004: one finding for the first replaced byte run, counting the others.
fn undecodable_bytes(doc: &Document, settings: &Settings) -> Option<Finding> {
    let replaced = &doc.source.replaced;
    let first = replaced.first()?;
    let at = first.text.min(doc.source.text.len());
    let span = Span::new(at, floor_char_boundary(&doc.source.text, at + 3));
    let bytes = first
        .bytes
        .iter()
        .map(|b| format!("0x{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ");
    let more = match replaced.len() - 1 {
        0 => String::new(),
        1 => " (and 1 more place)".to_string(),
        n => format!(" (and {n} more places)"),
    };
    let mut f = meta_finding(
        settings,
        &UndecodableBytes::META,
        span,
        format!(
            "{} at byte {} of the file ({bytes}) replaced by U+FFFD{more}",
            first.what, first.file
        ),
    )?;
    f.label = Some("not decodable".to_string());
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Level;
    use crate::lang::Language;
    use crate::pack::Pack;

    #[test]
    fn selectors_resolve_codes_names_and_prefixes() {
        assert_eq!(resolve_selector("PLX001").unwrap()[0].code, "PLX001");
        assert_eq!(resolve_selector("plx001").unwrap()[0].code, "PLX001");
        assert_eq!(
            resolve_selector("unused-suppression").unwrap()[0].code,
            "PLX001"
        );
        assert_eq!(resolve_selector("PLX").unwrap().len(), 5);
        // `PL` is the placeholder group; it must not swallow the meta rules.
        assert!(resolve_selector("PL")
            .unwrap()
            .iter()
            .all(|m| !m.code.starts_with("PLX")));
        assert!(resolve_selector("FN").is_ok());
        assert!(resolve_selector("ALL").unwrap().len() >= 3);
        let err = resolve_selector("XX999").unwrap_err();
        assert!(err.contains("XX999"), "{err}");
        assert!(resolve_selector("footnote-nonsense").is_err());
        assert!(resolve_selector("").is_err());
    }

    #[test]
    fn spans_are_clamped_to_char_boundaries() {
        let text = "aé";
        assert_eq!(clamp(text, Span::new(2, 9)), Span::new(1, 3));
        assert_eq!(clamp(text, Span::new(5, 1)), Span::new(3, 3));
    }

    #[test]
    fn rules_read_the_document_date_from_their_context() {
        let pack = Pack::builtin(Language::Nl);
        let cx = Context::new(&UnusedSuppression::META, None, pack)
            .with_document_date(crate::iso_date::parse("2020-12-09"), false);
        assert_eq!(
            cx.document_date(),
            chrono::NaiveDate::from_ymd_opt(2020, 12, 9)
        );
        assert_eq!(cx.document_date_ymd(), Some((2020, 12, 9)));
        assert_eq!(
            crate::rules::parse_iso_date("2024-02-29"),
            Some((2024, 2, 29))
        );
        assert_eq!(crate::rules::parse_iso_date("2023-02-29"), None);
        assert_eq!(crate::rules::parse_iso_date("2023-2-1"), None);
        let none = Context::new(&UnusedSuppression::META, None, pack);
        assert_eq!(none.document_date(), None);
    }

    #[test]
    fn levels_and_selection_are_stamped_by_the_engine() {
        let doc = crate::document::parse_str(
            "t.md",
            "# Titel\n\n<!-- policylint-disable-next-line PLX003 -->\nTekst.\n",
        );
        let mut settings = Settings::default();
        let all: Vec<_> = lint(&doc, &settings).iter().map(|f| f.code).collect();
        assert_eq!(all, ["PLX001", "PLX002"]);
        settings.rules.get_mut("PLX002").unwrap().level = Level::Error;
        settings.rules.remove("PLX001");
        let findings = lint(&doc, &settings);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            (findings[0].code, findings[0].level),
            ("PLX002", Level::Error)
        );
    }
}
