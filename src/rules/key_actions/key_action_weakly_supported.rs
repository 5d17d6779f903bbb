//! KA002 `key-action-weakly-supported`.

use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};
use crate::rules::key_actions::{self, defaults, Band, Thresholds};

declare_rule! {
    /// ## What it does
    /// Flags an item of a key-action box that the body supports only in part: the
    /// closest body passage shares some of the item's terms but not enough to be
    /// sure it announces the same action. The matching is the one of
    /// `key-action-not-in-body` (KA001); this rule reports the band between KA001 and
    /// full support, with the closest passage and its score.
    ///
    /// ## Why is this bad?
    /// A partly supported item is often a box that announces more than the body does
    /// (an extra measure, a different instrument) or a body passage that was reworded
    /// after the box was written. It deserves a look, not an alarm.
    ///
    /// ## Example
    /// ```text
    /// Belangrijkste maatregelen
    ///  Agenda inzake terrorismebestrijding voor de EU, met hernieuwde maatregelen
    /// tegen radicalisering in de EU
    /// ```
    /// when the body discusses terrorism and radicalisation but announces no agenda.
    ///
    /// ## Options
    /// - `min-score` (default 0.55): items whose best passage scores below this (and
    ///   that KA001 does not report) are reported.
    /// - An item that announces an instrument (agenda, strategie, richtlijn; the pack's
    ///   `keyactions.instruments`) is reported whatever its score when no sentence of
    ///   its closest passage names that instrument together with another term of the
    ///   item.
    /// - `floor` (default 0.35) and `floor-with-missing-terms` (default 0.5): KA001's
    ///   thresholds, below which an item is KA001's business and this rule stays
    ///   silent. Set them to the values you give KA001.
    ///
    /// On the 70 items of the two Dutch seed strategies the defaults report 11 items
    /// (info): the agenda the body never announces, and 10 discussed items whose
    /// wording differs most from the body (paraphrases such as "leemten" ↔ "hiaten",
    /// or an instrument the passage does not name).
    pub KeyActionWeaklySupported {
        code: "KA002",
        name: "key-action-weakly-supported",
        group: KeyActions,
        level: Info,
        summary: "a key-action item with only partial support in the body",
    }
}

impl Rule for KeyActionWeaklySupported {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let thresholds = Thresholds {
            min_score: cx.option_f64("floor", defaults::MIN_SCORE),
            min_score_with_missing_terms: cx.option_f64(
                "floor-with-missing-terms",
                defaults::MIN_SCORE_WITH_MISSING_TERMS,
            ),
            supported_score: cx.option_f64("min-score", defaults::SUPPORTED_SCORE),
        };
        for s in key_actions::support_shared(doc, cx.pack()).iter() {
            if thresholds.band(s) != Band::Weak {
                continue;
            }
            key_actions::report::report_support(
                cx,
                doc,
                s,
                format!(
                    "key action is only partly supported by the body (score {:.2})",
                    s.score
                ),
                "partly supported",
                "check that the body announces this action; box and body may have drifted apart",
            );
        }
    }
}
