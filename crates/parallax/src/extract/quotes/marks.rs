//! Quotation spans from quotation marks and dashes, paragraph by paragraph.
//!
//! Marks are paired with a stack: double marks of every style (“ ” " „ « »
//! and the Scandinavian ” ”, » «), single marks (‘ ’ and straight ')
//! nested inside them or, when they pair up, on their own. An apostrophe
//! between letters is never a mark. A quotation left open at the end of a
//! paragraph continues when the next paragraph opens with a quotation mark
//! (the newspaper convention for quotes of several paragraphs); otherwise it
//! is kept only when it opened its paragraph or followed a colon.
//!
//! Dash quotations (the convention of translated press copy) are paragraphs
//! that open with a dash: `— QUOTE — CUE. — QUOTE`. The dashes inside such a
//! paragraph cut it into quoted parts and the cue between them; a dash that is
//! not followed by a reporting cue stays inside the quoted text.

use super::cues::starts_with_cue;
use super::lexer::is_dash_char;
use std::ops::Range;

/// How a quotation is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Double marks: “ ” " „ « ».
    Double,
    /// Single marks on their own: ‘ ’ or '.
    Single,
    /// A paragraph opening with a dash.
    Dash,
}

/// A quotation found by its marks, before its speaker is looked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawQuote {
    /// Byte offset of the opening mark (or dash).
    pub open: usize,
    /// The quoted text without its marks or surrounding white space.
    pub content: Range<usize>,
    /// Byte offset just after the closing mark; the content's end when the
    /// quotation was not closed.
    pub close_end: usize,
    /// Paragraph (index into the body paragraphs) of the opening mark and of
    /// the end.
    pub first_paragraph: usize,
    pub last_paragraph: usize,
    /// For quotations over several paragraphs: the content of each
    /// paragraph, in order.
    pub pieces: Vec<Range<usize>>,
    pub style: Style,
    pub closed: bool,
    /// A speaker's label that opens the quoted text of a transcript
    /// (`"MODERATOR: …`), kept out of the content.
    pub label: Option<Range<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkFamily {
    /// “ ” and " : English double marks.
    Curly,
    Straight,
    /// „ closed by “ (German) or ”.
    Low,
    /// « » or » «.
    Guillemet,
    /// ” ” used both ways (Swedish, Finnish).
    SameRight,
    CurlySingle,
    StraightSingle,
}

impl MarkFamily {
    fn is_single(self) -> bool {
        matches!(self, MarkFamily::CurlySingle | MarkFamily::StraightSingle)
    }
}

#[derive(Debug, Clone, Copy)]
struct OpenMark {
    family: MarkFamily,
    /// For guillemets: the closing character expected.
    closer: char,
    position: usize,
    /// Position right after the mark.
    after: usize,
}

/// A quotation still open when its paragraph ended, carried to the next.
#[derive(Debug, Clone)]
struct Pending {
    open: usize,
    first_paragraph: usize,
    pieces: Vec<Range<usize>>,
    mark: OpenMark,
    /// True when the opening mark started its paragraph or followed a colon.
    opens_block: bool,
}

