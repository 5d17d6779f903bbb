//! Shared by the numbering rules (NU001, NU002) and cross-references (XR001): the
//! walk that judges one label against the list it belongs to, label rendering, and
//! heading numbers read into a kind and a value.
//!
//! The walk names each defect once. It looks one sibling ahead: a label whose next
//! sibling continues as if the label were right is a single misnumbered label (the
//! list goes on from the expected number); otherwise the list goes on from the label
//! as written, so a gap or a repeat is reported once and not as a cascade.

pub mod heading_numbering;
pub mod legal_text_numbering;
pub mod point_numbering;
pub use heading_numbering::HeadingNumbering;
pub use legal_text_numbering::LegalTextNumbering;
pub use point_numbering::PointNumbering;

use crate::document::inline::roman_value;
use crate::document::Scheme;

/// What a label is, compared with the label its list expects next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    InSequence,
    /// One wrong label: the next sibling continues as if it were `expected`.
    Misnumbered {
        expected: u32,
    },
    /// This label and the next one are swapped (`expected` comes next).
    Swapped {
        expected: u32,
    },
    /// A jump forward: `expected` up to the label's value minus one are missing.
    Gap {
        expected: u32,
    },
    /// The same value as the previous label.
    Repeat,
    /// Back to 1 in the middle of a list.
    Restart,
    /// Back to a smaller value (other than 1).
    Backwards {
        expected: u32,
    },
}

/// The running state of one list (or one level of headings).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counter {
    /// Value of the last label (0 before the first).
    pub last: u32,
    /// After a swapped pair: the value of the second label, accepted silently.
    swapped: Option<u32>,
}

impl Counter {
    pub fn new() -> Self {
        Self::default()
    }

    /// A counter that continues after `last`.
    pub fn after(last: u32) -> Self {
        Counter {
            last,
            swapped: None,
        }
    }

    /// The value the list expects next.
    pub fn expected(&self) -> u32 {
        self.last.saturating_add(1)
    }

    /// Judge `value`, given the value of the next sibling (if any), and move on.
    pub fn step(&mut self, value: u32, next: Option<u32>) -> Step {
        if let Some(second) = self.swapped.take() {
            if value == second {
                return Step::InSequence;
            }
        }
        let expected = self.expected();
        if value == expected {
            self.last = value;
            return Step::InSequence;
        }
        if next == Some(expected.saturating_add(1)) {
            self.last = expected;
            return Step::Misnumbered { expected };
        }
        if value == expected.saturating_add(1) && next == Some(expected) {
            self.last = value;
            self.swapped = Some(expected);
            return Step::Swapped { expected };
        }
        if value > expected {
            self.last = value;
            return Step::Gap { expected };
        }
        if value == self.last {
            return Step::Repeat;
        }
        self.last = value;
        if value == 1 {
            Step::Restart
        } else {
            Step::Backwards { expected }
        }
    }
}

pub use crate::document::inline::to_roman;

/// The core of a value in a scheme: "12", "l", "iv", "IV", "D".
fn core(scheme: Scheme, value: u32) -> String {
    let letter = |base: u8| {
        u8::try_from(value)
            .ok()
            .filter(|v| (1..=26).contains(v))
            .map(|v| char::from(base + v - 1).to_string())
            .unwrap_or_else(|| value.to_string())
    };
    match scheme {
        Scheme::Arabic | Scheme::Dash => value.to_string(),
        Scheme::LowerAlpha => letter(b'a'),
        Scheme::UpperAlpha => letter(b'A'),
        Scheme::LowerRoman => to_roman(value),
        Scheme::UpperRoman => to_roman(value).to_uppercase(),
    }
}

/// `value` written in the style of `template` ("12." → "13.", "(iv)" → "(v)", "b)" → "c)").
pub fn render_label(template: &str, scheme: Scheme, value: u32) -> String {
    let is_core = |c: char| c.is_ascii_alphanumeric();
    let start = template.find(is_core);
    let end = template.rfind(is_core).map(|e| e + 1);
    match (start, end) {
        (Some(s), Some(e)) if s < e => format!(
            "{}{}{}",
            &template[..s],
            core(scheme, value),
            &template[e..]
        ),
        _ => core(scheme, value),
    }
}

