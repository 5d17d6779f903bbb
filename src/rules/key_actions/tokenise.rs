//! Words of a running text with their byte ranges, normalised for matching.
//!
//! A word is a run of letters and digits; `-`, `'` and `’` join two such runs into one
//! word (`EU-veiligheidsadviseurs`, `regio’s`). A hyphen at the end of a word that is
//! followed by a space marks a suspended prefix (`inlichtingen- en dreigingsanalysen`);
//! a hyphen at the start marks a suspended head (`EU-agenda en -actieplan`). Both are
//! kept as flags so that [`super::compound`] can expand the ellipsis.

/// One word of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Byte range in the tokenised string (the whole written word, hyphens included).
    pub start: usize,
    pub end: usize,
    /// Lowercase, diacritics folded, apostrophes removed; inner hyphens kept.
    pub norm: String,
    /// Written with a trailing hyphen before a space: the modifier of an ellipsis.
    pub suspended_prefix: bool,
    /// Written with a leading hyphen after a space: the head of an ellipsis.
    pub suspended_head: bool,
    /// Written mostly in capitals (`API`, `EU-IntCEN`, `Ecris-TCN`): a candidate acronym.
    pub capitalised: bool,
}

impl Word {
    /// The hyphen-separated parts of the normalised word, without empty parts.
    pub fn hyphen_parts(&self) -> impl Iterator<Item = &str> {
        self.norm.split('-').filter(|p| !p.is_empty())
    }

    pub fn is_numeric(&self) -> bool {
        self.norm.chars().all(|c| c.is_ascii_digit() || c == '-')
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\'' | '\u{2019}')
}

/// Split `text` into words.
pub fn words(text: &str) -> Vec<Word> {
    if text.is_ascii() {
        return ascii_words(text);
    }
    words_of_chars(text)
}

/// [`words`] of an ASCII text: the same rules read byte by byte (a byte is a
/// character; only `-` is a hyphen and only `'` another joiner).
fn ascii_words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    ascii_scan(
        text,
        |start, end, core, suspended_prefix, suspended_head| {
            push_word(&mut out, start, end, core, suspended_prefix, suspended_head)
        },
    );
    out
}

/// The words of `text` as [`words`] finds them, without normalising them: for each,
/// its written core (the word without its outer hyphens, of which
/// [`normalise`] gives `norm`) and whether it is a suspended prefix or head, in
/// order. A word whose norm would be empty (and that [`words`] leaves out) is left
/// out here too.
pub fn for_each_core<'t>(text: &'t str, mut each: impl FnMut(&'t str, bool, bool)) {
    if text.is_ascii() {
        ascii_scan(text, |_, _, core, suspended_prefix, suspended_head| {
            if core.bytes().any(|b| b != b'\'') {
                each(core, suspended_prefix, suspended_head);
            }
        });
        return;
    }
    for w in words_of_chars(text) {
        let core = text[w.start..w.end].trim_matches(is_hyphen);
        each(core, w.suspended_prefix, w.suspended_head);
    }
}

/// The scan behind [`ascii_words`]: `each(start, end, core, suspended_prefix,
/// suspended_head)` for every candidate word.
fn ascii_scan<'t>(text: &'t str, mut each: impl FnMut(usize, usize, &'t str, bool, bool)) {
    let b = text.as_bytes();
    let alnum = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphanumeric);
    // `char::is_whitespace` (it also counts U+001C–U+001F, which
    // `u8::is_ascii_whitespace` does not).
    let space = |c: u8| char::from(c).is_whitespace();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let leading_hyphen =
            c == b'-' && alnum(i + 1) && (i == 0 || space(b[i - 1]) || b[i - 1] == b'(');
        if !c.is_ascii_alphanumeric() && !leading_hyphen {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = if leading_hyphen { i + 1 } else { i };
        loop {
            while alnum(j) {
                j += 1;
            }
            if j + 1 < b.len() && matches!(b[j], b'-' | b'\'') && alnum(j + 1) {
                j += 1;
                continue;
            }
            break;
        }
        let mut suspended_prefix = false;
        if j < b.len()
            && b[j] == b'-'
            && b.get(j + 1)
                .is_none_or(|&n| space(n) || n == b'/' || n == b',')
        {
            suspended_prefix = true;
            j += 1;
        }
        let written = &text[start..j];
        let core = written.trim_matches('-');
        each(start, j, core, suspended_prefix, leading_hyphen);
        i = j.max(i + 1);
    }
}

