//! Within-article resolution: one kind per name, surnames and given names
//! to the full names they belong to, acronyms to the organisations they
//! spell, descriptions to the one entity they fit; then the records.

use super::kinds::KindGuess;
use super::lexicon::{lexicon, phrase_key, Connector, DescribedKind, Gender, KeyMap};
use super::names::DescribedHead;
use super::units::{Case, Unit};
use super::{Candidate, Description};
use crate::model::{ArticleIndex, EntityKind, Mention, MentionForm, Span};
use std::collections::HashMap;

/// Salt for the entity key of a surname used alone with no full name.
const LONE_SURNAME: u64 = 0x5ca1_ab1e;

/// What resolution needs of one candidate.
#[derive(Debug, Clone)]
struct Resolved {
    words: usize,
    first_word: u64,
    last_word: u64,
    all_caps: bool,
    gender: Gender,
    /// The first word is a known given name.
    given_first: bool,
    kind: Option<EntityKind>,
    strength: u8,
    form: MentionForm,
    antecedent: Option<usize>,
    /// Key of the entity: a person's given name and surname, or the name.
    entity: u64,
    /// Families of the organisation words in the name ("bank", "ministry").
    organisation_families: Vec<&'static str>,
    /// Gazetteer kind of the name when the whole name is a known place.
    place_family: Option<&'static str>,
    /// Byte offset of the name.
    start: u32,
}

pub(super) fn resolve(
    article: ArticleIndex,
    text: &str,
    units: &[Unit],
    candidates: &[Candidate],
    guesses: &[KindGuess],
    descriptions: &[Description],
) -> Vec<Mention> {
    let lexicon = lexicon();
    let mut resolved: Vec<Resolved> = Vec::with_capacity(candidates.len());
    for (candidate, guess) in candidates.iter().zip(guesses) {
        let name_units = units.get(candidate.first..=candidate.last).unwrap_or(&[]);
        let words: Vec<&Unit> = name_units
            .iter()
            .filter(|unit| unit.is_capitalised())
            .collect();
        let first_word = words.first().map_or(0, |unit| unit.bare_hash);
        let last_word = words.last().map_or(0, |unit| unit.bare_hash);
        let given_first = lexicon.given_names.contains_key(&first_word);
        let given_gender = if words.len() >= 2 {
            lexicon
                .given_names
                .get(&first_word)
                .copied()
                .unwrap_or(Gender::Unknown)
        } else {
            Gender::Unknown
        };
        let title_gender = candidate
            .title
            .map_or(Gender::Unknown, |title| title.gender);
        let gender = if title_gender == Gender::Unknown {
            given_gender
        } else {
            title_gender
        };
        let name_key = phrase_key(name_units.iter().map(|unit| unit.hash));
        let organisation_families = words
            .iter()
            .filter_map(|unit| lexicon.organisation_words.get(&unit.bare_hash).copied())
            .collect();
        let place_family = lexicon
            .places
            .get(&name_key)
            .map(|place| place.kind.family());
        resolved.push(Resolved {
            words: words.len(),
            first_word,
            last_word,
            all_caps: words.len() == 1
                && words.first().is_some_and(|unit| unit.case == Case::AllCaps),
            gender,
            given_first,
            kind: guess.kind,
            strength: guess.strength,
            form: MentionForm::Full,
            antecedent: None,
            entity: name_key,
            organisation_families,
            place_family,
            start: name_units.first().map_or(0, |unit| unit.start),
        });
    }
    unify_kinds(&mut resolved);
    resolve_people(&mut resolved, candidates);
    resolve_acronyms(&mut resolved, text, units, candidates);
    unify_kinds(&mut resolved);

    let mut mentions: Vec<(Mention, Option<usize>)> = Vec::new();
    for (index, (candidate, item)) in candidates.iter().zip(&resolved).enumerate() {
        let (Some(first), Some(last)) = (units.get(candidate.first), units.get(candidate.last))
        else {
            continue;
        };
        let span = Span::new(article, first.start as usize, last.name_end as usize);
        let (title, title_span) = title_of(article, text, candidate);
        mentions.push((
            Mention {
                span,
                sentence: candidate.sentence,
                kind: item.kind.unwrap_or(EntityKind::Other),
                form: item.form,
                name: fold_white_space(span.slice(text)),
                title,
                title_span,
                antecedent: None,
            },
            item.antecedent
                .or(Some(index))
                .filter(|target| *target != index),
        ));
    }
    let candidate_count = mentions.len();
    debug_assert_eq!(candidate_count, candidates.len().min(candidate_count));
    let mut known = KnownEntities::default();
    for description in descriptions {
        known.advance(description.start, candidates, &resolved);
        let Some(target) = known.resolve(description) else {
            continue;
        };
        let span = Span::new(
            article,
            description.start as usize,
            description.end as usize,
        );
        let kind = resolved
            .get(target)
            .and_then(|item| item.kind)
            .unwrap_or(EntityKind::Other);
        mentions.push((
            Mention {
                span,
                sentence: description.sentence,
                kind,
                form: MentionForm::Descriptive,
                name: fold_white_space(span.slice(text)),
                title: None,
                title_span: None,
                antecedent: None,
            },
            Some(target),
        ));
    }
    finish(mentions, candidates.len())
}

