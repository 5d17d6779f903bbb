//! CM003 past-deadline.

use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};
use crate::rules::commitments::{self, Status};

declare_rule! {
    /// ## What it does
    /// Flags a commitment whose deadline lies before the document's own date: "tegen
    /// eind 2019" in a text dated 9 December 2020. The document date comes from the
    /// text (a dateline "Brussel, 9.12.2020", "Conclusies van de Raad (12 december
    /// 2024)", "zitting van 20 juni 2022"), else from the `document-date` setting, else
    /// the year of the latest COM(YYYY) the text cites (then only deadlines before
    /// that year count). Past dates without a deadline word ("in juli 2020") are read
    /// as references, not deadlines.
    ///
    /// ## Why is this bad?
    /// A deadline that has already passed when the text is published is a copy-paste
    /// left-over or a promise already broken; either way the reader is misled.
    ///
    /// ## Example
    /// ```text
    /// Brussel, 9.12.2020 … De Commissie zal tegen eind 2019 een verslag indienen.
    /// ```
    /// Use instead:
    /// ```text
    /// De Commissie zal tegen eind 2021 een verslag indienen.
    /// ```
    ///
    /// ## Options
    /// - The top-level `document-date` setting (`YYYY-MM-DD`) gives the document's date
    ///   when the text states none (a dateline in the text wins).
    /// - `quotations` (bool, default `false`): also count commitments inside quotations.
    pub PastDeadline {
        code: "CM003",
        name: "past-deadline",
        group: Commitments,
        level: Warning,
        summary: "a commitment whose deadline lies before the document's own date",
    }
}

impl Rule for PastDeadline {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        for c in commitments::rule_input::for_rule(doc, cx) {
            if c.status != Status::Past {
                continue;
            }
            let Some(time) = &c.time else { continue };
            let normalised = time.normalised.as_deref().unwrap_or("?");
            cx.report(
                c.span,
                format!(
                    "{} has a deadline before the document's own date, \"{}\" ({normalised}): {}",
                    commitments::describe(&c),
                    time.text,
                    commitments::quoted_action(&c)
                ),
            )
            .label("deadline already past")
            .related(time.span, "this deadline")
            .help("update the deadline, or say that the action was done or is delayed");
        }
    }
}
