use super::{parse_heading_number, render_label, Counter, HeadingKind, Step};
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Checks that numbered headings run in sequence at each level: I., II., III.;
    /// 1., 2., 3. under a part; 2.1, 2.2 under section 2; i), ii), iii) under a part.
    /// Reports a gap (I, II, IV), a repeat, a number out of order, and a sub-section
    /// whose number does not match its section (3.1 under 2.). The finding sits on the
    /// heading number, with a secondary label on the previous heading of the level.
    ///
    /// Levels follow from the kinds of number, in the order the document first uses
    /// them: a kind not yet open nests under the heading before it; a kind already
    /// open closes the levels below it. Sub-numbers restart under a new parent (2.1
    /// after 1.3 is right) and may also continue the numbering of the previous parent
    /// (sections 3. and 4. under part II after 1. and 2. under part I). Each defect is
    /// reported once, as for points: a single misnumbered heading does not make the
    /// following ones wrong. Unnumbered headings are not checked.
    ///
    /// ## Why is this bad?
    /// Strategies and communications are cited by section ("section 4.2", "afdeling
    /// III"); a dropped or renumbered heading breaks every such citation and the table
    /// of contents.
    ///
    /// ## Example
    /// ```text
    /// I. Inleiding
    /// II. Een snel veranderend dreigingslandschap
    /// IV. Conclusies
    /// ```
    /// Heading III. is missing.
    ///
    /// Use instead: renumber the last heading III., or restore the missing part.
    ///
    /// ## Profiles
    /// In a `legislative-proposal` or `legal-act`, the legal text (from the citations on)
    /// is not checked: its paragraphs and points restart in every article.
    ///
    /// ## Options
    /// None.
    pub HeadingNumbering {
        code: "NU002",
        name: "heading-numbering",
        group: Numbering,
        level: Error,
        summary: "heading numbers out of sequence",
    }
}

