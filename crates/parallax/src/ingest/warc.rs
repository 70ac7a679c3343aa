//! WARC files, plain or gzip-compressed (each record its own gzip member,
//! as crawlers write them, or the whole file one stream), read record by
//! record without holding more than one record.
//!
//! Only captured documents become articles: `response` records whose HTTP
//! payload is HTML or text (status 2xx), and `resource` records of those
//! types; `warcinfo`, `request`, `metadata`, `revisit` and the rest are
//! skipped, and so are images, scripts and error pages. The HTTP headers are
//! stripped (chunked transfer and gzip content encoding undone);
//! `WARC-Target-URI` is the article's url and `WARC-Date` its date when the
//! page states none.
//!
//! A bad record is reported with its byte offset (of its gzip member, in a
//! compressed file) and the reader goes on with the next record it can find:
//! the next gzip member, or the next `WARC/` version line. A file cut short
//! ends with an error for the record it cuts.
//!
//! Our own reader rather than the `warc` crate: that crate reports neither
//! offsets nor a way to resume after a corrupt record, and reads every
//! record's block into memory, even the ones skipped.

use super::dates::parse_published;
use super::html_reader;
use super::jsonl::{read_line_capped, LineStatus};
use super::read::{looks_like_html, Emitter};
use super::{read_plain_text, IngestError};
use crate::model::Article;
use std::io::{BufRead, Read};

/// The largest record block read into memory (larger ones are skipped).
pub const MAX_BLOCK_BYTES: u64 = 64 * 1024 * 1024;
/// The largest decompressed payload (`Content-Encoding: gzip`) kept.
const MAX_PAYLOAD_BYTES: u64 = 64 * 1024 * 1024;
const MAX_HEADER_LINE_BYTES: usize = 64 * 1024;
const MAX_HEADER_LINES: usize = 1024;
const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// Reads a WARC stream (plain or gzip), one article per HTML or text
/// capture, one error per bad record (`FILE:byte OFFSET: reason`).
pub(crate) fn read_warc(source: &str, reader: &mut dyn BufRead, emitter: &mut Emitter<'_, '_>) {
    let mut outer = PeekReader::new(reader);
    let starts_with_gzip = match outer.fill_at_least(2) {
        Ok(head) => head.starts_with(&GZIP_MAGIC[..2]),
        Err(error) => {
            emitter.error(IngestError::Unreadable {
                source_name: source.to_string(),
                message: format!("read error: {error}"),
            });
            return;
        }
    };
    if starts_with_gzip {
        read_gzip_members(&mut outer, emitter);
    } else {
        read_records(&mut outer, None, emitter);
    }
}

/// Reads gzip members one after another, the records of each.
fn read_gzip_members<R: Read>(outer: &mut PeekReader<R>, emitter: &mut Emitter<'_, '_>) {
    let mut member_buffer = Vec::new();
    loop {
        let head = match outer.fill_at_least(GZIP_MAGIC.len()) {
            Ok(head) => head,
            Err(error) => {
                emitter.item_error(
                    &byte_position(outer.position, None),
                    format!("read error: {error}"),
                );
                return;
            }
        };
        if head.is_empty() {
            return;
        }
        let is_member = head.starts_with(&GZIP_MAGIC);
        let is_padding = head.iter().all(|byte| *byte == 0);
        let member_offset = outer.position;
        if !is_member {
            // Padding of NUL bytes after the last member is common; other
            // bytes are reported.
            if is_padding && skip_zeros(outer) {
                continue;
            }
            emitter.item_error(
                &byte_position(member_offset, None),
                "not a gzip member (corrupt data between records)",
            );
            if !resync_gzip(outer) {
                return;
            }
            continue;
        }
        let decoder = flate2::bufread::GzDecoder::new(&mut *outer);
        // One buffer serves every member (crawlers write thousands).
        let mut inner = PeekReader::with_buffer(decoder, std::mem::take(&mut member_buffer));
        let outcome = read_records(&mut inner, Some(member_offset), emitter);
        member_buffer = inner.into_buffer();
        if let MemberOutcome::Corrupt = outcome {
            // Find the next member past the corrupt one.
            if outer.position == member_offset {
                outer.consume_bytes(1);
            }
            if !resync_gzip(outer) {
                return;
            }
        }
    }
}

