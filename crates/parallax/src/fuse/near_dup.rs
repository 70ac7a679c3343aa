//! Near-duplicates: exact copies by content id, and near-copies by MinHash
//! over word shingles, with LSH banding for candidates.
//!
//! Takes article text (or its words); gives a compact [`Signature`] per
//! article (268 bytes as [`Signature::to_bytes`]) and a [`NearDupIndex`]
//! that finds, for a new signature, the earlier articles that are the same
//! text or share much of it. Promises: signatures are a pure function of
//! the text, stable across runs, platforms and compiler versions (xxh3 and
//! fixed permutations), so they can be persisted and compared later.
//!
//! How:
//! - words are the maximal runs of letters and digits, lower-cased; a
//!   shingle is a run of [`SHINGLE_WORDS`] consecutive words (texts shorter
//!   than that are one shingle);
//! - [`NUM_HASHES`] hash functions `x ↦ a·x + b (mod 2⁶⁴)` (odd `a`) over
//!   the shingles' 64-bit hashes; each keeps its minimum, of which the
//!   signature stores 16 mixed bits (b-bit MinHash: two different minima
//!   agree by chance once in 65,536, which [`Signature::jaccard`] corrects);
//! - LSH: the hashes are cut into [`BANDS`] bands of [`ROWS`] rows; two
//!   articles are candidates when they agree on a whole band. The chance of
//!   that is `1 − (1 − J³)⁴²` for shingle Jaccard `J`: 0.04 at J = 0.1,
//!   0.29 at 0.2, 0.68 at 0.3, 0.93 at 0.4, 0.996 at 0.5, so near-copies
//!   (J ≥ [`NEAR_DUPLICATE_JACCARD`]) are found almost surely while unrelated
//!   articles (J below 0.02 between two reports of one event, measured on
//!   ECB+) almost never are.
//!
//! Why J ≥ 0.5 for a near-duplicate: two articles of equal length with J =
//! 0.5 share two thirds of their five-word runs, which is
//! `lineage`'s copy level ([`super::lineage::COPY_CONTAINMENT`] 0.8) less
//! the estimate's spread (the standard deviation of the estimate is
//! `√(J(1−J)/128)` ≈ 0.044 at 0.5). A cut copy (a 300-word article wholly
//! inside a 600-word one) has J = 0.5 too. Pairs under that are reported
//! when their estimated containment (share of the shorter article's
//! shingles in the other, from J and the two shingle counts) reaches
//! lineage's rewrite level, so one index serves both copy and rewrite
//! links.

use crate::model::DerivationKind;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};
use xxhash_rust::xxh3::xxh3_64;

/// Hash functions per signature.
pub const NUM_HASHES: usize = 128;
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// LSH bands, each of [`ROWS`] hashes (the last `NUM_HASHES − BANDS·ROWS`
/// hashes only sharpen the estimate).
pub const BANDS: usize = 42;
pub const ROWS: usize = 3;
/// Estimated Jaccard similarity of the shingle sets from which two articles
/// are near-duplicates (see the module notes).
pub const NEAR_DUPLICATE_JACCARD: f32 = 0.5;
/// Fewest agreeing hashes for a containment estimate to be trusted: below
/// that the estimate is chance (about 1 in 65,536 per hash) or too noisy.
pub const MIN_AGREEING_HASHES: usize = 8;
/// Bytes of [`Signature::to_bytes`].
pub const SIGNATURE_BYTES: usize = 8 + 4 + 2 * NUM_HASHES;

const _: () = assert!(BANDS * ROWS <= NUM_HASHES);

