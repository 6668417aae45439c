"""Health checks of an index file: integrity, schema version, vectors and words in step."""

from __future__ import annotations

from typing import Any

from .migrations import SCHEMA_VERSION
from .store import index_embedder
from .vectors import has_table


def check(conn: Any, configured_embedder: str | None) -> list[tuple[str, bool, str]]:
    """(check, ok, detail with what to do) for one open index."""
    out: list[tuple[str, bool, str]] = []
    result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    ok = result == ["ok"]
    out.append(
        (
            "integrity",
            ok,
            "ok"
            if ok
            else "; ".join(result[:3]) + " — restore a backup, or delete the file and re-ingest",
        )
    )
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    out.append(
        (
            "schema",
            version == SCHEMA_VERSION,
            f"version {version}"
            + ("" if version == SCHEMA_VERSION else f", expected {SCHEMA_VERSION}"),
        )
    )
    chunks = conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
    words = conn.execute("SELECT count(*) FROM chunks_fts").fetchone()[0]
    vecs = conn.execute("SELECT count(*) FROM chunks_vec").fetchone()[0] if has_table(conn) else 0
    in_step = chunks == words == vecs
    out.append(
        (
            "contents",
            in_step,
            f"{chunks} chunks, {vecs} vectors, {words} word entries"
            + ("" if in_step else " — out of step: delete the file and run `kb ingest` again"),
        )
    )
    have = index_embedder(conn)
    if have is None:
        out.append(("vectors", True, "none stored yet"))
    else:
        dim_ok = True
        if has_table(conn):
            sql = conn.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'chunks_vec'"
            ).fetchone()[0]
            dim_ok = f"float[{have[1]}]" in sql
        wanted = configured_embedder
        same = not wanted or wanted == have[0]
        detail = f"built with {have[0]} ({have[1]} dims)"
        if not dim_ok:
            detail += " — the vector table has another dimension: rebuild the index"
        if not same:
            detail += f"; you asked for {wanted}: use --db for another index, or drop --embedder"
        out.append(("vectors", dim_ok and same, detail))
    return out
