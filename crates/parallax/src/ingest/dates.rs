//! Publication dates as feeds, exports and crawlers write them, read
//! leniently into the calendar date the publisher stated.
//!
//! A timestamp with an offset keeps its own calendar date ("23:30 -05:00 on
//! the 5th" is the 5th, not the 6th in UTC): the date a reader of the page
//! saw. A date that names no year is refused rather than guessed.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// The calendar date of a stated publication time, when it can be read.
pub fn parse_published(text: &str) -> Option<NaiveDate> {
    parse_published_time(text).map(|time| time.date())
}

/// The wall-clock time (in the publisher's own offset) of a stated
/// publication time: RFC 3339 and ISO 8601, RFC 2822, dates with month
/// names, Unix timestamps, and other common shapes.
pub fn parse_published_time(text: &str) -> Option<NaiveDateTime> {
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed.len() > 100 {
        return None;
    }
    let time = parse_known_shapes(trimmed).or_else(|| parse_with_dateparser(trimmed))?;
    plausible(time)
}

/// Years a news date can have: anything else is a misread.
fn plausible(time: NaiveDateTime) -> Option<NaiveDateTime> {
    (1800..=2200)
        .contains(&chrono::Datelike::year(&time))
        .then_some(time)
}

fn parse_known_shapes(text: &str) -> Option<NaiveDateTime> {
    if text.bytes().all(|byte| byte.is_ascii_digit()) {
        if text.len() == 8 {
            return NaiveDate::parse_from_str(text, "%Y%m%d")
                .ok()
                .and_then(|date| date.and_hms_opt(0, 0, 0));
        }
        return parse_unix_timestamp(text);
    }
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Some(time.naive_local());
    }
    if let Ok(time) = DateTime::parse_from_rfc2822(text) {
        return Some(time.naive_local());
    }
    // ISO shapes with an offset written without a colon, or none at all.
    for shape in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(time) = DateTime::parse_from_str(text, shape) {
            return Some(time.naive_local());
        }
    }
    for shape in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(time) = NaiveDateTime::parse_from_str(text, shape) {
            return Some(time);
        }
    }
    // A date at the start, whatever follows it (a time in an unknown
    // shape, a zone name).
    for shape in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"] {
        if let Ok((date, _rest)) = NaiveDate::parse_and_remainder(text, shape) {
            return date.and_hms_opt(0, 0, 0);
        }
    }
    // Month names: "March 5, 2024", "5 March 2024", "Tue, 5 Mar 2024 …".
    let without_weekday = strip_weekday(text);
    for shape in [
        "%B %d, %Y",
        "%b %d, %Y",
        "%B %d %Y",
        "%b %d %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%d %B, %Y",
        "%b. %d, %Y",
    ] {
        if let Ok((date, _rest)) = NaiveDate::parse_and_remainder(without_weekday, shape) {
            return date.and_hms_opt(0, 0, 0);
        }
    }
    None
}

/// Seconds (10 digits) or milliseconds (13 digits) since 1970 in UTC.
fn parse_unix_timestamp(digits: &str) -> Option<NaiveDateTime> {
    let value: i64 = digits.parse().ok()?;
    let seconds = match digits.len() {
        9 | 10 => value,
        12 | 13 => value / 1000,
        _ => return None,
    };
    Utc.timestamp_opt(seconds, 0)
        .single()
        .map(|time| time.naive_utc())
}

/// "Tuesday, 5 March 2024" → "5 March 2024".
fn strip_weekday(text: &str) -> &str {
    let Some((first_word, rest)) = text.split_once([',', ' ']) else {
        return text;
    };
    let lower = first_word.trim_end_matches('.').to_ascii_lowercase();
    let is_weekday = [
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ]
    .contains(&lower.as_str())
        || lower.ends_with("day") && lower.len() <= 9;
    if is_weekday {
        rest.trim_start_matches([',', ' '])
    } else {
        text
    }
}

/// The `dateparser` crate for the remaining shapes, trusted only when the
/// year it found is written in the text (it fills missing parts from the
/// clock, which would invent a date).
fn parse_with_dateparser(text: &str) -> Option<NaiveDateTime> {
    let parsed = dateparser::parse_with_timezone(text, &Utc).ok()?;
    let year = chrono::Datelike::year(&parsed);
    if !text.contains(&year.to_string()) {
        return None;
    }
    Some(parsed.naive_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, month, day)
    }

    #[test]
    fn common_shapes_give_the_stated_calendar_date() {
        let cases = [
            ("2024-03-05T23:30:00-05:00", date(2024, 3, 5)),
            ("2024-03-05T23:30:00Z", date(2024, 3, 5)),
            ("2024-03-05T01:30:00.123+09:00", date(2024, 3, 5)),
            ("2024-03-05T23:30:00+0100", date(2024, 3, 5)),
            ("2024-03-05 23:30:00", date(2024, 3, 5)),
            ("2024-03-05T23:30", date(2024, 3, 5)),
            ("2024-03-05", date(2024, 3, 5)),
            ("2024-03-05 23h30 CET", date(2024, 3, 5)),
            ("2024/03/05", date(2024, 3, 5)),
            ("20240305", date(2024, 3, 5)),
            ("Tue, 05 Mar 2024 23:30:00 -0500", date(2024, 3, 5)),
            ("Tue, 5 Mar 2024 23:30:00 GMT", date(2024, 3, 5)),
            ("March 5, 2024", date(2024, 3, 5)),
            ("Mar 5, 2024 11:30 AM", date(2024, 3, 5)),
            ("5 March 2024", date(2024, 3, 5)),
            ("Tuesday, 5 March 2024", date(2024, 3, 5)),
            ("1709681400", date(2024, 3, 5)),
            ("1709681400000", date(2024, 3, 5)),
            ("  2024-03-05  ", date(2024, 3, 5)),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_published(text), expected, "{text}");
        }
    }

    #[test]
    fn text_without_a_year_or_a_date_gives_none() {
        for text in [
            "",
            "yesterday",
            "10:30 am",
            "March 5",
            "not a date",
            "12345",
            "0000-01-01",
            "9999-12-31",
        ] {
            assert_eq!(parse_published(text), None, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in ".{0,40}") {
            let _ = parse_published(&text);
        }

        #[test]
        fn iso_dates_round_trip(year in 1900i32..2100, month in 1u32..=12, day in 1u32..=28) {
            let text = format!("{year:04}-{month:02}-{day:02}");
            proptest::prop_assert_eq!(parse_published(&text), NaiveDate::from_ymd_opt(year, month, day));
        }
    }
}
