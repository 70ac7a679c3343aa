//! Language of an article, detected with `whatlang` on a sample of its
//! body text.

use crate::model::{Article, BlockKind};

/// How much body text (bytes) the detector reads: enough for a confident
/// guess, little enough to keep detection a small part of the stage's cost.
const SAMPLE_BYTES: usize = 2048;

/// ISO 639-3 code of the article's language when `whatlang` is confident;
/// otherwise the language the reader stated, if any.
pub(crate) fn detect(article: &Article) -> Option<String> {
    let mut sample = String::with_capacity(SAMPLE_BYTES + 64);
    let blocks = article
        .blocks
        .iter()
        .filter(|block| matches!(block.kind, BlockKind::Body | BlockKind::Heading));
    for block in blocks {
        let remaining = SAMPLE_BYTES.saturating_sub(sample.len());
        if remaining == 0 {
            break;
        }
        let block_text = article.slice(&block.span);
        let mut cut = block_text.len().min(remaining);
        while !block_text.is_char_boundary(cut) {
            cut -= 1;
        }
        sample.push_str(block_text.get(..cut).unwrap_or(""));
        sample.push('\n');
    }
    match whatlang::detect(&sample) {
        Some(info) if info.is_reliable() => Some(info.lang().code().to_string()),
        _ => article.language.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::read_plain_text;

    #[test]
    fn confident_languages_get_their_iso_639_3_code() {
        let english = read_plain_text(
            "en.txt",
            "The council met on Tuesday to discuss the new budget. Members said the plan would cut spending on roads and raise money for schools over the next three years."
                .as_bytes(),
            0,
        )
        .unwrap();
        assert_eq!(detect(&english).as_deref(), Some("eng"));
        let german = read_plain_text(
            "de.txt",
            "Der Stadtrat hat am Dienstag über den neuen Haushalt beraten. Die Mitglieder sagten, der Plan werde die Ausgaben für Straßen kürzen und mehr Geld für Schulen bereitstellen."
                .as_bytes(),
            0,
        )
        .unwrap();
        assert_eq!(detect(&german).as_deref(), Some("deu"));
    }

    #[test]
    fn too_little_text_is_not_guessed() {
        let short = read_plain_text("s.txt", b"OK 42", 0).unwrap();
        assert_eq!(detect(&short), None);
    }
}
