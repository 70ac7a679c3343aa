//! Claims: checkable statements assembled from quantities, dates, mentions,
//! quotations and attributions.
//!
//! A claim is made for every figure that reports what is (not a demand, goal
//! or forecast) and for every role title given to a named person. Each claim
//! is credited to whoever the article credits the figure to: the speaker of
//! a quotation it stands in, or the source of an attribution covering it;
//! otherwise to the outlet itself.

use crate::model::{
    Article, Claim, ClaimKind, ClaimValue, Doc, EntityKind, Extraction, MentionForm, Modality,
    Qualifier, Span,
};

/// Honorifics carry no role: "Mr", "Ms", "Dr" say nothing checkable.
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "madam", "mme", "m", "herr", "frau",
    "lord", "lady",
];

/// Assembles the claims of one article from its other extractions.
pub fn assemble(article: &Article, doc: &Doc, extraction: &Extraction) -> Vec<Claim> {
    let mut claims = Vec::new();
    let part_spans: Vec<Span> = extraction
        .quantities
        .iter()
        .flat_map(|quantity| quantity.parts.iter().map(|part| part.span))
        .collect();
    for quantity in &extraction.quantities {
        if quantity.modality != Modality::Actual {
            continue;
        }
        let Some(sentence) = doc.sentences.get(quantity.sentence as usize) else {
            continue;
        };
        let mentions = mentions_in_sentence(extraction, quantity.sentence);
        let time = date_for(
            &article.text,
            sentence.span.start as usize,
            extraction,
            quantity.sentence,
            &quantity.span,
        );
        let mut scope = quantity.scope.clone();
        if let Some(date) = time.and_then(|index| extraction.dates.get(index as usize)) {
            let written = article.slice(&date.span).to_string();
            if !scope.iter().any(|phrase| phrase.contains(&written)) {
                scope.push(written);
            }
        }
        claims.push(Claim {
            kind: ClaimKind::Quantity,
            sentence: quantity.sentence,
            span: sentence.span,
            value_span: quantity.span,
            predicate: quantity.predicate.clone(),
            subject: quantity.counted.clone(),
            mentions,
            value: ClaimValue::Number {
                value: quantity.value,
                unit: quantity.unit.clone(),
            },
            qualifier: quantity.qualifier,
            modality: quantity.modality,
            scope,
            time,
            attributed_to: credit_for(extraction, quantity.sentence, &quantity.span),
            sum_of_parts: !quantity.parts.is_empty(),
            part_of_sum: quantity.parts.is_empty()
                && part_spans.iter().any(|part| part.overlaps(&quantity.span)),
        });
    }
    for (index, mention) in extraction.mentions.iter().enumerate() {
        if mention.kind != EntityKind::Person || mention.form == MentionForm::Descriptive {
            continue;
        }
        let (Some(title), Some(title_span)) = (&mention.title, mention.title_span) else {
            continue;
        };
        let folded = title.trim_end_matches('.').to_lowercase();
        if HONORIFICS.contains(&folded.as_str()) {
            continue;
        }
        let Some(sentence) = doc.sentences.get(mention.sentence as usize) else {
            continue;
        };
        claims.push(Claim {
            kind: ClaimKind::Role,
            sentence: mention.sentence,
            span: sentence.span,
            value_span: title_span.cover(&mention.span),
            predicate: Some("role".to_string()),
            subject: Some(mention.name.clone()),
            mentions: vec![index as u32],
            value: ClaimValue::Text {
                text: title.clone(),
            },
            qualifier: Qualifier::None,
            modality: Modality::Actual,
            scope: Vec::new(),
            time: None,
            attributed_to: credit_for(extraction, mention.sentence, &mention.span),
            sum_of_parts: false,
            part_of_sum: false,
        });
    }
    claims
}

fn mentions_in_sentence(extraction: &Extraction, sentence: u32) -> Vec<u32> {
    extraction
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, mention)| mention.sentence == sentence)
        .map(|(index, _)| index as u32)
        .collect()
}

