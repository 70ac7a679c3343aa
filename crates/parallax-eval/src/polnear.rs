//! PolNeAR (dev part; train as a check): quotations, speakers and attributions against gold
//! attributions in brat standoff.
//!
//! Each text of `polnear/data/dev/text/` is read as a plain-text article
//! and run through the pipeline. Its annotation (`attributions/NAME_ANNOTATOR.ann`;
//! when a text has several annotators, the first in name order) gives
//! attributions as `Source`, `Cue` and `Content` spans (character offsets,
//! converted here to byte offsets of the file) linked by `E` relations.
//!
//! Definitions used for the figures:
//! - A gold attribution is a **direct quote** when every piece of its
//!   Content, trimmed of white space and of trailing `.,;:!?`, opens with a
//!   double quotation mark (`"` `“` `«` `„`) and closes with one (`"` `”`
//!   `»` `“`; two apostrophes `''` count as one double mark): the content
//!   is enclosed by quotation marks. It is **mixed**
//!   when its Content holds a double mark without being enclosed (a quoted
//!   fragment inside reported speech), and **indirect** otherwise.
//! - Only attributions whose Content lies in a body block of the ingested
//!   article are scored (the headline line is a heading: not mined).
//! - Content, overlap: some quotation of ours overlaps the gold Content.
//!   Content, ≥90% tokens: the word tokens (letter/digit runs) of our
//!   overlapping quotations cover at least 90% of the gold Content's word
//!   tokens, and at least 90% of ours lie in it. False positives: our
//!   full (non-fragment) quotations that overlap no gold Content at all.
//! - Speaker (of matched direct quotes that have a gold Source): right when
//!   our speaker's span overlaps the gold Source span, or our resolved name
//!   and the gold Source share the surname (the last word of our name
//!   appears in the Source). A gold Source that is a pronoun is judged
//!   against the nearest preceding gold Source that is not a pronoun
//!   (surname shared), or by span overlap with the pronoun itself.
//! - Cue: our cue span overlaps the gold Cue span.
//! - Indirect attributions: our attribution's content span (or one of our
//!   quotations: transcript lines are quoted without marks in the gold)
//!   overlaps the gold Content; an attribution's source is right when its
//!   span overlaps the gold Source.

