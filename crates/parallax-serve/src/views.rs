//! The records the API answers with, beside the brief itself: a story's
//! line in the list, its articles cut into pieces for display, and the
//! entity and claim lists.
//!
//! Articles are cut here, in byte offsets of their text, so the browser
//! never has to convert the brief's UTF-8 spans: each block is a list of
//! pieces, each piece plain text with the claim groups whose value it
//! carries.

use crate::error::ApiError;
use crate::state::Fingerprint;
use parallax::model::{Article, BlockKind, Brief, BriefDocument, InputFailure};
use parallax_store::{Store, StoryDetail, StoryId, StorySummary};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::AtomicU64;

/// Everything the API serves about one state of one story, made once.
pub struct StoryView {
    pub(crate) fingerprint: Fingerprint,
    pub(crate) summary: StorySummary,
    pub(crate) document: BriefDocument,
    /// `document` as JSON.
    pub(crate) document_json: Vec<u8>,
    /// The articles as display pieces, as JSON.
    pub(crate) articles_json: Vec<u8>,
    pub(crate) counts: StoryCounts,
    pub(crate) sources: Vec<String>,
    pub(crate) last_used: AtomicU64,
}

/// Counts shown in the story list.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct StoryCounts {
    pub claim_groups: usize,
    pub conflicts: usize,
    pub corroborated: usize,
    pub single_source: usize,
    /// Lineages: groups of articles that copy or rewrite one text.
    pub independent_sources: usize,
    pub entities: usize,
    pub quotes: usize,
}

impl StoryView {
    /// Briefs the story's stored articles.
    pub(crate) fn build_from_detail(
        store: &Store,
        detail: StoryDetail,
    ) -> Result<StoryView, ApiError> {
        let story_id = detail.summary.id;
        let articles = store.story_articles(story_id)?;
        let failures: Vec<InputFailure> = Vec::new();
        let mut document = parallax::pipeline::brief_document(articles.clone(), failures);
        // Briefs carry the stored story's id, as `parallax brief --db` does.
        if let Ok(id) = u32::try_from(story_id) {
            for brief in &mut document.stories {
                brief.id = id;
            }
        }
        let counts = count(&document.stories);
        let copy_of = copies_by_index(&detail);
        let article_views = article_views(&articles, &document.stories, &copy_of);
        let sources: Vec<String> = dedup_keep_order(
            article_views
                .iter()
                .map(|article| article.label.clone())
                .collect(),
        );
        let articles_body = ArticlesBody {
            story: story_id,
            articles: article_views,
        };
        let document_json = serde_json::to_vec(&document)
            .map_err(|error| ApiError::internal(format!("cannot write the brief: {error}")))?;
        let articles_json = serde_json::to_vec(&articles_body)
            .map_err(|error| ApiError::internal(format!("cannot write the articles: {error}")))?;
        Ok(StoryView {
            fingerprint: Fingerprint::of(&detail.summary),
            summary: detail.summary,
            document,
            document_json,
            articles_json,
            counts,
            sources,
            last_used: AtomicU64::new(0),
        })
    }

    /// The brief's headline, else the store's.
    pub(crate) fn headline(&self) -> String {
        self.document
            .stories
            .first()
            .map(|brief| brief.headline.text.trim().to_string())
            .filter(|text| !text.is_empty())
            .unwrap_or_else(|| self.summary.headline.clone())
    }

    pub(crate) fn list_item(&self) -> StoryListItem {
        StoryListItem {
            id: self.summary.id,
            headline: self.headline(),
            title: self.summary.headline.clone(),
            article_count: self.summary.article_count,
            source_count: self.summary.source_count,
            counts: self.counts,
            sources: self.sources.clone(),
            created_at: iso_time(self.summary.created_at),
            updated_at: iso_time(self.summary.updated_at),
        }
    }
}

impl StoryView {
    /// Briefs a story known by its summary.
    pub(crate) fn build(store: &Store, story: StoryId) -> Result<StoryView, ApiError> {
        let detail = store.story(story)?;
        StoryView::build_from_detail(store, detail)
    }
}

fn count(briefs: &[Brief]) -> StoryCounts {
    let mut counts = StoryCounts::default();
    for brief in briefs {
        counts.claim_groups += brief.claim_groups.len();
        for group in &brief.claim_groups {
            match group.verdict.as_str() {
                "conflict" => counts.conflicts += 1,
                "corroborated" => counts.corroborated += 1,
                _ => counts.single_source += 1,
            }
        }
        counts.independent_sources += brief.lineages.len();
        counts.entities += brief.entities.len();
        counts.quotes += brief.quotes.len();
    }
    counts
}

fn dedup_keep_order(items: Vec<String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut kept = Vec::new();
    for item in items {
        if seen.insert(item.clone()) {
            kept.push(item);
        }
    }
    kept
}

