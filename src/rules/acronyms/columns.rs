//! Definitions that the columns of a `pdftotext -layout` page cut apart. That layout
//! sets a page's columns side by side, so a definition wrapped within its column
//! ("(Tank-to-Wake," at the end of one line, "TtW)" at the start of the next) is read
//! with the other columns' text between its halves. Each column is put back together
//! from the line segments that start at its left edge, and its text is read for the
//! parenthesised forms "long form (ACR)" and "(long form, ACR)".

use super::{schwartz_hearst, singular, Builder};

/// A gap of this many spaces or more separates two columns' segments on one line.
const GUTTER: &str = "   ";
/// Segments whose left edges are this many characters apart or fewer are one column.
const EDGE_TOLERANCE: usize = 2;
/// More columns than this on a page is no column layout (a table): its lines are left.
const MAX_COLUMNS: usize = 8;
/// How far back (bytes) a parenthesis or a long form is looked for.
const REACH: usize = 200;
/// The words of a long form read before "(ACR)".
const LONG_FORM_WORDS: usize = 12;

/// Marks as defined the acronyms the document never defines in reading order but
/// spells out within one of its columns.
pub(super) fn column_definitions(source: &str, builder: &mut Builder) {
    let undefined = |b: &Builder, key: &str| {
        b.index
            .get(key)
            .is_some_and(|&i| b.acronyms[i].definitions.is_empty())
            && !b.glossary.contains(key)
    };
    if !builder.index.keys().any(|k| undefined(builder, k)) {
        return;
    }
    for page in source.split('\u{c}') {
        let mut columns: Vec<(usize, String)> = Vec::new();
        for line in page.lines() {
            let segments = segments(line);
            if segments.len() > MAX_COLUMNS {
                continue;
            }
            for (edge, text) in segments {
                match columns
                    .iter()
                    .position(|(e, _)| e.abs_diff(edge) <= EDGE_TOLERANCE)
                {
                    Some(k) => {
                        let column = &mut columns[k].1;
                        column.push(' ');
                        column.push_str(text);
                    }
                    None if columns.len() < MAX_COLUMNS => columns.push((edge, text.to_owned())),
                    None => {}
                }
            }
        }
        for (_, column) in &columns {
            for (short, long) in parenthesised(column) {
                let key = short.to_lowercase();
                if undefined(builder, &key) && schwartz_hearst(long, singular(short)).is_some() {
                    builder.glossary.insert(key);
                }
            }
        }
    }
}

/// A line's segments between gutters: (left edge in characters, text).
fn segments(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut rest = line;
    let mut col = 0;
    loop {
        let lead = rest.len() - rest.trim_start_matches(' ').len();
        col += lead;
        rest = &rest[lead..];
        if rest.is_empty() {
            return out;
        }
        let end = rest.find(GUTTER).unwrap_or(rest.len());
        let text = rest[..end].trim_end();
        out.push((col, text));
        col += rest[..end].chars().count();
        rest = &rest[end..];
    }
}

/// The `(short, long)` pairs of "long form (ACR)" and "(long form, ACR)" in a text.
fn parenthesised(text: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    for (close, _) in text.match_indices(')') {
        // Bounded look-backs keep a text of many parentheses linear.
        let window = text.floor_char_boundary(close.saturating_sub(REACH));
        let Some(open) = text[window..close].rfind(['(', ')']).map(|i| window + i) else {
            continue;
        };
        if text.as_bytes()[open] != b'(' {
            continue;
        }
        let inside = &text[open + 1..close];
        match inside.rsplit_once(", ") {
            Some((long, short)) if is_short_form(short) => out.push((short, long.trim())),
            None if is_short_form(inside) => {
                let before =
                    text[text.floor_char_boundary(open.saturating_sub(REACH))..open].trim_end();
                let from = before
                    .char_indices()
                    .filter(|(_, c)| *c == ' ')
                    .map(|(i, _)| i + 1)
                    .rev()
                    .nth(LONG_FORM_WORDS - 1)
                    .unwrap_or(0);
                out.push((inside, &before[from..]));
            }
            _ => {}
        }
    }
    out
}

/// One word of two to ten letters or digits with at least two capitals.
fn is_short_form(s: &str) -> bool {
    (2..=10).contains(&s.len())
        && s.chars().all(|c| c.is_alphanumeric())
        && s.chars().filter(|c| c.is_uppercase()).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_start_at_their_left_edges() {
        let line = "de tank (Tank-to-Wake,        kansen voor de sector.   TtW) telt mee.";
        let s = segments(line);
        assert_eq!(s[0], (0, "de tank (Tank-to-Wake,"));
        assert_eq!(s[1].1, "kansen voor de sector.");
        assert_eq!(s[2], (line.find("TtW").unwrap(), "TtW) telt mee."));
    }

    #[test]
    fn reads_both_parenthesised_forms() {
        let p = parenthesised(
            "naar kielzog (Tank-to-Wake, TtW) en de Life Cycle Assessment (LCA) methode",
        );
        assert_eq!(p[0], ("TtW", "Tank-to-Wake"));
        assert_eq!(p[1].0, "LCA");
        assert!(p[1].1.ends_with("de Life Cycle Assessment"));
        assert!(parenthesised("(zie bijlage 2)").is_empty());
    }
}
