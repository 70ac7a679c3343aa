//! Tests of the HTML reader on small pages written for the purpose.

use super::*;
use crate::model::BoilerplateReason;
use proptest::prelude::*;

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

/// The kind of the block whose text is exactly `text`.
fn kind_of(article: &Article, text: &str) -> Option<BlockKind> {
    article
        .blocks
        .iter()
        .find(|block| article.slice(&block.span) == text)
        .map(|block| block.kind)
}

fn boilerplate(reason: BoilerplateReason) -> Option<BlockKind> {
    Some(BlockKind::Boilerplate(reason))
}

const STORY: [&str; 4] = [
    "The river council voted on Monday to close the old stone bridge to cars, after engineers found deep cracks in two of its piers.",
    "Repairs could take a year, the council said in a statement, and a ferry will carry foot passengers in the meantime.",
    "Shopkeepers on the east bank said they feared losing customers, and asked for the ferry to run late on market days.",
    "The council will meet again next month to choose a contractor from the four firms that have bid for the work.",
];

/// A news page with the usual furniture around a four-paragraph story.
fn full_page() -> String {
    format!(
        r##"<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Old bridge closes to cars for a year | Valley Courier</title>
<meta property="og:title" content="Old bridge closes to cars for a year">
<meta property="og:site_name" content="Valley Courier">
<meta property="og:url" content="https://courier.example/news/bridge-closes">
<meta name="author" content="Meta Author">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"Old bridge closes to cars for a year","datePublished":"2021-03-04T10:00:00Z","author":[{{"@type":"Person","name":"Dana Rivers"}}]}}</script>
<style>.share {{ color: red }}</style>
</head><body>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<header class="site-header"><div class="logo">Valley Courier</div>
<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/local">Local</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article class="story">
<h1>Old bridge closes to cars for a year</h1>
<div class="byline">By Dana Rivers</div>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<figure><img src="bridge.jpg" alt=""><figcaption>The bridge seen from the east bank.</figcaption><span class="credit">Photo: Sam Lee</span></figure>
<div class="article-body">
<p>{}</p>
<p>{}</p>
<h2>Ferry service</h2>
<p>{}</p>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Council approves new budget for roads</a></li><li><a href="/b">Ferry operator wins award</a></li></ul></aside>
<p>{}</p>
</div>
<div class="author-box"><p>Dana Rivers covers local government for the Courier.</p></div>
</article>
<section id="comments" class="comments"><h3>3 comments</h3>
<div class="comment"><p>I have crossed that bridge every day for thirty years and never thought it was unsafe, which is worrying.</p></div>
<div class="comment"><p>About time the council did something about it, the cracks have been visible from the towpath since last winter.</p></div>
</section></main>
<footer class="site-footer"><p><a href="/about">About us</a></p><p>© 2021 Valley Courier. All rights reserved.</p></footer>
</body></html>"##,
        STORY[0], STORY[1], STORY[2], STORY[3]
    )
}

#[test]
fn the_story_is_the_body_and_every_other_part_has_its_reason() {
    let page = full_page();
    let article = extract_html("page.html", &page, 4, None);
    assert_eq!(body(&article), STORY);

    use BoilerplateReason as Reason;
    let expectations: &[(&str, Option<BlockKind>)] = &[
        (
            "We use cookies to improve your experience. Accept all cookies?",
            boilerplate(Reason::Legal),
        ),
        ("Home", boilerplate(Reason::Navigation)),
        ("Sport", boilerplate(Reason::Navigation)),
        ("Old bridge closes to cars for a year", Some(BlockKind::Heading)),
        ("By Dana Rivers", boilerplate(Reason::Byline)),
        ("Share on Facebook Share on X", boilerplate(Reason::Promotion)),
        ("The bridge seen from the east bank.", Some(BlockKind::Caption)),
        ("Photo: Sam Lee", boilerplate(Reason::PhotoCredit)),
        ("Ferry service", Some(BlockKind::Heading)),
        ("Related stories", boilerplate(Reason::SeeAlso)),
        ("Council approves new budget for roads", boilerplate(Reason::SeeAlso)),
        (
            "Dana Rivers covers local government for the Courier.",
            boilerplate(Reason::Byline),
        ),
        ("3 comments", boilerplate(Reason::LowContent)),
        (
            "About time the council did something about it, the cracks have been visible from the towpath since last winter.",
            boilerplate(Reason::LowContent),
        ),
        ("About us", boilerplate(Reason::Navigation)),
        (
            "© 2021 Valley Courier. All rights reserved.",
            boilerplate(Reason::Legal),
        ),
    ];
    for (text, expected) in expectations {
        assert_eq!(kind_of(&article, text), *expected, "block {text:?}");
    }
    // Nothing from the head, scripts or styles reaches the text.
    assert!(!article.text.contains("schema.org"));
    assert!(!article.text.contains("color: red"));
    assert!(!article.text.contains("Valley Courier</title>"));
}

