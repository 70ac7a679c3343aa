//! Gathering inputs: files, folders (recursively, sorted), and `-` for stdin.

use parallax::ingest::{read_input, ReadOptions};
use parallax::model::{Article, InputFailure};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One input as read from disk or stdin.
#[allow(dead_code)] // for front ends that want whole files; readers stream
pub struct RawInput {
    /// The name shown to the user: the path as given (or found under a
    /// folder as given), or `-`.
    pub source: String,
    pub bytes: Vec<u8>,
}

/// An input that could not be read at all.
pub struct InputError {
    pub source: String,
    pub message: String,
}

/// One input named on the command line, not yet opened.
pub struct InputName {
    /// The name shown to the user: the path as given (or found under a
    /// folder as given), or `-`.
    pub source: String,
    /// The file; `None` for standard input.
    pub path: Option<PathBuf>,
}

/// Expands the arguments into inputs without reading them, in order: a
/// folder gives its files (recursively, hidden ones skipped, sorted by
/// path), `-` standard input (once). Arguments that name nothing readable
/// are returned beside the inputs.
pub fn list(arguments: &[PathBuf]) -> (Vec<InputName>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut stdin_listed = false;
    for argument in arguments {
        if argument.as_os_str() == "-" {
            if !stdin_listed {
                stdin_listed = true;
                inputs.push(InputName {
                    source: "-".to_string(),
                    path: None,
                });
            }
            continue;
        }
        let mut files = Vec::new();
        if let Err(message) = collect_files(argument, &mut files) {
            errors.push(InputError {
                source: argument.display().to_string(),
                message,
            });
            continue;
        }
        for file in files {
            inputs.push(InputName {
                source: file.display().to_string(),
                path: Some(file),
            });
        }
    }
    (inputs, errors)
}

/// Opens an input for streaming.
pub fn open(input: &InputName) -> Result<Box<dyn BufRead>, InputError> {
    match &input.path {
        None => Ok(Box::new(std::io::stdin().lock())),
        Some(path) => match std::fs::File::open(path) {
            Ok(file) => Ok(Box::new(BufReader::with_capacity(64 * 1024, file))),
            Err(error) => Err(InputError {
                source: input.source.clone(),
                message: describe_io_error(&error),
            }),
        },
    }
}

/// Reads every article of every input in any format (`options`), streaming
/// each input through the ingest dispatcher; reports each failure on stderr
/// (one line naming the input and the item's position) and returns the
/// failures beside the articles.
pub fn read_articles(
    arguments: &[PathBuf],
    options: &ReadOptions,
) -> (Vec<Article>, Vec<InputFailure>) {
    let (names, listing_errors) = list(arguments);
    let mut failures = Vec::new();
    for error in listing_errors {
        eprintln!("parallax: {}: {}", error.source, error.message);
        failures.push(InputFailure {
            source: error.source,
            error: error.message,
        });
    }
    let mut articles: Vec<Article> = Vec::new();
    for name in &names {
        let reader = match open(name) {
            Ok(reader) => reader,
            Err(error) => {
                eprintln!("parallax: {}: {}", error.source, error.message);
                failures.push(InputFailure {
                    source: error.source,
                    error: error.message,
                });
                continue;
            }
        };
        let first_index = u32::try_from(articles.len()).unwrap_or(u32::MAX);
        read_input(
            &name.source,
            reader,
            options,
            first_index,
            &mut |result| match result {
                Ok(article) => articles.push(article),
                Err(error) => {
                    eprintln!("parallax: {error}");
                    failures.push(InputFailure {
                        source: error.location(),
                        error: error.reason(),
                    });
                }
            },
        );
    }
    (articles, failures)
}

/// Expands the arguments into inputs, in order: a folder gives its files
/// (recursively, hidden ones skipped, sorted by path). Reading errors are
/// returned beside the inputs so that the rest of the batch goes on.
#[allow(dead_code)]
pub fn gather(arguments: &[PathBuf]) -> (Vec<RawInput>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut stdin_read = false;
    for argument in arguments {
        if argument.as_os_str() == "-" {
            if stdin_read {
                continue;
            }
            stdin_read = true;
            let mut bytes = Vec::new();
            match std::io::stdin().read_to_end(&mut bytes) {
                Ok(_) => inputs.push(RawInput {
                    source: "-".to_string(),
                    bytes,
                }),
                Err(error) => errors.push(InputError {
                    source: "-".to_string(),
                    message: format!("cannot read standard input: {error}"),
                }),
            }
            continue;
        }
        let mut files = Vec::new();
        if let Err(message) = collect_files(argument, &mut files) {
            errors.push(InputError {
                source: argument.display().to_string(),
                message,
            });
            continue;
        }
        for file in files {
            let source = file.display().to_string();
            match std::fs::read(&file) {
                Ok(bytes) => inputs.push(RawInput { source, bytes }),
                Err(error) => errors.push(InputError {
                    source,
                    message: describe_io_error(&error),
                }),
            }
        }
    }
    (inputs, errors)
}

fn collect_files(path: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let metadata = std::fs::metadata(path).map_err(|error| describe_io_error(&error))?;
    if metadata.is_file() {
        files.push(path.to_path_buf());
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
        // A broken entry inside a folder is reported by the read that follows.
        if entry.is_dir() {
            collect_files(&entry, files)?;
        } else {
            files.push(entry);
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
