//! The store: opening, reading, and the records it gives back.

use crate::blocks;
use crate::cluster::{ArticleSeq, StoryId};
use crate::error::{Result, StoreError};
use crate::schema;
use parallax::model::{Article, ArticleIndex};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a command waits for another process's write to finish before
/// saying the store is locked.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open store.
pub struct Store {
    pub(crate) connection: Connection,
    pub(crate) path: PathBuf,
}

/// One line of the story list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorySummary {
    pub id: StoryId,
    pub article_count: u64,
    /// Articles that are not copies of another article of the story: the
    /// story's independent-ish sources.
    pub source_count: u64,
    /// The first article's title, or its first line of body text.
    pub headline: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds of the last article's arrival.
    pub updated_at: i64,
}

/// Where an article was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub source: String,
    pub url: Option<String>,
    /// Unix seconds.
    pub first_seen: i64,
}

/// A stored article as listed in a story (without its text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredArticle {
    pub seq: ArticleSeq,
    /// Content hash.
    pub id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    /// Unix seconds.
    pub first_seen: i64,
    /// The earlier article of the story this one copies.
    pub copy_of: Option<ArticleSeq>,
    pub locations: Vec<Location>,
}

/// A story with its articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryDetail {
    pub summary: StorySummary,
    /// The id asked for, when it was merged into `summary.id`.
    pub merged_from: Option<StoryId>,
    pub articles: Vec<StoredArticle>,
}

/// How much a store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub articles: u64,
    pub locations: u64,
    pub stories: u64,
}

fn now_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs() as i64)
        .unwrap_or(0)
}

pub(crate) fn current_time() -> i64 {
    now_seconds()
}

