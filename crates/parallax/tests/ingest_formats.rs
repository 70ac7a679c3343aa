//! Ingest on pages nobody wrote for us: every saved page (and every
//! crawler record beside it) of the SemEval 2022 task 8 trial data must be
//! read through the dispatcher without an error. Runs when the data folder
//! exists (`PARALLAX_DATA`, else `../shared/data` from the workspace root).

use parallax::ingest::{read_input, InputFormat, ReadOptions};
use parallax::model::Article;
use std::io::BufReader;
use std::path::{Path, PathBuf};

fn data_folder() -> PathBuf {
    match std::env::var_os("PARALLAX_DATA") {
        Some(folder) => PathBuf::from(folder),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    }
}

fn files_with_extension(folder: &Path, extension: &str, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            files_with_extension(&path, extension, found);
        } else if path
            .extension()
            .is_some_and(|found_extension| found_extension == extension)
        {
            found.push(path);
        }
    }
}

fn read_file(path: &Path) -> (Vec<Article>, Vec<String>, Option<InputFormat>) {
    let file = std::fs::File::open(path).unwrap();
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    let summary = read_input(
        &path.display().to_string(),
        BufReader::new(file),
        &ReadOptions::default(),
        0,
        &mut |result| match result {
            Ok(article) => articles.push(article),
            Err(error) => errors.push(error.to_string()),
        },
    );
    (articles, errors, summary.format)
}

#[test]
fn every_semeval_trial_page_and_record_ingests() {
    let folder = data_folder().join("semeval2022-task8-trial/trial_data/output_dir");
    if !folder.is_dir() {
        eprintln!("skipped: {} is missing", folder.display());
        return;
    }
    let mut pages = Vec::new();
    files_with_extension(&folder, "html", &mut pages);
    assert!(!pages.is_empty(), "no pages under {}", folder.display());
    let mut failures = Vec::new();
    // How well the HTML reader finds the body is measured by its own
    // suites; here it is only counted.
    let mut pages_with_body = 0;
    for page in &pages {
        let (articles, errors, format) = read_file(page);
        if !errors.is_empty() || articles.len() != 1 || format != Some(InputFormat::Html) {
            failures.push(format!(
                "{}: {format:?} {} articles, {errors:?}",
                page.display(),
                articles.len()
            ));
            continue;
        }
        if articles[0].body_blocks().next().is_some() {
            pages_with_body += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} pages failed:\n{}",
        failures.len(),
        pages.len(),
        failures.join("\n")
    );

    // The crawler's records beside the pages: one JSON object each, read
    // with the default field names.
    let mut records = Vec::new();
    files_with_extension(&folder, "json", &mut records);
    let mut record_failures = Vec::new();
    for record in &records {
        let (articles, errors, _format) = read_file(record);
        if !errors.is_empty() || articles.len() != 1 {
            record_failures.push(format!(
                "{}: {} articles, {errors:?}",
                record.display(),
                articles.len()
            ));
            continue;
        }
        let article = &articles[0];
        if article.url.is_none() {
            record_failures.push(format!("{}: no url", record.display()));
        }
        if article.byline.as_deref() == Some("[]") {
            record_failures.push(format!(
                "{}: printed empty list taken as a byline",
                record.display()
            ));
        }
    }
    assert!(record_failures.is_empty(), "{}", record_failures.join("\n"));
    eprintln!(
        "{} pages ({pages_with_body} with body blocks) and {} records read",
        pages.len(),
        records.len()
    );
}
