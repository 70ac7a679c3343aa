//! People's names: given names and surnames, compared as language.
//!
//! Two full names name one person when their surnames match (folded
//! spelling, or a consonant skeleton with tolerance for vowels), their
//! gendered surname forms agree (Tikhonov is not Tikhonova), and their given
//! names are compatible (the same name folded, an equivalent from
//! `data/given_names_equivalent.tsv`, an initial, or a loose phonetic
//! match). Given names are compatible, never proof: the surname decides.

use super::fold::{
    loose_skeleton, metaphone_agrees, plain_letters, similarity, skeleton, vowel_class_key,
};
use super::tables::{tables, Gender};
use super::words::{name_words, NameWord};

/// Jaro-Winkler similarity two surnames with the same consonant skeleton
/// (three classes or more) need when their vowels differ beyond the vowel
/// classes (a/o, e/i/y, u): one vowel changed in a name of five letters or
/// more passes (Zelenskiy/Zelenskyy-like and misspelt names), two vowels
/// changed in a short name do not (Mohamed/Muhamad as surnames: the given
/// name table joins them as given names). See the tests.
pub const SKELETON_SIMILARITY: f64 = 0.84;
/// Similarity two surnames with different skeletons need, with Double
/// Metaphone agreeing, to count as one spelled differently (typos and
/// conventions the rules miss: Klitschko/Klichko).
pub const TYPO_SIMILARITY: f64 = 0.93;
/// Similarity two given names need to count as one misspelled.
pub const GIVEN_NAME_SIMILARITY: f64 = 0.92;

/// A person's name, read as given names and a surname.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName {
    pub words: Vec<NameWord>,
    /// The family name comes first ("Mao Zedong", "Kim Jong-un").
    pub family_first: bool,
}

/// What two people's names tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonMatch {
    /// Surnames match and the first given names are compatible names.
    Same,
    /// Nothing contradicts, but one side has only initials or no given
    /// name: one person only if no other candidate fits.
    Compatible,
    /// Two people (or not comparable).
    Different,
}

/// How two given names relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GivenMatch {
    /// One name, spelled alike once folded, or a close variant.
    Same,
    /// Names of one group of the equivalence table (Bill, William).
    Equivalent,
    /// An initial and a name that starts with it.
    Initial,
    Incompatible,
}

impl GivenMatch {
    pub fn is_compatible(self) -> bool {
        self != GivenMatch::Incompatible
    }
}

impl PersonName {
    pub fn parse(name: &str) -> PersonName {
        let mut words = name_words(name);
        let family_first = is_family_name_first(&words);
        if family_first && words.len() > 2 {
            // "Kim Jong Un" and "Kim Jong-un": one given name.
            let given: Vec<NameWord> = words.split_off(1);
            let written = given
                .iter()
                .map(|word| word.written.as_str())
                .collect::<Vec<_>>()
                .join("-");
            let folded: String = given.iter().map(|word| word.folded.as_str()).collect();
            words.push(NameWord {
                surname_gender: surname_gender(&written),
                written,
                folded,
                initial: false,
                capitals: false,
            });
        }
        PersonName {
            words,
            family_first,
        }
    }

    /// The surname: the last word, or the first for family-name-first names.
    pub fn surname(&self) -> Option<&NameWord> {
        if self.family_first {
            self.words.first()
        } else {
            self.words.last()
        }
    }

    /// The given names (and middle names or initials), in order.
    pub fn given(&self) -> &[NameWord] {
        match self.words.len() {
            0 | 1 => &[],
            count if self.family_first => self.words.get(1..count).unwrap_or(&[]),
            count => self.words.get(..count - 1).unwrap_or(&[]),
        }
    }

    /// True when the name has a given name spelled out (not only initials).
    pub fn has_given_name(&self) -> bool {
        self.given().first().is_some_and(|word| !word.initial)
    }

