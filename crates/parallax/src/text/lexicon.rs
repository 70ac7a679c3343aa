//! Word lists of the text stage, loaded once from `data/`:
//! abbreviations with their class, common sentence starters, and elisions.

use std::collections::HashMap;
use std::sync::OnceLock;

const ABBREVIATIONS: &str = include_str!("../../data/abbreviations.txt");
const SENTENCE_STARTERS: &str = include_str!("../../data/sentence_starters.txt");
const ELISIONS: &str = include_str!("../../data/elisions.txt");
const REPORTING_VERBS: &str = include_str!("../../data/reporting_verbs.txt");
const CREDIT_LABELS: &str = include_str!("../../data/credit_labels.txt");
const INTRODUCTORY_PREPOSITIONS: &str = include_str!("../../data/introductory_prepositions.txt");

/// What an abbreviation's period may mean (see `data/abbreviations.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbreviationClass {
    /// A personal honorific ("Mr.", "Dr."): never ends a sentence, may begin
    /// one.
    Honorific,
    /// Before a name ("Mr.", "Gen.", "St."): never ends a sentence.
    Title,
    /// Before a number ("No. 5", "p. 55"): a period only when a number
    /// follows.
    Number,
    /// A month or weekday ("Dec. 13"): ends a sentence only before a capital.
    Month,
    /// Always followed by more ("e.g.", "vs."): never ends a sentence.
    Inner,
    /// May end a sentence ("Co.", "Inc.", "a.m.", "U.S.").
    Final,
}

impl AbbreviationClass {
    fn parse(name: &str) -> Option<Self> {
        match name {
            "honorific" => Some(AbbreviationClass::Honorific),
            "title" => Some(AbbreviationClass::Title),
            "number" => Some(AbbreviationClass::Number),
            "month" => Some(AbbreviationClass::Month),
            "inner" => Some(AbbreviationClass::Inner),
            "final" => Some(AbbreviationClass::Final),
            _ => None,
        }
    }
}

/// Lines of a data file without comments and blank lines.
fn entries(table: &'static str) -> impl Iterator<Item = &'static str> {
    table
        .lines()
        .map(str::trim_end)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

fn abbreviation_table() -> &'static HashMap<&'static str, AbbreviationClass> {
    static TABLE: OnceLock<HashMap<&'static str, AbbreviationClass>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        for line in entries(ABBREVIATIONS) {
            let Some((word, class_name)) = line.split_once('\t') else {
                continue;
            };
            if let Some(class) = AbbreviationClass::parse(class_name.trim()) {
                table.insert(word.trim(), class);
            }
        }
        table
    })
}

fn word_set(
    table: &'static str,
    cell: &'static OnceLock<HashMap<&'static str, ()>>,
) -> &'static HashMap<&'static str, ()> {
    cell.get_or_init(|| entries(table).map(|word| (word.trim(), ())).collect())
}

fn starter_set() -> &'static HashMap<&'static str, ()> {
    static SET: OnceLock<HashMap<&'static str, ()>> = OnceLock::new();
    word_set(SENTENCE_STARTERS, &SET)
}

fn elision_set() -> &'static HashMap<&'static str, ()> {
    static SET: OnceLock<HashMap<&'static str, ()>> = OnceLock::new();
    word_set(ELISIONS, &SET)
}

fn reporting_verb_set() -> &'static HashMap<&'static str, ()> {
    static SET: OnceLock<HashMap<&'static str, ()>> = OnceLock::new();
    word_set(REPORTING_VERBS, &SET)
}

fn introductory_preposition_set() -> &'static HashMap<&'static str, ()> {
    static SET: OnceLock<HashMap<&'static str, ()>> = OnceLock::new();
    word_set(INTRODUCTORY_PREPOSITIONS, &SET)
}

fn credit_label_set() -> &'static HashMap<&'static str, ()> {
    static SET: OnceLock<HashMap<&'static str, ()>> = OnceLock::new();
    word_set(CREDIT_LABELS, &SET)
}

/// The longest word looked up in the tables, in bytes.
const LOOKUP_LIMIT: usize = 24;

