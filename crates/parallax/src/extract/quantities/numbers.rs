//! Reading the number itself: digits with separators, scale words and
//! abbreviations ("1.2 million", "$5bn"), number words ("twenty-three", "a
//! dozen", "one hundred and five"), vague plurals ("hundreds of thousands")
//! and fractions ("a third", "two-thirds", "half a million").

use super::lexer::{LexKind, Lexeme};
use super::tables::{number_word, NumberWordKind};

/// What kind of number a core is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CoreKind {
    /// A number as written: "1,227", "five", "1.2 million".
    Exact,
    /// A vague plural: "hundreds", "tens of thousands".
    Vague,
    /// A share: "a third", "half".
    Fraction,
}

/// The number part of a quantity: lexemes `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Core {
    pub first: usize,
    pub last: usize,
    pub kind: CoreKind,
    /// The value (for vague numbers, the low end).
    pub value: f64,
    /// Exclusive high end of a vague number.
    pub high: Option<f64>,
    /// True when a scale abbreviation glued to the digits was read as
    /// "million" although it could be metres ("5m"): the caller decides.
    pub ambiguous_m: bool,
}

pub(crate) fn lower(lexeme: &Lexeme, text: &str) -> String {
    lexeme.text(text).to_lowercase()
}

/// Parses digits with separators. English style by default ("1,227.5");
/// European style ("1.234.567", "1.234,5", "9,5") only when the groups make
/// it unambiguous. A single "." with three digits after it ("10.000") is read
/// as a decimal point, the English reading.
pub(crate) fn parse_digits(digits: &str) -> Option<f64> {
    let has_comma = digits.contains(',');
    let has_period = digits.contains('.');
    let normalised: String = if has_comma && has_period {
        let last_comma = digits.rfind(',')?;
        let last_period = digits.rfind('.')?;
        if last_period > last_comma {
            digits.replace(',', "")
        } else {
            digits.replace('.', "").replace(',', ".")
        }
    } else if has_comma {
        let groups: Vec<&str> = digits.split(',').collect();
        let thousands = groups.iter().skip(1).all(|group| group.len() == 3)
            && groups
                .first()
                .is_some_and(|first| (1..=3).contains(&first.len()));
        if thousands {
            digits.replace(',', "")
        } else if groups.len() == 2 && groups.get(1).is_some_and(|group| group.len() <= 2) {
            digits.replace(',', ".")
        } else {
            digits.replace(',', "")
        }
    } else if has_period {
        let groups: Vec<&str> = digits.split('.').collect();
        let european = groups.len() > 2 && groups.iter().skip(1).all(|group| group.len() == 3);
        if european {
            digits.replace('.', "")
        } else if groups.len() == 2 {
            digits.to_string()
        } else {
            return None;
        }
    } else {
        digits.to_string()
    };
    normalised
        .parse::<f64>()
        .ok()
        .filter(|value| value.is_finite())
}

fn word_at(lexemes: &[Lexeme], text: &str, index: usize) -> Option<String> {
    let lexeme = lexemes.get(index)?;
    (lexeme.kind == LexKind::Word).then(|| lower(lexeme, text))
}

fn scale_of(word: &str) -> Option<f64> {
    let singular = word.strip_suffix('s').unwrap_or(word);
    let entry = number_word(singular)?;
    matches!(entry.kind, NumberWordKind::Scale | NumberWordKind::Hundred).then_some(entry.value)
}

/// Reads the number starting at lexeme `index`, if one starts there.
pub(crate) fn parse_core(lexemes: &[Lexeme], text: &str, index: usize) -> Option<Core> {
    let lexeme = lexemes.get(index)?;
    match lexeme.kind {
        LexKind::Number => parse_digit_core(lexemes, text, index),
        LexKind::Word => parse_word_core(lexemes, text, index),
        _ => None,
    }
}

