//! Line classification for plain-text articles: which lines are body, which
//! are headings, and which are boilerplate, and why.
//!
//! Scraped text arrives with page furniture around the article: section
//! labels and other headlines above it, "See also" lists inside it, credits
//! glued to the end of a paragraph, blank padding. The rules here decide by
//! the shape of a line (length, capitals, closing punctuation), its place
//! (above the first body paragraph, between body paragraphs, after the last)
//! and its opening words (the table `data/boilerplate_markers.tsv`).

use crate::model::BoilerplateReason;
use regex::Regex;
use std::sync::OnceLock;

/// What a line of a plain-text article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineClass {
    Body,
    /// The article's own headline, above the body.
    Title,
    Heading,
    Caption,
    Blank,
    Boilerplate(BoilerplateReason),
}

/// One table row: a line opening and what it marks.
#[derive(Debug, Clone)]
pub(crate) struct Marker {
    pub opening: String,
    pub reason: MarkerReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MarkerReason {
    Boilerplate(BoilerplateReason),
    Caption,
}

const MARKER_TABLE: &str = include_str!("../../data/boilerplate_markers.tsv");

pub(crate) fn markers() -> &'static [Marker] {
    static MARKERS: OnceLock<Vec<Marker>> = OnceLock::new();
    MARKERS.get_or_init(|| {
        let mut rows = Vec::new();
        for line in MARKER_TABLE.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((opening, reason)) = line.split_once('\t') else {
                continue;
            };
            let reason = match reason.trim() {
                "see_also" => MarkerReason::Boilerplate(BoilerplateReason::SeeAlso),
                "promotion" => MarkerReason::Boilerplate(BoilerplateReason::Promotion),
                "legal" => MarkerReason::Boilerplate(BoilerplateReason::Legal),
                "photo_credit" => MarkerReason::Boilerplate(BoilerplateReason::PhotoCredit),
                "byline" => MarkerReason::Boilerplate(BoilerplateReason::Byline),
                "caption" => MarkerReason::Caption,
                _ => continue,
            };
            rows.push(Marker {
                opening: opening.to_lowercase(),
                reason,
            });
        }
        rows
    })
}

/// Bullet characters that open list lines ("- See also: …").
fn strip_bullet(line: &str) -> (&str, bool) {
    let trimmed = line.trim_start();
    for bullet in ["- ", "• ", "* ", "– ", "— ", "· ", "» ", "> "] {
        if let Some(rest) = trimmed.strip_prefix(bullet) {
            return (rest.trim_start(), true);
        }
    }
    (trimmed, false)
}

/// The marker whose opening starts `line` (after a bullet), at a word
/// boundary, case-insensitively.
pub(crate) fn marker_for(line: &str) -> Option<&'static Marker> {
    let (content, _) = strip_bullet(line);
    let lowered = content.to_lowercase();
    markers().iter().find(|marker| {
        let Some(rest) = lowered.strip_prefix(marker.opening.as_str()) else {
            return false;
        };
        let opening_ends_in_word = marker
            .opening
            .chars()
            .last()
            .is_some_and(|character| character.is_alphanumeric());
        !opening_ends_in_word || !rest.chars().next().is_some_and(char::is_alphanumeric)
    })
}

/// Shape facts about one line of text.
#[derive(Debug, Clone, Copy)]
struct Shape {
    words: usize,
    /// Ends with . ! ? … or a closing quote/bracket after one of them, or a
    /// colon (a lead-in to a quotation or list).
    terminal: bool,
    /// Share of words of three letters or more that start with a capital.
    capitalised_share: f32,
    starts_lowercase: bool,
    bulleted: bool,
    /// Words starting with a lower-case letter that are not function words.
    lowercase_content_words: usize,
}

const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "with", "vs", "&",
];

