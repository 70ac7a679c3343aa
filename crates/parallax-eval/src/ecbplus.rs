//! ECB+ (`ecbplus-dev/`): a reader for its CAT XML documents, and the
//! `ecbplus-entities` suite, which measures cross-document name merging.
//!
//! The reader is kept general for other suites: documents with topic and
//! sub-topic (`ecb` vs `ecbplus`: two different events of one kind),
//! tokens with sentence numbers, markables (entity and event mentions) and
//! coreference relations with their instance ids, plus the list of
//! sentences that were fully annotated.
//!
//! The suite, per topic: gold name markables are entity markables (tags
//! `HUMAN_PART*`, `LOC_*`, `NON_HUMAN_PART*`) inside annotated sentences,
//! linked to a cross-document instance, whose words are proper names (see
//! [`is_proper_name`]). Two such markables of different documents that
//! share an instance id are a gold merge. Mode (a) hands the gold spans to
//! `fuse::entities::merge_entities` as mentions; mode (b) runs
//! `extract::mentions` and matches its mentions to the gold spans. Each
//! mode is compared with a baseline that merges identical strings only.

use crate::{Counts, Report};
use anyhow::{bail, Context};
use parallax::model::{
    AnalysedArticle, EntityKind, Extraction, Mention, MentionForm, MentionRef, Span,
};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The folder of the data set inside the data folder.
pub const FOLDER: &str = "ecbplus-dev";

/// Which of a topic's two events a document reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SubTopic {
    /// The original EventCorefBank documents (`N_Mecb.xml`).
    Ecb,
    /// The documents added by ECB+ (`N_Mecbplus.xml`): another event of the
    /// same kind.
    EcbPlus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcbToken {
    pub id: u32,
    pub sentence: u32,
    /// Position in the sentence.
    pub number: u32,
    pub text: String,
}

/// A mention of an event or entity: its tag and its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markable {
    pub id: u32,
    /// `HUMAN_PART_PER`, `LOC_GEO`, `ACTION_OCCURRENCE`, ...
    pub tag: String,
    /// Token ids, ascending.
    pub tokens: Vec<u32>,
}

/// An instance descriptor: a markable without tokens naming one
/// cross-document instance ("t1b_tara_reid").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceDescriptor {
    pub markable: u32,
    pub tag: String,
    pub descriptor: String,
    pub instance: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationKind {
    CrossDocument,
    IntraDocument,
}

/// A coreference relation: source markables and the target they refer to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coreference {
    pub kind: RelationKind,
    pub id: String,
    /// For cross-document relations: the instance id (`note`).
    pub instance: Option<String>,
    pub sources: Vec<u32>,
    pub target: Option<u32>,
}

/// One ECB+ document.
#[derive(Debug, Clone, PartialEq)]
pub struct EcbDocument {
    /// File stem, "1_10ecbplus".
    pub name: String,
    pub topic: u32,
    pub sub_topic: SubTopic,
    /// The document's number inside its topic with its suffix ("10ecbplus"),
    /// as the annotated-sentence list names it.
    pub short_name: String,
    pub tokens: Vec<EcbToken>,
    pub markables: Vec<Markable>,
    pub descriptors: Vec<InstanceDescriptor>,
    pub relations: Vec<Coreference>,
}

impl EcbDocument {
    /// The cross-document instance id of each markable that has one.
    pub fn instances(&self) -> HashMap<u32, String> {
        let mut instances = HashMap::new();
        for relation in &self.relations {
            let (RelationKind::CrossDocument, Some(instance)) = (relation.kind, &relation.instance)
            else {
                continue;
            };
            for &source in &relation.sources {
                instances.insert(source, instance.clone());
            }
        }
        instances
    }

    /// Token positions by id.
    pub fn token_index(&self) -> HashMap<u32, usize> {
        self.tokens
            .iter()
            .enumerate()
            .map(|(position, token)| (token.id, position))
            .collect()
    }
}

/// Sentences listed as fully annotated: (topic, short name, sentence).
pub type AnnotatedSentences = HashSet<(u32, String, u32)>;

/// The whole data set.
#[derive(Debug, Clone)]
pub struct EcbCorpus {
    /// By topic, then file name.
    pub documents: Vec<EcbDocument>,
    pub annotated: AnnotatedSentences,
}

impl EcbCorpus {
    /// Topic numbers, ascending, with their documents.
    pub fn topics(&self) -> BTreeMap<u32, Vec<&EcbDocument>> {
        let mut topics: BTreeMap<u32, Vec<&EcbDocument>> = BTreeMap::new();
        for document in &self.documents {
            topics.entry(document.topic).or_default().push(document);
        }
        topics
    }

