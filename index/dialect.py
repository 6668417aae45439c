"""Which SQL dialect a connection speaks: SQLite (the default) or PostgreSQL.

Shared modules run the same SQL on both (index/pgconn.py adapts the server's driver); the
few statements that differ ask here and call their pg* counterpart, imported only then.
"""

from __future__ import annotations

from .conn import Connection


def dialect(conn: Connection) -> str:
    """'postgres' for index.pgconn's connection, else 'sqlite' (sqlite3, sqlean, pysqlite3)."""
    return str(getattr(conn, "dialect", "sqlite"))


def is_postgres(conn: Connection) -> bool:
    """Whether conn is a PostgreSQL server's connection."""
    return dialect(conn) == "postgres"


def label(conn: Connection) -> str:
    """A server connection's URL without its password ('' for a SQLite file)."""
    return str(getattr(conn, "label", ""))
