//! DT001 `invalid-date`.

use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Context, Rule, RuleMeta};
use crate::rules::dates::{self, DateNames, Invalid};

declare_rule! {
    /// ## What it does
    /// Flags a date that does not exist: "31 juni 2021", "29 februari 2021" (2021 is
    /// not a leap year), "31.4.2020", "31/04/2020", "April 31, 2021", "30 February".
    /// Day-month-year with a month name (Dutch and English, abbreviations such as
    /// "sept." included), month-day-year ("April 31, 2021"), numeric dates with `.`, `/`
    /// or `-`, and ISO dates (2021-02-29) are recognised; a date without a year is
    /// reported only when no year has that day (31 juni, 30 februari).
    ///
    /// Numeric dates are read day first, as in European texts. In English text a numeric
    /// date that is impossible day first but possible month first ("12/25/2020") is left
    /// alone. Numbers that only look like dates (document numbers "10179/22", regulation
    /// numbers "2016/681", ranges "21-23", article numbers "31.4") are not dates.
    ///
    /// ## Why is this bad?
    /// An impossible date is a typo in a deadline or a reference: the reader cannot
    /// know which day was meant, and a commitment tied to it has no date at all.
    ///
    /// ## Example
    /// ```text
    /// De Commissie zal uiterlijk 31 juni 2021 een voorstel indienen.
    /// ```
    /// Use instead:
    /// ```text
    /// De Commissie zal uiterlijk 30 juni 2021 een voorstel indienen.
    /// ```
    ///
    /// ## Options
    /// Month and weekday names come from the language pack (`[dates]` `months`).
    pub InvalidDate {
        code: "DT001",
        name: "invalid-date",
        group: Dates,
        level: Error,
        summary: "a date that does not exist (31 juni 2021)",
    }
}

impl Rule for InvalidDate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document, cx: &mut Context<'_>) {
        let names = cx.pack().compiled::<DateNames>();
        let found = dates::document_dates(doc, cx.pack());
        for ((_, text), dates) in doc.texts().zip(found.0.iter()) {
            let s = text.as_str();
            for date in dates {
                let Err(invalid) = date.validity() else {
                    continue;
                };
                let written = &s[date.start..date.end];
                let why = match invalid {
                    Invalid::NoSuchMonth => format!("there is no month {}", date.month),
                    // Without a year, February's limit is that of a leap year.
                    Invalid::DayOutOfRange { max } if date.year.is_none() && date.month == 2 => {
                        format!("{} has at most {max} days", names.month_name(date.month))
                    }
                    Invalid::DayOutOfRange { max } => {
                        format!("{} has {max} days", names.month_name(date.month))
                    }
                    Invalid::NotLeapYear => {
                        format!("{} is not a leap year", date.year.unwrap_or_default())
                    }
                };
                cx.report(
                    text.source_span((date.start..date.end).into()),
                    format!("\"{written}\" is not a date: {why}"),
                )
                .label("no such date")
                .help("correct the day or the month");
            }
        }
    }
}
