//! Stories in a batch: articles about one event, found by the weighted
//! overlap of their names, figures and content words.
//!
//! Each article is a vector of its content terms, weighted by how few of the
//! batch's articles use them (names and figures count double). Stories are
//! made by average-link agglomeration: the two groups of articles whose
//! articles are most alike on average join, while that average is at least
//! [`STORY_SIMILARITY`]. Past [`AGGLOMERATION_LIMIT`] articles, the batch
//! goes through the stream clusterer (`fuse::stream`) in order: each
//! article joins the most similar story so far (found through an inverted
//! index over its heaviest terms) or opens a new one, and stories it
//! bridges merge, which keeps the cost per article bounded.

use super::features::ArticleFeatures;
use crate::model::{ArticleIndex, Story};
use std::collections::HashMap;

/// Least average cosine similarity for two groups of articles to be one
/// story.
pub const STORY_SIMILARITY: f32 = 0.18;
/// Batches up to this size are clustered by full average-link
/// agglomeration; larger ones incrementally.
pub const AGGLOMERATION_LIMIT: usize = 400;

/// A sparse unit vector: (term, weight) sorted by term.
type Vector = Vec<(u32, f32)>;

/// Unseen articles assumed beside the batch when weighting terms, so that a
/// small batch (five reports of one event) weighs its shared words about as
/// a large mixed stream would.
pub const BACKGROUND_ARTICLES: f32 = 50.0;

fn vectors(features: &[ArticleFeatures]) -> Vec<Vector> {
    let count = features.len() as f32 + BACKGROUND_ARTICLES;
    let mut document_frequency: HashMap<u32, u32> = HashMap::new();
    for article in features {
        for (term, _) in &article.bag {
            *document_frequency.entry(*term).or_insert(0) += 1;
        }
    }
    features
        .iter()
        .map(|article| {
            let mut vector: Vector = article
                .bag
                .iter()
                .map(|(term, frequency)| {
                    let df = document_frequency.get(term).copied().unwrap_or(1) as f32;
                    let idf = (1.0 + (count + 1.0) / df).ln();
                    let anchor = if article.anchors.binary_search(term).is_ok() {
                        2.0
                    } else {
                        1.0
                    };
                    (*term, (1.0 + (*frequency as f32).ln()) * idf * anchor)
                })
                .collect();
            let norm = vector
                .iter()
                .map(|(_, weight)| weight * weight)
                .sum::<f32>()
                .sqrt();
            if norm > 0.0 {
                for (_, weight) in &mut vector {
                    *weight /= norm;
                }
            }
            vector
        })
        .collect()
}