#[test]
fn metadata_comes_from_json_ld_open_graph_and_the_html_element() {
    let page = full_page();
    let article = extract_html("page.html", &page, 0, None);
    assert_eq!(
        article.title.as_deref(),
        Some("Old bridge closes to cars for a year")
    );
    // JSON-LD author before the meta tag.
    assert_eq!(article.byline.as_deref(), Some("Dana Rivers"));
    assert_eq!(
        article.published,
        chrono::NaiveDate::from_ymd_opt(2021, 3, 4)
    );
    assert_eq!(
        article.url.as_deref(),
        Some("https://courier.example/news/bridge-closes")
    );
    assert_eq!(article.language.as_deref(), Some("eng"));
    assert_eq!(article.source, "page.html");
}

#[test]
fn metadata_falls_back_to_title_meta_tags_and_time() {
    let page = format!(
        r#"<html lang="de"><head><title>Neue Brücke eröffnet am Montag - Stadtbote</title>
<meta name="author" content="By Lena Berg"><link rel="canonical" href="/lokal/bruecke"></head>
<body><article><time datetime="2020-11-02">2. November</time><p>{}</p><p>{}</p></article></body></html>"#,
        STORY[0], STORY[1]
    );
    let article = extract_html("de.html", &page, 0, Some("https://stadtbote.example/x/y"));
    assert_eq!(
        article.title.as_deref(),
        Some("Neue Brücke eröffnet am Montag")
    );
    assert_eq!(article.byline.as_deref(), Some("Lena Berg"));
    assert_eq!(
        article.published,
        chrono::NaiveDate::from_ymd_opt(2020, 11, 2)
    );
    assert_eq!(
        article.url.as_deref(),
        Some("https://stadtbote.example/lokal/bruecke")
    );
    assert_eq!(article.language.as_deref(), Some("deu"));
}

#[test]
fn the_id_is_the_content_id_of_the_body() {
    let page = full_page();
    let article = extract_html("page.html", &page, 0, None);
    assert_eq!(article.id, content_id(&STORY));
    // The same story in another layout has the same id.
    let other = format!(
        "<html><body><div class=\"menu\"><a href=/>Start</a></div><div class=\"post-content\"><p>{}</p><p>{}</p><p>{}</p><p>{}</p></div></body></html>",
        STORY[0], STORY[1], STORY[2], STORY[3]
    );
    assert_eq!(extract_html("other.html", &other, 1, None).id, article.id);
}

#[test]
fn text_is_every_block_joined_by_blank_lines_and_spans_point_into_it() {
    let page = full_page();
    let article = extract_html("page.html", &page, 2, None);
    let mut rebuilt = String::new();
    for block in &article.blocks {
        if !rebuilt.is_empty() {
            rebuilt.push_str("\n\n");
        }
        rebuilt.push_str(article.slice(&block.span));
        assert_eq!(block.span.article, 2);
    }
    assert_eq!(rebuilt, article.text);
}

#[test]
fn script_text_in_the_article_is_text_and_scripts_are_never_text() {
    let page = format!(
        "<html><body><article><p>{}</p><p>The attacker posted &lt;script&gt;alert(1)&lt;/script&gt; in the form, the court heard.</p>\
         <script>document.write('<p>injected paragraph</p>')</script><style>p::after {{ content: 'styled' }}</style>\
         <noscript><p>Please enable JavaScript.</p></noscript><template><p>template text</p></template></article></body></html>",
        STORY[0]
    );
    let article = extract_html("s.html", &page, 0, None);
    assert_eq!(
        body(&article),
        [
            STORY[0],
            "The attacker posted <script>alert(1)</script> in the form, the court heard."
        ]
    );
    for hidden in [
        "injected",
        "styled",
        "enable JavaScript",
        "template text",
        "document.write",
    ] {
        assert!(!article.text.contains(hidden), "{hidden}");
    }
}

