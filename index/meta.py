"""The meta table: the index's embedder, its chunk counter and its write generation."""

from __future__ import annotations

from kb.errors import EmbedderMismatch
from kb.i18n import t

from .conn import Connection
from .dialect import is_postgres


def get_meta(conn: Connection, key: str) -> str | None:
    """A value from the meta table."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(conn: Connection, key: str, value: str) -> None:
    """Set a meta value."""
    # ON CONFLICT rather than SQLite's INSERT OR REPLACE: the same statement on a server.
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def index_embedder(conn: Connection) -> tuple[str, int] | None:
    """(embedder name, dimension) the index was built with, or None for an empty index."""
    name, dim = get_meta(conn, "embedder"), get_meta(conn, "embedder_dim")
    return (name, int(dim)) if name and dim else None


def check_embedder(conn: Connection, name: str, dim: int | None, label: str) -> None:
    """Refuse to mix vectors from different embedders in one index (dim None: name only)."""
    have = index_embedder(conn)
    if have and (have[0] != name or (dim is not None and have[1] != dim)):
        asked = t("db.embedder_dims", name=name, dim=dim) if dim is not None else f"'{name}'"
        raise EmbedderMismatch(
            t("db.embedder_other", path=label, have=have[0], dim=have[1], asked=asked)
        )


def chunk_count(conn: Connection) -> int:
    """Number of chunks stored (kept in meta at ingest: count(*) over millions is not free)."""
    value = get_meta(conn, "chunks")
    return int(value) if value is not None else 0


def update_chunk_count(conn: Connection) -> None:
    """Keep the chunk counter, and bump the generation that in-memory copies check."""
    set_meta(conn, "chunks", str(conn.execute("SELECT count(*) FROM chunks").fetchone()[0]))
    if is_postgres(conn):
        update_word_tokens(conn)
    bump_generation(conn)


# On a server, the tokens in all chunks' words: BM25's mean chunk length (index/pgfts.py)
# is this over the chunk count. Computed with avg() at every query it cost 60 ms of a
# 100k-chunk hybrid search (bench/pg.py); kept here it costs one scan per document written.
WORD_TOKENS = "word_tokens"


def update_word_tokens(conn: Connection) -> None:
    """Keep the server's total of word tokens over all chunks (inside the writer's transaction)."""
    total = conn.execute("SELECT coalesce(sum(n_tokens), 0) FROM chunks_fts").fetchone()[0]
    set_meta(conn, WORD_TOKENS, str(int(total)))


def bump_generation(conn: Connection) -> None:
    """Tell in-memory vector copies (index/resident.py) that the stored vectors changed."""
    set_meta(conn, "generation", str(int(get_meta(conn, "generation") or 0) + 1))


def generation(conn: Connection) -> int:
    """A number that changes whenever documents are written or removed."""
    return int(get_meta(conn, "generation") or 0)