/// Skips NUL padding; false when the input ends.
fn skip_zeros<R: Read>(reader: &mut PeekReader<R>) -> bool {
    loop {
        let available = match reader.fill_at_least(1) {
            Ok(available) => available,
            Err(_) => return false,
        };
        if available.is_empty() {
            return false;
        }
        let zeros = available.iter().take_while(|byte| **byte == 0).count();
        if zeros == 0 {
            return true;
        }
        reader.consume_bytes(zeros);
    }
}

/// Moves to the next gzip member header; false when there is none.
fn resync_gzip<R: Read>(reader: &mut PeekReader<R>) -> bool {
    loop {
        let available = match reader.fill_at_least(GZIP_MAGIC.len()) {
            Ok(available) => available,
            Err(_) => return false,
        };
        if available.len() < GZIP_MAGIC.len() {
            let length = available.len();
            reader.consume_bytes(length);
            return false;
        }
        if available.starts_with(&GZIP_MAGIC) {
            return true;
        }
        // Skip to the next candidate first byte (never past the last two
        // bytes, which may start a header that the next fill completes).
        let search_end = available.len() - (GZIP_MAGIC.len() - 1);
        let skip = available
            .get(1..search_end)
            .and_then(|rest| rest.iter().position(|byte| *byte == GZIP_MAGIC[0]))
            .map_or(search_end, |position| position + 1);
        reader.consume_bytes(skip);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MemberOutcome {
    /// The stream ended where a record could end.
    Finished,
    /// The stream could not be read on (corrupt gzip data, I/O error).
    Corrupt,
}

/// Reads the records of one stream (a plain file, or one gzip member whose
/// compressed offset is `member_offset`).
fn read_records<R: Read>(
    reader: &mut PeekReader<R>,
    member_offset: Option<u64>,
    emitter: &mut Emitter<'_, '_>,
) -> MemberOutcome {
    loop {
        match next_record(reader) {
            Ok(None) => return MemberOutcome::Finished,
            Ok(Some(record)) => {
                let position = byte_position(record.offset, member_offset);
                if let Some(result) =
                    article_from_record(emitter.source(), &position, &record, emitter.next_index())
                {
                    match result {
                        Ok(article) => emitter.article(article),
                        Err(message) => emitter.item_error(&position, message),
                    }
                }
            }
            Err(RecordError::Resync {
                offset,
                message,
                at_line_start,
            }) => {
                emitter.item_error(&byte_position(offset, member_offset), message);
                match resync_records(reader, at_line_start) {
                    Ok(true) => continue,
                    Ok(false) => return MemberOutcome::Finished,
                    Err(error) => {
                        report_stream_error(emitter, reader.position, member_offset, &error);
                        return MemberOutcome::Corrupt;
                    }
                }
            }
            Err(RecordError::Truncated { offset, message }) => {
                emitter.item_error(&byte_position(offset, member_offset), message);
                // In a gzip member that ended cleanly the next member is
                // still readable; a plain file is at its end.
                return MemberOutcome::Finished;
            }
            Err(RecordError::Io { offset, error }) => {
                report_stream_error(emitter, offset, member_offset, &error);
                return MemberOutcome::Corrupt;
            }
        }
    }
}

fn report_stream_error(
    emitter: &mut Emitter<'_, '_>,
    offset: u64,
    member_offset: Option<u64>,
    error: &std::io::Error,
) {
    let message = if member_offset.is_some() {
        format!("corrupt or truncated gzip member: {error}")
    } else {
        format!("read error: {error}")
    };
    // In a gzip file the member's offset is the one a reader can seek to.
    let position = byte_position(member_offset.unwrap_or(offset), None);
    emitter.item_error(&position, message);
}

/// "byte 5120" (a record's offset in a plain file, or its gzip member's),
/// "byte 5120+300" for a record further inside a member.
fn byte_position(offset: u64, member_offset: Option<u64>) -> String {
    match member_offset {
        Some(member) if offset > 0 => format!("byte {member}+{offset}"),
        Some(member) => format!("byte {member}"),
        None => format!("byte {offset}"),
    }
}

/// One WARC record: its headers and, for captures worth reading, its block.
#[derive(Debug)]
struct RawRecord {
    offset: u64,
    warc_type: String,
    target_uri: Option<String>,
    date: Option<String>,
    content_type: Option<String>,
    /// The block, read only for `response` and `resource` records.
    block: Option<Vec<u8>>,
}

#[derive(Debug)]
enum RecordError {
    /// A bad record whose end is unknown: scan for the next version line.
    Resync {
        offset: u64,
        message: String,
        at_line_start: bool,
    },
    /// The stream ends inside the record.
    Truncated { offset: u64, message: String },
    /// The stream itself failed (corrupt gzip data, I/O).
    Io { offset: u64, error: std::io::Error },
}

fn io_error(offset: u64) -> impl Fn(std::io::Error) -> RecordError {
    move |error| RecordError::Io { offset, error }
}

/// The next record of the stream, `None` at its end.
fn next_record<R: Read>(reader: &mut PeekReader<R>) -> Result<Option<RawRecord>, RecordError> {
    // Records are separated by blank lines.
    loop {
        let position = reader.position;
        let available = reader.fill_at_least(1).map_err(io_error(position))?;
        if available.is_empty() {
            return Ok(None);
        }
        let blank = available
            .iter()
            .take_while(|byte| matches!(byte, b'\r' | b'\n'))
            .count();
        if blank == 0 {
            break;
        }
        reader.consume_bytes(blank);
    }
    let offset = reader.position;
    let mut line = Vec::new();
    read_line_capped(reader, &mut line, MAX_HEADER_LINE_BYTES).map_err(io_error(offset))?;
    if !is_version_line(&line) {
        return Err(RecordError::Resync {
            offset,
            message: "not a WARC record (no WARC/1.x version line)".to_string(),
            at_line_start: true,
        });
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut header_lines = 0;
    loop {
        line.clear();
        let status =
            read_line_capped(reader, &mut line, MAX_HEADER_LINE_BYTES).map_err(io_error(offset))?;
        if status == LineStatus::EndOfInput {
            return Err(RecordError::Truncated {
                offset,
                message: "truncated record: input ends inside the record header".to_string(),
            });
        }
        if line.is_empty() {
            break;
        }
        header_lines += 1;
        if header_lines > MAX_HEADER_LINES {
            return Err(RecordError::Resync {
                offset,
                message: format!("record header longer than {MAX_HEADER_LINES} lines"),
                at_line_start: true,
            });
        }
        let text = String::from_utf8_lossy(&line);
        if text.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(text.trim());
            }
            continue;
        }
        if let Some((name, value)) = text.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(header_name, _)| header_name == name)
            .map(|(_, value)| value.clone())
    };
    let Some(length_text) = header("content-length") else {
        return Err(RecordError::Resync {
            offset,
            message: "record has no Content-Length".to_string(),
            at_line_start: true,
        });
    };
    let Ok(length) = length_text.parse::<u64>() else {
        return Err(RecordError::Resync {
            offset,
            message: format!("record has an invalid Content-Length {length_text:?}"),
            at_line_start: true,
        });
    };
    let warc_type = header("warc-type").unwrap_or_default().to_ascii_lowercase();
    let wanted = matches!(warc_type.as_str(), "response" | "resource") && length <= MAX_BLOCK_BYTES;
    let (block, got) = if wanted {
        let mut block = Vec::new();
        (&mut *reader)
            .take(length)
            .read_to_end(&mut block)
            .map_err(io_error(offset))?;
        let got = block.len() as u64;
        (Some(block), got)
    } else {
        let got = std::io::copy(&mut (&mut *reader).take(length), &mut std::io::sink())
            .map_err(io_error(offset))?;
        (None, got)
    };
    if got < length {
        return Err(RecordError::Truncated {
            offset,
            message: format!(
                "truncated record: input ends after {got} of {length} bytes of content"
            ),
        });
    }
    // The block is followed by CRLF CRLF; anything else means the
    // Content-Length was wrong and the record cannot be trusted.
    let after_block = reader.position;
    let trailer = reader.fill_at_least(4).map_err(io_error(after_block))?;
    let newline_bytes = trailer
        .iter()
        .take_while(|byte| matches!(byte, b'\r' | b'\n'))
        .count();
    let at_end = trailer.len() == newline_bytes;
    if newline_bytes == 0 && !at_end {
        return Err(RecordError::Resync {
            offset,
            message: "record content is not followed by a blank line (wrong Content-Length?)"
                .to_string(),
            at_line_start: false,
        });
    }
    reader.consume_bytes(newline_bytes);
    Ok(Some(RawRecord {
        offset,
        warc_type,
        target_uri: header("warc-target-uri").map(|uri| uri.trim_matches(['<', '>']).to_string()),
        date: header("warc-date"),
        content_type: header("content-type"),
        block,
    }))
}

