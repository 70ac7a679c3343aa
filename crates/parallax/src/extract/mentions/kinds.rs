//! What kind of thing a name names, from its own words and its context.
//!
//! Each candidate gets a kind and a strength: 3 for decisive evidence in the
//! name itself (a head word such as "Ministry" or "River", the gazetteer, a
//! title, a given name before a surname), 2 for good evidence (an acronym,
//! a given name alone, "X news agency"), 1 for context alone ("in X", "X
//! said", two or more capitalised words). Resolution then gives each name
//! one kind across the article, the strongest evidence winning.

use super::lexicon::{phrase_key, Connector, DescribedKind};
use super::names::{Context, Scanner};
use super::units::{Case, Unit};
use super::Candidate;
use crate::model::EntityKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct KindGuess {
    pub(super) kind: Option<EntityKind>,
    pub(super) strength: u8,
}

impl KindGuess {
    const NONE: KindGuess = KindGuess {
        kind: None,
        strength: 0,
    };

    fn new(kind: EntityKind, strength: u8) -> KindGuess {
        KindGuess {
            kind: Some(kind),
            strength,
        }
    }
}

/// Guesses the kind of one candidate.
pub(super) fn classify(scanner: &Scanner, candidate: &Candidate, context: Context) -> KindGuess {
    let lexicon = scanner.lexicon;
    let Some(name_units) = scanner.units.get(candidate.first..=candidate.last) else {
        return KindGuess::NONE;
    };
    let words: Vec<&Unit> = name_units
        .iter()
        .filter(|unit| unit.is_capitalised())
        .collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return KindGuess::NONE;
    };
    // The head: the last capitalised word before an "of" ("Bank" in "Bank
    // of England"), else the last word.
    let head = name_units
        .iter()
        .position(|unit| {
            unit.is_lower_word() && lexicon.connectors.get(&unit.hash) == Some(&Connector::Of)
        })
        .and_then(|of_position| {
            name_units
                .get(..of_position)
                .and_then(|before| before.iter().rev().find(|unit| unit.is_capitalised()))
        })
        .unwrap_or(last);
    let several_words = words.len() >= 2;
    let head_key = phrase_key([head.bare_hash]);
    let first_key = phrase_key([first.bare_hash]);
    let starts_with_given_name = lexicon.given_names.contains_key(&first_key);
    // "Marc Lamont Hill", "Emily Post": a given name and a head word that is
    // also a surname.
    let surname_head = starts_with_given_name
        && words.len() <= 3
        && std::ptr::eq(head, *last)
        && lexicon.surname_heads.contains(&head_key);
    if several_words && !surname_head {
        if lexicon.organisation_words.contains_key(&head_key) {
            return KindGuess::new(EntityKind::Organisation, 3);
        }
        if lexicon.place_heads.contains(&head_key) {
            return KindGuess::new(EntityKind::Place, 3);
        }
        if lexicon.other_heads.contains(&head_key) || ends_with_other_phrase(scanner, name_units) {
            return KindGuess::new(EntityKind::Other, 3);
        }
        if lexicon.place_prefixes.contains(&first_key) {
            return KindGuess::new(EntityKind::Place, 3);
        }
        if lexicon.other_prefixes.contains(&first_key) {
            return KindGuess::new(EntityKind::Other, 3);
        }
    }
    if let Some((length, _)) = scanner.place_at(candidate.first, candidate.last) {
        if candidate.first + length - 1 == candidate.last {
            return KindGuess::new(EntityKind::Place, 3);
        }
    }
    let places = place_composition(scanner, candidate);
    if let Some(title) = &candidate.title {
        if title.honorific || title.family.is_some() || several_words {
            return KindGuess::new(EntityKind::Person, 3);
        }
    }
    if let Some(apposition) = &candidate.apposition {
        if apposition.title.is_some() {
            return KindGuess::new(EntityKind::Person, 3);
        }
        if let Some(described) = apposition.described {
            let kind = match described.kind {
                DescribedKind::Organisation => EntityKind::Organisation,
                DescribedKind::Place => EntityKind::Place,
            };
            return KindGuess::new(kind, 3);
        }
    }
    if several_words && starts_with_given_name {
        return KindGuess::new(EntityKind::Person, 3);
    }
    if several_words && words.iter().any(|word| is_organisation_word(scanner, word)) {
        return KindGuess::new(EntityKind::Organisation, 2);
    }
    match places {
        // "South Australia", "East Los Angeles".
        PlaceComposition::OnlyPlaces => return KindGuess::new(EntityKind::Place, 3),
        // "Malaysia Tourism", "LA Weekly", "Texas A&M" (but "Valeska
        // Paris" may be a person).
        PlaceComposition::PlaceAndOther { place_first }
            if !starts_with_given_name && (place_first || words.len() >= 3) =>
        {
            return KindGuess::new(EntityKind::Organisation, 2)
        }
        _ => {}
    }
    if !several_words && first.case == Case::AllCaps {
        return KindGuess::new(EntityKind::Organisation, 2);
    }
    if context.organisation_after {
        return KindGuess::new(EntityKind::Organisation, 2);
    }
    if !several_words && starts_with_given_name {
        return KindGuess::new(EntityKind::Person, 2);
    }
    if context.place_after {
        return KindGuess::new(EntityKind::Place, 1);
    }
    // A word of the name seen in lower case elsewhere: a name made of
    // common words is seldom a person's ("Civic Passion", "White House").
    let has_common_word = words
        .iter()
        .any(|word| scanner.evidence.lower_seen.contains(&word.hash));
    if context.person_verb_after && several_words && !has_common_word {
        return KindGuess::new(EntityKind::Person, 1);
    }
    if context.person_strong_verb_after && !has_common_word {
        return KindGuess::new(EntityKind::Person, 1);
    }
    if context.place_preposition_before {
        return KindGuess::new(EntityKind::Place, 1);
    }
    if several_words && !has_common_word {
        return KindGuess::new(EntityKind::Person, 1);
    }
    // A single word that is no given name and no surname of a person named
    // in full (resolution would have said so) is most often an
    // organisation's name ("Microsoft said").
    if context.determiner_before || context.person_verb_after {
        return KindGuess::new(EntityKind::Organisation, 1);
    }
    KindGuess::new(EntityKind::Organisation, 0)
}

