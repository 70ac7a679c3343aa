//! `ecbplus-stories`: story clustering of a mixed stream on ECB+.
//!
//! Every document of `ecbplus-dev` is rendered as plain text (the source
//! URL line of the `ecbplus` files left out), analysed by the pipeline, and
//! fed as one stream, in a fixed shuffled order, to
//! `fuse::stream::StreamClusterer`. Gold story = topic and sub-topic (`ecb`
//! vs `ecbplus` files: two different events of one kind). The suite prints
//! B-cubed precision, recall and F1 at the sub-topic level and at the topic
//! level, for all topics and for two halves: odd topic numbers (the half
//! the settings were tuned on) and even topic numbers (held out), beside
//! the baseline of one story per topic and the batch clusterer
//! (`fuse::stories::cluster_stories`) on the same documents in the same
//! order. It also counts the near-duplicate pairs MinHash finds.

use crate::ecbplus::{read_corpus, render, EcbDocument, SubTopic};
use crate::report::Report;
use crate::stories::b_cubed;
use anyhow::Context;
use parallax::fuse::features::{article_features, ArticleFeatures, Vocabulary};
use parallax::fuse::near_dup::{NearDupConfig, NearDupIndex, Signature};
use parallax::fuse::stream::{StoryId, StorySignature, StreamClusterer, StreamConfig};
use parallax::model::{AnalysedArticle, DerivationKind};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::Instant;

/// Seed of the stream's order.
pub const SHUFFLE_SEED: u64 = 0x00ec_b5ee_d001;

/// A part of the topics: its label and which topics it holds.
type Part = (&'static str, fn(u32) -> bool);

/// All topics, the tuning half, the held-out half.
const PARTS: [Part; 3] = [
    ("all", |_| true),
    ("odd(tuned)", is_tuning_topic),
    ("even(held out)", is_held_out_topic),
];

fn is_held_out_topic(topic: u32) -> bool {
    !is_tuning_topic(topic)
}

/// Other orders the stream is also run in.
pub const ORDER_SEEDS: u64 = 8;

/// Which topics the settings were tuned on.
pub fn is_tuning_topic(topic: u32) -> bool {
    topic % 2 == 1
}

/// A shuffled order of `count` items (Fisher–Yates driven by xorshift64*).
pub fn shuffled(count: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..count).collect();
    let mut state = seed.max(1);
    for last in (1..count).rev() {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        let random = state.wrapping_mul(0x2545_f491_4f6c_dd1d);
        let pick = (random % (last as u64 + 1)) as usize;
        order.swap(last, pick);
    }
    order
}

/// Follows merges: the story a merged story's articles now belong to.
#[derive(Debug, Default)]
pub struct MergeMap {
    parent: HashMap<StoryId, StoryId>,
}

impl MergeMap {
    pub fn merge(&mut self, absorbed: StoryId, survivor: StoryId) {
        let survivor = self.resolve(survivor);
        if absorbed != survivor {
            self.parent.insert(absorbed, survivor);
        }
    }

    pub fn resolve(&self, mut story: StoryId) -> StoryId {
        let mut steps = 0;
        while let Some(&next) = self.parent.get(&story) {
            story = next;
            steps += 1;
            if steps > self.parent.len() {
                break;
            }
        }
        story
    }
}

/// One document ready for clustering.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Prepared {
    pub name: String,
    pub topic: u32,
    /// True for the `ecbplus` sub-topic.
    pub ecbplus: bool,
    pub analysed: AnalysedArticle,
}

impl Prepared {
    fn sub_topic(&self) -> SubTopic {
        if self.ecbplus {
            SubTopic::EcbPlus
        } else {
            SubTopic::Ecb
        }
    }
}

/// The corpus's documents, rendered and analysed.
pub fn analysed_corpus(data_dir: &Path) -> anyhow::Result<Vec<Prepared>> {
    let corpus = read_corpus(data_dir)?;
    prepare(&corpus.documents)
}

