//! Month, weekday and season names, and the cue words around dates, loaded
//! from `data/months_weekdays.tsv` and `data/date_cues.tsv`.

use std::collections::HashMap;
use std::sync::OnceLock;

pub(crate) const MONTHS_WEEKDAYS_TSV: &str = include_str!("../../../data/months_weekdays.tsv");
pub(crate) const DATE_CUES_TSV: &str = include_str!("../../../data/date_cues.tsv");

use crate::extract::quantities::tables::rows;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameKind {
    Month,
    Weekday,
    Season,
}

#[derive(Debug, Default)]
pub(crate) struct Names {
    /// Name as written (title case and upper case) → kind and number.
    pub by_name: HashMap<String, (NameKind, u32)>,
    /// Every accepted spelling, per kind, longest first (for the regex).
    pub months: Vec<String>,
    pub weekdays: Vec<String>,
    /// Full names only (at least six letters for weekdays, no
    /// abbreviations for months): accepted standing alone.
    pub months_full: Vec<String>,
    pub weekdays_full: Vec<String>,
    pub seasons: Vec<String>,
}

pub(crate) fn names() -> &'static Names {
    static TABLE: OnceLock<Names> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut names = Names::default();
        let mut full_month_numbers: HashMap<u32, usize> = HashMap::new();
        for row in rows(MONTHS_WEEKDAYS_TSV) {
            let (Some(name), Some(kind), Some(number)) = (row.first(), row.get(1), row.get(2))
            else {
                continue;
            };
            let Ok(number) = number.parse::<u32>() else {
                continue;
            };
            let kind = match *kind {
                "month" => NameKind::Month,
                "weekday" => NameKind::Weekday,
                "season" => NameKind::Season,
                _ => continue,
            };
            let spellings = [name.to_string(), name.to_uppercase()];
            for spelling in spellings {
                names.by_name.insert(spelling.clone(), (kind, number));
                match kind {
                    NameKind::Month => names.months.push(spelling),
                    NameKind::Weekday => names.weekdays.push(spelling),
                    NameKind::Season => names.seasons.push(spelling),
                }
            }
            match kind {
                NameKind::Month => {
                    let longest = full_month_numbers.entry(number).or_insert(0);
                    *longest = (*longest).max(name.len());
                }
                NameKind::Weekday if name.len() >= 6 => {
                    names.weekdays_full.push(name.to_string());
                }
                _ => {}
            }
        }
        for (name, (kind, number)) in &names.by_name {
            if *kind == NameKind::Month
                && full_month_numbers.get(number) == Some(&name.len())
                && name.chars().skip(1).any(char::is_lowercase)
            {
                names.months_full.push(name.clone());
            }
        }
        for list in [
            &mut names.months,
            &mut names.weekdays,
            &mut names.months_full,
            &mut names.weekdays_full,
            &mut names.seasons,
        ] {
            list.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
            list.dedup();
        }
        names
    })
}

/// Month, weekday or season of a name as written.
pub(crate) fn lookup(name: &str) -> Option<(NameKind, u32)> {
    let trimmed = name.trim_end_matches('.');
    names().by_name.get(trimmed).copied().or_else(|| {
        // Seasons may be lower case or title case.
        let lower = trimmed.to_lowercase();
        names()
            .by_name
            .get(&lower)
            .copied()
            .filter(|(kind, _)| *kind == NameKind::Season)
    })
}

#[derive(Debug, Default)]
pub(crate) struct Cues {
    pub future: Vec<Vec<String>>,
    pub month_prep: Vec<String>,
    pub publication: Vec<Vec<String>>,
}

pub(crate) fn cues() -> &'static Cues {
    static TABLE: OnceLock<Cues> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut cues = Cues::default();
        for row in rows(DATE_CUES_TSV) {
            let (Some(word), Some(class)) = (row.first(), row.get(1)) else {
                continue;
            };
            let words: Vec<String> = word.split_whitespace().map(str::to_string).collect();
            match *class {
                "future" => cues.future.push(words),
                "month_prep" => cues.month_prep.push(word.to_string()),
                "publication" => cues.publication.push(words),
                _ => {}
            }
        }
        cues.publication
            .sort_by_key(|item| std::cmp::Reverse(item.len()));
        cues
    })
}

/// True when the lower-case word sequence `words` contains one of `phrases`.
pub(crate) fn contains_phrase(words: &[String], phrases: &[Vec<String>]) -> bool {
    phrases.iter().any(|phrase| {
        !phrase.is_empty()
            && words
                .windows(phrase.len())
                .any(|window| window.iter().zip(phrase).all(|(word, cue)| word == cue))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_row_loads() {
        for row in rows(MONTHS_WEEKDAYS_TSV) {
            let name = row.first().copied().unwrap_or("");
            let number: u32 = row.get(2).and_then(|n| n.parse().ok()).unwrap_or(0);
            let found = lookup(name);
            assert!(found.is_some_and(|(_, n)| n == number), "{name}");
            assert!(lookup(&name.to_uppercase()).is_some(), "{name} upper case");
        }
        assert_eq!(names().months_full.len(), 12);
        assert_eq!(names().weekdays_full.len(), 7);
    }

    #[test]
    fn every_cue_row_loads() {
        let cues = cues();
        for row in rows(DATE_CUES_TSV) {
            let word = row.first().copied().unwrap_or("");
            let words: Vec<String> = word.split_whitespace().map(str::to_string).collect();
            let found = match row.get(1).copied() {
                Some("future") => cues.future.contains(&words),
                Some("month_prep") => cues.month_prep.iter().any(|cue| cue == word),
                Some("publication") => cues.publication.contains(&words),
                _ => false,
            };
            assert!(found, "{word}");
        }
    }
}