/// What is wrong with a heading's number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeadingDefectKind {
    Sequence(Step),
    /// A dotted number whose leading parts do not match the section it sits in.
    Parent {
        expected: Vec<u32>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadingDefect {
    /// Index into `doc.headings`.
    pub heading: usize,
    pub kind: HeadingDefectKind,
    /// The previous heading of the same level, if any.
    pub previous: Option<usize>,
}

#[derive(Debug)]
struct Level {
    kind: HeadingKind,
    counter: Counter,
    /// Leading parts of a dotted number ([2] for 2.1); empty otherwise.
    prefix: Vec<u32>,
    last: usize,
}

impl Level {
    fn parts(&self) -> Vec<u32> {
        let mut p = self.prefix.clone();
        p.push(self.counter.last);
        p
    }
}

struct Numbered {
    heading: usize,
    kind: HeadingKind,
    parts: Vec<u32>,
    letter: Option<(HeadingKind, u32)>,
}

impl Numbered {
    fn value(&self) -> u32 {
        self.parts.last().copied().unwrap_or(0)
    }
    fn prefix(&self) -> &[u32] {
        &self.parts[..self.parts.len().saturating_sub(1)]
    }
}

/// How far to look for a heading's next sibling.
const LOOKAHEAD: usize = 64;

/// Walk the numbered headings in order and name every defect once.
pub fn heading_defects(doc: &Document) -> Vec<HeadingDefect> {
    let numbered: Vec<Numbered> = doc
        .headings
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let n = parse_heading_number(h.number.as_deref()?)?;
            Some(Numbered {
                heading: i,
                kind: n.kind,
                parts: n.parts,
                letter: n.as_letter,
            })
        })
        .collect();
    let mut out = Vec::new();
    let mut stack: Vec<Level> = Vec::new();
    // Last value per (non-dotted) kind anywhere, for numbering that runs on across parents.
    let mut last_of_kind: Vec<(HeadingKind, u32)> = Vec::new();
    for k in 0..numbered.len() {
        let h = resolve_letter(&numbered[k], &stack);
        let pos = stack.iter().position(|l| l.kind == h.kind);
        let ancestors: Vec<HeadingKind> = stack[..pos.unwrap_or(stack.len())]
            .iter()
            .map(|l| l.kind)
            .collect();
        let next = next_sibling(&numbered[k + 1..], &h, &ancestors);
        let value = h.value();
        let mut report = |kind, previous| {
            out.push(HeadingDefect {
                heading: h.heading,
                kind,
                previous,
            })
        };
        match pos {
            Some(p) => {
                stack.truncate(p + 1);
                let parent_parts = p
                    .checked_sub(1)
                    .and_then(|q| dotted_parent(&stack[q], h.kind));
                let parent_heading = p.checked_sub(1).map(|q| stack[q].last);
                let level = &mut stack[p];
                if h.prefix() != level.prefix.as_slice() {
                    // A dotted number under a new parent: it restarts at 1.
                    let from_parent = parent_parts.is_some();
                    let expected = parent_parts.unwrap_or_else(|| {
                        let mut e = level.prefix.clone();
                        if let Some(last) = e.last_mut() {
                            *last += 1;
                        }
                        e
                    });
                    // Under a parent heading its number is authoritative; without
                    // one the numbering goes on as written.
                    if h.prefix() != expected.as_slice() {
                        report(
                            HeadingDefectKind::Parent {
                                expected: expected.clone(),
                            },
                            parent_heading.or(Some(level.last)),
                        );
                    }
                    level.prefix = if from_parent {
                        expected
                    } else {
                        h.prefix().to_vec()
                    };
                    level.counter = Counter::new();
                }
                let step = level.counter.step(value, next);
                if step != Step::InSequence {
                    report(HeadingDefectKind::Sequence(step), Some(level.last));
                }
                level.last = h.heading;
            }
            None => {
                let parent_parts = stack.last().and_then(|l| dotted_parent(l, h.kind));
                if let Some(expected) = parent_parts.as_ref().filter(|e| e.as_slice() != h.prefix())
                {
                    let parent = stack.last().map(|l| l.last);
                    report(
                        HeadingDefectKind::Parent {
                            expected: expected.clone(),
                        },
                        parent,
                    );
                }
                let runs_on = last_of_kind
                    .iter()
                    .find(|(kind, _)| *kind == h.kind)
                    .is_some_and(|(_, last)| last.saturating_add(1) == value);
                let mut counter = Counter::new();
                if value == 1 || (runs_on && !matches!(h.kind, HeadingKind::Dotted(_))) {
                    counter = Counter::after(value);
                } else {
                    let step = counter.step(value, next);
                    if step != Step::InSequence {
                        report(HeadingDefectKind::Sequence(step), None);
                    }
                }
                stack.push(Level {
                    kind: h.kind,
                    counter,
                    prefix: parent_parts.unwrap_or_else(|| h.prefix().to_vec()),
                    last: h.heading,
                });
            }
        }
        match last_of_kind.iter_mut().find(|(kind, _)| *kind == h.kind) {
            Some(e) => e.1 = value,
            None => last_of_kind.push((h.kind, value)),
        }
    }
    out
}

/// The letter reading of "C." or "i)" when a lettered level is open and the letter
/// fits it better than the roman numeral.
fn resolve_letter(h: &Numbered, stack: &[Level]) -> Numbered {
    let mut out = Numbered {
        heading: h.heading,
        kind: h.kind,
        parts: h.parts.clone(),
        letter: None,
    };
    if let Some((kind, v)) = h.letter {
        let letters = stack.iter().find(|l| l.kind == kind);
        let roman_open = stack.iter().any(|l| l.kind == h.kind);
        if letters.is_some_and(|l| !roman_open || l.counter.expected() == v) {
            out.kind = kind;
            out.parts = vec![v];
        }
    }
    out
}

/// The parts a dotted heading of `kind` must start with under `parent`: 2.x under 2.,
/// 2.1.x under 2.1.
fn dotted_parent(parent: &Level, kind: HeadingKind) -> Option<Vec<u32>> {
    let HeadingKind::Dotted(n) = kind else {
        return None;
    };
    let fits = match parent.kind {
        HeadingKind::Arabic => n == 2,
        HeadingKind::Dotted(m) => Some(n) == m.checked_add(1),
        _ => false,
    };
    fits.then(|| parent.parts())
}

