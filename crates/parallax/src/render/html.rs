//! One self-contained HTML page: no scripts, no outside resources, styles
//! inline. Every piece of article text is escaped.

use super::{
    conflict_words, conflicts, key_facts, side_credit, side_values, sides, verdict_words, Render,
    SourceLabels,
};
use crate::model::{Brief, BriefDocument};
use std::fmt;

pub struct Html;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(character),
        }
    }
    escaped
}

const STYLE: &str = r#"
:root { --ink:#1d232b; --muted:#55606e; --line:#d9dee4; --bg:#f6f7f9; --card:#fff;
  --ok:#1f7a3a; --okbg:#e6f4ea; --warn:#8a5a00; --warnbg:#fff4d6; --bad:#a8201a; --badbg:#fde8e6; --accent:#1f4e8c; }
* { box-sizing: border-box; }
body { margin:0; font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--ink); background:var(--bg); }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
header.page h1 { font-size:1.1rem; letter-spacing:.04em; text-transform:uppercase; color:var(--muted); margin:0 0 1rem; }
article.story { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:1.5rem; margin-bottom:2rem; }
.story > h2 { font-size:1.5rem; line-height:1.3; margin:.2rem 0 .5rem; }
.meta { color:var(--muted); font-size:.9rem; margin:0 0 1rem; }
section { margin-top:1.8rem; }
section > h3 { font-size:1.05rem; text-transform:uppercase; letter-spacing:.05em; color:var(--accent); border-bottom:2px solid var(--line); padding-bottom:.3rem; }
ul.facts, ul.plain { list-style:none; padding:0; margin:0; }
.fact { padding:.7rem .8rem; border-left:4px solid var(--ok); background:var(--okbg); border-radius:6px; margin:.6rem 0; }
.fact.compatible { border-color:var(--warn); background:var(--warnbg); }
.fact .label { font-weight:600; }
.fact blockquote, .side blockquote { margin:.4rem 0 0; color:var(--ink); font-style:italic; }
.badge { display:inline-block; min-width:1.6rem; padding:0 .35rem; margin-left:.2rem; border-radius:999px; background:#e3e8ef; color:var(--ink); font-size:.8rem; text-align:center; text-decoration:none; font-style:normal; }
.verdict { font-size:.85rem; color:var(--muted); }
.conflict { border:1px solid var(--line); border-radius:8px; padding:.8rem; margin:.8rem 0; }
.conflict h4 { margin:0 0 .3rem; }
.kind { display:inline-block; font-size:.8rem; font-weight:600; padding:.1rem .5rem; border-radius:4px; background:var(--badbg); color:var(--bad); }
.sides { display:grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap:.8rem; margin-top:.6rem; }
.side { background:var(--bg); border-radius:6px; padding:.6rem .7rem; }
.side .figure { font-size:1.3rem; font-weight:700; }
.why { color:var(--muted); font-size:.92rem; margin:.6rem 0 0; }
.entities { display:grid; grid-template-columns: repeat(auto-fill, minmax(15rem,1fr)); gap:.7rem; }
.entity { border:1px solid var(--line); border-radius:8px; padding:.6rem .7rem; }
.entity .name { font-weight:600; }
.entity .kindname { color:var(--muted); font-size:.8rem; margin-left:.3rem; }
.chip { display:inline-block; background:var(--bg); border:1px solid var(--line); border-radius:4px; padding:0 .35rem; margin:.2rem .2rem 0 0; font-size:.85rem; }
figure.quote { margin:.7rem 0; padding:.4rem .9rem; border-left:4px solid var(--accent); }
figure.quote blockquote { margin:0; }
figure.quote figcaption { color:var(--muted); font-size:.9rem; }
ol.timeline { list-style:none; padding:0 0 0 1.2rem; border-left:2px solid var(--line); margin:.5rem 0 0 .4rem; }
ol.timeline li { position:relative; margin:.7rem 0; }
ol.timeline li::before { content:""; position:absolute; left:-1.62rem; top:.45rem; width:.7rem; height:.7rem; border-radius:50%; background:var(--accent); }
.date { font-weight:700; font-variant-numeric: tabular-nums; }
.sources li { margin:.4rem 0; }
details summary { cursor:pointer; color:var(--muted); }
del { color:var(--muted); }
a { color:var(--accent); }
@media (max-width: 34rem) { article.story { padding:1rem; } .story > h2 { font-size:1.25rem; } }
"#;

fn badges(labels: &SourceLabels, sources: &[String], story: u32) -> String {
    let mut seen: Vec<String> = Vec::new();
    let mut html = String::new();
    for source in sources {
        let number = labels.number(source);
        if seen.contains(&number) {
            continue;
        }
        html.push_str(&format!(
            "<a class=\"badge\" href=\"#s{story}-src{}\" title=\"{}\">{}</a>",
            escape(number.trim_matches(['[', ']'])),
            escape(&labels.short(source)),
            escape(number.trim_matches(['[', ']']))
        ));
        seen.push(number);
    }
    html
}

fn story(brief: &Brief, out: &mut dyn fmt::Write) -> fmt::Result {
    let labels = SourceLabels::of(brief);
    let id = brief.id;
    writeln!(
        out,
        "<article class=\"story\" id=\"story-{id}\" aria-labelledby=\"story-{id}-title\">"
    )?;
    writeln!(
        out,
        "<h2 id=\"story-{id}-title\">{}</h2>",
        escape(&brief.headline.text)
    )?;
    writeln!(
        out,
        "<p class=\"meta\">Story {} · {} articles · {} independent sources · headline from {}</p>",
        id + 1,
        brief.articles.len(),
        brief.lineages.len(),
        badges(
            &labels,
            std::slice::from_ref(&brief.headline.span.source),
            id
        )
    )?;

    let facts = key_facts(brief);
    if !facts.is_empty() {
        writeln!(out, "<section><h3>Key facts</h3><ul class=\"facts\">")?;
        for group in facts {
            let sources: Vec<String> = group
                .claims
                .iter()
                .map(|claim| claim.source.clone())
                .collect();
            let class = if group.verdict == "corroborated" {
                "fact"
            } else {
                "fact compatible"
            };
            writeln!(
                out,
                "<li class=\"{class}\"><span class=\"label\">{}</span> <span class=\"verdict\">{}</span> {}<blockquote>{}</blockquote></li>",
                escape(&group.label),
                escape(&verdict_words(group)),
                badges(&labels, &sources, id),
                escape(&group.statement.text)
            )?;
        }
        writeln!(out, "</ul></section>")?;
    }

    let conflict_groups = conflicts(brief);
    if !conflict_groups.is_empty() {
        writeln!(out, "<section><h3>Where the sources disagree</h3>")?;
        for group in conflict_groups {
            let kind = group.conflict_kind.as_deref().unwrap_or("conflict");
            writeln!(
                out,
                "<div class=\"conflict\"><h4>{}</h4><span class=\"kind\">{}</span> <span class=\"verdict\">{}</span><div class=\"sides\">",
                escape(&group.label),
                escape(&kind.replace('_', " ")),
                escape(conflict_words(kind))
            )?;
            for (_, claims) in sides(group) {
                let Some(first) = claims.first() else {
                    continue;
                };
                let sources: Vec<String> =
                    claims.iter().map(|claim| claim.source.clone()).collect();
                let credit = side_credit(&claims)
                    .map(|party| {
                        format!(
                            "<div class=\"verdict\">credited to {}</div>",
                            escape(&party)
                        )
                    })
                    .unwrap_or_else(|| {
                        "<div class=\"verdict\">the outlet's own figure</div>".to_string()
                    });
                writeln!(
                    out,
                    "<div class=\"side\"><div class=\"figure\">{}</div>{credit}{}<blockquote>{}</blockquote></div>",
                    escape(&side_values(&claims)),
                    badges(&labels, &sources, id),
                    escape(&first.text)
                )?;
            }
            writeln!(
                out,
                "</div><p class=\"why\">Why: {}</p></div>",
                escape(&group.explanation)
            )?;
        }
        writeln!(out, "</section>")?;
    }

    if !brief.entities.is_empty() {
        writeln!(
            out,
            "<section><h3>Who and what</h3><div class=\"entities\">"
        )?;
        for entity in &brief.entities {
            let chips: String = entity
                .variants
                .iter()
                .map(|variant| format!("<span class=\"chip\">{}</span>", escape(variant)))
                .collect();
            writeln!(
                out,
                "<div class=\"entity\"><span class=\"name\">{}</span><span class=\"kindname\">{}</span> {}<div>{chips}</div></div>",
                escape(&entity.name),
                escape(&entity.kind),
                badges(&labels, &entity.sources, id)
            )?;
        }
        writeln!(out, "</div></section>")?;
    }

    if !brief.quotes.is_empty() {
        writeln!(out, "<section><h3>Quotes</h3>")?;
        for quote in &brief.quotes {
            writeln!(
                out,
                "<figure class=\"quote\"><blockquote>“{}”</blockquote><figcaption>— {} {}</figcaption></figure>",
                escape(&quote.text),
                escape(quote.speaker.as_deref().unwrap_or("unknown speaker")),
                badges(&labels, &quote.sources, id)
            )?;
        }
        writeln!(out, "</section>")?;
    }

    if !brief.timeline.is_empty() {
        writeln!(out, "<section><h3>Timeline</h3><ol class=\"timeline\">")?;
        for entry in &brief.timeline {
            let date = match entry.precision.as_str() {
                "year" => entry.date.format("%Y").to_string(),
                "month" | "season" => entry.date.format("%B %Y").to_string(),
                _ => entry.date.format("%-d %B %Y").to_string(),
            };
            let sources: Vec<String> = entry
                .sources
                .iter()
                .map(|span| span.source.clone())
                .collect();
            writeln!(
                out,
                "<li><time class=\"date\" datetime=\"{}\">{}</time> {}<div>{}</div></li>",
                entry.date,
                escape(&date),
                badges(&labels, &sources, id),
                escape(&entry.event)
            )?;
        }
        writeln!(out, "</ol></section>")?;
    }

    let unique: Vec<_> = brief
        .unique
        .iter()
        .filter(|report| !report.statements.is_empty() || !report.omits.is_empty())
        .collect();
    if !unique.is_empty() {
        writeln!(
            out,
            "<section><h3>What each source alone reports</h3><ul class=\"plain\">"
        )?;
        for report in unique {
            let sources: Vec<String> = report.source.split(" + ").map(str::to_string).collect();
            writeln!(out, "<li>{}<ul>", badges(&labels, &sources, id))?;
            for statement in &report.statements {
                writeln!(out, "<li>{}</li>", escape(&statement.text))?;
            }
            if !report.omits.is_empty() {
                writeln!(
                    out,
                    "<li><em>leaves out:</em> {}</li>",
                    escape(&report.omits.join("; "))
                )?;
            }
            writeln!(out, "</ul></li>")?;
        }
        writeln!(out, "</ul></section>")?;
    }

    writeln!(out, "<section><h3>Sources</h3><ol class=\"sources\">")?;
    for (position, article) in brief.articles.iter().enumerate() {
        let lineage = brief
            .lineages
            .iter()
            .find(|lineage| lineage.id == article.lineage && lineage.articles.len() > 1)
            .map(|lineage| {
                let others: Vec<String> = lineage
                    .articles
                    .iter()
                    .filter(|source| **source != article.source)
                    .cloned()
                    .collect();
                format!(" · rewrite of {}", badges(&labels, &others, id))
            })
            .unwrap_or_default();
        write!(
            out,
            "<li id=\"s{id}-src{}\"><code>{}</code>{lineage}",
            position + 1,
            escape(&labels.short(&article.source))
        )?;
        if !article.boilerplate.is_empty() {
            write!(
                out,
                "<details><summary>{} non-body line{} marked</summary><ul>",
                article.boilerplate.len(),
                if article.boilerplate.len() == 1 {
                    ""
                } else {
                    "s"
                }
            )?;
            for line in &article.boilerplate {
                write!(
                    out,
                    "<li><del>{}</del> <span class=\"verdict\">{}</span></li>",
                    escape(&line.text),
                    escape(&line.reason.replace('_', " "))
                )?;
            }
            write!(out, "</ul></details>")?;
        }
        writeln!(out, "</li>")?;
    }
    writeln!(out, "</ol></section>")?;
    writeln!(out, "</article>")
}

impl Render for Html {
    fn render(&self, document: &BriefDocument, out: &mut dyn fmt::Write) -> fmt::Result {
        writeln!(out, "<!doctype html>")?;
        writeln!(out, "<html lang=\"en\"><head><meta charset=\"utf-8\">")?;
        writeln!(
            out,
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        )?;
        writeln!(
            out,
            "<title>Parallax brief</title><style>{STYLE}</style></head><body><main>"
        )?;
        writeln!(
            out,
            "<header class=\"page\"><h1>Parallax brief</h1></header>"
        )?;
        for brief in &document.stories {
            story(brief, out)?;
        }
        if !document.errors.is_empty() {
            writeln!(out, "<section><h2>Inputs that could not be read</h2><ul>")?;
            for failure in &document.errors {
                writeln!(
                    out,
                    "<li><code>{}</code>: {}</li>",
                    escape(&failure.source),
                    escape(&failure.error)
                )?;
            }
            writeln!(out, "</ul></section>")?;
        }
        writeln!(out, "</main></body></html>")
    }
}
