//! TX002 `unbalanced-delimiter`.

use crate::declare_rule;
use crate::document::{Document, Text, TextRole};
use crate::rule::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Flags a bracket `( ) [ ]` or typographic quote `“ ” ‘ ’` that has no partner
    /// within its paragraph (or heading, box item, footnote). The finding sits on the
    /// unmatched delimiter. Straight double quotes `"` pair by count: an odd count flags
    /// the last one.
    ///
    /// Not delimiters: list labels such as "i)", "a)", "12)" at the start of a text, of
    /// a source line or of an enumeration ("namelijk i) … ii) …"); an apostrophe inside
    /// or at the end of a word ("risico’s", "Da’esh", "Member States’") unless it closes
    /// an open `‘`; a `‘` that elides letters ("‘s-Gravenhage", "‘t").
    ///
    /// A pair split by a break the model made (a page turn with its footer and
    /// footnotes, a wrapped table cell) is still a pair: the last unmatched opener of
    /// one text and the next unmatched closer, in another text close by; in a PDF or
    /// its extract also the other way round, where the reading order put the closing
    /// half first. One cause gives one finding: a “ closed by a lone straight quote, a
    /// quotation opened with a closing quote (”…”).
    ///
    /// Not judged, because the partner may stand in another column: a delimiter on a
    /// line set in columns or cells (a tab, or a run of spaces wider than twice the
    /// line's narrowest word space, as `pdftotext -layout` writes side columns), and in
    /// a paged document one within two lines of a table row (a cell's text wrapped
    /// under its row). A quotation may open at a heading and run over the paragraphs
    /// after it (an amending provision's "‘Article 12a").
    ///
    /// ## Why is this bad?
    /// An unclosed parenthesis or quotation leaves the reader unsure where the aside or
    /// the quotation ends; it often marks text lost in editing.
    ///
    /// ## Example
    /// ```text
    /// De Raad verzoekt de lidstaten (in nauwe samenwerking met Europol de dreiging te
    /// beoordelen.
    /// ```
    /// Close the parenthesis where the aside ends.
    ///
    /// ## Options
    /// None.
    pub UnbalancedDelimiter {
        code: "TX002",
        name: "unbalanced-delimiter",
        group: Text,
        level: Warning,
        summary: "brackets or quotes that do not pair",
    }
}

/// An unmatched delimiter: its byte range in the text and a description.
#[derive(Debug, PartialEq, Eq)]
pub struct Unmatched {
    pub start: usize,
    pub end: usize,
    pub message: String,
    pub side: Side,
}

/// Which partner is missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// An opening delimiter never closed.
    Open,
    /// A closing delimiter that closes nothing.
    Close,
    /// Straight quotes in odd number, or a quote of the wrong kind.
    Other,
}

fn closer_of(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        '“' => '”',
        _ => '’',
    }
}

/// "a)", "iv)", "12)": a list label at the start of the text or after whitespace
/// (at a line start or inside an enumeration) or a dash ("a)–i)"), not a closing
/// bracket.
fn is_list_label(s: &str, close: usize) -> bool {
    let before = &s[..close];
    let label_len: usize = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .map(char::len_utf8)
        .sum();
    let ls = close - label_len;
    let label = &before[ls..];
    let is_label =
        (!label.is_empty() && label.len() <= 3 && label.chars().all(|c| c.is_ascii_digit()))
            || (label.chars().count() == 1 && label.chars().all(char::is_alphabetic))
            || (!label.is_empty()
                && label.len() <= 5
                && label.chars().all(|c| matches!(c, 'i' | 'v' | 'x')));
    // "p. 4)", "nr. 3)": a number after an abbreviation is a page or number that
    // closes a bracket, not a label.
    let previous = before[..ls].trim_end();
    let after_abbreviation = previous.len() < ls
        && previous.strip_suffix('.').is_some_and(|w| {
            let word = w
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            (1..=3).contains(&word.len()) && word.chars().all(|c| c.is_ascii_lowercase())
        });
    is_label
        && !after_abbreviation
        && before[..ls]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || matches!(c, '–' | '-' | '/'))
}

