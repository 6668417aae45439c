"""An in-memory copy of every vector, for processes that search many times (the TUI).

sqlite-vec's PyPI build scans float32 without SIMD (~0.7 s at 1M chunks), its int8 scan is
barely faster, and sign bits cannot keep recall@10 at 0.98 (see bench/). Small indexes keep
float32 and scan exactly. Past FLOAT_BUDGET the copy holds uint8 codes (a quarter of the
bytes), scanned block by block through BLAS; the top candidates are then rescored exactly
against the float32 vectors sqlite-vec stores. Loading reads sqlite-vec's chunk tables
directly (about 1 GB/s, against 50 MB/s for vec0's row-by-row SELECT).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from . import vectors
from .conn import Connection
from .meta import generation
from .tx import read_snapshot

# Rows per BLAS call: the float32 copy of a block stays in cache, and OpenBLAS runs a call
# this small on one thread, so the scan can split across cores itself (measured at 1M: one
# thread 80 ms, two 44 ms; bigger blocks let OpenBLAS threads fight the split ones).
BLOCK = 1024
# Below this many rows one thread is quicker than handing work out.
PARALLEL_ROWS = 65536
# Vector chunks sampled to fix each dimension's quantisation range before the full read.
SAMPLE_CHUNKS = 8
# Headroom around the sampled range; values beyond it are clipped (rescoring stays exact).
MARGIN = 0.5
# Up to this many bytes of float32 vectors stay exact in memory (about 20k chunks at d=384;
# past that uint8 + rescoring measured as fast, with a quarter of the memory and load time).
FLOAT_BUDGET = 32 * 2**20
# sqlite-vec's on-disk layout read below; other versions take the slow, always-right path.
LAYOUT_VERSIONS = ("v0.1.",)


class LayoutError(Exception):
    """sqlite-vec's shadow tables are not laid out as this module expects."""


