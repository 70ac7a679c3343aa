//! Name mentions: people, organisations and places, found without a model.
//!
//! Takes an article and its [`Doc`]; gives the [`Mention`]s of its body
//! sentences (headings are skipped), in text order, each with the span of
//! the name proper, its kind, its form, the title or honorific split off,
//! and for partial and descriptive mentions the full mention of the same
//! article they resolve to. Promises: spans lie inside their sentence and
//! in order; no input makes it panic; cost is linear in the tokens (every
//! word is hashed once, tables are hash maps built once).
//!
//! How it decides, in order:
//! 1. **Units** (`units.rs`): tokens regrouped into words with their glued
//!    parts ("Al-Assad", "O'Brien", "U.S.", "Mr."), possessive endings noted
//!    and left out of the name ("Vantor's" → "Vantor").
//! 2. **Evidence** from the whole article: the words seen in lower case, and
//!    those seen capitalised in mid-sentence (not after a full stop, quote or
//!    colon, and not in headline-case text).
//! 3. **Runs** (`names.rs`): capitalised words joined across name particles
//!    ("Maria de la Cruz", "Ludwig van Beethoven") and, after an
//!    organisation, place or event head, across "of", "for", "&" ("Bank of
//!    England", "Ministry of Foreign Affairs"); gazetteer names first ("Bosnia
//!    and Herzegovina"). Closed-class words cut runs; sentence adverbs and
//!    days/months are trimmed off their ends.
//! 4. **Sentence starts**: a first word is a name when it is an acronym, a
//!    known given name or place, seen capitalised mid-sentence elsewhere,
//!    followed by more name words, or alone before a verb of saying ("Vantor
//!    said") — and not when it is seen in lower case elsewhere ("Despite").
//! 5. **Headline case** (a sentence of capitalised words): only words with
//!    evidence of their own are kept, so "Another 40 Political Detainees
//!    Freed" gives no name.
//! 6. **Titles** (`titles.tsv`, `honorifics.tsv`, `title_modifiers.txt`):
//!    split off the front of a run ("Moldovan President", "former U.S.
//!    Special Envoy", "Mr") or read before it in lower case ("opposition
//!    leader", "Pentagon spokesman"); an apposition ("X, a human rights
//!    activist,") gives a title when there is none. A nationality adjective
//!    before a person's name is a title ("Czech Anna Novakova");
//!    **alone, a nationality adjective is not a mention**, nor are plural
//!    demonyms ("Kenyans"). Countries named inside a title ("U.S." in
//!    "U.S. President") are place mentions of their own.
//! 7. **Kinds** (`kinds.rs`): head words (organisation, place, event; a
//!    surname-like head after a given name stays a person's: "Marc Lamont
//!    Hill"), the gazetteer and names built of places and compass words
//!    ("South Australia"), titles, appositions, given names, acronyms, then
//!    context (after "in", before "said"/"told", before "news agency", before
//!    a lower-case title and a name: "Facebook co-founder X"). A lone word
//!    that no cue types and that is no person's surname here defaults to an
//!    organisation ("Microsoft said"); several capitalised words with no cue
//!    default to a person unless one of them is seen in lower case elsewhere.
//!    Then one kind per name across the article, the strongest evidence
//!    winning. Religious, ethnic and political group adjectives
//!    (`group_words.tsv`) work like nationality adjectives; calendar words,
//!    roman numerals and a few capitalised common nouns ("Internet") are
//!    never a mention alone.
//! 8. **Resolution** (`resolve.rs`): a one-word name that is the surname or
//!    (unambiguous) given name of a full person name elsewhere in the article
//!    is partial, with that full mention as antecedent (the nearest before
//!    it, else the first after); when two people share it and gender
//!    (honorific, title, given name) does not decide, the antecedent stays
//!    `None`. A full name known as a person's only by its shape, whose first
//!    word is used alone as a name ("Warhol Polaroid" beside "Warhol"), is a
//!    target only for a one-word name with a person cue of its own. Acronyms
//!    resolve to the organisation or place whose initials they spell.
//!    Descriptions ("the Moldovan leader", "the envoy", "the company")
//!    resolve to the one earlier entity whose title family, nationality and
//!    kind fit; **a description that fits no entity or several is not
//!    emitted**, nor is a nationality-qualified thing ("the Afghan team").
//!
//! Measured on GUM news by `parallax eval gum-mentions`
//! (`parallax-eval/src/gum_mentions.rs`).

mod kinds;
mod lexicon;
mod names;
mod resolve;
mod units;

use crate::model::{Article, Doc, Mention};
use lexicon::{lexicon, Gender, TitleEntry};
use names::{DescribedHead, Scanner};
use units::{build_units, Unit};

/// Words of the article seen in lower case, and capitalised in
/// mid-sentence: the article's own evidence on what is a name.
#[derive(Debug, Default)]
struct Evidence {
    lower_seen: lexicon::KeySet,
    capitalised_mid_seen: lexicon::KeySet,
}

