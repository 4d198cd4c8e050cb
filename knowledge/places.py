"""The countries of the world by name (from pycountry's ISO 3166 data): a country the knowledge base never
mentions is a subject it does not cover, however the question spells it ("afghanistan", "iran")."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pycountry

_ADJECTIVAL = re.compile(r"^([a-z]+?a)n (federation|arab republic)$")


@lru_cache(maxsize=1)
def countries() -> tuple[tuple[str, ...], ...]:
    """Each country's names in lower case (short, common and official), leaving out inverted forms such as
    "korea, republic of"."""
    return tuple(names for country in pycountry.countries if (names := _names(country)))


@lru_cache(maxsize=1)
def codes() -> dict[str, tuple[str, ...]]:
    """Each country's ISO 3166 codes, two and three letters ("CN", "CHN") → its names in lower case."""
    return {
        code: names
        for country in pycountry.countries
        if (names := _names(country))
        for code in (country.alpha_2, country.alpha_3)
    }


def _names(country: object) -> tuple[str, ...]:
    names = {getattr(country, field, None) for field in ("name", "common_name", "official_name")}
    kept = {n.lower() for n in names if isinstance(n, str) and not re.search(r"[,()]", n)}
    # The everyday name inside an adjectival one: "Russian Federation" is Russia, "Syrian Arab Republic"
    # Syria.
    kept |= {m.group(1) for n in kept if (m := _ADJECTIVAL.match(n))}
    return tuple(sorted(kept))


# How a people's or a language's word ends after its country's name: "Afghan" (Afghanistan), "Iraqi",
# "Iranian", "Syrian", "Japanese", "Kazakh" (Kazakhstan).
_DEMONYM_ENDINGS = ("ians", "ian", "ans", "an", "ese", "ish", "is", "i", "s", "")
_STEM_LETTERS = 4


@lru_cache(maxsize=4096)
def country_of_people(word: str) -> tuple[str, ...] | None:
    """The names of the country a word for its people is made from ("afghan" → Afghanistan's): the word
    without its ending begins a one-word name of a country and is at least half of it; None otherwise."""
    word = word.lower()
    for ending in _DEMONYM_ENDINGS:
        if not word.endswith(ending):
            continue
        stem = word[: len(word) - len(ending)]
        # (a word as it is, "afghan", is longer: "para" is not Paraguay's)
        if len(stem) < _STEM_LETTERS + (not ending):
            continue
        for names in countries():
            if any(" " not in n and n.startswith(stem) and 2 * len(stem) >= len(n) for n in names):
                return names
    return None


@lru_cache(maxsize=1)
def languages() -> frozenset[str]:
    """The major languages' names in lower case (those with a two-letter ISO 639 code: "english", "urdu"): a
    message saying it is written in one ("sorry my English") names no subject."""
    return frozenset(
        lang.name.lower()
        for lang in pycountry.languages
        if getattr(lang, "alpha_2", None) and " " not in lang.name
    )


def named_in(text: str, names: frozenset[str]) -> list[str]:
    """Which of `names` the text names as whole words, in the order it does."""
    words = " " + " ".join(re.findall(r"[a-z]+", text.lower())) + " "
    return sorted((n for n in names if f" {n} " in words), key=lambda n: words.index(f" {n} "))


_BODIES = Path(__file__).parent / "data" / "bodies.txt"


@lru_cache(maxsize=1)
def bodies() -> tuple[tuple[str, ...], ...]:
    """International bodies, each as its names (the acronym first, as written there; then its names in lower
    case), from knowledge/data/bodies.txt."""
    rows = []
    for line in _BODIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            names = [n.strip() for n in line.split("|") if n.strip()]
            rows.append((names[0], *(n.lower() for n in names[1:])))
    return tuple(rows)
