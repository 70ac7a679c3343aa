//! Block scoring: which element holds the article, and what every block of
//! the page is.
//!
//! Rules, in order:
//! 1. Teaser articles: when a page has several `<article>` elements, the
//!    one holding the page's headline (else the heaviest) is the story and
//!    the others are other stories' teasers (related links).
//! 2. The container. Each block gets a weight: the length of its text
//!    outside links (less for text that does not read as sentences), less
//!    its link text and a fixed cost per block, so a run of long sentences
//!    weighs much and a menu of short links weighs less than nothing. The
//!    article's container is the element whose blocks weigh most together
//!    (a maximum subtree sum: adding a menu or a comment list lowers it,
//!    adding the rest of a story split by an advertisement raises it),
//!    with a bonus for an element the page calls the body
//!    (`itemprop="articleBody"`, a class such as `article-body`,
//!    `<article>`) and a penalty for one inside furniture. Blocks inside
//!    furniture (comments, share bars, related links) weigh against a
//!    container only when that furniture lies inside it. When nothing
//!    weighs more than zero, the element with the most running text.
//! 3. Every block is classed, first rule that applies: white space only
//!    (padding); hidden text; what the enclosing elements say (navigation,
//!    share bar, related links, comments, footer, cookie notice…, from
//!    `data/html_hints.tsv` and the tag); headings and captions; the
//!    block's whole text (`data/html_line_markers.tsv`: "Advertisement",
//!    "Skip to content") and opening words (the plain-text reader's
//!    table: "Read more", "©", "Photo:"…); place (outside the container:
//!    furniture, judged by link density); inside the container, teasers
//!    and link-dense lines are related links, and the rest is body.
//! 4. The lead: running text just above the container, inside its parent
//!    (a "standfirst" box), is body too.

use super::hints::Hint;
use super::lines::{is_closing_prompt, is_date_line, line_marker};
use super::walk::{ElementInfo, RawBlock, Role, Tag, Walked};
use crate::ingest::boilerplate::{marker_for, MarkerReason};
use crate::model::{BlockKind, BoilerplateReason};
use regex::Regex;
use std::sync::OnceLock;

/// Fixed cost of a block in the container search (characters).
const BLOCK_COST: f64 = 12.0;

/// The weight of one block in the container search, ignoring what the
/// elements around it say.
pub(crate) fn block_weight(block: &RawBlock) -> f64 {
    let chars = block.chars as f64;
    if block.hidden {
        return -0.2 * chars;
    }
    if block.text.trim().is_empty() {
        return -BLOCK_COST;
    }
    match block.role {
        Role::Heading(_) | Role::Caption => return 0.0,
        _ => {}
    }
    let link = block.link_chars as f64;
    if is_teaser(block) {
        return (-link - BLOCK_COST).max(LINKED_BLOCK_FLOOR);
    }
    let own = (chars - link).max(0.0);
    let sentence_like = is_sentence_like(&block.text);
    let own_value = if sentence_like { own } else { 0.3 * own };
    // One long linked block (an embedded post's caption, a teaser) costs
    // no more than a handful of menu entries.
    (own_value - 1.5 * link - BLOCK_COST).max(LINKED_BLOCK_FLOOR)
}

/// The lowest weight of a single block.
const LINKED_BLOCK_FLOOR: f64 = -80.0;

/// A list item or loose block that opens with a linked headline followed by
/// more text: another story's teaser ("Headline. Summary…"), not a
/// paragraph of this one.
fn is_teaser(block: &RawBlock) -> bool {
    matches!(block.role, Role::ListItem | Role::Other)
        && block.leading_link_chars >= 20
        && block.chars > block.leading_link_chars + 20
}

/// The weight of a block inside an element that says it is furniture
/// (share bar, comments, related links).
fn furniture_weight(block: &RawBlock) -> f64 {
    -0.3 * block.chars as f64 - BLOCK_COST
}

/// Reads like running text: ends a sentence, or holds one ending inside.
fn is_sentence_like(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»', ' ']);
    trimmed.ends_with(['.', '!', '?', '…', ':', ';', '。'])
        || (text.len() > 120 && (text.contains(". ") || text.contains(", ")))
}

/// Bonus factor for an element the page calls the body.
fn container_bonus(element: &ElementInfo) -> f64 {
    if element.declared_body {
        return 1.5;
    }
    match (element.hint, element.tag) {
        (Some(Hint::Content), Tag::Article) => 1.35,
        (Some(Hint::Content), _) => 1.25,
        (_, Tag::Article) => 1.2,
        (_, Tag::Main) => 1.1,
        _ => 1.0,
    }
}

