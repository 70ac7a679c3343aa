//! Throughput of the HTML reader (`ingest::read_html`) on the 181 pages of
//! the article-extraction-benchmark, read at bench time from the shared data
//! folder (`$PARALLAX_DATA`, else `../shared/data` beside the repository).
//! When the pages are missing the bench says so and does nothing.
//!
//! Run with `cargo bench -p parallax --bench html`; the first lines give
//! pages/s and MB/s measured with `Instant` over the whole set, then divan
//! measures one pass over all pages (bytes/s and items/s).

#![allow(clippy::print_stdout, clippy::print_stderr)]

use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
use parallax::ingest::read_html;
use std::io::Read;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

fn data_dir() -> PathBuf {
    match std::env::var_os("PARALLAX_DATA") {
        Some(folder) => PathBuf::from(folder),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    }
}

/// The benchmark's pages, gunzipped; empty when the folder is missing.
fn pages() -> &'static [Vec<u8>] {
    static PAGES: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let folder = data_dir().join("article-extraction-benchmark/html");
        let Ok(entries) = std::fs::read_dir(&folder) else {
            return Vec::new();
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.to_string_lossy().ends_with(".html.gz"))
            .collect();
        paths.sort();
        let mut pages = Vec::new();
        for path in paths {
            let Ok(compressed) = std::fs::read(&path) else {
                continue;
            };
            let mut html = Vec::new();
            if flate2::read::GzDecoder::new(compressed.as_slice())
                .read_to_end(&mut html)
                .is_ok()
            {
                pages.push(html);
            }
        }
        pages
    })
}

fn extract_all(pages: &[Vec<u8>]) -> usize {
    let mut body_blocks = 0;
    for page in pages {
        if let Ok(article) = read_html("bench.html", divan::black_box(page), 0) {
            body_blocks += article.body_blocks().count();
        }
    }
    body_blocks
}

fn main() {
    let pages = pages();
    if pages.is_empty() {
        eprintln!(
            "html bench skipped: no pages under {} (set PARALLAX_DATA to the data folder)",
            data_dir()
                .join("article-extraction-benchmark/html")
                .display()
        );
        return;
    }
    let bytes: usize = pages.iter().map(Vec::len).sum();
    const ROUNDS: usize = 3;
    let started = Instant::now();
    let mut body_blocks = 0;
    for _ in 0..ROUNDS {
        body_blocks += extract_all(pages);
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "ingest::read_html: {:.1} pages/s, {:.1} MB/s ({} pages, {:.1} MB, x {ROUNDS}; {} body blocks per pass)",
        (pages.len() * ROUNDS) as f64 / seconds,
        (bytes * ROUNDS) as f64 / 1e6 / seconds,
        pages.len(),
        bytes as f64 / 1e6,
        body_blocks / ROUNDS
    );
    divan::main();
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn read_html_benchmark_pages(bencher: Bencher) {
    let pages = pages();
    let bytes: usize = pages.iter().map(Vec::len).sum();
    bencher
        .counter(BytesCount::new(bytes))
        .counter(ItemsCount::new(pages.len()))
        .bench(|| extract_all(pages));
}