/// The kind of a heading number; headings of one kind form one level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeadingKind {
    /// I. II. III.
    UpperRoman,
    /// 1. 2. 3.
    Arabic,
    /// A. B. C.
    UpperAlpha,
    /// 2.1, 2.1.3 (the number of components).
    Dotted(u8),
    /// i) ii) iii)
    LowerRoman,
    /// a) b) c)
    LowerAlpha,
}

impl HeadingKind {
    /// The point scheme used to render a value of this kind.
    pub fn scheme(self) -> Scheme {
        match self {
            HeadingKind::UpperRoman => Scheme::UpperRoman,
            HeadingKind::Arabic | HeadingKind::Dotted(_) => Scheme::Arabic,
            HeadingKind::UpperAlpha => Scheme::UpperAlpha,
            HeadingKind::LowerRoman => Scheme::LowerRoman,
            HeadingKind::LowerAlpha => Scheme::LowerAlpha,
        }
    }
}

/// A heading number read: its kind, its components (one, or several when dotted),
/// and for a single letter that is also a roman numeral ("C.", "i)") the other reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadingNumber {
    pub kind: HeadingKind,
    pub parts: Vec<u32>,
    /// The letter reading of an ambiguous single letter: (kind, value).
    pub as_letter: Option<(HeadingKind, u32)>,
}

impl HeadingNumber {
    /// The value compared within its level: the last component.
    pub fn value(&self) -> u32 {
        self.parts.last().copied().unwrap_or(0)
    }
}

/// Read a heading number as written ("IV.", "2.", "2.1", "2.1.", "B.", "iii)", "(ii)").
pub fn parse_heading_number(s: &str) -> Option<HeadingNumber> {
    let t = s.trim();
    let core = t.trim_start_matches('(').trim_end_matches(['.', ')']);
    if core.is_empty() {
        return None;
    }
    if core.chars().all(|c| c.is_ascii_digit() || c == '.') {
        let parts: Vec<u32> = core
            .split('.')
            .map(|p| p.parse().ok())
            .collect::<Option<_>>()?;
        let kind = if parts.len() == 1 {
            HeadingKind::Arabic
        } else {
            HeadingKind::Dotted(u8::try_from(parts.len()).ok()?)
        };
        return Some(HeadingNumber {
            kind,
            parts,
            as_letter: None,
        });
    }
    if !core.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let upper = core.chars().all(|c| c.is_ascii_uppercase());
    let lower = core.chars().all(|c| c.is_ascii_lowercase());
    if !(upper || lower) {
        return None;
    }
    let letter = (core.len() == 1).then(|| {
        let v = u32::from(core.as_bytes()[0].to_ascii_lowercase() - b'a' + 1);
        let kind = if upper {
            HeadingKind::UpperAlpha
        } else {
            HeadingKind::LowerAlpha
        };
        (kind, v)
    });
    if let Some(r) = roman_value(core) {
        let kind = if upper {
            HeadingKind::UpperRoman
        } else {
            HeadingKind::LowerRoman
        };
        return Some(HeadingNumber {
            kind,
            parts: vec![r],
            as_letter: letter,
        });
    }
    let (kind, v) = letter?;
    Some(HeadingNumber {
        kind,
        parts: vec![v],
        as_letter: None,
    })
}

/// A number as written in a cross-reference or a heading, made comparable: "IV." →
/// "iv", "4.2." → "4.2", "(ii)" → "ii".
pub fn normalise_number(s: &str) -> String {
    s.trim()
        .trim_start_matches('(')
        .trim_end_matches(['.', ')', ':'])
        .to_lowercase()
}

/// The value of a reference id: arabic digits or a roman numeral (either case).
pub fn id_value(id: &str) -> Option<u32> {
    let id = normalise_number(id);
    if id.chars().all(|c| c.is_ascii_digit()) {
        id.parse().ok()
    } else {
        roman_value(&id)
    }
}

