//! Folding one word of a name to comparable keys.
//!
//! `fold_word` lowers the case, romanises Cyrillic and Greek letters, drops
//! diacritics (Unicode NFKD) and applies the ordered transliteration rules
//! of `data/transliteration.tsv`. From the folded word come two coarser
//! keys: the consonant skeleton (consonants in classes, vowels dropped) and
//! the vowel-class key (the skeleton with vowels in three classes: a/o,
//! e/i/y, u), which tolerates Belarusian akanye (Karatkava, Korotkova)
//! and the Cyrillic е/ё/и spellings.

use super::tables::{tables, RuleContext, TransliterationRule};
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

fn is_vowel(byte: u8) -> bool {
    matches!(byte, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Lower case, letters romanised, diacritics dropped: only `a`-`z` remain.
pub(crate) fn letters_only_with(letters: &HashMap<char, String>, word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for upper in word.chars() {
        for lower in upper.to_lowercase() {
            if let Some(latin) = letters.get(&lower) {
                out.push_str(latin);
                continue;
            }
            if lower.is_ascii_lowercase() {
                out.push(lower);
                continue;
            }
            for part in std::iter::once(lower).nfkd() {
                if let Some(latin) = letters.get(&part) {
                    out.push_str(latin);
                } else if part.is_ascii_alphabetic() {
                    out.push(part.to_ascii_lowercase());
                }
            }
        }
    }
    out
}

/// Whether `rule` may rewrite `word[start..start + rule.from.len()]`.
fn context_allows(word: &[u8], start: usize, length: usize, context: RuleContext) -> bool {
    let end = start + length;
    let before = start
        .checked_sub(1)
        .and_then(|index| word.get(index))
        .copied();
    let after = word.get(end).copied();
    match context {
        RuleContext::Anywhere => true,
        RuleContext::Start => start == 0,
        RuleContext::End => end == word.len(),
        RuleContext::AfterVowel => before.is_some_and(is_vowel),
        RuleContext::AfterConsonant => before.is_some_and(|byte| !is_vowel(byte)),
        RuleContext::BeforeVowel => after.is_some_and(is_vowel),
        RuleContext::BeforeConsonant => after.is_some_and(|byte| !is_vowel(byte)),
        RuleContext::StartBeforeConsonant => {
            start == 0 && after.is_some_and(|byte| !is_vowel(byte))
        }
        RuleContext::StartBeforeVowel => start == 0 && after.is_some_and(is_vowel),
        RuleContext::BeforeFrontVowel => {
            after.is_some_and(|byte| matches!(byte, b'e' | b'i' | b'y'))
        }
    }
}

/// Applies one rule to a folded (ASCII) word, left to right.
pub(crate) fn apply_rule(word: &str, rule: &TransliterationRule) -> String {
    let bytes = word.as_bytes();
    let from = rule.from.as_bytes();
    if from.is_empty() || from.len() > bytes.len() {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len() + 4);
    let mut position = 0;
    while position < bytes.len() {
        let matches_here = bytes
            .get(position..position + from.len())
            .is_some_and(|window| window == from)
            && context_allows(bytes, position, from.len(), rule.context);
        if matches_here {
            out.push_str(&rule.to);
            position += from.len();
        } else {
            out.push(char::from(bytes[position]));
            position += 1;
        }
    }
    out
}

/// Folds one word with the given tables (used while the tables are built).
pub(crate) fn fold_word_with(
    letters: &HashMap<char, String>,
    rules: &[TransliterationRule],
    word: &str,
) -> String {
    let mut folded = letters_only_with(letters, word);
    for rule in rules {
        if folded.contains(rule.from.as_str()) {
            folded = apply_rule(&folded, rule);
        }
    }
    folded
}

/// Folds a phrase: each word folded, joined by single spaces; a leading
/// "the" dropped ("the Netherlands", "the U.S.").
pub(crate) fn fold_phrase_with(
    letters: &HashMap<char, String>,
    rules: &[TransliterationRule],
    phrase: &str,
) -> String {
    let mut words: Vec<String> = Vec::new();
    for word in phrase.split(|c: char| c.is_whitespace() || c == '-') {
        let folded = fold_word_with(letters, rules, word);
        if folded.is_empty() || (words.is_empty() && folded == "te") {
            // "the" folds to "te" (th → t).
            continue;
        }
        words.push(folded);
    }
    words.join(" ")
}

/// One word of a name folded to its comparable key: "Tschaikowski" and
/// "Tchaikovsky" both give "chaikovski".
pub fn fold_word(word: &str) -> String {
    let tables = tables();
    fold_word_with(&tables.letters, &tables.rules, word)
}

/// A phrase folded word by word (see [`fold_word`]), leading "the" dropped.
pub fn fold_phrase(phrase: &str) -> String {
    let tables = tables();
    fold_phrase_with(&tables.letters, &tables.rules, phrase)
}

/// Letters only: lower case, romanised, without diacritics, but without the
/// transliteration rules ("Nováková" → "novakova").
pub fn plain_letters(word: &str) -> String {
    letters_only_with(&tables().letters, word)
}

/// How coarse a key is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coarseness {
    /// Surnames: voiced and voiceless fricatives together (f/v, s/z,
    /// sh/zh), stops apart.
    Strict,
    /// Given names: voicing ignored, g/h/k together, sibilants and
    /// affricates together (Serhiy/Siarhei, Tse-tung/Zedong).
    Loose,
}

/// The class of the letter run at `position` and its length in bytes, or
/// `None` for a vowel.
fn consonant_class(bytes: &[u8], position: usize, coarseness: Coarseness) -> (Option<u8>, usize) {
    let rest = bytes.get(position..).unwrap_or(&[]);
    let strict = coarseness == Coarseness::Strict;
    let digraphs: [(&[u8], u8, u8); 7] = [
        (b"shch", b'Q', b'S'),
        (b"sh", b'S', b'S'),
        (b"zh", b'S', b'S'),
        (b"ch", b'C', b'S'),
        (b"ts", b'Z', b's'),
        (b"tz", b'Z', b's'),
        (b"dz", b'Z', b's'),
    ];
    for (digraph, strict_class, loose_class) in digraphs {
        if rest.starts_with(digraph) {
            let class = if strict { strict_class } else { loose_class };
            return (Some(class), digraph.len());
        }
    }
    let Some(&letter) = rest.first() else {
        return (None, 1);
    };
    let class = match letter {
        b'a' | b'e' | b'i' | b'o' | b'u' | b'y' => None,
        b'b' => Some(if strict { b'b' } else { b'p' }),
        b'd' => Some(if strict { b'd' } else { b't' }),
        b'g' => Some(if strict { b'g' } else { b'k' }),
        b'c' | b'q' | b'k' => Some(b'k'),
        b'h' => Some(if strict { b'h' } else { b'k' }),
        b'v' | b'w' | b'f' => Some(b'f'),
        b'z' | b's' => Some(b's'),
        b'x' => Some(if strict { b'x' } else { b'k' }),
        b'j' => Some(if strict { b'j' } else { b'S' }),
        other => Some(other),
    };
    (class, 1)
}

fn vowel_class(letter: u8) -> u8 {
    match letter {
        b'a' | b'o' => b'A',
        b'u' => b'U',
        _ => b'E',
    }
}

fn key(folded: &str, coarseness: Coarseness, with_vowels: bool) -> String {
    let bytes = folded.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut position = 0;
    // A vowel between two consonants of one class keeps both ("Estonian"
    // has two n's); a doubled letter is one.
    let mut vowel_since_last = false;
    while position < bytes.len() {
        let (class, length) = consonant_class(bytes, position, coarseness);
        let symbol = match class {
            Some(class) => Some(class),
            None if with_vowels => Some(vowel_class(bytes[position])),
            None => {
                vowel_since_last = true;
                None
            }
        };
        if let Some(symbol) = symbol {
            if out.last() != Some(&symbol) || vowel_since_last {
                out.push(symbol);
            }
            vowel_since_last = false;
        }
        position += length.max(1);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Consonant classes of a folded word, vowels dropped (strict classes).
pub fn skeleton(folded: &str) -> String {
    key(folded, Coarseness::Strict, false)
}

/// Consonant classes with voicing ignored, for given names.
pub fn loose_skeleton(folded: &str) -> String {
    key(folded, Coarseness::Loose, false)
}

/// Strict consonant classes with the vowels in three classes (a/o, e/i/y,
/// u), runs of one class written once.
pub fn vowel_class_key(folded: &str) -> String {
    key(folded, Coarseness::Strict, true)
}

/// Jaro-Winkler similarity of two folded words.
pub fn similarity(folded_a: &str, folded_b: &str) -> f64 {
    strsim::jaro_winkler(folded_a, folded_b)
}

/// The Double Metaphone codes (primary, alternate) of a folded word: a
/// second opinion on sound for spellings the rules do not join.
pub fn metaphone(folded: &str) -> (String, String) {
    let encoder = rphonetic::DoubleMetaphone::new(Some(6));
    let result = encoder.double_metaphone(folded);
    (result.primary(), result.alternate())
}

/// True when the Double Metaphone codes of two folded words share a code.
pub fn metaphone_agrees(folded_a: &str, folded_b: &str) -> bool {
    let (primary_a, alternate_a) = metaphone(folded_a);
    let (primary_b, alternate_b) = metaphone(folded_b);
    let codes_a = [primary_a, alternate_a];
    let codes_b = [primary_b, alternate_b];
    codes_a
        .iter()
        .any(|code| !code.is_empty() && codes_b.contains(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_transliteration_rule_does_what_its_example_says() {
        let rules = &tables().rules;
        assert!(rules.len() > 40, "rules parsed: {}", rules.len());
        for rule in rules {
            let (word, expected) = rule
                .example
                .as_ref()
                .unwrap_or_else(|| panic!("rule {} → {} has no example", rule.from, rule.to));
            assert_eq!(
                &apply_rule(word, rule),
                expected,
                "rule {} → {} on {word}",
                rule.from,
                rule.to
            );
        }
    }

    #[test]
    fn every_letter_of_the_letter_table_folds_to_its_latin_form() {
        let letters = &tables().letters;
        assert!(letters.len() > 60);
        for (letter, latin) in letters {
            assert_eq!(
                &plain_letters(&letter.to_string()),
                latin,
                "letter {letter}"
            );
        }
    }

    #[test]
    fn folding_removes_diacritics_and_joins_romanisations() {
        assert_eq!(fold_word("Müller"), fold_word("Mueller"));
        assert_eq!(fold_word("Wałęsa"), "valesa");
        assert_eq!(fold_word("Tschaikowski"), fold_word("Tchaikovsky"));
        assert_eq!(fold_word("Chaikovskiy"), fold_word("Tchaikovsky"));
        assert_eq!(fold_word("Khrushchev"), fold_word("Chruschtschow"));
        assert_eq!(fold_word("Yevgeny"), fold_word("Jewgeni"));
        assert_eq!(fold_word("Yuliya"), fold_word("Iuliia"));
        assert_eq!(fold_word("Nataliya"), fold_word("Natallia"));
        assert_eq!(fold_word("Казлоўскі"), fold_word("Kazlouski"));
        assert_eq!(fold_word("Ярошенко"), fold_word("Yaroshenko"));
        assert_eq!(fold_word("Τσίπρας"), fold_word("Tsipras"));
    }

    #[test]
    fn keys_tolerate_vowel_reduction_but_keep_consonants() {
        assert_eq!(
            vowel_class_key(&fold_word("Korotkova")),
            vowel_class_key(&fold_word("Karatkava"))
        );
        assert_ne!(
            skeleton(&fold_word("Estonia")),
            skeleton(&fold_word("Estonian"))
        );
        assert_eq!(
            loose_skeleton(&fold_word("Siarhei")),
            loose_skeleton(&fold_word("Serhiy"))
        );
        assert_eq!(
            loose_skeleton(&fold_word("Tse-tung")),
            loose_skeleton(&fold_word("Zedong"))
        );
    }

    #[test]
    fn metaphone_is_a_second_opinion_on_sound() {
        assert!(metaphone_agrees(
            &fold_word("Klitschko"),
            &fold_word("Klichko")
        ));
        assert!(!metaphone_agrees(
            &fold_word("Petrov"),
            &fold_word("Pavlov")
        ));
    }
}
