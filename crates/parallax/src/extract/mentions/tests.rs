//! Tests of the mention finder on sentences written for them.
//!
//! Most tests build their `Doc` with a small tokenizer of their own, one
//! sentence per line, so that they test this stage and not the sentence
//! splitter; the property tests run the real `ingest` and `text` stages.

use super::*;
use crate::model::{Block, BlockKind, EntityKind, MentionForm, Sentence, Span, Token, TokenKind};
use proptest::prelude::*;

/// An article with one body block and one sentence per line (lines
/// starting with "# " are headings), tokenized finely: letter runs are
/// words, digit runs numbers, every other character a token of its own.
fn article_of_lines(text: &str) -> (Article, Doc) {
    let mut blocks = Vec::new();
    let mut sentences = Vec::new();
    let mut tokens = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let start = line_start;
        let end = start + line.len();
        line_start = end + 1;
        if line.trim().is_empty() {
            continue;
        }
        let heading = line.starts_with("# ");
        let block = blocks.len() as u32;
        blocks.push(Block {
            span: Span::new(0, start, end),
            kind: if heading {
                BlockKind::Heading
            } else {
                BlockKind::Body
            },
        });
        let first_token = tokens.len() as u32;
        tokenize(line, start, &mut tokens);
        sentences.push(Sentence {
            span: Span::new(0, start, end),
            block,
            heading,
            paragraph_start: true,
            tokens: first_token..tokens.len() as u32,
            opens_inside_quote: false,
        });
    }
    let article = Article {
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
    };
    let doc = Doc {
        article: 0,
        language: None,
        sentences,
        tokens,
    };
    (article, doc)
}

fn tokenize(line: &str, base: usize, tokens: &mut Vec<Token>) {
    let mut run: Option<(usize, bool)> = None;
    let push = |tokens: &mut Vec<Token>, start: usize, end: usize, kind: TokenKind| {
        tokens.push(Token {
            start: (base + start) as u32,
            end: (base + end) as u32,
            kind,
        });
    };
    for (offset, character) in line.char_indices() {
        let letter = character.is_alphabetic();
        let digit = character.is_ascii_digit();
        if let Some((start, is_letters)) = run {
            if (letter && is_letters) || (digit && !is_letters) {
                continue;
            }
            let kind = if is_letters {
                TokenKind::Word
            } else {
                TokenKind::Number
            };
            push(tokens, start, offset, kind);
            run = None;
        }
        if letter || digit {
            run = Some((offset, letter));
            continue;
        }
        if character.is_whitespace() {
            continue;
        }
        let kind = match character {
            '\u{201c}' => TokenKind::QuoteOpen,
            '\u{201d}' => TokenKind::QuoteClose,
            '\u{2014}' | '\u{2013}' => TokenKind::Dash,
            '&' | '$' | '%' => TokenKind::Symbol,
            _ => TokenKind::Punct,
        };
        push(tokens, offset, offset + character.len_utf8(), kind);
    }
    if let Some((start, is_letters)) = run {
        let kind = if is_letters {
            TokenKind::Word
        } else {
            TokenKind::Number
        };
        push(tokens, start, line.len(), kind);
    }
}

fn mentions(text: &str) -> Vec<Mention> {
    let (article, doc) = article_of_lines(text);
    find_mentions(&article, &doc)
}

fn names(text: &str) -> Vec<String> {
    mentions(text)
        .into_iter()
        .map(|mention| mention.name)
        .collect()
}

fn find<'m>(found: &'m [Mention], name: &str) -> &'m Mention {
    found
        .iter()
        .find(|mention| mention.name == name)
        .unwrap_or_else(|| panic!("no mention {name:?} in {found:#?}"))
}

fn antecedent_name(found: &[Mention], mention: &Mention) -> Option<String> {
    let index = mention.antecedent? as usize;
    found.get(index).map(|target| target.name.clone())
}

// --- candidate names and connectors -------------------------------------

