use super::*;
use crate::model::InputFailure;

const WIRE: &str = "The river council said on Tuesday that floods destroyed 300 homes in the lower valley, and engineers warned that the old dam could fail.\n\u{201c}We have never seen water like this,\u{201d} said Marta Quiroga, the council\u{2019}s head.\n";
const LOCAL: &str = "Floods destroyed 300 homes in the lower valley this week, the river council said, as residents were moved to schools.\nSee also: <script>alert(1)</script> <b onmouseover=\"x()\">Bridge closed</b>\n";

fn document() -> BriefDocument {
    let articles = vec![
        crate::ingest::read_plain_text("feeds/wire.txt", WIRE.as_bytes(), 0).unwrap(),
        crate::ingest::read_plain_text("local.txt", LOCAL.as_bytes(), 1).unwrap(),
    ];
    crate::pipeline::brief_document(
        articles,
        vec![InputFailure {
            source: "bad.bin".into(),
            error: "binary data".into(),
        }],
    )
}

#[test]
fn json_carries_the_schema_and_round_trips() {
    let document = document();
    let json = Json.to_string(&document);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["schema"], "parallax.brief/1");
    assert!(value["stories"]
        .as_array()
        .is_some_and(|stories| !stories.is_empty()));
    let back: BriefDocument = serde_json::from_str(&json).unwrap();
    assert_eq!(back, document);
}

#[test]
fn html_escapes_article_text_and_is_self_contained() {
    let html = Html.to_string(&document());
    assert!(
        !html.contains("<script>"),
        "script tag from an article reached the page"
    );
    assert!(
        !html.contains("onmouseover=\""),
        "event handler from an article reached the page"
    );
    assert!(html.contains("&lt;script&gt;"));
    assert!(html.starts_with("<!doctype html>"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no outside resources"
    );
    assert!(html.contains("bad.bin"));
}

#[test]
fn text_fits_the_width_and_has_no_colour_unless_asked() {
    let document = document();
    let plain = Text {
        width: 80,
        colour: false,
    }
    .to_string(&document);
    assert!(!plain.contains('\x1b'));
    for line in plain.lines() {
        assert!(
            line.chars().count() <= 80,
            "line wider than 80 columns: {line:?}"
        );
    }
    let coloured = Text {
        width: 80,
        colour: true,
    }
    .to_string(&document);
    assert!(coloured.contains("\x1b["));
}

#[test]
fn markdown_escapes_markup_in_article_text() {
    let markdown = Markdown.to_string(&document());
    assert!(markdown.starts_with("# Parallax brief"));
    assert!(!markdown.contains("<script>"));
    assert!(markdown.contains("\\<script\\>"));
}

#[test]
fn formats_by_name() {
    assert_eq!(Format::from_name("md"), Some(Format::Markdown));
    assert_eq!(Format::from_name("html"), Some(Format::Html));
    assert_eq!(Format::from_name("pdf"), None);
}
