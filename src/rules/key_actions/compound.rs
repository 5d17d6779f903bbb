//! Compound splitting against the document's own vocabulary, and the expansion of
//! elliptical hyphens into full compounds.
//!
//! Dutch writes `vuurwapenhandel` where the body says "handel in vuurwapens". A word is
//! split where both sides are words (or stems of words) of the same document, allowing
//! a linking morpheme between them (`veiligheid|s|adviseurs`). Longest head first;
//! the rest may split again. Parts that are stop words never count (`voor|stellen`).

use crate::hash::{FastMap, FastSet};

use rust_stemmers::Stemmer;

use super::config::KeyActionsPack;
use super::tokenise::Word;

/// The longest word split into compound parts, in characters.
pub const MAX_COMPOUND: usize = 60;

/// The words of a document and their compound structure.
pub struct Vocabulary {
    /// Word → its stem.
    forms: FastMap<String, String>,
    stems: FastSet<String>,
    /// Word → (modifier, head) for words that split at the top level.
    top: FastMap<String, (String, String)>,
}

impl Vocabulary {
    /// Build from every word of the document (body, boxes, notes: the wider the
    /// vocabulary, the more compounds split).
    pub fn build<'a>(
        words: impl IntoIterator<Item = &'a str>,
        pack: &KeyActionsPack,
        stemmer: &Stemmer,
    ) -> Self {
        let words = words.into_iter();
        let mut forms: FastMap<String, String> = FastMap::default();
        forms.reserve(words.size_hint().0);
        for w in words {
            for part in w.split('-') {
                if part.chars().count() >= 2
                    && !part.chars().all(|c| c.is_ascii_digit())
                    && !forms.contains_key(part)
                {
                    // `stemmer` is the pack's own (every caller passes `pack.stemmer()`).
                    let stem = pack.stem_memo(part, |w| stemmer.stem(w).into_owned());
                    forms.insert(part.to_string(), stem);
                }
            }
        }
        let mut stems = FastSet::default();
        stems.reserve(forms.len());
        stems.extend(
            forms
                .iter()
                .filter(|(f, _)| f.chars().count() >= 3)
                .map(|(_, s)| s.clone()),
        );
        let mut vocab = Vocabulary {
            forms,
            stems,
            top: FastMap::default(),
        };
        let mut memo: FastMap<String, Option<(String, String)>> = FastMap::default();
        memo.reserve(vocab.forms.len());
        let candidates: Vec<String> = vocab
            .forms
            .keys()
            .filter(|f| (2 * pack.min_part..=MAX_COMPOUND).contains(&f.chars().count()))
            .cloned()
            .collect();
        for f in candidates {
            vocab.split_top(&f, pack, &mut memo);
        }
        // Keep the splits of rests too (bestrijdingsagenda inside
        // terrorismebestrijdingsagenda), so leaves recurse all the way down.
        vocab.top = memo
            .into_iter()
            .filter_map(|(w, split)| split.map(|s| (w, s)))
            .collect();
        vocab
    }

    fn known(&self, w: &str, pack: &KeyActionsPack) -> bool {
        // The vocabulary first: most pieces tried while splitting are no word, and
        // then the stop-word lookup is not needed.
        (self.forms.get(w).is_some_and(|_| w.len() >= 3) || self.stems.contains(w))
            && !pack.is_stopword(w)
    }

    /// The (modifier, head) split of `word`, if the document's vocabulary supports it.
    fn split_top(
        &self,
        word: &str,
        pack: &KeyActionsPack,
        memo: &mut FastMap<String, Option<(String, String)>>,
    ) -> Option<(String, String)> {
        if let Some(m) = memo.get(word) {
            return m.clone();
        }
        // Guard against re-entry while computing (cannot loop: rests get shorter).
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        let n = chars.len();
        let min = pack.min_part;
        let mut found = None;
        // Splitting tries every cut of every suffix (cubic in the word's length); no
        // real compound is longer than MAX_COMPOUND characters (a longer "word" is a
        // URL, a code or text run together), so it is not split.
        if n >= 2 * min && n <= MAX_COMPOUND {
            'outer: for i in (min..=n - min).rev() {
                let cut = chars[i].0;
                let (with_link, rest) = word.split_at(cut);
                // Only a rest long enough for two parts may split again.
                let rest_ok = |v: &Self, memo: &mut FastMap<_, _>| {
                    v.known(rest, pack)
                        || (n - i >= 2 * min && v.split_top(rest, pack, memo).is_some())
                };
                for link in &pack.linking {
                    let Some(head) = with_link.strip_suffix(link.as_str()) else {
                        continue;
                    };
                    if head.chars().count() < min || !self.known(head, pack) {
                        continue;
                    }
                    if rest_ok(self, memo) {
                        found = Some((head.to_string(), rest.to_string()));
                        break 'outer;
                    }
                }
            }
        }
        memo.insert(word.to_string(), found.clone());
        found
    }

    /// The (modifier, head) split of a word of this document.
    pub fn top_split(&self, word: &str) -> Option<(&str, &str)> {
        self.top.get(word).map(|(m, h)| (m.as_str(), h.as_str()))
    }

    /// All leaves of a compound (`terrorismebestrijdingsagenda` → terrorisme,
    /// bestrijding, agenda); empty when the word does not split.
    pub fn leaves(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        if self.top.contains_key(word) {
            self.collect_leaves(word, &mut out, 0);
        }
        out
    }

    /// Every part at every level (modifier and head of each split, recursively):
    /// what a body compound offers to partial matching.
    pub fn all_parts(&self, word: &str, out: &mut Vec<String>) {
        if let Some((m, h)) = self.top.get(word) {
            out.push(m.clone());
            out.push(h.clone());
            self.all_parts(m, out);
            self.all_parts(h, out);
        }
    }

    fn collect_leaves(&self, word: &str, out: &mut Vec<String>, depth: usize) {
        match self.top.get(word) {
            Some((m, h)) if depth < 6 => {
                self.collect_leaves(m, out, depth + 1);
                self.collect_leaves(h, out, depth + 1);
            }
            _ => out.push(word.to_string()),
        }
    }

    pub fn contains(&self, form: &str) -> bool {
        self.forms.contains_key(form)
    }

    /// The stem of a word of the document.
    pub fn stem_of(&self, form: &str) -> Option<&str> {
        self.forms.get(form).map(String::as_str)
    }
}

