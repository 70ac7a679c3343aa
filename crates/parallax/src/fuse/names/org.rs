//! Names of organisations and places: acronyms and their expansions,
//! equivalent names from `data/org_equivalents.tsv`, and spellings
//! compared word by word (Zviazda, Zvyazda). A country, its airline and its
//! broadcaster stay apart: word counts must agree, and single words need
//! the same consonant skeleton.

use super::fold::{fold_phrase, plain_letters, similarity, skeleton, vowel_class_key};
use super::tables::tables;
use super::words::{name_words, NameWord};

/// Similarity two words with the same consonant skeleton need to count as
/// one word spelled differently, when their vowel classes differ.
pub const WORD_SIMILARITY: f64 = 0.9;

/// Words skipped when forming initials ("Organisation of ... Countries").
const FUNCTION_WORDS: [&str; 12] = [
    "of", "the", "and", "for", "in", "on", "at", "et", "und", "&", "to", "a",
];

/// An organisation's or place's name, ready for comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgName {
    pub words: Vec<NameWord>,
    /// The folded words joined by spaces.
    pub joined: String,
    /// For a name written in capitals as one word ("NATO", "U.S."): its
    /// letters in lower case.
    pub acronym: Option<String>,
    /// First letters of the significant words of a name of two or more.
    pub initials: Option<String>,
    /// Groups of the equivalence table the name is in.
    pub groups: Vec<u32>,
}

impl OrgName {
    pub fn parse(name: &str) -> OrgName {
        let mut words = name_words(name);
        if words
            .first()
            .is_some_and(|word| word.written.eq_ignore_ascii_case("the"))
        {
            words.remove(0);
        }
        let joined = words
            .iter()
            .map(|word| word.folded.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let acronym = match words.as_slice() {
            [only] if only.capitals => Some(plain_letters(&only.written)),
            _ => None,
        };
        let significant: Vec<char> = name
            .split_whitespace()
            .filter(|word| !FUNCTION_WORDS.contains(&word.to_lowercase().as_str()))
            .filter_map(|word| plain_letters(word).chars().next())
            .collect();
        let initials = (significant.len() >= 2).then(|| significant.into_iter().collect());
        let groups = tables()
            .org_index
            .get(&fold_phrase(name))
            .cloned()
            .unwrap_or_default();
        OrgName {
            words,
            joined,
            acronym,
            initials,
            groups,
        }
    }
}

/// True when two words of organisation or place names are one word spelled
/// in two ways.
fn words_match(a: &NameWord, b: &NameWord) -> bool {
    if a.folded == b.folded {
        return true;
    }
    let shortest = a.folded.len().min(b.folded.len());
    if shortest >= 3 && vowel_class_key(&a.folded) == vowel_class_key(&b.folded) {
        return true;
    }
    let skeleton_a = skeleton(&a.folded);
    skeleton_a.len() >= 3
        && skeleton_a == skeleton(&b.folded)
        && a.folded.len().abs_diff(b.folded.len()) <= 1
        && similarity(&a.folded, &b.folded) >= WORD_SIMILARITY
}

fn acronym_of(acronym: Option<&String>, initials: Option<&String>) -> bool {
    matches!((acronym, initials), (Some(acronym), Some(initials)) if acronym == initials)
}

/// How two organisation or place names were found to name one thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OrgMatch {
    /// The same words once folded.
    Same,
    /// Names of one group of the equivalence table.
    Equivalent,
    /// An acronym and its expansion.
    Acronym,
    /// The same number of words, each spelled alike.
    Spelling,
}

/// How two organisation or place names name one thing, if they do.
pub fn org_match(a: &OrgName, b: &OrgName) -> Option<OrgMatch> {
    if a.joined.is_empty() || b.joined.is_empty() {
        return None;
    }
    if a.joined == b.joined {
        return Some(OrgMatch::Same);
    }
    if a.groups.iter().any(|group| b.groups.contains(group)) {
        return Some(OrgMatch::Equivalent);
    }
    if acronym_of(a.acronym.as_ref(), b.initials.as_ref())
        || acronym_of(b.acronym.as_ref(), a.initials.as_ref())
    {
        return Some(OrgMatch::Acronym);
    }
    if a.acronym.is_some() || b.acronym.is_some() {
        // An acronym matches only its expansion or itself.
        return None;
    }
    let spelled_alike = a.words.len() == b.words.len()
        && a.words
            .iter()
            .zip(&b.words)
            .all(|(word_a, word_b)| words_match(word_a, word_b));
    spelled_alike.then_some(OrgMatch::Spelling)
}

/// True when two organisation or place names name one thing.
pub fn same_org(a: &OrgName, b: &OrgName) -> bool {
    org_match(a, b).is_some()
}

/// True when a one-word name can be the short form of a longer name by its
/// last word ("Saints" for "New Orleans Saints"): the words folded alike.
/// For organisations and teams only; places are not named by their last
/// word (Sudan is not South Sudan).
pub fn is_last_word_of(short: &OrgName, long: &OrgName) -> bool {
    match (short.words.as_slice(), long.words.last()) {
        ([only], Some(last)) if long.words.len() >= 2 && short.acronym.is_none() => {
            only.folded == last.folded
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        same_org(&OrgName::parse(a), &OrgName::parse(b))
    }

    #[test]
    fn every_equivalence_group_joins_its_names() {
        for group in &tables().org_groups {
            let Some(head) = group.first() else { continue };
            for name in group {
                assert!(same(head, name), "{head} / {name}");
            }
        }
    }

    #[test]
    fn acronyms_join_their_expansions_only() {
        assert!(same("NATO", "North Atlantic Treaty Organization"));
        assert!(same(
            "OSCE",
            "Organization for Security and Co-operation in Europe"
        ));
        assert!(same("the U.S.", "US"));
        assert!(!same("ETV", "Estonia"));
        assert!(!same("NATO", "NAFTA"));
    }

    #[test]
    fn a_last_word_can_stand_for_a_long_name() {
        let long = OrgName::parse("Harbour City Sharks");
        assert!(is_last_word_of(&OrgName::parse("Sharks"), &long));
        assert!(is_last_word_of(&OrgName::parse("Sharks'"), &long));
        assert!(!is_last_word_of(&OrgName::parse("City"), &long));
        assert!(!is_last_word_of(&OrgName::parse("HCS"), &long));
        assert_eq!(
            org_match(&OrgName::parse("HCS"), &long),
            Some(OrgMatch::Acronym)
        );
    }

    #[test]
    fn look_alike_names_of_different_things_stay_apart() {
        assert!(!same("Estonia", "Estonian Air"));
        assert!(!same("Estonia", "Estonian"));
        assert!(!same("Austria", "Australia"));
        assert!(!same("Niger", "Nigeria"));
        assert!(same("Zviazda", "Zvyazda"));
    }
}
