//! Quotations and attributions: who said what, with which verb, where.
//!
//! Takes an article's body paragraphs and its name mentions; gives its
//! direct quotations ([`Quote`]: the quoted words, the speaker resolved to a
//! mention, the reporting verb and the channel) and the attributions of its
//! reported speech ([`Attribution`]: "according to X", "officials said
//! that …"). Promises: every span lies in a body paragraph of the article,
//! quotations come in text order, and no input makes it panic. The work is
//! linear in the article: marks are paired in one pass, each cue is read in
//! a bounded window next to its quotation.
//!
//! The order of the work, as data flows:
//! 1. [`marks`]: quotation spans from quotation marks of every style and
//!    from dash paragraphs, quotations carried over paragraphs.
//! 2. [`cues`]: the reporting clause after, before, or introducing (a colon
//!    at the end of the previous paragraph) each quotation.
//! 3. [`speakers`]: the clause's subject resolved to a mention, a pronoun to
//!    its person; a quotation without a cue continues the previous speaker.
//!
//! Word lists live in `data/` (reporting verbs, channels, clause words,
//! gender cues, pronouns, abbreviations): see [`lexicon`].

mod attributions;
mod cues;
mod lexer;
mod lexicon;
mod marks;
mod speakers;

use crate::model::{Article, BlockKind, Doc, Mention, Quote, Span, Speaker, SpeakerVia};
use cues::{cue_after, cue_before, fold_space, Cue};
use marks::{RawQuote, Style};
use speakers::{PreviousSpeaker, Speakers};
use std::ops::Range;

pub use attributions::find_attributions;

/// Finds the direct quotations with their speakers.
pub fn find_quotes(article: &Article, doc: &Doc, mentions: &[Mention]) -> Vec<Quote> {
    let paragraphs = body_paragraphs(article);
    let raw_quotes = marks::find_raw_quotes(&article.text, &paragraphs);
    resolve_quotes(article, doc, mentions, &paragraphs, &raw_quotes)
}

/// Byte ranges of the article's body blocks, in text order.
pub(crate) fn body_paragraphs(article: &Article) -> Vec<Range<usize>> {
    let mut paragraphs: Vec<Range<usize>> = article
        .blocks
        .iter()
        .filter(|block| block.kind == BlockKind::Body)
        .map(|block| block.span.range())
        .filter(|range| article.text.get(range.clone()).is_some())
        .collect();
    paragraphs.sort_by_key(|range| range.start);
    paragraphs
}

/// The sentence index (into `doc.sentences`) for a byte offset: the
/// sentence holding it, else the nearest one before it.
pub(crate) fn sentence_index(doc: &Doc, offset: usize) -> u32 {
    if let Some(index) = doc.sentence_at(offset) {
        return index as u32;
    }
    let position = doc
        .sentences
        .partition_point(|sentence| (sentence.span.start as usize) <= offset);
    position.saturating_sub(1) as u32
}

/// Sentence starts of paragraphs, computed when first asked for.
struct SentenceStarts<'text> {
    text: &'text str,
    paragraphs: &'text [Range<usize>],
    cache: Vec<Option<Vec<usize>>>,
}

impl<'text> SentenceStarts<'text> {
    fn new(text: &'text str, paragraphs: &'text [Range<usize>]) -> Self {
        SentenceStarts {
            text,
            paragraphs,
            cache: vec![None; paragraphs.len()],
        }
    }

    fn of(&mut self, paragraph: usize) -> &[usize] {
        let Some(slot) = self.cache.get_mut(paragraph) else {
            return &[];
        };
        if slot.is_none() {
            let range = self.paragraphs.get(paragraph).cloned().unwrap_or(0..0);
            *slot = Some(lexer::sentence_starts(self.text, range));
        }
        slot.as_deref().unwrap_or(&[])
    }

    /// Start of the sentence holding `offset` in `paragraph`.
    fn sentence_start(&mut self, paragraph: usize, offset: usize) -> usize {
        let paragraph_start = self
            .paragraphs
            .get(paragraph)
            .map_or(0, |range| range.start);
        let starts = self.of(paragraph);
        let position = starts.partition_point(|&start| start <= offset);
        position
            .checked_sub(1)
            .and_then(|index| starts.get(index).copied())
            .unwrap_or(paragraph_start)
    }
}

