//! TX001 `repeated-word`.

use std::collections::HashSet;

use crate::declare_rule;
use crate::document::words as wording;
use crate::document::Document;
use crate::pack::{FromPack, Pack};
use crate::rule::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags the same word twice in a row ("de de", "the the", "De de"). Not flagged:
    /// repeats that are grammar ("dat dat", "had had", "that that"; the pack's
    /// `[text] allowed-repeats`), a Dutch preposition before the same particle of a
    /// separable verb ("zich er aan aan te passen"; `[text] separable-particles`),
    /// words that differ in case beyond a first capital ("ANTICIPEREN Anticiperen", a
    /// heading meeting its text), numbers, and a repeat that only exists
    /// because the document model joined two lines with something skipped between them
    /// (a footnote block, a page footer, a box): the two words must be separated by
    /// nothing but whitespace in the source. Table cells are not prose: cells in
    /// adjacent columns (a run of spaces or a tab between them; a PDF's cells two ems
    /// apart), each word alone on its line, a repeat across a line break where either
    /// line is set in columns (a `-layout` extract's side column), or, in a paged
    /// document, across a break between two lines of three words or fewer (a chart's
    /// labels).
    ///
    /// ## Why is this bad?
    /// A doubled word is a typing or editing slip that spell checkers let through.
    ///
    /// ## Example
    /// ```text
    /// De Commissie zal de de uitvoering ondersteunen.
    /// ```
    /// Use instead:
    /// ```text
    /// De Commissie zal de uitvoering ondersteunen.
    /// ```
    ///
    /// ## Options
    /// Add allowed repeats to the pack: `[pack.nl.text] allowed-repeats = ["die"]`.
    pub RepeatedWord {
        code: "TX001",
        name: "repeated-word",
        group: Text,
        level: Warning,
        summary: "the same word twice in a row",
    }
}

/// The `[text]` section of a pack.
#[derive(Debug, Default)]
pub struct TextPack {
    pub allowed_repeats: HashSet<String>,
    /// Particles of separable verbs: "er aan aan te passen", "aan aangepast".
    pub separable_particles: HashSet<String>,
}

impl FromPack for TextPack {
    fn from_pack(pack: &Pack) -> Self {
        TextPack {
            allowed_repeats: pack
                .strings("text.allowed-repeats")
                .iter()
                .map(|s| s.to_lowercase())
                .collect(),
            separable_particles: pack
                .strings("text.separable-particles")
                .iter()
                .map(|s| s.to_lowercase())
                .collect(),
        }
    }
}

/// The same word, allowing a capital on the first one only ("De de"). "ANTICIPEREN
/// Anticiperen" or "europol Europol" is a heading or a sentence meeting another.
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let mut ca = a.chars();
    let mut cb = b.chars();
    match (ca.next(), cb.next()) {
        (Some(x), Some(y)) => {
            x.is_uppercase()
                && x.to_lowercase().eq(std::iter::once(y))
                && ca.as_str() == cb.as_str()
        }
        _ => false,
    }
}

/// Whether a span is the whole content of its physical line (a table cell).
/// The longest word (characters) read as a table cell's value among others like it.
const SHORT_CELL: usize = 4;

fn alone_on_line(source: &str, span: crate::source::Span) -> bool {
    // A line is short: look at most 400 bytes either way (linear overall).
    let from = crate::source::floor_char_boundary(source, span.start.saturating_sub(400));
    let to = crate::source::floor_char_boundary(source, (span.end + 400).min(source.len()));
    let before = source.get(from..span.start).unwrap_or("");
    let after = source.get(span.end..to).unwrap_or("");
    let head = before.rsplit(['\n', '\r']).next().unwrap_or("");
    let tail = after.split(['\n', '\r']).next().unwrap_or("");
    head.chars().all(|c| c.is_whitespace() || c == '\u{c}') && tail.chars().all(char::is_whitespace)
}

