//! The dispatcher: one input of any format → a stream of articles and
//! per-item errors.
//!
//! [`read_input`] detects the format (or takes the one forced), undoes gzip,
//! and hands the stream to the format's reader. Formats with many articles
//! per input (JSON Lines, JSON arrays, WARC) are read item by item, never
//! whole; formats with one article per input (text, HTML) and feeds (whose
//! parser needs the document) are read whole, up to
//! [`MAX_DOCUMENT_BYTES`]. A bad item is reported to the sink as an
//! [`IngestError::Item`] with its position, and the reader goes on with the
//! next one.

use super::detect::{detect, InputFormat, DETECTION_HEAD_BYTES};
use super::html_reader;
use super::jsonl::FieldMap;
use super::{feed, jsonl, read_plain_text, warc, IngestError};
use crate::model::{Article, ArticleIndex, BlockKind};
use chrono::NaiveDate;
use std::io::{BufRead, BufReader, Cursor, Read};

/// The largest input read whole (text, HTML, feeds): 256 MiB.
pub const MAX_DOCUMENT_BYTES: u64 = 256 * 1024 * 1024;

/// How [`read_input`] reads an input.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The format, when forced (`--input-format`); detected when `None`.
    pub format: Option<InputFormat>,
    /// Field names of JSON records.
    pub fields: FieldMap,
}

/// What one call of [`read_input`] sent to its sink.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadSummary {
    pub articles: usize,
    pub failures: usize,
    /// The format the input was read as (after gzip).
    pub format: Option<InputFormat>,
}

/// Reads every article of one input named `source` and hands each (or the
/// error of each item that could not be read) to `sink`, in input order.
/// Articles are numbered from `first_index` up, one index per article
/// (failed items take none). An input that cannot be read at all gives one
/// error. Never panics on any bytes.
pub fn read_input(
    source: &str,
    reader: impl BufRead,
    options: &ReadOptions,
    first_index: ArticleIndex,
    sink: &mut dyn FnMut(Result<Article, IngestError>),
) -> ReadSummary {
    let mut reader = reader;
    let mut emitter = Emitter {
        source,
        next_index: first_index,
        articles: 0,
        failures: 0,
        sink,
    };
    let format = read_stream(
        source,
        &mut reader,
        options,
        options.format,
        &mut emitter,
        0,
    );
    ReadSummary {
        articles: emitter.articles,
        failures: emitter.failures,
        format,
    }
}

/// Reads one (possibly decompressed) stream; returns the format read.
fn read_stream(
    source: &str,
    reader: &mut dyn BufRead,
    options: &ReadOptions,
    forced: Option<InputFormat>,
    emitter: &mut Emitter<'_, '_>,
    gzip_depth: usize,
) -> Option<InputFormat> {
    let head = match read_head(reader) {
        Ok(head) => head,
        Err(error) => {
            emitter.error(IngestError::Unreadable {
                source_name: source.to_string(),
                message: format!("read error: {error}"),
            });
            return None;
        }
    };
    let is_gzip = head.starts_with(&[0x1f, 0x8b]);
    let detected = detect(source, &head);
    let format = match forced {
        // gzip is how the bytes travel, not their format: undo it even when
        // the format is forced (a WARC reader undoes it record by record).
        Some(forced_format) if is_gzip && forced_format != InputFormat::Warc => InputFormat::Gzip,
        Some(forced_format) => forced_format,
        None => detected,
    };
    let mut stream = Cursor::new(head).chain(reader);
    if format == InputFormat::Gzip {
        if !is_gzip || gzip_depth >= 2 {
            emitter.error(IngestError::Unreadable {
                source_name: source.to_string(),
                message: "not gzip data (or gzip inside gzip)".to_string(),
            });
            return None;
        }
        let decoder = flate2::bufread::MultiGzDecoder::new(stream);
        let mut decompressed = BufReader::with_capacity(64 * 1024, decoder);
        let inner_forced = forced.filter(|format| *format != InputFormat::Gzip);
        return read_stream(
            source,
            &mut decompressed,
            options,
            inner_forced,
            emitter,
            gzip_depth + 1,
        );
    }
    match format {
        InputFormat::PlainText | InputFormat::Html | InputFormat::Feed => {
            let bytes = match read_document(&mut stream) {
                Ok(bytes) => bytes,
                Err(message) => {
                    emitter.error(IngestError::Unreadable {
                        source_name: source.to_string(),
                        message,
                    });
                    return Some(format);
                }
            };
            match format {
                InputFormat::PlainText => {
                    let result = read_plain_text(source, &bytes, emitter.next_index());
                    emitter.result(result);
                }
                InputFormat::Html => {
                    let result = html_reader::read_html(source, &bytes, emitter.next_index());
                    emitter.result(result);
                }
                _ => feed::read_feed(source, &bytes, emitter),
            }
        }
        InputFormat::JsonLines => {
            jsonl::read_json_lines(source, &mut stream, &options.fields, emitter)
        }
        InputFormat::Json => {
            jsonl::read_json_document(source, &mut stream, &options.fields, emitter)
        }
        InputFormat::Warc => warc::read_warc(source, &mut stream, emitter),
        InputFormat::Gzip => {}
    }
    Some(format)
}

