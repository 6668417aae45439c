"""What the knowledge base reports about itself: its counts, its health, its quality.

A mixin of KnowledgeBase (kb/facade.py), as kb/lookups.py is: `kb stats`, `kb doctor` and
`kb eval` in all its modes. It asks of its host only what Host names (public methods of
the facade), never its private state; the CLI and the TUI see one API either way.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .embedders import Embedder, spec_name
from .errors import DatabaseError, KbError
from .evaluation import EvalResult, Searchable, evaluate
from .i18n import t
from .types import Check, IndexStats, StoredDocument

if TYPE_CHECKING:
    from index.conn import Connection

    from .config import Settings
    from .structure_eval import StructureEval
    from .tuning import CrossValidation

# index/ and ingest/ (and tuning and structure_eval, which import them) are imported inside
# the methods that use them: kb.facade imports this mixin, and `import kb.cli` loads neither
# (see kb/facade.py).


class Host(Searchable, Protocol):
    """What the reports ask of the knowledge base they report on (KnowledgeBase is one)."""

    @property
    def settings(self) -> Settings: ...

    @property
    def db_path(self) -> Path: ...

    @property
    def checked_at_open(self) -> bool:
        """Whether the open connection's file was quick_checked whole when opened."""
        ...

    def conn(self, create: bool = False) -> Connection: ...

    def embedder(self) -> Embedder: ...

    def stats(self) -> IndexStats:
        """The host's own stats, through its guard (doctor reports a damaged file so)."""
        ...


class Reports:
    """Counts, health checks and evaluations of the open index."""

    def stats(self: Host) -> IndexStats:
        """Counts and facts about the index; a damaged file is refused (a bounded quick_check)."""
        # index loads on first use: kb.cli imports none of it (see top)
        from index.db import damaged
        from index.health import index_stats, quick_check

        conn = self.conn()
        # The counts below read few pages and pass over most damage (vector pages above
        # all): a file too big to be checked whole at open gets a bounded quick_check here.
        problems = [] if self.checked_at_open else quick_check(conn)
        if problems:
            raise damaged(self.db_path, problems[0])
        return index_stats(conn, self.db_path)

    def doctor(self: Host) -> list[Check]:
        """(check, ok, detail) for the SQLite build, extension loading, embedder and index."""
        # index loads on first use: kb.cli imports none of it (see top)
        from index.db import build_checks

        checks = build_checks()
        if not checks[0].ok:  # no SQLite build that can load sqlite-vec: nothing else runs
            return checks
        try:
            emb = self.embedder()
            checks.append(Check("embedder", True, t("doctor.dims", name=emb.name, dim=emb.dim)))
        except DatabaseError:
            pass  # the index names the embedder and cannot be read: its line below says why
        except Exception as exc:
            checks.append(Check("embedder", False, str(exc)))
        # ingest loads only here: kb.cli imports none of it (see top; ingest.ocr: 42 ms)
        from ingest.ocr import available

        # Optional: without it issuers printed only in a logo stay unknown.
        ocr = t("doctor.ocr_on") if available() else t("doctor.ocr_off")
        checks.append(Check("ocr", True, ocr))
        if not self.db_path.exists():
            checks.append(Check("index", False, t("doctor.no_index", db=self.db_path)))
            return checks
        try:
            s = self.stats()
            checks.append(
                Check(
                    "index",
                    True,
                    t(
                        "doctor.index_counts",
                        db=s.db,
                        documents=s.documents,
                        chunks=s.chunks,
                        tables=s.tables,
                    ),
                )
            )
        except KbError as exc:
            checks.append(Check("index", False, str(exc)))
        try:  # on a damaged file too (conn() refuses those): integrity_check says where
            # index loads on first use: kb.cli imports none of it (see top)
            from index.db import connect
            from index.health import check

            wanted = spec_name(self.settings.embedder) if self.settings.embedder else None
            conn = connect(self.db_path, create=False)
            try:
                checks.extend(check(conn, wanted))
            finally:
                conn.close()
        except KbError:
            pass  # the file cannot be opened: the index line above says why
        return checks

    def evaluate(self: Host, path: str | Path, k: int = 10, mode: str = "hybrid") -> EvalResult:
        """Quality on a JSONL set: search ranks, figure lookups or answer cards (kb.evaluation)."""
        return evaluate(self, path, k, mode)

    def evaluate_folds(self: Host, path: str | Path, folds: int) -> CrossValidation:
        """Ranking constants fitted on other documents' questions, scored on each fold's."""
        # index loads on first use: kb.cli imports none of it (see top)
        from index.ranking import DEFAULT, PRIOR

        from .tuning import cross_validate, gather

        if folds < 2:
            raise KbError(t("err.folds"))
        return cross_validate(gather(self, path), folds, PRIOR, shipped=DEFAULT)

    def evaluate_structure(self: Host, path: str | Path) -> StructureEval:
        """What the ingester extracted, scored against a dev_structure-shaped JSONL file."""
        # index, and ingest's figure readers (structure_eval): kb.cli imports neither
        from index.documents import find_document, stored_document

        from .structure_eval import evaluate_structure

        conn = self.conn()

        def load(file: str) -> StoredDocument | None:
            doc_id = find_document(conn, file)
            return stored_document(conn, doc_id) if doc_id is not None else None

        return evaluate_structure(path, load)
