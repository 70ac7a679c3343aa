//! Stage `ingest`: bytes of one input → [`Article`] records.
//!
//! Takes the bytes of an input and the name the user gave it; gives an
//! [`Article`] whose `text` is the input's text and whose `blocks` cover every
//! part of it that carries content, each marked body, heading, caption or
//! boilerplate with a reason. Promises: nothing is dropped silently (every
//! non-blank byte of the text lies in some block), blocks are in order and do
//! not overlap, and bad input is an [`IngestError`] naming the source, never
//! a panic.
//!
//! Formats: plain text, HTML, JSON Lines and JSON arrays, RSS and Atom, WARC
//! (each possibly gzip-compressed). [`read_input`] detects the format of an
//! input ([`detect`]) and streams its articles, one per item, to a sink;
//! a bad item is an [`IngestError::Item`] naming the input and the item's
//! position, and the rest of the input goes on.

mod boilerplate;
pub mod dates;
mod detect;
mod feed;
mod hash;
pub mod html;
mod jsonl;
mod plain;
mod read;
mod warc;

/// The HTML reader the other readers call.
use html as html_reader;

pub use boilerplate::{classify_lines, LineClass};
pub use detect::{detect, InputFormat, DETECTION_HEAD_BYTES};
pub use hash::content_id;
pub use html::{extract_html, read_html};
pub use jsonl::{FieldMap, FieldName};
pub use plain::read_plain_text;
pub use read::{looks_like_html, read_input, ReadOptions, ReadSummary, MAX_DOCUMENT_BYTES};

use crate::model::ArticleIndex;
use thiserror::Error;

/// Why an input could not be read as an article.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum IngestError {
    #[error("{source_name}: empty input (no text)")]
    Empty { source_name: String },
    #[error("{source_name}: binary data, not text (NUL or control byte at offset {offset})")]
    Binary { source_name: String, offset: usize },
    #[error("{source_name}: not valid UTF-8 (invalid byte at offset {offset})")]
    NotUtf8 { source_name: String, offset: usize },
    #[error("{source_name}: {message}")]
    Unreadable {
        source_name: String,
        message: String,
    },
    /// One item of an input with many (a line, a feed item, a WARC record)
    /// could not be read; `position` says where ("12" for a line, "item 3",
    /// "byte 5120").
    #[error("{source_name}:{position}: {message}")]
    Item {
        source_name: String,
        position: String,
        message: String,
    },
}

impl IngestError {
    pub fn source_name(&self) -> &str {
        match self {
            IngestError::Empty { source_name }
            | IngestError::Binary { source_name, .. }
            | IngestError::NotUtf8 { source_name, .. }
            | IngestError::Unreadable { source_name, .. }
            | IngestError::Item { source_name, .. } => source_name,
        }
    }

    /// Where the error is: the source name, with the item's position when
    /// there is one ("feed.xml:item 3").
    pub fn location(&self) -> String {
        match self {
            IngestError::Item {
                source_name,
                position,
                ..
            } => format!("{source_name}:{position}"),
            _ => self.source_name().to_string(),
        }
    }

    /// The reason alone, without the location in front.
    pub fn reason(&self) -> String {
        let message = self.to_string();
        let prefix = format!("{}: ", self.location());
        match message.strip_prefix(&prefix) {
            Some(reason) => reason.to_string(),
            None => message,
        }
    }
}

/// One input handed to the ingest stage by a front end.
#[derive(Debug, Clone)]
pub struct Input<'bytes> {
    /// The name the user gave it: a path, `-` for stdin, a URL.
    pub source: &'bytes str,
    pub bytes: &'bytes [u8],
    /// Position in the batch.
    pub index: ArticleIndex,
}

/// Decodes bytes as UTF-8 text, rejecting binary data and empty input with a
/// reason. A leading byte-order mark is kept in the text (spans stay true to
/// the file) but is not content.
pub fn decode_text<'bytes>(source: &str, bytes: &'bytes [u8]) -> Result<&'bytes str, IngestError> {
    if let Some(offset) = find_binary_byte(bytes) {
        return Err(IngestError::Binary {
            source_name: source.to_string(),
            offset,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|error| IngestError::NotUtf8 {
        source_name: source.to_string(),
        offset: error.valid_up_to(),
    })?;
    let has_content = text
        .chars()
        .any(|character| !character.is_whitespace() && character != '\u{feff}');
    if !has_content {
        return Err(IngestError::Empty {
            source_name: source.to_string(),
        });
    }
    Ok(text)
}

/// Offset of the first byte that no text file carries: NUL, or a C0 control
/// other than tab, line feed, form feed and carriage return.
fn find_binary_byte(bytes: &[u8]) -> Option<usize> {
    bytes
        .iter()
        .position(|&byte| matches!(byte, 0x00..=0x08 | 0x0e..=0x1a | 0x1c..=0x1f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_rejects_binary_empty_and_bad_utf8_with_the_source_name() {
        let binary = decode_text("a.bin", b"PK\x03\x04\x00\x00").unwrap_err();
        assert_eq!(
            binary,
            IngestError::Binary {
                source_name: "a.bin".into(),
                offset: 2
            }
        );
        assert!(binary.to_string().starts_with("a.bin: binary data"));

        let empty = decode_text("e.txt", " \n\u{a0}\n\t".as_bytes()).unwrap_err();
        assert_eq!(
            empty,
            IngestError::Empty {
                source_name: "e.txt".into()
            }
        );

        let latin1 = decode_text("l.txt", b"caf\xe9 au lait").unwrap_err();
        assert_eq!(
            latin1,
            IngestError::NotUtf8 {
                source_name: "l.txt".into(),
                offset: 3
            }
        );
    }

    #[test]
    fn item_errors_say_file_position_and_reason() {
        let error = IngestError::Item {
            source_name: "dir/a.jsonl".into(),
            position: "12".into(),
            message: "invalid JSON".into(),
        };
        assert_eq!(error.to_string(), "dir/a.jsonl:12: invalid JSON");
        assert_eq!(error.source_name(), "dir/a.jsonl");
        assert_eq!(error.location(), "dir/a.jsonl:12");
        assert_eq!(error.reason(), "invalid JSON");
        let whole = IngestError::Empty {
            source_name: "e.txt".into(),
        };
        assert_eq!(whole.location(), "e.txt");
        assert_eq!(whole.reason(), "empty input (no text)");
    }

    #[test]
    fn decode_accepts_text_with_tabs_and_crlf() {
        assert_eq!(decode_text("t", b"a\tb\r\nc").unwrap(), "a\tb\r\nc");
    }
}
