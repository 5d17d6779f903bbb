//! References in legislative text ("Article 12(3)", "paragraph 2 of this Article",
//! "point (b) of the first subparagraph of Article 5(1)", "Articles 5 to 9", "recital
//! 12", "Annex II", "artikel 12, lid 3", "de leden 2 en 3") read and resolved against
//! the model of the act ([`crate::document::legislative`]).
//!
//! A reference is a word and its ids, chained to other references by a comma ("Article
//! 5(1), point (b)") or a link word ("point (b) of paragraph 1", "lid 2 van dit
//! artikel"); ordinal subdivisions ("first subparagraph", "tweede alinea") are read
//! through and not checked. What follows the chain decides where it points: "of this
//! Regulation" / "of this Article" keep it in the act; "of Regulation (EU) 2019/1148",
//! "TFEU", "thereof", "of that Directive" send it to another act, and such a reference
//! is never checked. References inside an article that amends another act, and quoted
//! text, belong to the amended act and are not read.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::legal_places::Places;
use crate::document::legislative::{self, Article, LegalModel, PartKind};
use crate::document::Document;
use crate::pack::{FromPack, Pack};
use crate::source::Span;

/// What a reference word names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Article,
    Paragraph,
    Point,
    Recital,
    Annex,
}

/// The `[legislative.references]` section of a pack, compiled once per pack.
pub struct Grammar {
    word: Option<Regex>,
    /// The same words, anchored at the start.
    word_here: Option<Regex>,
    kinds: Vec<(String, Kind)>,
    /// ", first subparagraph" / "of the second sentence" (read through).
    subdivision: Option<Regex>,
    /// A separator between two ids: group `sep`.
    separator: Option<Regex>,
    ranges: Vec<String>,
    /// ", " or " of the " before the next reference of a chain.
    link: Option<Regex>,
    this_article: Vec<Regex>,
    internal_after: Vec<Regex>,
    external_after: Vec<Regex>,
    external_before: Vec<Regex>,
    /// Every pattern that did not compile (pack validation reports them).
    pub errors: Vec<String>,
}

fn escape_words(words: &[String]) -> String {
    let mut w: Vec<String> = words.iter().map(|s| regex::escape(s)).collect();
    w.sort_by_key(|s| std::cmp::Reverse(s.len()));
    w.join("|")
}

