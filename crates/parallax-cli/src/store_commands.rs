//! The store's commands: `ingest`, `stories`, `show`, and `brief --db`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use parallax::ingest::{read_input, ReadOptions};
use parallax::model::{Article, BriefDocument, InputFailure};
use parallax_store::{
    prepare, prepare_all, BatchOutcome, DefaultClusterer, Ingester, Prepared, Store, StoreError,
    StoryId,
};
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

type Signature = <DefaultClusterer as parallax_store::StoryClusterer>::Signature;

/// Articles written per transaction by default.
pub const DEFAULT_BATCH: u64 = 500;

/// One input to read: a file, or `-` for standard input.
#[derive(Debug, Clone)]
enum InputPath {
    File(PathBuf),
    Stdin,
}

impl InputPath {
    /// The name errors and locations give it.
    fn name(&self) -> String {
        match self {
            InputPath::File(path) => path.display().to_string(),
            InputPath::Stdin => "-".to_string(),
        }
    }
}

/// Expands the arguments into files (folders recursively, hidden entries
/// skipped, sorted), without reading them. Errors name the argument.
fn list_inputs(arguments: &[PathBuf]) -> (Vec<InputPath>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut stdin_listed = false;
    for argument in arguments {
        if argument.as_os_str() == "-" {
            if !stdin_listed {
                inputs.push(InputPath::Stdin);
                stdin_listed = true;
            }
            continue;
        }
        if let Err(message) = collect_files(argument, &mut inputs) {
            errors.push(format!("{}: {message}", argument.display()));
        }
    }
    (inputs, errors)
}

fn collect_files(path: &Path, inputs: &mut Vec<InputPath>) -> Result<(), String> {
    let metadata = std::fs::metadata(path).map_err(|error| describe_io_error(&error))?;
    if metadata.is_file() {
        inputs.push(InputPath::File(path.to_path_buf()));
        return Ok(());
    }
    if !metadata.is_dir() {
        return Err("not a file or folder".to_string());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|error| describe_io_error(&error))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|entry_path| {
            !entry_path
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with('.'))
        })
        .collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect_files(&entry, inputs)?;
        } else {
            inputs.push(InputPath::File(entry));
        }
    }
    Ok(())
}

fn describe_io_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}

/// Inputs at most this large are read whole, many at once in parallel;
/// larger ones (JSON Lines, WARC) are streamed item by item.
const STREAM_FROM_BYTES: u64 = 4 * 1024 * 1024;

/// What the reading side hands the writing side.
struct ReadBatch {
    prepared: Vec<Prepared<Signature>>,
    /// Items that could not be read, as lines for stderr.
    failures: Vec<String>,
    /// Bytes of input read so far, over all inputs.
    bytes_read: u64,
}

/// Reads the inputs and sends their articles, signed, in batches of at
/// most `batch_size`. Small files are read in chunks, in parallel; a large
/// file or standard input is streamed, each batch signed in parallel.
struct Reader {
    batch_size: usize,
    options: ReadOptions,
    sender: mpsc::SyncSender<ReadBatch>,
    bytes_read: u64,
    /// Set when the writing side has gone: stop reading.
    stopped: bool,
}

impl Reader {
    fn run(mut self, inputs: Vec<(InputPath, u64)>) {
        let mut small: Vec<(InputPath, u64)> = Vec::new();
        for (input, size) in inputs {
            if self.stopped {
                return;
            }
            let streamed = matches!(input, InputPath::Stdin) || size > STREAM_FROM_BYTES;
            if !streamed {
                small.push((input, size));
                if small.len() >= self.batch_size {
                    self.read_small(std::mem::take(&mut small));
                }
                continue;
            }
            self.read_small(std::mem::take(&mut small));
            self.stream(&input);
        }
        self.read_small(small);
    }

    fn send(&mut self, prepared: Vec<Prepared<Signature>>, failures: Vec<String>) {
        if self.stopped || (prepared.is_empty() && failures.is_empty()) {
            return;
        }
        let batch = ReadBatch {
            prepared,
            failures,
            bytes_read: self.bytes_read,
        };
        if self.sender.send(batch).is_err() {
            self.stopped = true;
        }
    }

