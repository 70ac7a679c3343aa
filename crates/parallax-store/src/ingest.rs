//! Writing articles into the store and placing them in stories.
//!
//! [`Ingester`] takes batches of articles (each with its clusterer
//! signature, computed beforehand on any thread) and writes each batch in
//! one transaction: the article (once per content id), its location, its
//! signature, and its story (joined, opened, or merged). A crash leaves
//! every committed batch whole and nothing of the batch in flight; running
//! the same input again adds only what is missing.
//!
//! The clusterer's in-memory index mirrors the store. It is rebuilt from
//! the stored signatures when the ingester opens, and again before a batch
//! if another process wrote to the store meanwhile (a write counter in
//! `meta` tells) or a batch failed half-way.

use crate::blocks;
use crate::cluster::{ArticleSeq, StoryClusterer, StoryId};
use crate::error::{Result, StoreError};
use crate::store::{current_time, Store};
use parallax::model::Article;
use rayon::prelude::*;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

/// An article ready to be written: its signature is computed.
pub struct Prepared<Signature> {
    pub article: Article,
    pub signature: Signature,
}

/// Computes an article's signature.
pub fn prepare<C: StoryClusterer>(article: Article) -> Prepared<C::Signature> {
    let signature = C::signature(&article);
    Prepared { article, signature }
}

/// Computes the signatures of a batch in parallel, keeping its order.
pub fn prepare_all<C: StoryClusterer>(articles: Vec<Article>) -> Vec<Prepared<C::Signature>> {
    articles.into_par_iter().map(prepare::<C>).collect()
}

/// What one batch did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BatchOutcome {
    /// Articles stored for the first time.
    pub added: u64,
    /// Articles the store already had (same content id).
    pub already_stored: u64,
    /// Locations recorded for the first time (new articles' and known
    /// articles' new sources or URLs).
    pub new_locations: u64,
    pub stories_opened: u64,
    pub stories_merged: u64,
}

impl BatchOutcome {
    pub fn add(&mut self, other: BatchOutcome) {
        self.added += other.added;
        self.already_stored += other.already_stored;
        self.new_locations += other.new_locations;
        self.stories_opened += other.stories_opened;
        self.stories_merged += other.stories_merged;
    }
}

const META_WRITES: &str = "writes";
const META_SIGNATURE_KIND: &str = "signature_kind";
/// Articles re-signed or caught up per transaction when opening.
const CATCH_UP_BATCH: usize = 500;

/// The state of the batch being written.
struct Batch {
    outcome: BatchOutcome,
    /// The id the next opened story gets.
    next_story: StoryId,
    /// Unix seconds, one reading per batch.
    now: i64,
}

/// Writes batches of articles into a store, placing each in a story.
pub struct Ingester<C: StoryClusterer> {
    store: Store,
    clusterer: C,
    /// The store's write counter as of the clusterer's last sync.
    known_writes: i64,
    /// Set when a batch failed after the clusterer had placed some of it.
    needs_resync: bool,
}

fn read_meta(connection: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    connection
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
            row.get(0)
        })
        .optional()
}

fn write_meta(connection: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    connection.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

fn read_writes(connection: &Connection) -> rusqlite::Result<i64> {
    Ok(read_meta(connection, META_WRITES)?
        .and_then(|value| value.parse().ok())
        .unwrap_or(0))
}

/// The headline shown for a story: the article's title, else its first
/// body block, cut at a word near 160 characters.
fn headline_of(article: &Article) -> String {
    let candidate = article
        .title
        .clone()
        .or_else(|| {
            article
                .body_blocks()
                .next()
                .map(|block| article.slice(&block.span).to_string())
        })
        .unwrap_or_default();
    let flat: String = candidate.split_whitespace().collect::<Vec<_>>().join(" ");
    const LIMIT: usize = 160;
    if flat.chars().count() <= LIMIT {
        return flat;
    }
    let cut: String = flat.chars().take(LIMIT).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |space| &cut[..space]);
    format!("{at_word}…")
}

