//! Sentence boundaries inside one block, decided on its tokens.
//!
//! A block (a paragraph or a heading) is cut only after sentence
//! punctuation; its end always ends a sentence. The rules, in the order
//! they are tried at a candidate (a run of "." "!" "?" "…", or a word that
//! took an abbreviation's period):
//! 1. Closing quotation marks and brackets right after the mark belong to
//!    the sentence it ends ("“That’s our goal.”").
//! 2. No boundary without white space after the mark ("example.com",
//!    "...see").
//! 3. An ordinary end ("." after a word or number, "!", "?", "?!", "....")
//!    is a boundary when the next token can start a sentence: a word that
//!    is not lower case, a number, or an opening quotation mark, dash or
//!    bracket before such a word. "“Yes!” he said" and "Yahoo! in" go on.
//!    After a closing quotation mark, a capitalised name followed by a
//!    reporting verb goes on ("“Why not?” Smith asked.").
//! 4. Abbreviations follow their class (`data/abbreviations.txt`): titles,
//!    "No. 5" and "e.g." never end a sentence; months end one only before a
//!    capital ("Dec. 13" goes on); "Co.", "a.m.", dotted initialisms
//!    ("U.S.") and single initials end one only before a capitalised
//!    sentence starter ("in the U.S. He", not "U.S. Government"), and not
//!    at the end of a short introductory phrase ("At 5 a.m. Mr. Smith").
//!    The pronoun "I" after a lower-case word is a word, not an initial.
//! 5. Ellipses: "…" and "..." are ordinary ends, except inside brackets
//!    ("[...]"); a spaced ". . ." is an omission inside the sentence, and a
//!    spaced ". . . ." ends it; a period glued to a word and followed by a
//!    spaced ellipsis ends the sentence, the ellipsis opening the next.
//!
//! Quotation state: a sentence `opens_inside_quote` when quotation marks
//! opened before it (in its block) are still open. In a paragraph that
//! opens with a dash (dialogue style: "— We won, — he said. — Next..."),
//! dashes alternately open and close the quotation.

use super::lexicon::{
    abbreviation, is_credit_label, is_introductory_preposition, is_reporting_verb,
    is_sentence_starter, AbbreviationClass,
};
use crate::model::{Token, TokenKind};

/// One sentence of a block: token indices `start..end` into the block's
/// tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SentenceCut {
    pub start: usize,
    pub end: usize,
    pub opens_inside_quote: bool,
}

/// What a candidate token decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    /// A sentence ends before token index `end`.
    Boundary { end: usize },
    /// No boundary here; go on at token index `resume`.
    Continue { resume: usize },
}

/// Splits the block whose tokens are `tokens` (spans into `text`, the
/// article text) into sentences, appending them to `cuts`.
pub(crate) fn split_block(text: &str, tokens: &[Token], cuts: &mut Vec<SentenceCut>) {
    let splitter = Splitter { text, tokens };
    let first_cut = cuts.len();
    let fixed = splitter.fixed_spans();
    let mut next_fixed = 0;
    let mut sentence_start = 0;
    let mut index = 0;
    while index < tokens.len() {
        // A list item's marker starts a sentence, and its own period or
        // bracket ends none; a dateline is a sentence of its own.
        while fixed.get(next_fixed).is_some_and(|span| span.end <= index) {
            next_fixed += 1;
        }
        if let Some(span) = fixed.get(next_fixed).filter(|span| span.start <= index) {
            if span.start == index && index > sentence_start {
                cuts.push(SentenceCut {
                    start: sentence_start,
                    end: index,
                    opens_inside_quote: false,
                });
                sentence_start = index;
            }
            index = span.end;
            if span.ends_sentence && index > sentence_start {
                cuts.push(SentenceCut {
                    start: sentence_start,
                    end: index,
                    opens_inside_quote: false,
                });
                sentence_start = index;
            }
            continue;
        }
        // "… the shop Photo: Jane Doe.": a credit starts a sentence.
        if index > sentence_start && splitter.is_credit_label(index) {
            cuts.push(SentenceCut {
                start: sentence_start,
                end: index,
                opens_inside_quote: false,
            });
            sentence_start = index;
        }
        match splitter.decide(index, sentence_start) {
            Decision::Boundary { end } => {
                let end = end.clamp(index + 1, tokens.len());
                cuts.push(SentenceCut {
                    start: sentence_start,
                    end,
                    opens_inside_quote: false,
                });
                sentence_start = end;
                index = end;
            }
            Decision::Continue { resume } => index = resume.max(index + 1),
        }
    }
    if sentence_start < tokens.len() {
        cuts.push(SentenceCut {
            start: sentence_start,
            end: tokens.len(),
            opens_inside_quote: false,
        });
    }
    if let Some(block_cuts) = cuts.get_mut(first_cut..) {
        mark_quotation_state(tokens, block_cuts);
    }
}