    /// Reads small files whole, in parallel, and sends their articles.
    fn read_small(&mut self, files: Vec<(InputPath, u64)>) {
        if files.is_empty() || self.stopped {
            return;
        }
        let options = &self.options;
        let results: Vec<Vec<Result<Prepared<Signature>, String>>> = files
            .par_iter()
            .map(|(input, _)| {
                let name = input.name();
                let bytes = match input {
                    InputPath::File(path) => std::fs::read(path),
                    InputPath::Stdin => Ok(Vec::new()),
                };
                let bytes = match bytes {
                    Ok(bytes) => bytes,
                    Err(error) => {
                        return vec![Err(format!("{name}: {}", describe_io_error(&error)))]
                    }
                };
                let mut items = Vec::new();
                read_input(
                    &name,
                    std::io::Cursor::new(bytes),
                    options,
                    0,
                    &mut |item| {
                        items.push(
                            item.map(prepare::<DefaultClusterer>)
                                .map_err(|error| error.to_string()),
                        );
                    },
                );
                items
            })
            .collect();
        self.bytes_read += files.iter().map(|(_, size)| size).sum::<u64>();
        let mut prepared = Vec::new();
        let mut failures = Vec::new();
        for item in results.into_iter().flatten() {
            match item {
                Ok(article) => prepared.push(article),
                Err(failure) => failures.push(failure),
            }
            if prepared.len() >= self.batch_size {
                self.send(std::mem::take(&mut prepared), std::mem::take(&mut failures));
            }
        }
        self.send(prepared, failures);
    }

    /// Streams one large input (or stdin) item by item.
    fn stream(&mut self, input: &InputPath) {
        let name = input.name();
        let counted = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let source: Box<dyn Read> = match input {
            InputPath::File(path) => match std::fs::File::open(path) {
                Ok(file) => Box::new(file),
                Err(error) => {
                    self.send(
                        Vec::new(),
                        vec![format!("{name}: {}", describe_io_error(&error))],
                    );
                    return;
                }
            },
            InputPath::Stdin => Box::new(std::io::stdin()),
        };
        let reader = std::io::BufReader::with_capacity(
            256 * 1024,
            CountingReader {
                inner: source,
                count: counted.clone(),
            },
        );
        let options = self.options.clone();
        let start_bytes = self.bytes_read;
        let mut pending: Vec<Article> = Vec::new();
        let mut failures: Vec<String> = Vec::new();
        read_input(&name, reader, &options, 0, &mut |item| {
            if self.stopped {
                return;
            }
            match item {
                Ok(article) => pending.push(article),
                Err(error) => failures.push(error.to_string()),
            }
            if pending.len() >= self.batch_size {
                self.bytes_read = start_bytes + counted.load(std::sync::atomic::Ordering::Relaxed);
                let prepared = prepare_all::<DefaultClusterer>(std::mem::take(&mut pending));
                self.send(prepared, std::mem::take(&mut failures));
            }
        });
        self.bytes_read = start_bytes + counted.load(std::sync::atomic::Ordering::Relaxed);
        let prepared = prepare_all::<DefaultClusterer>(pending);
        self.send(prepared, failures);
    }
}

/// Counts the bytes read through it.
struct CountingReader {
    inner: Box<dyn Read>,
    count: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Read for CountingReader {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buffer)?;
        self.count
            .fetch_add(read as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(read)
    }
}

