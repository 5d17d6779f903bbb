//! Baselines: record today's findings so that only new ones are reported.
//!
//! An entry is keyed by path, rule code and a *fingerprint*: a hash of the normalised
//! text around the finding (the span itself and a few dozen non-space characters on
//! either side, whitespace runs collapsed). Line numbers play no part, so reflowing a
//! paragraph or editing elsewhere in the file keeps the entry valid.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::source::SourceFile;

/// How many non-space characters of context on each side enter a fingerprint.
const CONTEXT_CHARS: usize = 40;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub code: String,
    pub fingerprint: String,
    /// For people reading the file; not used for matching.
    #[serde(default)]
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read baseline {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("invalid baseline {path}: {source}")]
    Parse {
        path: String,
        source: serde_json::Error,
    },
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| BaselineError::Read {
            path: shown.clone(),
            source,
        })?;
        serde_json::from_slice(&bytes).map_err(|source| BaselineError::Parse {
            path: shown,
            source,
        })
    }

    /// A baseline of the given findings (unmatched-baseline-entry findings excluded:
    /// they describe the baseline itself).
    pub fn from_findings<'a>(
        files: impl IntoIterator<Item = (&'a SourceFile, &'a [Finding])>,
    ) -> Baseline {
        let mut entries = Vec::new();
        for (source, findings) in files {
            for f in findings
                .iter()
                .filter(|f| f.code != crate::rules::meta::UnmatchedBaselineEntry::META.code)
            {
                entries.push(Entry {
                    path: source.path.clone(),
                    code: f.code.to_string(),
                    fingerprint: fingerprint(source, f),
                    message: f.message.clone(),
                });
            }
        }
        Baseline {
            version: 1,
            entries,
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Remaining (unmatched) entries per path, as a multiset keyed by (code, fingerprint).
    pub fn index(&self) -> BaselineIndex {
        let mut by_path: HashMap<String, HashMap<(String, String), usize>> = HashMap::new();
        for e in &self.entries {
            *by_path
                .entry(e.path.clone())
                .or_default()
                .entry((e.code.clone(), e.fingerprint.clone()))
                .or_default() += 1;
        }
        BaselineIndex { by_path }
    }
}

/// A baseline prepared for matching.
pub struct BaselineIndex {
    by_path: HashMap<String, HashMap<(String, String), usize>>,
}

impl BaselineIndex {
    /// Drop the findings of one file that the baseline records; return the baseline
    /// entries of that file that matched nothing, as (code, count).
    pub fn filter(&self, source: &SourceFile, findings: &mut Vec<Finding>) -> Vec<(String, usize)> {
        let Some(known) = self.by_path.get(&source.path) else {
            return Vec::new();
        };
        let mut left = known.clone();
        findings.retain(|f| {
            let key = (f.code.to_string(), fingerprint(source, f));
            match left.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
        let mut unmatched: Vec<(String, usize)> = left
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|((code, _), n)| (code, n))
            .collect();
        unmatched.sort();
        unmatched
    }
}

/// The fingerprint of a finding: its rule code and the normalised text around it.
pub fn fingerprint(source: &SourceFile, finding: &Finding) -> String {
    let text = &source.text;
    let start = finding.span.start.min(text.len());
    let end = finding.span.end.min(text.len()).max(start);
    let before: String = {
        let mut chars: Vec<char> = normalised(
            text[..crate::source::floor_char_boundary(text, start)]
                .chars()
                .rev(),
        )
        .take(CONTEXT_CHARS)
        .collect();
        chars.reverse();
        chars.into_iter().collect()
    };
    let inner: String =
        normalised(source.slice(crate::source::Span::new(start, end)).chars()).collect();
    let after: String = normalised(text[crate::source::floor_char_boundary(text, end)..].chars())
        .take(CONTEXT_CHARS)
        .collect();
    let mut hash = Fnv::new();
    for part in [finding.code, &before, &inner, &after] {
        hash.write(part.as_bytes());
        hash.write(&[0]);
    }
    format!("{:016x}", hash.0)
}

/// Characters with whitespace runs removed, so that reflowing does not matter.
fn normalised(chars: impl Iterator<Item = char>) -> impl Iterator<Item = char> {
    chars.filter(|c| !c.is_whitespace())
}

/// FNV-1a, 64 bits: stable across Rust versions and platforms, unlike `DefaultHasher`.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Level;
    use crate::source::Span;

    fn finding_at(text: &str, needle: &str) -> Finding {
        let start = text.find(needle).unwrap();
        Finding {
            code: "TX001",
            rule: "repeated-word",
            level: Level::Warning,
            message: "repeated word".into(),
            span: Span::new(start, start + needle.len()),
            label: None,
            related: vec![],
            help: None,
            notes: vec![],
            secondary: false,
        }
    }

    #[test]
    fn fingerprints_survive_reflow_and_edits_elsewhere() {
        let filler = "This sentence separates the passage from the start of the file by far.\n";
        let a = format!("Intro.\n\n{filler}The Commission will will act\nbefore the summer.\n");
        let b = format!("A new and longer intro.\n{filler}The Commission\n   will will act before the summer.\n");
        let fa = fingerprint(&SourceFile::from_str("x", &a), &finding_at(&a, "will will"));
        let fb = fingerprint(&SourceFile::from_str("x", &b), &finding_at(&b, "will will"));
        assert_eq!(fa, fb);
        // An edit next to the finding changes it.
        let c = format!("Intro.\n\n{filler}The Council will will act\nbefore the summer.\n");
        let fc = fingerprint(&SourceFile::from_str("x", &c), &finding_at(&c, "will will"));
        assert_ne!(fa, fc);
    }

    #[test]
    fn index_matches_as_a_multiset_and_reports_leftovers() {
        let filler = " and this long stretch of text keeps the two problems well apart, ";
        let text = &format!("to to be{filler}or not not to be{filler}");
        let source = SourceFile::from_str("p.txt", text);
        let findings = vec![finding_at(text, "to to"), finding_at(text, "not not")];
        let baseline = Baseline::from_findings([(&source, findings.as_slice())]);
        assert_eq!(baseline.entries.len(), 2);
        let round: Baseline = serde_json::from_str(&baseline.to_json()).unwrap();
        assert_eq!(round, baseline);

        // Fixed "to to"; a new problem appears.
        let text2 = &format!("to be{filler}or not not to be{filler}the end end");
        let source2 = SourceFile::from_str("p.txt", text2);
        let mut now = vec![finding_at(text2, "not not"), finding_at(text2, "end end")];
        let unmatched = baseline.index().filter(&source2, &mut now);
        assert_eq!(now.len(), 1);
        assert_eq!(source2.slice(now[0].span), "end end");
        assert_eq!(unmatched, vec![("TX001".to_string(), 1)]);
    }
}