fn shape(line: &str) -> Shape {
    let (content, bulleted) = strip_bullet(line);
    let content = content.trim_end();
    let mut words = 0;
    let mut long_words = 0;
    let mut capitalised = 0;
    let mut lowercase_content_words = 0;
    for word in content.split_whitespace() {
        words += 1;
        let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
        let Some(first) = word.chars().find(|c| c.is_alphanumeric()) else {
            continue;
        };
        if first.is_lowercase() && !FUNCTION_WORDS.contains(&letters.to_lowercase().as_str()) {
            lowercase_content_words += 1;
        }
        if letters.chars().count() >= 3 {
            long_words += 1;
            if first.is_uppercase() || first.is_numeric() {
                capitalised += 1;
            }
        }
    }
    let terminal = {
        let stripped = content.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»', '*', ' ']);
        stripped.ends_with(['.', '!', '?', '…', ':', ';'])
    };
    let starts_lowercase = content
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_lowercase());
    Shape {
        words,
        terminal,
        capitalised_share: if long_words == 0 {
            0.0
        } else {
            capitalised as f32 / long_words as f32
        },
        starts_lowercase,
        bulleted,
        lowercase_content_words,
    }
}

/// True when a line reads as running text: a sentence or more.
fn looks_like_body(shape: &Shape) -> bool {
    (shape.terminal && shape.words >= 8) || shape.words >= 20
}

/// A label of site navigation: a few capitalised words and no verb-like
/// lower-case word ("UK News", "Culture", "Arts and Entertainment").
fn looks_like_navigation(shape: &Shape) -> bool {
    shape.words <= 4 && !shape.terminal && shape.lowercase_content_words == 0
}

/// A headline: short, no closing period, not all lower case.
fn looks_like_headline(shape: &Shape) -> bool {
    shape.words >= 2 && shape.words <= 18 && !shape.terminal && !shape.starts_lowercase
}

fn title_case(shape: &Shape) -> bool {
    shape.capitalised_share >= 0.6
}

/// Content words of a line, lower-cased and stemmed, for overlap tests.
fn content_words(line: &str) -> Vec<String> {
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|word| word.chars().count() >= 4)
        .map(crate::fuse::features::term_of)
        .collect()
}

/// Share of a title's words needed in the body for it to be the article's
/// own title rather than another article's headline.
const TITLE_OVERLAP: f32 = 0.3;

/// Share of the line's content words that also occur in `body_words`.
fn overlap_with(line: &str, body_words: &std::collections::HashSet<String>) -> f32 {
    let words = content_words(line);
    if words.is_empty() {
        return 0.0;
    }
    let shared = words
        .iter()
        .filter(|word| body_words.contains(*word))
        .count();
    shared as f32 / words.len() as f32
}

