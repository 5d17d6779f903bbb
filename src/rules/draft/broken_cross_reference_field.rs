//! DR008 `broken-cross-reference-field`.

use super::{facts, quoted};
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a cross-reference field of a Word document (REF, PAGEREF, NOTEREF) whose
    /// bookmark does not exist, and the text Word puts in place of such a reference
    /// when fields are updated: "Error! Reference source not found." / "Fout!
    /// Verwijzingsbron niet gevonden." (also "Error! Bookmark not defined."). Only
    /// Word input has fields; the error texts are looked for in Word input only.
    ///
    /// XR001 checks references written as words ("see point 12") in every input; this
    /// rule checks Word's own cross-reference fields, which show a stale number until
    /// the fields are updated.
    ///
    /// ## Why is this bad?
    /// The target heading or point was deleted or renumbered: the reference shows an
    /// old number now and an error message after the next field update (or in the
    /// PDF).
    ///
    /// ## Example
    /// "as described in section 5" where "section 5" is a REF field to a deleted
    /// bookmark.
    ///
    /// Use instead: insert the cross-reference again (References › Cross-reference).
    ///
    /// ## Options
    /// None.
    pub BrokenCrossReferenceField {
        code: "DR008",
        name: "broken-cross-reference-field",
        group: Draft,
        level: Error,
        summary: "a cross-reference field whose target is gone",
    }
}

impl Rule for BrokenCrossReferenceField {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let Some(facts) = facts(doc) else {
            return;
        };
        for f in &facts.broken_fields {
            let message = match &f.bookmark {
                Some(b) if b.is_empty() => {
                    format!(
                        "cross-reference field without a target (shows \"{}\")",
                        quoted(&f.text)
                    )
                }
                Some(b) => format!(
                    "cross-reference to the missing bookmark \"{b}\" (shows \"{}\")",
                    quoted(&f.text)
                ),
                None => format!(
                    "Word's error text for a broken cross-reference: \"{}\"",
                    f.text
                ),
            };
            cx.report(f.span, message)
                .label("points nowhere")
                .help("insert the cross-reference again (References › Cross-reference), then update the fields");
        }
    }
}
