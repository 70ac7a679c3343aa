//! A reader for the GUM corpus (`gum/dep/*.conllu`): documents, paragraphs,
//! sentences and tokens as plain structs, and the document text rebuilt
//! with byte offsets of its paragraphs, sentences and tokens.
//!
//! GUM marks paragraphs with `# newpar` and `# newpar_block = KIND … (N s)`
//! (KIND is `p`, `head`, `figure`, `quote`, `item`, …; N the number of
//! sentences in the block). A sentence that follows a block's last sentence
//! without a new `# newpar` (the date line under a headline, say) opens an
//! implicit paragraph of kind `none`.
//!
//! The rebuilt text joins the `# text =` lines of a paragraph with one
//! space and paragraphs with a blank line (`"\n\n"`).

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One token line of a CoNLL-U sentence (a syntactic word).
#[derive(Debug, Clone, PartialEq)]
pub struct GumToken {
    /// The word's index in its sentence (1-based).
    pub id: u32,
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// Index of the head word (0 for the root), when given.
    pub head: Option<u32>,
    pub deprel: String,
    pub misc: String,
    /// False when `SpaceAfter=No` is in `misc`.
    pub space_after: bool,
    /// The surface form of the multi-word token this word is part of
    /// ("Trump's" for "Trump" and "'s"), if any.
    pub multiword: Option<String>,
}

