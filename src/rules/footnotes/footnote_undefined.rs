use super::name;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Reports a footnote reference that has no footnote text: no definition with its
    /// number (or Markdown label) exists, and no unlabelled footnote text on its page can
    /// stand for it (that case is `footnote-unlabelled`, FN004).
    ///
    /// When two or more consecutive references are undefined, they are one finding
    /// at the first, naming the pages, with the others as related places: that
    /// usually means a whole block of footnotes was lost (in extraction or in
    /// editing), one cause rather than dozens of defects.
    ///
    /// ## Why is this bad?
    /// In a policy text the footnotes carry the legal and documentary basis of each
    /// claim. A reference that points to nothing leaves the reader without the source.
    ///
    /// ## Example
    /// ```text
    /// De stand van zaken wordt uiteengezet in het voortgangsverslag
    /// 2
    /// . Toch moeten we …
    /// ```
    /// with no footnote 2 at the foot of the page.
    ///
    /// Use instead: add the text of footnote 2, or remove the reference and renumber.
    ///
    /// ## Options
    /// None.
    pub FootnoteUndefined {
        code: "FN001",
        name: "footnote-undefined",
        group: Footnotes,
        level: Error,
        summary: "a footnote reference with no definition",
    }
}

impl Rule for FootnoteUndefined {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let a = super::shared(doc, cx.pack());
        let undefined: Vec<usize> = (0..doc.footnote_refs.len())
            .filter(|i| {
                let r = &doc.footnote_refs[*i];
                !a.definitions.contains_key(&r.label)
                    && !a.claimed_refs.contains(i)
                    && !a.misnumbered.contains(i)
            })
            .collect();
        // Runs of consecutive numbers, to explain a lost block once.
        let mut k = 0;
        while k < undefined.len() {
            let mut end = k;
            while end + 1 < undefined.len() {
                let (x, y) = (
                    &doc.footnote_refs[undefined[end]],
                    &doc.footnote_refs[undefined[end + 1]],
                );
                match (x.number, y.number) {
                    (Some(p), Some(n)) if n == p + 1 => end += 1,
                    _ => break,
                }
            }
            if end > k {
                // One cause, one finding: a run of consecutive undefined references
                // (a lost block of footnote texts) is reported once, at its first
                // reference, with the others as related places.
                let first = &doc.footnote_refs[undefined[k]];
                let last = &doc.footnote_refs[undefined[end]];
                let (p1, p2) = (doc.page_number(first.page), doc.page_number(last.page));
                let pages = if p1 == p2 {
                    format!("page {p1}")
                } else {
                    format!("pages {p1}–{p2}")
                };
                let mut f = cx
                    .report(
                        first.span,
                        format!(
                            "footnotes {}–{} are referenced but never defined",
                            first.label, last.label
                        ),
                    )
                    .label("first reference of the run with no footnote text")
                    .help(format!(
                        "restore the footnote texts of {pages}, or remove the references"
                    ))
                    .note(format!(
                        "footnotes {}–{} have no text: the footnotes of {pages} appear to be missing",
                        first.label, last.label
                    ));
                for &ri in &undefined[k + 1..=end] {
                    let r = &doc.footnote_refs[ri];
                    f = f.related(
                        r.span,
                        format!("{} has no text either", name(&r.label, r.style)),
                    );
                }
                k = end + 1;
                continue;
            }
            for &ri in &undefined[k..=end] {
                let r = &doc.footnote_refs[ri];
                let f = cx
                    .report(
                        r.span,
                        format!(
                            "{} is referenced but never defined",
                            name(&r.label, r.style)
                        ),
                    )
                    .label("no footnote text for this reference")
                    .help(format!(
                        "add the text of {} or remove the reference",
                        name(&r.label, r.style)
                    ));
                let _ = f;
            }
            k = end + 1;
        }
    }
}
