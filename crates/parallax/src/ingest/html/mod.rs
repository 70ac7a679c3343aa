//! The HTML reader: a web page → an [`Article`] whose body is the page's
//! main content, with every other part of the page kept as a block that
//! says why it is not the body.
//!
//! Steps, in order:
//! 1. [`decode`]: bytes → text (UTF-8, the declared charset, or
//!    windows-1252); binary or empty input is an error naming the source.
//! 2. Parse with `scraper` (html5ever: the browsers' parsing algorithm, so
//!    broken markup is repaired the way a browser repairs it).
//! 3. [`walk`]: one pass over the tree → blocks of text as laid out
//!    (paragraphs, list items, headings, captions, cells; inline markup
//!    flattened; scripts and styles never give text) with their link text
//!    and what the enclosing elements say they are, plus the page's
//!    metadata.
//! 4. [`score`]: the element holding the article (largest weight of
//!    running text), then a class for every block: body, heading, caption,
//!    or boilerplate with its reason.
//! 5. [`metadata`]: title, by-line, publication date, canonical URL,
//!    language.
//!
//! `Article::text` is the text of every block, in page order, joined by a
//! blank line; the blocks' spans point into it, so the plain-text stages
//! work on it unchanged. The id is the content id of the body blocks.

mod decode;
mod hints;
mod lines;
mod metadata;
mod score;
mod walk;

use super::{content_id, IngestError};
use crate::model::{Article, ArticleIndex, Block, BlockKind, Span};
use scraper::Html;

/// Separator between blocks in `Article::text`.
const BLOCK_SEPARATOR: &str = "\n\n";

/// Reads a web page from its bytes: decodes them (UTF-8, or the charset the
/// page declares) and extracts the article. Binary input, empty input and a
/// page without any text are errors naming `source`.
pub fn read_html(source: &str, bytes: &[u8], index: ArticleIndex) -> Result<Article, IngestError> {
    let text = decode::decode_html(source, bytes)?;
    let article = extract_html(source, &text, index, None);
    if article.blocks.is_empty() {
        return Err(IngestError::Empty {
            source_name: source.to_string(),
        });
    }
    Ok(article)
}

/// Extracts the article from a page's HTML. `base_url`, when known (a feed
/// item's link, a WARC record's target URI), resolves a relative canonical
/// link and stands for the URL when the page states none. Never fails: a
/// page without text gives an article without blocks.
pub fn extract_html(
    source: &str,
    html: &str,
    index: ArticleIndex,
    base_url: Option<&str>,
) -> Article {
    let document = Html::parse_document(html);
    let mut walked = walk::walk(&document);
    drop(document);
    let page = metadata::read_metadata(&walked.facts, base_url);
    let kinds = score::classify_blocks(&mut walked, page.title.as_deref());

    let total_length: usize = walked.blocks.iter().map(|block| block.text.len() + 2).sum();
    let mut text = String::with_capacity(total_length);
    let mut blocks = Vec::with_capacity(walked.blocks.len());
    for (raw, kind) in walked.blocks.iter().zip(kinds) {
        if !text.is_empty() {
            text.push_str(BLOCK_SEPARATOR);
        }
        let start = text.len();
        text.push_str(&raw.text);
        blocks.push(Block {
            span: Span::new(index, start, text.len()),
            kind,
        });
    }
    let body_parts: Vec<&str> = blocks
        .iter()
        .filter(|block| block.kind == BlockKind::Body)
        .map(|block| block.span.slice(&text))
        .collect();
    let id = content_id(&body_parts);
    Article {
        id,
        index,
        source: source.to_string(),
        url: page.url,
        title: page.title,
        byline: page.byline,
        published: page.published,
        language: page.language,
        text,
        blocks,
    }
}

/// Why the reader chose what it chose, for people tuning it: the element
/// taken as the article's container with its ancestors, and the furniture
/// element (tag, class, id) behind each block that has one. Not a stable
/// format.
#[doc(hidden)]
pub fn explain_html(html: &str, needle: Option<&str>) -> Vec<String> {
    let document = Html::parse_document(html);
    let mut walked = walk::walk(&document);
    let page = metadata::read_metadata(&walked.facts, None);
    score::mark_teaser_articles(&mut walked, page.title.as_deref());
    let describe = |node_id: ego_tree::NodeId| -> String {
        let Some(node) = document.tree.get(node_id) else {
            return String::new();
        };
        let Some(element) = node.value().as_element() else {
            return String::new();
        };
        let mut description = element.name().to_string();
        if let Some(id) = element.id() {
            description.push('#');
            description.push_str(id);
        }
        for class in element.classes().take(6) {
            description.push('.');
            description.push_str(class);
        }
        description
    };
    let chain_of = |node_id: ego_tree::NodeId| -> String {
        let mut chain = Vec::new();
        let mut current = document.tree.get(node_id);
        while let Some(node) = current {
            if node.value().is_element() {
                chain.push(describe(node.id()));
            }
            current = node.parent();
        }
        chain.reverse();
        chain.join(" > ")
    };
    let mut lines = Vec::new();
    if let Some(container) = score::find_container(&walked) {
        if let Some(info) = walked.elements.get(container) {
            lines.push(format!("container: {}", chain_of(info.node)));
        }
    }
    let mut scores = score::container_scores(&walked);
    scores.sort_by(|left, right| right.0.total_cmp(&left.0));
    for (value, index) in scores.iter().take(5) {
        if let Some(info) = walked.elements.get(*index) {
            lines.push(format!("candidate {value:.0}: {}", describe(info.node)));
        }
    }
    if let Some(needle) = needle {
        for block in walked
            .blocks
            .iter()
            .filter(|block| block.text.contains(needle))
        {
            if let Some(info) = block.owner.and_then(|owner| walked.elements.get(owner)) {
                lines.push(format!("{needle:?} in: {}", chain_of(info.node)));
            }
        }
    }
    for (index, block) in walked.blocks.iter().enumerate() {
        let shown: String = block.text.chars().take(50).collect();
        lines.push(format!(
            "weight {index} {:.0} {:?}: {shown:?}",
            score::block_weight(block),
            block.furniture.map(|(_, hint)| hint)
        ));
        if let Some((element_index, hint)) = block.furniture {
            if let Some(info) = walked.elements.get(element_index) {
                let shown: String = block.text.chars().take(50).collect();
                lines.push(format!(
                    "block {index} {hint:?} from {}: {shown:?}",
                    describe(info.node)
                ));
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests;
