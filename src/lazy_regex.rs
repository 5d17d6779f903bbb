//! Regexes compiled on first use.
//!
//! The commitment and time grammars hold about a hundred case-insensitive Unicode
//! patterns; compiling them all cost ~28 ms, most of a run on a one-line file. A
//! [`LazyRe`] checks its syntax when built (cheap, so a broken pack pattern is still
//! reported up front) and compiles the matcher the first time it is used: a short
//! document without commitments or dates never pays for most of them.
//!
//! Each pattern also carries a [`LiteralGate`]: the words one of which every match
//! must contain, read from the syntax tree. Until the regex is compiled, a search of a
//! text that contains none of them answers "no match" without compiling: a short file
//! compiles only the few patterns whose words it contains. Once compiled, the regex
//! answers directly (its own prefilter does the same job faster).

use std::ops::Deref;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use regex::Regex;
use regex_syntax::ast::{self, Ast};

/// A regex compiled on first use; derefs to [`Regex`] (the gated search methods below
/// take precedence over the `Deref` ones of the same name).
#[derive(Debug, Clone)]
pub struct LazyRe {
    pattern: String,
    compiled: OnceLock<Regex>,
    gate: LiteralGate,
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
        let ast = ast::parse::Parser::new()
            .parse(pattern)
            .map_err(|e| e.to_string())?;
        Ok(LazyRe {
            pattern: pattern.to_string(),
            compiled: OnceLock::new(),
            gate: LiteralGate::of(&[&ast]),
        })
    }

    /// Whether a match in `text` is ruled out without compiling: the regex is not
    /// compiled yet and `text` holds none of the words every match contains.
    fn ruled_out(&self, text: &str) -> bool {
        self.compiled.get().is_none() && self.gate.rules_out(text)
    }

    pub fn is_match(&self, text: &str) -> bool {
        !self.ruled_out(text) && self.deref().is_match(text)
    }

    pub fn find<'h>(&self, text: &'h str) -> Option<regex::Match<'h>> {
        if self.ruled_out(text) {
            return None;
        }
        self.deref().find(text)
    }

    pub fn find_iter<'r, 'h>(&'r self, text: &'h str) -> regex::Matches<'r, 'h> {
        if self.ruled_out(text) {
            return NEVER.find_iter(text);
        }
        self.deref().find_iter(text)
    }

    pub fn captures<'h>(&self, text: &'h str) -> Option<regex::Captures<'h>> {
        if self.ruled_out(text) {
            return None;
        }
        self.deref().captures(text)
    }

    pub fn captures_iter<'r, 'h>(&'r self, text: &'h str) -> regex::CaptureMatches<'r, 'h> {
        if self.ruled_out(text) {
            return NEVER.captures_iter(text);
        }
        self.deref().captures_iter(text)
    }

    /// Whether the pattern has a capture group of this name (read from the syntax,
    /// without compiling).
    pub fn has_group(&self, name: &str) -> bool {
        // `(?P<name>` and `(?<name>` are the only ways to name a group.
        self.pattern.contains(&format!("(?P<{name}>"))
            || self.pattern.contains(&format!("(?<{name}>"))
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
    gate: LiteralGate,
}

impl LazySet {
    pub fn new<'a>(patterns: impl Iterator<Item = &'a str>) -> Self {
        let patterns: Vec<String> = patterns.map(str::to_string).collect();
        let parsed: Option<Vec<Ast>> = patterns
            .iter()
            .map(|p| ast::parse::Parser::new().parse(p).ok())
            .collect();
        let gate = match &parsed {
            Some(asts) => LiteralGate::of(&asts.iter().collect::<Vec<_>>()),
            None => LiteralGate::default(),
        };
        LazySet {
            patterns,
            built: OnceLock::new(),
            gate,
        }
    }

    /// Whether no pattern can match `text`, known without building the set: it is not
    /// built yet and `text` holds none of the words the patterns' matches contain.
    pub fn rules_out(&self, text: &str) -> bool {
        self.built.get().is_none() && self.gate.rules_out(text)
    }
}

/// The words one of which every match of a pattern (or of any pattern of a set)
/// contains, compared ASCII-case-insensitively; `None` when the syntax does not say.
#[derive(Debug, Clone, Default)]
pub struct LiteralGate {
    /// `None`: the syntax guarantees no word, nothing is ruled out.
    words: Option<Vec<String>>,
    /// The shortest word's length: a shorter text is ruled out without a search.
    shortest: usize,
    /// The words' automaton, built on first use (a gate is often never asked).
    automaton: OnceLock<Option<AhoCorasick>>,
}

/// Beyond this many alternatives a gate costs more than it saves.
const MAX_GATE_WORDS: usize = 256;

impl LiteralGate {
    /// The gate of a set of patterns: a match of any of them contains one of the words.
    fn of(asts: &[&Ast]) -> LiteralGate {
        let mut words: Vec<String> = Vec::new();
        for a in asts {
            match required(a) {
                Some(w) => words.extend(w),
                None => return LiteralGate::default(),
            }
        }
        if words.is_empty() || words.len() > MAX_GATE_WORDS || words.iter().any(String::is_empty) {
            return LiteralGate::default();
        }
        words.sort_unstable();
        words.dedup();
        LiteralGate {
            shortest: words.iter().map(String::len).min().unwrap_or(0),
            words: Some(words),
            automaton: OnceLock::new(),
        }
    }

