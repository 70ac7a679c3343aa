//! Claim groups and verdicts: claims about one fact, across the articles of
//! a story, and what the sources make of it.
//!
//! A fact is a predicate family ("release", "death", "arrive") applied to a
//! class of things counted ("prisoner", "person", "home"), at one time (the
//! story's event, a stated date, or a period "since …"), in one unit.
//! Claims of one fact whose values are of one magnitude form a group; the
//! group's verdict then follows from the values as intervals and from who
//! states them:
//! - every claim states the same number, and it satisfies every qualifier:
//!   `corroborated` by the lineages behind it, or `single_source`;
//! - the values differ but some number satisfies all of them (more than
//!   1,200 and 1,227): a `compatible` conflict;
//! - otherwise a conflict between sides, whose kind says why: a side
//!   credited to a party the other side does not quote
//!   (`different_attribution`), sides bound to different places
//!   (`different_scope`), one lineage alone against two or more
//!   (`likely_error`), else a `contradiction`.
//!
//! Counts of a narrower stage of the same people (arrivals among the
//! released: the table `data/fact_stages.tsv`) that fall short of the wider
//! count are reported as a `different_scope` conflict between the two
//! groups. Role titles given to one person conflict when one outlet calls
//! them "former" and the others do not.

use super::features::{is_stopword, term_of};
use crate::model::{
    AnalysedArticle, ArticleDateSource, ArticleIndex, Claim, ClaimGroup, ClaimKind, ClaimRef,
    ClaimValue, ConflictKind, DatePrecision, MentionRef, TokenKind, Value, Verdict,
};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

const SUBJECT_TABLE: &str = include_str!("../../data/fact_subjects.tsv");
const STAGE_TABLE: &str = include_str!("../../data/fact_stages.tsv");
const SCOPE_WORD_TABLE: &str = include_str!("../../data/fact_scope_words.tsv");

/// Largest ratio between two figures still taken as one fact reported
/// differently (123 vs 156) rather than two facts (123 vs 430).
pub const SAME_FACT_RATIO: f64 = 1.6;
/// Largest ratio between a narrower stage's count and the wider count for
/// the two to be compared at all.
pub const STAGE_RATIO: f64 = 1.5;
/// Least weighted overlap of the words around two figures for them to be
/// one fact when their predicates do not settle it.
pub const SAME_CONTEXT: f32 = 0.3;
/// Words on each side of a figure that make its context.
const CONTEXT_WINDOW: usize = 8;

fn table_rows(table: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    table
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| line.split('\t').map(str::trim).collect())
}

struct SubjectClass {
    class: &'static str,
    human: bool,
}

fn subject_classes() -> &'static HashMap<&'static str, SubjectClass> {
    static CLASSES: OnceLock<HashMap<&'static str, SubjectClass>> = OnceLock::new();
    CLASSES.get_or_init(|| {
        table_rows(SUBJECT_TABLE)
            .filter_map(|row| {
                Some((
                    *row.first()?,
                    SubjectClass {
                        class: row.get(1)?,
                        human: *row.get(2)? == "yes",
                    },
                ))
            })
            .collect()
    })
}

fn stages() -> &'static Vec<(&'static str, &'static str)> {
    static STAGES: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    STAGES.get_or_init(|| {
        table_rows(STAGE_TABLE)
            .filter_map(|row| Some((*row.first()?, *row.get(1)?)))
            .collect()
    })
}

fn scope_words() -> &'static HashMap<&'static str, &'static str> {
    static WORDS: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        table_rows(SCOPE_WORD_TABLE)
            .filter_map(|row| Some((*row.first()?, *row.get(1)?)))
            .collect()
    })
}

/// The family of a predicate lemma (`data/predicate_families.tsv`); an
/// unknown lemma is its own family.
pub fn predicate_family(lemma: &str) -> String {
    let lowered = lemma.trim().to_lowercase();
    crate::extract::quantities::predicate_family(&lowered)
        .map(str::to_string)
        .unwrap_or(lowered)
}

/// Verbs that say nothing of the event ("there were 1,227 prisoners"):
/// a figure with one of them has no predicate to compare.
fn is_copula(lemma: &str) -> bool {
    matches!(
        lemma.trim().to_lowercase().as_str(),
        "be" | "is"
            | "are"
            | "was"
            | "were"
            | "been"
            | "being"
            | "have"
            | "has"
            | "had"
            | "there be"
            | "number"
            | "total"
            | "stand"
    )
}

/// What a counted phrase counts, as a class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub class: String,
    pub human: bool,
    /// A narrower group than the class: "co-defendants", "other prisoners".
    pub narrowed: bool,
}

const NARROWING_PREFIXES: &[&str] = &["co-", "fellow-", "ex-"];
const NARROWING_WORDS: &[&str] = &[
    "other",
    "remaining",
    "further",
    "additional",
    "fellow",
    "foreign",
];

/// The class of a counted noun phrase ("political prisoners" → prisoner).
/// A capitalised head is a nationality or group of people ("Ukrainians").
pub fn subject_of(counted: &str) -> Option<Subject> {
    let words: Vec<&str> = counted
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|word| !word.is_empty())
        .collect();
    let head = *words.last()?;
    let mut narrowed = words[..words.len() - 1]
        .iter()
        .any(|word| NARROWING_WORDS.contains(&word.to_lowercase().as_str()));
    let mut bare_head = head;
    for prefix in NARROWING_PREFIXES {
        if let Some(rest) = head.to_lowercase().strip_prefix(prefix) {
            if !rest.is_empty() {
                narrowed = true;
                bare_head = &head[head.len() - rest.len()..];
            }
        }
    }
    let stem = term_of(bare_head);
    if let Some(known) = subject_classes().get(stem.as_str()) {
        return Some(Subject {
            class: known.class.to_string(),
            human: known.human,
            narrowed,
        });
    }
    if bare_head.chars().next().is_some_and(char::is_uppercase) {
        return Some(Subject {
            class: "person".to_string(),
            human: true,
            narrowed,
        });
    }
    Some(Subject {
        class: stem,
        human: false,
        narrowed,
    })
}

