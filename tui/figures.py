"""Screen 2: every stored figure in a sortable table; a row shows its source table, cell lit."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static

from kb.i18n import t
from kb.present.cards import FIGURE_COLUMNS, figure_line
from kb.present.values import as_of_text
from kb.types import FigureRow, Mismatch, TableView

from .base import FilterTableView, FindInput
from .cells import find_cell, norm, table_markdown, warnings_for
from .export import Export
from .format import doc_name, figure_citation, figure_source, mismatch_text, where
from .messages import ChecksLoaded, FiguresLoaded, TableLoaded
from .words import count, header, localize_bindings

DEBOUNCE_S = 0.15

# (key, sort key, width) — values sort as numbers, blanks last; long labels are cut so that
# the source column still fits in 100 columns. Headers: the card labels' (tui.words.header),
# looked up when drawn.
SORT_KEYS: dict[str, tuple[Callable[[FigureRow], Any], int | None]] = {
    "program": (lambda r: r.program, 26),
    "measure": (lambda r: r.label, 24),
    "value": (lambda r: (r.value is None, r.value or 0.0), 12),
    "unit": (lambda r: r.unit or "", 6),
    "as_of": (lambda r: r.as_of or "", 13),  # 2019. 12. 31. as Korean documents write it
    "source": (lambda r: (r.doc, r.line), None),
}
COLUMNS: list[tuple[str, Callable[[FigureRow], Any], int | None]] = [
    (key, *SORT_KEYS[key]) for key in FIGURE_COLUMNS
]


class FiguresView(FilterTableView):
    """Filter box, the figures table (s sorts, r reverses), the source table of the row."""

    FILTER_ID = "fig-filter"
    TABLE_ID = "fig-table"

    BINDINGS = [
        Binding("s", "sort", "tui.key.sort", id="figures.sort"),
        Binding("r", "reverse", "tui.key.reverse", id="figures.reverse"),
        Binding("escape", "back", "tui.key.back", show=False, id="figures.back"),
    ]

    def __init__(self, backend: Any, *, id: str | None = None) -> None:
        super().__init__(backend, id=id)
        self.rows: list[FigureRow] = []
        self.mismatches: list[Mismatch] = []
        self.sort_col = -1  # -1: the facade's order (best match first)
        self.sort_reverse = False
        self.current_table: TableView | None = None
        self._tables: dict[int, TableView | None] = {}
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        yield FindInput(placeholder=t("tui.figures.placeholder"), id="fig-filter")
        yield Static("", id="fig-status")
        yield Static("", id="fig-message")
        yield DataTable(id="fig-table", cursor_type="row", zebra_stripes=True)
        with Vertical(id="fig-detail"):
            yield Static("", id="fig-caption")
            yield DataTable(id="fig-source", cursor_type="cell")
            yield Static("", id="fig-warn")

    def on_mount(self) -> None:
        """Set up once the widgets exist."""
        self.show_message(None)

    # -- data -----------------------------------------------------------------------------
    def load(self) -> None:
        """Load all figures and the consistency check (or say why not)."""
        if self.begin_load():
            self._fetch(self.query_one("#fig-filter", Input).value.strip(), with_checks=True)

    @on(Input.Changed, "#fig-filter")
    def _typed(self) -> None:
        self.debounce(DEBOUNCE_S, self._refilter)

    @on(Input.Submitted, "#fig-filter")
    def _submitted(self) -> None:
        self.query_one("#fig-table").focus()

    def _refilter(self) -> None:
        if self.backend.ready():
            self._fetch(self.query_one("#fig-filter", Input).value.strip(), with_checks=False)

    @work(thread=True, exclusive=True, exit_on_error=False, group="figures")
    def _fetch(self, query: str, with_checks: bool) -> None:
        self.post_message(FiguresLoaded(query, self.backend.figures(query)))
        if with_checks:
            # The audit reads every stored table (seconds at 1,000 reports): the rows come
            # first, the warnings follow.
            self.post_message(ChecksLoaded(self.backend.check_figures()))

    def on_checks_loaded(self, message: ChecksLoaded) -> None:
        """Flag the rows the consistency check warns about, keeping the cursor's place."""
        self.mismatches = message.checks
        if not self.rows:
            return
        table = self.query_one("#fig-table", DataTable)
        row = table.cursor_row
        self._redraw()
        table.move_cursor(row=min(row, max(len(self.rows) - 1, 0)))

    def on_figures_loaded(self, message: FiguresLoaded) -> None:
        """Show the rows of the filter typed now (an older filter's rows are dropped)."""
        query, rows = message.query, message.rows
        if query != self.query_one("#fig-filter", Input).value.strip():
            return  # typed on since: a newer fetch is coming
        self.rows = rows
        if not rows:
            hint = t("tui.figures.none", query=query) if query else t("tui.figures.empty")
            self.show_message(Text(hint))
            return
        self.show_message(None)
        self._redraw()
        self.rows_arrived()

    def show_message(self, text: Text | None) -> None:
        """Show a message in place of the list (None: show the list)."""
        msg = self.query_one("#fig-message", Static)
        msg.display = text is not None
        if text is not None:
            msg.update(text)
        for wid in ("#fig-table", "#fig-detail"):
            self.query_one(wid).display = text is None

    def ordered(self) -> list[FigureRow]:
        """The rows in the order on screen."""
        if self.sort_col < 0:
            return list(self.rows)
        key = COLUMNS[self.sort_col][1]
        return sorted(self.rows, key=key, reverse=self.sort_reverse)

    def _redraw(self) -> None:
        table = self.query_one("#fig-table", DataTable)
        table.clear(columns=True)
        for i, (key, _, width) in enumerate(COLUMNS):
            arrow = (" ▼" if self.sort_reverse else " ▲") if i == self.sort_col else ""
            table.add_column(Text(header(key) + arrow), key=key, width=width)
        warned = {(norm(m.program), norm(m.measure)) for m in self.mismatches}
        for i, r in enumerate(self.ordered()):
            flag = (norm(r.program), norm(r.label)) in warned or (
                norm(r.program),
                norm(r.measure or ""),
            ) in warned
            program = Text("⚠ ", style="bold red") + Text(r.program) if flag else Text(r.program)
            line = figure_line(r)
            table.add_row(
                program,
                Text(line.measure),
                Text(line.value, justify="right"),
                Text(line.unit),
                Text(line.as_of),
                Text(figure_source(r)),
                key=str(i),
            )
        n = len(self.rows)
        order = (
            t("tui.figures.sorted_by", column=header(COLUMNS[self.sort_col][0]))
            if self.sort_col >= 0
            else t("tui.figures.best_first")
        )
        self.query_one("#fig-status", Static).update(
            count("tui.figures.status", n, n=n, order=order, warnings=len(self.mismatches))
        )
        if n:
            table.move_cursor(row=0)
            self._show_source(self.current_row())

    # -- the row's source table -----------------------------------------------------------
    def current_row(self) -> FigureRow | None:
        """The figure under the cursor."""
        table = self.query_one("#fig-table", DataTable)
        rows = self.ordered()
        if not rows or not 0 <= table.cursor_row < len(rows):
            return None
        return rows[table.cursor_row]

    @on(DataTable.RowHighlighted, "#fig-table")
    def _highlighted(self) -> None:
        self._show_source(self.current_row())

    @on(DataTable.RowSelected, "#fig-table")
    def _selected(self) -> None:
        self.query_one("#fig-source").focus()

    def _show_source(self, row: FigureRow | None) -> None:
        if row is None:
            return
        warn = self.query_one("#fig-warn", Static)
        found = warnings_for(row, self.mismatches)
        warn.update(Text("\n").join(mismatch_text(m) for m in found) if found else "")
        warn.display = bool(found)
        if row.table_id is None:
            self.current_table = None
            self.query_one("#fig-source", DataTable).clear(columns=True)
            place = where(row.page, row.line)
            self.query_one("#fig-caption", Static).update(
                Text(t("tui.figures.from_text", section=row.section, place=place), style="dim")
            )
            return
        if row.table_id in self._tables:
            self._fill_source(row, self._tables[row.table_id])
        else:
            self._load_table(row)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fig-source")
    def _load_table(self, row: FigureRow) -> None:
        view = self.backend.table(row.table_id) if row.table_id is not None else None
        self.post_message(TableLoaded(row, view))

    def on_table_loaded(self, message: TableLoaded) -> None:
        """Keep the loaded table and show it if its row is still under the cursor."""
        row, view = message.row, message.table
        if row.table_id is not None:
            self._tables[row.table_id] = view
        if self.current_row() is row:
            self._fill_source(row, view)

    def _fill_source(self, row: FigureRow, view: TableView | None) -> None:
        self.current_table = view
        source = self.query_one("#fig-source", DataTable)
        source.clear(columns=True)
        caption = self.query_one("#fig-caption", Static)
        if view is None:
            caption.update(Text(t("tui.figures.no_table", table=row.table_id), style="dim"))
            return
        head = Text(view.caption or t("tui.figures.table"), style="bold")
        facts = [
            t("tui.unit", unit=view.unit) if view.unit else "",
            as_of_text(view.as_of or ""),
        ]
        facts.append(f"{where(view.page, view.line)} · {doc_name(view.doc)}")
        head.append("  " + " · ".join(f for f in facts if f), style="dim")
        caption.update(head)
        cell = find_cell(view, row)
        width = max([len(view.columns)] + [len(r) for r in view.rows])
        labels = list(view.columns) + [""] * (width - len(view.columns))
        source.add_columns(*(Text(label) for label in labels))
        for i, cells in enumerate(view.rows):
            padded = list(cells) + [""] * (width - len(cells))
            out = []
            for j, value in enumerate(padded):
                lit = cell == (i, j)
                numeric = bool(re.fullmatch(r"[-\d,.%]+", value.strip())) and j > 0
                out.append(
                    Text(
                        value,
                        style="bold reverse" if lit else "",
                        justify="right" if numeric else "left",
                    )
                )
            source.add_row(*out)
        if cell is not None:
            source.move_cursor(row=cell[0], column=cell[1], animate=False)

    # -- sorting and navigation -----------------------------------------------------------
    def action_sort(self) -> None:
        """Sort by the next column (Program → Measure → Value → …)."""
        self.sort_col = (self.sort_col + 1) % len(COLUMNS)
        self.sort_reverse = COLUMNS[self.sort_col][0] == "value"  # biggest numbers first
        self._redraw()

    def action_reverse(self) -> None:
        """Reverse the current sort."""
        if self.sort_col >= 0:
            self.sort_reverse = not self.sort_reverse
            self._redraw()

    @on(DataTable.HeaderSelected, "#fig-table")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        if event.column_index == self.sort_col:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_col, self.sort_reverse = event.column_index, False
        self._redraw()

    def action_back(self) -> None:
        """Escape: source table → figures ⇄ filter box."""
        focused = self.app.focused
        fid = focused.id if focused is not None else None
        if fid == "fig-source":
            self.query_one("#fig-table").focus()
        elif fid == "fig-filter" and self.rows:
            self.query_one("#fig-table").focus()
        else:
            self.focus_main()

    def has_rows(self) -> bool:
        """True when the table has rows."""
        return bool(self.rows)

    # -- export, cite, copy ---------------------------------------------------------------
    def export_data(self) -> Export | None:
        """The figures on screen in their order."""
        headers = ["program", "measure", "label", "value", "value_text", "unit", "as_of", "year"]
        headers += ["document", "section", "page/line", "file"]
        rows = [
            [
                r.program,
                r.measure or "",
                r.label,
                "" if r.value is None else repr(r.value),
                r.value_text,
                r.unit or "",
                r.as_of or "",
                str(r.year or ""),
                r.doc_title,
                r.section,
                where(r.page, r.line),
                doc_name(r.doc),
            ]
            for r in self.ordered()
        ]
        title = self.query_one("#fig-filter", Input).value.strip()
        return Export("figures", headers, rows, title=title) if rows else None

    def citation(self) -> str | None:
        """Citation of the figure under the cursor."""
        row = self.current_row()
        return figure_citation(row) if row else None

    def card(self) -> str | None:
        """The figure's whole table as Markdown, with its citation."""
        row = self.current_row()
        if row is None:
            return None
        text = figure_citation(row) + "\n\n"
        if self.current_table is not None and self.current_table.table_id == row.table_id:
            text += table_markdown(self.current_table)
        return text
