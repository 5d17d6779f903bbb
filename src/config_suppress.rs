//! Suppressions written in `policylint.toml`, for input where no comment can be written
//! (text extracts, PDF, Word): a rule, the quoted text of the finding and a reason.
//!
//! ```toml
//! [[suppress]]
//! rule = "AC001"
//! text = "RELEX"
//! reason = "the Council secretariat's distribution code"
//! files = ["council/*.txt"]   # optional; globs relative to the configuration file
//! ```
//!
//! Matched like the baseline, by text and not by line: an entry hides a finding of its
//! rule whose flagged text or message contains the quoted text (whitespace ignored, so
//! a reflowed line still matches). An entry that hides nothing in a whole run is
//! reported at the end.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::finding::Finding;
use crate::source::SourceFile;

/// One `[[suppress]]` entry, validated.
#[derive(Debug)]
pub struct ConfigSuppression {
    /// The rule codes it covers (a code, a name or a prefix, as in `select`).
    pub codes: Vec<&'static str>,
    /// The quoted text as written.
    pub text: String,
    normalised: String,
    pub reason: String,
    /// Where it is written: `path:line`.
    pub origin: String,
    /// How many findings it hid in this run.
    used: AtomicUsize,
}

impl ConfigSuppression {
    pub fn new(codes: Vec<&'static str>, text: String, reason: String, origin: String) -> Self {
        ConfigSuppression {
            codes,
            normalised: normalised(&text),
            text,
            reason,
            origin,
            used: AtomicUsize::new(0),
        }
    }

    pub fn used(&self) -> usize {
        self.used.load(Ordering::Relaxed)
    }

    /// Whether it hides a finding of `code` whose flagged text and message are given
    /// normalised.
    fn hides(&self, code: &str, flagged: &str, message: &str) -> bool {
        !self.normalised.is_empty()
            && self.codes.contains(&code)
            && (flagged.contains(&self.normalised) || message.contains(&self.normalised))
    }
}

/// Whitespace removed, quotes unified: what the matching compares.
fn normalised(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '‘' | '’' | '‚' | '`' => '\'',
            '“' | '”' | '„' => '"',
            c => c,
        })
        .collect()
}

/// Drop the findings that an entry hides, counting each entry's uses.
pub fn apply(
    source: &SourceFile,
    suppressions: &[std::sync::Arc<ConfigSuppression>],
    findings: &mut Vec<Finding>,
) {
    if suppressions.is_empty() {
        return;
    }
    findings.retain(|f| {
        if !suppressions.iter().any(|s| s.codes.contains(&f.code)) {
            return true;
        }
        // Normalised once per finding, whatever the number of entries.
        let flagged = normalised(source.slice(f.span));
        let message = normalised(&f.message);
        match suppressions
            .iter()
            .find(|s| s.hides(f.code, &flagged, &message))
        {
            Some(s) => {
                s.used.fetch_add(1, Ordering::Relaxed);
                false
            }
            None => true,
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;
    use std::sync::Arc;

    fn finding(text: &str, needle: &str, code: &'static str, message: &str) -> Finding {
        let start = text.find(needle).unwrap();
        Finding::for_test(code, "", message, Span::new(start, start + needle.len()))
    }

    #[test]
    fn hides_by_quoted_text_and_rule_and_counts_uses() {
        let text = "RELEX.5 NL and the\nCommission will act.";
        let source = SourceFile::from_str("a.txt", text);
        let s = Arc::new(ConfigSuppression::new(
            vec!["AC001"],
            "RELEX".into(),
            "distribution code".into(),
            "policylint.toml:3".into(),
        ));
        let wrapped = Arc::new(ConfigSuppression::new(
            vec!["CM001"],
            "the Commission will act".into(),
            "dated in the annex".into(),
            "policylint.toml:8".into(),
        ));
        let mut findings = vec![
            finding(
                text,
                "RELEX",
                "AC001",
                "acronym `RELEX` is never spelled out",
            ),
            finding(text, "NL", "AC001", "acronym `NL` is never spelled out"),
            finding(text, "RELEX", "TX001", "other rule"),
            finding(text, "the\nCommission will act", "CM001", "undated"),
        ];
        apply(&source, &[s.clone(), wrapped.clone()], &mut findings);
        let left: Vec<_> = findings.iter().map(|f| (f.code, &f.message[..])).collect();
        assert_eq!(
            left,
            [
                ("AC001", "acronym `NL` is never spelled out"),
                ("TX001", "other rule")
            ]
        );
        assert_eq!((s.used(), wrapped.used()), (1, 1));
    }
}
