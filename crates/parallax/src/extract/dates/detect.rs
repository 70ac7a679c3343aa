//! Finding date expressions in a stretch of text, before resolution: one
//! regular expression with a named branch per form, built once from the
//! name tables. Branches are ordered so that at one position the longest
//! form wins ("Friday, July 21, 2017" before "Friday").

use super::names::{cues, lookup, names, NameKind};
use crate::extract::quantities::tables::{number_word, NumberWordKind};
use regex::{Captures, Regex};
use std::sync::OnceLock;

/// A unit of time in relative expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeUnit {
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Year,
    Decade,
    /// A part of a day: "this morning", "last night" (offset in days).
    DayPart,
    Season(u32),
}

/// How a modifier shifts a named period from the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shift {
    /// No modifier: the nearest one, by the sentence's tense.
    Nearest,
    Last,
    This,
    Next,
    /// "this past …": the most recent one before the anchor.
    ThisPast,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum RawKind {
    Full {
        year: i32,
        month: u32,
        day: u32,
    },
    MonthDay {
        month: u32,
        day: u32,
        weekday: Option<u32>,
    },
    MonthYear {
        year: i32,
        month: u32,
    },
    Year {
        year: i32,
    },
    Decade {
        start: i32,
    },
    SeasonYear {
        season: u32,
        year: i32,
    },
    Month {
        month: u32,
        shift: Shift,
    },
    Weekday {
        weekday: u32,
        shift: Shift,
    },
    /// today 0, yesterday -1, tomorrow 1.
    DayOffset {
        days: i64,
    },
    Period {
        unit: TimeUnit,
        shift: Shift,
    },
    /// "two years ago" (negative amount) or "in two years' time".
    FromAnchor {
        amount: i64,
        unit: TimeUnit,
    },
    /// "two days later", "the year before": from the date before it in the text.
    FromPrevious {
        amount: i64,
        unit: TimeUnit,
    },
    /// "three days after the vote", "a week before the talks": counted from
    /// the event the words after it name, not from a date in the text, so
    /// it is found but not resolved.
    FromFollowingEvent {
        amount: i64,
        unit: TimeUnit,
    },
    /// "the past 30 days": a period ending at the anchor.
    PastPeriod {
        amount: i64,
        unit: TimeUnit,
    },
}

