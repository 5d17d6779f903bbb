//! The sentence-level classifier: is this unit a commitment, whose, of what kind, and
//! how is it timed? Pure functions over strings; the register applies them to the
//! document model.
//!
//! A commitment is an actor in subject position with a future modal ("De Commissie
//! zal", "Tegen 2021 zal de Commissie", "The Commission will"), an intent marker ("is
//! voornemens", "intends to"), an agentless future passive ("die in 2021 zal worden
//! gepresenteerd") or a request to a named addressee ("roept de lidstaten op",
//! "calls on Member States to"). Predictions ("Dit zal helpen"), capability ("zal …
//! kunnen", "will be able to") and hedges are not.

use crate::lazy_regex::LazyRe as Regex;
use serde::Deserialize;

use super::time::{compile_one, compile_union, norm_key, AtomKind, DocDate, TimeAtom, TimeGrammar};
use super::{CommitmentKind, Status};
use crate::pack::{FromPack, Pack};

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawCommitments {
    actors: Vec<RawActor>,
    pronouns: Vec<String>,
    modal: String,
    intent: Vec<String>,
    request: Vec<String>,
    request_particles: Vec<String>,
    request_passive: Vec<String>,
    passive_future: String,
    passive_exclude: Vec<String>,
    capability: Vec<String>,
    subordinators: String,
    relative_clause: String,
    not_commitment: Vec<String>,
    not_addressee: Vec<String>,
    inversion_openers: Vec<String>,
    clause_openers: Vec<String>,
    prepositions: Vec<String>,
    determiners: Vec<String>,
    subject_starters: Vec<String>,
    authors: Vec<RawActor>,
    default_author: String,
    past: Vec<String>,
    action_connectives: Vec<String>,
    signposting: Vec<String>,
    predictions: Vec<String>,
    other_authors: Vec<String>,
    prominent_sections: Vec<String>,
    placeholder_deadline: Vec<String>,
    national_authors: Vec<String>,
}

#[derive(Deserialize, Default, Clone)]
struct RawActor {
    name: String,
    pattern: String,
}

/// The compiled `[commitments]` and `[time]` sections of a pack.
pub struct Grammar {
    pub time: TimeGrammar,
    /// Particles that link a request to its action ("om", "to"), stripped from the
    /// register's action text.
    pub connectives: Vec<String>,
    actors: Vec<(String, Regex)>,
    pronouns: Vec<String>,
    modal: Option<Regex>,
    request_particles: Vec<Regex>,
    passive_future: Option<Regex>,
    passive_exclude: Vec<Regex>,
    capability: Vec<Regex>,
    subordinators: Option<Regex>,
    /// Words that open a relative or adverbial clause inside a passive span.
    relative_clause: Option<Regex>,
    not_commitment: Vec<Regex>,
    /// Noun phrases that name an action, not an addressee ("URGES the implementation
    /// of …"): a request needs someone to act.
    not_addressee: Vec<Regex>,
    inversion_openers: Vec<String>,
    clause_openers: Vec<String>,
    prepositions: Vec<String>,
    determiners: Vec<String>,
    subject_starters: Vec<String>,
    authors: Vec<(String, Regex)>,
    pub default_author: String,
    /// Actors (by name) that are the author of a national letter: the government, its
    /// ministers, "we". Other actors' plans in such a letter are reported, not made.
    pub national_authors: Vec<String>,
    past: Vec<Regex>,
    /// Sentences about the document itself ("the rest of this chapter"): no commitment.
    signposting: Vec<Regex>,
    /// Actions that are predictions, not undertakings ("we will encounter …").
    predictions: Vec<Regex>,
    /// Signs near the start of a document written by someone the pack's actors do
    /// not cover (a ministry letter): its agentless passives are nobody's.
    other_authors: Vec<Regex>,
    /// " en " / " and ": joins several actors into one name.
    conjunction: String,
    /// Every marker pattern at once, to skip sentences without any.
    any_marker: crate::lazy_regex::LazySet,
    /// Every marker pattern with its kind, in the order of `any_marker`.
    markers: Vec<(Regex, MarkerKind)>,
    /// Every actor pattern, in the order of `actors`.
    actor_set: crate::lazy_regex::LazySet,
    /// Titles of the sections a reader holds the author to ("conclusions"), lowercase.
    pub prominent_sections: Vec<String>,
    /// A deadline written as a slot to fill ("by [date]", "uiterlijk [datum]").
    placeholder_deadline: Vec<Regex>,
    /// Patterns that did not compile (a broken project config).
    pub errors: Vec<String>,
}