/// The date the sentence gives for the figure: the nearest date expression
/// in the same sentence, preferring one that opens a period ("since …").
/// Words that open a clause about something else than the main clause's
/// event ("The talks, which opened on Wednesday, lasted 14 hours"): a date
/// in such a clause, set off by a comma, does not date the figures outside
/// it.
const ASIDE_OPENERS: &[&str] = &["which", "who", "whom", "whose", "where"];

/// True when the date at `date` lies in a comma-delimited aside that opens
/// with one of [`ASIDE_OPENERS`], and a comma separates it from the figure
/// at `figure`.
fn date_in_aside(text: &str, sentence_start: usize, date: &Span, figure: &Span) -> bool {
    let (gap_start, gap_end) = if date.end as usize <= figure.start as usize {
        (date.end as usize, figure.start as usize)
    } else {
        (figure.end as usize, date.start as usize)
    };
    let comma_between = text
        .get(gap_start..gap_end)
        .is_some_and(|gap| gap.contains(','));
    if !comma_between {
        return false;
    }
    let before_date = text.get(sentence_start..date.start as usize).unwrap_or("");
    let segment = before_date
        .rsplit(',')
        .next()
        .unwrap_or(before_date)
        .trim_start()
        .to_lowercase();
    let first_word: String = segment
        .chars()
        .take_while(|character| character.is_alphabetic())
        .collect();
    ASIDE_OPENERS.contains(&first_word.as_str())
}

fn date_for(
    text: &str,
    sentence_start: usize,
    extraction: &Extraction,
    sentence: u32,
    span: &Span,
) -> Option<u32> {
    let mut best: Option<(bool, u32, u32)> = None;
    for (index, date) in extraction.dates.iter().enumerate() {
        if date.sentence != sentence {
            continue;
        }
        if date_in_aside(text, sentence_start, &date.span, span) {
            continue;
        }
        let distance = if date.span.start >= span.end {
            date.span.start - span.end
        } else {
            span.start.saturating_sub(date.span.end)
        };
        let candidate = (!date.since, distance, index as u32);
        if best.is_none_or(|current| (candidate.0, candidate.1) < (current.0, current.1)) {
            best = Some(candidate);
        }
    }
    best.map(|(_, _, index)| index)
}

