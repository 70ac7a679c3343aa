//! Stage `text`: an [`Article`] → a [`Doc`] of sentences and tokens.
//!
//! Takes the body and heading blocks of an article; gives its sentences and
//! tokens with byte spans into the article's text. Promises: spans lie
//! inside their block, in order, never overlapping; every token lies in a
//! sentence; no input makes it panic.

use crate::model::{Article, BlockKind, Doc, Sentence, Span, Token, TokenKind};

/// Segments the body and heading blocks of `article`.
pub fn analyse(article: &Article) -> Doc {
    // Provisional segmentation: to be replaced by the rule-based segmenter.
    let mut doc = Doc {
        article: article.index,
        language: None,
        sentences: Vec::new(),
        tokens: Vec::new(),
    };
    for (block_index, block) in article.blocks.iter().enumerate() {
        let heading = match block.kind {
            BlockKind::Body => false,
            BlockKind::Heading => true,
            _ => continue,
        };
        let block_text = article.slice(&block.span);
        let base = block.span.start as usize;
        let mut sentence_start = 0;
        let bytes = block_text.as_bytes();
        let mut first = true;
        for (offset, byte) in bytes.iter().enumerate() {
            let at_end = offset + 1 == bytes.len();
            let boundary = matches!(byte, b'.' | b'!' | b'?')
                && (at_end || bytes.get(offset + 1) == Some(&b' '));
            if boundary || at_end {
                let end = offset + 1;
                let sentence_text = &block_text[sentence_start..end];
                let leading = sentence_text.len() - sentence_text.trim_start().len();
                let start = sentence_start + leading;
                if start < end {
                    let token_start = doc.tokens.len() as u32;
                    for (word_offset, word) in
                        block_text[start..end].split_word_bound_indices_simple()
                    {
                        let absolute = base + start + word_offset;
                        let kind = if word
                            .chars()
                            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                        {
                            TokenKind::Number
                        } else if word.chars().all(char::is_alphanumeric) {
                            TokenKind::Word
                        } else {
                            TokenKind::Punct
                        };
                        doc.tokens.push(Token {
                            start: absolute as u32,
                            end: (absolute + word.len()) as u32,
                            kind,
                        });
                    }
                    doc.sentences.push(Sentence {
                        span: Span::new(article.index, base + start, base + end),
                        block: block_index as u32,
                        heading,
                        paragraph_start: first,
                        tokens: token_start..doc.tokens.len() as u32,
                        opens_inside_quote: false,
                    });
                    first = false;
                }
                sentence_start = end;
            }
        }
    }
    doc
}

trait SimpleWords {
    fn split_word_bound_indices_simple(&self) -> Vec<(usize, &str)>;
}

impl SimpleWords for str {
    fn split_word_bound_indices_simple(&self) -> Vec<(usize, &str)> {
        use unicode_segmentation::UnicodeSegmentation;
        self.split_word_bound_indices()
            .filter(|(_, word)| !word.trim().is_empty())
            .collect()
    }
}
