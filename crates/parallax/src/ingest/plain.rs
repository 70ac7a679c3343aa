//! The plain-text reader: one article per file, paragraphs on lines.

use super::boilerplate::{classify_lines, is_blank, trailing_tag, LineClass};
use super::{content_id, decode_text, IngestError};
use crate::model::{Article, ArticleIndex, Block, BlockKind, BoilerplateReason, Span};

/// A line of the input: its byte range without the line terminator.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (offset, byte) in text.bytes().enumerate() {
        if byte == b'\n' {
            let end = if offset > start && text.as_bytes()[offset - 1] == b'\r' {
                offset - 1
            } else {
                offset
            };
            lines.push(Line { start, end });
            start = offset + 1;
        }
    }
    if start < text.len() {
        lines.push(Line {
            start,
            end: text.len(),
        });
    }
    lines
}

/// The byte range of `line` without leading and trailing white space.
fn trimmed(text: &str, line: Line) -> (usize, usize) {
    let content = &text[line.start..line.end];
    let is_space = |c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}';
    let leading = content.len() - content.trim_start_matches(is_space).len();
    let trailing = content.len() - content.trim_end_matches(is_space).len();
    if leading == content.len() {
        return (line.start, line.start);
    }
    (line.start + leading, line.end - trailing)
}

/// Reads a plain-text article: the bytes must be UTF-8 text. Paragraphs are
/// lines; a paragraph broken over several lines (a line that does not end
/// its sentence, followed by one starting in lower case) is joined into one
/// block.
pub fn read_plain_text(
    source: &str,
    bytes: &[u8],
    index: ArticleIndex,
) -> Result<Article, IngestError> {
    let text = decode_text(source, bytes)?;
    let lines = split_lines(text);
    let line_texts: Vec<&str> = lines
        .iter()
        .map(|line| &text[line.start..line.end])
        .collect();
    let classes = classify_lines(&line_texts);

    let mut blocks: Vec<Block> = Vec::new();
    let mut title = None;
    let span = |start: usize, end: usize| Span::new(index, start, end);

    let mut line_index = 0;
    while line_index < lines.len() {
        let line = lines[line_index];
        match classes[line_index] {
            LineClass::Blank => {
                let run_start = line_index;
                while line_index < lines.len() && classes[line_index] == LineClass::Blank {
                    line_index += 1;
                }
                let run = &lines[run_start..line_index];
                let holds_spaces = run.iter().any(|line| line.end > line.start);
                // One or two empty lines separate paragraphs; more, or lines
                // of spaces, are padding the user may want to see.
                if holds_spaces || run.len() >= 3 {
                    let start = run[0].start;
                    let end = run[run.len() - 1].end;
                    blocks.push(Block {
                        span: span(start, end),
                        kind: BlockKind::Boilerplate(BoilerplateReason::Padding),
                    });
                }
                continue;
            }
            LineClass::Body => {
                let (start, mut end) = trimmed(text, line);
                // Join continuation lines of a paragraph broken mid-sentence.
                let mut next = line_index + 1;
                let mut joined_through = line_index;
                while next < lines.len() {
                    if classes[next] == LineClass::Blank && is_blank(line_texts[next]) {
                        next += 1;
                        continue;
                    }
                    let previous_text = &text[start..end];
                    let continues = classes[next] == LineClass::Body
                        && !ends_sentence(previous_text)
                        && starts_lowercase(line_texts[next]);
                    if !continues {
                        break;
                    }
                    end = trimmed(text, lines[next]).1;
                    joined_through = next;
                    next += 1;
                }
                push_body_with_tags(&mut blocks, text, index, start, end);
                line_index = joined_through + 1;
                continue;
            }
            LineClass::Title => {
                let (start, end) = trimmed(text, line);
                title = Some(text[start..end].to_string());
                blocks.push(Block {
                    span: span(start, end),
                    kind: BlockKind::Heading,
                });
            }
            LineClass::Heading => {
                let (start, end) = trimmed(text, line);
                blocks.push(Block {
                    span: span(start, end),
                    kind: BlockKind::Heading,
                });
            }
            LineClass::Caption => {
                let (start, end) = trimmed(text, line);
                blocks.push(Block {
                    span: span(start, end),
                    kind: BlockKind::Caption,
                });
            }
            LineClass::Boilerplate(reason) => {
                let (start, end) = trimmed(text, line);
                blocks.push(Block {
                    span: span(start, end),
                    kind: BlockKind::Boilerplate(reason),
                });
            }
        }
        line_index += 1;
    }

    let body_parts: Vec<&str> = blocks
        .iter()
        .filter(|block| block.kind == BlockKind::Body)
        .map(|block| block.span.slice(text))
        .collect();
    let id = content_id(&body_parts);
    Ok(Article {
        id,
        index,
        source: source.to_string(),
        url: None,
        title,
        byline: None,
        published: None,
        language: None,
        text: text.to_string(),
        blocks,
    })
}

