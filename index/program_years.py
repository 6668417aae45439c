"""The same program in reports of different years (issue 13): years side by side, new and
discontinued programs marked in a year's tree.

Names are compared compacted (kb.text.compact: no spaces or punctuation) by how much of
them is kept in order: 2 × the longest common subsequence of characters over the two
lengths. A suffix dropped or a word added keeps most of a name in order; another program
shares a word or two. The threshold was fitted on the sample report, which names its own
programs in more than one way (the outline's list, the program headings, the budget rows,
the closing 세부사업별 예산현황): six same-program pairs score 0.67-0.93 (`동단위 마을자치조성
지원사업` / `동단위 마을자치생태계조성 지원사업` 0.90, `서울형 커뮤니티 활성화 지원사업` /
`서울형 커뮤니티 활성화` 0.83, `대외 협력 연계망 구축 및 대외 홍보` / `대외협력 연계망 구축`
0.78, `동단위 마을자치생태계조성 지원사업` / `마을자치조성지원` 0.67 …), while the 54 pairs of
its distinct programs score at most 0.54 (`서울형 커뮤니티 활성화 지원사업` / `공동체공간
활성화 지원사업`) but one: `마을활동가 성장교육` / `청년마을활동가 성장교육`, 0.90, a word added
that makes another program. The threshold is the middle of the gap, 0.6; the pair above it
is told apart by pairing one to one, same names first (both programs run in one year, so
each finds itself). tests/test_program_years.py holds the pairs.
"""

from __future__ import annotations

from collections.abc import Sequence

from kb.text import compact
from kb.types import FigureRow, Program, ProgramHistory, ProgramMark, ProgramYear

from .conn import Connection
from .structured import program_figures, programs

# Names scoring at least this are the same program renamed (see the module's docstring).
SAME_PROGRAM = 0.6


