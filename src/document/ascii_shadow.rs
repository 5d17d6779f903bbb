//! An ASCII stand-in of a text with the same byte offsets, for whole-document regex
//! searches.
//!
//! A pattern with a Unicode word boundary (`\b`) makes the regex crate's fast lazy DFA
//! give up at the first non-ASCII byte and search the whole text again with its slow
//! NFA simulation: on a Dutch document (every `ë`) that was a quarter of a full run.
//! The shadow replaces each non-ASCII character by as many ASCII bytes of the same
//! class — `a` for a word character, a space for white space, `#` for anything else —
//! so `\b`, `\w`, `\s`, `.` and `[^\n]` decide exactly as on the original, the DFA
//! never gives up, and a match's offsets are offsets into the original text.
//! Only patterns written in ASCII may be run on it (a literal `ë` would not match).

/// The shadow of `text`: ASCII, `text.len()` bytes, same classes at the same offsets.
pub fn ascii_shadow(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        let stand_in = if c.is_alphanumeric() || is_word_mark(c) {
            b'a'
        } else if c.is_whitespace() {
            b' '
        } else {
            b'#'
        };
        out.extend(std::iter::repeat_n(stand_in, c.len_utf8()));
    }
    // Every byte pushed is ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// Combining marks and connector punctuation are word characters for `\w` and `\b`.
fn is_word_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
        || matches!(
            c,
            '\u{203F}' | '\u{2040}' | '\u{2054}' | '\u{FE33}' | '\u{FE34}' | '\u{FE4D}'
                ..='\u{FE4F}' | '\u{FF3F}'
        )
}

/// Whether a pattern may run on the shadow: written in ASCII only.
pub fn runs_on_shadow(pattern: &str) -> bool {
    pattern.is_ascii()
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn keeps_offsets_and_classes() {
        let text = "Het “plan” — één overeenkomst, café\u{00A0}Council conclusions on";
        let shadow = ascii_shadow(text);
        assert_eq!(shadow.len(), text.len());
        assert!(shadow.is_ascii());
        for (pattern, expected) in [
            (r"\bCouncil conclusions on\b", true),
            (r"\bplan\b", true),
            (r"\bn overeenkomst", false),
            (r"caf\b", false),
            (r"\s+Council", true),
        ] {
            let re = Regex::new(pattern).unwrap();
            let original = re.find(text).map(|m| m.range());
            let shadowed = re.find(&shadow).map(|m| m.range());
            assert_eq!(original, shadowed, "{pattern}");
            assert_eq!(original.is_some(), expected, "{pattern}");
        }
    }
}
