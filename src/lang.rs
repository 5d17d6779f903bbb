//! Languages and language packs (`rules/nl.toml`, `rules/en.toml`, embedded).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Nl,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }
}

/// Guess the language from function words: cheap, linear, good enough for nl/en.
pub fn detect(text: &str) -> Language {
    const NL: &[&str] = &[
        "de", "het", "een", "van", "en", "zal", "voor", "met", "zijn", "wordt", "niet", "op",
    ];
    const EN: &[&str] = &[
        "the", "of", "and", "to", "will", "for", "with", "is", "are", "be", "not", "on",
    ];
    let (mut nl, mut en) = (0usize, 0usize);
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(20_000)
    {
        if w.len() > 5 {
            continue;
        }
        if NL.iter().any(|f| f.eq_ignore_ascii_case(w)) {
            nl += 1;
        }
        if EN.iter().any(|f| f.eq_ignore_ascii_case(w)) {
            en += 1;
        }
    }
    if en > nl {
        Language::En
    } else {
        Language::Nl
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_dutch_and_english() {
        assert_eq!(
            detect("De Commissie zal in 2021 een voorstel indienen voor de lidstaten."),
            Language::Nl
        );
        assert_eq!(
            detect("The Commission will present a proposal to the Member States in 2021."),
            Language::En
        );
    }
}
