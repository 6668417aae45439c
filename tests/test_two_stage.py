"""Archive-scale ingest in two stages: words searchable as soon as a document is parsed,
vectors after; a kill between the two loses nothing (real `kb ingest` subprocesses).

The failed and the killed vector stage run on both backends (`target`: a new file, then a
new database on the session's PostgreSQL server); the archive-scale runs on SQLite."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.db import connect
from index.health import check
from kb.facade import KnowledgeBase
from kb.progress import IngestTally
from tests.conftest import server_kb
from tests.helpers import make_kb, seed_reports, wait_for


def _kb(db: Path, *args: str) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-c", "from kb.cli import main; main()", "--db", str(db), *args]
    return subprocess.Popen(
        cmd, env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _stages(db: Path) -> dict[str, bool]:
    """path → True once its vectors are stored (False: searchable by words only)."""
    if not db.exists():
        return {}
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            rows = conn.execute("SELECT path, vectors_pending FROM documents").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:  # the schema is being made
        return {}
    return {path: not pending for path, pending in rows}


@pytest.mark.slow
def test_words_are_searchable_while_vectors_are_written(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    files = seed_reports(folder, 6, lines=60, stride=23)
    db = tmp_path / "kb.db"
    ingest = _kb(db, "ingest", str(folder))
    try:
        # Some documents stored by words while others still wait for their vectors.
        wait_for(lambda: sum(not v for v in _stages(db).values()) >= 2, timeout=180)
        before = _stages(db)
        search = _kb(db, "search", "--mode", "lexical", "--json", "-k", "500", "보고서")
        out, err = search.communicate(timeout=60)
        assert search.returncode == 0, err
        found = {hit["doc"]["path"] for hit in json.loads(out)}
        # Every document stored when the search began is found, vectors or not.
        assert set(before) <= found, (before, found)
        assert any(not whole for whole in before.values())
    finally:
        out, err = ingest.communicate(timeout=600)
    assert ingest.returncode == 0, err
    assert all(_stages(db).values()) and len(_stages(db)) == len(files)
    # Off a terminal: a line when a document's words are in, another when its vectors are.
    assert (
        err.count("낱말로 찾을 수 있음")
        == len(files)
        == err.count("\n벡터 ") + (err.startswith("벡터 "))
    )


@pytest.mark.slow
def test_kill_9_in_the_vector_stage_loses_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    files = seed_reports(folder, 5, lines=60, stride=23)
    db = tmp_path / "kb.db"
    ingest = _kb(db, "ingest", str(folder))
    try:
        wait_for(lambda: sum(not v for v in _stages(db).values()) >= 2, timeout=180)
    finally:
        ingest.send_signal(signal.SIGKILL)
        ingest.communicate()
    assert ingest.returncode == -signal.SIGKILL
    left = _stages(db)
    waiting = [p for p, whole in left.items() if not whole]
    assert waiting, left
    conn = connect(db)
    health = {name: (ok, detail) for name, ok, detail in check(conn, None)}
    conn.close()
    # Words and vectors are in step, counting the chunks that wait; the wait is named.
    assert health["integrity"][0] and health["contents"][0], health
    assert health["waiting"][0] and f"문서 {len(waiting)}개" in health["waiting"][1]
    kb = make_kb(db)
    stats = kb.stats()
    assert stats["waiting_documents"] == len(waiting)
    report = kb.ingest([folder])
    assert sorted(report.resumed) == sorted(waiting)
    assert len(report.unchanged) == len(left) and len(report.added) == len(files) - len(left)
    assert kb.stats()["waiting_documents"] == 0
    # The resumed documents are found by meaning now, not only by words.
    hits = kb.search("마을공동체 활동", k=50, mode="vector")
    assert {h.doc.path for h in hits} & set(waiting)
    kb.close()
    doctor = _kb(db, "doctor")
    out, err = doctor.communicate(timeout=120)
    assert doctor.returncode == 0, out + err
    assert "벡터를 기다림" not in out and "대기" not in out


@pytest.fixture(params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty index on each backend in turn: a file, then a server database; its --db."""
    if request.param == "sqlite":
        return str(tmp_path / "kb.db")
    return str(request.getfixturevalue("pg_database"))


def open_kb(target: str, home: Path) -> KnowledgeBase:
    """The knowledge base at target (a file or a server URL)."""
    return server_kb(target, home) if target.startswith("postgresql") else make_kb(Path(target))


