//! TV001 `term-variant`.

use std::collections::{HashMap, HashSet};

use crate::declare_rule;
use crate::document::words::{
    self as wording, is_all_caps, is_apostrophe, is_titlecase, Word, WordHash,
};
use crate::document::{Document, TextRole};
use crate::pack::{FromPack, Pack};
use crate::rule::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags a term written two ways in one document, learned from the document
    /// itself, with no list of pairs: case ("eu-LISA" / "eu-Lisa"), apostrophes
    /// ("Da'esh" / "Da’esh"), hyphens ("e-mail" / "email", "cyber-security" /
    /// "cybersecurity") and spacing ("cyber security" / "cybersecurity"). Words are
    /// grouped by a key without case, hyphens, apostrophes and spaces; a group with more
    /// than one spelling is a variant. The finding sits on the first use of each rarer
    /// spelling; a secondary label shows the dominant one with its count.
    ///
    /// Not variants: a capital at the start of a word or of a part of a compound
    /// (sentence start, title case: "Take-Off", "IBAN-Naam Check"),
    /// capitals used as typography ("de RAAD" / "de Raad", headings in capitals), a
    /// possessive against a plural ("Commission's" / "Commissions"), and words that
    /// differ in more than spelling (plurals, "EU-lidstaten" / "lidstaten" have
    /// different keys). Split forms are only considered for two content words, the
    /// second in lowercase ("Internet Forum" is a name, not a split "internetforum"), and
    /// a capitalised word after a capitalised word is part of a name ("The Ocean Cleanup"
    /// is not a spelling of "clean-up"; its apostrophe still counts); pairs
    /// with a function word ("ten minste" / "tenminste", "may be" / "maybe") differ in
    /// meaning and are left alone (`[terms] function-words` in the pack). A hyphenated
    /// modifier against the open noun phrase ("lange-termijn doelen" / "op de lange
    /// termijn.", after an article of `[terms] articles`) is grammar; in English every
    /// hyphen-for-space pair is. Host names ("atlasbig.com") are not words.
    ///
    /// In text extracted from a PDF, the extractor's joins are not variants: a form
    /// written once across a line break that differs from the other only by a hyphen
    /// ("Parijs-/akkoord"), and split spellings when an extract has ten or more of them
    /// (the extractor breaks words at hidden hyphenation points: one PLX005 note says
    /// so). Split spellings carry their own label, "split spelling".
    ///
    /// ## Why is this bad?
    /// Readers take a second spelling for a second thing, search and translation
    /// memories miss it, and it shows that the text was not edited as a whole.
    ///
    /// ## Example
    /// ```text
    /// Europol, Frontex en eu-Lisa zullen … het agentschap eu-LISA …
    /// ```
    /// Use the agency's own spelling, "eu-LISA", throughout.
    ///
    /// ## Options
    /// None.
    pub TermVariant {
        code: "TV001",
        name: "term-variant",
        group: Terms,
        level: Warning,
        summary: "the same term written two ways",
    }
}

/// The `[terms]` section of a pack.
#[derive(Debug, Default)]
pub struct TermsPack {
    pub function_words: HashSet<String>,
    /// Lowercased articles (`[terms] articles`): an open form after one of them and
    /// before a pause is a noun phrase ("op de lange termijn").
    pub articles: HashSet<String>,
    /// A compound written with a hyphen or a space is grammar, not a variant
    /// (`[terms] hyphen-or-space-compounds`).
    pub hyphen_or_space_compounds: bool,
}

impl FromPack for TermsPack {
    fn from_pack(pack: &Pack) -> Self {
        TermsPack {
            function_words: pack
                .strings("terms.function-words")
                .iter()
                .map(|s| s.to_lowercase())
                .collect(),
            articles: pack
                .strings("terms.articles")
                .iter()
                .map(|s| s.to_lowercase())
                .collect(),
            hyphen_or_space_compounds: pack
                .get("terms.hyphen-or-space-compounds")
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
        }
    }
}

