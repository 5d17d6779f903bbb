use super::{render_label, Counter, Step};
use crate::document::{Document, ParagraphKind, Scheme};
use crate::rule::{Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Checks that numbered and lettered points run in sequence at each depth: 1., 2.,
    /// 3.; a), b), c); i), ii), iii). Reports a gap (1, 2, 4), a repeat, a restart where
    /// none belongs, a wrong letter (a, b, d), a roman sub-item out of turn (i, ii, iv),
    /// two swapped points, a label of another scheme inside a list, and a label
    /// punctuated unlike the first label of its list ("12)" among "11." and "13."). The
    /// finding sits on the label, with a secondary label on the previous point of the
    /// list.
    ///
    /// Each defect is reported once. The rule looks one point ahead: when the next
    /// point continues as if this label were right, only this label is wrong
    /// (renumbering point 5 as 6 gives one finding, "6. where 5. is expected");
    /// otherwise the list goes on from the label as written, so a deleted or repeated
    /// point is reported once and the points after it are not.
    ///
    /// How lists are told apart, from the structure the parser recovers:
    /// - each depth has its own list: a lettered list inside a point (a point that ends
    ///   in a colon) is one level deeper and starts at a); returning to the outer level
    ///   closes it, so every point may have its own a), b), c);
    /// - after a heading (a new section, an annex, "Algemene overwegingen:") or a
    ///   lead-in ("verzoekt de RAAD de LIDSTATEN:"), a list may restart at 1 or continue
    ///   the numbering of the list before it (Council conclusions number their points
    ///   straight through all sections); once a document has restarted after a heading,
    ///   later sections are expected to start at 1 too;
    /// - a new scheme that starts at its first value (a) after 3., or 1. after i)) opens
    ///   a new list; a label of another scheme that does not start a list is a mixed
    ///   scheme.
    ///
    /// Line-start numbers that are not labels (a wrapped date "9 februari 2015", an
    /// amount, a page number, a page footer) never become points: the parser only
    /// accepts a label at the start of a block that fits the sequence so far.
    ///
    /// ## Why is this bad?
    /// Council conclusions and strategies are cited by point number ("punt 12 van de
    /// conclusies van …"). A point renumbered or dropped by copy and paste makes every
    /// later citation point at the wrong text.
    ///
    /// ## Example
    /// ```text
    /// 4. De Raad benadrukt …
    /// 6. De Raad onderstreept …
    /// 6. De Raad neemt er nota van …
    /// ```
    /// The first 6. should be 5.
    ///
    /// Use instead: renumber the points 4., 5., 6.
    ///
    /// ## Profiles
    /// In a `legislative-proposal` or `legal-act`, the legal text (from the citations on)
    /// is not checked: its paragraphs and points restart in every article.
    ///
    /// ## Options
    /// None.
    pub PointNumbering {
        code: "NU001",
        name: "point-numbering",
        group: Numbering,
        level: Error,
        summary: "numbered or lettered points out of sequence",
    }
}

/// What is wrong with a point's label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointDefectKind {
    /// Out of sequence in its list.
    Sequence(Step),
    /// A label of another scheme in the middle of a list.
    MixedScheme,
    /// A label in sequence but punctuated unlike the one before it ("12)" after "11.").
    MixedStyle,
}

/// One defect: the point (index into `doc.points`), and the previous point of its
/// list, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PointDefect {
    pub point: usize,
    pub kind: PointDefectKind,
    pub previous: Option<usize>,
}

#[derive(Debug)]
struct List {
    scheme: Scheme,
    /// The label style of the list's first point ("#.", "#)", "(#)").
    shape: String,
    counter: Counter,
    last_point: Option<usize>,
}

/// The lists open at one depth: one per scheme seen since the depth opened.
#[derive(Debug, Default)]
struct Level {
    lists: Vec<List>,
    current: Option<usize>,
}

