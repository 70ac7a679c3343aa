//! The whole flow in one call: articles in, briefs out.

use crate::model::{AnalysedArticle, Article};
use rayon::prelude::*;

/// Runs the per-article stages (`text`, `extract`) on one article.
pub fn analyse_article(article: Article) -> AnalysedArticle {
    let doc = crate::text::analyse(&article);
    let extraction = crate::extract::extract(&article, &doc);
    AnalysedArticle {
        article,
        doc,
        extraction,
    }
}

/// Runs the per-article stages on every article, in parallel across
/// articles. The result keeps the input order.
pub fn analyse_all(articles: Vec<Article>) -> Vec<AnalysedArticle> {
    articles.into_par_iter().map(analyse_article).collect()
}
