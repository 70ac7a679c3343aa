//! The word tables of the mention finder, loaded once from `data/`.
//!
//! Every lookup goes through a 64-bit hash of the case-folded word (curly
//! apostrophes folded to straight ones), so looking a token up allocates
//! nothing. Phrases are looked up by combining the hashes of their words
//! with [`phrase_key`], which lets a caller hash each token once and try
//! phrases of several lengths from the same hashes.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A hasher for keys that are hashes already: it passes them through.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*byte);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

/// A map keyed by word or phrase keys.
pub(super) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;
/// A set of word or phrase keys.
pub(super) type KeySet = HashSet<u64, BuildHasherDefault<KeyHasher>>;

const HONORIFICS: &str = include_str!("../../../data/honorifics.tsv");
const TITLES: &str = include_str!("../../../data/titles.tsv");
const TITLE_MODIFIERS: &str = include_str!("../../../data/title_modifiers.txt");
const GIVEN_NAMES: &str = include_str!("../../../data/given_names.tsv");
const PLACES: &str = include_str!("../../../data/places.tsv");
const ORGANISATION_WORDS: &str = include_str!("../../../data/organisation_words.tsv");
const PLACE_WORDS: &str = include_str!("../../../data/place_words.tsv");
const OTHER_WORDS: &str = include_str!("../../../data/other_words.tsv");
const COMMON_WORDS: &str = include_str!("../../../data/common_words.tsv");
const NAME_CONNECTORS: &str = include_str!("../../../data/name_connectors.tsv");
const MENTION_CUES: &str = include_str!("../../../data/mention_cues.tsv");
const DESCRIPTIVE_HEADS: &str = include_str!("../../../data/descriptive_heads.tsv");
const GROUP_WORDS: &str = include_str!("../../../data/group_words.tsv");
const COMPASS_WORDS: &str = include_str!("../../../data/compass_words.txt");
const SURNAME_HEADS: &str = include_str!("../../../data/surname_heads.txt");

/// The gazetteer id given to group adjectives ("Muslim"): a demonym with no
/// country.
pub(super) const NO_COUNTRY: u32 = u32::MAX;

/// Case-folding FNV-1a hasher over characters.
#[derive(Debug, Clone, Copy)]
pub(super) struct FoldHasher(u64);

impl FoldHasher {
    pub(super) fn new() -> Self {
        FoldHasher(0xcbf2_9ce4_8422_2325)
    }