class Resident:
    """Every chunk vector (float32, or uint8 codes past the budget), with ids, documents and
    years for filtering."""

    def __init__(
        self, conn: Connection, rescore: int = 64, float_budget: int = FLOAT_BUDGET
    ) -> None:
        self.rescore = rescore
        self.float_budget = float_budget
        with read_snapshot(conn):
            self.generation = generation(conn)
            # Counted up front, so the codes fill one preallocated array (no 2x peak at 1M).
            try:
                _check_layout(conn)
                stored = conn.execute("SELECT count(*) FROM chunks_vec_rowids").fetchone()[0]
                self.lo, self.step = _ranges(conn, _sample(conn))
                self._load(_shadow_blocks(conn), stored)
                self.fast_load = True
            except LayoutError:
                stored = conn.execute("SELECT count(*) FROM chunks_vec").fetchone()[0]
                rows = conn.execute("SELECT chunk_id, embedding, doc_id, year FROM chunks_vec")
                self.lo, self.step = _ranges(conn, None)
                self._load(_row_blocks(rows), stored)
                self.fast_load = False

    def _load(self, blocks: Iterator[tuple[np.ndarray, ...]], stored: int) -> None:
        dim = len(self.lo)
        self.ids = np.empty(stored, np.int64)
        self.doc_ids = np.empty(stored, np.int64)
        self.years = np.empty(stored, np.int64)
        keep_floats = stored * dim * 4 <= self.float_budget
        store = np.empty((stored, dim), np.float32 if keep_floats else np.uint8)
        filled = 0
        for block_ids, block_docs, block_years, vecs in blocks:
            end = filled + len(block_ids)
            if end > stored or (len(vecs) and vecs.shape[1] != dim):
                raise LayoutError(f"more than the {stored} vectors counted, or not {dim} wide")
            self.ids[filled:end] = block_ids
            self.doc_ids[filled:end] = block_docs
            self.years[filled:end] = block_years
            store[filled:end] = vecs if keep_floats else self._quantise(vecs)
            filled = end
        if filled != stored:
            raise LayoutError(f"{filled} valid slots for {stored} vectors")
        # float32 while it fits the budget (exact); otherwise only the uint8 codes.
        self.floats = store if keep_floats else None
        self.codes = np.zeros((0, dim), np.uint8) if keep_floats else store

    def _quantise(self, vecs: np.ndarray) -> np.ndarray:
        scaled = np.rint((vecs - self.lo) / self.step)
        codes: np.ndarray = np.clip(scaled, 0, 255).astype(np.uint8)
        return codes

    @property
    def quantised(self) -> bool:
        """True when the copy holds uint8 codes (and rescoring reads the database)."""
        return self.floats is None

    @property
    def nbytes(self) -> int:
        """Memory held by the copy."""
        vecs = self.codes.nbytes if self.floats is None else self.floats.nbytes
        return vecs + self.ids.nbytes + self.doc_ids.nbytes + self.years.nbytes

    def stale(self, conn: Connection) -> bool:
        """True when documents were written or removed since loading."""
        return generation(conn) != self.generation

    def candidates(
        self, query: np.ndarray, n: int, year: int | None = None, doc_id: int | None = None
    ) -> np.ndarray:
        """Row numbers of the n best first-pass scores (no database access: runs in a thread)."""
        if not len(self.ids) or n <= 0:
            return np.zeros(0, np.int64)
        rows: np.ndarray | None = None
        if year is not None or doc_id is not None:
            mask = np.ones(len(self.ids), dtype=bool)
            if year is not None:
                mask &= self.years == year
            if doc_id is not None:
                mask &= self.doc_ids == doc_id
            rows = np.flatnonzero(mask)
        if rows is not None and not len(rows):
            return np.zeros(0, np.int64)
        q = np.asarray(query, np.float32)
        if self.floats is not None:
            scores = (self.floats if rows is None else self.floats[rows]) @ q
        else:
            codes = self.codes if rows is None else self.codes[rows]
            # x ≈ lo + step * code, so x·q ranks like code·(step∘q): the lo·q term is shared.
            scores = _scan(codes, (self.step * q).astype(np.float32))
        n = min(n, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        return top if rows is None else rows[top]

    def exact(
        self, conn: Connection, rows: np.ndarray, query: np.ndarray, k: int
    ) -> list[tuple[int, float]]:
        """(chunk_id, cosine) of the best k candidate rows, scored exactly."""
        q = np.asarray(query, np.float32)
        if self.floats is None:
            return rescore(conn, self.ids[rows], q, k)
        sims = self.floats[rows] @ q
        order = np.argsort(-sims, kind="stable")[:k]
        return [(int(self.ids[rows[i]]), float(sims[i])) for i in order]

    def first_pass_size(self, k: int) -> int:
        """How many candidates the first pass hands to exact scoring."""
        return k if self.floats is not None else max(k, self.rescore)

    def search(
        self,
        conn: Connection,
        query: np.ndarray,
        k: int,
        year: int | None = None,
        doc_id: int | None = None,
    ) -> list[tuple[int, float]]:
        """(chunk_id, cosine) of the k nearest chunks: first pass, then exact rescoring."""
        rows = self.candidates(query, self.first_pass_size(k), year, doc_id)
        return self.exact(conn, rows, query, k)


def rescore(
    conn: Connection, ids: np.ndarray, query: np.ndarray, k: int
) -> list[tuple[int, float]]:
    """Exact cosine of each candidate from sqlite-vec's float32 vectors; the best k."""
    with read_snapshot(conn):  # removed since loading: dropped, never guessed
        scored = vectors.similarities(conn, ids.tolist(), query)
    scored.sort(key=lambda r: -r[1])  # stable: ties stay in candidate order
    return scored[:k]


def _scan(codes: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """codes · weights for every row, in parallel slices on big copies."""
    out = np.empty(len(codes), np.float32)
    workers = min(os.cpu_count() or 1, 8)
    if workers == 1 or len(codes) < PARALLEL_ROWS:
        _scan_into(codes, weights, out)
        return out
    bounds = np.linspace(0, len(codes), workers + 1).astype(int)
    pool, blas = _pool(workers)
    # OpenBLAS's own threads would compete with the slices (63 → 52 ms at 1M when held off).
    with blas.limit(limits=1, user_api="blas"):
        jobs = [
            pool.submit(_scan_into, codes[a:b], weights, out[a:b])
            for a, b in zip(bounds[:-1], bounds[1:], strict=True)
        ]
        for job in jobs:
            job.result()
    return out


def _scan_into(codes: np.ndarray, weights: np.ndarray, out: np.ndarray) -> None:
    # The casts and the BLAS calls release the GIL, so slices run truly in parallel.
    buf = np.empty((min(BLOCK, len(codes)), codes.shape[1]), np.float32)
    for start in range(0, len(codes), BLOCK):
        block = codes[start : start + BLOCK]
        view = buf[: len(block)]
        np.copyto(view, block, casting="unsafe")
        np.dot(view, weights, out=out[start : start + len(block)])


_POOL: tuple[ThreadPoolExecutor, Any] | None = None


def _pool(workers: int) -> tuple[ThreadPoolExecutor, Any]:
    """The scan's worker threads and a handle on the BLAS thread pool (made once)."""
    global _POOL
    if _POOL is None:
        # Here, not above: index.search imports this module, and a cold `kb search` never
        # scans the in-memory copy; threadpoolctl would add 1.1 ms to it (median, one core).
        from threadpoolctl import ThreadpoolController

        _POOL = (
            ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kb-scan"),
            ThreadpoolController(),
        )
    return _POOL


def _ranges(conn: Connection, sample: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Per-dimension lower bound and step of the uint8 codes."""
    if sample is None or not len(sample):
        sample = _sample_rows(conn)
    if not len(sample):
        return np.zeros(1, np.float32), np.ones(1, np.float32)
    lo, hi = sample.min(axis=0), sample.max(axis=0)
    pad = (hi - lo) * MARGIN / 2 + 1e-6
    lo, hi = lo - pad, hi + pad
    return lo.astype(np.float32), ((hi - lo) / 255).astype(np.float32)


def _sample_rows(conn: Connection, limit: int = 8192) -> np.ndarray:
    rows = conn.execute("SELECT embedding FROM chunks_vec LIMIT ?", (limit,)).fetchall()
    if not rows:
        return np.zeros((0, 0), np.float32)
    return np.frombuffer(b"".join(r[0] for r in rows), np.float32).reshape(len(rows), -1)


def _check_layout(conn: Connection) -> None:
    names = {
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'chunks_vec_%'")
    }
    need = {
        "chunks_vec_info",
        "chunks_vec_chunks",
        "chunks_vec_rowids",
        "chunks_vec_vector_chunks00",
        "chunks_vec_metadatachunks00",
        "chunks_vec_metadatachunks01",
    }
    if not need <= names:
        raise LayoutError("missing shadow tables")
    row = conn.execute("SELECT value FROM chunks_vec_info WHERE key = 'CREATE_VERSION'").fetchone()
    if row is None or not str(row[0]).startswith(LAYOUT_VERSIONS):
        raise LayoutError(f"unknown sqlite-vec layout {row}")


def _sample(conn: Connection) -> np.ndarray:
    """Vectors from a few chunks spread over the table, to fix the quantisation ranges."""
    chunk_ids = [r[0] for r in conn.execute("SELECT chunk_id FROM chunks_vec_chunks")]
    pick = chunk_ids[:: max(1, len(chunk_ids) // SAMPLE_CHUNKS)][:SAMPLE_CHUNKS]
    parts = []
    for cid in pick:
        blocks = list(_shadow_blocks(conn, only=cid))
        parts += [b[3] for b in blocks if len(b[3])]
    return np.vstack(parts) if parts else np.zeros((0, 0), np.float32)


def _shadow_blocks(conn: Connection, only: int | None = None) -> Iterator[tuple[np.ndarray, ...]]:
    """(ids, doc ids, years, float32 vectors) per sqlite-vec chunk of 1024 slots."""
    _check_layout(conn)
    sql = (
        "SELECT c.size, c.validity, c.rowids, v.vectors, d.data, y.data "
        "FROM chunks_vec_chunks c "
        "JOIN chunks_vec_vector_chunks00 v ON v.rowid = c.chunk_id "
        "JOIN chunks_vec_metadatachunks00 d ON d.rowid = c.chunk_id "
        "JOIN chunks_vec_metadatachunks01 y ON y.rowid = c.chunk_id"
    )
    params: tuple[Any, ...] = ()
    if only is not None:
        sql += " WHERE c.chunk_id = ?"
        params = (only,)
    for size, validity, rowids, blob, docs, years in conn.execute(sql, params):
        if len(rowids) != 8 * size or len(docs) != 8 * size or len(years) != 8 * size:
            raise LayoutError("unexpected slot sizes")
        if len(blob) % (4 * size):
            raise LayoutError("unexpected vector blob size")
        valid = np.unpackbits(np.frombuffer(validity, np.uint8), bitorder="little")[:size]
        keep = valid.astype(bool)
        vecs = np.frombuffer(blob, np.float32).reshape(size, -1)
        yield (
            np.frombuffer(rowids, np.int64)[keep],
            np.frombuffer(docs, np.int64)[keep],
            np.frombuffer(years, np.int64)[keep],
            vecs[keep],
        )


def _row_blocks(rows: Any) -> Iterator[tuple[np.ndarray, ...]]:
    """The same blocks from vec0's own SELECT (slow, layout-independent)."""
    while batch := rows.fetchmany(4096):
        yield (
            np.fromiter((r[0] for r in batch), np.int64, len(batch)),
            np.fromiter((r[2] for r in batch), np.int64, len(batch)),
            np.fromiter((r[3] for r in batch), np.int64, len(batch)),
            np.frombuffer(b"".join(r[1] for r in batch), np.float32).reshape(len(batch), -1),
        )
