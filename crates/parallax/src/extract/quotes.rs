//! Quotations and attributions: who said what, with which verb.

use crate::model::{Article, Attribution, Doc, Mention, Quote};

/// Finds the direct quotations with their speakers.
pub fn find_quotes(_article: &Article, _doc: &Doc, _mentions: &[Mention]) -> Vec<Quote> {
    Vec::new()
}

/// Finds who each sentence's content is credited to.
pub fn find_attributions(
    _article: &Article,
    _doc: &Doc,
    _mentions: &[Mention],
) -> Vec<Attribution> {
    Vec::new()
}
