//! Content ids: a hash of the normalised body text.

use unicode_normalization::UnicodeNormalization;
use xxhash_rust::xxh3::xxh3_128;

/// The id of an article with this body text: hex of a 128-bit hash of the
/// text in NFC with every run of white space folded to one space and the ends
/// trimmed, so that re-wrapping or re-indenting the same text keeps its id.
pub fn content_id(body_parts: &[&str]) -> String {
    let mut normalised = String::new();
    for part in body_parts {
        for word in part.split_whitespace() {
            if !normalised.is_empty() {
                normalised.push(' ');
            }
            normalised.extend(word.nfc());
        }
    }
    format!("{:032x}", xxh3_128(normalised.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::content_id;

    #[test]
    fn white_space_and_composition_do_not_change_the_id() {
        let wrapped = content_id(&["The council met\n on  Tuesday.", "It voted."]);
        let flat = content_id(&["The council met on Tuesday. It voted."]);
        assert_eq!(wrapped, flat);
        let composed = content_id(&["Caf\u{e9}"]);
        let decomposed = content_id(&["Cafe\u{301}"]);
        assert_eq!(composed, decomposed);
        assert_ne!(content_id(&["The council met."]), flat);
        assert_eq!(flat.len(), 32);
    }
}