/// When a page has several `<article>` elements (a story and teasers of
/// others, or a listing), every one but the heaviest, and not around it,
/// is another story's teaser: its blocks become related-link furniture.
pub(crate) fn mark_teaser_articles(walked: &mut Walked, title: Option<&str>) {
    let mut plain_prefix = Vec::with_capacity(walked.blocks.len() + 1);
    plain_prefix.push(0.0);
    let mut total = 0.0;
    for block in &walked.blocks {
        total += block_weight(block);
        plain_prefix.push(total);
    }
    let weight_of = |element: &ElementInfo| -> f64 {
        match (
            plain_prefix.get(element.first_block),
            plain_prefix.get(element.end_block),
        ) {
            (Some(start), Some(end)) => end - start,
            _ => 0.0,
        }
    };
    let articles: Vec<(usize, f64)> = walked
        .elements
        .iter()
        .enumerate()
        .filter(|(_, element)| element.tag == Tag::Article)
        .map(|(index, element)| (index, weight_of(element)))
        .collect();
    let weighty = articles.iter().filter(|(_, weight)| *weight > 0.0).count();
    if articles.len() < 2 || weighty == 0 {
        return;
    }
    // The story is the article holding the page's headline, else the
    // heaviest.
    // (A page may list its own headline among "top stories" too: an
    // `<h1>` first.)
    let is_headline = |block: &RawBlock, level_one: bool| {
        let level_matches = if level_one {
            block.role == Role::Heading(1)
        } else {
            matches!(block.role, Role::Heading(_))
        };
        level_matches && matches_title(&block.text, title)
    };
    let headline_block = walked
        .blocks
        .iter()
        .position(|block| is_headline(block, true))
        .or_else(|| {
            walked
                .blocks
                .iter()
                .position(|block| is_headline(block, false))
        });
    let holding_headline = headline_block.and_then(|block_index| {
        articles
            .iter()
            .filter(|(index, _)| {
                walked.elements.get(*index).is_some_and(|element| {
                    (element.first_block..element.end_block).contains(&block_index)
                })
            })
            .map(|(index, _)| *index)
            .max()
    });
    let heaviest = articles
        .iter()
        .max_by(|left, right| left.1.total_cmp(&right.1))
        .map(|(index, _)| *index);
    let Some(heaviest) = holding_headline.or(heaviest) else {
        return;
    };
    let teaser_hint = Hint::Boilerplate(BoilerplateReason::SeeAlso);
    for (index, _) in articles {
        let Some(element) = walked.elements.get(index).cloned() else {
            continue;
        };
        let holds_heaviest = index <= heaviest && heaviest < element.end_element;
        if holds_heaviest {
            continue;
        }
        for block in walked
            .blocks
            .get_mut(element.first_block..element.end_block)
            .unwrap_or_default()
        {
            let outside = block
                .furniture
                .is_none_or(|(furniture, _)| furniture < index);
            if outside {
                block.furniture = Some((index, teaser_hint));
            }
        }
        for inner in walked
            .elements
            .get_mut(index + 1..element.end_element)
            .unwrap_or_default()
        {
            inner.within_furniture = true;
        }
    }
}

/// The element (index into `walked.elements`) holding the article: the
/// largest bonus-weighted sum of block weights; `None` when nothing weighs
/// more than zero.
///
/// A block counts as furniture in the sum of a candidate only when the
/// furniture element around it lies inside the candidate: what an
/// element's ancestors say does not count against it (an `<article>`
/// whose class list holds "tag-…" or "comments-open" may still hold the
/// story). With `N` the plain weights and `D(F)` the weight lost to
/// furniture element `F`, a candidate `E` scores
/// `N(blocks of E) − Σ D(F) for F strictly inside E`; both sums are prefix
/// sums, blocks and elements being in page order.
pub(crate) fn find_container(walked: &Walked) -> Option<usize> {
    let mut best: Option<(f64, usize)> = None;
    for (score, index) in container_scores(walked) {
        // `>=`: among wrappers of the same blocks, the innermost (opened
        // last) wins.
        if score > 0.0 && best.is_none_or(|(best_score, _)| score >= best_score) {
            best = Some((score, index));
        }
    }
    best.map(|(_, index)| index)
        .or_else(|| find_container_by_prose(walked))
}

