//! Quantities: numbers with their qualifiers, what they count, the predicate,
//! the scope and the modality.
//!
//! Takes an article and its `Doc`; reads each body sentence (headings are
//! skipped) with the number lexer of [`lexer`] and gives one [`Quantity`]
//! per figure. Promises: every span lies in its sentence; no input panics.
//!
//! What is a figure, and what is not:
//! - digits ("1,227", "9.5", "1.2 million", "$5bn", "20%"), number words
//!   ("five", "twenty-three", "a dozen", "half a million"), vague plurals
//!   ("hundreds of", "tens of thousands": qualifier `Vague`, interval from
//!   `data/number_words.tsv`), fractions ("a third of", unit "fraction");
//! - not figures: ordinals ("second", "21st"), days and years (anything the
//!   date finder reads as a date: "in 2022", "December 13", "2022 Nobel
//!   Prize"), clock times ("10:30", "3 p.m."), phone numbers (three or more
//!   digit groups in a row, or after "+"), numbers in names ("Article 19",
//!   "G7", "COVID-19", "page 5": after a capitalised word or a label word),
//!   list numbering ("1." opening a sentence), sports scores ("3-1").
//! - ages ("aged 54", "a 54-year-old", "Smith, 54,") are kept as values with
//!   unit "years" and counted "age": they are facts about a person, not
//!   counts of people.
//!
//! Qualifier intervals (`Value`): none → the point, `exact` set; at least →
//! [n, ∞); more than → (n, ∞); at most → [0, n]; less than → [0, n);
//! about → [0.9n, 1.1n] (±10 %); nearly → [0.9n, n); vague → the table's
//! [low, high); ranges ("between 10 and 20", "10-20", "10 to 20", "two or
//! three") → [a, b]. `exact` is only set for an unqualified number.
//!
//! Sums: when a sentence lists counts joined by "and" or commas ("five
//! Ukrainians and 104 Belarusians arrived"), each part is emitted as its own
//! quantity (with the shared predicate), and then one more quantity for the
//! total, whose `parts` lists them and whose `counted` is what they share:
//! the common last word ("male prisoners and female prisoners" →
//! "prisoners"), "people" when every part is a capitalised group name or a
//! word for people, else `None`.

#[cfg(test)]
pub(crate) mod fixture;
pub(crate) mod lexer;
mod numbers;
pub(crate) mod tables;

use crate::model::{Article, Doc, Modality, Qualifier, Quantity, QuantityPart, Span, Value};
use lexer::{lex, LexKind, Lexeme};
use numbers::{lower, parse_core, Core, CoreKind};
use tables::{class, has_class, number_word, predicates, qualifiers, units, UnitKind};

/// Finds the quantities of the body sentences.
pub fn find_quantities(article: &Article, doc: &Doc) -> Vec<Quantity> {
    let mut quantities = Vec::new();
    for (sentence_index, sentence) in doc.sentences.iter().enumerate() {
        if sentence.heading {
            continue;
        }
        let floor = sentence.span.start as usize;
        let ceiling = sentence.span.end as usize;
        let sentence_number = u32::try_from(sentence_index).unwrap_or(u32::MAX);
        let found = sentence_quantities(article, floor, ceiling, sentence_number);
        quantities.extend(found);
    }
    quantities
}

/// A stem-based key for a counted noun phrase: lower case, each word
/// stemmed (Snowball English), so "political prisoners" and "political
/// prisoner" share the key "polit prison".
pub fn counted_key(counted: &str) -> String {
    use std::sync::OnceLock;
    static STEMMER: OnceLock<rust_stemmers::Stemmer> = OnceLock::new();
    let stemmer =
        STEMMER.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English));
    counted
        .split(|character: char| character.is_whitespace() || character == '-')
        .filter(|word| !word.is_empty())
        .map(|word| stemmer.stem(&word.to_lowercase()).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The family of a predicate lemma (`data/predicate_families.tsv`): "free",
/// "pardon" and "release" are all "release"; "die", "kill" and "death toll"
/// are "kill". `None` for a lemma the table does not list.
pub fn predicate_family(lemma: &str) -> Option<&'static str> {
    let table = predicates();
    if let Some(entry) = table.single.get(lemma) {
        return Some(entry.family);
    }
    let words: Vec<&str> = lemma.split_whitespace().collect();
    table
        .multi
        .iter()
        .find(|(forms, _)| *forms == words)
        .map(|(_, entry)| entry.family)
}

/// The lemma of a verb form: from the predicate table when listed, else by
/// the regular rules of English inflection (-ies → -y, -ed/-ing with a
/// doubled consonant or a dropped e restored, -s).
pub fn verb_lemma(word: &str) -> String {
    let lower_word = word.to_lowercase();
    if let Some(entry) = predicates().single.get(lower_word.as_str()) {
        return entry.lemma.to_string();
    }
    let restore = |stem: &str| -> String {
        let characters: Vec<char> = stem.chars().collect();
        let length = characters.len();
        if length >= 2 {
            let last = characters[length - 1];
            let before = characters[length - 2];
            if last == before && !matches!(last, 'l' | 's' | 'z' | 'f') && !is_vowel(last) {
                return characters[..length - 1].iter().collect();
            }
            let vowel_before = is_vowel(before);
            if matches!(last, 'v' | 'z' | 'u')
                || (matches!(last, 's' | 'c' | 'g') && vowel_before && before != 'e')
            {
                return format!("{stem}e");
            }
        }
        stem.to_string()
    };
    if let Some(stem) = lower_word.strip_suffix("ied") {
        return format!("{stem}y");
    }
    if let Some(stem) = lower_word.strip_suffix("ed").filter(|stem| stem.len() >= 2) {
        return restore(stem);
    }
    if let Some(stem) = lower_word
        .strip_suffix("ing")
        .filter(|stem| stem.len() >= 2)
    {
        return restore(stem);
    }
    if let Some(stem) = lower_word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if let Some(stem) = lower_word
        .strip_suffix('s')
        .filter(|stem| stem.len() >= 3 && !stem.ends_with('s'))
    {
        return stem.to_string();
    }
    lower_word
}

fn is_vowel(character: char) -> bool {
    matches!(character, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// A figure being assembled, in lexeme indices of its sentence.
#[derive(Debug, Clone)]
struct Figure {
    /// First lexeme of the whole expression (qualifier, currency sign).
    first: usize,
    /// Last lexeme of number, unit and trailing qualifier.
    last: usize,
    value: Value,
    qualifier: Qualifier,
    unit: Option<String>,
    unit_kind: Option<UnitKind>,
    counted: Option<(String, usize, usize)>,
    /// The counted phrase was taken from an earlier figure (ellipsis).
    counted_inherited: bool,
    /// Byte range of the counted phrase when inherited.
    counted_bytes: Option<(usize, usize)>,
    predicate: Option<(String, usize, usize)>,
    modality: Modality,
    is_age: bool,
}

fn is_word(lexemes: &[Lexeme], index: usize) -> bool {
    lexemes
        .get(index)
        .is_some_and(|lexeme| lexeme.kind == LexKind::Word)
}

fn text_at<'text>(lexemes: &[Lexeme], text: &'text str, index: usize) -> &'text str {
    lexemes
        .get(index)
        .map(|lexeme| lexeme.text(text))
        .unwrap_or("")
}

