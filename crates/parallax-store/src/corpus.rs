//! Synthetic news streams made by mutating real text, for scale benchmarks
//! and crash tests.
//!
//! A story is a pool of sentences drawn from two base documents, with every
//! name (a capitalised word inside a sentence) and every figure replaced by
//! the story's own invented ones, so two stories made from the same base
//! text still name different people, places and numbers. Each article of a
//! story takes most of the pool's sentences, in a slightly shuffled order,
//! with a few words dropped; some articles are near-copies of another
//! article of the story (a line added), and some are the same text found at
//! a second URL. Stories are interleaved as a news stream is: a fixed
//! number of stories are open at once, and each article comes from one of
//! them at random.
//!
//! Deterministic: the same bases and seed give the same stream.

use std::path::Path;

/// A real text to draw sentences from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseDocument {
    pub sentences: Vec<String>,
}

/// One article of the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedArticle {
    /// The story it was made for (its gold story).
    pub story: u64,
    /// A name for it (a file name).
    pub name: String,
    pub url: String,
    pub text: String,
    /// Whether the same text came earlier in the stream (at another URL).
    pub repeats_earlier: bool,
}

/// splitmix64: small, fast and good enough to draw from.
#[derive(Debug, Clone)]
pub struct Draw {
    state: u64,
}

impl Draw {
    pub fn new(seed: u64) -> Self {
        Draw { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut value = self.state;
        value = (value ^ (value >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        value = (value ^ (value >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        value ^ (value >> 31)
    }

    /// A number in `0..bound` (0 when `bound` is 0).
    pub fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            return 0;
        }
        (self.next_u64() % bound as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

fn mix(left: u64, right: u64) -> u64 {
    Draw::new(left ^ right.rotate_left(29)).next_u64()
}

/// Splits text into sentences at ". ", "! " and "? " before a capital
/// letter or a quotation mark (good enough for drawing material).
pub fn split_sentences(paragraph: &str) -> Vec<String> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let bytes = paragraph.as_bytes();
    for (offset, character) in paragraph.char_indices() {
        if !matches!(character, '.' | '!' | '?') {
            continue;
        }
        let after = offset + 1;
        let next_is_space = bytes.get(after) == Some(&b' ');
        let then_capital = paragraph
            .get(after + 1..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|next| next.is_uppercase() || next == '"' || next == '“');
        if next_is_space && then_capital {
            let sentence = paragraph[start..after].trim();
            if !sentence.is_empty() {
                sentences.push(sentence.to_string());
            }
            start = after + 1;
        }
    }
    let rest = paragraph.get(start..).unwrap_or("").trim();
    if !rest.is_empty() {
        sentences.push(rest.to_string());
    }
    sentences
}

/// A plain-text article as a base: its paragraphs' sentences (lines of
/// fewer than six words, such as titles and datelines, left out).
pub fn base_from_text(text: &str) -> BaseDocument {
    let mut sentences = Vec::new();
    for line in text.lines() {
        if line.split_whitespace().count() < 6 {
            continue;
        }
        sentences.extend(split_sentences(line.trim()));
    }
    BaseDocument { sentences }
}

/// A CoNLL-U file as a base: its `# text = ` lines.
pub fn base_from_conllu(conllu: &str) -> BaseDocument {
    let sentences = conllu
        .lines()
        .filter_map(|line| line.strip_prefix("# text = "))
        .map(|sentence| sentence.trim().to_string())
        .filter(|sentence| sentence.split_whitespace().count() >= 4)
        .collect();
    BaseDocument { sentences }
}

/// Every `.txt` file under `folder` (recursively, sorted) as a base.
pub fn bases_from_text_folder(folder: &Path) -> std::io::Result<Vec<BaseDocument>> {
    let mut files = Vec::new();
    collect_files(folder, "txt", &mut files)?;
    let mut bases = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file)?;
        let base = base_from_text(&text);
        if !base.sentences.is_empty() {
            bases.push(base);
        }
    }
    Ok(bases)
}

/// Every `.conllu` file under `folder` (recursively, sorted) as a base.
pub fn bases_from_conllu_folder(folder: &Path) -> std::io::Result<Vec<BaseDocument>> {
    let mut files = Vec::new();
    collect_files(folder, "conllu", &mut files)?;
    let mut bases = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file)?;
        let base = base_from_conllu(&text);
        if !base.sentences.is_empty() {
            bases.push(base);
        }
    }
    Ok(bases)
}

fn collect_files(
    folder: &Path,
    extension: &str,
    files: &mut Vec<std::path::PathBuf>,
) -> std::io::Result<()> {
    let mut entries: Vec<std::path::PathBuf> = std::fs::read_dir(folder)?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect_files(&entry, extension, files)?;
        } else if entry.extension().is_some_and(|found| found == extension) {
            files.push(entry);
        }
    }
    Ok(())
}