/// Pushes a body paragraph, splitting off a credit or attribution tag glued
/// to its end.
fn push_body_with_tags(
    blocks: &mut Vec<Block>,
    text: &str,
    index: ArticleIndex,
    start: usize,
    end: usize,
) {
    let paragraph = &text[start..end];
    match trailing_tag(paragraph) {
        // One short sentence with a picture credit is a caption.
        Some((tag_offset, BoilerplateReason::PhotoCredit))
            if is_single_short_sentence(&paragraph[..tag_offset]) =>
        {
            blocks.push(Block {
                span: Span::new(index, start, end),
                kind: BlockKind::Caption,
            });
        }
        Some((tag_offset, reason)) => {
            let body_end = start + tag_offset;
            let tag_text = &text[body_end..end];
            let tag_start = body_end + (tag_text.len() - tag_text.trim_start().len());
            blocks.push(Block {
                span: Span::new(index, start, body_end),
                kind: BlockKind::Body,
            });
            blocks.push(Block {
                span: Span::new(index, tag_start, end),
                kind: BlockKind::Boilerplate(reason),
            });
        }
        None => blocks.push(Block {
            span: Span::new(index, start, end),
            kind: BlockKind::Body,
        }),
    }
}

/// A caption's text: one sentence of at most 25 words.
fn is_single_short_sentence(text: &str) -> bool {
    let trimmed = text.trim();
    let words = trimmed.split_whitespace().count();
    let inner_stops = trimmed
        .trim_end_matches(['.', '!', '?', '"', '”'])
        .matches(". ")
        .count();
    words <= 25 && inner_stops == 0 && !trimmed.contains(['“', '"'])
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»', ' '])
        .ends_with(['.', '!', '?', '…', ':', ';'])
}

fn starts_lowercase(line: &str) -> bool {
    line.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(article: &Article) -> Vec<(BlockKind, &str)> {
        article
            .blocks
            .iter()
            .map(|block| (block.kind, article.slice(&block.span)))
            .collect()
    }

    #[test]
    fn a_scraped_page_keeps_every_part_with_its_role() {
        let text = "Home\n\nLocal News\n\n\u{a0}\n\nMarathon runner sets course record\n\n\u{a0}\n\nThe city council voted on Monday to close the old bridge to cars after engineers found cracks in two of its piers\n\nand warned that repairs could take a year.\n\nPedestrians will still be able to cross, the council said. (With Reuters)\n";
        let article = read_plain_text("page.txt", text.as_bytes(), 7).unwrap();
        let kinds = kinds(&article);
        assert_eq!(
            kinds[0],
            (
                BlockKind::Boilerplate(BoilerplateReason::Navigation),
                "Home"
            )
        );
        assert_eq!(
            kinds[1],
            (
                BlockKind::Boilerplate(BoilerplateReason::Navigation),
                "Local News"
            )
        );
        assert_eq!(
            kinds[2].0,
            BlockKind::Boilerplate(BoilerplateReason::Padding)
        );
        assert_eq!(
            kinds[3],
            (
                BlockKind::Boilerplate(BoilerplateReason::UnrelatedHeadline),
                "Marathon runner sets course record"
            )
        );
        assert_eq!(
            kinds[4].0,
            BlockKind::Boilerplate(BoilerplateReason::Padding)
        );
        assert_eq!(kinds[5].0, BlockKind::Body);
        assert!(
            kinds[5].1.ends_with("could take a year."),
            "{:?}",
            kinds[5].1
        );
        assert_eq!(
            kinds[6],
            (
                BlockKind::Body,
                "Pedestrians will still be able to cross, the council said."
            )
        );
        assert_eq!(
            kinds[7],
            (
                BlockKind::Boilerplate(BoilerplateReason::AttributionTag),
                "(With Reuters)"
            )
        );
        assert_eq!(kinds.len(), 8);
        assert!(article.blocks.iter().all(|block| block.span.article == 7));
    }

    #[test]
    fn no_non_blank_byte_is_left_outside_a_block() {
        let text = "Sport\nTeam wins cup\nThe local team won the regional cup on Sunday, beating the champions by two goals.\n\n\n\n\nRead more: Coach signs new deal\n";
        let article = read_plain_text("t.txt", text.as_bytes(), 0).unwrap();
        for (offset, character) in text.char_indices() {
            if character.is_whitespace() {
                continue;
            }
            assert!(
                article
                    .blocks
                    .iter()
                    .any(|block| block.span.range().contains(&offset)),
                "byte {offset} ({character:?}) is in no block"
            );
        }
    }

    #[test]
    fn blocks_are_ordered_and_disjoint() {
        let text = "A\n\nB c d.\n\nThe minister said on Friday that the budget would be cut by a tenth next year.\n";
        let article = read_plain_text("t.txt", text.as_bytes(), 0).unwrap();
        for pair in article.blocks.windows(2) {
            assert!(pair[0].span.end <= pair[1].span.start);
        }
    }

    #[test]
    fn crlf_lines_and_the_same_text_twice_share_an_id() {
        let unix = "The minister resigned on Friday after a week of pressure over the budget.\nHer deputy takes over.\n";
        let windows = unix.replace('\n', "\r\n");
        let first = read_plain_text("a.txt", unix.as_bytes(), 0).unwrap();
        let second = read_plain_text("b.txt", windows.as_bytes(), 1).unwrap();
        assert_eq!(first.id, second.id);
        assert!(second
            .blocks
            .iter()
            .all(|block| !second.slice(&block.span).contains('\r')));
    }

    #[test]
    fn bad_input_is_an_error_naming_the_source() {
        let error = read_plain_text("dir/x.txt", b"\x00\x01", 0).unwrap_err();
        assert!(error.to_string().starts_with("dir/x.txt: "));
    }
}
