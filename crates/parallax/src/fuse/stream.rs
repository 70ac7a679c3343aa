//! Stories from a stream: each new article joins the story it is most like
//! or opens one; stories that an article bridges merge.
//!
//! Takes one compact [`StorySignature`] per article, in arrival order;
//! gives an [`Assignment`] per article (its story and the stories merged
//! into it). Promises:
//! - the cost of an article does not grow with the stream: candidate
//!   stories come from an inverted index over each article's heaviest terms
//!   (names, figures, dates and rare words), with capped posting lists, a
//!   cap on the stories scored, and stories aged out after a number of
//!   articles or days without news;
//! - memory is bounded per open story (a truncated centroid and a few
//!   postings), plus a fixed-size table of term counts;
//! - the result is a pure function of the signatures and their order, so a
//!   store can rebuild the clusterer by replaying persisted signatures
//!   ([`StreamClusterer::rebuild`]) and get the same story ids.
//!
//! Similarity is that of average-link clustering: an article's score
//! against a story is the dot product of its unit vector with the mean of
//! the story's member vectors (the average cosine to the members, up to the
//! centroid's truncation), and two stories merge when the dot product of
//! their means (the average cosine between their members) reaches the
//! merge level. Terms are weighted by tf·idf, with document frequencies
//! counted as the stream goes, names, figures and dates weighing more.
//! Dates tell apart two events of one kind with the same people (two
//! check-ins of one actress at one clinic, years apart): an article whose
//! own date lies far from a story's dates scores lower against it.

use super::features::{is_stopword, term_of, ArticleFeatures};
use crate::model::{AnalysedArticle, DatePrecision, TokenKind};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};
use xxhash_rust::xxh3::xxh3_64;

pub use super::near_dup::ArticleKey;

/// Id of a story, given in order of opening from 0.
pub type StoryId = u64;

/// Bit of [`StorySignature::flags`] marking a name, figure or date.
pub const ANCHOR_FLAG: u8 = 0x80;
/// Bit of [`StorySignature::flags`] marking a term of the headline or
/// first sentences.
pub const LEAD_FLAG: u8 = 0x40;
/// Mask of the count in [`StorySignature::flags`].
pub const COUNT_MASK: u8 = 0x3f;
/// Most terms a signature keeps.
pub const MAX_SIGNATURE_TERMS: usize = 128;
/// Body sentences counted as the lead.
pub const LEAD_SENTENCES: usize = 3;

/// What the clusterer knows of an article: its terms with counts and kinds,
/// and its date. About 5 bytes a term, at most [`MAX_SIGNATURE_TERMS`]
/// terms. Persist it to rebuild a clusterer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorySignature {
    /// The article's date as days since 1970-01-01, when known.
    pub day: Option<i32>,
    /// Term keys, ascending and distinct: 32-bit hashes of the terms' text
    /// (from [`StorySignature::of_article`]) or a batch's interned term ids
    /// (from [`StorySignature::of_features`]); one clusterer must be fed one
    /// kind.
    pub terms: Vec<u32>,
    /// Per term: count (capped at 63) in the low bits, [`ANCHOR_FLAG`],
    /// [`LEAD_FLAG`].
    pub flags: Vec<u8>,
}

/// A stable 32-bit key of a term's text.
pub fn term_key(term: &str) -> u32 {
    xxh3_64(term.as_bytes()) as u32
}

/// Days since 1970-01-01.
pub fn day_number(date: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    i32::try_from((date - epoch).num_days()).unwrap_or(0)
}

/// A term being collected: count, first position, flags.
#[derive(Debug, Clone, Copy, Default)]
struct Collected {
    count: u32,
    first: u32,
    anchor: bool,
    lead: bool,
}

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