const SYLLABLES: [&str; 24] = [
    "ka", "lo", "mir", "va", "sen", "dra", "tol", "bek", "ri", "an", "os", "vel", "mar", "tin",
    "gor", "le", "zu", "han", "pe", "dor", "ix", "un", "sel", "bra",
];

/// An invented name for `word` in the story `story`: two or three
/// syllables, capitalised, the same each time.
fn invented_name(word: &str, story: u64) -> String {
    let mut draw = Draw::new(mix(xxhash_rust::xxh3::xxh3_64(word.as_bytes()), story));
    let syllables = 2 + draw.below(2);
    let mut name = String::new();
    for _ in 0..syllables {
        name.push_str(SYLLABLES[draw.below(SYLLABLES.len())]);
    }
    let mut characters = name.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => name,
    }
}

/// The story's figure for `number`: the same count of digits, other
/// digits.
fn invented_number(number: &str, story: u64) -> String {
    let mut draw = Draw::new(mix(
        xxhash_rust::xxh3::xxh3_64(number.as_bytes()),
        story ^ 0x6e75,
    ));
    let mut result = String::with_capacity(number.len());
    let mut first_digit = true;
    for character in number.chars() {
        if character.is_ascii_digit() {
            let digit = if first_digit {
                1 + draw.below(9)
            } else {
                draw.below(10)
            };
            first_digit = false;
            result.push(char::from(b'0' + digit as u8));
        } else {
            result.push(character);
        }
    }
    result
}

/// The sentence with the story's names and figures.
fn mutate_sentence(sentence: &str, story: u64) -> String {
    let mut result = String::with_capacity(sentence.len() + 16);
    for (position, token) in sentence.split(' ').enumerate() {
        if position > 0 {
            result.push(' ');
        }
        let core_start = token
            .find(|character: char| character.is_alphanumeric())
            .unwrap_or(token.len());
        let core_end = token
            .rfind(|character: char| character.is_alphanumeric())
            .map_or(core_start, |last| {
                last + token[last..].chars().next().map_or(1, char::len_utf8)
            });
        let (before, core, after) = (
            &token[..core_start],
            &token[core_start..core_end],
            &token[core_end..],
        );
        result.push_str(before);
        if core.starts_with(|character: char| character.is_ascii_digit()) {
            result.push_str(&invented_number(core, story));
        } else if position > 0
            && core.starts_with(char::is_uppercase)
            && core.chars().all(char::is_alphabetic)
        {
            result.push_str(&invented_name(core, story));
        } else {
            result.push_str(core);
        }
        result.push_str(after);
    }
    result
}

/// A story in progress.
#[derive(Debug, Clone)]
struct OpenStory {
    id: u64,
    pool: Vec<String>,
    remaining: usize,
    written: Vec<String>,
}

/// Settings of a stream.
#[derive(Debug, Clone, Copy)]
pub struct StreamSettings {
    pub articles: usize,
    pub seed: u64,
    /// Stories open at once.
    pub open_stories: usize,
    /// Largest story (sizes are drawn from 1 to this, small ones likelier).
    pub largest_story: usize,
    /// Percent of articles that are near-copies of an earlier one of their
    /// story.
    pub near_copy_percent: u64,
    /// Percent of articles that repeat an earlier one's text at another URL.
    pub repeat_percent: u64,
}

