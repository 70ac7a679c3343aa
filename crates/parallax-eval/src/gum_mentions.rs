//! `gum-mentions`: name-mention detection and typing on GUM's news documents.
//!
//! Data: `gum/dep/GUM_news_*.conllu` under the data folder (GUM, Wikinews
//! texts). Each document's text is rebuilt from its tokens (a space between
//! tokens unless `SpaceAfter=No`, one line per paragraph); paragraphs whose
//! `newpar_block` is `head` become heading blocks, `figure` caption blocks,
//! the rest body blocks. The text stage and the mention finder then run on
//! that article as on any other.
//!
//! Gold mentions come from the `Entity=` annotations of the MISC column
//! (`(id-etype-...` opens a mention, `id)` closes it). A gold mention is a
//! **name** when its syntactic head (the first token of the mention whose
//! head lies outside it) has UPOS `PROPN`, or when its head is a noun with
//! `flat` proper-noun dependents (GUM's analysis of "team member Rodaba
//! Noori": the name then starts at the first of them). Its **name span** is
//! the head
//! extended, inside the mention, over capitalised tokens and over the
//! connectors of names ("of", "the", "and", "&", "de", "van", hyphens...),
//! never over a determiner at the start, a possessive `'s`, or other
//! punctuation, and trimmed of connectors at both ends: "the U.S." → "U.S.",
//! "U.S. President Ann Lee" stays whole (its title is capitalised), "Mecca
//! 's Grand Mosque" → "Grand Mosque". Only mentions in body sentences count.
//!
//! Measures, over gold names of type person, organization and place:
//! - detection, exact: a predicted mention (full or partial, not
//!   descriptive) matches when its name span, or its title and name
//!   together, equal the gold name span;
//! - detection, overlap: when the spans share a byte;
//! - the same, counting only outermost gold names: GUM nests names ("Google"
//!   in "Google Science Fair", "Canada" in "Fan Expo Canada"); the finder
//!   gives one mention for the outer name;
//! - typed detection per kind: overlap and the same kind;
//! - typing accuracy: share of overlap-matched names given the gold kind.
//!
//! - antecedent links: for each partial or descriptive mention with an
//!   antecedent, both ends are matched to the gold mention sharing most bytes
//!   (names first for names); the link agrees when GUM gives both the same
//!   entity id.
//!
//! A prediction that matches no person/organization/place name but
//! overlaps a gold name of another type (an event, a date, a work) is not
//! counted against precision: the finder may name such things (kind
//! "other") and GUM names them too.
//!
//! The conllu reader is a minimal one of this file's own; a shared GUM
//! reader may replace it.

use crate::{Counts, Report};
use anyhow::{bail, Context as _};
use parallax::model::{Article, Block, BlockKind, EntityKind, Mention, MentionForm, Span};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One token of a conllu file, with its place in the rebuilt text.
#[derive(Debug, Clone)]
struct GumToken {
    form: String,
    upos: String,
    /// Index (1-based) of the syntactic head in the sentence; 0 for root.
    head: usize,
    deprel: String,
    misc: String,
    start: usize,
    end: usize,
}

#[derive(Debug, Clone)]
struct GumSentence {
    tokens: Vec<GumToken>,
    block: BlockKind,
}

/// A document rebuilt as text, with its sentences.
#[derive(Debug, Clone)]
struct GumDocument {
    name: String,
    text: String,
    blocks: Vec<Block>,
    sentences: Vec<GumSentence>,
}

/// A gold name.
#[derive(Debug, Clone, PartialEq)]
struct GoldName {
    start: usize,
    end: usize,
    etype: String,
    /// GUM's entity id: mentions with one id corefer.
    id: String,
}

/// A gold mention of any kind (named or not), for coreference checks.
#[derive(Debug, Clone, PartialEq)]
struct GoldMention {
    start: usize,
    end: usize,
    id: String,
}

