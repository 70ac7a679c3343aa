//! Scale benchmark of the store: ingest and story clustering of a large
//! synthetic stream made from real text.
//!
//! ```text
//! cargo bench -p parallax-store --bench scale -- [--articles N] [--data DIR] [--db FILE]
//!     [--batch N] [--clusterer stream|key-terms] [--append --seed N] [--stages]
//! ```
//!
//! Base texts: ECB+ and GUM from the data folder (default `../shared/data`
//! beside the workspace), plus the repository's `examples/stories`. The
//! stream mutates them into many stories (see `parallax_store::corpus`).
//! Reported: articles per second (reading + signing + writing + placing,
//! generation excluded), time per 1,000 articles as the store grows, peak
//! memory (`VmHWM`), the database's size, and how well the stories found
//! match the generated ones (B-cubed).

use parallax::ingest::read_plain_text;
use parallax::model::Article;
use parallax_store::corpus::{self, BaseDocument, GeneratedArticle, Stream, StreamSettings};
use parallax_store::{
    prepare_all, Ingester, KeyTermClusterer, Store, StoryClusterer, StreamStoryClusterer,
};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

struct Options {
    articles: usize,
    data: PathBuf,
    database: Option<PathBuf>,
    batch: usize,
    stages: bool,
    clusterer: String,
    /// Add to an existing store instead of starting afresh.
    append: bool,
    seed: u64,
    /// Only time opening an ingester on `--db` (rebuilding the clusterer).
    reopen_only: bool,
    /// Only compare story signatures on ECB+ (B-cubed by sub-topic).
    ecb: bool,
    /// A quick run on our own examples only (under `cargo test`).
    smoke: bool,
}

fn parse_options() -> Result<Options, String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut options = Options {
        articles: 200_000,
        data: manifest.join("../../../shared/data"),
        database: None,
        batch: 500,
        stages: false,
        clusterer: "stream".to_string(),
        append: false,
        seed: StreamSettings::default().seed,
        reopen_only: false,
        ecb: false,
        smoke: false,
    };
    // `cargo bench` passes --bench; `cargo test --all-targets` runs this
    // binary without it: then a small smoke run, unless sizes are given.
    let all: Vec<String> = std::env::args().skip(1).collect();
    if !all.iter().any(|argument| argument == "--bench") {
        options.articles = 300;
        options.smoke = true;
    }
    let mut arguments = all.into_iter();
    while let Some(argument) = arguments.next() {
        match argument.as_str() {
            "--articles" => {
                options.articles = arguments
                    .next()
                    .and_then(|value| value.replace('_', "").parse().ok())
                    .ok_or("--articles needs a number")?;
            }
            "--data" => options.data = arguments.next().ok_or("--data needs a folder")?.into(),
            "--db" => options.database = Some(arguments.next().ok_or("--db needs a file")?.into()),
            "--batch" => {
                options.batch = arguments
                    .next()
                    .and_then(|value| value.parse().ok())
                    .ok_or("--batch needs a number")?;
            }
            "--stages" => options.stages = true,
            "--append" => options.append = true,
            "--reopen-only" => options.reopen_only = true,
            "--ecb" => options.ecb = true,
            "--seed" => {
                options.seed = arguments
                    .next()
                    .and_then(|value| value.parse().ok())
                    .ok_or("--seed needs a number")?;
            }
            "--clusterer" => {
                options.clusterer = arguments.next().ok_or("--clusterer needs a name")?;
            }
            // cargo bench passes --bench.
            "--bench" => {}
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(options)
}

fn load_bases(data: &Path, smoke: bool) -> Vec<BaseDocument> {
    let mut bases = Vec::new();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/stories");
    if let Ok(own) = corpus::bases_from_text_folder(&examples) {
        eprintln!("bases: {} of our example articles", own.len());
        bases.extend(own);
    }
    if smoke {
        return bases;
    }
    match parallax_eval::ecbplus::read_corpus(data) {
        Ok(corpus) => {
            for document in &corpus.documents {
                let rendered = parallax_eval::ecbplus::render(document, true);
                let base = corpus::base_from_text(&rendered.text);
                if !base.sentences.is_empty() {
                    bases.push(base);
                }
            }
            eprintln!("bases: {} ECB+ documents", bases.len());
        }
        Err(error) => eprintln!("bases: no ECB+ ({error:#})"),
    }
    match corpus::bases_from_conllu_folder(&data.join("gum/dep")) {
        Ok(gum) => {
            eprintln!("bases: {} GUM documents", gum.len());
            bases.extend(gum);
        }
        Err(error) => eprintln!("bases: no GUM ({error})"),
    }
    bases
}

/// CPU seconds used by the process so far (all threads), from
/// `/proc/self/stat` (clock ticks of 1/100 s).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let Some(after_name) = stat.rsplit_once(')').map(|(_, rest)| rest) else {
        return 0.0;
    };
    // Fields after the name start at field 3; utime and stime are 14, 15.
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |index: usize| -> f64 {
        fields
            .get(index)
            .and_then(|value| value.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

/// CPU seconds used by the calling thread so far.
fn thread_cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/thread-self/stat") else {
        return 0.0;
    };
    let Some(after_name) = stat.rsplit_once(')').map(|(_, rest)| rest) else {
        return 0.0;
    };
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |index: usize| -> f64 {
        fields
            .get(index)
            .and_then(|value| value.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn file_size(path: &Path) -> u64 {
    let mut total = std::fs::metadata(path).map_or(0, |meta| meta.len());
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        total += std::fs::metadata(PathBuf::from(side)).map_or(0, |meta| meta.len());
    }
    total
}

/// A batch ready to write, with the gold story of each article.
struct Produced<Signature> {
    prepared: Vec<parallax_store::Prepared<Signature>>,
    gold: Vec<(u64, u64)>,
    generated: usize,
}

/// Resets the process's peak memory to what it holds now (Linux 4.0+) and
/// returns that, in KiB.
fn reset_peak_memory() -> u64 {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|line| line.starts_with("VmRSS:"))
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|value| value.parse().ok())
        .unwrap_or(0)
}

