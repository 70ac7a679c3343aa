//! The JSON API on a real server on loopback, with articles we wrote.

mod common;

use common::{fixture, TestServer, TOKEN};
use parallax_serve::{Auth, Limits};

#[test]
fn stories_briefs_entities_and_claims() {
    let server = TestServer::start();
    let health = server.get("/api/health");
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["stories"], 0);

    server.post_fixtures();

    let list = server.get("/api/stories");
    assert_eq!(list.status, 200);
    assert!(list.content_type.starts_with("application/json"));
    let list = list.json();
    assert!(list["total"].as_u64().unwrap_or(0) >= 3, "{list}");
    // Newest first: the article with markup was posted last.
    let first_title = list["stories"][0]["title"].as_str().unwrap_or("");
    assert!(first_title.contains("markup"), "{list}");

    let ferry = server.story_with("Marisol Star");
    let item = list["stories"]
        .as_array()
        .and_then(|stories| stories.iter().find(|story| story["id"] == ferry))
        .cloned()
        .unwrap_or_default();
    assert_eq!(item["article_count"], 4, "{item}");
    assert!(
        item["counts"]["conflicts"].as_u64().unwrap_or(0) >= 1,
        "{item}"
    );
    assert_eq!(item["counts"]["independent_sources"], 3, "{item}");

    let brief = server.get(&format!("/api/stories/{ferry}"));
    assert_eq!(brief.status, 200);
    let brief = brief.json();
    assert_eq!(brief["schema"], "parallax.brief/1");
    let story = &brief["stories"][0];
    assert_eq!(story["id"], ferry);
    let conflict = story["claim_groups"]
        .as_array()
        .and_then(|groups| {
            groups.iter().find(|group| {
                group["verdict"] == "conflict"
                    && group["claims"]
                        .as_array()
                        .is_some_and(|claims| claims.len() >= 4)
            })
        })
        .cloned()
        .unwrap_or_default();
    let values: Vec<&str> = conflict["claims"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|claim| claim["value_text"].as_str())
        .collect();
    assert!(
        values.contains(&"Seventeen") && values.contains(&"23"),
        "{conflict}"
    );

    // Articles in pieces: boilerplate kept with its reason; figures marked.
    let articles = server.get(&format!("/api/stories/{ferry}/articles")).json();
    let portal = articles["articles"]
        .as_array()
        .and_then(|articles| {
            articles
                .iter()
                .find(|article| article["source"] == "ferry/02-portal-copy.txt")
        })
        .cloned()
        .unwrap_or_default();
    assert_eq!(portal["label"], "02-portal-copy");
    let blocks = portal["blocks"].as_array().cloned().unwrap_or_default();
    assert!(
        blocks.iter().any(|block| block["kind"] == "boilerplate"
            && block["pieces"][0]["text"]
                .as_str()
                .is_some_and(|text| text.contains("Share this article"))),
        "{portal}"
    );
    let marked: Vec<String> = blocks
        .iter()
        .flat_map(|block| block["pieces"].as_array().cloned().unwrap_or_default())
        .filter(|piece| piece.get("claims").is_some())
        .filter_map(|piece| piece["text"].as_str().map(str::to_string))
        .collect();
    assert!(marked.iter().any(|text| text == "Seventeen"), "{marked:?}");
    // Pieces give back the text exactly.
    let text: String = blocks
        .iter()
        .flat_map(|block| block["pieces"].as_array().cloned().unwrap_or_default())
        .filter_map(|piece| piece["text"].as_str().map(str::to_string))
        .collect();
    assert!(text.contains("Ilse Brandvold told journalists"));

    let entities = server
        .get(&format!("/api/entities?story={ferry}&q=brandvold"))
        .json();
    let brandvold = &entities["entities"][0];
    assert_eq!(brandvold["name"], "Ilse Brandvold", "{entities}");
    assert!(brandvold["variants"]
        .as_array()
        .is_some_and(|variants| variants.len() >= 2));
    assert_eq!(brandvold["story"], ferry);

    let conflicts = server.get("/api/claims?verdict=conflict").json();
    let groups = conflicts["claim_groups"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!groups.is_empty());
    assert!(groups.iter().all(|group| group["verdict"] == "conflict"));
    let agreed = server
        .get(&format!("/api/claims?verdict=corroborated&story={ferry}"))
        .json();
    assert!(agreed["claim_groups"]
        .as_array()
        .is_some_and(|groups| groups
            .iter()
            .all(|group| group["verdict"] == "corroborated")));
}

