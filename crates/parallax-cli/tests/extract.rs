//! `parallax extract` on a folder of mixed formats, one input broken: one
//! JSON line per article, one error line naming the file and position,
//! exit code 1.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn parallax() -> Command {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
}

/// A fresh folder under the system's temporary folder.
fn scratch_folder(name: &str) -> PathBuf {
    let folder =
        std::env::temp_dir().join(format!("parallax-extract-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

fn warc_record(warc_type: &str, headers: &str, block: &str) -> String {
    format!(
        "WARC/1.1\r\nWARC-Type: {warc_type}\r\n{headers}Content-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    )
}

fn write_mixed_folder(folder: &Path) {
    std::fs::write(
        folder.join("a-plain.txt"),
        "Road closed\n\nThe coastal road was closed on Friday after a landslide covered both lanes.\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("b-page.html"),
        "<!doctype html><html><head><title>Orchard harvest</title></head><body><p>Growers began the apple harvest two weeks early this year because of the warm spring.</p></body></html>",
    )
    .unwrap();
    std::fs::write(
        folder.join("c-export.jsonl"),
        concat!(
            r#"{"headline": "Choir tour", "maintext": "The town choir leaves for a tour of four cities on Thursday.", "date_publish": "2021-10-04 09:00:00"}"#,
            "\n",
            r#"{"headline": "Broken", "maintext": "This line never ends"#,
            "\n",
            r#"{"headline": "Bakery", "maintext": "A bakery on the main square reopened after a fire last winter."}"#,
            "\n",
        ),
    )
    .unwrap();
    std::fs::write(
        folder.join("d-feed.xml"),
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Hill News</title>
<item><title>Ski lift</title><link>https://hill.example/lift</link><description>The ski lift will be replaced before the winter season.</description><pubDate>Mon, 02 Oct 2023 10:00:00 +0200</pubDate></item>
</channel></rss>"#,
    )
    .unwrap();
    let http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>The observatory opens its telescope to visitors every clear Saturday night.</p></body></html>";
    let warc = [
        warc_record("warcinfo", "Content-Type: application/warc-fields\r\n", "software: test\r\n"),
        warc_record(
            "response",
            "WARC-Target-URI: https://sky.example/observatory\r\nWARC-Date: 2020-02-20T20:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n",
            http,
        ),
    ]
    .concat();
    std::fs::write(folder.join("e-crawl.warc"), warc).unwrap();
}

#[test]
fn extract_reads_a_mixed_folder_and_reports_the_broken_line() {
    let folder = scratch_folder("mixed");
    write_mixed_folder(&folder);
    let output = parallax()
        .arg("extract")
        .arg("--field")
        .arg("title=headline,title")
        .arg(&folder)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );

    let records: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let sources: Vec<String> = records
        .iter()
        .map(|record| {
            record["source"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        sources,
        vec![
            "a-plain.txt",
            "b-page.html",
            "c-export.jsonl:1",
            "c-export.jsonl:3",
            "d-feed.xml:item 1",
            // The response record follows the warcinfo record.
            format!(
                "e-crawl.warc:byte {}",
                warc_record(
                    "warcinfo",
                    "Content-Type: application/warc-fields\r\n",
                    "software: test\r\n"
                )
                .len()
            )
            .as_str(),
        ]
    );
    let bodies: Vec<&str> = records
        .iter()
        .map(|record| record["body"].as_str().unwrap())
        .collect();
    assert!(bodies[0].starts_with("The coastal road was closed"));
    assert_eq!(records[0]["title"], "Road closed");
    assert_eq!(records[1]["title"], "Orchard harvest");
    assert!(bodies[1].starts_with("Growers began"));
    assert_eq!(records[2]["title"], "Choir tour");
    assert_eq!(records[2]["published"], "2021-10-04");
    assert!(bodies[3].contains("bakery"));
    assert_eq!(records[4]["url"], "https://hill.example/lift");
    assert_eq!(records[4]["published"], "2023-10-02");
    assert_eq!(records[5]["url"], "https://sky.example/observatory");
    assert_eq!(records[5]["published"], "2020-02-20");
    assert!(bodies[5].contains("telescope"));
    for record in &records {
        assert!(record["boilerplate"].is_array());
    }

    let error_lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(error_lines.len(), 1, "{stderr}");
    assert!(error_lines[0].starts_with("parallax: "), "{stderr}");
    assert!(
        error_lines[0].contains("c-export.jsonl:2: invalid JSON"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn extract_text_from_stdin_exits_zero() {
    let mut child = parallax()
        .args(["extract", "--format", "text", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"text\": \"First record about the new ferry.\"}\n{\"text\": \"Second record about the old pier.\"}\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "First record about the new ferry.\n\nSecond record about the old pier.\n"
    );
    assert!(output.stderr.is_empty());
}

#[test]
fn usage_errors_exit_two_and_missing_files_exit_one() {
    let unknown_format = parallax()
        .args(["extract", "--input-format", "pdf", "x"])
        .output()
        .unwrap();
    assert_eq!(unknown_format.status.code(), Some(2));
    let bad_field = parallax()
        .args(["extract", "--field", "colour=red", "x"])
        .output()
        .unwrap();
    assert_eq!(bad_field.status.code(), Some(2));
    let no_inputs = parallax().arg("extract").output().unwrap();
    assert_eq!(no_inputs.status.code(), Some(2));

    let missing = parallax()
        .args(["extract", "/nonexistent/parallax/input.txt"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    let stderr = String::from_utf8(missing.stderr).unwrap();
    assert!(
        stderr.contains("/nonexistent/parallax/input.txt: no such file or folder"),
        "{stderr}"
    );
}

#[test]
fn a_closed_output_pipe_ends_quietly() {
    let folder = scratch_folder("pipe");
    let line =
        r#"{"text": "A record about the harbour, repeated to fill the pipe many times over."}"#;
    let mut many = String::new();
    for _ in 0..20_000 {
        many.push_str(line);
        many.push('\n');
    }
    let path = folder.join("many.jsonl");
    std::fs::write(&path, many).unwrap();
    let mut child = parallax()
        .arg("extract")
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end at once.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn analyse_reads_other_formats_too() {
    let folder = scratch_folder("analyse");
    std::fs::write(
        folder.join("two.jsonl"),
        "{\"text\": \"The mayor opened the new bridge on Tuesday.\"}\n{\"text\": \"Engineers said the bridge can carry trams.\"}\n",
    )
    .unwrap();
    let output = parallax().arg("analyse").arg(&folder).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8(output.stdout).unwrap().lines().count(), 2);
    let _ = std::fs::remove_dir_all(&folder);
}
