//! Claims: checkable statements assembled from quantities, dates, mentions
//! and attributions.

use crate::model::{Article, Claim, Doc, Extraction};

/// Assembles the claims of one article from its other extractions.
pub fn assemble(_article: &Article, _doc: &Doc, _extraction: &Extraction) -> Vec<Claim> {
    Vec::new()
}