impl FromPack for Grammar {
    fn from_pack(pack: &Pack) -> Self {
        let raw: RawCommitments = pack.section("commitments").unwrap_or_default();
        let time = TimeGrammar::from_pack(pack);
        let mut errors = time.errors.clone();
        let id = |p: &str| p.to_string();
        let actor_list = |list: &[RawActor], errors: &mut Vec<String>| {
            list.iter()
                .filter_map(|a| {
                    let re = compile_one(&format!(r"\b(?:{})\b", a.pattern), &id, errors)?;
                    Some((a.name.clone(), re))
                })
                .collect::<Vec<_>>()
        };
        let actors = actor_list(&raw.actors, &mut errors);
        let authors = actor_list(&raw.authors, &mut errors);
        let lower = |v: &[String]| v.iter().map(|w| norm_key(w)).collect::<Vec<_>>();
        let mut markers = Vec::new();
        let marker_lists = [
            (MarkerKind::Modal, std::slice::from_ref(&raw.modal)),
            (MarkerKind::Intent, &raw.intent[..]),
            (MarkerKind::Request, &raw.request[..]),
            (MarkerKind::PassiveRequest, &raw.request_passive[..]),
        ];
        for (kind, pats) in marker_lists {
            for p in pats {
                if let Some(re) = compile_one(p, &id, &mut errors) {
                    markers.push((re, kind));
                }
            }
        }
        // One pass tells which patterns occur at all; only those run on their own.
        let any_marker = crate::lazy_regex::LazySet::new(markers.iter().map(|(r, _)| r));
        let actor_set = crate::lazy_regex::LazySet::new(actors.iter().map(|(_, r)| r));
        Grammar {
            connectives: raw.action_connectives.clone(),
            actors,
            actor_set,
            markers,
            pronouns: lower(&raw.pronouns),
            prominent_sections: lower(&raw.prominent_sections),
            modal: compile_one(&raw.modal, &id, &mut errors),
            request_particles: compile_union(&raw.request_particles, &id, &mut errors),
            passive_future: compile_one(&raw.passive_future, &id, &mut errors),
            passive_exclude: compile_union(&raw.passive_exclude, &id, &mut errors),
            capability: compile_union(&raw.capability, &id, &mut errors),
            subordinators: compile_one(&raw.subordinators, &id, &mut errors),
            relative_clause: compile_one(&raw.relative_clause, &id, &mut errors),
            not_commitment: compile_union(&raw.not_commitment, &id, &mut errors),
            not_addressee: compile_union(&raw.not_addressee, &id, &mut errors),
            inversion_openers: lower(&raw.inversion_openers),
            clause_openers: lower(&raw.clause_openers),
            prepositions: lower(&raw.prepositions),
            determiners: lower(&raw.determiners),
            subject_starters: lower(&raw.subject_starters),
            authors,
            default_author: raw.default_author,
            national_authors: raw.national_authors,
            past: compile_union(&raw.past, &id, &mut errors),
            signposting: compile_union(&raw.signposting, &id, &mut errors),
            predictions: compile_union(&raw.predictions, &id, &mut errors),
            other_authors: compile_union(&raw.other_authors, &id, &mut errors),
            placeholder_deadline: compile_union(&raw.placeholder_deadline, &id, &mut errors),
            conjunction: format!(
                " {} ",
                pack.get("language.conjunction")
                    .and_then(|v| v.as_str())
                    .unwrap_or("and")
            ),
            time,
            any_marker,
            errors,
        }
    }
}

/// One actor mention in a string.
#[derive(Clone, Debug, PartialEq, Eq)]
struct ActorMatch {
    start: usize,
    end: usize,
    name: String,
}

/// What the classifier found in one unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detection {
    pub actor: String,
    pub kind: CommitmentKind,
    /// Byte range of the action in the unit text.
    pub action: (usize, usize),
    /// Byte offset of the marker (modal, intent, request verb).
    pub marker: usize,
    /// Whether the actor was named in the unit (false: inherited or the author).
    pub actor_named: bool,
}

