"""Reading an article file: front matter, stripping page furniture, splitting into passages with offsets."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from knowledge.errors import KnowledgeError
from knowledge.models import Passage, Source, SourceMeta

# Lines that news sites wrap around an article and that must never be quoted as its content.
FURNITURE = (
    r"^Published in .+, \w+ \d{1,2}(st|nd|rd|th)?,? \d{4}\.?$",
    r"^Like .+ on Facebook\b.*$",
    r"^Follow .+ on (Twitter|X)\b.*$",
    r"^Replying to .*$",
    r"^Comments are moderated\b.*$",
    r"^For more information, please see our Comments FAQ.*$",
    r"^Read more:? .*$",
    r"^Share (this|on) .*$",
)
# Leading paragraphs this short (headline, standfirst, byline) are kept but are not body text.
_FRONT_MAX_CHARS = 300
_SENTENCE_END = re.compile(r"(?<=[.?!])[’”\"]?\s+(?=[A-Z‘“\"(])")


def load_source(path: Path) -> Source:
    """Read one source file (YAML front matter, then the article as handed to us) into a cleaned Source."""
    raw = path.read_text(encoding="utf-8")
    meta_dict, body = _split_front_matter(raw, path)
    furniture = meta_dict.pop("furniture", None) or []
    if not isinstance(furniture, list) or not all(isinstance(p, str) for p in furniture):
        raise KnowledgeError(f"{path.name}: 'furniture' must be a list of regular expressions")
    extra = tuple(furniture)
    try:
        meta = SourceMeta.model_validate(meta_dict)
    except ValueError as exc:
        raise KnowledgeError(f"{path.name}: bad front matter: {exc}") from exc
    text = strip_furniture(body, FURNITURE + extra)
    return Source(meta=meta, text=text, passages=split_passages(meta.id, text))


def strip_furniture(text: str, patterns: tuple[str, ...] = FURNITURE) -> str:
    """Drop furniture lines and collapse blank runs so paragraphs are separated by one blank line."""
    compiled = [re.compile(p) for p in patterns]
    kept = [line.rstrip() for line in text.splitlines() if not any(c.match(line.strip()) for c in compiled)]
    paragraphs, current = [], []
    for line in kept:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


def split_passages(source_id: str, text: str) -> tuple[Passage, ...]:
    """Split cleaned text into sentence passages; ids are `<source>:<paragraph>.<sentence>`."""
    passages: list[Passage] = []
    offset = 0
    in_front = True
    for p_index, paragraph in enumerate(text.split("\n\n")):
        p_start = text.index(paragraph, offset)
        offset = p_start + len(paragraph)
        in_front = in_front and len(paragraph) <= _FRONT_MAX_CHARS
        s_index = 0
        for line_start, line in _spans(paragraph, re.compile(r"\n")):
            for s_start, sentence in _spans(line, _SENTENCE_END):
                start = p_start + line_start + s_start
                passages.append(
                    Passage(
                        id=f"{source_id}:{p_index}.{s_index}",
                        source_id=source_id,
                        paragraph=p_index,
                        text=sentence,
                        start=start,
                        end=start + len(sentence),
                        body=not in_front,
                    )
                )
                s_index += 1
    return tuple(passages)


def _spans(text: str, separator: re.Pattern[str]) -> list[tuple[int, str]]:
    """Pieces of text between separator matches, each with its offset, stripped of surrounding space."""
    pieces, start = [], 0
    for match in [*separator.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            pieces.append((start + lead, piece.strip()))
        start = match.end() if match else len(text)
    return pieces


def _split_front_matter(raw: str, path: Path) -> tuple[dict[str, object], str]:
    match = re.match(r"^---\n(.*?)\n---\n", raw, re.DOTALL)
    if not match:
        raise KnowledgeError(f"{path.name}: a source file starts with YAML front matter between '---' lines")
    meta = yaml.safe_load(match.group(1)) or {}
    if not isinstance(meta, dict):
        raise KnowledgeError(f"{path.name}: front matter must be a mapping")
    return meta, raw[match.end() :]
