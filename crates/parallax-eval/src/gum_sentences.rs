//! `gum-sentences`: sentence-boundary F1 on the GUM corpus, news and
//! interviews reported apart.
//!
//! Each document's text is rebuilt from its `# text =` lines (sentences of a
//! paragraph joined by a space, paragraphs by a blank line; see
//! [`crate::gum`]). Two runs:
//! - *pipeline*: the text goes through `ingest::read_plain_text` and
//!   `text::analyse`, as a user's file would. Blocks the plain-text reader
//!   judges boilerplate or captions are not segmented, so gold sentence
//!   ends inside them count as misses.
//! - *segmenter*: each GUM paragraph is given as one body block (heading
//!   paragraphs as heading blocks), which measures the sentence splitter
//!   alone.
//!
//! A gold sentence end is its end offset in the rebuilt text; ours is the
//! end of our sentence span. Paragraph ends are sentence ends on both sides
//! by construction, so the figure that measures the splitter is the one on
//! *inner* ends (sentence ends that are not paragraph ends).

use crate::gum::{read_gum_documents, GumDocument, RebuiltText};
use crate::{Counts, Report};
use anyhow::Result;
use parallax::model::{Article, Block, BlockKind, Span};
use std::collections::BTreeSet;
use std::path::Path;

/// Sentence-end counts of one run, all ends and inner ends apart.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    all: Counts,
    inner: Counts,
}

fn compare(
    gold: &BTreeSet<usize>,
    ours: &BTreeSet<usize>,
    paragraph_ends: &BTreeSet<usize>,
) -> Tally {
    let count = |gold: &BTreeSet<usize>, ours: &BTreeSet<usize>| {
        let hits = gold.intersection(ours).count() as f64;
        Counts {
            true_positives: hits,
            false_positives: ours.len() as f64 - hits,
            false_negatives: gold.len() as f64 - hits,
        }
    };
    let gold_inner: BTreeSet<usize> = gold.difference(paragraph_ends).copied().collect();
    let ours_inner: BTreeSet<usize> = ours.difference(paragraph_ends).copied().collect();
    Tally {
        all: count(gold, ours),
        inner: count(&gold_inner, &ours_inner),
    }
}

/// The rebuilt text with each GUM paragraph as one block.
fn paragraph_article(document: &GumDocument, rebuilt: &RebuiltText) -> Article {
    let blocks = document
        .paragraphs
        .iter()
        .zip(&rebuilt.paragraphs)
        .map(|(paragraph, range)| Block {
            span: Span::new(0, range.start, range.end),
            kind: if paragraph.is_heading() {
                BlockKind::Heading
            } else {
                BlockKind::Body
            },
        })
        .collect();
    Article {
        id: document.id.clone(),
        index: 0,
        source: document.id.clone(),
        url: None,
        title: None,
        byline: None,
        published: document.date_created,
        language: None,
        text: rebuilt.text.clone(),
        blocks,
    }
}

/// For each block kind that the text stage does not segment, how many gold
/// sentence ends lie in blocks of that kind.
fn ends_in_unsegmented_blocks(
    article: &Article,
    gold: &BTreeSet<usize>,
    tally: &mut std::collections::BTreeMap<String, usize>,
) {
    for block in &article.blocks {
        if matches!(block.kind, BlockKind::Body | BlockKind::Heading) {
            continue;
        }
        let inside = gold
            .range(block.span.start as usize + 1..=block.span.end as usize)
            .count();
        if inside > 0 {
            let reason = block.kind.reason().unwrap_or("other").to_string();
            *tally.entry(reason).or_default() += inside;
        }
    }
}

fn sentence_ends(article: &Article) -> BTreeSet<usize> {
    let doc = parallax::text::analyse(article);
    doc.sentences
        .iter()
        .map(|sentence| sentence.span.end as usize)
        .collect()
}

/// Misses and false alarms of one document, for the notes.
fn differences(
    rebuilt: &RebuiltText,
    gold: &BTreeSet<usize>,
    ours: &BTreeSet<usize>,
) -> Vec<String> {
    let context = |offset: usize| {
        let text = &rebuilt.text;
        let mut start = offset.saturating_sub(40);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (offset + 30).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        format!(
            "{}‖{}",
            text.get(start..offset).unwrap_or(""),
            text.get(offset..end).unwrap_or("")
        )
        .replace('\n', "¶")
    };
    let mut lines = Vec::new();
    for missed in gold.difference(ours) {
        lines.push(format!("missed: {}", context(*missed)));
    }
    for extra in ours.difference(gold) {
        lines.push(format!("extra:  {}", context(*extra)));
    }
    lines
}