fn lower_at(lexemes: &[Lexeme], text: &str, index: usize) -> String {
    text_at(lexemes, text, index).to_lowercase()
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Matches `word` (one word of a table entry) at lexeme `index`, joining
/// glued lexemes ("km/h", "°C"). Returns the index after the match.
fn match_word(
    lexemes: &[Lexeme],
    text: &str,
    index: usize,
    word: &str,
    case_sensitive: bool,
) -> Option<usize> {
    let mut joined = String::new();
    let mut position = index;
    while joined.len() < word.len() {
        let lexeme = lexemes.get(position)?;
        if position > index && !lexeme.glued {
            return None;
        }
        joined.push_str(lexeme.text(text));
        position += 1;
    }
    let equal = if case_sensitive {
        joined == word
    } else {
        joined.to_lowercase() == word.to_lowercase()
    };
    equal.then_some(position)
}

fn match_phrase(
    lexemes: &[Lexeme],
    text: &str,
    index: usize,
    words: &[String],
    case_sensitive: bool,
) -> Option<usize> {
    let mut position = index;
    for word in words {
        position = match_word(lexemes, text, position, word, case_sensitive)?;
    }
    Some(position)
}

/// Matches a phrase that ends just before lexeme `end` (exclusive); returns
/// its first index.
fn match_phrase_before(
    lexemes: &[Lexeme],
    text: &str,
    end: usize,
    words: &[String],
) -> Option<usize> {
    let start = end.checked_sub(words.len())?;
    for (offset, word) in words.iter().enumerate() {
        let lexeme = lexemes.get(start + offset)?;
        if lexeme.kind != LexKind::Word || lexeme.text(text).to_lowercase() != *word {
            return None;
        }
    }
    Some(start)
}

fn value_for(core: &Core, qualifier: Qualifier) -> Value {
    let number = core.value;
    match (core.kind, qualifier) {
        (CoreKind::Vague, _) => Value {
            low: Some(number),
            low_inclusive: true,
            high: core.high,
            high_inclusive: false,
            exact: None,
        },
        (_, Qualifier::None) => Value::exact(number),
        (_, Qualifier::AtLeast) => Value {
            low: Some(number),
            low_inclusive: true,
            high: None,
            high_inclusive: false,
            exact: None,
        },
        (_, Qualifier::MoreThan) => Value {
            low: Some(number),
            low_inclusive: false,
            high: None,
            high_inclusive: false,
            exact: None,
        },
        (_, Qualifier::AtMost) => Value {
            low: Some(0.0),
            low_inclusive: true,
            high: Some(number),
            high_inclusive: true,
            exact: None,
        },
        (_, Qualifier::LessThan) => Value {
            low: Some(0.0),
            low_inclusive: true,
            high: Some(number),
            high_inclusive: false,
            exact: None,
        },
        (_, Qualifier::About) => Value {
            low: Some(number * 0.9),
            low_inclusive: true,
            high: Some(number * 1.1),
            high_inclusive: true,
            exact: None,
        },
        (_, Qualifier::Nearly) => Value {
            low: Some(number * 0.9),
            low_inclusive: true,
            high: Some(number),
            high_inclusive: false,
            exact: None,
        },
        (_, Qualifier::Vague | Qualifier::Range) => Value::exact(number),
    }
}

struct SentenceContext<'a> {
    text: &'a str,
    lexemes: Vec<Lexeme>,
    /// Byte ranges of date expressions.
    dates: Vec<(usize, usize)>,
}

impl SentenceContext<'_> {
    fn in_date(&self, index: usize) -> bool {
        let Some(lexeme) = self.lexemes.get(index) else {
            return false;
        };
        self.dates
            .iter()
            .any(|(start, end)| lexeme.start >= *start && lexeme.end <= *end)
    }
}

fn sentence_quantities(
    article: &Article,
    floor: usize,
    ceiling: usize,
    sentence: u32,
) -> Vec<Quantity> {
    let text = article.text.as_str();
    let lexemes = lex(text, floor, ceiling);
    if !lexemes
        .iter()
        .any(|lexeme| lexeme.kind == LexKind::Number || lexeme.kind == LexKind::Word)
    {
        return Vec::new();
    }
    let has_number_candidate = lexemes.iter().any(|lexeme| {
        lexeme.kind == LexKind::Number
            || (lexeme.kind == LexKind::Word
                && number_word(&lexeme.text(text).to_lowercase()).is_some())
            || lexeme.kind == LexKind::Word
                && matches!(lexeme.text(text).to_lowercase().as_str(), "a" | "an")
    });
    if !has_number_candidate {
        return Vec::new();
    }
    let context = SentenceContext {
        text,
        dates: crate::extract::dates::date_spans(text, floor, ceiling),
        lexemes,
    };
    let phone_lexemes = phone_number_lexemes(&context);
    let mut figures: Vec<Figure> = Vec::new();
    let mut index = 0;
    while index < context.lexemes.len() {
        if phone_lexemes.contains(&index) || context.in_date(index) {
            index += 1;
            continue;
        }
        match read_figure(&context, index) {
            Some(figure) => {
                index = figure.last + 1;
                figures.push(figure);
            }
            None => index += 1,
        }
    }
    if figures.is_empty() {
        return Vec::new();
    }
    for position in 0..figures.len() {
        let limit = figures
            .get(position + 1)
            .map(|next| next.first)
            .unwrap_or(context.lexemes.len());
        if let Some(figure) = figures.get_mut(position) {
            attach_counted(&context, figure, limit);
            attach_predicate(&context, figure);
            figure.modality = modality_of(&context, figure);
        }
    }
    inherit_counted(&context, &mut figures);
    let scope = scope_phrases(&context);
    let mut quantities = Vec::new();
    let sums = find_sums(&context, &mut figures);
    for figure in &figures {
        quantities.push(to_quantity(article, &context, figure, sentence, &scope));
    }
    for sum in sums {
        if let Some(quantity) = sum_quantity(article, &context, &figures, &sum, sentence, &scope) {
            quantities.push(quantity);
        }
    }
    quantities
}

/// Lexemes of phone numbers: three or more digit groups in a row joined by
/// spaces, dashes, dots or brackets, or digits right after "+".
fn phone_number_lexemes(context: &SentenceContext) -> Vec<usize> {
    let lexemes = &context.lexemes;
    let mut marked = Vec::new();
    let mut index = 0;
    while index < lexemes.len() {
        let starts_with_plus = lexemes
            .get(index)
            .is_some_and(|lexeme| lexeme.text(context.text) == "+")
            && lexemes
                .get(index + 1)
                .is_some_and(|lexeme| lexeme.kind == LexKind::Number && lexeme.glued);
        let mut groups = Vec::new();
        let mut position = if starts_with_plus { index + 1 } else { index };
        while let Some(lexeme) = lexemes.get(position) {
            if lexeme.kind == LexKind::Number && !lexeme.text(context.text).contains(',') {
                groups.push(position);
                position += 1;
                continue;
            }
            let joiner = matches!(lexeme.text(context.text), "-" | "(" | ")" | ".");
            if joiner
                && !groups.is_empty()
                && lexemes
                    .get(position + 1)
                    .is_some_and(|next| next.kind == LexKind::Number)
            {
                position += 1;
                continue;
            }
            break;
        }
        if groups.len() >= 3 || (starts_with_plus && !groups.is_empty()) {
            marked.extend(groups.iter().copied());
            index = position.max(index + 1);
        } else {
            index += 1;
        }
    }
    marked
}

