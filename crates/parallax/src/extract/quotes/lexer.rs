//! A small lexer over one paragraph: words, numbers, quotation marks, dashes
//! and other punctuation, with byte offsets into the article text; and the
//! paragraph's sentence starts.
//!
//! The quotation finder keeps its own light tokens so that it depends only
//! on the article text and its blocks: cues are parsed clause by clause
//! around quotation marks, which the `text` stage's sentences may split.

use super::lexicon::lexicon;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters or digits, with inner apostrophes, hyphens and periods.
    Word,
    /// A quotation mark of any kind (including an apostrophe left alone).
    Quote,
    /// — – ― or a lone hyphen, or "--".
    Dash,
    /// Any other punctuation or symbol.
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

impl Tok {
    pub fn text<'text>(&self, text: &'text str) -> &'text str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }

    /// True when this is the punctuation character `mark`.
    pub fn is_punct(&self, text: &str, mark: &str) -> bool {
        self.kind == TokKind::Punct && self.text(text) == mark
    }
}

pub fn is_quote_char(character: char) -> bool {
    matches!(
        character,
        '"' | '\'' | '“' | '”' | '„' | '‟' | '«' | '»' | '‘' | '’' | '‚' | '‛' | '‹' | '›'
    )
}

pub fn is_dash_char(character: char) -> bool {
    matches!(character, '—' | '–' | '―' | '‒')
}

fn is_inner_joiner(character: char) -> bool {
    matches!(character, '\'' | '’' | '-' | '‑' | '.' | '&')
}

/// Cuts `text[range]` into tokens, appending them to `out`.
pub fn lex(text: &str, range: Range<usize>, out: &mut Vec<Tok>) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let base = range.start;
    let mut characters = slice.char_indices().peekable();
    while let Some((offset, character)) = characters.next() {
        let start = base + offset;
        if character.is_alphanumeric() {
            let mut end = start + character.len_utf8();
            while let Some(&(next_offset, next)) = characters.peek() {
                if next.is_alphanumeric() || is_combining(next) {
                    end = base + next_offset + next.len_utf8();
                    characters.next();
                    continue;
                }
                if is_inner_joiner(next) {
                    // Joins only when a letter or digit follows.
                    let after = slice
                        .get(next_offset + next.len_utf8()..)
                        .and_then(|rest| rest.chars().next());
                    if after.is_some_and(char::is_alphanumeric) {
                        end = base + next_offset + next.len_utf8();
                        characters.next();
                        continue;
                    }
                }
                break;
            }
            out.push(Tok {
                start,
                end,
                kind: TokKind::Word,
            });
            continue;
        }
        if character.is_whitespace() {
            continue;
        }
        let mut end = start + character.len_utf8();
        let kind = if is_quote_char(character) {
            // Two apostrophes are one double mark ('' … '').
            if character == '\'' {
                if let Some(&(next_offset, '\'')) = characters.peek() {
                    end = base + next_offset + 1;
                    characters.next();
                }
            }
            TokKind::Quote
        } else if is_dash_char(character) {
            TokKind::Dash
        } else if character == '-' {
            // "--" is a dash; a hyphen alone between spaces is one too.
            if let Some(&(next_offset, '-')) = characters.peek() {
                end = base + next_offset + 1;
                characters.next();
            }
            TokKind::Dash
        } else {
            TokKind::Punct
        };
        out.push(Tok { start, end, kind });
    }
}

fn is_combining(character: char) -> bool {
    matches!(character, '\u{0300}'..='\u{036f}')
}

/// Lower-cases a word into `buffer` (reused across calls), returning it.
pub fn lower<'buffer>(word: &str, buffer: &'buffer mut String) -> &'buffer str {
    buffer.clear();
    if word.bytes().all(|byte| !byte.is_ascii_uppercase()) && word.is_ascii() {
        buffer.push_str(word);
    } else {
        for character in word.chars() {
            buffer.extend(character.to_lowercase());
        }
    }
    buffer.as_str()
}

