//! `gum-dates`: date detection and resolution on the GUM corpus's Wikinews
//! news documents (`gum/xml/GUM_news_*.xml`).
//!
//! Each document's text is rebuilt from its token lines (one sentence per
//! `<s>`, one block per `<p>` or `<head>`; heads are headings and are not
//! read by the extractor, so gold dates in them are not scored). The gold
//! dates are the `<date>` elements; `when` gives the normalised date at its
//! own precision (YYYY, YYYY-MM, YYYY-MM-DD; a time is cut to its day), and
//! `from`/`to` give periods.
//!
//! Measures:
//! - detection: gold date spans found by an overlapping predicted span
//!   (one-to-one, in order), P/R/F1;
//! - resolution with anchor = `dateCreated`: a gold date with `when` is
//!   right when an overlapping prediction resolves to the same date at the
//!   gold precision, with a precision at least as fine. Reported for all,
//!   for absolute expressions (the span writes a four-digit year) and for
//!   relative ones (weekdays, "yesterday", "last year", "May 16"...);
//!   precision counts predictions that matched a gold `when` date and were
//!   resolved (wrong ones are false positives);
//! - periods (`from`/`to`): right when our first day and `until` match;
//! - article date: our inferred date (metadata withheld) against
//!   `dateCreated`, and resolution again with that inferred anchor.

use crate::{Counts, Report};
use anyhow::{bail, Context as _, Result};
use chrono::NaiveDate;
use parallax::model::{
    Article, ArticleDate, ArticleDateSource, Block, BlockKind, DatePrecision, DateRef, Doc,
    Sentence, Span,
};
use std::path::Path;

/// A gold date element.
#[derive(Debug, Clone)]
struct GoldDate {
    start: usize,
    end: usize,
    when: Option<(NaiveDate, DatePrecision)>,
    period: Option<(NaiveDate, NaiveDate)>,
    in_heading: bool,
}

struct GumDocument {
    name: String,
    created: NaiveDate,
    article: Article,
    doc: Doc,
    gold: Vec<GoldDate>,
}

fn attribute<'line>(line: &'line str, name: &str) -> Option<&'line str> {
    let key = format!("{name}=\"");
    let start = line.find(&key)? + key.len();
    let rest = line.get(start..)?;
    let end = rest.find('"')?;
    rest.get(..end)
}

/// "2015", "2015-05", "2015-05-18", "2010-09-04T22:30:00"; not "--10".
fn parse_when(value: &str) -> Option<(NaiveDate, DatePrecision)> {
    let date_part = value.split('T').next()?;
    let pieces: Vec<&str> = date_part.split('-').collect();
    match pieces.as_slice() {
        [year] if year.len() == 4 => Some((
            NaiveDate::from_ymd_opt(year.parse().ok()?, 1, 1)?,
            DatePrecision::Year,
        )),
        [year, month] if year.len() == 4 => Some((
            NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1)?,
            DatePrecision::Month,
        )),
        [year, month, day] if year.len() == 4 => Some((
            NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)?,
            DatePrecision::Day,
        )),
        _ => None,
    }
}

fn parse_day(value: &str) -> Option<NaiveDate> {
    match parse_when(value)? {
        (date, DatePrecision::Day) => Some(date),
        _ => None,
    }
}

fn no_space_before(token: &str) -> bool {
    matches!(
        token,
        "," | "."
            | ";"
            | ":"
            | "!"
            | "?"
            | "%"
            | ")"
            | "]"
            | "'s"
            | "n't"
            | "'"
            | "’s"
            | "'re"
            | "'ve"
            | "'ll"
            | "'d"
            | "'m"
    )
}

fn no_space_after(token: &str) -> bool {
    matches!(token, "(" | "[" | "$" | "#")
}