struct Form {
    /// The spelling, with the first letter of a capitalised word lowered.
    spelling: String,
    /// As first written.
    written: String,
    count: usize,
    /// Uses of an open form as a whole noun phrase: after an article, before a pause
    /// or a function word ("op de lange termijn.").
    noun_phrase_uses: usize,
    /// Uses of a hyphenated form as a modifier of the content word after it
    /// ("lange-termijn doelen", "long-term plan").
    modifier_uses: usize,
    first: Span,
}

/// How one occurrence is used in its sentence, as far as TV001 needs to know.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Use {
    Other,
    /// An open form standing as a whole noun phrase.
    NounPhrase,
    /// A word modifying the content word after it.
    Modifier,
}

#[derive(Default)]
struct Group {
    forms: Vec<Form>,
}

impl Group {
    /// Count one occurrence at source offset `at`; `span` is built only when needed.
    fn add(&mut self, written: &str, at: usize, role: Use, span: impl FnOnce() -> Span) {
        let found = match self.forms.iter().position(|f| f.written == written) {
            Some(i) => Some(i),
            None => {
                let spelling = spelling_of(written);
                self.forms.iter().position(|f| f.spelling == spelling)
            }
        };
        if let Some(f) = found.map(|i| &mut self.forms[i]) {
            f.count += 1;
            f.noun_phrase_uses += usize::from(role == Use::NounPhrase);
            f.modifier_uses += usize::from(role == Use::Modifier);
            if at < f.first.start {
                f.first = span();
                f.written = written.to_string();
            }
        } else {
            self.forms.push(Form {
                spelling: spelling_of(written),
                written: written.to_string(),
                count: 1,
                noun_phrase_uses: usize::from(role == Use::NounPhrase),
                modifier_uses: usize::from(role == Use::Modifier),
                first: span(),
            });
        }
    }
}

/// The keys of the eligible words of one text ([`push_key`] of each, [`eligible`]
/// decided), computed once: both the word count and the split spellings read them.
struct WordKeys {
    buf: String,
    /// Per word: its key's range in `buf`, `None` for a word that is not eligible.
    ranges: Vec<Option<(usize, usize)>>,
}

impl WordKeys {
    fn of(s: &str, words: &[Word]) -> Self {
        let mut buf = String::with_capacity(s.len());
        let ranges = words
            .iter()
            .map(|w| {
                eligible(s, w).then(|| {
                    let start = buf.len();
                    push_key(w.as_str(s), &mut buf);
                    (start, buf.len())
                })
            })
            .collect();
        WordKeys { buf, ranges }
    }

    /// The key of word `i`, if it is eligible.
    fn get(&self, i: usize) -> Option<&str> {
        let (start, end) = (*self.ranges.get(i)?)?;
        Some(&self.buf[start..end])
    }
}

/// Lowercase letters and digits only.
fn push_key(s: &str, key: &mut String) {
    if s.is_ascii() {
        key.extend(
            s.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return;
    }
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                key.push(c.to_ascii_lowercase());
            }
        } else if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        }
    }
}

/// The spelling compared between forms: a capital at the start of a capitalised word
/// ("Lidstaten", "Cybersecurity") or of a capitalised part of a compound in title case
/// ("Take-Off", "IBAN-Naam Check") is grammar, not spelling.
fn spelling_of(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut part_start = true;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let capitalised =
            part_start && c.is_uppercase() && chars.peek().is_some_and(|n| n.is_lowercase());
        if capitalised {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
        part_start = wording::is_hyphen(c);
    }
    out
}

/// How far (bytes) a word looks either way for the rest of a slash-joined code.
const CODE_REACH: usize = 64;

