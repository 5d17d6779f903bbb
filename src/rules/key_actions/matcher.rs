//! The scorer: an inverted index over the stems of the body's sentences, and an
//! IDF-weighted match of an item's terms against sliding windows of sentences.
//!
//! Each term of an item earns graded credit in a window:
//! - 1.0 when its stem occurs (or a synonym from the pack does);
//! - 0.9 when it is an acronym whose long form occurs, or the body uses an acronym
//!   whose long form contains it;
//! - 0.8 when all its compound parts occur (`vuurwapenhandel` ↔ "handel in vuurwapens"),
//!   0.4 × the fraction of parts otherwise;
//! - 0.7 when it occurs inside a body compound (`terrorisme` in `terrorismebestrijding`)
//!   or a body word is spelled almost alike (`gebedshuizen` ↔ `gebedshuis`).
//!
//! The score of a window is Σ idf·credit / Σ idf over the item's terms; generic words
//! (propose, improve) weigh less. Only windows that contain at least one of the item's
//! features are visited (found through the index), so the cost grows with the postings
//! of the item's terms, not with items × sentences.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use rust_stemmers::Stemmer;

use super::acronyms::{self, AcronymTable};
use super::compound::{push_plain, separable_verb_norm, terms, word_terms, Term, Vocabulary};
use super::config::KeyActionsPack;
use super::tokenise::{for_each_core, normalise, words, Word};
use crate::hash::{FastMap, FastSet};

const CREDIT_SYNONYM: f64 = 1.0;
const CREDIT_ACRONYM: f64 = 0.9;
const CREDIT_ALL_PARTS: f64 = 0.8;
const CREDIT_SOME_PARTS: f64 = 0.4;
const CREDIT_INSIDE_COMPOUND: f64 = 0.7;
const CREDIT_NEAR_SPELLING: f64 = 0.7;
/// Weight of a generic word relative to its IDF.
const GENERIC_WEIGHT: f64 = 0.35;
/// Trigram Dice above which two spellings count as the same word.
const NEAR_DICE: f64 = 0.72;
/// Most terms scored per clause (the rest, lowest IDF first, are dropped).
const MAX_TERMS: usize = 40;
/// Empty pseudo-sentences added to the body when computing IDF, so that a short body
/// (a press release, a fixture) does not make absent terms weigh without bound.
const IDF_PSEUDO_SENTENCES: f64 = 20.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    /// A word (hyphen part) of the sentence.
    Full,
    /// A compound part of a word of the sentence.
    Part,
    /// A word of the long form of an acronym the sentence uses.
    Acronym,
    /// A synonym group whose phrase occurs in the sentence.
    Synonym,
}

/// A body made searchable.
pub struct Corpus<'p> {
    pack: &'p KeyActionsPack,
    stemmer: Stemmer,
    vocab: Vocabulary,
    acronyms: AcronymTable,
    /// Stem → id (index into `df`).
    stem_ids: FastMap<String, u32>,
    /// (kind, stem id or synonym group) → feature id (index into `postings`).
    features: FastMap<u64, u32>,
    postings: Vec<Vec<u32>>,
    /// Per stem id: sentences whose words or compound parts carry the stem.
    df: Vec<u32>,
    sentences: usize,
    window: usize,
    near: NearIndex,
}

/// The score of one item.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemScore {
    /// Minimum over the clauses.
    pub score: f64,
    /// Sentences (indices into the body) of the passage that best supports the weakest
    /// clause: from its first to its last sentence that matches a term.
    pub passage: Option<Range<usize>>,
    pub clauses: Vec<ClauseScore>,
    /// Byte ranges (in the item) of distinctive terms that occur nowhere in the body.
    pub missing: Vec<Range<usize>>,
    /// Byte ranges (in the item) of the instruments a clause announces (agenda,
    /// strategie) that its best passage does not name.
    pub unanchored: Vec<Range<usize>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ClauseScore {
    /// Byte range of the clause in the item.
    pub range: Range<usize>,
    pub score: f64,
    pub passage: Option<Range<usize>>,
    /// The clause's anchor term (byte range in the item) and whether the passage has it.
    pub anchor: Option<(Range<usize>, bool)>,
}

/// The features a body term contributes, by stem id.
struct TermFeatures {
    stem: String,
    full: u32,
    parts: Vec<u32>,
    /// Feature ids of the full form, the parts and the acronym's long form.
    full_feature: u32,
    part_features: Vec<u32>,
    acronym_features: Vec<u32>,
    /// The stem may start a synonym phrase of the pack.
    synonym_start: bool,
}

