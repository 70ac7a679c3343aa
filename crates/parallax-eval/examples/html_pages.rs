//! Development aid for the HTML reader: per-page figures on the
//! development half of the article-extraction-benchmark, or the blocks of
//! one page with their classes.
//!
//! `cargo run -p parallax-eval --example html_pages -- DATA_DIR [HASH_PREFIX]`

use parallax::ingest::read_html;
use parallax::model::BlockKind;
use parallax_eval::html_extraction::{is_development, load_benchmark, shingle_matching, text_of};

fn main() -> anyhow::Result<()> {
    let mut arguments = std::env::args().skip(1);
    let data_dir = arguments.next().unwrap_or_else(|| "../shared/data".into());
    let prefix = arguments.next();
    let needle = arguments.next();
    let pages = load_benchmark(std::path::Path::new(&data_dir))?;
    let mut rows = Vec::new();
    for page in &pages {
        if !is_development(&page.hash) {
            continue;
        }
        if let Some(prefix) = &prefix {
            if !page.hash.starts_with(prefix.as_str()) {
                continue;
            }
        }
        let article = read_html(&page.hash, &page.html, 0)?;
        let body = text_of(&article, |kind| kind == BlockKind::Body);
        let counts = shingle_matching(&page.gold, &body);
        let precision =
            counts.true_positives / (counts.true_positives + counts.false_positives).max(1e-9);
        let recall =
            counts.true_positives / (counts.true_positives + counts.false_negatives).max(1e-9);
        if prefix.is_some() {
            println!(
                "== {} {:?} P {precision:.3} R {recall:.3}",
                page.hash, page.url
            );
            println!(
                "title {:?} byline {:?} date {:?} url {:?} lang {:?}",
                article.title, article.byline, article.published, article.url, article.language
            );
            for block in &article.blocks {
                let text = article.slice(&block.span);
                let in_gold = page.gold.contains(text.lines().next().unwrap_or(""));
                let shown: String = text.chars().take(110).collect();
                println!(
                    "{} {:<22} {:?}",
                    if in_gold { "G" } else { " " },
                    block.kind.reason().unwrap_or("BODY"),
                    shown
                );
            }
            println!("-- gold:\n{}", page.gold);
            let html = String::from_utf8_lossy(&page.html);
            for line in parallax::ingest::html::explain_html(&html, needle.as_deref()) {
                println!("{line}");
            }
        } else {
            rows.push((precision, recall, page.hash.clone()));
        }
    }
    rows.sort_by(|a, b| (a.0 + a.1).total_cmp(&(b.0 + b.1)));
    for (precision, recall, hash) in rows {
        println!("{hash:.12} P {precision:.3} R {recall:.3}");
    }
    Ok(())
}
