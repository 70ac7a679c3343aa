//! Text for a terminal: wrapped to a width, colour only when asked (the
//! command line asks when standard output is a terminal).

use super::{
    conflict_words, conflicts, key_facts, side_credit, side_values, sides, verdict_words, Render,
    SourceLabels,
};
use crate::model::{Brief, BriefDocument};
use std::fmt;

pub struct Text {
    pub width: usize,
    pub colour: bool,
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const GREEN: &str = "\x1b[32m";
const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

impl Text {
    fn paint(&self, style: &str, text: &str) -> String {
        if self.colour {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    /// Writes `text` wrapped to the width, the first line after `first`,
    /// the others indented by `indent` spaces.
    fn wrapped(
        &self,
        out: &mut dyn fmt::Write,
        first: &str,
        indent: usize,
        text: &str,
    ) -> fmt::Result {
        let width = self.width.max(indent + 20);
        let indentation = " ".repeat(indent);
        let options = textwrap::Options::new(width)
            .initial_indent(first)
            .subsequent_indent(&indentation);
        for line in textwrap::wrap(text, options) {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }

    fn heading(&self, out: &mut dyn fmt::Write, title: &str) -> fmt::Result {
        writeln!(out)?;
        writeln!(out, "{}", self.paint(BOLD, title))
    }

    fn story(&self, brief: &Brief, out: &mut dyn fmt::Write) -> fmt::Result {
        let labels = SourceLabels::of(brief);
        let rule = "═".repeat(self.width.clamp(20, 100));
        writeln!(out, "{}", self.paint(DIM, &rule))?;
        let title = format!(
            "Story {} · {} article{} · {} independent source{}",
            brief.id + 1,
            brief.articles.len(),
            if brief.articles.len() == 1 { "" } else { "s" },
            brief.lineages.len(),
            if brief.lineages.len() == 1 { "" } else { "s" },
        );
        writeln!(out, "{}", self.paint(BOLD, &title))?;
        self.wrapped(out, "", 0, &brief.headline.text)?;
        writeln!(
            out,
            "{}",
            self.paint(
                DIM,
                &format!("  — {}", labels.number(&brief.headline.span.source))
            )
        )?;

        let facts = key_facts(brief);
        if !facts.is_empty() {
            self.heading(out, "KEY FACTS")?;
            for group in facts {
                let mark = if group.verdict == "corroborated" {
                    self.paint(GREEN, "✔")
                } else {
                    self.paint(YELLOW, "≈")
                };
                let sources: Vec<String> = group
                    .claims
                    .iter()
                    .map(|claim| claim.source.clone())
                    .collect();
                self.wrapped(
                    out,
                    &format!("  {mark} "),
                    4,
                    &format!(
                        "{} — {} {}",
                        group.label,
                        verdict_words(group),
                        labels.numbers(&sources)
                    ),
                )?;
                self.wrapped(out, "      ", 6, &format!("“{}”", group.statement.text))?;
            }
        }

        let conflict_groups = conflicts(brief);
        if !conflict_groups.is_empty() {
            self.heading(out, "CONFLICTS")?;
            for group in conflict_groups {
                let kind = group.conflict_kind.as_deref().unwrap_or("conflict");
                self.wrapped(
                    out,
                    &format!("  {} ", self.paint(RED, "✖")),
                    4,
                    &format!("{} — {}", group.label, conflict_words(kind)),
                )?;
                for (_, claims) in sides(group) {
                    let Some(first) = claims.first() else {
                        continue;
                    };
                    let sources: Vec<String> =
                        claims.iter().map(|claim| claim.source.clone()).collect();
                    let credit = side_credit(&claims)
                        .map(|party| format!(" (per {party})"))
                        .unwrap_or_default();
                    self.wrapped(
                        out,
                        "      • ",
                        8,
                        &format!(
                            "{}{credit} {}: “{}”",
                            side_values(&claims),
                            labels.numbers(&sources),
                            first.text
                        ),
                    )?;
                }
                self.wrapped(out, "      why: ", 11, &group.explanation)?;
            }
        }

        if !brief.entities.is_empty() {
            self.heading(out, "WHO AND WHAT")?;
            for entity in brief.entities.iter().take(20) {
                let others: Vec<&String> = entity
                    .variants
                    .iter()
                    .filter(|variant| **variant != entity.name)
                    .collect();
                let mut text = format!("{} ({})", self.paint(CYAN, &entity.name), entity.kind);
                if !others.is_empty() {
                    text.push_str(&format!(
                        " — also {}",
                        others
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                text.push_str(&format!(" {}", labels.numbers(&entity.sources)));
                self.wrapped(out, "  • ", 4, &text)?;
            }
            if brief.entities.len() > 20 {
                writeln!(out, "  … and {} more", brief.entities.len() - 20)?;
            }
        }

        if !brief.quotes.is_empty() {
            self.heading(out, "QUOTES")?;
            for quote in &brief.quotes {
                let speaker = quote.speaker.as_deref().unwrap_or("unknown speaker");
                self.wrapped(
                    out,
                    "  ",
                    4,
                    &format!(
                        "{}: “{}” {}",
                        self.paint(BOLD, speaker),
                        quote.text,
                        labels.numbers(&quote.sources)
                    ),
                )?;
            }
        }

        if !brief.timeline.is_empty() {
            self.heading(out, "TIMELINE")?;
            for entry in &brief.timeline {
                let date = match entry.precision.as_str() {
                    "year" => entry.date.format("%Y").to_string(),
                    "month" | "season" => entry.date.format("%Y-%m").to_string(),
                    _ => entry.date.format("%Y-%m-%d").to_string(),
                };
                let sources: Vec<String> = entry
                    .sources
                    .iter()
                    .map(|span| span.source.clone())
                    .collect();
                self.wrapped(
                    out,
                    &format!("  {date:<10}  "),
                    14,
                    &format!("{} {}", entry.event, labels.numbers(&sources)),
                )?;
            }
        }

        let unique: Vec<_> = brief
            .unique
            .iter()
            .filter(|report| !report.statements.is_empty() || !report.omits.is_empty())
            .collect();
        if !unique.is_empty() {
            self.heading(out, "WHAT EACH SOURCE ALONE REPORTS")?;
            for report in unique {
                let names: Vec<String> = report
                    .source
                    .split(" + ")
                    .map(|source| labels.number(source))
                    .collect();
                writeln!(out, "  {}", self.paint(BOLD, &names.join("")))?;
                for statement in &report.statements {
                    self.wrapped(out, "    – ", 6, &statement.text)?;
                }
                if !report.omits.is_empty() {
                    self.wrapped(out, "    leaves out: ", 16, &report.omits.join("; "))?;
                }
            }
        }

        let joined: Vec<_> = brief
            .lineages
            .iter()
            .filter(|lineage| lineage.articles.len() > 1)
            .collect();
        if !joined.is_empty() {
            self.heading(out, "REWRITES (counted as one source)")?;
            for lineage in joined {
                let kinds: Vec<String> = lineage
                    .links
                    .iter()
                    .map(|link| {
                        format!(
                            "{} ~ {}: {}",
                            labels.number(&link.from),
                            labels.number(&link.to),
                            link.kind
                        )
                    })
                    .collect();
                self.wrapped(out, "  • ", 4, &kinds.join("; "))?;
            }
        }

        self.heading(out, "SOURCES")?;
        for (article, (number, short)) in brief.articles.iter().zip(labels.legend()) {
            let dropped = article.boilerplate.len();
            let extra = if dropped > 0 {
                format!(
                    " · {dropped} non-body line{} marked",
                    if dropped == 1 { "" } else { "s" }
                )
            } else {
                String::new()
            };
            self.wrapped(out, &format!("  {number} "), 6, &format!("{short}{extra}"))?;
        }
        writeln!(out)
    }
}

impl Render for Text {
    fn render(&self, document: &BriefDocument, out: &mut dyn fmt::Write) -> fmt::Result {
        for brief in &document.stories {
            self.story(brief, out)?;
        }
        for failure in &document.errors {
            writeln!(
                out,
                "{}",
                self.paint(
                    RED,
                    &format!("could not read {}: {}", failure.source, failure.error)
                )
            )?;
        }
        Ok(())
    }
}