fn is_version_line(line: &[u8]) -> bool {
    line.strip_prefix(b"WARC/")
        .is_some_and(|version| version.first().is_some_and(u8::is_ascii_digit))
}

/// Moves to the start of the next line that opens a record (`WARC/`);
/// false when there is none.
fn resync_records<R: Read>(
    reader: &mut PeekReader<R>,
    at_line_start: bool,
) -> std::io::Result<bool> {
    let mut at_start = at_line_start;
    let mut discarded = Vec::new();
    loop {
        if at_start {
            let available = reader.fill_at_least(5)?;
            if available.is_empty() {
                return Ok(false);
            }
            if is_version_line(available) {
                return Ok(true);
            }
        }
        discarded.clear();
        if read_line_capped(reader, &mut discarded, 0)? == LineStatus::EndOfInput {
            return Ok(false);
        }
        at_start = true;
    }
}

/// The article of a record worth reading, with the reason when it cannot be
/// read; `None` for records that hold no article (requests, metadata,
/// images, redirects).
fn article_from_record(
    source: &str,
    position: &str,
    record: &RawRecord,
    index: crate::model::ArticleIndex,
) -> Option<Result<Article, String>> {
    let block = record.block.as_deref()?;
    let payload = match record.warc_type.as_str() {
        "response" if record.content_type.as_deref().is_some_and(is_http_type) => {
            match http_payload(block) {
                Ok(payload) => payload?,
                Err(message) => return Some(Err(message)),
            }
        }
        "response" | "resource" => Payload {
            kind: payload_kind(record.content_type.as_deref(), block)?,
            body: block.to_vec(),
            charset: record.content_type.as_deref().and_then(charset_of),
        },
        _ => return None,
    };
    let item_source = format!("{source}:{position}");
    let read = match payload.kind {
        PayloadKind::Html => read_page(&item_source, &payload, record.target_uri.as_deref(), index),
        PayloadKind::Text => read_plain_text(&item_source, &payload.body, index),
    };
    let mut article = match read {
        Ok(article) => article,
        Err(error) => return Some(Err(error.reason())),
    };
    if let Some(uri) = &record.target_uri {
        article.url = Some(uri.clone());
    }
    if article.published.is_none() {
        article.published = record.date.as_deref().and_then(parse_published);
    }
    Some(Ok(article))
}

