//! Speakers: the noun phrase of a cue resolved to a name mention, a
//! pronoun resolved to the person it stands for, full names for surnames.

use super::cues::{fold_space, Subject};
use super::lexer::{lex, lower, Tok, TokKind};
use super::lexicon::{lexicon, ClauseRole, Gender, Referent};
use crate::model::{EntityKind, Mention, MentionForm};
use std::collections::HashMap;
use std::ops::Range;

/// A speaker found at a cue, before it becomes a [`crate::model::Speaker`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Full name as resolved, or the phrase as written.
    pub name: String,
    /// Where the speaker is named at the cue (the name or the pronoun).
    pub span: Range<usize>,
    pub mention: Option<usize>,
    pub pronoun: bool,
    /// True when the speaker is a person by its mention or cues (not a
    /// descriptive group such as "officials").
    pub person: bool,
    pub gender: Option<Gender>,
}

/// What pronoun resolution may lean on: the speaker of the previous
/// quotation and where it was.
#[derive(Debug, Clone)]
pub struct PreviousSpeaker {
    pub found: Found,
    pub paragraph: usize,
}

/// Resolves cue phrases of one article to speakers.
pub struct Speakers<'article> {
    text: &'article str,
    mentions: &'article [Mention],
    /// Mention indices in text order.
    order: Vec<usize>,
    /// Paragraph ranges (bytes), in order.
    paragraphs: &'article [Range<usize>],
    /// Quoted text of the article (sorted ranges): mentions inside quotes
    /// are not candidates for a cue pronoun.
    quoted: Vec<Range<usize>>,
    /// Genders learned in the article: name → gender.
    learned: HashMap<String, Gender>,
    /// Each mention's name without a possessive ending, by mention index.
    stripped: Vec<String>,
    /// Last word → the mentions of several words ending with it, as
    /// (start, mention index) in text order.
    surnames: HashMap<String, Vec<(usize, usize)>>,
    /// Each mention's full name, by mention index.
    full_names: Vec<String>,
}

