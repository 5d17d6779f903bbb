//! CT001 `commission-document-form`.

use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

use super::{citations, Cited};

declare_rule! {
    /// ## What it does
    /// Flags a Commission document number not written in the form of the
    /// interinstitutional style guide, `COM(2020) 795 final`: a space between the
    /// series and the year ("COM (2020) 795"), no space between the year and the number
    /// ("COM(2021)82"), the year between slashes as EUR-Lex writes it
    /// ("COM/2021/103 final"), or no closing "final" ("COM(2020) 795"). The same holds
    /// for `SWD`, `JOIN`, `SEC` and `C` documents.
    ///
    /// Levels: a number whose only deviation is the missing "final" is reported one level
    /// below the rule's level (default `info`): the number is right and can be found;
    /// the other deviations are reported at the rule's level (default `warning`).
    ///
    /// ## Why is this bad?
    /// The number is how a reader (and EUR-Lex) finds the document. A reference in a
    /// form of its own looks like a different document, does not match a search for the
    /// official number, and shows the text was not checked against the source.
    ///
    /// ## Example
    /// ```text
    /// See the Communication on the Digital Decade (COM (2021) 118).
    /// ```
    /// Use instead:
    /// ```text
    /// See the Communication on the Digital Decade (COM(2021) 118 final).
    /// ```
    ///
    /// ## Profiles
    /// The same in every kind of document.
    ///
    /// ## Options
    /// The series and the closing word come from the language pack (`[citations]`
    /// `commission-series`, `final-words`).
    pub CommissionDocumentForm {
        code: "CT001",
        name: "commission-document-form",
        group: Citations,
        level: Warning,
        summary: "a Commission document number not written as `COM(2020) 795 final`",
    }
}

impl Rule for CommissionDocumentForm {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let found = citations(doc, cx.pack());
        for c in &found.items {
            let Cited::CommissionDocument(d) = &c.cited else {
                continue;
            };
            if c.in_note {
                continue; // a note to the Publications Office
            }
            let mut problems = Vec::new();
            if d.slashed {
                problems.push("the year goes in brackets, not between slashes".to_string());
            }
            if d.space_before_year {
                problems.push(format!("no space goes between `{}` and the year", d.series));
            }
            if d.no_space_after_year {
                problems.push("a space goes between the year and the number".to_string());
            }
            // Only `final` missing: the number itself is right and findable, so the
            // finding ranks one level below the rule's (default: info).
            let only_final = problems.is_empty() && d.has_final == Some(false);
            if d.has_final == Some(false) {
                problems.push("the number ends with `final`".to_string());
            }
            if problems.is_empty() {
                continue;
            }
            let standard = format!("{}({}) {} final", d.series, d.year, d.number);
            cx.report(
                c.span,
                format!("`{}` is not in the standard form `{standard}`", c.written),
            )
            .label("Commission document number")
            .note(problems.join("; "))
            .help(format!("write `{standard}`"))
            .secondary(only_final);
        }
    }
}
