"""Stage two of ingest: the documents waiting for their vectors, and the write of them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import vectors
from .conn import Connection
from .locks import lock_document
from .meta import bump_generation
from .rows import first, select
from .tx import transaction


@dataclass(frozen=True, slots=True)
class PendingDocument:
    """A stored document waiting for its vectors: what the embedder needs to read."""

    doc_id: int
    path: str
    title: str
    organisation: str | None
    chunk_ids: list[int]
    sections: list[str]  # each chunk's section path
    texts: list[str]
    study_titles: list[str]


def pending_documents(conn: Connection) -> list[int]:
    """Ids of the documents searchable by words only, oldest first."""
    rows = conn.execute("SELECT id FROM documents WHERE vectors_pending ORDER BY id")
    return [int(r[0]) for r in rows]


def pending_chunks(conn: Connection) -> tuple[int, int]:
    """(documents, chunks) waiting for vectors."""
    row = conn.execute(
        "SELECT count(DISTINCT d.id), count(c.id) FROM documents d "
        "LEFT JOIN chunks c ON c.doc_id = d.id WHERE d.vectors_pending"
    ).fetchone()
    return int(row[0]), int(row[1])


def pending_document(conn: Connection, doc_id: int) -> PendingDocument | None:
    """What is needed to embed this document, or None when it no longer waits."""
    row = first(
        conn,
        "SELECT path, title, organisation FROM documents WHERE id = ? AND vectors_pending",
        (doc_id,),
    )
    if row is None:
        return None
    chunks = select(
        conn,
        "SELECT c.id AS id, coalesce(s.path, '') AS section, c.text AS text FROM chunks c "
        "LEFT JOIN sections s ON s.id = c.section_id WHERE c.doc_id = ? ORDER BY c.id",
        (doc_id,),
    )
    studies = conn.execute("SELECT title FROM studies WHERE doc_id = ? ORDER BY id", (doc_id,))
    return PendingDocument(
        doc_id=doc_id,
        path=row["path"],
        title=row["title"],
        organisation=row["organisation"],
        chunk_ids=[int(r["id"]) for r in chunks],
        sections=[r["section"] for r in chunks],
        texts=[r["text"] for r in chunks],
        study_titles=[r[0] for r in studies],
    )


def store_vectors(
    conn: Connection,
    doc_id: int,
    chunk_ids: list[int],
    embeddings: np.ndarray,
    study_vectors: np.ndarray | None = None,
    context_vector: np.ndarray | None = None,
) -> bool:
    """Stage two: a waiting document's vectors, in one transaction; False when it no longer
    waits (replaced, removed or embedded by another ingester meanwhile)."""
    with transaction(conn):
        found = conn.execute("SELECT path FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if found is None:
            return False
        # Read whether it still waits under its path's lock: two ingesters embedding the
        # same document write its vectors once.
        lock_document(conn, found[0])
        row = conn.execute(
            "SELECT year FROM documents WHERE id = ? AND vectors_pending", (doc_id,)
        ).fetchone()
        if row is None:
            return False
        write_vectors(conn, doc_id, row[0], chunk_ids, embeddings)
        if study_vectors is not None:
            write_study_vectors(conn, doc_id, study_vectors)
        blob = None if context_vector is None else np.asarray(context_vector, np.float32)
        conn.execute(
            "UPDATE documents SET vectors_pending = ?, context_vec = coalesce(?, context_vec) "
            "WHERE id = ?",
            # False, not a literal 0: SQLite stores 0, the server's column is BOOLEAN.
            (False, None if blob is None else blob.tobytes(), doc_id),
        )
        bump_generation(conn)
        return True


def write_vectors(
    conn: Connection, doc_id: int, year: int | None, chunk_ids: list[int], embeddings: np.ndarray
) -> None:
    """A document's chunk vectors (inside the caller's transaction)."""
    vectors.insert_many(conn, list(zip(chunk_ids, embeddings, strict=True)), doc_id, year)


def write_study_vectors(conn: Connection, doc_id: int, study_vectors: np.ndarray) -> None:
    """A document's study-title vectors, one per stored study (inside the caller's transaction)."""
    ids = [
        r[0] for r in conn.execute("SELECT id FROM studies WHERE doc_id = ? ORDER BY id", (doc_id,))
    ]
    conn.executemany(
        "UPDATE studies SET embedding = ? WHERE id = ?",
        [
            (np.asarray(v, dtype=np.float32).tobytes(), i)
            for i, v in zip(ids, study_vectors, strict=True)
        ],
    )
