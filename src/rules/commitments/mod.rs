//! Commitments: who commits to (or is asked to take) which action, and by when.
//!
//! `detect` classifies sentences and frame items; `time` finds and normalises time
//! expressions; `register` walks a [`Document`] and returns every [`Commitment`];
//! `render` writes the register as Markdown, CSV or JSON. The rules CM001–CM003 read
//! the register.
//!
//! Statuses: `dated` (an explicit or resolvable time), `past` (a deadline before the
//! document date), `conditional` (timed by an event: "zodra het voorstel is
//! goedgekeurd", "once adopted"), `vague` ("binnenkort", "as soon as possible"),
//! `period` (only a plan period: "actieplan 2021–2025"), `placeholder` (a deadline
//! written as a slot to fill: "by [date]", "uiterlijk [datum]"; PL002 reports the slot
//! itself) and `undated`. Conditional, placeholder and period-only commitments are not
//! findings: the text does say when (after an event, within a programme period, in a
//! slot to fill), only not as a date a reader could follow up.

pub mod memorandum;
pub mod past_deadline;
pub mod prominence;
pub(crate) mod rule_input;
pub mod undated_commitment;
pub mod vague_deadline;
pub use past_deadline::PastDeadline;
pub use undated_commitment::UndatedCommitment;
pub use vague_deadline::VagueDeadline;

pub mod detect;
pub mod register;
pub mod render;
pub mod time;

use serde::Serialize;

use crate::source::Span;

pub use detect::Grammar;
pub use register::{document_date, register, Options, SupportingPassage};
pub use render::{render_csv, render_json, render_many, render_markdown, CSV_HEADER};
pub use time::{DatePrecision, DocDate};

/// Self-commitment ("De Commissie zal …") or a request to an addressee ("verzoekt de
/// lidstaten …").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum CommitmentKind {
    #[serde(rename = "self")]
    SelfCommitment,
    #[serde(rename = "request")]
    Request,
}

impl CommitmentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentKind::SelfCommitment => "self",
            CommitmentKind::Request => "request",
        }
    }
}

/// How a commitment is timed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Dated,
    Past,
    Conditional,
    Vague,
    Period,
    /// A deadline written as a placeholder ("by [date]", "uiterlijk [datum]").
    Placeholder,
    Undated,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Dated => "dated",
            Status::Past => "past",
            Status::Conditional => "conditional",
            Status::Vague => "vague",
            Status::Period => "period",
            Status::Placeholder => "placeholder",
            Status::Undated => "undated",
        }
    }
}

/// A time expression attached to a commitment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimeExpr {
    /// As written (wrapped lines joined).
    pub text: String,
    pub span: Span,
    /// "2021", "2021-Q2", "2021-H2", "2021-06", "2022-06-30"; `None` for vague,
    /// conditional and period expressions, and for relative ones without a document date.
    pub normalised: Option<String>,
}

/// Where a commitment was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// A body sentence.
    Sentence,
    /// An item of a key-action box (`box_index`, `item_index`).
    BoxItem { box_index: usize, item_index: usize },
    /// A point under a lead-in ("verzoekt de RAAD de LIDSTATEN:").
    Point,
}

/// One commitment or request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Commitment {
    /// The first source line of the sentence or item.
    pub span: Span,
    /// 1-based line of `span.start`.
    pub line: usize,
    pub actor: String,
    pub kind: CommitmentKind,
    /// The action, in short.
    pub action: String,
    pub time: Option<TimeExpr>,
    pub status: Status,
    pub unit: Unit,
    /// A box item dated through its supporting body passage: where that passage is.
    pub supported_by: Option<Span>,
    /// 1-based line of `supported_by`.
    pub supported_line: Option<usize>,
}

/// What a register depends on besides the document: (document date, quotations).
pub(crate) type RegisterKey = (Option<chrono::NaiveDate>, bool, bool);

/// The registers made for one document, by key.
#[derive(Default)]
pub(crate) struct RegisterCache {
    made: std::sync::Mutex<Vec<(RegisterKey, Vec<Commitment>)>>,
}

impl RegisterCache {
    pub(crate) fn get(&self, key: RegisterKey) -> Option<Vec<Commitment>> {
        let made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        made.iter().find(|(k, _)| *k == key).map(|(_, c)| c.clone())
    }

    pub(crate) fn put(&self, key: RegisterKey, found: Vec<Commitment>) {
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        if !made.iter().any(|(k, _)| *k == key) {
            made.push((key, found));
        }
    }
}

/// The register with key-action items dated through the body passage that the
/// key-action matcher finds for them (when that passage supports the item well).
pub fn register_dated_by_body(
    doc: &crate::document::Document,
    pack: &crate::pack::Pack,
    document_date: Option<chrono::NaiveDate>,
    document_date_forced: bool,
    include_quotes: bool,
) -> Vec<Commitment> {
    let supports = if doc.boxes.is_empty() {
        None
    } else {
        Some(crate::rules::key_actions::support_shared(doc, pack))
    };
    let min = crate::rules::key_actions::Thresholds::default().supported_score;
    // The first well-supported passage per (box, item), looked up rather than
    // searched for each item.
    let mut passages: std::collections::HashMap<(usize, usize), Option<crate::source::Span>> =
        std::collections::HashMap::new();
    for s in supports.iter().flat_map(|all| all.iter()) {
        if s.score >= min {
            passages
                .entry((s.box_index, s.item_index))
                .or_insert_with(|| s.passage.as_ref().map(|p| p.span));
        }
    }
    let find = |_: &crate::document::Document, bi: usize, ii: usize| {
        passages.get(&(bi, ii)).copied().flatten()
    };
    let options = Options {
        document_date,
        document_date_forced,
        include_quotes,
        supporting_passage: supports.is_some().then_some(&find as SupportingPassage<'_>),
    };
    register(doc, pack, &options)
}

/// "commitment by de Commissie" / "request to de lidstaten", for messages.
pub(crate) fn describe(c: &Commitment) -> String {
    match c.kind {
        CommitmentKind::SelfCommitment => format!("commitment by {}", c.actor),
        CommitmentKind::Request => format!("request to {}", c.actor),
    }
}

/// The action in short, quoted, for messages.
pub(crate) fn quoted_action(c: &Commitment) -> String {
    format!("\"{}\"", register::shorten(&c.action, 60))
}

#[cfg(test)]
mod tests;
