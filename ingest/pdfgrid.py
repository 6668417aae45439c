"""PDF tables: PyMuPDF's cell boxes filled with the glyphs inside them.

`find_tables` finds ruled cells well but its cell text is unusable for Korean reports
(spaces inside cells lost, `70,000` read as `70000\\n,`). Each cell here takes the glyphs
whose centre lies in its box, as lines. Two layouts the ruling does not show are restored:
values stacked in one ruled row without a rule between them (`582.1` over `(△11.5)`, a
level over its change) become rows of their own, and a header printed just above the
ruled body (`집 행 대 상  예산 교부내역  예 산 액`) becomes the table's first row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kb.numbers import parse_number
from kb.types import Block

from .pdftext import Glyph, Line, make_line, text_of

Box = tuple[float, float, float, float]
_PAD = 1.5  # points: glyphs a hair outside a ruled box still belong to it


@dataclass(slots=True)
class PdfTable:
    """A table found on a page: its box and its cell texts."""

    bbox: Box
    rows: list[list[str]]
    header_line: Line | None = None  # the text line above the ruling taken as header
    label: str = ""  # for a table inside a cell: the label of that cell's row

    def block(self, page: int) -> Block:
        """The table as a reader block."""
        return Block("table", "\n".join(" | ".join(r) for r in self.rows), 0, page, self.rows)


def _in(g: Glyph, box: Box, pad: float = _PAD) -> bool:
    return box[0] - pad <= g.cx <= box[2] + pad and box[1] - pad <= g.cy <= box[3] + pad


def _lines(glyphs: list[Glyph]) -> list[Line]:
    """A cell's glyphs as lines, top to bottom."""
    rows: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: g.cy):
        if rows and abs(g.cy - rows[-1][0].cy) <= 0.5 * g.size:
            rows[-1].append(g)
        else:
            rows.append([g])
    return [make_line(r) for r in rows]


_NUMBERISH = re.compile(r"^[\(（△▲\-+]?\s*\d")


def _stacked(lines_by_cell: dict[int, list[Line]]) -> list[float] | None:
    """Baselines of rows stacked in one ruled row (no rule between them), or None.

    Two or more cells must hold the same number of lines on the same baselines, and two or
    more of them a number among those lines: a level over its change (`582.1` / `(△11.5)`)
    or a header over values. Text that merely wraps in neighbouring cells holds no numbers.
    """
    groups: dict[int, list[list[Line]]] = {}
    for lines in lines_by_cell.values():
        if len(lines) >= 2:
            groups.setdefault(len(lines), []).append(lines)
    for k, cells in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        if len(cells) < 2:
            break
        numeric = sum(1 for c in cells if any(_NUMBERISH.match(ln.text) for ln in c))
        base = [(ln.y0 + ln.y1) / 2 for ln in cells[0]]
        aligned = all(
            abs((c[i].y0 + c[i].y1) / 2 - base[i]) <= 0.5 * c[i].size
            for c in cells
            for i in range(k)
        )
        if numeric >= 2 and aligned:
            return [sum((c[i].y0 + c[i].y1) / 2 for c in cells) / len(cells) for i in range(k)]
    return None