/// A content term of a text: one hyphen part of a word, or a compound rebuilt from an
/// ellipsis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// Byte range of the written word the term comes from.
    pub start: usize,
    pub end: usize,
    /// Normalised form (no hyphens).
    pub norm: String,
    /// Compound parts of a term rebuilt from an ellipsis (empty otherwise: see
    /// [`Term::compound_parts`]).
    pub parts: Vec<String>,
}

impl Term {
    /// The term's compound parts: from the ellipsis that built it, or from the
    /// vocabulary; empty when it is not a compound.
    pub fn compound_parts(&self, vocab: &Vocabulary) -> Vec<String> {
        if self.parts.is_empty() {
            vocab.leaves(&self.norm)
        } else {
            self.parts.clone()
        }
    }
}

/// The content terms of a tokenised text, with ellipses expanded:
/// `inlichtingen- en dreigingsanalysen` gives inlichtingenanalysen (inlichtingen +
/// analysen) and dreigingsanalysen; `EU-agenda en -actieplan` gives eu, agenda, eu +
/// actieplan.
pub fn terms(words: &[Word], vocab: &Vocabulary, pack: &KeyActionsPack) -> Vec<Term> {
    let mut out = Vec::new();
    for i in 0..words.len() {
        word_terms(words, i, vocab, pack, &mut out);
    }
    out
}