impl TermFeatures {
    /// Record one occurrence of the term in `sentence`: its postings, and its full and
    /// part stems in `seen` (for the document frequencies).
    fn post(&self, postings: &mut [Vec<u32>], sentence: u32, seen: &mut Vec<u32>) {
        let mut push = |feature: u32| {
            let list = &mut postings[feature as usize];
            if list.last() != Some(&sentence) {
                list.push(sentence);
            }
        };
        push(self.full_feature);
        seen.push(self.full);
        for (&feature, &stem) in self.part_features.iter().zip(&self.parts) {
            push(feature);
            seen.push(stem);
        }
        for &feature in &self.acronym_features {
            push(feature);
        }
    }
}

/// One way a term can be found in a window: all `needs` present (each need is a set of
/// alternative features, by bit) earns `credit`; some of them earn `partial` × the
/// fraction present.
struct Alternative {
    credit: f64,
    partial: f64,
    needs: Vec<Vec<usize>>,
}

struct ScoredTerm {
    weight: f64,
    alternatives: Vec<Alternative>,
    range: Range<usize>,
    distinctive: bool,
    /// Names the kind of instrument the action delivers (agenda, strategy, directive).
    instrument: bool,
}

impl<'p> Corpus<'p> {
    /// Index `body` (sentences, in order). `other_texts` (box items, footnotes,
    /// headings) only widen the vocabulary used for compound splitting and the
    /// acronym table; they are never matched.
    pub fn build(pack: &'p KeyActionsPack, body: &[&str], other_texts: &[&str]) -> Self {
        let stemmer = pack.stemmer();
        // The body's words, each distinct written form normalised once: per sentence,
        // its words as (index into `norms`, suspended prefix, suspended head).
        let mut core_ids: FastMap<&str, u32> = FastMap::default();
        let mut norms: Vec<String> = Vec::new();
        let mut tokens: Vec<(u32, bool, bool)> = Vec::new();
        let mut sentence_ends: Vec<usize> = Vec::with_capacity(body.len());
        for s in body {
            for_each_core(s, |core, prefix, head| {
                let id = *core_ids.entry(core).or_insert_with(|| {
                    norms.push(normalise(core));
                    norms.len() as u32 - 1
                });
                tokens.push((id, prefix, head));
            });
            sentence_ends.push(tokens.len());
        }
        drop(core_ids);
        let other_words: Vec<_> = other_texts.iter().map(|s| words(s)).collect();
        // (The vocabulary depends on the set of words, not on their order or count.)
        let vocab = Vocabulary::build(
            norms
                .iter()
                .map(String::as_str)
                .chain(other_words.iter().flatten().map(|w| w.norm.as_str())),
            pack,
            &stemmer,
        );
        let mut acronym_table = AcronymTable::new();
        for text in body.iter().chain(other_texts.iter()) {
            acronyms::collect(text, pack, &mut acronym_table);
        }
        let mut corpus = Corpus {
            pack,
            stemmer,
            vocab,
            acronyms: acronym_table,
            stem_ids: FastMap::default(),
            features: FastMap::default(),
            postings: Vec::new(),
            df: Vec::new(),
            sentences: body.len(),
            window: pack.window.min(body.len().max(1)),
            near: NearIndex::default(),
        };
        let mut body_forms: FastMap<String, String> = FastMap::default();
        // Per distinct term: its stem, and the stem and feature ids of its full form,
        // its compound parts and the long form of the acronym it is (computed once per
        // word, not once per occurrence).
        let mut per_term: FastMap<String, usize> = FastMap::default();
        // Sized for the distinct words (each map holds about one entry per word).
        per_term.reserve(norms.len());
        body_forms.reserve(norms.len());
        corpus.stem_ids.reserve(norms.len());
        corpus.features.reserve(norms.len());
        let mut term_features: Vec<TermFeatures> = Vec::new();
        // Per distinct written word (as an index into `norms`), once it is met outside
        // an ellipsis: the terms `compound::terms` takes from it, as indices into
        // `term_features`, and whether it is a separable particle. A word's terms then
        // cost one lookup.
        let mut per_word: Vec<Option<(Vec<usize>, bool)>> = vec![None; norms.len()];
        let mut scratch: Vec<Term> = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        // The terms' stems in order, as indices into `term_features` (no copies).
        let mut stems_in_order: Vec<usize> = Vec::new();
        let synonyms = !pack.synonym_starts.is_empty();
        let mut sentence_start = 0;
        for (i, &sentence_end) in sentence_ends.iter().enumerate() {
            let sentence = i as u32;
            let ts = &tokens[sentence_start..sentence_end];
            sentence_start = sentence_end;
            seen.clear();
            stems_in_order.clear();
            let mut synonym_start = false;
            // The sentence's words in full, made only when an ellipsis needs them.
            let mut ws: Option<Vec<Word>> = None;
            for (wi, &(id, prefix, head)) in ts.iter().enumerate() {
                scratch.clear();
                let norm = norms[id as usize].as_str();
                if prefix || head {
                    let ws = ws.get_or_insert_with(|| words(body[i]));
                    word_terms(ws, wi, &corpus.vocab, pack, &mut scratch);
                } else {
                    let entry = match &mut per_word[id as usize] {
                        Some(entry) => entry,
                        slot @ None => {
                            let word = Word {
                                start: 0,
                                end: norm.len(),
                                norm: norm.to_string(),
                                suspended_prefix: false,
                                suspended_head: false,
                                capitalised: false,
                            };
                            let mut plain = Vec::new();
                            if !word.is_numeric() {
                                push_plain(&word, pack, &mut plain);
                            }
                            let indices = plain
                                .iter()
                                .map(|t| {
                                    corpus.term_index(
                                        t,
                                        &mut per_term,
                                        &mut term_features,
                                        &mut body_forms,
                                    )
                                })
                                .collect();
                            let separable =
                                !word.is_numeric() && pack.separable_particles.contains(norm);
                            slot.insert((indices, separable))
                        }
                    };
                    for &index in &entry.0 {
                        let f = &term_features[index];
                        f.post(&mut corpus.postings, sentence, &mut seen);
                        synonym_start |= f.synonym_start;
                        if synonyms {
                            stems_in_order.push(index);
                        }
                    }
                    if !entry.1 {
                        continue;
                    }
                    if let (Some(te), Some(verb)) = (ts.get(wi + 1), ts.get(wi + 2)) {
                        let (te, verb) = (&norms[te.0 as usize], &norms[verb.0 as usize]);
                        if let Some(joined) = separable_verb_norm(norm, te, verb, pack) {
                            scratch.push(Term {
                                start: 0,
                                end: 0,
                                norm: joined,
                                parts: Vec::new(),
                            });
                        }
                    }
                }
                for t in &scratch {
                    let index =
                        corpus.term_index(t, &mut per_term, &mut term_features, &mut body_forms);
                    let f = &term_features[index];
                    f.post(&mut corpus.postings, sentence, &mut seen);
                    synonym_start |= f.synonym_start;
                    if synonyms {
                        stems_in_order.push(index);
                    }
                }
            }
            if synonym_start {
                let stems: Vec<&str> = stems_in_order
                    .iter()
                    .map(|&i| term_features[i].stem.as_str())
                    .collect();
                for (group, _) in synonym_matches(pack, &stems) {
                    corpus.add(Kind::Synonym, group as u32, sentence);
                }
            }
            seen.sort_unstable();
            seen.dedup();
            for &id in &seen {
                corpus.df[id as usize] += 1;
            }
        }
        corpus.near = NearIndex::build(body_forms);
        corpus
    }

