//! The `parallax` command: argument parsing, wiring and exit codes.

mod extract_command;
mod inputs;
mod serve_command;
mod store_commands;

use extract_command::{ExtractFormat, ReaderArgs};

use clap::{Parser, Subcommand};
use parallax::model::{AnalysedArticle, Article, InputFailure};
use parallax::render::{render, Format};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "parallax",
    version,
    about = "Many news reports in, one cross-checked account out"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write one cross-checked brief per story found in the articles.
    Brief {
        /// Article files, folders (read recursively), or - for stdin; with
        /// --db, story ids (none: every stored story).
        #[arg(required_unless_present = "db")]
        inputs: Vec<PathBuf>,
        /// Brief stories of this store instead of files.
        #[arg(long)]
        db: Option<PathBuf>,
        /// Output format.
        #[arg(long, short = 'f', default_value = "text", value_parser = ["text", "md", "markdown", "json", "html"])]
        format: String,
        /// Text width in columns (default: the terminal's, else 80).
        #[arg(long)]
        width: Option<usize>,
        /// Colour in text output.
        #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
        color: String,
        /// Write to this file instead of standard output.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
        #[command(flatten)]
        reader: ReaderArgs,
    },
    /// Print each article's blocks, sentences and extractions as JSON lines
    /// (for inspecting what the pipeline sees).
    Analyse {
        /// Files, folders, or - for stdin.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        reader: ReaderArgs,
    },
    /// Print what the readers get from each input (text, HTML, JSON Lines,
    /// JSON, RSS/Atom, WARC; gzip too): one JSON object per article with its
    /// body and the boilerplate set aside, or the body text alone.
    Extract {
        /// Files, folders (read recursively), or - for stdin.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, short = 'f', value_enum, default_value = "jsonl")]
        format: ExtractFormat,
        #[command(flatten)]
        reader: ReaderArgs,
    },
    /// Store articles (once each, by content) and place them in stories.
    Ingest {
        /// Article files, folders (read recursively), or - for stdin.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The store (created when missing).
        #[arg(long, default_value = "parallax.db")]
        db: PathBuf,
        /// Articles written per transaction.
        #[arg(long, default_value_t = store_commands::DEFAULT_BATCH, value_parser = clap::value_parser!(u64).range(1..=100_000))]
        batch: u64,
    },
    /// List the stored stories, most recently updated first.
    Stories {
        #[arg(long, default_value = "parallax.db")]
        db: PathBuf,
        /// Show at most this many.
        #[arg(long)]
        limit: Option<usize>,
        /// Text width in columns (default: the terminal's, else 100).
        #[arg(long)]
        width: Option<usize>,
    },
    /// Show a stored story's articles with their sources, URLs and dates.
    Show {
        /// Story id (from `parallax stories`).
        story: i64,
        #[arg(long, default_value = "parallax.db")]
        db: PathBuf,
    },
    /// Serve the store's stories: a web UI and a JSON API (see docs/api.md).
    Serve(serve_command::ServeArgs),
    /// Run an evaluation suite and print its figures.
    Eval {
        /// Suite name, or `all`; `list` shows them.
        suite: String,
        /// Folder holding the public data sets.
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Brief {
            inputs,
            db,
            format,
            width,
            color,
            output,
            reader,
        } => match db {
            Some(database) => match store_commands::brief_document_from_store(&database, &inputs) {
                Ok(document) => {
                    write_document(&document, &format, width, &color, output.as_deref(), false)
                }
                Err(code) => code,
            },
            None => run_brief(&inputs, &format, width, &color, output.as_deref(), &reader),
        },
        Command::Analyse { inputs, reader } => run_analyse(&inputs, &reader),
        Command::Extract {
            inputs,
            format,
            reader,
        } => extract_command::run_extract(&inputs, format, &reader),
        Command::Ingest { inputs, db, batch } => {
            store_commands::run_ingest(&inputs, &db, usize::try_from(batch).unwrap_or(500))
        }
        Command::Stories { db, limit, width } => store_commands::run_stories(
            &db,
            limit,
            width.unwrap_or_else(|| terminal_width().unwrap_or(100)),
        ),
        Command::Show { story, db } => store_commands::run_show(&db, story),
        Command::Serve(args) => serve_command::run_serve(args),
        Command::Eval { suite, data } => run_eval(&suite, &data),
    }
}