impl<C: StoryClusterer> Ingester<C> {
    /// Opens an ingester on a store: signatures of another kind are made
    /// again, articles not yet in a story are placed, and the clusterer's
    /// index is rebuilt from the window of recent articles.
    pub fn open(store: Store, clusterer: C) -> Result<Self> {
        let mut ingester = Ingester {
            store,
            clusterer,
            known_writes: 0,
            needs_resync: true,
        };
        ingester.adopt_signature_kind()?;
        ingester.resync()?;
        ingester.place_unclustered()?;
        Ok(ingester)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn clusterer(&self) -> &C {
        &self.clusterer
    }

    pub fn into_store(self) -> Store {
        self.store
    }

    fn error(&self, error: rusqlite::Error) -> StoreError {
        self.store.sqlite_error(error)
    }

    /// Drops signatures of another kind and signs the window's articles
    /// again from their stored text.
    fn adopt_signature_kind(&mut self) -> Result<()> {
        let stored_kind = read_meta(&self.store.connection, META_SIGNATURE_KIND)
            .map_err(|error| self.error(error))?;
        if stored_kind.as_deref() == Some(C::KIND) {
            return Ok(());
        }
        {
            let transaction = self
                .store
                .connection
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|error| StoreError::from_sqlite(&self.store.path, error))?;
            transaction
                .execute("DELETE FROM signatures", [])
                .map_err(|error| StoreError::from_sqlite(&self.store.path, error))?;
            write_meta(&transaction, META_SIGNATURE_KIND, C::KIND)
                .map_err(|error| StoreError::from_sqlite(&self.store.path, error))?;
            transaction
                .commit()
                .map_err(|error| StoreError::from_sqlite(&self.store.path, error))?;
        }
        let window_start = self.window_start()?;
        let unsigned: Vec<ArticleSeq> = {
            let mut statement = self
                .store
                .connection
                .prepare(
                    "SELECT m.article FROM story_members m WHERE m.article > ?1
                     ORDER BY m.article",
                )
                .map_err(|error| self.error(error))?;
            let rows = statement
                .query_map([window_start], |row| row.get(0))
                .map_err(|error| self.error(error))?;
            rows.collect::<rusqlite::Result<_>>()
                .map_err(|error| self.error(error))?
        };
        for chunk in unsigned.chunks(CATCH_UP_BATCH) {
            let mut signed = Vec::with_capacity(chunk.len());
            for &seq in chunk {
                let article = self.store.article(seq, 0)?;
                signed.push((seq, C::encode(&C::signature(&article))));
            }
            let transaction = self
                .store
                .connection
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|error| StoreError::from_sqlite(&self.store.path, error))?;
            for (seq, bytes) in signed {
                transaction
                    .execute(
                        "INSERT OR REPLACE INTO signatures (article, bytes) VALUES (?1, ?2)",
                        params![seq, bytes],
                    )
                    .map_err(|error| StoreError::from_sqlite(&self.store.path, error))?;
            }
            transaction
                .commit()
                .map_err(|error| StoreError::from_sqlite(&self.store.path, error))?;
        }
        Ok(())
    }

    /// The first sequence number after the window: articles above it are
    /// in the clusterer's index.
    fn window_start(&self) -> Result<ArticleSeq> {
        let newest: ArticleSeq = self
            .store
            .connection
            .query_row("SELECT coalesce(max(seq), 0) FROM articles", [], |row| {
                row.get(0)
            })
            .map_err(|error| self.error(error))?;
        let window = ArticleSeq::try_from(self.clusterer.window()).unwrap_or(ArticleSeq::MAX);
        Ok(newest.saturating_sub(window).max(0))
    }

    /// Rebuilds the clusterer's index from the stored signatures of the
    /// window's articles.
    fn resync(&mut self) -> Result<()> {
        self.clusterer.reset();
        let window_start = self.window_start()?;
        let newest: ArticleSeq = self
            .store
            .connection
            .query_row("SELECT coalesce(max(seq), 0) FROM articles", [], |row| {
                row.get(0)
            })
            .map_err(|error| self.error(error))?;
        self.clusterer.begin_restore(newest);
        let connection = &self.store.connection;
        let path = &self.store.path;
        let writes =
            read_writes(connection).map_err(|error| StoreError::from_sqlite(path, error))?;
        let mut statement = connection
            .prepare(
                "SELECT s.article, m.story, s.bytes FROM signatures s
                 JOIN story_members m ON m.article = s.article
                 WHERE s.article > ?1 ORDER BY s.article",
            )
            .map_err(|error| StoreError::from_sqlite(path, error))?;
        let mut rows = statement
            .query([window_start])
            .map_err(|error| StoreError::from_sqlite(path, error))?;
        while let Some(row) = rows
            .next()
            .map_err(|error| StoreError::from_sqlite(path, error))?
        {
            let article: ArticleSeq = row
                .get(0)
                .map_err(|error| StoreError::from_sqlite(path, error))?;
            let story: StoryId = row
                .get(1)
                .map_err(|error| StoreError::from_sqlite(path, error))?;
            let bytes = row
                .get_ref(2)
                .map_err(|error| StoreError::from_sqlite(path, error))?
                .as_blob()
                .unwrap_or_default();
            // A signature that does not decode is left out of the index:
            // its article stays in its story but is no candidate.
            if let Some(signature) = C::decode(bytes) {
                self.clusterer.restore(article, story, &signature);
            }
        }
        self.known_writes = writes;
        self.needs_resync = false;
        Ok(())
    }

    /// Places articles that are stored but in no story (a store from
    /// before stories, or one written by an older build), oldest first.
    fn place_unclustered(&mut self) -> Result<()> {
        let counts: (i64, i64) = self
            .store
            .connection
            .query_row(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM story_members)",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .map_err(|error| self.error(error))?;
        if counts.0 == counts.1 {
            return Ok(());
        }
        let waiting: Vec<ArticleSeq> = {
            let mut statement = self
                .store
                .connection
                .prepare(
                    "SELECT a.seq FROM articles a LEFT JOIN story_members m ON m.article = a.seq
                     WHERE m.article IS NULL ORDER BY a.seq",
                )
                .map_err(|error| self.error(error))?;
            let rows = statement
                .query_map([], |row| row.get(0))
                .map_err(|error| self.error(error))?;
            rows.collect::<rusqlite::Result<_>>()
                .map_err(|error| self.error(error))?
        };
        for chunk in waiting.chunks(CATCH_UP_BATCH) {
            let mut prepared = Vec::with_capacity(chunk.len());
            for &seq in chunk {
                let article = self.store.article(seq, 0)?;
                let signature = C::signature(&article);
                prepared.push((seq, article, signature));
            }
            self.write_with(|connection, clusterer, batch| {
                for (seq, article, signature) in &prepared {
                    Self::place_article(connection, clusterer, *seq, article, signature, batch)?;
                }
                Ok(())
            })?;
        }
        Ok(())
    }

    /// Writes one batch in one transaction.
    pub fn write_batch(&mut self, batch: Vec<Prepared<C::Signature>>) -> Result<BatchOutcome> {
        self.write_with(|connection, clusterer, state| {
            for prepared in &batch {
                Self::write_article(connection, clusterer, prepared, state)?;
            }
            Ok(())
        })
    }

    /// Runs `work` in a write transaction, with the clusterer in step with
    /// the store, and bumps the write counter.
    fn write_with(
        &mut self,
        work: impl FnOnce(&Connection, &mut C, &mut Batch) -> rusqlite::Result<()>,
    ) -> Result<BatchOutcome> {
        // Take the write lock first, then look whether someone else wrote.
        self.store
            .connection
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|error| self.error(error))?;
        let result = self.write_locked(work);
        match result {
            Ok(outcome) => match self.store.connection.execute_batch("COMMIT") {
                Ok(()) => {
                    self.known_writes += 1;
                    Ok(outcome)
                }
                Err(error) => {
                    let _ = self.store.connection.execute_batch("ROLLBACK");
                    self.needs_resync = true;
                    Err(self.error(error))
                }
            },
            Err(error) => {
                let _ = self.store.connection.execute_batch("ROLLBACK");
                self.needs_resync = true;
                Err(error)
            }
        }
    }

    fn write_locked(
        &mut self,
        work: impl FnOnce(&Connection, &mut C, &mut Batch) -> rusqlite::Result<()>,
    ) -> Result<BatchOutcome> {
        let writes = read_writes(&self.store.connection).map_err(|error| self.error(error))?;
        if self.needs_resync || writes != self.known_writes {
            self.resync()?;
        }
        let connection = &self.store.connection;
        let path = &self.store.path;
        let next_story: StoryId = connection
            .query_row("SELECT coalesce(max(id), 0) + 1 FROM stories", [], |row| {
                row.get(0)
            })
            .map_err(|error| StoreError::from_sqlite(path, error))?;
        let mut batch = Batch {
            outcome: BatchOutcome::default(),
            next_story,
            now: current_time(),
        };
        work(connection, &mut self.clusterer, &mut batch)
            .map_err(|error| StoreError::from_sqlite(path, error))?;
        let outcome = batch.outcome;
        write_meta(connection, META_WRITES, &(writes + 1).to_string())
            .map_err(|error| StoreError::from_sqlite(path, error))?;
        self.known_writes = writes;
        Ok(outcome)
    }

    fn write_article(
        connection: &Connection,
        clusterer: &mut C,
        prepared: &Prepared<C::Signature>,
        batch: &mut Batch,
    ) -> rusqlite::Result<()> {
        let article = &prepared.article;
        let now = batch.now;
        let url = article.url.as_deref().unwrap_or("");
        let existing: Option<ArticleSeq> = connection
            .prepare_cached("SELECT seq FROM articles WHERE id = ?1")?
            .query_row([&article.id], |row| row.get(0))
            .optional()?;
        if let Some(seq) = existing {
            let inserted = connection
                .prepare_cached(
                    "INSERT OR IGNORE INTO locations (article, source, url, first_seen)
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![seq, article.source, url, now])?;
            batch.outcome.already_stored += 1;
            batch.outcome.new_locations += inserted as u64;
            return Ok(());
        }
        connection
            .prepare_cached(
                "INSERT INTO articles (id, title, published, language, byline, text, blocks,
                 first_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                article.id,
                article.title,
                article
                    .published
                    .map(|date| date.format("%Y-%m-%d").to_string()),
                article.language,
                article.byline,
                article.text,
                blocks::encode(&article.blocks),
                now
            ])?;
        let seq = connection.last_insert_rowid();
        connection
            .prepare_cached(
                "INSERT INTO locations (article, source, url, first_seen) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![seq, article.source, url, now])?;
        batch.outcome.added += 1;
        batch.outcome.new_locations += 1;
        Self::place_article(
            connection,
            clusterer,
            seq,
            article,
            &prepared.signature,
            batch,
        )
    }

    /// Stores the article's signature and places it in a story.
    fn place_article(
        connection: &Connection,
        clusterer: &mut C,
        seq: ArticleSeq,
        article: &Article,
        signature: &C::Signature,
        batch: &mut Batch,
    ) -> rusqlite::Result<()> {
        let now = batch.now;
        connection
            .prepare_cached("INSERT OR REPLACE INTO signatures (article, bytes) VALUES (?1, ?2)")?
            .execute(params![seq, C::encode(signature)])?;
        let placement = clusterer.place(seq, signature, batch.next_story);
        let independent = i64::from(placement.copy_of.is_none());
        if placement.opened {
            connection
                .prepare_cached(
                    "INSERT INTO stories (id, headline, article_count, source_count,
                     first_article, last_article, created_at, updated_at)
                     VALUES (?1, ?2, 1, 1, ?3, ?3, ?4, ?4)",
                )?
                .execute(params![placement.story, headline_of(article), seq, now])?;
            batch.outcome.stories_opened += 1;
            batch.next_story = batch.next_story.max(placement.story) + 1;
        } else {
            connection
                .prepare_cached(
                    "UPDATE stories SET article_count = article_count + 1,
                     source_count = source_count + ?2, last_article = max(last_article, ?3),
                     updated_at = ?4 WHERE id = ?1",
                )?
                .execute(params![placement.story, independent, seq, now])?;
        }
        for absorbed in &placement.absorbed {
            merge_story(connection, *absorbed, placement.story, now)?;
            batch.outcome.stories_merged += 1;
        }
        connection
            .prepare_cached(
                "INSERT INTO story_members (article, story, copy_of) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![seq, placement.story, placement.copy_of])?;
        Ok(())
    }
}

