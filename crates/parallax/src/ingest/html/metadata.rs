//! The page's metadata: title, by-line, publication date, canonical URL and
//! language, from what the page states (JSON-LD, Open Graph and other
//! `<meta>` tags, `<link rel=canonical>`, `<time>`, `<title>`, `<h1>`,
//! `<html lang>`).

use super::walk::{collapse_space, PageFacts};
use chrono::NaiveDate;
use serde_json::Value;
use std::sync::OnceLock;

/// What the page says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
    pub language: Option<String>,
}

/// The parts of a JSON-LD article object we read.
#[derive(Debug, Clone, Default)]
struct JsonLdArticle {
    headline: Option<String>,
    authors: Vec<String>,
    date_published: Option<String>,
    url: Option<String>,
}

/// Schema.org types of news and other articles.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "ScholarlyArticle",
    "TechArticle",
    "Report",
];

fn is_article_type(value: &Value) -> bool {
    match value {
        Value::String(name) => ARTICLE_TYPES.contains(&name.trim_start_matches("schema:")),
        Value::Array(items) => items.iter().any(is_article_type),
        _ => false,
    }
}

fn string_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => {
            let collapsed = collapse_space(text);
            (!collapsed.is_empty()).then_some(collapsed)
        }
        Value::Array(items) => items.iter().find_map(string_of),
        Value::Object(map) => map
            .get("@id")
            .or_else(|| map.get("url"))
            .and_then(string_of),
        _ => None,
    }
}

fn author_names(value: &Value, names: &mut Vec<String>) {
    match value {
        Value::String(name) => {
            let name = collapse_space(name);
            if !name.is_empty() && !name.contains("://") {
                names.push(name);
            }
        }
        Value::Array(items) => {
            for item in items.iter().take(16) {
                author_names(item, names);
            }
        }
        Value::Object(map) => {
            if let Some(name) = map.get("name") {
                author_names(name, names);
            }
        }
        _ => {}
    }
}

/// Objects of a JSON-LD document, looking into arrays and `@graph`.
fn collect_objects<'value>(
    value: &'value Value,
    found: &mut Vec<&'value serde_json::Map<String, Value>>,
    depth: usize,
) {
    if depth > 4 || found.len() > 64 {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                collect_objects(item, found, depth + 1);
            }
        }
        Value::Object(map) => {
            found.push(map);
            if let Some(graph) = map.get("@graph") {
                collect_objects(graph, found, depth + 1);
            }
        }
        _ => {}
    }
}

fn json_ld_article(scripts: &[String]) -> Option<JsonLdArticle> {
    for script in scripts {
        // Some pages wrap the JSON in a CDATA comment or leave a trailing
        // semicolon.
        let trimmed = script
            .trim()
            .trim_start_matches("//<![CDATA[")
            .trim_end_matches("//]]>")
            .trim()
            .trim_end_matches(';');
        let Ok(value) = serde_json::from_str::<Value>(trimmed) else {
            continue;
        };
        let mut objects = Vec::new();
        collect_objects(&value, &mut objects, 0);
        for object in objects {
            if !object.get("@type").is_some_and(is_article_type) {
                continue;
            }
            let mut authors = Vec::new();
            if let Some(author) = object.get("author") {
                author_names(author, &mut authors);
            }
            return Some(JsonLdArticle {
                headline: object.get("headline").and_then(string_of),
                authors,
                date_published: object.get("datePublished").and_then(string_of),
                url: object
                    .get("url")
                    .or_else(|| object.get("mainEntityOfPage"))
                    .and_then(string_of),
            });
        }
    }
    None
}

fn meta<'facts>(facts: &'facts PageFacts, keys: &[&str]) -> Option<&'facts str> {
    for key in keys {
        let found = facts
            .metas
            .iter()
            .find(|(name, content)| name == key && !content.trim().is_empty());
        if let Some((_, content)) = found {
            return Some(content.as_str());
        }
    }
    None
}

/// Separators between a headline and the site's name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » "];

/// A `<title>` without the site's name after (or before) a separator:
/// "Bridge closes for repairs | The Courier" → "Bridge closes for repairs".
/// The longer side is the headline; a side of one or two words, or the
/// site's declared name, is the site.
pub(crate) fn strip_site_name(title: &str, site_name: Option<&str>) -> String {
    let title = collapse_space(title);
    for separator in TITLE_SEPARATORS {
        let Some(position) = title.rfind(separator) else {
            continue;
        };
        let head = title[..position].trim();
        let tail = title[position + separator.len()..].trim();
        let is_site = |part: &str| {
            site_name.is_some_and(|site| part.eq_ignore_ascii_case(site.trim()))
                || part.split_whitespace().count() <= 3
        };
        if !head.is_empty() && head.split_whitespace().count() >= 3 && is_site(tail) {
            return head.to_string();
        }
        // "Site | Headline"
        if let Some(first) = title.find(separator) {
            let lead = title[..first].trim();
            let rest = title[first + separator.len()..].trim();
            let lead_is_site = site_name.is_some_and(|site| lead.eq_ignore_ascii_case(site.trim()));
            if lead_is_site && rest.split_whitespace().count() >= 3 {
                return rest.to_string();
            }
        }
    }
    title
}

