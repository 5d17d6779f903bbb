//! CT005 `celex-mismatch`.

use std::collections::HashMap;

use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

use super::{citations, Citation, Cited};

declare_rule! {
    /// ## What it does
    /// Flags a CELEX number that does not match the act or document cited beside it:
    /// the same year and number, but a sector or type letter of another kind of act.
    /// Sector 3 holds legislation, with `R` for a regulation, `L` for a directive and
    /// `D` for a decision (`32022R2065` is Regulation (EU) 2022/2065); sector 5 holds
    /// preparatory documents (`52020DC0795`, `52021PC0559` for COM documents, `SC` for
    /// SWD, `JC` for JOIN).
    ///
    /// ## Why is this bad?
    /// A CELEX number is what a reader pastes into EUR-Lex. With the wrong letter it
    /// opens another act, or nothing.
    ///
    /// ## Example
    /// ```text
    /// Directive (EU) 2019/1937 (CELEX 32019R1937)
    /// ```
    /// Use instead:
    /// ```text
    /// Directive (EU) 2019/1937 (CELEX 32019L1937)
    /// ```
    ///
    /// ## Profiles
    /// The same in every kind of document.
    ///
    /// ## Options
    /// The letters per kind come from the language pack (`[citations]` `celex-…`).
    pub CelexMismatch {
        code: "CT005",
        name: "celex-mismatch",
        group: Citations,
        level: Error,
        summary: "a CELEX number whose sector or type letter does not match the cited act",
    }
}

/// How far from a CELEX number the act it belongs to may be cited, in bytes of the
/// same text (source bytes).
const NEAR: usize = 300;

impl Rule for CelexMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let grammar = cx.pack().compiled::<super::Grammar>();
        let found = citations(doc, cx.pack());
        let items = &found.items;
        // The acts and documents by year and number, to find a CELEX number's match
        // without a scan per number.
        let mut by_number: HashMap<(u32, u32), Vec<usize>> = HashMap::new();
        for (j, o) in items.iter().enumerate() {
            let key = match &o.cited {
                Cited::Act(a) => (a.year, a.serial),
                Cited::CommissionDocument(d) => (d.year, d.number),
                _ => continue,
            };
            by_number.entry(key).or_default().push(j);
        }
        // Whether a CELEX number (year, number, sector, letters) fits anything cited.
        let mut any_fit: HashMap<(u32, u32, char, String), bool> = HashMap::new();
        for c in items {
            let Cited::Celex(x) = &c.cited else {
                continue;
            };
            if c.in_note {
                continue; // a note to the Publications Office
            }
            let same: &[usize] = by_number
                .get(&(x.year, x.number))
                .map_or(&[], Vec::as_slice);
            let fits = |o: &Citation| -> Option<bool> {
                match &o.cited {
                    Cited::Act(a) if a.year == x.year && a.serial == x.number => {
                        let letters = grammar
                            .celex_letters
                            .iter()
                            .find(|(k, _)| *k == a.kind)
                            .map(|(_, l)| l.as_slice())
                            .unwrap_or(&[]);
                        Some(x.sector == '3' && letters.contains(&x.type_letters))
                    }
                    Cited::CommissionDocument(d) if d.year == x.year && d.number == x.number => {
                        let (_, types) = grammar
                            .celex_commission
                            .iter()
                            .find(|(s, _)| *s == d.series)?;
                        Some(x.sector == '5' && types.contains(&x.type_letters))
                    }
                    _ => None,
                }
            };
            // Anything in the document it fits (documents of several series share a
            // number: COM, SWD and SEC of one proposal) clears it.
            let cleared = *any_fit
                .entry((x.year, x.number, x.sector, x.type_letters.clone()))
                .or_insert_with(|| same.iter().any(|&j| fits(&items[j]) == Some(true)));
            if cleared {
                continue;
            }
            // The nearest citation of the same text with its year and number.
            let pos = same.partition_point(|&j| items[j].span.start < c.span.start);
            let before = same[..pos]
                .iter()
                .rev()
                .map(|&j| &items[j])
                .take_while(|o| o.span.end + NEAR >= c.span.start);
            let after = same[pos..]
                .iter()
                .map(|&j| &items[j])
                .take_while(|o| o.span.start <= c.span.end + NEAR);
            let Some(cited) = before
                .chain(after)
                .filter(|o| o.text_index == c.text_index && fits(o) == Some(false))
                .min_by_key(|o| o.span.start.abs_diff(c.span.start))
            else {
                continue;
            };
            cx.report(
                c.span,
                format!(
                    "CELEX number `{}` does not match `{}`",
                    c.written,
                    cited.display()
                ),
            )
            .label("wrong sector or type letter")
            .related(cited.span, "the cited act")
            .help("take the CELEX number from the act's page on EUR-Lex");
        }
    }
}
