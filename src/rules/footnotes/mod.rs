//! The footnote analysis shared by FN001–FN004: which reference belongs to which
//! definition, which numbers are out of sequence, which unlabelled texts belong to
//! which references. Computed once per rule run in one linear pass (plus sorting), so
//! that each defect is reported once, under the rule that names it.

pub mod footnote_numbering;
pub mod footnote_undefined;
pub mod footnote_unlabelled;
pub mod footnote_unreferenced;
pub use footnote_numbering::FootnoteNumbering;
pub use footnote_undefined::FootnoteUndefined;
pub use footnote_unlabelled::FootnoteUnlabelled;
pub use footnote_unreferenced::FootnoteUnreferenced;

use std::collections::{HashMap, HashSet};

use crate::document::{Document, FootnoteRef, RefStyle};

/// A defect in the order of reference numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SequenceDefect {
    /// A number in place of the expected one, the sequence going on as expected.
    Misnumbered { reference: usize, expected: u32 },
    /// Two neighbouring references in swapped order.
    Swapped { first: usize, second: usize },
    /// A jump forward: the numbers in between never occur as references.
    Gap {
        reference: usize,
        previous: usize,
        missing: (u32, u32),
    },
    /// The same number as the previous reference.
    Repeat { reference: usize, previous: usize },
    /// A number smaller than one already used.
    OutOfOrder { reference: usize, previous: usize },
}

/// Everything the footnote rules need.
#[derive(Debug, Default)]
pub struct FootnoteAnalysis {
    /// Reference indices (into `doc.footnote_refs`) considered in sequence: every
    /// reference for PDF text, the first use of each label for Markdown.
    pub sequence: Vec<usize>,
    pub defects: Vec<SequenceDefect>,
    /// Expected numbers that a misnumbered reference stood for: their definitions
    /// are not reported as unreferenced.
    pub stood_for: HashSet<u32>,
    /// References reported as misnumbered (FN003): not also undefined (FN001).
    pub misnumbered: HashSet<usize>,
    /// Unlabelled definition index → reference index it most likely belongs to.
    pub unlabelled_owner: HashMap<usize, usize>,
    /// References whose text survives only without a label.
    pub claimed_refs: HashSet<usize>,
    /// Labels that have a labelled definition → index of the first definition.
    pub definitions: HashMap<String, usize>,
    /// Later definitions of a label already defined: (duplicate, first).
    pub duplicate_defs: Vec<(usize, usize)>,
    /// Definitions (labelled, numeric) whose number is smaller than the previous one.
    pub defs_out_of_order: Vec<(usize, usize)>,
    /// Labels that some reference uses.
    pub referenced: HashSet<String>,
}

/// The analysis of a document, computed once and shared by FN001–FN004.
pub fn shared(doc: &Document, pack: &crate::pack::Pack) -> std::sync::Arc<FootnoteAnalysis> {
    doc.analysis(pack, || analyse(doc))
}

pub fn analyse(doc: &Document) -> FootnoteAnalysis {
    let mut a = FootnoteAnalysis::default();

    // Definitions by label, duplicates, order.
    let mut prev_def: Option<(usize, u32)> = None;
    for (i, d) in doc.footnote_defs.iter().enumerate() {
        let Some(label) = &d.label else {
            continue;
        };
        match a.definitions.get(label) {
            Some(&first) => a.duplicate_defs.push((i, first)),
            None => {
                a.definitions.insert(label.clone(), i);
            }
        }
        if doc.format == crate::document::Format::PdfText {
            if let Some(n) = d.number {
                if let Some((pi, pn)) = prev_def {
                    if n < pn {
                        a.defs_out_of_order.push((i, pi));
                    }
                }
                prev_def = Some((i, prev_def.map_or(n, |(_, pn)| pn.max(n))));
            }
        }
    }

    // The sequence of references.
    let mut seen = HashSet::new();
    for (i, r) in doc.footnote_refs.iter().enumerate() {
        a.referenced.insert(r.label.clone());
        if r.style == RefStyle::Markdown && !seen.insert(r.label.clone()) {
            continue;
        }
        if r.number.is_some() {
            a.sequence.push(i);
        }
    }
    a.defects = sequence_defects(&doc.footnote_refs, &a.sequence);
    for d in &a.defects {
        if let SequenceDefect::Misnumbered {
            expected,
            reference,
        } = d
        {
            a.stood_for.insert(*expected);
            a.misnumbered.insert(*reference);
        }
    }

    // Unlabelled definitions: the undefined references of the same page, in order,
    // then those of the page before (a continuation block carries notes over).
    let mut undefined_by_page: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, r) in doc.footnote_refs.iter().enumerate() {
        if !a.definitions.contains_key(&r.label) {
            undefined_by_page.entry(r.page).or_default().push(i);
        }
    }
    for (di, d) in doc.footnote_defs.iter().enumerate() {
        if d.label.is_some() {
            continue;
        }
        let mut owner = None;
        for page in [Some(d.page), d.page.checked_sub(1)].into_iter().flatten() {
            if let Some(list) = undefined_by_page.get(&page) {
                // References before the text, on its page, come first.
                owner = list.iter().copied().find(|r| !a.claimed_refs.contains(r));
            }
            if owner.is_some() {
                break;
            }
        }
        if let Some(r) = owner {
            a.claimed_refs.insert(r);
            a.unlabelled_owner.insert(di, r);
        }
    }
    a
}