    /// True when `text` cannot hold a match.
    fn rules_out(&self, text: &str) -> bool {
        let Some(words) = &self.words else {
            return false;
        };
        if text.len() < self.shortest {
            return true;
        }
        // Under Unicode case folding, the Kelvin sign matches `k` and the long s
        // matches `s`: a text holding either is not ruled out by an ASCII comparison.
        if text.contains(['\u{212A}', '\u{17F}']) {
            return false;
        }
        let automaton = self.automaton.get_or_init(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(words)
                .ok()
        });
        automaton.as_ref().is_some_and(|a| !a.is_match(text))
    }
}

/// Words one of which every match of `ast` contains (ASCII only, lowercase not
/// required: the gate compares case-insensitively), or `None` if the syntax does not
/// guarantee any.
fn required(ast: &Ast) -> Option<Vec<String>> {
    match ast {
        // A non-ASCII character without case ("§", "€", "–") matches only itself, also
        // under (?i); one with case may match another character the gate cannot see.
        Ast::Literal(l) => (l.c.is_ascii() || caseless(l.c)).then(|| vec![l.c.to_string()]),
        Ast::Group(g) => required(&g.ast),
        Ast::Repetition(r) => {
            let min = match &r.op.kind {
                ast::RepetitionKind::ZeroOrOne | ast::RepetitionKind::ZeroOrMore => 0,
                ast::RepetitionKind::OneOrMore => 1,
                ast::RepetitionKind::Range(range) => match range {
                    ast::RepetitionRange::Exactly(n)
                    | ast::RepetitionRange::AtLeast(n)
                    | ast::RepetitionRange::Bounded(n, _) => *n,
                },
            };
            if min == 0 {
                None
            } else {
                required(&r.ast)
            }
        }
        Ast::Alternation(alt) => {
            let mut all = Vec::new();
            for branch in &alt.asts {
                all.extend(required(branch)?);
                if all.len() > MAX_GATE_WORDS {
                    return None;
                }
            }
            Some(all)
        }
        Ast::Concat(c) => {
            // Candidates: each run of adjacent ASCII literals, and each other
            // element's own words; the best is the one whose shortest word is longest.
            let mut best: Option<Vec<String>> = None;
            let mut consider = |words: Vec<String>| {
                let score = |w: &[String]| w.iter().map(String::len).min().unwrap_or(0);
                if best.as_ref().is_none_or(|b| score(&words) > score(b)) {
                    best = Some(words);
                }
            };
            let mut run = String::new();
            for item in &c.asts {
                match item {
                    Ast::Literal(l) if l.c.is_ascii() => run.push(l.c),
                    // Inline flags (`(?i)`) match nothing and do not break a run.
                    Ast::Flags(_) => {}
                    other => {
                        if !run.is_empty() {
                            consider(vec![std::mem::take(&mut run)]);
                        }
                        if let Some(words) = required(other) {
                            consider(words);
                        }
                    }
                }
            }
            if !run.is_empty() {
                consider(vec![run]);
            }
            best
        }
        _ => None,
    }
}

/// A character that no case mapping changes, in either direction.
fn caseless(c: char) -> bool {
    c.to_lowercase().eq(std::iter::once(c)) && c.to_uppercase().eq(std::iter::once(c))
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

    #[test]
    fn a_gate_rules_out_only_texts_without_the_required_words() {
        let re = LazyRe::new(r"(?i)\b(?:de|het)\s+(?:Europese\s+)?Commissie\b").unwrap();
        assert!(!re.is_match("Dit is een korte zin."));
        assert!(re.compiled.get().is_none(), "ruled out without compiling");
        assert!(re.is_match("zegt DE COMMISSIE"));
        // An optional part or a class guarantees nothing: no gate, always compiled.
        let optional = LazyRe::new(r"(?:zal)?\d+").unwrap();
        assert!(optional.is_match("2021"));
        // A caseless non-ASCII literal gates; a cased one ("é" also matches "É") does not.
        let section = LazyRe::new(r"(?i)(?:punt|§)\s*\d+").unwrap();
        assert!(!section.is_match("geen verwijzing hier"));
        assert!(
            section.compiled.get().is_none(),
            "ruled out without compiling"
        );
        assert!(section.is_match("zie § 4"));
        let accented = LazyRe::new(r"(?i)é").unwrap();
        assert!(accented.is_match("É"));
        // Unicode case folding: the Kelvin sign matches `k` under (?i).
        let kelvin = LazyRe::new(r"(?i)kabinet").unwrap();
        assert!(kelvin.is_match("het \u{212A}abinet"));
    }

    #[test]
    fn gate_words_follow_the_syntax() {
        let words = |p: &str| required(&ast::parse::Parser::new().parse(p).unwrap());
        assert_eq!(words("abc"), Some(vec!["abc".to_string()]));
        assert_eq!(words(r"\bde\s+Raad"), Some(vec!["Raad".to_string()]));
        assert_eq!(
            words("(?:zal|zullen) worden"),
            Some(vec![" worden".to_string()])
        );
        assert_eq!(words("a?"), None);
        assert_eq!(words(r"x{2,3}"), Some(vec!["x".to_string()]));
        assert_eq!(words("(?:ab|c*)"), None);
        assert_eq!(
            words("één"),
            Some(vec!["n".to_string()]),
            "non-ASCII letters break a run"
        );
        let set = LazySet::new(["we|wij", r"\d+"].into_iter());
        assert!(
            !set.rules_out("niets"),
            "a pattern without words: nothing ruled out"
        );
        let set = LazySet::new(["we|wij", "kabinet"].into_iter());
        assert!(set.rules_out("niets hier"));
        assert!(!set.rules_out("het kabinet"));
    }
}
