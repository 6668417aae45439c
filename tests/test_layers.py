"""Layers point one way: ingest/index/kb never import Textual; ingest never imports index."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kb.config import Settings

CHECK = """
import sys
import {module}
bad = [m for m in {forbidden!r} if m in sys.modules]
print(",".join(bad))
"""


@pytest.mark.parametrize(
    "module,forbidden",
    [
        ("ingest.pipeline", ["textual", "index", "sqlite_vec", "kb.facade", "torch"]),
        ("index.search", ["textual", "ingest", "torch", "sentence_transformers"]),
        ("kb.cli", ["textual", "torch", "sentence_transformers", "index", "ingest"]),
        ("kb.facade", ["textual", "torch", "sentence_transformers"]),
    ],
)
def test_import_boundaries(module: str, forbidden: list[str]) -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHECK.format(module=module, forbidden=forbidden)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out == "", f"{module} pulls in {out}"


def test_settings_env_and_overrides(tmp_path) -> None:
    s = Settings.from_env(
        {"KB_HOME": str(tmp_path), "KB_EMBEDDER": "st:x", "KB_CHUNK_CHARS": "500"}
    )
    assert s.db == tmp_path / "kb.db" and s.embedder == "st:x" and s.chunk_chars == 500
    s2 = Settings.from_env({"KB_HOME": str(tmp_path), "KB_DB": str(tmp_path / "o.db")})
    assert s2.db == tmp_path / "o.db"
    assert s2.with_overrides(db=str(tmp_path / "f.db"), embedder=None).db == tmp_path / "f.db"
    assert s2.with_overrides(embedder=None).embedder == ""
