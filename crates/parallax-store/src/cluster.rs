//! Stories from a stream: where each new article goes.
//!
//! [`StoryClusterer`] is what the store needs from an incremental story
//! clusterer: a compact signature per article (a pure function of the
//! article, persisted beside it), a decision per new article (join a story,
//! open one, and merge the stories the article bridges), and a way to take
//! back already placed articles after a restart. The store keeps the
//! decisions in SQLite; the clusterer keeps only an in-memory index over a
//! window of recent articles, rebuilt from the stored signatures on open.
//!
//! [`KeyTermClusterer`] is the store's own simple clusterer:
//! - signature: the article's [`KEY_TERMS`] heaviest content terms (title
//!   and body; stop words out, stemmed; names inside a sentence and
//!   figures count double, title words more), each with its weight;
//! - comparison: cosine between the article's terms and a story's centroid
//!   (the sum of its recent articles' vectors), terms weighted by how rare
//!   they are among the key terms of the window's articles;
//! - candidates: an inverted index from a term to the last stories that
//!   had it among their articles' heaviest terms, so the cost per article
//!   does not grow with the store;
//! - bounded memory: only the last [`WINDOW`] articles are indexed; a story
//!   with no article among them is no longer a candidate (news moves on).

use parallax::model::Article;
use std::collections::{HashMap, VecDeque};
use xxhash_rust::xxh3::xxh3_64;

/// Sequence number of a stored article (ingest order).
pub type ArticleSeq = i64;
/// Id of a stored story.
pub type StoryId = i64;

/// Where a new article goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub story: StoryId,
    /// Whether `story` was opened for this article.
    pub opened: bool,
    /// Stories merged into `story` because this article bridges them.
    pub absorbed: Vec<StoryId>,
    /// An earlier article of the story that this one copies: it adds no
    /// independent source.
    pub copy_of: Option<ArticleSeq>,
}

/// An incremental story clusterer whose state can be rebuilt from its
/// persisted signatures.
pub trait StoryClusterer {
    type Signature: Send + Sync + Clone;

    /// Names the signature format (kind and version). A store whose
    /// signatures were made by another kind has them made again.
    const KIND: &'static str;

    /// The signature of an article: a pure function of it (computed on
    /// other threads, before the article is placed).
    fn signature(article: &Article) -> Self::Signature;

    fn encode(signature: &Self::Signature) -> Vec<u8>;

    /// `None` when the bytes are not a signature of this kind.
    fn decode(bytes: &[u8]) -> Option<Self::Signature>;

    /// How many of the most recent articles it takes back on restore.
    fn window(&self) -> usize;

    /// Forgets every article (before a restore).
    fn reset(&mut self);

    /// Says, before a restore, the newest article it will be given (so it
    /// can skip work on the older ones).
    fn begin_restore(&mut self, _newest: ArticleSeq) {}

    /// Takes back an article placed before (restore), in ingest order;
    /// `story` is where it is now.
    fn restore(&mut self, article: ArticleSeq, story: StoryId, signature: &Self::Signature);

    /// Places a new article; `new_story` is the id a story opened for it
    /// gets.
    fn place(
        &mut self,
        article: ArticleSeq,
        signature: &Self::Signature,
        new_story: StoryId,
    ) -> Placement;
}

/// Terms kept per article.
pub const KEY_TERMS: usize = 32;
/// Articles indexed in memory: the most recent ones.
pub const WINDOW: usize = 50_000;
/// Least cosine between an article and a story's centroid to join it.
pub const JOIN_SIMILARITY: f32 = 0.30;
/// Least cosine for a second story to be merged into the one the article
/// joins (the article bridges them).
pub const MERGE_SIMILARITY: f32 = 0.45;
/// An article's heaviest terms looked up in the inverted index.
const LOOKUP_TERMS: usize = 12;
/// Stories remembered per term (the most recent).
const STORIES_PER_TERM: usize = 24;
/// Candidate stories scored per article.
const MAX_CANDIDATES: usize = 24;
/// Terms kept in a story's centroid.
const CENTROID_TERMS: usize = 96;
/// Unseen articles assumed beside the window when weighting terms, so that
/// the first articles of a store are weighed sensibly.
const BACKGROUND_ARTICLES: f32 = 50.0;
/// Extra weight of a word of the title.
const TITLE_BONUS: u32 = 2;
const SIGNATURE_VERSION: u8 = 1;