impl FromPack for Grammar {
    fn from_pack(pack: &Pack) -> Self {
        let key = |k: &str| pack.strings(&format!("legislative.references.{k}"));
        let mut kinds = Vec::new();
        for (k, kind) in [
            ("article", Kind::Article),
            ("paragraph", Kind::Paragraph),
            ("point", Kind::Point),
            ("recital", Kind::Recital),
            ("annex", Kind::Annex),
        ] {
            for w in key(k) {
                kinds.push((w.to_lowercase(), kind));
            }
        }
        let mut errors = Vec::new();
        let mut compile = |p: String| match Regex::new(&p) {
            Ok(r) => Some(r),
            Err(e) => {
                errors.push(format!(
                    "`legislative.references`: invalid pattern `{p}`: {e}"
                ));
                None
            }
        };
        let all: Vec<String> = kinds.iter().map(|(w, _)| w.clone()).collect();
        let word = (!all.is_empty())
            .then(|| compile(format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", escape_words(&all))))
            .flatten();
        let word_here = (!all.is_empty())
            .then(|| compile(format!(r"(?i)^(?:{})(?-u:\b)", escape_words(&all))))
            .flatten();
        let ordinals = key("ordinals");
        let subdivisions = key("subdivisions");
        let determiners = key("determiners");
        let links = key("links");
        let det = if determiners.is_empty() {
            String::new()
        } else {
            format!(r"(?:(?:{})\s+)?", escape_words(&determiners))
        };
        let subdivision = (!ordinals.is_empty() && !subdivisions.is_empty())
            .then(|| {
                compile(format!(
                    r"(?i)^\s*(?:,\s*|\s+(?:{})\s+{det})(?:{})\s+(?:{})(?-u:\b)",
                    escape_words(&links),
                    escape_words(&ordinals),
                    escape_words(&subdivisions)
                ))
            })
            .flatten();
        let ranges = key("range");
        let mut seps: Vec<String> = key("list");
        seps.extend(ranges.iter().cloned());
        let separator = (!seps.is_empty())
            .then(|| {
                let alts: Vec<String> = {
                    let mut s = seps.clone();
                    s.sort_by_key(|x| std::cmp::Reverse(x.len()));
                    s.iter()
                        .map(|x| {
                            let e = regex::escape(x);
                            if x.starts_with(char::is_alphanumeric) {
                                format!(r"\s+{e}\s+")
                            } else {
                                format!(r"\s*{e}\s*")
                            }
                        })
                        .collect()
                };
                compile(format!(r"(?i)^(?:\s*,)?(?P<sep>{})", alts.join("|")))
            })
            .flatten();
        let link = (!links.is_empty())
            .then(|| {
                compile(format!(
                    r"(?i)^(?:\s*,\s*|\s+(?:{})\s+{det})",
                    escape_words(&links)
                ))
            })
            .flatten();
        let many = |k: &str, errors: &mut Vec<String>| -> Vec<Regex> {
            key(k)
                .into_iter()
                .filter_map(|p| match Regex::new(&format!("(?i){p}")) {
                    Ok(r) => Some(r),
                    Err(e) => {
                        errors.push(format!(
                            "`legislative.references.{k}`: invalid pattern `{p}`: {e}"
                        ));
                        None
                    }
                })
                .collect()
        };
        let this_article = many("this-article", &mut errors);
        let internal_after = many("internal-after", &mut errors);
        let external_after = many("external-after", &mut errors);
        let external_before = many("external-before", &mut errors);
        Grammar {
            word,
            word_here,
            kinds,
            subdivision,
            separator,
            ranges: ranges.iter().map(|r| r.to_lowercase()).collect(),
            link,
            this_article,
            internal_after,
            external_after,
            external_before,
            errors,
        }
    }
}

/// "12", "12a" and what follows it in brackets: "(3)", "(3)(b)".
static ARTICLE_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,3}[a-z]{0,2})(?-u:\b)(?:\s?\((\d{1,3}[a-z]?)\))?((?:\([a-z]{1,5}\))*)")
        .expect("article id")
});
/// "(4)" after "Article 5(3)" and a separator.
static PARAGRAPH_IN_BRACKETS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\((\d{1,3}[a-z]?)\)").expect("paragraph id"));
static PARAGRAPH_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,3}[a-z]?)(?-u:\b)((?:\([a-z]{1,5}\))*)").expect("paragraph id")
});
/// "(b)", "b)", "(27)", "27", "(a)(ii)".
static POINT_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\(([a-z]{1,5}|\d{1,3})\)|([a-z]{1,2}|\d{1,3})\)|(\d{1,3})(?-u:\b))((?:\([a-z]{1,5}\))*)")
        .expect("point id")
});
static RECITAL_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(?(\d{1,3})\)?(?-u:\b)").expect("recital id"));
static ANNEX_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXLC]{1,7}|\d{1,2})(?-u:\b)").expect("annex id"));
static BRACKETED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([a-z]{1,5})\)").expect("bracketed"));

/// One id of a reference with what it carries: "5(1)(b)" → id 5, paragraph 1, points b.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Item {
    id: String,
    paragraphs: Vec<String>,
    points: Vec<String>,
}

/// One reference of a chain: its kind and items.
#[derive(Clone, Debug)]
struct Component {
    kind: Kind,
    items: Vec<Item>,
}

/// A reference chain in the text.
#[derive(Clone, Debug)]
pub struct Reference {
    /// Source span of the chain.
    pub span: Span,
    components: Vec<Component>,
}

fn bracketed(s: &str) -> Vec<String> {
    BRACKETED
        .captures_iter(s)
        .map(|c| c[1].to_string())
        .collect()
}

