//! Entities across articles: mentions merged, transliteration-aware.
//!
//! Takes the analysed articles of a batch (one story, or any set); gives one
//! [`Entity`] per person, organisation or place, with every spelling seen.
//!
//! How:
//! 1. Inside each article, mentions form chains: a partial or descriptive
//!    mention with an antecedent joins its antecedent's chain, and mentions
//!    with the same folded name join one chain. A descriptive mention
//!    without antecedent ("the Latvian leader" alone) names nobody and is
//!    left out.
//! 2. Chains with the same folded name join across articles (kinds must
//!    agree; `Other` joins the kind of the others).
//! 3. People with a given name and a surname join when their names match
//!    (`names::compare_people`): surname spellings folded, gendered forms
//!    and given names able to refuse. A join that would put two names that
//!    refuse each other in one entity is not made.
//! 4. Surnames alone ("Medvedev") and initialled names ("D. Medvedev") join the
//!    one person they fit, preferring a person named in their own article;
//!    with two candidates they stay apart. Surnames alone that fit nobody
//!    join each other.
//! 5. Organisations and places join by acronym, equivalence table or
//!    matching spelling (`names::org_match`), strongest evidence first, and
//!    only when every two names of the joined entity match (an acronym
//!    with two different expansions in the batch joins neither). A
//!    one-word organisation name joins the one longer organisation name it
//!    ends ("Saints", "New Orleans Saints").
//!
//! Candidate pairs come from blocking keys (consonant skeletons, Double
//! Metaphone codes, acronyms, table groups), so the work grows with the
//! number of distinct spellings that share a key, not with all pairs.
//! Promises: the result depends only on the articles, not on the order in
//! which equal candidates are met; every mention of the input is in at most
//! one entity.

use super::names::{
    compare_people, fold_phrase, is_last_word_of, metaphone, org_match, same_org, skeleton,
    surname_fits, OrgMatch, OrgName, PersonMatch, PersonName,
};
use crate::model::{
    AnalysedArticle, ArticleIndex, Entity, EntityKind, Mention, MentionForm, MentionRef,
};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// How a chain names its referent, for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ChainForm {
    /// A given name and a surname: "Ivan Petrov".
    PersonFull,
    /// Initials and a surname: "I. Petrov".
    PersonInitialled,
    /// One word: a surname alone or a mononym.
    PersonSingleWord,
    /// Organisations, places and other names.
    Named,
}

/// Mentions of one referent inside one article.
#[derive(Debug, Clone)]
struct Chain {
    article: ArticleIndex,
    /// Indices into the article's mentions, ascending.
    mentions: Vec<u32>,
    kind: EntityKind,
    form: ChainForm,
    /// Folded name (see `names::fold_phrase`).
    key: String,
    person: Option<PersonName>,
    org: Option<OrgName>,
    /// Blocking keys of the person reading (surname skeletons, Double
    /// Metaphone codes, family-name groups).
    person_keys: Vec<String>,
}

/// How a name reads, once per distinct name and kind of the batch: parsing
/// and folding are the costly part, and news repeats names.
#[derive(Debug, Clone)]
struct Reading {
    form: ChainForm,
    person: Option<PersonName>,
    org: Option<OrgName>,
    person_keys: Vec<String>,
}

#[derive(Debug, Default)]
struct NameCache {
    keys: HashMap<String, String>,
    readings: HashMap<(String, EntityKind), Option<Reading>>,
}

impl NameCache {
    fn key(&mut self, name: &str) -> String {
        if let Some(key) = self.keys.get(name) {
            return key.clone();
        }
        let key = fold_phrase(name);
        self.keys.insert(name.to_string(), key.clone());
        key
    }

    fn reading(&mut self, name: &str, kind: EntityKind) -> Option<Reading> {
        let cache_key = (name.to_string(), kind);
        if let Some(reading) = self.readings.get(&cache_key) {
            return reading.clone();
        }
        let reading = read_name(name, kind);
        self.readings.insert(cache_key, reading.clone());
        reading
    }
}

fn read_name(name: &str, kind: EntityKind) -> Option<Reading> {
    let (form, person, org) = if kind == EntityKind::Person {
        let person = PersonName::parse(name);
        let form = match person.words.len() {
            0 => return None,
            1 => ChainForm::PersonSingleWord,
            _ if person.has_given_name() => ChainForm::PersonFull,
            _ => ChainForm::PersonInitialled,
        };
        (form, Some(person), None)
    } else {
        // An untyped name may still be a person's: read it as one too, so
        // that a surname alone the extractor could not type ("Other") can
        // join the one person it fits.
        let org = OrgName::parse(name);
        let person = (kind == EntityKind::Other && org.acronym.is_none())
            .then(|| PersonName::parse(name))
            .filter(|person| !person.words.is_empty());
        (ChainForm::Named, person, Some(org))
    };
    let person_keys = person.as_ref().map(person_keys).unwrap_or_default();
    Some(Reading {
        form,
        person,
        org,
        person_keys,
    })
}

/// Merges the mentions of `articles` into entities.
pub fn merge_entities(articles: &[AnalysedArticle]) -> Vec<Entity> {
    let mut chains: Vec<Chain> = Vec::new();
    let mut cache = NameCache::default();
    for analysed in articles {
        chains.extend(article_chains(analysed, &mut cache));
    }
    // A fixed order of chains makes every later step independent of the
    // order of the input.
    chains.sort_by(|a, b| (a.article, &a.mentions).cmp(&(b.article, &b.mentions)));
    let mut clusters = Clusters::new(&chains);
    join_same_names(&chains, &mut clusters);
    join_people(&chains, &mut clusters);
    let ambiguous = join_partial_people(&chains, &mut clusters);
    join_organisations_and_places(&chains, &mut clusters, &ambiguous);
    build_entities(articles, &chains, &mut clusters)
}

