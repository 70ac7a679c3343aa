//! `parallax ingest` killed in the middle of a large run: every committed
//! batch is whole, the file is sound, and running again finishes the job
//! with no duplicates.

use parallax_store::corpus::{bases_from_text_folder, Stream, StreamSettings};
use rusqlite::{Connection, OpenFlags};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BATCH: usize = 50;

fn parallax() -> Command {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
}

/// Writes a generated corpus into `folder`; returns the file names in
/// order and the number of distinct articles (content ids) among them.
fn write_corpus(folder: &Path, articles: usize) -> (Vec<String>, usize) {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/stories");
    let bases = bases_from_text_folder(&examples).expect("examples/stories is readable");
    assert!(!bases.is_empty());
    let settings = StreamSettings {
        articles,
        seed: 11,
        ..StreamSettings::default()
    };
    let mut names = Vec::new();
    let mut ids = HashSet::new();
    for generated in Stream::new(bases, settings) {
        let path = folder.join(&generated.name);
        std::fs::write(&path, &generated.text).expect("corpus file is written");
        let article =
            parallax::ingest::read_plain_text(&generated.name, generated.text.as_bytes(), 0)
                .expect("generated text reads");
        ids.insert(article.id);
        names.push(path.display().to_string());
    }
    (names, ids.len())
}

fn count(connection: &Connection, sql: &str) -> rusqlite::Result<i64> {
    connection.query_row(sql, [], |row| row.get(0))
}

fn open_read_only(path: &Path) -> Option<Connection> {
    if !path.exists() {
        return None;
    }
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()
}

fn stored_sources(path: &Path) -> Vec<String> {
    let connection = open_read_only(path).expect("store opens");
    let mut statement = connection
        .prepare("SELECT source FROM locations ORDER BY source")
        .expect("query prepares");
    let rows = statement
        .query_map([], |row| row.get::<_, String>(0))
        .expect("query runs");
    rows.map(|row| row.expect("row reads")).collect()
}

#[test]
fn ingest_killed_mid_run_keeps_whole_batches_and_a_rerun_finishes_the_job() {
    let directory = tempfile::tempdir().expect("temporary folder");
    let corpus: PathBuf = directory.path().join("corpus");
    std::fs::create_dir(&corpus).expect("corpus folder");
    let (files, distinct) = write_corpus(&corpus, 2000);
    let database = directory.path().join("crash.db");

    let mut child = parallax()
        .args(["ingest", "--batch", &BATCH.to_string(), "--db"])
        .arg(&database)
        .arg(&corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("parallax starts");

    // Wait until some batches are committed, then kill it.
    let kill_at = (files.len() / 4) as i64;
    let started = Instant::now();
    let mut seen_committed = 0i64;
    loop {
        if let Some(status) = child.try_wait().expect("child status") {
            panic!(
                "ingest finished ({status}) after {seen_committed} committed articles, before it could be killed: make the corpus larger"
            );
        }
        if let Some(connection) = open_read_only(&database) {
            if let Ok(articles) = count(&connection, "SELECT count(*) FROM articles") {
                seen_committed = articles;
            }
        }
        if seen_committed >= kill_at {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "ingest too slow: {seen_committed} articles in two minutes"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().expect("SIGKILL is sent");
    child.wait().expect("child is reaped");

    // The file is sound and holds at least what was seen committed.
    let connection = open_read_only(&database).expect("store opens after the crash");
    let integrity: String = connection
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("integrity check runs");
    assert_eq!(integrity, "ok");
    let articles_after_crash = count(&connection, "SELECT count(*) FROM articles").unwrap();
    assert!(articles_after_crash >= seen_committed);
    assert!(
        (articles_after_crash as usize) < distinct,
        "killed before the end"
    );
    drop(connection);
    // Whole batches only: the inputs stored are the first N files, N a
    // whole number of batches.
    let sources = stored_sources(&database);
    assert_eq!(sources.len() % BATCH, 0, "{} locations", sources.len());
    assert_eq!(sources, files[..sources.len()].to_vec());
    // Stories, members and counts agree.
    let store = parallax_store::Store::open(&database).expect("store opens");
    assert_eq!(store.audit().expect("audit runs"), Vec::<String>::new());
    drop(store);

    // Running again finishes the job, without duplicates.
    let rerun = parallax()
        .args(["ingest", "--batch", &BATCH.to_string(), "--db"])
        .arg(&database)
        .arg(&corpus)
        .output()
        .expect("parallax runs again");
    assert!(
        rerun.status.success(),
        "{}",
        String::from_utf8_lossy(&rerun.stderr)
    );
    let store = parallax_store::Store::open(&database).expect("store opens");
    let counts = store.counts().expect("counts");
    assert_eq!(counts.articles as usize, distinct);
    assert_eq!(counts.locations as usize, files.len());
    assert!(counts.stories > 0);
    assert_eq!(store.integrity_check().expect("check runs"), "ok");
    assert_eq!(store.audit().expect("audit runs"), Vec::<String>::new());
    let summary = String::from_utf8_lossy(&rerun.stdout);
    let missing = distinct - articles_after_crash as usize;
    assert!(summary.contains(&format!(": {missing} new,")), "{summary}");
}
