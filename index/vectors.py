"""The vec0 table: chunk vectors with document and year as metadata columns for filtering."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import pgvectors
from .conn import Connection
from .dialect import is_postgres
from .meta import chunk_count


def ensure_table(conn: Connection, dim: int) -> None:
    """Create the vec0 table for vectors of this dimension (once per database)."""
    if is_postgres(conn):
        pgvectors.ensure_table(conn, dim)
        return
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS chunks_vec USING vec0("
        f"chunk_id INTEGER PRIMARY KEY, embedding float[{int(dim)}] distance_metric=cosine, "
        "doc_id INTEGER, year INTEGER)"
    )


def has_table(conn: Connection) -> bool:
    """True once vectors have been stored."""
    if is_postgres(conn):
        return pgvectors.has_table(conn)
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='chunks_vec'"
    ).fetchone()
    return row is not None


def insert(
    conn: Connection, chunk_id: int, vector: np.ndarray, doc_id: int, year: int | None
) -> None:
    """Store one chunk vector (float32, little-endian blob)."""
    insert_many(conn, [(chunk_id, vector)], doc_id, year)


def insert_many(
    conn: Connection, rows: list[tuple[int, np.ndarray]], doc_id: int, year: int | None
) -> None:
    """Store a document's chunk vectors: (chunk id, vector) rows."""
    if is_postgres(conn):
        pgvectors.insert_many(conn, rows, doc_id, year)
        return
    for chunk_id, vector in rows:
        _insert_one(conn, chunk_id, vector, doc_id, year)


def _insert_one(
    conn: Connection, chunk_id: int, vector: np.ndarray, doc_id: int, year: int | None
) -> None:
    conn.execute(
        "INSERT INTO chunks_vec(chunk_id, embedding, doc_id, year) VALUES (?, ?, ?, ?)",
        (chunk_id, np.asarray(vector, dtype=np.float32).tobytes(), doc_id, year or 0),
    )


def delete_doc(conn: Connection, doc_id: int) -> None:
    """Remove a document's vectors."""
    if is_postgres(conn):
        pgvectors.delete_doc(conn, doc_id)
        return
    if has_table(conn):
        conn.execute(
            "DELETE FROM chunks_vec WHERE chunk_id IN (SELECT id FROM chunks WHERE doc_id = ?)",
            (doc_id,),
        )


def search(
    conn: Connection, query: np.ndarray, k: int, year: int | None = None, doc_id: int | None = None
) -> list[tuple[int, float]]:
    """(chunk_id, cosine similarity) of the k nearest chunks, filters inside the KNN query."""
    if is_postgres(conn):
        return pgvectors.search(conn, query, k, year, doc_id, chunk_count(conn))
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


def similarities(conn: Connection, ids: list[int], query: np.ndarray) -> list[tuple[int, float]]:
    """(chunk_id, cosine) of the given chunks, read by key; a chunk without a vector is left out."""
    if not ids:
        return []
    if is_postgres(conn):
        return pgvectors.similarities(conn, ids, query)
    if not has_table(conn):
        return []
    found: list[int] = []
    vecs: list[bytes] = []
    for cid in ids:  # vec0 reads one row by key fast; IN (...) would scan the table
        row = conn.execute("SELECT embedding FROM chunks_vec WHERE chunk_id = ?", (cid,)).fetchone()
        if row is not None:
            found.append(cid)
            vecs.append(row[0])
    if not found:
        return []
    mat = np.frombuffer(b"".join(vecs), np.float32).reshape(len(found), -1)
    # Stored vectors are unit length, so the dot product is the cosine sqlite-vec reports.
    sims = mat @ np.asarray(query, np.float32)
    return [(cid, float(s)) for cid, s in zip(found, sims.tolist(), strict=True)]
