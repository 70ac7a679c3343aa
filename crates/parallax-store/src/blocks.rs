//! Blocks as compact JSON: `[[start,end,"body"],[start,end,"navigation"],…]`.
//!
//! The kind is `body`, `heading`, `caption`, or the boilerplate reason's
//! name (`BoilerplateReason::as_str`). Spans are stored without their
//! article index, which is a position in a batch: reading back puts the
//! index the caller gives.

use parallax::model::{ArticleIndex, Block, BlockKind, BoilerplateReason, Span};

pub fn encode(blocks: &[Block]) -> String {
    let mut json = String::with_capacity(2 + blocks.len() * 20);
    json.push('[');
    for (position, block) in blocks.iter().enumerate() {
        if position > 0 {
            json.push(',');
        }
        let kind = match block.kind {
            BlockKind::Body => "body",
            BlockKind::Heading => "heading",
            BlockKind::Caption => "caption",
            BlockKind::Boilerplate(reason) => reason.as_str(),
        };
        json.push_str(&format!(
            "[{},{},\"{kind}\"]",
            block.span.start, block.span.end
        ));
    }
    json.push(']');
    json
}

/// Reads blocks back; `None` when the JSON is not a list of
/// `[start, end, kind]` with a known kind and `start <= end <= text_len`.
pub fn decode(json: &str, article: ArticleIndex, text_len: usize) -> Option<Vec<Block>> {
    let entries: Vec<(u32, u32, String)> = serde_json::from_str(json).ok()?;
    let mut blocks = Vec::with_capacity(entries.len());
    for (start, end, kind_name) in entries {
        if start > end || end as usize > text_len {
            return None;
        }
        let kind = match kind_name.as_str() {
            "body" => BlockKind::Body,
            "heading" => BlockKind::Heading,
            "caption" => BlockKind::Caption,
            reason => BlockKind::Boilerplate(
                serde_json::from_value::<BoilerplateReason>(serde_json::Value::String(
                    reason.to_string(),
                ))
                .ok()?,
            ),
        };
        blocks.push(Block {
            span: Span {
                article,
                start,
                end,
            },
            kind,
        });
    }
    Some(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips() {
        let reasons = [
            BoilerplateReason::Navigation,
            BoilerplateReason::UnrelatedHeadline,
            BoilerplateReason::SeeAlso,
            BoilerplateReason::PhotoCredit,
            BoilerplateReason::AttributionTag,
            BoilerplateReason::Padding,
            BoilerplateReason::Byline,
            BoilerplateReason::Promotion,
            BoilerplateReason::Legal,
            BoilerplateReason::LowContent,
        ];
        let mut kinds = vec![BlockKind::Body, BlockKind::Heading, BlockKind::Caption];
        kinds.extend(reasons.into_iter().map(BlockKind::Boilerplate));
        let blocks: Vec<Block> = kinds
            .iter()
            .enumerate()
            .map(|(position, kind)| Block {
                span: Span::new(3, position * 10, position * 10 + 5),
                kind: *kind,
            })
            .collect();
        let json = encode(&blocks);
        assert!(json.starts_with("[[0,5,\"body\"],[10,15,\"heading\"]"));
        assert_eq!(decode(&json, 3, 1000), Some(blocks.clone()));
        let reindexed = decode(&json, 7, 1000).unwrap();
        assert!(reindexed.iter().all(|block| block.span.article == 7));
    }

    proptest::proptest! {
        #[test]
        fn decoding_any_text_never_panics_and_keeps_blocks_inside(json in ".{0,80}", length in 0usize..64) {
            if let Some(blocks) = decode(&json, 0, length) {
                for block in blocks {
                    proptest::prop_assert!(block.span.start <= block.span.end);
                    proptest::prop_assert!(block.span.end as usize <= length);
                }
            }
        }

        #[test]
        fn encoded_blocks_decode_to_themselves(spans in proptest::collection::vec((0u32..500, 0u32..500), 0..12)) {
            let blocks: Vec<Block> = spans
                .iter()
                .map(|(a, b)| Block {
                    span: Span { article: 0, start: *a.min(b), end: *a.max(b) },
                    kind: BlockKind::Body,
                })
                .collect();
            proptest::prop_assert_eq!(decode(&encode(&blocks), 0, 500), Some(blocks));
        }
    }

    #[test]
    fn bad_blocks_are_refused() {
        assert_eq!(decode("[[5,2,\"body\"]]", 0, 10), None);
        assert_eq!(decode("[[0,20,\"body\"]]", 0, 10), None);
        assert_eq!(decode("[[0,2,\"sidebar\"]]", 0, 10), None);
        assert_eq!(decode("not json", 0, 10), None);
        assert_eq!(decode("[]", 0, 10), Some(Vec::new()));
    }
}