/// Read one id of a kind at the start of `s`: the item and its length.
fn read_item(g: &Grammar, kind: Kind, s: &str) -> Option<(Item, usize)> {
    let (item, len) = match kind {
        Kind::Article => {
            let c = ARTICLE_ID.captures(s)?;
            let mut item = Item {
                id: c[1].to_string(),
                paragraphs: c
                    .get(2)
                    .map(|m| vec![m.as_str().to_string()])
                    .unwrap_or_default(),
                points: c.get(3).map(|m| bracketed(m.as_str())).unwrap_or_default(),
            };
            let mut len = c[0].len();
            // "Article 5(1) and (2)", "Article 5(1), (2) and (4)".
            if !item.paragraphs.is_empty() && item.points.is_empty() {
                while let Some((sep_len, _)) = separator_at(g, &s[len..]) {
                    let Some(p) = PARAGRAPH_IN_BRACKETS.captures(&s[len + sep_len..]) else {
                        break;
                    };
                    item.paragraphs.push(p[1].to_string());
                    len += sep_len + p[0].len();
                }
            }
            (item, len)
        }
        Kind::Paragraph => {
            let c = PARAGRAPH_ID.captures(s)?;
            (
                Item {
                    id: c[1].to_string(),
                    paragraphs: Vec::new(),
                    points: c.get(2).map(|m| bracketed(m.as_str())).unwrap_or_default(),
                },
                c[0].len(),
            )
        }
        Kind::Point => {
            let c = POINT_ID.captures(s)?;
            let id = c.get(1).or(c.get(2)).or(c.get(3))?.as_str().to_string();
            (
                Item {
                    id,
                    paragraphs: Vec::new(),
                    points: c.get(4).map(|m| bracketed(m.as_str())).unwrap_or_default(),
                },
                c[0].len(),
            )
        }
        Kind::Recital => {
            let c = RECITAL_ID.captures(s)?;
            (
                Item {
                    id: c[1].to_string(),
                    ..Item::default()
                },
                c[0].len(),
            )
        }
        Kind::Annex => {
            let c = ANNEX_ID.captures(s)?;
            (
                Item {
                    id: c[1].to_string(),
                    ..Item::default()
                },
                c[0].len(),
            )
        }
    };
    // Not an id: an act number ("2019/1148"), a decimal, a date.
    let rest = &s[len..];
    if rest.starts_with('/')
        || rest.starts_with(['.', ','].as_slice())
            && rest[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    Some((item, len))
}

/// A separator at the start of `s`: its length and whether it is a range.
fn separator_at(g: &Grammar, s: &str) -> Option<(usize, bool)> {
    let c = g.separator.as_ref()?.captures(s)?;
    let sep = c.name("sep")?.as_str().trim().to_lowercase();
    Some((c[0].len(), g.ranges.contains(&sep)))
}

/// The ids strictly between two ends of a range, for numbers and single letters.
fn between(kind: Kind, lo: &str, hi: &str) -> Vec<String> {
    if let (Ok(a), Ok(b)) = (lo.parse::<u32>(), hi.parse::<u32>()) {
        if b > a + 1 && b - a <= 40 {
            return ((a + 1)..b).map(|v| v.to_string()).collect();
        }
        return Vec::new();
    }
    let single = |s: &str| {
        (s.len() == 1)
            .then(|| s.as_bytes()[0])
            .filter(u8::is_ascii_lowercase)
    };
    if kind == Kind::Point {
        // Letters only: "(a) to (d)"; "(i) to (iv)" is read as its two ends.
        if let (Some(a), Some(b)) = (single(lo), single(hi)) {
            if b > a + 1 && !(a == b'i' || matches!(hi, "v" | "x")) {
                return ((a + 1)..b).map(|c| char::from(c).to_string()).collect();
            }
        }
    }
    if kind == Kind::Annex {
        let (Some(a), Some(b)) = (
            crate::rules::numbering::id_value(lo),
            crate::rules::numbering::id_value(hi),
        ) else {
            return Vec::new();
        };
        if b > a + 1 && b - a <= 20 {
            let roman = !lo.chars().all(|c| c.is_ascii_digit());
            return ((a + 1)..b)
                .map(|v| {
                    if roman {
                        crate::rules::numbering::to_roman(v).to_uppercase()
                    } else {
                        v.to_string()
                    }
                })
                .collect();
        }
    }
    Vec::new()
}

/// The items of one reference: an id, then more ids after separators.
fn read_items(g: &Grammar, kind: Kind, s: &str) -> Option<(Vec<Item>, usize)> {
    let (first, mut len) = read_item(g, kind, s)?;
    let mut items = vec![first];
    while let Some((sep_len, range)) = separator_at(g, &s[len..]) {
        let Some((item, l)) = read_item(g, kind, &s[len + sep_len..]) else {
            break;
        };
        if range {
            let lo = items.last().map(|i| i.id.clone()).unwrap_or_default();
            for id in between(kind, &lo, &item.id) {
                items.push(Item {
                    id,
                    ..Item::default()
                });
            }
        }
        items.push(item);
        len += sep_len + l;
    }
    Some((items, len))
}

impl Grammar {
    fn kind_of(&self, word: &str) -> Option<Kind> {
        let lw = word.to_lowercase();
        self.kinds.iter().find(|(w, _)| *w == lw).map(|(_, k)| *k)
    }

    /// A reference word and its items at the start of `s`.
    fn component_at(&self, s: &str) -> Option<(Component, usize)> {
        let m = self.word_here.as_ref()?.find(s)?;
        let kind = self.kind_of(m.as_str())?;
        let ws = s[m.end()..].len() - s[m.end()..].trim_start().len();
        if ws == 0 && kind != Kind::Point || ws > 3 {
            return None;
        }
        let (items, len) = read_items(self, kind, &s[m.end() + ws..])?;
        Some((Component { kind, items }, m.end() + ws + len))
    }
}

/// How much text after a chain the markers see.
const AFTER_WINDOW: usize = 200;

/// How much text before a chain the external-before markers see.
const BEFORE_WINDOW: usize = 100;

/// At most this many points in the paragraphs a reference points into are searched
/// (a bound on the work per reference); beyond it the points are not checked.
const MAX_POINTS_SEARCHED: usize = 2_000;

/// Every reference chain in `text` (a slice of the source starting at `base`), with the
/// verdict on where it points: only the ones into this act are returned.
fn internal_chains(text: &str, base: usize, g: &Grammar) -> Vec<Reference> {
    let Some(word) = &g.word else {
        return Vec::new();
    };
    let mut out: Vec<(Reference, bool, bool)> = Vec::new();
    let mut from = 0;
    while let Some(m) = word.find_at(text, from) {
        let start = m.start();
        from = m.end();
        // Quoted text belongs to another act.
        if text[..start]
            .trim_end()
            .ends_with(['‘', '“', '"', '\'', '„'])
        {
            continue;
        }
        let Some((first, len)) = g.component_at(&text[start..]) else {
            continue;
        };
        let mut components = vec![first];
        let mut end = start + len;
        let mut this_article = false;
        loop {
            let rest = &text[end..];
            if let Some(s) = g.subdivision.as_ref().and_then(|r| r.find(rest)) {
                end += s.end();
                continue;
            }
            if let Some(t) = g.this_article.iter().find_map(|r| r.find(rest)) {
                this_article = true;
                end += t.end();
                break;
            }
            let Some(l) = g.link.as_ref().and_then(|r| r.find(rest)) else {
                break;
            };
            let Some((c, len)) = g.component_at(&rest[l.end()..]) else {
                break;
            };
            if components.iter().any(|k| k.kind == c.kind) {
                break;
            }
            components.push(c);
            end += l.end() + len;
        }
        from = end.max(from);
        // The markers look at what follows the chain, within a short window.
        let mut stop = (end + AFTER_WINDOW).min(text.len());
        while !text.is_char_boundary(stop) {
            stop -= 1;
        }
        let after = &text[end..stop];
        let mut back = start.saturating_sub(BEFORE_WINDOW);
        while !text.is_char_boundary(back) {
            back += 1;
        }
        let before = &text[back..start];
        let internal = g.internal_after.iter().any(|r| r.is_match(after));
        let external = !internal
            && !this_article
            && (g.external_after.iter().any(|r| r.is_match(after))
                || g.external_before.iter().any(|r| r.is_match(before)));
        out.push((
            Reference {
                span: Span::new(base + start, base + end),
                components,
            },
            external,
            internal || this_article,
        ));
    }
    // "artikel 32, lid 3, en artikel 51 van Richtlijn …": a chain followed by a list
    // separator and another chain goes where that one goes, unless it said so itself.
    for k in (0..out.len().saturating_sub(1)).rev() {
        let (a, b) = (out[k].0.span.end - base, out[k + 1].0.span.start - base);
        if out[k].2 || a > b {
            continue;
        }
        let between = &text[a..b];
        if between.trim().is_empty() {
            continue;
        }
        if separator_at(g, between).is_some_and(|(len, _)| len == between.len()) {
            out[k].1 = out[k + 1].1;
        }
    }
    out.into_iter()
        .filter(|(_, external, _)| !external)
        .map(|(r, _, _)| r)
        .collect()
}

/// A reference that points nowhere in the act, and what it should have pointed to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unresolved {
    pub span: Span,
    /// The reference as written.
    pub written: String,
    /// "Article 95", "paragraph 4 of Article 12", "point (e) of Article 5(1)".
    pub missing: String,
    /// What the act has there ("its paragraphs run 1–3").
    pub inventory: String,
    /// The heading of the article the reference points into, when it exists.
    pub article: Option<Span>,
}