/// What the previous quotation left for the next one.
struct PreviousQuote {
    last_paragraph: usize,
    close_end: usize,
    speaker: Option<speakers::Found>,
    cue: Option<(String, Span)>,
    channel: Option<String>,
}

fn resolve_quotes(
    article: &Article,
    doc: &Doc,
    mentions: &[Mention],
    paragraphs: &[Range<usize>],
    raw_quotes: &[RawQuote],
) -> Vec<Quote> {
    let text = article.text.as_str();
    let quoted: Vec<Range<usize>> = raw_quotes
        .iter()
        .map(|quote| quote.content.clone())
        .collect();
    let mut speakers = Speakers::new(text, mentions, paragraphs, quoted);
    let mut sentence_starts = SentenceStarts::new(text, paragraphs);
    let mut previous: Option<PreviousQuote> = None;
    let mut previous_speaker: Option<PreviousSpeaker> = None;
    let mut quotes = Vec::with_capacity(raw_quotes.len());

    for (quote_index, raw) in raw_quotes.iter().enumerate() {
        let Some(first_paragraph) = paragraphs.get(raw.first_paragraph) else {
            continue;
        };
        let Some(last_paragraph) = paragraphs.get(raw.last_paragraph) else {
            continue;
        };
        let sentence_start = sentence_starts.sentence_start(raw.first_paragraph, raw.open);
        let previous_close = previous
            .as_ref()
            .filter(|previous| {
                previous.last_paragraph == raw.first_paragraph && previous.close_end <= raw.open
            })
            .map_or(first_paragraph.start, |previous| previous.close_end);
        let prefix = sentence_start.max(previous_close).min(raw.open)..raw.open;
        let prefix_text = text.get(prefix.clone()).unwrap_or("").trim();

        // The clause after the closing mark, up to the next quotation.
        let next_open = raw_quotes
            .get(quote_index + 1)
            .filter(|next| next.first_paragraph == raw.last_paragraph)
            .map_or(last_paragraph.end, |next| next.open);
        let after_cue = (raw.close_end < next_open)
            .then(|| cue_after(text, raw.close_end..next_open))
            .flatten()
            .filter(|cue| after_cue_fits(text, raw, cue));
        let before_cue = if prefix_text.is_empty() || raw.style == Style::Dash {
            None
        } else {
            cue_before(text, sentence_start, prefix.clone())
                .or_else(|| cues::label_before_colon(text, prefix.clone()))
        };
        let opens_paragraph = text
            .get(first_paragraph.start..raw.open)
            .is_some_and(|before| before.trim().is_empty());
        let colon_cue = if opens_paragraph && raw.first_paragraph > 0 {
            introducing_cue(text, paragraphs, raw.first_paragraph, &mut sentence_starts)
        } else {
            None
        };

        // A transcript label names the speaker of its quoted paragraph.
        let label_cue = raw.label.clone().map(|label| Cue::bare(label, raw.open));
        let fragment = is_fragment(
            text,
            raw,
            prefix_text,
            before_cue.as_ref(),
            after_cue.is_some(),
            last_paragraph.end,
        );
        // A writer's sentence that reports someone's words and is itself
        // credited to a source (`X described the talks as “…”, according to
        // Y`): the words are X's.
        let after_cue = match (after_cue, &before_cue) {
            (Some(after), Some(_)) if after.according_to => None,
            (after, _) => after,
        };
        let cue = label_cue.or(after_cue).or(before_cue).or(colon_cue);

        let mut speaker = None;
        let mut via = SpeakerVia::Named;
        let mut cue_record: Option<(String, Span)> = None;
        let mut channel = None;
        if let Some(cue) = &cue {
            if !cue.lemma.is_empty() {
                cue_record = Some((
                    cue.lemma.to_string(),
                    Span::new(article.index, cue.verb.start, cue.verb.end),
                ));
            }
            channel = cue.channel.as_ref().map(|channel| channel.text.clone());
            if let Some(subject) = &cue.subject {
                speaker = speakers.resolve_subject(
                    subject,
                    previous_speaker.as_ref(),
                    raw.first_paragraph,
                );
                if let Some(found) = &speaker {
                    via = if cue.according_to {
                        SpeakerVia::AccordingTo
                    } else if found.pronoun {
                        SpeakerVia::Pronoun
                    } else {
                        SpeakerVia::Named
                    };
                }
            }
        } else if let Some(previous_quote) = previous.as_ref().filter(|previous| {
            // A fragment continues a quotation of its own sentence
            // (`says “…” because “…”`); a full one continues any.
            let same_sentence = previous.last_paragraph == raw.first_paragraph
                && previous.close_end > sentence_start;
            !fragment || raw.style == Style::Dash || same_sentence
        }) {
            let same_paragraph = previous_quote.last_paragraph == raw.first_paragraph;
            let next_paragraph =
                previous_quote.last_paragraph + 1 == raw.first_paragraph && prefix_text.is_empty();
            if same_paragraph || next_paragraph {
                if let Some(found) = &previous_quote.speaker {
                    // The same act of speaking: its cue and channel carry on.
                    speaker = Some(found.clone());
                    via = SpeakerVia::Continuation;
                    cue_record = previous_quote.cue.clone();
                    channel = previous_quote.channel.clone();
                }
            }
        }

        if let Some(found) = &speaker {
            if via != SpeakerVia::Continuation {
                previous_speaker = Some(PreviousSpeaker {
                    found: found.clone(),
                    paragraph: raw.last_paragraph,
                });
            }
        }
        previous = Some(PreviousQuote {
            last_paragraph: raw.last_paragraph,
            close_end: raw.close_end,
            speaker: speaker.clone().or_else(|| {
                // A quotation with no speaker of its own breaks the chain
                // only when it is a full quotation.
                if fragment {
                    previous
                        .as_ref()
                        .and_then(|previous| previous.speaker.clone())
                } else {
                    None
                }
            }),
            cue: cue_record.clone(),
            channel: channel.clone(),
        });

        let quote_text = raw
            .pieces
            .iter()
            .map(|piece| text.get(piece.clone()).unwrap_or(""))
            .collect::<Vec<_>>()
            .join(" ");
        quotes.push(Quote {
            span: Span::new(article.index, raw.content.start, raw.content.end),
            first_sentence: sentence_index(doc, raw.content.start),
            last_sentence: sentence_index(
                doc,
                raw.content.end.saturating_sub(1).max(raw.content.start),
            ),
            text: fold_space(&quote_text),
            speaker: speaker.map(|found| Speaker {
                name: found.name,
                span: Span::new(article.index, found.span.start, found.span.end),
                mention: found.mention.map(|index| index as u32),
                via,
            }),
            cue: cue_record.as_ref().map(|(lemma, _)| lemma.clone()),
            cue_span: cue_record.map(|(_, span)| span),
            channel,
            fragment,
        });
    }
    quotes
}

