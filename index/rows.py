"""Rows read by column name: records are built from the columns their SELECT names.

Read by place (`FigureRow(r[0], … r[14])`), a column added to or moved in a SELECT shifted
every field after it without an error. Read by name, the SELECT names each column as the
record's field (`COALESCE(s.path, '') AS section`), in any order; a field it does not name
raises at once.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import MISSING, fields
from typing import Any, Protocol, TypeVar

from .conn import Connection

T = TypeVar("T")


class NamedRow(Protocol):
    """A result row read by column name (`row["label"]`): the driver's Row class."""

    def __getitem__(self, key: str | int, /) -> Any: ...

    def keys(self) -> list[str]: ...


def select(conn: Connection, sql: str, params: Sequence[Any] = ()) -> list[NamedRow]:
    """Every row of sql, each read by column name.

    The Row class is the connection's own driver's (sqlite3, sqlean or pysqlite3: each
    accepts only its own), set on this one cursor: other queries keep plain tuples.
    """
    cursor = conn.cursor()
    cursor.row_factory = sys.modules[type(conn).__module__].Row
    rows: list[NamedRow] = cursor.execute(sql, params).fetchall()
    return rows


def first(conn: Connection, sql: str, params: Sequence[Any] = ()) -> NamedRow | None:
    """The first row of sql read by column name, or None."""
    cursor = conn.cursor()
    cursor.row_factory = sys.modules[type(conn).__module__].Row
    row: NamedRow | None = cursor.execute(sql, params).fetchone()
    return row


_FIELDS: dict[type, tuple[tuple[str, bool], ...]] = {}


def _fields(cls: type) -> tuple[tuple[str, bool], ...]:
    """(name, required) of each field of a dataclass, read once per class."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple(
            (f.name, f.default is MISSING and f.default_factory is MISSING) for f in fields(cls)
        )
    return found


def record(cls: type[T], row: NamedRow, **given: Any) -> T:
    """The dataclass cls from the columns of row named as its fields; `given` overrides.

    Columns the record has no field for are left (sort keys, ids); a field with a default
    is taken when the row names it. A required field the row does not name raises
    IndexError ("No item with that key").
    """
    names = row.keys()
    values = {
        name: row[name]
        for name, required in _fields(cls)
        if name not in given and (required or name in names)
    }
    return cls(**values, **given)