    /// Words that can stand alone for the surname, best first: the surname,
    /// then the first of a double surname ("García" of "Gabriel García
    /// Márquez"), or for family-name-first names the last word (in case the
    /// name was Western after all).
    pub fn surname_candidates(&self) -> Vec<&NameWord> {
        let mut candidates: Vec<&NameWord> = Vec::new();
        if let Some(surname) = self.surname() {
            candidates.push(surname);
        }
        let count = self.words.len();
        if self.family_first {
            if let Some(last) = self.words.last().filter(|_| count >= 2) {
                candidates.push(last);
            }
        } else if count >= 3 {
            if let Some(first_surname) = self.words.get(count - 2).filter(|word| !word.initial) {
                candidates.push(first_surname);
            }
        }
        candidates
    }
}

/// True when a name's first word is a family name of a family-name-first
/// language and its last word is not.
fn is_family_name_first(words: &[NameWord]) -> bool {
    if !(2..=4).contains(&words.len()) || words.iter().any(|word| word.initial) {
        return false;
    }
    let index = &tables().family_name_index;
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    index.contains_key(&first.folded) && !index.contains_key(&last.folded)
}

/// The gender a surname's ending marks, if any (Ivanova feminine, Kowalski
/// masculine, Shevchenko neither).
pub fn surname_gender(written: &str) -> Option<Gender> {
    let lower = written.to_lowercase();
    let plain = plain_letters(written);
    for ending in &tables().gendered_endings {
        for form in [&lower, &plain] {
            let Some(stem) = form.strip_suffix(ending.ending.as_str()) else {
                continue;
            };
            if stem.chars().count() >= 3 {
                return Some(ending.gender);
            }
        }
    }
    None
}

fn genders_clash(a: &NameWord, b: &NameWord) -> bool {
    matches!(
        (a.surname_gender, b.surname_gender),
        (Some(first), Some(second)) if first != second
    )
}

fn share_family_group(a: &NameWord, b: &NameWord) -> bool {
    let index = &tables().family_name_index;
    match (index.get(&a.folded), index.get(&b.folded)) {
        (Some(groups_a), Some(groups_b)) => groups_a.iter().any(|group| groups_b.contains(group)),
        _ => false,
    }
}

/// True when two surnames (one word each) can be one surname spelled in two
/// ways, and their gendered forms agree.
pub fn surnames_match(a: &NameWord, b: &NameWord) -> bool {
    if a.folded.is_empty() || b.folded.is_empty() || a.initial || b.initial {
        return false;
    }
    if genders_clash(a, b) {
        return false;
    }
    if a.folded == b.folded || share_family_group(a, b) {
        return true;
    }
    let shortest = a.folded.len().min(b.folded.len());
    let skeleton_a = skeleton(&a.folded);
    let skeleton_b = skeleton(&b.folded);
    if skeleton_a == skeleton_b {
        if shortest >= 4 && vowel_class_key(&a.folded) == vowel_class_key(&b.folded) {
            return true;
        }
        return skeleton_a.len() >= 3 && similarity(&a.folded, &b.folded) >= SKELETON_SIMILARITY;
    }
    shortest >= 6
        && similarity(&a.folded, &b.folded) >= TYPO_SIMILARITY
        && metaphone_agrees(&a.folded, &b.folded)
}

fn share_given_group(a: &str, b: &str) -> bool {
    let index = &tables().given_name_index;
    match (index.get(a), index.get(b)) {
        (Some(groups_a), Some(groups_b)) => groups_a.iter().any(|group| groups_b.contains(group)),
        _ => false,
    }
}

/// True when a folded given name ends like a feminine form (-a, -ia):
/// Yevgenia, not Yevgeny.
fn ends_feminine(folded: &str) -> bool {
    folded.ends_with('a')
}

