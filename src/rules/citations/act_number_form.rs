//! CT002 `act-number-form`.

use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

use super::{citations, ActKind, ActNumber};

declare_rule! {
    /// ## What it does
    /// Flags an act number written with "No" where none belongs, or without it where
    /// it does. Since 1 January 2015 every act has one number, year first, without
    /// "No": `Regulation (EU) 2019/1148`, not `Regulation (EU) No 2019/1148`. A
    /// regulation adopted before 2015 carries "No" and its number before the year:
    /// `Regulation (EU) No 1025/2012`, not `Regulation (EU) 1025/2012`
    /// (`Verordening (EU) nr. 1025/2012` in Dutch).
    ///
    /// ## Why is this bad?
    /// The number is the act's identity. A form that mixes the two numbering systems
    /// says the act is of another period than it is, and searches for the official
    /// citation miss it.
    ///
    /// ## Example
    /// ```text
    /// as laid down in Regulation (EU) No 2019/1148 and Regulation (EU) 1025/2012
    /// ```
    /// Use instead:
    /// ```text
    /// as laid down in Regulation (EU) 2019/1148 and Regulation (EU) No 1025/2012
    /// ```
    ///
    /// ## Profiles
    /// The same in every kind of document. The Publications Office slots of a proposal
    /// (`Regulation (EU) …/…`) have no number and are never reported.
    ///
    /// ## Options
    /// The act words and "No"/"nr." come from the language pack (`[citations]`).
    pub ActNumberForm {
        code: "CT002",
        name: "act-number-form",
        group: Citations,
        level: Warning,
        summary: "an act number with \"No\" after 2015, or a pre-2015 regulation without it",
    }
}

/// Why an act's number is malformed, and the standard form (`number_word`: the
/// pack's "No").
pub fn number_problem(
    a: &ActNumber,
    number_word: &str,
    pre_lisbon: impl Fn(&str) -> bool,
) -> Option<(String, String)> {
    let first_year = a.first.len() == 4 && a.year >= 2015 && a.first == a.year.to_string();
    if a.number_word && a.suffix.is_none() && first_year {
        let domain_ok = a
            .domain
            .as_deref()
            .is_none_or(|d| !d.split(',').any(|d| pre_lisbon(d.trim())));
        if domain_ok {
            let domain = a.domain.as_deref().unwrap_or("EU");
            return Some((
                format!(
                    "an act numbered since 2015 ({}) takes no \"{number_word}\"",
                    a.year
                ),
                format!("{} ({domain}) {}/{}", a.word, a.first, a.second),
            ));
        }
    }
    let year_second = a.second.len() == 4 && a.year <= 2014 && a.second == a.year.to_string()
        || a.second.len() == 2 && a.year < 2000;
    if a.kind == ActKind::Regulation
        && !a.number_word
        && a.suffix.is_none()
        && a.domain.is_some()
        && year_second
        && a.serial.to_string() == a.first.trim_start_matches('0')
    {
        let domain = a.domain.as_deref().unwrap_or_default();
        return Some((
            format!(
                "a regulation of {} (before 2015) takes \"{number_word}\" before its number",
                a.year
            ),
            format!(
                "{} ({domain}) {number_word} {}/{}",
                a.word, a.first, a.second
            ),
        ));
    }
    None
}

impl Rule for ActNumberForm {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let grammar = cx.pack().compiled::<super::Grammar>();
        let found = citations(doc, cx.pack());
        for (c, a) in found.checkable_acts() {
            if let Some((problem, standard)) =
                number_problem(a, grammar.number_word(), |d| grammar.is_pre_lisbon(d))
            {
                cx.report(c.span, format!("`{}`: {problem}", c.written))
                    .label("act number")
                    .help(format!("write `{standard}`"));
            }
        }
    }
}
