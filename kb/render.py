"""The CLI's skin: results, tables and cards on the terminal with rich (wide Korean
characters measured correctly). Cards, labels and numbers come from kb/present, which the
TUI draws too; only the layout and the styles are the terminal's."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from index.answers import MEASURE_TITLES

from .i18n import language, t
from .present.cards import figure_line, program_card
from .present.labels import gloss, label
from .present.plain import part_lines
from .present.values import (
    change_text,
    date_text,
    marked_text,
    period_text,
    reading_value,
    short_place,
    where,
)
from .present.years import years_card, years_table
from .text import compact, printable
from .types import (
    FigureRow,
    Hit,
    Mismatch,
    Program,
    ProgramHistory,
    ProgramMark,
    Series,
    Study,
)


def print_hits(hits: list[Hit], query: str, console: Console | None = None) -> None:
    """Print hits: rank, document, section, page/line, snippet."""
    console = console or Console()
    if not hits:
        console.print(t("out.no_hits", query=query), highlight=False, markup=False)
        return
    for h in hits:
        at = where(h.page, h.line)
        head = Text(f"{h.rank:>2}. ", style="bold")
        head.append(h.doc.title, style="bold cyan")
        score = t("out.score", score=f"{h.score:.3f}")
        head.append(f"  ({h.doc.year or '----'}, {at}, {score})", style="dim")
        console.print(head)
        if h.section:
            console.print(Text("    " + h.section, style="green"), overflow="fold")
        console.print(Text("    ") + marked_text(h.snippet, h.marks))
        console.print()


def print_figures(rows: list[FigureRow], query: str, console: Console | None = None) -> None:
    """A table of figures: program, measure, value, unit, as-of, source."""

    console = console or Console()
    if not rows:
        console.print(t("out.no_figures", query=query), highlight=False, markup=False)
        return

    # All from one report: name it once under the table and cite lines only.
    one_doc = len({r.doc for r in rows}) == 1
    caption = t("out.all_from", name=Path(rows[0].doc).name) if one_doc else None
    table = Table(show_lines=False, header_style="bold", caption=caption, caption_justify="left")
    # Names fold; numbers, dates and sources never break (a folded 'file.txt:4 / 05' misleads).
    table.add_column(gloss("program"), overflow="fold", ratio=3)
    table.add_column(gloss("measure"), overflow="fold", ratio=2)
    table.add_column(gloss("value"), justify="right", no_wrap=True)
    for key in ("unit", "as_of", "source"):
        table.add_column(gloss(key), no_wrap=True)
    for r in rows:
        line = figure_line(r)
        source = where(r.page, r.line) if one_doc else short_place(r.doc, r.line, r.page)
        table.add_row(line.program, line.measure, line.value, line.unit, line.as_of, source)
    console.print(table)


def print_mismatches(found: list[Mismatch], console: Console | None = None) -> None:
    """Each disagreement with both sources."""
    console = console or Console()
    if not found:
        console.print(t("out.no_mismatches"))
        return
    for m in found:
        kind = label(f"kind_{m.kind}")  # total, subtotal, rate, cross
        console.print(Text(f"[{kind}] ", style="bold red") + Text(m.detail))
        for src in m.sources:
            console.print(Text(f"    {src}", style="dim"), overflow="fold")
    console.print(t("out.mismatches", n=len(found)))


def _mark_key(p: Program) -> tuple[int | None, str]:
    """A program of a year by its name: a name listed by two reports of a year is one."""

    return p.year, compact(p.name)


def programs_json(programs: list[Program], marks: list[ProgramMark]) -> list[dict[str, Any]]:
    """`kb programs --json`: each program with its status against the year before (new,
    continued, renamed; null when no report of the year before lists programs) and its name
    that year, then the year before's programs a year lacks ("discontinued", with
    `discontinued_in`)."""

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


def print_program_tree(
    programs: list[Program], console: Console | None = None, marks: list[ProgramMark] | None = None
) -> None:
    """year → report → group → program; with marks, new and renamed programs are marked and
    the year before's programs missing this year are listed under the year, discontinued."""

    console = console or Console()
    if not programs:
        console.print(t("out.no_programs"), highlight=False, markup=False)
        return
    root = Tree(label("programs"))
    nodes: dict[tuple, Tree] = {}
    shown = {_mark_key(m.program): m for m in marks or [] if m.status != "discontinued"}

    def node(key: tuple, parent: Tree, label: str, style: str = "") -> Tree:
        if key not in nodes:
            nodes[key] = parent.add(label, style=style)
        return nodes[key]

    for p in programs:
        y = node((p.year,), root, str(p.year or "----"), "bold")
        d = node((p.year, p.doc), y, p.doc_title, "cyan")
        g = node((p.year, p.doc, p.group), d, p.group or label("no_group"))
        m = shown.get(_mark_key(p))
        text = Text(f"{p.code}  {p.name}")
        if m is not None and m.status in ("new", "renamed"):
            text.append(f"  [{label(m.status)}]", style="bold green")
            if m.status == "renamed":
                text.append(f" ← {m.previous_name}", style="dim")
        g.add(text)
    for m in marks or []:
        if m.status == "discontinued" and (m.year,) in nodes:
            gone = node((m.year, "discontinued"), nodes[(m.year,)], label("gone"), "red")
            gone.add(Text(f"{m.program.code}  {m.program.name}  [{m.program.year}]"))
    console.print(root)