fn range_of<T: AsRef<str>>(ids: &[T]) -> String {
    match (ids.first(), ids.last()) {
        (Some(a), Some(b)) if a.as_ref() == b.as_ref() => a.as_ref().to_string(),
        (Some(a), Some(b)) => format!("{}–{}", a.as_ref(), b.as_ref()),
        _ => "none".to_string(),
    }
}

fn paragraph_inventory(a: &Article, places: &Places) -> String {
    let n: Vec<&str> = a
        .numbered_paragraphs()
        .filter_map(|p| p.number.as_deref())
        .collect();
    format!(
        "{} has paragraphs {}",
        places.article(&a.number),
        range_of(&n)
    )
}

/// Resolve one chain against the model; None when it points somewhere that exists (or
/// somewhere the model cannot judge).
fn resolve(
    r: &Reference,
    written: &str,
    model: &LegalModel,
    at: usize,
    places: &Places,
) -> Option<Unresolved> {
    let get = |k: Kind| r.components.iter().find(|c| c.kind == k);
    let miss = |missing: String, inventory: String, article: Option<&Article>| {
        Some(Unresolved {
            span: r.span,
            written: written.to_string(),
            missing,
            inventory,
            article: article.map(|a| a.heading_span),
        })
    };
    if let Some(c) = get(Kind::Recital) {
        if !model.recitals_sure || r.components.len() > 1 {
            return None;
        }
        let max = model.recitals.last().map_or(0, |x| x.number);
        let bad: Vec<&str> = c
            .items
            .iter()
            .filter(|i| i.id.parse::<u32>().map_or(true, |v| v == 0 || v > max))
            .map(|i| i.id.as_str())
            .collect();
        if bad.is_empty() {
            return None;
        }
        return miss(
            places.recital(&bad.join(", ")),
            format!("the recitals run 1–{max}"),
            None,
        );
    }
    if let Some(c) = get(Kind::Annex) {
        if !model.annexes_sure || r.components.len() > 1 {
            // No annex in this document (they are published separately), or annexes
            // the model could not all read.
            return None;
        }
        let has = |id: &str| {
            model.annexes.iter().any(|a| match &a.number {
                Some(n) => n == id,
                None => id == "I" || id == "1",
            })
        };
        let bad: Vec<&str> = c
            .items
            .iter()
            .map(|i| i.id.as_str())
            .filter(|id| !has(id))
            .collect();
        if bad.is_empty() {
            return None;
        }
        let have: Vec<&str> = model
            .annexes
            .iter()
            .map(|a| a.number.as_deref().unwrap_or("(unnumbered)"))
            .collect();
        return miss(
            places.annex(&bad.join(", ")),
            format!("the act's annexes: {}", have.join(", ")),
            None,
        );
    }
    // Which articles: named, or the one the reference stands in.
    let named = get(Kind::Article);
    let current = model.article_at(at);
    let in_enacting = model.part_at(at) == Some(PartKind::EnactingTerms);
    let paragraphs = get(Kind::Paragraph);
    let points = get(Kind::Point);
    let articles: Vec<(&Item, Option<&Article>)> = match named {
        Some(c) => c.items.iter().map(|i| (i, model.article(&i.id))).collect(),
        None => {
            if !in_enacting || (paragraphs.is_none() && points.is_none()) {
                return None;
            }
            let a = current?;
            let (missing, inventory) =
                check_in_article(a, &Item::default(), paragraphs, points, places)?;
            return miss(missing, inventory, Some(a));
        }
    };
    let last = model.articles.last().map_or(0, |a| a.value);
    for (item, article) in &articles {
        match article {
            None => {
                return miss(
                    places.article(&item.id),
                    format!("the act's articles run 1–{last}"),
                    None,
                );
            }
            Some(a) => {
                // Paragraphs and points belong to a single named article.
                let (p, q) = if articles.len() == 1 {
                    (paragraphs, points)
                } else {
                    (None, None)
                };
                if let Some((missing, inventory)) = check_in_article(a, item, p, q, places) {
                    return miss(missing, inventory, Some(a));
                }
            }
        }
    }
    None
}