/// Orders the mentions by position and turns candidate indices into
/// indices of the final list.
fn finish(mentions: Vec<(Mention, Option<usize>)>, candidate_count: usize) -> Vec<Mention> {
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|index| {
        mentions
            .get(*index)
            .map(|(mention, _)| (mention.span.start, mention.span.end))
    });
    // Candidate index → position in the output.
    let mut position_of_candidate = vec![u32::MAX; candidate_count];
    for (position, original) in order.iter().enumerate() {
        if let Some(slot) = position_of_candidate.get_mut(*original) {
            *slot = position as u32;
        }
    }
    let mut output = Vec::with_capacity(mentions.len());
    let mut slots: Vec<Option<(Mention, Option<usize>)>> = mentions.into_iter().map(Some).collect();
    for original in order {
        let Some((mut mention, target)) = slots.get_mut(original).and_then(Option::take) else {
            continue;
        };
        mention.antecedent = target
            .and_then(|target| position_of_candidate.get(target).copied())
            .filter(|position| *position != u32::MAX);
        output.push(mention);
    }
    output
}

fn fold_white_space(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(word);
    }
    folded
}

fn title_of(
    article: ArticleIndex,
    text: &str,
    candidate: &Candidate,
) -> (Option<String>, Option<Span>) {
    if let Some(title) = &candidate.title {
        let span = Span::new(article, title.start as usize, title.end as usize);
        if !span.is_empty() {
            return (Some(fold_white_space(span.slice(text))), Some(span));
        }
    }
    if let Some(apposition) = &candidate.apposition {
        if apposition.title.is_some() {
            let span = Span::new(article, apposition.start as usize, apposition.end as usize);
            if !span.is_empty() {
                return (Some(fold_white_space(span.slice(text))), Some(span));
            }
        }
    }
    (None, None)
}

/// One kind per name: the strongest guess among the mentions that write it
/// the same way (the earliest on a tie).
fn unify_kinds(resolved: &mut [Resolved]) {
    let mut best: KeyMap<(Option<EntityKind>, u8)> = KeyMap::default();
    for item in resolved.iter() {
        let slot = best
            .entry(item.entity)
            .or_insert((item.kind, item.strength));
        if item.strength > slot.1 {
            *slot = (item.kind, item.strength);
        }
    }
    for item in resolved.iter_mut() {
        if let Some((kind, strength)) = best.get(&item.entity) {
            if *strength > item.strength {
                item.kind = *kind;
                item.strength = *strength;
            }
        }
    }
}

