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

use std::cell::Cell;
use std::collections::BTreeMap;
use std::ops::Deref;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use aho_corasick::AhoCorasick;
use regex::Regex;
use regex_syntax::ast::{self, Ast};

mod gate_scan;
mod narrow;
pub use narrow::{document_size, narrow_searches, Captures, CapturesIter, FindIter, Match};

thread_local! {
    /// Set while the compiled form of a shipped pack is built: its patterns were
    /// checked when it was made (tests), so their syntax is not checked again.
    static TRUSTED: Cell<bool> = const { Cell::new(false) };
}

/// Run `f` with the syntax check of [`LazyRe::new`] off (`trusted`) or on. The
/// shipped packs' compiled forms are built trusted: checking their ~150 patterns
/// parsed each one, most of a run on a one-line file, and their syntax is checked by
/// the tests (`tests/shipped_patterns.rs`). Packs from a configuration or a user are
/// checked.
pub fn building_trusted<R>(trusted: bool, f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            TRUSTED.with(|t| t.set(self.0));
        }
    }
    let _restore = Restore(TRUSTED.with(|t| t.replace(trusted)));
    f()
}

/// A regex compiled on first use; derefs to [`Regex`] (the gated search methods below
/// take precedence over the `Deref` ones of the same name). Clones share the compiled
/// regex and the gate.
#[derive(Debug, Clone)]
pub struct LazyRe {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    pattern: String,
    compiled: OnceLock<Regex>,
    /// Derived on first use (from the pattern's text, see `gate_scan`).
    gate: OnceLock<LiteralGate>,
    /// Compiled for the few characters of short texts (see `narrow`).
    narrow: narrow::Tiers,
}

/// Every pattern made so far, one compiled regex each (see [`LazyRe::new`]).
static INTERNED: Mutex<BTreeMap<String, Arc<Inner>>> = Mutex::new(BTreeMap::new());

/// Tests: every pattern made so far.
#[cfg(test)]
pub(crate) fn interned_patterns() -> Vec<String> {
    let interned = INTERNED.lock().unwrap_or_else(|e| e.into_inner());
    interned.keys().cloned().collect()
}

#[cfg(test)]
pub(crate) use narrow::agrees_with_full;

/// Matches nothing: stands in should a checked pattern still fail to compile (a
/// size limit).
static NEVER: std::sync::LazyLock<Regex> =
    std::sync::LazyLock::new(|| Regex::new(r"[^\s\S]").expect("valid regex"));

impl LazyRe {
    /// Check the pattern's syntax (unless building a shipped pack); compile it later.
    pub fn new(pattern: &str) -> Result<LazyRe, String> {
        let gate = OnceLock::new();
        if !TRUSTED.with(Cell::get) {
            // The syntax tree only: translating it (Unicode case folding) costs nearly
            // as much as compiling. A pattern that parses but does not compile (an
            // unknown Unicode class) matches nothing.
            let ast = ast::parse::Parser::new()
                .parse(pattern)
                .map_err(|e| e.to_string())?;
            drop(ast);
            let _ = gate.set(LiteralGate::single(words_of(pattern)));
        }
        // One compiled regex per distinct pattern: the grammars hold the same pattern
        // in several places (a marker set and the modal), each compiled separately.
        // (Ordered by the pattern: hashing the long patterns cost more than comparing
        // them, as they differ early.)
        let mut interned = INTERNED.lock().unwrap_or_else(|e| e.into_inner());
        let inner = match interned.get(pattern) {
            Some(inner) => inner.clone(),
            None => {
                let inner = Arc::new(Inner {
                    pattern: pattern.to_string(),
                    compiled: OnceLock::new(),
                    gate: OnceLock::new(),
                    narrow: narrow::Tiers::default(),
                });
                interned.insert(pattern.to_string(), inner.clone());
                inner
            }
        };
        if let Some(gate) = gate.into_inner() {
            let _ = inner.gate.set(gate);
        }
        Ok(LazyRe { inner })
    }

    fn is_compiled(&self) -> bool {
        self.inner.compiled.get().is_some()
    }

    fn gate(&self) -> &LiteralGate {
        self.inner
            .gate
            .get_or_init(|| LiteralGate::single(words_of(&self.inner.pattern)))
    }