impl<'article> Speakers<'article> {
    pub fn new(
        text: &'article str,
        mentions: &'article [Mention],
        paragraphs: &'article [Range<usize>],
        mut quoted: Vec<Range<usize>>,
    ) -> Self {
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|&index| mentions.get(index).map_or(0, |mention| mention.span.start));
        quoted.sort_by_key(|range| range.start);
        let stripped: Vec<String> = mentions
            .iter()
            .map(|mention| strip_possessive(&mention.name))
            .collect();
        let mut surnames: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for &index in &order {
            let (Some(mention), Some(name)) = (mentions.get(index), stripped.get(index)) else {
                continue;
            };
            if let Some((given, last)) = name.rsplit_once(' ') {
                if !given.trim().is_empty() && !last.is_empty() {
                    surnames
                        .entry(last.to_string())
                        .or_default()
                        .push((mention.span.start as usize, index));
                }
            }
        }
        let mut speakers = Speakers {
            text,
            mentions,
            order,
            paragraphs,
            quoted,
            learned: HashMap::new(),
            stripped,
            surnames,
            full_names: Vec::new(),
        };
        speakers.full_names = (0..mentions.len())
            .map(|index| speakers.compute_full_name(index))
            .collect();
        speakers
    }

    /// The speaker a cue's subject names. `previous` is the last quotation's
    /// speaker, `window_start` where to start looking for a pronoun's
    /// antecedent (the end of the previous quotation, when one).
    pub fn resolve_subject(
        &mut self,
        subject: &Subject,
        previous: Option<&PreviousSpeaker>,
        paragraph: usize,
    ) -> Option<Found> {
        let full_head = subject.head.clone();
        let head = self.trim_head(full_head.clone());
        let head_text = self.text.get(head.clone())?.trim();
        if head_text.is_empty() {
            return None;
        }
        let role_gender = subject
            .role
            .as_ref()
            .and_then(|role| self.text.get(role.clone()))
            .and_then(gender_in_words);
        if let Some(referent) = lexicon().pronoun(head_text) {
            let mut found = self.resolve_pronoun(head.clone(), referent, previous, paragraph)?;
            found.span = head;
            if let (Some(gender), true) = (referent.gender(), found.mention.is_some()) {
                self.learned.insert(found.name.clone(), gender);
                found.gender = Some(gender);
            }
            return Some(found);
        }
        let head_gender = gender_in_words(head_text).or(role_gender);
        // "Jane Roe's deputy": a possessive name is not the speaker.
        let possessed = self.mention_in(&head).is_some_and(|mention_index| {
            let mention_end = self
                .mentions
                .get(mention_index)
                .map_or(head.end, |mention| mention.span.end as usize);
            let rest = self
                .text
                .get(mention_end.min(head.end)..head.end)
                .unwrap_or("");
            let after_possessive = rest
                .strip_prefix("’s")
                .or_else(|| rest.strip_prefix("'s"))
                .or_else(|| rest.strip_prefix('’'))
                .or_else(|| rest.strip_prefix('\''));
            after_possessive.is_some_and(|after| after.chars().any(char::is_alphabetic))
        });
        // "Jane Roe and John Doe": several speakers, kept as written.
        let several = head_text
            .split_whitespace()
            .any(|word| word == "and" || word == "&");
        if several {
            return Some(Found {
                name: fold_space(head_text),
                span: head,
                mention: None,
                pronoun: false,
                person: true,
                gender: None,
            });
        }
        if let Some(mention_index) = self.mention_in(&head).filter(|_| !possessed) {
            let name = self.full_name(mention_index).to_string();
            let gender = head_gender.or_else(|| self.gender_of_mention(mention_index));
            if let Some(gender) = gender {
                self.learned.insert(name.clone(), gender);
            }
            let span = self
                .mentions
                .get(mention_index)
                .map_or(head.clone(), |mention| mention.span.range());
            let person = self.mentions.get(mention_index).is_some_and(|mention| {
                matches!(mention.kind, EntityKind::Person | EntityKind::Other)
            });
            return Some(Found {
                name,
                span,
                mention: Some(mention_index),
                pronoun: false,
                person,
                gender,
            });
        }
        if let Some(run) = self.capitalised_run(&head) {
            let written = fold_space(self.text.get(run.clone()).unwrap_or(""));
            let name = self.expand_surname(&written, run.start).unwrap_or(written);
            let gender = head_gender.or_else(|| self.learned.get(&name).copied());
            if let Some(gender) = gender {
                self.learned.insert(name.clone(), gender);
            }
            return Some(Found {
                name,
                span: run,
                mention: None,
                pronoun: false,
                person: true,
                gender,
            });
        }
        // `the minister's spokesman, Jane Roe, said`: a name in apposition to
        // a description is the speaker.
        if let Some(role) = subject.role.clone() {
            let role_is_name = self.mention_in(&role).is_some()
                || self.capitalised_run(&role).is_some_and(|run| run == role);
            if role_is_name {
                let renamed = Subject {
                    phrase: subject.phrase.clone(),
                    head: role,
                    role: None,
                };
                if let Some(found) = self.resolve_subject(&renamed, previous, paragraph) {
                    return Some(found);
                }
            }
        }
        let full_text = self.text.get(full_head.clone()).unwrap_or(head_text);
        Some(Found {
            name: fold_space(full_text),
            span: full_head,
            mention: None,
            pronoun: false,
            person: head_gender.is_some(),
            gender: head_gender,
        })
    }

    /// The head without what follows a preposition ("Pat Doe of the
    /// institute" → "Pat Doe"), nor a possessive ending.
    fn trim_head(&self, head: Range<usize>) -> Range<usize> {
        let mut toks = Vec::new();
        lex(self.text, head.clone(), &mut toks);
        let mut buffer = String::new();
        let mut end = head.end;
        for (position, tok) in toks.iter().enumerate() {
            if position == 0 || !tok.is_word() {
                continue;
            }
            let word = lower(tok.text(self.text), &mut buffer);
            if matches!(lexicon().clause_role(word), Some(ClauseRole::Preposition)) {
                end = toks
                    .get(position - 1)
                    .map_or(head.end, |previous| previous.end);
                break;
            }
        }
        head.start..end
    }

    /// The mention that names the head: the last person-like mention inside
    /// it ("campaign manager Jane Roe" → Jane Roe).
    fn mention_in(&self, head: &Range<usize>) -> Option<usize> {
        let first = self.order.partition_point(|&index| {
            self.mentions
                .get(index)
                .map_or(0, |mention| mention.span.start as usize)
                < head.start
        });
        let mut best = None;
        for &index in self.order.get(first..).unwrap_or(&[]) {
            let Some(mention) = self.mentions.get(index) else {
                continue;
            };
            if mention.span.start as usize >= head.end {
                break;
            }
            if mention.span.end as usize > head.end || is_pronoun_or_time(&mention.name) {
                continue;
            }
            let rank = match mention.kind {
                EntityKind::Person => 3,
                EntityKind::Other => 2,
                EntityKind::Organisation => 1,
                EntityKind::Place => 0,
            };
            if best.is_none_or(|(best_rank, _)| rank >= best_rank) {
                best = Some((rank, index));
            }
        }
        best.map(|(_, index)| index)
    }

    /// The last run of capitalised words in the head, when the head ends
    /// with it (a name at the start of a sentence, missed by the mentions).
    fn capitalised_run(&self, head: &Range<usize>) -> Option<Range<usize>> {
        let mut toks: Vec<Tok> = Vec::new();
        lex(self.text, head.clone(), &mut toks);
        let last = toks.last()?;
        if !is_capitalised_word(self.text, last) {
            return None;
        }
        let mut start_index = toks.len() - 1;
        while start_index > 0 {
            let previous = &toks[start_index - 1];
            let joins = is_capitalised_word(self.text, previous)
                || (previous.kind == TokKind::Punct && previous.text(self.text) == ".");
            if !joins {
                break;
            }
            start_index -= 1;
        }
        // Leading determiners and titles are not the name.
        let mut buffer = String::new();
        while start_index < toks.len() - 1 {
            let tok = &toks[start_index];
            let word = lower(tok.text(self.text), &mut buffer);
            let skip = !tok.is_word()
                || matches!(lexicon().clause_role(word), Some(ClauseRole::Determiner))
                || lexicon().gender_of_word(word).is_some()
                || lexicon().is_abbreviation(tok.text(self.text));
            if !skip {
                break;
            }
            start_index += 1;
        }
        let first = toks.get(start_index)?;
        Some(first.start..last.end)
    }

    /// The full name of a mention (computed once, in [`Speakers::new`]).
    pub fn full_name(&self, mention_index: usize) -> &str {
        self.full_names
            .get(mention_index)
            .map_or("", String::as_str)
    }

    /// The full name of a mention: its antecedent's, or the nearest earlier
    /// mention that ends with it ("Doe" → "Jane Doe").
    fn compute_full_name(&self, mention_index: usize) -> String {
        let Some(mention) = self.mentions.get(mention_index) else {
            return String::new();
        };
        if let Some(antecedent) = mention
            .antecedent
            .and_then(|index| self.stripped.get(index as usize))
        {
            return antecedent.clone();
        }
        let name = self
            .stripped
            .get(mention_index)
            .cloned()
            .unwrap_or_default();
        if mention.form == MentionForm::Full && name.contains(' ') {
            return name;
        }
        self.expand_surname(&name, mention.span.start as usize)
            .unwrap_or(name)
    }

    /// The nearest earlier (else the first later) mention of several words
    /// ending with `surname`.
    fn expand_surname(&self, surname: &str, position: usize) -> Option<String> {
        if surname.is_empty() || surname.contains(' ') {
            return None;
        }
        let candidates = self.surnames.get(surname)?;
        let earlier = candidates.partition_point(|&(start, _)| start < position);
        let (_, index) = match earlier.checked_sub(1) {
            Some(nearest) => candidates.get(nearest)?,
            None => candidates.first()?,
        };
        self.stripped.get(*index).cloned()
    }

    fn gender_of_mention(&self, mention_index: usize) -> Option<Gender> {
        let mention = self.mentions.get(mention_index)?;
        if let Some(title) = &mention.title {
            if let Some(gender) = gender_in_words(title) {
                return Some(gender);
            }
        }
        // An honorific just before the name ("Mrs. Doe").
        let before = self.text.get(..mention.span.start as usize)?;
        let before = before.trim_end();
        let word_start = before
            .char_indices()
            .rev()
            .find(|(_, character)| !(character.is_alphabetic() || *character == '.'))
            .map_or(0, |(offset, character)| offset + character.len_utf8());
        let previous_word = before.get(word_start..)?;
        if let Some(gender) = lexicon().gender_of_word(previous_word) {
            return Some(gender);
        }
        let full_name = self.full_name(mention_index);
        if let Some(gender) = self.learned.get(full_name) {
            return Some(*gender);
        }
        // The given name of a full name ("Maria Roe" → female).
        let mut words = full_name.split_whitespace();
        match (words.next(), words.next()) {
            (Some(given), Some(_)) => lexicon().given_name_gender(given),
            _ => None,
        }
    }

    fn paragraph_of(&self, position: usize) -> usize {
        self.paragraphs
            .partition_point(|paragraph| paragraph.end <= position)
            .min(self.paragraphs.len().saturating_sub(1))
    }

    fn is_quoted(&self, range: &Range<usize>) -> bool {
        let position = self
            .quoted
            .partition_point(|quoted| quoted.end <= range.start);
        self.quoted
            .get(position)
            .is_some_and(|quoted| quoted.start <= range.start && range.end <= quoted.end)
    }

    /// Resolves a pronoun at `at`: the subject of the nearest sentence with a
    /// compatible person, else the previous quotation's speaker, else the
    /// last compatible person named before.
    fn resolve_pronoun(
        &self,
        at: Range<usize>,
        referent: Referent,
        previous: Option<&PreviousSpeaker>,
        paragraph: usize,
    ) -> Option<Found> {
        let pronoun_text = fold_space(self.text.get(at.clone()).unwrap_or(""));
        let unresolved = Found {
            name: pronoun_text,
            span: at.clone(),
            mention: None,
            pronoun: true,
            person: referent.gender().is_some(),
            gender: referent.gender(),
        };
        let previous_recent =
            previous.filter(|previous| paragraph.saturating_sub(previous.paragraph) <= 3);
        match referent {
            Referent::Speaker => return Some(unresolved),
            Referent::Plural | Referent::Neuter => {
                if let Some(previous) = previous_recent
                    .filter(|previous| !previous.found.person || previous.found.mention.is_none())
                {
                    return Some(Found {
                        span: at,
                        pronoun: true,
                        ..previous.found.clone()
                    });
                }
                return Some(unresolved);
            }
            Referent::Male | Referent::Female => {}
        }
        let gender = referent.gender();
        let compatible = |candidate: Option<Gender>| match (gender, candidate) {
            (Some(wanted), Some(found)) => wanted == found,
            _ => true,
        };
        // Candidates since the previous paragraph's start, outside quotes.
        let window_paragraph = paragraph.saturating_sub(1);
        let window_start = self
            .paragraphs
            .get(window_paragraph)
            .map_or(0, |range| range.start);
        let mut best_sentence: Option<u32> = None;
        let mut chosen: Option<usize> = None;
        let end_position = self.order.partition_point(|&index| {
            self.mentions
                .get(index)
                .map_or(0, |mention| mention.span.end as usize)
                <= at.start
        });
        for &index in self.order.get(..end_position).unwrap_or(&[]).iter().rev() {
            let Some(mention) = self.mentions.get(index) else {
                continue;
            };
            if (mention.span.start as usize) < window_start {
                break;
            }
            if !self.person_like(index) || self.is_quoted(&mention.span.range()) {
                continue;
            }
            if !compatible(self.gender_of_mention(index)) {
                continue;
            }
            match best_sentence {
                None => {
                    best_sentence = Some(mention.sentence);
                    chosen = Some(index);
                }
                Some(sentence) if sentence == mention.sentence => chosen = Some(index),
                Some(_) => break,
            }
        }
        if let Some(index) = chosen {
            // The subject of the last reporting verb from that sentence on
            // ("Putin and Lukashenko are old friends, Coale said. — …, he
            // told reporters"), or a pronoun there that carries the previous
            // speaker on ("He noted that Lukashenko …").
            if let Some(found) = self.reporting_subject(&at, index, gender, previous_recent) {
                return Some(found);
            }
            // The previous speaker wins when named in that sentence too.
            if let Some(previous) = previous_recent {
                let sentence = self.mentions.get(index).map(|mention| mention.sentence);
                // Mentions from that sentence up to the pronoun, read back.
                let named_there = self
                    .order
                    .get(..end_position)
                    .unwrap_or(&[])
                    .iter()
                    .rev()
                    .map_while(|&other| {
                        let mention = self.mentions.get(other)?;
                        (Some(mention.sentence) >= sentence).then_some((other, mention.sentence))
                    })
                    .any(|(other, other_sentence)| {
                        Some(other_sentence) == sentence
                            && self.full_name(other) == previous.found.name
                    });
                if named_there && compatible(previous.found.gender) {
                    return Some(Found {
                        span: at,
                        pronoun: true,
                        ..previous.found.clone()
                    });
                }
            }
            return Some(self.found_for_mention(index, at, gender));
        }
        if let Some(previous) = previous_recent {
            if previous.found.person
                && compatible(previous.found.gender)
                && !previous.found.pronoun_unresolved()
            {
                return Some(Found {
                    span: at,
                    pronoun: true,
                    gender: previous.found.gender.or(gender),
                    ..previous.found.clone()
                });
            }
        }
        // The last compatible person named in the six paragraphs before.
        for &index in self.order.get(..end_position).unwrap_or(&[]).iter().rev() {
            let Some(mention) = self.mentions.get(index) else {
                continue;
            };
            if self.paragraph_of(mention.span.start as usize) + 6 < paragraph {
                break;
            }
            if self.person_like(index)
                && !self.is_quoted(&mention.span.range())
                && compatible(self.gender_of_mention(index))
            {
                return Some(self.found_for_mention(index, at, gender));
            }
        }
        Some(unresolved)
    }

    fn reporting_subject(
        &self,
        at: &Range<usize>,
        candidate: usize,
        gender: Option<Gender>,
        previous: Option<&PreviousSpeaker>,
    ) -> Option<Found> {
        let compatible = |candidate: Option<Gender>| match (gender, candidate) {
            (Some(wanted), Some(found)) => wanted == found,
            _ => true,
        };
        let mention = self.mentions.get(candidate)?;
        let mention_start = mention.span.start as usize;
        let paragraph = self.paragraphs.get(self.paragraph_of(mention_start))?;
        let starts = super::lexer::sentence_starts(self.text, paragraph.clone());
        let position = starts.partition_point(|&start| start <= mention_start);
        let sentence_start = position
            .checked_sub(1)
            .and_then(|index| starts.get(index))
            .copied()
            .unwrap_or(paragraph.start);
        if at.start <= sentence_start || at.start - sentence_start > 3000 {
            return None;
        }
        let cues = super::cues::cues_in_sentence(self.text, sentence_start..at.start);
        let cue = cues.iter().rev().find(|cue| {
            !cue.flags.attitude
                && !cue.according_to
                && cue.subject.is_some()
                && !self.is_quoted(&cue.verb)
        })?;
        let subject = cue.subject.as_ref()?;
        let head = self.trim_head(subject.head.clone());
        let head_text = self.text.get(head.clone())?.trim();
        if let Some(referent) = lexicon().pronoun(head_text) {
            let previous = previous?;
            let chains = referent.gender() == gender
                && previous.found.person
                && compatible(previous.found.gender);
            return chains.then(|| Found {
                span: at.clone(),
                pronoun: true,
                ..previous.found.clone()
            });
        }
        let index = self.mention_in(&head)?;
        (self.person_like(index) && compatible(self.gender_of_mention(index)))
            .then(|| self.found_for_mention(index, at.clone(), gender))
    }

    fn found_for_mention(&self, index: usize, at: Range<usize>, gender: Option<Gender>) -> Found {
        Found {
            name: self.full_name(index).to_string(),
            span: at,
            mention: Some(index),
            pronoun: true,
            person: true,
            gender: gender.or_else(|| self.gender_of_mention(index)),
        }
    }

    fn person_like(&self, index: usize) -> bool {
        self.mentions.get(index).is_some_and(|mention| {
            matches!(mention.kind, EntityKind::Person | EntityKind::Other)
                && !is_pronoun_or_time(&mention.name)
                && mention.name.chars().next().is_some_and(char::is_uppercase)
        })
    }
}

