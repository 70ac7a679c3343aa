//! Markdown: one section per story, tables where they help.

use super::{
    conflict_words, conflicts, key_facts, side_credit, side_values, sides, verdict_words, Render,
    SourceLabels,
};
use crate::model::{Brief, BriefDocument};
use std::fmt;

pub struct Markdown;

/// Escapes the characters that Markdown would read as markup or as a
/// table cell boundary.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        if matches!(
            character,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            escaped.push('\\');
        }
        escaped.push(character);
    }
    escaped
}

fn story(brief: &Brief, out: &mut dyn fmt::Write) -> fmt::Result {
    let labels = SourceLabels::of(brief);
    writeln!(
        out,
        "## Story {}: {}",
        brief.id + 1,
        escape(&brief.headline.text)
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{} articles, {} independent sources. Headline from {}.",
        brief.articles.len(),
        brief.lineages.len(),
        labels.number(&brief.headline.span.source)
    )?;
    writeln!(out)?;

    let facts = key_facts(brief);
    if !facts.is_empty() {
        writeln!(out, "### Key facts")?;
        writeln!(out)?;
        for group in facts {
            let sources: Vec<String> = group
                .claims
                .iter()
                .map(|claim| claim.source.clone())
                .collect();
            writeln!(
                out,
                "- **{}** — {} {}  \n  > {}",
                escape(&group.label),
                verdict_words(group),
                labels.numbers(&sources),
                escape(&group.statement.text)
            )?;
        }
        writeln!(out)?;
    }

    let conflict_groups = conflicts(brief);
    if !conflict_groups.is_empty() {
        writeln!(out, "### Conflicts")?;
        writeln!(out)?;
        for group in conflict_groups {
            let kind = group.conflict_kind.as_deref().unwrap_or("conflict");
            writeln!(out, "#### {}", escape(&group.label))?;
            writeln!(out)?;
            writeln!(out, "*{}*", conflict_words(kind))?;
            writeln!(out)?;
            writeln!(out, "| figure | credited to | sources | sentence |")?;
            writeln!(out, "|---|---|---|---|")?;
            for (_, claims) in sides(group) {
                let Some(first) = claims.first() else {
                    continue;
                };
                let sources: Vec<String> =
                    claims.iter().map(|claim| claim.source.clone()).collect();
                writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    escape(&side_values(&claims)),
                    escape(&side_credit(&claims).unwrap_or_else(|| "the outlet".to_string())),
                    labels.numbers(&sources),
                    escape(&first.text)
                )?;
            }
            writeln!(out)?;
            writeln!(out, "Why: {}", escape(&group.explanation))?;
            writeln!(out)?;
        }
    }

    if !brief.entities.is_empty() {
        writeln!(out, "### Who and what")?;
        writeln!(out)?;
        writeln!(out, "| name | kind | spellings | sources |")?;
        writeln!(out, "|---|---|---|---|")?;
        for entity in &brief.entities {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                escape(&entity.name),
                entity.kind,
                escape(&entity.variants.join(", ")),
                labels.numbers(&entity.sources)
            )?;
        }
        writeln!(out)?;
    }

    if !brief.quotes.is_empty() {
        writeln!(out, "### Quotes")?;
        writeln!(out)?;
        for quote in &brief.quotes {
            writeln!(
                out,
                "- **{}**: “{}” {}",
                escape(quote.speaker.as_deref().unwrap_or("unknown speaker")),
                escape(&quote.text),
                labels.numbers(&quote.sources)
            )?;
        }
        writeln!(out)?;
    }

    if !brief.timeline.is_empty() {
        writeln!(out, "### Timeline")?;
        writeln!(out)?;
        for entry in &brief.timeline {
            let sources: Vec<String> = entry
                .sources
                .iter()
                .map(|span| span.source.clone())
                .collect();
            writeln!(
                out,
                "- **{}** ({}): {} {}",
                entry.date,
                entry.precision,
                escape(&entry.event),
                labels.numbers(&sources)
            )?;
        }
        writeln!(out)?;
    }

    let unique: Vec<_> = brief
        .unique
        .iter()
        .filter(|report| !report.statements.is_empty() || !report.omits.is_empty())
        .collect();
    if !unique.is_empty() {
        writeln!(out, "### What each source alone reports")?;
        writeln!(out)?;
        for report in unique {
            let names: Vec<String> = report
                .source
                .split(" + ")
                .map(|source| labels.number(source))
                .collect();
            writeln!(out, "- {}", names.join(""))?;
            for statement in &report.statements {
                writeln!(out, "  - {}", escape(&statement.text))?;
            }
            if !report.omits.is_empty() {
                writeln!(
                    out,
                    "  - *leaves out:* {}",
                    escape(&report.omits.join("; "))
                )?;
            }
        }
        writeln!(out)?;
    }

    writeln!(out, "### Sources")?;
    writeln!(out)?;
    for (article, (number, short)) in brief.articles.iter().zip(labels.legend()) {
        let joined = brief
            .lineages
            .iter()
            .find(|lineage| lineage.id == article.lineage && lineage.articles.len() > 1)
            .map(|lineage| {
                let others: Vec<String> = lineage
                    .articles
                    .iter()
                    .filter(|source| **source != article.source)
                    .map(|source| labels.number(source))
                    .collect();
                format!(" — same lineage as {}", others.join(""))
            })
            .unwrap_or_default();
        writeln!(out, "- {number} `{}`{joined}", short.replace('`', "'"))?;
        for line in &article.boilerplate {
            writeln!(
                out,
                "  - ~~{}~~ ({})",
                escape(&line.text),
                line.reason.replace('_', " ")
            )?;
        }
    }
    writeln!(out)
}

impl Render for Markdown {
    fn render(&self, document: &BriefDocument, out: &mut dyn fmt::Write) -> fmt::Result {
        writeln!(out, "# Parallax brief")?;
        writeln!(out)?;
        for brief in &document.stories {
            story(brief, out)?;
        }
        if !document.errors.is_empty() {
            writeln!(out, "## Inputs that could not be read")?;
            writeln!(out)?;
            for failure in &document.errors {
                writeln!(
                    out,
                    "- `{}`: {}",
                    failure.source.replace('`', "'"),
                    escape(&failure.error)
                )?;
            }
        }
        Ok(())
    }
}