/// splitmix64: the fixed sequence the permutations are drawn from.
const fn splitmix(state: u64) -> (u64, u64) {
    let next = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut value = next;
    value = (value ^ (value >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    value = (value ^ (value >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (next, value ^ (value >> 31))
}

const fn permutations() -> [(u64, u64); NUM_HASHES] {
    let mut table = [(0u64, 0u64); NUM_HASHES];
    let mut state = 0x5041_5241_4c4c_4158; // fixed seed
    let mut index = 0;
    while index < NUM_HASHES {
        let (next, multiplier) = splitmix(state);
        let (after, offset) = splitmix(next);
        state = after;
        table[index] = (multiplier | 1, offset);
        index += 1;
    }
    table
}

static PERMUTATIONS: [(u64, u64); NUM_HASHES] = permutations();

/// The murmur3 finaliser: spreads a minimum's bits before 16 are kept.
fn mix(mut value: u64) -> u64 {
    value ^= value >> 33;
    value = value.wrapping_mul(0xff51_afd7_ed55_8ccd);
    value ^= value >> 33;
    value = value.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    value ^ (value >> 33)
}

/// Errors reading a persisted signature.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SignatureError {
    #[error("failed to read signature: {found} bytes, expected {expected}")]
    WrongLength { found: usize, expected: usize },
}

/// The MinHash signature of one article's text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Signature {
    /// Hash of the whole normalised word sequence: equal for texts that
    /// differ only in case, punctuation and white space.
    pub content: u64,
    /// Number of distinct shingles.
    pub shingles: u32,
    /// 16 bits of each hash function's minimum ([`NUM_HASHES`] values; all
    /// `u16::MAX` for an empty text).
    pub minima: Vec<u16>,
}

/// The normalised words of a text: maximal runs of letters and digits,
/// lower-cased.
pub fn normalised_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|character: char| !character.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

impl Signature {
    /// The signature of a text.
    pub fn of_text(text: &str) -> Signature {
        // As `of_words(normalised_words(text))`, without a string per word.
        let mut buffer = String::new();
        let mut word_hashes: Vec<u64> = Vec::new();
        for word in text
            .split(|character: char| !character.is_alphanumeric())
            .filter(|word| !word.is_empty())
        {
            if word.is_ascii() {
                buffer.clear();
                buffer.push_str(word);
                buffer.make_ascii_lowercase();
                word_hashes.push(xxh3_64(buffer.as_bytes()));
            } else {
                word_hashes.push(xxh3_64(word.to_lowercase().as_bytes()));
            }
        }
        Signature::of_word_hashes(&word_hashes)
    }

    /// The signature of a sequence of words, taken as they are (callers
    /// that want [`Signature::of_text`]'s folding lower-case them).
    pub fn of_words<Word: AsRef<str>>(words: impl IntoIterator<Item = Word>) -> Signature {
        let word_hashes: Vec<u64> = words
            .into_iter()
            .map(|word| xxh3_64(word.as_ref().as_bytes()))
            .collect();
        Signature::of_word_hashes(&word_hashes)
    }

    /// The signature of a sequence of word hashes (xxh3 of each word).
    fn of_word_hashes(word_hashes: &[u64]) -> Signature {
        let mut content_bytes: Vec<u8> = Vec::with_capacity(word_hashes.len() * 8);
        for hash in word_hashes {
            content_bytes.extend_from_slice(&hash.to_le_bytes());
        }
        let content = xxh3_64(&content_bytes);
        let mut shingles: Vec<u64> = Vec::new();
        if !word_hashes.is_empty() && word_hashes.len() < SHINGLE_WORDS {
            shingles.push(content);
        }
        for window in word_hashes.windows(SHINGLE_WORDS) {
            let mut bytes = [0u8; 8 * SHINGLE_WORDS];
            for (slot, hash) in bytes.chunks_exact_mut(8).zip(window) {
                slot.copy_from_slice(&hash.to_le_bytes());
            }
            shingles.push(xxh3_64(&bytes));
        }
        Signature::of_shingle_hashes(content, shingles)
    }

    /// The signature of a set of 64-bit shingle hashes (duplicates allowed).
    pub fn of_shingle_hashes(content: u64, mut shingles: Vec<u64>) -> Signature {
        shingles.sort_unstable();
        shingles.dedup();
        let mut minima_full = [u64::MAX; NUM_HASHES];
        for &shingle in &shingles {
            for (minimum, &(multiplier, offset)) in minima_full.iter_mut().zip(PERMUTATIONS.iter())
            {
                let permuted = multiplier.wrapping_mul(shingle).wrapping_add(offset);
                if permuted < *minimum {
                    *minimum = permuted;
                }
            }
        }
        let minima = if shingles.is_empty() {
            vec![u16::MAX; NUM_HASHES]
        } else {
            minima_full
                .iter()
                .map(|&minimum| (mix(minimum) >> 48) as u16)
                .collect()
        };
        Signature {
            content,
            shingles: u32::try_from(shingles.len()).unwrap_or(u32::MAX),
            minima,
        }
    }

    /// Hashes on which the two signatures agree.
    pub fn agreeing(&self, other: &Signature) -> usize {
        self.minima
            .iter()
            .zip(&other.minima)
            .filter(|(left, right)| left == right)
            .count()
    }

    /// Estimated Jaccard similarity of the two shingle sets, corrected for
    /// chance agreement of 16-bit values.
    pub fn jaccard(&self, other: &Signature) -> f32 {
        if self.shingles == 0 || other.shingles == 0 {
            return if self.content == other.content {
                1.0
            } else {
                0.0
            };
        }
        let hashes = self.minima.len().min(other.minima.len()).max(1) as f32;
        let raw = self.agreeing(other) as f32 / hashes;
        let chance = 1.0 / 65_536.0;
        ((raw - chance) / (1.0 - chance)).clamp(0.0, 1.0)
    }

    /// Estimated share of the smaller shingle set found in the other, from
    /// the Jaccard estimate and the two set sizes (0 when fewer than
    /// [`MIN_AGREEING_HASHES`] hashes agree).
    pub fn containment(&self, other: &Signature) -> f32 {
        if self.agreeing(other) < MIN_AGREEING_HASHES {
            return 0.0;
        }
        let jaccard = self.jaccard(other);
        let total = self.shingles as f32 + other.shingles as f32;
        let smaller = self.shingles.min(other.shingles).max(1) as f32;
        let shared = jaccard / (1.0 + jaccard) * total;
        (shared / smaller).min(1.0)
    }

    /// The LSH band keys: band number in the top byte, the band's rows
    /// below.
    pub fn band_keys(&self) -> impl Iterator<Item = u64> + '_ {
        (0..BANDS).map(move |band| {
            let mut key = (band as u64) << 56;
            for row in 0..ROWS {
                let value = self.minima.get(band * ROWS + row).copied().unwrap_or(0);
                key ^= u64::from(value) << (16 * row);
            }
            key
        })
    }

    /// The signature as [`SIGNATURE_BYTES`] little-endian bytes: content,
    /// shingle count, minima.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(SIGNATURE_BYTES);
        bytes.extend_from_slice(&self.content.to_le_bytes());
        bytes.extend_from_slice(&self.shingles.to_le_bytes());
        for index in 0..NUM_HASHES {
            let value = self.minima.get(index).copied().unwrap_or(u16::MAX);
            bytes.extend_from_slice(&value.to_le_bytes());
        }
        bytes
    }

    /// Reads [`Signature::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Signature, SignatureError> {
        if bytes.len() != SIGNATURE_BYTES {
            return Err(SignatureError::WrongLength {
                found: bytes.len(),
                expected: SIGNATURE_BYTES,
            });
        }
        let (content_bytes, rest) = bytes.split_at(8);
        let (count_bytes, minima_bytes) = rest.split_at(4);
        let mut content = [0u8; 8];
        content.copy_from_slice(content_bytes);
        let mut count = [0u8; 4];
        count.copy_from_slice(count_bytes);
        let minima = minima_bytes
            .chunks_exact(2)
            .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
            .collect();
        Ok(Signature {
            content: u64::from_le_bytes(content),
            shingles: u32::from_le_bytes(count),
            minima,
        })
    }
}

