//! What kind of document a text is: a Commission communication, a legislative proposal, a
//! legal act as published, Council conclusions, a press release, a national letter — or
//! none of these with confidence (`generic`). The kind decides what counts as a defect
//! (an enacting term carries an obligation, not a commitment; a proposal's annexes are a
//! separate document).
//!
//! Detection weighs the `[profiles]` signals of every language pack; each signal counts
//! once. Legislative text (citations, "HAVE ADOPTED", "Article 1") is a proposal when a
//! proposal's own parts are there, and a legal act otherwise.
//!
//! Where the legal text is: [`legal_text_span`] finds the enacting part (from the first
//! citation to the end, or to the financial statement of a proposal).

use std::sync::{Arc, OnceLock};

use crate::document::ascii_shadow::runs_on_shadow;
use crate::lazy_regex::LazyRe;
use aho_corasick::AhoCorasick;
use serde::{Deserialize, Serialize};

use super::Document;
use crate::pack::{FromPack, Language, Pack};
use crate::source::Span;

/// The kinds of document policylint knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Profile {
    /// Strategies, agendas, reports, communications.
    Communication,
    /// A Commission proposal: explanatory memorandum, recitals, articles, financial statement.
    LegislativeProposal,
    /// A regulation, directive or decision as published.
    LegalAct,
    /// Council conclusions (often with a cover note).
    CouncilConclusions,
    PressRelease,
    /// Letters to parliament, BNC fiches and other national government documents.
    NationalLetter,
    Generic,
}

impl Profile {
    pub const ALL: [Profile; 7] = [
        Profile::Communication,
        Profile::LegislativeProposal,
        Profile::LegalAct,
        Profile::CouncilConclusions,
        Profile::PressRelease,
        Profile::NationalLetter,
        Profile::Generic,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Communication => "communication",
            Profile::LegislativeProposal => "legislative-proposal",
            Profile::LegalAct => "legal-act",
            Profile::CouncilConclusions => "council-conclusions",
            Profile::PressRelease => "press-release",
            Profile::NationalLetter => "national-letter",
            Profile::Generic => "generic",
        }
    }

    pub fn from_name(name: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.as_str() == name)
    }

    /// A proposal or an act: the document holds legislative text (articles, recitals).
    pub fn is_legislative(self) -> bool {
        matches!(self, Profile::LegislativeProposal | Profile::LegalAct)
    }

    /// The kind of document says who wrote it (an EU institution: the Commission, or
    /// the Council for its conclusions), so an agentless "will be assessed" is the
    /// author's own undertaking. A national letter or an unknown document does not.
    pub fn knows_author(self) -> bool {
        !matches!(self, Profile::NationalLetter | Profile::Generic)
    }
}

impl std::fmt::Display for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The verdict of detection, with the evidence that decided it.
#[derive(Clone, Debug, Serialize)]
pub struct ProfileVerdict {
    pub profile: Profile,
    /// The winning score over the sum of all scores (0–1); 0 for `generic`.
    pub confidence: f32,
    /// The signals that matched, as `profile: pattern text found`.
    pub evidence: Vec<String>,
}

/// A signal kind as the packs name it; `legislative-text` is any legislative text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Profile(Profile),
    LegislativeText,
}

#[derive(Deserialize)]
struct RawSignal {
    profile: String,
    pattern: String,
    weight: u32,
}

/// The compiled `[profiles]` section of one pack.
pub struct Signals {
    signals: Vec<(Target, LazyRe, u32)>,
    min_score: u32,
    /// Entries that did not compile or named no profile (pack validation reports them).
    pub errors: Vec<String>,
    /// The signals' words in one automaton, built on first use.
    finder: OnceLock<SignalFinder>,
}