/// Full person names (two or more words) and the one-word names that
/// stand for them.
fn resolve_people(resolved: &mut [Resolved], candidates: &[Candidate]) {
    // A full person name's entity: its given name and surname, so "Anna
    // J. Smith" and "Anna Smith" are one person.
    // A full name known as a person's only from its shape (capitalised
    // words, strength 1) whose first word is also a name used alone in the
    // article ("Warhol Polaroid" beside "Warhol", "Campbell Soup" beside
    // "Campbell's") is a weak target, used only by a one-word name with a
    // person cue of its own.
    let mut used_alone: KeyMap<()> = KeyMap::default();
    for item in resolved.iter() {
        if item.words == 1 {
            used_alone.insert(item.last_word, ());
        }
    }
    let mut by_surname: KeyMap<Vec<(u64, Gender, bool)>> = KeyMap::default();
    let mut by_given: KeyMap<Vec<(u64, Gender, bool)>> = KeyMap::default();
    for item in resolved.iter_mut() {
        if item.words < 2 || item.kind != Some(EntityKind::Person) {
            continue;
        }
        let weak =
            item.strength < 2 && !item.given_first && used_alone.contains_key(&item.first_word);
        item.entity = phrase_key([item.first_word, item.last_word]);
        let entity = item.entity;
        for (map, key) in [
            (&mut by_surname, item.last_word),
            (&mut by_given, item.first_word),
        ] {
            let people = map.entry(key).or_default();
            match people.iter_mut().find(|(known, _, _)| *known == entity) {
                Some((_, gender, known_weak)) => {
                    if *gender == Gender::Unknown {
                        *gender = item.gender;
                    }
                    *known_weak &= weak;
                }
                None => people.push((entity, item.gender, weak)),
            }
        }
    }
    let full_people = full_mentions(
        resolved
            .iter()
            .enumerate()
            .filter(|(_, item)| item.words >= 2 && item.kind == Some(EntityKind::Person))
            .map(|(index, item)| (index, item.entity)),
    );
    for index in 0..resolved.len() {
        let Some(item) = resolved.get(index) else {
            continue;
        };
        if item.words != 1 || item.all_caps {
            continue;
        }
        let has_person_title = candidates
            .get(index)
            .and_then(|candidate| candidate.title)
            .is_some_and(|title| title.honorific || title.family.is_some());
        // A strong other kind (a gazetteer place, an organisation word)
        // keeps its kind unless a title says person.
        let strongly_other = item.strength >= 3 && item.kind != Some(EntityKind::Person);
        let word = item.last_word;
        let gender = item.gender;
        let own_person_cue = has_person_title || item.kind == Some(EntityKind::Person);
        let fits = |people: &Vec<(u64, Gender, bool)>| -> Vec<u64> {
            people
                .iter()
                .filter(|(_, person_gender, weak)| {
                    person_gender.compatible(gender) && (!weak || own_person_cue)
                })
                .map(|(entity, _, _)| *entity)
                .collect()
        };
        let by_surname_fits = by_surname.get(&word).map(fits).unwrap_or_default();
        let matches = if by_surname.contains_key(&word) {
            by_surname_fits
        } else {
            by_given.get(&word).map(fits).unwrap_or_default()
        };
        let strong_part = |people: Option<&Vec<(u64, Gender, bool)>>| {
            people.is_some_and(|people| people.iter().any(|(_, _, weak)| !weak))
        };
        let known_as_part = strong_part(by_surname.get(&word)) || strong_part(by_given.get(&word));
        let Some(item) = resolved.get_mut(index) else {
            continue;
        };
        match matches.as_slice() {
            // The surname or given name of the one person of that name
            // named in full here, even when it is also a place ("Paris" after
            // "Valeska Paris").
            [entity] => {
                item.form = MentionForm::Partial;
                item.kind = Some(EntityKind::Person);
                item.strength = item.strength.max(3);
                item.entity = *entity;
                item.antecedent = nearest(&full_people, index, *entity);
            }
            _ if (known_as_part && !strongly_other) || has_person_title => {
                // Two people share the name and nothing tells them apart,
                // or a titled surname with no full name in the article.
                item.form = MentionForm::Partial;
                item.kind = Some(EntityKind::Person);
                item.strength = item.strength.max(3);
                if !known_as_part {
                    item.entity = phrase_key([LONE_SURNAME, word]);
                }
            }
            _ => {}
        }
    }
}

/// The full mention of `entity` nearest before `index`, else the first
/// after it.
fn nearest(full: &FullMentions, index: usize, entity: u64) -> Option<usize> {
    let positions = full.get(&entity)?;
    let after_start = positions.partition_point(|position| *position < index);
    let before = after_start
        .checked_sub(1)
        .and_then(|before| positions.get(before));
    let after = positions
        .get(after_start..)
        .and_then(|rest| rest.iter().find(|position| **position > index));
    before.or(after).copied()
}

