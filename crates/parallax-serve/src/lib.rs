//! The Parallax server: `parallax serve`, a JSON API and a web UI over one
//! store.
//!
//! Takes a store file (the SQLite file `parallax ingest` writes; created
//! when missing) and an address; gives an HTTP server whose API lists the
//! stored stories, serves each story's brief as the `parallax.brief/1` JSON
//! document, lists entities and claim groups, and takes new articles (text,
//! HTML, JSON, JSON Lines) that are ingested and placed in stories at once.
//! The web UI is a few static files built into the binary (no build step,
//! no second server): it reads the same API. The API is described by the
//! OpenAPI document served at [`OPENAPI_PATH`].
//!
//! Promises: article text reaches the browser only as JSON and is shown as
//! text, never as markup (and the pages forbid inline scripts); writes need
//! the token given at start unless auth is explicitly disabled; request
//! bodies and article counts are bounded, with 413 and 400 answers that say
//! the bound; no request names a file (the only file touched is the
//! store); a bad request or a failing store is an error answer and the
//! server goes on serving. The library never prints: the front end says
//! what the server is doing.

#![warn(clippy::print_stdout, clippy::print_stderr)]

mod api;
mod error;
mod post;
mod state;
mod ui;
mod views;

pub use error::ServeError;
pub use state::{AppState, Auth, Limits};

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// Where the OpenAPI description of the API is served.
pub const OPENAPI_PATH: &str = "/api/openapi.json";

/// The OpenAPI description, as served.
pub const OPENAPI_JSON: &str = include_str!("../openapi.json");

/// The address `parallax serve` binds to by default: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:7878";

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The store file; created when missing.
    pub database: PathBuf,
    pub auth: Auth,
    pub limits: Limits,
}

/// Opens (or creates) the store and everything the server keeps in memory.
/// Fails with a message a person can act on when the file is not a store,
/// is damaged, locked, or of a newer version.
pub fn open(config: ServeConfig) -> Result<Arc<AppState>, ServeError> {
    state::AppState::open(config).map(Arc::new)
}

/// The server's routes: the API under `/api/` and the UI at `/`.
pub fn router(state: Arc<AppState>) -> axum::Router {
    ui::with_security_headers(api::router(state).merge(ui::router()))
}

/// Binds a TCP listener, naming a port in use or a forbidden port plainly.
pub async fn bind(addr: SocketAddr) -> Result<tokio::net::TcpListener, ServeError> {
    tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServeError::from_bind(addr, source))
}

/// Serves until `shutdown` completes, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let app = router(state);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|source| ServeError::Io {
            what: "serving".to_string(),
            source,
        })
}

/// A random token for writes (URL-safe, 32 hex digits), for a server
/// started without one.
pub fn random_token() -> Result<String, ServeError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|error| ServeError::Random {
        detail: error.to_string(),
    })?;
    Ok(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
}
