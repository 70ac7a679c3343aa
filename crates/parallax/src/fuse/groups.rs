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

use super::features::term_of;
use crate::model::{
    AnalysedArticle, ArticleIndex, Claim, ClaimGroup, ClaimKind, ClaimRef, ClaimValue,
    ConflictKind, DatePrecision, MentionRef, Value, Verdict,
};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

const PREDICATE_TABLE: &str = include_str!("../../data/fact_predicates.tsv");
const SUBJECT_TABLE: &str = include_str!("../../data/fact_subjects.tsv");
const STAGE_TABLE: &str = include_str!("../../data/fact_stages.tsv");

/// Largest ratio between two figures still taken as one fact reported
/// differently (123 vs 156) rather than two facts (123 vs 430).
pub const SAME_FACT_RATIO: f64 = 1.6;
/// Largest ratio between a narrower stage's count and the wider count for
/// the two to be compared at all.
pub const STAGE_RATIO: f64 = 1.5;

fn table_rows(table: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    table
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| line.split('\t').map(str::trim).collect())
}

fn predicate_families() -> &'static HashMap<&'static str, &'static str> {
    static FAMILIES: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    FAMILIES.get_or_init(|| {
        table_rows(PREDICATE_TABLE)
            .filter_map(|row| Some((*row.first()?, *row.get(1)?)))
            .collect()
    })
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

/// The family of a predicate lemma; an unknown lemma is its own family.
pub fn predicate_family(lemma: &str) -> String {
    let lowered = lemma.trim().to_lowercase();
    predicate_families()
        .get(lowered.as_str())
        .map(|family| family.to_string())
        .unwrap_or(lowered)
}

/// What a counted phrase counts, as a class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub class: String,
    pub human: bool,
}

/// The class of a counted noun phrase ("political prisoners" → prisoner).
/// A capitalised head is a nationality or group of people ("Ukrainians").
pub fn subject_of(counted: &str) -> Option<Subject> {
    let head = counted
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .rfind(|word| !word.is_empty())?;
    let stem = term_of(head);
    if let Some(known) = subject_classes().get(stem.as_str()) {
        return Some(Subject {
            class: known.class.to_string(),
            human: known.human,
        });
    }
    if head.chars().next().is_some_and(char::is_uppercase) {
        return Some(Subject {
            class: "person".to_string(),
            human: true,
        });
    }
    Some(Subject {
        class: stem,
        human: false,
    })
}

fn subjects_compatible(left: &Option<Subject>, right: &Option<Subject>) -> bool {
    match (left, right) {
        (Some(left), Some(right)) => {
            left.class == right.class
                || (left.human && right.class == "person")
                || (right.human && left.class == "person")
        }
        (None, None) => true,
        _ => false,
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
        None => false,
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
        _ => false,
    }
}

/// One numeric claim, ready to be compared.
#[derive(Debug, Clone)]
struct Fact {
    claim_ref: ClaimRef,
    lineage: u32,
    family: String,
    subject: Option<Subject>,
    time: TimeBucket,
    unit: Option<String>,
    value: Value,
    attributed_to: Option<String>,
    places: Vec<String>,
    value_text: String,
    counted: Option<String>,
}

impl Fact {
    /// The number as written: exact, or the bound the qualifier is about.
    fn stated(&self) -> Option<f64> {
        self.value.exact.or(self.value.low).or(self.value.high)
    }

    fn representative(&self) -> f64 {
        self.value.representative().unwrap_or(0.0)
    }

    fn contains(&self, number: f64) -> bool {
        self.value.overlaps(&Value::exact(number))
    }
}

/// What the grouping needs of a story beyond its articles.
pub struct StoryContext<'a> {
    pub articles: &'a [&'a AnalysedArticle],
    /// Lineage id of each article.
    pub lineage_of: &'a HashMap<ArticleIndex, u32>,
    /// Entity id of each mention, for role claims.
    pub entity_of: &'a HashMap<MentionRef, u32>,
}

/// Groups the claims of one story and gives each group its verdict.
pub fn group_claims(context: &StoryContext<'_>) -> Vec<ClaimGroup> {
    let facts = numeric_facts(context);
    let main_date = main_event_date(&facts);
    let mut clusters = cluster_facts(&facts, main_date);
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
            let Some(family) = claim.predicate.as_deref().map(predicate_family) else {
                continue;
            };
            let time = claim
                .time
                .and_then(|index| analysed.extraction.dates.get(index as usize))
                .and_then(|date| {
                    let resolved = date.date?;
                    Some(if date.since {
                        TimeBucket::Since(resolved)
                    } else {
                        TimeBucket::At(resolved, date.precision)
                    })
                })
                .unwrap_or(TimeBucket::Undated);
            facts.push(Fact {
                claim_ref: ClaimRef {
                    article: article_index,
                    claim: claim_index as u32,
                },
                lineage,
                family,
                subject: claim.subject.as_deref().and_then(subject_of),
                time,
                unit: unit.clone(),
                value: *value,
                attributed_to: claim.attributed_to.clone(),
                places: place_words(claim),
                value_text: analysed.article.slice(&claim.value_span).to_string(),
                counted: claim.subject.clone(),
            });
        }
    }
    facts
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

fn magnitudes_close(left: &Fact, right: &Fact) -> bool {
    if left.value.overlaps(&right.value) {
        return true;
    }
    let (a, b) = (left.representative().abs(), right.representative().abs());
    let (small, large) = if a < b { (a, b) } else { (b, a) };
    small > 0.0 && large / small <= SAME_FACT_RATIO
}

/// Clusters facts of one family, unit and time whose subjects are
/// compatible and whose values are of one magnitude.
fn cluster_facts(facts: &[Fact], main_date: Option<NaiveDate>) -> Vec<Vec<Fact>> {
    let mut ordered: Vec<&Fact> = facts.iter().collect();
    ordered.sort_by(|a, b| {
        (a.family.as_str(), a.unit.as_deref())
            .cmp(&(b.family.as_str(), b.unit.as_deref()))
            .then(a.representative().total_cmp(&b.representative()))
            .then(a.claim_ref.cmp(&b.claim_ref))
    });
    let mut clusters: Vec<Vec<Fact>> = Vec::new();
    for fact in ordered {
        let mut best: Option<(usize, usize)> = None;
        for (index, cluster) in clusters.iter().enumerate() {
            let fits = cluster.iter().all(|member| {
                member.family == fact.family
                    && member.unit == fact.unit
                    && subjects_compatible(&member.subject, &fact.subject)
                    && times_compatible(member.time, fact.time, main_date)
            }) && cluster.iter().any(|member| magnitudes_close(member, fact));
            if fits {
                let size = cluster.len();
                if best.is_none_or(|(_, best_size)| size > best_size) {
                    best = Some((index, size));
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
        } else if different_places {
            (
                3,
                ConflictKind::DifferentScope,
                format!("{side_text} and {majority_text} count different places"),
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
    match &fact.counted {
        Some(counted) => format!("{}: {} {}", fact.family, fact.value_text, counted),
        None => format!("{}: {}", fact.family, fact.value_text),
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
            let is_stage = stages().iter().any(|(narrower, wider)| {
                *narrower == narrow_fact.family && *wider == wide_fact.family
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
                    narrow_fact.family,
                    narrow_fact.places.join(", "),
                    wide_fact.family
                ),
                statement,
                label: format!(
                    "{} vs {}: {narrow_text} vs {wide_text}",
                    narrow_fact.family, wide_fact.family
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