/// What a name is made of, as far as places go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PlaceComposition {
    /// No known place in it.
    NoPlace,
    /// Known places and compass words only, at least one place.
    OnlyPlaces,
    /// A known place and other words.
    PlaceAndOther { place_first: bool },
}

fn place_composition(scanner: &Scanner, candidate: &Candidate) -> PlaceComposition {
    let mut index = candidate.first;
    let mut places = 0;
    let mut others = 0;
    let mut place_first = false;
    while index <= candidate.last {
        if let Some((length, _)) = scanner.place_at(index, candidate.last) {
            place_first |= places == 0 && others == 0;
            places += 1;
            index += length;
            continue;
        }
        if let Some(unit) = scanner.units.get(index) {
            let compass = scanner
                .lexicon
                .compass
                .contains(&phrase_key([unit.bare_hash]));
            if unit.is_capitalised() && !compass {
                others += 1;
            }
        }
        index += 1;
    }
    match (places, others) {
        (0, _) => PlaceComposition::NoPlace,
        (_, 0) => PlaceComposition::OnlyPlaces,
        _ => PlaceComposition::PlaceAndOther { place_first },
    }
}

fn is_organisation_word(scanner: &Scanner, unit: &Unit) -> bool {
    scanner
        .lexicon
        .organisation_words
        .contains_key(&phrase_key([unit.bare_hash]))
}

/// "Grand Prix" and other multi-word event heads at the end of a name.
fn ends_with_other_phrase(scanner: &Scanner, name_units: &[Unit]) -> bool {
    let max_words = scanner.lexicon.other_max_words.min(name_units.len());
    (2..=max_words).any(|length| {
        name_units
            .get(name_units.len() - length..)
            .is_some_and(|tail| {
                scanner
                    .lexicon
                    .other_heads
                    .contains(&phrase_key(tail.iter().map(|unit| unit.bare_hash)))
            })
    })
}
