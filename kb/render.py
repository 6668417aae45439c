"""Terminal rendering of results with rich (wide Korean characters measured correctly)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from .text import printable
from .types import (
    AnswerCard,
    ChangeAnswer,
    FigureRow,
    Hit,
    Mismatch,
    Program,
    ProgramHistory,
    ProgramMark,
    Reading,
    Series,
    Study,
    TrendPoint,
)


def marked_text(snippet: str, marks: list[tuple[int, int]], style: str = "bold yellow") -> Text:
    """Rich Text of a plain snippet with the marked spans highlighted (never parsed as markup)."""
    out = Text(snippet)
    for start, end in marks:
        out.stylize(style, start, end)
    return out


def print_hits(hits: list[Hit], query: str, console: Console | None = None) -> None:
    """Print hits: rank, document, section, page/line, snippet."""
    console = console or Console()
    if not hits:
        console.print(f"No results for “{query}”. Try fewer words, or drop --year / --doc.")
        return
    for h in hits:
        where = f"p.{h.page}" if h.page else f"line {h.line}"
        head = Text(f"{h.rank:>2}. ", style="bold")
        head.append(h.doc.title, style="bold cyan")
        head.append(f"  ({h.doc.year or '----'}, {where}, score {h.score:.3f})", style="dim")
        console.print(head)
        if h.section:
            console.print(Text("    " + h.section, style="green"), overflow="fold")
        console.print(Text("    ") + marked_text(h.snippet, h.marks))
        console.print()


def _fmt(value: float | None) -> str:
    from .numbers import format_number

    return format_number(value)


def where(page: int | None, line: int) -> str:
    """`p.3` when the source has pages, else `line 405`."""
    return f"p.{page}" if page else f"line {line}"


def _where(doc: str, line: int, page: int | None) -> str:
    """`name:line` (or `name:p.N`), the name shortened so the position stays visible."""
    from pathlib import Path

    name = printable(Path(doc).name)
    if len(name) > 18:
        name = name[:8] + "…" + name[-9:]
    return f"{name}:{'p.' + str(page) if page else line}"


def print_figures(rows: list[FigureRow], query: str, console: Console | None = None) -> None:
    """A table of figures: program, measure, value, unit, as-of, source."""
    from rich.table import Table

    console = console or Console()
    if not rows:
        console.print(f"No figures match “{query}”. Try part of the program name, or drop --year.")
        return
    from pathlib import Path

    # All from one report: name it once under the table and cite lines only.
    one_doc = len({r.doc for r in rows}) == 1
    caption = f"all from {Path(rows[0].doc).name}" if one_doc else None
    table = Table(show_lines=False, header_style="bold", caption=caption, caption_justify="left")
    # Names fold; numbers, dates and sources never break (a folded 'file.txt:4 / 05' misleads).
    table.add_column("program", overflow="fold", ratio=3)
    table.add_column("measure", overflow="fold", ratio=2)
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("unit", no_wrap=True)
    table.add_column("as of", no_wrap=True)
    table.add_column("source", no_wrap=True)
    for r in rows:
        table.add_row(
            r.program,
            # The report's own column words (집행액 원인행위); `--json` carries the key too.
            "" if r.table_id is None else r.label,
            _fmt(r.value),
            r.unit or "",
            r.as_of or "",
            where(r.page, r.line) if one_doc else _where(r.doc, r.line, r.page),
        )
    console.print(table)


def print_mismatches(found: list[Mismatch], console: Console | None = None) -> None:
    """Each disagreement with both sources."""
    console = console or Console()
    if not found:
        console.print("No mismatches: every checked total, rate and repeated figure agrees.")
        return
    for m in found:
        console.print(Text(f"[{m.kind}] ", style="bold red") + Text(m.detail))
        for src in m.sources:
            console.print(Text(f"    {src}", style="dim"), overflow="fold")
    console.print(f"{len(found)} mismatches (numbers are reported as printed, never corrected).")


def _mark_key(p: Program) -> tuple[int | None, str]:
    """A program of a year by its name: a name listed by two reports of a year is one."""
    from .text import compact

    return p.year, compact(p.name)


def programs_json(programs: list[Program], marks: list[ProgramMark]) -> list[dict[str, Any]]:
    """`kb programs --json`: each program with its status against the year before (new,
    continued, renamed; null when no report of the year before lists programs) and its name
    that year, then the year before's programs a year lacks ("discontinued", with
    `discontinued_in`)."""
    from dataclasses import asdict

    shown = {_mark_key(m.program): m for m in marks if m.status != "discontinued"}
    out: list[dict[str, Any]] = []
    for p in programs:
        m = shown.get(_mark_key(p))
        status, previous = (m.status, m.previous_name) if m else (None, None)
        out.append(asdict(p) | {"status": status, "previous_name": previous})
    for m in marks:
        if m.status == "discontinued":
            extra = {"status": "discontinued", "previous_name": None, "discontinued_in": m.year}
            out.append(asdict(m.program) | extra)
    return out


# How a year's tree marks a program against the year before.
STATUS_MARKS = {
    "new": "신규 new",
    "renamed": "명칭 변경 renamed",
    "discontinued": "종료 discontinued",
}


def print_program_tree(
    programs: list[Program], console: Console | None = None, marks: list[ProgramMark] | None = None
) -> None:
    """year → report → group → program; with marks, new and renamed programs are marked and
    the year before's programs missing this year are listed under the year, discontinued."""
    from rich.tree import Tree

    console = console or Console()
    if not programs:
        console.print("No programs yet: run `kb ingest PATH` on reports with a program outline.")
        return
    root = Tree("programs")
    nodes: dict[tuple, Tree] = {}
    shown = {_mark_key(m.program): m for m in marks or [] if m.status != "discontinued"}

    def node(key: tuple, parent: Tree, label: str, style: str = "") -> Tree:
        if key not in nodes:
            nodes[key] = parent.add(label, style=style)
        return nodes[key]

    for p in programs:
        y = node((p.year,), root, str(p.year or "----"), "bold")
        d = node((p.year, p.doc), y, p.doc_title, "cyan")
        g = node((p.year, p.doc, p.group), d, p.group or "(no group)")
        m = shown.get(_mark_key(p))
        label = Text(f"{p.code}  {p.name}")
        if m is not None and m.status in ("new", "renamed"):
            label.append(f"  [{STATUS_MARKS[m.status]}]", style="bold green")
            if m.status == "renamed":
                label.append(f" ← {m.previous_name}", style="dim")
        g.add(label)
    for m in marks or []:
        if m.status == "discontinued" and (m.year,) in nodes:
            gone = node(
                (m.year, "discontinued"), nodes[(m.year,)], "지난해까지 (discontinued)", "red"
            )
            gone.add(Text(f"{m.program.code}  {m.program.name}  [{m.program.year}]"))
    console.print(root)


