//! PL001 `placeholder-link`.

use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a link whose target is empty or only `#`: `[text]()`, `[text](#)`, or a
    /// reference link whose definition gives such a target.
    ///
    /// ## Why is this bad?
    /// A `#` or empty target is what a draft carries until the real address is known.
    /// Published, the link goes nowhere: the reader who clicks "Factsheet" or a
    /// spokesperson's name lands on the top of the same page.
    ///
    /// ## Example
    /// ```markdown
    /// Factsheet: [De EU-strategie voor de veiligheidsunie](#)
    /// ```
    /// Use instead:
    /// ```markdown
    /// Factsheet: [De EU-strategie voor de veiligheidsunie](https://ec.europa.eu/…/factsheet.pdf)
    /// ```
    ///
    /// ## Options
    /// None.
    pub PlaceholderLink {
        code: "PL001",
        name: "placeholder-link",
        group: Placeholders,
        level: Error,
        summary: "a link whose target is empty or `#`",
    }
}

/// Longest link text quoted in a message, in characters.
const QUOTE_CHARS: usize = 50;

/// True for a target that points nowhere.
pub fn is_placeholder_target(target: &str) -> bool {
    let t = target.trim();
    t.is_empty() || t == "#"
}

/// The link text as quoted in a message (shortened).
fn quoted(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= QUOTE_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(QUOTE_CHARS).collect();
    format!("{}…", cut.trim_end())
}

impl Rule for PlaceholderLink {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        for link in doc
            .links
            .iter()
            .filter(|l| is_placeholder_target(&l.target))
        {
            let message = if link.target.trim().is_empty() {
                format!("link \"{}\" has no target", quoted(&link.text))
            } else {
                format!(
                    "link \"{}\" has the placeholder target \"#\"",
                    quoted(&link.text)
                )
            };
            cx.report(link.span, message)
                .label("this link goes nowhere")
                .related(link.target_span, "the target")
                .help("put the real address in the link, or remove the link");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_targets() {
        assert!(is_placeholder_target("#"));
        assert!(is_placeholder_target(""));
        assert!(is_placeholder_target(" # "));
        assert!(!is_placeholder_target("#section-2"));
        assert!(!is_placeholder_target("https://europa.eu"));
    }

    #[test]
    fn long_link_texts_are_shortened() {
        let long = "a".repeat(80);
        assert_eq!(quoted(&long).chars().count(), QUOTE_CHARS + 1);
        assert_eq!(quoted(" e-mail "), "e-mail");
    }
}