/// A cue after a quotation that ends its own sentence ("… over." He said
/// the …) is the next sentence's cue unless it is short and closed.
fn after_cue_fits(text: &str, raw: &RawQuote, cue: &Cue) -> bool {
    let quoted = text.get(raw.content.clone()).unwrap_or("").trim_end();
    let quote_ends_sentence = quoted.ends_with(['.', '!', '?', '…']);
    let after = text
        .get(raw.close_end..cue.clause_start.max(raw.close_end))
        .unwrap_or("");
    let first_after = text
        .get(cue.clause_start..cue.clause_end.max(cue.clause_start))
        .unwrap_or("")
        .chars()
        .next();
    let starts_upper = first_after.is_some_and(char::is_uppercase);
    let joined = after.contains([',', '—', '–', '-']);
    if !quote_ends_sentence || !starts_upper || joined || quoted.ends_with(['?', '!']) {
        return true;
    }
    // "… over." He said. — closed after a few words, without "that".
    let tail_start = if cue.inverted {
        cue.subject
            .as_ref()
            .map_or(cue.verb.end, |subject| subject.phrase.end)
    } else {
        cue.verb.end
    };
    let tail = text
        .get(tail_start..cue.clause_end.max(tail_start))
        .unwrap_or("");
    let words: Vec<&str> = tail.split_whitespace().collect();
    words.len() <= 5 && !words.iter().any(|word| word.eq_ignore_ascii_case("that"))
}

