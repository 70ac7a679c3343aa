//! The store's commands as a person uses them: ingest, stories, show,
//! brief --db, and the errors they print.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn parallax(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(arguments)
        .output()
        .expect("parallax runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const FLOOD_ONE: &str = "Heavy rain flooded the river town of Kellmark on Monday, and the mayor, Ilse Brandvik, ordered 1,200 residents to leave their homes.\n\nRescue boats reached the flooded streets of Kellmark by evening, Brandvik said.\n";
const FLOOD_TWO: &str = "The mayor of Kellmark, Ilse Brandvik, told 1,200 people to leave after the river burst its banks in the town on Monday.\n\nBoats carried residents from the flooded streets of Kellmark, Brandvik said.\n";
const TRADE: &str = "Ministers from Oskaria and Velland signed a trade pact in Porvo on Friday, cutting tariffs on timber and grain by 40 percent.\n\nThe Velland trade minister, Aron Miettinen, called the Porvo pact historic.\n";

/// A folder of four files: two reports of a flood, one of a trade pact,
/// and the first flood report again under another name.
fn write_inputs(folder: &Path) -> PathBuf {
    let inputs = folder.join("inputs");
    std::fs::create_dir(&inputs).expect("folder");
    for (name, body) in [
        ("a-flood.txt", FLOOD_ONE),
        ("b-trade.txt", TRADE),
        ("c-flood.txt", FLOOD_TWO),
        ("d-flood-again.txt", FLOOD_ONE),
    ] {
        std::fs::write(inputs.join(name), body).expect("file");
    }
    inputs
}

#[test]
fn ingest_then_list_show_and_brief() {
    let directory = tempfile::tempdir().expect("folder");
    let inputs = write_inputs(directory.path());
    let database = directory.path().join("news.db");
    let database_arg = database.to_str().expect("utf-8 path");
    let inputs_arg = inputs.to_str().expect("utf-8 path");

    let first = parallax(&["ingest", inputs_arg, "--db", database_arg]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let summary = text(&first.stdout);
    assert!(
        summary.contains("4 articles read: 3 new, 1 already stored, 4 new locations"),
        "{summary}"
    );
    assert!(
        summary.contains("holds 3 articles in 2 stories"),
        "{summary}"
    );
    assert!(
        first.stderr.is_empty(),
        "no progress bar when stderr is not a terminal"
    );

    let again = parallax(&["ingest", inputs_arg, "--db", database_arg]);
    assert!(again.status.success());
    assert!(text(&again.stdout).contains("0 new, 4 already stored, 0 new locations"));

    let stories = parallax(&["stories", "--db", database_arg]);
    assert!(stories.status.success());
    let listing = text(&stories.stdout);
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines.len(), 3, "{listing}");
    assert!(lines[0].contains("STORY") && lines[0].contains("HEADLINE"));
    // Newest first: the flood story got the last new article.
    let flood_line = lines[1];
    let columns: Vec<&str> = flood_line.split_whitespace().collect();
    assert_eq!(&columns[1..3], &["2", "2"], "{flood_line}");
    assert!(flood_line.contains("Heavy rain flooded"), "{flood_line}");
    let flood_story = columns[0];

    let limited = parallax(&["stories", "--db", database_arg, "--limit", "1"]);
    assert_eq!(text(&limited.stdout).lines().count(), 2);

    let show = parallax(&["show", flood_story, "--db", database_arg]);
    assert!(show.status.success(), "{}", text(&show.stderr));
    let shown = text(&show.stdout);
    assert!(
        shown.starts_with(&format!("Story {flood_story}: ")),
        "{shown}"
    );
    assert!(
        shown.contains("2 articles, 2 independent-ish sources"),
        "{shown}"
    );
    // The first report was found under two names.
    assert!(
        shown.contains("a-flood.txt") && shown.contains("d-flood-again.txt"),
        "{shown}"
    );
    assert!(
        shown.contains("c-flood.txt") && !shown.contains("b-trade.txt"),
        "{shown}"
    );

    let brief = parallax(&[
        "brief",
        "--db",
        database_arg,
        flood_story,
        "--format",
        "json",
    ]);
    assert!(brief.status.success(), "{}", text(&brief.stderr));
    let document: serde_json::Value =
        serde_json::from_slice(&brief.stdout).expect("the brief is JSON");
    assert_eq!(document["schema"], "parallax.brief/1");
    let briefs = document["stories"].as_array().expect("stories");
    assert!(!briefs.is_empty());
    let story_id: u64 = flood_story.parse().expect("a number");
    assert!(briefs.iter().all(|brief| brief["id"] == story_id));

    let every = parallax(&["brief", "--db", database_arg, "--format", "md"]);
    assert!(every.status.success(), "{}", text(&every.stderr));
    assert!(!every.stdout.is_empty());
}

#[test]
fn read_commands_on_a_missing_store_say_how_to_make_one() {
    let directory = tempfile::tempdir().expect("folder");
    let database = directory.path().join("absent.db");
    let database_arg = database.to_str().expect("utf-8 path");
    for arguments in [
        vec!["stories", "--db", database_arg],
        vec!["show", "1", "--db", database_arg],
        vec!["brief", "--db", database_arg],
    ] {
        let output = parallax(&arguments);
        assert_eq!(output.status.code(), Some(2), "{arguments:?}");
        let message = text(&output.stderr);
        assert!(
            message.starts_with(&format!(
                "parallax: no store at {database_arg}; run `parallax ingest"
            )),
            "{message}"
        );
    }
    assert!(!database.exists());
}

#[test]
fn a_file_that_is_not_a_store_is_refused_and_left_alone() {
    let directory = tempfile::tempdir().expect("folder");
    let database = directory.path().join("notes.txt");
    std::fs::write(&database, "shopping list: bread, milk, eggs\n".repeat(100)).expect("file");
    let database_arg = database.to_str().expect("utf-8 path");
    let inputs = write_inputs(directory.path());
    for arguments in [
        vec!["stories", "--db", database_arg],
        vec![
            "ingest",
            inputs.to_str().expect("utf-8 path"),
            "--db",
            database_arg,
        ],
    ] {
        let output = parallax(&arguments);
        assert_eq!(output.status.code(), Some(2), "{arguments:?}");
        assert!(text(&output.stderr).contains("is not a parallax store"));
    }
    assert!(std::fs::read_to_string(&database)
        .expect("still text")
        .starts_with("shopping list"));
}

#[test]
fn unknown_stories_and_bad_inputs_are_reported() {
    let directory = tempfile::tempdir().expect("folder");
    let inputs = write_inputs(directory.path());
    std::fs::write(inputs.join("e-binary.txt"), b"\x00\x01\x02 not text").expect("file");
    let database = directory.path().join("news.db");
    let database_arg = database.to_str().expect("utf-8 path");
    let missing = directory.path().join("no-such-folder");

    let ingest = parallax(&[
        "ingest",
        inputs.to_str().expect("utf-8 path"),
        missing.to_str().expect("utf-8 path"),
        "--db",
        database_arg,
    ]);
    // The readable inputs are stored; each failure is named; exit 1.
    assert_eq!(ingest.status.code(), Some(1));
    let errors = text(&ingest.stderr);
    assert!(errors.contains("e-binary.txt: binary data"), "{errors}");
    assert!(
        errors.contains("no-such-folder: no such file or folder"),
        "{errors}"
    );
    assert!(text(&ingest.stdout).contains("3 new"));

    let show = parallax(&["show", "999", "--db", database_arg]);
    assert_eq!(show.status.code(), Some(2));
    assert!(text(&show.stderr).contains("no story 999 in"));

    let brief = parallax(&["brief", "--db", database_arg, "not-a-number"]);
    assert_eq!(brief.status.code(), Some(2));
    assert!(text(&brief.stderr).contains("are story ids"));
}
