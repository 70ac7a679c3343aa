//! JSON readers: JSON Lines (one object a line) and JSON documents (an array
//! of objects, a sequence of objects, or one object wrapping an array of
//! them, as news APIs export), one article per object.
//!
//! Field names are configurable ([`FieldMap`]); each field has an ordered
//! list of candidate names, tried in turn, and a name may be a dotted path
//! into nested objects (`meta.title`). The body may be text or HTML (told
//! from its tags) or a list of paragraphs. Both readers stream: a line or an
//! array element at a time, each at most [`MAX_RECORD_BYTES`]; a bad record
//! is reported with its line or item number and the reader goes on.

use super::dates::parse_published;
use super::read::{article_from_body, BodyMarkup, Emitter, ItemFields};
use crate::model::{Article, ArticleIndex};
use serde_json::{Map, Value};
use std::io::BufRead;

/// The largest single record (a line, an array element) read: 64 MiB.
pub const MAX_RECORD_BYTES: usize = 64 * 1024 * 1024;

/// The fields of a JSON record that [`FieldMap`] maps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldName {
    Body,
    Title,
    Url,
    Published,
    Byline,
    /// An identifier of the record: when present the article's source is
    /// `FILE#ID` rather than `FILE:POSITION`.
    Id,
}

impl FieldName {
    pub const ALL: [FieldName; 6] = [
        FieldName::Body,
        FieldName::Title,
        FieldName::Url,
        FieldName::Published,
        FieldName::Byline,
        FieldName::Id,
    ];

    /// The field's name on the command line, then its aliases.
    pub fn names(&self) -> &'static [&'static str] {
        match self {
            FieldName::Body => &["body", "text"],
            FieldName::Title => &["title", "headline"],
            FieldName::Url => &["url", "link"],
            FieldName::Published => &["published", "date"],
            FieldName::Byline => &["byline", "author"],
            FieldName::Id => &["id"],
        }
    }

    pub fn from_name(name: &str) -> Option<FieldName> {
        let lower = name.trim().to_ascii_lowercase();
        FieldName::ALL
            .into_iter()
            .find(|field| field.names().contains(&lower.as_str()))
    }

    /// The record keys tried when the user names none, in order: the names
    /// of common exports (news crawlers, news APIs, data sets).
    fn default_keys(&self) -> &'static [&'static str] {
        match self {
            FieldName::Body => &[
                "text",
                "body",
                "content",
                "maintext",
                "article",
                "article_text",
                "full_text",
                "html",
                "description",
            ],
            FieldName::Title => &["title", "headline", "name"],
            FieldName::Url => &["url", "link", "uri", "canonical_url", "source_url"],
            FieldName::Published => &[
                "published",
                "date",
                "published_at",
                "publishedAt",
                "publish_date",
                "date_publish",
                "pubDate",
                "datePublished",
                "publication_date",
                "datetime",
                "created_at",
                "timestamp",
                "time",
            ],
            FieldName::Byline => &["byline", "author", "authors", "creator"],
            FieldName::Id => &["id", "_id", "uuid", "guid"],
        }
    }
}

/// Which keys of a JSON record hold each field: an ordered list of
/// candidates per field, the first present one used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMap {
    pub body: Vec<String>,
    pub title: Vec<String>,
    pub url: Vec<String>,
    pub published: Vec<String>,
    pub byline: Vec<String>,
    pub id: Vec<String>,
}

impl Default for FieldMap {
    fn default() -> Self {
        let keys = |field: FieldName| {
            field
                .default_keys()
                .iter()
                .map(|key| key.to_string())
                .collect()
        };
        FieldMap {
            body: keys(FieldName::Body),
            title: keys(FieldName::Title),
            url: keys(FieldName::Url),
            published: keys(FieldName::Published),
            byline: keys(FieldName::Byline),
            id: keys(FieldName::Id),
        }
    }
}

impl FieldMap {
    pub fn keys(&self, field: FieldName) -> &[String] {
        match field {
            FieldName::Body => &self.body,
            FieldName::Title => &self.title,
            FieldName::Url => &self.url,
            FieldName::Published => &self.published,
            FieldName::Byline => &self.byline,
            FieldName::Id => &self.id,
        }
    }

