//! AC003 `acronym-redefined`.

use super::{acronym_table, normalized_long_form, same_long_form, solid_alignment, AcronymPack};
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

/// Articles dropped from the front of a long form before comparing.
const ARTICLES: &[&str] = &["de", "het", "een", "the", "a", "an"];

declare_rule! {
    /// ## What it does
    /// Flags an acronym spelled out a second time with a different long form. The
    /// finding sits on the later definition, a secondary label on the first. Long
    /// forms are compared without case, hyphens, spaces, leading articles and plural
    /// endings, so "Europese Dienst voor Extern Optreden" and "de Europese dienst voor
    /// extern optreden" are the same, and so are long forms that differ only in function
    /// words, inflection ("greenhouse gas" / "greenhouse gasses") or an acronym for its
    /// words ("EU Agency" / "European Union Agency"). Only definitions whose long form
    /// lines up with the acronym's letters are compared (a loose definition such as
    /// "passagiersgegevens (PNR)" has no reliable extent), and only when no two content
    /// words in a row give none of the letters (the cells of a table run together).
    ///
    /// ## Why is this bad?
    /// Two long forms for one acronym leave the reader unsure whether they name the
    /// same thing, and often betray text pasted from different sources.
    ///
    /// ## Example
    /// ```text
    /// … het Europees Centrum voor terrorismebestrijding (ECTC) …
    /// … het Europees Centrum voor contraterrorisme (ECTC) …
    /// ```
    /// Use one long form, once.
    ///
    /// ## Options
    /// None.
    pub AcronymRedefined {
        code: "AC003",
        name: "acronym-redefined",
        group: Acronyms,
        level: Warning,
        summary: "an acronym spelled out twice, differently",
    }
}

impl Rule for AcronymRedefined {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let table = acronym_table(doc, cx.pack());
        let config = cx.pack().compiled::<AcronymPack>();
        for a in &table.acronyms {
            // Only long forms whose every content word gives a letter: a table's cells
            // run together by the extractor ("Copernicus data and information involved
            // Atmosphere Monitoring (CAMS)") align by chance.
            let mut aligned = a.definitions.iter().filter(|d| {
                d.aligned && solid_alignment(&d.long_form, &a.key, &config.function_words)
            });
            let Some(first) = aligned.next() else {
                continue;
            };
            let first_norm = normalized_long_form(&first.long_form, ARTICLES);
            let mut reported: Vec<String> = Vec::new();
            for d in aligned {
                let norm = normalized_long_form(&d.long_form, ARTICLES);
                // A longer or shorter extent of the same words is not a new long form.
                if norm.ends_with(&first_norm)
                    || first_norm.ends_with(&norm)
                    || same_long_form(&first.long_form, &d.long_form, &config.function_words)
                    || reported.contains(&norm)
                {
                    continue;
                }
                cx.report(
                    d.long_span,
                    format!(
                        "acronym `{}` is spelled out again as “{}”",
                        a.display, d.long_form
                    ),
                )
                .label("second long form")
                .related(
                    first.long_span,
                    format!("first spelled out as “{}”", first.long_form),
                )
                .help("use one long form and spell the acronym out only once");
                reported.push(norm);
            }
        }
    }
}
