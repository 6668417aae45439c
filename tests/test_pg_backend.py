"""kb on PostgreSQL + pgvector (issue 15): the same facade, the same answers as on SQLite.

The seed report is ingested once per session into each backend with the real e5 engine
(conftest: seed_db, pg_seed_url); `backend` runs a test on both. Writes go to a fresh
database of the session's server (pg_database) with the hashing embedder, for speed.
"""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from index import fts, pgfts
from index.pgconn import Row, connect, masked, translate
from kb.cli import cli
from kb.config import Settings
from kb.errors import DatabaseError, EmbedderMismatch
from kb.facade import KnowledgeBase
from tests.conftest import HashEmbedder, dev_queries, server_kb
from tests.helpers import SEED

# -- the adapter, alone ------------------------------------------------------------------------


def test_placeholders_are_translated_outside_quotes_only() -> None:
    assert translate("SELECT a FROM t WHERE b = ? AND c LIKE ?") == (
        "SELECT a FROM t WHERE b = %s AND c LIKE %s"
    )
    # A literal % must reach the server as is, and a ? inside quotes is text.
    assert translate("SELECT '?%', \"q?\" FROM t WHERE x = ?") == (
        "SELECT '?%%', \"q?\" FROM t WHERE x = %s"
    )
    assert translate("BEGIN IMMEDIATE") == "BEGIN"


def test_rows_read_by_position_and_by_name() -> None:
    class Described:
        names = {"id": 0, "label": 1}

    row = Row(Described(), (7, "예산"))
    assert row[0] == 7 and row["label"] == "예산" and row.keys() == ["id", "label"]
    assert list(row) == [7, "예산"] and len(row) == 2
    with pytest.raises(KeyError):
        row["missing"]


def test_a_password_never_shows() -> None:
    assert masked("postgresql://kb:secret@db.office/kb") == "postgresql://kb:***@db.office/kb"
    assert masked("postgresql://kb@db.office/kb") == "postgresql://kb@db.office/kb"


# -- choosing the backend -------------------------------------------------------------------


def test_a_server_url_is_not_a_path(tmp_path: Path) -> None:
    url = "postgresql://kb@db.office/kb"
    s = Settings.from_env({"KB_HOME": str(tmp_path / "home"), "KB_DB": url})
    assert s.db_url == url and s.db == tmp_path / "home" / "kb.db"
    flag = Settings.from_env({"KB_HOME": str(tmp_path)}).with_overrides(db=url)
    assert flag.db_url == url and flag.db == tmp_path / "kb.db"
    # A file on the command line wins over a server in the environment, and the reverse.
    back = s.with_overrides(db=str(tmp_path / "f.db"))
    assert back.db_url == "" and back.db == tmp_path / "f.db"
    assert not (tmp_path / "home").exists()  # nothing made for a URL


def test_sqlite_stays_the_default(tmp_path: Path) -> None:
    s = Settings.from_env({"KB_HOME": str(tmp_path)})
    assert s.db_url == "" and not KnowledgeBase(s).on_server


# -- the seed report on both backends --------------------------------------------------------


def _lines(hits: list) -> list[int]:
    return [h.line for h in hits]


@pytest.mark.parametrize("mode", ["hybrid", "lexical", "vector"])
def test_search_ranks_as_on_sqlite(seed_kb: KnowledgeBase, pg_seed_kb: KnowledgeBase, mode: str):
    for q in ["청년 예산", *[d["query"] for d in dev_queries()]]:
        want = seed_kb.search(q, k=5, mode=mode)
        got = pg_seed_kb.search(q, k=5, mode=mode)
        assert bool(got) == bool(want), (mode, q)
        if not want:  # an English question holds no word of the Korean report
            continue
        assert _lines(got)[:3] == _lines(want)[:3], (mode, q)
        assert set(_lines(got)) & set(_lines(want)), (mode, q)
        assert got[0].score == pytest.approx(want[0].score, rel=0.02), (mode, q)
        assert got[0].text == want[0].text and got[0].doc == want[0].doc


def test_filters_work_on_the_server(backend: KnowledgeBase) -> None:
    assert backend.search("청년 예산", k=3, year=2019)
    assert backend.search("청년 예산", k=3, year=2001) == []
    only = backend.search("청년 예산", k=3, doc=SEED.name)
    assert only and all(h.doc.path.endswith(SEED.name) for h in only)
    assert backend.years() == [2019]