/// An article's key terms: (term hash, weight), sorted by term.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyTerms {
    pub terms: Vec<(u32, u8)>,
}

/// The key terms of an article (see the module notes).
pub fn key_terms(article: &Article) -> KeyTerms {
    let mut weights: HashMap<u32, u32> = HashMap::with_capacity(256);
    if let Some(title) = &article.title {
        add_text_terms(title, TITLE_BONUS, &mut weights);
    }
    for block in article.body_blocks() {
        add_text_terms(article.slice(&block.span), 0, &mut weights);
    }
    let mut ranked: Vec<(u32, u32)> = weights.into_iter().collect();
    ranked.sort_unstable_by(|left, right| right.1.cmp(&left.1).then(left.0.cmp(&right.0)));
    ranked.truncate(KEY_TERMS);
    let mut terms: Vec<(u32, u8)> = ranked
        .into_iter()
        .map(|(term, weight)| (term, u8::try_from(weight).unwrap_or(u8::MAX)))
        .collect();
    terms.sort_unstable();
    KeyTerms { terms }
}

/// Calls `visit(word, sentence, position)` for every word and number of
/// `text`: `sentence` counts sentence ends seen before the word (after `.`,
/// `!`, `?`, `:` or a line break), `position` is the word's place in its
/// sentence. Digit groups and decimals stay one number ("1,227", "9.5").
pub(crate) fn for_each_word(text: &str, mut visit: impl FnMut(&str, usize, usize)) {
    let mut sentence = 0usize;
    let mut position = 0usize;
    let mut word_start: Option<usize> = None;
    let mut characters = text.char_indices().peekable();
    while let Some((offset, character)) = characters.next() {
        if character.is_alphanumeric() {
            if word_start.is_none() {
                word_start = Some(offset);
            }
            continue;
        }
        if let Some(start) = word_start {
            let inside_number = matches!(character, ',' | '.')
                && text[start..offset]
                    .bytes()
                    .all(|byte| byte.is_ascii_digit())
                && characters
                    .peek()
                    .is_some_and(|(_, next)| next.is_ascii_digit());
            if inside_number {
                continue;
            }
            visit(&text[start..offset], sentence, position);
            word_start = None;
            position += 1;
        }
        if matches!(character, '.' | '!' | '?' | '\n' | ':') && position > 0 {
            sentence += 1;
            position = 0;
        }
    }
    if let Some(start) = word_start {
        visit(&text[start..], sentence, position);
    }
}

/// Adds the content terms of one run of text to `weights`.
fn add_text_terms(text: &str, bonus: u32, weights: &mut HashMap<u32, u32>) {
    for_each_word(text, |word, _, position| {
        add_word(word, position == 0, bonus, weights);
    });
}

/// Words whose terms are remembered per thread before the memory is
/// cleared (stemming is the dearest step of signing an article).
const TERM_CACHE_WORDS: usize = 100_000;

thread_local! {
    static TERM_KEYS: std::cell::RefCell<HashMap<Box<str>, Option<u32>>> =
        std::cell::RefCell::new(HashMap::new());
}

/// The key of a term's text: the low 32 bits of its xxh3 hash (the
/// library's `fuse::stream::term_key`).
pub(crate) fn term_key(term: &str) -> u32 {
    xxh3_64(term.as_bytes()) as u32
}

/// The key of a word's comparable form, and whether it is a number: a
/// number is `#digits` (one digit is too common to count: `None`); a word is
/// its stemmed lower-case form, `None` for a stop word or a word shorter
/// than `shortest` characters.
pub(crate) fn word_key(word: &str, shortest: usize) -> Option<(u32, bool)> {
    let is_number = word.starts_with(|character: char| character.is_ascii_digit())
        && word
            .bytes()
            .all(|byte| byte.is_ascii_digit() || byte == b',' || byte == b'.');
    if is_number {
        let digits: String = word.chars().filter(|c| *c != ',').collect();
        if digits.len() < 2 {
            return None;
        }
        return Some((term_key(&format!("#{digits}")), true));
    }
    // Too short to tell anything.
    word.chars().nth(shortest.saturating_sub(1))?;
    let lowercase = word.to_lowercase();
    let cached = TERM_KEYS.with(|cache| cache.borrow().get(lowercase.as_str()).copied());
    let key = match cached {
        Some(key) => key,
        None => {
            let key = (!parallax::fuse::features::is_stopword(&lowercase))
                .then(|| term_key(&parallax::fuse::features::term_of(&lowercase)));
            TERM_KEYS.with(|cache| {
                let mut cache = cache.borrow_mut();
                if cache.len() >= TERM_CACHE_WORDS {
                    cache.clear();
                }
                cache.insert(lowercase.into_boxed_str(), key);
            });
            key
        }
    };
    key.map(|key| (key, false))
}