/// Key of an article in an index (the store's article number).
pub type ArticleKey = u64;

/// An earlier article that shares a new one's text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NearDuplicate {
    pub key: ArticleKey,
    /// Same normalised words: the same text.
    pub exact: bool,
    pub jaccard: f32,
    pub containment: f32,
    /// `Copy` for exact and near-duplicates (Jaccard at least
    /// [`NEAR_DUPLICATE_JACCARD`] or containment at least lineage's copy
    /// level), `Rewrite` for pairs whose containment reaches lineage's
    /// rewrite level.
    pub kind: DerivationKind,
}

/// What a pair of signatures is, if anything.
pub fn classify(new: &Signature, old: &Signature, old_key: ArticleKey) -> Option<NearDuplicate> {
    use super::lineage::{COPY_CONTAINMENT, REWRITE_CONTAINMENT};
    let exact = new.content == old.content && new.shingles == old.shingles;
    let jaccard = if exact { 1.0 } else { new.jaccard(old) };
    let containment = if exact { 1.0 } else { new.containment(old) };
    let kind = if exact || jaccard >= NEAR_DUPLICATE_JACCARD || containment >= COPY_CONTAINMENT {
        DerivationKind::Copy
    } else if containment >= REWRITE_CONTAINMENT {
        DerivationKind::Rewrite
    } else {
        return None;
    };
    Some(NearDuplicate {
        key: old_key,
        exact,
        jaccard,
        containment,
        kind,
    })
}

