//! Cost of the stream story clusterer (`fuse::stream`) as the stream grows.
//!
//! The stream is generated from our own example articles
//! (`examples/stories/*/*.txt`, read at run time): each is analysed once and
//! its [`StorySignature`] taken. A generated story picks one of the example
//! stories as its kind and gets names, figures and dates of its own (every
//! name, number and date term of the example is replaced by one keyed by
//! the story: another event of the same kind with other people, as in
//! ECB+'s sub-topics); each of its articles is one of the kind's articles
//! with a random fifth of its words dropped and a few words from a large
//! shared pool added. Stories open at a steady rate and take their articles
//! over a window of the stream, interleaved with others.
//!
//! Printed: articles per second of `add` in each stretch of the stream
//! (up to 10k, 50k, 100k and 200k stored articles), the clusterer's memory
//! per article seen, open stories, and B-cubed precision/recall against
//! the generated stories; then the speed of building signatures from text.
//!
//! Run with `cargo bench -p parallax --bench stream` (set
//! `PARALLAX_BENCH_ARTICLES` for a shorter stream).

#![allow(clippy::print_stdout)]

use parallax::fuse::near_dup::Signature;
use parallax::fuse::stream::{StoryId, StorySignature, StreamClusterer, StreamConfig, ANCHOR_FLAG};
use parallax::model::AnalysedArticle;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// xorshift64*: the same stream on every run.
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

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }
}

