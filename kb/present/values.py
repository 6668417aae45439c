"""Numbers, units and places as both faces write them: `729명`, `1,607,414 천원`, `p.3`."""

from __future__ import annotations

import re
from pathlib import Path

from rich.text import Text

from ..numbers import format_number
from ..text import printable
from ..types import FigureRow, Reading, TrendPoint

# Counters written right after the number ("729명"); other units get a space ("1,000 천원").
COUNTERS = frozenset({"명", "회", "건", "개", "개소", "곳", "번", "차례", "시간", "팀", "부", "종"})


def figure_value(value: float | None, printed: str = "") -> str:
    """A number with thousands separators; the printed text (or `–`) when there is none."""
    if value is None:
        return printed or "–"
    return format_number(value)


def with_unit(value: str, unit: str | None) -> str:
    """A written value and its unit: `729명`, `64%`, `1,607,414 천원`."""
    if unit == "%" or unit in COUNTERS:
        return f"{value}{unit}"
    return f"{value} {unit}" if unit else value


def amount(row: FigureRow, value: str) -> str:
    """A formatted value with its row's unit: '729명', '1,607,414 천원', '64%'."""
    return with_unit(value, row.unit)


def money_unit(rows: list[FigureRow]) -> str | None:
    """The one unit the amounts share (천원), rates aside; None for counts or mixed units."""
    units = {r.unit for r in rows if r.unit != "%"}
    unit = units.pop() if len(units) == 1 else None
    return None if unit in COUNTERS else unit


def line_groups(rows: list[FigureRow]) -> list[list[FigureRow]]:
    """Figures split by the line and label they come from, in the given order."""
    out: dict[tuple[int, str], list[FigureRow]] = {}
    for r in rows:
        out.setdefault((r.line, r.program), []).append(r)
    return list(out.values())


def decimals(text: str) -> int:
    """How many decimals a printed number has (`177.0` → 1)."""
    m = re.search(r"\.(\d+)", text)
    return len(m.group(1)) if m else 0


def reading_value(r: Reading) -> str:
    """A value with the decimals its report printed (`177.0`, not `177`); converted ones plain."""
    if r.printed_unit:
        return format_number(r.value)
    return f"{r.value:,.{decimals(r.value_text)}f}"


def change_text(p: TrendPoint) -> str:
    """A series point's change from the period before (`-2.7 (-1.6%)`), or ""; in the
    decimals its report printed (converted values: two)."""
    if p.change is None:
        return ""
    digits = decimals(p.current.value_text) if not p.current.printed_unit else 2
    absolute = f"{p.change.absolute:+,.{digits}f}"
    return absolute + ("" if p.change.percent is None else f" ({p.change.percent:+.1f}%)")


def where(page: int | None, line: int) -> str:
    """`p.3` when the source has pages, else `line 405`."""
    return f"p.{page}" if page else f"line {line}"


def doc_name(path: str) -> str:
    """The file name of a document path (never a machine-specific absolute path on screen)."""
    return printable(Path(path).name) if path else ""


def short_place(doc: str, line: int, page: int | None) -> str:
    """`name:line` (or `name:p.N`), the name shortened so the position stays visible."""
    name = doc_name(doc)
    if len(name) > 18:
        name = name[:8] + "…" + name[-9:]
    return f"{name}:{'p.' + str(page) if page else line}"


def place(doc: str, at: str, about: str = "") -> str:
    """`file.txt:328 · section`: a file, a place in it and what is there."""
    return f"{doc_name(doc)}:{at}" + (f" · {about}" if about else "")


def reading_cite(r: Reading) -> str:
    """`file:p.3 · caption (2025-09-19)`: where a series value is printed."""
    where_ = ("p." + str(r.page)) if r.page else str(r.line)
    about = printable(" ".join((r.caption or r.section).split()))
    return place(r.doc, where_, about) + (f" ({r.report_date})" if r.report_date else "")


def marked_text(snippet: str, marks: list[tuple[int, int]], style: str = "bold yellow") -> Text:
    """Rich Text of a plain snippet with the marked spans highlighted (never parsed as markup)."""
    out = Text(snippet)
    for start, end in marks:
        out.stylize(style, start, end)
    return out