impl GoldName {
    fn kind(&self) -> Option<EntityKind> {
        match self.etype.as_str() {
            "person" => Some(EntityKind::Person),
            "organization" => Some(EntityKind::Organisation),
            "place" => Some(EntityKind::Place),
            _ => None,
        }
    }
}

/// Runs the suite on `data_dir/gum/dep/GUM_news_*.conllu`.
pub fn run(data_dir: &Path) -> anyhow::Result<Report> {
    let folder = data_dir.join("gum").join("dep");
    let files = news_files(&folder)?;
    let mut totals = Totals::default();
    let mut dump = String::new();
    for file in &files {
        let content = std::fs::read_to_string(file)
            .with_context(|| format!("failed to read {}", file.display()))?;
        let document = parse_document(file_name(file), &content);
        let article = to_article(&document);
        let doc = parallax::text::analyse(&article);
        let mentions = parallax::extract::mentions::find_mentions(&article, &doc);
        let gold = gold_names(&document);
        score_document(&document, &gold, &mentions, &mut totals, &mut dump);
        score_links(&gold, &gold_mentions(&document), &mentions, &mut totals);
    }
    if let Ok(path) = std::env::var("GUM_MENTIONS_DUMP") {
        std::fs::write(&path, &dump).with_context(|| format!("failed to write {path}"))?;
    }
    let mut report = Report::new("gum-mentions");
    report.counts("detection, exact span", totals.exact, None);
    report.counts("detection, overlapping span", totals.overlap, None);
    report.counts(
        "detection, overlapping span, outermost gold",
        totals.outermost,
        None,
    );
    for (label, counts) in [
        ("typed detection: person", totals.typed[0]),
        ("typed detection: organisation", totals.typed[1]),
        ("typed detection: place", totals.typed[2]),
    ] {
        report.counts(label, counts, None);
    }
    report.value(
        "typing accuracy (overlap-matched names)",
        ratio(
            totals.kind_right.iter().sum(),
            totals.kind_seen.iter().sum(),
        ),
        None,
    );
    for (position, label) in ["person", "organisation", "place"].iter().enumerate() {
        report.value(
            &format!("typing accuracy: gold {label}"),
            ratio(
                totals.kind_right.get(position).copied().unwrap_or(0.0),
                totals.kind_seen.get(position).copied().unwrap_or(0.0),
            ),
            None,
        );
    }
    for (label, counts) in [
        (
            "antecedent agrees with GUM coref: partial",
            totals.partial_links,
        ),
        (
            "antecedent agrees with GUM coref: descriptive",
            totals.descriptive_links,
        ),
    ] {
        report.value(label, ratio(counts[0] as f64, counts[1] as f64), None);
        report.note(format!("{label}: {} of {}", counts[0], counts[1]));
    }
    for link in &totals.wrong_links {
        report.note(format!("link not in GUM: {link}"));
    }
    report.note(format!(
        "{} news documents; {} gold names (person/organization/place, head PROPN); {} predictions excused as names of other types",
        files.len(),
        totals.gold_names,
        totals.excused
    ));
    Ok(report)
}

fn ratio(numerator: f64, denominator: f64) -> f64 {
    if denominator == 0.0 {
        0.0
    } else {
        numerator / denominator
    }
}

fn file_name(path: &Path) -> &str {
    path.file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or("")
}

fn news_files(folder: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(folder).with_context(|| {
        format!(
            "GUM data not found at {} (expected gum/dep/GUM_news_*.conllu under the data folder)",
            folder.display()
        )
    })?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry?.path();
        let name = file_name(&path);
        if name.starts_with("GUM_news_") && path.extension().is_some_and(|ext| ext == "conllu") {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        bail!("no GUM_news_*.conllu files in {}", folder.display());
    }
    Ok(files)
}