#[test]
fn names_are_joined_across_connectors_inside_them() {
    let text =
        "Rates were set by the Bank of England and the Ministry of Foreign Affairs on Monday.\n\
                Critics of the Church of Scientology met the Nobel Peace Prize committee.\n\
                A portrait of Maria de la Cruz hangs beside one of Ludwig van Beethoven.";
    let found = mentions(text);
    let found_names: Vec<&str> = found.iter().map(|mention| mention.name.as_str()).collect();
    assert_eq!(
        found_names,
        [
            "Bank of England",
            "Ministry of Foreign Affairs",
            "Church of Scientology",
            "Nobel Peace Prize",
            "Maria de la Cruz",
            "Ludwig van Beethoven"
        ]
    );
    assert_eq!(
        find(&found, "Bank of England").kind,
        EntityKind::Organisation
    );
    assert_eq!(
        find(&found, "Ministry of Foreign Affairs").kind,
        EntityKind::Organisation
    );
    assert_eq!(
        find(&found, "Church of Scientology").kind,
        EntityKind::Organisation
    );
    assert_eq!(find(&found, "Nobel Peace Prize").kind, EntityKind::Other);
    assert_eq!(find(&found, "Maria de la Cruz").kind, EntityKind::Person);
    assert_eq!(
        find(&found, "Ludwig van Beethoven").kind,
        EntityKind::Person
    );
}

#[test]
fn hyphens_and_apostrophes_stay_inside_names() {
    let found = names(
        "Troops loyal to Al-Assad entered the town as O'Brien flew to N'Djamena with Jean-Luc Moreau.",
    );
    assert_eq!(
        found,
        ["Al-Assad", "O'Brien", "N'Djamena", "Jean-Luc Moreau"]
    );
    let lower_particle = names("Forces of Bashar al-Assad held the road.");
    assert_eq!(lower_particle, ["Bashar al-Assad"]);
}

#[test]
fn coordinated_names_stay_apart_but_gazetteer_names_with_and_do_not() {
    let found = names("Envoys from Britain and France flew to Bosnia and Herzegovina.");
    assert_eq!(found, ["Britain", "France", "Bosnia and Herzegovina"]);
    let ampersand = names("Shares of Procter & Gamble rose.");
    assert_eq!(ampersand, ["Procter & Gamble"]);
}

#[test]
fn closed_class_words_days_and_months_are_not_names() {
    let found = names("On Tuesday the delegates met in Geneva, and in March they met again.");
    assert_eq!(found, ["Geneva"]);
}

// --- sentence starts -------------------------------------------------------