def _fill(grid: list[list[Box | None]], glyphs: list[Glyph]) -> list[list[str]]:
    """Cell texts by grid position, stacked values split into rows of their own."""
    width = max(len(r) for r in grid)
    cells: dict[tuple[int, int], list[Glyph]] = {}
    for g in glyphs:
        for r, row in enumerate(grid):
            c = next((c for c, box in enumerate(row) if box and _in(g, box, 0)), None)
            if c is None:
                c = next((c for c, box in enumerate(row) if box and _in(g, box)), None)
            if c is not None:
                cells.setdefault((r, c), []).append(g)
                break
    # Row bands: each grid row's vertical extent, taken from the cells that start in it.
    bands: list[tuple[float, float]] = []
    for row in grid:
        boxes = [b for b in row if b]
        top = min((b[1] for b in boxes), default=bands[-1][1] if bands else 0.0)
        bottom = min((b[3] for b in boxes), default=top)
        bands.append((top, bottom))
    lines = {key: _lines(gs) for key, gs in cells.items()}
    # Output rows: one per grid row, or one per stacked baseline: (y, grid row, stacked).
    out_rows: list[tuple[float, int, bool, list[list[Line]]]] = []
    for r in range(len(grid)):
        stacked = _stacked({c: lines[(r, c)] for c in range(width) if (r, c) in lines})
        for y in stacked or [bands[r][0]]:
            out_rows.append((y, r, bool(stacked), [[] for _ in range(width)]))
    first_of: dict[int, int] = {}  # grid row -> its first output row
    for i, out_row in enumerate(out_rows):
        first_of.setdefault(out_row[1], i)
    # A line goes to the stacked row on its baseline (a merged label cell may label several
    # of them), else to the row where its cell starts (merged cells keep their text there).
    for (r, c), cell_lines in lines.items():
        for ln in cell_lines:
            mid = (ln.y0 + ln.y1) / 2
            on = [
                i
                for i, row in enumerate(out_rows)
                if row[2] and row[1] >= r and abs(row[0] - mid) <= 0.6 * ln.size
            ]
            target = min(on, key=lambda i: abs(out_rows[i][0] - mid)) if on else first_of[r]
            out_rows[target][3][c].append(ln)
    rows = [
        (_baseline(cols, y), [" ".join(ln.text for ln in col) for col in cols])
        for y, _, _, cols in out_rows
    ]
    return _merge_sparse(rows)


def _baseline(cols: list[list[Line]], default: float) -> float:
    """The middle of a row's first text line in each column, averaged."""
    mids = [(col[0].y0 + col[0].y1) / 2 for col in cols if col]
    return sum(mids) / len(mids) if mids else default


def _merge_sparse(rows: list[tuple[float, list[str]]]) -> list[list[str]]:
    """Rows that only fill cells blank in the row above on the same baseline join it."""
    out: list[tuple[float, list[str]]] = []
    for y, cells in rows:
        if not any(cells):
            continue
        if out:
            py, prev = out[-1]
            free = all(not prev[c] for c, t in enumerate(cells) if t)
            if free and abs(py - y) < 3:
                out[-1] = (py, [p or t for p, t in zip(prev, cells, strict=True)])
                continue
        out.append((y, cells))
    return [cells for _, cells in out]


def _center_in(glyphs: list[Glyph], box: Box) -> bool:
    ink = [g for g in glyphs if not g.c.isspace()] or glyphs
    cx = (min(g.x0 for g in ink) + max(g.x1 for g in ink)) / 2
    cy = (min(g.y0 for g in ink) + max(g.y1 for g in ink)) / 2
    return box[0] - _PAD <= cx <= box[2] + _PAD and box[1] - _PAD <= cy <= box[3] + _PAD


def _detect(page: Any, clip: Box | None = None) -> list[Any]:
    kwargs: dict[str, Any] = {} if clip is None else {"clip": clip}
    try:
        return list(page.find_tables(use_layout=False, **kwargs).tables)
    except TypeError:  # PyMuPDF before the layout option
        return list(page.find_tables(**kwargs).tables)


def _strictly_inside(inner: Box, outer: Box, margin: float = 2.0) -> bool:
    return (
        inner[0] >= outer[0] + margin
        and inner[1] >= outer[1] + margin
        and inner[2] <= outer[2] - margin
        and inner[3] <= outer[3] - margin
    )


def _nested(page: Any, grid: list[list[Box | None]], rules: list[Box]) -> list[tuple[Box, Any]]:
    """Tables drawn inside a cell (a form's `8.피규제집단` cell holding its own table)."""
    out: list[tuple[Box, Any]] = []
    for row in grid:
        for box in row:
            if box is None or box[3] - box[1] < 30 or box[2] - box[0] < 80:
                continue
            if sum(1 for r in rules if _strictly_inside(r, box)) < 2:
                continue
            for sub in _detect(page, box):
                sub_box: Box = tuple(sub.bbox)
                if _strictly_inside(sub_box, box, 0.5) and sub.row_count >= 2:
                    out.append((box, sub))
    return out


