//! `parallax serve` as a person starts it: the messages for a damaged
//! store, a folder that does not exist, a port in use, and a start that
//! prints where to go and the token for writes.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

fn parallax() -> Command {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
}

fn run_to_end(arguments: &[&str]) -> (i32, String) {
    let output = parallax()
        .args(arguments)
        .stdin(Stdio::null())
        .output()
        .expect("run parallax");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

#[test]
fn a_file_that_is_not_a_store_is_named() {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("notes.db");
    std::fs::write(
        &path,
        "shopping list: bread, eggs, more bread\n".repeat(200),
    )
    .expect("write");
    let path_text = path.display().to_string();
    let (code, stderr) = run_to_end(&["serve", "--db", &path_text, "--addr", "127.0.0.1:0"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("is not a parallax store"), "{stderr}");
}

#[test]
fn a_store_in_a_missing_folder_is_named() {
    let folder = tempfile::tempdir().expect("folder");
    let path = folder.path().join("no/such/folder/store.db");
    let path_text = path.display().to_string();
    let (code, stderr) = run_to_end(&["serve", "--db", &path_text, "--addr", "127.0.0.1:0"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("does not exist"), "{stderr}");
}

#[test]
fn a_port_in_use_is_named_with_what_to_do() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = taken.local_addr().expect("address").to_string();
    let folder = tempfile::tempdir().expect("folder");
    let path_text = folder.path().join("store.db").display().to_string();
    let (code, stderr) = run_to_end(&["serve", "--db", &path_text, "--addr", &address]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("already in use"), "{stderr}");
    assert!(stderr.contains("--addr 127.0.0.1:PORT"), "{stderr}");
}

#[test]
fn a_start_says_where_to_go_and_the_token() {
    let folder = tempfile::tempdir().expect("folder");
    let path_text = folder.path().join("store.db").display().to_string();
    let mut child = parallax()
        .args(["serve", "--db", &path_text, "--addr", "127.0.0.1:0"])
        .env_remove("PARALLAX_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start");
    let stdout = child.stdout.take().expect("stdout");
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                return;
            }
        }
    });
    let mut lines = Vec::new();
    while let Ok(line) = receiver.recv_timeout(Duration::from_secs(30)) {
        let done = line.starts_with("Press Ctrl-C");
        lines.push(line);
        if done {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let text = lines.join("\n");
    assert!(text.contains("web UI  http://127.0.0.1:"), "{text}");
    assert!(text.contains("/api/openapi.json"), "{text}");
    let token_line = lines
        .iter()
        .find(|line| line.contains("Authorization: Bearer "))
        .cloned()
        .unwrap_or_default();
    let token: String = token_line
        .split("Bearer ")
        .nth(1)
        .unwrap_or("")
        .chars()
        .take_while(|character| character.is_ascii_hexdigit())
        .collect();
    assert_eq!(token.len(), 32, "{text}");
    // The store was created.
    assert!(folder.path().join("store.db").exists());
}
