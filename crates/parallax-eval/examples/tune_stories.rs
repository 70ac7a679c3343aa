//! Tuning aid for `ecbplus-stories`: analyses ECB+ once (cached as JSON in
//! the folder given by `PARALLAX_TUNE_CACHE`, default the system's temporary
//! folder), then scores stream settings given as JSON on the command line
//! (`cargo run -p parallax-eval --example tune_stories -- DATA '{"join_similarity":0.2}'`).

#![allow(clippy::print_stdout)]

use parallax::fuse::stream::StreamConfig;
use parallax_eval::ecbplus_stories::{analysed_corpus, score_stream, Prepared};
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut arguments = std::env::args().skip(1);
    let data = PathBuf::from(arguments.next().unwrap_or_else(|| "../shared/data".into()));
    let cache = std::env::var("PARALLAX_TUNE_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|_| std::env::temp_dir())
        .join("ecbplus-analysed.json");
    let documents: Vec<Prepared> = if cache.is_file() {
        serde_json::from_slice(&std::fs::read(&cache)?)?
    } else {
        let documents = analysed_corpus(&data)?;
        std::fs::write(&cache, serde_json::to_vec(&documents)?)?;
        documents
    };
    for setting in arguments {
        let mut value = serde_json::to_value(StreamConfig::default())?;
        let changes: serde_json::Value = serde_json::from_str(&setting)?;
        if let (Some(target), Some(changes)) = (value.as_object_mut(), changes.as_object()) {
            for (key, change) in changes {
                target.insert(key.clone(), change.clone());
            }
        }
        let config: StreamConfig = serde_json::from_value(value)?;
        let scores = score_stream(&documents, config);
        let pairs = parallax_eval::ecbplus_stories::pair_separation(
            &documents,
            config,
            config.join_similarity,
        );
        println!("{setting}\n  {scores}\n  {pairs}");
    }
    Ok(())
}
