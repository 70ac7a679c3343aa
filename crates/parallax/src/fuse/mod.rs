//! Stage `fuse`: analysed articles → what holds across them.
//!
//! Takes the analysed articles of a batch; gives the stories they form, the
//! entities with every spelling merged, and for each story its lineages
//! (copies, rewrites and paraphrases: one independent source each) and its
//! claim groups with their verdicts. Promises: the result depends only on
//! the articles; cross-article work is bounded by candidate generation
//! (inverted indexes, blocking keys), not all pairs of a large batch.

pub mod entities;
pub mod features;
pub mod groups;
pub mod lineage;
pub mod names;
pub mod near_dup;
pub mod quotes;
pub mod stories;
pub mod stream;

use crate::model::{
    AnalysedArticle, ArticleIndex, ClaimGroup, Entity, Lineage, MentionRef, QuoteGroup, Story,
};
use std::collections::HashMap;

/// What the fuse stage gives for a batch.
#[derive(Debug, Clone, PartialEq)]
pub struct Fusion {
    /// Entities over the whole batch; a story's are those its articles
    /// mention.
    pub entities: Vec<Entity>,
    /// Quotations of one remark across articles, over the whole batch.
    pub quote_groups: Vec<QuoteGroup>,
    pub stories: Vec<FusedStory>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FusedStory {
    pub story: Story,
    pub lineages: Vec<Lineage>,
    pub claim_groups: Vec<ClaimGroup>,
}

impl FusedStory {
    /// Lineage id of each article of the story.
    pub fn lineage_of(&self) -> HashMap<ArticleIndex, u32> {
        let mut map = HashMap::new();
        for lineage in &self.lineages {
            for article in &lineage.articles {
                map.insert(*article, lineage.id);
            }
        }
        map
    }
}

/// Entity id of every mention that belongs to an entity.
pub fn entity_index(entities: &[Entity]) -> HashMap<MentionRef, u32> {
    let mut map = HashMap::new();
    for entity in entities {
        for mention in &entity.mentions {
            map.insert(*mention, entity.id);
        }
    }
    map
}

/// Runs the fuse stage over a batch of analysed articles.
///
/// One step writes back into the articles: *story anchoring*. An article
/// whose own date is guessed or missing takes a date from the stated dates
/// of its lineage or story (see [`crate::extract::dates::story_anchor`]),
/// and its dates and claims are resolved again against it, before its
/// story's claims are grouped; the brief then shows the same dates.
pub fn fuse(articles: &mut [AnalysedArticle]) -> Fusion {
    let mut vocabulary = features::Vocabulary::default();
    let article_features: Vec<features::ArticleFeatures> = articles
        .iter()
        .map(|analysed| features::article_features(analysed, &mut vocabulary))
        .collect();
    let indexes: Vec<ArticleIndex> = articles
        .iter()
        .map(|analysed| analysed.article.index)
        .collect();
    let position_of: HashMap<ArticleIndex, usize> = indexes
        .iter()
        .enumerate()
        .map(|(position, index)| (*index, position))
        .collect();

    let entities = entities::merge_entities(articles);
    let entity_of = entity_index(&entities);
    let quote_groups = quotes::group_quotes(articles);

    let mut fused_stories = Vec::new();
    for story in stories::cluster_stories(&indexes, &article_features) {
        let positions: Vec<usize> = story
            .articles
            .iter()
            .filter_map(|index| position_of.get(index).copied())
            .collect();
        let story_features: Vec<features::ArticleFeatures> = positions
            .iter()
            .map(|&position| article_features[position].clone())
            .collect();
        let lineages = lineage::find_lineages(&story.articles, &story_features);
        anchor_story_dates(articles, &positions, &lineages);
        let story_articles: Vec<&AnalysedArticle> = positions
            .iter()
            .map(|&position| &articles[position])
            .collect();
        let mut fused = FusedStory {
            story,
            lineages,
            claim_groups: Vec::new(),
        };
        let lineage_of = fused.lineage_of();
        fused.claim_groups = groups::group_claims(&groups::StoryContext {
            articles: &story_articles,
            lineage_of: &lineage_of,
            entity_of: &entity_of,
        });
        fused_stories.push(fused);
    }
    Fusion {
        entities,
        quote_groups,
        stories: fused_stories,
    }
}

/// Story anchoring for the articles at `positions` (one story): each
/// article whose date is guessed or missing is given a date from the
/// stated dates of its lineage and story, and its dates and claims are
/// resolved again against it. Articles with a dateline go first, so that
/// the day a dateline states (with the story's year) reaches the copies
/// of its lineage that lost the dateline.
fn anchor_story_dates(articles: &mut [AnalysedArticle], positions: &[usize], lineages: &[Lineage]) {
    let stated_date_of = |articles: &[AnalysedArticle], position: usize| {
        articles
            .get(position)
            .and_then(|analysed| analysed.extraction.article_date)
            .filter(|date| date.source.is_stated())
            .map(|date| date.date)
    };
    let story_dates: Vec<chrono::NaiveDate> = positions
        .iter()
        .filter_map(|&position| stated_date_of(articles, position))
        .collect();
    if story_dates.is_empty() {
        return;
    }
    let lineage_id_of: HashMap<ArticleIndex, u32> = lineages
        .iter()
        .flat_map(|lineage| {
            lineage
                .articles
                .iter()
                .map(|article| (*article, lineage.id))
        })
        .collect();
    let lineage_of_position = |articles: &[AnalysedArticle], position: usize| {
        articles
            .get(position)
            .and_then(|analysed| lineage_id_of.get(&analysed.article.index))
            .copied()
    };
    let mut lineage_dates: HashMap<u32, Vec<chrono::NaiveDate>> = HashMap::new();
    for &position in positions {
        if let (Some(lineage), Some(date)) = (
            lineage_of_position(articles, position),
            stated_date_of(articles, position),
        ) {
            lineage_dates.entry(lineage).or_default().push(date);
        }
    }
    let (with_dateline, without_dateline): (Vec<usize>, Vec<usize>) =
        positions.iter().partition(|&&position| {
            articles
                .get(position)
                .is_some_and(|analysed| crate::extract::dates::has_dateline_day(&analysed.article))
        });
    for pass in [with_dateline, without_dateline] {
        let mut dated_in_pass: Vec<(u32, chrono::NaiveDate)> = Vec::new();
        for position in pass {
            let lineage = lineage_of_position(articles, position);
            let Some(analysed) = articles.get_mut(position) else {
                continue;
            };
            let dates_of_lineage = lineage
                .and_then(|lineage| lineage_dates.get(&lineage))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let Some(anchor) = crate::extract::dates::story_anchor(
                &analysed.article,
                analysed.extraction.article_date.as_ref(),
                dates_of_lineage,
                &story_dates,
            ) else {
                continue;
            };
            crate::extract::reanchor(
                &analysed.article,
                &analysed.doc,
                &mut analysed.extraction,
                anchor,
            );
            if let Some(lineage) = lineage {
                dated_in_pass.push((lineage, anchor.date));
            }
        }
        for (lineage, date) in dated_in_pass {
            lineage_dates.entry(lineage).or_default().push(date);
        }
    }
}