/// Reads a figure whose number starts at lexeme `index`.
fn read_figure(context: &SentenceContext, index: usize) -> Option<Figure> {
    let lexemes = &context.lexemes;
    let text = context.text;
    let core = parse_core(lexemes, text, index)?;
    if core.last >= lexemes.len()
        || (core.first..=core.last).any(|position| context.in_date(position))
    {
        return None;
    }
    if !number_is_a_figure(context, &core) {
        return None;
    }
    // Currency before the number ("$", "US$", "USD").
    let mut first = core.first;
    let mut unit: Option<String> = None;
    let mut unit_kind: Option<UnitKind> = None;
    for entry in units().iter().filter(|entry| entry.prefix) {
        let Some(surface) = entry.words.first() else {
            continue;
        };
        for length in 1..=3usize {
            let Some(start) = core.first.checked_sub(length) else {
                break;
            };
            if match_word(lexemes, text, start, surface, entry.case_sensitive) == Some(core.first) {
                first = start;
                unit = Some(entry.unit.to_string());
                unit_kind = Some(entry.kind);
                break;
            }
        }
        if unit.is_some() {
            break;
        }
    }
    // Qualifier before.
    let mut qualifier = Qualifier::None;
    for entry in qualifiers().iter().filter(|entry| entry.before) {
        if let Some(start) = match_phrase_before(lexemes, text, first, &entry.words) {
            // "over" and "under" after a verb of motion are prepositions only
            // before a non-number; before a number they qualify it.
            qualifier = entry.qualifier;
            first = start;
            break;
        }
    }
    let mut last = core.last;
    let mut core = core;
    // "5m": metres unless money or a following noun says million.
    if core.ambiguous_m && unit.is_none() {
        let next_is_noun = lexemes.get(last + 1).is_some_and(|lexeme| {
            lexeme.kind == LexKind::Word
                && !has_class(&lower(lexeme, text), class::STOP | class::AUX)
        });
        if !next_is_noun {
            core.value /= 1_000_000.0;
            unit = Some("m".to_string());
            unit_kind = Some(UnitKind::Measure);
        }
    }
    // Range: "10-20", "10 to 20", "two or three", "between 10 and 20".
    let mut range_high: Option<f64> = None;
    let between = first
        .checked_sub(1)
        .is_some_and(|before| lower_at(lexemes, text, before) == "between");
    if let Some(joiner) = lexemes.get(last + 1) {
        let joiner_text = joiner.text(text).to_lowercase();
        let is_joiner = match joiner_text.as_str() {
            "-" | "–" => true,
            "to" | "or" => !between,
            "and" => between,
            _ => false,
        };
        let after_from = first
            .checked_sub(1)
            .is_some_and(|before| lower_at(lexemes, text, before) == "from");
        if is_joiner && !after_from {
            let second_start = if unit_kind == Some(UnitKind::Currency)
                && lexemes
                    .get(last + 2)
                    .is_some_and(|l| l.kind == LexKind::Symbol)
            {
                last + 3
            } else {
                last + 2
            };
            if let Some(second) = parse_core(lexemes, text, second_start) {
                let plausible = second.kind == CoreKind::Exact
                    && core.kind == CoreKind::Exact
                    && second.value > core.value;
                let score_like =
                    matches!(joiner_text.as_str(), "-" | "–") && second.value <= core.value;
                if score_like {
                    return None;
                }
                if plausible {
                    range_high = Some(second.value);
                    last = second.last;
                }
            }
        }
    }
    if between && range_high.is_some() {
        first -= 1;
    }
    // Unit after the number.
    let mut is_age = false;
    if let Some((unit_end, entry_unit, entry_kind)) = unit_after(context, last + 1, unit.is_some())
    {
        last = unit_end - 1;
        unit = Some(entry_unit.to_string());
        unit_kind = Some(entry_kind);
    } else if lexemes
        .get(last + 1)
        .is_some_and(|l| l.glued && l.text(text) == "-")
    {
        // "a 10-year sentence", "a 54-year-old"
        if let Some((unit_end, entry_unit, entry_kind)) = unit_after(context, last + 2, false) {
            let old = lexemes
                .get(unit_end)
                .is_some_and(|l| l.glued && l.text(text) == "-")
                && lower_at(lexemes, text, unit_end + 1) == "old";
            last = if old { unit_end + 1 } else { unit_end - 1 };
            unit = Some(entry_unit.to_string());
            unit_kind = Some(entry_kind);
            is_age = old && entry_unit == "years";
        }
    }
    // Qualifier after: "or more", "or so", "-plus", "+".
    for entry in qualifiers().iter().filter(|entry| !entry.before) {
        let start = if lexemes
            .get(last + 1)
            .is_some_and(|l| l.glued && l.text(text) == "-")
        {
            last + 2
        } else {
            last + 1
        };
        if let Some(end) = match_phrase(lexemes, text, start, &entry.words, false) {
            if qualifier == Qualifier::None {
                qualifier = entry.qualifier;
            }
            last = end - 1;
            break;
        }
    }
    if lexemes
        .get(last + 1)
        .is_some_and(|l| l.glued && l.text(text) == "+")
        && qualifier == Qualifier::None
    {
        qualifier = Qualifier::AtLeast;
        last += 1;
    }
    // Ages: "aged 54", "Smith, 54,".
    if !is_age {
        is_age = is_age_context(context, first, last);
    }
    if is_age {
        unit = Some("years".to_string());
        unit_kind = Some(UnitKind::Duration);
    }
    let mut value = value_for(&core, qualifier);
    if core.kind == CoreKind::Vague {
        qualifier = Qualifier::Vague;
    }
    if let Some(high) = range_high {
        qualifier = Qualifier::Range;
        value = Value {
            low: Some(core.value),
            low_inclusive: true,
            high: Some(high),
            high_inclusive: true,
            exact: None,
        };
    }
    if core.kind == CoreKind::Fraction && unit.is_none() {
        unit = Some("fraction".to_string());
    }
    Some(Figure {
        first,
        last,
        value,
        qualifier,
        unit,
        unit_kind,
        counted: is_age.then(|| ("age".to_string(), usize::MAX, usize::MAX)),
        counted_inherited: false,
        counted_bytes: None,
        predicate: None,
        modality: Modality::Actual,
        is_age,
    })
}

/// A unit from the table starting at lexeme `index`: (index after it, unit,
/// kind). Currency suffixes are skipped when a prefix was already read.
fn unit_after(
    context: &SentenceContext,
    index: usize,
    has_currency: bool,
) -> Option<(usize, &'static str, UnitKind)> {
    for entry in units().iter().filter(|entry| !entry.prefix) {
        if has_currency && entry.kind == UnitKind::Currency {
            continue;
        }
        if let Some(end) = match_phrase(
            &context.lexemes,
            context.text,
            index,
            &entry.words,
            entry.case_sensitive,
        ) {
            // A one-letter abbreviation must be glued ("5m") to count.
            return Some((end, entry.unit, entry.kind));
        }
    }
    None
}

