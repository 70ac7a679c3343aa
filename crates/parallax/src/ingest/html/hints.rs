//! What an element's class, id and role say about it: the table
//! `data/html_hints.tsv`, matched against the words of those attributes.

use crate::model::BoilerplateReason;
use std::sync::OnceLock;

/// What an element's attributes say it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    /// The article body ("article-body", "entry-content").
    Content,
    /// Page furniture of this kind.
    Boilerplate(BoilerplateReason),
    /// A picture caption.
    Caption,
    /// A page footer: legal lines or navigation, told apart by the text.
    Footer,
    /// A `<header>`: the site's masthead, or an article's title and by-line.
    Header,
    /// An `<aside>`: related links or a box beside the story.
    Aside,
    /// A `<form>`: sign-up, search or comment forms.
    Form,
    /// Buttons, menus and other controls.
    Control,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    Exact,
    Prefix,
}

#[derive(Debug, Clone)]
struct HintRow {
    word: String,
    matching: Match,
    hint: Hint,
}

const HINT_TABLE: &str = include_str!("../../../data/html_hints.tsv");

fn parse_hint(name: &str) -> Option<Hint> {
    let hint = match name {
        "content" => Hint::Content,
        "navigation" => Hint::Boilerplate(BoilerplateReason::Navigation),
        "promotion" => Hint::Boilerplate(BoilerplateReason::Promotion),
        "see_also" => Hint::Boilerplate(BoilerplateReason::SeeAlso),
        "legal" => Hint::Boilerplate(BoilerplateReason::Legal),
        "byline" => Hint::Boilerplate(BoilerplateReason::Byline),
        "photo_credit" => Hint::Boilerplate(BoilerplateReason::PhotoCredit),
        "low_content" => Hint::Boilerplate(BoilerplateReason::LowContent),
        "caption" => Hint::Caption,
        "footer" => Hint::Footer,
        _ => return None,
    };
    Some(hint)
}

fn rows() -> &'static [HintRow] {
    static ROWS: OnceLock<Vec<HintRow>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let mut rows = Vec::new();
        for line in HINT_TABLE.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut columns = line.split('\t');
            let (Some(word), Some(matching), Some(hint)) =
                (columns.next(), columns.next(), columns.next())
            else {
                continue;
            };
            let matching = match matching.trim() {
                "exact" => Match::Exact,
                "prefix" => Match::Prefix,
                _ => continue,
            };
            let Some(hint) = parse_hint(hint.trim()) else {
                continue;
            };
            rows.push(HintRow {
                word: word.trim().to_string(),
                matching,
                hint,
            });
        }
        rows
    })
}

/// Splits an attribute value into lower-cased words at non-alphanumeric
/// characters and at camelCase boundaries ("relatedArticles" → "related",
/// "articles"), calling `each_word` on each.
fn for_each_word(value: &str, word: &mut String, mut each_word: impl FnMut(&str)) {
    word.clear();
    let mut previous_lowercase = false;
    for character in value.chars() {
        if !character.is_alphanumeric() {
            if !word.is_empty() {
                each_word(word);
                word.clear();
            }
            previous_lowercase = false;
            continue;
        }
        if character.is_uppercase() && previous_lowercase && !word.is_empty() {
            each_word(word);
            word.clear();
        }
        previous_lowercase = character.is_lowercase() || character.is_numeric();
        word.extend(character.to_lowercase());
    }
    if !word.is_empty() {
        each_word(word);
    }
}

/// Whether one class name or id of the element is made only of
/// content words, two or more of them ("article-body", "storyBody",
/// "entry-content", "ArticleBody-articleBody"): the page naming its body.
pub(crate) fn names_the_body(attribute_values: &[&str]) -> bool {
    let mut buffer = String::new();
    for value in attribute_values {
        let value = truncate_at_char(value, 400);
        for class_name in value.split_ascii_whitespace() {
            let mut content_words = 0;
            let mut other_words = 0;
            for_each_word(class_name, &mut buffer, |word| {
                let is_content = rows().iter().any(|row| {
                    row.hint == Hint::Content
                        && match row.matching {
                            Match::Exact => word == row.word,
                            Match::Prefix => word.starts_with(row.word.as_str()),
                        }
                });
                if is_content {
                    content_words += 1;
                } else {
                    other_words += 1;
                }
            });
            let single_compound = content_words == 1
                && other_words == 0
                && class_name.eq_ignore_ascii_case("articlebody");
            if (content_words >= 2 && other_words == 0) || single_compound {
                return true;
            }
        }
    }
    false
}

