//! Dates: absolute and relative expressions, resolved against the article's
//! date.
//!
//! [`find_dates`] reads the body sentences (not headings); [`article_date`]
//! takes the input's date when it has one and otherwise infers it from the
//! text (see its documentation for exactly what is inferred). Detection is
//! in `detect`, resolution rules in `resolve`, the word tables in `names`.

mod detect;
mod names;
mod resolve;

use crate::model::{Article, ArticleDate, ArticleDateSource, DatePrecision, DateRef, Doc, Span};
use chrono::{Datelike, NaiveDate, Weekday};
use detect::{RawDate, RawKind};
use resolve::{Context, Resolved};

/// Byte ranges of the date expressions in `text[floor..ceiling]` (for the
/// quantity extractor, which must not count days and years).
pub(crate) fn date_spans(text: &str, floor: usize, ceiling: usize) -> Vec<(usize, usize)> {
    detect::detect(text, floor, ceiling)
        .into_iter()
        .map(|raw| (raw.start, raw.end))
        .collect()
}

/// True for a month or weekday name as written ("March", "Saturday").
pub(crate) fn is_month_or_weekday(word: &str) -> bool {
    matches!(
        names::lookup(word),
        Some((names::NameKind::Month | names::NameKind::Weekday, _))
    )
}

/// Lower-case words of a text, for cue matching.
fn lower_words(text: &str) -> Vec<String> {
    text.split(|character: char| {
        !character.is_alphanumeric() && character != '\'' && character != '’'
    })
    .filter(|word| !word.is_empty())
    .map(|word| word.to_lowercase().replace('’', "'"))
    .collect()
}

/// How many words on each side of a date are read for a future cue.
const FUTURE_WINDOW: usize = 8;

/// True when a future cue stands within [`FUTURE_WINDOW`] words of the
/// date at `date_start..date_end` in its sentence (a "will" in a quotation
/// at the other end of a long sentence says nothing of this date).
fn date_is_future(
    text: &str,
    sentence_start: usize,
    sentence_end: usize,
    date_start: usize,
    date_end: usize,
) -> bool {
    let before = lower_words(text.get(sentence_start..date_start).unwrap_or(""));
    let after = lower_words(text.get(date_end..sentence_end).unwrap_or(""));
    let mut window: Vec<String> = before
        .iter()
        .rev()
        .take(FUTURE_WINDOW)
        .rev()
        .cloned()
        .collect();
    window.extend(after.into_iter().take(FUTURE_WINDOW));
    names::contains_phrase(&window, &names::cues().future)
}

fn sentence_is_future(text: &str) -> bool {
    let words = lower_words(text);
    names::contains_phrase(&words, &names::cues().future)
}

/// Finds the date expressions of the body sentences and resolves them
/// against `anchor` (the article's date) and the date mentioned before each.
pub fn find_dates(article: &Article, doc: &Doc, anchor: Option<&ArticleDate>) -> Vec<DateRef> {
    let mut dates = Vec::new();
    let mut previous: Option<Resolved> = None;
    for (sentence_index, sentence) in doc.sentences.iter().enumerate() {
        if sentence.heading {
            continue;
        }
        let floor = sentence.span.start as usize;
        let ceiling = sentence.span.end as usize;
        let raw_dates = detect::detect(&article.text, floor, ceiling);
        if raw_dates.is_empty() {
            continue;
        }
        let future_sentence = sentence_is_future(article.slice(&sentence.span));
        let mut sentence_year: Option<i32> = None;
        for raw in raw_dates {
            let future = date_is_future(&article.text, floor, ceiling, raw.start, raw.end);
            let context = Context {
                anchor: anchor.copied(),
                previous,
                sentence_year,
                future,
                future_sentence,
            };
            let resolved = resolve::resolve(&raw, &context);
            if let RawKind::Full { year, .. } | RawKind::MonthYear { year, .. } = raw.kind {
                sentence_year = Some(year);
            }
            if let Some(resolved) = resolved {
                previous = Some(resolved);
            }
            dates.push(to_date_ref(article, &raw, resolved, sentence_index));
        }
    }
    dates
}

