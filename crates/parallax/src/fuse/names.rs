//! Names as language: folding spellings and transliterations to comparable
//! keys, and telling when two names cannot be one person.
//!
//! Takes names as written; gives folded keys and decisions. Folding
//! (`fold`) lowers case, romanises Cyrillic and Greek, drops diacritics
//! (NFKD) and applies the ordered transliteration rules of
//! `data/transliteration.tsv`; the consonant skeleton and vowel-class key
//! tolerate vowel reduction. People (`person`) are compared surname first,
//! with gendered surname forms and given names (equivalence table, initials,
//! loose phonetic match) able to refuse a merge. Organisations and places
//! (`org`) are compared by acronym, equivalence table and word by word.
//! Promises: pure functions of their input and the data tables; no panic
//! on any input.

pub mod fold;
pub mod org;
pub mod person;
pub mod tables;
pub mod words;

pub use fold::{
    fold_phrase, fold_word, loose_skeleton, metaphone, similarity, skeleton, vowel_class_key,
};
pub use org::{is_last_word_of, org_match, same_org, OrgMatch, OrgName};
pub use person::{
    compare_people, given_names_compatible, surname_fits, surname_gender, surnames_match,
    GivenMatch, PersonMatch, PersonName,
};
pub use tables::Gender;
pub use words::{name_words, NameWord};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn folding_and_comparing_never_panic(a in "\\PC{0,40}", b in "\\PC{0,40}") {
            let folded = fold_word(&a);
            prop_assert!(folded.bytes().all(|byte| byte.is_ascii_lowercase()));
            let _ = skeleton(&folded);
            let _ = compare_people(&PersonName::parse(&a), &PersonName::parse(&b));
            let _ = same_org(&OrgName::parse(&a), &OrgName::parse(&b));
        }
    }
}