/// The timing of a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timing {
    pub status: Status,
    /// The deciding atom, if any (range in the unit text).
    pub atom: Option<TimeAtom>,
}

/// State carried from sentence to sentence (pronoun resolution).
#[derive(Clone, Debug, Default)]
pub struct Carry {
    pub last_actor: Option<String>,
    /// The head of the sentence before, when it had no commitment marker: its actor
    /// is looked up only when a later sentence needs it, so that a text without any
    /// marker never builds the actor patterns.
    pending_head: Option<String>,
}

impl Grammar {
    /// The author of a document, from the patterns of `[commitments] authors` near its
    /// start, else the pack's default author.
    pub fn author(&self, text: &str) -> String {
        self.author_known(text)
            .unwrap_or_else(|| self.default_author.clone())
    }

    /// The author an agentless passive is credited to: the named author, else the
    /// pack's default unless the document shows another author (empty: nobody).
    pub fn passive_author(&self, text: &str) -> String {
        if let Some(a) = self.author_known(text) {
            return a;
        }
        let head = &text[..super::time::floor_char_boundary(text, 6000)];
        if self.other_authors.iter().any(|r| r.is_match(head)) {
            return String::new();
        }
        self.default_author.clone()
    }

    /// The author named by the earliest match of an author pattern near the start
    /// ("Communication from the Commission" before a mention of "Council
    /// conclusions"), or `None` when no pattern matches.
    pub fn author_known(&self, text: &str) -> Option<String> {
        let head = &text[..super::time::floor_char_boundary(text, 6000)];
        self.authors
            .iter()
            .filter_map(|(n, re)| re.find(head).map(|m| (m.start(), n)))
            .min_by_key(|(at, _)| *at)
            .map(|(_, n)| n.clone())
    }

    /// Cheap test: does the text contain any commitment marker at all?
    fn has_marker(&self, text: &str) -> bool {
        self.any_marker.is_match(text)
    }

    fn actors_in(&self, text: &str) -> Vec<ActorMatch> {
        let bytes = text.as_bytes();
        let mut found: Vec<ActorMatch> = Vec::new();
        if self.actor_set.rules_out(text) {
            return Vec::new();
        }
        let hits: Vec<usize> = self.actor_set.matches(text);
        for (name, re) in hits.into_iter().filter_map(|i| self.actors.get(i)) {
            for m in re.find_iter(text) {
                // "EU" in "EU-kader", "Commissie" in "Commissie-initiatief": not actors.
                let glued_after = bytes.get(m.end()) == Some(&b'-')
                    && bytes
                        .get(m.end() + 1)
                        .is_some_and(|b| b.is_ascii_alphanumeric());
                let glued_before = m.start() > 0 && bytes[m.start() - 1] == b'-';
                // "the EU's plan to …": a possessive names no one who acts.
                let possessive = ["'s", "’s"].iter().any(|p| text[m.end()..].starts_with(p));
                if glued_after || glued_before || possessive {
                    continue;
                }
                found.push(ActorMatch {
                    start: m.start(),
                    end: m.end(),
                    name: name.clone(),
                });
            }
        }
        found.sort_by_key(|a| (a.start, std::cmp::Reverse(a.end)));
        let mut out: Vec<ActorMatch> = Vec::new();
        for a in found {
            if out.last().is_none_or(|l| a.start >= l.end) {
                out.push(a);
            }
        }
        out
    }

    /// Join consecutive actors linked only by "en"/"and"/"," into one name.
    fn group_actors(&self, text: &str, actors: &[ActorMatch]) -> Vec<ActorMatch> {
        let mut out: Vec<ActorMatch> = Vec::new();
        for a in actors {
            let last_in_pp = out.last().is_some_and(|l| {
                self.prepositions
                    .contains(&last_word(text[..l.start].trim_end()))
            });
            if let Some(last) = out.last_mut().filter(|_| !last_in_pp) {
                let between = norm_key(&text[last.end..a.start]);
                let conj = self.conjunction.trim();
                if between == conj || between == "," || between == format!(", {conj}") {
                    if !last.name.contains(&a.name) {
                        last.name = format!("{}{}{}", last.name, self.conjunction, a.name);
                    }
                    last.end = a.end;
                    continue;
                }
            }
            out.push(a.clone());
        }
        out
    }