/// A one-line summary of the stream clusterer's sub-topic B-cubed scores
/// with `config` (for tuning).
pub fn score_stream(documents: &[Prepared], config: StreamConfig) -> String {
    let order = shuffled(documents.len(), SHUFFLE_SEED);
    let signatures: Vec<StorySignature> = if std::env::var_os("PARALLAX_TUNE_FEATURES").is_some() {
        let mut vocabulary = Vocabulary::default();
        documents
            .iter()
            .map(|document| {
                StorySignature::of_features(&article_features(&document.analysed, &mut vocabulary))
            })
            .collect()
    } else {
        documents
            .iter()
            .map(|document| lead_only(StorySignature::of_article(&document.analysed)))
            .collect()
    };
    let (predicted, merges) = run_stream(&signatures, &order, config);
    let mut line = String::new();
    for (part, keep) in PARTS {
        let labelled = labels(documents, &predicted, keep);
        let (precision, recall) = b_cubed(&labelled.sub_topic, &labelled.predicted);
        line.push_str(&format!(
            "{part}: P {precision:.3} R {recall:.3} F1 {:.3}  ",
            f1(precision, recall)
        ));
    }
    let stories: std::collections::BTreeSet<usize> = predicted.iter().copied().collect();
    line.push_str(&format!("stories {} merges {merges}", stories.len()));
    if std::env::var_os("PARALLAX_TUNE_DETAIL").is_some() {
        line.push_str(&confusion(documents, &predicted));
        let dated = signatures
            .iter()
            .filter(|signature| signature.day.is_some())
            .count();
        line.push_str(&format!("\n  dated articles: {dated}"));
        let mut days: BTreeMap<(u32, bool), Vec<String>> = BTreeMap::new();
        for (document, signature) in documents.iter().zip(&signatures) {
            let date = document.analysed.extraction.article_date;
            days.entry((document.topic, document.ecbplus))
                .or_default()
                .push(date.map_or("-".to_string(), |date| {
                    format!(
                        "{}{}",
                        date.date,
                        if matches!(date.source, parallax::model::ArticleDateSource::Inferred) {
                            "i"
                        } else {
                            ""
                        }
                    )
                }));
            let _ = signature;
        }
        for ((topic, plus), list) in days {
            line.push_str(&format!(
                "\n  {topic}{}: {}",
                if plus { "+" } else { "" },
                list.join(" ")
            ));
        }
    }
    line
}

/// Separation of same-sub-topic from other-sub-topic pairs of one topic by
/// the cosine of their vectors (term counts from the whole corpus): the
/// area under the ROC curve, and the share of each kind of pair at or over
/// `threshold`.
pub fn pair_separation(documents: &[Prepared], config: StreamConfig, threshold: f32) -> String {
    let signatures: Vec<StorySignature> = documents
        .iter()
        .map(|document| lead_only(StorySignature::of_article(&document.analysed)))
        .collect();
    let mut clusterer = StreamClusterer::new(config);
    for signature in &signatures {
        clusterer.observe(signature);
    }
    let vectors: Vec<Vec<(u32, f32)>> = signatures
        .iter()
        .map(|signature| clusterer.article_vector(signature))
        .collect();
    let (mut same, mut other, mut cross) = (Vec::new(), Vec::new(), Vec::new());
    for (i, left) in documents.iter().enumerate() {
        for (j, right) in documents.iter().enumerate().skip(i + 1) {
            let (Some(a), Some(b)) = (vectors.get(i), vectors.get(j)) else {
                continue;
            };
            let cosine = parallax::fuse::stream::dot(a, b);
            if left.topic != right.topic {
                cross.push(cosine);
            } else if left.ecbplus == right.ecbplus {
                same.push(cosine);
            } else {
                other.push(cosine);
            }
        }
    }
    let mut listing = String::new();
    if std::env::var_os("PARALLAX_TUNE_PAIRS").is_some() {
        let mut worst: Vec<(f32, usize, usize)> = Vec::new();
        for (i, left) in documents.iter().enumerate() {
            for (j, right) in documents.iter().enumerate().skip(i + 1) {
                if left.topic == right.topic && left.ecbplus != right.ecbplus {
                    if let (Some(a), Some(b)) = (vectors.get(i), vectors.get(j)) {
                        worst.push((parallax::fuse::stream::dot(a, b), i, j));
                    }
                }
            }
        }
        worst.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (cosine, i, j) in worst.iter().take(12) {
            let head = |k: usize| {
                documents.get(k).map_or(String::new(), |d| {
                    format!(
                        "{}: {}",
                        d.name,
                        d.analysed
                            .article
                            .text
                            .chars()
                            .take(160)
                            .collect::<String>()
                            .replace('\n', " ")
                    )
                })
            };
            listing.push_str(&format!("\n{cosine:.3}\n   {}\n   {}", head(*i), head(*j)));
        }
    }
    other.sort_by(f32::total_cmp);
    let mut wins = 0.0f64;
    for value in &same {
        let below = other.partition_point(|x| x < value);
        let equal = other
            .get(below..)
            .unwrap_or(&[])
            .iter()
            .take_while(|x| *x == value)
            .count();
        wins += below as f64 + equal as f64 / 2.0;
    }
    let auc = wins / (same.len().max(1) * other.len().max(1)) as f64;
    let share = |values: &[f32]| {
        values.iter().filter(|value| **value >= threshold).count() as f64
            / values.len().max(1) as f64
    };
    format!(
        "pairs: AUC {auc:.3}; at {threshold}: same {:.3} other-sub {:.3} cross-topic {:.4}{listing}",
        share(&same),
        share(&other),
        share(&cross)
    )
}

