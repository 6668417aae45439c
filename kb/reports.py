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
from .text import one_line
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
    def on_server(self) -> bool:
        """Whether the index is on a PostgreSQL server, not a file."""
        ...

    @property
    def location(self) -> str:
        """The file, or the server's URL without its password."""
        ...

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
        """(check, ok, detail) for the SQLite build, extension loading, embedder and index;
        on a server, the server, pgvector, schema, counts, HNSW index and embedder instead."""
        # index loads on first use: kb.cli imports none of it (see top)
        from index.db import build_checks

        # A server index never touches SQLite: its build and sqlite-vec are not its health.
        checks = [] if self.on_server else build_checks()
        if checks and not checks[0].ok:  # no SQLite build that loads sqlite-vec: nothing runs
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
        if self.on_server:
            return checks + server_checks(self)
        if not self.db_path.exists():
            checks.append(Check("index", False, t("doctor.no_index", db=self.db_path)))
            return checks
        checks.append(index_check(self))
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


def index_check(kb: Host) -> Check:
    """Doctor's index line: where the index is and what it holds, or why it cannot say."""
    try:
        s = kb.stats()
    except KbError as exc:
        return Check("index", False, str(exc))
    counts = t(
        "doctor.index_counts",
        db=kb.location,
        documents=s.documents,
        chunks=s.chunks,
        tables=s.tables,
    )
    return Check("index", True, counts)


def server_checks(kb: Host) -> list[Check]:
    """The index line and the server's own checks (index/pghealth.py's facts, in words)."""
    # index loads on first use: kb.cli imports none of it (see top)
    from index.pghealth import HNSW_INDEX, facts

    out = [index_check(kb)]
    if not out[0].ok:  # the server is down, refuses the user, or holds no kb index
        return out
    try:
        f = facts(kb.conn())
    except Exception as exc:  # a catalogue the user may not read, a lost connection
        return [*out, Check("server", False, t("doctor.pg.unreachable", detail=one_line(exc)))]
    out.append(Check("server", True, t("doctor.pg.server", version=f.server_version)))
    out.append(
        Check(
            "pgvector",
            f.pgvector_version is not None,
            t("doctor.pg.pgvector", version=f.pgvector_version)
            if f.pgvector_version
            else t("doctor.pg.no_pgvector"),
        )
    )
    same_schema = f.schema_version == f.schema_expected
    out.append(
        Check(
            "schema",
            same_schema,
            t("doctor.pg.schema", version=f.schema_version)
            if same_schema
            else t("doctor.pg.schema_other", version=f.schema_version, expected=f.schema_expected),
        )
    )
    counts = t(
        "doctor.pg.contents",
        documents=f.documents,
        chunks=f.chunks,
        vectors=f.vectors,
        words=f.words,
    )
    if f.waiting_chunks:
        counts += t("doctor.pg.contents_waiting", chunks=f.waiting_chunks)
    if not f.in_step:
        counts += t("doctor.pg.out_of_step")
    out.append(Check("contents", f.in_step, counts))
    if f.waiting_documents:
        # Normal while an ingest runs; after one was stopped, the next writes them.
        words = t("doctor.pg.waiting", documents=f.waiting_documents, chunks=f.waiting_chunks)
        out.append(Check("waiting", True, words))
    if not f.vector_table:
        out.append(Check("hnsw", True, t("doctor.pg.hnsw_none")))
    elif f.hnsw is None:
        out.append(Check("hnsw", False, t("doctor.pg.hnsw_missing", name=HNSW_INDEX)))
    else:
        key = "doctor.pg.hnsw_valid" if f.hnsw else "doctor.pg.hnsw_invalid"
        out.append(Check("hnsw", f.hnsw, t(key, name=HNSW_INDEX)))
    out.append(_vectors_check(f.embedder, f.vector_dim, kb.settings.embedder))
    return out


def _vectors_check(have: tuple[str, int] | None, column: int | None, configured: str) -> Check:
    """The embedder the index records, against its vector column and the one asked for."""
    if have is None:
        return Check("vectors", True, t("doctor.pg.no_vectors"))
    name, dim = have
    detail = t("doctor.pg.embedder", name=name, dim=dim)
    dim_ok = column is None or column == dim
    if not dim_ok:
        detail += t("doctor.pg.other_dim", dim=column)
    wanted = spec_name(configured) if configured else None
    if wanted and wanted != name:
        detail += t("doctor.pg.other_embedder", wanted=wanted)
    return Check("vectors", dim_ok and (not wanted or wanted == name), detail)