    pub fn is_annotated(&self, document: &EcbDocument, sentence: u32) -> bool {
        self.annotated
            .contains(&(document.topic, document.short_name.clone(), sentence))
    }
}

fn attribute_u32(node: roxmltree::Node<'_, '_>, name: &str) -> Option<u32> {
    node.attribute(name)?.trim().parse().ok()
}

/// Topic, sub-topic and short name from a file name ("1_10ecbplus.xml").
pub fn parse_file_name(file_name: &str) -> Option<(u32, SubTopic, String)> {
    let stem = file_name.strip_suffix(".xml").unwrap_or(file_name);
    let (topic, short_name) = stem.split_once('_')?;
    let topic = topic.parse().ok()?;
    let sub_topic = if short_name.ends_with("ecbplus") {
        SubTopic::EcbPlus
    } else if short_name.ends_with("ecb") {
        SubTopic::Ecb
    } else {
        return None;
    };
    Some((topic, sub_topic, short_name.to_string()))
}

/// Reads one CAT XML document.
pub fn parse_document(file_name: &str, xml: &str) -> anyhow::Result<EcbDocument> {
    let (topic, sub_topic, short_name) = parse_file_name(file_name)
        .with_context(|| format!("{file_name}: not an ECB+ file name (N_Mecb.xml)"))?;
    let tree = roxmltree::Document::parse(xml).with_context(|| format!("{file_name}: bad XML"))?;
    let mut document = EcbDocument {
        name: file_name.trim_end_matches(".xml").to_string(),
        topic,
        sub_topic,
        short_name,
        tokens: Vec::new(),
        markables: Vec::new(),
        descriptors: Vec::new(),
        relations: Vec::new(),
    };
    for node in tree
        .root_element()
        .children()
        .filter(|node| node.is_element())
    {
        match node.tag_name().name() {
            "token" => {
                let (Some(id), Some(sentence), Some(number)) = (
                    attribute_u32(node, "t_id"),
                    attribute_u32(node, "sentence"),
                    attribute_u32(node, "number"),
                ) else {
                    continue;
                };
                document.tokens.push(EcbToken {
                    id,
                    sentence,
                    number,
                    text: node.text().unwrap_or("").trim().to_string(),
                });
            }
            "Markables" => read_markables(node, &mut document),
            "Relations" => read_relations(node, &mut document),
            _ => {}
        }
    }
    Ok(document)
}

fn read_markables(markables: roxmltree::Node<'_, '_>, document: &mut EcbDocument) {
    for node in markables.children().filter(|node| node.is_element()) {
        let Some(id) = attribute_u32(node, "m_id") else {
            continue;
        };
        let tag = node.tag_name().name().to_string();
        if let Some(instance) = node.attribute("instance_id") {
            document.descriptors.push(InstanceDescriptor {
                markable: id,
                tag,
                descriptor: node.attribute("TAG_DESCRIPTOR").unwrap_or("").to_string(),
                instance: instance.to_string(),
            });
            continue;
        }
        let mut tokens: Vec<u32> = node
            .children()
            .filter(|child| child.has_tag_name("token_anchor"))
            .filter_map(|child| attribute_u32(child, "t_id"))
            .collect();
        tokens.sort_unstable();
        tokens.dedup();
        document.markables.push(Markable { id, tag, tokens });
    }
}

fn read_relations(relations: roxmltree::Node<'_, '_>, document: &mut EcbDocument) {
    for node in relations.children().filter(|node| node.is_element()) {
        let kind = match node.tag_name().name() {
            "CROSS_DOC_COREF" => RelationKind::CrossDocument,
            "INTRA_DOC_COREF" => RelationKind::IntraDocument,
            _ => continue,
        };
        let sources = node
            .children()
            .filter(|child| child.has_tag_name("source"))
            .filter_map(|child| attribute_u32(child, "m_id"))
            .collect();
        let target = node
            .children()
            .find(|child| child.has_tag_name("target"))
            .and_then(|child| attribute_u32(child, "m_id"));
        document.relations.push(Coreference {
            kind,
            id: node.attribute("r_id").unwrap_or("").to_string(),
            instance: node.attribute("note").map(str::to_string),
            sources,
            target,
        });
    }
}

