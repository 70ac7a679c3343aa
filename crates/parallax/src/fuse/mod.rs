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
pub fn fuse(articles: &[AnalysedArticle]) -> Fusion {
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