fn to_date_ref(
    article: &Article,
    raw: &RawDate,
    resolved: Option<Resolved>,
    sentence_index: usize,
) -> DateRef {
    let precision = resolved
        .map(|resolved| resolved.precision)
        .unwrap_or_else(|| natural_precision(&raw.kind));
    DateRef {
        span: Span::new(article.index, raw.start, raw.end),
        sentence: u32::try_from(sentence_index).unwrap_or(u32::MAX),
        relative: raw.kind.is_relative(),
        date: resolved.map(|resolved| resolved.date),
        precision,
        until: resolved.and_then(|resolved| resolved.until),
        since: raw.since,
    }
}

/// The precision an expression would have if resolved.
fn natural_precision(kind: &RawKind) -> DatePrecision {
    match kind {
        RawKind::MonthYear { .. } | RawKind::Month { .. } => DatePrecision::Month,
        RawKind::Year { .. } => DatePrecision::Year,
        RawKind::Decade { .. } => DatePrecision::Decade,
        RawKind::SeasonYear { .. } => DatePrecision::Season,
        RawKind::Period { unit, .. }
        | RawKind::FromAnchor { unit, .. }
        | RawKind::FromPrevious { unit, .. }
        | RawKind::FromFollowingEvent { unit, .. }
        | RawKind::PastPeriod { unit, .. } => match unit {
            detect::TimeUnit::Month => DatePrecision::Month,
            detect::TimeUnit::Year | detect::TimeUnit::Decade => DatePrecision::Year,
            detect::TimeUnit::Season(_) => DatePrecision::Season,
            _ => DatePrecision::Day,
        },
        _ => DatePrecision::Day,
    }
}

/// How many blocks from the top are read for a dateline or a
/// "Published: …" line.
const HEADER_BLOCKS: usize = 8;

/// The article's own date.
///
/// 1. `article.published` (the input's metadata): that day, source
///    `Metadata`.
/// 2. A publication line near the top, in any block whatever its kind
///    ("Published: 13 December 2025", "Updated Dec. 13, 2025 10:30"), or a
///    block near the top that is nothing but a full date ("Monday, May 18,
///    2015"): that day, `Header`, precision `Day`.
/// 3. A dateline ("MINSK, Dec 13 (Reuters) -") or publication line whose
///    date has no year: the day is stated; the year is inferred as in 4.
/// 4. Days written without a year ("December 13") and weekdays written
///    anywhere ("on Saturday"): the year, within the latest year the text
///    mentions and the four after it, in which the most such days fall on a
///    weekday the text names, when one year alone scores best. The date is
///    then the dateline's day when there is one, else the latest such
///    weekday-matched day (the article was written on or after it):
///    precision `Day`.
/// 5. Else the latest full date in the text, at `Month` precision (the
///    article is most likely from that month or soon after; the day is not
///    claimed); else the latest month-and-year or year mentioned outside
///    future sentences, at `Year` (a month-and-year is often a past
///    reference point, "since July 2024", so not even its month is claimed
///    for the article).
///
/// `None` when the text has no date at all.
pub fn article_date(article: &Article, doc: &Doc) -> Option<ArticleDate> {
    if let Some(date) = article.published {
        return Some(ArticleDate {
            date,
            precision: DatePrecision::Day,
            source: ArticleDateSource::Metadata,
        });
    }
    let inferred = |date: NaiveDate, precision: DatePrecision| ArticleDate {
        date,
        precision,
        source: ArticleDateSource::Inferred,
    };
    let header = header_date(article);
    if let Some(HeaderDate::Full(date)) = header {
        return Some(ArticleDate {
            date,
            precision: DatePrecision::Day,
            source: ArticleDateSource::Header,
        });
    }
    let mentions = collect_mentions(article, doc);
    let header_month_day = match header {
        Some(HeaderDate::MonthDay(month, day)) => Some((month, day)),
        _ => None,
    };
    if let Some(date) = infer_from_weekdays(&mentions, header_month_day) {
        let source = if header_month_day.is_some() {
            ArticleDateSource::Dateline
        } else {
            ArticleDateSource::Inferred
        };
        return Some(ArticleDate {
            date,
            precision: DatePrecision::Day,
            source,
        });
    }
    if header_month_day.is_some() {
        // A dateline gives the day but not the year, and the years the text
        // mentions are often past ones ("the dam, built in 1971"): better
        // no article date than a wrong one.
        return None;
    }
    if let Some(latest) = mentions.full.iter().max() {
        return NaiveDate::from_ymd_opt(latest.year(), latest.month(), 1)
            .map(|date| inferred(date, DatePrecision::Month));
    }
    let year = mentions.latest_year?;
    NaiveDate::from_ymd_opt(year, 1, 1).map(|date| inferred(date, DatePrecision::Year))
}