impl Rule for RepeatedWord {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let config = cx.pack().compiled::<TextPack>();
        let source = doc.text();
        let paged = doc.pages.len() > 1;
        let text_words = wording::of_texts(doc);
        for ((_, text), words) in doc.texts().zip(text_words.0.iter()) {
            let s = text.as_str();
            for (i, pair) in words.windows(2).enumerate() {
                let (a, b) = (&pair[0], &pair[1]);
                let (ta, tb) = (a.as_str(s), b.as_str(s));
                let next = words.get(i + 2).map(|w| w.as_str(s).to_lowercase());
                if a.in_url
                    || b.in_url
                    || a.leading_hyphen
                    || a.trailing_hyphen
                    || b.leading_hyphen
                    || !s[a.end..b.start].chars().all(char::is_whitespace)
                    || !ta.chars().any(char::is_alphabetic)
                    || !same_word(ta, tb)
                    || config.allowed_repeats.contains(&ta.to_lowercase())
                {
                    continue;
                }
                // A slip doubles a word; three or more of the same word in a row are
                // table cells ("Yes Yes Yes", "Year Year Year Year") or emphasis.
                let same_as_a = |j: usize| words.get(j).is_some_and(|w| same_word(w.as_str(s), ta));
                if (i > 0 && same_as_a(i - 1)) || same_as_a(i + 2) {
                    continue;
                }
                // "zich er aan aan te passen": a preposition and the particle of a
                // separable verb.
                let lower = ta.to_lowercase();
                if config.separable_particles.contains(&lower)
                    && next
                        .as_deref()
                        .is_some_and(|n| n == "te" || (n.starts_with(&lower) && n != lower))
                {
                    continue;
                }
                let first = text.source_span((a.start..a.end).into());
                let second = text.source_span((b.start..b.end).into());
                // Something was skipped between the two words in the source: the model
                // joined text across a break, the repeat is not in the document.
                let between = source.get(first.end..second.start).unwrap_or("x");
                if first.end > second.start || !between.chars().all(char::is_whitespace) {
                    continue;
                }
                // Table cells are not prose: two cells in adjacent columns (a run of
                // spaces between them) or each word alone on its line ("Yes" / "Yes").
                // A capitalised word that ends one line and starts the next is a label
                // or heading followed by its text ("Behandelingstraject Raad" /
                // "Raad Economische …"), not a slip.
                let capital_at_line_start = between.contains(['\n', '\r'])
                    && tb.chars().next().is_some_and(char::is_uppercase);
                if between.contains("   ")
                    || capital_at_line_start
                    || (alone_on_line(source, first) && alone_on_line(source, second))
                    || alone_on_line(source, first.cover(second))
                {
                    continue;
                }
                // A short capitalised word repeated among short capitalised words
                // ("Diff Yes No No Yes"): the values of a table row that an extractor set
                // one space apart, not a slip in a sentence.
                let short_capital = |j: usize| {
                    words.get(j).is_some_and(|w| {
                        let t = w.as_str(s);
                        t.chars().count() <= SHORT_CELL
                            && t.chars().next().is_some_and(char::is_uppercase)
                    })
                };
                if short_capital(i) && i > 0 && short_capital(i - 1) && short_capital(i + 2) {
                    continue;
                }
                // Letters of text set vertically or along a curve ("e e n n : s c").
                if super::in_letter_soup(source, first.cover(second)) {
                    continue;
                }
                // A word alone on its line next to the same word on another line: a
                // table cell beside its neighbour ("objectives" / "objectives"), the
                // cells of one row set on lines of their own.
                if between.contains(['\n', '\r'])
                    && (alone_on_line(source, first) || alone_on_line(source, second))
                {
                    continue;
                }
                // Across a line break, a line set in columns (a `-layout` extract): the
                // word that ends it may belong to another column than the next line.
                if between.contains(['\n', '\r'])
                    && (super::on_a_line_of_cells(source, first)
                        || super::on_a_line_of_cells(source, second))
                {
                    continue;
                }
                // Across a line break between two lines of three words or fewer, in a
                // paged document: the labels of a chart or the cells of a table that the
                // extraction set on lines of their own ("Copernicus satellites and" /
                // "and Sentinel-5/5P have"), not a paragraph's wrapped lines.
                let short_line = |span: crate::source::Span| {
                    let start = source[..span.start].rfind('\n').map_or(0, |k| k + 1);
                    let end = source[span.end..]
                        .find('\n')
                        .map_or(source.len(), |k| span.end + k);
                    source[start..end].split_whitespace().nth(3).is_none()
                };
                if paged
                    && between.contains(['\n', '\r'])
                    && short_line(first)
                    && short_line(second)
                {
                    continue;
                }
                // Part of a longer token ("N N+1", "E e r li j"): a formula, a label
                // or letters set apart, not a repeated word.
                let glued_after = s[b.end..]
                    .chars()
                    .next()
                    .is_some_and(|c| matches!(c, '+' | '=' | '/' | '*' | '^' | '_' | '&'));
                let single_capital =
                    |t: &str| t.chars().count() == 1 && t.chars().all(char::is_uppercase);
                if glued_after || single_capital(ta) || single_capital(tb) {
                    continue;
                }
                cx.report(first.cover(second), format!("`{ta}` is repeated"))
                    .label("repeated word")
                    .help(format!("remove one `{tb}`"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Format, Paragraph, ParagraphKind, SourceFile, Span, Text};
    use crate::lang::Language;
    use crate::pack::Pack;

    fn run(source: &str, pieces: &[(usize, usize)]) -> Vec<String> {
        let mut doc = Document::empty(
            SourceFile::from_str("t.txt", source),
            Format::PdfText,
            Language::Nl,
        );
        let mut text = Text::new();
        for (i, &(s, e)) in pieces.iter().enumerate() {
            if i > 0 {
                text.push_synthetic(" ", s);
            }
            text.push_source(source, Span::new(s, e));
        }
        doc.paragraphs.push(Paragraph {
            text,
            page: 0,
            kind: ParagraphKind::Plain,
        });
        let pack = Pack::builtin(Language::Nl);
        let mut cx = Context::new(&RepeatedWord::META, None, pack);
        RepeatedWord.check(&doc, &mut cx);
        cx.into_findings()
            .iter()
            .map(|f| source[f.span.start..f.span.end].to_string())
            .collect()
    }

    #[test]
    fn a_repeat_across_a_wrapped_line_is_reported() {
        let src = "Wij steunen de\n\nde lidstaten.";
        assert_eq!(run(src, &[(0, 14), (16, 29)]), vec!["de\n\nde"]);
    }

    #[test]
    fn table_cells_are_not_repeats() {
        let src = "Yes\n\nYes";
        assert_eq!(run(src, &[(0, 3), (5, 8)]), Vec::<String>::new());
        let src = "Eligible    Yes      Yes";
        assert_eq!(run(src, &[(0, src.len())]), Vec::<String>::new());
        // A label line and the line after it that starts with the same word.
        let src = "Behandelingstraject Raad\nRaad Economische Zaken";
        assert_eq!(run(src, &[(0, 24), (25, src.len())]), Vec::<String>::new());
        // Prose that wraps after the first word still fires.
        let src = "Wij steunen de\n\nde lidstaten.";
        assert_eq!(run(src, &[(0, 14), (16, 29)]).len(), 1);
        // Page furniture written on one line ("EN EN" from two page corners), and a
        // row's values set one space apart.
        let src = "EN EN\nEUROPEAN COMMISSION";
        assert_eq!(run(src, &[(0, 5), (6, src.len())]), Vec::<String>::new());
        let src = "1 02.0202 (InvestEU - provisioning) Diff Yes No No Yes";
        assert_eq!(run(src, &[(0, src.len())]), Vec::<String>::new());
        // Letters of a curved or vertical label, set apart by the extractor.
        let src = "L w e e d t e e n n : s c d h e a s p k u e n n d m ig";
        assert_eq!(run(src, &[(0, src.len())]), Vec::<String>::new());
        // A slip among capitalised words of a name, or after a lowercase word, fires.
        let src = "The European Union Union Agency for Asylum and the EU EU agencies.";
        assert_eq!(run(src, &[(0, src.len())]).len(), 2);
    }

    #[test]
    fn a_repeat_made_by_skipping_a_footnote_block_is_not() {
        let src = "Wij steunen de\n12  Zie de conclusies.\nde lidstaten.";
        let second = src.rfind("de lidstaten").unwrap();
        assert_eq!(
            run(src, &[(0, 14), (second, src.len())]),
            Vec::<String>::new()
        );
    }
}
