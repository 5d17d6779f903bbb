//! DT002 `weekday-mismatch`.

use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};
use crate::rules::dates::{self, DateNames};

declare_rule! {
    /// ## What it does
    /// Flags a weekday that does not match the date after it: "maandag 9 december
    /// 2020" (9 December 2020 was a Wednesday), "Monday 9 December 2020", "Friday,
    /// December 10, 2020", "vr. 25 juni 2021", "Tuesday the 9th of December 2020". Only
    /// dates with a year are checked, and only a weekday written directly before the
    /// date (optionally followed by a comma, or by "the" in English).
    ///
    /// ## Why is this bad?
    /// When the weekday and the date disagree, at least one of them is wrong, and the
    /// reader cannot tell which: a meeting or a deadline becomes ambiguous.
    ///
    /// ## Example
    /// ```text
    /// De Raad komt op maandag 9 december 2020 bijeen.
    /// ```
    /// Use instead:
    /// ```text
    /// De Raad komt op woensdag 9 december 2020 bijeen.
    /// ```
    ///
    /// ## Options
    /// Weekday names and their abbreviations come from the language pack (`[dates]`
    /// `weekdays`).
    pub WeekdayMismatch {
        code: "DT002",
        name: "weekday-mismatch",
        group: Dates,
        level: Error,
        summary: "a weekday that does not match its date",
    }
}

impl Rule for WeekdayMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let names = cx.pack().compiled::<DateNames>();
        let found = dates::document_dates(doc, cx.pack());
        for ((_, text), dates) in doc.texts().zip(found.0.iter()) {
            let s = text.as_str();
            for date in dates {
                let (Ok(Some(day)), Some((w_start, w_end, written_weekday))) =
                    (date.validity(), date.weekday)
                else {
                    continue;
                };
                let actual = dates::iso_weekday(day);
                if actual == written_weekday {
                    continue;
                }
                let written_date = &s[date.start..date.end];
                let weekday = &s[w_start..w_end];
                cx.report(
                    text.source_span((w_start..date.end).into()),
                    format!(
                        "\"{weekday}\" does not match the date: {written_date} is a {}",
                        names.weekday_name(actual)
                    ),
                )
                .label(format!(
                    "{written_date} is a {}",
                    names.weekday_name(actual)
                ))
                .related(text.source_span((date.start..date.end).into()), "the date")
                .help("correct the weekday or the date");
            }
        }
    }
}
