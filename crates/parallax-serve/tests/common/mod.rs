//! A server on loopback for the tests: a fresh store in a temporary
//! folder, the fixture articles, and a small HTTP client.

#![allow(dead_code)]

use parallax_serve::{Auth, Limits, ServeConfig};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const TOKEN: &str = "test-token-for-writes";

pub struct TestServer {
    pub base: String,
    pub database: PathBuf,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    agent: ureq::Agent,
    _folder: tempfile::TempDir,
}

/// What an answer held.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: String,
    pub headers: Vec<(String, String)>,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        match serde_json::from_str(&self.body) {
            Ok(value) => value,
            Err(error) => panic!("not JSON ({error}): {}", self.body),
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn fixture(name: &str) -> String {
    let path = fixtures().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

impl TestServer {
    pub fn start() -> TestServer {
        TestServer::start_with(Auth::Token(TOKEN.to_string()), Limits::default())
    }

    pub fn start_with(auth: Auth, limits: Limits) -> TestServer {
        let folder = tempfile::tempdir().expect("temporary folder");
        let database = folder.path().join("store.db");
        let state = parallax_serve::open(ServeConfig {
            database: database.clone(),
            auth,
            limits,
        })
        .expect("open the store");
        let (shutdown, shutdown_received) = tokio::sync::oneshot::channel::<()>();
        let (address_sender, address_received) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let listener = parallax_serve::bind("127.0.0.1:0".parse().expect("address"))
                    .await
                    .expect("bind");
                address_sender
                    .send(listener.local_addr().expect("address"))
                    .expect("send address");
                let stop = async move {
                    let _ = shutdown_received.await;
                };
                parallax_serve::serve(listener, state, stop)
                    .await
                    .expect("serve");
            });
        });
        let address = address_received
            .recv_timeout(Duration::from_secs(30))
            .expect("server address");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        TestServer {
            base: format!("http://{address}"),
            database,
            shutdown: Some(shutdown),
            thread: Some(thread),
            agent,
            _folder: folder,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn answer(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
        let mut response = result.unwrap_or_else(|error| panic!("request failed: {error}"));
        let status = response.status().as_u16();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_string(),
                    value.to_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .unwrap_or_default();
        Answer {
            status,
            content_type,
            body,
            headers,
        }
    }

    pub fn get(&self, path: &str) -> Answer {
        TestServer::answer(self.agent.get(&self.url(path)).call())
    }

    pub fn post(&self, path: &str, content_type: &str, body: &[u8], token: Option<&str>) -> Answer {
        let mut request = self
            .agent
            .post(&self.url(path))
            .header("Content-Type", content_type);
        if let Some(token) = token {
            request = request.header("Authorization", &format!("Bearer {token}"));
        }
        TestServer::answer(request.send(body))
    }

    /// Posts every fixture article (the ferry story, the council story, the
    /// article with markup), each under its file name.
    pub fn post_fixtures(&self) {
        let names = [
            "ferry/01-wire.txt",
            "ferry/02-portal-copy.txt",
            "ferry/03-local-paper.txt",
            "ferry/04-radio.txt",
            "council/01-daily.txt",
            "council/02-weekly.txt",
            "hostile.txt",
        ];
        for name in names {
            let answer = self.post(
                &format!("/api/articles?source={name}"),
                "text/plain",
                fixture(name).as_bytes(),
                Some(TOKEN),
            );
            assert_eq!(answer.status, 200, "{name}: {}", answer.body);
        }
    }

    /// The id of the story whose headline or title contains `words`.
    pub fn story_with(&self, words: &str) -> i64 {
        let list = self.get("/api/stories?per_page=100").json();
        for story in list["stories"].as_array().into_iter().flatten() {
            let headline = story["headline"].as_str().unwrap_or("");
            let title = story["title"].as_str().unwrap_or("");
            if headline.contains(words) || title.contains(words) {
                return story["id"].as_i64().unwrap_or(0);
            }
        }
        panic!("no story about {words:?} in {list}");
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