/// What a reference misses in an article: (the missing place, what the article has).
type Miss = (String, String);

fn check_in_article(
    a: &Article,
    item: &Item,
    paragraphs: Option<&Component>,
    points: Option<&Component>,
    places: &Places,
) -> Option<Miss> {
    let mut paragraph_ids: Vec<String> = item.paragraphs.clone();
    let mut point_ids: Vec<Vec<String>> = Vec::new();
    if !item.points.is_empty() {
        point_ids.push(item.points.clone());
    }
    if let Some(p) = paragraphs {
        if paragraph_ids.is_empty() {
            for i in &p.items {
                paragraph_ids.push(i.id.clone());
                if !i.points.is_empty() {
                    point_ids.push(i.points.clone());
                }
            }
        }
    }
    if let Some(q) = points {
        for i in &q.items {
            let mut path = vec![i.id.clone()];
            path.extend(i.points.iter().cloned());
            point_ids.push(path);
        }
    }
    let numbered = a.numbered_paragraphs().count() > 0 && a.paragraphs_sure;
    let mut targets = Vec::new();
    for id in &paragraph_ids {
        if !numbered {
            // The model found no numbered paragraphs here: nothing to judge against.
            return None;
        }
        match a.paragraph(id) {
            Some(p) => targets.push(p),
            None => {
                return Some((
                    places.paragraph_of(id, &a.number),
                    paragraph_inventory(a, places),
                ));
            }
        }
    }
    if point_ids.is_empty() {
        return None;
    }
    let scope: Vec<_> = if targets.is_empty() {
        a.paragraphs.iter().collect()
    } else {
        targets
    };
    let searched: usize = scope.iter().map(|p| p.points.len()).sum();
    if searched == 0 || searched > MAX_POINTS_SEARCHED || scope.iter().any(|p| !p.points_sure) {
        return None;
    }
    for path in &point_ids {
        for label in path {
            if !scope.iter().any(|p| p.has_point(label)) {
                let place = if paragraph_ids.len() == 1 {
                    places.article_paragraph(&a.number, &paragraph_ids[0])
                } else {
                    places.article(&a.number)
                };
                let labels: Vec<String> = scope
                    .iter()
                    .flat_map(|p| p.points.iter().filter(|q| q.depth == 1))
                    .map(|q| q.label.clone())
                    .collect();
                return Some((
                    places.point_of(label, &place),
                    format!("{place} has points {}", range_of(&labels)),
                ));
            }
        }
    }
    None
}