/// How far (in days) a dateline's day may lie from the nearest stated date
/// of its story for the story's year to be given to it.
const DATELINE_YEAR_REACH_DAYS: i64 = 45;

/// How far (in days) an article's own inferred day may lie from the nearest
/// stated date of its story and still be kept.
const INFERRED_DAY_REACH_DAYS: i64 = 10;

/// Story anchoring: a better date for an article whose own date is guessed
/// or missing, from the stated dates (metadata or a printed full date) of
/// the other articles of its story.
///
/// `lineage_dates` are the stated dates of the article's lineage (copies and
/// rewrites of one text, which carry its date), `story_dates` those of the
/// whole story. Returns `None` when the article's own date stands: it is
/// stated, the story has no stated date, or the article's inferred day lies
/// within [`INFERRED_DAY_REACH_DAYS`] of one. Otherwise, in order:
/// 1. A dateline's day without a stated year ("MINSK, Dec 13 (Wire) -")
///    takes the year that puts it nearest a stated date of the story, within
///    [`DATELINE_YEAR_REACH_DAYS`].
/// 2. Else the earliest stated date of its lineage.
/// 3. Else the latest stated date of its story: weekdays written without a
///    date ("on Tuesday") then fall in the week before it, which holds for
///    every report of a story whose stated dates span less than a week.
///
/// The result's precision is `Day`; its source [`ArticleDateSource::Dateline`]
/// in case 1 (the day is the article's own), else
/// [`ArticleDateSource::Story`].
pub fn story_anchor(
    article: &Article,
    own: Option<&ArticleDate>,
    lineage_dates: &[NaiveDate],
    story_dates: &[NaiveDate],
) -> Option<ArticleDate> {
    if own.is_some_and(|date| date.source.is_stated()) {
        return None;
    }
    let mut stated: Vec<NaiveDate> = story_dates.to_vec();
    stated.sort_unstable();
    stated.dedup();
    let distance_to_stated = |date: NaiveDate| {
        stated
            .iter()
            .map(|stated_date| (*stated_date - date).num_days().abs())
            .min()
    };
    let from_story = |date: NaiveDate| ArticleDate {
        date,
        precision: DatePrecision::Day,
        source: ArticleDateSource::Story,
    };
    if stated.is_empty() {
        return None;
    }
    if let Some(HeaderDate::MonthDay(month, day)) = header_date(article) {
        let mut best: Option<(i64, NaiveDate)> = None;
        for stated_date in &stated {
            for year in stated_date.year() - 1..=stated_date.year() + 1 {
                let Some(candidate) = NaiveDate::from_ymd_opt(year, month, day) else {
                    continue;
                };
                let Some(distance) = distance_to_stated(candidate) else {
                    continue;
                };
                if best.is_none_or(|(best_distance, _)| distance < best_distance) {
                    best = Some((distance, candidate));
                }
            }
        }
        if let Some((distance, candidate)) = best {
            if distance <= DATELINE_YEAR_REACH_DAYS {
                let unchanged = own.is_some_and(|date| date.date == candidate);
                return (!unchanged).then_some(ArticleDate {
                    date: candidate,
                    precision: DatePrecision::Day,
                    source: ArticleDateSource::Dateline,
                });
            }
        }
        return None;
    }
    if let Some(own_date) = own.filter(|date| date.precision == DatePrecision::Day) {
        if distance_to_stated(own_date.date).is_some_and(|days| days <= INFERRED_DAY_REACH_DAYS) {
            return None;
        }
    }
    if let Some(earliest) = lineage_dates.iter().min() {
        return Some(from_story(*earliest));
    }
    let latest = stated.last()?;
    Some(from_story(*latest))
}