/// The unmatched delimiters of one text. Linear.
pub fn unmatched_delimiters(text: &Text) -> Vec<Unmatched> {
    let s = text.as_str();
    // A list label inside an open parenthesis is either a label inside the aside,
    // "(in de zin van artikel 4, punt o), van …)", or its end, "(zie punt 3)". It is a
    // label when the parentheses after it can close everything that is open.
    // `surplus[k]`: closing minus opening parentheses from char k to the end.
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut surplus = vec![0i64; chars.len() + 1];
    for k in (0..chars.len()).rev() {
        surplus[k] = surplus[k + 1]
            + match chars[k].1 {
                ')' => 1,
                '(' => -1,
                _ => 0,
            };
    }
    let mut stack = Openers::default();
    // Openers a closer of another kind left behind, by kind.
    let mut dropped: [Vec<(char, usize)>; 4] = Default::default();
    let mut out = Vec::new();
    let mut straight: Vec<usize> = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(k + 1).map(|x| x.1);
        let after_next = chars.get(k + 2).map(|x| x.1);
        match c {
            '(' | '[' | '“' => stack.push(c, i),
            '‘' => {
                // "‘s-Gravenhage", "‘t": an elision, not a quote.
                let elision =
                    matches!(next, Some('s' | 't')) && !after_next.is_some_and(char::is_alphabetic);
                let in_word = prev.is_some_and(char::is_alphanumeric);
                if !elision && !in_word {
                    stack.push(c, i);
                }
            }
            '’' => {
                // Closes an open ‘ if there is one; otherwise an apostrophe.
                stack.close('‘', &mut dropped);
            }
            ')' if is_list_label(s, i) && surplus[k + 1] >= stack.count('(') as i64 => {}
            ')' | ']' | '”' => {
                let open = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '“',
                };
                // Openers left inside the closed pair: unmatched, unless a closer of
                // their kind follows (below). A ‘ left open inside a closed bracket is
                // most likely an apostrophe used as a quote; still unmatched.
                if !stack.close(open, &mut dropped) {
                    if c == ')' && is_list_label(s, i) {
                        continue;
                    }
                    // Crossing pairs, “a (b” c): two pairs whose lines an extractor
                    // interleaved (two footnotes set side by side), not two defects.
                    if dropped[kind_of(open)].pop().is_none() {
                        out.push(Unmatched {
                            start: i,
                            end: i + c.len_utf8(),
                            message: format!("`{c}` closes nothing"),
                            side: Side::Close,
                        });
                    }
                }
            }
            '"' => straight.push(i),
            _ => {}
        }
    }
    for &(o, at) in dropped.iter().flatten().chain(&stack.items) {
        out.push(unmatched_open(o, at));
    }
    if straight.len() % 2 == 1 {
        let last = straight.last().copied().unwrap_or(0);
        // “kip of het ei"-dilemma: one quotation closed with the wrong quote, one finding.
        // Only a lone straight quote: with more, which one closes is a guess.
        let curly = out
            .iter()
            .enumerate()
            .filter(|(_, u)| {
                straight.len() == 1
                    && u.start < last
                    && u.side == Side::Open
                    && s[u.start..].starts_with('“')
            })
            .max_by_key(|(_, u)| u.start)
            .map(|(k, _)| k);
        if let Some(k) = curly {
            out[k].message = "`“` is closed by a straight quote `\"`".to_string();
            out[k].side = Side::Other;
        } else {
            out.push(Unmatched {
                start: last,
                end: last + 1,
                message: format!(
                    "odd number of straight quotes (`\"` appears {} times)",
                    straight.len()
                ),
                side: Side::Other,
            });
        }
    }
    out.sort_by_key(|u| u.start);
    // ”Drivers of food security”: a closing quote used to open, one finding per pair.
    let stray = |u: &Unmatched| u.side == Side::Close && s[u.start..u.end] == *"”";
    let mut keep = vec![true; out.len()];
    let mut k = 0;
    while k + 1 < out.len() {
        if stray(&out[k]) && stray(&out[k + 1]) {
            out[k].message = "`”` opens a quotation: the opening quote is `“`".to_string();
            out[k].side = Side::Other;
            keep[k + 1] = false;
            k += 1;
        }
        k += 1;
    }
    let mut keep = keep.into_iter();
    out.retain(|_| keep.next().unwrap_or(true));
    out
}