def print_program_years(history: ProgramHistory, console: Console | None = None) -> None:
    """The program's years side by side: name, budget, spent, results, each with its source."""
    from rich.table import Table

    console = console or Console()
    first = history.years[0] if history.years else None
    notes = []
    if first is not None and first.status == "new":
        notes.append(f"{first.year}년 신규: 지난해 보고서에는 없는 사업입니다 (new)")
    if history.discontinued_in is not None:
        year = history.discontinued_in
        notes.append(f"{year}년 보고서에는 이 사업이 없습니다: 종료 (discontinued in {year})")
    for note in notes:
        console.print(Text(f"\n※ {note}", style="bold"))
    if len(history.years) < 2:
        return
    table = Table(title="연도별 years", title_justify="left", header_style="bold", show_lines=True)
    table.add_column("", no_wrap=True, style="bold")
    for y in history.years:
        table.add_column(str(y.year or "----"), overflow="fold")
    names, budgets, spent, results, sources = [], [], [], [], []
    for y in history.years:
        name = Text(y.program.name)
        if y.status in STATUS_MARKS:
            name.append(f"\n[{STATUS_MARKS[y.status]}]", style="green")
        names.append(name)
        budgets.append(amount(y.budget, _fmt(y.budget.value)) if y.budget else "")
        spent.append(amount(y.spent, _fmt(y.spent.value)) if y.spent else "")
        parts = line_groups(y.results)
        counts = [
            f"{part[0].program} {', '.join(amount(r, _fmt(r.value)) for r in part)}"
            for part in parts[:3]
        ]
        more = f" 외 {len(parts) - 3}건" if len(parts) > 3 else ""
        results.append("; ".join(counts) + more)
        cites = [f"사업 {_where(y.program.doc, y.program.line, None)}"]
        if y.budget:
            cites.append(f"예산 {_where(y.budget.doc, y.budget.line, y.budget.page)}")
        if y.results:
            cites.append(f"실적 {_where(y.results[0].doc, y.results[0].line, y.results[0].page)}")
        sources.append("\n".join(cites))
    for title, cells in (
        ("사업명", names),
        ("예산현액 budget", budgets),
        ("집행액(지출) spent", spent),
        ("실적 results", results),
        ("출처 sources", sources),
    ):
        table.add_row(title, *cells)
    console.print()
    console.print(table)


