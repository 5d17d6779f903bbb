//! Regexes compiled on first use.
//!
//! The commitment and time grammars hold about a hundred case-insensitive Unicode
//! patterns; compiling them all cost ~28 ms, most of a run on a one-line file. A
//! [`LazyRe`] checks its syntax when built (cheap, so a broken pack pattern is still
//! reported up front) and compiles the matcher the first time it is used: a short
//! document without commitments or dates never pays for most of them.

use std::ops::Deref;
use std::sync::OnceLock;

use regex::Regex;

/// A regex compiled on first use; derefs to [`Regex`].
#[derive(Debug, Clone)]
pub struct LazyRe {
    pattern: String,
    compiled: OnceLock<Regex>,
}

/// Matches nothing: stands in should a checked pattern still fail to compile (a
/// size limit).
static NEVER: std::sync::LazyLock<Regex> =
    std::sync::LazyLock::new(|| Regex::new(r"[^\s\S]").expect("valid regex"));

impl LazyRe {
    /// Check the pattern's syntax; compile it later.
    pub fn new(pattern: &str) -> Result<LazyRe, String> {
        // The syntax tree only: translating it (Unicode case folding) costs nearly as
        // much as compiling. A pattern that parses but does not compile (an unknown
        // Unicode class) matches nothing.
        regex_syntax::ast::parse::Parser::new()
            .parse(pattern)
            .map_err(|e| e.to_string())?;
        Ok(LazyRe {
            pattern: pattern.to_string(),
            compiled: OnceLock::new(),
        })
    }

    /// The pattern, without compiling it.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }
}

impl Deref for LazyRe {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.compiled
            .get_or_init(|| Regex::new(&self.pattern).unwrap_or_else(|_| NEVER.clone()))
    }
}

/// A [`regex::RegexSet`] built on first use (`None` if it does not build).
#[derive(Debug)]
pub struct LazySet {
    patterns: Vec<String>,
    built: OnceLock<Option<regex::RegexSet>>,
}

impl LazySet {
    pub fn new<'a>(patterns: impl Iterator<Item = &'a str>) -> Self {
        LazySet {
            patterns: patterns.map(str::to_string).collect(),
            built: OnceLock::new(),
        }
    }
}

impl Deref for LazySet {
    type Target = Option<regex::RegexSet>;

    fn deref(&self) -> &Option<regex::RegexSet> {
        self.built
            .get_or_init(|| regex::RegexSet::new(&self.patterns).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_syntax_now_and_matches_later() {
        assert!(LazyRe::new("(unclosed").is_err());
        let re = LazyRe::new(r"(?i)\bzal\b").unwrap();
        assert_eq!(re.as_str(), r"(?i)\bzal\b");
        assert!(re.compiled.get().is_none());
        assert!(re.is_match("De Commissie ZAL"));
        assert!(re.compiled.get().is_some());
    }
}