/// Rules out numbers that are not figures: ordinals, times, labels and
/// names, list numbering.
fn number_is_a_figure(context: &SentenceContext, core: &Core) -> bool {
    let lexemes = &context.lexemes;
    let text = context.text;
    let first = core.first;
    let last = core.last;
    let next = lexemes.get(last + 1);
    let next_text = next
        .map(|lexeme| lexeme.text(text).to_lowercase())
        .unwrap_or_default();
    let next_glued = next.is_some_and(|lexeme| lexeme.glued);
    let is_digits = lexemes
        .get(first)
        .is_some_and(|lexeme| lexeme.kind == LexKind::Number);
    // Ordinals "21st"; times "10:30", "10am", "3 p.m.".
    if is_digits && next_glued && matches!(next_text.as_str(), "st" | "nd" | "rd" | "th") {
        return false;
    }
    if is_digits
        && next_glued
        && next_text == ":"
        && lexemes
            .get(last + 2)
            .is_some_and(|l| l.kind == LexKind::Number)
    {
        return false;
    }
    if has_class(&next_text, class::TIME) {
        return false;
    }
    // "1:" or "2." or "3)" opening a sentence: list numbering.
    if first == 0 && is_digits && next_glued && matches!(next_text.as_str(), "." | ")" | ":") {
        return false;
    }
    if let Some(before) = first.checked_sub(1) {
        let previous = lexemes.get(before);
        let previous_text = text_at(lexemes, text, before);
        let previous_lower = previous_text.to_lowercase();
        // Glued to a word by a hyphen: "COVID-19", "F-16".
        if is_digits
            && previous_text == "-"
            && previous.is_some_and(|l| l.glued)
            && before.checked_sub(1).is_some_and(|w| {
                is_word(lexemes, w) && lexemes.get(before).is_some_and(|l| l.glued)
            })
        {
            return false;
        }
        // The second number of "3-1" (a score) or of a range read already.
        let after_dash_number = matches!(previous_text, "-" | "–")
            && previous.is_some_and(|l| l.glued)
            && before
                .checked_sub(1)
                .is_some_and(|n| lexemes.get(n).is_some_and(|l| l.kind == LexKind::Number));
        if is_digits && after_dash_number {
            return false;
        }
        let after_clock = previous_text == ":"
            && before
                .checked_sub(1)
                .is_some_and(|hour| lexemes.get(hour).is_some_and(|l| l.kind == LexKind::Number));
        if previous_text == "#" || previous_text == "№" || after_clock {
            return false;
        }
        if previous.is_some_and(|l| l.kind == LexKind::Word) {
            let label_word = has_class(&previous_lower, class::LABEL);
            let capitalised_name = is_capitalised(previous_text)
                && before > 0
                && !has_class(
                    &previous_lower,
                    class::DET | class::STOP | class::AUX | class::ADVERB,
                )
                && number_word(&previous_lower).is_none()
                && !qualifiers()
                    .iter()
                    .any(|entry| entry.words.last().is_some_and(|w| *w == previous_lower))
                && !units().iter().any(|entry| {
                    entry.prefix
                        && entry
                            .words
                            .first()
                            .is_some_and(|w| w.eq_ignore_ascii_case(previous_text))
                });
            if is_digits && (label_word || capitalised_name) {
                return false;
            }
        }
    }
    true
}

fn is_age_context(context: &SentenceContext, first: usize, last: usize) -> bool {
    let lexemes = &context.lexemes;
    let text = context.text;
    let Some(before) = first.checked_sub(1) else {
        return false;
    };
    if has_class(&lower_at(lexemes, text, before), class::AGE) {
        return true;
    }
    // "Maria Smith, 54, …" or "Smith (54)"
    let opening = text_at(lexemes, text, before);
    let closing = text_at(lexemes, text, last + 1);
    // "Maria Smith, 54," or "the prime minister, 61,": a noun before the comma.
    let name_before = before.checked_sub(1).is_some_and(|name| {
        is_word(lexemes, name)
            && !has_class(
                &lower_at(lexemes, text, name),
                class::STOP | class::AUX | class::DET,
            )
    });
    let word_after_closing = is_word(lexemes, last + 2) || lexemes.get(last + 2).is_none();
    let is_small_integer = lexemes
        .get(first)
        .is_some_and(|l| l.kind == LexKind::Number && first == last)
        && numbers::parse_digits(text_at(lexemes, text, first))
            .is_some_and(|value| value.fract() == 0.0 && (1.0..=120.0).contains(&value));
    let capitalised_before = before
        .checked_sub(1)
        .is_some_and(|name| is_capitalised(text_at(lexemes, text, name)));
    // After a name the age may end the sentence ("… Smith, 54."); after a
    // common noun it must be set off by commas before a word ("the prime
    // minister, 61, was").
    let comma_pair = opening == ","
        && (closing == "," && (capitalised_before || word_after_closing)
            || capitalised_before && (closing.is_empty() || closing == "."));
    is_small_integer && name_before && (comma_pair || (opening == "(" && closing == ")"))
}

/// Noun-phrase words: content words, not closed-class, not number words.
fn is_content_word(context: &SentenceContext, index: usize) -> bool {
    let Some(lexeme) = context.lexemes.get(index) else {
        return false;
    };
    if lexeme.kind != LexKind::Word {
        return false;
    }
    let lower_word = lower(lexeme, context.text);
    let closed = class::DET | class::STOP | class::AUX | class::REPORT;
    !has_class(&lower_word, closed) && number_word(&lower_word).is_none()
}

fn is_plural_head(word: &str) -> bool {
    let lower_word = word.to_lowercase();
    if has_class(&lower_word, class::PERSON) {
        return true;
    }
    lower_word.len() > 3
        && lower_word.ends_with('s')
        && !lower_word.ends_with("ss")
        && !lower_word.ends_with("us")
        && !lower_word.ends_with("is")
        && !lower_word.ends_with("'s")
}

fn looks_like_verb(lower_word: &str) -> bool {
    predicates().single.contains_key(lower_word)
        || (lower_word.len() > 4 && (lower_word.ends_with("ed") || lower_word.ends_with("ing")))
}

/// The noun phrase starting at lexeme `start`: (text, first, last).
///
/// In a noun context (after "of the", after a currency amount) the first
/// word is read as a noun even when it could be a verb ("the vote", "a
/// $1 billion loan"); elsewhere a verb-like first word with nothing after
/// it is the predicate ("1,227 remain", "200 injured").
fn noun_phrase_after(
    context: &SentenceContext,
    start: usize,
    limit: usize,
    noun_context: bool,
) -> Option<(String, usize, usize)> {
    let lexemes = &context.lexemes;
    let text = context.text;
    let mut words: Vec<usize> = Vec::new();
    let mut index = start;
    while index < limit && words.len() < 4 {
        if !is_content_word(context, index) {
            break;
        }
        let word = text_at(lexemes, text, index);
        let lower_word = word.to_lowercase();
        let next_is_content = is_content_word(context, index + 1) && index + 1 < limit;
        // After a number, a word in plural -s is a noun ("312 votes", "200
        // arrests"); a verb after a plural subject takes no -s ("five remain").
        let plural_noun_first = words.is_empty()
            && lower_word.ends_with('s')
            && is_plural_head(&lower_word)
            && !lower_word.ends_with("ed");
        let verb_like = looks_like_verb(&lower_word)
            && !(noun_context && words.is_empty())
            && !plural_noun_first;
        if verb_like && (!words.is_empty() || !next_is_content) {
            // "41 people killed": the verb ends the phrase; "detained
            // protesters": a participle before a noun is a modifier.
            if !(words.is_empty() && next_is_content) {
                break;
            }
        }
        if crate::extract::dates::is_month_or_weekday(word) {
            break;
        }
        // A possessor ("the world's potash", "Minsk's prisons") is not what
        // is counted: start the phrase again after it.
        if lower_word.ends_with("'s") || lower_word.ends_with("’s") {
            words.clear();
            index += 1;
            continue;
        }
        words.push(index);
        // Hyphenated compounds: "pro-democracy activists".
        if lexemes
            .get(index + 1)
            .is_some_and(|l| l.glued && l.text(text) == "-")
            && lexemes
                .get(index + 2)
                .is_some_and(|l| l.glued && l.kind == LexKind::Word)
        {
            index += 2;
            words.push(index);
        }
        if is_plural_head(text_at(lexemes, text, index)) {
            break;
        }
        index += 1;
    }
    let (&first, &last) = (words.first()?, words.last()?);
    let first_byte = lexemes.get(first)?.start;
    let last_byte = lexemes.get(last)?.end;
    let raw = text.get(first_byte..last_byte)?;
    Some((normalise_phrase(raw), first, last))
}

