"""Building the knowledge base from data files: load, validate every quote, and version the content."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from knowledge.errors import KnowledgeError
from knowledge.models import KeyPoint, Source, Topic, TopicFile, Vocabulary
from knowledge.sources import load_source

DEFAULT_DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Quote:
    """An evidence quote located in its source: the exact span a citation points at."""

    source_id: str
    text: str
    start: int
    end: int
    passage_id: str


@dataclass(frozen=True)
class PointRef:
    """A key point with its topic and its located quotes, the unit retrieval ranks and answers cite."""

    topic: Topic
    point: KeyPoint
    quotes: tuple[Quote, ...]

    @property
    def id(self) -> str:
        return f"{self.topic.id}/{self.point.id}"


@dataclass(frozen=True)
class KnowledgeBase:
    """Sources, topics and vocabulary, validated; `version` changes whenever any data file changes."""

    sources: dict[str, Source]
    topics: tuple[Topic, ...]
    points: tuple[PointRef, ...]
    vocabulary: Vocabulary
    version: str

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def topic_for_command(self, command: str) -> Topic | None:
        """The topic a slash command (e.g. '/why-russia') stands for, if any."""
        return next((t for t in self.topics if t.command == command), None)

    def points_of(self, topic_id: str) -> tuple[PointRef, ...]:
        return tuple(p for p in self.points if p.topic.id == topic_id)

    def point(self, ref_id: str) -> PointRef | None:
        return next((p for p in self.points if p.id == ref_id), None)


def load_knowledge_base(data_dir: Path | None = None) -> KnowledgeBase:
    """Load and validate every source and topic under data_dir; KnowledgeError names what is wrong."""
    root = data_dir or DEFAULT_DATA_DIR
    source_files = sorted((root / "sources").glob("*.txt"))
    topic_files = sorted((root / "topics").glob("*.y*ml"))
    vocab_file = root / "vocabulary.yml"
    if not source_files:
        raise KnowledgeError(f"no source files in {root / 'sources'}")
    sources: dict[str, Source] = {}
    for path in source_files:
        source = load_source(path)
        if source.id in sources:
            raise KnowledgeError(f"{path.name}: duplicate source id {source.id!r}")
        sources[source.id] = source
    topics = tuple(t for path in topic_files for t in _read_topics(path))
    vocabulary = _read_vocabulary(vocab_file)
    _check_unique(topics)
    points = tuple(_locate_point(topic, point, sources) for topic in topics for point in topic.key_points)
    return KnowledgeBase(
        sources=sources,
        topics=topics,
        points=points,
        vocabulary=vocabulary,
        version=_version([*source_files, *topic_files, vocab_file]),
    )


def _read_topics(path: Path) -> tuple[Topic, ...]:
    try:
        return TopicFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8"))).topics
    except (ValidationError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path.name}: invalid topics file: {exc}") from exc


def _read_vocabulary(path: Path) -> Vocabulary:
    if not path.exists():
        return Vocabulary()
    try:
        return Vocabulary.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    except (ValidationError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"{path.name}: invalid vocabulary: {exc}") from exc


def _check_unique(topics: tuple[Topic, ...]) -> None:
    seen_topics: set[str] = set()
    seen_commands: set[str] = set()
    for topic in topics:
        if topic.id in seen_topics:
            raise KnowledgeError(f"topic {topic.id!r} is defined twice")
        seen_topics.add(topic.id)
        if topic.command:
            if topic.command in seen_commands:
                raise KnowledgeError(f"topic {topic.id!r}: command {topic.command} is already used")
            seen_commands.add(topic.command)
        point_ids = [p.id for p in topic.key_points]
        if len(set(point_ids)) != len(point_ids):
            raise KnowledgeError(f"topic {topic.id!r} has duplicate key point ids")


def _locate_point(topic: Topic, point: KeyPoint, sources: dict[str, Source]) -> PointRef:
    quotes = []
    for evidence in point.evidence:
        source_id = evidence.source or topic.source
        source = sources.get(source_id)
        where = f"topic {topic.id!r}, key point {point.id!r}"
        if source is None:
            raise KnowledgeError(f"{where}: unknown source {source_id!r}")
        start = source.text.find(evidence.quote)
        if start < 0:
            raise KnowledgeError(
                f"{where}: quote not found verbatim in source {source_id!r}: {evidence.quote!r}"
            )
        end = start + len(evidence.quote)
        passage = next(p for p in source.passages if p.start <= start < p.end)
        quotes.append(Quote(source_id, evidence.quote, start, end, passage.id))
    return PointRef(topic=topic, point=point, quotes=tuple(quotes))


def _version(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        if path.exists():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
