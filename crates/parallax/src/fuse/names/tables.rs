//! The language data behind name comparison, parsed once from the files
//! under `data/`: transliteration rules, letters, particles, given-name
//! groups, gendered surname endings, family-name-first family names and
//! organisation equivalents.

use std::collections::HashMap;
use std::sync::OnceLock;

const TRANSLITERATION: &str = include_str!("../../../data/transliteration.tsv");
const LETTERS: &str = include_str!("../../../data/letters.tsv");
const PARTICLES: &str = include_str!("../../../data/name_particles.tsv");
const GIVEN_NAMES: &str = include_str!("../../../data/given_names_equivalent.tsv");
const SURNAME_GENDER: &str = include_str!("../../../data/surname_gender.tsv");
const FAMILY_NAME_FIRST: &str = include_str!("../../../data/family_name_first.tsv");
const ORG_EQUIVALENTS: &str = include_str!("../../../data/org_equivalents.tsv");

/// Where in a word a transliteration rule may apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleContext {
    Anywhere,
    Start,
    End,
    AfterVowel,
    AfterConsonant,
    BeforeVowel,
    BeforeConsonant,
    StartBeforeConsonant,
    StartBeforeVowel,
    BeforeFrontVowel,
}

impl RuleContext {
    fn parse(text: &str) -> Option<RuleContext> {
        Some(match text {
            "any" => RuleContext::Anywhere,
            "start" => RuleContext::Start,
            "end" => RuleContext::End,
            "after_vowel" => RuleContext::AfterVowel,
            "after_consonant" => RuleContext::AfterConsonant,
            "before_vowel" => RuleContext::BeforeVowel,
            "before_consonant" => RuleContext::BeforeConsonant,
            "start_before_consonant" => RuleContext::StartBeforeConsonant,
            "start_before_vowel" => RuleContext::StartBeforeVowel,
            "before_front_vowel" => RuleContext::BeforeFrontVowel,
            _ => return None,
        })
    }
}

/// One rewrite rule of `transliteration.tsv`.
#[derive(Debug, Clone)]
pub struct TransliterationRule {
    pub from: String,
    pub to: String,
    pub context: RuleContext,
    /// The example of the table: a word and what this rule alone makes of it.
    pub example: Option<(String, String)>,
}

/// What a particle does in a name (`name_particles.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParticleRole {
    /// A separate word dropped when comparing ("bin", "van", "de").
    Drop,
    /// Glued to the next word with a hyphen or apostrophe ("al-", "d'").
    Prefix,
    /// Joins the next word into one name ("Abd al-Rahman").
    JoinNext,
    /// A courtesy title before the name ("Mr", "Dr").
    Honorific,
    /// A generational suffix after the name ("Jr", "III").
    Suffix,
}

#[derive(Debug, Clone)]
pub struct Particle {
    pub particle: String,
    pub role: ParticleRole,
    /// For `JoinNext`: the folded form the joined word starts with.
    pub joined_form: String,
    pub example: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Masculine,
    Feminine,
}

#[derive(Debug, Clone)]
pub struct GenderedEnding {
    pub ending: String,
    pub gender: Gender,
    pub example: String,
}

/// All tables, parsed.
#[derive(Debug, Default)]
pub struct Tables {
    pub rules: Vec<TransliterationRule>,
    pub letters: HashMap<char, String>,
    pub particles: Vec<Particle>,
    /// Given-name groups as written in the table (lower case).
    pub given_name_groups: Vec<Vec<String>>,
    /// Folded given name → indices of the groups it belongs to.
    pub given_name_index: HashMap<String, Vec<u32>>,
    /// Longest ending first.
    pub gendered_endings: Vec<GenderedEnding>,
    /// Family-name-first spelling groups as written.
    pub family_name_groups: Vec<Vec<String>>,
    /// Folded family name → group indices.
    pub family_name_index: HashMap<String, Vec<u32>>,
    /// Organisation/place equivalence groups as written.
    pub org_groups: Vec<Vec<String>>,
    /// Folded, space-joined name → group indices.
    pub org_index: HashMap<String, Vec<u32>>,
}

/// Data lines of a table: without comments and blank lines, split on tabs.
fn data_lines(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| line.split('\t').map(str::trim).collect())
}

fn parse_rules(text: &str) -> Vec<TransliterationRule> {
    let mut rules = Vec::new();
    for fields in data_lines(text) {
        let (Some(from), Some(to), Some(context)) = (fields.first(), fields.get(1), fields.get(2))
        else {
            continue;
        };
        let Some(context) = RuleContext::parse(context) else {
            continue;
        };
        let example = fields.get(3).and_then(|example| {
            let (word, result) = example.split_once('=')?;
            Some((word.to_string(), result.to_string()))
        });
        rules.push(TransliterationRule {
            from: from.to_string(),
            to: to.to_string(),
            context,
            example,
        });
    }
    rules
}

