"""Change questions on the answer card: 전년 대비, 작년보다, 전분기 대비, 증감, 추이 (issue 13).

The values come from `kb trend`'s series (kb.trends over index.trends): one line of one
row label, column and unit across reports, each value with its report, table and page/line,
the latest report's value current and the earlier ones kept as revisions. Here only the two
periods are chosen: the two the question names (kb.periods.query_periods), or the one it
names and the comparable one before it (a year earlier for 전년/작년, the quarter before
for 전분기, the month before for 전월, otherwise the period before of the same kind), or,
when it names none, the latest period and the one before it. The change is computed only
between two values of one line (one unit) and of periods of one kind and length; otherwise
the card says why in one line. A 추이 question gets the line itself. Pure: no SQLite here.
"""

from __future__ import annotations

import re

from index.answers import MEASURE_TITLES

from .i18n import t
from .lexicon import ASKS_CHANGE, ASKS_SERIES, MONTH_BEFORE, QUARTER_BEFORE, YEAR_BEFORE
from .periods import (
    Asked,
    period_kind,
    period_span,
    previous_period,
    query_periods,
)
from .present.values import period_text, spot
from .trends import change_between
from .types import ChangeAnswer, Series, TrendLine, TrendPoint


def asks_change(question: str) -> bool:
    """True for a question about a change or a series (증감, 전년 대비, 추이, 늘었 …)."""
    return bool(ASKS_CHANGE.search(question))


# Words of a question that say when or how much changed, not what: dropped from the subject.
_PERIOD_TOKEN = re.compile(
    r"\d\s*(?:년|분기|/4|월|일|Q|q|반기)|^['’‘]\d{2}|^(?:19|20)\d{2}\.?$|^[상하]반기|^\d분기"
)
_CHANGE_TOKEN = re.compile(
    r"^(?:대비|증감|추이|추세|변화|변동|동기비|동기|흐름|얼마나|어떻게|기준|누계)"
    r"|^(?:늘|줄|증가|감소|올랐|오른|내렸|내린|달라)"
    r"|보다(?:는|도)?$"
)
_COMPARATOR = re.compile("|".join(p.pattern for p in (YEAR_BEFORE, QUARTER_BEFORE, MONTH_BEFORE)))


def change_subject(question: str) -> str:
    """The words naming what changed: `2024년 2분기 대비 2025년 2분기 해외직접투자 증감`
    → `해외직접투자`."""
    kept = []
    for token in question.split():
        bare = token.strip("?.,!()")
        if _PERIOD_TOKEN.search(bare) or _CHANGE_TOKEN.search(bare):
            continue
        if _COMPARATOR.match(bare):
            continue
        kept.append(bare)
    return " ".join(t for t in kept if t)


def _year_before(period: str) -> str:
    return re.sub(r"\d{4}", lambda m: str(int(m.group()) - 1), period)


def _resolve(a: Asked, periods: list[str]) -> str | None:
    """The period key of an asked period in a line's periods (a month may be a total to it)."""
    year = a.year
    if year is None:  # `2분기` with no year anywhere: the latest year that has it
        held = [p for p in periods if (a.quarter and p.endswith(f"-Q{a.quarter}"))]
        held += [p for p in periods if a.month and p.split("..")[-1][5:7] == f"{a.month:02d}"]
        return max(held, key=lambda p: p.split("..")[-1]) if held else None
    if a.quarter:
        return f"{year}-Q{a.quarter}"
    if a.month:
        month = f"{year}-{a.month:02d}"
        total = f"{year}-01..{month}"  # a cumulative total to that month
        return total if total in periods and month not in periods else month
    # A total to December is the year's total as the data states it; quarters or months are
    # never summed into one here (a release's quarters may be revised, its year not yet).
    whole = f"{year}-01..{year}-12"
    return whole if whole in periods and str(year) not in periods else str(year)


def _end(period: str) -> tuple[int, int]:
    span = period_span(period)
    return (span[1].toordinal(), -span[0].toordinal()) if span else (0, 0)


def _before(after: str, question: str) -> tuple[str | None, str | None]:
    """(the period a change into `after` is measured from, or None and why)."""
    kind = period_kind(after)
    if YEAR_BEFORE.search(question):
        return _year_before(after), None
    if QUARTER_BEFORE.search(question):
        if kind != "quarter":
            return None, t("change.not_quarter", period=period_text(after))
        return previous_period(after), None
    if MONTH_BEFORE.search(question):
        if kind != "month":
            return None, t("change.not_month", period=period_text(after))
        return previous_period(after), None
    before = previous_period(after)
    if before is None:  # an as-of date: no fixed step, a year before is the comparable one
        return _year_before(after), None
    return before, None


