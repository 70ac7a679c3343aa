// Parallax web UI: reads the JSON API of `parallax serve` and draws the
// story list, the story page and the form to add articles.
//
// Rule of this file: text from articles (and every other string from the
// API) enters the page through text nodes and attribute values only, never
// as markup. `el()` is the one way elements are made.
"use strict";

(function () {
  const main = document.getElementById("main");

  // ---------------------------------------------------------------- helpers

  /** Makes an element; children are nodes or strings (as text). */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") node.className = value;
      else if (name.startsWith("on") && typeof value === "function") {
        node.addEventListener(name.slice(2), value);
      } else node.setAttribute(name, value === true ? "" : String(value));
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" || typeof child === "number"
        ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  function plural(count, one, many) {
    return count === 1 ? "1 " + one : count + " " + (many || one + "s");
  }

  class ApiFailure extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, options) {
    let response;
    try {
      response = await fetch(path, options);
    } catch (error) {
      throw new ApiFailure(0, "The server did not answer. Is `parallax serve` still running?");
    }
    let body = null;
    try {
      body = await response.json();
    } catch (error) {
      throw new ApiFailure(response.status, "The server sent an answer that is not JSON (status " + response.status + ").");
    }
    if (!response.ok) {
      const failure = new ApiFailure(response.status, (body && body.error) || ("The server answered " + response.status + "."));
      failure.body = body;
      throw failure;
    }
    return body;
  }

  function showError(error) {
    main.replaceChildren(
      el("h1", {}, "Something went wrong"),
      el("p", { class: "error", role: "alert" }, error.message || String(error)),
      el("p", {}, el("a", { href: "#/" }, "Back to the stories")),
    );
  }

  function formatTime(iso) {
    if (!iso) return "";
    const date = new Date(iso);
    if (isNaN(date.getTime())) return iso;
    return date.toLocaleString(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
  }

  const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];

  function formatDate(iso, precision) {
    const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!parts) return iso || "";
    const year = parts[1], month = MONTHS[Number(parts[2]) - 1] || parts[2], day = Number(parts[3]);
    switch (precision) {
      case "year": return year;
      case "decade": return year + "s";
      case "month": return month + " " + year;
      case "season": return "season of " + month + " " + year;
      default: return day + " " + month + " " + year;
    }
  }

  function setTitle(text) {
    document.title = text ? text + " · Parallax" : "Parallax";
  }

  // The first page shown keeps the browser's own focus order (Tab reaches
  // the skip link first); later pages move focus to their heading.
  let firstPage = true;

  function focusHeading() {
    const heading = main.querySelector("h1");
    if (firstPage) {
      firstPage = false;
      return;
    }
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
    }
    window.scrollTo(0, 0);
  }

  // Words for the verdicts and kinds of conflict.
  const KIND_WORDS = {
    contradiction: ["Contradiction", "The sources give figures for the same fact that cannot both be true."],
    different_attribution: ["Different attribution", "The figures come from different parties: one side is what a named person or body says, not what the outlets report themselves. Both can be reported correctly."],
    different_scope: ["Different scope", "The figures count different things (a part against the whole, another place, another stage), so both may be right."],
    compatible: ["Compatible", "The figures differ in form, not in fact: one number satisfies them all."],
    likely_error: ["Likely error", "One source alone contradicts all the others on this fact; it is probably a mistake in that source."],
  };

  function verdictChip(group) {
    if (group.verdict === "conflict" && group.conflict_kind === "compatible") {
      return el("span", { class: "chip chip-compatible" }, "Compatible figures");
    }
    if (group.verdict === "conflict") {
      const words = KIND_WORDS[group.conflict_kind] || ["Conflict", ""];
      return el("span", { class: "chip chip-conflict" }, "Conflict: " + words[0].toLowerCase());
    }
    if (group.verdict === "corroborated") {
      return el("span", { class: "chip chip-agreed" },
        "Agreed by " + plural(group.independent_sources, "independent source"));
    }
    return el("span", { class: "chip chip-single" }, "Single source");
  }

  // ---------------------------------------------------------------- router

  let currentStory = null; // { id, view }

  function route() {
    const hash = location.hash || "#/";
    if (!hash.startsWith("#/")) return;
    const parts = hash.slice(2).split("/").filter(Boolean);
    if (parts.length === 0 || parts[0] === "stories") {
      const page = Number(new URLSearchParams(hash.split("?")[1] || "").get("page")) || 1;
      renderList(page);
    } else if (parts[0] === "story" && parts[1]) {
      renderStory(parts[1].split("?")[0], parts[2]);
    } else if (parts[0] === "add") {
      renderAdd();
    } else {
      showError(new Error("There is no page " + hash + " here."));
    }
  }

  window.addEventListener("hashchange", route);
  document.getElementById("skip-link").addEventListener("click", (event) => {
    event.preventDefault();
    main.focus();
  });

  // ------------------------------------------------------------ story list

  async function renderList(page) {
    setTitle("Stories");
    currentStory = null;
    main.replaceChildren(el("p", { class: "status", role: "status" }, "Loading the stories…"));
    let body;
    try {
      body = await api("/api/stories?page=" + page + "&per_page=20");
    } catch (error) {
      showError(error);
      return;
    }
    const heading = el("h1", {}, "Stories");
    const intro = el("p", { class: "lede" },
      body.total === 0 ? "" : plural(body.total, "story", "stories") + " in this store, the most recently updated first. Open one to see what its sources agree on and where they differ.");
    if (body.stories.length === 0) {
      main.replaceChildren(heading, el("div", { class: "empty" },
        el("p", {}, "No stories yet."),
        el("p", {}, "Add articles on the ", el("a", { href: "#/add" }, "Add articles"), " page, or from a terminal with ",
          el("code", {}, "parallax ingest FILES… --db FILE"), ".")));
      focusHeading();
      return;
    }
    const list = el("ol", { class: "story-list", start: (body.page - 1) * body.per_page + 1 });
    for (const story of body.stories) {
      const counts = story.counts;
      const meta = [
        plural(story.article_count, "article"),
        plural(counts.independent_sources, "independent source"),
      ];
      const facts = [];
      if (counts.conflicts) facts.push(el("span", { class: "chip chip-conflict" }, plural(counts.conflicts, "conflict")));
      if (counts.corroborated) facts.push(el("span", { class: "chip chip-agreed" }, plural(counts.corroborated, "fact") + " agreed"));
      const sources = story.sources.slice(0, 8).map((label) => el("li", { class: "badge badge-plain" }, label));
      if (story.sources.length > 8) sources.push(el("li", { class: "badge badge-plain" }, "+" + (story.sources.length - 8) + " more"));
      list.appendChild(el("li", { class: "story-card" },
        el("h2", {}, el("a", { href: "#/story/" + story.id }, story.headline)),
        el("p", { class: "story-meta" }, meta.join(" · "), " · updated ",
          el("time", { datetime: story.updated_at }, formatTime(story.updated_at))),
        facts.length ? el("p", { class: "story-facts" }, facts) : null,
        el("ul", { class: "badges", "aria-label": "Sources" }, sources),
      ));
    }
    const pager = el("nav", { class: "pager", "aria-label": "Pages" },
      body.page > 1 ? el("a", { href: "#/?page=" + (body.page - 1), rel: "prev" }, "← Newer stories") : null,
      el("span", {}, "Page " + body.page + " of " + Math.max(body.pages, 1)),
      body.page < body.pages ? el("a", { href: "#/?page=" + (body.page + 1), rel: "next" }, "Older stories →") : null,
    );
    main.replaceChildren(heading, intro, list, body.pages > 1 ? pager : null);
    focusHeading();
  }

  // ------------------------------------------------------------ story page

  async function renderStory(idText, section) {
    const id = Number(idText);
    if (currentStory && currentStory.id === id && document.getElementById("story-" + id)) {
      scrollToSection(section);
      return;
    }
    main.replaceChildren(el("p", { class: "status", role: "status" }, "Cross-checking the story…"));
    let documentBody, articlesBody;
    try {
      [documentBody, articlesBody] = await Promise.all([
        api("/api/stories/" + encodeURIComponent(idText)),
        api("/api/stories/" + encodeURIComponent(idText) + "/articles"),
      ]);
    } catch (error) {
      showError(error);
      return;
    }
    const briefs = documentBody.stories || [];
    if (briefs.length === 0) {
      showError(new Error("This story has no brief: its articles hold no text to cross-check."));
      return;
    }
    const context = makeContext(articlesBody.articles, briefs);
    const page = el("article", { class: "story", id: "story-" + id });
    briefs.forEach((brief, position) => {
      append(page, [renderBrief(brief, position, context, id)]);
    });
    append(page, [renderArticles(articlesBody.articles, context)]);
    main.replaceChildren(page);
    currentStory = { id };
    setTitle(briefs[0].headline.text);
    if (section) scrollToSection(section);
    else focusHeading();
  }

  function scrollToSection(section) {
    const target = section && document.getElementById(section);
    if (!target) return;
    const heading = target.querySelector("h2") || target;
    heading.setAttribute("tabindex", "-1");
    target.scrollIntoView({ block: "start" });
    heading.focus({ preventScroll: true });
  }

  /** What every section needs: articles by index, labels, lineage colours. */
  function makeContext(articles, briefs) {
    const byIndex = new Map();
    for (const article of articles) byIndex.set(article.index, article);
    const groups = new Map(); // "brief:group" -> group
    briefs.forEach((brief, position) => {
      for (const group of brief.claim_groups) groups.set(position + ":" + group.id, group);
    });
    return { byIndex, groups, articles };
  }

  function labelOf(context, articleIndex, fallback) {
    const article = context.byIndex.get(articleIndex);
    return article ? article.label : (fallback || "source " + articleIndex);
  }

  function lineageOf(context, articleIndex) {
    const article = context.byIndex.get(articleIndex);
    return article && article.lineage !== null && article.lineage !== undefined ? article.lineage : 0;
  }

  /** A badge naming an article, coloured by its lineage. */
  function sourceBadge(context, articleIndex, fallback) {
    const lineage = lineageOf(context, articleIndex);
    return el("span", { class: "badge lineage-" + (lineage % 8), title: "Source group " + (lineage + 1) },
      labelOf(context, articleIndex, fallback));
  }

  /** Badges for a set of article indexes, one per article, in order. */
  function sourceBadges(context, articleIndexes) {
    const unique = [...new Set(articleIndexes)].sort((a, b) => a - b);
    return el("ul", { class: "badges", "aria-label": "Sources" },
      unique.map((index) => el("li", {}, sourceBadge(context, index))));
  }

  /** A sentence with `part` (when found in it) marked. */
  function sentenceWithMark(text, part, markClass) {
    const at = part ? text.indexOf(part) : -1;
    if (at < 0) return [text];
    return [text.slice(0, at), el("mark", { class: markClass }, part), text.slice(at + part.length)];
  }

  function section(id, title, intro, ...content) {
    return el("section", { class: "story-section", id, "aria-labelledby": id + "-heading" },
      el("h2", { id: id + "-heading" }, title),
      intro ? el("p", { class: "section-intro" }, intro) : null,
      content);
  }

  function renderBrief(brief, position, context, storyId) {
    const suffix = position === 0 ? "" : "-" + (position + 1);
    const groupsById = new Map(brief.claim_groups.map((group) => [group.id, group]));
    const conflicts = brief.claim_groups.filter((group) => group.verdict === "conflict");
    const agreed = brief.claim_groups.filter((group) => group.verdict === "corroborated");
    const keyFacts = brief.key_facts.map((id) => groupsById.get(id)).filter(Boolean);
    const sections = [
      ["facts" + suffix, "Key facts", keyFacts.length],
      ["conflicts" + suffix, "Conflicts", conflicts.length],
      ["people" + suffix, "Who is involved", brief.entities.length],
      ["quotes" + suffix, "Quotes", brief.quotes.length],
      ["timeline" + suffix, "Timeline", brief.timeline.length],
      ["coverage" + suffix, "Who reports what", keyFacts.length],
      ["unique" + suffix, "Only in one source", brief.unique.length],
      ["articles", "The articles", context.articles.length],
    ];
    const header = el("header", { class: "story-header" },
      position === 0 ? el("p", { class: "eyebrow" }, el("a", { href: "#/" }, "Stories"), " › Story " + storyId)
        : el("p", { class: "eyebrow" }, "Another story found among the same articles"),
      el(position === 0 ? "h1" : "h2", { class: "headline" }, brief.headline.text),
      el("p", { class: "story-meta" },
        plural(brief.articles.length, "article"), " from ",
        plural(brief.lineages.length, "independent source"),
        " · ", plural(agreed.length, "fact"), " agreed · ", plural(conflicts.length, "conflict"),
        " · headline from ", sourceBadge(context, brief.headline.span.article, brief.headline.span.source)),
      renderLineages(brief, context),
      el("nav", { class: "section-nav", "aria-label": "Sections of this story" },
        el("ul", {}, sections.filter((entry) => entry[2] > 0 || entry[0].startsWith("facts")).map(([id, title, count]) =>
          el("li", {}, el("a", { href: "#/story/" + storyId + "/" + id }, title, el("span", { class: "count" }, String(count)))))))
    );
    return el("div", { class: "brief" },
      header,
      renderKeyFacts(keyFacts, context, suffix, storyId),
      conflicts.length ? renderConflicts(conflicts, context, suffix) : null,
      brief.entities.length ? renderEntities(brief.entities, context, suffix) : null,
      brief.quotes.length ? renderQuotes(brief.quotes, context, suffix) : null,
      brief.timeline.length ? renderTimeline(brief.timeline, context, suffix) : null,
      keyFacts.length ? renderCoverage(brief, keyFacts, context, suffix) : null,
      brief.unique.length ? renderUnique(brief, context, suffix) : null,
    );
  }

  function renderLineages(brief, context) {
    const items = brief.lineages.map((lineage) => {
      const members = brief.articles.filter((article) => article.lineage === lineage.id);
      const kinds = lineage.links.map((link) => link.kind);
      const how = kinds.length ? " (" + [...new Set(kinds)].join(", ") + " of one text)" : "";
      return el("li", {}, members.map((article) => sourceBadge(context, article.index, article.source)),
        members.length > 1 ? el("span", { class: "lineage-note" }, "count as one source" + how) : null);
    });
    return el("details", { class: "lineages" },
      el("summary", {}, "Sources: " + plural(brief.articles.length, "article") + " in " + plural(brief.lineages.length, "independent group")),
      el("p", {}, "Articles that copy, rewrite or translate one text are grouped and counted as one independent source. Badges of one group share a colour."),
      el("ul", { class: "lineage-list" }, items));
  }

  function claimArticles(group) {
    return group.claims.map((claim) => claim.span.article);
  }

  function renderKeyFacts(keyFacts, context, suffix, storyId) {
    if (keyFacts.length === 0) {
      return section("facts" + suffix, "Key facts", "No figure or date in these articles is reported by more than one source yet.");
    }
    const list = el("ol", { class: "fact-list" }, keyFacts.map((group) => {
      const link = group.verdict === "conflict"
        ? el("a", { href: "#/story/" + storyId + "/conflict-" + group.id + suffix, class: "see-conflict" }, "See both sides")
        : null;
      return el("li", { class: "fact fact-" + group.verdict, id: "fact-" + group.id + suffix },
        el("p", { class: "fact-statement" },
          sentenceWithMark(group.statement.text, (group.claims.find((claim) => claim.span.start === group.statement.span.start && claim.span.article === group.statement.span.article) || {}).value_text, "value")),
        el("p", { class: "fact-meta" }, verdictChip(group), " ",
          el("span", { class: "generated", title: "Generated from the extracted figures" }, group.label), " ", link),
        sourceBadges(context, claimArticles(group)));
    }));
    return section("facts" + suffix, "Key facts",
      "The facts reported by the most independent sources, with where each is stated. A fact stated alike by several sources is agreed; one they differ on is a conflict.",
      list);
  }

  /** Groups a conflict's claims into sides: one per value and attribution. */
  function sidesOf(group) {
    const sides = new Map();
    for (const claim of group.claims) {
      const value = claim.value || {};
      const key = JSON.stringify([value.low, value.high, value.low_inclusive, value.high_inclusive, value.exact, value.unit, value.text, (claim.attributed_to || "").toLowerCase()]);
      if (!sides.has(key)) sides.set(key, { claims: [], valueText: claim.value_text, attributed: claim.attributed_to });
      sides.get(key).claims.push(claim);
    }
    return [...sides.values()].sort((a, b) => b.claims.length - a.claims.length);
  }

  function describeValue(value) {
    if (!value) return "";
    if (value.text) return value.text;
    const number = (x) => Number(x).toLocaleString();
    if (value.exact !== null && value.exact !== undefined) return "exactly " + number(value.exact);
    if (value.low !== null && value.high !== null && value.low !== undefined && value.high !== undefined) {
      return value.low === value.high ? number(value.low) : "between " + number(value.low) + " and " + number(value.high);
    }
    if (value.low !== null && value.low !== undefined) return (value.low_inclusive ? "at least " : "more than ") + number(value.low);
    if (value.high !== null && value.high !== undefined) return (value.high_inclusive ? "at most " : "less than ") + number(value.high);
    return "";
  }

  function renderConflicts(conflicts, context, suffix) {
    const ordered = conflicts.filter((group) => group.conflict_kind !== "compatible")
      .concat(conflicts.filter((group) => group.conflict_kind === "compatible"));
    const cards = ordered.map((group) => {
      const words = KIND_WORDS[group.conflict_kind] || ["Conflict", "The sources differ on this fact."];
      const sides = sidesOf(group);
      const sideNodes = sides.map((side, number) => {
        const articles = [...new Set(side.claims.map((claim) => claim.span.article))];
        const lineages = new Set(articles.map((index) => lineageOf(context, index)));
        return el("div", { class: "side", role: "group", "aria-label": "Side " + (number + 1) + ": " + side.valueText },
          el("p", { class: "side-value" }, side.valueText),
          el("p", { class: "side-meta" },
            plural(lineages.size, "independent source"), " · ", plural(articles.length, "article"),
            describeValue(side.claims[0].value) ? " · read as " + describeValue(side.claims[0].value) : "",
            side.attributed ? el("span", { class: "attribution" }, " · credited to " + side.attributed) : null),
          el("ul", { class: "side-claims" }, side.claims.map((claim) =>
            el("li", {},
              sourceBadge(context, claim.span.article, claim.source),
              el("blockquote", { class: "source-sentence" }, sentenceWithMark(claim.text, claim.value_text, "value")),
              claim.scope && claim.scope.length ? el("p", { class: "scope" }, "Counts: " + [claim.counted].concat(claim.scope).filter(Boolean).join(", ")) : null))));
      });
      return el("li", { class: "conflict kind-" + (group.conflict_kind || "other"), id: "conflict-" + group.id + suffix },
        el("h3", {}, el("span", { class: "generated" }, group.label)),
        el("div", { class: "kind-explained" },
          el("p", {}, el("strong", { class: group.conflict_kind === "compatible" ? "chip chip-compatible" : "chip chip-conflict" }, words[0]), " ", words[1]),
          el("p", { class: "explanation" }, el("span", { class: "generated-tag" }, "generated"), " ", group.explanation)),
        el("div", { class: "sides sides-" + Math.min(sides.length, 3) }, sideNodes));
    });
    return section("conflicts" + suffix, "Conflicts",
      "Where the sources give different figures for what looks like one fact. Each side shows its figure and the sentences that state it; the kind of conflict says whether both can be true.",
      el("ol", { class: "conflict-list" }, cards));
  }

  const KIND_NAMES = { person: "Person", organisation: "Organisation", place: "Place", other: "Name" };

  function renderEntities(entities, context, suffix) {
    const sorted = [...entities].sort((a, b) => b.mentions - a.mentions);
    const sourceIndex = new Map(context.articles.map((article) => [article.source, article.index]));
    const cards = sorted.map((entity) =>
      el("li", { class: "entity-card entity-" + entity.kind },
        el("h3", {}, entity.name),
        el("p", { class: "entity-kind" }, KIND_NAMES[entity.kind] || entity.kind, " · ", plural(entity.mentions, "mention")),
        entity.titles.length ? el("p", { class: "entity-titles" }, "Titles: " + entity.titles.join("; ")) : null,
        el("p", { class: "spellings-label" }, entity.variants.length > 1 ? "Spelled " + entity.variants.length + " ways:" : "Spelled:"),
        el("ul", { class: "spellings" }, entity.variants.map((variant) => el("li", {}, variant))),
        el("ul", { class: "badges", "aria-label": "Mentioned by" }, entity.sources.map((source) =>
          el("li", {}, sourceIndex.has(source) ? sourceBadge(context, sourceIndex.get(source)) : el("span", { class: "badge badge-plain" }, source))))));
    return section("people" + suffix, "Who is involved",
      "People, organisations and places, with every spelling the sources use merged into one card.",
      el("ul", { class: "entity-grid" }, cards));
  }

  function renderQuotes(quotes, context, suffix) {
    const bySpeaker = new Map();
    for (const quote of quotes) {
      const speaker = quote.speaker || "Speaker not named";
      if (!bySpeaker.has(speaker)) bySpeaker.set(speaker, []);
      bySpeaker.get(speaker).push(quote);
    }
    const speakers = [...bySpeaker.entries()].sort((a, b) => b[1].length - a[1].length);
    const blocks = speakers.map(([speaker, spoken]) =>
      el("li", { class: "speaker" },
        el("h3", {}, speaker, el("span", { class: "count" }, String(spoken.length))),
        el("ul", { class: "quote-list" }, spoken.map((quote) => {
          const wordings = new Map();
          for (const variant of quote.variants) {
            if (!wordings.has(variant.text)) wordings.set(variant.text, []);
            wordings.get(variant.text).push(variant.span.article);
          }
          return el("li", {},
            el("blockquote", {}, "“", quote.text, "”"),
            sourceBadges(context, quote.variants.map((variant) => variant.span.article)),
            wordings.size > 1 ? el("details", { class: "wordings" },
              el("summary", {}, "Worded " + wordings.size + " ways"),
              el("ul", {}, [...wordings.entries()].map(([text, articles]) =>
                el("li", {}, sourceBadges(context, articles), el("q", {}, text))))) : null);
        }))));
    return section("quotes" + suffix, "Quotes", "What was said, by speaker, with the sources that carry each remark.",
      el("ul", { class: "speaker-list" }, blocks));
  }

  function renderTimeline(entries, context, suffix) {
    const sorted = [...entries].sort((a, b) => a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
    let lastYear = null;
    const items = [];
    for (const entry of sorted) {
      const year = entry.date.slice(0, 4);
      if (year !== lastYear) {
        items.push(el("li", { class: "timeline-year", "aria-hidden": "true" }, year));
        lastYear = year;
      }
      items.push(el("li", { class: "timeline-entry precision-" + entry.precision },
        el("time", { datetime: entry.date, class: "timeline-date" }, formatDate(entry.date, entry.precision)),
        el("p", { class: "timeline-event" }, entry.event),
        sourceBadges(context, entry.sources.map((span) => span.article))));
    }
    return section("timeline" + suffix, "Timeline", "Dated events in the order they happened, as the articles date them.",
      el("ol", { class: "timeline" }, items));
  }

  function renderCoverage(brief, keyFacts, context, suffix) {
    const extra = brief.claim_groups.filter((group) => group.verdict === "conflict" && !brief.key_facts.includes(group.id));
    const rows = keyFacts.concat(extra);
    const lineages = brief.lineages.map((lineage) => ({
      lineage,
      articles: brief.articles.filter((article) => article.lineage === lineage.id),
    })).filter((entry) => entry.articles.length > 0);
    const groupRow = el("tr", {}, el("td", { class: "corner" }),
      lineages.map((entry) => el("th", { scope: "colgroup", colspan: entry.articles.length, class: "lineage-head lineage-" + (entry.lineage.id % 8) },
        entry.articles.length > 1 ? "One source: " + plural(entry.articles.length, "article") : "Source " + (entry.lineage.id + 1))));
    const articleRow = el("tr", {}, el("th", { scope: "col" }, "Fact"),
      lineages.flatMap((entry) => entry.articles.map((article) =>
        el("th", { scope: "col", class: "article-head" }, sourceBadge(context, article.index, article.source)))));
    const body = rows.map((group) => {
      const byArticle = new Map();
      for (const claim of group.claims) {
        if (!byArticle.has(claim.span.article)) byArticle.set(claim.span.article, claim);
      }
      const keyOf = (claim) => describeValue(claim.value) || claim.value_text;
      const counts = new Map();
      for (const claim of byArticle.values()) counts.set(keyOf(claim), (counts.get(keyOf(claim)) || 0) + 1);
      const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
      return el("tr", { class: "row-" + group.verdict },
        el("th", { scope: "row" }, el("span", { class: "generated" }, group.label), " ", verdictChip(group)),
        lineages.flatMap((entry) => entry.articles.map((article) => {
          const claim = byArticle.get(article.index);
          if (claim === undefined) return el("td", { class: "absent" }, el("span", { "aria-label": "not reported" }, "—"));
          const differs = group.verdict === "conflict" && group.conflict_kind !== "compatible" && common && keyOf(claim) !== common[0];
          return el("td", { class: differs ? "reported differs" : "reported" }, claim.value_text);
        })));
    });
    return section("coverage" + suffix, "Who reports what",
      "Each row is a fact, each column an article; copies and rewrites of one text stand together under one source. A dash means the article does not report the fact; a figure in red differs from the others.",
      el("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-label": "Coverage table, scrolls sideways" },
        el("table", { class: "coverage" }, el("thead", {}, groupRow, articleRow), el("tbody", {}, body))));
  }

  function renderUnique(brief, context, suffix) {
    const sourceIndex = new Map(context.articles.map((article) => [article.source, article.index]));
    const items = brief.unique.filter((report) => report.statements.length || report.omits.length).map((report) => {
      const names = report.source.split(" + ");
      return el("li", { class: "unique-report" },
        el("h3", {}, names.map((name) => sourceIndex.has(name) ? sourceBadge(context, sourceIndex.get(name)) : el("span", { class: "badge badge-plain" }, name))),
        report.statements.length ? el("ul", { class: "unique-statements" },
          dedupeLines(report.statements).map(([text, articles]) => el("li", {}, text, " ", articles.map((index) => sourceBadge(context, index))))) : el("p", {}, "Nothing that no other source reports."),
        report.omits.length ? el("p", { class: "omits" }, "Leaves out: ", report.omits.map((label, index) => [index ? ", " : "", el("span", { class: "generated" }, label)])) : null);
    });
    return section("unique" + suffix, "Only in one source",
      "For each independent source: what it alone reports, and which key facts it leaves out.",
      el("ul", { class: "unique-list" }, items));
  }

  /** Lines of the same text from several articles, once, with all of them. */
  function dedupeLines(lines) {
    const byText = new Map();
    for (const line of lines) {
      const key = line.text.replace(/\s+/g, " ").trim();
      if (!byText.has(key)) byText.set(key, []);
      if (!byText.get(key).includes(line.span.article)) byText.get(key).push(line.span.article);
    }
    return [...byText.entries()];
  }

  function renderArticles(articles, context) {
    const legend = el("ul", { class: "legend", "aria-label": "Legend" },
      el("li", {}, el("mark", { class: "claim v-corroborated" }, "figure"), " agreed by several sources"),
      el("li", {}, el("mark", { class: "claim v-conflict" }, "figure"), " in conflict"),
      el("li", {}, el("mark", { class: "claim v-single_source" }, "figure"), " one source only"),
      el("li", {}, el("del", {}, "struck through"), " set aside as boilerplate, with the reason"));
    const items = articles.map((article) => {
      const claimCount = article.blocks.reduce((sum, block) => sum + block.pieces.filter((piece) => piece.claims).length, 0);
      const dropped = article.blocks.filter((block) => block.kind === "boilerplate").length;
      const copied = article.copy_of !== null && article.copy_of !== undefined ? context.byIndex.get(article.copy_of) : null;
      const blocks = article.blocks.map((block) => renderBlock(block, context));
      return el("li", { class: "article-item", id: "article-" + article.index },
        el("details", {},
          el("summary", {},
            sourceBadge(context, article.index, article.source), " ",
            el("span", { class: "article-title" }, article.title || firstWords(article)),
            el("span", { class: "article-counts" }, " · " + plural(claimCount, "figure") + " marked · " + plural(dropped, "block") + " set aside")),
          el("div", { class: "article-meta" },
            el("p", {}, "Source: ", el("code", {}, article.source)),
            article.url ? el("p", {}, "Address: ", el("a", { href: safeUrl(article.url), rel: "noopener noreferrer nofollow" }, article.url)) : null,
            article.published ? el("p", {}, "Published " + article.published) : null,
            article.byline ? el("p", {}, "By " + article.byline) : null,
            copied ? el("p", {}, "A copy of ", sourceBadge(context, copied.index)) : null),
          el("div", { class: "article-text" }, blocks)));
    });
    return el("section", { class: "story-section", id: "articles", "aria-labelledby": "articles-heading" },
      el("h2", { id: "articles-heading" }, "The articles"),
      el("p", { class: "section-intro" }, "Each article's text as read: the figures the brief uses are marked where they stand; what was set aside as boilerplate is struck through, with why."),
      legend,
      el("p", {}, el("button", { type: "button", class: "button-quiet", onclick: toggleAll }, "Open all articles")),
      el("ol", { class: "article-list" }, items));
  }

  function toggleAll(event) {
    const all = [...document.querySelectorAll(".article-list details")];
    const open = !all.every((details) => details.open);
    for (const details of all) details.open = open;
    event.target.textContent = open ? "Close all articles" : "Open all articles";
  }

  function firstWords(article) {
    for (const block of article.blocks) {
      if (block.kind === "body") {
        const text = block.pieces.map((piece) => piece.text).join("");
        return text.length > 90 ? text.slice(0, 90).replace(/\s+\S*$/, "") + "…" : text;
      }
    }
    return "(no text)";
  }

  /** Only web addresses become links; anything else (javascript:…) is text. */
  function safeUrl(url) {
    return /^https?:\/\//i.test(url) ? url : "#";
  }

  const REASONS = {
    navigation: "site navigation", unrelated_headline: "another article's headline", see_also: "link to other articles",
    photo_credit: "photo credit", attribution_tag: "contributor tag", padding: "empty padding", byline: "by-line or date line",
    promotion: "promotion or sharing prompt", legal: "legal or copyright line", low_content: "page furniture",
  };

  function renderBlock(block, context) {
    const text = block.pieces.map((piece) => piece.text).join("");
    if (block.kind === "boilerplate") {
      if (!text.trim()) return el("p", { class: "boilerplate padding" }, el("span", { class: "reason" }, "set aside: " + (REASONS[block.reason] || block.reason)));
      return el("p", { class: "boilerplate" }, el("del", {}, text), " ",
        el("span", { class: "reason" }, "set aside: " + (REASONS[block.reason] || block.reason)));
    }
    if (block.kind === "heading") return el("p", { class: "sub-heading" }, text);
    if (block.kind === "caption") return el("p", { class: "caption" }, text);
    return el("p", {}, block.pieces.map((piece) => {
      if (!piece.claims) return piece.text;
      const labels = piece.claims.map((ref) => {
        const group = context.groups.get(ref.brief + ":" + ref.group);
        return group ? group.label + " (" + group.verdict.replace("_", " ") + ")" : "";
      }).filter(Boolean);
      return el("mark", { class: "claim v-" + (piece.verdict || "single_source"), title: labels.join("; ") }, piece.text);
    }));
  }

  // ----------------------------------------------------------- add articles

  let rememberedToken = "";

  function renderAdd() {
    setTitle("Add articles");
    currentStory = null;
    const result = el("div", { class: "post-result", role: "status", "aria-live": "polite" });
    const form = el("form", { class: "add-form" },
      el("p", {}, el("label", { for: "add-source" }, "Source name"),
        el("input", { id: "add-source", name: "source", type: "text", placeholder: "harbour-gazette", autocomplete: "off" })),
      el("p", {}, el("label", { for: "add-url" }, "Address (optional)"),
        el("input", { id: "add-url", name: "url", type: "url", placeholder: "https://…" })),
      el("p", {}, el("label", { for: "add-format" }, "Format"),
        el("select", { id: "add-format", name: "format" },
          el("option", { value: "text/plain" }, "Plain text (one article)"),
          el("option", { value: "text/html" }, "HTML page (one article)"),
          el("option", { value: "application/x-ndjson" }, "JSON Lines (one article a line)"),
          el("option", { value: "application/json" }, "JSON (an object or an array)"))),
      el("p", {}, el("label", { for: "add-text" }, "Article"),
        el("textarea", { id: "add-text", name: "text", rows: "12", required: true })),
      el("p", {}, el("label", { for: "add-token" }, "Token"),
        el("input", { id: "add-token", name: "token", type: "password", autocomplete: "off", value: rememberedToken }),
        el("span", { class: "hint" }, "The token `parallax serve` printed when it started.")),
      el("p", {}, el("button", { type: "submit" }, "Add")),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      rememberedToken = String(data.get("token") || "");
      const query = new URLSearchParams();
      if (data.get("source")) query.set("source", String(data.get("source")));
      if (data.get("url")) query.set("url", String(data.get("url")));
      result.replaceChildren(el("p", {}, "Adding…"));
      try {
        const outcome = await api("/api/articles?" + query.toString(), {
          method: "POST",
          headers: { "Content-Type": String(data.get("format")), "Authorization": "Bearer " + rememberedToken },
          body: String(data.get("text") || ""),
        });
        const stories = [...new Set(outcome.articles.map((article) => article.story).filter(Boolean))];
        result.replaceChildren(
          el("p", { class: "success" }, plural(outcome.added, "article") + " added, " + outcome.already_stored + " already stored."),
          stories.length ? el("p", {}, "In ", stories.map((story, index) => [index ? ", " : "", el("a", { href: "#/story/" + story }, "story " + story)])) : null,
          outcome.failures.length ? el("ul", { class: "error" }, outcome.failures.map((failure) => el("li", {}, failure.source + ": " + failure.error))) : null);
      } catch (error) {
        const failures = (error.body && error.body.failures) || [];
        result.replaceChildren(el("p", { class: "error", role: "alert" }, error.message),
          failures.length ? el("ul", { class: "error" }, failures.map((failure) => el("li", {}, failure.source + ": " + failure.error))) : null);
      }
    });
    main.replaceChildren(el("h1", {}, "Add articles"),
      el("p", { class: "lede" }, "Paste an article (or many, as JSON Lines). It is stored once by its content and placed in a story with the reports of the same events."),
      form, result);
    focusHeading();
  }

  route();
})();