    /// Whether an actor at `start` is in subject position: at the start of its clause,
    /// not inside a prepositional phrase.
    fn subject_position(&self, text: &str, start: usize) -> bool {
        let before = text[..start].trim_end();
        if before.is_empty() || before.ends_with([',', ';', ':', '(', '—', '–', '"', '“', '*'])
        {
            return true;
        }
        // A capitalised determiner mid-text ("… 9.12.2020 De Commissie zal") starts a
        // sentence the splitter did not see (a dateline or heading run into the text).
        let word = &text[start..];
        if word.starts_with(|c: char| c.is_uppercase())
            && self.determiners.contains(&first_word(word))
        {
            return true;
        }
        let last = last_word(before);
        if self.prepositions.contains(&last) {
            return false;
        }
        self.clause_openers.contains(&last)
    }

    fn clause_bounds(&self, text: &str, pos: usize) -> (usize, usize) {
        // Hard clause: between ';' / ':' (and the text edges).
        let start = text[..pos].rfind([';', ':']).map(|i| i + 1).unwrap_or(0);
        let end = text[pos..]
            .find([';', ':'])
            .map(|i| pos + i)
            .unwrap_or(text.len());
        (start, end)
    }

    /// The segment (comma- and conjunction-delimited) that contains `pos`.
    fn segment(&self, text: &str, pos: usize) -> (usize, usize) {
        match &self.time.clause_breaks {
            Some(br) => between_breaks(br, text, pos),
            None => (0, text.len()),
        }
    }

    /// Classify one unit (a sentence). `carry` resolves pronoun subjects.
    pub fn detect(&self, text: &str, author: &str, carry: &mut Carry) -> Option<Detection> {
        if !self.has_marker(text) {
            // Not a commitment; only remember a sentence-initial actor for pronouns.
            let head = &text[..super::time::floor_char_boundary(text, 60)];
            // A pronoun refers to the actor of the sentence just before, not to one
            // named pages earlier: a sentence without one ends the chain.
            carry.last_actor = None;
            carry.pending_head = Some(head.to_string());
            return None;
        }
        if let Some(head) = carry.pending_head.take() {
            carry.last_actor = self
                .actors_in(&head)
                .into_iter()
                .find(|a| a.start < 3)
                .map(|a| a.name);
        }
        let actors = self.actors_in(text);
        let grouped = self.group_actors(text, &actors);
        let first_subject = grouped
            .iter()
            .find(|a| self.subject_position(text, a.start))
            .cloned();
        let mut result = self.detect_inner(text, author, carry, &grouped);
        // Signposting ("These two topics will be the core of the rest of this chapter")
        // and predictions ("we zullen vaker oude verontreinigingen tegenkomen") use the
        // modal without undertaking anything.
        if let Some(d) = &result {
            let from = d.marker.min(text.len());
            let action = text
                .get(from..d.action.1.clamp(from, text.len()))
                .unwrap_or("");
            // The main verb: right after the modal (English) or at the end of the
            // clause (Dutch), not a nominalised verb inside the object.
            let words: Vec<&str> = action
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .collect();
            let head = words.iter().take(4).copied().collect::<Vec<_>>().join(" ");
            let tail = words[words.len().saturating_sub(3)..].join(" ");
            if self.signposting.iter().any(|r| r.is_match(text))
                || self
                    .predictions
                    .iter()
                    .any(|r| r.is_match(&head) || r.is_match(&tail))
            {
                result = None;
            }
        }
        if let Some(d) = &result {
            if d.actor_named {
                carry.last_actor = Some(d.actor.clone());
            }
        } else {
            carry.last_actor = first_subject.filter(|a| a.start < 40).map(|a| a.name);
        }
        result
    }

