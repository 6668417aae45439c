"""Hostile index files: random bytes over the middle. Each command says what is wrong in
one line, never a traceback."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kb.errors import DatabaseError
from tests.conftest import SEED, make_kb

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
    run = _kb("--db", str(damaged_db), "doctor")
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