/// Words in a class name after which the rest names something the element
/// has or lacks, not what it is.
const MODIFIERS: &[&str] = &[
    "has", "with", "without", "no", "show", "hide", "is", "enable", "disable",
];

/// The hint of an element whose class, id and role attributes are these
/// (each may be empty): the first table row, in table order, that matches
/// any of their words.
pub(crate) fn hint_for(attribute_values: &[&str]) -> Option<Hint> {
    if attribute_values.iter().all(|value| value.is_empty()) {
        return None;
    }
    let mut words: Vec<String> = Vec::new();
    let mut buffer = String::new();
    for value in attribute_values {
        // Long class lists (utility CSS) carry no meaning past a point.
        let value = truncate_at_char(value, 400);
        for class_name in value.split_ascii_whitespace() {
            // "has-sidebar", "no-comments", "with-share-bar": the words
            // after such a modifier describe something else on the page.
            let mut modified = false;
            for_each_word(class_name, &mut buffer, |word| {
                if modified || MODIFIERS.contains(&word) {
                    modified = true;
                    return;
                }
                if words.len() < 64 {
                    words.push(word.to_string());
                }
            });
        }
    }
    for row in rows() {
        let matched = words.iter().any(|word| match row.matching {
            Match::Exact => *word == row.word,
            Match::Prefix => word.starts_with(row.word.as_str()),
        });
        if matched {
            return Some(row.hint);
        }
    }
    None
}

fn truncate_at_char(value: &str, limit: usize) -> &str {
    if value.len() <= limit {
        return value;
    }
    let mut end = limit;
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    &value[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_of_the_table_matches_its_own_word() {
        assert!(rows().len() > 40);
        for row in rows() {
            let hint = hint_for(&[row.word.as_str()]);
            // An earlier row may claim the same word (a prefix above it);
            // then it must at least be a hint.
            let first = rows()
                .iter()
                .find(|other| match other.matching {
                    Match::Exact => other.word == row.word,
                    Match::Prefix => row.word.starts_with(other.word.as_str()),
                })
                .map(|other| other.hint);
            assert_eq!(hint, first, "row {:?}", row.word);
            assert!(hint.is_some());
            if row.matching == Match::Prefix {
                let longer = format!("{}xyz", row.word);
                assert!(hint_for(&[longer.as_str()]).is_some(), "{longer}");
            } else {
                let longer = format!("{}xyz", row.word);
                assert_ne!(hint_for(&[longer.as_str()]), Some(row.hint), "{longer}");
            }
        }
    }

    #[test]
    fn class_names_made_of_content_words_name_the_body() {
        assert!(names_the_body(&["x article-body"]));
        assert!(names_the_body(&["", "storyBody"]));
        assert!(names_the_body(&["ArticleBody-articleBody"]));
        assert!(names_the_body(&["articleBody"]));
        assert!(!names_the_body(&["article"]));
        assert!(!names_the_body(&["article-list"]));
        assert!(!names_the_body(&["post-content-sidebar"]));
    }

    #[test]
    fn furniture_words_beat_content_words_and_camel_case_splits() {
        assert_eq!(
            hint_for(&["article-related"]),
            Some(Hint::Boilerplate(BoilerplateReason::SeeAlso))
        );
        assert_eq!(hint_for(&["article-body"]), Some(Hint::Content));
        assert_eq!(
            hint_for(&["", "articleComments"]),
            Some(Hint::Boilerplate(BoilerplateReason::LowContent))
        );
        assert_eq!(hint_for(&["header shadow load"]), None);
        assert_eq!(
            hint_for(&["ad top"]),
            Some(Hint::Boilerplate(BoilerplateReason::Promotion))
        );
        assert_eq!(hint_for(&[""]), None);
        // Modifiers: what the element has, not what it is.
        assert_eq!(hint_for(&["layout layout--has-sidebar"]), None);
        assert_eq!(hint_for(&["post no-comments"]), Some(Hint::Content));
        for modifier in MODIFIERS {
            let class = format!("x-{modifier}-comments");
            assert_eq!(hint_for(&[class.as_str()]), None, "{class}");
        }
    }
}
