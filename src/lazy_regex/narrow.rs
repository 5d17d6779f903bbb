//! Narrow regexes: a pattern compiled only for the characters a short text holds.
//!
//! Compiling a case-insensitive Unicode pattern in full costs far more than a one-line
//! file's whole check: every class is a Unicode class (`\s`, `[^.;:]`, each letter's
//! case variants), compiled to UTF-8 automata, and the regex crate extracts literal
//! prefixes and suffixes and builds a reverse automaton for its fast searches.
//!
//! A text over a small alphabet (ASCII plus the few other characters it holds) needs
//! none of that. The pattern's syntax tree is translated as the regex crate translates
//! it (the same Unicode case folding and classes) and then every class is intersected
//! with the alphabet, every literal holding a character outside it made to match
//! nothing, and, when no character of the alphabet beyond ASCII is a word character,
//! each Unicode word boundary made an ASCII one. On any text whose characters are all
//! in the alphabet that regex matches exactly where the full one does (same
//! leftmost-first semantics, same groups); it is compiled to a plain NFA searched by
//! the regex engine's backtracker or PikeVM, without prefilters or lazy DFAs, at a
//! fraction of the cost.
//!
//! A [`Tiers`] holds a few such regexes, each for a growing alphabet; a text that none
//! covers, a long text, or more than [`NARROW_BYTES`] of searching, goes to the full
//! regex (compiled then, once).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use regex_automata::meta;
use regex_automata::util::captures::Captures as MetaCaptures;
use regex_syntax::ast::{self, Ast};
use regex_syntax::hir::{self, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look};

/// A text longer than this is searched by the full regex.
pub const NARROW_MAX_TEXT: usize = 2048;

/// After this much text searched through its narrow regexes, a pattern is compiled in
/// full (a long document pays the full compilation once, and then searches fast).
pub const NARROW_BYTES: usize = 16 * 1024;

/// Once a run lints a document longer than this, patterns are compiled in full: its
/// searches pay for the full compilation, and narrow ones would be slower.
pub const NARROW_DOCUMENT: usize = 16 * 1024;

/// The longest document this run has linted.
static LONGEST_DOCUMENT: AtomicUsize = AtomicUsize::new(0);

/// Note the length of a document about to be linted (see [`NARROW_DOCUMENT`]).
pub fn document_size(len: usize) {
    LONGEST_DOCUMENT.fetch_max(len, Ordering::Relaxed);
}

/// Whether a search of `text` may go through a narrow regex: a short text, in a run
/// that has not linted a long document.
pub fn narrow_searches(text: &str) -> bool {
    text.len() <= NARROW_MAX_TEXT && LONGEST_DOCUMENT.load(Ordering::Relaxed) <= NARROW_DOCUMENT
}

/// The most characters beyond ASCII an alphabet holds.
const MAX_EXTRA: usize = 24;

/// The narrow regexes of one pattern, each for a larger alphabet than the one before.
#[derive(Debug, Default)]
pub struct Tiers {
    slots: [OnceLock<Option<Narrow>>; 3],
    searched: AtomicUsize,
}

/// A regex exact on texts whose characters are ASCII or in `extra`.
#[derive(Debug)]
pub struct Narrow {
    /// Sorted, deduplicated characters beyond ASCII.
    extra: Vec<char>,
    pub re: meta::Regex,
}

impl Narrow {
    fn covers(&self, needed: &[char]) -> bool {
        needed.iter().all(|c| self.extra.binary_search(c).is_ok())
    }
}

impl Tiers {
    /// The narrow regex for `text`, built if need be; `None` when `text` goes to the
    /// full regex.
    pub fn for_text(&self, pattern: &str, text: &str) -> Option<&meta::Regex> {
        if !narrow_searches(text) {
            return None;
        }
        self.for_short_text(pattern, text)
    }

