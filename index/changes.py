"""The stored side of a change question whose subject names a table, not a row.

"2024년 2분기 대비 2025년 2분기 해외직접투자 증감": no row is labelled 해외직접투자; the
releases print the series in a table captioned `< 분기별 해외직접투자액 추이(억 달러, …) >`
whose rows are 총투자 and 증감률. The row a question means is then the first amount row
(not a rate) of the table whose caption best names its subject.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kb.lexicon import RATE

from .labels import table_captions

# How surely a caption must name the subject (as index.answers.SURE_MATCH for captions).
CAPTION_MATCH = 0.7


@dataclass(frozen=True, slots=True)
class CaptionRow:
    """The first amount row of the table whose caption names a subject."""

    label: str
    caption: str
    score: float  # the caption's match with the subject


def caption_row(conn: Any, subject: str) -> CaptionRow | None:
    """The row a subject means when it names a table (its caption), or None."""
    scores: dict[int, float] = table_captions(conn).scores(subject, CAPTION_MATCH)
    if not scores:
        return _caption_then_row(conn, subject)
    best = max(scores.values())
    ids = sorted(i for i, s in scores.items() if s >= best - 1e-9)
    rows = conn.execute(
        "SELECT f.label, f.unit, t.caption FROM figures f JOIN doc_tables t ON t.id = f.table_id "
        f"WHERE f.table_id IN ({','.join('?' * len(ids))}) AND f.value IS NOT NULL "
        "ORDER BY f.table_id, f.row_index, f.col_index",
        ids,
    )
    for label, unit, caption in rows:
        if unit != "%" and not RATE.search(str(label).strip()):
            return CaptionRow(str(label), str(caption), best)
    return None


def _caption_then_row(conn: Any, subject: str) -> CaptionRow | None:
    """`해외직접투자 총투자`: a caption's words, then a row of that table, named together.

    Neither whole matches (the row 총투자 scores 0.62 against the two, the caption less), so
    each cut of the (compact) subject is tried: a head its caption names surely and a tail
    that is a row label of that same table, exactly. The longest head wins.
    """
    key = "".join(subject.split())
    captions = table_captions(conn)
    for cut in range(len(key) - 2, 1, -1):
        head, tail = key[:cut], key[cut:]
        scores: dict[int, float] = captions.scores(head, CAPTION_MATCH)
        if not scores:
            continue
        ids = sorted(scores, key=lambda i: (-scores[i], i))
        marks = ",".join("?" * len(ids))
        rows = conn.execute(
            "SELECT f.label, f.table_id, t.caption FROM figures f "
            "JOIN doc_tables t ON t.id = f.table_id "
            f"WHERE f.table_id IN ({marks}) AND f.label_key = ? AND f.value IS NOT NULL "
            "LIMIT 1",
            [*ids, tail],
        ).fetchall()
        if rows:
            label, table_id, caption = rows[0]
            return CaptionRow(str(label), str(caption), scores[int(table_id)])
    return None
