"""Vectors on the server: a pgvector `vector(dim)` table with an HNSW index (cosine).

The counterpart of index/vectors.py's vec0 table, with the same columns (chunk_id,
embedding, doc_id, year), created with the first vectors when their dimension is known.
A small index is scanned exactly: below EXACT_MAX chunks, or inside one document, the scan
costs less than the index's approximation does in recall.
"""

from __future__ import annotations

import weakref
from typing import Any

import numpy as np

from .conn import Connection

# Up to this many vectors a query scans them all (exact, a few ms); above, HNSW answers.
EXACT_MAX = 20_000


def literal(vector: np.ndarray) -> str:
    """A vector as pgvector's text form, '[0.1,0.2,…]' (float32 values, shortest repr)."""
    return "[" + ",".join(map(repr, np.asarray(vector, np.float32).tolist())) + "]"


def ensure_table(conn: Connection, dim: int) -> None:
    """Create the vector table and its indexes for this dimension (once per database)."""
    if has_table(conn):
        return
    conn.execute(
        "CREATE TABLE IF NOT EXISTS chunks_vec ("
        "chunk_id BIGINT PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE, "
        f"embedding vector({int(dim)}) NOT NULL, doc_id BIGINT NOT NULL, year INTEGER NOT NULL)"
    )
    conn.execute("CREATE INDEX IF NOT EXISTS chunks_vec_doc ON chunks_vec(doc_id)")
    conn.execute(
        "CREATE INDEX IF NOT EXISTS chunks_vec_hnsw ON chunks_vec "
        "USING hnsw (embedding vector_cosine_ops)"
    )


# Connections that have seen the vector table committed: kb never drops it, and asking the
# catalogue twice per search was two of a hybrid search's sixteen round trips.
_SEEN: weakref.WeakSet[Any] = weakref.WeakSet()


def has_table(conn: Connection) -> bool:
    """True once vectors have been stored."""
    if conn in _SEEN:
        return True
    found = bool(conn.execute("SELECT to_regclass('chunks_vec') IS NOT NULL").fetchone()[0])
    if found and not conn.in_transaction:  # a table made in an open transaction may roll back
        _SEEN.add(conn)
    return found


def dimension(conn: Connection) -> int | None:
    """The dimension the vector column was made for, or None before any vectors."""
    if not has_table(conn):
        return None
    row = conn.execute(
        "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
        "WHERE attrelid = 'chunks_vec'::regclass AND attname = 'embedding'"
    ).fetchone()
    text = str(row[0]) if row else ""
    return int(text[text.index("(") + 1 : -1]) if "(" in text else None


def insert_many(
    conn: Connection, rows: list[tuple[int, np.ndarray]], doc_id: int, year: int | None
) -> None:
    """Store a document's chunk vectors in one pipelined statement."""
    conn.executemany(
        "INSERT INTO chunks_vec(chunk_id, embedding, doc_id, year) VALUES (?, ?::vector, ?, ?)",
        [(chunk_id, literal(v), doc_id, year or 0) for chunk_id, v in rows],
    )


def delete_doc(conn: Connection, doc_id: int) -> None:
    """Remove a document's vectors."""
    if has_table(conn):
        conn.execute("DELETE FROM chunks_vec WHERE doc_id = ?", (doc_id,))


def few_documents(conn: Connection, year: int) -> list[int] | None:
    """The documents of a year when their vectors number EXACT_MAX or fewer, else None.

    Such a year is scanned exactly, its rows found by the doc_id index: at 100k chunks a
    tenth of them took 20 ms so against 40 ms by HNSW, which found 91% of the best 50
    (bench/pg.py). The iterative HNSW scan is kept for years larger than that.
    """
    docs = [int(r[0]) for r in conn.execute("SELECT id FROM documents WHERE year = ?", (year,))]
    rows = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM chunks_vec WHERE doc_id = ANY(?) LIMIT ?) s",
        (docs, EXACT_MAX + 1),
    ).fetchone()[0]
    return docs if int(rows) <= EXACT_MAX else None


def search(
    conn: Connection,
    query: np.ndarray,
    k: int,
    year: int | None = None,
    doc_id: int | None = None,
    total: int = 0,
) -> list[tuple[int, float]]:
    """(chunk_id, cosine similarity) of the k nearest chunks; exact below EXACT_MAX, in one
    document or in a year of EXACT_MAX chunks or fewer, HNSW otherwise (iterative scans keep
    filtered queries at k rows)."""
    if not has_table(conn):
        return []
    where: list[str] = []
    params: list[Any] = [literal(query)]
    if year is not None:
        where.append("year = ?")
        params.append(year)
    if doc_id is not None:
        where.append("doc_id = ?")
        params.append(doc_id)
    exact = doc_id is not None or total <= EXACT_MAX
    if not exact and year is not None:
        docs = few_documents(conn, year)
        if docs is not None:
            where.append("doc_id = ANY(?)")
            params.append(docs)
            exact = True
    inner = "SELECT chunk_id, embedding <=> ?::vector AS d FROM chunks_vec"
    if where:
        inner += " WHERE " + " AND ".join(where)
    if exact:
        # OFFSET 0 keeps the subquery whole, so the ORDER BY cannot be pushed into the HNSW
        # index: every (filtered) row is scored, exactly.
        sql = f"SELECT chunk_id, d FROM ({inner} OFFSET 0) s ORDER BY d, chunk_id LIMIT ?"
    else:
        sql = inner + " ORDER BY d LIMIT ?"
    params.append(min(int(k), 4096))
    found = [(int(r[0]), 1.0 - float(r[1])) for r in conn.execute(sql, params)]
    # relaxed_order (index/pgconn.py) may return an iterative scan's rows slightly out of order.
    return sorted(found, key=lambda r: (-r[1], r[0]))


def similarities(conn: Connection, ids: list[int], query: np.ndarray) -> list[tuple[int, float]]:
    """(chunk_id, cosine) of the given chunks, read by key."""
    if not ids or not has_table(conn):
        return []
    marks = ",".join("?" * len(ids))
    sql = f"SELECT chunk_id, embedding <=> ?::vector FROM chunks_vec WHERE chunk_id IN ({marks})"
    return [(int(r[0]), 1.0 - float(r[1])) for r in conn.execute(sql, [literal(query), *ids])]