def test_stats_and_lookups_agree(seed_kb: KnowledgeBase, pg_seed_kb: KnowledgeBase) -> None:
    a, b = seed_kb.stats(), pg_seed_kb.stats()
    assert (b.documents, b.sections, b.chunks, b.tables) == (
        a.documents,
        a.sections,
        a.chunks,
        a.tables,
    )
    assert (b.embedder, b.dim, b.waiting_chunks) == (a.embedder, a.dim, 0)
    assert b.db.startswith("postgresql://") and b.size_bytes > 0
    rows_a = seed_kb.figures("청년마을활동가 성장교육")
    rows_b = pg_seed_kb.figures("청년마을활동가 성장교육")
    assert rows_a and [(r.label, r.measure, r.value, r.line) for r in rows_b] == [
        (r.label, r.measure, r.value, r.line) for r in rows_a
    ]
    assert [p.name for p in pg_seed_kb.programs()] == [p.name for p in seed_kb.programs()]
    assert [s.title for s in pg_seed_kb.studies("로컬데이터")] == [
        s.title for s in seed_kb.studies("로컬데이터")
    ]


def test_the_cli_takes_a_server_url(seed_db: Path, pg_seed_url: str) -> None:
    runner = CliRunner()

    def top(db: str, *args: str) -> list:
        out = runner.invoke(cli, ["--db", db, *args, "--json"], catch_exceptions=False)
        assert out.exit_code == 0, out.output
        return json.loads(out.output)

    want = top(str(seed_db), "search", "청년 예산", "-k", "5")
    got = top(pg_seed_url, "search", "청년 예산", "-k", "5")
    assert [(h["doc"]["path"], h["line"]) for h in got] == [
        (h["doc"]["path"], h["line"]) for h in want
    ]
    stats = top(pg_seed_url, "stats")
    assert stats["chunks"] == top(str(seed_db), "stats")["chunks"]


# -- words: which server ranking is closer to FTS5's BM25 --------------------------------------


def _order_distance(want: list[int], got: list[int]) -> float:
    """Mean displacement of SQLite's top 10 in the server's order (absent: counted as 10)."""
    where = {c: i for i, c in enumerate(got)}
    return sum(abs(where.get(c, 10) - i) for i, c in enumerate(want)) / max(len(want), 1)


