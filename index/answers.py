"""Which stored figures answer a question: pure choices over rows the facade fetched.

Council questions come in two kinds. Money ("청년마을활동가 성장교육 집행률") is answered by a
budget table's row. Counts ("마을활동가 성장교육 참여 인원", "실무자 교육 몇 명") are answered by
the counts a report states in prose under the program's 추진실적 (`뿌리과정 10회(135명)`), or by
the total row of a table whose caption names the subject (`자치구 중간지원조직 실무자교육(총
20회)` … `계 | 20 | 78.5 | 729 | 729`). A superlative with a money word ("집행률이 가장 낮은
사업") orders programs by that measure. Each way yields a `Pick` with how surely it names the
subject; the best sure pick is shown, a guess never is. Nothing here computes a number: every
figure is a stored row (a ranking orders them, it adds nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kb.text import compact, is_total_label
from kb.types import FigureRow, Hit

from .matching import label_similarity, specific

# How close a question must name a program, table or line for its figures to be shown
# unasked (0..1, see index.matching.similarity).
SURE_MATCH = 0.7

# What a count under a target or a plan (○ 추진목표, □ 향후계획) is worth against a count
# of what was done (□ 추진실적): "TFT 회의 횟수" is 19회 done, not 20회 planned.
PLANNED_DISCOUNT = 0.1
_PLANNED = re.compile(r"^[□○◆]\s*.*(?:목표|계획)")

# Units that are amounts of money or rates: never the answer to "how many".
MONEY_UNITS = frozenset({"원", "천원", "만원", "백만원", "억원", "%"})

# "(총 20회)", "(단위: 명)" and a trailing ": 9건" say how much, not what.
_CAPTION_NOISE = re.compile(r"\([^)]*\)|〈|〉|<|>|\[[^\]]*\]|\s*:\s*[\d,]+\s*\S*$")


@dataclass(slots=True)
class Pick:
    """Figures chosen to answer a question, under one title, with how surely they fit."""

    title: str
    figures: list[FigureRow]
    score: float


def is_count(row: FigureRow) -> bool:
    """True when the figure counts something (people, times, cases), not money or a rate."""
    return row.unit not in MONEY_UNITS


def caption_key(caption: str) -> str:
    """The compact subject a caption names: '실무자교육(총 20회)' → '실무자교육'."""
    return compact(_CAPTION_NOISE.sub("", caption))


def contained(subject: str, label: str) -> bool:
    """The row label (or its last part) and the subject contain one another, no fuzz."""
    if not subject:
        return False
    names = {compact(label), compact(specific(label))}
    return any(n and (n in subject or subject in n) for n in names)


def _title(names: list[str]) -> str:
    """'분류 · 가', '분류 · 나' → '분류 · 가, 나'; other names joined with ' · '."""
    parts = [n.rsplit(" · ", 1) for n in names]
    if len(names) > 1 and all(len(p) == 2 for p in parts) and len({p[0] for p in parts}) == 1:
        return f"{parts[0][0]} · {', '.join(p[1] for p in parts)}"
    return " · ".join(names)


def _top(subject: str, rows: Sequence[FigureRow]) -> tuple[FigureRow, float, dict[int, float]]:
    """The first best-named row, its score, and every row's score (by id)."""
    scores = {id(r): label_similarity(subject, r.program) for r in rows}
    top = max(scores.values())
    return next(r for r in rows if scores[id(r)] == top), top, scores


def table_rows(subject: str, rows: Sequence[FigureRow]) -> Pick | None:
    """The best-matching row of one table, with that table's rows that match as well."""
    rows = [r for r in rows if r.table_id is not None]
    if not rows:
        return None
    first, top, scores = _top(subject, rows)
    chosen = [r for r in rows if r.table_id == first.table_id and scores[id(r)] >= top - 1e-9]
    names = list(dict.fromkeys(r.program for r in chosen))
    return Pick(_title(names), chosen, top)


def inline_line(subject: str, rows: Sequence[FigureRow]) -> Pick | None:
    """The counts stated on the best-matching line of prose ('공동체공간학교 운영(9회, 106명)')."""
    rows = [r for r in rows if r.table_id is None]
    if not rows:
        return None
    first, top, _ = _top(subject, rows)
    chosen = [r for r in rows if r.program == first.program and r.line == first.line]
    return Pick(first.program, chosen, top)


def whole_line(pick: Pick, line_rows: Sequence[FigureRow]) -> Pick:
    """The pick with the other counts of its line after its own, each under its own label.

    "뉴스레터 온라인(9회 월 구독자수 10,649명)" answers "구독자는 몇 명" with its second label.
    """
    f0 = pick.figures[0]
    own = {(r.program, r.value_text) for r in pick.figures}
    more = [
        r
        for r in line_rows
        if r.table_id is None
        and (r.line, r.section) == (f0.line, f0.section)
        and (r.program, r.value_text) not in own
    ]
    return Pick(pick.title, list(pick.figures) + more, pick.score)