def _comparable(before: str, after: str) -> str | None:
    """Why two periods are not compared (different kinds, or totals over different months)."""
    kb, ka = period_kind(before), period_kind(after)
    if kb != ka:
        return t("change.kinds_differ", before=period_text(before), after=period_text(after))
    if ka == "range":
        sb, sa = period_span(before), period_span(after)
        assert sb is not None and sa is not None
        if (sb[0].month, sb[1].month) != (sa[0].month, sa[1].month):
            return t("change.ranges_differ", before=period_text(before), after=period_text(after))
    return None


def _column(line: TrendLine) -> str:
    """The column in the reports' words: a measure key (budget) by its title (예산현액)."""

    return MEASURE_TITLES.get(line.column, line.column)


def _point(line: TrendLine, period: str | None) -> TrendPoint | None:
    return next((p for p in line.points if p.period == period), None)


def _elsewhere(series: Series, line: TrendLine, period: str) -> TrendLine | None:
    """Another line of the same row and column that holds the period (in another unit)."""
    for other in series.lines:
        if other is line or (other.label, other.column) != (line.label, line.column):
            continue
        if other.unit != line.unit and _point(other, period) is not None:
            return other
    return None


def _missing(series: Series, line: TrendLine, period: str) -> str:
    """One line on why a period's value is not in the line."""
    words = period_text(period)
    if other := _elsewhere(series, line, period):
        none = t("label.no_unit")
        units = {"unit": other.unit or none, "rest": line.unit or none}
        return t("change.units_differ", period=words, **units)
    kind, span = period_kind(period), period_span(period)
    near = [
        p
        for p in line.points
        if p.kind == kind
        and span is not None
        and (s := period_span(p.period)) is not None
        and s[1].year == span[1].year
    ]
    if near and kind == "range":
        return t("change.no_range", period=words, near=period_text(near[0].period))
    return t("change.not_stored", period=words)


# A kind of period in the reports' words, for saying what the stored values are.
_KIND_WORDS = {k: f"label.kind_{k}" for k in ("half", "quarter", "month", "range", "date")}


def asks_a_year(question: str) -> bool:
    """True for a question naming years alone (`2024년 해외직접투자 총투자`), no quarter nor
    month: the year may be stored only by its quarters, which must not answer it."""
    asked = query_periods(question)
    return bool(asked) and all(a.year and not (a.quarter or a.month) for a in asked)


def _parts_of_year(line: TrendLine, period: str) -> list[TrendPoint]:
    """The line's points within a year that it holds no value of (quarters, months, a
    total to a month): what a yearly question over sub-year data finds. An as-of date is
    not a part: a budget as of 9월 30일 is the year's budget as a report states it."""
    span = period_span(period)
    if period_kind(period) != "year" or span is None:
        return []
    return [
        p
        for p in line.points
        if p.kind not in ("year", "date")
        and (s := period_span(p.period)) is not None
        and span[0] <= s[0]
        and s[1] <= span[1]
    ]


def _cite_point(p: TrendPoint) -> str:
    """`file:3쪽` or `file:7행` (English: `file:p.3`, `file:7`), where a value is printed."""
    name = p.current.doc.rsplit("/", 1)[-1]
    return f"{name}:{spot(p.current.page, p.current.line)}"


def _parts_note(line: TrendLine, period: str, parts: list[TrendPoint]) -> str:
    """One note listing a year's sub-year values with their sources, never as the year's."""
    unit = f" ({line.unit})" if line.unit else ""
    values = " · ".join(
        f"{period_text(p.period).removeprefix(period + '년 ')} {p.current.value_text}"
        for p in parts
    )
    cites = ", ".join(dict.fromkeys(_cite_point(p) for p in parts))
    return t("change.parts", year=period_text(period), unit=unit, values=values, cites=cites)