fn lead_only(signature: StorySignature) -> StorySignature {
    if std::env::var_os("PARALLAX_TUNE_LEADONLY").is_none() {
        return signature;
    }
    let mut kept = StorySignature {
        day: signature.day,
        ..StorySignature::default()
    };
    for (term, flags) in signature.terms.iter().zip(&signature.flags) {
        if flags & parallax::fuse::stream::LEAD_FLAG != 0 {
            kept.terms.push(*term);
            kept.flags.push(*flags);
        }
    }
    kept
}

/// Per topic: each predicted story's documents as (ecb, ecbplus) counts.
fn confusion(documents: &[Prepared], predicted: &[usize]) -> String {
    let mut by_topic: BTreeMap<u32, BTreeMap<usize, (u32, u32)>> = BTreeMap::new();
    for (document, story) in documents.iter().zip(predicted) {
        let entry = by_topic
            .entry(document.topic)
            .or_default()
            .entry(*story)
            .or_default();
        if document.ecbplus {
            entry.1 += 1;
        } else {
            entry.0 += 1;
        }
    }
    let mut text = String::new();
    for (topic, stories) in by_topic {
        text.push_str(&format!("\n  topic {topic}:"));
        for (story, (ecb, plus)) in stories {
            text.push_str(&format!(" s{story}={ecb}/{plus}"));
        }
    }
    text
}

fn prepare(documents: &[EcbDocument]) -> anyhow::Result<Vec<Prepared>> {
    let mut articles = Vec::with_capacity(documents.len());
    for (index, document) in documents.iter().enumerate() {
        let rendered = render(document, document.sub_topic == SubTopic::EcbPlus);
        let article = parallax::ingest::read_plain_text(
            &document.name,
            rendered.text.as_bytes(),
            index as u32,
        )
        .with_context(|| format!("{}: cannot read as plain text", document.name))?;
        articles.push(article);
    }
    let analysed: Vec<AnalysedArticle> = articles
        .into_par_iter()
        .map(parallax::pipeline::analyse_article)
        .collect();
    Ok(documents
        .iter()
        .zip(analysed)
        .map(|(document, analysed)| Prepared {
            name: document.name.clone(),
            topic: document.topic,
            ecbplus: document.sub_topic == SubTopic::EcbPlus,
            analysed,
        })
        .collect())
}

/// Gold and predicted labels restricted to the documents `keep` accepts.
struct Labels {
    sub_topic: BTreeMap<String, usize>,
    topic: BTreeMap<String, usize>,
    predicted: BTreeMap<String, usize>,
}

