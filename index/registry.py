"""Stored documents by file: found by path or content hash, listed, renamed, removed."""

from __future__ import annotations

from . import fts, vectors
from .conn import Connection
from .meta import update_chunk_count
from .tx import transaction


def find_by_path(conn: Connection, path: str) -> tuple[int, str] | None:
    """(doc id, sha256) of the document stored for this path."""
    row = conn.execute("SELECT id, sha256 FROM documents WHERE path = ?", (path,)).fetchone()
    return (int(row[0]), row[1]) if row else None


def find_by_hash(conn: Connection, sha256: str) -> list[tuple[int, str]]:
    """(doc id, path) of documents with this content hash."""
    return [
        (int(r[0]), r[1])
        for r in conn.execute("SELECT id, path FROM documents WHERE sha256 = ?", (sha256,))
    ]


def documents(conn: Connection) -> list[tuple[int, str]]:
    """(doc id, path) of every stored document."""
    return [(int(r[0]), r[1]) for r in conn.execute("SELECT id, path FROM documents ORDER BY id")]


def rename(conn: Connection, doc_id: int, new_path: str) -> None:
    """Point a stored document at its new path (same content, moved file)."""
    with transaction(conn):
        conn.execute("UPDATE documents SET path = ? WHERE id = ?", (new_path, doc_id))


def _remove_terms(conn: Connection, doc_id: int) -> None:
    """Take a document's terms back out of the vocabulary."""
    conn.execute(
        "UPDATE vocab SET df = df - (SELECT d.df FROM doc_terms d WHERE d.doc_id = ? "
        "AND d.term = vocab.term) WHERE term IN (SELECT term FROM doc_terms WHERE doc_id = ?)",
        (doc_id, doc_id),
    )
    conn.execute("DELETE FROM vocab WHERE df <= 0")
    conn.execute("DELETE FROM doc_terms WHERE doc_id = ?", (doc_id,))


def delete_rows(conn: Connection, doc_id: int) -> None:
    """Remove a document and everything derived from it (inside the caller's transaction)."""
    _remove_terms(conn, doc_id)
    fts.delete_doc(conn, doc_id)
    vectors.delete_doc(conn, doc_id)
    for table in ("figures", "programs", "studies", "chunks"):
        conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM doc_tables WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM sections WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))


def delete_document(conn: Connection, doc_id: int) -> None:
    """Remove a document and everything derived from it, in one transaction."""
    with transaction(conn):
        delete_rows(conn, doc_id)
        update_chunk_count(conn)
