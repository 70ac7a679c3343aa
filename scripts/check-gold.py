#!/usr/bin/env python3
"""Checks the hand-written gold files of the story evaluation.

Usage: scripts/check-gold.py [GOLD.toml ...]

Without arguments it checks every `examples/stories/*/gold.toml` and every
`eval/gold/*.toml` of the repository. For each gold file (format:
docs/gold-format.md) it checks that

- the listed articles exist, and lineage / source / quote / boilerplate
  articles are among them;
- every entity variant occurs in some article, every quote text in each of
  its sources, every boilerplate text in its article on one line, every role
  title in some article (white space folded, case kept);
- padding lines given by `line` are blank (white space or non-breaking
  spaces only), and every blank line holding spaces, and the first line of
  every run of three or more empty lines, is listed as padding;
- values are numbers, verdicts and conflict kinds are known, a conflict has
  a kind and a non-conflict has none, independent source counts fit the
  lineages of the sources;
- names used by `distinct`, `roles` and `quotes` are entity names, and no
  variant belongs to two entities;
- timeline dates are ISO dates, the first day of their period.

In story folders it also checks that no article uses a name listed in the
gold file of the shared seeds (our stories must be our own).

Standard library only. Exit status 0 when every file is clean, 1 otherwise.
"""

from __future__ import annotations

import datetime
import pathlib
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent

KINDS = {"person", "organisation", "place", "other"}
VERDICTS = {"corroborated", "single_source", "conflict"}
CONFLICT_KINDS = {
    "contradiction",
    "different_attribution",
    "different_scope",
    "compatible",
    "likely_error",
}
REASONS = {
    "navigation",
    "unrelated_headline",
    "see_also",
    "photo_credit",
    "attribution_tag",
    "padding",
    "byline",
    "promotion",
    "legal",
    "sub_heading",
    "caption",
}
PRECISIONS = {"day", "month", "year"}
TOP_LEVEL = {
    "story",
    "articles",
    "articles_dir",
    "lineages",
    "entities",
    "distinct",
    "facts",
    "roles",
    "not_claims",
    "quotes",
    "boilerplate",
    "timeline",
}