// ---------------------------------------------------------------------------
// Chains inside one article

/// The mention a mention resolves to: its antecedent's antecedent, and so
/// on, while they stay in range (a cycle stops after `count` steps).
fn chain_root(mentions: &[Mention], index: usize) -> usize {
    let mut current = index;
    for _ in 0..mentions.len() {
        let Some(next) = mentions
            .get(current)
            .and_then(|mention| mention.antecedent)
            .map(|antecedent| antecedent as usize)
            .filter(|&next| next < mentions.len() && next != current)
        else {
            break;
        };
        current = next;
    }
    current
}

fn has_letters(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

fn article_chains(analysed: &AnalysedArticle, cache: &mut NameCache) -> Vec<Chain> {
    let mentions = &analysed.extraction.mentions;
    // Root mention → mention indices.
    let mut by_root: BTreeMap<usize, Vec<u32>> = BTreeMap::new();
    for index in 0..mentions.len() {
        let root = chain_root(mentions, index);
        let root_mention = mentions.get(root);
        let names_nobody = match root_mention {
            Some(root_mention) => {
                root_mention.form == MentionForm::Descriptive || !has_letters(&root_mention.name)
            }
            None => true,
        };
        if names_nobody {
            continue;
        }
        by_root.entry(root).or_default().push(index as u32);
    }
    // Roots with the same folded name and kind are one chain.
    let mut by_name: BTreeMap<(String, EntityKind), Vec<u32>> = BTreeMap::new();
    for (root, members) in by_root {
        let Some(root_mention) = mentions.get(root) else {
            continue;
        };
        let key = cache.key(&root_mention.name);
        by_name
            .entry((key, root_mention.kind))
            .or_default()
            .extend(members);
    }
    let mut chains = Vec::new();
    for ((key, _), mut members) in by_name {
        members.sort_unstable();
        let Some(chain) = make_chain(analysed.article.index, mentions, members, key, cache) else {
            continue;
        };
        chains.push(chain);
    }
    chains
}

fn make_chain(
    article: ArticleIndex,
    mentions: &[Mention],
    members: Vec<u32>,
    key: String,
    cache: &mut NameCache,
) -> Option<Chain> {
    let named: Vec<&Mention> = members
        .iter()
        .filter_map(|&index| mentions.get(index as usize))
        .filter(|mention| mention.form != MentionForm::Descriptive && has_letters(&mention.name))
        .collect();
    let kind = majority_kind(named.iter().map(|mention| mention.kind));
    // The longest full form stands for the chain; else the longest name.
    let name = named
        .iter()
        .filter(|mention| mention.form == MentionForm::Full)
        .max_by_key(|mention| (mention.name.split_whitespace().count(), mention.name.len()))
        .or_else(|| {
            named
                .iter()
                .max_by_key(|mention| (mention.name.split_whitespace().count(), mention.name.len()))
        })?
        .name
        .clone();
    let reading = cache.reading(&name, kind)?;
    let key = if key.is_empty() {
        cache.key(&name)
    } else {
        key
    };
    Some(Chain {
        article,
        mentions: members,
        kind,
        form: reading.form,
        key,
        person: reading.person,
        org: reading.org,
        person_keys: reading.person_keys,
    })
}

/// The most frequent kind other than `Other`; `Other` when there is none.
/// Ties go to the kind listed first (person, organisation, place).
fn majority_kind(kinds: impl Iterator<Item = EntityKind>) -> EntityKind {
    let mut counts: BTreeMap<EntityKind, usize> = BTreeMap::new();
    for kind in kinds {
        if kind != EntityKind::Other {
            *counts.entry(kind).or_default() += 1;
        }
    }
    let mut best = EntityKind::Other;
    let mut best_count = 0;
    for (kind, count) in counts {
        if count > best_count {
            best = kind;
            best_count = count;
        }
    }
    best
}

// ---------------------------------------------------------------------------
// Clusters of chains

/// Union-find over chains, with the members of each cluster.
struct Clusters {
    parent: Vec<usize>,
    members: Vec<Vec<usize>>,
    /// For each chain, the first chain with the same folded name and the
    /// same reading (person or not): chains with one label are one
    /// spelling.
    label: Vec<usize>,
    /// For each root, one member per label: the distinct spellings the
    /// agreement checks compare, however many articles repeat them.
    distinct: Vec<Vec<usize>>,
}

impl Clusters {
    fn new(chains: &[Chain]) -> Clusters {
        let mut first_with: HashMap<(&str, bool), usize> = HashMap::new();
        let mut label = Vec::with_capacity(chains.len());
        for (index, chain) in chains.iter().enumerate() {
            let reading = chain.kind == EntityKind::Person;
            label.push(
                *first_with
                    .entry((chain.key.as_str(), reading))
                    .or_insert(index),
            );
        }
        Clusters {
            parent: (0..chains.len()).collect(),
            members: (0..chains.len()).map(|index| vec![index]).collect(),
            label,
            distinct: (0..chains.len()).map(|index| vec![index]).collect(),
        }
    }

    /// One chain per spelling per cluster among the chains `keep` accepts,
    /// ascending: the ones worth comparing.
    fn representatives(&mut self, count: usize, keep: impl Fn(usize) -> bool) -> Vec<usize> {
        let mut seen: HashSet<(usize, usize)> = HashSet::new();
        let mut chosen = Vec::new();
        for index in 0..count {
            if !keep(index) {
                continue;
            }
            let root = self.root(index);
            if seen.insert((root, self.label[index])) {
                chosen.push(index);
            }
        }
        chosen
    }

    fn root(&mut self, index: usize) -> usize {
        let mut root = index;
        while self.parent[root] != root {
            root = self.parent[root];
        }
        // Path compression.
        let mut current = index;
        while self.parent[current] != root {
            let next = self.parent[current];
            self.parent[current] = root;
            current = next;
        }
        root
    }

    /// Joins the clusters of `a` and `b`; the smaller root index stays root.
    fn join(&mut self, a: usize, b: usize) {
        let root_a = self.root(a);
        let root_b = self.root(b);
        if root_a == root_b {
            return;
        }
        let (keep, merge) = if root_a < root_b {
            (root_a, root_b)
        } else {
            (root_b, root_a)
        };
        self.parent[merge] = keep;
        let moved = std::mem::take(&mut self.members[merge]);
        self.members[keep].extend(moved);
        let moved_distinct = std::mem::take(&mut self.distinct[merge]);
        for member in moved_distinct {
            let label = self.label[member];
            if !self.distinct[keep]
                .iter()
                .any(|&present| self.label[present] == label)
            {
                self.distinct[keep].push(member);
            }
        }
    }
}

/// Blocks: chains that share a key, each key's chains ascending.
fn blocks(
    candidates: impl Iterator<Item = usize>,
    keys_of: impl Fn(usize) -> Vec<String>,
) -> HashMap<String, Vec<usize>> {
    let mut blocks: HashMap<String, Vec<usize>> = HashMap::new();
    for index in candidates {
        for key in keys_of(index) {
            let block = blocks.entry(key).or_default();
            if block.last() != Some(&index) {
                block.push(index);
            }
        }
    }
    blocks
}

/// Pairs `(a, b)` with `a < b` that share a block, each once, ascending.
fn candidate_pairs(blocks: &HashMap<String, Vec<usize>>) -> BTreeSet<(usize, usize)> {
    let mut pairs = BTreeSet::new();
    for block in blocks.values() {
        for (position, &first) in block.iter().enumerate() {
            for &second in block.iter().skip(position + 1) {
                pairs.insert((first.min(second), first.max(second)));
            }
        }
    }
    pairs
}

fn kinds_compatible(a: EntityKind, b: EntityKind) -> bool {
    a == b || a == EntityKind::Other || b == EntityKind::Other
}

// ---------------------------------------------------------------------------
// The joining steps

/// Step 2: chains with the same folded name, across articles. Surnames
/// alone wait for step 4, where they may turn out ambiguous.
fn join_same_names(chains: &[Chain], clusters: &mut Clusters) {
    let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, chain) in chains.iter().enumerate() {
        if chain.form == ChainForm::PersonSingleWord || is_untyped_single_word(chain) {
            continue;
        }
        by_key.entry(chain.key.as_str()).or_default().push(index);
    }
    for members in by_key.values() {
        // One cluster per kind; `Other` joins the kind when only one kind
        // is present.
        let mut first_of_kind: BTreeMap<EntityKind, usize> = BTreeMap::new();
        for &index in members {
            let kind = chains[index].kind;
            match first_of_kind.get(&kind) {
                Some(&first) => clusters.join(first, index),
                None => {
                    first_of_kind.insert(kind, index);
                }
            }
        }
        let typed: Vec<usize> = first_of_kind
            .iter()
            .filter(|(kind, _)| **kind != EntityKind::Other)
            .map(|(_, &index)| index)
            .collect();
        if let (Some(&other), [only]) = (first_of_kind.get(&EntityKind::Other), typed.as_slice()) {
            clusters.join(*only, other);
        }
    }
}