impl RawKind {
    /// True when the expression needs an anchor or an earlier date.
    pub fn is_relative(&self) -> bool {
        !matches!(
            self,
            RawKind::Full { .. }
                | RawKind::MonthYear { .. }
                | RawKind::Year { .. }
                | RawKind::Decade { .. }
                | RawKind::SeasonYear { .. }
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RawDate {
    pub start: usize,
    pub end: usize,
    pub kind: RawKind,
    /// "since …"
    pub since: bool,
}

fn alternation(items: &[String]) -> String {
    items
        .iter()
        .map(|item| regex::escape(item))
        .collect::<Vec<_>>()
        .join("|")
}

fn number_word_pattern() -> String {
    let mut words: Vec<&str> = crate::extract::quantities::tables::rows(
        crate::extract::quantities::tables::NUMBER_WORDS_TSV,
    )
    .filter(|row| matches!(row.get(1).copied(), Some("unit" | "teen" | "tens")))
    .filter_map(|row| row.first().copied())
    .collect();
    words.sort_by_key(|item| std::cmp::Reverse(item.len()));
    let joined = words.join("|");
    format!(r"(?:(?:{joined})(?:-(?:{joined}))?|a\s+few|a\s+couple\s+of|several|an|a)")
}

fn date_regex() -> &'static Regex {
    static REGEX: OnceLock<Regex> = OnceLock::new();
    REGEX.get_or_init(|| {
        let names = names();
        let month = alternation(&names.months);
        let weekday = alternation(&names.weekdays);
        let month_full = alternation(&names.months_full);
        let weekday_full = alternation(&names.weekdays_full);
        let season = "spring|summer|autumn|fall|winter";
        let number = number_word_pattern();
        let sep = r"(?:\s*,\s*|\s+)";
        let ordinal = r"(?:st|nd|rd|th)?";
        let units = r"days?|weeks?|months?|years?|decades?|hours?";
        let branches = [
            r"(?P<iso>(?-u:\b)(?P<iso_y>\d{4})-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})(?-u:\b))".to_string(),
            format!(
                r"(?P<mdy>(?:(?-u:\b)(?P<mdy_w>{weekday})\.?{sep})?(?-u:\b)(?P<mdy_m>{month})\.?\s+(?P<mdy_d>\d{{1,2}}){ordinal}(?-u:\b)(?:{sep}(?P<mdy_y>\d{{4}})(?-u:\b))?)"
            ),
            format!(
                r"(?P<dmy>(?:(?-u:\b)(?P<dmy_w>{weekday})\.?{sep}(?:the\s+)?)?(?-u:\b)(?P<dmy_d>\d{{1,2}}){ordinal}\s+(?:of\s+)?(?P<dmy_m>{month})(?-u:\b)\.?(?:{sep}(?P<dmy_y>\d{{4}})(?-u:\b))?)"
            ),
            format!(r"(?P<my>(?-u:\b)(?P<my_m>{month})\.?,?\s+(?:of\s+)?(?P<my_y>\d{{4}})(?-u:\b))"),
            format!(r"(?P<sy>(?-u:\b)(?P<sy_s>(?i:{season}))\s+(?:of\s+)?(?P<sy_y>\d{{4}})(?-u:\b))"),
            r"(?P<dec>(?:(?-u:\b)(?:the\s+)?(?P<dec_y>1\d{2}0|20\d0)|'(?P<dec_s>\d0))s(?-u:\b))".to_string(),
            r"(?P<decw>(?-u:\b)(?i:the)\s+(?P<decw_w>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))(?-u:\b))".to_string(),
            format!(
                r"(?P<past>(?-u:\b)(?i:(?:the\s+)?(?:past|last|previous)\s+(?P<past_n>\d+|{number}|few|several)\s+(?P<past_u>days|weeks|months|years|decades))(?-u:\b))"
            ),
            format!(
                r"(?P<ago>(?-u:\b)(?i:(?P<ago_n>\d+|{number})\s+(?P<ago_u>{units})\s+(?P<ago_d>ago|later|earlier|before|after|from\s+now))(?-u:\b))"
            ),
            r"(?P<nd>(?-u:\b)(?i:the\s+(?P<nd_d>next|following|previous|preceding)\s+(?P<nd_u>day|week|month|year|morning|evening|night))(?-u:\b))".to_string(),
            r"(?P<db>(?-u:\b)(?i:the\s+(?P<db_u>day|week|month|year)\s+(?P<db_d>before|after|earlier|later))(?-u:\b))".to_string(),
            format!(
                r"(?P<per>(?-u:\b)(?i:(?P<per_m>this\s+past|this\s+coming|the\s+past|the\s+coming|earlier\s+this|later\s+this|early\s+this|late\s+this|early\s+last|late\s+last|early\s+next|late\s+next|last|next|this)\s+(?P<per_u>week|weekend|month|year|decade|morning|afternoon|evening|night|{season}))(?-u:\b))"
            ),
            r"(?P<rd>(?-u:\b)(?i:today|tonight|yesterday|tomorrow)(?-u:\b))".to_string(),
            r"(?P<wkd>(?-u:\b)(?i:the)\s+(?P<wkd_w>(?i:weekend))(?-u:\b))".to_string(),
            format!(
                r"(?P<wd>(?:(?-u:\b)(?P<wd_m>(?i:this\s+past|this\s+coming|last|next|this))\s+)?(?-u:\b)(?P<wd_d>{weekday_full})(?-u:\b)(?:\s+(?i:morning|afternoon|evening|night)(?-u:\b))?)"
            ),
            format!(
                r"(?P<mo>(?:(?-u:\b)(?P<mo_m>(?i:earlier\s+this|later\s+this|last|next|this|early|late|mid-?))\s*)?(?-u:\b)(?P<mo_d>{month_full})(?-u:\b))"
            ),
            r"(?P<yr>(?-u:\b)(?P<yr_y>1[6-9]\d\d|20\d\d)(?-u:\b))".to_string(),
        ];
        let pattern = branches.join("|");
        Regex::new(&pattern).unwrap_or_else(|_| Regex::new("$^").unwrap_or_else(|_| unreachable!()))
    })
}

fn group_number<T: std::str::FromStr>(captures: &Captures, name: &str) -> Option<T> {
    captures
        .name(name)
        .and_then(|found| found.as_str().parse::<T>().ok())
}

fn name_number(captures: &Captures, name: &str, kind: NameKind) -> Option<u32> {
    let found = captures.name(name)?;
    lookup(found.as_str())
        .filter(|(found_kind, _)| *found_kind == kind)
        .map(|(_, n)| n)
}

fn parse_amount(text: &str) -> Option<i64> {
    let lower = text.to_lowercase();
    if let Ok(number) = lower.parse::<i64>() {
        return Some(number);
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words.as_slice() {
        ["a" | "an"] => return Some(1),
        ["a", "few"] | ["few"] | ["several"] => return Some(3),
        ["a", "couple", "of"] => return Some(2),
        _ => {}
    }
    let mut total = 0.0;
    for part in lower.split('-') {
        let word = number_word(part)?;
        if !matches!(
            word.kind,
            NumberWordKind::Unit | NumberWordKind::Teen | NumberWordKind::Tens
        ) {
            return None;
        }
        total += word.value;
    }
    Some(total as i64)
}

fn parse_unit(text: &str) -> Option<TimeUnit> {
    let lower = text.to_lowercase();
    let singular = lower.trim_end_matches('s');
    Some(match singular {
        "hour" => TimeUnit::Hour,
        "day" => TimeUnit::Day,
        "week" => TimeUnit::Week,
        "weekend" => TimeUnit::Weekend,
        "month" => TimeUnit::Month,
        "year" => TimeUnit::Year,
        "decade" => TimeUnit::Decade,
        "morning" | "afternoon" | "evening" | "night" => TimeUnit::DayPart,
        other => match lookup(other) {
            Some((NameKind::Season, season)) => TimeUnit::Season(season),
            _ => return None,
        },
    })
}

fn parse_shift(text: Option<&str>) -> Shift {
    let Some(text) = text else {
        return Shift::Nearest;
    };
    let lower = text.to_lowercase();
    let folded: Vec<&str> = lower.split_whitespace().collect();
    match folded.as_slice() {
        ["last"] | ["early", "last"] | ["late", "last"] => Shift::Last,
        ["next"]
        | ["early", "next"]
        | ["late", "next"]
        | ["this", "coming"]
        | ["the", "coming"] => Shift::Next,
        ["this", "past"] | ["the", "past"] => Shift::ThisPast,
        _ => Shift::This,
    }
}

/// The lower-case word just before byte `offset` in `text`, within `floor..`.
fn word_before(text: &str, floor: usize, offset: usize) -> Option<String> {
    let before = text.get(floor..offset)?;
    let trimmed = before.trim_end();
    let start = trimmed
        .rfind(|character: char| {
            !character.is_alphanumeric() && character != '\'' && character != '-'
        })
        .map(|index| index + 1)
        .unwrap_or(0);
    let word = trimmed.get(start..)?;
    (!word.is_empty()).then(|| word.to_lowercase())
}

/// The word just after byte `offset`, as written, within `..ceiling`.
fn word_after(text: &str, offset: usize, ceiling: usize) -> Option<&str> {
    let after = text.get(offset..ceiling)?;
    let trimmed = after.trim_start();
    if trimmed.len() == after.len() && !after.is_empty() {
        // Glued to the match: not a separate word.
        return None;
    }
    let end = trimmed
        .find(|character: char| !character.is_alphanumeric() && character != '\'')
        .unwrap_or(trimmed.len());
    trimmed.get(..end).filter(|word| !word.is_empty())
}

/// True for either year of "2000-2050" / "1990 – 2010": a later year after
/// a dash, or an earlier one before it.
fn year_range_side(text: &str, floor: usize, ceiling: usize, start: usize, end: usize) -> bool {
    let year_of = |digits: &str| -> Option<i32> {
        (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
    };
    let this_year = text.get(start..end).and_then(year_of);
    let Some(this_year) = this_year else {
        return false;
    };
    let after = text.get(end..ceiling).unwrap_or("").trim_start();
    if let Some(rest) = after.strip_prefix(['-', '–']) {
        let next: String = rest
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if year_of(&next)
            .is_some_and(|other| other > this_year && (1600..2100).contains(&this_year))
        {
            return true;
        }
    }
    let before = text.get(floor..start).unwrap_or("").trim_end();
    if let Some(rest) = before.strip_suffix(['-', '–']) {
        let rest = rest.trim_end();
        let digits: String = rest
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if year_of(&digits).is_some_and(|other| other < this_year && (1600..2100).contains(&other))
        {
            return true;
        }
    }
    false
}

/// Judges a bare four-digit number: a year unless the context makes it a
/// count ("2000 people", "more than 1500").
fn bare_year_is_date(text: &str, floor: usize, ceiling: usize, start: usize, end: usize) -> bool {
    let next_char = text.get(end..ceiling).and_then(|rest| rest.chars().next());
    if matches!(next_char, Some(',' | '.' | ':')) {
        let after_next = text
            .get(end + 1..ceiling)
            .and_then(|rest| rest.chars().next());
        if after_next.is_some_and(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    if year_range_side(text, floor, ceiling, start, end) {
        return true;
    }
    if matches!(next_char, Some('%' | '-')) {
        return false;
    }
    let previous_char = text
        .get(floor..start)
        .and_then(|before| before.chars().next_back());
    if matches!(
        previous_char,
        Some('$' | '€' | '£' | '¥' | '#' | '.' | ',' | '-' | '/')
    ) {
        return false;
    }
    let before = word_before(text, floor, start);
    let temporal_before = before.as_deref().is_some_and(|word| {
        matches!(
            word,
            "in" | "since"
                | "by"
                | "until"
                | "till"
                | "from"
                | "during"
                | "of"
                | "before"
                | "after"
                | "early"
                | "late"
                | "mid"
                | "mid-"
                | "the"
                | "and"
                | "to"
                | "through"
                | "between"
                | "around"
                | "circa"
                | "year"
                | "fiscal"
                | "spring"
                | "summer"
                | "autumn"
                | "fall"
                | "winter"
        )
    });
    if !temporal_before {
        if let Some(word) = before.as_deref() {
            let qualifier_like = crate::extract::quantities::tables::qualifiers()
                .iter()
                .any(|entry| entry.words.last().is_some_and(|last| last == word));
            if qualifier_like || number_word(word).is_some() {
                return false;
            }
        }
    }
    if let Some(after) = word_after(text, end, ceiling) {
        let lower = after.to_lowercase();
        let starts_lower = after.chars().next().is_some_and(char::is_lowercase);
        // Between 1900 and 2099 a number written without a thousands
        // separator is a year even before a plural ("the 2020 elections",
        // "2000 levels"): news writes counts that size as "2,020".
        let modern_year = text
            .get(start..end)
            .and_then(|digits| digits.parse::<i32>().ok())
            .is_some_and(|year| (1900..2100).contains(&year));
        let plural_noun = starts_lower
            && lower.len() > 3
            && lower.ends_with('s')
            && !lower.ends_with("ss")
            && !temporal_before
            && !modern_year;
        let is_unit = crate::extract::quantities::tables::units()
            .iter()
            .any(|entry| {
                !entry.prefix
                    && entry.words.len() == 1
                    && entry.words.first().is_some_and(|w| *w == lower)
            });
        if plural_noun || (is_unit && !temporal_before) || (lower == "people" && !modern_year) {
            return false;
        }
    }
    true
}

/// Finds the date expressions in `text[floor..ceiling]`, in order, not
/// overlapping. Offsets are absolute bytes in `text`.
pub(crate) fn detect(text: &str, floor: usize, ceiling: usize) -> Vec<RawDate> {
    let mut found = Vec::new();
    let Some(slice) = text.get(floor..ceiling) else {
        return found;
    };
    let regex = date_regex();
    let mut search_from = 0;
    while let Some(captures) = regex.captures_at(slice, search_from) {
        let Some(whole) = captures.get(0) else {
            break;
        };
        search_from = if whole.end() > whole.start() {
            whole.end()
        } else {
            next_char_boundary(slice, whole.start())
        };
        let start = floor + whole.start();
        let end = floor + whole.end();
        if let Some(mut raw) = interpret(text, floor, ceiling, start, end, &captures) {
            let before = word_before(text, floor, raw.start);
            raw.since = before.as_deref() == Some("since");
            found.push(raw);
        }
        if search_from >= slice.len() {
            break;
        }
    }
    found
}

fn next_char_boundary(text: &str, offset: usize) -> usize {
    let mut next = offset + 1;
    while next < text.len() && !text.is_char_boundary(next) {
        next += 1;
    }
    next
}

fn interpret(
    text: &str,
    floor: usize,
    ceiling: usize,
    start: usize,
    end: usize,
    captures: &Captures,
) -> Option<RawDate> {
    let raw = |kind: RawKind| RawDate {
        start,
        end,
        kind,
        since: false,
    };
    if captures.name("iso").is_some() {
        let year = group_number::<i32>(captures, "iso_y")?;
        let month = group_number::<u32>(captures, "iso_m")?;
        let day = group_number::<u32>(captures, "iso_d")?;
        chrono::NaiveDate::from_ymd_opt(year, month, day)?;
        return Some(raw(RawKind::Full { year, month, day }));
    }
    for (branch, weekday_group, month_group, day_group, year_group) in [
        ("mdy", "mdy_w", "mdy_m", "mdy_d", "mdy_y"),
        ("dmy", "dmy_w", "dmy_m", "dmy_d", "dmy_y"),
    ] {
        if captures.name(branch).is_none() {
            continue;
        }
        let month = name_number(captures, month_group, NameKind::Month)?;
        let day = group_number::<u32>(captures, day_group)?;
        if !(1..=31).contains(&day) {
            return None;
        }
        // "12:30" after a month name is a time, not a day.
        if text
            .get(end..ceiling)
            .is_some_and(|rest| rest.starts_with(':'))
        {
            return None;
        }
        let weekday = name_number(captures, weekday_group, NameKind::Weekday);
        return Some(match group_number::<i32>(captures, year_group) {
            Some(year) => {
                chrono::NaiveDate::from_ymd_opt(year, month, day)?;
                raw(RawKind::Full { year, month, day })
            }
            None => raw(RawKind::MonthDay {
                month,
                day,
                weekday,
            }),
        });
    }
    if captures.name("my").is_some() {
        let month = name_number(captures, "my_m", NameKind::Month)?;
        let year = group_number::<i32>(captures, "my_y")?;
        return Some(raw(RawKind::MonthYear { year, month }));
    }
    if captures.name("sy").is_some() {
        let season = name_number(captures, "sy_s", NameKind::Season)?;
        let year = group_number::<i32>(captures, "sy_y")?;
        return Some(raw(RawKind::SeasonYear { season, year }));
    }
    if captures.name("dec").is_some() {
        if let Some(start_year) = group_number::<i32>(captures, "dec_y") {
            return Some(raw(RawKind::Decade { start: start_year }));
        }
        let short = group_number::<i32>(captures, "dec_s")?;
        let century = if short <= 20 { 2000 } else { 1900 };
        return Some(raw(RawKind::Decade {
            start: century + short,
        }));
    }
    if let Some(word) = captures.name("decw_w") {
        let decade = match word.as_str().to_lowercase().as_str() {
            "twenties" => 1920,
            "thirties" => 1930,
            "forties" => 1940,
            "fifties" => 1950,
            "sixties" => 1960,
            "seventies" => 1970,
            "eighties" => 1980,
            _ => 1990,
        };
        return Some(raw(RawKind::Decade { start: decade }));
    }
    if captures.name("past").is_some() {
        let amount = parse_amount(captures.name("past_n")?.as_str())?;
        let unit = parse_unit(captures.name("past_u")?.as_str())?;
        return Some(raw(RawKind::PastPeriod { amount, unit }));
    }
    if captures.name("ago").is_some() {
        let amount = parse_amount(captures.name("ago_n")?.as_str())?;
        let unit = parse_unit(captures.name("ago_u")?.as_str())?;
        let direction = captures.name("ago_d")?.as_str().to_lowercase();
        if unit == TimeUnit::Hour && direction != "ago" {
            // "an hour later": finer than any date.
            return None;
        }
        let names_following_event = matches!(direction.as_str(), "after" | "before")
            && text
                .get(end..ceiling)
                .and_then(|rest| rest.trim_start().chars().next())
                .is_some_and(char::is_alphanumeric);
        if names_following_event {
            return Some(raw(RawKind::FromFollowingEvent { amount, unit }));
        }
        return Some(raw(match direction.as_str() {
            "ago" => RawKind::FromAnchor {
                amount: -amount,
                unit,
            },
            "later" | "after" => RawKind::FromPrevious { amount, unit },
            "earlier" | "before" => RawKind::FromPrevious {
                amount: -amount,
                unit,
            },
            _ => RawKind::FromAnchor { amount, unit },
        }));
    }
    if captures.name("nd").is_some() {
        let unit = parse_unit(captures.name("nd_u")?.as_str())?;
        let direction = captures.name("nd_d")?.as_str().to_lowercase();
        let amount = if matches!(direction.as_str(), "next" | "following") {
            1
        } else {
            -1
        };
        let unit = if unit == TimeUnit::DayPart {
            TimeUnit::Day
        } else {
            unit
        };
        return Some(raw(RawKind::FromPrevious { amount, unit }));
    }
    if captures.name("db").is_some() {
        let unit = parse_unit(captures.name("db_u")?.as_str())?;
        let direction = captures.name("db_d")?.as_str().to_lowercase();
        let amount = if matches!(direction.as_str(), "after" | "later") {
            1
        } else {
            -1
        };
        return Some(raw(RawKind::FromPrevious { amount, unit }));
    }
    if captures.name("per").is_some() {
        let unit = parse_unit(captures.name("per_u")?.as_str())?;
        let shift = parse_shift(captures.name("per_m").map(|found| found.as_str()));
        if unit == TimeUnit::DayPart {
            let lower = captures.name("per_u")?.as_str().to_lowercase();
            let days = match shift {
                Shift::Last if lower == "night" => -1,
                Shift::Last => return None,
                Shift::Next => 1,
                _ => 0,
            };
            return Some(raw(RawKind::DayOffset { days }));
        }
        return Some(raw(RawKind::Period { unit, shift }));
    }
    if let Some(word) = captures.name("wkd_w") {
        // "over the weekend": the span is the word itself, as annotators mark it.
        return Some(RawDate {
            start: floor + word.start(),
            end,
            kind: RawKind::Period {
                unit: TimeUnit::Weekend,
                shift: Shift::Nearest,
            },
            since: false,
        });
    }
    if let Some(word) = captures.name("rd") {
        let days = match word.as_str().to_lowercase().as_str() {
            "yesterday" => -1,
            "tomorrow" => 1,
            _ => 0,
        };
        return Some(raw(RawKind::DayOffset { days }));
    }
    if captures.name("wd").is_some() {
        let weekday = name_number(captures, "wd_d", NameKind::Weekday)?;
        let shift = parse_shift(captures.name("wd_m").map(|found| found.as_str()));
        return Some(raw(RawKind::Weekday { weekday, shift }));
    }
    if captures.name("mo").is_some() {
        let month = name_number(captures, "mo_d", NameKind::Month)?;
        let modifier = captures.name("mo_m").map(|found| found.as_str());
        let shift = match modifier.map(str::to_lowercase).as_deref() {
            Some("last") => Shift::Last,
            Some("next") => Shift::Next,
            Some("this" | "earlier this" | "later this") => Shift::This,
            _ => Shift::Nearest,
        };
        if modifier.is_none() {
            let before = word_before(text, floor, start)?;
            if !cues().month_prep.contains(&before) {
                return None;
            }
        }
        return Some(raw(RawKind::Month { month, shift }));
    }
    if captures.name("yr").is_some() {
        let year = group_number::<i32>(captures, "yr_y")?;
        if !bare_year_is_date(text, floor, ceiling, start, end) {
            return None;
        }
        return Some(raw(RawKind::Year { year }));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kinds(text: &str) -> Vec<(&str, RawKind)> {
        detect(text, 0, text.len())
            .into_iter()
            .map(|raw| (text.get(raw.start..raw.end).unwrap_or(""), raw.kind))
            .collect()
    }

    #[test]
    fn absolute_forms() {
        let found = kinds("On Dec. 13, 2025 and 13 December 2025, 2025-12-13, in August 2021, spring 2023, the 1990s.");
        let texts: Vec<&str> = found.iter().map(|(text, _)| *text).collect();
        assert_eq!(
            texts,
            vec![
                "Dec. 13, 2025",
                "13 December 2025",
                "2025-12-13",
                "August 2021",
                "spring 2023",
                "the 1990s"
            ]
        );
        assert_eq!(
            found[0].1,
            RawKind::Full {
                year: 2025,
                month: 12,
                day: 13
            }
        );
        assert_eq!(
            found[3].1,
            RawKind::MonthYear {
                year: 2021,
                month: 8
            }
        );
        assert_eq!(
            found[4].1,
            RawKind::SeasonYear {
                season: 1,
                year: 2023
            }
        );
        assert_eq!(found[5].1, RawKind::Decade { start: 1990 });
    }

    #[test]
    fn relative_forms() {
        let found = kinds(
            "Yesterday, last week and on Saturday; two days later, in March, earlier this year.",
        );
        let texts: Vec<&str> = found.iter().map(|(text, _)| *text).collect();
        assert_eq!(
            texts,
            vec![
                "Yesterday",
                "last week",
                "Saturday",
                "two days later",
                "March",
                "earlier this year"
            ]
        );
        assert_eq!(
            found[3].1,
            RawKind::FromPrevious {
                amount: 2,
                unit: TimeUnit::Day
            }
        );
    }

    #[test]
    fn counts_are_not_years() {
        let found =
            kinds("More than 2000 people marched; 1500 soldiers; $2020; in 2022 and 1,999.");
        let texts: Vec<&str> = found.iter().map(|(text, _)| *text).collect();
        assert_eq!(texts, vec!["2022"]);
    }

    #[test]
    fn bare_month_needs_a_preposition() {
        assert!(kinds("March organisers said").is_empty());
        assert_eq!(kinds("the vote in May").len(), 1);
        assert!(kinds("It may rain").is_empty());
    }

    #[test]
    fn since_is_marked() {
        let found = detect("held since July 2024", 0, 20);
        assert_eq!(found.len(), 1);
        assert!(found.first().is_some_and(|raw| raw.since));
    }

    proptest! {
        #[test]
        fn spans_are_ordered_and_inside(text in "\\PC{0,60}( (Monday|May 5|in June|2020|3 days ago|yesterday)[ ,.]?\\PC{0,10}){0,4}") {
            let found = detect(&text, 0, text.len());
            let mut previous_end = 0;
            for raw in found {
                prop_assert!(raw.start >= previous_end);
                prop_assert!(raw.start < raw.end && raw.end <= text.len());
                previous_end = raw.end;
            }
        }
    }
}