def fold(text: str) -> str:
    """White space folded: runs of white space (incl. U+00A0) become one space."""
    return " ".join(text.split())


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class Checker:
    def __init__(self, gold_path: pathlib.Path) -> None:
        self.path = gold_path
        self.errors: list[str] = []
        self.gold: dict = {}
        self.texts: dict[str, str] = {}
        self.folded: dict[str, str] = {}

    def error(self, message: str) -> None:
        self.errors.append(message)

    # -- loading -----------------------------------------------------------

    def load(self) -> bool:
        try:
            with self.path.open("rb") as handle:
                self.gold = tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError) as problem:
            self.error(f"cannot read: {problem}")
            return False
        for key in self.gold:
            if key not in TOP_LEVEL:
                self.error(f"unknown top-level key {key!r}")
        articles = self.gold.get("articles")
        if not isinstance(articles, list) or not articles:
            self.error("`articles` must be a non-empty list")
            return False
        if len(set(articles)) != len(articles):
            self.error("`articles` lists a file twice")
        base = self.path.parent
        if "articles_dir" in self.gold:
            base = (base / self.gold["articles_dir"]).resolve()
        for name in articles:
            file = base / name
            try:
                raw = file.read_bytes()
            except OSError as problem:
                self.error(f"article {name}: {problem}")
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as problem:
                self.error(f"article {name} is not UTF-8: {problem}")
                continue
            self.texts[name] = text
            self.folded[name] = fold(text)
        return bool(self.texts)

    def article(self, name: object, where: str) -> str | None:
        if not isinstance(name, str) or name not in self.gold["articles"]:
            self.error(f"{where}: {name!r} is not among `articles`")
            return None
        return self.texts.get(name)

    def occurs_in(self, needle: str, name: str) -> bool:
        return fold(needle) in self.folded.get(name, "")

    def occurs_anywhere(self, needle: str) -> bool:
        return any(self.occurs_in(needle, name) for name in self.texts)

    # -- sections ------------------------------------------------------------

    def check_lineages(self) -> dict[str, int]:
        lineage_of: dict[str, int] = {}
        for number, lineage in enumerate(self.gold.get("lineages", [])):
            members = lineage.get("articles", [])
            if len(members) < 2:
                self.error(f"lineage {number + 1}: needs two or more articles")
            for name in members:
                self.article(name, f"lineage {number + 1}")
                if name in lineage_of:
                    self.error(f"lineage {number + 1}: {name} is already in lineage {lineage_of[name] + 1}")
                lineage_of[name] = number
        # Every other article is its own lineage.
        next_id = len(self.gold.get("lineages", []))
        for name in self.gold["articles"]:
            if name not in lineage_of:
                lineage_of[name] = next_id
                next_id += 1
        return lineage_of

    def check_entities(self) -> set[str]:
        names: set[str] = set()
        owner: dict[str, str] = {}
        for entity in self.gold.get("entities", []):
            name = entity.get("name")
            where = f"entity {name!r}"
            if not isinstance(name, str) or not name:
                self.error("an entity has no name")
                continue
            if name in names:
                self.error(f"{where}: listed twice")
            names.add(name)
            if entity.get("kind") not in KINDS:
                self.error(f"{where}: kind {entity.get('kind')!r} is not one of {sorted(KINDS)}")
            variants = entity.get("variants", [])
            if not variants:
                self.error(f"{where}: no variants")
            if len(set(variants)) != len(variants):
                self.error(f"{where}: a variant is listed twice")
            for variant in variants:
                if not isinstance(variant, str) or not self.occurs_anywhere(variant):
                    self.error(f"{where}: variant {variant!r} occurs in no article")
                if variant in owner and owner[variant] != name:
                    self.error(f"{where}: variant {variant!r} also belongs to {owner[variant]!r}")
                owner[variant] = name
        for pair in self.gold.get("distinct", []):
            for side in ("a", "b"):
                if pair.get(side) not in names:
                    self.error(f"distinct: {pair.get(side)!r} is not an entity name")
            if not pair.get("why"):
                self.error(f"distinct {pair.get('a')!r}/{pair.get('b')!r}: no `why`")
        return names

    def check_facts(self, lineage_of: dict[str, int]) -> None:
        for fact in self.gold.get("facts", []):
            where = f"fact {fact.get('about')!r}"
            if not fact.get("about"):
                self.error("a fact has no `about`")
            values = fact.get("values")
            if not isinstance(values, list) or not values:
                self.error(f"{where}: `values` must be a non-empty list")
            elif not all(is_number(value) for value in values):
                self.error(f"{where}: every value must be a number: {values!r}")
            verdict = fact.get("verdict")
            if verdict not in VERDICTS:
                self.error(f"{where}: verdict {verdict!r} is not one of {sorted(VERDICTS)}")
            kind = fact.get("conflict_kind")
            if verdict == "conflict":
                if kind not in CONFLICT_KINDS:
                    self.error(f"{where}: conflict kind {kind!r} is not one of {sorted(CONFLICT_KINDS)}")
            elif kind is not None:
                self.error(f"{where}: a {verdict} fact has a conflict kind")
            sources = fact.get("sources", [])
            for source in sources:
                self.article(source, where)
            independent = fact.get("independent_sources")
            if verdict in ("corroborated", "single_source"):
                if not isinstance(independent, int) or isinstance(independent, bool):
                    self.error(f"{where}: `independent_sources` must be an integer")
                else:
                    if verdict == "single_source" and independent != 1:
                        self.error(f"{where}: single_source with {independent} independent sources")
                    if verdict == "corroborated" and independent < 2:
                        self.error(f"{where}: corroborated by {independent} independent source")
                    if sources:
                        lineages = {lineage_of.get(source) for source in sources}
                        if len(lineages) != independent:
                            self.error(
                                f"{where}: sources span {len(lineages)} lineages, "
                                f"independent_sources says {independent}"
                            )
            if verdict == "conflict" and isinstance(values, list) and len(values) == 1:
                # One value can still conflict (qualifiers), but say so loudly.
                pass

    def check_roles(self, names: set[str]) -> None:
        for role in self.gold.get("roles", []):
            where = f"role of {role.get('entity')!r}"
            if role.get("entity") not in names:
                self.error(f"{where}: not an entity name")
            titles = role.get("titles", [])
            if len(titles) < 1:
                self.error(f"{where}: no titles")
            for title in titles:
                if not self.occurs_anywhere(title):
                    self.error(f"{where}: title {title!r} occurs in no article")
            verdict = role.get("verdict")
            if verdict not in VERDICTS:
                self.error(f"{where}: verdict {verdict!r} unknown")
            if verdict == "conflict" and role.get("conflict_kind") not in CONFLICT_KINDS:
                self.error(f"{where}: conflict kind {role.get('conflict_kind')!r} unknown")

    def check_not_claims(self) -> None:
        for item in self.gold.get("not_claims", []):
            where = f"not_claim {item.get('value')!r} in {item.get('source')!r}"
            text = self.article(item.get("source"), where)
            if not is_number(item.get("value")):
                self.error(f"{where}: value must be a number")
            if not item.get("why"):
                self.error(f"{where}: no `why`")
            if text is not None and is_number(item.get("value")):
                if not number_written_in(item["value"], text):
                    self.error(f"{where}: the number is not written in the article")

    def check_quotes(self, names: set[str]) -> None:
        for quote in self.gold.get("quotes", []):
            text = quote.get("text", "")
            where = f"quote {text[:40]!r}"
            if quote.get("speaker") not in names:
                self.error(f"{where}: speaker {quote.get('speaker')!r} is not an entity name")
            sources = quote.get("sources", [])
            if not sources:
                self.error(f"{where}: no sources")
            for source in sources:
                if self.article(source, where) is not None and not self.occurs_in(text, source):
                    self.error(f"{where}: not found in {source}")

    def check_boilerplate(self) -> None:
        listed_padding: dict[str, set[int]] = {}
        for item in self.gold.get("boilerplate", []):
            source = item.get("source")
            where = f"boilerplate {item.get('text', item.get('line'))!r} in {source!r}"
            text = self.article(source, where)
            reason = item.get("reason")
            if reason not in REASONS:
                self.error(f"{where}: reason {reason!r} is not one of {sorted(REASONS)}")
            if text is None:
                continue
            lines = text.split("\n")
            if "line" in item:
                number = item["line"]
                if not isinstance(number, int) or not 1 <= number <= len(lines):
                    self.error(f"{where}: line {number!r} is not a line of the article")
                    continue
                if lines[number - 1].strip() != "":
                    self.error(f"{where}: line {number} is not blank: {lines[number - 1][:60]!r}")
                if reason != "padding":
                    self.error(f"{where}: a line given by number must be padding")
                listed_padding.setdefault(source, set()).add(number)
            elif "text" in item:
                needle = fold(item["text"])
                if not needle:
                    self.error(f"{where}: empty text")
                else:
                    hits = [fold(line) for line in lines if needle in fold(line)]
                    if not hits:
                        self.error(f"{where}: text not found on one line")
                    elif len(hits) > 1 and needle not in hits:
                        self.error(f"{where}: text occurs on {len(hits)} lines; make it name one")
            else:
                self.error(f"{where}: needs `text` or `line`")
        # Completeness of padding: lines of spaces, and runs of 3+ empty lines.
        for name, text in self.texts.items():
            lines = text.split("\n")
            if text.endswith("\n"):
                lines = lines[:-1]
            padding = listed_padding.get(name, set())
            index = 0
            while index < len(lines):
                if lines[index].strip() != "":
                    index += 1
                    continue
                start = index
                while index < len(lines) and lines[index].strip() == "":
                    index += 1
                run = range(start + 1, index + 1)
                holds_spaces = [n for n in run if lines[n - 1] != "" and lines[n - 1] != "\r"]
                for number in holds_spaces:
                    if number not in padding:
                        self.error(f"{name}: line {number} holds only white space but is not listed as padding")
                if not holds_spaces and len(run) >= 3 and not padding.intersection(run):
                    self.error(f"{name}: empty lines {start + 1}-{index} are not listed as padding")

    def check_timeline(self) -> None:
        for entry in self.gold.get("timeline", []):
            where = f"timeline {entry.get('date')!r}"
            precision = entry.get("precision")
            if precision not in PRECISIONS:
                self.error(f"{where}: precision {precision!r} is not one of {sorted(PRECISIONS)}")
            try:
                date = datetime.date.fromisoformat(str(entry.get("date")))
            except ValueError:
                self.error(f"{where}: not an ISO date (YYYY-MM-DD)")
                continue
            if precision in ("month", "year") and date.day != 1:
                self.error(f"{where}: a {precision} date must be the first day of its period")
            if precision == "year" and date.month != 1:
                self.error(f"{where}: a year date must be January 1")
            if not entry.get("event"):
                self.error(f"{where}: no event word")

    def check_not_seed_names(self, seed_names: list[str]) -> None:
        for name, folded in self.folded.items():
            for seed_name in seed_names:
                if len(seed_name) >= 4 and fold(seed_name) in folded:
                    self.error(f"{name}: uses the seed name {seed_name!r}")

    def run(self, seed_names: list[str]) -> list[str]:
        if not self.load():
            return self.errors
        if not self.gold.get("story"):
            self.error("no `story` label")
        lineage_of = self.check_lineages()
        names = self.check_entities()
        self.check_facts(lineage_of)
        self.check_roles(names)
        self.check_not_claims()
        self.check_quotes(names)
        self.check_boilerplate()
        self.check_timeline()
        if "articles_dir" not in self.gold:
            self.check_not_seed_names(seed_names)
        return self.errors