def print_program(p: Program, figures: list[FigureRow], console: Console | None = None) -> None:
    """The program card."""
    console = console or Console()
    console.print(Text(f"{p.code}  {p.name}", style="bold cyan"))
    console.print(Text(f"{p.year}  {p.doc_title}\n{p.section_path}", style="dim"), overflow="fold")
    for title, body in (
        ("목표 objective", p.objective),
        ("내용 contents", p.contents),
        ("실적 results", p.results),
        ("계획 plans", p.plans),
    ):
        if body:
            console.print(Text(f"\n{title}", style="bold"))
            console.print(body, overflow="fold", highlight=False, markup=False)
    for line in _program_figure_lines(figures):
        console.print(line, overflow="fold", highlight=False, markup=False)
    console.print(Text(f"\nsource: {_where(p.doc, p.line, None)}", style="dim"))


_MEASURE_LINES = (
    ("budget", "committed", "spent"),
    ("committed_rate", "spent_rate"),
    ("expected", "expected_rate"),
)


def _program_figure_lines(figures: list[FigureRow]) -> list[str]:
    """A program's budget rows, one line each, then the counts its results state."""
    lines: list[str] = []
    rows: dict[tuple[int | None, str], list[FigureRow]] = {}
    for r in figures:
        if r.measure:
            rows.setdefault((r.table_id, r.program), []).append(r)
    if rows:
        lines.append("\n예산 budget")
    for part in rows.values():
        f0 = part[0]
        about = [money_unit(part) or "", f"{f0.as_of} 기준" if f0.as_of else ""]
        about.append(f"line {f0.line}")
        lines.append(f"  {f0.program}  ({', '.join(a for a in about if a)})")
        # Amounts, rates, year-end expectations: one line each, in the report's own words.
        for keys in _MEASURE_LINES:
            cells = [r for r in part if (r.measure or "") in keys]
            if cells:
                lines.append(
                    "    "
                    + " · ".join(
                        f"{r.label} {_fmt(r.value)}{'%' if r.unit == '%' else ''}" for r in cells
                    )
                )
    counts = [r for r in figures if r.table_id is None and "실적" in r.section]
    if counts:
        lines.append("\n실적 counts")
    for part in line_groups(counts):
        joined = ", ".join(amount(r, _fmt(r.value)) for r in part)
        lines.append(f"  - {part[0].program}: {joined}  (line {part[0].line})")
    return lines