/// Sets `opens_inside_quote` on the sentences of one block.
fn mark_quotation_state(tokens: &[Token], cuts: &mut [SentenceCut]) {
    let dialogue = tokens
        .first()
        .is_some_and(|token| token.kind == TokenKind::Dash);
    let mut depth: u32 = 0;
    let mut dash_open = false;
    let mut next_token = 0;
    for cut in cuts.iter_mut() {
        while next_token < cut.start {
            if let Some(token) = tokens.get(next_token) {
                match token.kind {
                    TokenKind::QuoteOpen => depth += 1,
                    TokenKind::QuoteClose => depth = depth.saturating_sub(1),
                    TokenKind::Dash if dialogue => dash_open = !dash_open,
                    _ => {}
                }
            }
            next_token += 1;
        }
        cut.opens_inside_quote = depth > 0 || dash_open;
    }
}

/// Tokens `start..end` that no rule looks into: a list item's marker
/// ("1.", "2)", "• 9.", "b."), which starts a sentence, or a dateline
/// ("PARIS, Dec. 4 (AP) —"), which is one (`ends_sentence`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FixedSpan {
    start: usize,
    end: usize,
    ends_sentence: bool,
}

/// How a list item is numbered: the same style runs through one list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkerStyle {
    /// "1." "1)" "1.)" with digits, or "a." "a)" with letters; the flag
    /// says whether a bullet ("•") comes first.
    Digits {
        closing: &'static str,
        bullet: bool,
    },
    Letters {
        closing: &'static str,
        bullet: bool,
    },
}

const BULLETS: [&str; 6] = ["•", "⁃", "◦", "▪", "‣", "*"];

struct Splitter<'a> {
    text: &'a str,
    tokens: &'a [Token],
}