fn parse_digit_core(lexemes: &[Lexeme], text: &str, index: usize) -> Option<Core> {
    let lexeme = lexemes.get(index)?;
    let mut value = parse_digits(lexeme.text(text))?;
    let mut last = index;
    let mut ambiguous_m = false;
    if let Some(next) = lexemes.get(index + 1) {
        let next_word = word_at(lexemes, text, index + 1);
        if let Some(word) = next_word.as_deref() {
            let entry = number_word(word);
            match entry.map(|entry| entry.kind) {
                Some(NumberWordKind::Abbreviation) if next.glued => {
                    value *= entry.map(|entry| entry.value).unwrap_or(1.0);
                    ambiguous_m = word == "m";
                    last = index + 1;
                }
                Some(NumberWordKind::Scale | NumberWordKind::Hundred | NumberWordKind::Dozen) => {
                    value *= entry.map(|entry| entry.value).unwrap_or(1.0);
                    last = index + 1;
                    // "1.2 million" may be followed by a further scale only in
                    // odd prose; stop here.
                }
                _ => {}
            }
        }
    }
    Some(Core {
        first: index,
        last,
        kind: CoreKind::Exact,
        value,
        high: None,
        ambiguous_m,
    })
}

/// Words that make "one" a pronoun or determiner rather than a count.
fn one_is_pronoun(lexemes: &[Lexeme], text: &str, index: usize) -> bool {
    let previous = index
        .checked_sub(1)
        .and_then(|before| word_at(lexemes, text, before));
    let next = word_at(lexemes, text, index + 1);
    let previous_blocks = previous.as_deref().is_some_and(|word| {
        matches!(
            word,
            "the"
                | "no"
                | "any"
                | "every"
                | "each"
                | "this"
                | "that"
                | "which"
                | "someone"
                | "anyone"
                | "only"
        )
    });
    let next_blocks = match next.as_deref() {
        None => true,
        Some(word) => matches!(
            word,
            "of" | "another" | "day" | "time" | "way" | "another's" | "who" | "that" | "thing"
        ),
    };
    previous_blocks || next_blocks
}

fn parse_word_core(lexemes: &[Lexeme], text: &str, index: usize) -> Option<Core> {
    let first_word = word_at(lexemes, text, index)?;
    // "a"/"an" only start a number before a scale, "dozen" or a fraction.
    if first_word == "a" || first_word == "an" {
        let next = word_at(lexemes, text, index + 1)?;
        let entry = number_word(&next)?;
        return match entry.kind {
            NumberWordKind::Hundred | NumberWordKind::Scale | NumberWordKind::Dozen => {
                parse_word_sequence(lexemes, text, index + 1, index)
            }
            NumberWordKind::Fraction if next != "half" => Some(Core {
                first: index,
                last: index + 1,
                kind: CoreKind::Fraction,
                value: entry.value,
                high: None,
                ambiguous_m: false,
            }),
            NumberWordKind::VagueMultiplier => {
                parse_vague_multiplier(lexemes, text, index + 1, index, entry.value, entry.high?)
            }
            _ => None,
        };
    }
    let entry = number_word(&first_word)?;
    match entry.kind {
        NumberWordKind::Vague => {
            let mut low = entry.value;
            let mut high = entry.high?;
            let mut last = index;
            // "hundreds of thousands"
            if word_at(lexemes, text, index + 1).as_deref() == Some("of") {
                if let Some(scale) = word_at(lexemes, text, index + 2)
                    .as_deref()
                    .and_then(vague_scale)
                {
                    low = entry.value * scale;
                    high = entry.high? * scale;
                    last = index + 2;
                }
            }
            Some(Core {
                first: index,
                last,
                kind: CoreKind::Vague,
                value: low,
                high: Some(high),
                ambiguous_m: false,
            })
        }
        NumberWordKind::VagueMultiplier => {
            parse_vague_multiplier(lexemes, text, index, index, entry.value, entry.high?)
        }
        NumberWordKind::Fraction if first_word == "half" => {
            // "half a million", "half of the …", "half" alone.
            if word_at(lexemes, text, index + 1).as_deref() == Some("a") {
                if let Some(scale) = word_at(lexemes, text, index + 2)
                    .as_deref()
                    .and_then(scale_of)
                {
                    return Some(Core {
                        first: index,
                        last: index + 2,
                        kind: CoreKind::Exact,
                        value: 0.5 * scale,
                        high: None,
                        ambiguous_m: false,
                    });
                }
            }
            let next = word_at(lexemes, text, index + 1);
            if next.as_deref() != Some("of") {
                return None;
            }
            Some(Core {
                first: index,
                last: index,
                kind: CoreKind::Fraction,
                value: 0.5,
                high: None,
                ambiguous_m: false,
            })
        }
        NumberWordKind::Unit
        | NumberWordKind::Teen
        | NumberWordKind::Tens
        | NumberWordKind::Hundred
        | NumberWordKind::Scale
        | NumberWordKind::Dozen => {
            if matches!(
                entry.kind,
                NumberWordKind::Hundred | NumberWordKind::Scale | NumberWordKind::Dozen
            ) {
                // "thousand" alone, without "a" or a number before it, is not a figure.
                return None;
            }
            // "two-thirds", "three quarters"
            if let Some(fraction) = fraction_after(lexemes, text, index, entry.value) {
                return Some(fraction);
            }
            if first_word == "one" && one_is_pronoun(lexemes, text, index) {
                return None;
            }
            parse_word_sequence(lexemes, text, index, index)
        }
        _ => None,
    }
}

