//! Attributions of reported speech: who a sentence's content is credited
//! to when the writer reports it without quotation marks ("according to
//! X", "officials said (that) …", "…, the ministry said", "X told Reuters
//! …", "state media quoted X as saying …").

use super::cues::{cues_in_sentence, fold_space, Cue};
use super::lexer::{lex, lower, sentence_starts, TokKind};
use super::lexicon::{lexicon, ClauseRole};
use super::speakers::Speakers;
use super::{body_paragraphs, marks, sentence_index};
use crate::model::{Article, Attribution, Doc, Mention, Span};
use std::ops::Range;

/// Share of a content span inside quotation marks above which it is a
/// direct quotation (a [`crate::model::Quote`]), not an attribution.
const QUOTED_SHARE: f64 = 0.8;

/// Finds who each sentence's content is credited to.
pub fn find_attributions(article: &Article, doc: &Doc, mentions: &[Mention]) -> Vec<Attribution> {
    let text = article.text.as_str();
    let paragraphs = body_paragraphs(article);
    let raw_quotes = marks::find_raw_quotes(text, &paragraphs);
    let mut quoted: Vec<Range<usize>> = raw_quotes
        .iter()
        .flat_map(|quote| quote.pieces.iter().cloned())
        .collect();
    quoted.sort_by_key(|range| range.start);
    let mut speakers = Speakers::new(text, mentions, &paragraphs, quoted.clone());
    let mut attributions = Vec::new();
    for (paragraph_index, paragraph) in paragraphs.iter().enumerate() {
        if let Some((label, content)) = speaker_label(text, paragraph.clone(), mentions) {
            if quoted_share(text, &quoted, &content) < QUOTED_SHARE {
                let mention = mentions
                    .iter()
                    .position(|mention| {
                        label.start <= mention.span.start as usize
                            && mention.span.end as usize <= label.end
                    })
                    .map(|index| index as u32);
                attributions.push(Attribution {
                    sentence: sentence_index(doc, label.start),
                    source: fold_space(text.get(label.clone()).unwrap_or("")),
                    source_span: Span::new(article.index, label.start, label.end),
                    mention,
                    cue: ":".to_string(),
                    content_span: Span::new(article.index, content.start, content.end),
                });
            }
        }
        let starts = sentence_starts(text, paragraph.clone());
        for (position, &start) in starts.iter().enumerate() {
            let end = starts.get(position + 1).copied().unwrap_or(paragraph.end);
            let sentence = trim(text, start..end);
            if sentence.is_empty() {
                continue;
            }
            for cue in cues_in_sentence(text, sentence.clone()) {
                if !(cue.flags.indirect || cue.according_to || cue.lemma == "quote") {
                    continue;
                }
                let Some(subject) = cue.subject.as_ref() else {
                    continue;
                };
                if inside(&quoted, &cue.verb) || inside(&quoted, &subject.head) {
                    continue;
                }
                let (source_range, content) = if cue.lemma == "quote" {
                    match quoted_as_saying(text, &cue, &sentence) {
                        Some(found) => found,
                        None => (subject.head.clone(), content_of(text, &cue, &sentence)),
                    }
                } else {
                    (subject.head.clone(), content_of(text, &cue, &sentence))
                };
                if content.is_empty() || quoted_share(text, &quoted, &content) >= QUOTED_SHARE {
                    continue;
                }
                let source_subject = super::cues::Subject {
                    phrase: source_range.clone(),
                    head: source_range.clone(),
                    role: None,
                };
                let mention = speakers
                    .resolve_subject(&source_subject, None, paragraph_index)
                    .and_then(|found| found.mention)
                    .map(|index| index as u32);
                attributions.push(Attribution {
                    sentence: sentence_index(doc, cue.verb.start),
                    source: fold_space(text.get(source_range.clone()).unwrap_or("")),
                    source_span: Span::new(article.index, source_range.start, source_range.end),
                    mention,
                    cue: cue.lemma.to_string(),
                    content_span: Span::new(article.index, content.start, content.end),
                });
            }
        }
    }
    attributions
}

