//! The document date as it enters from the command line and the configuration: an ISO
//! date `YYYY-MM-DD` that exists in the Gregorian calendar, parsed once into a
//! [`NaiveDate`].

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

/// Parse exactly `YYYY-MM-DD` (chrono alone would also take "2023-2-1").
pub fn parse(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// `YYYY-MM-DD`, as written back in `show-settings` and messages.
pub fn format(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A configured `document-date`: deserialised from its string, or an error naming it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocumentDate(pub NaiveDate);

impl<'de> Deserialize<'de> for DocumentDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        parse(&s).map(DocumentDate).ok_or_else(|| {
            serde::de::Error::custom(format!("invalid document-date `{s}` (expected YYYY-MM-DD)"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_calendar_dates_in_the_iso_form() {
        assert_eq!(parse("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(parse("2023-02-29"), None);
        assert_eq!(parse("2023-2-1"), None);
        assert_eq!(parse(" 2023-02-01"), None);
        assert_eq!(format(parse("2020-12-09").unwrap()), "2020-12-09");
    }
}
