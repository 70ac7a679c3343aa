//! Tokens of one block: words, numbers, quotation marks, dashes,
//! punctuation and symbols, with byte offsets into the article text.
//!
//! Choices (downstream extractors rely on them):
//! - A word keeps inner apostrophes, hyphens and periods: "don't",
//!   "Saint-Denis", "U.S.", "e.g.", "COVID-19", "O’Brien".
//! - The possessive "’s" / "'s" is a token of its own (kind `Word`):
//!   "Lukashenko’s" → "Lukashenko" + "’s"; contractions with "’s" split the
//!   same way ("That’s" → "That" + "’s"). Other contractions stay whole
//!   ("don't", "we’re"). A bare apostrophe after a plural ("the parents’
//!   house") is a `Punct` token when no single quotation is open.
//! - A word takes its final period when it is an abbreviation of the table,
//!   a dotted initialism ("U.S.", "a.m.") or a single capital initial
//!   ("V."); otherwise the period is a `Punct` token. The sentence splitter
//!   decides whether such a period also ends the sentence.
//! - Numbers keep their separators between digits ("1,227", "9.5",
//!   "10:30", "12/13/2024") and an ordinal or decade suffix ("2,000th",
//!   "21st", "1990s"); other letters after digits start a new word ("60kg"
//!   → "60" + "kg"). A hyphen between numbers is `Punct` ("10-20").
//! - Elisions with a leading apostrophe are words: "’90s", "’em", "’til",
//!   "rock ’n’ roll".
//! - Links and e-mail addresses are one word ("https://example.com/a-b",
//!   "jane.doe@example.com"), without trailing punctuation.
//! - Runs of sentence punctuation are one token ("?!", "...", "!!"); dots
//!   separated by spaces (". . .") are one token each.
//! - Quotation marks are `QuoteOpen` or `QuoteClose` by position (a mark
//!   after a space and before a letter opens), and when position does not
//!   tell, by the mark's own direction or, for straight quotes, by whether a
//!   quotation of that kind is open.
//! - Dashes (— – ― and "--", or a hyphen with spaces on both sides) are
//!   `Dash`; currency signs, %, &, + and other symbols are `Symbol`.

use super::lexicon::{abbreviation, is_elision, AbbreviationClass};
use crate::model::{Token, TokenKind};

/// White space, including the zero-width characters that web text carries.
pub(crate) fn is_space(character: char) -> bool {
    character.is_whitespace() || matches!(character, '\u{200b}' | '\u{feff}' | '\u{2060}')
}

fn is_quote_mark(character: char) -> bool {
    matches!(
        character,
        '"' | '\''
            | '‘'
            | '’'
            | '‚'
            | '‛'
            | '“'
            | '”'
            | '„'
            | '‟'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '「'
            | '」'
            | '『'
            | '』'
    )
}

fn is_apostrophe(character: char) -> bool {
    matches!(character, '\'' | '’')
}

fn is_dash_mark(character: char) -> bool {
    matches!(character, '—' | '–' | '―' | '‒' | '⸺' | '⸻' | '﹘')
}

/// Marks that end a sentence ("." "!" "?" "…" and their variants).
pub(crate) fn is_terminal_mark(character: char) -> bool {
    matches!(
        character,
        '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？'
    )
}

fn is_hyphen(character: char) -> bool {
    matches!(character, '-' | '‐' | '‑' | '\u{ad}')
}

/// Characters that are neither letters nor digits, outside ASCII: general
/// and CJK punctuation, currency and other symbols, emoji.
fn is_non_word_unicode(character: char) -> bool {
    let code = u32::from(character);
    matches!(code,
        0x00A1..=0x00A9 | 0x00AB..=0x00B4 | 0x00B6..=0x00B9 | 0x00BB..=0x00BF
        | 0x00D7 | 0x00F7
        | 0x2000..=0x206F
        | 0x20A0..=0x20CF
        | 0x2100..=0x2BFF
        | 0x2E00..=0x2E7F
        | 0x3000..=0x303F
        | 0xE000..=0xF8FF
        | 0xFE10..=0xFE1F
        | 0xFE30..=0xFE6F
        | 0xFF01..=0xFF0F
        | 0xFF1A..=0xFF20
        | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65
        | 0xFFF0..=0xFFFF
        | 0x1F000..=0x1FAFF
    )
}