/// A paragraph that opens with a speaker's label and a colon: a transcript
/// line (`MODERATOR: …`) or a headline (`Jane Roe: the vote was fair`).
/// The label is in capitals, or two to four capitalised words, or holds a
/// person's mention; it has no verb. Gives the label and the content.
fn speaker_label(
    text: &str,
    paragraph: Range<usize>,
    mentions: &[Mention],
) -> Option<(Range<usize>, Range<usize>)> {
    let paragraph_text = text.get(paragraph.clone())?;
    let colon = paragraph_text.find(':')?;
    if colon > 60 {
        return None;
    }
    let label = trim(text, paragraph.start..paragraph.start + colon);
    let content = trim(text, paragraph.start + colon + 1..paragraph.end);
    let label_text = text.get(label.clone())?;
    let content_text = text.get(content.clone())?;
    if label.is_empty() || content_text.split_whitespace().count() < 3 {
        return None;
    }
    let words: Vec<&str> = label_text.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return None;
    }
    let mut buffer = String::new();
    let capitalised = words.iter().all(|word| {
        word.chars().next().is_some_and(char::is_uppercase)
            && lexicon().clause_role(lower(word, &mut buffer)).is_none()
    });
    let all_caps = label_text
        .chars()
        .filter(|character| character.is_alphabetic())
        .count()
        >= 2
        && label_text
            .chars()
            .all(|character| !character.is_lowercase());
    let has_verb = words
        .iter()
        .any(|word| lexicon().verb_at(&[lower(word, &mut buffer)]).is_some());
    let person = mentions.iter().any(|mention| {
        mention.kind == crate::model::EntityKind::Person
            && label.start <= mention.span.start as usize
            && mention.span.end as usize <= label.end
    });
    let named = all_caps || person || (capitalised && words.len() >= 2);
    (named && capitalised && !has_verb).then_some((label, content))
}

/// `range` without white space, nor leading commas and colons, nor a
/// closing sentence mark.
fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range.start..range.start;
    };
    let trimmed_start = slice.trim_start_matches(|character: char| {
        character.is_whitespace() || matches!(character, ',' | ':' | ';')
    });
    let start = range.start + (slice.len() - trimmed_start.len());
    let trimmed = trimmed_start.trim_end_matches(|character: char| {
        character.is_whitespace() || matches!(character, '.' | ',' | ';' | ':')
    });
    start..start + trimmed.len()
}

