//! Quantities: numbers with their qualifiers, what they count and the
//! predicate.

use crate::model::{Article, Doc, Quantity};

/// Finds the quantities of the body sentences.
pub fn find_quantities(_article: &Article, _doc: &Doc) -> Vec<Quantity> {
    Vec::new()
}