/// When no element weighs more than zero (a picture gallery with a line
/// per picture, a short note above a long list of links): the element
/// with the most running text, counting only blocks that weigh more than
/// zero, preferring one the page calls the body or an `<article>`.
fn find_container_by_prose(walked: &Walked) -> Option<usize> {
    let mut positive_prefix = Vec::with_capacity(walked.blocks.len() + 1);
    positive_prefix.push(0.0);
    let mut total = 0.0;
    for block in &walked.blocks {
        let weight = if block.furniture.is_some() {
            0.0
        } else {
            block_weight(block).max(0.0)
        };
        total += weight;
        positive_prefix.push(total);
    }
    let mut best: Option<(bool, f64, usize)> = None;
    for (index, element) in walked.elements.iter().enumerate() {
        if element.tag == Tag::Paragraph || element.within_furniture {
            continue;
        }
        let (Some(start), Some(end)) = (
            positive_prefix.get(element.first_block),
            positive_prefix.get(element.end_block),
        ) else {
            continue;
        };
        let prose = end - start;
        if prose <= 0.0 {
            continue;
        }
        let declared = element.declared_body
            || element.hint == Some(Hint::Content)
            || element.tag == Tag::Article;
        let candidate = (declared, prose, index);
        let better = match best {
            None => true,
            Some((best_declared, best_prose, _)) => {
                (declared, prose) >= (best_declared, best_prose)
            }
        };
        if better {
            best = Some(candidate);
        }
    }
    best.map(|(_, _, index)| index)
}

/// Every candidate container's score, in element order.
pub(crate) fn container_scores(walked: &Walked) -> Vec<(f64, usize)> {
    let mut scores = Vec::new();
    let mut plain_prefix = Vec::with_capacity(walked.blocks.len() + 1);
    plain_prefix.push(0.0);
    let mut lost_by_element = vec![0.0; walked.elements.len()];
    let mut total = 0.0;
    for block in &walked.blocks {
        let plain = block_weight(block);
        total += plain;
        plain_prefix.push(total);
        if let Some((element_index, hint)) = block.furniture {
            if hint != Hint::Caption && !block.hidden {
                if let Some(lost) = lost_by_element.get_mut(element_index) {
                    *lost += plain - furniture_weight(block);
                }
            }
        }
    }
    let mut lost_prefix = Vec::with_capacity(lost_by_element.len() + 1);
    lost_prefix.push(0.0);
    let mut lost_total = 0.0;
    for lost in &lost_by_element {
        lost_total += lost;
        lost_prefix.push(lost_total);
    }
    for (index, element) in walked.elements.iter().enumerate() {
        if element.end_block <= element.first_block || element.tag == Tag::Paragraph {
            continue;
        }
        let (Some(start), Some(end)) = (
            plain_prefix.get(element.first_block),
            plain_prefix.get(element.end_block),
        ) else {
            continue;
        };
        let (Some(lost_start), Some(lost_end)) = (
            lost_prefix.get(index + 1),
            lost_prefix.get(element.end_element),
        ) else {
            continue;
        };
        let sum = (end - start) - (lost_end - lost_start);
        let mut score = sum * container_bonus(element);
        if element.within_furniture {
            // A comment or a related story's teaser is not the article,
            // however well written.
            score *= 0.25;
        }
        scores.push((score, index));
    }
    scores
}

/// What each block of the page is, in page order.
pub(crate) fn classify_blocks(walked: &mut Walked, title: Option<&str>) -> Vec<BlockKind> {
    mark_teaser_articles(walked, title);
    let walked: &Walked = walked;
    let container = find_container(walked);
    let container_range = container
        .and_then(|index| walked.elements.get(index))
        .map(|element| (element.first_block, element.end_block));
    let mut kinds = Vec::with_capacity(walked.blocks.len());
    for (block_index, block) in walked.blocks.iter().enumerate() {
        let inside =
            container_range.is_some_and(|(start, end)| (start..end).contains(&block_index));
        let furniture = effective_furniture(walked, block, container, container_range);
        kinds.push(classify_block(block, inside, furniture, title));
    }
    if let Some(container_index) = container {
        take_in_the_lead(walked, container_index, &mut kinds);
        drop_closing_prompts(walked, &mut kinds);
    }
    kinds
}