/// Reads one conllu document and rebuilds its text.
fn parse_document(name: &str, content: &str) -> GumDocument {
    let mut document = GumDocument {
        name: name.to_string(),
        text: String::new(),
        blocks: Vec::new(),
        sentences: Vec::new(),
    };
    let mut block_kind = BlockKind::Body;
    let mut paragraph_start: Option<usize> = None;
    let mut current: Vec<GumToken> = Vec::new();
    let mut space_pending = false;
    for line in content.lines() {
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if comment == "newpar" {
                close_paragraph(&mut document, &mut paragraph_start, block_kind);
                space_pending = false;
                block_kind = BlockKind::Body;
            } else if let Some(value) = comment.strip_prefix("newpar_block =") {
                let value = value.trim();
                block_kind = if value.starts_with("head") {
                    BlockKind::Heading
                } else if value.starts_with("figure") {
                    BlockKind::Caption
                } else {
                    BlockKind::Body
                };
            }
            continue;
        }
        if line.trim().is_empty() {
            if !current.is_empty() {
                document.sentences.push(GumSentence {
                    tokens: std::mem::take(&mut current),
                    block: block_kind,
                });
            }
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let [id, form, _lemma, upos, _xpos, _features, head, deprel, _deps, misc, ..] =
            columns.as_slice()
        else {
            continue;
        };
        if id.contains('-') || id.contains('.') {
            continue;
        }
        if paragraph_start.is_none() {
            if !document.text.is_empty() {
                document.text.push('\n');
            }
            paragraph_start = Some(document.text.len());
        } else if space_pending {
            document.text.push(' ');
        }
        let start = document.text.len();
        document.text.push_str(form);
        let end = document.text.len();
        space_pending = !misc.split('|').any(|field| field == "SpaceAfter=No");
        current.push(GumToken {
            form: form.to_string(),
            upos: upos.to_string(),
            head: head.parse().unwrap_or(0),
            deprel: deprel.to_string(),
            misc: misc.to_string(),
            start,
            end,
        });
    }
    if !current.is_empty() {
        document.sentences.push(GumSentence {
            tokens: current,
            block: block_kind,
        });
    }
    close_paragraph(&mut document, &mut paragraph_start, block_kind);
    document
}

fn close_paragraph(document: &mut GumDocument, start: &mut Option<usize>, kind: BlockKind) {
    if let Some(paragraph_start) = start.take() {
        let end = document.text.len();
        if end > paragraph_start {
            document.blocks.push(Block {
                span: Span::new(0, paragraph_start, end),
                kind,
            });
        }
    }
}

fn to_article(document: &GumDocument) -> Article {
    Article {
        id: document.name.clone(),
        index: 0,
        source: document.name.clone(),
        url: None,
        title: None,
        byline: None,
        published: None,
        language: Some("eng".into()),
        text: document.text.clone(),
        blocks: document.blocks.clone(),
    }
}

/// The gold names of body sentences (any entity type), one per name span.
fn gold_names(document: &GumDocument) -> Vec<GoldName> {
    let mut names: Vec<GoldName> = Vec::new();
    for sentence in &document.sentences {
        if sentence.block != BlockKind::Body {
            continue;
        }
        for (first, last, etype, id) in sentence_mentions(&sentence.tokens) {
            let Some(head) = mention_head(&sentence.tokens, first, last) else {
                continue;
            };
            // A title noun with the name as its flat dependents ("team
            // member Rodaba Noori"): the name's first word stands as head.
            let head =
                if sentence.tokens.get(head).map(|token| token.upos.as_str()) == Some("PROPN") {
                    head
                } else {
                    match flat_name_start(&sentence.tokens, first, last, head) {
                        Some(start) => start,
                        None => continue,
                    }
                };
            let Some((name_first, name_last)) =
                name_span(&sentence.tokens, first, last, head, &etype)
            else {
                continue;
            };
            let (Some(start), Some(end)) = (
                sentence.tokens.get(name_first).map(|token| token.start),
                sentence.tokens.get(name_last).map(|token| token.end),
            ) else {
                continue;
            };
            if names
                .iter()
                .any(|known| known.start == start && known.end == end)
            {
                continue;
            }
            names.push(GoldName {
                start,
                end,
                etype,
                id,
            });
        }
    }
    names.sort_by_key(|name| (name.start, name.end));
    names
}

