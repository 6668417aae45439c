"""Screen 4: studies by year, category and method, searchable, with the passages about them."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, Static

from kb.errors import KbError
from kb.i18n import t
from kb.present.cards import study_card
from kb.present.values import marked_text
from kb.types import Hit, Study

from .base import FilterTableView, FindInput
from .export import Export
from .format import HIGHLIGHT, doc_name, focus_snippet, short_section, study_citation, where
from .messages import PassagesFound, StudiesLoaded
from .words import count, header, localize_bindings

DEBOUNCE_S = 0.15
PASSAGES = 3


def study_order(s: Study) -> tuple[Any, ...]:
    """Newest year first, then category, method and title."""
    return (-(s.year or 0), s.category or "~", s.method or "~", s.title)


def study_detail(s: Study, passages: list[Hit] | None) -> Text:
    """A study's facts, its citation and the passages that mention it."""
    card = study_card(s)
    out = Text(card.title + "\n", style="bold cyan")
    out.append(" · ".join(card.facts) + "\n", style="dim")
    place = where(None, card.line)  # a study is cited by its line, as the CLI does
    out.append(f"{short_section(card.section)} · {place} · {card.doc}\n", style="green")
    if passages is None:
        out.append("\n" + t("tui.studies.looking"), style="dim")
        return out
    # A heading of the TUI's own panes, as its tables' headers.
    out.append(f"\n{header('passages')}\n", style="bold")
    if not passages:
        out.append("—\n", style="dim")
    for h in passages:
        place = short_section(h.section) or t("tui.no_section")
        out.append(f"• {place} · {where(h.page, h.line)}\n", style="green")
        out.append("  ")
        out.append_text(marked_text(*focus_snippet(h.snippet, h.marks), HIGHLIGHT))
        out.append("\n")
    return out