fn words_of_chars(text: &str) -> Vec<Word> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        // A leading hyphen directly before a letter, after a space or an opening
        // bracket: the suspended head of an ellipsis ("en -actieplan").
        let leading_hyphen = is_hyphen(c)
            && chars.get(i + 1).is_some_and(|&(_, n)| n.is_alphanumeric())
            && (i == 0 || chars[i - 1].1.is_whitespace() || chars[i - 1].1 == '(');
        if !c.is_alphanumeric() && !leading_hyphen {
            i += 1;
            continue;
        }
        let start = pos;
        let mut j = if leading_hyphen { i + 1 } else { i };
        // Consume letters/digits and inner joiners.
        loop {
            while j < chars.len() && chars[j].1.is_alphanumeric() {
                j += 1;
            }
            if j + 1 < chars.len() && is_joiner(chars[j].1) && chars[j + 1].1.is_alphanumeric() {
                j += 1;
                continue;
            }
            break;
        }
        // A trailing hyphen followed by whitespace, a slash or the end: suspended prefix.
        let mut suspended_prefix = false;
        if j < chars.len()
            && is_hyphen(chars[j].1)
            && chars
                .get(j + 1)
                .is_none_or(|&(_, n)| n.is_whitespace() || n == '/' || n == ',')
        {
            suspended_prefix = true;
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
        let written = &text[start..end];
        let core = written.trim_matches(is_hyphen);
        push_word(&mut out, start, end, core, suspended_prefix, leading_hyphen);
        i = j.max(i + 1);
    }
    out
}

/// The word at `start..end` whose written core is `core`, unless it normalises to
/// nothing (both tokenisers).
fn push_word(
    out: &mut Vec<Word>,
    start: usize,
    end: usize,
    core: &str,
    suspended_prefix: bool,
    suspended_head: bool,
) {
    let norm = normalise(core);
    if !norm.is_empty() {
        out.push(Word {
            start,
            end,
            capitalised: is_capitalised(core),
            norm,
            suspended_prefix,
            suspended_head,
        });
    }
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Lowercase, fold diacritics (coördinatie = coordinatie), drop apostrophes, unify
/// hyphens.
pub fn normalise(word: &str) -> String {
    // Most words are plain lowercase ASCII (with hyphens): nothing to change.
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return word.to_string();
    }
    // Any other ASCII word: lowercase it and drop apostrophes (what the loop below
    // does to ASCII characters).
    if word.is_ascii() {
        let mut s = String::with_capacity(word.len());
        s.extend(
            word.bytes()
                .filter(|&b| b != b'\'')
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return s;
    }
    let mut s = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\'' | '\u{2019}' => {}
            '\u{2010}' | '\u{2011}' => s.push('-'),
            _ => {
                for l in c.to_lowercase() {
                    s.push(fold(l));
                }
            }
        }
    }
    s
}

fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        _ => c,
    }
}

