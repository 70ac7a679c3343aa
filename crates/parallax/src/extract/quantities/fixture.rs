//! Test fixtures: an article of given paragraphs, each one sentence, with a
//! `Doc` that does not depend on the text stage's segmenter.

use crate::model::{Article, Block, BlockKind, Doc, Sentence, Span};

/// One body paragraph per item, each a single sentence.
pub(crate) fn article_of(paragraphs: &[&str]) -> (Article, Doc) {
    article_with_kinds(
        &paragraphs
            .iter()
            .map(|text| (*text, BlockKind::Body))
            .collect::<Vec<_>>(),
    )
}

pub(crate) fn article_with_kinds(paragraphs: &[(&str, BlockKind)]) -> (Article, Doc) {
    let mut text = String::new();
    let mut blocks = Vec::new();
    let mut sentences = Vec::new();
    for (index, (paragraph, kind)) in paragraphs.iter().enumerate() {
        let start = text.len();
        text.push_str(paragraph);
        let end = text.len();
        text.push('\n');
        blocks.push(Block {
            span: Span::new(0, start, end),
            kind: *kind,
        });
        if matches!(kind, BlockKind::Body | BlockKind::Heading) {
            sentences.push(Sentence {
                span: Span::new(0, start, end),
                block: index as u32,
                heading: *kind == BlockKind::Heading,
                paragraph_start: true,
                tokens: 0..0,
                opens_inside_quote: false,
            });
        }
    }
    let article = Article {
        id: "fixture".to_string(),
        index: 0,
        source: "fixture".to_string(),
        url: None,
        title: None,
        byline: None,
        published: None,
        language: Some("eng".to_string()),
        text,
        blocks,
    };
    let doc = Doc {
        article: 0,
        language: Some("eng".to_string()),
        sentences,
        tokens: Vec::new(),
    };
    (article, doc)
}