def test_an_embedder_failing_in_the_vector_stage_fails_that_file_only(
    target: str, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    seed_reports(folder, 3, lines=20, stride=23)
    kb = open_kb(target, tmp_path)
    kb.ingest([folder / "보고서 00.txt"])  # a first document, whole
    real = kb.embedder()

    class Failing:
        name, dim = real.name, real.dim

        def embed_passages(self, texts: list[str]) -> np.ndarray:
            if any("보고서 1" in t for t in texts):
                raise RuntimeError("out of memory")
            return real.embed_passages(texts)

        def embed_query(self, text: str) -> np.ndarray:
            return real.embed_query(text)

    kb._embedder = Failing()  # type: ignore[assignment]
    report = kb.ingest([folder])
    assert [p for p, _ in report.failed] == [str(folder / "보고서 01.txt")]
    assert "out of memory" in report.failed[0][1]
    assert "낱말로만 찾을 수 있습니다" in report.failed[0][1]
    assert report.added == [str(folder / "보고서 01.txt"), str(folder / "보고서 02.txt")]
    assert kb.stats()["waiting_documents"] == 1
    hits = kb.search("보고서", k=50, mode="lexical")
    assert str((folder / "보고서 01.txt").resolve()) in {h.doc.path for h in hits}
    # The next run, with a working embedder, writes the missing vectors.
    kb._embedder = real
    again = kb.ingest([folder])
    assert again.resumed == [str((folder / "보고서 01.txt").resolve())] and again.ok
    assert kb.stats()["waiting_documents"] == 0
    kb.close()


KILLED_IN_THE_VECTOR_STAGE = """
import os, signal, sys
from pathlib import Path

from tests.conftest import HashEmbedder
from tests.test_two_stage import open_kb


class Dying(HashEmbedder):
    def embed_passages(self, texts):
        if any("마을 공동체" in t for t in texts):  # b.txt's vectors: its words are stored
            os.kill(os.getpid(), signal.SIGKILL)
        return super().embed_passages(texts)


kb = open_kb(sys.argv[1], Path(sys.argv[2]))
kb._embedder = Dying()
kb.ingest([Path(sys.argv[3])])
"""


def test_a_kill_in_the_vector_stage_loses_nothing_on_either_backend(
    target: str, tmp_path: Path
) -> None:
    """An ingester killed (SIGKILL) while it embeds: the document whose words are in waits
    for its vectors, doctor names the wait, and the next ingest writes them."""
    from tests.conftest import HashEmbedder
    from tests.helpers import ROOT

    folder = tmp_path / "in"
    folder.mkdir()
    for name, words in (("a", "청년 일자리"), ("b", "마을 공동체")):
        text = f"□ {words} 사업\n{words.split()[0]} 예산 100백만원 집행\n"
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", KILLED_IN_THE_VECTOR_STAGE, target, str(tmp_path), str(folder)],
        cwd=ROOT,
        capture_output=True,
        timeout=300,
    )
    assert run.returncode == -signal.SIGKILL, run.stderr.decode()[-2000:]
    kb = open_kb(target, tmp_path)
    kb._embedder = HashEmbedder()  # type: ignore[assignment]
    b = str((folder / "b.txt").resolve())
    stats = kb.stats()
    assert stats.waiting_documents >= 1 and stats.documents == 2, stats
    health = {c.name: (c.ok, c.detail) for c in kb.doctor()}
    assert health["contents"][0] and health["waiting"][0], health  # in step, the wait named
    # Searchable by words meanwhile, not by meaning.
    assert b in {h.doc.path for h in kb.search("마을 예산", k=5, mode="lexical")}
    assert b not in {h.doc.path for h in kb.search("마을 예산", k=5, mode="vector")}
    report = kb.ingest([folder])
    assert b in report.resumed and report.ok and not report.added
    assert kb.stats().waiting_documents == 0
    assert b in {h.doc.path for h in kb.search("마을 예산", k=5, mode="vector")}
    health = {c.name: (c.ok, c.detail) for c in kb.doctor()}
    assert health["contents"][0] and "waiting" not in health, health
    kb.close()


def test_the_tally_counts_a_file_read_once_its_words_are_in() -> None:
    # The events of `kb ingest` over two files, in the order the loop sends them: the next
    # file starts parsing before the words of the one before are stored.
    tally = IngestTally()
    tally.update("file", "a.hwp", 0, 2)
    tally.update("file", "b.pdf", 1, 2)
    tally.update("words", "a.hwp", 10, 0)
    assert (tally.files_seen, tally.reading, tally.chunks_total) == (1, "b.pdf", 10)
    tally.update("words", "b.pdf", 5, 0)  # the last file: read while a.hwp is embedded
    assert (tally.files_seen, tally.reading) == (2, "")
    assert "words: 2/2 files read" in tally.describe()
    tally.update("embed", "a.hwp", 4, 10)
    tally.update("vectors", "a.hwp", 10, 0)
    assert tally.chunks_done == 10 and 0 < tally.fraction < 1
    tally.update("done", "", 2, 2)
    assert tally.fraction == 1.0