/// Reads an HTML payload. The charset of the HTTP header wins over the
/// page's own declaration (as in browsers); without one, the HTML reader
/// decodes the bytes (UTF-8, the page's declared charset, or
/// windows-1252). The target URI resolves the page's relative links.
fn read_page(
    item_source: &str,
    payload: &Payload,
    target_uri: Option<&str>,
    index: crate::model::ArticleIndex,
) -> Result<Article, IngestError> {
    let header_encoding = payload
        .charset
        .as_deref()
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    let article = match (header_encoding, std::str::from_utf8(&payload.body)) {
        (Some(encoding), _) if encoding != encoding_rs::UTF_8 => {
            let (text, _, _) = encoding.decode(&payload.body);
            html_reader::extract_html(item_source, &text, index, target_uri)
        }
        (_, Ok(text)) => html_reader::extract_html(item_source, text, index, target_uri),
        (_, Err(_)) => return html_reader::read_html(item_source, &payload.body, index),
    };
    if article.blocks.is_empty() {
        return Err(IngestError::Empty {
            source_name: item_source.to_string(),
        });
    }
    Ok(article)
}

fn is_http_type(content_type: &str) -> bool {
    content_type
        .trim()
        .to_ascii_lowercase()
        .starts_with("application/http")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PayloadKind {
    Html,
    Text,
}

struct Payload {
    kind: PayloadKind,
    body: Vec<u8>,
    /// The `charset` parameter of the media type, when given.
    charset: Option<String>,
}

/// What a payload of this media type is, sniffing the body when no type is
/// given; `None` for types that hold no article.
fn payload_kind(content_type: Option<&str>, body: &[u8]) -> Option<PayloadKind> {
    let Some(content_type) = content_type else {
        let head = body.get(..body.len().min(4096)).unwrap_or_default();
        return looks_like_html(&String::from_utf8_lossy(head)).then_some(PayloadKind::Html);
    };
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "text/html" | "application/xhtml+xml" => Some(PayloadKind::Html),
        "text/plain" => Some(PayloadKind::Text),
        _ => None,
    }
}