use crate::{Counts, Report};
use anyhow::{bail, Context};
use parallax::model::{AnalysedArticle, BlockKind};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One gold attribution, spans in bytes of the text.
#[derive(Debug, Clone, Default)]
struct GoldAttribution {
    content: Vec<Range<usize>>,
    cue: Vec<Range<usize>>,
    source: Vec<Range<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GoldKind {
    Direct,
    Mixed,
    Indirect,
}

/// Reads a brat `.ann` file into attributions, converting character
/// offsets with `char_to_byte`.
fn parse_ann(ann: &str, char_to_byte: &[usize]) -> anyhow::Result<Vec<GoldAttribution>> {
    let mut spans: BTreeMap<String, Vec<Range<usize>>> = BTreeMap::new();
    let mut relations: Vec<Vec<(String, String)>> = Vec::new();
    for (line_number, line) in ann.lines().enumerate() {
        let mut columns = line.split('\t');
        let (Some(id), Some(body)) = (columns.next(), columns.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((_, offsets)) = body.split_once(' ') else {
                bail!("line {}: no offsets in {line:?}", line_number + 1);
            };
            let mut ranges = Vec::new();
            for piece in offsets.split(';') {
                let mut numbers = piece.split_whitespace();
                let (Some(start), Some(end)) = (numbers.next(), numbers.next()) else {
                    bail!("line {}: bad offsets {piece:?}", line_number + 1);
                };
                let start: usize = start
                    .parse()
                    .with_context(|| format!("line {}", line_number + 1))?;
                let end: usize = end
                    .parse()
                    .with_context(|| format!("line {}", line_number + 1))?;
                let (Some(&byte_start), Some(&byte_end)) =
                    (char_to_byte.get(start), char_to_byte.get(end))
                else {
                    bail!(
                        "line {}: offsets {start}..{end} beyond the text",
                        line_number + 1
                    );
                };
                ranges.push(byte_start..byte_end);
            }
            spans.insert(id.to_string(), ranges);
        } else if id.starts_with('E') {
            let arguments = body
                .split_whitespace()
                .filter_map(|argument| argument.split_once(':'))
                .map(|(role, target)| (role.to_string(), target.to_string()))
                .collect();
            relations.push(arguments);
        }
    }
    let mut attributions = Vec::new();
    for arguments in relations {
        let mut attribution = GoldAttribution::default();
        for (role, target) in arguments {
            let Some(ranges) = spans.get(&target) else {
                continue;
            };
            if role.starts_with("Content") {
                attribution.content.extend(ranges.iter().cloned());
            } else if role.starts_with("Cue") {
                attribution.cue.extend(ranges.iter().cloned());
            } else if role.starts_with("Source") {
                attribution.source.extend(ranges.iter().cloned());
            }
        }
        if !attribution.content.is_empty() {
            attribution.content.sort_by_key(|range| range.start);
            attributions.push(attribution);
        }
    }
    Ok(attributions)
}

fn is_opening_double(character: char) -> bool {
    matches!(character, '"' | '“' | '«' | '„')
}

fn is_closing_double(character: char) -> bool {
    matches!(character, '"' | '”' | '»' | '“')
}

fn kind_of(text: &str, attribution: &GoldAttribution) -> GoldKind {
    let mut enclosed = true;
    let mut has_mark = false;
    for piece in &attribution.content {
        // Two apostrophes are a double mark in some copy ('' … '').
        let piece_text = text.get(piece.clone()).unwrap_or("").replace("''", "\"");
        if piece_text
            .chars()
            .any(|character| is_opening_double(character) || is_closing_double(character))
        {
            has_mark = true;
        }
        let trimmed = piece_text
            .trim()
            .trim_end_matches(['.', ',', ';', ':', '!', '?'])
            .trim_end();
        let opens = trimmed.chars().next().is_some_and(is_opening_double);
        let closes =
            trimmed.chars().last().is_some_and(is_closing_double) && trimmed.chars().count() > 1;
        if !(opens && closes) {
            enclosed = false;
        }
    }
    if enclosed && has_mark {
        GoldKind::Direct
    } else if has_mark {
        GoldKind::Mixed
    } else {
        GoldKind::Indirect
    }
}

/// Word tokens (letter/digit runs) of `text` inside `range`, as byte starts.
fn word_starts(text: &str, range: &Range<usize>, out: &mut Vec<usize>) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let mut in_word = false;
    for (offset, character) in slice.char_indices() {
        let is_word = character.is_alphanumeric();
        if is_word && !in_word {
            out.push(range.start + offset);
        }
        in_word = is_word;
    }
}

fn overlaps(left: &Range<usize>, right: &Range<usize>) -> bool {
    left.start < right.end && right.start < left.end
}

fn is_pronoun(word: &str) -> bool {
    matches!(
        word.trim().to_lowercase().as_str(),
        "he" | "she" | "they" | "it" | "i" | "we" | "you" | "him" | "her" | "them"
    )
}