/// Lower case except capitalised words (proper adjectives and names keep
/// their case); white space folded.
fn normalise_phrase(raw: &str) -> String {
    raw.split_whitespace()
        .map(|word| {
            let all_caps = word
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
                && word.chars().filter(|c| c.is_alphabetic()).count() > 1;
            if is_capitalised(word) || all_caps {
                word.to_string()
            } else {
                word.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn skip_determiners(context: &SentenceContext, mut index: usize) -> usize {
    while context
        .lexemes
        .get(index)
        .is_some_and(|l| l.kind == LexKind::Word && has_class(&lower(l, context.text), class::DET))
    {
        index += 1;
    }
    index
}

fn attach_counted(context: &SentenceContext, figure: &mut Figure, limit: usize) {
    if figure.is_age {
        return;
    }
    let lexemes = &context.lexemes;
    let text = context.text;
    let after = figure.last + 1;
    let next_lower = lower_at(lexemes, text, after);
    let counted = match figure.unit_kind {
        _ if next_lower == "of" => {
            let mut start = skip_determiners(context, after + 1);
            // "three of the 11 candidates": the whole is counted in the same unit.
            let mut phrase_limit = limit;
            if let Some(whole) = parse_core(lexemes, text, start) {
                if whole.kind == CoreKind::Exact {
                    start = whole.last + 1;
                    phrase_limit = lexemes.len();
                }
            }
            noun_phrase_after(context, start, phrase_limit, true)
        }
        Some(UnitKind::Measure) | Some(UnitKind::Duration) => None,
        Some(UnitKind::Currency) => noun_phrase_after(context, after, limit, true),
        // "a 20 percent stake", but not "37% trust the media".
        Some(UnitKind::Percent) => {
            let after_article = figure.first.checked_sub(1).is_some_and(|before| {
                matches!(lower_at(lexemes, text, before).as_str(), "a" | "an")
            });
            if after_article {
                noun_phrase_after(context, after, limit, true)
            } else {
                None
            }
        }
        _ => noun_phrase_after(context, after, limit, false),
    };
    if let Some(counted) = counted {
        figure.counted = Some(counted);
        return;
    }
    // "the death toll rose to 41", "unemployment stood at 5%": the subject
    // before a verb and a linker (not for measures and durations:
    // "sentenced the mayor to eight years").
    if matches!(
        figure.unit_kind,
        Some(UnitKind::Measure | UnitKind::Duration)
    ) {
        return;
    }
    if let Some((phrase, verb)) = subject_before(context, figure.first) {
        figure.counted = Some(phrase);
        if figure.predicate.is_none() {
            figure.predicate = verb;
        }
    }
}

/// For "[the death toll] rose to 41": the noun phrase and the verb.
#[allow(clippy::type_complexity)]
fn subject_before(
    context: &SentenceContext,
    first: usize,
) -> Option<((String, usize, usize), Option<(String, usize, usize)>)> {
    let lexemes = &context.lexemes;
    let text = context.text;
    let mut index = first.checked_sub(1)?;
    let before_figure = lower_at(lexemes, text, index);
    if COPULAS.contains(&before_figure.as_str()) && is_word(lexemes, index) {
        // "turnout was 63.2 percent": the subject of the copula.
        return copula_subject(context, index);
    }
    if has_class(&before_figure, class::LINKER) {
        index = index.checked_sub(1)?;
    } else {
        return None;
    }
    let verb_word = lower_at(lexemes, text, index);
    // "was confirmed at 3.9 percent": a reporting verb in the passive
    // states the figure rather than reporting speech.
    let passive = index
        .checked_sub(1)
        .is_some_and(|before| has_class(&lower_at(lexemes, text, before), class::AUX));
    let closed = if passive {
        class::DET | class::STOP
    } else {
        class::DET | class::STOP | class::REPORT
    };
    if !is_word(lexemes, index) || has_class(&verb_word, closed) {
        return None;
    }
    // "the fine amounts to": a present-tense -s verb after a singular noun.
    let present_verb = verb_word.ends_with('s')
        && !verb_word.ends_with("ss")
        && index.checked_sub(1).is_some_and(|noun| {
            is_content_word(context, noun) && !is_plural_head(text_at(lexemes, text, noun))
        });
    if !looks_like_verb(&verb_word) && !present_verb && is_content_word(context, index) {
        // "raised its key rate to 7.5": the object before the linker is
        // counted; the verb before the object is the predicate.
        return object_before(context, index);
    }
    let verb_index = index;
    let verb = (verb_lemma(&verb_word), verb_index, verb_index);
    index = index.checked_sub(1)?;
    while has_class(&lower_at(lexemes, text, index), class::AUX | class::ADVERB)
        && is_word(lexemes, index)
    {
        index = index.checked_sub(1)?;
    }
    // Collect content words leftwards ("death toll", "number of dead").
    let phrase_last = index;
    let mut phrase_first = None;
    let mut position = index;
    let mut count = 0;
    loop {
        let word = lower_at(lexemes, text, position);
        let content = is_content_word(context, position);
        let inner_of = word == "of"
            && phrase_first.is_some()
            && position > 0
            && is_content_word(context, position - 1);
        if !(content || inner_of) || count >= 4 {
            break;
        }
        phrase_first = Some(position);
        count += 1;
        let Some(previous) = position.checked_sub(1) else {
            break;
        };
        position = previous;
    }
    let phrase_first = phrase_first?;
    let start = lexemes.get(phrase_first)?.start;
    let end = lexemes.get(phrase_last)?.end;
    let phrase = normalise_phrase(text.get(start..end)?);
    let phrase_lower = phrase.to_lowercase();
    // The subject itself may name the predicate: "the death toll".
    let own_predicate = predicate_of_phrase(&phrase_lower);
    let predicate = match own_predicate {
        Some(lemma) => Some((lemma, phrase_first, phrase_last)),
        None => Some(verb),
    };
    Some(((phrase, phrase_first, phrase_last), predicate))
}

/// Forms of "be" that tie a measure to its figure ("the rate was 4.2%").
const COPULAS: &[&str] = &["is", "was", "are", "were"];

/// For "[the jobless rate] was 4.2%": the lower-case noun phrase right
/// before the copula at lexeme `copula`, with no predicate (a state, not an
/// event). Names are not measures: a phrase that starts with a capital
/// anywhere but at the start of the sentence is refused.
#[allow(clippy::type_complexity)]
fn copula_subject(
    context: &SentenceContext,
    copula: usize,
) -> Option<((String, usize, usize), Option<(String, usize, usize)>)> {
    let lexemes = &context.lexemes;
    let text = context.text;
    let last = copula.checked_sub(1)?;
    let mut first = last;
    while first > 0 && last - first < 2 && is_content_word(context, first - 1) {
        first -= 1;
    }
    if !is_content_word(context, last) {
        return None;
    }
    for position in first..=last {
        let word = text_at(lexemes, text, position);
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        if capital && position > 0 {
            return None;
        }
        if looks_like_verb(&lower_at(lexemes, text, position)) {
            return None;
        }
    }
    let before_phrase = first
        .checked_sub(1)
        .map(|before| lower_at(lexemes, text, before));
    if first > 0 && !before_phrase.is_some_and(|word| has_class(&word, class::DET)) {
        // Only a whole subject: at the sentence start or after a determiner.
        let after_comma = first
            .checked_sub(1)
            .and_then(|before| lexemes.get(before))
            .is_some_and(|lexeme| text.get(lexeme.start..lexeme.end) == Some(","));
        if !after_comma {
            return None;
        }
    }
    let start = lexemes.get(first)?.start;
    let end = lexemes.get(last)?.end;
    let phrase = normalise_phrase(text.get(start..end)?);
    Some(((phrase, first, last), None))
}

/// For "raised [its key rate] to 7.5": the noun phrase ending at lexeme
/// `last` and the verb before it.
#[allow(clippy::type_complexity)]
fn object_before(
    context: &SentenceContext,
    last: usize,
) -> Option<((String, usize, usize), Option<(String, usize, usize)>)> {
    let lexemes = &context.lexemes;
    let text = context.text;
    let mut first = last;
    while first > 0
        && last - first < 3
        && is_content_word(context, first - 1)
        && !looks_like_verb(&lower_at(lexemes, text, first - 1))
    {
        first -= 1;
    }
    let start = lexemes.get(first)?.start;
    let end = lexemes.get(last)?.end;
    let phrase = normalise_phrase(text.get(start..end)?);
    let mut verb_index = first.checked_sub(1);
    while let Some(index) = verb_index {
        if has_class(&lower_at(lexemes, text, index), class::DET) {
            verb_index = index.checked_sub(1);
        } else {
            break;
        }
    }
    let verb = verb_index.and_then(|index| {
        let word = lower_at(lexemes, text, index);
        (is_word(lexemes, index) && looks_like_verb(&word))
            .then(|| (verb_lemma(&word), index, index))
    });
    Some(((phrase, first, last), verb))
}

/// The lemma a whole phrase stands for ("death toll" → "die").
fn predicate_of_phrase(phrase_lower: &str) -> Option<String> {
    let words: Vec<&str> = phrase_lower.split_whitespace().collect();
    for (forms, entry) in &predicates().multi {
        if words
            .windows(forms.len())
            .any(|window| window == forms.as_slice())
        {
            return Some(entry.lemma.to_string());
        }
    }
    None
}

fn attach_predicate(context: &SentenceContext, figure: &mut Figure) {
    if figure.predicate.is_some() || figure.is_age {
        return;
    }
    let left = predicate_left(context, figure);
    let right = predicate_right(context, figure);
    figure.predicate = match (left, right) {
        (Some((lemma, index, direct)), right) if direct || right.is_none() => {
            Some((lemma, index, index))
        }
        (_, Some((lemma, index))) => Some((lemma, index, index)),
        _ => None,
    };
}

/// The verb before the figure ("released 123", "killed at least 41", "the
/// release of 123"): (lemma, index, whether it is the verb itself rather
/// than a nominalisation).
fn predicate_left(context: &SentenceContext, figure: &Figure) -> Option<(String, usize, bool)> {
    let lexemes = &context.lexemes;
    let text = context.text;
    let mut index = figure.first.checked_sub(1)?;
    // "a total of", "the", "all", "some of the"
    loop {
        let word = lower_at(lexemes, text, index);
        if has_class(&word, class::DET) || word == "total" || word == "group" {
            index = index.checked_sub(1)?;
            continue;
        }
        if word == "of" {
            let before = lower_at(lexemes, text, index.checked_sub(1)?);
            if before == "total" || before == "group" || before == "number" {
                index = index.checked_sub(2)?;
                continue;
            }
        }
        break;
    }
    let word = lower_at(lexemes, text, index);
    if !is_word(lexemes, index) {
        return None;
    }
    if word == "of" {
        let noun_index = index.checked_sub(1)?;
        let noun = lower_at(lexemes, text, noun_index);
        let entry = predicates().single.get(noun.as_str())?;
        return Some((entry.lemma.to_string(), noun_index, false));
    }
    if has_class(&word, class::LINKER) {
        let verb_index = index.checked_sub(1)?;
        let verb = lower_at(lexemes, text, verb_index);
        if is_word(lexemes, verb_index)
            && looks_like_verb(&verb)
            && !has_class(&verb, class::REPORT)
        {
            return Some((verb_lemma(&verb), verb_index, true));
        }
        return None;
    }
    if has_class(&word, class::REPORT | class::STOP | class::AUX)
        || is_capitalised(text_at(lexemes, text, index))
    {
        return None;
    }
    let listed = predicates().single.contains_key(word.as_str());
    if listed || (word.len() > 4 && word.ends_with("ed")) {
        return Some((verb_lemma(&word), index, true));
    }
    None
}

/// The verb after the counted phrase ("123 prisoners were released", "41
/// people died", "five remain behind bars").
fn predicate_right(context: &SentenceContext, figure: &Figure) -> Option<(String, usize)> {
    let lexemes = &context.lexemes;
    let text = context.text;
    let mut index = match &figure.counted {
        Some((_, _, last)) if !figure.counted_inherited && *last != usize::MAX => last + 1,
        _ => figure.last + 1,
    };
    if matches!(
        lower_at(lexemes, text, index).as_str(),
        "who" | "that" | "which"
    ) {
        index += 1;
    }
    let mut saw_aux = false;
    while is_word(lexemes, index)
        && has_class(&lower_at(lexemes, text, index), class::AUX | class::ADVERB)
    {
        saw_aux |= has_class(&lower_at(lexemes, text, index), class::AUX);
        index += 1;
    }
    if !is_word(lexemes, index) {
        return None;
    }
    let word = lower_at(lexemes, text, index);
    if has_class(&word, class::STOP | class::DET | class::REPORT)
        || is_capitalised(text_at(lexemes, text, index))
    {
        return None;
    }
    // Multi-word forms: "behind bars", "went missing".
    for (forms, entry) in &predicates().multi {
        let owned: Vec<String> = forms.iter().map(|form| form.to_string()).collect();
        if match_phrase(lexemes, text, index, &owned, false).is_some() {
            return Some((entry.lemma.to_string(), index));
        }
    }
    let listed = predicates().single.contains_key(word.as_str());
    let participle = word.len() > 4 && (word.ends_with("ed") || (saw_aux && word.ends_with("en")));
    if listed || participle {
        return Some((verb_lemma(&word), index));
    }
    None
}

/// Goal or hypothetical when a cue stands before the figure in its clause,
/// or a modal right after its counted phrase.
fn modality_of(context: &SentenceContext, figure: &Figure) -> Modality {
    let lexemes = &context.lexemes;
    let text = context.text;
    let window_start = figure.first.saturating_sub(12);
    let mut clause_start = window_start;
    for index in (window_start..figure.first).rev() {
        if matches!(text_at(lexemes, text, index), ";" | ":" | "\u{201d}" | "\"") {
            clause_start = index + 1;
            break;
        }
    }
    let mut nearest: Option<(usize, Modality)> = None;
    for index in clause_start..figure.first {
        let Some(lexeme) = lexemes.get(index) else {
            continue;
        };
        if lexeme.kind != LexKind::Word {
            continue;
        }
        let original = lexeme.text(text);
        if is_capitalised(original) && index > 0 {
            continue; // "May" the month, names
        }
        for cue in tables::goal_cues() {
            if match_phrase(lexemes, text, index, &cue.words, true)
                .is_some_and(|end| end <= figure.first)
            {
                nearest = Some((index, cue.modality));
                break;
            }
        }
    }
    if let Some((_, modality)) = nearest {
        return modality;
    }
    let after = match &figure.counted {
        Some((_, _, last)) if *last != usize::MAX && !figure.counted_inherited => last + 1,
        _ => figure.last + 1,
    };
    let next = lower_at(lexemes, text, after);
    if matches!(next.as_str(), "could" | "may" | "might" | "would" | "will") {
        return Modality::Hypothetical;
    }
    Modality::Actual
}

/// "at least 41 people were killed and more than 200 injured": a bare figure
/// followed by its verb takes the counted phrase of the figure before it.
fn inherit_counted(context: &SentenceContext, figures: &mut [Figure]) {
    let mut previous: Option<(String, usize, usize)> = None;
    for figure in figures.iter_mut() {
        if figure.counted.is_none() && figure.unit.is_none() && figure.predicate.is_some() {
            if let Some((phrase, first, last)) = &previous {
                let first_byte = context.lexemes.get(*first).map(|l| l.start);
                let last_byte = context.lexemes.get(*last).map(|l| l.end);
                if let (Some(start), Some(end)) = (first_byte, last_byte) {
                    figure.counted = Some((phrase.clone(), *first, *last));
                    figure.counted_inherited = true;
                    figure.counted_bytes = Some((start, end));
                }
            }
        }
        if figure.unit.is_none() && !figure.is_age {
            if let Some(counted) = &figure.counted {
                if !figure.counted_inherited {
                    previous = Some(counted.clone());
                }
            }
        }
    }
}

/// Restricting phrases of the sentence: date expressions with their
/// preposition ("since July 2024", "in 2022", "this year") and place
/// phrases ("in Ukraine", "on Ukrainian territory", "in the capital").
fn scope_phrases(context: &SentenceContext) -> Vec<(String, usize, usize)> {
    let lexemes = &context.lexemes;
    let text = context.text;
    let mut phrases: Vec<(String, usize, usize)> = Vec::new();
    for (start, end) in &context.dates {
        let mut phrase_start = *start;
        if let Some(position) = lexemes.iter().position(|l| l.start == *start) {
            if let Some(before) = position.checked_sub(1) {
                let word = lower_at(lexemes, text, before);
                if matches!(
                    word.as_str(),
                    "in" | "on"
                        | "since"
                        | "during"
                        | "until"
                        | "by"
                        | "from"
                        | "before"
                        | "after"
                        | "as"
                ) && is_word(lexemes, before)
                {
                    phrase_start = lexemes.get(before).map(|l| l.start).unwrap_or(*start);
                }
            }
        }
        if let Some(phrase) = text.get(phrase_start..*end) {
            phrases.push((
                phrase.split_whitespace().collect::<Vec<_>>().join(" "),
                phrase_start,
                *end,
            ));
        }
    }
    for index in 0..lexemes.len() {
        let word = lower_at(lexemes, text, index);
        if !is_word(lexemes, index) || !has_class(&word, class::SCOPE_PREP) {
            continue;
        }
        let mut position = index + 1;
        if lower_at(lexemes, text, position) == "the" {
            position += 1;
        }
        let phrase_first = position;
        let mut capitals = 0;
        while capitals < 4
            && is_word(lexemes, position)
            && is_capitalised(text_at(lexemes, text, position))
            && !crate::extract::dates::is_month_or_weekday(text_at(lexemes, text, position))
        {
            capitals += 1;
            position += 1;
        }
        let noun = is_word(lexemes, position)
            && has_class(&lower_at(lexemes, text, position), class::SCOPE_NOUN);
        // "on Belarusian soil", "in Minsk's prisons": a capitalised run may be
        // an adjective or a possessor of the lower-case noun after it.
        let noun_after_name = capitals > 0
            && !noun
            && is_content_word(context, position)
            && !looks_like_verb(&lower_at(lexemes, text, position))
            && text_at(lexemes, text, position)
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
        if noun || noun_after_name {
            position += 1;
        }
        if capitals == 0 && !noun {
            continue;
        }
        let in_date = (phrase_first..position).any(|p| context.in_date(p));
        if in_date {
            continue;
        }
        let (Some(start), Some(end)) = (
            lexemes.get(index).map(|l| l.start),
            lexemes.get(position - 1).map(|l| l.end),
        ) else {
            continue;
        };
        if let Some(phrase) = text.get(start..end) {
            phrases.push((
                phrase.split_whitespace().collect::<Vec<_>>().join(" "),
                start,
                end,
            ));
        }
    }
    phrases.sort_by_key(|(_, start, _)| *start);
    phrases
}

/// A run of figures the sentence adds up: indices into the figure list.
struct Sum {
    members: Vec<usize>,
}

fn find_sums(context: &SentenceContext, figures: &mut [Figure]) -> Vec<Sum> {
    let lexemes = &context.lexemes;
    let text = context.text;
    let mut sums = Vec::new();
    let mut index = 0;
    while index < figures.len() {
        let mut members = vec![index];
        let mut position = index;
        while let (Some(current), Some(next)) = (figures.get(position), figures.get(position + 1)) {
            let summable = |figure: &Figure| {
                figure.unit.is_none()
                    && figure.qualifier == Qualifier::None
                    && figure.counted.is_some()
                    && !figure.counted_inherited
                    && !figure.is_age
            };
            if !summable(current) || !summable(next) || current.modality != next.modality {
                break;
            }
            let end = current
                .counted
                .as_ref()
                .map(|(_, _, last)| *last)
                .unwrap_or(current.last);
            let between: Vec<String> = (end + 1..next.first)
                .map(|p| lower_at(lexemes, text, p))
                .collect();
            let joined = matches!(
                between
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .as_slice(),
                ["and"] | [","] | [",", "and"]
            );
            if !joined {
                break;
            }
            members.push(position + 1);
            position += 1;
        }
        if members.len() >= 2 {
            let keys: Vec<String> = members
                .iter()
                .filter_map(|m| figures.get(*m))
                .filter_map(|f| f.counted.as_ref())
                .map(|(c, _, _)| c.to_lowercase())
                .collect();
            let distinct = keys.iter().any(|key| Some(key) != keys.first());
            if distinct {
                // Share the predicate found for any part with all parts.
                let shared = members
                    .iter()
                    .rev()
                    .filter_map(|m| figures.get(*m))
                    .find_map(|f| f.predicate.clone());
                for member in &members {
                    if let Some(figure) = figures.get_mut(*member) {
                        if figure.predicate.is_none() {
                            figure.predicate = shared.clone();
                        }
                    }
                }
                sums.push(Sum {
                    members: members.clone(),
                });
            }
        }
        index = members.last().map(|last| last + 1).unwrap_or(index + 1);
    }
    sums
}

fn span_of(
    article: &Article,
    context: &SentenceContext,
    first: usize,
    last: usize,
) -> Option<Span> {
    let start = context.lexemes.get(first)?.start;
    let end = context.lexemes.get(last)?.end;
    Some(Span::new(article.index, start, end))
}

fn predicate_fields(
    article: &Article,
    context: &SentenceContext,
    figure: &Figure,
) -> (Option<String>, Option<Span>) {
    match &figure.predicate {
        Some((lemma, first, last)) => (
            Some(lemma.clone()),
            span_of(article, context, *first, *last),
        ),
        None => (None, None),
    }
}

/// How many lexemes may stand between a figure's clause and a scope phrase.
const SCOPE_GAP: usize = 8;

/// Words that open another clause: a scope phrase beyond one of them does
/// not restrict the figure.
fn is_clause_boundary(lexeme_text: &str) -> bool {
    matches!(
        lexeme_text.to_lowercase().as_str(),
        "," | ";"
            | ":"
            | "("
            | ")"
            | "\""
            | "\u{201c}"
            | "\u{201d}"
            | "and"
            | "but"
            | "while"
            | "because"
            | "although"
            | "which"
            | "who"
            | "that"
            | "when"
            | "where"
            | "whereas"
            | "after"
            | "as"
    )
}

/// The scope phrases that restrict the figure spanning bytes
/// `region_start..region_end` (its number, counted phrase and predicate):
/// phrases in the same clause, at most [`SCOPE_GAP`] lexemes away, and
/// fronted phrases that open the sentence ("On Saturday, …").
fn scope_for(
    context: &SentenceContext,
    scope: &[(String, usize, usize)],
    region_start: usize,
    region_end: usize,
) -> Vec<String> {
    let lexemes = &context.lexemes;
    let sentence_start = lexemes.first().map(|l| l.start).unwrap_or(0);
    scope
        .iter()
        .filter(|(_, phrase_start, phrase_end)| {
            if *phrase_start < region_end && region_start < *phrase_end {
                return false;
            }
            let (gap_start, gap_end) = if *phrase_end <= region_start {
                (*phrase_end, region_start)
            } else {
                (region_end, *phrase_start)
            };
            let gap: Vec<&Lexeme> = lexemes
                .iter()
                .filter(|l| l.start >= gap_start && l.end <= gap_end)
                .collect();
            let fronted = *phrase_start == sentence_start
                && gap.first().is_some_and(|l| l.text(context.text) == ",");
            if fronted {
                return true;
            }
            gap.len() <= SCOPE_GAP && !gap.iter().any(|l| is_clause_boundary(l.text(context.text)))
        })
        .map(|(phrase, _, _)| phrase.clone())
        .collect()
}

/// Bytes covered by a figure with its counted phrase and predicate.
fn figure_region(context: &SentenceContext, figure: &Figure) -> (usize, usize) {
    let mut first = figure.first;
    let mut last = figure.last;
    if let Some((_, counted_first, counted_last)) = &figure.counted {
        if !figure.counted_inherited && *counted_last != usize::MAX {
            first = first.min(*counted_first);
            last = last.max(*counted_last);
        }
    }
    if let Some((_, predicate_first, predicate_last)) = &figure.predicate {
        first = first.min(*predicate_first);
        last = last.max(*predicate_last);
    }
    let start = context.lexemes.get(first).map(|l| l.start).unwrap_or(0);
    let end = context.lexemes.get(last).map(|l| l.end).unwrap_or(start);
    (start, end)
}

fn to_quantity(
    article: &Article,
    context: &SentenceContext,
    figure: &Figure,
    sentence: u32,
    scope: &[(String, usize, usize)],
) -> Quantity {
    let span = span_of(article, context, figure.first, figure.last).unwrap_or(Span::new(
        article.index,
        0,
        0,
    ));
    let (counted, counted_span) = match &figure.counted {
        Some((phrase, _, _)) if figure.is_age => (Some(phrase.clone()), None),
        Some((phrase, _, _)) if figure.counted_inherited => (
            Some(phrase.clone()),
            figure
                .counted_bytes
                .map(|(start, end)| Span::new(article.index, start, end)),
        ),
        Some((phrase, first, last)) => (
            Some(phrase.clone()),
            span_of(article, context, *first, *last),
        ),
        None => (None, None),
    };
    let (predicate, predicate_span) = predicate_fields(article, context, figure);
    Quantity {
        span,
        sentence,
        value: figure.value,
        qualifier: figure.qualifier,
        unit: figure.unit.clone(),
        counted,
        counted_span,
        predicate,
        predicate_span,
        modality: figure.modality,
        parts: Vec::new(),
        scope: {
            let (region_start, region_end) = figure_region(context, figure);
            scope_for(context, scope, region_start, region_end)
        },
    }
}

fn sum_quantity(
    article: &Article,
    context: &SentenceContext,
    figures: &[Figure],
    sum: &Sum,
    sentence: u32,
    scope: &[(String, usize, usize)],
) -> Option<Quantity> {
    let members: Vec<&Figure> = sum.members.iter().filter_map(|m| figures.get(*m)).collect();
    let first = members.first()?;
    let last = members.last()?;
    let end_lexeme = last
        .counted
        .as_ref()
        .map(|(_, _, l)| *l)
        .unwrap_or(last.last);
    let span = span_of(article, context, first.first, end_lexeme)?;
    let mut parts = Vec::new();
    let mut total = 0.0;
    for member in &members {
        let number = member.value.exact?;
        total += number;
        let end = member
            .counted
            .as_ref()
            .map(|(_, _, l)| *l)
            .unwrap_or(member.last);
        parts.push(QuantityPart {
            span: span_of(article, context, member.first, end)?,
            value: number,
            counted: member.counted.as_ref().map(|(c, _, _)| c.clone()),
        });
    }
    let counted_phrases: Vec<&str> = members
        .iter()
        .filter_map(|m| m.counted.as_ref())
        .map(|(c, _, _)| c.as_str())
        .collect();
    let last_words: Vec<String> = counted_phrases
        .iter()
        .filter_map(|c| c.split_whitespace().last())
        .map(str::to_lowercase)
        .collect();
    let common_head = last_words
        .first()
        .filter(|head| last_words.iter().all(|word| word == *head))
        .cloned();
    let all_groups = counted_phrases.iter().all(|c| {
        let words: Vec<&str> = c.split_whitespace().collect();
        words.len() == 1 && words.first().is_some_and(|w| is_capitalised(w))
            || words
                .last()
                .is_some_and(|w| has_class(&w.to_lowercase(), class::PERSON))
    });
    let counted = common_head.or_else(|| all_groups.then(|| "people".to_string()));
    let (predicate, predicate_span) = predicate_fields(article, context, last);
    Some(Quantity {
        span,
        sentence,
        value: Value::exact(total),
        qualifier: Qualifier::None,
        unit: None,
        counted,
        counted_span: None,
        predicate,
        predicate_span,
        modality: last.modality,
        parts,
        scope: {
            let (_, region_end) = figure_region(context, last);
            scope_for(
                context,
                scope,
                span.start as usize,
                region_end.max(span.end as usize),
            )
        },
    })
}

#[cfg(test)]
mod tests;
