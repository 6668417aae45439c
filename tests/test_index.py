"""The SQLite index: re-ingest idempotence, replacement, embedder mismatch, foreign files."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from index.db import connect
from index.migrations import SCHEMA_VERSION
from index.store import replace_document
from ingest.pipeline import parse_file
from kb.errors import DatabaseError, EmbedderMismatch
from kb.i18n import set_language
from tests.helpers import SEED, make_kb


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The index's errors and doctor's details are checked in English, the words these tests
    were written in (here and in the processes they start)."""
    monkeypatch.setenv("KB_LANG", "en")
    set_language(None)


SMALL = "Ⅰ. 일반 현황\n조직 2국 5실 10팀\n□ 추진실적\n- 공동체공간학교 운영(9회, 106명)\n"


def _counts(db: Path) -> tuple[int, ...]:
    conn = connect(db)
    try:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "sections", "chunks", "doc_tables", "chunks_vec")
        )
    finally:
        conn.close()


def test_reingest_unchanged_is_a_noop(tmp_path: Path, seed_db: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(seed_db, db)
    before = _counts(db)
    kb = make_kb(db)
    report = kb.ingest([SEED])
    kb.close()
    assert report.unchanged == [str(SEED)] and not report.added and not report.replaced
    assert _counts(db) == before


def test_changed_file_is_replaced_not_duplicated(tmp_path: Path) -> None:
    doc = tmp_path / "r.txt"
    doc.write_text(SMALL, encoding="utf-8")
    kb = make_kb(tmp_path / "kb.db")
    assert kb.ingest([doc]).added == [str(doc)]
    doc.write_text(SMALL + "- 연구 공유회 2회(153명)\n", encoding="utf-8")
    assert kb.ingest([doc]).replaced == [str(doc)]
    hits = kb.search("연구 공유회", k=5)
    kb.close()
    assert _counts(tmp_path / "kb.db")[0] == 1
    assert any("연구 공유회 2회(153명)" in h.text for h in hits)


def test_renamed_identical_file_is_recognised(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(SMALL, encoding="utf-8")
    kb = make_kb(tmp_path / "kb.db")
    kb.ingest([doc])
    moved = doc.rename(tmp_path / "b.txt")
    report = kb.ingest([moved])
    kb.close()
    assert report.renamed == [(str(doc), str(moved))]
    assert _counts(tmp_path / "kb.db")[0] == 1


def test_failed_write_leaves_previous_version(tmp_path: Path) -> None:
    src = tmp_path / "r.txt"
    src.write_text(SMALL, encoding="utf-8")
    kb = make_kb(tmp_path / "kb.db")
    kb.ingest([src])
    kb.close()
    before = _counts(tmp_path / "kb.db")
    conn = connect(tmp_path / "kb.db")
    doc = parse_file(src)
    doc.path = str(src.resolve())
    bad_vectors = np.zeros((len(doc.chunks) - 1, 384), dtype=np.float32)  # one short: fails
    with pytest.raises(ValueError):
        replace_document(conn, doc, bad_vectors, [[] for _ in doc.chunks], ("e5", 384))
    conn.close()
    assert _counts(tmp_path / "kb.db") == before


def test_embedder_mismatch_is_refused(tmp_path: Path, seed_db: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(seed_db, db)
    before = _counts(db)
    other = make_kb(db, embedder="st:some-other-model")
    with pytest.raises(EmbedderMismatch, match="built with embedder 'e5'"):
        other.ingest([SEED])
    with pytest.raises(EmbedderMismatch):
        other.search("청년")
    other.close()
    assert _counts(db) == before


def test_foreign_files_are_refused_and_untouched(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError, match="not a SQLite database"):
        connect(junk)
    assert junk.read_bytes() == b"this is not sqlite" * 100
    import sqlite3

    other = tmp_path / "other.db"
    c = sqlite3.connect(other)
    c.execute("CREATE TABLE notes(x)")
    c.commit()
    c.close()
    with pytest.raises(DatabaseError, match="not a kb index"):
        connect(other)


def test_no_capable_sqlite_build_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    import index.db as db

    monkeypatch.setattr(db, "_DRIVERS", ("sqlite3", "no_such_sqlite_module"))
    if hasattr(sqlite3.Connection, "enable_load_extension"):
        assert db.sqlite_module() is sqlite3  # this Python's own build can load extensions
        return
    with pytest.raises(DatabaseError) as info:
        db.sqlite_module()
    message = str(info.value)
    assert "sqlite3 (built without extension loading)" in message
    assert "no_such_sqlite_module (not installed)" in message
    assert "pip install sqlean.py" in message


def test_vocabulary_follows_replacements(tmp_path: Path) -> None:
    doc = tmp_path / "r.txt"
    doc.write_text(SMALL + "- 정릉공리 소셜 다이닝\n", encoding="utf-8")
    kb = make_kb(tmp_path / "kb.db")
    kb.ingest([doc])
    conn = kb.conn()
    assert conn.execute("SELECT df FROM vocab WHERE term = '정릉공리'").fetchone() is not None
    doc.write_text(SMALL, encoding="utf-8")
    kb.ingest([doc])
    assert conn.execute("SELECT df FROM vocab WHERE term = '정릉공리'").fetchone() is None
    total = conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
    assert conn.execute("SELECT value FROM meta WHERE key = 'chunks'").fetchone()[0] == str(total)
    kb.close()


def test_in_memory_vectors_match_sqlite_vec_and_follow_writes(
    tmp_path: Path, seed_db: Path
) -> None:
    from index import vectors
    from index.resident import Resident

    db = tmp_path / "copy.db"
    shutil.copy(seed_db, db)
    kb = make_kb(db)
    conn = kb.conn()
    resident = Resident(conn)
    quantised = Resident(conn, rescore=20, float_budget=0)
    assert not resident.quantised and quantised.quantised and resident.fast_load
    for query in ("청년 활동가 교육 예산", "연구 공유회 참석 인원", "정릉공리"):
        q = kb.embedder().embed_query(query)
        want = vectors.search(conn, q, 10)  # sqlite-vec's exact float32 scan
        for copy in (resident, quantised):
            got = copy.search(conn, q, 10)
            assert [i for i, _ in got] == [i for i, _ in want]
            assert np.allclose([s for _, s in got], [s for _, s in want], atol=1e-4)
            assert copy.search(conn, q, 10, year=2018) == []
            assert {i for i, _ in copy.search(conn, q, 5, year=2019)} <= {i for i, _ in want}
    kb.keep_vectors_in_memory()
    before = kb.search("공동체공간학교", k=3)
    extra = tmp_path / "extra.txt"
    extra.write_text(SMALL, encoding="utf-8")
    kb.ingest([extra])
    assert resident.stale(conn)
    after = kb.search("공동체공간학교 운영 횟수", k=10)
    kb.close()
    assert before and any(h.doc.path == str(extra.resolve()) for h in after)


def test_second_search_loads_the_copy_only_when_the_index_is_big_enough(
    seed_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kb.facade as facade

    kb = make_kb(seed_db)
    kb.search("청년 활동가 교육 예산")
    kb.search("연구 공유회")
    assert kb._resident is None  # the sample report is far below the threshold
    monkeypatch.setattr(facade, "AUTO_RESIDENT_CHUNKS", 10)
    one_shot = make_kb(seed_db)
    first = one_shot.search("청년 활동가 교육 예산")
    assert one_shot._resident is None  # a single search never pays for the load
    again = one_shot.search("청년 활동가 교육 예산")
    assert one_shot._resident is not None
    assert [h.chunk_id for h in again] == [h.chunk_id for h in first]
    refused = make_kb(seed_db)
    refused.keep_vectors_in_memory(False)
    refused.search("마을")
    refused.search("마을")
    assert refused._resident is None
    for k in (kb, one_shot, refused):
        k.close()


def test_index_from_before_the_vocabulary_is_upgraded_in_place(
    tmp_path: Path, seed_db: Path
) -> None:
    # A schema-2 index: everything but the vocabulary tables and the chunk counter.
    db = tmp_path / "old.db"
    shutil.copy(seed_db, db)
    conn = connect(db)
    want = sorted(conn.execute("SELECT term, df FROM vocab").fetchall())
    hits_before = [h.chunk_id for h in make_kb(db).search("청년 활동가 교육 예산", k=5)]
    study_tokens = conn.execute("SELECT id, title_tokens FROM studies ORDER BY id").fetchall()
    assert study_tokens and all(t for _, t in study_tokens)
    conn.execute("ALTER TABLE studies DROP COLUMN title_tokens")  # came with schema 6
    conn.execute("DROP TABLE doc_terms")
    conn.execute("DROP TABLE vocab")
    conn.execute("DELETE FROM meta WHERE key IN ('chunks', 'generation')")
    conn.execute("ALTER TABLE studies DROP COLUMN embedding")  # came with schema 4
    conn.execute("PRAGMA user_version = 2")
    chunks = conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
    conn.close()
    conn = connect(db)  # migrates: terms recounted from the stored text, nothing re-embedded
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert sorted(conn.execute("SELECT term, df FROM vocab").fetchall()) == want
    assert conn.execute("SELECT value FROM meta WHERE key = 'chunks'").fetchone()[0] == str(chunks)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # Study title morphemes are backfilled exactly as ingest stores them.
    assert conn.execute("SELECT id, title_tokens FROM studies ORDER BY id").fetchall() == (
        study_tokens
    )
    conn.close()
    kb = make_kb(db)
    assert [h.chunk_id for h in kb.search("청년 활동가 교육 예산", k=5)] == hits_before
    # Study titles had no vectors then: the first search by meaning embeds them.
    nearest = kb.studies("youth jobs research")
    assert nearest and all(s.match == "meaning" for s in nearest)
    assert (
        kb.conn().execute("SELECT count(*) FROM studies WHERE embedding IS NULL").fetchone()[0] == 0
    )
    kb.close()


def test_every_cascading_child_key_has_an_index(seed_db: Path) -> None:
    # A delete cascades through sections and tables; without an index on the child key
    # SQLite scans the child table once per deleted parent (a replace at 1,000 reports
    # took 16 s). The check reads the schema, so a new table cannot forget its index.
    conn = connect(seed_db)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    missing = []
    for table in tables:
        fks = conn.execute(f"PRAGMA foreign_key_list({table})").fetchall()
        if not fks:
            continue
        leading = {
            conn.execute(f"PRAGMA index_info({idx[1]})").fetchone()[2]
            for idx in conn.execute(f"PRAGMA index_list({table})")
        }
        missing += [(table, fk[3]) for fk in fks if fk[3] not in leading]
    assert len(tables) > 5 and missing == []


def test_processes_opening_a_new_index_at_once_do_not_collide(tmp_path: Path) -> None:
    # An ingest and a search (or the TUI) may create the same new file together: each must
    # find the schema the other has built, not create its tables a second time.
    import threading

    errors: list[BaseException] = []

    def open_and_close(path: Path) -> None:
        try:
            connect(path).close()
        except BaseException as exc:  # recorded, then asserted below
            errors.append(exc)

    paths = [tmp_path / f"new-{i}" / "kb.db" for i in range(20)]
    for path in paths:
        threads = [threading.Thread(target=open_and_close, args=(path,)) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    for path in paths:
        conn = connect(path)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.close()