/// An untyped one-word name ("Other"): maybe a surname, maybe not.
fn is_untyped_single_word(chain: &Chain) -> bool {
    chain.form == ChainForm::Named
        && chain.kind == EntityKind::Other
        && chain
            .person
            .as_ref()
            .is_some_and(|person| person.words.len() == 1)
}

/// True for chains named by a full person's name (given name or initials
/// with a surname).
fn is_full_person(chain: &Chain) -> bool {
    matches!(
        chain.form,
        ChainForm::PersonFull | ChainForm::PersonInitialled
    )
}

fn person_keys(person: &PersonName) -> Vec<String> {
    let mut keys = Vec::new();
    for word in person.surname_candidates() {
        keys.push(format!("s:{}", skeleton(&word.folded)));
        let (primary, _) = metaphone(&word.folded);
        if !primary.is_empty() {
            keys.push(format!("m:{primary}"));
        }
        if let Some(groups) = super::names::tables::tables()
            .family_name_index
            .get(&word.folded)
        {
            for group in groups {
                keys.push(format!("f:{group}"));
            }
        }
    }
    keys
}

/// True when joining the clusters of `a` and `b` puts no two names in one
/// entity that refuse each other (complete linkage): no two full people's
/// names that `compare_people` tells apart, no two organisation or place
/// names that do not match (an acronym cannot join two different
/// expansions, a spelling cannot bridge two names).
fn clusters_agree(chains: &[Chain], clusters: &mut Clusters, a: usize, b: usize) -> bool {
    let root_a = clusters.root(a);
    let root_b = clusters.root(b);
    if root_a == root_b {
        return true;
    }
    // Distinct names of a cluster: (people, organisations and places).
    let names = |root: usize, clusters: &Clusters| -> (Vec<usize>, Vec<usize>) {
        let mut people = Vec::new();
        let mut others = Vec::new();
        for &member in &clusters.distinct[root] {
            let chain = &chains[member];
            if is_full_person(chain) {
                people.push(member);
            } else if chain.org.is_some() {
                others.push(member);
            }
        }
        (people, others)
    };
    let (people_a, others_a) = names(root_a, clusters);
    let (people_b, others_b) = names(root_b, clusters);
    for &member_a in &people_a {
        for &member_b in &people_b {
            if let (Some(person_a), Some(person_b)) =
                (&chains[member_a].person, &chains[member_b].person)
            {
                if compare_people(person_a, person_b) == PersonMatch::Different {
                    return false;
                }
            }
        }
    }
    for &member_a in &others_a {
        for &member_b in &others_b {
            if let (Some(org_a), Some(org_b)) = (&chains[member_a].org, &chains[member_b].org) {
                let last_word = is_last_word_of(org_a, org_b) || is_last_word_of(org_b, org_a);
                if !last_word && org_match(org_a, org_b).is_none() {
                    return false;
                }
            }
        }
    }
    true
}

