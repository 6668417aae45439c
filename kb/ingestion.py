"""`kb ingest` in two stages: a document's words are stored as soon as it is parsed, its
vectors after, so an archive is searchable by words long before it is embedded.

One loop on the calling thread. Files are parsed one at a time in a child process
(ingest/watchdog.py), ahead of the embedder: while a document is embedded on this thread,
the next is parsed on the other core, and between two batches of the embedder a parsed
document is taken in and its words stored. Parsing costs ~5% of embedding on real reports
(bench/ingest.py), so the words of a whole folder are in within a minute or two while the
vectors follow. Each stage of each document is one transaction: a kill leaves documents
either absent, searchable by words (waiting for vectors: `documents.vectors_pending`) or
whole, and the next ingest writes the missing vectors first.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from index import pending, registry, store
from index.db import explain
from index.tokenize import tokens_batch
from ingest.pipeline import file_sha256
from ingest.watchdog import ParseJob

from .config import Settings
from .embedders import Embedder
from .errors import IngestError, KbError
from .i18n import t
from .text import document_context, index_text
from .types import Document, IngestReport, Progress


class Host(Protocol):
    """What an ingest run needs of the knowledge base (the facade is one)."""

    settings: Settings

    @property
    def db_path(self) -> Path: ...

    def conn(self, create: bool = False) -> Any: ...

    def embedder(self) -> Embedder: ...


# Chunks per call of the embedder (the batches ingest always used).
EMBED_BATCH = 32
# How often a running batch is left to see whether a parsed document waits to be taken in.
POLL_SECONDS = 0.05


def collect_files(paths: Iterable[str | Path], suffixes: list[str]) -> list[Path]:
    """Files named directly, plus supported files found under directories (sorted, no loops)."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            seen: set[tuple[int, int]] = set()
            for root, dirs, files in os.walk(path, followlinks=True):
                st = os.stat(root)
                if (st.st_dev, st.st_ino) in seen:  # a symlink loop: do not walk it again
                    dirs[:] = []
                    continue
                seen.add((st.st_dev, st.st_ino))
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and Path(name).suffix.lower() in suffixes:
                        out.append(Path(root) / name)
        else:
            out.append(path)
    return out


def stored(
    conn: Any | None, key: str, sha: str
) -> tuple[tuple[int, str] | None, tuple[int, str] | None]:
    """The stored row at this path; when there is none, a stored copy of the same content
    whose file is gone (the file was renamed): (doc id, old path)."""
    if conn is None:  # a new index holds nothing yet
        return None, None
    old = registry.find_by_path(conn, key)
    if old:
        return old, None
    gone = ((i, p) for i, p in registry.find_by_hash(conn, sha) if not Path(p).exists())
    return None, next(gone, None)


@dataclass(slots=True)
class _Parsing:
    """The file being parsed in its child process."""

    label: str  # the path as the user gave it
    key: str  # the resolved path stored
    replaces: bool
    job: ParseJob