/// "thousands" → 1000, for "hundreds of thousands".
fn vague_scale(word: &str) -> Option<f64> {
    let singular = word.strip_suffix('s')?;
    let entry = number_word(singular)?;
    (entry.kind == NumberWordKind::Scale).then_some(entry.value)
}

fn parse_vague_multiplier(
    lexemes: &[Lexeme],
    text: &str,
    index: usize,
    first: usize,
    low: f64,
    high: f64,
) -> Option<Core> {
    // "several hundred", "a few thousand", "tens of thousands", "a couple of hundred"
    let mut next_index = index + 1;
    if word_at(lexemes, text, next_index).as_deref() == Some("of") {
        next_index += 1;
    }
    let word = word_at(lexemes, text, next_index)?;
    let scale = scale_of(&word)?;
    Some(Core {
        first,
        last: next_index,
        kind: CoreKind::Vague,
        value: low * scale,
        high: Some(high * scale),
        ambiguous_m: false,
    })
}

fn fraction_after(lexemes: &[Lexeme], text: &str, index: usize, numerator: f64) -> Option<Core> {
    let mut next_index = index + 1;
    if lexemes
        .get(next_index)
        .is_some_and(|lexeme| lexeme.glued && lexeme.text(text) == "-")
    {
        next_index += 1;
    }
    let word = word_at(lexemes, text, next_index)?;
    let entry = number_word(&word)?;
    if entry.kind != NumberWordKind::Fraction || word == "half" || word == "halves" {
        return None;
    }
    // "one third" but not "one quarter of an hour"? Both are shares.
    Some(Core {
        first: index,
        last: next_index,
        kind: CoreKind::Fraction,
        value: numerator * entry.value,
        high: None,
        ambiguous_m: false,
    })
}

/// Number words in sequence: "twenty-three", "one hundred and five", "a
/// dozen", "two million". `start` is the first number word, `first` the
/// first lexeme of the expression (an "a" before it).
fn parse_word_sequence(lexemes: &[Lexeme], text: &str, start: usize, first: usize) -> Option<Core> {
    let mut total = 0.0;
    let mut group = if first < start { 1.0 } else { 0.0 };
    let mut last = None;
    let mut index = start;
    let mut previous_kind: Option<NumberWordKind> = None;
    while let Some(lexeme) = lexemes.get(index) {
        let text_here = lexeme.text(text);
        if lexeme.kind == LexKind::Punct && text_here == "-" && lexeme.glued {
            // "twenty-three": a hyphen between tens and a unit.
            let next_is_unit = word_at(lexemes, text, index + 1)
                .and_then(|word| number_word(&word))
                .is_some_and(|entry| entry.kind == NumberWordKind::Unit);
            if previous_kind == Some(NumberWordKind::Tens) && next_is_unit {
                index += 1;
                continue;
            }
            break;
        }
        if lexeme.kind != LexKind::Word {
            break;
        }
        let word = text_here.to_lowercase();
        if word == "and" {
            // "one hundred and five": only after a hundred or a scale, before a unit.
            let after_group = matches!(
                previous_kind,
                Some(NumberWordKind::Hundred | NumberWordKind::Scale)
            );
            let next_small = word_at(lexemes, text, index + 1)
                .and_then(|next| number_word(&next))
                .is_some_and(|entry| {
                    matches!(
                        entry.kind,
                        NumberWordKind::Unit | NumberWordKind::Teen | NumberWordKind::Tens
                    )
                });
            if after_group && next_small {
                index += 1;
                continue;
            }
            break;
        }
        let Some(entry) = number_word(&word) else {
            break;
        };
        match entry.kind {
            NumberWordKind::Unit | NumberWordKind::Teen | NumberWordKind::Tens => {
                if matches!(
                    previous_kind,
                    Some(NumberWordKind::Unit | NumberWordKind::Teen)
                ) {
                    break; // "two three" is not one number
                }
                group += entry.value;
            }
            NumberWordKind::Hundred => group = group.max(1.0) * entry.value,
            NumberWordKind::Dozen => group = group.max(1.0) * entry.value,
            NumberWordKind::Scale => {
                total += group.max(1.0) * entry.value;
                group = 0.0;
            }
            _ => break,
        }
        previous_kind = Some(entry.kind);
        last = Some(index);
        index += 1;
    }
    let last = last?;
    Some(Core {
        first,
        last,
        kind: CoreKind::Exact,
        value: total + group,
        high: None,
        ambiguous_m: false,
    })
}