#[test]
fn bad_requests_get_clear_errors_and_the_server_goes_on() {
    let server = TestServer::start();
    let cases = [
        ("/api/stories/999", 404, "no story 999"),
        (
            "/api/stories/abc",
            400,
            "story ids are positive whole numbers",
        ),
        (
            "/api/stories?per_page=0",
            400,
            "per_page must be a whole number",
        ),
        ("/api/stories?page=x", 400, "page must be a whole number"),
        ("/api/claims?verdict=maybe", 400, "verdict must be one of"),
        (
            "/api/claims?conflict_kind=odd",
            400,
            "conflict_kind must be one of",
        ),
        ("/api/nowhere", 404, "no such API path"),
        ("/api/stories/..%2F..%2Fetc%2Fpasswd", 400, "story ids"),
    ];
    for (path, status, words) in cases {
        let answer = server.get(path);
        assert_eq!(answer.status, status, "{path}: {}", answer.body);
        assert!(
            answer.content_type.starts_with("application/json"),
            "{path}"
        );
        let message = answer.json()["error"].as_str().unwrap_or("").to_string();
        assert!(message.contains(words), "{path}: {message}");
    }
    // Paths outside the API never reach the file system.
    for path in [
        "/../Cargo.toml",
        "/static/../../etc/passwd",
        "/store.db",
        "/%2e%2e/store.db",
    ] {
        let answer = server.get(path);
        assert_eq!(answer.status, 404, "{path}");
        assert!(!answer.body.contains("SQLite"), "{path}");
    }
    // An article that is not text is refused with the reason; nothing stored.
    let binary = server.post(
        "/api/articles?source=broken",
        "text/plain",
        b"\x00\x01\x02 not text",
        Some(TOKEN),
    );
    assert_eq!(binary.status, 400, "{}", binary.body);
    let message = binary.json()["error"].as_str().unwrap_or("").to_string();
    assert!(message.contains("binary data"), "{message}");
    let bad_json = server.post(
        "/api/articles?source=lines",
        "application/x-ndjson",
        b"{\"text\": \"The ferry to the island ran twice on Sunday because of fog.\"}\n{not json\n",
        Some(TOKEN),
    );
    assert_eq!(bad_json.status, 200, "{}", bad_json.body);
    let outcome = bad_json.json();
    assert_eq!(outcome["added"], 1);
    assert_eq!(outcome["failures"][0]["source"], "lines:2", "{outcome}");
    let unknown_type = server.post("/api/articles", "image/png", b"png", Some(TOKEN));
    assert_eq!(unknown_type.status, 415);
    assert_eq!(server.get("/api/health").status, 200);
}

#[test]
fn writes_need_the_token_unless_auth_is_disabled() {
    let server = TestServer::start();
    let article = fixture("council/01-daily.txt");
    let without = server.post("/api/articles", "text/plain", article.as_bytes(), None);
    assert_eq!(without.status, 401);
    assert!(without.header("www-authenticate").is_some());
    assert!(without.json()["error"]
        .as_str()
        .is_some_and(|message| message.contains("Authorization: Bearer")));
    let wrong = server.post(
        "/api/articles",
        "text/plain",
        article.as_bytes(),
        Some("not-the-token"),
    );
    assert_eq!(wrong.status, 401);
    assert_eq!(server.get("/api/health").json()["articles"], 0);
    let right = server.post(
        "/api/articles",
        "text/plain",
        article.as_bytes(),
        Some(TOKEN),
    );
    assert_eq!(right.status, 200);
    assert_eq!(right.json()["added"], 1);

    let open = TestServer::start_with(Auth::Disabled, Limits::default());
    let anyone = open.post("/api/articles", "text/plain", article.as_bytes(), None);
    assert_eq!(anyone.status, 200, "{}", anyone.body);
    assert_eq!(open.get("/api/health").json()["writes"], "open");
}

#[test]
fn bodies_and_article_counts_are_bounded() {
    let limits = Limits {
        max_body_bytes: 16 * 1024,
        max_articles: 3,
        ..Limits::default()
    };
    let server = TestServer::start_with(Auth::Token(TOKEN.to_string()), limits);
    let large = "The harbour was quiet on Sunday. ".repeat(1000);
    let answer = server.post("/api/articles", "text/plain", large.as_bytes(), Some(TOKEN));
    assert_eq!(answer.status, 413, "{}", answer.body);
    assert!(answer.json()["error"]
        .as_str()
        .is_some_and(|message| message.contains("16384 bytes")));
    let lines: String = (1..=4)
        .map(|number| {
            format!("{{\"text\": \"The night ferry was {number} hours late on Friday after a storm closed the port.\"}}\n")
        })
        .collect();
    let answer = server.post(
        "/api/articles",
        "application/x-ndjson",
        lines.as_bytes(),
        Some(TOKEN),
    );
    assert_eq!(answer.status, 400, "{}", answer.body);
    assert!(answer.json()["error"]
        .as_str()
        .is_some_and(|message| message.contains("at most 3")));
    assert_eq!(server.get("/api/health").json()["articles"], 0);
}

#[test]
fn pages_are_served_with_a_strict_content_policy() {
    let server = TestServer::start();
    for (path, kind) in [
        ("/", "text/html"),
        ("/app.js", "text/javascript"),
        ("/app.css", "text/css"),
        ("/favicon.svg", "image/svg+xml"),
    ] {
        let answer = server.get(path);
        assert_eq!(answer.status, 200, "{path}");
        assert!(answer.content_type.starts_with(kind), "{path}");
        let policy = answer.header("content-security-policy").unwrap_or("");
        assert!(policy.contains("script-src 'self'"), "{path}: {policy}");
        assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
    }
    // The script never builds markup from strings.
    let script = server.get("/app.js").body;
    for forbidden in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!script.contains(forbidden), "app.js uses {forbidden}");
    }
}

#[test]
fn a_stored_story_that_grows_is_briefed_again() {
    let server = TestServer::start();
    for name in ["ferry/01-wire.txt", "ferry/03-local-paper.txt"] {
        let answer = server.post(
            &format!("/api/articles?source={name}"),
            "text/plain",
            fixture(name).as_bytes(),
            Some(TOKEN),
        );
        assert_eq!(answer.status, 200);
    }
    let ferry = server.story_with("Marisol Star");
    let before = server.get(&format!("/api/stories/{ferry}")).json();
    assert_eq!(
        before["stories"][0]["articles"].as_array().map(Vec::len),
        Some(2)
    );
    let answer = server.post(
        "/api/articles?source=ferry/04-radio.txt",
        "text/plain",
        fixture("ferry/04-radio.txt").as_bytes(),
        Some(TOKEN),
    );
    assert_eq!(answer.json()["articles"][0]["story"], ferry);
    let after = server.get(&format!("/api/stories/{ferry}")).json();
    assert_eq!(
        after["stories"][0]["articles"].as_array().map(Vec::len),
        Some(3)
    );
}
