//! Suppression comments in Markdown:
//!
//! ```markdown
//! <!-- policylint-disable-next-line FN001 -- the footnote text is in the annex -->
//! <!-- policylint-disable TX001, AC001 -- quoted verbatim from the regulation -->
//! …
//! <!-- policylint-enable TX001, AC001 -->
//! ```
//!
//! `disable-next-line` covers findings that start on the line after the comment;
//! `disable` covers everything up to the matching `enable` (or the end of the file).
//! Rules are named by code, name or prefix. The reason after ` -- ` is required on
//! `disable` comments; a comment without one still applies, but is reported
//! (`PLX002`), as is a comment that suppresses nothing (`PLX001`).
//! Comments inside code blocks and code spans are ignored.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use regex::Regex;

use crate::finding::Finding;
use crate::rules::{meta, resolve_selector};
use crate::settings::{meta_finding, Settings};
use crate::source::{SourceFile, Span};

static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)<!--\s*policylint-(disable-next-line|disable|enable)\b(.*?)-->")
        .expect("valid regex")
});

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    NextLine,
    Disable,
    Enable,
}

/// One parsed comment.
#[derive(Debug)]
struct Comment {
    kind: Kind,
    span: Span,
    /// Rule codes the comment names (resolved from codes, names and prefixes).
    codes: BTreeSet<&'static str>,
    has_reason: bool,
}

/// One (comment, rule) pair that covers a byte range.
#[derive(Debug)]
struct Suppression {
    comment: usize,
    code: &'static str,
    covers: Span,
    used: bool,
}

/// Byte ranges of code blocks and code spans, where comments are only text.
fn code_ranges(text: &str) -> Vec<Span> {
    let mut ranges = Vec::new();
    let mut block_start = None;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => block_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => ranges.push(Span::new(
                block_start.take().unwrap_or(range.start),
                range.end,
            )),
            Event::Code(_) => ranges.push(Span::new(range.start, range.end)),
            _ => {}
        }
    }
    ranges
}

fn parse_comments(
    source: &SourceFile,
    settings: &Settings,
    problems: &mut Vec<Finding>,
) -> Vec<Comment> {
    let text = &source.text;
    let code = code_ranges(text);
    let mut comments = Vec::new();
    for caps in COMMENT.captures_iter(text) {
        let (Some(whole), Some(kind), Some(body)) = (caps.get(0), caps.get(1), caps.get(2)) else {
            continue;
        };
        // Code ranges are in text order and do not nest: the last one starting at or
        // before the comment is the only one that can hold it.
        let k = code.partition_point(|r| r.start <= whole.start());
        if k > 0 && code[k - 1].contains(whole.start()) {
            continue;
        }
        let span = Span::new(whole.start(), whole.end());
        let kind = match kind.as_str() {
            "disable-next-line" => Kind::NextLine,
            "disable" => Kind::Disable,
            _ => Kind::Enable,
        };
        let body = body.as_str();
        let (rules_part, reason) = match body.find(" --").or_else(|| body.find("\t--")) {
            Some(i) => (&body[..i], body[i + 3..].trim()),
            None => (body, ""),
        };
        let mut codes = BTreeSet::new();
        let mut report = |message: String, help: &str| {
            if let Some(mut f) =
                meta_finding(settings, &meta::InvalidSuppression::META, span, message)
            {
                f.help = Some(help.to_string());
                problems.push(f);
            }
        };
        let selectors: Vec<&str> = rules_part
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .collect();
        if selectors.is_empty() {
            report(
                "suppression comment names no rule".to_string(),
                "name the rules to suppress by code or name: `policylint-disable-next-line FN001 -- reason`",
            );
        }
        for selector in selectors {
            match resolve_selector(selector) {
                Ok(metas) => codes.extend(metas.iter().map(|m| m.code)),
                Err(_) => report(
                    format!("suppression comment names unknown rule `{selector}`"),
                    "see `policylint rules` for the codes and names",
                ),
            }
        }
        let has_reason = !reason.is_empty();
        if !has_reason && kind != Kind::Enable {
            report(
                "suppression comment gives no reason".to_string(),
                "say why after ` -- `: `<!-- policylint-disable-next-line CODE -- reason -->`",
            );
        }
        comments.push(Comment {
            kind,
            span,
            codes,
            has_reason,
        });
    }
    comments
}

