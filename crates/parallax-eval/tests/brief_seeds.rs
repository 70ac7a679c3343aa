//! The brief on the five shared seed articles (`../shared/seeds`), checked
//! against their hand-written gold file (`eval/gold/seeds.toml`): boilerplate,
//! lineage, entity merges and refusals, facts and conflict kinds, quotes.
//! Fails (does not skip) when the seeds folder is missing.

use parallax_eval::gold::GoldStory;
use parallax_eval::stories::{repository_root, score_story};

#[test]
fn the_brief_on_the_seeds_shows_the_behaviours_the_gold_file_describes() {
    let root = repository_root();
    let gold_path = root.join("eval/gold/seeds.toml");
    let story = GoldStory::load(&gold_path).unwrap_or_else(|error| panic!("{error:#}"));
    assert!(
        story.articles_dir.is_dir(),
        "the seed articles are missing: expected them at {} (../shared/seeds beside the repository)",
        story.articles_dir.display()
    );
    let (scores, document) = score_story(&story).unwrap_or_else(|error| panic!("{error:#}"));
    eprintln!("{scores:#?}");

    // One story, and the two rewrites of one wire story are one source.
    assert_eq!(document.stories.len(), 1, "the seeds are one story");
    assert_eq!(scores.lineage_pairs.recall(), 1.0, "rewrites found");
    assert_eq!(scores.lineage_pairs.precision(), 1.0, "no false rewrites");

    // Boilerplate marked with its reason, and nothing else marked.
    assert_eq!(
        scores.boilerplate_recall.recall(),
        1.0,
        "{:?}",
        scores.boilerplate_misses
    );
    assert!(
        scores.boilerplate_reasons.precision() >= 0.9,
        "{:?}",
        scores.boilerplate_misses
    );
    assert_eq!(
        scores.boilerplate_precision.precision(),
        1.0,
        "{:?}",
        scores.boilerplate_misses
    );
    assert_eq!(
        scores.not_claims.precision(),
        1.0,
        "{:?}",
        scores.not_claim_errors
    );

    // Spellings merged, and people who must stay apart kept apart.
    assert!(
        !scores
            .wrong_merges
            .iter()
            .any(|merge| merge.contains("must stay apart")),
        "{:?}",
        scores.wrong_merges
    );
    assert!(
        scores.entity_merges.recall() >= 0.8,
        "{:?}",
        scores.missed_merges
    );
    assert!(
        scores.entity_merges.precision() >= 0.95,
        "{:?}",
        scores.wrong_merges
    );

    // Facts and conflicts: found, with the right verdicts and kinds.
    assert!(
        scores.facts_found.recall() >= 0.8,
        "{:?}",
        scores.fact_misses
    );
    assert!(
        scores.conflict_kinds.precision() >= 0.75,
        "{:?}",
        scores.fact_misses
    );
    assert!(
        scores.roles_found.recall() >= 1.0,
        "{:?}",
        scores.fact_misses
    );

    // Quotations found with their speakers, and matched across sources.
    assert!(
        scores.quotes_found.recall() >= 0.9,
        "{:?}",
        scores.quote_misses
    );
    assert!(
        scores.quote_speakers.precision() >= 0.6,
        "{:?}",
        scores.quote_misses
    );
    assert!(
        scores.quote_matching.recall() >= 0.8,
        "{:?}",
        scores.quote_misses
    );

    // Every line of the brief points into its article.
    for brief in &document.stories {
        for group in &brief.claim_groups {
            for claim in &group.claims {
                assert!(
                    claim.span.start <= claim.value_span.start
                        && claim.value_span.end <= claim.span.end
                );
            }
        }
    }
}
