"""The stored side of `kb trend`: table figures whose row label matches, across every report.

Matching is the figure lookup's (index.labels over label keys, index.matching's split of the
query); what is added here is what a series needs beside each figure: its report's date and
period, the table's place in its report, and the caption and section to cite.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.text import compact

from .conn import Connection
from .labels import figure_labels
from .matching import specific, split_query
from .rows import record, select
from .structured import KEY_BATCH, MIN_SCORE

# Labels within this much of the best match are kept (each becomes its own line): `수입`
# keeps 수입(A) and 경상수입; `제조업` (1.0) drops `美 제조업 투자(억불)` (0.72).
NEAR_BEST = 0.2


@dataclass(frozen=True, slots=True)
class TrendFigure:
    """A stored table figure with what a series needs to place, order and cite it."""

    label: str
    label_key: str
    measure: str | None
    measure_label: str
    value: float
    value_text: str
    unit: str | None
    scale: float | None
    period: str | None  # the figure's own (None when no header, caption or as-of names one)
    doc_id: int
    doc: str
    doc_title: str
    report_date: str | None
    year: int | None
    doc_period: str | None  # the period the report's title names
    table_id: int
    table_ordinal: int  # the table's place in its report
    caption: str
    section: str
    page: int | None
    line: int
    row: int | None
    col: int | None
    match: float  # the label's match score


# The fields of TrendFigure by name (all but the match score).
_SQL = (
    "SELECT f.label AS label, f.label_key AS label_key, f.measure AS measure, "
    "f.measure_label AS measure_label, f.value AS value, f.value_text AS value_text, "
    "f.unit AS unit, f.scale AS scale, f.period AS period, d.id AS doc_id, d.path AS doc, "
    "d.title AS doc_title, d.report_date AS report_date, d.year AS year, "
    "d.period AS doc_period, f.table_id AS table_id, t.ordinal AS table_ordinal, "
    "COALESCE(t.caption, '') AS caption, COALESCE(s.path, '') AS section, f.page AS page, "
    "f.line AS line, f.row_index AS row, f.col_index AS col "
    "FROM figures f JOIN documents d ON d.id = f.doc_id "
    "JOIN doc_tables t ON t.id = f.table_id LEFT JOIN sections s ON s.id = f.section_id "
    "WHERE f.value IS NOT NULL AND f.label_key IN ({keys}) "
    "ORDER BY d.id, t.ordinal, f.row_index, f.col_index"
)


def matched_labels(conn: Connection, query: str) -> dict[str, float]:
    """label key → match score, for the labels near the best match of the query's subject."""
    subject, _measures = split_query(query)
    if not subject:
        return {}
    scores: dict[str, float] = figure_labels(conn).scores(subject, MIN_SCORE)
    if not scores:
        return {}
    best = max(scores.values())
    return {k: v for k, v in scores.items() if v >= best - NEAR_BEST}


def trend_figures(conn: Connection, query: str) -> list[TrendFigure]:
    """Table figures (with a value) whose row label matches the query, in report order.

    Counts in prose are left out: a series is read from tables, where the period is in a
    header, a caption or the table's as-of date.
    """
    scores = matched_labels(conn, query)
    ordered = sorted(scores, key=lambda k: (-scores[k], k))
    subject = compact(split_query(query)[0])
    out: list[TrendFigure] = []
    for start in range(0, len(ordered), KEY_BATCH):
        batch = ordered[start : start + KEY_BATCH]
        sql = _SQL.format(keys=",".join("?" * len(batch)))
        for r in select(conn, sql, batch):
            out.append(
                record(
                    TrendFigure,
                    r,
                    value=float(r["value"]),
                    doc_id=int(r["doc_id"]),
                    table_id=int(r["table_id"]),
                    table_ordinal=int(r["table_ordinal"]),
                    line=int(r["line"] or 0),
                    match=scores[r["label_key"]],
                )
            )
    return [f for f in out if named_around(subject, f)]


def named_around(subject: str, f: TrendFigure) -> bool:
    """False when the row label is only a part of a longer subject whose rest its table does
    not name: in `해외직접투자 총투자` the row 총투자 of a table captioned `해외직접투자액 추이`
    is meant, the row `피규제 기업 · 소상공인 · 직접` of a regulatory cost table is not (its
    last part, 직접, is inside the subject too, and scored 0.58 against the right row's 0.62).
    """
    for part in (compact(f.label), compact(specific(f.label))):
        if len(part) >= 2 and part in subject and part != subject:
            named = compact(" ".join((f.caption, f.section, f.doc_title)))
            # What the subject says before and after the row's name, each named by the table.
            return all(w in named for w in subject.split(part, 1) if len(w) >= 2)
    return True


def reading_chunk(conn: Connection, table_id: int | None, doc: str, line: int) -> int | None:
    """The passage a series value is printed in: the chunk of its table that holds its line
    (a long table is cut into several, header repeated), else the table's first, else the
    document's chunk holding the line; None when the document is gone."""
    if table_id is not None:
        row = conn.execute(
            "SELECT id FROM chunks WHERE table_id = ? "
            "ORDER BY (COALESCE(line_start, 0) <= ? AND ? <= COALESCE(line_end, 0)) DESC, "
            "ordinal LIMIT 1",
            (table_id, line, line),
        ).fetchone()
        if row is not None:
            return int(row[0])
    row = conn.execute(
        "SELECT c.id FROM chunks c JOIN documents d ON d.id = c.doc_id WHERE d.path = ? "
        "ORDER BY (COALESCE(c.line_start, 0) <= ? AND ? <= COALESCE(c.line_end, 0)) DESC, "
        "c.ordinal LIMIT 1",
        (doc, line, line),
    ).fetchone()
    return int(row[0]) if row is not None else None