/// Short body lines after the story's last long paragraph that prompt the
/// reader ("Sign up for our newsletter", "Have a tip? …") are promotion.
fn drop_closing_prompts(walked: &Walked, kinds: &mut [BlockKind]) {
    let last_long = walked
        .blocks
        .iter()
        .zip(kinds.iter())
        .rposition(|(block, kind)| *kind == BlockKind::Body && word_count(&block.text) > 40);
    let Some(last_long) = last_long else {
        return;
    };
    let start = last_long + 1;
    for (block, kind) in walked.blocks.iter().zip(kinds.iter_mut()).skip(start) {
        if *kind == BlockKind::Body && is_closing_prompt(&block.text) {
            *kind = BlockKind::Boilerplate(BoilerplateReason::Promotion);
        }
    }
}

/// A story's lead paragraph often stands just above the element holding
/// the rest (a "standfirst" or "lede" box). Blocks between the container's
/// start and the nearest heading or furniture above it, inside the
/// container's parent, that read as running text (a sentence of 80
/// characters or more, little link text, not a list item or caption) are
/// body too.
fn take_in_the_lead(walked: &Walked, container_index: usize, kinds: &mut [BlockKind]) {
    let Some(container) = walked.elements.get(container_index) else {
        return;
    };
    // The parent: the innermost element opened before the container that
    // holds it.
    let parent = walked
        .elements
        .get(..container_index)
        .unwrap_or_default()
        .iter()
        .rev()
        .find(|element| element.end_element > container_index);
    let Some(parent) = parent else {
        return;
    };
    let mut block_index = container.first_block;
    while block_index > parent.first_block {
        block_index -= 1;
        let (Some(block), Some(kind)) =
            (walked.blocks.get(block_index), kinds.get_mut(block_index))
        else {
            break;
        };
        if *kind == BlockKind::Boilerplate(BoilerplateReason::Padding) {
            continue;
        }
        let reads_as_lead = *kind == BlockKind::Boilerplate(BoilerplateReason::LowContent)
            && block.furniture.is_none()
            && !block.hidden
            && !block.in_figure
            && matches!(block.role, Role::Paragraph | Role::Other)
            && block.chars >= 80
            && link_density(block) < 0.2
            && is_sentence_like(&block.text);
        if !reads_as_lead {
            break;
        }
        *kind = BlockKind::Body;
    }
}

/// The block's innermost furniture hint, unless it comes from the container
/// itself, an element around it, or the page's `<html>`/`<body>` (classes
/// that describe the whole page).
fn effective_furniture(
    walked: &Walked,
    block: &RawBlock,
    container: Option<usize>,
    container_range: Option<(usize, usize)>,
) -> Option<Hint> {
    let (element_index, hint) = block.furniture?;
    let element = walked.elements.get(element_index)?;
    if matches!(element.tag, Tag::Html | Tag::Body) {
        return None;
    }
    if let (Some(container_index), Some((start, end))) = (container, container_range) {
        let holds_container = element_index <= container_index
            && element.first_block <= start
            && end <= element.end_block;
        if holds_container {
            return None;
        }
    }
    Some(hint)
}