/// Walk the points in reading order and name every numbering defect once.
pub fn point_defects(doc: &Document) -> Vec<PointDefect> {
    let points: Vec<usize> = doc
        .points
        .iter()
        .enumerate()
        .filter(|(_, p)| p.scheme != Scheme::Dash)
        .map(|(i, _)| i)
        .collect();
    let next = next_siblings(doc, &points);
    let boundaries = boundaries(doc);
    let boundary_between = |a: usize, b: usize| {
        let k = boundaries.partition_point(|&x| x <= a);
        boundaries.get(k).is_some_and(|&x| x < b)
    };

    let mut out = Vec::new();
    let mut levels: Vec<Level> = Vec::new();
    let mut prev_start: Option<usize> = None;
    let mut restarts_after_headings = false;
    for (k, &i) in points.iter().enumerate() {
        let p = &doc.points[i];
        let start = p.label_span.start;
        let depth = usize::from(p.depth.max(1));
        let fresh = prev_start.is_some_and(|a| boundary_between(a, start));
        prev_start = Some(start);
        if fresh {
            levels.truncate(1);
        }
        levels.truncate(depth);
        levels.resize_with(depth, Level::default);
        let level = &mut levels[depth - 1];
        let next = next[k];
        let mut report = |kind, previous| {
            out.push(PointDefect {
                point: i,
                kind,
                previous,
            })
        };
        let own = level.lists.iter().position(|l| l.scheme == p.scheme);
        let current = level.current;
        // A label of another scheme that takes the place of the current list's next
        // label ("3)" after "b)"): one finding, and the current list goes on.
        let fits_current = |levels: &Level| {
            current.is_some_and(|c| {
                levels.lists[c].scheme != p.scheme && levels.lists[c].counter.expected() == p.value
            })
        };
        let own_continues = own.is_some_and(|j| level.lists[j].counter.expected() == p.value);
        if p.value != 1 && !own_continues && fits_current(level) {
            if let Some(c) = current {
                let cur = &mut level.lists[c];
                report(PointDefectKind::MixedScheme, cur.last_point);
                cur.counter = Counter::after(p.value);
                cur.last_point = Some(i);
            }
            continue;
        }
        match own {
            Some(j) => {
                let returning = current != Some(j);
                let continues = next == Some(level.lists[j].counter.last.saturating_add(2));
                if (fresh || returning) && p.value == 1 && !continues {
                    // A new list: under a heading or a lead-in, or a scheme taken up
                    // again after another list at this depth.
                    restarts_after_headings |= fresh;
                    if fresh {
                        level.lists.retain(|l| l.scheme == p.scheme);
                    }
                    let j = level
                        .lists
                        .iter()
                        .position(|l| l.scheme == p.scheme)
                        .unwrap_or(0);
                    if let Some(list) = level.lists.get_mut(j) {
                        list.counter = Counter::after(1);
                        list.shape = label_shape(&p.label);
                        list.last_point = Some(i);
                        level.current = Some(j);
                    }
                    continue;
                }
                let list = &mut level.lists[j];
                if fresh && restarts_after_headings && p.value != list.counter.expected() {
                    list.counter = Counter::new();
                }
                let step = list.counter.step(p.value, next);
                if step != Step::InSequence {
                    report(PointDefectKind::Sequence(step), list.last_point);
                } else if list.shape != label_shape(&p.label) {
                    report(PointDefectKind::MixedStyle, list.last_point);
                }
                list.last_point = Some(i);
                level.current = Some(j);
            }
            None => {
                if p.value != 1 && current.is_some() {
                    // Another scheme that neither starts a list nor fits the current one.
                    let previous = current.and_then(|c| level.lists[c].last_point);
                    report(PointDefectKind::MixedScheme, previous);
                    level.lists.push(List {
                        scheme: p.scheme,
                        shape: label_shape(&p.label),
                        counter: Counter::after(p.value),
                        last_point: Some(i),
                    });
                } else {
                    if fresh {
                        // A new list under a heading closes the lists before it.
                        level.lists.clear();
                    }
                    let mut counter = Counter::new();
                    let step = counter.step(p.value, next);
                    if step != Step::InSequence {
                        report(PointDefectKind::Sequence(step), None);
                    }
                    level.lists.push(List {
                        scheme: p.scheme,
                        shape: label_shape(&p.label),
                        counter,
                        last_point: Some(i),
                    });
                }
                level.current = Some(level.lists.len() - 1);
            }
        }
    }
    out
}

