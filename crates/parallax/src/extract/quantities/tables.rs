//! The word tables of the quantity extractor, loaded once from
//! `crates/parallax/data/*.tsv` (compiled in with `include_str!`).

use crate::model::{Modality, Qualifier};
use std::collections::HashMap;
use std::sync::OnceLock;

pub(crate) const QUALIFIERS_TSV: &str = include_str!("../../../data/qualifiers.tsv");
pub(crate) const NUMBER_WORDS_TSV: &str = include_str!("../../../data/number_words.tsv");
pub(crate) const UNITS_TSV: &str = include_str!("../../../data/units.tsv");
pub(crate) const GOAL_CUES_TSV: &str = include_str!("../../../data/goal_cues.tsv");
pub(crate) const PREDICATE_FAMILIES_TSV: &str =
    include_str!("../../../data/predicate_families.tsv");
pub(crate) const GRAMMAR_TSV: &str = include_str!("../../../data/quantity_grammar.tsv");

/// The rows of a TSV table: comment (`#`) and blank lines skipped, fields
/// split on tabs and trimmed.
pub(crate) fn rows(table: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    table
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| line.split('\t').map(str::trim).collect())
}

fn words(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(str::to_string).collect()
}

// ---------------------------------------------------------------- qualifiers

#[derive(Debug, Clone)]
pub(crate) struct QualifierEntry {
    pub words: Vec<String>,
    pub before: bool,
    pub qualifier: Qualifier,
}

fn parse_qualifier(name: &str) -> Option<Qualifier> {
    Some(match name {
        "at_least" => Qualifier::AtLeast,
        "more_than" => Qualifier::MoreThan,
        "at_most" => Qualifier::AtMost,
        "less_than" => Qualifier::LessThan,
        "about" => Qualifier::About,
        "nearly" => Qualifier::Nearly,
        _ => return None,
    })
}

/// Qualifiers, longest phrase first.
pub(crate) fn qualifiers() -> &'static [QualifierEntry] {
    static TABLE: OnceLock<Vec<QualifierEntry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut entries = Vec::new();
        for row in rows(QUALIFIERS_TSV) {
            let (Some(phrase), Some(position), Some(name)) = (row.first(), row.get(1), row.get(2))
            else {
                continue;
            };
            let Some(qualifier) = parse_qualifier(name) else {
                continue;
            };
            entries.push(QualifierEntry {
                words: words(phrase),
                before: *position == "before",
                qualifier,
            });
        }
        entries.sort_by_key(|item| std::cmp::Reverse(item.words.len()));
        entries
    })
}

// -------------------------------------------------------------- number words

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberWordKind {
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
    Dozen,
    Fraction,
    Vague,
    VagueMultiplier,
    Abbreviation,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct NumberWord {
    pub kind: NumberWordKind,
    pub value: f64,
    /// Exclusive high end, for vague words.
    pub high: Option<f64>,
}

fn parse_number_word_kind(name: &str) -> Option<NumberWordKind> {
    Some(match name {
        "unit" => NumberWordKind::Unit,
        "teen" => NumberWordKind::Teen,
        "tens" => NumberWordKind::Tens,
        "hundred" => NumberWordKind::Hundred,
        "scale" => NumberWordKind::Scale,
        "dozen" => NumberWordKind::Dozen,
        "fraction" => NumberWordKind::Fraction,
        "vague" => NumberWordKind::Vague,
        "vague_multiplier" => NumberWordKind::VagueMultiplier,
        "abbreviation" => NumberWordKind::Abbreviation,
        _ => return None,
    })
}

fn number_word_table() -> &'static HashMap<&'static str, NumberWord> {
    static TABLE: OnceLock<HashMap<&'static str, NumberWord>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        for row in rows(NUMBER_WORDS_TSV) {
            let (Some(word), Some(kind), Some(value)) = (row.first(), row.get(1), row.get(2))
            else {
                continue;
            };
            let (Some(kind), Ok(value)) = (parse_number_word_kind(kind), value.parse::<f64>())
            else {
                continue;
            };
            let high = row.get(3).and_then(|high| high.parse::<f64>().ok());
            table.insert(*word, NumberWord { kind, value, high });
        }
        table
    })
}

