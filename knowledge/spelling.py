"""Correcting typos in a question against the knowledge base's own words and common English (rapidfuzz).

A word is left alone when it is known: in the base's vocabulary or in symspellpy's English frequency
dictionary (82,834 words). An unknown word of five letters or more is replaced by a base word or a very common
English word within one edit (two for words of eight letters or more), counting a swap of two neighbouring
letters as one edit ("pakistna" → "pakistan", "gettng" → "getting", "rusia" → "russia"); of the closest
candidates, one that restores a dropped letter wins, then the more frequent. A four-letter word is only
un-swapped ("waht" → "what"); a word of eight letters or more may also be one edit from any dictionary word
("bilaetrally"). A rare English word of six letters or more one edit from a base word fifty times commoner is
taken for that word mistyped ("minster" → "minister"). Anything else is kept as typed: it may be a name the
article never mentions ("modi" stays "modi"), and that is worth knowing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge.languages import english_words, mixed_in_words

# Corrections may land on the base's words or on this many of the most frequent English words.
COMMON_WORDS = 5000
BASE_BONUS = 10**8  # a base word is as likely as a word seen this often in symspellpy's corpus
RARE_WORD_LETTERS = 8  # from this length, a word one edit from any dictionary word is corrected to it
# A known word of this many letters or more is still a typo of a base word this many times more frequent.
REAL_WORD_TYPO_LETTERS = 6
REAL_WORD_TYPO_RATIO = 50
# A word made of two words each at least this long and this frequent in the corpus is a compound.
COMPOUND_PART_LETTERS = 3
COMPOUND_PART_COUNT = 3_000_000
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


class Speller:
    """Typo correction for one knowledge base's vocabulary."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        english = english_words()
        self._base = frozenset(w.lower() for w in vocabulary if w.isalpha())
        self._english = english
        common = sorted(english, key=lambda w: -english[w])[:COMMON_WORDS]
        self._targets = sorted(self._base | {w for w in common if len(w) > 2})
        self._base_words = sorted(self._base)
        # Between equally close candidates the more frequent wins; the base's own words count as frequent.
        self._dictionary = _dictionary_words()

    def correct_word(self, word: str) -> str:
        """The word, or the base or common word it is a typo of."""
        stem, suffix = (word[:-2], word[-2:]) if word[-2:].lower() in ("'s", "’s") else (word, "")
        lowered = stem.lower()
        if self._is_known(lowered) and len(lowered) >= REAL_WORD_TYPO_LETTERS and lowered not in self._base:
            return self._real_word_typo(lowered, suffix) or word
        if len(lowered) < 4 or self._is_known(lowered) or not lowered.isalpha():
            return word
        if lowered in mixed_in_words():  # Roman Urdu mixed in ("likha") is no typo of an English word
            return word
        if lowered.endswith("s") and lowered[:-1] in self._base and not suffix:
            return f"{word[:-1]}'s"  # "whats pakistans endgame": a possessive without its apostrophe
        limit = 2 if len(lowered) >= 8 else 1
        found = process.extract(lowered, self._targets, scorer=OSA.distance, score_cutoff=limit, limit=20)
        if not found and len(lowered) >= RARE_WORD_LETTERS:
            # A long word may be a typo of a rarer word ("bilaetrally"): one edit, anywhere in the dictionary.
            found = process.extract(lowered, self._dictionary, scorer=OSA.distance, score_cutoff=1, limit=20)
        if not found:
            return word
        best = min(distance for _, distance, _ in found)
        candidates = [w for w, distance, _ in found if distance == best]
        if len(lowered) == 4:  # too short to tell a typo from another word, unless two letters swapped
            candidates = [w for w in candidates if sorted(w) == sorted(lowered)]
        if not candidates:
            return word
        # People drop letters more often than they type stray ones: "bejing" is "beijing" before "being".
        return max(candidates, key=lambda w: (len(w) >= len(lowered), self._weight(w))) + suffix

    def _real_word_typo(self, word: str, suffix: str) -> str | None:
        """A rare English word one edit from a base word far more common is that word mistyped: "minster"
        (459,048 in the corpus) is "minister" (43,931,892) in a question about this article."""
        count = self._english.get(word, 0)
        found = process.extract(word, self._base_words, scorer=OSA.distance, score_cutoff=1, limit=5)
        likely = [w for w, _, _ in found if self._english.get(w, 0) >= REAL_WORD_TYPO_RATIO * count]
        return max(likely, key=lambda w: self._english.get(w, 0)) + suffix if likely else None

    def knows(self, word: str) -> bool:
        """Whether a word (or, with an ending, its stem) is English, the base's, or Roman Urdu of the list."""
        lowered = word.lower()
        stems = [lowered] + [
            lowered[: -len(end)] for end in ("s", "es", "ed", "ing", "'s") if lowered.endswith(end)
        ]
        return any(self._is_known(w) for w in stems) or lowered in mixed_in_words()

    def _is_known(self, word: str) -> bool:
        return word in self._base or word in self._english

    def _weight(self, word: str) -> int:
        """A candidate's likelihood: its count in the dictionary's corpus; the base's own words count high."""
        return self._english.get(word, 0) + (BASE_BONUS if word in self._base else 0)

    def correct(self, text: str) -> str:
        """Text with each misspelt word corrected; everything else, punctuation included, as it was."""
        return _WORD.sub(lambda m: self.correct_word(m.group()), text)


def one_edit_from_english(word: str) -> bool:
    """Whether a word is one edit (a swap of neighbours counts as one) from an English dictionary word: a
    typo of a rarer word ("strech", "brainer") rather than a name."""
    return process.extractOne(word, _dictionary_words(), scorer=OSA.distance, score_cutoff=1) is not None


def joins_common_words(word: str) -> bool:
    """Whether a word is two common English words written as one ("pushback", "lowkey", "tradeoff"): a
    closed compound, not a name. A name seldom splits into two words this common ("maryam": "yam" is not)."""
    english = english_words()
    return any(
        english.get(word[:i], 0) >= COMPOUND_PART_COUNT and english.get(word[i:], 0) >= COMPOUND_PART_COUNT
        for i in range(COMPOUND_PART_LETTERS, len(word) - COMPOUND_PART_LETTERS + 1)
    )


@lru_cache(maxsize=1)
def _dictionary_words() -> list[str]:
    return list(english_words())