impl Found {
    /// True for a pronoun left unresolved (its name is the pronoun).
    pub fn pronoun_unresolved(&self) -> bool {
        self.pronoun && self.mention.is_none() && lexicon().pronoun(&self.name).is_some()
    }
}

fn is_capitalised_word(text: &str, tok: &Tok) -> bool {
    tok.is_word()
        && tok
            .text(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

fn is_pronoun_or_time(name: &str) -> bool {
    let mut buffer = String::new();
    let lowered = lower(name, &mut buffer);
    lexicon().pronoun(lowered).is_some()
        || matches!(lexicon().clause_role(lowered), Some(ClauseRole::Time))
}

/// Gender told by any title or role word in `words`.
pub fn gender_in_words(words: &str) -> Option<Gender> {
    words
        .split(|character: char| !(character.is_alphabetic() || character == '.'))
        .filter(|word| !word.is_empty())
        .find_map(|word| lexicon().gender_of_word(word))
}

fn strip_possessive(name: &str) -> String {
    let trimmed = name
        .strip_suffix("’s")
        .or_else(|| name.strip_suffix("'s"))
        .unwrap_or(name);
    fold_space(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn mention(text: &str, name: &str, sentence: u32, kind: EntityKind) -> Mention {
        let start = text.find(name).unwrap_or(0);
        Mention {
            span: Span::new(0, start, start + name.len()),
            sentence,
            kind,
            form: if name.contains(' ') {
                MentionForm::Full
            } else {
                MentionForm::Partial
            },
            name: name.to_string(),
            title: None,
            title_span: None,
            antecedent: None,
        }
    }

    fn subject(text: &str, head: &str, from: usize) -> Subject {
        let start = text[from..].find(head).map_or(0, |offset| offset + from);
        Subject {
            phrase: start..start + head.len(),
            head: start..start + head.len(),
            role: None,
        }
    }

    #[test]
    fn surname_resolves_to_the_full_name() {
        let text = "Jane Okafor spoke first. Later Okafor said no.";
        let mentions = vec![
            mention(text, "Jane Okafor", 0, EntityKind::Person),
            Mention {
                span: Span::new(0, 31, 37),
                ..mention(text, "Okafor", 1, EntityKind::Person)
            },
        ];
        let paragraphs = std::iter::once(0..text.len()).collect::<Vec<_>>();
        let mut speakers = Speakers::new(text, &mentions, &paragraphs, Vec::new());
        let found = speakers.resolve_subject(&subject(text, "Okafor", 30), None, 0);
        assert_eq!(
            found.map(|found| (found.name, found.mention)),
            Some(("Jane Okafor".to_string(), Some(1)))
        );
    }

    #[test]
    fn pronoun_takes_the_compatible_person() {
        let text = "Mr. Tom Hale met Mrs. Ada Brook on Monday. She said yes.";
        let mentions = vec![
            mention(text, "Tom Hale", 0, EntityKind::Person),
            mention(text, "Ada Brook", 0, EntityKind::Person),
        ];
        let paragraphs = std::iter::once(0..text.len()).collect::<Vec<_>>();
        let mut speakers = Speakers::new(text, &mentions, &paragraphs, Vec::new());
        let she = text.find("She").unwrap_or(0);
        let found = speakers.resolve_subject(&subject(text, "She", she), None, 0);
        assert_eq!(
            found.as_ref().map(|found| found.name.as_str()),
            Some("Ada Brook")
        );
        assert_eq!(found.map(|found| found.span), Some(she..she + 3));
        let he = Subject {
            phrase: she..she + 3,
            head: she..she + 3,
            role: None,
        };
        // "He" has no compatible woman: the man is chosen.
        let text_he = text.replacen("She", "He ", 1);
        let mut speakers = Speakers::new(&text_he, &mentions, &paragraphs, Vec::new());
        let found = speakers.resolve_subject(&he, None, 0);
        assert_eq!(found.map(|found| found.name), Some("Tom Hale".to_string()));
    }

    #[test]
    fn descriptive_and_capitalised_heads() {
        let text = "Officials said so. Okonkwo said so.";
        let paragraphs = std::iter::once(0..text.len()).collect::<Vec<_>>();
        let mut speakers = Speakers::new(text, &[], &paragraphs, Vec::new());
        let found = speakers.resolve_subject(&subject(text, "Officials", 0), None, 0);
        assert_eq!(
            found.map(|found| (found.name, found.person)),
            Some(("Officials".to_string(), true))
        );
        let found = speakers.resolve_subject(&subject(text, "Okonkwo", 0), None, 0);
        assert_eq!(found.map(|found| found.name), Some("Okonkwo".to_string()));
        let text = "a spokeswoman for the port said so.";
        let mut speakers = Speakers::new(text, &[], &paragraphs, Vec::new());
        let found =
            speakers.resolve_subject(&subject(text, "a spokeswoman for the port", 0), None, 0);
        assert_eq!(
            found.map(|found| (found.name, found.gender)),
            Some((
                "a spokeswoman for the port".to_string(),
                Some(Gender::Female)
            ))
        );
    }
}
