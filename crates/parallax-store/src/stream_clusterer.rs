//! The library's stream clusterer ([`parallax::fuse::stream`]) and
//! near-duplicate index ([`parallax::fuse::near_dup`]) behind the store's
//! [`StoryClusterer`] trait.
//!
//! The signature of an article is its story signature and its MinHash
//! signature (for copies). The story signature is made here from the text
//! ([`story_signature`]), in the library's term space (stemmed content
//! words, `#` figures, names flagged as anchors, the lead's terms flagged)
//! but without the full analysis that `StorySignature::of_article` needs:
//! that costs about a millisecond per article, ten times the rest of
//! ingest. What it loses: dates mentioned in the text (the article's own
//! publication date is kept). The library clusterer numbers its stories itself; this adapter
//! maps its ids to the store's, many to one, so that after a restart (a
//! replay of the window's signatures, which may group a few articles
//! differently than the first time) every library story still leads to a
//! stored story. Merges that the mapping makes moot (two library stories of
//! one stored story) are dropped.

use crate::cluster::{ArticleSeq, Placement, StoryClusterer, StoryId};
use parallax::fuse::near_dup::{self, NearDupConfig, NearDupIndex};
use parallax::fuse::stream::{
    day_number, StoryId as LibraryStoryId, StorySignature, StreamClusterer, StreamConfig,
    ANCHOR_FLAG, COUNT_MASK, LEAD_FLAG, LEAD_SENTENCES, MAX_SIGNATURE_TERMS,
};
use parallax::model::{Article, DerivationKind};
use std::collections::{HashMap, VecDeque};

/// Articles kept in the near-duplicate index (copies are looked for among
/// them).
pub const NEAR_DUPLICATE_WINDOW: usize = 20_000;
/// Articles replayed into the library clusterer when a store is opened.
/// The library keeps a story open for `max_idle_articles` (100,000) without
/// news, but replaying that many costs about 20 s on a 2-core machine; a
/// story idle for more than this many articles before a restart is not
/// continued after it (its next article opens a new story).
pub const RESTORE_WINDOW: usize = 30_000;
const SIGNATURE_VERSION: u8 = 2;
const NO_DAY: i32 = i32::MIN;

/// What the adapter keeps of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamSignature {
    pub story: StorySignature,
    pub near: near_dup::Signature,
}

/// The stream clusterer with the store's story ids.
#[derive(Debug)]
pub struct StreamStoryClusterer {
    config: StreamConfig,
    inner: StreamClusterer,
    /// Library story → stored story, with the last article placed through
    /// the entry (entries idle longer than the library keeps a story are
    /// swept).
    to_store: HashMap<LibraryStoryId, (StoryId, ArticleSeq)>,
    /// Stored story merged away → the story it went into, with when; kept
    /// as long as an entry of `to_store` or `story_of` may name it.
    redirects: HashMap<StoryId, StoryId>,
    redirect_log: VecDeque<(ArticleSeq, StoryId)>,
    near: NearDupIndex,
    /// The near-duplicate window, oldest first, with each article's story.
    recent: VecDeque<ArticleSeq>,
    story_of: HashMap<ArticleSeq, StoryId>,
    near_window: usize,
    /// The newest article seen, and when `to_store` was last swept.
    newest: ArticleSeq,
    swept_at: ArticleSeq,
    /// During a restore: articles up to this one skip the near-duplicate
    /// index (they would leave it before the restore ends).
    restore_near_from: ArticleSeq,
}

/// Articles between two sweeps of the id map.
const SWEEP_EVERY: ArticleSeq = 10_000;

impl Default for StreamStoryClusterer {
    fn default() -> Self {
        StreamStoryClusterer::new(StreamConfig::default(), NEAR_DUPLICATE_WINDOW)
    }
}

impl StreamStoryClusterer {
    pub fn new(config: StreamConfig, near_window: usize) -> Self {
        StreamStoryClusterer {
            config,
            inner: StreamClusterer::new(config),
            to_store: HashMap::new(),
            redirects: HashMap::new(),
            redirect_log: VecDeque::new(),
            near: NearDupIndex::new(NearDupConfig::default()),
            recent: VecDeque::new(),
            story_of: HashMap::new(),
            near_window: near_window.max(1),
            newest: 0,
            swept_at: 0,
            restore_near_from: 0,
        }
    }

    /// Stories the library clusterer holds open.
    pub fn open_stories(&self) -> usize {
        self.inner.open_stories()
    }

