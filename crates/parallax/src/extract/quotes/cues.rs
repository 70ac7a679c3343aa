//! Reporting cues: the clause next to a quotation or a reported statement
//! that names who said it, with which verb and where.
//!
//! Shapes read, after a quotation: `, X said`, `, said X`, `, X, a
//! spokeswoman for Y, said`, `, he told reporters`, `, according to X`,
//! `— he said on X`; before one: `X said: `, `X told reporters `, `X was
//! quoted as saying `, `according to X, `, `X described the talks as `.

use super::lexer::{lex, Tok, TokKind};
use super::lexicon::{lexicon, ClauseRole, VerbFlags};
use std::ops::Range;

/// Longest stretch of text (bytes) read for one cue clause.
const CLAUSE_WINDOW: usize = 480;
/// Longest sentence (bytes) read whole for a cue before a quotation.
const SENTENCE_WINDOW: usize = 2000;
/// Most words a speaker's noun phrase may have before its verb.
const MAX_SUBJECT_WORDS: usize = 28;
/// Most words of a speaker's name part (before an appositive).
const MAX_HEAD_WORDS: usize = 10;

/// A reporting cue found next to a quotation or in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// Verb lemma ("say", "tell"), or "according to".
    pub lemma: &'static str,
    pub flags: VerbFlags,
    /// The verb as written (with "as saying" after "quoted").
    pub verb: Range<usize>,
    pub subject: Option<Subject>,
    pub channel: Option<Channel>,
    pub according_to: bool,
    /// True when the verb came before its subject (`said X`).
    pub inverted: bool,
    /// Index of the verb's first word among the clause's words.
    pub verb_word_index: usize,
    /// Where the cue's clause ends (bytes).
    pub clause_end: usize,
    /// Where the cue's clause starts (bytes).
    pub clause_start: usize,
}

impl Cue {
    /// A cue without a verb that names its speaker: a transcript's label or a
    /// name after a dash.
    pub fn bare(name: Range<usize>, clause_start: usize) -> Cue {
        Cue {
            lemma: "",
            flags: VerbFlags::default(),
            verb: name.start..name.start,
            subject: Some(Subject {
                phrase: name.clone(),
                head: name.clone(),
                role: None,
            }),
            channel: None,
            according_to: false,
            inverted: false,
            verb_word_index: 0,
            clause_end: name.end,
            clause_start,
        }
    }
}

/// Who the cue names: the noun phrase, its head (before an appositive) and
/// the appositive role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub phrase: Range<usize>,
    pub head: Range<usize>,
    pub role: Option<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    /// "AFP", "reporters", "X", "a statement".
    pub text: String,
    pub range: Range<usize>,
    pub kind: &'static str,
}

/// Tokens of one clause with their lower-case words.
struct Clause<'text> {
    text: &'text str,
    toks: Vec<Tok>,
    /// The tokens in lower case, one after another, and each token's range
    /// in it (one allocation per clause, not per token).
    lowered: String,
    lower_ranges: Vec<Range<u32>>,
    /// When set, verbs of thought or evidence are not cues (a direct
    /// quotation's cue is a verb of speech).
    speech_only: bool,
}

impl<'text> Clause<'text> {
    fn new(text: &'text str, range: Range<usize>) -> Self {
        let mut toks = Vec::new();
        lex(text, range, &mut toks);
        let mut lowered = String::with_capacity(range_len(&toks));
        let mut lower_ranges = Vec::with_capacity(toks.len());
        for tok in &toks {
            let start = lowered.len() as u32;
            for character in tok.text(text).chars() {
                lowered.extend(character.to_lowercase());
            }
            lower_ranges.push(start..lowered.len() as u32);
        }
        Clause {
            text,
            toks,
            lowered,
            lower_ranges,
            speech_only: false,
        }
    }

    /// The clause that follows a quotation: up to the end of the sentence,
    /// or the next quotation mark.
    fn after(text: &'text str, range: Range<usize>) -> Self {
        let window_end = floor_boundary(text, range.end.min(range.start + CLAUSE_WINDOW));
        let mut clause = Clause::new(text, range.start..window_end.max(range.start));
        clause.speech_only = true;
        let cut = clause.sentence_end(0);
        clause.toks.truncate(cut);
        clause.lower_ranges.truncate(cut);
        clause
    }

    /// Index of the first token that ends the sentence (a terminator not
    /// after an abbreviation, or a quotation mark that is not the first
    /// token), or the clause length.
    fn sentence_end(&self, from: usize) -> usize {
        let mut parentheses = 0usize;
        for index in from..self.toks.len() {
            let tok = self.toks[index];
            let tok_text = tok.text(self.text);
            match tok.kind {
                TokKind::Quote if index > from && !self.is_possessive_mark(index) => return index,
                TokKind::Punct if tok_text == "(" => parentheses += 1,
                TokKind::Punct if tok_text == ")" => parentheses = parentheses.saturating_sub(1),
                TokKind::Punct if parentheses == 0 && matches!(tok_text, "!" | "?" | ";") => {
                    return index
                }
                TokKind::Punct
                    if parentheses == 0 && tok_text == "." && !self.period_continues(index) =>
                {
                    return index
                }
                _ => {}
            }
        }
        self.toks.len()
    }

    /// A period that does not end the sentence: after an abbreviation, or
    /// followed by a comma, a closing bracket or a lower-case word
    /// ("Jane Roe, R-Wis., said").
    fn period_continues(&self, index: usize) -> bool {
        let Some(tok) = self.toks.get(index) else {
            return false;
        };
        let after_abbreviation = index
            .checked_sub(1)
            .and_then(|previous| self.toks.get(previous))
            .is_some_and(|previous| {
                previous.end == tok.start && is_abbreviation_word(previous.text(self.text))
            });
        if after_abbreviation {
            return true;
        }
        let Some(next) = self.toks.get(index + 1) else {
            return false;
        };
        match next.kind {
            TokKind::Punct => matches!(next.text(self.text), "," | ")"),
            TokKind::Word => next
                .text(self.text)
                .chars()
                .next()
                .is_some_and(char::is_lowercase),
            _ => false,
        }
    }