    /// Whether a match in `text` is ruled out without compiling: the regex is not
    /// compiled yet and `text` holds none of the words every match contains.
    fn ruled_out(&self, text: &str) -> bool {
        !self.is_compiled() && self.gate().rules_out(text)
    }
    /// The regex compiled only for `text`'s characters, while the full one is not
    /// needed (see `narrow`).
    fn narrow_for(&self, text: &str) -> Option<&regex_automata::meta::Regex> {
        if self.is_compiled() {
            return None;
        }
        self.inner.narrow.for_text(&self.inner.pattern, text)
    }

    pub fn is_match(&self, text: &str) -> bool {
        if self.ruled_out(text) {
            return false;
        }
        match self.narrow_for(text) {
            Some(re) => re.is_match(text),
            None => self.deref().is_match(text),
        }
    }

    pub fn find<'h>(&self, text: &'h str) -> Option<Match<'h>> {
        if self.ruled_out(text) {
            return None;
        }
        match self.narrow_for(text) {
            Some(re) => re.find(text).map(|m| narrow::Match::new(text, m.range())),
            None => self
                .deref()
                .find(text)
                .map(|m| narrow::Match::new(text, m.range())),
        }
    }

    pub fn find_iter<'r, 'h>(&'r self, text: &'h str) -> FindIter<'r, 'h> {
        if self.ruled_out(text) {
            return FindIter::Empty;
        }
        match self.narrow_for(text) {
            Some(re) => FindIter::Narrow(text, re.find_iter(text)),
            None => FindIter::Full(text, self.deref().find_iter(text)),
        }
    }

    pub fn captures<'h>(&self, text: &'h str) -> Option<Captures<'h>> {
        if self.ruled_out(text) {
            return None;
        }
        match self.narrow_for(text) {
            Some(re) => {
                let mut caps = re.create_captures();
                re.captures(text, &mut caps);
                caps.is_match().then_some(Captures::Narrow { text, caps })
            }
            None => self.deref().captures(text).map(|c| Captures::Full(text, c)),
        }
    }

    pub fn captures_iter<'r, 'h>(&'r self, text: &'h str) -> CapturesIter<'r, 'h> {
        if self.ruled_out(text) {
            return CapturesIter::Empty;
        }
        match self.narrow_for(text) {
            Some(re) => CapturesIter::Narrow(text, re.captures_iter(text)),
            None => CapturesIter::Full(text, self.deref().captures_iter(text)),
        }
    }

    /// Whether the pattern has a capture group of this name (read from the syntax,
    /// without compiling).
    pub fn has_group(&self, name: &str) -> bool {
        // `(?P<name>` and `(?<name>` are the only ways to name a group.
        self.inner.pattern.contains(&format!("(?P<{name}>"))
            || self.inner.pattern.contains(&format!("(?<{name}>"))
    }

    /// The pattern, without compiling it.
    pub fn as_str(&self) -> &str {
        &self.inner.pattern
    }

    /// The words one of which every match contains (compared ASCII-case-insensitively),
    /// or `None` when the syntax guarantees none; read from the pattern, not compiled.
    pub fn gate_words(&self) -> Option<&[String]> {
        self.gate().words.as_deref()
    }
}

impl Deref for LazyRe {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.inner
            .compiled
            .get_or_init(|| Regex::new(&self.inner.pattern).unwrap_or_else(|_| NEVER.clone()))
    }
}

/// The words of a pattern: read from its text, or from its syntax tree where the text
/// holds syntax the reader does not know; `None` if it does not parse.
fn words_of(pattern: &str) -> gate_scan::Words {
    match gate_scan::required_clauses(pattern) {
        Ok(words) => {
            debug_assert_same_words(pattern, &words.best().cloned());
            words
        }
        Err(gate_scan::Unknown) => gate_scan::Words::one(
            ast::parse::Parser::new()
                .parse(pattern)
                .ok()
                .and_then(|ast| required(&ast)),
        ),
    }
}

/// Debug builds: the text reader and the syntax tree agree on every pattern the reader
/// interprets.
fn debug_assert_same_words(pattern: &str, words: &Option<Vec<String>>) {
    if cfg!(debug_assertions) {
        let scanned = gate_scan::required_clauses(pattern).map(|w| w.best().cloned());
        let parsed = ast::parse::Parser::new()
            .parse(pattern)
            .ok()
            .map(|ast| required(&ast));
        if let (Ok(scanned), Some(parsed)) = (scanned, parsed) {
            assert_eq!(&scanned, &parsed, "gate words of {pattern:?}");
            assert_eq!(&scanned, words, "gate words of {pattern:?}");
        }
    }
}

