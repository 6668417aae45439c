"""The period a figure measures, from the labels that state it.

`2024년 2분기`, `'24.2Q`, `‘24.3Q`, `2024년`, `'19년`, `‘16`, `2024년 1~9월`, `2010.11월`,
`(2010.3월 누계 기준)`, `'19.09.30. 기준`, `상반기`. Periods are written as `2024`, `2024-H1`,
`2024-Q2`, `2024-05`, a range `2024-01..2024-09` (a cumulative total to a month is the range
from January), or an as-of date `2019-09-30`; a period without a year gets none (a month
column of a schedule).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_Y = r"(?P<y>(?:19|20)\d{2}|['’‘`]\s?\d{2})"
_QUARTER = re.compile(_Y + r"\s*(?:년|\.)?\s*(?P<q>[1-4])\s*(?:/4\s*)?(?:분기|Q|q)")
_HALF = re.compile(_Y + r"\s*(?:년|\.)?\s*(?P<h>상|하)\s*반기")
_RANGE = re.compile(_Y + r"\s*(?:년|\.)\s*(?P<m1>\d{1,2})\s*월?\s*[~∼\-–]\s*(?P<m2>\d{1,2})\s*월")
_MONTH = re.compile(_Y + r"\s*(?:년|\.)\s*(?P<m>\d{1,2})\s*월")
_YEAR = re.compile(_Y + r"\s*년(?!\s*\d{1,2}\s*월)|(?<!\d)(?P<y2>(?:19|20)\d{2})(?![\d.,])")
# `'19.09.30. 기준`, `2019. 9. 30. 현재`, `2019년 9월 30일 기준`: a stock as of a day. Only with
# 기준/현재: a bare date in a header is a release or meeting date, not what a figure measures.
_DATE = re.compile(
    _Y + r"\s*(?:년|\.)\s*(?P<m>\d{1,2})\s*(?:월|\.)\s*(?P<d>\d{1,2})\s*(?:일|\.)?\s*(?:기준|현재)"
)
# `2024년 6월말 기준`, `'24.6월 말`: as of the month's last day (`3월말 누계` is a total to it).
_MONTH_END = re.compile(_Y + r"\s*(?:년|\.)\s*(?P<m>\d{1,2})\s*월\s*말(?!\s*(?:누\s*계|누\s*적))")
# `(2010.11월 누계 기준)`: January to that month.
_CUMULATIVE = re.compile(r"^[\s)）]*(?:말\s*)?(?:누\s*계|누\s*적)")
# A column headed by a short year alone: `‘16`, `'24`, `’25년도`.
_SHORT_YEAR = re.compile(r"^\s*['’‘`]\s?(?P<y>\d{2})\s*(?:년도?)?\s*$")


def _year(raw: str) -> int:
    digits = re.sub(r"\D", "", raw)
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def parse_period(label: str) -> str | None:
    """The period a row or column label names, or None."""
    text = label.strip()
    if m := _DATE.search(text):
        y, month, day = _year(m.group("y")), int(m.group("m")), int(m.group("d"))
        if 1 <= month <= 12 and 1 <= day <= _last_day(y, month):
            return f"{y}-{month:02d}-{day:02d}"
    if m := _MONTH_END.search(text):
        y, month = _year(m.group("y")), int(m.group("m"))
        if 1 <= month <= 12:
            return f"{y}-{month:02d}-{_last_day(y, month):02d}"
    if m := _QUARTER.search(text):
        return f"{_year(m.group('y'))}-Q{m.group('q')}"
    if m := _HALF.search(text):
        return f"{_year(m.group('y'))}-H{1 if m.group('h') == '상' else 2}"
    if m := _RANGE.search(text):
        y, a, b = _year(m.group("y")), int(m.group("m1")), int(m.group("m2"))
        if 1 <= a <= 12 and 1 <= b <= 12:
            return f"{y}-{a:02d}..{y}-{b:02d}"
    if m := _MONTH.search(text):
        y, month = _year(m.group("y")), int(m.group("m"))
        if 1 <= month <= 12:
            if _CUMULATIVE.match(text[m.end() :]):
                return f"{y}-01..{y}-{month:02d}"
            return f"{y}-{month:02d}"
    if m := _YEAR.search(text):
        return str(_year(m.group("y") or m.group("y2")))
    if m := _SHORT_YEAR.match(text):
        return str(_year(m.group("y")))
    return None


# Words that only say how a period is counted (연간, 누계, 기준, 말 of 6월 말).
_PERIOD_WORDS = re.compile(
    r"연\s*간|누\s*계|누\s*적|기\s*준|현\s*재|잠\s*정|(?<![가-힣])말(?![가-힣])"
)
_EMPTY_GROUP = re.compile(r"[\(（\[][^가-힣A-Za-z]*[\)）\]]")


def period_free(label: str) -> str:
    """A label without the period it names: `2024년 연간` → ``, `합 계` stays `합 계`.

    What is left tells apart columns of one period (`일반 회계`, `합 계`); a column that only
    names its period leaves nothing.
    """
    text = label
    for pattern in (_DATE, _MONTH_END, _RANGE, _QUARTER, _HALF, _MONTH, _YEAR, _SHORT_YEAR):
        text = pattern.sub(" ", text)
    if not parse_period(label):
        return re.sub(r"\s+", " ", label).strip()
    text = _EMPTY_GROUP.sub(" ", _PERIOD_WORDS.sub(" ", text))
    text = re.sub(r"\s+", " ", text).strip(" .,/·-")
    return text if re.search(r"[가-힣A-Za-z]", text) else ""


def figure_period(column: str, row: str, caption: str, as_of: str | None = None) -> str | None:
    """A figure's period: its column's, else its row's, else its caption's, else the as-of date.

    The as-of date is the table's own (`(단위 : 천원, '19.09.30. 기준)`), ISO already.
    """
    for label in (column, row, caption):
        if label and (found := parse_period(label)):
            return found
    return as_of if as_of and _ISO_DATE.match(as_of) else None


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PERIOD = re.compile(
    r"^(?P<y>\d{4})(?:-(?:H(?P<h>[12])|Q(?P<q>[1-4])|(?P<m>\d{2})(?:-(?P<d>\d{2}))?))?"
    r"(?:\.\.(?P<y2>\d{4})-(?P<m2>\d{2}))?$"
)


def period_span(period: str) -> tuple[date, date] | None:
    """The first and last day a period covers; None for text that is not a period."""
    m = _PERIOD.match(period)
    if not m:
        return None
    y = int(m.group("y"))
    first, last = 1, 12
    if m.group("h"):
        first = 1 if m.group("h") == "1" else 7
        last = first + 5
    elif m.group("q"):
        first = 3 * int(m.group("q")) - 2
        last = first + 2
    elif m.group("m"):
        first = last = int(m.group("m"))
    if not (1 <= first <= 12 and 1 <= last <= 12):
        return None
    if m.group("d"):
        day = date(y, first, min(int(m.group("d")), _last_day(y, first)))
        return day, day
    if m.group("y2"):
        y2, last = int(m.group("y2")), int(m.group("m2"))
        if not 1 <= last <= 12 or (y2, last) < (y, first):
            return None
        return date(y, first, 1), date(y2, last, _last_day(y2, last))
    return date(y, first, 1), date(y, last, _last_day(y, last))


def period_kind(period: str) -> str | None:
    """year, half, quarter, month, range or date; None for text that is not a period."""
    m = _PERIOD.match(period)
    if not m or period_span(period) is None:
        return None
    if m.group("y2"):
        return "range"
    if m.group("d"):
        return "date"
    if m.group("m"):
        return "month"
    return "quarter" if m.group("q") else "half" if m.group("h") else "year"


def previous_period(period: str) -> str | None:
    """The period a change into this one is measured from: the year, half, quarter or month
    before; for a range (1~9월, a cumulative total) the same months a year before; None for
    an as-of date (dates have no fixed step).
    """
    kind = period_kind(period)
    if kind is None or kind == "date":
        return None
    y = int(period[:4])
    if kind == "year":
        return str(y - 1)
    if kind == "half":
        return f"{y}-H1" if period.endswith("H2") else f"{y - 1}-H2"
    if kind == "quarter":
        q = int(period[-1])
        return f"{y}-Q{q - 1}" if q > 1 else f"{y - 1}-Q4"
    if kind == "month":
        month = int(period[5:7])
        return f"{y}-{month - 1:02d}" if month > 1 else f"{y - 1}-12"
    start, end = period.split("..")
    return f"{int(start[:4]) - 1}{start[4:]}..{int(end[:4]) - 1}{end[4:]}"


# A period a question names: `2024년 3분기`, `'24년 3분기`, `3분기`, `Q2 2025`, `2014년 8월`.
_Q_KO = re.compile(r"(?:" + _Y + r"\s*(?:년|\.)?\s*)?(?P<q>[1-4])\s*(?:/4\s*)?분기")
_Q_EN = re.compile(
    r"\bQ(?P<q>[1-4])\s*(?:of\s*)?(?P<y>(?:19|20)\d{2})?\b|\b(?P<y2>(?:19|20)\d{2})\s*Q(?P<q2>[1-4])\b",
    re.I,
)
_M_KO = re.compile(r"(?:" + _Y + r"\s*(?:년|\.)\s*)(?P<m>\d{1,2})\s*월")
# English questions name months and quarters in words: `Nov 2010`, `October 2011`,
# `2024 second quarter`, `the third quarter of 2024` (issue 18's English questions).
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_M_EN = re.compile(
    r"\b(?P<name>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?,?\s*"
    r"(?:of\s*)?(?P<y>(?:19|20)\d{2})\b|\b(?P<y2>(?:19|20)\d{2})\s*"
    r"(?P<name2>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b",
    re.I,
)
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4}
_Q_WORDS = re.compile(
    r"\b(?P<o>first|1st|second|2nd|third|3rd|fourth|4th)\s+quarter\b(?:\s*(?:of|,)?\s*"
    r"(?P<y>(?:19|20)\d{2})\b)?",
    re.I,
)
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
    for m in _Q_WORDS.finditer(query):
        y = m.group("y")
        out.append(Asked(_year(y) if y else None, _ORDINAL.get(m.group("o").lower(), 4)))
    for m in _M_EN.finditer(query):
        name = (m.group("name") or m.group("name2")).lower()[:3]
        out.append(Asked(_year(m.group("y") or m.group("y2")), None, _MONTHS.index(name) + 1))
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
            # A cumulative range (2010-01..2010-11) answers for the month it runs to.
            last = period.split("..")[-1] if period else None
            exact = last is not None and last[5:7] == f"{a.month:02d}"
            score = 1.0 if exact and same_year else 0.5 if same_year else 0.0
        elif a.year is not None and period == str(a.year):
            score = 1.0  # the whole year, as asked
        else:
            score = 0.5 if a.year in (p_year, year) else 0.0  # a part of it, or its date
        best = max(best, score)
    return best


def period_words(period: str) -> str:
    """A period in the reports' words: 2024-Q2 → 2024년 2분기, 2010-01..2010-11 → 2010년
    1~11월, 2019-09-30 → 2019년 9월 30일 기준."""
    kind = period_kind(period)
    y = period[:4]
    if kind == "year":
        return f"{y}년"
    if kind == "half":
        return f"{y}년 {'상' if period.endswith('1') else '하'}반기"
    if kind == "quarter":
        return f"{y}년 {period[-1]}분기"
    if kind == "month":
        return f"{y}년 {int(period[5:7])}월"
    if kind == "date":
        return f"{y}년 {int(period[5:7])}월 {int(period[8:10])}일 기준"
    if kind == "range":
        start, end = period.split("..")
        if start[:4] == end[:4]:
            return f"{y}년 {int(start[5:7])}~{int(end[5:7])}월"
        return f"{y}년 {int(start[5:7])}월~{end[:4]}년 {int(end[5:7])}월"
    return period
