"""The kb terminal UI: five tabs (search, figures, programs, studies, trends) over the kb facade."""

from __future__ import annotations

import gc
import shlex
from collections.abc import Callable, Iterable
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Header, TabbedContent, TabPane
from textual.worker import Worker, WorkerState

from kb.facade import KnowledgeBase
from kb.i18n import t
from kb.progress import IngestTally

from .backend import Backend
from .base import View
from .export import write_export
from .figures import FiguresView
from .ingest import IngestScreen
from .messages import IngestDone, IngestProgress
from .programs import ProgramsView
from .search import SearchView
from .studies import StudiesView
from .trends import TrendsView
from .words import localize_bindings

# (pane id, key, view): the tab's title is the catalogue's `tui.tab.<pane id>`.
TABS = (
    ("search", "1", SearchView),
    ("figures", "2", FiguresView),
    ("programs", "3", ProgramsView),
    ("studies", "4", StudiesView),
    ("trends", "5", TrendsView),
)
SCREENS = Binding.Group("tui.key.screens", compact=True)
# Textual's own palette commands, by their titles, in kb's words (others pass as they are).
SYSTEM_COMMANDS = {
    "Theme": "tui.sys.theme",
    "Quit": "tui.sys.quit",
    "Keys": "tui.sys.keys",
    "Maximize": "tui.sys.maximize",
    "Minimize": "tui.sys.minimize",
    "Screenshot": "tui.sys.screenshot",
}
WARM_UP_DELAY_S = 0.1