/// The payload of an HTTP response block: `Ok(None)` when the response is
/// not a successful HTML or text page.
fn http_payload(block: &[u8]) -> Result<Option<Payload>, String> {
    let (head_length, separator_length) = match find(block, b"\r\n\r\n") {
        Some(position) => (position, 4),
        None => match find(block, b"\n\n") {
            Some(position) => (position, 2),
            None => return Err("HTTP response without a blank line after its headers".to_string()),
        },
    };
    let head = String::from_utf8_lossy(block.get(..head_length).unwrap_or_default());
    let body = block
        .get(head_length + separator_length..)
        .unwrap_or_default();
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    if !status_line.starts_with("HTTP/") {
        return Err(format!(
            "not an HTTP response (status line {:?})",
            truncate(status_line, 40)
        ));
    }
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let mut content_type = None;
    let mut chunked = false;
    let mut content_encoding = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(value.to_string()),
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => content_encoding = Some(value.to_ascii_lowercase()),
            _ => {}
        }
    }
    let mut payload = if chunked {
        dechunk(body).unwrap_or_else(|| body.to_vec())
    } else {
        body.to_vec()
    };
    match content_encoding.as_deref() {
        Some("gzip" | "x-gzip") => {
            let mut decoded = Vec::new();
            flate2::read::MultiGzDecoder::new(&payload[..])
                .take(MAX_PAYLOAD_BYTES)
                .read_to_end(&mut decoded)
                .map_err(|error| format!("cannot decompress the gzip payload: {error}"))?;
            payload = decoded;
        }
        Some("deflate") => {
            let mut decoded = Vec::new();
            flate2::read::ZlibDecoder::new(&payload[..])
                .take(MAX_PAYLOAD_BYTES)
                .read_to_end(&mut decoded)
                .map_err(|error| format!("cannot decompress the deflate payload: {error}"))?;
            payload = decoded;
        }
        _ => {}
    }
    let Some(kind) = payload_kind(content_type.as_deref(), &payload) else {
        return Ok(None);
    };
    Ok(Some(Payload {
        kind,
        body: payload,
        charset: content_type.as_deref().and_then(charset_of),
    }))
}

/// The `charset` parameter of a media type ("text/html; charset=koi8-r").
fn charset_of(content_type: &str) -> Option<String> {
    for parameter in content_type.split(';').skip(1) {
        if let Some((name, value)) = parameter.split_once('=') {
            if name.trim().eq_ignore_ascii_case("charset") {
                let label = value.trim().trim_matches(['"', '\'']);
                return (!label.is_empty()).then(|| label.to_string());
            }
        }
    }
    None
}

fn truncate(text: &str, limit: usize) -> &str {
    match text.char_indices().nth(limit) {
        Some((end, _)) => text.get(..end).unwrap_or(text),
        None => text,
    }
}

/// Undoes chunked transfer coding; `None` when the body is not chunked
/// after all.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut decoded = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let line_end = find(rest, b"\n")?;
        let size_line = String::from_utf8_lossy(rest.get(..line_end)?);
        let size_text = size_line.trim().split(';').next()?.trim().to_string();
        let size = usize::from_str_radix(&size_text, 16).ok()?;
        rest = rest.get(line_end + 1..)?;
        if size == 0 {
            return Some(decoded);
        }
        decoded.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size..)?;
        rest = rest.strip_prefix(b"\r").unwrap_or(rest);
        rest = rest.strip_prefix(b"\n").unwrap_or(rest);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// A buffered reader that can look several bytes ahead (across its buffer's
/// end) and counts the bytes consumed.
struct PeekReader<R> {
    inner: R,
    buffer: Vec<u8>,
    start: usize,
    end: usize,
    /// Bytes consumed since the reader was made.
    position: u64,
    at_end: bool,
}

const PEEK_CHUNK: usize = 64 * 1024;

impl<R: Read> PeekReader<R> {
    fn new(inner: R) -> Self {
        PeekReader::with_buffer(inner, Vec::new())
    }

    /// A reader that reuses `buffer` (its contents are ignored).
    fn with_buffer(inner: R, buffer: Vec<u8>) -> Self {
        PeekReader {
            inner,
            buffer,
            start: 0,
            end: 0,
            position: 0,
            at_end: false,
        }
    }

