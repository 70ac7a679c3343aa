//! The word tables behind quotation and attribution finding, loaded once
//! from `data/`: reporting verbs, channels, gender cues, pronouns and the
//! abbreviations that do not end a sentence.

use std::collections::HashMap;
use std::sync::OnceLock;

const REPORTING_VERBS: &str = include_str!("../../../data/reporting_verbs.tsv");
const CHANNELS: &str = include_str!("../../../data/channels.tsv");
const SPEAKER_CUES: &str = include_str!("../../../data/speaker_cues.tsv");
const PRONOUNS: &str = include_str!("../../../data/pronouns.tsv");
const NAME_ABBREVIATIONS: &str = include_str!("../../../data/name_abbreviations.txt");
const CLAUSE_WORDS: &str = include_str!("../../../data/clause_words.tsv");
/// Given names and the gender they usually mark (the mentions stage's table,
/// read here to match "he"/"she" with a named person).
const GIVEN_NAMES: &str = include_str!("../../../data/given_names.tsv");

/// The part a small word plays in a cue's clause (see `data/clause_words.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClauseRole {
    Connector,
    Filler,
    Preposition,
    Determiner,
    /// An article or possessive: the word after it is a noun.
    Article,
    Time,
}

impl ClauseRole {
    /// Articles and other determiners: words that open a noun phrase.
    pub fn opens_noun_phrase(self) -> bool {
        matches!(self, ClauseRole::Determiner | ClauseRole::Article)
    }
}

/// What a reporting verb allows, from the flags column of its table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VerbFlags {
    /// May come before its subject: `"…," said the minister`.
    pub invert: bool,
    /// Takes the hearer as object: `told reporters`.
    pub addressee: bool,
    /// Also introduces reported speech: `officials said that …`.
    pub indirect: bool,
    /// A verb of thought, wish or evidence: an attribution's cue, never a
    /// direct quotation's.
    pub attitude: bool,
}

/// One reporting verb: its lemma, flags, and its forms in words.
#[derive(Debug, Clone)]
pub struct ReportingVerb {
    pub lemma: &'static str,
    pub flags: VerbFlags,
    /// Each form split into lower-case words ("pointed out" → ["pointed", "out"]).
    #[cfg_attr(not(test), allow(dead_code))]
    pub forms: Vec<Vec<&'static str>>,
}

/// A verb form found in text: which verb, and how many words it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerbMatch {
    pub verb: usize,
    pub words: usize,
}

pub struct Lexicon {
    pub verbs: Vec<ReportingVerb>,
    /// First word of a form (lower case) → (verb index, form words), longest
    /// form first.
    verb_forms: HashMap<&'static str, Vec<(usize, Vec<&'static str>)>>,
    pub channels: Vec<ChannelPhrase>,
    pub gender_cues: HashMap<&'static str, Gender>,
    pub pronouns: HashMap<&'static str, Referent>,
    pub abbreviations: Vec<&'static str>,
    pub clause_words: HashMap<&'static str, ClauseRole>,
    /// Given name (as written in the table) → gender, for names of one
    /// gender only.
    pub given_names: HashMap<&'static str, Gender>,
}

/// A channel phrase: its words (lower case), whether it takes a following
/// name, and its kind.
#[derive(Debug, Clone)]
pub struct ChannelPhrase {
    pub words: Vec<String>,
    pub takes_object: bool,
    pub kind: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
}

/// What a pronoun may stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Referent {
    Male,
    Female,
    /// A group, or a person of unstated gender ("they").
    Plural,
    /// A thing or organisation ("it").
    Neuter,
    /// The writer or the speaker's own voice ("I", "we"): not resolved.
    Speaker,
}

impl Referent {
    pub fn gender(self) -> Option<Gender> {
        match self {
            Referent::Male => Some(Gender::Male),
            Referent::Female => Some(Gender::Female),
            _ => None,
        }
    }
}

