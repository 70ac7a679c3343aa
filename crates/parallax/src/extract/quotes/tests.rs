//! Tests of quotation finding on short texts written for the purpose.

use super::*;
use crate::model::{Block, EntityKind, MentionForm};

/// An article whose paragraphs are the lines of `text`.
fn article(text: &str) -> Article {
    let mut blocks = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let end = start + line.len();
        if !line.trim().is_empty() {
            blocks.push(Block {
                span: Span::new(0, start, end),
                kind: BlockKind::Body,
            });
        }
        start = end + 1;
    }
    Article {
        id: String::new(),
        index: 0,
        source: "test".into(),
        url: None,
        title: None,
        byline: None,
        published: None,
        language: None,
        text: text.to_string(),
        blocks,
    }
}

/// Person mentions for each listed name, at every place it occurs.
fn mentions(text: &str, names: &[&str]) -> Vec<Mention> {
    let mut found = Vec::new();
    for name in names {
        let mut from = 0;
        while let Some(offset) = text[from..].find(name) {
            let start = from + offset;
            found.push(Mention {
                span: Span::new(0, start, start + name.len()),
                sentence: text[..start].matches(". ").count() as u32,
                kind: EntityKind::Person,
                form: if name.contains(' ') {
                    MentionForm::Full
                } else {
                    MentionForm::Partial
                },
                name: name.to_string(),
                title: None,
                title_span: None,
                antecedent: None,
            });
            from = start + name.len();
        }
    }
    found.sort_by_key(|mention| mention.span.start);
    found
}

fn quotes_of(text: &str, names: &[&str]) -> Vec<Quote> {
    let article = article(text);
    let doc = crate::text::analyse(&article);
    find_quotes(&article, &doc, &mentions(text, names))
}

fn summary(
    quote: &Quote,
) -> (
    String,
    Option<String>,
    Option<SpeakerVia>,
    Option<String>,
    Option<String>,
    bool,
) {
    (
        quote.text.clone(),
        quote.speaker.as_ref().map(|speaker| speaker.name.clone()),
        quote.speaker.as_ref().map(|speaker| speaker.via),
        quote.cue.clone(),
        quote.channel.clone(),
        quote.fragment,
    )
}

#[test]
fn named_speaker_after_and_before_the_quotation() {
    let text = "Lena Marsh chairs the board.\n“We will vote in June,” Marsh said.\n“Nothing is settled,” said Peter Olsen, a spokesman for the board.\nOlsen told reporters: “We expect a long night.”";
    let quotes = quotes_of(text, &["Lena Marsh", "Marsh", "Peter Olsen", "Olsen"]);
    let got: Vec<_> = quotes.iter().map(summary).collect();
    assert_eq!(
        got,
        vec![
            (
                "We will vote in June".into(),
                Some("Lena Marsh".into()),
                Some(SpeakerVia::Named),
                Some("say".into()),
                None,
                false
            ),
            (
                "Nothing is settled".into(),
                Some("Peter Olsen".into()),
                Some(SpeakerVia::Named),
                Some("say".into()),
                None,
                false
            ),
            (
                "We expect a long night.".into(),
                Some("Peter Olsen".into()),
                Some(SpeakerVia::Named),
                Some("tell".into()),
                Some("reporters".into()),
                false
            ),
        ]
    );
    // Spans point at the quoted words and at the speaker's name.
    let first = &quotes[0];
    assert_eq!(&text[first.span.range()], "We will vote in June");
    let speaker_span = first.speaker.as_ref().map(|speaker| speaker.span.range());
    assert_eq!(speaker_span.map(|range| &text[range]), Some("Marsh"));
    assert_eq!(first.cue_span.map(|span| &text[span.range()]), Some("said"));
}

