"""Queries over figures, tables, programs and studies (the structured side of the index)."""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from kb.text import compact
from kb.types import FigureRow, Program, Study, TableView

from .conn import Connection
from .labels import figure_labels, program_names, table_captions
from .matching import split_query
from .rows import NamedRow, first, record, select
from .tokenize import tokens

MIN_SCORE = 0.45
KEY_BATCH = 500  # labels per IN (...) list; SQLite binds at most 32766 variables

# The fields of FigureRow by name, then the keys figures() sorts and groups by.
_FIGURE_SQL = (
    "SELECT f.label AS program, f.measure AS measure, f.measure_label AS label, "
    "f.value AS value, f.value_text AS value_text, f.unit AS unit, f.scale AS scale, "
    "t.as_of AS as_of, d.year AS year, d.path AS doc, d.title AS doc_title, "
    "COALESCE(s.path, '') AS section, f.page AS page, f.line AS line, f.table_id AS table_id, "
    "f.period AS period, f.label_key AS label_key, f.row_index AS row_index, "
    "f.col_index AS col_index "
    "FROM figures f JOIN documents d ON d.id = f.doc_id "
    "LEFT JOIN doc_tables t ON t.id = f.table_id LEFT JOIN sections s ON s.id = f.section_id "
)


def _row(r: NamedRow) -> FigureRow:
    return record(FigureRow, r)


def figures(
    conn: Connection,
    query: str = "",
    year: int | None = None,
    measure: str | None = None,
    limit: int = 500,
    tables_only: bool = False,
    table_id: int | None = None,
    section: str | None = None,
    doc: str | None = None,
) -> list[FigureRow]:
    """Figures whose row label matches the query (spacing-insensitive), best first.

    `table_id` keeps one table's figures; `doc` one document's; `section` those stated in
    prose under that section path (the section itself and everything below it).
    """
    where: list[str] = ["1=1"]
    params: list[int | str] = []
    if table_id is not None:
        where.append("f.table_id = ?")
        params.append(table_id)
    if doc is not None:
        where.append("d.path = ?")
        params.append(doc)
    if section is not None:
        where.append("f.table_id IS NULL AND (s.path = ? OR substr(s.path, 1, ?) = ?)")
        params.extend([section, len(section) + 3, section + " > "])
    if year is not None:
        where.append("d.year = ?")
        params.append(year)
    if measure:
        where.append("f.measure = ?")
        params.append(measure)
    if tables_only:
        where.append("f.table_id IS NOT NULL")
    subject, _measures = split_query(query)
    scores: dict[str, float] = {}
    if subject:
        # Score the distinct labels (an archive has far fewer labels than figures) through
        # the bigram index, then fetch only the figures of the labels that match.
        scores = figure_labels(conn).scores(subject, MIN_SCORE)
        if not scores:
            return []
        # Best labels first, in batches, until `limit` figures are in hand: a broad query
        # over an archive matches thousands of labels, and their rows past the limit would
        # be fetched only to be cut.
        ordered = sorted(scores, key=lambda k: (-scores[k], k))
        rows: list[NamedRow] = []
        for start in range(0, len(ordered), KEY_BATCH):
            batch = ordered[start : start + KEY_BATCH]
            sql = _FIGURE_SQL + "WHERE " + " AND ".join(where)
            sql += f" AND f.label_key IN ({','.join('?' * len(batch))})"
            rows += select(conn, sql, [*params, *batch])
            if len(rows) >= limit:
                break
    else:
        # No words: the first figures in report order, sorted and cut by SQLite (the whole
        # archive would otherwise come into Python to be sorted there).
        order = " ORDER BY (f.table_id IS NULL), d.year DESC, d.path, f.table_id, f.row_index"
        order += ", f.col_index"
        sql = _FIGURE_SQL + "WHERE " + " AND ".join(where) + order + ", f.line LIMIT ?"
        rows = select(conn, sql, [*params, limit])
    # Table figures outrank counts in prose at equal match; then report order.
    scored = [
        (scores.get(r["label_key"], 1.0) + (0.01 if r["table_id"] is not None else 0.0), r)
        for r in rows
    ]
    # Equal matches: the newest report first (staff answer for the current year), then
    # report order.
    scored.sort(
        key=lambda sr: (
            -sr[0],
            -(sr[1]["year"] or 0),
            sr[1]["doc"],
            sr[1]["table_id"] or 0,
            sr[1]["row_index"] or 0,
            sr[1]["col_index"] or 0,
            sr[1]["line"],
        )
    )
    return [_row(r) for _, r in scored[:limit]]