/// Walk the numbers in reading order and name each defect once: a single misnumbered
/// reference does not make the rest of the sequence wrong.
fn sequence_defects(refs: &[FootnoteRef], seq: &[usize]) -> Vec<SequenceDefect> {
    let num = |k: usize| seq.get(k).and_then(|&i| refs[i].number);
    let all: HashSet<u32> = seq.iter().filter_map(|&i| refs[i].number).collect();
    let mut out = Vec::new();
    let mut prev: u32 = 0;
    let mut prev_idx: Option<usize> = None;
    let mut k = 0;
    while k < seq.len() {
        let Some(n) = num(k) else {
            k += 1;
            continue;
        };
        let expected = prev + 1;
        let next = num(k + 1);
        if n == expected {
            prev = n;
        } else if n == expected + 1 && next == Some(expected) {
            out.push(SequenceDefect::Swapped {
                first: seq[k],
                second: seq[k + 1],
            });
            prev = n;
            prev_idx = Some(seq[k + 1]);
            k += 2;
            continue;
        } else if next == Some(expected + 1) && prev_idx.is_some()
            || (prev == 0 && next == Some(2) && n != 1)
        {
            out.push(SequenceDefect::Misnumbered {
                reference: seq[k],
                expected,
            });
            prev = expected;
        } else if n > expected {
            if let Some(p) = prev_idx.filter(|_| !(expected..n).any(|m| all.contains(&m))) {
                out.push(SequenceDefect::Gap {
                    reference: seq[k],
                    previous: p,
                    missing: (expected, n - 1),
                });
            } else if prev_idx.is_none() && !(1..n).any(|m| all.contains(&m)) {
                // The first reference is not 1.
                out.push(SequenceDefect::Misnumbered {
                    reference: seq[k],
                    expected: 1,
                });
            } else if let Some(p) = prev_idx {
                out.push(SequenceDefect::OutOfOrder {
                    reference: seq[k],
                    previous: p,
                });
            }
            prev = n;
        } else if n == prev {
            if let Some(p) = prev_idx {
                out.push(SequenceDefect::Repeat {
                    reference: seq[k],
                    previous: p,
                });
            }
        } else {
            if let Some(p) = prev_idx {
                out.push(SequenceDefect::OutOfOrder {
                    reference: seq[k],
                    previous: p,
                });
            }
            // Follow the new local order, so a moved block is reported once.
            prev = n;
        }
        prev_idx = Some(seq[k]);
        k += 1;
    }
    out
}

/// "footnote 5" or "footnote [^note]".
pub fn name(label: &str, style: RefStyle) -> String {
    if style == RefStyle::Markdown {
        format!("footnote [^{label}]")
    } else {
        format!("footnote {label}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn refs(numbers: &[u32]) -> Vec<FootnoteRef> {
        numbers
            .iter()
            .enumerate()
            .map(|(i, n)| FootnoteRef {
                span: Span::new(i, i + 1),
                label: n.to_string(),
                number: Some(*n),
                style: RefStyle::LoneLine,
                page: 0,
            })
            .collect()
    }

    fn defects(numbers: &[u32]) -> Vec<SequenceDefect> {
        let r = refs(numbers);
        let seq: Vec<usize> = (0..r.len()).collect();
        sequence_defects(&r, &seq)
    }

    #[test]
    fn each_sequence_defect_is_reported_once() {
        assert!(defects(&[1, 2, 3, 4]).is_empty());
        assert_eq!(
            defects(&[1, 2, 5, 4, 5]),
            vec![SequenceDefect::Misnumbered {
                reference: 2,
                expected: 3
            }]
        );
        assert_eq!(
            defects(&[1, 3, 2, 4]),
            vec![SequenceDefect::Swapped {
                first: 1,
                second: 2
            }]
        );
        assert_eq!(
            defects(&[1, 2, 4, 5]),
            vec![SequenceDefect::Gap {
                reference: 2,
                previous: 1,
                missing: (3, 3)
            }]
        );
        assert_eq!(
            defects(&[1, 2, 2, 3]),
            vec![SequenceDefect::Repeat {
                reference: 2,
                previous: 1
            }]
        );
        assert_eq!(defects(&[1, 2, 3, 7, 8, 4, 5]).len(), 2);
        assert_eq!(
            defects(&[2, 3, 4]),
            vec![SequenceDefect::Misnumbered {
                reference: 0,
                expected: 1
            }]
        );
    }
}