/// Who the article credits a statement at `span` to: the speaker of a
/// quotation holding it, or the source of an attribution covering it.
fn credit_for(extraction: &Extraction, sentence: u32, span: &Span) -> Option<String> {
    for quote in &extraction.quotes {
        if quote.span.contains(span) {
            return Some(
                quote
                    .speaker
                    .as_ref()
                    .map(|speaker| speaker.name.clone())
                    .unwrap_or_else(|| "an unnamed speaker".to_string()),
            );
        }
    }
    extraction
        .attributions
        .iter()
        .find(|attribution| {
            attribution.sentence == sentence && attribution.content_span.contains(span)
        })
        .map(|attribution| attribution.source.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attribution, Mention, Quantity, Quote, Speaker, SpeakerVia, Value};

    fn span_of(text: &str, part: &str) -> Span {
        let start = text.find(part).unwrap_or(0);
        Span::new(0, start, start + part.len())
    }

    #[test]
    fn dates_in_a_which_aside_do_not_date_figures_outside_it() {
        let text = "The talks, which opened on Monday a year after the flood, ended after 14 hours of talks.";
        let figure = span_of(text, "14 hours");
        assert!(date_in_aside(
            text,
            0,
            &span_of(text, "a year after"),
            &figure
        ));
        assert!(date_in_aside(text, 0, &span_of(text, "Monday"), &figure));
        let plain = "On Thursday, more than 3,000 workers went on strike.";
        assert!(!date_in_aside(
            plain,
            0,
            &span_of(plain, "Thursday"),
            &span_of(plain, "3,000")
        ));
        let same_clause = "Workers who struck on Thursday numbered 3,000.";
        assert!(!date_in_aside(
            same_clause,
            0,
            &span_of(same_clause, "Thursday"),
            &span_of(same_clause, "3,000")
        ));
    }

    fn article() -> (Article, Doc) {
        let text = "Officials said 40 homes were flooded. The mayor wants up to 500 new homes. \u{201c}We lost 41 houses,\u{201d} said Ana Ruiz.";
        let article = crate::ingest::read_plain_text("a.txt", text.as_bytes(), 0).unwrap();
        let doc = crate::text::analyse(&article);
        (article, doc)
    }

    fn quantity(article: &Article, doc: &Doc, number: &str, modality: Modality) -> Quantity {
        let start = article.text.find(number).unwrap();
        let span = Span::new(0, start, start + number.len());
        let sentence = doc.sentence_at(start).unwrap() as u32;
        let value: f64 = number.parse().unwrap();
        Quantity {
            span,
            sentence,
            value: Value::exact(value),
            qualifier: Qualifier::None,
            unit: None,
            counted: Some("homes".into()),
            counted_span: None,
            predicate: Some("flood".into()),
            predicate_span: None,
            modality,
            parts: Vec::new(),
            scope: Vec::new(),
        }
    }

    #[test]
    fn figures_are_credited_to_attributions_and_speakers_and_goals_are_not_claims() {
        let (article, doc) = article();
        let mut extraction = Extraction {
            quantities: vec![
                quantity(&article, &doc, "40", Modality::Actual),
                quantity(&article, &doc, "500", Modality::Goal),
                quantity(&article, &doc, "41", Modality::Actual),
            ],
            ..Extraction::default()
        };
        let first = doc.sentences[0].span;
        extraction.attributions.push(Attribution {
            sentence: 0,
            source: "Officials".into(),
            source_span: Span::new(0, 0, 9),
            mention: None,
            cue: "say".into(),
            content_span: Span::new(0, 15, first.end as usize),
        });
        let quote_start = article.text.find("We lost").unwrap();
        let quote_end = article.text.find(",\u{201d}").unwrap();
        let speaker_start = article.text.find("Ana Ruiz").unwrap();
        extraction.quotes.push(Quote {
            span: Span::new(0, quote_start, quote_end),
            first_sentence: 2,
            last_sentence: 2,
            text: "We lost 41 houses".into(),
            speaker: Some(Speaker {
                name: "Ana Ruiz".into(),
                span: Span::new(0, speaker_start, speaker_start + 8),
                mention: None,
                via: SpeakerVia::Named,
            }),
            cue: Some("say".into()),
            cue_span: None,
            channel: None,
            fragment: false,
        });
        let claims = assemble(&article, &doc, &extraction);
        assert_eq!(claims.len(), 2, "the goal of 500 homes is not a claim");
        assert_eq!(claims[0].attributed_to.as_deref(), Some("Officials"));
        assert_eq!(claims[1].attributed_to.as_deref(), Some("Ana Ruiz"));
        assert_eq!(article.slice(&claims[1].value_span), "41");
    }

    #[test]
    fn titles_become_role_claims_but_honorifics_do_not() {
        let (article, doc) = article();
        let start = article.text.find("Ana Ruiz").unwrap();
        let mention = |title: &str| Mention {
            span: Span::new(0, start, start + 8),
            sentence: 2,
            kind: EntityKind::Person,
            form: MentionForm::Full,
            name: "Ana Ruiz".into(),
            title: Some(title.into()),
            title_span: Some(Span::new(0, start, start)),
            antecedent: None,
        };
        let extraction = Extraction {
            mentions: vec![mention("former mayor"), mention("Ms.")],
            ..Extraction::default()
        };
        let claims = assemble(&article, &doc, &extraction);
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0].kind, ClaimKind::Role);
        assert_eq!(
            claims[0].value,
            ClaimValue::Text {
                text: "former mayor".into()
            }
        );
    }
}
