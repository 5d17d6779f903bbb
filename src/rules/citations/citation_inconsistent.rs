//! CT006 `citation-inconsistent`.

use std::collections::HashMap;

use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

use super::{citations, ActKind, Citation, Cited};

declare_rule! {
    /// ## What it does
    /// Flags an act cited twice in one document in ways that cannot both be right:
    /// - the same number with two different dates ("Regulation (EU) 2022/2065 … of 19
    ///   October 2022" and "… of 19 October 2020");
    /// - the same number with two different full titles (the title after the act's
    ///   author or date, closed by the OJ reference or the short name in brackets;
    ///   their first 40 letters and digits are compared);
    /// - a number of 2015 or later cited as two kinds of act ("Regulation (EU)
    ///   2019/1937" and "Directive (EU) 2019/1937": since 2015 one number is one act);
    /// - the same full title with two numbers of the same year and kind (a mistyped
    ///   number).
    ///
    /// ## Why is this bad?
    /// At least one of the two citations is wrong, and the reader cannot tell which act
    /// is meant.
    ///
    /// ## Example
    /// ```text
    /// Regulation (EU) 2022/2065 of the European Parliament and of the Council of 19
    /// October 2022 on a Single Market For Digital Services …
    /// Regulation (EU) 2022/2056 of the European Parliament and of the Council of 19
    /// October 2022 on a Single Market For Digital Services …
    /// ```
    /// Use instead: the same number, date and title in both places.
    ///
    /// ## Profiles
    /// The same in every kind of document.
    ///
    /// ## Options
    /// None.
    pub CitationInconsistent {
        code: "CT006",
        name: "citation-inconsistent",
        group: Citations,
        level: Warning,
        summary: "the same act cited with two different numbers, dates, kinds or titles",
    }
}

/// Shortest normalised title compared, in characters: shorter ones ("on energy
/// efficiency") are shared by acts that replace each other.
const MIN_TITLE: usize = 40;

/// A title reduced to its letters and digits, lowercased (hyphenation, spacing and
/// quotation marks vary with extraction).
fn normalised(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// True when two titles differ in their first [`MIN_TITLE`] letters and digits. Only
/// the beginning is compared: a title in running text may run on into the words that
/// follow it ("… for digital services applies (OJ L …)").
fn titles_differ(a: &str, b: &str) -> bool {
    a.chars().take(MIN_TITLE).ne(b.chars().take(MIN_TITLE))
}

fn act_of(c: &Citation) -> Option<&super::ActNumber> {
    match &c.cited {
        Cited::Act(a) => Some(a),
        _ => None,
    }
}

impl Rule for CitationInconsistent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let found = citations(doc, cx.pack());
        // First citation by act, by post-2015 number, by title.
        let mut dated: HashMap<String, &Citation> = HashMap::new();
        let mut titled: HashMap<String, (&Citation, String)> = HashMap::new();
        let mut by_number: HashMap<(u32, u32), &Citation> = HashMap::new();
        let mut by_title: HashMap<(ActKind, String), &Citation> = HashMap::new();
        let mut reported: std::collections::HashSet<(String, String)> = Default::default();
        for c in &found.items {
            let Some(a) = act_of(c) else {
                continue;
            };
            if c.in_note {
                continue; // a note to the Publications Office
            }
            let key = c.key();
            let mut report = |cx: &mut Context<'_>, first: &Citation, what: String| {
                if reported.insert((first.key(), key.clone())) {
                    cx.report(c.span, format!("`{}` {what}", c.written))
                        .label("cited differently here")
                        .related(first.span, "first cited here")
                        .help("check both citations against the Official Journal");
                }
            };
            if let Some((day, year)) = c.date {
                match dated.get(&key) {
                    Some(first) => {
                        if first.date.is_some_and(|(d, y)| d != day || y != year) {
                            let was = first.date_written.as_deref().unwrap_or("");
                            let now = c.date_written.as_deref().unwrap_or("");
                            report(cx, first, format!("is dated {now} here and {was} before"));
                        }
                    }
                    None => {
                        dated.insert(key.clone(), c);
                    }
                }
            }
            if let Some(title) = c.title.as_deref().filter(|_| c.formal && c.title_closed) {
                let norm = normalised(title);
                if norm.chars().count() >= MIN_TITLE {
                    match titled.get(&key) {
                        Some((first, first_norm)) if titles_differ(first_norm, &norm) => {
                            report(cx, first, "has a different title here".to_string());
                        }
                        Some(_) => {}
                        None => {
                            titled.insert(key.clone(), (c, norm.clone()));
                        }
                    }
                    match by_title.get(&(a.kind, norm.clone())) {
                        Some(first) => {
                            let other = act_of(first).expect("an act");
                            if other.year == a.year && other.serial != a.serial {
                                report(
                                    cx,
                                    first,
                                    format!("has the title of {} cited before", first.written),
                                );
                            }
                        }
                        None => {
                            by_title.insert((a.kind, norm), c);
                        }
                    }
                }
            }
            if a.year >= 2015 && a.first == a.year.to_string() {
                match by_number.get(&(a.year, a.serial)) {
                    Some(first) => {
                        let other = act_of(first).expect("an act");
                        if other.kind != a.kind {
                            report(
                                cx,
                                first,
                                format!(
                                    "is a {} here and a {} before",
                                    a.kind.as_str(),
                                    other.kind.as_str()
                                ),
                            );
                        }
                    }
                    None => {
                        by_number.insert((a.year, a.serial), c);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_compare_on_letters_and_prefixes() {
        let a =
            normalised("on a Single Market For Digital Services and amending Directive 2000/31/EC");
        let b = normalised("on a single market for digital ser- vices, and amending");
        assert!(!titles_differ(&a, &b));
        let c = normalised("on a Single Market for Digitised Content and Services");
        assert!(titles_differ(&a, &c));
    }
}