    fn keys_mut(&mut self, field: FieldName) -> &mut Vec<String> {
        match field {
            FieldName::Body => &mut self.body,
            FieldName::Title => &mut self.title,
            FieldName::Url => &mut self.url,
            FieldName::Published => &mut self.published,
            FieldName::Byline => &mut self.byline,
            FieldName::Id => &mut self.id,
        }
    }

    /// Applies `FIELD=KEY[,KEY…]` (as given to `--field`): the field is read
    /// from these keys only, in this order. An empty key list turns the
    /// field off (`--field id=`).
    pub fn set(&mut self, assignment: &str) -> Result<(), String> {
        let Some((field_name, keys)) = assignment.split_once('=') else {
            return Err(format!(
                "expected FIELD=KEY, got {assignment:?} (fields: {})",
                field_list()
            ));
        };
        let Some(field) = FieldName::from_name(field_name) else {
            return Err(format!(
                "unknown field {field_name:?} (fields: {})",
                field_list()
            ));
        };
        let new_keys: Vec<String> = keys
            .split(',')
            .map(str::trim)
            .filter(|key| !key.is_empty())
            .map(str::to_string)
            .collect();
        if field == FieldName::Body && new_keys.is_empty() {
            return Err("the body field needs a key".to_string());
        }
        *self.keys_mut(field) = new_keys;
        Ok(())
    }
}

fn field_list() -> String {
    let names: Vec<&str> = FieldName::ALL
        .iter()
        .filter_map(|field| field.names().first().copied())
        .collect();
    names.join(", ")
}

/// The value at `key` of a record: the key itself, else a dotted path.
fn lookup<'record>(record: &'record Map<String, Value>, key: &str) -> Option<&'record Value> {
    if let Some(value) = record.get(key) {
        return Some(value);
    }
    if !key.contains('.') {
        return None;
    }
    let mut parts = key.split('.');
    let first = parts.next()?;
    let mut value = record.get(first)?;
    for part in parts {
        value = value.as_object()?.get(part)?;
    }
    Some(value)
}

fn first_present<'record>(
    record: &'record Map<String, Value>,
    keys: &[String],
) -> Option<(&'record Value, &'record str)> {
    for key in keys {
        if let Some(value) = lookup(record, key) {
            if !value.is_null() {
                return Some((value, key_name(record, key)));
            }
        }
    }
    None
}

/// The key as the record spells it when it is a plain key; "" for paths.
fn key_name<'record>(record: &'record Map<String, Value>, key: &str) -> &'record str {
    record
        .get_key_value(key)
        .map(|(name, _)| name.as_str())
        .unwrap_or("")
}

