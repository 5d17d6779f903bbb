//! KA001 `key-action-not-in-body`.

use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};
use crate::rules::key_actions::{self, defaults, Band, Thresholds};

declare_rule! {
    /// ## What it does
    /// Flags an item of a key-action box ("KERNACTIES", "Belangrijkste maatregelen",
    /// "Key actions") that the body of the document never discusses. Every item is
    /// matched against sliding windows of three body sentences (boxes and footnotes
    /// are not part of the body): IDF-weighted stems, with credit for compound parts
    /// (`vuurwapenhandel` ↔ "handel in vuurwapens"), expanded ellipses ("inlichtingen-
    /// en dreigingsanalysen"), acronyms defined in the document (API, PNR) and the
    /// pack's synonyms (beste/goede praktijken). An item with several `;`-clauses
    /// scores as its weakest clause. The finding sits on the item; a secondary label
    /// shows the closest body passage and its score, and a note names the item's terms
    /// that occur nowhere in the body.
    ///
    /// ## Why is this bad?
    /// Drafters edit boxes and body separately and they drift apart: the box keeps an
    /// action the body no longer announces, or announces something else. A reader who
    /// trusts the box is misled.
    ///
    /// ## Example
    /// ```text
    /// KERNACTIES
    /// De Commissie zal:
    ///  voor follow-up zorgen met de lidstaten over de uitvoering van relevante
    /// wetgeving en verdere stappen zetten in inbreukprocedures.
    /// ```
    /// when no body passage speaks of follow-up or infringement procedures. Discuss
    /// the action in the body, or drop it from the box.
    ///
    /// ## Options
    /// - `min-score` (default 0.35): items whose best passage scores below this are
    ///   reported. The score runs from 0 (no term of the item in any passage) to 1
    ///   (every term, weighted by rarity, in one passage).
    /// - `min-score-with-missing-terms` (default 0.5): an item with a distinctive term
    ///   that occurs nowhere in the body is reported below this score.
    ///
    /// The defaults were chosen on 70 hand-labelled items of two Dutch strategies (3
    /// not discussed in the body, 67 discussed, often in other words) plus 7 altered
    /// copies (4 items whose body passage was removed, 3 invented items). The raw
    /// score separates the 10 negatives from the 67 discussed items with an ROC AUC of
    /// 0.98 (0.96 on the seeds alone); no discussed item scores below 0.37. With these
    /// defaults KA001 flags 8 of the 10 negatives and none of the 67 discussed items
    /// (precision 1.0, recall 0.8); the other two (an agenda the body never announces,
    /// and a removed passage whose topic the body still discusses elsewhere) are
    /// KA002. Raising `min-score` to 0.4 starts flagging discussed items;
    /// `min-score-with-missing-terms` can move between 0.45 and 0.54 without changing
    /// these counts.
    pub KeyActionNotInBody {
        code: "KA001",
        name: "key-action-not-in-body",
        group: KeyActions,
        level: Warning,
        summary: "a key-action item that the body text never discusses",
    }
}

impl Rule for KeyActionNotInBody {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let thresholds = Thresholds {
            min_score: cx.option_f64("min-score", defaults::MIN_SCORE),
            min_score_with_missing_terms: cx.option_f64(
                "min-score-with-missing-terms",
                defaults::MIN_SCORE_WITH_MISSING_TERMS,
            ),
            supported_score: defaults::SUPPORTED_SCORE,
        };
        for s in key_actions::support_shared(doc, cx.pack()).iter() {
            if thresholds.band(s) != Band::NotInBody {
                continue;
            }
            key_actions::report::report_support(
                cx,
                doc,
                s,
                format!(
                    "key action is not discussed in the body (score {:.2})",
                    s.score
                ),
                "no body passage supports this item",
                "discuss the action in the body, or remove it from the box",
            );
        }
    }
}
