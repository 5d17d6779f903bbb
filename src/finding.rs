//! Findings: the linter's own diagnostic type. Reporters render it; codespan types
//! never leak past `report/human.rs`.

use serde::{Deserialize, Serialize};

use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl Level {
    /// One level lower (info stays info).
    pub fn lower(self) -> Level {
        match self {
            Level::Error => Level::Warning,
            Level::Warning | Level::Info => Level::Info,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// A secondary location: "first defined here", "the closest passage in the body".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// One problem found by one rule in one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stamped by the engine.
    pub code: &'static str,
    pub rule: &'static str,
    pub level: Level,
    /// Lowercase, no trailing period, stands alone.
    pub message: String,
    /// Primary span: as small as possible.
    pub span: Span,
    /// Primary label: what is wrong here.
    pub label: Option<String>,
    pub related: Vec<Related>,
    pub help: Option<String>,
    pub notes: Vec<String>,
    /// Ranked by its rule below the rule's own weight (a commitment in the body text
    /// rather than a key action): the engine stamps it one level below the rule's level.
    #[serde(skip)]
    pub secondary: bool,
}

#[cfg(test)]
impl Finding {
    /// A warning with nothing but a code, rule, message and span (unit tests).
    pub(crate) fn for_test(
        code: &'static str,
        rule: &'static str,
        message: &str,
        span: Span,
    ) -> Finding {
        Finding {
            code,
            rule,
            level: Level::Warning,
            message: message.into(),
            span,
            label: None,
            related: vec![],
            help: None,
            notes: vec![],
            secondary: false,
        }
    }
}