/// How two given names (one word each) relate.
pub fn given_names_compatible(a: &NameWord, b: &NameWord) -> GivenMatch {
    if a.initial || b.initial {
        let letters_agree = a.first_letter() == b.first_letter()
            || a.folded.chars().next() == b.folded.chars().next();
        return if letters_agree {
            GivenMatch::Initial
        } else {
            GivenMatch::Incompatible
        };
    }
    if a.folded.is_empty() || b.folded.is_empty() {
        return GivenMatch::Incompatible;
    }
    if a.folded == b.folded {
        return GivenMatch::Same;
    }
    if share_given_group(&a.folded, &b.folded) {
        return GivenMatch::Equivalent;
    }
    if ends_feminine(&a.folded) != ends_feminine(&b.folded) {
        return GivenMatch::Incompatible;
    }
    let loose_a = loose_skeleton(&a.folded);
    let loose_b = loose_skeleton(&b.folded);
    if loose_a == loose_b {
        if loose_a.len() >= 3 {
            return GivenMatch::Same;
        }
        if vowel_class_key(&a.folded) == vowel_class_key(&b.folded) {
            return GivenMatch::Same;
        }
    }
    let same_start = a.folded.chars().next() == b.folded.chars().next();
    if same_start && similarity(&a.folded, &b.folded) >= GIVEN_NAME_SIMILARITY {
        return GivenMatch::Same;
    }
    GivenMatch::Incompatible
}

/// Given names of family-name-first languages: syllables romanised in
/// several systems (Zedong, Tse-tung; Jong-un, Jong Eun). One name when
/// the loose consonant skeletons agree.
fn family_first_given_match(a: &NameWord, b: &NameWord) -> bool {
    if a.folded == b.folded {
        return true;
    }
    let loose_a = loose_skeleton(&a.folded);
    !loose_a.is_empty() && loose_a == loose_skeleton(&b.folded)
}

/// Compares two people's names.
pub fn compare_people(a: &PersonName, b: &PersonName) -> PersonMatch {
    let (Some(surname_a), Some(surname_b)) = (a.surname(), b.surname()) else {
        return PersonMatch::Different;
    };
    if a.family_first && b.family_first {
        if !(surnames_match(surname_a, surname_b) || share_family_group(surname_a, surname_b)) {
            return PersonMatch::Different;
        }
        return match (a.given().first(), b.given().first()) {
            (Some(given_a), Some(given_b)) => {
                if family_first_given_match(given_a, given_b) {
                    PersonMatch::Same
                } else {
                    PersonMatch::Different
                }
            }
            _ => PersonMatch::Compatible,
        };
    }
    if a.family_first != b.family_first {
        // Read both the Western way: a misdetected order must still match
        // the same name written alike.
        let western_a = PersonName {
            words: a.words.clone(),
            family_first: false,
        };
        let western_b = PersonName {
            words: b.words.clone(),
            family_first: false,
        };
        if a.words.len() == b.words.len() {
            return compare_western(&western_a, &western_b);
        }
        return PersonMatch::Different;
    }
    compare_western(a, b)
}

fn compare_western(a: &PersonName, b: &PersonName) -> PersonMatch {
    let (Some(surname_a), Some(surname_b)) = (a.surname(), b.surname()) else {
        return PersonMatch::Different;
    };
    let (given_a, given_b): (&[NameWord], &[NameWord]) = if surnames_match(surname_a, surname_b) {
        (a.given(), b.given())
    } else if let Some(given_a) = double_surname_alignment(a, surname_b) {
        // "Gabriel García Márquez" and "Gabriel García".
        (given_a, b.given())
    } else if let Some(given_b) = double_surname_alignment(b, surname_a) {
        (a.given(), given_b)
    } else {
        return PersonMatch::Different;
    };
    let (Some(first_a), Some(first_b)) = (given_a.first(), given_b.first()) else {
        return PersonMatch::Compatible;
    };
    let first = given_names_compatible(first_a, first_b);
    if !first.is_compatible() {
        return PersonMatch::Different;
    }
    // Middle names and initials, where both have them, must agree too
    // ("George W." is not "George H. W.").
    for (middle_a, middle_b) in given_a.iter().skip(1).zip(given_b.iter().skip(1)) {
        if !given_names_compatible(middle_a, middle_b).is_compatible() {
            return PersonMatch::Different;
        }
    }
    if first == GivenMatch::Initial {
        PersonMatch::Compatible
    } else {
        PersonMatch::Same
    }
}