#[test]
fn malformed_html_is_repaired_as_a_browser_would() {
    // Unclosed paragraphs, mis-nested inline tags, a stray end tag, no
    // html or body element.
    let page = format!(
        "<title>Broken page</title><p>{}<p><b><i>{}</b></i></div><p>{}",
        STORY[0], STORY[1], STORY[2]
    );
    let article = extract_html("broken.html", &page, 0, None);
    assert_eq!(body(&article), [STORY[0], STORY[1], STORY[2]]);
    assert_eq!(article.title.as_deref(), Some("Broken page"));
    // An unclosed <title> swallows the rest of the page, as in a browser:
    // no text, no panic.
    let swallowed = extract_html("t.html", "<title>Broken<p>text", 0, None);
    assert!(swallowed.blocks.is_empty());
}

#[test]
fn line_breaks_and_inline_markup_keep_words_apart_correctly() {
    let page = "<html><body><article><p>The <em>council</em> met on <a href=x>Monday</a>, the <span>mayor</span>said.</p>\
        <p>First line of a poem<br>second line of a poem<br><br>A new paragraph after two breaks, which the reader keeps apart from the poem above.</p></article></body></html>";
    let article = extract_html("b.html", page, 0, None);
    let texts: Vec<&str> = article
        .blocks
        .iter()
        .map(|block| article.slice(&block.span))
        .collect();
    assert!(texts.contains(&"The council met on Monday, the mayorsaid."));
    assert!(texts.contains(&"First line of a poem\nsecond line of a poem"));
    assert!(texts.contains(
        &"A new paragraph after two breaks, which the reader keeps apart from the poem above."
    ));
}

#[test]
fn legacy_charsets_are_read_through_the_declaration() {
    // Cyrillic in windows-1251: "Мост закрыт." and a longer sentence.
    let mut page: Vec<u8> = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><body><article><p>".to_vec();
    let (encoded, _, _) = encoding_rs::WINDOWS_1251.encode(
        "Городской совет в понедельник закрыл старый мост для машин, потому что инженеры нашли трещины в опорах.",
    );
    page.extend_from_slice(&encoded);
    page.extend_from_slice(b"</p></article></body></html>");
    let article = read_html("ru.html", &page, 0).unwrap();
    assert_eq!(
        body(&article),
        ["Городской совет в понедельник закрыл старый мост для машин, потому что инженеры нашли трещины в опорах."]
    );
}

#[test]
fn binary_empty_and_textless_pages_are_errors_naming_the_source() {
    let binary = read_html("pic.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", 0).unwrap_err();
    assert!(
        binary.to_string().starts_with("pic.jpg: binary data"),
        "{binary}"
    );
    let empty = read_html("e.html", b"", 0).unwrap_err();
    assert!(matches!(empty, IngestError::Empty { .. }));
    let textless = read_html(
        "t.html",
        b"<html><head><title>x</title></head><body><img src=a></body></html>",
        0,
    )
    .unwrap_err();
    assert_eq!(
        textless,
        IngestError::Empty {
            source_name: "t.html".into()
        }
    );
}

#[test]
fn hidden_elements_are_kept_as_low_content() {
    let page = format!(
        "<html><body><article><p>{}</p><div style=\"display: none\">Hidden sign-up form text</div><p hidden>Hidden paragraph text</p><p>{}</p></article></body></html>",
        STORY[0], STORY[1]
    );
    let article = extract_html("h.html", &page, 0, None);
    assert_eq!(body(&article), [STORY[0], STORY[1]]);
    assert_eq!(
        kind_of(&article, "Hidden sign-up form text"),
        boilerplate(BoilerplateReason::LowContent)
    );
    assert_eq!(
        kind_of(&article, "Hidden paragraph text"),
        boilerplate(BoilerplateReason::LowContent)
    );
}

