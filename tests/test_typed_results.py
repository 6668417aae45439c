"""Typed results of the facade keep the shapes their callers and the JSON interface know."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import cli
from kb.types import Check, IndexStats

STATS_KEYS = [
    "db",
    "size_bytes",
    "documents",
    "sections",
    "chunks",
    "tables",
    "embedder",
    "dim",
    "waiting_documents",
    "waiting_chunks",
    "docs",
]


def test_stats_json_keys_in_order(seed_db: Path) -> None:
    out = CliRunner().invoke(cli, ["--db", str(seed_db), "stats", "--json"]).output
    stats = json.loads(out)
    assert list(stats) == STATS_KEYS
    assert list(stats["docs"][0]) == ["path", "title", "year", "format", "chunks"]


def test_index_stats_reads_as_the_dict_it_was() -> None:
    s = IndexStats("k.db", 1, 2, 3, 4, 5, "e5", 384, 0, 0, [])
    assert list(s.to_json()) == STATS_KEYS
    assert s["chunks"] == s.chunks == 4 and s["docs"] == []
    with pytest.raises(KeyError):
        s["to_json"]


def test_doctor_checks_unpack_as_triples(seed_kb) -> None:  # type: ignore[no-untyped-def]
    checks = seed_kb.doctor()
    assert checks and all(isinstance(c, Check) for c in checks)
    for name, ok, detail in checks:
        assert isinstance(name, str) and isinstance(ok, bool) and isinstance(detail, str)
    assert {c.name for c in checks} >= {"sqlite", "sqlite-vec", "index", "integrity"}