#[test]
fn pronoun_continuation_and_mid_cue() {
    let text = "Mayor Ruth Adler opened the session.\n“The budget is tight,” she said. “But we will manage.”\n“Every district gets its share.”\nThe council adjourned.";
    let quotes = quotes_of(text, &["Ruth Adler"]);
    let got: Vec<_> = quotes
        .iter()
        .map(|quote| {
            (
                quote.text.as_str(),
                quote
                    .speaker
                    .as_ref()
                    .map(|speaker| (speaker.name.as_str(), speaker.via)),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "The budget is tight",
                Some(("Ruth Adler", SpeakerVia::Pronoun))
            ),
            (
                "But we will manage.",
                Some(("Ruth Adler", SpeakerVia::Continuation))
            ),
            (
                "Every district gets its share.",
                Some(("Ruth Adler", SpeakerVia::Continuation))
            ),
        ]
    );
    // The pronoun is the speaker's span at the cue.
    let span = quotes[0]
        .speaker
        .as_ref()
        .map(|speaker| &text[speaker.span.range()]);
    assert_eq!(span, Some("she"));
}

#[test]
fn pronoun_gender_picks_the_right_person() {
    let text = "Mr. Karl Brandt met Mrs. Ines Vogel at the port.\nThe meeting ran late. “It went well,” she told the Evening Post.";
    let quotes = quotes_of(text, &["Karl Brandt", "Ines Vogel"]);
    assert_eq!(quotes.len(), 1);
    let speaker = quotes[0]
        .speaker
        .as_ref()
        .map(|speaker| speaker.name.as_str());
    assert_eq!(speaker, Some("Ines Vogel"));
    assert_eq!(quotes[0].channel.as_deref(), Some("the Evening Post"));
}

#[test]
fn fragments_inside_the_writers_sentence() {
    let text = "Dara Quinn told reporters on Friday that the talks had been “very productive.”\nThe plan, which critics call “a gift to landlords,” passed.\nThe “reform” was shelved.";
    let quotes = quotes_of(text, &["Dara Quinn"]);
    let got: Vec<_> = quotes.iter().map(summary).collect();
    assert_eq!(
        got,
        vec![
            (
                "very productive.".into(),
                Some("Dara Quinn".into()),
                Some(SpeakerVia::Named),
                Some("tell".into()),
                Some("reporters".into()),
                true
            ),
            (
                "a gift to landlords".into(),
                Some("critics".into()),
                Some(SpeakerVia::Named),
                Some("call".into()),
                None,
                true
            ),
            ("reform".into(), None, None, None, None, true),
        ]
    );
}

#[test]
fn titles_in_quotation_marks_are_fragments() {
    let text = "Lena Marsh spoke on “Weekend Desk Tonight” about the budget.\n“Budget Cuts Are Coming”\n“We are ready. Bring It On,” Marsh said.";
    let quotes = quotes_of(text, &["Lena Marsh", "Marsh"]);
    let fragments: Vec<(&str, bool)> = quotes
        .iter()
        .map(|quote| (quote.text.as_str(), quote.fragment))
        .collect();
    assert_eq!(
        fragments,
        vec![
            ("Weekend Desk Tonight", true),
            ("Budget Cuts Are Coming", true),
            ("We are ready. Bring It On", false)
        ]
    );
}

#[test]
fn quotation_over_two_paragraphs() {
    let text = "Tomas Reed spoke at length.\n“The first thing to know is the cost.\n“The second is the time it takes,” Reed said.";
    let quotes = quotes_of(text, &["Tomas Reed", "Reed"]);
    assert_eq!(quotes.len(), 1);
    assert_eq!(
        quotes[0].text,
        "The first thing to know is the cost. The second is the time it takes"
    );
    assert_eq!(
        quotes[0]
            .speaker
            .as_ref()
            .map(|speaker| speaker.name.as_str()),
        Some("Tomas Reed")
    );
    assert!(!quotes[0].fragment);
}