/// ISO 8601 UTC time of unix seconds.
pub(crate) fn iso_time(unix_seconds: i64) -> String {
    chrono::DateTime::from_timestamp(unix_seconds, 0)
        .map(|time| time.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// For each article index of the story, the index of the article it
/// copies.
fn copies_by_index(detail: &StoryDetail) -> HashMap<usize, usize> {
    let position_of: HashMap<i64, usize> = detail
        .articles
        .iter()
        .enumerate()
        .map(|(position, article)| (article.seq, position))
        .collect();
    let mut copies = HashMap::new();
    for (position, article) in detail.articles.iter().enumerate() {
        if let Some(copied) = article.copy_of.and_then(|seq| position_of.get(&seq)) {
            copies.insert(position, *copied);
        }
    }
    copies
}

/// One line of the story list.
#[derive(Debug, Clone, Serialize)]
pub struct StoryListItem {
    pub id: StoryId,
    /// The sentence that best states what the story is about.
    pub headline: String,
    /// The first article's title (or first line), as stored.
    pub title: String,
    pub article_count: u64,
    /// Articles that copy no other article of the story.
    pub source_count: u64,
    pub counts: StoryCounts,
    /// Short names of the sources, in article order.
    pub sources: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Serialize)]
struct ArticlesBody {
    story: StoryId,
    articles: Vec<ArticleView>,
}

/// An article cut into display pieces.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// Index in the story (the `article` of the brief's spans).
    pub index: u32,
    pub id: String,
    pub source: String,
    /// A short name for badges: the file name or the web site.
    pub label: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    /// Lineage in the (first) brief that has this article.
    pub lineage: Option<u32>,
    /// Index of the article this one copies.
    pub copy_of: Option<usize>,
    pub blocks: Vec<BlockView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BlockView {
    /// `body`, `heading`, `caption` or `boilerplate`.
    pub kind: &'static str,
    /// Why a block is not body text.
    pub reason: Option<&'static str>,
    pub pieces: Vec<Piece>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Piece {
    pub text: String,
    /// Claim groups whose value these words carry.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<ClaimRef>,
    /// The strongest verdict among them: `conflict`, `single_source`,
    /// `corroborated`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ClaimRef {
    /// Position of the brief in the document.
    pub brief: usize,
    /// Claim group id within it.
    pub group: u32,
}

/// One highlighted stretch of an article.
struct Highlight {
    start: usize,
    end: usize,
    claim: ClaimRef,
    verdict: String,
}

fn verdict_rank(verdict: &str) -> u8 {
    match verdict {
        "conflict" => 3,
        "single_source" => 1,
        _ => 2,
    }
}

/// A short name for a source: a URL's host, a path's file name without
/// extension, else the name itself.
pub(crate) fn short_label(source: &str, url: Option<&str>) -> String {
    let host_of = |text: &str| -> Option<String> {
        let rest = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))?;
        let host = rest.split(['/', '?', '#']).next()?;
        let host = host.strip_prefix("www.").unwrap_or(host);
        (!host.is_empty()).then(|| host.to_string())
    };
    if let Some(host) = host_of(source) {
        return host;
    }
    let looks_like_path = source.contains('/') || source.contains('\\');
    if looks_like_path {
        let file = source.rsplit(['/', '\\']).next().unwrap_or(source);
        let (name, item) = match file.split_once(['#', ':']) {
            Some((name, item)) => (name, Some(item)),
            None => (file, None),
        };
        let stem = match name.rsplit_once('.') {
            Some((stem, _)) if !stem.is_empty() => stem,
            _ => name,
        };
        return match item {
            Some(item) => format!("{stem}#{item}"),
            None => stem.to_string(),
        };
    }
    if let Some(host) = url.and_then(host_of) {
        if source.starts_with("post-") {
            return host;
        }
    }
    source.to_string()
}

fn article_views(
    articles: &[Article],
    briefs: &[Brief],
    copy_of: &HashMap<usize, usize>,
) -> Vec<ArticleView> {
    let mut highlights: HashMap<u32, Vec<Highlight>> = HashMap::new();
    let mut lineage_of: HashMap<u32, u32> = HashMap::new();
    for (brief_position, brief) in briefs.iter().enumerate() {
        for article in &brief.articles {
            lineage_of.entry(article.index).or_insert(article.lineage);
        }
        for group in &brief.claim_groups {
            for claim in &group.claims {
                let span = &claim.value_span;
                if span.start >= span.end {
                    continue;
                }
                highlights.entry(span.article).or_default().push(Highlight {
                    start: span.start as usize,
                    end: span.end as usize,
                    claim: ClaimRef {
                        brief: brief_position,
                        group: group.id,
                    },
                    verdict: group.verdict.clone(),
                });
            }
        }
    }
    let mut views = Vec::with_capacity(articles.len());
    for (position, article) in articles.iter().enumerate() {
        let article_highlights = highlights.remove(&article.index).unwrap_or_default();
        let blocks = article
            .blocks
            .iter()
            .map(|block| {
                let (kind, reason) = match block.kind {
                    BlockKind::Body => ("body", None),
                    BlockKind::Heading => ("heading", None),
                    BlockKind::Caption => ("caption", None),
                    BlockKind::Boilerplate(reason) => ("boilerplate", Some(reason.as_str())),
                };
                let pieces = if block.kind == BlockKind::Body {
                    cut(
                        &article.text,
                        block.span.start as usize,
                        block.span.end as usize,
                        &article_highlights,
                    )
                } else {
                    vec![Piece {
                        text: article.slice(&block.span).to_string(),
                        claims: Vec::new(),
                        verdict: None,
                    }]
                };
                BlockView {
                    kind,
                    reason,
                    pieces,
                }
            })
            .collect();
        views.push(ArticleView {
            index: article.index,
            id: article.id.clone(),
            source: article.source.clone(),
            label: short_label(&article.source, article.url.as_deref()),
            url: article.url.clone(),
            title: article.title.clone(),
            byline: article.byline.clone(),
            published: article.published.map(|date| date.to_string()),
            language: article.language.clone(),
            lineage: lineage_of.get(&article.index).copied(),
            copy_of: copy_of.get(&position).copied(),
            blocks,
        });
    }
    views
}

