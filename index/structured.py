"""Queries over figures, tables, programs and studies (the structured side of the index)."""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from kb.text import compact
from kb.types import FigureRow, Program, Study, TableView

from .labels import figure_labels, program_names, table_captions
from .matching import split_query
from .tokenize import tokens

MIN_SCORE = 0.45
KEY_BATCH = 500  # labels per IN (...) list; SQLite binds at most 32766 variables

_FIGURE_SQL = (
    "SELECT f.label, f.measure, f.measure_label, f.value, f.value_text, f.unit, f.scale, "
    "t.as_of, d.year, d.path, d.title, COALESCE(s.path, ''), f.page, f.line, f.table_id, "
    "f.label_key, f.row_index, f.col_index, f.period "
    "FROM figures f JOIN documents d ON d.id = f.doc_id "
    "LEFT JOIN doc_tables t ON t.id = f.table_id LEFT JOIN sections s ON s.id = f.section_id "
)


def _row(r: Any) -> FigureRow:
    return FigureRow(
        r[0],
        r[1],
        r[2],
        r[3],
        r[4],
        r[5],
        r[6],
        r[7],
        r[8],
        r[9],
        r[10],
        r[11],
        r[12],
        r[13],
        r[14],
        r[18],
    )


def figures(
    conn: Any,
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
        rows: list[Any] = []
        for start in range(0, len(ordered), KEY_BATCH):
            batch = ordered[start : start + KEY_BATCH]
            sql = _FIGURE_SQL + "WHERE " + " AND ".join(where)
            sql += f" AND f.label_key IN ({','.join('?' * len(batch))})"
            rows += conn.execute(sql, [*params, *batch]).fetchall()
            if len(rows) >= limit:
                break
    else:
        # No words: the first figures in report order, sorted and cut by SQLite (the whole
        # archive would otherwise come into Python to be sorted there).
        order = " ORDER BY (f.table_id IS NULL), d.year DESC, d.path, f.table_id, f.row_index"
        order += ", f.col_index"
        sql = _FIGURE_SQL + "WHERE " + " AND ".join(where) + order + ", f.line LIMIT ?"
        rows = conn.execute(sql, [*params, limit]).fetchall()
    # Table figures outrank counts in prose at equal match; then report order.
    scored = [(scores.get(r[15], 1.0) + (0.01 if r[14] is not None else 0.0), r) for r in rows]
    # Equal matches: the newest report first (staff answer for the current year), then
    # report order.
    scored.sort(
        key=lambda sr: (
            -sr[0],
            -(sr[1][8] or 0),
            sr[1][9],
            sr[1][14] or 0,
            sr[1][16] or 0,
            sr[1][17] or 0,
            sr[1][13],
        )
    )
    return [_row(r) for _, r in scored[:limit]]


def table(conn: Any, table_id: int) -> TableView | None:
    """A stored table, whole."""
    r = conn.execute(
        "SELECT t.id, t.caption, t.unit, t.as_of, t.columns_json, t.header_json, t.rows_json, "
        "d.path, d.title, COALESCE(s.path, ''), t.line, t.page FROM doc_tables t "
        "JOIN documents d ON d.id = t.doc_id LEFT JOIN sections s ON s.id = t.section_id "
        "WHERE t.id = ?",
        (table_id,),
    ).fetchone()
    if r is None:
        return None
    return TableView(
        r[0],
        r[1] or "",
        r[2],
        r[3],
        json.loads(r[4]),
        json.loads(r[5]),
        json.loads(r[6]),
        r[7],
        r[8],
        r[9],
        r[10],
        r[11],
    )


def _best(conn: Any, scores: dict[Any, float], sql: str, year: int | None) -> Any:
    """The best-scoring row of `sql` (ids bound as ?-list, then year) among scored ids."""
    if not scores:
        return None
    ids = sorted(scores, key=lambda i: (-scores[i], i))[:500]
    clause = "" if year is None else " AND d.year = ?"
    params = [*ids, *([] if year is None else [year])]
    rows = conn.execute(sql.format(ids=",".join("?" * len(ids))) + clause, params).fetchall()
    return max(rows, key=lambda r: (scores[r[0]], -r[0]), default=None)


def best_caption(
    conn: Any, subject: str, floor: float, year: int | None = None
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
    conn: Any, subject: str, floor: float, year: int | None = None
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


def latest_year(conn: Any, measure: str) -> int | None:
    """The newest report year that has figures of this measure."""
    row = conn.execute(
        "SELECT max(d.year) FROM documents d WHERE EXISTS "
        "(SELECT 1 FROM figures f WHERE f.doc_id = d.id AND f.measure = ?)",
        (measure,),
    ).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def table_ids(conn: Any) -> list[int]:
    """Every stored table id, in document order."""
    return [int(r[0]) for r in conn.execute("SELECT id FROM doc_tables ORDER BY doc_id, ordinal")]


def figure_groups(conn: Any) -> list[tuple[str, str, str, list[FigureRow]]]:
    """Table figures grouped by (document, compact row label, measure), for cross-checks."""
    rows = conn.execute(
        _FIGURE_SQL + "WHERE f.table_id IS NOT NULL AND f.measure IS NOT NULL "
        "ORDER BY d.path, f.label_key, f.measure, f.table_id"
    ).fetchall()
    groups: dict[tuple[str, str, str], list[FigureRow]] = {}
    for r in rows:
        groups.setdefault((r[9], r[15], r[1]), []).append(_row(r))
    return [(d, k, m, v) for (d, k, m), v in groups.items()]


_PROGRAM_SQL = (
    "SELECT p.year, p.code, p.group_name, p.name, p.objective, p.contents, p.results, p.plans, "
    "COALESCE(s.path, ''), p.line, d.path, d.title, p.name_key FROM programs p "
    "JOIN documents d ON d.id = p.doc_id LEFT JOIN sections s ON s.id = p.section_id "
)


def _program(r: Any) -> Program:
    return Program(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11])


def programs(conn: Any, year: int | None = None) -> list[Program]:
    """Programs in report order, newest year first."""
    sql, params = _PROGRAM_SQL, []
    if year is not None:
        sql += "WHERE p.year = ? "
        params.append(year)
    sql += "ORDER BY p.year DESC, d.path, p.line"
    return [_program(r) for r in conn.execute(sql, params)]


def find_program(conn: Any, name: str, year: int | None = None) -> Program | None:
    """The program whose name best matches (spacing-insensitive, fuzzy); newest on a tie."""
    found = program_names(conn).scores(compact(name), MIN_SCORE)
    scores = {i: v for i, v in found.items() if v > MIN_SCORE}
    if not scores:
        return None
    ids = sorted(scores, key=lambda i: -scores[i])[:500]
    sql = _PROGRAM_SQL.replace("SELECT p.year", "SELECT p.id, p.year", 1)
    sql += f"WHERE p.id IN ({','.join('?' * len(ids))})"
    params: list[Any] = list(ids)
    if year is not None:
        sql += " AND p.year = ?"
        params.append(year)
    rows = conn.execute(sql + " ORDER BY p.year DESC, p.line", params).fetchall()
    best = max(rows, key=lambda r: scores[r[0]], default=None)  # max keeps the first of ties
    return _program(best[1:]) if best is not None else None


def program_figures(conn: Any, program: Program) -> list[FigureRow]:
    """Figures inside a program's part of its report (its section and everything under it)."""
    rows = conn.execute(
        _FIGURE_SQL + "WHERE d.path = ? AND s.path LIKE ? AND f.line >= ? "
        "ORDER BY f.table_id IS NULL, f.table_id, f.row_index, f.col_index, f.line",
        (program.doc, program.section_path.replace("%", "\\%") + "%", program.line),
    ).fetchall()
    return [_row(r) for r in rows]


# A row of _study_rows: the fields of Study (year … doc), the title embedding, the title's
# morphemes.
_StudyRow = tuple[int | None, str, str | None, str | None, str, int, str, bytes | None, str]


def _study_rows(conn: Any, year: int | None, vectors: bool = False) -> list[_StudyRow]:
    """Study fields in Study order, then the title embedding (None unless asked); newest first."""
    # Word lookups run on every keystroke of the TUI filter: they leave the blobs on disk.
    sql = (
        "SELECT st.year, st.title, st.category, st.method, COALESCE(s.path, ''), st.line, d.path, "
        f"{'st.embedding' if vectors else 'NULL'}, st.title_tokens FROM studies st "
        "JOIN documents d ON d.id = st.doc_id LEFT JOIN sections s ON s.id = st.section_id"
    )
    params: list[Any] = []
    if year is not None:
        sql += " WHERE st.year = ?"
        params.append(year)
    sql += " ORDER BY st.year DESC, d.path, st.line"
    rows: list[_StudyRow] = conn.execute(sql, params).fetchall()
    return rows


def studies(conn: Any, query: str | None = None, year: int | None = None) -> list[Study]:
    """Studies, optionally matching a query (morpheme overlap or compact substring)."""
    rows = _study_rows(conn, year)
    found = [Study(*r[:7]) for r in rows]
    if not query or not query.strip():
        return found
    q_tokens = set(tokens(query))
    q_key = compact(query)
    scored = []
    for st, r in zip(found, rows, strict=True):
        t_key = compact(st.title + (st.category or ""))
        # The title's morphemes were stored at ingest or by migration 6: Kiwi runs on the
        # query only.
        overlap = len(q_tokens & set(r[8].split())) / max(len(q_tokens), 1)
        # A whole-phrase match first; otherwise most query morphemes must be in the title.
        score = 2.0 if q_key and q_key in t_key else overlap
        if score >= 0.75:
            scored.append((score, st))
    scored.sort(key=lambda x: -x[0])
    return [st for _, st in scored]


def studies_by_meaning(
    conn: Any, query_vector: np.ndarray, year: int | None = None, limit: int = 10
) -> list[Study]:
    """The studies whose titles are nearest the query by embedding, best first."""
    # (the Study fields, the title embedding) of the studies whose title has one
    stored = [(r[:7], r[7]) for r in _study_rows(conn, year, vectors=True) if r[7] is not None]
    if not stored:
        return []
    matrix = np.frombuffer(b"".join(v for _, v in stored), np.float32).reshape(len(stored), -1)
    sims = matrix @ np.asarray(query_vector, np.float32)
    order = np.argsort(-sims, kind="stable")[:limit]
    return [Study(*stored[int(i)][0], match="meaning") for i in order]


def studies_without_vectors(conn: Any) -> list[tuple[int, str]]:
    """(id, title) of studies stored before titles were embedded."""
    return [
        (int(r[0]), r[1])
        for r in conn.execute("SELECT id, title FROM studies WHERE embedding IS NULL")
    ]


def set_study_vectors(conn: Any, ids: list[int], vectors: np.ndarray) -> None:
    """Store title embeddings of existing studies."""
    conn.executemany(
        "UPDATE studies SET embedding = ? WHERE id = ?",
        [(np.asarray(v, np.float32).tobytes(), i) for i, v in zip(ids, vectors, strict=True)],
    )
