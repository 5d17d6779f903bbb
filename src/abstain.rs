//! Abstention: where the front end could not recover a structure with confidence, the
//! rules that depend on it stay silent and one `info` note (PLX005) says why and what
//! would help, instead of a cascade of findings caused by the extraction.

use crate::document::Document;
use crate::finding::Finding;
use crate::rules::meta::ParseAbstention;
use crate::rules::terms::term_variant;
use crate::settings::{meta_finding, Settings};
use crate::source::Span;

/// Split spellings (TV001) in a PDF extract from which on they are taken for the
/// extractor's, not the drafter's: the shared extracts that keep words whole give at
/// most seven, an extractor that breaks words at hidden hyphenation points some twenty.
const SPLIT_ARTEFACTS: usize = 10;

/// Below this confidence in an extract's layout, repeated words (TX001) are not
/// checked.
const UNSURE_LAYOUT: f32 = 0.5;

/// Rule codes (or code prefixes) whose findings depend on the language pack.
const LANGUAGE_RULES: &[&str] = &["AC", "CM", "DT", "KA", "PL002", "TV", "TX001"];

fn first_span(findings: &[Finding], keep: impl Fn(&Finding) -> bool) -> Span {
    findings
        .iter()
        .filter(|f| keep(f))
        .map(|f| f.span)
        .min_by_key(|s| s.start)
        .unwrap_or(Span::new(0, 0))
}