/// Reads `ECBplus_coreference_sentences.csv` (Topic,File,Sentence Number).
pub fn parse_annotated_sentences(csv: &str) -> AnnotatedSentences {
    let mut sentences = HashSet::new();
    for line in csv.lines().skip(1) {
        let mut fields = line.split(',').map(str::trim);
        let (Some(topic), Some(file), Some(sentence)) =
            (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let (Ok(topic), Ok(sentence)) = (topic.parse(), sentence.parse()) else {
            continue;
        };
        sentences.insert((topic, file.to_string(), sentence));
    }
    sentences
}

/// Reads the data set from the data folder (`data_dir/ecbplus-dev`).
pub fn read_corpus(data_dir: &Path) -> anyhow::Result<EcbCorpus> {
    let root = data_dir.join(FOLDER);
    let documents_dir = root.join("ECB+");
    if !documents_dir.is_dir() {
        bail!(
            "ECB+ data not found: expected the folder {} (see ../shared/data/README.md)",
            documents_dir.display()
        );
    }
    let csv_path = root.join("ECBplus_coreference_sentences.csv");
    let csv = std::fs::read_to_string(&csv_path)
        .with_context(|| format!("cannot read {}", csv_path.display()))?;
    let annotated = parse_annotated_sentences(&csv);
    let mut paths: Vec<PathBuf> = Vec::new();
    for topic_entry in std::fs::read_dir(&documents_dir)
        .with_context(|| format!("cannot list {}", documents_dir.display()))?
    {
        let topic_path = topic_entry?.path();
        if !topic_path.is_dir() {
            continue;
        }
        for file_entry in std::fs::read_dir(&topic_path)? {
            let path = file_entry?.path();
            if path.extension().is_some_and(|extension| extension == "xml") {
                paths.push(path);
            }
        }
    }
    let mut documents = Vec::new();
    for path in paths {
        let file_name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default()
            .to_string();
        let xml = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        documents.push(parse_document(&file_name, &xml)?);
    }
    documents.sort_by(|a, b| (a.topic, &a.short_name).cmp(&(b.topic, &b.short_name)));
    if documents.is_empty() {
        bail!("no ECB+ documents in {}", documents_dir.display());
    }
    Ok(EcbCorpus {
        documents,
        annotated,
    })
}

/// A document as plain text: one paragraph per sentence (blank line
/// between), tokens joined by spaces except before closing punctuation and
/// after opening brackets. `token_ranges[i]` is the byte range of token `i`
/// (`None` for skipped sentences). `skip_first_sentence` drops sentence 0,
/// which in the `ecbplus` documents is the source URL.
pub struct RenderedDocument {
    pub text: String,
    pub token_ranges: Vec<Option<Range<usize>>>,
}

fn no_space_before(token: &str) -> bool {
    matches!(
        token,
        "," | "." | ":" | ";" | "!" | "?" | ")" | "]" | "}" | "%" | "''" | "'s" | "n't" | "'"
    ) || token.starts_with('\'') && token.len() <= 3
}

fn no_space_after(token: &str) -> bool {
    matches!(token, "(" | "[" | "{" | "``" | "$")
}

/// Renders a document as plain text (see [`RenderedDocument`]).
pub fn render(document: &EcbDocument, skip_first_sentence: bool) -> RenderedDocument {
    let mut text = String::new();
    let mut token_ranges = Vec::with_capacity(document.tokens.len());
    let mut current_sentence: Option<u32> = None;
    let mut previous_token = "";
    for token in &document.tokens {
        if skip_first_sentence && token.sentence == 0 {
            token_ranges.push(None);
            continue;
        }
        if current_sentence != Some(token.sentence) {
            if current_sentence.is_some() {
                text.push_str("\n\n");
            }
            current_sentence = Some(token.sentence);
        } else if !no_space_before(&token.text) && !no_space_after(previous_token) {
            text.push(' ');
        }
        let start = text.len();
        // Quotes as written by the tokeniser: `` and '' become straight.
        let written = match token.text.as_str() {
            "``" | "''" => "\"",
            other => other,
        };
        text.push_str(written);
        token_ranges.push(Some(start..text.len()));
        previous_token = &token.text;
    }
    text.push('\n');
    RenderedDocument { text, token_ranges }
}

/// Words that are never names, however written: pronouns and
/// determiners (contractions such as "She's" are cut before the check).
const NEVER_NAMES: [&str; 27] = [
    "he", "she", "it", "they", "we", "i", "you", "his", "her", "him", "their", "them", "its",
    "our", "this", "that", "these", "those", "who", "a", "an", "the", "my", "your", "there", "one",
    "me",
];

/// Leading words dropped from a markable before judging it and naming it.
const LEADING_DETERMINERS: [&str; 3] = ["the", "a", "an"];

/// Joining words allowed in lower case inside a name ("Bank of America").
const NAME_CONNECTORS: [&str; 12] = [
    "of", "and", "for", "de", "du", "la", "von", "van", "der", "&", "-", "'s",
];

/// A word without a contraction ending ("She's" → "she", "I'm" → "i").
fn without_contraction(lower: &str) -> &str {
    for ending in ["'s", "'m", "'re", "'ll", "'d", "'ve", "n't", "’s", "’m"] {
        if let Some(stem) = lower.strip_suffix(ending) {
            return stem;
        }
    }
    lower
}

/// What tells a name from a capitalised common word.
pub struct NameEvidence {
    /// Every word of the corpus written with a lower-case initial.
    pub lower_case_words: HashSet<String>,
}

impl NameEvidence {
    pub fn new(corpus: &EcbCorpus) -> NameEvidence {
        let lower_case_words = corpus
            .documents
            .iter()
            .flat_map(|document| &document.tokens)
            .filter(|token| token.text.chars().next().is_some_and(char::is_lowercase))
            .map(|token| token.text.clone())
            .collect();
        NameEvidence { lower_case_words }
    }
}

/// Token positions of a document where a capital letter says nothing:
/// the first word of a sentence, and every word of a sentence written in
/// title case (a headline: at least three words of four letters or more,
/// seven in ten of them capitalised).
pub fn uninformative_positions(document: &EcbDocument) -> HashSet<usize> {
    let mut positions = HashSet::new();
    let mut sentence_start = 0;
    while sentence_start < document.tokens.len() {
        let sentence = document.tokens[sentence_start].sentence;
        let mut sentence_end = sentence_start;
        while document
            .tokens
            .get(sentence_end)
            .is_some_and(|token| token.sentence == sentence)
        {
            sentence_end += 1;
        }
        let tokens = &document.tokens[sentence_start..sentence_end];
        let long_words: Vec<&EcbToken> = tokens
            .iter()
            .filter(|token| token.text.chars().filter(|c| c.is_alphabetic()).count() >= 4)
            .collect();
        let capitalised = long_words
            .iter()
            .filter(|token| token.text.chars().next().is_some_and(char::is_uppercase))
            .count();
        let title_case = long_words.len() >= 3 && capitalised * 10 >= long_words.len() * 7;
        let mut seen_word = false;
        for (offset, token) in tokens.iter().enumerate() {
            let is_word = token.text.chars().any(char::is_alphanumeric);
            if title_case || (is_word && !seen_word) {
                positions.insert(sentence_start + offset);
            }
            seen_word |= is_word;
        }
        sentence_start = sentence_end;
    }
    positions
}

/// True when the markable's words (determiners stripped; `positions` are
/// their token positions) are a proper name: every word capitalised except
/// joining words, no pronoun, and at least one name word. A capitalised
/// word where capitals say nothing (see [`uninformative_positions`]) is a
/// name word only when the corpus never writes it in lower case.
pub fn is_proper_name(
    document: &EcbDocument,
    positions: &[usize],
    uninformative: &HashSet<usize>,
    evidence: &NameEvidence,
) -> bool {
    let capitalised = |token: &EcbToken| token.text.chars().next().is_some_and(char::is_uppercase);
    let mut has_name_word = false;
    for (index, &position) in positions.iter().enumerate() {
        let Some(token) = document.tokens.get(position) else {
            return false;
        };
        let lower = token.text.to_lowercase();
        if NEVER_NAMES.contains(&without_contraction(&lower)) {
            return false;
        }
        if index > 0 && NAME_CONNECTORS.contains(&lower.as_str()) {
            continue;
        }
        if !token.text.chars().any(char::is_alphabetic) {
            if token.text.chars().any(char::is_numeric) {
                return false;
            }
            continue;
        }
        if !capitalised(token) {
            return false;
        }
        if uninformative.contains(&position) && evidence.lower_case_words.contains(&lower) {
            continue;
        }
        has_name_word = true;
    }
    has_name_word
}

fn entity_kind(tag: &str) -> Option<EntityKind> {
    if tag.starts_with("HUMAN_PART_PER") {
        Some(EntityKind::Person)
    } else if tag.starts_with("HUMAN_PART_ORG") {
        Some(EntityKind::Organisation)
    } else if tag.starts_with("HUMAN_PART_GPE") || tag.starts_with("LOC_") {
        Some(EntityKind::Place)
    } else if tag.starts_with("HUMAN_PART") || tag.starts_with("NON_HUMAN_PART") {
        Some(EntityKind::Other)
    } else {
        None
    }
}

/// A gold name markable of one document, placed in the rendered text.
#[derive(Debug, Clone)]
pub struct GoldName {
    pub markable: u32,
    pub instance: String,
    pub kind: EntityKind,
    /// Byte range of the name (determiners and possessive stripped).
    pub range: Range<usize>,
    pub name: String,
}

/// The gold name markables of a document (see the module documentation).
pub fn gold_names(
    corpus: &EcbCorpus,
    evidence: &NameEvidence,
    document: &EcbDocument,
    rendered: &RenderedDocument,
) -> Vec<GoldName> {
    let instances = document.instances();
    let token_index = document.token_index();
    let uninformative = uninformative_positions(document);
    let mut names = Vec::new();
    for markable in &document.markables {
        let Some(kind) = entity_kind(&markable.tag) else {
            continue;
        };
        let Some(instance) = instances.get(&markable.id) else {
            continue;
        };
        let mut positions: Vec<usize> = markable
            .tokens
            .iter()
            .filter_map(|id| token_index.get(id).copied())
            .collect();
        positions.sort_unstable();
        let tokens: Vec<&EcbToken> = positions
            .iter()
            .filter_map(|&position| document.tokens.get(position))
            .collect();
        if tokens.is_empty()
            || !tokens
                .iter()
                .all(|token| corpus.is_annotated(document, token.sentence))
        {
            continue;
        }
        // Strip leading determiners and a trailing possessive.
        let mut kept: Vec<usize> = positions.clone();
        while kept.first().is_some_and(|&position| {
            document.tokens.get(position).is_some_and(|token| {
                LEADING_DETERMINERS.contains(&token.text.to_lowercase().as_str())
            })
        }) {
            kept.remove(0);
        }
        while kept.last().is_some_and(|&position| {
            document
                .tokens
                .get(position)
                .is_some_and(|token| matches!(token.text.as_str(), "'s" | "'"))
        }) {
            kept.pop();
        }
        if !is_proper_name(document, &kept, &uninformative, evidence) {
            continue;
        }
        let (Some(&first), Some(&last)) = (kept.first(), kept.last()) else {
            continue;
        };
        let (Some(Some(first_range)), Some(Some(last_range))) = (
            rendered.token_ranges.get(first),
            rendered.token_ranges.get(last),
        ) else {
            continue;
        };
        let range = first_range.start..last_range.end;
        let Some(name) = rendered.text.get(range.clone()) else {
            continue;
        };
        names.push(GoldName {
            markable: markable.id,
            instance: instance.clone(),
            kind,
            range,
            name: name.to_string(),
        });
    }
    names.sort_by_key(|name| (name.range.start, name.range.end));
    names
}

/// One document of a topic, analysed, with its gold names.
struct TopicDocument {
    analysed: AnalysedArticle,
    gold: Vec<GoldName>,
}

fn prepare_topic(
    corpus: &EcbCorpus,
    evidence: &NameEvidence,
    documents: &[&EcbDocument],
) -> anyhow::Result<Vec<TopicDocument>> {
    let mut prepared = Vec::new();
    for (index, document) in documents.iter().enumerate() {
        let rendered = render(document, document.sub_topic == SubTopic::EcbPlus);
        let gold = gold_names(corpus, evidence, document, &rendered);
        let article = parallax::ingest::read_plain_text(
            &document.name,
            rendered.text.as_bytes(),
            index as u32,
        )
        .with_context(|| format!("{}: cannot read as plain text", document.name))?;
        let doc = parallax::text::analyse(&article);
        prepared.push(TopicDocument {
            analysed: AnalysedArticle {
                article,
                doc,
                extraction: Extraction::default(),
            },
            gold,
        });
    }
    Ok(prepared)
}

/// Mode (a): the gold names as mentions.
fn gold_mentions(document: &TopicDocument) -> Vec<Mention> {
    let article = &document.analysed.article;
    let mut mentions = Vec::new();
    for gold in &document.gold {
        let span = Span::new(article.index, gold.range.start, gold.range.end);
        let sentence = document
            .analysed
            .doc
            .sentence_at(gold.range.start)
            .unwrap_or(0) as u32;
        mentions.push(Mention {
            span,
            sentence,
            kind: gold.kind,
            form: MentionForm::Full,
            name: gold.name.clone(),
            title: None,
            title_span: None,
            antecedent: None,
        });
    }
    mentions
}

/// For each gold name of a document, the index of the mention that stands
/// for it: the one overlapping it most among those that cover its last
/// byte (the head of an English name is its last word).
fn match_mentions(gold: &[GoldName], mentions: &[Mention]) -> Vec<Option<u32>> {
    let mut matched = Vec::with_capacity(gold.len());
    for name in gold {
        let last_byte = name.range.end.saturating_sub(1);
        let mut best: Option<(usize, u32)> = None;
        for (index, mention) in mentions.iter().enumerate() {
            let range = mention.span.range();
            if !(range.start <= last_byte && last_byte < range.end) {
                continue;
            }
            let overlap = range.end.min(name.range.end) - range.start.max(name.range.start);
            if best.is_none_or(|(best_overlap, _)| overlap > best_overlap) {
                best = Some((overlap, index as u32));
            }
        }
        matched.push(best.map(|(_, index)| index));
    }
    matched
}

/// Name pairs behind errors, with how many mention pairs each stands for.
#[derive(Debug, Default)]
struct ErrorExamples {
    missed: BTreeMap<(String, String), usize>,
    wrong: BTreeMap<(String, String), usize>,
    /// Wrong merges of names written differently (not one string): the
    /// ones the folding and matching made, not the annotation's same-name
    /// different-instance cases.
    wrong_spelled_differently: usize,
}

impl ErrorExamples {
    fn record(map: &mut BTreeMap<(String, String), usize>, a: &str, b: &str) {
        let key = if a <= b {
            (a.to_string(), b.to_string())
        } else {
            (b.to_string(), a.to_string())
        };
        *map.entry(key).or_default() += 1;
    }

    /// The `count` most frequent pairs of `map`, as "a / b (n)".
    fn top(map: &BTreeMap<(String, String), usize>, count: usize) -> String {
        let mut pairs: Vec<(&(String, String), &usize)> = map.iter().collect();
        pairs.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        pairs
            .into_iter()
            .take(count)
            .map(|((a, b), n)| format!("{a} / {b} ({n})"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Pair counts of one topic: gold merges vs predicted merges among the
/// gold names (pairs from different documents only). `names` are the gold
/// names as written, for the error examples.
fn pair_counts(
    gold: &[(u32, &str)],
    predicted: &[Option<u64>],
    counts: &mut Counts,
    mut examples: Option<(&[&str], &mut ErrorExamples)>,
) {
    debug_assert_eq!(gold.len(), predicted.len());
    for first in 0..gold.len() {
        for second in first + 1..gold.len() {
            let (document_a, instance_a) = gold[first];
            let (document_b, instance_b) = gold[second];
            if document_a == document_b {
                continue;
            }
            let gold_merge = instance_a == instance_b;
            let predicted_merge = matches!(
                (predicted[first], predicted[second]),
                (Some(a), Some(b)) if a == b
            );
            let name = |index: usize| -> &str {
                examples
                    .as_ref()
                    .and_then(|(names, _)| names.get(index).copied())
                    .unwrap_or("")
            };
            let (name_a, name_b) = (name(first), name(second));
            match (gold_merge, predicted_merge) {
                (true, true) => counts.true_positives += 1.0,
                (false, true) => {
                    counts.false_positives += 1.0;
                    if let Some((_, examples)) = examples.as_mut() {
                        ErrorExamples::record(&mut examples.wrong, name_a, name_b);
                        if name_a != name_b {
                            examples.wrong_spelled_differently += 1;
                        }
                    }
                }
                (true, false) => {
                    counts.false_negatives += 1.0;
                    if let Some((_, examples)) = examples.as_mut() {
                        ErrorExamples::record(&mut examples.missed, name_a, name_b);
                    }
                }
                (false, false) => {}
            }
        }
    }
}

/// Entity ids by mention, from our merge.
fn merged_entity_ids(articles: &[AnalysedArticle]) -> HashMap<MentionRef, u64> {
    let entities = parallax::fuse::entities::merge_entities(articles);
    let mut ids = HashMap::new();
    for entity in entities {
        for mention in entity.mentions {
            ids.insert(mention, u64::from(entity.id));
        }
    }
    ids
}

/// Entity ids by mention for the baseline: identical name strings.
fn exact_string_ids(articles: &[AnalysedArticle]) -> HashMap<MentionRef, u64> {
    let mut by_name: HashMap<&str, u64> = HashMap::new();
    let mut ids = HashMap::new();
    for analysed in articles {
        for (index, mention) in analysed.extraction.mentions.iter().enumerate() {
            let next_id = by_name.len() as u64;
            let id = *by_name.entry(mention.name.as_str()).or_insert(next_id);
            ids.insert(
                MentionRef {
                    article: analysed.article.index,
                    mention: index as u32,
                },
                id,
            );
        }
    }
    ids
}

#[derive(Debug, Default)]
struct ModeCounts {
    ours: Counts,
    baseline: Counts,
    examples: ErrorExamples,
}

/// Runs one mode on one topic: `mentions_of` gives each document's
/// mentions and, for each gold name, the mention standing for it.
fn run_mode(
    prepared: &mut [TopicDocument],
    mentions_of: impl Fn(&TopicDocument) -> (Vec<Mention>, Vec<Option<u32>>),
    counts: &mut ModeCounts,
) {
    let mut matches: Vec<Vec<Option<u32>>> = Vec::with_capacity(prepared.len());
    for document in prepared.iter_mut() {
        let (mentions, matched) = mentions_of(document);
        document.analysed.extraction = Extraction {
            mentions,
            ..Extraction::default()
        };
        matches.push(matched);
    }
    let articles: Vec<AnalysedArticle> = prepared
        .iter()
        .map(|document| document.analysed.clone())
        .collect();
    let ours = merged_entity_ids(&articles);
    let baseline = exact_string_ids(&articles);
    let mut gold: Vec<(u32, &str)> = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    let mut predicted_ours: Vec<Option<u64>> = Vec::new();
    let mut predicted_baseline: Vec<Option<u64>> = Vec::new();
    for (document, matched) in prepared.iter().zip(&matches) {
        let article = document.analysed.article.index;
        for (name, mention) in document.gold.iter().zip(matched) {
            gold.push((article, name.instance.as_str()));
            names.push(name.name.as_str());
            let reference = mention.map(|mention| MentionRef { article, mention });
            predicted_ours.push(reference.and_then(|reference| ours.get(&reference).copied()));
            predicted_baseline
                .push(reference.and_then(|reference| baseline.get(&reference).copied()));
        }
    }
    pair_counts(
        &gold,
        &predicted_ours,
        &mut counts.ours,
        Some((&names, &mut counts.examples)),
    );
    pair_counts(&gold, &predicted_baseline, &mut counts.baseline, None);
}

fn report_mode(report: &mut Report, label: &str, counts: &ModeCounts) {
    report.counts(&format!("{label}: merges, ours"), counts.ours, None);
    report.counts(
        &format!("{label}: merges, exact-string baseline"),
        counts.baseline,
        None,
    );
    report.value(
        &format!("{label}: wrong merges, ours (pairs)"),
        counts.ours.false_positives,
        None,
    );
    report.value(
        &format!("{label}: wrong-merge rate, ours"),
        1.0 - counts.ours.precision(),
        None,
    );
    report.value(
        &format!("{label}: wrong merges, baseline (pairs)"),
        counts.baseline.false_positives,
        None,
    );
    report.value(
        &format!("{label}: wrong merges, ours, names written differently"),
        counts.examples.wrong_spelled_differently as f64,
        None,
    );
    report.note(format!(
        "{label}, most missed merges: {}",
        ErrorExamples::top(&counts.examples.missed, EXAMPLES_SHOWN)
    ));
    report.note(format!(
        "{label}, most wrong merges: {}",
        ErrorExamples::top(&counts.examples.wrong, EXAMPLES_SHOWN)
    ));
}

/// How many error examples each mode's notes show.
const EXAMPLES_SHOWN: usize = 12;

/// The `ecbplus-entities` suite.
pub fn run_entities(data_dir: &Path) -> anyhow::Result<Report> {
    let corpus = read_corpus(data_dir)?;
    let mut report = Report::new("ecbplus-entities");
    let mut gold_mode = ModeCounts::default();
    let mut own_mode = ModeCounts::default();
    let mut gold_names_total = 0usize;
    let mut matched_total = 0usize;
    let mut instances_total: BTreeSet<String> = BTreeSet::new();
    let topics = corpus.topics();
    let evidence = NameEvidence::new(&corpus);
    for documents in topics.values() {
        let mut prepared = prepare_topic(&corpus, &evidence, documents)?;
        for document in &prepared {
            gold_names_total += document.gold.len();
            instances_total.extend(document.gold.iter().map(|name| name.instance.clone()));
        }
        run_mode(
            &mut prepared,
            |document| {
                let mentions = gold_mentions(document);
                let matched = (0..mentions.len() as u32).map(Some).collect();
                (mentions, matched)
            },
            &mut gold_mode,
        );
        run_mode(
            &mut prepared,
            |document| {
                let mentions = parallax::extract::mentions::find_mentions(
                    &document.analysed.article,
                    &document.analysed.doc,
                );
                let matched = match_mentions(&document.gold, &mentions);
                (mentions, matched)
            },
            &mut own_mode,
        );
        for document in &prepared {
            let mentions = &document.analysed.extraction.mentions;
            matched_total += match_mentions(&document.gold, mentions)
                .iter()
                .filter(|matched| matched.is_some())
                .count();
        }
    }
    report_mode(&mut report, "(a) gold spans", &gold_mode);
    report_mode(&mut report, "(b) own mentions", &own_mode);
    report.value(
        "(b) gold names found by own mentions (share)",
        if gold_names_total == 0 {
            0.0
        } else {
            matched_total as f64 / gold_names_total as f64
        },
        None,
    );
    report.note(format!(
        "{} topics, {} documents, {} gold name markables of {} instances",
        topics.len(),
        corpus.documents.len(),
        gold_names_total,
        instances_total.len()
    ));
    report.note(
        "pairs: two gold names of different documents of one topic; gold merge = same \
         cross-document instance; predicted merge = same entity",
    );
    report.note(
        "gold names: entity markables in annotated sentences with a cross-document instance, \
         whose words are all capitalised (joining words aside), with no pronoun; a capitalised \
         word at a sentence start or in a title-case headline counts only when the corpus never \
         writes it in lower case",
    );
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<Document doc_name="9_1ecbplus.xml" doc_id="DOC1">
<token t_id="1" sentence="0" number="0">http://example.org</token>
<token t_id="2" sentence="1" number="0">Senator</token>
<token t_id="3" sentence="1" number="1">Ann</token>
<token t_id="4" sentence="1" number="2">Quill</token>
<token t_id="5" sentence="1" number="3">met</token>
<token t_id="6" sentence="1" number="4">the</token>
<token t_id="7" sentence="1" number="5">mayor</token>
<token t_id="8" sentence="1" number="6">'s</token>
<token t_id="9" sentence="1" number="7">staff</token>
<token t_id="10" sentence="1" number="8">.</token>
<token t_id="11" sentence="2" number="0">She</token>
<token t_id="12" sentence="2" number="1">left</token>
<token t_id="13" sentence="2" number="2">Ohio</token>
<token t_id="14" sentence="2" number="3">.</token>
<Markables>
<HUMAN_PART_PER m_id="20"><token_anchor t_id="3"/><token_anchor t_id="4"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="21"><token_anchor t_id="6"/><token_anchor t_id="7"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="22"><token_anchor t_id="11"/></HUMAN_PART_PER>
<LOC_GEO m_id="23"><token_anchor t_id="13"/></LOC_GEO>
<HUMAN_PART_PER m_id="30" RELATED_TO="" TAG_DESCRIPTOR="t9_quill" instance_id="HUM1" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="HUM1"><source m_id="20" /><source m_id="22" /><target m_id="30" /></CROSS_DOC_COREF>
<CROSS_DOC_COREF r_id="2" note="HUM2"><source m_id="21" /><target m_id="31" /></CROSS_DOC_COREF>
<CROSS_DOC_COREF r_id="3" note="LOC1"><source m_id="23" /><target m_id="32" /></CROSS_DOC_COREF>
</Relations>
</Document>"#;

    fn corpus() -> EcbCorpus {
        let document = parse_document("9_1ecbplus.xml", XML).expect("parses");
        let annotated =
            parse_annotated_sentences("Topic,File,Sentence Number\n9,1ecbplus,1\n9,1ecbplus,2\n");
        EcbCorpus {
            documents: vec![document],
            annotated,
        }
    }

    #[test]
    fn reads_tokens_markables_and_instances() {
        let corpus = corpus();
        let document = &corpus.documents[0];
        assert_eq!(document.topic, 9);
        assert_eq!(document.sub_topic, SubTopic::EcbPlus);
        assert_eq!(document.tokens.len(), 14);
        assert_eq!(document.markables.len(), 4);
        assert_eq!(document.descriptors.len(), 1);
        assert_eq!(
            document.instances().get(&22).map(String::as_str),
            Some("HUM1")
        );
        assert!(corpus.is_annotated(document, 2));
        assert!(!corpus.is_annotated(document, 0));
    }

    #[test]
    fn renders_text_and_keeps_names_only() {
        let corpus = corpus();
        let document = &corpus.documents[0];
        let rendered = render(document, true);
        assert_eq!(
            rendered.text,
            "Senator Ann Quill met the mayor's staff.\n\nShe left Ohio.\n"
        );
        let evidence = NameEvidence::new(&corpus);
        let names = gold_names(&corpus, &evidence, document, &rendered);
        let written: Vec<&str> = names.iter().map(|name| name.name.as_str()).collect();
        assert_eq!(written, vec!["Ann Quill", "Ohio"]);
        assert_eq!(names[1].kind, EntityKind::Place);
    }

    #[test]
    fn counts_pairs_across_documents_only() {
        let gold = [(0, "A"), (0, "A"), (1, "A"), (1, "B")];
        let predicted = [Some(1), Some(2), Some(1), Some(1)];
        let mut counts = Counts::default();
        pair_counts(&gold, &predicted, &mut counts, None);
        // Cross-document pairs: (0,2) A-A merged ✓, (0,3) A-B merged ✗,
        // (1,2) A-A not merged (miss), (1,3) A-B not merged.
        assert_eq!(counts.true_positives, 1.0);
        assert_eq!(counts.false_positives, 1.0);
        assert_eq!(counts.false_negatives, 1.0);
    }

    #[test]
    fn missing_data_is_a_clear_error() {
        let error = read_corpus(Path::new("/nonexistent-folder")).expect_err("no data");
        assert!(error.to_string().contains("ECB+ data not found"));
    }
}