def table(conn: Connection, table_id: int) -> TableView | None:
    """A stored table, whole."""
    r = first(
        conn,
        "SELECT t.id AS table_id, t.caption AS caption, t.unit AS unit, t.as_of AS as_of, "
        "t.columns_json, t.header_json, t.rows_json, d.path AS doc, d.title AS doc_title, "
        "COALESCE(s.path, '') AS section, t.line AS line, t.page AS page FROM doc_tables t "
        "JOIN documents d ON d.id = t.doc_id LEFT JOIN sections s ON s.id = t.section_id "
        "WHERE t.id = ?",
        (table_id,),
    )
    if r is None:
        return None
    return record(
        TableView,
        r,
        caption=r["caption"] or "",
        columns=json.loads(r["columns_json"]),
        header=json.loads(r["header_json"]),
        rows=json.loads(r["rows_json"]),
    )


def _best(conn: Connection, scores: dict[Any, float], sql: str, year: int | None) -> Any:
    """The best-scoring row of `sql` (ids bound as ?-list, then year) among scored ids."""
    if not scores:
        return None
    ids = sorted(scores, key=lambda i: (-scores[i], i))[:500]
    clause = "" if year is None else " AND d.year = ?"
    params = [*ids, *([] if year is None else [year])]
    rows = conn.execute(sql.format(ids=",".join("?" * len(ids))) + clause, params).fetchall()
    return max(rows, key=lambda r: (scores[r[0]], -r[0]), default=None)


def best_caption(
    conn: Connection, subject: str, floor: float, year: int | None = None
) -> tuple[int, str, float] | None:
    """(table id, caption, score) of the table whose caption best names the subject."""
    scores = table_captions(conn).scores(subject, floor)
    sql = (
        "SELECT t.id, t.caption FROM doc_tables t JOIN documents d ON d.id = t.doc_id "
        "WHERE t.id IN ({ids})"
    )
    row = _best(conn, scores, sql, year)
    return None if row is None else (int(row[0]), str(row[1]), scores[row[0]])


def best_program(
    conn: Connection, subject: str, floor: float, year: int | None = None
) -> tuple[str, str, str, float] | None:
    """(section path, name, document path, score) of the program the subject best names."""
    scores = program_names(conn).scores(subject, floor)
    sql = (
        "SELECT p.id, COALESCE(s.path, ''), p.name, d.path FROM programs p "
        "JOIN documents d ON d.id = p.doc_id LEFT JOIN sections s ON s.id = p.section_id "
        "WHERE p.id IN ({ids})"
    )
    row = _best(conn, scores, sql, year)
    return None if row is None else (str(row[1]), str(row[2]), str(row[3]), scores[row[0]])


def latest_year(conn: Connection, measure: str) -> int | None:
    """The newest report year that has figures of this measure."""
    row = conn.execute(
        "SELECT max(d.year) FROM documents d WHERE EXISTS "
        "(SELECT 1 FROM figures f WHERE f.doc_id = d.id AND f.measure = ?)",
        (measure,),
    ).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def table_ids(conn: Connection) -> list[int]:
    """Every stored table id, in document order."""
    return [int(r[0]) for r in conn.execute("SELECT id FROM doc_tables ORDER BY doc_id, ordinal")]


def figure_groups(conn: Connection) -> list[tuple[str, str, str, list[FigureRow]]]:
    """Table figures grouped by (document, compact row label, measure), for cross-checks."""
    rows = select(
        conn,
        _FIGURE_SQL + "WHERE f.table_id IS NOT NULL AND f.measure IS NOT NULL "
        "ORDER BY d.path, f.label_key, f.measure, f.table_id",
    )
    groups: dict[tuple[str, str, str], list[FigureRow]] = {}
    for r in rows:
        groups.setdefault((r["doc"], r["label_key"], r["measure"]), []).append(_row(r))
    return [(d, k, m, v) for (d, k, m), v in groups.items()]


# The fields of Program by name, and the program's id.
_PROGRAM_SQL = (
    'SELECT p.year AS year, p.code AS code, p.group_name AS "group", p.name AS name, '
    "p.objective AS objective, p.contents AS contents, p.results AS results, "
    "p.plans AS plans, COALESCE(s.path, '') AS section_path, p.line AS line, d.path AS doc, "
    "d.title AS doc_title, p.id AS id FROM programs p "
    "JOIN documents d ON d.id = p.doc_id LEFT JOIN sections s ON s.id = p.section_id "
)


def _program(r: NamedRow) -> Program:
    return record(Program, r)


def programs(conn: Connection, year: int | None = None) -> list[Program]:
    """Programs in report order, newest year first."""
    sql, params = _PROGRAM_SQL, []
    if year is not None:
        sql += "WHERE p.year = ? "
        params.append(year)
    sql += "ORDER BY p.year DESC, d.path, p.line"
    return [_program(r) for r in select(conn, sql, params)]


