//! Word units: the tokens of a sentence regrouped into the pieces a name is
//! made of.
//!
//! A unit is a word with what is glued to it: hyphenated and apostrophe
//! parts ("Al-Assad", "O'Brien", "N'Djamena"), the full stop of an initial
//! or abbreviation ("U.S.", "J.", "Mr."), and a possessive ending
//! ("Vantor's", "Reuters'"), which the unit keeps but its name part leaves
//! out. The text stage may cut such words into several tokens or keep them
//! whole; units look the same either way.

use super::lexicon::{fold_hash, lexicon};
use crate::model::{Token, TokenKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum UnitKind {
    Word,
    Number,
    QuoteOpen,
    QuoteClose,
    Dash,
    /// Other punctuation or a symbol; `character` is its first character.
    Punct(char),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Case {
    /// First letter upper case, some lower case after ("Oslo", "McDonald").
    Capitalised,
    /// Two or more letters, all upper case ("NATO", "U.S.").
    AllCaps,
    /// A single upper-case letter, perhaps with a full stop ("J.", "A").
    Initial,
    /// First letter lower case.
    Lower,
    /// No letter.
    None,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Unit {
    /// Byte range in the article text, possessive ending included.
    pub(super) start: u32,
    pub(super) end: u32,
    /// End of the name part: before a possessive ending.
    pub(super) name_end: u32,
    pub(super) kind: UnitKind,
    pub(super) case: Case,
    /// Fold hash of the name part.
    pub(super) hash: u64,
    /// Fold hash of the name part without a final full stop ("Mr." → "mr").
    pub(super) bare_hash: u64,
    /// Fold hash of the part after the first hyphen, for "then-President"
    /// and "al-Assad"; equal to `bare_hash` when there is no hyphen.
    pub(super) after_hyphen_hash: u64,
    pub(super) possessive: bool,
    /// Capitalised by its place: first word of the sentence, or first after
    /// an opening quotation mark, a colon or a list marker ("a)").
    pub(super) position_initial: bool,
    /// A hyphenated adjective built on a name ("pro-Beijing",
    /// "Scientology-related", "US-based"): not a name itself.
    pub(super) adjectival: bool,
}

impl Unit {
    pub(super) fn is_word(&self) -> bool {
        self.kind == UnitKind::Word
    }

    /// A word written with a capital (or all capitals, or an initial).
    pub(super) fn is_capitalised(&self) -> bool {
        self.kind == UnitKind::Word
            && matches!(self.case, Case::Capitalised | Case::AllCaps | Case::Initial)
    }

    pub(super) fn is_lower_word(&self) -> bool {
        self.kind == UnitKind::Word && self.case == Case::Lower
    }

    pub(super) fn name_text<'text>(&self, text: &'text str) -> &'text str {
        text.get(self.start as usize..self.name_end as usize)
            .unwrap_or("")
    }

    pub(super) fn is_punct(&self, character: char) -> bool {
        self.kind == UnitKind::Punct(character)
    }
}

/// True for the characters that glue two word parts into one unit.
fn is_glue(text: &str) -> bool {
    matches!(text, "-" | "\u{2010}" | "\u{2011}" | "'" | "\u{2019}")
}

fn is_apostrophe(text: &str) -> bool {
    matches!(text, "'" | "\u{2019}")
}

/// True when a token carries letters: a word, even if the text stage marked
/// it as punctuation ("O'Brien" from a simple tokenizer).
fn is_wordish(token: &Token, text: &str) -> bool {
    match token.kind {
        TokenKind::Word => true,
        TokenKind::Number | TokenKind::QuoteOpen | TokenKind::QuoteClose | TokenKind::Dash => false,
        TokenKind::Punct | TokenKind::Symbol => {
            token.text(text).chars().any(char::is_alphabetic) && !is_glue(token.text(text))
        }
    }
}

/// Builds the units of one sentence's tokens.
pub(super) fn build_units(text: &str, tokens: &[Token], units: &mut Vec<Unit>) {
    let sentence_first_unit = units.len();
    let mut index = 0;
    let mut next_is_initial = true;
    while let Some(token) = tokens.get(index) {
        if !is_wordish(token, text) {
            let kind = match token.kind {
                TokenKind::Number => UnitKind::Number,
                TokenKind::QuoteOpen => UnitKind::QuoteOpen,
                TokenKind::QuoteClose => UnitKind::QuoteClose,
                TokenKind::Dash => UnitKind::Dash,
                TokenKind::Word | TokenKind::Punct | TokenKind::Symbol => {
                    UnitKind::Punct(token.text(text).chars().next().unwrap_or(' '))
                }
            };
            let hash = fold_hash(token.text(text));
            units.push(Unit {
                start: token.start,
                end: token.end,
                name_end: token.end,
                kind,
                case: Case::None,
                hash,
                bare_hash: hash,
                after_hyphen_hash: hash,
                possessive: false,
                position_initial: false,
                adjectival: false,
            });
            let opens_quote = match kind {
                UnitKind::QuoteOpen => true,
                UnitKind::Punct('\u{201c}' | '\u{ab}' | '\u{201e}' | '\u{2018}') => true,
                // A straight quote glued to the word after it, not to the one
                // before it, opens a quotation.
                UnitKind::Punct('"' | '\'') => {
                    let glued_after = tokens
                        .get(index + 1)
                        .is_some_and(|after| after.start == token.end);
                    let glued_before = index
                        .checked_sub(1)
                        .and_then(|before| tokens.get(before))
                        .is_some_and(|before| before.end == token.start);
                    glued_after && !glued_before
                }
                _ => false,
            };
            // "a)" and "2)" at the start of a list item.
            let list_marker = kind == UnitKind::Punct(')')
                && index
                    .checked_sub(1)
                    .and_then(|before| tokens.get(before))
                    .is_some_and(|before| {
                        before.end == token.start && before.end - before.start <= 2
                    });
            if opens_quote || list_marker || kind == UnitKind::Punct(':') {
                next_is_initial = true;
            } else if kind == UnitKind::Number {
                next_is_initial = false;
            }
            index += 1;
            continue;
        }
        let (unit, consumed) = glue_word(text, tokens, index);
        let mut unit = unit;
        unit.position_initial = next_is_initial;
        next_is_initial = false;
        units.push(unit);
        index += consumed.max(1);
    }
    debug_assert!(units[sentence_first_unit..]
        .windows(2)
        .all(|pair| pair[0].end <= pair[1].start));
}

/// Glues the word token at `first` with what follows it without a gap.
/// Returns the unit and how many tokens it took.
fn glue_word(text: &str, tokens: &[Token], first: usize) -> (Unit, usize) {
    let start = tokens.get(first).map_or(0, |token| token.start);
    let mut end = tokens.get(first).map_or(start, |token| token.end);
    let mut name_end = end;
    let mut possessive = false;
    let mut next = first + 1;
    while let Some(token) = tokens.get(next) {
        if token.start != end {
            break;
        }
        let token_text = token.text(text);
        if is_wordish(token, text) {
            end = token.end;
            name_end = end;
            next += 1;
            continue;
        }
        if is_glue(token_text) {
            let after = tokens.get(next + 1);
            match after {
                Some(after) if after.start == token.end && is_wordish(after, text) => {
                    let after_text = after.text(text);
                    if is_apostrophe(token_text) && (after_text == "s" || after_text == "S") {
                        possessive = true;
                        name_end = token.start;
                        end = after.end;
                        next += 2;
                        break;
                    }
                    end = after.end;
                    name_end = end;
                    next += 2;
                    continue;
                }
                _ => {
                    // A lone apostrophe after a word ending in s: plural
                    // possessive ("Reuters'").
                    let word = text.get(start as usize..end as usize).unwrap_or("");
                    if is_apostrophe(token_text) && word.ends_with(['s', 'S']) {
                        possessive = true;
                        name_end = end;
                        end = token.end;
                        next += 1;
                    }
                    break;
                }
            }
        }
        if token_text == "." {
            let word = text.get(start as usize..end as usize).unwrap_or("");
            if takes_full_stop(word) {
                end = token.end;
                name_end = end;
                next += 1;
                continue;
            }
        }
        break;
    }
    // A possessive inside one token ("Vantor's", "Vantor’s").
    if !possessive {
        let word = text.get(start as usize..name_end as usize).unwrap_or("");
        for ending in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
            if word.len() > ending.len() && word.ends_with(ending) {
                possessive = true;
                name_end -= ending.len() as u32;
                break;
            }
        }
        if !possessive && word.len() > 2 && (word.ends_with("s'") || word.ends_with("s\u{2019}")) {
            possessive = true;
            let apostrophe_len = if word.ends_with('\'') { 1 } else { 3 };
            name_end -= apostrophe_len;
        }
    }
    let name = text.get(start as usize..name_end as usize).unwrap_or("");
    let bare = name.strip_suffix('.').unwrap_or(name);
    let after_hyphen = bare
        .split_once(['-', '\u{2010}', '\u{2011}'])
        .map_or(bare, |(_, rest)| rest);
    let unit = Unit {
        start,
        end,
        name_end,
        kind: UnitKind::Word,
        case: case_of(name),
        hash: fold_hash(name),
        bare_hash: fold_hash(bare),
        after_hyphen_hash: fold_hash(after_hyphen),
        possessive,
        position_initial: false,
        adjectival: is_adjectival_compound(bare),
    };
    (unit, next - first)
}