/// Replace the findings that rest on an unrecovered structure by one note each.
pub fn apply(doc: &Document, settings: &Settings, findings: &mut Vec<Finding>) {
    past_deadlines_unchecked(doc, settings, findings);
    legislative_model(doc, settings, findings);
    if let Some(lang) = doc.unsupported_language {
        let is_lang = |f: &Finding| LANGUAGE_RULES.iter().any(|p| f.code.starts_with(p));
        let withheld = findings.iter().filter(|f| is_lang(f)).count();
        findings.retain(|f| !is_lang(f));
        let message = format!(
            "the text is in a language policylint has no pack for (`{lang}`): the wording, \
             acronym, date, placeholder and commitment rules stayed silent ({withheld} \
             findings withheld); lint the text in Dutch or English"
        );
        findings.extend(meta_finding(
            settings,
            &ParseAbstention::META,
            Span::new(0, 0),
            message,
        ));
    }
    // A PDF read from its glyphs: headings in capitals, table-of-contents lines, form
    // fields and side boxes are not yet told apart from numbered points with the
    // confidence the numbering rules need (on the shared set every NU finding on a PDF
    // was such a misreading), so they stay silent there.
    let paged_rendering = doc
        .source
        .rendering
        .as_ref()
        .is_some_and(|r| !r.page_starts.is_empty());
    if paged_rendering {
        withhold(settings, findings, &["NU001", "NU002"], |withheld| {
            format!(
                "numbering not checked: in a PDF the order of headings, table-of-contents \
                 lines, form fields and side boxes is not recovered with confidence, so the \
                 {withheld} apparent numbering defects may be artefacts of the page layout; \
                 lint the Word draft, or check the numbering by eye"
            )
        });
    }
    // References read out of order at several places (a chart's labels, a box read
    // before the text it sits in) show a reading order the front end did not recover;
    // a drafter's own numbering, produced by the word processor, does not go back.
    let places = if paged_rendering {
        out_of_order_references(doc)
    } else {
        0
    };
    if places >= 2 {
        withhold(settings, findings, &["FN"], |withheld| {
            format!(
                "footnotes not checked: in this PDF footnote references come out of order \
                 at {places} places, a sign that charts, boxes or columns were read in the \
                 wrong order, so the {withheld} apparent footnote defects may be artefacts of \
                 the page layout; lint the Word draft"
            )
        });
    }
    // A commitment on lines set in columns or cells (a `-layout` extract's two columns
    // side by side, a table row) is a sentence read across the gutter: what belongs to
    // it cannot be told.
    let source = doc.text();
    let across_gutter = |f: &Finding| {
        f.code.starts_with("CM")
            && whole_lines(source, f.span)
                .lines()
                .any(crate::rules::text::is_line_of_cells)
    };
    withhold_where(settings, findings, across_gutter, |withheld| {
        let there = agreeing(
            withheld,
            "the finding there reads",
            "the {n} findings there read",
        );
        format!(
            "commitments not checked on lines set in columns or cells: {there} a sentence \
             across the gap between two columns or cells, so what belongs to the sentence \
             cannot be told; check those sentences by eye"
        )
    });
    // An undated commitment in part of a sentence that the extraction cut (a
    // paragraph that stops mid-sentence, the next opening in lowercase; a plain
    // paragraph that stops without closing punctuation): its date may be in the rest.
    let extracted = paged_rendering || doc.layout.as_ref().is_some_and(|l| l.family.from_pdf());
    if extracted {
        let halves = cut_sentence_halves(doc);
        let in_half = |f: &Finding| {
            f.code == "CM001" && {
                let k = halves.partition_point(|h| h.end <= f.span.start);
                halves.get(k).is_some_and(|h| h.start <= f.span.start)
            }
        };
        withhold_where(settings, findings, in_half, |withheld| {
            let there = agreeing(withheld, "a commitment stands", "{n} commitments stand");
            format!(
                "undated commitments not checked in sentences the extraction cut in two: \
                 {there} in part of a sentence whose rest is in another paragraph or lost (a \
                 page turn, a table cell read as prose), and its date may be in that rest; \
                 lint the PDF itself, or check those sentences by eye"
            )
        });
    }
    if let Some(layout) = &doc.layout {
        let (family, confidence) = (layout.family.name(), layout.confidence);
        if !layout.family.numbering_followable() {
            withhold(settings, findings, &["NU"], |withheld| {
                format!(
                    "numbering not checked: this extract ({family}, confidence {confidence:.2}) \
                     does not keep the reading order of columns, tables and side notes, so the \
                     {withheld} apparent numbering defects may be artefacts of the extraction; \
                     lint the PDF itself"
                )
            });
        }
        // A reference to "paragraph 2" or "Article 11(3)" is judged against the
        // articles' recovered paragraphs and points; where the extract does not keep
        // their order, a missing target is more likely the extraction's than the act's.
        if !layout.family.numbering_followable() {
            withhold(settings, findings, &["XR"], |withheld| {
                format!(
                    "cross-references not checked: this extract ({family}, confidence \
                     {confidence:.2}) does not keep the order of the articles' paragraphs and \
                     points, so the {withheld} references that seem to point nowhere may be \
                     artefacts of the extraction; lint the PDF itself"
                )
            });
        }
        // An extractor that breaks words at their hidden hyphenation points (pdfminer
        // on some producers' PDFs: "klimaat neutrale", "mogelijk heden") gives many
        // split spellings; a drafter's slips are a few.
        if layout.family.from_pdf() {
            let split = |f: &Finding| {
                f.code == "TV001" && f.label.as_deref() == Some(term_variant::SPLIT_LABEL)
            };
            let count = findings.iter().filter(|f| split(f)).count();
            if count >= SPLIT_ARTEFACTS {
                withhold_where(settings, findings, split, |withheld| {
                    format!(
                        "split spellings not checked: this extract ({family}, confidence \
                         {confidence:.2}) writes {withheld} compounds as two words, more than \
                         drafters do, a sign that the extractor breaks words at their hidden \
                         hyphenation points; lint the PDF itself"
                    )
                });
            }
        }
        // An extract whose layout was not recognised with confidence may set the words
        // of side-by-side columns or table cells next to each other on one line with
        // single spaces ("financiering financiering"): a repeat there is no slip.
        if layout.family.from_pdf() && layout.confidence < UNSURE_LAYOUT {
            withhold(settings, findings, &["TX001"], |withheld| {
                format!(
                    "repeated words not checked: the layout of this extract ({family}, \
                     confidence {confidence:.2}) was not recognised with confidence, and \
                     the words of columns or table cells set side by side may stand next \
                     to each other, so the {withheld} apparent repeats may be artefacts of \
                     the extraction; lint the PDF itself"
                )
            });
        }
        if !layout.family.footnotes_pairable() {
            withhold(settings, findings, &["FN"], |withheld| {
                format!(
                    "footnotes not checked: in this layout ({family}, confidence \
                     {confidence:.2}) footnote references cannot be paired with their texts \
                     with confidence, so the {withheld} apparent footnote defects may be \
                     artefacts of the extraction; lint the PDF itself, or an extract that keeps \
                     each footnote's label with its text"
                )
            });
        }
    }
}

