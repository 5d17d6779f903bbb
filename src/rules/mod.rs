//! The rules: one file per rule, named after it; the registry below lists every rule
//! sorted by code.

pub mod key_action_not_in_body;
pub mod key_action_weakly_supported;

use serde::Serialize;

pub mod acronyms;
pub mod footnotes;
pub mod numbering;
pub mod wording;

pub mod dangling_cross_reference;
pub mod draft;
pub mod heading_numbering;
pub mod point_numbering;

mod acronym_redefined;
mod acronym_undefined;
mod acronym_used_before_definition;
mod footnote_numbering;
mod footnote_undefined;
mod footnote_unlabelled;
mod footnote_unreferenced;
mod repeated_word;
mod term_variant;
mod unbalanced_delimiter;

pub use acronym_redefined::AcronymRedefined;
pub use acronym_undefined::AcronymUndefined;
pub use acronym_used_before_definition::AcronymUsedBeforeDefinition;
pub use dangling_cross_reference::DanglingCrossReference;
pub use footnote_numbering::FootnoteNumbering;
pub use footnote_undefined::FootnoteUndefined;
pub use footnote_unlabelled::FootnoteUnlabelled;
pub use footnote_unreferenced::FootnoteUnreferenced;
pub use heading_numbering::HeadingNumbering;
pub use point_numbering::PointNumbering;
pub use repeated_word::RepeatedWord;
pub use term_variant::TermVariant;
pub use unbalanced_delimiter::UnbalancedDelimiter;

use crate::document::Document;
use crate::finding::{Finding, Level, Related};
use crate::source::Span;

pub mod dates;
pub mod invalid_date;
pub mod past_deadline;
pub mod placeholder_link;
pub mod placeholder_text;
pub mod undated_commitment;
pub mod vague_deadline;
pub mod weekday_mismatch;

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
    document_date: Option<&'a str>,
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
            findings: Vec::new(),
        }
    }

    /// The document's own date (ISO `YYYY-MM-DD`), as set by `document-date` in the
    /// configuration or `--document-date`; rules that need a date and find none here
    /// may look for one in the text.
    pub fn with_document_date(mut self, date: Option<&'a str>) -> Self {
        self.document_date = date;
        self
    }

    /// The configured document date (ISO `YYYY-MM-DD`), if any.
    pub fn document_date(&self) -> Option<&str> {
        self.document_date
    }

    /// The configured document date as (year, month, day), if any.
    pub fn document_date_ymd(&self) -> Option<(i32, u32, u32)> {
        parse_iso_date(self.document_date?)
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
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                code: $code,
                name: $rname,
                group: $crate::rules::Group::$group,
                default_level: $crate::finding::Level::$level,
                summary: $summary,
                explanation: concat!($($doc, "\n"),*),
                location: concat!(file!(), ":", line!()),
            };
        }
    };
}

/// Every built-in rule, sorted by code.
pub fn registry() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(AcronymUndefined),                                      // AC001
        Box::new(AcronymUsedBeforeDefinition),                           // AC002
        Box::new(AcronymRedefined),                                      // AC003
        Box::new(undated_commitment::UndatedCommitment),                 // CM001
        Box::new(vague_deadline::VagueDeadline),                         // CM002
        Box::new(past_deadline::PastDeadline),                           // CM003
        Box::new(draft::TrackedChanges),                                 // DR001
        Box::new(draft::OpenComment),                                    // DR002
        Box::new(draft::HiddenText),                                     // DR003
        Box::new(draft::HighlightedText),                                // DR004
        Box::new(draft::EmptyFootnote),                                  // DR005
        Box::new(draft::ManualSuperscript),                              // DR006
        Box::new(draft::TypedFootnoteReference),                         // DR007
        Box::new(draft::BrokenCrossReferenceField),                      // DR008
        Box::new(invalid_date::InvalidDate),                             // DT001
        Box::new(weekday_mismatch::WeekdayMismatch),                     // DT002
        Box::new(FootnoteUndefined),                                     // FN001
        Box::new(FootnoteUnreferenced),                                  // FN002
        Box::new(FootnoteNumbering),                                     // FN003
        Box::new(FootnoteUnlabelled),                                    // FN004
        Box::new(key_action_not_in_body::KeyActionNotInBody),            // KA001
        Box::new(key_action_weakly_supported::KeyActionWeaklySupported), // KA002
        Box::new(PointNumbering),                                        // NU001
        Box::new(HeadingNumbering),                                      // NU002
        Box::new(placeholder_link::PlaceholderLink),                     // PL001
        Box::new(placeholder_text::PlaceholderText),                     // PL002
        Box::new(TermVariant),                                           // TV001
        Box::new(RepeatedWord),                                          // TX001
        Box::new(UnbalancedDelimiter),                                   // TX002
        Box::new(DanglingCrossReference),                                // XR001
    ]
}

/// Find a rule's metadata by code or name (case-insensitive code).
pub fn lookup(code_or_name: &str) -> Option<&'static RuleMeta> {
    registry()
        .into_iter()
        .map(|r| r.meta())
        .find(|m| m.code.eq_ignore_ascii_case(code_or_name) || m.name == code_or_name)
}

/// Parse an ISO date `YYYY-MM-DD` that exists in the Gregorian calendar.
pub fn parse_iso_date(s: &str) -> Option<(i32, u32, u32)> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&d).then_some((y, m, d))
}