/// The value of the next heading of the same level (same kind, same prefix), unless a
/// heading of a higher level comes first.
fn next_sibling(rest: &[Numbered], h: &Numbered, ancestors: &[HeadingKind]) -> Option<u32> {
    for n in rest.iter().take(LOOKAHEAD) {
        let kinds = [Some(n.kind), n.letter.map(|l| l.0)];
        if kinds.iter().flatten().any(|k| ancestors.contains(k)) {
            return None;
        }
        if n.kind == h.kind && n.prefix() == h.prefix() {
            return Some(n.value());
        }
        if n.letter.is_some_and(|l| l.0 == h.kind) {
            return n.letter.map(|l| l.1);
        }
    }
    None
}

/// A heading number as it would be written with other parts ("2.1" → "2.3",
/// "IV." → "III.").
fn render_number(written: &str, kind: HeadingKind, parts: &[u32]) -> String {
    match kind {
        HeadingKind::Dotted(_) => {
            let joined = parts
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(".");
            if written.ends_with('.') {
                format!("{joined}.")
            } else {
                joined
            }
        }
        _ => render_label(written, kind.scheme(), parts.last().copied().unwrap_or(0)),
    }
}

impl Rule for HeadingNumbering {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let checked = super::outside_legal_text(doc, cx.profile(doc));
        for d in heading_defects(doc) {
            let h = &doc.headings[d.heading];
            if !checked(h.span.start) {
                continue;
            }
            let (Some(written), Some(span)) = (h.number.as_deref(), h.number_span) else {
                continue;
            };
            let Some(num) = parse_heading_number(written) else {
                continue;
            };
            let prev = d.previous.map(|j| &doc.headings[j]);
            let prev_number = prev.and_then(|q| q.number.as_deref()).unwrap_or("");
            // The level's kind may be the letter reading of an ambiguous number.
            let (kind, value) = match num.as_letter {
                Some((k, v))
                    if prev
                        .and_then(|q| q.number.as_deref())
                        .and_then(parse_heading_number)
                        .is_some_and(|p| p.kind == k) =>
                {
                    (k, v)
                }
                _ => (num.kind, num.value()),
            };
            let with_last = |v: u32| {
                let mut parts = num.parts.clone();
                if let Some(l) = parts.last_mut() {
                    *l = v;
                }
                render_number(written, kind, &parts)
            };
            let (message, primary, help) = match &d.kind {
                HeadingDefectKind::Sequence(Step::Misnumbered { expected }) => (
                    format!(
                        "heading {written} where {} is expected",
                        with_last(*expected)
                    ),
                    format!("expected {}", with_last(*expected)),
                    format!(
                        "renumber this heading {}: the heading after it continues from there",
                        with_last(*expected)
                    ),
                ),
                HeadingDefectKind::Sequence(Step::Swapped { expected }) => (
                    format!(
                        "headings {written} and {} are out of order",
                        with_last(*expected)
                    ),
                    format!("comes before {}", with_last(*expected)),
                    "swap the two sections, or their numbers".to_string(),
                ),
                HeadingDefectKind::Sequence(Step::Gap { expected }) => {
                    let missing = if expected.saturating_add(1) == value {
                        format!("no heading {}", with_last(*expected))
                    } else {
                        format!(
                            "no headings {} to {}",
                            with_last(*expected),
                            with_last(value.saturating_sub(1))
                        )
                    };
                    let message = match prev {
                        Some(_) => format!("heading {written} follows {prev_number}: {missing}"),
                        None => format!("the headings of this level start at {written}: {missing}"),
                    };
                    (
                        message,
                        format!("{} skipped", with_last(*expected)),
                        "renumber the headings so that none is skipped, or restore the missing section"
                            .to_string(),
                    )
                }
                HeadingDefectKind::Sequence(Step::Repeat) => (
                    format!("heading {written} repeats the previous number"),
                    "same number as the previous heading".to_string(),
                    "give each section its own number".to_string(),
                ),
                HeadingDefectKind::Sequence(Step::Restart) => (
                    format!("heading {written} restarts the numbering after {prev_number}"),
                    "restarts here".to_string(),
                    "continue the numbering of the sections".to_string(),
                ),
                HeadingDefectKind::Sequence(Step::Backwards { expected }) => (
                    format!(
                        "heading {written} comes after {prev_number}: {} is expected",
                        with_last(*expected)
                    ),
                    format!("expected {}", with_last(*expected)),
                    "renumber the headings in reading order".to_string(),
                ),
                HeadingDefectKind::Sequence(Step::InSequence) => continue,
                HeadingDefectKind::Parent { expected } => {
                    let parent = expected
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(".");
                    (
                        format!(
                            "heading {written} stands in section {parent}: expected {parent}.{value}"
                        ),
                        format!("expected {parent}.{}", value),
                        format!("number the sub-sections of section {parent} as {parent}.1, {parent}.2, …"),
                    )
                }
            };
            let mut b = cx.report(span, message).label(primary).help(help);
            if let (Some(q), Some(qs)) = (prev, prev.and_then(|q| q.number_span)) {
                let number = q.number.as_deref().unwrap_or("");
                let related = match d.kind {
                    HeadingDefectKind::Parent { .. } => format!("heading {number} comes before it"),
                    HeadingDefectKind::Sequence(_) => format!("previous heading is {number}"),
                };
                b = b.related(qs, related);
            }
            let _ = b;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Heading, SourceFile, Span, Text};