    /// Entries of the library-to-store id map (bounded by the sweeps).
    pub fn mapped_stories(&self) -> usize {
        self.to_store.len()
    }

    /// The stored story a story id now leads to, through merges.
    fn resolve(&self, story: StoryId) -> StoryId {
        let mut current = story;
        // Each redirect goes to a story that was live when it was made.
        for _ in 0..1024 {
            match self.redirects.get(&current) {
                Some(next) if *next != current => current = *next,
                _ => break,
            }
        }
        current
    }

    /// How long, in articles, an id may still be named: the longer of the
    /// library's idle limit and the near-duplicate window.
    fn memory_span(&self) -> ArticleSeq {
        let idle = ArticleSeq::try_from(self.config.max_idle_articles).unwrap_or(ArticleSeq::MAX);
        let near = ArticleSeq::try_from(self.near_window).unwrap_or(ArticleSeq::MAX);
        idle.max(near)
    }

    /// Notes the newest article; now and then forgets ids no story can
    /// lead to any more.
    fn advance(&mut self, article: ArticleSeq) {
        self.newest = self.newest.max(article);
        if self.newest - self.swept_at < SWEEP_EVERY {
            return;
        }
        self.swept_at = self.newest;
        let horizon = self.newest.saturating_sub(self.memory_span());
        self.to_store.retain(|_, (_, last)| *last >= horizon);
        while let Some(&(when, story)) = self.redirect_log.front() {
            if when >= horizon {
                break;
            }
            self.redirect_log.pop_front();
            self.redirects.remove(&story);
        }
    }

    /// Adds an article to the near-duplicate window; returns the earlier
    /// articles it copies, most alike first. Its story is noted apart
    /// ([`Self::note_story`]), once known.
    fn remember(
        &mut self,
        article: ArticleSeq,
        signature: &near_dup::Signature,
    ) -> Vec<ArticleSeq> {
        let key = article.max(0) as u64;
        let copies: Vec<ArticleSeq> = self
            .near
            .add(key, signature.clone())
            .into_iter()
            .filter(|duplicate| duplicate.kind == DerivationKind::Copy)
            .map(|duplicate| duplicate.key as ArticleSeq)
            .filter(|copied| *copied != article)
            .collect();
        self.recent.push_back(article);
        while self.recent.len() > self.near_window {
            if let Some(oldest) = self.recent.pop_front() {
                self.near.remove(oldest.max(0) as u64);
                self.story_of.remove(&oldest);
            }
        }
        copies
    }

    fn note_story(&mut self, article: ArticleSeq, story: StoryId) {
        if self.recent.back() == Some(&article) {
            self.story_of.insert(article, story);
        }
    }

    /// The story a window article is in now.
    fn story_of_article(&self, article: ArticleSeq) -> Option<StoryId> {
        self.story_of
            .get(&article)
            .map(|story| self.resolve(*story))
    }
}

/// A term being collected: count, first position, flags.
#[derive(Debug, Clone, Copy, Default)]
struct Collected {
    count: u32,
    first: u32,
    anchor: bool,
    lead: bool,
}

fn note(
    collected: &mut HashMap<u32, Collected>,
    key: u32,
    position: u32,
    anchor: bool,
    lead: bool,
) {
    let entry = collected.entry(key).or_insert(Collected {
        first: position,
        ..Collected::default()
    });
    entry.count += 1;
    entry.anchor |= anchor;
    entry.lead |= lead;
}

fn name_lead(names: &NameRuns) -> bool {
    names.run_lead
}

/// Whole names from the text: runs of two or more capitalised words in a
/// sentence ("Ilse Brandvik", a leading stop word such as "The" dropped)
/// give the term `=ilse brandvik`; a capitalised word alone inside a
/// sentence that ends a name seen before in the article ("Brandvik") counts
/// for that name. The library makes the same terms from resolved name
/// mentions; this is their cheap stand-in.
#[derive(Debug, Default)]
struct NameRuns {
    run: Vec<String>,
    run_sentence: usize,
    run_start: usize,
    run_last: usize,
    run_lead: bool,
    /// Last word of each whole name seen → the name's key.
    by_last_word: HashMap<String, u32>,
}