/// Letters, digits and combining marks: what words are made of.
pub(crate) fn is_word_char(character: char) -> bool {
    if character.is_ascii() {
        return character.is_ascii_alphanumeric();
    }
    !is_space(character)
        && !is_quote_mark(character)
        && !is_dash_mark(character)
        && !is_terminal_mark(character)
        && !is_non_word_unicode(character)
}

fn is_punct_char(character: char) -> bool {
    if character.is_ascii() {
        return matches!(
            character,
            ',' | ';' | ':' | '(' | ')' | '[' | ']' | '{' | '}' | '/' | '\\' | '_' | '-'
        );
    }
    let code = u32::from(character);
    matches!(character, '¡' | '¿' | '·' | '\u{ad}')
        || matches!(code, 0x2010..=0x2027 | 0x2043 | 0x2E00..=0x2E7F | 0x3000..=0x303F)
        || matches!(code, 0xFE10..=0xFE1F | 0xFE30..=0xFE6F | 0xFF01..=0xFF0F)
}

/// Before a quotation mark, characters after which the mark opens.
fn opens_after(character: char) -> bool {
    is_space(character)
        || matches!(character, '(' | '[' | '{' | '/' | '-')
        || is_dash_mark(character)
        || is_quote_mark(character)
}

/// After a quotation mark, characters before which the mark closes.
fn closes_before(character: char) -> bool {
    is_space(character)
        || is_terminal_mark(character)
        || matches!(character, ',' | ';' | ':' | ')' | ']' | '}' | '-')
        || is_dash_mark(character)
        || is_quote_mark(character)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Open,
    Close,
    /// Straight quotes: the position or the open state decides.
    Either,
}

fn nominal_direction(mark: char) -> Direction {
    match mark {
        '“' | '‘' | '„' | '‚' | '«' | '‹' | '‛' | '‟' | '「' | '『' => {
            Direction::Open
        }
        '”' | '’' | '»' | '›' | '」' | '』' => Direction::Close,
        _ => Direction::Either,
    }
}

fn is_single_quote_family(mark: char) -> bool {
    matches!(mark, '\'' | '‘' | '’' | '‚' | '‛' | '‹' | '›')
}

/// Tokenises one block (`block_text`, starting at byte `base` of the
/// article text), pushing its tokens onto `tokens`.
pub(crate) fn tokenize_block(block_text: &str, base: usize, tokens: &mut Vec<Token>) {
    let mut tokenizer = Tokenizer {
        text: block_text,
        base,
        double_open: false,
        single_open: false,
    };
    tokenizer.run(tokens);
}

struct Tokenizer<'text> {
    text: &'text str,
    base: usize,
    double_open: bool,
    single_open: bool,
}

impl<'text> Tokenizer<'text> {
    fn char_at(&self, position: usize) -> Option<char> {
        self.text.get(position..)?.chars().next()
    }

    fn char_before(&self, position: usize) -> Option<char> {
        self.text.get(..position)?.chars().next_back()
    }

    fn push(&self, tokens: &mut Vec<Token>, start: usize, end: usize, kind: TokenKind) {
        debug_assert!(start < end && end <= self.text.len());
        tokens.push(Token {
            start: u32::try_from(self.base + start).unwrap_or(u32::MAX),
            end: u32::try_from(self.base + end).unwrap_or(u32::MAX),
            kind,
        });
    }

    fn run(&mut self, tokens: &mut Vec<Token>) {
        let bytes = self.text.as_bytes();
        let mut position = 0;
        while position < bytes.len() {
            // Fast path for ASCII white space.
            let byte = bytes.get(position).copied().unwrap_or(b' ');
            if byte == b' ' || byte == b'\n' || byte == b'\t' || byte == b'\r' {
                position += 1;
                continue;
            }
            let Some(character) = self.char_at(position) else {
                // Not a character boundary: cannot happen for a &str walked
                // by character lengths, but never loop forever.
                position += 1;
                continue;
            };
            let width = character.len_utf8();
            let end = if is_space(character) {
                position + width
            } else if character.is_ascii_digit() {
                let end = self.number_end(position);
                self.push(tokens, position, end, TokenKind::Number);
                end
            } else if is_word_char(character) {
                let end = self.word_end(position);
                self.push(tokens, position, end, TokenKind::Word);
                end
            } else if is_quote_mark(character) {
                let (end, kind) = self.quote_or_apostrophe(position, character);
                self.push(tokens, position, end, kind);
                end
            } else if is_terminal_mark(character) {
                let end = self.terminal_run_end(position);
                self.push(tokens, position, end, TokenKind::Punct);
                end
            } else if is_dash_mark(character) {
                self.push(tokens, position, position + width, TokenKind::Dash);
                position + width
            } else if character == '-' {
                let (end, kind) = self.hyphen(position);
                self.push(tokens, position, end, kind);
                end
            } else if is_punct_char(character) {
                self.push(tokens, position, position + width, TokenKind::Punct);
                position + width
            } else {
                self.push(tokens, position, position + width, TokenKind::Symbol);
                position + width
            };
            debug_assert!(end > position);
            position = end.max(position + 1);
            while position < bytes.len() && !self.text.is_char_boundary(position) {
                position += 1;
            }
        }
    }