/// Reads one GUM xml document.
fn read_document(path: &Path) -> Result<GumDocument> {
    let content = std::fs::read_to_string(path)
        .with_context(|| format!("failed to read {}", path.display()))?;
    let name = path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or("")
        .to_string();
    let mut lines = content.lines();
    let header = lines.next().unwrap_or("");
    let created = attribute(header, "dateCreated")
        .and_then(parse_day)
        .with_context(|| format!("{}: no dateCreated", path.display()))?;
    let mut text = String::new();
    let mut blocks = Vec::new();
    let mut sentences = Vec::new();
    let mut gold = Vec::new();
    // Open date elements: (index into gold, whether a token has been seen).
    let mut open_dates: Vec<(usize, bool)> = Vec::new();
    let mut in_heading = false;
    let mut block_start: Option<usize> = None;
    let mut sentence_start: Option<usize> = None;
    let mut previous_token: Option<String> = None;
    for line in lines {
        let trimmed = line.trim();
        if trimmed.starts_with("<head") || trimmed.starts_with("<p>") || trimmed.starts_with("<p ")
        {
            in_heading = trimmed.starts_with("<head");
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            block_start = Some(text.len());
            previous_token = None;
        } else if trimmed == "</head>" || trimmed == "</p>" {
            if let Some(start) = block_start.take() {
                if text.len() > start {
                    let kind = if in_heading {
                        BlockKind::Heading
                    } else {
                        BlockKind::Body
                    };
                    blocks.push(Block {
                        span: Span::new(0, start, text.len()),
                        kind,
                    });
                }
            }
        } else if trimmed.starts_with("<s ") || trimmed == "<s>" {
            if block_start.is_none() {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                block_start = Some(text.len());
                previous_token = None;
            }
            sentence_start = None;
        } else if trimmed == "</s>" {
            if let Some(start) = sentence_start.take() {
                sentences.push(Sentence {
                    span: Span::new(0, start, text.len()),
                    block: blocks.len() as u32,
                    heading: in_heading,
                    paragraph_start: false,
                    tokens: 0..0,
                    opens_inside_quote: false,
                });
            }
        } else if trimmed.starts_with("<date") {
            let when = attribute(trimmed, "when").and_then(parse_when);
            let period = match (
                attribute(trimmed, "from").and_then(parse_day),
                attribute(trimmed, "to").and_then(parse_day),
            ) {
                (Some(from), Some(to)) => Some((from, to)),
                _ => None,
            };
            gold.push(GoldDate {
                start: usize::MAX,
                end: 0,
                when,
                period,
                in_heading,
            });
            open_dates.push((gold.len() - 1, false));
        } else if trimmed == "</date>" {
            open_dates.pop();
        } else if line.contains('\t') && !trimmed.starts_with('<') {
            let token = line.split('\t').next().unwrap_or("");
            if token.is_empty() {
                continue;
            }
            let separated =
                !text.is_empty() && sentence_start.is_some() || previous_token.is_some();
            let glue =
                no_space_before(token) || previous_token.as_deref().is_some_and(no_space_after);
            if separated && !glue && !text.ends_with("\n\n") {
                text.push(' ');
            }
            if sentence_start.is_none() {
                sentence_start = Some(text.len());
            }
            let token_start = text.len();
            text.push_str(token);
            for (gold_index, _) in &open_dates {
                if let Some(date) = gold.get_mut(*gold_index) {
                    date.start = date.start.min(token_start);
                    date.end = text.len();
                }
            }
            previous_token = Some(token.to_string());
        }
    }
    // Fix sentence block indices: the block is pushed at </p>, after its
    // sentences, so the index recorded is the block's own.
    gold.retain(|date| date.start < date.end);
    let article = Article {
        id: name.clone(),
        index: 0,
        source: path.display().to_string(),
        url: None,
        title: None,
        byline: None,
        published: None,
        language: Some("eng".to_string()),
        text,
        blocks,
        // Sentences are kept on the Doc.
    };
    let doc = Doc {
        article: 0,
        language: Some("eng".to_string()),
        sentences,
        tokens: Vec::new(),
    };
    Ok(GumDocument {
        name,
        created,
        article,
        doc,
        gold,
    })
}

fn truncate(date: NaiveDate, precision: DatePrecision) -> NaiveDate {
    use chrono::Datelike;
    match precision {
        DatePrecision::Day => date,
        DatePrecision::Month | DatePrecision::Season => {
            NaiveDate::from_ymd_opt(date.year(), date.month(), 1).unwrap_or(date)
        }
        DatePrecision::Year | DatePrecision::Decade => {
            NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date)
        }
    }
}

/// Pairs gold dates with overlapping predictions, one to one, in order.
fn match_spans(gold: &[&GoldDate], predicted: &[DateRef]) -> Vec<Option<usize>> {
    let mut used = vec![false; predicted.len()];
    let mut pairs = Vec::new();
    for gold_date in gold {
        let found = predicted
            .iter()
            .enumerate()
            .position(|(index, prediction)| {
                !used.get(index).copied().unwrap_or(true)
                    && (prediction.span.start as usize) < gold_date.end
                    && gold_date.start < prediction.span.end as usize
            });
        if let Some(index) = found {
            if let Some(flag) = used.get_mut(index) {
                *flag = true;
            }
        }
        pairs.push(found);
    }
    pairs
}

