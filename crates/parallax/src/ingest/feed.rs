//! RSS and Atom feeds (and JSON Feed), read with `feed-rs`: one article per
//! item, from the item's full content (`content:encoded`, Atom `content`)
//! when the feed carries it, else from its summary or description; the
//! item's title, link, author and date. HTML content goes through the HTML
//! reader.
//!
//! Dates keep the calendar day the publisher wrote: `feed-rs` hands times
//! over in UTC, so it is given a date reader that returns the wall-clock
//! time as written (labelled UTC) instead of converting it.

use super::dates::parse_published_time;
use super::read::{article_from_body, BodyMarkup, Emitter, ItemFields};
use super::IngestError;
use feed_rs::model::{Entry, Link};

/// Reads a whole feed document: one article (or item error, "FILE:item N:
/// reason") per item. A document that is not a feed is one error.
pub(crate) fn read_feed(source: &str, bytes: &[u8], emitter: &mut Emitter<'_, '_>) {
    let parser = feed_rs::parser::Builder::new()
        .timestamp_parser(|text| parse_published_time(text).map(|time| time.and_utc()))
        .build();
    let feed = match parser.parse(bytes) {
        Ok(feed) => feed,
        Err(error) => {
            emitter.error(IngestError::Unreadable {
                source_name: source.to_string(),
                message: format!("not a readable feed: {error}"),
            });
            return;
        }
    };
    if feed.entries.is_empty() {
        emitter.error(IngestError::Unreadable {
            source_name: source.to_string(),
            message: "feed has no items".to_string(),
        });
        return;
    }
    for (offset, entry) in feed.entries.iter().enumerate() {
        let position = format!("item {}", offset + 1);
        match article_from_entry(source, &position, entry, emitter.next_index()) {
            Ok(article) => emitter.article(article),
            Err(message) => emitter.item_error(&position, message),
        }
    }
}

fn article_from_entry(
    source: &str,
    position: &str,
    entry: &Entry,
    index: crate::model::ArticleIndex,
) -> Result<crate::model::Article, String> {
    let content = entry.content.as_ref().and_then(|content| {
        let body = content.body.as_deref()?.trim();
        (!body.is_empty()).then(|| (body, markup_of(&content.content_type.essence().to_string())))
    });
    let summary = entry.summary.as_ref().and_then(|summary| {
        let body = summary.content.trim();
        (!body.is_empty()).then(|| (body, markup_of(&summary.content_type.essence().to_string())))
    });
    let Some((body, markup)) = content.or(summary) else {
        return Err("no content or summary".to_string());
    };
    let title = entry
        .title
        .as_ref()
        .map(|title| title.content.trim().to_string())
        .filter(|title| !title.is_empty());
    let url = article_link(&entry.links);
    let published = entry
        .published
        .or(entry.updated)
        .map(|time| time.date_naive());
    let authors: Vec<&str> = entry
        .authors
        .iter()
        .filter_map(|person| person.name.as_deref())
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect();
    let byline = (!authors.is_empty()).then(|| authors.join(", "));
    let fields = ItemFields {
        title,
        url,
        published,
        byline,
    };
    let item_source = format!("{source}:{position}");
    article_from_body(&item_source, body, markup, fields, index)
}

/// Feeds mark text as `text/plain` even when it holds tags, so plain text
/// is checked for tags; HTML and XHTML are taken at their word.
fn markup_of(essence: &str) -> BodyMarkup {
    match essence {
        "text/html" | "application/xhtml+xml" | "html" | "xhtml" => BodyMarkup::Html,
        _ => BodyMarkup::Unknown,
    }
}