    fn terminal_run_end(&self, start: usize) -> usize {
        let mut end = start;
        while let Some(character) = self.char_at(end) {
            if !is_terminal_mark(character) {
                break;
            }
            end += character.len_utf8();
        }
        end
    }

    /// A hyphen outside a word: "--" and a hyphen between spaces are dashes.
    fn hyphen(&self, start: usize) -> (usize, TokenKind) {
        let bytes = self.text.as_bytes();
        let mut end = start;
        while bytes.get(end) == Some(&b'-') {
            end += 1;
        }
        if end - start >= 2 {
            return (end, TokenKind::Dash);
        }
        let space_before = self.char_before(start).is_none_or(is_space);
        let space_after = self.char_at(end).is_none_or(is_space);
        if space_before && space_after {
            (end, TokenKind::Dash)
        } else {
            (end, TokenKind::Punct)
        }
    }

    fn number_end(&self, start: usize) -> usize {
        let bytes = self.text.as_bytes();
        let digits_from = |mut position: usize| {
            while bytes.get(position).is_some_and(u8::is_ascii_digit) {
                position += 1;
            }
            position
        };
        let mut end = digits_from(start);
        while let Some(&separator) = bytes.get(end) {
            let next_is_digit = bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
            if matches!(separator, b',' | b'.' | b':' | b'/') && next_is_digit {
                end = digits_from(end + 1);
            } else {
                break;
            }
        }
        // Ordinal and decade suffixes stay with the number.
        let mut suffix_end = end;
        while bytes.get(suffix_end).is_some_and(u8::is_ascii_alphabetic) {
            suffix_end += 1;
        }
        if suffix_end > end && !self.char_at(suffix_end).is_some_and(is_word_char) {
            let suffix = self.text.get(end..suffix_end).unwrap_or("");
            let is_suffix = ["st", "nd", "rd", "th", "s"]
                .iter()
                .any(|known| suffix.eq_ignore_ascii_case(known));
            if is_suffix {
                return suffix_end;
            }
        }
        end
    }

    fn word_end(&self, start: usize) -> usize {
        let mut end = self.word_chars_end(start);
        loop {
            let Some(character) = self.char_at(end) else {
                return end;
            };
            let after = end + character.len_utf8();
            let next = self.char_at(after);
            let next_is_word = next.is_some_and(is_word_char);
            if is_hyphen(character) && next_is_word {
                end = self.word_chars_end(after);
            } else if is_apostrophe(character) && next_is_word {
                if self.is_possessive_s(end) {
                    return end;
                }
                end = self.word_chars_end(after);
            } else if character == '.' && next.is_some_and(char::is_alphabetic) {
                end = self.word_chars_end(after);
            } else if (character == '@' && next_is_word)
                || (character == ':'
                    && self
                        .text
                        .get(after..)
                        .is_some_and(|rest| rest.starts_with("//")))
            {
                return self.link_end(start);
            } else if character == '&'
                && next.is_some_and(|next| next.is_ascii_uppercase())
                && self
                    .char_before(end)
                    .is_some_and(|previous| previous.is_ascii_uppercase())
            {
                end = self.word_chars_end(after);
            } else if character == '°' && matches!(self.text.get(start..end), Some("N" | "n")) {
                end = after;
            } else if character == '.' && next != Some('.') && self.takes_period(start, end) {
                end = after;
                // "U.S.-led": a hyphen after the period continues the word.
                let hyphen_continues = self.char_at(end).is_some_and(is_hyphen)
                    && self.char_at(end + 1).is_some_and(is_word_char);
                if !hyphen_continues {
                    return end;
                }
            } else {
                return end;
            }
        }
    }