fn parse(generated: &GeneratedArticle) -> Option<Article> {
    let mut article = read_plain_text(&generated.name, generated.text.as_bytes(), 0).ok()?;
    article.url = Some(generated.url.clone());
    Some(article)
}

/// Microseconds per article of each stage, on a sample.
fn measure_stages(sample: &[GeneratedArticle]) {
    let time = |label: &str, work: &dyn Fn()| {
        let started = Instant::now();
        let cpu_start = cpu_seconds();
        work();
        let per_article = started.elapsed().as_secs_f64() * 1e6 / sample.len() as f64;
        let cpu_per_article = (cpu_seconds() - cpu_start) * 1e6 / sample.len() as f64;
        println!(
            "stage {label:<28} {per_article:>9.1} µs/article wall, {cpu_per_article:>9.1} µs CPU (one thread)"
        );
    };
    let articles: Vec<Article> = sample.iter().filter_map(parse).collect();
    time("read_plain_text", &|| {
        for generated in sample {
            std::hint::black_box(parse(generated));
        }
    });
    time("key-term signature", &|| {
        for article in &articles {
            std::hint::black_box(parallax_store::cluster::key_terms(article));
        }
    });
    time("near-duplicate signature", &|| {
        for article in &articles {
            std::hint::black_box(parallax::fuse::near_dup::Signature::of_text(&article.text));
        }
    });
    time("stream signature (all)", &|| {
        for article in &articles {
            std::hint::black_box(StreamStoryClusterer::signature(article));
        }
    });
    time("analyse (text + extract)", &|| {
        for article in &articles {
            std::hint::black_box(parallax::pipeline::analyse_article(article.clone()));
        }
    });
    let bytes: usize = articles.iter().map(|article| article.text.len()).sum();
    println!(
        "sample: {} articles, {:.0} bytes each on average",
        articles.len(),
        bytes as f64 / articles.len().max(1) as f64
    );
}