/// A bar over the input bytes when their total is known, else a counter;
/// hidden when stderr is not a terminal.
fn progress_bar(total_bytes: Option<u64>) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let template = match total_bytes {
        Some(_) => "{spinner} {elapsed_precise} [{bar:30}] {percent:>3}% ETA {eta}  {msg}",
        None => "{spinner} {elapsed_precise}  {msg}",
    };
    let bar = ProgressBar::with_draw_target(total_bytes, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// `parallax ingest PATH… --db FILE`.
pub fn run_ingest(arguments: &[PathBuf], database: &Path, batch_size: usize) -> ExitCode {
    let store = match Store::open_or_create(database) {
        Ok(store) => store,
        Err(error) => return fatal(&error),
    };
    // Rebuilding the story index of a large store takes a few seconds.
    let opening = progress_bar(None);
    opening.set_message(format!(
        "opening {}: rebuilding the story index from recent articles",
        database.display()
    ));
    let opened = Ingester::open(store, DefaultClusterer::default());
    opening.finish_and_clear();
    let mut ingester = match opened {
        Ok(ingester) => ingester,
        Err(error) => return fatal(&error),
    };
    let (inputs, listing_errors) = list_inputs(arguments);
    let mut failed = listing_errors.len();
    for error in &listing_errors {
        eprintln!("parallax: {error}");
    }
    let sized: Vec<(InputPath, u64)> = inputs
        .into_iter()
        .map(|input| {
            let size = match &input {
                InputPath::File(path) => std::fs::metadata(path).map_or(0, |meta| meta.len()),
                InputPath::Stdin => 0,
            };
            (input, size)
        })
        .collect();
    let reads_stdin = sized
        .iter()
        .any(|(input, _)| matches!(input, InputPath::Stdin));
    let total_bytes: u64 = sized.iter().map(|(_, size)| size).sum();
    let bar = progress_bar((!reads_stdin).then_some(total_bytes));
    let started = std::time::Instant::now();
    let (sender, receiver) = mpsc::sync_channel::<ReadBatch>(2);
    let reader = Reader {
        batch_size: batch_size.max(1),
        options: ReadOptions::default(),
        sender,
        bytes_read: 0,
        stopped: false,
    };
    let reading = std::thread::spawn(move || reader.run(sized));

    let mut total = BatchOutcome::default();
    let mut fatal_error: Option<StoreError> = None;
    for batch in receiver.iter() {
        for failure in &batch.failures {
            bar.suspend(|| eprintln!("parallax: {failure}"));
        }
        failed += batch.failures.len();
        if !batch.prepared.is_empty() {
            match ingester.write_batch(batch.prepared) {
                Ok(outcome) => total.add(outcome),
                Err(error) => {
                    fatal_error = Some(error);
                    break;
                }
            }
        }
        let articles = total.added + total.already_stored;
        let seconds = started.elapsed().as_secs_f64().max(0.001);
        bar.set_position(batch.bytes_read);
        bar.set_message(format!(
            "{articles} articles ({:.0}/s): {} new, {} known; {} stories opened",
            articles as f64 / seconds,
            total.added,
            total.already_stored,
            total.stories_opened
        ));
    }
    // Dropping the receiver stops the reader at its next send.
    drop(receiver);
    let _ = reading.join();
    bar.finish_and_clear();
    if let Some(error) = fatal_error {
        eprintln!(
            "parallax: {error} ({} articles were stored before it)",
            total.added
        );
        return ExitCode::from(2);
    }
    let counts = ingester.store().counts();
    let mut summary = format!(
        "{} articles read: {} new, {} already stored, {} new locations; {} stories opened, {} merged",
        total.added + total.already_stored,
        total.added,
        total.already_stored,
        total.new_locations,
        total.stories_opened,
        total.stories_merged,
    );
    if let Ok(counts) = counts {
        summary.push_str(&format!(
            "; {} holds {} articles in {} stories",
            database.display(),
            counts.articles,
            counts.stories
        ));
    }
    if failed > 0 {
        summary.push_str(&format!("; {failed} inputs or items failed"));
    }
    print_lines(&[summary]);
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn fatal(error: &StoreError) -> ExitCode {
    eprintln!("parallax: {error}");
    ExitCode::from(2)
}

/// Prints lines on stdout; a closed pipe ends quietly.
fn print_lines(lines: &[String]) {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in lines {
        if writeln!(out, "{line}").is_err() {
            return;
        }
    }
    let _ = out.flush();
}

fn counted(count: u64, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

fn format_time(unix_seconds: i64) -> String {
    chrono::DateTime::from_timestamp(unix_seconds, 0)
        .map(|time| time.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| "-".to_string())
}

/// Cuts `text` to `width` characters with an ellipsis.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let cut: String = text.chars().take(width.saturating_sub(1)).collect();
    format!("{cut}…")
}

/// `parallax stories --db FILE [--limit N]`.
pub fn run_stories(database: &Path, limit: Option<usize>, width: usize) -> ExitCode {
    let store = match Store::open(database) {
        Ok(store) => store,
        Err(error) => return fatal(&error),
    };
    let stories = match store.stories(limit) {
        Ok(stories) => stories,
        Err(error) => return fatal(&error),
    };
    if stories.is_empty() {
        eprintln!(
            "parallax: {} holds no story yet; run `parallax ingest PATH… --db {}`",
            database.display(),
            database.display()
        );
        return ExitCode::SUCCESS;
    }
    let id_width = stories
        .iter()
        .map(|story| story.id.to_string().len())
        .max()
        .unwrap_or(1)
        .max(5);
    let mut lines = vec![format!(
        "{:>id_width$}  {:>8}  {:>7}  {:<16}  HEADLINE",
        "STORY", "ARTICLES", "SOURCES", "UPDATED"
    )];
    let fixed = id_width + 2 + 8 + 2 + 7 + 2 + 16 + 2;
    let headline_width = width.saturating_sub(fixed).max(20);
    for story in &stories {
        lines.push(format!(
            "{:>id_width$}  {:>8}  {:>7}  {:<16}  {}",
            story.id,
            story.article_count,
            story.source_count,
            format_time(story.updated_at),
            fit(&story.headline, headline_width)
        ));
    }
    print_lines(&lines);
    ExitCode::SUCCESS
}

/// `parallax show STORY --db FILE`.
pub fn run_show(database: &Path, story: StoryId) -> ExitCode {
    let store = match Store::open(database) {
        Ok(store) => store,
        Err(error) => return fatal(&error),
    };
    let detail = match store.story(story) {
        Ok(detail) => detail,
        Err(error) => return fatal(&error),
    };
    let summary = &detail.summary;
    let mut lines = Vec::new();
    if let Some(asked) = detail.merged_from {
        lines.push(format!(
            "(story {asked} was merged into story {})",
            summary.id
        ));
    }
    lines.push(format!("Story {}: {}", summary.id, summary.headline));
    lines.push(format!(
        "{}, {}; opened {}, updated {}",
        counted(summary.article_count, "article", "articles"),
        counted(
            summary.source_count,
            "independent-ish source",
            "independent-ish sources"
        ),
        format_time(summary.created_at),
        format_time(summary.updated_at)
    ));
    let position_of: std::collections::HashMap<i64, usize> = detail
        .articles
        .iter()
        .enumerate()
        .map(|(position, article)| (article.seq, position + 1))
        .collect();
    for (position, article) in detail.articles.iter().enumerate() {
        lines.push(String::new());
        let mut heading = format!(
            "#{}  {}  {}",
            position + 1,
            article.published.as_deref().unwrap_or("(no date)"),
            article.title.as_deref().unwrap_or("(no title)")
        );
        if let Some(copied) = article.copy_of {
            match position_of.get(&copied) {
                Some(number) => heading.push_str(&format!("  [copy of #{number}]")),
                None => heading.push_str("  [copy]"),
            }
        }
        lines.push(heading);
        let mut facts = format!(
            "    id {}  first seen {}",
            article.id,
            format_time(article.first_seen)
        );
        if let Some(language) = &article.language {
            facts.push_str(&format!("  language {language}"));
        }
        lines.push(facts);
        for location in &article.locations {
            match &location.url {
                Some(url) => lines.push(format!("    {}  <{url}>", location.source)),
                None => lines.push(format!("    {}", location.source)),
            }
        }
    }
    print_lines(&lines);
    ExitCode::SUCCESS
}

/// The brief document of stored stories (every live story, newest first,
/// when `stories` is empty). Each story's articles go through the pipeline
/// on their own.
pub fn brief_document_from_store(
    database: &Path,
    stories: &[PathBuf],
) -> Result<BriefDocument, ExitCode> {
    let mut story_ids: Vec<StoryId> = Vec::new();
    for argument in stories {
        let text = argument.to_string_lossy();
        match text.trim_start_matches('#').parse::<StoryId>() {
            Ok(id) => story_ids.push(id),
            Err(_) => {
                eprintln!(
                    "parallax: with --db, the arguments are story ids (`parallax stories --db {}` lists them), not {text:?}",
                    database.display()
                );
                return Err(ExitCode::from(2));
            }
        }
    }
    let store = Store::open(database).map_err(|error| fatal(&error))?;
    if story_ids.is_empty() {
        story_ids = store.story_ids(None).map_err(|error| fatal(&error))?;
        if story_ids.is_empty() {
            eprintln!("parallax: {} holds no story yet", database.display());
            return Err(ExitCode::from(1));
        }
    }
    let mut document: Option<BriefDocument> = None;
    for story in story_ids {
        let articles = store.story_articles(story).map_err(|error| fatal(&error))?;
        let failures: Vec<InputFailure> = Vec::new();
        let mut story_document = parallax::pipeline::brief_document(articles, failures);
        // Briefs carry the stored story's id (several when the pipeline
        // finds the stored story to be more than one).
        if let Ok(id) = u32::try_from(story) {
            for brief in &mut story_document.stories {
                brief.id = id;
            }
        }
        match document.as_mut() {
            Some(whole) => whole.stories.extend(story_document.stories),
            None => document = Some(story_document),
        }
    }
    document.ok_or(ExitCode::from(1))
}