/// The number word `lower` (lower case), if it is one.
pub(crate) fn number_word(lower: &str) -> Option<NumberWord> {
    number_word_table().get(lower).copied()
}

// --------------------------------------------------------------------- units

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Currency,
    Percent,
    Measure,
    Duration,
}

#[derive(Debug, Clone)]
pub(crate) struct UnitEntry {
    /// Lower case unless the surface is an upper-case code.
    pub words: Vec<String>,
    pub case_sensitive: bool,
    pub unit: &'static str,
    pub prefix: bool,
    pub kind: UnitKind,
}

/// Units, longest surface first.
pub(crate) fn units() -> &'static [UnitEntry] {
    static TABLE: OnceLock<Vec<UnitEntry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut entries = Vec::new();
        for row in rows(UNITS_TSV) {
            let (Some(surface), Some(unit), Some(position), Some(kind)) =
                (row.first(), row.get(1), row.get(2), row.get(3))
            else {
                continue;
            };
            let kind = match *kind {
                "currency" => UnitKind::Currency,
                "percent" => UnitKind::Percent,
                "measure" => UnitKind::Measure,
                "duration" => UnitKind::Duration,
                _ => continue,
            };
            let case_sensitive = surface.len() > 1
                && surface
                    .chars()
                    .all(|character| character.is_ascii_uppercase());
            entries.push(UnitEntry {
                words: words(surface),
                case_sensitive,
                unit,
                prefix: *position == "prefix",
                kind,
            });
        }
        entries.sort_by_key(|item| std::cmp::Reverse(item.words.len()));
        entries
    })
}

// ----------------------------------------------------------------- goal cues

#[derive(Debug, Clone)]
pub(crate) struct CueEntry {
    pub words: Vec<String>,
    pub modality: Modality,
}

pub(crate) fn goal_cues() -> &'static [CueEntry] {
    static TABLE: OnceLock<Vec<CueEntry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut entries = Vec::new();
        for row in rows(GOAL_CUES_TSV) {
            let (Some(cue), Some(modality)) = (row.first(), row.get(1)) else {
                continue;
            };
            let modality = match *modality {
                "goal" => Modality::Goal,
                "hypothetical" => Modality::Hypothetical,
                _ => continue,
            };
            entries.push(CueEntry {
                words: words(cue),
                modality,
            });
        }
        entries.sort_by_key(|item| std::cmp::Reverse(item.words.len()));
        entries
    })
}

// ---------------------------------------------------------------- predicates

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PredicateEntry {
    pub lemma: &'static str,
    pub family: &'static str,
}

#[derive(Debug, Default)]
pub(crate) struct PredicateTable {
    /// One-word forms (lemma and listed forms) → entry.
    pub single: HashMap<&'static str, PredicateEntry>,
    /// Multi-word forms ("death toll", "behind bars"), longest first.
    pub multi: Vec<(Vec<&'static str>, PredicateEntry)>,
}

pub(crate) fn predicates() -> &'static PredicateTable {
    static TABLE: OnceLock<PredicateTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = PredicateTable::default();
        for row in rows(PREDICATE_FAMILIES_TSV) {
            let (Some(lemma), Some(family)) = (row.first(), row.get(1)) else {
                continue;
            };
            let entry = PredicateEntry { lemma, family };
            let forms = row.get(2).copied().unwrap_or("");
            let all_forms = std::iter::once(*lemma).chain(forms.split(',').map(str::trim));
            for form in all_forms.filter(|form| !form.is_empty()) {
                let form_words: Vec<&'static str> = form.split_whitespace().collect();
                if form_words.len() > 1 {
                    table.multi.push((form_words, entry));
                } else {
                    table.single.entry(form).or_insert(entry);
                }
            }
        }
        table
            .multi
            .sort_by_key(|item| std::cmp::Reverse(item.0.len()));
        table
    })
}

// ------------------------------------------------------------------- grammar

