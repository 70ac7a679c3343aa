//! A name cut into words: honorifics, suffixes and particles handled,
//! hyphenated parts joined, each word folded.

use super::fold::{fold_word, plain_letters};
use super::tables::{particle, ParticleRole};

/// One word of a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameWord {
    /// As written, without surrounding punctuation ("Tse-tung", "V").
    pub written: String,
    /// Folded key (see [`fold_word`]).
    pub folded: String,
    /// A one-letter word or a letter with a period: "V.", "V", "J.-P.".
    pub initial: bool,
    /// Written in capitals, two letters or more ("NATO", "U.S.").
    pub capitals: bool,
    /// The gender its ending marks when it is a surname ("-ova", "-sky"),
    /// computed once: names are compared many times.
    pub surname_gender: Option<super::tables::Gender>,
}

impl NameWord {
    fn new(written: &str, folded: String) -> NameWord {
        let letters: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
        let initial = letters.len() == 1;
        let capitals = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
        NameWord {
            surname_gender: super::person::surname_gender(written),
            written: written.to_string(),
            folded,
            initial,
            capitals,
        }
    }

    /// The first letter of the word as written, lower case, diacritics
    /// dropped.
    pub fn first_letter(&self) -> Option<char> {
        plain_letters(&self.written).chars().next()
    }
}

fn trim_punctuation(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Drops a possessive ending ("Smith's", "Smith’s", "Williams'").
fn without_possessive(word: &str) -> &str {
    for ending in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = word.strip_suffix(ending) {
            return stem;
        }
    }
    word.strip_suffix('\'')
        .or_else(|| word.strip_suffix('’'))
        .unwrap_or(word)
}

/// Strips a prefix particle ("al-", "el-", "d'") from a word, when the
/// rest is a name.
fn strip_prefix_particle(word: &str) -> &str {
    for separator in ['-', '\'', '’'] {
        let Some(position) = word.find(separator) else {
            continue;
        };
        let head_with_separator = word.get(..position + separator.len_utf8()).unwrap_or("");
        let head_normalised = head_with_separator.to_lowercase().replace('’', "'");
        let is_prefix = particle(&head_normalised)
            .is_some_and(|particle| particle.role == ParticleRole::Prefix);
        let rest = word.get(position + separator.len_utf8()..).unwrap_or("");
        if is_prefix && rest.chars().any(char::is_alphabetic) {
            return rest;
        }
    }
    word
}

/// The words of a name, in order: honorifics ("Mr"), generational suffixes
/// ("Jr") and separate particles ("bin", "van") dropped; prefix particles
/// ("al-Assad") stripped; "Abd al-Rahman" joined into one word; hyphenated
/// parts joined ("Jong-un" is one word).
pub fn name_words(name: &str) -> Vec<NameWord> {
    let raw_words: Vec<&str> = name
        .split_whitespace()
        .map(|word| without_possessive(trim_punctuation(word)))
        .filter(|word| word.chars().any(char::is_alphabetic))
        .collect();
    let mut words: Vec<NameWord> = Vec::with_capacity(raw_words.len());
    let mut pending_join: Option<String> = None;
    let count = raw_words.len();
    for (position, raw) in raw_words.iter().enumerate() {
        let lower = raw.to_lowercase();
        let lower_bare = lower.trim_end_matches('.');
        if let Some(particle) = particle(lower_bare) {
            let is_last = position + 1 == count;
            match particle.role {
                ParticleRole::Honorific if words.is_empty() && !is_last => continue,
                ParticleRole::Suffix if is_last && !words.is_empty() => continue,
                // A particle keeps its place only as the last word ("Al").
                ParticleRole::Drop if !is_last => continue,
                ParticleRole::JoinNext if !is_last => {
                    pending_join = Some(particle.joined_form.clone());
                    continue;
                }
                _ => {}
            }
        }
        let bare = strip_prefix_particle(raw);
        let folded_parts: String = bare.split(['-', '‐']).map(fold_word).collect();
        let folded = match pending_join.take() {
            Some(joined_form) => format!("{joined_form}{folded_parts}"),
            None => folded_parts,
        };
        if folded.is_empty() {
            continue;
        }
        words.push(NameWord::new(bare, folded));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fuse::names::tables::tables;

    fn folded(name: &str) -> Vec<String> {
        name_words(name)
            .into_iter()
            .map(|word| word.folded)
            .collect()
    }

    #[test]
    fn every_particle_of_the_table_is_handled_as_its_role_says() {
        for particle in &tables().particles {
            let words = name_words(&particle.example);
            let lowered: Vec<String> = words
                .iter()
                .map(|word| word.written.to_lowercase())
                .collect();
            match particle.role {
                ParticleRole::Drop | ParticleRole::Honorific | ParticleRole::Suffix => {
                    assert!(
                        !lowered.contains(&particle.particle),
                        "{} kept in {:?}",
                        particle.particle,
                        particle.example
                    );
                }
                ParticleRole::Prefix => {
                    assert!(
                        words.iter().all(|word| !word
                            .written
                            .to_lowercase()
                            .replace('’', "'")
                            .starts_with(&particle.particle)),
                        "{} kept in {:?}",
                        particle.particle,
                        particle.example
                    );
                }
                ParticleRole::JoinNext => {
                    let first = words
                        .first()
                        .map(|word| word.folded.clone())
                        .unwrap_or_default();
                    assert!(
                        first.starts_with(&particle.joined_form),
                        "{}",
                        particle.example
                    );
                    assert_eq!(words.len(), 1, "{} joined", particle.example);
                }
            }
        }
    }

    #[test]
    fn arabic_compounds_fold_alike() {
        assert_eq!(folded("Abd al-Rahman"), folded("Abdul Rahman"));
        assert_eq!(folded("Abdulrahman"), folded("Abdel-Rahman"));
        assert_eq!(folded("Abdurrahman"), folded("Abdul Rahman"));
        assert_eq!(folded("Bashar al-Assad"), folded("Bashar el-Assad"));
        assert_eq!(folded("Bashar al-Assad"), folded("Bashar Assad"));
    }

    #[test]
    fn words_keep_initials_and_capitals() {
        let words = name_words("Dmitry A. Medvedev's");
        assert_eq!(words.len(), 3);
        assert!(words[1].initial);
        assert_eq!(words[2].written, "Medvedev");
        assert!(name_words("NATO")[0].capitals);
        assert_eq!(
            folded("Mr Henry Smith Jr."),
            vec!["henri".to_string(), "smit".to_string()]
        );
    }
}
