"""Labelled cells: every value cell of a table with the labels a reader would give it.

Report tables come in three shapes, often mixed in one grid: a header over a body (row
label at the left, column label path on top), key-value rows (`보도시점 | 2024. 9. 13. |
배포 | …`), and forms whose sub-tables sit inside a larger grid (a cost-benefit block
under `10.비용편익분석` in a regulatory analysis form). A cell therefore gets its grid
labels and, as alternatives, the nearest label cell to its left and above it.
Pure functions over a Table; figures (numbers) and `kb eval --mode structure` share them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.lexicon import COUNT_WORDS, RATE
from kb.numbers import normal_unit, parse_number
from kb.text import compact
from kb.types import Table

from .tables import column_parts, units_in

_LABEL_UNIT = re.compile(
    r"[\(（]\s*(?:단위\s*[:：]?\s*)?"
    r"(십억원|백만원|천원|만원|억원|원|억\s*달러|달러|명|회|건|개소|개|%|시간|점|㎡|가구|세대|호)"
    r"\s*[\)）]"
)


@dataclass(frozen=True, slots=True)
class LabelledCell:
    """One value cell: where it is, what it says, and the labels that name it."""

    row: int  # index into table.rows (header rows are negative: -len(header) … -1)
    col: int
    text: str
    row_label: str
    column_label: str
    unit: str | None
    value: float | None  # None for text cells and blanks
    numeric: bool
    # Other labels a reader could use: the nearest label cell left and above, label parts.
    row_alternatives: tuple[str, ...] = ()
    column_alternatives: tuple[str, ...] = ()


def label_unit(label: str) -> str | None:
    """The unit a row or column label names: `(명)`, `(단위: 천원)`, `증감률`, `실인원`."""
    m = _LABEL_UNIT.search(label)
    if m:
        return normal_unit(m.group(1))
    text = label.strip()
    if RATE.search(compact(text) or text):
        return "%"
    key = compact(label)
    return next((unit for pattern, unit in COUNT_WORDS if pattern.search(key)), None)


def table_units(table: Table) -> list[str]:
    """The table's units, main one first: its `(단위 …)` line, else its caption's."""
    units = units_in(table.caption)
    if table.unit and table.unit not in units:
        units.insert(0, table.unit)
    return units


def cell_unit(
    text: str, suffix: str | None, row_label: str, column_label: str, units: list[str]
) -> str | None:
    """A cell's unit: its own suffix, then its column's, then its row's, then the table's.

    A parenthesised number beside levels (`(△6.0)` under `156.6`) is the change in % when
    the table states % among its units (`(억 달러, 전년동기 대비, %)`).
    """
    if suffix:
        return suffix
    for label in (column_label, row_label):
        if unit := label_unit(label):
            return unit
    if "%" in units and text.strip().startswith(("(", "（")):
        return "%"
    return units[0] if units else None


def _is_label(text: str) -> bool:
    """A cell that names something rather than states a value."""
    t = text.strip()
    return bool(t) and parse_number(t) is None and len(t) <= 60


def _parts(label: str) -> tuple[str, ...]:
    return tuple(p for p in re.split(r"\s+·\s+", label) if p)


def labelled_cells(
    table: Table, row_labels: list[str], label_cols: list[int], every: bool = False
) -> list[LabelledCell]:
    """Every non-empty value cell of the table's body, and of key-value header rows.

    row_labels and label_cols come from ingest.figures (one label per body row, and the
    columns that hold those labels). every: the label columns' own cells too (a table of
    texts side by side, `현행 | 개정안`, has no label column but its first).
    """
    units = table_units(table)
    header, body = table.header, table.rows
    grid = header + body
    nhead = len(header)
    width = max((len(r) for r in grid), default=0)
    out: list[LabelledCell] = []
    skip = set() if every else set(label_cols)
    parts = column_parts(header)
    for i, row in enumerate(grid):
        r = i - nhead
        for c, raw in enumerate(row):
            text = raw.strip()
            if not text:
                continue
            lefts = [row[j].strip() for j in range(c - 1, -1, -1) if row[j].strip()]
            left = next((x for x in lefts if _is_label(x)), "")
            in_body = r >= 0 and c not in skip and c < width
            if not in_body and not (left and c > 0):
                continue  # a header or label cell with nothing naming it
            parsed = parse_number(text)
            value, suffix = parsed if parsed else (None, None)
            aboves = [
                grid[k][c].strip()
                for k in range(i - 1, -1, -1)
                if c < len(grid[k]) and _is_label(grid[k][c])
            ]
            above = aboves[0] if aboves else ""
            if in_body:
                row_label = row_labels[r] if r < len(row_labels) else ""
                column_label = table.columns[c] if c < len(table.columns) else ""
                if not column_label and above:
                    column_label = above  # a sub-table's own header inside a larger grid
            else:
                row_label, column_label = left, ""
            # Any cell left of it names its row (an index `57`, a sub-table's own label);
            # any header part or label cell above it names its column.
            header_parts = parts[c] if c < len(parts) else []
            alt_rows = tuple(
                dict.fromkeys(x for x in (*lefts, *_parts(row_label)) if x and x != row_label)
            )
            alt_cols = tuple(
                dict.fromkeys(
                    x
                    for x in (*aboves, *header_parts, *_parts(column_label))
                    if x and x != column_label
                )
            )
            out.append(
                LabelledCell(
                    r,
                    c,
                    text,
                    row_label,
                    column_label,
                    cell_unit(text, suffix, row_label or left, column_label, units)
                    if parsed
                    else None,
                    value,
                    parsed is not None,
                    alt_rows,
                    alt_cols,
                )
            )
    return out