/// The parts of sentences whose rest the extraction put elsewhere or lost: where a
/// paragraph stops without closing punctuation and the next opens with a lowercase
/// letter, the first one's last sentence and the second one's first; and the last
/// sentence of any plain paragraph that stops without closing punctuation (a table
/// cell read as prose, a sentence cut at a page turn). List items and headings may
/// end without punctuation and are left. Sorted and disjoint, as source spans.
fn cut_sentence_halves(doc: &Document) -> Vec<Span> {
    use crate::document::ParagraphKind;
    let mut paragraphs: Vec<(&crate::document::Text, ParagraphKind)> =
        doc.paragraphs.iter().map(|p| (&p.text, p.kind)).collect();
    paragraphs.sort_by_key(|(t, _)| t.span().start);
    let terminator = |c: char| matches!(c, '.' | '!' | '?');
    let mut halves: Vec<Span> = Vec::new();
    let push = |h: Span, halves: &mut Vec<Span>| match halves.last_mut() {
        Some(last) if h.start <= last.end => last.end = last.end.max(h.end),
        _ => halves.push(h),
    };
    for (k, &(a, kind)) in paragraphs.iter().enumerate() {
        let at = a.as_str().trim_end();
        // Closing quotes and brackets after the punctuation do not count ("… 2030.”").
        let open_end = at
            .trim_end_matches(['”', '’', '"', ')', ' '])
            .chars()
            .last()
            .is_some_and(|c| !terminator(c) && !matches!(c, ':' | ';'));
        if !open_end {
            continue;
        }
        let next = paragraphs.get(k + 1).map(|&(b, _)| b);
        let lower_start =
            next.is_some_and(|b| b.as_str().trim_start().starts_with(char::is_lowercase));
        if kind == ParagraphKind::Plain || lower_start {
            // The last sentence of `a`: after its last terminator followed by a space.
            let tail_start = at
                .char_indices()
                .rev()
                .find(|&(i, c)| terminator(c) && at[i + c.len_utf8()..].starts_with(' '))
                .map_or(0, |(i, c)| i + c.len_utf8());
            push(
                Span::new(a.source_offset(tail_start), a.source_offset(at.len())),
                &mut halves,
            );
        }
        if let (Some(b), true) = (next, lower_start) {
            // The first sentence of `b`: up to its first terminator followed by a space
            // or the end.
            let bt = b.as_str();
            let head_end = bt
                .char_indices()
                .find(|&(i, c)| {
                    terminator(c)
                        && bt[i + c.len_utf8()..]
                            .chars()
                            .next()
                            .is_none_or(char::is_whitespace)
                })
                .map_or(bt.len(), |(i, c)| i + c.len_utf8());
            push(
                Span::new(b.source_offset(0), b.source_offset(head_end)),
                &mut halves,
            );
        }
    }
    halves
}

/// `one` for a single finding, else `many` with its `{n}` replaced by the count.
fn agreeing(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        one.to_string()
    } else {
        many.replace("{n}", &n.to_string())
    }
}

/// The source lines that `span` touches, whole.
fn whole_lines(source: &str, span: Span) -> &str {
    let start = source
        .get(..span.start)
        .and_then(|b| b.rfind('\n'))
        .map_or(0, |k| k + 1);
    let end = source
        .get(span.end..)
        .and_then(|a| a.find('\n'))
        .map_or(source.len(), |k| span.end + k);
    source.get(start..end).unwrap_or("")
}

