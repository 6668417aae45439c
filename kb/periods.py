"""The period a figure measures, from the labels that state it.

`2024년 2분기`, `'24.2Q`, `‘24.3Q`, `2024년`, `'19년`, `2024년 1~9월`, `2010.11월`, `상반기`.
Periods are written as `2024`, `2024-H1`, `2024-Q2`, `2024-05`, or a range
`2024-01..2024-09`; a period without a year gets none (a month column of a schedule).
"""

from __future__ import annotations

import re

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
