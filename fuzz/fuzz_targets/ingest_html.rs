//! Arbitrary bytes → `ingest::read_html` (and the same bytes, lossily
//! decoded, → `ingest::extract_html` with a base URL): never a panic, and
//! the article keeps its promises (blocks in order, apart, inside the text,
//! on character boundaries; the text is the blocks joined by blank lines;
//! the id is the content id of the body).

#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::ingest::{content_id, extract_html, read_html};
use parallax::model::{Article, BlockKind, BoilerplateReason};

fn check(article: &Article) {
    let text = &article.text;
    let mut rebuilt = String::new();
    let mut previous_end = 0;
    for block in &article.blocks {
        let (start, end) = (block.span.start as usize, block.span.end as usize);
        assert!(start >= previous_end && start < end && end <= text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        let slice = &text[start..end];
        let is_padding = block.kind == BlockKind::Boilerplate(BoilerplateReason::Padding);
        assert_eq!(slice.trim().is_empty(), is_padding);
        if !rebuilt.is_empty() {
            rebuilt.push_str("\n\n");
        }
        rebuilt.push_str(slice);
        previous_end = end;
    }
    assert_eq!(&rebuilt, text);
    let body: Vec<&str> = article
        .body_blocks()
        .map(|block| article.slice(&block.span))
        .collect();
    assert_eq!(article.id, content_id(&body));
}

fuzz_target!(|bytes: &[u8]| {
    if let Ok(article) = read_html("fuzz.html", bytes, 0) {
        check(&article);
    }
    let html = String::from_utf8_lossy(bytes);
    let article = extract_html("fuzz.html", &html, 1, Some("https://example.org/a/b.html"));
    check(&article);
});
