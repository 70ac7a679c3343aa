//! Arbitrary bytes → `ingest::read_input` as JSON Lines and JSON documents: never a panic; every
//! error names the source; articles are numbered in order and their blocks
//! lie inside their text, in order, on character boundaries.

#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::ingest::{read_input, InputFormat, ReadOptions};

fn check(bytes: &[u8], format: Option<InputFormat>) {
    let options = ReadOptions {
        format,
        ..ReadOptions::default()
    };
    let mut next_index = 0;
    read_input("fuzz.in", bytes, &options, 0, &mut |result| match result {
        Ok(article) => {
            assert_eq!(article.index, next_index);
            next_index += 1;
            let mut previous_end = 0;
            for block in &article.blocks {
                let (start, end) = (block.span.start as usize, block.span.end as usize);
                assert!(previous_end <= start && start <= end && end <= article.text.len());
                assert!(article.text.is_char_boundary(start) && article.text.is_char_boundary(end));
                previous_end = end;
            }
        }
        Err(error) => assert_eq!(error.source_name(), "fuzz.in"),
    });
}

fuzz_target!(|bytes: &[u8]| {
    check(bytes, Some(InputFormat::JsonLines));
    check(bytes, Some(InputFormat::Json));
    check(bytes, None);
});