/// Finds the quotations of the body paragraphs `paragraphs` (byte ranges of
/// `text`, in order).
pub fn find_raw_quotes(text: &str, paragraphs: &[Range<usize>]) -> Vec<RawQuote> {
    let mut quotes = Vec::new();
    let mut pending: Option<Pending> = None;
    for (paragraph_index, paragraph) in paragraphs.iter().enumerate() {
        let Some(paragraph_text) = text.get(paragraph.clone()) else {
            continue;
        };
        let leading = paragraph_text.len() - paragraph_text.trim_start().len();
        let first_char = paragraph_text.trim_start().chars().next();
        let first_position = paragraph.start + leading;

        // A quotation carried from the previous paragraph continues only
        // when this one opens with a quotation mark.
        let mut carried = None;
        if let Some(previous) = pending.take() {
            let reopens =
                first_char.is_some_and(|character| opens_like(character, previous.mark.family));
            if reopens {
                carried = Some(previous);
            } else {
                finish_unclosed(
                    text,
                    previous,
                    paragraph_index.saturating_sub(1),
                    &mut quotes,
                );
            }
        }

        if carried.is_none() && first_char.is_some_and(is_dash_char) {
            dash_quotes(text, paragraph.clone(), paragraph_index, &mut quotes);
            continue;
        }
        if carried.is_none()
            && paragraph_text.trim_start().starts_with("- ")
            && dash_paragraph_has_cue(text, paragraph.clone())
        {
            dash_quotes(text, paragraph.clone(), paragraph_index, &mut quotes);
            continue;
        }

        pending = scan_paragraph(
            text,
            paragraph.clone(),
            paragraph_index,
            first_position,
            carried,
            &mut quotes,
        );
    }
    if let Some(previous) = pending {
        finish_unclosed(
            text,
            previous,
            paragraphs.len().saturating_sub(1),
            &mut quotes,
        );
    }
    quotes.sort_by_key(|quote| quote.open);
    split_at_labels(text, quotes)
}

/// The speaker's label that opens a quoted paragraph of a transcript: one
/// to three words in capitals and a colon (`WALLACE: …`, `MS. ROE: …`).
/// Returns the label's range and where the text after it starts.
fn transcript_label(text: &str, piece: &Range<usize>) -> Option<(Range<usize>, usize)> {
    let piece_text = text.get(piece.clone())?;
    let colon = piece_text.get(..piece_text.len().min(40))?.find(':')?;
    let label = piece_text.get(..colon)?.trim_end();
    let words: Vec<&str> = label.split_whitespace().collect();
    let letters = label
        .chars()
        .filter(|character| character.is_alphabetic())
        .count();
    let capitals = label
        .chars()
        .all(|character| character.is_uppercase() || !character.is_alphabetic())
        && label.chars().all(|character| {
            character.is_alphabetic()
                || character.is_whitespace()
                || matches!(character, '.' | '\'' | '’' | '-')
        });
    if words.is_empty() || words.len() > 3 || letters < 2 || !capitals {
        return None;
    }
    let rest = piece_text.get(colon + 1..)?;
    let content_start = piece.start + colon + 1 + (rest.len() - rest.trim_start().len());
    Some((piece.start..piece.start + label.len(), content_start))
}

/// Splits quotations whose paragraphs open with transcript labels: each
/// label starts a quotation of its own, with the label kept aside.
fn split_at_labels(text: &str, quotes: Vec<RawQuote>) -> Vec<RawQuote> {
    let mut out = Vec::with_capacity(quotes.len());
    for quote in quotes {
        let has_label = quote
            .pieces
            .iter()
            .any(|piece| transcript_label(text, piece).is_some());
        if !has_label || quote.style == Style::Dash {
            out.push(quote);
            continue;
        }
        let piece_count = quote.pieces.len();
        let mut current: Option<RawQuote> = None;
        for (piece_index, piece) in quote.pieces.iter().enumerate() {
            let paragraph = quote.first_paragraph + piece_index;
            let is_last = piece_index + 1 == piece_count;
            let close_end = if is_last { quote.close_end } else { piece.end };
            let closed = is_last && quote.closed;
            let labelled = transcript_label(text, piece);
            match (labelled, current.as_mut()) {
                (None, Some(open_quote)) => {
                    open_quote.pieces.push(piece.clone());
                    open_quote.content.end = piece.end;
                    open_quote.close_end = close_end;
                    open_quote.last_paragraph = paragraph;
                    open_quote.closed = closed;
                }
                (labelled, _) => {
                    if let Some(finished) = current.take() {
                        out.push(finished);
                    }
                    let (label, content_start) = match labelled {
                        Some((label, content_start)) => (Some(label), content_start.min(piece.end)),
                        None => (None, piece.start),
                    };
                    // The mark that opens this paragraph's part.
                    let open = if piece_index == 0 {
                        quote.open
                    } else {
                        text.get(..piece.start)
                            .and_then(|before| before.trim_end().char_indices().next_back())
                            .map_or(piece.start, |(offset, _)| offset)
                    };
                    current = Some(RawQuote {
                        open,
                        content: content_start..piece.end,
                        close_end,
                        first_paragraph: paragraph,
                        last_paragraph: paragraph,
                        pieces: std::iter::once(content_start..piece.end).collect(),
                        style: quote.style,
                        closed,
                        label,
                    });
                }
            }
        }
        if let Some(finished) = current {
            out.push(finished);
        }
    }
    out
}

