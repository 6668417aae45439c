"""A program's years side by side (`kb program NAME`, the TUI's program card): the card's
model, and the rich table both faces show it as (the CLI prints it, the TUI puts it in a
Static), so the words, numbers and sources are the same in both."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text

from ..i18n import t
from ..types import FigureRow, ProgramHistory
from .labels import label, word
from .values import amount, figure_value, line_groups, short_place

RESULT_LINES = 3  # result lines shown per year; the rest are counted (외 N건)
# How a program is marked against the year before (labels of kb.present.labels).
STATUS_MARKS = ("new", "renamed", "discontinued")


@dataclass(frozen=True, slots=True)
class YearColumn:
    """One year of a program: its name then, its mark, budget, spending, results, sources."""

    year: str
    name: str
    mark: str  # `신규`, `명칭 변경` … (English: `new`, `renamed`), or empty
    budget: str
    spent: str
    results: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class YearsCard:
    """The program's years side by side, and whether it is new or ended (notes)."""

    notes: tuple[str, ...]
    years: tuple[YearColumn, ...]  # two or more to be shown as a table


def _amount(row: FigureRow | None) -> str:
    return amount(row, figure_value(row.value, row.value_text)) if row else ""


def years_card(history: ProgramHistory) -> YearsCard:
    """The card of a program's years: each year's name, budget, spent, results, sources."""
    first = history.years[0] if history.years else None
    notes = []
    if first is not None and first.status == "new":
        notes.append(t("card.year_new", year=first.year))
    if (ended := history.discontinued_in) is not None:
        notes.append(t("card.year_ended", year=ended))
    columns = []
    for y in history.years:
        parts = line_groups(y.results)
        said = [f"{p[0].program} {', '.join(_amount(r) for r in p)}" for p in parts[:RESULT_LINES]]
        more = t("card.more", n=len(parts) - RESULT_LINES) if len(parts) > RESULT_LINES else ""
        cites = [f"{word('program')} {short_place(y.program.doc, y.program.line, None)}"]
        for key, row in (("budget", y.budget), ("results", y.results[0] if y.results else None)):
            if row is not None:
                cites.append(f"{word(key)} {short_place(row.doc, row.line, row.page)}")
        columns.append(
            YearColumn(
                str(y.year or "----"),
                y.program.name,
                label(y.status) if y.status in STATUS_MARKS else "",
                _amount(y.budget),
                _amount(y.spent),
                "; ".join(said) + more,
                tuple(cites),
            )
        )
    return YearsCard(tuple(notes), tuple(columns))


def years_notes(card: YearsCard) -> Text:
    """The card's notes, one `※` line each (empty when the program is neither new nor ended)."""
    return Text("".join(f"\n※ {note}" for note in card.notes), style="bold")


def years_table(card: YearsCard) -> Table | None:
    """The years side by side as a rich table (None for a program of one year)."""
    if len(card.years) < 2:
        return None
    table = Table(title=label("years"), title_justify="left", header_style="bold", show_lines=True)
    table.add_column("", no_wrap=True, style="bold")
    for y in card.years:
        table.add_column(y.year, overflow="fold")
    names = [Text(y.name) for y in card.years]
    for name, y in zip(names, card.years, strict=True):
        if y.mark:
            name.append(f"\n[{y.mark}]", style="green")
    table.add_row(label("name"), *names)
    table.add_row(label("budget_current"), *(y.budget for y in card.years))
    table.add_row(label("spent"), *(y.spent for y in card.years))
    table.add_row(label("results"), *(y.results for y in card.years))
    table.add_row(label("sources"), *("\n".join(y.sources) for y in card.years))
    return table
