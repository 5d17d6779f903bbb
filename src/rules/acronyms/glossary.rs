//! Glossary tables that the front end kept out of its texts: a PDF's table, a
//! `-layout`, PyMuPDF or pdftotext extract. Read from the lines of the source in one
//! pass, in the three shapes extractors give them:
//! - rows: an acronym, a column break (a tab or two spaces) and its long form on one
//!   line, one or two such cells per line ("RVO Rijksdienst voor Ondernemend
//!   Nederland<tab>SAF Sustainable Aviation Fuel", where a single space separates the
//!   acronym from its long form);
//! - pairs: an acronym alone on a line, its long form on the next;
//! - columns: five acronyms or more alone on their lines, then their long forms in the
//!   same order on the lines after them (blank lines between the cells, as pdfminer
//!   writes them, allowed); a shorter column of two to four when each acronym lines up
//!   with the long form in its own place.
//!
//! A run of three rows or pairs, or a column, of which two thirds or more line up with
//! a long form (Schwartz–Hearst), is a glossary: each of its acronyms is defined for
//! the whole document, including the rows whose letters do not line up (a typo in the
//! acronym, a long form in another language).

use super::{is_acronym_shape, schwartz_hearst, singular, Builder};

/// The longest column of acronyms read as one (a glossary page holds fewer).
const MAX_COLUMN: usize = 120;

fn long_form(long: &str) -> bool {
    long.starts_with(char::is_uppercase)
        && long.split_whitespace().count() <= 12
        && !is_acronym_shape(long.split_whitespace().next().unwrap_or(""))
}

/// A long form written in lowercase ("least developed country") whose words the
/// acronym's letters line up with.
fn lowercase_long_form(long: &str, short: &str) -> bool {
    long.starts_with(char::is_lowercase)
        && long.split_whitespace().count() <= 12
        && aligned(long, short)
}

/// A line that is one entry of a column of acronyms: an acronym, or a formula or code
/// in capitals and digits ("CO2", "PM10") that a glossary lists among them, or two of
/// them ("EU ETS").
fn column_entry(line: &str) -> bool {
    match line.split_once(' ') {
        Some((a, b)) => single_column_entry(a) && single_column_entry(b),
        None => single_column_entry(line),
    }
}

fn single_column_entry(line: &str) -> bool {
    // "IenW", "TtW": capitals at both ends, small letters between.
    let capital_ends = (3..=8).contains(&line.len())
        && line.starts_with(|c: char| c.is_ascii_uppercase())
        && line.ends_with(|c: char| c.is_ascii_uppercase())
        && line.chars().all(|c| c.is_ascii_alphanumeric());
    is_acronym_shape(line)
        || capital_ends
        || (line.len() <= 8
            && line.starts_with(|c: char| c.is_ascii_uppercase())
            && line
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && line.chars().filter(char::is_ascii_uppercase).count() >= 2)
}

/// "EU ETS" / "EU Emissions Trading System": a two-part entry whose long form keeps
/// the first part as it is.
fn kept_prefix_long_form(short: &str, line: &str) -> bool {
    short.split_once(' ').is_some_and(|(prefix, _)| {
        line.strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(long_form)
    })
}

fn aligned(long: &str, short: &str) -> bool {
    schwartz_hearst(long, singular(short)).is_some()
}

/// The cells of a line: parts separated by a tab or a run of two spaces or more.
fn cells(line: &str) -> Vec<&str> {
    line.split('\t')
        .flat_map(|c| c.split("  "))
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// The glossary rows of one line: `(acronym, aligned)`, or `None` when the line is
/// not a row.
fn rows(line: &str) -> Option<Vec<(&str, bool)>> {
    let cells = cells(line);
    let mut out = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        let cell = cells[i];
        if is_acronym_shape(cell) {
            if let Some(long) = cells.get(i + 1).filter(|l| long_form(l)) {
                out.push((cell, aligned(long, cell)));
                i += 2;
                continue;
            }
            if let Some(long) = cells.get(i + 1).filter(|l| lowercase_long_form(l, cell)) {
                out.push((cell, aligned(long, cell)));
                i += 2;
                continue;
            }
        }
        // "RVO Rijksdienst voor Ondernemend Nederland": the acronym, one space, the
        // long form. Other cells (a long form wrapped from the row above) are skipped.
        if let Some((short, long)) = cell.split_once(' ') {
            if is_acronym_shape(short) && long_form(long.trim()) {
                out.push((short, aligned(long, short)));
            } else if is_acronym_shape(short) && lowercase_long_form(long.trim(), short) {
                // "LDC least developed country": a long form in lowercase counts when
                // the acronym's letters line up with it.
                out.push((short, true));
            }
        }
        i += 1;
    }
    (!out.is_empty()).then_some(out)
}