/// Classifies each line of an article (given without line terminators).
///
/// Lines with nothing but white space are `Blank`; the caller decides which
/// runs of them are padding.
pub fn classify_lines(lines: &[&str]) -> Vec<LineClass> {
    // A credit glued to the end of a paragraph does not change what the
    // paragraph is: judge its shape without the tag.
    let shapes: Vec<Shape> = lines
        .iter()
        .map(|line| match trailing_tag(line) {
            Some((tag_start, _)) => shape(&line[..tag_start]),
            None => shape(line),
        })
        .collect();
    let blank: Vec<bool> = lines.iter().map(|line| is_blank(line)).collect();
    let marker_classes: Vec<Option<LineClass>> = lines
        .iter()
        .zip(&shapes)
        .map(|(line, shape)| pattern_class(line).or_else(|| marker_class(line, shape)))
        .collect();

    // Body paragraphs anchor everything else: a line is body when it reads
    // as running text, or when it continues one (starts lower-case after a
    // line that did not end its sentence).
    let mut classes: Vec<LineClass> = vec![LineClass::Blank; lines.len()];
    let mut previous_content: Option<usize> = None;
    for index in 0..lines.len() {
        if blank[index] {
            continue;
        }
        if let Some(class) = marker_classes[index] {
            classes[index] = class;
            previous_content = Some(index);
            continue;
        }
        let continues_previous = previous_content.is_some_and(|previous| {
            classes[previous] == LineClass::Body && !shapes[previous].terminal
        }) && shapes[index].starts_lowercase;
        if looks_like_body(&shapes[index]) || continues_previous {
            classes[index] = LineClass::Body;
        }
        previous_content = Some(index);
    }

    let first_body = classes.iter().position(|class| *class == LineClass::Body);
    let last_body = classes.iter().rposition(|class| *class == LineClass::Body);
    let Some((first_body, last_body)) = first_body.zip(last_body) else {
        // No running text at all: keep every content line as body so that
        // nothing is lost; a short note is still an article.
        for index in 0..lines.len() {
            if !blank[index] && marker_classes[index].is_none() {
                classes[index] = LineClass::Body;
            }
        }
        return classes;
    };

    let lead_words: std::collections::HashSet<String> = (first_body..=last_body)
        .filter(|index| classes[*index] == LineClass::Body)
        .flat_map(|index| content_words(lines[index]))
        .collect();

    // The article's own title: the headline above the body that shares the
    // most words with the body (at least TITLE_OVERLAP of its own).
    let mut title_index: Option<usize> = None;
    let mut title_overlap = TITLE_OVERLAP;
    for index in 0..first_body {
        if blank[index] || classes[index] != LineClass::Blank {
            continue;
        }
        let shape = &shapes[index];
        // A title says something: three words or more, or a lower-case word
        // (a masthead "City Courier" names the paper, not the story).
        let says_something = shape.words >= 3 || shape.lowercase_content_words >= 1;
        if !(looks_like_headline(shape) || looks_like_navigation(shape)) || !says_something {
            continue;
        }
        let overlap = overlap_with(lines[index], &lead_words);
        let shared_words = (overlap * content_words(lines[index]).len() as f32).round();
        if overlap >= title_overlap && shared_words >= 2.0 {
            title_overlap = overlap;
            title_index = Some(index);
        }
    }
    let mut after_see_also = false;
    for index in 0..lines.len() {
        if blank[index] {
            continue;
        }
        if classes[index] == LineClass::Boilerplate(BoilerplateReason::SeeAlso) {
            after_see_also = true;
            continue;
        }
        if classes[index] != LineClass::Blank {
            if classes[index] == LineClass::Body {
                after_see_also = false;
            }
            continue;
        }
        let shape = &shapes[index];
        let line = lines[index];
        let class = if after_see_also && (shape.bulleted || looks_like_headline(shape)) {
            // The items of a related-articles list.
            LineClass::Boilerplate(BoilerplateReason::SeeAlso)
        } else if index < first_body {
            let overlap = overlap_with(line, &lead_words);
            let before_title = title_index.is_some_and(|title| {
                title > index && (index + 1..title).all(|between| blank[between])
            });
            let all_capitals = line.chars().any(char::is_alphabetic)
                && line
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase);
            let kicker = shape.words >= 2 && all_capitals && (before_title || overlap >= 0.5);
            if Some(index) == title_index {
                LineClass::Title
            } else if looks_like_navigation(shape) && !kicker {
                LineClass::Boilerplate(BoilerplateReason::Navigation)
            } else if looks_like_navigation(shape) {
                // A kicker above the title: a short label about this story.
                LineClass::Heading
            } else if looks_like_headline(shape) || shape.bulleted {
                LineClass::Boilerplate(BoilerplateReason::UnrelatedHeadline)
            } else {
                LineClass::Body
            }
        } else if index > last_body {
            if looks_like_navigation(shape) {
                LineClass::Boilerplate(BoilerplateReason::Navigation)
            } else if looks_like_headline(shape) || shape.bulleted {
                LineClass::Boilerplate(BoilerplateReason::UnrelatedHeadline)
            } else {
                LineClass::Body
            }
        } else if !shape.terminal && shape.words <= 14 && (title_case(shape) || shape.words <= 6) {
            LineClass::Heading
        } else {
            LineClass::Body
        };
        if class == LineClass::Body {
            after_see_also = false;
        }
        classes[index] = class;
    }
    classes
}