    /// As [`Tiers::for_text`], for a text known to be short in a run of short
    /// documents.
    fn for_short_text(&self, pattern: &str, text: &str) -> Option<&meta::Regex> {
        if text.len() > NARROW_MAX_TEXT
            || self.searched.fetch_add(text.len(), Ordering::Relaxed) + text.len() > NARROW_BYTES
        {
            return None;
        }
        let needed = extra_chars(text)?;
        for slot in &self.slots {
            let narrow = match slot.get() {
                Some(n) => n.as_ref()?,
                None => {
                    // The alphabet grows: the previous one's characters and this text's.
                    let mut extra = needed.clone();
                    for s in &self.slots {
                        if let Some(Some(n)) = s.get() {
                            extra.extend_from_slice(&n.extra);
                        }
                    }
                    extra.sort_unstable();
                    extra.dedup();
                    if extra.len() > MAX_EXTRA {
                        return None;
                    }
                    slot.get_or_init(|| build(pattern, extra)).as_ref()?
                }
            };
            if narrow.covers(&needed) {
                return Some(&narrow.re);
            }
        }
        None
    }
}

/// The characters of `text` beyond ASCII, sorted and deduplicated; `None` when there
/// are more than an alphabet holds.
fn extra_chars(text: &str) -> Option<Vec<char>> {
    let mut extra = Vec::new();
    if text.is_ascii() {
        return Some(extra);
    }
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if let Err(i) = extra.binary_search(&c) {
            if extra.len() == MAX_EXTRA {
                return None;
            }
            extra.insert(i, c);
        }
    }
    Some(extra)
}

/// The pattern restricted to ASCII and `extra`; `None` if it does not build (the full
/// regex then answers).
fn build(pattern: &str, extra: Vec<char>) -> Option<Narrow> {
    let mut ranges = vec![ClassUnicodeRange::new('\0', '\x7F')];
    ranges.extend(extra.iter().map(|&c| ClassUnicodeRange::new(c, c)));
    let alphabet = ClassUnicode::new(ranges);
    let ascii_words = !extra.iter().any(|&c| regex_syntax::is_word_character(c));
    // An ASCII text: the pattern translated without Unicode (no case folding tables,
    // no Unicode classes), which on ASCII text is the same; else as `regex::Regex::new`
    // translates it (its defaults).
    // The ASCII translation is used as it is: what it holds beyond ASCII (the bytes of
    // negated classes, `(?u:…)` parts) never meets an ASCII text.
    let ascii = ascii_translation(pattern, &extra);
    let narrow = match ascii {
        Some(hir) => hir,
        None => {
            let translated = regex_syntax::ParserBuilder::new()
                .nest_limit(250)
                .build()
                .parse(pattern)
                .ok()?;
            restrict(&translated, &alphabet, ascii_words)
        }
    };
    let re = meta::Regex::builder()
        .configure(
            meta::Config::new()
                .auto_prefilter(false)
                .hybrid(false)
                .onepass(false)
                .nfa_size_limit(Some(10 * (1 << 20))),
        )
        .build_from_hir(&narrow)
        .ok()?;
    Some(Narrow { extra, re })
}

/// The pattern translated without Unicode, for texts over ASCII and `extra`: each
/// character beyond ASCII that no character of the alphabet folds with made to match
/// nothing, the others translated with Unicode (`(?u:é)`), the rest in ASCII mode. On
/// an ASCII text `\w`, `\d`, `\s`, `\b`, `.`, negated classes and case-insensitive
/// letters match there the same ASCII characters as their Unicode forms; beyond ASCII
/// only what cannot meet a character of the alphabet differently is accepted (see
/// [`Prepare`]). `None` (translate with Unicode) otherwise, and when the pattern sets
/// the Unicode flag itself other than for an ASCII `(?-u:\b)`, or names the Kelvin
/// sign or the long s, whose case folds are ASCII letters.
fn ascii_translation(pattern: &str, extra: &[char]) -> Option<Hir> {
    if extra.iter().any(|&c| folds_to_ascii(c)) {
        return None;
    }
    let mut ast = regex_syntax::ast::parse::ParserBuilder::new()
        .nest_limit(250)
        .build()
        .parse(pattern)
        .ok()?;
    let prepare = Prepare {
        extra,
        word: extra.iter().any(|&c| regex_syntax::is_word_character(c)),
        space: extra.iter().any(|c| c.is_whitespace()),
        digit: extra.iter().any(|c| c.is_numeric()),
    };
    prepare.ast(&mut ast).then_some(())?;
    regex_syntax::hir::translate::TranslatorBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .translate(pattern, &ast)
        .ok()
}

