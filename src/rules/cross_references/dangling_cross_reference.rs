use std::collections::HashSet;

use crate::lazy_regex::LazyRe as Regex;

use crate::document::profile::Profile;
use crate::document::{Document, Scheme, TextRole};
use crate::pack::{FromPack, Pack};
use crate::rule::{Context, Rule, RuleMeta};
use crate::rules::numbering::{id_value, normalise_number, to_roman};
use crate::source::Span;

crate::declare_rule! {
    /// ## What it does
    /// Finds references to parts of the document itself that point nowhere: "zie punt
    /// 12" when the document has no point 12, "punten 3 tot en met 5" without a point 5,
    /// "paragraaf 4.2" or "section 4.2" without a heading 4.2, "in afdeling III" without
    /// a part III, "voetnoot 5" / "footnote 5" without a footnote 5, "bijlage II" /
    /// "Annex II" without an annex II. Body paragraphs, key-action box items and
    /// footnote texts are scanned.
    ///
    /// What counts as a target:
    /// - a point: a numbered point of the document ("paragraph" may name a point or a
    ///   numbered section);
    /// - a section: a numbered heading ("III.", "4.", "4.2", "ii)"); "section 4" is
    ///   also found when only 4.1, 4.2 exist;
    /// - a footnote: a footnote reference or definition with that number;
    /// - an annex: a line that is only the annex word, with or without a number
    ///   ("BIJLAGE", "ANNEX II"), or a label line "Bijlage 1: …" (a press release listing
    ///   its attachments). A document with a single unnumbered annex has annex I.
    ///
    /// References to points and sections are checked only in a document that numbers
    /// its points or sections: in a press release or a communication without numbered
    /// points, "punt 12" can only be a point of another document. Footnote and annex
    /// references are always checked: an annex the text cites but does not contain is
    /// worth a look.
    ///
    /// References to other documents are never reported. A reference is external when
    /// it is followed by a marker such as "van de conclusies van …", "of Regulation (EU)
    /// …", "bij Richtlijn", "of the Treaty", a date or a document number, or preceded
    /// by an article ("artikel 4, lid 1, punt 12") or a document citation ("COM(2020)
    /// 795 final, punt 3"); "van deze conclusies", "of these conclusions", "hierboven",
    /// "below" keep it internal. A reference followed by another one ("punt 3 van
    /// bijlage II bij Verordening …") goes where the last one goes. After "deze" or
    /// "this" the number is not an id ("in this section 2 Member States …"). The words, the
    /// number separators and the markers are in the language packs (`[xref]`), which a
    /// project may extend.
    ///
    /// ## Why is this bad?
    /// A reference that points nowhere is left over from an earlier draft: the point
    /// was renumbered or dropped, or the annex was never attached. Readers and the
    /// documents that cite this one are sent to the wrong text.
    ///
    /// ## Example
    /// ```text
    /// 27. Zoals bepaald in punt 31, zal de Raad …
    /// ```
    /// The document's points run 1–28.
    ///
    /// Use instead: cite the point as it is now numbered.
    ///
    /// ## Profiles
    /// In a `legislative-proposal` or `legal-act` (detected, or set with `--profile`),
    /// references to paragraphs, points and sections are not checked: legislative text
    /// numbers its articles, paragraphs and points in its own way (XR002,
    /// dangling-legal-reference, resolves them against the model of the act). In a
    /// `legislative-proposal` annex references are external (the annexes are published as
    /// a separate document). In the recitals and articles of an act that holds its
    /// annexes, annex references are XR002's (dangling-legal-reference).
    ///
    /// ## Options
    /// None (extend the `[xref]` section of the language pack to add words or markers).
    pub DanglingCrossReference {
        code: "XR001",
        name: "dangling-cross-reference",
        group: CrossReferences,
        level: Error,
        summary: "an internal reference (point, section, footnote, annex) that points nowhere",
    }
}

/// What a reference points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetKind {
    Point,
    /// A point or a numbered section.
    Paragraph,
    Section,
    Footnote,
    Annex,
}

impl TargetKind {
    fn name(self) -> &'static str {
        match self {
            TargetKind::Point => "point",
            TargetKind::Paragraph => "paragraph",
            TargetKind::Section => "section",
            TargetKind::Footnote => "footnote",
            TargetKind::Annex => "annex",
        }
    }
}

