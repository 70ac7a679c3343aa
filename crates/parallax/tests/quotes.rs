//! Quotations across sources: the same remark quoted by several articles,
//! in other words or cut short, grouped as one; different remarks kept apart.
//! Every text here was written for these tests.

use parallax::fuse::quotes::group_quotes;
use parallax::model::{AnalysedArticle, QuoteGroup};

fn analyse(texts: &[&str]) -> Vec<AnalysedArticle> {
    let mut analysed = Vec::new();
    for (index, text) in texts.iter().enumerate() {
        let article = parallax::ingest::read_plain_text(
            &format!("article-{index}"),
            text.as_bytes(),
            index as u32,
        );
        let Ok(article) = article else {
            panic!("test article {index} did not ingest");
        };
        analysed.push(parallax::pipeline::analyse_article(article));
    }
    analysed
}

/// The groups holding more than one quotation, as (article, quote text) lists.
fn shared_groups(articles: &[AnalysedArticle], groups: &[QuoteGroup]) -> Vec<Vec<(u32, String)>> {
    groups
        .iter()
        .filter(|group| group.quotes.len() > 1)
        .map(|group| {
            group
                .quotes
                .iter()
                .map(|reference| {
                    let text = articles
                        .get(reference.article as usize)
                        .and_then(|article| article.extraction.quotes.get(reference.quote as usize))
                        .map_or(String::new(), |quote| quote.text.clone());
                    (reference.article, text)
                })
                .collect()
        })
        .collect()
}

#[test]
fn two_translations_of_one_remark_are_grouped() {
    let articles = analyse(&[
        "The talks resumed in the capital on Tuesday.\n\n“The minister could accept some proposals and reject others. This is one way to speed up the negotiations,” said Deputy Minister Ilya Farkas.\n",
        "Negotiators met again on Tuesday.\n\nDeputy Minister Ilya Farkas said: “The minister may accept certain proposals and not others. It is a way to accelerate the negotiations.”\n",
    ]);
    assert_eq!(articles[0].extraction.quotes.len(), 1);
    assert_eq!(articles[1].extraction.quotes.len(), 1);
    let groups = group_quotes(&articles);
    let shared = shared_groups(&articles, &groups);
    assert_eq!(shared.len(), 1, "{groups:?}");
    assert_eq!(
        shared[0]
            .iter()
            .map(|(article, _)| *article)
            .collect::<Vec<_>>(),
        vec![0, 1]
    );
    let group = groups.iter().find(|group| group.quotes.len() > 1);
    assert_eq!(
        group.and_then(|group| group.speaker.clone()),
        Some("Ilya Farkas".to_string())
    );
    // Every quotation is in exactly one group.
    let total: usize = groups.iter().map(|group| group.quotes.len()).sum();
    assert_eq!(total, 2);
}

#[test]
fn a_cut_quotation_joins_the_full_one() {
    let articles = analyse(&[
        "The port reopened after the storm.\n\n“The cranes are working again and the first ships are unloading. We lost three days of trade. Insurance will cover most of the damage,” harbour master Grete Lindqvist told reporters.\n",
        "Ships returned to the harbour on Friday.\n\n“The cranes are working again and the first ships are unloading,” Lindqvist said.\n",
    ]);
    let groups = group_quotes(&articles);
    let shared = shared_groups(&articles, &groups);
    assert_eq!(shared.len(), 1, "{groups:?}");
    let group = groups.iter().find(|group| group.quotes.len() > 1);
    // The representative is the most complete wording.
    assert!(group.is_some_and(|group| group.text.contains("Insurance will cover")));
}

#[test]
fn short_fragments_with_the_same_words_join() {
    let articles = analyse(&[
        "The minister met the envoy.\n\nMinister Hana Ruud told reporters the talks had been “very fruitful.”\n\n“That’s our aim,” she said.\n",
        "Talks ended on Friday.\n\nHana Ruud called the talks “very fruitful” and added: “That's our aim.”\n",
    ]);
    let groups = group_quotes(&articles);
    let shared = shared_groups(&articles, &groups);
    assert_eq!(shared.len(), 2, "{groups:?}");
}

#[test]
fn different_speakers_with_similar_words_stay_apart() {
    let articles = analyse(&[
        "The floods damaged dozens of buildings.\n\n“We will rebuild every school in the region,” said Governor Anna Lisowska.\n",
        "Repairs begin next month.\n\n“We will rebuild every school in this region by winter,” said Mayor Tomas Okafor.\n",
    ]);
    let groups = group_quotes(&articles);
    assert!(shared_groups(&articles, &groups).is_empty(), "{groups:?}");
    assert_eq!(groups.len(), 2);
}