/// The kind of an opening delimiter, an index for [`Openers`].
fn kind_of(open: char) -> usize {
    match open {
        '(' => 0,
        '[' => 1,
        '“' => 2,
        _ => 3,
    }
}

/// The open delimiters of a text, with the places of each kind in the stack, so that
/// finding the innermost opener of a kind and counting a kind cost nothing however
/// deep the nesting ("[ [ [ … ) ) )" stays linear).
#[derive(Default)]
struct Openers {
    items: Vec<(char, usize)>,
    by_kind: [Vec<usize>; 4],
}

impl Openers {
    fn push(&mut self, c: char, at: usize) {
        self.by_kind[kind_of(c)].push(self.items.len());
        self.items.push((c, at));
    }

    fn count(&self, c: char) -> usize {
        self.by_kind[kind_of(c)].len()
    }

    /// Close the innermost `open`: the openers above it move to `dropped`. False when
    /// none is open.
    fn close(&mut self, open: char, dropped: &mut [Vec<(char, usize)>; 4]) -> bool {
        let Some(&pos) = self.by_kind[kind_of(open)].last() else {
            return false;
        };
        for (o, at) in self.items.drain(pos..).skip(1) {
            dropped[kind_of(o)].push((o, at));
            self.by_kind[kind_of(o)].pop();
        }
        self.by_kind[kind_of(open)].pop();
        true
    }
}

fn unmatched_open(o: char, at: usize) -> Unmatched {
    Unmatched {
        start: at,
        end: at + o.len_utf8(),
        message: format!("`{o}` is never closed by `{}`", closer_of(o)),
        side: Side::Open,
    }
}

/// How far (in bytes of the source) a pair may be split by a break the model made:
/// a page turn with its footer and footnotes, a table row.
const BREAK_REACH: usize = 3_000;

/// How many unmatched delimiters apart, in reading order, the two halves of a split
/// pair may be (adjacent: 1).
const INTERLEAVED_REACH: usize = 4;