/// Step 3: people with given names and surnames.
fn join_people(chains: &[Chain], clusters: &mut Clusters) {
    let full = clusters.representatives(chains.len(), |index| {
        chains[index].form == ChainForm::PersonFull
    });
    let blocks = blocks(full.iter().copied(), |index| {
        chains[index].person_keys.clone()
    });
    let mut matches: Vec<(usize, usize)> = Vec::new();
    for (a, b) in candidate_pairs(&blocks) {
        let (Some(person_a), Some(person_b)) = (&chains[a].person, &chains[b].person) else {
            continue;
        };
        if compare_people(person_a, person_b) == PersonMatch::Same {
            matches.push((a, b));
        }
    }
    // Closest spellings first, so that a join refused later is the weaker
    // one; ties in chain order.
    matches.sort_by(|&(a1, b1), &(a2, b2)| {
        let score1 = super::names::similarity(&chains[a1].key, &chains[b1].key);
        let score2 = super::names::similarity(&chains[a2].key, &chains[b2].key);
        score2.total_cmp(&score1).then((a1, b1).cmp(&(a2, b2)))
    });
    for (a, b) in matches {
        if clusters_agree(chains, clusters, a, b) {
            clusters.join(a, b);
        }
    }
}

/// Step 4: surnames alone and initialled names. Returns the chains that
/// fit two people or more: they join nobody.
fn join_partial_people(chains: &[Chain], clusters: &mut Clusters) -> BTreeSet<usize> {
    let full = clusters.representatives(chains.len(), |index| {
        chains[index].form == ChainForm::PersonFull
    });
    // The articles each cluster of full names is named in, for the
    // preference for a person named in the partial name's own article.
    let mut articles_of: HashMap<usize, HashSet<ArticleIndex>> = HashMap::new();
    for (index, chain) in chains.iter().enumerate() {
        if chain.form == ChainForm::PersonFull {
            let root = clusters.root(index);
            articles_of.entry(root).or_default().insert(chain.article);
        }
    }
    let partial: Vec<usize> = (0..chains.len())
        .filter(|&index| {
            matches!(
                chains[index].form,
                ChainForm::PersonSingleWord | ChainForm::PersonInitialled
            ) || is_untyped_single_word(&chains[index])
        })
        .collect();
    let full_blocks = blocks(full.iter().copied(), |index| {
        chains[index].person_keys.clone()
    });
    // Decide every partial chain against the clusters of step 3, then join:
    // no decision sees another's result.
    let mut decisions: Vec<(usize, usize)> = Vec::new();
    let mut unresolved: Vec<usize> = Vec::new();
    let mut ambiguous: BTreeSet<usize> = BTreeSet::new();
    for &index in &partial {
        let Some(person) = &chains[index].person else {
            continue;
        };
        // Candidate clusters with the best rank each.
        let mut candidates: BTreeMap<usize, usize> = BTreeMap::new();
        let mut seen: BTreeSet<usize> = BTreeSet::new();
        for key in &chains[index].person_keys {
            let Some(block) = full_blocks.get(key) else {
                continue;
            };
            for &other in block {
                if !seen.insert(other) {
                    continue;
                }
                let Some(other_person) = &chains[other].person else {
                    continue;
                };
                let rank = match chains[index].form {
                    ChainForm::PersonSingleWord | ChainForm::Named => person
                        .words
                        .first()
                        .and_then(|word| surname_fits(word, other_person)),
                    _ => (compare_people(person, other_person) != PersonMatch::Different)
                        .then_some(0),
                };
                let Some(rank) = rank else { continue };
                let root = clusters.root(other);
                let best = candidates.entry(root).or_insert(rank);
                *best = (*best).min(rank);
            }
        }
        if candidates.is_empty() {
            // Untyped words that fit no person are left to step 5.
            if chains[index].form != ChainForm::Named {
                unresolved.push(index);
            }
            continue;
        }
        // A person named in the same article first.
        let article = chains[index].article;
        let local: Vec<usize> = candidates
            .keys()
            .copied()
            .filter(|root| {
                articles_of
                    .get(root)
                    .is_some_and(|articles| articles.contains(&article))
            })
            .collect();
        let chosen = match local.as_slice() {
            [only] => Some(*only),
            [] => {
                let best_rank = candidates.values().copied().min().unwrap_or(0);
                let best: Vec<usize> = candidates
                    .iter()
                    .filter(|(_, &rank)| rank == best_rank)
                    .map(|(&root, _)| root)
                    .collect();
                match best.as_slice() {
                    [only] => Some(*only),
                    _ => None,
                }
            }
            _ => None,
        };
        match chosen {
            Some(root) => decisions.push((index, root)),
            None => {
                ambiguous.insert(index);
            }
        }
    }
    for (index, root) in decisions {
        clusters.join(index, root);
    }
    // Partial names that fit no full name: join each other when they match
    // (the same spelling at once, then spellings that match).
    let mut first_of_label: HashMap<usize, usize> = HashMap::new();
    for &index in &unresolved {
        let label = clusters.label[index];
        match first_of_label.get(&label) {
            Some(&first) => clusters.join(first, index),
            None => {
                first_of_label.insert(label, index);
            }
        }
    }
    let mut unresolved_spellings: Vec<usize> = first_of_label.into_values().collect();
    unresolved_spellings.sort_unstable();
    let unresolved_blocks = blocks(unresolved_spellings.iter().copied(), |index| {
        chains[index].person_keys.clone()
    });
    for (a, b) in candidate_pairs(&unresolved_blocks) {
        let (Some(person_a), Some(person_b)) = (&chains[a].person, &chains[b].person) else {
            continue;
        };
        let same = match (chains[a].form, chains[b].form) {
            (ChainForm::PersonSingleWord, ChainForm::PersonSingleWord) => {
                match (person_a.words.first(), person_b.words.first()) {
                    (Some(word_a), Some(word_b)) => super::names::surnames_match(word_a, word_b),
                    _ => false,
                }
            }
            _ => compare_people(person_a, person_b) != PersonMatch::Different,
        };
        if same {
            clusters.join(a, b);
        }
    }
    ambiguous
}

