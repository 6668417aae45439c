"""The TUI's one door to the kb facade: serialised calls, feature checks, no SQL."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kb.facade import IngestReport, KnowledgeBase
from kb.types import (
    AnswerCard,
    FigureRow,
    Hit,
    Mismatch,
    Program,
    ProgramHistory,
    ProgramMark,
    Reading,
    Series,
    Study,
    TableView,
)

# Names of the facade methods screens 2–5 need; they may be missing in older builds.
FEATURES = (
    "figures",
    "table",
    "check_figures",
    "programs",
    "program_figures",
    "program_marks",
    "program_history",
    "studies",
    "trend",
    "reading_chunk",
)


class Backend:
    """Wraps a KnowledgeBase so thread workers never use its connection at the same time."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        # One SQLite connection, one embedder and one tokenizer are shared by every worker:
        # a stale search thread cannot be interrupted, so the next one waits for it here.
        self._lock = threading.RLock()

    # -- facts ----------------------------------------------------------------------------
    @property
    def location(self) -> str:
        """Where the index lives: its file, or its server's URL without the password."""
        return self.kb.location

    @property
    def name(self) -> str:
        """A short name for the index: the file's name, or the server database's."""
        if self.kb.on_server:
            # The database's name: the full URL may carry a host, a socket folder, options.
            return urlsplit(self.kb.location).path.lstrip("/") or self.kb.location
        return self.kb.db_path.name

    @property
    def on_server(self) -> bool:
        """Whether the index is on a PostgreSQL server, not a file."""
        return self.kb.on_server

    @property
    def data_dir(self) -> Path:
        """The kb data directory (fallback place for exports)."""
        return self.kb.settings.home

    def ready(self) -> bool:
        """True when a database exists to read from (a server's always does: kb makes its
        tables on first use, and an empty one opens the first-run dialog like a new file)."""
        return self.kb.on_server or self.kb.db_path.exists()

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return getattr(self.kb, name)(*args, **kwargs)

    # -- search screen --------------------------------------------------------------------
    def warm_up(self) -> None:
        """Load the embedder and the vectors now, so the first real query is fast."""
        if self.ready():
            # The app searches on every pause in typing: scan vectors in memory, not on disk.
            self._call("keep_vectors_in_memory")
            self.search("마을", k=1)

    def search(
        self, query: str, k: int = 20, year: int | None = None, doc: str | None = None
    ) -> list[Hit]:
        """Hybrid search through the facade."""
        return self._call("search", query, k=k, year=year, doc=doc)  # type: ignore[no-any-return]

    def stored_answer(
        self, query: str, year: int | None = None, hits: list[Hit] | None = None
    ) -> AnswerCard | None:
        """A change question's values and change, or the stored figures that surely answer
        the query; None when neither."""
        return self._call("stored_answer", query, year, hits)  # type: ignore[no-any-return]

    def neighbours(self, chunk_id: int) -> list[Hit]:
        """A chunk with the one before and the one after it."""
        return self._call("neighbours", chunk_id)  # type: ignore[no-any-return]

    def years(self) -> list[int]:
        """Years with documents, newest first."""
        return self._call("years")  # type: ignore[no-any-return]

    def docs(self) -> list[dict[str, Any]]:
        """Stored documents: path, title, year, format, chunks."""
        return list(self._call("stats")["docs"])

    # -- figures, programs, studies -------------------------------------------------------
    def figures(self, query: str = "", year: int | None = None) -> list[FigureRow]:
        """Figure rows matching a query (all of them for an empty query)."""
        return self._call("figures", query, year=year)  # type: ignore[no-any-return]

    def table(self, table_id: int) -> TableView | None:
        """A stored table, whole."""
        return self._call("table", table_id)  # type: ignore[no-any-return]

    def check_figures(self) -> list[Mismatch]:
        """Totals and cross-table figures that disagree."""
        return self._call("check_figures")  # type: ignore[no-any-return]

    def programs(self, year: int | None = None) -> list[Program]:
        """Programs of every report (flat)."""
        return self._call("programs", year=year)  # type: ignore[no-any-return]

    def program_figures(self, program: Program) -> list[FigureRow]:
        """The figure rows of one program."""
        return self._call("program_figures", program)  # type: ignore[no-any-return]

    def program_marks(self) -> list[ProgramMark]:
        """Each year's programs marked new / continued / renamed, and the discontinued ones
        (what `kb programs` prints)."""
        return self._call("program_marks")  # type: ignore[no-any-return]

    def program_history(self, program: Program) -> ProgramHistory:
        """The same program in other years' reports (what `kb program NAME` shows)."""
        return self._call("program_history", program)  # type: ignore[no-any-return]

    # -- trends ---------------------------------------------------------------------------
    def trend(self, query: str) -> Series:
        """A row's values by period across reports, revisions kept (`kb trend`)."""
        return self._call("trend", query)  # type: ignore[no-any-return]

    def reading_passage(self, reading: Reading) -> tuple[Hit, list[Hit]] | None:
        """The passage a series value is printed in, with the ones around it (None: gone)."""
        with self._lock:  # one lock for both calls: the index cannot change between them
            chunk_id = self.kb.reading_chunk(reading)
            if chunk_id is None:
                return None
            around = self.kb.neighbours(chunk_id)
        hit = next((h for h in around if h.chunk_id == chunk_id), None)
        return (hit, around) if hit is not None else None

    def studies(self, query: str | None = None, year: int | None = None) -> list[Study]:
        """Studies listed in the reports."""
        return self._call("studies", query=query, year=year)  # type: ignore[no-any-return]

    # -- ingest ---------------------------------------------------------------------------
    def ingest(
        self, paths: list[str], progress: Callable[[str, str, int, int], None]
    ) -> IngestReport:
        """Ingest files or folders, reporting progress through `progress`.

        On a knowledge base of its own (its own connection and embedder), not under the
        lock: searches go on meanwhile and find each document by words as soon as it is
        read (SQLite's WAL lets one writer and readers work at once).
        """
        writer = KnowledgeBase(self.kb.settings)
        try:
            return writer.ingest(paths, progress=progress)
        finally:
            writer.close()

    def waiting(self) -> int:
        """Documents searchable by words only: their vectors are not written yet."""
        return self._call("waiting")[0]  # type: ignore[no-any-return]
