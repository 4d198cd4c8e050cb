"""Words of another language that people mix into English questions: Roman Urdu, as teams in Pakistan type it
("artical mein kya likha hai?"). Such a word is never a name the article does not mention, and carries no
content for retrieval; the list is knowledge/data/roman-urdu.txt."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_ROMAN_URDU = Path(__file__).parent / "data" / "roman-urdu.txt"


@lru_cache(maxsize=1)
def mixed_in_words() -> frozenset[str]:
    """The Roman Urdu words of the list, lower case (comments after '#' left out)."""
    words: set[str] = set()
    for line in _ROMAN_URDU.read_text(encoding="utf-8").splitlines():
        words.update(w.lower() for w in line.split("#", 1)[0].split())
    return frozenset(words)
