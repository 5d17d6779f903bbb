//! AC001 `acronym-undefined`.

use super::{acronym_table, unlinked_long_forms};
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an acronym that the document uses but never spells out, once per acronym,
    /// at its first use, with a note counting the uses. Footnotes count as part of the
    /// document, and an acronym glued in a compound ("PNR-gegevens", "EU-IntCEN") is a
    /// use. A definition is a parenthesis: "Europese Dienst voor extern optreden
    /// (EDEO)", "EDEO (Europese Dienst voor extern optreden)", "(Al Qaida op het
    /// Indiase subcontinent – AQIS)"; a Dutch long form of an English acronym,
    /// "passagiersgegevens (PNR)", counts too.
    ///
    /// Not acronyms: Roman numerals, document codes ("COM(2020) 795", "2008/615/JBZ",
    /// "EUCO 4/23"), all-caps words that are typography ("de RAAD", "KERNACTIES", a
    /// heading in capitals, "Laura BERARD", "R. METSOLA"), units after a number, and the
    /// acronyms every reader knows (EU, VN, NAVO, the Member States' country codes,
    /// abbreviations a dictionary lists as words …), listed in the language pack. Nor
    /// are codes and names that their surroundings show: a department after "DG" ("DG
    /// ENV"), a legal form after a name ("Henkel AG"), a currency code next to an amount
    /// ("JPY 20 trillion"), a code and a number alone on a line (a Council distribution
    /// list), a name with a word inside ("REPowerEU"), the publisher in a credit line
    /// ("Source: PwC"), a company in a list that a word for companies opens ("young
    /// companies like Skytek, GAF and …", "the Italian company ANAS"; the pack's
    /// `name-categories`), the name of a system, project or network used at most twice
    /// ("the ARDVAC control system", "its STI project"; the pack's `name-heads`), and
    /// likewise capitals with a glued plus ("LOCK+ targets"), an
    /// acronym described right after it ("VITO, a Flemish research organisation, …";
    /// "implemented by CHS, the regional River Basin Authority."; no finite verb in the
    /// description), capitals between the same two words as a series of codes ("Any RCR
    /// listed for" beside "Any RCO listed for"), the acronym of a
    /// set phrase ("Text with EEA relevance"), a
    /// hyphenated compound that the extractor joined ("TENT" for "TEN-T"), and the uses
    /// inside the legislative financial statement, a fixed template.
    ///
    /// Definitions also count in a glossary or a legend ("AC = Contract Staff; AL =
    /// Local Staff"), and in the forms real texts use: a footnote reference glued before
    /// the parenthesis ("Goals16 (SDGs)"), a quoted long form or acronym, a gloss after
    /// the acronym ("(LTO, landing and take-off cycle)"), a linking word after a comma
    /// ("(Payment Service Providers, oftewel PSP’s)") and plurals ("NDC’s", "DIASes").
    ///
    /// When the document writes the long form elsewhere without the acronym
    /// ("Europese Dienst voor extern optreden", initials E-D-E-O with function words
    /// skipped), a secondary label points there.
    ///
    /// ## Why is this bad?
    /// A reader outside the drafting team cannot know that "GVDB" is the common
    /// security and defence policy. EU style guides ask for the long form at first use.
    ///
    /// ## Example
    /// ```text
    /// De Raad steunt de civiele GVDB-missies.
    /// ```
    /// Use instead:
    /// ```text
    /// De Raad steunt de civiele missies van het gemeenschappelijk veiligheids- en
    /// defensiebeleid (GVDB).
    /// ```
    ///
    /// ## Options
    /// Add acronyms that need no definition to the pack in `policylint.toml`:
    /// `[pack.nl.acronyms] known = ["AIVD"]` (lists are appended to the built-in ones).
    pub AcronymUndefined {
        code: "AC001",
        name: "acronym-undefined",
        group: Acronyms,
        level: Warning,
        summary: "an acronym never spelled out",
    }
}

impl Rule for AcronymUndefined {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let table = acronym_table(doc, cx.pack());
        let undefined: Vec<_> = table
            .acronyms
            .iter()
            .filter(|a| a.definitions.is_empty() && !a.uses.is_empty())
            .collect();
        let names: Vec<&str> = undefined.iter().map(|a| a.display.as_str()).collect();
        let long_forms = unlinked_long_forms(doc, cx.pack(), &names);
        for (a, long_form) in undefined.into_iter().zip(long_forms) {
            let Some(first) = a.uses.first() else {
                continue;
            };
            let n = a.uses.len();
            let finding = cx
                .report(
                    *first,
                    format!("acronym `{}` is never spelled out", a.display),
                )
                .label("first use")
                .note(if n == 1 {
                    "used once".to_string()
                } else {
                    format!("used {n} times")
                });
            match long_form {
                Some((span, long)) => {
                    finding
                        .related(
                            span,
                            format!("“{long}” is written here without `({})`", a.display),
                        )
                        .help(format!("write “{long} ({})” at the first use", a.display));
                }
                None => {
                    finding.help(format!(
                        "write “long form ({})” at the first use, or add `{}` to the known acronyms",
                        a.display, a.display
                    ));
                }
            }
        }
    }
}
