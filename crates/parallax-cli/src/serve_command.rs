//! `parallax serve`: the JSON API and web UI over a store.

use parallax_serve::{Auth, Limits, ServeConfig, ServeError};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The store (created when missing): the file `parallax ingest` writes.
    #[arg(long, default_value = "parallax.db")]
    db: PathBuf,
    /// Address to listen on; loopback unless you give another.
    #[arg(long, default_value = parallax_serve::DEFAULT_ADDR)]
    addr: SocketAddr,
    /// Token that writes (POST /api/articles) must carry as
    /// `Authorization: Bearer TOKEN`; default: $PARALLAX_TOKEN, else a
    /// random one, printed at start.
    #[arg(long, conflicts_with = "no_auth")]
    token: Option<String>,
    /// Let anyone who can reach the server add articles, without a token.
    #[arg(long)]
    no_auth: bool,
    /// Largest request body accepted, in bytes (413 beyond).
    #[arg(long, default_value_t = Limits::default().max_body_bytes as u64, value_parser = clap::value_parser!(u64).range(1024..=1024 * 1024 * 1024))]
    max_body_bytes: u64,
    /// Most articles accepted in one request (400 beyond).
    #[arg(long, default_value_t = Limits::default().max_articles as u64, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    max_articles: u64,
}

/// Runs the server until Ctrl-C (or SIGTERM).
pub fn run_serve(args: ServeArgs) -> ExitCode {
    let given_token = args.token.or_else(|| std::env::var("PARALLAX_TOKEN").ok());
    let (auth, token_shown) = match (args.no_auth, given_token) {
        (true, _) => (Auth::Disabled, None),
        (false, Some(token)) if !token.trim().is_empty() => {
            (Auth::Token(token.trim().to_string()), None)
        }
        (false, _) => match parallax_serve::random_token() {
            Ok(token) => (Auth::Token(token.clone()), Some(token)),
            Err(error) => return fatal(&error),
        },
    };
    let limits = Limits {
        max_body_bytes: usize::try_from(args.max_body_bytes).unwrap_or(usize::MAX),
        max_articles: usize::try_from(args.max_articles).unwrap_or(usize::MAX),
        ..Limits::default()
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("parallax: cannot start the server's threads: {error}");
            return ExitCode::from(2);
        }
    };
    // Bind before opening the store: a port in use is said at once.
    let listener = match runtime.block_on(parallax_serve::bind(args.addr)) {
        Ok(listener) => listener,
        Err(error) => return fatal(&error),
    };
    if let Some(folder) = args.db.parent() {
        if !folder.as_os_str().is_empty() && !folder.is_dir() {
            eprintln!(
                "parallax: cannot create the store {}: the folder {} does not exist; create it or choose another --db",
                args.db.display(),
                folder.display()
            );
            return ExitCode::from(2);
        }
    }
    eprintln!("parallax: opening {}", args.db.display());
    let config = ServeConfig {
        database: args.db.clone(),
        auth: auth.clone(),
        limits,
    };
    let state = match parallax_serve::open(config) {
        Ok(state) => state,
        Err(error) => return fatal(&error),
    };
    let address = listener.local_addr().unwrap_or(args.addr);
    let mut lines = vec![
        format!("parallax serve: {} on http://{address}/", args.db.display()),
        format!("  web UI  http://{address}/"),
        format!("  API     http://{address}{}", parallax_serve::OPENAPI_PATH),
    ];
    match (&auth, token_shown) {
        (Auth::Disabled, _) => {
            lines.push("  writes  open to anyone who can reach the server (--no-auth)".to_string())
        }
        (Auth::Token(_), Some(token)) => lines.push(format!(
            "  writes  need `Authorization: Bearer {token}` (a new token each start; fix one with --token or PARALLAX_TOKEN)"
        )),
        (Auth::Token(_), None) => {
            lines.push("  writes  need `Authorization: Bearer` and the token you gave".to_string())
        }
    }
    if !address.ip().is_loopback() {
        lines.push(format!(
            "  note    {} is reachable from other machines; the API and UI are not encrypted",
            address.ip()
        ));
    }
    lines.push("Press Ctrl-C to stop.".to_string());
    {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        for line in &lines {
            let _ = writeln!(out, "{line}");
        }
        let _ = out.flush();
    }
    let served = runtime.block_on(parallax_serve::serve(listener, state, shutdown_signal()));
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fatal(&error),
    }
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

fn fatal(error: &ServeError) -> ExitCode {
    eprintln!("parallax: {error}");
    ExitCode::from(2)
}