fn subjects_compatible(left: &Option<Subject>, right: &Option<Subject>) -> bool {
    match (left, right) {
        (Some(left), Some(right)) => {
            left.class == right.class
                || (left.human && right.class == "person")
                || (right.human && left.class == "person")
        }
        _ => true,
    }
}

/// When a claimed figure holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimeBucket {
    /// No date in the sentence: the story's own event.
    Undated,
    /// A stated date or period.
    At(NaiveDate, DatePrecision),
    /// A total over a period that opens at the date.
    Since(NaiveDate),
    /// A day resolved from a relative expression ("yesterday", "today")
    /// against a date borrowed from the story (the article states none of
    /// its own): right to within [`BORROWED_DAY_SLACK`] days.
    Around(NaiveDate),
    /// A span of days ("this week", "last weekend"): first and last day.
    Range(NaiveDate, NaiveDate),
}

/// True when `date` lies in `first..=last`, give or take a day.
fn in_range(date: NaiveDate, first: NaiveDate, last: NaiveDate) -> bool {
    (first - date).num_days() <= 1 && (date - last).num_days() <= 1
}

/// How many days a day resolved against a borrowed article date may be off.
const BORROWED_DAY_SLACK: i64 = 2;

fn within_slack(left: NaiveDate, right: NaiveDate) -> bool {
    (left - right).num_days().abs() <= BORROWED_DAY_SLACK
}

fn same_period(left: NaiveDate, right: NaiveDate, precision: DatePrecision) -> bool {
    match precision {
        DatePrecision::Day => left == right,
        DatePrecision::Month | DatePrecision::Season => {
            left.year() == right.year() && left.month() == right.month()
        }
        DatePrecision::Year => left.year() == right.year(),
        DatePrecision::Decade => left.year() / 10 == right.year() / 10,
    }
}

fn times_compatible(left: TimeBucket, right: TimeBucket, main: Option<NaiveDate>) -> bool {
    let undated_matches = |date: NaiveDate, precision: DatePrecision| match main {
        Some(main) => {
            same_period(date, main, precision)
                || (precision == DatePrecision::Day && (date - main).num_days().abs() <= 1)
        }
        None => true,
    };
    match (left, right) {
        (TimeBucket::Undated, TimeBucket::Undated) => true,
        (TimeBucket::Undated, TimeBucket::At(date, precision))
        | (TimeBucket::At(date, precision), TimeBucket::Undated) => {
            undated_matches(date, precision)
        }
        (TimeBucket::At(left, left_precision), TimeBucket::At(right, right_precision)) => {
            same_period(left, right, left_precision.max(right_precision))
        }
        (TimeBucket::Since(left), TimeBucket::Since(right)) => {
            same_period(left, right, DatePrecision::Month)
        }
        (TimeBucket::Around(left), TimeBucket::Around(right)) => within_slack(left, right),
        (TimeBucket::Around(around), TimeBucket::At(date, precision))
        | (TimeBucket::At(date, precision), TimeBucket::Around(around)) => {
            if precision == DatePrecision::Day {
                within_slack(around, date)
            } else {
                same_period(around, date, precision)
            }
        }
        (TimeBucket::Range(first, last), TimeBucket::At(date, DatePrecision::Day))
        | (TimeBucket::At(date, DatePrecision::Day), TimeBucket::Range(first, last))
        | (TimeBucket::Range(first, last), TimeBucket::Around(date))
        | (TimeBucket::Around(date), TimeBucket::Range(first, last)) => in_range(date, first, last),
        (TimeBucket::Range(left_first, left_last), TimeBucket::Range(right_first, right_last)) => {
            left_first <= right_last && right_first <= left_last
        }
        (TimeBucket::Range(first, last), TimeBucket::Undated)
        | (TimeBucket::Undated, TimeBucket::Range(first, last)) => {
            main.is_none_or(|main| in_range(main, first, last))
        }
        // A day worked out from a borrowed date is too loose to tell an
        // undated figure's event from another.
        (TimeBucket::Around(_), TimeBucket::Undated)
        | (TimeBucket::Undated, TimeBucket::Around(_)) => true,
        _ => false,
    }
}

/// One numeric claim, ready to be compared.
#[derive(Debug, Clone)]
struct Fact {
    claim_ref: ClaimRef,
    lineage: u32,
    family: Option<String>,
    /// The family comes from the table (not an unknown verb's lemma).
    known_family: bool,
    subject: Option<Subject>,
    time: TimeBucket,
    unit: Option<String>,
    value: Value,
    attributed_to: Option<String>,
    places: Vec<String>,
    value_text: String,
    counted: Option<String>,
    /// Content terms (and entity ids) around the figure, interned per
    /// story, sorted.
    context: Vec<u32>,
    /// Scope words of the sentence ("early", "final", "part").
    stage: BTreeSet<&'static str>,
    sum_of_parts: bool,
    part_of_sum: bool,
}

impl Fact {
    /// The number as written: exact, the centre of an "about" interval,
    /// or the bound the qualifier is about.
    fn stated(&self) -> Option<f64> {
        stated_number(&self.value)
    }

    fn contains(&self, number: f64) -> bool {
        self.value.overlaps(&Value::exact(number))
    }

    fn family_name(&self) -> &str {
        self.family.as_deref().unwrap_or("figure")
    }
}