fn add_word(word: &str, at_sentence_start: bool, bonus: u32, weights: &mut HashMap<u32, u32>) {
    let Some((key, is_number)) = word_key(word, 3) else {
        return;
    };
    let capitalised = word.starts_with(char::is_uppercase);
    let anchor = is_number || (capitalised && !at_sentence_start);
    *weights.entry(key).or_insert(0) += 1 + u32::from(anchor) + bonus;
}

impl KeyTerms {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(2 + 5 * self.terms.len());
        bytes.push(SIGNATURE_VERSION);
        bytes.push(u8::try_from(self.terms.len()).unwrap_or(u8::MAX));
        for (term, weight) in self.terms.iter().take(usize::from(u8::MAX)) {
            bytes.extend_from_slice(&term.to_le_bytes());
            bytes.push(*weight);
        }
        bytes
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<KeyTerms> {
        let (&version, rest) = bytes.split_first()?;
        let (&count, rest) = rest.split_first()?;
        if version != SIGNATURE_VERSION || rest.len() != 5 * usize::from(count) {
            return None;
        }
        let mut terms = Vec::with_capacity(usize::from(count));
        for chunk in rest.chunks_exact(5) {
            let term = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
            terms.push((term, chunk[4]));
        }
        if !terms.windows(2).all(|pair| pair[0].0 < pair[1].0) {
            return None;
        }
        Some(KeyTerms { terms })
    }

    /// A fingerprint of the whole signature: equal for copies.
    fn fingerprint(&self) -> u64 {
        xxh3_64(&self.to_bytes())
    }
}

/// A story the index still knows.
#[derive(Debug, Default)]
struct ActiveStory {
    /// Sum of its articles' unit vectors, at most [`CENTROID_TERMS`] terms.
    centroid: HashMap<u32, f32>,
    norm: f32,
    last_article: ArticleSeq,
    /// Stories merged into this one, whose ids still redirect here.
    absorbed: Vec<StoryId>,
}

impl ActiveStory {
    fn add(&mut self, vector: &[(u32, f32)]) {
        for (term, weight) in vector {
            *self.centroid.entry(*term).or_insert(0.0) += weight;
        }
        self.trim_and_measure();
    }

    fn absorb(&mut self, other: ActiveStory, other_id: StoryId) {
        for (term, weight) in other.centroid {
            *self.centroid.entry(term).or_insert(0.0) += weight;
        }
        self.last_article = self.last_article.max(other.last_article);
        self.absorbed.push(other_id);
        self.absorbed.extend(other.absorbed);
        self.trim_and_measure();
    }

    fn trim_and_measure(&mut self) {
        if self.centroid.len() > CENTROID_TERMS + CENTROID_TERMS / 2 {
            let mut entries: Vec<(u32, f32)> = self.centroid.drain().collect();
            entries.sort_unstable_by(|left, right| {
                right.1.total_cmp(&left.1).then(left.0.cmp(&right.0))
            });
            entries.truncate(CENTROID_TERMS);
            self.centroid.extend(entries);
        }
        self.norm = self
            .centroid
            .values()
            .map(|weight| weight * weight)
            .sum::<f32>()
            .sqrt();
    }

    fn cosine(&self, vector: &[(u32, f32)]) -> f32 {
        if self.norm <= 0.0 {
            return 0.0;
        }
        let dot: f32 = vector
            .iter()
            .map(|(term, weight)| self.centroid.get(term).copied().unwrap_or(0.0) * weight)
            .sum();
        dot / self.norm
    }
}

/// An article of the window.
#[derive(Debug)]
struct WindowEntry {
    article: ArticleSeq,
    story: StoryId,
    terms: Box<[u32]>,
    fingerprint: u64,
}