#[cfg(test)]
mod tests {
    use super::super::lexer::lex;
    use super::*;
    use proptest::prelude::*;

    fn core_of(text: &str) -> Option<(f64, Option<f64>, CoreKind, String)> {
        let lexemes = lex(text, 0, text.len());
        let core = parse_core(&lexemes, text, 0)?;
        let start = lexemes.get(core.first)?.start;
        let end = lexemes.get(core.last)?.end;
        Some((
            core.value,
            core.high,
            core.kind,
            text.get(start..end)?.to_string(),
        ))
    }

    #[test]
    fn digits() {
        assert_eq!(parse_digits("1,227"), Some(1227.0));
        assert_eq!(parse_digits("9.5"), Some(9.5));
        assert_eq!(parse_digits("1.234.567"), Some(1_234_567.0));
        assert_eq!(parse_digits("1.234,5"), Some(1234.5));
        assert_eq!(parse_digits("9,5"), Some(9.5));
        assert_eq!(parse_digits("10.000"), Some(10.0));
        assert_eq!(parse_digits("1,000,000"), Some(1_000_000.0));
    }

    #[test]
    fn words_and_scales() {
        let cases: &[(&str, f64, &str)] = &[
            ("1.2 million people", 1_200_000.0, "1.2 million"),
            ("5bn", 5e9, "5bn"),
            ("twenty-three people", 23.0, "twenty-three"),
            ("one hundred and five", 105.0, "one hundred and five"),
            ("a dozen eggs", 12.0, "a dozen"),
            ("two dozen", 24.0, "two dozen"),
            ("five Ukrainians", 5.0, "five"),
            ("half a million", 500_000.0, "half a million"),
            ("three million", 3_000_000.0, "three million"),
        ];
        for (text, value, span) in cases {
            let core = core_of(text);
            assert_eq!(
                core.as_ref().map(|core| (core.0, core.3.as_str())),
                Some((*value, *span)),
                "{text}"
            );
        }
    }

    #[test]
    fn vague_and_fractions() {
        assert_eq!(
            core_of("hundreds of people").map(|c| (c.0, c.1, c.2)),
            Some((200.0, Some(1000.0), CoreKind::Vague))
        );
        assert_eq!(
            core_of("tens of thousands of people").map(|c| (c.0, c.1, c.3)),
            Some((20_000.0, Some(100_000.0), "tens of thousands".to_string()))
        );
        assert_eq!(
            core_of("hundreds of thousands").map(|c| (c.0, c.1)),
            Some((200_000.0, Some(1_000_000.0)))
        );
        assert_eq!(
            core_of("several hundred").map(|c| (c.0, c.1)),
            Some((300.0, Some(1000.0)))
        );
        assert_eq!(
            core_of("a third of voters").map(|c| (c.2, c.3)),
            Some((CoreKind::Fraction, "a third".to_string()))
        );
        assert_eq!(core_of("two-thirds of").map(|c| c.0), Some(2.0 / 3.0));
        assert_eq!(core_of("half of them").map(|c| c.0), Some(0.5));
    }

    #[test]
    fn not_numbers() {
        assert_eq!(core_of("one of the prisoners"), None);
        assert_eq!(core_of("thousand"), None);
        assert_eq!(core_of("several people"), None);
        assert_eq!(core_of("a man"), None);
    }

    proptest! {
        #[test]
        fn no_panic(text in "\\PC{0,40}") {
            let lexemes = lex(&text, 0, text.len());
            for index in 0..lexemes.len() {
                if let Some(core) = parse_core(&lexemes, &text, index) {
                    prop_assert!(core.first <= core.last && core.last < lexemes.len());
                }
            }
        }
    }
}
