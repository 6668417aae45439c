"""The database connection as kb uses it, whichever driver opened it.

index.db opens the file with the first of sqlite3, sqlean and pysqlite3 that can load
sqlite-vec: three Connection classes with the same methods, none a subclass of another.
These protocols name the part kb uses, so `conn: Connection` is checked by mypy where
`conn: Any` was not; the stdlib classes are checked against them below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol


class Cursor(Protocol):
    """A cursor: rows as tuples, or by column name with the driver's Row (index.rows)."""

    row_factory: Any

    @property
    def description(self) -> Any: ...

    @property
    def lastrowid(self) -> int | None: ...

    @property
    def rowcount(self) -> int: ...

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """An open SQLite connection (autocommit: index.tx begins and ends transactions)."""

    @property
    def in_transaction(self) -> bool: ...

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Cursor: ...

    def cursor(self) -> Cursor: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def close(self) -> None: ...

    def set_progress_handler(self, handler: Callable[[], int | None] | None, n: int, /) -> None:
        """Call handler every n SQLite steps; a non-zero answer interrupts the statement."""

    def enable_load_extension(self, enable: bool, /) -> None: ...


if TYPE_CHECKING:
    import sqlite3

    def _stdlib_fits(conn: sqlite3.Connection) -> Connection:
        """mypy checks here that the stdlib's connection (and cursor) fit the protocols."""
        return conn