/// Every gold mention of the body sentences, named or not.
fn gold_mentions(document: &GumDocument) -> Vec<GoldMention> {
    let mut mentions = Vec::new();
    for sentence in &document.sentences {
        if sentence.block != BlockKind::Body {
            continue;
        }
        for (first, last, _, id) in sentence_mentions(&sentence.tokens) {
            if let (Some(first), Some(last)) =
                (sentence.tokens.get(first), sentence.tokens.get(last))
            {
                mentions.push(GoldMention {
                    start: first.start,
                    end: last.end,
                    id,
                });
            }
        }
    }
    mentions
}

/// The entity mentions of a sentence: first and last token (0-based),
/// entity type and entity id, outermost first.
fn sentence_mentions(tokens: &[GumToken]) -> Vec<(usize, usize, String, String)> {
    let mut open: Vec<(String, usize, String)> = Vec::new();
    let mut mentions = Vec::new();
    for (position, token) in tokens.iter().enumerate() {
        let Some(annotation) = token
            .misc
            .split('|')
            .find_map(|field| field.strip_prefix("Entity="))
        else {
            continue;
        };
        let mut rest = annotation;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('(') {
                let end = after.find(['(', ')']).unwrap_or(after.len());
                let body = after.get(..end).unwrap_or("");
                let mut fields = body.split('-');
                let id = fields.next().unwrap_or("").to_string();
                let etype = fields.next().unwrap_or("").to_string();
                let closes_here = after.get(end..).is_some_and(|tail| tail.starts_with(')'));
                if closes_here {
                    mentions.push((position, position, etype, id));
                    rest = after.get(end + 1..).unwrap_or("");
                } else {
                    open.push((id, position, etype));
                    rest = after.get(end..).unwrap_or("");
                }
            } else {
                let end = rest.find(')').unwrap_or(rest.len());
                let id = rest.get(..end).unwrap_or("");
                if let Some(index) = open.iter().rposition(|(open_id, _, _)| open_id == id) {
                    let (id, first, etype) = open.remove(index);
                    mentions.push((first, position, etype, id));
                }
                rest = rest.get(end + 1..).unwrap_or("");
            }
        }
    }
    mentions.sort_by_key(|(first, last, _, _)| (*first, std::cmp::Reverse(*last)));
    mentions
}

/// The first `flat` proper-noun dependent of a mention's noun head.
fn flat_name_start(tokens: &[GumToken], first: usize, last: usize, head: usize) -> Option<usize> {
    (first..=last).find(|position| {
        tokens.get(*position).is_some_and(|token| {
            token.upos == "PROPN" && token.deprel.starts_with("flat") && token.head == head + 1
        })
    })
}

/// The head of a mention: its first token whose syntactic head is outside
/// the mention.
fn mention_head(tokens: &[GumToken], first: usize, last: usize) -> Option<usize> {
    (first..=last).find(|position| {
        let head = tokens.get(*position).map_or(0, |token| token.head);
        head == 0 || head - 1 < first || head - 1 > last
    })
}

