//! Gathering inputs: files, folders (recursively, sorted), and `-` for stdin.

use std::io::Read;
use std::path::{Path, PathBuf};

/// One input as read from disk or stdin.
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

/// Expands the arguments into inputs, in order: a folder gives its files
/// (recursively, hidden ones skipped, sorted by path). Reading errors are
/// returned beside the inputs so that the rest of the batch goes on.
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
