//! Word-level helpers shared by the wording rules (acronyms, term variants, repeated
//! words): a tokeniser that keeps byte offsets into a rebuilt [`Text`] string, and
//! small tests on the shape of a word.
//!
//! [`Text`]: crate::document::Text

/// A word of a rebuilt text: `text[start..end]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// A hyphen was glued to the front ("-operaties"): the tail of a suspended compound.
    pub leading_hyphen: bool,
    /// A hyphen was glued to the end ("immigratie-", "EU-"): a suspended compound.
    pub trailing_hyphen: bool,
    /// The word lies in a URL, an e-mail address or a path: not prose.
    pub in_url: bool,
}

impl Word {
    pub fn as_str<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// The hasher of maps keyed by a document's words.
pub type WordHash = crate::hash::FastHash;

/// Hyphens that join compound parts.
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Apostrophes that may sit inside a word (Da'esh, risico’s).
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_hyphen(c) || is_apostrophe(c)
}

/// A whitespace-delimited chunk that is a URL, an e-mail address or a file path.
fn is_url_chunk(chunk: &str) -> bool {
    // Every test below needs a `.`, a `:` or a `%`: most chunks have none.
    if !chunk.bytes().any(|b| matches!(b, b'.' | b':' | b'%')) {
        return false;
    }
    let starts_www = |c: &str| c.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www."));
    chunk.contains("://")
        || starts_www(chunk)
        || chunk.strip_prefix('(').is_some_and(starts_www)
        || chunk.contains("%20")
        || (chunk.contains('@') && chunk.contains('.'))
        || is_bare_domain(chunk)
}

/// "atlasbig.com", "(open.overheid.nl).": a host name without a scheme, by its
/// top-level domain (a closed list: abbreviations such as "d.w.z." or "i.e." never
/// end in one).
fn is_bare_domain(chunk: &str) -> bool {
    const TLDS: &[&str] = &[
        "com", "org", "net", "int", "edu", "gov", "info", "io", "eu", "europa", "nl", "be", "de",
        "fr", "uk", "lu", "it", "es", "at", "dk", "se", "fi", "ie", "pt", "pl", "ch", "no",
    ];
    let host = chunk
        .trim_start_matches(['(', '[', '“', '‘', '"', '\''])
        .trim_end_matches(|c: char| !c.is_ascii_alphanumeric() && c != '/');
    // "2021,ukcop26.org": a host glued to the text before it.
    let host = host.rsplit([',', '(']).next().unwrap_or("");
    let host = host.split('/').next().unwrap_or("");
    let Some((name, tld)) = host.rsplit_once('.') else {
        return false;
    };
    name.len() >= 2
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '.'))
        && name.chars().filter(|c| c.is_ascii_lowercase()).count() >= 2
        && !name.ends_with('.')
        && TLDS.contains(&tld)
}

/// Split a text into words. A word is a run of letters and digits, with hyphens and
/// apostrophes allowed between them ("EU-lidstaten", "Da’esh"); a hyphen at either
/// end is recorded, not kept. Linear in the length of the text.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    for chunk in text.split(char::is_whitespace) {
        if chunk.is_empty() {
            continue;
        }
        // `split` yields subslices of `text`, so the pointer difference is the offset.
        let offset = chunk.as_ptr() as usize - text.as_ptr() as usize;
        words_in_chunk(chunk, offset, is_url_chunk(chunk), &mut out);
    }
    out
}

fn words_in_chunk(chunk: &str, offset: usize, in_url: bool, out: &mut Vec<Word>) {
    if chunk.is_ascii() {
        return words_in_ascii_chunk(chunk.as_bytes(), offset, in_url, out);
    }
    words_in_chunk_chars(chunk, offset, in_url, out);
}

fn words_in_chunk_chars(chunk: &str, offset: usize, in_url: bool, out: &mut Vec<Word>) {
    let mut run: Option<usize> = None;
    let push = |s: usize, e: usize, out: &mut Vec<Word>| {
        let raw = &chunk[s..e];
        let trimmed_front = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
        let trimmed = trimmed_front.trim_end_matches(|c: char| !c.is_alphanumeric());
        if trimmed.is_empty() {
            return;
        }
        let front = &raw[..raw.len() - trimmed_front.len()];
        let back = &trimmed_front[trimmed.len()..];
        let ws = s + front.len();
        out.push(Word {
            start: offset + ws,
            end: offset + ws + trimmed.len(),
            leading_hyphen: front.chars().any(is_hyphen),
            trailing_hyphen: back.chars().any(is_hyphen),
            in_url,
        });
    };
    for (i, c) in chunk.char_indices() {
        if is_word_char(c) {
            if run.is_none() {
                run = Some(i);
            }
        } else if let Some(s) = run.take() {
            push(s, i, out);
        }
    }
    if let Some(s) = run {
        push(s, chunk.len(), out);
    }
}

