//! The `[keyactions]` section of a language pack, compiled once per pack.

use crate::hash::{FastMap as HashMap, FastSet as HashSet};

use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;

use super::tokenise::{normalise, words};
use crate::pack::{FromPack, Pack};

/// The raw `[keyactions]` table.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct KeyActionsSection {
    /// Function words: never terms.
    pub stopwords: Vec<String>,
    /// Words that say what kind of action an item is (propose, support, improve) rather
    /// than what it is about: weighted down and never reported as missing.
    pub generic: Vec<String>,
    /// Linking morphemes between compound parts (Dutch -s-, -en-, -e-; "" for none).
    pub linking: Vec<String>,
    /// Minimum length (characters) of a compound part.
    pub min_part: Option<usize>,
    /// Words that join an ellipsis to its full compound ("inlichtingen- en …").
    pub conjunctions: Vec<String>,
    /// Parenthesised words that are not acronym definitions ("(EU) 2019/1148").
    pub not_acronyms: Vec<String>,
    /// Particles of separable verbs ("op te sporen" = opsporen) and the infinitive
    /// marker between particle and verb ("te").
    pub separable_particles: Vec<String>,
    pub infinitive_markers: Vec<String>,
    /// Nouns that name what an action delivers (agenda, strategie, richtlijn): the
    /// passage that supports an item must name the same kind of instrument.
    pub instruments: Vec<String>,
    /// Groups of phrases that mean the same thing in this genre.
    pub synonyms: Vec<Vec<String>>,
    /// Sentences per scoring window.
    pub window: Option<usize>,
    pub examples: Vec<Example>,
}

/// A golden case for the pack, run by `tests/keyactions_pack.rs`. Exactly one of
/// the shapes below is filled in.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Example {
    /// What the example shows (for the test's failure message).
    pub about: String,
    /// `stopword`: this word is a stop word (or with `expect = false`, is not).
    pub stopword: Option<String>,
    /// `split`: with `vocabulary` as the document's words, `split` splits into `parts`
    /// (normalised words, linking morphemes removed).
    pub split: Option<String>,
    pub vocabulary: Option<String>,
    pub parts: Option<Vec<String>>,
    /// `item` scored against the `body` sentences.
    pub item: Option<String>,
    pub body: Option<Vec<String>>,
    /// Lower and upper bounds of the item's score.
    pub min_score: Option<f64>,
    pub max_score: Option<f64>,
    /// The item's terms reported as absent from the body (as written).
    pub missing: Option<Vec<String>>,
    pub expect: Option<bool>,
}

/// The compiled section: sets of normalised words and stems.
pub struct KeyActionsPack {
    algorithm: Algorithm,
    pub stopwords: HashSet<String>,
    /// Stems of generic words.
    pub generic_stems: HashSet<String>,
    /// Stems of instrument nouns.
    pub instrument_stems: HashSet<String>,
    pub linking: Vec<String>,
    pub min_part: usize,
    pub conjunctions: HashSet<String>,
    pub not_acronyms: HashSet<String>,
    pub separable_particles: HashSet<String>,
    pub infinitive_markers: HashSet<String>,
    /// Each phrase as the stems of its content words, with its group index.
    pub synonym_phrases: Vec<(usize, Vec<String>)>,
    /// First stem of a phrase → indices into `synonym_phrases`.
    pub synonym_starts: HashMap<String, Vec<usize>>,
    pub window: usize,
    pub examples: Vec<Example>,
    /// Stems already computed in this process (see [`KeyActionsPack::stem_memo`]).
    stems: std::sync::Mutex<HashMap<String, String>>,
}

/// The most stems [`KeyActionsPack::stem_memo`] keeps (a few MB): a vocabulary larger
/// than this is stemmed afresh beyond it.
const MAX_MEMO_STEMS: usize = 200_000;

impl FromPack for KeyActionsPack {
    fn from_pack(pack: &Pack) -> Self {
        let section: KeyActionsSection = pack.section("keyactions").unwrap_or_default();
        let stemmer = pack
            .get("language.stemmer")
            .and_then(|v| v.as_str())
            .unwrap_or("english");
        KeyActionsPack::new(stemmer, section)
    }
}