impl StorySignature {
    /// The signature of an analysed article: content terms of the body
    /// (stemmed, stop words out), numbers, and the dates it mentions (by
    /// month and year), with the article's own date.
    pub fn of_article(analysed: &AnalysedArticle) -> StorySignature {
        let text = &analysed.article.text;
        let doc = &analysed.doc;
        let mut collected: HashMap<u32, Collected> = HashMap::new();
        let mut position = 0u32;
        let mut note = |term: &str, anchor: bool, lead: bool, position: u32| {
            let entry = collected.entry(term_key(term)).or_insert(Collected {
                first: position,
                ..Collected::default()
            });
            entry.count += 1;
            entry.anchor |= anchor;
            entry.lead |= lead;
        };
        // Name words: those inside a name mention, when the extractor found
        // any (a capital letter alone also marks headline words and sentence
        // starts); otherwise capitalised words inside a sentence.
        let mut mention_spans: Vec<(u32, u32)> = analysed
            .extraction
            .mentions
            .iter()
            .filter(|mention| mention.form != crate::model::MentionForm::Descriptive)
            .map(|mention| (mention.span.start, mention.span.end))
            .collect();
        mention_spans.sort_unstable();
        let names_from_mentions = !mention_spans.is_empty();
        let in_mention = |offset: u32| {
            let after = mention_spans.partition_point(|(start, _)| *start <= offset);
            after > 0
                && mention_spans
                    .get(after - 1)
                    .is_some_and(|(_, end)| offset < *end)
        };
        let mut body_sentence = 0usize;
        for sentence in &doc.sentences {
            if sentence.heading {
                continue;
            }
            let lead = body_sentence < LEAD_SENTENCES;
            body_sentence += 1;
            for (index, token) in doc.sentence_tokens(sentence).iter().enumerate() {
                let word = token.text(text);
                position += 1;
                match token.kind {
                    TokenKind::Number => note(&number_term(word), true, lead, position),
                    TokenKind::Word => {
                        let lowered = word.to_lowercase();
                        if lowered.chars().count() < 2 || is_stopword(&lowered) {
                            continue;
                        }
                        let name = if names_from_mentions {
                            in_mention(token.start)
                        } else {
                            index > 0 && word.chars().next().is_some_and(char::is_uppercase)
                        };
                        note(&term_of(&lowered), name, lead, position);
                    }
                    _ => {}
                }
            }
        }
        // Whole names (a partial or descriptive mention counts for the full
        // name it resolves to): "lindsay lohan" tells two actresses apart
        // where the words alone share "lindsay" with other stories.
        let mentions = &analysed.extraction.mentions;
        for mention in mentions {
            let full = match mention.antecedent {
                Some(antecedent) => mentions.get(antecedent as usize).unwrap_or(mention),
                None => mention,
            };
            if full.name.split_whitespace().count() < 2 {
                continue;
            }
            let lead = (mention.sentence as usize) <= LEAD_SENTENCES;
            note(
                &format!("={}", full.name.to_lowercase()),
                true,
                lead,
                position,
            );
        }
        for date in &analysed.extraction.dates {
            let Some(day) = date.date else {
                continue;
            };
            let lead = doc
                .sentences
                .get(date.sentence as usize)
                .is_some_and(|_| (date.sentence as usize) < LEAD_SENTENCES + 1);
            let year = format!("@{}", day.year());
            note(&year, true, lead, position);
            if date.precision <= DatePrecision::Month {
                note(
                    &format!("@{}-{:02}", day.year(), day.month()),
                    true,
                    lead,
                    position,
                );
            }
        }
        // The article's own date: given by the input, or inferred to the
        // day (a year or month inferred from the text is more often the
        // date of some earlier event it mentions).
        let day = analysed.article.published.map(day_number).or_else(|| {
            analysed
                .extraction
                .article_date
                .filter(|article_date| article_date.precision == DatePrecision::Day)
                .map(|article_date| day_number(article_date.date))
        });
        StorySignature::from_collected(day, collected)
    }

    /// The signature of a batch article's features: its bag of interned
    /// terms, names and figures flagged. Only comparable with signatures of
    /// the same batch.
    pub fn of_features(features: &ArticleFeatures) -> StorySignature {
        let mut collected: HashMap<u32, Collected> = HashMap::new();
        let lead_terms: Vec<u32> = features
            .sentence_terms
            .iter()
            .take(LEAD_SENTENCES)
            .flatten()
            .copied()
            .collect();
        for (rank, (term, count)) in features.bag.iter().enumerate() {
            collected.insert(
                *term,
                Collected {
                    count: *count,
                    first: rank as u32,
                    anchor: features.anchors.binary_search(term).is_ok(),
                    lead: lead_terms.contains(term),
                },
            );
        }
        StorySignature::from_collected(None, collected)
    }

