"""A series across reports, from the matching table figures (pure: no SQLite here).

Each figure is one report's reading of one period. Readings of the same row label, column
words and kind of unit are one series; within it a period keeps every report's reading, the
latest report's marked current and a different earlier value called a revision, never
merged. Scales of one unit are reconciled (천원 and 백만원, 억 달러 and 백만 달러); other units
stay apart. A report that prints the same row in two tables with different values for one
period (a release's 총투자 and 순투자 annexes, both rows `제조업`) carries two series: its
tables are kept apart, and the tables of other reports join the one their values agree with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.trends import TrendFigure
from kb.i18n import t
from kb.numbers import SCALES
from kb.periods import period_free, period_kind, period_span, previous_period
from kb.text import compact, is_total_label
from kb.types import Change, Reading, Series, TrendLine, TrendPoint

# Scales of the dollar (reports print 억 달러, 백만 달러); won's are kb.numbers.SCALES.
DOLLARS = {"달러": 1.0, "만 달러": 1e4, "백만 달러": 1e6, "억 달러": 1e8}


def unit_base(unit: str | None, scale: float | None = None) -> tuple[str, float]:
    """(base unit, factor to it): 천원 → (원, 1000), 억 달러 → (달러, 1e8), 명 → (명, 1)."""
    if unit in SCALES:
        return "원", scale or SCALES[unit]
    if unit in DOLLARS:
        return "달러", DOLLARS[unit]
    return unit or "", 1.0


def column_words(figure: TrendFigure) -> str:
    """The column beyond its period: `합 계`, a measure key (`budget`), or "" for a period."""
    return figure.measure or period_free(figure.measure_label)


def same(a: float, b: float) -> bool:
    """Equal as printed numbers (values converted between scales carry float noise)."""
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


# label key, compact column words, base unit
Key = tuple[str, str, str]


@dataclass(slots=True)
class _Read:
    """A figure placed in a series: its key, its period, and its value in the base unit."""

    figure: TrendFigure
    key: Key
    period: str
    period_from: str
    base: float  # value × factor to the base unit


@dataclass(slots=True)
class _Strand:
    key: Key
    by_doc: dict[tuple[int, str], _Read] = field(default_factory=dict)  # (doc, period) → read
    latest: dict[str, float] = field(default_factory=dict)  # period → latest base value

    def conflicts(self, reads: list[_Read]) -> bool:
        """The strand holds another value of one of these periods from the same report."""
        for r in reads:
            held = self.by_doc.get((r.figure.doc_id, r.period))
            if held is not None and not same(held.base, r.base):
                return True
        return False

    def add(self, reads: list[_Read]) -> None:
        for r in reads:
            # The same value printed twice by one report (a summary and an annex) is one
            # reading, cited where it comes first.
            self.by_doc.setdefault((r.figure.doc_id, r.period), r)
            self.latest[r.period] = r.base


def report_order(f: TrendFigure) -> tuple[str, str]:
    """Older reports first: by their date (or year), then path."""
    return (f.report_date or (str(f.year) if f.year else ""), f.doc)


def _period(f: TrendFigure) -> tuple[str, str] | None:
    if f.period and period_span(f.period):
        return f.period, "label"
    # A table with no period of its own (a budget table of an annual report): the report's.
    for stand_in in (f.doc_period, str(f.year) if f.year else None):
        if stand_in and period_span(stand_in):
            return stand_in, "report"
    return None


def _fragments(reads: list[_Read]) -> list[tuple[Key, list[_Read]]]:
    """Each table's reads of one key; a period printed twice with different values in one
    table starts another fragment (kept apart like two tables)."""
    groups: dict[tuple[Key, int], list[list[_Read]]] = {}
    for r in reads:
        frags = groups.setdefault((r.key, r.figure.table_id), [])
        for frag in frags:
            held = next((x for x in frag if x.period == r.period), None)
            if held is None or same(held.base, r.base):
                if held is None:
                    frag.append(r)
                break
        else:
            frags.append([r])
    out = [(key, frag) for (key, _t), frags in groups.items() for frag in frags]
    out.sort(key=lambda kf: (report_order(kf[1][0].figure), kf[1][0].figure.table_ordinal))
    return out


def _fit(strand: _Strand, reads: list[_Read]) -> tuple[int, float, int]:
    """(periods of equal value, mean relative difference, periods shared) with the strand."""
    shared = [r for r in reads if r.period in strand.latest]
    if not shared:
        return 0, float("inf"), 0
    equal = sum(same(strand.latest[r.period], r.base) for r in shared)
    diffs = [
        abs(strand.latest[r.period] - r.base)
        / max(abs(r.base), abs(strand.latest[r.period]), 1e-12)
        for r in shared
    ]
    return equal, sum(diffs) / len(diffs), len(shared)


def _strands(fragments: list[tuple[Key, list[_Read]]]) -> list[_Strand]:
    strands: list[_Strand] = []
    for key, reads in fragments:
        fits = [(s, _fit(s, reads)) for s in strands if s.key == key and not s.conflicts(reads)]
        fits.sort(key=lambda sf: (-sf[1][0], sf[1][1]))
        chosen: _Strand | None = None
        if len(fits) == 1:
            chosen = fits[0][0]
        elif fits and fits[0][1][2] and fits[0][1][:2] != fits[1][1][:2]:
            chosen = fits[0][0]  # the values agree best with this one
        # Otherwise no strand fits, or nothing tells two apart: a strand of its own.
        if chosen is None:
            chosen = _Strand(key)
            strands.append(chosen)
        chosen.add(reads)
    return strands


def _decimals(text: str) -> int:
    m = re.search(r"\.(\d+)", text)
    return len(m.group(1)) if m else 0


def _reading(r: _Read, unit: str | None, factor: float) -> Reading:
    f = r.figure
    value = r.base / factor
    return Reading(
        period=r.period,
        value=round(value, 9),
        value_text=f.value_text,
        unit=unit,
        doc=f.doc,
        doc_title=f.doc_title,
        report_date=f.report_date or (str(f.year) if f.year else None),
        table_id=f.table_id,
        caption=f.caption,
        section=f.section,
        page=f.page,
        line=f.line,
        period_from=r.period_from,
        printed_unit=f.unit if f.unit != unit else None,
    )


def change_between(cur: Reading, prev: Reading, since: str) -> Change:
    """The change into `cur` from `prev` (same series, same unit), rounded as printed."""
    digits = max(_decimals(cur.value_text), _decimals(prev.value_text))
    if cur.printed_unit or prev.printed_unit:
        digits = 9  # converted: the printed decimals say nothing of the shown scale
    absolute = round(cur.value - prev.value, digits)
    percent = None if prev.value == 0 else round(absolute / abs(prev.value) * 100, 2)
    return Change(since, absolute, percent)


def _line(strand: _Strand, unit: str | None, factor: float, match: float) -> TrendLine:
    by_period: dict[str, list[_Read]] = {}
    for r in strand.by_doc.values():
        by_period.setdefault(r.period, []).append(r)

    def when(p: str) -> tuple[int, int]:
        # By the day a period ends, the longer after the shorter: a year follows its
        # fourth quarter, as a total follows its parts.
        span = period_span(p)
        assert span is not None  # only periods with a span are read
        return span[1].toordinal(), -span[0].toordinal()

    points: list[TrendPoint] = []
    for period in sorted(by_period, key=when):
        reads = sorted(by_period[period], key=lambda r: report_order(r.figure))
        shown = [_reading(r, unit, factor) for r in reads]
        current, earlier = shown[-1], shown[:-1]
        revised = any(not same(e.value, current.value) for e in earlier)
        kind = period_kind(period) or ""
        points.append(TrendPoint(period, kind, current, earlier, revised))
    index = {p.period: p for p in points}
    for p in points:
        since = previous_period(p.period)
        if since and since in index:
            p.change = change_between(p.current, index[since].current, since)
    last = max(strand.by_doc.values(), key=lambda r: report_order(r.figure)).figure
    notes = []
    if unit is None:
        notes.append(t("note.no_unit"))
    if any(r.period_from == "report" for r in strand.by_doc.values()):
        notes.append(t("note.report_period"))
    if converted := sorted(
        {e.printed_unit for p in points for e in [p.current, *p.earlier] if e.printed_unit}
    ):
        notes.append(t("note.converted", units=", ".join(converted), unit=unit))
    ranges = [p for p in points if p.kind == "range"]
    if any(p.change is None for p in ranges[1:]):
        # 2010-01..2010-11 against 2011-01..2011-10: totals over different months.
        notes.append(t("note.month_totals"))
    return TrendLine(last.label, column_words(last), unit, points, round(match, 3), notes)


def build_series(query: str, figures: list[TrendFigure], measure: str | None = None) -> Series:
    """The series the matching figures make, one line per row label, column and unit."""
    notes: list[str] = []
    if measure:
        want = compact(measure)
        figures = [f for f in figures if f.measure == measure or want in compact(column_words(f))]
    reads: list[_Read] = []
    unplaced = 0
    for f in figures:
        placed = _period(f)
        if placed is None:
            unplaced += 1
            continue
        base, factor = unit_base(f.unit, f.scale)
        key = (f.label_key, compact(column_words(f)), base)
        reads.append(_Read(f, key, placed[0], placed[1], f.value * factor))
    if unplaced:
        notes.append(t("note.unplaced", n=unplaced))
    # The unit a key is shown in: the latest report's.
    shown: dict[Key, tuple[str | None, float]] = {}
    for r in sorted(reads, key=lambda r: report_order(r.figure)):
        shown[r.key] = (r.figure.unit, unit_base(r.figure.unit, r.figure.scale)[1])
    strands = _strands(_fragments(reads))
    lines: list[TrendLine] = []
    for s in strands:
        unit, factor = shown[s.key]
        match = next(iter(s.by_doc.values())).figure.match
        line = _line(s, unit, factor, match)
        twins = [t for t in strands if t.key == s.key]
        if len(twins) > 1:
            line.notes.append(t("note.twins", i=twins.index(s) + 1, n=len(twins)))
        lines.append(line)
    units: dict[tuple[str, str], set[str]] = {}
    for key in shown:
        units.setdefault(key[:2], set()).add(shown[key][0] or t("label.no_unit"))
    for (_label, _column), found in units.items():
        if len(found) > 1:
            notes.append(t("note.units", n=len(found), units=", ".join(sorted(found))))
    lines.sort(key=lambda ln: (-ln.match, not is_total_label(ln.column), -len(ln.points), ln.label))
    return Series(query, lines, notes)
