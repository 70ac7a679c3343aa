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

/// Runs the whole flow on a batch: per-article stages in parallel, then
/// fuse and brief. `failures` are inputs the front end could not read,
/// carried into the document so every format can report them.
pub fn brief_document(
    articles: Vec<Article>,
    failures: Vec<crate::model::InputFailure>,
) -> crate::model::BriefDocument {
    let mut analysed = analyse_all(articles);
    let fusion = crate::fuse::fuse(&mut analysed);
    let stories = crate::brief::build(&analysed, &fusion);
    crate::model::BriefDocument {
        schema: crate::model::BRIEF_SCHEMA.to_string(),
        generator: format!("parallax {}", env!("CARGO_PKG_VERSION")),
        stories,
        errors: failures,
    }
}
