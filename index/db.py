"""Open the SQLite file: a build that can load sqlite-vec, WAL, busy timeout, migrations.

Also says in one line what is wrong with a file kb cannot use: damaged, or read-only.
"""

from __future__ import annotations

import importlib
import time
from pathlib import Path
from types import ModuleType
from urllib.parse import quote

from kb.errors import DatabaseError, KbError
from kb.i18n import t
from kb.text import one_line
from kb.types import Check

from .conn import Connection
from .dialect import is_postgres
from .health import quick_check
from .migrations import APP_ID, SCHEMA_VERSION, migrate

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
            tried.append(t("db.not_installed", name=name))
            continue
        if hasattr(mod.Connection, "enable_load_extension"):
            return mod
        tried.append(t("db.no_extensions", name=name))
    raise DatabaseError(t("db.no_sqlite", tried=", ".join(tried)))


def _load_vec(conn: Connection) -> None:
    # Not at the top: then a missing sqlite-vec would break `kb doctor`, which reports it.
    import sqlite_vec

    try:
        conn.enable_load_extension(True)
        sqlite_vec.load(conn)
    except Exception as exc:
        raise DatabaseError(t("db.no_vec", detail=exc)) from exc
    finally:
        # Extension loading stays off once sqlite-vec is in: no SQL can load anything else.
        conn.enable_load_extension(False)


def build_checks() -> list[Check]:
    """The SQLite build, sqlite-vec loading and FTS5, tried on a throwaway in-memory database.

    Only the first check when no SQLite build here can load extensions (nothing else can run).
    """
    try:
        mod = sqlite_module()
    except KbError as exc:
        return [Check("sqlite", False, str(exc))]
    checks = [Check("sqlite", True, f"{mod.__name__} {mod.sqlite_version}")]
    try:
        import sqlite_vec  # here: a missing or broken sqlite-vec is this check's failure

        c = mod.connect(":memory:")
        c.enable_load_extension(True)
        sqlite_vec.load(c)
        c.enable_load_extension(False)
        version = c.execute("SELECT vec_version()").fetchone()[0]
        fts5 = c.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')").fetchone()[0]
        c.close()
        checks.append(Check("sqlite-vec", True, t("health.loaded", version=version)))
        checks.append(Check("fts5", bool(fts5), t("health.fts5" if fts5 else "health.no_fts5")))
    except Exception as exc:
        checks.append(Check("sqlite-vec", False, t("health.cannot_load", detail=exc)))
    return checks


# SQLite's words for a file whose pages are broken: by result code where the driver gives
# one, by message where it does not (pysqlite3), both as the review saw them.
_DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR")
_DAMAGE_WORDS = ("malformed", "not a database", "disk i/o error", "corrupt")
# A file kb may read but not write (or whose -wal/-shm cannot be made beside it).
_READONLY_CODES = ("SQLITE_READONLY",)
_READONLY_WORDS = ("readonly database",)
_CANTOPEN_CODES = ("SQLITE_CANTOPEN",)
_CANTOPEN_WORDS = ("unable to open database file",)


def _has(exc: BaseException, codes: tuple[str, ...], words: tuple[str, ...]) -> bool:
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    text = str(exc).lower()
    return any(name.startswith(c) for c in codes) or any(w.lower() in text for w in words)


def _cannot_write(exc: BaseException) -> bool:
    return _has(exc, _CANTOPEN_CODES + _READONLY_CODES, _CANTOPEN_WORDS + _READONLY_WORDS)


def damaged(path: str | Path, reason: str) -> DatabaseError:
    """The one-line error for an index file whose pages are broken."""
    return DatabaseError(t("db.damaged", path=path, reason=reason))


def read_only(path: str | Path, reason: str, searchable: bool = True) -> DatabaseError:
    """The one-line error for writing to an index kb can only read."""
    name = Path(path).name
    return DatabaseError(
        t("db.read_only", path=path, reason=reason, name=name)
        + (t("db.read_only_search") if searchable else "")
    )


def explain(
    exc: BaseException, path: str | Path, conn: Connection | None = None
) -> DatabaseError | None:
    """A DatabaseError naming the file when exc means it is damaged or read-only, else None.

    sqlite-vec reports a broken vector page in its own words ("vectors blob read error",
    "chunks iter error"): with conn, any other failure is put to a bounded quick_check
    (on this error path only) before it is called damage.
    """
    if isinstance(exc, KbError):
        return None
    reason = one_line(exc)
    # Only SQLite's own errors are read for words: a parser's "corrupt PDF" is no index damage.
    if isinstance(exc, sqlite_module().Error):
        if _has(exc, _DAMAGE_CODES, _DAMAGE_WORDS):
            return damaged(path, reason)
        if _has(exc, _READONLY_CODES, _READONLY_WORDS):
            return read_only(path, reason)
    if conn is None:
        return None
    try:
        problems = quick_check(conn)
    except Exception as again:  # the check itself tripped over the damage
        if _has(again, _DAMAGE_CODES, _DAMAGE_WORDS):
            return damaged(path, one_line(again))
        return None
    return damaged(path, f"{reason}; {problems[0]}") if problems else None