/// Text of a value: a string, or the strings of a list (paragraphs, or
/// authors' names) joined by `separator`.
fn text_of(value: &Value, separator: &str) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Array(items) => {
            let mut parts = Vec::new();
            for item in items {
                match item {
                    Value::String(text) => parts.push(text.as_str()),
                    Value::Object(object) => {
                        if let Some(Value::String(name)) =
                            object.get("name").or_else(|| object.get("text"))
                        {
                            parts.push(name.as_str());
                        }
                    }
                    _ => {}
                }
            }
            (!parts.is_empty()).then(|| parts.join(separator))
        }
        Value::Object(object) => match object.get("name").or_else(|| object.get("text")) {
            Some(Value::String(text)) => Some(text.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// A value worth keeping: not blank, and not the spelling of an empty value
/// that exports write when they print a missing field ("None", "[]").
fn non_empty(text: Option<String>) -> Option<String> {
    const EMPTY_SPELLINGS: [&str; 6] = ["none", "null", "nil", "[]", "{}", "undefined"];
    text.map(|text| text.trim().to_string()).filter(|text| {
        !text.is_empty()
            && !EMPTY_SPELLINGS
                .iter()
                .any(|spelling| text.eq_ignore_ascii_case(spelling))
    })
}

/// The article of one JSON record at `position` of `source`; the error is
/// the reason alone.
fn article_from_record(
    source: &str,
    position: &str,
    record: &Value,
    fields: &FieldMap,
    index: ArticleIndex,
) -> Result<Article, String> {
    let Value::Object(object) = record else {
        return Err(format!("not a JSON object (found {})", kind_of(record)));
    };
    let Some((body_value, body_key)) = first_present(object, &fields.body) else {
        return Err(format!(
            "no body field (looked for {})",
            fields.body.join(", ")
        ));
    };
    let Some(body) = text_of(body_value, "\n\n") else {
        return Err(format!(
            "body field {body_key:?} is {}, not text",
            kind_of(body_value)
        ));
    };
    let text_field = |keys: &[String], separator: &str| {
        non_empty(first_present(object, keys).and_then(|(value, _)| text_of(value, separator)))
    };
    let published = first_present(object, &fields.published).and_then(|(value, _)| match value {
        Value::String(text) => parse_published(text),
        Value::Number(number) => parse_published(&number.to_string()),
        _ => None,
    });
    let item_fields = ItemFields {
        title: text_field(&fields.title, " "),
        url: text_field(&fields.url, " "),
        published,
        byline: text_field(&fields.byline, ", "),
    };
    let id = first_present(object, &fields.id).and_then(|(value, _)| match value {
        Value::Number(number) => Some(number.to_string()),
        other => non_empty(text_of(other, " ")),
    });
    let item_source = match id {
        Some(id) => format!("{source}#{id}"),
        None => format!("{source}:{position}"),
    };
    article_from_body(&item_source, &body, BodyMarkup::Unknown, item_fields, index)
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads JSON Lines: one record a line, blank lines skipped. A bad line is
/// reported as `FILE:LINE: reason`.
pub(crate) fn read_json_lines(
    source: &str,
    reader: &mut dyn BufRead,
    fields: &FieldMap,
    emitter: &mut Emitter<'_, '_>,
) {
    let mut line = Vec::new();
    let mut line_number: u64 = 0;
    loop {
        line.clear();
        let status = match read_line_capped(reader, &mut line, MAX_RECORD_BYTES) {
            Ok(status) => status,
            Err(error) => {
                emitter.item_error(
                    &(line_number + 1).to_string(),
                    format!("read error: {error}"),
                );
                return;
            }
        };
        let LineStatus::Line { overflowed } = status else {
            return;
        };
        line_number += 1;
        let position = line_number.to_string();
        if overflowed {
            emitter.item_error(
                &position,
                format!("line longer than {} MiB", MAX_RECORD_BYTES / (1024 * 1024)),
            );
            continue;
        }
        let content = if line_number == 1 {
            line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&line)
        } else {
            &line[..]
        };
        if content.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let record: Value = match serde_json::from_slice(content) {
            Ok(record) => record,
            Err(error) => {
                emitter.item_error(&position, format!("invalid JSON: {error}"));
                continue;
            }
        };
        let result = article_from_record(source, &position, &record, fields, emitter.next_index());
        match result {
            Ok(article) => emitter.article(article),
            Err(message) => emitter.item_error(&position, message),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineStatus {
    EndOfInput,
    /// A line was read (without its `\n`); `overflowed` when it was longer
    /// than the cap and only its start is in the buffer.
    Line {
        overflowed: bool,
    },
}

/// Reads one line into `line` (at most `cap` bytes of it), consuming the
/// whole line and its terminator.
pub(crate) fn read_line_capped(
    reader: &mut dyn BufRead,
    line: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<LineStatus> {
    let mut read_any = false;
    let mut overflowed = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if available.is_empty() {
            return Ok(if read_any {
                LineStatus::Line { overflowed }
            } else {
                LineStatus::EndOfInput
            });
        }
        read_any = true;
        let newline = available.iter().position(|byte| *byte == b'\n');
        let taken = newline.unwrap_or(available.len());
        let room = cap.saturating_sub(line.len());
        if taken > room {
            overflowed = true;
        }
        line.extend_from_slice(available.get(..taken.min(room)).unwrap_or_default());
        match newline {
            Some(position) => {
                reader.consume(position + 1);
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                return Ok(LineStatus::Line { overflowed });
            }
            None => reader.consume(taken),
        }
    }
}

/// Reads a JSON document: an array of records, a sequence of records, or a
/// record wrapping an array of them. A bad element is reported as
/// `FILE:item N: reason` and the next one is read; broken structure (an
/// unterminated string or array) ends the input with an error.
pub(crate) fn read_json_document(
    source: &str,
    reader: &mut dyn BufRead,
    fields: &FieldMap,
    emitter: &mut Emitter<'_, '_>,
) {
    let mut splitter = ValueSplitter::new(reader);
    let mut buffer = Vec::new();
    let mut item_number: u64 = 0;
    loop {
        buffer.clear();
        let next = match splitter.next_value(&mut buffer) {
            Ok(next) => next,
            Err(error) => {
                emitter.item_error(
                    &format!("item {}", item_number + 1),
                    format!("read error: {error}"),
                );
                return;
            }
        };
        match next {
            SplitValue::End => {
                if item_number == 0 && !splitter.saw_array {
                    emitter.error(super::IngestError::Empty {
                        source_name: source.to_string(),
                    });
                }
                return;
            }
            SplitValue::Broken(message) => {
                emitter.item_error(&format!("item {}", item_number + 1), message);
                return;
            }
            SplitValue::Value { overflowed: true } => {
                item_number += 1;
                emitter.item_error(
                    &format!("item {item_number}"),
                    format!("item larger than {} MiB", MAX_RECORD_BYTES / (1024 * 1024)),
                );
            }
            SplitValue::Value { overflowed: false } => {
                let record: Value = match serde_json::from_slice(&buffer) {
                    Ok(record) => record,
                    Err(error) => {
                        item_number += 1;
                        emitter.item_error(
                            &format!("item {item_number}"),
                            format!("invalid JSON: {error}"),
                        );
                        continue;
                    }
                };
                let wrapped = wrapped_records(&record, fields);
                match wrapped {
                    Some(records) => {
                        for inner in records {
                            item_number += 1;
                            read_record(source, item_number, inner, fields, emitter);
                        }
                    }
                    None => {
                        item_number += 1;
                        read_record(source, item_number, &record, fields, emitter);
                    }
                }
            }
        }
    }
}

fn read_record(
    source: &str,
    item_number: u64,
    record: &Value,
    fields: &FieldMap,
    emitter: &mut Emitter<'_, '_>,
) {
    let position = format!("item {item_number}");
    match article_from_record(source, &position, record, fields, emitter.next_index()) {
        Ok(article) => emitter.article(article),
        Err(message) => emitter.item_error(&position, message),
    }
}

/// The records of an object that wraps them (`{"status": "ok", "articles":
/// [...]}`): an object with no body field of its own and a field holding an
/// array of objects.
fn wrapped_records<'record>(record: &'record Value, fields: &FieldMap) -> Option<&'record [Value]> {
    let object = record.as_object()?;
    if first_present(object, &fields.body).is_some() {
        return None;
    }
    for value in object.values() {
        if let Value::Array(items) = value {
            if items.first().is_some_and(Value::is_object) {
                return Some(items);
            }
        }
    }
    None
}

enum SplitValue {
    /// A value's bytes are in the buffer (only its start when it
    /// overflowed the cap).
    Value {
        overflowed: bool,
    },
    End,
    Broken(String),
}

/// Splits a JSON document into its top-level values (the elements of a
/// top-level array, or the values of a sequence) without parsing them, so
/// that each is parsed on its own and one bad element does not lose the
/// rest.
struct ValueSplitter<'reader> {
    reader: &'reader mut dyn BufRead,
    started: bool,
    saw_array: bool,
    in_array: bool,
}

impl<'reader> ValueSplitter<'reader> {
    fn new(reader: &'reader mut dyn BufRead) -> Self {
        ValueSplitter {
            reader,
            started: false,
            saw_array: false,
            in_array: false,
        }
    }

    /// The next byte that is not white space (or a byte-order mark at the
    /// start), without consuming it.
    fn peek_significant(&mut self) -> std::io::Result<Option<u8>> {
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                return Ok(None);
            }
            if !self.started && available.starts_with(b"\xef\xbb\xbf") {
                self.reader.consume(3);
                continue;
            }
            self.started = true;
            match available
                .iter()
                .position(|byte| !byte.is_ascii_whitespace())
            {
                Some(position) => {
                    let byte = available.get(position).copied();
                    self.reader.consume(position);
                    return Ok(byte);
                }
                None => {
                    let length = available.len();
                    self.reader.consume(length);
                }
            }
        }
    }

    fn next_value(&mut self, buffer: &mut Vec<u8>) -> std::io::Result<SplitValue> {
        loop {
            let Some(byte) = self.peek_significant()? else {
                if self.in_array {
                    return Ok(SplitValue::Broken(
                        "unexpected end of input: the array is not closed".to_string(),
                    ));
                }
                return Ok(SplitValue::End);
            };
            match byte {
                b'[' if !self.saw_array && !self.in_array => {
                    self.reader.consume(1);
                    self.saw_array = true;
                    self.in_array = true;
                }
                b']' if self.in_array => {
                    self.reader.consume(1);
                    self.in_array = false;
                }
                b',' if self.in_array => self.reader.consume(1),
                _ => return self.scan_value(buffer),
            }
        }
    }

    /// Copies one value into `buffer`: a string, an object or array (to its
    /// matching bracket, strings respected), or a scalar (to the next
    /// delimiter). Always consumes at least one byte.
    fn scan_value(&mut self, buffer: &mut Vec<u8>) -> std::io::Result<SplitValue> {
        let mut depth: u32 = 0;
        let mut in_string = false;
        let mut escaped = false;
        let mut overflowed = false;
        let mut first = true;
        let mut scalar = false;
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                if scalar && !in_string {
                    return Ok(SplitValue::Value { overflowed });
                }
                return Ok(SplitValue::Broken(
                    "unexpected end of input inside a value".to_string(),
                ));
            }
            let mut end = None;
            for (position, &byte) in available.iter().enumerate() {
                if first {
                    first = false;
                    match byte {
                        b'{' | b'[' => depth = 1,
                        b'"' => in_string = true,
                        _ => scalar = true,
                    }
                    continue;
                }
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if byte == b'\\' {
                        escaped = true;
                    } else if byte == b'"' {
                        in_string = false;
                        if depth == 0 {
                            end = Some(position + 1);
                            break;
                        }
                    }
                    continue;
                }
                if scalar {
                    if byte.is_ascii_whitespace()
                        || matches!(byte, b',' | b']' | b'}' | b'[' | b'{' | b'"')
                    {
                        end = Some(position);
                        break;
                    }
                    continue;
                }
                match byte {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth = depth.saturating_add(1),
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            end = Some(position + 1);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let taken = end.unwrap_or(available.len());
            let room = MAX_RECORD_BYTES.saturating_sub(buffer.len());
            if taken > room {
                overflowed = true;
            }
            buffer.extend_from_slice(available.get(..taken.min(room)).unwrap_or_default());
            self.reader.consume(taken);
            if end.is_some() {
                return Ok(SplitValue::Value { overflowed });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_input, IngestError, InputFormat, ReadOptions};

    fn read(source: &str, bytes: &[u8], options: &ReadOptions) -> (Vec<Article>, Vec<IngestError>) {
        let mut articles = Vec::new();
        let mut errors = Vec::new();
        read_input(source, bytes, options, 0, &mut |result| match result {
            Ok(article) => articles.push(article),
            Err(error) => errors.push(error),
        });
        (articles, errors)
    }

    fn body(article: &Article) -> String {
        article
            .body_blocks()
            .map(|block| article.slice(&block.span))
            .collect::<Vec<_>>()
            .join("\n")
    }

    const LINES: &str = concat!(
        r#"{"text": "The harbour authority closed the northern pier on Tuesday after a storm damaged its railings.", "title": "Pier closed", "url": "https://example.org/pier", "date": "2023-11-07T18:00:00+01:00"}"#,
        "\n",
        r#"{"text": "An unfinished line"#,
        "\n",
        "\n",
        r#"{"body": "<p>Fishermen said the repairs would take <b>three weeks</b>.</p><p>The ferry still runs.</p>", "headline": "Repairs", "published": "Wed, 08 Nov 2023 09:00:00 GMT"}"#,
        "\n",
        r#"{"title": "No body here"}"#,
        "\n",
        r#"[1, 2]"#,
        "\n",
        r#"{"text": "A record without a final newline, about the town's new library opening next spring."}"#,
    );

    #[test]
    fn json_lines_read_each_line_and_report_broken_ones_by_line_number() {
        let (articles, errors) = read("dump.jsonl", LINES.as_bytes(), &ReadOptions::default());
        assert_eq!(articles.len(), 3, "{errors:?}");
        let first = &articles[0];
        assert_eq!(first.title.as_deref(), Some("Pier closed"));
        assert_eq!(first.url.as_deref(), Some("https://example.org/pier"));
        assert_eq!(
            first.published,
            chrono::NaiveDate::from_ymd_opt(2023, 11, 7)
        );
        assert_eq!(first.source, "dump.jsonl:1");
        assert!(body(first).contains("northern pier"));

        let second = &articles[1];
        assert_eq!(second.title.as_deref(), Some("Repairs"));
        assert_eq!(
            second.published,
            chrono::NaiveDate::from_ymd_opt(2023, 11, 8)
        );
        let second_body = body(second);
        assert!(second_body.contains("three weeks"), "{second_body:?}");
        assert!(!second_body.contains("<b>"), "{second_body:?}");
        assert!(second_body.contains("ferry still runs"));
        assert_eq!(articles[2].source, "dump.jsonl:7");

        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(
            messages[0].starts_with("dump.jsonl:2: invalid JSON"),
            "{messages:?}"
        );
        assert!(
            messages[1].starts_with("dump.jsonl:5: no body field"),
            "{messages:?}"
        );
        assert!(
            messages[2].starts_with("dump.jsonl:6: not a JSON object"),
            "{messages:?}"
        );
        assert!(errors
            .iter()
            .all(|error| error.source_name() == "dump.jsonl"));
    }

    #[test]
    fn field_names_are_configurable_with_paths_and_lists() {
        let line = r#"{"story": {"copy": ["First paragraph about the vote.", "Second paragraph about the result."], "hed": "Vote counted"}, "when": "2022-05-01", "by": [{"name": "A. Writer"}, {"name": "B. Writer"}], "key": 42}"#;
        let mut fields = FieldMap::default();
        fields.set("body=story.copy").unwrap();
        fields.set("title=story.hed").unwrap();
        fields.set("date=when").unwrap();
        fields.set("author=by").unwrap();
        fields.set("id=key").unwrap();
        let options = ReadOptions {
            fields,
            ..ReadOptions::default()
        };
        let (articles, errors) = read("x.jsonl", line.as_bytes(), &options);
        assert!(errors.is_empty(), "{errors:?}");
        let article = &articles[0];
        assert_eq!(article.title.as_deref(), Some("Vote counted"));
        assert_eq!(article.byline.as_deref(), Some("A. Writer, B. Writer"));
        assert_eq!(
            article.published,
            chrono::NaiveDate::from_ymd_opt(2022, 5, 1)
        );
        assert_eq!(article.source, "x.jsonl#42");
        assert_eq!(article.body_blocks().count(), 2);
    }

    #[test]
    fn printed_empty_values_are_no_values() {
        for spelling in ["None", "null", "nil", "[]", "{}", "undefined", "  ", ""] {
            assert_eq!(non_empty(Some(spelling.to_string())), None, "{spelling}");
        }
        assert_eq!(
            non_empty(Some(" Ann Lee ".to_string())).as_deref(),
            Some("Ann Lee")
        );
    }

    #[test]
    fn field_assignments_are_checked() {
        let mut fields = FieldMap::default();
        assert!(fields.set("nonsense").is_err());
        assert!(fields.set("colour=x").is_err());
        assert!(fields.set("body=").is_err());
        fields.set("headline=hed, title").unwrap();
        assert_eq!(fields.title, vec!["hed".to_string(), "title".to_string()]);
        fields.set("id=").unwrap();
        assert!(fields.id.is_empty());
        for field in FieldName::ALL {
            for name in field.names() {
                assert_eq!(FieldName::from_name(name), Some(field));
            }
            assert!(!field.default_keys().is_empty());
        }
    }

    #[test]
    fn every_default_key_is_found() {
        for field in FieldName::ALL {
            for key in field.default_keys() {
                let mut record = Map::new();
                record.insert(key.to_string(), Value::String("x".into()));
                let keys = FieldMap::default();
                assert!(first_present(&record, keys.keys(field)).is_some(), "{key}");
            }
        }
    }

    #[test]
    fn json_arrays_sequences_and_wrappers() {
        let array = r#"[
  {"text": "The museum reopened on Saturday after two years of work on its roof."},
  {"text": 12},
  {"text": "Visitors queued along the river to see the restored galleries."}
]"#;
        let (articles, errors) = read("a.json", array.as_bytes(), &ReadOptions::default());
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[1].source, "a.json:item 3");
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .to_string()
                .starts_with("a.json:item 2: body field \"text\" is a number"),
            "{}",
            errors[0]
        );

        let wrapper = r#"{"status": "ok", "articles": [{"content": "The museum reopened on Saturday after two years of work.", "publishedAt": "2021-06-05T10:00:00Z"}, {"content": "Visitors queued along the river."}]}"#;
        let (articles, errors) = read("w.json", wrapper.as_bytes(), &ReadOptions::default());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(articles.len(), 2);
        assert_eq!(
            articles[0].published,
            chrono::NaiveDate::from_ymd_opt(2021, 6, 5)
        );

        let pretty_sequence = "{\n  \"text\": \"First record about the museum roof.\"\n}\n{\n  \"text\": \"Second record about the galleries.\"\n}\n";
        let (articles, errors) = read("s", pretty_sequence.as_bytes(), &ReadOptions::default());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(articles.len(), 2);
    }

    #[test]
    fn a_broken_json_array_reports_the_item_and_stops() {
        let array = r#"[{"text": "The museum reopened on Saturday."}, {"text": "never closed"#;
        let (articles, errors) = read("b.json", array.as_bytes(), &ReadOptions::default());
        assert_eq!(articles.len(), 1);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .to_string()
                .starts_with("b.json:item 2: unexpected end of input"),
            "{}",
            errors[0]
        );

        let unclosed = r#"[{"text": "The museum reopened on Saturday."}"#;
        let (articles, errors) = read("c.json", unclosed.as_bytes(), &ReadOptions::default());
        assert_eq!(articles.len(), 1);
        assert!(errors[0].to_string().contains("not closed"));
    }

    #[test]
    fn strings_with_brackets_and_escapes_do_not_split_elements() {
        let array = r#"[{"text": "He wrote \"[}{]\" on the wall, then left.", "title": "a \\"}, {"text": "Second."}]"#;
        let (articles, errors) = read("e.json", array.as_bytes(), &ReadOptions::default());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(articles.len(), 2);
        assert!(body(&articles[0]).contains("[}{]"));
    }

    #[test]
    fn capped_lines_report_overflow_and_resume() {
        let mut reader: &[u8] = b"abcdefgh\r\nij\nk";
        let mut line = Vec::new();
        assert_eq!(
            read_line_capped(&mut reader, &mut line, 4).unwrap(),
            LineStatus::Line { overflowed: true }
        );
        assert_eq!(line, b"abcd");
        line.clear();
        assert_eq!(
            read_line_capped(&mut reader, &mut line, 4).unwrap(),
            LineStatus::Line { overflowed: false }
        );
        assert_eq!(line, b"ij");
        line.clear();
        assert_eq!(
            read_line_capped(&mut reader, &mut line, 4).unwrap(),
            LineStatus::Line { overflowed: false }
        );
        assert_eq!(line, b"k");
        line.clear();
        assert_eq!(
            read_line_capped(&mut reader, &mut line, 4).unwrap(),
            LineStatus::EndOfInput
        );
    }

    proptest::proptest! {
        #[test]
        fn json_readers_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            for format in [InputFormat::JsonLines, InputFormat::Json] {
                let options = ReadOptions { format: Some(format), ..ReadOptions::default() };
                let (_articles, errors) = read("p.json", &bytes, &options);
                for error in errors {
                    proptest::prop_assert_eq!(error.source_name(), "p.json");
                }
            }
        }

        #[test]
        fn json_like_text_never_panics(text in r#"[\[\]{}",:\\ a-z0-9\n]{0,120}"#) {
            for format in [InputFormat::JsonLines, InputFormat::Json] {
                let options = ReadOptions { format: Some(format), ..ReadOptions::default() };
                let _ = read("p.json", text.as_bytes(), &options);
            }
        }
    }
}
