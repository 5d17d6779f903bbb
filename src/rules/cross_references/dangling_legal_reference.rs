use super::legal_references::unresolved;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// In legislative text (a `legislative-proposal` or a `legal-act`), finds references
    /// to the act's own articles, paragraphs, points, recitals and annexes that point
    /// nowhere: "Article 95" in an act whose articles run 1–93, "Article 12(4)" when
    /// Article 12 has paragraphs 1–3, "paragraph 5 of this Article", "point (e) of
    /// Article 5(1)" when that paragraph's points run (a)–(d), "recital 160", "Annex IV"
    /// when the act's annexes are I–III; in Dutch "artikel 12, lid 4", "de leden 2 en 5",
    /// "punt e)", "overweging 160", "bijlage IV". The finding names the place the
    /// reference should have pointed to and what the act has there, in the document's
    /// own words ("the act has no lid 4 van artikel 12"; the pack's
    /// `legislative.places`).
    ///
    /// The references are resolved against the model of the legislative text that
    /// `policylint dump` shows (articles with their paragraphs, subparagraphs and points;
    /// recitals; annexes). Ranges and lists are expanded ("Articles 5 to 9", "points (a)
    /// to (d)"); chains are read whole ("point (b) of the first subparagraph of Article
    /// 5(1)", "artikel 5, lid 1, punt b)"); a paragraph or point named without an article
    /// is one of the article the reference stands in.
    ///
    /// Never checked, because they belong to another act: references followed by "of
    /// Regulation (EU) …", "of Directive …", "of that Regulation", "TFEU", "thereof" ("van
    /// Richtlijn …", "VWEU", "daarvan"); everything inside an article that amends another
    /// act ("Article 3 is replaced by the following: ‘…’", "Amendments to Directive …")
    /// and quoted text; annexes when the document holds none (a proposal's annexes are
    /// published as a separate document) or when its annex headings do not run I, II,
    /// III … as lines the model reads ("ANNEX II" alone on a line). The citations, the explanatory memorandum and
    /// the financial statement are not read.
    ///
    /// ## Why is this bad?
    /// An article or paragraph deleted or renumbered in negotiation leaves references to
    /// it behind; the act then sends its reader, and every court and authority applying
    /// it, to a provision that is not there or to the wrong one.
    ///
    /// ## Example
    /// ```text
    /// Article 4
    /// 1. Member States shall designate …
    /// 2. The authority referred to in paragraph 3 shall …
    /// ```
    /// Article 4 has paragraphs 1 and 2 only.
    ///
    /// Use instead: cite the paragraph as it is now numbered.
    ///
    /// ## Profiles
    /// Runs only in the `legislative-proposal` and `legal-act` profiles (detected, or set
    /// with `--profile`). Where the model of the legislative text is unsure (no Article
    /// 1, article headings that go back, several article numbers missing) the rule stays
    /// silent and one note (PLX005) says why; recital references are checked only when
    /// the recitals were all found in order.
    ///
    /// ## Options
    /// None (extend the `[legislative]` and `[legislative.references]` sections of the
    /// language pack to add words or markers).
    pub DanglingLegalReference {
        code: "XR002",
        name: "dangling-legal-reference",
        group: CrossReferences,
        level: Error,
        summary: "a reference in legislative text to an article, paragraph, point, recital or annex the act does not have",
    }
}

impl Rule for DanglingLegalReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        if !cx.profile(doc).is_legislative() {
            return;
        }
        for u in unresolved(doc, cx.pack()) {
            let mut f = cx
                .report(
                    u.span,
                    format!(
                        "\"{}\" points nowhere: the act has no {}",
                        u.written, u.missing
                    ),
                )
                .label(format!("no {}", u.missing))
                .note(u.inventory.clone())
                .help("cite the provision as it is now numbered, or name the act it belongs to");
            if let Some(a) = u.article {
                f = f.related(a, "the article it points into");
            }
            let _ = f;
        }
    }
}
