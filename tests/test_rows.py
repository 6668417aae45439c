"""Records are built from rows by column name: a SELECT names each field, in any order."""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from pathlib import Path

import pytest

from index import structured, trends
from index.db import connect
from index.rows import first, record, select
from kb.types import FigureRow, Program, Study
from tests.helpers import make_kb


def test_record_reads_columns_by_name_in_any_order() -> None:
    conn = sqlite3.connect(":memory:")
    row = first(
        conn,
        "SELECT 'p' AS section_path, 3 AS line, 2024 AS year, 't' AS title, NULL AS category, "
        "NULL AS method, 'd' AS doc, 'extra' AS title_tokens",
    )
    assert row is not None
    study = record(Study, row, match="meaning")
    assert study == Study(2024, "t", None, None, "p", 3, "d", "meaning")
    # A field the SELECT does not name is an error, not a shifted column.
    short = first(conn, "SELECT 2024 AS year, 't' AS title")
    assert short is not None
    with pytest.raises(IndexError):
        record(Study, short)
    # Other queries on the connection keep plain tuples.
    assert conn.execute("SELECT 1, 2").fetchone() == (1, 2)
    assert [tuple(r) for r in select(conn, "SELECT 1 AS a UNION SELECT 2")] == [(1,), (2,)]


@pytest.mark.parametrize(
    ("sql", "cls", "computed"),
    [
        (structured._FIGURE_SQL, FigureRow, set()),
        (structured._PROGRAM_SQL, Program, set()),
        (trends._SQL.format(keys="''"), trends.TrendFigure, {"match"}),
    ],
)
def test_record_selects_name_every_field(
    tmp_path: Path, sql: str, cls: type, computed: set[str]
) -> None:
    make_kb(tmp_path / "kb.db").close()
    conn = connect(tmp_path / "kb.db")
    names = [d[0] for d in conn.execute(f"SELECT * FROM ({sql}) LIMIT 0").description]
    conn.close()
    assert {f.name for f in fields(cls)} - computed <= set(names), names
    assert len(names) == len(set(names)), names
