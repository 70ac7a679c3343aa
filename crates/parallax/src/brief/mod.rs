//! Stage `brief`: fused records → one [`Brief`] per story.
//!
//! Takes the analysed articles and the fusion of a batch; gives, for each
//! story, the account a reader wants: a headline sentence, key facts (most
//! corroborated first), conflicts with both sides, entities with every
//! spelling, quotes with speakers, a dated timeline, what each source alone
//! reports or leaves out, and the lineages. Promises: every sentence shown
//! is copied from an article and carries its span; labels and explanations
//! made from extracted fields are kept in fields named so.

use crate::fuse::{FusedStory, Fusion};
use crate::model::{
    AlignedSentences, AnalysedArticle, ArticleIndex, BoilerplateLine, Brief, BriefArticle,
    BriefClaim, BriefClaimGroup, BriefEntity, BriefLineage, BriefLineageLink, BriefQuote,
    BriefValue, ClaimGroup, ClaimRef, ClaimValue, ConflictKind, DatePrecision, Line, MentionForm,
    SourceSpan, Span, TimelineEntry, UniqueReport, Verdict,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Builds the briefs of every story of the batch.
pub fn build(articles: &[AnalysedArticle], fusion: &Fusion) -> Vec<Brief> {
    let by_index: HashMap<ArticleIndex, &AnalysedArticle> = articles
        .iter()
        .map(|analysed| (analysed.article.index, analysed))
        .collect();
    let index = BatchIndex::new(fusion);
    fusion
        .stories
        .iter()
        .filter_map(|story| build_story(&by_index, fusion, &index, story))
        .collect()
}

/// Lookups over the whole batch, made once so that each story's brief
/// costs what its own articles cost.
struct BatchIndex {
    entity_of: HashMap<crate::model::MentionRef, u32>,
    /// Positions in `Fusion::entities` of the entities each article mentions.
    entities_of_article: HashMap<ArticleIndex, Vec<usize>>,
    /// Positions in `Fusion::quote_groups` of the groups each article is in.
    quote_groups_of_article: HashMap<ArticleIndex, Vec<usize>>,
}

impl BatchIndex {
    fn new(fusion: &Fusion) -> Self {
        let mut entities_of_article: HashMap<ArticleIndex, Vec<usize>> = HashMap::new();
        for (position, entity) in fusion.entities.iter().enumerate() {
            for article in &entity.articles {
                entities_of_article
                    .entry(*article)
                    .or_default()
                    .push(position);
            }
        }
        let mut quote_groups_of_article: HashMap<ArticleIndex, Vec<usize>> = HashMap::new();
        for (position, group) in fusion.quote_groups.iter().enumerate() {
            for quote in &group.quotes {
                let list = quote_groups_of_article.entry(quote.article).or_default();
                if list.last() != Some(&position) {
                    list.push(position);
                }
            }
        }
        BatchIndex {
            entity_of: crate::fuse::entity_index(&fusion.entities),
            entities_of_article,
            quote_groups_of_article,
        }
    }

    /// Positions, ascending and distinct, gathered from `lists` for the
    /// story's articles.
    fn gather(lists: &HashMap<ArticleIndex, Vec<usize>>, articles: &[ArticleIndex]) -> Vec<usize> {
        let mut positions: Vec<usize> = articles
            .iter()
            .filter_map(|article| lists.get(article))
            .flatten()
            .copied()
            .collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

fn source_span(by_index: &HashMap<ArticleIndex, &AnalysedArticle>, span: &Span) -> SourceSpan {
    SourceSpan {
        source: by_index
            .get(&span.article)
            .map(|analysed| analysed.article.source.clone())
            .unwrap_or_default(),
        article: span.article,
        start: span.start,
        end: span.end,
    }
}

fn line(by_index: &HashMap<ArticleIndex, &AnalysedArticle>, span: &Span) -> Line {
    let text = by_index
        .get(&span.article)
        .map(|analysed| fold_space(analysed.article.slice(span)))
        .unwrap_or_default();
    Line {
        text,
        span: source_span(by_index, span),
    }
}

/// White space folded to single spaces (line breaks inside a paragraph,
/// non-breaking spaces).
pub fn fold_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn build_story(
    by_index: &HashMap<ArticleIndex, &AnalysedArticle>,
    fusion: &Fusion,
    index: &BatchIndex,
    fused: &FusedStory,
) -> Option<Brief> {
    let story_articles: Vec<&AnalysedArticle> = fused
        .story
        .articles
        .iter()
        .filter_map(|index| by_index.get(index).copied())
        .collect();
    let first = story_articles.first()?;
    let lineage_of = fused.lineage_of();
    let source_of = |index: ArticleIndex| -> String {
        by_index
            .get(&index)
            .map(|analysed| analysed.article.source.clone())
            .unwrap_or_default()
    };

    let articles: Vec<BriefArticle> = story_articles
        .iter()
        .map(|analysed| brief_article(by_index, analysed, &lineage_of))
        .collect();
    let lineages: Vec<BriefLineage> = fused
        .lineages
        .iter()
        .map(|lineage| BriefLineage {
            id: lineage.id,
            articles: lineage
                .articles
                .iter()
                .map(|index| source_of(*index))
                .collect(),
            links: lineage
                .links
                .iter()
                .map(|link| BriefLineageLink {
                    from: source_of(link.from),
                    to: source_of(link.to),
                    kind: format!("{:?}", link.kind).to_lowercase(),
                    aligned_share: link.aligned_share,
                    aligned: link
                        .sentence_pairs
                        .iter()
                        .filter_map(|&(from, to)| {
                            let from_span = by_index
                                .get(&link.from)?
                                .doc
                                .sentences
                                .get(from as usize)?
                                .span;
                            let to_span =
                                by_index.get(&link.to)?.doc.sentences.get(to as usize)?.span;
                            Some(AlignedSentences {
                                from: line(by_index, &from_span),
                                to: line(by_index, &to_span),
                            })
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();

    let claim_groups: Vec<BriefClaimGroup> = fused
        .claim_groups
        .iter()
        .map(|group| brief_group(by_index, group))
        .collect();
    let key_facts = key_facts(&fused.claim_groups);
    let entities = brief_entities(
        by_index,
        fusion,
        &BatchIndex::gather(&index.entities_of_article, &fused.story.articles),
        &fused.story.articles,
    );
    let quotes = brief_quotes(
        by_index,
        fusion,
        index,
        &BatchIndex::gather(&index.quote_groups_of_article, &fused.story.articles),
        &story_articles,
    );
    let timeline = timeline(by_index, &story_articles);
    let unique = unique_reports(
        by_index,
        fused,
        &claim_groups,
        &key_facts,
        &quotes,
        &lineage_of,
    );
    let headline = headline(by_index, &story_articles, &fused.claim_groups, &key_facts)
        .unwrap_or_else(|| {
            let span = first
                .doc
                .sentences
                .iter()
                .find(|sentence| !sentence.heading)
                .map(|sentence| sentence.span)
                .unwrap_or(Span::new(first.article.index, 0, 0));
            line(by_index, &span)
        });
    Some(Brief {
        id: fused.story.id,
        headline,
        articles,
        lineages,
        key_facts,
        claim_groups,
        entities,
        quotes,
        timeline,
        unique,
    })
}

fn brief_article(
    by_index: &HashMap<ArticleIndex, &AnalysedArticle>,
    analysed: &AnalysedArticle,
    lineage_of: &HashMap<ArticleIndex, u32>,
) -> BriefArticle {
    let article = &analysed.article;
    let boilerplate = article
        .non_body_blocks()
        .filter_map(|block| {
            Some(BoilerplateLine {
                text: fold_space(article.slice(&block.span)),
                reason: block.kind.reason()?.to_string(),
                span: source_span(by_index, &block.span),
            })
        })
        .collect();
    let date = analysed.extraction.article_date;
    BriefArticle {
        source: article.source.clone(),
        index: article.index,
        id: article.id.clone(),
        title: article.title.clone(),
        url: article.url.clone(),
        published: article.published,
        date: date.map(|date| date.date),
        date_inferred: date.is_some_and(|date| !date.source.is_stated()),
        language: analysed.doc.language.clone(),
        lineage: lineage_of.get(&article.index).copied().unwrap_or(0),
        boilerplate,
    }
}

fn claim_of<'a>(
    by_index: &HashMap<ArticleIndex, &'a AnalysedArticle>,
    claim: &ClaimRef,
) -> Option<(&'a AnalysedArticle, &'a crate::model::Claim)> {
    let analysed = by_index.get(&claim.article)?;
    let record = analysed.extraction.claims.get(claim.claim as usize)?;
    Some((analysed, record))
}

fn brief_group(
    by_index: &HashMap<ArticleIndex, &AnalysedArticle>,
    group: &ClaimGroup,
) -> BriefClaimGroup {
    let claims: Vec<BriefClaim> = group
        .claims
        .iter()
        .filter_map(|claim_ref| {
            let (analysed, claim) = claim_of(by_index, claim_ref)?;
            let value = match &claim.value {
                ClaimValue::Number { value, unit } => BriefValue {
                    low: value.low,
                    high: value.high,
                    low_inclusive: value.low_inclusive,
                    high_inclusive: value.high_inclusive,
                    exact: value.exact,
                    unit: unit.clone(),
                    text: None,
                },
                ClaimValue::Date { date, precision } => BriefValue {
                    low: None,
                    high: None,
                    low_inclusive: false,
                    high_inclusive: false,
                    exact: None,
                    unit: None,
                    text: Some(format!("{date} ({})", precision_name(*precision))),
                },
                ClaimValue::Text { text } => BriefValue {
                    low: None,
                    high: None,
                    low_inclusive: false,
                    high_inclusive: false,
                    exact: None,
                    unit: None,
                    text: Some(text.clone()),
                },
            };
            Some(BriefClaim {
                source: analysed.article.source.clone(),
                text: fold_space(analysed.article.slice(&claim.span)),
                span: source_span(by_index, &claim.span),
                value_text: fold_space(analysed.article.slice(&claim.value_span)),
                value_span: source_span(by_index, &claim.value_span),
                value,
                counted: claim.subject.clone(),
                predicate: claim.predicate.clone(),
                scope: claim.scope.clone(),
                attributed_to: claim.attributed_to.clone(),
            })
        })
        .collect();
    let statement = claim_of(by_index, &group.statement)
        .map(|(_, claim)| line(by_index, &claim.span))
        .unwrap_or_else(|| Line {
            text: String::new(),
            span: SourceSpan {
                source: String::new(),
                article: group.statement.article,
                start: 0,
                end: 0,
            },
        });
    BriefClaimGroup {
        id: group.id,
        statement,
        label: group.label.clone(),
        kind: format!("{:?}", group.kind).to_lowercase(),
        verdict: group.verdict.as_str().to_string(),
        conflict_kind: group.conflict_kind.map(|kind| kind.as_str().to_string()),
        explanation: group.explanation.clone(),
        independent_sources: group.independent_sources.len(),
        lineages: group.independent_sources.clone(),
        claims,
    }
}

pub fn precision_name(precision: DatePrecision) -> &'static str {
    match precision {
        DatePrecision::Day => "day",
        DatePrecision::Month => "month",
        DatePrecision::Season => "season",
        DatePrecision::Year => "year",
        DatePrecision::Decade => "decade",
    }
}

/// Key facts: groups two or more lineages report, corroborated first, then
/// conflicts that matter, then compatible figures; most sources first.
fn key_facts(groups: &[ClaimGroup]) -> Vec<u32> {
    let rank = |group: &ClaimGroup| match (group.verdict, group.conflict_kind) {
        (Verdict::Corroborated, _) => 0,
        (Verdict::Conflict, Some(ConflictKind::Compatible)) => 2,
        (Verdict::Conflict, _) => 1,
        (Verdict::SingleSource, _) => 3,
    };
    let mut chosen: Vec<&ClaimGroup> = groups
        .iter()
        .filter(|group| {
            group.independent_sources.len() >= 2 && group.verdict != Verdict::SingleSource
        })
        .collect();
    chosen.sort_by_key(|group| {
        (
            rank(group),
            std::cmp::Reverse(group.independent_sources.len()),
            group.id,
        )
    });
    chosen.into_iter().map(|group| group.id).collect()
}

fn brief_entities(
    by_index: &HashMap<ArticleIndex, &AnalysedArticle>,
    fusion: &Fusion,
    candidates: &[usize],
    story_articles: &[ArticleIndex],
) -> Vec<BriefEntity> {
    let in_story: BTreeSet<ArticleIndex> = story_articles.iter().copied().collect();
    let mut entities: Vec<(usize, usize, BriefEntity)> = Vec::new();
    for entity in candidates
        .iter()
        .filter_map(|&position| fusion.entities.get(position))
    {
        let mut variant_counts: BTreeMap<String, usize> = BTreeMap::new();
        let mut sources: BTreeSet<ArticleIndex> = BTreeSet::new();
        let mut titles: Vec<String> = Vec::new();
        let mut mentions = 0;
        for mention_ref in &entity.mentions {
            if !in_story.contains(&mention_ref.article) {
                continue;
            }
            let Some(mention) = by_index.get(&mention_ref.article).and_then(|analysed| {
                analysed
                    .extraction
                    .mentions
                    .get(mention_ref.mention as usize)
            }) else {
                continue;
            };
            mentions += 1;
            sources.insert(mention_ref.article);
            if mention.form != MentionForm::Descriptive {
                *variant_counts.entry(fold_space(&mention.name)).or_insert(0) += 1;
            }
            if let Some(title) = &mention.title {
                let title = fold_space(title);
                if !titles.contains(&title) {
                    titles.push(title);
                }
            }
        }
        if mentions == 0 {
            continue;
        }
        let mut variants: Vec<(String, usize)> = variant_counts.into_iter().collect();
        variants.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        entities.push((
            sources.len(),
            mentions,
            BriefEntity {
                id: entity.id,
                name: entity.name.clone(),
                kind: entity.kind.as_str().to_string(),
                variants: variants.into_iter().map(|(variant, _)| variant).collect(),
                titles,
                mentions,
                sources: sources
                    .iter()
                    .filter_map(|index| {
                        by_index
                            .get(index)
                            .map(|analysed| analysed.article.source.clone())
                    })
                    .collect(),
            },
        ));
    }
    let kind_rank = |kind: &str| match kind {
        "person" => 0,
        "organisation" => 1,
        "place" => 2,
        _ => 3,
    };
    entities.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(kind_rank(&a.2.kind).cmp(&kind_rank(&b.2.kind)))
            .then(a.2.name.cmp(&b.2.name))
    });
    entities.into_iter().map(|(_, _, entity)| entity).collect()
}

fn brief_quotes(
    by_index: &HashMap<ArticleIndex, &AnalysedArticle>,
    fusion: &Fusion,
    index: &BatchIndex,
    candidates: &[usize],
    story_articles: &[&AnalysedArticle],
) -> Vec<BriefQuote> {
    let in_story: BTreeSet<ArticleIndex> = story_articles
        .iter()
        .map(|analysed| analysed.article.index)
        .collect();
    let entity_of = &index.entity_of;
    let mut quotes = Vec::new();
    for group in candidates
        .iter()
        .filter_map(|&position| fusion.quote_groups.get(position))
    {
        let members: Vec<(&AnalysedArticle, &crate::model::Quote)> = group
            .quotes
            .iter()
            .filter(|quote_ref| in_story.contains(&quote_ref.article))
            .filter_map(|quote_ref| {
                let analysed = by_index.get(&quote_ref.article)?;
                Some((
                    *analysed,
                    analysed.extraction.quotes.get(quote_ref.quote as usize)?,
                ))
            })
            .collect();
        if members.is_empty() {
            continue;
        }
        // A word or two in quotation marks is worth listing when someone
        // said it ("bandits"); without a speaker it is only emphasis.
        let substantial = members.iter().any(|(_, quote)| {
            !quote.fragment || quote.text.split_whitespace().count() >= 4 || quote.speaker.is_some()
        });
        if !substantial {
            continue;
        }
        // The speaker as the entity merge names them, else as resolved.
        let speaker = members
            .iter()
            .find_map(|(analysed, quote)| {
                let mention = quote.speaker.as_ref()?.mention?;
                let entity = entity_of.get(&crate::model::MentionRef {
                    article: analysed.article.index,
                    mention,
                })?;
                fusion
                    .entities
                    .iter()
                    .find(|candidate| candidate.id == *entity)
                    .map(|entity| entity.name.clone())
            })
            .or_else(|| group.speaker.clone());
        let mut sources: Vec<String> = Vec::new();
        let mut variants: Vec<Line> = Vec::new();
        for (analysed, quote) in &members {
            if !sources.contains(&analysed.article.source) {
                sources.push(analysed.article.source.clone());
            }
            variants.push(line(by_index, &quote.span));
        }
        let text = members
            .iter()
            .find(|(analysed, quote)| {
                analysed.article.index == group.representative.article
                    && analysed
                        .extraction
                        .quotes
                        .get(group.representative.quote as usize)
                        == Some(quote)
            })
            .map(|(_, quote)| quote.text.clone())
            .unwrap_or_else(|| members[0].1.text.clone());
        quotes.push(BriefQuote {
            text,
            speaker,
            sources,
            variants,
        });
    }
    quotes.sort_by(|a, b| {
        b.sources.len().cmp(&a.sources.len()).then(
            (a.variants[0].span.article, a.variants[0].span.start)
                .cmp(&(b.variants[0].span.article, b.variants[0].span.start)),
        )
    });
    quotes
}

fn timeline(
    by_index: &HashMap<ArticleIndex, &AnalysedArticle>,
    story_articles: &[&AnalysedArticle],
) -> Vec<TimelineEntry> {
    let mut entries: BTreeMap<(chrono::NaiveDate, u8), TimelineEntry> = BTreeMap::new();
    for analysed in story_articles {
        for date in &analysed.extraction.dates {
            let Some(resolved) = date.date else {
                continue;
            };
            if date.precision > DatePrecision::Year {
                continue;
            }
            let Some(sentence) = analysed.doc.sentences.get(date.sentence as usize) else {
                continue;
            };
            if !states_an_event(analysed.article.slice(&sentence.span)) {
                continue;
            }
            let key = (resolved, date.precision as u8);
            let entry = entries.entry(key).or_insert_with(|| TimelineEntry {
                date: resolved,
                precision: precision_name(date.precision).to_string(),
                event: fold_space(analysed.article.slice(&sentence.span)),
                sources: Vec::new(),
            });
            let span = source_span(by_index, &sentence.span);
            if !entry.sources.contains(&span) {
                entry.sources.push(span);
            }
        }
    }
    entries.into_values().collect()
}

/// False for a sentence with no word in lower case: a dateline ("LUBENIK,
/// May 14 (Wire) -") or a heading dates the article, not an event.
fn states_an_event(sentence: &str) -> bool {
    sentence
        .split(|character: char| !character.is_alphabetic())
        .any(|word| word.chars().next().is_some_and(char::is_lowercase))
}

fn unique_reports(
    by_index: &HashMap<ArticleIndex, &AnalysedArticle>,
    fused: &FusedStory,
    groups: &[BriefClaimGroup],
    key_facts: &[u32],
    quotes: &[BriefQuote],
    lineage_of: &HashMap<ArticleIndex, u32>,
) -> Vec<UniqueReport> {
    let mut reports = Vec::new();
    let lineage_count = fused.lineages.len();
    for lineage in &fused.lineages {
        let mut statements: Vec<Line> = Vec::new();
        for group in groups {
            if group.verdict != "single_source" || group.lineages != [lineage.id] {
                continue;
            }
            for claim in &group.claims {
                let statement = Line {
                    text: claim.text.clone(),
                    span: claim.span.clone(),
                };
                if !statements.iter().any(|known| known.span == statement.span) {
                    statements.push(statement);
                }
            }
        }
        for quote in quotes {
            let only_here = quote.sources.iter().all(|source| {
                fused.story.articles.iter().any(|index| {
                    lineage_of.get(index) == Some(&lineage.id)
                        && by_index
                            .get(index)
                            .is_some_and(|analysed| &analysed.article.source == source)
                })
            });
            if only_here {
                for variant in &quote.variants {
                    if !statements.iter().any(|known| known.span == variant.span) {
                        statements.push(variant.clone());
                    }
                }
            }
        }
        statements.sort_by_key(|statement| (statement.span.article, statement.span.start));
        let omits: Vec<String> = if lineage_count >= 3 {
            key_facts
                .iter()
                .filter_map(|id| groups.iter().find(|group| group.id == *id))
                .filter(|group| {
                    group.verdict == "corroborated" && !group.lineages.contains(&lineage.id)
                })
                .map(|group| group.label.clone())
                .collect()
        } else {
            Vec::new()
        };
        let source = lineage
            .articles
            .iter()
            .filter_map(|index| {
                by_index
                    .get(index)
                    .map(|analysed| analysed.article.source.clone())
            })
            .collect::<Vec<_>>()
            .join(" + ");
        reports.push(UniqueReport {
            source,
            statements,
            omits,
        });
    }
    reports
}

/// The sentence that best states the story: among the first body sentences
/// of the articles, the one holding the most claims of key facts, weighted
/// by their sources.
fn headline(
    by_index: &HashMap<ArticleIndex, &AnalysedArticle>,
    story_articles: &[&AnalysedArticle],
    groups: &[ClaimGroup],
    key_facts: &[u32],
) -> Option<Line> {
    let mut weight_of_claim: HashMap<ClaimRef, usize> = HashMap::new();
    for id in key_facts {
        if let Some(group) = groups.iter().find(|group| group.id == *id) {
            for claim in &group.claims {
                *weight_of_claim.entry(*claim).or_insert(0) += group.independent_sources.len();
            }
        }
    }
    let mut best: Option<(usize, usize, Span)> = None;
    for analysed in story_articles {
        let Some((sentence_index, sentence)) = analysed
            .doc
            .sentences
            .iter()
            .enumerate()
            .find(|(_, sentence)| !sentence.heading)
        else {
            continue;
        };
        let weight: usize = analysed
            .extraction
            .claims
            .iter()
            .enumerate()
            .filter(|(_, claim)| claim.sentence as usize == sentence_index)
            .map(|(claim_index, _)| {
                weight_of_claim
                    .get(&ClaimRef {
                        article: analysed.article.index,
                        claim: claim_index as u32,
                    })
                    .copied()
                    .unwrap_or(0)
            })
            .sum();
        let mentions = analysed
            .extraction
            .mentions
            .iter()
            .filter(|mention| mention.sentence as usize == sentence_index)
            .count();
        let candidate = (weight, mentions, sentence.span);
        if best.is_none_or(|(best_weight, best_mentions, _)| {
            (weight, mentions) > (best_weight, best_mentions)
        }) {
            best = Some(candidate);
        }
    }
    best.map(|(_, _, span)| line(by_index, &span))
}

#[cfg(test)]
mod tests {
    use super::states_an_event;

    #[test]
    fn datelines_and_headings_are_not_events() {
        assert!(!states_an_event("LUBENIK, Serovia, May 14 (EuroWire) -"));
        assert!(!states_an_event("TORVIK, Sept 8 (Wire) –"));
        assert!(states_an_event("The dam burst late on Tuesday."));
        assert!(states_an_event("On 3 May 2024 — the vote."));
    }
}