/// A title or honorific split off a name.
#[derive(Debug, Clone, Copy)]
struct TitleInfo {
    /// Byte range of the whole title ("former U.S. Special Envoy").
    start: u32,
    end: u32,
    /// Family of the title's head (`titles.tsv`); `None` for honorifics and
    /// bare nationality adjectives.
    family: Option<&'static str>,
    gender: Gender,
    /// Gazetteer id of the country the title names or implies.
    nationality: Option<u32>,
    honorific: bool,
}

/// An apposition after a name: "X, a human rights activist,".
#[derive(Debug, Clone, Copy)]
struct AppositionInfo {
    start: u32,
    end: u32,
    title: Option<TitleEntry>,
    described: Option<lexicon::DescriptiveHead>,
}

/// A name found by the scanner, before kinds and resolution.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    sentence: u32,
    /// First and last unit of the name proper (indices into the article's
    /// units).
    first: usize,
    last: usize,
    title: Option<TitleInfo>,
    apposition: Option<AppositionInfo>,
}

/// A description that may stand for a named referent: "the Moldovan
/// leader", "the company".
#[derive(Debug, Clone, Copy)]
struct Description {
    sentence: u32,
    /// Byte range without the article "the".
    start: u32,
    end: u32,
    head: DescribedHead,
    nationality: Option<u32>,
}

/// The units of one sentence.
struct SentenceUnits {
    index: u32,
    range: std::ops::Range<usize>,
    heading: bool,
    headline_case: bool,
}

/// Finds the name mentions of the body sentences of `article`.
pub fn find_mentions(article: &Article, doc: &Doc) -> Vec<Mention> {
    let text = article.text.as_str();
    let mut units: Vec<Unit> = Vec::with_capacity(doc.tokens.len());
    let mut sentences = Vec::with_capacity(doc.sentences.len());
    for (sentence_index, sentence) in doc.sentences.iter().enumerate() {
        let first_unit = units.len();
        build_units(text, doc.sentence_tokens(sentence), &mut units);
        let range = first_unit..units.len();
        let headline_case = is_headline_case(&units[range.clone()]);
        sentences.push(SentenceUnits {
            index: sentence_index as u32,
            range,
            heading: sentence.heading,
            headline_case,
        });
    }
    let evidence = gather_evidence(&units, &sentences);
    let scanner = Scanner {
        text,
        units: &units,
        evidence: &evidence,
        lexicon: lexicon(),
    };
    let mut candidates = Vec::new();
    let mut descriptions = Vec::new();
    let mut sentence_ranges = Vec::new();
    for sentence in &sentences {
        if sentence.heading {
            continue;
        }
        let before = candidates.len();
        scanner.scan_sentence(
            sentence.index,
            sentence.range.clone(),
            sentence.headline_case,
            &mut candidates,
            &mut descriptions,
        );
        for _ in before..candidates.len() {
            sentence_ranges.push(sentence.range.clone());
        }
    }
    let mut classified = Vec::with_capacity(candidates.len());
    for (candidate, range) in candidates.iter().zip(&sentence_ranges) {
        let context = scanner.context(candidate, range);
        classified.push(kinds::classify(&scanner, candidate, context));
    }
    resolve::resolve(
        article.index,
        text,
        &units,
        &candidates,
        &classified,
        &descriptions,
    )
}

/// True for a sentence written in headline case: at least three
/// capitalised words and no lower-case word other than closed-class ones
/// (or, in a long run of capitals, one lower-case word in eight).
fn is_headline_case(units: &[Unit]) -> bool {
    let lexicon = lexicon();
    let mut capitalised = 0;
    let mut lower_content = 0;
    for unit in units.iter().filter(|unit| unit.is_word()) {
        if unit.is_capitalised() {
            if !lexicon.common.contains_key(&unit.bare_hash) {
                capitalised += 1;
            }
        } else if !lexicon.common.contains_key(&unit.bare_hash)
            && !lexicon.connectors.contains_key(&unit.bare_hash)
        {
            lower_content += 1;
        }
    }
    capitalised >= 3 && (lower_content == 0 || lower_content * 8 < capitalised)
}

fn gather_evidence(units: &[Unit], sentences: &[SentenceUnits]) -> Evidence {
    let mut evidence = Evidence::default();
    for sentence in sentences {
        let Some(sentence_units) = units.get(sentence.range.clone()) else {
            continue;
        };
        for unit in sentence_units.iter().filter(|unit| unit.is_word()) {
            if unit.is_lower_word() {
                evidence.lower_seen.insert(unit.hash);
            } else if unit.is_capitalised()
                && !unit.position_initial
                && !sentence.heading
                && !sentence.headline_case
            {
                evidence.capitalised_mid_seen.insert(unit.hash);
            }
        }
    }
    evidence
}

#[cfg(test)]
mod tests;