    fn detect_inner(
        &self,
        text: &str,
        author: &str,
        carry: &Carry,
        actors: &[ActorMatch],
    ) -> Option<Detection> {
        // Markers in order of position; the first that yields a detection wins.
        let mut markers: Vec<(usize, usize, MarkerKind)> = Vec::new();
        let hits: Vec<usize> = self.any_marker.matches(text);
        for i in hits {
            if let Some((re, kind)) = self.markers.get(i) {
                markers.extend(re.find_iter(text).map(|m| (m.start(), m.end(), *kind)));
            }
        }
        markers.sort_by_key(|m| m.0);
        // Each marker's analysis looks at its clause; a "sentence" with hundreds of
        // markers (a run-on extract, a table flattened into one line) would make that
        // quadratic. Real sentences have a handful; the first MAX_MARKERS decide.
        markers.truncate(MAX_MARKERS);
        for (ms, me, kind) in markers {
            let found = match kind {
                MarkerKind::Modal => self.modal_commitment(text, ms, me, author, carry, actors),
                MarkerKind::Intent => self
                    .subject_before(text, ms, actors, carry)
                    .or_else(|| self.coordinated_subject(text, ms, actors))
                    .map(|(actor, _)| Detection {
                        actor,
                        kind: CommitmentKind::SelfCommitment,
                        // "blijft zich hiervoor inzetten, maar …": the marker is the action.
                        action: if text[me..].trim_start().starts_with([',', '.', ';']) {
                            (ms, me)
                        } else {
                            (me, clause_end(text, me))
                        },
                        marker: ms,
                        actor_named: true,
                    }),
                MarkerKind::Request => self.request(text, ms, me, actors),
                MarkerKind::PassiveRequest => {
                    self.subject_before(text, ms, actors, carry)
                        .map(|(actor, _)| Detection {
                            actor,
                            kind: CommitmentKind::Request,
                            action: (me, clause_end(text, me)),
                            marker: ms,
                            actor_named: true,
                        })
                }
            };
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// The grouped actor (or pronoun) in subject position just before `marker` in its
    /// clause, with its start.
    fn subject_before(
        &self,
        text: &str,
        marker: usize,
        actors: &[ActorMatch],
        carry: &Carry,
    ) -> Option<(String, usize)> {
        let (cs, _) = self.clause_bounds(text, marker);
        // The nearest actor before the marker, close enough to be its subject, or with
        // only a parenthetical ", …," between.
        for a in actors
            .iter()
            .rev()
            .filter(|a| a.end <= marker && a.start >= cs)
        {
            if !self.subject_position(text, a.start) {
                continue;
            }
            let between = &text[a.end..marker];
            // Only "at most 4" and "at most 20" matter: stop counting after 21.
            let words = between.split_whitespace().take(21).count();
            let parenthetical =
                between.trim_start().starts_with(',') && between.trim_end().ends_with(',');
            if words <= 4 || parenthetical {
                return Some((a.name.clone(), a.start));
            }
            // A verb-final subordinate clause ("waarmee de Commissie de uitwisseling van
            // goede praktijken zal vergemakkelijken"): a longer object may sit between
            // subject and modal, within one segment.
            let opener = last_word(text[..a.start].trim_end());
            let subordinate = !self.inversion_openers.is_empty()
                && self.clause_openers.contains(&opener)
                && opener != self.conjunction.trim();
            if subordinate
                && words <= 20
                && self.segment(text, a.start) == self.segment(text, marker)
            {
                return Some((a.name.clone(), a.start));
            }
        }
        // Pronoun subject: "zij zal", "it will".
        let before = text[cs..marker].trim_end();
        let last = last_word(before);
        if self.pronouns.contains(&last) {
            // The first actor of the sentence: usually the subject of the main clause.
            let resolved = actors
                .iter()
                .find(|a| a.end <= marker)
                .map(|a| a.name.clone())
                .or_else(|| carry.last_actor.clone())?;
            return Some((resolved, marker));
        }
        None
    }

    /// "De Raad erkent … en verbindt zich ertoe": the clause's initial actor carries
    /// over a coordination right before the marker.
    fn coordinated_subject(
        &self,
        text: &str,
        marker: usize,
        actors: &[ActorMatch],
    ) -> Option<(String, usize)> {
        let (cs, _) = self.clause_bounds(text, marker);
        if last_word(text[cs..marker].trim_end()) != self.conjunction.trim() {
            return None;
        }
        actors
            .iter()
            .find(|a| a.end <= marker && a.start >= cs && self.subject_position(text, a.start))
            .map(|a| (a.name.clone(), a.start))
    }

    fn modal_commitment(
        &self,
        text: &str,
        ms: usize,
        me: usize,
        author: &str,
        carry: &Carry,
        actors: &[ActorMatch],
    ) -> Option<Detection> {
        let (cs, ce) = self.clause_bounds(text, ms);
        // Capability and hedges in the modal's own segment are not commitments.
        let (_, seg_end) = self.segment(text, me);
        let mut window_end = seg_end.max(me).min(ce);
        if let Some(sub) = &self.subordinators {
            if let Some(m) = sub.find(&text[me..window_end]) {
                window_end = me + m.start();
            }
        }
        let window = &text[ms..window_end];
        if self.capability.iter().any(|r| r.is_match(window)) {
            return None;
        }
        let clause = &text[cs..ce];
        let pre = &text[cs..ms];
        let action_end = clause_end(text, me);
        let mk = |actor: String, action_start: usize, named: bool| Detection {
            actor,
            kind: CommitmentKind::SelfCommitment,
            action: (action_start, action_end),
            marker: ms,
            actor_named: named,
        };
        // ACTOR … MODAL
        if let Some((actor, _)) = self.subject_before(text, ms, actors, carry) {
            return Some(mk(actor, me, true));
        }
        // MODAL … ACTOR (inversion after an adverbial or a subordinate clause).
        if !self.inversion_openers.is_empty() {
            let pre_trim = pre.trim();
            let first = first_word(pre_trim);
            // Dutch main clauses put the finite verb second: anything before the modal
            // that is not a noun phrase (an adverbial, a prepositional phrase, a
            // subordinate clause) leaves the subject after it.
            let has_preposition = pre_trim
                .split_whitespace()
                .any(|w| self.prepositions.contains(&norm_key(w)));
            let inverted = !pre_trim.is_empty()
                && (pre_trim.ends_with(',')
                    || self.inversion_openers.contains(&first)
                    || self.prepositions.contains(&first)
                    || (!self.subject_starters.contains(&first)
                        && (has_preposition || pre_trim.split_whitespace().count() == 1)));
            if inverted {
                let after = &text[me..ce];
                let mut pronoun_subject = None;
                let lead: Vec<&str> = after.split_whitespace().take(1).collect();
                if let Some(w) = lead.first() {
                    let w = norm_key(w.trim_matches(|c: char| !c.is_alphanumeric()));
                    if self.pronouns.contains(&w) {
                        pronoun_subject = carry.last_actor.clone();
                    }
                }
                if let Some(actor) = pronoun_subject {
                    return Some(mk(actor, me, true));
                }
                if let Some(a) = actors.iter().find(|a| a.start >= me && a.start < ce) {
                    let gap = text[me..a.start].split_whitespace().count();
                    if gap <= 3 {
                        return Some(mk(a.name.clone(), a.end, true));
                    }
                }
            }
        }
        // ACTOR … en MODAL: the sentence's subject carries over a coordination.
        let coord = pre.trim_end();
        if last_word(coord) == self.conjunction.trim() {
            if let Some(a) = actors
                .iter()
                .find(|a| a.end <= ms && a.start >= cs && self.subject_position(text, a.start))
            {
                return Some(mk(a.name.clone(), me, true));
            }
            if let Some(first) = self
                .pronouns
                .iter()
                .find(|p| first_word(clause.trim()) == **p)
            {
                let _ = first;
                if let Some(actor) = carry.last_actor.clone() {
                    return Some(mk(actor, me, true));
                }
            }
        }
        // Agentless future passive: the document's own action.
        let rest = &text[ms..ce];
        let passive = self
            .passive_future
            .as_ref()
            .and_then(|re| re.find(rest))
            // The passive verb must be the modal's own, not one in a relative clause
            // ("zal informatie over personen die verdacht worden …").
            .is_some_and(|m| {
                m.start() == 0
                    && !self
                        .relative_clause
                        .as_ref()
                        .is_some_and(|rel| rel.is_match(m.as_str()))
            });
        if passive {
            let sentence_start = &text[..ce];
            if self
                .not_commitment
                .iter()
                .any(|r| r.is_match(sentence_start))
                || self.passive_exclude.iter().any(|r| r.is_match(rest))
                || text[..ms].contains(['"', '“'])
            {
                return None;
            }
            let owner = actors
                .iter()
                .find(|a| a.start < ms && a.start < 3)
                .map(|a| (a.name.clone(), true))
                .unwrap_or_else(|| (author.to_string(), false));
            // An agentless passive is the author's only when the author is known.
            if owner.0.is_empty() {
                return None;
            }
            let action_start = text[..ms].rfind([',', ';']).map(|i| i + 1).unwrap_or(0);
            return Some(mk(owner.0, action_start, owner.1));
        }
        None
    }

    fn request(
        &self,
        text: &str,
        ms: usize,
        me: usize,
        actors: &[ActorMatch],
    ) -> Option<Detection> {
        let (_, ce) = self.clause_bounds(text, ms);
        // The addressee lies between the verb and its particle ("roept … op").
        let window_end = self
            .request_particles
            .iter()
            .filter_map(|r| {
                r.find(&text[me..ce])
                    .map(|m| (me + m.start(), me + m.end()))
            })
            .min()
            .unwrap_or_else(|| {
                let end = super::time::floor_char_boundary(text, ce.min(me + 160)).max(me);
                (end, end)
            });
        let subject = actors
            .iter()
            .rev()
            .find(|a| a.end <= ms && self.subject_position(text, a.start))
            .map(|a| a.name.clone());
        let mut addressees: Vec<&ActorMatch> = actors
            .iter()
            .filter(|a| a.start >= me && a.end <= window_end.0)
            .collect();
        // An inverted subject right after the verb ("verzoekt de RAAD de LIDSTATEN").
        let mut np_start = me;
        if let Some(first) = addressees.first() {
            let gap = text[me..first.start].trim();
            // Inverted when nothing before the verb can be its subject.
            let (cs, _) = self.clause_bounds(text, ms);
            let pre = text[cs..ms].trim();
            let pronoun_before = self
                .pronouns
                .iter()
                .any(|p| last_word(pre) == *p || first_word(pre) == *p);
            // Only verb-second languages invert, and a bare "en"/"and" is no subject slot.
            let only_connectives = pre
                .split_whitespace()
                .all(|w| self.clause_openers.contains(&norm_key(w)));
            let inverted = !self.inversion_openers.is_empty()
                && subject.is_none()
                && !pronoun_before
                && !only_connectives;
            let is_subject =
                gap.is_empty() && (subject.as_deref() == Some(first.name.as_str()) || inverted);
            if is_subject {
                np_start = first.end;
                addressees.remove(0);
            }
        }
        if addressees.is_empty() {
            // An addressee the pack does not list: the noun phrase between the verb (or
            // its inverted subject) and the particle, if short and determined.
            let np = text[np_start..window_end.0].trim();
            let np = np
                .strip_prefix("hij ")
                .or_else(|| np.strip_prefix("Hij "))
                .unwrap_or(np)
                .trim();
            let np = np.split(',').next().unwrap_or("").trim();
            let words = np.split_whitespace().count();
            let determined = self.determiners.iter().any(|d| first_word(np) == *d);
            if !(1..=6).contains(&words)
                || !determined
                || self.not_addressee.iter().any(|r| r.is_match(np))
            {
                return None;
            }
            return Some(Detection {
                actor: np.to_string(),
                kind: CommitmentKind::Request,
                action: (window_end.1, clause_end(text, window_end.1)),
                marker: ms,
                actor_named: true,
            });
        }
        // The first addressee must follow the verb closely.
        let first = addressees.first()?;
        let gap_words = text[np_start..first.start].split_whitespace().count();
        if gap_words > 4 {
            return None;
        }
        let grouped = addressees
            .iter()
            .map(|a| a.name.clone())
            .collect::<Vec<_>>();
        let mut name = String::new();
        for n in grouped {
            if !name.contains(&n) {
                if !name.is_empty() {
                    name.push_str(&self.conjunction);
                }
                name.push_str(&n);
            }
        }
        Some(Detection {
            actor: name,
            kind: CommitmentKind::Request,
            action: (window_end.1, clause_end(text, window_end.1)),
            marker: ms,
            actor_named: true,
        })
    }

    /// Whether a segment describes past or ongoing work (a year there is a reference).
    /// The stretch around `pos` between coarse breaks (";", " en ", " and "): the
    /// clause whose tense decides whether a year there is a reference to the past.
    fn past_scope(&self, text: &str, pos: usize) -> (usize, usize) {
        match &self.time.past_scope_breaks {
            Some(br) => between_breaks(br, text, pos),
            None => self.segment(text, pos),
        }
    }

    fn past_segment(&self, seg: &str) -> bool {
        let future = self.modal.as_ref().is_some_and(|m| m.is_match(seg));
        !future && self.past.iter().any(|r| r.is_match(seg))
    }

    /// The timing of a unit: dated > past > conditional > vague > period > undated.
    /// Atoms in a segment that describes past work (a year in another clause) and
    /// past dates that are not deadlines (references) are ignored.
    pub fn timing(&self, text: &str, doc_date: Option<DocDate>) -> Timing {
        let atoms = self.time.atoms(text, doc_date);
        let mut best: Option<(u8, TimeAtom, Status)> = None;
        // Each atom's scope is found by a scan of the unit: a run-on "sentence" with
        // hundreds of dates would make that quadratic; the first MAX_MARKERS decide.
        for a in atoms.into_iter().take(MAX_MARKERS) {
            let (s, e) = self.past_scope(text, a.start);
            let dated = matches!(a.kind, AtomKind::Dated { .. });
            if dated && self.past_segment(&text[s..e.max(s)]) {
                continue;
            }
            let (rank, status) = match &a.kind {
                AtomKind::Dated { deadline, .. } => {
                    if a.is_past(doc_date) {
                        if !*deadline {
                            continue;
                        }
                        (1, Status::Past)
                    } else {
                        (0, Status::Dated)
                    }
                }
                AtomKind::Conditional => (2, Status::Conditional),
                AtomKind::Vague => (3, Status::Vague),
                AtomKind::Period => (4, Status::Period),
            };
            if best.as_ref().is_none_or(|b| rank < b.0) {
                best = Some((rank, a, status));
            }
        }
        // A deadline written as a placeholder is a slot the drafter (or the Publications
        // Office) fills: neither missing nor vague. An explicit date still wins.
        if best.as_ref().is_none_or(|b| b.0 > 1) {
            if let Some(m) = self.placeholder_deadline.iter().find_map(|r| r.find(text)) {
                return Timing {
                    status: Status::Placeholder,
                    atom: Some(TimeAtom {
                        start: m.start(),
                        end: m.end(),
                        kind: AtomKind::Conditional,
                    }),
                };
            }
        }
        match best {
            Some((_, atom, status)) => Timing {
                status,
                atom: Some(atom),
            },
            None => Timing {
                status: Status::Undated,
                atom: None,
            },
        }
    }

    /// Whether a frame line ("De Commissie zal:", "verzoekt de RAAD de LIDSTATEN:")
    /// governs the items after it, and with which actor and kind.
    pub fn frame(&self, text: &str, author: &str) -> Option<(String, CommitmentKind)> {
        let mut carry = Carry::default();
        // The frame is the last clause before the colon.
        let t = text.trim_end().trim_end_matches(':');
        let start = t.rfind([';', '.']).map(|i| i + 1).unwrap_or(0);
        let clause = &t[start..];
        self.detect(clause, author, &mut carry)
            .map(|d| (d.actor, d.kind))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MarkerKind {
    Modal,
    Intent,
    Request,
    PassiveRequest,
}

/// Markers analysed per sentence, at most (see `detect_inner`).
const MAX_MARKERS: usize = 32;

fn last_word(s: &str) -> String {
    norm_key(
        // From the end: `last()` would walk the whole text for every call.
        s.split_whitespace()
            .next_back()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric()),
    )
}

fn first_word(s: &str) -> String {
    norm_key(
        s.split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric()),
    )
}

/// End of the clause that starts at `from`: the next ';' or the end of the text.
fn clause_end(text: &str, from: usize) -> usize {
    let from = from.min(text.len());
    text[from..]
        .find(';')
        .map(|i| from + i)
        .unwrap_or(text.len())
}

/// The stretch of `text` around `pos` between two matches of `breaks`.
fn between_breaks(breaks: &Regex, text: &str, pos: usize) -> (usize, usize) {
    let mut start = 0;
    for m in breaks.find_iter(text) {
        if m.end() <= pos {
            start = m.end();
        } else if m.start() >= pos {
            return (start, m.start());
        }
    }
    (start, text.len())
}
