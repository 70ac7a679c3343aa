//! The `ingest` stage's record: one article, its text, and its blocks.

use super::span::{ArticleIndex, Span};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One article as read from its input.
///
/// `text` is the article's text as ingested: for plain text, the file
/// decoded as UTF-8 and nothing else; for other formats, the text the reader
/// got out of the markup. Every [`Span`] of every later stage is a byte range
/// into this string.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Content hash of the normalised body (hex): the same text read twice
    /// has the same id.
    pub id: String,
    /// Position of the article in its batch; the `article` of its spans.
    pub index: ArticleIndex,
    /// Where it came from, as given by the user (a path, `-`, a URL).
    pub source: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    /// Publication date when the input states it.
    pub published: Option<NaiveDate>,
    /// ISO 639-3 code of the detected language, when detection is confident.
    pub language: Option<String>,
    pub text: String,
    /// Every part of `text` that carries content, in order, each with what it
    /// is. Nothing is dropped: boilerplate stays here with its reason.
    pub blocks: Vec<Block>,
}

impl Article {
    pub fn slice(&self, span: &Span) -> &str {
        span.slice(&self.text)
    }

    /// The body blocks, in order.
    pub fn body_blocks(&self) -> impl Iterator<Item = &Block> {
        self.blocks
            .iter()
            .filter(|block| block.kind == BlockKind::Body)
    }

    /// Blocks that are not body text: boilerplate, headings and captions.
    pub fn non_body_blocks(&self) -> impl Iterator<Item = &Block> {
        self.blocks
            .iter()
            .filter(|block| block.kind != BlockKind::Body)
    }
}

/// A run of an article's text with one role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub span: Span,
    pub kind: BlockKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "reason")]
pub enum BlockKind {
    /// Article body: segmented into sentences and mined for claims.
    Body,
    /// A sub-heading inside the article: kept, not mined for names or claims.
    Heading,
    /// A picture caption.
    Caption,
    /// Text that is not part of the article, with why it was judged so.
    Boilerplate(BoilerplateReason),
}

impl BlockKind {
    /// The reason shown to the user for a non-body block.
    pub fn reason(&self) -> Option<&'static str> {
        match self {
            BlockKind::Body => None,
            BlockKind::Heading => Some("sub_heading"),
            BlockKind::Caption => Some("caption"),
            BlockKind::Boilerplate(reason) => Some(reason.as_str()),
        }
    }
}

/// Why a block is boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoilerplateReason {
    /// Site navigation or a section label ("UK News", "Culture").
    Navigation,
    /// A headline of another article shown on the page.
    UnrelatedHeadline,
    /// "See also", "Read more" and related-article lines.
    SeeAlso,
    /// "Photo by …", "Image: …", credits.
    PhotoCredit,
    /// "(With …)", "(Reporting by …)": who contributed, glued to a paragraph.
    AttributionTag,
    /// Lines with nothing but white space (incl. non-breaking spaces).
    Padding,
    /// A by-line or author box.
    Byline,
    /// Sharing, subscription and advertisement prompts.
    Promotion,
    /// Copyright and legal lines.
    Legal,
    /// Page furniture found by an HTML reader's block scoring.
    LowContent,
}

impl BoilerplateReason {
    pub fn as_str(&self) -> &'static str {
        match self {
            BoilerplateReason::Navigation => "navigation",
            BoilerplateReason::UnrelatedHeadline => "unrelated_headline",
            BoilerplateReason::SeeAlso => "see_also",
            BoilerplateReason::PhotoCredit => "photo_credit",
            BoilerplateReason::AttributionTag => "attribution_tag",
            BoilerplateReason::Padding => "padding",
            BoilerplateReason::Byline => "byline",
            BoilerplateReason::Promotion => "promotion",
            BoilerplateReason::Legal => "legal",
            BoilerplateReason::LowContent => "low_content",
        }
    }
}
