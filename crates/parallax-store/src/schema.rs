//! The store's schema and its migrations.
//!
//! The schema version is SQLite's `PRAGMA user_version`: version `n` means
//! the first `n` entries of [`MIGRATIONS`] have been applied, each in its own
//! transaction with the version bump, so a crash leaves the store at one
//! version or the next, never between. A store is recognised as ours by
//! `PRAGMA application_id` ([`APPLICATION_ID`]), set by the first migration.
//!
//! Migrations are only ever appended: a released one is never edited.

use crate::error::{Result, StoreError};
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;

/// "PRLX": marks an SQLite file as a parallax store.
pub const APPLICATION_ID: i32 = 0x5052_4c58;

/// Version 1: articles (keyed by content hash, with an integer sequence
/// number in ingest order) and their locations (one article may be found at
/// several sources and URLs).
const VERSION_1: &str = "
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT,
    published TEXT,
    language TEXT,
    byline TEXT,
    text TEXT NOT NULL,
    blocks TEXT NOT NULL,
    first_seen INTEGER NOT NULL
);
CREATE TABLE locations (
    article INTEGER NOT NULL REFERENCES articles(seq),
    source TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    first_seen INTEGER NOT NULL,
    PRIMARY KEY (article, source, url)
) WITHOUT ROWID;
PRAGMA application_id = 1347570776;
";

/// Version 2: stories, who belongs to them, and what the story clusterer
/// needs to resume (one signature per article); `meta` holds the
/// clusterer's kind and a write counter.
const VERSION_2: &str = "
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    headline TEXT NOT NULL,
    article_count INTEGER NOT NULL,
    source_count INTEGER NOT NULL,
    first_article INTEGER NOT NULL,
    last_article INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    merged_into INTEGER REFERENCES stories(id)
);
CREATE INDEX stories_by_last_article ON stories(last_article) WHERE merged_into IS NULL;
CREATE TABLE story_members (
    article INTEGER PRIMARY KEY REFERENCES articles(seq),
    story INTEGER NOT NULL REFERENCES stories(id),
    copy_of INTEGER REFERENCES articles(seq)
);
CREATE INDEX story_members_by_story ON story_members(story, article);
CREATE TABLE signatures (
    article INTEGER PRIMARY KEY REFERENCES articles(seq),
    bytes BLOB NOT NULL
);
";

/// Every migration, in order; the schema version is how many have run.
pub const MIGRATIONS: &[&str] = &[VERSION_1, VERSION_2];

/// The schema version this build writes.
pub fn latest_version() -> u32 {
    MIGRATIONS.len() as u32
}

pub fn user_version(connection: &Connection) -> rusqlite::Result<u32> {
    connection.query_row("PRAGMA user_version", [], |row| row.get::<_, u32>(0))
}

pub(crate) fn application_id(connection: &Connection) -> rusqlite::Result<i32> {
    connection.query_row("PRAGMA application_id", [], |row| row.get::<_, i32>(0))
}

/// Whether the database holds any table (a fresh or empty file holds none).
pub(crate) fn has_tables(connection: &Connection) -> rusqlite::Result<bool> {
    connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table')",
        [],
        |row| row.get::<_, bool>(0),
    )
}

/// Checks that the database is ours (or empty) and not from a newer build.
pub(crate) fn check_compatible(connection: &Connection, path: &Path) -> Result<u32> {
    let sqlite_error = |error| StoreError::from_sqlite(path, error);
    let version = user_version(connection).map_err(sqlite_error)?;
    let application = application_id(connection).map_err(sqlite_error)?;
    if application != APPLICATION_ID
        && (version != 0 || has_tables(connection).map_err(sqlite_error)?)
    {
        return Err(StoreError::ForeignDatabase {
            path: path.to_path_buf(),
        });
    }
    if version > latest_version() {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: latest_version(),
        });
    }
    Ok(version)
}

/// Brings the database to `target` (at most [`latest_version`]), one
/// migration per transaction. Returns the version it was at.
pub fn migrate_to(connection: &mut Connection, path: &Path, target: u32) -> Result<u32> {
    let sqlite_error = |error| StoreError::from_sqlite(path, error);
    let starting_version = check_compatible(connection, path)?;
    let mut version = starting_version;
    while version < target {
        let transaction = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sqlite_error)?;
        // Another process may have migrated meanwhile: read again under the
        // write lock.
        let current = user_version(&transaction).map_err(sqlite_error)?;
        if current >= target {
            break;
        }
        let Some(migration) = MIGRATIONS.get(current as usize) else {
            break;
        };
        transaction.execute_batch(migration).map_err(sqlite_error)?;
        transaction
            .pragma_update(None, "user_version", current + 1)
            .map_err(sqlite_error)?;
        transaction.commit().map_err(sqlite_error)?;
        version = current + 1;
    }
    Ok(starting_version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_application_id_in_the_first_migration_is_ours() {
        assert!(VERSION_1.contains(&format!("application_id = {APPLICATION_ID};")));
    }

    #[test]
    fn every_migration_runs_on_the_one_before() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("steps.db");
        let mut connection = Connection::open(&path).unwrap();
        for target in 1..=latest_version() {
            let from = migrate_to(&mut connection, &path, target).unwrap();
            assert_eq!(from, target - 1);
            assert_eq!(user_version(&connection).unwrap(), target);
        }
        assert_eq!(application_id(&connection).unwrap(), APPLICATION_ID);
    }

    #[test]
    fn a_newer_schema_is_refused_with_both_versions() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("newer.db");
        let mut connection = Connection::open(&path).unwrap();
        migrate_to(&mut connection, &path, latest_version()).unwrap();
        connection
            .pragma_update(None, "user_version", latest_version() + 3)
            .unwrap();
        let error = check_compatible(&connection, &path).unwrap_err();
        assert!(
            matches!(error, StoreError::NewerSchema { found, .. } if found == latest_version() + 3)
        );
        assert!(error.to_string().contains("upgrade parallax"));
    }

    #[test]
    fn another_programs_database_is_not_taken_for_ours() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("other.db");
        let mut connection = Connection::open(&path).unwrap();
        connection
            .execute_batch("CREATE TABLE recipes (name TEXT);")
            .unwrap();
        let error = migrate_to(&mut connection, &path, latest_version()).unwrap_err();
        assert!(matches!(error, StoreError::ForeignDatabase { .. }));
        assert_eq!(user_version(&connection).unwrap(), 0);
    }
}