/// Characters beyond ASCII that fold to an ASCII letter (`K` Kelvin sign, `ſ` long s).
fn folds_to_ascii(c: char) -> bool {
    matches!(c, '\u{17F}' | '\u{212A}')
}

/// Rewrites a pattern's syntax tree for [`ascii_translation`]; each method answers
/// false where the ASCII translation would not be exact.
struct Prepare<'a> {
    /// The alphabet's characters beyond ASCII (none: an ASCII text).
    extra: &'a [char],
    /// Whether one of them is a word character, white space, a number.
    word: bool,
    space: bool,
    digit: bool,
}

impl Prepare<'_> {
    fn ascii_only(&self) -> bool {
        self.extra.is_empty()
    }

    fn ast(&self, ast: &mut Ast) -> bool {
        match ast {
            Ast::Literal(l) if !l.c.is_ascii() => {
                if folds_to_ascii(l.c) {
                    return false;
                }
                let span = l.span;
                let c = l.c;
                let mut orbit = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
                orbit.case_fold_simple();
                let meets = orbit
                    .iter()
                    .flat_map(|r| r.start()..=r.end())
                    .any(|o| self.extra.contains(&o));
                *ast = if meets {
                    // `(?u:c)`: the character and its case forms, in UTF-8.
                    Ast::group(ast::Group {
                        span,
                        kind: ast::GroupKind::NonCapturing(ast::Flags {
                            span,
                            items: vec![ast::FlagsItem {
                                span,
                                kind: ast::FlagsItemKind::Flag(ast::Flag::Unicode),
                            }],
                        }),
                        ast: Box::new(Ast::literal(verbatim(span, c))),
                    })
                } else {
                    never(span)
                };
                true
            }
            Ast::Literal(_) | Ast::Empty(_) => true,
            // A flag for the rest of the group: only those the translations share.
            Ast::Flags(f) => !touches_unicode(&f.flags),
            Ast::Dot(_) => self.ascii_only(),
            Ast::Assertion(a) => match a.kind {
                ast::AssertionKind::StartLine
                | ast::AssertionKind::EndLine
                | ast::AssertionKind::StartText
                | ast::AssertionKind::EndText => true,
                ast::AssertionKind::NotWordBoundary => self.ascii_only(),
                _ => self.ascii_only() || !self.word,
            },
            Ast::ClassUnicode(_) => false,
            Ast::ClassPerl(c) => self.perl(c),
            Ast::ClassBracketed(c) => self.bracketed(c),
            Ast::Repetition(r) => self.ast(&mut r.ast),
            Ast::Group(g) => {
                if let ast::GroupKind::NonCapturing(flags) = &g.kind {
                    if touches_unicode(flags) {
                        // `(?-u:\b)`: an ASCII boundary in both translations.
                        return matches!(
                            (&*g.ast, &flags.items[..]),
                            (Ast::Assertion(a), [ast::FlagsItem { kind: ast::FlagsItemKind::Negation, .. }, ast::FlagsItem { kind: ast::FlagsItemKind::Flag(ast::Flag::Unicode), .. }])
                                if a.kind == ast::AssertionKind::WordBoundary
                        );
                    }
                }
                self.ast(&mut g.ast)
            }
            Ast::Alternation(a) => a.asts.iter_mut().all(|x| self.ast(x)),
            Ast::Concat(c) => c.asts.iter_mut().all(|x| self.ast(x)),
        }
    }

    fn perl(&self, c: &ast::ClassPerl) -> bool {
        if self.ascii_only() {
            return true;
        }
        !c.negated
            && match c.kind {
                ast::ClassPerlKind::Digit => !self.digit,
                ast::ClassPerlKind::Space => !self.space,
                ast::ClassPerlKind::Word => !self.word,
            }
    }

    fn bracketed(&self, c: &mut ast::ClassBracketed) -> bool {
        if !self.ascii_only() && c.negated {
            return false;
        }
        self.set(&mut c.kind)
    }

    fn set(&self, set: &mut ast::ClassSet) -> bool {
        match set {
            ast::ClassSet::Item(item) => self.item(item),
            ast::ClassSet::BinaryOp(op) => {
                self.ascii_only() && self.set(&mut op.lhs) && self.set(&mut op.rhs)
            }
        }
    }

    /// A class item cut to ASCII (on ASCII text, every set operation and negation gives
    /// the same class from the cut items); beyond ASCII, only ASCII items.
    fn item(&self, item: &mut ast::ClassSetItem) -> bool {
        use ast::ClassSetItem as I;
        match item {
            I::Literal(l) if !l.c.is_ascii() => {
                if folds_to_ascii(l.c) || !self.ascii_only() {
                    return false;
                }
                *item = I::Empty(l.span);
                true
            }
            I::Range(r) if !r.end.c.is_ascii() => {
                if !self.ascii_only()
                    || ['\u{17F}', '\u{212A}']
                        .iter()
                        .any(|&c| r.start.c <= c && c <= r.end.c)
                {
                    return false;
                }
                if r.start.c.is_ascii() {
                    r.end = verbatim(r.end.span, '\x7F');
                } else {
                    *item = I::Empty(r.span);
                }
                true
            }
            I::Empty(_) | I::Literal(_) | I::Range(_) => true,
            // `[[:^alpha:]]` matches bytes beyond ASCII in ASCII mode.
            I::Ascii(a) => self.ascii_only() || !a.negated,
            I::Unicode(_) => false,
            I::Perl(c) => self.perl(c),
            I::Bracketed(b) => self.bracketed(b),
            I::Union(u) => u.items.iter_mut().all(|i| self.item(i)),
        }
    }
}