    /// Keeps the [`MAX_SIGNATURE_TERMS`] most telling terms: names, figures
    /// and dates first, then the lead's words, then by count and first
    /// position.
    fn from_collected(day: Option<i32>, collected: HashMap<u32, Collected>) -> StorySignature {
        let mut ranked: Vec<(u32, Collected)> = collected.into_iter().collect();
        ranked.sort_by(|(left_key, left), (right_key, right)| {
            let priority = |term: &Collected| {
                term.count.min(8) + 3 * u32::from(term.anchor) + 2 * u32::from(term.lead)
            };
            priority(right)
                .cmp(&priority(left))
                .then(left.first.cmp(&right.first))
                .then(left_key.cmp(right_key))
        });
        ranked.truncate(MAX_SIGNATURE_TERMS);
        ranked.sort_by_key(|(key, _)| *key);
        let mut signature = StorySignature {
            day,
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

    /// Bytes the signature takes in memory (heap and inline).
    pub fn memory_bytes(&self) -> usize {
        std::mem::size_of::<StorySignature>() + self.terms.capacity() * 4 + self.flags.capacity()
    }
}

/// Settings of a [`StreamClusterer`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StreamConfig {
    /// Least score (average cosine to the story's members) for an article
    /// to join a story.
    pub join_similarity: f32,
    /// Least average cosine between two stories' members for them to merge
    /// when an article bridges them (scores at least `bridge_similarity`
    /// against the other while joining one).
    pub merge_similarity: f32,
    pub bridge_similarity: f32,
    /// How much names, figures and dates weigh against other words.
    pub anchor_weight: f32,
    /// How much the lead's words weigh against the rest.
    pub lead_weight: f32,
    /// Unseen articles assumed when weighting terms early in the stream.
    pub background_articles: f32,
    /// Power of the inverse document frequency in a term's weight (above 1,
    /// rare terms weigh more against common ones).
    pub idf_power: f32,
    /// Terms of an article looked up in the index, heaviest first.
    pub key_terms: usize,
    /// Terms of an article kept in a story's centroid.
    pub article_terms: usize,
    /// Most terms of a story's centroid.
    pub story_terms: usize,
    /// Most terms a story is posted under.
    pub story_postings: usize,
    /// Most stories per posting list (the oldest are dropped).
    pub max_postings_per_term: usize,
    /// Terms held by more than this share of the articles seen (after the
    /// first thousand) are not looked up.
    pub common_term_share: f32,
    /// Most candidate stories scored per article.
    pub max_candidates: usize,
    /// A story that no article joined in this many articles is closed.
    pub max_idle_articles: u64,
    /// A story whose latest date is this many days before the latest date
    /// seen is closed (`None`: no limit by date).
    pub max_idle_days: Option<u32>,
    /// Days between an article's date and a story's dates from which the
    /// score is scaled by `date_penalty`.
    pub date_gap_days: u32,
    pub date_penalty: f32,
    /// Slots of the table of term counts (a power of two).
    pub frequency_slots: usize,
}

impl Default for StreamConfig {
    fn default() -> Self {
        StreamConfig {
            join_similarity: 0.16,
            merge_similarity: 0.18,
            bridge_similarity: 0.18,
            anchor_weight: 2.0,
            lead_weight: 1.0,
            background_articles: 300.0,
            idf_power: 1.0,
            key_terms: 12,
            article_terms: 64,
            story_terms: 128,
            story_postings: 32,
            max_postings_per_term: 128,
            common_term_share: 0.05,
            max_candidates: 48,
            max_idle_articles: 100_000,
            max_idle_days: Some(60),
            date_gap_days: 60,
            date_penalty: 0.5,
            frequency_slots: 1 << 20,
        }
    }
}

/// Where an article went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub story: StoryId,
    /// Stories merged into `story` by this article (their articles are now
    /// `story`'s), ascending.
    pub merged: Vec<StoryId>,
    /// True when the article opened `story`.
    pub opened: bool,
}

/// An open story: the sum of its members' (truncated) unit vectors.
#[derive(Debug, Clone)]
struct OpenStory {
    /// (term, summed weight), ascending by term.
    centroid: Vec<(u32, f32)>,
    members: u32,
    /// Sequence number of the last article that joined.
    last_seen: u64,
    /// Earliest and latest article dates.
    days: Option<(i32, i32)>,
    posted: Vec<u32>,
}

impl OpenStory {
    fn memory_bytes(&self) -> usize {
        std::mem::size_of::<OpenStory>()
            + self.centroid.capacity() * 8
            + self.posted.capacity() * 4
            + 3 * 8 // its entry in the story map
    }
}

