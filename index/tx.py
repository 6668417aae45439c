"""Transactions: the one way kb begins, commits and rolls back (imports nothing of kb)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from .conn import Connection


@contextmanager
def _begun(conn: Connection, begin: str) -> Iterator[Connection]:
    if conn.in_transaction:  # nested use joins the outer transaction
        yield conn
        return
    conn.execute(begin)
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def transaction(conn: Connection) -> AbstractContextManager[Connection]:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any error (nested use joins the outer one)."""
    return _begun(conn, "BEGIN IMMEDIATE")


def read_snapshot(conn: Connection) -> AbstractContextManager[Connection]:
    """BEGIN (deferred) … COMMIT: reads see one WAL snapshot (joins an open transaction)."""
    return _begun(conn, "BEGIN")