fn mark(builder: &mut Builder, shorts: &[&str]) {
    for short in shorts.iter().flat_map(|s| s.split(' ')) {
        let key = builder.entry(short).key.clone();
        builder.glossary.insert(key);
    }
}

fn close_run(run: &mut Vec<(&str, bool)>, builder: &mut Builder) {
    let aligned = run.iter().filter(|(_, a)| *a).count();
    if run.len() >= 3 && aligned * 3 >= run.len() * 2 {
        let shorts: Vec<&str> = run.iter().map(|(s, _)| *s).collect();
        mark(builder, &shorts);
    }
    run.clear();
}

/// A column of acronyms and the lines of long forms after it: a glossary when two
/// thirds of the acronyms line up with one of those lines. pdfminer may write the
/// long forms before the acronyms: `preceding` holds the lines before the column.
fn close_column(
    column: &mut Vec<&str>,
    longs: &mut Vec<&str>,
    preceding: &[&str],
    builder: &mut Builder,
) {
    // A short column (a glossary page's last rows, "MSCI NOx OMR OS" then their four
    // long forms): each acronym lines up with the long form in its own place.
    if (2..5).contains(&column.len())
        && longs.len() >= column.len()
        && column.iter().zip(longs.iter()).all(|(s, l)| aligned(l, s))
    {
        mark(builder, column);
    } else if column.len() >= 5 {
        let lined_up = |lines: &[&str]| {
            let n = column
                .iter()
                .filter(|short| lines.iter().any(|l| aligned(l, short)))
                .count();
            n * 3 >= column.len() * 2
        };
        let before = &preceding[preceding.len().saturating_sub(2 * column.len())..];
        if lined_up(longs) || lined_up(before) {
            mark(builder, column);
        }
    }
    column.clear();
    longs.clear();
}

pub(super) fn glossary_lines(source: &str, builder: &mut Builder) {
    let mut run: Vec<(&str, bool)> = Vec::new();
    // Acronyms alone on consecutive lines, and the long-form lines after them.
    let mut column: Vec<&str> = Vec::new();
    let mut longs: Vec<&str> = Vec::new();
    // Blank lines in a row: an extractor that sets a blank line after every cell
    // (pdfminer) separates the long forms by one; two or more end them.
    let mut blanks = 0;
    // Lines since the last pair's long form.
    let mut continuation = 0;
    // The non-blank lines so far, and where the current column starts among them.
    let mut history: Vec<&str> = Vec::new();
    let mut column_start = 0;
    for raw in source.lines() {
        let line = raw.trim();
        blanks = if line.is_empty() { blanks + 1 } else { 0 };
        if !line.is_empty() {
            history.push(line);
        }
        if !longs.is_empty() {
            // The long forms of a column end at blank lines, at another acronym or
            // when there are twice as many lines as acronyms.
            if line.is_empty() && blanks < 2 {
                continue;
            }
            if line.is_empty() || column_entry(line) || longs.len() >= 2 * column.len() {
                close_column(&mut column, &mut longs, &history[..column_start], builder);
            } else {
                longs.push(line);
                continue;
            }
        }
        if line.is_empty() {
            continue;
        }
        if column_entry(line) {
            if column.is_empty() {
                column_start = history.len() - 1;
            }
            if column.len() < MAX_COLUMN {
                column.push(line);
            }
            continue;
        }
        if (column.len() >= 5 || column.len() >= 2 && long_form(line))
            && line.split_whitespace().count() <= 12
        {
            longs.push(line);
            continue;
        }
        // One or a few acronyms alone: pairs with the line after.
        if let Some(&short) = column.last() {
            if long_form(line) || kept_prefix_long_form(short, line) {
                run.push((short, aligned(line, short)));
                column.clear();
                continuation = 0;
                continue;
            }
        }
        column.clear();
        match rows(line) {
            Some(r) => {
                run.extend(r);
                continuation = 0;
            }
            // A pair's long form wrapped onto a line or two of its own.
            None if !run.is_empty()
                && continuation < 2
                && line.split_whitespace().count() <= 12 =>
            {
                continuation += 1
            }
            None => close_run(&mut run, builder),
        }
    }
    close_column(&mut column, &mut longs, &history[..column_start], builder);
    close_run(&mut run, builder);
}
