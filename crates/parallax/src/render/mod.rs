//! Stage `render`: a [`BriefDocument`] → text for a terminal, Markdown,
//! JSON or one self-contained HTML page.
//!
//! Every format implements [`Render`] over the same document: the brief is
//! built once and no format reaches back into the pipeline.

mod html;
mod json;
mod markdown;
mod text;

pub use html::Html;
pub use json::Json;
pub use markdown::Markdown;
pub use text::Text;

use crate::model::{Brief, BriefClaimGroup, BriefDocument};
use std::fmt;

/// One output format.
pub trait Render {
    fn render(&self, document: &BriefDocument, out: &mut dyn fmt::Write) -> fmt::Result;

    /// The whole output as a string.
    fn to_string(&self, document: &BriefDocument) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.render(document, &mut out);
        out
    }
}

/// The output formats by name, as the command line takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
    Html,
}

impl Format {
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "text" | "txt" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "html" => Some(Format::Html),
            _ => None,
        }
    }
}

/// Renders `document` in `format`; `width` and `colour` apply to text.
pub fn render(document: &BriefDocument, format: Format, width: usize, colour: bool) -> String {
    match format {
        Format::Text => Text { width, colour }.to_string(document),
        Format::Markdown => Markdown.to_string(document),
        Format::Json => Json.to_string(document),
        Format::Html => Html.to_string(document),
    }
}

/// Short labels for a story's sources: the file name without folders, and
/// a number in the order of the story's articles.
pub(crate) struct SourceLabels {
    names: Vec<(String, String)>,
}

impl SourceLabels {
    pub fn of(brief: &Brief) -> Self {
        let names = brief
            .articles
            .iter()
            .map(|article| {
                let short = article
                    .source
                    .rsplit(['/', '\\'])
                    .next()
                    .unwrap_or(&article.source)
                    .to_string();
                (article.source.clone(), short)
            })
            .collect();
        SourceLabels { names }
    }

    /// "[2]" for the second article of the story.
    pub fn number(&self, source: &str) -> String {
        match self.names.iter().position(|(full, _)| full == source) {
            Some(position) => format!("[{}]", position + 1),
            None => format!("[{source}]"),
        }
    }

    pub fn short(&self, source: &str) -> String {
        self.names
            .iter()
            .find(|(full, _)| full == source)
            .map(|(_, short)| short.clone())
            .unwrap_or_else(|| source.to_string())
    }

    pub fn numbers(&self, sources: &[String]) -> String {
        let mut seen: Vec<String> = Vec::new();
        for source in sources {
            let number = self.number(source);
            if !seen.contains(&number) {
                seen.push(number);
            }
        }
        seen.join("")
    }

    pub fn legend(&self) -> Vec<(String, String)> {
        self.names
            .iter()
            .enumerate()
            .map(|(position, (_, short))| (format!("[{}]", position + 1), short.clone()))
            .collect()
    }
}

/// The groups of a brief in reading order: key facts, then conflicts, then
/// the rest.
pub(crate) fn conflicts(brief: &Brief) -> Vec<&BriefClaimGroup> {
    let mut groups: Vec<&BriefClaimGroup> = brief
        .claim_groups
        .iter()
        .filter(|group| {
            group.verdict == "conflict" && group.conflict_kind.as_deref() != Some("compatible")
        })
        .collect();
    groups.sort_by_key(|group| std::cmp::Reverse(group.independent_sources));
    groups
}

pub(crate) fn key_facts(brief: &Brief) -> Vec<&BriefClaimGroup> {
    brief
        .key_facts
        .iter()
        .filter_map(|id| brief.claim_groups.iter().find(|group| group.id == *id))
        .filter(|group| {
            group.verdict != "conflict" || group.conflict_kind.as_deref() == Some("compatible")
        })
        .collect()
}

/// The number a claim was written with: exact, the centre of an "about"
/// interval, or the bound of a qualifier.
pub(crate) fn stated(value: &crate::model::BriefValue) -> Option<f64> {
    if value.exact.is_some() {
        return value.exact;
    }
    match (value.low, value.high) {
        (Some(low), Some(high)) if low > 0.0 => Some((low + high) / 2.0),
        (_, Some(high)) => Some(high),
        (low, None) => low,
    }
}

/// The sides of a conflict: claims grouped by the number they state ("123"
/// and "at least 123" are one side), each with its sources; the side most
/// claims give first. Role titles are grouped by their text.
pub(crate) fn sides(group: &BriefClaimGroup) -> Vec<(String, Vec<&crate::model::BriefClaim>)> {
    let mut sides: Vec<(String, Vec<&crate::model::BriefClaim>)> = Vec::new();
    for claim in &group.claims {
        let key = match stated(&claim.value) {
            Some(number) => format!("{number}"),
            None => claim.value_text.to_lowercase(),
        };
        match sides.iter_mut().find(|(value, _)| *value == key) {
            Some((_, claims)) => claims.push(claim),
            None => sides.push((key, vec![claim])),
        }
    }
    sides.sort_by_key(|(_, claims)| std::cmp::Reverse(claims.len()));
    sides
}

/// The different ways one side's figure is written ("123 / at least 123").
pub(crate) fn side_values(claims: &[&crate::model::BriefClaim]) -> String {
    let mut texts: Vec<&str> = Vec::new();
    for claim in claims {
        if !texts.contains(&claim.value_text.as_str()) {
            texts.push(&claim.value_text);
        }
    }
    texts.join(" / ")
}

/// The party a side is credited to, when all its claims name one.
pub(crate) fn side_credit(claims: &[&crate::model::BriefClaim]) -> Option<String> {
    let first = claims.first()?.attributed_to.clone()?;
    claims
        .iter()
        .all(|claim| claim.attributed_to.is_some())
        .then_some(first)
}

/// Words for a conflict kind, as a reader needs them.
pub fn conflict_words(kind: &str) -> &'static str {
    match kind {
        "contradiction" => "a real contradiction: the sources give incompatible figures for the same fact",
        "different_attribution" => "different attribution: one figure is credited to a named party, the other is the outlets' own",
        "different_scope" => "different scope: the figures count different groups, places or stages",
        "compatible" => "compatible: the figures differ in form but one number satisfies them all",
        "likely_error" => "likely error: one outlet alone contradicts the others",
        _ => "conflict",
    }
}

pub(crate) fn verdict_words(group: &BriefClaimGroup) -> String {
    match (group.verdict.as_str(), group.conflict_kind.as_deref()) {
        ("corroborated", _) => format!(
            "corroborated by {} independent sources",
            group.independent_sources
        ),
        ("single_source", _) => "single source".to_string(),
        (_, Some(kind)) => kind.replace('_', " "),
        _ => group.verdict.replace('_', " "),
    }
}

#[cfg(test)]
mod tests;
