//! Resolving detected dates against the article's date (the anchor) and the
//! date mentioned before them.
//!
//! Rules (each chosen to match how news is written, documented here once):
//! - A bare weekday ("on Saturday") is the most recent such day on or before
//!   the anchor, unless the sentence speaks of the future (a cue from
//!   `data/date_cues.tsv`: "will", "next", "scheduled"...), then the next
//!   one on or after the anchor. "last Saturday" is strictly before, "next
//!   Saturday" strictly after, "this Saturday" on or after.
//! - A bare month ("in August") is the most recent such month not after the
//!   anchor's month (forward with a future cue).
//! - A day without a year ("December 13") takes the year of a date with a
//!   year earlier in the same sentence; else the anchor's year, moved back a
//!   year when that puts it more than 60 days after the anchor in a sentence
//!   without future cue, and forward a year when it is more than 300 days
//!   before the anchor in a sentence with one. When a weekday is written with
//!   it, the year in anchor−1..=anchor+1 that fits the weekday wins.
//! - Weeks ("last week") and weekends are ranges of days: `date` is the
//!   first day (Monday, or Saturday), `until` the last, precision `Day`.
//! - "N units ago" counts back from the anchor at the unit's precision
//!   (days and weeks: day; months: month; years and decades: year).
//! - "two days later", "the year before", "the next day" count from the
//!   date resolved just before in the text (same or earlier sentence), at
//!   the coarser of that date's precision and the unit's.
//! - An anchor of month or year precision resolves only what needs no finer
//!   anchor: "this year" from a month anchor, not "yesterday".

use super::detect::{RawDate, RawKind, Shift, TimeUnit};
use crate::model::{ArticleDate, DatePrecision};
use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

/// A resolved date: first day, precision, and the last day for ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub date: NaiveDate,
    pub precision: DatePrecision,
    pub until: Option<NaiveDate>,
}

impl Resolved {
    fn day(date: NaiveDate) -> Self {
        Resolved {
            date,
            precision: DatePrecision::Day,
            until: None,
        }
    }
    fn month(year: i32, month: u32) -> Option<Self> {
        Some(Resolved {
            date: NaiveDate::from_ymd_opt(year, month, 1)?,
            precision: DatePrecision::Month,
            until: None,
        })
    }
    fn year(year: i32) -> Option<Self> {
        Some(Resolved {
            date: NaiveDate::from_ymd_opt(year, 1, 1)?,
            precision: DatePrecision::Year,
            until: None,
        })
    }
}

/// What the resolver knows besides the expression.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context {
    pub anchor: Option<ArticleDate>,
    /// The date resolved just before this one in the text.
    pub previous: Option<Resolved>,
    /// The year of a full date earlier in the same sentence.
    pub sentence_year: Option<i32>,
    /// A future cue stands near the date.
    pub future: bool,
    /// A future cue stands anywhere in the sentence (used for days written
    /// without a year, where a wrong year costs more than a wrong week).
    pub future_sentence: bool,
}

fn weekday_from_number(number: u32) -> Option<Weekday> {
    Some(match number {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        7 => Weekday::Sun,
        _ => return None,
    })
}

fn anchor_at_least(context: &Context, precision: DatePrecision) -> Option<NaiveDate> {
    let anchor = context.anchor?;
    (anchor.precision <= precision).then_some(anchor.date)
}

