//! CM002 vague-deadline.

use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};
use crate::rules::commitments::{self, Status};

declare_rule! {
    /// ## What it does
    /// Flags a commitment or request whose only timing is vague: "binnenkort", "zo snel
    /// mogelijk", "met spoed", "de komende jaren", "in een tweede fase", "as soon as
    /// possible", "in due course". A commitment that also carries a date ("zo nodig
    /// tegen 2022") is dated, not vague. The vague phrases are listed in the language
    /// pack (`[time] vague`).
    ///
    /// ## Why is this bad?
    /// "Soon" cannot be checked. A reader cannot tell whether the promise was kept.
    ///
    /// ## Example
    /// ```text
    /// De Commissie zal daartoe binnenkort voorstellen indienen.
    /// ```
    /// Use instead:
    /// ```text
    /// De Commissie zal daartoe in het eerste kwartaal van 2021 voorstellen indienen.
    /// ```
    ///
    /// ## Options
    /// - The top-level `document-date` setting (`YYYY-MM-DD`) gives the document's date
    ///   when the text does not state it.
    /// - `quotations` (bool, default `false`): also count commitments inside quotations.
    pub VagueDeadline {
        code: "CM002",
        name: "vague-deadline",
        group: Commitments,
        level: Warning,
        summary: "a commitment whose only timing is vague (\"binnenkort\", \"as soon as possible\")",
    }
}

impl Rule for VagueDeadline {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        for c in commitments::rule_input::for_rule(doc, cx) {
            if c.status != Status::Vague {
                continue;
            }
            let Some(time) = &c.time else { continue };
            cx.report(
                c.span,
                format!(
                    "{} is timed only vaguely (\"{}\"): {}",
                    commitments::describe(&c),
                    time.text,
                    commitments::quoted_action(&c)
                ),
            )
            .label("vague timing")
            .related(time.span, "the only timing given")
            .help("replace the vague timing with a date, a quarter or a year");
        }
    }
}