/// Unmatched delimiters that pair across a break the model made between two texts: a
/// parenthesis opened before a page turn and closed after it ("(nationale, ⏎ 9 NL ⏎
/// regionale en lokale overheden)"), a quotation wrapped in a table cell. The opener is
/// the last unmatched delimiter of its text and the closer the next unmatched one,
/// in another text close by. In paged input (a PDF or its extract) the reading order
/// may also put the closing half first.
fn pairs_across_breaks(
    source: &str,
    found: &[(Span, Unmatched, bool)],
    text_of: &[(usize, usize)],
    paged: bool,
) -> std::collections::HashSet<usize> {
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| found[i].0.start);
    let written = |i: usize| source.get(found[i].0.start..found[i].0.end).unwrap_or("");
    let kind = |c: &str| match c {
        "(" | ")" => 0,
        "[" | "]" => 1,
        "“" | "”" => 2,
        _ => 3,
    };
    let mut paired = std::collections::HashSet::new();
    // Forward: an opener and the next closer of its kind in another text, with at most
    // a few other unmatched delimiters between them (an extractor may interleave the
    // lines of two footnote columns, each with its own split pair).
    let mut pending: [Vec<(usize, usize)>; 3] = Default::default();
    for (rank, &j) in order.iter().enumerate() {
        let k = kind(written(j));
        if k == 3 {
            continue;
        }
        match found[j].1.side {
            Side::Open => pending[k].push((rank, j)),
            Side::Close => {
                let Some(&(opened, i)) = pending[k].last() else {
                    continue;
                };
                if text_of[i].0 != text_of[j].0
                    && found[j].0.start.saturating_sub(found[i].0.end) <= BREAK_REACH
                    && rank - opened <= INTERLEAVED_REACH
                {
                    pending[k].pop();
                    paired.insert(i);
                    paired.insert(j);
                }
            }
            Side::Other => {}
        }
    }
    // Backward, in paged input: the reading order put the closing half first.
    for w in order.windows(2) {
        let (i, j) = (w[0], w[1]);
        let ((a, ua, _), (b, ub, _)) = (&found[i], &found[j]);
        if !paged
            || paired.contains(&i)
            || paired.contains(&j)
            || text_of[i].0 == text_of[j].0
            || b.start.saturating_sub(a.end) > BREAK_REACH
            || kind(written(i)) != kind(written(j))
            || kind(written(i)) == 3
        {
            continue;
        }
        if ua.side == Side::Close && ub.side == Side::Open {
            paired.insert(i);
            paired.insert(j);
        }
    }
    // A ‘ left open at the end of its text, closed by a ’ at a word end in the text
    // that follows (the rule does not report such closers: they may be apostrophes).
    for (i, (span, u, _)) in found.iter().enumerate() {
        if u.side != Side::Open || written(i) != "‘" {
            continue;
        }
        let text_end = text_of[i].1;
        let after = source.get(span.end..text_end).unwrap_or("");
        // "‘Culture, Creativity and": a quotation opening a word; not ".‘;", a
        // wrongly turned closing quote.
        if after.contains(['‘', '’']) || !after.starts_with(char::is_alphabetic) {
            continue;
        }
        let reach = source.get(text_end..).unwrap_or("");
        let reach = &reach[..reach.floor_char_boundary(400.min(reach.len()))];
        let closes = reach.char_indices().find(|&(k, c)| {
            (c == '’' || c == '‘')
                && reach[k + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(|n| !n.is_alphanumeric())
        });
        if closes.is_some_and(|(_, c)| c == '’') {
            paired.insert(i);
        }
    }
    // Backward, in paged input: a ‘ opening a word after more ’ at word ends than ‘
    // in the text just before it. The reading order put the closing half first
    // (a table cell "Natural Resources, Environment’" read before "‘Food, Bioeconomy,").
    for (i, (span, u, _)) in found.iter().enumerate() {
        if !paged || u.side != Side::Open || written(i) != "‘" || paired.contains(&i) {
            continue;
        }
        if !source
            .get(span.end..)
            .is_some_and(|a| a.starts_with(char::is_alphabetic))
        {
            continue;
        }
        let from = source.floor_char_boundary(span.start.saturating_sub(BACKWARD_QUOTE_REACH));
        let before = source.get(from..span.start).unwrap_or("");
        let mut excess_closers = 0i32;
        let mut chars = before.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            match c {
                '‘' => excess_closers -= 1,
                '’' if next.is_none_or(|n| !n.is_alphanumeric()) => excess_closers += 1,
                _ => {}
            }
        }
        if excess_closers > 0 {
            paired.insert(i);
        }
    }
    paired
}

/// How far back (bytes) a ‘ looks for a closing ’ that the reading order put first.
const BACKWARD_QUOTE_REACH: usize = 300;