impl FromPack for Signals {
    fn from_pack(pack: &Pack) -> Self {
        let raw: Vec<RawSignal> = pack.section("profiles.signals").unwrap_or_default();
        let mut errors = Vec::new();
        let mut signals = Vec::new();
        for s in raw {
            let target = if s.profile == "legislative-text" {
                Target::LegislativeText
            } else if let Some(p) = Profile::from_name(&s.profile) {
                Target::Profile(p)
            } else {
                errors.push(format!(
                    "`profiles.signals`: unknown profile `{}`",
                    s.profile
                ));
                continue;
            };
            match LazyRe::new(&s.pattern) {
                Ok(re) => signals.push((target, re, s.weight)),
                Err(e) => errors.push(format!(
                    "`profiles.signals`: invalid pattern `{}`: {e}",
                    s.pattern
                )),
            }
        }
        let min_score = pack
            .get("profiles.min-score")
            .and_then(|v| v.as_integer())
            .map_or(3, |n| n.max(0) as u32);
        Signals {
            signals,
            min_score,
            errors,
            finder: OnceLock::new(),
        }
    }
}

/// Detect the profile of a text from the signals of every built-in pack.
pub fn detect(text: &str) -> ProfileVerdict {
    let packs: Vec<Arc<Signals>> = Language::all()
        .iter()
        .map(|&l| Pack::builtin(l).compiled::<Signals>())
        .collect();
    let min_score = packs.iter().map(|s| s.min_score).max().unwrap_or(3);
    let mut scores = [0u32; 7];
    let mut legislative = 0u32;
    let mut evidence = Vec::new();
    let shadow = crate::document::ascii_shadow::ascii_shadow(text);
    // One pass over each haystack tells which signals of every pack may match there;
    // only those are searched (each search of an absent signal was a full scan).
    let mut on_shadow = None;
    let mut on_text = None;
    for (p, signals) in packs.iter().enumerate() {
        for (i, (target, re, weight)) in signals.signals.iter().enumerate() {
            let (haystack, candidates) = if runs_on_shadow(re.as_str()) {
                (&shadow[..], &mut on_shadow)
            } else {
                (text, &mut on_text)
            };
            if !candidates.get_or_insert_with(|| candidates_of_packs(&packs, haystack))[p][i] {
                continue;
            }
            // A short text: the pattern compiled for its characters (`lazy_regex`);
            // a long one: the full regex, without asking the gate again.
            let found = if crate::lazy_regex::narrow_searches(haystack) {
                re.find(haystack).map(|m| m.range())
            } else {
                let compiled: &regex::Regex = re;
                compiled.find(haystack).map(|m| m.range())
            };
            let Some(found) = found else {
                continue;
            };
            let found: String = text[found].trim().chars().take(60).collect();
            match target {
                Target::LegislativeText => {
                    legislative += weight;
                    evidence.push(format!("legislative text: “{found}”"));
                }
                Target::Profile(p) => {
                    scores[index(*p)] += weight;
                    evidence.push(format!("{p}: “{found}”"));
                }
            }
        }
    }
    // Legislative text belongs to a proposal when the proposal's own parts are there,
    // and to an act otherwise.
    if legislative >= min_score {
        let proposal = scores[index(Profile::LegislativeProposal)];
        let target = if proposal >= min_score {
            Profile::LegislativeProposal
        } else {
            Profile::LegalAct
        };
        scores[index(target)] += legislative;
    }
    let total: u32 = scores.iter().sum();
    let (best, &score) = scores
        .iter()
        .enumerate()
        .max_by_key(|(i, s)| (**s, std::cmp::Reverse(*i)))
        .expect("seven scores");
    if score < min_score {
        return ProfileVerdict {
            profile: Profile::Generic,
            confidence: 0.0,
            evidence,
        };
    }
    ProfileVerdict {
        profile: Profile::ALL[best],
        confidence: score as f32 / total.max(1) as f32,
        evidence,
    }
}

/// Beyond this much work (text bytes × words), the automaton is cheaper than comparing
/// word by word.
const DIRECT_WORK: usize = 32 * 1024;