/// The terms [`terms`] takes from `words[i]` (in the same order), appended to `out`.
pub fn word_terms(
    words: &[Word],
    i: usize,
    vocab: &Vocabulary,
    pack: &KeyActionsPack,
    out: &mut Vec<Term>,
) {
    let Some(w) = words.get(i) else {
        return;
    };
    if w.is_numeric() {
        return;
    }
    if w.suspended_prefix {
        let modifier = w.norm.replace('-', "");
        let head = ellipsis_head(words, i, &modifier, vocab, pack);
        match head {
            Some(head) => out.push(Term {
                start: w.start,
                end: w.end,
                norm: format!("{modifier}{head}"),
                parts: vec![modifier, head],
            }),
            None => push_plain(w, pack, out),
        }
        return;
    }
    if w.suspended_head {
        let modifier = preceding_word(words, i, pack).and_then(|prev| {
            let mut parts = prev.hyphen_parts();
            let first = parts.next()?;
            if parts.next().is_some() {
                Some(first.to_string())
            } else {
                vocab.top_split(first).map(|(m, _)| m.to_string())
            }
        });
        let head = w.norm.replace('-', "");
        match modifier {
            Some(m) if !pack.is_stopword(&m) => {
                out.push(Term {
                    start: w.start,
                    end: w.end,
                    norm: format!("{m}{head}"),
                    parts: vec![m, head],
                });
            }
            _ => push_plain(w, pack, out),
        }
        return;
    }
    push_plain(w, pack, out);
    if pack.separable_particles.contains(&w.norm) {
        separable_verb(words, i, pack, out);
    }
}

/// A separable verb written apart after the particle `words[i]`: "op te sporen" also
/// gives opsporen.
pub fn separable_verb(words: &[Word], i: usize, pack: &KeyActionsPack, out: &mut Vec<Term>) {
    let Some(w) = words.get(i) else {
        return;
    };
    if let (Some(te), Some(verb)) = (words.get(i + 1), words.get(i + 2)) {
        if let Some(norm) = separable_verb_norm(&w.norm, &te.norm, &verb.norm, pack) {
            out.push(Term {
                start: w.start,
                end: verb.end,
                norm,
                parts: Vec::new(),
            });
        }
    }
}

/// The verb "particle te verb" spells (`op te sporen` → opsporen), from the three
/// words' norms.
pub fn separable_verb_norm(
    particle: &str,
    te: &str,
    verb: &str,
    pack: &KeyActionsPack,
) -> Option<String> {
    (pack.infinitive_markers.contains(te) && verb.chars().all(char::is_alphabetic))
        .then(|| format!("{particle}{verb}"))
}

pub(super) fn push_plain(w: &Word, pack: &KeyActionsPack, out: &mut Vec<Term>) {
    for part in w.hyphen_parts() {
        if part.chars().count() < 2
            || pack.is_stopword(part)
            || part.chars().all(|c| c.is_ascii_digit())
        {
            continue;
        }
        out.push(Term {
            start: w.start,
            end: w.end,
            norm: part.to_string(),
            // Filled in lazily by `Term::compound_parts`: most terms are never asked.
            parts: Vec::new(),
        });
    }
}

/// The head that completes a suspended prefix: in "inlichtingen- en
/// dreigingsanalysen" the head of the next compound (analysen); in "bio- en chemische
/// veiligheid", where the next word is an adjective, a word shortly after it that
/// forms a word of the document with the prefix (bioveiligheid).
fn ellipsis_head(
    words: &[Word],
    i: usize,
    modifier: &str,
    vocab: &Vocabulary,
    pack: &KeyActionsPack,
) -> Option<String> {
    let mut j = i + 1;
    if words
        .get(j)
        .is_some_and(|w| pack.conjunctions.contains(&w.norm))
    {
        j += 1;
    }
    let next = words.get(j)?;
    let last = next.hyphen_parts().last()?;
    for w in words.iter().skip(j).take(2) {
        let candidate = format!("{modifier}{}", w.norm.replace('-', ""));
        if vocab.contains(&candidate) {
            return Some(w.norm.replace('-', ""));
        }
    }
    vocab.top_split(last).map(|(_, h)| h.to_string())
}