/// The `[xref]` section of a pack, compiled once per pack.
pub struct XrefPatterns {
    /// Word, then one or more ids: groups `word` and `ids`.
    reference: Option<Regex>,
    /// One id inside `ids`.
    id: Regex,
    /// A line that marks an annex: groups `word` and optional `id`.
    annex_line: Option<Regex>,
    words: Vec<(String, TargetKind)>,
    ranges: Vec<String>,
    sub_reference: Option<Regex>,
    internal_after: Vec<Regex>,
    external_after: Vec<Regex>,
    external_before: Vec<Regex>,
    /// Before the word: the number after it is not its id ("this section 2 Member States").
    ignore_before: Vec<Regex>,
    /// "van", "of", …: the link from a reference to one that follows it.
    chain: Option<Regex>,
}

/// One id: "12", "4.2", "III". ASCII word boundaries keep the automaton a DFA on
/// text with accented letters (Unicode `\b` falls back to a slower engine).
const ID: &str = r"(?:\d{1,3}(?:\.\d{1,3})*|(?-i:[IVXLC]{1,7}))(?-u:\b)";

fn word_pattern(words: &[String]) -> String {
    let mut sorted: Vec<&String> = words.iter().collect();
    sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
    sorted
        .iter()
        .map(|w| {
            let e = regex::escape(w);
            let open = if w.starts_with(|c: char| c.is_alphanumeric()) {
                r"(?-u:\b)"
            } else {
                ""
            };
            let close = if w.ends_with(|c: char| c.is_alphanumeric()) {
                r"(?-u:\b)"
            } else {
                ""
            };
            format!("{open}{e}{close}")
        })
        .collect::<Vec<_>>()
        .join("|")
}

