"""A PostgreSQL connection that speaks the `Connection` protocol (index/conn.py).

index/ writes its SQL once, for SQLite's driver: `?` placeholders, rows read by position or
by column name (index/rows.py), `cursor.lastrowid` after an INSERT, BEGIN/COMMIT run as SQL
(index/tx.py). This adapter lets that shared SQL run unchanged on a server through psycopg 3:
it translates the placeholders, returns ids with `RETURNING id`, and gives rows that index
like sqlite3.Row. What truly differs (schema, words, vectors) lives in pgschema, pgfts and
pgvectors, chosen by `index.dialect`. psycopg is imported here only: this module loads when
a server URL is used, never for a SQLite file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg.adapt import Dumper
from psycopg.pq import TransactionStatus
from psycopg.types.numeric import FloatLoader

from kb.errors import DatabaseError
from kb.i18n import t
from kb.text import one_line

from .pgschema import migrate

SCHEMES = ("postgresql://", "postgres://")

# HNSW's search breadth: pgvector's default (40) found 89% of the true top 10 among 100k
# vectors shaped like e5's, 300 finds 99% (bench/pg.py, bench/out/pg.md).
EF_SEARCH = 300

# Tables whose rows get a generated id the caller reads back (index.store.inserted_id).
_ID_TABLES = re.compile(
    r"^\s*INSERT\s+INTO\s+(documents|sections|doc_tables|chunks|figures|programs|studies)\b",
    re.IGNORECASE,
)


def is_url(target: object) -> bool:
    """Whether a --db / KB_DB value names a server rather than a file."""
    return isinstance(target, str) and target.startswith(SCHEMES)


def masked(url: str) -> str:
    """The URL without its password, for messages and `kb stats`."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


@lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """SQLite's `?` placeholders as psycopg's `%s`, and `%` kept literal (`%%`).

    Quoted strings and identifiers are copied as they are: a `?` inside '…' is text.
    BEGIN IMMEDIATE (SQLite's write lock at once) is a plain BEGIN on a server, whose row
    locks are taken as rows are written.
    """
    if sql.strip().upper() == "BEGIN IMMEDIATE":
        return "BEGIN"
    out: list[str] = []
    quote = ""
    for ch in sql:
        if quote:
            out.append("%%" if ch == "%" else ch)
            if ch == quote:
                quote = ""
            continue
        if ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


class Row:
    """A result row read by position or by column name, as sqlite3.Row is (index.rows)."""

    __slots__ = ("_names", "_values")

    def __init__(self, cursor: Any, values: Sequence[Any]) -> None:
        self._names: dict[str, int] = cursor.names
        self._values = tuple(values)

    def __getitem__(self, key: str | int, /) -> Any:
        if isinstance(key, str):
            return self._values[self._names[key]]
        return self._values[key]

    def keys(self) -> list[str]:
        """The column names, in SELECT order."""
        return list(self._names)

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)


