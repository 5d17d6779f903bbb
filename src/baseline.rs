//! Baselines: record today's findings so that only new ones are reported.
//!
//! An entry is keyed by path, rule code and a *fingerprint*: a hash of the normalised
//! text around the finding (the span itself and a few dozen non-space characters on
//! either side, whitespace runs collapsed). Line numbers play no part, so reflowing a
//! paragraph or editing elsewhere in the file keeps the entry valid.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

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

    /// Entries per path as written, as a multiset keyed by (code, fingerprint), each
    /// with its messages.
    pub fn index(&self) -> BaselineIndex {
        self.index_with(None)
    }

    /// Entries whose paths are relative to `dir` (the baseline file's directory): a
    /// baseline written in one directory works from another.
    pub fn index_from(&self, dir: &Path) -> BaselineIndex {
        self.index_with(Some(absolute(dir)))
    }

    fn index_with(&self, base: Option<PathBuf>) -> BaselineIndex {
        let mut by_path: HashMap<String, HashMap<(String, String), Vec<String>>> = HashMap::new();
        for e in &self.entries {
            let path = match &base {
                Some(dir) => key_of(&dir.join(&e.path)),
                None => e.path.clone(),
            };
            by_path
                .entry(path)
                .or_default()
                .entry((e.code.clone(), e.fingerprint.clone()))
                .or_default()
                .push(e.message.clone());
        }
        BaselineIndex { by_path, base }
    }

    /// Entry paths rewritten relative to `dir` (where the baseline file is written),
    /// from paths as shown (relative to the working directory or absolute).
    pub fn relative_to(mut self, dir: &Path) -> Baseline {
        let dir = absolute(dir);
        for e in &mut self.entries {
            e.path = relative_path(&absolute(Path::new(&e.path)), &dir);
        }
        self
    }
}

/// `p` made absolute against the working directory, `.` and `..` resolved lexically.
fn absolute(p: &Path) -> PathBuf {
    let p = if p.as_os_str().is_empty() {
        Path::new(".")
    } else {
        p
    };
    let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

fn key_of(p: &Path) -> String {
    absolute(p).to_string_lossy().replace('\\', "/")
}

/// `path` relative to `dir` (both absolute), with `/`.
fn relative_path(path: &Path, dir: &Path) -> String {
    let p: Vec<_> = path.components().collect();
    let d: Vec<_> = dir.components().collect();
    let common = p.iter().zip(&d).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return path.to_string_lossy().replace('\\', "/");
    }
    let mut parts: Vec<String> = vec!["..".to_string(); d.len() - common];
    parts.extend(
        p[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// A baseline prepared for matching.
pub struct BaselineIndex {
    by_path: HashMap<String, HashMap<(String, String), Vec<String>>>,
    /// Set when entry paths are relative to the baseline file: findings' paths are then
    /// compared as absolute paths.
    base: Option<PathBuf>,
}

/// A baseline entry that matched no finding: its code and recorded message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stale {
    pub code: String,
    pub message: String,
}

impl BaselineIndex {
    /// Drop the findings of one file that the baseline records; return the baseline
    /// entries of that file that matched nothing.
    pub fn filter(&self, source: &SourceFile, findings: &mut Vec<Finding>) -> Vec<Stale> {
        let key = match &self.base {
            Some(_) => key_of(Path::new(&source.path)),
            None => source.path.clone(),
        };
        let Some(known) = self.by_path.get(&key) else {
            return Vec::new();
        };
        let mut left = known.clone();
        findings.retain(|f| {
            let key = (f.code.to_string(), fingerprint(source, f));
            match left.get_mut(&key) {
                Some(messages) if !messages.is_empty() => {
                    messages.pop();
                    false
                }
                _ => true,
            }
        });
        let mut stale: Vec<Stale> = left
            .into_iter()
            .flat_map(|((code, _), messages)| {
                messages.into_iter().map(move |message| Stale {
                    code: code.clone(),
                    message,
                })
            })
            .collect();
        stale.sort_by(|a, b| (&a.code, &a.message).cmp(&(&b.code, &b.message)));
        stale
    }
}

/// The fingerprint of a finding: its rule code and the normalised text around it.
pub fn fingerprint(source: &SourceFile, finding: &Finding) -> String {
    // A finding about the whole file (an empty span at its start: a parse note, an
    // abstention) is known by its message, not by whatever text opens the file.
    if finding.span.start == 0 && finding.span.end == 0 {
        let mut hash = Fnv::new();
        for part in [finding.code, "file", &finding.message] {
            hash.write(part.as_bytes());
            hash.write(&[0]);
        }
        return format!("{:016x}", hash.0);
    }
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
    use crate::source::Span;

    fn finding_at(text: &str, needle: &str) -> Finding {
        let start = text.find(needle).unwrap();
        Finding::for_test(
            "TX001",
            "repeated-word",
            "repeated word",
            Span::new(start, start + needle.len()),
        )
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
    fn paths_are_relative_to_the_baseline_file() {
        let dir = absolute(Path::new("/work/project/reports"));
        assert_eq!(
            relative_path(&absolute(Path::new("/work/project/docs/a.txt")), &dir),
            "../docs/a.txt"
        );
        assert_eq!(
            relative_path(&absolute(Path::new("/work/project/reports/b.txt")), &dir),
            "b.txt"
        );
        assert_eq!(
            key_of(Path::new("/work/project/reports/../docs/./a.txt")),
            "/work/project/docs/a.txt"
        );
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
        assert_eq!(
            unmatched,
            vec![Stale {
                code: "TX001".into(),
                message: "repeated word".into()
            }]
        );
    }
}
