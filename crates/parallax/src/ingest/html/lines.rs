//! Whole blocks that are web-page furniture by their text alone: the table
//! `data/html_line_markers.tsv` ("Advertisement", "This slideshow requires
//! JavaScript.", "Skip to content", "We use cookies…").

use crate::model::BoilerplateReason;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    Line,
    Opening,
}

#[derive(Debug, Clone)]
struct LineMarker {
    text: String,
    matching: Match,
    reason: BoilerplateReason,
}

const TABLE: &str = include_str!("../../../data/html_line_markers.tsv");

fn markers() -> &'static [LineMarker] {
    static MARKERS: OnceLock<Vec<LineMarker>> = OnceLock::new();
    MARKERS.get_or_init(|| {
        let mut rows = Vec::new();
        for line in TABLE.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut columns = line.split('\t');
            let (Some(text), Some(matching), Some(reason)) =
                (columns.next(), columns.next(), columns.next())
            else {
                continue;
            };
            let matching = match matching.trim() {
                "line" => Match::Line,
                "opening" => Match::Opening,
                _ => continue,
            };
            let reason = match reason.trim() {
                "navigation" => BoilerplateReason::Navigation,
                "promotion" => BoilerplateReason::Promotion,
                "see_also" => BoilerplateReason::SeeAlso,
                "legal" => BoilerplateReason::Legal,
                "byline" => BoilerplateReason::Byline,
                "low_content" => BoilerplateReason::LowContent,
                _ => continue,
            };
            rows.push(LineMarker {
                text: text.trim().to_lowercase(),
                matching,
                reason,
            });
        }
        rows
    })
}

/// The block's text folded for matching: lower case, white space runs as
/// one space, no leading bullet, no closing punctuation.
fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.extend(word.chars().flat_map(char::to_lowercase));
    }
    let without_bullet = folded
        .trim_start_matches(['•', '·', '-', '–', '—', '*', '»', '›', ' '])
        .to_string();
    without_bullet
        .trim_end_matches(['.', ':', '!', '…', '»', '>', '›', ' '])
        .to_string()
}

/// The reason a block is furniture by its text alone, if it is.
pub(crate) fn line_marker(text: &str) -> Option<BoilerplateReason> {
    if text.len() > 400 {
        return None;
    }
    let folded = fold(text);
    if folded.is_empty() {
        return None;
    }
    for marker in markers() {
        let matched = match marker.matching {
            Match::Line => folded == marker.text,
            Match::Opening => folded
                .strip_prefix(marker.text.as_str())
                .is_some_and(|rest| {
                    let word_ends = !marker.text.ends_with(char::is_alphanumeric);
                    word_ends || !rest.starts_with(char::is_alphanumeric)
                }),
        };
        if matched {
            return Some(marker.reason);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_matches_its_own_text_and_lines_match_whole() {
        assert!(markers().len() > 30);
        for marker in markers() {
            let shown = format!("  {}: ", marker.text.to_uppercase());
            assert_eq!(
                line_marker(&shown),
                Some(marker.reason),
                "{:?}",
                marker.text
            );
            let longer = format!("{} of the river council", marker.text);
            let expected = match marker.matching {
                Match::Line => None,
                Match::Opening => Some(marker.reason),
            };
            // A later row may match the longer text; only rows whose text
            // starts no other row are checked strictly.
            let shadowed = markers().iter().any(|other| {
                other.matching == Match::Opening && longer.starts_with(other.text.as_str())
            });
            if !shadowed {
                assert_eq!(line_marker(&longer), expected, "{longer:?}");
            }
        }
    }

    #[test]
    fn running_text_is_not_a_marker() {
        assert_eq!(
            line_marker("Advertisers left the show after the interview."),
            None
        );
        assert_eq!(
            line_marker("Comments from the minister angered the union."),
            None
        );
        assert_eq!(
            line_marker("• Advertisement"),
            Some(BoilerplateReason::Promotion)
        );
    }
}
