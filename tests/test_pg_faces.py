"""kb's two faces on a server (issue 15): `kb doctor` reports the server's own health and the
TUI opens on a server URL as on a file, with no SQLite file anywhere.

The seed report is on the session's server (conftest: pg_seed_url, with the real e5 engine);
writes go to a fresh database (pg_database) with the hashing embedder.
"""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from textual.widgets import OptionList

from kb.cli import cli
from kb.facade import KnowledgeBase
from tests.conftest import HashEmbedder, server_kb
from tests.test_tui_snapshots import settle
from tui.app import KbApp, create_app
from tui.ingest import IngestScreen
from tui.search import SearchView

YOUTH_SECTION = "② 청년마을활동가 성장교육"


def checks(kb: KnowledgeBase) -> dict[str, tuple[bool, str]]:
    """kb.doctor()'s checks by name."""
    return {c.name: (c.ok, c.detail) for c in kb.doctor()}


def hash_kb(url: str, home: Path) -> KnowledgeBase:
    """A server KnowledgeBase with the hashing embedder (fast writes)."""
    kb = server_kb(url, home)
    kb._embedder = HashEmbedder()  # type: ignore[assignment]
    return kb


def test_doctor_on_a_server_reports_the_servers_facts(
    pg_seed_url: str, pg_seed_kb: KnowledgeBase
) -> None:
    chunks = pg_seed_kb.stats().chunks
    run = CliRunner().invoke(cli, ["--db", pg_seed_url, "doctor"], catch_exceptions=False)
    assert run.exit_code == 0, run.output
    lines = run.output.splitlines()

    def line(name: str) -> str:
        (found,) = [x for x in lines if x.startswith(f"정상  {name} ")]
        return found.split(maxsplit=1 + len(name.split()))[-1].strip()

    assert re.fullmatch(r"PostgreSQL \d+(\.\d+)* 서버", line("서버")), lines
    assert re.fullmatch(r"설치됨, 버전 \d+\.\d+\.\d+", line("pgvector 확장")), lines
    assert line("스키마") == "버전 1"
    assert line("내용") == f"문서 1개, 조각 {chunks}개, 벡터 {chunks}개, 낱말 항목 {chunks}개"
    assert line("HNSW 색인") == "chunks_vec_hnsw: 유효합니다"
    assert line("벡터") == "e5 (384차원)로 만들었습니다"
    # Where the index is: the URL, never a SQLite file; SQLite's own checks do not run.
    assert line("색인").startswith("postgresql://") and "문서 1개" in line("색인")
    assert not any("SQLite" in x or "sqlite-vec" in x or "아직 없습니다" in x for x in lines)
    run = CliRunner().invoke(cli, ["--db", pg_seed_url, "doctor", "--lang", "en"])
    assert run.exit_code == 0 and "chunks_vec_hnsw: valid" in run.output, run.output
    assert "built with e5 (384 dims)" in run.output and "installed, version" in run.output


def test_doctor_fails_on_an_invalid_or_missing_hnsw_index(pg_database: str, tmp_path: Path):
    kb = hash_kb(pg_database, tmp_path)
    doc = tmp_path / "a.txt"
    doc.write_text("□ 청년 일자리 사업\n청년 예산 100백만원 집행\n", encoding="utf-8")
    assert kb.ingest([doc]).ok
    assert checks(kb)["hnsw"] == (True, "chunks_vec_hnsw: 유효합니다")
    assert checks(kb)["vectors"] == (True, "test-hash (16차원)로 만들었습니다")
    # What an interrupted CREATE INDEX CONCURRENTLY leaves: an index the planner ignores.
    with psycopg.connect(pg_database, autocommit=True) as raw:
        raw.execute(
            "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'chunks_vec_hnsw'::regclass"
        )
    ok, detail = checks(kb)["hnsw"]
    assert not ok and detail.startswith("chunks_vec_hnsw: 유효하지 않습니다"), detail
    assert "REINDEX INDEX chunks_vec_hnsw;" in detail
    with psycopg.connect(pg_database, autocommit=True) as raw:
        raw.execute("DROP INDEX chunks_vec_hnsw")
    ok, detail = checks(kb)["hnsw"]
    assert not ok and detail.startswith("chunks_vec_hnsw이 없습니다"), detail
    # Words out of step with the chunks are named as on SQLite.
    with psycopg.connect(pg_database, autocommit=True) as raw:
        raw.execute("DELETE FROM chunks_fts")
    ok, detail = checks(kb)["contents"]
    assert not ok and "낱말 항목 0개" in detail and "서로 맞지 않습니다" in detail
    kb.close()


def test_doctor_on_an_empty_server_database_is_not_none_yet(
    pg_database: str, tmp_path: Path
) -> None:
    kb = hash_kb(pg_database, tmp_path)
    found = checks(kb)
    assert found["hnsw"] == (True, "아직 벡터가 없습니다 (첫 벡터와 함께 만듭니다)")
    assert found["vectors"] == (True, "아직 저장된 벡터가 없습니다")
    assert found["schema"] == (True, "버전 1") and found["index"][0]
    assert "문서 0개" in found["index"][1] and "아직 없습니다" not in found["index"][1]
    assert "sqlite" not in found and not (tmp_path / "unused.db").exists()
    kb.close()


# -- the TUI ---------------------------------------------------------------------------------


@pytest.fixture
def anyio_backend() -> str:
    """Textual runs on asyncio."""
    return "asyncio"


def server_app(url: str, home: Path) -> KbApp:
    """The app as `kb --db URL tui` builds it (the shared factory)."""
    return create_app(server_kb(url, home))


@pytest.mark.anyio
async def test_the_tui_on_a_server_searches_and_shows_hits(pg_seed_url: str, tmp_path: Path):
    app = server_app(pg_seed_url, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, IngestScreen)  # not the first-run dialog
        assert app.sub_title.endswith("(PostgreSQL 서버)"), app.sub_title
        app.query_one("#query").focus()
        await pilot.press(*"청년 활동가 교육 예산")
        await settle(pilot)
        view = app.query_one(SearchView)
        assert app.query_one("#results", OptionList).option_count == len(view.hits) > 0
        assert any(YOUTH_SECTION in h.section for h in view.hits[:3])
        assert not (tmp_path / "unused.db").exists()  # no SQLite file was made
    app.backend.kb.close()


@pytest.mark.anyio
async def test_an_empty_server_database_opens_the_first_run_dialog(
    pg_database: str, tmp_path: Path
) -> None:
    app = server_app(pg_database, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, IngestScreen) and app.screen.first_run
    app.backend.kb.close()