/// Class given by a table marker, when the line's shape fits the marker.
fn marker_class(line: &str, shape: &Shape) -> Option<LineClass> {
    let marker = marker_for(line)?;
    let class = match marker.reason {
        MarkerReason::Caption => LineClass::Caption,
        // "Photo: Reuters" credits a picture; "Photo: Rescuers search the
        // river bank on Tuesday." describes it.
        MarkerReason::Boilerplate(BoilerplateReason::PhotoCredit)
            if marker.opening.ends_with(':') && shape.words >= 6 =>
        {
            LineClass::Caption
        }
        MarkerReason::Boilerplate(reason) => LineClass::Boilerplate(reason),
    };
    let fits = match marker.reason {
        // "By the end of the day, …" is a sentence, "By Jane Doe" a by-line.
        MarkerReason::Boilerplate(BoilerplateReason::Byline) => {
            shape.words <= 10 && !shape.terminal_sentence() && shape.capitalised_share >= 0.5
        }
        MarkerReason::Boilerplate(BoilerplateReason::Legal) => shape.words <= 40,
        _ => shape.words <= 40,
    };
    fits.then_some(class)
}

impl Shape {
    /// Ends like a sentence (a period after a lower-case word).
    fn terminal_sentence(&self) -> bool {
        self.terminal && self.lowercase_content_words > 0
    }
}

/// Classes given by the form of the whole line: a date alone (with
/// "Published"/"Updated" and a time), a breadcrumb trail of sections
/// ("Home | World | Europe"), a bare agency tag in parentheses.
fn pattern_class(line: &str) -> Option<LineClass> {
    static DATE_LINE: OnceLock<Regex> = OnceLock::new();
    static TAG_LINE: OnceLock<Regex> = OnceLock::new();
    let date_line = DATE_LINE.get_or_init(|| {
        let month = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
        let weekday = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?";
        let time = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?";
        let pattern = format!(
            r"(?i)^(?:(?:published|updated|posted|last updated|first published)(?:\s+on)?:?\s+)?(?:{weekday}\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{month},?\s+\d{{4}}|{month}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}){time}\s*$"
        );
        Regex::new(&pattern).unwrap_or_else(|error| panic!("date line pattern: {error}"))
    });
    let tag_line = TAG_LINE.get_or_init(|| {
        Regex::new(r"^\(\s*[\p{Lu}][\p{L}&./-]{0,24}(?:\s+[\p{Lu}][\p{L}&./-]{0,24}){0,2}\s*\)$")
            .unwrap_or_else(|error| panic!("tag line pattern: {error}"))
    });
    let trimmed = line.trim();
    if date_line.is_match(trimmed) {
        return Some(LineClass::Boilerplate(BoilerplateReason::Byline));
    }
    if tag_line.is_match(trimmed) {
        return Some(LineClass::Boilerplate(BoilerplateReason::AttributionTag));
    }
    let separators = trimmed.matches(" | ").count()
        + trimmed.matches(" › ").count()
        + trimmed.matches(" » ").count()
        + trimmed.matches(" > ").count();
    if separators >= 1 && trimmed.split_whitespace().count() <= 16 && !trimmed.ends_with('.') {
        return Some(LineClass::Boilerplate(BoilerplateReason::Navigation));
    }
    None
}

pub(crate) fn is_blank(line: &str) -> bool {
    line.chars().all(|character| {
        character.is_whitespace() || character == '\u{feff}' || character == '\u{200b}'
    })
}

