//! `parallax extract`: what the readers get out of each input, one JSON
//! object a line (or the body text alone), and the options every command
//! that reads articles shares (`--input-format`, `--field`).

use crate::inputs;
use parallax::ingest::{read_input, FieldMap, InputFormat, ReadOptions};
use parallax::model::Article;
use std::cell::Cell;
use std::io::{BufRead, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// How inputs are read: shared by `extract`, `brief` and `analyse`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ReaderArgs {
    /// Read every input as this format instead of detecting it: text,
    /// html, jsonl, json, feed (rss, atom), warc. gzip is undone either way.
    #[arg(long = "input-format", value_name = "FORMAT", value_parser = parse_input_format)]
    pub input_format: Option<InputFormat>,
    /// Where JSON records keep a field: FIELD=KEY[,KEY…], tried in order; a
    /// key may be a dotted path (meta.title). Fields: body (text), title
    /// (headline), url (link), published (date), byline (author), id.
    /// Repeatable.
    #[arg(long = "field", value_name = "FIELD=KEY", value_parser = parse_field_assignment)]
    pub fields: Vec<String>,
}

impl ReaderArgs {
    pub fn read_options(&self) -> ReadOptions {
        let mut fields = FieldMap::default();
        for assignment in &self.fields {
            // Checked by the argument parser already.
            let _ = fields.set(assignment);
        }
        ReadOptions {
            format: self.input_format,
            fields,
        }
    }
}

fn parse_input_format(name: &str) -> Result<InputFormat, String> {
    InputFormat::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = InputFormat::ALL.iter().map(InputFormat::name).collect();
        format!(
            "unknown input format (expected one of {})",
            names.join(", ")
        )
    })
}

fn parse_field_assignment(assignment: &str) -> Result<String, String> {
    FieldMap::default().set(assignment)?;
    Ok(assignment.to_string())
}

/// Output of `parallax extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object a line: source, title, published, url, body,
    /// boilerplate.
    Jsonl,
    /// The body text alone, articles separated by a blank line.
    Text,
}

/// Runs `parallax extract`: exit 0 when every input and item was read, 1
/// when some failed (each reported on stderr), 2 when output failed.
pub fn run_extract(
    arguments: &[PathBuf],
    format: ExtractFormat,
    reader_args: &ReaderArgs,
) -> ExitCode {
    let options = reader_args.read_options();
    let (names, listing_errors) = inputs::list(arguments);
    let mut failed = false;
    for error in listing_errors {
        eprintln!("parallax: {}: {}", error.source, error.message);
        failed = true;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let output_closed = Cell::new(false);
    let mut output_error = None;
    let mut articles_written: usize = 0;
    for name in &names {
        if output_closed.get() {
            break;
        }
        let reader = match inputs::open(name) {
            Ok(reader) => reader,
            Err(error) => {
                eprintln!("parallax: {}: {}", error.source, error.message);
                failed = true;
                continue;
            }
        };
        // Once the output is gone, the reader sees the end of its input so
        // that a large file is not read on for nobody.
        let guarded = StopWhenClosed {
            inner: reader,
            closed: &output_closed,
        };
        read_input(&name.source, guarded, &options, 0, &mut |result| {
            if output_closed.get() {
                return;
            }
            match result {
                Ok(article) => {
                    let written = write_article(&mut out, &article, format, articles_written);
                    articles_written += 1;
                    if let Err(error) = written {
                        if error.kind() != std::io::ErrorKind::BrokenPipe {
                            output_error = Some(error);
                        }
                        output_closed.set(true);
                    }
                }
                Err(error) => {
                    eprintln!("parallax: {error}");
                    failed = true;
                }
            }
        });
    }
    if !output_closed.get() {
        if let Err(error) = out.flush() {
            if error.kind() != std::io::ErrorKind::BrokenPipe {
                output_error = Some(error);
            }
        }
    }
    if let Some(error) = output_error {
        eprintln!("parallax: cannot write output: {error}");
        return ExitCode::from(2);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn write_article(
    out: &mut dyn Write,
    article: &Article,
    format: ExtractFormat,
    written_before: usize,
) -> std::io::Result<()> {
    let body = body_text(article);
    match format {
        ExtractFormat::Text => {
            if written_before > 0 {
                writeln!(out)?;
            }
            writeln!(out, "{body}")
        }
        ExtractFormat::Jsonl => {
            let boilerplate: Vec<BoilerplateLine<'_>> = article
                .non_body_blocks()
                .map(|block| BoilerplateLine {
                    text: article.slice(&block.span),
                    reason: block.kind.reason().unwrap_or("other"),
                })
                .collect();
            let record = ExtractedArticle {
                source: &article.source,
                id: &article.id,
                title: article.title.as_deref(),
                published: article.published.map(|date| date.to_string()),
                url: article.url.as_deref(),
                byline: article.byline.as_deref(),
                body: &body,
                boilerplate,
            };
            let line = serde_json::to_string(&record).map_err(std::io::Error::other)?;
            writeln!(out, "{line}")
        }
    }
}

/// One line of `parallax extract` output.
#[derive(serde::Serialize)]
struct ExtractedArticle<'article> {
    source: &'article str,
    id: &'article str,
    title: Option<&'article str>,
    /// `YYYY-MM-DD`.
    published: Option<String>,
    url: Option<&'article str>,
    byline: Option<&'article str>,
    body: &'article str,
    boilerplate: Vec<BoilerplateLine<'article>>,
}

#[derive(serde::Serialize)]
struct BoilerplateLine<'article> {
    text: &'article str,
    reason: &'static str,
}

/// The body blocks' text, paragraphs separated by a blank line.
fn body_text(article: &Article) -> String {
    let paragraphs: Vec<&str> = article
        .body_blocks()
        .map(|block| article.slice(&block.span))
        .collect();
    paragraphs.join("\n\n")
}

/// A reader that ends as soon as `closed` is set.
struct StopWhenClosed<'flag> {
    inner: Box<dyn BufRead>,
    closed: &'flag Cell<bool>,
}

impl Read for StopWhenClosed<'_> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        if self.closed.get() {
            return Ok(0);
        }
        self.inner.read(buffer)
    }
}

impl BufRead for StopWhenClosed<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.closed.get() {
            return Ok(&[]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.inner.consume(amount);
    }
}