class StudiesView(FilterTableView):
    """Filter box, the studies table, the selected study with its passages."""

    FILTER_ID = "study-filter"
    TABLE_ID = "study-table"

    BINDINGS = [Binding("escape", "back", "tui.key.back", show=False, id="studies.back")]

    def __init__(self, backend: Any, *, id: str | None = None) -> None:
        super().__init__(backend, id=id)
        self.studies: list[Study] = []
        self.passages: dict[int, list[Hit]] = {}  # by id() of the study on screen
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        yield FindInput(placeholder=t("tui.studies.placeholder"), id="study-filter")
        yield Static("", id="study-status")
        yield Static("", id="study-message")
        yield DataTable(id="study-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="study-detail"):
            yield Static("", id="study-detail-text")

    def on_mount(self) -> None:
        """Set up once the widgets exist."""
        table = self.query_one("#study-table", DataTable)
        table.add_columns(*(header(k) for k in ("year", "category", "method", "title")))
        self.show_message(None)

    def load(self) -> None:
        """Load the studies (or say why not)."""
        if self.begin_load():
            self._fetch(self.query_one("#study-filter", Input).value.strip())

    @on(Input.Changed, "#study-filter")
    def _typed(self) -> None:
        self.debounce(DEBOUNCE_S, self._refilter)

    @on(Input.Submitted, "#study-filter")
    def _submitted(self) -> None:
        self.query_one("#study-table").focus()

    def _refilter(self) -> None:
        if self.backend.ready():
            self._fetch(self.query_one("#study-filter", Input).value.strip())

    @work(thread=True, exclusive=True, exit_on_error=False, group="studies")
    def _fetch(self, query: str) -> None:
        self.post_message(StudiesLoaded(query, self.backend.studies(query or None)))

    def on_studies_loaded(self, message: StudiesLoaded) -> None:
        """Show the studies of the filter typed now (an older filter's are dropped)."""
        query, studies = message.query, message.studies
        if query != self.query_one("#study-filter", Input).value.strip():
            return  # a newer filter is on its way
        by_meaning = bool(studies) and studies[0].match == "meaning"
        # Nearest-by-meaning results keep their ranking; word matches read best by year.
        self.studies = list(studies) if by_meaning else sorted(studies, key=study_order)
        if not studies:
            self.show_message(
                Text(t("tui.studies.none", query=query) if query else t("tui.studies.empty"))
            )
            return
        self.show_message(None)
        table = self.query_one("#study-table", DataTable)
        self.rows_arrived()
        table.clear()
        for i, s in enumerate(self.studies):
            cells = (str(s.year or ""), s.category or "", s.method or "", s.title)
            table.add_row(*(Text(c) for c in cells), key=str(i))
        n = len(self.studies)
        years = sorted({s.year for s in self.studies if s.year}, reverse=True)
        self.query_one("#study-status", Static).update(
            count("tui.studies.count", n, n=n)
            + (f" · {', '.join(map(str, years))}" if years else "")
            + (t("tui.studies.by_meaning", query=query) if by_meaning else t("tui.studies.by_year"))
        )
        table.move_cursor(row=0)
        self._show(self.current())

    def show_message(self, text: Text | None) -> None:
        """Show a message in place of the list (None: show the list)."""
        msg = self.query_one("#study-message", Static)
        msg.display = text is not None
        if text is not None:
            msg.update(text)
        for wid in ("#study-table", "#study-detail"):
            self.query_one(wid).display = text is None

    def current(self) -> Study | None:
        """The study under the cursor."""
        row = self.query_one("#study-table", DataTable).cursor_row
        return self.studies[row] if self.studies and 0 <= row < len(self.studies) else None

    @on(DataTable.RowHighlighted, "#study-table")
    def _highlighted(self) -> None:
        self._show(self.current())

    @on(DataTable.RowSelected, "#study-table")
    def _selected(self) -> None:
        self.query_one("#study-detail").focus()

    def _show(self, study: Study | None) -> None:
        if study is None:
            return
        text = self.query_one("#study-detail-text", Static)
        cached = self.passages.get(id(study))
        text.update(study_detail(study, cached))
        if cached is None:
            self._find_passages(study)

    @work(thread=True, exclusive=True, exit_on_error=False, group="study-passages")
    def _find_passages(self, study: Study) -> None:
        try:
            hits = self.backend.search(study.title, k=PASSAGES, year=study.year)
        except KbError:
            hits = []
        self.post_message(PassagesFound(study, hits))

    def on_passages_found(self, message: PassagesFound) -> None:
        """Keep a study's passages and show them if the study is still under the cursor."""
        study, hits = message.study, message.hits
        self.passages[id(study)] = hits
        if self.current() is study:
            self.query_one("#study-detail-text", Static).update(study_detail(study, hits))

    def action_back(self) -> None:
        """Escape: detail → table ⇄ filter box."""
        focused = self.app.focused
        fid = focused.id if focused is not None else None
        if fid == "study-detail" or (fid == "study-filter" and self.studies):
            self.query_one("#study-table").focus()
        else:
            self.focus_main()

    def has_rows(self) -> bool:
        """True when the table has rows."""
        return bool(self.studies)

    # -- export, cite, copy ---------------------------------------------------------------
    def export_data(self) -> Export | None:
        """The studies on screen."""
        headers = ["year", "category", "method", "title", "section", "line", "file"]
        rows = [
            [
                str(s.year or ""),
                s.category or "",
                s.method or "",
                s.title,
                s.section_path,
                str(s.line),
                doc_name(s.doc),
            ]
            for s in self.studies
        ]
        title = self.query_one("#study-filter", Input).value.strip()
        return Export("studies", headers, rows, title=title) if rows else None

    def citation(self) -> str | None:
        """Citation of the study under the cursor."""
        s = self.current()
        return study_citation(s) if s else None

    def card(self) -> str | None:
        """The study's citation and its passages, as text."""
        s = self.current()
        if s is None:
            return None
        return study_citation(s) + "\n\n" + study_detail(s, self.passages.get(id(s), [])).plain