#[test]
fn a_listing_of_teasers_beside_the_story_is_related_links() {
    let page = format!(
        "<html><body><div class=\"wrap\"><article><h1>Bridge closes</h1><p>{}</p><p>{}</p><p>{}</p></article>\
         <div class=\"more-news\"><article><h2><a href=/x>Ferry operator wins regional award</a></h2><p>The operator was praised for its safety record over the past decade.</p></article>\
         <article><h2><a href=/y>New road opens</a></h2><p>The road links the two villages north of the river for the first time.</p></article></div></div></body></html>",
        STORY[0], STORY[1], STORY[2]
    );
    let article = extract_html("l.html", &page, 0, None);
    assert_eq!(body(&article), [STORY[0], STORY[1], STORY[2]]);
    assert_eq!(
        kind_of(
            &article,
            "The operator was praised for its safety record over the past decade."
        ),
        boilerplate(BoilerplateReason::SeeAlso)
    );
}

#[test]
fn navigation_is_kept_as_boilerplate_with_its_reason() {
    let page = format!(
        "<html><body><nav><ul><li><a href=/>Home</a></li><li><a href=/world>World</a></li></ul></nav><article><p>{}</p><p>{}</p></article></body></html>",
        STORY[0], STORY[1]
    );
    let article = extract_html("n.html", &page, 0, None);
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
    assert_eq!(kinds[2], (BlockKind::Body, STORY[0]));
    assert_eq!(kinds[3], (BlockKind::Body, STORY[1]));
}

#[test]
fn a_caption_set_as_a_paragraph_with_a_credit_is_a_caption() {
    let page = format!(
        "<html><body><article><p>{}</p><p>Engineers inspect the cracked pier on Friday (Image: River Council)</p><p>{}</p></article></body></html>",
        STORY[0], STORY[1]
    );
    let article = extract_html("c.html", &page, 0, None);
    assert_eq!(body(&article), [STORY[0], STORY[1]]);
    assert_eq!(
        kind_of(
            &article,
            "Engineers inspect the cracked pier on Friday (Image: River Council)"
        ),
        Some(BlockKind::Caption)
    );
}

#[test]
fn the_lead_above_the_story_box_is_body() {
    let page = format!(
        "<html><body><div class=\"story\"><h1>Bridge closes</h1><div class=\"lede\"><p>{}</p></div>\
         <div class=\"article-body\"><p>{}</p><p>{}</p><p>{}</p></div></div>\
         <div class=\"widget\"><p>Weather: sunny spells, a high of twenty degrees and light winds from the west all day long.</p></div></body></html>",
        STORY[0], STORY[1], STORY[2], STORY[3]
    );
    let article = extract_html("l.html", &page, 0, None);
    assert_eq!(body(&article), STORY);
}

#[test]
fn table_rows_are_blocks_with_cells_apart() {
    let page = format!(
        "<html><body><article><p>{}</p><table><tr><th>Team</th><th>Points</th></tr><tr><td>River Rovers</td><td>42</td></tr></table><p>{}</p></article></body></html>",
        STORY[0], STORY[1]
    );
    let article = extract_html("t.html", &page, 0, None);
    let texts: Vec<&str> = kinds(&article).into_iter().map(|(_, text)| text).collect();
    assert!(texts.contains(&"Team\tPoints"), "{texts:?}");
    assert!(texts.contains(&"River Rovers\t42"), "{texts:?}");
}

#[test]
fn widget_lines_are_furniture_inside_the_story_too() {
    let page = format!(
        "<html><body><article><p>{}</p><p>Advertisement</p><p>{}</p><p>This slideshow requires JavaScript.</p><p>{}</p></article></body></html>",
        STORY[0], STORY[1], STORY[2]
    );
    let article = extract_html("w.html", &page, 0, None);
    assert_eq!(body(&article), [STORY[0], STORY[1], STORY[2]]);
    assert_eq!(
        kind_of(&article, "Advertisement"),
        boilerplate(BoilerplateReason::Promotion)
    );
    assert_eq!(
        kind_of(&article, "This slideshow requires JavaScript."),
        boilerplate(BoilerplateReason::LowContent)
    );
}

