"""The ingest dialog: a path box, a progress bar, the outcome; the work runs in the app."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ProgressBar, Static

from kb.progress import IngestTally

DEFAULT_PATH = "corpus/"


class IngestScreen(ModalScreen[None]):
    """Ask for files or folders to ingest and show progress while the app ingests them."""

    BINDINGS = [Binding("escape", "close", "Close", id="ingest.close")]
    CSS_PATH = "ingest.tcss"  # beside this file, loaded when the dialog first opens

    def __init__(
        self,
        start: Callable[[str], None],
        running: bool = False,
        tally: IngestTally | None = None,
    ) -> None:
        super().__init__()
        self._start = start
        self.running = running
        self._tally = tally  # progress so far, when reopened during an ingest

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        with Vertical(id="ingest-box"):
            yield Label("Ingest documents", id="ingest-title")
            yield Label(
                "Files or folders (PDF, HWP, HWPX, DOCX, XLSX, HTML, TXT, MD), "
                "separated by spaces:",
                classes="hint",
            )
            yield Input(value=DEFAULT_PATH, id="ingest-path")
            yield ProgressBar(total=100, show_eta=False, id="ingest-bar")
            yield Static(
                "Enter starts · Esc closes (ingest keeps running in the background)",
                id="ingest-status",
                classes="hint",
            )

    def on_mount(self) -> None:
        """Set up once the widgets exist."""
        if self.running:
            self.query_one("#ingest-status", Static).update("An ingest is running…")
            self.query_one("#ingest-path", Input).disabled = True
            if self._tally is not None:
                self.progress(self._tally)
        else:
            self.query_one("#ingest-path", Input).focus()

    @on(Input.Submitted, "#ingest-path")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.running:
            return
        self.running = True
        event.input.disabled = True
        self.query_one("#ingest-bar", ProgressBar).update(progress=0)
        self.query_one("#ingest-status", Static).update("Starting (loading the embedder)…")
        self._start(event.value)

    def progress(self, tally: IngestTally) -> None:
        """Show where the running ingest stands: files read (searchable by words at once),
        chunks embedded (called on the UI thread)."""
        self.query_one("#ingest-bar", ProgressBar).update(progress=100 * tally.fraction)
        self.query_one("#ingest-status", Static).update(
            tally.describe() + "\nDocuments read are searchable by words already."
        )

    def finished(self, summary: str) -> None:
        """Show the outcome; the dialog stays until Escape."""
        self.running = False
        self.query_one("#ingest-bar", ProgressBar).update(progress=100)
        self.query_one("#ingest-status", Static).update(summary + "\n\nEsc closes.")

    def action_close(self) -> None:
        """Close the dialog (a running ingest carries on)."""
        self.dismiss(None)