/// When `long` has a double surname whose first part matches `surname`:
/// the given names before it.
fn double_surname_alignment<'name>(
    long: &'name PersonName,
    surname: &NameWord,
) -> Option<&'name [NameWord]> {
    let count = long.words.len();
    if count < 3 || long.family_first {
        return None;
    }
    let first_surname = long.words.get(count - 2)?;
    if first_surname.initial || first_surname.folded != surname.folded {
        return None;
    }
    long.words.get(..count - 2)
}

/// Whether a one-word name (a surname used alone, or a mononym) can stand
/// for `full`: `Some(rank)` with 0 for the surname itself, 1 for a weaker
/// reading (the first part of a double surname), `None` when it cannot.
pub fn surname_fits(word: &NameWord, full: &PersonName) -> Option<usize> {
    for (rank, candidate) in full.surname_candidates().into_iter().enumerate() {
        if surnames_match(word, candidate) {
            return Some(rank);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> PersonMatch {
        compare_people(&PersonName::parse(a), &PersonName::parse(b))
    }

    fn word(text: &str) -> NameWord {
        name_words(text)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no word in {text}"))
    }

    #[test]
    fn every_gendered_ending_marks_its_example() {
        for ending in &tables().gendered_endings {
            assert_eq!(
                surname_gender(&ending.example),
                Some(ending.gender),
                "ending {} on {}",
                ending.ending,
                ending.example
            );
        }
        assert_eq!(surname_gender("Shevchenko"), None);
    }

    #[test]
    fn every_given_name_group_is_compatible_within_itself() {
        for group in &tables().given_name_groups {
            let Some(head) = group.first() else { continue };
            for name in group {
                assert!(
                    given_names_compatible(&word(head), &word(name)).is_compatible(),
                    "{head} / {name}"
                );
            }
        }
    }

    #[test]
    fn every_family_name_first_spelling_reads_family_first() {
        for group in &tables().family_name_groups {
            let Some(head) = group.first() else { continue };
            for name in group {
                let parsed = PersonName::parse(&format!("{name} Xyzqwe"));
                assert!(parsed.family_first, "{name}");
                assert!(surnames_match(&word(head), &word(name)), "{head} / {name}");
            }
        }
    }

    #[test]
    fn thresholds_join_spellings_and_refuse_other_names() {
        assert!(surnames_match(&word("Gorbachev"), &word("Gorbachyov")));
        assert!(!surnames_match(&word("Mohamed"), &word("Muhamad")));
        assert!(surnames_match(&word("Yaroshenko"), &word("Yarashenka")));
        assert!(surnames_match(&word("Kazlouskaya"), &word("Kozlovskaya")));
        assert!(!surnames_match(&word("Petrov"), &word("Pavlov")));
        assert!(!surnames_match(&word("Tikhonov"), &word("Tikhonova")));
    }

    #[test]
    fn people_are_compared_by_surname_then_given_names() {
        assert_eq!(same("Ivan Petrov", "Pavel Petrov"), PersonMatch::Different);
        assert_eq!(
            same("Dmitry Medvedev", "Dmitry A. Medvedev"),
            PersonMatch::Same
        );
        assert_eq!(
            same("D. Medvedev", "Dmitry Medvedev"),
            PersonMatch::Compatible
        );
        assert_eq!(
            same("George W. Bush", "George H. W. Bush"),
            PersonMatch::Different
        );
        assert_eq!(same("Mao Tse-tung", "Mao Zedong"), PersonMatch::Same);
        assert_eq!(same("Kim Jong-un", "Kim Jong-il"), PersonMatch::Different);
        assert_eq!(
            same("Gabriel García Márquez", "Gabriel Garcia"),
            PersonMatch::Same
        );
    }
}