fn is_absolute(text: &str) -> bool {
    text.as_bytes()
        .windows(4)
        .any(|window| window.iter().all(u8::is_ascii_digit))
}

#[derive(Default)]
struct Tally {
    detection: Counts,
    all: Counts,
    absolute: Counts,
    relative: Counts,
    periods: Counts,
    wrong_examples: Vec<String>,
    missed_examples: Vec<String>,
    extra_examples: Vec<String>,
}

fn score(
    document: &GumDocument,
    anchor: Option<&ArticleDate>,
    tally: &mut Tally,
    keep_examples: bool,
) {
    let predicted = parallax::extract::dates::find_dates(&document.article, &document.doc, anchor);
    let gold: Vec<&GoldDate> = document
        .gold
        .iter()
        .filter(|date| !date.in_heading)
        .collect();
    let pairs = match_spans(&gold, &predicted);
    let matched = pairs.iter().filter(|pair| pair.is_some()).count() as f64;
    tally.detection.add(Counts {
        true_positives: matched,
        false_positives: predicted.len() as f64 - matched,
        false_negatives: gold.len() as f64 - matched,
    });
    if keep_examples {
        for (gold_date, pair) in gold.iter().zip(&pairs) {
            if pair.is_none() && tally.missed_examples.len() < 30 {
                let gold_text = document
                    .article
                    .text
                    .get(gold_date.start..gold_date.end)
                    .unwrap_or("");
                tally
                    .missed_examples
                    .push(format!("{}: {gold_text:?}", document.name));
            }
        }
        for (index, prediction) in predicted.iter().enumerate() {
            if !pairs.contains(&Some(index)) && tally.extra_examples.len() < 30 {
                let context_start = (prediction.span.start as usize).saturating_sub(30);
                let context_end =
                    (prediction.span.end as usize + 30).min(document.article.text.len());
                let context = document
                    .article
                    .text
                    .get(context_start..context_end)
                    .unwrap_or_else(|| document.article.slice(&prediction.span));
                tally.extra_examples.push(format!(
                    "{}: {:?} in {context:?}",
                    document.name,
                    document.article.slice(&prediction.span)
                ));
            }
        }
    }
    for (gold_date, pair) in gold.iter().zip(&pairs) {
        let prediction = pair.and_then(|index| predicted.get(index));
        let gold_text = document
            .article
            .text
            .get(gold_date.start..gold_date.end)
            .unwrap_or("");
        if let Some((gold_day, gold_precision)) = gold_date.when {
            let resolved = prediction.and_then(|p| p.date.map(|date| (date, p.precision)));
            let right = resolved.is_some_and(|(date, precision)| {
                precision <= gold_precision && truncate(date, gold_precision) == gold_day
            });
            let counts = Counts {
                true_positives: if right { 1.0 } else { 0.0 },
                false_positives: if resolved.is_some() && !right {
                    1.0
                } else {
                    0.0
                },
                false_negatives: if right { 0.0 } else { 1.0 },
            };
            tally.all.add(counts);
            if is_absolute(gold_text) {
                tally.absolute.add(counts);
            } else {
                tally.relative.add(counts);
            }
            if !right && keep_examples && tally.wrong_examples.len() < 40 {
                tally.wrong_examples.push(format!(
                    "{}: {:?} gold {} {:?}, ours {:?}",
                    document.name, gold_text, gold_day, gold_precision, resolved
                ));
            }
        } else if let Some((from, to)) = gold_date.period {
            let resolved = prediction.and_then(|p| p.date.map(|date| (date, p.until)));
            let right = resolved.is_some_and(|(date, until)| date == from && until == Some(to));
            tally.periods.add(Counts {
                true_positives: if right { 1.0 } else { 0.0 },
                false_positives: if resolved.is_some() && !right {
                    1.0
                } else {
                    0.0
                },
                false_negatives: if right { 0.0 } else { 1.0 },
            });
        }
    }
}

