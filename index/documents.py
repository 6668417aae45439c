"""A stored document read back whole: metadata, outline, tables, figures, programs, studies."""

from __future__ import annotations

import json
from typing import Any

from kb.types import Figure, Section, StoredDocument, Table


def find_document(conn: Any, path_end: str) -> int | None:
    """The id of the stored document whose path ends with path_end (a whole file name)."""
    tail = path_end.lstrip("/")
    rows = conn.execute(
        "SELECT id, path FROM documents WHERE path = ? OR path LIKE ? ORDER BY length(path)",
        (tail, "%/" + tail),
    ).fetchall()
    return int(rows[0][0]) if rows else None


def stored_document(conn: Any, doc_id: int) -> StoredDocument | None:
    """Everything stored for one document, in document order."""
    d = conn.execute(
        "SELECT id, path, title, organisation, report_date, year FROM documents WHERE id = ?",
        (doc_id,),
    ).fetchone()
    if d is None:
        return None
    ordinal: dict[int, int] = {}
    sections: list[Section] = []
    for r in conn.execute(
        "SELECT id, ordinal, parent_id, level, marker, title, path, line, page FROM sections "
        "WHERE doc_id = ? ORDER BY ordinal",
        (doc_id,),
    ):
        ordinal[int(r[0])] = int(r[1])
        parent = ordinal.get(r[2]) if r[2] is not None else None
        sections.append(Section(int(r[1]), parent, r[3], r[4], r[5], r[6], r[7], r[8]))
    tables: list[Table] = []
    table_ordinal: dict[int, int] = {}
    for r in conn.execute(
        "SELECT id, ordinal, section_id, line, page, caption, unit, as_of, header_json, "
        "rows_json, columns_json FROM doc_tables WHERE doc_id = ? ORDER BY ordinal",
        (doc_id,),
    ):
        table_ordinal[int(r[0])] = int(r[1])
        tables.append(
            Table(
                int(r[1]),
                ordinal.get(r[2]) if r[2] is not None else None,
                r[3],
                r[4],
                r[5] or "",
                r[6],
                r[7],
                json.loads(r[8]),
                json.loads(r[9]),
                json.loads(r[10]),
            )
        )
    figures = [
        Figure(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            table_ordinal.get(r[7]) if r[7] is not None else None,
            r[8],
            r[9],
            ordinal.get(r[10]) if r[10] is not None else None,
            r[11],
            r[12],
            r[13],
        )
        for r in conn.execute(
            "SELECT label, measure, measure_label, value, value_text, unit, scale, table_id, "
            "row_index, col_index, section_id, line, page, period FROM figures WHERE doc_id = ? "
            "ORDER BY id",
            (doc_id,),
        )
    ]
    programs = [
        r[0]
        for r in conn.execute("SELECT name FROM programs WHERE doc_id = ? ORDER BY id", (doc_id,))
    ]
    studies = [
        r[0]
        for r in conn.execute("SELECT title FROM studies WHERE doc_id = ? ORDER BY id", (doc_id,))
    ]
    return StoredDocument(
        int(d[0]), d[1], d[2], d[3], d[4], d[5], sections, tables, figures, programs, studies
    )
