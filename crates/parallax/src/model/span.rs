//! Byte spans into an article's text: the provenance every record carries.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Index of an article within one batch (a run of the pipeline or a story
/// loaded from the store). Every [`Span`] names its article this way.
pub type ArticleIndex = u32;

/// A byte range `start..end` in the `text` of article number `article`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub article: ArticleIndex,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(article: ArticleIndex, start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span {
            article,
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers, or "" when the span does not fit `text`
    /// (a span from another article, or not on a character boundary).
    pub fn slice<'text>(&self, text: &'text str) -> &'text str {
        text.get(self.range()).unwrap_or("")
    }

    pub fn contains(&self, other: &Span) -> bool {
        self.article == other.article && self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.article == other.article && self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both (same article assumed).
    pub fn cover(&self, other: &Span) -> Span {
        debug_assert_eq!(self.article, other.article);
        Span {
            article: self.article,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}
