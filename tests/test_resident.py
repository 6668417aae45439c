"""The in-memory vector copy: sqlite-vec's chunk tables read right, uint8 first pass + rescoring.

Plumbing and approximation tests: random unit vectors stand in for embeddings because the
question is whether the copy finds what an exact scan finds, not whether the ranking is good.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

import index.resident as resident_mod
from index import vectors
from index.db import connect
from index.registry import delete_document
from index.resident import Resident
from index.store import replace_document
from kb.types import Chunk, Document

DIM = 384
DOCS, PER_DOC = 6, 700  # 4,200 vectors over several of sqlite-vec's 1,024-slot chunks


def _doc(i: int, n: int) -> Document:
    return Document(
        path=f"/t/doc-{i}.txt",
        sha256=f"{i:064d}",
        format="txt",
        title=f"doc {i}",
        organisation=None,
        report_date=None,
        year=2015 + i % 3,
        pages=None,
        chunks=[Chunk(j, f"문서 {i} 조각 {j}", None, "", "text", j, j) for j in range(n)],
    )


@pytest.fixture(scope="module")
def random_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, np.ndarray]:
    """An index of random unit vectors, one document removed to leave holes in the slots."""
    rng = np.random.default_rng(11)
    db = tmp_path_factory.mktemp("resident") / "r.db"
    conn = connect(db)
    for i in range(DOCS):
        vecs = rng.standard_normal((PER_DOC, DIM)).astype(np.float32)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        replace_document(conn, _doc(i, PER_DOC), vecs, [["조각"]] * PER_DOC, ("e5", DIM))
    doc2 = conn.execute("SELECT id FROM documents WHERE path = '/t/doc-2.txt'").fetchone()[0]
    delete_document(conn, doc2)
    conn.close()
    queries = rng.standard_normal((12, DIM)).astype(np.float32)
    return db, queries / np.linalg.norm(queries, axis=1, keepdims=True)


def test_fast_load_reads_the_same_vectors_as_vec0_select(
    random_db: tuple[Path, np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _ = random_db
    conn = connect(db)
    fast = Resident(conn, float_budget=2**40)
    monkeypatch.setattr(resident_mod, "LAYOUT_VERSIONS", ("v99.",))
    slow = Resident(conn, float_budget=2**40)
    rows = conn.execute("SELECT chunk_id, doc_id, year FROM chunks_vec").fetchall()
    conn.close()
    assert fast.fast_load and not slow.fast_load
    assert len(fast.ids) == (DOCS - 1) * PER_DOC == len(rows)
    order_f, order_s = np.argsort(fast.ids), np.argsort(slow.ids)
    assert np.array_equal(fast.ids[order_f], slow.ids[order_s])
    assert np.array_equal(fast.floats[order_f], slow.floats[order_s])
    assert np.array_equal(fast.doc_ids[order_f], slow.doc_ids[order_s])
    want = {r[0]: (r[1], r[2]) for r in rows}
    got = {
        int(i): (int(d), int(y)) for i, d, y in zip(fast.ids, fast.doc_ids, fast.years, strict=True)
    }
    assert got == want


def test_quantised_first_pass_then_rescoring_matches_exact_search(
    random_db: tuple[Path, np.ndarray],
) -> None:
    db, queries = random_db
    conn = connect(db)
    copy = Resident(conn, float_budget=0)
    assert copy.quantised and copy.codes.dtype == np.uint8
    assert copy.codes.nbytes == len(copy.ids) * DIM  # a quarter of float32
    hits = total = 0
    for q in queries:
        want = vectors.search(conn, q, 10)
        got = copy.search(conn, q, 10)
        hits += len({i for i, _ in want} & {i for i, _ in got})
        total += 10
        # Rescored scores are sqlite-vec's own cosines, not estimates.
        exact = dict(want)
        assert all(abs(s - exact[i]) < 1e-5 for i, s in got if i in exact)
        in_year = [i for i, _ in copy.search(conn, q, 5, year=2016)]
        assert in_year == [i for i, _ in vectors.search(conn, q, 5, year=2016)]
    conn.close()
    assert hits / total >= 0.98


def test_rescoring_drops_chunks_removed_after_loading(
    random_db: tuple[Path, np.ndarray], tmp_path: Path
) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(random_db[0], db)
    conn = connect(db)
    copy = Resident(conn, float_budget=0)
    q = random_db[1][0]
    before = copy.search(conn, q, 10)
    gone = conn.execute("SELECT doc_id FROM chunks WHERE id = ?", (before[0][0],)).fetchone()[0]
    delete_document(conn, gone)
    assert copy.stale(conn)
    after = copy.search(conn, q, 10)
    conn.close()
    assert after and before[0][0] not in {i for i, _ in after}


def test_parallel_scan_equals_the_serial_one(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    codes = rng.integers(0, 256, (5000, DIM), dtype=np.uint8)
    weights = rng.standard_normal(DIM).astype(np.float32)
    serial = resident_mod._scan(codes, weights)
    monkeypatch.setattr(resident_mod, "PARALLEL_ROWS", 0)
    monkeypatch.setattr(resident_mod.os, "cpu_count", lambda: 3)
    monkeypatch.setattr(resident_mod, "_POOL", None)
    parallel = resident_mod._scan(codes, weights)
    assert np.allclose(serial, parallel, rtol=1e-5)  # block edges differ: rounding only
    assert np.allclose(serial, codes.astype(np.float32) @ weights, rtol=1e-4, atol=1e-2)