/// Indices of unmatched quotes that pair up across paragraphs: a quote opening a
/// paragraph, closed by an unmatched closing quote of its kind in a later paragraph
/// (before the text moves on to more than a few unrelated paragraphs). Each opener
/// still pending when its closer comes is paired, so that every opened paragraph of a
/// multi-paragraph quotation counts as closed.
fn quotations_across_paragraphs(
    source: &str,
    found: &[(Span, Unmatched, bool)],
) -> std::collections::HashSet<usize> {
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| found[i].0.start);
    // Where a closing quote follows final punctuation, in one pass over the text.
    let ends_of = |close: char| -> Vec<usize> {
        source
            .char_indices()
            .filter(|&(at, c)| {
                c == close
                    && source[..at]
                        .chars()
                        .next_back()
                        .is_some_and(|p| matches!(p, '.' | ';' | ')' | ']'))
            })
            .map(|(at, _)| at)
            .collect()
    };
    let has_block_openers = found.iter().any(|(_, _, opens)| *opens);
    let (single_ends, double_ends) = if has_block_openers {
        (ends_of('’'), ends_of('”'))
    } else {
        (Vec::new(), Vec::new())
    };
    let mut paired = std::collections::HashSet::new();
    let mut pending: Vec<(usize, char)> = Vec::new();
    for i in order {
        let (span, _, opens_block) = &found[i];
        let written = source.get(span.start..span.end).unwrap_or("");
        if *opens_block {
            let close = if written == "‘" { '’' } else { '”' };
            // A quotation that ends a provision closes after its final punctuation
            // (".’", ";’"), where a closing quote is never an apostrophe; the rule does
            // not report such closers, so look for one ahead (positions found once).
            let ends = if close == '’' {
                &single_ends
            } else {
                &double_ends
            };
            let next = ends.partition_point(|&at| at < span.end);
            if ends.get(next).is_some_and(|&at| at < span.end + 20_000) {
                paired.insert(i);
            } else {
                pending.push((i, close));
            }
            continue;
        }
        let Some(c) = written.chars().next() else {
            continue;
        };
        if matches!(c, '’' | '”') && pending.iter().any(|(_, close)| *close == c) {
            paired.insert(i);
            pending.retain(|(j, close)| {
                if *close == c {
                    paired.insert(*j);
                    false
                } else {
                    true
                }
            });
        }
    }
    paired
}

