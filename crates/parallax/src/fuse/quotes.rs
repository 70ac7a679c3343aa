//! Quotations of one remark across articles.
//!
//! Takes the quotations of analysed articles; gives groups of quotations
//! that are the same remark: the same words, a cut of them (one outlet
//! quotes the first sentence only), or two translations that differ in a
//! few words ("can accept" / "may accept"). Two quotations match on the
//! overlap of their stemmed content words — Jaccard for whole quotations,
//! containment for a cut one — or on the very same words however short
//! ("very productive"), when their speakers are the same or one is unknown; quotations credited to different speakers match only when
//! near-verbatim. Candidates come from shared rare content words (an
//! inverted index), never from all pairs. Every quotation lies in exactly
//! one group; groups come in order of their first quotation.

use crate::model::{AnalysedArticle, QuoteGroup, QuoteRef};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const STOPWORDS: &str = include_str!("../../data/quote_stopwords.txt");

/// Rarest content words of a quotation used to find its candidates.
const CANDIDATE_KEYS: usize = 6;
/// A content word held by more quotations than this is too common to
/// generate candidates.
const MAX_POSTING: usize = 64;
/// Least content words shared by two quotations of one remark.
const MIN_SHARED: usize = 3;
/// Jaccard overlap of content words for two whole quotations.
const MIN_JACCARD: f64 = 0.45;
/// Share of the shorter quotation's content words found in the longer one,
/// for a cut quotation.
const MIN_CONTAINMENT: f64 = 0.75;
/// Jaccard overlap needed when the two speakers differ.
const VERBATIM_JACCARD: f64 = 0.85;
const VERBATIM_SHARED: usize = 5;

fn stopwords() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        STOPWORDS
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect()
    })
}

fn algorithm_for(language: Option<&str>) -> Algorithm {
    match language.unwrap_or("eng") {
        "fra" => Algorithm::French,
        "deu" => Algorithm::German,
        "spa" => Algorithm::Spanish,
        "ita" => Algorithm::Italian,
        "por" => Algorithm::Portuguese,
        "nld" => Algorithm::Dutch,
        "rus" => Algorithm::Russian,
        "swe" => Algorithm::Swedish,
        "nob" | "nno" | "nor" => Algorithm::Norwegian,
        "dan" => Algorithm::Danish,
        "fin" => Algorithm::Finnish,
        "hun" => Algorithm::Hungarian,
        "ron" => Algorithm::Romanian,
        "tur" => Algorithm::Turkish,
        _ => Algorithm::English,
    }
}

/// The stemmed content words of a quotation's text, each once, sorted. A
/// word's clitic is dropped ("don't" → "don", "minister's" → "minister").
pub fn content_stems(text: &str, stemmer: &Stemmer) -> Vec<String> {
    let mut stems = Vec::new();
    let mut lowered = String::new();
    let words = text
        .split(|character: char| !(character.is_alphanumeric() || matches!(character, '\'' | '’')));
    for raw_word in words {
        let word = raw_word.split(['\'', '’']).next().unwrap_or("");
        if word.chars().count() < 2 || word.chars().all(|character| character.is_ascii_digit()) {
            continue;
        }
        lowered.clear();
        lowered.extend(word.chars().flat_map(char::to_lowercase));
        if stopwords().contains(lowered.as_str()) {
            continue;
        }
        stems.push(stemmer.stem(&lowered).into_owned());
    }
    stems.sort();
    stems.dedup();
    stems
}

/// One quotation prepared for matching.
struct Prepared {
    reference: QuoteRef,
    stems: Vec<String>,
    /// The words in lower case without apostrophes, one space apart: two
    /// quotations with the same words are one remark even when short.
    normalized: String,
    speaker: Option<SpeakerKey>,
    text_len: usize,
}

/// A speaker's name cut into lower-case words, for comparing two names.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SpeakerKey {
    words: Vec<String>,
}

impl SpeakerKey {
    /// A key for a named speaker; `None` for a pronoun left unresolved or a
    /// description ("officials"), which say nothing of who it is.
    fn new(name: &str) -> Option<Self> {
        let first = name.chars().next()?;
        if !first.is_uppercase() {
            return None;
        }
        let words: Vec<String> = name
            .split(|character: char| !character.is_alphabetic())
            .filter(|word| word.chars().count() >= 2)
            .map(str::to_lowercase)
            .collect();
        if words.is_empty()
            || (words.len() == 1
                && matches!(words[0].as_str(), "he" | "she" | "they" | "it" | "we"))
        {
            return None;
        }
        Some(SpeakerKey { words })
    }

    /// Same person: the same last name (or a spelling of it close enough
    /// for a transliteration), and no clash of given names.
    fn same_as(&self, other: &SpeakerKey) -> bool {
        let (Some(last), Some(other_last)) = (self.words.last(), other.words.last()) else {
            return false;
        };
        let surname_matches = last == other_last || strsim::jaro_winkler(last, other_last) >= 0.9;
        if !surname_matches {
            return false;
        }
        // The words before the surname: given names (a title before a full
        // name is skipped by looking at the word next to the surname).
        if self.words.len() >= 2 && other.words.len() >= 2 {
            let given = &self.words[self.words.len() - 2];
            let other_given = &other.words[other.words.len() - 2];
            return given == other_given || strsim::jaro_winkler(given, other_given) >= 0.85;
        }
        true
    }
}

