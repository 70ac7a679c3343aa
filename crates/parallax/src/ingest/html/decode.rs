//! Bytes of a web page → text: UTF-8 when the bytes are UTF-8, else the
//! charset the page declares (byte-order mark, `<meta charset>`, or
//! `<meta http-equiv="Content-Type" content="…; charset=…">`), else
//! windows-1252 as browsers do. Binary data and empty input are errors.

use crate::ingest::IngestError;
use encoding_rs::Encoding;
use std::borrow::Cow;

/// How far into the page to look for a charset declaration and binary bytes.
const PRESCAN_BYTES: usize = 8192;

/// Decodes a page's bytes to text.
pub(crate) fn decode_html<'bytes>(
    source: &str,
    bytes: &'bytes [u8],
) -> Result<Cow<'bytes, str>, IngestError> {
    let decoded = if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let (text, _) =
            encoding.decode_without_bom_handling(bytes.get(bom_length..).unwrap_or(&[]));
        text
    } else {
        if let Some(offset) = find_binary(bytes) {
            return Err(IngestError::Binary {
                source_name: source.to_string(),
                offset,
            });
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => {
                let encoding = declared_charset(bytes)
                    .map(|encoding| encoding.output_encoding())
                    .unwrap_or(encoding_rs::WINDOWS_1252);
                let (text, _) = encoding.decode_without_bom_handling(bytes);
                text
            }
        }
    };
    if !decoded
        .chars()
        .any(|character| !character.is_whitespace() && character != '\u{feff}')
    {
        return Err(IngestError::Empty {
            source_name: source.to_string(),
        });
    }
    Ok(decoded)
}

/// The first NUL byte in the prescan window, or the start of the window when
/// more than one byte in ten there is a control character no text holds.
fn find_binary(bytes: &[u8]) -> Option<usize> {
    let window = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    if let Some(offset) = window.iter().position(|&byte| byte == 0) {
        return Some(offset);
    }
    let is_control = |byte: &u8| matches!(byte, 0x01..=0x08 | 0x0e..=0x1a | 0x1c..=0x1f | 0x7f);
    let controls = window.iter().filter(|byte| is_control(byte)).count();
    if !window.is_empty() && controls * 10 > window.len() {
        return window.iter().position(is_control);
    }
    None
}

/// The encoding named by a `charset=` inside a `<meta …>` tag in the
/// prescan window.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let window = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut position = 0;
    while let Some(found) = find_ascii_case_insensitive(window.get(position..)?, b"<meta") {
        let tag_start = position + found;
        let tag_end = window
            .get(tag_start..)?
            .iter()
            .position(|&byte| byte == b'>')
            .map_or(window.len(), |end| tag_start + end);
        let tag = window.get(tag_start..tag_end)?;
        if let Some(label) = charset_label(tag) {
            if let Some(encoding) = Encoding::for_label(label) {
                // A page cannot declare UTF-16 in its own bytes: browsers
                // read that as UTF-8.
                if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                    return Some(encoding_rs::UTF_8);
                }
                return Some(encoding);
            }
        }
        position = tag_end.max(tag_start + 1);
    }
    None
}

/// The label after `charset=` in a tag's bytes, without quotes.
fn charset_label(tag: &[u8]) -> Option<&[u8]> {
    let at = find_ascii_case_insensitive(tag, b"charset")?;
    let mut rest = tag.get(at + b"charset".len()..)?;
    while let Some((first, tail)) = rest.split_first() {
        if first.is_ascii_whitespace() {
            rest = tail;
        } else {
            break;
        }
    }
    rest = rest.strip_prefix(b"=")?;
    while let Some((first, tail)) = rest.split_first() {
        if first.is_ascii_whitespace() || *first == b'"' || *first == b'\'' {
            rest = tail;
        } else {
            break;
        }
    }
    let length = rest
        .iter()
        .position(|byte| {
            !(byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b':'))
        })
        .unwrap_or(rest.len());
    let label = rest.get(..length)?;
    (!label.is_empty()).then_some(label)
}

fn find_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_charsets_are_decoded_as_declared() {
        // "Привет" in windows-1251.
        let cyrillic: &[u8] = b"<html><head><meta charset=\"windows-1251\"></head><body><p>\xcf\xf0\xe8\xe2\xe5\xf2</p></body></html>";
        let text = decode_html("ru.html", cyrillic).unwrap();
        assert!(text.contains("Привет"), "{text}");

        let latin: &[u8] = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>caf\xe9</p>";
        assert!(decode_html("fr.html", latin).unwrap().contains("café"));

        // Undeclared and not UTF-8: windows-1252, as browsers read it.
        assert!(decode_html("x.html", b"<p>na\xefve</p>")
            .unwrap()
            .contains("naïve"));
    }

    #[test]
    fn utf8_wins_over_a_wrong_declaration_and_boms_are_read() {
        let page = "<meta charset=iso-8859-1><p>café</p>";
        assert!(decode_html("a", page.as_bytes()).unwrap().contains("café"));
        let mut utf16 = vec![0xff, 0xfe];
        for unit in "<p>hé</p>".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode_html("b", &utf16).unwrap(), "<p>hé</p>");
    }

    #[test]
    fn binary_and_empty_input_are_errors_naming_the_source() {
        let binary = decode_html("img.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap_err();
        assert!(
            matches!(binary, IngestError::Binary { offset: 8, .. }),
            "{binary:?}"
        );
        assert!(binary.to_string().starts_with("img.png: "));
        let empty = decode_html("e.html", b"  \n ").unwrap_err();
        assert_eq!(
            empty,
            IngestError::Empty {
                source_name: "e.html".into()
            }
        );
    }

    #[test]
    fn charset_labels_are_read_from_meta_tags_only() {
        assert_eq!(
            declared_charset(b"<META CHARSET = 'KOI8-R'>"),
            Some(encoding_rs::KOI8_R)
        );
        assert_eq!(declared_charset(b"<p>charset=koi8-r</p>"), None);
        assert_eq!(
            declared_charset(b"<meta charset=\"utf-16\">"),
            Some(encoding_rs::UTF_8)
        );
        assert_eq!(declared_charset(b"<meta charset="), None);
    }
}