def _yearly_over_parts(answer: ChangeAnswer, line: TrendLine) -> str | None:
    """Why a yearly question over quarterly (or monthly, or to-a-month) values is not
    answered with one of them, the values listed in notes and points; None otherwise."""
    missing = [
        k
        for k, point in ((answer.before_period, answer.before), (answer.after_period, answer.after))
        if k and point is None and period_kind(k) == "year"
    ]
    found = [(k, parts) for k in missing if (parts := _parts_of_year(line, k))]
    if not found:
        return None
    kinds = sorted({t(_KIND_WORDS[p.kind]) for _, parts in found for p in parts})
    for k, parts in found:
        answer.notes.append(_parts_note(line, k, parts))
        answer.points.extend(parts)
    years = ", ".join(period_text(k) for k in missing)
    return t("change.yearly_refused", years=years, kinds="·".join(kinds))


def _choose(series: Series, keys: list[str]) -> TrendLine:
    """The best line holding all the periods, else the best holding the later, else the best."""
    for want in (keys, keys[-1:]):
        for line in series.lines:
            held = {p.period for p in line.points}
            if all(k in held for k in want):
                return line
    return series.lines[0]


def _trend(question: str, series: Series, asked: list[Asked]) -> ChangeAnswer:
    line = series.lines[0]
    periods = [p.period for p in line.points]
    keys = sorted({k for a in asked if (k := _resolve(a, periods))}, key=_end)
    points = line.points
    if len(keys) >= 2:  # 2023년부터 2025년까지 추이: the points within them
        first, last = period_span(keys[0]), period_span(keys[-1])
        if first is not None and last is not None:
            points = [
                p
                for p in points
                if (s := period_span(p.period)) is not None and first[0] <= s[0] and s[1] <= last[1]
            ]
    return ChangeAnswer("trend", line.label, _column(line), line.unit, points=points)


def _year_in_parts(question: str, series: Series) -> ChangeAnswer | None:
    """A question naming a year whose value the reports give only by quarter (or month, or
    to a month): the year's stored parts listed, cited, and why none answers; None when the
    line holds the year (the ordinary card answers) or holds no part of it."""
    line = series.lines[0]
    periods = [p.period for p in line.points]
    for a in query_periods(question):
        key = _resolve(a, periods)
        if key is None or key in periods:
            return None
    years = sorted({str(a.year) for a in query_periods(question) if a.year})
    answer = ChangeAnswer("change", line.label, _column(line), line.unit)
    answer.before_period = years[0] if len(years) > 1 else None
    answer.after_period = years[-1]
    answer.refused = _yearly_over_parts(answer, line)
    return answer if answer.refused else None


def answer_change(question: str, series: Series) -> ChangeAnswer | None:
    """The change (or the series) a question asks for, from the series of its subject.

    A question naming a year alone gets an answer only when the reports give that year by
    its parts alone (`_year_in_parts`). None when the question asks no change (nor such a
    year) or the series is empty.
    """
    if not series.lines:
        return None
    if not asks_change(question):
        return _year_in_parts(question, series) if asks_a_year(question) else None
    asked = query_periods(question)
    if ASKS_SERIES.search(question) and not re.search(r"증감|대비|보다", question):
        return _trend(question, series, asked)
    best = series.lines[0]
    periods = [p.period for p in best.points]
    keys = list(dict.fromkeys(k for a in asked if (k := _resolve(a, periods))))
    refused: str | None = None
    if len(keys) >= 2:
        before_key, after_key = sorted(keys[:2], key=_end)
    else:
        if keys:
            after_key = keys[0]
        else:  # no period named: the latest, and the one before it
            after_key = best.points[-1].period
        found, refused = _before(after_key, question)
        before_key = found or ""
    line = _choose(series, [k for k in (before_key, after_key) if k])
    answer = ChangeAnswer(
        "change",
        line.label,
        _column(line),
        line.unit,
        before=_point(line, before_key),
        after=_point(line, after_key),
        before_period=before_key or None,
        after_period=after_key,
    )
    twins = [
        ln
        for ln in series.lines
        if (ln.label, ln.column, ln.unit) == (line.label, line.column, line.unit)
    ]
    if len(twins) > 1:
        answer.notes.append(t("change.twins", n=len(twins)))
    if refused is None and before_key:
        refused = _comparable(before_key, after_key)
    if refused is None:  # 2024년 … 전년 대비 where the reports give only its quarters
        refused = _yearly_over_parts(answer, line)
    if refused is None and answer.after is None:
        refused = _missing(series, line, after_key)
    if refused is None and answer.before is None:
        refused = _missing(series, line, before_key)
    if refused is None and answer.before is not None and answer.after is not None:
        answer.change = change_between(answer.after.current, answer.before.current, before_key)
    answer.refused = refused
    return answer
