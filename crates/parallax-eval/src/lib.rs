//! Evaluations of Parallax: each suite reads its data (our gold files, or a
//! public data set under `../shared/data/`), runs the pipeline and returns a
//! [`Report`] of figures. The `parallax eval` command prints them.

pub mod metrics;
pub mod polnear;
pub mod report;

pub use metrics::Counts;
pub use report::Report;

use std::path::Path;

/// A suite: its name, what it measures, and how to run it against the data
/// folder (the folder that holds the public data sets).
pub struct Suite {
    pub name: &'static str,
    pub about: &'static str,
    pub run: fn(data_dir: &Path) -> anyhow::Result<Report>,
}

/// Every suite, in the order `parallax eval all` runs them.
pub fn suites() -> Vec<Suite> {
    vec![
        Suite {
            name: "polnear-quotes",
            about: "PolNeAR dev: direct quotes (content, speaker, cue) and indirect attributions",
            run: polnear::run_quotes,
        },
        Suite {
            name: "polnear-quotes-train",
            about: "PolNeAR train (not used for tuning): the polnear-quotes figures, as a check",
            run: polnear::run_quotes_train,
        },
    ]
}
