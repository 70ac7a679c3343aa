//! The store end to end: idempotent ingest, locations, stories across
//! restarts and writers, migrations from every older version, and the
//! errors a person sees.

use parallax::ingest::read_plain_text;
use parallax::model::Article;
use parallax_store::schema::{latest_version, migrate_to, user_version, MIGRATIONS};
use parallax_store::{
    prepare_all, DefaultClusterer, Ingester, KeyTermClusterer, Store, StoreError, StoryClusterer,
};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

const FLOOD_ONE: &str = "River floods Kellmark\n\nHeavy rain flooded the river town of Kellmark on Monday, and the mayor, Ilse Brandvik, ordered 1,200 residents to leave their homes.\n\nRescue boats reached the flooded streets of Kellmark by evening, Brandvik said.\n";
const FLOOD_TWO: &str = "The mayor of Kellmark, Ilse Brandvik, told 1,200 people to leave after the river burst its banks in the town on Monday.\n\nBoats carried residents from the flooded streets of Kellmark, Brandvik said.\n";
const TRADE: &str = "Ministers from Oskaria and Velland signed a trade pact in Porvo on Friday, cutting tariffs on timber and grain by 40 percent.\n\nThe Velland trade minister, Aron Miettinen, called the Porvo pact historic.\n";

fn article(source: &str, url: Option<&str>, text: &str) -> Article {
    let mut article = read_plain_text(source, text.as_bytes(), 0).unwrap();
    article.url = url.map(str::to_string);
    article
}

fn store_path(directory: &tempfile::TempDir) -> PathBuf {
    directory.path().join("parallax.db")
}

fn ingest(path: &Path, articles: Vec<Article>) -> parallax_store::BatchOutcome {
    let store = Store::open_or_create(path).unwrap();
    let mut ingester = Ingester::open(store, DefaultClusterer::default()).unwrap();
    ingester
        .write_batch(prepare_all::<DefaultClusterer>(articles))
        .unwrap()
}

#[test]
fn the_same_text_twice_is_stored_once() {
    let directory = tempfile::tempdir().unwrap();
    let path = store_path(&directory);
    let first = ingest(&path, vec![article("a.txt", None, FLOOD_ONE)]);
    assert_eq!(
        (first.added, first.already_stored, first.new_locations),
        (1, 0, 1)
    );
    // Again, and again with other white space: nothing new.
    let second = ingest(
        &path,
        vec![
            article("a.txt", None, FLOOD_ONE),
            article("a.txt", None, &FLOOD_ONE.replace("\n\n", "\n\n\n")),
        ],
    );
    assert_eq!(
        (second.added, second.already_stored, second.new_locations),
        (0, 2, 0)
    );
    let store = Store::open(&path).unwrap();
    let counts = store.counts().unwrap();
    assert_eq!(
        (counts.articles, counts.locations, counts.stories),
        (1, 1, 1)
    );
    assert_eq!(store.audit().unwrap(), Vec::<String>::new());
}

#[test]
fn the_same_text_at_two_urls_is_one_article_with_two_locations() {
    let directory = tempfile::tempdir().unwrap();
    let path = store_path(&directory);
    let outcome = ingest(
        &path,
        vec![
            article("feed-a", Some("https://a.example/flood"), FLOOD_ONE),
            article("feed-b", Some("https://b.example/news/1"), FLOOD_ONE),
        ],
    );
    assert_eq!(
        (outcome.added, outcome.already_stored, outcome.new_locations),
        (1, 1, 2)
    );
    let store = Store::open(&path).unwrap();
    let stories = store.stories(None).unwrap();
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].article_count, 1);
    let detail = store.story(stories[0].id).unwrap();
    let urls: Vec<Option<String>> = detail.articles[0]
        .locations
        .iter()
        .map(|location| location.url.clone())
        .collect();
    assert_eq!(
        urls,
        vec![
            Some("https://a.example/flood".to_string()),
            Some("https://b.example/news/1".to_string())
        ]
    );
}

#[test]
fn stored_articles_read_back_as_they_were_ingested() {
    let directory = tempfile::tempdir().unwrap();
    let path = store_path(&directory);
    let mut original = article("flood.txt", Some("https://a.example/f"), FLOOD_ONE);
    original.published = chrono::NaiveDate::from_ymd_opt(2024, 3, 5);
    original.language = Some("eng".to_string());
    original.byline = Some("Ane Lund".to_string());
    ingest(&path, vec![original.clone()]);
    let store = Store::open(&path).unwrap();
    let story = store.stories(None).unwrap()[0].id;
    let read_back = store.story_articles(story).unwrap();
    assert_eq!(read_back, vec![original]);
    assert_eq!(
        store.stories(None).unwrap()[0].headline,
        "River floods Kellmark"
    );
}