def test_bm25_from_stored_counts_ranks_closer_to_fts5_than_ts_rank_cd(
    seed_kb: KnowledgeBase, pg_seed_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    sqlite_conn, pg_conn = seed_kb.conn(), pg_seed_kb.conn()
    measured: dict[str, float] = {}
    for ranking in ("bm25", "ts_rank_cd"):
        monkeypatch.setattr(pgfts, "RANKING", ranking)
        total = 0.0
        for d in dev_queries():
            expr = fts.match_expression(d["query"])
            want = [c for c, _ in fts.search(sqlite_conn, expr, 10)]
            got = [c for c, _ in fts.search(pg_conn, expr, 10)]
            total += _order_distance(want, got)
        measured[ranking] = total / len(dev_queries())
    print("mean displacement of FTS5's top 10:", measured)
    assert measured["bm25"] < measured["ts_rank_cd"]
    assert measured["bm25"] <= 0.5  # near FTS5's own order


# -- writing on the server -------------------------------------------------------------------


def _hash_kb(url: str, home: Path) -> KnowledgeBase:
    kb = server_kb(url, home)
    kb._embedder = HashEmbedder()  # type: ignore[assignment]
    return kb


def test_a_failed_document_leaves_the_server_as_it_was(
    pg_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = _hash_kb(pg_database, tmp_path)
    doc = tmp_path / "a.txt"
    doc.write_text("□ 청년 일자리 사업\n청년 예산 100백만원 집행\n", encoding="utf-8")
    assert kb.ingest([doc]).ok
    before = kb.stats()
    doc.write_text("□ 마을 공동체 사업\n마을 예산 200백만원 집행\n", encoding="utf-8")

    import index.store as store

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk gone mid-document")

    # The replacement fails after its old rows were deleted and before its figures are in.
    monkeypatch.setattr(store, "_store_structured", broken)
    report = kb.ingest([doc])
    assert not report.ok
    after = kb.stats()
    assert (after.chunks, after.sections, after.documents) == (
        before.chunks,
        before.sections,
        before.documents,
    )
    assert kb.search("청년 예산", k=1, mode="lexical")[0].text.startswith("□ 청년")
    assert kb.search("마을", k=1, mode="lexical") == []
    kb.close()


def test_replacing_a_document_takes_its_words_back_out(pg_database: str, tmp_path: Path):
    kb = _hash_kb(pg_database, tmp_path)
    doc = tmp_path / "a.txt"
    doc.write_text("□ 청년 일자리 사업\n청년 예산 100백만원 집행\n", encoding="utf-8")
    assert kb.ingest([doc]).ok and kb.search("청년", k=1, mode="lexical")
    doc.write_text("□ 마을 공동체 사업\n마을 예산 200백만원 집행\n", encoding="utf-8")
    report = kb.ingest([doc])
    assert report.ok and len(report.replaced) == 1
    assert kb.search("청년", k=1, mode="lexical") == []
    hits = kb.search("마을 예산", k=3)
    assert hits and "마을" in hits[0].text
    with psycopg.connect(pg_database) as raw:
        vocab = dict(raw.execute("SELECT term, df FROM vocab").fetchall())
        counts = raw.execute(
            "SELECT (SELECT count(*) FROM chunks), (SELECT count(*) FROM chunks_fts), "
            "(SELECT count(*) FROM chunks_vec)"
        ).fetchone()
    assert "청년" not in vocab and vocab.get("마을", 0) >= 1
    assert counts[0] == counts[1] == counts[2] > 0
    kb.close()


def test_the_server_index_refuses_another_embedder(pg_database: str, tmp_path: Path) -> None:
    kb = _hash_kb(pg_database, tmp_path)
    doc = tmp_path / "a.txt"
    doc.write_text("청년 예산\n", encoding="utf-8")
    assert kb.ingest([doc]).ok
    kb.close()
    other = server_kb(pg_database, tmp_path, embedder="e5")
    with pytest.raises(EmbedderMismatch):
        other.search("청년")
    other.close()


def test_migrations_are_numbered_and_foreign_databases_left_alone(pg_server: str) -> None:
    from tests.conftest import new_database

    url = new_database(pg_server)
    connect(url).close()
    connect(url).close()  # a second open applies nothing again
    with psycopg.connect(url) as raw:
        assert raw.execute("SELECT version FROM schema_version").fetchall() == [(1,)]
    foreign = new_database(pg_server)
    with psycopg.connect(foreign, autocommit=True) as raw:
        raw.execute("CREATE TABLE accounts (id int)")
    with pytest.raises(DatabaseError, match="kb 색인이 아닙니다"):
        connect(foreign)
    with psycopg.connect(foreign) as raw:  # untouched
        assert raw.execute("SELECT to_regclass('documents')").fetchone()[0] is None


def test_two_writers_of_one_document_wait_for_each_other(pg_database: str, tmp_path: Path):
    """Many ingesters share a server: the same file stored by two at once is written one
    after the other (index/locks.py), never failing on the path's uniqueness."""
    import threading

    from index import store
    from index.tokenize import tokens_batch
    from ingest.pipeline import parse_file
    from kb.text import index_text

    path = tmp_path / "a.txt"
    path.write_text("□ 청년 일자리 사업\n청년 예산 100백만원 집행\n", encoding="utf-8")
    doc = parse_file(path)
    secs = {s.id: s.path for s in doc.sections}
    chunk_tokens = tokens_batch(
        [index_text(secs.get(c.section_id, "") if c.section_id else "", c.text) for c in doc.chunks]
    )
    connect(pg_database).close()  # the schema first, so the writers race on the document only
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def writer() -> None:
        conn = connect(pg_database)
        try:
            start.wait()
            for _ in range(5):
                store.store_words(conn, doc, chunk_tokens, ("test-hash", 16), [])
        except BaseException as exc:
            errors.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with psycopg.connect(pg_database) as raw:
        docs, chunks, words = raw.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM chunks), "
            "(SELECT count(*) FROM chunks_fts)"
        ).fetchone()
        df = raw.execute("SELECT df FROM vocab WHERE term = '청년'").fetchone()[0]
    assert docs == 1 and chunks == words == len(doc.chunks) and df == len(doc.chunks)


def test_answer_cards_agree(seed_kb: KnowledgeBase, pg_seed_kb: KnowledgeBase) -> None:
    for question in ("청년마을활동가 성장교육 집행률", "마을활동가 성장교육 참여 인원"):
        want, got = seed_kb.answer(question), pg_seed_kb.answer(question)
        assert want.figures, question
        assert [(f.label, f.measure, f.value, f.line) for f in got.figures] == [
            (f.label, f.measure, f.value, f.line) for f in want.figures
        ]
        assert [h.line for h in got.passages][:3] == [h.line for h in want.passages][:3]
        assert (got.program, got.asked) == (want.program, want.asked)


# -- copying an index between backends --------------------------------------------------------