#[test]
fn near_verbatim_words_match_even_when_credited_differently() {
    let articles = analyse(&[
        "The embassy issued a statement.\n\n“All citizens who wish to leave the country should register with the consular section before Friday,” said spokeswoman Lara Dunmore.\n",
        "Foreigners were told to register.\n\n“All citizens who wish to leave the country should register with the consular section before Friday,” Ambassador Piet Vermeulen said.\n",
    ]);
    let groups = group_quotes(&articles);
    assert_eq!(shared_groups(&articles, &groups).len(), 1, "{groups:?}");
}

#[test]
fn one_speakers_different_remarks_stay_apart() {
    let articles = analyse(&[
        "The coach spoke after the match.\n\n“Our defence was poor in the first half and we paid for it,” said coach Marta Ibarra.\n",
        "The team lost again.\n\n“The referee made three decisions that changed the game,” said coach Marta Ibarra.\n",
    ]);
    let groups = group_quotes(&articles);
    assert!(shared_groups(&articles, &groups).is_empty(), "{groups:?}");
}

#[test]
fn quotes_keep_their_speakers_through_the_pipeline() {
    let articles = analyse(&[
        "The committee met on Monday.\n\nCommittee chair Rosa Delgado opened the hearing.\n\n“We have questions that need answers,” Delgado said. “And we will get them.”\n\n“This hearing is a show,” said Senator Paul Whitcombe, who sits on the committee.\n",
    ]);
    let quotes = &articles[0].extraction.quotes;
    let speakers: Vec<Option<&str>> = quotes
        .iter()
        .map(|quote| quote.speaker.as_ref().map(|speaker| speaker.name.as_str()))
        .collect();
    assert_eq!(
        speakers,
        vec![
            Some("Rosa Delgado"),
            Some("Rosa Delgado"),
            Some("Paul Whitcombe")
        ]
    );
}

/// A synthetic batch: 1,500 articles, each quoting five remarks drawn from
/// 300, with a word changed here and there. Every remark's quotations end in
/// one group, and nothing else joins them; candidate generation keeps the
/// work near-linear (this runs in well under a second in a debug build).
#[test]
fn many_articles_group_by_remark() {
    use parallax::model::{Article, Doc, Extraction, Quote, Span, Speaker, SpeakerVia};
    // Each remark: eight words of its own from a made-up vocabulary.
    let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "bu"];
    let word = |number: usize| -> String {
        let mut text = String::new();
        let mut rest = number;
        for _ in 0..4 {
            text.push_str(syllables[rest % syllables.len()]);
            rest /= syllables.len();
        }
        text
    };
    let remark = |index: usize, variant: usize| -> String {
        let mut words: Vec<String> = (0..8).map(|position| word(index * 8 + position)).collect();
        // One word in eight differs from one outlet to another.
        words[variant % 8] = word(5000 + variant % 50);
        words.join(" ")
    };
    let mut articles = Vec::new();
    for article_index in 0..1500u32 {
        let mut quotes = Vec::new();
        for slot in 0..5usize {
            let remark_index = (article_index as usize * 7 + slot * 61) % 300;
            quotes.push(Quote {
                span: Span::new(article_index, 0, 1),
                first_sentence: 0,
                last_sentence: 0,
                text: remark(remark_index, article_index as usize + slot),
                speaker: Some(Speaker {
                    name: format!("Speaker {}", word(7000 + remark_index)),
                    span: Span::new(article_index, 0, 1),
                    mention: None,
                    via: SpeakerVia::Named,
                }),
                cue: Some("say".into()),
                cue_span: None,
                channel: None,
                fragment: false,
            });
        }
        articles.push(AnalysedArticle {
            article: Article {
                id: article_index.to_string(),
                index: article_index,
                source: String::new(),
                url: None,
                title: None,
                byline: None,
                published: None,
                language: Some("eng".into()),
                text: String::new(),
                blocks: Vec::new(),
            },
            doc: Doc::default(),
            extraction: Extraction {
                quotes,
                ..Extraction::default()
            },
        });
    }
    let started = std::time::Instant::now();
    let groups = group_quotes(&articles);
    let elapsed = started.elapsed();
    // Every quotation in exactly one group, and one group per remark.
    let total: usize = groups.iter().map(|group| group.quotes.len()).sum();
    assert_eq!(total, 1500 * 5);
    assert_eq!(
        groups.len(),
        300,
        "{:?}",
        groups
            .iter()
            .map(|group| group.quotes.len())
            .collect::<Vec<_>>()
    );
    for group in &groups {
        let remark_indices: std::collections::BTreeSet<usize> = group
            .quotes
            .iter()
            .map(|reference| (reference.article as usize * 7 + reference.quote as usize * 61) % 300)
            .collect();
        assert_eq!(remark_indices.len(), 1);
    }
    assert!(elapsed.as_secs() < 20, "grouping took {elapsed:?}");
}
