//! The inline grammar (nom): point labels, heading numbers, footnote labels and glued
//! footnote markers. Every parser works on a line's content and returns byte lengths,
//! so callers can turn results into spans.

use nom::branch::alt;
use nom::bytes::complete::{take_while1, take_while_m_n};
use nom::character::complete::{char, satisfy, space1};
use nom::combinator::{opt, recognize};
use nom::sequence::{delimited, pair, terminated, tuple};
use nom::IResult;

use super::Scheme;

/// A recognised label at the start of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// The label as written, e.g. "12.", "a)", "(ii)", "–".
    pub text: String,
    /// Bytes of the label itself.
    pub len: usize,
    /// Bytes of the label plus the whitespace after it.
    pub consumed: usize,
    pub scheme: Scheme,
    pub value: u32,
    /// The letters of a label that reads both as a letter and as a roman numeral ("i)").
    pub ambiguous_roman: bool,
}

fn digits(i: &str) -> IResult<&str, &str> {
    take_while_m_n(1, 3, |c: char| c.is_ascii_digit())(i)
}

fn arabic(i: &str) -> IResult<&str, &str> {
    terminated(digits, alt((char('.'), char(')'))))(i)
}

fn lower_letters(i: &str) -> IResult<&str, &str> {
    take_while_m_n(1, 6, |c: char| c.is_ascii_lowercase())(i)
}

fn letter_paren(i: &str) -> IResult<&str, &str> {
    alt((
        delimited(char('('), lower_letters, char(')')),
        terminated(lower_letters, char(')')),
    ))(i)
}

fn dash(i: &str) -> IResult<&str, &str> {
    recognize(alt((char('–'), char('-'), char('—'))))(i)
}

fn roman_heading(i: &str) -> IResult<&str, &str> {
    terminated(roman_upper, char('.'))(i)
}

fn dotted(i: &str) -> IResult<&str, &str> {
    recognize(tuple((
        digits,
        char('.'),
        digits,
        opt(pair(char('.'), digits)),
        opt(char('.')),
    )))(i)
}

fn simple_number(i: &str) -> IResult<&str, &str> {
    recognize(terminated(digits, char('.')))(i)
}

fn upper_letter(i: &str) -> IResult<&str, &str> {
    recognize(terminated(satisfy(|c| c.is_ascii_uppercase()), char('.')))(i)
}

fn roman_upper(i: &str) -> IResult<&str, &str> {
    take_while_m_n(1, 7, |c: char| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))(i)
}

/// Value of a roman numeral; `None` if malformed (e.g. "iiv").
pub fn roman_value(s: &str) -> Option<u32> {
    let val = |c: char| match c.to_ascii_lowercase() {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        _ => None,
    };
    let vals: Vec<u32> = s.chars().map(val).collect::<Option<_>>()?;
    let mut total = 0i64;
    for (k, v) in vals.iter().enumerate() {
        if vals.get(k + 1).is_some_and(|n| n > v) {
            total -= *v as i64;
        } else {
            total += *v as i64;
        }
    }
    let total = u32::try_from(total).ok().filter(|t| *t > 0)?;
    // Reject non-canonical forms ("iiii", "vv", "ic") by round-tripping.
    (to_roman(total) == s.to_ascii_lowercase()).then_some(total)
}