    pub(super) fn push_char(&mut self, character: char) {
        let folded = match character {
            '\u{2019}' | '\u{2018}' | '\u{02bc}' | '`' => '\'',
            '\u{2010}' | '\u{2011}' => '-',
            other => other,
        };
        for lower in folded.to_lowercase() {
            let mut buffer = [0u8; 4];
            for byte in lower.encode_utf8(&mut buffer).bytes() {
                self.0 ^= u64::from(byte);
                self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
    }

    pub(super) fn finish(self) -> u64 {
        self.0
    }
}

/// Hash of a word, case-folded.
pub(super) fn fold_hash(word: &str) -> u64 {
    let mut hasher = FoldHasher::new();
    for character in word.chars() {
        hasher.push_char(character);
    }
    hasher.finish()
}

/// Key of a phrase from the hashes of its words, in order. The key of a
/// one-word phrase is the word's hash, so a single unit is looked up by its
/// own hash.
pub(super) fn phrase_key(word_hashes: impl IntoIterator<Item = u64>) -> u64 {
    let mut words = word_hashes.into_iter();
    let Some(mut key) = words.next() else {
        return 0x9e37_79b9_7f4a_7c15;
    };
    for word_hash in words {
        key = (key.rotate_left(7) ^ word_hash).wrapping_mul(0xff51_afd7_ed55_8ccd);
    }
    key
}

/// Key of a phrase written with spaces between its words.
pub(super) fn text_key(phrase: &str) -> u64 {
    phrase_key(phrase.split_whitespace().map(fold_hash))
}

/// Number of words of a phrase as the units see it.
fn word_count(phrase: &str) -> usize {
    phrase.split_whitespace().count()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    fn parse(field: &str) -> Gender {
        match field.trim() {
            "m" => Gender::Male,
            "f" => Gender::Female,
            _ => Gender::Unknown,
        }
    }

    /// False only when both are known and differ.
    pub(super) fn compatible(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct TitleEntry {
    pub(super) family: &'static str,
    pub(super) gender: Gender,
    /// "the TITLE" alone may stand for a person named earlier.
    pub(super) descriptive: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PlaceKind {
    Country,
    City,
    Region,
    Continent,
    State,
}

impl PlaceKind {
    fn parse(field: &str) -> Option<PlaceKind> {
        match field {
            "country" => Some(PlaceKind::Country),
            "city" => Some(PlaceKind::City),
            "region" => Some(PlaceKind::Region),
            "continent" => Some(PlaceKind::Continent),
            "state" => Some(PlaceKind::State),
            _ => None,
        }
    }

    pub(super) fn family(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::City => "city",
            PlaceKind::Region => "region",
            PlaceKind::Continent => "continent",
            PlaceKind::State => "state",
        }
    }
}

/// A place of the gazetteer: its id (line number) ties a country to its
/// demonyms and aliases.
#[derive(Debug, Clone, Copy)]
pub(super) struct PlaceEntry {
    pub(super) id: u32,
    pub(super) kind: PlaceKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CommonClass {
    /// Never part of a name.
    Function,
    /// Not a name at the start of a run.
    Starter,
    /// A day or month: dropped at either end of a run.
    Time,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Connector {
    /// "de", "van", "bin": inside personal and place names.
    Particle,
    /// "of", "for", "and", "&": after an organisation, place or event head.
    Of,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HeadPosition {
    Head,
    Prefix,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CueCategory {
    PlacePreposition,
    PersonVerb,
    PersonStrongVerb,
    OrganisationAfter,
    PlaceAfter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DescribedKind {
    Organisation,
    Place,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct DescriptiveHead {
    pub(super) kind: DescribedKind,
    pub(super) family: &'static str,
}

/// All tables, keyed by word or phrase key.
#[derive(Debug, Default)]
pub(super) struct Lexicon {
    pub(super) honorifics: KeyMap<Gender>,
    pub(super) titles: KeyMap<TitleEntry>,
    pub(super) title_max_words: usize,
    pub(super) title_modifiers: KeySet,
    pub(super) title_modifier_max_words: usize,
    pub(super) given_names: KeyMap<Gender>,
    pub(super) places: KeyMap<PlaceEntry>,
    pub(super) place_max_words: usize,
    pub(super) demonyms: KeyMap<u32>,
    pub(super) demonym_max_words: usize,
    pub(super) organisation_words: KeyMap<&'static str>,
    pub(super) place_heads: KeySet,
    pub(super) place_prefixes: KeySet,
    pub(super) other_heads: KeySet,
    pub(super) other_prefixes: KeySet,
    pub(super) other_max_words: usize,
    pub(super) common: KeyMap<CommonClass>,
    pub(super) connectors: KeyMap<Connector>,
    pub(super) cues: KeyMap<CueCategory>,
    pub(super) cue_max_words: usize,
    pub(super) descriptive_heads: KeyMap<DescriptiveHead>,
    pub(super) descriptive_max_words: usize,
    /// Capitalised words that are never a mention alone ("Internet", "II").
    pub(super) not_alone: KeySet,
    /// Words that make a place name of a place name ("South", "Greater").
    pub(super) compass: KeySet,
    /// Head words that are also surnames ("Hill", "Post").
    pub(super) surname_heads: KeySet,
}

/// The lexicon, built on first use.
pub(super) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::load)
}

/// The data lines of a table: no comments, no blank lines, fields split on
/// tabs.
fn rows(table: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    table
        .lines()
        .map(str::trim_end)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.split('\t').collect())
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lexicon = Lexicon::default();
        for row in rows(HONORIFICS) {
            if let [honorific, gender, ..] = row.as_slice() {
                lexicon
                    .honorifics
                    .insert(text_key(honorific), Gender::parse(gender));
            }
        }
        for row in rows(TITLES) {
            if let [title, family, gender, descriptive, ..] = row.as_slice() {
                lexicon.title_max_words = lexicon.title_max_words.max(word_count(title));
                lexicon.titles.insert(
                    text_key(title),
                    TitleEntry {
                        family,
                        gender: Gender::parse(gender),
                        descriptive: descriptive.trim() == "y",
                    },
                );
            }
        }
        for row in rows(TITLE_MODIFIERS) {
            if let [modifier, ..] = row.as_slice() {
                lexicon.title_modifier_max_words =
                    lexicon.title_modifier_max_words.max(word_count(modifier));
                lexicon.title_modifiers.insert(text_key(modifier));
            }
        }
        for row in rows(GIVEN_NAMES) {
            if let [name, gender, ..] = row.as_slice() {
                lexicon
                    .given_names
                    .insert(text_key(name), Gender::parse(gender));
            }
        }
        for (line_number, row) in rows(PLACES).enumerate() {
            let id = line_number as u32;
            let (kind, names, demonyms) = match row.as_slice() {
                [kind, names, demonyms, ..] => (*kind, *names, *demonyms),
                [kind, names] => (*kind, *names, ""),
                _ => continue,
            };
            let Some(kind) = PlaceKind::parse(kind) else {
                continue;
            };
            for name in names.split('|').filter(|name| !name.is_empty()) {
                lexicon.place_max_words = lexicon.place_max_words.max(word_count(name));
                lexicon
                    .places
                    .entry(text_key(name))
                    .or_insert(PlaceEntry { id, kind });
            }
            for demonym in demonyms.split('|').filter(|demonym| !demonym.is_empty()) {
                lexicon.demonym_max_words = lexicon.demonym_max_words.max(word_count(demonym));
                lexicon.demonyms.entry(text_key(demonym)).or_insert(id);
            }
        }
        for row in rows(ORGANISATION_WORDS) {
            if let [word, family, ..] = row.as_slice() {
                lexicon.organisation_words.insert(text_key(word), family);
            }
        }
        for row in rows(PLACE_WORDS) {
            if let [word, position, ..] = row.as_slice() {
                match parse_position(position) {
                    Some(HeadPosition::Head) => lexicon.place_heads.insert(text_key(word)),
                    Some(HeadPosition::Prefix) => lexicon.place_prefixes.insert(text_key(word)),
                    None => false,
                };
            }
        }
        for row in rows(OTHER_WORDS) {
            if let [word, position, ..] = row.as_slice() {
                lexicon.other_max_words = lexicon.other_max_words.max(word_count(word));
                match parse_position(position) {
                    Some(HeadPosition::Head) => lexicon.other_heads.insert(text_key(word)),
                    Some(HeadPosition::Prefix) => lexicon.other_prefixes.insert(text_key(word)),
                    None => false,
                };
            }
        }
        for row in rows(COMMON_WORDS) {
            if let [word, class, ..] = row.as_slice() {
                let class = match *class {
                    "function" => CommonClass::Function,
                    "starter" => CommonClass::Starter,
                    "time" => CommonClass::Time,
                    _ => continue,
                };
                lexicon.common.insert(text_key(word), class);
            }
        }
        for row in rows(NAME_CONNECTORS) {
            if let [word, kind, ..] = row.as_slice() {
                let kind = match *kind {
                    "particle" => Connector::Particle,
                    "of" => Connector::Of,
                    _ => continue,
                };
                lexicon.connectors.insert(text_key(word), kind);
            }
        }
        for row in rows(MENTION_CUES) {
            if let [category, phrase, ..] = row.as_slice() {
                let category = match *category {
                    "place_preposition" => CueCategory::PlacePreposition,
                    "person_verb" => CueCategory::PersonVerb,
                    "person_strong_verb" => CueCategory::PersonStrongVerb,
                    "organisation_after" => CueCategory::OrganisationAfter,
                    "place_after" => CueCategory::PlaceAfter,
                    _ => continue,
                };
                lexicon.cue_max_words = lexicon.cue_max_words.max(word_count(phrase));
                lexicon
                    .cues
                    .insert(cue_key(category, text_key(phrase)), category);
            }
        }
        for row in rows(DESCRIPTIVE_HEADS) {
            if let [noun, kind, family, ..] = row.as_slice() {
                let kind = match *kind {
                    "organisation" => DescribedKind::Organisation,
                    "place" => DescribedKind::Place,
                    _ => continue,
                };
                lexicon.descriptive_max_words = lexicon.descriptive_max_words.max(word_count(noun));
                lexicon
                    .descriptive_heads
                    .insert(text_key(noun), DescriptiveHead { kind, family });
            }
        }
        for row in rows(SURNAME_HEADS) {
            if let [word, ..] = row.as_slice() {
                lexicon.surname_heads.insert(text_key(word));
            }
        }
        for row in rows(COMPASS_WORDS) {
            if let [word, ..] = row.as_slice() {
                lexicon.compass.insert(text_key(word));
            }
        }
        for row in rows(GROUP_WORDS) {
            if let [word, class, ..] = row.as_slice() {
                match *class {
                    "group" => {
                        lexicon.demonyms.entry(text_key(word)).or_insert(NO_COUNTRY);
                    }
                    "not_alone" => {
                        lexicon.not_alone.insert(text_key(word));
                    }
                    _ => {}
                }
            }
        }
        lexicon
    }

    /// True when the phrase is a cue of `category`.
    pub(super) fn is_cue(&self, category: CueCategory, key: u64) -> bool {
        self.cues.contains_key(&cue_key(category, key))
    }
}

/// Cues of different categories may share a phrase ("group" is not one, but
/// a phrase may serve two roles): key them by category too.
fn cue_key(category: CueCategory, key: u64) -> u64 {
    phrase_key([category as u64, key])
}

fn parse_position(field: &str) -> Option<HeadPosition> {
    match field {
        "head" => Some(HeadPosition::Head),
        "prefix" => Some(HeadPosition::Prefix),
        _ => None,
    }
}

/// The first column of some tables, for tests that exercise every entry.
#[cfg(test)]
pub(super) mod tests_support {
    use super::{rows, HONORIFICS, TITLES, TITLE_MODIFIERS};

    fn first_column(table: &'static str) -> Vec<&'static str> {
        rows(table).filter_map(|row| row.first().copied()).collect()
    }

    pub(in super::super) fn honorific_rows() -> Vec<&'static str> {
        first_column(HONORIFICS)
    }

    pub(in super::super) fn title_rows() -> Vec<&'static str> {
        first_column(TITLES)
    }

    pub(in super::super) fn title_modifier_rows() -> Vec<&'static str> {
        first_column(TITLE_MODIFIERS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every data row of a table, as fields.
    fn table_rows(table: &'static str) -> Vec<Vec<&'static str>> {
        rows(table).collect()
    }

    #[test]
    fn hashing_folds_case_and_apostrophes() {
        assert_eq!(fold_hash("O’Brien"), fold_hash("o'brien"));
        assert_eq!(fold_hash("BANK"), fold_hash("bank"));
        assert_ne!(fold_hash("bank"), fold_hash("banks"));
        assert_eq!(text_key("Prime  Minister"), text_key("prime minister"));
        assert_ne!(text_key("prime minister"), text_key("minister prime"));
    }

    #[test]
    fn every_honorific_is_loaded_with_and_without_case() {
        let lexicon = lexicon();
        let rows = table_rows(HONORIFICS);
        assert!(rows.len() >= 30);
        for row in rows {
            assert_eq!(row.len(), 2, "{row:?}");
            assert!(
                lexicon.honorifics.contains_key(&text_key(row[0])),
                "{row:?}"
            );
            assert!(
                lexicon
                    .honorifics
                    .contains_key(&text_key(&row[0].to_uppercase())),
                "{row:?}"
            );
            assert!(matches!(row[1], "m" | "f" | "-"), "{row:?}");
        }
    }

    #[test]
    fn every_title_is_loaded_with_its_family() {
        let lexicon = lexicon();
        let rows = table_rows(TITLES);
        assert!(rows.len() >= 250);
        for row in rows {
            assert_eq!(row.len(), 4, "{row:?}");
            let entry = lexicon.titles.get(&text_key(row[0]));
            let entry = entry.unwrap_or_else(|| panic!("title not loaded: {row:?}"));
            assert_eq!(entry.family, row[1]);
            assert_eq!(entry.descriptive, row[3] == "y", "{row:?}");
            assert!(matches!(row[3], "y" | "n"), "{row:?}");
            assert!(row[0].split_whitespace().count() <= lexicon.title_max_words);
        }
    }

    #[test]
    fn every_title_modifier_given_name_and_common_word_is_loaded() {
        let lexicon = lexicon();
        for row in table_rows(TITLE_MODIFIERS) {
            assert!(
                lexicon.title_modifiers.contains(&text_key(row[0])),
                "{row:?}"
            );
        }
        let given = table_rows(GIVEN_NAMES);
        assert!(given.len() >= 1000);
        for row in given {
            assert_eq!(row.len(), 2, "{row:?}");
            assert!(
                lexicon.given_names.contains_key(&text_key(row[0])),
                "{row:?}"
            );
            // A given name is not also a closed-class word.
            assert!(!lexicon.common.contains_key(&text_key(row[0])), "{row:?}");
        }
        for row in table_rows(COMMON_WORDS) {
            assert_eq!(row.len(), 2, "{row:?}");
            assert!(lexicon.common.contains_key(&text_key(row[0])), "{row:?}");
        }
    }

    #[test]
    fn every_place_and_demonym_is_loaded_and_ties_to_its_country() {
        let lexicon = lexicon();
        let rows = table_rows(PLACES);
        assert!(rows.len() >= 550);
        for (line, row) in rows.iter().enumerate() {
            assert!(row.len() == 2 || row.len() == 3, "{row:?}");
            assert!(PlaceKind::parse(row[0]).is_some(), "{row:?}");
            let canonical = row[1].split('|').next().unwrap_or("");
            let entry = lexicon.places.get(&text_key(canonical));
            let entry = entry.unwrap_or_else(|| panic!("place not loaded: {row:?}"));
            assert_eq!(entry.id, line as u32, "{row:?} shadowed by an earlier row");
            for alias in row[1].split('|') {
                assert!(lexicon.places.contains_key(&text_key(alias)), "{alias}");
            }
            for demonym in row
                .get(2)
                .unwrap_or(&"")
                .split('|')
                .filter(|d| !d.is_empty())
            {
                assert!(
                    lexicon.demonyms.contains_key(&text_key(demonym)),
                    "{demonym}"
                );
            }
        }
        let moldova = lexicon
            .places
            .get(&text_key("Moldova"))
            .map(|entry| entry.id);
        assert_eq!(
            lexicon.demonyms.get(&text_key("Moldovan")).copied(),
            moldova
        );
        let kenya = lexicon.places.get(&text_key("Kenya")).map(|entry| entry.id);
        assert_eq!(lexicon.demonyms.get(&text_key("Kenyan")).copied(), kenya);
        assert_eq!(
            lexicon.places.get(&text_key("U.S.")).map(|entry| entry.id),
            lexicon
                .places
                .get(&text_key("United States"))
                .map(|entry| entry.id)
        );
    }

    #[test]
    fn every_head_word_connector_cue_and_descriptive_head_is_loaded() {
        let lexicon = lexicon();
        for row in table_rows(ORGANISATION_WORDS) {
            assert_eq!(row.len(), 2, "{row:?}");
            assert_eq!(
                lexicon.organisation_words.get(&text_key(row[0])).copied(),
                Some(row[1]),
                "{row:?}"
            );
        }
        for row in table_rows(PLACE_WORDS) {
            let set = match parse_position(row[1]) {
                Some(HeadPosition::Head) => &lexicon.place_heads,
                Some(HeadPosition::Prefix) => &lexicon.place_prefixes,
                None => panic!("bad position: {row:?}"),
            };
            assert!(set.contains(&text_key(row[0])), "{row:?}");
        }
        for row in table_rows(OTHER_WORDS) {
            let set = match parse_position(row[1]) {
                Some(HeadPosition::Head) => &lexicon.other_heads,
                Some(HeadPosition::Prefix) => &lexicon.other_prefixes,
                None => panic!("bad position: {row:?}"),
            };
            assert!(set.contains(&text_key(row[0])), "{row:?}");
        }
        for row in table_rows(NAME_CONNECTORS) {
            assert!(
                lexicon.connectors.contains_key(&text_key(row[0])),
                "{row:?}"
            );
        }
        for row in table_rows(MENTION_CUES) {
            let category = match row[0] {
                "place_preposition" => CueCategory::PlacePreposition,
                "person_verb" => CueCategory::PersonVerb,
                "person_strong_verb" => CueCategory::PersonStrongVerb,
                "organisation_after" => CueCategory::OrganisationAfter,
                "place_after" => CueCategory::PlaceAfter,
                other => panic!("bad cue category {other}"),
            };
            assert!(lexicon.is_cue(category, text_key(row[1])), "{row:?}");
        }
        for row in table_rows(SURNAME_HEADS) {
            assert!(lexicon.surname_heads.contains(&text_key(row[0])), "{row:?}");
        }
        for row in table_rows(COMPASS_WORDS) {
            assert!(lexicon.compass.contains(&text_key(row[0])), "{row:?}");
        }
        for row in table_rows(GROUP_WORDS) {
            assert_eq!(row.len(), 2, "{row:?}");
            match row[1] {
                "group" => assert_eq!(
                    lexicon.demonyms.get(&text_key(row[0])).copied(),
                    Some(NO_COUNTRY),
                    "{row:?}"
                ),
                "not_alone" => assert!(lexicon.not_alone.contains(&text_key(row[0])), "{row:?}"),
                other => panic!("bad class {other}"),
            }
        }
        for row in table_rows(DESCRIPTIVE_HEADS) {
            assert_eq!(row.len(), 3, "{row:?}");
            let head = lexicon.descriptive_heads.get(&text_key(row[0]));
            assert_eq!(head.map(|head| head.family), Some(row[2]), "{row:?}");
        }
    }
}