    /// The index in `term_features` of the features of body term `t`: shared by every
    /// occurrence of a plain term, new for each term rebuilt from an ellipsis (as
    /// [`Corpus::term_features`] reads its parts). Records the term's stem in
    /// `body_forms`.
    fn term_index(
        &mut self,
        t: &Term,
        per_term: &mut FastMap<String, usize>,
        term_features: &mut Vec<TermFeatures>,
        body_forms: &mut FastMap<String, String>,
    ) -> usize {
        if t.parts.is_empty() {
            if let Some(&index) = per_term.get(t.norm.as_str()) {
                return index;
            }
        }
        let f = self.term_features(t);
        if !body_forms.contains_key(t.norm.as_str()) {
            body_forms.insert(t.norm.clone(), f.stem.clone());
        }
        term_features.push(f);
        let index = term_features.len() - 1;
        if t.parts.is_empty() {
            per_term.insert(t.norm.clone(), index);
        }
        index
    }

    /// The feature id of (kind, key), made when new (with an empty posting list).
    fn feature_id(&mut self, kind: Kind, key: u32) -> u32 {
        let next = self.postings.len() as u32;
        let id = *self.features.entry(feature_key(kind, key)).or_insert(next);
        if id == next {
            self.postings.push(Vec::new());
        }
        id
    }

    fn term_features(&mut self, t: &Term) -> TermFeatures {
        let stem = self.stem(&t.norm);
        let full = self.stem_id(&stem);
        let mut parts = t.compound_parts(&self.vocab);
        for p in t.parts.clone() {
            self.vocab.all_parts(&p, &mut parts);
        }
        self.vocab.all_parts(&t.norm, &mut parts);
        let mut part_ids: Vec<u32> = Vec::new();
        for p in &parts {
            if self.pack.is_stopword(p) {
                continue;
            }
            let ps = self.stem(p);
            let id = self.stem_id(&ps);
            if id != full && !part_ids.contains(&id) {
                part_ids.push(id);
            }
        }
        let mut acronym = Vec::new();
        if let Some(long) = self.acronyms.get(&t.norm).cloned() {
            for w in long {
                let ls = self.stem(&w);
                acronym.push(self.stem_id(&ls));
            }
        }
        let full_feature = self.feature_id(Kind::Full, full);
        let part_features = part_ids
            .iter()
            .map(|&p| self.feature_id(Kind::Part, p))
            .collect();
        let acronym_features = acronym
            .iter()
            .map(|&l| self.feature_id(Kind::Acronym, l))
            .collect();
        TermFeatures {
            synonym_start: self.pack.synonym_starts.contains_key(stem.as_str()),
            stem,
            full,
            parts: part_ids,
            full_feature,
            part_features,
            acronym_features,
        }
    }