/// Which signals of a pack may match a text, in one pass: an automaton over every
/// signal's gate words (the words one of which each of its matches contains).
struct SignalFinder {
    /// Every signal's gate words, each once.
    words: Vec<String>,
    /// The words' automaton, built for the first long text (`None` if it does not
    /// build: every signal is then searched).
    automaton: OnceLock<Option<AhoCorasick>>,
    /// For each word of the automaton, the signals it gates.
    owners: Vec<Vec<usize>>,
    /// Per signal: whether it has no gate words and is always searched.
    ungated: Vec<bool>,
}

impl Signals {
    /// Per signal: whether it may match `haystack` (as its own gate would answer).
    fn candidates(&self, haystack: &str) -> Vec<bool> {
        if haystack.is_empty() {
            // Gate words are never empty.
            return self
                .signals
                .iter()
                .map(|(_, re, _)| re.gate_words().is_none())
                .collect();
        }
        self.finder().candidates(haystack)
    }

    fn finder(&self) -> &SignalFinder {
        self.finder.get_or_init(|| {
            let mut words: Vec<String> = Vec::new();
            let mut owners: Vec<Vec<usize>> = Vec::new();
            let mut ungated = Vec::new();
            for (i, (_, re, _)) in self.signals.iter().enumerate() {
                let gate = re.gate_words();
                ungated.push(gate.is_none());
                for w in gate.into_iter().flatten() {
                    match words.iter().position(|x| x == w) {
                        Some(at) => owners[at].push(i),
                        None => {
                            words.push(w.clone());
                            owners.push(vec![i]);
                        }
                    }
                }
            }
            if words.is_empty() {
                ungated = vec![true; self.signals.len()];
            }
            SignalFinder {
                words,
                automaton: OnceLock::new(),
                owners,
                ungated,
            }
        })
    }
}

impl SignalFinder {
    /// Per signal: whether it may match `haystack` (as its own gate would answer).
    fn candidates(&self, haystack: &str) -> Vec<bool> {
        let mut may = self.ungated.clone();
        if self.words.is_empty() {
            return may;
        }
        // Under Unicode case folding, the Kelvin sign matches `k` and the long s
        // matches `s`: ASCII words say nothing about such a text.
        if crate::lazy_regex::has_unicode_fold_of_ascii(haystack) {
            return vec![true; may.len()];
        }
        // A short text is compared word by word: cheaper than building the automaton.
        if haystack.len().saturating_mul(self.words.len()) <= DIRECT_WORK {
            for (w, owners) in self.words.iter().zip(&self.owners) {
                if crate::lazy_regex::contains_ascii_nocase(haystack, w) {
                    for &i in owners {
                        may[i] = true;
                    }
                }
            }
            return may;
        }
        let automaton = self.automaton.get_or_init(|| {
            // The contiguous NFA builds in a tenth of the DFA's time and scans about
            // as fast for a few dozen words.
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(&self.words)
                .ok()
        });
        let Some(automaton) = automaton else {
            return vec![true; may.len()];
        };
        let mut seen = vec![false; self.owners.len()];
        let mut unseen = seen.len();
        for m in automaton.find_overlapping_iter(haystack) {
            let w = m.pattern().as_usize();
            if !std::mem::replace(&mut seen[w], true) {
                for &i in &self.owners[w] {
                    may[i] = true;
                }
                unseen -= 1;
                if unseen == 0 {
                    break;
                }
            }
        }
        may
    }
}

/// The gate words of every built-in pack's signals in one automaton (the packs are
/// the same for every document), so that a long text is scanned once for all packs.
struct PacksFinder {
    /// The packs it was built for (their addresses).
    packs: Vec<usize>,
    /// Per word: the (pack, signal) pairs it gates.
    owners: Vec<Vec<(usize, usize)>>,
    automaton: Option<AhoCorasick>,
}

static PACKS_FINDER: OnceLock<PacksFinder> = OnceLock::new();