/// A date at the start of a stated value: ISO 8601 (`2021-03-04`,
/// `2021-03-04T10:00:00Z`), with slashes, compact `20210304`, or RFC 2822
/// (`Thu, 04 Mar 2021 10:00:00 +0000`).
pub(crate) fn parse_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    let bytes = value.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = value.get(range)?;
        if part.bytes().all(|byte| byte.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if bytes.len() >= 10
        && matches!(bytes.get(4), Some(b'-' | b'/' | b'.'))
        && bytes.get(7) == bytes.get(4)
    {
        if let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) {
            let after = bytes.get(10);
            if after.is_none_or(|byte| !byte.is_ascii_digit()) {
                return NaiveDate::from_ymd_opt(year as i32, month, day);
            }
        }
    }
    if bytes.len() >= 8 && bytes.get(8).is_none_or(|byte| !byte.is_ascii_digit()) {
        if let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(4..6), digits(6..8)) {
            if (1900..2200).contains(&year) {
                return NaiveDate::from_ymd_opt(year as i32, month, day);
            }
        }
    }
    if let Ok(date_time) = chrono::DateTime::parse_from_rfc2822(value) {
        return Some(date_time.date_naive());
    }
    None
}

const LANGUAGE_TABLE: &str = include_str!("../../../data/language_codes.tsv");

fn language_codes() -> &'static [(String, String)] {
    static CODES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    CODES.get_or_init(|| {
        LANGUAGE_TABLE
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| {
                let (two, three) = line.split_once('\t')?;
                Some((two.trim().to_string(), three.trim().to_string()))
            })
            .collect()
    })
}

/// ISO 639-3 code for a language tag (`en-GB` → `eng`); a three-letter
/// primary subtag passes through; anything else is returned as given.
pub(crate) fn language_code(tag: &str) -> Option<String> {
    let tag = tag.trim();
    if tag.is_empty() {
        return None;
    }
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase();
    if primary.len() == 3 && primary.bytes().all(|byte| byte.is_ascii_lowercase()) {
        return Some(primary);
    }
    if let Some((_, three)) = language_codes().iter().find(|(two, _)| *two == primary) {
        return Some(three.clone());
    }
    Some(tag.to_string())
}