def print_studies(studies: list[Study], query: str | None, console: Console | None = None) -> None:
    """Studies: year, title, category, method, source."""
    from rich.table import Table

    console = console or Console()
    if not studies:
        console.print(f"No studies match “{query}”." if query else "No studies stored yet.")
        return
    if studies[0].match == "meaning":
        console.print(f"No study title shares the words of “{query}”; the nearest by meaning:")
    from pathlib import Path

    one_doc = len({s.doc for s in studies}) == 1  # name the report once, cite lines
    caption = f"all from {Path(studies[0].doc).name}" if one_doc else None
    table = Table(header_style="bold", caption=caption, caption_justify="left")
    table.add_column("year", no_wrap=True)
    table.add_column("title", overflow="fold", ratio=4)
    table.add_column("category", no_wrap=True)
    table.add_column("method", no_wrap=True)
    table.add_column("source", no_wrap=True, overflow="ellipsis", max_width=30)
    for s in studies:
        table.add_row(
            str(s.year or ""),
            s.title,
            s.category or "",
            s.method or "",
            where(None, s.line) if one_doc else _where(s.doc, s.line, None),
        )
    console.print(table)


# Counters written right after the number ("729명"); other units get a space ("1,000 천원").
COUNTERS = frozenset({"명", "회", "건", "개", "개소", "곳", "번", "차례", "시간", "팀", "부", "종"})


def amount(row: FigureRow, value: str) -> str:
    """A formatted value with its unit: '729명', '1,607,414 천원', '64%'."""
    if not row.unit:
        return value
    if row.unit == "%" or row.unit in COUNTERS:
        return f"{value}{row.unit}"
    return f"{value} {row.unit}"


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


def _figure_lines(card: AnswerCard) -> list[str]:
    from pathlib import Path

    f0 = card.figures[0]
    cite = Path(f0.doc).name
    if f0.table_id is None:  # counts stated in prose: "공동체공간학교 운영(9회, 106명)"
        lines = [f"\n■ {card.program}"]
        parts = line_groups(card.figures)
        sections = [p[0].section for p in parts]
        runs = sum(1 for i, sec in enumerate(sections) if i == 0 or sections[i - 1] != sec)
        indent = "  " if runs == 1 else "    "  # several citations sit under their lines
        for i, part in enumerate(parts):
            counts = ", ".join(amount(r, _fmt(r.value)) for r in part)
            label = "" if len(parts) == 1 and part[0].program == card.program else part[0].program
            lines.append(f"  - {label}: {counts}" if label else f"  - {counts}")
            # One citation per run of lines from the same section.
            if i + 1 == len(parts) or parts[i + 1][0].section != part[0].section:
                run = [p[0].line for p in parts[: i + 1] if p[0].section == part[0].section]
                at = ", ".join(str(n) for n in dict.fromkeys(run))
                lines.append(f"{indent}출처: {cite}:{at} · {part[0].section}")
        return lines
    unit = money_unit(card.figures)
    about = [f"단위: {unit}" if unit else "", f"{f0.as_of} 기준" if f0.as_of else ""]
    head = " · ".join(a for a in about if a)
    lines = [f"\n■ {card.program}" + (f" ({head})" if head else "")]
    if len({r.table_id for r in card.figures}) > 1:  # a ranking across tables
        for r in card.figures:
            lines.append(f"  - {r.program}: {amount(r, _fmt(r.value))}")
            lines.append(f"    출처: {Path(r.doc).name}:{r.line} · {r.section}")
        return lines
    for r in card.figures:
        # Several rows (정 원, 현 원) or a total row under a caption: name the row too.
        label = r.label if r.program == card.program else f"{r.program} · {r.label}"
        mark = "  ◀" if r.measure and r.measure in card.asked else ""  # what was asked
        lines.append(f"  - {label}: {amount(r, _fmt(r.value))}{mark}")
    lines.append(f"  출처: {cite}:{f0.line} · {f0.section}")
    return lines


