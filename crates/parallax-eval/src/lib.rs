//! Evaluations of Parallax: each suite reads its data (our gold files, or a
//! public data set under `../shared/data/`), runs the pipeline and returns a
//! [`Report`] of figures. The `parallax eval` command prints them.

pub mod gold;
pub mod gum;
pub mod gum_mentions;
pub mod gum_sentences;
pub mod metrics;
pub mod report;
pub mod sentence_rules;
pub mod stories;

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
            name: "gum-mentions",
            about:
                "name mention detection and typing on GUM news (person/organization/place names)",
            run: gum_mentions::run,
        },
        Suite {
            name: "stories",
            about: "our own stories and the shared seeds against their gold files",
            run: stories::run,
        },
        Suite {
            name: "sentence-rules",
            about: "48 hard sentence-splitting cases (pySBD golden rules): cases passed, end F1",
            run: sentence_rules::run,
        },
        Suite {
            name: "gum-sentences",
            about: "sentence-boundary F1 on GUM news and interviews (pipeline and segmenter alone)",
            run: gum_sentences::run,
        },
    ]
}