def _lcs(a: str, b: str) -> int:
    """Length of the longest common subsequence (characters in order, gaps allowed)."""
    prev = [0] * (len(b) + 1)
    for ch in a:
        cur = [0]
        for j, other in enumerate(b):
            cur.append(prev[j] + 1 if ch == other else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def name_match(a: str, b: str) -> float:
    """0..1: how much of two program names is kept in order, compacted (1.0 the same)."""
    x, y = compact(a), compact(b)
    if not x or not y:
        return 0.0
    if x == y:
        return 1.0
    return 2 * _lcs(x, y) / (len(x) + len(y))


def pair_programs(
    older: Sequence[Program], newer: Sequence[Program]
) -> list[tuple[int, int, float]]:
    """(older index, newer index, match) of the programs that are the same, one to one:
    the best-matching pairs first, so same names pair before renamings."""
    found = [
        (score, i, j)
        for i, o in enumerate(older)
        for j, n in enumerate(newer)
        if (score := name_match(o.name, n.name)) >= SAME_PROGRAM
    ]
    found.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    out: list[tuple[int, int, float]] = []
    for score, i, j in found:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            out.append((i, j, score))
    return out


def programs_by_year(conn: Connection) -> dict[int, list[Program]]:
    """Each year's programs (all its reports), a name listed twice in one year kept once."""
    out: dict[int, list[Program]] = {}
    seen: set[tuple[int, str]] = set()
    for p in programs(conn):
        if p.year is None or (p.year, compact(p.name)) in seen:
            continue
        seen.add((p.year, compact(p.name)))
        out.setdefault(p.year, []).append(p)
    return out


def _status(old: Program, new: Program) -> str:
    return "continued" if compact(old.name) == compact(new.name) else "renamed"


def marks(by_year: dict[int, list[Program]], year: int | None = None) -> list[ProgramMark]:
    """Every program of each year (or of one), marked against the year before; then the
    year before's programs that this year lacks, marked discontinued. Only when reports of
    the year before list programs: otherwise the status is None."""
    out: list[ProgramMark] = []
    for y in sorted(by_year, reverse=True):
        if year is not None and y != year:
            continue
        progs, before = by_year[y], by_year.get(y - 1)
        if before is None:
            out.extend(ProgramMark(y, p, None) for p in progs)
            continue
        pairs = {j: (i, s) for i, j, s in pair_programs(before, progs)}
        for j, p in enumerate(progs):
            if j in pairs:
                i, s = pairs[j]
                out.append(ProgramMark(y, p, _status(before[i], p), before[i].name, s))
            else:
                out.append(ProgramMark(y, p, "new"))
        kept = {i for i, _s in pairs.values()}
        out.extend(ProgramMark(y, o, "discontinued") for i, o in enumerate(before) if i not in kept)
    return out


def year_marks(conn: Connection, year: int | None = None) -> list[ProgramMark]:
    """`kb programs`: each year's tree, marked against the year before (see marks)."""
    return marks(programs_by_year(conn), year)


def _place(p: Program) -> tuple[str, int]:
    return p.doc, p.line


def _chain(by_year: dict[int, list[Program]], program: Program) -> list[ProgramMark]:
    """The program in each consecutive year it can be followed to, oldest first; each
    marked against the year before it."""
    assert program.year is not None
    year = program.year
    progs = by_year.get(year, [])
    here = next((p for p in progs if _place(p) == _place(program)), None)
    if here is None:  # a duplicate name of its year, kept once under another report
        here = next((p for p in progs if compact(p.name) == compact(program.name)), program)
    found: dict[int, Program] = {year: here}
    y, cur = year, here
    while (before := by_year.get(y - 1)) is not None:  # back in time
        j = by_year[y].index(cur) if cur in by_year[y] else -1
        back = next((i for i, jj, _s in pair_programs(before, by_year[y]) if jj == j), None)
        if back is None:
            break
        y, cur = y - 1, before[back]
        found[y] = cur
    y, cur = year, here
    while (after := by_year.get(y + 1)) is not None:  # forward
        i = by_year[y].index(cur) if cur in by_year[y] else -1
        ahead = next((jj for ii, jj, _s in pair_programs(by_year[y], after) if ii == i), None)
        if ahead is None:
            break
        y, cur = y + 1, after[ahead]
        found[y] = cur
    out: list[ProgramMark] = []
    for y in sorted(found):
        p, prev = found[y], found.get(y - 1)
        if prev is not None:
            out.append(
                ProgramMark(y, p, _status(prev, p), prev.name, name_match(prev.name, p.name))
            )
        else:
            out.append(ProgramMark(y, p, None if y - 1 not in by_year else "new"))
    return out


def budget_row(
    program: Program, rows: Sequence[FigureRow]
) -> tuple[FigureRow | None, FigureRow | None]:
    """(예산현액, 집행액 지출) of the program's budget row: of the budget rows in its part of
    the report, the one named most like it (the first on a tie)."""
    budgets = [r for r in rows if r.measure == "budget" and r.table_id is not None]
    if not budgets:
        return None, None
    best = max(budgets, key=lambda r: name_match(program.name, r.program))
    spent = next(
        (
            r
            for r in rows
            if r.measure == "spent" and r.table_id == best.table_id and r.line == best.line
        ),
        None,
    )
    return best, spent


def program_history(conn: Connection, program: Program) -> ProgramHistory:
    """The program in each year it can be followed to, with its budget, spending and the
    counts its results state, each a stored row with its source."""
    by_year = programs_by_year(conn)
    if program.year is None:
        chain = [ProgramMark(None, program, None)]
    else:
        chain = _chain(by_year, program)
    years: list[ProgramYear] = []
    for m in chain:
        rows = program_figures(conn, m.program)
        budget, spent = budget_row(m.program, rows)
        results = [r for r in rows if r.table_id is None and "실적" in r.section]
        years.append(
            ProgramYear(
                m.year, m.program, m.status, m.previous_name, m.match, budget, spent, results
            )
        )
    last = chain[-1].year
    ended = last + 1 if last is not None and last + 1 in by_year else None
    return ProgramHistory(program.name, years, ended)