    fn into_buffer(self) -> Vec<u8> {
        self.buffer
    }

    fn available(&self) -> &[u8] {
        self.buffer.get(self.start..self.end).unwrap_or_default()
    }

    /// At least `wanted` bytes ahead, or all there are before the end.
    fn fill_at_least(&mut self, wanted: usize) -> std::io::Result<&[u8]> {
        while self.end - self.start < wanted && !self.at_end {
            if self.start > 0 {
                self.buffer.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.start = 0;
            }
            let needed = self.end + PEEK_CHUNK.max(wanted);
            if self.buffer.len() < needed {
                self.buffer.resize(needed, 0);
            }
            let free = self.buffer.get_mut(self.end..).unwrap_or_default();
            match self.inner.read(free) {
                Ok(0) => self.at_end = true,
                Ok(count) => self.end += count,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
        Ok(self.available())
    }

    fn consume_bytes(&mut self, count: usize) {
        let count = count.min(self.end - self.start);
        self.start += count;
        self.position += count as u64;
    }
}

impl<R: Read> Read for PeekReader<R> {
    fn read(&mut self, destination: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_at_least(1)?;
        let count = available.len().min(destination.len());
        if let (Some(target), Some(bytes)) = (destination.get_mut(..count), available.get(..count))
        {
            target.copy_from_slice(bytes);
        }
        self.consume_bytes(count);
        Ok(count)
    }
}

impl<R: Read> BufRead for PeekReader<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.fill_at_least(1)
    }

    fn consume(&mut self, count: usize) {
        self.consume_bytes(count);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_input, InputFormat, ReadOptions};
    use std::io::Write;

