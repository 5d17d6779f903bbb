//! `check --format html`: one self-contained page (inline CSS and JavaScript, nothing
//! fetched) a drafter opens in a browser.
//!
//! Per document: its text (the text spans point into; for PDF and Word the canonical
//! rendering `dump --format text` prints) with every finding marked in place (one
//! `<mark>` per finding with a non-empty span, the message on hover and focus, an id to
//! link to), page breaks, the commitment register and the footnote map. Beside it: the
//! findings, filterable by level, rule and family (also from the URL: `#level=error`,
//! `?rule=CM001&family=commitments`), each linking to its place, and the explanation of
//! every rule that fired.
//!
//! The register and the footnote map need the [`Document`]: [`FileExtra::build`] takes
//! what they need when the file is linted, so the document itself is not kept.
//!
//! Everything from the document, file names and messages is escaped; the output is
//! built in one pass over each text (linear in the input). Like every other format, no
//! line of it can drive a CI runner (`::cmd` at a line start and `##[` are written as
//! character references, which a browser shows unchanged).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{self, Write};

use super::{explanation_text, plural, Counts, RunReport};
use crate::document::Document;
use crate::finding::{Finding, Level};
use crate::rule::RuleMeta;
use crate::rules::commitments::{Commitment, CommitmentKind, Status};
use crate::settings::Settings;
use crate::source::{floor_char_boundary, SourceFile, Span};

/// What the HTML report needs from a file's document beyond its findings.
#[derive(Clone, Debug, Default)]
pub struct FileExtra {
    /// (offset where a page starts, its printed number), sorted; empty for a document
    /// of one page.
    pub pages: Vec<(usize, u32)>,
    /// The commitment register, as `policylint commitments` computes it.
    pub register: Vec<Commitment>,
    /// The footnote map, one row per note, in document order.
    pub notes: Vec<NoteRow>,
}

/// One footnote: where it is referenced and where its text is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoteRow {
    /// The label ("12", or a Markdown `[^label]`'s label); empty for a text whose
    /// label was lost and that no reference claims.
    pub label: String,
    pub refs: Vec<Span>,
    pub defs: Vec<NoteDef>,
}

/// A footnote text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteDef {
    pub span: Span,
    /// The start of the text, shortened.
    pub excerpt: String,
    /// False when the text lost its label and was paired with a reference by page.
    pub labelled: bool,
}

/// How much of a footnote's text the map shows.
const EXCERPT_CHARS: usize = 240;

/// Marks nested deeper than this are written empty (at their start) rather than
/// reopened around every boundary inside them: the text stays linear to write.
const MAX_DEPTH: usize = 16;

impl FileExtra {
    /// Take from a linted document what the report shows beside its findings. The
    /// register and the footnote pairing are the analyses the rules computed (shared
    /// through the document's analysis cache when the same pack is in force).
    pub fn build(doc: &Document, settings: &Settings) -> FileExtra {
        let pack = settings.packs.get(doc.language);
        FileExtra {
            pages: pages(doc),
            register: register(doc, settings, pack),
            notes: footnote_map(doc, pack),
        }
    }
}

fn pages(doc: &Document) -> Vec<(usize, u32)> {
    let mut pages: Vec<(usize, u32)> = doc
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.span.start, doc.page_number(i)))
        .collect();
    if pages.is_empty() {
        if let Some(r) = &doc.source.rendering {
            pages = r.page_starts.clone();
        }
    }
    pages.sort_by_key(|&(o, _)| o);
    if pages.len() < 2 {
        pages.clear();
    }
    pages
}

/// The register with the document date and `quotations` option the commitment rules
/// use (so that it is the one they computed).
fn register(doc: &Document, settings: &Settings, pack: &crate::pack::Pack) -> Vec<Commitment> {
    use crate::rules::commitments::{rule_input, UndatedCommitment};
    let cx = crate::engine::rule_context(&UndatedCommitment::META, settings, pack);
    let (date, forced, quotations) = rule_input::register_inputs(&cx);
    rule_input::cached_register(doc, pack, date, forced, quotations)
}