fn data_lines(table: &'static str) -> impl Iterator<Item = &'static str> {
    table
        .lines()
        .map(str::trim_end)
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
}

fn parse_flags(column: &str) -> VerbFlags {
    let mut flags = VerbFlags::default();
    for flag in column.split(',').map(str::trim) {
        match flag {
            "invert" => flags.invert = true,
            "addressee" => flags.addressee = true,
            "indirect" => flags.indirect = true,
            "attitude" => flags.attitude = true,
            _ => {}
        }
    }
    flags
}

fn build() -> Lexicon {
    let mut verbs = Vec::new();
    let mut verb_forms: HashMap<&'static str, Vec<(usize, Vec<&'static str>)>> = HashMap::new();
    for line in data_lines(REPORTING_VERBS) {
        let mut columns = line.split('\t');
        let (Some(lemma), Some(forms_column)) = (columns.next(), columns.next()) else {
            continue;
        };
        let flags = parse_flags(columns.next().unwrap_or("-"));
        let verb_index = verbs.len();
        let mut forms = Vec::new();
        for form in forms_column
            .split(',')
            .map(str::trim)
            .filter(|form| !form.is_empty())
        {
            let words: Vec<&'static str> = form.split_whitespace().collect();
            if let Some(&first) = words.first() {
                verb_forms
                    .entry(first)
                    .or_default()
                    .push((verb_index, words.clone()));
            }
            forms.push(words);
        }
        verbs.push(ReportingVerb {
            lemma,
            flags,
            forms,
        });
    }
    for candidates in verb_forms.values_mut() {
        candidates.sort_by_key(|candidate| std::cmp::Reverse(candidate.1.len()));
    }

    let mut channels = Vec::new();
    for line in data_lines(CHANNELS) {
        let mut columns = line.split('\t');
        let (Some(phrase), Some(kind)) = (columns.next(), columns.next()) else {
            continue;
        };
        let takes_object = phrase.ends_with(" *");
        let words = phrase
            .trim_end_matches(" *")
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        channels.push(ChannelPhrase {
            words,
            takes_object,
            kind: kind.trim(),
        });
    }
    channels.sort_by_key(|channel| std::cmp::Reverse(channel.words.len()));

    let mut gender_cues = HashMap::new();
    for line in data_lines(SPEAKER_CUES) {
        let mut columns = line.split('\t');
        let (Some(word), Some(gender)) = (columns.next(), columns.next()) else {
            continue;
        };
        let gender = match gender.trim() {
            "m" => Gender::Male,
            "f" => Gender::Female,
            _ => continue,
        };
        gender_cues.insert(word, gender);
    }

    let mut pronouns = HashMap::new();
    for line in data_lines(PRONOUNS) {
        let mut columns = line.split('\t');
        let (Some(word), Some(referent)) = (columns.next(), columns.next()) else {
            continue;
        };
        let referent = match referent.trim() {
            "m" => Referent::Male,
            "f" => Referent::Female,
            "p" => Referent::Plural,
            "n" => Referent::Neuter,
            "s" => Referent::Speaker,
            _ => continue,
        };
        pronouns.insert(word, referent);
    }

    let abbreviations = data_lines(NAME_ABBREVIATIONS).map(str::trim).collect();

    let mut clause_words = HashMap::new();
    for line in data_lines(CLAUSE_WORDS) {
        let mut columns = line.split('\t');
        let (Some(word), Some(role)) = (columns.next(), columns.next()) else {
            continue;
        };
        let role = match role.trim() {
            "connector" => ClauseRole::Connector,
            "filler" => ClauseRole::Filler,
            "preposition" => ClauseRole::Preposition,
            "determiner" => ClauseRole::Determiner,
            "article" => ClauseRole::Article,
            "time" => ClauseRole::Time,
            _ => continue,
        };
        clause_words.insert(word, role);
    }

    let mut given_names = HashMap::new();
    for line in data_lines(GIVEN_NAMES) {
        let mut columns = line.split('\t');
        let (Some(name), Some(gender)) = (columns.next(), columns.next()) else {
            continue;
        };
        let gender = match gender.trim() {
            "m" => Gender::Male,
            "f" => Gender::Female,
            _ => continue,
        };
        given_names.insert(name.trim(), gender);
    }

    Lexicon {
        verbs,
        verb_forms,
        channels,
        gender_cues,
        pronouns,
        abbreviations,
        clause_words,
        given_names,
    }
}

/// The tables, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(build)
}

impl Lexicon {
    /// The reporting verb whose form starts at `words[0]`, matching the
    /// longest form. `words` are lower case.
    pub fn verb_at<S: AsRef<str>>(&self, words: &[S]) -> Option<VerbMatch> {
        self.verb_at_with(|offset| words.get(offset).map(AsRef::as_ref))
    }

