"""A stored document read back whole: metadata, outline, tables, figures, programs, studies."""

from __future__ import annotations

import json

from kb.types import Figure, Section, StoredDocument, Table

from .conn import Connection
from .rows import first, record, select


def find_document(conn: Connection, path_end: str) -> int | None:
    """The id of the stored document whose path ends with path_end (a whole file name)."""
    tail = path_end.lstrip("/")
    rows = conn.execute(
        "SELECT id, path FROM documents WHERE path = ? OR path LIKE ? ORDER BY length(path)",
        (tail, "%/" + tail),
    ).fetchall()
    return int(rows[0][0]) if rows else None


def stored_document(conn: Connection, doc_id: int) -> StoredDocument | None:
    """Everything stored for one document, in document order."""
    d = first(
        conn,
        "SELECT id AS doc_id, path AS path, title AS title, organisation AS organisation, "
        "report_date AS report_date, year AS year FROM documents WHERE id = ?",
        (doc_id,),
    )
    if d is None:
        return None
    # Stored ids become ordinals within the document, as the ingester numbered them.
    ordinal: dict[int, int] = {}
    sections: list[Section] = []
    for r in select(
        conn,
        "SELECT id AS stored_id, ordinal AS id, parent_id, level AS level, marker AS marker, "
        "title AS title, path AS path, line AS line, page AS page FROM sections "
        "WHERE doc_id = ? ORDER BY ordinal",
        (doc_id,),
    ):
        ordinal[int(r["stored_id"])] = int(r["id"])
        parent = ordinal.get(r["parent_id"]) if r["parent_id"] is not None else None
        sections.append(record(Section, r, id=int(r["id"]), parent=parent))
    tables: list[Table] = []
    table_ordinal: dict[int, int] = {}
    for r in select(
        conn,
        "SELECT id AS stored_id, ordinal AS id, section_id AS stored_section_id, line AS line, "
        "page AS page, caption AS caption, unit AS unit, as_of AS as_of, header_json, "
        "rows_json, columns_json FROM doc_tables WHERE doc_id = ? ORDER BY ordinal",
        (doc_id,),
    ):
        table_ordinal[int(r["stored_id"])] = int(r["id"])
        section = r["stored_section_id"]
        tables.append(
            record(
                Table,
                r,
                id=int(r["id"]),
                section_id=ordinal.get(section) if section is not None else None,
                caption=r["caption"] or "",
                header=json.loads(r["header_json"]),
                rows=json.loads(r["rows_json"]),
                columns=json.loads(r["columns_json"]),
            )
        )
    figures = [
        record(
            Figure,
            r,
            table_id=table_ordinal.get(r["stored_table_id"])
            if r["stored_table_id"] is not None
            else None,
            section_id=ordinal.get(r["stored_section_id"])
            if r["stored_section_id"] is not None
            else None,
        )
        for r in select(
            conn,
            "SELECT label AS label, measure AS measure, measure_label AS measure_label, "
            "value AS value, value_text AS value_text, unit AS unit, scale AS scale, "
            "table_id AS stored_table_id, row_index AS row, col_index AS col, "
            "section_id AS stored_section_id, line AS line, page AS page, period AS period "
            "FROM figures WHERE doc_id = ? ORDER BY id",
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
    return record(
        StoredDocument,
        d,
        doc_id=int(d["doc_id"]),
        sections=sections,
        tables=tables,
        figures=figures,
        programs=programs,
        studies=studies,
    )
