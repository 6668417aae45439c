"""Hostile index files: random bytes over the middle, a read-only location, a first ingest
that stores nothing. Each command says what is wrong in one line, never a traceback."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from kb.errors import DatabaseError
from kb.i18n import set_language
from tests.helpers import SEED, make_kb


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The index's errors and doctor's details are checked in English, the words these tests
    were written in (here and in the processes they start)."""
    monkeypatch.setenv("KB_LANG", "en")
    set_language(None)


QUESTION = "청년마을활동가 성장교육"


def _kb(*args: str, prefix: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """The `kb` command in its own process, as a user runs it (console-script entry point)."""
    return subprocess.run(
        [*(prefix or []), sys.executable, "-c", "from kb.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def _one_line_error(run: subprocess.CompletedProcess[str], db: Path, reason: str) -> str:
    """Assert a non-zero exit with one stderr line naming the file and the reason."""
    assert run.returncode != 0, run.stdout
    assert "Traceback" not in run.stdout + run.stderr, run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert str(db) in lines[0] and reason in lines[0], lines[0]
    return lines[0]


def _damage(db: Path, size: int = 300 * 1024, seed: int = 17) -> None:
    """Random bytes over the middle of the file, as a failing disk or a stray write leaves."""
    rng = random.Random(seed)
    with db.open("r+b") as fh:
        fh.seek(db.stat().st_size // 2 - size // 2)
        fh.write(rng.randbytes(size))


@pytest.fixture
def damaged_db(seed_db: Path, tmp_path: Path) -> Path:
    """A copy of the seed index with 300 KB of random bytes in its middle."""
    db = tmp_path / "kb.db"
    shutil.copy(seed_db, db)
    _damage(db)
    return db


@pytest.mark.parametrize(
    "args",
    [
        ["stats"],
        ["search", QUESTION],
        ["search", QUESTION, "--mode", "lexical"],
        ["figures", "예산"],
        ["programs"],
        ["studies"],
        ["answer", "마을활동가", "교육", "예산"],
        ["ingest", str(SEED)],
    ],
    ids=["stats", "search", "lexical", "figures", "programs", "studies", "answer", "ingest"],
)
def test_every_command_says_a_damaged_index_is_damaged(damaged_db: Path, args: list[str]) -> None:
    line = _one_line_error(_kb("--db", str(damaged_db), *args), damaged_db, "is damaged")
    assert "kb ingest" in line and "kb doctor" in line


def test_doctor_names_the_damage_one_line_a_check(damaged_db: Path) -> None:
    # In English: the check names are one word each, so each line can be read by its name.
    run = _kb("--db", str(damaged_db), "doctor", "--lang", "en")
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr, run.stderr
    lines = {ln.split()[1]: ln for ln in run.stdout.splitlines()}
    assert lines["index"].startswith("FAIL") and "is damaged" in lines["index"]
    # integrity_check's hundred "Page N: never used" rows are summed up on the one line.
    assert lines["integrity"].startswith("FAIL") and "more)" in lines["integrity"]
    assert len(run.stdout.splitlines()) == len(lines)


def test_damage_in_a_big_index_is_caught_where_queries_run(
    damaged_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An index too big to be checked whole at open: its damage shows when a query reads it.
    monkeypatch.setattr("index.health.OPEN_CHECK_PAGES", 0, raising=False)
    kb = make_kb(damaged_db)
    with pytest.raises(DatabaseError, match="is damaged") as info:
        kb.search(QUESTION, k=3)
    assert str(damaged_db) in str(info.value) and "\n" not in str(info.value)
    kb.close()
    # stats reads few of the damaged pages: its bounded quick_check notices.
    with pytest.raises(DatabaseError, match="is damaged"):
        make_kb(damaged_db).stats()


@contextmanager
def _read_only(target: Path) -> Iterator[list[str]]:
    """Make target (a folder or a file) read-only; yields a prefix to run commands under.

    chmod does it for an ordinary user. root writes through any mode bits, so there the
    command runs in its own mount namespace over a read-only bind mount of target.
    """
    if os.geteuid() != 0:
        mode = target.stat().st_mode
        target.chmod(0o555 if target.is_dir() else 0o444)
        try:
            yield []
        finally:
            target.chmod(mode)
        return
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
    prefix = ["unshare", "-m", "sh", "-c", script, str(target)]
    probe = subprocess.run([*prefix, "sh", "-c", f"! touch '{target}' 2>/dev/null"], check=False)
    if shutil.which("unshare") is None or probe.returncode != 0:
        pytest.skip("root here, and no read-only bind mount (unshare -m) to make one")
    yield prefix


@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_read_only_index_is_searched_and_not_written(
    seed_db: Path, tmp_path: Path, what: str
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    db = folder / "kb.db"
    shutil.copy(seed_db, db)
    with _read_only(folder if what == "folder" else db) as prefix:
        search = _kb("--db", str(db), "search", QUESTION, "-k", "3", "--json", prefix=prefix)
        assert search.returncode == 0, search.stderr
        hits = json.loads(search.stdout)
        assert len(hits) == 3 and any("청년마을활동가" in h["text"] for h in hits), hits
        stats = _kb("--db", str(db), "stats", "--json", prefix=prefix)
        assert stats.returncode == 0 and json.loads(stats.stdout)["documents"] == 1, stats.stderr
        ingest = _kb("--db", str(db), "ingest", str(SEED), prefix=prefix)
        _one_line_error(ingest, db, "is read-only")
        if what == "folder":
            new = folder / "new.db"
            run = _kb("--db", str(new), "ingest", str(SEED), prefix=prefix)
            _one_line_error(run, new, "cannot create it in")
    left = sorted(p.name for p in folder.iterdir())  # -wal/-shm where the folder is writable
    assert left in (["kb.db"], ["kb.db", "kb.db-shm", "kb.db-wal"]), left


def test_read_only_is_found_by_trying_and_read_as_immutable(
    seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What SQLite answers in a read-only folder (no -wal/-shm can be made), whoever runs kb:
    # every open fails but an immutable one.
    import index.db as dbmod

    db = tmp_path / "kb.db"
    shutil.copy(seed_db, db)
    real, targets = getattr(dbmod, "_open", None), []

    def refusing(mod, target: str, uri: bool = False):  # type: ignore[no-untyped-def]
        targets.append(target)
        if "immutable=1" not in target:
            raise mod.OperationalError("unable to open database file")
        return real(mod, target, uri)  # type: ignore[misc]

    monkeypatch.setattr(dbmod, "_open", refusing, raising=False)
    kb = make_kb(db)
    assert kb.search(QUESTION, k=3)
    assert targets and targets[-1].endswith("?mode=ro&immutable=1"), targets
    # SQLite itself refuses the write on that connection; kb says so before parsing a file.
    with pytest.raises(DatabaseError, match="is read-only") as info:
        kb.ingest([SEED])
    assert str(db) in str(info.value)
    kb.close()


def test_a_first_ingest_of_only_broken_files_leaves_no_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf at all")
    db = tmp_path / "index" / "kb.db"
    run = _kb("--db", str(db), "ingest", str(broken))
    assert run.returncode == 1 and "broken.pdf" in run.stderr and "Traceback" not in run.stderr
    assert not db.exists() and list(db.parent.glob("kb.db*")) == []


class _FailingEmbedder:
    """An embedder that loads, then fails on the first text (a broken model, no memory)."""

    name, dim = "failing", 16

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        raise RuntimeError("the model cannot run here")

    def embed_query(self, text: str) -> np.ndarray:
        raise RuntimeError("the model cannot run here")


def test_a_first_ingest_whose_embedder_fails_leaves_no_file(tmp_path: Path) -> None:
    doc = tmp_path / "r.txt"
    doc.write_text("Ⅰ. 현황\n- 마을밥차 9회 운영 지원\n", encoding="utf-8")
    db = tmp_path / "kb.db"
    kb = make_kb(db)
    kb._embedder = _FailingEmbedder()  # type: ignore[assignment]
    report = kb.ingest([doc])
    kb.close()
    assert report.failed and "the model cannot run here" in report.failed[0][1]
    assert not db.exists() and list(tmp_path.glob("kb.db*")) == []
