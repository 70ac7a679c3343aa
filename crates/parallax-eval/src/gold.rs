//! Gold files for our own stories (format: `docs/gold-format.md`) and the
//! scoring of a brief against one.

use crate::metrics::Counts;
use anyhow::{bail, Context};
use parallax::brief::fold_space;
use parallax::model::{Brief, BriefDocument};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gold {
    pub story: String,
    pub articles: Vec<String>,
    pub articles_dir: Option<String>,
    #[serde(default)]
    pub lineages: Vec<GoldLineage>,
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    #[serde(default)]
    pub distinct: Vec<GoldDistinct>,
    #[serde(default)]
    pub facts: Vec<GoldFact>,
    #[serde(default)]
    pub roles: Vec<GoldRole>,
    #[serde(default)]
    pub not_claims: Vec<GoldNotClaim>,
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    #[serde(default)]
    pub boilerplate: Vec<GoldBoilerplate>,
    #[serde(default)]
    pub timeline: Vec<GoldTimeline>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldLineage {
    pub articles: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldEntity {
    pub name: String,
    pub kind: String,
    pub variants: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldDistinct {
    pub a: String,
    pub b: String,
    #[serde(default)]
    pub why: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldFact {
    pub about: String,
    pub values: Vec<f64>,
    pub verdict: String,
    pub conflict_kind: Option<String>,
    pub independent_sources: Option<usize>,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldRole {
    pub entity: String,
    pub titles: Vec<String>,
    pub verdict: String,
    pub conflict_kind: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldNotClaim {
    pub source: String,
    pub value: f64,
    #[serde(default)]
    pub why: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldQuote {
    pub text: String,
    pub speaker: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldBoilerplate {
    pub source: String,
    pub text: Option<String>,
    pub line: Option<usize>,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldTimeline {
    pub date: String,
    pub precision: String,
    pub event: String,
}

/// A gold file with the folder its article names are relative to.
#[derive(Debug, Clone)]
pub struct GoldStory {
    pub path: PathBuf,
    pub gold: Gold,
    pub articles_dir: PathBuf,
}

impl GoldStory {
    pub fn load(path: &Path) -> anyhow::Result<GoldStory> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let gold: Gold = toml::from_str(&text)
            .with_context(|| format!("{}: not a valid gold file", path.display()))?;
        let folder = path.parent().unwrap_or(Path::new("."));
        let articles_dir = match &gold.articles_dir {
            Some(dir) => folder.join(dir),
            None => folder.to_path_buf(),
        };
        if gold.articles.is_empty() {
            bail!("{}: lists no articles", path.display());
        }
        Ok(GoldStory {
            path: path.to_path_buf(),
            gold,
            articles_dir,
        })
    }

    pub fn article_paths(&self) -> Vec<PathBuf> {
        self.gold
            .articles
            .iter()
            .map(|name| self.articles_dir.join(name))
            .collect()
    }
}

/// The scores of one brief (or several briefs of one gold story) against
/// its gold file.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub lineage_pairs: Counts,
    pub entity_merges: Counts,
    /// Predicted merges across two gold entities or of a `distinct` pair.
    pub wrong_merges: Vec<String>,
    pub missed_merges: Vec<String>,
    pub facts_found: Counts,
    pub fact_verdicts: Counts,
    pub conflict_kinds: Counts,
    pub fact_sources: Counts,
    pub fact_misses: Vec<String>,
    pub roles_found: Counts,
    pub not_claims: Counts,
    pub not_claim_errors: Vec<String>,
    pub quotes_found: Counts,
    pub quote_speakers: Counts,
    pub quote_matching: Counts,
    pub quote_misses: Vec<String>,
    pub boilerplate_recall: Counts,
    pub boilerplate_reasons: Counts,
    pub boilerplate_precision: Counts,
    pub boilerplate_misses: Vec<String>,
    pub timeline: Counts,
}

fn file_name(source: &str) -> String {
    Path::new(source)
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| source.to_string())
}

fn accuracy(right: bool) -> Counts {
    if right {
        Counts {
            true_positives: 1.0,
            ..Counts::default()
        }
    } else {
        Counts {
            false_positives: 1.0,
            false_negatives: 1.0,
            ..Counts::default()
        }
    }
}

fn found(hit: bool) -> Counts {
    if hit {
        Counts {
            true_positives: 1.0,
            ..Counts::default()
        }
    } else {
        Counts {
            false_negatives: 1.0,
            ..Counts::default()
        }
    }
}

/// Scores the briefs of `document` (all its stories together: the gold
/// story may have been split) against `gold`. `texts` holds each article's
/// text by file name, for boilerplate line numbers.
pub fn score(gold: &Gold, document: &BriefDocument, texts: &BTreeMap<String, String>) -> Scores {
    let mut scores = Scores::default();
    let briefs: Vec<&Brief> = document.stories.iter().collect();
    score_lineages(gold, &briefs, &mut scores);
    score_entities(gold, &briefs, &mut scores);
    score_facts(gold, &briefs, &mut scores);
    score_quotes(gold, &briefs, &mut scores);
    score_boilerplate(gold, &briefs, texts, &mut scores);
    score_timeline(gold, &briefs, &mut scores);
    scores
}

fn pairs<T: Ord + Clone>(items: &[T]) -> BTreeSet<(T, T)> {
    let mut result = BTreeSet::new();
    for (i, left) in items.iter().enumerate() {
        for right in &items[i + 1..] {
            if left != right {
                let pair = if left < right {
                    (left.clone(), right.clone())
                } else {
                    (right.clone(), left.clone())
                };
                result.insert(pair);
            }
        }
    }
    result
}

fn score_lineages(gold: &Gold, briefs: &[&Brief], scores: &mut Scores) {
    let mut gold_pairs = BTreeSet::new();
    for lineage in &gold.lineages {
        gold_pairs.extend(pairs(&lineage.articles));
    }
    let mut predicted = BTreeSet::new();
    for brief in briefs {
        for lineage in &brief.lineages {
            let names: Vec<String> = lineage
                .articles
                .iter()
                .map(|source| file_name(source))
                .collect();
            predicted.extend(pairs(&names));
        }
    }
    let listed: BTreeSet<&String> = gold.articles.iter().collect();
    predicted.retain(|(a, b)| listed.contains(a) && listed.contains(b));
    scores.lineage_pairs.true_positives += gold_pairs.intersection(&predicted).count() as f64;
    scores.lineage_pairs.false_positives += predicted.difference(&gold_pairs).count() as f64;
    scores.lineage_pairs.false_negatives += gold_pairs.difference(&predicted).count() as f64;
}

/// A gold spelling as the brief lists spellings: white space folded and a
/// leading courtesy title dropped (the brief splits titles off names and
/// lists them apart, so "Mr Lukashenko" is the spelling "Lukashenko").
fn fold_variant(variant: &str) -> String {
    const HONORIFICS: &[&str] = &[
        "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Dame", "Mme", "Mme.",
    ];
    let folded = fold_space(variant);
    let mut words = folded.split(' ');
    match (words.next(), words.clone().next()) {
        (Some(first), Some(_)) if HONORIFICS.contains(&first) => {
            words.collect::<Vec<_>>().join(" ")
        }
        _ => folded,
    }
}

fn score_entities(gold: &Gold, briefs: &[&Brief], scores: &mut Scores) {
    let mut gold_entity_of: BTreeMap<String, usize> = BTreeMap::new();
    for (index, entity) in gold.entities.iter().enumerate() {
        for variant in &entity.variants {
            gold_entity_of.insert(fold_variant(variant), index);
        }
    }
    let mut predicted_pairs: BTreeSet<(String, String)> = BTreeSet::new();
    for brief in briefs {
        for entity in &brief.entities {
            let known: Vec<String> = entity
                .variants
                .iter()
                .map(|variant| fold_space(variant))
                .filter(|variant| gold_entity_of.contains_key(variant))
                .collect();
            predicted_pairs.extend(pairs(&known));
        }
    }
    let mut gold_pairs: BTreeSet<(String, String)> = BTreeSet::new();
    for entity in &gold.entities {
        let variants: Vec<String> = entity
            .variants
            .iter()
            .map(|variant| fold_variant(variant))
            .collect();
        gold_pairs.extend(pairs(&variants));
    }
    for pair in &predicted_pairs {
        if gold_pairs.contains(pair) {
            scores.entity_merges.true_positives += 1.0;
        } else {
            scores.entity_merges.false_positives += 1.0;
            scores.wrong_merges.push(format!("{} + {}", pair.0, pair.1));
        }
    }
    for pair in gold_pairs.difference(&predicted_pairs) {
        scores.entity_merges.false_negatives += 1.0;
        scores
            .missed_merges
            .push(format!("{} ~ {}", pair.0, pair.1));
    }
    for distinct in &gold.distinct {
        let a = fold_variant(&distinct.a);
        let b = fold_variant(&distinct.b);
        let merged = briefs.iter().any(|brief| {
            brief.entities.iter().any(|entity| {
                entity
                    .variants
                    .iter()
                    .any(|variant| fold_space(variant) == a)
                    && entity
                        .variants
                        .iter()
                        .any(|variant| fold_space(variant) == b)
            })
        });
        if merged {
            scores
                .wrong_merges
                .push(format!("{a} + {b} (must stay apart: {})", distinct.why));
        }
    }
}

/// True when some claim of the group states `value` (as its exact number or
/// the bound its qualifier is about).
fn group_holds(group: &parallax::model::BriefClaimGroup, value: f64) -> bool {
    group.claims.iter().any(|claim| {
        stated(&claim.value)
            .is_some_and(|stated| (stated - value).abs() < 1e-6 * value.abs().max(1.0))
    })
}

/// The number a claim was written with: exact, the centre of an "about"
/// interval, or the bound of a qualifier.
fn stated(value: &parallax::model::BriefValue) -> Option<f64> {
    if value.exact.is_some() {
        return value.exact;
    }
    match (value.low, value.high) {
        (Some(low), Some(high)) if low > 0.0 => Some((low + high) / 2.0),
        (_, Some(high)) => Some(high),
        (low, None) => low,
    }
}

fn score_facts(gold: &Gold, briefs: &[&Brief], scores: &mut Scores) {
    for fact in &gold.facts {
        let candidates: Vec<&parallax::model::BriefClaimGroup> = briefs
            .iter()
            .flat_map(|brief| brief.claim_groups.iter())
            .filter(|group| fact.values.iter().all(|value| group_holds(group, *value)))
            .collect();
        let best = candidates
            .iter()
            .find(|group| {
                group.verdict == fact.verdict && group.conflict_kind == fact.conflict_kind
            })
            .or_else(|| {
                candidates
                    .iter()
                    .find(|group| group.verdict == fact.verdict)
            })
            .or_else(|| candidates.first());
        scores.facts_found.add(found(best.is_some()));
        let Some(group) = best else {
            scores.fact_misses.push(format!(
                "{} {:?}: no group holds these values",
                fact.about, fact.values
            ));
            continue;
        };
        let verdict_right = group.verdict == fact.verdict;
        scores.fact_verdicts.add(accuracy(verdict_right));
        if fact.verdict == "conflict" {
            let kind_right = group.conflict_kind == fact.conflict_kind;
            scores.conflict_kinds.add(accuracy(kind_right));
            if !kind_right || !verdict_right {
                scores.fact_misses.push(format!(
                    "{} {:?}: expected conflict {:?}, got {} {:?}",
                    fact.about, fact.values, fact.conflict_kind, group.verdict, group.conflict_kind
                ));
            }
        } else if !verdict_right {
            scores.fact_misses.push(format!(
                "{} {:?}: expected {}, got {} {:?}",
                fact.about, fact.values, fact.verdict, group.verdict, group.conflict_kind
            ));
        }
        if let Some(expected) = fact.independent_sources {
            if fact.verdict != "conflict" {
                let right = group.independent_sources == expected;
                scores.fact_sources.add(accuracy(right));
                if !right {
                    scores.fact_misses.push(format!(
                        "{} {:?}: expected {expected} independent sources, got {}",
                        fact.about, fact.values, group.independent_sources
                    ));
                }
            }
        }
    }
    for role in &gold.roles {
        let hit = briefs
            .iter()
            .flat_map(|brief| brief.claim_groups.iter())
            .any(|group| {
                group.kind == "role"
                    && group.verdict == role.verdict
                    && group.conflict_kind == role.conflict_kind
                    && group.claims.iter().any(|claim| {
                        claim.counted.as_deref().is_some_and(|subject| {
                            role.entity.contains(subject) || subject.contains(role.entity.as_str())
                        }) || claim
                            .value_text
                            .contains(role.entity.rsplit(' ').next().unwrap_or(&role.entity))
                    })
            });
        scores.roles_found.add(found(hit));
        if !hit {
            scores.fact_misses.push(format!(
                "role of {}: {:?} not found as {} {:?}",
                role.entity, role.titles, role.verdict, role.conflict_kind
            ));
        }
    }
    for not_claim in &gold.not_claims {
        let made = briefs
            .iter()
            .flat_map(|brief| brief.claim_groups.iter())
            .any(|group| {
                group.claims.iter().any(|claim| {
                    file_name(&claim.source) == not_claim.source
                        && claim
                            .value
                            .exact
                            .or(claim.value.low)
                            .or(claim.value.high)
                            .is_some_and(|stated| (stated - not_claim.value).abs() < 1e-9)
                })
            });
        if made {
            scores.not_claims.false_positives += 1.0;
            scores.not_claim_errors.push(format!(
                "{} in {} ({})",
                not_claim.value, not_claim.source, not_claim.why
            ));
        } else {
            scores.not_claims.true_positives += 1.0;
        }
    }
}

fn entity_variants(gold: &Gold, name: &str) -> Vec<String> {
    gold.entities
        .iter()
        .find(|entity| entity.name == name)
        .map(|entity| {
            entity
                .variants
                .iter()
                .map(|variant| fold_variant(variant))
                .collect()
        })
        .unwrap_or_else(|| vec![fold_variant(name)])
}

fn score_quotes(gold: &Gold, briefs: &[&Brief], scores: &mut Scores) {
    for quote in &gold.quotes {
        let needle = fold_space(&quote.text);
        let holders: Vec<&parallax::model::BriefQuote> = briefs
            .iter()
            .flat_map(|brief| brief.quotes.iter())
            .filter(|candidate| {
                fold_space(&candidate.text).contains(&needle)
                    || candidate
                        .variants
                        .iter()
                        .any(|variant| fold_space(&variant.text).contains(&needle))
            })
            .collect();
        scores.quotes_found.add(found(!holders.is_empty()));
        let Some(first) = holders.first() else {
            scores
                .quote_misses
                .push(format!("not found: {:?}", quote.text));
            continue;
        };
        let variants = entity_variants(gold, &quote.speaker);
        let speaker_right = holders.iter().all(|holder| {
            holder
                .speaker
                .as_deref()
                .is_some_and(|speaker| variants.contains(&fold_space(speaker)))
        });
        scores.quote_speakers.add(accuracy(speaker_right));
        if !speaker_right {
            scores.quote_misses.push(format!(
                "speaker of {:?}: expected {}, got {:?}",
                quote.text, quote.speaker, first.speaker
            ));
        }
        if quote.sources.len() >= 2 {
            let sources: BTreeSet<String> = quote.sources.iter().cloned().collect();
            let matched = briefs
                .iter()
                .flat_map(|brief| brief.quotes.iter())
                .any(|candidate| {
                    let held: BTreeSet<String> = candidate
                        .sources
                        .iter()
                        .map(|source| file_name(source))
                        .collect();
                    sources.is_subset(&held)
                });
            scores.quote_matching.add(found(matched));
            if !matched {
                scores.quote_misses.push(format!(
                    "not matched across {:?}: {:?}",
                    quote.sources, quote.text
                ));
            }
        }
    }
}

fn score_boilerplate(
    gold: &Gold,
    briefs: &[&Brief],
    texts: &BTreeMap<String, String>,
    scores: &mut Scores,
) {
    // Predicted non-body lines by file: (text, reason, start, end).
    let mut predicted: BTreeMap<String, Vec<(String, String, u32, u32)>> = BTreeMap::new();
    for brief in briefs {
        for article in &brief.articles {
            for line in &article.boilerplate {
                predicted
                    .entry(file_name(&article.source))
                    .or_default()
                    .push((
                        line.text.clone(),
                        line.reason.clone(),
                        line.span.start,
                        line.span.end,
                    ));
            }
        }
    }
    let mut matched_predictions: BTreeSet<(String, u32)> = BTreeSet::new();
    for entry in &gold.boilerplate {
        let Some(lines) = predicted.get(&entry.source) else {
            scores.boilerplate_recall.add(found(false));
            scores.boilerplate_misses.push(format!(
                "{}: {:?} not marked",
                entry.source,
                entry.text.as_deref().unwrap_or("")
            ));
            continue;
        };
        let gold_range = match (&entry.text, entry.line) {
            (Some(text), _) => texts.get(&entry.source).and_then(|article| {
                let start = article.find(text.as_str())?;
                Some((start as u32, (start + text.len()) as u32))
            }),
            (None, Some(line_number)) => texts
                .get(&entry.source)
                .and_then(|article| line_range(article, line_number)),
            (None, None) => None,
        };
        let hit = gold_range.and_then(|(start, end)| {
            lines
                .iter()
                .find(|(_, _, line_start, line_end)| *line_start <= end && start <= *line_end)
        });
        scores.boilerplate_recall.add(found(hit.is_some()));
        match hit {
            Some((_, reason, start, _)) => {
                matched_predictions.insert((entry.source.clone(), *start));
                let right = *reason == entry.reason;
                scores.boilerplate_reasons.add(accuracy(right));
                if !right {
                    scores.boilerplate_misses.push(format!(
                        "{}: {:?} marked {reason}, gold {}",
                        entry.source,
                        entry.text.as_deref().unwrap_or(""),
                        entry.reason
                    ));
                }
            }
            None => scores.boilerplate_misses.push(format!(
                "{}: {:?} not marked ({})",
                entry.source,
                entry
                    .text
                    .as_deref()
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("line {}", entry.line.unwrap_or(0))),
                entry.reason
            )),
        }
    }
    let gold_sources: BTreeSet<&String> =
        gold.boilerplate.iter().map(|entry| &entry.source).collect();
    for (source, lines) in &predicted {
        if !gold.articles.contains(source) {
            continue;
        }
        for (text, reason, start, _) in lines {
            if matched_predictions.contains(&(source.clone(), *start)) {
                scores.boilerplate_precision.true_positives += 1.0;
            } else {
                scores.boilerplate_precision.false_positives += 1.0;
                let _ = gold_sources.contains(source);
                scores.boilerplate_misses.push(format!(
                    "{source}: {text:?} marked {reason} but is body in the gold"
                ));
            }
        }
    }
}

/// Byte range of 1-based line `number` of `text`, line break excluded.
fn line_range(text: &str, number: usize) -> Option<(u32, u32)> {
    let mut start = 0usize;
    for (index, line) in text.split('\n').enumerate() {
        if index + 1 == number {
            return Some((start as u32, (start + line.len()) as u32));
        }
        start += line.len() + 1;
    }
    None
}

fn score_timeline(gold: &Gold, briefs: &[&Brief], scores: &mut Scores) {
    for entry in &gold.timeline {
        let hit = briefs
            .iter()
            .flat_map(|brief| brief.timeline.iter())
            .any(|predicted| {
                let date = predicted.date.to_string();
                let same_date = match entry.precision.as_str() {
                    "year" => date.get(..4) == entry.date.get(..4),
                    "month" => date.get(..7) == entry.date.get(..7),
                    _ => date == entry.date,
                };
                same_date
                    && predicted.precision == entry.precision
                    && predicted
                        .event
                        .to_lowercase()
                        .contains(&entry.event.to_lowercase())
            });
        scores.timeline.add(found(hit));
    }
}

impl Scores {
    pub fn add(&mut self, other: Scores) {
        self.lineage_pairs.add(other.lineage_pairs);
        self.entity_merges.add(other.entity_merges);
        self.wrong_merges.extend(other.wrong_merges);
        self.missed_merges.extend(other.missed_merges);
        self.facts_found.add(other.facts_found);
        self.fact_verdicts.add(other.fact_verdicts);
        self.conflict_kinds.add(other.conflict_kinds);
        self.fact_sources.add(other.fact_sources);
        self.fact_misses.extend(other.fact_misses);
        self.roles_found.add(other.roles_found);
        self.not_claims.add(other.not_claims);
        self.not_claim_errors.extend(other.not_claim_errors);
        self.quotes_found.add(other.quotes_found);
        self.quote_speakers.add(other.quote_speakers);
        self.quote_matching.add(other.quote_matching);
        self.quote_misses.extend(other.quote_misses);
        self.boilerplate_recall.add(other.boilerplate_recall);
        self.boilerplate_reasons.add(other.boilerplate_reasons);
        self.boilerplate_precision.add(other.boilerplate_precision);
        self.boilerplate_misses.extend(other.boilerplate_misses);
        self.timeline.add(other.timeline);
    }
}