pub(crate) mod class {
    pub const DET: u16 = 1;
    pub const STOP: u16 = 1 << 1;
    pub const AUX: u16 = 1 << 2;
    pub const ADVERB: u16 = 1 << 3;
    pub const SCOPE_PREP: u16 = 1 << 4;
    pub const SCOPE_NOUN: u16 = 1 << 5;
    pub const LABEL: u16 = 1 << 6;
    pub const TIME: u16 = 1 << 7;
    pub const AGE: u16 = 1 << 8;
    pub const PERSON: u16 = 1 << 9;
    pub const LINKER: u16 = 1 << 10;
    pub const REPORT: u16 = 1 << 11;
}

fn parse_class(name: &str) -> u16 {
    match name {
        "det" => class::DET,
        "stop" => class::STOP,
        "aux" => class::AUX,
        "adverb" => class::ADVERB,
        "scope_prep" => class::SCOPE_PREP,
        "scope_noun" => class::SCOPE_NOUN,
        "label" => class::LABEL,
        "time" => class::TIME,
        "age" => class::AGE,
        "person" => class::PERSON,
        "linker" => class::LINKER,
        "report" => class::REPORT,
        _ => 0,
    }
}

fn grammar_table() -> &'static HashMap<&'static str, u16> {
    static TABLE: OnceLock<HashMap<&'static str, u16>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: HashMap<&'static str, u16> = HashMap::new();
        for row in rows(GRAMMAR_TSV) {
            let (Some(word), Some(name)) = (row.first(), row.get(1)) else {
                continue;
            };
            *table.entry(word).or_insert(0) |= parse_class(name);
        }
        table
    })
}

/// The grammar classes of a lower-case word (a bit set of [`class`]).
pub(crate) fn word_classes(lower: &str) -> u16 {
    grammar_table().get(lower).copied().unwrap_or(0)
}

pub(crate) fn has_class(lower: &str, class_bit: u16) -> bool {
    word_classes(lower) & class_bit != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_qualifier_row_loads() {
        let rows_count = rows(QUALIFIERS_TSV).count();
        assert_eq!(qualifiers().len(), rows_count);
        assert!(qualifiers().iter().all(|entry| !entry.words.is_empty()));
    }

    #[test]
    fn every_number_word_row_loads() {
        for row in rows(NUMBER_WORDS_TSV) {
            let word = row.first().copied().unwrap_or("");
            let entry = number_word(word);
            assert!(entry.is_some(), "number word {word} did not load");
            if let Some(entry) = entry {
                if entry.kind == NumberWordKind::Vague
                    || entry.kind == NumberWordKind::VagueMultiplier
                {
                    assert!(entry.high.is_some_and(|high| high > entry.value), "{word}");
                }
            }
        }
    }

    #[test]
    fn every_unit_goal_and_grammar_row_loads() {
        assert_eq!(units().len(), rows(UNITS_TSV).count());
        assert_eq!(goal_cues().len(), rows(GOAL_CUES_TSV).count());
        for row in rows(GRAMMAR_TSV) {
            let (Some(word), Some(name)) = (row.first(), row.get(1)) else {
                panic!("bad grammar row {row:?}");
            };
            assert_ne!(parse_class(name), 0, "unknown class {name}");
            assert!(has_class(word, parse_class(name)), "{word} {name}");
        }
    }

    #[test]
    fn every_predicate_form_maps_to_its_lemma() {
        let table = predicates();
        for row in rows(PREDICATE_FAMILIES_TSV) {
            let lemma = row.first().copied().unwrap_or("");
            let family = row.get(1).copied().unwrap_or("");
            let forms = row.get(2).copied().unwrap_or("");
            for form in std::iter::once(lemma).chain(forms.split(',')) {
                let form_words: Vec<&str> = form.split_whitespace().collect();
                let found = if form_words.len() > 1 {
                    table
                        .multi
                        .iter()
                        .find(|(words, _)| *words == form_words)
                        .map(|(_, entry)| *entry)
                } else {
                    table.single.get(form).copied()
                };
                let entry = found.unwrap_or_else(|| panic!("form {form} missing"));
                // A form listed under two lemmas keeps the first; the family
                // must still be one of the rows that lists it.
                assert!(
                    entry.lemma == lemma
                        || rows(PREDICATE_FAMILIES_TSV)
                            .any(|other| other.first() == Some(&entry.lemma)),
                    "{form}"
                );
                if entry.lemma == lemma {
                    assert_eq!(entry.family, family);
                }
            }
        }
    }
}
