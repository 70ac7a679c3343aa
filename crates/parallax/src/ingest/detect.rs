//! Input formats, told from the first bytes of an input and, where the bytes
//! leave room for doubt, from its name.
//!
//! The content decides first: gzip and WARC have magic bytes, feeds and web
//! pages open with markup, JSON with a brace or a bracket. The name breaks
//! ties (a page that opens with a script, a feed that opens with a comment)
//! and is never trusted against the content: a `.txt` file holding JSON
//! Lines is read as JSON Lines.

use std::io::Read;

/// How many bytes of an input [`detect`] looks at (more are ignored).
pub const DETECTION_HEAD_BYTES: usize = 8 * 1024;

/// The formats the ingest stage reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// UTF-8 text, one article per input.
    PlainText,
    /// A web page, one article per input.
    Html,
    /// One JSON object a line, one article per object.
    JsonLines,
    /// A JSON array of objects (or a sequence of objects, or an object
    /// wrapping an array of them), one article per object.
    Json,
    /// RSS or Atom, one article per item.
    Feed,
    /// A WARC file, plain or gzip per record, one article per HTML response.
    Warc,
    /// gzip around some other format: decompress, then detect again.
    Gzip,
}

impl InputFormat {
    /// Every format, in the order of [`InputFormat::name`]s shown to users.
    pub const ALL: [InputFormat; 7] = [
        InputFormat::PlainText,
        InputFormat::Html,
        InputFormat::JsonLines,
        InputFormat::Json,
        InputFormat::Feed,
        InputFormat::Warc,
        InputFormat::Gzip,
    ];

    /// The name used on the command line (`--input-format`).
    pub fn name(&self) -> &'static str {
        match self {
            InputFormat::PlainText => "text",
            InputFormat::Html => "html",
            InputFormat::JsonLines => "jsonl",
            InputFormat::Json => "json",
            InputFormat::Feed => "feed",
            InputFormat::Warc => "warc",
            InputFormat::Gzip => "gzip",
        }
    }

    /// The format a user named, with common aliases (`txt`, `htm`, `ndjson`,
    /// `rss`, `atom`, `xml`, `gz`); case does not matter.
    pub fn from_name(name: &str) -> Option<InputFormat> {
        let lower = name.trim().to_ascii_lowercase();
        let format = match lower.as_str() {
            "text" | "txt" | "plain" => InputFormat::PlainText,
            "html" | "htm" | "xhtml" => InputFormat::Html,
            "jsonl" | "ndjson" | "json-lines" | "jsonlines" => InputFormat::JsonLines,
            "json" => InputFormat::Json,
            "feed" | "rss" | "atom" | "xml" => InputFormat::Feed,
            "warc" => InputFormat::Warc,
            "gzip" | "gz" => InputFormat::Gzip,
            _ => return None,
        };
        Some(format)
    }
}

impl std::fmt::Display for InputFormat {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.name())
    }
}

/// The format of an input named `name` whose first bytes are `head` (give
/// at least [`DETECTION_HEAD_BYTES`] when the input has them).
pub fn detect(name: &str, head: &[u8]) -> InputFormat {
    let from_name = format_from_name(name);
    if head.starts_with(&[0x1f, 0x8b]) {
        // A WARC file is read compressed (gzip per record); any other gzip
        // file is decompressed and its content detected again.
        if from_name == Some(InputFormat::Warc) || gzip_holds_warc(head) {
            return InputFormat::Warc;
        }
        return InputFormat::Gzip;
    }
    let content = skip_byte_order_mark_and_space(head);
    if content.starts_with(b"WARC/") {
        return InputFormat::Warc;
    }
    match content.first() {
        Some(b'<') => detect_markup(content, from_name),
        Some(b'{') => detect_object_start(content, from_name),
        Some(b'[') => detect_array_start(content, from_name),
        _ => match from_name {
            // A page saved with text before its first tag is still a page;
            // a file named as data that is not data is read as text and
            // fails there with a reason if it is not text either.
            Some(InputFormat::Html) => InputFormat::Html,
            _ => InputFormat::PlainText,
        },
    }
}

/// The format a file name suggests, from its extensions.
fn format_from_name(name: &str) -> Option<InputFormat> {
    let lower = name.to_ascii_lowercase();
    let without_gzip = lower.strip_suffix(".gz").unwrap_or(&lower);
    let extension = without_gzip
        .rsplit_once('.')
        .map(|(_, extension)| extension)?;
    let format = match extension {
        "txt" | "text" => InputFormat::PlainText,
        "html" | "htm" | "xhtml" | "shtml" => InputFormat::Html,
        "jsonl" | "ndjson" => InputFormat::JsonLines,
        "json" => InputFormat::Json,
        "xml" | "rss" | "atom" | "rdf" => InputFormat::Feed,
        "warc" | "arc" => InputFormat::Warc,
        _ => return None,
    };
    Some(format)
}

