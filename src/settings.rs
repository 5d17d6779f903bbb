//! The settings one file is linted with: each enabled rule's level and options, the
//! language, the document date and the language packs (built-in or extended by
//! configuration). Built by `config`, read by the engine and the suppression passes.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::finding::{Finding, Level};
use crate::lang::Language;
use crate::rule::{RuleMeta, RuleOptions};
use crate::rules::all_metas;
use crate::source::Span;

/// How one enabled rule runs.
#[derive(Clone, Debug, Serialize)]
pub struct RuleSetting {
    pub level: Level,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<RuleOptions>,
}

pub use crate::pack::PackSet;

/// Everything the engine needs to lint one document.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Forced language; `None` detects it.
    pub language: Option<Language>,
    /// The document's date (ISO), for rules such as past-deadline.
    pub document_date: Option<chrono::NaiveDate>,
    /// The date was given on the command line: it wins over a date the text states.
    /// (A configured date only fills in for a text that states none.)
    pub document_date_forced: bool,
    /// The document profile set by configuration or `--profile`; detected when None.
    pub profile: Option<crate::document::profile::Profile>,
    /// The enabled rules, by code.
    pub rules: BTreeMap<&'static str, RuleSetting>,
    pub packs: PackSet,
    /// `[[suppress]]` entries of the configuration that apply to this file.
    pub suppressions: Vec<Arc<crate::config_suppress::ConfigSuppression>>,
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
            document_date_forced: false,
            profile: None,
            rules,
            packs: PackSet::default(),
            suppressions: Vec::new(),
        }
    }
}

impl Settings {
    /// The level of an enabled rule.
    pub fn level(&self, code: &str) -> Option<Level> {
        self.rules.get(code).map(|r| r.level)
    }
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
        secondary: false,
    })
}
