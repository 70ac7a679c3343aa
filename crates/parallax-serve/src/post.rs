//! `POST /api/articles`: reading a request body as articles.
//!
//! The body's format comes from its `Content-Type` (or the `format` query
//! parameter; detected when neither says): `text/plain` one article,
//! `text/html` one web page, `application/x-ndjson` (or `jsonl`) one
//! article a line, `application/json` an object or an array of them. Each
//! article that cannot be read is a failure with its position; the others
//! are stored.

use crate::error::ApiError;
use axum::http::StatusCode;
use parallax::ingest::{read_input, InputFormat, ReadOptions};
use parallax::model::{Article, InputFailure};

/// What a body held.
pub(crate) struct ReadBody {
    pub articles: Vec<Article>,
    pub failures: Vec<InputFailure>,
}

/// The input format a content type names; `Ok(None)` to detect it.
pub(crate) fn format_of(
    content_type: Option<&str>,
    format_parameter: Option<&str>,
) -> Result<Option<InputFormat>, ApiError> {
    if let Some(name) = format_parameter.filter(|name| !name.is_empty()) {
        return match InputFormat::from_name(name) {
            Some(format) => Ok(Some(format)),
            None => {
                let known: Vec<&str> = InputFormat::ALL
                    .iter()
                    .map(|format| format.name())
                    .collect();
                Err(ApiError::bad_request(format!(
                    "unknown format {name:?}; use one of {}",
                    known.join(", ")
                )))
            }
        };
    }
    let Some(content_type) = content_type else {
        return Ok(None);
    };
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let format = match essence.as_str() {
        "" | "application/octet-stream" => None,
        "text/plain" | "text/markdown" => Some(InputFormat::PlainText),
        "text/html" | "application/xhtml+xml" => Some(InputFormat::Html),
        "application/x-ndjson"
        | "application/jsonl"
        | "application/jsonlines"
        | "application/x-jsonlines"
        | "application/json-lines" => Some(InputFormat::JsonLines),
        "application/json" => Some(InputFormat::Json),
        "application/rss+xml" | "application/atom+xml" | "application/xml" | "text/xml" => {
            Some(InputFormat::Feed)
        }
        "application/gzip" | "application/x-gzip" => Some(InputFormat::Gzip),
        other => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "cannot read articles of type {other:?}; send text/plain, text/html, application/x-ndjson or application/json"
                ),
            ))
        }
    };
    Ok(format)
}

/// Reads the body's articles; more than `max_articles` is an error that
/// names the bound (nothing is stored then).
pub(crate) fn read_body(
    source: &str,
    bytes: &[u8],
    format: Option<InputFormat>,
    max_articles: usize,
) -> Result<ReadBody, ApiError> {
    let options = ReadOptions {
        format,
        ..ReadOptions::default()
    };
    let mut articles: Vec<Article> = Vec::new();
    let mut failures: Vec<InputFailure> = Vec::new();
    let mut too_many = false;
    read_input(source, bytes, &options, 0, &mut |item| {
        if too_many {
            return;
        }
        match item {
            Ok(article) => {
                if articles.len() >= max_articles {
                    too_many = true;
                    return;
                }
                articles.push(article);
            }
            Err(error) => failures.push(InputFailure {
                source: error.location(),
                error: error.reason(),
            }),
        }
    });
    if too_many {
        return Err(ApiError::bad_request(format!(
            "too many articles in one request: more than {max_articles}; send them in several requests of at most {max_articles}"
        )));
    }
    if articles.is_empty() {
        let first = failures
            .first()
            .map(|failure| format!(": {}: {}", failure.source, failure.error))
            .unwrap_or_default();
        let mut error = ApiError::bad_request(format!(
            "no readable article in the request{first}; nothing was stored"
        ));
        error.failures = failures;
        return Err(error);
    }
    Ok(ReadBody { articles, failures })
}

/// Whether a source name is acceptable: printable, one line, not too long.
pub(crate) fn check_source_name(name: &str) -> Result<(), ApiError> {
    const LONGEST: usize = 200;
    if name.trim().is_empty() {
        return Err(ApiError::bad_request("the source name is empty"));
    }
    if name.chars().count() > LONGEST {
        return Err(ApiError::bad_request(format!(
            "the source name is longer than {LONGEST} characters"
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(ApiError::bad_request(
            "the source name holds a control character",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_name_formats() {
        assert_eq!(
            format_of(Some("text/plain; charset=utf-8"), None).ok(),
            Some(Some(InputFormat::PlainText))
        );
        assert_eq!(
            format_of(Some("application/x-ndjson"), None).ok(),
            Some(Some(InputFormat::JsonLines))
        );
        assert_eq!(format_of(None, None).ok(), Some(None));
        assert_eq!(
            format_of(Some("image/png"), None)
                .err()
                .map(|error| error.status),
            Some(StatusCode::UNSUPPORTED_MEDIA_TYPE)
        );
        assert_eq!(
            format_of(Some("text/plain"), Some("html")).ok(),
            Some(Some(InputFormat::Html))
        );
    }

    #[test]
    fn too_many_articles_is_an_error_naming_the_bound() {
        let lines: String = (0..5)
            .map(|number| format!("{{\"text\": \"The ferry to the island ran {number} times on Sunday after the storm.\"}}\n"))
            .collect();
        let result = read_body("post", lines.as_bytes(), Some(InputFormat::JsonLines), 3);
        let error = result.err().map(|error| error.message).unwrap_or_default();
        assert!(error.contains("at most 3"), "{error}");
        let fine = read_body("post", lines.as_bytes(), Some(InputFormat::JsonLines), 5);
        assert_eq!(fine.map(|body| body.articles.len()).ok(), Some(5));
    }

    #[test]
    fn a_body_with_no_article_says_why() {
        let result = read_body("post", b"   \n", Some(InputFormat::PlainText), 3);
        let error = result.err().map(|error| error.message).unwrap_or_default();
        assert!(error.contains("no readable article"), "{error}");
    }
}