fn season_range(season: u32, year: i32) -> Option<Resolved> {
    let (start_month, end_year, end_month) = match season {
        1 => (3, year, 5),
        2 => (6, year, 8),
        3 => (9, year, 11),
        _ => (12, year + 1, 2),
    };
    let date = NaiveDate::from_ymd_opt(year, start_month, 1)?;
    let until = last_day_of_month(end_year, end_month)?;
    Some(Resolved {
        date,
        precision: DatePrecision::Season,
        until: Some(until),
    })
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

fn add_months(date: NaiveDate, months: i64) -> Option<NaiveDate> {
    let magnitude = Months::new(u32::try_from(months.unsigned_abs()).ok()?);
    if months >= 0 {
        date.checked_add_months(magnitude)
    } else {
        date.checked_sub_months(magnitude)
    }
}

fn coarser(a: DatePrecision, b: DatePrecision) -> DatePrecision {
    a.max(b)
}

fn truncate(date: NaiveDate, precision: DatePrecision) -> Option<NaiveDate> {
    match precision {
        DatePrecision::Day => Some(date),
        DatePrecision::Month | DatePrecision::Season => {
            NaiveDate::from_ymd_opt(date.year(), date.month(), 1)
        }
        DatePrecision::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1),
        DatePrecision::Decade => {
            NaiveDate::from_ymd_opt(date.year() - date.year().rem_euclid(10), 1, 1)
        }
    }
}

fn shift_by_unit(
    date: NaiveDate,
    amount: i64,
    unit: TimeUnit,
) -> Option<(NaiveDate, DatePrecision)> {
    Some(match unit {
        TimeUnit::Hour => (
            date.checked_add_signed(Duration::hours(amount))?,
            DatePrecision::Day,
        ),
        TimeUnit::Day | TimeUnit::DayPart => (
            date.checked_add_signed(Duration::days(amount))?,
            DatePrecision::Day,
        ),
        TimeUnit::Week | TimeUnit::Weekend => (
            date.checked_add_signed(Duration::weeks(amount))?,
            DatePrecision::Day,
        ),
        TimeUnit::Month => (add_months(date, amount)?, DatePrecision::Month),
        TimeUnit::Year => (
            add_months(date, amount.checked_mul(12)?)?,
            DatePrecision::Year,
        ),
        TimeUnit::Decade => (
            add_months(date, amount.checked_mul(120)?)?,
            DatePrecision::Year,
        ),
        TimeUnit::Season(_) => (
            add_months(date, amount.checked_mul(3)?)?,
            DatePrecision::Season,
        ),
    })
}

