//! Finding candidate names in a sentence: runs of capitalised words joined
//! across name connectors, with titles and honorifics split off, sentence
//! starts and headline-case text judged on the article's evidence, and
//! descriptions ("the Moldovan leader") noted for resolution.

use super::lexicon::{
    phrase_key, CommonClass, Connector, CueCategory, DescriptiveHead, Gender, Lexicon, PlaceEntry,
    TitleEntry, NO_COUNTRY,
};
use super::units::{Case, Unit, UnitKind};
use super::{Candidate, Description, Evidence, TitleInfo};
use std::sync::OnceLock;

/// Longest name kept whole, in units; longer runs are cut at connectors.
const MAX_NAME_UNITS: usize = 8;
/// Longest run of capitalised words and connectors the scanner follows.
const MAX_RUN_UNITS: usize = 40;
/// Words a description may put between "the" and its head noun.
const MAX_DESCRIPTION_MODIFIERS: usize = 4;
/// Units of a capitalised affiliation before a lower-case title ("Nobel
/// Peace Prize winner", "Pentagon spokesman").
const MAX_AFFILIATION_UNITS: usize = 4;

/// Hashes of a few words the scanner tests for by identity.
struct Keys {
    the: u64,
    of: u64,
    a: u64,
    an: u64,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| Keys {
        the: super::lexicon::fold_hash("the"),
        of: super::lexicon::fold_hash("of"),
        a: super::lexicon::fold_hash("a"),
        an: super::lexicon::fold_hash("an"),
    })
}

/// What the scanner found in a title prefix or before a name.
#[derive(Debug, Clone, Copy)]
enum TitleHead {
    Honorific(Gender),
    Title(TitleEntry),
}

/// Scans the sentences of one article.
pub(super) struct Scanner<'article> {
    pub(super) text: &'article str,
    pub(super) units: &'article [Unit],
    pub(super) evidence: &'article Evidence,
    pub(super) lexicon: &'static Lexicon,
}

