//! Stage `extract`: an [`Article`] and its [`Doc`] → an [`Extraction`].
//!
//! Takes one analysed article; gives its name mentions, quantities, dates,
//! quotations, attributions and the claims assembled from them. Promises:
//! every record's span lies in a body sentence of the article (never in
//! boilerplate or a heading); no input makes it panic.

pub mod claims;
pub mod dates;
pub mod mentions;
pub mod quantities;
pub mod quotes;

use crate::model::{Article, ArticleDate, Doc, Extraction};

/// Runs the extractors in their fixed order: mentions, dates, quantities,
/// quotations and attributions (which resolve speakers against mentions),
/// then claims (which assemble the others).
pub fn extract(article: &Article, doc: &Doc) -> Extraction {
    let mentions = mentions::find_mentions(article, doc);
    let article_date = dates::article_date(article, doc);
    let dates = dates::find_dates(article, doc, article_date.as_ref());
    let quantities = quantities::find_quantities(article, doc);
    let quotes = quotes::find_quotes(article, doc, &mentions);
    let attributions = quotes::find_attributions(article, doc, &mentions);
    let mut extraction = Extraction {
        mentions,
        quantities,
        dates,
        quotes,
        attributions,
        claims: Vec::new(),
        article_date,
    };
    extraction.claims = claims::assemble(article, doc, &extraction);
    extraction
}

/// Resolves the article's dates again against `anchor` (a date given by the
/// fuse stage's story anchoring) and assembles its claims again, since date
/// claims carry resolved dates. Mentions, quantities and quotations do not
/// depend on the article's date and are kept.
pub fn reanchor(article: &Article, doc: &Doc, extraction: &mut Extraction, anchor: ArticleDate) {
    extraction.article_date = Some(anchor);
    extraction.dates = dates::find_dates(article, doc, Some(&anchor));
    extraction.claims = claims::assemble(article, doc, extraction);
}
