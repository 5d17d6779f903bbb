use super::name;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it does
    /// Reports a footnote reference that has no footnote text: no definition with its
    /// number (or Markdown label) exists, and no unlabelled footnote text on its page can
    /// stand for it (that case is `footnote-unlabelled`, FN004).
    ///
    /// When several consecutive references are undefined, the first finding says so
    /// and names the pages, since that usually means a whole block of footnotes was
    /// lost (in extraction or in editing), not one note.
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
            for (j, &ri) in undefined[k..=end].iter().enumerate() {
                let r = &doc.footnote_refs[ri];
                let mut f = cx
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
                if j == 0 && end - k >= 2 {
                    let first = &doc.footnote_refs[undefined[k]];
                    let last = &doc.footnote_refs[undefined[end]];
                    let (p1, p2) = (doc.page_number(first.page), doc.page_number(last.page));
                    let pages = if p1 == p2 {
                        format!("page {p1}")
                    } else {
                        format!("pages {p1}–{p2}")
                    };
                    f = f.note(format!(
                        "footnotes {}–{} have no text: the footnotes of {pages} appear to be missing",
                        first.label, last.label
                    ));
                }
                let _ = f;
            }
            k = end + 1;
        }
    }
}