/// Apply the suppression comments of a Markdown source to its findings: remove the
/// suppressed ones and add the meta findings (invalid and unused suppressions).
pub fn apply(source: &SourceFile, settings: &Settings, findings: &mut Vec<Finding>) {
    if !source.text.contains("policylint-") {
        return;
    }
    let mut problems = Vec::new();
    let comments = parse_comments(source, settings, &mut problems);
    let mut suppressions: Vec<Suppression> = Vec::new();
    // Open `disable` ranges: (code, comment index, start offset).
    let mut open: Vec<(&'static str, usize, usize)> = Vec::new();
    for (i, comment) in comments.iter().enumerate() {
        match comment.kind {
            Kind::NextLine => {
                let next = source.line_index(comment.span.end) + 1;
                let starts = source.line_starts();
                let Some(&start) = starts.get(next) else {
                    continue;
                };
                let end = starts.get(next + 1).copied().unwrap_or(source.text.len());
                for &code in &comment.codes {
                    suppressions.push(Suppression {
                        comment: i,
                        code,
                        covers: Span::new(start, end),
                        used: false,
                    });
                }
            }
            Kind::Disable => {
                for &code in &comment.codes {
                    if !open.iter().any(|(c, _, _)| *c == code) {
                        open.push((code, i, comment.span.end));
                    }
                }
            }
            Kind::Enable => {
                for &code in &comment.codes {
                    match open.iter().position(|(c, _, _)| *c == code) {
                        Some(k) => {
                            let (code, from, start) = open.remove(k);
                            suppressions.push(Suppression {
                                comment: from,
                                code,
                                covers: Span::new(start, comment.span.start),
                                used: false,
                            });
                        }
                        None => problems.extend(meta_finding(
                            settings,
                            &meta::InvalidSuppression::META,
                            comment.span,
                            format!("`policylint-enable {code}` without a matching `policylint-disable`"),
                        )),
                    }
                }
            }
        }
    }
    for (code, from, start) in open {
        suppressions.push(Suppression {
            comment: from,
            code,
            covers: Span::new(start, source.text.len()),
            used: false,
        });
    }

    // Per rule, `disable` ranges (disjoint: a rule is open at most once) and
    // next-line covers (whole lines: identical or disjoint), each sorted by start, so
    // a finding looks only at the few that can hold it, not at every suppression.
    let mut by_code: std::collections::HashMap<&'static str, [Vec<usize>; 2]> =
        std::collections::HashMap::new();
    for (i, s) in suppressions.iter().enumerate() {
        let next_line = comments[s.comment].kind == Kind::NextLine;
        by_code.entry(s.code).or_default()[usize::from(next_line)].push(i);
    }
    for lists in by_code.values_mut() {
        for list in lists.iter_mut() {
            list.sort_by_key(|&i| (suppressions[i].covers.start, suppressions[i].covers.end));
        }
    }
    findings.retain(|f| {
        let Some(lists) = by_code.get(f.code) else {
            return true;
        };
        let at = f.span.start;
        let mut suppressed = false;
        for list in lists {
            let k = list.partition_point(|&i| suppressions[i].covers.start <= at);
            // Ranges before the first that cannot hold `at` end before it too.
            for &i in list[..k].iter().rev() {
                let s = &mut suppressions[i];
                if s.covers.contains(at) || s.covers.start == at {
                    s.used = true;
                    suppressed = true;
                } else {
                    break;
                }
            }
        }
        !suppressed
    });

    for s in &suppressions {
        // A disabled rule cannot have fired, so its suppression is not known to be unused.
        if s.used || settings.level(s.code).is_none() {
            continue;
        }
        let comment = &comments[s.comment];
        if let Some(mut f) = meta_finding(
            settings,
            &meta::UnusedSuppression::META,
            comment.span,
            format!("suppression of {} matches no finding", s.code),
        ) {
            f.help = Some("remove the code from the comment, or the whole comment".to_string());
            if !comment.has_reason {
                f.notes.push("the comment also lacks a reason".to_string());
            }
            problems.push(f);
        }
    }
    findings.extend(problems);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Level;

    fn finding(code: &'static str, text: &str, needle: &str) -> Finding {
        let start = text.find(needle).expect("needle in text");
        Finding::for_test(code, "test", "m", Span::new(start, start + needle.len()))
    }

    fn run(text: &str, mut findings: Vec<Finding>) -> Vec<Finding> {
        let source = SourceFile::from_str("t.md", text);
        let mut settings = Settings::default();
        // Pretend TX001-like codes exist: use the meta codes, which always do.
        settings
            .rules
            .entry("PLX003")
            .or_insert(crate::settings::RuleSetting {
                level: Level::Info,
                options: None,
            });
        apply(&source, &settings, &mut findings);
        findings
    }

    #[test]
    fn next_line_suppresses_only_the_next_line() {
        let text =
            "<!-- policylint-disable-next-line PLX003 -- accepted -->\nfirst bad\nsecond bad\n";
        let out = run(
            text,
            vec![
                finding("PLX003", text, "first"),
                finding("PLX003", text, "second"),
            ],
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].span.start, text.find("second").unwrap());
    }

    #[test]
    fn ranges_run_to_enable_and_unused_ones_are_reported() {
        let text = "<!-- policylint-disable PLX003 -- quoted -->\na bad\n<!-- policylint-enable PLX003 -->\nb bad\n\
                    <!-- policylint-disable-next-line unmatched-baseline-entry -- stale -->\nclean\n";
        let out = run(
            text,
            vec![
                finding("PLX003", text, "a bad"),
                finding("PLX003", text, "b bad"),
            ],
        );
        let codes: Vec<_> = out.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["PLX003", "PLX001"], "{out:#?}");
        assert_eq!(out[0].span.start, text.find("b bad").unwrap());
        assert!(out[1].message.contains("PLX003"));
    }

    #[test]
    fn missing_reason_and_unknown_codes_are_reported_but_still_apply() {
        let text = "<!-- policylint-disable-next-line PLX003 NOPE42 -->\nbad\n";
        let out = run(text, vec![finding("PLX003", text, "bad")]);
        let messages: Vec<_> = out.iter().map(|f| (f.code, f.message.as_str())).collect();
        assert_eq!(out.len(), 2, "{messages:?}");
        assert!(out.iter().all(|f| f.code == "PLX002"));
        assert!(messages.iter().any(|(_, m)| m.contains("NOPE42")));
        assert!(messages.iter().any(|(_, m)| m.contains("no reason")));
    }

    #[test]
    fn comments_in_code_are_ignored() {
        let text = "```\n<!-- policylint-disable-next-line PLX003 -- x -->\nbad\n```\n";
        let out = run(text, vec![finding("PLX003", text, "bad")]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, "PLX003");
    }
}