/// The store's own incremental clusterer (see the module notes).
#[derive(Debug)]
pub struct KeyTermClusterer {
    window_size: usize,
    join_similarity: f32,
    merge_similarity: f32,
    window: VecDeque<WindowEntry>,
    /// In how many of the window's articles each term is a key term.
    document_frequency: HashMap<u32, u32>,
    /// Term → the last stories whose articles had it among their heaviest
    /// terms, most recent last.
    postings: HashMap<u32, Vec<StoryId>>,
    stories: HashMap<StoryId, ActiveStory>,
    /// Merged story → the story it went into.
    redirects: HashMap<StoryId, StoryId>,
    /// Signature fingerprint → the window article that has it.
    copies: HashMap<u64, ArticleSeq>,
    /// Story of each window article, by fingerprint's article.
    story_of_article: HashMap<ArticleSeq, StoryId>,
}

impl Default for KeyTermClusterer {
    fn default() -> Self {
        KeyTermClusterer::new(WINDOW, JOIN_SIMILARITY, MERGE_SIMILARITY)
    }
}

impl KeyTermClusterer {
    pub fn new(window_size: usize, join_similarity: f32, merge_similarity: f32) -> Self {
        KeyTermClusterer {
            window_size: window_size.max(1),
            join_similarity,
            merge_similarity: merge_similarity.max(join_similarity),
            window: VecDeque::new(),
            document_frequency: HashMap::new(),
            postings: HashMap::new(),
            stories: HashMap::new(),
            redirects: HashMap::new(),
            copies: HashMap::new(),
            story_of_article: HashMap::new(),
        }
    }

    /// Stories the index holds now.
    pub fn active_stories(&self) -> usize {
        self.stories.len()
    }

    fn resolve(&self, story: StoryId) -> StoryId {
        let mut current = story;
        // Chains are short; the bound guards against a cycle.
        for _ in 0..64 {
            match self.redirects.get(&current) {
                Some(next) if *next != current => current = *next,
                _ => break,
            }
        }
        current
    }

    /// The article's unit vector: key-term weights damped and weighted by
    /// rarity in the window.
    fn vector(&self, signature: &KeyTerms) -> Vec<(u32, f32)> {
        let articles = self.window.len() as f32 + BACKGROUND_ARTICLES;
        let mut vector: Vec<(u32, f32)> = signature
            .terms
            .iter()
            .map(|(term, weight)| {
                let frequency = self.document_frequency.get(term).copied().unwrap_or(0) as f32;
                let rarity = (1.0 + articles / (frequency + 1.0)).ln();
                (*term, (1.0 + f32::from(*weight).ln()) * rarity)
            })
            .collect();
        let norm = vector
            .iter()
            .map(|(_, weight)| weight * weight)
            .sum::<f32>()
            .sqrt();
        if norm > 0.0 {
            for (_, weight) in &mut vector {
                *weight /= norm;
            }
        }
        vector
    }

    /// The vector's heaviest terms, for the inverted index.
    fn lookup_terms(vector: &[(u32, f32)]) -> Vec<u32> {
        let mut ranked: Vec<(u32, f32)> = vector.to_vec();
        ranked
            .sort_unstable_by(|left, right| right.1.total_cmp(&left.1).then(left.0.cmp(&right.0)));
        ranked
            .into_iter()
            .take(LOOKUP_TERMS)
            .map(|(term, _)| term)
            .collect()
    }

    /// Records an article in `story` (which must exist in `stories`).
    fn record(
        &mut self,
        article: ArticleSeq,
        story: StoryId,
        signature: &KeyTerms,
        vector: &[(u32, f32)],
    ) {
        let story_entry = self.stories.entry(story).or_default();
        story_entry.add(vector);
        story_entry.last_article = story_entry.last_article.max(article);
        for term in Self::lookup_terms(vector) {
            let list = self.postings.entry(term).or_default();
            list.retain(|listed| *listed != story);
            list.push(story);
            if list.len() > STORIES_PER_TERM {
                list.remove(0);
            }
        }
        let terms: Box<[u32]> = signature.terms.iter().map(|(term, _)| *term).collect();
        for term in terms.iter() {
            *self.document_frequency.entry(*term).or_insert(0) += 1;
        }
        let fingerprint = signature.fingerprint();
        if !signature.terms.is_empty() {
            self.copies.insert(fingerprint, article);
        }
        self.story_of_article.insert(article, story);
        self.window.push_back(WindowEntry {
            article,
            story,
            terms,
            fingerprint,
        });
        while self.window.len() > self.window_size {
            self.evict_oldest();
        }
    }

