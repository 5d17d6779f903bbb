//! The rule engine: runs the enabled rules over a document, stamps code and level from
//! the settings, applies Markdown suppression comments and sorts the findings.
//!
//! Besides the rules of [`registry`], the engine owns a few *meta rules* (`PLX…`) that
//! report on policylint's own machinery: suppression comments and baseline entries.
//! They are not in the contract catalogue; they can be selected, ignored and re-levelled
//! like any rule.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use serde::Serialize;

use crate::declare_rule;
use crate::document::Document;
use crate::finding::{Finding, Level};
use crate::lang::Language;
use crate::pack::Pack;
use crate::rules::{registry, Context, Rule, RuleMeta, RuleOptions};
use crate::source::{floor_char_boundary, Span};

declare_rule! {
    /// ## What it does
    /// Reports a suppression comment (`<!-- policylint-disable-next-line CODE -- reason -->`
    /// or a `policylint-disable` range) that suppressed no finding of that rule.
    ///
    /// ## Why is this bad?
    /// A suppression that no longer matches anything hides nothing today but will hide a
    /// real problem tomorrow, and it misleads readers into thinking the text has an issue
    /// that was accepted.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- policylint-disable-next-line TX001 -- quoted from the regulation -->
    /// The text on this line has no repeated word.
    /// ```
    ///
    /// Use instead: remove the comment.
    ///
    /// ## Options
    /// None.
    pub UnusedSuppression {
        code: "PLX001",
        name: "unused-suppression",
        group: Meta,
        level: Info,
        summary: "a suppression comment that suppresses nothing",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a malformed suppression comment: one without a reason (`-- reason`), one
    /// that names no rule or an unknown rule, or a `policylint-enable` with no open
    /// `policylint-disable`.
    ///
    /// ## Why is this bad?
    /// A suppression is a decision; without a reason the next editor cannot tell whether
    /// it still holds. A misspelt rule code silently suppresses nothing.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- policylint-disable-next-line FN001 -->
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// <!-- policylint-disable-next-line FN001 -- footnote text follows in the annex -->
    /// ```
    ///
    /// ## Options
    /// None.
    pub InvalidSuppression {
        code: "PLX002",
        name: "invalid-suppression",
        group: Meta,
        level: Warning,
        summary: "a suppression comment without a reason or with an unknown rule",
    }
}

declare_rule! {
    /// ## What it does
    /// Reports an entry of the baseline file (`--baseline FILE`) that matches no current
    /// finding in a file that was checked.
    ///
    /// ## Why is this bad?
    /// The problem the entry recorded was fixed (or its text changed). Keeping the entry
    /// would let a new problem with the same fingerprint slip through unreported.
    ///
    /// ## Example
    /// A baseline written before footnote 2 was added, used after the fix.
    ///
    /// Use instead: rewrite the baseline with `--write-baseline FILE`.
    ///
    /// ## Options
    /// None.
    pub UnmatchedBaselineEntry {
        code: "PLX003",
        name: "unmatched-baseline-entry",
        group: Meta,
        level: Info,
        summary: "a baseline entry that matches no current finding",
    }
}

/// The engine's own rules, sorted by code.
pub static META_RULES: [&RuleMeta; 4] = [
    &UnusedSuppression::META,
    &InvalidSuppression::META,
    &UnmatchedBaselineEntry::META,
    &crate::abstain::ParseAbstention::META,
];

static REGISTRY: LazyLock<Vec<Box<dyn Rule>>> = LazyLock::new(registry);

/// Every rule the engine knows: the registry's, then the meta rules.
pub fn all_metas() -> Vec<&'static RuleMeta> {
    REGISTRY
        .iter()
        .map(|r| r.meta())
        .chain(META_RULES.iter().copied())
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
    "AC", "CM", "DT", "FN", "KA", "NU", "PL", "PLX", "TV", "TX", "XR",
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

/// How one enabled rule runs.
#[derive(Clone, Debug, Serialize)]
pub struct RuleSetting {
    pub level: Level,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<RuleOptions>,
}

/// The language packs in force: the built-in ones, extended by configuration.
#[derive(Clone, Debug, Default)]
pub struct PackSet {
    pub nl: Option<Arc<Pack>>,
    pub en: Option<Arc<Pack>>,
}

impl PackSet {
    pub fn get(&self, language: Language) -> &Pack {
        let extended = match language {
            Language::Nl => self.nl.as_deref(),
            Language::En => self.en.as_deref(),
        };
        extended.unwrap_or_else(|| Pack::builtin(language))
    }
}

/// Everything the engine needs to lint one document.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Forced language; `None` detects it.
    pub language: Option<Language>,
    /// The document's date (ISO), for rules such as past-deadline.
    pub document_date: Option<String>,
    /// The enabled rules, by code.
    pub rules: BTreeMap<&'static str, RuleSetting>,
    pub packs: PackSet,
}

impl Default for Settings {
    /// Every rule enabled at its default level; built-in packs.
    fn default() -> Self {
        let rules = all_metas()
            .into_iter()
            .map(|m| {
                (
                    m.code,
                    RuleSetting {
                        level: m.default_level,
                        options: None,
                    },
                )
            })
            .collect();
        Settings {
            language: None,
            document_date: None,
            rules,
            packs: PackSet::default(),
        }
    }
}

impl Settings {
    /// The level of an enabled rule.
    pub fn level(&self, code: &str) -> Option<Level> {
        self.rules.get(code).map(|r| r.level)
    }
}

/// Lint one parsed document: the enabled rules, then suppressions, sorted.
pub fn lint(doc: &Document, settings: &Settings) -> Vec<Finding> {
    let pack = settings.packs.get(doc.language);
    let mut findings = Vec::new();
    for rule in REGISTRY.iter() {
        let meta = rule.meta();
        let Some(setting) = settings.rules.get(meta.code) else {
            continue;
        };
        let mut cx = Context::new(meta, setting.options.as_ref(), pack)
            .with_document_date(settings.document_date.as_deref());
        rule.check(doc, &mut cx);
        for mut finding in cx.into_findings() {
            finding.code = meta.code;
            finding.rule = meta.name;
            finding.level = setting.level;
            finding.span = clamp(&doc.source.text, finding.span);
            for related in &mut finding.related {
                related.span = clamp(&doc.source.text, related.span);
            }
            findings.push(finding);
        }
    }
    crate::abstain::apply(doc, settings, &mut findings);
    if doc.format == crate::document::Format::Markdown {
        crate::suppress::apply(&doc.source, settings, &mut findings);
    }
    sort_findings(&mut findings);
    findings.dedup();
    findings
}

/// A finding of one of the engine's meta rules, at the level the settings give it;
/// `None` when that rule is disabled.
pub fn meta_finding(
    settings: &Settings,
    meta: &'static RuleMeta,
    span: Span,
    message: String,
) -> Option<Finding> {
    let level = settings.level(meta.code)?;
    Some(Finding {
        code: meta.code,
        rule: meta.name,
        level,
        message,
        span,
        label: None,
        related: Vec::new(),
        help: None,
        notes: Vec::new(),
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_resolve_codes_names_and_prefixes() {
        assert_eq!(resolve_selector("PLX001").unwrap()[0].code, "PLX001");
        assert_eq!(resolve_selector("plx001").unwrap()[0].code, "PLX001");
        assert_eq!(
            resolve_selector("unused-suppression").unwrap()[0].code,
            "PLX001"
        );
        assert_eq!(resolve_selector("PLX").unwrap().len(), 4);
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
            .with_document_date(Some("2020-12-09"));
        assert_eq!(cx.document_date(), Some("2020-12-09"));
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