impl NameRuns {
    /// Takes the next word; gives the key of a name the words before it
    /// completed, if any.
    fn next_word(
        &mut self,
        word: &str,
        capitalised: bool,
        sentence: usize,
        index: usize,
        lead: bool,
    ) -> Option<u32> {
        let is_name_word = capitalised && word.chars().all(char::is_alphabetic);
        let continues =
            !self.run.is_empty() && self.run_sentence == sentence && self.run_last + 1 == index;
        if is_name_word && continues {
            self.run.push(word.to_lowercase());
            self.run_last = index;
            return None;
        }
        let finished = self.flush();
        if is_name_word {
            self.run.push(word.to_lowercase());
            self.run_sentence = sentence;
            self.run_start = index;
            self.run_last = index;
            self.run_lead = lead;
        }
        finished
    }

    /// Ends the current run; gives its name's key when it is one.
    fn flush(&mut self) -> Option<u32> {
        let mut words = std::mem::take(&mut self.run);
        if self.run_start == 0
            && words
                .first()
                .is_some_and(|first| parallax::fuse::features::is_stopword(first))
        {
            words.remove(0);
        }
        match words.len() {
            0 => None,
            1 => {
                // A surname alone inside a sentence stands for the whole name.
                let word = words.first()?;
                if self.run_start == 0 {
                    return None;
                }
                self.by_last_word.get(word).copied()
            }
            _ => {
                let key = crate::cluster::term_key(&format!("={}", words.join(" ")));
                if let Some(last) = words.last() {
                    self.by_last_word.insert(last.clone(), key);
                }
                Some(key)
            }
        }
    }
}

/// The story signature of an article from its body text: every content
/// word (stemmed, stop words and one-letter words out) and figure, counted;
/// whole names (see [`NameRuns`]); anchors are figures, names and
/// capitalised words inside a sentence; lead terms those of the first
/// [`LEAD_SENTENCES`] sentences. The
/// [`MAX_SIGNATURE_TERMS`] most telling are kept, ranked as the library
/// ranks them (anchors, then the lead, then count and first position).
pub fn story_signature(article: &Article) -> StorySignature {
    let mut collected: HashMap<u32, Collected> = HashMap::with_capacity(256);
    let mut position = 0u32;
    let mut sentences_before = 0usize;
    let mut names = NameRuns::default();
    for block in article.body_blocks() {
        let mut last_sentence = 0usize;
        crate::cluster::for_each_word(article.slice(&block.span), |word, sentence, index| {
            last_sentence = sentence;
            position += 1;
            let lead = sentences_before + sentence < LEAD_SENTENCES;
            let capitalised = word.starts_with(char::is_uppercase);
            if let Some(name) = names.next_word(word, capitalised, sentence, index, lead) {
                note(&mut collected, name, position, true, lead);
            }
            let Some((key, is_number)) = crate::cluster::word_key(word, 2) else {
                return;
            };
            note(
                &mut collected,
                key,
                position,
                is_number || (capitalised && index > 0),
                lead,
            );
        });
        if let Some(name) = names.flush() {
            note(&mut collected, name, position, true, name_lead(&names));
        }
        sentences_before += last_sentence + 1;
    }
    let mut ranked: Vec<(u32, Collected)> = collected.into_iter().collect();
    let priority = |term: &Collected| {
        term.count.min(8) + 3 * u32::from(term.anchor) + 2 * u32::from(term.lead)
    };
    ranked.sort_unstable_by(|(left_key, left), (right_key, right)| {
        priority(right)
            .cmp(&priority(left))
            .then(left.first.cmp(&right.first))
            .then(left_key.cmp(right_key))
    });
    ranked.truncate(MAX_SIGNATURE_TERMS);
    ranked.sort_unstable_by_key(|(key, _)| *key);
    let mut signature = StorySignature {
        day: article.published.map(day_number),
        terms: Vec::with_capacity(ranked.len()),
        flags: Vec::with_capacity(ranked.len()),
    };
    for (key, term) in ranked {
        let mut flags = term.count.min(u32::from(COUNT_MASK)) as u8;
        if term.anchor {
            flags |= ANCHOR_FLAG;
        }
        if term.lead {
            flags |= LEAD_FLAG;
        }
        signature.terms.push(key);
        signature.flags.push(flags);
    }
    signature
}

/// The text the near-duplicate signature is made of: the body blocks.
fn body_text(article: &Article) -> String {
    let mut text = String::with_capacity(article.text.len());
    for block in article.body_blocks() {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(article.slice(&block.span));
    }
    text
}

impl StoryClusterer for StreamStoryClusterer {
    type Signature = StreamSignature;

    const KIND: &'static str = "fuse-stream-text-2";

