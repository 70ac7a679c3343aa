//! Development aid: the blocks of one HTML file with their classes.
//!
//! `cargo run -p parallax-eval --example html_file -- PAGE.html [NEEDLE]`

fn main() -> anyhow::Result<()> {
    let mut arguments = std::env::args().skip(1);
    let path = arguments.next().unwrap_or_default();
    let needle = arguments.next();
    let bytes = std::fs::read(&path)?;
    let article = parallax::ingest::read_html(&path, &bytes, 0)?;
    println!(
        "title {:?} byline {:?} date {:?} url {:?} lang {:?}",
        article.title, article.byline, article.published, article.url, article.language
    );
    for block in &article.blocks {
        let shown: String = article.slice(&block.span).chars().take(110).collect();
        println!("{:<22} {:?}", block.kind.reason().unwrap_or("BODY"), shown);
    }
    let html = String::from_utf8_lossy(&bytes);
    for line in parallax::ingest::html::explain_html(&html, needle.as_deref()) {
        if !line.starts_with("block") {
            println!("{line}");
        }
    }
    Ok(())
}
