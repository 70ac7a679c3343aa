//! Entities across articles: mentions merged, transliteration-aware.

use crate::model::{AnalysedArticle, Entity, MentionRef};
use std::collections::BTreeMap;

/// Merges mentions into entities. Provisional: exact name match.
pub fn merge_entities(articles: &[AnalysedArticle]) -> Vec<Entity> {
    let mut by_name: BTreeMap<String, Vec<MentionRef>> = BTreeMap::new();
    for analysed in articles {
        for (index, mention) in analysed.extraction.mentions.iter().enumerate() {
            by_name
                .entry(mention.name.clone())
                .or_default()
                .push(MentionRef {
                    article: analysed.article.index,
                    mention: index as u32,
                });
        }
    }
    let mut entities = Vec::new();
    for (name, mentions) in by_name {
        let mut articles_seen: Vec<u32> = mentions.iter().map(|m| m.article).collect();
        articles_seen.dedup();
        let kind = articles
            .iter()
            .find(|analysed| analysed.article.index == mentions[0].article)
            .and_then(|analysed| {
                analysed
                    .extraction
                    .mentions
                    .get(mentions[0].mention as usize)
            })
            .map(|mention| mention.kind)
            .unwrap_or(crate::model::EntityKind::Other);
        entities.push(Entity {
            id: entities.len() as u32,
            name: name.clone(),
            kind,
            variants: vec![name],
            titles: Vec::new(),
            mentions,
            articles: articles_seen,
        });
    }
    entities
}
