//! Tests of the HTML reader on small pages written for the purpose.

use super::*;
use crate::model::BoilerplateReason;

fn kinds(article: &Article) -> Vec<(BlockKind, &str)> {
    article
        .blocks
        .iter()
        .map(|block| (block.kind, article.slice(&block.span)))
        .collect()
}

fn body(article: &Article) -> Vec<&str> {
    article
        .body_blocks()
        .map(|block| article.slice(&block.span))
        .collect()
}

#[test]
fn a_plain_page_gives_its_paragraphs_as_body() {
    let page = "<html><body><p>The council voted on Monday to close the old bridge to cars, after engineers found cracks in two of its piers.</p><p>Repairs could take a year, the council said.</p></body></html>";
    let article = extract_html("p.html", page, 3, None);
    assert_eq!(
        body(&article),
        [
            "The council voted on Monday to close the old bridge to cars, after engineers found cracks in two of its piers.",
            "Repairs could take a year, the council said."
        ]
    );
    assert!(article.blocks.iter().all(|block| block.span.article == 3));
}

#[test]
fn navigation_is_kept_as_boilerplate_with_its_reason() {
    let page = "<html><body><nav><ul><li><a href=/>Home</a></li><li><a href=/world>World</a></li></ul></nav>\
        <article><p>The council voted on Monday to close the old bridge to cars, after engineers found cracks in two of its piers.</p>\
        <p>Repairs could take a year, the council said on its website, and a ferry will run in the meantime.</p></article></body></html>";
    let article = extract_html("n.html", page, 0, None);
    let kinds = kinds(&article);
    assert_eq!(
        kinds[0],
        (
            BlockKind::Boilerplate(BoilerplateReason::Navigation),
            "Home"
        )
    );
    assert_eq!(
        kinds[1],
        (
            BlockKind::Boilerplate(BoilerplateReason::Navigation),
            "World"
        )
    );
    assert_eq!(kinds[2].0, BlockKind::Body);
    assert_eq!(kinds[3].0, BlockKind::Body);
}