fn mix(value: u64) -> u32 {
    let mut mixed = value.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    mixed ^= mixed >> 29;
    mixed = mixed.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    (mixed >> 32) as u32
}

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|folder| folder.join("examples/stories").is_dir())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The example articles, analysed, grouped by story folder.
fn example_stories() -> Vec<Vec<AnalysedArticle>> {
    let root = repository_root().join("examples/stories");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| path.is_dir())
                .collect()
        })
        .unwrap_or_default();
    folders.sort();
    let mut stories = Vec::new();
    let mut index = 0u32;
    for folder in folders {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
            .map(|entries| {
                entries
                    .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                    .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        let mut articles = Vec::new();
        for file in files {
            let Ok(bytes) = std::fs::read(&file) else {
                continue;
            };
            let source = file.display().to_string();
            let Ok(article) = parallax::ingest::read_plain_text(&source, &bytes, index) else {
                continue;
            };
            index += 1;
            articles.push(parallax::pipeline::analyse_article(article));
        }
        if !articles.is_empty() {
            stories.push(articles);
        }
    }
    stories
}

/// One article of generated story `story`, made from `base`.
fn generated(base: &StorySignature, story: u64, random: &mut Random) -> StorySignature {
    let mut pairs: Vec<(u32, u8)> = Vec::with_capacity(base.terms.len() + 8);
    for (term, flags) in base.terms.iter().zip(&base.flags) {
        if flags & ANCHOR_FLAG != 0 {
            // Names, figures and dates of this story's own.
            pairs.push((
                mix(u64::from(*term) ^ story.wrapping_mul(0x1000_0001)),
                *flags,
            ));
        } else if random.below(5) != 0 {
            pairs.push((*term, *flags));
        }
    }
    for _ in 0..6 {
        // Incidental words from a shared pool, some common, most rare.
        let spread = 1 + random.below(200_000);
        let pool_word = random.below(spread);
        pairs.push((mix(pool_word ^ 0xabcd_0000_0000), 1));
    }
    pairs.sort_unstable_by_key(|(term, _)| *term);
    pairs.dedup_by_key(|(term, _)| *term);
    StorySignature {
        day: base.day.map(|day| day + (story / 50) as i32),
        terms: pairs.iter().map(|(term, _)| *term).collect(),
        flags: pairs.iter().map(|(_, flags)| *flags).collect(),
    }
}

/// B-cubed precision and recall from (gold, predicted) labels, through the
/// contingency counts.
fn b_cubed(labels: &[(u64, StoryId)]) -> (f64, f64) {
    let mut gold_size: HashMap<u64, f64> = HashMap::new();
    let mut predicted_size: HashMap<StoryId, f64> = HashMap::new();
    let mut both: HashMap<(u64, StoryId), f64> = HashMap::new();
    for &(gold, predicted) in labels {
        *gold_size.entry(gold).or_insert(0.0) += 1.0;
        *predicted_size.entry(predicted).or_insert(0.0) += 1.0;
        *both.entry((gold, predicted)).or_insert(0.0) += 1.0;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for ((gold, predicted), shared) in &both {
        precision += shared * shared / predicted_size.get(predicted).copied().unwrap_or(1.0);
        recall += shared * shared / gold_size.get(gold).copied().unwrap_or(1.0);
    }
    let count = labels.len().max(1) as f64;
    (precision / count, recall / count)
}

fn main() {
    let total: u64 = std::env::var("PARALLAX_BENCH_ARTICLES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(200_000);
    let examples = example_stories();
    if examples.is_empty() {
        println!("no example articles found under examples/stories");
        return;
    }
    let kinds: Vec<Vec<StorySignature>> = examples
        .iter()
        .map(|articles| articles.iter().map(StorySignature::of_article).collect())
        .collect();

    // Stories open steadily (about one in five articles) and stay active for
    // a window of the stream; each article belongs to an active story.
    let mut random = Random(0x5eed_57ea_0001);
    let mut clusterer = StreamClusterer::new(StreamConfig::default());
    let mut merged_into: HashMap<StoryId, StoryId> = HashMap::new();
    let mut labels: Vec<(u64, StoryId)> = Vec::with_capacity(total as usize);
    let mut active: Vec<(u64, usize, u32)> = Vec::new(); // (story, kind, articles left)
    let mut next_story = 0u64;
    let marks = [10_000u64, 50_000, 100_000, 200_000, 500_000, 1_000_000];
    let mut stretch_start = Instant::now();
    let mut stretch_articles = 0u64;
    let mut signature_bytes = 0usize;
    println!(
        "{:>9} {:>14} {:>12} {:>13} {:>8} {:>8}",
        "articles", "adds/s(stretch)", "µs/article", "bytes/article", "open", "B3 P/R"
    );
    for sequence in 1..=total {
        if active.len() < 400 || random.below(5) == 0 {
            let kind = random.below(kinds.len() as u64) as usize;
            let size = 1 + random.below(9) as u32;
            active.push((next_story, kind, size));
            next_story += 1;
        }
        let slot = random.below(active.len() as u64) as usize;
        let Some(&(story, kind, left)) = active.get(slot) else {
            continue;
        };
        let Some(base_articles) = kinds.get(kind) else {
            continue;
        };
        let base_index = random.below(base_articles.len() as u64) as usize;
        let Some(base) = base_articles.get(base_index) else {
            continue;
        };
        let signature = generated(base, story, &mut random);
        signature_bytes += signature.memory_bytes();
        let assignment = clusterer.add(sequence, &signature);
        for absorbed in &assignment.merged {
            merged_into.insert(*absorbed, assignment.story);
        }
        labels.push((story, assignment.story));
        if left <= 1 {
            active.swap_remove(slot);
        } else if let Some(entry) = active.get_mut(slot) {
            entry.2 = left - 1;
        }
        stretch_articles += 1;
        if marks.contains(&sequence) || sequence == total {
            let seconds = stretch_start.elapsed().as_secs_f64();
            let resolve = |mut story: StoryId| {
                let mut steps = 0;
                while let Some(&next) = merged_into.get(&story) {
                    story = next;
                    steps += 1;
                    if steps > merged_into.len() {
                        break;
                    }
                }
                story
            };
            let resolved: Vec<(u64, StoryId)> = labels
                .iter()
                .map(|(gold, predicted)| (*gold, resolve(*predicted)))
                .collect();
            let (precision, recall) = b_cubed(&resolved);
            println!(
                "{:>9} {:>14.0} {:>12.1} {:>13.0} {:>8} {:.3}/{:.3}",
                sequence,
                stretch_articles as f64 / seconds.max(1e-9),
                seconds * 1e6 / stretch_articles.max(1) as f64,
                clusterer.memory_bytes() as f64 / sequence as f64,
                clusterer.open_stories(),
                precision,
                recall,
            );
            stretch_start = Instant::now();
            stretch_articles = 0;
        }
    }
    println!(
        "generated stories: {next_story}; signatures average {:.0} bytes in memory",
        signature_bytes as f64 / total.max(1) as f64
    );

    // Building signatures from analysed articles and from text.
    let analysed: Vec<&AnalysedArticle> = examples.iter().flatten().collect();
    let bytes: usize = analysed
        .iter()
        .map(|article| article.article.text.len())
        .sum();
    let rounds = 200;
    let started = Instant::now();
    let mut terms = 0usize;
    for _ in 0..rounds {
        for article in &analysed {
            terms += StorySignature::of_article(article).terms.len();
        }
    }
    let story_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let mut shingles = 0u64;
    for _ in 0..rounds {
        for article in &analysed {
            shingles += u64::from(Signature::of_text(&article.article.text).shingles);
        }
    }
    let minhash_seconds = started.elapsed().as_secs_f64();
    let megabytes = (bytes * rounds) as f64 / 1e6;
    println!(
        "StorySignature::of_article: {:.1} MB/s ({} terms); near_dup::Signature::of_text: {:.1} MB/s ({} shingles)",
        megabytes / story_seconds.max(1e-9),
        terms / rounds,
        megabytes / minhash_seconds.max(1e-9),
        shingles / rounds as u64,
    );
}
