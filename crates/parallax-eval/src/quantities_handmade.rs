//! `quantities-handmade`: precision and recall of the quantity extractor's
//! value and counted phrase on a small set of sentences written by hand for
//! the purpose (`crates/parallax-eval/data/quantities_handmade.tsv`, compiled
//! in; no public data). A predicted figure matches a gold one when its
//! number as written is equal (within 1e-6 relative) and, for the second
//! measure, its counted phrase has the same stem key
//! (`quantities::counted_key`), "-" standing for none. Sum totals (figures
//! with `parts`) are left out: the gold lists the parts.

use crate::{Counts, Report};
use anyhow::Result;
use parallax::extract::quantities::{counted_key, find_quantities};
use parallax::model::{Article, Block, BlockKind, Doc, Qualifier, Quantity, Sentence, Span};
use std::path::Path;

const GOLD: &str = include_str!("../data/quantities_handmade.tsv");

/// The number as written, recovered from the interval and qualifier.
fn written_number(quantity: &Quantity) -> Option<f64> {
    let value = quantity.value;
    match quantity.qualifier {
        Qualifier::None => value.exact,
        Qualifier::AtLeast | Qualifier::MoreThan | Qualifier::Vague | Qualifier::Range => value.low,
        Qualifier::AtMost | Qualifier::LessThan | Qualifier::Nearly => value.high,
        Qualifier::About => value.low.map(|low| low / 0.9),
    }
}

fn one_sentence_article(sentence: &str) -> (Article, Doc) {
    let span = Span::new(0, 0, sentence.len());
    let article = Article {
        id: "handmade".to_string(),
        index: 0,
        source: "handmade".to_string(),
        url: None,
        title: None,
        byline: None,
        published: None,
        language: Some("eng".to_string()),
        text: sentence.to_string(),
        blocks: vec![Block {
            span,
            kind: BlockKind::Body,
        }],
    };
    let doc = Doc {
        article: 0,
        language: Some("eng".to_string()),
        sentences: vec![Sentence {
            span,
            block: 0,
            heading: false,
            paragraph_start: true,
            tokens: 0..0,
            opens_inside_quote: false,
        }],
        tokens: Vec::new(),
    };
    (article, doc)
}

struct GoldFigure {
    number: f64,
    counted: Option<String>,
}

fn parse_gold(field: &str) -> Vec<GoldFigure> {
    field
        .split(" ; ")
        .filter_map(|item| {
            let (number, counted) = item.trim().split_once('|')?;
            let number = number.trim().parse::<f64>().ok()?;
            let counted = counted.trim();
            Some(GoldFigure {
                number,
                counted: (counted != "-").then(|| counted_key(counted)),
            })
        })
        .collect()
}

fn same_number(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// Scores one sentence: (value-only counts, value+counted counts, misses).
fn score_sentence(sentence: &str, gold: &[GoldFigure]) -> (Counts, Counts, Vec<String>) {
    let (article, doc) = one_sentence_article(sentence);
    let predicted: Vec<Quantity> = find_quantities(&article, &doc)
        .into_iter()
        .filter(|q| q.parts.is_empty())
        .collect();
    let mut notes = Vec::new();
    let mut value_counts = Counts::default();
    let mut full_counts = Counts::default();
    for (with_counted, counts) in [(false, &mut value_counts), (true, &mut full_counts)] {
        let mut used = vec![false; predicted.len()];
        let mut matched = 0.0;
        for gold_figure in gold {
            let found = predicted.iter().enumerate().position(|(index, quantity)| {
                let number_ok = written_number(quantity)
                    .is_some_and(|number| same_number(number, gold_figure.number));
                let counted_ok = !with_counted
                    || quantity.counted.as_deref().map(counted_key) == gold_figure.counted;
                !used.get(index).copied().unwrap_or(true) && number_ok && counted_ok
            });
            match found {
                Some(index) => {
                    if let Some(flag) = used.get_mut(index) {
                        *flag = true;
                    }
                    matched += 1.0;
                }
                None if with_counted => notes.push(format!(
                    "missed {} {:?} in {sentence:?}; ours: {:?}",
                    gold_figure.number,
                    gold_figure.counted,
                    predicted
                        .iter()
                        .map(|q| (written_number(q), q.counted.clone()))
                        .collect::<Vec<_>>()
                )),
                None => {}
            }
        }
        counts.true_positives += matched;
        counts.false_positives += predicted.len() as f64 - matched;
        counts.false_negatives += gold.len() as f64 - matched;
    }
    (value_counts, full_counts, notes)
}

/// Runs the suite (the data folder is not used: the set is ours).
pub fn run(_data_dir: &Path) -> Result<Report> {
    let mut report = Report::new("quantities-handmade");
    let mut value_counts = Counts::default();
    let mut full_counts = Counts::default();
    let mut sentences = 0;
    let mut notes = Vec::new();
    for line in GOLD
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
    {
        let Some((sentence, figures)) = line.split_once('\t') else {
            continue;
        };
        sentences += 1;
        let gold = parse_gold(figures);
        let (values, full, misses) = score_sentence(sentence, &gold);
        value_counts.add(values);
        full_counts.add(full);
        notes.extend(misses);
    }
    report.counts("value", value_counts, None);
    report.counts("value + counted", full_counts, None);
    report.note(format!(
        "{sentences} hand-written sentences in varied domains"
    ));
    for note in notes {
        report.note(note);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_lines_parse() {
        let mut lines = 0;
        for line in GOLD
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        {
            let (sentence, figures) = line.split_once('\t').unwrap_or(("", ""));
            assert!(!sentence.is_empty(), "{line}");
            let expected = figures.split(" ; ").count();
            assert_eq!(parse_gold(figures).len(), expected, "{line}");
            lines += 1;
        }
        assert!(lines >= 40);
    }

    #[test]
    fn a_perfect_sentence_scores_one() {
        let gold = parse_gold("9|survivors");
        let (values, full, _) =
            score_sentence("Rescuers pulled nine survivors from the rubble.", &gold);
        assert_eq!(
            (
                values.true_positives,
                full.true_positives,
                full.false_positives
            ),
            (1.0, 1.0, 0.0)
        );
    }
}