/// The item's page: its `alternate` link (or one with no relation), else
/// its first link.
fn article_link(links: &[Link]) -> Option<String> {
    let alternate = links
        .iter()
        .find(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"));
    alternate
        .or(links.first())
        .map(|link| link.href.trim().to_string())
        .filter(|href| !href.is_empty())
}

#[cfg(test)]
mod tests {
    use crate::ingest::{read_input, IngestError, InputFormat, ReadOptions};
    use crate::model::Article;
    use chrono::NaiveDate;

    fn read(source: &str, bytes: &[u8]) -> (Vec<Article>, Vec<IngestError>) {
        let mut articles = Vec::new();
        let mut errors = Vec::new();
        read_input(
            source,
            bytes,
            &ReadOptions::default(),
            0,
            &mut |result| match result {
                Ok(article) => articles.push(article),
                Err(error) => errors.push(error),
            },
        );
        (articles, errors)
    }

    fn body(article: &Article) -> String {
        article
            .body_blocks()
            .map(|block| article.slice(&block.span))
            .collect::<Vec<_>>()
            .join("\n")
    }

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Valley Gazette</title>
  <link>https://gazette.example/</link>
  <description>Local news</description>
  <item>
    <title>Dam inspection finds cracks</title>
    <link>https://gazette.example/dam</link>
    <description>Short teaser about the dam.</description>
    <content:encoded><![CDATA[<p>Engineers found two cracks in the valley dam on Thursday, the water board said.</p><p>The reservoir will be lowered by a metre as a precaution.</p>]]></content:encoded>
    <dc:creator>Rhea Salt</dc:creator>
    <pubDate>Thu, 14 Sep 2023 22:15:00 -0400</pubDate>
  </item>
  <item>
    <title>Summary only</title>
    <link>https://gazette.example/market</link>
    <description>&lt;p&gt;The Saturday market moves to the old station square next month.&lt;/p&gt;</description>
    <pubDate>Fri, 15 Sep 2023 08:00:00 GMT</pubDate>
  </item>
  <item>
    <title>Nothing inside</title>
    <link>https://gazette.example/empty</link>
  </item>
</channel>
</rss>"#;

    #[test]
    fn rss_items_take_full_content_then_description() {
        let (articles, errors) = read("gazette.rss", RSS.as_bytes());
        assert_eq!(articles.len(), 2, "{errors:?}");
        let dam = &articles[0];
        assert_eq!(dam.title.as_deref(), Some("Dam inspection finds cracks"));
        assert_eq!(dam.url.as_deref(), Some("https://gazette.example/dam"));
        // 22:15 at -04:00 is the 14th where it was written (the 15th in UTC).
        assert_eq!(dam.published, NaiveDate::from_ymd_opt(2023, 9, 14));
        assert_eq!(dam.byline.as_deref(), Some("Rhea Salt"));
        let dam_body = body(dam);
        assert!(dam_body.contains("two cracks"), "{dam_body:?}");
        assert!(dam_body.contains("lowered by a metre"));
        assert!(!dam_body.contains("teaser"));
        assert!(!dam_body.contains("<p>"));
        assert_eq!(dam.source, "gazette.rss:item 1");

        let market = &articles[1];
        assert_eq!(
            body(market),
            "The Saturday market moves to the old station square next month."
        );
        assert_eq!(market.published, NaiveDate::from_ymd_opt(2023, 9, 15));

        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].to_string(),
            "gazette.rss:item 3: no content or summary"
        );
    }

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Coast Times</title>
  <id>urn:coast-times</id>
  <updated>2024-01-10T12:00:00Z</updated>
  <entry>
    <title type="html">Ferry &amp;amp; harbour</title>
    <id>urn:coast-times:1</id>
    <link rel="self" href="https://coast.example/api/1"/>
    <link rel="alternate" type="text/html" href="https://coast.example/ferry"/>
    <published>2024-01-09T23:50:00+02:00</published>
    <updated>2024-01-10T08:00:00Z</updated>
    <author><name>Ilse Brandt</name></author>
    <summary>The ferry timetable changes.</summary>
    <content type="html">&lt;p&gt;The island ferry will run every forty minutes from February, the harbour office announced.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Text summary</title>
    <id>urn:coast-times:2</id>
    <updated>2024-01-08T09:00:00Z</updated>
    <summary type="text">Snow closed the coastal road for six hours on Monday.</summary>
  </entry>
</feed>"#;

    #[test]
    fn atom_entries_use_content_alternate_link_and_published_date() {
        let (articles, errors) = read("coast.xml", ATOM.as_bytes());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(articles.len(), 2);
        let ferry = &articles[0];
        assert_eq!(ferry.url.as_deref(), Some("https://coast.example/ferry"));
        assert_eq!(ferry.published, NaiveDate::from_ymd_opt(2024, 1, 9));
        assert_eq!(ferry.byline.as_deref(), Some("Ilse Brandt"));
        assert!(body(ferry).starts_with("The island ferry will run every forty minutes"));
        let snow = &articles[1];
        assert_eq!(snow.published, NaiveDate::from_ymd_opt(2024, 1, 8));
        assert_eq!(
            body(snow),
            "Snow closed the coastal road for six hours on Monday."
        );
        assert_eq!(snow.url, None);
    }

    #[test]
    fn broken_and_empty_feeds_are_one_error_each() {
        let (articles, errors) = read("bad.rss", b"<rss><channel><item><title>x</ti");
        assert!(articles.is_empty());
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].to_string().starts_with("bad.rss: "),
            "{}",
            errors[0]
        );

        let (articles, errors) = read(
            "empty.rss",
            b"<rss version=\"2.0\"><channel><title>t</title></channel></rss>",
        );
        assert!(articles.is_empty());
        assert_eq!(errors[0].to_string(), "empty.rss: feed has no items");
    }

    proptest::proptest! {
        #[test]
        fn feed_reader_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let options = ReadOptions { format: Some(InputFormat::Feed), ..ReadOptions::default() };
            read_input("p.rss", &bytes[..], &options, 0, &mut |result| {
                if let Err(error) = result {
                    assert_eq!(error.source_name(), "p.rss");
                }
            });
        }

        #[test]
        fn feed_like_markup_never_panics(text in r#"(<rss>|<channel>|<item>|<title>|</item>|<feed>|<entry>|<content type="html">|</content>|&lt;p&gt;|<!\[CDATA\[|\]\]>|[ a-z&;<>/"=])*"#) {
            let options = ReadOptions { format: Some(InputFormat::Feed), ..ReadOptions::default() };
            read_input("p.rss", text.as_bytes(), &options, 0, &mut |_| {});
        }
    }
}
