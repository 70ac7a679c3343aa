//! The JSON API under `/api/` (described in `openapi.json`, served at
//! [`crate::OPENAPI_PATH`]).
//!
//! Every handler does its store and pipeline work on a blocking thread; a
//! failure is an [`ApiError`] answer (JSON `{status, error}`), never a
//! stopped server.

use crate::error::ApiError;
use crate::post;
use crate::state::AppState;
use crate::views::{ClaimGroupItem, EntityItem, StoryListItem};
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post as post_route};
use axum::Router;
use http_body_util::BodyExt;
use parallax_store::{prepare_all, DefaultClusterer, StoryId};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;

type Params = Query<HashMap<String, String>>;

pub(crate) fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/api/health", get(health))
        .route("/api/stories", get(list_stories))
        .route("/api/stories/{id}", get(get_story))
        .route("/api/stories/{id}/articles", get(get_story_articles))
        .route("/api/entities", get(list_entities))
        .route("/api/claims", get(list_claims))
        .route("/api/articles", post_route(post_articles))
        .route(crate::OPENAPI_PATH, get(openapi))
        .with_state(state)
}

/// Runs store and pipeline work off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result,
        Err(_) => Err(ApiError::internal(
            "the request failed inside the server (a bug: please report it with the request)",
        )),
    }
}

fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

fn to_json<T: Serialize>(value: &T) -> Result<Response, ApiError> {
    let body = serde_json::to_vec(value)
        .map_err(|error| ApiError::internal(format!("cannot write the answer: {error}")))?;
    Ok(json_response(StatusCode::OK, body))
}

/// A whole number from the query, within bounds.
fn number_parameter(
    params: &HashMap<String, String>,
    name: &str,
    default: usize,
    range: std::ops::RangeInclusive<usize>,
) -> Result<usize, ApiError> {
    let Some(text) = params.get(name) else {
        return Ok(default);
    };
    match text.trim().parse::<usize>() {
        Ok(value) if range.contains(&value) => Ok(value),
        _ => Err(ApiError::bad_request(format!(
            "{name} must be a whole number from {} to {}, not {text:?}",
            range.start(),
            range.end()
        ))),
    }
}

fn story_parameter(text: &str) -> Result<StoryId, ApiError> {
    match text.trim().trim_start_matches('#').parse::<StoryId>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(ApiError::bad_request(format!(
            "story ids are positive whole numbers (GET /api/stories lists them), not {text:?}"
        ))),
    }
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
    version: &'static str,
    brief_schema: &'static str,
    store: String,
    articles: u64,
    stories: u64,
    writes: &'static str,
    max_body_bytes: usize,
    max_articles_per_request: usize,
}

async fn health(State(state): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let reading = state.clone();
    let counts = blocking(move || reading.read(|store| Ok(store.counts()?))).await?;
    let limits = state.limits();
    to_json(&Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        brief_schema: parallax::model::BRIEF_SCHEMA,
        store: state.database().display().to_string(),
        articles: counts.articles,
        stories: counts.stories,
        writes: match state.auth() {
            crate::Auth::Token(_) => "token",
            crate::Auth::Disabled => "open",
        },
        max_body_bytes: limits.max_body_bytes,
        max_articles_per_request: limits.max_articles,
    })
}

#[derive(Serialize)]
struct StoryPage {
    page: usize,
    per_page: usize,
    total: u64,
    pages: u64,
    stories: Vec<StoryListItem>,
}

async fn list_stories(
    State(state): State<Arc<AppState>>,
    Query(params): Params,
) -> Result<Response, ApiError> {
    let max_page_size = state.limits().max_page_size;
    let per_page = number_parameter(&params, "per_page", 20, 1..=max_page_size)?;
    let page = number_parameter(&params, "page", 1, 1..=100_000)?;
    let body = blocking(move || {
        state.read(|store| {
            let total = store.counts()?.stories;
            let wanted = page.saturating_mul(per_page);
            let summaries = store.stories(Some(wanted))?;
            let mut stories = Vec::new();
            for summary in summaries.iter().skip((page - 1) * per_page) {
                stories.push(state.story_view(store, summary)?.list_item());
            }
            Ok(StoryPage {
                page,
                per_page,
                total,
                pages: total.div_ceil(per_page as u64),
                stories,
            })
        })
    })
    .await?;
    to_json(&body)
}