#[test]
fn teaser_list_items_inside_the_story_column_are_related_links() {
    let page = format!(
        "<html><body><div class=\"main\"><ul class=\"ticker\"><li><a href=/a>Ferry operator wins regional award</a> The operator was praised for its safety record.</li>\
         <li><a href=/b>New road links villages north of the river</a> Work finished a month early, the county said.</li></ul>\
         <p>{}</p><p>{}</p><p>{}</p></div></body></html>",
        STORY[0], STORY[1], STORY[2]
    );
    let article = extract_html("t.html", &page, 0, None);
    assert_eq!(body(&article), [STORY[0], STORY[1], STORY[2]]);
    assert_eq!(
        kind_of(
            &article,
            "Ferry operator wins regional award The operator was praised for its safety record."
        ),
        boilerplate(BoilerplateReason::SeeAlso)
    );
}

#[test]
fn classes_of_the_page_and_of_the_story_box_do_not_make_the_story_furniture() {
    // The body's class list mentions comments and the story's mentions a
    // sidebar modifier and tags: what the page has, not what the story is.
    let page = format!(
        "<html><body class=\"single comments-open\"><div class=\"layout layout--has-sidebar\"><article class=\"post tags-news\"><p>{}</p><p>{}</p></article></div></body></html>",
        STORY[0], STORY[1]
    );
    let article = extract_html("c.html", &page, 0, None);
    assert_eq!(body(&article), [STORY[0], STORY[1]]);
}

#[test]
fn closing_prompts_and_date_lines_are_not_body() {
    let long = "The council said the work would be paid for from the roads budget, which had been set aside for resurfacing the high street, and that the high street would now wait until the following spring at the earliest, after the bridge reopens.";
    let page = format!(
        "<html><body><article><p>Published Nov 18, 2019 at 4:07 PM | Updated 5:36 PM</p><p>{}</p><p>{long}</p>\
         <p>Have a tip? Our reporter can be reached at the newsroom.</p><p>Sign up for our daily newsletter.</p></article></body></html>",
        STORY[0]
    );
    let article = extract_html("p.html", &page, 0, None);
    assert_eq!(body(&article), [STORY[0], long]);
    assert_eq!(
        kind_of(
            &article,
            "Published Nov 18, 2019 at 4:07 PM | Updated 5:36 PM"
        ),
        boilerplate(BoilerplateReason::Byline)
    );
    assert_eq!(
        kind_of(
            &article,
            "Have a tip? Our reporter can be reached at the newsroom."
        ),
        boilerplate(BoilerplateReason::Promotion)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = read_html("fuzz.html", &bytes, 0);
    }

    #[test]
    fn blocks_lie_inside_the_text_in_order_and_apart(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("<p>".to_string()), Just("</p>".to_string()), Just("<div class=\"share\">".to_string()),
                Just("</div>".to_string()), Just("<br>".to_string()), Just("<a href=x>".to_string()),
                Just("</a>".to_string()), Just("<nav>".to_string()), Just("<li>".to_string()),
                Just("<script>".to_string()), Just("</script>".to_string()), Just("<table><tr><td>".to_string()),
                Just("<pre>".to_string()), Just("<h2>".to_string()), Just("<article>".to_string()),
                Just("&amp; &lt;".to_string()), Just("\u{a0}".to_string()),
                "[a-zA-Zé .,\n]{0,40}",
            ],
            0..60,
        )
    ) {
        let html: String = parts.concat();
        let article = extract_html("p.html", &html, 5, None);
        let mut previous_end = 0u32;
        for block in &article.blocks {
            prop_assert!(block.span.start >= previous_end);
            prop_assert!(block.span.start < block.span.end);
            prop_assert!((block.span.end as usize) <= article.text.len());
            prop_assert!(article.text.is_char_boundary(block.span.start as usize));
            prop_assert!(article.text.is_char_boundary(block.span.end as usize));
            let is_padding = block.kind == BlockKind::Boilerplate(BoilerplateReason::Padding);
            prop_assert_eq!(article.slice(&block.span).trim().is_empty(), is_padding);
            prop_assert_eq!(block.span.article, 5);
            previous_end = block.span.end;
        }
    }

    #[test]
    fn any_string_never_panics(html in "\\PC{0,600}") {
        let _ = extract_html("s.html", &html, 0, Some("https://example.org/a/b"));
    }
}
