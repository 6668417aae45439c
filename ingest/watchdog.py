"""A watchdog on each document: parsed in a child process with a time and a memory budget.

The readers bound what they can (chains, inflation, grids, pages), but a file is untrusted
and a library (PyMuPDF, expat) can still spin or swell on it. A child that runs past its
time is killed; one that allocates past its memory limit fails inside. Either way the file
is abandoned with one line naming it and the budget, and the batch goes on.

Children are forked from a server started once per process (multiprocessing's
`forkserver`), which imports the readers first: a fork costs milliseconds, and no thread of
the calling process (the TUI's workers, the embedder's pool) is copied into the child.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path

from kb.errors import IngestError
from kb.i18n import said
from kb.types import Document

from .pipeline import parse_file

_CONTEXT: mp.context.BaseContext | None = None


def _context() -> mp.context.BaseContext:
    global _CONTEXT
    if _CONTEXT is None:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["ingest.pipeline"])
        _CONTEXT = ctx
    return _CONTEXT


@contextmanager
def _real_stderr() -> Iterator[None]:
    """sys.stderr as the process's own while the fork server is started.

    The fork server and its resource tracker pass sys.stderr's descriptor on to the
    processes they start. Under a full-screen app (Textual) sys.stderr is a capture object
    without one (`bad value(s) in fds_to_keep`: every file failed when the TUI's ingest was
    the first of the process).
    """
    saved = sys.stderr
    try:
        usable = saved.fileno() >= 0  # Textual's capture answers -1
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable or sys.__stderr__ is None:
        yield
        return
    sys.stderr = sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = saved


def _child(
    conn: Connection,
    path: str,
    chunk_chars: int,
    year: int | None,
    memory_mb: int,
    env: dict[str, str],
) -> None:
    """Parse one file under the memory limit and send back the Document or the error."""
    # The server was forked with the environment of its first use; settings read while
    # parsing (KB_OCR) follow the caller's environment of now.
    os.environ.clear()
    os.environ.update(env)
    limit = memory_mb * 2**20
    # RLIMIT_DATA counts the heap and anonymous maps (what a bomb grows), not the shared
    # libraries every child maps.
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    try:
        conn.send(("ok", parse_file(Path(path), chunk_chars, year)))
    # The reason goes back as the catalogue's key and fields (a Said): this process was not
    # forked from the caller and does not know its --lang.
    except IngestError as exc:
        conn.send(("error", exc.why))
    except MemoryError:
        conn.send(("error", said("ingest.memory", mb=f"{memory_mb:,}")))
    except Exception as exc:  # the reader's bug, reported as this file's failure
        conn.send(("error", said("ingest.bug", kind=type(exc).__name__, detail=str(exc))))
    finally:
        conn.close()


class ParseJob:
    """One file being parsed in a child process; started now, collected with result()."""

    def __init__(
        self, path: Path, chunk_chars: int, year: int | None, seconds: float, memory_mb: int
    ) -> None:
        ctx = _context()
        self.path, self.seconds, self.memory_mb = path, seconds, memory_mb
        self._receive, send = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(  # type: ignore[attr-defined]
            target=_child,
            args=(send, str(path), chunk_chars, year, memory_mb, dict(os.environ)),
            daemon=True,
        )
        with _real_stderr():
            self._proc.start()
        send.close()  # the child holds the only writer: EOF here means it died
        # The budget runs from the start: a job started ahead, while another document was
        # embedded, has had that time already.
        self.deadline = time.monotonic() + seconds

    def result(self) -> Document:
        """The Document, or IngestError when the file broke its budget or could not be read."""
        proc, receive = self._proc, self._receive
        try:
            if not receive.poll(max(0.0, self.deadline - time.monotonic())):
                proc.kill()
                raise IngestError(self.path, "ingest.timeout", seconds=f"{self.seconds:g}")
            try:
                kind, value = receive.recv()
            except EOFError:
                proc.join(5)
                raise IngestError(
                    self.path, "ingest.died", code=proc.exitcode, mb=f"{self.memory_mb:,}"
                ) from None
        finally:
            self._close(grace=5.0)
        if kind == "error":
            raise IngestError(self.path, value)
        return value  # type: ignore[no-any-return]

    def ready(self) -> bool:
        """True when result() will not wait: the child answered, died or ran out of time."""
        return self._receive.poll(0) or time.monotonic() >= self.deadline

    def cancel(self) -> None:
        """Stop the child now (a job started ahead that is no longer wanted)."""
        self._close(grace=0.0)

    def _close(self, grace: float) -> None:
        self._receive.close()
        if grace and self._proc.is_alive():
            self._proc.join(grace)  # a child that has sent its result exits at once
        if self._proc.is_alive():
            self._proc.kill()
        self._proc.join(5)


def parse_guarded(
    path: Path, chunk_chars: int, year: int | None, seconds: float, memory_mb: int
) -> Document:
    """parse_file in a child process; IngestError when the file exceeds either budget."""
    return ParseJob(path, chunk_chars, year, seconds, memory_mb).result()