    /// As [`Lexicon::verb_at`], with the lower-case words given by `word`
    /// (offset from the first word → the word, `None` past the end).
    pub fn verb_at_with<'words>(
        &self,
        word: impl Fn(usize) -> Option<&'words str>,
    ) -> Option<VerbMatch> {
        let first = word(0)?;
        let candidates = self.verb_forms.get(first)?;
        for (verb, form) in candidates {
            let fits = form
                .iter()
                .enumerate()
                .all(|(offset, expected)| word(offset) == Some(*expected));
            if fits {
                return Some(VerbMatch {
                    verb: *verb,
                    words: form.len(),
                });
            }
        }
        None
    }

    pub fn verb(&self, index: usize) -> Option<&ReportingVerb> {
        self.verbs.get(index)
    }

    /// Gender told by a title or role word (any case, final period ignored).
    pub fn gender_of_word(&self, word: &str) -> Option<Gender> {
        let bare = word.trim_end_matches('.');
        if bare.chars().all(|character| character.is_lowercase()) {
            return self.gender_cues.get(bare).copied();
        }
        self.gender_cues.get(bare.to_lowercase().as_str()).copied()
    }

    /// What a pronoun may stand for; `None` when `word` is no pronoun. A
    /// contraction counts as its pronoun ("She’s", "we're").
    pub fn pronoun(&self, word: &str) -> Option<Referent> {
        let bare = match word.split_once(['’', '\'']) {
            Some((pronoun, "s" | "re" | "ve" | "ll" | "d" | "m")) => pronoun,
            _ => word,
        };
        if bare.len() > 4 {
            return None;
        }
        self.pronouns.get(bare.to_lowercase().as_str()).copied()
    }

    /// The gender a given name usually marks ("Maria" → female), when it
    /// marks one.
    pub fn given_name_gender(&self, name: &str) -> Option<Gender> {
        self.given_names.get(name).copied()
    }

    /// The clause role of a lower-case word, if it has one.
    pub fn clause_role(&self, lower_word: &str) -> Option<ClauseRole> {
        self.clause_words.get(lower_word).copied()
    }

    /// True for an abbreviation whose period does not end a sentence.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.abbreviations.contains(&word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verb_form_finds_its_lemma() {
        let lexicon = lexicon();
        assert!(lexicon.verbs.len() > 40);
        for verb in &lexicon.verbs {
            assert!(!verb.forms.is_empty(), "{} has no forms", verb.lemma);
            for form in &verb.forms {
                let found = lexicon
                    .verb_at(form)
                    .map(|found| (lexicon.verb(found.verb).map(|verb| verb.lemma), found.words));
                assert_eq!(found, Some((Some(verb.lemma), form.len())), "form {form:?}");
            }
        }
    }

    #[test]
    fn multi_word_forms_need_all_their_words() {
        let lexicon = lexicon();
        assert!(lexicon.verb_at(&["pointed", "out", "that"]).is_some());
        assert!(lexicon.verb_at(&["pointed", "at"]).is_none());
        assert!(lexicon.verb_at(&["table"]).is_none());
    }

    #[test]
    fn every_channel_phrase_is_parsed() {
        let lexicon = lexicon();
        assert!(lexicon.channels.len() >= 40);
        for channel in &lexicon.channels {
            assert!(channel.words.len() >= 2, "{:?}", channel.words);
            assert!(
                ["in", "on", "at", "during"].contains(&channel.words[0].as_str()),
                "{:?}",
                channel.words
            );
            assert!(!channel.kind.is_empty());
        }
    }

    #[test]
    fn every_gender_cue_and_pronoun_is_read() {
        let lexicon = lexicon();
        for line in data_lines(SPEAKER_CUES) {
            let word = line.split('\t').next().unwrap_or("");
            assert!(lexicon.gender_of_word(word).is_some(), "{word}");
            let capitalised: String = word
                .chars()
                .enumerate()
                .map(|(position, character)| {
                    if position == 0 {
                        character.to_uppercase().next().unwrap_or(character)
                    } else {
                        character
                    }
                })
                .collect();
            assert_eq!(
                lexicon.gender_of_word(&capitalised),
                lexicon.gender_of_word(word)
            );
        }
        assert_eq!(lexicon.gender_of_word("Mrs."), Some(Gender::Female));
        for line in data_lines(PRONOUNS) {
            let word = line.split('\t').next().unwrap_or("");
            assert!(lexicon.pronoun(word).is_some(), "{word}");
        }
        assert_eq!(lexicon.pronoun("She"), Some(Referent::Female));
        assert_eq!(lexicon.pronoun("Shelter"), None);
        assert_eq!(lexicon.pronoun("We’re"), Some(Referent::Speaker));
        assert_eq!(lexicon.pronoun("he's"), Some(Referent::Male));
        assert_eq!(lexicon.pronoun("Let's"), None);
    }

    #[test]
    fn every_clause_word_has_its_role() {
        let lexicon = lexicon();
        let mut roles = std::collections::HashSet::new();
        for line in data_lines(CLAUSE_WORDS) {
            let word = line.split('\t').next().unwrap_or("");
            let role = lexicon.clause_role(word);
            assert!(role.is_some(), "{word}");
            roles.extend(role);
        }
        assert_eq!(roles.len(), 6);
        assert_eq!(lexicon.clause_role("said"), None);
    }

    #[test]
    fn every_gendered_given_name_is_read() {
        let lexicon = lexicon();
        let mut gendered = 0;
        for line in data_lines(GIVEN_NAMES) {
            let mut columns = line.split('\t');
            let (Some(name), Some(gender)) = (columns.next(), columns.next()) else {
                continue;
            };
            let expected = match gender.trim() {
                "m" => Some(Gender::Male),
                "f" => Some(Gender::Female),
                _ => None,
            };
            assert_eq!(lexicon.given_name_gender(name.trim()), expected, "{name}");
            gendered += usize::from(expected.is_some());
        }
        assert!(gendered > 100);
    }

    #[test]
    fn every_abbreviation_is_known() {
        let lexicon = lexicon();
        for line in data_lines(NAME_ABBREVIATIONS) {
            assert!(lexicon.is_abbreviation(line.trim()), "{line}");
        }
        assert!(!lexicon.is_abbreviation("said"));
    }
}
