//! The `brief` stage's record: one story's cross-checked account, as the
//! JSON schema `parallax.brief/1` (documented in `docs/brief-schema.md`).
//!
//! Every line carries where it comes from ([`SourceSpan`]); the only text
//! not copied from an article is marked `generated` and names the records
//! it was made from.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const BRIEF_SCHEMA: &str = "parallax.brief/1";

/// What `parallax brief --format json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BriefDocument {
    pub schema: String,
    pub generator: String,
    pub stories: Vec<Brief>,
    /// Inputs that could not be read, each with its reason.
    pub errors: Vec<InputFailure>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputFailure {
    pub source: String,
    pub error: String,
}

/// Where a piece of a brief comes from: an article (by its source name and
/// batch index) and a byte range of its text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SourceSpan {
    pub source: String,
    pub article: u32,
    pub start: u32,
    pub end: u32,
}

/// A sentence of the brief: text copied from an article, with its span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    pub text: String,
    pub span: SourceSpan,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Brief {
    pub id: u32,
    /// The sentence that best states what the story is about.
    pub headline: Line,
    pub articles: Vec<BriefArticle>,
    pub lineages: Vec<BriefLineage>,
    /// Ids of claim groups that are the key facts, most corroborated first.
    pub key_facts: Vec<u32>,
    pub claim_groups: Vec<BriefClaimGroup>,
    pub entities: Vec<BriefEntity>,
    pub quotes: Vec<BriefQuote>,
    pub timeline: Vec<TimelineEntry>,
    pub unique: Vec<UniqueReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BriefArticle {
    /// As given on the command line (or stored).
    pub source: String,
    pub index: u32,
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    /// The article's date as used to resolve relative dates, and whether it
    /// was stated or inferred.
    pub date: Option<NaiveDate>,
    pub date_inferred: bool,
    pub language: Option<String>,
    /// Id of the lineage the article belongs to.
    pub lineage: u32,
    pub boilerplate: Vec<BoilerplateLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoilerplateLine {
    pub text: String,
    pub reason: String,
    pub span: SourceSpan,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BriefLineage {
    pub id: u32,
    pub articles: Vec<String>,
    pub links: Vec<BriefLineageLink>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BriefLineageLink {
    pub from: String,
    pub to: String,
    pub kind: String,
    pub aligned_share: f32,
    /// The sentences of the two articles that say the same, in order: the
    /// evidence for the link.
    pub aligned: Vec<AlignedSentences>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignedSentences {
    pub from: Line,
    pub to: Line,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BriefEntity {
    pub id: u32,
    pub name: String,
    pub kind: String,
    pub variants: Vec<String>,
    pub titles: Vec<String>,
    pub mentions: usize,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BriefClaimGroup {
    pub id: u32,
    /// A sentence from an article that states the fact.
    pub statement: Line,
    /// A short label made from the extracted fields ("released: 123
    /// prisoners"): generated, not copied.
    pub label: String,
    pub kind: String,
    pub verdict: String,
    pub conflict_kind: Option<String>,
    /// Why the verdict, in words (generated from the claims' fields).
    pub explanation: String,
    /// Number of independent sources (lineages) behind the group.
    pub independent_sources: usize,
    pub lineages: Vec<u32>,
    pub claims: Vec<BriefClaim>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BriefClaim {
    pub source: String,
    /// The sentence the claim is made in.
    pub text: String,
    pub span: SourceSpan,
    /// The words that carry the value ("more than 1,200").
    pub value_text: String,
    pub value_span: SourceSpan,
    pub value: BriefValue,
    pub counted: Option<String>,
    pub predicate: Option<String>,
    pub scope: Vec<String>,
    pub attributed_to: Option<String>,
}

/// A value as an interval: `low`/`high` null when unbounded; `exact` when
/// the text states one number without a qualifier. Dates and titles are
/// given as `text`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BriefValue {
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub low_inclusive: bool,
    pub high_inclusive: bool,
    pub exact: Option<f64>,
    pub unit: Option<String>,
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BriefQuote {
    pub text: String,
    pub speaker: Option<String>,
    pub sources: Vec<String>,
    /// Each article's wording of the remark, with its span.
    pub variants: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// ISO date of the start of the period.
    pub date: NaiveDate,
    pub precision: String,
    /// The sentence that dates the event.
    pub event: String,
    pub sources: Vec<SourceSpan>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UniqueReport {
    pub source: String,
    /// Sentences with facts or quotes that no other lineage reports.
    pub statements: Vec<Line>,
    /// Labels of key facts (reported by two or more lineages) this source
    /// leaves out.
    pub omits: Vec<String>,
}