class KbApp(App[None]):
    """Search, figures, programs, studies and trends of the reports in one knowledge base."""

    TITLE = "kb"
    # Each tab's style sits beside its module; paths resolve against this file's folder, so
    # they hold in an installed package too (the .tcss files ship as package data).
    CSS_PATH = [
        "app.tcss",
        "search.tcss",
        "figures.tcss",
        "programs.tcss",
        "studies.tcss",
        "trends.tcss",
    ]
    # Every binding has an id ("<owner>.<action>") so a keymap (App.set_keymap) can move it;
    # its description is a catalogue key, put in the language in use when the app is built.
    BINDINGS = [
        Binding("1,f1", "show_tab('search')", "tui.tab.search", group=SCREENS, id="app.tab_search"),
        Binding(
            "2,f2", "show_tab('figures')", "tui.tab.figures", group=SCREENS, id="app.tab_figures"
        ),
        Binding(
            "3,f3", "show_tab('programs')", "tui.tab.programs", group=SCREENS, id="app.tab_programs"
        ),
        Binding(
            "4,f4", "show_tab('studies')", "tui.tab.studies", group=SCREENS, id="app.tab_studies"
        ),
        Binding("5,f5", "show_tab('trends')", "tui.tab.trends", group=SCREENS, id="app.tab_trends"),
        Binding("slash", "focus_search", "tui.key.find", id="app.focus_search"),
        Binding("c", "copy_citation", "tui.key.cite", id="app.copy_citation"),
        Binding("y", "copy_card", "tui.key.copy", id="app.copy_card"),
        Binding("e", "export('csv')", "tui.key.csv", id="app.export_csv"),
        Binding("m", "export('md')", "tui.key.markdown", id="app.export_md"),
        Binding("i", "ingest", "tui.key.ingest", id="app.ingest"),
    ]

    # App state the views follow through data_bind (see compose), never by reading the app.
    ingesting: var[bool] = var(False, init=False)  # an ingest runs in the background
    # Documents the running ingest has stored by words: searchable from then on.
    documents_read: var[int] = var(0, init=False)
    warming: var[bool] = var(False, init=False)  # the search engine is loading

    def __init__(self, kb: KnowledgeBase, export_dirs: list[Path] | None = None) -> None:
        super().__init__()
        self.backend = Backend(kb)
        # Exports go to the current directory, else to the data directory.
        self.export_dirs = export_dirs
        self.last_export: Path | None = None
        self.ingest_screen: IngestScreen | None = None
        self.tally = IngestTally()  # the running (or last) ingest's progress
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        yield Header(icon="▣")
        with TabbedContent(initial="search", id="tabs"):
            for pane_id, key, view in TABS:
                with TabPane(f"{key} {t(f'tui.tab.{pane_id}')}", id=pane_id):
                    yield self._bound(view(self.backend, id=f"{pane_id}-view"))
        yield Footer()

    def _bound(self, view: View) -> View:
        # Every view follows `ingesting` and `documents_read`; the search view also shows
        # `warming`.
        view.data_bind(KbApp.ingesting, KbApp.documents_read)
        if isinstance(view, SearchView):
            view.data_bind(KbApp.warming)
        return view

    def on_mount(self) -> None:
        """Set up once the widgets exist."""
        self.sub_title = self._subtitle()
        self.query_one("#search-view", SearchView).focus_main()
        if self.backend.ready():
            # After the first frame is out: a native library loading in a thread can hold
            # the GIL for a while, so the screen and a status line must come first.
            self.set_timer(WARM_UP_DELAY_S, self.warm_up)
            self._first_run_check()
        else:
            # First run: no index yet. The way in is the ingest dialog with its folder
            # picker, not an empty screen (Escape closes it; `i` opens it again).
            self.action_ingest(first_run=True)

    def warm_up(self) -> None:
        """Load the search engine in the background, saying so on the search tab."""
        self.warming = True
        self._warm_up()

    def on_unmount(self) -> None:
        """Hand frozen objects back to the collector (tests run many apps in one process)."""
        gc.unfreeze()

    def _subtitle(self) -> str:
        # The file's or the database's name only: a path or a URL would differ between
        # machines and runs.
        name = self.backend.name
        if self.backend.on_server:
            return t("tui.subtitle.server", name=name)
        return name if self.backend.ready() else t("tui.subtitle.no_db", name=name)

    @work(thread=True, exclusive=True, exit_on_error=False, group="first-run")
    def _first_run_check(self) -> None:
        # An index without documents (made, then emptied) is a first run too.
        if not self.backend.docs():
            self.call_from_thread(self.action_ingest, True)

    @work(thread=True, exclusive=True, exit_on_error=False, group="warm-up")
    def _warm_up(self) -> None:
        # Loading the embedder (and any analyser) takes time: do it before the first keystroke.
        self.backend.warm_up()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The warm-up failing (e.g. an index from an older kb) is reported, not fatal."""
        if event.worker.group == "warm-up" and event.state in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
        ):
            self.warming = False
            # Everything loaded so far (modules, model, widgets) lives as long as the app:
            # keep it out of the collector, whose full passes over it stalled typing ~80 ms.
            gc.freeze()
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            self.notify(
                str(error) or type(error).__name__, title=t("tui.error.title"), severity="error"
            )

    # -- tabs -----------------------------------------------------------------------------
    def active_view(self) -> View:
        """The view of the tab on screen."""
        active = self.query_one("#tabs", TabbedContent).active or "search"
        return self.query_one(f"#{active}-view", View)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        view = self.query_one(f"#{event.pane.id}-view", View)
        view.activate()

    def action_show_tab(self, tab: str) -> None:
        """Switch to a tab and put focus where work starts there."""
        self.query_one("#tabs", TabbedContent).active = tab
        view = self.query_one(f"#{tab}-view", View)
        view.activate()
        view.focus_list()

    def action_focus_search(self) -> None:
        """`/`: the search box of the current tab (the query box on tab 1)."""
        self.active_view().focus_main()

    # -- copy and export ------------------------------------------------------------------
    def action_copy_citation(self) -> None:
        """Copy a one-line citation of the selected item."""
        self._copy(self.active_view().citation(), "citation")

    def action_copy_card(self) -> None:
        """Copy the selected item in full (passage, table, card)."""
        self._copy(self.active_view().card(), "card")

    def _copy(self, text: str | None, what: str) -> None:
        if not text:
            self.notify(
                t("tui.copy.select_first"), title=t(f"tui.copy.{what}_none"), severity="warning"
            )
            return
        self.copy_to_clipboard(text)
        first = text.strip().splitlines()[0]
        self.notify(first[:120], title=t(f"tui.copy.{what}_done"))

    def action_export(self, fmt: str) -> None:
        """Write the current tab's results to CSV or Markdown and say where."""
        data = self.active_view().export_data()
        if data is None or not data.rows:
            self.notify(t("tui.export.nothing"), severity="warning")
            return
        dirs = self.export_dirs or [Path.cwd(), self.backend.data_dir]
        try:
            path = write_export(data, fmt, dirs)
        except OSError as exc:
            self.notify(str(exc), title=t("tui.export.failed"), severity="error")
            return
        self.last_export = path
        self.notify(
            t("tui.export.rows", n=len(data.rows), path=path), title=t("tui.export.done"), timeout=8
        )

    # -- ingest ---------------------------------------------------------------------------
    def action_ingest(self, first_run: bool = False) -> None:
        """Ask for a path (typed or picked in a folder tree) and ingest it in a background
        thread; `first_run` says the index has no documents yet."""
        if self.ingest_screen is not None:
            return  # already open
        self.ingest_screen = IngestScreen(
            self.start_ingest, running=self.ingesting, tally=self.tally, first_run=first_run
        )
        self.push_screen(self.ingest_screen, callback=self._ingest_closed)

    def _ingest_closed(self, _: None) -> None:
        self.ingest_screen = None
        if self.backend.ready() and not self.ingesting:
            self.active_view().focus_main()

    def start_ingest(self, text: str) -> None:
        """Start ingesting the paths typed in (or picked for) the ingest box."""
        if self.ingesting:
            self.notify(t("tui.ingest.already"), severity="warning")
            return
        try:
            paths = shlex.split(text)
        except ValueError as exc:
            self.notify(t("tui.ingest.bad_paths", error=exc), severity="error")
            return
        self.ingesting = True
        self.tally = IngestTally()
        self._ingest(paths)

    @work(thread=True, exclusive=True, group="ingest")
    def _ingest(self, paths: list[str]) -> None:
        def progress(stage: str, path: str, done: int, total: int) -> None:
            """Forward ingest progress to the UI thread."""
            self.post_message(IngestProgress(stage, path, done, total))

        try:
            report = self.backend.ingest(paths, progress)
        except Exception as exc:  # shown in the app, never a crash of the UI
            self.post_message(IngestDone(None, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(IngestDone(report, None))

    def on_ingest_progress(self, message: IngestProgress) -> None:
        """Count the progress (for a reopened dialog) and show it in the dialog if open."""
        self.tally.update(message.stage, message.path, message.done, message.total)
        self.documents_read = self.tally.documents
        if self.ingest_screen is not None:
            self.ingest_screen.progress(self.tally)

    def on_ingest_done(self, message: IngestDone) -> None:
        """Say how the ingest went, then reload the tabs and the search engine."""
        report, error = message.report, message.error
        if report is None:
            summary, severity = error or t("tui.ingest.failed"), "error"
        else:
            summary = t(
                "tui.ingest.summary",
                added=len(report.added),
                replaced=len(report.replaced),
                unchanged=len(report.unchanged),
                failed=len(report.failed),
                chunks=report.chunks,
            )
            summary += "".join(f"\n{p}: {why}" for p, why in report.failed[:5])
            severity = "warning" if report.failed else "information"
        if self.ingest_screen is not None:
            self.ingest_screen.finished(summary)
        self.notify(summary, title=t("tui.ingest.notify_title"), severity=severity, timeout=10)  # type: ignore[arg-type]
        self.sub_title = self._subtitle()
        self.ingesting = False  # the views reload: the data may have changed
        if self.backend.ready():
            self.warm_up()

    # -- command palette ------------------------------------------------------------------
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """App commands for the palette (ctrl+p), beside Textual's own."""
        for command in super().get_system_commands(screen):
            key = SYSTEM_COMMANDS.get(command.title)
            if key is not None:
                command = command._replace(title=t(key), help=t(f"{key}_help"))
            yield command
        for pane_id, key, _ in TABS:
            name = t(f"tui.tab.{pane_id}")
            yield SystemCommand(
                t("tui.cmd.go", name=name),
                t("tui.cmd.go_help", name=name, digit=key),
                self._go(pane_id),
            )
        yield SystemCommand(t("tui.cmd.ingest"), t("tui.cmd.ingest_help"), self.action_ingest)
        yield SystemCommand(t("tui.cmd.csv"), t("tui.cmd.csv_help"), self._export("csv"))
        yield SystemCommand(t("tui.cmd.md"), t("tui.cmd.md_help"), self._export("md"))
        yield SystemCommand(t("tui.cmd.cite"), t("tui.cmd.cite_help"), self.action_copy_citation)
        yield SystemCommand(t("tui.cmd.card"), t("tui.cmd.card_help"), self.action_copy_card)

    def action_command_palette(self) -> None:
        """Open the command palette, its search box in the language in use."""
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            palette = CommandPalette(
                id="--command-palette", placeholder=t("tui.palette.placeholder")
            )
            localize_bindings(palette)  # its Escape's description, shown in the footer
            self.push_screen(palette)

    def _go(self, tab: str) -> Callable[[], None]:
        return lambda: self.action_show_tab(tab)

    def _export(self, fmt: str) -> Callable[[], None]:
        return lambda: self.action_export(fmt)


def create_app(kb: KnowledgeBase, export_dirs: list[Path] | None = None) -> KbApp:
    """The Textual app over a KnowledgeBase (used by `kb tui` and the tests)."""
    return KbApp(kb, export_dirs=export_dirs)