fn opens_like(character: char, family: MarkFamily) -> bool {
    match family {
        // A quotation is reopened by its own kind of mark.
        MarkFamily::Curly => character == '“',
        MarkFamily::Straight => character == '"',
        MarkFamily::Low => matches!(character, '„' | '“'),
        MarkFamily::Guillemet => matches!(character, '«' | '»'),
        MarkFamily::SameRight => character == '”',
        MarkFamily::CurlySingle => character == '‘',
        MarkFamily::StraightSingle => character == '\'',
    }
}

/// Pairs the marks of one paragraph; returns the quotation left open at its
/// end, if any.
fn scan_paragraph(
    text: &str,
    paragraph: Range<usize>,
    paragraph_index: usize,
    first_position: usize,
    carried: Option<Pending>,
    quotes: &mut Vec<RawQuote>,
) -> Option<Pending> {
    let paragraph_text = text.get(paragraph.clone())?;
    let mut stack: Vec<OpenMark> = Vec::new();
    let mut outer: Option<Pending> = None;
    let mut skip_reopening = false;
    if let Some(previous) = carried {
        skip_reopening = true;
        outer = Some(previous);
    }

    let mut previous_char: Option<char> = None;
    let mut characters = paragraph_text.char_indices().peekable();
    while let Some((offset, mut character)) = characters.next() {
        let position = paragraph.start + offset;
        let mut after = position + character.len_utf8();
        // Two apostrophes stand for a straight double mark ('' … '').
        if character == '\'' && characters.peek().is_some_and(|&(_, next)| next == '\'') {
            characters.next();
            character = '"';
            after += 1;
        }
        let next_char = characters.peek().map(|&(_, next)| next);
        let current_previous = previous_char;
        previous_char = Some(character);
        if !super::lexer::is_quote_char(character) {
            continue;
        }
        if skip_reopening && position == first_position {
            // The reopening mark of a continued quotation: the stack's
            // outer level is the carried quotation.
            if let Some(previous) = outer.as_mut() {
                previous.mark.after = after;
                stack.push(previous.mark);
            }
            skip_reopening = false;
            continue;
        }
        let before_is_word = current_previous.is_some_and(is_word_char);
        let after_is_word = next_char.is_some_and(is_word_char);
        let before_opens = current_previous.is_none_or(|before| {
            before.is_whitespace() || matches!(before, '(' | '[' | '—' | '–' | '-' | '/' | ':')
        }) || current_previous.is_some_and(super::lexer::is_quote_char);
        let after_closes = next_char.is_none_or(|next| {
            next.is_whitespace()
                || matches!(
                    next,
                    ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '—' | '–' | '-' | '…'
                )
        }) || next_char.is_some_and(super::lexer::is_quote_char);

        let action = classify(
            character,
            &stack,
            before_is_word,
            after_is_word,
            before_opens,
            after_closes,
        );
        match action {
            Action::Open(family, closer) => stack.push(OpenMark {
                family,
                closer,
                position,
                after,
            }),
            Action::Close(depth) => {
                // Close the level at `depth` and everything nested in it.
                let Some(closed_mark) = stack.get(depth).copied() else {
                    continue;
                };
                stack.truncate(depth);
                if depth != 0 {
                    continue;
                }
                let content = trim_range(text, closed_mark.after..position);
                if let Some(mut previous) = outer.take() {
                    previous.pieces.push(content);
                    push_quote(
                        text,
                        previous.open,
                        previous.pieces,
                        after,
                        previous.first_paragraph,
                        paragraph_index,
                        style_of(previous.mark.family),
                        true,
                        quotes,
                    );
                } else {
                    push_quote(
                        text,
                        closed_mark.position,
                        vec![content],
                        after,
                        paragraph_index,
                        paragraph_index,
                        style_of(closed_mark.family),
                        true,
                        quotes,
                    );
                }
            }
            Action::Ignore => {}
        }
    }

    // Whatever is still open at the paragraph end.
    let outermost = stack.first().copied()?;
    if outermost.family.is_single() {
        // An unpaired single mark is an apostrophe or a stray: drop it.
        return None;
    }
    let content = trim_range(text, outermost.after..paragraph.end);
    if let Some(mut previous) = outer {
        previous.pieces.push(content);
        previous.mark = outermost;
        return Some(previous);
    }
    let before = text
        .get(paragraph.start..outermost.position)
        .unwrap_or("")
        .trim_end();
    let opens_block = before.is_empty() || before.ends_with(':');
    Some(Pending {
        open: outermost.position,
        first_paragraph: paragraph_index,
        pieces: vec![content],
        mark: outermost,
        opens_block,
    })
}

