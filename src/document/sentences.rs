//! Sentence splitting over rebuilt paragraph text. Runs after lines are joined, so a
//! sentence that wraps over lines or pages is one sentence. Abbreviations come from
//! the language pack (`[sentences] abbreviations`).

use std::collections::HashSet;

use super::{Document, Sentence};
use crate::lang::Language;
use crate::pack::{FromPack, Pack};

/// The abbreviation set of a pack, built once.
pub struct Abbreviations(HashSet<String>);

impl FromPack for Abbreviations {
    fn from_pack(pack: &Pack) -> Self {
        Abbreviations(
            pack.strings("sentences.abbreviations")
                .into_iter()
                .map(|a| a.to_lowercase())
                .collect(),
        )
    }
}

/// Split every body paragraph of a document into sentences.
pub fn split_document(doc: &Document) -> Vec<Sentence> {
    split_document_with(doc, Pack::builtin(doc.language))
}

/// Split every body paragraph into sentences with the abbreviations of `pack` (the
/// document language's pack as configuration extends it).
pub fn split_document_with(doc: &Document, pack: &Pack) -> Vec<Sentence> {
    let abbrevs = pack.compiled::<Abbreviations>();
    let mut out = Vec::new();
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        for (s, e) in split(p.text.as_str(), &abbrevs) {
            out.push(Sentence {
                paragraph: pi,
                start: s,
                end: e,
            });
        }
    }
    out
}

/// Split a text into sentence ranges (byte offsets, trimmed).
pub fn split(text: &str, abbrevs: &Abbreviations) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if matches!(c, '.' | '!' | '?' | '…') {
            // Include closing quotes and brackets.
            let mut j = k + 1;
            while j < chars.len() && matches!(chars[j].1, '”' | '’' | '"' | '\'' | ')' | ']' | '»')
            {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |(o, _)| *o);
            let followed_by_space = j < chars.len() && chars[j].1.is_whitespace();
            if followed_by_space && is_boundary(text, i, c, &chars, j, abbrevs) {
                push_trimmed(text, start, end, &mut out);
                start = end;
            }
            k = j;
            continue;
        }
        k += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn is_boundary(
    text: &str,
    dot: usize,
    c: char,
    chars: &[(usize, char)],
    after: usize,
    abbrevs: &Abbreviations,
) -> bool {
    // The next word must start like a sentence.
    let next = chars[after..]
        .iter()
        .map(|(_, ch)| *ch)
        .find(|ch| !ch.is_whitespace());
    let Some(next) = next else {
        return true;
    };
    if !(next.is_uppercase()
        || next.is_ascii_digit()
        || matches!(next, '“' | '"' | '‘' | '(' | '[' | '•' | '–' | '-'))
    {
        return false;
    }
    if c != '.' {
        return true;
    }
    // The token ending in this period.
    let token_start = text[..dot]
        .char_indices()
        .rev()
        .find(|(_, ch)| ch.is_whitespace() || matches!(ch, '(' | '[' | '“' | '"'))
        .map_or(0, |(o, ch)| o + ch.len_utf8());
    let token = &text[token_start..dot + 1];
    let lower = token.to_lowercase();
    if abbrevs.0.contains(&lower) {
        return false;
    }
    let letters: Vec<char> = token.chars().filter(|ch| ch.is_alphabetic()).collect();
    // An initial ("J. Smith") or a dotted abbreviation ("o.a.", "e.g.").
    if letters.len() == 1 && token.chars().count() == 2 && letters[0].is_uppercase() {
        return false;
    }
    if token.len() > 2
        && token[..token.len() - 1].contains('.')
        && letters.len() <= 4
        && letters.iter().all(|c| c.is_lowercase())
    {
        return false;
    }
    true
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push((start + lead, end - trail));
    }
}

/// Sentences of a plain string in a language (for tests and rules that work on texts
/// other than body paragraphs).
pub fn split_text(text: &str, language: Language) -> Vec<(usize, usize)> {
    let abbrevs = Pack::builtin(language).compiled::<Abbreviations>();
    split(text, &abbrevs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str, lang: Language) -> Vec<&str> {
        split_text(t, lang)
            .into_iter()
            .map(|(s, e)| &t[s..e])
            .collect()
    }

    #[test]
    fn splits_at_sentence_ends_but_not_abbreviations() {
        assert_eq!(
            sents("Zie o.a. blz. 10 van het verslag. De Commissie zal dit doen (bv. in 2021). Dat is alles.", Language::Nl),
            vec!["Zie o.a. blz. 10 van het verslag.", "De Commissie zal dit doen (bv. in 2021).", "Dat is alles."]
        );
        assert_eq!(
            sents(
                "The Commission will act, e.g. by 2021. See p. 4. Mr. J. Smith agreed.",
                Language::En
            ),
            vec![
                "The Commission will act, e.g. by 2021.",
                "See p. 4.",
                "Mr. J. Smith agreed."
            ]
        );
        assert_eq!(
            sents("Het eind van 19.6.2018 is bereikt. nog", Language::Nl).len(),
            1
        );
        assert_eq!(
            sents("“Quoted.” Next one.", Language::En),
            vec!["“Quoted.”", "Next one."]
        );
    }
}
