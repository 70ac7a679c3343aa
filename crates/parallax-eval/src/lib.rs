//! Evaluations of Parallax: each suite reads its data (our gold files, or a
//! public data set under `../shared/data/`), runs the pipeline and returns a
//! [`Report`] of figures. The `parallax eval` command prints them.

pub mod ecbplus;
pub mod ecbplus_stories;
pub mod gold;
pub mod gum;
pub mod gum_dates;
pub mod gum_mentions;
pub mod gum_sentences;
pub mod html_extraction;
pub mod metrics;
pub mod polnear;
pub mod quantities_handmade;
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
        Suite {
            name: "ecbplus-entities",
            about: "cross-document name merging on ECB+ (gold spans and own mentions)",
            run: ecbplus::run_entities,
        },
        Suite {
            name: "ecbplus-stories",
            about: "story clustering of ECB+ as one shuffled stream: B-cubed at sub-topic and topic level",
            run: ecbplus_stories::run,
        },
        Suite {
            name: "gum-dates",
            about: "date detection and resolution against GUM news dates (anchor dateCreated)",
            run: gum_dates::run,
        },
        Suite {
            name: "quantities-handmade",
            about: "quantity value and counted phrase on hand-written sentences",
            run: quantities_handmade::run,
        },
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
        Suite {
            name: "html-extraction",
            about:
                "article body extraction from web pages (article-extraction-benchmark, shingle F1)",
            run: html_extraction::run,
        },
        Suite {
            name: "semeval-html",
            about:
                "SemEval-2022 task 8 trial pages: all extract; title and text vs the organisers'",
            run: html_extraction::run_semeval,
        },
    ]
}