/// The incremental story clusterer (see the module notes).
#[derive(Debug, Clone)]
pub struct StreamClusterer {
    config: StreamConfig,
    stories: HashMap<StoryId, OpenStory>,
    postings: HashMap<u32, Vec<StoryId>>,
    frequencies: Vec<u32>,
    articles_seen: u64,
    next_story: StoryId,
    /// (sequence number, story) of each join, oldest first, for ageing.
    activity: VecDeque<(u64, StoryId)>,
    latest_day: Option<i32>,
}

/// Sparse vector: (term, weight), ascending by term.
type Vector = Vec<(u32, f32)>;

/// Dot product of two sparse vectors sorted by term.
pub fn dot(left: &[(u32, f32)], right: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut total) = (0, 0, 0.0f32);
    while let (Some(a), Some(b)) = (left.get(i), right.get(j)) {
        match a.0.cmp(&b.0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                total += a.1 * b.1;
                i += 1;
                j += 1;
            }
        }
    }
    total
}

/// Keeps the `limit` heaviest entries, ascending by term again.
fn truncate_heaviest(vector: &mut Vector, limit: usize) {
    if vector.len() <= limit {
        return;
    }
    vector.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    vector.truncate(limit);
    vector.sort_by_key(|(term, _)| *term);
}

fn add_into(sum: &mut Vector, addition: &[(u32, f32)]) {
    let mut merged: Vector = Vec::with_capacity(sum.len() + addition.len());
    let (mut i, mut j) = (0, 0);
    loop {
        match (sum.get(i), addition.get(j)) {
            (Some(a), Some(b)) => match a.0.cmp(&b.0) {
                std::cmp::Ordering::Less => {
                    merged.push(*a);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    merged.push(*b);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    merged.push((a.0, a.1 + b.1));
                    i += 1;
                    j += 1;
                }
            },
            (Some(a), None) => {
                merged.push(*a);
                i += 1;
            }
            (None, Some(b)) => {
                merged.push(*b);
                j += 1;
            }
            (None, None) => break,
        }
    }
    *sum = merged;
}

impl StreamClusterer {
    pub fn new(config: StreamConfig) -> StreamClusterer {
        let slots = config.frequency_slots.max(1).next_power_of_two();
        StreamClusterer {
            config,
            stories: HashMap::new(),
            postings: HashMap::new(),
            frequencies: vec![0; slots],
            articles_seen: 0,
            next_story: 0,
            activity: VecDeque::new(),
            latest_day: None,
        }
    }

    /// A clusterer fed the persisted signatures again, in their order; gives
    /// the same assignments as when they were first added.
    pub fn rebuild<'a>(
        config: StreamConfig,
        signatures: impl IntoIterator<Item = (ArticleKey, &'a StorySignature)>,
    ) -> (StreamClusterer, Vec<Assignment>) {
        let mut clusterer = StreamClusterer::new(config);
        let assignments = signatures
            .into_iter()
            .map(|(key, signature)| clusterer.add(key, signature))
            .collect();
        (clusterer, assignments)
    }

    pub fn config(&self) -> &StreamConfig {
        &self.config
    }

    /// Articles added so far.
    pub fn articles_seen(&self) -> u64 {
        self.articles_seen
    }

    /// Stories open for new articles.
    pub fn open_stories(&self) -> usize {
        self.stories.len()
    }

    /// Bytes held, estimated from the capacities of its tables.
    pub fn memory_bytes(&self) -> usize {
        let stories: usize = self.stories.values().map(OpenStory::memory_bytes).sum();
        let postings: usize = self
            .postings
            .values()
            .map(|list| list.capacity() * 8 + 4 + std::mem::size_of::<Vec<StoryId>>() + 8)
            .sum();
        stories + postings + self.frequencies.len() * 4 + self.activity.capacity() * 16
    }

    fn slot(&self, term: u32) -> usize {
        let mixed = u64::from(term).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32;
        (mixed as usize) & (self.frequencies.len() - 1)
    }

    fn frequency(&self, term: u32) -> u32 {
        self.frequencies.get(self.slot(term)).copied().unwrap_or(0)
    }

    /// The article's unit vector as the clusterer weighs it now: (term,
    /// weight), ascending by term.
    pub fn article_vector(&self, signature: &StorySignature) -> Vec<(u32, f32)> {
        self.vector(signature)
    }