/// Runs the suite on `data_dir/gum/xml`.
pub fn run(data_dir: &Path) -> Result<Report> {
    let folder = data_dir.join("gum").join("xml");
    if !folder.is_dir() {
        bail!(
            "GUM xml folder not found: {} (pass --data with the shared data folder)",
            folder.display()
        );
    }
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .with_context(|| format!("failed to list {}", folder.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with("GUM_news_") && name.ends_with(".xml"))
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        bail!("no GUM_news_*.xml documents in {}", folder.display());
    }
    let mut report = Report::new("gum-dates");
    let mut with_created = Tally::default();
    let mut with_inferred = Tally::default();
    let mut article_date_right = 0usize;
    let mut article_date_month_right = 0usize;
    let mut article_date_found = 0usize;
    let mut documents = 0usize;
    for path in &paths {
        let document = read_document(path)?;
        documents += 1;
        let created = ArticleDate {
            date: document.created,
            precision: DatePrecision::Day,
            source: ArticleDateSource::Metadata,
        };
        score(&document, Some(&created), &mut with_created, true);
        let inferred = parallax::extract::dates::article_date(&document.article, &document.doc);
        if let Some(inferred) = inferred {
            article_date_found += 1;
            if inferred.date != document.created {
                report.note(format!(
                    "article date of {}: inferred {} ({:?}), dateCreated {}",
                    document.name, inferred.date, inferred.precision, document.created
                ));
            }
            if inferred.precision == DatePrecision::Day && inferred.date == document.created {
                article_date_right += 1;
            }
            if truncate(inferred.date, DatePrecision::Month)
                == truncate(document.created, DatePrecision::Month)
            {
                article_date_month_right += 1;
            }
        }
        score(&document, inferred.as_ref(), &mut with_inferred, false);
    }
    report.counts("detection (span overlap)", with_created.detection, None);
    report.counts(
        "resolution, anchor dateCreated: all",
        with_created.all,
        None,
    );
    report.counts(
        "  absolute (span writes a year)",
        with_created.absolute,
        None,
    );
    report.counts("  relative", with_created.relative, None);
    report.counts("  periods (from/to)", with_created.periods, None);
    report.counts("resolution, anchor inferred: all", with_inferred.all, None);
    report.counts("  relative", with_inferred.relative, None);
    let total = documents.max(1) as f64;
    report.value(
        "article date inferred (share of documents)",
        article_date_found as f64 / total,
        None,
    );
    report.value(
        "article date = dateCreated (day)",
        article_date_right as f64 / total,
        None,
    );
    report.value(
        "article date month = dateCreated month",
        article_date_month_right as f64 / total,
        None,
    );
    report.note(format!("{documents} news documents; dateCreated is the Wikinews creation date, which can differ from the dateline by a day or more"));
    for example in with_created.wrong_examples.iter().take(25) {
        report.note(format!("wrong: {example}"));
    }
    for example in with_created.missed_examples.iter().take(25) {
        report.note(format!("missed: {example}"));
    }
    for example in with_created.extra_examples.iter().take(25) {
        report.note(format!("extra: {example}"));
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn when_values_parse_at_their_precision() {
        assert_eq!(
            parse_when("2015").map(|(_, p)| p),
            Some(DatePrecision::Year)
        );
        assert_eq!(
            parse_when("2015-05").map(|(_, p)| p),
            Some(DatePrecision::Month)
        );
        assert_eq!(
            parse_when("2010-09-04T22:30:00").map(|(d, p)| (d.to_string(), p)),
            Some(("2010-09-04".to_string(), DatePrecision::Day))
        );
        assert_eq!(parse_when("--10"), None);
    }

    #[test]
    fn missing_data_is_an_error() {
        let result = run(Path::new("/nonexistent-parallax-data"));
        assert!(result.is_err());
    }

    #[test]
    fn reads_a_small_document() {
        let folder = std::env::temp_dir().join(format!("parallax-gum-test-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&folder);
        let path = folder.join("GUM_news_test.xml");
        let xml = "<text id=\"x\" dateCreated=\"2015-05-18\">\n<p>\n<s type=\"decl\">\nOn\tIN\n<date when=\"2015-05-15\">\nFriday\tNP\n</date>\n,\t,\nboats\tNNS\nsank\tVVD\n.\t.\n</s>\n</p>\n</text>\n";
        let written = std::fs::write(&path, xml);
        assert!(written.is_ok());
        let document = read_document(&path);
        let _ = std::fs::remove_dir_all(&folder);
        let document = document.unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(document.article.text, "On Friday, boats sank.");
        assert_eq!(document.gold.len(), 1);
        let gold = &document.gold[0];
        assert_eq!(&document.article.text[gold.start..gold.end], "Friday");
        let created = ArticleDate {
            date: document.created,
            precision: DatePrecision::Day,
            source: ArticleDateSource::Metadata,
        };
        let mut tally = Tally::default();
        score(&document, Some(&created), &mut tally, false);
        assert_eq!(tally.all.true_positives, 1.0);
    }
}