/// Places where a numbered footnote reference is lower than the one before it, other
/// than a new series starting again at 1 (memorandum, then the act).
fn out_of_order_references(doc: &Document) -> usize {
    let numbers: Vec<u32> = doc.footnote_refs.iter().filter_map(|r| r.number).collect();
    numbers
        .windows(2)
        .filter(|w| w[1] < w[0] && w[1] != 1)
        .count()
}

/// Replace the findings of the rules under `prefixes` by one note at the first of them
/// (none when there were none), worded by `message(withheld)`.
fn withhold(
    settings: &Settings,
    findings: &mut Vec<Finding>,
    prefixes: &[&str],
    message: impl FnOnce(usize) -> String,
) {
    let hit = |f: &Finding| prefixes.iter().any(|p| f.code.starts_with(p));
    withhold_where(settings, findings, hit, message);
}

/// Replace the findings that `hit` selects by one note at the first of them (none when
/// there were none), worded by `message(withheld)`.
fn withhold_where(
    settings: &Settings,
    findings: &mut Vec<Finding>,
    hit: impl Fn(&Finding) -> bool,
    message: impl FnOnce(usize) -> String,
) {
    let withheld = findings.iter().filter(|f| hit(f)).count();
    if withheld == 0 {
        return;
    }
    let span = first_span(findings, &hit);
    findings.retain(|f| !hit(f));
    findings.extend(meta_finding(
        settings,
        &ParseAbstention::META,
        span,
        message(withheld),
    ));
}

/// CM003 compares deadlines with the document's own date. When neither the text nor
/// the settings give one, say so once (if there are dated commitments it would have
/// compared), instead of staying silent without a word.
fn past_deadlines_unchecked(doc: &Document, settings: &Settings, findings: &mut Vec<Finding>) {
    use crate::rules::commitments::{self, Status};
    if !settings.rules.contains_key("CM003")
        || settings.document_date.is_some()
        || doc.unsupported_language.is_some()
        || (doc.sentences.is_empty() && doc.boxes.is_empty())
        || commitments::document_date(doc).is_some()
    {
        return;
    }
    let pack = settings.packs.get(doc.language);
    let profile = settings
        .profile
        .unwrap_or_else(|| crate::document::profile::of(doc).profile);
    // The register as CM003 reads it (the same cached one).
    let dated = commitments::rule_input::rules_register(doc, pack, profile, None, false, false)
        .iter()
        .filter(|c| c.status == Status::Dated)
        .count();
    if dated == 0 {
        return;
    }
    let message = format!(
        "past deadlines not checked (CM003): the text states no date of its own, so its {} \
         compared with it; give the date with --document-date or `document-date` in \
         policylint.toml",
        if dated == 1 {
            "dated commitment is not".to_string()
        } else {
            format!("{dated} dated commitments are not")
        }
    );
    findings.extend(meta_finding(
        settings,
        &ParseAbstention::META,
        Span::new(0, 0),
        message,
    ));
}

/// In legislative text whose model is unsure, XR002 and NU003 stayed silent: one note
/// says why (the model's own note).
fn legislative_model(doc: &Document, settings: &Settings, findings: &mut Vec<Finding>) {
    let enabled = ["XR002", "NU003"]
        .iter()
        .any(|c| settings.rules.contains_key(*c));
    if !enabled {
        return;
    }
    let profile = settings
        .profile
        .unwrap_or_else(|| crate::document::profile::of(doc).profile);
    if !profile.is_legislative() {
        return;
    }
    let model = crate::document::legislative::of(doc);
    if model.sure {
        return;
    }
    let (span, message) = match model.notes.first() {
        Some(n) => (n.span, n.message.clone()),
        None => (
            Span::new(0, 0),
            "legislative text: no enacting formula (“HAVE ADOPTED THIS REGULATION:”) was \
             found; references and numbering of the legal text are not checked"
                .to_string(),
        ),
    };
    findings.extend(meta_finding(
        settings,
        &ParseAbstention::META,
        span,
        format!("{message} (XR002, NU003)"),
    ));
}