class Ingestion:
    """One `kb ingest` run over a list of files (see the module docstring)."""

    def __init__(
        self,
        kb: Host,
        conn: Any | None,
        files: list[Path],
        year: int | None,
        note: Progress,
    ) -> None:
        self.kb, self.conn, self.files, self.year, self.note = kb, conn, files, year, note
        self.report = IngestReport()
        self._next = 0  # the next file to look at
        self._parsing: _Parsing | None = None
        self._waiting: deque[int] = deque()  # documents stored by words, to embed
        self._labels: dict[int, str] = {}  # doc id → the path as given, for messages
        # The embedder's own thread: this one meanwhile takes in parsed documents.
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kb-embed")

    def run(self) -> IngestReport:
        """Parse, store words, embed, store vectors; documents an earlier run left waiting
        for their vectors are embedded too."""
        if self.conn is not None:
            self._waiting.extend(pending.pending_documents(self.conn))
            if self._waiting:
                docs, chunks = pending.pending_chunks(self.conn)
                self.note("resume", "", docs, chunks)
        try:
            self._start_next()
            if self._parsing is not None:
                self._warm_up()
            while self._parsing is not None or self._waiting:
                # Take in a parsed document first: its words are searchable at once, and
                # the child is free for the next file.
                if self._parsing is not None and (not self._waiting or self._parsing.job.ready()):
                    self._take_parsed()
                else:
                    self._embed(self._waiting.popleft())
        finally:
            if self._parsing is not None:
                self._parsing.job.cancel()
            self._pool.shutdown(wait=False, cancel_futures=True)
        return self.report

    # -- stage one ------------------------------------------------------------------------
    def _start_next(self) -> None:
        """Start parsing the next file that needs it; settle unchanged and renamed ones."""
        settings = self.kb.settings
        while self._next < len(self.files):
            n, path = self._next, self.files[self._next]
            self._next += 1
            label = str(path)
            self.note("file", label, n, len(self.files))
            try:
                self._check_file(path)
                key, sha = str(path.resolve()), file_sha256(path)
                old, moved = stored(self.conn, key, sha)
                if old and old[1] == sha:
                    self.report.unchanged.append(label)
                    continue
                if moved:
                    assert self.conn is not None  # moved files are found in a stored index
                    registry.rename(self.conn, moved[0], key)
                    self.report.renamed.append((moved[1], key))
                    continue
                job = ParseJob(
                    path,
                    settings.chunk_chars,
                    self.year,
                    settings.parse_seconds,
                    settings.parse_memory_mb,
                )
                self._parsing = _Parsing(label, key, old is not None, job)
                return
            except Exception as exc:
                self._failed(label, exc)

    def _warm_up(self) -> None:
        """Load the embedder and Kiwi while the first file is parsed on the other core.

        Both are needed before the first document's words can be stored (~1.5–3 s here);
        loaded meanwhile, the first document is searchable that much sooner.
        """
        try:
            self.kb.embedder()
        except Exception:  # not swallowed: the same call fails the file in its turn
            return
        tokens_batch(["준비"])

    def _take_parsed(self) -> None:
        """Collect the parsed document, start the next file, store the words."""
        parsing = self._parsing
        assert parsing is not None
        self._parsing = None
        try:
            doc = parsing.job.result()
        except Exception as exc:
            self._start_next()
            self._failed(parsing.label, exc)
            return
        self._start_next()
        try:
            doc.path = parsing.key
            doc_id = self._store_words(doc)
        except Exception as exc:
            self._failed(parsing.label, exc)
            return
        (self.report.replaced if parsing.replaces else self.report.added).append(parsing.label)
        self.report.chunks += len(doc.chunks)
        self._labels[doc_id] = parsing.label
        self._waiting.append(doc_id)
        self.note("words", parsing.label, len(doc.chunks), 0)

    def _store_words(self, doc: Document) -> int:
        emb = self.kb.embedder()
        context = document_context(doc.title, doc.organisation)
        if self.conn is None:
            # A new index is made only once the embedder has run here: one that cannot
            # fails the file now, and no empty index is left behind.
            emb.embed_passages([context])
            self.conn = self.kb.conn(create=True)
        texts = [index_text(c.section_path, c.text) for c in doc.chunks]
        tokens = tokens_batch([*texts, context])
        return store.store_words(self.conn, doc, tokens[:-1], (emb.name, emb.dim), tokens[-1])

    # -- stage two ------------------------------------------------------------------------
    def _embed(self, doc_id: int) -> None:
        """Embed one waiting document and store its vectors (one transaction)."""
        assert self.conn is not None  # documents wait only in a stored index
        work = pending.pending_document(self.conn, doc_id)
        if work is None:  # replaced or embedded meanwhile (another ingester, a later file)
            return
        label = self._labels.get(doc_id, work.path)
        try:
            emb = self.kb.embedder()
            texts = [index_text(s, t) for s, t in zip(work.sections, work.texts, strict=True)]
            parts: list[np.ndarray] = []
            for i in range(0, len(texts), EMBED_BATCH):
                self.note("embed", label, i, len(texts))
                parts.append(self._meanwhile(emb.embed_passages, texts[i : i + EMBED_BATCH]))
            self.note("embed", label, len(texts), len(texts))
            matrix = np.vstack(parts) if parts else np.zeros((0, emb.dim), dtype=np.float32)
            # Study titles get vectors too, for `kb studies` by meaning (a few per report);
            # the document's title and issuer one, scored once for all its chunks.
            titles = (
                self._meanwhile(emb.embed_passages, work.study_titles)
                if work.study_titles
                else None
            )
            context = document_context(work.title, work.organisation)
            ctx = self._meanwhile(emb.embed_passages, [context])[0]
            done = pending.store_vectors(self.conn, doc_id, work.chunk_ids, matrix, titles, ctx)
            if done:
                if doc_id not in self._labels:  # left waiting by an earlier run
                    self.report.resumed.append(work.path)
                self.note("vectors", label, len(texts), 0)
        except Exception as exc:
            self._failed(label, exc, stage="vectors")

    def _meanwhile(self, embed: Callable[[list[str]], np.ndarray], texts: list[str]) -> Any:
        """embed(texts) on the embedder's thread; meanwhile parsed documents are taken in.

        The engines run outside the GIL, so a batch (up to ~10 s on two cores) does not
        hold up the words of the documents parsed while it runs.
        """
        if not texts:
            return []
        future = self._pool.submit(embed, texts)
        while True:
            try:
                return future.result(timeout=None if self._parsing is None else POLL_SECONDS)
            except FutureTimeout:
                if self._parsing is not None and self._parsing.job.ready():
                    self._take_parsed()

    # -- checks and failures --------------------------------------------------------------
    def _check_file(self, path: Path) -> None:
        """IngestError when a path is missing, not a file or over the size limit."""
        if not path.exists():
            raise IngestError(path, "ingest.no_file")
        if not path.is_file():
            raise IngestError(path, "ingest.not_file")
        limit = self.kb.settings.max_file_mb
        size_mb = path.stat().st_size / 1e6
        if size_mb > limit:
            raise IngestError(path, "ingest.too_big", size=f"{size_mb:.0f}", limit=limit)

    def _failed(self, label: str, exc: Exception, stage: str = "") -> None:
        """Report one file's failure and go on; an index that cannot be written stops all."""
        if isinstance(exc, IngestError):
            self.report.failed.append((exc.path, exc.reason))
            return
        if isinstance(exc, KbError):
            raise exc
        # An unexpected parser or embedder failure must not stop the batch, but a damaged
        # or read-only index is no file's fault: stop, in one line.
        error = explain(exc, self.kb.db_path)
        if error is not None:
            raise error from exc
        reason = t("ingest.bug", kind=type(exc).__name__, detail=exc)
        if stage == "vectors":
            reason = t("ingest.vectors_later", reason=reason)
        self.report.failed.append((label, reason))