fn run_genre(
    data_dir: &Path,
    prefix: &str,
    label: &str,
    report: &mut Report,
    target: Option<f64>,
) -> Result<()> {
    let documents = read_gum_documents(data_dir, prefix)?;
    let mut pipeline = Tally::default();
    let mut segmenter = Tally::default();
    let mut notes = Vec::new();
    let mut unsegmented = std::collections::BTreeMap::new();
    for document in &documents {
        let rebuilt = document.rebuild();
        let gold: BTreeSet<usize> = rebuilt.sentences.iter().map(|range| range.end).collect();
        let paragraph_ends: BTreeSet<usize> =
            rebuilt.paragraphs.iter().map(|range| range.end).collect();

        let ingested = parallax::ingest::read_plain_text(&document.id, rebuilt.text.as_bytes(), 0);
        let pipeline_ends = match ingested {
            Ok(article) => {
                ends_in_unsegmented_blocks(&article, &gold, &mut unsegmented);
                sentence_ends(&article)
            }
            Err(error) => {
                notes.push(format!("{}: ingest failed: {error}", document.id));
                BTreeSet::new()
            }
        };
        let tally = compare(&gold, &pipeline_ends, &paragraph_ends);
        pipeline.all.add(tally.all);
        pipeline.inner.add(tally.inner);

        let article = paragraph_article(document, &rebuilt);
        let segmenter_ends = sentence_ends(&article);
        let tally = compare(&gold, &segmenter_ends, &paragraph_ends);
        segmenter.all.add(tally.all);
        segmenter.inner.add(tally.inner);
        for line in differences(&rebuilt, &gold, &segmenter_ends) {
            notes.push(format!("{}: {line}", document.id));
        }
    }
    report.counts(
        &format!("{label} ({} docs) pipeline: all ends", documents.len()),
        pipeline.all,
        target,
    );
    report.counts(
        &format!("{label} pipeline: inner ends"),
        pipeline.inner,
        None,
    );
    report.counts(
        &format!("{label} segmenter: all ends"),
        segmenter.all,
        target,
    );
    report.counts(
        &format!("{label} segmenter: inner ends"),
        segmenter.inner,
        None,
    );
    let unsegmented: Vec<String> = unsegmented
        .iter()
        .map(|(reason, count)| format!("{reason} {count}"))
        .collect();
    report.note(format!(
        "{label}: gold sentence ends inside blocks that ingest did not mark body or heading (not segmented): {}",
        if unsegmented.is_empty() { "none".to_string() } else { unsegmented.join(", ") }
    ));
    report.note(format!("{label}: segmenter differences ({}):", notes.len()));
    for note in notes {
        report.note(note);
    }
    Ok(())
}

pub fn run(data_dir: &Path) -> Result<Report> {
    let mut report = Report::new("gum-sentences");
    run_genre(data_dir, "GUM_news_", "news", &mut report, Some(0.98))?;
    run_genre(data_dir, "GUM_interview_", "interview", &mut report, None)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inner_ends_leave_out_paragraph_ends() {
        let gold: BTreeSet<usize> = [5, 10, 20].into_iter().collect();
        let ours: BTreeSet<usize> = [10, 15, 20].into_iter().collect();
        let paragraphs: BTreeSet<usize> = [20].into_iter().collect();
        let tally = compare(&gold, &ours, &paragraphs);
        assert_eq!(tally.all.true_positives, 2.0);
        assert_eq!(tally.all.false_positives, 1.0);
        assert_eq!(tally.all.false_negatives, 1.0);
        assert_eq!(tally.inner.true_positives, 1.0);
        assert_eq!(tally.inner.false_positives, 1.0);
        assert_eq!(tally.inner.false_negatives, 1.0);
    }

    #[test]
    fn missing_data_is_an_error() {
        assert!(run(Path::new("/nonexistent")).is_err());
    }
}
