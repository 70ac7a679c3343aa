//! One pass over the parsed page: its text as blocks, each with the facts
//! the scoring needs (what element holds it, how much of it is link text,
//! what the enclosing elements say they are), and the page's metadata
//! (meta tags, JSON-LD, `<title>`, `<html lang>`).
//!
//! Text is flattened as a browser lays it out: runs of white space collapse
//! to one space, inline elements join without adding space, block elements
//! start a new block, `<br>` breaks a line and two in a row end a block.
//! Scripts, styles, templates and embedded objects never give text.

use super::hints::{hint_for, names_the_body, Hint};
use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// What kind of element holds a block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Paragraph,
    ListItem,
    Heading(u8),
    Quote,
    Preformatted,
    Cell,
    Caption,
    /// A `<div>`, `<section>` or other container holding text directly.
    Other,
}

/// Elements the scoring treats specially.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    Html,
    Body,
    Article,
    Main,
    /// Paragraphs, list items, headings, quotations, table rows and cells,
    /// captions, and inline elements: text, not containers of an article.
    Paragraph,
    Other,
}

/// An element of the page: which blocks it holds and what it says it is.
#[derive(Debug, Clone)]
pub(crate) struct ElementInfo {
    /// The element in the parsed tree (for explanations).
    pub node: ego_tree::NodeId,
    pub tag: Tag,
    /// Blocks `first_block..end_block` lie inside this element.
    pub first_block: usize,
    pub end_block: usize,
    /// Elements `index + 1..end_element` (of the page's element list) are
    /// this element's descendants.
    pub end_element: usize,
    pub hint: Option<Hint>,
    /// `itemprop="articleBody"` or similar: the page says this is the body.
    pub declared_body: bool,
    /// Some element around this one says it is furniture (comments,
    /// related links, navigation…).
    pub within_furniture: bool,
}

/// A run of the page's text that forms one block.
#[derive(Debug, Clone)]
pub(crate) struct RawBlock {
    pub text: String,
    /// Characters of the text (not bytes).
    pub chars: usize,
    /// Characters of the text that lie inside links.
    pub link_chars: usize,
    /// Non-space characters of the link that opens the block, when it opens
    /// with one (a teaser's headline), else 0.
    pub leading_link_chars: usize,
    pub role: Role,
    /// Index (into the element list) of the innermost recorded element
    /// around the block.
    pub owner: Option<usize>,
    /// Index (into the element list) of the innermost element with a
    /// furniture hint around this block, and the hint.
    pub furniture: Option<(usize, Hint)>,
    /// Inside an element with `hidden`, `display:none` or
    /// `visibility:hidden`.
    pub hidden: bool,
    /// Inside a `<figure>`.
    pub in_figure: bool,
}

/// Metadata gathered on the way.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageFacts {
    pub title_element: Option<String>,
    /// `(name or property, content)` of every `<meta>`, names lower-cased.
    pub metas: Vec<(String, String)>,
    pub canonical: Option<String>,
    pub language: Option<String>,
    pub json_ld: Vec<String>,
    /// Text of links marked `rel="author"`.
    pub author_links: Vec<String>,
    /// `datetime` of `<time>` elements, in page order.
    pub time_values: Vec<String>,
    /// Text of the first `<h1>`.
    pub first_h1: Option<String>,
}

/// The page as blocks, elements and facts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Walked {
    pub blocks: Vec<RawBlock>,
    pub elements: Vec<ElementInfo>,
    pub facts: PageFacts,
}

/// State of one open element during the walk.
#[derive(Debug, Clone, Copy)]
struct Open {
    element: Option<usize>,
    is_block: bool,
    skip: bool,
    role: Option<Role>,
    furniture: Option<(usize, Hint)>,
    hidden: bool,
    in_figure: bool,
    in_link: bool,
    preformatted: bool,
    captures_title: bool,
    captures_json_ld: bool,
    captures_author: bool,
    captures_h1: bool,
}

/// Elements whose content is never text of the page.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "template"
            | "noscript"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "head"
            | "textarea"
            | "datalist"
    )
}

/// Elements that start and end a block of text.
fn is_block_element(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "button"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "option"
            | "p"
            | "pre"
            | "section"
            | "select"
            | "summary"
            | "table"
            | "tbody"
            | "tfoot"
            | "thead"
            | "tr"
            | "ul"
    )
}

