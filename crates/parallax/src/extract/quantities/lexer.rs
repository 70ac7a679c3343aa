//! A small lexer for the number extractors: words, numbers, punctuation and
//! symbols with byte offsets, and whether white space comes before each.
//!
//! The text stage's tokens are the shared cut of an article; numbers need a
//! finer one ("60kg" is a number and a unit, "$1.2bn" a symbol, a number and
//! a scale, "COVID-19" a name glued to a number), so the number extractors
//! re-read each sentence's text with these rules. Offsets are absolute bytes
//! in the article text.

/// What a lexeme is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LexKind {
    /// Letters, then letters or digits, with inner apostrophes and
    /// abbreviation periods ("don't", "U.S.", "a.m.", "G7").
    Word,
    /// ASCII digits with inner `,` or `.` separators ("1,227", "9.5").
    Number,
    /// Currency signs, `%`, `°`, `+`, `#`, `&`.
    Symbol,
    /// Any other character that is not white space, one at a time.
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Lexeme {
    pub start: usize,
    pub end: usize,
    pub kind: LexKind,
    /// True when no white space separates it from the lexeme before.
    pub glued: bool,
}

impl Lexeme {
    pub fn text<'text>(&self, text: &'text str) -> &'text str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

fn is_symbol(character: char) -> bool {
    matches!(
        character,
        '$' | '€' | '£' | '¥' | '₹' | '₽' | '₴' | '%' | '°' | '+' | '#' | '&'
    )
}

fn is_apostrophe(character: char) -> bool {
    matches!(character, '\'' | '’')
}

/// Cuts `text[range]` into lexemes. Offsets are absolute in `text`.
pub(crate) fn lex(text: &str, range_start: usize, range_end: usize) -> Vec<Lexeme> {
    let mut lexemes = Vec::new();
    let Some(slice) = text.get(range_start..range_end) else {
        return lexemes;
    };
    let characters: Vec<(usize, char)> = slice.char_indices().collect();
    let mut position = 0;
    let mut glued = false;
    while let Some(&(offset, character)) = characters.get(position) {
        if character.is_whitespace() {
            glued = false;
            position += 1;
            continue;
        }
        let start_position = position;
        let kind = if character.is_ascii_digit() {
            position += 1;
            while let Some(&(_, next)) = characters.get(position) {
                if next.is_ascii_digit() {
                    position += 1;
                } else if matches!(next, ',' | '.')
                    && characters
                        .get(position + 1)
                        .is_some_and(|(_, after)| after.is_ascii_digit())
                {
                    position += 2;
                } else {
                    break;
                }
            }
            LexKind::Number
        } else if character.is_alphabetic() {
            position += 1;
            let mut has_period = false;
            while let Some(&(_, next)) = characters.get(position) {
                let following = characters.get(position + 1).map(|(_, after)| *after);
                if next.is_alphanumeric() {
                    position += 1;
                } else if is_apostrophe(next) && following.is_some_and(char::is_alphabetic) {
                    position += 2;
                } else if next == '.'
                    && following.is_some_and(char::is_alphabetic)
                    && single_letter_before(&characters, position)
                {
                    // "U.S", "a.m": a period between single letters.
                    has_period = true;
                    position += 2;
                } else {
                    break;
                }
            }
            if has_period
                && characters
                    .get(position)
                    .is_some_and(|(_, next)| *next == '.')
            {
                position += 1;
            }
            LexKind::Word
        } else if is_symbol(character) {
            position += 1;
            LexKind::Symbol
        } else {
            position += 1;
            LexKind::Punct
        };
        let end_offset = characters
            .get(position)
            .map(|(next_offset, _)| *next_offset)
            .unwrap_or(slice.len());
        debug_assert!(start_position < position);
        lexemes.push(Lexeme {
            start: range_start + offset,
            end: range_start + end_offset,
            kind,
            glued,
        });
        glued = true;
    }
    lexemes
}

/// True when the word part just before `period_position` is one letter
/// ("U" in "U.S", "S" in "U.S.A").
fn single_letter_before(characters: &[(usize, char)], period_position: usize) -> bool {
    let Some(before) = period_position.checked_sub(1) else {
        return false;
    };
    let letter = characters
        .get(before)
        .is_some_and(|(_, c)| c.is_alphabetic());
    let boundary = match before
        .checked_sub(1)
        .and_then(|index| characters.get(index))
    {
        Some((_, c)) => !c.is_alphanumeric(),
        None => true,
    };
    letter && boundary
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(text: &str) -> Vec<(&str, LexKind, bool)> {
        lex(text, 0, text.len())
            .iter()
            .map(|lexeme| (lexeme.text(text), lexeme.kind, lexeme.glued))
            .collect()
    }

    #[test]
    fn numbers_words_and_symbols() {
        let lexed = texts("More than 1,227 people, $1.2bn and 60kg in the U.S. at 3 p.m.");
        let words: Vec<&str> = lexed.iter().map(|(text, _, _)| *text).collect();
        assert_eq!(
            words,
            vec![
                "More", "than", "1,227", "people", ",", "$", "1.2", "bn", "and", "60", "kg", "in",
                "the", "U.S.", "at", "3", "p.m."
            ]
        );
        assert_eq!(lexed[2].1, LexKind::Number);
        assert_eq!(lexed[5].1, LexKind::Symbol);
        assert!(lexed[7].2, "bn is glued to 1.2");
        assert!(!lexed[8].2);
    }

    #[test]
    fn sentence_final_period_is_not_a_decimal() {
        let lexed = texts("in 2022. COVID-19 and don't");
        let words: Vec<&str> = lexed.iter().map(|(text, _, _)| *text).collect();
        assert_eq!(
            words,
            vec!["in", "2022", ".", "COVID", "-", "19", "and", "don't"]
        );
    }

    proptest! {
        #[test]
        fn lexemes_are_ordered_and_inside(text in "\\PC{0,80}") {
            let lexemes = lex(&text, 0, text.len());
            let mut previous_end = 0;
            for lexeme in &lexemes {
                prop_assert!(lexeme.start >= previous_end);
                prop_assert!(lexeme.start < lexeme.end);
                prop_assert!(lexeme.end <= text.len());
                prop_assert!(text.get(lexeme.start..lexeme.end).is_some());
                previous_end = lexeme.end;
            }
        }
    }
}