/// References and texts of each note, paired as the footnote rules pair them.
fn footnote_map<'a>(doc: &'a Document, pack: &crate::pack::Pack) -> Vec<NoteRow> {
    let analysis = crate::rules::footnotes::shared(doc, pack);
    let mut rows: Vec<NoteRow> = Vec::new();
    let mut by_label: HashMap<&str, usize> = HashMap::new();
    let mut row_of = |label: &'a str, rows: &mut Vec<NoteRow>| -> usize {
        *by_label.entry(label).or_insert_with(|| {
            rows.push(NoteRow {
                label: label.to_string(),
                ..NoteRow::default()
            });
            rows.len() - 1
        })
    };
    for r in &doc.footnote_refs {
        let i = row_of(&r.label, &mut rows);
        rows[i].refs.push(r.span);
    }
    for (di, d) in doc.footnote_defs.iter().enumerate() {
        let label = match &d.label {
            Some(l) => Some(l.as_str()),
            None => analysis
                .unlabelled_owner
                .get(&di)
                .and_then(|&ri| doc.footnote_refs.get(ri))
                .map(|r| r.label.as_str()),
        };
        let def = NoteDef {
            span: d.span,
            excerpt: shorten(d.text.as_str(), EXCERPT_CHARS),
            labelled: d.label.is_some(),
        };
        match label {
            Some(l) => {
                let i = row_of(l, &mut rows);
                rows[i].defs.push(def);
            }
            None => rows.push(NoteRow {
                label: String::new(),
                refs: Vec::new(),
                defs: vec![def],
            }),
        }
    }
    let first = |r: &NoteRow| {
        r.refs
            .iter()
            .chain(r.defs.iter().map(|d| &d.span))
            .map(|s| s.start)
            .min()
            .unwrap_or(usize::MAX)
    };
    rows.sort_by_key(first);
    rows
}