fn skip_byte_order_mark_and_space(head: &[u8]) -> &[u8] {
    let without_mark = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = without_mark
        .iter()
        .position(|byte| !byte.is_ascii_whitespace())
        .unwrap_or(without_mark.len());
    without_mark.get(start..).unwrap_or_default()
}

/// Whether the first gzip member of `head` starts with a WARC version line.
fn gzip_holds_warc(head: &[u8]) -> bool {
    let mut decoder = flate2::read::GzDecoder::new(head);
    let mut start = [0u8; 5];
    let mut filled = 0;
    while filled < start.len() {
        match decoder.read(start.get_mut(filled..).unwrap_or_default()) {
            Ok(0) | Err(_) => break,
            Ok(count) => filled += count,
        }
    }
    filled == start.len() && &start == b"WARC/"
}

/// Markup: a feed when its root element is `rss`, `feed` or `rdf:RDF`, a
/// page when it is `html` or the document says so; otherwise the name
/// decides, and a page is the default.
fn detect_markup(content: &[u8], from_name: Option<InputFormat>) -> InputFormat {
    match first_element_name(content) {
        Some(root) => {
            let lower = root.to_ascii_lowercase();
            match lower.as_slice() {
                b"rss" | b"feed" | b"rdf:rdf" | b"rdf" => InputFormat::Feed,
                b"html" | b"head" | b"body" | b"!doctype" => InputFormat::Html,
                _ if from_name == Some(InputFormat::Feed) => InputFormat::Feed,
                _ => InputFormat::Html,
            }
        }
        None if from_name == Some(InputFormat::Feed) => InputFormat::Feed,
        None => InputFormat::Html,
    }
}