fn org_keys(org: &OrgName, key: &str) -> Vec<String> {
    let mut keys = vec![format!("s:{}", skeleton(&key.replace(' ', "")))];
    if let Some(acronym) = &org.acronym {
        keys.push(format!("a:{acronym}"));
    }
    if let Some(initials) = &org.initials {
        keys.push(format!("a:{initials}"));
    }
    for group in &org.groups {
        keys.push(format!("g:{group}"));
    }
    keys
}

/// Step 5: organisations, places and other names.
fn join_organisations_and_places(
    chains: &[Chain],
    clusters: &mut Clusters,
    ambiguous: &BTreeSet<usize>,
) {
    // Untyped one-word names that fit no person: one spelling, one cluster.
    let mut first_of_label: HashMap<usize, usize> = HashMap::new();
    for (index, chain) in chains.iter().enumerate() {
        let root = clusters.root(index);
        let alone = clusters.members[root].len() == 1;
        if !is_untyped_single_word(chain) || ambiguous.contains(&index) || !alone {
            continue;
        }
        let label = clusters.label[index];
        match first_of_label.get(&label) {
            Some(&first) => clusters.join(first, index),
            None => {
                first_of_label.insert(label, index);
            }
        }
    }
    let named = clusters.representatives(chains.len(), |index| {
        chains[index].form == ChainForm::Named && !ambiguous.contains(&index)
    });
    let blocks = blocks(named.iter().copied(), |index| {
        chains[index]
            .org
            .as_ref()
            .map(|org| org_keys(org, &chains[index].key))
            .unwrap_or_default()
    });
    let mut matches: Vec<(OrgMatch, usize, usize)> = Vec::new();
    // Acronym → the distinct expansions it matched.
    let mut expansions: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (a, b) in candidate_pairs(&blocks) {
        if !kinds_compatible(chains[a].kind, chains[b].kind) {
            continue;
        }
        let (Some(org_a), Some(org_b)) = (&chains[a].org, &chains[b].org) else {
            continue;
        };
        let Some(how) = org_match(org_a, org_b) else {
            continue;
        };
        if how == OrgMatch::Acronym {
            let (acronym, expansion) = if org_a.acronym.is_some() {
                (a, b)
            } else {
                (b, a)
            };
            let known = expansions.entry(chains[acronym].key.as_str()).or_default();
            if !known
                .iter()
                .any(|&other| chains[other].key == chains[expansion].key)
            {
                known.push(expansion);
            }
        }
        matches.push((how, a, b));
    }
    // An acronym with two expansions that are not one name ("AP" for two
    // different names in one story) stands for neither.
    let ambiguous: BTreeSet<&str> = expansions
        .iter()
        .filter(|(_, found)| {
            found.iter().enumerate().any(|(position, &first)| {
                found.iter().skip(position + 1).any(|&second| {
                    match (&chains[first].org, &chains[second].org) {
                        (Some(org_first), Some(org_second)) => !same_org(org_first, org_second),
                        _ => true,
                    }
                })
            })
        })
        .map(|(acronym, _)| *acronym)
        .collect();
    matches.retain(|&(how, a, b)| {
        how != OrgMatch::Acronym
            || !(ambiguous.contains(chains[a].key.as_str())
                || ambiguous.contains(chains[b].key.as_str()))
    });
    // Strongest evidence first, then closest spelling, then chain order.
    matches.sort_by(|&(how_1, a1, b1), &(how_2, a2, b2)| {
        let score1 = super::names::similarity(&chains[a1].key, &chains[b1].key);
        let score2 = super::names::similarity(&chains[a2].key, &chains[b2].key);
        how_1
            .cmp(&how_2)
            .then(score2.total_cmp(&score1))
            .then((a1, b1).cmp(&(a2, b2)))
    });
    for (_, a, b) in matches {
        if clusters_agree(chains, clusters, a, b) {
            clusters.join(a, b);
        }
    }
    join_last_words(chains, clusters, &named);
}

