"""Table helpers: header rows, flattened column labels, unit and as-of date of a table."""

from __future__ import annotations

import re

UNITS = ("백만원", "천원", "억원", "원", "명", "회", "건", "개소", "%")
_UNIT_LINE = re.compile(r"^\s*[\(（]\s*단위\s*[:：]?\s*([^,，)）]+)")
_ASOF = re.compile(r"['’‘]?(\d{2,4})\s*\.\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\.?\s*기준")
_NUMERIC = re.compile(r"^[\s\-–+]*[\d,.]+\s*(%|명|회|건|천원|원|개소)?\s*$")


def is_unit_line(text: str) -> bool:
    """True for lines such as `(단위 : 천원, '19.09.30. 기준)`."""
    return bool(_UNIT_LINE.match(text))


def parse_unit(text: str) -> str | None:
    """The unit named in a `(단위 : …)` line, normalised (천원, 백만원, 명 …)."""
    m = _UNIT_LINE.match(text)
    if not m:
        return None
    raw = m.group(1).strip().replace(" ", "")
    if raw in ("백만", "백만원"):
        return "백만원"
    for unit in UNITS:
        if raw.startswith(unit):
            return unit
    return raw or None


def parse_as_of(text: str) -> str | None:
    """An ISO date from `'19.09.30. 기준` or `2019.09.30 기준`; None when absent."""
    m = _ASOF.search(text)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    if year < 100:
        year += 2000
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def is_numeric_cell(cell: str) -> bool:
    """True for cells like `5,859,632`, `60%`, `10명`, `-`."""
    return bool(cell) and (cell.strip() in {"-", "–"} or bool(_NUMERIC.match(cell)))


def header_row_count(rows: list[list[str]]) -> int:
    """Rows at the top that are header: the first, plus continuation rows of a spanning header."""
    if len(rows) < 2:
        return len(rows)
    count = 1
    while count < len(rows) - 1:
        row = rows[count]
        # A second header row leaves the row-label column blank and holds no numbers.
        if row and not row[0] and not any(is_numeric_cell(c) for c in row if c):
            count += 1
        else:
            break
    return count


def column_labels(header: list[list[str]]) -> list[str]:
    """One label per column, spanning cells filled to the right: `집행액 원인행위`."""
    if not header:
        return []
    width = max(len(r) for r in header)
    filled: list[list[str]] = []
    for depth, row in enumerate(header):
        row = row + [""] * (width - len(row))
        out, last = [], ""
        for j, cell in enumerate(row):
            # Merged cells: a blank upper-row cell continues the cell to its left,
            # but only where a lower row splits it (otherwise it is a blank column).
            if cell:
                last = cell
                out.append(cell)
            elif (
                depth < len(header) - 1
                and j > 0
                and any((r + [""] * width)[j] for r in header[depth + 1 :])
            ):
                out.append(last)
            else:
                out.append("")
        filled.append(out)
    labels = []
    for j in range(width):
        parts: list[str] = []
        for row in filled:
            if row[j] and (not parts or parts[-1] != row[j]):
                parts.append(row[j])
        labels.append(" ".join(parts))
    return labels