struct UnionFind {
    parents: Vec<usize>,
}

impl UnionFind {
    fn new(size: usize) -> Self {
        UnionFind {
            parents: (0..size).collect(),
        }
    }

    fn find(&mut self, mut item: usize) -> usize {
        while let Some(&parent) = self.parents.get(item) {
            if parent == item {
                break;
            }
            let grandparent = self.parents.get(parent).copied().unwrap_or(parent);
            if let Some(slot) = self.parents.get_mut(item) {
                *slot = grandparent;
            }
            item = parent;
        }
        item
    }

    fn union(&mut self, left: usize, right: usize) {
        let left_root = self.find(left);
        let right_root = self.find(right);
        if left_root == right_root {
            return;
        }
        // The smaller index is the root: the result does not depend on the
        // order of unions.
        let (root, child) = if left_root < right_root {
            (left_root, right_root)
        } else {
            (right_root, left_root)
        };
        if let Some(slot) = self.parents.get_mut(child) {
            *slot = root;
        }
    }
}

/// The words of `text` in lower case, apostrophes dropped, one space apart.
fn normalize_words(text: &str) -> String {
    let mut normalized = String::with_capacity(text.len());
    for word in text
        .split(|character: char| !(character.is_alphanumeric() || matches!(character, '\'' | '’')))
    {
        let letters = word.chars().filter(|character| character.is_alphanumeric());
        if word.chars().any(char::is_alphanumeric) {
            if !normalized.is_empty() {
                normalized.push(' ');
            }
            normalized.extend(letters.flat_map(char::to_lowercase));
        }
    }
    normalized
}

/// Whether two prepared quotations are one remark.
fn same_remark(left: &Prepared, right: &Prepared) -> bool {
    // The same words, however short ("very productive"), by the same or an
    // unknown speaker.
    let speakers_agree = match (&left.speaker, &right.speaker) {
        (Some(left_speaker), Some(right_speaker)) => left_speaker.same_as(right_speaker),
        _ => true,
    };
    if speakers_agree && left.normalized == right.normalized && left.normalized.contains(' ') {
        return true;
    }
    let shared = count_shared(&left.stems, &right.stems);
    if shared < MIN_SHARED {
        return false;
    }
    let union = left.stems.len() + right.stems.len() - shared;
    let jaccard = shared as f64 / union.max(1) as f64;
    let shorter = left.stems.len().min(right.stems.len()).max(1);
    let containment = shared as f64 / shorter as f64;
    if speakers_agree {
        jaccard >= MIN_JACCARD || containment >= MIN_CONTAINMENT
    } else {
        jaccard >= VERBATIM_JACCARD && shared >= VERBATIM_SHARED
    }
}

/// Size of the intersection of two sorted, deduplicated lists.
fn count_shared(left: &[String], right: &[String]) -> usize {
    let (mut left_index, mut right_index, mut shared) = (0, 0, 0);
    while let (Some(left_word), Some(right_word)) = (left.get(left_index), right.get(right_index)) {
        match left_word.cmp(right_word) {
            std::cmp::Ordering::Less => left_index += 1,
            std::cmp::Ordering::Greater => right_index += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                left_index += 1;
                right_index += 1;
            }
        }
    }
    shared
}