/// The name of the first element of markup, skipping the XML declaration,
/// processing instructions and comments; `!doctype` for a doctype (which
/// names `html` for pages; feeds have none).
fn first_element_name(content: &[u8]) -> Option<&[u8]> {
    let mut rest = content;
    loop {
        rest = skip_byte_order_mark_and_space(rest);
        if rest.starts_with(b"<?") {
            let end = find(rest, b"?>")?;
            rest = rest.get(end + 2..)?;
            continue;
        }
        if rest.starts_with(b"<!--") {
            let end = find(rest, b"-->")?;
            rest = rest.get(end + 3..)?;
            continue;
        }
        if !rest.starts_with(b"<") {
            return None;
        }
        let name_bytes = rest.get(1..)?;
        let name_length = name_bytes
            .iter()
            .position(|byte| byte.is_ascii_whitespace() || matches!(byte, b'>' | b'/'))
            .unwrap_or(name_bytes.len());
        let name = name_bytes.get(..name_length)?;
        if name.eq_ignore_ascii_case(b"!doctype") {
            // `<!DOCTYPE html>` is a page; `<!DOCTYPE rss …>` a feed.
            let after = skip_byte_order_mark_and_space(name_bytes.get(name_length..)?);
            let doctype_root_length = after
                .iter()
                .position(|byte| byte.is_ascii_whitespace() || *byte == b'>')
                .unwrap_or(after.len());
            let doctype_root = after.get(..doctype_root_length)?;
            if doctype_root.eq_ignore_ascii_case(b"html") {
                return Some(name);
            }
            let end = rest.iter().position(|byte| *byte == b'>')?;
            rest = rest.get(end + 1..)?;
            continue;
        }
        return Some(name);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// A leading `{`: JSON Lines when the first line is a whole object by
/// itself, a JSON document (one pretty-printed object or several) when the
/// object goes on past the line, plain text ("{Updated} …") when what
/// follows the brace cannot open an object.
fn detect_object_start(content: &[u8], from_name: Option<InputFormat>) -> InputFormat {
    if from_name == Some(InputFormat::JsonLines) {
        return InputFormat::JsonLines;
    }
    let after_brace = skip_byte_order_mark_and_space(content.get(1..).unwrap_or_default());
    let opens_object = matches!(after_brace.first(), Some(b'"' | b'}') | None);
    if !opens_object && from_name != Some(InputFormat::Json) {
        return InputFormat::PlainText;
    }
    let first_line_end = content.iter().position(|byte| *byte == b'\n');
    match first_line_end {
        Some(end) => {
            let line = content.get(..end).unwrap_or_default();
            if serde_json::from_slice::<serde::de::IgnoredAny>(line).is_ok() {
                InputFormat::JsonLines
            } else {
                InputFormat::Json
            }
        }
        // One line longer than the head (or the whole input): a line of
        // JSON Lines unless the name says a JSON document (whose reader
        // takes a sequence of objects too).
        None if from_name == Some(InputFormat::Json) => InputFormat::Json,
        None => InputFormat::JsonLines,
    }
}

/// A leading `[`: a JSON array when an object, an array, a string or the
/// closing bracket follows; plain text ("[Updated] …") otherwise.
fn detect_array_start(content: &[u8], from_name: Option<InputFormat>) -> InputFormat {
    let after_bracket = skip_byte_order_mark_and_space(content.get(1..).unwrap_or_default());
    match after_bracket.first() {
        Some(b'{' | b'[' | b']' | b'"') => InputFormat::Json,
        None if from_name == Some(InputFormat::Json) => InputFormat::Json,
        _ if from_name == Some(InputFormat::Json) => InputFormat::Json,
        _ => InputFormat::PlainText,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn detection_table() {
        let warc_gzip = gzip(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n");
        let text_gzip = gzip(b"The council met on Monday.");
        let cases: Vec<(&str, &[u8], InputFormat)> = vec![
            (
                "a.txt",
                b"The council met on Monday.\n",
                InputFormat::PlainText,
            ),
            ("a", b"The council met on Monday.\n", InputFormat::PlainText),
            ("a.html", b"<!doctype html><html>", InputFormat::Html),
            (
                "a.htm",
                b"  <!DOCTYPE HTML PUBLIC \"x\">",
                InputFormat::Html,
            ),
            ("a", b"<html lang=\"en\"><head>", InputFormat::Html),
            ("a.txt", b"<html><body>x", InputFormat::Html),
            ("a", b"\xef\xbb\xbf<!DOCTYPE html>", InputFormat::Html),
            (
                "a",
                b"<?xml version=\"1.0\"?>\n<html xmlns=\"x\">",
                InputFormat::Html,
            ),
            ("a", b"<!-- saved page -->\n<html>", InputFormat::Html),
            ("a.html", b"<div class=x>text</div>", InputFormat::Html),
            ("a.html", b"window.x = 1; <html>", InputFormat::Html),
            ("a.html", b"", InputFormat::Html),
            (
                "a",
                b"<?xml version=\"1.0\"?><rss version=\"2.0\">",
                InputFormat::Feed,
            ),
            ("a", b"<rss version=\"2.0\"><channel>", InputFormat::Feed),
            (
                "a.xml",
                b"<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">",
                InputFormat::Feed,
            ),
            (
                "a",
                b"<?xml version=\"1.0\"?><!-- c --><rdf:RDF>",
                InputFormat::Feed,
            ),
            ("a", b"<!DOCTYPE rss PUBLIC \"x\"><rss>", InputFormat::Feed),
            (
                "a.rss",
                b"<?xml version=\"1.0\"?><channel>",
                InputFormat::Feed,
            ),
            ("a.atom", b"<?xml version=\"1.0\"", InputFormat::Feed),
            ("a", b"<div>", InputFormat::Html),
            (
                "a.jsonl",
                b"{\"text\": \"x\"}\n{\"text\": \"y\"}\n",
                InputFormat::JsonLines,
            ),
            ("a.txt", b"{\"text\": \"x\"}\n", InputFormat::JsonLines),
            ("a", b"{\"text\": \"x\"}", InputFormat::JsonLines),
            ("a.json", b"{\"text\": \"x\"}", InputFormat::Json),
            (
                "a.json",
                b"{\"text\": \"x\"}\n{\"text\": \"y\"}\n",
                InputFormat::JsonLines,
            ),
            ("a", b"{\n  \"text\": \"x\"\n}\n", InputFormat::Json),
            ("a.ndjson", b"{\n", InputFormat::JsonLines),
            ("a", b"[{\"text\": \"x\"}]", InputFormat::Json),
            ("a", b"[\n  {\n", InputFormat::Json),
            ("a", b"[]", InputFormat::Json),
            ("a", b"[Updated] The council met.", InputFormat::PlainText),
            (
                "a.txt",
                b"{Updated} The council met.\n",
                InputFormat::PlainText,
            ),
            ("a", b"{ \"text\": \"x\",\n", InputFormat::Json),
            ("a.json", b"[1, 2]", InputFormat::Json),
            (
                "a",
                b"WARC/1.0\r\nWARC-Type: warcinfo\r\n",
                InputFormat::Warc,
            ),
            ("a.warc", b"WARC/1.1\r\n", InputFormat::Warc),
            ("a.warc.gz", &[0x1f, 0x8b, 0x08, 0x00], InputFormat::Warc),
            ("a.gz", &warc_gzip, InputFormat::Warc),
            ("a.txt.gz", &text_gzip, InputFormat::Gzip),
            ("a", &[0x1f, 0x8b], InputFormat::Gzip),
            ("a.bin", b"PK\x03\x04\x00", InputFormat::PlainText),
            ("a", b"", InputFormat::PlainText),
        ];
        for (name, head, expected) in cases {
            assert_eq!(
                detect(name, head),
                expected,
                "{name} {:?}",
                String::from_utf8_lossy(head)
            );
        }
    }

    #[test]
    fn every_format_name_round_trips() {
        for format in InputFormat::ALL {
            assert_eq!(InputFormat::from_name(format.name()), Some(format));
        }
        assert_eq!(InputFormat::from_name("RSS"), Some(InputFormat::Feed));
        assert_eq!(
            InputFormat::from_name("ndjson"),
            Some(InputFormat::JsonLines)
        );
        assert_eq!(InputFormat::from_name("pdf"), None);
    }

    proptest::proptest! {
        #[test]
        fn detection_never_panics(name in ".{0,12}", head in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let _ = detect(&name, &head);
        }
    }
}
