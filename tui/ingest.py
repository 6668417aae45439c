"""The ingest dialog: a folder tree to pick from, a path box, a progress bar, the outcome; the
work runs in the app. On a first run (no documents yet) it is the first thing shown."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Iterable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Input, Label, ProgressBar, Static

from kb.i18n import t
from kb.progress import IngestTally
from kb.text import printable

from .words import localize_bindings

DEFAULT_PATH = "corpus/"  # the sample report's folder, offered when the current folder has it


def default_path(cwd: Path) -> str:
    """What the path box holds at first: `corpus/` when there is one here, else nothing."""
    return DEFAULT_PATH if (cwd / DEFAULT_PATH).is_dir() else ""


def path_text(path: Path, cwd: Path) -> str:
    """A picked path as the box shows it: relative to the current folder when inside it (as
    typed in a shell), quoted only when it holds a space or a quote (shlex.quote alone would
    quote every Korean name); a folder ends in `/`."""
    try:
        shown = str(path.relative_to(cwd)) if path != cwd else "."
    except ValueError:
        shown = str(path)
    if path.is_dir() and not shown.endswith("/"):
        shown += "/"
    return shlex.quote(shown) if re.search(r"[\s'\"\\$`]", shown) else shown


class FolderPicker(DirectoryTree):
    """The current folder's tree, hidden entries left out; Enter on a folder or a file picks it."""

    def __init__(self, path: Path, *, id: str | None = None) -> None:
        super().__init__(path, id=id)

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        """Leave out hidden files and folders (.git, .venv …), as `kb ingest` skips them."""
        return [p for p in paths if not p.name.startswith(".")]

    async def watch_path(self) -> None:
        """Show the root as its folder's name, not a machine-specific absolute path."""
        await super().watch_path()
        root = Path(self.path)
        self.root.set_label(Text(printable(root.name or str(root)) + "/", style="bold"))


class IngestScreen(ModalScreen[None]):
    """Ask for files or folders to ingest and show progress while the app ingests them."""

    BINDINGS = [Binding("escape", "close", "tui.key.close", id="ingest.close")]
    CSS_PATH = "ingest.tcss"  # beside this file, loaded when the dialog first opens

    def __init__(
        self,
        start: Callable[[str], None],
        running: bool = False,
        tally: IngestTally | None = None,
        first_run: bool = False,
        cwd: Path | None = None,
    ) -> None:
        super().__init__()
        self._start = start
        self.running = running
        self._tally = tally  # progress so far, when reopened during an ingest
        self.first_run = first_run
        self.cwd = cwd or Path.cwd()
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        with Vertical(id="ingest-box"):
            title = "tui.ingest.first_title" if self.first_run else "tui.ingest.title"
            yield Label(t(title), id="ingest-title")
            if self.first_run:
                yield Static(t("tui.ingest.first_hint"), classes="hint", id="ingest-first")
            yield Static(t("tui.ingest.tree_hint"), classes="hint")
            yield FolderPicker(self.cwd, id="ingest-tree")
            yield Static(t("tui.ingest.path_hint"), classes="hint")
            yield Input(value=default_path(self.cwd), id="ingest-path")
            yield ProgressBar(total=100, show_eta=False, id="ingest-bar")
            yield Static(t("tui.ingest.ready"), id="ingest-status", classes="hint")

    def on_mount(self) -> None:
        """Set up once the widgets exist."""
        if self.running:
            self.query_one("#ingest-status", Static).update(t("tui.ingest.running"))
            self.query_one("#ingest-path", Input).disabled = True
            self.query_one("#ingest-tree", FolderPicker).disabled = True
            if self._tally is not None:
                self.progress(self._tally)
        elif self.first_run:
            self.query_one("#ingest-tree", FolderPicker).focus()  # nothing typed yet: pick
        else:
            self.query_one("#ingest-path", Input).focus()

    @on(DirectoryTree.DirectorySelected, "#ingest-tree")
    @on(DirectoryTree.FileSelected, "#ingest-tree")
    def _picked(self, event: DirectoryTree.DirectorySelected | DirectoryTree.FileSelected) -> None:
        # Enter on a folder also opens it (Textual's tree): the box follows the cursor's pick.
        self.query_one("#ingest-path", Input).value = path_text(event.path, self.cwd)
        if isinstance(event, DirectoryTree.FileSelected):
            self.query_one("#ingest-path", Input).focus()  # a file: nothing more to open

    @on(Input.Submitted, "#ingest-path")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.running:
            return
        if not event.value.strip():
            self.query_one("#ingest-status", Static).update(t("tui.ingest.no_path"))
            return
        self.running = True
        event.input.disabled = True
        self.query_one("#ingest-tree", FolderPicker).disabled = True
        self.query_one("#ingest-bar", ProgressBar).update(progress=0)
        self.query_one("#ingest-status", Static).update(t("tui.ingest.starting"))
        self._start(event.value)

    def progress(self, tally: IngestTally) -> None:
        """Show where the running ingest stands: files read (searchable by words at once),
        chunks embedded (called on the UI thread)."""
        self.query_one("#ingest-bar", ProgressBar).update(progress=100 * tally.fraction)
        self.query_one("#ingest-status", Static).update(
            describe(tally) + "\n" + t("tui.ingest.searchable")
        )

    def finished(self, summary: str) -> None:
        """Show the outcome; the dialog stays until Escape."""
        self.running = False
        self.query_one("#ingest-bar", ProgressBar).update(progress=100)
        self.query_one("#ingest-status", Static).update(
            summary + "\n\n" + t("tui.ingest.esc_closes")
        )

    def action_close(self) -> None:
        """Close the dialog (a running ingest carries on)."""
        self.dismiss(None)


def describe(tally: IngestTally) -> str:
    """Two short lines: the words stage and the vectors stage (kb.progress counts them; the
    words are the catalogue's)."""
    words = t("tui.ingest.words", done=tally.files_seen, total=tally.files_total)
    if tally.reading and not tally.finished:
        words += f" — {printable(Path(tally.reading).name)}"
    done = tally.chunks_done + tally.chunks_now
    vectors = t("tui.ingest.vectors", done=done, total=tally.chunks_total)
    if tally.embedding:
        vectors += f" — {printable(Path(tally.embedding).name)}"
    return f"{words}\n{vectors}"