/// Per pack, per signal: whether it may match `haystack` — as each pack's
/// [`Signals::candidates`] answers, with one scan of a long haystack for all packs.
fn candidates_of_packs(packs: &[Arc<Signals>], haystack: &str) -> Vec<Vec<bool>> {
    let each = || packs.iter().map(|s| s.candidates(haystack)).collect();
    // An empty text needs no word list (nor the work of making one at start-up).
    if haystack.is_empty() {
        return each();
    }
    let finders: Vec<&SignalFinder> = packs.iter().map(|s| s.finder()).collect();
    let words: usize = finders.iter().map(|f| f.words.len()).sum();
    // Short texts (compared word by word), a text with characters that fold to ASCII
    // letters, and packs without gate words: as each pack answers.
    if haystack.len().saturating_mul(words) <= DIRECT_WORK
        || finders.iter().any(|f| f.words.is_empty())
        || crate::lazy_regex::has_unicode_fold_of_ascii(haystack)
    {
        return each();
    }
    let addresses: Vec<usize> = packs.iter().map(|s| Arc::as_ptr(s) as usize).collect();
    let finder = PACKS_FINDER.get_or_init(|| {
        let mut all: Vec<&str> = Vec::new();
        let mut owners: Vec<Vec<(usize, usize)>> = Vec::new();
        for (p, f) in finders.iter().enumerate() {
            for (w, signals) in f.words.iter().zip(&f.owners) {
                let at = match all.iter().position(|x| *x == w.as_str()) {
                    Some(at) => at,
                    None => {
                        all.push(w);
                        owners.push(Vec::new());
                        all.len() - 1
                    }
                };
                owners[at].extend(signals.iter().map(|&i| (p, i)));
            }
        }
        // A DFA: built once per process (for the first long text), and it scans
        // faster than the NFA over a whole document.
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&all)
            .ok();
        PacksFinder {
            packs: addresses.clone(),
            owners,
            automaton,
        }
    });
    let Some(automaton) = finder
        .automaton
        .as_ref()
        .filter(|_| finder.packs == addresses)
    else {
        return each();
    };
    let mut may: Vec<Vec<bool>> = finders.iter().map(|f| f.ungated.clone()).collect();
    let mut seen = vec![false; finder.owners.len()];
    let mut unseen = seen.len();
    for m in automaton.find_overlapping_iter(haystack) {
        let w = m.pattern().as_usize();
        if !std::mem::replace(&mut seen[w], true) {
            for &(p, i) in &finder.owners[w] {
                may[p][i] = true;
            }
            unseen -= 1;
            if unseen == 0 {
                break;
            }
        }
    }
    may
}

fn index(p: Profile) -> usize {
    Profile::ALL.iter().position(|q| *q == p).unwrap_or(6)
}

/// The profile of a document, detected once per document.
pub fn of(doc: &Document) -> Arc<ProfileVerdict> {
    doc.analysis(Pack::builtin(doc.language), || detect(doc.text()))
}

/// The enacting part of legislative text: from the first citation ("Having regard to",
/// "Gelet op") to the end of the document, or to a proposal's financial statement. None
/// when the document has no such part.
pub fn legal_text_span(doc: &Document) -> Option<Span> {
    doc.analysis(Pack::builtin(doc.language), || LegalText::find(doc))
        .span
}

struct LegalText {
    span: Option<Span>,
}