/// In legislative text (a proposal's or an act's articles), paragraphs restart at 1 in
/// every article and points at (a) in every paragraph: the outline model does not see
/// those boundaries yet, so the numbering rules leave the legal text alone there.
pub(crate) fn outside_legal_text(
    doc: &crate::document::Document,
    profile: crate::document::profile::Profile,
) -> impl Fn(usize) -> bool {
    let legal = profile
        .is_legislative()
        .then(|| crate::document::profile::legal_text_span(doc))
        .flatten();
    move |offset| legal.is_none_or(|l| offset < l.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(values: &[u32]) -> Vec<(u32, Step)> {
        let mut c = Counter::new();
        let mut out = Vec::new();
        for (k, &v) in values.iter().enumerate() {
            let step = c.step(v, values.get(k + 1).copied());
            if step != Step::InSequence {
                out.push((v, step));
            }
        }
        out
    }

    #[test]
    fn each_defect_is_reported_once() {
        assert_eq!(walk(&[1, 2, 3, 4, 5, 6]), vec![]);
        // Point 5 renumbered 6.
        assert_eq!(
            walk(&[1, 2, 3, 4, 6, 6, 7]),
            vec![(6, Step::Misnumbered { expected: 5 })]
        );
        // Point 5 deleted.
        assert_eq!(
            walk(&[1, 2, 3, 4, 6, 7]),
            vec![(6, Step::Gap { expected: 5 })]
        );
        // Point 5 duplicated.
        assert_eq!(walk(&[1, 2, 3, 4, 5, 5, 6]), vec![(5, Step::Repeat)]);
        // Points 4 and 5 swapped.
        assert_eq!(
            walk(&[1, 2, 3, 5, 4, 6]),
            vec![(5, Step::Swapped { expected: 4 })]
        );
        // A restart in the middle.
        assert_eq!(walk(&[1, 2, 3, 1, 2]), vec![(1, Step::Restart)]);
        assert_eq!(
            walk(&[1, 2, 7, 8, 3]),
            vec![
                (7, Step::Gap { expected: 3 }),
                (3, Step::Backwards { expected: 9 })
            ]
        );
        // The last label wrong.
        assert_eq!(walk(&[1, 2, 4]), vec![(4, Step::Gap { expected: 3 })]);
        // A list that starts at 2.
        assert_eq!(walk(&[2, 3]), vec![(2, Step::Gap { expected: 1 })]);
        assert_eq!(
            walk(&[3, 2, 3]),
            vec![(3, Step::Misnumbered { expected: 1 })]
        );
        // Huge numbers do not overflow.
        assert_eq!(
            walk(&[u32::MAX - 1, u32::MAX, u32::MAX]),
            vec![(u32::MAX - 1, Step::Gap { expected: 1 })]
        );
    }

    #[test]
    fn labels_render_in_the_style_of_their_list() {
        assert_eq!(render_label("12.", Scheme::Arabic, 13), "13.");
        assert_eq!(render_label("b)", Scheme::LowerAlpha, 3), "c)");
        assert_eq!(render_label("(iv)", Scheme::LowerRoman, 5), "(v)");
        assert_eq!(render_label("IV.", Scheme::UpperRoman, 3), "III.");
        assert_eq!(render_label("z)", Scheme::LowerAlpha, 27), "27)");
    }

    #[test]
    fn heading_numbers_read() {
        let n = parse_heading_number("2.1").unwrap();
        assert_eq!((n.kind, n.parts), (HeadingKind::Dotted(2), vec![2, 1]));
        let n = parse_heading_number("IV.").unwrap();
        assert_eq!((n.kind, n.value()), (HeadingKind::UpperRoman, 4));
        let n = parse_heading_number("C.").unwrap();
        assert_eq!(n.as_letter, Some((HeadingKind::UpperAlpha, 3)));
        let n = parse_heading_number("iii)").unwrap();
        assert_eq!((n.kind, n.value()), (HeadingKind::LowerRoman, 3));
        let n = parse_heading_number("B.").unwrap();
        assert_eq!((n.kind, n.value()), (HeadingKind::UpperAlpha, 2));
        assert_eq!(parse_heading_number("2a."), None);
        assert_eq!(id_value("IV"), Some(4));
        assert_eq!(id_value("12"), Some(12));
        assert_eq!(normalise_number("4.2."), "4.2");
    }
}