/// Whether XR002 judges an annex reference at this offset: the model is sure, holds
/// annexes, and the offset is in the recitals or the enacting terms.
pub fn resolves_annexes_at(doc: &Document, offset: usize) -> bool {
    let model = legislative::of(doc);
    model.sure
        && model.annexes_sure
        && matches!(
            model.part_at(offset),
            Some(PartKind::Recitals | PartKind::EnactingTerms)
        )
}

/// Every reference of the act's recitals and enacting terms that points nowhere in it.
/// Empty when the model is not sure of the act's structure.
pub fn unresolved(doc: &Document, pack: &Pack) -> Vec<Unresolved> {
    if !legislative::of(doc).sure {
        return Vec::new();
    }
    internal_references(doc, pack)
        .into_iter()
        .filter_map(|(_, _, u)| u)
        .collect()
}

/// Every reference into the act itself found in its recitals and enacting terms: its
/// span, the text as written (whitespace collapsed), and what it misses, if anything.
pub fn internal_references(doc: &Document, pack: &Pack) -> Vec<(Span, String, Option<Unresolved>)> {
    let model = legislative::of(doc);
    let g = pack.compiled::<Grammar>();
    let places = pack.compiled::<Places>();
    let text = doc.text();
    let mut skip: Vec<Span> = doc
        .furniture
        .iter()
        .map(|f| f.span)
        .chain(doc.footnote_defs.iter().map(|d| d.span))
        .chain(doc.footnote_refs.iter().map(|r| r.span))
        .collect();
    skip.sort_by_key(|s| s.start);
    let overlaps = |span: Span| {
        let k = skip.partition_point(|s| s.start < span.end);
        skip[..k].iter().rev().take(8).any(|s| s.end > span.start)
    };
    let mut out = Vec::new();
    for part in &model.parts {
        if !matches!(part.kind, PartKind::Recitals | PartKind::EnactingTerms) {
            continue;
        }
        let s = &text[part.span.start..part.span.end];
        for r in internal_chains(s, part.span.start, &g) {
            if overlaps(r.span) {
                continue;
            }
            let article = model.article_at(r.span.start);
            // An article's own heading, and everything in an article that amends another act.
            if article.is_some_and(|a| a.amending || a.heading_span.start == r.span.start) {
                continue;
            }
            let written: String = text[r.span.start..r.span.end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let u = resolve(&r, &written, &model, r.span.start, &places);
            out.push((r.span, written, u));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::Language;

    fn chains(text: &str, lang: Language) -> Vec<String> {
        let g = Pack::builtin(lang).compiled::<Grammar>();
        internal_chains(text, 0, &g)
            .into_iter()
            .map(|r| text[r.span.start..r.span.end].to_string())
            .collect()
    }

    #[test]
    fn chains_are_read_whole() {
        assert_eq!(
            chains(
                "as referred to in point (b) of the first subparagraph of Article 5(1) and in Articles 5 to 9.",
                Language::En
            ),
            vec![
                "point (b) of the first subparagraph of Article 5(1)",
                "Articles 5 to 9"
            ]
        );
        assert_eq!(
            chains(
                "paragraph 2 of this Article and Article 12(3), point (a)",
                Language::En
            ),
            vec!["paragraph 2 of this Article", "Article 12(3), point (a)"]
        );
        assert_eq!(
            chains(
                "bedoeld in artikel 12, lid 3, en de leden 2 en 3",
                Language::Nl
            ),
            vec!["artikel 12, lid 3", "leden 2 en 3"]
        );
    }

    #[test]
    fn references_to_other_acts_are_dropped() {
        for t in [
            "Article 5 of Regulation (EU) 2019/1148",
            "Article 290 TFEU",
            "in particular Article 114 thereof",
            "Article 3, point (1), of Directive 2011/83/EU",
            "paragraph 2 of that Article",
            "In accordance with Regulation (EU) 2016/679, in particular Article 22, the data",
        ] {
            assert!(chains(t, Language::En).is_empty(), "{t}");
        }
        for t in [
            "artikel 4 van Richtlijn 2010/75/EU",
            "artikel 290 VWEU",
            "overeenkomstig Verordening (EU) 2016/679, met name artikel 22, moeten",
        ] {
            assert!(chains(t, Language::Nl).is_empty(), "{t}");
        }
        assert_eq!(
            chains("Article 5 of this Regulation", Language::En).len(),
            1
        );
        assert_eq!(
            chains("artikel 5 van deze verordening", Language::Nl).len(),
            1
        );
    }
}