fn separator_pattern(seps: &[String]) -> String {
    let mut sorted: Vec<&String> = seps.iter().collect();
    sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
    sorted
        .iter()
        .map(|s| {
            let e = regex::escape(s);
            if s.starts_with(|c: char| c.is_alphanumeric()) {
                format!(r"\s+{e}\s+")
            } else {
                format!(r"\s*{e}\s*")
            }
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Case-insensitive, compiled on first use (most documents never need most of them).
fn compile(pattern: &str) -> Option<Regex> {
    Regex::new(&format!("(?i){pattern}")).ok()
}

/// The `[xref]` keys whose entries are regular expressions.
const REGEX_KEYS: [&str; 5] = [
    "internal-after",
    "external-after",
    "external-before",
    "ignore-before",
    "sub-reference",
];

/// Every `[xref]` pattern of the pack that does not compile, with the reason.
pub fn pattern_errors(pack: &Pack) -> Vec<String> {
    let mut errors = Vec::new();
    for key in REGEX_KEYS {
        let path = format!("xref.{key}");
        let patterns = match pack.get(&path) {
            Some(toml::Value::String(s)) => vec![s.clone()],
            Some(_) => pack.strings(&path),
            None => Vec::new(),
        };
        for p in patterns {
            if let Err(e) = regex::RegexBuilder::new(&p).case_insensitive(true).build() {
                errors.push(format!("`{path}`: invalid pattern `{p}`: {e}"));
            }
        }
    }
    errors
}

impl FromPack for XrefPatterns {
    fn from_pack(pack: &Pack) -> Self {
        let mut words = Vec::new();
        for (key, kind) in [
            ("point", TargetKind::Point),
            ("paragraph", TargetKind::Paragraph),
            ("section", TargetKind::Section),
            ("footnote", TargetKind::Footnote),
            ("annex", TargetKind::Annex),
        ] {
            for w in pack.strings(&format!("xref.{key}")) {
                words.push((w.to_lowercase(), kind));
            }
        }
        let all_words: Vec<String> = words.iter().map(|(w, _)| w.clone()).collect();
        let ranges = pack.strings("xref.range");
        let mut seps = ranges.clone();
        seps.extend(pack.strings("xref.list"));
        let reference = (!all_words.is_empty()).then(|| {
            let sep = if seps.is_empty() {
                String::new()
            } else {
                format!("(?:(?:{}){ID})*", separator_pattern(&seps))
            };
            format!(
                r"(?P<word>{})\s*(?P<ids>{ID}{sep})",
                word_pattern(&all_words)
            )
        });
        let annex_words: Vec<String> = words
            .iter()
            .filter(|(_, k)| *k == TargetKind::Annex)
            .map(|(w, _)| w.clone())
            .collect();
        let annex_line = (!annex_words.is_empty()).then(|| {
            format!(
                r"(?m)^[ \t#>*_]*(?P<word>{})(?:[ \t]+(?P<id>{ID}))?[ \t*_]*(?::|[ \t]+[–—-][ \t]|$)",
                word_pattern(&annex_words)
            )
        });
        let many = |key: &str| -> Vec<Regex> {
            pack.strings(&format!("xref.{key}"))
                .iter()
                .filter_map(|p| compile(p))
                .collect()
        };
        let sub_reference = pack
            .get("xref.sub-reference")
            .and_then(|v| v.as_str())
            .and_then(compile);
        let chain_words: Vec<String> = pack.strings("xref.chain-words");
        XrefPatterns {
            reference: reference.as_deref().and_then(compile),
            id: compile(ID).expect("the id pattern is valid"),
            annex_line: annex_line.as_deref().and_then(compile),
            words,
            ranges: ranges.iter().map(|r| r.to_lowercase()).collect(),
            sub_reference,
            internal_after: many("internal-after"),
            external_after: many("external-after"),
            external_before: many("external-before"),
            ignore_before: many("ignore-before"),
            chain: compile(&format!(
                r"^,?\s*(?:{})\s+(?:de\s+|het\s+|the\s+)?$",
                word_pattern(&chain_words)
            )),
        }
    }
}

/// What the document has that references can point at.
struct Targets {
    points: HashSet<u32>,
    /// Normalised heading numbers, and the leading parts of dotted ones.
    sections: HashSet<String>,
    footnotes: HashSet<u32>,
    /// Annex numbers; `None` for an unnumbered annex.
    annexes: Vec<Option<u32>>,
}

impl Targets {
    fn of(doc: &Document, patterns: &XrefPatterns) -> Self {
        let points = doc
            .points
            .iter()
            .filter(|p| p.scheme == Scheme::Arabic)
            .map(|p| p.value)
            .collect();
        let mut sections = HashSet::new();
        for n in doc.headings.iter().filter_map(|h| h.number.as_deref()) {
            let n = normalise_number(n);
            let mut prefix = String::new();
            for part in n.split('.') {
                if !prefix.is_empty() {
                    prefix.push('.');
                }
                prefix.push_str(part);
                sections.insert(prefix.clone());
            }
        }
        let footnotes = doc
            .footnote_refs
            .iter()
            .filter_map(|r| r.number)
            .chain(doc.footnote_defs.iter().filter_map(|d| d.number))
            .collect();
        let mut annexes = Vec::new();
        if let Some(re) = &patterns.annex_line {
            for c in re.captures_iter(doc.text()) {
                let starts_upper = c
                    .name("word")
                    .and_then(|w| w.as_str().chars().next())
                    .is_some_and(char::is_uppercase);
                if starts_upper {
                    annexes.push(c.name("id").and_then(|i| id_value(i.as_str())));
                }
            }
        }
        Targets {
            points,
            sections,
            footnotes,
            annexes,
        }
    }

    /// Whether the document numbers its parts of this kind at all. A document without
    /// numbered points or sections (a press release, a communication) cannot mean one
    /// of its own by "punt 12": such a reference is to another document.
    fn numbers(&self, kind: TargetKind) -> bool {
        match kind {
            TargetKind::Point => !self.points.is_empty(),
            TargetKind::Paragraph => !self.points.is_empty() || !self.sections.is_empty(),
            TargetKind::Section => !self.sections.is_empty(),
            TargetKind::Footnote | TargetKind::Annex => true,
        }
    }

    fn has(&self, kind: TargetKind, id: &str) -> bool {
        let norm = normalise_number(id);
        let value = id_value(id);
        match kind {
            TargetKind::Point => match value {
                Some(v) if norm.chars().all(|c| c.is_ascii_digit()) => self.points.contains(&v),
                _ => self.sections.contains(&norm),
            },
            TargetKind::Paragraph => {
                let is_point = norm.chars().all(|c| c.is_ascii_digit())
                    && value.is_some_and(|v| self.points.contains(&v));
                is_point || self.sections.contains(&norm)
            }
            TargetKind::Section => self.sections.contains(&norm),
            TargetKind::Footnote => value.is_some_and(|v| self.footnotes.contains(&v)),
            TargetKind::Annex => match value {
                Some(v) => self
                    .annexes
                    .iter()
                    .any(|a| *a == Some(v) || (a.is_none() && v == 1)),
                None => !self.annexes.is_empty(),
            },
        }
    }
}

/// One reference found in a text.
#[derive(Debug)]
struct Reference {
    /// Byte range in the text.
    start: usize,
    end: usize,
    kind: TargetKind,
    ids: Vec<String>,
    word: String,
    ids_text: String,
}

/// The ids of a reference: "3 tot en met 5" → 3, 4, 5; "12 en 13" → 12, 13.
fn expand_ids(ids: &str, patterns: &XrefPatterns) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev_end = 0;
    let mut prev: Option<&str> = None;
    for m in patterns.id.find_iter(ids) {
        let sep = ids[prev_end..m.start()].trim().to_lowercase();
        let id = m.as_str();
        if let (Some(lo), true) = (prev, patterns.ranges.contains(&sep)) {
            out.extend(range_between(lo, id));
        }
        out.push(id.to_string());
        prev = Some(id);
        prev_end = m.end();
    }
    out
}

/// The ids strictly between two ends of a range, written like them.
fn range_between(lo: &str, hi: &str) -> Vec<String> {
    let (lp, hp) = (lo.rsplit_once('.'), hi.rsplit_once('.'));
    let (prefix, lo_last, hi_last) = match (lp, hp) {
        (Some((a, x)), Some((b, y))) if a == b => (format!("{a}."), x, y),
        (None, None) => (String::new(), lo, hi),
        _ => return Vec::new(),
    };
    let (Some(l), Some(h)) = (id_value(lo_last), id_value(hi_last)) else {
        return Vec::new();
    };
    if h <= l.saturating_add(1) || h - l > 100 {
        return Vec::new();
    }
    let roman = !lo_last.chars().all(|c| c.is_ascii_digit());
    ((l + 1)..h)
        .map(|v| {
            if roman {
                format!("{prefix}{}", to_roman(v).to_uppercase())
            } else {
                format!("{prefix}{v}")
            }
        })
        .collect()
}

/// The largest char boundary at or below `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// How much text before a reference the external-before markers see.
const BEFORE_WINDOW: usize = 160;

/// The references of one text, each marked internal (kept) or external (dropped).
fn internal_references(text: &str, patterns: &XrefPatterns) -> Vec<Reference> {
    let Some(re) = &patterns.reference else {
        return Vec::new();
    };
    let mut refs: Vec<Reference> = Vec::new();
    for c in re.captures_iter(text) {
        let (Some(all), Some(word), Some(ids)) = (c.get(0), c.name("word"), c.name("ids")) else {
            continue;
        };
        let lw = word.as_str().to_lowercase();
        let Some(kind) = patterns
            .words
            .iter()
            .find(|(w, _)| *w == lw)
            .map(|(_, k)| *k)
        else {
            continue;
        };
        refs.push(Reference {
            start: all.start(),
            end: all.end(),
            kind,
            ids: expand_ids(ids.as_str(), patterns),
            word: word.as_str().to_string(),
            ids_text: ids.as_str().to_string(),
        });
    }
    // Decide from the last reference backwards: a reference linked to the next one
    // ("punt 3 van bijlage II bij …") goes where that one goes.
    let mut external = vec![false; refs.len()];
    for k in (0..refs.len()).rev() {
        let r = &refs[k];
        let from = floor_boundary(text, r.start.saturating_sub(BEFORE_WINDOW));
        let before = &text[from..r.start];
        if patterns.ignore_before.iter().any(|p| p.is_match(before)) {
            // Not a reference at all ("this section 2 Member States").
            external[k] = true;
            continue;
        }
        let mut after = &text[r.end..];
        if let Some(m) = patterns.sub_reference.as_ref().and_then(|s| s.find(after)) {
            after = &after[m.end()..];
        }
        let after_end = text.len() - after.len();
        if let Some(next) = refs.get(k + 1) {
            let between = &text[after_end.min(next.start)..next.start];
            if patterns.chain.as_ref().is_some_and(|c| c.is_match(between)) {
                external[k] = external[k + 1];
                continue;
            }
        }
        if patterns.internal_after.iter().any(|p| p.is_match(after)) {
            continue;
        }
        if patterns.external_after.iter().any(|p| p.is_match(after)) {
            external[k] = true;
            continue;
        }
        external[k] = patterns.external_before.iter().any(|p| p.is_match(before));
    }
    refs.into_iter()
        .zip(external)
        .filter(|(_, e)| !e)
        .map(|(r, _)| r)
        .collect()
}

/// A reference that points nowhere: where it is (source span), what it says, and the
/// ids it names that the document does not have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dangling {
    pub span: Span,
    pub kind: TargetKind,
    pub written: String,
    pub missing: Vec<String>,
}

/// Every internal reference in the document's running text that points nowhere.
pub fn dangling_references(doc: &Document, pack: &Pack) -> Vec<Dangling> {
    let patterns = pack.compiled::<XrefPatterns>();
    let references: Vec<_> = doc
        .texts()
        .filter(|(role, _)| *role != TextRole::Heading)
        .flat_map(|(_, text)| {
            internal_references(text.as_str(), &patterns)
                .into_iter()
                .map(move |r| (text, r))
        })
        .collect();
    // Most texts refer to no part of themselves: then the targets are not needed.
    if references.is_empty() {
        return Vec::new();
    }
    let targets = Targets::of(doc, &patterns);
    let mut out = Vec::new();
    for (text, r) in references {
        if !targets.numbers(r.kind) {
            continue;
        }
        let missing: Vec<String> = r
            .ids
            .iter()
            .filter(|id| !targets.has(r.kind, id))
            .cloned()
            .collect();
        if missing.is_empty() {
            continue;
        }
        out.push(Dangling {
            span: text.source_span((r.start..r.end).into()),
            kind: r.kind,
            written: format!("{} {}", r.word, r.ids_text),
            missing,
        });
    }
    out.sort_by_key(|d| d.span.start);
    out
}

/// Ids for a message, runs of consecutive numbers joined: "5–9, 12".
fn compress(ids: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut run: Option<(u32, u32)> = None;
    let flush = |run: &mut Option<(u32, u32)>, parts: &mut Vec<String>| {
        if let Some((a, b)) = run.take() {
            parts.push(if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            });
        }
    };
    for id in ids {
        match id.parse::<u32>() {
            Ok(v) => match run {
                Some((a, b)) if b.checked_add(1) == Some(v) => run = Some((a, v)),
                _ => {
                    flush(&mut run, &mut parts);
                    run = Some((v, v));
                }
            },
            Err(_) => {
                flush(&mut run, &mut parts);
                parts.push(id.clone());
            }
        }
    }
    flush(&mut run, &mut parts);
    parts.join(", ")
}

