//! What a rule is: its static facts ([`RuleMeta`], written once by [`declare_rule!`]),
//! the [`Rule`] trait, and the [`Context`] a rule reports into. The rule families under
//! `rules/` depend on this module; the engine drives it.

use serde::Serialize;

use crate::document::profile::Profile;
use crate::document::Document;
use crate::finding::{Finding, Level, Related};
use crate::source::Span;

/// Rule groups, by code prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    Footnotes,
    KeyActions,
    Commitments,
    Numbering,
    CrossReferences,
    Acronyms,
    Terms,
    Placeholders,
    Dates,
    Text,
    /// Draft hygiene of Word documents (`DR…`).
    Draft,
    /// EU citations (`CT…`).
    Citations,
    /// Findings about policylint's own suppressions and baseline (`PLX…`).
    Meta,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Footnotes => "footnotes",
            Group::KeyActions => "key-actions",
            Group::Commitments => "commitments",
            Group::Numbering => "numbering",
            Group::CrossReferences => "cross-references",
            Group::Acronyms => "acronyms",
            Group::Terms => "terms",
            Group::Placeholders => "placeholders",
            Group::Dates => "dates",
            Group::Text => "text",
            Group::Draft => "draft",
            Group::Citations => "citations",
            Group::Meta => "meta",
        }
    }
}

/// Static facts about a rule, written once by [`declare_rule!`].
#[derive(Debug, Serialize)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub group: Group,
    pub default_level: Level,
    /// One line, lowercase.
    pub summary: &'static str,
    /// The rule's docs (Markdown) under the fixed headings: What it does / Why is this
    /// bad / Example / Options.
    pub explanation: &'static str,
    #[serde(skip)]
    pub location: &'static str,
}

/// Options given to a rule from configuration (`[rules.options.NAME]` tables).
pub type RuleOptions = toml::Table;

/// A rule inspects a parsed document and reports findings into the context.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, doc: &Document, cx: &mut Context<'_>);
}

/// Where rules report. The engine stamps code and level afterwards.
pub struct Context<'a> {
    meta: &'static RuleMeta,
    options: Option<&'a RuleOptions>,
    pack: &'a crate::pack::Pack,
    document_date: Option<chrono::NaiveDate>,
    document_date_forced: bool,
    profile: Option<Profile>,
    findings: Vec<Finding>,
}

impl<'a> Context<'a> {
    pub fn new(
        meta: &'static RuleMeta,
        options: Option<&'a RuleOptions>,
        pack: &'a crate::pack::Pack,
    ) -> Self {
        Context {
            meta,
            options,
            pack,
            document_date: None,
            document_date_forced: false,
            profile: None,
            findings: Vec::new(),
        }
    }

    /// The document's own date (ISO `YYYY-MM-DD`), as set by `document-date` in the
    /// configuration or `--document-date`; rules that need a date and find none here
    /// may look for one in the text.
    /// The document date from the settings; `forced` when it was given on the command
    /// line, where it wins over a date the text states.
    pub fn with_document_date(mut self, date: Option<chrono::NaiveDate>, forced: bool) -> Self {
        self.document_date_forced = forced && date.is_some();
        self.document_date = date;
        self
    }

    /// The profile set by configuration or `--profile` (None: detect it).
    pub fn with_profile(mut self, profile: Option<Profile>) -> Self {
        self.profile = profile;
        self
    }

    /// The document's profile: as configured, else as detected from its text.
    pub fn profile(&self, doc: &Document) -> Profile {
        self.profile
            .unwrap_or_else(|| crate::document::profile::of(doc).profile)
    }

    /// The configured document date (ISO `YYYY-MM-DD`), if any.
    /// Whether the document date was given on the command line (it then wins over
    /// the text's own dateline).
    pub fn document_date_forced(&self) -> bool {
        self.document_date_forced
    }

    pub fn document_date(&self) -> Option<chrono::NaiveDate> {
        self.document_date
    }

    /// The configured document date as (year, month, day), if any.
    pub fn document_date_ymd(&self) -> Option<(i32, u32, u32)> {
        use chrono::Datelike;
        let d = self.document_date?;
        Some((d.year(), d.month(), d.day()))
    }

    /// The language pack of the document being checked (built-in merged with config).
    pub fn pack(&self) -> &crate::pack::Pack {
        self.pack
    }

    /// A typed option of this rule, or `default`.
    pub fn option_f64(&self, key: &str, default: f64) -> f64 {
        self.options
            .and_then(|o| o.get(key))
            .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
            .unwrap_or(default)
    }

    pub fn option_bool(&self, key: &str, default: bool) -> bool {
        self.options
            .and_then(|o| o.get(key))
            .and_then(|v| v.as_bool())
            .unwrap_or(default)
    }

    pub fn option_str(&self, key: &str) -> Option<&str> {
        self.options
            .and_then(|o| o.get(key))
            .and_then(|v| v.as_str())
    }

    pub fn option_strings(&self, key: &str) -> Vec<String> {
        self.options
            .and_then(|o| o.get(key))
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Start a finding at `span`; chain `.label()`, `.related()`, `.help()`, `.note()`.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> FindingBuilder<'_> {
        self.findings.push(Finding {
            code: self.meta.code,
            rule: self.meta.name,
            level: self.meta.default_level,
            message: message.into(),
            span,
            label: None,
            related: Vec::new(),
            help: None,
            notes: Vec::new(),
            secondary: false,
        });
        FindingBuilder {
            finding: self.findings.last_mut().expect("just pushed"),
        }
    }

    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }
}

/// Adds detail to a finding just reported.
pub struct FindingBuilder<'f> {
    finding: &'f mut Finding,
}

impl FindingBuilder<'_> {
    pub fn label(self, label: impl Into<String>) -> Self {
        self.finding.label = Some(label.into());
        self
    }
    pub fn related(self, span: Span, message: impl Into<String>) -> Self {
        self.finding.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }
    pub fn help(self, help: impl Into<String>) -> Self {
        self.finding.help = Some(help.into());
        self
    }
    pub fn note(self, note: impl Into<String>) -> Self {
        self.finding.notes.push(note.into());
        self
    }
    /// Rank the finding below the rule's own weight: it is stamped one level lower
    /// than the rule's configured level (see [`Finding::secondary`]).
    pub fn secondary(self, secondary: bool) -> Self {
        self.finding.secondary = secondary;
        self
    }
}

/// Declare a rule: its struct and its [`RuleMeta`], with the doc comment reused as the
/// explanation shown by `policylint explain`.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub $name:ident {
            code: $code:literal,
            name: $rname:literal,
            group: $group:ident,
            level: $level:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        pub struct $name;

        impl $name {
            pub const META: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
                code: $code,
                name: $rname,
                group: $crate::rule::Group::$group,
                default_level: $crate::finding::Level::$level,
                summary: $summary,
                explanation: concat!($($doc, "\n"),*),
                location: concat!(file!(), ":", line!()),
            };
        }
    };
}

/// Parse an ISO date `YYYY-MM-DD` that exists in the Gregorian calendar.
pub fn parse_iso_date(s: &str) -> Option<(i32, u32, u32)> {
    use chrono::Datelike;
    let d = crate::iso_date::parse(s)?;
    Some((d.year(), d.month(), d.day()))
}