/// Moves every article of `absorbed` into `surviving` and marks `absorbed`
/// as merged (its id keeps leading to `surviving`; stories merged into
/// `absorbed` before lead there through it).
fn merge_story(
    connection: &Connection,
    absorbed: StoryId,
    surviving: StoryId,
    now: i64,
) -> rusqlite::Result<()> {
    if absorbed == surviving {
        return Ok(());
    }
    connection
        .prepare_cached("UPDATE story_members SET story = ?2 WHERE story = ?1")?
        .execute(params![absorbed, surviving])?;
    connection
        .prepare_cached(
            "UPDATE stories SET
               article_count = article_count + (SELECT article_count FROM stories WHERE id = ?1),
               source_count = source_count + (SELECT source_count FROM stories WHERE id = ?1),
               first_article = min(first_article, (SELECT first_article FROM stories WHERE id = ?1)),
               last_article = max(last_article, (SELECT last_article FROM stories WHERE id = ?1)),
               created_at = min(created_at, (SELECT created_at FROM stories WHERE id = ?1)),
               updated_at = ?3
             WHERE id = ?2",
        )?
        .execute(params![absorbed, surviving, now])?;
    connection
        .prepare_cached("UPDATE stories SET merged_into = ?2 WHERE id = ?1")?
        .execute(params![absorbed, surviving])?;
    Ok(())
}