/// A short description of what the document has, for the note.
fn inventory(doc: &Document, kind: TargetKind) -> String {
    let range = |mut v: Vec<u32>, what: &str| {
        v.sort_unstable();
        v.dedup();
        match (v.first(), v.last()) {
            (Some(a), Some(b)) if a == b => format!("the document has only {what} {a}"),
            (Some(a), Some(b)) => format!("the document's {what}s run {a}–{b}"),
            _ => format!("the document has no numbered {what}s"),
        }
    };
    match kind {
        TargetKind::Point => range(
            doc.points
                .iter()
                .filter(|p| p.scheme == Scheme::Arabic)
                .map(|p| p.value)
                .collect(),
            "point",
        ),
        TargetKind::Footnote => range(
            doc.footnote_refs.iter().filter_map(|r| r.number).collect(),
            "footnote",
        ),
        TargetKind::Section | TargetKind::Paragraph => {
            let numbers: Vec<&str> = doc
                .headings
                .iter()
                .filter_map(|h| h.number.as_deref())
                .collect();
            if numbers.is_empty() {
                "the document has no numbered headings".to_string()
            } else if numbers.len() <= 12 {
                format!("the document's numbered headings: {}", numbers.join(" "))
            } else {
                format!(
                    "the document's numbered headings: {} … {}",
                    numbers[..6].join(" "),
                    numbers[numbers.len() - 3..].join(" ")
                )
            }
        }
        TargetKind::Annex => "no line of the document marks such an annex".to_string(),
    }
}

