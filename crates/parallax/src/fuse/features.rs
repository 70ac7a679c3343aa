//! What articles are compared by: content terms per sentence (stemmed, stop
//! words out, quoted words out) and word shingles of the body.
//!
//! Computed once per article and shared by lineage detection and story
//! clustering.

use crate::model::{AnalysedArticle, TokenKind};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

const STOPWORD_TABLE: &str = include_str!("../../data/stopwords.txt");

fn stopwords() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        STOPWORD_TABLE
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect()
    })
}

pub fn is_stopword(lowercase_word: &str) -> bool {
    stopwords().contains(lowercase_word)
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The comparable form of a word: lower case, British and American
/// spellings folded (-ize/-ise, -our/-or), stemmed.
pub fn term_of(word: &str) -> String {
    let mut lowered = word.to_lowercase();
    lowered.retain(|character| character != '\u{ad}');
    if lowered.contains("iz") {
        lowered = lowered.replace("iz", "is");
    }
    if let Some(stem) = lowered.strip_suffix("our") {
        if stem.len() >= 3 {
            lowered = format!("{stem}or");
        }
    }
    stemmer().stem(&lowered).into_owned()
}

/// The form of a number token used as a term: digits only ("1,227" → "#1227").
fn number_term(text: &str) -> String {
    let mut term = String::with_capacity(text.len() + 1);
    term.push('#');
    for character in text.chars() {
        if character.is_ascii_digit() || character == '.' {
            term.push(character);
        }
    }
    term.trim_end_matches('.').to_string()
}

/// Terms interned to small integers, shared across the articles compared.
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
}

impl Vocabulary {
    pub fn id(&mut self, term: String) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(term).or_insert(next)
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// The comparable content of one article.
#[derive(Debug, Clone, Default)]
pub struct ArticleFeatures {
    /// Per body sentence: its distinct content terms outside quotations,
    /// sorted.
    pub sentence_terms: Vec<Vec<u32>>,
    /// Index in `Doc::sentences` of each entry of `sentence_terms`.
    pub sentence_indices: Vec<u32>,
    /// Hashes of every run of five consecutive words of the body (all words,
    /// lower case), sorted and distinct.
    pub shingles: Vec<u64>,
    /// Content terms of the whole article with their counts (quotations
    /// included), sorted by term.
    pub bag: Vec<(u32, u32)>,
    /// Terms that are names (capitalised inside a sentence) or numbers.
    pub anchors: Vec<u32>,
}

const SHINGLE_WIDTH: usize = 5;

/// Computes the features of one article, interning terms in `vocabulary`.
pub fn article_features(
    analysed: &AnalysedArticle,
    vocabulary: &mut Vocabulary,
) -> ArticleFeatures {
    let text = &analysed.article.text;
    let doc = &analysed.doc;
    let mut features = ArticleFeatures::default();
    let mut bag: HashMap<u32, u32> = HashMap::new();
    let mut anchors: HashSet<u32> = HashSet::new();
    let mut window: Vec<u64> = Vec::with_capacity(SHINGLE_WIDTH);
    let mut shingles: Vec<u64> = Vec::new();
    let mut inside_quote = false;
    for (sentence_index, sentence) in doc.sentences.iter().enumerate() {
        if sentence.heading {
            continue;
        }
        if sentence.opens_inside_quote {
            inside_quote = true;
        }
        let mut terms: Vec<u32> = Vec::new();
        for (position, token) in doc.sentence_tokens(sentence).iter().enumerate() {
            let word = token.text(text);
            match token.kind {
                TokenKind::QuoteOpen => inside_quote = true,
                TokenKind::QuoteClose => inside_quote = false,
                TokenKind::Word | TokenKind::Number => {
                    let lowered = word.to_lowercase();
                    window.push(word_hash(&lowered));
                    if window.len() > SHINGLE_WIDTH {
                        window.remove(0);
                    }
                    if window.len() == SHINGLE_WIDTH {
                        shingles.push(sequence_hash(&window));
                    }
                    let term = if token.kind == TokenKind::Number {
                        number_term(word)
                    } else {
                        if lowered.chars().count() < 2 || is_stopword(&lowered) {
                            continue;
                        }
                        term_of(&lowered)
                    };
                    let id = vocabulary.id(term);
                    *bag.entry(id).or_insert(0) += 1;
                    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
                    if token.kind == TokenKind::Number || (capitalised && position > 0) {
                        anchors.insert(id);
                    }
                    if !inside_quote {
                        terms.push(id);
                    }
                }
                _ => {}
            }
        }
        terms.sort_unstable();
        terms.dedup();
        features.sentence_terms.push(terms);
        features.sentence_indices.push(sentence_index as u32);
    }
    shingles.sort_unstable();
    shingles.dedup();
    features.shingles = shingles;
    let mut bag: Vec<(u32, u32)> = bag.into_iter().collect();
    bag.sort_unstable();
    features.bag = bag;
    let mut anchors: Vec<u32> = anchors.into_iter().collect();
    anchors.sort_unstable();
    features.anchors = anchors;
    features
}

fn word_hash(word: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    word.hash(&mut hasher);
    hasher.finish()
}

fn sequence_hash(words: &[u64]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    words.hash(&mut hasher);
    hasher.finish()
}

/// Number of values two sorted, distinct slices share.
pub fn shared_count<T: Ord>(left: &[T], right: &[T]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < left.len() && j < right.len() {
        match left[i].cmp(&right[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_and_inflections_share_a_term() {
        assert_eq!(term_of("fertilisers"), term_of("fertilizer"));
        assert_eq!(term_of("Labour"), term_of("labor"));
        assert_eq!(term_of("released"), term_of("releases"));
        assert_ne!(term_of("release"), term_of("relief"));
    }

    #[test]
    fn every_stopword_is_lower_case_and_recognised() {
        for word in STOPWORD_TABLE
            .lines()
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
        {
            assert_eq!(word, word.to_lowercase());
            assert!(is_stopword(word));
        }
        assert!(!is_stopword("prisoner"));
    }

    #[test]
    fn shared_count_of_sorted_sets() {
        assert_eq!(shared_count(&[1, 3, 5, 7], &[2, 3, 4, 7, 9]), 2);
        assert_eq!(shared_count::<u32>(&[], &[1]), 0);
    }

    #[test]
    fn numbers_keep_their_digits() {
        assert_eq!(number_term("1,227"), "#1227");
        assert_eq!(number_term("9.5"), "#9.5");
    }
}