/// One-word organisation names that are the last word of exactly one
/// longer organisation name of the batch join it ("Saints" and "New
/// Orleans Saints"). Places are left alone (Sudan, South Sudan).
fn join_last_words(chains: &[Chain], clusters: &mut Clusters, named: &[usize]) {
    let is_organisation_like = |index: usize| {
        matches!(
            chains[index].kind,
            EntityKind::Organisation | EntityKind::Other
        )
    };
    let mut long_by_last_word: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &index in named {
        let Some(org) = &chains[index].org else {
            continue;
        };
        if org.words.len() < 2 || !is_organisation_like(index) {
            continue;
        }
        if let Some(last) = org.words.last() {
            long_by_last_word
                .entry(last.folded.as_str())
                .or_default()
                .push(index);
        }
    }
    let mut decisions: Vec<(usize, usize)> = Vec::new();
    for &index in named {
        let Some(org) = &chains[index].org else {
            continue;
        };
        let ([word], true) = (org.words.as_slice(), is_organisation_like(index)) else {
            continue;
        };
        let Some(longer) = long_by_last_word.get(word.folded.as_str()) else {
            continue;
        };
        let mut roots: BTreeSet<usize> = BTreeSet::new();
        for &candidate in longer {
            let fits = chains[candidate]
                .org
                .as_ref()
                .is_some_and(|long| is_last_word_of(org, long));
            if fits && kinds_compatible(chains[index].kind, chains[candidate].kind) {
                roots.insert(clusters.root(candidate));
            }
        }
        if let (Some(&root), 1) = (roots.iter().next(), roots.len()) {
            decisions.push((index, root));
        }
    }
    for (index, root) in decisions {
        clusters.join(index, root);
    }
}

// ---------------------------------------------------------------------------
// Entities