async fn get_story(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let story = story_parameter(&id)?;
    let view = blocking(move || state.read(|store| state.story_view_by_id(store, story))).await?;
    Ok(json_response(StatusCode::OK, view.document_json.clone()))
}

async fn get_story_articles(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let story = story_parameter(&id)?;
    let view = blocking(move || state.read(|store| state.story_view_by_id(store, story))).await?;
    Ok(json_response(StatusCode::OK, view.articles_json.clone()))
}

/// The stories a list of entities or claims covers: one, or the most
/// recent `stories` of them.
fn scope_views(
    state: &AppState,
    store: &parallax_store::Store,
    story: Option<StoryId>,
    stories: usize,
) -> Result<Vec<Arc<crate::views::StoryView>>, ApiError> {
    match story {
        Some(story) => Ok(vec![state.story_view_by_id(store, story)?]),
        None => {
            let mut views = Vec::new();
            for summary in store.stories(Some(stories))? {
                views.push(state.story_view(store, &summary)?);
            }
            Ok(views)
        }
    }
}

#[derive(Serialize)]
struct EntityList {
    stories_searched: usize,
    entities: Vec<EntityItem>,
}

async fn list_entities(
    State(state): State<Arc<AppState>>,
    Query(params): Params,
) -> Result<Response, ApiError> {
    let story = params
        .get("story")
        .map(|text| story_parameter(text))
        .transpose()?;
    let stories = number_parameter(&params, "stories", 20, 1..=state.limits().max_page_size)?;
    let query = params
        .get("q")
        .map(|text| text.trim().to_lowercase())
        .filter(|text| !text.is_empty());
    let body = blocking(move || {
        state.read(|store| {
            let views = scope_views(&state, store, story, stories)?;
            let mut entities = Vec::new();
            for view in &views {
                for brief in &view.document.stories {
                    for entity in &brief.entities {
                        let matches = query.as_ref().is_none_or(|query| {
                            entity.name.to_lowercase().contains(query)
                                || entity
                                    .variants
                                    .iter()
                                    .any(|variant| variant.to_lowercase().contains(query))
                        });
                        if matches {
                            entities.push(EntityItem {
                                story: view.summary.id,
                                entity: entity.clone(),
                            });
                        }
                    }
                }
            }
            Ok(EntityList {
                stories_searched: views.len(),
                entities,
            })
        })
    })
    .await?;
    to_json(&body)
}

#[derive(Serialize)]
struct ClaimList {
    stories_searched: usize,
    claim_groups: Vec<ClaimGroupItem>,
}

const VERDICTS: [&str; 3] = ["corroborated", "single_source", "conflict"];
const CONFLICT_KINDS: [&str; 5] = [
    "contradiction",
    "different_attribution",
    "different_scope",
    "compatible",
    "likely_error",
];

async fn list_claims(
    State(state): State<Arc<AppState>>,
    Query(params): Params,
) -> Result<Response, ApiError> {
    let story = params
        .get("story")
        .map(|text| story_parameter(text))
        .transpose()?;
    let stories = number_parameter(&params, "stories", 20, 1..=state.limits().max_page_size)?;
    let verdict = params.get("verdict").cloned();
    if let Some(verdict) = &verdict {
        if !VERDICTS.contains(&verdict.as_str()) {
            return Err(ApiError::bad_request(format!(
                "verdict must be one of {}, not {verdict:?}",
                VERDICTS.join(", ")
            )));
        }
    }
    let conflict_kind = params.get("conflict_kind").cloned();
    if let Some(kind) = &conflict_kind {
        if !CONFLICT_KINDS.contains(&kind.as_str()) {
            return Err(ApiError::bad_request(format!(
                "conflict_kind must be one of {}, not {kind:?}",
                CONFLICT_KINDS.join(", ")
            )));
        }
    }
    let body = blocking(move || {
        state.read(|store| {
            let views = scope_views(&state, store, story, stories)?;
            let mut claim_groups = Vec::new();
            for view in &views {
                for brief in &view.document.stories {
                    for group in &brief.claim_groups {
                        let verdict_matches = verdict
                            .as_ref()
                            .is_none_or(|verdict| &group.verdict == verdict);
                        let kind_matches = conflict_kind
                            .as_ref()
                            .is_none_or(|kind| group.conflict_kind.as_ref() == Some(kind));
                        if verdict_matches && kind_matches {
                            claim_groups.push(ClaimGroupItem {
                                story: view.summary.id,
                                group: group.clone(),
                            });
                        }
                    }
                }
            }
            Ok(ClaimList {
                stories_searched: views.len(),
                claim_groups,
            })
        })
    })
    .await?;
    to_json(&body)
}

