"""Screen 1: search as you type, with year/document filters and a detail pane."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.events import Key, Resize
from textual.reactive import var
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from kb.errors import KbError
from kb.i18n import t
from kb.present.plain import answer_text
from kb.types import AnswerCard, Hit

from .base import FindInput, View, no_db_text
from .detail import DetailPane
from .export import Export
from .format import (
    answer_strip,
    doc_name,
    hit_citation,
    hit_detail,
    hit_markdown,
    hit_prompt,
    terms_of,
    welcome_text,
    where,
)
from .messages import AnswerFound, FiltersLoaded, NeighboursLoaded, Params, SearchDone
from .words import count, localize_bindings

DEBOUNCE_S = 0.08  # coalesces bursts of keys; a search takes ~30 ms, so results follow typing
TOP_K = 20
WIDE = 140  # columns from which results and detail sit side by side


class SearchView(View):
    """Query box, year and document filters, results list, detail pane."""

    BINDINGS = [
        Binding("escape", "back", "tui.key.back", show=False, id="search.back"),
        Binding("a", "copy_answer", "tui.key.answer", id="search.copy_answer"),
    ]

    # True while the app loads the search engine (bound to the app's with data_bind).
    warming: var[bool] = var(False, init=False)

    def __init__(self, backend: Any, *, id: str | None = None) -> None:
        super().__init__(backend, id=id)
        self.hits: list[Hit] = []
        self.shown: Params | None = None  # the params whose results are on screen
        self.detail_hit: Hit | None = None
        self.detail_around: list[Hit] = []
        self.status = ""
        self.answer: AnswerCard | None = None  # figures shown above the results, if any
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        with Horizontal(id="search-bar"):
            yield FindInput(placeholder=t("tui.search.placeholder"), id="query")
            yield Select[int]([], prompt=t("tui.search.all_years"), id="year-filter")
            yield Select[str]([], prompt=t("tui.search.all_docs"), id="doc-filter")
        yield Static("", id="search-status")
        yield Static("", id="search-answer")
        yield Static(welcome_text(), id="search-message")
        with Container(id="search-body"):
            yield OptionList(id="results")
            yield DetailPane(id="detail-box")

    def on_mount(self) -> None:
        """Set up once the widgets exist."""
        self.query_one("#search-body").display = False
        self.activate()

    def on_resize(self, event: Resize) -> None:
        # Side by side only when both panes get enough columns for Korean text.
        """Switch between narrow and wide layouts."""
        self.set_class(event.size.width >= WIDE, "wide")

    # -- data -----------------------------------------------------------------------------
    def load(self) -> None:
        """Fill the filters (or show how to ingest when there is no database)."""
        ready = self.backend.ready()
        # Nothing to search yet: keep focus off the box so `i` (ingest) works as a key.
        for widget in self.query("#search-bar > *"):
            widget.disabled = not ready
        if not ready:
            self.show_message(no_db_text(self.backend))
            return
        self._load_filters()

    @work(thread=True, exclusive=True, exit_on_error=False, group="search-filters")
    def _load_filters(self) -> None:
        self.post_message(FiltersLoaded(self.backend.years(), self.backend.docs()))

    def on_filters_loaded(self, message: FiltersLoaded) -> None:
        """Fill the year and document filters, then search what is already typed."""
        self.query_one("#year-filter", Select).set_options((str(y), y) for y in message.years)
        self.query_one("#doc-filter", Select).set_options(
            (f"{d['year'] or '----'} {d['title'] or doc_name(d['path'])}", d["path"])
            for d in message.docs
        )
        if not self.query_one("#query", Input).value.strip():
            self.show_message(welcome_text())
        else:
            self.run_now()

    def params(self) -> Params:
        """What the user asks for right now: query, year, document."""
        year = self.query_one("#year-filter", Select).value
        doc = self.query_one("#doc-filter", Select).value
        return (
            self.query_one("#query", Input).value.strip(),
            year if isinstance(year, int) else None,
            doc if isinstance(doc, str) else None,
        )

    # -- typing ---------------------------------------------------------------------------
    @on(Input.Changed, "#query")
    def _typed(self) -> None:
        # Only a pause in typing launches a search. DEBOUNCE_S is read here, at each call,
        # so a test can lengthen it.
        self.debounce(DEBOUNCE_S, self.run_now)

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        self.cancel_debounce()
        if self.params() != self.shown:
            self.run_now()
        if self.hits:
            self.query_one("#results").focus()

    def on_key(self, event: Key) -> None:
        """↓ in the query box goes to the results, as the welcome text says."""
        if event.key == "down" and self.hits and self.app.focused is self.query_one("#query"):
            event.stop()
            self.query_one("#results").focus()

    @on(Select.Changed)
    def _filtered(self) -> None:
        self.run_now()

    def run_now(self) -> None:
        """Start a search for the current params (or clear the list for an empty query)."""
        if not self.backend.ready():
            return
        params = self.params()
        if not params[0]:
            self.hits, self.shown, self.answer = [], params, None
            self.query_one("#search-answer").display = False
            self.query_one("#results", OptionList).clear_options()
            self._status("")
            self.show_message(welcome_text())
            return
        self._status(t("tui.search.searching", query=params[0]))
        self._search(params)

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def _search(self, params: Params) -> None:
        query, year, doc = params
        if get_current_worker().is_cancelled:
            return
        waiting = 0
        try:
            hits = self.backend.search(query, k=TOP_K, year=year, doc=doc)
            waiting = self.backend.waiting()
            error = None
        except KbError as exc:
            hits, error = [], str(exc)
        if not get_current_worker().is_cancelled:
            self.post_message(SearchDone(params, hits, error, waiting))

    def on_search_done(self, message: SearchDone) -> None:
        """Show a search's hits, unless the user has typed on since."""
        self._show(message.params, message.hits, message.error, message.waiting)

    def _show(self, params: Params, hits: list[Hit], error: str | None, waiting: int = 0) -> None:
        # A slower, older search must never overwrite the results of what is typed now.
        if params != self.params():
            return
        self.hits, self.shown = hits, params
        self.answer = None
        self.query_one("#search-answer").display = False
        results = self.query_one("#results", OptionList)
        results.clear_options()
        if error:
            self._status("")
            self.show_message(Text(error, style="bold red"))
            return
        if not hits:
            self._status("")
            self.show_message(self._no_results(params))
            return
        results.add_options(Option(hit_prompt(h), id=str(h.chunk_id)) for h in hits)
        summary = self._summary(params, len(hits))
        if waiting:  # an ingest runs (or was stopped): said, so a miss is not taken as final
            summary += t("tui.search.waiting", n=waiting)
        self._status(summary)
        self.show_message(None)
        results.highlighted = 0
        self._load_answer(params, hits[:3])

    @work(thread=True, exclusive=True, exit_on_error=False, group="answer")
    def _load_answer(self, params: Params, hits: list[Hit]) -> None:
        # A change question's values and change, or the stored figures that surely answer
        # the query, above the passages (None: nothing).
        query, year, _doc = params
        card = self.backend.stored_answer(query, year, hits)
        if card is not None and not get_current_worker().is_cancelled:
            self.post_message(AnswerFound(params, card))

    def on_answer_found(self, message: AnswerFound) -> None:
        """Show the stored figures above the results of the search they answer."""
        params = message.params
        if params != self.params() or params != self.shown:
            return  # typed on since: the strip would answer another question
        self.answer = message.card
        strip = self.query_one("#search-answer", Static)
        strip.update(answer_strip(message.card))
        strip.display = True

    def _summary(self, params: Params, n: int) -> str:
        query, year, doc = params
        bits = [count("tui.search.results", n, n=n, query=query)]
        if year is not None:
            bits.append(t("tui.search.year", year=year))
        if doc:
            bits.append(t("tui.search.document", name=doc_name(doc)))
        return " · ".join(bits)

    def _no_results(self, params: Params) -> Text:
        query, year, doc = params
        out = Text(t("tui.search.none", query=query) + "\n\n", style="bold")
        if year is not None or doc:
            on = (
                year is not None and t("tui.search.year", year=year),
                doc and t("tui.search.a_document"),
            )
            out.append(t("tui.search.filtered", filters=", ".join(x for x in on if x)))
        else:
            out.append(t("tui.search.try_other"))
        return out

    def show_message(self, text: Text | None) -> None:
        """Show a message in place of the results (None: show the results)."""
        msg = self.query_one("#search-message", Static)
        msg.display = text is not None
        if text is not None:
            msg.update(text)
        self.query_one("#search-body").display = text is None

    def _status(self, text: str) -> None:
        self.status = text
        self.query_one("#search-status", Static).update(text)

    def set_status(self, text: str) -> None:
        """Show a one-line status above the results (unless a search already says more)."""
        if not self.status:
            self._status(text)

    def clear_status(self, text: str) -> None:
        """Clear the status line if it still shows `text`."""
        if self.status == text:
            self._status("")

    def watch_warming(self, warming: bool) -> None:
        """Say on the status line that the search engine is loading, until it has."""
        if warming:
            self.set_status(t("tui.search.warming"))
        else:
            self.clear_status(t("tui.search.warming"))

    # -- detail pane ----------------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#results")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        hit = self.current_hit()
        if hit is not None:
            self._fill_detail(hit, [])
            self._load_detail(hit)

    @on(OptionList.OptionSelected, "#results")
    def _selected(self) -> None:
        # Enter opens the passage: focus the detail pane so it can be scrolled.
        self.query_one("#detail").focus()

    @work(thread=True, exclusive=True, exit_on_error=False, group="detail")
    def _load_detail(self, hit: Hit) -> None:
        self.post_message(NeighboursLoaded(hit, self.backend.neighbours(hit.chunk_id)))

    def on_neighbours_loaded(self, message: NeighboursLoaded) -> None:
        """Show the passages around the highlighted hit in the detail pane."""
        hit, current = message.hit, self.current_hit()
        if current is None or current.chunk_id != hit.chunk_id:
            return  # the highlight moved on while the neighbours loaded
        self.detail_hit, self.detail_around = hit, message.around
        self._fill_detail(hit, message.around)

    def _fill_detail(self, hit: Hit, around: list[Hit]) -> None:
        self.query_one(DetailPane).show(hit, around, self._terms(hit))

    def _terms(self, hit: Hit) -> list[str]:
        return terms_of(hit)

    def current_hit(self) -> Hit | None:
        """The hit under the cursor of the results list."""
        index = self.query_one("#results", OptionList).highlighted
        if index is None or not 0 <= index < len(self.hits):
            return None
        return self.hits[index]

    def detail_plain(self) -> str:
        """The detail pane as plain text (what a test or a copy sees)."""
        hit = self.current_hit()
        if hit is None:
            return ""
        around = self.detail_around if self.detail_hit is hit else []
        return hit_detail(hit, around, []).plain

    def answer_card(self) -> str | None:
        """The answer card of the query on screen, as `kb answer` prints it (None: none)."""
        if self.answer is None:
            return None
        return answer_text(replace(self.answer, passages=self.hits[:3]))

    def action_copy_answer(self) -> None:
        """Copy the answer card (stored figures and the top passages, cited) for a reply."""
        text = self.answer_card()
        if text is None:
            self.app.notify(
                t("tui.answer.none"), title=t("tui.answer.none_title"), severity="warning"
            )
            return
        self.app.copy_to_clipboard(text)
        head = next((x for x in text.splitlines() if x.startswith("■")), text.splitlines()[0])
        self.app.notify(head[:120], title=t("tui.answer.copied"))

    # -- navigation -----------------------------------------------------------------------
    def action_back(self) -> None:
        """Escape: detail → results ⇄ search box (the tab bar when there are no results)."""
        focused = self.app.focused
        fid = focused.id if focused is not None else None
        if fid == "detail":
            self.query_one("#results").focus()
        elif fid == "results":
            self.focus_main()
        elif self.hits:
            # Leaving the query box makes the one-key bindings (1–4, c, e …) usable.
            self.query_one("#results").focus()
        else:
            self.app.query_one("#tabs Tabs").focus()

    def search_box(self) -> Input:
        """The box typing goes to."""
        return self.query_one("#query", Input)

    def focus_main(self) -> None:
        """Focus the query box (the tab bar while there is no database)."""
        if self.backend.ready():
            self.query_one("#query").focus()
        else:
            self.app.query_one("#tabs Tabs").focus()

    def focus_list(self) -> None:
        """Focus the results (the query box when there are none)."""
        self.query_one("#results" if self.hits else "#query").focus()

    # -- export, cite, copy ---------------------------------------------------------------
    def export_data(self) -> Export | None:
        """The hits on screen, one row each."""
        if not self.hits or self.shown is None:
            return None
        rows = [
            [
                str(h.rank),
                f"{h.score:.3f}",
                h.doc.title,
                str(h.doc.year or ""),
                h.section,
                where(h.page, h.line),
                doc_name(h.doc.path),
                h.snippet,
            ]
            for h in self.hits
        ]
        headers = ["rank", "score", "title", "year", "section", "page/line", "file", "snippet"]
        return Export("search", headers, rows, title=self.shown[0])

    def citation(self) -> str | None:
        """Citation of the hit under the cursor."""
        hit = self.current_hit()
        return hit_citation(hit) if hit else None

    def card(self) -> str | None:
        """The hit under the cursor, citation and whole passage."""
        hit = self.current_hit()
        return hit_markdown(hit) if hit else None
