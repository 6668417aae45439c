"""Numbers, units, dates and places as both faces write them, in the language in use.

Korean as Korean documents write them: `729명`, `70,000천원`, `12쪽`, `405행`,
`2019. 9. 30. 기준`; English as before the catalogue: `1,607,414 천원`, `p.12`, `line 405`,
`as of 2019-09-30`. The words are the catalogue's (`place.*`, `date.*`, kb/i18n/output.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from rich.text import Text

from ..i18n import language, t
from ..numbers import format_number
from ..periods import period_words
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
    """A written value and its unit: `729명`, `64%`, `70,000천원` (English: `70,000 천원`)."""
    # Korean documents write every unit right after the number (70,000천원, 141.5억 달러).
    if unit == "%" or unit in COUNTERS or (unit and language() == "ko"):
        return f"{value}{unit}"
    return f"{value} {unit}" if unit else value


def in_won(value: float, scale: float) -> str:
    """An amount in won, for a user who asks for won: `7,000만원` (70,000 천원); English
    `70,000,000 won`. Korean counts in 만원 as officials write budgets."""
    won = value * scale
    if language() == "ko":
        return t("amount.won", value=format_number(round(won / 10_000, 1)))
    return t("amount.won", value=format_number(round(won)))


_ISO = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def date_text(iso: str | None) -> str:
    """A stored date as the language writes it: `2019. 9. 30.` (Korean documents' way),
    `2019-09-30` in English; a date kb cannot read is shown as stored, None as ""."""
    m = _ISO.match(iso or "")
    if not m or language() != "ko":
        return iso or ""
    return " ".join(f"{int(x)}." for x in m.groups() if x)


def period_text(period: str) -> str:
    """A period key as the language writes it: `2024년 2분기` (Korean), `2024-Q2` (English)."""
    return period_words(period) if language() == "ko" else period


def as_of_text(iso: str | None) -> str:
    """`2019. 9. 30. 기준` / `as of 2019-09-30`; empty when there is no date."""
    return t("date.as_of", date=date_text(iso)) if iso else ""


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
    """`12쪽` when the source has pages, else `405행` (English: `p.12`, `line 405`)."""
    return t("place.page", page=page) if page else t("place.line", line=line)


def spot(page: int | None, line: int) -> str:
    """A place after a file's name: `12쪽` or `405행` (English: `p.12` or `405`)."""
    return t("place.page", page=page) if page else t("place.at_line", line=line)


def lines_at(lines: list[int]) -> str:
    """Several lines after a file's name: `328, 330행` (English: `328, 330`)."""
    return t("place.at_lines", lines=", ".join(str(n) for n in lines))


def doc_name(path: str) -> str:
    """The file name of a document path (never a machine-specific absolute path on screen)."""
    return printable(Path(path).name) if path else ""


def short_place(doc: str, line: int, page: int | None) -> str:
    """`name:405행` (or `name:12쪽`), the name shortened so the position stays visible."""
    name = doc_name(doc)
    if len(name) > 18:
        name = name[:8] + "…" + name[-9:]
    return f"{name}:{spot(page, line)}"


def place(doc: str, at: str, about: str = "") -> str:
    """`file.txt:328행 · section`: a file, a place in it (spot, lines_at) and what is there."""
    return f"{doc_name(doc)}:{at}" + (f" · {about}" if about else "")


def reading_cite(r: Reading) -> str:
    """`file:3쪽 · caption (2025. 9. 19.)`: where a series value is printed."""
    about = printable(" ".join((r.caption or r.section).split()))
    dated = f" ({date_text(r.report_date)})" if r.report_date else ""
    return place(r.doc, spot(r.page, r.line), about) + dated


def marked_text(snippet: str, marks: list[tuple[int, int]], style: str = "bold yellow") -> Text:
    """Rich Text of a plain snippet with the marked spans highlighted (never parsed as markup)."""
    out = Text(snippet)
    for start, end in marks:
        out.stylize(style, start, end)
    return out