def test_copy_to_the_server_and_back_searches_the_same(
    seed_kb: KnowledgeBase, pg_database: str, tmp_path: Path
) -> None:
    """SQLite → PostgreSQL → SQLite without embedding again: the same counts on all three
    and the same hits, scores included, in every mode."""
    from dataclasses import asdict

    from index.copy import counts

    copied = seed_kb.copy_to(pg_database)
    assert copied == counts(seed_kb.conn()) and copied["vectors"] == copied["chunks"] > 0
    server = server_kb(pg_database, tmp_path)
    back_file = tmp_path / "back.db"
    assert server.copy_to(back_file) == copied
    back = KnowledgeBase(Settings(home=tmp_path, db=back_file))
    for q in ["청년 예산", *[d["query"] for d in dev_queries()[:6]]]:
        for mode in ("hybrid", "lexical", "vector"):
            want = [asdict(h) for h in seed_kb.search(q, k=5, mode=mode)]
            assert [asdict(h) for h in back.search(q, k=5, mode=mode)] == want, (q, mode)
            on_server = [(h.chunk_id, h.line) for h in server.search(q, k=5, mode=mode)]
            assert on_server[:3] == [(h["chunk_id"], h["line"]) for h in want][:3], (q, mode)
    # The copy keeps its embedder's record, and its ids carry on after the copied ones.
    assert server.stats().embedder == seed_kb.stats().embedder == "e5"
    with psycopg.connect(pg_database) as raw:
        for table in ("documents", "sections", "chunks", "figures"):
            top = raw.execute(f"SELECT max(id) FROM {table}").fetchone()[0]
            seq = raw.execute(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id'))")
            assert seq.fetchone()[0] == top + 1, table
    with pytest.raises(Exception, match="이미 문서가 있습니다"):
        seed_kb.copy_to(pg_database)
    server.close()
    back.close()


def test_kb_copy_on_the_command_line(seed_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    out = CliRunner().invoke(cli, ["copy", str(seed_db), str(target), "--json"])
    assert out.exit_code == 0, out.output
    copied = json.loads(out.output)
    assert copied["chunks"] == copied["vectors"] == copied["words"] > 0
    again = CliRunner().invoke(cli, ["copy", str(seed_db), str(target)])
    assert again.exit_code == 1 and "이미 문서가 있습니다" in again.output
    told = CliRunner().invoke(cli, ["copy", str(seed_db), str(tmp_path / "copy2.db")])
    assert told.exit_code == 0 and told.output.startswith("문서 1, 절 "), told.output


KILLED_INGEST = """
import os, signal, sys
from pathlib import Path

import index.store as store
from tests.conftest import HashEmbedder, server_kb

write = store._store_structured


def die(*args, **kwargs):
    write(*args, **kwargs)  # the replacement's rows are all in, its transaction still open
    os.kill(os.getpid(), signal.SIGKILL)


store._store_structured = die
kb = server_kb(sys.argv[1], Path(sys.argv[2]))
kb._embedder = HashEmbedder()
kb.ingest([Path(sys.argv[3])])
"""


def test_an_ingester_killed_mid_document_leaves_the_server_index_as_it_was(
    pg_database: str, tmp_path: Path
) -> None:
    import signal
    import subprocess
    import sys

    from tests.helpers import ROOT

    kb = _hash_kb(pg_database, tmp_path)
    doc = tmp_path / "a.txt"
    doc.write_text("□ 청년 일자리 사업\n청년 예산 100백만원 집행\n", encoding="utf-8")
    assert kb.ingest([doc]).ok
    before = kb.stats()
    kb.close()
    doc.write_text("□ 마을 공동체 사업\n마을 예산 200백만원 집행\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", KILLED_INGEST, pg_database, str(tmp_path), str(doc)],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert run.returncode == -signal.SIGKILL, run.stderr.decode()[-2000:]
    kb = _hash_kb(pg_database, tmp_path)
    after = kb.stats()
    assert (after.documents, after.chunks, after.sections, after.waiting_documents) == (
        before.documents,
        before.chunks,
        before.sections,
        0,
    )
    assert kb.search("청년 예산", k=1, mode="lexical")[0].text.startswith("□ 청년")
    assert kb.search("마을", k=1, mode="lexical") == []
    # Nothing is left locked: the next ingest stores the new version at once.
    report = kb.ingest([doc])
    assert report.ok and len(report.replaced) == 1
    assert kb.search("마을", k=1, mode="lexical")
    kb.close()


def test_without_psycopg_a_server_url_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from kb.errors import KbError

    # As if kb were installed without the pg extra: importing psycopg fails.
    monkeypatch.setitem(sys.modules, "psycopg", None)
    monkeypatch.delitem(sys.modules, "index.pgconn", raising=False)
    kb = server_kb("postgresql://kb@db.office/kb", tmp_path)
    with pytest.raises(KbError, match=r"psycopg이\(가\) 필요합니다: pip install 'kb\[pg\]'"):
        kb.search("청년")