/// Story clustering of ECB+ (documents shuffled as the `ecbplus-stories`
/// suite does, gold stories its sub-topics) by the library's stream
/// clusterer, with the store's text signature and with the library's
/// signature of the analysed article.
fn compare_on_ecb(data: &Path) {
    use parallax::fuse::stream::{StorySignature, StreamClusterer, StreamConfig};
    use parallax_eval::ecbplus_stories::{analysed_corpus, shuffled, SHUFFLE_SEED};
    let documents = match analysed_corpus(data) {
        Ok(documents) => documents,
        Err(error) => {
            eprintln!("scale: {error:#}");
            std::process::exit(1);
        }
    };
    let order = shuffled(documents.len(), SHUFFLE_SEED);
    let text_signatures: Vec<StorySignature> = documents
        .iter()
        .map(|document| {
            parallax_store::stream_clusterer::story_signature(&document.analysed.article)
        })
        .collect();
    let analysed_signatures: Vec<StorySignature> = documents
        .iter()
        .map(|document| StorySignature::of_article(&document.analysed))
        .collect();
    for (label, signatures) in [
        ("text signature (store)", &text_signatures),
        ("analysed signature (library)", &analysed_signatures),
    ] {
        let mut clusterer = StreamClusterer::new(StreamConfig::default());
        let mut merged_into: HashMap<u64, u64> = HashMap::new();
        let mut assigned: Vec<u64> = vec![0; documents.len()];
        for &position in &order {
            let Some(signature) = signatures.get(position) else {
                continue;
            };
            let assignment = clusterer.add(position as u64, signature);
            for absorbed in assignment.merged {
                merged_into.insert(absorbed, assignment.story);
            }
            if let Some(slot) = assigned.get_mut(position) {
                *slot = assignment.story;
            }
        }
        let resolve = |mut story: u64| {
            for _ in 0..10_000 {
                match merged_into.get(&story) {
                    Some(next) if *next != story => story = *next,
                    _ => break,
                }
            }
            story
        };
        let pairs: Vec<(i64, u64)> = documents
            .iter()
            .zip(&assigned)
            .map(|(document, story)| {
                (
                    resolve(*story) as i64,
                    u64::from(document.topic) * 2 + u64::from(document.ecbplus),
                )
            })
            .collect();
        let (precision, recall) = b_cubed(&pairs);
        let stories: std::collections::HashSet<i64> =
            pairs.iter().map(|(found, _)| *found).collect();
        println!(
            "ECB+ ({} documents), {label}: B-cubed P {precision:.3} R {recall:.3} F1 {:.3}, {} stories",
            documents.len(),
            2.0 * precision * recall / (precision + recall).max(1e-9),
            stories.len()
        );
    }
}

/// B-cubed precision and recall of found clusters against gold ones, over
/// items given as (found, gold) pairs.
fn b_cubed(pairs: &[(i64, u64)]) -> (f64, f64) {
    let mut found_sizes: HashMap<i64, f64> = HashMap::new();
    let mut gold_sizes: HashMap<u64, f64> = HashMap::new();
    let mut both: HashMap<(i64, u64), f64> = HashMap::new();
    for (found, gold) in pairs {
        *found_sizes.entry(*found).or_insert(0.0) += 1.0;
        *gold_sizes.entry(*gold).or_insert(0.0) += 1.0;
        *both.entry((*found, *gold)).or_insert(0.0) += 1.0;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for ((found, gold), shared) in &both {
        precision += shared * shared / found_sizes.get(found).copied().unwrap_or(1.0);
        recall += shared * shared / gold_sizes.get(gold).copied().unwrap_or(1.0);
    }
    let count = pairs.len().max(1) as f64;
    (precision / count, recall / count)
}

fn main() {
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("scale: {message}");
            std::process::exit(2);
        }
    };
    if options.reopen_only {
        let Some(database) = &options.database else {
            eprintln!("scale: --reopen-only needs --db");
            std::process::exit(2);
        };
        let timer = Instant::now();
        match Store::open(database)
            .and_then(|store| Ingester::open(store, StreamStoryClusterer::default()))
        {
            Ok(ingester) => println!(
                "reopen: {:.1} s, {} stories open in the clusterer, peak {} MiB",
                timer.elapsed().as_secs_f64(),
                ingester.clusterer().open_stories(),
                peak_memory_kib().unwrap_or(0) / 1024
            ),
            Err(error) => println!("reopen failed: {error}"),
        }
        return;
    }
    if options.ecb {
        compare_on_ecb(&options.data);
        return;
    }
    let bases = load_bases(&options.data, options.smoke);
    if bases.is_empty() {
        eprintln!(
            "scale: no base texts found (looked in {})",
            options.data.display()
        );
        std::process::exit(1);
    }
    let settings = StreamSettings {
        articles: options.articles,
        seed: options.seed,
        ..StreamSettings::default()
    };
    if options.stages {
        let sample: Vec<GeneratedArticle> = Stream::new(
            bases.clone(),
            StreamSettings {
                articles: 2000,
                ..settings
            },
        )
        .collect();
        measure_stages(&sample);
        return;
    }
    let directory = tempfile::tempdir().ok();
    let database = match (&options.database, &directory) {
        (Some(path), _) => path.clone(),
        (None, Some(directory)) => directory.path().join("scale.db"),
        (None, None) => PathBuf::from("scale-bench.db"),
    };
    if !options.append {
        for suffix in ["", "-wal", "-shm"] {
            let mut path = database.as_os_str().to_owned();
            path.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(path));
        }
    }
    let store = match Store::open_or_create(&database) {
        Ok(store) => store,
        Err(error) => {
            eprintln!("scale: {error}");
            std::process::exit(1);
        }
    };
    match options.clusterer.as_str() {
        "stream" => run(
            &options,
            bases,
            settings,
            &database,
            store,
            StreamStoryClusterer::default(),
        ),
        "key-terms" => run(
            &options,
            bases,
            settings,
            &database,
            store,
            KeyTermClusterer::default(),
        ),
        other => {
            eprintln!("scale: unknown clusterer {other:?} (stream, key-terms)");
            std::process::exit(2);
        }
    }
}