    fn record(warc_type: &str, extra_headers: &str, block: &[u8]) -> Vec<u8> {
        let mut bytes = format!(
            "WARC/1.1\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <urn:uuid:0>\r\n{extra_headers}Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        bytes.extend_from_slice(block);
        bytes.extend_from_slice(b"\r\n\r\n");
        bytes
    }

    fn http_response(content_type: &str, body: &str) -> Vec<u8> {
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .into_bytes()
    }

    fn response(uri: &str, date: &str, content_type: &str, body: &str) -> Vec<u8> {
        record(
            "response",
            &format!("WARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\nContent-Type: application/http; msgtype=response\r\n"),
            &http_response(content_type, body),
        )
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    const PAGE_ONE: &str = "<html><head><title>Tram line opens</title></head><body><p>The new tram line between the station and the university opened on Sunday.</p></body></html>";
    const PAGE_TWO: &str = "<html><body><p>The city library will stay open until ten at night during exams.</p></body></html>";

    fn sample_records() -> Vec<Vec<u8>> {
        vec![
            record("warcinfo", "Content-Type: application/warc-fields\r\n", b"software: test\r\nformat: WARC File Format 1.1\r\n"),
            record(
                "request",
                "WARC-Target-URI: https://news.example/tram\r\nContent-Type: application/http; msgtype=request\r\n",
                b"GET /tram HTTP/1.1\r\nHost: news.example\r\n\r\n",
            ),
            response("https://news.example/tram", "2022-04-03T10:00:00Z", "text/html; charset=utf-8", PAGE_ONE),
            record("metadata", "WARC-Target-URI: https://news.example/tram\r\nContent-Type: application/warc-fields\r\n", b"fetchTimeMs: 120\r\n"),
            response("https://news.example/logo.png", "2022-04-03T10:00:01Z", "image/png", "\u{89}PNG"),
            response("https://news.example/library", "2022-04-05T08:00:00Z", "text/html", PAGE_TWO),
        ]
    }

    fn read(source: &str, bytes: &[u8]) -> (Vec<Article>, Vec<String>) {
        let mut articles = Vec::new();
        let mut errors = Vec::new();
        read_input(
            source,
            bytes,
            &ReadOptions::default(),
            0,
            &mut |result| match result {
                Ok(article) => articles.push(article),
                Err(error) => errors.push(error.to_string()),
            },
        );
        (articles, errors)
    }

    #[test]
    fn plain_warc_gives_one_article_per_html_response() {
        let bytes: Vec<u8> = sample_records().concat();
        let (articles, errors) = read("crawl.warc", &bytes);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(articles.len(), 2);
        let tram = &articles[0];
        assert_eq!(tram.url.as_deref(), Some("https://news.example/tram"));
        assert_eq!(tram.title.as_deref(), Some("Tram line opens"));
        assert_eq!(tram.published, chrono::NaiveDate::from_ymd_opt(2022, 4, 3));
        assert!(tram.text.contains("new tram line"));
        assert!(!tram.text.contains("HTTP/1.1"));
        assert!(!tram.text.contains("Content-Type"));
        let offset_of_response: usize = sample_records()[..2].iter().map(Vec::len).sum();
        assert_eq!(tram.source, format!("crawl.warc:byte {offset_of_response}"));
        assert_eq!(
            articles[1].published,
            chrono::NaiveDate::from_ymd_opt(2022, 4, 5)
        );
    }

    #[test]
    fn gzip_per_record_with_a_truncated_member_reports_it_and_goes_on() {
        let members: Vec<Vec<u8>> = sample_records().iter().map(|bytes| gzip(bytes)).collect();
        let mut bytes = Vec::new();
        for (number, member) in members.iter().enumerate() {
            if number == 2 {
                // The first response's member is cut in half.
                bytes.extend_from_slice(&member[..member.len() / 2]);
            } else {
                bytes.extend_from_slice(member);
            }
        }
        let truncated_offset: usize = members[..2].iter().map(Vec::len).sum();
        let (articles, errors) = read("crawl.warc.gz", &bytes);
        assert_eq!(articles.len(), 1, "{errors:?}");
        assert!(articles[0].text.contains("library"));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with(&format!(
                "crawl.warc.gz:byte {truncated_offset}: corrupt or truncated gzip member"
            )),
            "{errors:?}"
        );
    }

    #[test]
    fn gzip_members_give_their_compressed_offsets() {
        let members: Vec<Vec<u8>> = sample_records().iter().map(|bytes| gzip(bytes)).collect();
        let bytes = members.concat();
        // Named without .gz: the content tells.
        let (articles, errors) = read("crawl.bin", &bytes);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(articles.len(), 2);
        let response_offset: usize = members[..2].iter().map(Vec::len).sum();
        assert_eq!(
            articles[0].source,
            format!("crawl.bin:byte {response_offset}")
        );
    }

    #[test]
    fn a_whole_file_gzip_stream_is_read_too() {
        let bytes = gzip(&sample_records().concat());
        let (articles, errors) = read("crawl.warc.gz", &bytes);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(articles.len(), 2);
        assert!(
            articles[1].source.starts_with("crawl.warc.gz:byte 0+"),
            "{}",
            articles[1].source
        );
    }

    #[test]
    fn a_truncated_plain_record_is_reported_at_its_offset() {
        let records = sample_records();
        let mut bytes: Vec<u8> = records[..3].concat();
        let last = &records[5];
        bytes.extend_from_slice(&last[..last.len() - 40]);
        let offset: usize = records[..3].iter().map(Vec::len).sum();
        let (articles, errors) = read("cut.warc", &bytes);
        assert_eq!(articles.len(), 1);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with(&format!(
                "cut.warc:byte {offset}: truncated record: input ends after"
            )),
            "{errors:?}"
        );
    }

    #[test]
    fn a_corrupt_record_header_is_skipped_up_to_the_next_record() {
        let records = sample_records();
        let mut bytes: Vec<u8> = records[2].clone();
        let garbage_offset = bytes.len();
        bytes.extend_from_slice(b"WARX/1.1\r\nContent-Length: 5\r\n\r\nhello\r\n\r\nmore junk\n");
        bytes.extend_from_slice(&records[5]);
        let (articles, errors) = read("bad.warc", &bytes);
        assert_eq!(articles.len(), 2, "{errors:?}");
        assert_eq!(
            errors,
            vec![format!(
                "bad.warc:byte {garbage_offset}: not a WARC record (no WARC/1.x version line)"
            )]
        );

        // A Content-Length that is too short leaves content where the blank
        // line should be.
        let mut wrong_length = records[2].clone();
        let header_end = find(&wrong_length, b"\r\n\r\n").unwrap();
        let header = String::from_utf8_lossy(&wrong_length[..header_end]).to_string();
        let fixed_header = header.replace(
            &format!(
                "Content-Length: {}",
                http_response("text/html; charset=utf-8", PAGE_ONE).len()
            ),
            "Content-Length: 20",
        );
        wrong_length.splice(..header_end, fixed_header.into_bytes());
        wrong_length.extend_from_slice(&records[5]);
        let (articles, errors) = read("short.warc", &wrong_length);
        assert_eq!(articles.len(), 1, "{errors:?}");
        assert!(
            errors[0]
                .starts_with("short.warc:byte 0: record content is not followed by a blank line"),
            "{errors:?}"
        );
    }