    /// A closing single mark glued to a word ending in s: the plural
    /// possessive ("the voters’ choice").
    fn is_possessive_mark(&self, index: usize) -> bool {
        let tok = self.toks[index];
        if !matches!(tok.text(self.text), "’" | "'") {
            return false;
        }
        index
            .checked_sub(1)
            .and_then(|previous| self.toks.get(previous))
            .is_some_and(|previous| {
                previous.end == tok.start
                    && previous.kind == TokKind::Word
                    && previous.text(self.text).ends_with(['s', 'S'])
            })
    }

    fn word(&self, index: usize) -> &str {
        self.lower_ranges
            .get(index)
            .and_then(|range| self.lowered.get(range.start as usize..range.end as usize))
            .unwrap_or("")
    }

    fn is_word(&self, index: usize) -> bool {
        self.toks.get(index).is_some_and(Tok::is_word)
    }

    fn is_punct(&self, index: usize, mark: &str) -> bool {
        self.toks
            .get(index)
            .is_some_and(|tok| tok.is_punct(self.text, mark))
    }

    fn role(&self, index: usize) -> Option<ClauseRole> {
        if !self.is_word(index) {
            return None;
        }
        lexicon().clause_role(self.word(index))
    }

    fn span(&self, first: usize, last_inclusive: usize) -> Range<usize> {
        match (self.toks.get(first), self.toks.get(last_inclusive)) {
            (Some(start), Some(end)) => start.start..end.end,
            _ => 0..0,
        }
    }

    fn capitalised(&self, index: usize) -> bool {
        self.toks.get(index).is_some_and(|tok| {
            tok.is_word()
                && tok
                    .text(self.text)
                    .chars()
                    .next()
                    .is_some_and(|first| first.is_uppercase() || first.is_ascii_digit())
        })
    }

    /// The reporting verb at `index`. A capitalised word inside the clause
    /// is a name, not a verb ("the Evening Post").
    fn verb_at(&self, index: usize) -> Option<(usize, usize)> {
        if !self.is_word(index) || (index > 0 && self.capitalised(index)) {
            return None;
        }
        // After an article or a possessive the word is a noun ("the
        // report", "the woman's quotes").
        if let Some(previous) = index.checked_sub(1) {
            let after_article = matches!(self.role(previous), Some(ClauseRole::Article));
            let previous_text = self
                .toks
                .get(previous)
                .map_or("", |tok| tok.text(self.text));
            let after_possessive = self.is_word(previous)
                && (previous_text.ends_with("’s") || previous_text.ends_with("'s"));
            if after_article || after_possessive {
                return None;
            }
        }
        let found = lexicon().verb_at_with(|offset| {
            let position = index + offset;
            (position < self.toks.len()).then(|| self.word(position))
        })?;
        if self.speech_only
            && lexicon()
                .verb(found.verb)
                .is_some_and(|verb| verb.flags.attitude)
        {
            return None;
        }
        // All words of a multi-word form must be word tokens.
        if (index..index + found.words).any(|position| !self.is_word(position)) {
            return None;
        }
        Some((found.verb, found.words))
    }
}