#[test]
fn sentence_initial_function_words_and_adverbs_are_not_names() {
    let found = names(
        "Despite the talks, the border stayed closed.\n\
         Meanwhile the ministers argued.\n\
         Later that day a convoy left.",
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn sentence_initial_word_seen_in_lower_case_elsewhere_is_not_a_name() {
    let found = names("Protesters gathered at dawn.\nThe police watched the protesters.");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn sentence_initial_name_with_evidence_is_kept() {
    // Seen capitalised mid-sentence elsewhere.
    let found = names("Vantori said the deal was close.\nOfficials in Lisbon praised Vantori.");
    assert_eq!(found, ["Vantori", "Lisbon", "Vantori"]);
    // Alone before a verb of saying, with no other evidence.
    let alone = names("Okonkwo said the deal was close.");
    assert_eq!(alone, ["Okonkwo"]);
    // A plural before a verb of saying is not.
    let plural = names("Analysts said the deal was close.");
    assert!(plural.is_empty(), "{plural:?}");
    // A known given name, or a run of capitalised words.
    let given = names("Helga Strand opened the session.\nTomasz spoke next.");
    assert_eq!(given, ["Helga Strand", "Tomasz"]);
    // An acronym.
    let acronym = names("NATO met in the morning.");
    assert_eq!(acronym, ["NATO"]);
}

#[test]
fn quotations_start_their_own_capitalisation() {
    let found = names("Ruiz told reporters: \u{201c}Nothing has changed.\u{201d}");
    assert_eq!(found, ["Ruiz"]);
}

// --- headline case ---------------------------------------------------------

#[test]
fn headline_case_text_gives_no_absurd_names() {
    let text = "Another 40 Political Detainees Freed\n\
                The political detainees were freed on Monday, officials said.";
    let found = names(text);
    assert!(found.is_empty(), "{found:?}");
    let with_name = names(
        "Vantori Frees 40 Prisoners In Lisbon Deal\n\
         The deal was signed by Vantori in the city.",
    );
    assert_eq!(with_name, ["Vantori", "Lisbon", "Vantori", "city"]);
}

#[test]
fn very_long_runs_are_cut() {
    let found = names(
        "They read the Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu report.",
    );
    assert!(
        found.iter().all(|name| name.split(' ').count() <= 8),
        "{found:?}"
    );
}

// --- titles and honorifics -------------------------------------------------

#[test]
fn every_honorific_is_split_off() {
    for row in super::lexicon::tests_support::honorific_rows() {
        for form in [row.to_string(), format!("{row}.")] {
            let text = format!("The letter was signed by {form} Zorander Quill yesterday.");
            let found = mentions(&text);
            let mention = find(&found, "Zorander Quill");
            assert_eq!(mention.title.as_deref(), Some(form.as_str()), "{text}");
            assert_eq!(mention.kind, EntityKind::Person, "{text}");
            let title_span = mention.title_span.unwrap_or_else(|| panic!("{text}"));
            assert_eq!(title_span.slice(&text), form);
        }
    }
}

#[test]
fn every_title_is_split_off_capitalised_and_in_lower_case() {
    for title in super::lexicon::tests_support::title_rows() {
        let capitalised = capitalise_words(title);
        for form in [capitalised, title.to_string()] {
            let text = format!("The crowd cheered as {form} Zorander Quill arrived.");
            let found = mentions(&text);
            let mention = find(&found, "Zorander Quill");
            assert_eq!(mention.title.as_deref(), Some(form.as_str()), "{text}");
            assert_eq!(mention.kind, EntityKind::Person, "{text}");
        }
    }
}

fn capitalise_words(phrase: &str) -> String {
    phrase
        .split(' ')
        .map(|word| {
            let mut characters = word.chars();
            match characters.next() {
                Some(first) if !matches!(word, "of" | "the") => {
                    first.to_uppercase().chain(characters).collect()
                }
                _ => word.to_string(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

#[test]
fn every_title_modifier_extends_a_title() {
    for modifier in super::lexicon::tests_support::title_modifier_rows() {
        let text = format!("The talks were led by {modifier} envoy Zorander Quill.");
        let found = mentions(&text);
        let mention = find(&found, "Zorander Quill");
        let expected = format!("{modifier} envoy");
        assert_eq!(mention.title.as_deref(), Some(expected.as_str()), "{text}");
    }
}

#[test]
fn compound_titles_with_nationality_places_and_modifiers() {
    let text =
        "The plan came from U.S. Special Envoy Harold Brisk and former President Ana Lucero.\n\
                Moldovan President Ion Vasilescu met Nobel laureate Ruth Okafor.\n\
                Later opposition leader Petra Hollis spoke with Pentagon spokesman Ivan Sorokin.";
    let found = mentions(text);
    let brisk = find(&found, "Harold Brisk");
    assert_eq!(brisk.title.as_deref(), Some("U.S. Special Envoy"));
    // The country inside the title is a place mention of its own.
    let united_states = find(&found, "U.S.");
    assert_eq!(united_states.kind, EntityKind::Place);
    assert_eq!(
        find(&found, "Ana Lucero").title.as_deref(),
        Some("former President")
    );
    assert_eq!(
        find(&found, "Ion Vasilescu").title.as_deref(),
        Some("Moldovan President")
    );
    assert_eq!(
        find(&found, "Ruth Okafor").title.as_deref(),
        Some("Nobel laureate")
    );
    assert_eq!(
        find(&found, "Petra Hollis").title.as_deref(),
        Some("opposition leader")
    );
    assert_eq!(
        find(&found, "Ivan Sorokin").title.as_deref(),
        Some("Pentagon spokesman")
    );
    // "Moldovan" alone is not a mention.
    assert!(found.iter().all(|mention| mention.name != "Moldovan"));
    let pentagon = find(&found, "Pentagon");
    assert_eq!(pentagon.kind, EntityKind::Organisation);
}

#[test]
fn a_nationality_adjective_before_a_given_name_is_a_title() {
    let found = mentions("The final was won by Czech Svetlana Orlova in three sets.");
    let orlova = find(&found, "Svetlana Orlova");
    assert_eq!(orlova.title.as_deref(), Some("Czech"));
    assert_eq!(orlova.kind, EntityKind::Person);
}

#[test]
fn possessives_are_left_out_of_the_name() {
    let text = "Quill's allies and Brisk\u{2019}s aides met at Reuters' office.";
    let found = mentions(text);
    let found_names: Vec<&str> = found.iter().map(|mention| mention.name.as_str()).collect();
    assert_eq!(found_names, ["Quill", "Brisk", "Reuters"]);
    for mention in &found {
        assert_eq!(mention.span.slice(text), mention.name);
    }
}

#[test]
fn appositions_give_a_title_and_a_kind() {
    let text = "Ada Brennan, a human rights activist, was freed.\n\
                Brennan thanked Civitas, a human rights group, for its help.\n\
                She flew to Kelvara, the capital of the province.";
    let found = mentions(text);
    assert_eq!(
        find(&found, "Ada Brennan").title.as_deref(),
        Some("human rights activist")
    );
    assert_eq!(find(&found, "Civitas").kind, EntityKind::Organisation);
    assert_eq!(find(&found, "Kelvara").kind, EntityKind::Place);
}

// --- kinds -----------------------------------------------------------------

#[test]
fn kinds_from_words_context_and_the_gazetteer() {
    let text = "Officials at Acme Holdings and the Zentra news agency spoke to the AFP.\n\
                The summit in Kelvara drew envoys from Norway and Chile.\n\
                Lena Dorn chaired it.\n\
                Dorn said the University of Malbrook would help.\n\
                Traffic on the Vessel River bridge stopped.\n\
                Zentrix said its profits rose.";
    let found = mentions(text);
    assert_eq!(find(&found, "Acme Holdings").kind, EntityKind::Organisation);
    assert_eq!(find(&found, "Zentra").kind, EntityKind::Organisation);
    assert_eq!(find(&found, "AFP").kind, EntityKind::Organisation);
    assert_eq!(find(&found, "Kelvara").kind, EntityKind::Place);
    assert_eq!(find(&found, "Norway").kind, EntityKind::Place);
    assert_eq!(find(&found, "Chile").kind, EntityKind::Place);
    assert_eq!(find(&found, "Dorn").kind, EntityKind::Person);
    assert_eq!(
        find(&found, "University of Malbrook").kind,
        EntityKind::Organisation
    );
    assert_eq!(find(&found, "Vessel River").kind, EntityKind::Place);
    // A lone word before "said" that names no person of the article: an
    // organisation, most often.
    assert_eq!(find(&found, "Zentrix").kind, EntityKind::Organisation);
}

#[test]
fn demonyms_alone_are_not_mentions() {
    let found = names("Moldovan officials said five Moldovans and two Kenyans arrived.");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn headings_are_skipped() {
    let found = names("# Talks in Geneva\nThe envoys met in Oslo.");
    assert_eq!(found, ["Oslo"]);
}

// --- resolution ------------------------------------------------------------

#[test]
fn surnames_resolve_to_the_full_name_before_or_after() {
    let text = "Hollis was freed on Sunday.\n\
                Petra Hollis, an opposition politician, crossed the border.\n\
                Hollis thanked her lawyers.";
    let found = mentions(text);
    let full_index = found
        .iter()
        .position(|mention| mention.name == "Petra Hollis")
        .unwrap_or_else(|| panic!("{found:#?}"));
    let partials: Vec<&Mention> = found
        .iter()
        .filter(|mention| mention.name == "Hollis")
        .collect();
    assert_eq!(partials.len(), 2);
    for partial in partials {
        assert_eq!(partial.form, MentionForm::Partial);
        assert_eq!(partial.kind, EntityKind::Person);
        assert_eq!(partial.antecedent, Some(full_index as u32));
    }
    assert_eq!(found[full_index].form, MentionForm::Full);
    assert_eq!(found[full_index].antecedent, None);
}

#[test]
fn titled_surnames_and_unambiguous_given_names_resolve() {
    let text = "Talks were led by Harold Brisk.\n\
                Mr Brisk said the prisoners would be freed.\n\
                Harold later flew home.";
    let found = mentions(text);
    let titled = find(&found, "Brisk");
    assert_eq!(titled.title.as_deref(), Some("Mr"));
    assert_eq!(
        antecedent_name(&found, titled).as_deref(),
        Some("Harold Brisk")
    );
    let given = find(&found, "Harold");
    assert_eq!(given.form, MentionForm::Partial);
    assert_eq!(
        antecedent_name(&found, given).as_deref(),
        Some("Harold Brisk")
    );
}

#[test]
fn a_shared_surname_is_left_unresolved_unless_gender_decides() {
    let text = "Anna Brandt and her husband Karl Brandt were released.\n\
                Brandt said the cell was cold.\n\
                Mrs Brandt thanked the envoy.\n\
                Mr Brandt stayed silent.";
    let found = mentions(text);
    let bare: Vec<&Mention> = found
        .iter()
        .filter(|mention| mention.name == "Brandt" && mention.title.is_none())
        .collect();
    assert_eq!(bare.len(), 1);
    assert_eq!(bare[0].form, MentionForm::Partial);
    assert_eq!(bare[0].antecedent, None);
    let mrs = found
        .iter()
        .find(|mention| mention.title.as_deref() == Some("Mrs"))
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(antecedent_name(&found, mrs).as_deref(), Some("Anna Brandt"));
    let mr = found
        .iter()
        .find(|mention| mention.title.as_deref() == Some("Mr"))
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(antecedent_name(&found, mr).as_deref(), Some("Karl Brandt"));
    assert_eq!(
        find(&found, "Karl Brandt").title.as_deref(),
        Some("husband")
    );
}

#[test]
fn descriptions_resolve_to_the_entity_they_fit() {
    let text = "Moldovan President Ion Vasilescu freed 40 prisoners after talks with U.S. Special Envoy Harold Brisk.\n\
                The Moldovan leader did not comment.\n\
                The envoy said more releases would follow.\n\
                Civitas, a human rights group, welcomed the move.\n\
                The human rights group said 300 remain in jail.\n\
                Shares of Acme Holdings fell, and the company said it would appeal.";
    let found = mentions(text);
    let descriptive: Vec<&Mention> = found
        .iter()
        .filter(|mention| mention.form == MentionForm::Descriptive)
        .collect();
    let described: Vec<(&str, Option<String>)> = descriptive
        .iter()
        .map(|mention| (mention.name.as_str(), antecedent_name(&found, mention)))
        .collect();
    assert_eq!(
        described,
        [
            ("Moldovan leader", Some("Ion Vasilescu".to_string())),
            ("envoy", Some("Harold Brisk".to_string())),
            ("human rights group", Some("Civitas".to_string())),
            ("company", Some("Acme Holdings".to_string())),
        ]
    );
    assert_eq!(descriptive[0].kind, EntityKind::Person);
    assert_eq!(descriptive[3].kind, EntityKind::Organisation);
}

#[test]
fn ambiguous_or_unmatched_descriptions_are_not_emitted() {
    let text = "President Ion Vasilescu met President Karl Ostrander.\n\
                The president said the talks went well.\n\
                The company declined to comment.";
    let found = mentions(text);
    assert!(
        found
            .iter()
            .all(|mention| mention.form != MentionForm::Descriptive),
        "{found:#?}"
    );
}

#[test]
fn names_shaped_like_people_but_built_on_another_name_are_weak_targets() {
    // "Orlek Polaroid" looks like a person's name, but "Orlek" is used
    // alone: a lone "Polaroid" is not its surname.
    let text = "Orlek Polaroid prints were shown.\n\
                Orlek's studio lent them.\n\
                Each Polaroid was faded.";
    let found = mentions(text);
    let lone = find(&found, "Polaroid");
    assert_eq!(lone.antecedent, None, "{found:#?}");
    // A one-word name with a person cue of its own still resolves.
    let cued = mentions("Orlek Polaroid prints were shown.\nOrlek's studio lent them.\nPolaroid told reporters the prints were old.");
    let told = find(&cued, "Polaroid");
    assert_eq!(
        antecedent_name(&cued, told).as_deref(),
        Some("Orlek Polaroid")
    );
}

#[test]
fn acronyms_resolve_to_the_organisation_they_spell() {
    let text = "The North Atlantic Treaty Organization met in Brussels.\nNATO said it was ready.";
    let found = mentions(text);
    let acronym = find(&found, "NATO");
    assert_eq!(acronym.form, MentionForm::Partial);
    assert_eq!(acronym.kind, EntityKind::Organisation);
    assert_eq!(
        antecedent_name(&found, acronym).as_deref(),
        Some("North Atlantic Treaty Organization")
    );
}

// --- robustness ------------------------------------------------------------

fn check_invariants(article: &Article, doc: &Doc, found: &[Mention]) {
    let mut previous_start = 0;
    for (index, mention) in found.iter().enumerate() {
        assert!(
            mention.span.start >= previous_start,
            "mentions out of order"
        );
        previous_start = mention.span.start;
        let sentence = doc
            .sentences
            .get(mention.sentence as usize)
            .unwrap_or_else(|| panic!("no sentence {}", mention.sentence));
        assert!(!sentence.heading);
        assert!(sentence.span.contains(&mention.span), "{mention:?}");
        assert!(!mention.span.is_empty());
        assert!(article.text.get(mention.span.range()).is_some());
        if let Some(title_span) = mention.title_span {
            assert!(sentence.span.contains(&title_span), "{mention:?}");
        }
        if let Some(antecedent) = mention.antecedent {
            assert!((antecedent as usize) < found.len());
            assert_ne!(antecedent as usize, index);
        }
        if mention.form == MentionForm::Full {
            assert_eq!(mention.antecedent, None);
        }
    }
}

#[test]
fn the_real_pipeline_finds_names_too() {
    let text = "Envoys from Norway met Helga Strand in Oslo on Monday.\n\
                Strand said the talks at the Bank of England were useful.\n";
    let article = crate::ingest::read_plain_text("t.txt", text.as_bytes(), 0)
        .unwrap_or_else(|error| panic!("{error}"));
    let doc = crate::text::analyse(&article);
    let found = find_mentions(&article, &doc);
    check_invariants(&article, &doc, &found);
    let found_names: Vec<&str> = found.iter().map(|mention| mention.name.as_str()).collect();
    assert_eq!(
        found_names,
        [
            "Norway",
            "Helga Strand",
            "Oslo",
            "Strand",
            "Bank of England"
        ]
    );
}

proptest! {
    #[test]
    fn any_text_gives_ordered_spans_inside_body_sentences(text in "\\PC{0,400}") {
        if let Ok(article) = crate::ingest::read_plain_text("p.txt", text.as_bytes(), 0) {
            let doc = crate::text::analyse(&article);
            let found = find_mentions(&article, &doc);
            check_invariants(&article, &doc, &found);
        }
    }

    #[test]
    fn name_like_text_gives_ordered_spans_inside_body_sentences(
        words in proptest::collection::vec(
            prop_oneof![
                Just("Mr."), Just("the"), Just("Bank"), Just("of"), Just("de"), Just("O'Brien"),
                Just("Al-Assad"), Just("U.S."), Just("President"), Just("said"), Just(","),
                Just("'s"), Just("’s"), Just("\u{201c}"), Just("\u{201d}"), Just("."), Just("and"),
                Just("NATO"), Just("Anna"), Just("Brandt"), Just("in"), Just("Oslo"), Just("\n"),
                Just("former"), Just("envoy"), Just("a"), Just("group"), Just("company"), Just("&"),
                Just("-"), Just("Tuesday"), Just("Kenyan"), Just("leader"), Just("van"),
            ],
            0..80,
        ),
        glue in proptest::collection::vec(any::<bool>(), 80),
    ) {
        let mut text = String::new();
        for (index, word) in words.iter().enumerate() {
            text.push_str(word);
            if glue.get(index).copied().unwrap_or(false) {
                text.push(' ');
            }
        }
        if let Ok(article) = crate::ingest::read_plain_text("p.txt", text.as_bytes(), 0) {
            let doc = crate::text::analyse(&article);
            let found = find_mentions(&article, &doc);
            check_invariants(&article, &doc, &found);
        }
        let (article, doc) = article_of_lines(&text);
        let found = find_mentions(&article, &doc);
        check_invariants(&article, &doc, &found);
    }
}

/// Prints what is found in the text of `PARALLAX_MENTIONS_TEXT` (a debugging
/// aid: `cargo test -p parallax show_mentions -- --ignored --nocapture`).
#[test]
#[ignore]
#[allow(clippy::print_stderr)]
fn show_mentions() {
    let text = std::env::var("PARALLAX_MENTIONS_TEXT")
        .unwrap_or_default()
        .replace("\\n", "\n");
    let found = if std::env::var("PARALLAX_MENTIONS_REAL").is_ok() {
        let article = crate::ingest::read_plain_text("t.txt", text.as_bytes(), 0)
            .unwrap_or_else(|error| panic!("{error}"));
        let doc = crate::text::analyse(&article);
        for sentence in &doc.sentences {
            eprintln!("sentence: {:?}", sentence.span.slice(&article.text));
        }
        find_mentions(&article, &doc)
    } else {
        mentions(&text)
    };
    for mention in found {
        eprintln!(
            "{:?} {:?} {:?} title={:?} antecedent={:?}",
            mention.name, mention.kind, mention.form, mention.title, mention.antecedent
        );
    }
}

/// Times the finder on a long article (`cargo test --release -p parallax
/// mentions_speed -- --ignored --nocapture`).
#[test]
#[ignore]
#[allow(clippy::print_stderr)]
fn mentions_speed() {
    let paragraph = "Moldovan President Ion Vasilescu met U.S. Special Envoy Harold Brisk in Chisinau on Tuesday, \
        the Ministry of Foreign Affairs said. Mr Brisk told reporters the talks with the Bank of England and \
        Acme Holdings had been useful. The envoy said 40 prisoners, including Nobel laureate Ruth Okafor, \
        would be freed. Vasilescu's office declined to comment, and the company said it would appeal.\n";
    let text = paragraph.repeat(4000);
    let (article, doc) = article_of_lines(&text);
    let started = std::time::Instant::now();
    let found = find_mentions(&article, &doc);
    let elapsed = started.elapsed().as_secs_f64();
    let megabytes = text.len() as f64 / 1_000_000.0;
    eprintln!(
        "{} mentions in {:.2} MB: {:.3} s, {:.1} MB/s",
        found.len(),
        megabytes,
        elapsed,
        megabytes / elapsed
    );
    assert!(found.len() > 10_000);
}
