//! The `fuse` stage's records: what holds across articles.

use super::extract::{ClaimKind, EntityKind};
use super::span::ArticleIndex;
use serde::{Deserialize, Serialize};

/// A mention, named by its article and its index in that article's
/// `Extraction::mentions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MentionRef {
    pub article: ArticleIndex,
    pub mention: u32,
}

/// A claim, named by its article and its index in `Extraction::claims`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ClaimRef {
    pub article: ArticleIndex,
    pub claim: u32,
}

/// A quotation, named by its article and its index in `Extraction::quotes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct QuoteRef {
    pub article: ArticleIndex,
    pub quote: u32,
}

/// Quotations of one remark across articles: the same words, or two
/// translations or cuts of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteGroup {
    pub id: u32,
    /// The quotations, ascending.
    pub quotes: Vec<QuoteRef>,
    /// The quotation whose wording stands for the group (the most complete).
    pub representative: QuoteRef,
    /// Its text.
    pub text: String,
    /// The speaker's name, as most of the quotations resolve it.
    pub speaker: Option<String>,
}

/// One real-world person, organisation or place, across articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: u32,
    /// The display name: the most frequent full form.
    pub name: String,
    pub kind: EntityKind,
    /// Every surface form seen, most frequent first, each once.
    pub variants: Vec<String>,
    /// Titles and roles seen with the name ("President", "envoy").
    pub titles: Vec<String>,
    pub mentions: Vec<MentionRef>,
    /// Articles that mention it, ascending.
    pub articles: Vec<ArticleIndex>,
}

/// Articles that are copies or rewrites of one text: one independent source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lineage {
    pub id: u32,
    /// Ascending.
    pub articles: Vec<ArticleIndex>,
    /// Why the articles were joined, pair by pair.
    pub links: Vec<LineageLink>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineageLink {
    pub from: ArticleIndex,
    pub to: ArticleIndex,
    pub kind: DerivationKind,
    /// Share of the shorter article's sentences aligned with the other.
    pub aligned_share: f32,
    pub aligned_sentences: u32,
    /// The aligned sentences: (sentence of `from`, sentence of `to`), as
    /// indices into each article's `Doc::sentences`.
    pub sentence_pairs: Vec<(u32, u32)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DerivationKind {
    /// The same text, give or take white space and boilerplate.
    Copy,
    /// Long runs of shared wording.
    Rewrite,
    /// Different wording, but the same facts in the same order sentence by
    /// sentence.
    Paraphrase,
}

/// A set of articles about one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: u32,
    /// Ascending.
    pub articles: Vec<ArticleIndex>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// The sources state incompatible values for the same fact.
    Contradiction,
    /// One value is credited to a named party, the other is the outlets'
    /// own (an envoy says 156, the outlets say 123).
    DifferentAttribution,
    /// The values count different things or places (114 arrived in one
    /// country vs 123 released in all).
    DifferentScope,
    /// The values differ in form but not in fact (more than 1,200 vs 1,227).
    Compatible,
    /// One outlet alone contradicts all the others: probably its mistake.
    LikelyError,
}

impl ConflictKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ConflictKind::Contradiction => "contradiction",
            ConflictKind::DifferentAttribution => "different_attribution",
            ConflictKind::DifferentScope => "different_scope",
            ConflictKind::Compatible => "compatible",
            ConflictKind::LikelyError => "likely_error",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Corroborated,
    SingleSource,
    Conflict,
}

impl Verdict {
    pub fn as_str(&self) -> &'static str {
        match self {
            Verdict::Corroborated => "corroborated",
            Verdict::SingleSource => "single_source",
            Verdict::Conflict => "conflict",
        }
    }
}

/// Claims about one fact, across articles, with the verdict on them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimGroup {
    pub id: u32,
    pub kind: ClaimKind,
    pub claims: Vec<ClaimRef>,
    pub verdict: Verdict,
    pub conflict_kind: Option<ConflictKind>,
    /// Lineage ids of the independent sources behind the group.
    pub independent_sources: Vec<u32>,
    /// Why the verdict, in words ("114 counts arrivals in Ukraine; 123
    /// counts all releases").
    pub explanation: String,
    /// The claim whose sentence states the fact best (from the side most
    /// sources agree on).
    pub statement: ClaimRef,
    /// A short label made from the claims' fields ("release: 123 prisoners").
    pub label: String,
}