fn style_of(family: MarkFamily) -> Style {
    if family.is_single() {
        Style::Single
    } else {
        Style::Double
    }
}

#[allow(clippy::too_many_arguments)]
fn push_quote(
    text: &str,
    open: usize,
    pieces: Vec<Range<usize>>,
    close_end: usize,
    first_paragraph: usize,
    last_paragraph: usize,
    style: Style,
    closed: bool,
    quotes: &mut Vec<RawQuote>,
) {
    let pieces: Vec<Range<usize>> = pieces
        .into_iter()
        .filter(|piece| piece.start < piece.end)
        .collect();
    let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
        return;
    };
    let content = first.start..last.end;
    // A quotation holds letters; a single-marked one at least two (not
    // the 'n' of "rock 'n' roll").
    let letters = text.get(content.clone()).map_or(0, |quoted| {
        quoted
            .chars()
            .filter(|character| character.is_alphanumeric())
            .take(2)
            .count()
    });
    if letters == 0 || (style == Style::Single && letters < 2) {
        return;
    }
    quotes.push(RawQuote {
        open,
        content,
        close_end: close_end.max(last.end),
        first_paragraph,
        last_paragraph,
        pieces,
        style,
        closed,
        label: None,
    });
}

fn finish_unclosed(
    text: &str,
    previous: Pending,
    last_paragraph: usize,
    quotes: &mut Vec<RawQuote>,
) {
    // A quotation never closed is kept when it opened a paragraph (or
    // followed a colon), or when it already ran over several paragraphs.
    if !previous.opens_block && previous.pieces.len() < 2 {
        return;
    }
    let close_end = previous
        .pieces
        .last()
        .map_or(previous.open, |piece| piece.end);
    let style = style_of(previous.mark.family);
    push_quote(
        text,
        previous.open,
        previous.pieces,
        close_end,
        previous.first_paragraph,
        last_paragraph,
        style,
        false,
        quotes,
    );
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Open(MarkFamily, char),
    /// Close the stack level at this depth.
    Close(usize),
    Ignore,
}

fn is_word_char(character: char) -> bool {
    character.is_alphanumeric()
}

/// Depth of the innermost open mark of `family` (or a family accepted as
/// its closer).
fn find_open(stack: &[OpenMark], accepts: impl Fn(&OpenMark) -> bool) -> Option<usize> {
    stack.iter().rposition(accepts)
}