/// The first [`DETECTION_HEAD_BYTES`] of a stream (fewer at its end).
fn read_head(reader: &mut dyn BufRead) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(DETECTION_HEAD_BYTES);
    reader
        .take(DETECTION_HEAD_BYTES as u64)
        .read_to_end(&mut head)?;
    Ok(head)
}

/// The rest of a stream, up to [`MAX_DOCUMENT_BYTES`].
fn read_document(reader: &mut dyn BufRead) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| format!("read error: {error}"))?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(format!(
            "too large to read as one document (more than {} MiB)",
            MAX_DOCUMENT_BYTES / (1024 * 1024)
        ));
    }
    Ok(bytes)
}

/// Hands articles and errors to the sink, numbering the articles.
pub(crate) struct Emitter<'source, 'sink> {
    source: &'source str,
    next_index: ArticleIndex,
    articles: usize,
    failures: usize,
    sink: &'sink mut dyn FnMut(Result<Article, IngestError>),
}

impl Emitter<'_, '_> {
    /// The index the next article gets.
    pub(crate) fn next_index(&self) -> ArticleIndex {
        self.next_index
    }

    pub(crate) fn source(&self) -> &str {
        self.source
    }

    pub(crate) fn article(&mut self, article: Article) {
        debug_assert_eq!(article.index, self.next_index);
        self.next_index = self.next_index.saturating_add(1);
        self.articles += 1;
        (self.sink)(Ok(article));
    }

    pub(crate) fn error(&mut self, error: IngestError) {
        self.failures += 1;
        (self.sink)(Err(error));
    }

    pub(crate) fn result(&mut self, result: Result<Article, IngestError>) {
        match result {
            Ok(article) => self.article(article),
            Err(error) => self.error(error),
        }
    }

    /// Reports a bad item at `position` of this input.
    pub(crate) fn item_error(&mut self, position: &str, message: impl Into<String>) {
        let error = IngestError::Item {
            source_name: self.source.to_string(),
            position: position.to_string(),
            message: message.into(),
        };
        self.error(error);
    }
}

/// What a record says about its article besides the body.
#[derive(Debug, Clone, Default)]
pub(crate) struct ItemFields {
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub byline: Option<String>,
}

/// How an item's body is marked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyMarkup {
    Html,
    /// Tell from the body itself ([`looks_like_html`]).
    Unknown,
}

/// The article of an item whose body is `body` (HTML or text), named
/// `item_source` ("FILE:POSITION"), with the item's own fields taking
/// precedence over what the body says. The error is the reason alone.
pub(crate) fn article_from_body(
    item_source: &str,
    body: &str,
    markup: BodyMarkup,
    fields: ItemFields,
    index: ArticleIndex,
) -> Result<Article, String> {
    let is_html = match markup {
        BodyMarkup::Html => true,
        BodyMarkup::Unknown => looks_like_html(body),
    };
    let mut article = if is_html {
        html_reader::extract_html(item_source, body, index, fields.url.as_deref())
    } else {
        read_plain_text(item_source, body.as_bytes(), index)
            .map_err(|error| reason_of(&error).to_string())?
    };
    let has_text = article
        .blocks
        .iter()
        .any(|block| block.kind == BlockKind::Body && !block.span.is_empty());
    if !has_text {
        return Err("no body text".to_string());
    }
    if fields.title.is_some() {
        article.title = fields.title;
    }
    if fields.url.is_some() {
        article.url = fields.url;
    }
    if fields.published.is_some() {
        article.published = fields.published;
    }
    if fields.byline.is_some() {
        article.byline = fields.byline;
    }
    Ok(article)
}

/// An error's message without the source name in front.
pub(crate) fn reason_of(error: &IngestError) -> String {
    error.reason()
}