/// Groups the quotations of `articles` into remarks.
pub fn group_quotes(articles: &[AnalysedArticle]) -> Vec<QuoteGroup> {
    let mut prepared: Vec<Prepared> = Vec::new();
    let mut texts: Vec<&str> = Vec::new();
    let mut speaker_names: Vec<Option<&str>> = Vec::new();
    for analysed in articles {
        let stemmer = Stemmer::create(algorithm_for(analysed.article.language.as_deref()));
        for (quote_index, quote) in analysed.extraction.quotes.iter().enumerate() {
            let speaker_name = quote.speaker.as_ref().map(|speaker| speaker.name.as_str());
            prepared.push(Prepared {
                reference: QuoteRef {
                    article: analysed.article.index,
                    quote: quote_index as u32,
                },
                stems: content_stems(&quote.text, &stemmer),
                normalized: normalize_words(&quote.text),
                speaker: speaker_name.and_then(SpeakerKey::new),
                text_len: quote.text.len(),
            });
            texts.push(quote.text.as_str());
            speaker_names.push(speaker_name);
        }
    }

    // Inverted index: content word → quotations holding it.
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (item, quote) in prepared.iter().enumerate() {
        for stem in &quote.stems {
            postings.entry(stem.as_str()).or_default().push(item);
        }
    }

    let mut union_find = UnionFind::new(prepared.len());
    let mut candidates: Vec<usize> = Vec::new();
    for (item, quote) in prepared.iter().enumerate() {
        let mut keys: Vec<(usize, &str)> = quote
            .stems
            .iter()
            .map(|stem| {
                (
                    postings.get(stem.as_str()).map_or(0, Vec::len),
                    stem.as_str(),
                )
            })
            .filter(|&(count, _)| count > 1 && count <= MAX_POSTING)
            .collect();
        keys.sort();
        candidates.clear();
        for (_, stem) in keys.iter().take(CANDIDATE_KEYS) {
            for &other in postings.get(stem).map_or(&[][..], Vec::as_slice) {
                if other > item {
                    candidates.push(other);
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        for &other in &candidates {
            let Some(other_quote) = prepared.get(other) else {
                continue;
            };
            if other_quote.reference.article == quote.reference.article {
                continue;
            }
            if same_remark(quote, other_quote) {
                union_find.union(item, other);
            }
        }
    }

    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for item in 0..prepared.len() {
        let root = union_find.find(item);
        members.entry(root).or_default().push(item);
    }
    let mut roots: Vec<usize> = members.keys().copied().collect();
    roots.sort_by_key(|&root| {
        members
            .get(&root)
            .and_then(|items| items.first().copied())
            .unwrap_or(root)
    });

    let mut groups = Vec::with_capacity(roots.len());
    for root in roots {
        let Some(items) = members.get(&root) else {
            continue;
        };
        let mut references: Vec<QuoteRef> = items
            .iter()
            .filter_map(|&item| prepared.get(item))
            .map(|quote| quote.reference)
            .collect();
        references.sort();
        // The most complete wording: the longest text, earliest on ties.
        let Some(&representative_item) = items.iter().min_by_key(|&&item| {
            let quote = &prepared[item];
            (std::cmp::Reverse(quote.text_len), quote.reference)
        }) else {
            continue;
        };
        let representative = prepared[representative_item].reference;
        groups.push(QuoteGroup {
            id: groups.len() as u32,
            quotes: references,
            representative,
            text: texts
                .get(representative_item)
                .map_or(String::new(), |text| (*text).to_string()),
            speaker: group_speaker(items, &prepared, &speaker_names),
        });
    }
    groups
}

/// The speaker most quotations of a group name (full names preferred, the
/// longest on ties).
fn group_speaker(
    items: &[usize],
    prepared: &[Prepared],
    speaker_names: &[Option<&str>],
) -> Option<String> {
    let mut counts: Vec<(usize, &str)> = Vec::new();
    for &item in items {
        let Some(Some(name)) = speaker_names.get(item) else {
            continue;
        };
        if prepared
            .get(item)
            .is_some_and(|quote| quote.speaker.is_none())
        {
            continue;
        }
        match counts.iter_mut().find(|(_, known)| known == name) {
            Some((count, _)) => *count += 1,
            None => counts.push((1, name)),
        }
    }
    counts
        .into_iter()
        .max_by(|left, right| {
            left.0
                .cmp(&right.0)
                .then(
                    left.1
                        .split_whitespace()
                        .count()
                        .cmp(&right.1.split_whitespace().count()),
                )
                .then(left.1.len().cmp(&right.1.len()))
                .then(right.1.cmp(left.1))
        })
        .map(|(_, name)| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<String> {
        content_stems(text, &Stemmer::create(Algorithm::English))
    }

    #[test]
    fn content_stems_drop_function_words_and_clitics() {
        assert_eq!(
            stems("We don't accept the offers, and they're accepting ours."),
            vec!["accept", "don", "offer"]
        );
    }

    #[test]
    fn every_stopword_is_dropped() {
        for word in STOPWORDS
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
        {
            assert!(
                stems(&format!("{word} harbour")) == vec!["harbour"],
                "{word}"
            );
        }
    }

    #[test]
    fn speaker_keys_compare_surnames_and_given_names() {
        let key = |name: &str| SpeakerKey::new(name);
        let same = |left: &str, right: &str| match (key(left), key(right)) {
            (Some(left), Some(right)) => left.same_as(&right),
            _ => false,
        };
        assert!(same("Maryna Kovalenko", "Kovalenko"));
        assert!(same("Maryna Kovalenko", "Marina Kovalenko"));
        assert!(!same("Maryna Kovalenko", "Oleh Kovalenko"));
        assert!(same(
            "Deputy Minister Maryna Kovalenko",
            "Minister Maryna Kovalenko"
        ));
        assert!(!same("Maryna Kovalenko", "Jane Smith"));
        assert!(key("he").is_none());
        assert!(key("officials").is_none());
    }

    #[test]
    fn short_quotations_match_on_the_same_words() {
        assert_eq!(normalize_words("That’s our goal."), "thats our goal");
        assert_eq!(normalize_words("That's  our GOAL"), "thats our goal");
    }

    #[test]
    fn union_find_roots_at_the_smallest() {
        let mut union_find = UnionFind::new(4);
        union_find.union(3, 1);
        union_find.union(2, 3);
        assert_eq!(union_find.find(2), 1);
        assert_eq!(union_find.find(0), 0);
    }
}