fn labels(documents: &[Prepared], predicted: &[usize], keep: impl Fn(u32) -> bool) -> Labels {
    let mut result = Labels {
        sub_topic: BTreeMap::new(),
        topic: BTreeMap::new(),
        predicted: BTreeMap::new(),
    };
    for (document, story) in documents.iter().zip(predicted) {
        if !keep(document.topic) {
            continue;
        }
        let sub = usize::from(document.ecbplus);
        result
            .sub_topic
            .insert(document.name.clone(), document.topic as usize * 2 + sub);
        result
            .topic
            .insert(document.name.clone(), document.topic as usize);
        result.predicted.insert(document.name.clone(), *story);
    }
    result
}

fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// Adds P, R and F1 rows for one clustering on each part of the topics.
fn score_rows(
    report: &mut Report,
    label: &str,
    documents: &[Prepared],
    predicted: &[usize],
    target: Option<f64>,
) {
    for (part, keep) in PARTS {
        let labelled = labels(documents, predicted, keep);
        let (precision, recall) = b_cubed(&labelled.sub_topic, &labelled.predicted);
        report.value(&format!("{label} {part} sub-topic B3 P"), precision, None);
        report.value(&format!("{label} {part} sub-topic B3 R"), recall, None);
        report.value(
            &format!("{label} {part} sub-topic B3 F1"),
            f1(precision, recall),
            target,
        );
        let (topic_precision, topic_recall) = b_cubed(&labelled.topic, &labelled.predicted);
        report.value(
            &format!("{label} {part} topic B3 F1"),
            f1(topic_precision, topic_recall),
            None,
        );
    }
}

/// Runs the stream clusterer over the documents in `order`; gives each
/// document's final story.
fn run_stream(
    signatures: &[StorySignature],
    order: &[usize],
    config: StreamConfig,
) -> (Vec<usize>, usize) {
    let mut clusterer = StreamClusterer::new(config);
    if std::env::var_os("PARALLAX_TUNE_PRIME").is_some() {
        for signature in signatures {
            clusterer.observe(signature);
        }
    }
    let mut merges = MergeMap::default();
    let mut assigned: Vec<StoryId> = vec![0; signatures.len()];
    let mut merge_count = 0;
    for &position in order {
        let Some(signature) = signatures.get(position) else {
            continue;
        };
        let assignment = clusterer.add(position as u64, signature);
        for absorbed in &assignment.merged {
            merges.merge(*absorbed, assignment.story);
            merge_count += 1;
        }
        if let Some(slot) = assigned.get_mut(position) {
            *slot = assignment.story;
        }
    }
    let predicted = assigned
        .iter()
        .map(|story| merges.resolve(*story) as usize)
        .collect();
    (predicted, merge_count)
}