impl GumToken {
    /// The value of `key=` in the `misc` column, if present.
    pub fn misc_value(&self, key: &str) -> Option<&str> {
        self.misc.split('|').find_map(|field| {
            let (name, value) = field.split_once('=')?;
            (name == key).then_some(value)
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct GumSentence {
    /// `# sent_id`.
    pub id: String,
    /// `# text =`: the sentence as written.
    pub text: String,
    /// `# s_type` (decl, frag, q, imp, …), when given.
    pub sentence_type: Option<String>,
    /// Every comment line of the sentence, without the leading `# `.
    pub comments: Vec<String>,
    pub tokens: Vec<GumToken>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GumParagraph {
    /// The block kind: `p`, `head`, `figure`, `quote`, `item`, … or `none`
    /// for sentences outside any marked block.
    pub kind: String,
    /// Indices into `GumDocument::sentences`, in order.
    pub sentences: Range<usize>,
}

impl GumParagraph {
    pub fn is_heading(&self) -> bool {
        self.kind == "head"
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct GumDocument {
    /// `# newdoc id`: "GUM_news_afghan".
    pub id: String,
    /// `# meta::dateCreated`.
    pub date_created: Option<NaiveDate>,
    /// `# meta::genre`: "news", "interview", …
    pub genre: Option<String>,
    /// Every `# meta::KEY = VALUE` line, in order.
    pub meta: Vec<(String, String)>,
    pub sentences: Vec<GumSentence>,
    pub paragraphs: Vec<GumParagraph>,
}

/// A document's text rebuilt from its sentences, with byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct RebuiltText {
    pub text: String,
    /// Byte range of each paragraph (as `GumDocument::paragraphs`).
    pub paragraphs: Vec<Range<usize>>,
    /// Byte range of each sentence (as `GumDocument::sentences`).
    pub sentences: Vec<Range<usize>>,
    /// For each sentence, the byte range of each of its tokens, or `None`
    /// when a token's form could not be found in the sentence text.
    pub tokens: Vec<Vec<Option<Range<usize>>>>,
}

impl GumDocument {
    pub fn meta_value(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }

    /// The document text: paragraphs joined by blank lines, sentences of a
    /// paragraph by one space.
    pub fn rebuild(&self) -> RebuiltText {
        let mut text = String::new();
        let mut paragraphs = Vec::with_capacity(self.paragraphs.len());
        let mut sentences = vec![0..0; self.sentences.len()];
        let mut tokens = vec![Vec::new(); self.sentences.len()];
        for paragraph in &self.paragraphs {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let paragraph_start = text.len();
            for sentence_index in paragraph.sentences.clone() {
                let Some(sentence) = self.sentences.get(sentence_index) else {
                    continue;
                };
                if text.len() > paragraph_start {
                    text.push(' ');
                }
                let start = text.len();
                text.push_str(&sentence.text);
                if let Some(range) = sentences.get_mut(sentence_index) {
                    *range = start..text.len();
                }
                if let Some(spans) = tokens.get_mut(sentence_index) {
                    *spans = locate_tokens(&sentence.text, &sentence.tokens, start);
                }
            }
            paragraphs.push(paragraph_start..text.len());
        }
        RebuiltText {
            text,
            paragraphs,
            sentences,
            tokens,
        }
    }
}

/// Finds each token's form in the sentence text, left to right; a
/// multi-word token's parts are looked for inside its surface form.
fn locate_tokens(
    sentence_text: &str,
    tokens: &[GumToken],
    offset: usize,
) -> Vec<Option<Range<usize>>> {
    let mut spans = Vec::with_capacity(tokens.len());
    let mut cursor = 0;
    let mut index = 0;
    while index < tokens.len() {
        let Some(token) = tokens.get(index) else {
            break;
        };
        if let Some(surface) = &token.multiword {
            // The parts of one multi-word token are consecutive.
            let parts_end = tokens[index..]
                .iter()
                .position(|part| part.multiword.as_ref() != Some(surface))
                .map_or(tokens.len(), |length| index + length);
            let found = sentence_text
                .get(cursor..)
                .and_then(|rest| rest.find(surface.as_str()))
                .map(|at| cursor + at);
            match found {
                Some(surface_start) => {
                    let surface_end = surface_start + surface.len();
                    let mut inner = surface_start;
                    for part in tokens.get(index..parts_end).unwrap_or(&[]) {
                        let part_found = sentence_text
                            .get(inner..surface_end)
                            .and_then(|rest| rest.find(part.form.as_str()))
                            .map(|at| inner + at);
                        match part_found {
                            Some(part_start) => {
                                inner = part_start + part.form.len();
                                spans.push(Some(offset + part_start..offset + inner));
                            }
                            None => spans.push(Some(offset + surface_start..offset + surface_end)),
                        }
                    }
                    cursor = surface_end;
                }
                None => spans.extend(std::iter::repeat_n(None, parts_end - index)),
            }
            index = parts_end;
            continue;
        }
        let found = sentence_text
            .get(cursor..)
            .and_then(|rest| rest.find(token.form.as_str()))
            .map(|at| cursor + at);
        match found {
            Some(start) => {
                cursor = start + token.form.len();
                spans.push(Some(offset + start..offset + cursor));
            }
            None => spans.push(None),
        }
        index += 1;
    }
    spans
}

/// Parses one `.conllu` file: one or more documents.
pub fn parse_conllu(content: &str) -> Result<Vec<GumDocument>> {
    let mut documents: Vec<GumDocument> = Vec::new();
    let mut comments: Vec<String> = Vec::new();
    let mut tokens: Vec<GumToken> = Vec::new();
    let mut multiword: Option<(u32, u32, String)> = None;
    // The open paragraph: its kind, and how many sentences it announced.
    let mut open_paragraph: Option<(String, Option<usize>)> = None;
    let mut pending_newpar = false;

    for (line_number, line) in content.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !tokens.is_empty() || !comments.is_empty() {
                finish_sentence(
                    &mut documents,
                    &mut comments,
                    &mut tokens,
                    &mut open_paragraph,
                    &mut pending_newpar,
                )
                .with_context(|| format!("sentence ending at line {}", line_number + 1))?;
            }
            multiword = None;
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if let Some(id) = comment.strip_prefix("newdoc id =") {
                documents.push(GumDocument {
                    id: id.trim().to_string(),
                    date_created: None,
                    genre: None,
                    meta: Vec::new(),
                    sentences: Vec::new(),
                    paragraphs: Vec::new(),
                });
                open_paragraph = None;
                continue;
            }
            if let Some(meta) = comment.strip_prefix("meta::") {
                let Some(document) = documents.last_mut() else {
                    bail!("line {}: meta before any `# newdoc id`", line_number + 1);
                };
                if let Some((key, value)) = meta.split_once('=') {
                    let key = key.trim().to_string();
                    let value = value.trim().to_string();
                    if key == "dateCreated" {
                        document.date_created = NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok();
                    }
                    if key == "genre" {
                        document.genre = Some(value.clone());
                    }
                    document.meta.push((key, value));
                }
                continue;
            }
            if comment == "newpar" {
                pending_newpar = true;
                open_paragraph = Some(("none".to_string(), None));
                continue;
            }
            if let Some(block) = comment.strip_prefix("newpar_block =") {
                let (kind, count) = parse_block(block);
                open_paragraph = Some((kind, count));
                continue;
            }
            comments.push(comment.to_string());
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        if columns.len() != 10 {
            bail!(
                "line {}: expected 10 tab-separated columns, found {}",
                line_number + 1,
                columns.len()
            );
        }
        let id_column = columns[0];
        if let Some((first, last)) = id_column.split_once('-') {
            let first: u32 = first
                .parse()
                .with_context(|| format!("line {}: bad range id", line_number + 1))?;
            let last: u32 = last
                .parse()
                .with_context(|| format!("line {}: bad range id", line_number + 1))?;
            multiword = Some((first, last, columns[1].to_string()));
            continue;
        }
        if id_column.contains('.') {
            // Empty nodes of enhanced dependencies carry no text.
            continue;
        }
        let id: u32 = id_column
            .parse()
            .with_context(|| format!("line {}: bad token id {id_column:?}", line_number + 1))?;
        let part_of = multiword
            .as_ref()
            .filter(|(first, last, _)| (*first..=*last).contains(&id))
            .map(|(_, _, surface)| surface.clone());
        let misc = columns[9].to_string();
        tokens.push(GumToken {
            id,
            form: columns[1].to_string(),
            lemma: columns[2].to_string(),
            upos: columns[3].to_string(),
            xpos: columns[4].to_string(),
            feats: columns[5].to_string(),
            head: columns[6].parse().ok(),
            deprel: columns[7].to_string(),
            space_after: !misc.split('|').any(|field| field == "SpaceAfter=No"),
            misc,
            multiword: part_of,
        });
    }
    if !tokens.is_empty() {
        finish_sentence(
            &mut documents,
            &mut comments,
            &mut tokens,
            &mut open_paragraph,
            &mut pending_newpar,
        )?;
    }
    Ok(documents)
}

/// "head rend:::"bold" (1 s)" → ("head", Some(1)); composite blocks
/// ("figure … (2 s) | caption (2 s)") take the first kind and count.
fn parse_block(block: &str) -> (String, Option<usize>) {
    let block = block.trim();
    let kind = block
        .split(|character: char| character.is_whitespace() || character == '|')
        .next()
        .unwrap_or("none")
        .to_string();
    let count = block.find('(').and_then(|open| {
        let rest = block.get(open + 1..)?;
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    });
    (kind, count)
}

fn finish_sentence(
    documents: &mut [GumDocument],
    comments: &mut Vec<String>,
    tokens: &mut Vec<GumToken>,
    open_paragraph: &mut Option<(String, Option<usize>)>,
    pending_newpar: &mut bool,
) -> Result<()> {
    let Some(document) = documents.last_mut() else {
        bail!("a sentence before any `# newdoc id`");
    };
    let mut id = String::new();
    let mut text = None;
    let mut sentence_type = None;
    for comment in comments.iter() {
        if let Some(value) = comment.strip_prefix("sent_id =") {
            id = value.trim().to_string();
        } else if let Some(value) = comment.strip_prefix("text =") {
            text = Some(value.trim().to_string());
        } else if let Some(value) = comment.strip_prefix("s_type =") {
            sentence_type = Some(value.trim().to_string());
        }
    }
    let text = match text {
        Some(text) => text,
        None => rebuild_sentence_text(tokens),
    };
    let sentence_index = document.sentences.len();
    document.sentences.push(GumSentence {
        id,
        text,
        sentence_type,
        comments: std::mem::take(comments),
        tokens: std::mem::take(tokens),
    });

    let continues_paragraph = !*pending_newpar
        && document.paragraphs.last().is_some_and(|paragraph| {
            let announced = open_paragraph.as_ref().and_then(|(_, count)| *count);
            let length = paragraph.sentences.len();
            paragraph.sentences.end == sentence_index
                && announced.is_none_or(|count| length < count)
        });
    if continues_paragraph {
        if let Some(paragraph) = document.paragraphs.last_mut() {
            paragraph.sentences.end = sentence_index + 1;
        }
    } else {
        let kind = match (&*open_paragraph, *pending_newpar) {
            (Some((kind, _)), true) => kind.clone(),
            _ => {
                // Sentences after a block's announced end: an implicit
                // paragraph with no count.
                *open_paragraph = Some(("none".to_string(), None));
                "none".to_string()
            }
        };
        document.paragraphs.push(GumParagraph {
            kind,
            sentences: sentence_index..sentence_index + 1,
        });
    }
    *pending_newpar = false;
    Ok(())
}

/// A sentence's text from its tokens and `SpaceAfter=No` marks, for files
/// without `# text =` lines.
fn rebuild_sentence_text(tokens: &[GumToken]) -> String {
    let mut text = String::new();
    let mut last_multiword: Option<&str> = None;
    for token in tokens {
        let form = match &token.multiword {
            Some(surface) if last_multiword == Some(surface.as_str()) => continue,
            Some(surface) => {
                last_multiword = Some(surface.as_str());
                surface.as_str()
            }
            None => {
                last_multiword = None;
                token.form.as_str()
            }
        };
        text.push_str(form);
        if token.space_after {
            text.push(' ');
        }
    }
    text.trim_end().to_string()
}

/// The `.conllu` files of `data_dir/gum/dep` whose name starts with
/// `prefix` ("GUM_news_"), sorted by name.
pub fn gum_files(data_dir: &Path, prefix: &str) -> Result<Vec<PathBuf>> {
    let folder = data_dir.join("gum").join("dep");
    let entries = std::fs::read_dir(&folder).with_context(|| {
        format!(
            "GUM data not found at {} (expected gum/dep/*.conllu under the data folder)",
            folder.display()
        )
    })?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .with_context(|| format!("reading {}", folder.display()))?
            .path();
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("");
        if name.starts_with(prefix) && name.ends_with(".conllu") {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        bail!("no {prefix}*.conllu files in {}", folder.display());
    }
    Ok(files)
}

/// Reads and parses the GUM documents whose file names start with `prefix`.
pub fn read_gum_documents(data_dir: &Path, prefix: &str) -> Result<Vec<GumDocument>> {
    let mut documents = Vec::new();
    for path in gum_files(data_dir, prefix)? {
        let content = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let parsed =
            parse_conllu(&content).with_context(|| format!("parsing {}", path.display()))?;
        documents.extend(parsed);
    }
    Ok(documents)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = GUM_news_sample
# meta::dateCreated = 2020-03-04
# meta::genre = news
# newpar
# newpar_block = head (1 s)
# sent_id = GUM_news_sample-1
# text = Storm hits coast
1\tStorm\tstorm\tNOUN\tNN\t_\t2\tnsubj\t_\t_
2\thits\thit\tVERB\tVBZ\t_\t0\troot\t_\t_
3\tcoast\tcoast\tNOUN\tNN\t_\t2\tobj\t_\t_

# sent_id = GUM_news_sample-2
# text = Monday, May 4
1\tMonday\tMonday\tPROPN\tNNP\t_\t0\troot\t_\tSpaceAfter=No
2\t,\t,\tPUNCT\t,\t_\t1\tpunct\t_\t_
3\tMay\tMay\tPROPN\tNNP\t_\t1\tappos\t_\t_
4\t4\t4\tNUM\tCD\t_\t3\tnummod\t_\t_

# newpar
# newpar_block = p (2 s)
# sent_id = GUM_news_sample-3
# s_type = decl
# text = The town's mayor spoke.
1\tThe\tthe\tDET\tDT\t_\t3\tdet\t_\t_
2-3\ttown's\t_\t_\t_\t_\t_\t_\t_\t_
2\ttown\ttown\tNOUN\tNN\t_\t4\tnmod:poss\t_\t_
3\t's\t's\tPART\tPOS\t_\t2\tcase\t_\t_
4\tmayor\tmayor\tNOUN\tNN\t_\t5\tnsubj\t_\t_
5\tspoke\tspeak\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_

# sent_id = GUM_news_sample-4
# text = She left.
1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

    #[test]
    fn parses_documents_paragraphs_and_tokens() {
        let documents = parse_conllu(SAMPLE).unwrap();
        assert_eq!(documents.len(), 1);
        let document = &documents[0];
        assert_eq!(document.id, "GUM_news_sample");
        assert_eq!(document.date_created, NaiveDate::from_ymd_opt(2020, 3, 4));
        assert_eq!(document.genre.as_deref(), Some("news"));
        assert_eq!(document.sentences.len(), 4);
        let kinds: Vec<(&str, Range<usize>)> = document
            .paragraphs
            .iter()
            .map(|paragraph| (paragraph.kind.as_str(), paragraph.sentences.clone()))
            .collect();
        assert_eq!(kinds, vec![("head", 0..1), ("none", 1..2), ("p", 2..4)]);
        let third = &document.sentences[2];
        assert_eq!(third.sentence_type.as_deref(), Some("decl"));
        assert_eq!(third.tokens[1].multiword.as_deref(), Some("town's"));
        assert_eq!(third.tokens[0].multiword, None);
        assert!(!document.sentences[1].tokens[0].space_after);
        assert_eq!(
            document.sentences[1].tokens[0].misc_value("SpaceAfter"),
            Some("No")
        );
    }

    #[test]
    fn rebuilds_text_with_offsets() {
        let documents = parse_conllu(SAMPLE).unwrap();
        let rebuilt = documents[0].rebuild();
        assert_eq!(
            rebuilt.text,
            "Storm hits coast\n\nMonday, May 4\n\nThe town's mayor spoke. She left."
        );
        let sentence_texts: Vec<&str> = rebuilt
            .sentences
            .iter()
            .map(|range| &rebuilt.text[range.clone()])
            .collect();
        assert_eq!(
            sentence_texts,
            vec![
                "Storm hits coast",
                "Monday, May 4",
                "The town's mayor spoke.",
                "She left."
            ]
        );
        let token_texts: Vec<&str> = rebuilt.tokens[2]
            .iter()
            .map(|range| &rebuilt.text[range.clone().unwrap()])
            .collect();
        assert_eq!(
            token_texts,
            vec!["The", "town", "'s", "mayor", "spoke", "."]
        );
        assert_eq!(rebuilt.paragraphs.len(), 3);
    }

    #[test]
    fn missing_data_is_an_error_not_a_panic() {
        let error = read_gum_documents(Path::new("/nonexistent"), "GUM_news_").unwrap_err();
        assert!(error.to_string().contains("GUM data not found"));
        assert!(parse_conllu("1\ta\tb\n").is_err());
    }
}