/// The number a value was written with: exact; the centre of a closed
/// interval ("about 230" is [207, 253]); else its finite bound.
pub fn stated_number(value: &Value) -> Option<f64> {
    if value.exact.is_some() {
        return value.exact;
    }
    match (value.low, value.high) {
        (Some(low), Some(high)) if low > 0.0 => Some((low + high) / 2.0),
        (_, Some(high)) => Some(high),
        (low, None) => low,
    }
}

/// What the grouping needs of a story beyond its articles.
pub struct StoryContext<'a> {
    pub articles: &'a [&'a AnalysedArticle],
    /// Lineage id of each article.
    pub lineage_of: &'a HashMap<ArticleIndex, u32>,
    /// Entity id of each mention, for role claims and contexts.
    pub entity_of: &'a HashMap<MentionRef, u32>,
}

/// Groups the claims of one story and gives each group its verdict.
pub fn group_claims(context: &StoryContext<'_>) -> Vec<ClaimGroup> {
    let facts = numeric_facts(context);
    let main_date = main_event_date(&facts);
    let weights = context_weights(&facts);
    let mut clusters = cluster_facts(&facts, main_date, &weights);
    for cluster in &mut clusters {
        bound_breakdowns(cluster);
    }
    clusters.sort_by_key(|cluster| cluster.iter().map(|fact| fact.claim_ref).min());
    let mut groups: Vec<ClaimGroup> = Vec::new();
    let mut cluster_summaries: Vec<(usize, Side)> = Vec::new();
    for cluster in &clusters {
        let (group, majority) = judge_cluster(cluster);
        cluster_summaries.push((groups.len(), majority));
        groups.push(group);
    }
    groups.extend(stage_conflicts(&clusters, &cluster_summaries, main_date));
    groups.extend(role_groups(context));
    for (id, group) in groups.iter_mut().enumerate() {
        group.id = id as u32;
    }
    groups
}

fn numeric_facts(context: &StoryContext<'_>) -> Vec<Fact> {
    let mut facts = Vec::new();
    let mut interned: HashMap<String, u32> = HashMap::new();
    for analysed in context.articles {
        let article_index = analysed.article.index;
        let lineage = context
            .lineage_of
            .get(&article_index)
            .copied()
            .unwrap_or(u32::MAX - article_index);
        for (claim_index, claim) in analysed.extraction.claims.iter().enumerate() {
            let ClaimValue::Number { value, unit } = &claim.value else {
                continue;
            };
            if claim.kind != ClaimKind::Quantity {
                continue;
            }
            let anchor_borrowed = analysed
                .extraction
                .article_date
                .is_some_and(|date| date.source == ArticleDateSource::Story);
            let time = claim
                .time
                .and_then(|index| analysed.extraction.dates.get(index as usize))
                .and_then(|date| {
                    let resolved = date.date?;
                    Some(if date.since {
                        TimeBucket::Since(resolved)
                    } else if let Some(last) = date.until.filter(|last| *last > resolved) {
                        TimeBucket::Range(resolved, last)
                    } else if anchor_borrowed
                        && date.relative
                        && date.precision == DatePrecision::Day
                    {
                        TimeBucket::Around(resolved)
                    } else {
                        TimeBucket::At(resolved, date.precision)
                    })
                })
                .unwrap_or(TimeBucket::Undated);
            let (context_words, stage) = claim_context(analysed, claim, context.entity_of);
            let mut context_terms: Vec<u32> = context_words
                .into_iter()
                .map(|word| {
                    let next = interned.len() as u32;
                    *interned.entry(word).or_insert(next)
                })
                .collect();
            context_terms.sort_unstable();
            context_terms.dedup();
            facts.push(Fact {
                claim_ref: ClaimRef {
                    article: article_index,
                    claim: claim_index as u32,
                },
                lineage,
                family: claim
                    .predicate
                    .as_deref()
                    .filter(|lemma| !is_copula(lemma))
                    .map(predicate_family),
                known_family: claim
                    .predicate
                    .as_deref()
                    .filter(|lemma| !is_copula(lemma))
                    .is_some_and(|lemma| {
                        crate::extract::quantities::predicate_family(&lemma.trim().to_lowercase())
                            .is_some()
                    }),
                subject: claim.subject.as_deref().and_then(subject_of),
                time,
                unit: unit.clone(),
                value: *value,
                attributed_to: claim.attributed_to.clone(),
                places: place_words(claim),
                value_text: analysed.article.slice(&claim.value_span).to_string(),
                counted: claim.subject.clone(),
                context: context_terms,
                stage,
                sum_of_parts: claim.sum_of_parts,
                part_of_sum: claim.part_of_sum,
            });
        }
    }
    facts
}