/// A word that can take part: prose, at least two letters, no digits, not a
/// suspended compound.
fn eligible(s: &str, w: &Word) -> bool {
    if w.in_url || w.leading_hyphen || w.trailing_hyphen || s[..w.start].ends_with('#') {
        // A hashtag ("#EUSpace") is a handle, not a spelling.
        return false;
    }
    // Part of a reference code joined by slashes ("IENW/BSK-2022/283041", a letter's
    // reference): a code, not a word.
    if s[w.end..].starts_with('/') || s[..w.start].ends_with('/') {
        // Within a bounded reach, so that a text of one long token stays linear.
        let low = s.floor_char_boundary(w.start.saturating_sub(CODE_REACH));
        let high = s.floor_char_boundary((w.end + CODE_REACH).min(s.len()));
        let from = s[low..w.start]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(low, |(i, c)| low + i + c.len_utf8());
        let to = s[w.end..high]
            .find(char::is_whitespace)
            .map_or(high, |i| w.end + i);
        if s[from..to].bytes().any(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    let mut letters = 0;
    for c in w.as_str(s).chars() {
        if c.is_ascii_digit() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

/// "Commission's" against "Commissions": a possessive, not a spelling.
fn possessive_pair(a: &str, b: &str) -> bool {
    let strip = |x: &str| -> Option<String> {
        let mut chars: Vec<char> = x.chars().collect();
        let n = chars.len();
        if n >= 3 && is_apostrophe(chars[n - 2]) && chars[n - 1] == 's' {
            chars.remove(n - 2);
            Some(chars.into_iter().collect())
        } else {
            None
        }
    };
    strip(a).is_some_and(|x| x == b) || strip(b).is_some_and(|x| x == a)
}

/// Pairs that differ by layout or grammar, not by spelling:
/// - a split whose parts are not words of the document ("inw oners", "Ka derrichtlijn"):
///   letter spacing lost in extraction;
/// - a closed form against a hyphenated one in an extract whose extractor removes the
///   hyphen of a word broken across lines (`pdftotext` default: "climaterelated" where
///   the PDF has "climate-/related");
/// - in any extract, a form written once, across a line break, that differs from the
///   other by a hyphen only ("Parijs-/akkoord" joined with its hyphen);
/// - in English, a hyphenated compound modifier against the open noun phrase
///   ("long-term plan" / "in the long term").
fn not_a_variant(
    f: &Form,
    dom: &Form,
    vocabulary: &HashMap<String, usize, WordHash>,
    (extract, dehyphenating): (bool, bool),
    english: bool,
    source: &str,
) -> bool {
    // A part counts as a word when it occurs more often than the split itself; a
    // split is an artefact when no part is a word, or a part of one to three letters
    // is not ("ma atwerk", "inw oners", "natuurgebie den"; not "tegemoet komen").
    let split_artefact = |x: &Form| {
        let parts: Vec<&str> = x.written.split(' ').collect();
        let absent = |part: &&str| {
            vocabulary
                .get(&part.to_lowercase())
                .is_none_or(|&n| n <= x.count)
        };
        parts.len() == 2
            && (parts.iter().all(absent)
                || (parts.iter().any(|p| p.chars().count() <= 3) && parts.iter().any(absent)))
    };
    if extract && (split_artefact(f) || split_artefact(dom)) {
        return true;
    }
    // "errorDescription" beside "error description": an identifier from program
    // code, named after the words, not a spelling of them.
    if is_code_identifier(&f.written) || is_code_identifier(&dom.written) {
        return true;
    }
    let hyphens = |x: &str| -> String { x.replace(['\u{2010}', '\u{2011}'], "-") };
    let (fw, dw) = (hyphens(&f.written), hyphens(&dom.written));
    if fw == dw {
        // Two hyphen characters that look alike.
        return true;
    }
    let count = |x: &str| x.matches('-').count();
    let differ_in_hyphens = count(&fw) != count(&dw)
        && fw.replace('-', "").to_lowercase() == dw.replace('-', "").to_lowercase();
    if dehyphenating && differ_in_hyphens {
        return true;
    }
    // The same extractor, having dropped a line-end hyphen, appends the whole next
    // PDF line to the current one ("a climate-/neutral economy" becomes one long line
    // with "climateneutral" where the others wrap): a closed form written once there
    // may have had a hyphen, so it is no evidence of a second spelling.
    let once_at_dehyphenated_wrap = |x: &Form| {
        x.count == 1 && !x.written.contains([' ', '-']) && joined_at_wrap(source, x.first)
    };
    if dehyphenating && (once_at_dehyphenated_wrap(f) || once_at_dehyphenated_wrap(dom)) {
        return true;
    }
    // In any extract, a form written once, across a line break, differs from the
    // other by the hyphen the extractor kept or dropped there ("Parijs-/akkoord",
    // "ro-ro-/passagiersschepen"): the join is the extractor's, not the drafter's.
    let once_at_break = |x: &Form| {
        x.count == 1
            && source
                .get(x.first.start..x.first.end)
                .is_some_and(|t| t.contains('\n'))
    };
    if extract && differ_in_hyphens && (once_at_break(f) || once_at_break(dom)) {
        return true;
    }
    let same_but = |a: &str, b: &str, ca: char, cb: char| {
        a.len() == b.len()
            && a.chars()
                .zip(b.chars())
                .all(|(x, y)| x == y || (x == ca && y == cb))
    };
    let (a, b) = (f.written.to_lowercase(), dom.written.to_lowercase());
    let hyphen_for_space = same_but(&a, &b, '-', ' ') || same_but(&a, &b, ' ', '-');
    // "op de lange termijn" against "lange-termijn doelen": the open form is only ever
    // a whole noun phrase, the hyphenated one a modifier.
    let only_noun_phrase = |x: &Form| x.written.contains(' ') && x.noun_phrase_uses == x.count;
    let only_modifier = |x: &Form| x.written.contains('-') && x.modifier_uses == x.count;
    hyphen_for_space
        && (english
            || (only_noun_phrase(f) && only_modifier(dom))
            || (only_noun_phrase(dom) && only_modifier(f)))
}

/// A word in lower camel case ("errorDescription", "vectorName"): letters and digits
/// only, opening in lowercase, and a capital inside starts another lowercase run.
/// Names written with capitals inside ("eu-Lisa", "eu-LISA", "ReFuelEU") are not of
/// this kind.
fn is_code_identifier(word: &str) -> bool {
    if !word.chars().all(char::is_alphanumeric) {
        return false;
    }
    let mut chars = word.chars().peekable();
    if !chars.next().is_some_and(char::is_lowercase) {
        return false;
    }
    while let Some(c) = chars.next() {
        if c.is_uppercase() && chars.peek().is_some_and(|n| n.is_lowercase()) {
            return true;
        }
    }
    false
}

/// Whether the word at `span` stands where the lines around it wrap, on a line much
/// longer than they are: the mark of a PDF line that an extractor joined to the next
/// after removing the hyphen of a broken word. Needs two neighbouring lines of the
/// same block to know the width; otherwise no.
fn joined_at_wrap(source: &str, span: Span) -> bool {
    /// Bytes looked at on each side of the word.
    const WRAP_WINDOW: usize = 2048;
    /// Lines of the block (up to a blank line) read on each side of the word's line.
    const NEIGHBOURS: usize = 2;
    // A PDF line joined to the next is a few hundred characters: the look-around is
    // bounded, so that many forms on one enormous line stay linear.
    let lo = source.floor_char_boundary(span.start.saturating_sub(WRAP_WINDOW));
    let hi = source.floor_char_boundary((span.end + WRAP_WINDOW).min(source.len()));
    let (Some(before), Some(after)) = (source.get(lo..span.start), source.get(span.start..hi))
    else {
        return false;
    };
    let (Some(start_nl), Some(end_nl)) = (
        before.rfind('\n').or((lo == 0).then_some(usize::MAX)),
        after
            .find('\n')
            .or((hi == source.len()).then_some(after.len())),
    ) else {
        return false;
    };
    let line_start = if start_nl == usize::MAX {
        0
    } else {
        lo + start_nl + 1
    };
    let line_end = span.start + end_nl;
    let source = &source[..hi];
    let line = &source[line_start..line_end];
    let width = |l: &str| l.trim_end().chars().count();
    let mut widths = Vec::with_capacity(2 * NEIGHBOURS);
    widths.extend(
        source[lo.min(line_start.saturating_sub(1))..line_start.saturating_sub(1)]
            .rsplit('\n')
            .take(NEIGHBOURS)
            .take_while(|l| !l.trim().is_empty())
            .map(width),
    );
    if line_end < source.len() {
        widths.extend(
            source[line_end + 1..]
                .split('\n')
                .take(NEIGHBOURS)
                .take_while(|l| !l.trim().is_empty())
                .map(width),
        );
    }
    let Some(&wrap) = widths.iter().max() else {
        return false;
    };
    if widths.len() < 2 || wrap < 30 {
        return false;
    }
    let start_col = source[line_start..span.start].chars().count();
    let end_col = start_col + source[span.start..span.end.min(line_end)].chars().count();
    // The word crosses the wrap width (give or take the few characters a justified
    // line varies by), and the line runs on well past it.
    width(line) >= wrap + wrap / 3 && start_col <= wrap + 2 && end_col + 4 >= wrap
}

/// The open pair `words[k]`, `words[k + 1]` used as a whole noun phrase: right after an
/// article, and followed by a pause (punctuation, the end) or a function word.
fn noun_phrase_use(s: &str, words: &[Word], k: usize, terms: &TermsPack) -> bool {
    let lower = |w: &Word| w.as_str(s).to_lowercase();
    let after_article = k.checked_sub(1).map(|j| &words[j]).is_some_and(|w| {
        s[w.end..words[k].start].trim().is_empty() && terms.articles.contains(&lower(w))
    });
    let second = &words[k + 1];
    let pause = match words.get(k + 2) {
        None => true,
        Some(next) => {
            !s[second.end..next.start].trim().is_empty()
                || terms.function_words.contains(&lower(next))
        }
    };
    after_article && pause
}

/// `words[i]` directly followed (a space only) by a content word in lowercase: a
/// modifier of it ("lange-termijn doelen").
fn modifies_next(s: &str, words: &[Word], i: usize, terms: &TermsPack) -> bool {
    words.get(i + 1).is_some_and(|next| {
        let t = next.as_str(s);
        s[words[i].end..next.start].trim().is_empty()
            && !s[words[i].end..next.start].contains("\n\n")
            && t.starts_with(char::is_lowercase)
            && !terms.function_words.contains(&t.to_lowercase())
    })
}

/// The label of a finding whose variant is a compound written as two words: an
/// extractor that breaks words at their hidden hyphenation points makes many of them
/// (the engine then withholds them, see `abstain`).
pub const SPLIT_LABEL: &str = "split spelling";

impl Rule for TermVariant {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let terms = cx.pack().compiled::<TermsPack>();
        let text_words = wording::of_texts(doc);
        let text_caps = wording::caps_of_texts(doc);
        let texts: Vec<_> = doc
            .texts()
            .zip(text_words.0.iter())
            .zip(text_caps.0.iter())
            .map(|(((role, t), words), (shouting, caps_run))| {
                let typographic_caps = role == TextRole::Heading || *shouting;
                (t, words, typographic_caps, caps_run)
            })
            .collect();

        let mut groups: HashMap<String, Group, WordHash> = HashMap::default();
        // Every word of the document, lowercased: the parts of a split spelling must be
        // words of their own, or the split is an extraction artefact ("inw oners").
        let mut vocabulary: HashMap<String, usize, WordHash> = HashMap::default();
        let mut lower = String::new();
        for (text, words, _, _) in &texts {
            let s = text.as_str();
            for w in words.iter() {
                let t = w.as_str(s);
                // Most words are ASCII: lowercase them in place, without an allocation.
                if t.is_ascii() {
                    lower.clear();
                    lower.push_str(t);
                    lower.make_ascii_lowercase();
                } else {
                    lower = t.to_lowercase();
                }
                match vocabulary.get_mut(lower.as_str()) {
                    Some(n) => *n += 1,
                    None => {
                        vocabulary.insert(lower.clone(), 1);
                    }
                }
            }
        }
        let dehyphenating = doc
            .layout
            .as_ref()
            .is_some_and(|l| l.family == crate::document::layout::Family::PdftotextDefault);
        let english = terms.hyphen_or_space_compounds;
        let extract = doc.layout.as_ref().is_some_and(|l| l.family.from_pdf());
        let mut key = String::new();
        let keys: Vec<WordKeys> = texts
            .iter()
            .map(|(text, words, _, _)| WordKeys::of(text.as_str(), words))
            .collect();
        for ((text, words, typographic_caps, caps_run), keys) in texts.iter().zip(&keys) {
            let s = text.as_str();
            for (i, w) in words.iter().enumerate() {
                let Some(word_key) = keys.get(i) else {
                    continue;
                };
                let t = w.as_str(s);
                if (*typographic_caps || caps_run[i]) && is_all_caps(t) {
                    continue;
                }
                // "The Ocean Cleanup": a capitalised word after a capitalised word is
                // part of a name, not a spelling of "clean-up". Its apostrophe is still
                // the writer's ("the European Union's").
                if i > 0 && is_titlecase(t) && !t.contains(is_apostrophe) {
                    let prev = &words[i - 1];
                    if s[prev.end..w.start].chars().all(char::is_whitespace)
                        && is_titlecase(prev.as_str(s))
                    {
                        continue;
                    }
                }
                key.clear();
                key.push_str(word_key);
                if key.len() < 3 {
                    continue;
                }
                let at = text.source_offset(w.start);
                let span = || text.source_span((w.start..w.end).into());
                let role = if t.contains('-') && modifies_next(s, words, i, &terms) {
                    Use::Modifier
                } else {
                    Use::Other
                };
                match groups.get_mut(key.as_str()) {
                    Some(g) => g.add(t, at, role, span),
                    None => groups
                        .entry(key.clone())
                        .or_default()
                        .add(t, at, role, span),
                }
            }
        }
        // Split spellings: two content words that together spell a word of the document.
        for ((text, words, _, _), keys) in texts.iter().zip(&keys) {
            let s = text.as_str();
            for (k, pair) in words.windows(2).enumerate() {
                let (a, b) = (&pair[0], &pair[1]);
                let (Some(key_a), Some(key_b)) = (keys.get(k), keys.get(k + 1)) else {
                    continue;
                };
                if &s[a.end..b.start] != " " {
                    continue;
                }
                let (ta, tb) = (a.as_str(s), b.as_str(s));
                // "Task Force", "Internet Forum": a name, often English in a Dutch text,
                // not a split spelling of "taskforce".
                if tb.starts_with(char::is_uppercase) || is_all_caps(ta) {
                    continue;
                }
                // The key first: nearly every pair spells no word of the document, and
                // then the function-word tests below are not needed.
                key.clear();
                key.push_str(key_a);
                key.push_str(key_b);
                if !groups.contains_key(key.as_str()) {
                    continue;
                }
                lower.clear();
                lower.extend(ta.chars().flat_map(char::to_lowercase));
                if terms.function_words.contains(lower.as_str()) {
                    continue;
                }
                lower.clear();
                lower.extend(tb.chars().flat_map(char::to_lowercase));
                if terms.function_words.contains(lower.as_str()) {
                    continue;
                }
                if let Some(g) = groups.get_mut(key.as_str()) {
                    let role = if noun_phrase_use(s, words, k, &terms) {
                        Use::NounPhrase
                    } else {
                        Use::Other
                    };
                    g.add(
                        &s[a.start..b.end],
                        text.source_offset(a.start),
                        role,
                        || text.source_span((a.start..b.end).into()),
                    );
                }
            }
        }

        let times = |n: usize| {
            if n == 1 {
                "once".to_string()
            } else {
                format!("{n} times")
            }
        };
        let mut findings: Vec<(Span, String, Span, String, String, bool)> = Vec::new();
        for g in groups.values_mut() {
            if g.forms.len() < 2 {
                continue;
            }
            // Capitals as typography: "RAAD" where the document also writes "raad".
            let lowercase: Vec<String> = g
                .forms
                .iter()
                .filter(|f| !f.spelling.chars().any(char::is_uppercase))
                .map(|f| f.spelling.to_uppercase())
                .collect();
            g.forms
                .retain(|f| !(is_all_caps(&f.spelling) && lowercase.contains(&f.spelling)));
            if g.forms.len() < 2 {
                continue;
            }
            let dominant = g
                .forms
                .iter()
                .enumerate()
                .max_by(|(_, a), (_, b)| {
                    a.count
                        .cmp(&b.count)
                        .then(b.first.start.cmp(&a.first.start))
                })
                .map(|(i, _)| i)
                .unwrap_or(0);
            let dom = &g.forms[dominant];
            for (i, f) in g.forms.iter().enumerate() {
                if i == dominant
                    || possessive_pair(&f.spelling, &dom.spelling)
                    || not_a_variant(
                        f,
                        dom,
                        &vocabulary,
                        (extract, dehyphenating),
                        english,
                        doc.text(),
                    )
                {
                    continue;
                }
                findings.push((
                    f.first,
                    format!(
                        "`{}` is also written `{}` in this document",
                        f.written, dom.written
                    ),
                    dom.first,
                    format!("`{}` is used {}", dom.written, times(dom.count)),
                    format!("`{}` is used {}", f.written, times(f.count)),
                    f.written.contains(' ') || dom.written.contains(' '),
                ));
            }
        }
        findings.sort_by_key(|f| f.0.start);
        for (span, message, related, related_msg, note, split) in findings {
            cx.report(span, message)
                .label(if split {
                    SPLIT_LABEL
                } else {
                    "variant spelling"
                })
                .related(related, related_msg)
                .note(note)
                .help("use one spelling throughout");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_of_a_slash_joined_reference_code_takes_no_part() {
        let s = "Ons kenmerk IENW/BSK-2022/283041 van het ministerie van IenW/BZK.";
        let words = wording::words(s);
        let word = |t: &str| words.iter().find(|w| w.as_str(s) == t).unwrap();
        assert!(!eligible(s, word("IENW")));
        // Slashes without a number: two words ("IenW/BZK"), each a word.
        assert!(eligible(s, word("IenW")));
        assert!(eligible(s, word("ministerie")));
        // A wide space before the code (3 bytes): the code starts after it, whole.
        let s = "kenmerk\u{3000}IENW/BSK-2022/1";
        let words = wording::words(s);
        let ienw = words.iter().find(|w| w.as_str(s) == "IENW").unwrap();
        assert!(!eligible(s, ienw));
    }

    #[test]
    fn a_word_at_a_joined_wrap_is_found_within_a_bounded_look_around() {
        let lines = "The Union supports regions and people in addressing the economic\n\
                     impacts of the transition towards the 2030 targets for the climate\n\
                     and a resilient, competitive, innovative and fair Union with a climateneutral economy of the Union by 2050.\n\
                     also support investments in clean technologies in every region.\n\
                     Member States make the economy climate neutral in a fair way.\n";
        let at = lines.find("climateneutral").unwrap();
        assert!(joined_at_wrap(lines, Span::new(at, at + 14)));
        // The same word on a line of 100 KB: no PDF line, and not read whole.
        let long = lines.replace("and a resilient", &"x ".repeat(50_000));
        let at = long.find("climateneutral").unwrap();
        assert!(!joined_at_wrap(&long, Span::new(at, at + 14)));
    }

    #[test]
    fn lower_camel_case_is_an_identifier() {
        assert!(is_code_identifier("errorDescription"));
        assert!(!is_code_identifier("eu-Lisa"));
        assert!(!is_code_identifier("ReFuelEU"));
        assert!(!is_code_identifier("eIDAS"));
    }
}