/// A [`regex::RegexSet`] of [`LazyRe`]s, built on first use (`None` if it does not
/// build). Until a run has searched [`SET_AFTER_BYTES`] through it, a search asks the
/// members one by one instead (each gated, compiled only if its words occur): building
/// the set compiles every member, far more than a short document needs.
#[derive(Debug)]
pub struct LazySet {
    members: Vec<LazyRe>,
    built: OnceLock<Option<regex::RegexSet>>,
    gate: OnceLock<LiteralGate>,
    /// Bytes searched member by member so far.
    searched: AtomicUsize,
}

/// After searching this much text member by member, a [`LazySet`] builds the set (one
/// pass for all members pays off over a long document).
pub const SET_AFTER_BYTES: usize = 32 * 1024;

impl LazySet {
    pub fn new<'a>(members: impl Iterator<Item = &'a LazyRe>) -> Self {
        LazySet {
            members: members.cloned().collect(),
            built: OnceLock::new(),
            gate: OnceLock::new(),
            searched: AtomicUsize::new(0),
        }
    }

    fn gate(&self) -> &LiteralGate {
        self.gate.get_or_init(|| {
            LiteralGate::of(
                self.members
                    .iter()
                    .map(|m| m.gate_words().map(<[String]>::to_vec)),
            )
        })
    }

    /// Whether no pattern can match `text`, known without building the set: it is not
    /// built yet and `text` holds none of the words the patterns' matches contain.
    pub fn rules_out(&self, text: &str) -> bool {
        self.built.get().is_none() && self.gate().rules_out(text)
    }

    /// Whether this search goes through the set (built now if need be).
    fn through_set(&self, text: &str) -> bool {
        self.built.get().is_some()
            || self.searched.fetch_add(text.len(), Ordering::Relaxed) + text.len() > SET_AFTER_BYTES
    }

    /// Whether some member matches `text` (true if the set does not build).
    pub fn is_match(&self, text: &str) -> bool {
        if self.rules_out(text) {
            return false;
        }
        if self.through_set(text) {
            return match &**self {
                Some(set) => set.is_match(text),
                None => true,
            };
        }
        self.members.iter().any(|m| m.is_match(text))
    }

    /// The indices of the members that match `text` (all of them if the set does not
    /// build).
    pub fn matches(&self, text: &str) -> Vec<usize> {
        if self.rules_out(text) {
            return Vec::new();
        }
        if self.through_set(text) {
            return match &**self {
                Some(set) => set.matches(text).into_iter().collect(),
                None => (0..self.members.len()).collect(),
            };
        }
        (0..self.members.len())
            .filter(|&i| self.members[i].is_match(text))
            .collect()
    }
}

/// The words one of which every match of a pattern (or of any pattern of a set)
/// contains, compared ASCII-case-insensitively; `None` when the syntax does not say.
#[derive(Debug, Default)]
pub struct LiteralGate {
    /// `None`: the syntax guarantees no word, nothing is ruled out.
    words: Option<Vec<String>>,
    /// The shortest word's length: a shorter text is ruled out without a search.
    shortest: usize,
    /// The words' automaton, built once short searches have cost enough (a gate is
    /// often asked only about a few short texts).
    automaton: OnceLock<Option<AhoCorasick>>,
    /// Work (text bytes × words) done by direct comparison so far.
    direct_work: AtomicUsize,
    /// Further sets of words a match holds one of each, besides `words` (compared
    /// directly, on short texts only).
    also: Vec<Vec<String>>,
    /// The number of words in `also`.
    also_words: usize,
    /// Alternations of several sets per branch: a match holds every set of one
    /// branch of each (compared directly, on short texts only).
    any_of: Vec<Vec<Vec<Vec<String>>>>,
    /// The number of words in `any_of`.
    any_of_words: usize,
}

/// Beyond this many alternatives a gate costs more than it saves.
const MAX_GATE_WORDS: usize = 256;

/// A search of at most this much work (text bytes × words) compares directly while
/// the gate's total stays under [`DIRECT_BUDGET`]; beyond, the automaton is built.
const DIRECT_WORK: usize = 16 * 1024;
const DIRECT_BUDGET: usize = 512 * 1024;