impl Store {
    /// Opens an existing store (read commands). An older schema is brought
    /// up to date; a missing file, a file that is not a store, a newer
    /// schema or a lock are errors that say what to do.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        Self::open_with(path, false)
    }

    /// Opens the store for ingest, creating it (and its folder's file) when
    /// missing.
    pub fn open_or_create(path: &Path) -> Result<Store> {
        Self::open_with(path, true)
    }

    fn open_with(path: &Path, create: bool) -> Result<Store> {
        if path.is_dir() {
            return Err(StoreError::CannotOpen {
                path: path.to_path_buf(),
                detail: "it is a folder".to_string(),
            });
        }
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let sqlite_error = |error| StoreError::from_sqlite(path, error);
        let mut connection = Connection::open_with_flags(path, flags).map_err(sqlite_error)?;
        connection
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(sqlite_error)?;
        // The first statement reads the header: a file that is not a
        // database fails here.
        let version = schema::check_compatible(&connection, path)?;
        let mode: String = connection
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(sqlite_error)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::CannotOpen {
                path: path.to_path_buf(),
                detail: format!("cannot use write-ahead logging (journal mode {mode})"),
            });
        }
        connection
            .execute_batch("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384;")
            .map_err(sqlite_error)?;
        if version < schema::latest_version() {
            schema::migrate_to(&mut connection, path, schema::latest_version())?;
        }
        Ok(Store {
            connection,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn sqlite_error(&self, error: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(&self.path, error)
    }

    pub fn schema_version(&self) -> Result<u32> {
        schema::user_version(&self.connection).map_err(|error| self.sqlite_error(error))
    }

    pub fn counts(&self) -> Result<Counts> {
        let count = |sql: &str| -> Result<u64> {
            self.connection
                .query_row(sql, [], |row| row.get::<_, i64>(0))
                .map(|value| value.max(0) as u64)
                .map_err(|error| self.sqlite_error(error))
        };
        Ok(Counts {
            articles: count("SELECT count(*) FROM articles")?,
            locations: count("SELECT count(*) FROM locations")?,
            stories: count("SELECT count(*) FROM stories WHERE merged_into IS NULL")?,
        })
    }

    /// SQLite's own check of the file: "ok" when sound.
    pub fn integrity_check(&self) -> Result<String> {
        self.connection
            .query_row("PRAGMA integrity_check", [], |row| row.get::<_, String>(0))
            .map_err(|error| self.sqlite_error(error))
    }

    /// How long to wait for another process's write before giving up with
    /// [`StoreError::Locked`] (default [`BUSY_TIMEOUT`]).
    pub fn set_busy_timeout(&self, timeout: Duration) -> Result<()> {
        self.connection
            .busy_timeout(timeout)
            .map_err(|error| self.sqlite_error(error))
    }

    /// Checks that the records agree with one another: every article in
    /// exactly one live story, each story's counts equal to its members,
    /// every article with a location. Returns the disagreements found (none
    /// for a sound store).
    pub fn audit(&self) -> Result<Vec<String>> {
        let checks: [(&str, &str); 6] = [
            (
                "articles in no story",
                "SELECT count(*) FROM articles a
                 WHERE NOT EXISTS (SELECT 1 FROM story_members m WHERE m.article = a.seq)",
            ),
            (
                "articles without a location",
                "SELECT count(*) FROM articles a
                 WHERE NOT EXISTS (SELECT 1 FROM locations l WHERE l.article = a.seq)",
            ),
            (
                "members of a missing or merged story",
                "SELECT count(*) FROM story_members m LEFT JOIN stories s ON s.id = m.story
                 WHERE s.id IS NULL OR s.merged_into IS NOT NULL",
            ),
            (
                "members that are not stored articles",
                "SELECT count(*) FROM story_members m
                 WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.seq = m.article)",
            ),
            (
                "stories whose article count is not their members'",
                "SELECT count(*) FROM stories s WHERE s.merged_into IS NULL AND s.article_count
                 != (SELECT count(*) FROM story_members m WHERE m.story = s.id)",
            ),
            (
                "stories whose source count is not their members' that copy no other",
                "SELECT count(*) FROM stories s WHERE s.merged_into IS NULL AND s.source_count
                 != (SELECT count(*) FROM story_members m WHERE m.story = s.id
                     AND m.copy_of IS NULL)",
            ),
        ];
        let mut problems = Vec::new();
        for (what, sql) in checks {
            let count: i64 = self
                .connection
                .query_row(sql, [], |row| row.get(0))
                .map_err(|error| self.sqlite_error(error))?;
            if count != 0 {
                problems.push(format!("{count} {what}"));
            }
        }
        Ok(problems)
    }

    /// Stories, most recently updated first.
    pub fn stories(&self, limit: Option<usize>) -> Result<Vec<StorySummary>> {
        let limit = limit.map_or(-1, |limit| limit.min(i64::MAX as usize) as i64);
        let mut statement = self
            .connection
            .prepare_cached(
                "SELECT id, article_count, source_count, headline, created_at, updated_at
                 FROM stories WHERE merged_into IS NULL
                 ORDER BY last_article DESC LIMIT ?1",
            )
            .map_err(|error| self.sqlite_error(error))?;
        let rows = statement
            .query_map([limit], summary_from_row)
            .map_err(|error| self.sqlite_error(error))?;
        let mut stories = Vec::new();
        for row in rows {
            stories.push(row.map_err(|error| self.sqlite_error(error))?);
        }
        Ok(stories)
    }

    /// The story a merged story went into (itself when not merged),
    /// following merges of merges.
    pub fn resolve_story(&self, story: StoryId) -> Result<StoryId> {
        let mut current = story;
        // Each step goes to a story merged later than the one before, so
        // the walk ends; the bound only guards against a damaged file.
        for _ in 0..1_000_000 {
            let merged_into: Option<Option<StoryId>> = self
                .connection
                .query_row(
                    "SELECT merged_into FROM stories WHERE id = ?1",
                    [current],
                    |row| row.get(0),
                )
                .optional()
                .map_err(|error| self.sqlite_error(error))?;
            match merged_into {
                None => {
                    return Err(StoreError::NoSuchStory {
                        path: self.path.clone(),
                        story: story.max(0) as u64,
                    })
                }
                Some(None) => return Ok(current),
                Some(Some(next)) => current = next,
            }
        }
        Ok(current)
    }

    /// A story and its articles (with their locations), oldest first. A
    /// merged story's id leads to the story it went into.
    pub fn story(&self, story: StoryId) -> Result<StoryDetail> {
        let resolved = self.resolve_story(story)?;
        let summary = self
            .connection
            .query_row(
                "SELECT id, article_count, source_count, headline, created_at, updated_at
                 FROM stories WHERE id = ?1",
                [resolved],
                summary_from_row,
            )
            .map_err(|error| self.sqlite_error(error))?;
        let mut articles: Vec<StoredArticle> = Vec::new();
        {
            let mut statement = self
                .connection
                .prepare_cached(
                    "SELECT a.seq, a.id, a.title, a.published, a.language, a.first_seen, m.copy_of
                     FROM story_members m JOIN articles a ON a.seq = m.article
                     WHERE m.story = ?1 ORDER BY a.seq",
                )
                .map_err(|error| self.sqlite_error(error))?;
            let rows = statement
                .query_map([resolved], |row| {
                    Ok(StoredArticle {
                        seq: row.get(0)?,
                        id: row.get(1)?,
                        title: row.get(2)?,
                        published: row.get(3)?,
                        language: row.get(4)?,
                        first_seen: row.get(5)?,
                        copy_of: row.get(6)?,
                        locations: Vec::new(),
                    })
                })
                .map_err(|error| self.sqlite_error(error))?;
            for row in rows {
                articles.push(row.map_err(|error| self.sqlite_error(error))?);
            }
        }
        for article in &mut articles {
            article.locations = self.locations(article.seq)?;
        }
        Ok(StoryDetail {
            summary,
            merged_from: (resolved != story).then_some(story),
            articles,
        })
    }

    fn locations(&self, article: ArticleSeq) -> Result<Vec<Location>> {
        let mut statement = self
            .connection
            .prepare_cached(
                "SELECT source, url, first_seen FROM locations WHERE article = ?1
                 ORDER BY first_seen, source, url",
            )
            .map_err(|error| self.sqlite_error(error))?;
        let rows = statement
            .query_map([article], |row| {
                let url: String = row.get(1)?;
                Ok(Location {
                    source: row.get(0)?,
                    url: (!url.is_empty()).then_some(url),
                    first_seen: row.get(2)?,
                })
            })
            .map_err(|error| self.sqlite_error(error))?;
        let mut locations = Vec::new();
        for row in rows {
            locations.push(row.map_err(|error| self.sqlite_error(error))?);
        }
        Ok(locations)
    }

    /// The story's articles as the pipeline reads them, oldest first, the
    /// `index` of each its position (spans are re-indexed to match). The
    /// source and URL are those of the article's first location.
    pub fn story_articles(&self, story: StoryId) -> Result<Vec<Article>> {
        let resolved = self.resolve_story(story)?;
        let mut statement = self
            .connection
            .prepare_cached(
                "SELECT a.seq FROM story_members m JOIN articles a ON a.seq = m.article
                 WHERE m.story = ?1 ORDER BY a.seq",
            )
            .map_err(|error| self.sqlite_error(error))?;
        let sequence_numbers: Vec<ArticleSeq> = statement
            .query_map([resolved], |row| row.get(0))
            .map_err(|error| self.sqlite_error(error))?
            .collect::<rusqlite::Result<_>>()
            .map_err(|error| self.sqlite_error(error))?;
        let mut articles = Vec::with_capacity(sequence_numbers.len());
        for (position, seq) in sequence_numbers.into_iter().enumerate() {
            let index = ArticleIndex::try_from(position).unwrap_or(ArticleIndex::MAX);
            articles.push(self.article(seq, index)?);
        }
        Ok(articles)
    }

    /// One stored article, as the pipeline reads it, numbered `index`.
    pub fn article(&self, seq: ArticleSeq, index: ArticleIndex) -> Result<Article> {
        let row = self
            .connection
            .query_row(
                "SELECT id, title, published, language, byline, text, blocks FROM articles
                 WHERE seq = ?1",
                [seq],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, Option<String>>(1)?,
                        row.get::<_, Option<String>>(2)?,
                        row.get::<_, Option<String>>(3)?,
                        row.get::<_, Option<String>>(4)?,
                        row.get::<_, String>(5)?,
                        row.get::<_, String>(6)?,
                    ))
                },
            )
            .map_err(|error| self.sqlite_error(error))?;
        let (id, title, published, language, byline, text, blocks_json) = row;
        let bad_record = |detail: &str| StoreError::BadRecord {
            path: self.path.clone(),
            article: id.clone(),
            detail: detail.to_string(),
        };
        let blocks = blocks::decode(&blocks_json, index, text.len())
            .ok_or_else(|| bad_record("its blocks are not valid"))?;
        let published = match published {
            Some(date) => Some(
                chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d")
                    .map_err(|_| bad_record("its publication date is not a date"))?,
            ),
            None => None,
        };
        let first_location = self.locations(seq)?.into_iter().next();
        let (source, url) = match first_location {
            Some(location) => (location.source, location.url),
            None => (format!("store article {id}"), None),
        };
        Ok(Article {
            id,
            index,
            source,
            url,
            title,
            byline,
            published,
            language,
            text,
            blocks,
        })
    }

    /// Ids of the live stories, most recently updated first.
    pub fn story_ids(&self, limit: Option<usize>) -> Result<Vec<StoryId>> {
        Ok(self
            .stories(limit)?
            .into_iter()
            .map(|summary| summary.id)
            .collect())
    }

    /// The sequence number of the article with this content id.
    pub fn find_article(&self, id: &str) -> Result<Option<ArticleSeq>> {
        self.connection
            .query_row("SELECT seq FROM articles WHERE id = ?1", [id], |row| {
                row.get(0)
            })
            .optional()
            .map_err(|error| self.sqlite_error(error))
    }

    /// The story of an article.
    pub fn story_of(&self, article: ArticleSeq) -> Result<Option<StoryId>> {
        self.connection
            .query_row(
                "SELECT story FROM story_members WHERE article = ?1",
                params![article],
                |row| row.get(0),
            )
            .optional()
            .map_err(|error| self.sqlite_error(error))
    }
}

fn summary_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<StorySummary> {
    Ok(StorySummary {
        id: row.get(0)?,
        article_count: row.get::<_, i64>(1)?.max(0) as u64,
        source_count: row.get::<_, i64>(2)?.max(0) as u64,
        headline: row.get(3)?,
        created_at: row.get(4)?,
        updated_at: row.get(5)?,
    })
}
