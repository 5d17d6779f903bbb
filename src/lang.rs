//! Language recognition. The languages themselves are the language packs
//! (`rules/<code>.toml`, see [`crate::pack`]); each pack lists the function words that
//! recognise it.

pub use crate::pack::Language;
use crate::pack::Pack;

/// Guess the language from the function words of every registered pack: cheap,
/// linear, good enough for languages whose function words differ. A tie goes to the
/// pack [`Language::all`] lists first (the default pack).
pub fn detect(text: &str) -> Language {
    let packs: Vec<(Language, Vec<String>)> = Language::all()
        .into_iter()
        .map(|l| {
            let words = Pack::builtin(l).strings("language.function-words");
            (l, words.iter().map(|w| w.to_lowercase()).collect())
        })
        .collect();
    let mut hits = vec![0usize; packs.len()];
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty() && w.len() <= 5)
        .take(20_000)
    {
        for (i, (_, words)) in packs.iter().enumerate() {
            if words.iter().any(|f| f.eq_ignore_ascii_case(w)) {
                hits[i] += 1;
            }
        }
    }
    let mut best = 0;
    for i in 1..hits.len() {
        if hits[i] > hits[best] {
            best = i;
        }
    }
    packs[best].0
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
