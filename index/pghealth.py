"""What a server index is made of, for `kb doctor`: versions, counts and the HNSW index.

The counterpart of index/health.py's checks, which read SQLite's pages and pragmas. A server
keeps its own pages (checksums, amcheck for its administrator); what a kb user can see
going wrong is elsewhere: an old pgvector, a schema from another kb, words or vectors out
of step with the chunks, and an HNSW index left invalid by an interrupted CREATE INDEX
(the planner then ignores it and every vector query scans the whole table). Facts only: the
words are kb/reports.py's, from the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

from .conn import Connection
from .meta import index_embedder
from .pending import pending_chunks
from .pgschema import SCHEMA_VERSION, version
from .pgvectors import dimension, has_table

# The index index/pgvectors.py creates with the vector table.
HNSW_INDEX = "chunks_vec_hnsw"


@dataclass(frozen=True, slots=True)
class ServerFacts:
    """One server index as `kb doctor` reports it."""

    server_version: str
    pgvector_version: str | None  # None: the extension is not installed in this database
    schema_version: int
    schema_expected: int
    documents: int
    chunks: int
    words: int  # rows of chunks_fts
    vectors: int  # rows of chunks_vec (0 before the first vectors)
    waiting_documents: int
    waiting_chunks: int
    vector_table: bool
    hnsw: bool | None  # None: no HNSW index; else whether the server holds it valid
    embedder: tuple[str, int] | None  # as recorded in meta
    vector_dim: int | None  # the vector column's own dimension

    @property
    def in_step(self) -> bool:
        """Every chunk has its words, and its vector unless its document still waits."""
        return self.chunks == self.words == self.vectors + self.waiting_chunks


def facts(conn: Connection) -> ServerFacts:
    """Read the server's and the index's facts over an open server connection."""

    def one(sql: str) -> object:
        row = conn.execute(sql).fetchone()
        return row[0] if row else None

    table = has_table(conn)
    # indisvalid is false while CREATE INDEX CONCURRENTLY runs and after one failed.
    valid = one(
        "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        f"WHERE c.relname = '{HNSW_INDEX}' AND c.relnamespace = current_schema()::regnamespace"
    )
    docs_waiting, chunks_waiting = pending_chunks(conn)
    return ServerFacts(
        server_version=str(one("SHOW server_version")),
        pgvector_version=_text(one("SELECT extversion FROM pg_extension WHERE extname = 'vector'")),
        schema_version=version(conn),
        schema_expected=SCHEMA_VERSION,
        documents=int(str(one("SELECT count(*) FROM documents"))),
        chunks=int(str(one("SELECT count(*) FROM chunks"))),
        words=int(str(one("SELECT count(*) FROM chunks_fts"))),
        vectors=int(str(one("SELECT count(*) FROM chunks_vec"))) if table else 0,
        waiting_documents=docs_waiting,
        waiting_chunks=chunks_waiting,
        vector_table=table,
        hnsw=None if valid is None else bool(valid),
        embedder=index_embedder(conn),
        vector_dim=dimension(conn),
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)
