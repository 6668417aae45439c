"""Open the SQLite file: a build that can load sqlite-vec, WAL, busy timeout, migrations.

Also says in one line what is wrong with a file kb cannot use: a damaged one.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from kb.errors import DatabaseError, KbError

from .migrations import migrate

# Tried in order: stdlib first (fine where it can load extensions), then builds that can.
_DRIVERS = ("sqlite3", "sqlean", "pysqlite3")
MMAP_BYTES = 16 * 2**30


def sqlite_module() -> ModuleType:
    """The first sqlite3-compatible module whose connections can load extensions."""
    tried = []
    for name in _DRIVERS:
        try:
            mod = importlib.import_module(name)
        except ImportError:
            tried.append(f"{name} (not installed)")
            continue
        if hasattr(mod.Connection, "enable_load_extension"):
            return mod
        tried.append(f"{name} (built without extension loading)")
    raise DatabaseError(
        "no SQLite build here can load the sqlite-vec extension; tried: "
        + ", ".join(tried)
        + ". Install one with: pip install sqlean.py"
    )


def _load_vec(conn: Any) -> None:
    import sqlite_vec

    try:
        conn.enable_load_extension(True)
        sqlite_vec.load(conn)
    except Exception as exc:
        raise DatabaseError(f"cannot load the sqlite-vec extension: {exc}") from exc
    finally:
        # Extension loading stays off once sqlite-vec is in: no SQL can load anything else.
        conn.enable_load_extension(False)


# SQLite's words for a file whose pages are broken: by result code where the driver gives
# one, by message where it does not (pysqlite3), both as the review saw them.
_DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR")
_DAMAGE_WORDS = ("malformed", "not a database", "disk i/o error", "corrupt")


def _has(exc: BaseException, codes: tuple[str, ...], words: tuple[str, ...]) -> bool:
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    text = str(exc).lower()
    return any(name.startswith(c) for c in codes) or any(w.lower() in text for w in words)


def damaged(path: str | Path, reason: str) -> DatabaseError:
    """The one-line error for an index file whose pages are broken."""
    return DatabaseError(
        f"{path} is damaged ({reason}); move it aside and run `kb ingest` again, "
        "or `kb doctor` for details"
    )


def explain(exc: BaseException, path: str | Path, conn: Any = None) -> DatabaseError | None:
    """A DatabaseError naming the file when exc means it is damaged, else None.

    sqlite-vec reports a broken vector page in its own words ("vectors blob read error",
    "chunks iter error"): with conn, any other failure is put to a bounded quick_check
    (on this error path only) before it is called damage.
    """
    if isinstance(exc, KbError):
        return None
    reason = " ".join(str(exc).split())
    # Only SQLite's own errors are read for words: a parser's "corrupt PDF" is no index damage.
    if isinstance(exc, sqlite_module().Error):
        if _has(exc, _DAMAGE_CODES, _DAMAGE_WORDS):
            return damaged(path, reason)
    if conn is None:
        return None
    from .health import quick_check

    try:
        problems = quick_check(conn)
    except Exception as again:  # the check itself tripped over the damage
        if _has(again, _DAMAGE_CODES, _DAMAGE_WORDS):
            return damaged(path, " ".join(str(again).split()))
        return None
    return damaged(path, f"{reason}; {problems[0]}") if problems else None


def _refused(exc: BaseException, path: Path) -> DatabaseError:
    # "not a database" stays a foreign file: kb does not overwrite what it did not make.
    if _has(exc, ("SQLITE_CORRUPT", "SQLITE_IOERR"), ("malformed", "disk i/o error")):
        return damaged(path, " ".join(str(exc).split()))
    return DatabaseError(f"{path}: not a SQLite database ({exc}); left untouched")


def connect(path: str | Path, *, create: bool = True, readonly: bool = False) -> Any:
    """Connect, load sqlite-vec, set WAL and a busy timeout, and bring the schema up to date."""
    path = Path(path)
    mod = sqlite_module()
    if not path.exists():
        if not create or readonly:
            raise DatabaseError(f"{path}: no database here yet (run `kb ingest PATH` first)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a parent that is a file, or a folder kb may not write
            raise DatabaseError(f"{path}: cannot create its folder ({exc.strerror})") from exc
    elif path.is_dir():
        raise DatabaseError(f"{path}: is a directory, not a database file")
    try:
        # Autocommit mode: transactions are explicit (see `transaction`), never implicit.
        conn = mod.connect(str(path), timeout=30.0, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except mod.DatabaseError as exc:
        raise _refused(exc, path) from exc
    _load_vec(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    # Reads through the page cache cost sqlite-vec's scan ~40% (752 → 457 ms at 1M chunks,
    # 70 → 48 ms at 100k): map the file instead. An upper bound, not an allocation.
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    if not readonly:
        _set_wal(conn, mod)
        conn.execute("PRAGMA synchronous = NORMAL")
    migrate(conn, str(path))
    return conn


def _set_wal(conn: Any, mod: ModuleType, tries: int = 50) -> None:
    # Turning a new file to WAL needs it to itself, and SQLite answers "locked" at once
    # instead of waiting while another process opens the same new file: wait here. Once in
    # WAL (it persists in the file) the pragma only reads.
    for attempt in range(tries):
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except mod.OperationalError as exc:
            if "locked" not in str(exc) or attempt == tries - 1:
                raise
            time.sleep(0.1)


@contextmanager
def _begun(conn: Any, begin: str) -> Iterator[Any]:
    if conn.in_transaction:  # nested use joins the outer transaction
        yield conn
        return
    conn.execute(begin)
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def transaction(conn: Any) -> AbstractContextManager[Any]:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any error (nested use joins the outer one)."""
    return _begun(conn, "BEGIN IMMEDIATE")


def read_snapshot(conn: Any) -> AbstractContextManager[Any]:
    """BEGIN (deferred) … COMMIT: reads see one WAL snapshot (joins an open transaction)."""
    return _begun(conn, "BEGIN")
