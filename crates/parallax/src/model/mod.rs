//! Shared records: what each stage of the pipeline gives the next.
//!
//! Plain owned structs with public fields. Every record that comes from text
//! carries a [`Span`] in bytes of its article's text.

mod article;
mod brief;
mod doc;
mod extract;
mod fuse;
mod span;

pub use article::{Article, Block, BlockKind, BoilerplateReason};
pub use brief::{
    AlignedSentences, BoilerplateLine, Brief, BriefArticle, BriefClaim, BriefClaimGroup,
    BriefDocument, BriefEntity, BriefLineage, BriefLineageLink, BriefQuote, BriefValue,
    InputFailure, Line, SourceSpan, TimelineEntry, UniqueReport, BRIEF_SCHEMA,
};
pub use doc::{Doc, Sentence, Token, TokenKind};
pub use extract::{
    ArticleDate, ArticleDateSource, Attribution, Claim, ClaimKind, ClaimValue, DatePrecision,
    DateRef, EntityKind, Extraction, Mention, MentionForm, Modality, Qualifier, Quantity,
    QuantityPart, Quote, Speaker, SpeakerVia, Value,
};
pub use fuse::{
    ClaimGroup, ClaimRef, ConflictKind, DerivationKind, Entity, Lineage, LineageLink, MentionRef,
    QuoteGroup, QuoteRef, Story, Verdict,
};
pub use span::{ArticleIndex, Span};

/// One article carried through the per-article stages.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AnalysedArticle {
    pub article: Article,
    pub doc: Doc,
    pub extraction: Extraction,
}