def find_program(conn: Connection, name: str, year: int | None = None) -> Program | None:
    """The program whose name best matches (spacing-insensitive, fuzzy); newest on a tie."""
    found = program_names(conn).scores(compact(name), MIN_SCORE)
    scores = {i: v for i, v in found.items() if v > MIN_SCORE}
    if not scores:
        return None
    ids = sorted(scores, key=lambda i: -scores[i])[:500]
    sql = _PROGRAM_SQL + f"WHERE p.id IN ({','.join('?' * len(ids))})"
    params: list[Any] = list(ids)
    if year is not None:
        sql += " AND p.year = ?"
        params.append(year)
    rows = select(conn, sql + " ORDER BY p.year DESC, p.line", params)
    best = max(rows, key=lambda r: scores[r["id"]], default=None)  # max keeps the first of ties
    return _program(best) if best is not None else None


def program_figures(conn: Connection, program: Program) -> list[FigureRow]:
    """Figures inside a program's part of its report (its section and everything under it)."""
    rows = select(
        conn,
        _FIGURE_SQL + "WHERE d.path = ? AND s.path LIKE ? AND f.line >= ? "
        "ORDER BY f.table_id IS NULL, f.table_id, f.row_index, f.col_index, f.line",
        (program.doc, program.section_path.replace("%", "\\%") + "%", program.line),
    )
    return [_row(r) for r in rows]


def _study_rows(conn: Connection, year: int | None, vectors: bool = False) -> list[NamedRow]:
    """The fields of Study by name, the title `embedding` (None unless asked) and the title's
    morphemes (`title_tokens`); newest first."""
    # Word lookups run on every keystroke of the TUI filter: they leave the blobs on disk.
    sql = (
        "SELECT st.year AS year, st.title AS title, st.category AS category, "
        "st.method AS method, COALESCE(s.path, '') AS section_path, st.line AS line, "
        f"d.path AS doc, {'st.embedding' if vectors else 'NULL'} AS embedding, "
        "st.title_tokens AS title_tokens FROM studies st "
        "JOIN documents d ON d.id = st.doc_id LEFT JOIN sections s ON s.id = st.section_id"
    )
    params: list[Any] = []
    if year is not None:
        sql += " WHERE st.year = ?"
        params.append(year)
    sql += " ORDER BY st.year DESC, d.path, st.line"
    return select(conn, sql, params)


def studies(conn: Connection, query: str | None = None, year: int | None = None) -> list[Study]:
    """Studies, optionally matching a query (morpheme overlap or compact substring)."""
    rows = _study_rows(conn, year)
    found = [record(Study, r) for r in rows]
    if not query or not query.strip():
        return found
    q_tokens = set(tokens(query))
    q_key = compact(query)
    scored = []
    for st, r in zip(found, rows, strict=True):
        t_key = compact(st.title + (st.category or ""))
        # The title's morphemes were stored at ingest or by migration 6: Kiwi runs on the
        # query only.
        overlap = len(q_tokens & set(r["title_tokens"].split())) / max(len(q_tokens), 1)
        # A whole-phrase match first; otherwise most query morphemes must be in the title.
        score = 2.0 if q_key and q_key in t_key else overlap
        if score >= 0.75:
            scored.append((score, st))
    scored.sort(key=lambda x: -x[0])
    return [st for _, st in scored]


def studies_by_meaning(
    conn: Connection, query_vector: np.ndarray, year: int | None = None, limit: int = 10
) -> list[Study]:
    """The studies whose titles are nearest the query by embedding, best first."""
    # The studies whose title has an embedding.
    stored = [r for r in _study_rows(conn, year, vectors=True) if r["embedding"] is not None]
    if not stored:
        return []
    vectors = b"".join(r["embedding"] for r in stored)
    matrix = np.frombuffer(vectors, np.float32).reshape(len(stored), -1)
    sims = matrix @ np.asarray(query_vector, np.float32)
    order = np.argsort(-sims, kind="stable")[:limit]
    return [record(Study, stored[int(i)], match="meaning") for i in order]


def studies_without_vectors(conn: Connection) -> list[tuple[int, str]]:
    """(id, title) of studies stored before titles were embedded."""
    return [
        (int(r[0]), r[1])
        for r in conn.execute("SELECT id, title FROM studies WHERE embedding IS NULL")
    ]


def set_study_vectors(conn: Connection, ids: list[int], vectors: np.ndarray) -> None:
    """Store title embeddings of existing studies."""
    conn.executemany(
        "UPDATE studies SET embedding = ? WHERE id = ?",
        [(np.asarray(v, np.float32).tobytes(), i) for i, v in zip(ids, vectors, strict=True)],
    )
