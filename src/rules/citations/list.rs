//! The citations of a document as a list (`policylint citations`): one item per act or
//! document cited, with every place it is cited; rendered as Markdown (for people),
//! CSV (for spreadsheets) and JSON (for scripts).

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::document::Document;
use crate::pack::Pack;
use crate::source::Span;

use super::{citations, Cited};

/// One place a citation stands.
#[derive(Clone, Debug, Serialize)]
pub struct Place {
    pub line: usize,
    /// The page (PDF and Word input: printed, or else 1-based), as findings give it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    pub byte_start: usize,
    pub byte_end: usize,
}

/// One act or document a document cites.
#[derive(Clone, Debug, Serialize)]
pub struct CitedItem {
    /// "regulation", "directive", "decision", "commission-document", "oj-reference",
    /// "celex", "ecli", "council-document".
    pub kind: &'static str,
    /// The citation in its standard form (Commission documents) or as first written.
    pub citation: String,
    /// The number ("2022/2065"; "COM(2023) 416"), as the kind numbers it.
    pub number: String,
    /// The title, where a citation gives one (the longest given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub places: Vec<Place>,
}

/// Every act and document `doc` cites, in the order of first citation.
pub fn list(doc: &Document, pack: &Pack) -> Vec<CitedItem> {
    let found = citations(doc, pack);
    let mut items: Vec<CitedItem> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    // How sure an item's title is: from a full citation (after the author or date),
    // and closed by a bracket (its end is certain).
    let mut sureness: Vec<(bool, bool)> = Vec::new();
    // Whether an item's citation was written as one act ("Regulation (EU) 2019/1148")
    // rather than in a list ("Regulations (EU) 2019/1148 and …", "(EU) 2018/1999").
    let mut single: Vec<bool> = Vec::new();
    let grammar = pack.compiled::<super::Grammar>();
    let is_single = |c: &super::Citation| match &c.cited {
        Cited::Act(a) => !a.member && !grammar.is_plural(&a.word),
        _ => true,
    };
    for c in &found.items {
        let place = place(doc, c.span);
        let i = *index.entry(c.key()).or_insert_with(|| {
            items.push(CitedItem {
                kind: c.cited.kind_str(),
                citation: c.display(),
                number: number(&c.cited, &c.written),
                title: None,
                places: Vec::new(),
            });
            sureness.push((false, false));
            single.push(is_single(c));
            items.len() - 1
        });
        let item = &mut items[i];
        if !single[i] && is_single(c) {
            item.citation = c.display();
            single[i] = true;
        }
        item.places.push(place);
        if let Some(t) = &c.title {
            // A full citation's title wins over one written after the bare number
            // ("Directive 2002/58/EC as regards …" in another act's title), a closed
            // one over one that ran to the end of its sentence, then the longer.
            let now = (c.formal, c.title_closed);
            let better = match &item.title {
                None => true,
                Some(old) => now > sureness[i] || now == sureness[i] && old.len() < t.len(),
            };
            if better {
                item.title = Some(t.clone());
                sureness[i] = now;
            }
        }
    }
    items
}

fn place(doc: &Document, span: Span) -> Place {
    Place {
        line: doc.line_of(span.start),
        // The page as findings name it (PDF and Word renderings).
        page: doc
            .source
            .rendering
            .as_ref()
            .and_then(|r| r.page_at(span.start)),
        byte_start: span.start,
        byte_end: span.end,
    }
}

fn number(cited: &Cited, written: &str) -> String {
    match cited {
        Cited::Act(a) => format!("{}/{}", a.first, a.second),
        Cited::CommissionDocument(d) => format!("{}({}) {}", d.series, d.year, d.number),
        Cited::OjReference(o) => format!("{} {}", o.series, o.issue),
        Cited::Celex(_) | Cited::Ecli | Cited::CouncilDocument => written.to_string(),
    }
}

fn places_text(places: &[Place]) -> String {
    places
        .iter()
        .map(|p| match p.page {
            Some(page) => format!("{} (p. {page})", p.line),
            None => p.line.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// A Markdown section for one document: a count and a table.
pub fn render_markdown(path: &str, items: &[CitedItem]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", md_cell(path));
    if items.is_empty() {
        out.push_str("No citations found.\n");
        return out;
    }
    let places: usize = items.iter().map(|i| i.places.len()).sum();
    let _ = writeln!(
        out,
        "{} acts and documents cited, in {places} places.\n",
        items.len()
    );
    out.push_str("| Kind | Citation | Title | Cited at (line) |\n|---|---|---|---|\n");
    for i in items {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            i.kind,
            md_cell(&i.citation),
            md_cell(i.title.as_deref().unwrap_or("—")),
            places_text(&i.places)
        );
    }
    out
}

/// The header row of the CSV list.
pub const CSV_HEADER: &str = "path,kind,citation,number,title,places\n";

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV rows (no header): one per act or document, places as "line (p. page)" joined
/// by "; ".
pub fn render_csv_rows(path: &str, items: &[CitedItem]) -> String {
    let mut out = String::new();
    for i in items {
        let places = places_text(&i.places).replace(", ", "; ");
        let fields = [
            path,
            i.kind,
            i.citation.as_str(),
            i.number.as_str(),
            i.title.as_deref().unwrap_or(""),
            places.as_str(),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    path: &'a str,
    citations: &'a [CitedItem],
}

/// The list of several documents: one Markdown section per document, one CSV header,
/// or one JSON array of `{path, citations}` (for `policylint citations PATH...`).
pub fn render_many(format: &str, docs: &[(&str, &[CitedItem])]) -> String {
    match format {
        "csv" => {
            let mut out = String::from(CSV_HEADER);
            for (path, items) in docs {
                out.push_str(&render_csv_rows(path, items));
            }
            out
        }
        "json" => {
            let rows: Vec<JsonDoc<'_>> = docs
                .iter()
                .map(|(path, citations)| JsonDoc { path, citations })
                .collect();
            let mut s = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".to_string());
            s.push('\n');
            s
        }
        _ => docs
            .iter()
            .map(|(path, items)| render_markdown(path, items))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}
