//! Arbitrary bytes → `ingest::read_plain_text` → `text::analyse`: never a
//! panic, and the `Doc` keeps its promises (spans on character boundaries,
//! in order, inside their blocks, every token in a sentence).

#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::ingest::read_plain_text;
use parallax::text::analyse;

fuzz_target!(|bytes: &[u8]| {
    let Ok(article) = read_plain_text("fuzz.txt", bytes, 0) else {
        return;
    };
    let doc = analyse(&article);
    let text = &article.text;
    let mut previous_end = 0;
    for token in &doc.tokens {
        let (start, end) = (token.start as usize, token.end as usize);
        assert!(start < end && start >= previous_end && end <= text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        previous_end = end;
    }
    let mut previous_sentence_end = 0;
    let mut next_token = 0;
    for sentence in &doc.sentences {
        assert!(sentence.span.start as usize >= previous_sentence_end);
        assert!(sentence.span.start < sentence.span.end);
        assert_eq!(sentence.tokens.start, next_token);
        next_token = sentence.tokens.end;
        let block = &article.blocks[sentence.block as usize];
        assert!(block.span.contains(&sentence.span));
        for token in doc.sentence_tokens(sentence) {
            assert!(sentence.span.start <= token.start && token.end <= sentence.span.end);
        }
        previous_sentence_end = sentence.span.end as usize;
    }
    assert_eq!(next_token as usize, doc.tokens.len());
});