#[test]
fn reports_of_one_event_share_a_story_across_a_restart() {
    let directory = tempfile::tempdir().unwrap();
    let path = store_path(&directory);
    ingest(
        &path,
        vec![
            article("1.txt", None, FLOOD_ONE),
            article("2.txt", None, TRADE),
        ],
    );
    // A new process: the index is rebuilt from the stored signatures.
    let outcome = ingest(&path, vec![article("3.txt", None, FLOOD_TWO)]);
    assert_eq!((outcome.added, outcome.stories_opened), (1, 0));
    let store = Store::open(&path).unwrap();
    let stories = store.stories(None).unwrap();
    assert_eq!(stories.len(), 2);
    // Newest first: the flood story got the last article.
    assert_eq!(stories[0].article_count, 2);
    assert_eq!(stories[0].source_count, 2);
    let sources: Vec<String> = store
        .story(stories[0].id)
        .unwrap()
        .articles
        .iter()
        .map(|stored| stored.locations[0].source.clone())
        .collect();
    assert_eq!(sources, vec!["1.txt", "3.txt"]);
    assert_eq!(store.audit().unwrap(), Vec::<String>::new());
}

#[test]
fn two_writers_taking_turns_keep_the_store_consistent() {
    let directory = tempfile::tempdir().unwrap();
    let path = store_path(&directory);
    let mut first = Ingester::open(
        Store::open_or_create(&path).unwrap(),
        DefaultClusterer::default(),
    )
    .unwrap();
    let mut second = Ingester::open(
        Store::open_or_create(&path).unwrap(),
        DefaultClusterer::default(),
    )
    .unwrap();
    first
        .write_batch(prepare_all::<DefaultClusterer>(vec![article(
            "1.txt", None, FLOOD_ONE,
        )]))
        .unwrap();
    // The second writer sees the first's write and places after it.
    let outcome = second
        .write_batch(prepare_all::<DefaultClusterer>(vec![article(
            "2.txt", None, FLOOD_TWO,
        )]))
        .unwrap();
    assert_eq!(outcome.stories_opened, 0);
    first
        .write_batch(prepare_all::<DefaultClusterer>(vec![article(
            "3.txt", None, TRADE,
        )]))
        .unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.counts().unwrap().stories, 2);
    assert_eq!(store.audit().unwrap(), Vec::<String>::new());
}

#[test]
fn a_bridging_article_merges_stories_and_the_old_id_leads_to_the_merged_one() {
    let directory = tempfile::tempdir().unwrap();
    let path = store_path(&directory);
    let left = "Kellmark river flood: mayor Ilse Brandvik evacuates 1,200 residents of Kellmark.";
    let right = "Trade pact: Oskaria and Velland cut timber tariffs by 40 percent in Porvo.";
    let store = Store::open_or_create(&path).unwrap();
    let mut ingester = Ingester::open(store, KeyTermClusterer::new(1000, 0.3, 0.3)).unwrap();
    let batch = vec![
        article("left.txt", None, left),
        article("right.txt", None, right),
        article("both.txt", None, &format!("{left}\n\n{right}")),
    ];
    let outcome = ingester
        .write_batch(prepare_all::<KeyTermClusterer>(batch))
        .unwrap();
    assert_eq!((outcome.stories_opened, outcome.stories_merged), (2, 1));
    let store = ingester.into_store();
    let stories = store.stories(None).unwrap();
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].article_count, 3);
    let other_id = if stories[0].id == 1 { 2 } else { 1 };
    let detail = store.story(other_id).unwrap();
    assert_eq!(detail.summary.id, stories[0].id);
    assert_eq!(detail.merged_from, Some(other_id));
    assert_eq!(store.audit().unwrap(), Vec::<String>::new());
}

#[test]
fn migrating_from_every_older_version_reaches_the_latest_and_keeps_the_articles() {
    for start in 0..latest_version() {
        let directory = tempfile::tempdir().unwrap();
        let path = store_path(&directory);
        {
            let mut connection = Connection::open(&path).unwrap();
            migrate_to(&mut connection, &path, start).unwrap();
            assert_eq!(user_version(&connection).unwrap(), start);
            if start >= 1 {
                // Version 1 has articles and locations: put one in by hand.
                connection
                    .execute_batch(&format!(
                        "INSERT INTO articles (id, title, text, blocks, first_seen)
                         VALUES ('{id}', NULL, 'Kellmark flooded on Monday.', '[[0,27,\"body\"]]', 0);
                         INSERT INTO locations (article, source, url, first_seen)
                         VALUES (1, 'old.txt', '', 0);",
                        id = "0".repeat(32)
                    ))
                    .unwrap();
            }
        }
        let store = Store::open_or_create(&path).unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            latest_version(),
            "from {start}"
        );
        // Opening an ingester places articles stored before stories existed.
        let ingester = Ingester::open(store, DefaultClusterer::default()).unwrap();
        let store = ingester.into_store();
        let counts = store.counts().unwrap();
        let expected = u64::from(start >= 1);
        assert_eq!(
            (counts.articles, counts.stories),
            (expected, expected),
            "from {start}"
        );
        assert_eq!(store.audit().unwrap(), Vec::<String>::new(), "from {start}");
    }
    assert_eq!(MIGRATIONS.len() as u32, latest_version());
}