/// The `ecbplus-stories` suite.
pub fn run(data_dir: &Path) -> anyhow::Result<Report> {
    let corpus = read_corpus(data_dir)?;
    let documents = prepare(&corpus.documents)?;
    let order = shuffled(documents.len(), SHUFFLE_SEED);
    let mut report = Report::new("ecbplus-stories");

    // Stream clusterer.
    let signatures: Vec<StorySignature> = documents
        .iter()
        .map(|document| StorySignature::of_article(&document.analysed))
        .collect();
    let started = Instant::now();
    let (stream_predicted, merge_count) = run_stream(&signatures, &order, StreamConfig::default());
    let stream_time = started.elapsed();
    score_rows(
        &mut report,
        "stream",
        &documents,
        &stream_predicted,
        Some(0.90),
    );
    // The same on other orders: how much the figure owes to one order.
    let mut seed_scores: Vec<f64> = Vec::new();
    for seed in 1..=ORDER_SEEDS {
        let other_order = shuffled(documents.len(), SHUFFLE_SEED ^ seed);
        let (predicted, _) = run_stream(&signatures, &other_order, StreamConfig::default());
        let labelled = labels(&documents, &predicted, |_| true);
        let (precision, recall) = b_cubed(&labelled.sub_topic, &labelled.predicted);
        seed_scores.push(f1(precision, recall));
    }
    let mean = seed_scores.iter().sum::<f64>() / seed_scores.len().max(1) as f64;
    let lowest = seed_scores.iter().copied().fold(f64::INFINITY, f64::min);
    let highest = seed_scores.iter().copied().fold(0.0, f64::max);
    report.value(
        &format!("stream all sub-topic F1, mean of {ORDER_SEEDS} orders"),
        mean,
        None,
    );
    report.value("stream all sub-topic F1, lowest order", lowest, None);
    report.value("stream all sub-topic F1, highest order", highest, None);

    // Baseline: one story per topic.
    let per_topic: Vec<usize> = documents
        .iter()
        .map(|document| document.topic as usize)
        .collect();
    score_rows(&mut report, "per-topic", &documents, &per_topic, None);

    // Batch clusterer, same order.
    let mut vocabulary = Vocabulary::default();
    let ordered_features: Vec<ArticleFeatures> = order
        .iter()
        .filter_map(|&position| documents.get(position))
        .map(|document| article_features(&document.analysed, &mut vocabulary))
        .collect();
    let indexes: Vec<u32> = (0..ordered_features.len() as u32).collect();
    let started = Instant::now();
    let stories = parallax::fuse::stories::cluster_stories(&indexes, &ordered_features);
    let batch_time = started.elapsed();
    let mut batch_predicted = vec![0usize; documents.len()];
    for story in &stories {
        for &index in &story.articles {
            if let Some(&position) = order.get(index as usize) {
                if let Some(slot) = batch_predicted.get_mut(position) {
                    *slot = story.id as usize;
                }
            }
        }
    }
    score_rows(&mut report, "batch", &documents, &batch_predicted, None);

    // Near-duplicates by MinHash.
    let mut index = NearDupIndex::new(NearDupConfig::default());
    let (mut copies, mut rewrites, mut same_sub_topic) = (0usize, 0usize, 0usize);
    for &position in &order {
        let Some(document) = documents.get(position) else {
            continue;
        };
        let signature = Signature::of_text(&document.analysed.article.text);
        for found in index.add(position as u64, signature) {
            match found.kind {
                DerivationKind::Copy => copies += 1,
                _ => rewrites += 1,
            }
            let other = documents.get(found.key as usize);
            if other.is_some_and(|other| {
                other.topic == document.topic && other.ecbplus == document.ecbplus
            }) {
                same_sub_topic += 1;
            }
        }
    }
    report.value(
        "near-duplicate pairs (MinHash): copies",
        copies as f64,
        None,
    );
    report.value(
        "near-duplicate pairs (MinHash): rewrites",
        rewrites as f64,
        None,
    );
    report.value(
        "near-duplicate pairs in one gold sub-topic",
        same_sub_topic as f64,
        None,
    );

    let stream_stories: std::collections::BTreeSet<usize> =
        stream_predicted.iter().copied().collect();
    let gold_stories: std::collections::BTreeSet<(u32, SubTopic)> = documents
        .iter()
        .map(|document| (document.topic, document.sub_topic()))
        .collect();
    report.note(format!(
        "{} documents in {} gold stories ({} topics); stream: {} stories, {} merges, {:.2} ms \
         per article; batch: {} stories in {:.1} ms",
        documents.len(),
        gold_stories.len(),
        corpus.topics().len(),
        stream_stories.len(),
        merge_count,
        stream_time.as_secs_f64() * 1000.0 / documents.len().max(1) as f64,
        stories.len(),
        batch_time.as_secs_f64() * 1000.0,
    ));
    report.note(format!(
        "order: documents shuffled with seed {SHUFFLE_SEED:#x}; stream settings \
         (StreamConfig::default) tuned on the odd topics, even topics held out; per-topic: the \
         baseline of one story per topic; batch: fuse::stories::cluster_stories on the same order"
    ));
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffling_is_a_fixed_permutation() {
        let order = shuffled(50, 7);
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        assert_eq!(order, shuffled(50, 7));
        assert_ne!(order, shuffled(50, 8));
        assert_ne!(order, (0..50).collect::<Vec<_>>());
    }

    #[test]
    fn merges_are_followed_to_the_survivor() {
        let mut merges = MergeMap::default();
        merges.merge(3, 1);
        merges.merge(1, 0);
        assert_eq!(merges.resolve(3), 0);
        assert_eq!(merges.resolve(2), 2);
    }

    #[test]
    fn missing_data_is_a_clear_error() {
        let error = run(Path::new("/nonexistent-folder")).expect_err("no data");
        assert!(error.to_string().contains("ECB+ data not found"));
    }
}