/// The cue that a colon at the end of the previous paragraph leaves for a
/// quotation opening this one (`X continued:` ¶ `"…"`).
fn introducing_cue(
    text: &str,
    paragraphs: &[Range<usize>],
    paragraph: usize,
    sentence_starts: &mut SentenceStarts,
) -> Option<Cue> {
    let previous_index = paragraph.checked_sub(1)?;
    let previous = paragraphs.get(previous_index)?;
    let previous_text = text.get(previous.clone())?.trim_end();
    if !previous_text.ends_with(':') {
        return None;
    }
    let colon = previous.start + previous_text.len() - 1;
    let start = sentence_starts.sentence_start(previous_index, colon);
    cue_before(text, start, start..colon + 1)
}

/// True for words in title case: two to twelve words, every word of four
/// letters or more capitalised, no comma and no sentence inside.
fn is_title_case(quoted: &str) -> bool {
    let words: Vec<&str> = quoted
        .split(|character: char| {
            !(character.is_alphanumeric() || character == '\'' || character == '’')
        })
        .filter(|word| !word.is_empty())
        .collect();
    if words.len() < 2 || words.len() > 12 {
        return false;
    }
    let long_words: Vec<&&str> = words
        .iter()
        .filter(|word| word.chars().count() >= 4)
        .collect();
    !long_words.is_empty()
        && long_words
            .iter()
            .all(|word| word.chars().next().is_some_and(char::is_uppercase))
        && !quoted.contains([',', ';'])
        && !quoted
            .trim_end_matches(['.', '!', '?'])
            .contains(['.', '!', '?'])
}

/// A fragment is quoted inside the writer's own sentence: words of the
/// writer before it that do not introduce it (`called the talks “very
/// productive”`), or words after it that are no cue.
fn is_fragment(
    text: &str,
    raw: &RawQuote,
    prefix_text: &str,
    before_cue: Option<&Cue>,
    has_after_cue: bool,
    paragraph_end: usize,
) -> bool {
    if raw.style == Style::Dash || raw.pieces.len() > 1 || !raw.closed {
        return false;
    }
    let quoted = text.get(raw.content.clone()).unwrap_or("").trim();
    let starts_upper = quoted
        .chars()
        .next()
        .is_some_and(|first| first.is_uppercase() || first.is_ascii_digit());
    let opens_sentence = prefix_text.is_empty() || prefix_text.ends_with(':');
    if has_after_cue && opens_sentence {
        return false;
    }
    // A title in quotation marks ("State of the Union", "Legend in the Coal
    // Fields") names a work or a show: it is no one's remark.
    if is_title_case(quoted) {
        return true;
    }
    // Quoted words that the writer's sentence goes on from ("… “Morning
    // Joe” that nobody …").
    let after = text
        .get(raw.close_end..paragraph_end)
        .unwrap_or("")
        .trim_start();
    let continues = after
        .chars()
        .next()
        .is_some_and(|next| next.is_alphanumeric() && !next.is_uppercase());
    let ends_sentence = quoted.ends_with(['.', '!', '?', '…']);
    if continues && !ends_sentence {
        return true;
    }
    if opens_sentence {
        return false;
    }
    if let Some(cue) = before_cue {
        if prefix_text.ends_with(',') && starts_upper {
            return false;
        }
        // `X told reporters on Monday "We …"`: only a few words between the
        // cue and the quotation, none of them "that".
        let cue_end = cue
            .channel
            .as_ref()
            .map_or(cue.verb.end, |channel| channel.range.end.max(cue.verb.end));
        let gap = text.get(cue_end.min(raw.open)..raw.open).unwrap_or("");
        let gap_words: Vec<&str> = gap.split_whitespace().collect();
        if starts_upper
            && gap_words.len() <= 3
            && !gap_words
                .iter()
                .any(|word| word.eq_ignore_ascii_case("that"))
        {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests;