/// Distinct strings, most frequent first, ties in order of first sight.
fn by_frequency(strings: Vec<String>) -> Vec<String> {
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    for (seen_at, string) in strings.into_iter().enumerate() {
        match position.get(&string) {
            Some(&slot) => counts[slot].1 += 1,
            None => {
                position.insert(string.clone(), counts.len());
                counts.push((string, 1, seen_at));
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    counts.into_iter().map(|(string, _, _)| string).collect()
}

fn build_entities(
    articles: &[AnalysedArticle],
    chains: &[Chain],
    clusters: &mut Clusters,
) -> Vec<Entity> {
    let by_index: HashMap<ArticleIndex, &AnalysedArticle> = articles
        .iter()
        .map(|analysed| (analysed.article.index, analysed))
        .collect();
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for index in 0..chains.len() {
        let root = clusters.root(index);
        groups.entry(root).or_default().push(index);
    }
    let mut entities: Vec<Entity> = Vec::new();
    for members in groups.values() {
        let mut mentions: Vec<MentionRef> = Vec::new();
        let mut full_forms: Vec<String> = Vec::new();
        let mut all_forms: Vec<String> = Vec::new();
        let mut titles: Vec<String> = Vec::new();
        let mut kinds: Vec<EntityKind> = Vec::new();
        for &chain_index in members {
            let chain = &chains[chain_index];
            let Some(analysed) = by_index.get(&chain.article) else {
                continue;
            };
            for &mention_index in &chain.mentions {
                let Some(mention) = analysed.extraction.mentions.get(mention_index as usize) else {
                    continue;
                };
                mentions.push(MentionRef {
                    article: chain.article,
                    mention: mention_index,
                });
                if let Some(title) = &mention.title {
                    titles.push(title.clone());
                }
                if mention.form == MentionForm::Descriptive {
                    continue;
                }
                kinds.push(mention.kind);
                all_forms.push(mention.name.clone());
                if mention.form == MentionForm::Full {
                    full_forms.push(mention.name.clone());
                }
            }
        }
        if mentions.is_empty() {
            continue;
        }
        mentions.sort_unstable();
        let mut articles_seen: Vec<ArticleIndex> =
            mentions.iter().map(|mention| mention.article).collect();
        articles_seen.dedup();
        let variants = by_frequency(all_forms);
        let kind = majority_kind(kinds.into_iter());
        let full_by_frequency = by_frequency(full_forms);
        // A person is named by their fullest common form: "John Coale"
        // rather than the "Coale" most articles settle for.
        let name = full_by_frequency
            .iter()
            .find(|form| kind != EntityKind::Person || form.split_whitespace().count() >= 2)
            .or_else(|| full_by_frequency.first())
            .cloned()
            .or_else(|| variants.first().cloned())
            .unwrap_or_default();
        entities.push(Entity {
            id: 0,
            name,
            kind,
            variants,
            titles: by_frequency(titles),
            mentions,
            articles: articles_seen,
        });
    }
    entities.sort_by(|a, b| a.mentions.first().cmp(&b.mentions.first()));
    for (id, entity) in entities.iter_mut().enumerate() {
        entity.id = id as u32;
    }
    entities
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Doc, Extraction, Span};

    /// A mention of a test article: name, kind, form, antecedent, title.
    type TestMention<'text> = (
        &'text str,
        EntityKind,
        MentionForm,
        Option<u32>,
        Option<&'text str>,
    );

    /// An article whose mentions are given; the text is the names one per
    /// sentence.
    fn article(index: u32, mentions: &[TestMention<'_>]) -> AnalysedArticle {
        let mut text = String::new();
        let mut records = Vec::new();
        for (position, (name, kind, form, antecedent, title)) in mentions.iter().enumerate() {
            let start = text.len();
            text.push_str(name);
            let end = text.len();
            text.push_str(". ");
            records.push(Mention {
                span: Span::new(index, start, end),
                sentence: position as u32,
                kind: *kind,
                form: *form,
                name: name.to_string(),
                title: title.map(str::to_string),
                title_span: None,
                antecedent: *antecedent,
            });
        }
        AnalysedArticle {
            article: Article {
                id: format!("a{index}"),
                index,
                source: format!("test{index}"),
                url: None,
                title: None,
                byline: None,
                published: None,
                language: None,
                text,
                blocks: Vec::new(),
            },
            doc: Doc::default(),
            extraction: Extraction {
                mentions: records,
                ..Extraction::default()
            },
        }
    }

    use EntityKind::{Organisation as Org, Other, Person, Place};
    use MentionForm::{Descriptive, Full, Partial};

    fn entity_of(entities: &[Entity], article: u32, mention: u32) -> Option<&Entity> {
        entities
            .iter()
            .find(|entity| entity.mentions.contains(&MentionRef { article, mention }))
    }

    fn same_entity(entities: &[Entity], a: (u32, u32), b: (u32, u32)) -> bool {
        match (entity_of(entities, a.0, a.1), entity_of(entities, b.0, b.1)) {
            (Some(first), Some(second)) => first.id == second.id,
            _ => false,
        }
    }

    #[test]
    fn spellings_of_one_person_merge_across_articles() {
        let articles = vec![
            article(
                0,
                &[
                    ("Natalia Korotkova", Person, Full, None, None),
                    ("Korotkova", Person, Partial, Some(0), Some("Ms")),
                ],
            ),
            article(
                1,
                &[("Natallia Karatkava", Person, Full, None, Some("activist"))],
            ),
            article(2, &[("Karatkava", Person, Partial, None, None)]),
        ];
        let entities = merge_entities(&articles);
        assert!(same_entity(&entities, (0, 0), (1, 0)));
        assert!(same_entity(&entities, (0, 1), (2, 0)));
        let entity = entity_of(&entities, 0, 0).expect("entity");
        assert_eq!(entity.articles, vec![0, 1, 2]);
        assert_eq!(entity.variants.len(), 4);
        assert_eq!(entity.titles.len(), 2);
        assert_eq!(entity.kind, Person);
    }

    #[test]
    fn husband_and_wife_stay_apart_and_surnames_go_to_the_right_one() {
        let articles = vec![
            article(
                0,
                &[
                    ("Oleg Tikhonov", Person, Full, None, None),
                    ("Svetlana Tikhonova", Person, Full, None, None),
                ],
            ),
            article(1, &[("Tikhonova", Person, Partial, None, None)]),
            article(2, &[("Tikhonov", Person, Partial, None, None)]),
        ];
        let entities = merge_entities(&articles);
        assert!(!same_entity(&entities, (0, 0), (0, 1)));
        assert!(same_entity(&entities, (0, 1), (1, 0)));
        assert!(same_entity(&entities, (0, 0), (2, 0)));
    }

    #[test]
    fn an_ambiguous_surname_joins_nobody() {
        let articles = vec![
            article(0, &[("Ivan Petrov", Person, Full, None, None)]),
            article(1, &[("Pavel Petrov", Person, Full, None, None)]),
            article(2, &[("Petrov", Person, Partial, None, None)]),
        ];
        let entities = merge_entities(&articles);
        assert!(!same_entity(&entities, (0, 0), (1, 0)));
        assert!(!same_entity(&entities, (2, 0), (0, 0)));
        assert!(!same_entity(&entities, (2, 0), (1, 0)));
        assert_eq!(entities.len(), 3);
    }

    #[test]
    fn a_surname_prefers_the_person_named_in_its_own_article() {
        let articles = vec![
            article(0, &[("Ivan Petrov", Person, Full, None, None)]),
            article(
                1,
                &[
                    ("Pavel Petrov", Person, Full, None, None),
                    ("Petrov", Person, Partial, None, None),
                ],
            ),
        ];
        let entities = merge_entities(&articles);
        assert!(same_entity(&entities, (1, 0), (1, 1)));
        assert!(!same_entity(&entities, (0, 0), (1, 1)));
    }

    #[test]
    fn surnames_alone_join_each_other_when_nobody_is_named_in_full() {
        let articles = vec![
            article(0, &[("Yaroshenko", Person, Partial, None, None)]),
            article(1, &[("Yarashenka", Person, Full, None, None)]),
        ];
        let entities = merge_entities(&articles);
        assert!(same_entity(&entities, (0, 0), (1, 0)));
    }

    #[test]
    fn descriptions_join_their_antecedent_or_nobody() {
        let articles = vec![article(
            0,
            &[
                ("Raimonds Vejonis", Person, Full, None, Some("President")),
                ("the Latvian leader", Person, Descriptive, Some(0), None),
                ("the opposition leader", Person, Descriptive, None, None),
            ],
        )];
        let entities = merge_entities(&articles);
        assert_eq!(entities.len(), 1);
        let entity = &entities[0];
        assert_eq!(entity.mentions.len(), 2);
        assert_eq!(entity.variants, vec!["Raimonds Vejonis".to_string()]);
        assert_eq!(entity.name, "Raimonds Vejonis");
    }

    #[test]
    fn organisations_and_places_merge_by_acronym_and_spelling_not_by_likeness() {
        let articles = vec![
            article(
                0,
                &[
                    ("North Atlantic Treaty Organization", Org, Full, None, None),
                    ("Estonia", Place, Full, None, None),
                    ("Zviazda", Org, Full, None, None),
                ],
            ),
            article(
                1,
                &[
                    ("NATO", Org, Full, None, None),
                    ("Estonian Air", Org, Full, None, None),
                    ("ETV", Org, Full, None, None),
                    ("Zvyazda", Org, Full, None, None),
                    ("Estonia", Other, Full, None, None),
                ],
            ),
        ];
        let entities = merge_entities(&articles);
        assert!(same_entity(&entities, (0, 0), (1, 0)));
        assert!(same_entity(&entities, (0, 2), (1, 3)));
        assert!(same_entity(&entities, (0, 1), (1, 4)));
        assert!(!same_entity(&entities, (0, 1), (1, 1)));
        assert!(!same_entity(&entities, (0, 1), (1, 2)));
        let estonia = entity_of(&entities, 0, 1).expect("entity");
        assert_eq!(estonia.kind, Place);
    }

    #[test]
    fn an_acronym_with_two_expansions_joins_neither() {
        let articles = vec![
            article(
                0,
                &[
                    ("Baltic Press", Org, Full, None, None),
                    ("Blue Pictures", Org, Full, None, None),
                ],
            ),
            article(1, &[("BP", Org, Full, None, None)]),
        ];
        let entities = merge_entities(&articles);
        assert_eq!(entities.len(), 3);
    }

    #[test]
    fn a_team_is_named_by_its_last_word_a_place_is_not() {
        let articles = vec![
            article(
                0,
                &[
                    ("Harbour City Sharks", Org, Full, None, None),
                    ("South Sudan", Place, Full, None, None),
                ],
            ),
            article(
                1,
                &[
                    ("Sharks", Org, Full, None, None),
                    ("Sudan", Place, Full, None, None),
                ],
            ),
        ];
        let entities = merge_entities(&articles);
        assert!(same_entity(&entities, (0, 0), (1, 0)));
        assert!(!same_entity(&entities, (0, 1), (1, 1)));
    }

    #[test]
    fn untyped_surnames_join_the_one_person_they_fit() {
        let articles = vec![
            article(
                0,
                &[
                    ("Anna Berglund", Person, Full, None, None),
                    ("Berglund", Other, Full, None, None),
                ],
            ),
            article(1, &[("Berglund", Other, Full, None, None)]),
            article(
                2,
                &[
                    ("Erik Holm", Person, Full, None, None),
                    ("Lena Holm", Person, Full, None, None),
                ],
            ),
            article(3, &[("Holm", Other, Full, None, None)]),
            article(4, &[("Holm", Other, Full, None, None)]),
        ];
        let entities = merge_entities(&articles);
        assert!(same_entity(&entities, (0, 0), (0, 1)));
        assert!(same_entity(&entities, (0, 0), (1, 0)));
        assert!(!same_entity(&entities, (2, 0), (2, 1)));
        assert!(!same_entity(&entities, (3, 0), (2, 0)));
        assert!(!same_entity(&entities, (3, 0), (2, 1)));
        assert!(!same_entity(&entities, (3, 0), (4, 0)));
    }

    #[test]
    fn many_articles_repeating_names_merge_quickly() {
        // Cost grows with distinct spellings, not with repetitions: 3,000
        // articles naming the same people and places.
        let mut articles = Vec::new();
        for index in 0..3000 {
            articles.push(article(
                index,
                &[
                    ("Dmitry Medvedev", Person, Full, None, None),
                    ("Medvedev", Person, Partial, None, None),
                    ("Medvedev", Other, Full, None, None),
                    ("Harbour City Sharks", Org, Full, None, None),
                    ("Sharks", Org, Full, None, None),
                    ("Oslo", Place, Full, None, None),
                    ("Qwerty", Other, Full, None, None),
                ],
            ));
        }
        let started = std::time::Instant::now();
        let entities = merge_entities(&articles);
        let elapsed = started.elapsed();
        assert_eq!(
            entities.len(),
            4,
            "{:?}",
            entities
                .iter()
                .map(|entity| &entity.name)
                .collect::<Vec<_>>()
        );
        assert!(elapsed.as_secs() < 20, "took {elapsed:?}");
    }

    #[test]
    fn kinds_do_not_merge() {
        let articles = vec![
            article(0, &[("Jordan", Place, Full, None, None)]),
            article(1, &[("Jordan", Person, Full, None, None)]),
        ];
        let entities = merge_entities(&articles);
        assert!(!same_entity(&entities, (0, 0), (1, 0)));
    }

    #[test]
    fn the_result_does_not_depend_on_article_order() {
        let first = vec![
            article(0, &[("Dmitry Medvedev", Person, Full, None, None)]),
            article(1, &[("Medvedev", Person, Partial, None, None)]),
            article(2, &[("D. Medvedev", Person, Full, None, None)]),
            article(3, &[("Dmitry A. Medvedev", Person, Full, None, None)]),
        ];
        let mut reversed = first.clone();
        reversed.reverse();
        let entities = merge_entities(&first);
        assert_eq!(entities.len(), 1);
        assert_eq!(merge_entities(&reversed), entities);
    }
}