impl LegalText {
    fn find(doc: &Document) -> LegalText {
        let text = doc.text();
        let starts: Vec<String> = Language::all()
            .iter()
            .flat_map(|&l| Pack::builtin(l).strings("profiles.legal-text-starts"))
            .collect();
        let ends: Vec<String> = Language::all()
            .iter()
            .flat_map(|&l| Pack::builtin(l).strings("profiles.legal-text-ends"))
            .collect();
        let mut start = None;
        let mut offset = 0;
        let mut end = text.len();
        for line in text.split_inclusive('\n') {
            let t = line.trim();
            if start.is_none() {
                if starts.iter().any(|s| t.starts_with(s.as_str())) {
                    start = Some(offset);
                }
            } else if ends.iter().any(|e| t.starts_with(e.as_str())) {
                end = offset;
                break;
            }
            offset += line.len();
        }
        LegalText {
            span: start.map(|s| Span::new(s, end.max(s))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_told_apart_by_their_own_parts() {
        let act = "REGULATION (EU) 2022/2065 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL\n\
                   Having regard to the Treaty,\nHAVE ADOPTED THIS REGULATION:\nArticle 1\nSubject matter\n\
                   This Regulation shall be binding in its entirety and directly applicable.\n";
        assert_eq!(detect(act).profile, Profile::LegalAct);
        let proposal = "Proposal for a\nDIRECTIVE OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL\n\
                        EXPLANATORY MEMORANDUM\n1. CONTEXT\nHaving regard to the Treaty,\n\
                        HAVE ADOPTED THIS DIRECTIVE:\nArticle 1\n";
        assert_eq!(detect(proposal).profile, Profile::LegislativeProposal);
        let council = "Delegations will find in the annex the Council conclusions on space.\n\
                       1. RECALLS the importance of space.\n2. UNDERLINES that …\n";
        assert_eq!(detect(council).profile, Profile::CouncilConclusions);
        let letter = "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\
                      Geachte voorzitter,\nHet kabinet zal de Kamer informeren.\nHoogachtend,\n";
        assert_eq!(detect(letter).profile, Profile::NationalLetter);
        assert_eq!(
            detect("A short note with nothing to go on.").profile,
            Profile::Generic
        );
    }

    #[test]
    fn the_builtin_signals_compile() {
        for l in Language::all() {
            // Built directly, not through `compiled`: a shipped pack's compiled forms
            // skip the syntax check.
            assert_eq!(
                Signals::from_pack(Pack::builtin(l)).errors,
                Vec::<String>::new()
            );
        }
    }

    /// Detection as it was: every signal searched on its own.
    fn detect_signal_by_signal(text: &str) -> Vec<String> {
        let shadow = crate::document::ascii_shadow::ascii_shadow(text);
        let mut evidence = Vec::new();
        for l in Language::all() {
            let signals = Signals::from_pack(Pack::builtin(l));
            for (_, re, _) in &signals.signals {
                let haystack = if runs_on_shadow(re.as_str()) {
                    &shadow
                } else {
                    text
                };
                if let Some(m) = re.find(haystack) {
                    evidence.push(text[m.range()].trim().chars().take(60).collect());
                }
            }
        }
        evidence
    }

    #[test]
    fn one_pass_finds_what_each_signal_finds() {
        let mut texts: Vec<String> = [
            "",
            "A short note with nothing to go on.",
            "Aan de Voorzitter van de Tweede Kamer\nGeachte voorzitter,\nHoogachtend,\n",
            "Having regard to the Treaty,\nHAVE ADOPTED THIS REGULATION:\nArticle 1\n",
            "The Council RECALLS that the \u{212A}elvin sign folds to k.",
            "Gelet op het Verdrag; Artikel 1; Brussel, 3.5.2023 COM(2023) 416 final",
        ]
        .map(String::from)
        .to_vec();
        // Long texts: scanned by the automaton of every pack's words.
        let long: Vec<String> = texts.iter().map(|t| format!("{t}\n").repeat(400)).collect();
        texts.extend(long);
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
        let dirs = [shared.join("seeds"), shared.join("realworld/txt")];
        if !dirs[0].is_dir() {
            eprintln!("../shared is absent: the profile comparison runs on inline texts only");
        }
        for dir in dirs {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    texts.push(text);
                }
            }
        }
        for text in &texts {
            let found: Vec<String> = detect(text)
                .evidence
                .iter()
                .map(|e| {
                    let quoted = e.split_once(": “").expect("evidence quotes").1;
                    quoted.strip_suffix('”').unwrap_or(quoted).to_string()
                })
                .collect();
            assert_eq!(found, detect_signal_by_signal(text));
        }
    }
}