/// A label with its number or letters replaced: "12." → "#.", "(iv)" → "(#)".
fn label_shape(label: &str) -> String {
    let mut out = String::new();
    for c in label.chars() {
        if c.is_ascii_alphanumeric() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// For each point (by position in `points`), the value of the next point of the same
/// scheme at the same depth before the list closes (a shallower point closes it).
fn next_siblings(doc: &Document, points: &[usize]) -> Vec<Option<u32>> {
    let mut out = vec![None; points.len()];
    // (depth, scheme, value) of the nearest later point: a handful of entries.
    let mut seen: Vec<(u8, Scheme, u32)> = Vec::new();
    for (k, &i) in points.iter().enumerate().rev() {
        let p = &doc.points[i];
        out[k] = seen
            .iter()
            .find(|(d, s, _)| *d == p.depth && *s == p.scheme)
            .map(|e| e.2);
        seen.retain(|(d, s, _)| *d < p.depth || (*d == p.depth && *s != p.scheme));
        seen.push((p.depth, p.scheme, p.value));
    }
    out
}

/// Source offsets where a list may restart: headings and lead-in paragraphs, sorted.
fn boundaries(doc: &Document) -> Vec<usize> {
    let mut b: Vec<usize> = doc
        .headings
        .iter()
        .map(|h| h.span.start)
        .chain(
            doc.paragraphs
                .iter()
                .filter(|p| p.kind == ParagraphKind::LeadIn)
                .map(|p| p.text.span().start),
        )
        .collect();
    b.sort_unstable();
    b
}

impl Rule for PointNumbering {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let checked = super::outside_legal_text(doc, cx.profile(doc));
        for d in point_defects(doc) {
            let p = &doc.points[d.point];
            if !checked(p.label_span.start) {
                continue;
            }
            let label = p.label.as_str();
            let render = |v: u32| render_label(label, p.scheme, v);
            let prev = d.previous.map(|j| &doc.points[j]);
            let prev_label = prev.map(|q| q.label.as_str()).unwrap_or("");
            let (message, primary, help) = match d.kind {
                PointDefectKind::Sequence(Step::Misnumbered { expected }) => (
                    format!("point {label} where {} is expected", render(expected)),
                    format!("expected {}", render(expected)),
                    format!(
                        "renumber this point {}: the point after it continues from there",
                        render(expected)
                    ),
                ),
                PointDefectKind::Sequence(Step::Swapped { expected }) => (
                    format!(
                        "points {label} and {} are out of order",
                        render(expected)
                    ),
                    format!("comes before {}", render(expected)),
                    "swap the two points, or their numbers".to_string(),
                ),
                PointDefectKind::Sequence(Step::Gap { expected }) => {
                    let missing = if expected.saturating_add(1) == p.value {
                        format!("no point {}", render(expected))
                    } else {
                        format!(
                            "no points {} to {}",
                            render(expected),
                            render(p.value.saturating_sub(1))
                        )
                    };
                    let message = match prev {
                        Some(_) => format!("point {label} follows {prev_label}: {missing}"),
                        None => format!("the list starts at {label}: {missing}"),
                    };
                    (
                        message,
                        format!("{} skipped", render(expected)),
                        "renumber the points so that none is skipped, or restore the missing point"
                            .to_string(),
                    )
                }
                PointDefectKind::Sequence(Step::Repeat) => (
                    format!("point {label} repeats the previous number"),
                    "same number as the previous point".to_string(),
                    "give each point its own number".to_string(),
                ),
                PointDefectKind::Sequence(Step::Restart) => (
                    format!("the numbering restarts at {label} after {prev_label}"),
                    "restarts here".to_string(),
                    "continue the numbering, or start the new list under its own heading"
                        .to_string(),
                ),
                PointDefectKind::Sequence(Step::Backwards { expected }) => (
                    format!(
                        "point {label} comes after {prev_label}: {} is expected",
                        render(expected)
                    ),
                    format!("expected {}", render(expected)),
                    "renumber the points in reading order".to_string(),
                ),
                PointDefectKind::Sequence(Step::InSequence) => continue,
                PointDefectKind::MixedStyle => (
                    format!("point {label} is punctuated unlike the other points of its list ({prev_label})"),
                    "another label style".to_string(),
                    format!(
                        "write it {} like the other points of its list",
                        render_label(prev_label, p.scheme, p.value)
                    ),
                ),
                PointDefectKind::MixedScheme => (
                    format!("point {label} switches numbering scheme inside a list numbered like {prev_label}"),
                    "another numbering scheme".to_string(),
                    "number every point of a list in one scheme".to_string(),
                ),
            };
            let mut b = cx.report(p.label_span, message).label(primary).help(help);
            if let Some(q) = prev {
                b = b.related(q.label_span, format!("previous point is {}", q.label));
            }
            let _ = b;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse_str;

    /// The labels of the points reported, in the PDF-text layout (lines separated by
    /// empty lines).
    fn defects(lines: &[&str]) -> Vec<(String, PointDefectKind)> {
        let text = lines
            .iter()
            .map(|l| format!("{l} \n\n"))
            .collect::<String>();
        let doc = parse_str("t.txt", &text);
        point_defects(&doc)
            .into_iter()
            .map(|d| (doc.points[d.point].label.clone(), d.kind))
            .collect()
    }

    #[test]
    fn a_list_in_sequence_is_silent() {
        assert_eq!(
            defects(&[
                "1. De Raad benadrukt het belang van samenwerking.",
                "2. De Raad verzoekt de lidstaten:",
                "a) informatie te delen;",
                "b) de capaciteit te versterken.",
                "3. De Raad roept de Commissie op om verslag uit te brengen.",
                "4. De Raad zal de uitvoering evalueren.",
            ]),
            vec![]
        );
    }

    #[test]
    fn a_gap_is_reported_once() {
        assert_eq!(
            defects(&[
                "1. De Raad benadrukt het belang van samenwerking.",
                "2. De Raad verzoekt de lidstaten om informatie te delen.",
                "4. De Raad roept de Commissie op om verslag uit te brengen.",
                "5. De Raad zal de uitvoering evalueren.",
            ]),
            vec![(
                "4.".to_string(),
                PointDefectKind::Sequence(Step::Gap { expected: 3 })
            )]
        );
    }
}
