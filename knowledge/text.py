"""Turning text into retrieval terms: normalise, map aliases, drop stopwords, stem (PyStemmer)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

import Stemmer
from bm25s.stopwords import STOPWORDS_EN

from knowledge.languages import mixed_in_words
from knowledge.models import Vocabulary

_WORD = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")  # hyphens split: "people-to-people", "russia-pakistan"
# Question and filler words bm25s's list lacks, which make no phrase of the article's ("pls tell").
_FUNCTION = frozenset(
    ["what", "whats", "which", "who", "whom", "whose", "when", "where", "why", "how", "pls", "please", "tell",
     "also", "just", "really"]
)  # fmt: skip
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "—": " - ", "–": " - "})


def normalise(text: str) -> str:
    """Lowercase, fold typographic quotes and dashes, NFKC; the form every comparison uses."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()


class Tokenizer:
    """Splits text into stemmed content terms, applying the vocabulary's aliases first."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self._stemmer = Stemmer.Stemmer("english")
        # Roman Urdu mixed in ("kya", "likha") carries no content.
        stopwords = frozenset(STOPWORDS_EN) | {normalise(w) for w in vocabulary.stopwords} | mixed_in_words()
        # An alias target ("us" for the United States) is content, even where it is also an English stopword.
        self._stopwords = stopwords - {normalise(w) for w in vocabulary.aliases}
        # Stems too, so "explains" is dropped like "explain".
        self._stopword_stems = frozenset(self._stemmer.stemWords(sorted(self._stopwords))) - {
            self._stemmer.stemWord(normalise(w)) for w in vocabulary.aliases
        }
        # Longest alias first so "united states" wins over "states".
        pairs = [
            (normalise(alias), normalise(word))
            for word, aliases in vocabulary.aliases.items()
            for alias in aliases
        ]
        pairs.sort(key=lambda pair: -len(pair[0]))
        self._aliases = [(_phrase(alias), word) for alias, word in pairs]

    def terms(self, text: str, *, keep_stopwords: bool = False) -> list[str]:
        """Content terms of text, stemmed, in order, with alias targets added beside the reader's word."""
        words = self.words(text)
        if keep_stopwords:
            return list(self._stem(tuple(words)))
        stems = self._stem(tuple(w for w in words if w not in self._stopwords))
        return [s for s in stems if s not in self._stopword_stems]

    def phrases(self, text: str) -> set[tuple[str, str]]:
        """Two words side by side, neither an English function word, stemmed: "turning point", "strategic
        partnership" (words the base sets aside for retrieval, such as "point", count here)."""
        words = [w for w in _WORD.findall(normalise(text)) if len(w) > 2 and not w.isdigit()]
        return {
            (self._stemmer.stemWord(a), self._stemmer.stemWord(b))
            for a, b in pairwise(words)
            if a not in STOPWORDS_EN and b not in STOPWORDS_EN and a not in _FUNCTION and b not in _FUNCTION
        }

    def words(self, text: str) -> list[str]:
        """Normalised words of text plus the alias targets they imply, before stopwords and stemming."""
        lowered = normalise(text)
        extra: list[str] = []
        for pattern, word in self._aliases:
            if pattern.search(lowered):
                # The reader's word gives way to the word the base uses, so documents and questions agree.
                extra.append(word)
                lowered = pattern.sub(" ", lowered)
        return [w.replace("'", "").replace(".", "").strip("-") for w in _WORD.findall(lowered)] + extra

    def is_stopword(self, word: str) -> bool:
        return normalise(word) in self._stopwords

    @lru_cache(maxsize=4096)  # noqa: B019 - one tokenizer lives for the process; the cache is the point
    def _stem(self, words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(s for s in self._stemmer.stemWords(list(words)) if s)


def _phrase(words: str) -> re.Pattern[str]:
    # (and its plural: "europeans" for "european", "collaborations")
    return re.compile(r"(?<![a-z0-9])" + re.escape(words) + r"(?:s|es)?(?![a-z0-9])")


def spelled_out(acronym: str, text: str) -> str | None:
    """The words a text gives for an acronym, written as "Nuclear Suppliers Group (NSG)": the capitalised
    words just before it in brackets, from the first one starting with the acronym's first letter."""
    match = re.search(rf"((?:[A-Z][\w'’-]*\s+){{1,8}})\({re.escape(acronym)}\)", text)
    if match is None:
        return None
    words = match.group(1).split()
    while words and words[0][0] != acronym[0]:
        words.pop(0)
    return " ".join(words) or None
