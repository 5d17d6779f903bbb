//! CT003 `act-domain-form`.

use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

use super::{citations, ActNumber};

declare_rule! {
    /// ## What it does
    /// Flags an act whose domain (EU, EC, EEC…) is written where or as it no longer
    /// belongs:
    /// - an act of 2015 or later with the domain after the number: `Directive
    ///   2016/1148/EU` for `Directive (EU) 2016/1148`;
    /// - an act of 2015 or later with no domain at all: `Richtlijn 2019/882` for
    ///   `Richtlijn (EU) 2019/882`;
    /// - an act of 2010 or later with a domain of before the Treaty of Lisbon:
    ///   `Richtlijn 2014/94/EG` for `Richtlijn 2014/94/EU`.
    ///
    /// ## Why is this bad?
    /// Since 2015 the Official Journal numbers every act `(domain) year/number`; since
    /// the Treaty of Lisbon acts are EU acts, not EC acts. A citation in another form
    /// names an act that does not exist in that form, and a search for it fails.
    ///
    /// ## Example
    /// ```text
    /// Directive 2016/1148/EU and Directive 2014/94/EC
    /// ```
    /// Use instead:
    /// ```text
    /// Directive (EU) 2016/1148 and Directive 2014/94/EU
    /// ```
    ///
    /// ## Profiles
    /// The same in every kind of document.
    ///
    /// ## Options
    /// The domains, and which of them predate the Treaty of Lisbon, come from the
    /// language pack (`[citations]` `domains`, `pre-lisbon-domains`).
    pub ActDomainForm {
        code: "CT003",
        name: "act-domain-form",
        group: Citations,
        level: Warning,
        summary: "an act of 2015 on with its domain after the number or none, or an EC act after 2009",
    }
}

/// Why an act's domain is malformed, and the standard form.
pub fn domain_problem(
    a: &ActNumber,
    pre_lisbon: impl Fn(&str) -> bool,
) -> Option<(String, String)> {
    let year_first = a.first.len() == 4 && a.first == a.year.to_string();
    if a.year >= 2010 {
        let old = a
            .suffix
            .iter()
            .chain(a.domain.iter())
            .flat_map(|d| d.split(','))
            .map(str::trim)
            .find(|d| pre_lisbon(d));
        if let Some(old) = old {
            let standard = if a.suffix.is_some() && a.year < 2015 {
                format!("{} {}/{}/EU", a.word, a.first, a.second)
            } else {
                format!("{} (EU) {}/{}", a.word, a.first, a.second)
            };
            return Some((
                format!("an act of {} is not an `{old}` act", a.year),
                standard,
            ));
        }
    }
    if a.year >= 2015 && year_first && !a.number_word {
        if let Some(suffix) = &a.suffix {
            return Some((
                format!("an act of {} carries its domain before the number", a.year),
                format!("{} ({suffix}) {}/{}", a.word, a.first, a.second),
            ));
        }
        if a.domain.is_none() {
            return Some((
                format!("an act of {} has no domain before its number", a.year),
                format!("{} (EU) {}/{}", a.word, a.first, a.second),
            ));
        }
    }
    None
}

impl Rule for ActDomainForm {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let grammar = cx.pack().compiled::<super::Grammar>();
        let found = citations(doc, cx.pack());
        for (c, a) in found.checkable_acts() {
            if let Some((problem, standard)) = domain_problem(a, |d| grammar.is_pre_lisbon(d)) {
                cx.report(c.span, format!("`{}`: {problem}", c.written))
                    .label("act number")
                    .help(format!("write `{standard}`"));
            }
        }
    }
}