def _grid(tab: Any) -> list[list[Box | None]]:
    return [[tuple(c) if c else None for c in row.cells] for row in tab.rows]


def _label_left(grid: list[list[Box | None]], cell: Box, lines: list[list[Glyph]]) -> str:
    """The text of the nearest cell left of `cell` on its row (what the nested table is)."""
    for row in grid:
        if cell not in row:
            continue
        k = row.index(cell)
        for box in reversed(row[:k]):
            if box is None:
                continue
            glyphs = [g for ln in lines if _center_in(ln, box) for g in ln if not g.c.isspace()]
            if glyphs:
                return " ".join(ln.text for ln in _lines(glyphs))
    return ""


def find_tables(
    page: Any, raw: list[list[Glyph]], lines_above: list[Line]
) -> tuple[list[PdfTable], list[list[Glyph]]]:
    """The page's ruled tables with their cell text, and the text lines left outside them.

    A text line belongs to a table when its middle lies in the table's box: a heading that
    only touches a box keeps all its words. lines_above may lend a table its header row.
    """
    found = _detect(page)
    rules: list[Box] = []
    if found:
        rules = [tuple(p["rect"]) for p in page.get_cdrawings() if p.get("rect")]
    out: list[PdfTable] = []
    rest = list(raw)
    for tab in found:
        grid = _grid(tab)
        if not grid:
            continue
        box: Box = tuple(tab.bbox)
        inner: list[PdfTable] = []
        for cell_box, sub in _nested(page, grid, rules):
            sub_box: Box = tuple(sub.bbox)
            sub_lines = [line for line in rest if _center_in(line, sub_box)]
            sub_glyphs = [g for ln in sub_lines for g in ln if not g.c.isspace()]
            sub_rows = _fill(_grid(sub), sub_glyphs)
            if sub_rows:
                taken_sub = {id(ln) for ln in sub_lines}
                rest = [ln for ln in rest if id(ln) not in taken_sub]
                inner.append(PdfTable(sub_box, sub_rows, label=_label_left(grid, cell_box, rest)))
        mine = [line for line in rest if _center_in(line, box)]
        inside = [g for line in mine for g in line if not g.c.isspace()]
        rows = _fill(grid, inside)
        if not rows:
            continue
        table = PdfTable(box, rows)
        _header_above(table, grid, lines_above)
        out.append(table)
        out.extend(inner)
        taken = {id(line) for line in mine}
        rest = [line for line in rest if id(line) not in taken]
    return out, rest


def _columns(grid: list[list[Box | None]]) -> list[tuple[float, float]]:
    width = max(len(r) for r in grid)
    spans = []
    for c in range(width):
        boxes = [b for row in grid if c < len(row) and (b := row[c])]
        spans.append((min(b[0] for b in boxes), max(b[2] for b in boxes)) if boxes else (0, 0))
    return spans


def _header_above(table: PdfTable, grid: list[list[Box | None]], lines: list[Line]) -> None:
    """Take the text line just above the ruling as header when its words fit the columns."""
    top = table.bbox[1]
    near = [ln for ln in lines if 0 <= top - ln.y1 <= 1.5 * ln.height]
    if not near or not table.rows:
        return
    line = max(near, key=lambda ln: ln.y1)
    first = table.rows[0]
    if not any(parse_number(c) is not None and c for c in first):
        return  # the ruled table has its own header
    spans = _columns(grid)
    parts: list[list[Glyph]] = [[] for _ in spans]
    for g in line.glyphs:
        c = next((i for i, (a, b) in enumerate(spans) if a - 2 <= g.cx <= b + 2), None)
        if c is None:
            return  # a word outside every column: a caption, not a header
        parts[c].append(g)
    header = [text_of(p) for p in parts]
    if sum(1 for h in header if h) >= 2:
        table.rows.insert(0, header)
        table.header_line = line