fn is_capitalised(form: &str) -> bool {
    form.chars()
        .find(|character| character.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

fn is_name_connector(form: &str) -> bool {
    matches!(
        form,
        "of" | "the"
            | "and"
            | "&"
            | "de"
            | "la"
            | "del"
            | "van"
            | "von"
            | "der"
            | "du"
            | "des"
            | "da"
            | "di"
            | "al"
            | "el"
            | "bin"
            | "-"
            | "'"
            | "."
            | "for"
    )
}

/// The name span inside a mention, around its head. Persons' names do not
/// extend over "of", "for", "and" or "&" ("Fernando Cheung of the Labour
/// Party" → "Fernando Cheung"); parts glued without a space stay together
/// ("Leung Che-cheung").
fn name_span(
    tokens: &[GumToken],
    first: usize,
    last: usize,
    head: usize,
    etype: &str,
) -> Option<(usize, usize)> {
    let person = etype == "person";
    let glued = |left: usize, right: usize| -> bool {
        match (tokens.get(left), tokens.get(right)) {
            (Some(left), Some(right)) => {
                left.end == right.start && right.upos != "PART" && left.upos != "PART"
            }
            _ => false,
        }
    };
    let usable = |position: usize| -> bool {
        let Some(token) = tokens.get(position) else {
            return false;
        };
        if token.upos == "PART" || token.upos == "PUNCT" && !is_name_connector(&token.form) {
            return false;
        }
        if person && matches!(token.form.as_str(), "of" | "for" | "and" | "&") {
            return false;
        }
        (is_capitalised(&token.form) && token.upos != "DET") || is_name_connector(&token.form)
    };
    let mut name_first = head;
    while name_first > first && (usable(name_first - 1) || glued(name_first - 1, name_first)) {
        name_first -= 1;
    }
    let mut name_last = head;
    while name_last < last && (usable(name_last + 1) || glued(name_last, name_last + 1)) {
        name_last += 1;
    }
    while name_first < name_last
        && !glued(name_first, name_first + 1)
        && tokens
            .get(name_first)
            .is_some_and(|token| !is_capitalised(&token.form))
    {
        name_first += 1;
    }
    while name_last > name_first
        && !glued(name_last - 1, name_last)
        && tokens
            .get(name_last)
            .is_some_and(|token| !is_capitalised(&token.form))
    {
        name_last -= 1;
    }
    let head_token = tokens.get(head)?;
    is_capitalised(&head_token.form).then_some((name_first, name_last))
}

#[derive(Debug, Default)]
struct Totals {
    exact: Counts,
    overlap: Counts,
    /// Overlap, counting only gold names not nested in another gold name.
    outermost: Counts,
    typed: [Counts; 3],
    kind_right: [f64; 3],
    kind_seen: [f64; 3],
    gold_names: usize,
    excused: usize,
    /// Antecedent links of partial and descriptive mentions whose two ends
    /// both match a gold mention: [agreeing, judged] for each form.
    partial_links: [usize; 2],
    descriptive_links: [usize; 2],
    /// Links GUM disagrees with, kept when `GUM_MENTIONS_LINKS` is set.
    wrong_links: Vec<String>,
}

/// The GUM entity id of the gold mention sharing most bytes with a span:
/// names first, then any mention.
fn gold_id<'gold>(
    span: (usize, usize),
    names: &'gold [GoldName],
    mentions: &'gold [GoldMention],
    names_first: bool,
) -> Option<&'gold str> {
    let shared = |start: usize, end: usize| span.1.min(end).saturating_sub(span.0.max(start));
    let best_name = names
        .iter()
        .filter(|name| shared(name.start, name.end) > 0)
        .max_by_key(|name| shared(name.start, name.end))
        .map(|name| name.id.as_str());
    let best_mention = mentions
        .iter()
        .filter(|mention| shared(mention.start, mention.end) > 0)
        .max_by_key(|mention| {
            (
                shared(mention.start, mention.end),
                std::cmp::Reverse(mention.end - mention.start),
            )
        })
        .map(|mention| mention.id.as_str());
    if names_first {
        best_name.or(best_mention)
    } else {
        best_mention
    }
}

/// Do the finder's antecedent links join mentions that GUM puts in one
/// coreference chain?
fn score_links(
    gold: &[GoldName],
    gold_mentions: &[GoldMention],
    mentions: &[Mention],
    totals: &mut Totals,
) {
    for mention in mentions {
        let Some(antecedent) = mention
            .antecedent
            .and_then(|index| mentions.get(index as usize))
        else {
            continue;
        };
        let descriptive = mention.form == MentionForm::Descriptive;
        let own = gold_id(
            (mention.span.start as usize, mention.span.end as usize),
            gold,
            gold_mentions,
            !descriptive,
        );
        let target = gold_id(
            (antecedent.span.start as usize, antecedent.span.end as usize),
            gold,
            gold_mentions,
            true,
        );
        let (Some(own), Some(target)) = (own, target) else {
            continue;
        };
        let counts = if descriptive {
            &mut totals.descriptive_links
        } else {
            &mut totals.partial_links
        };
        counts[1] += 1;
        if own == target {
            counts[0] += 1;
        } else if std::env::var("GUM_MENTIONS_LINKS").is_ok() {
            totals
                .wrong_links
                .push(format!("{} -> {}", mention.name, antecedent.name));
        }
    }
}