#[derive(Serialize)]
struct PostedArticle {
    id: String,
    source: String,
    title: Option<String>,
    story: Option<StoryId>,
}

#[derive(Serialize)]
struct PostOutcome {
    added: u64,
    already_stored: u64,
    new_locations: u64,
    stories_opened: u64,
    stories_merged: u64,
    articles: Vec<PostedArticle>,
    failures: Vec<parallax::model::InputFailure>,
}

/// The token a request presents: `Authorization: Bearer TOKEN` or
/// `X-Parallax-Token: TOKEN`.
fn presented_token(headers: &HeaderMap) -> Option<&str> {
    if let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
    {
        let (scheme, token) = value.trim().split_once(' ')?;
        return scheme.eq_ignore_ascii_case("bearer").then(|| token.trim());
    }
    headers
        .get("x-parallax-token")
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
}

fn too_large(limit: usize) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("request body larger than {limit} bytes; send the articles in smaller requests"),
    )
}

async fn post_articles(
    State(state): State<Arc<AppState>>,
    Query(params): Params,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    if !state.auth().allows(presented_token(&headers)) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "adding articles needs the server's token: send `Authorization: Bearer TOKEN` with the token `parallax serve` printed when it started (or was given with --token)",
        ));
    }
    let limit = state.limits().max_body_bytes;
    let declared_length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.parse::<u64>().ok());
    if declared_length.is_some_and(|length| length > limit as u64) {
        return Err(too_large(limit));
    }
    let bytes = match http_body_util::Limited::new(body, limit).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) => {
            if error.is::<http_body_util::LengthLimitError>() {
                return Err(too_large(limit));
            }
            return Err(ApiError::bad_request(format!(
                "the request body could not be read: {error}"
            )));
        }
    };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok());
    let format = post::format_of(content_type, params.get("format").map(String::as_str))?;
    let post_number = state.posts.fetch_add(1, Ordering::Relaxed) + 1;
    let source = match params.get("source") {
        Some(name) => {
            post::check_source_name(name)?;
            name.trim().to_string()
        }
        None => format!(
            "post-{}-{post_number}",
            chrono::Utc::now().format("%Y%m%dT%H%M%S")
        ),
    };
    let url = params.get("url").cloned();
    let max_articles = state.limits().max_articles;
    let outcome = blocking(move || {
        let read = post::read_body(&source, &bytes, format, max_articles)?;
        let mut articles = read.articles;
        if let Some(url) = &url {
            for article in &mut articles {
                if article.url.is_none() {
                    article.url = Some(url.clone());
                }
            }
        }
        let summaries: Vec<(String, String, Option<String>)> = articles
            .iter()
            .map(|article| {
                (
                    article.id.clone(),
                    article.source.clone(),
                    article.title.clone(),
                )
            })
            .collect();
        let prepared = prepare_all::<DefaultClusterer>(articles);
        let mut writer = state.writer();
        let batch = writer.write_batch(prepared)?;
        let mut posted = Vec::with_capacity(summaries.len());
        for (id, source, title) in summaries {
            let story = match writer.store().find_article(&id)? {
                Some(seq) => writer.store().story_of(seq)?,
                None => None,
            };
            posted.push(PostedArticle {
                id,
                source,
                title,
                story,
            });
        }
        Ok(PostOutcome {
            added: batch.added,
            already_stored: batch.already_stored,
            new_locations: batch.new_locations,
            stories_opened: batch.stories_opened,
            stories_merged: batch.stories_merged,
            articles: posted,
            failures: read.failures,
        })
    })
    .await?;
    to_json(&outcome)
}

async fn openapi() -> Response {
    json_response(StatusCode::OK, crate::OPENAPI_JSON.as_bytes().to_vec())
}
