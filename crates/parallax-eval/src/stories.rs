//! `stories`: our own multi-source stories (and the shared seeds) scored
//! against their hand-written gold files, plus story separation when all of
//! them are run as one mixed batch.

use crate::gold::{score, GoldStory, Scores};
use crate::metrics::Counts;
use crate::report::Report;
use anyhow::Context;
use parallax::model::{Article, BriefDocument};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The repository root: the nearest folder above the working directory (or
/// this crate) that holds `examples/stories`.
pub fn repository_root() -> PathBuf {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Ok(current) = std::env::current_dir() {
        candidates.extend(current.ancestors().map(Path::to_path_buf));
    }
    candidates.extend(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .map(Path::to_path_buf),
    );
    candidates
        .into_iter()
        .find(|folder| folder.join("examples/stories").is_dir())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Every gold file: one per story folder under `examples/stories`, and the
/// seeds' gold under `eval/gold`.
pub fn gold_files(root: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let stories = root.join("examples/stories");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&stories)
        .with_context(|| format!("cannot list {}", stories.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.join("gold.toml").is_file())
        .collect();
    folders.sort();
    files.extend(folders.into_iter().map(|folder| folder.join("gold.toml")));
    let gold_folder = root.join("eval/gold");
    if let Ok(entries) = std::fs::read_dir(&gold_folder) {
        let mut extra: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| {
                path.extension()
                    .is_some_and(|extension| extension == "toml")
            })
            .collect();
        extra.sort();
        files.extend(extra);
    }
    Ok(files)
}

/// Reads a story's articles; the index of each is its position plus
/// `first_index`.
fn read_articles(
    story: &GoldStory,
    first_index: u32,
) -> anyhow::Result<(Vec<Article>, BTreeMap<String, String>)> {
    let mut articles = Vec::new();
    let mut texts = BTreeMap::new();
    for (offset, path) in story.article_paths().iter().enumerate() {
        let bytes = std::fs::read(path).with_context(|| {
            format!(
                "{}: cannot read article {}",
                story.path.display(),
                path.display()
            )
        })?;
        let source = path.display().to_string();
        let article =
            parallax::ingest::read_plain_text(&source, &bytes, first_index + offset as u32)
                .with_context(|| {
                    format!(
                        "{}: article {} is not readable",
                        story.path.display(),
                        path.display()
                    )
                })?;
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        texts.insert(name, article.text.clone());
        articles.push(article);
    }
    Ok((articles, texts))
}

/// Runs the brief on one gold story and scores it.
pub fn score_story(story: &GoldStory) -> anyhow::Result<(Scores, BriefDocument)> {
    let (articles, texts) = read_articles(story, 0)?;
    let document = parallax::pipeline::brief_document(articles, Vec::new());
    Ok((score(&story.gold, &document, &texts), document))
}

fn story_rows(report: &mut Report, prefix: &str, scores: &Scores) {
    let rows: [(&str, Counts); 16] = [
        ("lineage pairs", scores.lineage_pairs),
        ("entity merges (pairs of spellings)", scores.entity_merges),
        ("facts found", scores.facts_found),
        ("fact verdicts right", scores.fact_verdicts),
        ("conflict kinds right", scores.conflict_kinds),
        ("independent-source counts right", scores.fact_sources),
        ("role conflicts found", scores.roles_found),
        ("demands/boilerplate figures kept out", scores.not_claims),
        ("quotes found", scores.quotes_found),
        ("quotes with the right speaker", scores.quote_speakers),
        ("quotes matched across sources", scores.quote_matching),
        (
            "boilerplate lines marked (recall)",
            scores.boilerplate_recall,
        ),
        ("boilerplate reasons right", scores.boilerplate_reasons),
        (
            "boilerplate marks that are boilerplate",
            scores.boilerplate_precision,
        ),
        ("timeline entries found", scores.timeline),
        (
            "wrong merges (count)",
            Counts {
                false_positives: scores.wrong_merges.len() as f64,
                ..Counts::default()
            },
        ),
    ];
    for (measure, counts) in rows {
        if counts == Counts::default() {
            continue;
        }
        report.counts(&format!("{prefix}{measure}"), counts, None);
    }
}

fn misses(report: &mut Report, label: &str, scores: &Scores) {
    let lists: [(&str, &Vec<String>); 6] = [
        ("wrong merge", &scores.wrong_merges),
        ("missed merge", &scores.missed_merges),
        ("fact", &scores.fact_misses),
        ("kept-out figure made a claim", &scores.not_claim_errors),
        ("quote", &scores.quote_misses),
        ("boilerplate", &scores.boilerplate_misses),
    ];
    for (kind, list) in lists {
        for item in list.iter().take(12) {
            report.note(format!("{label}: {kind}: {item}"));
        }
        if list.len() > 12 {
            report.note(format!("{label}: {kind}: … {} more", list.len() - 12));
        }
    }
}

/// B-cubed precision and recall of predicted stories against gold ones,
/// over items that are in both.
pub fn b_cubed(gold: &BTreeMap<String, usize>, predicted: &BTreeMap<String, usize>) -> (f64, f64) {
    let items: Vec<&String> = gold
        .keys()
        .filter(|item| predicted.contains_key(*item))
        .collect();
    if items.is_empty() {
        return (1.0, 1.0);
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for item in &items {
        let gold_cluster: BTreeSet<&String> = items
            .iter()
            .copied()
            .filter(|other| gold[*other] == gold[*item])
            .collect();
        let predicted_cluster: BTreeSet<&String> = items
            .iter()
            .copied()
            .filter(|other| predicted[*other] == predicted[*item])
            .collect();
        let shared = gold_cluster.intersection(&predicted_cluster).count() as f64;
        precision += shared / predicted_cluster.len() as f64;
        recall += shared / gold_cluster.len() as f64;
    }
    (precision / items.len() as f64, recall / items.len() as f64)
}

/// The `stories` suite.
pub fn run(data_dir: &Path) -> anyhow::Result<Report> {
    let _ = data_dir;
    let root = repository_root();
    let files = gold_files(&root)?;
    if files.is_empty() {
        anyhow::bail!(
            "no gold files under {}",
            root.join("examples/stories").display()
        );
    }
    let mut report = Report::new("stories (our gold files)");
    let mut total = Scores::default();
    let mut mixed_articles: Vec<Article> = Vec::new();
    let mut gold_story_of: BTreeMap<String, usize> = BTreeMap::new();
    for (story_number, file) in files.iter().enumerate() {
        let story = GoldStory::load(file)?;
        if !story.articles_dir.is_dir() {
            anyhow::bail!(
                "{}: articles folder {} is missing",
                file.display(),
                story.articles_dir.display()
            );
        }
        let (scores, document) = score_story(&story)?;
        let label = story.gold.story.clone();
        report.note(format!(
            "{label}: {} articles → {} stor{}, {} lineages",
            story.gold.articles.len(),
            document.stories.len(),
            if document.stories.len() == 1 {
                "y"
            } else {
                "ies"
            },
            document
                .stories
                .iter()
                .map(|brief| brief.lineages.len())
                .sum::<usize>()
        ));
        misses(&mut report, &label, &scores);
        total.add(scores);
        let (articles, _) = read_articles(&story, mixed_articles.len() as u32)?;
        for article in &articles {
            gold_story_of.insert(article.source.clone(), story_number);
        }
        mixed_articles.extend(articles);
    }
    story_rows(&mut report, "", &total);

    // All stories in one batch: are they told apart?
    let document = parallax::pipeline::brief_document(mixed_articles, Vec::new());
    let mut predicted: BTreeMap<String, usize> = BTreeMap::new();
    for (index, brief) in document.stories.iter().enumerate() {
        for article in &brief.articles {
            predicted.insert(article.source.clone(), index);
        }
    }
    let (precision, recall) = b_cubed(&gold_story_of, &predicted);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    report.value("mixed batch: story B-cubed precision", precision, None);
    report.value("mixed batch: story B-cubed recall", recall, None);
    report.value("mixed batch: story B-cubed F1", f1, None);
    report.note(format!(
        "mixed batch: {} gold stories, {} found",
        files.len(),
        document.stories.len()
    ));
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b_cubed_of_a_perfect_and_a_lumped_clustering() {
        let gold: BTreeMap<String, usize> = [("a", 0), ("b", 0), ("c", 1), ("d", 1)]
            .into_iter()
            .map(|(item, story)| (item.to_string(), story))
            .collect();
        assert_eq!(b_cubed(&gold, &gold), (1.0, 1.0));
        let lumped: BTreeMap<String, usize> = gold.keys().map(|item| (item.clone(), 0)).collect();
        let (precision, recall) = b_cubed(&gold, &lumped);
        assert!((precision - 0.5).abs() < 1e-12);
        assert_eq!(recall, 1.0);
    }
}
