//! Stage `text`: an [`Article`] → a [`Doc`] of sentences and tokens.
//!
//! Takes the body and heading blocks of an article; gives its language, its
//! sentences and its tokens with byte spans into the article's text (the
//! text is not rewritten: normalisation is left to whoever compares
//! strings, so every span stays true to the input). Promises: tokens and
//! sentences are in text order and never overlap; every token lies in a
//! sentence, every sentence in its block; a block's end always ends a
//! sentence; no input makes it panic.
//!
//! The parts, in the order they run:
//! 1. [`language`]: `whatlang` on a sample of the body (confident guesses
//!    only, ISO 639-3).
//! 2. [`tokens`]: words, numbers, quotation marks (opening or closing),
//!    dashes, punctuation and symbols; see its documentation for the
//!    choices (possessive "’s" is a token of its own; "U.S." is one word).
//! 3. [`sentences`]: boundaries decided on the tokens, with the word lists
//!    of `data/` (abbreviations, sentence starters, reporting verbs).

mod language;
mod lexicon;
mod sentences;
mod tokens;

use crate::model::{Article, BlockKind, Doc, Sentence, Span};

/// Segments the body and heading blocks of `article`.
pub fn analyse(article: &Article) -> Doc {
    let mut doc = Doc {
        article: article.index,
        language: language::detect(article),
        sentences: Vec::new(),
        tokens: Vec::with_capacity(article.text.len() / 5),
    };
    let mut cuts = Vec::new();
    let mut covered_until = 0usize;
    for (block_index, block) in article.blocks.iter().enumerate() {
        let heading = match block.kind {
            BlockKind::Body => false,
            BlockKind::Heading => true,
            _ => continue,
        };
        let block_start = block.span.start as usize;
        // Blocks are promised in order and apart; skip one that is not, so
        // the spans of the `Doc` stay ordered whatever a reader produced.
        if block_start < covered_until {
            continue;
        }
        let Some(block_text) = article.text.get(block.span.range()) else {
            continue;
        };
        covered_until = block.span.end as usize;
        let first_token = doc.tokens.len();
        tokens::tokenize_block(block_text, block_start, &mut doc.tokens);
        let Some(block_tokens) = doc.tokens.get(first_token..) else {
            continue;
        };
        cuts.clear();
        sentences::split_block(&article.text, block_tokens, &mut cuts);
        for (position, cut) in cuts.iter().enumerate() {
            let (Some(first), Some(last)) = (
                block_tokens.get(cut.start),
                cut.end
                    .checked_sub(1)
                    .and_then(|last| block_tokens.get(last)),
            ) else {
                continue;
            };
            let token_range = (first_token + cut.start)..(first_token + cut.end);
            doc.sentences.push(Sentence {
                span: Span::new(article.index, first.start as usize, last.end as usize),
                block: u32::try_from(block_index).unwrap_or(u32::MAX),
                heading,
                paragraph_start: position == 0,
                tokens: u32::try_from(token_range.start).unwrap_or(u32::MAX)
                    ..u32::try_from(token_range.end).unwrap_or(u32::MAX),
                opens_inside_quote: cut.opens_inside_quote,
            });
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::read_plain_text;
    use crate::model::TokenKind;
    use proptest::prelude::*;

    fn article(text: &str) -> Article {
        read_plain_text("test.txt", text.as_bytes(), 3).unwrap()
    }

    /// An article made of the given blocks, joined by blank lines.
    fn article_of_blocks(blocks: &[(&str, BlockKind)]) -> Article {
        let mut article = article("placeholder");
        article.text.clear();
        article.blocks.clear();
        for (block_text, kind) in blocks {
            if !article.text.is_empty() {
                article.text.push_str("\n\n");
            }
            let start = article.text.len();
            article.text.push_str(block_text);
            article.blocks.push(crate::model::Block {
                span: Span::new(article.index, start, article.text.len()),
                kind: *kind,
            });
        }
        article
    }

    fn sentence_texts<'a>(article: &'a Article, doc: &Doc) -> Vec<&'a str> {
        doc.sentences
            .iter()
            .map(|sentence| article.slice(&sentence.span))
            .collect()
    }

    /// Checks every promise of the stage on one article.
    fn check_invariants(article: &Article, doc: &Doc) {
        let text = &article.text;
        let mut previous_end = 0;
        for token in &doc.tokens {
            assert!(token.start < token.end, "empty token {token:?}");
            assert!(token.start as usize >= previous_end, "tokens overlap");
            assert!(text.is_char_boundary(token.start as usize));
            assert!(text.is_char_boundary(token.end as usize));
            assert!(token.end as usize <= text.len());
            previous_end = token.end as usize;
        }
        let mut previous_sentence_end = 0;
        let mut next_token = 0u32;
        for sentence in &doc.sentences {
            assert_eq!(sentence.span.article, article.index);
            assert!(sentence.span.start as usize >= previous_sentence_end);
            assert!(sentence.span.start < sentence.span.end);
            assert_eq!(sentence.tokens.start, next_token, "tokens not contiguous");
            assert!(sentence.tokens.start < sentence.tokens.end);
            next_token = sentence.tokens.end;
            let block = &article.blocks[sentence.block as usize];
            assert!(
                block.span.contains(&sentence.span),
                "sentence outside its block"
            );
            for token in doc.sentence_tokens(sentence) {
                assert!(sentence.span.start <= token.start && token.end <= sentence.span.end);
            }
            previous_sentence_end = sentence.span.end as usize;
        }
        assert_eq!(
            next_token as usize,
            doc.tokens.len(),
            "a token outside sentences"
        );
    }

    #[test]
    fn a_small_article_end_to_end() {
        let article = article_of_blocks(&[
            ("Talks resume in the capital", BlockKind::Heading),
            (
                "Officials met on Dec. 3 in Geneva. “We made progress. More is needed,” the U.N. envoy said.",
                BlockKind::Body,
            ),
            ("Photo: agency", BlockKind::Caption),
            ("The next round is due in Jan. It may be the last.", BlockKind::Body),
        ]);
        let doc = analyse(&article);
        check_invariants(&article, &doc);
        assert_eq!(
            sentence_texts(&article, &doc),
            vec![
                "Talks resume in the capital",
                "Officials met on Dec. 3 in Geneva.",
                "“We made progress.",
                "More is needed,” the U.N. envoy said.",
                "The next round is due in Jan.",
                "It may be the last."
            ]
        );
        let flags: Vec<(bool, bool)> = doc
            .sentences
            .iter()
            .map(|sentence| (sentence.paragraph_start, sentence.opens_inside_quote))
            .collect();
        assert_eq!(
            flags,
            vec![
                (true, false),
                (true, false),
                (false, false),
                (false, true),
                (true, false),
                (false, false)
            ]
        );
        let heading_flags: Vec<bool> = doc
            .sentences
            .iter()
            .map(|sentence| sentence.heading)
            .collect();
        assert_eq!(heading_flags, vec![true, false, false, false, false, false]);
        let blocks: Vec<u32> = doc
            .sentences
            .iter()
            .map(|sentence| sentence.block)
            .collect();
        assert_eq!(blocks, vec![0, 1, 1, 1, 3, 3]);
        assert_eq!(doc.language.as_deref(), Some("eng"));
        assert_eq!(doc.article, 3);
        let quote_marks: Vec<TokenKind> = doc
            .tokens
            .iter()
            .filter(|token| matches!(token.kind, TokenKind::QuoteOpen | TokenKind::QuoteClose))
            .map(|token| token.kind)
            .collect();
        assert_eq!(
            quote_marks,
            vec![TokenKind::QuoteOpen, TokenKind::QuoteClose]
        );
    }

    #[test]
    fn boilerplate_and_captions_are_not_segmented() {
        let mut article = article("First part here. Second part here.\n");
        article.blocks[0].kind = BlockKind::Caption;
        let doc = analyse(&article);
        assert!(doc.sentences.is_empty());
        assert!(doc.tokens.is_empty());
    }

    fn arbitrary_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "Mr.",
            "U.S.",
            "Dec.",
            " ",
            "  ",
            "\n",
            "\n\n",
            ".",
            "...",
            ". . .",
            "?!",
            "!",
            "“",
            "”",
            "‘",
            "’",
            "\"",
            "'",
            "«",
            "»",
            "— ",
            " – ",
            "-",
            "--",
            "(",
            ")",
            "[",
            "]",
            "Word",
            "word",
            "I",
            "A.",
            "e.g.",
            "9.5",
            "1,227",
            "$",
            "%",
            "’s",
            "n’t",
            "Zoë",
            "Тест",
            "中文",
            "。",
            "\u{a0}",
            "\u{200b}",
            "\u{feff}",
            "a.m.",
            "http://x.y/z.",
            "x@y.z",
            ",",
            ";",
        ]);
        prop::collection::vec(
            prop_oneof![pieces.prop_map(str::to_string), any::<String>()],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    /// 512 cases by default; `PROPTEST_CASES` asks for more.
    fn case_count() -> u32 {
        std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|cases| cases.parse().ok())
            .unwrap_or(512)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(case_count()))]
        #[test]
        fn any_text_keeps_the_promises(text in arbitrary_text()) {
            if let Ok(article) = read_plain_text("p.txt", text.as_bytes(), 1) {
                let doc = analyse(&article);
                check_invariants(&article, &doc);
            }
        }
    }
}
