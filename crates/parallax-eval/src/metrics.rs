//! Counts and the figures made from them.

use serde::Serialize;

/// True positives, false positives and false negatives of one measure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Counts {
    pub true_positives: f64,
    pub false_positives: f64,
    pub false_negatives: f64,
}

impl Counts {
    pub fn add(&mut self, other: Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }

    /// Precision; 1 when nothing was predicted (no false claims were made).
    pub fn precision(&self) -> f64 {
        let predicted = self.true_positives + self.false_positives;
        if predicted == 0.0 {
            1.0
        } else {
            self.true_positives / predicted
        }
    }

    /// Recall; 1 when there was nothing to find.
    pub fn recall(&self) -> f64 {
        let gold = self.true_positives + self.false_negatives;
        if gold == 0.0 {
            1.0
        } else {
            self.true_positives / gold
        }
    }

    pub fn f1(&self) -> f64 {
        let precision = self.precision();
        let recall = self.recall();
        if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Counts;

    #[test]
    fn figures_from_counts() {
        let counts = Counts {
            true_positives: 8.0,
            false_positives: 2.0,
            false_negatives: 8.0,
        };
        assert!((counts.precision() - 0.8).abs() < 1e-12);
        assert!((counts.recall() - 0.5).abs() < 1e-12);
        assert!((counts.f1() - 2.0 * 0.4 / 1.3).abs() < 1e-12);
        assert_eq!(Counts::default().f1(), 1.0);
    }
}
