"""The KnowledgeBase facade: the one API the CLI and the TUI use (they never touch SQL)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .config import Settings
from .embedders import Embedder, get_embedder, spec_name
from .errors import KbError
from .glossary import bilingual
from .i18n import t
from .lookups import Lookups
from .reports import Reports
from .text import query_text
from .types import Hit, IngestReport, Progress, Reading

if TYPE_CHECKING:
    from index.conn import Connection
    from index.resident import Resident

# index/ and ingest/ are imported inside the methods that use them, on purpose: `import kb.cli`
# (`kb --help`, the TUI's first frame) loads neither (tests/test_layers.py). Up here they would
# add ~65 ms to it (index's search path) and ~145 ms more (ingest's parsers), medians on
# one core. tests/test_architecture.py lists these imports (LAZY).

K = TypeVar("K", bound=type)


def _guarded(cls: K) -> K:
    """Every public method: SQLite errors meaning a damaged or read-only file become one line.

    This is the boundary where the facade runs queries (its own and Lookups'): the CLI
    and the TUI already turn a KbError into one line. Costs one call frame on success.
    """
    for name in dir(cls):
        method = getattr(cls, name)
        if name.startswith("_") or not callable(method) or isinstance(method, type):
            continue

        def guard(method: Callable[..., Any] = method) -> Callable[..., Any]:
            @functools.wraps(method)
            def guarded(self: KnowledgeBase, *args: Any, **kwargs: Any) -> Any:
                try:
                    return method(self, *args, **kwargs)
                except KbError:
                    raise
                except Exception as exc:
                    # index loads on first use: kb.cli imports none of it (see top)
                    from index.db import explain

                    error = explain(exc, self.db_path, self._conn)
                    if error is None:
                        raise
                    raise error from exc

            return guarded

        setattr(cls, name, guard())
    return cls


SEARCH_MODES = ("hybrid", "vector", "lexical")

# From this many chunks on, a second search in one process loads the in-memory vector copy
# (on disk a vector scan costs ~45 ms at 100k chunks, in memory ~9 ms; the load ~0.1-0.5 s).
AUTO_RESIDENT_CHUNKS = 20_000


@_guarded
class KnowledgeBase(Lookups, Reports):
    """Ingest documents into one SQLite file and search them."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self._conn: Connection | None = None
        self._embedder: Embedder | None = None
        # None: decide by use (see _resident_vectors); True/False: the caller decided.
        self._keep_vectors: bool | None = None
        self._dense_searches = 0
        self._resident: Resident | None = None
        self._checked = False  # the open connection's file was quick_checked whole

    # -- plumbing -------------------------------------------------------------------------
    @property
    def db_path(self) -> Path:
        """The SQLite file this knowledge base uses."""
        return self.settings.db

    @property
    def on_server(self) -> bool:
        """Whether the index is on a PostgreSQL server (--db postgresql://…), not a file."""
        return bool(self.settings.db_url)

    @property
    def location(self) -> str:
        """Where the index lives: the file, or the server's URL without its password."""
        if self.on_server:
            # index loads on first use: kb.cli imports none of it (see top)
            from index.pgconn import masked

            return masked(self.settings.db_url)
        return str(self.db_path)

    def _stored(self) -> bool:
        # A server's database is there to connect to; a file may not be made yet.
        return self.on_server or self.db_path.exists()

    @property
    def checked_at_open(self) -> bool:
        """Whether the open connection's file was quick_checked whole when it was opened."""
        return self._checked

    def conn(self, create: bool = False) -> Connection:
        """The open connection (created on first use; a small damaged file is refused)."""
        if self._conn is None:
            # index loads on first use: kb.cli imports none of it (see top)
            from index.db import connect, damaged
            from index.health import open_check

            if self.on_server:
                try:  # psycopg and the server's modules load only for a server URL
                    from index.pgconn import connect as connect_server
                except ModuleNotFoundError as exc:  # kb installed without the pg extra
                    raise KbError(t("fail.needs_pg", name=exc.name)) from exc

                conn: Connection = connect_server(self.settings.db_url)
            else:
                conn = connect(self.settings.db, create=create)
            try:
                problems = open_check(conn)
            except BaseException:  # it can trip over the damage itself: _guarded says so
                conn.close()
                raise
            if problems:
                conn.close()
                raise damaged(self.db_path, problems[0])
            self._checked = problems is not None
            self._conn = conn
        return self._conn

    def close(self) -> None:
        """Close the database connection."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def keep_vectors_in_memory(self, on: bool = True) -> None:
        """Scan an in-memory copy of the vectors (True), never (False).

        Without a call the copy loads on the second search once the index holds
        AUTO_RESIDENT_CHUNKS. float32 up to 32 MB, uint8 codes beyond (0.4 KB per chunk;
        1M chunks load in ~0.6 s) rescored exactly from the database. The copy reloads
        itself after documents are written or removed.
        """
        self._keep_vectors = on
        if not on:
            self._resident = None

    def _resident_vectors(self, conn: Connection) -> Resident | None:
        # index loads on first use: kb.cli imports none of it (see top)
        from index.meta import chunk_count
        from index.resident import Resident
        from index.vectors import has_table

        self._dense_searches += 1
        keep = self._keep_vectors
        if keep is None:
            # A process that searches again (a notebook, a server, `kb eval`) gets the copy
            # once the index is big enough for it to pay; a one-shot `kb search` never loads it.
            keep = self._dense_searches >= 2 and chunk_count(conn) >= AUTO_RESIDENT_CHUNKS
        # A server's HNSW index is its in-memory copy, shared by every client.
        if not keep or self.on_server or not has_table(conn):
            return None
        if self._resident is None or self._resident.stale(conn):
            self._resident = Resident(conn)
        return self._resident

    def embedder_spec(self) -> str:
        """The embedder to use: the configured one, else the index's, else e5."""
        if self.settings.embedder:
            return self.settings.embedder
        if self._stored():
            # index loads on first use: kb.cli imports none of it (see top)
            from index.meta import index_embedder

            have = index_embedder(self.conn())
            if have:
                return have[0]
        return "e5"

    def embedder(self) -> Embedder:
        """The loaded embedder (loaded once)."""
        if self._embedder is None:
            self._embedder = get_embedder(self.embedder_spec())
        return self._embedder

    def check_embedder(self, conn: Connection) -> None:
        """Fail fast, before loading any model, when the index was built with another one."""
        # index loads on first use: kb.cli imports none of it (see top)
        from index.meta import check_embedder

        if self.settings.embedder:
            check_embedder(conn, spec_name(self.settings.embedder), None, str(self.db_path))

    # -- ingest ---------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[str | Path],
        year: int | None = None,
        progress: Progress | None = None,
        prune: bool = False,
    ) -> IngestReport:
        """Ingest files and folders; each document in one transaction; bad files reported.

        With prune, documents stored from under the given folders whose files are gone are
        removed (never without it: a missing network drive must not empty the index).
        """
        # index and the ingest side (parsers, watchdog) load to ingest only (see top)
        from index import registry
        from index.db import check_writable, prepare
        from ingest.readers import supported_suffixes

        from .ingestion import Ingestion, collect_files

        conn = self._conn
        if conn is None and self._stored():
            conn = self.conn(create=True)
        if conn is not None:
            # Refuse a read-only index now, not after parsing and embedding the first file.
            check_writable(conn, self.db_path)
            self.check_embedder(conn)
        else:
            # A new index: its file is made when the first document is about to be stored,
            # so a run that stores nothing (only broken files, a failing embedder) leaves
            # no empty database behind. Its folder is made and tried for writing now.
            prepare(self.db_path)
        files = collect_files(paths, supported_suffixes())
        note = progress or (lambda *a: None)
        run = Ingestion(self, conn, files, year, note)
        report = run.run()
        conn = run.conn
        if prune and conn is not None:
            roots = [str(Path(p).resolve()) for p in paths if Path(p).is_dir()]
            for doc_id, path in registry.documents(conn):
                inside = any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)
                if inside and not Path(path).exists():
                    registry.delete_document(conn, doc_id)
                    report.pruned.append(path)
        note("done", "", len(files), len(files))
        return report

    def copy_to(self, target: str | Path) -> dict[str, int]:
        """Copy this index into an empty one at target (a file or a server URL), vectors
        and all, without embedding again; the rows of each table, checked on both sides."""
        # index loads on first use: kb.cli imports none of it (see top)
        from index.copy import copy_index

        other = KnowledgeBase(self.settings.with_overrides(db=str(target)))
        try:
            return copy_index(self.conn(), other.conn(create=True), other.location)
        finally:
            other.close()

    # -- search ---------------------------------------------------------------------------
    def search(
        self,
        query: str,
        k: int = 10,
        year: int | None = None,
        doc: str | None = None,
        mode: str = "hybrid",
        raw_fts: bool = False,
    ) -> list[Hit]:
        """Hybrid (or vector / lexical) search; filters by year and document path."""
        # index loads on first use: kb.cli imports none of it (see top)
        from index.search import doc_id_for
        from index.search import search as run

        if mode not in SEARCH_MODES:  # an unknown word must not quietly run another ranking
            raise KbError(t("fail.search_mode", mode=repr(mode), modes=", ".join(SEARCH_MODES)))
        # An English question also carries the Korean words it glosses (kb/glossary.py).
        query = bilingual(query_text(query))
        if not query.strip():
            return []
        conn = self.conn()
        self.check_embedder(conn)
        doc_id = None
        if doc:
            doc_id = doc_id_for(conn, str(Path(doc).resolve()) if Path(doc).exists() else doc)
            if doc_id is None:
                raise KbError(t("fail.no_document", doc=doc))
        qvec = self.embedder().embed_query(query) if mode != "lexical" else None
        resident = self._resident_vectors(conn) if mode != "lexical" else None
        return run(
            conn,
            query,
            qvec,
            k,
            year,
            doc_id,
            # A str here (CLI --mode, evaluation); index.search's Mode names the same three.
            mode,  # type: ignore[arg-type]
            raw_fts=raw_fts,
            resident=resident,
        )

    def neighbours(self, chunk_id: int, before: int = 1, after: int = 1) -> list[Hit]:
        """The chunk and its neighbours in document order (for a detail pane); score 0."""
        # index loads on first use: kb.cli imports none of it (see top)
        from index.search import neighbours

        return neighbours(self.conn(), chunk_id, before, after)

    def reading_chunk(self, reading: Reading) -> int | None:
        """The chunk a series value (kb trend) is printed in, for its passage; None: gone."""
        # index loads on first use: kb.cli imports none of it (see top)
        from index.trends import reading_chunk

        return reading_chunk(self.conn(), reading.table_id, reading.doc, reading.line)

    def years(self) -> list[int]:
        """Years that have documents, newest first."""
        # index loads on first use: kb.cli imports none of it (see top)
        from index.search import years

        return years(self.conn())

    # -- reports (stats, doctor, evaluations: kb/reports.py) -------------------------------
    def waiting(self) -> tuple[int, int]:
        """(documents, chunks) searchable by words only, their vectors not yet written."""
        # index loads on first use: kb.cli imports none of it (see top)
        from index.pending import pending_chunks

        if self._conn is None and not self._stored():
            return 0, 0
        return pending_chunks(self.conn())