def total_row(caption: str, score: float, rows: Sequence[FigureRow]) -> Pick | None:
    """The counts in the total row (계, 합계) of a table whose caption names the subject."""
    totals = [r for r in rows if is_total_label(r.program, subtotals=False)]
    counted = [r for r in totals if r.unit is not None and is_count(r)]
    chosen = counted or [r for r in totals if is_count(r)]
    return Pick(caption, chosen, score) if chosen else None


def program_results(name: str, score: float, rows: Sequence[FigureRow]) -> Pick | None:
    """The counts stated in a program's results (추진실적) sections, in report order."""
    chosen = [r for r in rows if r.table_id is None and "실적" in r.section and is_count(r)]
    chosen.sort(key=lambda r: r.line)
    return Pick(name, chosen, score) if chosen else None


def is_planned(section: str) -> bool:
    """True under a target or plan heading of a program (not the report's 추진계획 part)."""
    return any(_PLANNED.match(part) for part in section.split(" > "))


def done_first(pick: Pick | None) -> Pick | None:
    """The pick, discounted when its counts are targets or plans rather than results.

    A table whose columns say 실적 holds results wherever the report placed it (the seed
    prints its 실무자교육 results table right after □ 향후계획).
    """
    if pick is None or not pick.figures or any("실적" in r.label for r in pick.figures):
        return pick
    if is_planned(pick.figures[0].section):
        return Pick(pick.title, pick.figures, pick.score - PLANNED_DISCOUNT)
    return pick


def best(picks: Iterable[Pick | None]) -> Pick | None:
    """The highest-scoring pick; on a tie the earlier (more specific) one."""
    out: Pick | None = None
    for p in picks:
        if p is not None and p.figures and (out is None or p.score > out.score):
            out = p
    return out


def is_sure(pick: Pick, hits: Sequence[Hit]) -> bool:
    """Sure: the question names the pick's subject, or a top search hit holds its row.

    The second test lets "정원과 현원" show the staff table: the words only half match, but
    the passage search finds the same row, so the two lookups agree.
    """
    if pick.score >= SURE_MATCH:
        return True
    f0 = pick.figures[0]
    shown = f0.value_text or ""
    name = specific(f0.program)  # a composed label is not written as such
    return bool(shown) and any(name in h.text and shown in h.text for h in hits[:3])


# What a ranking is titled by, per measure (the column labels differ from table to table).
MEASURE_TITLES = {
    "budget": "예산현액",
    "committed": "집행액(원인행위)",
    "spent": "집행액(지출)",
    "committed_rate": "집행률(원인행위)",
    "spent_rate": "집행률(지출)",
    "expected": "집행예상액",
    "expected_rate": "집행예상률",
}
RANK_SIZE = 5


def ranking_measure(question: str, measures: Sequence[str]) -> str | None:
    """The measure a ranking question ranks by: 집행률, or 집행 with 저조, is the spent rate.

    None when no money word is named: "참여 저조 사회계층" is a topic, not a ranking.
    """
    if not measures:
        return None
    if any(m.endswith("_rate") for m in measures) or "저조" in question or "부진" in question:
        return "spent_rate"
    return next((m for m in ("budget", "spent", "committed", "expected") if m in measures), None)


def ranked(
    rows: Sequence[FigureRow], measure: str, order: str, size: int = RANK_SIZE
) -> Pick | None:
    """Programs ordered by one measure, from the tables of single programs.

    Tables with a total row (the report's 예산 overview, the closing 세부사업별 예산현황) hold
    categories and groups, not programs, so they are left out; a program in several tables
    counts once; an empty cell ('-') is not ranked; only the latest year is ranked.
    """
    with_totals = {r.table_id for r in rows if is_total_label(r.program)}
    pool = [
        r
        for r in rows
        if r.measure == measure and r.value is not None and r.table_id not in with_totals
    ]
    # One year's programs: the latest, unless the caller filtered by year already.
    latest = max((r.year for r in pool if r.year is not None), default=None)
    pool = [r for r in pool if r.year == latest]
    pool.sort(key=lambda r: (r.value if order == "asc" else -(r.value or 0.0), r.line))
    chosen: list[FigureRow] = []
    seen: set[str] = set()
    for r in pool:
        if compact(r.program) not in seen:
            seen.add(compact(r.program))
            chosen.append(r)
    if not chosen:
        return None
    word = "낮은" if order == "asc" else "높은"
    year = f"{latest}년 " if latest else ""
    title = f"{year}{MEASURE_TITLES.get(measure, measure)} {word} 순 ({len(seen)}개 사업 중)"
    return Pick(title, chosen[:size], 1.0)