impl LiteralGate {
    /// The gate of a set of patterns, given each one's words: a match of any of them
    /// contains one of the words.
    fn of(each: impl IntoIterator<Item = Option<Vec<String>>>) -> LiteralGate {
        let mut words: Vec<String> = Vec::new();
        for w in each {
            match w {
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
            direct_work: AtomicUsize::new(0),
            also: Vec::new(),
            also_words: 0,
            any_of: Vec::new(),
            any_of_words: 0,
        }
    }

    /// The gate of one pattern: its best words, and the other sets it guarantees.
    fn single(words: gate_scan::Words) -> LiteralGate {
        let mut gate = LiteralGate::of([words.best().cloned()]);
        let Some(best) = &gate.words else {
            return gate;
        };
        for mut set in words.all {
            set.sort_unstable();
            set.dedup();
            if set.is_empty()
                || set.len() > MAX_GATE_WORDS
                || set.iter().any(String::is_empty)
                || &set == best
                || gate.also.contains(&set)
            {
                continue;
            }
            gate.also_words += set.len();
            gate.also.push(set);
        }
        gate.any_of_words = words.any_of.iter().flatten().flatten().map(Vec::len).sum();
        gate.any_of = words.any_of;
        if gate
            .any_of
            .iter()
            .flatten()
            .flatten()
            .flatten()
            .any(String::is_empty)
        {
            gate.any_of.clear();
        }
        gate
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
        if has_unicode_fold_of_ascii(text) {
            return false;
        }
        // The other sets of words, on a short text: a match needs one of each.
        if !self.also.is_empty()
            && text.len().saturating_mul(self.also_words) <= DIRECT_WORK
            && self
                .also
                .iter()
                .any(|set| !set.iter().any(|w| contains_ascii_nocase(text, w)))
        {
            return true;
        }
        let holds = |set: &Vec<String>| set.iter().any(|w| contains_ascii_nocase(text, w));
        if !self.any_of.is_empty()
            && text.len().saturating_mul(self.any_of_words) <= DIRECT_WORK
            && self
                .any_of
                .iter()
                .any(|branches| !branches.iter().any(|sets| sets.iter().all(holds)))
        {
            return true;
        }
        if self.automaton.get().is_none() {
            let work = text.len().saturating_mul(words.len());
            if work <= DIRECT_WORK
                && self.direct_work.fetch_add(work, Ordering::Relaxed) < DIRECT_BUDGET
            {
                return !words.iter().any(|w| contains_ascii_nocase(text, w));
            }
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

/// Whether `text` holds `word`, ASCII letters compared without case (as the gate's
/// automaton does).
pub(crate) fn contains_ascii_nocase(text: &str, word: &str) -> bool {
    let (text, word) = (text.as_bytes(), word.as_bytes());
    let Some(&first) = word.first() else {
        return true;
    };
    if text.len() < word.len() {
        return false;
    }
    // Candidate starts: the first byte in either case (memchr's vector search), the
    // whole word compared only there.
    let starts = &text[..=text.len() - word.len()];
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    memchr::memchr2_iter(lower, upper, starts)
        .any(|i| text[i..i + word.len()].eq_ignore_ascii_case(word))
}

/// Whether `text` holds the Kelvin sign (U+212A, which folds to `k`) or the long s
/// (U+017F, which folds to `s`): as `text.contains(['\u{212A}', '\u{17F}'])`, read
/// by their UTF-8 lead bytes.
pub(crate) fn has_unicode_fold_of_ascii(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(0xE2, 0xC5, b).any(|i| {
        let rest = &b[i..];
        rest.starts_with("\u{212A}".as_bytes()) || rest.starts_with("\u{17F}".as_bytes())
    })
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
            .get_or_init(|| regex::RegexSet::new(self.members.iter().map(LazyRe::as_str)).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_byte_searches_agree_with_plain_scans(
            text in "[aAkKsS \u{212A}\u{17F}\u{2122}\u{17E}é-]{0,24}",
            word in "[aAkKsS -]{0,3}",
        ) {
            let naive = word.is_empty()
                || (text.len() >= word.len()
                    && (0..=text.len() - word.len())
                        .any(|i| text.as_bytes()[i..i + word.len()].eq_ignore_ascii_case(word.as_bytes())));
            proptest::prop_assert_eq!(contains_ascii_nocase(&text, &word), naive);
            proptest::prop_assert_eq!(
                has_unicode_fold_of_ascii(&text),
                text.contains(['\u{212A}', '\u{17F}'])
            );
        }
    }

    #[test]
    fn checks_syntax_now_and_matches_later() {
        assert!(LazyRe::new("(unclosed").is_err());
        // Patterns are interned: one no other test uses.
        let re = LazyRe::new(r"(?i)\bzal\b(?:x)?").unwrap();
        assert_eq!(re.as_str(), r"(?i)\bzal\b(?:x)?");
        assert!(!re.is_compiled());
        assert!(re.is_match("De Commissie ZAL"));
        // (A short text may be answered by a narrow regex; the full one on deref.)
        assert!(re.deref().is_match("De Commissie ZAL"));
        assert!(re.is_compiled());
        // Patterns are interned: the same pattern is compiled once.
        assert!(LazyRe::new(r"(?i)\bzal\b(?:x)?").unwrap().is_compiled());
    }

    #[test]
    fn a_gate_rules_out_only_texts_without_the_required_words() {
        let re = LazyRe::new(r"(?i)\b(?:de|het)\s+(?:Europese\s+)?Commissie\b").unwrap();
        assert!(!re.is_match("Dit is een korte zin."));
        assert!(!re.is_compiled(), "ruled out without compiling");
        assert!(re.is_match("zegt DE COMMISSIE"));
        // An optional part or a class guarantees nothing: no gate, always compiled.
        let optional = LazyRe::new(r"(?:zal)?\d+").unwrap();
        assert!(optional.is_match("2021"));
        // A caseless non-ASCII literal gates; a cased one ("é" also matches "É") does not.
        let section = LazyRe::new(r"(?i)(?:punt|§)\s*\d+").unwrap();
        assert!(!section.is_match("geen verwijzing hier"));
        assert!(!section.is_compiled(), "ruled out without compiling");
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
        let set = |pats: [&str; 2]| {
            let res: Vec<LazyRe> = pats.iter().map(|p| LazyRe::new(p).unwrap()).collect();
            LazySet::new(res.iter())
        };
        let set = set(["we|wij", r"\d+"]);
        assert!(
            !set.rules_out("niets"),
            "a pattern without words: nothing ruled out"
        );
        let set = |pats: [&str; 2]| {
            let res: Vec<LazyRe> = pats.iter().map(|p| LazyRe::new(p).unwrap()).collect();
            LazySet::new(res.iter())
        };
        let set = set(["we|wij", "kabinet"]);
        assert!(set.rules_out("niets hier"));
        assert!(!set.rules_out("het kabinet"));
    }

    /// The tree's words, or `None` if the pattern does not parse.
    fn tree_words(p: &str) -> Option<Option<Vec<String>>> {
        ast::parse::Parser::new()
            .parse(p)
            .ok()
            .map(|a| required(&a))
    }

    #[test]
    fn the_text_reader_agrees_with_the_syntax_tree() {
        let patterns = [
            r"(?i)\bzal\b",
            r"(?i)(?-u:\b)(?:de|het)\s+(?:Europese\s+)?Commissie(?-u:\b)",
            r"(?P<year>(?:19|20)\d\d)",
            r"(?<y>ab)+c",
            r"ab+cd",
            r"a\.b\-c\(d\)",
            r"[\]a-z[:alpha:]]x|[^]]yz",
            r"(?:zal|zullen) worden",
            r"x{2,3}y{0,}z{4}?",
            r"één|§ 3|–",
            r"\p{L}+abc\pL\d{1,2}",
            r"(?i:abc)|(?s).x",
            r"^abc$|\Aq\z",
            r"a|",
            r"(?:)",
            r"\n\t\r",
            r"# not a comment",
            r"\bCOM\s*\(\s*(?P<year>(?:19|20)\d\d)\s*\)\s*\d+",
        ];
        for p in patterns {
            let scanned = gate_scan::required_words(p).expect(p);
            assert_eq!(Some(scanned), tree_words(p), "{p}");
        }
        // Syntax the reader does not interpret is left to the tree.
        for p in [r"(?x) a b", r"\x41", r"\b{start}x", r"a**", r"(?i)+"] {
            assert_eq!(gate_scan::required_words(p), Err(gate_scan::Unknown), "{p}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn the_reader_never_disagrees_with_the_tree(
            p in r"([abAB é§\-\.\\()\[\]|?*+{}0-9,:^$<>PpsSdbwi]){0,24}",
        ) {
            if let (Ok(scanned), Some(parsed)) = (gate_scan::required_words(&p), tree_words(&p)) {
                proptest::prop_assert_eq!(scanned, parsed, "{}", p);
            }
        }

        #[test]
        fn direct_comparison_finds_what_the_automaton_finds(
            text in r"[abAB é\n]{0,40}",
            words in proptest::collection::vec(r"[abAB é]{1,4}", 1..5),
        ) {
            let automaton = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&words)
                .unwrap();
            let direct = words.iter().any(|w| contains_ascii_nocase(&text, w));
            proptest::prop_assert_eq!(direct, automaton.is_match(&text));
        }
    }

    /// A random pattern and a text it matches.
    fn pattern_and_match() -> impl proptest::strategy::Strategy<Value = (String, String)> {
        use proptest::strategy::Strategy;
        proptest::string::string_regex(r"([abAB /()]|\\\(|\\s|\\d|\[ab\]|[|?*+]|\{1,2\}){0,16}")
            .expect("a valid generator")
            .prop_filter_map("a pattern proptest can generate strings for", |p| {
                let strategy = proptest::string::string_regex(&p).ok()?;
                regex::Regex::new(&p).ok()?;
                Some((p, strategy))
            })
            .prop_flat_map(|(p, strategy)| (proptest::strategy::Just(p), strategy))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Every set of words a pattern guarantees is in every text it matches.
        #[test]
        fn every_guaranteed_set_is_in_every_match(
            (p, text) in pattern_and_match(),
        ) {
            let re = regex::Regex::new(&p).unwrap();
            proptest::prop_assume!(re.is_match(&text));
            if let Ok(words) = gate_scan::required_clauses(&p) {
                for set in &words.all {
                    proptest::prop_assert!(
                        set.iter().any(|w| contains_ascii_nocase(&text, w)),
                        "{:?} matches {:?} without any of {:?}", p, text, set
                    );
                }
                for branches in &words.any_of {
                    proptest::prop_assert!(
                        branches.iter().any(|sets| sets
                            .iter()
                            .all(|set| set.iter().any(|w| contains_ascii_nocase(&text, w)))),
                        "{:?} matches {:?} without any branch of {:?}", p, text, branches
                    );
                }
            }
        }
    }

    #[test]
    fn every_required_set_gates() {
        let re = LazyRe::new(r"(?i)\bCOM\s*\(\s*(?:19|20)\d\d\s*\)(?:x)?").unwrap();
        // "COM" is in "Commission", but no "(" is.
        assert!(!re.is_match("The Commission presents a new approach."));
        assert!(!re.is_compiled());
        assert!(re.is_match("see COM(2020) 795"));
        // Each branch of an alternation holds all its words.
        let re = LazyRe::new(
            r"(?i)\b(?:communication\s+from\s+the\s+commission|the\s+commission\s+(?:today\s+)?adopted)\b(?:x)?",
        )
        .unwrap();
        assert!(!re.is_match("The Commission presents a new approach."));
        assert!(!re.is_compiled());
        assert!(re.is_match("Today the Commission adopted a plan."));
        let words = gate_scan::required_clauses(r"COM\s*\((?:a|bc)").unwrap();
        assert_eq!(words.best(), Some(&vec!["COM".to_string()]));
        assert_eq!(
            words.all,
            [
                vec!["COM".to_string()],
                vec!["(".to_string()],
                vec!["a".to_string(), "bc".to_string()]
            ]
        );
    }

    #[test]
    fn a_set_answers_alike_member_by_member_and_built() {
        let members: Vec<LazyRe> = [
            r"(?i)\bzal\b",
            r"(?i)\bde\s+raad\b",
            r"\d{4}",
            "wij|we",
            r"(?i)\bkabinet\b",
        ]
        .iter()
        .map(|p| LazyRe::new(p).unwrap())
        .collect();
        let texts = [
            "",
            "De Commissie zal",
            "de  Raad in 2021",
            "wij zullen",
            "niets",
            "ZAL de raad",
        ];
        let set = LazySet::new(members.iter());
        let before: Vec<(bool, Vec<usize>)> = texts
            .iter()
            .map(|t| (set.is_match(t), set.matches(t)))
            .collect();
        assert!(set.built.get().is_none(), "short texts: member by member");
        assert!(
            !members[4].is_compiled(),
            "no text holds `kabinet`: not compiled"
        );
        let built = LazySet::new(members.iter());
        assert!(!built.is_match(&"x ".repeat(SET_AFTER_BYTES)));
        assert!(built.built.get().is_some(), "a long search builds the set");
        let after: Vec<(bool, Vec<usize>)> = texts
            .iter()
            .map(|t| (built.is_match(t), built.matches(t)))
            .collect();
        assert_eq!(before, after);
        assert_eq!(before[1], (true, vec![0]));
        assert_eq!(before[2], (true, vec![1, 2]));
    }
}
