//! The `parallax` command: argument parsing, wiring and exit codes.

mod inputs;

use clap::{Parser, Subcommand};
use parallax::model::{AnalysedArticle, Article};
use std::io::Write;
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
    /// Print each article's blocks, sentences and extractions as JSON lines
    /// (for inspecting what the pipeline sees).
    Analyse {
        /// Files, folders, or - for stdin.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
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
        Command::Analyse { inputs } => run_analyse(&inputs),
        Command::Eval { suite, data } => run_eval(&suite, &data),
    }
}

/// Reads the inputs as articles; reports each failure on stderr. Returns
/// the articles and whether any input failed.
fn read_articles(arguments: &[PathBuf]) -> (Vec<Article>, bool) {
    let (raw_inputs, read_errors) = inputs::gather(arguments);
    let mut failed = false;
    for error in &read_errors {
        eprintln!("parallax: {}: {}", error.source, error.message);
        failed = true;
    }
    let mut articles = Vec::new();
    for raw in &raw_inputs {
        let index = articles.len() as u32;
        match parallax::ingest::read_plain_text(&raw.source, &raw.bytes, index) {
            Ok(article) => articles.push(article),
            Err(error) => {
                eprintln!("parallax: {error}");
                failed = true;
            }
        }
    }
    (articles, failed)
}

fn run_analyse(arguments: &[PathBuf]) -> ExitCode {
    let (articles, failed) = read_articles(arguments);
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