/// Whether flags set or clear the Unicode flag.
fn touches_unicode(flags: &ast::Flags) -> bool {
    flags
        .items
        .iter()
        .any(|i| i.kind == ast::FlagsItemKind::Flag(ast::Flag::Unicode))
}

/// A class that matches nothing (`[a&&b]`).
fn never(span: ast::Span) -> Ast {
    let one = |c| {
        Box::new(ast::ClassSet::Item(ast::ClassSetItem::Literal(verbatim(
            span, c,
        ))))
    };
    Ast::class_bracketed(ast::ClassBracketed {
        span,
        negated: false,
        kind: ast::ClassSet::BinaryOp(ast::ClassSetBinaryOp {
            span,
            kind: ast::ClassSetBinaryOpKind::Intersection,
            lhs: one('a'),
            rhs: one('b'),
        }),
    })
}

fn verbatim(span: ast::Span, c: char) -> ast::Literal {
    ast::Literal {
        span,
        kind: ast::LiteralKind::Verbatim,
        c,
    }
}

/// `hir` restricted to texts over `alphabet` (see the module's documentation).
fn restrict(h: &Hir, alphabet: &ClassUnicode, ascii_words: bool) -> Hir {
    match h.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(hir::Literal(bytes)) => {
            // (A UTF-8 translation has only UTF-8 literals.)
            let inside = std::str::from_utf8(bytes)
                .is_ok_and(|s| s.chars().all(|c| c.is_ascii() || in_class(alphabet, c)));
            if inside {
                h.clone()
            } else {
                Hir::fail()
            }
        }
        HirKind::Class(Class::Unicode(c)) => {
            let mut c = c.clone();
            c.intersect(alphabet);
            Hir::class(Class::Unicode(c))
        }
        // Only from `(?-u:…)`, which a UTF-8 translation keeps to ASCII.
        HirKind::Class(Class::Bytes(_)) => h.clone(),
        HirKind::Look(look) => Hir::look(if ascii_words {
            ascii_look(*look)
        } else {
            *look
        }),
        HirKind::Repetition(r) => Hir::repetition(hir::Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(restrict(&r.sub, alphabet, ascii_words)),
        }),
        HirKind::Capture(c) => Hir::capture(hir::Capture {
            index: c.index,
            name: c.name.clone(),
            sub: Box::new(restrict(&c.sub, alphabet, ascii_words)),
        }),
        HirKind::Concat(v) => Hir::concat(
            v.iter()
                .map(|x| restrict(x, alphabet, ascii_words))
                .collect(),
        ),
        HirKind::Alternation(v) => Hir::alternation(
            v.iter()
                .map(|x| restrict(x, alphabet, ascii_words))
                .collect(),
        ),
    }
}

