"""Card models both faces draw: rows of label, value and source, grouped in labelled parts.

A card is built once from the facade's records (a Program and its FigureRows, a Study, a
FigureRow) and drawn by a skin: kb/render.py on the terminal, tui/format.py in Textual,
kb/present/plain.py as text. The skins choose styles and layout, never the words or numbers.
The answer card is built in kb/present/answers.py from the same pieces.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..types import FigureRow, Program, Study
from .labels import label
from .values import (
    amount,
    as_of_text,
    date_text,
    doc_name,
    figure_value,
    line_groups,
    money_unit,
    place,
    spot,
    where,
    with_unit,
)


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled value of a card, with where it is printed when it cites on its own."""

    label: str
    value: str
    source: str = ""  # `file.txt:328 · section`; empty when its group or block cites it
    asked: bool = False  # the value the question asked for
    note: str = ""  # said after the value: `[2024년 대비 2025년]`, `[1] p.3`
    earlier: tuple[Row, ...] = ()  # what earlier reports printed for it (revisions)


@dataclass(frozen=True, slots=True)
class Group:
    """Figures from one line of a report: a budget row, or a line of stated counts."""

    title: str  # the row's name as printed (`교육기반조성`, `뿌리과정`)
    about: tuple[str, ...]  # the amounts' unit and as-of date, when they share one
    source: str  # `349행` (English: `line 349`)
    lines: tuple[tuple[Row, ...], ...]  # rows shown together, one line each


@dataclass(frozen=True, slots=True)
class Part:
    """A labelled part of a card: prose as the report prints it, or groups of figures."""

    key: str  # its label's key in kb.present.labels
    text: str = ""
    groups: tuple[Group, ...] = ()

    @property
    def label(self) -> str:
        """`목적` (English: `objective`)."""
        return label(self.key)


@dataclass(frozen=True, slots=True)
class ProgramCard:
    """A program: where it is listed, its parts (prose and figures), its source."""

    title: str  # `2-① 마을활동가 성장교육`
    year: int | None
    report: str  # the report's title
    section: str  # the program's section path
    parts: tuple[Part, ...]  # non-empty parts only, in reading order
    source: str  # `file.txt:289행`

    @property
    def source_label(self) -> str:
        """`출처` (English: `source`)."""
        return label("source")


@dataclass(frozen=True, slots=True)
class FigureLine:
    """A figure row as both faces' tables show it, a cell per column of FIGURE_COLUMNS
    but the source (the CLI names files, the TUI's screen holds the table)."""

    program: str
    measure: str  # the report's own column words (집행액 원인행위); empty for prose counts
    value: str
    unit: str
    as_of: str


# The figure tables' columns, by label key (their headers: kb.present.labels).
FIGURE_COLUMNS = ("program", "measure", "value", "unit", "as_of", "source")


@dataclass(frozen=True, slots=True)
class StudyCard:
    """A study: its title, its facts (year, category, method) and where it is listed."""

    title: str
    facts: tuple[str, ...]  # year (`----` when none), category, method
    section: str
    line: int
    doc: str  # the file's name


def program_title(p: Program) -> str:
    """`2-② 청년마을활동가 성장교육` (code only when there is one)."""
    return f"{p.code} {p.name}".strip() if p.code else p.name


# Amounts, rates, year-end expectations: one line each, in the report's own words.
_MEASURE_LINES = (
    ("budget", "committed", "spent"),
    ("committed_rate", "spent_rate"),
    ("expected", "expected_rate"),
)


def _measure_value(r: FigureRow) -> str:
    """An amount in its group's unit (named once, in the group's head); a rate keeps its %."""
    return figure_value(r.value, r.value_text) + ("%" if r.unit == "%" else "")


def _budget_groups(figures: list[FigureRow]) -> tuple[Group, ...]:
    """A program's budget-table rows, one group per row, its measures on three lines."""
    rows: dict[tuple[int | None, str], list[FigureRow]] = {}
    for r in figures:
        if r.measure:
            rows.setdefault((r.table_id, r.program), []).append(r)
    groups = []
    for part in rows.values():
        f0 = part[0]
        as_of = as_of_text(f0.as_of or "")
        about = tuple(a for a in (money_unit(part), as_of) if a)
        lines = []
        for keys in _MEASURE_LINES:
            cells = [r for r in part if (r.measure or "") in keys]
            if cells:
                lines.append(tuple(Row(r.label, _measure_value(r)) for r in cells))
        groups.append(Group(f0.program, about, where(None, f0.line), tuple(lines)))
    return tuple(groups)


def _count_groups(figures: list[FigureRow]) -> tuple[Group, ...]:
    """The counts a program's results state (`뿌리과정 10회(135명)`), one group per line."""
    counts = [r for r in figures if r.table_id is None and "실적" in r.section]
    return tuple(
        Group(
            part[0].program,
            (),
            where(None, part[0].line),
            (tuple(Row(r.label, amount(r, figure_value(r.value, r.value_text))) for r in part),),
        )
        for part in line_groups(counts)
    )


def program_card(p: Program, figures: list[FigureRow]) -> ProgramCard:
    """The program card: its prose parts, the counts its results state, its budget rows."""
    parts = [
        Part("objective", p.objective.strip()),
        Part("contents", p.contents.strip()),
        Part("results", p.results.strip()),
        Part("counts", groups=_count_groups(figures)),
        Part("budget", groups=_budget_groups(figures)),
        Part("plans", p.plans.strip()),
    ]
    return ProgramCard(
        program_title(p),
        p.year,
        p.doc_title,
        p.section_path,
        tuple(part for part in parts if part.text or part.groups),
        place(p.doc, spot(None, p.line)),
    )


def program_citation(p: Program) -> str:
    """One-line citation of a program."""
    return (
        f"{program_title(p)} — {p.doc_title} ({p.year or label('no_date')}), {p.section_path}, "
        f"{where(None, p.line)} [{doc_name(p.doc)}]"
    )


def figure_line(r: FigureRow) -> FigureLine:
    """A figure row's cells: program, measure, value, unit, as-of."""
    measure = "" if r.table_id is None else r.label  # a count in prose: its unit says it
    value = figure_value(r.value, r.value_text)
    return FigureLine(r.program, measure, value, r.unit or "", date_text(r.as_of or ""))


def figure_citation(row: FigureRow) -> str:
    """One-line citation of a figure with its value."""
    as_of = f", {as_of_text(row.as_of)}" if row.as_of else ""
    value = with_unit(figure_value(row.value, row.value_text), row.unit)
    return (
        f"{row.program} — {row.label}: {value}{as_of}. "
        f"{row.doc_title} ({row.year or label('no_date')}), {row.section}, "
        f"{where(row.page, row.line)} "
        f"[{doc_name(row.doc)}]"
    )


def study_card(s: Study) -> StudyCard:
    """A study's card: title, facts, section and source."""
    facts = tuple(x for x in (str(s.year or "----"), s.category, s.method) if x)
    return StudyCard(s.title, facts, s.section_path, s.line, doc_name(s.doc))


def study_citation(s: Study) -> str:
    """One-line citation of a study."""
    facts = ", ".join(x for x in (s.category, s.method) if x)
    return (
        f"{s.title} ({s.year or label('no_date')}{'; ' + facts if facts else ''}) — "
        f"{s.section_path}, {where(None, s.line)} [{doc_name(s.doc)}]"
    )