    fn word_chars_end(&self, start: usize) -> usize {
        let mut end = start;
        while let Some(character) = self.char_at(end) {
            if !is_word_char(character) {
                break;
            }
            end += character.len_utf8();
        }
        end
    }

    /// True when the apostrophe at `position` begins a possessive "’s"
    /// ("’s" followed by no letter or digit).
    fn is_possessive_s(&self, position: usize) -> bool {
        let Some(apostrophe) = self.char_at(position) else {
            return false;
        };
        let after = position + apostrophe.len_utf8();
        matches!(self.char_at(after), Some('s' | 'S'))
            && !self.char_at(after + 1).is_some_and(is_word_char)
    }

    /// True when the word `start..end`, followed by a period, takes it: an
    /// abbreviation, a dotted initialism or a single capital initial.
    fn takes_period(&self, start: usize, end: usize) -> bool {
        let Some(word) = self.text.get(start..end) else {
            return false;
        };
        match abbreviation(word) {
            Some(AbbreviationClass::Number) => self.digit_follows(end + 1),
            Some(_) => true,
            None => {
                let mut characters = word.chars();
                let single_capital = matches!(
                    (characters.next(), characters.next()),
                    (Some(first), None) if first.is_uppercase()
                );
                single_capital || is_dotted_initialism(word)
            }
        }
    }

    fn digit_follows(&self, position: usize) -> bool {
        let rest = self.text.get(position..).unwrap_or("");
        rest.trim_start_matches(is_space)
            .starts_with(|character: char| character.is_ascii_digit())
    }

    /// A link or e-mail address: up to the next white space, without
    /// trailing punctuation.
    fn link_end(&self, start: usize) -> usize {
        let rest = self.text.get(start..).unwrap_or("");
        let run_length = rest.find(is_space).unwrap_or(rest.len());
        let run = rest.get(..run_length).unwrap_or("");
        let trimmed = run.trim_end_matches(|character: char| {
            matches!(
                character,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '>'
            ) || is_quote_mark(character)
        });
        start + trimmed.len().max(1)
    }

    fn quote_or_apostrophe(&mut self, position: usize, mark: char) -> (usize, TokenKind) {
        let width = mark.len_utf8();
        let previous = self.char_before(position);
        let next = self.char_at(position + width);
        let after_word = previous.is_some_and(is_word_char);
        if is_apostrophe(mark) {
            // "JFK Jr.'s": a possessive after an abbreviation's period.
            let after_period = previous == Some('.')
                && self
                    .char_before(position.saturating_sub(1))
                    .is_some_and(is_word_char);
            if after_period && self.is_possessive_s(position) {
                return (position + width + 1, TokenKind::Word);
            }
            if after_word {
                if self.is_possessive_s(position) {
                    return (position + width + 1, TokenKind::Word);
                }
                let closes_open_quote = self.single_open && !next.is_some_and(is_word_char);
                if !closes_open_quote {
                    // "the parents’ house", "goin’": an apostrophe.
                    return (position + width, TokenKind::Punct);
                }
            } else if let Some(end) = self.elision_end(position + width) {
                return (end, TokenKind::Word);
            }
        }
        let left_flanking =
            next.is_some_and(|next| !is_space(next)) && previous.is_none_or(opens_after);
        let right_flanking =
            previous.is_some_and(|previous| !is_space(previous)) && next.is_none_or(closes_before);
        let single = is_single_quote_family(mark);
        let is_open = match (left_flanking, right_flanking) {
            (true, false) => true,
            (false, true) => false,
            _ => match nominal_direction(mark) {
                Direction::Open => true,
                Direction::Close => false,
                Direction::Either => {
                    if single {
                        !self.single_open
                    } else {
                        !self.double_open
                    }
                }
            },
        };
        if single {
            self.single_open = is_open;
        } else {
            self.double_open = is_open;
        }
        let kind = if is_open {
            TokenKind::QuoteOpen
        } else {
            TokenKind::QuoteClose
        };
        (position + width, kind)
    }