fn parse_letters(text: &str) -> HashMap<char, String> {
    let mut letters = HashMap::new();
    for fields in data_lines(text) {
        let Some(letter) = fields.first().and_then(|field| {
            let mut chars = field.chars();
            let letter = chars.next()?;
            chars.next().is_none().then_some(letter)
        }) else {
            continue;
        };
        let latin = fields.get(1).copied().unwrap_or("");
        letters.insert(letter, latin.to_string());
    }
    letters
}

fn parse_particles(text: &str) -> Vec<Particle> {
    let mut particles = Vec::new();
    for fields in data_lines(text) {
        let (Some(particle), Some(role)) = (fields.first(), fields.get(1)) else {
            continue;
        };
        let role = match *role {
            "drop" => ParticleRole::Drop,
            "prefix" => ParticleRole::Prefix,
            "join_next" => ParticleRole::JoinNext,
            "honorific" => ParticleRole::Honorific,
            "suffix" => ParticleRole::Suffix,
            _ => continue,
        };
        particles.push(Particle {
            particle: particle.to_string(),
            role,
            joined_form: fields.get(2).copied().unwrap_or("").to_string(),
            example: fields.get(3).copied().unwrap_or("").to_string(),
        });
    }
    particles
}

fn parse_gendered_endings(text: &str) -> Vec<GenderedEnding> {
    let mut endings = Vec::new();
    for fields in data_lines(text) {
        let (Some(ending), Some(gender)) = (fields.first(), fields.get(1)) else {
            continue;
        };
        let gender = match *gender {
            "masculine" => Gender::Masculine,
            "feminine" => Gender::Feminine,
            _ => continue,
        };
        endings.push(GenderedEnding {
            ending: ending.to_lowercase(),
            gender,
            example: fields.get(3).copied().unwrap_or("").to_string(),
        });
    }
    // Longest ending first; the table's order among equals.
    endings.sort_by_key(|ending| std::cmp::Reverse(ending.ending.chars().count()));
    endings
}

/// Groups of a table whose lines are tab-separated names; `skip` leading
/// fields are not names (the language column).
fn parse_groups(text: &str, skip: usize) -> Vec<Vec<String>> {
    let mut groups = Vec::new();
    for fields in data_lines(text) {
        let names: Vec<String> = fields
            .iter()
            .skip(skip)
            .filter(|name| !name.is_empty())
            .map(|name| name.to_lowercase())
            .collect();
        if !names.is_empty() {
            groups.push(names);
        }
    }
    groups
}

fn index_groups(
    groups: &[Vec<String>],
    fold: impl Fn(&str) -> String,
) -> HashMap<String, Vec<u32>> {
    let mut index: HashMap<String, Vec<u32>> = HashMap::new();
    for (group_number, group) in groups.iter().enumerate() {
        for name in group {
            let key = fold(name);
            if key.is_empty() {
                continue;
            }
            let entry = index.entry(key).or_default();
            let group_number = group_number as u32;
            if !entry.contains(&group_number) {
                entry.push(group_number);
            }
        }
    }
    index
}

/// The parsed tables (parsed on first use).
pub fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        // Folding needs the rules and letters: build them first, then index
        // the name tables by their folded forms.
        let mut tables = Tables {
            rules: parse_rules(TRANSLITERATION),
            letters: parse_letters(LETTERS),
            particles: parse_particles(PARTICLES),
            gendered_endings: parse_gendered_endings(SURNAME_GENDER),
            ..Tables::default()
        };
        tables.given_name_groups = parse_groups(GIVEN_NAMES, 0);
        tables.family_name_groups = parse_groups(FAMILY_NAME_FIRST, 1);
        tables.org_groups = parse_groups(ORG_EQUIVALENTS, 0);
        let fold_word =
            |name: &str| super::fold::fold_word_with(&tables.letters, &tables.rules, name);
        let given_name_index = index_groups(&tables.given_name_groups, fold_word);
        let family_name_index = index_groups(&tables.family_name_groups, fold_word);
        let org_index = index_groups(&tables.org_groups, |name| {
            super::fold::fold_phrase_with(&tables.letters, &tables.rules, name)
        });
        tables.given_name_index = given_name_index;
        tables.family_name_index = family_name_index;
        tables.org_index = org_index;
        tables
    })
}

/// The particle `word` is (lower case, as written), if any.
pub fn particle(word: &str) -> Option<&'static Particle> {
    tables()
        .particles
        .iter()
        .find(|particle| particle.particle == word)
}