/// Bytes covered by a run of tokens (a capacity hint).
fn range_len(toks: &[Tok]) -> usize {
    match (toks.first(), toks.last()) {
        (Some(first), Some(last)) => last.end.saturating_sub(first.start),
        _ => 0,
    }
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn is_abbreviation_word(word: &str) -> bool {
    let last_part = word.rsplit('.').next().unwrap_or(word);
    let mut letters = last_part.chars();
    let single_capital =
        matches!((letters.next(), letters.next()), (Some(first), None) if first.is_uppercase());
    single_capital || lexicon().is_abbreviation(last_part)
}

/// The cue in the clause right after a quotation (`range` runs from just
/// after the closing mark to the end of the paragraph).
pub fn cue_after(text: &str, range: Range<usize>) -> Option<Cue> {
    let clause = Clause::after(text, range.clone());
    let mut index = 0;
    let mut after_dash = false;
    while clause.toks.get(index).is_some_and(|tok| {
        tok.kind == TokKind::Dash
            || (tok.kind == TokKind::Punct && matches!(tok.text(text), "," | ":" | "(" | "…"))
    }) {
        after_dash |= clause
            .toks
            .get(index)
            .is_some_and(|tok| tok.kind == TokKind::Dash);
        index += 1;
    }
    if index >= clause.toks.len() {
        return None;
    }
    let clause_start = clause.toks.get(index).map_or(range.start, |tok| tok.start);
    if let Some(cue) = according_to(&clause, index) {
        return Some(cue);
    }
    // Inverted: `said X`.
    if let Some((verb, words)) = clause.verb_at(index) {
        let flags = lexicon()
            .verb(verb)
            .map(|verb| verb.flags)
            .unwrap_or_default();
        if flags.invert {
            if let Some(subject) = inverted_subject(&clause, index + words) {
                let verb_end = index + words - 1;
                let mut cue = finish_cue(&clause, verb, index, verb_end, Some(subject), true);
                cue.clause_start = clause_start;
                return Some(cue);
            }
        }
    }
    // Subject first: `X said`, `X, a spokeswoman for Y, said`.
    let limit = clause.toks.len().min(index + MAX_SUBJECT_WORDS + 8);
    for verb_index in index + 1..limit {
        let Some((verb, words)) = clause.verb_at(verb_index) else {
            if !subject_token_allowed(&clause, verb_index) {
                break;
            }
            continue;
        };
        let Some(subject) = subject_before(&clause, index, verb_index) else {
            continue;
        };
        let mut cue = finish_cue(
            &clause,
            verb,
            verb_index,
            verb_index + words - 1,
            Some(subject),
            false,
        );
        cue.clause_start = clause_start;
        return Some(cue);
    }
    if after_dash {
        return bare_name(&clause, index, clause_start);
    }
    None
}

/// `“…” ― Jane Roe`: a name alone after a dash, ending the clause, credits
/// the quotation without a verb (lemma "").
fn bare_name(clause: &Clause, index: usize, clause_start: usize) -> Option<Cue> {
    let mut end = index;
    let mut words = 0;
    while end < clause.toks.len() {
        let tok = clause.toks[end];
        let fits = match tok.kind {
            TokKind::Word => clause.capitalised(end) || tok.text(clause.text).chars().count() == 1,
            TokKind::Punct => tok.text(clause.text) == "." && end > index,
            _ => false,
        };
        if !fits {
            break;
        }
        words += usize::from(tok.is_word());
        end += 1;
    }
    let at_clause_end = end == clause.toks.len() || clause.is_punct(end, ",");
    if words == 0 || words > 6 || !at_clause_end {
        return None;
    }
    let head = clause.span(index, end - 1);
    Some(Cue::bare(head, clause_start))
}

/// True when a cue clause opens `range` closely: a short subject and its
/// reporting verb within the first words, or an inverted verb (the dash
/// quotation's `— he told reporters`).
pub fn starts_with_cue(text: &str, range: Range<usize>) -> bool {
    let Some(cue) = cue_after(text, range) else {
        return false;
    };
    let short_subject = cue.subject.as_ref().is_some_and(|subject| {
        text.get(subject.head.clone())
            .is_some_and(|head| head.split_whitespace().count() <= 5)
    });
    cue.verb_word_index <= 6 && (short_subject || cue.inverted)
}

/// The cue in the writer's words before a quotation, within its sentence
/// (`range` runs from the sentence start to the opening mark).
pub fn cue_before(text: &str, sentence_start: usize, range: Range<usize>) -> Option<Cue> {
    // From the sentence start when it is near (a participle's subject may
    // open the sentence, before a quotation); else a window before the mark.
    let start = {
        let sentence_start = sentence_start.min(range.start);
        let earliest = if range.end.saturating_sub(sentence_start) <= SENTENCE_WINDOW {
            sentence_start
        } else {
            range.end.saturating_sub(CLAUSE_WINDOW).max(range.start)
        };
        let mut start = earliest;
        while start < range.end && !text.is_char_boundary(start) {
            start += 1;
        }
        start
    };
    let mut clause = Clause::new(text, start..range.end);
    clause.speech_only = true;
    // Verbs are looked for after `range.start` only; the words before it
    // (back to the sentence start) may hold a participle's subject.
    let first_own = clause.toks.partition_point(|tok| tok.start < range.start);
    if first_own >= clause.toks.len() {
        return None;
    }
    // "according to X, …"
    for index in first_own..clause.toks.len() {
        if clause.word(index) == "according" && clause.word(index + 1) == "to" {
            if let Some(cue) = according_to(&clause, index) {
                return Some(cue);
            }
        }
    }
    let mut tried = 0;
    for verb_index in (first_own..clause.toks.len()).rev() {
        let Some((verb, words)) = clause.verb_at(verb_index) else {
            continue;
        };
        tried += 1;
        if tried > 4 {
            break;
        }
        let (first, last) = extend_quoted_as_saying(&clause, verb_index, verb_index + words - 1);
        let (subject, inverted) = match subject_leftward(&clause, first) {
            Some(subject) => (subject, false),
            None => {
                // `Said Jane Roe: “…”`, `…, said Jane Roe: “…”`.
                let flags = lexicon()
                    .verb(verb)
                    .map(|verb| verb.flags)
                    .unwrap_or_default();
                let opens = first == 0
                    || clause.is_punct(first - 1, ",")
                    || clause.toks[first - 1].kind == TokKind::Quote;
                match inverted_subject(&clause, last + 1).filter(|_| flags.invert && opens) {
                    Some(subject) => (subject, true),
                    None => continue,
                }
            }
        };
        let mut cue = finish_cue(&clause, verb, first, last, Some(subject), inverted);
        cue.clause_start = clause.toks.first().map_or(range.start, |tok| tok.start);
        cue.clause_end = range.end;
        return Some(cue);
    }
    None
}

/// `… - Jane Roe and John Doe: “…”`, `From the report: “…”`: a name or a
/// noun phrase right before the colon that introduces a quotation, with no
/// verb, credits it (a cue without a verb).
pub fn label_before_colon(text: &str, range: Range<usize>) -> Option<Cue> {
    let start = floor_boundary(text, range.end.saturating_sub(160).max(range.start));
    let clause = Clause::new(text, start..range.end);
    let colon = clause.toks.len().checked_sub(1)?;
    if !clause.is_punct(colon, ":") {
        return None;
    }
    let mut first = colon;
    let mut capitalised = 0;
    while first > 0 {
        let index = first - 1;
        let tok = clause.toks[index];
        let fits = match tok.kind {
            TokKind::Word => {
                clause.capitalised(index)
                    || matches!(clause.word(index), "and" | "of")
                    || clause
                        .role(index)
                        .is_some_and(ClauseRole::opens_noun_phrase)
                    || (first == colon && !clause.capitalised(index))
            }
            TokKind::Punct => {
                tok.text(text) == "."
                    && index > 0
                    && is_abbreviation_word(clause.toks[index - 1].text(text))
            }
            _ => false,
        };
        if !fits || clause.verb_at(index).is_some() || colon - index > 8 {
            break;
        }
        capitalised += usize::from(clause.capitalised(index));
        first = index;
        if clause
            .role(index)
            .is_some_and(ClauseRole::opens_noun_phrase)
        {
            break;
        }
    }
    // Trim leading "and"/"of" and require a name or an article's phrase.
    while first < colon && matches!(clause.word(first), "and" | "of") {
        first += 1;
    }
    let opens_with_article = clause
        .role(first)
        .is_some_and(ClauseRole::opens_noun_phrase);
    if first >= colon || (capitalised == 0 && !opens_with_article) {
        return None;
    }
    // What stands before the phrase: the start, a dash, a preposition
    // ("From the report:"), or a sentence end.
    let before_ok = first == 0
        || clause.toks[first - 1].kind == TokKind::Dash
        || matches!(clause.role(first - 1), Some(ClauseRole::Preposition))
        || clause.is_punct(first - 1, ".");
    if !before_ok {
        return None;
    }
    let name = clause.span(first, colon - 1);
    Some(Cue::bare(
        name,
        clause.toks.get(first).map_or(range.start, |tok| tok.start),
    ))
}

/// Finds every reporting verb of a sentence with a subject before it:
/// the cues of indirect speech (`officials said (that) …`).
pub fn cues_in_sentence(text: &str, range: Range<usize>) -> Vec<Cue> {
    let clause = Clause::new(text, range.clone());
    let mut cues = Vec::new();
    let mut index = 0;
    while index < clause.toks.len() {
        if clause.word(index) == "according" && clause.word(index + 1) == "to" {
            if let Some(mut cue) = according_to(&clause, index) {
                cue.clause_start = clause.toks.get(index).map_or(range.start, |tok| tok.start);
                index += 2;
                cues.push(cue);
                continue;
            }
        }
        let Some((verb, words)) = clause.verb_at(index) else {
            index += 1;
            continue;
        };
        let (first, last) = extend_quoted_as_saying(&clause, index, index + words - 1);
        if let Some(subject) = subject_leftward(&clause, first) {
            let cue = finish_cue(&clause, verb, first, last, Some(subject), false);
            cues.push(cue);
        } else if let Some(subject) = inverted_subject(&clause, last + 1) {
            // ", said the ministry."
            let preceded_by_comma = first > 0 && clause.is_punct(first - 1, ",");
            let flags = lexicon()
                .verb(verb)
                .map(|verb| verb.flags)
                .unwrap_or_default();
            if preceded_by_comma && flags.invert {
                cues.push(finish_cue(&clause, verb, first, last, Some(subject), true));
            }
        }
        index = last + 1;
    }
    cues
}

/// `quoted as saying`: the cue covers all three words.
fn extend_quoted_as_saying(clause: &Clause, first: usize, last: usize) -> (usize, usize) {
    // Called on "saying": look back for "quoted as".
    if first >= 2 && clause.word(first - 1) == "as" && clause.word(first - 2).starts_with("quot") {
        return (first - 2, last);
    }
    if clause.word(first).starts_with("quot")
        && clause.word(last + 1) == "as"
        && clause.word(last + 2).starts_with("say")
    {
        return (first, last + 2);
    }
    (first, last)
}

fn according_to(clause: &Clause, index: usize) -> Option<Cue> {
    if clause.word(index) != "according" || clause.word(index + 1) != "to" {
        return None;
    }
    let phrase_start = index + 2;
    let mut end = phrase_start;
    while end < clause.toks.len() {
        let tok = clause.toks[end];
        let stops = match tok.kind {
            TokKind::Word => matches!(clause.role(end), Some(ClauseRole::Connector)),
            TokKind::Punct => {
                let mark = tok.text(clause.text);
                !(mark == "."
                    && end > phrase_start
                    && is_abbreviation_word(clause.toks[end - 1].text(clause.text)))
                    && mark != "'"
            }
            _ => true,
        };
        if stops {
            break;
        }
        end += 1;
    }
    if end == phrase_start {
        return None;
    }
    let phrase = clause.span(phrase_start, end - 1);
    let verb = clause.span(index, index + 1);
    Some(Cue {
        lemma: "according to",
        flags: VerbFlags {
            indirect: true,
            ..VerbFlags::default()
        },
        verb,
        subject: Some(Subject {
            head: phrase.clone(),
            phrase,
            role: None,
        }),
        channel: None,
        according_to: true,
        inverted: false,
        verb_word_index: index,
        clause_end: clause
            .toks
            .get(end.saturating_sub(1))
            .map_or(0, |tok| tok.end),
        clause_start: clause.toks.get(index).map_or(0, |tok| tok.start),
    })
}

/// A lower-case word in -ly standing between a subject and its verb
/// ("egregiously described"), unless an article makes it a noun ("the
/// family said").
fn is_adverb(clause: &Clause, index: usize) -> bool {
    let word = clause.word(index);
    let after_article = index.checked_sub(1).is_some_and(|previous| {
        clause
            .role(previous)
            .is_some_and(ClauseRole::opens_noun_phrase)
    });
    clause.is_word(index)
        && !clause.capitalised(index)
        && word.len() > 5
        && word.ends_with("ly")
        && !after_article
}

/// Tokens that may stand in a subject before its verb.
fn subject_token_allowed(clause: &Clause, index: usize) -> bool {
    let Some(tok) = clause.toks.get(index) else {
        return false;
    };
    match tok.kind {
        TokKind::Word => true,
        TokKind::Punct => !matches!(tok.text(clause.text), ";" | ":" | "!" | "?" | "…"),
        TokKind::Quote => clause.is_possessive_mark(index),
        TokKind::Dash => false,
    }
}

/// The subject between `start` and the verb at `verb_index` (a quotation's
/// after-clause): fillers before the verb dropped; commas make an appositive.
fn subject_before(clause: &Clause, start: usize, verb_index: usize) -> Option<Subject> {
    let mut end = verb_index;
    while end > start
        && (matches!(clause.role(end - 1), Some(ClauseRole::Filler)) || is_adverb(clause, end - 1))
    {
        end -= 1;
    }
    while end > start && clause.is_punct(end - 1, ",") {
        end -= 1;
    }
    // `…, and criticized …`: a coordinated verb shares an earlier subject.
    if end > start && matches!(clause.role(end - 1), Some(ClauseRole::Connector)) {
        return None;
    }
    if end <= start {
        return None;
    }
    if matches!(
        clause.role(start),
        Some(ClauseRole::Connector | ClauseRole::Preposition | ClauseRole::Filler)
    ) {
        return None;
    }
    let words = (start..end).filter(|&index| clause.is_word(index)).count();
    let has_noun = (start..end).any(|index| {
        clause.is_word(index)
            && !clause
                .role(index)
                .is_some_and(ClauseRole::opens_noun_phrase)
    });
    if words == 0 || words > MAX_SUBJECT_WORDS || !has_noun {
        return None;
    }
    // A filler or connector inside the subject means a clause, not a noun
    // phrase ("… is what he said"), unless it sits in an appositive.
    let first_comma = (start..end).find(|&index| clause.is_punct(index, ","));
    let head_end = first_comma.unwrap_or(end);
    for index in start..head_end {
        if matches!(
            clause.role(index),
            Some(ClauseRole::Connector | ClauseRole::Filler)
        ) {
            return None;
        }
    }
    let head_words = (start..head_end)
        .filter(|&index| clause.is_word(index))
        .count();
    if head_end == start || head_words > MAX_HEAD_WORDS {
        return None;
    }
    let head = clause.span(start, head_end - 1);
    let role = first_comma.and_then(|comma| {
        let role_end = (comma + 1..end)
            .find(|&index| clause.is_punct(index, ","))
            .unwrap_or(end);
        (role_end > comma + 1).then(|| clause.span(comma + 1, role_end - 1))
    });
    Some(Subject {
        phrase: clause.span(start, end - 1),
        head,
        role,
    })
}

/// The subject leftward of a verb at `verb_index` (a cue before a
/// quotation, or a reporting clause in a sentence).
fn subject_leftward(clause: &Clause, verb_index: usize) -> Option<Subject> {
    let mut end = verb_index;
    // `X was prompted to say`, `X went on to say`: past "to" and the verb
    // that governs it.
    if end >= 2
        && clause.word(end - 1) == "to"
        && clause.is_word(end - 2)
        && !clause.capitalised(end - 2)
    {
        let mut governing = end - 2;
        if matches!(clause.word(governing), "on" | "up") && governing > 0 {
            governing -= 1;
        }
        end = governing;
    }
    while end > 0
        && (matches!(clause.role(end - 1), Some(ClauseRole::Filler)) || is_adverb(clause, end - 1))
    {
        end -= 1;
    }
    if end == 0 {
        return None;
    }
    // `He defended it, saying …`: a participle after a comma reports for
    // the subject of the main clause.
    let participle = clause.word(verb_index).ends_with("ing");
    if participle && clause.is_punct(end - 1, ",") {
        return main_clause_subject(clause, end - 1);
    }
    // `X, a spokeswoman for Y, said` or `X -- the head of Y -- said`: the
    // appositive between two commas or two dashes.
    let mut role = None;
    let mut head_end = end;
    // Last token of the role, when there is one.
    let mut role_last = None;
    let closing_dash = clause
        .toks
        .get(end - 1)
        .is_some_and(|tok| tok.kind == TokKind::Dash);
    if clause.is_punct(end - 1, ",") || closing_dash {
        let closer = end - 1;
        let opener = matching_opener(clause, closer, closing_dash)?;
        role = Some(clause.span(opener + 1, closer - 1));
        role_last = Some(closer - 1);
        head_end = opener;
    }
    let mut start = noun_phrase_start(clause, head_end);
    // `the chief of the port authority`: a noun phrase takes the
    // prepositional phrases that follow its head.
    for _ in 0..3 {
        let extends = start >= 2
            && start < head_end
            && matches!(clause.role(start - 1), Some(ClauseRole::Preposition))
            && matches!(clause.word(start - 1), "of" | "for" | "at" | "from" | "in");
        if !extends {
            break;
        }
        let longer = noun_phrase_start(clause, start - 1);
        if longer >= start - 1 {
            break;
        }
        start = longer;
    }
    // `X, the head of Y -- …`: an article phrase after a comma is a role;
    // the name is before the comma.
    if start < head_end
        && clause
            .role(start)
            .is_some_and(ClauseRole::opens_noun_phrase)
        && start >= 2
        && clause.is_punct(start - 1, ",")
        && clause.capitalised(start - 2)
    {
        let name_start = noun_phrase_start(clause, start - 1);
        // Not an opening phrase ("In June, the council …").
        let after_preposition =
            name_start > 0 && matches!(clause.role(name_start - 1), Some(ClauseRole::Preposition));
        if name_start < start - 1 && !after_preposition {
            role = Some(clause.span(start, role_last.unwrap_or(head_end - 1)));
            head_end = start - 1;
            start = name_start;
        }
    }
    let words = (start..head_end)
        .filter(|&index| clause.is_word(index))
        .count();
    let has_noun = (start..head_end).any(|index| {
        clause.is_word(index)
            && !clause
                .role(index)
                .is_some_and(ClauseRole::opens_noun_phrase)
    });
    if start >= head_end || words == 0 || !has_noun {
        return None;
    }
    let head = clause.span(start, head_end - 1);
    Some(Subject {
        phrase: clause.span(start, end - 1),
        head,
        role,
    })
}

/// The comma or dash that opens an appositive closed at `closer`, within
/// 24 tokens and not across a quotation mark, colon or semicolon.
fn matching_opener(clause: &Clause, closer: usize, dash: bool) -> Option<usize> {
    let earliest = closer.saturating_sub(24);
    for index in (earliest..closer).rev() {
        let tok = clause.toks[index];
        let is_dash = tok.kind == TokKind::Dash;
        if dash && is_dash || !dash && clause.is_punct(index, ",") {
            return (index + 1 < closer).then_some(index);
        }
        let blocks = (tok.kind == TokKind::Quote && !clause.is_possessive_mark(index))
            || clause.is_punct(index, ";")
            || clause.is_punct(index, ":")
            || (!dash && is_dash);
        if blocks {
            return None;
        }
    }
    None
}

/// Start of the noun phrase that ends just before `end`, reading leftward:
/// up to a comma, connector, preposition, time word or filler, an article
/// (included), or eight words.
fn noun_phrase_start(clause: &Clause, end: usize) -> usize {
    let mut start = end;
    let mut words = 0;
    while start > 0 {
        let index = start - 1;
        let tok = clause.toks[index];
        let keep = match tok.kind {
            TokKind::Word => !matches!(
                clause.role(index),
                Some(
                    ClauseRole::Connector
                        | ClauseRole::Preposition
                        | ClauseRole::Filler
                        | ClauseRole::Time
                )
            ),
            // Inside one sentence a period is an abbreviation's; brackets
            // hold a party or a place ("Jane Roe (D-Wis.)").
            TokKind::Punct => !matches!(tok.text(clause.text), "," | ";" | ":" | "!" | "?" | "…"),
            TokKind::Quote => clause.is_possessive_mark(index),
            TokKind::Dash => false,
        };
        if !keep {
            break;
        }
        start = index;
        if tok.is_word() {
            words += 1;
            if clause
                .role(index)
                .is_some_and(ClauseRole::opens_noun_phrase)
                || words >= 8
            {
                break;
            }
        }
    }
    start
}

/// The subject that opens the clause before `limit`: a pronoun, a run of
/// capitalised words, or an article and its noun ("the senator").
fn main_clause_subject(clause: &Clause, limit: usize) -> Option<Subject> {
    // The first word outside quotation marks (the sentence may open with a
    // quotation: `“…,” she said, adding, “…”`).
    let mut inside_quote = false;
    let mut first = None;
    for index in 0..limit {
        let tok = clause.toks[index];
        if tok.kind == TokKind::Quote && !clause.is_possessive_mark(index) {
            // Curly marks tell their side; straight ones alternate.
            inside_quote = match tok.text(clause.text) {
                "“" | "«" | "„" => true,
                "”" | "»" => false,
                _ => !inside_quote,
            };
            continue;
        }
        if !inside_quote && tok.is_word() {
            first = Some(index);
            break;
        }
    }
    let mut first = first?;
    // An opening adverbial phrase ("Later on Sunday, …", "Speaking in
    // Ohio, …"): the subject follows its comma.
    let opening_word = clause.word(first);
    let adverbial = matches!(
        clause.role(first),
        Some(ClauseRole::Filler | ClauseRole::Time | ClauseRole::Connector)
    ) || (opening_word.len() > 4
        && (opening_word.ends_with("ing") || opening_word.ends_with("ly")));
    if adverbial {
        if let Some(comma) =
            (first..limit.min(first + 12)).find(|&index| clause.is_punct(index, ","))
        {
            first = (comma + 1..limit).find(|&index| clause.is_word(index))?;
        }
    }
    // A dateline ("CITY, Month 8 (Agency) — …"): the sentence starts after
    // its dash.
    if let Some(dash) =
        (first..limit.min(first + 10)).find(|&index| clause.toks[index].kind == TokKind::Dash)
    {
        let all_caps_start = clause.toks[first]
            .text(clause.text)
            .chars()
            .all(|character| !character.is_lowercase());
        if all_caps_start {
            first = (dash + 1..limit).find(|&index| clause.is_word(index))?;
        }
    }
    // A sentence opening with a prepositional phrase and a comma ("During
    // the speech, Jane Roe …"): the subject follows the comma.
    if matches!(clause.role(first), Some(ClauseRole::Preposition)) {
        let comma = (first..limit).find(|&index| clause.is_punct(index, ","))?;
        first = (comma + 1..limit).find(|&index| clause.is_word(index))?;
    }
    let word = clause.word(first);
    let is_article = clause
        .role(first)
        .is_some_and(ClauseRole::opens_noun_phrase);
    let head = if lexicon().pronoun(word).is_some() {
        first..first + 1
    } else if is_article {
        // The article and its noun, up to a verb or a small word.
        let mut end = first + 1;
        while end < limit
            && end < first + 5
            && clause.is_word(end)
            && clause.role(end).is_none()
            && clause.verb_at(end).is_none()
        {
            end += 1;
        }
        first..end
    } else if clause.capitalised(first) {
        let mut end = first + 1;
        while end < limit
            && (clause.is_word(end) && clause.capitalised(end)
                || clause.is_punct(end, ".")
                    && end > 0
                    && is_abbreviation_word(clause.toks[end - 1].text(clause.text)))
        {
            end += 1;
        }
        // "Jane Roe's deputy": a possessive name owns the noun after it.
        let possessive = clause.toks[end - 1].text(clause.text).ends_with("’s")
            || clause.toks[end - 1].text(clause.text).ends_with("'s");
        if possessive {
            let mut noun_end = end;
            // Up to two words, not a past-tense verb ("… deputy rallied").
            while noun_end < limit
                && noun_end < end + 2
                && clause.is_word(noun_end)
                && clause.role(noun_end).is_none()
                && clause.verb_at(noun_end).is_none()
                && !clause.word(noun_end).ends_with("ed")
            {
                noun_end += 1;
            }
            end = noun_end;
        }
        first..end
    } else {
        return None;
    };
    if head.end <= head.start + usize::from(is_article) {
        return None;
    }
    let range = clause.span(head.start, head.end - 1);
    Some(Subject {
        phrase: range.clone(),
        head: range,
        role: None,
    })
}

/// The subject after an inverted verb (`said Jane Roe, a spokeswoman`):
/// a name, a pronoun or a determiner phrase, up to a comma, preposition or
/// the clause end.
fn inverted_subject(clause: &Clause, start: usize) -> Option<Subject> {
    if !clause.is_word(start) {
        return None;
    }
    let first_ok = clause.capitalised(start)
        || lexicon().pronoun(clause.word(start)).is_some()
        || clause
            .role(start)
            .is_some_and(ClauseRole::opens_noun_phrase);
    if !first_ok || clause.verb_at(start).is_some() {
        return None;
    }
    let mut end = start;
    while end < clause.toks.len() {
        let tok = clause.toks[end];
        let keep = match tok.kind {
            TokKind::Word => {
                end == start
                    || !matches!(
                        clause.role(end),
                        Some(
                            ClauseRole::Connector
                                | ClauseRole::Preposition
                                | ClauseRole::Filler
                                | ClauseRole::Time
                        )
                    ) && clause.verb_at(end).is_none()
            }
            TokKind::Punct => {
                let mark = tok.text(clause.text);
                mark == "."
                    && end > start
                    && is_abbreviation_word(clause.toks[end - 1].text(clause.text))
            }
            TokKind::Quote => clause.is_possessive_mark(end),
            TokKind::Dash => false,
        };
        if !keep {
            break;
        }
        end += 1;
        if end - start > 8 {
            break;
        }
    }
    if end == start {
        return None;
    }
    let head = clause.span(start, end - 1);
    // An appositive after a comma: `said Jane Roe, a spokeswoman for Y`.
    let role = if clause.is_punct(end, ",") {
        let role_start = end + 1;
        let mut role_end = role_start;
        while role_end < clause.toks.len()
            && clause.toks[role_end].kind == TokKind::Word
            && !matches!(clause.role(role_end), Some(ClauseRole::Connector))
            && clause.verb_at(role_end).is_none()
        {
            role_end += 1;
        }
        (role_end > role_start).then(|| clause.span(role_start, role_end - 1))
    } else {
        None
    };
    let phrase_end = role.as_ref().map_or(head.end, |role| role.end);
    Some(Subject {
        phrase: head.start..phrase_end,
        head,
        role,
    })
}

fn finish_cue(
    clause: &Clause,
    verb: usize,
    verb_first: usize,
    verb_last: usize,
    subject: Option<Subject>,
    inverted: bool,
) -> Cue {
    let (verb_first, verb_last) = extend_quoted_as_saying(clause, verb_first, verb_last);
    // After extending to "quoted as saying", the first word names the verb.
    let verb = clause.verb_at(verb_first).map_or(verb, |(found, _)| found);
    let entry = lexicon().verb(verb);
    let lemma = entry.map_or("say", |entry| entry.lemma);
    let flags = entry.map(|entry| entry.flags).unwrap_or_default();
    let verb_span = clause.span(verb_first, verb_last);
    let after_verb = if inverted {
        subject
            .as_ref()
            .and_then(|subject| {
                clause
                    .toks
                    .iter()
                    .position(|tok| tok.start >= subject.phrase.end)
            })
            .unwrap_or(clause.toks.len())
    } else {
        verb_last + 1
    };
    let mut channel = None;
    if flags.addressee && !inverted {
        channel = addressee(clause, verb_last + 1);
    }
    if channel.is_none() {
        channel = channel_phrase(clause, 0, clause.toks.len(), after_verb);
    }
    let clause_end = clause.toks.last().map_or(verb_span.end, |tok| tok.end);
    Cue {
        lemma,
        flags,
        verb: verb_span,
        subject,
        channel,
        according_to: false,
        inverted,
        verb_word_index: verb_first,
        clause_end,
        clause_start: clause.toks.first().map_or(0, |tok| tok.start),
    }
}

/// The hearer after `tell`: `told reporters`, `told the Associated Press`.
fn addressee(clause: &Clause, start: usize) -> Option<Channel> {
    let mut end = start;
    while end < clause.toks.len() {
        let tok = clause.toks[end];
        let keep = match tok.kind {
            TokKind::Word => {
                let role = clause.role(end);
                // An article after the hearer's name opens the reported
                // clause ("told Reuters the talks …").
                let stop = matches!(
                    role,
                    Some(ClauseRole::Connector | ClauseRole::Filler | ClauseRole::Time)
                ) || matches!(role, Some(ClauseRole::Preposition))
                    && !matches!(clause.word(end), "of" | "for")
                    || (end > start && role.is_some_and(ClauseRole::opens_noun_phrase));
                !stop && clause.verb_at(end).is_none()
            }
            TokKind::Punct => {
                let mark = tok.text(clause.text);
                mark == "."
                    && end > start
                    && is_abbreviation_word(clause.toks[end - 1].text(clause.text))
                    || mark == "&"
            }
            TokKind::Quote => clause.is_possessive_mark(end),
            TokKind::Dash => false,
        };
        if !keep || end - start >= 8 {
            break;
        }
        end += 1;
    }
    // A hearer that is only a pronoun ("told him") is no channel.
    if end == start || (end == start + 1 && lexicon().pronoun(clause.word(start)).is_some()) {
        return None;
    }
    let range = clause.span(start, end - 1);
    Some(Channel {
        text: fold_space(clause.text.get(range.clone()).unwrap_or("")),
        range,
        kind: "hearer",
    })
}

/// A channel phrase from the table anywhere in `from..to` ("in a
/// statement", "on X", "in an interview with CNN"); phrases after the verb
/// (`after_verb`) are preferred.
fn channel_phrase(clause: &Clause, from: usize, to: usize, after_verb: usize) -> Option<Channel> {
    let mut best: Option<(bool, Channel)> = None;
    for index in from..to {
        if !clause.is_word(index) {
            continue;
        }
        // Every phrase opens with a preposition: skip other words quickly.
        if !matches!(clause.role(index), Some(ClauseRole::Preposition))
            && clause.word(index) != "during"
        {
            continue;
        }
        for phrase in &lexicon().channels {
            let fits = phrase.words.iter().enumerate().all(|(offset, word)| {
                clause.is_word(index + offset) && clause.word(index + offset) == word.as_str()
            });
            if !fits {
                continue;
            }
            let mut last = index + phrase.words.len() - 1;
            if phrase.takes_object {
                let object_start = last + 1;
                let mut object_end = object_start;
                while object_end < to
                    && clause.is_word(object_end)
                    && !matches!(
                        clause.role(object_end),
                        Some(
                            ClauseRole::Connector
                                | ClauseRole::Preposition
                                | ClauseRole::Time
                                | ClauseRole::Filler
                        )
                    )
                    && object_end - object_start < 6
                {
                    object_end += 1;
                }
                if object_end > object_start {
                    last = object_end - 1;
                }
            }
            // "on X" takes a platform: not when a capitalised word follows
            // ("on X Street").
            if phrase.kind == "social" && !phrase.takes_object && clause.capitalised(last + 1) {
                continue;
            }
            let range = clause.span(index + 1, last);
            let channel = Channel {
                text: fold_space(clause.text.get(range.clone()).unwrap_or("")),
                range,
                kind: phrase.kind,
            };
            let after = index >= after_verb;
            let better = match &best {
                None => true,
                Some((best_after, _)) => after && !*best_after,
            };
            if better {
                best = Some((after, channel));
            }
            break;
        }
    }
    best.map(|(_, channel)| channel)
}

pub fn fold_space(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(word);
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn after(text: &str) -> Option<(String, String, Option<String>, Option<String>)> {
        let cue = cue_after(text, 0..text.len())?;
        Some((
            cue.lemma.to_string(),
            cue.subject.as_ref().map_or(String::new(), |subject| {
                text[subject.head.clone()].to_string()
            }),
            cue.subject
                .as_ref()
                .and_then(|subject| subject.role.clone())
                .map(|role| text[role].to_string()),
            cue.channel.map(|channel| channel.text),
        ))
    }

    fn tuple(
        lemma: &str,
        head: &str,
        role: Option<&str>,
        channel: Option<&str>,
    ) -> Option<(String, String, Option<String>, Option<String>)> {
        Some((
            lemma.into(),
            head.into(),
            role.map(Into::into),
            channel.map(Into::into),
        ))
    }

    #[test]
    fn reads_cues_after_a_quotation() {
        assert_eq!(
            after(", Dana Whitfield said."),
            tuple("say", "Dana Whitfield", None, None)
        );
        assert_eq!(
            after(", said Dana Whitfield."),
            tuple("say", "Dana Whitfield", None, None)
        );
        assert_eq!(
            after(" he told reporters on Monday."),
            tuple("tell", "he", None, Some("reporters"))
        );
        assert_eq!(
            after(", she told the Daily Courier."),
            tuple("tell", "she", None, Some("the Daily Courier"))
        );
        assert_eq!(
            after(", Omar Reyes, a spokesman for the port authority, said in a statement."),
            tuple(
                "say",
                "Omar Reyes",
                Some("a spokesman for the port authority"),
                Some("a statement")
            )
        );
        assert_eq!(
            after(", said Omar Reyes, a spokesman for the union."),
            tuple("say", "Omar Reyes", Some("a spokesman for the union"), None)
        );
        assert_eq!(
            after(", Reyes wrote on X."),
            tuple("write", "Reyes", None, Some("X"))
        );
        assert_eq!(
            after(", the ministry said. Later it added more."),
            tuple("say", "the ministry", None, None)
        );
        assert_eq!(
            after(", according to the regional governor."),
            tuple("according to", "the regional governor", None, None)
        );
        assert_eq!(
            after(", Mr. Reyes later added."),
            tuple("add", "Mr. Reyes", None, None)
        );
        assert_eq!(
            after(" — she said in an interview with Radio North."),
            tuple("say", "she", None, Some("an interview with Radio North"))
        );
    }

    #[test]
    fn rejects_clauses_that_are_not_cues() {
        assert_eq!(after(" and the crowd cheered."), None);
        assert_eq!(after(" is what the report said."), None);
        assert_eq!(after(". The vote was close."), None);
        assert_eq!(after(""), None);
    }

    #[test]
    fn reads_cues_before_a_quotation() {
        let text = "In a statement, the ministry said: ";
        let cue = cue_before(text, 0, 0..text.len());
        assert_eq!(cue.as_ref().map(|cue| cue.lemma), Some("say"));
        let subject = cue
            .as_ref()
            .and_then(|cue| cue.subject.clone())
            .map(|subject| &text[subject.head]);
        assert_eq!(subject, Some("the ministry"));
        assert_eq!(
            cue.and_then(|cue| cue.channel).map(|channel| channel.text),
            Some("a statement".to_string())
        );

        let text = "Reyes told reporters that the talks had been ";
        let cue = cue_before(text, 0, 0..text.len());
        assert_eq!(cue.as_ref().map(|cue| cue.lemma), Some("tell"));
        assert_eq!(
            cue.and_then(|cue| cue.channel).map(|channel| channel.text),
            Some("reporters".to_string())
        );

        let text = "The governor was quoted as saying ";
        let cue = cue_before(text, 0, 0..text.len());
        assert_eq!(
            cue.as_ref().map(|cue| (cue.lemma, &text[cue.verb.clone()])),
            Some(("quote", "quoted as saying"))
        );
        assert_eq!(
            cue.and_then(|cue| cue.subject)
                .map(|subject| &text[subject.head]),
            Some("The governor")
        );

        let text = "Jane Roe, the campaign's manager, wrote: ";
        let cue = cue_before(text, 0, 0..text.len());
        let subject = cue.and_then(|cue| cue.subject);
        assert_eq!(
            subject.as_ref().map(|subject| &text[subject.head.clone()]),
            Some("Jane Roe")
        );
        assert_eq!(
            subject
                .and_then(|subject| subject.role)
                .map(|role| &text[role]),
            Some("the campaign's manager")
        );
    }

    #[test]
    fn appositives_between_dashes_and_adverbs_before_the_verb() {
        let text = "Tom Berg, the chief of the port authority -- which runs the docks, cranes and all -- told me, ";
        let cue = cue_before(text, 0, 0..text.len());
        let subject = cue
            .and_then(|cue| cue.subject)
            .map(|subject| &text[subject.head]);
        assert_eq!(subject, Some("Tom Berg"));
        let text = "If we were calm, a reader would now ask: ";
        let cue = cue_before(text, 0, 0..text.len());
        assert_eq!(
            cue.and_then(|cue| cue.subject)
                .map(|subject| &text[subject.head]),
            Some("a reader")
        );
        let text = "The senator pointedly described the plan as ";
        let cue = cue_before(text, 0, 0..text.len());
        assert_eq!(
            cue.and_then(|cue| cue.subject)
                .map(|subject| &text[subject.head]),
            Some("The senator")
        );
    }

    #[test]
    fn cue_opens_a_dash_clause() {
        let text = "the minister told reporters. — Of course";
        assert!(starts_with_cue(text, 0..text.len()));
        let text = "all of it — is detail.";
        assert!(!starts_with_cue(text, 0..text.len()));
    }

    #[test]
    fn finds_indirect_cues_in_a_sentence() {
        let text =
            "Regional officials said that 40 people were evacuated, according to the Red Cross.";
        let cues = cues_in_sentence(text, 0..text.len());
        let found: Vec<(&str, &str)> = cues
            .iter()
            .map(|cue| {
                (
                    cue.lemma,
                    cue.subject
                        .as_ref()
                        .map_or("", |subject| &text[subject.head.clone()]),
                )
            })
            .collect();
        assert_eq!(
            found,
            vec![
                ("say", "Regional officials"),
                ("according to", "the Red Cross")
            ]
        );
    }

    proptest! {
        #[test]
        fn cues_stay_in_range(text in "[a-zA-Z ,.:\"“”'—]{0,100}") {
            for cue in cue_after(&text, 0..text.len()).into_iter().chain(cue_before(&text, 0, 0..text.len())).chain(cues_in_sentence(&text, 0..text.len())) {
                prop_assert!(cue.verb.end <= text.len() && cue.verb.start <= cue.verb.end);
                if let Some(subject) = cue.subject {
                    prop_assert!(subject.head.end <= text.len() && subject.head.start <= subject.head.end);
                    prop_assert!(text.get(subject.phrase.clone()).is_some());
                }
            }
        }
    }
}