/// At least two capitals and more capitals than half the letters of some part:
/// `API`, `EU-IntCEN`, `Ecris-TCN`, `PNR`; not `EU-veiligheidsadviseurs` as a whole
/// (its `EU` part is checked separately by callers).
fn is_capitalised(word: &str) -> bool {
    if word.is_ascii() {
        let (mut letters, mut upper) = (0, 0);
        for b in word.bytes() {
            letters += usize::from(b.is_ascii_alphabetic());
            upper += usize::from(b.is_ascii_uppercase());
        }
        return upper >= 2 && upper * 2 >= letters;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    upper >= 2 && upper * 2 >= letters
}

/// True when a written word (one hyphen part) looks like an acronym: `SIS`, `Etias`
/// is not (it is handled through its definition), `IntCEN` is.
pub fn looks_like_acronym(part: &str) -> bool {
    let letters = part.chars().filter(|c| c.is_alphabetic()).count();
    let upper = part.chars().filter(|c| c.is_uppercase()).count();
    letters >= 2 && upper >= 2 && upper * 2 >= letters
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.norm).collect()
    }

    #[test]
    fn keeps_hyphen_compounds_and_apostrophes_together() {
        assert_eq!(
            norms("met inzet van EU-veiligheidsadviseurs op verzoek; regio’s (Ecris-TCN)"),
            [
                "met",
                "inzet",
                "van",
                "eu-veiligheidsadviseurs",
                "op",
                "verzoek",
                "regios",
                "ecris-tcn"
            ]
        );
    }

    #[test]
    fn marks_suspended_prefixes_and_heads() {
        let w = words("strategische inlichtingen- en dreigingsanalysen");
        assert_eq!(w[1].norm, "inlichtingen");
        assert!(w[1].suspended_prefix);
        assert_eq!(
            &"strategische inlichtingen- en dreigingsanalysen"[w[1].start..w[1].end],
            "inlichtingen-"
        );
        let w = words("EU-agenda en -actieplan inzake drugs");
        assert_eq!(w[0].norm, "eu-agenda");
        assert!(w[2].suspended_head);
        assert_eq!(w[2].norm, "actieplan");
        let w = words("terrorismebestrijdings-/beveiligingsdeskundigen");
        assert!(w[0].suspended_prefix);
        assert_eq!(w[1].norm, "beveiligingsdeskundigen");
    }

    #[test]
    fn dashes_between_numbers_and_spaced_dashes_are_not_words() {
        assert_eq!(
            norms("voor 2021–2025 – en verder"),
            ["voor", "2021", "2025", "en", "verder"]
        );
        assert_eq!(
            norms("coördinatie Prüm-besluiten"),
            ["coordinatie", "prum-besluiten"]
        );
    }

    #[test]
    fn never_splits_inside_a_character() {
        for text in ["é-", "-é", "ü’", "—x—", "a- ", "-"] {
            for w in words(text) {
                assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
            }
        }
    }

    /// [`normalise`] and [`is_capitalised`] read character by character.
    fn normalise_by_chars(word: &str) -> String {
        let mut s = String::new();
        for c in word.chars() {
            match c {
                '\'' | '\u{2019}' => {}
                '\u{2010}' | '\u{2011}' => s.push('-'),
                _ => s.extend(c.to_lowercase().map(fold)),
            }
        }
        s
    }

    fn is_capitalised_by_chars(word: &str) -> bool {
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let upper = word.chars().filter(|c| c.is_uppercase()).count();
        upper >= 2 && upper * 2 >= letters
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_fast_paths_agree_with_the_character_loop(word in "[-a-zA-Z0-9'’‐éÉİ]{0,12}") {
            proptest::prop_assert_eq!(normalise(&word), normalise_by_chars(&word));
            proptest::prop_assert_eq!(is_capitalised(&word), is_capitalised_by_chars(&word));
        }

        #[test]
        fn the_cores_are_the_words(text in "[-a-zA-Z0-9'’‐é ,/()\t\n.;]{0,30}") {
            let mut cores = Vec::new();
            for_each_core(&text, |core, prefix, head| cores.push((normalise(core), prefix, head)));
            let expected: Vec<(String, bool, bool)> = words(&text)
                .into_iter()
                .map(|w| (w.norm, w.suspended_prefix, w.suspended_head))
                .collect();
            proptest::prop_assert_eq!(cores, expected);
        }

        #[test]
        fn the_ascii_path_splits_as_the_character_path(text in "[-a-zA-Z0-9' ,/()\t\n\x1c\x0b.;]{0,30}") {
            proptest::prop_assert_eq!(ascii_words(&text), words_of_chars(&text));
        }
    }

    #[test]
    fn recognises_acronyms() {
        assert!(looks_like_acronym("API"));
        assert!(looks_like_acronym("IntCEN"));
        assert!(!looks_like_acronym("Etias"));
        assert!(!looks_like_acronym("EU-veiligheidsadviseurs"));
    }
}
