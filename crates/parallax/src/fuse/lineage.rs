//! Derivation: which articles are copies, rewrites or sentence-by-sentence
//! paraphrases of one text. Each lineage counts as one independent source.
//!
//! Two tests, cheapest first, on candidate pairs only:
//! 1. shared wording: the share of the shorter article's five-word shingles
//!    found in the other (a copy above [`COPY_CONTAINMENT`], a rewrite above
//!    [`REWRITE_CONTAINMENT`]);
//! 2. shared structure: an order-keeping alignment of sentences whose
//!    content terms overlap, weighted so that words every article of the
//!    story uses (the event's own names and figures) count little and the
//!    incidental wording counts much. A paraphrase aligns a large share of
//!    the shorter article's sentences, in order.
//!
//! Words inside quotation marks are left out of the sentence terms: two
//! articles that quote the same remark share those words without sharing a
//! source.

use super::features::{shared_count, ArticleFeatures};
use crate::model::{ArticleIndex, DerivationKind, Lineage, LineageLink};
use std::collections::HashMap;

/// Shingle containment above which two articles are the same text.
pub const COPY_CONTAINMENT: f32 = 0.8;
/// Shingle containment above which one article rewrites the other.
pub const REWRITE_CONTAINMENT: f32 = 0.3;
/// Weighted term overlap (Dice) above which two sentences say the same.
pub const SENTENCE_MATCH: f32 = 0.34;
/// Share of the shorter article's sentences aligned, in order, above which
/// the articles are paraphrases of one text.
pub const PARAPHRASE_SHARE: f32 = 0.38;
/// Fewest aligned sentences for a paraphrase.
pub const PARAPHRASE_MIN_SENTENCES: u32 = 4;
/// Most candidate partners examined per article.
const CANDIDATES_PER_ARTICLE: usize = 12;

/// Finds the lineages among the articles of one story. `features[i]` belongs
/// to `articles[i]`. Every article is in exactly one lineage; lineages are
/// numbered in the order of their first article.
pub fn find_lineages(articles: &[ArticleIndex], features: &[ArticleFeatures]) -> Vec<Lineage> {
    find_lineages_with_known(articles, features, &[])
}

/// A pair of articles already known to share their text (from
/// `near_dup`'s MinHash index): `Copy` or `Rewrite`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownDerivation {
    pub left: ArticleIndex,
    pub right: ArticleIndex,
    pub kind: DerivationKind,
}

/// [`find_lineages`], with pairs known to be copies or rewrites (found by
/// MinHash over the whole store, so also beyond this story's candidate
/// pairs) linked as such: each becomes a link of its kind (or the stronger
/// kind the comparison finds), with its sentence alignment. Known pairs
/// naming an article outside `articles` are ignored.
pub fn find_lineages_with_known(
    articles: &[ArticleIndex],
    features: &[ArticleFeatures],
    known: &[KnownDerivation],
) -> Vec<Lineage> {
    debug_assert_eq!(articles.len(), features.len());
    let weights = term_weights(features);
    let position: HashMap<ArticleIndex, usize> = articles
        .iter()
        .enumerate()
        .map(|(position, article)| (*article, position))
        .collect();
    let mut known_kind: HashMap<(usize, usize), DerivationKind> = HashMap::new();
    for pair in known {
        let (Some(&left), Some(&right)) = (position.get(&pair.left), position.get(&pair.right))
        else {
            continue;
        };
        if left == right {
            continue;
        }
        let key = (left.min(right), left.max(right));
        let entry = known_kind.entry(key).or_insert(pair.kind);
        if kind_strength(pair.kind) > kind_strength(*entry) {
            *entry = pair.kind;
        }
    }
    let weighted: Vec<Vec<WeightedSentence>> = features
        .iter()
        .map(|article| weigh(&article.sentence_terms, &weights))
        .collect();
    let mut pairs = candidate_pairs(features);
    pairs.extend(known_kind.keys().copied());
    pairs.sort_unstable();
    pairs.dedup();
    let mut links: Vec<LineageLink> = Vec::new();
    for (left, right) in pairs {
        let (Some(&left_index), Some(&right_index), Some(left_features), Some(right_features)) = (
            articles.get(left),
            articles.get(right),
            features.get(left),
            features.get(right),
        ) else {
            continue;
        };
        let (Some(left_weighted), Some(right_weighted)) = (weighted.get(left), weighted.get(right))
        else {
            continue;
        };
        let found = compare(
            (left_index, left_features, left_weighted),
            (right_index, right_features, right_weighted),
        );
        let link = match (found, known_kind.get(&(left, right))) {
            (Some(mut link), Some(&kind)) => {
                if kind_strength(kind) > kind_strength(link.kind) {
                    link.kind = kind;
                }
                Some(link)
            }
            (Some(link), None) => Some(link),
            (None, Some(&kind)) => Some(known_link(
                (left_index, left_features, left_weighted),
                (right_index, right_features, right_weighted),
                kind,
            )),
            (None, None) => None,
        };
        links.extend(link);
    }
    group(articles, links)
}

