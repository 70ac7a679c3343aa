//! Throughput of the container readers (JSON Lines, WARC plain and gzip per
//! record) through `ingest::read_input`, on generated records, next to the
//! cost of reading the same bodies with the text or HTML reader alone: the
//! difference is what the container costs.
//!
//! Run with `cargo bench -p parallax --bench ingest`; prints MB/s of input
//! per reader (best of three passes, one core).

#![allow(clippy::print_stdout)]

use parallax::ingest::{read_input, read_plain_text, ReadOptions};
use std::io::Write;
use std::time::{Duration, Instant};

/// A deterministic generator (xorshift64*), so every run reads the same.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        let mut value = self.0;
        value ^= value >> 12;
        value ^= value << 25;
        value ^= value >> 27;
        self.0 = value;
        value.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn pick<'a>(&mut self, choices: &[&'a str]) -> &'a str {
        let index = (self.next() % choices.len() as u64) as usize;
        choices.get(index).copied().unwrap_or("")
    }
}

const SUBJECTS: &[&str] = &[
    "The harbour board",
    "A spokeswoman for the council",
    "Local growers",
    "The regional court",
    "Two engineers",
    "The ferry company",
];
const VERBS: &[&str] = &["said", "announced", "confirmed", "denied", "reported"];
const OBJECTS: &[&str] = &[
    "that the bridge would reopen in 14 days",
    "a plan to dredge the northern channel by March",
    "that 1,200 households had lost power on Tuesday",
    "the sale of the old station to a housing group",
    "that repairs would cost about 3.5 million euros",
];

fn paragraph(random: &mut Random) -> String {
    let mut sentences = Vec::new();
    for _ in 0..4 {
        sentences.push(format!(
            "{} {} {}.",
            random.pick(SUBJECTS),
            random.pick(VERBS),
            random.pick(OBJECTS)
        ));
    }
    sentences.join(" ")
}

fn article_paragraphs(random: &mut Random) -> Vec<String> {
    (0..8).map(|_| paragraph(random)).collect()
}

fn html_page(paragraphs: &[String]) -> String {
    let mut page = String::from(
        "<!doctype html><html><head><title>Council news</title><script>var tracking = 1;</script></head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article><h1>Council news</h1>",
    );
    for paragraph in paragraphs {
        page.push_str("<p>");
        page.push_str(paragraph);
        page.push_str("</p>");
    }
    page.push_str("</article><footer>Copyright</footer></body></html>");
    page
}

fn warc_response(uri: &str, page: &str, media_type: &str) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {media_type}\r\nContent-Length: {}\r\n\r\n{page}",
        page.len()
    );
    let mut record = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    record.extend_from_slice(http.as_bytes());
    record.extend_from_slice(b"\r\n\r\n");
    record
}