fn cosine(left: &Vector, right: &Vector) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
    while i < left.len() && j < right.len() {
        match left[i].0.cmp(&right[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += left[i].1 * right[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// Groups the articles into stories; `features[i]` belongs to
/// `articles[i]`. Stories are numbered by their first article.
pub fn cluster_stories(articles: &[ArticleIndex], features: &[ArticleFeatures]) -> Vec<Story> {
    let groups = if articles.len() <= AGGLOMERATION_LIMIT {
        agglomerate(&vectors(features))
    } else {
        incremental(features)
    };
    let mut stories: Vec<Story> = groups
        .into_iter()
        .map(|members| {
            let mut story_articles: Vec<ArticleIndex> = members
                .into_iter()
                .map(|position| articles[position])
                .collect();
            story_articles.sort_unstable();
            Story {
                id: 0,
                articles: story_articles,
            }
        })
        .collect();
    stories.sort_by_key(|story| story.articles.first().copied());
    for (id, story) in stories.iter_mut().enumerate() {
        story.id = id as u32;
    }
    stories
}

/// Average-link agglomeration over the full similarity matrix.
fn agglomerate(vectors: &[Vector]) -> Vec<Vec<usize>> {
    let count = vectors.len();
    let mut similarity = vec![0.0f32; count * count];
    for i in 0..count {
        for j in (i + 1)..count {
            let value = cosine(&vectors[i], &vectors[j]);
            similarity[i * count + j] = value;
            similarity[j * count + i] = value;
        }
    }
    let mut members: Vec<Option<Vec<usize>>> = (0..count).map(|i| Some(vec![i])).collect();
    loop {
        let mut best: Option<(usize, usize, f32)> = None;
        for i in 0..count {
            if members[i].is_none() {
                continue;
            }
            for j in (i + 1)..count {
                if members[j].is_none() {
                    continue;
                }
                let value = similarity[i * count + j];
                if value >= STORY_SIMILARITY
                    && best.is_none_or(|(_, _, best_value)| value > best_value)
                {
                    best = Some((i, j, value));
                }
            }
        }
        let Some((keep, absorbed, _)) = best else {
            break;
        };
        let keep_size = members[keep].as_ref().map_or(0, Vec::len) as f32;
        let absorbed_size = members[absorbed].as_ref().map_or(0, Vec::len) as f32;
        for other in 0..count {
            if other == keep || other == absorbed || members[other].is_none() {
                continue;
            }
            let merged = (keep_size * similarity[keep * count + other]
                + absorbed_size * similarity[absorbed * count + other])
                / (keep_size + absorbed_size);
            similarity[keep * count + other] = merged;
            similarity[other * count + keep] = merged;
        }
        let taken = members[absorbed].take().unwrap_or_default();
        if let Some(kept) = members[keep].as_mut() {
            kept.extend(taken);
        }
    }
    members.into_iter().flatten().collect()
}

/// Large batches: the stream clusterer ([`super::stream::StreamClusterer`])
/// run over the batch in order, with the batch's term counts taken first
/// (so early articles are weighed as later ones), and merges followed to
/// their surviving story. Cost per article stays bounded by its candidate
/// generation.
fn incremental(features: &[ArticleFeatures]) -> Vec<Vec<usize>> {
    use super::stream::{StorySignature, StreamClusterer, StreamConfig};
    let signatures: Vec<StorySignature> =
        features.iter().map(StorySignature::of_features).collect();
    let mut clusterer = StreamClusterer::new(StreamConfig {
        background_articles: BACKGROUND_ARTICLES,
        max_idle_days: None,
        ..StreamConfig::default()
    });
    for signature in &signatures {
        clusterer.observe(signature);
    }
    let mut survivor: HashMap<u64, u64> = HashMap::new();
    let mut story_of: Vec<u64> = Vec::with_capacity(signatures.len());
    for (position, signature) in signatures.iter().enumerate() {
        let assignment = clusterer.add(position as u64, signature);
        for absorbed in assignment.merged {
            survivor.insert(absorbed, assignment.story);
        }
        story_of.push(assignment.story);
    }
    let resolve = |mut story: u64| {
        let mut steps = 0;
        while let Some(&next) = survivor.get(&story) {
            story = next;
            steps += 1;
            if steps > survivor.len() {
                break;
            }
        }
        story
    };
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut slot_of: HashMap<u64, usize> = HashMap::new();
    for (position, story) in story_of.into_iter().enumerate() {
        let slot = *slot_of.entry(resolve(story)).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        if let Some(group) = groups.get_mut(slot) {
            group.push(position);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(terms: &[u32]) -> ArticleFeatures {
        ArticleFeatures {
            bag: terms.iter().map(|term| (*term, 1)).collect(),
            ..ArticleFeatures::default()
        }
    }

    #[test]
    fn articles_sharing_their_terms_form_one_story() {
        let batch = vec![
            features(&[1, 2, 3, 4, 5, 6]),
            features(&[20, 21, 22, 23, 24]),
            features(&[1, 2, 3, 4, 7, 8]),
            features(&[20, 21, 22, 25, 26]),
            features(&[40, 41, 42]),
        ];
        let stories = cluster_stories(&[0, 1, 2, 3, 4], &batch);
        let groups: Vec<Vec<u32>> = stories.iter().map(|story| story.articles.clone()).collect();
        assert_eq!(groups, vec![vec![0, 2], vec![1, 3], vec![4]]);
        assert_eq!(stories[1].id, 1);
    }

    #[test]
    fn incremental_clustering_agrees_on_clear_cases() {
        let batch = vec![
            features(&[1, 2, 3, 4, 5, 6]),
            features(&[20, 21, 22, 23, 24]),
            features(&[1, 2, 3, 4, 7, 8]),
            features(&[20, 21, 22, 25, 26]),
        ];
        let groups = incremental(&batch);
        assert_eq!(groups, vec![vec![0, 2], vec![1, 3]]);
    }
}
