"""Shared fixtures: the seed corpus is ingested once per session, with the real e5 engine."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kb.config import Settings
from kb.facade import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = CORPUS / "2019-11_seoul-maeul-center_council-work-report.txt"
# The shared dev set lives beside the checkout; a copy ships in tests/data for CI.
DEV_SEARCH = ROOT / "tests" / "data" / "dev_search.jsonl"
DEV_COUNTS = ROOT / "tests" / "data" / "dev_counts.jsonl"

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def make_kb(db: Path, embedder: str = "") -> KnowledgeBase:
    """A KnowledgeBase on its own database file, isolated from the user's settings."""
    return KnowledgeBase(Settings(home=db.parent, db=db, embedder=embedder))


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test ever touches the user's ~/.local/share/kb."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("KB_HOME", str(home))
    monkeypatch.delenv("KB_DB", raising=False)
    monkeypatch.delenv("KB_EMBEDDER", raising=False)


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed report ingested once with the bundled e5 engine; tests only read it."""
    db = tmp_path_factory.mktemp("seed") / "seed.db"
    kb = make_kb(db)
    report = kb.ingest([CORPUS])
    kb.close()
    assert report.ok and len(report.added) == 1, report
    return db


@pytest.fixture(scope="session")
def seed_kb(seed_db: Path) -> KnowledgeBase:
    """A read-mostly KnowledgeBase over the seed database."""
    kb = make_kb(seed_db)
    yield kb
    kb.close()


def dev_queries() -> list[dict]:
    """The dev search set."""
    return [json.loads(x) for x in DEV_SEARCH.read_text(encoding="utf-8").splitlines() if x]