/// The Snowball algorithm a pack names (`language.stemmer`).
pub fn stemmer_algorithm(name: &str) -> Option<Algorithm> {
    use Algorithm::*;
    Some(match name.to_ascii_lowercase().as_str() {
        "arabic" => Arabic,
        "danish" => Danish,
        "dutch" => Dutch,
        "english" => English,
        "finnish" => Finnish,
        "french" => French,
        "german" => German,
        "greek" => Greek,
        "hungarian" => Hungarian,
        "italian" => Italian,
        "norwegian" => Norwegian,
        "portuguese" => Portuguese,
        "romanian" => Romanian,
        "russian" => Russian,
        "spanish" => Spanish,
        "swedish" => Swedish,
        "tamil" => Tamil,
        "turkish" => Turkish,
        _ => return None,
    })
}

impl KeyActionsPack {
    /// `stemmer` names a Snowball algorithm (`language.stemmer` of the pack); an
    /// unknown name falls back to English (pack validation reports it).
    pub fn new(stemmer: &str, section: KeyActionsSection) -> Self {
        let algorithm = stemmer_algorithm(stemmer).unwrap_or(Algorithm::English);
        let stemmer = Stemmer::create(algorithm);
        let stopwords: HashSet<String> = section.stopwords.iter().map(|w| normalise(w)).collect();
        let generic_stems = section
            .generic
            .iter()
            .map(|w| stemmer.stem(&normalise(w)).into_owned())
            .collect();
        let instrument_stems = section
            .instruments
            .iter()
            .map(|w| stemmer.stem(&normalise(w)).into_owned())
            .collect();
        let mut linking = section.linking.clone();
        if linking.is_empty() {
            linking.push(String::new());
        }
        let mut synonym_phrases = Vec::new();
        let mut synonym_starts: HashMap<String, Vec<usize>> = HashMap::default();
        for (group, phrases) in section.synonyms.iter().enumerate() {
            for phrase in phrases {
                let stems: Vec<String> = words(phrase)
                    .iter()
                    .filter(|w| !stopwords.contains(&w.norm))
                    .map(|w| stemmer.stem(&w.norm).into_owned())
                    .collect();
                if let Some(first) = stems.first() {
                    synonym_starts
                        .entry(first.clone())
                        .or_default()
                        .push(synonym_phrases.len());
                    synonym_phrases.push((group, stems));
                }
            }
        }
        KeyActionsPack {
            algorithm,
            stopwords,
            generic_stems,
            instrument_stems,
            linking,
            min_part: section.min_part.unwrap_or(4).max(2),
            conjunctions: section.conjunctions.iter().map(|w| normalise(w)).collect(),
            not_acronyms: section.not_acronyms.iter().map(|w| normalise(w)).collect(),
            separable_particles: section
                .separable_particles
                .iter()
                .map(|w| normalise(w))
                .collect(),
            infinitive_markers: section
                .infinitive_markers
                .iter()
                .map(|w| normalise(w))
                .collect(),
            synonym_phrases,
            synonym_starts,
            window: section.window.unwrap_or(3).clamp(1, 10),
            examples: section.examples,
            stems: Default::default(),
        }
    }

    pub fn stemmer(&self) -> Stemmer {
        Stemmer::create(self.algorithm)
    }

    /// The stem of `word` by this pack's stemmer (`stem` computes it when it is not
    /// known yet). Snowball stemming costs some thousands of instructions a word and
    /// every document of a language shares most of its words, so stems are kept for
    /// the life of the pack, up to [`MAX_MEMO_STEMS`].
    pub fn stem_memo(&self, word: &str, stem: impl FnOnce(&str) -> String) -> String {
        let lock = || self.stems.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = lock().get(word) {
            return s.clone();
        }
        let s = stem(word);
        let mut memo = lock();
        if memo.len() < MAX_MEMO_STEMS {
            memo.insert(word.to_string(), s.clone());
        }
        s
    }

    pub fn is_stopword(&self, norm: &str) -> bool {
        self.stopwords.contains(norm)
    }
}