/// Whether references of `kind` are checked in a document of `profile`. Legislative
/// text numbers its parts as articles, paragraphs, points and subparagraphs, which the
/// outline model of a communication does not hold: "paragraph 2 of this Article" would
/// point nowhere. Those references are left alone there, and a proposal's annexes are
/// published as a separate document, so its annex references are external.
fn checked_in(profile: Profile, kind: TargetKind) -> bool {
    match kind {
        TargetKind::Paragraph | TargetKind::Point | TargetKind::Section => {
            !profile.is_legislative()
        }
        TargetKind::Annex => profile != Profile::LegislativeProposal,
        TargetKind::Footnote => true,
    }
}

impl Rule for DanglingCrossReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let profile = cx.profile(doc);
        for d in dangling_references(doc, cx.pack()) {
            if !checked_in(profile, d.kind) {
                continue;
            }
            // In an act's recitals and articles, XR002 resolves annex references.
            if profile.is_legislative()
                && d.kind == TargetKind::Annex
                && super::legal_references::resolves_annexes_at(doc, d.span.start)
            {
                continue;
            }
            let what = d.kind.name();
            let missing = compress(&d.missing);
            let plural = if d.missing.len() > 1 { "s" } else { "" };
            cx.report(
                d.span,
                format!(
                    "\"{}\" points nowhere: the document has no {what}{plural} {missing}",
                    d.written
                ),
            )
            .label(format!("no such {what}"))
            .note(inventory(doc, d.kind))
            .help("cite the part as it is now numbered, or mark the reference as one to another document");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;

    fn refs(text: &str, lang: Language) -> Vec<(String, Vec<String>)> {
        let p = Pack::builtin(lang).compiled::<XrefPatterns>();
        internal_references(text, &p)
            .into_iter()
            .map(|r| (text[r.start..r.end].to_string(), r.ids))
            .collect()
    }

    #[test]
    fn references_and_their_ids() {
        assert_eq!(
            refs("zie de punten 3 tot en met 5 en punt 12.", Language::Nl),
            vec![
                (
                    "punten 3 tot en met 5".to_string(),
                    vec!["3".into(), "4".into(), "5".into()]
                ),
                ("punt 12".to_string(), vec!["12".into()])
            ]
        );
        assert_eq!(
            refs(
                "see sections 4.1 to 4.3 and Annexes II and IV",
                Language::En
            ),
            vec![
                (
                    "sections 4.1 to 4.3".to_string(),
                    vec!["4.1".into(), "4.2".into(), "4.3".into()]
                ),
                (
                    "Annexes II and IV".to_string(),
                    vec!["II".into(), "IV".into()]
                )
            ]
        );
        // Not references: a word inside another, no number, a lowercase "i" word.
        assert!(refs("het actiepunt 3 en de bijlage in kwestie", Language::Nl).is_empty());
    }

    #[test]
    fn external_references_are_dropped() {
        for t in [
            "punt 12 van de conclusies van 9 juni 2022",
            "bijlage II bij Verordening (EU) 2019/1148",
            "artikel 4, lid 1, punt 12, van de verordening",
            "punt 3 van bijlage II bij Richtlijn 2017/541",
            "COM(2020) 795 final, punt 3",
        ] {
            assert!(refs(t, Language::Nl).is_empty(), "{t}");
        }
        for t in [
            "point 12 of the conclusions of 9 June 2022",
            "Annex II to Regulation (EU) 2019/1148",
            "Article 4(1), point 12",
            "paragraph 3 of Annex II to Directive (EU) 2017/541",
        ] {
            assert!(refs(t, Language::En).is_empty(), "{t}");
        }
        assert_eq!(
            refs("punt 3 van deze conclusies", Language::Nl).len(),
            1,
            "internal"
        );
        assert_eq!(refs("point 3 of the Annex", Language::En).len(), 1);
    }
}