fn in_class(class: &ClassUnicode, c: char) -> bool {
    class
        .ranges()
        .binary_search_by(|r| {
            if r.end() < c {
                std::cmp::Ordering::Less
            } else if r.start() > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// A Unicode word assertion as its ASCII form: the same on a text whose word
/// characters are all ASCII.
fn ascii_look(look: Look) -> Look {
    match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    }
}

/// A match: as [`regex::Match`], from either regex.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'h> {
    text: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    pub(super) fn new(text: &'h str, range: std::ops::Range<usize>) -> Self {
        Match {
            text,
            start: range.start,
            end: range.end,
        }
    }
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    pub fn as_str(&self) -> &'h str {
        &self.text[self.start..self.end]
    }
}

fn full_match<'h>(text: &'h str, m: regex::Match<'h>) -> Match<'h> {
    Match {
        text,
        start: m.start(),
        end: m.end(),
    }
}

fn narrow_match<'h>(text: &'h str, span: regex_automata::Span) -> Match<'h> {
    Match {
        text,
        start: span.start,
        end: span.end,
    }
}

/// Capture groups: as [`regex::Captures`], from either regex.
#[derive(Debug)]
pub enum Captures<'h> {
    Full(&'h str, regex::Captures<'h>),
    Narrow { text: &'h str, caps: MetaCaptures },
}

impl<'h> Captures<'h> {
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        match self {
            Captures::Full(text, c) => c.get(i).map(|m| full_match(text, m)),
            Captures::Narrow { text, caps } => caps.get_group(i).map(|s| narrow_match(text, s)),
        }
    }
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        match self {
            Captures::Full(text, c) => c.name(name).map(|m| full_match(text, m)),
            Captures::Narrow { text, caps } => {
                caps.get_group_by_name(name).map(|s| narrow_match(text, s))
            }
        }
    }
    pub fn len(&self) -> usize {
        match self {
            Captures::Full(_, c) => c.len(),
            Captures::Narrow { caps, .. } => caps.group_len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Matches in a text: as [`regex::Matches`].
pub enum FindIter<'r, 'h> {
    Full(&'h str, regex::Matches<'r, 'h>),
    Narrow(&'h str, meta::FindMatches<'r, 'h>),
    Empty,
}

impl<'h> Iterator for FindIter<'_, 'h> {
    type Item = Match<'h>;
    fn next(&mut self) -> Option<Match<'h>> {
        match self {
            FindIter::Full(text, it) => it.next().map(|m| full_match(text, m)),
            FindIter::Narrow(text, it) => it.next().map(|m| narrow_match(text, m.span())),
            FindIter::Empty => None,
        }
    }
}

/// Captures of successive matches: as [`regex::CaptureMatches`].
pub enum CapturesIter<'r, 'h> {
    Full(&'h str, regex::CaptureMatches<'r, 'h>),
    Narrow(&'h str, meta::CapturesMatches<'r, 'h>),
    Empty,
}

impl<'h> Iterator for CapturesIter<'_, 'h> {
    type Item = Captures<'h>;
    fn next(&mut self) -> Option<Captures<'h>> {
        match self {
            CapturesIter::Full(text, it) => it.next().map(|c| Captures::Full(text, c)),
            CapturesIter::Narrow(text, it) => it.next().map(|caps| Captures::Narrow { text, caps }),
            CapturesIter::Empty => None,
        }
    }
}

impl std::ops::Index<usize> for Captures<'_> {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        match self {
            Captures::Full(_, c) => &c[i],
            Captures::Narrow { text, caps } => {
                let s = caps
                    .get_group(i)
                    .unwrap_or_else(|| panic!("no group at index '{i}'"));
                &text[s.range()]
            }
        }
    }
}

impl std::ops::Index<&str> for Captures<'_> {
    type Output = str;
    fn index(&self, name: &str) -> &str {
        match self {
            Captures::Full(_, c) => &c[name],
            Captures::Narrow { text, caps } => {
                let s = caps
                    .get_group_by_name(name)
                    .unwrap_or_else(|| panic!("no group named '{name}'"));
                &text[s.range()]
            }
        }
    }
}