/// Prefixes that make a hyphenated adjective of a name ("pro-Beijing").
const ADJECTIVE_PREFIXES: &[&str] = &[
    "pro", "anti", "non", "ex", "post", "pre", "mid", "semi", "multi", "pan", "neo",
];

/// Second parts that make a hyphenated adjective of a name
/// ("Scientology-related", "US-based"), besides any "-ed" or "-ing" word.
const ADJECTIVE_SUFFIXES: &[&str] = &[
    "based", "critic", "style", "era", "like", "wide", "born", "made", "run", "friendly",
    "centric", "bound", "held", "led", "type", "specific", "owned", "linked",
];

/// True for "pro-Beijing", "anti-American", "Scientology-related".
fn is_adjectival_compound(word: &str) -> bool {
    let Some((head, tail)) = word.split_once(['-', '\u{2010}', '\u{2011}']) else {
        return false;
    };
    let head_lower = head.to_lowercase();
    if ADJECTIVE_PREFIXES.contains(&head_lower.as_str())
        && tail.chars().next().is_some_and(char::is_uppercase)
    {
        return true;
    }
    let last = word
        .rsplit(['-', '\u{2010}', '\u{2011}'])
        .next()
        .unwrap_or(tail);
    let lower_tail = last.chars().next().is_some_and(char::is_lowercase);
    // Participles long enough not to be a syllable of a name ("Wai-ching").
    let participle = (last.ends_with("ed") || last.ends_with("ing")) && last.len() >= 6;
    lower_tail && (participle || ADJECTIVE_SUFFIXES.contains(&last))
}