fn words_lower(text: &str) -> Vec<String> {
    text.split(|character: char| !character.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// True when our speaker name's last word is one of the words of `gold`.
fn shares_surname(name: &str, gold: &str) -> bool {
    let name_words = words_lower(name);
    let Some(surname) = name_words.last() else {
        return false;
    };
    if is_pronoun(surname) {
        return false;
    }
    words_lower(gold).iter().any(|word| word == surname)
}

struct Tally {
    files: usize,
    gold_direct: usize,
    gold_direct_heading: usize,
    direct_overlap: Counts,
    direct_strict: Counts,
    fragments_unmatched: usize,
    fragments_total: usize,
    speaker_judged: usize,
    speaker_right: usize,
    speaker_pronoun_judged: usize,
    speaker_pronoun_right: usize,
    speaker_gold_with_source: usize,
    cue_judged: usize,
    cue_right: usize,
    mixed: Counts,
    indirect: Counts,
    indirect_source_judged: usize,
    indirect_source_right: usize,
    misses: Vec<String>,
}

/// The `polnear-quotes` suite: the dev part (the rules were tuned on it).
pub fn run_quotes(data_dir: &Path) -> anyhow::Result<Report> {
    run_part(data_dir, "dev", "polnear-quotes")
}

/// The `polnear-quotes-train` suite: the train part, never looked at while
/// writing the rules, as a check that the dev figures hold.
pub fn run_quotes_train(data_dir: &Path) -> anyhow::Result<Report> {
    run_part(data_dir, "train", "polnear-quotes-train")
}

fn run_part(data_dir: &Path, part: &str, suite: &str) -> anyhow::Result<Report> {
    let part_dir = data_dir.join("polnear").join("data").join(part);
    let text_dir = part_dir.join("text");
    let ann_dir = part_dir.join("attributions");
    if !text_dir.is_dir() || !ann_dir.is_dir() {
        bail!(
            "PolNeAR {part} part not found: expected {} and {} (pass --data to the folder holding polnear/)",
            text_dir.display(),
            ann_dir.display()
        );
    }
    // One annotation per text: the first annotator in name order.
    let mut annotations: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&ann_dir)
        .with_context(|| format!("reading {}", ann_dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|extension| extension == "ann"))
        .collect();
    entries.sort();
    for path in entries {
        let Some(stem) = path.file_stem().and_then(|stem| stem.to_str()) else {
            continue;
        };
        let Some((name, _annotator)) = stem.rsplit_once('_') else {
            continue;
        };
        annotations.entry(name.to_string()).or_insert(path);
    }
    if annotations.is_empty() {
        bail!("no .ann files in {}", ann_dir.display());
    }

    let verbose = std::env::var_os("PARALLAX_EVAL_VERBOSE").is_some();
    let mut tally = Tally {
        files: 0,
        gold_direct: 0,
        gold_direct_heading: 0,
        direct_overlap: Counts::default(),
        direct_strict: Counts::default(),
        fragments_unmatched: 0,
        fragments_total: 0,
        speaker_judged: 0,
        speaker_right: 0,
        speaker_pronoun_judged: 0,
        speaker_pronoun_right: 0,
        speaker_gold_with_source: 0,
        cue_judged: 0,
        cue_right: 0,
        mixed: Counts::default(),
        indirect: Counts::default(),
        indirect_source_judged: 0,
        indirect_source_right: 0,
        misses: Vec::new(),
    };
    for (name, ann_path) in &annotations {
        let text_path = text_dir.join(format!("{name}.txt"));
        let bytes = std::fs::read(&text_path)
            .with_context(|| format!("reading {}", text_path.display()))?;
        let ann = std::fs::read_to_string(ann_path)
            .with_context(|| format!("reading {}", ann_path.display()))?;
        let article = parallax::ingest::read_plain_text(name, &bytes, 0)
            .map_err(|error| anyhow::anyhow!("{}: {error}", text_path.display()))?;
        let mut char_to_byte: Vec<usize> = article
            .text
            .char_indices()
            .map(|(offset, _)| offset)
            .collect();
        char_to_byte.push(article.text.len());
        let gold = parse_ann(&ann, &char_to_byte)
            .with_context(|| format!("parsing {}", ann_path.display()))?;
        let analysed = parallax::pipeline::analyse_article(article);
        score_article(name, &analysed, &gold, &mut tally, verbose);
        tally.files += 1;
    }

    let mut report = Report::new(suite);
    report.counts(
        "direct quotes: content, overlap",
        tally.direct_overlap,
        Some(0.9),
    );
    report.counts(
        "direct quotes: content, >=90% tokens",
        tally.direct_strict,
        Some(0.9),
    );
    let ratio = |right: usize, judged: usize| {
        if judged == 0 {
            0.0
        } else {
            right as f64 / judged as f64
        }
    };
    report.value(
        "direct quotes: speaker right (of matched)",
        ratio(tally.speaker_right, tally.speaker_judged),
        Some(0.9),
    );
    report.value(
        "direct quotes: speaker right (of all w/ source)",
        ratio(tally.speaker_right, tally.speaker_gold_with_source),
        None,
    );
    report.value(
        "direct quotes: pronoun sources right",
        ratio(tally.speaker_pronoun_right, tally.speaker_pronoun_judged),
        None,
    );
    report.value(
        "direct quotes: cue span right (of matched)",
        ratio(tally.cue_right, tally.cue_judged),
        None,
    );
    report.counts(
        "mixed (partial) quotes: content, overlap",
        tally.mixed,
        None,
    );
    report.counts(
        "indirect attributions: content, overlap",
        tally.indirect,
        Some(0.6),
    );
    report.value(
        "indirect attributions: source right (of matched)",
        ratio(tally.indirect_source_right, tally.indirect_source_judged),
        None,
    );
    report.note(format!(
        "{} texts, one annotation each; {} gold direct quotes in body text ({} more in headlines, not scored)",
        tally.files, tally.gold_direct, tally.gold_direct_heading
    ));
    report.note(format!(
        "speaker judged on {} matched direct quotes with a gold source ({} of them pronouns); {} of our fragment quotes overlap no gold content (scare quotes, titles: not counted)",
        tally.speaker_judged, tally.speaker_pronoun_judged, tally.fragments_unmatched
    ));
    report.note(
        "direct = every content piece enclosed in double quotation marks; mixed = holds a mark, not enclosed; false positives = our full quotes overlapping no gold content",
    );
    for miss in tally.misses.iter().take(5000) {
        report.note(miss.clone());
    }
    Ok(report)
}

fn score_article(
    name: &str,
    analysed: &AnalysedArticle,
    gold: &[GoldAttribution],
    tally: &mut Tally,
    verbose: bool,
) {
    let text = analysed.article.text.as_str();
    let body: Vec<Range<usize>> = analysed
        .article
        .blocks
        .iter()
        .filter(|block| block.kind == BlockKind::Body)
        .map(|block| block.span.range())
        .collect();
    let in_body = |range: &Range<usize>| body.iter().any(|block| overlaps(block, range));
    let quotes = &analysed.extraction.quotes;
    let attributions = &analysed.extraction.attributions;
    let all_gold_content: Vec<Range<usize>> = gold
        .iter()
        .flat_map(|attribution| attribution.content.iter().cloned())
        .collect();

    // Gold sources in text order, for judging pronouns.
    let mut named_sources: Vec<(usize, String)> = Vec::new();
    for attribution in gold {
        for source in &attribution.source {
            let source_text = text.get(source.clone()).unwrap_or("");
            if !is_pronoun(source_text) {
                named_sources.push((source.start, source_text.to_string()));
            }
        }
    }
    named_sources.sort();

    for attribution in gold {
        let kind = kind_of(text, attribution);
        let Some(first_piece) = attribution.content.first() else {
            continue;
        };
        if !in_body(first_piece) {
            if kind == GoldKind::Direct {
                tally.gold_direct_heading += 1;
            }
            continue;
        }
        let matched: Vec<usize> = quotes
            .iter()
            .enumerate()
            .filter(|(_, quote)| {
                attribution
                    .content
                    .iter()
                    .any(|piece| overlaps(piece, &quote.span.range()))
            })
            .map(|(index, _)| index)
            .collect();
        let content_text = || {
            attribution
                .content
                .iter()
                .map(|piece| text.get(piece.clone()).unwrap_or(""))
                .collect::<Vec<_>>()
                .join(" … ")
        };
        match kind {
            GoldKind::Direct => {
                tally.gold_direct += 1;
                if matched.is_empty() {
                    tally.direct_overlap.false_negatives += 1.0;
                    tally.direct_strict.false_negatives += 1.0;
                    if verbose {
                        tally
                            .misses
                            .push(format!("MISS {name}: {}", clip(&content_text())));
                    }
                    continue;
                }
                tally.direct_overlap.true_positives += 1.0;
                // Token coverage both ways.
                let mut gold_words = Vec::new();
                for piece in &attribution.content {
                    word_starts(text, piece, &mut gold_words);
                }
                let mut our_words = Vec::new();
                for &index in &matched {
                    if let Some(quote) = quotes.get(index) {
                        word_starts(text, &quote.span.range(), &mut our_words);
                    }
                }
                our_words.sort_unstable();
                our_words.dedup();
                let shared = our_words
                    .iter()
                    .filter(|start| gold_words.binary_search(start).is_ok())
                    .count();
                let gold_cover = shared as f64 / gold_words.len().max(1) as f64;
                let our_cover = shared as f64 / our_words.len().max(1) as f64;
                if gold_cover >= 0.9 && our_cover >= 0.9 {
                    tally.direct_strict.true_positives += 1.0;
                } else {
                    tally.direct_strict.false_negatives += 1.0;
                    if verbose {
                        tally.misses.push(format!(
                            "PARTIAL {name} ({gold_cover:.2}/{our_cover:.2}): {} || ours: {}",
                            clip(&content_text()),
                            clip(
                                &matched
                                    .iter()
                                    .filter_map(|&index| quotes.get(index))
                                    .map(|quote| quote.text.as_str())
                                    .collect::<Vec<_>>()
                                    .join(" | ")
                            )
                        ));
                    }
                }
                // Speaker: the quote with the largest overlap.
                let best = matched.iter().copied().max_by_key(|&index| {
                    quotes.get(index).map_or(0, |quote| {
                        attribution
                            .content
                            .iter()
                            .map(|piece| overlap_len(piece, &quote.span.range()))
                            .sum::<usize>()
                    })
                });
                let Some(best_quote) = best.and_then(|index| quotes.get(index)) else {
                    continue;
                };
                if let Some(gold_cue) = attribution.cue.first() {
                    tally.cue_judged += 1;
                    if best_quote.cue_span.is_some_and(|span| {
                        attribution
                            .cue
                            .iter()
                            .any(|cue| overlaps(cue, &span.range()))
                    }) {
                        tally.cue_right += 1;
                    } else if verbose {
                        tally.misses.push(format!(
                            "CUE {name}: gold {:?} ours {:?} in {}",
                            text.get(gold_cue.clone()).unwrap_or(""),
                            best_quote.cue,
                            clip(&best_quote.text)
                        ));
                    }
                }
                let Some(gold_source) = attribution.source.first() else {
                    continue;
                };
                tally.speaker_gold_with_source += 1;
                tally.speaker_judged += 1;
                let source_text = text.get(gold_source.clone()).unwrap_or("");
                let pronoun = is_pronoun(source_text);
                if pronoun {
                    tally.speaker_pronoun_judged += 1;
                }
                let right = best_quote.speaker.as_ref().is_some_and(|speaker| {
                    if attribution
                        .source
                        .iter()
                        .any(|source| overlaps(source, &speaker.span.range()))
                    {
                        return true;
                    }
                    if !pronoun {
                        return shares_surname(&speaker.name, source_text);
                    }
                    let position =
                        named_sources.partition_point(|(start, _)| *start < gold_source.start);
                    position
                        .checked_sub(1)
                        .and_then(|index| named_sources.get(index))
                        .is_some_and(|(_, antecedent)| shares_surname(&speaker.name, antecedent))
                });
                if right {
                    tally.speaker_right += 1;
                    if pronoun {
                        tally.speaker_pronoun_right += 1;
                    }
                } else if verbose {
                    tally.misses.push(format!(
                        "SPEAKER {name}: gold {:?} ours {:?} in {}",
                        source_text,
                        best_quote
                            .speaker
                            .as_ref()
                            .map(|speaker| (speaker.name.as_str(), speaker.via)),
                        clip(&best_quote.text)
                    ));
                }
            }
            GoldKind::Mixed => {
                let attributed = attributions.iter().any(|ours| {
                    attribution
                        .content
                        .iter()
                        .any(|piece| overlaps(piece, &ours.content_span.range()))
                });
                if matched.is_empty() && !attributed {
                    tally.mixed.false_negatives += 1.0;
                } else {
                    tally.mixed.true_positives += 1.0;
                }
            }
            GoldKind::Indirect => {
                let ours: Vec<&parallax::model::Attribution> = attributions
                    .iter()
                    .filter(|ours| {
                        attribution
                            .content
                            .iter()
                            .any(|piece| overlaps(piece, &ours.content_span.range()))
                    })
                    .collect();
                // A quotation of ours covers reported speech the gold marks
                // without quotation marks (a transcript's lines).
                let quoted = !matched.is_empty();
                if ours.is_empty() && !quoted {
                    tally.indirect.false_negatives += 1.0;
                    if verbose {
                        let cue_text = attribution
                            .cue
                            .first()
                            .and_then(|cue| text.get(cue.clone()))
                            .unwrap_or("");
                        tally.misses.push(format!(
                            "INDIRECT {name}: cue {cue_text:?}: {}",
                            clip(&content_text())
                        ));
                    }
                    continue;
                }
                tally.indirect.true_positives += 1.0;
                if !attribution.source.is_empty() && !ours.is_empty() {
                    tally.indirect_source_judged += 1;
                    let right = ours.iter().any(|ours| {
                        attribution
                            .source
                            .iter()
                            .any(|source| overlaps(source, &ours.source_span.range()))
                    });
                    if right {
                        tally.indirect_source_right += 1;
                    }
                }
            }
        }
    }

    // False positives: our full quotes and our attributions that overlap
    // no gold content.
    for quote in quotes {
        let hit = all_gold_content
            .iter()
            .any(|piece| overlaps(piece, &quote.span.range()));
        if quote.fragment {
            tally.fragments_total += 1;
            if !hit {
                tally.fragments_unmatched += 1;
            }
            continue;
        }
        if !hit {
            tally.direct_overlap.false_positives += 1.0;
            tally.direct_strict.false_positives += 1.0;
            if verbose {
                tally
                    .misses
                    .push(format!("EXTRA {name}: {}", clip(&quote.text)));
            }
        }
    }
    for attribution in attributions {
        let hit = all_gold_content
            .iter()
            .any(|piece| overlaps(piece, &attribution.content_span.range()));
        if !hit {
            tally.indirect.false_positives += 1.0;
            if verbose {
                tally.misses.push(format!(
                    "EXTRA-ATTRIBUTION {name}: {:?} {:?}: {}",
                    attribution.source,
                    attribution.cue,
                    clip(text.get(attribution.content_span.range()).unwrap_or(""))
                ));
            }
        }
    }
}

fn overlap_len(left: &Range<usize>, right: &Range<usize>) -> usize {
    left.end
        .min(right.end)
        .saturating_sub(left.start.max(right.start))
}

fn clip(text: &str) -> String {
    let folded: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= 140 {
        return folded;
    }
    let mut clipped: String = folded.chars().take(140).collect();
    clipped.push('…');
    clipped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_brat_and_converts_character_offsets() {
        let text = "“Ça va,” dit-il. Jo said so.";
        let mut char_to_byte: Vec<usize> = text.char_indices().map(|(offset, _)| offset).collect();
        char_to_byte.push(text.len());
        let ann = "T1\tContent 0 8\t“Ça va,”\nT2\tCue 9 12\tdit\nT3\tSource 13 15\til\nE1\tAttribution:T2 Content:T1 Cue:T2 Source:T3\n";
        let gold = parse_ann(ann, &char_to_byte).unwrap_or_default();
        assert_eq!(gold.len(), 1);
        assert_eq!(&text[gold[0].content[0].clone()], "“Ça va,”");
        assert_eq!(&text[gold[0].cue[0].clone()], "dit");
        assert_eq!(&text[gold[0].source[0].clone()], "il");
        assert_eq!(kind_of(text, &gold[0]), GoldKind::Direct);
    }

    #[test]
    fn kinds_of_gold_content() {
        let text = "He said that it was “a mess” today. Plain words here.";
        let mixed = GoldAttribution {
            content: std::iter::once(8..35).collect(),
            ..GoldAttribution::default()
        };
        assert_eq!(kind_of(text, &mixed), GoldKind::Mixed);
        let indirect = GoldAttribution {
            content: std::iter::once(37..text.len()).collect(),
            ..GoldAttribution::default()
        };
        assert_eq!(kind_of(text, &indirect), GoldKind::Indirect);
    }

    #[test]
    fn surnames_and_pronouns() {
        assert!(shares_surname("Jane Roe", "Ms. Roe"));
        assert!(!shares_surname("Jane Roe", "the mayor"));
        assert!(!shares_surname("he", "he"));
        assert!(is_pronoun(" She "));
    }

    #[test]
    fn missing_data_is_a_clear_error() {
        let error = run_quotes(Path::new("/nonexistent-folder"))
            .err()
            .map(|error| error.to_string());
        assert!(error.is_some_and(|message| message.contains("PolNeAR dev part not found")));
    }
}