fn run<C: StoryClusterer + Default>(
    options: &Options,
    bases: Vec<BaseDocument>,
    settings: StreamSettings,
    database: &Path,
    store: Store,
    clusterer: C,
) where
    C::Signature: 'static,
{
    let mut ingester = match Ingester::open(store, clusterer) {
        Ok(ingester) => ingester,
        Err(error) => {
            eprintln!("scale: {error}");
            std::process::exit(1);
        }
    };
    println!(
        "scale: {} articles, batches of {}, {} threads, clusterer {}, store {}",
        options.articles,
        options.batch,
        rayon::current_num_threads(),
        C::KIND,
        database.display()
    );
    let baseline_kib = reset_peak_memory();
    println!(
        "baseline (bases loaded, store open): {} MiB resident; B/article is the peak beyond it per stored article",
        baseline_kib / 1024
    );
    println!(
        "{:>8}  {:>8}  {:>10}  {:>10}  {:>11}  {:>8}  {:>8}  {:>7}  {:>10}",
        "articles",
        "stored",
        "articles/s",
        "ms/1,000",
        "write ms/1k",
        "stories",
        "db MiB",
        "VmHWM",
        "B/article"
    );
    let checkpoints = [10_000usize, 50_000, 100_000, 200_000, 500_000, 1_000_000];
    // The reading side (generate, parse, sign) runs on its own thread, as
    // in `parallax ingest`; this thread writes.
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Produced<C::Signature>>(2);
    let batch_size = options.batch;
    let producer = std::thread::spawn(move || {
        let mut stream = Stream::new(bases, settings);
        let mut generating = Duration::ZERO;
        loop {
            let timer = Instant::now();
            let generated: Vec<GeneratedArticle> = stream.by_ref().take(batch_size).collect();
            generating += timer.elapsed();
            if generated.is_empty() {
                break;
            }
            let parsed: Vec<(Article, u64)> = generated
                .par_iter()
                .filter_map(|source| parse(source).map(|article| (article, source.story)))
                .collect();
            let gold: Vec<(u64, u64)> = parsed
                .iter()
                .map(|(article, story)| (xxhash_rust::xxh3::xxh3_64(article.id.as_bytes()), *story))
                .collect();
            let articles: Vec<Article> = parsed.into_iter().map(|(article, _)| article).collect();
            let produced = Produced {
                prepared: prepare_all::<C>(articles),
                gold,
                generated: generated.len(),
            };
            if sender.send(produced).is_err() {
                break;
            }
        }
        generating
    });
    // Gold story of each stored article, by a hash of its content id.
    let mut gold_of: HashMap<u64, u64> = HashMap::with_capacity(options.articles);
    let mut writing = Duration::ZERO;
    let mut done = 0usize;
    let mut last_checkpoint = (0usize, Duration::ZERO, Duration::ZERO);
    let mut next_checkpoint = 0usize;
    let started = Instant::now();
    let cpu_start = cpu_seconds();
    let writer_cpu_start = thread_cpu_seconds();
    for produced in receiver.iter() {
        gold_of.extend(produced.gold);
        let timer = Instant::now();
        if let Err(error) = ingester.write_batch(produced.prepared) {
            eprintln!("scale: {error}");
            std::process::exit(1);
        }
        writing += timer.elapsed();
        done += produced.generated;
        let at_checkpoint = checkpoints
            .get(next_checkpoint)
            .is_some_and(|checkpoint| done >= *checkpoint);
        if at_checkpoint || done >= options.articles {
            next_checkpoint += usize::from(at_checkpoint);
            let elapsed = started.elapsed();
            let counts = ingester.store().counts().unwrap_or_default();
            let segment_articles = (done - last_checkpoint.0).max(1) as f64;
            let segment_wall = (elapsed - last_checkpoint.1).as_secs_f64();
            let segment_writing = (writing - last_checkpoint.2).as_secs_f64();
            let peak = peak_memory_kib().unwrap_or(0);
            let beyond_baseline = peak.saturating_sub(baseline_kib);
            println!(
                "{:>8}  {:>8}  {:>10.0}  {:>10.1}  {:>11.1}  {:>8}  {:>8.1}  {:>6}M  {:>10.0}",
                done,
                counts.articles,
                done as f64 / elapsed.as_secs_f64().max(1e-9),
                segment_wall * 1e6 / segment_articles,
                segment_writing * 1e6 / segment_articles,
                counts.stories,
                file_size(database) as f64 / (1024.0 * 1024.0),
                peak / 1024,
                beyond_baseline as f64 * 1024.0 / counts.articles.max(1) as f64,
            );
            last_checkpoint = (done, elapsed, writing);
        }
    }
    let writer_cpu = thread_cpu_seconds() - writer_cpu_start;
    let generating = producer.join().unwrap_or_default();
    let elapsed = started.elapsed();
    let cpu = cpu_seconds() - cpu_start;
    let store = ingester.into_store();
    let per_article = |seconds: f64| seconds * 1e6 / done.max(1) as f64;
    // On two idle cores the run is bound by all the work shared by two, or
    // by the writing thread alone, whichever is slower.
    let bound = (per_article(cpu) / 2.0).max(per_article(writer_cpu));
    println!(
        "CPU: {:.0} µs per article in all (generation included), {:.0} µs of it on the writing thread; on two idle cores that bounds ingest at about {:.0} articles/s",
        per_article(cpu),
        per_article(writer_cpu),
        1e6 / bound.max(1e-9)
    );
    println!(
        "total: {done} articles in {:.1} s ({:.0} articles/s; generation took {:.1} s of the reading thread, writing {:.1} s of this one); {:.1} CPU s in all, {:.0} µs CPU per article",
        elapsed.as_secs_f64(),
        done as f64 / elapsed.as_secs_f64().max(1e-9),
        generating.as_secs_f64(),
        writing.as_secs_f64(),
        cpu,
        cpu * 1e6 / done.max(1) as f64
    );
    // How the stories found match the generated ones.
    let mut pairs: Vec<(i64, u64)> = Vec::new();
    for summary in store.stories(None).unwrap_or_default() {
        if let Ok(detail) = store.story(summary.id) {
            for article in detail.articles {
                let key = xxhash_rust::xxh3::xxh3_64(article.id.as_bytes());
                if let Some(gold) = gold_of.get(&key) {
                    pairs.push((summary.id, *gold));
                }
            }
        }
    }
    let gold_stories: std::collections::HashSet<u64> = gold_of.values().copied().collect();
    let (precision, recall) = b_cubed(&pairs);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    println!(
        "stories: {} found for {} generated; B-cubed precision {precision:.3}, recall {recall:.3}, F1 {f1:.3}",
        store.counts().map(|counts| counts.stories).unwrap_or(0),
        gold_stories.len()
    );
    drop(gold_of);
    drop(store);
    let before_reopen = reset_peak_memory();
    let timer = Instant::now();
    match Store::open_or_create(database).and_then(|store| Ingester::open(store, C::default())) {
        Ok(reopened) => {
            println!(
                "reopen: {:.1} s to rebuild the clusterer from the stored signatures (window {}), peak {} MiB beyond {} MiB",
                timer.elapsed().as_secs_f64(),
                reopened.clusterer().window(),
                peak_memory_kib().unwrap_or(0).saturating_sub(before_reopen) / 1024,
                before_reopen / 1024
            );
        }
        Err(error) => println!("reopen failed: {error}"),
    }
    let Ok(store) = Store::open(database) else {
        return;
    };
    match store.integrity_check() {
        Ok(result) => println!("integrity_check: {result}"),
        Err(error) => println!("integrity_check failed: {error}"),
    }
    if let Ok(problems) = store.audit() {
        println!(
            "audit: {}",
            if problems.is_empty() {
                "ok".to_string()
            } else {
                problems.join("; ")
            }
        );
    }
}