/// The most recent `weekday` on or before `date` (strictly before when
/// `strict`).
fn weekday_on_or_before(date: NaiveDate, weekday: Weekday, strict: bool) -> Option<NaiveDate> {
    let back = (date.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7;
    let back = if strict && back == 0 { 7 } else { back };
    date.checked_sub_signed(Duration::days(i64::from(back)))
}

fn weekday_on_or_after(date: NaiveDate, weekday: Weekday, strict: bool) -> Option<NaiveDate> {
    let ahead = (weekday.num_days_from_monday() + 7 - date.weekday().num_days_from_monday()) % 7;
    let ahead = if strict && ahead == 0 { 7 } else { ahead };
    date.checked_add_signed(Duration::days(i64::from(ahead)))
}

/// Resolves one expression. `None` when the anchor (or the date before) it
/// needs is missing or too coarse.
pub(crate) fn resolve(raw: &RawDate, context: &Context) -> Option<Resolved> {
    match raw.kind {
        RawKind::Full { year, month, day } => {
            Some(Resolved::day(NaiveDate::from_ymd_opt(year, month, day)?))
        }
        RawKind::MonthYear { year, month } => Resolved::month(year, month),
        RawKind::Year { year } => Resolved::year(year),
        RawKind::Decade { start } => Some(Resolved {
            date: NaiveDate::from_ymd_opt(start, 1, 1)?,
            precision: DatePrecision::Decade,
            until: NaiveDate::from_ymd_opt(start + 9, 12, 31),
        }),
        RawKind::SeasonYear { season, year } => season_range(season, year),
        RawKind::MonthDay {
            month,
            day,
            weekday,
        } => resolve_month_day(month, day, weekday, context),
        RawKind::Month { month, shift } => {
            let anchor = anchor_at_least(context, DatePrecision::Month)?;
            let anchor_month = anchor.month();
            let year = anchor.year();
            let resolved_year = match shift {
                Shift::This => year,
                Shift::Last | Shift::ThisPast => {
                    if month < anchor_month {
                        year
                    } else {
                        year - 1
                    }
                }
                Shift::Next => {
                    if month > anchor_month {
                        year
                    } else {
                        year + 1
                    }
                }
                Shift::Nearest if context.future => {
                    if month >= anchor_month {
                        year
                    } else {
                        year + 1
                    }
                }
                Shift::Nearest => {
                    if month <= anchor_month {
                        year
                    } else {
                        year - 1
                    }
                }
            };
            Resolved::month(resolved_year, month)
        }
        RawKind::Weekday { weekday, shift } => {
            let anchor = anchor_at_least(context, DatePrecision::Day)?;
            let weekday = weekday_from_number(weekday)?;
            let date = match shift {
                Shift::Last | Shift::ThisPast => weekday_on_or_before(anchor, weekday, true)?,
                Shift::Next => weekday_on_or_after(anchor, weekday, true)?,
                Shift::This => weekday_on_or_after(anchor, weekday, false)?,
                Shift::Nearest if context.future => weekday_on_or_after(anchor, weekday, false)?,
                Shift::Nearest => weekday_on_or_before(anchor, weekday, false)?,
            };
            Some(Resolved::day(date))
        }
        RawKind::DayOffset { days } => {
            let anchor = anchor_at_least(context, DatePrecision::Day)?;
            Some(Resolved::day(
                anchor.checked_add_signed(Duration::days(days))?,
            ))
        }
        RawKind::Period { unit, shift } => resolve_period(unit, shift, context),
        RawKind::FromAnchor { amount, unit } => {
            let needed = shift_by_unit(NaiveDate::from_ymd_opt(2000, 1, 1)?, 0, unit)?.1;
            let anchor = anchor_at_least(context, needed)?;
            let (date, precision) = shift_by_unit(anchor, amount, unit)?;
            Some(Resolved {
                date: truncate(date, precision)?,
                precision,
                until: None,
            })
        }
        RawKind::FromPrevious { amount, unit } => {
            let previous = context.previous?;
            let (date, unit_precision) = shift_by_unit(previous.date, amount, unit)?;
            let precision = coarser(previous.precision, unit_precision);
            Some(Resolved {
                date: truncate(date, precision)?,
                precision,
                until: None,
            })
        }
        RawKind::FromFollowingEvent { .. } => None,
        RawKind::PastPeriod { amount, unit } => {
            let needed = shift_by_unit(NaiveDate::from_ymd_opt(2000, 1, 1)?, 0, unit)?.1;
            let anchor = anchor_at_least(context, needed)?;
            let (date, precision) = shift_by_unit(anchor, -amount, unit)?;
            Some(Resolved {
                date: truncate(date, precision)?,
                precision,
                until: Some(anchor),
            })
        }
    }
}

fn resolve_month_day(
    month: u32,
    day: u32,
    weekday: Option<u32>,
    context: &Context,
) -> Option<Resolved> {
    if let Some(year) = context.sentence_year {
        return Some(Resolved::day(NaiveDate::from_ymd_opt(year, month, day)?));
    }
    let anchor = context.anchor?;
    if anchor.precision > DatePrecision::Year {
        return None;
    }
    let anchor_year = anchor.date.year();
    if let Some(weekday) = weekday.and_then(weekday_from_number) {
        let fitting: Vec<NaiveDate> = (anchor_year - 1..=anchor_year + 1)
            .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
            .filter(|date| date.weekday() == weekday)
            .collect();
        if let [only] = fitting.as_slice() {
            return Some(Resolved::day(*only));
        }
    }
    let same_year = NaiveDate::from_ymd_opt(anchor_year, month, day)?;
    if anchor.precision == DatePrecision::Year {
        return Some(Resolved::day(same_year));
    }
    let difference = (same_year - anchor.date).num_days();
    let year = if difference > 60 && !context.future_sentence {
        anchor_year - 1
    } else if difference < -300 && context.future_sentence {
        anchor_year + 1
    } else {
        anchor_year
    };
    Some(Resolved::day(NaiveDate::from_ymd_opt(year, month, day)?))
}

fn resolve_period(unit: TimeUnit, shift: Shift, context: &Context) -> Option<Resolved> {
    let offset: i64 = match shift {
        Shift::Last | Shift::ThisPast => -1,
        Shift::Next => 1,
        _ => 0,
    };
    match unit {
        TimeUnit::Week => {
            let anchor = anchor_at_least(context, DatePrecision::Day)?;
            let monday = weekday_on_or_before(anchor, Weekday::Mon, false)?;
            let start = monday.checked_add_signed(Duration::weeks(offset))?;
            Some(Resolved {
                date: start,
                precision: DatePrecision::Day,
                until: start.checked_add_signed(Duration::days(6)),
            })
        }
        TimeUnit::Weekend => {
            let anchor = anchor_at_least(context, DatePrecision::Day)?;
            let saturday = match shift {
                Shift::Next => weekday_on_or_after(anchor, Weekday::Sat, true)?,
                Shift::Last | Shift::ThisPast => {
                    weekday_on_or_before(anchor.pred_opt()?, Weekday::Sat, false)?
                }
                _ if context.future => weekday_on_or_after(anchor, Weekday::Sat, false)?,
                _ => {
                    // The weekend that has most recently begun.
                    weekday_on_or_before(anchor, Weekday::Sat, false)?
                }
            };
            Some(Resolved {
                date: saturday,
                precision: DatePrecision::Day,
                until: saturday.succ_opt(),
            })
        }
        TimeUnit::Month => {
            let anchor = anchor_at_least(context, DatePrecision::Month)?;
            let first = NaiveDate::from_ymd_opt(anchor.year(), anchor.month(), 1)?;
            let date = add_months(first, offset)?;
            Some(Resolved {
                date,
                precision: DatePrecision::Month,
                until: None,
            })
        }
        TimeUnit::Year => {
            let anchor = anchor_at_least(context, DatePrecision::Year)?;
            Resolved::year(anchor.year() + i32::try_from(offset).ok()?)
        }
        TimeUnit::Decade => {
            let anchor = anchor_at_least(context, DatePrecision::Year)?;
            let start =
                anchor.year() - anchor.year().rem_euclid(10) + 10 * i32::try_from(offset).ok()?;
            Some(Resolved {
                date: NaiveDate::from_ymd_opt(start, 1, 1)?,
                precision: DatePrecision::Decade,
                until: NaiveDate::from_ymd_opt(start + 9, 12, 31),
            })
        }
        TimeUnit::Season(season) => {
            let anchor = anchor_at_least(context, DatePrecision::Month)?;
            let this_year = season_range(season, anchor.year())?;
            let result = match shift {
                Shift::This => this_year,
                Shift::Last | Shift::ThisPast => {
                    // The latest such season that ended before the anchor.
                    let mut candidate = this_year;
                    while candidate.until.is_some_and(|until| until >= anchor) {
                        candidate = season_range(season, candidate.date.year() - 1)?;
                    }
                    candidate
                }
                Shift::Next => {
                    let mut candidate = this_year;
                    while candidate.date <= anchor {
                        candidate = season_range(season, candidate.date.year() + 1)?;
                    }
                    candidate
                }
                _ => this_year,
            };
            Some(result)
        }
        TimeUnit::Hour | TimeUnit::Day | TimeUnit::DayPart => {
            let anchor = anchor_at_least(context, DatePrecision::Day)?;
            Some(Resolved::day(
                anchor.checked_add_signed(Duration::days(offset))?,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ArticleDateSource;

    fn context(anchor: NaiveDate, future: bool) -> Context {
        Context {
            anchor: Some(ArticleDate {
                date: anchor,
                precision: DatePrecision::Day,
                source: ArticleDateSource::Metadata,
            }),
            previous: None,
            sentence_year: None,
            future,
            future_sentence: future,
        }
    }

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
    }

    fn raw(kind: RawKind) -> RawDate {
        RawDate {
            start: 0,
            end: 1,
            kind,
            since: false,
        }
    }

    #[test]
    fn weekdays_look_back_unless_future() {
        // 2025-12-17 is a Wednesday.
        let anchor = date(2025, 12, 17);
        let saturday = raw(RawKind::Weekday {
            weekday: 6,
            shift: Shift::Nearest,
        });
        assert_eq!(
            resolve(&saturday, &context(anchor, false)).map(|r| r.date),
            Some(date(2025, 12, 13))
        );
        assert_eq!(
            resolve(&saturday, &context(anchor, true)).map(|r| r.date),
            Some(date(2025, 12, 20))
        );
        let wednesday = raw(RawKind::Weekday {
            weekday: 3,
            shift: Shift::Last,
        });
        assert_eq!(
            resolve(&wednesday, &context(anchor, false)).map(|r| r.date),
            Some(date(2025, 12, 10))
        );
    }

    #[test]
    fn months_and_days_without_year() {
        let anchor = date(2025, 3, 10);
        let august = raw(RawKind::Month {
            month: 8,
            shift: Shift::Nearest,
        });
        let resolved = resolve(&august, &context(anchor, false));
        assert_eq!(
            resolved.map(|r| (r.date, r.precision)),
            Some((date(2024, 8, 1), DatePrecision::Month))
        );
        let december = raw(RawKind::MonthDay {
            month: 12,
            day: 28,
            weekday: None,
        });
        assert_eq!(
            resolve(&december, &context(anchor, false)).map(|r| r.date),
            Some(date(2024, 12, 28))
        );
        let soon = raw(RawKind::MonthDay {
            month: 3,
            day: 20,
            weekday: None,
        });
        assert_eq!(
            resolve(&soon, &context(anchor, false)).map(|r| r.date),
            Some(date(2025, 3, 20))
        );
    }

    #[test]
    fn periods_and_offsets() {
        let anchor = date(2015, 9, 22); // a Tuesday
        let last_week = raw(RawKind::Period {
            unit: TimeUnit::Week,
            shift: Shift::Last,
        });
        let resolved = resolve(&last_week, &context(anchor, false));
        assert_eq!(
            resolved.map(|r| (r.date, r.until)),
            Some((date(2015, 9, 14), Some(date(2015, 9, 20))))
        );
        let ago = raw(RawKind::FromAnchor {
            amount: -2,
            unit: TimeUnit::Year,
        });
        assert_eq!(
            resolve(&ago, &context(anchor, false)).map(|r| (r.date, r.precision)),
            Some((date(2013, 1, 1), DatePrecision::Year))
        );
        let mut later_context = context(anchor, false);
        later_context.previous = Some(Resolved::day(date(2015, 1, 30)));
        let later = raw(RawKind::FromPrevious {
            amount: 2,
            unit: TimeUnit::Day,
        });
        assert_eq!(
            resolve(&later, &later_context).map(|r| r.date),
            Some(date(2015, 2, 1))
        );
        let last_summer = raw(RawKind::Period {
            unit: TimeUnit::Season(2),
            shift: Shift::Last,
        });
        let resolved = resolve(&last_summer, &context(date(2023, 2, 23), false));
        assert_eq!(
            resolved.map(|r| (r.date, r.until)),
            Some((date(2022, 6, 1), Some(date(2022, 8, 31))))
        );
    }

    #[test]
    fn coarse_anchor_resolves_only_coarse_expressions() {
        let mut coarse = context(date(2025, 12, 1), false);
        if let Some(anchor) = coarse.anchor.as_mut() {
            anchor.precision = DatePrecision::Month;
        }
        let yesterday = raw(RawKind::DayOffset { days: -1 });
        assert_eq!(resolve(&yesterday, &coarse), None);
        let this_year = raw(RawKind::Period {
            unit: TimeUnit::Year,
            shift: Shift::This,
        });
        assert_eq!(
            resolve(&this_year, &coarse).map(|r| r.date),
            Some(date(2025, 1, 1))
        );
    }
}