def _decimals(text: str) -> int:
    import re

    m = re.search(r"\.(\d+)", text)
    return len(m.group(1)) if m else 0


def _value(r: Reading) -> str:
    """A value with the decimals its report printed (`177.0`, not `177`); converted ones plain."""
    if r.printed_unit:
        return _fmt(r.value)
    return f"{r.value:,.{_decimals(r.value_text)}f}"


def _change_text(p: TrendPoint) -> str:
    if p.change is None:
        return ""
    digits = _decimals(p.current.value_text) if not p.current.printed_unit else 2
    absolute = f"{p.change.absolute:+,.{digits}f}"
    return absolute + ("" if p.change.percent is None else f" ({p.change.percent:+.1f}%)")


def print_series(series: Series, console: Console | None = None) -> None:
    """Each line of a series: value by period, change, source, and what earlier reports said.

    Reports are numbered oldest first and listed under the tables (date, file, title); a
    value cites its report's number and its page or line, so narrow terminals keep it all.
    """
    from pathlib import Path

    from rich.table import Table

    console = console or Console()
    if not series.lines:
        console.print(f"No table row matches “{series.query}” across the reports.")
    everything = [r for ln in series.lines for p in ln.points for r in (*p.earlier, p.current)]
    docs = {r.doc: r for r in everything}
    ordered = sorted(docs.values(), key=lambda r: (r.report_date or "", r.doc))
    number = {r.doc: i for i, r in enumerate(ordered, start=1)}
    for ln in series.lines:
        head = " · ".join(x for x in (ln.label, ln.column, ln.unit or "no unit") if x)
        # Text, not markup: a label may hold brackets of its own.
        title = Text(printable(head), style="bold")
        table = Table(header_style="bold", title=title, title_justify="left")
        table.add_column("period", no_wrap=True)
        table.add_column("value", justify="right", no_wrap=True)
        table.add_column("change", justify="right", no_wrap=True)
        table.add_column("source", no_wrap=True)
        table.add_column("earlier reports", overflow="fold", min_width=12)
        for p in ln.points:
            earlier = ", ".join(f"{_value(e)} [{number[e.doc]}]" for e in p.earlier)
            if p.earlier and not p.revised:
                earlier = "same in " + ", ".join(f"[{number[e.doc]}]" for e in p.earlier)
            table.add_row(
                p.period,
                _value(p.current) + (" *" if p.revised else ""),
                _change_text(p),
                Text(f"[{number[p.current.doc]}] {where(p.current.page, p.current.line)}"),
                Text(earlier),
            )
        console.print(table)
        for note in ln.notes:
            console.print(Text(f"  note: {note}", style="dim"), overflow="fold")
        console.print()
    if any(p.revised for ln in series.lines for p in ln.points):
        console.print(Text("* revised: the latest report's value; earlier ones beside it", "dim"))
    for note in series.notes:
        console.print(Text(f"note: {note}", style="dim"), overflow="fold")
    for r in ordered:
        name = printable(Path(r.doc).name)
        line = f"[{number[r.doc]}] {r.report_date or '----'}  {name}  {printable(r.doc_title)}"
        console.print(Text(line), overflow="fold")


def _cite(r: Reading) -> str:
    """`file:p.3 · caption (2025-09-19)`: where a series value is printed."""
    from pathlib import Path

    name = printable(Path(r.doc).name)
    place = printable(" ".join((r.caption or r.section).split()))
    when = f" ({r.report_date})" if r.report_date else ""
    return (
        f"{name}:{'p.' + str(r.page) if r.page else r.line}"
        + (f" · {place}" if place else "")
        + when
    )


def _with_unit(value: str, unit: str | None) -> str:
    if unit == "%" or unit in COUNTERS:  # 53%, 729명 as amount() writes them
        return f"{value}{unit}"
    return f"{value} {unit}" if unit else value