    /// After a word-initial apostrophe ending at `start`: the end of an
    /// elided word ("’90s", "’em", "’n’"), if that is what follows.
    fn elision_end(&self, start: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        if bytes.get(start).is_some_and(u8::is_ascii_digit) {
            let two_digits = bytes.get(start + 1).is_some_and(u8::is_ascii_digit);
            if !two_digits {
                return None;
            }
            let mut end = start + 2;
            if matches!(bytes.get(end), Some(b's')) {
                end += 1;
            }
            return (!self.char_at(end).is_some_and(is_word_char)).then_some(end);
        }
        let word_end = self.word_chars_end(start);
        let word = self.text.get(start..word_end)?;
        if word.is_empty() || !is_elision(word) {
            return None;
        }
        if word.eq_ignore_ascii_case("n") {
            // "rock ’n’ roll": the elision carries its closing apostrophe.
            let closing = self.char_at(word_end).filter(|&mark| is_apostrophe(mark))?;
            let end = word_end + closing.len_utf8();
            return (!self.char_at(end).is_some_and(is_word_char)).then_some(end);
        }
        let next_is_apostrophe = self.char_at(word_end).is_some_and(is_apostrophe);
        (!next_is_apostrophe).then_some(word_end)
    }
}

/// "U.S", "a.m", "U.S.A", "Ph.D": two or more parts of one or two letters
/// joined by periods (the final period not included).
fn is_dotted_initialism(word: &str) -> bool {
    let mut parts = 0;
    for part in word.split('.') {
        let letters = part.chars().count();
        if letters == 0 || letters > 2 || !part.chars().all(char::is_alphabetic) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(&str, TokenKind)> {
        let mut found = Vec::new();
        tokenize_block(text, 0, &mut found);
        found
            .iter()
            .map(|token| (token.text(text), token.kind))
            .collect()
    }

    fn words(text: &str) -> Vec<&str> {
        tokens(text).into_iter().map(|(word, _)| word).collect()
    }

    use TokenKind::*;

    #[test]
    fn words_keep_inner_apostrophes_hyphens_and_periods() {
        assert_eq!(
            words("Don't go to Saint-Denis, O’Brien; the U.S. and COVID-19."),
            vec![
                "Don't",
                "go",
                "to",
                "Saint-Denis",
                ",",
                "O’Brien",
                ";",
                "the",
                "U.S.",
                "and",
                "COVID-19",
                "."
            ]
        );
        assert_eq!(words("U.S.-led talks"), vec!["U.S.-led", "talks"]);
        assert_eq!(words("AT&T and R&D"), vec!["AT&T", "and", "R&D"]);
    }

    #[test]
    fn possessive_s_is_its_own_token() {
        assert_eq!(
            tokens("the minister’s car and John's"),
            vec![
                ("the", Word),
                ("minister", Word),
                ("’s", Word),
                ("car", Word),
                ("and", Word),
                ("John", Word),
                ("'s", Word)
            ]
        );
        assert_eq!(
            words("the parents’ house"),
            vec!["the", "parents", "’", "house"]
        );
        assert_eq!(tokens("parents’ house")[1].1, Punct);
    }

    #[test]
    fn elisions_are_words_not_quotes() {
        assert_eq!(
            tokens("rock ’n’ roll in the ’90s, tell ’em"),
            vec![
                ("rock", Word),
                ("’n’", Word),
                ("roll", Word),
                ("in", Word),
                ("the", Word),
                ("’90s", Word),
                (",", Punct),
                ("tell", Word),
                ("’em", Word)
            ]
        );
    }

    #[test]
    fn numbers_keep_separators_and_ordinal_suffixes() {
        assert_eq!(
            tokens(
                "1,227 people, 9.5 per cent, $1.2 billion, the 2,000th, 60kg at 10:30 in the 1990s"
            ),
            vec![
                ("1,227", Number),
                ("people", Word),
                (",", Punct),
                ("9.5", Number),
                ("per", Word),
                ("cent", Word),
                (",", Punct),
                ("$", Symbol),
                ("1.2", Number),
                ("billion", Word),
                (",", Punct),
                ("the", Word),
                ("2,000th", Number),
                (",", Punct),
                ("60", Number),
                ("kg", Word),
                ("at", Word),
                ("10:30", Number),
                ("in", Word),
                ("the", Word),
                ("1990s", Number)
            ]
        );
        assert_eq!(
            tokens("10-20 and 50%"),
            vec![
                ("10", Number),
                ("-", Punct),
                ("20", Number),
                ("and", Word),
                ("50", Number),
                ("%", Symbol)
            ]
        );
    }

    #[test]
    fn abbreviations_initials_and_ordinary_periods() {
        assert_eq!(
            words("Mr. Smith met Vladimir V. Putin on Dec. 13 at 5 p.m. today."),
            vec![
                "Mr.", "Smith", "met", "Vladimir", "V.", "Putin", "on", "Dec.", "13", "at", "5",
                "p.m.", "today", "."
            ]
        );
        assert_eq!(
            words("No. 5 but no. Then"),
            vec!["No.", "5", "but", "no", ".", "Then"]
        );
        assert_eq!(words("N°. 12"), vec!["N°.", "12"]);
        assert_eq!(words("etc..."), vec!["etc", "..."]);
    }

    #[test]
    fn links_and_emails_are_single_words() {
        assert_eq!(
            words("Mail jane.doe@example.com. See https://www.example.50.com/a_b.html."),
            vec![
                "Mail",
                "jane.doe@example.com",
                ".",
                "See",
                "https://www.example.50.com/a_b.html",
                "."
            ]
        );
    }

    #[test]
    fn quotes_open_and_close_by_position() {
        assert_eq!(
            tokens("“Yes,” she said. \"No\" 'maybe' «oui» „ja“"),
            vec![
                ("“", QuoteOpen),
                ("Yes", Word),
                (",", Punct),
                ("”", QuoteClose),
                ("she", Word),
                ("said", Word),
                (".", Punct),
                ("\"", QuoteOpen),
                ("No", Word),
                ("\"", QuoteClose),
                ("'", QuoteOpen),
                ("maybe", Word),
                ("'", QuoteClose),
                ("«", QuoteOpen),
                ("oui", Word),
                ("»", QuoteClose),
                ("„", QuoteOpen),
                ("ja", Word),
                ("“", QuoteClose)
            ]
        );
        // A straight quote between spaces: the open state decides.
        let kinds: Vec<TokenKind> = tokens("\" a \" b")
            .into_iter()
            .map(|(_, kind)| kind)
            .collect();
        assert_eq!(kinds, vec![QuoteOpen, Word, QuoteClose, Word]);
        // A closing single quote after a word ending in s closes the quote.
        assert_eq!(tokens("‘the parents’ view")[3], ("’", QuoteClose));
    }

    #[test]
    fn dashes_punctuation_and_symbols() {
        assert_eq!(
            tokens("— Yes, -- he said - 50 € & more?! Well…"),
            vec![
                ("—", Dash),
                ("Yes", Word),
                (",", Punct),
                ("--", Dash),
                ("he", Word),
                ("said", Word),
                ("-", Dash),
                ("50", Number),
                ("€", Symbol),
                ("&", Symbol),
                ("more", Word),
                ("?!", Punct),
                ("Well", Word),
                ("…", Punct)
            ]
        );
    }

    #[test]
    fn offsets_are_shifted_by_the_block_base() {
        let mut found = Vec::new();
        tokenize_block("Zoë left.", 10, &mut found);
        let ranges: Vec<(u32, u32)> = found.iter().map(|token| (token.start, token.end)).collect();
        assert_eq!(ranges, vec![(10, 14), (15, 19), (19, 20)]);
    }

    proptest::proptest! {
        /// Tokens cover every character but white space, in order, on
        /// character boundaries.
        #[test]
        fn tokens_cover_all_but_white_space(text in "(\\PC|[ .!?'’‘“”\"«»—–-]|\\s){0,80}") {
            let mut found = Vec::new();
            tokenize_block(&text, 5, &mut found);
            let mut joined = String::new();
            let mut previous_end = 5;
            for token in &found {
                proptest::prop_assert!(token.start as usize >= previous_end);
                proptest::prop_assert!(token.start < token.end);
                let start = token.start as usize - 5;
                let end = token.end as usize - 5;
                proptest::prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
                joined.push_str(&text[start..end]);
                previous_end = token.end as usize;
            }
            let without_space: String = text.chars().filter(|&character| !is_space(character)).collect();
            proptest::prop_assert_eq!(joined, without_space);
        }
    }

    #[test]
    fn multibyte_words_and_scripts() {
        assert_eq!(
            words("Łukaszenka spotkał się z Тихановской в Вільнюсі."),
            vec![
                "Łukaszenka",
                "spotkał",
                "się",
                "z",
                "Тихановской",
                "в",
                "Вільнюсі",
                "."
            ]
        );
    }
}