/// Reads the inputs as articles in any format; reports each failure on
/// stderr (one line naming the input and position) and returns them beside
/// the articles.
fn read_articles(arguments: &[PathBuf], reader: &ReaderArgs) -> (Vec<Article>, Vec<InputFailure>) {
    inputs::read_articles(arguments, &reader.read_options())
}

fn run_brief(
    arguments: &[PathBuf],
    format_name: &str,
    width: Option<usize>,
    color: &str,
    output: Option<&std::path::Path>,
    reader: &ReaderArgs,
) -> ExitCode {
    if Format::from_name(format_name).is_none() {
        eprintln!("parallax: unknown format {format_name:?}");
        return ExitCode::from(2);
    }
    let (articles, failures) = read_articles(arguments, reader);
    let failed = !failures.is_empty();
    if articles.is_empty() {
        eprintln!("parallax: no readable article among the inputs");
        return ExitCode::from(if failed { 1 } else { 2 });
    }
    let document = parallax::pipeline::brief_document(articles, failures);
    write_document(&document, format_name, width, color, output, failed)
}

/// Renders a brief document and writes it to `output` or stdout. Exit 1
/// when `failed` (some inputs were not read), 2 when it cannot be written.
fn write_document(
    document: &parallax::model::BriefDocument,
    format_name: &str,
    width: Option<usize>,
    color: &str,
    output: Option<&std::path::Path>,
    failed: bool,
) -> ExitCode {
    let Some(format) = Format::from_name(format_name) else {
        eprintln!("parallax: unknown format {format_name:?}");
        return ExitCode::from(2);
    };
    let to_terminal = output.is_none() && std::io::stdout().is_terminal();
    let colour = match color {
        "always" => true,
        "never" => false,
        _ => to_terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let width = width
        .unwrap_or_else(|| terminal_width().unwrap_or(80))
        .clamp(40, 200);
    // Failures were reported on stderr already; keep them out of the text
    // view but in the structured formats.
    let rendered = if format == Format::Text {
        let mut shown = document.clone();
        shown.errors.clear();
        render(&shown, format, width, colour)
    } else {
        render(document, format, width, colour)
    };
    let written = match output {
        Some(path) => std::fs::write(path, rendered.as_bytes()).map_err(|error| {
            eprintln!("parallax: cannot write {}: {error}", path.display());
        }),
        None => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            match out
                .write_all(rendered.as_bytes())
                .and_then(|()| out.flush())
            {
                Ok(()) => Ok(()),
                // A closed pipe (`| head`) is not an error of ours.
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(error) => {
                    eprintln!("parallax: cannot write output: {error}");
                    Err(())
                }
            }
        }
    };
    if written.is_err() {
        return ExitCode::from(2);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The terminal's width from `COLUMNS`, when set.
fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS").ok()?.trim().parse().ok()
}

fn run_analyse(arguments: &[PathBuf], reader: &ReaderArgs) -> ExitCode {
    let (articles, failures) = read_articles(arguments, reader);
    let failed = !failures.is_empty();
    let analysed: Vec<AnalysedArticle> = parallax::pipeline::analyse_all(articles);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for article in &analysed {
        let line = match serde_json::to_string(article) {
            Ok(line) => line,
            Err(error) => {
                eprintln!("parallax: {}: {error}", article.article.source);
                return ExitCode::from(2);
            }
        };
        if writeln!(out, "{line}").is_err() {
            return ExitCode::SUCCESS;
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_eval(suite_name: &str, data: &std::path::Path) -> ExitCode {
    let suites = parallax_eval::suites();
    if suite_name == "list" {
        for suite in &suites {
            println!("{:<24} {}", suite.name, suite.about);
        }
        return ExitCode::SUCCESS;
    }
    let mut failed = false;
    let mut ran = false;
    for suite in &suites {
        if suite_name != "all" && suite.name != suite_name {
            continue;
        }
        ran = true;
        match (suite.run)(data) {
            Ok(report) => println!("{report}"),
            Err(error) => {
                eprintln!("parallax eval {}: {error:#}", suite.name);
                failed = true;
            }
        }
    }
    if !ran {
        eprintln!("parallax eval: no suite named {suite_name:?} (try `parallax eval list`)");
        return ExitCode::from(2);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
