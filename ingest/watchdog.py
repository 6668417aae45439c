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
import resource
from multiprocessing.connection import Connection
from pathlib import Path

from kb.errors import IngestError
from kb.types import Document

_CONTEXT: mp.context.BaseContext | None = None


def _context() -> mp.context.BaseContext:
    global _CONTEXT
    if _CONTEXT is None:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["ingest.pipeline"])
        _CONTEXT = ctx
    return _CONTEXT


def _child(conn: Connection, path: str, chunk_chars: int, year: int | None, memory_mb: int) -> None:
    """Parse one file under the memory limit and send back the Document or the error."""
    limit = memory_mb * 2**20
    # RLIMIT_DATA counts the heap and anonymous maps (what a bomb grows), not the shared
    # libraries every child maps.
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    from .pipeline import parse_file

    try:
        conn.send(("ok", parse_file(Path(path), chunk_chars, year)))
    except IngestError as exc:
        conn.send(("error", exc.reason))
    except MemoryError:
        conn.send(("error", f"abandoned: needs more than {memory_mb:,} MB of memory"))
    except Exception as exc:  # the reader's bug, reported as this file's failure
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def parse_guarded(
    path: Path, chunk_chars: int, year: int | None, seconds: float, memory_mb: int
) -> Document:
    """parse_file in a child process; IngestError when the file exceeds either budget."""
    ctx = _context()
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(  # type: ignore[attr-defined]
        target=_child, args=(send, str(path), chunk_chars, year, memory_mb), daemon=True
    )
    proc.start()
    send.close()  # the child holds the only writer: EOF here means it died
    try:
        if not receive.poll(seconds):
            proc.kill()
            raise IngestError(path, f"abandoned: still parsing after {seconds:g} s")
        try:
            kind, value = receive.recv()
        except EOFError:
            proc.join(5)
            code = proc.exitcode
            raise IngestError(
                path, f"abandoned: the parser died (exit {code}; over {memory_mb:,} MB?)"
            ) from None
    finally:
        receive.close()
        proc.join(5)
        if proc.is_alive():
            proc.kill()
    if kind == "error":
        raise IngestError(path, value)
    return value  # type: ignore[no-any-return]