/// Lowercase roman numeral of `n`; digits when it is too large to write sensibly.
pub fn to_roman(mut n: u32) -> String {
    if n >= 1000 {
        return n.to_string();
    }
    const TABLE: &[(u32, &str)] = &[
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for &(v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// A point label at the start of `s`: "12. ", "12) ", "a) ", "(a) ", "iv) ", "(iv) ",
/// "– ", "- ". A label must be followed by whitespace and then text.
pub fn point_label(s: &str) -> Option<Label> {
    if let Ok((rest, num)) = arabic(s) {
        if let Ok((rest2, _)) = space1::<&str, nom::error::Error<&str>>(rest) {
            if !rest2.is_empty() {
                let len = s.len() - rest.len();
                return Some(Label {
                    text: s[..len].to_string(),
                    len,
                    consumed: s.len() - rest2.len(),
                    scheme: Scheme::Arabic,
                    value: num.parse().ok()?,
                    ambiguous_roman: false,
                });
            }
        }
        return None;
    }
    if let Ok((rest, letters)) = letter_paren(s) {
        let (rest2, _) = space1::<&str, nom::error::Error<&str>>(rest).ok()?;
        if rest2.is_empty() {
            return None;
        }
        let len = s.len() - rest.len();
        let roman = roman_value(letters);
        let (scheme, value, ambiguous) = if letters.len() == 1 {
            let v = (letters.as_bytes()[0] - b'a' + 1) as u32;
            (Scheme::LowerAlpha, v, roman.is_some())
        } else if let Some(r) = roman {
            (Scheme::LowerRoman, r, false)
        } else {
            return None;
        };
        return Some(Label {
            text: s[..len].to_string(),
            len,
            consumed: s.len() - rest2.len(),
            scheme,
            value,
            ambiguous_roman: ambiguous,
        });
    }
    if let Ok((rest, _)) = dash(s) {
        let (rest2, _) = space1::<&str, nom::error::Error<&str>>(rest).ok()?;
        if rest2.is_empty() {
            return None;
        }
        let len = s.len() - rest.len();
        return Some(Label {
            text: s[..len].to_string(),
            len,
            consumed: s.len() - rest2.len(),
            scheme: Scheme::Dash,
            value: 0,
            ambiguous_roman: false,
        });
    }
    None
}

/// A heading number at the start of `s`: "I.", "IV.", "2.", "2.1", "2.1.", "A.".
/// Returns (number as written, level, bytes consumed including following spaces).
pub fn heading_number(s: &str) -> Option<(String, u8, usize)> {
    let (rest, num, level) = if let Ok((rest, r)) = roman_heading(s) {
        roman_value(r)?;
        (rest, &s[..s.len() - rest.len()], 1u8)
    } else if let Ok((rest, d)) = dotted(s) {
        let depth = d.trim_end_matches('.').matches('.').count() as u8;
        (rest, d, 2 + depth)
    } else if let Ok((rest, d)) = simple_number(s) {
        (rest, d, 2)
    } else if let Ok((rest, d)) = upper_letter(s) {
        (rest, d, 2)
    } else {
        return None;
    };
    let (rest2, _) = space1::<&str, nom::error::Error<&str>>(rest).ok()?;
    if rest2.is_empty() {
        return None;
    }
    Some((num.to_string(), level, s.len() - rest2.len()))
}

/// A footnote definition label on the same line as its text: "12  Zie …", "3 Mededeling".
/// Returns (number, label length, bytes consumed including spaces, spaces count).
pub fn inline_footnote_label(s: &str) -> Option<(u32, usize, usize, usize)> {
    let (rest, num) = digits(s).ok()?;
    let (rest2, spaces) =
        take_while1::<_, &str, nom::error::Error<&str>>(|c| c == ' ')(rest).ok()?;
    if rest2.is_empty() {
        return None;
    }
    Some((
        num.parse().ok()?,
        num.len(),
        s.len() - rest2.len(),
        spaces.len(),
    ))
}

/// A footnote marker glued to a word: lowercase letter, 1–3 digits, then punctuation,
/// space or end. Returns (offset of the digits in `s`, digits length, number), for
/// every candidate in `s`.
pub fn glued_markers(s: &str) -> Vec<(usize, usize, u32)> {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut prev: Option<char> = None;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_ascii_digit() && prev.is_some_and(|p| p.is_lowercase() && p.is_alphabetic()) {
            // The word must be a real word (at least three letters before the digits).
            let word_start = s[..i]
                .char_indices()
                .rev()
                .take_while(|(_, ch)| ch.is_alphabetic())
                .last()
                .map(|(k, _)| k)
                .unwrap_or(i);
            let letters = s[word_start..i].chars().count();
            let mut j = i;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            let after = s[j..].chars().next();
            let ok_after =
                after.is_none_or(|a| matches!(a, ',' | '.' | ';' | ':' | ')' | ' ' | '\t'));
            if letters >= 3 && j - i <= 3 && ok_after {
                if let Ok(n) = s[i..j].parse() {
                    out.push((i, j - i, n));
                }
            }
            // Skip the digits.
            while iter.peek().is_some_and(|(k, _)| *k < j) {
                iter.next();
            }
            prev = Some('0');
            continue;
        }
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn point_labels() {
        let l = point_label("12. De Raad erkent").unwrap();
        assert_eq!(
            (l.text.as_str(), l.value, l.scheme),
            ("12.", 12, Scheme::Arabic)
        );
        assert_eq!(l.consumed, 4);
        let l = point_label("a) de Raad").unwrap();
        assert_eq!(
            (l.value, l.scheme, l.ambiguous_roman),
            (1, Scheme::LowerAlpha, false)
        );
        let l = point_label("i) Uitwisseling").unwrap();
        assert!(l.ambiguous_roman);
        let l = point_label("(iv) text").unwrap();
        assert_eq!((l.value, l.scheme), (4, Scheme::LowerRoman));
        let l = point_label("iii) Bestrijding").unwrap();
        assert_eq!((l.value, l.scheme), (3, Scheme::LowerRoman));
        assert_eq!(point_label("– item").unwrap().scheme, Scheme::Dash);
        assert!(point_label("9 februari 2015").is_none());
        assert!(point_label("2020 en de").is_none());
        assert!(point_label("4068e zitting").is_none());
        assert!(point_label("1.").is_none());
        assert!(point_label("and) x").is_none());
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman_value("iv"), Some(4));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("iiii"), None);
        assert_eq!(roman_value("ic"), None);
    }

    #[test]
    fn heading_numbers() {
        assert_eq!(heading_number("I.  INLEIDING"), Some(("I.".into(), 1, 4)));
        assert_eq!(heading_number("2. VOORKOMEN").map(|h| h.1), Some(2));
        assert_eq!(
            heading_number("2.1 Scope").map(|h| (h.0, h.1)),
            Some(("2.1".into(), 3))
        );
        assert_eq!(heading_number("2.1.3. Deep").map(|h| h.1), Some(4));
        assert!(heading_number("2021 was").is_none());
        assert!(heading_number("IV").is_none());
    }

    #[test]
    fn inline_labels_and_glued_markers() {
        assert_eq!(inline_footnote_label("3  Mededeling"), Some((3, 1, 3, 2)));
        assert!(inline_footnote_label("12").is_none());
        assert_eq!(glued_markers("is aangenomen1, en"), vec![(13, 1, 1)]);
        for not_marker in [
            "4068e zitting",
            "RELEX.5",
            "COVID-19",
            "G7",
            "10179/22",
            "2020-2025",
            "artikel 36",
            "COM(2020)",
            "6e EU-AU-top",
            "3D-printen",
        ] {
            assert!(glued_markers(not_marker).is_empty(), "{not_marker}");
        }
        assert_eq!(glued_markers("luchtvaart14, om").len(), 1);
    }
}