fn classify(
    character: char,
    stack: &[OpenMark],
    before_is_word: bool,
    after_is_word: bool,
    before_opens: bool,
    after_closes: bool,
) -> Action {
    match character {
        '“' => {
            if let Some(depth) = find_open(stack, |mark| mark.family == MarkFamily::Low) {
                if !after_is_word
                    || before_is_word
                    || stack
                        .last()
                        .is_some_and(|mark| mark.family == MarkFamily::Low)
                {
                    return Action::Close(depth);
                }
            }
            Action::Open(MarkFamily::Curly, '”')
        }
        '„' | '‟' => Action::Open(MarkFamily::Low, '“'),
        '”' => {
            if let Some(depth) = find_open(stack, |mark| {
                matches!(
                    mark.family,
                    MarkFamily::Curly
                        | MarkFamily::Low
                        | MarkFamily::SameRight
                        | MarkFamily::Straight
                )
            }) {
                return Action::Close(depth);
            }
            if before_opens && after_is_word {
                return Action::Open(MarkFamily::SameRight, '”');
            }
            Action::Ignore
        }
        '«' => {
            if let Some(depth) = find_open(stack, |mark| {
                mark.family == MarkFamily::Guillemet && mark.closer == '«'
            }) {
                return Action::Close(depth);
            }
            Action::Open(MarkFamily::Guillemet, '»')
        }
        '»' => {
            if let Some(depth) = find_open(stack, |mark| {
                mark.family == MarkFamily::Guillemet && mark.closer == '»'
            }) {
                return Action::Close(depth);
            }
            if before_opens && after_is_word {
                return Action::Open(MarkFamily::Guillemet, '«');
            }
            Action::Ignore
        }
        '"' => {
            // Straight marks do not nest in one another: one that is open
            // is closed by the next.
            if let Some(depth) = find_open(stack, |mark| mark.family == MarkFamily::Straight) {
                return Action::Close(depth);
            }
            if before_opens && !after_closes {
                return Action::Open(MarkFamily::Straight, '"');
            }
            if let Some(depth) = find_open(stack, |mark| mark.family == MarkFamily::Curly) {
                if after_closes && !before_opens {
                    return Action::Close(depth);
                }
            }
            if !before_is_word && !after_closes {
                return Action::Open(MarkFamily::Straight, '"');
            }
            Action::Ignore
        }
        '‘' | '‚' | '‛' => {
            if before_is_word && after_is_word {
                return Action::Ignore;
            }
            if character == '‘' && before_opens && (after_is_word || !after_closes) {
                return Action::Open(MarkFamily::CurlySingle, '’');
            }
            if character == '‚' {
                return Action::Open(MarkFamily::CurlySingle, '‘');
            }
            Action::Ignore
        }
        '’' | '\'' => {
            if before_is_word && after_is_word {
                // An apostrophe inside a word.
                return Action::Ignore;
            }
            let family = if character == '’' {
                MarkFamily::CurlySingle
            } else {
                MarkFamily::StraightSingle
            };
            if let Some(depth) = find_open(stack, |mark| mark.family == family) {
                if !before_opens && after_closes {
                    return Action::Close(depth);
                }
            }
            if character == '\'' && before_opens && after_is_word {
                return Action::Open(MarkFamily::StraightSingle, '\'');
            }
            Action::Ignore
        }
        '‹' => Action::Open(MarkFamily::CurlySingle, '›'),
        '›' => match find_open(stack, |mark| {
            mark.family == MarkFamily::CurlySingle && mark.closer == '›'
        }) {
            Some(depth) => Action::Close(depth),
            None => Action::Ignore,
        },
        _ => Action::Ignore,
    }
}

/// `range` without white space at its ends, nor a trailing comma (the
/// writer's punctuation kept inside the marks by American style).
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range.start..range.start;
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    let mut trimmed = slice.trim();
    loop {
        let shorter = trimmed.trim_end_matches([',', ';']).trim_end();
        if shorter.len() == trimmed.len() {
            break;
        }
        trimmed = shorter;
    }
    start..start + trimmed.len()
}

/// True when a paragraph opening with a hyphen carries the dash-cue-dash
/// pattern: a spaced dash followed by a reporting cue.
fn dash_paragraph_has_cue(text: &str, paragraph: Range<usize>) -> bool {
    let Some(paragraph_text) = text.get(paragraph.clone()) else {
        return false;
    };
    let body_start = paragraph_text.len() - paragraph_text.trim_start().len() + 1;
    spaced_dashes(paragraph_text)
        .into_iter()
        .filter(|dash| dash.start > body_start)
        .any(|dash| starts_with_cue(text, paragraph.start + dash.end..paragraph.end))
}

