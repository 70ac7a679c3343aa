//! Stage `fuse`: analysed articles → what holds across them.
//!
//! Takes the analysed articles of a batch; gives the stories they form, the
//! lineages (copies and rewrites, one independent source each), the entities
//! with every spelling merged, and the claim groups with their verdicts.
//! Promises: the result depends only on the articles (not on the order of
//! equal-scoring candidates); cross-article work is bounded by candidate
//! generation, not all pairs.

pub mod entities;
pub mod names;
pub mod quotes;

use crate::model::{AnalysedArticle, Entity};

/// Merges the name mentions of `articles` into entities.
pub fn entities(articles: &[AnalysedArticle]) -> Vec<Entity> {
    entities::merge_entities(articles)
}
