//! The Parallax store: articles, where they were found, and the stories
//! they form, in one SQLite file (bundled SQLite, write-ahead logging).
//!
//! Takes articles from the `ingest` stage; keeps each once by its content
//! id (the same text at two URLs is one article with two locations),
//! places each new article in a story as it arrives (see [`cluster`]), and
//! gives back story lists, story details and the stored articles for the
//! pipeline. Promises: every batch is one transaction, so a crash loses at
//! most the batch in flight and never leaves half of one; ingesting the
//! same input again adds nothing; a store from an older build is migrated
//! on open (see [`schema`]); a store from a newer build, a locked store, or
//! a file that is not a store is an error that says what to do.
//!
//! Stories: [`StreamStoryClusterer`] (the library's `fuse::stream`
//! clusterer and `fuse::near_dup` index, fed a signature made from the
//! text) is the default; [`KeyTermClusterer`] is a simpler one kept as a
//! baseline. Either is rebuilt on open from the signatures stored with the
//! recent articles, so memory stays bounded however large the store grows.
//!
//! Layout of the file (see [`schema`]): `articles` (content id, text,
//! title, date, language, by-line, blocks as compact JSON, first seen),
//! `locations` (article, source, URL), `stories` (headline, counts, first
//! and last article, merged into), `story_members` (article, story, the
//! article it copies), `signatures` (per article, for the clusterer) and
//! `meta`.

#![warn(clippy::print_stdout, clippy::print_stderr)]

mod blocks;
pub mod cluster;
pub mod corpus;
mod error;
pub mod ingest;
pub mod schema;
mod store;
pub mod stream_clusterer;

pub use cluster::{ArticleSeq, KeyTermClusterer, Placement, StoryClusterer, StoryId};
pub use error::{Result, StoreError};
pub use ingest::{prepare, prepare_all, BatchOutcome, Ingester, Prepared};
pub use store::{Counts, Location, Store, StoredArticle, StoryDetail, StorySummary, BUSY_TIMEOUT};
pub use stream_clusterer::StreamStoryClusterer;

/// The clusterer `parallax ingest` uses.
pub type DefaultClusterer = StreamStoryClusterer;