/// Candidate indices of each entity's full mentions, ascending.
type FullMentions = KeyMap<Vec<usize>>;

fn full_mentions(pairs: impl Iterator<Item = (usize, u64)>) -> FullMentions {
    let mut full: FullMentions = KeyMap::default();
    for (index, entity) in pairs {
        full.entry(entity).or_default().push(index);
    }
    full
}

/// Acronyms that spell the initials of an organisation named in full.
fn resolve_acronyms(
    resolved: &mut [Resolved],
    text: &str,
    units: &[Unit],
    candidates: &[Candidate],
) {
    let lexicon = lexicon();
    let mut by_initials: HashMap<String, Vec<u64>> = HashMap::new();
    let mut organisation_pairs: Vec<(usize, u64)> = Vec::new();
    let mut initials_of = Vec::with_capacity(candidates.len());
    for (index, (candidate, item)) in candidates.iter().zip(resolved.iter()).enumerate() {
        let named_thing = matches!(
            item.kind,
            Some(EntityKind::Organisation | EntityKind::Place | EntityKind::Other)
        );
        if item.words < 2 || !named_thing {
            initials_of.push(None);
            continue;
        }
        let mut initials = String::new();
        for unit in units.get(candidate.first..=candidate.last).unwrap_or(&[]) {
            let is_connector =
                unit.is_lower_word() && lexicon.connectors.get(&unit.hash) == Some(&Connector::Of);
            if unit.is_capitalised() && !is_connector {
                initials.extend(first_letter(text, unit));
            }
        }
        organisation_pairs.push((index, item.entity));
        initials_of.push(Some(initials));
    }
    for (initials, item) in initials_of.into_iter().zip(resolved.iter()) {
        if let Some(initials) = initials {
            let entities = by_initials.entry(initials).or_default();
            if !entities.contains(&item.entity) {
                entities.push(item.entity);
            }
        }
    }
    if by_initials.is_empty() {
        return;
    }
    let full_organisations = full_mentions(organisation_pairs.into_iter());
    for index in 0..resolved.len() {
        let Some(item) = resolved.get(index) else {
            continue;
        };
        if !item.all_caps {
            continue;
        }
        let Some(unit) = candidates
            .get(index)
            .and_then(|candidate| units.get(candidate.first))
        else {
            continue;
        };
        let letters = acronym_letters(text, unit);
        let Some(entities) = by_initials.get(&letters) else {
            continue;
        };
        if let [entity] = entities.as_slice() {
            let antecedent = nearest(&full_organisations, index, *entity);
            let kind = antecedent
                .and_then(|target| resolved.get(target))
                .and_then(|target| target.kind);
            if let Some(item) = resolved.get_mut(index) {
                item.form = MentionForm::Partial;
                item.kind = kind.or(Some(EntityKind::Organisation));
                item.strength = 3;
                item.entity = *entity;
                item.antecedent = antecedent;
            }
        }
    }
}