fn preceding_word<'w>(words: &'w [Word], i: usize, pack: &KeyActionsPack) -> Option<&'w Word> {
    let prev = words.get(i.checked_sub(1)?)?;
    if pack.conjunctions.contains(&prev.norm) {
        words.get(i.checked_sub(2)?)
    } else {
        Some(prev)
    }
}

#[cfg(test)]
mod tests {
    use super::super::config::KeyActionsSection;
    use super::super::tokenise::words;
    use super::*;

    fn dutch() -> KeyActionsPack {
        let section = KeyActionsSection {
            stopwords: ["en", "de", "het", "in", "van", "voor", "op"]
                .map(String::from)
                .to_vec(),
            linking: ["", "s", "en", "e"].map(String::from).to_vec(),
            conjunctions: ["en", "of"].map(String::from).to_vec(),
            ..Default::default()
        };
        KeyActionsPack::new("dutch", section)
    }

    fn vocab_of(text: &str, pack: &KeyActionsPack) -> Vocabulary {
        let ws = words(text);
        Vocabulary::build(ws.iter().map(|w| w.norm.as_str()), pack, &pack.stemmer())
    }

    #[test]
    fn splits_against_the_documents_own_words() {
        let pack = dutch();
        let v = vocab_of(
            "vuurwapenhandel handel in vuurwapens; veiligheidsadviseurs adviseurs voor de veiligheid; \
             terrorismebestrijdingsagenda de agenda voor terrorismebestrijding en terrorisme bestrijding",
            &pack,
        );
        assert_eq!(v.leaves("vuurwapenhandel"), ["vuurwapen", "handel"]);
        assert_eq!(
            v.leaves("veiligheidsadviseurs"),
            ["veiligheid", "adviseurs"]
        );
        assert_eq!(
            v.leaves("terrorismebestrijdingsagenda"),
            ["terrorisme", "bestrijding", "agenda"]
        );
        // Nothing to split against: stays whole.
        let v = vocab_of("veiligheidsadviseurs en veiligheid", &pack);
        assert!(v.leaves("veiligheidsadviseurs").is_empty());
    }

    #[test]
    fn stop_words_are_not_compound_parts() {
        let pack = dutch();
        let v = vocab_of("voorstellen voor stellen", &pack);
        assert!(v.leaves("voorstellen").is_empty());
    }

    #[test]
    fn expands_elliptical_hyphens() {
        let pack = dutch();
        let text = "strategische inlichtingen- en dreigingsanalysen; dreiging analysen; \
                    EU-agenda en -actieplan inzake drugs";
        let v = vocab_of(text, &pack);
        let ts = terms(&words(text), &v, &pack);
        let norms: Vec<&str> = ts.iter().map(|t| t.norm.as_str()).collect();
        assert!(norms.contains(&"inlichtingenanalysen"), "{norms:?}");
        assert!(norms.contains(&"dreigingsanalysen"));
        assert!(norms.contains(&"euactieplan"), "{norms:?}");
        let t = ts.iter().find(|t| t.norm == "euactieplan").unwrap();
        assert_eq!(t.parts, ["eu", "actieplan"]);
        assert_eq!(&text[t.start..t.end], "-actieplan");
    }

    #[test]
    fn expands_a_suspended_head_after_a_plain_compound() {
        let pack = dutch();
        let text = "systeem voor reisinformatie en -autorisatie; reis informatie";
        let v = vocab_of(text, &pack);
        let ts = terms(&words(text), &v, &pack);
        assert!(ts
            .iter()
            .any(|t| t.norm == "reisautorisatie" && t.parts == ["reis", "autorisatie"]));
    }
}