impl Splitter<'_> {
    fn token_text(&self, index: usize) -> &str {
        self.tokens
            .get(index)
            .map_or("", |token| token.text(self.text))
    }

    fn kind(&self, index: usize) -> Option<TokenKind> {
        self.tokens.get(index).map(|token| token.kind)
    }

    /// True when white space separates token `index` from the one before.
    fn space_before(&self, index: usize) -> bool {
        match (
            index
                .checked_sub(1)
                .and_then(|before| self.tokens.get(before)),
            self.tokens.get(index),
        ) {
            (Some(before), Some(token)) => before.end < token.start,
            _ => true,
        }
    }

    /// The spans of the block that rules do not look into, in order: a
    /// dateline, or list markers.
    fn fixed_spans(&self) -> Vec<FixedSpan> {
        match self.dateline_end() {
            Some(end) => vec![FixedSpan {
                start: 0,
                end,
                ends_sentence: true,
            }],
            None => self.list_markers(),
        }
    }

    /// The end of a dateline opening the block: up to eight capitalised
    /// words, numbers, commas, periods of abbreviations and bracketed
    /// agency names, then a dash, then a capitalised word or a quotation
    /// ("KYIV, Ukraine (AP) — The …", "Evansville, Indiana - This …").
    fn dateline_end(&self) -> Option<usize> {
        const LONGEST_DATELINE: usize = 12;
        let mut index = 0;
        let mut words = 0;
        while index < self.tokens.len().min(LONGEST_DATELINE) {
            let token_text = self.token_text(index);
            match self.kind(index)? {
                TokenKind::Dash => break,
                TokenKind::Word if starts_upper(token_text) => words += 1,
                TokenKind::Number => {}
                TokenKind::Punct if matches!(token_text, "," | "(" | ")" | "/" | ".") => {}
                _ => return None,
            }
            index += 1;
        }
        if words == 0 || self.kind(index) != Some(TokenKind::Dash) {
            return None;
        }
        let after = index + 1;
        let opens_sentence = match self.kind(after) {
            Some(TokenKind::Word) => starts_upper(self.token_text(after)),
            Some(TokenKind::QuoteOpen) => true,
            _ => false,
        };
        opens_sentence.then_some(after)
    }

    /// True when token `index` is a credit label ("Photo", "Image") glued
    /// to a colon, after white space.
    fn is_credit_label(&self, index: usize) -> bool {
        self.kind(index) == Some(TokenKind::Word)
            && self.token_text(index + 1) == ":"
            && !self.space_before(index + 1)
            && self.space_before(index)
            && is_credit_label(self.token_text(index))
    }

    /// The list markers of a block that opens with one ("1.", "a)", "• 9."):
    /// the first, and every later marker of the same style numbered one
    /// more than the one before, after white space. A block that does not
    /// open with a marker has none (numbers in running text are not lists).
    fn list_markers(&self) -> Vec<FixedSpan> {
        let Some((first_value, style, first_end)) = self.list_marker_at(0) else {
            return Vec::new();
        };
        let mut markers = vec![FixedSpan {
            start: 0,
            end: first_end,
            ends_sentence: false,
        }];
        let mut expected = first_value + 1;
        let mut index = first_end;
        while index < self.tokens.len() {
            if self.space_before(index) {
                if let Some((value, found_style, end)) = self.list_marker_at(index) {
                    if value == expected && found_style == style {
                        markers.push(FixedSpan {
                            start: index,
                            end,
                            ends_sentence: false,
                        });
                        expected += 1;
                        index = end;
                        continue;
                    }
                }
            }
            index += 1;
        }
        markers
    }

    /// A list marker starting at token `index`: its number, its style, and
    /// the index past it. It must be followed by white space.
    fn list_marker_at(&self, index: usize) -> Option<(u32, MarkerStyle, usize)> {
        let bullet = BULLETS.contains(&self.token_text(index));
        let number_index = if bullet { index + 1 } else { index };
        let number_text = self.token_text(number_index);
        let digits = self.kind(number_index) == Some(TokenKind::Number)
            && (1..=2).contains(&number_text.len())
            && number_text.bytes().all(|byte| byte.is_ascii_digit());
        let letter = self.kind(number_index) == Some(TokenKind::Word)
            && number_text.len() == 1
            && number_text.bytes().all(|byte| byte.is_ascii_lowercase());
        if !digits && !letter {
            return None;
        }
        let value = if digits {
            number_text.parse().ok()?
        } else {
            u32::from(number_text.bytes().next()? - b'a') + 1
        };
        let glued = |position: usize| position < self.tokens.len() && !self.space_before(position);
        let first_mark = number_index + 1;
        let (closing, end) = match self.token_text(first_mark) {
            "." if glued(first_mark)
                && self.token_text(first_mark + 1) == ")"
                && glued(first_mark + 1) =>
            {
                (".)", first_mark + 2)
            }
            "." if glued(first_mark) => (".", first_mark + 1),
            ")" if glued(first_mark) => (")", first_mark + 1),
            _ => return None,
        };
        if end < self.tokens.len() && !self.space_before(end) {
            return None;
        }
        let style = if digits {
            MarkerStyle::Digits { closing, bullet }
        } else {
            MarkerStyle::Letters { closing, bullet }
        };
        Some((value, style, end))
    }

    fn decide(&self, index: usize, sentence_start: usize) -> Decision {
        let next = Decision::Continue { resume: index + 1 };
        let Some(token) = self.tokens.get(index) else {
            return next;
        };
        let token_text = token.text(self.text);
        match token.kind {
            TokenKind::Punct if token_text.starts_with(super::tokens::is_terminal_mark) => {
                self.decide_terminal(index, token_text)
            }
            TokenKind::Word if token_text.len() > 1 && token_text.ends_with('.') => {
                let stem = token_text.get(..token_text.len() - 1).unwrap_or("");
                self.decide_abbreviation(index, stem, sentence_start)
            }
            _ => next,
        }
    }

    /// Index past the closing quotes and brackets that follow token `index`.
    fn trailers_end(&self, index: usize) -> usize {
        let mut end = index + 1;
        while let Some(token) = self.tokens.get(end) {
            let is_trailer = match token.kind {
                TokenKind::QuoteClose => true,
                TokenKind::Punct => matches!(token.text(self.text), ")" | "]" | "}"),
                _ => false,
            };
            if !is_trailer {
                break;
            }
            end += 1;
        }
        end
    }

    /// Number of "." tokens from `index` on, each separated from the one
    /// before by white space (a spaced ellipsis ". . .").
    fn spaced_dots(&self, index: usize) -> usize {
        let mut count = 0;
        while self.token_text(index + count) == "."
            && (count == 0 || self.space_before(index + count))
        {
            count += 1;
        }
        count
    }

    fn decide_terminal(&self, index: usize, mark: &str) -> Decision {
        if mark == "." {
            let dots = self.spaced_dots(index);
            if dots >= 3 {
                let glued_to_word = !self.space_before(index) && index > 0;
                let after_run = index + dots;
                if glued_to_word && dots == 4 {
                    // "compounds. . . . The": the period ends the sentence,
                    // the ellipsis opens the next one.
                    let more_follows = after_run < self.tokens.len();
                    return if more_follows && self.starts_sentence(after_run) {
                        Decision::Boundary { end: index + 1 }
                    } else {
                        Decision::Continue { resume: after_run }
                    };
                }
                if dots >= 4 {
                    return self.ordinary_end(index + dots - 1);
                }
                return Decision::Continue { resume: after_run };
            }
        }
        let is_ellipsis = mark == "…" || mark == "...";
        if is_ellipsis && self.token_text(index + 1) == "]" {
            return Decision::Continue { resume: index + 1 };
        }
        self.ordinary_end(index)
    }

    /// The boundary after an ordinary sentence mark at `index`, if what
    /// follows can start a sentence.
    fn ordinary_end(&self, index: usize) -> Decision {
        let end = self.trailers_end(index);
        if end >= self.tokens.len() {
            return Decision::Boundary { end };
        }
        if !self.space_before(end) {
            return Decision::Continue { resume: end };
        }
        let after_closing_quote = end > index + 1
            && (index + 1..end).any(|trailer| self.kind(trailer) == Some(TokenKind::QuoteClose));
        if after_closing_quote && self.attribution_follows(end) {
            return Decision::Continue { resume: end };
        }
        if self.starts_sentence(end) {
            Decision::Boundary { end }
        } else {
            Decision::Continue { resume: end }
        }
    }

    /// True when the tokens from `index` are a capitalised speaker and a
    /// reporting verb ("Smith asked", "Prime Minister Jane Doe said").
    fn attribution_follows(&self, index: usize) -> bool {
        const LONGEST_SPEAKER: usize = 4;
        for offset in 0..=LONGEST_SPEAKER {
            let position = index + offset;
            if self.kind(position) != Some(TokenKind::Word) {
                return false;
            }
            let word = self.token_text(position);
            if offset > 0 && is_reporting_verb(word) {
                return true;
            }
            if !starts_upper(word) {
                return false;
            }
        }
        false
    }

    /// True when token `index` can open a sentence: a word not in lower
    /// case, a number, a symbol, or an opening mark before such a word.
    fn starts_sentence(&self, index: usize) -> bool {
        let mut position = index;
        loop {
            let Some(token) = self.tokens.get(position) else {
                return true;
            };
            let token_text = token.text(self.text);
            match token.kind {
                TokenKind::Word => return !starts_lower(token_text) || is_camel_case(token_text),
                TokenKind::Number | TokenKind::Symbol => return true,
                TokenKind::QuoteOpen | TokenKind::Dash => position += 1,
                TokenKind::Punct if matches!(token_text, "(" | "[" | "¿" | "¡") => position += 1,
                TokenKind::Punct => return token_text == "•",
                TokenKind::QuoteClose => return false,
            }
        }
    }

    /// True when token `index` is a capitalised sentence starter ("He",
    /// "The") or honorific ("Mr."), or an opening mark before a capitalised
    /// word.
    fn starts_sentence_surely(&self, index: usize) -> bool {
        let Some(token) = self.tokens.get(index) else {
            return true;
        };
        let token_text = token.text(self.text);
        match token.kind {
            TokenKind::Word => {
                let honorific = token_text.len() > 1
                    && token_text.ends_with('.')
                    && abbreviation(token_text.trim_end_matches('.'))
                        == Some(AbbreviationClass::Honorific);
                starts_upper(token_text) && (honorific || is_sentence_starter(token_text))
            }
            TokenKind::QuoteOpen | TokenKind::Dash => {
                let following = self.token_text(index + 1);
                self.kind(index + 1) == Some(TokenKind::Word) && starts_upper(following)
            }
            _ => false,
        }
    }

    fn decide_abbreviation(&self, index: usize, stem: &str, sentence_start: usize) -> Decision {
        let end = self.trailers_end(index);
        if end >= self.tokens.len() {
            return Decision::Boundary { end };
        }
        if !self.space_before(end) {
            return Decision::Continue { resume: end };
        }
        let class = abbreviation(stem);
        match class {
            Some(
                AbbreviationClass::Honorific
                | AbbreviationClass::Title
                | AbbreviationClass::Inner
                | AbbreviationClass::Number,
            ) => Decision::Continue { resume: end },
            Some(AbbreviationClass::Month) => {
                let next_text = self.token_text(end);
                let next_is_date_part = self.kind(end) == Some(TokenKind::Number)
                    || (next_text.ends_with('.')
                        && abbreviation(next_text.trim_end_matches('.'))
                            == Some(AbbreviationClass::Month));
                if next_is_date_part {
                    Decision::Continue { resume: end }
                } else {
                    self.ordinary_end(index)
                }
            }
            Some(AbbreviationClass::Final) | None => {
                let pronoun_i = stem == "I" && !self.previous_is_capitalised_word(index);
                if pronoun_i {
                    return self.ordinary_end(index);
                }
                let introductory = self.is_introductory_phrase(sentence_start, index);
                if !introductory && self.starts_sentence_surely(end) {
                    Decision::Boundary { end }
                } else {
                    Decision::Continue { resume: end }
                }
            }
        }
    }

    fn previous_is_capitalised_word(&self, index: usize) -> bool {
        index.checked_sub(1).is_some_and(|before| {
            self.kind(before) == Some(TokenKind::Word) && starts_upper(self.token_text(before))
        })
    }

    /// True when the tokens `sentence_start..=index` are a short phrase
    /// opened by a preposition ("At 5 a.m.").
    fn is_introductory_phrase(&self, sentence_start: usize, index: usize) -> bool {
        const LONGEST_PHRASE: usize = 4;
        let length = index + 1 - sentence_start.min(index);
        length <= LONGEST_PHRASE && is_introductory_preposition(self.token_text(sentence_start))
    }
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// "eHow", "iPhone": lower case first, a capital later; a name.
fn is_camel_case(word: &str) -> bool {
    word.chars().skip(1).any(char::is_uppercase)
}