/// Limits of a [`NearDupIndex`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NearDupConfig {
    /// Articles kept; the oldest are forgotten past it (`None`: all).
    pub capacity: Option<usize>,
    /// Most articles kept per band key: a band shared by more is boilerplate
    /// common to many pages, and its oldest holders are dropped.
    pub max_band_postings: usize,
}

impl Default for NearDupConfig {
    fn default() -> Self {
        NearDupConfig {
            capacity: None,
            max_band_postings: 64,
        }
    }
}

/// Signatures of earlier articles, found again by LSH band and by content
/// id.
#[derive(Debug, Clone, Default)]
pub struct NearDupIndex {
    config: NearDupConfig,
    signatures: HashMap<ArticleKey, Signature>,
    bands: HashMap<u64, Vec<ArticleKey>>,
    by_content: HashMap<u64, Vec<ArticleKey>>,
    order: VecDeque<ArticleKey>,
}

impl NearDupIndex {
    pub fn new(config: NearDupConfig) -> NearDupIndex {
        NearDupIndex {
            config,
            ..NearDupIndex::default()
        }
    }

    pub fn len(&self) -> usize {
        self.signatures.len()
    }

    pub fn is_empty(&self) -> bool {
        self.signatures.is_empty()
    }

    /// Earlier articles sharing a band or the content id with `signature`,
    /// ascending.
    pub fn candidates(&self, signature: &Signature) -> Vec<ArticleKey> {
        let mut found: Vec<ArticleKey> = Vec::new();
        if let Some(same) = self.by_content.get(&signature.content) {
            found.extend(same);
        }
        for key in signature.band_keys() {
            if let Some(holders) = self.bands.get(&key) {
                found.extend(holders);
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The earlier articles that are copies or rewrites of `signature`'s
    /// text, most similar first.
    pub fn query(&self, signature: &Signature) -> Vec<NearDuplicate> {
        let mut found: Vec<NearDuplicate> = Vec::new();
        for key in self.candidates(signature) {
            let Some(old) = self.signatures.get(&key) else {
                continue;
            };
            if let Some(duplicate) = classify(signature, old, key) {
                found.push(duplicate);
            }
        }
        found.sort_by(|a, b| {
            b.jaccard
                .total_cmp(&a.jaccard)
                .then(b.containment.total_cmp(&a.containment))
                .then(a.key.cmp(&b.key))
        });
        found
    }

    /// Queries, then adds the article. Adding a key twice replaces its
    /// signature.
    pub fn add(&mut self, key: ArticleKey, signature: Signature) -> Vec<NearDuplicate> {
        self.remove(key);
        let mut found = self.query(&signature);
        found.retain(|duplicate| duplicate.key != key);
        for band in signature.band_keys() {
            let holders = self.bands.entry(band).or_default();
            holders.push(key);
            if holders.len() > self.config.max_band_postings {
                holders.remove(0);
            }
        }
        self.by_content
            .entry(signature.content)
            .or_default()
            .push(key);
        self.signatures.insert(key, signature);
        self.order.push_back(key);
        if let Some(capacity) = self.config.capacity {
            while self.signatures.len() > capacity {
                let Some(oldest) = self.order.pop_front() else {
                    break;
                };
                self.remove(oldest);
            }
        }
        found
    }

    /// Forgets an article.
    pub fn remove(&mut self, key: ArticleKey) {
        let Some(signature) = self.signatures.remove(&key) else {
            return;
        };
        for band in signature.band_keys() {
            if let Some(holders) = self.bands.get_mut(&band) {
                holders.retain(|holder| *holder != key);
                if holders.is_empty() {
                    self.bands.remove(&band);
                }
            }
        }
        if let Some(holders) = self.by_content.get_mut(&signature.content) {
            holders.retain(|holder| *holder != key);
            if holders.is_empty() {
                self.by_content.remove(&signature.content);
            }
        }
        if let Some(position) = self.order.iter().position(|held| *held == key) {
            self.order.remove(position);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A deterministic word generator (xorshift) over a vocabulary of
    /// made-up words.
    struct Words(u64);

    impl Words {
        fn next(&mut self) -> u64 {
            let mut value = self.0;
            value ^= value << 13;
            value ^= value >> 7;
            value ^= value << 17;
            self.0 = value;
            value
        }

        fn text(&mut self, count: usize) -> Vec<String> {
            (0..count)
                .map(|_| format!("w{}", self.next() % 5_000))
                .collect()
        }
    }

    fn shingle_set(words: &[String]) -> std::collections::HashSet<Vec<String>> {
        words
            .windows(SHINGLE_WORDS)
            .map(<[String]>::to_vec)
            .collect()
    }

    fn true_jaccard(left: &[String], right: &[String]) -> f32 {
        let left_set = shingle_set(left);
        let right_set = shingle_set(right);
        let shared = left_set.intersection(&right_set).count() as f32;
        let union = left_set.union(&right_set).count() as f32;
        shared / union.max(1.0)
    }

    /// `base` with every `every`-th word replaced.
    fn mutate(base: &[String], every: usize, words: &mut Words) -> Vec<String> {
        base.iter()
            .enumerate()
            .map(|(position, word)| {
                if position % every == 0 {
                    format!("x{}", words.next() % 5_000)
                } else {
                    word.clone()
                }
            })
            .collect()
    }

    #[test]
    fn estimates_agree_with_the_true_jaccard_and_with_gaoya() {
        use gaoya::minhash::{MinHasher, MinHasher64V1};
        let oracle = MinHasher64V1::new(NUM_HASHES);
        let mut words = Words(0x1234_5678);
        let mut our_error = 0.0f32;
        let mut oracle_error = 0.0f32;
        let mut pairs = 0.0f32;
        for every in [2usize, 3, 5, 8, 13, 30, 100] {
            for _ in 0..6 {
                let base = words.text(400);
                let changed = mutate(&base, every, &mut words);
                let truth = true_jaccard(&base, &changed);
                let ours = Signature::of_words(&base).jaccard(&Signature::of_words(&changed));
                let left = oracle.create_signature(shingle_set(&base).into_iter());
                let right = oracle.create_signature(shingle_set(&changed).into_iter());
                let theirs = gaoya::minhash::compute_minhash_similarity(&left, &right) as f32;
                our_error += (ours - truth).abs();
                oracle_error += (theirs - truth).abs();
                pairs += 1.0;
                // Four standard deviations of a 128-hash estimate.
                let spread = 4.0 * (truth * (1.0 - truth) / NUM_HASHES as f32).sqrt() + 0.02;
                assert!(
                    (ours - truth).abs() <= spread,
                    "every {every}: ours {ours}, true {truth}, gaoya {theirs}"
                );
            }
        }
        let our_mean = our_error / pairs;
        let oracle_mean = oracle_error / pairs;
        assert!(our_mean < 0.04, "mean error {our_mean}");
        assert!(
            our_mean <= oracle_mean * 1.5 + 0.005,
            "ours {our_mean} against gaoya {oracle_mean}"
        );
    }

    #[test]
    fn unrelated_texts_are_not_similar() {
        let mut words = Words(99);
        let left = Signature::of_words(words.text(300));
        let right = Signature::of_words(words.text(300));
        assert!(left.jaccard(&right) < 0.03);
        assert_eq!(left.containment(&right), 0.0);
    }

    #[test]
    fn a_cut_copy_is_contained() {
        let mut words = Words(7);
        let long = words.text(600);
        let cut: Vec<String> = long.iter().take(300).cloned().collect();
        let long_signature = Signature::of_words(&long);
        let cut_signature = Signature::of_words(&cut);
        let containment = cut_signature.containment(&long_signature);
        assert!(containment > 0.85, "containment {containment}");
        let found = classify(&cut_signature, &long_signature, 1).map(|found| found.kind);
        assert_eq!(found, Some(DerivationKind::Copy));
    }

    #[test]
    fn exact_copies_differ_only_in_case_and_punctuation() {
        let text = "The council met on Tuesday. It voted, 7 to 2, to close the bridge.";
        let copy = "the council met on tuesday -- it voted 7 to 2 to close the bridge";
        let left = Signature::of_text(text);
        let right = Signature::of_text(copy);
        assert_eq!(left, right);
        let found = classify(&left, &right, 5);
        assert!(found.is_some_and(|found| found.exact && found.kind == DerivationKind::Copy));
    }

    #[test]
    fn index_finds_copies_and_rewrites_but_not_strangers() {
        let mut words = Words(2024);
        let wire = words.text(500);
        let copy = mutate(&wire, 60, &mut words);
        let mut rewrite: Vec<String> = wire.iter().take(300).cloned().collect();
        rewrite.extend(words.text(150));
        let stranger = words.text(500);
        let mut index = NearDupIndex::new(NearDupConfig::default());
        assert!(index.add(1, Signature::of_words(&wire)).is_empty());
        assert!(index.add(2, Signature::of_words(&stranger)).is_empty());
        let copies = index.add(3, Signature::of_words(&copy));
        assert_eq!(copies.len(), 1, "{copies:?}");
        assert_eq!(copies[0].key, 1);
        assert_eq!(copies[0].kind, DerivationKind::Copy);
        let rewrites = index.query(&Signature::of_words(&rewrite));
        let keys: Vec<ArticleKey> = rewrites.iter().map(|found| found.key).collect();
        assert!(keys.contains(&1) && keys.contains(&3), "{rewrites:?}");
        assert!(rewrites
            .iter()
            .all(|found| found.kind == DerivationKind::Rewrite));
        assert_eq!(index.len(), 3);
    }

    #[test]
    fn capacity_forgets_the_oldest() {
        let mut words = Words(5);
        let first = words.text(100);
        let mut index = NearDupIndex::new(NearDupConfig {
            capacity: Some(2),
            ..NearDupConfig::default()
        });
        index.add(1, Signature::of_words(&first));
        index.add(2, Signature::of_words(words.text(100)));
        index.add(3, Signature::of_words(words.text(100)));
        assert_eq!(index.len(), 2);
        assert!(index.query(&Signature::of_words(&first)).is_empty());
        assert!(index.bands.values().all(|holders| !holders.contains(&1)));
    }

    #[test]
    fn bytes_round_trip_and_bad_lengths_are_errors() {
        let signature = Signature::of_text("one two three four five six seven eight");
        let bytes = signature.to_bytes();
        assert_eq!(bytes.len(), SIGNATURE_BYTES);
        assert_eq!(Signature::from_bytes(&bytes), Ok(signature.clone()));
        assert!(Signature::from_bytes(&bytes[1..]).is_err());
        let json = serde_json::to_string(&signature).unwrap_or_default();
        let back: Option<Signature> = serde_json::from_str(&json).ok();
        assert_eq!(back, Some(signature));
    }

    #[test]
    fn text_and_normalised_words_agree() {
        let text = "Ärzte in Zürich: 12 new CASES, said Dr. Ode-Lund — ΟΔΟΣ closed.";
        assert_eq!(
            Signature::of_text(text),
            Signature::of_words(normalised_words(text))
        );
    }

    #[test]
    fn empty_and_short_texts() {
        let empty = Signature::of_text("");
        assert_eq!(empty.shingles, 0);
        assert_eq!(empty.jaccard(&Signature::of_text("  ")), 1.0);
        let short = Signature::of_text("Two words");
        assert_eq!(short.shingles, 1);
        assert_eq!(short.jaccard(&Signature::of_text("two WORDS!")), 1.0);
    }

    proptest! {
        #[test]
        fn any_text_gives_a_full_signature(text in "\\PC{0,300}") {
            let signature = Signature::of_text(&text);
            prop_assert_eq!(signature.minima.len(), NUM_HASHES);
            prop_assert_eq!(signature.to_bytes().len(), SIGNATURE_BYTES);
            let jaccard = signature.jaccard(&signature);
            prop_assert!((jaccard - 1.0).abs() < 1e-6);
        }
    }
}