/// Letters of an acronym ("U.N." → "UN").
fn acronym_letters(text: &str, unit: &Unit) -> String {
    unit.name_text(text)
        .chars()
        .filter(|character| character.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect()
}

fn first_letter(text: &str, unit: &Unit) -> Option<char> {
    unit.name_text(text)
        .chars()
        .find(|character| character.is_alphabetic())
        .and_then(|letter| letter.to_uppercase().next())
}

/// What is known of an entity named before a description.
struct Known {
    kind: Option<EntityKind>,
    families: Vec<&'static str>,
    nationalities: Vec<u32>,
    organisation_families: Vec<&'static str>,
    place_family: Option<&'static str>,
    last_full: Option<usize>,
    first: usize,
}

/// The entities named so far, gathered as the descriptions are met in text
/// order (each candidate is read once), indexed by title family and kind so
/// that a description looks only at the entities it may fit.
#[derive(Default)]
struct KnownEntities {
    entities: Vec<Known>,
    by_entity: KeyMap<usize>,
    by_family: HashMap<&'static str, Vec<usize>>,
    by_kind: HashMap<EntityKind, Vec<usize>>,
    /// Candidates read so far.
    next_candidate: usize,
}

impl KnownEntities {
    /// Reads the candidates that start before byte `position`.
    fn advance(&mut self, position: u32, candidates: &[Candidate], resolved: &[Resolved]) {
        while let (Some(candidate), Some(item)) = (
            candidates.get(self.next_candidate),
            resolved.get(self.next_candidate),
        ) {
            if item.start >= position {
                break;
            }
            self.read(self.next_candidate, candidate, item);
            self.next_candidate += 1;
        }
    }

    fn read(&mut self, index: usize, candidate: &Candidate, item: &Resolved) {
        let slot = match self.by_entity.get(&item.entity) {
            Some(slot) => *slot,
            None => {
                self.entities.push(Known {
                    kind: None,
                    families: Vec::new(),
                    nationalities: Vec::new(),
                    organisation_families: Vec::new(),
                    place_family: None,
                    last_full: None,
                    first: index,
                });
                let slot = self.entities.len() - 1;
                self.by_entity.insert(item.entity, slot);
                slot
            }
        };
        let Some(entry) = self.entities.get_mut(slot) else {
            return;
        };
        if let Some(kind) = item.kind {
            if entry.kind != Some(kind) {
                entry.kind = Some(kind);
                let list = self.by_kind.entry(kind).or_default();
                if !list.contains(&slot) {
                    list.push(slot);
                }
            }
        }
        let mut new_families: Vec<&'static str> = Vec::new();
        if let Some(title) = candidate.title {
            new_families.extend(title.family);
            entry.nationalities.extend(title.nationality);
        }
        if let Some(apposition) = candidate.apposition {
            new_families.extend(apposition.title.map(|title| title.family));
            if let Some(described) = apposition.described {
                entry.organisation_families.push(described.family);
            }
        }
        for family in new_families {
            if !entry.families.contains(&family) {
                entry.families.push(family);
                self.by_family.entry(family).or_default().push(slot);
            }
        }
        entry
            .organisation_families
            .extend(item.organisation_families.iter().copied());
        if item.place_family.is_some() {
            entry.place_family = item.place_family;
        }
        if item.form == MentionForm::Full {
            entry.last_full = Some(index);
        }
    }

    /// The entity a description stands for: the one earlier entity that
    /// fits. Returns the candidate index of its nearest full mention before
    /// the description (or its first mention when it has no full one).
    fn resolve(&self, description: &Description) -> Option<usize> {
        let fitting: Vec<&Known> = match description.head {
            DescribedHead::Person(entry) => {
                let by_family: Vec<&Known> = self
                    .by_family
                    .get(entry.family)
                    .map(|slots| {
                        slots
                            .iter()
                            .filter_map(|slot| self.entities.get(*slot))
                            .filter(|known| known.kind == Some(EntityKind::Person))
                            .collect()
                    })
                    .unwrap_or_default();
                match description.nationality {
                    None => by_family,
                    Some(country) => {
                        let same: Vec<&Known> = by_family
                            .iter()
                            .copied()
                            .filter(|known| known.nationalities.contains(&country))
                            .collect();
                        if same.is_empty() {
                            by_family
                                .into_iter()
                                .filter(|known| known.nationalities.is_empty())
                                .collect()
                        } else {
                            same
                        }
                    }
                }
            }
            DescribedHead::Thing(head) => {
                let wanted = match head.kind {
                    DescribedKind::Organisation => EntityKind::Organisation,
                    DescribedKind::Place => EntityKind::Place,
                };
                self.by_kind
                    .get(&wanted)
                    .map(|slots| {
                        slots
                            .iter()
                            .filter_map(|slot| self.entities.get(*slot))
                            .filter(|known| known.kind == Some(wanted))
                            .filter(|known| {
                                head.family == "any"
                                    || known.organisation_families.contains(&head.family)
                                    || known.place_family == Some(head.family)
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            }
        };
        let [only] = fitting.as_slice() else {
            return None;
        };
        only.last_full.or(Some(only.first))
    }
}
