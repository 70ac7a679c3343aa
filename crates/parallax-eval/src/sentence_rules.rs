//! `sentence-rules`: the 48 hard sentence-splitting cases of
//! `sentence-rules/pragmatic_golden_rules_en.json` (abbreviations, U.S.,
//! a.m., lists, ellipses, quotes). Each text is one body block; a case
//! passes when our sentences are exactly the expected ones. Also counts
//! sentence boundaries (P/R/F1 of sentence end offsets).

use crate::{Counts, Report};
use anyhow::{Context, Result};
use parallax::model::{Article, Block, BlockKind, Span};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::Path;

#[derive(Debug, Deserialize)]
struct Case {
    text: String,
    sentences: Vec<String>,
}

/// An article whose whole text is one body block.
pub fn one_block_article(text: &str) -> Article {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len().max(start);
    Article {
        id: String::new(),
        index: 0,
        source: "case".to_string(),
        url: None,
        title: None,
        byline: None,
        published: None,
        language: None,
        text: text.to_string(),
        blocks: vec![Block {
            span: Span::new(0, start, end),
            kind: BlockKind::Body,
        }],
    }
}

/// Our sentences of `text` taken as one block.
pub fn segment(text: &str) -> Vec<String> {
    let article = one_block_article(text);
    let doc = parallax::text::analyse(&article);
    doc.sentences
        .iter()
        .map(|sentence| article.slice(&sentence.span).to_string())
        .collect()
}

/// End offsets of `sentences` found in order in `text`.
fn end_offsets(text: &str, sentences: &[String]) -> BTreeSet<usize> {
    let mut ends = BTreeSet::new();
    let mut cursor = 0;
    for sentence in sentences {
        let sentence = sentence.trim();
        if let Some(found) = text.get(cursor..).and_then(|rest| rest.find(sentence)) {
            cursor += found + sentence.len();
            ends.insert(cursor);
        }
    }
    ends
}

pub fn run(data_dir: &Path) -> Result<Report> {
    let path = data_dir
        .join("sentence-rules")
        .join("pragmatic_golden_rules_en.json");
    let content = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "sentence rules not found at {} (expected under the data folder)",
            path.display()
        )
    })?;
    let cases: Vec<Case> =
        serde_json::from_str(&content).with_context(|| format!("parsing {}", path.display()))?;
    let mut report = Report::new("sentence-rules");
    let mut passed = 0usize;
    let mut boundaries = Counts::default();
    let mut failures = Vec::new();
    for (number, case) in cases.iter().enumerate() {
        let ours = segment(&case.text);
        let expected: Vec<&str> = case
            .sentences
            .iter()
            .map(|sentence| sentence.trim())
            .collect();
        let ours_trimmed: Vec<&str> = ours.iter().map(|sentence| sentence.trim()).collect();
        if ours_trimmed == expected {
            passed += 1;
        } else {
            failures.push(format!(
                "case {number}: {:?}\n      expected {:?}\n      got      {:?}",
                case.text, expected, ours_trimmed
            ));
        }
        let gold_ends = end_offsets(&case.text, &case.sentences);
        let our_ends = end_offsets(&case.text, &ours);
        let hits = gold_ends.intersection(&our_ends).count() as f64;
        boundaries.add(Counts {
            true_positives: hits,
            false_positives: our_ends.len() as f64 - hits,
            false_negatives: gold_ends.len() as f64 - hits,
        });
    }
    report.value(
        &format!("cases passed ({passed} of {})", cases.len()),
        passed as f64 / cases.len().max(1) as f64,
        Some(1.0),
    );
    report.counts("sentence ends", boundaries, None);
    for failure in failures {
        report.note(failure);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_a_one_block_text() {
        assert_eq!(
            segment("  The U.S. team won. It was late.  "),
            vec!["The U.S. team won.", "It was late."]
        );
    }

    #[test]
    fn end_offsets_follow_the_text() {
        let ends = end_offsets("A b. C d.", &["A b.".to_string(), "C d.".to_string()]);
        assert_eq!(ends.into_iter().collect::<Vec<_>>(), vec![4, 9]);
    }

    #[test]
    fn missing_data_is_an_error() {
        let error = run(Path::new("/nonexistent")).unwrap_err();
        assert!(error.to_string().contains("sentence rules not found"));
    }
}
