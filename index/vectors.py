"""The vec0 table: chunk vectors with document and year as metadata columns for filtering."""

from __future__ import annotations

from typing import Any

import numpy as np


def ensure_table(conn: Any, dim: int) -> None:
    """Create the vec0 table for vectors of this dimension (once per database)."""
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS chunks_vec USING vec0("
        f"chunk_id INTEGER PRIMARY KEY, embedding float[{int(dim)}] distance_metric=cosine, "
        "doc_id INTEGER, year INTEGER)"
    )


def has_table(conn: Any) -> bool:
    """True once vectors have been stored."""
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='chunks_vec'"
    ).fetchone()
    return row is not None


def insert(conn: Any, chunk_id: int, vector: np.ndarray, doc_id: int, year: int | None) -> None:
    """Store one chunk vector (float32, little-endian blob)."""
    conn.execute(
        "INSERT INTO chunks_vec(chunk_id, embedding, doc_id, year) VALUES (?, ?, ?, ?)",
        (chunk_id, np.asarray(vector, dtype=np.float32).tobytes(), doc_id, year or 0),
    )


def delete_doc(conn: Any, doc_id: int) -> None:
    """Remove a document's vectors."""
    if has_table(conn):
        conn.execute(
            "DELETE FROM chunks_vec WHERE chunk_id IN (SELECT id FROM chunks WHERE doc_id = ?)",
            (doc_id,),
        )


def search(
    conn: Any, query: np.ndarray, k: int, year: int | None = None, doc_id: int | None = None
) -> list[tuple[int, float]]:
    """(chunk_id, cosine similarity) of the k nearest chunks, filters inside the KNN query."""
    if not has_table(conn):
        return []
    sql = "SELECT chunk_id, distance FROM chunks_vec WHERE embedding MATCH ? AND k = ?"
    params: list[Any] = [np.asarray(query, dtype=np.float32).tobytes(), min(int(k), 4096)]
    if year is not None:
        sql += " AND year = ?"
        params.append(year)
    if doc_id is not None:
        sql += " AND doc_id = ?"
        params.append(doc_id)
    return [(int(r[0]), 1.0 - float(r[1])) for r in conn.execute(sql, params)]


class Resident:
    """Every vector in memory as one float32 matrix, for long-running processes (the TUI).

    sqlite-vec's PyPI build scans without SIMD (~0.7 s at 1M chunks); a NumPy matrix-vector
    product over the same vectors is memory-bound (~0.1 s at 1M, ~8 ms at 100k). Loading
    costs about 2 s per 100k vectors, so only processes that search many times keep one.
    Filters become a mask applied before the top-k, as in the KNN query.
    """

    def __init__(self, conn: Any) -> None:
        from .store import generation

        self.generation = generation(conn)
        rows = conn.execute("SELECT chunk_id, embedding, doc_id, year FROM chunks_vec").fetchall()
        self.ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        self.doc_ids = np.fromiter((r[2] for r in rows), dtype=np.int64, count=len(rows))
        self.years = np.fromiter((r[3] for r in rows), dtype=np.int64, count=len(rows))
        blob = b"".join(r[1] for r in rows)
        self.matrix = np.frombuffer(blob, dtype=np.float32).reshape(len(rows), -1)

    def stale(self, conn: Any) -> bool:
        """True when documents were written or removed since loading."""
        from .store import generation

        return generation(conn) != self.generation

    def search(
        self, query: np.ndarray, k: int, year: int | None = None, doc_id: int | None = None
    ) -> list[tuple[int, float]]:
        """(chunk_id, cosine) of the k nearest chunks (vectors are unit length)."""
        if not len(self.ids):
            return []
        q = np.asarray(query, dtype=np.float32)
        rows = None
        if year is not None or doc_id is not None:
            mask = np.ones(len(self.ids), dtype=bool)
            if year is not None:
                mask &= self.years == year
            if doc_id is not None:
                mask &= self.doc_ids == doc_id
            rows = np.flatnonzero(mask)
            if not len(rows):
                return []
            sims = self.matrix[rows] @ q
        else:
            sims = self.matrix @ q
        k = min(k, len(sims))
        top = np.argpartition(-sims, k - 1)[:k]
        top = top[np.argsort(-sims[top])]
        ids = self.ids[rows[top]] if rows is not None else self.ids[top]
        return [(int(i), float(s)) for i, s in zip(ids, sims[top], strict=True)]