/// Copy above rewrite above paraphrase.
fn kind_strength(kind: DerivationKind) -> u8 {
    match kind {
        DerivationKind::Copy => 3,
        DerivationKind::Rewrite => 2,
        DerivationKind::Paraphrase => 1,
    }
}

/// The link of a known pair that the comparison did not find: its kind as
/// given, with whatever sentence alignment there is.
fn known_link(
    (left_index, left, left_weighted): Side<'_>,
    (right_index, right, right_weighted): Side<'_>,
    kind: DerivationKind,
) -> LineageLink {
    let alignment = align_weighted(left_weighted, right_weighted);
    let mut sentence_pairs = doc_sentence_pairs(left, right, &alignment);
    if left_index > right_index {
        sentence_pairs = sentence_pairs.into_iter().map(|(a, b)| (b, a)).collect();
    }
    LineageLink {
        from: left_index.min(right_index),
        to: left_index.max(right_index),
        kind,
        aligned_share: alignment.share,
        aligned_sentences: alignment.pairs.len() as u32,
        sentence_pairs,
    }
}

/// Aligned positions as indices into each article's `Doc::sentences`.
fn doc_sentence_pairs(
    left: &ArticleFeatures,
    right: &ArticleFeatures,
    alignment: &Alignment,
) -> Vec<(u32, u32)> {
    let to_doc = |features: &ArticleFeatures, position: usize| {
        features
            .sentence_indices
            .get(position)
            .copied()
            .unwrap_or(position as u32)
    };
    alignment
        .pairs
        .iter()
        .map(|&(left_position, right_position)| {
            (to_doc(left, left_position), to_doc(right, right_position))
        })
        .collect()
}

/// How much a name or figure counts in sentence similarity, against 1 for
/// other words: articles about one event all share its names and figures,
/// while a rewrite also shares the incidental wording.
pub const ANCHOR_WEIGHT: f32 = 0.3;
/// Fewest shared words other than names and figures for two sentences to
/// match.
pub const SHARED_WORDING: usize = 2;

/// A term's weight in sentence similarity, and whether it is a name or
/// figure.
#[derive(Debug, Clone, Copy)]
pub struct TermWeight {
    pub weight: f32,
    pub anchor: bool,
}

/// Weight of each term: rarer across the story's sentences, heavier; names
/// and figures scaled by [`ANCHOR_WEIGHT`].
fn term_weights(features: &[ArticleFeatures]) -> HashMap<u32, TermWeight> {
    let mut document_frequency: HashMap<u32, u32> = HashMap::new();
    let mut sentences = 0u32;
    for article in features {
        for terms in &article.sentence_terms {
            sentences += 1;
            for term in terms {
                *document_frequency.entry(*term).or_insert(0) += 1;
            }
        }
    }
    let anchors: std::collections::HashSet<u32> = features
        .iter()
        .flat_map(|article| article.anchors.iter().copied())
        .collect();
    let total = sentences as f32 + 1.0;
    document_frequency
        .into_iter()
        .map(|(term, frequency)| {
            let weight = (total / (frequency as f32 + 1.0)).ln().max(0.05);
            let anchor = anchors.contains(&term);
            let scale = if anchor { ANCHOR_WEIGHT } else { 1.0 };
            (
                term,
                TermWeight {
                    weight: weight * scale,
                    anchor,
                },
            )
        })
        .collect()
}

