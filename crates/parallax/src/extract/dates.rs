//! Dates: absolute and relative expressions, resolved against the article's
//! date.

use crate::model::{Article, ArticleDate, DateRef, Doc};

/// The article's own date: from the input's metadata, else inferred from
/// the text.
pub fn article_date(article: &Article, _doc: &Doc) -> Option<ArticleDate> {
    article.published.map(|date| ArticleDate {
        date,
        precision: crate::model::DatePrecision::Day,
        source: crate::model::ArticleDateSource::Metadata,
    })
}

/// Finds the date expressions of the body sentences.
pub fn find_dates(_article: &Article, _doc: &Doc, _anchor: Option<&ArticleDate>) -> Vec<DateRef> {
    Vec::new()
}
