//! What an evaluation prints: a table of measures.

use crate::metrics::Counts;
use serde::Serialize;
use std::fmt;

/// One evaluation's results.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub suite: String,
    pub rows: Vec<Row>,
    /// Remarks worth printing with the figures (cases failed, files skipped).
    pub notes: Vec<String>,
}

/// One measure: precision/recall/F1 from counts, or a single figure.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub measure: String,
    pub counts: Option<Counts>,
    /// For single figures (accuracy, a rate, B-cubed F1).
    pub value: Option<f64>,
    /// The figure to reach, when one is set.
    pub target: Option<f64>,
}

impl Report {
    pub fn new(suite: &str) -> Self {
        Report {
            suite: suite.to_string(),
            ..Report::default()
        }
    }

    pub fn counts(&mut self, measure: &str, counts: Counts, target_f1: Option<f64>) {
        self.rows.push(Row {
            measure: measure.to_string(),
            counts: Some(counts),
            value: None,
            target: target_f1,
        });
    }

    pub fn value(&mut self, measure: &str, value: f64, target: Option<f64>) {
        self.rows.push(Row {
            measure: measure.to_string(),
            counts: None,
            value: Some(value),
            target,
        });
    }

    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }
}

impl fmt::Display for Report {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(formatter, "== {}", self.suite)?;
        writeln!(
            formatter,
            "{:<44} {:>9} {:>9} {:>9} {:>8}  counts (tp/fp/fn)",
            "measure", "precision", "recall", "f1|value", "target"
        )?;
        for row in &self.rows {
            let target = row
                .target
                .map(|target| format!("{target:.3}"))
                .unwrap_or_default();
            match (row.counts, row.value) {
                (Some(counts), _) => writeln!(
                    formatter,
                    "{:<44} {:>9.3} {:>9.3} {:>9.3} {:>8}  {}/{}/{}",
                    row.measure,
                    counts.precision(),
                    counts.recall(),
                    counts.f1(),
                    target,
                    trim_number(counts.true_positives),
                    trim_number(counts.false_positives),
                    trim_number(counts.false_negatives),
                )?,
                (None, Some(value)) => writeln!(
                    formatter,
                    "{:<44} {:>9} {:>9} {:>9.3} {:>8}",
                    row.measure, "", "", value, target
                )?,
                (None, None) => writeln!(formatter, "{}", row.measure)?,
            }
        }
        for note in &self.notes {
            writeln!(formatter, "  note: {note}")?;
        }
        Ok(())
    }
}

fn trim_number(number: f64) -> String {
    if number.fract() == 0.0 {
        format!("{number:.0}")
    } else {
        format!("{number:.2}")
    }
}