fn kind_position(kind: EntityKind) -> Option<usize> {
    match kind {
        EntityKind::Person => Some(0),
        EntityKind::Organisation => Some(1),
        EntityKind::Place => Some(2),
        EntityKind::Other => None,
    }
}

/// The spans a prediction may match with: its name, and its title and name
/// together when the title comes first.
fn prediction_spans(mention: &Mention) -> [(usize, usize); 2] {
    let name = (mention.span.start as usize, mention.span.end as usize);
    let with_title = mention
        .title_span
        .filter(|title| title.start < mention.span.start)
        .map_or(name, |title| {
            (title.start as usize, mention.span.end as usize)
        });
    [name, with_title]
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// One-to-one matching of gold names to predictions: of all matching
/// pairs, those sharing most bytes are taken first (gold order breaks ties).
/// A gold name overlaps few predictions, so the pairs are few.
fn match_greedy(
    gold: &[&GoldName],
    predictions: &[&Mention],
    matches: impl Fn(&GoldName, &Mention) -> bool,
) -> Vec<Option<usize>> {
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (gold_index, name) in gold.iter().enumerate() {
        for (prediction_index, mention) in predictions.iter().enumerate() {
            if !matches(name, mention) {
                continue;
            }
            let span = prediction_spans(mention)[1];
            let shared = span.1.min(name.end).saturating_sub(span.0.max(name.start));
            pairs.push((shared, gold_index, prediction_index));
        }
    }
    pairs.sort_by_key(|(shared, gold_index, prediction_index)| {
        (std::cmp::Reverse(*shared), *gold_index, *prediction_index)
    });
    let mut used = vec![false; predictions.len()];
    let mut matched: Vec<Option<usize>> = vec![None; gold.len()];
    for (_, gold_index, prediction_index) in pairs {
        let free =
            used.get(prediction_index) == Some(&false) && matched.get(gold_index) == Some(&None);
        if free {
            if let Some(slot) = used.get_mut(prediction_index) {
                *slot = true;
            }
            if let Some(slot) = matched.get_mut(gold_index) {
                *slot = Some(prediction_index);
            }
        }
    }
    matched
}

fn score_document(
    document: &GumDocument,
    gold: &[GoldName],
    mentions: &[Mention],
    totals: &mut Totals,
    dump: &mut String,
) {
    let text = &document.text;
    let targets: Vec<&GoldName> = gold.iter().filter(|name| name.kind().is_some()).collect();
    let others: Vec<&GoldName> = gold.iter().filter(|name| name.kind().is_none()).collect();
    let predictions: Vec<&Mention> = mentions
        .iter()
        .filter(|mention| mention.form != MentionForm::Descriptive)
        .collect();
    totals.gold_names += targets.len();
    let exact = match_greedy(&targets, &predictions, |name, mention| {
        prediction_spans(mention)
            .iter()
            .any(|span| span.0 == name.start && span.1 == name.end)
    });
    let overlap = match_greedy(&targets, &predictions, |name, mention| {
        overlaps(prediction_spans(mention)[1], (name.start, name.end))
    });
    // Predictions that match nothing, less those excused as names of other
    // types.
    let unmatched_predictions = |matched: &[Option<usize>]| -> (f64, usize) {
        let mut false_positives = 0.0;
        let mut excused = 0;
        for (index, mention) in predictions.iter().enumerate() {
            if matched.contains(&Some(index)) {
                continue;
            }
            let span = prediction_spans(mention)[1];
            let touches_target = targets
                .iter()
                .any(|name| overlaps(span, (name.start, name.end)));
            let touches_other = others
                .iter()
                .any(|name| overlaps(span, (name.start, name.end)));
            if touches_other && !touches_target {
                excused += 1;
            } else {
                false_positives += 1.0;
            }
        }
        (false_positives, excused)
    };
    for (matched, counts) in [(&exact, &mut totals.exact), (&overlap, &mut totals.overlap)] {
        let true_positives = matched.iter().filter(|found| found.is_some()).count() as f64;
        let (false_positives, _) = unmatched_predictions(matched);
        counts.add(Counts {
            true_positives,
            false_positives,
            false_negatives: targets.len() as f64 - true_positives,
        });
    }
    totals.excused += unmatched_predictions(&overlap).1;
    let outermost_targets: Vec<&GoldName> = targets
        .iter()
        .copied()
        .filter(|name| {
            !gold.iter().any(|outer| {
                outer.start <= name.start
                    && name.end <= outer.end
                    && (outer.start, outer.end) != (name.start, name.end)
            })
        })
        .collect();
    let outermost = match_greedy(&outermost_targets, &predictions, |name, mention| {
        overlaps(prediction_spans(mention)[1], (name.start, name.end))
    });
    let outermost_found = outermost.iter().filter(|found| found.is_some()).count() as f64;
    let (outermost_false_positives, _) = unmatched_predictions(&outermost);
    totals.outermost.add(Counts {
        true_positives: outermost_found,
        false_positives: outermost_false_positives,
        false_negatives: outermost_targets.len() as f64 - outermost_found,
    });
    // Typing, on overlap matches.
    for (name, found) in targets.iter().zip(&overlap) {
        let (Some(gold_kind), Some(index)) = (name.kind(), found) else {
            continue;
        };
        let Some(position) = kind_position(gold_kind) else {
            continue;
        };
        if let (Some(seen), Some(right)) = (
            totals.kind_seen.get_mut(position),
            totals.kind_right.get_mut(position),
        ) {
            *seen += 1.0;
            if predictions
                .get(*index)
                .is_some_and(|mention| mention.kind == gold_kind)
            {
                *right += 1.0;
            }
        }
    }
    // Typed detection per kind: overlap and same kind.
    for kind in [
        EntityKind::Person,
        EntityKind::Organisation,
        EntityKind::Place,
    ] {
        let Some(position) = kind_position(kind) else {
            continue;
        };
        let kind_gold: Vec<&GoldName> = targets
            .iter()
            .copied()
            .filter(|name| name.kind() == Some(kind))
            .collect();
        let kind_predictions: Vec<&Mention> = predictions
            .iter()
            .copied()
            .filter(|mention| mention.kind == kind)
            .collect();
        let matched = match_greedy(&kind_gold, &kind_predictions, |name, mention| {
            overlaps(prediction_spans(mention)[1], (name.start, name.end))
        });
        let true_positives = matched.iter().filter(|found| found.is_some()).count() as f64;
        let mut false_positives = 0.0;
        for (index, mention) in kind_predictions.iter().enumerate() {
            if matched.contains(&Some(index)) {
                continue;
            }
            let span = prediction_spans(mention)[1];
            let excused = others
                .iter()
                .any(|name| overlaps(span, (name.start, name.end)))
                && !targets
                    .iter()
                    .any(|name| overlaps(span, (name.start, name.end)));
            if !excused {
                false_positives += 1.0;
            }
        }
        if let Some(counts) = totals.typed.get_mut(position) {
            counts.add(Counts {
                true_positives,
                false_positives,
                false_negatives: kind_gold.len() as f64 - true_positives,
            });
        }
    }
    // Errors, for inspection.
    let slice = |start: usize, end: usize| text.get(start..end).unwrap_or("");
    let context = |start: usize, end: usize| {
        let mut from = start.saturating_sub(50);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (end + 50).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        text.get(from..to).unwrap_or("").replace('\n', " / ")
    };
    for (name, found) in targets.iter().zip(&exact) {
        if found.is_none() {
            let _ = writeln!(
                dump,
                "{}\tMISS\t{}\t{}\t{}",
                document.name,
                name.etype,
                slice(name.start, name.end),
                context(name.start, name.end)
            );
        }
    }
    for (index, mention) in predictions.iter().enumerate() {
        if !exact.contains(&Some(index)) {
            let span = prediction_spans(mention)[1];
            let _ = writeln!(
                dump,
                "{}\tEXTRA\t{}\t{}\t{}",
                document.name,
                mention.kind.as_str(),
                slice(span.0, span.1),
                context(span.0, span.1)
            );
        }
    }
    for (name, found) in targets.iter().zip(&overlap) {
        if let Some(mention) = found.and_then(|index| predictions.get(index)) {
            if Some(mention.kind) != name.kind() {
                let _ = writeln!(
                    dump,
                    "{}\tKIND\t{}->{}\t{}\t{}",
                    document.name,
                    name.etype,
                    mention.kind.as_str(),
                    slice(name.start, name.end),
                    context(name.start, name.end)
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = GUM_news_sample\n\
# newpar\n\
# newpar_block = head (1 s)\n\
1\tTalks\ttalk\tNOUN\tNNS\t_\t0\troot\t_\t_\n\
\n\
# newpar\n\
# newpar_block = p (1 s)\n\
1\tThe\tthe\tDET\tDT\t_\t3\tdet\t_\tEntity=(1-organization-new-x-cf1-2-coref-UN\n\
2\tUnited\tUnited\tPROPN\tNNP\t_\t3\tcompound\t_\t_\n\
3\tNations\tNations\tPROPN\tNNPS\t_\t5\tnsubj\t_\tEntity=1)\n\
4\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n\
5\tPresident\tPresident\tPROPN\tNNP\t_\t6\tcompound\t_\tEntity=(2-person-new-x-cf2-1-coref-Ann_Lee\n\
6\tLee\tLee\tPROPN\tNNP\t_\t4\tobj\t_\tEntity=2)|SpaceAfter=No\n\
7\t's\t's\tPART\tPOS\t_\t6\tcase\t_\t_\n\
8\tteam\tteam\tNOUN\tNN\t_\t4\tobj\t_\tEntity=(3-organization-new-x-cf3-1-sgl)|SpaceAfter=No\n\
9\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n";

    #[test]
    fn rebuilds_text_blocks_and_gold_names() {
        let document = parse_document("sample", SAMPLE);
        assert_eq!(
            document.text,
            "Talks\nThe United Nations said President Lee's team."
        );
        assert_eq!(document.blocks.len(), 2);
        assert_eq!(document.blocks[0].kind, BlockKind::Heading);
        assert_eq!(document.blocks[1].kind, BlockKind::Body);
        let gold = gold_names(&document);
        let spans: Vec<(&str, &str)> = gold
            .iter()
            .map(|name| (name.etype.as_str(), &document.text[name.start..name.end]))
            .collect();
        // "team" has a NOUN head: not a name.
        assert_eq!(
            spans,
            [
                ("organization", "United Nations"),
                ("person", "President Lee")
            ]
        );
    }

    #[test]
    fn nested_mentions_are_read_outermost_first() {
        let tokens: Vec<GumToken> = ["(1-place-x(2-person-y)", "1)"]
            .iter()
            .map(|entity| GumToken {
                form: "X".into(),
                upos: "PROPN".into(),
                head: 0,
                deprel: "root".into(),
                misc: format!("Entity={entity}"),
                start: 0,
                end: 1,
            })
            .collect();
        let mentions = sentence_mentions(&tokens);
        assert_eq!(
            mentions,
            [
                (0, 1, "place".to_string(), "1".to_string()),
                (0, 0, "person".to_string(), "2".to_string())
            ]
        );
    }

    #[test]
    fn a_missing_data_folder_is_a_clear_error() {
        let error = run(Path::new("/nonexistent/data")).err();
        let message = error.map(|error| format!("{error:#}")).unwrap_or_default();
        assert!(message.contains("GUM data not found"), "{message}");
    }
}
