//! What the rules CM001–CM003 read from their context (document date, options): the
//! one place where the commitment family meets the rule engine's types.

use super::{register_dated_by_body, Commitment, RegisterCache};
use crate::document::Document;
use crate::pack::Pack;
use crate::rule::Context;

/// The register for these options, made once per document: the three CM rules (and the
/// abstention note on past deadlines) share it.
pub(crate) fn cached_register(
    doc: &Document,
    pack: &Pack,
    document_date: Option<chrono::NaiveDate>,
    forced: bool,
    quotations: bool,
) -> Vec<Commitment> {
    let cache = doc.analysis(pack, RegisterCache::default);
    let key = (document_date, forced, quotations);
    match cache.get(key) {
        Some(found) => found,
        None => {
            let found = register_dated_by_body(doc, pack, document_date, forced, quotations);
            cache.put(key, found.clone());
            found
        }
    }
}

/// The register as the rules CM001–CM003 see it. The configured `document-date`
/// (`Context::document_date`, or the rule option of the same name) is used when the
/// text states no date of its own; the rule option `quotations = true` counts
/// commitments inside quotations.
pub(super) fn for_rule(doc: &Document, cx: &Context<'_>) -> Vec<Commitment> {
    let (document_date, forced, quotations) = register_inputs(cx);
    rules_register(
        doc,
        cx.pack(),
        cx.profile(doc),
        document_date,
        forced,
        quotations,
    )
}

/// What the CM rules read from their context to make the register: the document date
/// (configured, else the rule option `document-date`), whether it was forced, and the
/// option `quotations`.
pub fn register_inputs(cx: &Context<'_>) -> (Option<chrono::NaiveDate>, bool, bool) {
    let document_date = cx.document_date().or_else(|| {
        cx.option_str("document-date")
            .and_then(|s| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
    });
    (
        document_date,
        cx.document_date_forced(),
        cx.option_bool("quotations", false),
    )
}

/// The register as the CM rules read it: the cached register, and in legislative text
/// only what comes before the enacting terms.
pub(crate) fn rules_register(
    doc: &Document,
    pack: &Pack,
    profile: crate::document::profile::Profile,
    document_date: Option<chrono::NaiveDate>,
    forced: bool,
    quotations: bool,
) -> Vec<Commitment> {
    let mut register = cached_register(doc, pack, document_date, forced, quotations);
    // The enacting terms of a proposal or an act carry obligations ("Member States shall
    // designate …"), not commitments, and a proposal's financial statement after them
    // states costs: the rules read only what comes before the legal text (the
    // explanatory memorandum).
    // A national letter makes the government's undertakings; what it says the
    // Commission or the Parliament will do is reported ("Met het voorstel wil de
    // Commissie …", "Het Europees Parlement zal het voorstel behandelen").
    if profile == crate::document::profile::Profile::NationalLetter {
        let g = pack.compiled::<super::detect::Grammar>();
        if !g.national_authors.is_empty() {
            register.retain(|c| {
                c.unit != super::Unit::Sentence
                    || c.kind == super::CommitmentKind::Request
                    || g.national_authors.contains(&c.actor)
            });
        }
    }
    if profile.is_legislative() {
        if let Some(legal) = crate::document::profile::legal_text_span(doc) {
            register.retain(|c| c.span.start < legal.start);
        }
        // What is left is the memorandum: its descriptions of the proposal are no
        // undertakings.
        super::memorandum::retain_undertakings(doc, pack, &mut register);
    }
    register
}
