"""The ingest dialog: a path box, a progress bar, the outcome; the work runs in the app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ProgressBar, Static

DEFAULT_PATH = "corpus/"


class IngestScreen(ModalScreen[None]):
    """Ask for files or folders to ingest and show progress while the app ingests them."""

    BINDINGS = [Binding("escape", "close", "Close", id="ingest.close")]
    CSS_PATH = "ingest.tcss"  # beside this file, loaded when the dialog first opens

    def __init__(
        self,
        start: Callable[[str], None],
        running: bool = False,
        replay: list[tuple[str, str, int, int]] | None = None,
    ) -> None:
        super().__init__()
        self._start = start
        self.running = running
        self._replay = replay or []  # progress so far, when reopened during an ingest
        self.files_total = 0
        self.file_index = 0

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
            for report in self._replay:
                self.progress(*report)
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

    def progress(self, stage: str, path: str, done: int, total: int) -> None:
        """Show a progress report from `kb.ingest` (called on the UI thread)."""
        bar = self.query_one("#ingest-bar", ProgressBar)
        status = self.query_one("#ingest-status", Static)
        if stage == "file":
            self.file_index, self.files_total = done, max(total, 1)
            bar.update(progress=100 * done / self.files_total)
            status.update(f"file {done + 1} of {total}: {Path(path).name}")
        elif stage == "embed" and total:
            # Within a file, embedding is the slow part: move the bar through it.
            part = (self.file_index + done / total) / max(self.files_total, 1)
            bar.update(progress=100 * part)
            status.update(
                f"file {self.file_index + 1} of {self.files_total}: {Path(path).name} — "
                f"embedding {done}/{total} chunks"
            )
        elif stage == "done":
            bar.update(progress=100)

    def finished(self, summary: str) -> None:
        """Show the outcome; the dialog stays until Escape."""
        self.running = False
        self.query_one("#ingest-bar", ProgressBar).update(progress=100)
        self.query_one("#ingest-status", Static).update(summary + "\n\nEsc closes.")

    def action_close(self) -> None:
        """Close the dialog (a running ingest carries on)."""
        self.dismiss(None)
