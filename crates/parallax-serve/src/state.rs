//! What the server keeps between requests: the writer, a pool of read
//! connections, and the briefs already made.
//!
//! Briefs are made from the stored articles on first request and kept,
//! keyed by the story's id and checked against the story's counts and last
//! update: a story that gained an article (from this server or from a
//! `parallax ingest` beside it) is briefed again. At most
//! [`BRIEF_CACHE_STORIES`] stories are kept.

use crate::error::{ApiError, ServeError};
use crate::views::StoryView;
use crate::ServeConfig;
use parallax_store::{DefaultClusterer, Ingester, Store, StoryId, StorySummary};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// Stories whose briefs are kept in memory.
pub const BRIEF_CACHE_STORIES: usize = 256;
/// Read connections kept open between requests.
const IDLE_READERS: usize = 16;

/// Who may write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// Writes carry `Authorization: Bearer TOKEN`.
    Token(String),
    /// Anyone on the network may write (`--no-auth`).
    Disabled,
}

impl Auth {
    /// Whether a request's credentials allow a write.
    pub fn allows(&self, presented: Option<&str>) -> bool {
        match self {
            Auth::Disabled => true,
            Auth::Token(token) => presented.is_some_and(|given| same_bytes(given, token)),
        }
    }
}

/// Compares in time that does not depend on where the strings differ.
fn same_bytes(left: &str, right: &str) -> bool {
    if left.len() != right.len() {
        return false;
    }
    let mut difference = 0u8;
    for (a, b) in left.bytes().zip(right.bytes()) {
        difference |= a ^ b;
    }
    difference == 0
}

/// Bounds on what one request may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of a request body (413 beyond).
    pub max_body_bytes: usize,
    /// Articles in one POST (400 beyond).
    pub max_articles: usize,
    /// Stories in one page of a list.
    pub max_page_size: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 8 * 1024 * 1024,
            max_articles: 200,
            max_page_size: 100,
        }
    }
}

/// The server's shared state.
pub struct AppState {
    pub(crate) database: PathBuf,
    pub(crate) auth: Auth,
    pub(crate) limits: Limits,
    pub(crate) writer: Mutex<Ingester<DefaultClusterer>>,
    readers: ReaderPool,
    briefs: BriefCache,
    /// Articles posted so far (names posts without a source).
    pub(crate) posts: AtomicU64,
}

impl AppState {
    pub(crate) fn open(config: ServeConfig) -> Result<AppState, ServeError> {
        let store = Store::open_or_create(&config.database)?;
        // A damaged file often opens; reading it shows the damage now
        // rather than on the first request.
        store.counts()?;
        let ingester = Ingester::open(store, DefaultClusterer::default())?;
        Ok(AppState {
            readers: ReaderPool {
                path: config.database.clone(),
                idle: Mutex::new(Vec::new()),
            },
            database: config.database,
            auth: config.auth,
            limits: config.limits,
            writer: Mutex::new(ingester),
            briefs: BriefCache::default(),
            posts: AtomicU64::new(0),
        })
    }

    pub fn database(&self) -> &Path {
        &self.database
    }

    pub fn auth(&self) -> &Auth {
        &self.auth
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Runs `work` on a read connection (blocking: call from a blocking
    /// task).
    pub(crate) fn read<T>(
        &self,
        work: impl FnOnce(&Store) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        self.readers.with(work)
    }

    pub(crate) fn writer(&self) -> MutexGuard<'_, Ingester<DefaultClusterer>> {
        self.writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The story's view (brief, articles, counts), from the cache when the
    /// story has not changed since it was made.
    pub(crate) fn story_view(
        &self,
        store: &Store,
        summary: &StorySummary,
    ) -> Result<Arc<StoryView>, ApiError> {
        if let Some(view) = self.briefs.get(summary) {
            return Ok(view);
        }
        let view = Arc::new(StoryView::build(store, summary.id)?);
        self.briefs.insert(view.clone());
        Ok(view)
    }

    /// The view of a story by id (a merged story's id gives the story it
    /// went into).
    pub(crate) fn story_view_by_id(
        &self,
        store: &Store,
        story: StoryId,
    ) -> Result<Arc<StoryView>, ApiError> {
        let detail = store.story(story)?;
        if let Some(view) = self.briefs.get(&detail.summary) {
            return Ok(view);
        }
        let view = Arc::new(StoryView::build_from_detail(store, detail)?);
        self.briefs.insert(view.clone());
        Ok(view)
    }
}

/// Read connections, opened when needed and kept for the next request.
struct ReaderPool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
}

impl ReaderPool {
    fn with<T>(&self, work: impl FnOnce(&Store) -> Result<T, ApiError>) -> Result<T, ApiError> {
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .pop();
        let store = match idle {
            Some(store) => store,
            None => Store::open(&self.path)?,
        };
        let result = work(&store);
        let mut idle = self
            .idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if idle.len() < IDLE_READERS {
            idle.push(store);
        }
        result
    }
}

/// What identifies one state of a story: a story that changes changes one
/// of these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fingerprint {
    article_count: u64,
    source_count: u64,
    updated_at: i64,
}

impl Fingerprint {
    pub(crate) fn of(summary: &StorySummary) -> Fingerprint {
        Fingerprint {
            article_count: summary.article_count,
            source_count: summary.source_count,
            updated_at: summary.updated_at,
        }
    }
}

#[derive(Default)]
struct BriefCache {
    entries: Mutex<HashMap<StoryId, Arc<StoryView>>>,
    clock: AtomicU64,
}

impl BriefCache {
    fn get(&self, summary: &StorySummary) -> Option<Arc<StoryView>> {
        let entries = self
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let view = entries.get(&summary.id)?;
        if view.fingerprint != Fingerprint::of(summary) {
            return None;
        }
        let now = self.clock.fetch_add(1, Ordering::Relaxed);
        view.last_used.store(now, Ordering::Relaxed);
        Some(view.clone())
    }

    fn insert(&self, view: Arc<StoryView>) {
        let now = self.clock.fetch_add(1, Ordering::Relaxed);
        view.last_used.store(now, Ordering::Relaxed);
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        entries.insert(view.summary.id, view);
        while entries.len() > BRIEF_CACHE_STORIES {
            let oldest = entries
                .iter()
                .min_by_key(|(_, view)| view.last_used.load(Ordering::Relaxed))
                .map(|(id, _)| *id);
            match oldest {
                Some(id) => {
                    entries.remove(&id);
                }
                None => break,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        let auth = Auth::Token("abc123".to_string());
        assert!(auth.allows(Some("abc123")));
        assert!(!auth.allows(Some("abc124")));
        assert!(!auth.allows(Some("abc12")));
        assert!(!auth.allows(None));
        assert!(Auth::Disabled.allows(None));
    }
}