/// At most `max` characters of `s`, whitespace runs joined, "…" when cut.
fn shorten(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut n = 0;
    for word in s.split_whitespace() {
        if n > 0 {
            out.push(' ');
            n += 1;
        }
        for c in word.chars() {
            if n >= max {
                out.push('…');
                return out;
            }
            out.push(c);
            n += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Escaping

/// Characters shown as a visible escape (`\u{1b}`): controls other than tab and line
/// ends, the Unicode line separators, bidirectional overrides and the BOM.
fn hostile(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

fn push_char(out: &mut String, c: char, attr: bool) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        '\n' | '\r' if attr => out.push_str("&#10;"),
        '\u{c}' => {}
        c if hostile(c) => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

/// Text escaped for an element's content (line ends kept).
fn text(out: &mut String, s: &str) {
    for c in s.chars() {
        push_char(out, c, false);
    }
}

/// Text escaped for a quoted attribute value (line ends as references).
fn attr(out: &mut String, s: &str) {
    for c in s.chars() {
        push_char(out, c, true);
    }
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    text(&mut out, s);
    out
}

fn esc_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    attr(&mut out, s);
    out
}

/// `text[start..end]` of the document, escaped; `\r\n` and a lone `\r` become `\n`.
fn source_range(out: &mut String, full: &str, start: usize, end: usize) {
    let bytes = full.as_bytes();
    let mut i = start;
    for c in full[start..end].chars() {
        if c == '\r' {
            if bytes.get(i + 1) != Some(&b'\n') {
                out.push('\n');
            }
        } else {
            push_char(out, c, false);
        }
        i += c.len_utf8();
    }
}

/// The whole page with the CI runner's command syntaxes broken: `::` at the start of
/// a line (after blanks) and `##[` anywhere become character references. The page's
/// own style sheet and script contain neither.
fn runner_safe(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    for line in html.split_inclusive('\n') {
        let blanks = line.len() - line.trim_start_matches([' ', '\t']).len();
        let (head, rest) = line.split_at(blanks);
        out.push_str(head);
        let rest = match rest.strip_prefix("::") {
            Some(r) => {
                out.push_str("&#58;:");
                r
            }
            None => rest,
        };
        let mut parts = rest.split("##[");
        if let Some(first) = parts.next() {
            out.push_str(first);
        }
        for p in parts {
            out.push_str("&#35;#[");
            out.push_str(p);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The page

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

/// Records script errors in the page (`data-js-errors` on `<html>`), so that a test
/// reading the DOM sees them.
const ERROR_RECORDER: &str = "(function(){var d=document.documentElement;function rec(m){d.setAttribute('data-js-errors',(d.getAttribute('data-js-errors')||'')+m+'; ');}window.addEventListener('error',function(e){rec(String(e.message||'error'));});window.addEventListener('unhandledrejection',function(e){rec('unhandled rejection: '+String(e.reason));});var ce=console.error;console.error=function(){rec(Array.prototype.join.call(arguments,' '));return ce.apply(console,arguments);};})();";

fn level_class(l: Level) -> &'static str {
    match l {
        Level::Error => "lv-error",
        Level::Warning => "lv-warning",
        Level::Info => "lv-info",
    }
}

fn counts_of(findings: &[Finding]) -> Counts {
    let mut c = Counts::default();
    for f in findings {
        c.add(f.level);
    }
    c
}

fn counts_html(out: &mut String, c: Counts) {
    let _ = write!(
        out,
        "<span class=\"cnt\"><span class=\"b lv-error\">{}</span> <span class=\"b lv-warning\">{}</span> <span class=\"b lv-info\">{}</span></span>",
        plural(c.error, "error"),
        plural(c.warning, "warning"),
        plural(c.info, "info")
    );
}

/// The page (1-based printed number) holding an offset.
fn page_at(pages: &[(usize, u32)], offset: usize) -> Option<u32> {
    let i = pages.partition_point(|&(o, _)| o <= offset);
    i.checked_sub(1).map(|i| pages[i].1)
}

/// "line 12, p. 3": cheap (a binary search), however long the line.
fn place(source: &SourceFile, pages: &[(usize, u32)], offset: usize) -> String {
    let line = source.line_index(offset.min(source.text.len())) + 1;
    match page_at(pages, offset) {
        Some(p) => format!("line {line}, p. {p}"),
        None => format!("line {line}"),
    }
}

/// Render a run. `extras[i]` belongs to `report.files[i]`; a file without one (the
/// library's [`super::write`], which has no documents) gets no register or footnote map.
pub fn write(report: &RunReport, extras: &[FileExtra], out: &mut dyn Write) -> io::Result<()> {
    let page = render(report, extras);
    out.write_all(page.as_bytes())
}

/// The page as a string.
pub fn render(report: &RunReport, extras: &[FileExtra]) -> String {
    let metas: HashMap<&str, &'static RuleMeta> = crate::rules::all_metas()
        .into_iter()
        .map(|m| (m.code, m))
        .collect();
    let family = |code: &str| metas.get(code).map_or("other", |m| m.group.as_str());
    let total = report.counts();
    let mut fired: BTreeMap<&str, usize> = BTreeMap::new();
    let mut families: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, f) in report.findings() {
        *fired.entry(f.code).or_default() += 1;
        *families.entry(family(f.code)).or_default() += 1;
    }

    let mut o = String::with_capacity(
        report
            .files
            .iter()
            .map(|f| f.source.text.len() * 5 / 4 + f.findings.len() * 600)
            .sum::<usize>()
            + STYLE.len()
            + SCRIPT.len()
            + 8192,
    );
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.push_str("<meta name=\"generator\" content=\"policylint ");
    o.push_str(env!("CARGO_PKG_VERSION"));
    o.push_str("\">\n<title>policylint report");
    if let [one] = report.files.as_slice() {
        o.push_str(": ");
        text(&mut o, &one.source.path);
    }
    o.push_str("</title>\n<script>");
    o.push_str(ERROR_RECORDER);
    o.push_str("</script>\n<style>\n");
    o.push_str(STYLE);
    o.push_str("</style>\n</head>\n<body>\n<header>\n<h1>policylint report</h1>\n<span>");
    o.push_str(&plural(report.files.len(), "file"));
    o.push_str(" checked</span> ");
    counts_html(&mut o, total);
    if !report.errors.is_empty() {
        let _ = write!(
            o,
            " <a class=\"b lv-error\" href=\"#errors\">{} not read</a>",
            plural(report.errors.len(), "file")
        );
    }
    o.push_str("\n</header>\n<div class=\"layout\">\n<nav id=\"side\" aria-label=\"findings\">\n");

    // Filters.
    o.push_str("<form id=\"filters\" class=\"tools\" onsubmit=\"return false\">\n<fieldset><legend>Level</legend>");
    for (l, n) in [
        (Level::Error, total.error),
        (Level::Warning, total.warning),
        (Level::Info, total.info),
    ] {
        let _ = write!(
            o,
            "<label class=\"{}\"><input type=\"checkbox\" name=\"level\" value=\"{}\" checked> {} ({n})</label> ",
            level_class(l),
            l.as_str(),
            l.as_str()
        );
    }
    o.push_str(
        "</fieldset>\n<label>Rule <select id=\"f-rule\"><option value=\"\">all rules</option>",
    );
    for (code, n) in &fired {
        let name = metas.get(code).map_or("", |m| m.name);
        let _ = write!(
            o,
            "<option value=\"{}\">{} {} ({n})</option>",
            esc_attr(code),
            esc(code),
            esc(name)
        );
    }
    o.push_str("</select></label>\n<label>Family <select id=\"f-family\"><option value=\"\">all families</option>");
    for (fam, n) in &families {
        let _ = write!(
            o,
            "<option value=\"{}\">{} ({n})</option>",
            esc_attr(fam),
            esc(fam)
        );
    }
    o.push_str("</select></label>\n</form>\n");
    let _ = writeln!(
        o,
        "<p id=\"shown\" aria-live=\"polite\">{} shown</p>",
        plural(total.total(), "finding")
    );

    // The findings list, by file.
    for (di, file) in report.files.iter().enumerate() {
        let pages = extras.get(di).map_or(&[][..], |e| e.pages.as_slice());
        let _ = write!(
            o,
            "<h2 class=\"lf\"><a href=\"#d{di}\">{}</a></h2>\n<p class=\"lc\">",
            esc(&file.source.path)
        );
        counts_html(&mut o, counts_of(&file.findings));
        o.push_str("</p>\n<ol class=\"findings\">\n");
        for (fi, f) in file.findings.iter().enumerate() {
            let id = format!("d{di}-f{fi}");
            let _ = write!(
                o,
                "<li class=\"fi {}\" data-f=\"{id}\" data-level=\"{}\" data-rule=\"{}\" data-family=\"{}\"><a class=\"go\" href=\"#{id}\"><span class=\"lvl\">{}</span> <code>{}</code> <span class=\"at\">{}</span></a> <a class=\"why\" href=\"#rule-{}\" title=\"what {} checks\">?</a><br><span class=\"msg\">{}</span>",
                level_class(f.level),
                f.level.as_str(),
                esc_attr(f.code),
                esc_attr(family(f.code)),
                f.level.as_str(),
                esc(f.code),
                esc(&place(&file.source, pages, f.span.start)),
                esc_attr(f.code),
                esc_attr(f.rule),
                esc(&f.message)
            );
            if let Some(h) = &f.help {
                let _ = write!(o, "<br><span class=\"help\">help: {}</span>", esc(h));
            }
            for n in &f.notes {
                let _ = write!(o, "<br><span class=\"note\">note: {}</span>", esc(n));
            }
            if !f.related.is_empty() {
                o.push_str("<ul class=\"rel\">");
                for (ri, r) in f.related.iter().enumerate() {
                    let _ = write!(
                        o,
                        "<li><a href=\"#{id}-r{ri}\">{}</a>: {}</li>",
                        esc(&place(&file.source, pages, r.span.start)),
                        esc(&r.message)
                    );
                }
                o.push_str("</ul>");
            }
            o.push_str("</li>\n");
        }
        o.push_str("</ol>\n");
    }
    o.push_str("</nav>\n<main id=\"main\">\n");

    if !report.errors.is_empty() {
        o.push_str("<section id=\"errors\"><h2>Files not read</h2><ul>");
        for e in &report.errors {
            let _ = write!(
                o,
                "<li><code>{}</code>: {}</li>",
                esc(&e.path),
                esc(&e.message)
            );
        }
        o.push_str("</ul></section>\n");
    }

    for (di, file) in report.files.iter().enumerate() {
        document_section(&mut o, di, file, extras.get(di));
    }

    // Explanations of the rules that fired.
    o.push_str("<section id=\"rules\"><h2>Rules that fired</h2>\n");
    for (code, n) in &fired {
        let Some(meta) = metas.get(code) else {
            continue;
        };
        let _ = write!(
            o,
            "<details id=\"rule-{}\"><summary><code>{}</code> {} <span class=\"fam\">{}</span> ({}) — {}</summary>\n<div class=\"expl\">",
            esc_attr(code),
            esc(code),
            esc(meta.name),
            esc(meta.group.as_str()),
            plural(*n, "finding"),
            esc(meta.summary)
        );
        markdown(&mut o, &explanation_text(meta));
        o.push_str("</div></details>\n");
    }
    if fired.is_empty() {
        o.push_str("<p>No findings.</p>\n");
    }
    o.push_str("</section>\n</main>\n</div>\n<script>\n");
    o.push_str(SCRIPT);
    o.push_str("</script>\n</body>\n</html>\n");
    runner_safe(&o)
}

fn document_section(
    o: &mut String,
    di: usize,
    file: &super::FileReport,
    extra: Option<&FileExtra>,
) {
    let source = &file.source;
    let pages = extra.map_or(&[][..], |e| e.pages.as_slice());
    let _ = write!(
        o,
        "<section class=\"doc\" id=\"d{di}\">\n<h2>{}</h2>\n<p class=\"meta\">",
        esc(&source.path)
    );
    counts_html(o, counts_of(&file.findings));
    if !pages.is_empty() {
        let _ = write!(o, " · {}", plural(pages.len(), "page"));
    }
    o.push_str("</p>\n");
    match extra {
        Some(e) => {
            register_table(o, di, source, pages, &e.register);
            notes_table(o, di, source, pages, &e.notes);
        }
        None => o.push_str(
            "<p class=\"meta\">The commitment register and the footnote map are made by <code>policylint check --format html</code>.</p>\n",
        ),
    }
    let _ = writeln!(o, "<pre class=\"text\" id=\"d{di}-text\">");
    marked_text(o, di, source, &file.findings, extra);
    o.push_str("</pre>\n</section>\n");
}

fn register_table(
    o: &mut String,
    di: usize,
    source: &SourceFile,
    pages: &[(usize, u32)],
    register: &[Commitment],
) {
    let requests = register
        .iter()
        .filter(|c| c.kind == CommitmentKind::Request)
        .count();
    let mut by_status: BTreeMap<Status, usize> = BTreeMap::new();
    for c in register {
        *by_status.entry(c.status).or_default() += 1;
    }
    let statuses: Vec<String> = by_status
        .iter()
        .map(|(s, n)| format!("{n} {}", s.as_str()))
        .collect();
    let _ = writeln!(
        o,
        "<details class=\"reg\" id=\"d{di}-register\"><summary>Commitment register: {} ({} self, {}){}{}</summary>",
        plural(register.len(), "commitment"),
        register.len() - requests,
        plural(requests, "request"),
        if statuses.is_empty() { "" } else { ": " },
        statuses.join(", ")
    );
    if register.is_empty() {
        o.push_str("<p>No commitments found.</p></details>\n");
        return;
    }
    o.push_str("<table><thead><tr><th>Where</th><th>Actor</th><th>Kind</th><th>Action</th><th>Time (as written)</th><th>Normalised</th><th>Status</th></tr></thead><tbody>\n");
    for (ci, c) in register.iter().enumerate() {
        let time = c.time.as_ref().map_or("—", |t| t.text.as_str());
        let norm = c
            .time
            .as_ref()
            .and_then(|t| t.normalised.as_deref())
            .unwrap_or("—");
        let _ = write!(
            o,
            "<tr class=\"st-{}\"><td><a href=\"#d{di}-c{ci}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}",
            c.status.as_str(),
            esc(&place(source, pages, c.span.start)),
            esc(&c.actor),
            c.kind.as_str(),
            esc(&c.action),
            esc(time),
            esc(norm),
            c.status.as_str()
        );
        if let Some(s) = c.supported_by {
            let _ = write!(
                o,
                " (<a href=\"#d{di}-c{ci}-s\">body, {}</a>)",
                esc(&place(source, pages, s.start))
            );
        }
        o.push_str("</td></tr>\n");
    }
    o.push_str("</tbody></table></details>\n");
}

fn notes_table(
    o: &mut String,
    di: usize,
    source: &SourceFile,
    pages: &[(usize, u32)],
    notes: &[NoteRow],
) {
    let no_text = notes.iter().filter(|n| n.defs.is_empty()).count();
    let unreferenced = notes.iter().filter(|n| n.refs.is_empty()).count();
    let _ = writeln!(
        o,
        "<details class=\"fnmap\" id=\"d{di}-notes\"><summary>Footnote map: {}, {} without text, {} not referenced</summary>",
        plural(notes.len(), "note"),
        no_text,
        unreferenced
    );
    if notes.is_empty() {
        o.push_str("<p>No footnotes found.</p></details>\n");
        return;
    }
    o.push_str("<table><thead><tr><th>Note</th><th>Referenced at</th><th>Text</th><th>Status</th></tr></thead><tbody>\n");
    for (ni, n) in notes.iter().enumerate() {
        let status = if n.refs.is_empty() {
            "not referenced"
        } else if n.defs.is_empty() {
            "no text"
        } else if n.defs.iter().filter(|d| d.labelled).count() > 1 {
            "defined more than once"
        } else if n.defs.iter().any(|d| !d.labelled) {
            "text without its number, paired by page"
        } else {
            "ok"
        };
        let class = if status == "ok" { "ok" } else { "bad" };
        let _ = write!(
            o,
            "<tr class=\"{class}\"><td>{}</td><td>",
            if n.label.is_empty() {
                "?".to_string()
            } else {
                esc(&n.label)
            }
        );
        for (ri, r) in n.refs.iter().enumerate() {
            if ri > 0 {
                o.push_str(", ");
            }
            let _ = write!(
                o,
                "<a href=\"#d{di}-n{ni}-r{ri}\">{}</a>",
                esc(&place(source, pages, r.start))
            );
        }
        o.push_str("</td><td>");
        for (ki, d) in n.defs.iter().enumerate() {
            if ki > 0 {
                o.push_str("<br>");
            }
            let _ = write!(
                o,
                "<a href=\"#d{di}-n{ni}-d{ki}\">{}</a> {}",
                esc(&place(source, pages, d.span.start)),
                esc(&d.excerpt)
            );
        }
        let _ = writeln!(o, "</td><td>{status}</td></tr>");
    }
    o.push_str("</tbody></table></details>\n");
}

/// Something written at one offset of the text, between characters.
enum Point {
    /// A page starts here (its printed number).
    Page(u32),
    /// An empty element with this id, to link to.
    Anchor(String),
}

/// The text with a `<mark>` per finding with a non-empty span. Where spans cross, the
/// inner elements are closed and reopened as `<span class="mc">` continuations, so
/// that the elements nest and each finding still has exactly one `<mark>`.
fn marked_text(
    o: &mut String,
    di: usize,
    source: &SourceFile,
    findings: &[Finding],
    extra: Option<&FileExtra>,
) {
    let full = source.text.as_str();
    let clamp = |x: usize| floor_char_boundary(full, x.min(full.len()));

    let mut marks: Vec<(usize, usize, usize)> = Vec::new();
    let mut points: Vec<(usize, u8, Point)> = Vec::new();
    for (fi, f) in findings.iter().enumerate() {
        let (s, e) = (clamp(f.span.start), clamp(f.span.end));
        if s < e {
            marks.push((s, e, fi));
        } else {
            points.push((s, 1, Point::Anchor(format!("d{di}-f{fi}"))));
        }
        for (ri, r) in f.related.iter().enumerate() {
            points.push((
                clamp(r.span.start),
                1,
                Point::Anchor(format!("d{di}-f{fi}-r{ri}")),
            ));
        }
    }
    if let Some(extra) = extra {
        for (i, &(at, n)) in extra.pages.iter().enumerate() {
            if i > 0 {
                points.push((clamp(at), 0, Point::Page(n)));
            }
        }
        for (ci, c) in extra.register.iter().enumerate() {
            points.push((
                clamp(c.span.start),
                1,
                Point::Anchor(format!("d{di}-c{ci}")),
            ));
            if let Some(s) = c.supported_by {
                points.push((clamp(s.start), 1, Point::Anchor(format!("d{di}-c{ci}-s"))));
            }
        }
        for (ni, n) in extra.notes.iter().enumerate() {
            for (ri, r) in n.refs.iter().enumerate() {
                points.push((
                    clamp(r.start),
                    1,
                    Point::Anchor(format!("d{di}-n{ni}-r{ri}")),
                ));
            }
            for (ki, d) in n.defs.iter().enumerate() {
                points.push((
                    clamp(d.span.start),
                    1,
                    Point::Anchor(format!("d{di}-n{ni}-d{ki}")),
                ));
            }
        }
    }
    marks.sort_by_key(|&(s, e, fi)| (s, std::cmp::Reverse(e), fi));
    points.sort_by_key(|&(at, order, _)| (at, order));

    let open = |o: &mut String, fi: usize, cont: bool| {
        let f = &findings[fi];
        if cont {
            let _ = write!(
                o,
                "<span class=\"mc {}\" data-f=\"d{di}-f{fi}\">",
                level_class(f.level)
            );
        } else {
            let _ = write!(
                o,
                "<mark id=\"d{di}-f{fi}\" class=\"{}\" data-f=\"d{di}-f{fi}\" tabindex=\"0\" title=\"",
                level_class(f.level)
            );
            let _ = write!(o, "{}[{}] ", f.level.as_str(), f.code);
            attr(o, &f.message);
            if let Some(l) = &f.label {
                o.push_str(" — ");
                attr(o, l);
            }
            o.push_str("\">");
        }
    };

    let mut stack: Vec<(usize, bool)> = Vec::new();
    let (mut pos, mut mi, mut pi) = (0usize, 0usize, 0usize);
    loop {
        // Close what ends here; reopen what was closed only to keep the nesting.
        if let Some(k) = stack.iter().position(|&(m, _)| marks[m].1 <= pos) {
            for &(_, cont) in stack[k..].iter().rev() {
                o.push_str(if cont { "</span>" } else { "</mark>" });
            }
            let reopen: Vec<usize> = stack[k..]
                .iter()
                .map(|&(m, _)| m)
                .filter(|&m| marks[m].1 > pos)
                .collect();
            stack.truncate(k);
            for m in reopen {
                open(o, marks[m].2, true);
                stack.push((m, true));
            }
        }
        while pi < points.len() && points[pi].0 <= pos {
            match &points[pi].2 {
                Point::Page(n) => {
                    let _ = write!(o, "<span class=\"pb\" data-page=\"page {n}\"></span>");
                }
                Point::Anchor(id) => {
                    let _ = write!(o, "<a class=\"pt\" id=\"{id}\"></a>");
                }
            }
            pi += 1;
        }
        while mi < marks.len() && marks[mi].0 <= pos {
            if stack.len() >= MAX_DEPTH {
                open(o, marks[mi].2, false);
                o.push_str("</mark>");
            } else {
                open(o, marks[mi].2, false);
                stack.push((mi, false));
            }
            mi += 1;
        }
        if pos >= full.len() {
            break;
        }
        let mut next = full.len();
        if let Some(m) = marks.get(mi) {
            next = next.min(m.0);
        }
        if let Some(p) = points.get(pi) {
            next = next.min(p.0);
        }
        for &(m, _) in &stack {
            next = next.min(marks[m].1);
        }
        source_range(o, full, pos, next);
        pos = next;
    }
    for &(_, cont) in stack.iter().rev() {
        o.push_str(if cont { "</span>" } else { "</mark>" });
    }
}

/// A rule's Markdown explanation as HTML: `#` headings, fenced code blocks,
/// paragraphs and lists of lines, `inline code`. Everything escaped.
fn markdown(o: &mut String, md: &str) {
    let mut in_code = false;
    let mut para: Vec<&str> = Vec::new();
    let flush = |o: &mut String, para: &mut Vec<&str>| {
        if !para.is_empty() {
            o.push_str("<p>");
            for (i, l) in para.iter().enumerate() {
                if i > 0 {
                    o.push_str(if l.starts_with("- ") || l.starts_with("* ") {
                        "<br>"
                    } else {
                        " "
                    });
                }
                inline_code(o, l);
            }
            o.push_str("</p>\n");
            para.clear();
        }
    };
    for line in md.lines() {
        let t = line.trim_end();
        if t.trim_start().starts_with("```") {
            if in_code {
                o.push_str("</code></pre>\n");
            } else {
                flush(o, &mut para);
                o.push_str("<pre class=\"ex\"><code>");
            }
            in_code = !in_code;
            continue;
        }
        if in_code {
            text(o, t);
            o.push('\n');
        } else if let Some(h) = t.strip_prefix('#') {
            flush(o, &mut para);
            o.push_str("<h4>");
            text(o, h.trim_start_matches('#').trim());
            o.push_str("</h4>\n");
        } else if t.trim().is_empty() {
            flush(o, &mut para);
        } else {
            para.push(t.trim());
        }
    }
    if in_code {
        o.push_str("</code></pre>\n");
    }
    flush(o, &mut para);
}

/// A line with `code` spans; an odd backtick stays a backtick.
fn inline_code(o: &mut String, line: &str) {
    let parts: Vec<&str> = line.split('`').collect();
    let even = parts.len() % 2 == 1;
    for (i, p) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        if i % 2 == 1 && (even || !last) {
            o.push_str("<code>");
            text(o, p);
            o.push_str("</code>");
        } else {
            if i % 2 == 1 {
                o.push('`');
            }
            text(o, p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Related;
    use crate::report::testing;
    use crate::report::FileReport;

    fn finding(code: &'static str, level: Level, span: Span, message: &str) -> Finding {
        Finding {
            level,
            ..Finding::for_test(code, "r", message, span)
        }
    }

    fn count(h: &str, needle: &str) -> usize {
        h.matches(needle).count()
    }

    #[test]
    fn one_mark_per_finding_with_a_span_and_balanced_nesting() {
        let text = "abcdefghij\nklmnop\n";
        let findings = vec![
            finding("TX001", Level::Info, Span::new(0, 5), "outer"),
            finding("TX001", Level::Warning, Span::new(2, 8), "crossing"),
            finding("TX001", Level::Error, Span::new(3, 4), "inner"),
            finding("TX001", Level::Info, Span::new(6, 6), "empty"),
            finding("TX001", Level::Info, Span::new(18, 18), "at the end"),
        ];
        let report = RunReport {
            files: vec![FileReport {
                source: SourceFile::from_str("a.txt", text),
                findings,
            }],
            errors: vec![],
        };
        let h = render(&report, &[]);
        assert_eq!(count(&h, "<mark "), 3);
        assert_eq!(count(&h, "<mark "), count(&h, "</mark>"));
        let pre = &h[h.find("<pre").unwrap()..h.find("</pre>").unwrap()];
        assert!(well_nested(pre), "{pre}");
        // The crossing span goes on after the outer one as a continuation.
        assert_eq!(count(pre, "<span class=\"mc "), 1);
        // The text survives the marks unchanged.
        assert_eq!(strip_tags(pre), format!("\n{text}"));
        // The two empty findings are anchors.
        assert!(h.contains("id=\"d0-f3\"") && h.contains("id=\"d0-f4\""));
    }

    /// Every element of the text closes in the order it opened.
    fn well_nested(pre: &str) -> bool {
        let mut stack: Vec<&str> = Vec::new();
        for tag in pre.split('<').skip(1) {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            if let Some(name) = tag.strip_prefix('/') {
                if stack.pop() != Some(name) {
                    return false;
                }
            } else if let Some(name) = tag.split_whitespace().next() {
                if name != "pre" {
                    stack.push(name);
                }
            }
        }
        stack.is_empty()
    }

    fn strip_tags(s: &str) -> String {
        let mut out = String::new();
        let mut inside = false;
        for c in s.chars() {
            match c {
                '<' => inside = true,
                '>' if inside => inside = false,
                c if !inside => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn hostile_text_is_shown_as_text() {
        let text = "<script>alert(1)</script> & \"x\"\n::error::boom\n  ::warning x\n##[group]y\n\u{1b}[31m\u{202e}\r\n";
        let report = RunReport {
            files: vec![FileReport {
                source: SourceFile::from_str("<b>.txt", text),
                findings: vec![finding(
                    "TX001",
                    Level::Error,
                    Span::new(0, 8),
                    "\"><script>x</script>",
                )],
            }],
            errors: vec![],
        };
        let h = render(&report, &[]);
        assert!(!h.contains("<script>alert"));
        assert!(!h.contains("<script>x"));
        assert!(!h.contains("<b>.txt"));
        assert!(h.contains("&lt;script&gt;</mark>alert(1)&lt;/script&gt;"));
        for line in h.lines() {
            assert!(!line.trim_start().starts_with("::"), "{line}");
            assert!(!line.contains("##["), "{line}");
        }
        assert!(h.contains("&#58;:error::boom"));
        assert!(h.contains("\\u{1b}") && h.contains("\\u{202e}"));
        assert!(!h.contains('\u{1b}') && !h.contains('\r'));
    }

    #[test]
    fn the_page_script_and_style_survive_the_runner_pass() {
        for part in [STYLE, SCRIPT, ERROR_RECORDER] {
            assert_eq!(runner_safe(part), part);
            assert!(
                !part.contains("<mark"),
                "the page's own code names no <mark"
            );
            assert!(!part.to_ascii_lowercase().contains("</script"));
        }
    }

    #[test]
    fn deep_nesting_stays_bounded() {
        let text = "x".repeat(200);
        let findings: Vec<Finding> = (0..100)
            .map(|i| finding("TX001", Level::Info, Span::new(i, 200 - i), "n"))
            .chain((0..100).map(|i| finding("TX001", Level::Info, Span::new(i, i + 101), "c")))
            .collect();
        let n = findings.len();
        let report = RunReport {
            files: vec![FileReport {
                source: SourceFile::from_str("a.txt", &text),
                findings,
            }],
            errors: vec![],
        };
        let h = render(&report, &[]);
        assert_eq!(count(&h, "<mark "), n);
        assert_eq!(count(&h, "</mark>"), n);
        let pre = &h[h.find("<pre").unwrap()..h.find("</pre>").unwrap()];
        assert!(well_nested(pre));
        // Bounded: at most MAX_DEPTH continuations reopened at each boundary.
        assert!(count(pre, "<span class=\"mc ") <= 2 * n * MAX_DEPTH);
    }

    #[test]
    fn related_places_and_rule_explanations_are_linked() {
        let mut report = testing::report();
        report.files[0].findings[0].related.push(Related {
            span: Span::new(1, 2),
            message: "here".into(),
        });
        let h = render(&report, &[]);
        assert!(h.contains("href=\"#d0-f0-r0\"") && h.contains("id=\"d0-f0-r0\""));
        assert!(h.contains("id=\"rule-FN001\"") && h.contains("href=\"#rule-FN001\""));
        assert!(h.contains("id=\"errors\""));
    }

    #[test]
    fn explanation_markdown_is_escaped() {
        let mut o = String::new();
        markdown(
            &mut o,
            "## What it does\nFlags `<x>` and\nmore.\n\n```text\n<b>\n```\n",
        );
        assert_eq!(
            o,
            "<h4>What it does</h4>\n<p>Flags <code>&lt;x&gt;</code> and more.</p>\n<pre class=\"ex\"><code>&lt;b&gt;\n</code></pre>\n"
        );
    }

    #[test]
    fn shorten_cuts_on_characters() {
        assert_eq!(shorten("a  b\nc", 10), "a b c");
        assert_eq!(shorten("ééééé", 3), "ééé…");
    }
}