    fn evict_oldest(&mut self) {
        let Some(entry) = self.window.pop_front() else {
            return;
        };
        for term in entry.terms.iter() {
            if let Some(count) = self.document_frequency.get_mut(term) {
                *count = count.saturating_sub(1);
                if *count == 0 {
                    self.document_frequency.remove(term);
                    self.postings.remove(term);
                }
            }
        }
        if self.copies.get(&entry.fingerprint) == Some(&entry.article) {
            self.copies.remove(&entry.fingerprint);
        }
        self.story_of_article.remove(&entry.article);
        let story = self.resolve(entry.story);
        let inactive = self
            .stories
            .get(&story)
            .is_some_and(|active| active.last_article <= entry.article);
        if inactive {
            if let Some(removed) = self.stories.remove(&story) {
                for absorbed in removed.absorbed {
                    self.redirects.remove(&absorbed);
                }
            }
        }
    }

    /// Candidate stories: those listed under the article's heaviest terms,
    /// most shared weight first.
    fn candidates(&self, vector: &[(u32, f32)]) -> Vec<StoryId> {
        let weight_of: HashMap<u32, f32> = vector.iter().copied().collect();
        let mut shared: HashMap<StoryId, f32> = HashMap::new();
        for term in Self::lookup_terms(vector) {
            let Some(stories) = self.postings.get(&term) else {
                continue;
            };
            let weight = weight_of.get(&term).copied().unwrap_or(0.0);
            for story in stories {
                let resolved = self.resolve(*story);
                if self.stories.contains_key(&resolved) {
                    *shared.entry(resolved).or_insert(0.0) += weight;
                }
            }
        }
        let mut ranked: Vec<(StoryId, f32)> = shared.into_iter().collect();
        ranked
            .sort_unstable_by(|left, right| right.1.total_cmp(&left.1).then(left.0.cmp(&right.0)));
        ranked
            .into_iter()
            .take(MAX_CANDIDATES)
            .map(|(story, _)| story)
            .collect()
    }
}

impl StoryClusterer for KeyTermClusterer {
    type Signature = KeyTerms;

    const KIND: &'static str = "key-terms-1";

    fn signature(article: &Article) -> KeyTerms {
        key_terms(article)
    }

    fn encode(signature: &KeyTerms) -> Vec<u8> {
        signature.to_bytes()
    }

    fn decode(bytes: &[u8]) -> Option<KeyTerms> {
        KeyTerms::from_bytes(bytes)
    }

    fn window(&self) -> usize {
        self.window_size
    }

    fn reset(&mut self) {
        *self = KeyTermClusterer::new(
            self.window_size,
            self.join_similarity,
            self.merge_similarity,
        );
    }

    fn restore(&mut self, article: ArticleSeq, story: StoryId, signature: &KeyTerms) {
        let vector = self.vector(signature);
        self.record(article, story, signature, &vector);
    }