/// Spaced dashes of a paragraph: " — ", " – ", " - ", ", — " (relative
/// byte ranges of the dash itself).
fn spaced_dashes(paragraph_text: &str) -> Vec<Range<usize>> {
    let mut dashes = Vec::new();
    let mut previous: Option<char> = None;
    let mut characters = paragraph_text.char_indices().peekable();
    while let Some((offset, character)) = characters.next() {
        let next = characters.peek().map(|&(_, next)| next);
        let is_dash = is_dash_char(character) || character == '-';
        if is_dash
            && previous.is_some_and(char::is_whitespace)
            && next.is_some_and(char::is_whitespace)
        {
            dashes.push(offset..offset + character.len_utf8());
        }
        previous = Some(character);
    }
    dashes
}

/// Cuts a paragraph opening with a dash into its quoted parts.
fn dash_quotes(
    text: &str,
    paragraph: Range<usize>,
    paragraph_index: usize,
    quotes: &mut Vec<RawQuote>,
) {
    let Some(paragraph_text) = text.get(paragraph.clone()) else {
        return;
    };
    let leading = paragraph_text.len() - paragraph_text.trim_start().len();
    let Some(first_dash) = paragraph_text
        .get(leading..)
        .and_then(|rest| rest.chars().next())
    else {
        return;
    };
    let mut quote_open = paragraph.start + leading;
    let mut quote_start = quote_open + first_dash.len_utf8();
    let dashes = spaced_dashes(paragraph_text);
    let first_open = quote_open;
    let mut dash_iter = dashes
        .iter()
        .map(|dash| paragraph.start + dash.start..paragraph.start + dash.end)
        .filter(move |dash| dash.start > first_open);
    while let Some(dash) = dash_iter.next() {
        if dash.start < quote_start {
            continue;
        }
        if !starts_with_cue(text, dash.end..paragraph.end) {
            continue;
        }
        // The quoted part ends at this dash; the cue runs to the next dash
        // that follows a sentence end, which reopens the quotation.
        let content = trim_range(text, quote_start..dash.start);
        push_quote(
            text,
            quote_open,
            vec![content],
            dash.start,
            paragraph_index,
            paragraph_index,
            Style::Dash,
            true,
            quotes,
        );
        let mut reopened = None;
        for later in dash_iter.by_ref() {
            let before = text.get(dash.end..later.start).unwrap_or("").trim_end();
            if before.ends_with(['.', '!', '?', ',', ':']) {
                reopened = Some(later);
                break;
            }
        }
        let Some(reopening) = reopened else {
            return;
        };
        quote_open = reopening.start;
        quote_start = reopening.end;
    }
    let content = trim_range(text, quote_start..paragraph.end);
    push_quote(
        text,
        quote_open,
        vec![content],
        paragraph.end,
        paragraph_index,
        paragraph_index,
        Style::Dash,
        true,
        quotes,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn paragraphs(text: &str) -> Vec<Range<usize>> {
        let mut ranges = Vec::new();
        let mut start = 0;
        for line in text.split('\n') {
            let end = start + line.len();
            if !line.trim().is_empty() {
                ranges.push(start..end);
            }
            start = end + 1;
        }
        ranges
    }

    fn quoted(text: &str) -> Vec<String> {
        find_raw_quotes(text, &paragraphs(text))
            .iter()
            .map(|quote| {
                quote
                    .pieces
                    .iter()
                    .map(|piece| &text[piece.clone()])
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect()
    }

    #[test]
    fn pairs_marks_of_every_style() {
        assert_eq!(
            quoted("“We are ready,” the mayor said. She added: \"Nothing moves.\""),
            vec!["We are ready", "Nothing moves."]
        );
        assert_eq!(
            quoted("Er sagte: „Wir sind bereit.“ Dann ging er."),
            vec!["Wir sind bereit."]
        );
        assert_eq!(
            quoted("Il a dit : « Nous sommes prêts » hier."),
            vec!["Nous sommes prêts"]
        );
        assert_eq!(quoted("Han sa: »Vi är redo« i går."), vec!["Vi är redo"]);
        assert_eq!(
            quoted("Hän sanoi: ”Olemme valmiita” eilen."),
            vec!["Olemme valmiita"]
        );
        assert_eq!(
            quoted("‘We will wait,’ the coach said."),
            vec!["We will wait"]
        );
    }

    #[test]
    fn nested_single_quotes_and_apostrophes_stay_inside() {
        assert_eq!(
            quoted("“They told me ‘don’t worry’ and left,” she said of the voters’ anger."),
            vec!["They told me ‘don’t worry’ and left"]
        );
        assert_eq!(
            quoted("The ’90s were kind to rock 'n' roll, he said."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn two_apostrophes_are_a_double_mark() {
        assert_eq!(
            quoted("He said, ''We won,'' and left. ''Next year,'' she added."),
            vec!["We won", "Next year"]
        );
    }

    #[test]
    fn straight_marks_open_and_close_by_context() {
        assert_eq!(
            quoted("He called it \"a mistake\" and said \"we move on,\" before leaving. He is 6'2\" tall."),
            vec!["a mistake", "we move on"]
        );
    }

    #[test]
    fn quotation_continues_into_a_paragraph_that_reopens_it() {
        let text = "“The first part runs on.\n“The second part ends here,” she said.\nAfter that, nothing.";
        assert_eq!(
            quoted(text),
            vec!["The first part runs on. | The second part ends here"]
        );
        let quotes = find_raw_quotes(text, &paragraphs(text));
        assert_eq!(
            (quotes[0].first_paragraph, quotes[0].last_paragraph),
            (0, 1)
        );
    }

    #[test]
    fn unclosed_quotation_is_kept_only_when_it_opens_its_paragraph() {
        assert_eq!(
            quoted("“A paragraph that never closes\nNext paragraph."),
            vec!["A paragraph that never closes"]
        );
        assert_eq!(
            quoted("Text with a stray “mark\nNext paragraph."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn transcript_labels_start_quotations_of_their_own() {
        let text = "\"HOST: Welcome back. Our guest is here.\n\"GUEST: Thank you for having me.\n\"It is good to be back.\"";
        let quotes = find_raw_quotes(text, &paragraphs(text));
        let got: Vec<(Option<&str>, String)> = quotes
            .iter()
            .map(|quote| {
                let label = quote.label.clone().map(|label| &text[label]);
                let pieces: Vec<&str> = quote
                    .pieces
                    .iter()
                    .map(|piece| &text[piece.clone()])
                    .collect();
                (label, pieces.join(" | "))
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("HOST"), "Welcome back. Our guest is here.".to_string()),
                (
                    Some("GUEST"),
                    "Thank you for having me. | It is good to be back.".to_string()
                ),
            ]
        );
    }

    #[test]
    fn dash_quotations_are_cut_at_their_cue() {
        let text = "— We have waited long enough — the minister told reporters on Monday. — Of course, the decision is theirs. It is a fair offer.";
        assert_eq!(
            quoted(text),
            vec![
                "We have waited long enough",
                "Of course, the decision is theirs. It is a fair offer."
            ]
        );
        let plain = "— The talks went well, and the rest — all of it — is detail.";
        assert_eq!(
            quoted(plain),
            vec!["The talks went well, and the rest — all of it — is detail."]
        );
        let hyphen = "- We are not leaving, - she said.";
        assert_eq!(quoted(hyphen), vec!["We are not leaving"]);
        assert_eq!(quoted("- See also: another story"), Vec::<String>::new());
    }

    proptest! {
        #[test]
        fn quotes_lie_inside_the_text_in_order(text in "[a-zA-Z ,.\"“”‘’'—\\n:-]{0,120}") {
            let quotes = find_raw_quotes(&text, &paragraphs(&text));
            let mut previous_open = 0;
            for quote in &quotes {
                prop_assert!(quote.open >= previous_open);
                prop_assert!(quote.content.start <= quote.content.end);
                prop_assert!(quote.content.end <= text.len());
                prop_assert!(text.get(quote.content.clone()).is_some());
                prop_assert!(quote.close_end >= quote.content.end && quote.close_end <= text.len());
                previous_open = quote.open;
            }
        }
    }
}