def _percent(c: ChangeAnswer) -> str:
    """The change in % to one decimal, rounded half up from the values themselves (as the
    releases print it: 165.8 → 182.8 is +10.3%, where the stored 10.25 would show +10.2)."""
    from decimal import ROUND_HALF_UP, Decimal

    assert c.before is not None and c.after is not None
    before, after = c.before.current.value, c.after.current.value
    exact = Decimal(repr((after - before) / abs(before) * 100))
    return f"{exact.quantize(Decimal('0.1'), ROUND_HALF_UP):+}"


def _change_lines(c: ChangeAnswer) -> list[str]:
    """A change (two cited values and the difference) or a series, as card lines."""
    from .periods import period_words

    head = " · ".join(x for x in (c.label, c.column) if x)
    unit = f" (단위: {c.unit})" if c.unit else ""
    if c.kind == "trend":
        lines = [f"\n■ {head} 추이{unit}"]
        docs: dict[str, int] = {}
        for p in c.points:
            n = docs.setdefault(p.current.doc, len(docs) + 1)
            revised = f"  (수정 전 {', '.join(_value(e) for e in p.earlier)})" if p.revised else ""
            at = where(p.current.page, p.current.line)
            lines.append(f"  - {period_words(p.period)}: {_value(p.current)}  [{n}] {at}{revised}")
        firsts = {p.current.doc: p.current for p in reversed(c.points)}
        for doc, n in docs.items():
            lines.append(f"  출처 [{n}]: {_cite(firsts[doc])}")
        return lines
    lines = [f"\n■ {head}{unit}"]
    for period, point in ((c.before_period, c.before), (c.after_period, c.after)):
        if period is None:
            continue
        words = period_words(period)
        if point is None:
            lines.append(f"  - {words}: 값 없음")
            continue
        lines.append(f"  - {words}: {_with_unit(_value(point.current), c.unit)}")
        lines.append(f"    출처: {_cite(point.current)}")
        for e in point.earlier:
            if e.value != point.current.value:  # a revision: the earlier report's figure
                lines.append(f"    수정 전: {_value(e)} · 출처: {_cite(e)}")
    if c.change is not None and c.before_period and c.after_period:
        digits = max(
            (_decimals(p.current.value_text) for p in (c.before, c.after) if p is not None),
            default=0,
        )
        if c.unit == "%":  # a change of a rate is in points, never a % of a %
            absolute, percent = f"{c.change.absolute:+,.{digits}f}%p", ""
        else:
            absolute = _with_unit(f"{c.change.absolute:+,.{digits}f}", c.unit)
            percent = "" if c.change.percent is None else f" ({_percent(c)}%)"
        since = f"{period_words(c.before_period)} 대비 {period_words(c.after_period)}"
        lines.append(f"  - 증감: {absolute}{percent}  [{since}]")
    elif c.refused:
        lines.append(f"  - 증감: 계산하지 않음 — {c.refused}")
    lines.extend(f"  ※ {note}" for note in c.notes)
    return lines


def answer_text(card: AnswerCard) -> str:
    """A plain-text answer card, ready to paste into a reply; every number is stored."""
    from pathlib import Path

    lines = [f"Q. {card.question}"]
    if card.change is not None:
        lines.extend(_change_lines(card.change))
    if card.figures:
        lines.extend(_figure_lines(card))
    if card.passages:
        lines.append("\n■ 관련 내용")
        for h in card.passages:
            text = " ".join(h.text.split())
            lines.append(f"  - {text[:200]}{'…' if len(text) > 200 else ''}")
            lines.append(
                f"    출처: {printable(Path(h.doc.path).name)}:"
                f"{'p.' + str(h.page) if h.page else h.line} · {h.section}"
            )
    if not card.figures and not card.passages and card.change is None:
        lines.append("No stored figure or passage matches this question.")
    elif not card.figures and card.change is None:
        lines.append("\n(No stored figure surely answers this; `kb figures NAME` lists them.)")
    return "\n".join(lines)