/// Resolves `href` against `base` (an absolute URL): enough for canonical
/// links, which are usually absolute already.
pub(crate) fn resolve_url(href: &str, base: Option<&str>) -> String {
    let href = href.trim();
    if href.contains("://") {
        return href.to_string();
    }
    let Some(base) = base else {
        return href.to_string();
    };
    let Some(scheme_end) = base.find("://") else {
        return href.to_string();
    };
    let scheme = &base[..scheme_end];
    if let Some(rest) = href.strip_prefix("//") {
        return format!("{scheme}://{rest}");
    }
    let after_scheme = &base[scheme_end + 3..];
    let host_end = after_scheme
        .find(['/', '?', '#'])
        .unwrap_or(after_scheme.len());
    let origin = &base[..scheme_end + 3 + host_end];
    if href.starts_with('/') {
        return format!("{origin}{href}");
    }
    let path = &after_scheme[host_end..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let directory = match path.rfind('/') {
        Some(slash) => &path[..=slash],
        None => "/",
    };
    format!("{origin}{directory}{href}")
}

/// Reads the page's metadata from the facts gathered by the walk.
pub(crate) fn read_metadata(facts: &PageFacts, base_url: Option<&str>) -> Metadata {
    let json_ld = json_ld_article(&facts.json_ld);
    let site_name = meta(facts, &["og:site_name", "application-name"]);

    let title = meta(facts, &["og:title", "twitter:title"])
        .map(|title| strip_site_name(title, site_name))
        .or_else(|| {
            json_ld
                .as_ref()
                .and_then(|article| article.headline.clone())
        })
        .or_else(|| {
            facts
                .title_element
                .as_deref()
                .map(|title| strip_site_name(title, site_name))
        })
        .or_else(|| facts.first_h1.clone())
        .filter(|title| !title.is_empty());

    let mut byline = json_ld
        .as_ref()
        .filter(|article| !article.authors.is_empty())
        .map(|article| join_names(&article.authors));
    if byline.is_none() {
        byline = meta(
            facts,
            &[
                "author",
                "article:author",
                "parsely-author",
                "sailthru.author",
                "byl",
                "dc.creator",
            ],
        )
        .filter(|author| !author.contains("://"))
        .map(clean_byline);
    }
    if byline.is_none() && !facts.author_links.is_empty() {
        byline = Some(join_names(&facts.author_links));
    }

    let published = json_ld
        .as_ref()
        .and_then(|article| article.date_published.as_deref())
        .and_then(parse_date)
        .or_else(|| {
            meta(
                facts,
                &[
                    "article:published_time",
                    "og:published_time",
                    "datepublished",
                    "date",
                    "pubdate",
                    "publishdate",
                    "publish-date",
                    "publish_date",
                    "dc.date.issued",
                    "dc.date",
                    "dcterms.created",
                    "dcterms.date",
                    "sailthru.date",
                    "parsely-pub-date",
                ],
            )
            .and_then(parse_date)
        })
        .or_else(|| facts.time_values.iter().find_map(|value| parse_date(value)));

    let url = facts
        .canonical
        .as_deref()
        .or_else(|| meta(facts, &["og:url"]))
        .or_else(|| json_ld.as_ref().and_then(|article| article.url.as_deref()))
        .map(|href| resolve_url(href, base_url))
        .or_else(|| base_url.map(str::to_string))
        .filter(|url| !url.is_empty());

    let language = facts
        .language
        .as_deref()
        .or_else(|| meta(facts, &["content-language", "og:locale", "language"]))
        .and_then(language_code);

    Metadata {
        title,
        byline,
        published,
        url,
        language,
    }
}

fn clean_byline(text: &str) -> String {
    let collapsed = collapse_space(text);
    let lowered = collapsed.to_lowercase();
    for lead in ["by ", "written by "] {
        if lowered.starts_with(lead) {
            return collapsed[lead.len()..].trim().to_string();
        }
    }
    collapsed
}

fn join_names(names: &[String]) -> String {
    let mut unique: Vec<&str> = Vec::new();
    for name in names {
        if !unique.contains(&name.as_str()) {
            unique.push(name);
        }
    }
    unique.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_names_come_off_titles() {
        assert_eq!(
            strip_site_name("Bridge closes for a year | The Courier", None),
            "Bridge closes for a year"
        );
        assert_eq!(
            strip_site_name(
                "Bridge closes for a year - Valley Evening Courier Online",
                Some("Valley Evening Courier Online")
            ),
            "Bridge closes for a year"
        );
        assert_eq!(
            strip_site_name(
                "The Courier | Bridge closes for a year",
                Some("The Courier")
            ),
            "Bridge closes for a year"
        );
        // A dash inside the headline stays.
        assert_eq!(
            strip_site_name("Rain - and more rain - for the valley this week", None),
            "Rain - and more rain - for the valley this week"
        );
    }

    #[test]
    fn dates_in_the_usual_shapes() {
        let day = NaiveDate::from_ymd_opt(2021, 3, 4);
        assert_eq!(parse_date("2021-03-04T10:00:00+01:00"), day);
        assert_eq!(parse_date("2021/03/04"), day);
        assert_eq!(parse_date("20210304"), day);
        assert_eq!(parse_date("Thu, 04 Mar 2021 10:00:00 +0000"), day);
        assert_eq!(parse_date("2021-13-04"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2021-03-045"), None);
    }

    #[test]
    fn every_language_row_maps_its_code() {
        assert!(language_codes().len() > 50);
        for (two, three) in language_codes() {
            assert_eq!(two.len(), 2, "{two}");
            assert_eq!(three.len(), 3, "{three}");
            assert_eq!(language_code(two).as_deref(), Some(three.as_str()));
            let regional = format!("{two}-XX");
            assert_eq!(language_code(&regional).as_deref(), Some(three.as_str()));
        }
        assert_eq!(language_code("eng").as_deref(), Some("eng"));
        assert_eq!(language_code("x-klingon").as_deref(), Some("x-klingon"));
        assert_eq!(language_code(" "), None);
    }

    #[test]
    fn relative_canonical_links_resolve_against_the_base() {
        let base = Some("https://news.example.org/world/story.html?x=1");
        assert_eq!(resolve_url("/a/b", base), "https://news.example.org/a/b");
        assert_eq!(
            resolve_url("c.html", base),
            "https://news.example.org/world/c.html"
        );
        assert_eq!(
            resolve_url("//cdn.example.org/x", base),
            "https://cdn.example.org/x"
        );
        assert_eq!(
            resolve_url("https://other.example/x", base),
            "https://other.example/x"
        );
        assert_eq!(resolve_url("/a", None), "/a");
    }
}