    #[test]
    fn http_details_chunked_gzip_redirects_and_plain_text() {
        let chunked = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n1a\r\n<p>The ferry is running ag\r\n10\r\nain on weekdays.\r\n0\r\n\r\n";
        let payload = http_payload(chunked).unwrap().unwrap();
        assert_eq!(payload.kind, PayloadKind::Html);
        assert_eq!(
            String::from_utf8_lossy(&payload.body),
            "<p>The ferry is running again on weekdays."
        );

        let compressed_body = gzip(b"Plain report text.");
        let mut encoded =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        encoded.extend_from_slice(&compressed_body);
        let payload = http_payload(&encoded).unwrap().unwrap();
        assert_eq!(payload.kind, PayloadKind::Text);
        assert_eq!(payload.body, b"Plain report text.");

        let redirect = b"HTTP/1.1 301 Moved Permanently\r\nLocation: /x\r\nContent-Type: text/html\r\n\r\n<p>moved</p>";
        assert!(http_payload(redirect).unwrap().is_none());
        assert!(http_payload(b"no headers here").is_err());
        assert!(http_payload(b"SMTP nonsense\r\n\r\nbody").is_err());
    }

    #[test]
    fn the_http_charset_decodes_the_page() {
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"windows-1251\"\r\n\r\n<html><body><p>".to_vec();
        // "Привет" in windows-1251.
        block.extend_from_slice(b"\xcf\xf0\xe8\xe2\xe5\xf2, the new bridge opened to traffic this morning.</p></body></html>");
        let bytes = record(
            "response",
            "WARC-Target-URI: https://news.example/ru\r\nContent-Type: application/http; msgtype=response\r\n",
            &block,
        );
        let (articles, errors) = read("ru.warc", &bytes);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(
            articles[0].text.contains("Привет, the new bridge"),
            "{:?}",
            articles[0].text
        );
        assert_eq!(
            charset_of("text/html; Charset='utf-8'").as_deref(),
            Some("utf-8")
        );
        assert_eq!(charset_of("text/html"), None);
    }

    #[test]
    fn peek_reader_looks_across_its_buffer() {
        let data: Vec<u8> = (0..200_000u32).map(|value| (value % 251) as u8).collect();
        let mut reader = PeekReader::new(&data[..]);
        reader.consume_bytes(0);
        let _ = reader.fill_at_least(1).unwrap();
        reader.consume_bytes(PEEK_CHUNK - 1);
        let ahead = reader.fill_at_least(10).unwrap();
        assert!(ahead.len() >= 10);
        assert_eq!(ahead[0], data[PEEK_CHUNK - 1]);
        assert_eq!(reader.position, (PEEK_CHUNK - 1) as u64);
        let mut rest = Vec::new();
        reader.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, data[PEEK_CHUNK - 1..]);
    }

    proptest::proptest! {
        #[test]
        fn warc_reader_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
            let options = ReadOptions { format: Some(InputFormat::Warc), ..ReadOptions::default() };
            read_input("p.warc", &bytes[..], &options, 0, &mut |result| {
                if let Err(error) = result {
                    assert_eq!(error.source_name(), "p.warc");
                }
            });
        }

        #[test]
        fn mutated_warc_never_panics(position in 0usize..2000, value in proptest::num::u8::ANY, cut in 0usize..2000, compress in proptest::bool::ANY) {
            let mut input: Vec<u8> = if compress {
                sample_records().iter().map(|bytes| gzip(bytes)).collect::<Vec<_>>().concat()
            } else {
                sample_records().concat()
            };
            let length = input.len();
            if let Some(byte) = input.get_mut(position % length) {
                *byte = value;
            }
            input.truncate(length - cut % length);
            let mut articles = 0;
            read_input("m.warc", &input[..], &ReadOptions::default(), 0, &mut |result| {
                if result.is_ok() {
                    articles += 1;
                }
            });
            proptest::prop_assert!(articles <= 2);
        }
    }
}