/// [`words_in_chunk`] for an ASCII chunk (nearly every chunk of prose), byte by byte:
/// the same words, without decoding characters.
fn words_in_ascii_chunk(chunk: &[u8], offset: usize, in_url: bool, out: &mut Vec<Word>) {
    let is_word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'\'';
    let mut i = 0;
    while i < chunk.len() {
        if !is_word_byte(chunk[i]) {
            i += 1;
            continue;
        }
        let s = i;
        while i < chunk.len() && is_word_byte(chunk[i]) {
            i += 1;
        }
        let raw = &chunk[s..i];
        let Some(front) = raw.iter().position(u8::is_ascii_alphanumeric) else {
            continue;
        };
        let back = raw
            .iter()
            .rposition(u8::is_ascii_alphanumeric)
            .map_or(front, |b| b + 1);
        out.push(Word {
            start: offset + s + front,
            end: offset + s + back,
            leading_hyphen: raw[..front].contains(&b'-'),
            trailing_hyphen: raw[back..].contains(&b'-'),
            in_url,
        });
    }
}

/// The hyphen-separated parts of a word, with their byte offsets relative to the word.
pub fn hyphen_parts(word: &str) -> HyphenParts<'_> {
    HyphenParts {
        word,
        pos: 0,
        done: false,
    }
}

/// The iterator of [`hyphen_parts`]: `word.split(is_hyphen)` with offsets, found byte
/// by byte (`-` is one byte, U+2010 and U+2011 are `E2 80 90` and `E2 80 91`).
pub struct HyphenParts<'a> {
    word: &'a str,
    pos: usize,
    done: bool,
}

impl<'a> Iterator for HyphenParts<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        if self.done {
            return None;
        }
        let start = self.pos;
        let bytes = self.word.as_bytes();
        let mut i = start;
        while i < bytes.len() {
            let hyphen_len = match bytes[i] {
                b'-' => 1,
                0xE2 if bytes.get(i + 1) == Some(&0x80)
                    && matches!(bytes.get(i + 2), Some(0x90 | 0x91)) =>
                {
                    3
                }
                _ => 0,
            };
            if hyphen_len > 0 {
                self.pos = i + hyphen_len;
                return Some((start, &self.word[start..i]));
            }
            i += 1;
        }
        self.done = true;
        Some((start, &self.word[start..]))
    }
}

/// Every letter is uppercase (and there are at least two letters).
pub fn is_all_caps(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// "Europol", "Lidstaten": one capital then lowercase letters.
pub fn is_titlecase(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => {}
        _ => return false,
    }
    let mut any = false;
    for c in chars {
        if c.is_alphabetic() {
            if c.is_uppercase() {
                return false;
            }
            any = true;
        }
    }
    any
}

/// Upper-case Roman numerals as used for parts and annexes (I–XXXIX, with L).
pub fn is_roman_numeral(word: &str) -> bool {
    !word.is_empty()
        && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
        && crate::document::inline::roman_value(word).is_some()
}

/// A text written mostly in capitals (a shouted heading such as "VERSTERKING VAN DE
/// INTERNATIONALE SAMENWERKING"): its capitals are typography, not acronyms.
pub fn is_shouting(text: &str, words: &[Word]) -> bool {
    let mut alpha = 0;
    let mut caps = 0;
    for w in words {
        let s = w.as_str(text);
        if s.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            continue;
        }
        alpha += 1;
        if is_all_caps(s) {
            caps += 1;
        }
    }
    alpha >= 2 && caps * 4 >= alpha * 3
}

/// For each word: it belongs to a run of three or more consecutive all-caps words
/// ("THE COUNCIL INVITES"), which is typography, not a row of acronyms.
pub fn in_caps_run(text: &str, words: &[Word]) -> Vec<bool> {
    let mut out = vec![false; words.len()];
    let mut run_start = 0;
    for i in 0..=words.len() {
        let word_caps = words.get(i).is_some_and(|w| is_all_caps(w.as_str(text)));
        let joined = i == run_start
            || words
                .get(i)
                .is_some_and(|w| text[words[i - 1].end..w.start].trim().is_empty());
        if !(word_caps && joined) {
            if i >= run_start + 3 {
                out[run_start..i].iter_mut().for_each(|b| *b = true);
            }
            // A word in capitals after punctuation ("II. STATE OF PLAY") starts a run.
            run_start = if word_caps { i } else { i + 1 };
        }
    }
    out
}

/// The words of every text of a document, in [`super::Document::texts`] order.
pub struct TextWords(pub Vec<Vec<Word>>);

/// The words of every text of `doc`, split once per document for every rule that
/// reads words (acronyms, repeated words, term variants).
pub fn of_texts(doc: &super::Document) -> std::sync::Arc<TextWords> {
    // Splitting depends on no pack: one entry per document (key 0).
    doc.analyses.get_or_build(0, || {
        TextWords(doc.texts().map(|(_, t)| words(t.as_str())).collect())
    })
}

/// For every text of a document ([`of_texts`] order): whether it is written mostly in
/// capitals ([`is_shouting`]) and which of its words stand in a run of capitals
/// ([`in_caps_run`]); computed once per document for the acronym table and term variants.
pub struct TextCaps(pub Vec<(bool, Vec<bool>)>);