/// Tests: whether the pattern's narrow regexes (one per alphabet of `texts`) find in
/// each text exactly the matches and groups the full regex finds (`Err` says where
/// not). Texts beyond any alphabet, and alphabets whose regex does not build, are
/// skipped.
#[cfg(test)]
pub(crate) fn agrees_with_full(pattern: &str, texts: &[&str]) -> Result<(), String> {
    let Ok(full) = regex::Regex::new(pattern) else {
        return Ok(());
    };
    // A few texts share an alphabet (their characters, and more), as the texts a tier
    // serves do.
    let mut by_alphabet: Vec<(Vec<char>, Vec<&str>)> = Vec::new();
    for chunk in texts.chunks(6) {
        let mut extra = Vec::new();
        let mut covered = Vec::new();
        for t in chunk {
            if let Some(e) = extra_chars(t) {
                extra.extend(e);
                covered.push(*t);
            }
        }
        extra.sort_unstable();
        extra.dedup();
        let mut larger = extra.clone();
        larger.extend("éëóü–’°€".chars());
        larger.sort_unstable();
        larger.dedup();
        by_alphabet.push((extra, covered.clone()));
        by_alphabet.push((larger, covered));
    }
    let spans = |c: Captures<'_>| -> Vec<Option<(usize, usize)>> {
        (0..c.len())
            .map(|i| c.get(i).map(|m| (m.start(), m.end())))
            .collect()
    };
    for (extra, texts) in by_alphabet {
        let Some(narrow) = build(pattern, extra) else {
            continue;
        };
        for text in texts {
            let got: Vec<_> = CapturesIter::Narrow(text, narrow.re.captures_iter(text))
                .map(spans)
                .collect();
            let want: Vec<_> = CapturesIter::Full(text, full.captures_iter(text))
                .map(spans)
                .collect();
            if got != want {
                return Err(format!(
                    "{pattern:?} on {text:?}: narrow {got:?}, full {want:?}"
                ));
            }
            let got: Vec<_> = FindIter::Narrow(text, narrow.re.find_iter(text))
                .map(|m| m.range())
                .collect();
            let want: Vec<_> = full.find_iter(text).map(|m| m.range()).collect();
            if got != want || narrow.re.is_match(text) != full.is_match(text) {
                return Err(format!("{pattern:?} on {text:?}: find differs"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_regexes_match_as_the_full_ones() {
        let cases: [(&str, &[&str]); 20] = [
            (
                r"(?i)\bkabinet\b",
                &[
                    "het \u{212A}abinet",
                    "Het KABINET.",
                    "kabinetten",
                    "é kabinet",
                ],
            ),
            (
                r"(?i)(?-u:\b)(?:sinds|na|vóór)\s+(?P<y>(?:19|20)\d\d)",
                &[
                    "vóór 2025",
                    "VÓÓR 2025",
                    "voor 2025",
                    "na\u{a0}2024",
                    "na 2025",
                ],
            ),
            (
                r"(?i)[^\s.;:]+\s+worden",
                &["zal ﬁnanciën worden", "het wordt één worden", "a.b worden"],
            ),
            (r"\w+\b", &["één twee", "Straße ok", "x\u{2003}y"]),
            (r"(?i)[-–—/]\d", &["2021–2", "2021—3", "2021-4", "a/5"]),
            (r"(?i)s\b|.\z", &["ſ", "Ŝs", "ß", "is", "S"]),
            (
                r"(?i)(?:vóór|voor)\s+[^\s.;:é–]+\B.|\x{e9}\xE9|[a-é--b]x|[\w&&[^–]]y|[é~~a]z",
                &[
                    "voor 2025 x",
                    "VOOR ab.",
                    "ax cx bx",
                    "_y ay",
                    "az bz",
                    "\u{7F}x é",
                ],
            ),
            (
                r"(?i)(?u:\w+)\s(?-u:\w)+|[^\x00-\x{10FFFF}]|\p{Greek}?ok|[[:alpha:]]{2}\d",
                &["Ab_9 cd", "ok OK", "ab1"],
            ),
            (r"(?i)[k-\x{2000}]|\x{212A}x|ſy", &["kx sy K", "ky"]),
            (
                r"(?i)\x{212A}x|ſ|[\x{100}-\x{200}]z",
                &["KX", "s", "sz", "Sz"],
            ),
            (
                r"(?i)(?-u:\b)(?:vóór|één)\s+\d{1,2}\s*(?:–|x)",
                &[
                    "vóór 1 – juni",
                    "VÓÓR 12x",
                    "ÉÉN 1 x ó",
                    "eén 1 x",
                    "voor 1–",
                    "vóór ٢ x",
                    "één\u{2003}1x",
                ],
            ),
            (r"[^\s]{3}x", &["ééx", "éx"]),
            (r".y", &["éy"]),
            (r"–x", &["éx"]),
            (
                r"(?i)(?:punt|§)\s*(?P<ids>\d{1,3})",
                &["x°12 en punt 3", "§ 4"],
            ),
            (r"(?i)É", &["éx", "ÉE"]),
            (r"[[:^alpha:]]y", &["éy"]),
            (r"\Bz", &["éz"]),
            (r"\wé", &["aé", "éé"]),
            (r"(?i)\b[a-z]", &["é a", "éa"]),
        ];
        for (pattern, texts) in cases {
            agrees_with_full(pattern, texts).unwrap();
        }
    }

    /// The ASCII translation leaves the Kelvin sign and the long s to the Unicode one:
    /// they are the only characters beyond ASCII whose case folds are ASCII.
    #[test]
    fn only_two_characters_beyond_ascii_fold_to_ascii() {
        let mut beyond = ClassUnicode::new([ClassUnicodeRange::new('\u{80}', '\u{10FFFF}')]);
        beyond.case_fold_simple();
        beyond.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7F')]));
        let ascii: Vec<char> = beyond.iter().flat_map(|r| r.start()..=r.end()).collect();
        assert_eq!(ascii, ['K', 'S', 'k', 's']);
        for (letter, other) in [('k', '\u{212A}'), ('s', '\u{17F}')] {
            let mut class = ClassUnicode::new([ClassUnicodeRange::new(letter, letter)]);
            class.case_fold_simple();
            let beyond: Vec<char> = class
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .filter(|c| !c.is_ascii())
                .collect();
            assert_eq!(beyond, [other]);
            assert!(folds_to_ascii(other));
        }
        assert!(ascii_translation(r"(?i)\x{212A}", &[]).is_none());
        assert!(ascii_translation(r"(?i)[a-ſ]", &[]).is_none());
        assert!(ascii_translation(r"(?i)vóór\s+[^–]", &[]).is_some());
        assert!(ascii_translation(r"(?i)vóór\s+[^–]", &['ó']).is_none());
        assert!(ascii_translation(r"(?i)vóór\s+(?-u:\b)\d", &['ó']).is_some());
        assert!(ascii_translation(r"(?i)vóór\b", &['ó']).is_none());
        assert!(ascii_translation(r"(?-u:\B)x|(?-u:[^a])", &[]).is_none());
    }

    #[test]
    fn alphabets_grow_then_give_way_to_the_full_regex() {
        let tiers = Tiers::default();
        let p = r"(?i)\bzal\b";
        // (`for_text` also asks whether this run has linted a long document, which
        // depends on the other tests.)
        assert!(tiers.for_short_text(p, "De Commissie zal").is_some());
        assert!(tiers.for_short_text(p, "één zal").is_some());
        assert!(
            tiers.for_short_text(p, "ÉÉN zal").is_some(),
            "third alphabet"
        );
        assert!(tiers.for_short_text(p, "ü zal").is_none(), "slots used up");
        assert!(
            tiers.for_short_text(p, "é zal").is_some(),
            "an earlier alphabet"
        );
        let long = "x".repeat(NARROW_MAX_TEXT + 1);
        assert!(tiers.for_short_text(p, &long).is_none());
        assert!(!narrow_searches(&long));
        let tiers = Tiers::default();
        let chunk = "z".repeat(NARROW_MAX_TEXT);
        let mut narrow = 0;
        while tiers.for_short_text(p, &chunk).is_some() {
            narrow += chunk.len();
        }
        assert!(narrow <= NARROW_BYTES);
    }
}
