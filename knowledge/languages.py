"""The languages questions come in: English words (symspellpy's frequency dictionary), and languages mixed
into English: Roman Urdu as teams in Pakistan type it ("artical mein kya likha hai?"), Nigerian Pidgin as
teams in Nigeria do ("wetin the writer talk?"), Arabic in Latin letters ("eh el turning point? leh?"). A
word of those is never a name the article does not mention, and carries no content for retrieval; the
lists are knowledge/data/roman-urdu.txt, nigerian-pidgin.txt and arabizi.txt."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

_MIXED_IN = tuple(
    Path(__file__).parent / "data" / name for name in ("roman-urdu.txt", "nigerian-pidgin.txt", "arabizi.txt")
)
_DICTIONARY = "frequency_dictionary_en_82_765.txt"


@lru_cache(maxsize=1)
def mixed_in_words() -> frozenset[str]:
    """The words of the languages mixed into English, lower case, but for those English has too ("main", "to",
    "the")."""
    english = english_words()
    words: set[str] = set()
    for path in _MIXED_IN:
        for line in path.read_text(encoding="utf-8").splitlines():
            words.update(w.lower() for w in line.split("#", 1)[0].split())
    return frozenset(w for w in words if w not in english)


@lru_cache(maxsize=1)
def english_words() -> dict[str, int]:
    """symspellpy's English frequency dictionary: word → count in its corpus."""
    text = resources.files("symspellpy").joinpath(_DICTIONARY).read_text(encoding="utf-8")
    words: dict[str, int] = {}
    for line in text.splitlines():
        word, _, count = line.partition(" ")
        if word and count.strip().isdigit():
            words[word] = int(count)
    return words