/// Byte offsets where sentences start inside `text[range]` (the first is
/// `range.start`'s first non-space character). A sentence ends at . ! ? or …
/// (with any closing quotation marks or brackets after it) followed by white
/// space and an upper-case letter, digit, opening quotation mark or dash;
/// a period after a known abbreviation or a single capital letter does not
/// end one.
pub fn sentence_starts(text: &str, range: Range<usize>) -> Vec<usize> {
    let mut starts = Vec::new();
    let Some(slice) = text.get(range.clone()) else {
        return starts;
    };
    let base = range.start;
    let first = slice.len() - slice.trim_start().len();
    if first < slice.len() {
        starts.push(base + first);
    }
    let bytes = slice.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let is_terminal = matches!(byte, b'.' | b'!' | b'?')
            || (byte == 0xE2 && slice.get(index..index + 3) == Some("…"));
        if !is_terminal {
            index += 1;
            continue;
        }
        let terminal_start = index;
        let mut after = index + if byte == 0xE2 { 3 } else { 1 };
        // Closing marks and brackets that belong to the sentence end.
        while let Some(character) = slice.get(after..).and_then(|rest| rest.chars().next()) {
            if matches!(
                character,
                '"' | '”' | '’' | '\'' | '»' | ')' | ']' | '.' | '!' | '?'
            ) {
                after += character.len_utf8();
            } else {
                break;
            }
        }
        let rest = slice.get(after..).unwrap_or("");
        let trimmed = rest.trim_start();
        let spaces = rest.len() - trimmed.len();
        index = after.max(index + 1);
        if spaces == 0 || trimmed.is_empty() {
            continue;
        }
        let Some(next) = trimmed.chars().next() else {
            continue;
        };
        let opens = next.is_uppercase()
            || next.is_ascii_digit()
            || matches!(next, '"' | '“' | '‘' | '«' | '„' | '\'' | '(' | '[')
            || is_dash_char(next);
        if !opens {
            continue;
        }
        if byte == b'.' && ends_with_abbreviation(&slice[..terminal_start]) {
            continue;
        }
        starts.push(base + after + spaces);
    }
    starts
}

/// True when `before` (text up to a period) ends in an abbreviation that
/// does not end a sentence: a listed title or short form, a single capital
/// letter (an initial, "U.S").
fn ends_with_abbreviation(before: &str) -> bool {
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, character)| !(character.is_alphanumeric() || *character == '.'))
        .map(|(offset, character)| offset + character.len_utf8())
        .unwrap_or(0);
    let word = before.get(word_start..).unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let last_part = word.rsplit('.').next().unwrap_or(word);
    let mut letters = last_part.chars();
    let single_capital =
        matches!((letters.next(), letters.next()), (Some(first), None) if first.is_uppercase());
    single_capital || lexicon().is_abbreviation(last_part)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(text: &str) -> Vec<(&str, TokKind)> {
        let mut out = Vec::new();
        lex(text, 0..text.len(), &mut out);
        out.iter().map(|tok| (tok.text(text), tok.kind)).collect()
    }

    #[test]
    fn lexes_words_marks_and_dashes() {
        assert_eq!(
            texts("''Yes''"),
            vec![
                ("''", TokKind::Quote),
                ("Yes", TokKind::Word),
                ("''", TokKind::Quote)
            ]
        );
        let tokens = texts("“Don’t,” said U.S. envoy — well-known -- x");
        assert_eq!(
            tokens,
            vec![
                ("“", TokKind::Quote),
                ("Don’t", TokKind::Word),
                (",", TokKind::Punct),
                ("”", TokKind::Quote),
                ("said", TokKind::Word),
                ("U.S", TokKind::Word),
                (".", TokKind::Punct),
                ("envoy", TokKind::Word),
                ("—", TokKind::Dash),
                ("well-known", TokKind::Word),
                ("--", TokKind::Dash),
                ("x", TokKind::Word),
            ]
        );
    }

    #[test]
    fn sentence_starts_skip_titles_and_initials() {
        let text = "Mr. Grey spoke to J. Doe. \"It is over.\" Then he left. it ended";
        let starts = sentence_starts(text, 0..text.len());
        let firsts: Vec<&str> = starts
            .iter()
            .map(|&start| &text[start..start + 4])
            .collect();
        assert_eq!(firsts, vec!["Mr. ", "\"It ", "Then"]);
    }

    proptest! {
        #[test]
        fn tokens_stay_in_range_and_order(text in "\\PC{0,80}") {
            let mut out = Vec::new();
            lex(&text, 0..text.len(), &mut out);
            let mut previous_end = 0;
            for tok in &out {
                prop_assert!(tok.start >= previous_end && tok.start < tok.end && tok.end <= text.len());
                prop_assert!(text.get(tok.start..tok.end).is_some());
                previous_end = tok.end;
            }
            let starts = sentence_starts(&text, 0..text.len());
            for pair in starts.windows(2) {
                prop_assert!(pair[0] < pair[1]);
            }
            for start in starts {
                prop_assert!(text.is_char_boundary(start) && start <= text.len());
            }
        }
    }
}