#[test]
fn dash_quotations_with_a_cue_between_dashes() {
    let text = "Envoy Sven Holm met the press.\n— The sides know each other well and can talk openly — he told reporters on Sunday. — Of course, each will keep its own view. That is normal.";
    let quotes = quotes_of(text, &["Sven Holm"]);
    let got: Vec<_> = quotes
        .iter()
        .map(|quote| {
            (
                quote.text.as_str(),
                quote
                    .speaker
                    .as_ref()
                    .map(|speaker| (speaker.name.as_str(), speaker.via)),
                quote.channel.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "The sides know each other well and can talk openly",
                Some(("Sven Holm", SpeakerVia::Pronoun)),
                Some("reporters")
            ),
            (
                "Of course, each will keep its own view. That is normal.",
                Some(("Sven Holm", SpeakerVia::Continuation)),
                Some("reporters")
            ),
        ]
    );
}

#[test]
fn channels_and_platform_named_x() {
    let text = "“The vote was fair,” Nadia Kerr wrote on X.\n“We will appeal,” Kerr told AFP.\n“No comment,” the ministry said in a statement.";
    let quotes = quotes_of(text, &["Nadia Kerr", "Kerr"]);
    let got: Vec<_> = quotes
        .iter()
        .map(|quote| {
            (
                quote.speaker.as_ref().map(|speaker| speaker.name.as_str()),
                quote.cue.as_deref(),
                quote.channel.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("Nadia Kerr"), Some("write"), Some("X")),
            (Some("Nadia Kerr"), Some("tell"), Some("AFP")),
            (Some("the ministry"), Some("say"), Some("a statement")),
        ]
    );
}

#[test]
fn according_to_and_quoted_as_saying() {
    let text = "“The border stays open,” according to Ilse Maren.\nIlse Maren was quoted as saying “We are ready.”";
    let quotes = quotes_of(text, &["Ilse Maren"]);
    let got: Vec<_> = quotes
        .iter()
        .map(|quote| {
            (
                quote
                    .speaker
                    .as_ref()
                    .map(|speaker| (speaker.name.as_str(), speaker.via)),
                quote.cue.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                Some(("Ilse Maren", SpeakerVia::AccordingTo)),
                Some("according to")
            ),
            (Some(("Ilse Maren", SpeakerVia::Named)), Some("quote")),
        ]
    );
}

#[test]
fn participles_and_sentence_initial_inversion() {
    let text = "During a speech on Monday, Vera Lund attacked the plan, saying, “It will fail.”\nAt the rally, the band leader called people to the stage, singing “Our time.”\nSaid Lund: “We are ready.”";
    let quotes = quotes_of(text, &["Vera Lund", "Lund"]);
    let got: Vec<_> = quotes
        .iter()
        .map(|quote| {
            (
                quote.speaker.as_ref().map(|speaker| speaker.name.as_str()),
                quote.cue.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("Vera Lund"), Some("say")),
            (Some("the band leader"), Some("sing")),
            (Some("Vera Lund"), Some("say"))
        ]
    );
}

#[test]
fn a_name_in_apposition_to_a_description_is_the_speaker() {
    let text = "“We disagree,” the mayor's spokesman, Ivo Petrak, said.\nAs Petrak put it, “Nothing has changed.”";
    let quotes = quotes_of(text, &["Ivo Petrak", "Petrak"]);
    let got: Vec<_> = quotes
        .iter()
        .map(|quote| {
            (
                quote.speaker.as_ref().map(|speaker| speaker.name.as_str()),
                quote.cue.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("Ivo Petrak"), Some("say")),
            (Some("Ivo Petrak"), Some("put it"))
        ]
    );
}

