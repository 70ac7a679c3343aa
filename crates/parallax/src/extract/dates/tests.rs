use super::*;
use crate::extract::quantities::fixture::{article_of, article_with_kinds};
use crate::model::BlockKind;
use proptest::prelude::*;

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

fn day_anchor(anchor: NaiveDate) -> ArticleDate {
    ArticleDate {
        date: anchor,
        precision: DatePrecision::Day,
        source: ArticleDateSource::Metadata,
    }
}

fn resolved(
    paragraphs: &[&str],
    anchor: NaiveDate,
) -> Vec<(String, Option<NaiveDate>, DatePrecision, bool)> {
    let (article, doc) = article_of(paragraphs);
    find_dates(&article, &doc, Some(&day_anchor(anchor)))
        .into_iter()
        .map(|found| {
            (
                article.slice(&found.span).to_string(),
                found.date,
                found.precision,
                found.relative,
            )
        })
        .collect()
}

#[test]
fn resolves_a_paragraph_of_mixed_dates() {
    // 2024-03-06 is a Wednesday.
    let found = resolved(
        &[
            "The dam burst on Saturday after heavy rain in February, officials said yesterday.",
            "Engineers had warned in 2019 and again on 4 March 2023; two days later nothing was done.",
            "Repairs will start next month.",
        ],
        date(2024, 3, 6),
    );
    let expected = vec![
        ("Saturday", Some(date(2024, 3, 2)), DatePrecision::Day, true),
        (
            "February",
            Some(date(2024, 2, 1)),
            DatePrecision::Month,
            true,
        ),
        (
            "yesterday",
            Some(date(2024, 3, 5)),
            DatePrecision::Day,
            true,
        ),
        ("2019", Some(date(2019, 1, 1)), DatePrecision::Year, false),
        (
            "4 March 2023",
            Some(date(2023, 3, 4)),
            DatePrecision::Day,
            false,
        ),
        (
            "two days later",
            Some(date(2023, 3, 6)),
            DatePrecision::Day,
            true,
        ),
        (
            "next month",
            Some(date(2024, 4, 1)),
            DatePrecision::Month,
            true,
        ),
    ];
    let found: Vec<(&str, Option<NaiveDate>, DatePrecision, bool)> = found
        .iter()
        .map(|(text, date, precision, relative)| (text.as_str(), *date, *precision, *relative))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn future_tense_resolves_forward() {
    let found = resolved(&["The talks will resume on Monday."], date(2024, 3, 6));
    assert_eq!(
        found.first().and_then(|(_, date, _, _)| *date),
        Some(date(2024, 3, 11))
    );
}

#[test]
fn since_and_ranges() {
    let (article, doc) = article_of(&["Prices have doubled since July 2024, as in the 1970s."]);
    let found = find_dates(&article, &doc, None);
    assert_eq!(found.len(), 2);
    assert!(found
        .first()
        .is_some_and(|first| first.since && first.date == Some(date(2024, 7, 1))));
    assert!(found
        .get(1)
        .is_some_and(|second| second.until == Some(date(1979, 12, 31))
            && second.precision == DatePrecision::Decade));
}

#[test]
fn headings_are_not_read() {
    let (article, doc) = article_with_kinds(&[
        ("Storm of 1987 recalled", BlockKind::Heading),
        ("Nothing dated here.", BlockKind::Body),
    ]);
    assert!(find_dates(&article, &doc, None).is_empty());
}

#[test]
fn metadata_date_wins() {
    let (mut article, doc) = article_of(&["Published: 3 May 2021", "Something happened."]);
    article.published = Some(date(2020, 1, 2));
    let found = article_date(&article, &doc);
    assert_eq!(
        found.map(|found| (found.date, found.source)),
        Some((date(2020, 1, 2), ArticleDateSource::Metadata))
    );
}

#[test]
fn publication_line_in_boilerplate_gives_the_day() {
    let (article, doc) = article_with_kinds(&[
        (
            "Updated: Dec. 13, 2025 10:31 GMT",
            BlockKind::Boilerplate(crate::model::BoilerplateReason::Byline),
        ),
        ("The river rose again on Friday.", BlockKind::Body),
    ]);
    let found = article_date(&article, &doc);
    assert_eq!(
        found.map(|found| (found.date, found.precision)),
        Some((date(2025, 12, 13), DatePrecision::Day))
    );
}

#[test]
fn date_only_block_gives_the_day() {
    let (article, doc) = article_of(&[
        "Tuesday, March 8, 2011",
        "A new browser was released on Friday.",
    ]);
    let found = article_date(&article, &doc);
    assert_eq!(found.map(|found| found.date), Some(date(2011, 3, 8)));
}

#[test]
fn dateline_without_year_takes_the_year_from_weekdays() {
    // 14 June falls on a Saturday in 2025 (not in 2024 or 2026).
    let (article, doc) = article_of(&[
        "LISBON, June 14 (Wire) - Thousands marched on Saturday against the reform adopted in March 2024.",
        "The march was the largest since 2019.",
    ]);
    let found = article_date(&article, &doc);
    assert_eq!(
        found.map(|found| (found.date, found.precision, found.source)),
        Some((
            date(2025, 6, 14),
            DatePrecision::Day,
            ArticleDateSource::Dateline
        ))
    );
}

#[test]
fn weekday_and_day_agree_on_a_year() {
    // 13 December is a Saturday in 2025; the text mentions 2024 last.
    let (article, doc) = article_of(&[
        "The prisoners were freed on Saturday.",
        "The deal, agreed on December 13, followed talks that began in August 2024.",
    ]);
    let found = article_date(&article, &doc);
    assert_eq!(
        found.map(|found| (found.date, found.precision)),
        Some((date(2025, 12, 13), DatePrecision::Day))
    );
}

#[test]
fn latest_full_date_gives_a_month_only() {
    let (article, doc) =
        article_of(&["The law passed on 2 April 2019 and took effect on 1 June 2019."]);
    let found = article_date(&article, &doc);
    assert_eq!(
        found.map(|found| (found.date, found.precision)),
        Some((date(2019, 6, 1), DatePrecision::Month))
    );
}

#[test]
fn no_date_no_article_date() {
    let (article, doc) = article_of(&["Nothing here has a date."]);
    assert_eq!(article_date(&article, &doc), None);
}

#[test]
fn relative_dates_unresolved_without_anchor() {
    let (article, doc) = article_of(&["It rained on Monday."]);
    let found = find_dates(&article, &doc, None);
    assert_eq!(found.len(), 1);
    assert!(found
        .first()
        .is_some_and(|found| found.date.is_none() && found.relative));
}

proptest! {
    #[test]
    fn no_panic_and_spans_inside_sentences(paragraphs in proptest::collection::vec("\\PC{0,40}( (on Friday|May 3|in 2021|last week|3 days ago|LONDON, Jan 2 \\(X\\) -)\\PC{0,10}){0,3}", 1..4)) {
        let texts: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        let (article, doc) = article_of(&texts);
        let anchor = article_date(&article, &doc);
        let found = find_dates(&article, &doc, anchor.as_ref());
        for date_ref in found {
            let sentence = doc.sentences.get(date_ref.sentence as usize);
            prop_assert!(sentence.is_some_and(|sentence| sentence.span.contains(&date_ref.span)));
        }
    }
}

#[test]
fn weekend_year_ranges_and_hours() {
    // 2016-09-07 is a Wednesday.
    let found = resolved(
        &["Crowds came over the weekend to see crops modelled for 2000-2050; an hour later it rained."],
        date(2016, 9, 7),
    );
    let texts: Vec<&str> = found.iter().map(|(text, _, _, _)| text.as_str()).collect();
    assert_eq!(texts, vec!["weekend", "2000", "2050"]);
    assert_eq!(
        found.first().and_then(|(_, date, _, _)| *date),
        Some(date(2016, 9, 3))
    );
}

#[test]
fn a_distant_future_cue_does_not_move_a_weekday() {
    // 2023-02-23 is a Thursday: "Wednesday" is the day before.
    let found = resolved(
        &["On Wednesday, the minister told a radio station that the new rules, which were long in the making and much debated, will apply to everyone."],
        date(2023, 2, 23),
    );
    assert_eq!(
        found.first().and_then(|(_, date, _, _)| *date),
        Some(date(2023, 2, 22))
    );
}

#[test]
fn datelines_may_name_the_country_after_the_city() {
    assert!(super::is_dateline(
        "LUBENIK, Serovia, ",
        " (EuroWire) - At least 41 people"
    ));
    assert!(super::is_dateline("MINSK, ", " (Reuters) - Belarus freed"));
    assert!(super::is_dateline(
        "SAN JOSE, Costa Rica, ",
        " - Heavy rain"
    ));
    assert!(!super::is_dateline(
        "Officials in Lubenik said, ",
        " - the toll"
    ));
    assert!(!super::is_dateline(
        "LUBENIK, the regional capital, ",
        " - the toll"
    ));
}

#[test]
fn a_printed_full_date_is_a_stated_header_date() {
    let (article, doc) = article_of(&["Published 16 May 2025", "The river rose overnight."]);
    let found = article_date(&article, &doc);
    assert_eq!(
        found.map(|found| found.source),
        Some(ArticleDateSource::Header)
    );
    assert!(found.is_some_and(|found| found.source.is_stated()));
}

#[test]
fn story_anchor_gives_a_dateline_the_story_year() {
    // The text alone would guess a year from its weekday; the story's stated
    // date says which year it is.
    let (article, _doc) = article_of(&[
        "TORVIK, Sept 8 (Wire) - The ferry company said on Monday it would close two routes by 2027.",
    ]);
    let guessed = ArticleDate {
        date: date(2031, 9, 8),
        precision: DatePrecision::Day,
        source: ArticleDateSource::Dateline,
    };
    let anchored = story_anchor(&article, Some(&guessed), &[], &[date(2025, 9, 12)]);
    assert_eq!(
        anchored.map(|anchored| (anchored.date, anchored.source)),
        Some((date(2025, 9, 8), ArticleDateSource::Dateline))
    );
}

#[test]
fn story_anchor_leaves_stated_dates_and_borrows_for_undated_articles() {
    let (article, _doc) =
        article_of(&["The ferry company said on Monday it would close two routes."]);
    let stated = ArticleDate {
        date: date(2025, 9, 8),
        precision: DatePrecision::Day,
        source: ArticleDateSource::Header,
    };
    assert_eq!(
        story_anchor(&article, Some(&stated), &[], &[date(2025, 9, 12)]),
        None
    );
    // No stated date in the story: nothing to borrow.
    assert_eq!(story_anchor(&article, None, &[], &[]), None);
    // The lineage's date first, else the story's latest.
    let from_lineage = story_anchor(
        &article,
        None,
        &[date(2025, 9, 8)],
        &[date(2025, 9, 8), date(2025, 9, 12)],
    );
    assert_eq!(from_lineage.map(|found| found.date), Some(date(2025, 9, 8)));
    let from_story = story_anchor(&article, None, &[], &[date(2025, 9, 8), date(2025, 9, 12)]);
    assert_eq!(
        from_story.map(|found| (found.date, found.source)),
        Some((date(2025, 9, 12), ArticleDateSource::Story))
    );
}

#[test]
fn days_after_an_event_are_not_counted_from_the_previous_date() {
    let anchor = ArticleDate {
        date: date(2025, 9, 12),
        precision: DatePrecision::Day,
        source: ArticleDateSource::Metadata,
    };
    let (article, doc) = article_of(&[
        "Workers struck on Thursday, three days after the company announced the closures.",
        "Talks resumed on Tuesday. Two days later the union called off the strike.",
    ]);
    let found = find_dates(&article, &doc, Some(&anchor));
    let resolved: Vec<(String, Option<chrono::NaiveDate>)> = found
        .iter()
        .map(|found| (article.slice(&found.span).to_string(), found.date))
        .collect();
    assert!(
        resolved.contains(&("three days after".to_string(), None)),
        "{resolved:?}"
    );
    assert!(
        resolved.contains(&("Two days later".to_string(), Some(date(2025, 9, 11)))),
        "{resolved:?}"
    );
}

#[test]
fn years_in_would_sentences_are_not_the_article_year() {
    // "would" speaks of what is to come: 2029 is not when this was written.
    let (article, doc) = article_of(&[
        "The plant would close by the end of 2029, the company said on Monday.",
        "It opened in 2003.",
    ]);
    let found = article_date(&article, &doc);
    assert!(
        found.is_none_or(|found| found.date.year() < 2029),
        "{found:?}"
    );
}