impl Scanner<'_> {
    fn unit(&self, index: usize) -> Option<&Unit> {
        self.units.get(index)
    }

    fn word(&self, index: usize, end: usize) -> Option<&Unit> {
        if index >= end {
            return None;
        }
        self.unit(index).filter(|unit| unit.is_word())
    }

    fn common_class(&self, index: usize) -> Option<CommonClass> {
        let unit = self.unit(index)?;
        // Acronyms are not closed-class words ("US", "WHO", "IT"), but a
        // long word in capitals is ("UNLESS").
        if unit.case == Case::AllCaps && unit.name_end - unit.start < 4 {
            return None;
        }
        self.lexicon.common.get(&unit.bare_hash).copied()
    }

    /// A capitalised word that can be part of a name.
    fn is_name_word(&self, index: usize, end: usize) -> bool {
        let Some(unit) = self.word(index, end) else {
            return false;
        };
        unit.is_capitalised()
            && !unit.adjectival
            && self.common_class(index) != Some(CommonClass::Function)
    }

    fn connector(&self, index: usize, end: usize) -> Option<Connector> {
        let unit = self.unit(index).filter(|_| index < end)?;
        if unit.is_punct('&') {
            return Some(Connector::Of);
        }
        if !unit.is_lower_word() {
            return None;
        }
        self.lexicon.connectors.get(&unit.hash).copied()
    }

    /// Longest phrase of `max_words` or fewer word units starting at
    /// `first` (and not past `last`) for which `lookup` answers.
    fn longest_at<T>(
        &self,
        first: usize,
        last: usize,
        max_words: usize,
        hash: impl Fn(&Unit) -> u64,
        lookup: impl Fn(u64) -> Option<T>,
    ) -> Option<(usize, T)> {
        let available = last.checked_sub(first)? + 1;
        for length in (1..=max_words.min(available)).rev() {
            let slice = self.units.get(first..first + length)?;
            if !slice.iter().all(Unit::is_word) {
                continue;
            }
            if let Some(found) = lookup(phrase_key(slice.iter().map(&hash))) {
                return Some((length, found));
            }
        }
        None
    }

    /// Longest phrase ending at `last` (and not before `floor`).
    fn longest_ending_at<T>(
        &self,
        last: usize,
        floor: usize,
        max_words: usize,
        hash: impl Fn(&Unit) -> u64,
        lookup: impl Fn(u64) -> Option<T>,
    ) -> Option<(usize, T)> {
        let available = last.checked_sub(floor)? + 1;
        for length in (1..=max_words.min(available)).rev() {
            let first = last + 1 - length;
            let slice = self.units.get(first..=last)?;
            if !slice.iter().all(Unit::is_word) {
                continue;
            }
            if let Some(found) = lookup(phrase_key(slice.iter().map(&hash))) {
                return Some((length, found));
            }
        }
        None
    }

    pub(super) fn place_at(&self, first: usize, last: usize) -> Option<(usize, PlaceEntry)> {
        self.longest_at(
            first,
            last,
            self.lexicon.place_max_words,
            |unit| unit.hash,
            |key| self.lexicon.places.get(&key).copied(),
        )
    }

    fn demonym_at(&self, first: usize, last: usize) -> Option<(usize, u32)> {
        self.longest_at(
            first,
            last,
            self.lexicon.demonym_max_words,
            |unit| unit.hash,
            |key| self.lexicon.demonyms.get(&key).copied(),
        )
    }

    fn title_at(&self, first: usize, last: usize) -> Option<(usize, TitleEntry, u64)> {
        if let Some((length, (entry, key))) = self.longest_at(
            first,
            last,
            self.lexicon.title_max_words,
            |unit| unit.bare_hash,
            |key| self.lexicon.titles.get(&key).map(|entry| (*entry, key)),
        ) {
            return Some((length, entry, key));
        }
        // "then-President", "ex-President".
        let unit = self.word(first, last + 1)?;
        if unit.after_hyphen_hash != unit.bare_hash {
            let key = phrase_key([unit.after_hyphen_hash]);
            return self.lexicon.titles.get(&key).map(|entry| (1, *entry, key));
        }
        None
    }

    fn modifier_at(&self, first: usize, last: usize) -> Option<usize> {
        self.longest_at(
            first,
            last,
            self.lexicon.title_modifier_max_words,
            |unit| unit.bare_hash,
            |key| self.lexicon.title_modifiers.contains(&key).then_some(()),
        )
        .map(|(length, ())| length)
    }

    fn honorific_at(&self, index: usize, end: usize) -> Option<Gender> {
        let unit = self.word(index, end)?;
        if !unit.is_capitalised() {
            return None;
        }
        self.lexicon
            .honorifics
            .get(&phrase_key([unit.bare_hash]))
            .copied()
    }

    fn is_given_name(&self, index: usize) -> bool {
        self.unit(index).is_some_and(|unit| {
            self.lexicon
                .given_names
                .contains_key(&phrase_key([unit.bare_hash]))
        })
    }

    fn is_cue_phrase(&self, category: CueCategory, first: usize, end: usize) -> bool {
        let last = end.saturating_sub(1);
        self.longest_at(
            first,
            last,
            self.lexicon.cue_max_words,
            |unit| unit.hash,
            |key| self.lexicon.is_cue(category, key).then_some(()),
        )
        .is_some()
    }

    fn is_cue_before(&self, category: CueCategory, index: usize, floor: usize) -> bool {
        let Some(before) = index.checked_sub(1) else {
            return false;
        };
        if before < floor {
            return false;
        }
        self.longest_ending_at(
            before,
            floor,
            self.lexicon.cue_max_words,
            |unit| unit.hash,
            |key| self.lexicon.is_cue(category, key).then_some(()),
        )
        .is_some()
    }

    /// True for a unit that is the word "the".
    fn is_the(&self, index: usize) -> bool {
        self.unit(index)
            .is_some_and(|unit| unit.is_word() && unit.bare_hash == keys().the)
    }

    /// Scans one sentence (units `range`), appending what it finds.
    pub(super) fn scan_sentence(
        &self,
        sentence: u32,
        range: std::ops::Range<usize>,
        title_case: bool,
        candidates: &mut Vec<Candidate>,
        descriptions: &mut Vec<Description>,
    ) {
        let mut index = range.start;
        while index < range.end {
            if let Some((description, next)) = self.description_at(sentence, index, &range) {
                descriptions.push(description);
                index = next;
                continue;
            }
            if self.starts_name(index, &range) {
                let run_end = self.extend_run(index, range.end);
                self.process_run(sentence, index, run_end, &range, title_case, candidates);
                index = run_end.max(index + 1);
                continue;
            }
            index += 1;
        }
    }

    /// A capitalised word, or a name particle before one ("van Gogh").
    fn starts_name(&self, index: usize, range: &std::ops::Range<usize>) -> bool {
        if self.is_name_word(index, range.end) {
            return true;
        }
        let particle = self.connector(index, range.end) == Some(Connector::Particle)
            && self.common_class(index).is_none();
        let after_capitalised = index > range.start
            && self
                .unit(index - 1)
                .is_some_and(|before| before.is_capitalised());
        particle && !after_capitalised && self.is_name_word(index + 1, range.end)
    }

    /// The exclusive end of the run of name words starting at `first`.
    fn extend_run(&self, first: usize, end: usize) -> usize {
        let mut last = first;
        if let Some((length, _)) = self.place_at(first, end - 1) {
            last = first + length - 1;
            // A place before a person's name: "Governor of Washington Chris
            // Gregoire", "the United States Hamdullah Mohib".
            if self.is_given_name(last + 1) && self.is_name_word(last + 2, end) {
                return last + 1;
            }
        }
        // A leading particle ("van Gogh") is part of the run.
        while self.connector(last, end) == Some(Connector::Particle)
            && self.is_name_word(last + 1, end)
        {
            last += 1;
        }
        loop {
            if self.unit(last).is_some_and(|unit| unit.possessive) {
                break;
            }
            // Longer runs are cut anyway; stop before joins get costly.
            if last - first >= MAX_RUN_UNITS {
                break;
            }
            let next = last + 1;
            if self.is_name_word(next, end) {
                last = next;
                continue;
            }
            match self.connector(next, end) {
                Some(Connector::Particle) => {
                    let mut after = next + 1;
                    if self.connector(after, end) == Some(Connector::Particle) {
                        after += 1;
                    }
                    if self.is_name_word(after, end) {
                        last = after;
                        continue;
                    }
                }
                Some(Connector::Of) => {
                    if let Some(joined) = self.join_of(first, last, next, end) {
                        last = joined;
                        continue;
                    }
                }
                None => {}
            }
            break;
        }
        last + 1
    }

    /// Whether "of", "for", "and" or "&" at `connector` joins the run
    /// `first..=last` to the name words after it; returns the new last unit.
    fn join_of(&self, first: usize, last: usize, connector: usize, end: usize) -> Option<usize> {
        // A multi-word title with "of" inside ("Secretary of State").
        for title_start in [last.saturating_sub(1), last] {
            if title_start < first {
                continue;
            }
            if let Some((length, _, _)) = self.title_at(title_start, end - 1) {
                let title_last = title_start + length - 1;
                if title_last > last {
                    return Some(title_last);
                }
            }
        }
        let connector_is_and = self
            .unit(connector)
            .is_some_and(|unit| unit.bare_hash == super::lexicon::fold_hash("and"));
        let mut after = connector + 1;
        if !connector_is_and && self.is_the(after) && !self.is_name_word(after, end) {
            after += 1;
        }
        if !self.is_name_word(after, end) || self.common_class(after) == Some(CommonClass::Time) {
            return None;
        }
        let is_ampersand = self.unit(connector).is_some_and(|unit| unit.is_punct('&'));
        let has_head = (first..=last).any(|index| self.is_head_word(index));
        if is_ampersand {
            return Some(after);
        }
        if connector_is_and {
            // "Ministry of Labour and Social Affairs": inside an of-phrase
            // already joined to a head; "National Air and Space Museum":
            // before a head a few words on.
            let has_of = (first..=last).any(|index| {
                self.unit(index)
                    .is_some_and(|unit| unit.is_lower_word() && unit.bare_hash == keys().of)
            });
            let head_ahead = (after..after + 3)
                .take_while(|index| self.is_name_word(*index, end))
                .any(|index| self.is_head_word(index));
            return ((has_head && has_of) || head_ahead).then_some(after);
        }
        // "on" only after an organisation word ("Committee on Foreign
        // Relations", not "Kennedy Space Center on STS-1").
        let connector_is_on = self
            .unit(connector)
            .is_some_and(|unit| unit.bare_hash == super::lexicon::fold_hash("on"));
        if connector_is_on {
            let organisation_head = (first..=last).any(|index| {
                self.unit(index).is_some_and(|unit| {
                    unit.is_capitalised()
                        && self
                            .lexicon
                            .organisation_words
                            .contains_key(&unit.bare_hash)
                })
            });
            return organisation_head.then_some(after);
        }
        has_head.then_some(after)
    }

    /// An organisation, place or event head word ("Bank", "Gulf", "Prize").
    fn is_head_word(&self, index: usize) -> bool {
        let Some(unit) = self.unit(index).filter(|unit| unit.is_capitalised()) else {
            return false;
        };
        let key = phrase_key([unit.bare_hash]);
        self.lexicon.organisation_words.contains_key(&key)
            || self.lexicon.place_heads.contains(&key)
            || self.lexicon.place_prefixes.contains(&key)
            || self.lexicon.other_heads.contains(&key)
    }

    /// Trims a run, splits it when it is headline case or too long, and
    /// hands each part to [`Self::process_name`].
    fn process_run(
        &self,
        sentence: u32,
        first: usize,
        end: usize,
        range: &std::ops::Range<usize>,
        title_case: bool,
        candidates: &mut Vec<Candidate>,
    ) {
        let mut first = first;
        let Some(mut last) = end.checked_sub(1) else {
            return;
        };
        while first <= last
            && matches!(
                self.common_class(first),
                Some(CommonClass::Starter | CommonClass::Time)
            )
            // Unless it begins a title ("Police Chief").
            && self
                .title_at(first, last)
                .is_none_or(|(length, _, _)| length < 2)
        {
            first += 1;
        }
        // Days and months at the end, and whatever connector they leave.
        while last >= first
            && (self.common_class(last) == Some(CommonClass::Time)
                || !self.unit(last).is_some_and(Unit::is_capitalised))
        {
            if last == 0 {
                return;
            }
            last -= 1;
        }
        if first > last {
            return;
        }
        if title_case {
            self.process_headline_case(sentence, first, last, range, candidates);
            return;
        }
        if last - first < MAX_NAME_UNITS {
            self.process_name(sentence, first, last, range, candidates);
            return;
        }
        // Too long for one name: cut at connectors, drop pieces still too
        // long.
        let mut piece_start = first;
        for index in first..=last + 1 {
            let at_connector = index > last || !self.is_name_word(index, last + 1);
            if !at_connector {
                continue;
            }
            if index > piece_start && index - piece_start <= MAX_NAME_UNITS {
                self.process_name(sentence, piece_start, index - 1, range, candidates);
            }
            piece_start = index + 1;
        }
    }

    /// In headline-case text, keeps only the words that have evidence of
    /// being names of their own, and the connectors between them.
    fn process_headline_case(
        &self,
        sentence: u32,
        first: usize,
        last: usize,
        range: &std::ops::Range<usize>,
        candidates: &mut Vec<Candidate>,
    ) {
        let mut piece_start: Option<usize> = None;
        let mut index = first;
        while index <= last + 1 {
            let keep = index <= last && self.has_name_evidence(index, last);
            let connector_inside = index <= last
                && piece_start.is_some()
                && !self.unit(index).is_some_and(Unit::is_capitalised)
                && self.has_name_evidence(index + 1, last);
            if keep || connector_inside {
                piece_start.get_or_insert(index);
                index += 1;
                continue;
            }
            if let Some(start) = piece_start.take() {
                let piece_last = index - 1;
                if piece_last - start < MAX_NAME_UNITS {
                    self.process_name(sentence, start, piece_last, range, candidates);
                }
            }
            index += 1;
        }
    }

    /// Evidence that a capitalised word is (part of) a name whatever its
    /// position: an acronym, a known given name, place, honorific or title,
    /// a word seen capitalised mid-sentence elsewhere in the article and
    /// never in lower case.
    fn has_name_evidence(&self, index: usize, last: usize) -> bool {
        let Some(unit) = self.unit(index).filter(|_| index <= last) else {
            return false;
        };
        if !unit.is_capitalised() {
            return false;
        }
        if self.common_class(index).is_some() {
            return false;
        }
        if unit.case == Case::AllCaps {
            return true;
        }
        let key = phrase_key([unit.bare_hash]);
        if self.lexicon.given_names.contains_key(&key)
            || self.lexicon.honorifics.contains_key(&key)
            || self.lexicon.titles.contains_key(&key)
            || self.lexicon.title_modifiers.contains(&key)
            || self.lexicon.demonyms.contains_key(&key)
            || self.place_at(index, last).is_some()
        {
            return true;
        }
        let seen_lower = self.evidence.lower_seen.contains(&unit.hash);
        let seen_capitalised = self.evidence.capitalised_mid_seen.contains(&unit.hash);
        seen_capitalised && !seen_lower
    }

    /// Judges a capitalised word that may owe its capital to its position.
    fn initial_is_name(&self, index: usize, last: usize, end: usize) -> bool {
        let Some(unit) = self.unit(index) else {
            return false;
        };
        if unit.case == Case::AllCaps {
            return true;
        }
        let key = phrase_key([unit.bare_hash]);
        if self.lexicon.given_names.contains_key(&key) || self.place_at(index, last).is_some() {
            return true;
        }
        // Lower case elsewhere outweighs a capital elsewhere ("Iodine
        // deficiency" at a sentence start, "iodine" inside one).
        if self.evidence.lower_seen.contains(&unit.hash) {
            return false;
        }
        if self.evidence.capitalised_mid_seen.contains(&unit.hash) {
            return true;
        }
        // Followed at once by another name word ("Helga Strand said").
        if last > index && self.is_name_word(index + 1, last + 1) {
            return true;
        }
        // "Civitas, a human rights group, said".
        if last == index && self.apposition_after(index, end).is_some() {
            return true;
        }
        let text = unit.name_text(self.text);
        let looks_plural = text.ends_with('s') && !text.ends_with("ss") && !text.ends_with("us");
        if looks_plural {
            return false;
        }
        // "Quill's allies", not "Officials' fears"; "Smith said", not
        // "Officials said".
        unit.possessive
            || self.is_cue_phrase(CueCategory::PersonVerb, index + 1, end)
            || self.is_cue_phrase(CueCategory::PersonStrongVerb, index + 1, end)
    }

    /// One name candidate: title split off, sentence start judged,
    /// nationality adjectives handled.
    fn process_name(
        &self,
        sentence: u32,
        first: usize,
        last: usize,
        range: &std::ops::Range<usize>,
        candidates: &mut Vec<Candidate>,
    ) {
        let mut first = first;
        while first <= last && !self.unit(first).is_some_and(Unit::is_capitalised) {
            first += 1;
        }
        if first > last {
            return;
        }
        let prefix = self.title_prefix(first, last);
        if let Some(prefix) = prefix {
            // Places and organisations named inside the title ("U.S.
            // President"): mentions of their own.
            for (start, length) in prefix.inner_names.iter().flatten() {
                self.push_inner_name(sentence, *start, start + length - 1, range, candidates);
            }
            if !prefix.name_follows {
                return;
            }
        }
        let mut last = last;
        if prefix.is_none() && !self.is_given_name(first) {
            // A title closing the run is not part of the name: "Pentagon
            // Spokesman" (but "Martin Luther King" starts with a given name).
            if let Some((length, _)) = self.longest_ending_at(
                last,
                first + 1,
                self.lexicon.title_max_words,
                |unit| unit.bare_hash,
                |key| self.lexicon.titles.get(&key).copied(),
            ) {
                last -= length;
            }
        }
        let name_first = prefix.map_or(first, |prefix| prefix.last_unit + 1);
        if name_first > last {
            return;
        }
        let title = self.full_title(first, name_first, prefix, range);
        let unit = self.unit(name_first);
        let judged_by_position = title.is_none()
            && unit.is_some_and(|unit| unit.position_initial)
            && !self.initial_is_name(name_first, last, range.end);
        if judged_by_position {
            if name_first < last {
                self.process_name(sentence, name_first + 1, last, range, candidates);
            }
            return;
        }
        let mut name_first = name_first;
        let mut title = title;
        if title.is_none() {
            if let Some((length, country)) = self.demonym_at(name_first, last) {
                let rest = name_first + length;
                if rest > last {
                    // A nationality adjective alone is not a name.
                    return;
                }
                if self.is_given_name(rest) {
                    title = Some(TitleInfo {
                        start: self.unit(name_first).map_or(0, |unit| unit.start),
                        end: self.unit(rest - 1).map_or(0, |unit| unit.name_end),
                        family: None,
                        gender: Gender::Unknown,
                        nationality: country_of(country),
                        honorific: false,
                    });
                    name_first = rest;
                }
            }
        }
        if name_first == last
            && self
                .unit(name_first)
                .is_some_and(|unit| self.lexicon.not_alone.contains(&unit.bare_hash))
        {
            return;
        }
        candidates.push(Candidate {
            sentence,
            first: name_first,
            last,
            title,
            apposition: None,
        });
        let index = candidates.len() - 1;
        self.read_apposition(index, range, candidates);
    }

    fn push_inner_name(
        &self,
        sentence: u32,
        first: usize,
        last: usize,
        range: &std::ops::Range<usize>,
        candidates: &mut Vec<Candidate>,
    ) {
        debug_assert!(first >= range.start && last < range.end);
        candidates.push(Candidate {
            sentence,
            first,
            last,
            title: None,
            apposition: None,
        });
    }

    /// A title at the start of a run: modifiers, nationality, places and
    /// acronyms, then a title or honorific, before at least one name word.
    fn title_prefix(&self, first: usize, last: usize) -> Option<TitlePrefix> {
        let mut index = first;
        let mut head: Option<(TitleHead, usize)> = None;
        let mut nationality = None;
        let mut inner_names: [Option<(usize, usize)>; 2] = [None, None];
        let mut inner_count = 0;
        while index <= last {
            if let Some(gender) = self.honorific_at(index, last + 1) {
                head = Some((TitleHead::Honorific(gender), index));
                break;
            }
            if let Some((length, entry, _key)) = self.title_at(index, last) {
                head = Some((TitleHead::Title(entry), index + length - 1));
                index += length;
                continue;
            }
            if head.is_some() {
                break;
            }
            if let Some(length) = self.modifier_at(index, last) {
                index += length;
                continue;
            }
            if let Some((length, country)) = self.demonym_at(index, last) {
                nationality = country_of(country).or(nationality);
                index += length;
                continue;
            }
            if let Some((length, place)) = self.place_at(index, last) {
                nationality = Some(place.id);
                if let Some(slot) = inner_names.get_mut(inner_count) {
                    *slot = Some((index, length));
                    inner_count += 1;
                }
                index += length;
                continue;
            }
            if self
                .unit(index)
                .is_some_and(|unit| unit.case == Case::AllCaps)
            {
                if let Some(slot) = inner_names.get_mut(inner_count) {
                    *slot = Some((index, 1));
                    inner_count += 1;
                }
                index += 1;
                continue;
            }
            // An affiliation of one or two words before a title and a name:
            // "Environment Minister John Baird".
            if head.is_none() && index - first < 2 && self.title_then_name_within(index + 1, last) {
                index += 1;
                continue;
            }
            break;
        }
        let (head, last_unit) = head?;
        if last_unit >= last {
            return Some(TitlePrefix {
                head,
                last_unit,
                nationality,
                inner_names,
                name_follows: false,
            });
        }
        // "Dean Smith", "General Electric"? A title word that is also a
        // given name, alone before one more word, is the given name.
        if last_unit == first && last_unit + 1 == last && self.is_given_name(first) {
            return None;
        }
        // The name proper must start with a name word.
        if !self.is_name_word(last_unit + 1, last + 1) {
            return None;
        }
        Some(TitlePrefix {
            head,
            last_unit,
            nationality,
            inner_names,
            name_follows: true,
        })
    }

    /// True when a title starts at `index` or the unit after it, and a name
    /// word follows the title.
    fn title_then_name_within(&self, index: usize, last: usize) -> bool {
        [index, index + 1].iter().any(|start| {
            *start <= last
                && self
                    .title_at(*start, last)
                    .is_some_and(|(length, _, _)| self.is_name_word(start + length, last + 1))
        })
    }

    /// The whole title of the name starting at `name_first` (the run
    /// started at `run_first`): the prefix inside the run, extended left over
    /// lower-case titles and modifiers, nationality adjectives, and a
    /// capitalised affiliation before a lower-case title.
    fn full_title(
        &self,
        run_first: usize,
        name_first: usize,
        prefix: Option<TitlePrefix>,
        range: &std::ops::Range<usize>,
    ) -> Option<TitleInfo> {
        let floor = range.start;
        let mut head = prefix.map(|prefix| prefix.head);
        let mut nationality = prefix.and_then(|prefix| prefix.nationality);
        let mut start = if prefix.is_some() {
            run_first
        } else {
            name_first
        };
        let mut end_unit = prefix.map(|prefix| prefix.last_unit);
        let mut head_outside_run = false;
        if head.is_none() && start > floor {
            let before = start - 1;
            let found = self.longest_ending_at(
                before,
                floor,
                self.lexicon.title_max_words,
                |unit| unit.bare_hash,
                |key| self.lexicon.titles.get(&key).map(|entry| (*entry, key)),
            );
            if let Some((length, (entry, _key))) = found {
                // Lower-case titles only: a capitalised word before the run
                // would have joined it.
                head = Some(TitleHead::Title(entry));
                end_unit = Some(before);
                start = before + 1 - length;
                head_outside_run = true;
            }
        }
        let mut head = head?;
        let end_unit = end_unit?;
        if matches!(head, TitleHead::Honorific(_)) {
            return Some(self.title_info(start, end_unit, head, nationality));
        }
        // A longer title ending at the same word ("Under Secretary", whose
        // first word is a preposition and did not join the run).
        if let Some((length, entry)) = self.longest_ending_at(
            end_unit,
            floor,
            self.lexicon.title_max_words,
            |unit| unit.bare_hash,
            |key| self.lexicon.titles.get(&key).copied(),
        ) {
            let longer_start = end_unit + 1 - length;
            if longer_start < start {
                start = longer_start;
                head = TitleHead::Title(entry);
            }
        }
        // Modifiers and nationality before the title.
        while start > floor {
            let before = start - 1;
            if let Some(length) = self.longest_ending_at(
                before,
                floor,
                self.lexicon.title_modifier_max_words,
                |unit| unit.bare_hash,
                |key| self.lexicon.title_modifiers.contains(&key).then_some(()),
            ) {
                start -= length.0;
                continue;
            }
            if let Some((length, country)) = self.longest_ending_at(
                before,
                floor,
                self.lexicon.demonym_max_words,
                |unit| unit.hash,
                |key| self.lexicon.demonyms.get(&key).copied(),
            ) {
                if let Some(country) = country_of(country) {
                    nationality.get_or_insert(country);
                }
                start -= length;
                continue;
            }
            break;
        }
        // A capitalised affiliation before a lower-case title: "Pentagon
        // spokesman", "Nobel Peace Prize winner" (mentions of their own too).
        if head_outside_run && start > floor {
            let mut affiliation_start = start;
            while affiliation_start > floor
                && start - affiliation_start < MAX_AFFILIATION_UNITS
                && self.is_name_word(affiliation_start - 1, range.end)
                && self.common_class(affiliation_start - 1).is_none()
            {
                affiliation_start -= 1;
            }
            // A capital owed to the sentence start needs evidence.
            if affiliation_start < start
                && self
                    .unit(affiliation_start)
                    .is_some_and(|unit| unit.position_initial)
                && !self.has_name_evidence(affiliation_start, start - 1)
            {
                affiliation_start += 1;
            }
            if affiliation_start < start {
                if let Some((_, place)) = self.place_at(affiliation_start, start - 1) {
                    nationality.get_or_insert(place.id);
                }
                start = affiliation_start;
            }
        }
        Some(self.title_info(start, end_unit, head, nationality))
    }

    fn title_info(
        &self,
        start: usize,
        end_unit: usize,
        head: TitleHead,
        nationality: Option<u32>,
    ) -> TitleInfo {
        let (family, gender, honorific) = match head {
            TitleHead::Honorific(gender) => (None, gender, true),
            TitleHead::Title(entry) => (Some(entry.family), entry.gender, false),
        };
        TitleInfo {
            start: self.unit(start).map_or(0, |unit| unit.start),
            end: self.unit(end_unit).map_or(0, |unit| unit.name_end),
            family,
            gender,
            nationality,
            honorific,
        }
    }

    /// "X, a human rights activist," and "X, the capital of Y": an
    /// apposition right after the name, read for a title or a kind.
    fn read_apposition(
        &self,
        candidate_index: usize,
        range: &std::ops::Range<usize>,
        candidates: &mut [Candidate],
    ) {
        let Some(candidate) = candidates.get(candidate_index) else {
            return;
        };
        let apposition = self.apposition_after(candidate.last, range.end);
        if let Some(candidate) = candidates.get_mut(candidate_index) {
            candidate.apposition = apposition;
        }
    }

    /// The apposition after the name ending at unit `last`, if any.
    fn apposition_after(&self, last: usize, end: usize) -> Option<super::AppositionInfo> {
        let comma = last + 1;
        if !self.unit(comma).is_some_and(|unit| unit.is_punct(',')) || comma >= end {
            return None;
        }
        if self.unit(last).is_some_and(|unit| unit.possessive) {
            return None;
        }
        let determiner = comma + 1;
        let article = self.word(determiner, end)?;
        let keys = keys();
        if ![keys.a, keys.an, keys.the].contains(&article.bare_hash) {
            return None;
        }
        // Up to six words, none capitalised except nationality adjectives,
        // ending in a title or a described kind before a comma or the end.
        let mut index = determiner + 1;
        let limit = (determiner + 7).min(end);
        let mut found: Option<Apposition> = None;
        while index < limit {
            let Some(unit) = self.word(index, end) else {
                break;
            };
            if unit.is_capitalised() && self.demonym_at(index, index).is_none() {
                break;
            }
            if let Some((length, entry, _key)) = self.title_at(index, end - 1) {
                found = Some(Apposition {
                    head_last: index + length - 1,
                    title: Some(entry),
                    described: None,
                });
            } else if let Some((length, head)) = self.longest_at(
                index,
                end - 1,
                self.lexicon.descriptive_max_words,
                |unit| unit.hash,
                |key| self.lexicon.descriptive_heads.get(&key).copied(),
            ) {
                found = Some(Apposition {
                    head_last: index + length - 1,
                    title: None,
                    described: Some(head),
                });
            }
            if let Some(apposition) = found {
                let after = apposition.head_last + 1;
                let closes = after >= end
                    || self.unit(after).is_some_and(|unit| {
                        matches!(unit.kind, UnitKind::Punct(',' | '.' | ';') | UnitKind::Dash)
                    });
                let of_phrase = self
                    .unit(after)
                    .is_some_and(|unit| unit.is_lower_word() && unit.bare_hash == keys.of);
                if closes || of_phrase {
                    break;
                }
                found = None;
            }
            index += 1;
        }
        let apposition = found?;
        Some(super::AppositionInfo {
            start: self.unit(determiner + 1)?.start,
            end: self.unit(apposition.head_last)?.name_end,
            title: apposition.title,
            described: apposition.described,
        })
    }

    /// "the Moldovan leader", "the company": a description starting at
    /// `index`. Returns it and the unit after it.
    fn description_at(
        &self,
        sentence: u32,
        index: usize,
        range: &std::ops::Range<usize>,
    ) -> Option<(Description, usize)> {
        if !self.is_the(index) {
            return None;
        }
        let mut cursor = index + 1;
        let mut nationality = None;
        for _ in 0..=MAX_DESCRIPTION_MODIFIERS {
            if cursor >= range.end {
                return None;
            }
            if let Some((length, head)) = self.description_head_at(cursor, range.end - 1) {
                let after = cursor + length;
                if !self.ends_description(after, range.end) {
                    return None;
                }
                let head_unit = self.unit(after - 1)?;
                // "the Afghan team": a nationality-qualified thing is seldom
                // the organisation named earlier; leave it.
                if nationality.is_some() && matches!(head, DescribedHead::Thing(_)) {
                    return None;
                }
                let description = Description {
                    sentence,
                    start: self.unit(index + 1)?.start,
                    end: head_unit.name_end,
                    head,
                    nationality,
                };
                return Some((description, after));
            }
            if let Some((length, country)) = self.demonym_at(cursor, range.end - 1) {
                nationality = country_of(country).or(nationality);
                cursor += length;
                continue;
            }
            let unit = self.unit(cursor)?;
            let plain_modifier = unit.is_lower_word()
                && self.common_class(cursor).is_none()
                && !unit.possessive
                && self.connector(cursor, range.end).is_none();
            if plain_modifier || unit.kind == UnitKind::Number {
                cursor += 1;
                continue;
            }
            return None;
        }
        None
    }

    fn description_head_at(&self, first: usize, last: usize) -> Option<(usize, DescribedHead)> {
        let title = self.longest_at(
            first,
            last,
            self.lexicon.title_max_words,
            |unit| unit.bare_hash,
            |key| {
                self.lexicon
                    .titles
                    .get(&key)
                    .filter(|entry| entry.descriptive)
                    .map(|entry| (*entry, key))
            },
        );
        let described = self.longest_at(
            first,
            last,
            self.lexicon.descriptive_max_words,
            |unit| unit.hash,
            |key| self.lexicon.descriptive_heads.get(&key).copied(),
        );
        match (title, described) {
            (Some((title_length, (entry, _))), Some((described_length, head))) => {
                if described_length > title_length {
                    Some((described_length, DescribedHead::Thing(head)))
                } else {
                    Some((title_length, DescribedHead::Person(entry)))
                }
            }
            (Some((length, (entry, _))), None) => Some((length, DescribedHead::Person(entry))),
            (None, Some((length, head))) => Some((length, DescribedHead::Thing(head))),
            (None, None) => None,
        }
    }

    /// What may follow a description's head noun: punctuation, the end, a
    /// function word, a verb of saying, or a word that looks like a verb.
    /// Not a name (then the noun is a title) nor "of" (then it is a longer
    /// phrase: "the president of the club").
    fn ends_description(&self, after: usize, end: usize) -> bool {
        if after >= end {
            return true;
        }
        if self.unit(after - 1).is_some_and(|unit| unit.possessive) {
            return true;
        }
        let Some(unit) = self.unit(after) else {
            return true;
        };
        if !unit.is_word() {
            return !matches!(unit.kind, UnitKind::Punct('-' | '\u{2010}'));
        }
        if unit.is_capitalised() {
            return false;
        }
        if unit.bare_hash == keys().of {
            return false;
        }
        if self.common_class(after).is_some() {
            return true;
        }
        if self.is_cue_phrase(CueCategory::PersonVerb, after, end)
            || self.is_cue_phrase(CueCategory::PersonStrongVerb, after, end)
        {
            return true;
        }
        let word = unit.name_text(self.text);
        word.ends_with("ed") || (word.ends_with('s') && !word.ends_with("ss"))
    }

    /// "Facebook co-founder Mark Zuckerberg": a name before a lower-case
    /// title and a name.
    fn affiliates_a_title(&self, last: usize, end: usize) -> bool {
        if self.unit(last).is_some_and(|unit| unit.possessive) {
            return false;
        }
        let title_first = last + 1;
        let Some((length, _, _)) = self.title_at(title_first, end.saturating_sub(1)) else {
            return false;
        };
        let lower_title = self
            .unit(title_first)
            .is_some_and(|unit| unit.is_lower_word());
        lower_title && self.is_name_word(title_first + length, end)
    }

    /// Context cues around a name: what is before and after it.
    pub(super) fn context(&self, candidate: &Candidate, range: &std::ops::Range<usize>) -> Context {
        let floor = range.start;
        let after = candidate.last + 1;
        let title_start_unit = candidate
            .title
            .as_ref()
            .and_then(|title| {
                let before = self.units.get(floor..candidate.first)?;
                Some(floor + before.partition_point(|unit| unit.start < title.start))
            })
            .unwrap_or(candidate.first);
        let possessive = self
            .unit(candidate.last)
            .is_some_and(|unit| unit.possessive);
        Context {
            place_preposition_before: self.is_cue_before(
                CueCategory::PlacePreposition,
                title_start_unit,
                floor,
            ),
            determiner_before: title_start_unit > floor && self.is_the(title_start_unit - 1),
            person_verb_after: !possessive
                && self.is_cue_phrase(CueCategory::PersonVerb, after, range.end),
            person_strong_verb_after: !possessive
                && self.is_cue_phrase(CueCategory::PersonStrongVerb, after, range.end),
            organisation_after: self.is_cue_phrase(
                CueCategory::OrganisationAfter,
                after,
                range.end,
            ) || self.affiliates_a_title(candidate.last, range.end),
            place_after: self.is_cue_phrase(CueCategory::PlaceAfter, after, range.end),
        }
    }
}

/// The country of a demonym's gazetteer id; none for group adjectives.
fn country_of(id: u32) -> Option<u32> {
    (id != NO_COUNTRY).then_some(id)
}

#[derive(Debug, Clone, Copy)]
struct TitlePrefix {
    head: TitleHead,
    /// Last unit of the title inside the run.
    last_unit: usize,
    nationality: Option<u32>,
    /// Places and acronyms inside the title (first unit, length).
    inner_names: [Option<(usize, usize)>; 2],
    /// False when the run ends with the title ("the U.S. President said").
    name_follows: bool,
}

#[derive(Debug, Clone, Copy)]
struct Apposition {
    head_last: usize,
    title: Option<TitleEntry>,
    described: Option<DescriptiveHead>,
}

/// The head of a description: a person's title or a described thing.
#[derive(Debug, Clone, Copy)]
pub(super) enum DescribedHead {
    Person(TitleEntry),
    Thing(DescriptiveHead),
}

/// Words around a candidate that hint at its kind.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Context {
    pub(super) place_preposition_before: bool,
    pub(super) determiner_before: bool,
    pub(super) person_verb_after: bool,
    pub(super) person_strong_verb_after: bool,
    pub(super) organisation_after: bool,
    pub(super) place_after: bool,
}