    fn signature(article: &Article) -> StreamSignature {
        StreamSignature {
            story: story_signature(article),
            near: near_dup::Signature::of_text(&body_text(article)),
        }
    }

    fn encode(signature: &StreamSignature) -> Vec<u8> {
        let story = &signature.story;
        let count = story.terms.len().min(usize::from(u16::MAX));
        let mut bytes = Vec::with_capacity(7 + 5 * count + near_dup::SIGNATURE_BYTES);
        bytes.push(SIGNATURE_VERSION);
        bytes.extend_from_slice(&story.day.unwrap_or(NO_DAY).to_le_bytes());
        bytes.extend_from_slice(&(count as u16).to_le_bytes());
        for term in story.terms.iter().take(count) {
            bytes.extend_from_slice(&term.to_le_bytes());
        }
        for flags in story.flags.iter().take(count) {
            bytes.push(*flags);
        }
        bytes.extend_from_slice(&signature.near.to_bytes());
        bytes
    }

    fn decode(bytes: &[u8]) -> Option<StreamSignature> {
        let (&version, rest) = bytes.split_first()?;
        if version != SIGNATURE_VERSION || rest.len() < 6 {
            return None;
        }
        let (day_bytes, rest) = rest.split_at(4);
        let (count_bytes, rest) = rest.split_at(2);
        let day = i32::from_le_bytes(day_bytes.try_into().ok()?);
        let count = usize::from(u16::from_le_bytes(count_bytes.try_into().ok()?));
        if rest.len() != 5 * count + near_dup::SIGNATURE_BYTES {
            return None;
        }
        let (term_bytes, rest) = rest.split_at(4 * count);
        let (flags, near_bytes) = rest.split_at(count);
        let terms: Vec<u32> = term_bytes
            .chunks_exact(4)
            .map(|chunk| u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]))
            .collect();
        if !terms.windows(2).all(|pair| pair[0] < pair[1]) {
            return None;
        }
        Some(StreamSignature {
            story: StorySignature {
                day: (day != NO_DAY).then_some(day),
                terms,
                flags: flags.to_vec(),
            },
            near: near_dup::Signature::from_bytes(near_bytes).ok()?,
        })
    }

    fn window(&self) -> usize {
        usize::try_from(self.config.max_idle_articles)
            .unwrap_or(usize::MAX)
            .min(RESTORE_WINDOW)
    }

    fn begin_restore(&mut self, newest: ArticleSeq) {
        let near = ArticleSeq::try_from(self.near_window).unwrap_or(ArticleSeq::MAX);
        self.restore_near_from = newest.saturating_sub(near);
    }

    fn reset(&mut self) {
        *self = StreamStoryClusterer::new(self.config, self.near_window);
    }

    fn restore(&mut self, article: ArticleSeq, story: StoryId, signature: &StreamSignature) {
        let assignment = self.inner.add(article.max(0) as u64, &signature.story);
        for merged in &assignment.merged {
            self.to_store.remove(merged);
        }
        self.to_store.insert(assignment.story, (story, article));
        if article > self.restore_near_from {
            self.remember(article, &signature.near);
            self.note_story(article, story);
        }
        self.advance(article);
    }

    fn place(
        &mut self,
        article: ArticleSeq,
        signature: &StreamSignature,
        new_story: StoryId,
    ) -> Placement {
        let assignment = self.inner.add(article.max(0) as u64, &signature.story);
        let copies = self.remember(article, &signature.near);
        let known = self
            .to_store
            .get(&assignment.story)
            .map(|(story, _)| self.resolve(*story));
        // A copy of a window article whose words opened a story of their
        // own in the library still belongs with what it copies.
        let copied_story = copies
            .iter()
            .find_map(|copied| self.story_of_article(*copied));
        let (story, opened) = match (known, copied_story) {
            (Some(story), _) | (None, Some(story)) => (story, false),
            (None, None) => (new_story, true),
        };
        self.to_store.insert(assignment.story, (story, article));
        let mut absorbed: Vec<StoryId> = Vec::new();
        for merged in &assignment.merged {
            if let Some((gone, _)) = self.to_store.remove(merged) {
                let gone = self.resolve(gone);
                if gone != story && !absorbed.contains(&gone) {
                    absorbed.push(gone);
                }
            }
        }
        for gone in &absorbed {
            self.redirects.insert(*gone, story);
            self.redirect_log.push_back((article, *gone));
        }
        self.note_story(article, story);
        let copy_of = copies
            .into_iter()
            .find(|copied| self.story_of_article(*copied) == Some(story));
        self.advance(article);
        Placement {
            story,
            opened,
            absorbed,
            copy_of,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax::fuse::stream::term_key;
    use parallax::ingest::read_plain_text;

    #[test]
    fn term_keys_are_the_librarys() {
        for term in ["kellmark", "#1200", "flood", ""] {
            assert_eq!(crate::cluster::term_key(term), term_key(term));
        }
    }

    fn article(text: &str) -> Article {
        read_plain_text("test.txt", text.as_bytes(), 0).unwrap()
    }

    const FLOOD_ONE: &str = "Heavy rain flooded the river town of Kellmark on Monday, and the mayor, Ilse Brandvik, ordered 1,200 residents to leave their homes.\n\nRescue boats reached the flooded streets of Kellmark by evening, Brandvik said.\n";
    const FLOOD_TWO: &str = "The mayor of Kellmark, Ilse Brandvik, told 1,200 people to leave after the river burst its banks in the town on Monday.\n\nBoats carried residents from the flooded streets of Kellmark, Brandvik said.\n";
    const TRADE: &str = "Ministers from Oskaria and Velland signed a trade pact in Porvo on Friday, cutting tariffs on timber and grain by 40 percent.\n\nThe Velland trade minister, Aron Miettinen, called the Porvo pact historic.\n";

    fn sign(text: &str) -> StreamSignature {
        StreamStoryClusterer::signature(&article(text))
    }

    #[test]
    fn the_story_signature_flags_names_figures_and_the_lead() {
        let text = "Officials in Kellmark said 1,200 people left.\n\nThe river rose. It rained. Boats came. Late that night the Kellmark mayor spoke.\n";
        let signature = story_signature(&article(text));
        let flags_of = |term: &str| {
            let key = term_key(term);
            signature
                .terms
                .iter()
                .position(|held| *held == key)
                .and_then(|position| signature.flags.get(position).copied())
        };
        let kellmark = flags_of(&parallax::fuse::features::term_of("kellmark")).unwrap();
        assert_eq!(kellmark & COUNT_MASK, 2);
        assert_ne!(kellmark & ANCHOR_FLAG, 0);
        assert_ne!(kellmark & LEAD_FLAG, 0, "first seen in the lead");
        let figure = flags_of("#1200").unwrap();
        assert_ne!(figure & ANCHOR_FLAG, 0);
        // "mayor" comes in the fifth sentence: not the lead.
        let mayor = flags_of(&parallax::fuse::features::term_of("mayor")).unwrap();
        assert_eq!(mayor & (LEAD_FLAG | ANCHOR_FLAG), 0);
        // Sentence-initial capitals are not names; stop words are out.
        let officials = flags_of(&parallax::fuse::features::term_of("officials")).unwrap();
        assert_eq!(officials & ANCHOR_FLAG, 0);
        assert_eq!(flags_of("the"), None);
        assert!(signature.terms.windows(2).all(|pair| pair[0] < pair[1]));
        assert_eq!(signature.terms.len(), signature.flags.len());
    }

    #[test]
    fn whole_names_are_terms_and_a_surname_alone_counts_for_its_name() {
        let text = "Ilse Brandvik, the mayor, spoke in Kellmark on Monday.\n\nLater the mayor, Brandvik, left. The Velland Trade Office said nothing.\n";
        let signature = story_signature(&article(text));
        let flags_of = |term: &str| {
            let key = term_key(term);
            signature
                .terms
                .iter()
                .position(|held| *held == key)
                .and_then(|position| signature.flags.get(position).copied())
        };
        let name = flags_of("=ilse brandvik").expect("the whole name is a term");
        assert_eq!(name & COUNT_MASK, 2, "once whole, once by the surname");
        assert_ne!(name & ANCHOR_FLAG, 0);
        // A leading stop word is not part of a name.
        assert!(flags_of("=velland trade office").is_some());
        assert!(flags_of("=the velland trade office").is_none());
        // One capitalised word is no whole name.
        assert!(flags_of("=kellmark").is_none());
        assert!(flags_of("=later").is_none());
    }

    proptest::proptest! {
        #[test]
        fn decoding_any_bytes_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
            if let Some(signature) = StreamStoryClusterer::decode(&bytes) {
                proptest::prop_assert_eq!(StreamStoryClusterer::encode(&signature), bytes);
            }
        }

        #[test]
        fn any_text_signs_without_panic(text in "\\PC{1,300}") {
            if let Ok(article) = read_plain_text("p.txt", text.as_bytes(), 0) {
                let signature = story_signature(&article);
                proptest::prop_assert!(signature.terms.windows(2).all(|pair| pair[0] < pair[1]));
                proptest::prop_assert_eq!(signature.terms.len(), signature.flags.len());
            }
        }
    }

    #[test]
    fn signatures_round_trip_and_reject_other_bytes() {
        let signature = sign(FLOOD_ONE);
        let bytes = StreamStoryClusterer::encode(&signature);
        assert_eq!(StreamStoryClusterer::decode(&bytes), Some(signature));
        assert_eq!(
            StreamStoryClusterer::decode(&bytes[..bytes.len() - 1]),
            None
        );
        assert_eq!(StreamStoryClusterer::decode(&[1, 0, 0]), None);
        assert_eq!(StreamStoryClusterer::decode(&[]), None);
    }

    #[test]
    fn stories_get_the_store_ids_and_copies_are_marked() {
        let mut clusterer = StreamStoryClusterer::default();
        let first = clusterer.place(1, &sign(FLOOD_ONE), 10);
        assert_eq!((first.story, first.opened), (10, true));
        let trade = clusterer.place(2, &sign(TRADE), 11);
        assert_eq!((trade.story, trade.opened), (11, true));
        let second = clusterer.place(3, &sign(FLOOD_TWO), 12);
        assert_eq!(
            (second.story, second.opened, second.copy_of),
            (10, false, None)
        );
        let copy = clusterer.place(4, &sign(&format!("{FLOOD_ONE}\nUpdated at noon.\n")), 12);
        assert_eq!((copy.story, copy.copy_of), (10, Some(1)));
    }

    #[test]
    fn merged_stories_lead_to_the_survivor_and_old_ids_are_forgotten() {
        let config = StreamConfig {
            merge_similarity: 0.05,
            join_similarity: 0.05,
            max_idle_articles: 10,
            ..StreamConfig::default()
        };
        let mut clusterer = StreamStoryClusterer::new(config, 10);
        let left =
            "Kellmark river flood: mayor Ilse Brandvik evacuates 1,200 residents of Kellmark.";
        let right = "Trade pact: Oskaria and Velland cut timber tariffs by 40 percent in Porvo.";
        let first = clusterer.place(1, &sign(left), 1);
        let second = clusterer.place(2, &sign(right), 2);
        assert!(first.opened && second.opened);
        let bridge = clusterer.place(3, &sign(&format!("{left}\n\n{right}")), 3);
        assert!(!bridge.opened);
        assert_eq!(bridge.absorbed.len(), 1);
        let gone = bridge.absorbed[0];
        assert_eq!(clusterer.resolve(gone), bridge.story);
        // Long after, the sweeps have forgotten both the map and the
        // redirects.
        for seq in 4..40_000 {
            clusterer.advance(seq);
        }
        assert_eq!(clusterer.mapped_stories(), 0);
        assert_eq!(clusterer.resolve(gone), gone);
    }

    #[test]
    fn a_copy_goes_with_what_it_copies_even_when_its_words_open_a_story() {
        // A library that never joins: every article opens its own story.
        let config = StreamConfig {
            join_similarity: 2.0,
            bridge_similarity: 2.0,
            merge_similarity: 2.0,
            ..StreamConfig::default()
        };
        let mut clusterer = StreamStoryClusterer::new(config, 100);
        let original = clusterer.place(1, &sign(TRADE), 1);
        let other = clusterer.place(2, &sign(FLOOD_ONE), 2);
        assert!(original.opened && other.opened);
        let copy = clusterer.place(3, &sign(&format!("{TRADE}\nCorrected at noon.\n")), 3);
        assert_eq!((copy.story, copy.opened, copy.copy_of), (1, false, Some(1)));
        let unrelated = clusterer.place(4, &sign(FLOOD_TWO), 3);
        assert!(unrelated.opened);
    }

    #[test]
    fn after_a_restore_new_articles_find_the_stored_stories() {
        let mut clusterer = StreamStoryClusterer::default();
        clusterer.restore(5, 40, &sign(FLOOD_ONE));
        clusterer.restore(6, 41, &sign(TRADE));
        let next = clusterer.place(7, &sign(FLOOD_TWO), 42);
        assert_eq!((next.story, next.opened), (40, false));
    }
}