fn link_density(block: &RawBlock) -> f64 {
    if block.chars == 0 {
        return 0.0;
    }
    block.link_chars as f64 / block.chars as f64
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

fn is_copyright_line(text: &str) -> bool {
    let lowered = text.to_lowercase();
    text.contains('©') || lowered.contains("copyright") || lowered.contains("all rights reserved")
}

/// Same words as the title (ignoring case and punctuation).
fn matches_title(text: &str, title: Option<&str>) -> bool {
    let Some(title) = title else {
        return false;
    };
    let normalise = |value: &str| -> String {
        value
            .chars()
            .filter(|character| character.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let heading = normalise(text);
    let title = normalise(title);
    if heading.is_empty() || title.is_empty() {
        return false;
    }
    // One holds the other, and they are of comparable length (a heading
    // "1." is not the title "17 pictures").
    let (shorter, longer) = if heading.len() <= title.len() {
        (&heading, &title)
    } else {
        (&title, &heading)
    };
    longer.contains(shorter.as_str()) && shorter.len() * 2 >= longer.len()
}

fn classify_block(
    block: &RawBlock,
    inside: bool,
    furniture: Option<Hint>,
    title: Option<&str>,
) -> BlockKind {
    use BoilerplateReason as Reason;
    let text = block.text.as_str();
    if text.trim().is_empty() {
        // No-break spaces and other white space HTML does not collapse.
        return BlockKind::Boilerplate(Reason::Padding);
    }
    if block.hidden {
        return BlockKind::Boilerplate(Reason::LowContent);
    }
    let short = block.chars < 300;
    let is_heading = matches!(block.role, Role::Heading(_));

    if let Some(hint) = furniture {
        match hint {
            Hint::Caption => return caption_kind(text),
            Hint::Header if inside => {
                if is_heading {
                    return BlockKind::Heading;
                }
                return BlockKind::Boilerplate(Reason::Byline);
            }
            Hint::Header if is_heading && matches_title(text, title) => {
                return BlockKind::Heading;
            }
            Hint::Header => return BlockKind::Boilerplate(Reason::Navigation),
            Hint::Footer => {
                let reason = if is_copyright_line(text) {
                    Reason::Legal
                } else {
                    Reason::Navigation
                };
                return BlockKind::Boilerplate(reason);
            }
            Hint::Aside => {
                let reason = if link_density(block) > 0.3 || is_heading {
                    Reason::SeeAlso
                } else {
                    Reason::LowContent
                };
                return BlockKind::Boilerplate(reason);
            }
            Hint::Form => return BlockKind::Boilerplate(Reason::Promotion),
            Hint::Control => return BlockKind::Boilerplate(Reason::Navigation),
            Hint::Boilerplate(Reason::PhotoCredit) if block.in_figure || short => {
                return BlockKind::Boilerplate(Reason::PhotoCredit);
            }
            Hint::Boilerplate(Reason::Byline) if !short => {}
            Hint::Boilerplate(reason) => return BlockKind::Boilerplate(reason),
            Hint::Content => {}
        }
    }

    if is_heading {
        if inside || matches_title(text, title) {
            return BlockKind::Heading;
        }
        if link_density(block) > 0.5 {
            return BlockKind::Boilerplate(Reason::SeeAlso);
        }
        return BlockKind::Boilerplate(Reason::UnrelatedHeadline);
    }
    if block.role == Role::Caption || (block.in_figure && short) {
        return caption_kind(text);
    }
    if short && ends_with_picture_credit(text) {
        return BlockKind::Caption;
    }
    if short {
        if let Some(reason) = line_marker(text) {
            return BlockKind::Boilerplate(reason);
        }
        if is_date_line(text) {
            return BlockKind::Boilerplate(Reason::Byline);
        }
        if let Some(marker) = marker_for(text) {
            return match marker.reason {
                MarkerReason::Boilerplate(reason) => BlockKind::Boilerplate(reason),
                MarkerReason::Caption => BlockKind::Caption,
            };
        }
        if is_copyright_line(text) && word_count(text) <= 30 {
            return BlockKind::Boilerplate(Reason::Legal);
        }
    }
    if !inside {
        if link_density(block) >= 0.5 {
            let reason = if word_count(text) <= 4 {
                Reason::Navigation
            } else {
                Reason::SeeAlso
            };
            return BlockKind::Boilerplate(reason);
        }
        return BlockKind::Boilerplate(Reason::LowContent);
    }
    if is_teaser(block) {
        return BlockKind::Boilerplate(Reason::SeeAlso);
    }
    if link_density(block) > 0.6 && short {
        let reason = if word_count(text) <= 4 {
            Reason::Navigation
        } else {
            Reason::SeeAlso
        };
        return BlockKind::Boilerplate(reason);
    }
    BlockKind::Body
}

/// A line closed by a bracketed picture credit, "(Image: Agency)",
/// "(Photo: Name)": a caption set as a paragraph.
fn ends_with_picture_credit(text: &str) -> bool {
    static CREDIT: OnceLock<Regex> = OnceLock::new();
    let credit = CREDIT.get_or_init(|| {
        Regex::new(r"(?i)[(\[]\s*(?:photos?|photograph|image|picture|pic|credit|video)\s*:[^()\[\]]{1,80}[)\]]\s*$")
            .unwrap_or_else(|error| panic!("picture credit pattern: {error}"))
    });
    word_count(text) <= 40 && credit.is_match(text)
}

fn caption_kind(text: &str) -> BlockKind {
    if let Some(marker) = marker_for(text) {
        if marker.reason == MarkerReason::Boilerplate(BoilerplateReason::PhotoCredit) {
            return BlockKind::Boilerplate(BoilerplateReason::PhotoCredit);
        }
    }
    BlockKind::Caption
}
