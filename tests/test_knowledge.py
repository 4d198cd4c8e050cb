"""The knowledge base: sources are cleaned, every quote is verbatim, and a tampered quote fails the check."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge.base import DEFAULT_DATA_DIR, KnowledgeBase, load_knowledge_base
from knowledge.errors import KnowledgeError
from knowledge.sources import strip_furniture

SEED = (
    Path(__file__).resolve().parents[2] / "shared" / "seed" / "pakistan-russia-express-tribune-2022-02-28.txt"
)
REQUIRED_TOPICS = {
    "why-russia",
    "us-stance",
    "china-factor",
    "india-factor",
    "economic-pressure",
    "the-visit",
    "cooperation",
    "outlook",
    "about-the-source",
}


def test_every_curated_quote_is_verbatim_in_its_source(kb: KnowledgeBase) -> None:
    for ref in kb.points:
        for quote in ref.quotes:
            text = kb.sources[quote.source_id].text
            assert text[quote.start : quote.end] == quote.text, ref.id


def test_required_topics_exist_with_commands_for_the_slash_commands(kb: KnowledgeBase) -> None:
    assert {t.id for t in kb.topics} >= REQUIRED_TOPICS
    assert kb.topic_for_command("/why-russia").id == "why-russia"  # type: ignore[union-attr]
    assert kb.topic_for_command("/us-stance").id == "us-stance"  # type: ignore[union-attr]


def test_page_furniture_is_stripped_from_the_source(kb: KnowledgeBase) -> None:
    text = next(iter(kb.sources.values())).text
    for furniture in ("Published in", "Like Opinion & Editorial", "Replying to X", "Comments are moderated",
                      "Comments FAQ", "@ETOpEd"):  # fmt: skip
        assert furniture not in text
    assert text.rstrip().endswith("increase its leverage in the increasingly divided world.")


def test_strip_furniture_keeps_body_and_drops_site_lines() -> None:
    raw = "Body line one.\n\n\nPublished in The Express Tribune, February 28th, 2022.\n\nReplying to X\n"
    assert strip_furniture(raw) == "Body line one."


@pytest.mark.skipif(not SEED.exists(), reason="shared seed not present")
def test_source_file_is_the_seed_article_plus_front_matter() -> None:
    ours = (DEFAULT_DATA_DIR / "sources" / SEED.name).read_text(encoding="utf-8")
    assert ours.endswith(SEED.read_text(encoding="utf-8"))


def test_passages_have_stable_ids_and_exact_offsets(kb: KnowledgeBase) -> None:
    source = next(iter(kb.sources.values()))
    ids = [p.id for p in source.passages]
    assert len(ids) == len(set(ids))
    for passage in source.passages:
        assert source.text[passage.start : passage.end] == passage.text
    assert load_knowledge_base().sources[source.id].passages == source.passages


def test_tampered_quote_fails_loudly_naming_topic_and_quote(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    topics = next((data / "topics").glob("*.yml"))
    original = "Pakistan politely said ‘no’ after carefully listening to the US view."
    text = topics.read_text(encoding="utf-8")
    assert original in text
    topics.write_text(text.replace(original, "Pakistan angrily said no to the US view.", 1), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"topic 'us-stance', key point 'said-no'.*angrily said no"):
        load_knowledge_base(data)


def test_kb_check_command_fails_on_a_tampered_quote(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    topics = next((data / "topics").glob("*.yml"))
    topics.write_text(topics.read_text(encoding="utf-8").replace("23 years", "32 years"), encoding="utf-8")
    ok = _kb_check(DEFAULT_DATA_DIR)
    bad = _kb_check(data)
    assert ok.returncode == 0 and "quotes verified" in ok.stdout
    assert bad.returncode == 1
    assert "32 years" in bad.stderr and "topic" in bad.stderr


def test_version_changes_when_a_topic_changes(tmp_path: Path, kb: KnowledgeBase) -> None:
    data = _copy_data(tmp_path)
    assert load_knowledge_base(data).version == kb.version
    topics = next((data / "topics").glob("*.yml"))
    topics.write_text(topics.read_text(encoding="utf-8").replace("The China factor", "China's part"), "utf-8")
    assert load_knowledge_base(data).version != kb.version


def test_a_second_article_is_added_with_files_only(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    (data / "sources" / "second.txt").write_text(
        "---\nid: second-article\ntitle: A second piece\nauthor: A. Writer\noutlet: Example Daily\n"
        "published: 2023-01-02\n---\nHeadline\n\nThe second article says energy deals were signed in 2023 "
        "between the two countries after long talks, and it says so at length in this sentence.\n",
        encoding="utf-8",
    )
    (data / "topics" / "second.yml").write_text(
        "topics:\n  - id: energy-deals\n    title: Energy deals\n    command: /energy\n"
        "    source: second-article\n"
        "    summary: Energy deals were signed in 2023.\n    key_points:\n      - id: signed\n"
        "        text: Energy deals were signed in 2023.\n        evidence:\n"
        "          - quote: energy deals were signed in 2023\n",
        encoding="utf-8",
    )
    kb = load_knowledge_base(data)
    assert "second-article" in kb.sources
    assert kb.topic_for_command("/energy") is not None


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target


def _kb_check(data: Path) -> subprocess.CompletedProcess[str]:
    env = {"KNOWLEDGE_DIR": str(data), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "bot", "kb", "check"], capture_output=True, text=True, env=env, timeout=60
    )
