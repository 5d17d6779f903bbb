//! Draft hygiene (DR…): what a Word draft must lose before it is circulated — tracked
//! changes, comments, hidden and highlighted text, empty footnotes, footnote marks
//! typed or raised by hand, broken cross-reference fields.
//!
//! The Word front end records these facts (`Document::draft`, with spans into the
//! rendering); the rules report them and stay silent on every other input, where the
//! facts do not exist. The one analysis of the text itself, typed footnote references,
//! is here, shared by nothing else but kept with the family.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::docx::DraftFacts;
use crate::document::{Document, TextRole};
use crate::source::Span;

pub mod broken_cross_reference_field;
pub mod empty_footnote;
pub mod hidden_text;
pub mod highlighted_text;
pub mod manual_superscript;
pub mod open_comment;
pub mod tracked_changes;
pub mod typed_footnote_reference;

pub use broken_cross_reference_field::BrokenCrossReferenceField;
pub use empty_footnote::EmptyFootnote;
pub use hidden_text::HiddenText;
pub use highlighted_text::HighlightedText;
pub use manual_superscript::ManualSuperscript;
pub use open_comment::OpenComment;
pub use tracked_changes::TrackedChanges;
pub use typed_footnote_reference::TypedFootnoteReference;

/// The draft facts of a Word document; `None` for other inputs.
pub fn facts(doc: &Document) -> Option<&DraftFacts> {
    doc.draft.as_ref()
}

/// Longest text quoted in a message, in characters.
const QUOTE_CHARS: usize = 60;

/// A text as quoted in a message: whitespace collapsed, shortened.
pub fn quoted(text: &str) -> String {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() <= QUOTE_CHARS {
        return t;
    }
    let cut: String = t.chars().take(QUOTE_CHARS).collect();
    format!("{}…", cut.trim_end())
}

/// "[3]" after a word or punctuation, not at the start of the text.
static BRACKETED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}.,;:)\x{201D}\x{2019}\x{0022}] ?(\[\d{1,3}\])").unwrap());
/// Digits glued to a lowercase word ("aangenomen3,"), then a space, punctuation or
/// the end.
static GLUED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\p{Ll}{3,}(\d{1,2})(?:[\s.,;:)]|$)").unwrap());

/// Footnote references typed as text in a Word document: their spans, in order. Native
/// marks are not in the paragraph texts; raised digits are DR006's.
pub fn typed_references(doc: &Document) -> Vec<Span> {
    let Some(facts) = facts(doc) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (role, text) in doc.texts() {
        if !matches!(
            role,
            TextRole::Body | TextRole::BoxItem | TextRole::BoxFrame
        ) {
            continue;
        }
        let s = text.as_str();
        for re in [&*BRACKETED, &*GLUED] {
            for c in re.captures_iter(s) {
                let Some(m) = c.get(1) else {
                    continue;
                };
                let span = text.source_span((m.start()..m.end()).into());
                let raised = facts
                    .manual_superscripts
                    .iter()
                    .any(|r| r.span.start <= span.start && span.end <= r.span.end);
                if !raised {
                    out.push(span);
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<String> {
        let mut doc = crate::document::parse_str("a.md", text);
        doc.draft = Some(DraftFacts::default());
        typed_references(&doc)
            .into_iter()
            .map(|s| doc.text()[s.start..s.end].to_string())
            .collect()
    }

    #[test]
    fn typed_marks_are_found_and_others_not() {
        assert_eq!(spans("The areas follow the plans[3]."), vec!["[3]"]);
        assert_eq!(
            spans("The areas follow the plans. [12] More."),
            vec!["[12]"]
        );
        assert_eq!(spans("Dit is al aangenomen3, en meer."), vec!["3"]);
        // Units, codes, years and labels are not marks.
        assert!(spans("A surface of 100 m2 and CO2 in H2020 and COVID-19.").is_empty());
        assert!(spans("In 2020 the plans were adopted.").is_empty());
        // Other inputs have no draft facts.
        let doc = crate::document::parse_str("a.md", "plans[3].");
        assert!(typed_references(&doc).is_empty());
    }

    #[test]
    fn long_quotes_are_shortened() {
        assert_eq!(quoted("a  b\nc"), "a b c");
        assert_eq!(quoted(&"x".repeat(80)).chars().count(), QUOTE_CHARS + 1);
    }
}