class PgCursor:
    """A cursor over the server that reads like a sqlite3 cursor."""

    def __init__(self, conn: PgConnection) -> None:
        self._cur = conn.raw.cursor()
        self.row_factory: Any = None
        self._lastrowid: int | None = None
        self._returned: list[Any] = []

    @property
    def description(self) -> Any:
        """The columns of the last result (name first, as DB-API says)."""
        return self._cur.description

    @property
    def names(self) -> dict[str, int]:
        """Column name → position, for Row."""
        return {c.name: i for i, c in enumerate(self._cur.description or [])}

    @property
    def lastrowid(self) -> int | None:
        """The id the last INSERT into an id table gave its row (via RETURNING id)."""
        return self._lastrowid

    @property
    def rowcount(self) -> int:
        """Rows the last statement touched."""
        return self._cur.rowcount

    def execute(self, sql: str, parameters: Any = (), /) -> PgCursor:
        """Run one statement with `?` placeholders."""
        query = translate(sql)
        wants_id = _ID_TABLES.match(sql) is not None and "RETURNING" not in sql.upper()
        if wants_id:
            query += " RETURNING id"
        self._cur.execute(query.encode(), list(parameters))
        if wants_id:
            row = self._cur.fetchone()
            self._lastrowid = int(row[0]) if row else None
        return self

    def executemany(self, sql: str, seq: Iterable[Any], /) -> PgCursor:
        """Run one statement for each set of parameters (pipelined by psycopg)."""
        rows = [list(p) for p in seq]
        if rows:
            self._cur.executemany(translate(sql).encode(), rows)
        return self

    def _wrap(self, row: Any) -> Any:
        return row if self.row_factory is None else self.row_factory(self, row)

    def fetchone(self) -> Any:
        """The next row, or None."""
        if self._cur.description is None:
            return None
        row = self._cur.fetchone()
        return None if row is None else self._wrap(row)

    def fetchall(self) -> list[Any]:
        """The remaining rows."""
        if self._cur.description is None:
            return []
        factory = self.row_factory
        rows = self._cur.fetchall()
        return list(rows) if factory is None else [factory(self, r) for r in rows]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class _IntAsUnknown(Dumper):
    """Python ints sent untyped, as SQLite's driver leaves them: the server types each by
    its place (a boolean column takes 1, `LIMIT` a bigint) instead of refusing int2 for a
    boolean or comparing an int8 with an integer column by a cast."""

    oid = 0

    def dump(self, obj: Any) -> bytes:
        """The int as its decimal text."""
        return str(int(obj)).encode()


class PgConnection:
    """One psycopg connection in autocommit mode; index.tx runs BEGIN … COMMIT as SQL."""

    dialect = "postgres"

    def __init__(self, raw: psycopg.Connection[Any], url: str) -> None:
        self.raw = raw
        self.url = url
        self.label = masked(url)

    @property
    def in_transaction(self) -> bool:
        """Whether a BEGIN is open (or failed and not yet rolled back)."""
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, parameters: Any = (), /) -> PgCursor:
        """Run one statement with `?` placeholders; its cursor."""
        return PgCursor(self).execute(sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> PgCursor:
        """Run one statement for each set of parameters."""
        return PgCursor(self).executemany(sql, parameters)

    def cursor(self) -> PgCursor:
        """A new cursor (rows as tuples until its row_factory is set)."""
        return PgCursor(self)

    def commit(self) -> None:
        """Commit an open transaction (index.tx commits with SQL)."""
        if self.in_transaction:
            self.raw.execute("COMMIT")

    def rollback(self) -> None:
        """Roll back an open transaction."""
        if self.in_transaction:
            self.raw.execute("ROLLBACK")

    def close(self) -> None:
        """Close the connection."""
        self.raw.close()

    def set_progress_handler(self, handler: Callable[[], int | None] | None, n: int, /) -> None:
        """SQLite's step callback has no counterpart here (index.health skips its checks)."""

    def enable_load_extension(self, enable: bool, /) -> None:
        """Extensions are the server's (CREATE EXTENSION), never loaded by a client."""
        raise DatabaseError(t("db.pg_no_extensions"))


def connect(url: str) -> PgConnection:
    """Connect to the server, make sure pgvector is there, and bring the schema up to date."""
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=30)
    except psycopg.Error as exc:
        raise DatabaseError(
            t("db.pg_cannot_connect", path=masked(url), reason=one_line(exc))
        ) from exc
    raw.adapters.register_dumper(int, _IntAsUnknown)
    # sum() and avg() of integers are numeric on a server (Decimal in Python); SQLite gives
    # floats and ints, which the shared code expects.
    raw.adapters.register_loader("numeric", FloatLoader)
    conn = PgConnection(raw, url)
    try:
        migrate(conn)
        # A filtered HNSW search (a year, past pgvectors.EXACT_MAX chunks) scans on until it
        # has k rows instead of returning the few of the first pass that pass the filter.
        raw.execute("SET hnsw.iterative_scan = relaxed_order")
        raw.execute(f"SET hnsw.ef_search = {EF_SEARCH}")
    except psycopg.Error as exc:
        conn.close()
        raise DatabaseError(
            t("db.pg_cannot_prepare", path=conn.label, reason=one_line(exc))
        ) from exc
    except BaseException:
        conn.close()
        raise
    return conn