/// True when a word takes a following full stop as its own: initials and
/// initialisms ("J.", "U.S"), and the abbreviations below ("Mr", "Gen",
/// "Inc", "St").
fn takes_full_stop(word: &str) -> bool {
    let last_segment = word.rsplit('.').next().unwrap_or(word);
    let mut letters = last_segment.chars();
    let single_upper = matches!(
        (letters.next(), letters.next()),
        (Some(letter), None) if letter.is_uppercase()
    );
    if single_upper {
        return true;
    }
    ABBREVIATIONS.contains(&word)
        || lexicon()
            .honorifics
            .contains_key(&super::lexicon::fold_hash(word))
}

/// Abbreviations that take a full stop inside names: honorifics, military
/// and civil titles, company and place words, generational suffixes.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Rev", "Revd", "Fr", "Mme", "Mlle", "Sra", "Hon",
    "Messrs", "Gen", "Col", "Maj", "Capt", "Lt", "Sgt", "Cpl", "Pvt", "Adm", "Cmdr", "Det", "Insp",
    "Supt", "Sen", "Rep", "Gov", "Inc", "Corp", "Co", "Ltd", "Bros", "Dept", "Mt", "St", "Ste",
    "Ave", "Ft", "Rd", "Jr", "Sr", "Intl",
];

/// The case of a word, looking past a lower-case name particle joined by a
/// hyphen ("al-Assad" counts as capitalised).
fn case_of(word: &str) -> Case {
    let mut letters = word.chars().filter(|character| character.is_alphabetic());
    let Some(first) = letters.next() else {
        return Case::None;
    };
    if first.is_lowercase() {
        if let Some((prefix, rest)) = word.split_once('-') {
            let particle = lexicon()
                .connectors
                .get(&fold_hash(prefix))
                .is_some_and(|kind| *kind == super::lexicon::Connector::Particle);
            if particle && rest.chars().next().is_some_and(char::is_uppercase) {
                return Case::Capitalised;
            }
        }
        return Case::Lower;
    }
    if !first.is_uppercase() {
        // Scripts without case: treat as lower case (not a name cue).
        return Case::Lower;
    }
    let mut upper = 1;
    let mut lower = 0;
    for letter in letters {
        if letter.is_uppercase() {
            upper += 1;
        } else if letter.is_lowercase() {
            lower += 1;
        }
    }
    if lower == 0 && upper == 1 {
        Case::Initial
    } else if lower == 0 {
        Case::AllCaps
    } else {
        Case::Capitalised
    }
}