/// [`TextCaps`] of `doc`, computed once.
pub fn caps_of_texts(doc: &super::Document) -> std::sync::Arc<TextCaps> {
    doc.analyses.get_or_build(0, || {
        let words = of_texts(doc);
        TextCaps(
            doc.texts()
                .zip(words.0.iter())
                .map(|((_, t), ws)| (is_shouting(t.as_str(), ws), in_caps_run(t.as_str(), ws)))
                .collect(),
        )
    })
}

/// A word in capitals broken at a line end ("OP-" + "TIONAL", "COM-" + "MISSION"):
/// its joined and hyphenated forms, lowercased, for a front end to look up among the
/// document's words (joined when the document writes it whole and never with that
/// hyphen). `None` when the parts are not both capitals (the second of two letters or
/// more).
pub(crate) fn broken_capitals(left: &str, right: &str) -> Option<(String, String)> {
    let capitals =
        |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphabetic() && c.is_uppercase());
    (capitals(left) && right.chars().count() >= 2 && capitals(right)).then(|| {
        (
            format!("{left}{right}").to_lowercase(),
            format!("{left}-{right}").to_lowercase(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strs(text: &str) -> Vec<&str> {
        words(text).iter().map(|w| w.as_str(text)).collect()
    }

    #[test]
    fn splits_words_and_keeps_inner_hyphens_and_apostrophes() {
        assert_eq!(
            strs("De EU-lidstaten, Da’esh en risico's (PNR)."),
            vec!["De", "EU-lidstaten", "Da’esh", "en", "risico's", "PNR"]
        );
        let t = "grensbeheer- en -operaties";
        let w = words(t);
        assert!(w[0].trailing_hyphen && !w[0].leading_hyphen);
        assert!(w[2].leading_hyphen);
        assert_eq!(w[2].as_str(t), "operaties");
    }

    #[test]
    fn marks_urls() {
        let t = "zie https://eur-lex.europa.eu/EN/TXT en EU";
        let w = words(t);
        assert!(w.iter().filter(|w| w.as_str(t) == "TXT").all(|w| w.in_url));
        assert!(!w.last().unwrap().in_url);
        for host in [
            "atlasbig.com",
            "(november 2021,ukcop26.org).",
            "open.overheid.nl)",
        ] {
            let w = words(host);
            assert!(w.last().is_some_and(|w| w.in_url), "{host}");
            assert!(w
                .iter()
                .all(|x| x.in_url || host[x.start..x.end] == *"november"));
        }
        for prose in ["d.w.z.", "i.e.", "p.m.", "einde.De", "Europe.eu", "z.nl"] {
            assert!(words(prose).iter().all(|w| !w.in_url), "{prose}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_path_splits_as_the_character_path(chunk in "[-a-zA-Z0-9'.,()/;:@%é’ ]{0,24}") {
            for piece in chunk.split(' ').filter(|p| p.is_ascii()) {
                let (mut fast, mut slow) = (Vec::new(), Vec::new());
                words_in_ascii_chunk(piece.as_bytes(), 3, false, &mut fast);
                words_in_chunk_chars(piece, 3, false, &mut slow);
                proptest::prop_assert_eq!(fast, slow);
            }
        }
    }

    #[test]
    fn roman_numerals() {
        for r in ["I", "II", "IV", "IX", "XIV", "XL"] {
            assert!(is_roman_numeral(r), "{r}");
        }
        for r in ["IIII", "VX", "EU", "IL", ""] {
            assert!(!is_roman_numeral(r), "{r}");
        }
    }

    #[test]
    fn hyphen_parts_have_offsets() {
        let parts: Vec<_> = hyphen_parts("EU-IntCEN").collect();
        assert_eq!(parts, vec![(0, "EU"), (3, "IntCEN")]);
    }

    proptest::proptest! {
        #[test]
        fn hyphen_parts_split_as_split_does(word in "[a-z\u{2010}\u{2011}\u{2012}é-]{0,12}") {
            let mut pos = 0;
            let expected: Vec<(usize, &str)> = word
                .split(is_hyphen)
                .map(|p| {
                    let at = pos;
                    pos += p.len();
                    if let Some(c) = word[pos..].chars().next() {
                        pos += c.len_utf8();
                    }
                    (at, p)
                })
                .collect();
            proptest::prop_assert_eq!(hyphen_parts(&word).collect::<Vec<_>>(), expected);
        }
    }

    #[test]
    fn caps_runs() {
        let t = "Today THE COUNCIL INVITES the EU and NATO";
        let w = words(t);
        assert_eq!(
            in_caps_run(t, &w),
            vec![false, true, true, true, false, false, false, false]
        );
        // A heading in capitals glued into a paragraph after its number.
        let t = "the Union. II. STATE OF PLAY 3. The EU";
        let w = words(t);
        assert_eq!(
            in_caps_run(t, &w),
            vec![false, false, false, true, true, true, false, false, false]
        );
    }

    #[test]
    fn shouting() {
        let t = "VERSTERKING VAN DE INTERNATIONALE SAMENWERKING";
        assert!(is_shouting(t, &words(t)));
        let t = "De rol van de EU en de NAVO";
        assert!(!is_shouting(t, &words(t)));
    }
}