/// A trailing tag glued to the end of a body paragraph, as a byte offset in
/// `line` where the tag starts and its reason.
pub fn trailing_tag(line: &str) -> Option<(usize, BoilerplateReason)> {
    static ATTRIBUTION: OnceLock<Regex> = OnceLock::new();
    static CREDIT: OnceLock<Regex> = OnceLock::new();
    let attribution = ATTRIBUTION.get_or_init(|| {
        Regex::new(
            r"(?i)\(\s*(?:with|reporting by|additional reporting by|writing by|editing by|compiled by|additional reporting from|reporting from|sources?:|source)(?-u:\b)[^()]{0,200}\)\s*$|\(\s*(?-i:[\p{Lu}][\p{L}&./-]{0,24}(?:\s+[\p{Lu}][\p{L}&./-]{0,24}){0,2})\s*\)\s*$",
        )
        .unwrap_or_else(|error| panic!("attribution tag pattern: {error}"))
    });
    let credit = CREDIT.get_or_init(|| {
        Regex::new(
            r"(?i)(?:\(\s*)?(?:photos?|photograph|image|picture|credit|photo credit)\s*(?:by(?-u:\b)|:)[^\n]{0,150}$",
        )
        .unwrap_or_else(|error| panic!("photo credit pattern: {error}"))
    });
    let trimmed_end = line.trim_end().len();
    let trimmed = &line[..trimmed_end];
    for (pattern, reason) in [
        (attribution, BoilerplateReason::AttributionTag),
        (credit, BoilerplateReason::PhotoCredit),
    ] {
        let Some(found) = pattern.find(trimmed) else {
            continue;
        };
        let before = trimmed[..found.start()].trim_end();
        // Only a tag when it follows a finished sentence (or stands alone).
        let after_sentence =
            before.is_empty() || before.ends_with(['.', '!', '?', '…', '"', '”', '’', ')', ']']);
        if after_sentence && !before.is_empty() {
            return Some((before.len(), reason));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(text: &str) -> Vec<LineClass> {
        let lines: Vec<&str> = text.lines().collect();
        classify_lines(&lines)
    }

    const PARAGRAPH_ONE: &str = "The regional council approved the new flood barrier on Tuesday after three years of debate over its cost.";
    const PARAGRAPH_TWO: &str = "Engineers said the barrier would protect about 4,000 homes along the river from the spring floods.";

    #[test]
    fn every_marker_in_the_table_is_recognised() {
        assert!(markers().len() > 20);
        for marker in markers() {
            let line = format!("{} Something Else Here", marker.opening.trim_end());
            let found = marker_for(&line).unwrap_or_else(|| panic!("no marker found for {line:?}"));
            // The first row with a matching opening wins; it must mark the
            // same kind of thing.
            assert_eq!(found.reason, marker.reason, "line {line:?}");
            assert!(
                marker_for(&format!("- {line}")).is_some(),
                "bulleted {line:?}"
            );
        }
    }

    #[test]
    fn markers_match_whole_words_only() {
        assert!(marker_for("Subscribers complained about the price.").is_none());
        assert!(marker_for("Subscribe to our newsletter").is_some());
        assert!(marker_for("Copyrighted works were seized.").is_none());
    }

    #[test]
    fn navigation_and_unrelated_headline_above_the_body() {
        let text = format!("World News\nSport\nCelebrity chef opens seaside cafe\n{PARAGRAPH_ONE}\n{PARAGRAPH_TWO}");
        assert_eq!(
            classes(&text),
            vec![
                LineClass::Boilerplate(BoilerplateReason::Navigation),
                LineClass::Boilerplate(BoilerplateReason::Navigation),
                LineClass::Boilerplate(BoilerplateReason::UnrelatedHeadline),
                LineClass::Body,
                LineClass::Body,
            ]
        );
    }

    #[test]
    fn a_headline_that_shares_the_lead_words_is_the_title() {
        let text = format!("Council approves flood barrier after years of debate\n{PARAGRAPH_ONE}\n{PARAGRAPH_TWO}");
        assert_eq!(
            classes(&text),
            vec![LineClass::Title, LineClass::Body, LineClass::Body]
        );
    }

    #[test]
    fn see_also_lists_and_sub_headings_inside_the_body() {
        let text = format!(
            "{PARAGRAPH_ONE}\n- See also: Storm damage closes coastal road\n- Mayor resigns over budget row\n{PARAGRAPH_TWO}\nWhat Happens Next\n{PARAGRAPH_ONE}"
        );
        assert_eq!(
            classes(&text),
            vec![
                LineClass::Body,
                LineClass::Boilerplate(BoilerplateReason::SeeAlso),
                LineClass::Boilerplate(BoilerplateReason::SeeAlso),
                LineClass::Body,
                LineClass::Heading,
                LineClass::Body,
            ]
        );
    }

    #[test]
    fn a_sentence_broken_across_lines_stays_body() {
        let text = "The council approved the barrier, a project that has divided residents of the valley for years and that will\n\ncost far more than the first estimate.";
        assert_eq!(
            classes(text),
            vec![LineClass::Body, LineClass::Blank, LineClass::Body]
        );
    }

    #[test]
    fn by_lines_but_not_sentences_that_start_with_by() {
        let text = format!("By Jane Okafor\n{PARAGRAPH_ONE}\nBy the end of the week, the council said, the first concrete would be poured.");
        assert_eq!(
            classes(&text),
            vec![
                LineClass::Boilerplate(BoilerplateReason::Byline),
                LineClass::Body,
                LineClass::Body
            ]
        );
    }

    #[test]
    fn trailing_tags_are_split_after_a_finished_sentence() {
        let line = "He said the work would start soon. (With Reuters)";
        let (at, reason) = trailing_tag(line).unwrap();
        assert_eq!(&line[at..].trim(), &"(With Reuters)");
        assert_eq!(reason, BoilerplateReason::AttributionTag);

        let quoted = "“Nothing has changed,” she added. Photo by\u{a0}Ann Lee, Wikimedia Commons.";
        let (at, reason) = trailing_tag(quoted).unwrap();
        assert!(quoted[at..].trim_start().starts_with("Photo by"));
        assert_eq!(reason, BoilerplateReason::PhotoCredit);

        assert_eq!(
            trailing_tag("The photo by the river was taken in May."),
            None
        );
        assert_eq!(
            trailing_tag("They spoke (with some reluctance) at length."),
            None
        );
    }

    #[test]
    fn date_lines_breadcrumbs_and_bare_agency_tags() {
        for line in [
            "Published 3 March 2023",
            "Updated: Tuesday 14 February 2023, 09:15 GMT",
            "April 2, 2024",
            "02.04.2024, 18:30",
            "2024-04-02",
        ] {
            assert_eq!(
                pattern_class(line),
                Some(LineClass::Boilerplate(BoilerplateReason::Byline)),
                "{line}"
            );
        }
        assert_eq!(
            pattern_class("Valley Gazette | Local | Monday, 1 April 2024"),
            Some(LineClass::Boilerplate(BoilerplateReason::Navigation))
        );
        assert_eq!(
            pattern_class("(Agence Presse)"),
            Some(LineClass::Boilerplate(BoilerplateReason::AttributionTag))
        );
        assert_eq!(
            pattern_class("April 2, 2024 was the wettest day on record."),
            None
        );
        assert_eq!(pattern_class("(and then some)"), None);
    }

    #[test]
    fn a_short_agency_tag_glued_to_a_paragraph_is_split() {
        let line = "The mayor denied the claims. (VPA)";
        let (at, reason) = trailing_tag(line).unwrap();
        assert_eq!(line[at..].trim(), "(VPA)");
        assert_eq!(reason, BoilerplateReason::AttributionTag);
        assert_eq!(trailing_tag("He thanked the ambassador (retired)"), None);
    }

    #[test]
    fn photo_lines_that_describe_are_captions() {
        let text = format!("Photo: Volunteers stack sandbags outside the town hall on Monday.\n{PARAGRAPH_ONE}\nPhoto: Reuters\n{PARAGRAPH_TWO}");
        let found = classes(&text);
        assert_eq!(found[0], LineClass::Caption);
        assert_eq!(
            found[2],
            LineClass::Boilerplate(BoilerplateReason::PhotoCredit)
        );
    }

    #[test]
    fn mastheads_are_navigation_and_capital_kickers_above_the_title_are_headings() {
        let text = format!("Valley Gazette\nFLOOD FIGHT\nCouncil approves flood barrier after years of debate\n{PARAGRAPH_ONE}\n{PARAGRAPH_TWO}");
        assert_eq!(
            classes(&text)[..3],
            [
                LineClass::Boilerplate(BoilerplateReason::Navigation),
                LineClass::Heading,
                LineClass::Title
            ]
        );
    }
}