#[test]
fn signatures_of_another_kind_are_made_again() {
    let directory = tempfile::tempdir().unwrap();
    let path = store_path(&directory);
    ingest(&path, vec![article("1.txt", None, FLOOD_ONE)]);
    {
        let connection = Connection::open(&path).unwrap();
        connection
            .execute_batch(
                "UPDATE meta SET value = 'older-kind' WHERE key = 'signature_kind';
                 UPDATE signatures SET bytes = x'00';",
            )
            .unwrap();
    }
    let outcome = ingest(&path, vec![article("2.txt", None, FLOOD_TWO)]);
    assert_eq!(
        outcome.stories_opened, 0,
        "the re-made signature finds the story"
    );
    let connection = Connection::open(&path).unwrap();
    let kind: String = connection
        .query_row(
            "SELECT value FROM meta WHERE key = 'signature_kind'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(kind, <DefaultClusterer as StoryClusterer>::KIND);
}

#[test]
fn a_missing_store_says_how_to_make_one() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("nothing-here.db");
    let error = Store::open(&path).err().unwrap();
    assert!(matches!(error, StoreError::Missing { .. }));
    let message = error.to_string();
    assert!(message.starts_with("no store at "), "{message}");
    assert!(message.contains("parallax ingest"), "{message}");
    assert!(message.contains("nothing-here.db"), "{message}");
    assert!(!path.exists(), "reading must not create the file");
}

#[test]
fn a_file_that_is_not_a_database_is_named_so() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("notes.db");
    std::fs::write(&path, "These are my notes, not a database. ".repeat(200)).unwrap();
    for error in [
        Store::open(&path).err().unwrap(),
        Store::open_or_create(&path).err().unwrap(),
    ] {
        assert!(matches!(error, StoreError::NotADatabase { .. }), "{error}");
        assert!(error.to_string().contains("not a parallax store"));
    }
    // Untouched.
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .starts_with("These are my notes"));
}

#[test]
fn a_damaged_store_is_named_so() {
    let directory = tempfile::tempdir().unwrap();
    let path = store_path(&directory);
    let articles: Vec<Article> = (0..200)
        .map(|number| {
            article(
                &format!("{number}.txt"),
                None,
                &format!("{TRADE} Item {number}."),
            )
        })
        .collect();
    ingest(&path, articles);
    {
        // Fold the log into the file, then scribble over its inner pages.
        let connection = Connection::open(&path).unwrap();
        connection
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 16 * 4096);
    for byte in &mut bytes[4096..] {
        *byte = 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    let error = Store::open(&path)
        .and_then(|store| store.counts().map(|_| ()).and(store.audit().map(|_| ())))
        .err()
        .unwrap();
    assert!(matches!(error, StoreError::Corrupt { .. }), "{error}");
    assert!(error.to_string().contains("is damaged"), "{error}");
}

#[test]
fn a_store_from_a_newer_build_is_refused() {
    let directory = tempfile::tempdir().unwrap();
    let path = store_path(&directory);
    ingest(&path, vec![article("1.txt", None, TRADE)]);
    {
        let connection = Connection::open(&path).unwrap();
        connection
            .pragma_update(None, "user_version", latest_version() + 1)
            .unwrap();
    }
    let error = Store::open(&path).err().unwrap();
    assert!(matches!(error, StoreError::NewerSchema { .. }));
    let message = error.to_string();
    assert!(
        message.contains(&format!("version {}", latest_version() + 1)),
        "{message}"
    );
    assert!(message.contains("upgrade parallax"), "{message}");
}

#[test]
fn a_store_locked_by_another_writer_is_named_so() {
    let directory = tempfile::tempdir().unwrap();
    let path = store_path(&directory);
    ingest(&path, vec![article("1.txt", None, TRADE)]);
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let store = Store::open_or_create(&path).unwrap();
    store.set_busy_timeout(Duration::from_millis(100)).unwrap();
    let mut ingester = Ingester::open(store, DefaultClusterer::default()).unwrap();
    let error = ingester
        .write_batch(prepare_all::<DefaultClusterer>(vec![article(
            "2.txt", None, FLOOD_ONE,
        )]))
        .err()
        .unwrap();
    assert!(matches!(error, StoreError::Locked { .. }), "{error}");
    assert!(error.to_string().contains("locked by another process"));
    // Readers are not blocked by a writer.
    assert_eq!(Store::open(&path).unwrap().counts().unwrap().articles, 1);
    holder.execute_batch("ROLLBACK").unwrap();
    // Once the lock is gone the same ingester goes on.
    let outcome = ingester
        .write_batch(prepare_all::<DefaultClusterer>(vec![article(
            "2.txt", None, FLOOD_ONE,
        )]))
        .unwrap();
    assert_eq!(outcome.added, 1);
}

#[test]
fn an_unknown_story_is_named() {
    let directory = tempfile::tempdir().unwrap();
    let path = store_path(&directory);
    ingest(&path, vec![article("1.txt", None, TRADE)]);
    let store = Store::open(&path).unwrap();
    let error = store.story(42).err().unwrap();
    assert!(matches!(error, StoreError::NoSuchStory { story: 42, .. }));
    assert!(error.to_string().contains("parallax stories"));
}