impl Default for StreamSettings {
    fn default() -> Self {
        StreamSettings {
            articles: 1000,
            seed: 7,
            open_stories: 64,
            largest_story: 12,
            near_copy_percent: 10,
            repeat_percent: 2,
        }
    }
}

/// A stream of generated articles (an iterator).
#[derive(Debug, Clone)]
pub struct Stream {
    bases: Vec<BaseDocument>,
    settings: StreamSettings,
    draw: Draw,
    open: Vec<OpenStory>,
    next_story: u64,
    emitted: usize,
}

impl Stream {
    /// A stream over `bases` (those with at least one sentence); empty when
    /// there are none.
    pub fn new(bases: Vec<BaseDocument>, settings: StreamSettings) -> Stream {
        let bases: Vec<BaseDocument> = bases
            .into_iter()
            .filter(|base| !base.sentences.is_empty())
            .collect();
        Stream {
            bases,
            settings,
            draw: Draw::new(settings.seed),
            open: Vec::new(),
            next_story: 0,
            emitted: 0,
        }
    }

    fn open_story(&mut self) -> OpenStory {
        let id = self.next_story;
        self.next_story += 1;
        let mut pool = Vec::new();
        for _ in 0..2 {
            let base = &self.bases[self.draw.below(self.bases.len())];
            let length = base.sentences.len().min(10);
            let start = self.draw.below(base.sentences.len() - length + 1);
            for sentence in &base.sentences[start..start + length] {
                pool.push(mutate_sentence(
                    sentence,
                    id.wrapping_add(self.settings.seed << 32),
                ));
            }
        }
        // Sizes 1..=largest, small ones likelier (the smaller of two draws).
        let largest = self.settings.largest_story.max(1);
        let size = 1 + self.draw.below(largest).min(self.draw.below(largest));
        OpenStory {
            id,
            pool,
            remaining: size,
            written: Vec::new(),
        }
    }

    fn write_article(draw: &mut Draw, story: &OpenStory) -> String {
        let mut chosen: Vec<&String> = story.pool.iter().filter(|_| draw.chance(75)).collect();
        if chosen.is_empty() {
            if let Some(first) = story.pool.first() {
                chosen.push(first);
            }
        }
        // A few neighbours swapped.
        for _ in 0..chosen.len() / 4 {
            let position = draw.below(chosen.len().saturating_sub(1));
            chosen.swap(position, position + 1);
        }
        let headline: String = chosen
            .first()
            .map(|sentence| {
                sentence
                    .split_whitespace()
                    .take(8)
                    .collect::<Vec<_>>()
                    .join(" ")
                    .trim_end_matches(['.', ',', ';', ':'])
                    .to_string()
            })
            .unwrap_or_default();
        let mut text = String::with_capacity(2048);
        text.push_str(&headline);
        text.push_str("\n\n");
        for (position, sentence) in chosen.iter().enumerate() {
            // Drop a word now and then: rewrites are not copies.
            let words: Vec<&str> = sentence.split(' ').collect();
            let dropped = if words.len() > 8 && draw.chance(30) {
                Some(1 + draw.below(words.len() - 2))
            } else {
                None
            };
            for (index, word) in words.iter().enumerate() {
                if Some(index) == dropped {
                    continue;
                }
                // The dropped word is never the first.
                if index > 0 {
                    text.push(' ');
                }
                text.push_str(word);
            }
            text.push_str(if position % 3 == 2 { "\n\n" } else { " " });
        }
        text.truncate(text.trim_end().len());
        text.push('\n');
        text
    }
}

impl Iterator for Stream {
    type Item = GeneratedArticle;

