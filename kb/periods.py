"""The period a figure measures, from the labels that state it.

`2024년 2분기`, `'24.2Q`, `‘24.3Q`, `2024년`, `'19년`, `2024년 1~9월`, `2010.11월`, `상반기`.
Periods are written as `2024`, `2024-H1`, `2024-Q2`, `2024-05`, or a range
`2024-01..2024-09`; a period without a year gets none (a month column of a schedule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_Y = r"(?P<y>(?:19|20)\d{2}|['’‘`]\s?\d{2})"
_QUARTER = re.compile(_Y + r"\s*(?:년|\.)?\s*(?P<q>[1-4])\s*(?:/4\s*)?(?:분기|Q|q)")
_HALF = re.compile(_Y + r"\s*(?:년|\.)?\s*(?P<h>상|하)\s*반기")
_RANGE = re.compile(_Y + r"\s*(?:년|\.)\s*(?P<m1>\d{1,2})\s*월?\s*[~∼\-–]\s*(?P<m2>\d{1,2})\s*월")
_MONTH = re.compile(_Y + r"\s*(?:년|\.)\s*(?P<m>\d{1,2})\s*월")
_YEAR = re.compile(_Y + r"\s*년(?!\s*\d{1,2}\s*월)|(?<!\d)(?P<y2>(?:19|20)\d{2})(?![\d.,])")


def _year(raw: str) -> int:
    digits = re.sub(r"\D", "", raw)
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def parse_period(label: str) -> str | None:
    """The period a row or column label names, or None."""
    text = label.strip()
    if m := _QUARTER.search(text):
        return f"{_year(m.group('y'))}-Q{m.group('q')}"
    if m := _HALF.search(text):
        return f"{_year(m.group('y'))}-H{1 if m.group('h') == '상' else 2}"
    if m := _RANGE.search(text):
        y, a, b = _year(m.group("y")), int(m.group("m1")), int(m.group("m2"))
        if 1 <= a <= 12 and 1 <= b <= 12:
            return f"{y}-{a:02d}..{y}-{b:02d}"
    if m := _MONTH.search(text):
        month = int(m.group("m"))
        if 1 <= month <= 12:
            return f"{_year(m.group('y'))}-{month:02d}"
    if m := _YEAR.search(text):
        return str(_year(m.group("y") or m.group("y2")))
    return None


def figure_period(column: str, row: str, caption: str) -> str | None:
    """A figure's period: its column's, else its row's, else its caption's."""
    for label in (column, row, caption):
        if label and (found := parse_period(label)):
            return found
    return None


# A period a question names: `2024년 3분기`, `'24년 3분기`, `3분기`, `Q2 2025`, `2014년 8월`.
_Q_KO = re.compile(r"(?:" + _Y + r"\s*(?:년|\.)?\s*)?(?P<q>[1-4])\s*(?:/4\s*)?분기")
_Q_EN = re.compile(
    r"\bQ(?P<q>[1-4])\s*(?:of\s*)?(?P<y>(?:19|20)\d{2})?\b|\b(?P<y2>(?:19|20)\d{2})\s*Q(?P<q2>[1-4])\b",
    re.I,
)
_M_KO = re.compile(r"(?:" + _Y + r"\s*(?:년|\.)\s*)(?P<m>\d{1,2})\s*월")
_Y_ANY = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?!\d)|['’‘`](?P<s>\d{2})\s*년|(?<![\d.])(?P<k>\d{2})년"
)


@dataclass(frozen=True, slots=True)
class Asked:
    """A period a question names: its year (or None), and a quarter or month (or None)."""

    year: int | None
    quarter: int | None = None
    month: int | None = None


def query_periods(query: str) -> list[Asked]:
    """The periods a question names, most specific first; [] when it names none."""
    out: list[Asked] = []
    for m in _Q_KO.finditer(query):
        out.append(Asked(_year(m.group("y")) if m.group("y") else None, int(m.group("q"))))
    for m in _Q_EN.finditer(query):
        y, q = m.group("y") or m.group("y2"), m.group("q") or m.group("q2")
        out.append(Asked(_year(y) if y else None, int(q)))
    for m in _M_KO.finditer(query):
        month = int(m.group("m"))
        if 1 <= month <= 12:
            out.append(Asked(_year(m.group("y")), None, month))
    if not out:
        for m in _Y_ANY.finditer(query):
            raw = m.group("y") or m.group("s") or m.group("k")
            out.append(Asked(_year(raw)))
    # A quarter without its year takes the year named elsewhere in the question.
    years = [a.year for a in out if a.year is not None]
    if not years and (named := _Y_ANY.search(query)):
        years = [_year(named.group("y") or named.group("s") or named.group("k"))]
    return [Asked(a.year or (years[0] if years else None), a.quarter, a.month) for a in out]


def period_match(asked: list[Asked], period: str | None, year: int | None) -> float:
    """How well a document's period answers the periods asked: 1 exact, 0.5 same year, 0."""
    if not asked:
        return 0.0
    best = 0.0
    p_year = int(period[:4]) if period and period[:4].isdigit() else year
    for a in asked:
        same_year = a.year is None or a.year == p_year or a.year == year
        if a.quarter is not None:
            exact = period is not None and period.endswith(f"-Q{a.quarter}")
            score = 1.0 if exact and same_year else 0.5 if same_year and a.year else 0.0
        elif a.month is not None:
            exact = period is not None and period[5:7] == f"{a.month:02d}"
            score = 1.0 if exact and same_year else 0.5 if same_year else 0.0
        elif a.year is not None and period == str(a.year):
            score = 1.0  # the whole year, as asked
        else:
            score = 0.5 if a.year in (p_year, year) else 0.0  # a part of it, or its date
        best = max(best, score)
    return best
