"""What every tab shares: lazy loading, debounce, export, citation, card, empty states."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.containers import Vertical
from textual.events import Key
from textual.reactive import var
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from kb.i18n import t

from .backend import Backend
from .export import Export
from .words import styled


def no_db_text(backend: Backend) -> Text:
    """The empty state when there is no database yet: how to fill one."""
    out = Text(t("tui.nodb.head") + "\n\n", style="bold")
    out.append(t("tui.nodb.where", path=backend.location) + "\n\n")
    out.append_text(styled("tui.nodb.press", key=Text("i", style="bold reverse")))
    out.append("\n\n")
    out.append("    kb ingest corpus/\n\n", style="bold green")
    out.append(t("tui.nodb.then"))
    return out


def loading_text(ingesting: bool) -> Text:
    """What a tab says while its data loads (during an ingest: what is read so far)."""
    out = Text(t("tui.loading"), style="dim")
    if ingesting:
        out.append(t("tui.loading.ingesting"), style="dim")
    return out


class FindInput(Input):
    """A search or filter box. `/` is the key that brings the user here, so in an empty box
    it is taken as that key, not typed (a query never starts with `/`)."""

    async def _on_key(self, event: Key) -> None:
        if event.character == "/" and not self.value:
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)


class View(Vertical):
    """A tab: loads its data the first time it is shown, and again after an ingest."""

    # True while an ingest runs; the app binds it to its own (data_bind), so no view reads
    # the app. A tab loading meanwhile says it waits; the end of an ingest reloads the tab.
    ingesting: var[bool] = var(False, init=False)
    # Documents the running ingest has stored by words (bound to the app's, like ingesting).
    documents_read: var[int] = var(0, init=False)

    def __init__(self, backend: Backend, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.backend = backend
        self.loaded = False
        self._loaded_empty = False  # loaded when there was no database yet
        self._debounce: Timer | None = None

    def debounce(self, delay: float, callback: Callable[[], object]) -> None:
        """Run `callback` once calls stop for `delay` seconds (each call restarts the clock)."""
        # Typing in a box calls this on every key: only a pause starts the (slower) fetch.
        self.cancel_debounce()
        self._debounce = self.set_timer(delay, callback)

    def cancel_debounce(self) -> None:
        """Drop a pending debounced call (e.g. Enter runs it at once instead)."""
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None

    def activate(self) -> None:
        """Called when the tab is shown: load once."""
        if not self.loaded:
            self.loaded = True
            self._loaded_empty = not self.backend.ready()
            self.load()

    def invalidate(self) -> None:
        """The data changed (after an ingest): reload now if shown, else on next show."""
        self.loaded = False
        if self.display and self.is_attached and self.parent and self.parent.display:
            self.activate()

    def watch_documents_read(self, count: int) -> None:
        """The first document of a new index is in: the tab can show it (by words) now."""
        if count and self._loaded_empty and self.backend.ready():
            self.invalidate()

    def watch_ingesting(self, was: bool, now: bool) -> None:
        """An ingest that ended may have changed the data: reload."""
        if was and not now:
            self.invalidate()

    def load(self) -> None:
        """Fetch the data (subclasses start a worker here)."""

    def begin_load(self) -> bool:
        """Show why there is nothing yet (no database) or that data is loading; True to fetch."""
        if not self.backend.ready():
            self.show_message(no_db_text(self.backend))
            return False
        self.show_message(loading_text(self.ingesting))
        return True

    def search_box(self) -> Input | None:
        """The tab's search or filter box, if it has one."""
        return None

    def on_key(self, event: Key) -> None:
        """Typing on a list goes to the tab's search box, unless the key is bound (s, c, 1 …)."""
        char = event.character
        box = self.search_box()
        if not char or not char.isprintable() or box is None:
            return
        if event.key in self.app.active_bindings:
            return
        if self.app.focused is not box and not box.disabled:
            event.stop()
            event.prevent_default()
            box.focus()
            # Re-sent after the focus change is applied, so the box sees focus, then the key.
            self.app.call_later(box.post_message, Key(event.key, char))

    def show_message(self, text: Text | None) -> None:
        """Show a message in place of the tab's content (None: show the content)."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed worker (e.g. a database error) is shown on the tab, never a crash."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            event.stop()
            self.fail(event.worker.error)

    def fail(self, error: BaseException) -> None:
        """Say what went wrong, on the tab and as a notification."""
        message = str(error) or type(error).__name__
        self.show_message(Text(message, style="bold red"))
        self.app.notify(message, title=t("tui.error.title"), severity="error", timeout=10)

    def focus_main(self) -> None:
        """Put focus on the widget a user starts from on this tab."""

    def focus_list(self) -> None:
        """Put focus on the tab's list (where one-key commands work) when switching to it."""
        self.focus_main()

    def export_data(self) -> Export | None:
        """The current results as a table, or None when there is nothing to export."""
        return None

    def citation(self) -> str | None:
        """A one-line citation of the selected item."""
        return None

    def card(self) -> str | None:
        """The selected item in full, as plain text / Markdown."""
        return None


class FilterTableView(View):
    """A tab with a filter box above a table (figures, studies): shared focus moves."""

    FILTER_ID = ""
    TABLE_ID = ""

    def __init__(self, backend: Backend, *, id: str | None = None) -> None:
        super().__init__(backend, id=id)
        self._want_list = False  # the table was asked for while its data was still loading

    def has_rows(self) -> bool:
        """True when the table has rows to move to."""
        raise NotImplementedError

    def search_box(self) -> Input:
        """The box typing goes to."""
        return self.query_one(f"#{self.FILTER_ID}", Input)

    def focus_main(self) -> None:
        """Focus the filter box."""
        self.search_box().focus()

    def focus_list(self) -> None:
        """Focus the table (the filter box while it is empty)."""
        self.query_one(f"#{self.TABLE_ID}" if self.has_rows() else f"#{self.FILTER_ID}").focus()
        self._want_list = not self.has_rows()

    def rows_arrived(self) -> None:
        """Data came in: move to the table if it was asked for while loading."""
        box = self.search_box()
        if self._want_list and self.app.focused is box and not box.value:
            self.query_one(f"#{self.TABLE_ID}").focus()
        self._want_list = False
