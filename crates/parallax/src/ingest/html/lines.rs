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

const DATE_WORDS: &str = include_str!("../../../data/html_date_words.txt");
const MONTHS_WEEKDAYS: &str = include_str!("../../../data/months_weekdays.tsv");

/// Month and weekday names (lower case, full and abbreviated), and the
/// words that stand beside a date.
fn date_vocabulary() -> &'static (Vec<String>, Vec<String>) {
    static VOCABULARY: OnceLock<(Vec<String>, Vec<String>)> = OnceLock::new();
    VOCABULARY.get_or_init(|| {
        let mut names = Vec::new();
        for line in MONTHS_WEEKDAYS.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut columns = line.split('\t');
            let (Some(name), Some(kind)) = (columns.next(), columns.next()) else {
                continue;
            };
            if kind == "month" || kind == "weekday" {
                names.push(name.trim().to_lowercase());
            }
        }
        let words = DATE_WORDS
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .map(|line| line.trim().to_lowercase())
            .collect();
        (names, words)
    })
}

/// A line that is only a date and time with its labels ("Published Nov 18,
/// 2019 at 4:07 PM | Updated 5:36 PM", "Wednesday 20 November 2019
/// 09.15 GMT"): most of its words are numbers, month or weekday names,
/// time-zone abbreviations or date labels, and one is a name or a number.
pub(crate) fn is_date_line(text: &str) -> bool {
    let (names, words) = date_vocabulary();
    let tokens: Vec<&str> = text.split_whitespace().collect();
    if tokens.is_empty() || tokens.len() > 24 {
        return false;
    }
    let mut date_like = 0;
    let mut anchors = 0;
    for token in &tokens {
        let bare: String = token
            .trim_matches(|character: char| !character.is_alphanumeric())
            .to_lowercase();
        if bare.is_empty() {
            date_like += 1;
            continue;
        }
        let has_digit = bare.chars().any(|character| character.is_ascii_digit());
        // Digits with separators, or with a short suffix ("8:59pm", "3rd").
        let suffixed = bare.ends_with(['m', 'h', 't', 'd', 's']);
        let numeric = has_digit
            && bare.chars().all(|character| {
                character.is_ascii_digit()
                    || matches!(character, ':' | '/' | '.' | '-' | ',')
                    || (character.is_ascii_alphabetic() && suffixed)
            });
        let named = names.iter().any(|name| *name == bare.trim_end_matches('.'));
        let labelled = words.contains(&bare);
        let zone = token.len() <= 5
            && bare.len() >= 2
            && token
                .chars()
                .filter(|character| character.is_alphabetic())
                .all(char::is_uppercase);
        if numeric || named {
            anchors += 1;
        }
        if numeric || named || labelled || zone {
            date_like += 1;
        }
    }
    anchors > 0 && date_like * 10 >= tokens.len() * 8
}

const TAIL_PHRASES: &str = include_str!("../../../data/html_tail_phrases.txt");

fn tail_phrases() -> &'static [String] {
    static PHRASES: OnceLock<Vec<String>> = OnceLock::new();
    PHRASES.get_or_init(|| {
        TAIL_PHRASES
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .map(|line| line.trim().to_lowercase())
            .collect()
    })
}

/// A closing line that prompts the reader (subscribe, follow, send a tip):
/// at most 40 words holding one of the phrases of
/// `data/html_tail_phrases.txt` at word boundaries.
pub(crate) fn is_closing_prompt(text: &str) -> bool {
    if text.split_whitespace().count() > 40 {
        return false;
    }
    let folded = fold(text);
    tail_phrases().iter().any(|phrase| {
        folded.match_indices(phrase.as_str()).any(|(start, _)| {
            let before = folded[..start].chars().next_back();
            let after = folded[start + phrase.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
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
    fn date_lines_are_told_from_sentences() {
        for line in [
            "Published Nov 18, 2019 at 4:07 PM | Updated at 5:36 PM CST on Nov 18, 2019",
            "Wednesday 20 November 2019 09.15 GMT",
            "PUBLISHED: November 19, 2019 at 8:59 pm | UPDATED: November 19, 2019 at 10:16 pm",
            "Nov 18, 2019",
            "20/11/2019 - 14:03",
        ] {
            assert!(is_date_line(line), "{line}");
        }
        for line in [
            "The council met on Monday.",
            "Nov 18 was the day the council met and voted to close the bridge",
            "Updated",
            "Team\t42",
        ] {
            assert!(!is_date_line(line), "{line}");
        }
        let (names, words) = date_vocabulary();
        assert!(names.len() >= 19);
        for word in words {
            let line = format!("{word} 4 May 2020");
            assert!(is_date_line(&line), "{line}");
        }
    }

    #[test]
    fn closing_prompts_are_found_by_their_phrases() {
        for phrase in tail_phrases() {
            let line = format!("Readers: {phrase} today, it takes a minute.");
            assert!(is_closing_prompt(&line), "{line}");
        }
        assert!(!is_closing_prompt(
            "Subscribers paid more this year, the report said."
        ));
        assert!(!is_closing_prompt(
            "The council will meet again next month."
        ));
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