def number_written_in(value: float, text: str) -> bool:
    """True when the article writes the number in some usual form."""
    forms = set()
    if float(value).is_integer():
        integer = int(value)
        forms.update({str(integer), f"{integer:,}", f"{integer:,}".replace(",", " ")})
        for scale, word in ((1_000_000_000, "billion"), (1_000_000, "million")):
            if integer >= scale and integer % (scale // 10) == 0:
                short = integer / scale
                forms.add(f"{short:g} {word}")
                forms.add(f"{short:g}{word[0]}")
                forms.add(f"{short:g}bn" if word == "billion" else f"{short:g}m")
        if 0 < integer < 100:
            forms.add(number_word(integer))
    else:
        forms.add(f"{value:g}")
    folded = fold(text).lower()
    return any(form.lower() in folded for form in forms)


UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_word(integer: int) -> str:
    """English words for 0-99 ("twenty-six")."""
    if integer < 20:
        return UNITS[integer]
    tens, unit = divmod(integer, 10)
    return TENS[tens] + (f"-{UNITS[unit]}" if unit else "")


def seed_names() -> list[str]:
    seeds = ROOT / "eval" / "gold" / "seeds.toml"
    try:
        with seeds.open("rb") as handle:
            gold = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return []
    names: list[str] = []
    for entity in gold.get("entities", []):
        if entity.get("kind") in ("person", "organisation"):
            names.extend(entity.get("variants", []))
    return names


def main(argv: list[str]) -> int:
    if argv:
        paths = [pathlib.Path(arg) for arg in argv]
    else:
        paths = sorted(ROOT.glob("examples/stories/*/gold.toml")) + sorted(ROOT.glob("eval/gold/*.toml"))
    if not paths:
        print("no gold files found", file=sys.stderr)
        return 1
    names = seed_names()
    failed = 0
    for path in paths:
        errors = Checker(path).run(names)
        shown = path.resolve()
        try:
            shown = shown.relative_to(ROOT)
        except ValueError:
            pass
        if errors:
            failed += 1
            print(f"{shown}: {len(errors)} problem(s)")
            for message in errors:
                print(f"  - {message}")
        else:
            print(f"{shown}: ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
