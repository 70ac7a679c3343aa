//! A minimal HTML reader standing in for the block-scoring one: the text of
//! the page's block elements, one body block each (headings as headings),
//! scripts and styles dropped, entities decoded. No boilerplate scoring.
//! Same signatures as `ingest::html`, so the readers that call it switch by
//! changing one `use`.

use super::{content_id, IngestError};
use crate::model::{Article, ArticleIndex, Block, BlockKind, Span};

/// Reads a web page: UTF-8, else each byte as Windows-1252/Latin-1.
pub(crate) fn read_html(
    source: &str,
    bytes: &[u8],
    index: ArticleIndex,
) -> Result<Article, IngestError> {
    let decoded: String = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&byte| char::from(byte)).collect(),
    };
    let article = extract_html(source, &decoded, index, None);
    if article.blocks.is_empty() {
        return Err(IngestError::Empty {
            source_name: source.to_string(),
        });
    }
    Ok(article)
}

/// The text of a page as an article.
pub(crate) fn extract_html(
    source: &str,
    html: &str,
    index: ArticleIndex,
    base_url: Option<&str>,
) -> Article {
    let mut text = String::new();
    let mut blocks = Vec::new();
    let mut title = None;
    let mut paragraph = String::new();
    let mut paragraph_kind = BlockKind::Body;
    let mut in_title = false;
    let mut title_text = String::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(tag_start) = rest.find('<') else {
            push_text(&mut paragraph, rest, in_title, &mut title_text);
            break;
        };
        let (before, tag_and_after) = rest.split_at(tag_start);
        push_text(&mut paragraph, before, in_title, &mut title_text);
        if let Some(after_comment) = tag_and_after.strip_prefix("<!--") {
            rest = after_comment
                .find("-->")
                .and_then(|end| after_comment.get(end + 3..))
                .unwrap_or("");
            continue;
        }
        let Some(tag_end) = tag_and_after.find('>') else {
            break;
        };
        let tag = tag_and_after.get(1..tag_end).unwrap_or("");
        rest = tag_and_after.get(tag_end + 1..).unwrap_or("");
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|character| character.is_ascii_alphanumeric())
            .map(|character| character.to_ascii_lowercase())
            .collect();
        match name.as_str() {
            "script" | "style" | "noscript" | "template" | "svg" if !closing => {
                let end_tag = format!("</{name}");
                rest = match find_ignoring_case(rest, &end_tag) {
                    Some(end) => rest.get(end..).unwrap_or(""),
                    None => "",
                };
            }
            "title" => {
                in_title = !closing;
                if closing && title.is_none() {
                    let cleaned = collapse(&title_text);
                    if !cleaned.is_empty() {
                        title = Some(cleaned);
                    }
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "div" | "br" | "li" | "article"
            | "section" | "tr" | "td" | "blockquote" | "header" | "footer" | "nav" | "ul"
            | "ol" | "table" | "figure" | "figcaption" | "main" | "aside" | "body" | "head" => {
                flush(
                    &mut text,
                    &mut blocks,
                    &mut paragraph,
                    paragraph_kind,
                    index,
                );
                paragraph_kind = if name.starts_with('h') && name.len() == 2 && !closing {
                    BlockKind::Heading
                } else {
                    BlockKind::Body
                };
            }
            _ => {}
        }
    }
    flush(
        &mut text,
        &mut blocks,
        &mut paragraph,
        paragraph_kind,
        index,
    );
    let body_parts: Vec<&str> = blocks
        .iter()
        .filter(|block: &&Block| block.kind == BlockKind::Body)
        .map(|block| block.span.slice(&text))
        .collect();
    let id = content_id(&body_parts);
    Article {
        id,
        index,
        source: source.to_string(),
        url: base_url.map(str::to_string),
        title,
        byline: None,
        published: None,
        language: None,
        text,
        blocks,
    }
}

/// Byte offset of the first match of an ASCII `needle`, case ignored.
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle_bytes = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle_bytes.len())
        .position(|window| window.eq_ignore_ascii_case(needle_bytes))
}

fn push_text(paragraph: &mut String, raw: &str, in_title: bool, title_text: &mut String) {
    let decoded = decode_entities(raw);
    if in_title {
        title_text.push_str(&decoded);
    } else {
        paragraph.push_str(&decoded);
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn flush(
    text: &mut String,
    blocks: &mut Vec<Block>,
    paragraph: &mut String,
    kind: BlockKind,
    index: ArticleIndex,
) {
    let cleaned = collapse(paragraph);
    paragraph.clear();
    if cleaned.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    let start = text.len();
    text.push_str(&cleaned);
    blocks.push(Block {
        span: Span::new(index, start, text.len()),
        kind,
    });
}

fn decode_entities(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    let mut decoded = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        decoded.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp + 1..).unwrap_or("");
        let entity_end = after.find(';').filter(|end| *end <= 10);
        let replacement = entity_end.and_then(|end| entity_char(after.get(..end).unwrap_or("")));
        match (replacement, entity_end) {
            (Some(character), Some(end)) => {
                decoded.push(character);
                rest = after.get(end + 1..).unwrap_or("");
            }
            _ => {
                decoded.push('&');
                rest = after;
            }
        }
    }
    decoded.push_str(rest);
    decoded
}

fn entity_char(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    let character = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "rsquo" => '’',
        "lsquo" => '‘',
        "ldquo" => '“',
        "rdquo" => '”',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        _ => return None,
    };
    Some(character)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_headings_and_title_without_scripts() {
        let html = "<html><head><title>Bridge &amp; river</title><script>var x = '<p>no</p>';</script></head><body><h1>Bridge closed</h1><p>The council voted&nbsp;on Monday.</p><!-- <p>hidden</p> --><p>Repairs take &#8220;a year&#x201D;.</p></body></html>";
        let article = extract_html("a.html", html, 2, Some("https://example.org/a"));
        assert_eq!(article.title.as_deref(), Some("Bridge & river"));
        let blocks: Vec<(BlockKind, &str)> = article
            .blocks
            .iter()
            .map(|block| (block.kind, article.slice(&block.span)))
            .collect();
        assert_eq!(
            blocks,
            vec![
                (BlockKind::Heading, "Bridge closed"),
                (BlockKind::Body, "The council voted on Monday."),
                (BlockKind::Body, "Repairs take “a year”."),
            ]
        );
        assert_eq!(article.url.as_deref(), Some("https://example.org/a"));
    }

    #[test]
    fn latin1_pages_are_read() {
        let article = read_html("l.html", b"<p>caf\xe9 au lait</p>", 0).unwrap();
        assert_eq!(article.text, "café au lait");
        assert!(read_html("e.html", b"<html></html>", 0).is_err());
    }
}