#[test]
fn manner_verbs_datelines_and_fragments_of_one_sentence() {
    let text = "“This is wonderful!” beamed Odile Brun, who came from the coast.\nHARBOURTOWN, May 3 (Wire) — In reply to the plan, Odile Brun's deputy rallied supporters, saying: “We are not done.”\nBrun says “the harbour is dying” because “nobody invests here.”";
    let quotes = quotes_of(text, &["Odile Brun", "Brun"]);
    let got: Vec<_> = quotes
        .iter()
        .map(|quote| {
            (
                quote
                    .speaker
                    .as_ref()
                    .map(|speaker| (speaker.name.as_str(), speaker.via)),
                quote.fragment,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (Some(("Odile Brun", SpeakerVia::Named)), false),
            (Some(("Odile Brun's deputy", SpeakerVia::Named)), false),
            (Some(("Odile Brun", SpeakerVia::Named)), true),
            (Some(("Odile Brun", SpeakerVia::Continuation)), true),
        ]
    );
}

#[test]
fn participles_after_quotes_and_opening_adverbials() {
    let text = "Nora Velde runs the shelter.\n“We were full,” she said, adding, “It was hard.”\nLater on Sunday, Velde posted a list online, writing “Here is what we need.”";
    let quotes = quotes_of(text, &["Nora Velde", "Velde"]);
    let got: Vec<_> = quotes
        .iter()
        .map(|quote| {
            quote
                .speaker
                .as_ref()
                .map(|speaker| (speaker.name.as_str(), speaker.via))
        })
        .collect();
    assert_eq!(
        got,
        vec![
            Some(("Nora Velde", SpeakerVia::Pronoun)),
            Some(("Nora Velde", SpeakerVia::Pronoun)),
            Some(("Nora Velde", SpeakerVia::Named)),
        ]
    );
}

#[test]
fn labels_before_a_colon_and_infinitives() {
    let text = "VOTERS WANT CHANGE - Ana Reis and Tom Hale: “We found that turnout rose.”\nWhat the study means - From the report: “Samples differ widely.”\nThe debate was so calm that Tom Hale was prompted to say, “I cannot believe it.”";
    let quotes = quotes_of(text, &["Ana Reis", "Tom Hale"]);
    let got: Vec<_> = quotes
        .iter()
        .map(|quote| {
            (
                quote.speaker.as_ref().map(|speaker| speaker.name.as_str()),
                quote.cue.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("Ana Reis and Tom Hale"), None),
            (Some("the report"), None),
            (Some("Tom Hale"), Some("say"))
        ]
    );
}

#[test]
fn a_pronoun_takes_the_subject_of_the_last_reporting_verb() {
    let text = "Envoy Dan Reyes met President Olaf Brandt.\nBrandt and the king are old allies, Reyes said.\n“They talk every week,” he told reporters.\n“The talks went well,” Reyes said.\nHe noted that Brandt might soften his stance.\n“Brandt can still change course,” he said.";
    let quotes = quotes_of(text, &["Dan Reyes", "Reyes", "Olaf Brandt", "Brandt"]);
    let got: Vec<_> = quotes
        .iter()
        .map(|quote| quote.speaker.as_ref().map(|speaker| speaker.name.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![Some("Dan Reyes"), Some("Dan Reyes"), Some("Dan Reyes")]
    );
}

#[test]
fn a_name_after_a_dash_credits_the_quotation() {
    let text = "Readers wrote in.\n“The bus never comes on time.” ― Alma Ruiz\n“Fix the roads first.” — Ben Ode, Leeds";
    let quotes = quotes_of(text, &["Alma Ruiz", "Ben Ode"]);
    let got: Vec<_> = quotes
        .iter()
        .map(|quote| {
            (
                quote.speaker.as_ref().map(|speaker| speaker.name.as_str()),
                quote.cue.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![(Some("Alma Ruiz"), None), (Some("Ben Ode"), None)]
    );
}

#[test]
fn attributions_of_reported_speech() {
    let text = "Regional officials said that 40 families were moved overnight.\nThe river rose by two metres, according to the water agency.\nThe bridge will stay shut, the ministry said.\n“This is not reported speech,” he said.";
    let article = article(text);
    let doc = crate::text::analyse(&article);
    let attributions = find_attributions(&article, &doc, &[]);
    let got: Vec<(&str, &str, &str)> = attributions
        .iter()
        .map(|attribution| {
            (
                attribution.source.as_str(),
                attribution.cue.as_str(),
                &text[attribution.content_span.range()],
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "Regional officials",
                "say",
                "40 families were moved overnight"
            ),
            (
                "the water agency",
                "according to",
                "The river rose by two metres"
            ),
            ("the ministry", "say", "The bridge will stay shut"),
        ]
    );
}

#[test]
fn speaker_labels_credit_their_paragraph() {
    let text = "HOST: Welcome back to the programme tonight.\nMara Quist: The budget will pass this week\nNote: this is not a label of a speaker.";
    let article = article(text);
    let doc = crate::text::analyse(&article);
    let attributions = find_attributions(&article, &doc, &[]);
    let got: Vec<(&str, &str, &str)> = attributions
        .iter()
        .map(|attribution| {
            (
                attribution.source.as_str(),
                attribution.cue.as_str(),
                &text[attribution.content_span.range()],
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("HOST", ":", "Welcome back to the programme tonight"),
            ("Mara Quist", ":", "The budget will pass this week"),
        ]
    );
}

#[test]
fn hearers_infinitives_and_adjuncts_before_that() {
    let text = "Port officials told Reuters the new cranes would arrive in May.\nIn June, the council promised to repave the square.\nThe mayor said on Friday that the budget was final.\nThe mayor said the plan that failed was costly.";
    let article = article(text);
    let doc = crate::text::analyse(&article);
    let attributions = find_attributions(&article, &doc, &[]);
    let got: Vec<(&str, &str)> = attributions
        .iter()
        .map(|attribution| {
            (
                attribution.source.as_str(),
                &text[attribution.content_span.range()],
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Port officials", "the new cranes would arrive in May"),
            ("the council", "to repave the square"),
            ("The mayor", "the budget was final"),
            ("The mayor", "the plan that failed was costly"),
        ]
    );
}

#[test]
fn reports_quoting_someone_credit_that_person() {
    let text =
        "Reports in state media quoted Olga Venn as saying the harvest was the best in years.";
    let article = article(text);
    let doc = crate::text::analyse(&article);
    let attributions = find_attributions(&article, &doc, &mentions(text, &["Olga Venn"]));
    assert_eq!(attributions.len(), 1);
    assert_eq!(attributions[0].source, "Olga Venn");
    assert_eq!(attributions[0].mention, Some(0));
    assert_eq!(
        &text[attributions[0].content_span.range()],
        "the harvest was the best in years"
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn no_panic_on_any_text(text in "(\\PC|\n){0,300}") {
            let article = article(&text);
            let doc = crate::text::analyse(&article);
            let found = mentions(&text, &["A", "Jo"]);
            for quote in find_quotes(&article, &doc, &found) {
                prop_assert!(text.get(quote.span.range()).is_some());
                prop_assert!(quote.cue_span.is_none_or(|span| text.get(span.range()).is_some()));
            }
            for attribution in find_attributions(&article, &doc, &found) {
                prop_assert!(text.get(attribution.content_span.range()).is_some());
            }
        }

        #[test]
        fn spans_stay_in_body_and_order(text in "[a-zA-Z ,.:\"“”‘’'—\\n-]{0,160}") {
            let article = article(&text);
            let doc = crate::text::analyse(&article);
            let found = mentions(&text, &["Ab", "Cd"]);
            let quotes = find_quotes(&article, &doc, &found);
            let mut previous_start = 0;
            for quote in &quotes {
                prop_assert!(quote.span.start <= quote.span.end && quote.span.range().end <= text.len());
                prop_assert!(text.get(quote.span.range()).is_some());
                prop_assert!(quote.span.start as usize >= previous_start);
                previous_start = quote.span.start as usize;
                if let Some(speaker) = &quote.speaker {
                    prop_assert!(text.get(speaker.span.range()).is_some());
                }
            }
            for attribution in find_attributions(&article, &doc, &found) {
                prop_assert!(text.get(attribution.content_span.range()).is_some());
                prop_assert!(text.get(attribution.source_span.range()).is_some());
            }
        }
    }
}