fn warc_request(uri: &str) -> Vec<u8> {
    let http = format!("GET {uri} HTTP/1.1\r\nHost: example.org\r\n\r\n");
    let mut record = format!(
        "WARC/1.1\r\nWARC-Type: request\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=request\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    record.extend_from_slice(http.as_bytes());
    record.extend_from_slice(b"\r\n\r\n");
    record
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// Best time of three passes of `run`.
fn best_of_three(mut run: impl FnMut() -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut count = 0;
    for _ in 0..3 {
        let start = Instant::now();
        count = run();
        best = best.min(start.elapsed());
    }
    (best, count)
}

fn report(name: &str, bytes: usize, elapsed: Duration, articles: usize) {
    let megabytes = bytes as f64 / 1_000_000.0;
    println!(
        "{name:<40} {megabytes:>7.1} MB  {articles:>6} articles  {:>8.1} MB/s",
        megabytes / elapsed.as_secs_f64()
    );
}

fn read_all(name: &str, bytes: &[u8]) -> usize {
    let mut articles = 0;
    read_input(name, bytes, &ReadOptions::default(), 0, &mut |result| {
        if result.is_ok() {
            articles += 1;
        }
    });
    articles
}

fn main() {
    let mut random = Random(0x5eed_1234_abcd_0001);
    let records = 4000;
    let mut text_bodies = Vec::new();
    let mut pages = Vec::new();
    for _ in 0..records {
        let paragraphs = article_paragraphs(&mut random);
        text_bodies.push(paragraphs.join("\n\n"));
        pages.push(html_page(&paragraphs));
    }

    let mut jsonl_text = Vec::new();
    for (number, body) in text_bodies.iter().enumerate() {
        let record = serde_json::json!({"title": format!("Story {number}"), "url": format!("https://example.org/{number}"), "date": "2024-01-01T10:00:00Z", "text": body});
        jsonl_text.extend_from_slice(record.to_string().as_bytes());
        jsonl_text.push(b'\n');
    }
    let mut jsonl_html = Vec::new();
    for (number, page) in pages.iter().enumerate() {
        let record = serde_json::json!({"title": format!("Story {number}"), "text": page});
        jsonl_html.extend_from_slice(record.to_string().as_bytes());
        jsonl_html.push(b'\n');
    }
    // The same records with a media type no article comes from: the cost
    // of the record reader alone (headers parsed, payloads read and
    // dropped).
    let mut warc_skipped = Vec::new();
    for (number, page) in pages.iter().enumerate() {
        let uri = format!("https://example.org/{number}");
        warc_skipped.extend_from_slice(&warc_request(&uri));
        warc_skipped.extend_from_slice(&warc_response(&uri, page, "application/octet-stream"));
    }
    let mut jsonl_no_body = Vec::new();
    for body in &text_bodies {
        let record = serde_json::json!({"title": "Story", "unmapped": body});
        jsonl_no_body.extend_from_slice(record.to_string().as_bytes());
        jsonl_no_body.push(b'\n');
    }
    let mut warc_plain = Vec::new();
    let mut warc_gzip = Vec::new();
    for (number, page) in pages.iter().enumerate() {
        let uri = format!("https://example.org/{number}");
        let request = warc_request(&uri);
        let response = warc_response(&uri, page, "text/html; charset=utf-8");
        warc_gzip.extend_from_slice(&gzip(&request));
        warc_gzip.extend_from_slice(&gzip(&response));
        warc_plain.extend_from_slice(&request);
        warc_plain.extend_from_slice(&response);
    }

    println!("ingest throughput, best of 3, one core");
    let (elapsed, articles) = best_of_three(|| {
        let mut count = 0;
        for (index, body) in text_bodies.iter().enumerate() {
            if read_plain_text("bench.txt", body.as_bytes(), index as u32).is_ok() {
                count += 1;
            }
        }
        count
    });
    let text_bytes: usize = text_bodies.iter().map(String::len).sum();
    report("text reader alone (bodies)", text_bytes, elapsed, articles);
    let (elapsed, _) = best_of_three(|| read_all("bench.jsonl", &jsonl_no_body));
    report(
        "JSON Lines, lines parsed only (no body)",
        jsonl_no_body.len(),
        elapsed,
        0,
    );
    let (elapsed, _) = best_of_three(|| read_all("bench.warc", &warc_skipped));
    report(
        "WARC, records only (payloads skipped)",
        warc_skipped.len(),
        elapsed,
        0,
    );
    let (elapsed, articles) = best_of_three(|| read_all("bench.jsonl", &jsonl_text));
    report(
        "JSON Lines, text bodies",
        jsonl_text.len(),
        elapsed,
        articles,
    );
    let (elapsed, articles) = best_of_three(|| {
        let mut count = 0;
        for page in &pages {
            count += read_all("bench.html", page.as_bytes());
        }
        count
    });
    let page_bytes: usize = pages.iter().map(String::len).sum();
    report("HTML reader alone (pages)", page_bytes, elapsed, articles);
    let (elapsed, articles) = best_of_three(|| read_all("bench.jsonl", &jsonl_html));
    report(
        "JSON Lines, HTML bodies",
        jsonl_html.len(),
        elapsed,
        articles,
    );
    let (elapsed, articles) = best_of_three(|| read_all("bench.warc", &warc_plain));
    report("WARC, plain", warc_plain.len(), elapsed, articles);
    let (elapsed, articles) = best_of_three(|| read_all("bench.warc.gz", &warc_gzip));
    report(
        "WARC, gzip per record (compressed MB)",
        warc_gzip.len(),
        elapsed,
        articles,
    );
    report(
        "WARC, gzip per record (uncompressed MB)",
        warc_plain.len(),
        elapsed,
        articles,
    );
}