    /// The article's unit vector, weighted by the counts seen so far.
    fn vector(&self, signature: &StorySignature) -> Vector {
        let count = self.articles_seen as f32 + self.config.background_articles;
        let mut vector: Vector = Vec::with_capacity(signature.terms.len());
        for (term, flags) in signature.terms.iter().zip(&signature.flags) {
            let frequency = self.frequency(*term) as f32 + 1.0;
            let plain_idf = (1.0 + (count + 1.0) / frequency).ln();
            let idf = if self.config.idf_power == 1.0 {
                plain_idf
            } else {
                plain_idf.powf(self.config.idf_power)
            };
            let term_count = f32::from((flags & COUNT_MASK).max(1));
            let mut weight = (1.0 + term_count.ln()) * idf;
            if flags & ANCHOR_FLAG != 0 {
                weight *= self.config.anchor_weight;
            }
            if flags & LEAD_FLAG != 0 {
                weight *= self.config.lead_weight;
            }
            vector.push((*term, weight));
        }
        let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, weight) in &mut vector {
                *weight /= norm;
            }
        }
        vector
    }

    fn date_factor(&self, day: Option<i32>, story: &OpenStory) -> f32 {
        let (Some(day), Some((first, last))) = (day, story.days) else {
            return 1.0;
        };
        let gap = if day < first {
            first - day
        } else {
            (day - last).max(0)
        };
        if gap > self.config.date_gap_days as i32 {
            self.config.date_penalty
        } else {
            1.0
        }
    }

    fn is_common(&self, term: u32) -> bool {
        self.articles_seen >= 1000
            && self.frequency(term) as f32
                > self.config.common_term_share * self.articles_seen as f32
    }

    /// Candidate stories for an article: those posted under its heaviest
    /// terms, most shared terms first, at most `max_candidates`.
    fn candidates(&self, vector: &Vector) -> Vec<StoryId> {
        let mut heaviest: Vec<&(u32, f32)> = vector.iter().collect();
        heaviest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut hits: HashMap<StoryId, u32> = HashMap::new();
        let mut looked_up = 0;
        for (term, _) in heaviest {
            if looked_up >= self.config.key_terms {
                break;
            }
            if self.is_common(*term) {
                continue;
            }
            looked_up += 1;
            if let Some(stories) = self.postings.get(term) {
                for story in stories {
                    *hits.entry(*story).or_insert(0) += 1;
                }
            }
        }
        let mut ranked: Vec<(StoryId, u32)> = hits.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(self.config.max_candidates);
        ranked.into_iter().map(|(story, _)| story).collect()
    }

    fn score(&self, vector: &Vector, day: Option<i32>, story: &OpenStory) -> f32 {
        let members = story.members.max(1) as f32;
        dot(vector, &story.centroid) / members * self.date_factor(day, story)
    }

    /// Adds an article: it joins the story it is most like (at least
    /// `join_similarity`) or opens one; other stories it is also like merge
    /// into that one when their members are alike on average. The key is
    /// not kept (the caller records the assignment).
    pub fn add(&mut self, _key: ArticleKey, signature: &StorySignature) -> Assignment {
        let vector = self.vector(signature);
        self.count_terms(signature);
        self.articles_seen += 1;
        let sequence = self.articles_seen;
        if let Some(day) = signature.day {
            self.latest_day = Some(self.latest_day.map_or(day, |latest| latest.max(day)));
        }

        let mut scored: Vec<(StoryId, f32)> = Vec::new();
        let floor = self
            .config
            .join_similarity
            .min(self.config.bridge_similarity);
        for story_id in self.candidates(&vector) {
            let Some(story) = self.stories.get(&story_id) else {
                continue;
            };
            let score = self.score(&vector, signature.day, story);
            if score >= floor {
                scored.push((story_id, score));
            }
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let joins = scored
            .first()
            .is_some_and(|(_, score)| *score >= self.config.join_similarity);

        let mut kept = vector.clone();
        truncate_heaviest(&mut kept, self.config.article_terms);
        let (story_id, opened) = match scored.first().filter(|_| joins) {
            Some((story_id, _)) => (*story_id, false),
            None => {
                let story_id = self.next_story;
                self.next_story += 1;
                self.stories.insert(
                    story_id,
                    OpenStory {
                        centroid: Vec::new(),
                        members: 0,
                        last_seen: sequence,
                        days: None,
                        posted: Vec::new(),
                    },
                );
                (story_id, true)
            }
        };
        self.join(story_id, &kept, signature.day, sequence);
        self.post(story_id, &vector);

        // Bridged stories: merge those alike enough on average.
        let mut survivor = story_id;
        let mut merged: Vec<StoryId> = Vec::new();
        let bridge_similarity = self.config.bridge_similarity;
        let bridged: Vec<StoryId> = scored
            .iter()
            .filter(|(other, score)| *other != story_id && *score >= bridge_similarity)
            .map(|(other, _)| *other)
            .collect();
        for other in &bridged {
            let (Some(current), Some(candidate)) =
                (self.stories.get(&survivor), self.stories.get(other))
            else {
                continue;
            };
            let members = (current.members.max(1) * candidate.members.max(1)) as f32;
            let between = dot(&current.centroid, &candidate.centroid) / members
                * self.date_factor_between(current, candidate);
            if between < self.config.merge_similarity {
                continue;
            }
            let (keep, absorbed) = if *other < survivor {
                (*other, survivor)
            } else {
                (survivor, *other)
            };
            self.merge(keep, absorbed);
            merged.push(absorbed);
            survivor = keep;
        }
        merged.sort_unstable();
        self.age_out(sequence);
        Assignment {
            story: survivor,
            merged,
            opened: opened && survivor == story_id,
        }
    }

    fn date_factor_between(&self, left: &OpenStory, right: &OpenStory) -> f32 {
        let (Some((left_first, left_last)), Some((right_first, right_last))) =
            (left.days, right.days)
        else {
            return 1.0;
        };
        let gap = (right_first - left_last)
            .max(left_first - right_last)
            .max(0);
        if gap > self.config.date_gap_days as i32 {
            self.config.date_penalty
        } else {
            1.0
        }
    }

    /// Counts an article's terms without clustering it: warms the term
    /// counts from a sample of earlier articles (they are counted as seen).
    pub fn observe(&mut self, signature: &StorySignature) {
        self.count_terms(signature);
        self.articles_seen += 1;
    }

    fn count_terms(&mut self, signature: &StorySignature) {
        for term in &signature.terms {
            let slot = self.slot(*term);
            if let Some(count) = self.frequencies.get_mut(slot) {
                *count = count.saturating_add(1);
            }
        }
    }

    fn join(&mut self, story_id: StoryId, kept: &Vector, day: Option<i32>, sequence: u64) {
        let story_terms = self.config.story_terms;
        let Some(story) = self.stories.get_mut(&story_id) else {
            return;
        };
        add_into(&mut story.centroid, kept);
        truncate_heaviest(&mut story.centroid, story_terms);
        story.members += 1;
        story.last_seen = sequence;
        if let Some(day) = day {
            story.days = Some(
                story
                    .days
                    .map_or((day, day), |(first, last)| (first.min(day), last.max(day))),
            );
        }
        self.activity.push_back((sequence, story_id));
    }

    /// Posts the story under the article's heaviest terms, while the story
    /// has room for postings.
    fn post(&mut self, story_id: StoryId, vector: &Vector) {
        let mut heaviest: Vec<&(u32, f32)> = vector.iter().collect();
        heaviest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let key_terms = self.config.key_terms;
        let cap = self.config.max_postings_per_term;
        let room = self.config.story_postings;
        let terms: Vec<u32> = heaviest
            .into_iter()
            .filter(|(term, _)| !self.is_common(*term))
            .take(key_terms)
            .map(|(term, _)| *term)
            .collect();
        let Some(story) = self.stories.get_mut(&story_id) else {
            return;
        };
        for term in terms {
            if story.posted.contains(&term) {
                continue;
            }
            if story.posted.len() >= room {
                break;
            }
            story.posted.push(term);
            let list = self.postings.entry(term).or_default();
            list.push(story_id);
            if list.len() > cap {
                list.remove(0);
            }
        }
    }

    fn merge(&mut self, keep: StoryId, absorbed: StoryId) {
        let Some(gone) = self.stories.remove(&absorbed) else {
            return;
        };
        self.unpost(absorbed, &gone.posted);
        let story_terms = self.config.story_terms;
        let room = self.config.story_postings;
        let cap = self.config.max_postings_per_term;
        let Some(story) = self.stories.get_mut(&keep) else {
            return;
        };
        add_into(&mut story.centroid, &gone.centroid);
        truncate_heaviest(&mut story.centroid, story_terms);
        story.members += gone.members;
        story.last_seen = story.last_seen.max(gone.last_seen);
        story.days = match (story.days, gone.days) {
            (Some((a, b)), Some((c, d))) => Some((a.min(c), b.max(d))),
            (some, None) | (None, some) => some,
        };
        let last_seen = story.last_seen;
        let mut newly_posted = Vec::new();
        for term in gone.posted {
            if story.posted.len() >= room {
                break;
            }
            if !story.posted.contains(&term) {
                story.posted.push(term);
                newly_posted.push(term);
            }
        }
        for term in newly_posted {
            let list = self.postings.entry(term).or_default();
            list.push(keep);
            if list.len() > cap {
                list.remove(0);
            }
        }
        self.activity.push_back((last_seen, keep));
    }

    fn unpost(&mut self, story_id: StoryId, terms: &[u32]) {
        for term in terms {
            if let Some(list) = self.postings.get_mut(term) {
                list.retain(|held| *held != story_id);
                if list.is_empty() {
                    self.postings.remove(term);
                }
            }
        }
    }

    /// Closes stories idle for `max_idle_articles` articles or
    /// `max_idle_days` days.
    fn age_out(&mut self, sequence: u64) {
        let max_idle = self.config.max_idle_articles;
        while let Some(&(seen, story_id)) = self.activity.front() {
            if seen + max_idle > sequence {
                break;
            }
            self.activity.pop_front();
            let idle = self
                .stories
                .get(&story_id)
                .is_some_and(|story| story.last_seen == seen);
            if idle {
                self.close(story_id);
            }
        }
        // Oldest by date: checked on the front entries only, so the cost
        // stays bounded; stories with no date age by count alone.
        if let (Some(days), Some(latest)) = (self.config.max_idle_days, self.latest_day) {
            let mut checked = 0;
            while let Some(&(seen, story_id)) = self.activity.front() {
                if checked >= 4 {
                    break;
                }
                checked += 1;
                let stale = self.stories.get(&story_id).is_some_and(|story| {
                    story.last_seen == seen
                        && story
                            .days
                            .is_some_and(|(_, last)| last + (days as i32) < latest)
                });
                if !stale {
                    break;
                }
                self.activity.pop_front();
                self.close(story_id);
            }
        }
    }

    fn close(&mut self, story_id: StoryId) {
        if let Some(story) = self.stories.remove(&story_id) {
            self.unpost(story_id, &story.posted);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signature(terms: &[(u32, u8)], day: Option<i32>) -> StorySignature {
        let mut pairs: Vec<(u32, u8)> = terms.to_vec();
        pairs.sort_unstable();
        StorySignature {
            day,
            terms: pairs.iter().map(|(term, _)| *term).collect(),
            flags: pairs.iter().map(|(_, flags)| *flags).collect(),
        }
    }

    fn plain(terms: &[u32]) -> StorySignature {
        signature(
            &terms.iter().map(|term| (*term, 1u8)).collect::<Vec<_>>(),
            None,
        )
    }

    #[test]
    fn articles_join_the_story_they_share_terms_with() {
        let mut clusterer = StreamClusterer::new(StreamConfig::default());
        let first = clusterer.add(1, &plain(&[1, 2, 3, 4, 5, 6]));
        let second = clusterer.add(2, &plain(&[20, 21, 22, 23, 24]));
        let third = clusterer.add(3, &plain(&[1, 2, 3, 4, 7, 8]));
        let fourth = clusterer.add(4, &plain(&[20, 21, 22, 25, 26]));
        assert!(first.opened && second.opened);
        assert_ne!(first.story, second.story);
        assert_eq!(third.story, first.story);
        assert!(!third.opened);
        assert_eq!(fourth.story, second.story);
        assert_eq!(clusterer.open_stories(), 2);
    }

    #[test]
    fn a_bridging_article_merges_two_stories() {
        let mut clusterer = StreamClusterer::new(StreamConfig {
            merge_similarity: 0.1,
            ..StreamConfig::default()
        });
        let left = clusterer.add(1, &plain(&[1, 2, 3, 4, 5, 6]));
        let right = clusterer.add(2, &plain(&[6, 7, 8, 9, 10, 11]));
        assert_ne!(left.story, right.story, "{right:?}");
        let bridge = clusterer.add(3, &plain(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
        assert_eq!(bridge.story, left.story);
        assert_eq!(bridge.merged, vec![right.story]);
        assert_eq!(clusterer.open_stories(), 1);
    }

    #[test]
    fn dates_far_apart_keep_like_articles_apart() {
        let config = StreamConfig {
            date_penalty: 0.0,
            ..StreamConfig::default()
        };
        let mut clusterer = StreamClusterer::new(config);
        let terms = [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1)];
        let first = clusterer.add(1, &signature(&terms, Some(10_000)));
        let near = clusterer.add(2, &signature(&terms, Some(10_003)));
        let far = clusterer.add(3, &signature(&terms, Some(11_000)));
        assert_eq!(near.story, first.story);
        assert_ne!(far.story, first.story);
    }

    #[test]
    fn idle_stories_are_closed() {
        let mut clusterer = StreamClusterer::new(StreamConfig {
            max_idle_articles: 3,
            ..StreamConfig::default()
        });
        let first = clusterer.add(1, &plain(&[1, 2, 3]));
        for key in 0..5u32 {
            clusterer.add(10 + u64::from(key), &plain(&[100 + key, 200 + key]));
        }
        assert!(clusterer.open_stories() <= 3);
        let late = clusterer.add(99, &plain(&[1, 2, 3]));
        assert_ne!(late.story, first.story);
        assert!(clusterer
            .postings
            .values()
            .all(|list| !list.contains(&first.story)));
    }

    #[test]
    fn rebuilding_from_signatures_gives_the_same_assignments() {
        let signatures: Vec<StorySignature> = (0..60u32)
            .map(|index| plain(&[index % 7, index % 7 + 100, index % 5 + 200, index]))
            .collect();
        let mut live = StreamClusterer::new(StreamConfig::default());
        let first: Vec<Assignment> = signatures
            .iter()
            .enumerate()
            .map(|(key, signature)| live.add(key as u64, signature))
            .collect();
        let (rebuilt, second) = StreamClusterer::rebuild(
            StreamConfig::default(),
            signatures
                .iter()
                .enumerate()
                .map(|(key, signature)| (key as u64, signature)),
        );
        assert_eq!(first, second);
        assert_eq!(rebuilt.open_stories(), live.open_stories());
        let json = serde_json::to_string(&signatures[3]).unwrap_or_default();
        let back: Option<StorySignature> = serde_json::from_str(&json).ok();
        assert_eq!(back.as_ref(), Some(&signatures[3]));
    }

    #[test]
    fn signatures_of_articles_keep_names_figures_and_dates() {
        let text = "The Varnholt council closed the Elbe bridge on 3 March 2021 after 14 cracks were found. \
                    Engineers said the Elbe bridge would stay closed. The council met again.";
        let article = crate::ingest::read_plain_text("test", text.as_bytes(), 0);
        let Ok(article) = article else {
            panic!("plain text is readable");
        };
        let analysed = crate::pipeline::analyse_article(article);
        let signature = StorySignature::of_article(&analysed);
        assert!(signature.terms.windows(2).all(|pair| pair[0] < pair[1]));
        assert_eq!(signature.terms.len(), signature.flags.len());
        let flags_of = |term: &str| {
            signature
                .terms
                .binary_search(&term_key(term))
                .ok()
                .and_then(|position| signature.flags.get(position).copied())
        };
        let name = flags_of(&term_of("varnholt")).unwrap_or(0);
        assert_ne!(name & ANCHOR_FLAG, 0);
        assert_ne!(name & LEAD_FLAG, 0);
        let bridge = flags_of(&term_of("bridge")).unwrap_or(0);
        assert_eq!(bridge & COUNT_MASK, 2);
        assert_eq!(bridge & ANCHOR_FLAG, 0);
        assert!(flags_of("#14").is_some());
        assert!(flags_of("@2021-03").is_some(), "{signature:?}");
        assert!(flags_of(&term_of("the")).is_none());
        assert!(signature.memory_bytes() < 1024);
    }

    #[test]
    fn cost_stays_bounded_on_a_long_stream() {
        let mut clusterer = StreamClusterer::new(StreamConfig {
            frequency_slots: 1 << 12,
            ..StreamConfig::default()
        });
        for index in 0..3000u32 {
            let story = index / 3;
            let signature = plain(&[
                story * 10 + 1_000_000,
                story * 10 + 1_000_001,
                story * 10 + 1_000_002,
                index % 13,
                index % 17 + 50,
            ]);
            clusterer.add(u64::from(index), &signature);
        }
        assert!(clusterer
            .postings
            .values()
            .all(|list| list.len() <= clusterer.config.max_postings_per_term));
        let per_article = clusterer.memory_bytes() / 3000;
        assert!(per_article < 2048, "{per_article} bytes per article");
    }
}