/// Cuts `text[start..end]` at every highlight boundary inside it; each
/// piece lists the highlights covering it. Cuts that fall inside a
/// character are moved to its start.
fn cut(text: &str, start: usize, end: usize, highlights: &[Highlight]) -> Vec<Piece> {
    let end = end.min(text.len());
    if start >= end {
        return Vec::new();
    }
    let mut boundaries: BTreeSet<usize> = BTreeSet::new();
    boundaries.insert(start);
    boundaries.insert(end);
    for highlight in highlights {
        for point in [highlight.start, highlight.end] {
            if point > start && point < end {
                let mut at = point;
                while at > start && !text.is_char_boundary(at) {
                    at -= 1;
                }
                boundaries.insert(at);
            }
        }
    }
    let points: Vec<usize> = boundaries.into_iter().collect();
    let mut pieces: Vec<Piece> = Vec::new();
    for pair in points.windows(2) {
        let (piece_start, piece_end) = (pair[0], pair[1]);
        let Some(piece_text) = text.get(piece_start..piece_end) else {
            continue;
        };
        let mut claims: Vec<ClaimRef> = Vec::new();
        let mut verdict: Option<&str> = None;
        for highlight in highlights {
            if highlight.start <= piece_start && piece_end <= highlight.end {
                claims.push(highlight.claim);
                let stronger = verdict
                    .is_none_or(|current| verdict_rank(&highlight.verdict) > verdict_rank(current));
                if stronger {
                    verdict = Some(&highlight.verdict);
                }
            }
        }
        claims.sort();
        claims.dedup();
        // Neighbours with the same claims join into one piece.
        if let Some(last) = pieces.last_mut() {
            if last.claims == claims {
                last.text.push_str(piece_text);
                continue;
            }
        }
        pieces.push(Piece {
            text: piece_text.to_string(),
            claims,
            verdict: verdict.map(str::to_string),
        });
    }
    pieces
}

/// An entity in the entity list.
#[derive(Debug, Clone, Serialize)]
pub struct EntityItem {
    pub story: StoryId,
    #[serde(flatten)]
    pub entity: parallax::model::BriefEntity,
}

/// A claim group in the claim list.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimGroupItem {
    pub story: StoryId,
    #[serde(flatten)]
    pub group: parallax::model::BriefClaimGroup,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn highlight(start: usize, end: usize, group: u32, verdict: &str) -> Highlight {
        Highlight {
            start,
            end,
            claim: ClaimRef { brief: 0, group },
            verdict: verdict.to_string(),
        }
    }

    #[test]
    fn pieces_cover_the_block_and_carry_their_claims() {
        let text = "Crews counted 12 boats and about 30 nets.";
        let highlights = vec![
            highlight(14, 16, 1, "corroborated"),
            highlight(27, 35, 2, "conflict"),
            highlight(33, 35, 3, "single_source"),
        ];
        let pieces = cut(text, 0, text.len(), &highlights);
        let joined: String = pieces.iter().map(|piece| piece.text.as_str()).collect();
        assert_eq!(joined, text);
        let marked: Vec<(&str, Vec<u32>, Option<&str>)> = pieces
            .iter()
            .filter(|piece| !piece.claims.is_empty())
            .map(|piece| {
                (
                    piece.text.as_str(),
                    piece.claims.iter().map(|claim| claim.group).collect(),
                    piece.verdict.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            marked,
            vec![
                ("12", vec![1], Some("corroborated")),
                ("about ", vec![2], Some("conflict")),
                ("30", vec![2, 3], Some("conflict")),
            ]
        );
    }

    #[test]
    fn cuts_inside_a_character_move_to_its_start() {
        let text = "Zoë saw 5.";
        // 3 is inside "ë" (bytes 2..4).
        let pieces = cut(text, 0, text.len(), &[highlight(3, 9, 1, "conflict")]);
        let joined: String = pieces.iter().map(|piece| piece.text.as_str()).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn labels_are_short() {
        assert_eq!(short_label("/data/news/01-wire.txt", None), "01-wire");
        assert_eq!(
            short_label("https://www.example.org/a/b", None),
            "example.org"
        );
        assert_eq!(short_label("harbour-gazette", None), "harbour-gazette");
        assert_eq!(short_label("feeds/batch.jsonl:3", None), "batch#3");
    }
}