/// Whether a text field holds HTML: an opening or closing tag of an element
/// that articles are written with, or an escaped entity next to one.
pub fn looks_like_html(text: &str) -> bool {
    const ELEMENTS: [&str; 28] = [
        "p",
        "br",
        "div",
        "span",
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "html",
        "body",
        "article",
        "section",
        "strong",
        "em",
        "b",
        "i",
        "img",
        "figure",
        "table",
        "blockquote",
        "header",
        "main",
    ];
    let bytes = text.as_bytes();
    let limit = bytes.len().min(64 * 1024);
    let mut offset = 0;
    while offset < limit {
        let Some(relative) = bytes
            .get(offset..limit)
            .and_then(|rest| rest.iter().position(|byte| *byte == b'<'))
        else {
            return false;
        };
        let after = offset + relative + 1;
        let rest = bytes.get(after..).unwrap_or_default();
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let name_length = rest
            .iter()
            .position(|byte| !byte.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let name = rest.get(..name_length).unwrap_or_default();
        let closes = matches!(
            rest.get(name_length),
            Some(b'>' | b' ' | b'/' | b'\t' | b'\n' | b'\r')
        );
        if closes
            && ELEMENTS
                .iter()
                .any(|element| name.eq_ignore_ascii_case(element.as_bytes()))
        {
            return true;
        }
        offset = after;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(
        source: &str,
        bytes: &[u8],
        options: &ReadOptions,
    ) -> Vec<Result<Article, IngestError>> {
        let mut results = Vec::new();
        read_input(source, bytes, options, 0, &mut |result| {
            results.push(result)
        });
        results
    }

    #[test]
    fn html_is_told_from_text() {
        assert!(looks_like_html("<p>The council met.</p>"));
        assert!(looks_like_html("First line<br/>second"));
        assert!(looks_like_html("A <a href=\"x\">link</a>."));
        assert!(looks_like_html("<P CLASS=lead>Text"));
        assert!(!looks_like_html("The rate fell by 2 < 3 points."));
        assert!(!looks_like_html("Use <placeholder> here"));
        assert!(!looks_like_html("a<b"));
        assert!(!looks_like_html("plain text"));
    }

    #[test]
    fn plain_text_html_and_gzip_text_are_one_article_each() {
        let options = ReadOptions::default();
        let text = read_all(
            "a.txt",
            b"The council voted on Monday to close the bridge.\n",
            &options,
        );
        assert_eq!(text.len(), 1);
        assert!(text[0].as_ref().unwrap().text.contains("close the bridge"));

        let page = read_all(
            "a.html",
            b"<html><head><title>Bridge closed</title></head><body><p>The council voted on Monday to close the bridge.</p></body></html>",
            &options,
        );
        assert_eq!(page.len(), 1);
        let article = page[0].as_ref().unwrap();
        assert!(article.text.contains("close the bridge"));
        assert!(!article.text.contains("<p>"));

        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(
            &mut encoder,
            b"{\"text\": \"The council voted on Monday.\"}\n",
        )
        .unwrap();
        let compressed = encoder.finish().unwrap();
        let lines = read_all("a.jsonl.gz", &compressed, &options);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].as_ref().unwrap().text.contains("council voted"));
    }

    #[test]
    fn a_forced_format_wins_over_detection() {
        let forced = ReadOptions {
            format: Some(InputFormat::PlainText),
            ..ReadOptions::default()
        };
        let results = read_all(
            "a.jsonl",
            b"{\"text\": \"The council voted on Monday.\"}\n",
            &forced,
        );
        let article = results[0].as_ref().unwrap();
        assert!(
            article.text.starts_with('{'),
            "read as text: {:?}",
            article.text
        );
    }

    #[test]
    fn indexes_count_up_from_the_first_and_skip_failed_items() {
        let bytes = b"{\"text\": \"First story about the council.\"}\nnot json\n{\"text\": \"Second story about the bridge.\"}\n";
        let mut indexes = Vec::new();
        let mut errors = Vec::new();
        let summary = read_input(
            "a.jsonl",
            &bytes[..],
            &ReadOptions::default(),
            10,
            &mut |result| match result {
                Ok(article) => indexes.push(article.index),
                Err(error) => errors.push(error.to_string()),
            },
        );
        assert_eq!(indexes, vec![10, 11]);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("a.jsonl:2: "), "{}", errors[0]);
        assert_eq!(summary.articles, 2);
        assert_eq!(summary.failures, 1);
        assert_eq!(summary.format, Some(InputFormat::JsonLines));
    }

    #[test]
    fn an_empty_input_is_one_error_naming_it() {
        let results = read_all("empty.txt", b"", &ReadOptions::default());
        assert_eq!(results.len(), 1);
        assert!(results[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("empty.txt: "));
    }

    #[test]
    fn bad_gzip_is_an_error_not_a_panic() {
        let results = read_all(
            "a.gz",
            &[0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02],
            &ReadOptions::default(),
        );
        assert!(!results.is_empty());
        assert!(results.iter().all(|result| result.is_err()));
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_in_any_format_never_panic_and_errors_name_the_source(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400),
            format_choice in 0usize..8,
        ) {
            let options = ReadOptions {
                format: InputFormat::ALL.get(format_choice).copied(),
                ..ReadOptions::default()
            };
            let mut previous_index = None;
            read_input("in/put.x", &bytes[..], &options, 3, &mut |result| match result {
                Ok(article) => {
                    assert!(previous_index.is_none_or(|previous| article.index == previous + 1));
                    assert!(previous_index.is_some() || article.index == 3);
                    previous_index = Some(article.index);
                    for block in &article.blocks {
                        assert!(block.span.end as usize <= article.text.len());
                    }
                }
                Err(error) => {
                    assert_eq!(error.source_name(), "in/put.x");
                    assert!(error.to_string().starts_with("in/put.x"));
                }
            });
        }
    }
}