    /// A document with one heading per number, in order.
    fn defects(numbers: &[&str]) -> Vec<(String, HeadingDefectKind)> {
        let mut text = String::new();
        let mut spans = Vec::new();
        for n in numbers {
            let start = text.len();
            text.push_str(&format!("{n} Titel\n\n"));
            spans.push(Span::new(start, start + n.len()));
        }
        let mut doc = Document::empty(
            SourceFile::from_str("t.txt", &text),
            crate::document::Format::PdfText,
            crate::lang::Language::Nl,
        );
        for (n, s) in numbers.iter().zip(spans) {
            doc.headings.push(Heading {
                span: s,
                level: 2,
                number: Some(n.to_string()),
                number_span: Some(s),
                title: Text::new(),
            });
        }
        heading_defects(&doc)
            .into_iter()
            .map(|d| (numbers[d.heading].to_string(), d.kind))
            .collect()
    }

    #[test]
    fn consistent_outlines_are_silent() {
        assert!(defects(&["I.", "II.", "1.", "2.", "3.", "4.", "5."]).is_empty());
        assert!(defects(&["I.", "II.", "III.", "IV.", "1.", "2.", "3.", "4.", "V."]).is_empty());
        assert!(defects(&["I.", "II.", "i)", "ii)", "iii)"]).is_empty());
        assert!(defects(&["1.", "1.1", "1.2", "1.3", "2.", "2.1", "2.2"]).is_empty());
        assert!(defects(&["1.1", "1.2", "1.3", "2.1", "2.2"]).is_empty());
        assert!(defects(&["I.", "1.", "2.", "II.", "3.", "4."]).is_empty());
        assert!(defects(&["I.", "1.", "2.", "II.", "1.", "2."]).is_empty());
        assert!(defects(&["A.", "B.", "C.", "D."]).is_empty());
    }

    #[test]
    fn defects_are_named_once() {
        assert_eq!(
            defects(&["I.", "II.", "IV.", "V."]),
            vec![(
                "IV.".to_string(),
                HeadingDefectKind::Sequence(Step::Gap { expected: 3 })
            )]
        );
        assert_eq!(
            defects(&["I.", "1.", "2.", "4.", "II."]),
            vec![(
                "4.".to_string(),
                HeadingDefectKind::Sequence(Step::Gap { expected: 3 })
            )]
        );
        assert_eq!(
            defects(&["1.", "1.1", "1.3", "2.", "2.1"]),
            vec![(
                "1.3".to_string(),
                HeadingDefectKind::Sequence(Step::Gap { expected: 2 })
            )]
        );
        assert_eq!(
            defects(&["1.", "1.1", "2.", "3.1"]),
            vec![(
                "3.1".to_string(),
                HeadingDefectKind::Parent { expected: vec![2] }
            )]
        );
        assert_eq!(
            defects(&["I.", "II.", "II.", "III."]),
            vec![("II.".to_string(), HeadingDefectKind::Sequence(Step::Repeat))]
        );
        assert_eq!(
            defects(&["I.", "II.", "II.", "IV."]),
            vec![(
                "II.".to_string(),
                HeadingDefectKind::Sequence(Step::Misnumbered { expected: 3 })
            )]
        );
        assert_eq!(
            defects(&["I.", "II.", "i)", "ii)", "iv)"]),
            vec![(
                "iv)".to_string(),
                HeadingDefectKind::Sequence(Step::Gap { expected: 3 })
            )]
        );
    }
}