fn starts_lower(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize_block;
    use super::*;

    /// The sentences of `text` taken as one block, as strings.
    pub(crate) fn sentences(text: &str) -> Vec<&str> {
        let mut tokens = Vec::new();
        tokenize_block(text, 0, &mut tokens);
        let mut cuts = Vec::new();
        split_block(text, &tokens, &mut cuts);
        cuts.iter()
            .map(|cut| {
                let start = tokens[cut.start].start as usize;
                let end = tokens[cut.end - 1].end as usize;
                &text[start..end]
            })
            .collect()
    }

    fn quote_flags(text: &str) -> Vec<bool> {
        let mut tokens = Vec::new();
        tokenize_block(text, 0, &mut tokens);
        let mut cuts = Vec::new();
        split_block(text, &tokens, &mut cuts);
        cuts.iter().map(|cut| cut.opens_inside_quote).collect()
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentences("Gen. Mark Lee met Sen. Ann Wu and Lt. Col. Jo Park. They spoke."),
            vec![
                "Gen. Mark Lee met Sen. Ann Wu and Lt. Col. Jo Park.",
                "They spoke."
            ]
        );
        assert_eq!(
            sentences("Talks with Vladimir V. Putin ended. Jonas E. Smith left."),
            vec![
                "Talks with Vladimir V. Putin ended.",
                "Jonas E. Smith left."
            ]
        );
        assert_eq!(
            sentences("We make a good team, you and I. Did you see Albert I. Jones?"),
            vec![
                "We make a good team, you and I.",
                "Did you see Albert I. Jones?"
            ]
        );
        assert_eq!(
            sentences("Dr. Rivera and Gov. Hale visited St. Paul on Tuesday."),
            vec!["Dr. Rivera and Gov. Hale visited St. Paul on Tuesday."]
        );
    }

    #[test]
    fn months_and_numbers() {
        assert_eq!(
            sentences("The vote is on Dec. 13 in the capital. It was set in Jan. Then it moved."),
            vec![
                "The vote is on Dec. 13 in the capital.",
                "It was set in Jan.",
                "Then it moved."
            ]
        );
        assert_eq!(
            sentences("Turn to p. 55 and see No. 5. Prices rose 9.5 percent to $1.2 billion."),
            vec![
                "Turn to p. 55 and see No. 5.",
                "Prices rose 9.5 percent to $1.2 billion."
            ]
        );
    }

    #[test]
    fn dotted_initialisms_end_a_sentence_only_before_a_starter() {
        assert_eq!(
            sentences("He moved to the U.S. He liked it."),
            vec!["He moved to the U.S.", "He liked it."]
        );
        assert_eq!(
            sentences("The U.S. Senate and the U.N. Security Council met in Washington."),
            vec!["The U.S. Senate and the U.N. Security Council met in Washington."]
        );
        assert_eq!(
            sentences("She joined Acme Inc. The firm grew. Tools, e.g. hammers, vs. saws, etc. are cheap."),
            vec!["She joined Acme Inc.", "The firm grew.", "Tools, e.g. hammers, vs. saws, etc. are cheap."]
        );
    }

    #[test]
    fn times_of_day() {
        assert_eq!(
            sentences(
                "At 7 a.m. Ms. Grey opened the shop. She closed it at 9 P.M. Mr. Brown then came."
            ),
            vec![
                "At 7 a.m. Ms. Grey opened the shop.",
                "She closed it at 9 P.M.",
                "Mr. Brown then came."
            ]
        );
        assert_eq!(
            sentences("The polls open at 8 a.m. Sunday and close at 6 p.m. They reopen at 7 a.m."),
            vec![
                "The polls open at 8 a.m. Sunday and close at 6 p.m.",
                "They reopen at 7 a.m."
            ]
        );
    }

    #[test]
    fn quotations_keep_their_closing_mark_and_attribution() {
        assert_eq!(
            sentences("“That’s our goal.” The team agreed."),
            vec!["“That’s our goal.”", "The team agreed."]
        );
        assert_eq!(
            sentences("“We are ready. We will win,” the coach said. “Really?” she asked."),
            vec![
                "“We are ready.",
                "We will win,” the coach said.",
                "“Really?” she asked."
            ]
        );
        assert_eq!(
            sentences("\"Why now?\" Coach Ray Dunn asked. \"Because!\" Nobody laughed."),
            vec![
                "\"Why now?\" Coach Ray Dunn asked.",
                "\"Because!\"",
                "Nobody laughed."
            ]
        );
        assert_eq!(
            sentences("She said, 'It works.' She left."),
            vec!["She said, 'It works.'", "She left."]
        );
    }

    #[test]
    fn sentences_inside_an_open_quotation_are_marked() {
        assert_eq!(
            quote_flags("“We are ready. We will win. We know it,” he said. Then he left."),
            vec![false, true, true, false]
        );
        assert_eq!(
            quote_flags("Nothing quoted. Still nothing."),
            vec![false, false]
        );
    }

    #[test]
    fn dash_quotations_in_dialogue_style() {
        let paragraph = "— We will not give in, — the mayor told reporters on Saturday. — Naturally, we hope for talks. We are patient, — she added.";
        assert_eq!(
            sentences(paragraph),
            vec![
                "— We will not give in, — the mayor told reporters on Saturday.",
                "— Naturally, we hope for talks.",
                "We are patient, — she added."
            ]
        );
        assert_eq!(quote_flags(paragraph), vec![false, false, true]);
        assert_eq!(
            sentences("– Yes! – he said. – No."),
            vec!["– Yes! – he said.", "– No."]
        );
    }

    #[test]
    fn exclamations_questions_and_ellipses() {
        assert_eq!(
            sentences("Hello?! Is that you? Yahoo! in the lead... Really... well no. Wait…"),
            vec![
                "Hello?!",
                "Is that you?",
                "Yahoo! in the lead...",
                "Really... well no.",
                "Wait…"
            ]
        );
        assert_eq!(
            sentences("It was weakened . . . was gone. Then it ended. . . . The rest followed . . . . Next."),
            vec![
                "It was weakened . . . was gone.",
                "Then it ended.",
                ". . . The rest followed . . . .",
                "Next."
            ]
        );
        assert_eq!(
            sentences("\"A [...] B [...]\" (Lee 5)."),
            vec!["\"A [...] B [...]\" (Lee 5)."]
        );
    }

    #[test]
    fn numbered_and_lettered_lists() {
        assert_eq!(
            sentences("1. Buy milk 2. Call the bank. 3. Sleep"),
            vec!["1. Buy milk", "2. Call the bank.", "3. Sleep"]
        );
        assert_eq!(sentences("a) Red b) Blue"), vec!["a) Red", "b) Blue"]);
        assert_eq!(
            sentences("• 4. Four • 5. Five"),
            vec!["• 4. Four", "• 5. Five"]
        );
        // A lone numbered paragraph keeps its number.
        assert_eq!(
            sentences("1. The plan failed. It was late."),
            vec!["1. The plan failed.", "It was late."]
        );
        // Numbers in running text are not list markers.
        assert_eq!(
            sentences("He won 2. Then she won 3. It ended."),
            vec!["He won 2.", "Then she won 3.", "It ended."]
        );
    }

    #[test]
    fn datelines_and_credits_are_sentences_of_their_own() {
        assert_eq!(
            sentences("KYIV, Ukraine, Dec. 4 (AP) — The talks ended. They failed."),
            vec![
                "KYIV, Ukraine, Dec. 4 (AP) —",
                "The talks ended.",
                "They failed."
            ]
        );
        assert_eq!(
            sentences("Springfield, Ohio - \"Enough,\" she said."),
            vec!["Springfield, Ohio -", "\"Enough,\" she said."]
        );
        // Not a dateline: a lower-case word before the dash, or after it.
        assert_eq!(
            sentences("Prices rose — The report said so."),
            vec!["Prices rose — The report said so."]
        );
        assert_eq!(
            sentences("Anna, Ben — and Carl."),
            vec!["Anna, Ben — and Carl."]
        );
        assert_eq!(
            sentences("The old mill at dawn Photo: Jane Roe. A new day."),
            vec!["The old mill at dawn", "Photo: Jane Roe.", "A new day."]
        );
    }

    #[test]
    fn camel_case_names_can_start_a_sentence() {
        assert_eq!(
            sentences("I used it. eHow is a website."),
            vec!["I used it.", "eHow is a website."]
        );
    }

    #[test]
    fn line_breaks_are_white_space_and_headings_need_no_period() {
        assert_eq!(
            sentences("The plan was\napproved on\nMonday. Work starts\nsoon"),
            vec!["The plan was\napproved on\nMonday.", "Work starts\nsoon"]
        );
        assert_eq!(
            sentences("Prisoners freed after talks"),
            vec!["Prisoners freed after talks"]
        );
    }

    #[test]
    fn links_parentheses_and_possessives() {
        assert_eq!(
            sentences("Write to a.b@example.org. The site is https://example.org/x.html. Go."),
            vec![
                "Write to a.b@example.org.",
                "The site is https://example.org/x.html.",
                "Go."
            ]
        );
        assert_eq!(
            sentences(
                "He teaches (he worked as an engineer.) at the school. That is JFK Jr.'s book."
            ),
            vec![
                "He teaches (he worked as an engineer.) at the school.",
                "That is JFK Jr.'s book."
            ]
        );
    }
}