def print_program_years(history: ProgramHistory, console: Console | None = None) -> None:
    """The program's years side by side: name, budget, spent, results, each with its source."""
    console = console or Console()
    card = years_card(history)
    for note in card.notes:
        console.print(Text(f"\n※ {note}", style="bold"))
    table = years_table(card)
    if table is not None:
        console.print()
        console.print(table)


def print_program(p: Program, figures: list[FigureRow], console: Console | None = None) -> None:
    """The program card (kb.present.cards), its parts under their labels."""
    console = console or Console()
    card = program_card(p, figures)
    console.print(Text(card.title, style="bold cyan"))
    head = f"{card.year or '----'} · {card.report}\n{card.section}"
    console.print(Text(head, style="dim"), overflow="fold")
    for part in card.parts:
        console.print(Text(f"\n{part.label}", style="bold"))
        for line in part_lines(part):
            console.print(line, overflow="fold", highlight=False, markup=False)
    console.print(Text(f"\n{card.source_label}: {card.source}", style="dim"), overflow="fold")


def print_studies(studies: list[Study], query: str | None, console: Console | None = None) -> None:
    """Studies: year, title, category, method, source."""

    console = console or Console()
    if not studies:
        said = t("out.no_studies_for", query=query) if query else t("out.no_studies")
        console.print(said, highlight=False, markup=False)
        return
    if studies[0].match == "meaning":
        console.print(t("out.studies_by_meaning", query=query), highlight=False, markup=False)

    one_doc = len({s.doc for s in studies}) == 1  # name the report once, cite lines
    caption = t("out.all_from", name=Path(studies[0].doc).name) if one_doc else None
    table = Table(header_style="bold", caption=caption, caption_justify="left")
    table.add_column(gloss("year"), no_wrap=True)
    table.add_column(gloss("title"), overflow="fold", ratio=4)
    table.add_column(gloss("category"), no_wrap=True)
    table.add_column(gloss("method"), no_wrap=True)
    table.add_column(gloss("source"), no_wrap=True, overflow="ellipsis", max_width=30)
    for s in studies:
        table.add_row(
            str(s.year or ""),
            s.title,
            s.category or "",
            s.method or "",
            where(None, s.line) if one_doc else short_place(s.doc, s.line, None),
        )
    console.print(table)


def print_series(series: Series, console: Console | None = None) -> None:
    """Each line of a series: value by period, change, source, and what earlier reports said.

    Reports are numbered oldest first and listed under the tables (date, file, title); a
    value cites its report's number and its page or line, so narrow terminals keep it all.
    """

    console = console or Console()
    if not series.lines:
        console.print(t("out.no_series", query=series.query), highlight=False, markup=False)
    everything = [r for ln in series.lines for p in ln.points for r in (*p.earlier, p.current)]
    docs = {r.doc: r for r in everything}
    ordered = sorted(docs.values(), key=lambda r: (r.report_date or "", r.doc))
    number = {r.doc: i for i, r in enumerate(ordered, start=1)}
    for ln in series.lines:
        # A measure key (budget) by the reports' own title (예산현액) in a Korean session.
        column = MEASURE_TITLES.get(ln.column, ln.column) if language() == "ko" else ln.column
        head = " · ".join(x for x in (ln.label, column, ln.unit or label("no_unit")) if x)
        # Text, not markup: a label may hold brackets of its own.
        title = Text(printable(head), style="bold")
        table = Table(header_style="bold", title=title, title_justify="left")
        table.add_column(gloss("period"), no_wrap=True)
        table.add_column(gloss("value"), justify="right", no_wrap=True)
        table.add_column(gloss("change"), justify="right", no_wrap=True)
        table.add_column(gloss("source"), no_wrap=True)
        table.add_column(gloss("earlier"), overflow="fold", min_width=12)
        for p in ln.points:
            earlier = ", ".join(f"{reading_value(e)} [{number[e.doc]}]" for e in p.earlier)
            if p.earlier and not p.revised:
                same = ", ".join(f"[{number[e.doc]}]" for e in p.earlier)
                earlier = t("out.same_in", reports=same)
            table.add_row(
                period_text(p.period),
                reading_value(p.current) + (" *" if p.revised else ""),
                change_text(p),
                Text(f"[{number[p.current.doc]}] {where(p.current.page, p.current.line)}"),
                Text(earlier),
            )
        console.print(table)
        for note in ln.notes:
            console.print(Text("  " + t("out.note", note=note), style="dim"), overflow="fold")
        console.print()
    if any(p.revised for ln in series.lines for p in ln.points):
        console.print(Text(t("out.revised_mark"), "dim"))
    for note in series.notes:
        console.print(Text(t("out.note", note=note), style="dim"), overflow="fold")
    for r in ordered:
        name = printable(Path(r.doc).name)
        dated = date_text(r.report_date) if r.report_date else "----"
        line = f"[{number[r.doc]}] {dated}  {name}  {printable(r.doc_title)}"
        console.print(Text(line), overflow="fold")