    fn next(&mut self) -> Option<GeneratedArticle> {
        if self.emitted >= self.settings.articles || self.bases.is_empty() {
            return None;
        }
        while self.open.len() < self.settings.open_stories.max(1) {
            let story = self.open_story();
            self.open.push(story);
        }
        let slot = self.draw.below(self.open.len());
        let number = self.emitted;
        self.emitted += 1;
        let story = &mut self.open[slot];
        let repeat = !story.written.is_empty() && self.draw.chance(self.settings.repeat_percent);
        let near_copy = !repeat
            && !story.written.is_empty()
            && self.draw.chance(self.settings.near_copy_percent);
        let text = if repeat {
            story.written[self.draw.below(story.written.len())].clone()
        } else if near_copy {
            let original = &story.written[self.draw.below(story.written.len())];
            format!("{original}\n(Reporting by desk {number})\n")
        } else {
            Self::write_article(&mut self.draw, story)
        };
        let story_id = story.id;
        if !repeat {
            story.written.push(text.clone());
        }
        story.remaining = story.remaining.saturating_sub(1);
        if story.remaining == 0 {
            self.open.swap_remove(slot);
        }
        let outlet = number % 37;
        Some(GeneratedArticle {
            story: story_id,
            name: format!("{number:07}.txt"),
            url: format!("https://outlet{outlet}.example/news/{number}"),
            text,
            repeats_earlier: repeat,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bases() -> Vec<BaseDocument> {
        vec![
            base_from_text(
                "The council of Amberley voted on Tuesday to close 14 schools. Mayor Ruth Ellison said the decision was hard. Parents in Amberley protested outside the hall.\n",
            ),
            base_from_text(
                "A storm cut power to 30,000 homes in Dunmore overnight. Engineers from Norvale Power worked through the night. Schools in Dunmore stayed shut on Friday.\n",
            ),
        ]
    }

    #[test]
    fn sentences_split_before_capitals_only() {
        assert_eq!(
            split_sentences("It rose 2.5 percent. Then it fell. \"Why?\" she asked."),
            vec![
                "It rose 2.5 percent.",
                "Then it fell.",
                "\"Why?\" she asked."
            ]
        );
    }

    #[test]
    fn names_and_figures_are_the_storys_own_and_stable() {
        let sentence = "Mayor Ruth Ellison closed 14 schools in Amberley.";
        let first = mutate_sentence(sentence, 1);
        assert_eq!(first, mutate_sentence(sentence, 1));
        assert_ne!(first, mutate_sentence(sentence, 2));
        assert!(first.starts_with("Mayor "), "{first}");
        assert!(
            !first.contains("Ellison") && !first.contains("14 "),
            "{first}"
        );
        assert!(first.contains(" schools in "), "{first}");
        assert!(first.ends_with('.'), "{first}");
    }

    #[test]
    fn a_stream_has_the_length_asked_and_is_deterministic() {
        let settings = StreamSettings {
            articles: 300,
            open_stories: 8,
            ..StreamSettings::default()
        };
        let first: Vec<GeneratedArticle> = Stream::new(bases(), settings).collect();
        let second: Vec<GeneratedArticle> = Stream::new(bases(), settings).collect();
        assert_eq!(first.len(), 300);
        assert_eq!(first, second);
        let stories: std::collections::HashSet<u64> =
            first.iter().map(|article| article.story).collect();
        assert!(stories.len() > 20, "{} stories", stories.len());
        // Repeats are exact repeats of an earlier text of the same story.
        for (position, article) in first.iter().enumerate() {
            if article.repeats_earlier {
                assert!(first[..position]
                    .iter()
                    .any(|earlier| earlier.story == article.story && earlier.text == article.text));
            }
        }
        assert!(first.iter().all(|article| !article.text.trim().is_empty()));
    }

    proptest::proptest! {
        #[test]
        fn sentences_are_pieces_of_the_paragraph(paragraph in "\\PC{0,200}") {
            for sentence in split_sentences(&paragraph) {
                proptest::prop_assert!(!sentence.is_empty());
                proptest::prop_assert!(paragraph.contains(&sentence));
            }
        }

        #[test]
        fn mutating_keeps_the_word_count(sentence in "\\PC{0,120}", story in 0u64..1000) {
            let mutated = mutate_sentence(&sentence, story);
            proptest::prop_assert_eq!(mutated.split(' ').count(), sentence.split(' ').count());
        }
    }

    #[test]
    fn no_bases_no_articles() {
        assert_eq!(
            Stream::new(Vec::new(), StreamSettings::default()).count(),
            0
        );
    }
}