/// Hash of a piece of text as the lexicon would fold it (for tests and
/// callers that have text, not units).
#[cfg(test)]
pub(super) fn hash_text(text: &str) -> u64 {
    let mut hasher = super::lexicon::FoldHasher::new();
    for character in text.chars() {
        hasher.push_char(character);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(start: usize, end: usize, kind: TokenKind) -> Token {
        Token {
            start: start as u32,
            end: end as u32,
            kind,
        }
    }

    /// Tokens cut finely: letters, and every other character alone.
    fn fine_tokens(text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut word_start: Option<usize> = None;
        for (offset, character) in text.char_indices() {
            if character.is_alphanumeric() {
                word_start.get_or_insert(offset);
                continue;
            }
            if let Some(start) = word_start.take() {
                tokens.push(token(start, offset, TokenKind::Word));
            }
            if !character.is_whitespace() {
                tokens.push(token(
                    offset,
                    offset + character.len_utf8(),
                    TokenKind::Punct,
                ));
            }
        }
        if let Some(start) = word_start {
            tokens.push(token(start, text.len(), TokenKind::Word));
        }
        tokens
    }

    fn units_of(text: &str) -> Vec<(String, Case, bool)> {
        let mut units = Vec::new();
        build_units(text, &fine_tokens(text), &mut units);
        units
            .iter()
            .filter(|unit| unit.is_word())
            .map(|unit| (unit.name_text(text).to_string(), unit.case, unit.possessive))
            .collect()
    }

    #[test]
    fn glues_hyphens_apostrophes_and_initials() {
        let units = units_of("Al-Assad met O'Brien in N'Djamena and the U.S. envoy J. Smith.");
        let names: Vec<&str> = units.iter().map(|(name, _, _)| name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Al-Assad",
                "met",
                "O'Brien",
                "in",
                "N'Djamena",
                "and",
                "the",
                "U.S.",
                "envoy",
                "J.",
                "Smith"
            ]
        );
        assert_eq!(units[7].1, Case::AllCaps);
        assert_eq!(units[9].1, Case::Initial);
    }

    #[test]
    fn splits_off_possessives() {
        let units = units_of("Vantor’s aides and Reuters' reporters met Okafor's envoy");
        assert_eq!(units[0], ("Vantor".to_string(), Case::Capitalised, true));
        assert_eq!(units[3], ("Reuters".to_string(), Case::Capitalised, true));
        assert_eq!(units[6], ("Okafor".to_string(), Case::Capitalised, true));
        assert!(!units[1].2);
    }

    #[test]
    fn whole_tokens_with_inner_apostrophes_give_the_same_units() {
        let text = "Vantor’s aides met al-Assad";
        // One token per word, cut at the spaces.
        let mut tokens = Vec::new();
        let mut start = 0;
        for word in text.split(' ') {
            tokens.push(token(start, start + word.len(), TokenKind::Word));
            start += word.len() + 1;
        }
        let mut units = Vec::new();
        build_units(text, &tokens, &mut units);
        assert_eq!(units[0].name_text(text), "Vantor");
        assert!(units[0].possessive);
        assert_eq!(units[3].case, Case::Capitalised);
        assert_eq!(units[3].bare_hash, hash_text("al-assad"));
        assert_eq!(units[3].after_hyphen_hash, hash_text("assad"));
    }

    #[test]
    fn abbreviations_keep_their_full_stop_and_mark_sentence_starts() {
        let text = "Mr. Smith said: \u{201c}We won.\u{201d}";
        let mut units = Vec::new();
        build_units(text, &fine_tokens(text), &mut units);
        let words: Vec<&Unit> = units.iter().filter(|unit| unit.is_word()).collect();
        assert_eq!(words[0].name_text(text), "Mr.");
        assert_eq!(words[0].bare_hash, hash_text("mr"));
        assert!(words[0].position_initial);
        assert!(!words[1].position_initial);
        // "We" after the colon and the opening quote.
        assert_eq!(words[3].name_text(text), "We");
        assert!(words[3].position_initial);
        // "won." does not take the sentence's full stop.
        assert_eq!(words[4].name_text(text), "won");
    }
}