/// True when a dateline or publication line near the top states a day
/// without its year ("BERGVIK, Sept 8 (Wire) -").
pub fn has_dateline_day(article: &Article) -> bool {
    matches!(header_date(article), Some(HeaderDate::MonthDay(..)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeaderDate {
    Full(NaiveDate),
    MonthDay(u32, u32),
}

/// A date from a publication line, a date-only block or a dateline among the
/// first blocks.
fn header_date(article: &Article) -> Option<HeaderDate> {
    let mut month_day: Option<HeaderDate> = None;
    for block in article.blocks.iter().take(HEADER_BLOCKS) {
        let floor = block.span.start as usize;
        let ceiling = block.span.end as usize;
        let block_text = article.slice(&block.span);
        let found = detect::detect(&article.text, floor, ceiling);
        let Some(first) = found.first() else {
            continue;
        };
        let before_first = article.text.get(floor..first.start).unwrap_or("");
        let opening_words = lower_words(before_first);
        let is_publication_line = !opening_words.is_empty()
            && opening_words.len() <= 3
            && names::cues()
                .publication
                .iter()
                .any(|cue| opening_words.starts_with(cue));
        let content_length = block_text.chars().filter(|c| c.is_alphanumeric()).count();
        let date_length = article
            .text
            .get(first.start..first.end)
            .map(|date| date.chars().filter(|c| c.is_alphanumeric()).count())
            .unwrap_or(0);
        let date_only = content_length > 0 && date_length * 10 >= content_length * 8;
        let dateline = is_dateline(
            before_first,
            article.text.get(first.end..ceiling).unwrap_or(""),
        );
        if !(is_publication_line || date_only || dateline) {
            continue;
        }
        match first.kind {
            RawKind::Full { year, month, day } => {
                if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                    return Some(HeaderDate::Full(date));
                }
            }
            RawKind::MonthDay { month, day, .. } if month_day.is_none() => {
                month_day = Some(HeaderDate::MonthDay(month, day));
            }
            _ => {}
        }
    }
    month_day
}

/// "MINSK, Dec 13 (Reuters) -" or "LUBENIK, Serovia, May 14 (Wire) -": an
/// upper-case place (optionally followed by its capitalised country or
/// region), a comma, the date, an optional agency in brackets and a dash.
fn is_dateline(before: &str, after: &str) -> bool {
    let place = before.trim_end().trim_end_matches(',');
    let mut segments = place.split(',').map(str::trim);
    let city = segments.next().unwrap_or("");
    let city_ok = !city.is_empty()
        && city.chars().any(char::is_alphabetic)
        && city.chars().all(|c| c.is_uppercase() || !c.is_alphabetic());
    let region_ok = segments.all(|segment| {
        !segment.is_empty()
            && segment.split_whitespace().count() <= 3
            && segment
                .split_whitespace()
                .all(|word| word.chars().next().is_some_and(char::is_uppercase))
    });
    let place_ok = place.len() <= 60 && city_ok && region_ok;
    let rest = after.trim_start();
    let rest = if rest.starts_with('(') {
        rest.find(')')
            .and_then(|close| rest.get(close + 1..))
            .unwrap_or("")
            .trim_start()
    } else {
        rest
    };
    let dash_ok = rest.starts_with(['-', '–', '—']);
    place_ok && dash_ok
}

#[derive(Debug, Default)]
struct Mentions {
    full: Vec<NaiveDate>,
    month_days: Vec<(u32, u32, Option<u32>)>,
    weekdays: Vec<u32>,
    latest_year: Option<i32>,
}

/// The dates written in the body sentences, by kind.
fn collect_mentions(article: &Article, doc: &Doc) -> Mentions {
    let mut mentions = Mentions::default();
    for sentence in doc.sentences.iter().filter(|sentence| !sentence.heading) {
        let floor = sentence.span.start as usize;
        let ceiling = sentence.span.end as usize;
        let found = detect::detect(&article.text, floor, ceiling);
        if found.is_empty() {
            continue;
        }
        let future = sentence_is_future(article.slice(&sentence.span));
        for raw in found {
            let year = match raw.kind {
                RawKind::Full { year, month, day } => {
                    if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                        mentions.full.push(date);
                    }
                    Some(year)
                }
                RawKind::MonthYear { year, .. } => Some(year),
                RawKind::Year { year } | RawKind::SeasonYear { year, .. } => Some(year),
                RawKind::MonthDay {
                    month,
                    day,
                    weekday,
                } => {
                    mentions.month_days.push((month, day, weekday));
                    if let Some(weekday) = weekday {
                        mentions.weekdays.push(weekday);
                    }
                    None
                }
                RawKind::Weekday { weekday, .. } => {
                    mentions.weekdays.push(weekday);
                    None
                }
                _ => None,
            };
            if let Some(year) = year.filter(|_| !future) {
                mentions.latest_year =
                    Some(mentions.latest_year.map_or(year, |latest| latest.max(year)));
            }
        }
    }
    mentions
}

fn weekday_number(weekday: Weekday) -> u32 {
    weekday.number_from_monday()
}

/// How many years after the latest year mentioned step 4 of
/// [`article_date`] may place the article: a day of the year falls on the
/// same weekday again only after five, six or eleven years, so within this
/// window the answer is mostly unique.
const WEEKDAY_YEAR_WINDOW: i32 = 4;

/// Step 4 of [`article_date`].
fn infer_from_weekdays(
    mentions: &Mentions,
    header_month_day: Option<(u32, u32)>,
) -> Option<NaiveDate> {
    let latest_year = mentions.latest_year?;
    if mentions.weekdays.is_empty() {
        return None;
    }
    let mut days: Vec<(u32, u32)> = mentions
        .month_days
        .iter()
        .map(|(month, day, _)| (*month, *day))
        .collect();
    if let Some(header) = header_month_day {
        days.push(header);
    }
    if days.is_empty() {
        return None;
    }
    let mut scores: Vec<(i32, usize)> = Vec::new();
    for year in latest_year..=latest_year + WEEKDAY_YEAR_WINDOW {
        let score = days
            .iter()
            .filter_map(|(month, day)| NaiveDate::from_ymd_opt(year, *month, *day))
            .filter(|date| mentions.weekdays.contains(&weekday_number(date.weekday())))
            .count();
        scores.push((year, score));
    }
    let best = scores.iter().map(|(_, score)| *score).max()?;
    let winners: Vec<i32> = scores
        .iter()
        .filter(|(_, score)| *score == best && best > 0)
        .map(|(year, _)| *year)
        .collect();
    let [year] = winners.as_slice() else {
        return None;
    };
    if let Some((month, day)) = header_month_day {
        return NaiveDate::from_ymd_opt(*year, month, day);
    }
    days.iter()
        .filter_map(|(month, day)| NaiveDate::from_ymd_opt(*year, *month, *day))
        .filter(|date| mentions.weekdays.contains(&weekday_number(date.weekday())))
        .max()
}

#[cfg(test)]
mod tests;