fn role_of(name: &str) -> Option<Role> {
    let role = match name {
        "p" => Role::Paragraph,
        "li" | "dd" | "dt" => Role::ListItem,
        "h1" => Role::Heading(1),
        "h2" => Role::Heading(2),
        "h3" => Role::Heading(3),
        "h4" => Role::Heading(4),
        "h5" => Role::Heading(5),
        "h6" => Role::Heading(6),
        "blockquote" => Role::Quote,
        "pre" => Role::Preformatted,
        "tr" => Role::Cell,
        "figcaption" | "caption" => Role::Caption,
        _ => return None,
    };
    Some(role)
}

/// What the element's tag alone says it holds.
fn tag_hint(name: &str) -> Option<Hint> {
    let hint = match name {
        "nav" => Hint::Boilerplate(crate::model::BoilerplateReason::Navigation),
        "aside" => Hint::Aside,
        "footer" => Hint::Footer,
        "header" => Hint::Header,
        "form" => Hint::Form,
        "button" | "select" | "option" | "label" | "menu" | "dialog" => Hint::Control,
        "figcaption" => Hint::Caption,
        _ => return None,
    };
    Some(hint)
}

fn is_hidden_style(style: &str) -> bool {
    let compact: String = style
        .chars()
        .filter(|character| !character.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

/// Text being gathered for the current block.
#[derive(Debug, Default)]
struct Buffer {
    text: String,
    chars: usize,
    link_chars: usize,
    /// Link characters before the first character outside a link.
    leading_link_chars: usize,
    /// Some non-space character outside a link has been seen.
    seen_plain: bool,
    pending_space: bool,
    /// `<br>` seen since the last text.
    line_breaks: u8,
}

impl Buffer {
    fn push_text(&mut self, text: &str, in_link: bool, preformatted: bool) {
        for character in text.chars() {
            if preformatted {
                if character == '\r' {
                    continue;
                }
                if self.text.is_empty() && character.is_ascii_whitespace() {
                    continue;
                }
                self.push_char(character, in_link);
                continue;
            }
            if is_html_space(character) {
                if !self.text.is_empty() {
                    self.pending_space = true;
                }
                continue;
            }
            if self.pending_space && !self.text.ends_with('\n') {
                self.text.push(' ');
                self.chars += 1;
            }
            self.pending_space = false;
            self.push_char(character, in_link);
        }
    }

    fn push_char(&mut self, character: char, in_link: bool) {
        self.text.push(character);
        self.chars += 1;
        if !character.is_whitespace() {
            if in_link {
                self.link_chars += 1;
                if !self.seen_plain {
                    self.leading_link_chars += 1;
                }
            } else {
                self.seen_plain = true;
            }
        }
        self.line_breaks = 0;
    }

    /// A new table cell: a tab after the previous cell's text.
    fn cell_break(&mut self) {
        if self.text.is_empty() || self.text.ends_with(['\t', '\n']) {
            return;
        }
        while self.text.ends_with(' ') {
            self.text.pop();
            self.chars -= 1;
        }
        self.text.push('\t');
        self.chars += 1;
        self.pending_space = false;
    }

    /// A `<br>`: a new line; returns true when this is the second in a row
    /// (a paragraph break).
    fn line_break(&mut self) -> bool {
        if self.text.is_empty() {
            return false;
        }
        self.line_breaks = self.line_breaks.saturating_add(1);
        if self.line_breaks >= 2 {
            return true;
        }
        // Trailing space before the break goes.
        while self.text.ends_with(' ') {
            self.text.pop();
            self.chars -= 1;
        }
        self.text.push('\n');
        self.chars += 1;
        self.pending_space = false;
        false
    }

    fn take(&mut self) -> Option<(String, usize, usize, usize)> {
        let trimmed_end = self.text.trim_end_matches(is_html_space).len();
        let removed = self.text.len() - trimmed_end;
        self.text.truncate(trimmed_end);
        // The removed tail is ASCII white space: one char per byte.
        let chars = self.chars.saturating_sub(removed);
        let link_chars = self.link_chars.min(chars);
        let leading_link_chars = self.leading_link_chars.min(link_chars);
        let text = std::mem::take(&mut self.text);
        self.chars = 0;
        self.link_chars = 0;
        self.leading_link_chars = 0;
        self.seen_plain = false;
        self.pending_space = false;
        self.line_breaks = 0;
        if text.is_empty() {
            return None;
        }
        Some((text, chars, link_chars, leading_link_chars))
    }
}

/// White space as HTML collapses it: space, tab, line feed, form feed,
/// carriage return (not the no-break space, which is text).
fn is_html_space(character: char) -> bool {
    matches!(character, ' ' | '\t' | '\n' | '\u{c}' | '\r')
}

/// Walks the parsed document once.
pub(crate) fn walk(document: &Html) -> Walked {
    let mut walked = Walked::default();
    let mut stack: Vec<Open> = Vec::new();
    let mut buffer = Buffer::default();
    let mut capture = String::new();
    let mut author_capture = String::new();
    let mut h1_capture = String::new();

    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                let parent = stack.last().copied();
                let skipping = parent.is_some_and(|open| open.skip);
                match node.value() {
                    Node::Element(element) => {
                        let name = element.name();
                        let mut open = Open {
                            element: None,
                            is_block: false,
                            skip: skipping,
                            role: parent.and_then(|open| open.role),
                            furniture: parent.and_then(|open| open.furniture),
                            hidden: parent.is_some_and(|open| open.hidden),
                            in_figure: parent.is_some_and(|open| open.in_figure),
                            in_link: parent.is_some_and(|open| open.in_link),
                            preformatted: parent.is_some_and(|open| open.preformatted),
                            captures_title: false,
                            captures_json_ld: false,
                            captures_author: parent.is_some_and(|open| open.captures_author),
                            captures_h1: parent.is_some_and(|open| open.captures_h1),
                        };
                        read_head_facts(name, element, &mut walked.facts, &mut open);
                        if open.captures_title || open.captures_json_ld {
                            capture.clear();
                        }
                        if skipping || is_skipped(name) {
                            open.skip = true;
                            stack.push(open);
                            continue;
                        }
                        if name == "br" {
                            if buffer.line_break() {
                                flush(&mut buffer, &stack, &mut walked);
                            }
                            stack.push(open);
                            continue;
                        }
                        if name == "td" || name == "th" {
                            buffer.cell_break();
                        }
                        let is_block = is_block_element(name);
                        if is_block {
                            flush(&mut buffer, &stack, &mut walked);
                        }
                        let mut class = "";
                        let mut id = "";
                        let mut role_attribute = "";
                        let mut declared_body = false;
                        for (attribute, value) in element.attrs() {
                            match attribute {
                                "class" => class = value,
                                "id" => id = value,
                                "role" => role_attribute = value,
                                "hidden" => open.hidden = true,
                                "style" if is_hidden_style(value) => open.hidden = true,
                                "itemprop" if value.eq_ignore_ascii_case("articleBody") => {
                                    declared_body = true
                                }
                                "rel" if name == "a" && has_word(value, "author") => {
                                    open.captures_author = true;
                                    author_capture.clear();
                                }
                                _ => {}
                            }
                        }
                        let hint = if declared_body {
                            Some(Hint::Content)
                        } else {
                            hint_for(&[class, id, role_attribute]).or_else(|| tag_hint(name))
                        };
                        // "article-body", "storyBody", "entry-content": as
                        // good as `itemprop="articleBody"`.
                        if hint == Some(Hint::Content) && names_the_body(&[class, id]) {
                            declared_body = true;
                        }
                        if name == "a" {
                            open.in_link = true;
                        }
                        if name == "figure" {
                            open.in_figure = true;
                        }
                        if name == "pre" {
                            open.preformatted = true;
                        }
                        if name == "h1" && walked.facts.first_h1.is_none() {
                            open.captures_h1 = true;
                            h1_capture.clear();
                        }
                        if let Some(role) = role_of(name) {
                            open.role = Some(role);
                        } else if is_block {
                            open.role = None;
                        }
                        let tag = match name {
                            "html" => Tag::Html,
                            "body" => Tag::Body,
                            "article" => Tag::Article,
                            "main" => Tag::Main,
                            _ if role_of(name).is_some() => Tag::Paragraph,
                            // An inline element may wrap the body
                            // (`<span itemprop="articleBody">`).
                            _ if !is_block && hint != Some(Hint::Content) => Tag::Paragraph,
                            "td" | "th" => Tag::Paragraph,
                            _ => Tag::Other,
                        };
                        if is_block || hint.is_some() || declared_body {
                            let index = walked.elements.len();
                            walked.elements.push(ElementInfo {
                                node: node.id(),
                                tag,
                                first_block: walked.blocks.len(),
                                end_block: walked.blocks.len(),
                                end_element: index + 1,
                                hint,
                                declared_body,
                                within_furniture: parent
                                    .and_then(|open| open.furniture)
                                    .is_some_and(|(_, found)| found != Hint::Caption),
                            });
                            open.element = Some(index);
                            // Classes of <html> and <body> describe the page.
                            let page_level = matches!(tag, Tag::Html | Tag::Body);
                            if let (Some(found), false) = (hint, page_level) {
                                if found != Hint::Content {
                                    open.furniture = Some((index, found));
                                }
                            }
                        }
                        open.is_block = is_block;
                        stack.push(open);
                    }
                    Node::Text(text) => {
                        let Some(current) = parent else {
                            continue;
                        };
                        if current.captures_title || current.captures_json_ld {
                            capture.push_str(text);
                            continue;
                        }
                        if current.skip {
                            continue;
                        }
                        if current.captures_author {
                            author_capture.push_str(text);
                        }
                        if current.captures_h1 {
                            h1_capture.push_str(text);
                        }
                        buffer.push_text(text, current.in_link, current.preformatted);
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if !node.value().is_element() {
                    continue;
                }
                let Some(open) = stack.pop() else {
                    continue;
                };
                if open.captures_title {
                    let title = collapse_space(&capture);
                    if !title.is_empty() && walked.facts.title_element.is_none() {
                        walked.facts.title_element = Some(title);
                    }
                    capture.clear();
                }
                if open.captures_json_ld {
                    if walked.facts.json_ld.len() < 16 {
                        walked.facts.json_ld.push(std::mem::take(&mut capture));
                    }
                    capture.clear();
                }
                let parent_captures_author = stack.last().is_some_and(|open| open.captures_author);
                if open.captures_author && !parent_captures_author {
                    let author = collapse_space(&author_capture);
                    if !author.is_empty() && walked.facts.author_links.len() < 8 {
                        walked.facts.author_links.push(author);
                    }
                    author_capture.clear();
                }
                let parent_captures_h1 = stack.last().is_some_and(|open| open.captures_h1);
                if open.captures_h1 && !parent_captures_h1 {
                    let heading = collapse_space(&h1_capture);
                    if !heading.is_empty() && walked.facts.first_h1.is_none() {
                        walked.facts.first_h1 = Some(heading);
                    }
                    h1_capture.clear();
                }
                if open.skip {
                    continue;
                }
                if open.is_block {
                    // The block's own text ends with it; `stack` no longer
                    // holds it, so hand it back for the owner.
                    stack.push(open);
                    flush(&mut buffer, &stack, &mut walked);
                    stack.pop();
                }
                if let Some(index) = open.element {
                    let end = walked.blocks.len();
                    let end_element = walked.elements.len();
                    if let Some(info) = walked.elements.get_mut(index) {
                        info.end_block = end;
                        info.end_element = end_element;
                    }
                }
            }
        }
    }
    flush(&mut buffer, &stack, &mut walked);
    walked
}

/// Reads `<meta>`, `<link>`, `<html lang>`, `<time>`, `<title>` and JSON-LD
/// scripts into the facts; marks `open` to capture a title or script text.
fn read_head_facts(
    name: &str,
    element: &scraper::node::Element,
    facts: &mut PageFacts,
    open: &mut Open,
) {
    match name {
        "html" => {
            for (attribute, value) in element.attrs() {
                if (attribute == "lang" || attribute == "xml:lang") && facts.language.is_none() {
                    let value = value.trim();
                    if !value.is_empty() {
                        facts.language = Some(value.to_string());
                    }
                }
            }
        }
        "meta" => {
            let mut key = None;
            let mut content = None;
            for (attribute, value) in element.attrs() {
                match attribute {
                    "name" | "property" | "itemprop" | "http-equiv" if key.is_none() => {
                        key = Some(value.trim().to_ascii_lowercase());
                    }
                    "content" => content = Some(value.trim().to_string()),
                    "charset" => {}
                    _ => {}
                }
            }
            if let (Some(key), Some(content)) = (key, content) {
                if facts.metas.len() < 512 {
                    facts.metas.push((key, content));
                }
            }
        }
        "link" => {
            let mut is_canonical = false;
            let mut href = None;
            for (attribute, value) in element.attrs() {
                match attribute {
                    "rel" => is_canonical = has_word(value, "canonical"),
                    "href" => href = Some(value.trim()),
                    _ => {}
                }
            }
            if let (true, Some(href)) = (is_canonical, href) {
                if facts.canonical.is_none() && !href.is_empty() {
                    facts.canonical = Some(href.to_string());
                }
            }
        }
        "time" => {
            if let Some((_, value)) = element
                .attrs()
                .find(|(attribute, _)| *attribute == "datetime")
            {
                if facts.time_values.len() < 16 {
                    facts.time_values.push(value.trim().to_string());
                }
            }
        }
        "title" if &*element.name.ns == "http://www.w3.org/1999/xhtml" => {
            open.captures_title = true;
        }
        "script" => {
            open.captures_json_ld = element.attrs().any(|(attribute, value)| {
                attribute == "type" && value.trim().eq_ignore_ascii_case("application/ld+json")
            });
        }
        _ => {}
    }
}

fn has_word(value: &str, word: &str) -> bool {
    value
        .split_ascii_whitespace()
        .any(|part| part.eq_ignore_ascii_case(word))
}

pub(crate) fn collapse_space(text: &str) -> String {
    let mut collapsed = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    collapsed
}

/// Ends the current block, if it holds text, as a block of the innermost
/// open element.
fn flush(buffer: &mut Buffer, stack: &[Open], walked: &mut Walked) {
    let Some((text, chars, link_chars, leading_link_chars)) = buffer.take() else {
        return;
    };
    let current = stack.iter().rev().find(|open| !open.skip);
    let role = current.and_then(|open| open.role).unwrap_or(Role::Other);
    let owner = stack.iter().rev().find_map(|open| open.element);
    walked.blocks.push(RawBlock {
        text,
        chars,
        link_chars,
        leading_link_chars,
        role,
        owner,
        furniture: current.and_then(|open| open.furniture),
        hidden: current.is_some_and(|open| open.hidden),
        in_figure: current.is_some_and(|open| open.in_figure),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks_of(html: &str) -> Vec<String> {
        walk(&Html::parse_document(html))
            .blocks
            .into_iter()
            .map(|block| block.text)
            .collect()
    }

    #[test]
    fn inline_markup_joins_as_rendered_and_blocks_split() {
        let blocks = blocks_of(
            "<p>The <b>mayor</b>  said\n so<i>,</i> at <a href=x>noon</a>.</p><div>Next<p>inner</p>tail</div>",
        );
        assert_eq!(
            blocks,
            ["The mayor said so, at noon.", "Next", "inner", "tail"]
        );
    }

    #[test]
    fn line_breaks_break_lines_and_two_end_a_block() {
        let blocks = blocks_of("<div>one <br> two<br><br>three</div>");
        assert_eq!(blocks, ["one\ntwo", "three"]);
    }

    #[test]
    fn scripts_styles_and_templates_give_no_text() {
        let blocks = blocks_of(
            "<p>a<script>var x = '<p>no</p>';</script>b<style>p{}</style><template><p>t</p></template></p>",
        );
        assert_eq!(blocks, ["ab"]);
    }

    #[test]
    fn link_text_is_counted() {
        let walked = walk(&Html::parse_document("<p>ab <a href=x>cd</a></p>"));
        let block = &walked.blocks[0];
        assert_eq!((block.chars, block.link_chars), (5, 2));
    }

    #[test]
    fn preformatted_text_keeps_its_lines() {
        let blocks = blocks_of("<pre>\nline one\n  line two</pre>");
        assert_eq!(blocks, ["line one\n  line two"]);
    }
}
