//! What can go wrong with a store, in words a person can act on.

use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("no store at {path}; run `parallax ingest PATH… --db {path}` first", path = .path.display())]
    Missing { path: PathBuf },
    #[error("{path} is not a parallax store (not an SQLite database, or its header is damaged)", path = .path.display())]
    NotADatabase { path: PathBuf },
    #[error("{path} is an SQLite database of another program, not a parallax store; choose another file with --db", path = .path.display())]
    ForeignDatabase { path: PathBuf },
    #[error("{path} is damaged ({detail}); restore it from a copy, or ingest the articles again into a new store", path = .path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error("{path} was written by a newer parallax (store schema version {found}; this build knows versions up to {supported}); upgrade parallax to use it", path = .path.display())]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{path} is locked by another process (another `parallax ingest` writing to it?); try again when it has finished", path = .path.display())]
    Locked { path: PathBuf },
    #[error("cannot open {path}: {detail}", path = .path.display())]
    CannotOpen { path: PathBuf, detail: String },
    #[error("no story {story} in {path} (`parallax stories --db {path}` lists them)", path = .path.display())]
    NoSuchStory { path: PathBuf, story: u64 },
    #[error("{path}: stored article {article} cannot be read back: {detail}", path = .path.display())]
    BadRecord {
        path: PathBuf,
        article: String,
        detail: String,
    },
    #[error("{path}: database error: {source}", path = .path.display())]
    Database {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
}

impl StoreError {
    /// Names an SQLite error for the user: a busy or locked database, a file
    /// that is not a database, damage; anything else as a database error.
    pub fn from_sqlite(path: &Path, error: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode;
        let path = path.to_path_buf();
        let code = match &error {
            rusqlite::Error::SqliteFailure(failure, _) => Some(failure.code),
            _ => None,
        };
        match code {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                StoreError::Locked { path }
            }
            Some(ErrorCode::NotADatabase) => StoreError::NotADatabase { path },
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
                path,
                detail: error.to_string(),
            },
            Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::ReadOnly) => {
                StoreError::CannotOpen {
                    path,
                    detail: error.to_string(),
                }
            }
            _ => StoreError::Database {
                path,
                source: error,
            },
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
