//! End-to-end tests in a real browser: headless Chromium, driven through
//! chromedriver (WebDriver), against the server on loopback with the
//! fixture articles.
//!
//! Run by `scripts/test-browser` (called from `scripts/test`), which sets
//! `PARALLAX_BROWSER_TESTS=required` so that a missing browser fails the
//! run. They are `#[ignore]`d so a plain `cargo test` does not need one.
//! Screenshots at laptop (1366x900) and phone (390x844) widths go to
//! `target/browser-screenshots/` (or `$PARALLAX_SCREENSHOTS`).

mod common;

use base64::Engine;
use common::{TestServer, TOKEN};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
const LAPTOP: (u32, u32) = (1366, 900);
const PHONE: (u32, u32) = (390, 844);

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for folder in std::env::split_paths(&path) {
        for name in names {
            let candidate = folder.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// Chromedriver and Chromium, or `None` (after saying why) when they are
/// missing and not required.
fn browser_programs() -> Option<(PathBuf, PathBuf)> {
    let driver = std::env::var_os("PARALLAX_CHROMEDRIVER")
        .map(PathBuf::from)
        .or_else(|| find_program(&["chromedriver"]));
    let browser = std::env::var_os("PARALLAX_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| find_program(&["chromium", "chromium-browser"]));
    match (driver, browser) {
        (Some(driver), Some(browser)) => Some((driver, browser)),
        _ => {
            let message = "chromium and chromedriver are needed for the browser tests (Debian: apt-get install chromium chromium-driver)";
            if std::env::var("PARALLAX_BROWSER_TESTS").as_deref() == Ok("required") {
                panic!("{message}");
            }
            eprintln!("skipped: {message}");
            None
        }
    }
}

fn screenshot_folder() -> PathBuf {
    let folder = std::env::var_os("PARALLAX_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/browser-screenshots")
        });
    std::fs::create_dir_all(&folder).expect("screenshot folder");
    folder
}

/// A chromedriver process and one browser session.
struct Browser {
    driver: Child,
    base: String,
    session: String,
    agent: ureq::Agent,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start(driver_program: &Path, browser_program: &Path) -> Browser {
        let port = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
            listener.local_addr().expect("port").port()
        };
        let driver = Command::new(driver_program)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        loop {
            let ready = agent
                .get(&format!("{base}/status"))
                .call()
                .ok()
                .and_then(|mut response| response.body_mut().read_json::<Value>().ok())
                .is_some_and(|status| status["value"]["ready"] == true);
            if ready {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().expect("profile folder");
        let arguments = vec![
            "--headless=new".to_string(),
            "--no-sandbox".to_string(),
            "--disable-gpu".to_string(),
            "--disable-dev-shm-usage".to_string(),
            "--disable-quic".to_string(),
            "--no-first-run".to_string(),
            "--disable-background-networking".to_string(),
            "--disable-component-update".to_string(),
            "--disable-sync".to_string(),
            "--hide-scrollbars".to_string(),
            format!("--user-data-dir={}", profile.path().display()),
            format!("--window-size={},{}", LAPTOP.0, LAPTOP.1),
        ];
        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": browser_program.display().to_string(),
                        "args": arguments,
                    }
                }
            }
        });
        let mut browser = Browser {
            driver,
            base,
            session: String::new(),
            agent,
            _profile: profile,
        };
        let created = browser.command("POST", "/session", capabilities);
        browser.session = created["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {created}"))
            .to_string();
        browser
    }

    /// Sends a WebDriver command and returns its `value`; an error answer
    /// fails the test with the driver's message.
    fn command(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.base);
        let result = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self.agent.post(&url).send_json(&body),
        };
        let mut response = result.unwrap_or_else(|error| panic!("{method} {path}: {error}"));
        let status = response.status().as_u16();
        let answer: Value = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_json()
            .unwrap_or(Value::Null);
        assert!(status < 400, "{method} {path}: {status} {answer}");
        answer["value"].clone()
    }

    fn session_command(&self, method: &str, path: &str, body: Value) -> Value {
        self.command(method, &format!("/session/{}{path}", self.session), body)
    }

    fn open(&self, url: &str) {
        self.session_command("POST", "/url", json!({ "url": url }));
    }

    fn run(&self, script: &str) -> Value {
        self.session_command(
            "POST",
            "/execute/sync",
            json!({ "script": script, "args": [] }),
        )
    }

    /// Waits until `condition` (a script's return value) is true.
    fn wait_for(&self, condition: &str, what: &str) {
        let started = Instant::now();
        loop {
            if self.run(&format!("return Boolean({condition});")) == Value::Bool(true) {
                return;
            }
            if started.elapsed() > Duration::from_secs(30) {
                let page = self.run("return document.body.innerText.slice(0, 2000);");
                panic!("timed out waiting for {what}; the page shows: {page}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn element(&self, using: &str, value: &str) -> String {
        let found = self.session_command(
            "POST",
            "/element",
            json!({ "using": using, "value": value }),
        );
        found[ELEMENT_KEY]
            .as_str()
            .unwrap_or_else(|| panic!("no element {value}: {found}"))
            .to_string()
    }

    fn click(&self, element: &str) {
        self.session_command("POST", &format!("/element/{element}/click"), json!({}));
    }

    fn type_into(&self, element: &str, text: &str) {
        self.session_command(
            "POST",
            &format!("/element/{element}/value"),
            json!({ "text": text }),
        );
    }

    /// Presses keys (WebDriver key codes) one after another.
    fn press(&self, keys: &[&str]) {
        let mut actions = Vec::new();
        for key in keys {
            actions.push(json!({ "type": "keyDown", "value": key }));
            actions.push(json!({ "type": "keyUp", "value": key }));
        }
        self.session_command(
            "POST",
            "/actions",
            json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] }),
        );
    }

    /// Makes the page's viewport `width` x `height` CSS pixels (through the
    /// DevTools protocol: a desktop window cannot be narrower than 500
    /// pixels), as a phone when narrow.
    fn resize(&self, (width, height): (u32, u32)) {
        self.session_command(
            "POST",
            "/goog/cdp/execute",
            json!({
                "cmd": "Emulation.setDeviceMetricsOverride",
                "params": {
                    "width": width,
                    "height": height,
                    "deviceScaleFactor": 1,
                    "mobile": width < 600,
                }
            }),
        );
        self.wait_for(
            &format!("window.innerWidth === {width} && window.innerHeight === {height}"),
            &format!("the viewport to be {width}x{height}"),
        );
    }

    fn screenshot(&self, name: &str) -> PathBuf {
        let encoded = self.session_command("GET", "/screenshot", Value::Null);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(encoded.as_str().unwrap_or(""))
            .expect("screenshot PNG");
        assert!(bytes.starts_with(b"\x89PNG"), "{name} is not a PNG");
        let path = screenshot_folder().join(format!("{name}.png"));
        std::fs::write(&path, bytes).expect("write screenshot");
        path
    }

    /// Scrolls an element to the top of the window.
    fn scroll_to(&self, selector: &str) {
        self.run(&format!(
            "const target = document.querySelector({selector:?}); if (target) {{ document.documentElement.style.scrollBehavior = 'auto'; target.scrollIntoView({{block: 'start'}}); }} return true;"
        ));
        std::thread::sleep(Duration::from_millis(150));
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self
                .agent
                .delete(&format!("{}/session/{}", self.base, self.session))
                .call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Page checks that hold everywhere: one h1, no skipped heading levels,
/// no markup from articles, nothing wider than the window.
fn check_page(browser: &Browser, page: &str) {
    let report = browser.run(
        r#"
        const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
        const levels = headings.map((heading) => Number(heading.tagName[1]));
        let jump = null;
        for (let i = 1; i < levels.length; i++) {
          if (levels[i] > levels[i - 1] + 1) { jump = headings[i].textContent.slice(0, 80); break; }
        }
        const scripts = [...document.scripts].map((script) => script.getAttribute("src"));
        const handlers = [...document.querySelectorAll("*")].filter((node) =>
          [...node.attributes].some((attribute) => attribute.name.startsWith("on"))).length;
        const wide = [...document.querySelectorAll("main *")].filter((node) => {
          if (node.closest(".table-scroll")) return false;
          const box = node.getBoundingClientRect();
          return box.width > 0 && box.right > window.innerWidth + 1;
        }).slice(0, 3).map((node) => node.tagName + "." + node.className);
        return {
          h1: levels.filter((level) => level === 1).length,
          jump,
          scripts,
          handlers,
          images: document.images.length,
          injected: window.__parallaxInjected === undefined ? null : String(window.__parallaxInjected),
          overflow: document.documentElement.scrollWidth > window.innerWidth + 1,
          wide,
          unlabelled: [...document.querySelectorAll("button, a")].filter((node) => !node.textContent.trim() && !node.getAttribute("aria-label")).length,
        };
        "#,
    );
    assert_eq!(report["h1"], 1, "{page}: {report}");
    assert_eq!(
        report["jump"],
        Value::Null,
        "{page}: heading level skipped: {report}"
    );
    assert_eq!(report["scripts"], json!(["/app.js"]), "{page}: {report}");
    assert_eq!(
        report["handlers"], 0,
        "{page}: event-handler attributes: {report}"
    );
    assert_eq!(report["images"], 0, "{page}: {report}");
    assert_eq!(
        report["injected"],
        Value::Null,
        "{page}: a script from an article ran: {report}"
    );
    assert_eq!(
        report["overflow"], false,
        "{page}: wider than the window: {report}"
    );
    assert_eq!(
        report["unlabelled"], 0,
        "{page}: links or buttons without a name: {report}"
    );
}

#[test]
#[ignore = "needs chromium and chromedriver; run by scripts/test-browser"]
fn a_reader_finds_a_conflict_and_sees_both_sides() {
    let Some((driver, chromium)) = browser_programs() else {
        return;
    };
    let server = TestServer::start();
    server.post_fixtures();
    let browser = Browser::start(&driver, &chromium);
    browser.resize(LAPTOP);

    // The list.
    browser.open(&server.url("/"));
    browser.wait_for(
        "document.querySelectorAll('.story-card').length >= 3",
        "the story list",
    );
    check_page(&browser, "list");
    let cards = browser
        .run("return [...document.querySelectorAll('.story-card h2')].map((h) => h.textContent);");
    assert!(
        cards.as_array().is_some_and(|cards| cards.len() >= 3),
        "{cards}"
    );
    browser.screenshot("laptop-1-list");

    // Keyboard: the first Tab reaches the skip link, the next ones the
    // site links and then the first story; Enter opens it.
    browser.run("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); return true;");
    browser.press(&["\u{E004}"]);
    let focused = browser.run("return document.activeElement.textContent;");
    assert_eq!(focused, "Skip to content", "{focused}");
    let mut reached_story = false;
    for _ in 0..10 {
        browser.press(&["\u{E004}"]);
        let inside_card =
            browser.run("return Boolean(document.activeElement.closest('.story-card'));");
        if inside_card == Value::Bool(true) {
            reached_story = true;
            break;
        }
    }
    assert!(reached_story, "Tab never reached a story");
    let focus_visible = browser.run(
        "const style = getComputedStyle(document.activeElement); return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;",
    );
    assert_eq!(
        focus_visible,
        Value::Bool(true),
        "the focused link shows no outline"
    );
    browser.press(&["\u{E007}"]);
    browser.wait_for(
        "location.hash.startsWith('#/story/')",
        "Enter to open a story",
    );

    // Open the ferry story by its link, as a reader would.
    browser.open(&server.url("/"));
    browser.wait_for(
        "document.querySelectorAll('.story-card').length >= 3",
        "the story list",
    );
    let link = browser.element(
        "xpath",
        "//li[contains(@class,'story-card')]//a[contains(., 'Marisol Star')]",
    );
    browser.click(&link);
    browser.wait_for(
        "document.querySelector('#conflicts .conflict')",
        "the conflicts of the story",
    );
    check_page(&browser, "story");
    let headline = browser.run("return document.querySelector('h1').textContent;");
    assert!(
        headline
            .as_str()
            .is_some_and(|text| text.contains("Marisol Star")),
        "{headline}"
    );
    browser.screenshot("laptop-2-story");

    // Find the conflict on the injured and see both sides with their
    // sentences and sources.
    let sides = browser.run(
        r#"
        const card = [...document.querySelectorAll('#conflicts .conflict')]
          .find((card) => card.querySelectorAll('.side').length >= 2);
        if (!card) return null;
        return {
          kind: card.querySelector('.kind-explained').textContent,
          sides: [...card.querySelectorAll('.side')].map((side) => ({
            value: side.querySelector('.side-value').textContent,
            sentences: [...side.querySelectorAll('.source-sentence')].map((quote) => quote.textContent),
            sources: [...side.querySelectorAll('.badge')].map((badge) => badge.textContent),
          })),
          id: card.id,
        };
        "#,
    );
    let values: Vec<&str> = sides["sides"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|side| side["value"].as_str())
        .collect();
    assert!(values.contains(&"Seventeen"), "{sides}");
    assert!(
        values.contains(&"Twenty-three") || values.contains(&"23"),
        "{sides}"
    );
    for side in sides["sides"].as_array().into_iter().flatten() {
        assert!(
            side["sentences"]
                .as_array()
                .is_some_and(|sentences| !sentences.is_empty()),
            "{side}"
        );
        assert!(
            side["sources"]
                .as_array()
                .is_some_and(|sources| !sources.is_empty()),
            "{side}"
        );
    }
    let seventeen = sides["sides"]
        .as_array()
        .and_then(|all| all.iter().find(|side| side["value"] == "Seventeen"))
        .cloned()
        .unwrap_or_default();
    assert!(seventeen["sentences"][0]
        .as_str()
        .is_some_and(|sentence| sentence.contains("Seventeen people were injured")));
    assert!(
        sides["kind"]
            .as_str()
            .is_some_and(|kind| kind.contains("Different attribution")),
        "{sides}"
    );
    let conflict_id = sides["id"].as_str().unwrap_or("conflicts").to_string();
    browser.scroll_to(&format!("#{conflict_id}"));
    browser.screenshot("laptop-3-conflict");

    // Every spelling on the entity cards; quotes by speaker; the timeline.
    let spellings = browser.run(
        "const card = [...document.querySelectorAll('.entity-card')].find((card) => card.querySelector('h3').textContent === 'Ilse Brandvold'); return card ? [...card.querySelectorAll('.spellings li')].map((li) => li.textContent) : null;",
    );
    assert!(
        spellings.as_array().is_some_and(|all| all.len() >= 2),
        "{spellings}"
    );
    browser.scroll_to("#people");
    browser.screenshot("laptop-4-people");
    let speakers = browser.run("return [...document.querySelectorAll('.speaker h3')].map((h) => h.firstChild.textContent);");
    assert!(
        speakers
            .as_array()
            .is_some_and(|all| all.iter().any(|name| name == "Ilse Brandvold")),
        "{speakers}"
    );
    assert_eq!(
        browser.run("return document.querySelectorAll('.timeline .timeline-entry').length > 0;"),
        Value::Bool(true)
    );
    browser.scroll_to("#timeline");
    browser.screenshot("laptop-5-timeline");
    browser.scroll_to("#coverage");
    browser.screenshot("laptop-6-coverage");

    // The articles: boilerplate struck through, figures marked.
    browser.run("for (const details of document.querySelectorAll('.article-list details')) details.open = true; return true;");
    let article = browser.run(
        r#"
        const item = [...document.querySelectorAll('.article-item')].find((item) => item.textContent.includes('Ferry runs aground'));
        return item ? {
          struck: [...item.querySelectorAll('.boilerplate del')].map((node) => node.textContent),
          marked: [...item.querySelectorAll('mark.claim')].map((node) => node.textContent),
        } : null;
        "#,
    );
    assert!(
        article["struck"]
            .as_array()
            .is_some_and(|struck| struck.iter().any(|text| text == "Share this article")),
        "{article}"
    );
    assert!(
        article["marked"]
            .as_array()
            .is_some_and(|marked| marked.iter().any(|text| text == "Seventeen")),
        "{article}"
    );
    browser.scroll_to("#article-1");
    browser.screenshot("laptop-7-article");

    // Phone width: the same pages, nothing wider than the screen.
    browser.resize(PHONE);
    browser.open(&server.url("/"));
    browser.wait_for(
        "document.querySelectorAll('.story-card').length >= 3",
        "the story list",
    );
    check_page(&browser, "phone list");
    browser.screenshot("phone-1-list");
    browser.click(&browser.element(
        "xpath",
        "//li[contains(@class,'story-card')]//a[contains(., 'Marisol Star')]",
    ));
    browser.wait_for(
        "document.querySelector('#conflicts .conflict')",
        "the story on a phone",
    );
    check_page(&browser, "phone story");
    browser.screenshot("phone-2-story");
    browser.scroll_to(&format!("#{conflict_id}"));
    browser.screenshot("phone-3-conflict");
    browser.scroll_to("#people");
    browser.screenshot("phone-4-people");
    browser.scroll_to("#timeline");
    browser.screenshot("phone-5-timeline");
    browser.scroll_to("#coverage");
    browser.screenshot("phone-6-coverage");
    browser.run("for (const details of document.querySelectorAll('.article-list details')) details.open = true; return true;");
    check_page(&browser, "phone articles");
    browser.scroll_to("#article-1");
    browser.screenshot("phone-7-article");
}

#[test]
#[ignore = "needs chromium and chromedriver; run by scripts/test-browser"]
fn markup_in_an_article_is_shown_as_text_and_never_runs() {
    let Some((driver, chromium)) = browser_programs() else {
        return;
    };
    let server = TestServer::start();
    server.post_fixtures();
    // The same markup as a web page, where the reader has to take it apart.
    let page = "<html><head><title>Seal count</title><script>window.__parallaxInjected='head'</script></head><body><article><h1>Seal count on the island</h1><p>The wildlife office on Skarholm counted 14 seals on Tuesday <img src=x onerror=\"window.__parallaxInjected='img'\">, two more than a week before.</p><p onmouseover=\"window.__parallaxInjected='hover'\">Volunteers <b>will</b> count again next month, the office said. &lt;script&gt;window.__parallaxInjected='entity'&lt;/script&gt;</p></article></body></html>";
    let posted = server.post(
        "/api/articles?source=island-news.html",
        "text/html",
        page.as_bytes(),
        Some(TOKEN),
    );
    assert_eq!(posted.status, 200, "{}", posted.body);
    let browser = Browser::start(&driver, &chromium);
    browser.resize(LAPTOP);

    browser.open(&server.url("/"));
    browser.wait_for(
        "document.querySelectorAll('.story-card').length >= 3",
        "the story list",
    );
    check_page(&browser, "list with markup");
    for words in ["markup", "Skarholm counted"] {
        let story = server.story_with(words);
        browser.open(&server.url(&format!("/#/story/{story}")));
        browser.wait_for(
            "document.querySelector('#articles')",
            "the story with markup",
        );
        browser.run("for (const details of document.querySelectorAll('.article-list details')) details.open = true; return true;");
        // Give an image or a handler every chance to fire.
        browser.run("for (const node of document.querySelectorAll('p')) node.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); return true;");
        std::thread::sleep(Duration::from_millis(300));
        check_page(&browser, words);
        let text = browser.run("return document.querySelector('.article-list').textContent;");
        let text = text.as_str().unwrap_or("");
        if words == "markup" {
            assert!(
                text.contains("<script>window.__parallaxInjected = \"script\";</script>"),
                "{text}"
            );
            assert!(text.contains("onerror="), "{text}");
            browser.scroll_to("#articles");
            browser.screenshot("laptop-8-markup-shown-as-text");
        } else {
            assert!(text.contains("14 seals"), "{text}");
        }
        let links = browser.run("return [...document.querySelectorAll('main a')].map((a) => a.getAttribute('href')).filter((href) => href && !href.startsWith('#') && !href.startsWith('/') && !href.startsWith('http'));");
        assert_eq!(
            links,
            json!([]),
            "{words}: links that are not web addresses"
        );
    }

    // The form to add articles: a wrong token is refused in words, the
    // right one adds the article.
    browser.open(&server.url("/#/add"));
    browser.wait_for("document.querySelector('#add-text')", "the form");
    check_page(&browser, "add");
    browser.type_into(
        &browser.element("css selector", "#add-source"),
        "harbour-radio",
    );
    browser.type_into(
        &browser.element("css selector", "#add-text"),
        "The Skarholm wildlife office said on Friday that 16 seals had been counted on the rocks, two more than on Tuesday.",
    );
    browser.type_into(&browser.element("css selector", "#add-token"), "wrong");
    browser.click(&browser.element("css selector", ".add-form button"));
    browser.wait_for(
        "document.querySelector('.post-result .error')",
        "the refusal",
    );
    let refusal = browser.run("return document.querySelector('.post-result').textContent;");
    assert!(
        refusal.as_str().is_some_and(|text| text.contains("token")),
        "{refusal}"
    );
    let token_field = browser.element("css selector", "#add-token");
    browser.run("document.querySelector('#add-token').value = ''; return true;");
    browser.type_into(&token_field, TOKEN);
    browser.click(&browser.element("css selector", ".add-form button"));
    browser.wait_for(
        "document.querySelector('.post-result .success')",
        "the article added",
    );
    browser.screenshot("laptop-9-add");
}
