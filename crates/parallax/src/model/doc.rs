//! The `text` stage's record: an article cut into sentences and tokens.

use super::span::{ArticleIndex, Span};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// An analysed article: sentences and tokens with byte offsets into
/// [`Article::text`](super::Article::text).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    pub article: ArticleIndex,
    /// ISO 639-3 code when detection is confident.
    pub language: Option<String>,
    /// Sentences of the body and heading blocks, in text order.
    pub sentences: Vec<Sentence>,
    /// All tokens of those sentences, in text order; a sentence owns the
    /// contiguous range `Sentence::tokens`.
    pub tokens: Vec<Token>,
}

impl Doc {
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        let range = sentence.tokens.start as usize..sentence.tokens.end as usize;
        self.tokens.get(range).unwrap_or(&[])
    }

    /// Index of the sentence whose span contains byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let offset = u32::try_from(offset).ok()?;
        let position = self
            .sentences
            .partition_point(|sentence| sentence.span.end <= offset);
        let sentence = self.sentences.get(position)?;
        (sentence.span.start <= offset).then_some(position)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    /// Index into `Article::blocks` of the block it lies in.
    pub block: u32,
    /// True for the sentences of a sub-heading block: kept for display, not
    /// mined for names or claims.
    pub heading: bool,
    /// True for the first sentence of its block (a paragraph start).
    pub paragraph_start: bool,
    /// Index range into `Doc::tokens`.
    pub tokens: Range<u32>,
    /// Quotation state at the start of the sentence: true when it begins
    /// inside a quotation opened in an earlier sentence.
    pub opens_inside_quote: bool,
}

/// A token: a word, number, punctuation mark or symbol, with its byte range in
/// the article text (`start..end`, article implied by the owning `Doc`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: TokenKind,
}

impl Token {
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn text<'text>(&self, article_text: &'text str) -> &'text str {
        article_text.get(self.range()).unwrap_or("")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or periods
    /// ("don't", "Saint-Denis", "U.S.").
    Word,
    /// Digits with their separators ("1,227", "9.5", "2022", "60kg" is a
    /// number followed by a word).
    Number,
    /// An opening quotation mark (“ « „ ‘ or a straight quote judged opening).
    QuoteOpen,
    /// A closing quotation mark.
    QuoteClose,
    /// A dash used as punctuation (— – --), which may introduce a quotation.
    Dash,
    /// Any other punctuation.
    Punct,
    /// Currency signs, %, & and other symbols.
    Symbol,
}