def _open(mod: ModuleType, target: str, uri: bool = False) -> Connection:
    # Autocommit mode: transactions are explicit (see `transaction`), never implicit.
    conn: Connection = mod.connect(
        target, uri=uri, timeout=30.0, check_same_thread=False, isolation_level=None
    )
    try:
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def _open_read_only(mod: ModuleType, path: Path) -> Connection:
    uri = "file:" + quote(str(path.absolute()), safe="/")
    try:
        return _open(mod, uri + "?mode=ro", uri=True)
    except mod.DatabaseError as exc:
        if not _cannot_write(exc):
            raise
    # A WAL file cannot be read without its -shm, which a read-only folder cannot hold:
    # immutable=1 reads the file alone. Nothing else may write it meanwhile, and in a
    # read-only location nothing can.
    return _open(mod, uri + "?mode=ro&immutable=1", uri=True)


def _refused(exc: BaseException, path: Path) -> DatabaseError:
    # "not a database" stays a foreign file: kb does not overwrite what it did not make.
    if _has(exc, ("SQLITE_CORRUPT", "SQLITE_IOERR"), ("malformed", "disk i/o error")):
        return damaged(path, one_line(exc))
    return DatabaseError(t("db.not_sqlite", path=path, detail=exc))


def connect(path: str | Path, *, create: bool = True, readonly: bool = False) -> Connection:
    """Connect, load sqlite-vec, set WAL and a busy timeout, and bring the schema up to date.

    A file kb cannot write (found by trying, whoever runs kb) is opened read-only instead,
    with no WAL switch and no migration: it can be searched, and writing is refused.
    """
    path = Path(path)
    mod = sqlite_module()
    if not path.exists():
        if not create or readonly:
            raise DatabaseError(t("err.no_database", path=path))
        prepare(path)
    elif path.is_dir():
        raise DatabaseError(t("err.database_is_folder", path=path))
    conn = None
    if not readonly:
        try:
            conn = _open(mod, str(path))
        except mod.DatabaseError as exc:
            # The file or its folder is read-only (no -wal/-shm can be made): read it as such.
            if not (path.exists() and _cannot_write(exc)):
                raise _refused(exc, path) from exc
            readonly = True
    if conn is None:
        try:
            conn = _open_read_only(mod, path)
        except mod.DatabaseError as exc:
            raise _refused(exc, path) from exc
    _load_vec(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    # Reads through the page cache cost sqlite-vec's scan ~40% (752 → 457 ms at 1M chunks,
    # 70 → 48 ms at 100k): map the file instead. An upper bound, not an allocation.
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    try:
        if not readonly:
            try:
                _set_wal(conn, mod)
                conn.execute("PRAGMA synchronous = NORMAL")
            except mod.DatabaseError as exc:
                # A read-only file SQLite opened read-only without a word: read it as it is.
                if not _has(exc, _READONLY_CODES, _READONLY_WORDS):
                    raise
        _migrate(conn, path)
    except mod.DatabaseError as exc:
        conn.close()
        if _has(exc, _READONLY_CODES, _READONLY_WORDS):
            raise read_only(path, one_line(exc)) from exc
        raise _refused(exc, path) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def _migrate(conn: Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id == APP_ID and version < SCHEMA_VERSION and not writable(conn):
        # An older index kb cannot upgrade in place: say so before any migration starts.
        raise read_only(
            path, t("db.older", version=version, supported=SCHEMA_VERSION), searchable=False
        )
    migrate(conn, str(path))  # with nothing to apply this only reads (and refuses foreign files)


def writable(conn: Connection) -> bool:
    """Whether this connection can write its file, found by trying a write that changes nothing."""
    return _write_refusal(conn) is None


def _write_refusal(conn: Connection) -> BaseException | None:
    if is_postgres(conn):  # a standby, or a role whose transactions are read-only
        ro = conn.execute("SELECT current_setting('transaction_read_only')").fetchone()[0]
        return DatabaseError(t("db.server_read_only")) if ro == "on" else None
    if conn.in_transaction:  # inside a write already, or a read kb started: not the moment
        return None
    # BEGIN IMMEDIATE alone succeeds on a read-only file (SQLite makes it a read): setting
    # the schema cookie to its own value, then rolling back, needs the file open for writing.
    try:
        conn.execute("BEGIN IMMEDIATE")
    except Exception as exc:
        if _has(exc, _READONLY_CODES, _READONLY_WORDS):
            return exc
        raise
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute(f"PRAGMA user_version = {version}")
    except Exception as exc:
        return exc
    finally:
        if conn.in_transaction:  # some errors (disk full, I/O) have rolled back already
            conn.execute("ROLLBACK")
    return None


def check_writable(conn: Connection, path: str | Path) -> None:
    """Raise the one-line read-only error when kb cannot write this index (found by trying)."""
    refusal = _write_refusal(conn)
    if refusal is not None:
        reason = one_line(refusal)
        raise explain(refusal, path) or DatabaseError(
            t("db.cannot_write", path=path, reason=reason)
        )


def prepare(path: str | Path) -> None:
    """Make the folder for a new index and check a file can be made there (nothing is left)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a parent that is a file, or a folder kb may not write
        raise DatabaseError(t("db.no_folder", path=path, reason=exc.strerror)) from exc
    # Here, not above: tempfile pulls in shutil and compressors, 2.6 ms more on a cold
    # `kb search` (median, one core), and only a new index needs it.
    import tempfile

    try:  # tried, not asked: os.access answers yes to root even on a read-only mount
        with tempfile.TemporaryFile(dir=path.parent):
            pass
    except OSError as exc:
        raise DatabaseError(
            t("db.cannot_create", path=path, folder=path.parent, reason=exc.strerror)
        ) from exc


def _set_wal(conn: Connection, mod: ModuleType, tries: int = 50) -> None:
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