/// Pairs worth comparing: for each article, the others sharing the most
/// terms with it (at most [`CANDIDATES_PER_ARTICLE`]), found through an
/// inverted index that skips terms most articles use.
fn candidate_pairs(features: &[ArticleFeatures]) -> Vec<(usize, usize)> {
    let count = features.len();
    if count < 2 {
        return Vec::new();
    }
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    for (index, article) in features.iter().enumerate() {
        for (term, _) in &article.bag {
            postings.entry(*term).or_default().push(index);
        }
    }
    let common_limit = (count / 2).max(8);
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (index, article) in features.iter().enumerate() {
        let mut shared: HashMap<usize, u32> = HashMap::new();
        for (term, _) in &article.bag {
            let Some(holders) = postings.get(term) else {
                continue;
            };
            if holders.len() > common_limit && count > 16 {
                continue;
            }
            for &other in holders {
                if other != index {
                    *shared.entry(other).or_insert(0) += 1;
                }
            }
        }
        let mut ranked: Vec<(usize, u32)> = shared.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for (other, _) in ranked.into_iter().take(CANDIDATES_PER_ARTICLE) {
            pairs.push((index.min(other), index.max(other)));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// One side of a comparison: the article, its features, its weighted
/// sentences.
type Side<'a> = (ArticleIndex, &'a ArticleFeatures, &'a [WeightedSentence]);

fn compare(
    (left_index, left, left_weighted): Side<'_>,
    (right_index, right, right_weighted): Side<'_>,
) -> Option<LineageLink> {
    let shorter_shingles = left.shingles.len().min(right.shingles.len());
    let containment = if shorter_shingles == 0 {
        0.0
    } else {
        shared_count(&left.shingles, &right.shingles) as f32 / shorter_shingles as f32
    };
    let alignment = align_weighted(left_weighted, right_weighted);
    let aligned = alignment.pairs.len() as u32;
    let aligned_share = alignment.share;
    let kind = if containment >= COPY_CONTAINMENT {
        DerivationKind::Copy
    } else if containment >= REWRITE_CONTAINMENT {
        DerivationKind::Rewrite
    } else if aligned >= PARAPHRASE_MIN_SENTENCES && aligned_share >= PARAPHRASE_SHARE {
        DerivationKind::Paraphrase
    } else {
        return None;
    };
    let mut sentence_pairs = doc_sentence_pairs(left, right, &alignment);
    if left_index > right_index {
        sentence_pairs = sentence_pairs.into_iter().map(|(a, b)| (b, a)).collect();
    }
    Some(LineageLink {
        from: left_index.min(right_index),
        to: left_index.max(right_index),
        kind,
        aligned_share,
        aligned_sentences: aligned,
        sentence_pairs,
    })
}

/// A sentence's terms with their weights, sorted by term, and the sum of
/// the weights: computed once per article, compared many times.
#[derive(Debug, Clone, Default)]
pub struct WeightedSentence {
    terms: Vec<(u32, f32, bool)>,
    total: f32,
    contentful: bool,
}

/// The weighted form of an article's sentences.
pub fn weigh(sentences: &[Vec<u32>], weights: &HashMap<u32, TermWeight>) -> Vec<WeightedSentence> {
    sentences
        .iter()
        .map(|terms| {
            let weighted: Vec<(u32, f32, bool)> = terms
                .iter()
                .map(|term| match weights.get(term) {
                    Some(found) => (*term, found.weight, found.anchor),
                    None => (*term, 1.0, false),
                })
                .collect();
            WeightedSentence {
                total: weighted.iter().map(|(_, weight, _)| weight).sum(),
                contentful: terms.len() >= 3,
                terms: weighted,
            }
        })
        .collect()
}

/// Weighted Dice overlap of two weighted sentences; 0 unless they share
/// [`SHARED_WORDING`] words other than names and figures.
fn weighted_similarity(left: &WeightedSentence, right: &WeightedSentence) -> f32 {
    if left.total + right.total == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut shared, mut shared_wording) = (0, 0, 0.0f32, 0usize);
    while i < left.terms.len() && j < right.terms.len() {
        match left.terms[i].0.cmp(&right.terms[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += left.terms[i].1;
                if !left.terms[i].2 {
                    shared_wording += 1;
                }
                i += 1;
                j += 1;
            }
        }
    }
    if shared_wording < SHARED_WORDING {
        return 0.0;
    }
    2.0 * shared / (left.total + right.total)
}

/// Weighted Dice overlap of two sorted term lists.
fn sentence_similarity(left: &[u32], right: &[u32], weights: &HashMap<u32, TermWeight>) -> f32 {
    let weight = |term: &u32| weights.get(term).map_or(1.0, |found| found.weight);
    let is_wording = |term: &u32| weights.get(term).is_none_or(|found| !found.anchor);
    let left_total: f32 = left.iter().map(weight).sum();
    let right_total: f32 = right.iter().map(weight).sum();
    if left_total + right_total == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut shared, mut shared_wording) = (0, 0, 0.0f32, 0usize);
    while i < left.len() && j < right.len() {
        match left[i].cmp(&right[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let term_weight = weight(&left[i]);
                shared += term_weight;
                if is_wording(&left[i]) {
                    shared_wording += 1;
                }
                i += 1;
                j += 1;
            }
        }
    }
    if shared_wording < SHARED_WORDING {
        return 0.0;
    }
    2.0 * shared / (left_total + right_total)
}

/// An order-keeping alignment of two articles' sentences.
#[derive(Debug, Clone, Default)]
pub struct Alignment {
    /// Matched (left, right) sentence positions, in order.
    pub pairs: Vec<(usize, usize)>,
    /// Matched pairs as a share of the shorter article's sentences (those
    /// with three content terms or more).
    pub share: f32,
}

/// The best order-keeping alignment of two articles' sentences: the one
/// with the greatest total similarity over matched pairs, each pair at least
/// [`SENTENCE_MATCH`] alike.
pub fn align(
    left: &[Vec<u32>],
    right: &[Vec<u32>],
    weights: &HashMap<u32, TermWeight>,
) -> Alignment {
    align_weighted(&weigh(left, weights), &weigh(right, weights))
}

/// [`align`] over sentences already weighted.
pub fn align_weighted(left: &[WeightedSentence], right: &[WeightedSentence]) -> Alignment {
    let rows = left.len();
    let columns = right.len();
    if rows == 0 || columns == 0 {
        return Alignment::default();
    }
    // score[i][j]: best total similarity aligning left[..i] with right[..j];
    // step[i][j]: how that cell was reached (0 up, 1 left, 2 diagonal).
    let width = columns + 1;
    let mut score = vec![0.0f32; (rows + 1) * width];
    let mut step = vec![0u8; (rows + 1) * width];
    for i in 1..=rows {
        for j in 1..=columns {
            let up = score[(i - 1) * width + j];
            let left_cell = score[i * width + j - 1];
            let (mut best, mut how) = if up >= left_cell {
                (up, 0)
            } else {
                (left_cell, 1)
            };
            let similarity = weighted_similarity(&left[i - 1], &right[j - 1]);
            if similarity >= SENTENCE_MATCH {
                let diagonal = score[(i - 1) * width + j - 1] + similarity;
                if diagonal > best {
                    best = diagonal;
                    how = 2;
                }
            }
            score[i * width + j] = best;
            step[i * width + j] = how;
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (rows, columns);
    while i > 0 && j > 0 {
        match step[i * width + j] {
            2 => {
                pairs.push((i - 1, j - 1));
                i -= 1;
                j -= 1;
            }
            0 => i -= 1,
            _ => j -= 1,
        }
    }
    pairs.reverse();
    let contentful = |sentences: &[WeightedSentence]| {
        sentences
            .iter()
            .filter(|sentence| sentence.contentful)
            .count()
    };
    let shorter = contentful(left).min(contentful(right)).max(1);
    let share = (pairs.len() as f32 / shorter as f32).min(1.0);
    Alignment { pairs, share }
}

/// Joins linked articles into lineages (union-find), keeping the links.
fn group(articles: &[ArticleIndex], links: Vec<LineageLink>) -> Vec<Lineage> {
    let position: HashMap<ArticleIndex, usize> = articles
        .iter()
        .enumerate()
        .map(|(position, article)| (*article, position))
        .collect();
    let mut parent: Vec<usize> = (0..articles.len()).collect();
    fn root(parent: &mut [usize], mut node: usize) -> usize {
        while parent[node] != node {
            parent[node] = parent[parent[node]];
            node = parent[node];
        }
        node
    }
    for link in &links {
        let (Some(&from), Some(&to)) = (position.get(&link.from), position.get(&link.to)) else {
            continue;
        };
        let from_root = root(&mut parent, from);
        let to_root = root(&mut parent, to);
        if from_root != to_root {
            parent[from_root.max(to_root)] = from_root.min(to_root);
        }
    }
    let mut by_root: Vec<(usize, Vec<ArticleIndex>)> = Vec::new();
    let mut slot_of_root: HashMap<usize, usize> = HashMap::new();
    for (position, article) in articles.iter().enumerate() {
        let root = root(&mut parent, position);
        let slot = *slot_of_root.entry(root).or_insert_with(|| {
            by_root.push((root, Vec::new()));
            by_root.len() - 1
        });
        by_root[slot].1.push(*article);
    }
    by_root
        .into_iter()
        .enumerate()
        .map(|(id, (_, mut members))| {
            members.sort_unstable();
            let member_links = links
                .iter()
                .filter(|link| members.contains(&link.from))
                .cloned()
                .collect();
            Lineage {
                id: id as u32,
                articles: members,
                links: member_links,
            }
        })
        .collect()
}

/// The term weights of a story's articles (for inspecting alignments).
pub fn debug_weights(features: &[ArticleFeatures]) -> HashMap<u32, TermWeight> {
    term_weights(features)
}

/// The similarity of two sentences' terms (for inspecting alignments).
pub fn debug_similarity(left: &[u32], right: &[u32], weights: &HashMap<u32, TermWeight>) -> f32 {
    sentence_similarity(left, right, weights)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(sentences: &[&[u32]], shingles: &[u64]) -> ArticleFeatures {
        let sentence_terms: Vec<Vec<u32>> = sentences.iter().map(|terms| terms.to_vec()).collect();
        let mut bag: Vec<(u32, u32)> = sentence_terms
            .iter()
            .flatten()
            .map(|term| (*term, 1))
            .collect();
        bag.sort_unstable();
        bag.dedup();
        ArticleFeatures {
            sentence_indices: (0..sentence_terms.len() as u32).collect(),
            sentence_terms,
            shingles: shingles.to_vec(),
            bag,
            anchors: Vec::new(),
        }
    }

    #[test]
    fn copies_share_shingles_and_join_one_lineage() {
        let shingles: Vec<u64> = (0..50).collect();
        let wire = features(&[&[1, 2, 3]], &shingles);
        let copy = features(&[&[1, 2, 3]], &shingles[..45]);
        let other = features(&[&[7, 8, 9]], &[100, 101]);
        let lineages = find_lineages(&[0, 1, 2], &[wire, copy, other]);
        assert_eq!(lineages.len(), 2);
        assert_eq!(lineages[0].articles, vec![0, 1]);
        assert_eq!(lineages[0].links[0].kind, DerivationKind::Copy);
        assert_eq!(lineages[1].articles, vec![2]);
    }

    #[test]
    fn same_facts_in_the_same_order_are_a_paraphrase() {
        // Term 1 and 2 are the event (in every sentence of every article);
        // the rest is each sentence's own wording.
        let wire = features(
            &[
                &[1, 2, 10, 11, 12],
                &[1, 20, 21, 22],
                &[2, 30, 31, 32],
                &[1, 40, 41, 42],
            ],
            &[1, 2, 3],
        );
        let paraphrase = features(
            &[
                &[1, 2, 10, 11, 13],
                &[1, 20, 21, 23],
                &[2, 30, 31, 33],
                &[1, 40, 41, 43],
            ],
            &[4, 5, 6],
        );
        let independent = features(
            &[
                &[1, 2, 50, 51, 52],
                &[2, 60, 61, 62],
                &[1, 70, 71, 72],
                &[2, 40, 80, 81],
            ],
            &[7, 8, 9],
        );
        let lineages = find_lineages(&[0, 1, 2], &[wire, paraphrase, independent]);
        assert_eq!(lineages.len(), 2, "{lineages:?}");
        assert_eq!(lineages[0].articles, vec![0, 1]);
        assert_eq!(lineages[0].links[0].kind, DerivationKind::Paraphrase);
    }

    #[test]
    fn known_near_duplicates_become_links() {
        // No shared shingles or sentences: only the MinHash pair links them.
        let first = features(&[&[1, 2, 3]], &[1, 2]);
        let second = features(&[&[7, 8, 9]], &[3, 4]);
        let third = features(&[&[20, 21, 22]], &[5, 6]);
        let known = [
            KnownDerivation {
                left: 12,
                right: 10,
                kind: DerivationKind::Rewrite,
            },
            KnownDerivation {
                left: 10,
                right: 99,
                kind: DerivationKind::Copy,
            },
        ];
        let lineages = find_lineages_with_known(&[10, 11, 12], &[first, second, third], &known);
        assert_eq!(lineages.len(), 2, "{lineages:?}");
        assert_eq!(lineages[0].articles, vec![10, 12]);
        assert_eq!(lineages[0].links.len(), 1);
        assert_eq!(lineages[0].links[0].kind, DerivationKind::Rewrite);
        assert_eq!(
            (lineages[0].links[0].from, lineages[0].links[0].to),
            (10, 12)
        );
        assert_eq!(lineages[1].articles, vec![11]);
    }

    #[test]
    fn the_same_facts_in_another_order_are_not_a_paraphrase() {
        let wire = features(
            &[&[10, 11, 12], &[20, 21, 22], &[30, 31, 32], &[40, 41, 42]],
            &[1],
        );
        let shuffled = features(
            &[&[40, 41, 42], &[30, 31, 32], &[20, 21, 22], &[10, 11, 12]],
            &[2],
        );
        let lineages = find_lineages(&[0, 1], &[wire, shuffled]);
        assert_eq!(lineages.len(), 2);
    }
}