    fn place(
        &mut self,
        article: ArticleSeq,
        signature: &KeyTerms,
        new_story: StoryId,
    ) -> Placement {
        let vector = self.vector(signature);
        // A copy of a window article goes where the copied article is.
        let copy_of = if signature.terms.is_empty() {
            None
        } else {
            self.copies.get(&signature.fingerprint()).copied()
        };
        let copied_story = copy_of
            .and_then(|copied| self.story_of_article.get(&copied).copied())
            .map(|story| self.resolve(story))
            .filter(|story| self.stories.contains_key(story));

        let mut scored: Vec<(StoryId, f32)> = self
            .candidates(&vector)
            .into_iter()
            .map(|story| {
                let similarity = self
                    .stories
                    .get(&story)
                    .map_or(0.0, |active| active.cosine(&vector));
                (story, similarity)
            })
            .collect();
        scored
            .sort_unstable_by(|left, right| right.1.total_cmp(&left.1).then(left.0.cmp(&right.0)));

        let best = match copied_story {
            Some(story) => Some(story),
            None => scored
                .first()
                .filter(|(_, similarity)| *similarity >= self.join_similarity)
                .map(|(story, _)| *story),
        };
        let (story, opened) = match best {
            Some(story) => (story, false),
            None => (new_story, true),
        };
        let mut absorbed = Vec::new();
        if !opened {
            for (other, similarity) in &scored {
                if *other != story && *similarity >= self.merge_similarity {
                    absorbed.push(*other);
                }
            }
        }
        for other in &absorbed {
            if let Some(removed) = self.stories.remove(other) {
                if let Some(surviving) = self.stories.get_mut(&story) {
                    surviving.absorb(removed, *other);
                }
            }
            self.redirects.insert(*other, story);
        }
        self.record(article, story, signature, &vector);
        Placement {
            story,
            opened,
            absorbed,
            copy_of: if copied_story == Some(story) {
                copy_of
            } else {
                None
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax::ingest::read_plain_text;

    fn article(text: &str) -> Article {
        read_plain_text("test.txt", text.as_bytes(), 0).unwrap()
    }

    const FLOOD_ONE: &str = "Heavy rain flooded the river town of Kellmark on Monday, and the mayor, Ilse Brandvik, ordered 1,200 residents to leave their homes.\n\nRescue boats reached the flooded streets of Kellmark by evening, Brandvik said.";
    const FLOOD_TWO: &str = "The mayor of Kellmark, Ilse Brandvik, told 1,200 people to leave after the river burst its banks in the town on Monday.\n\nBoats carried residents from flooded streets, she said.";
    const TRADE: &str = "Ministers from Oskaria and Velland signed a trade pact in Porvo on Friday, cutting tariffs on timber and grain by 40 percent.\n\nThe Velland trade minister, Aron Miettinen, called the pact historic.";

    #[test]
    fn key_terms_favour_names_and_figures_and_skip_stop_words() {
        let terms = key_terms(&article(FLOOD_ONE));
        let hash = |term: &str| xxh3_64(term.as_bytes()) as u32;
        let weight_of = |term: &str| {
            terms
                .terms
                .iter()
                .find(|(hashed, _)| *hashed == hash(term))
                .map(|(_, weight)| *weight)
        };
        // "Kellmark" twice, both inside a sentence: 2 × (1 + 1).
        assert_eq!(
            weight_of(&parallax::fuse::features::term_of("kellmark")),
            Some(4)
        );
        assert_eq!(weight_of("#1200"), Some(2));
        assert_eq!(weight_of("the"), None);
        assert!(terms.terms.windows(2).all(|pair| pair[0].0 < pair[1].0));
        assert!(terms.terms.len() <= KEY_TERMS);
    }

    proptest::proptest! {
        #[test]
        fn words_are_alphanumeric_runs_of_the_text_in_order(text in "\\PC{0,120}") {
            let mut last_end = 0usize;
            let mut last_sentence = 0usize;
            let base = text.as_ptr() as usize;
            for_each_word(&text, |word, sentence, _| {
                let start = word.as_ptr() as usize - base;
                assert!(start >= last_end, "words in order");
                assert!(sentence >= last_sentence);
                assert!(!word.is_empty());
                assert!(word.chars().next().is_some_and(char::is_alphanumeric));
                assert!(word.chars().all(|c| c.is_alphanumeric() || c == ',' || c == '.'));
                last_end = start + word.len();
                last_sentence = sentence;
            });
        }

        #[test]
        fn signatures_of_any_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            if let Some(terms) = KeyTerms::from_bytes(&bytes) {
                proptest::prop_assert_eq!(terms.to_bytes(), bytes);
            }
        }
    }

    #[test]
    fn word_keys_fold_inflections_and_skip_stop_words_and_short_words() {
        let key = |word: &str| word_key(word, 3);
        assert_eq!(key("Released"), key("releases"));
        assert_eq!(key("Released"), key("released"), "cached the second time");
        assert_eq!(
            key("flooding"),
            Some((
                term_key(&parallax::fuse::features::term_of("flooding")),
                false
            ))
        );
        assert_eq!(key("the"), None);
        assert_eq!(key("ox"), None);
        assert_eq!(word_key("ox", 2).map(|(_, number)| number), Some(false));
        assert_eq!(key("1,227"), Some((term_key("#1227"), true)));
        assert_eq!(key("7"), None);
    }

    #[test]
    fn signatures_round_trip_and_reject_other_bytes() {
        let terms = key_terms(&article(TRADE));
        let bytes = terms.to_bytes();
        assert_eq!(KeyTerms::from_bytes(&bytes), Some(terms));
        assert_eq!(KeyTerms::from_bytes(&[]), None);
        assert_eq!(KeyTerms::from_bytes(&[9, 0]), None);
        let mut truncated = bytes.clone();
        truncated.pop();
        assert_eq!(KeyTerms::from_bytes(&truncated), None);
    }

    #[test]
    fn reports_of_one_event_share_a_story_and_others_open_their_own() {
        let mut clusterer = KeyTermClusterer::default();
        let first = clusterer.place(1, &key_terms(&article(FLOOD_ONE)), 1);
        assert_eq!(
            first,
            Placement {
                story: 1,
                opened: true,
                absorbed: vec![],
                copy_of: None
            }
        );
        let trade = clusterer.place(2, &key_terms(&article(TRADE)), 2);
        assert!(trade.opened);
        let second = clusterer.place(3, &key_terms(&article(FLOOD_TWO)), 3);
        assert_eq!(second.story, 1);
        assert!(!second.opened);
        assert_eq!(second.copy_of, None);
    }

    #[test]
    fn a_copy_joins_the_story_of_what_it_copies_and_is_marked() {
        let mut clusterer = KeyTermClusterer::default();
        clusterer.place(1, &key_terms(&article(TRADE)), 1);
        let copy = clusterer.place(2, &key_terms(&article(&format!("{TRADE}\n"))), 2);
        assert_eq!(copy.story, 1);
        assert_eq!(copy.copy_of, Some(1));
    }

    #[test]
    fn restoring_gives_the_same_decisions_as_before_a_restart() {
        let articles = [FLOOD_ONE, TRADE, FLOOD_TWO];
        let mut running = KeyTermClusterer::default();
        let mut placements = Vec::new();
        for (position, text) in articles.iter().enumerate() {
            let seq = position as i64 + 1;
            placements.push(running.place(seq, &key_terms(&article(text)), seq));
        }
        let mut restored = KeyTermClusterer::default();
        for (position, text) in articles.iter().enumerate() {
            let seq = position as i64 + 1;
            restored.restore(seq, placements[position].story, &key_terms(&article(text)));
        }
        let next = key_terms(&article(&format!(
            "{FLOOD_TWO} Kellmark schools stayed shut."
        )));
        assert_eq!(running.place(4, &next, 4), restored.place(4, &next, 4));
    }

    #[test]
    fn the_window_bounds_what_is_kept() {
        let mut clusterer = KeyTermClusterer::new(2, JOIN_SIMILARITY, MERGE_SIMILARITY);
        clusterer.place(1, &key_terms(&article(FLOOD_ONE)), 1);
        clusterer.place(2, &key_terms(&article(TRADE)), 2);
        clusterer.place(
            3,
            &key_terms(&article(
                "Astronomers at the Halden observatory found a comet on Sunday.",
            )),
            3,
        );
        assert_eq!(clusterer.window.len(), 2);
        assert_eq!(clusterer.active_stories(), 2);
        // The flood story left the window: a new report opens a new story.
        let late = clusterer.place(4, &key_terms(&article(FLOOD_TWO)), 4);
        assert!(late.opened);
    }

    #[test]
    fn an_article_bridging_two_stories_merges_them() {
        let mut clusterer = KeyTermClusterer::new(100, 0.3, 0.3);
        let left =
            "Kellmark river flood: mayor Ilse Brandvik evacuates 1,200 residents of Kellmark.";
        let right = "Trade pact: Oskaria and Velland cut timber tariffs by 40 percent in Porvo.";
        assert!(clusterer.place(1, &key_terms(&article(left)), 1).opened);
        assert!(clusterer.place(2, &key_terms(&article(right)), 2).opened);
        let bridge = format!("{left}\n\n{right}");
        let placement = clusterer.place(3, &key_terms(&article(&bridge)), 3);
        assert!(!placement.opened);
        assert_eq!(placement.absorbed.len(), 1);
        assert_eq!(clusterer.active_stories(), 1);
        // Later reports of either side find the merged story.
        let later = clusterer.place(4, &key_terms(&article(right)), 4);
        assert_eq!(later.story, placement.story);
    }
}
