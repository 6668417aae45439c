"""One writer per document: an advisory lock on the document's path, held to commit.

On SQLite `BEGIN IMMEDIATE` already admits one writer to the whole file, so this is nothing
there. On a server many ingesters write at once, one transaction per document: two of them
storing the same file would both see no stored row and the second would fail on the path's
uniqueness (or both write the same vectors). The lock makes the second wait, then read what
the first committed.
"""

from __future__ import annotations

from .conn import Connection
from .dialect import is_postgres


def lock_document(conn: Connection, path: str) -> None:
    """Hold this document path's write lock until the caller's transaction ends."""
    if is_postgres(conn):
        # hashtextextended: a 64-bit key from the path (two paths sharing one only wait).
        conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", (path,))