impl Rule for UnbalancedDelimiter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let mut found: Vec<(Span, Unmatched, bool)> = Vec::new();
        // Per finding: its text's number and the source offset where that text ends.
        let mut text_of: Vec<(usize, usize)> = Vec::new();
        // Texts of three words or fewer: in a paged document, a table cell's words
        // that the extraction set apart ("‘Climate," / "Energy" / "and").
        let mut fragments = std::collections::HashSet::new();
        for (n, (role, text)) in doc.texts().enumerate() {
            let text_end = text.source_offset(text.as_str().len());
            if text.as_str().split_whitespace().nth(3).is_none() {
                fragments.insert(n);
            }
            // An amending provision's quoted article opens with its heading
            // ("‘Article 12a"), which a PDF's fonts make a heading of the model.
            let body = matches!(role, TextRole::Body | TextRole::Heading);
            for u in unmatched_delimiters(text) {
                // An opening quote that starts a paragraph (or follows its colon) may
                // open a quotation that
                // runs over several paragraphs (amending provisions: "is replaced by
                // the following: ‘Article 12a …’"; the English convention of opening
                // every quoted paragraph and closing only the last).
                let before = text.as_str()[..u.start].trim_end();
                let opens_block = body
                    && (before.is_empty() || before.ends_with(':'))
                    && matches!(&text.as_str()[u.start..u.end], "‘" | "“");
                found.push((text.source_span((u.start..u.end).into()), u, opens_block));
                text_of.push((n, text_end));
            }
        }
        let cross_paragraph = quotations_across_paragraphs(doc.text(), &found);
        let paged = doc.pages.len() > 1;
        let mut across_breaks = pairs_across_breaks(doc.text(), &found, &text_of, paged);
        // ”Statement … ⏎ Transition”: a quotation opened with a closing quote and
        // split over two texts is one finding, as within one text.
        let mut order: Vec<usize> = (0..found.len())
            .filter(|i| !across_breaks.contains(i) && !cross_paragraph.contains(i))
            .collect();
        order.sort_by_key(|&i| found[i].0.start);
        // Which findings are a lone closing quote ”, which an odd count of straight
        // quotes.
        let written = |span: &Span| doc.text().get(span.start..span.end);
        let strays: Vec<bool> = found
            .iter()
            .map(|(span, u, _)| u.side == Side::Close && written(span) == Some("”"))
            .collect();
        let odd_straight: Vec<bool> = found
            .iter()
            .map(|(span, u, _)| u.side == Side::Other && written(span) == Some("\""))
            .collect();
        let stray = |i: usize| strays[i];
        let mut k = 0;
        while k + 1 < order.len() {
            let (i, j) = (order[k], order[k + 1]);
            // An odd count of straight quotes in each of two texts close by: one
            // quotation split by the break between them.
            if odd_straight[i]
                && odd_straight[j]
                && text_of[i].0 != text_of[j].0
                && found[j].0.start.saturating_sub(found[i].0.end) <= BREAK_REACH
            {
                across_breaks.insert(i);
                across_breaks.insert(j);
                k += 2;
                continue;
            }
            if stray(i)
                && stray(j)
                && text_of[i].0 != text_of[j].0
                && found[j].0.start.saturating_sub(found[i].0.end) <= BREAK_REACH
            {
                found[i].1.message = "`”` opens a quotation: the opening quote is `“`".into();
                found[i].1.side = Side::Other;
                across_breaks.insert(j);
                k += 1;
            }
            k += 1;
        }
        for (i, (span, u, _)) in found.into_iter().enumerate() {
            if cross_paragraph.contains(&i)
                || across_breaks.contains(&i)
                || super::on_a_line_of_cells(doc.text(), span)
                || super::in_letter_soup(doc.text(), span)
                || (paged && super::beside_cells(doc.text(), span))
                || (paged && fragments.contains(&text_of[i].0))
            {
                continue;
            }
            cx.report(span, u.message)
                .label("unmatched")
                .help("add the missing partner or remove the stray delimiter");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unmatched(s: &str) -> Vec<String> {
        let t = Text::from_source(s, Span::new(0, s.len()));
        unmatched_delimiters(&t)
            .iter()
            .map(|u| s[u.start..u.end].to_string())
            .collect()
    }

    #[test]
    fn pairs_brackets_and_quotes() {
        assert!(unmatched("(a [b] “c ‘d’ e”)").is_empty());
        assert_eq!(unmatched("(a [b) c"), vec!["["]);
        assert_eq!(unmatched("a) de tekst)"), vec![")"]);
        assert_eq!(unmatched("“open"), vec!["“"]);
        // Crossing pairs (interleaved lines) pair; an opener left inside still counts.
        assert!(unmatched("“een (twee” drie)").is_empty());
        assert_eq!(unmatched("“een (twee” drie"), vec!["("]);
    }

    #[test]
    fn labels_apostrophes_and_elisions_are_not_delimiters() {
        assert!(unmatched("i) de risico’s; ii) Da’esh; de lidstaten’ rol").is_empty());
        assert!(unmatched("in ‘s-Gravenhage en ’t Veld").is_empty());
        assert!(unmatched("(in de zin van punt o), van verordening 2018/1860)").is_empty());
        assert!(unmatched("(zie punt 3) en (zie punt b)").is_empty());
        assert!(unmatched("de punten a)–i) en 1)-3)").is_empty());
        // After an abbreviation a number closes: "p. 4)" is a page.
        assert_eq!(unmatched("15.1.2002, p. 4)."), vec![")"]);
        assert!(unmatched("(OJ L 11, 15.1.2002, p. 4).").is_empty());
    }

    #[test]
    fn straight_quotes_pair_by_count() {
        assert!(unmatched("\"a\" en \"b\"").is_empty());
        assert_eq!(unmatched("\"a\" en \"b"), vec!["\""]);
    }
}