/// The part of the sentence the cue reports.
fn content_of(text: &str, cue: &Cue, sentence: &Range<usize>) -> Range<usize> {
    let Some(subject) = cue.subject.as_ref() else {
        return 0..0;
    };
    if cue.according_to {
        let before = trim(text, sentence.start..cue.verb.start);
        if before.is_empty() {
            return trim(text, subject.phrase.end.min(sentence.end)..sentence.end);
        }
        return before;
    }
    if cue.inverted {
        return trim(text, sentence.start..cue.verb.start);
    }
    let mut after_verb = cue.verb.end;
    if let Some(channel) = &cue.channel {
        if channel.range.start >= cue.verb.end && channel.range.start <= cue.verb.end + 2 {
            after_verb = channel.range.end;
        }
    }
    // Skip a short adjunct up to "that" ("said on Monday that …").
    let window_end = (after_verb + 80).min(sentence.end);
    let mut toks = Vec::new();
    let window_end = floor_boundary(text, window_end);
    lex(text, after_verb..window_end, &mut toks);
    // Only over words that can make an adjunct: prepositions, articles,
    // time words, names, numbers and commas (not "said the plan that …").
    let mut buffer = String::new();
    for tok in toks.iter().take(8) {
        let word = lower(tok.text(text), &mut buffer);
        if tok.kind == TokKind::Word && word == "that" {
            after_verb = tok.end;
            break;
        }
        let adjunct_word = match tok.kind {
            TokKind::Word => {
                matches!(
                    lexicon().clause_role(word),
                    Some(
                        ClauseRole::Preposition
                            | ClauseRole::Time
                            | ClauseRole::Article
                            | ClauseRole::Determiner
                    )
                ) || tok
                    .text(text)
                    .chars()
                    .next()
                    .is_some_and(|first| first.is_uppercase() || first.is_ascii_digit())
            }
            TokKind::Punct => tok.text(text) == ",",
            _ => false,
        };
        if !adjunct_word {
            break;
        }
    }
    let after = trim(text, after_verb.min(sentence.end)..sentence.end);
    let after_text = text.get(after.clone()).unwrap_or("");
    let after_words = after_text.split_whitespace().count();
    // "…, the ministry said on Friday.": the content is before the subject
    // when the words after the verb are an adjunct.
    let before = trim(
        text,
        sentence.start..subject.phrase.start.max(sentence.start),
    );
    let before_text = text
        .get(sentence.start..subject.phrase.start.max(sentence.start))
        .unwrap_or("");
    let trailing = before_text.trim_end().ends_with([',', '”', '"']) && !before.is_empty();
    let mut buffer = String::new();
    let first_after = after_text.split_whitespace().next().unwrap_or("");
    let first_after_lower = lower(first_after, &mut buffer);
    // "to" opens the content of "promised to …", not an adjunct.
    let adjunct = after_words < 3
        || (first_after_lower != "to"
            && matches!(
                lexicon().clause_role(first_after_lower),
                Some(ClauseRole::Preposition | ClauseRole::Time)
            ));
    if trailing && adjunct {
        return before;
    }
    if after_words >= 3 {
        return after;
    }
    0..0
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// `… quoted X as saying …`: the source is X, the content what follows.
fn quoted_as_saying(
    text: &str,
    cue: &Cue,
    sentence: &Range<usize>,
) -> Option<(Range<usize>, Range<usize>)> {
    let mut toks = Vec::new();
    let window_end = floor_boundary(text, (cue.verb.end + 200).min(sentence.end));
    lex(text, cue.verb.end..window_end, &mut toks);
    let mut buffer = String::new();
    let as_position = toks
        .iter()
        .take(12)
        .position(|tok| tok.kind == TokKind::Word && lower(tok.text(text), &mut buffer) == "as")?;
    let saying = toks.get(as_position + 1)?;
    if !lower(saying.text(text), &mut buffer).ends_with("ing") || as_position == 0 {
        return None;
    }
    let first = toks.first()?;
    let last = toks.get(as_position - 1)?;
    let content = trim(text, saying.end..sentence.end);
    Some((first.start..last.end, content))
}

fn inside(quoted: &[Range<usize>], range: &Range<usize>) -> bool {
    let position = quoted.partition_point(|quoted| quoted.end <= range.start);
    quoted
        .get(position)
        .is_some_and(|quoted| quoted.start <= range.start && range.end <= quoted.end)
}

/// Share of the letters and digits of `range` that lie inside quotation
/// marks.
fn quoted_share(text: &str, quoted: &[Range<usize>], range: &Range<usize>) -> f64 {
    let Some(slice) = text.get(range.clone()) else {
        return 0.0;
    };
    let mut total = 0usize;
    let mut covered = 0usize;
    let mut piece_index = quoted.partition_point(|quoted| quoted.end <= range.start);
    for (offset, character) in slice.char_indices() {
        if !character.is_alphanumeric() {
            continue;
        }
        let position = range.start + offset;
        total += 1;
        while quoted
            .get(piece_index)
            .is_some_and(|piece| piece.end <= position)
        {
            piece_index += 1;
        }
        if quoted
            .get(piece_index)
            .is_some_and(|piece| piece.start <= position)
        {
            covered += 1;
        }
    }
    if total == 0 {
        return 0.0;
    }
    covered as f64 / total as f64
}