/// The words around a claim's figure in its sentence (stemmed content
/// words, and `#N` for a name of entity N), and the sentence's scope words.
fn claim_context(
    analysed: &AnalysedArticle,
    claim: &Claim,
    entity_of: &HashMap<MentionRef, u32>,
) -> (Vec<String>, BTreeSet<&'static str>) {
    let text = &analysed.article.text;
    let mut terms: BTreeSet<String> = BTreeSet::new();
    let mut stage: BTreeSet<&'static str> = BTreeSet::new();
    let Some(sentence) = analysed.doc.sentences.get(claim.sentence as usize) else {
        return (Vec::new(), stage);
    };
    let tokens = analysed.doc.sentence_tokens(sentence);
    let first_value_token = tokens
        .iter()
        .position(|token| token.end > claim.value_span.start)
        .unwrap_or(tokens.len());
    let last_value_token = tokens
        .iter()
        .rposition(|token| token.start < claim.value_span.end)
        .unwrap_or(first_value_token);
    let mut window_words = 0;
    let mut before: Vec<usize> = Vec::new();
    for position in (0..first_value_token).rev() {
        if tokens[position].kind == TokenKind::Word {
            window_words += 1;
        }
        if window_words > CONTEXT_WINDOW || text.get(tokens[position].range()) == Some(";") {
            break;
        }
        before.push(position);
    }
    window_words = 0;
    let mut after: Vec<usize> = Vec::new();
    for (position, token) in tokens.iter().enumerate().skip(last_value_token + 1) {
        if token.kind == TokenKind::Word {
            window_words += 1;
        }
        if window_words > CONTEXT_WINDOW || text.get(token.range()) == Some(";") {
            break;
        }
        after.push(position);
    }
    for position in before.into_iter().chain(after) {
        let token = &tokens[position];
        if token.kind != TokenKind::Word {
            continue;
        }
        let word = token.text(text).to_lowercase();
        if word.chars().count() < 2 || is_stopword(&word) {
            continue;
        }
        terms.insert(term_of(&word));
    }
    for token in tokens {
        if token.kind == TokenKind::Word {
            let word = token.text(text).to_lowercase();
            if let Some(kind) = scope_words().get(word.as_str()) {
                stage.insert(kind);
            }
        }
    }
    // Names in the clause stand for their entities, so that spellings of
    // one name count as one word.
    let window_start = tokens.first().map_or(0, |token| token.start);
    let window_end = tokens.last().map_or(0, |token| token.end);
    for (index, mention) in analysed.extraction.mentions.iter().enumerate() {
        if mention.sentence != claim.sentence
            || mention.span.start < window_start
            || mention.span.end > window_end
        {
            continue;
        }
        let key = MentionRef {
            article: analysed.article.index,
            mention: index as u32,
        };
        if let Some(entity) = entity_of.get(&key) {
            terms.insert(format!("#{entity}"));
            for word in mention.name.split_whitespace() {
                terms.remove(&term_of(&word.to_lowercase()));
            }
        }
    }
    (terms.into_iter().collect(), stage)
}

/// Weight of each context term (indexed by its interned id): rarer among
/// the story's figures, heavier.
fn context_weights(facts: &[Fact]) -> Vec<f32> {
    let mut frequency: Vec<u32> = Vec::new();
    for fact in facts {
        for &term in &fact.context {
            let slot = term as usize;
            if frequency.len() <= slot {
                frequency.resize(slot + 1, 0);
            }
            frequency[slot] += 1;
        }
    }
    let total = facts.len() as f32 + 1.0;
    frequency
        .into_iter()
        .map(|count| (total / count.max(1) as f32).ln().max(0.1))
        .collect()
}

