//! How KA001 and KA002 report an item's support: the one place where the key-action
//! family meets the rule engine's types.

use super::{item_report_span, missing_terms_note, unsupported_instruments_note, ItemSupport};
use crate::document::Document;
use crate::rule::Context;

/// Report an item's support as a finding of the calling rule: on the item, with the
/// closest body passage, the missing terms, unsupported instruments and the score of
/// each clause. KA001 and KA002 differ only in message, label and help.
pub(super) fn report_support(
    cx: &mut Context<'_>,
    doc: &Document,
    s: &ItemSupport,
    message: String,
    label: &str,
    help: &str,
) {
    let mut f = cx.report(item_report_span(doc, s), message).label(label);
    if let Some(p) = &s.passage {
        f = f.related(
            p.span,
            format!("closest passage in the body (score {:.2})", s.score),
        );
    }
    if let Some(note) = missing_terms_note(&s.missing_terms) {
        f = f.note(note);
    }
    if let Some(note) = unsupported_instruments_note(s) {
        f = f.note(note);
    }
    if s.clauses.len() > 1 {
        for c in &s.clauses {
            f = f.note(format!("clause “{}” scores {:.2}", c.text, c.score));
        }
    }
    f.help(help);
}