/// Lower-cases `word` into `buffer` and returns it, or `None` when the word
/// is too long to be in any table. Non-ASCII characters are lower-cased too
/// ("N°" stays as it is; "Ü" becomes "ü").
fn lower<'buffer>(word: &str, buffer: &'buffer mut [u8; LOOKUP_LIMIT]) -> Option<&'buffer str> {
    if word.len() > LOOKUP_LIMIT {
        return None;
    }
    if word.is_ascii() {
        let target = buffer.get_mut(..word.len())?;
        target.copy_from_slice(word.as_bytes());
        target.make_ascii_lowercase();
        return std::str::from_utf8(target).ok();
    }
    let mut length = 0;
    for character in word.chars().flat_map(char::to_lowercase) {
        let mut encoded = [0u8; 4];
        let bytes = character.encode_utf8(&mut encoded).as_bytes();
        let target = buffer.get_mut(length..length + bytes.len())?;
        target.copy_from_slice(bytes);
        length += bytes.len();
    }
    std::str::from_utf8(buffer.get(..length)?).ok()
}

/// The class of `word` (without its final period) as an abbreviation.
pub(crate) fn abbreviation(word: &str) -> Option<AbbreviationClass> {
    let mut buffer = [0u8; LOOKUP_LIMIT];
    let lowered = lower(word, &mut buffer)?;
    abbreviation_table().get(lowered).copied()
}

/// True when `word` commonly begins a sentence ("The", "He", "However").
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    let mut buffer = [0u8; LOOKUP_LIMIT];
    lower(word, &mut buffer).is_some_and(|lowered| starter_set().contains_key(lowered))
}

/// True when `word` is written after an apostrophe for dropped letters
/// ("em" of "’em", "til" of "’til").
pub(crate) fn is_elision(word: &str) -> bool {
    let mut buffer = [0u8; LOOKUP_LIMIT];
    lower(word, &mut buffer).is_some_and(|lowered| elision_set().contains_key(lowered))
}

/// True when `word` reports speech after a quotation ("said", "asked").
pub(crate) fn is_reporting_verb(word: &str) -> bool {
    let mut buffer = [0u8; LOOKUP_LIMIT];
    lower(word, &mut buffer).is_some_and(|lowered| reporting_verb_set().contains_key(lowered))
}

/// True when `word` opens a short introductory phrase ("At 5 a.m.").
pub(crate) fn is_introductory_preposition(word: &str) -> bool {
    let mut buffer = [0u8; LOOKUP_LIMIT];
    lower(word, &mut buffer)
        .is_some_and(|lowered| introductory_preposition_set().contains_key(lowered))
}

/// True when `word` labels a credit or source line ("Photo", "Image").
pub(crate) fn is_credit_label(word: &str) -> bool {
    let mut buffer = [0u8; LOOKUP_LIMIT];
    lower(word, &mut buffer).is_some_and(|lowered| credit_label_set().contains_key(lowered))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_abbreviation_line_parses_and_is_found_in_any_case() {
        let mut count = 0;
        for line in entries(ABBREVIATIONS) {
            let (word, class_name) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("no tab in abbreviation line {line:?}"));
            let class = AbbreviationClass::parse(class_name)
                .unwrap_or_else(|| panic!("unknown class in line {line:?}"));
            assert_eq!(abbreviation(word), Some(class), "{word}");
            let upper: String = word.to_uppercase();
            assert_eq!(abbreviation(&upper), Some(class), "{upper}");
            count += 1;
        }
        assert!(count > 80, "only {count} abbreviations");
        assert_eq!(abbreviation("house"), None);
    }

    #[test]
    fn every_starter_and_elision_is_found_capitalised() {
        for word in entries(SENTENCE_STARTERS) {
            let mut capitalised = word.to_string();
            capitalised[..1].make_ascii_uppercase();
            assert!(is_sentence_starter(&capitalised), "{capitalised}");
        }
        assert!(!is_sentence_starter("Government"));
        for word in entries(ELISIONS) {
            assert!(is_elision(word), "{word}");
        }
        assert!(!is_elision("this"));
        for word in entries(REPORTING_VERBS) {
            assert!(is_reporting_verb(word), "{word}");
        }
        assert!(!is_reporting_verb("walked"));
        for word in entries(INTRODUCTORY_PREPOSITIONS) {
            let mut capitalised = word.to_string();
            capitalised[..1].make_ascii_uppercase();
            assert!(is_introductory_preposition(&capitalised), "{capitalised}");
        }
        assert!(!is_introductory_preposition("He"));
        for word in entries(CREDIT_LABELS) {
            assert!(is_credit_label(word), "{word}");
        }
        assert!(!is_credit_label("Note"));
    }

    #[test]
    fn lookups_refuse_long_words_without_panicking() {
        let long = "a".repeat(LOOKUP_LIMIT + 1);
        assert_eq!(abbreviation(&long), None);
        assert!(!is_sentence_starter("ÜÜÜÜÜÜÜÜÜÜÜÜÜ"));
        assert_eq!(abbreviation("N°"), Some(AbbreviationClass::Number));
    }
}