/// Weighted Dice overlap of two facts' contexts (sorted id lists).
fn context_similarity(left: &Fact, right: &Fact, weights: &[f32]) -> f32 {
    let weight = |term: u32| weights.get(term as usize).copied().unwrap_or(1.0);
    let left_total: f32 = left.context.iter().map(|&term| weight(term)).sum();
    let right_total: f32 = right.context.iter().map(|&term| weight(term)).sum();
    if left_total + right_total == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0.0f32);
    while i < left.context.len() && j < right.context.len() {
        match left.context[i].cmp(&right.context[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += weight(left.context[i]);
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared / (left_total + right_total)
}

/// Place words of a claim's scope: capitalised words of its phrases, folded
/// to their first five letters so that "Ukraine" and "Ukrainian territory"
/// name one place.
fn place_words(claim: &Claim) -> Vec<String> {
    let mut places: Vec<String> = claim
        .scope
        .iter()
        .flat_map(|phrase| phrase.split_whitespace())
        .filter(|word| word.chars().next().is_some_and(char::is_uppercase))
        .filter(|word| !word.chars().any(|c| c.is_ascii_digit()))
        .filter(|word| !is_month_or_weekday(word))
        .map(|word| {
            word.chars()
                .filter(|c| c.is_alphabetic())
                .take(5)
                .collect::<String>()
                .to_lowercase()
        })
        .filter(|word| word.chars().count() >= 3)
        .collect();
    places.sort();
    places.dedup();
    places
}

fn is_month_or_weekday(word: &str) -> bool {
    const NAMES: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let lowered = word
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    NAMES.contains(&lowered.as_str())
}

/// The story's own event date: the most frequent day-precision date among
/// the claims (ties to the later date).
fn main_event_date(facts: &[Fact]) -> Option<NaiveDate> {
    let mut counts: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for fact in facts {
        if let TimeBucket::At(date, DatePrecision::Day) = fact.time {
            *counts.entry(date).or_insert(0) += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(date, count)| (*count, *date))
        .map(|(date, _)| date)
}

/// True when two figures are of one magnitude: the numbers they were
/// written with are within [`SAME_FACT_RATIO`] of each other (an open bound
/// such as "at least 41" is taken at its number, not its whole range).
fn magnitudes_close(left: &Fact, right: &Fact) -> bool {
    let (Some(a), Some(b)) = (left.stated(), right.stated()) else {
        return false;
    };
    let (a, b) = (a.abs(), b.abs());
    let (small, large) = if a < b { (a, b) } else { (b, a) };
    if small == 0.0 {
        return large == 0.0;
    }
    large / small <= SAME_FACT_RATIO
}

/// Facts that may stand in one group at all: same unit and time, subjects
/// and predicates that do not rule it out, parts of sums only with the same
/// part.
fn may_join(left: &Fact, right: &Fact, main_date: Option<NaiveDate>) -> bool {
    if left.unit != right.unit || !times_compatible(left.time, right.time, main_date) {
        return false;
    }
    if left.part_of_sum || right.part_of_sum {
        let key = |fact: &Fact| {
            fact.counted
                .as_deref()
                .map(crate::extract::quantities::counted_key)
        };
        if left.part_of_sum != right.part_of_sum || key(left) != key(right) {
            return false;
        }
    }
    // Two predicates of the table's families must agree; a verb the table
    // does not know ("forced from their homes") rules nothing out.
    if let (Some(left_family), Some(right_family)) = (&left.family, &right.family) {
        if left_family != right_family && left.known_family && right.known_family {
            return false;
        }
    }
    subjects_compatible(&left.subject, &right.subject)
}

/// How strongly two facts are one: `None` when they are not.
fn same_fact(
    left: &Fact,
    right: &Fact,
    main_date: Option<NaiveDate>,
    weights: &[f32],
) -> Option<f32> {
    if !may_join(left, right, main_date) || !magnitudes_close(left, right) {
        return None;
    }
    let similarity = context_similarity(left, right, weights);
    let key = |fact: &Fact| {
        fact.counted
            .as_deref()
            .map(crate::extract::quantities::counted_key)
            .filter(|key| !key.is_empty())
    };
    let same_counted = key(left).is_some() && key(left) == key(right);
    let settled_by_frame = (left.family.is_some()
        && left.family == right.family
        && left.subject.is_some()
        && right.subject.is_some())
        || same_counted;
    if settled_by_frame {
        return Some(similarity.max(SAME_CONTEXT));
    }
    (similarity >= SAME_CONTEXT).then_some(similarity)
}

/// Clusters facts that are one fact: each joins the group holding its most
/// similar fact, when it may stand with every member.
fn cluster_facts(facts: &[Fact], main_date: Option<NaiveDate>, weights: &[f32]) -> Vec<Vec<Fact>> {
    let mut clusters: Vec<Vec<Fact>> = Vec::new();
    for fact in facts {
        let mut best: Option<(usize, f32)> = None;
        for (index, cluster) in clusters.iter().enumerate() {
            if !cluster
                .iter()
                .all(|member| may_join(member, fact, main_date))
            {
                continue;
            }
            let strongest = cluster
                .iter()
                .filter_map(|member| same_fact(member, fact, main_date, weights))
                .fold(None, |best: Option<f32>, value| {
                    Some(best.map_or(value, |b| b.max(value)))
                });
            if let Some(strength) = strongest {
                if best.is_none_or(|(_, best_strength)| strength > best_strength) {
                    best = Some((index, strength));
                }
            }
        }
        match best {
            Some((index, _)) => clusters[index].push(fact.clone()),
            None => clusters.push(vec![fact.clone()]),
        }
    }
    clusters
}

/// A sum that breaks down a bounded figure of the same article ("at least
/// 41 … 14 women, 19 men and eight children") takes the figure's bound:
/// the parts detail the count known so far, they do not close it.
fn bound_breakdowns(cluster: &mut [Fact]) {
    let bounds: Vec<(ArticleIndex, f64, Value)> = cluster
        .iter()
        .filter(|fact| !fact.sum_of_parts && fact.value.exact.is_none())
        .filter_map(|fact| Some((fact.claim_ref.article, fact.stated()?, fact.value)))
        .collect();
    for fact in cluster.iter_mut().filter(|fact| fact.sum_of_parts) {
        let Some(total) = fact.value.exact else {
            continue;
        };
        if let Some((_, _, bound)) = bounds.iter().find(|(article, stated, _)| {
            *article == fact.claim_ref.article && (*stated - total).abs() < 1e-9
        }) {
            fact.value = *bound;
        }
    }
}

/// One side of a disagreement: facts that state one value.
#[derive(Debug, Clone)]
struct Side {
    facts: Vec<usize>,
    lineages: BTreeSet<u32>,
    /// The value this side stands for.
    value: Option<f64>,
}

fn lineages_of(cluster: &[Fact], members: &[usize]) -> BTreeSet<u32> {
    members
        .iter()
        .map(|&index| cluster[index].lineage)
        .collect()
}

/// Splits a cluster into sides: one per exact value stated, bounds joined
/// to every side whose value they admit; bounds that admit none form sides
/// of their own.
fn sides_of(cluster: &[Fact]) -> Vec<Side> {
    let mut point_values: Vec<f64> = cluster.iter().filter_map(|fact| fact.value.exact).collect();
    point_values.sort_by(f64::total_cmp);
    point_values.dedup();
    let mut sides: Vec<Side> = point_values
        .iter()
        .map(|&value| {
            let facts: Vec<usize> = cluster
                .iter()
                .enumerate()
                .filter(|(_, fact)| match fact.value.exact {
                    Some(exact) => exact == value,
                    None => fact.contains(value),
                })
                .map(|(index, _)| index)
                .collect();
            Side {
                lineages: lineages_of(cluster, &facts),
                facts,
                value: Some(value),
            }
        })
        .collect();
    let mut loose: Vec<usize> = cluster
        .iter()
        .enumerate()
        .filter(|(_, fact)| fact.value.exact.is_none())
        .filter(|(_, fact)| !point_values.iter().any(|&value| fact.contains(value)))
        .map(|(index, _)| index)
        .collect();
    while let Some(first) = loose.first().copied() {
        let members: Vec<usize> = loose
            .iter()
            .copied()
            .filter(|&index| cluster[index].value.overlaps(&cluster[first].value))
            .collect();
        loose.retain(|index| !members.contains(index));
        sides.push(Side {
            lineages: lineages_of(cluster, &members),
            value: cluster[first].stated(),
            facts: members,
        });
    }
    sides
}

fn majority(sides: &[Side]) -> usize {
    let mut best = 0;
    for (index, side) in sides.iter().enumerate() {
        let current = &sides[best];
        if (side.lineages.len(), side.facts.len()) > (current.lineages.len(), current.facts.len()) {
            best = index;
        }
    }
    best
}

fn fold_party(party: &str) -> String {
    party
        .split_whitespace()
        .map(|word| {
            word.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|word| !word.is_empty() && !crate::fuse::features::is_stopword(word))
        .map(|word| match word.as_str() {
            "officials" | "official" | "authorities" | "authority" | "government" | "spokesman"
            | "spokeswoman" | "spokesperson" => "officials".to_string(),
            _ => term_of(&word),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Judges one cluster: its group and its majority side.
fn judge_cluster(cluster: &[Fact]) -> (ClaimGroup, Side) {
    let sides = sides_of(cluster);
    let all_lineages = lineages_of(cluster, &(0..cluster.len()).collect::<Vec<_>>());
    let majority_index = majority(&sides);
    let majority_side = sides.get(majority_index).cloned().unwrap_or_else(|| Side {
        facts: (0..cluster.len()).collect(),
        lineages: all_lineages.clone(),
        value: None,
    });
    let statement = statement_fact(cluster, &majority_side);
    let label = label_of(&cluster[statement]);
    let claims: Vec<ClaimRef> = cluster.iter().map(|fact| fact.claim_ref).collect();
    let independent: Vec<u32> = all_lineages.iter().copied().collect();

    let stated: BTreeSet<u64> = cluster
        .iter()
        .filter_map(|fact| fact.stated().map(f64::to_bits))
        .collect();
    let agreed_number = cluster.first().and_then(Fact::stated);
    let all_agree = stated.len() <= 1
        && agreed_number.is_some_and(|number| cluster.iter().all(|fact| fact.contains(number)));

    let (verdict, conflict_kind, explanation) = if sides.len() <= 1 || all_agree {
        if all_agree {
            let verdict = if all_lineages.len() >= 2 {
                Verdict::Corroborated
            } else {
                Verdict::SingleSource
            };
            let explanation = format!(
                "{} stated by {} independent source{} ({} article{})",
                cluster[statement].value_text,
                all_lineages.len(),
                plural(all_lineages.len()),
                cluster.len(),
                plural(cluster.len())
            );
            (verdict, None, explanation)
        } else {
            let forms: Vec<String> =
                distinct_texts(cluster, &(0..cluster.len()).collect::<Vec<_>>());
            (
                Verdict::Conflict,
                Some(ConflictKind::Compatible),
                format!(
                    "{} differ in form, not in fact: one number satisfies them all",
                    forms.join(" and ")
                ),
            )
        }
    } else {
        let (kind, explanation) = conflict_between(cluster, &sides, majority_index);
        (Verdict::Conflict, Some(kind), explanation)
    };
    (
        ClaimGroup {
            id: 0,
            kind: ClaimKind::Quantity,
            claims,
            verdict,
            conflict_kind,
            independent_sources: independent,
            explanation,
            statement: cluster[statement].claim_ref,
            label,
        },
        majority_side,
    )
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

fn distinct_texts(cluster: &[Fact], members: &[usize]) -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    for &index in members {
        let text = cluster[index].value_text.clone();
        if !texts.contains(&text) {
            texts.push(text);
        }
    }
    texts
}

/// Why the sides disagree: the kind of the most telling minority side.
fn conflict_between(
    cluster: &[Fact],
    sides: &[Side],
    majority_index: usize,
) -> (ConflictKind, String) {
    let majority = &sides[majority_index];
    let majority_parties: BTreeSet<String> = majority
        .facts
        .iter()
        .filter_map(|&index| cluster[index].attributed_to.as_deref().map(fold_party))
        .collect();
    let majority_places: BTreeSet<String> = majority
        .facts
        .iter()
        .flat_map(|&index| cluster[index].places.iter().cloned())
        .collect();
    let majority_text = distinct_texts(cluster, &majority.facts).join(" / ");
    let mut best: Option<(u8, ConflictKind, String)> = None;
    for (index, side) in sides.iter().enumerate() {
        if index == majority_index {
            continue;
        }
        // Facts on this side that the majority does not share.
        let own: Vec<usize> = side
            .facts
            .iter()
            .copied()
            .filter(|fact| !majority.facts.contains(fact))
            .collect();
        if own.is_empty() {
            continue;
        }
        let side_text = distinct_texts(cluster, &own).join(" / ");
        let parties: Vec<String> = own
            .iter()
            .filter_map(|&fact| cluster[fact].attributed_to.clone())
            .collect();
        let all_attributed = parties.len() == own.len();
        let new_party = parties
            .iter()
            .all(|party| !majority_parties.contains(&fold_party(party)));
        let places: BTreeSet<String> = own
            .iter()
            .flat_map(|&fact| cluster[fact].places.iter().cloned())
            .collect();
        let different_places = !places.is_empty()
            && !majority_places.is_empty()
            && places.is_disjoint(&majority_places);
        let side_value = side.value.unwrap_or(0.0);
        let majority_value = majority.value.unwrap_or(0.0);
        // One side counts a part only: restricted to a place, a stage word
        // ("preliminary", "alone"), a narrower group ("co-defendants"), or
        // the listed parts of a sum.
        let marks = |members: &[usize]| -> BTreeSet<&'static str> {
            let mut found = BTreeSet::new();
            for &index in members {
                let fact = &cluster[index];
                found.extend(fact.stage.iter().copied());
                if fact
                    .subject
                    .as_ref()
                    .is_some_and(|subject| subject.narrowed)
                {
                    found.insert("narrowed");
                }
                if fact.sum_of_parts {
                    found.insert("sum");
                }
            }
            found
        };
        let side_marks = marks(&own);
        let majority_marks = marks(&majority.facts);
        let restricted_place =
            !places.is_empty() && majority_places.is_empty() && side_value < majority_value
                || places.is_empty() && !majority_places.is_empty() && majority_value < side_value;
        let scope_reason: Option<String> = if different_places {
            Some("count different places".to_string())
        } else if side_marks != majority_marks {
            let differing: Vec<&str> = side_marks
                .symmetric_difference(&majority_marks)
                .copied()
                .collect();
            Some(format!(
                "differ in what they count ({})",
                scope_mark_words(&differing)
            ))
        } else if restricted_place {
            Some("differ in scope: one counts a single place, the other the whole".to_string())
        } else {
            None
        };
        let (rank, kind, explanation) = if all_attributed && new_party {
            let party = parties.first().cloned().unwrap_or_default();
            (
                4,
                ConflictKind::DifferentAttribution,
                format!(
                    "{side_text} is credited to {party}; {majority_text} is what {} independent source{} report",
                    majority.lineages.len(),
                    plural(majority.lineages.len())
                ),
            )
        } else if let Some(reason) = scope_reason {
            (
                3,
                ConflictKind::DifferentScope,
                format!("{side_text} and {majority_text} {reason}"),
            )
        } else if side.lineages.len() == 1 && majority.lineages.len() >= 2 {
            (
                2,
                ConflictKind::LikelyError,
                format!(
                    "one source alone gives {side_text}; {} independent sources give {majority_text}",
                    majority.lineages.len()
                ),
            )
        } else {
            (
                1,
                ConflictKind::Contradiction,
                format!("{side_text} against {majority_text} for the same fact, with no difference of source or scope found"),
            )
        };
        if best
            .as_ref()
            .is_none_or(|(best_rank, _, _)| rank > *best_rank)
        {
            best = Some((rank, kind, explanation));
        }
    }
    match best {
        Some((_, kind, explanation)) => (kind, explanation),
        None => (
            ConflictKind::Compatible,
            format!("{majority_text}: the figures admit one number"),
        ),
    }
}

/// Words for the marks that set two figures' scopes apart.
fn scope_mark_words(marks: &[&str]) -> String {
    let words: Vec<&str> = marks
        .iter()
        .map(|mark| match *mark {
            "early" => "a preliminary count",
            "final" => "a final count",
            "part" => "a part only",
            "narrowed" => "a narrower group",
            "sum" => "the listed parts of a total",
            other => other,
        })
        .collect();
    words.join(", ")
}

/// The fact whose sentence states the group: from the majority side, an
/// unattributed one if any, earliest first.
fn statement_fact(cluster: &[Fact], side: &Side) -> usize {
    let mut members: Vec<usize> = side.facts.clone();
    if members.is_empty() {
        members = (0..cluster.len()).collect();
    }
    members.sort_by_key(|&index| {
        (
            cluster[index].attributed_to.is_some(),
            cluster[index].value.exact.is_none(),
            cluster[index].claim_ref,
        )
    });
    members.first().copied().unwrap_or(0)
}

fn label_of(fact: &Fact) -> String {
    let what = match &fact.counted {
        Some(counted)
            if !fact
                .value_text
                .to_lowercase()
                .contains(&counted.to_lowercase()) =>
        {
            format!("{} {}", fact.value_text, counted)
        }
        _ => fact.value_text.clone(),
    };
    match (&fact.family, fact.known_family) {
        (Some(family), true) => format!("{what} ({family})"),
        _ => what,
    }
}

/// `different_scope` conflicts between a narrower stage's count and a wider
/// one's (arrivals among those released) when the narrower falls short.
fn stage_conflicts(
    clusters: &[Vec<Fact>],
    summaries: &[(usize, Side)],
    main_date: Option<NaiveDate>,
) -> Vec<ClaimGroup> {
    let mut groups = Vec::new();
    for (narrow_index, narrow) in clusters.iter().enumerate() {
        for (wide_index, wide) in clusters.iter().enumerate() {
            let (Some(narrow_fact), Some(wide_fact)) = (narrow.first(), wide.first()) else {
                continue;
            };
            if narrow_fact.part_of_sum || wide_fact.part_of_sum {
                continue;
            }
            let is_stage = stages().iter().any(|(narrower, wider)| {
                Some(*narrower) == narrow_fact.family.as_deref()
                    && Some(*wider) == wide_fact.family.as_deref()
            });
            if !is_stage
                || narrow_fact.unit != wide_fact.unit
                || !subjects_compatible(&narrow_fact.subject, &wide_fact.subject)
                || !times_compatible(narrow_fact.time, wide_fact.time, main_date)
            {
                continue;
            }
            let narrow_side = &summaries[narrow_index].1;
            let wide_side = &summaries[wide_index].1;
            let (Some(narrow_value), Some(wide_value)) = (narrow_side.value, wide_side.value)
            else {
                continue;
            };
            if !(narrow_value < wide_value
                && narrow_value > 0.0
                && wide_value / narrow_value <= STAGE_RATIO)
            {
                continue;
            }
            let mut claims: Vec<ClaimRef> =
                wide_side.facts.iter().map(|&i| wide[i].claim_ref).collect();
            claims.extend(narrow.iter().map(|fact| fact.claim_ref));
            let mut lineages: BTreeSet<u32> = wide_side.lineages.clone();
            lineages.extend(narrow.iter().map(|fact| fact.lineage));
            let narrow_text =
                distinct_texts(narrow, &(0..narrow.len()).collect::<Vec<_>>()).join(" / ");
            let wide_text = distinct_texts(wide, &wide_side.facts).join(" / ");
            let statement = narrow[statement_fact(narrow, &summaries[narrow_index].1)].claim_ref;
            groups.push(ClaimGroup {
                id: 0,
                kind: ClaimKind::Quantity,
                claims,
                verdict: Verdict::Conflict,
                conflict_kind: Some(ConflictKind::DifferentScope),
                independent_sources: lineages.into_iter().collect(),
                explanation: format!(
                    "{narrow_text} counts {} ({}), a part of the {wide_text} counted as {}",
                    narrow_fact.family_name(),
                    narrow_fact.places.join(", "),
                    wide_fact.family_name()
                ),
                statement,
                label: format!(
                    "{} vs {}: {narrow_text} vs {wide_text}",
                    narrow_fact.family_name(),
                    wide_fact.family_name()
                ),
            });
        }
    }
    groups
}

/// A title folded to its role: lower case, nationality and country words
/// (capitalised in the text) and honorifics dropped; "former"/"ex-" kept
/// apart as a flag.
fn fold_role(title: &str) -> (String, bool) {
    let mut former = false;
    let mut words: Vec<String> = Vec::new();
    for raw in title.split_whitespace() {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        let lowered = word.to_lowercase();
        if matches!(
            lowered.as_str(),
            "former" | "ex" | "then" | "erstwhile" | "onetime" | "one-time"
        ) || lowered.starts_with("ex-")
        {
            former = true;
            if let Some(rest) = lowered.strip_prefix("ex-") {
                if !rest.is_empty() {
                    words.push(rest.to_string());
                }
            }
            continue;
        }
        let is_proper_adjective = word.chars().next().is_some_and(char::is_uppercase)
            && (word.chars().all(|c| c.is_uppercase() || c == '.')
                || lowered.ends_with("an")
                || lowered.ends_with("ian")
                || lowered.ends_with("ish")
                || lowered.ends_with("ese"));
        if is_proper_adjective || lowered.is_empty() {
            continue;
        }
        words.push(lowered);
    }
    (words.join(" "), former)
}

/// Role conflicts: one person called "former X" by some outlets and "X" by
/// others.
fn role_groups(context: &StoryContext<'_>) -> Vec<ClaimGroup> {
    struct RoleFact {
        claim_ref: ClaimRef,
        lineage: u32,
        role: String,
        former: bool,
        text: String,
    }
    let mut by_entity: BTreeMap<String, Vec<RoleFact>> = BTreeMap::new();
    for analysed in context.articles {
        let article_index = analysed.article.index;
        let lineage = context
            .lineage_of
            .get(&article_index)
            .copied()
            .unwrap_or(u32::MAX - article_index);
        for (claim_index, claim) in analysed.extraction.claims.iter().enumerate() {
            let (ClaimKind::Role, ClaimValue::Text { text }) = (claim.kind, &claim.value) else {
                continue;
            };
            let entity_key = claim
                .mentions
                .first()
                .and_then(|&mention| {
                    context.entity_of.get(&MentionRef {
                        article: article_index,
                        mention,
                    })
                })
                .map(|entity| format!("#{entity}"))
                .or_else(|| claim.subject.clone())
                .unwrap_or_default();
            let (role, former) = fold_role(text);
            if role.is_empty() {
                continue;
            }
            by_entity.entry(entity_key).or_default().push(RoleFact {
                claim_ref: ClaimRef {
                    article: article_index,
                    claim: claim_index as u32,
                },
                lineage,
                role,
                former,
                text: analysed.article.slice(&claim.value_span).to_string(),
            });
        }
    }
    let mut groups = Vec::new();
    for facts in by_entity.values() {
        let roles: BTreeSet<&str> = facts.iter().map(|fact| fact.role.as_str()).collect();
        for role in roles {
            let holders: Vec<&RoleFact> = facts.iter().filter(|fact| fact.role == role).collect();
            let former: BTreeSet<u32> = holders
                .iter()
                .filter(|f| f.former)
                .map(|f| f.lineage)
                .collect();
            let current: BTreeSet<u32> = holders
                .iter()
                .filter(|f| !f.former)
                .map(|f| f.lineage)
                .collect();
            if former.is_empty() || current.is_empty() {
                continue;
            }
            let (minority, majority, minority_is_former) = if former.len() <= current.len() {
                (&former, &current, true)
            } else {
                (&current, &former, false)
            };
            let kind = if minority.len() == 1 && majority.len() >= 2 {
                ConflictKind::LikelyError
            } else {
                ConflictKind::Contradiction
            };
            let pick = |want_former: bool| {
                holders
                    .iter()
                    .find(|fact| fact.former == want_former)
                    .map(|fact| fact.text.clone())
                    .unwrap_or_default()
            };
            let minority_text = pick(minority_is_former);
            let majority_text = pick(!minority_is_former);
            let statement = holders
                .iter()
                .find(|fact| fact.former != minority_is_former)
                .map(|fact| fact.claim_ref)
                .unwrap_or(holders[0].claim_ref);
            let lineages: BTreeSet<u32> = holders.iter().map(|fact| fact.lineage).collect();
            groups.push(ClaimGroup {
                id: 0,
                kind: ClaimKind::Role,
                claims: holders.iter().map(|fact| fact.claim_ref).collect(),
                verdict: Verdict::Conflict,
                conflict_kind: Some(kind),
                independent_sources: lineages.into_iter().collect(),
                explanation: format!(
                    "{} source{} say \u{201c}{minority_text}\u{201d}; {} say \u{201c}{majority_text}\u{201d}",
                    minority.len(),
                    plural(minority.len()),
                    majority.len()
                ),
                statement,
                label: format!("role: {role}"),
            });
        }
    }
    groups
}

#[cfg(test)]
mod tests;
