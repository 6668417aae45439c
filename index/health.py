"""Health checks of an index file: integrity, schema version, vectors and words in step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kb.i18n import t
from kb.text import one_line
from kb.types import Check, DocCount, IndexStats

from .conn import Connection
from .dialect import is_postgres, label
from .meta import index_embedder
from .migrations import SCHEMA_VERSION
from .pending import pending_chunks
from .vectors import has_table

# PRAGMA quick_check work `kb stats` spends, in progress-handler ticks of 1,000 steps. The
# check takes ~75 steps a page: 4,000 ticks cover ~53k pages, a 100k-chunk (200 MB) index
# whole in ~0.2 s. On a bigger one it stops unfinished and only `kb doctor` reads the rest.
QUICK_CHECK_TICKS = 4000


# An index of up to this many pages (16 MB, some 8k chunks) is quick_checked whole whenever
# kb opens it: ~1 ms for the sample index's 541 pages, ~6 ms at the limit. A bigger one
# gets only the bounded check of `kb stats`, and the errors its pages give when read.
OPEN_CHECK_PAGES = 4096


def _problems(rows: list[Any]) -> list[str]:
    """integrity_check's rows as one problem a line ("ok" is none)."""
    lines = [ln for r in rows for ln in str(r[0]).splitlines()]
    # "*** in database main ***" heads the list; it names no problem.
    return [ln for ln in lines if ln != "ok" and not ln.startswith("*** in database")]


def quick_check(conn: Connection, ticks: int = QUICK_CHECK_TICKS) -> list[str]:
    """The problems PRAGMA quick_check finds within its budget ([] when none, or unfinished)."""
    if is_postgres(conn):  # a server keeps its own pages (checksums, amcheck for its admin)
        return []
    spent = 0

    def tick() -> int:
        nonlocal spent
        spent += 1
        return int(spent > ticks)  # non-zero interrupts the check

    conn.set_progress_handler(tick, 1000)
    try:
        rows = conn.execute("PRAGMA quick_check(3)").fetchall()
    except Exception:
        if spent > ticks:  # interrupted: the part read was sound, the rest unread
            return []
        raise
    finally:
        conn.set_progress_handler(None, 0)
    return _problems(rows)


def open_check(conn: Connection) -> list[str] | None:
    """quick_check's problems for an index small enough to check at every open; None if bigger."""
    if is_postgres(conn):
        return None
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    return quick_check(conn) if pages <= OPEN_CHECK_PAGES else None


def index_stats(conn: Connection, db: Path) -> IndexStats:
    """Counts and facts about the index in db (open as conn): documents, chunks, embedder.

    On a server, db is its URL (without the password) and the size its database's.
    """

    def count(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    emb = index_embedder(conn)
    docs = [
        DocCount(path=path, title=title, year=year, format=fmt, chunks=chunks)
        for path, title, year, fmt, chunks in conn.execute(
            "SELECT d.path, d.title, d.year, d.format, count(c.id) FROM documents d "
            "LEFT JOIN chunks c ON c.doc_id = d.id GROUP BY d.id ORDER BY d.path"
        )
    ]
    waiting = pending_chunks(conn)
    if is_postgres(conn):
        where = label(conn)
        size = count("SELECT pg_database_size(current_database())")
    else:
        where = str(db)
        size = db.stat().st_size if db.exists() else 0
    return IndexStats(
        db=where,
        size_bytes=size,
        documents=count("SELECT count(*) FROM documents"),
        sections=count("SELECT count(*) FROM sections"),
        chunks=count("SELECT count(*) FROM chunks"),
        tables=count("SELECT count(*) FROM doc_tables"),
        embedder=emb[0] if emb else None,
        dim=emb[1] if emb else None,
        waiting_documents=waiting[0],
        waiting_chunks=waiting[1],
        docs=docs,
    )


def _summary(problems: list[str]) -> str:
    more = t("health.more", n=len(problems) - 3) if len(problems) > 3 else ""
    return "; ".join(problems[:3]) + more


def check(conn: Connection, configured_embedder: str | None) -> list[Check]:
    """(check, ok, detail with what to do) for one open index."""
    out: list[Check] = []
    try:
        problems = _problems(conn.execute("PRAGMA integrity_check(100)").fetchall())
    except Exception as exc:  # damage can stop the check itself
        problems = [one_line(exc)]
    out.append(
        Check(
            "integrity",
            not problems,
            t("health.ok") if not problems else t("health.restore", problems=_summary(problems)),
        )
    )
    try:
        _contents(conn, configured_embedder, out)
    except Exception as exc:  # the counts read the damaged pages too
        out.append(Check("contents", False, t("health.unreadable", detail=one_line(exc))))
    return out


def _contents(conn: Connection, configured_embedder: str | None, out: list[Check]) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    out.append(
        Check(
            "schema",
            version == SCHEMA_VERSION,
            t("health.version", version=version)
            if version == SCHEMA_VERSION
            else t("health.version_expected", version=version, expected=SCHEMA_VERSION),
        )
    )
    chunks = conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
    words = conn.execute("SELECT count(*) FROM chunks_fts").fetchone()[0]
    vecs = conn.execute("SELECT count(*) FROM chunks_vec").fetchone()[0] if has_table(conn) else 0
    docs_waiting, waiting = pending_chunks(conn)
    # Chunks of documents still waiting for their vectors are searchable by words only.
    in_step = chunks == words == vecs + waiting
    out.append(
        Check(
            "contents",
            in_step,
            t("health.contents", chunks=chunks, vectors=vecs, words=words)
            + (t("health.contents_waiting", n=waiting) if waiting else "")
            + ("" if in_step else t("health.out_of_step")),
        )
    )
    if docs_waiting:
        # Normal while an ingest runs; after one was stopped, the next writes them.
        out.append(
            Check(
                "waiting",
                True,
                t("health.waiting", documents=docs_waiting, chunks=waiting),
            )
        )
    have = index_embedder(conn)
    if have is None:
        out.append(Check("vectors", True, t("health.no_vectors")))
    else:
        dim_ok = True
        if has_table(conn):
            sql = conn.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'chunks_vec'"
            ).fetchone()[0]
            dim_ok = f"float[{have[1]}]" in sql
        wanted = configured_embedder
        same = not wanted or wanted == have[0]
        detail = t("health.built_with", name=have[0], dim=have[1])
        if not dim_ok:
            detail += t("health.other_dim")
        if not same:
            detail += t("health.other_embedder", wanted=wanted)
        out.append(Check("vectors", dim_ok and same, detail))