    /// The stem of a normalised word (from the vocabulary when it is a word of the
    /// document, which is nearly always).
    fn stem(&self, norm: &str) -> String {
        match self.vocab.stem_of(norm) {
            Some(s) => s.to_string(),
            None => self.stemmer.stem(norm).into_owned(),
        }
    }

    fn stem_id(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.stem_ids.get(stem) {
            return id;
        }
        let id = self.df.len() as u32;
        self.stem_ids.insert(stem.to_string(), id);
        self.df.push(0);
        id
    }

    fn add(&mut self, kind: Kind, key: u32, sentence: u32) {
        let next = self.postings.len() as u32;
        let id = *self.features.entry(feature_key(kind, key)).or_insert(next);
        if id == next {
            self.postings.push(Vec::new());
        }
        let list = &mut self.postings[id as usize];
        if list.last() != Some(&sentence) {
            list.push(sentence);
        }
    }

    fn feature(&self, kind: Kind, stem: &str) -> Option<u32> {
        let key = match kind {
            Kind::Synonym => stem.parse().ok()?,
            _ => *self.stem_ids.get(stem)?,
        };
        self.features.get(&feature_key(kind, key)).copied()
    }

    fn idf(&self, stem: &str) -> f64 {
        let n = self.sentences as f64 + IDF_PSEUDO_SENTENCES;
        let df = self
            .stem_ids
            .get(stem)
            .map_or(0, |&id| self.df[id as usize]);
        let df = f64::from(df);
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    fn has_stem(&self, stem: &str) -> bool {
        self.stem_ids
            .get(stem)
            .is_some_and(|&id| self.df[id as usize] > 0)
    }

    /// Number of body sentences indexed.
    pub fn sentence_count(&self) -> usize {
        self.sentences
    }

    /// Score an item (the text of one box item).
    pub fn score(&self, item: &str) -> ItemScore {
        let ws = words(item);
        let all_terms = terms(&ws, &self.vocab, self.pack);
        let clauses = clause_ranges(item, &all_terms);
        let mut clause_scores = Vec::new();
        let mut missing: Vec<Range<usize>> = Vec::new();
        for range in clauses {
            let clause_terms: Vec<&Term> = all_terms
                .iter()
                .filter(|t| t.start >= range.start && t.end <= range.end)
                .collect();
            let (score, passage, clause_missing, anchor) = self.score_clause(&clause_terms);
            for m in clause_missing {
                if !missing.contains(&m) {
                    missing.push(m);
                }
            }
            clause_scores.push(ClauseScore {
                range,
                score,
                passage,
                anchor,
            });
        }
        let weakest = clause_scores
            .iter()
            .min_by(|a, b| a.score.total_cmp(&b.score));
        let unanchored = clause_scores
            .iter()
            .filter_map(|c| match &c.anchor {
                Some((r, false)) => Some(r.clone()),
                _ => None,
            })
            .collect();
        ItemScore {
            unanchored,
            score: weakest.map_or(0.0, |c| c.score),
            passage: weakest.and_then(|c| c.passage.clone()),
            missing,
            clauses: clause_scores,
        }
    }

    /// (score, passage, missing term ranges, anchor) of one clause.
    #[allow(clippy::type_complexity)]
    fn score_clause(
        &self,
        clause: &[&Term],
    ) -> (
        f64,
        Option<Range<usize>>,
        Vec<Range<usize>>,
        Option<(Range<usize>, bool)>,
    ) {
        let mut bits: Vec<u32> = Vec::new(); // bit → feature id
        let mut bit_of: FastMap<u32, usize> = FastMap::default();
        let mut scored = self.prepare_terms(clause, &mut bits, &mut bit_of);
        scored.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        scored.truncate(MAX_TERMS);
        let total: f64 = scored.iter().map(|t| t.weight).sum();
        // Sentence → bits of the clause's features it carries.
        let mut masks: FastMap<u32, Bits> = FastMap::default();
        for (bit, &feature) in bits.iter().enumerate() {
            for &s in &self.postings[feature as usize] {
                masks.entry(s).or_default().set(bit);
            }
        }
        let mut everywhere = Bits::default();
        for m in masks.values() {
            everywhere.or(m);
        }
        let found_anywhere = |t: &ScoredTerm| {
            t.alternatives.iter().any(|a| {
                if a.needs.len() <= 1 {
                    a.satisfied_by(&everywhere)
                } else {
                    a.satisfied_by(&everywhere) && masks.values().any(|m| a.satisfied_by(m))
                }
            })
        };
        let missing: Vec<Range<usize>> = scored
            .iter()
            .filter(|t| t.distinctive && !found_anywhere(t))
            .map(|t| t.range.clone())
            .collect();
        // The anchor: the instrument the clause announces (agenda, strategie, richtlijn).
        // A passage without it only shares the item's surroundings: co-occurrence is
        // not discussion.
        let anchor = scored.iter().find(|t| t.instrument);
        if total <= 0.0 || self.sentences == 0 {
            return (0.0, None, missing, anchor.map(|t| (t.range.clone(), false)));
        }
        let mut starts: Vec<usize> = Vec::with_capacity(masks.len() * self.window);
        let last_start = self.sentences - self.window;
        for &s in masks.keys() {
            let s = s as usize;
            let lo = (s + 1).saturating_sub(self.window);
            for start in lo..=s.min(last_start) {
                starts.push(start);
            }
        }
        starts.sort_unstable();
        starts.dedup();
        // The window's features, and each of its sentences' in `each` (one buffer for
        // every window).
        let window_masks = |start: usize, each: &mut Vec<Bits>| -> (Bits, Option<Range<usize>>) {
            let mut mask = Bits::default();
            each.clear();
            let mut first = None;
            let mut last = start;
            for s in start..start + self.window {
                if let Some(m) = masks.get(&(s as u32)) {
                    mask.or(m);
                    each.push(*m);
                    first.get_or_insert(s);
                    last = s;
                }
            }
            (mask, first.map(|f| f..last + 1))
        };
        let mut best = (0.0, None::<Range<usize>>, None::<usize>);
        let mut each = Vec::with_capacity(self.window);
        for start in starts {
            let (mask, passage) = window_masks(start, &mut each);
            let credit: f64 = scored
                .iter()
                .map(|t| t.weight * t.credit(&mask, &each))
                .sum();
            let score = credit / total;
            if score > best.0 + 1e-12 {
                best = (score, passage, Some(start));
            }
        }
        // The instrument must share a sentence of the passage with another term of the
        // clause that says what it is about: "agenda" next to "organised crime" does
        // not support an agenda on terrorism.
        let anchor = anchor.map(|t| {
            let others: Vec<&ScoredTerm> = scored
                .iter()
                .filter(|u| u.distinctive && !u.instrument)
                .collect();
            let found = best.2.is_some_and(|start| {
                window_masks(start, &mut each);
                each.iter().any(|m| {
                    let one = std::slice::from_ref(m);
                    t.credit(m, one) >= CREDIT_INSIDE_COMPOUND
                        && (others.is_empty()
                            || others
                                .iter()
                                .any(|u| u.credit(m, one) >= CREDIT_INSIDE_COMPOUND))
                })
            });
            (t.range.clone(), found)
        });
        (best.0, best.1, missing, anchor)
    }

    fn prepare_terms(
        &self,
        clause: &[&Term],
        bits: &mut Vec<u32>,
        bit_of: &mut FastMap<u32, usize>,
    ) -> Vec<ScoredTerm> {
        let mut intern = |kind: Kind, key: &str| -> Option<usize> {
            let id = self.feature(kind, key)?;
            if let Some(&b) = bit_of.get(&id) {
                return Some(b);
            }
            if bits.len() >= Bits::CAPACITY {
                return None;
            }
            bits.push(id);
            bit_of.insert(id, bits.len() - 1);
            Some(bits.len() - 1)
        };
        let stems: Vec<String> = clause.iter().map(|t| self.stem(&t.norm)).collect();
        let synonyms = synonym_matches(self.pack, &stems);
        let mut out: Vec<ScoredTerm> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for (i, (t, stem)) in clause.iter().zip(&stems).enumerate() {
            if !seen.insert(stem.as_str()) {
                continue;
            }
            let generic = self.pack.generic_stems.contains(stem);
            let mut weight = self.idf(stem);
            if generic {
                weight *= GENERIC_WEIGHT;
            }
            let mut alternatives = Vec::new();
            let single = |credit: f64, bit: Option<usize>| {
                bit.map(|b| Alternative {
                    credit,
                    partial: 0.0,
                    needs: vec![vec![b]],
                })
            };
            alternatives.extend(single(1.0, intern(Kind::Full, stem)));
            alternatives.extend(single(CREDIT_INSIDE_COMPOUND, intern(Kind::Part, stem)));
            alternatives.extend(single(CREDIT_ACRONYM, intern(Kind::Acronym, stem)));
            for (group, range) in &synonyms {
                if range.contains(&i) {
                    alternatives.extend(single(
                        CREDIT_SYNONYM,
                        intern(Kind::Synonym, &group.to_string()),
                    ));
                }
            }
            let compound_parts = t.compound_parts(&self.vocab);
            if compound_parts.len() >= 2 {
                let needs: Vec<Vec<usize>> = compound_parts
                    .iter()
                    .filter(|p| !self.pack.is_stopword(p))
                    .map(|p| {
                        let ps = self.stem(p);
                        [Kind::Full, Kind::Part]
                            .into_iter()
                            .filter_map(|k| intern(k, &ps))
                            .collect()
                    })
                    .collect();
                if needs.len() >= 2 {
                    alternatives.push(Alternative {
                        credit: CREDIT_ALL_PARTS,
                        partial: CREDIT_SOME_PARTS,
                        needs,
                    });
                }
            }
            if let Some(long) = self.acronyms.get(&t.norm) {
                let needs: Vec<Vec<usize>> = long
                    .iter()
                    .map(|w| {
                        let ws = self.stem(w);
                        [Kind::Full, Kind::Part]
                            .into_iter()
                            .filter_map(|k| intern(k, &ws))
                            .collect()
                    })
                    .collect();
                alternatives.push(Alternative {
                    credit: CREDIT_ACRONYM,
                    partial: CREDIT_SOME_PARTS,
                    needs,
                });
            }
            if !self.has_stem(stem) {
                for near in self.near.lookup(&t.norm, stem) {
                    alternatives.extend(single(CREDIT_NEAR_SPELLING, intern(Kind::Full, near)));
                }
            }
            // A compound rebuilt from an ellipsis is not written as such (and its parts
            // may sit in different sentences): never reported as missing.
            let distinctive = !generic
                && t.parts.is_empty()
                && t.norm.chars().count() >= 4
                && t.norm.chars().any(|c| c.is_alphabetic());
            let head = compound_parts.last().map_or(stem.clone(), |h| self.stem(h));
            let instrument = self.pack.instrument_stems.contains(stem)
                || self.pack.instrument_stems.contains(&head);
            out.push(ScoredTerm {
                weight,
                alternatives,
                range: t.start..t.end,
                distinctive,
                instrument,
            });
        }
        out
    }
}

impl ScoredTerm {
    /// Credit in a window (`mask`: the window's features; `sentences`: each of its
    /// sentences' features). A term found through several words (compound parts, an
    /// acronym's long form) needs them in one sentence: parts scattered over a window
    /// are not the compound.
    fn credit(&self, mask: &Bits, sentences: &[Bits]) -> f64 {
        let mut best: f64 = 0.0;
        for a in &self.alternatives {
            let c = if a.needs.len() <= 1 {
                if a.satisfied_by(mask) {
                    a.credit
                } else {
                    0.0
                }
            } else if sentences.iter().any(|m| a.satisfied_by(m)) {
                a.credit
            } else {
                let present = sentences
                    .iter()
                    .map(|m| {
                        a.needs
                            .iter()
                            .filter(|n| n.iter().any(|&b| m.get(b)))
                            .count()
                    })
                    .max()
                    .unwrap_or(0);
                a.partial * present as f64 / a.needs.len() as f64
            };
            best = best.max(c);
        }
        best
    }
}

impl Alternative {
    fn satisfied_by(&self, mask: &Bits) -> bool {
        !self.needs.is_empty() && self.needs.iter().all(|n| n.iter().any(|&b| mask.get(b)))
    }
}

/// Clauses of an item: split at `;`, but a piece with fewer than two terms joins the
/// previous clause (a trailing "en" or a stray fragment is not an action).
fn clause_ranges(item: &str, terms: &[Term]) -> Vec<Range<usize>> {
    let mut pieces: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (i, c) in item.char_indices() {
        if c == ';' {
            pieces.push(start..i);
            start = i + 1;
        }
    }
    pieces.push(start..item.len());
    let count = |r: &Range<usize>| {
        terms
            .iter()
            .filter(|t| t.start >= r.start && t.end <= r.end)
            .count()
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    for p in pieces {
        match out.last_mut() {
            Some(prev) if count(&p) < 2 => prev.end = p.end,
            _ => out.push(p),
        }
    }
    // A first piece that is too small joins the next one.
    if out.len() >= 2 && count(&out[0]) < 2 {
        let first = out.remove(0);
        out[0].start = first.start;
    }
    out
}

/// Synonym phrases found in a sequence of stems: (group, range of positions).
fn synonym_matches<S: AsRef<str>>(
    pack: &KeyActionsPack,
    stems: &[S],
) -> Vec<(usize, Range<usize>)> {
    let mut out = Vec::new();
    for (i, s) in stems.iter().enumerate() {
        let Some(candidates) = pack.synonym_starts.get(s.as_ref()) else {
            continue;
        };
        for &c in candidates {
            let (group, phrase) = &pack.synonym_phrases[c];
            if stems.len() >= i + phrase.len()
                && stems[i..i + phrase.len()]
                    .iter()
                    .map(AsRef::as_ref)
                    .eq(phrase.iter().map(String::as_str))
            {
                out.push((*group, i..i + phrase.len()));
            }
        }
    }
    out
}

fn feature_key(kind: Kind, key: u32) -> u64 {
    (kind as u64) << 32 | u64::from(key)
}

/// A fixed-size bit set over the features of one clause.
#[derive(Clone, Copy, Default)]
struct Bits([u64; 4]);

impl Bits {
    const CAPACITY: usize = 256;
    fn set(&mut self, bit: usize) {
        self.0[bit / 64] |= 1 << (bit % 64);
    }
    fn get(&self, bit: usize) -> bool {
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
    fn or(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a |= b;
        }
    }
}

/// Body words by character trigram, to find spellings a stemmer does not conflate
/// (`gebedshuizen` ↔ `gebedshuis`).
#[derive(Default)]
struct NearIndex {
    forms: Vec<(String, usize)>,
    stems: Vec<String>,
    by_trigram: FastMap<[char; 3], Vec<u32>>,
    /// Stems of body words by their prefixes one and two characters shorter:
    /// `verstrek` finds `verstrekt` (a participle the stemmer leaves alone).
    by_truncation: FastMap<String, Vec<String>>,
    stem_set: FastSet<String>,
}

/// Prefixes of a stem one and two characters shorter, kept when at least 5 long.
fn truncations(stem: &str) -> impl Iterator<Item = &str> {
    let ends: Vec<usize> = stem.char_indices().map(|(i, _)| i).collect();
    let n = ends.len();
    (1..=2)
        .filter(move |k| n >= 5 + k)
        .map(move |k| &stem[..ends[n - k]])
}

impl NearIndex {
    /// From body words and their stems.
    fn build(forms: FastMap<String, String>) -> Self {
        let mut index = NearIndex::default();
        for (form, stem) in forms {
            if form.chars().count() < 5 {
                continue;
            }
            let grams = trigrams(&form);
            let id = index.forms.len() as u32;
            for g in &grams {
                index.by_trigram.entry(*g).or_default().push(id);
            }
            for t in truncations(&stem) {
                index
                    .by_truncation
                    .entry(t.to_string())
                    .or_default()
                    .push(stem.clone());
            }
            index.stem_set.insert(stem.clone());
            index.stems.push(stem);
            index.forms.push((form, grams.len()));
        }
        index
    }

    /// Stems of body words whose spelling is close to `word` (whose stem is `stem`).
    fn lookup(&self, word: &str, stem: &str) -> Vec<&str> {
        if word.chars().count() < 5 {
            return Vec::new();
        }
        let mut out: Vec<&str> = Vec::new();
        out.extend(
            self.by_truncation
                .get(stem)
                .into_iter()
                .flatten()
                .map(String::as_str),
        );
        for t in truncations(stem) {
            if let Some(s) = self.stem_set.get(t) {
                out.push(s.as_str());
            }
            out.extend(
                self.by_truncation
                    .get(t)
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            );
        }
        let grams = trigrams(word);
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for g in &grams {
            if let Some(ids) = self.by_trigram.get(g) {
                for &id in ids {
                    *shared.entry(id).or_insert(0) += 1;
                }
            }
        }
        out.extend(
            shared
                .into_iter()
                .filter(|&(id, n)| {
                    let (form, other) = &self.forms[id as usize];
                    2.0 * n as f64 / (grams.len() + other) as f64 >= NEAR_DICE
                        && same_word_shape(word, form)
                })
                .map(|(id, _)| self.stems[id as usize].as_str()),
        );
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Inflection changes the end of a word, not its start or much of its length:
/// `gebedshuizen` ~ `gebedshuis`, but `milieucriminaliteit` is not `criminaliteit`.
fn same_word_shape(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    la.abs_diff(lb) <= 3 && common >= 4.min(la.min(lb))
}

/// Distinct character trigrams of `^word$`.
fn trigrams(word: &str) -> Vec<[char; 3]> {
    let chars: Vec<char> = std::iter::once('^')
        .chain(word.chars())
        .chain(std::iter::once('$'))
        .collect();
    let mut out: Vec<[char; 3]> = chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;
    use crate::pack::Pack;

    fn dutch() -> std::sync::Arc<KeyActionsPack> {
        Pack::builtin(Language::Nl).compiled::<KeyActionsPack>()
    }

    /// Body sentences copied from seed 000 (counter-terrorism agenda).
    const BODY_000: &[&str] = &[
        "De werking van het Schengengebied zonder binnengrenzen moet worden versterkt.",
        "Op 30 november 2020 heeft de Commissie een Schengenforum georganiseerd om een alomvattend politiek debat op gang te brengen over een sterkere Schengenzone gebaseerd op wederzijds vertrouwen.",
        "Dit zal worden meegenomen in de Schengenstrategie die de Commissie in 2021 zal voorstellen.",
        "Om een bestaande lacune weg te werken, zal de Commissie een uitvoeringsverordening vaststellen in het kader van de vuurwapenrichtlijn, waarbij een systeem wordt opgezet voor de uitwisseling van informatie tussen de lidstaten over weigeringen van vergunningen voor vuurwapens.",
        "Het is van cruciaal belang dat de lidstaten alle nieuwe SIS-functies zo snel mogelijk uitvoeren.",
        "Financiële onderzoeken die het geldspoor volgen en voorheen onbekende betrokkenen identificeren zijn cruciaal.",
        "Er zijn nieuwe structuren nodig om financiële onderzoekers te ondersteunen, hun grensoverschrijdende werk te vergemakkelijken en de doeltreffendheid van financiële onderzoeken in terrorismezaken te verbeteren.",
        "Daarom zal de Commissie voorstellen een netwerk van financiële onderzoekers op het gebied van terrorismebestrijding op te richten.",
        "De verwerking van vooraf te verstrekken passagiersgegevens (API) en persoonsgegevens van passagiers (PNR) speelt een essentiële rol bij de identificatie, voorkoming, opsporing en verstoring van terrorisme.",
        "Om het gebruik van API-gegevens te stroomlijnen, zal de Commissie in 2021 voorstellen de API-richtlijn te herzien.",
    ];

    fn score(item: &str, body: &[&str]) -> ItemScore {
        let pack = dutch();
        let corpus = Corpus::build(&pack, body, &[item]);
        corpus.score(item)
    }

    #[test]
    fn items_discussed_in_other_words_score_high() {
        for item in [
            "een Schengenstrategie voorstellen in 2021;",
            "een systeem invoeren voor de uitwisseling van informatie over weigeringen om vergunningen voor vuurwapens te verlenen;",
            "een netwerk van financiële onderzoekers voor terrorismebestrijding oprichten om de grensoverschrijdende financiële onderzoeken te verbeteren;",
            "een herziening van de richtlijn betreffende vooraf te verstrekken passagiersgegevens voorstellen;",
        ] {
            let s = score(item, BODY_000);
            assert!(s.score >= 0.6, "{item}: {s:?}");
            assert!(s.missing.is_empty(), "{item}: {s:?}");
        }
    }

    #[test]
    fn an_item_the_body_never_discusses_scores_low_and_names_its_terms() {
        let item = "voor follow-up zorgen met de lidstaten over de uitvoering van relevante wetgeving en verdere stappen zetten in inbreukprocedures, voor zover van toepassing.";
        let s = score(item, BODY_000);
        assert!(s.score < 0.35, "{s:?}");
        let missing: Vec<&str> = s.missing.iter().map(|r| &item[r.clone()]).collect();
        // (this short body also lacks "wetgeving")
        assert!(missing.contains(&"follow-up") && missing.contains(&"inbreukprocedures"));
    }

    #[test]
    fn the_passage_is_the_matching_sentences() {
        let s = score("een Schengenstrategie voorstellen in 2021;", BODY_000);
        let passage = s.passage.expect("a passage");
        assert!(passage.contains(&2), "{passage:?}");
        assert!(passage.len() <= 3);
    }

    #[test]
    fn items_with_several_clauses_score_as_their_weakest_clause() {
        let item = "een Schengenstrategie voorstellen; een netcode voor cyberbeveiliging voor grensoverschrijdende elektriciteitsstromen vaststellen";
        let s = score(item, BODY_000);
        assert_eq!(s.clauses.len(), 2);
        assert!(
            s.clauses[0].score > 0.6 && s.clauses[1].score < 0.35,
            "{s:?}"
        );
        assert_eq!(s.score, s.clauses[1].score);
    }

    #[test]
    fn an_instrument_the_passage_does_not_name_is_reported() {
        let body = [
            "De lidstaten behouden de primaire verantwoordelijkheid voor de bestrijding van terrorisme en radicalisering.",
            "De EU steunt hen met maatregelen tegen radicalisering in gevangenissen.",
            "Georganiseerde misdaad is ondergebracht in een agenda voor de bestrijding van georganiseerde misdaad.",
        ];
        let item = "Agenda inzake terrorismebestrijding voor de EU, met hernieuwde maatregelen tegen radicalisering in de EU";
        let s = score(item, &body);
        let unanchored: Vec<&str> = s.unanchored.iter().map(|r| &item[r.clone()]).collect();
        assert_eq!(unanchored, ["Agenda"]);
    }

    #[test]
    fn an_empty_body_scores_zero_without_panicking() {
        let s = score("een Schengenstrategie voorstellen;", &[]);
        assert_eq!(s.score, 0.0);
        assert!(s.passage.is_none());
        let s = score("", BODY_000);
        assert_eq!(s.score, 0.0);
    }
}
