"""Copy a whole index between backends (SQLite ↔ PostgreSQL) without embedding again.

Rows go across with their ids, in one transaction on the target: documents, their outline,
tables, chunks, figures, programs, studies, the vocabulary and the meta table (embedder,
counters). The vectors are read back from the source's vector table and written into the
target's. The words are the one thing read anew: SQLite's FTS5 table is contentless, so each
chunk's morphemes come from Kiwi over the same section path and text as at ingest (what
index/migrations.py's vocabulary backfill does too). Every table's count is then compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import Any

import numpy as np

from kb.errors import KbError
from kb.i18n import t
from kb.text import index_text

from . import fts, vectors
from .conn import Connection
from .dialect import is_postgres
from .meta import bump_generation, index_embedder, update_word_tokens
from .tokenize import tokens_batch
from .tx import read_snapshot, transaction

# Each table with the columns both schemas share, parents before children.
_COLUMNS = {
    "meta": "key value",
    "documents": "id path sha256 title organisation report_date year format pages ingested_at "
    "period context_vec context_tokens vectors_pending",
    "sections": "id doc_id ordinal parent_id level marker title path line page",
    "doc_tables": "id doc_id section_id ordinal line page caption unit as_of header_json "
    "columns_json rows_json",
    "chunks": "id doc_id section_id table_id ordinal kind text page line_start line_end",
    "figures": "id doc_id table_id section_id label label_key measure measure_label value "
    "value_text unit scale row_index col_index line page period",
    "programs": "id doc_id section_id year code group_name name name_key objective contents "
    "results plans line",
    "studies": "id doc_id section_id year title category method line embedding title_tokens",
    "vocab": "term df",
    "doc_terms": "doc_id term df",
}
TABLES: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (table, tuple(columns.split())) for table, columns in _COLUMNS.items()
)
BATCH = 1000  # rows per executemany


def _rows(conn: Connection, table: str, columns: tuple[str, ...]) -> Iterator[list[Any]]:
    order = " ORDER BY id" if "id" in columns else ""
    for row in conn.execute(f"SELECT {', '.join(columns)} FROM {table}{order}"):
        yield list(row)


def _vector_rows(conn: Connection) -> Iterator[tuple[int, int, int, np.ndarray]]:
    """(doc_id, chunk_id, year, vector) of every stored vector, by document."""
    if not vectors.has_table(conn):
        return
    if is_postgres(conn):
        sql = "SELECT doc_id, chunk_id, year, embedding::real[] FROM chunks_vec"
    else:
        sql = "SELECT doc_id, chunk_id, year, embedding FROM chunks_vec"
    for doc_id, chunk_id, year, vec in conn.execute(sql + " ORDER BY doc_id, chunk_id"):
        arr = np.asarray(vec, np.float32) if isinstance(vec, list) else np.frombuffer(vec, "<f4")
        yield int(doc_id), int(chunk_id), int(year), arr


def counts(conn: Connection) -> dict[str, int]:
    """Rows of every copied table, and the words and vectors stored."""
    out = {
        table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table, _ in TABLES
        if table != "meta"
    }
    out["words"] = int(conn.execute("SELECT count(*) FROM chunks_fts").fetchone()[0])
    stored = vectors.has_table(conn)
    vecs = conn.execute("SELECT count(*) FROM chunks_vec").fetchone()[0] if stored else 0
    out["vectors"] = int(vecs)
    return out


def copy_index(src: Connection, dst: Connection, label: str = "") -> dict[str, int]:
    """Copy everything in src into dst, which must hold no documents; the counts copied.

    One transaction on dst: a failure (or a count that differs) leaves it as it was.
    """
    label = label or t("db.copy_target")
    if dst.execute("SELECT count(*) FROM documents").fetchone()[0]:
        raise KbError(t("db.copy_not_empty", target=label))
    have = index_embedder(src)
    with read_snapshot(src), transaction(dst):
        dst.execute("DELETE FROM meta")
        for table, columns in TABLES:
            marks = ", ".join("?" * len(columns))
            sql = f"INSERT INTO {table}({', '.join(columns)}) VALUES ({marks})"
            rows = _rows(src, table, columns)
            while batch := [r for _, r in zip(range(BATCH), rows, strict=False)]:
                dst.executemany(sql, batch)
        _copy_words(src, dst)
        if have is not None:
            vectors.ensure_table(dst, have[1])
            for doc_id, group in groupby(_vector_rows(src), key=lambda r: r[0]):
                rows_of = list(group)
                vectors.insert_many(dst, [(r[1], r[3]) for r in rows_of], doc_id, rows_of[0][2])
        if is_postgres(dst):
            _advance_ids(dst)
            # The source's meta has no (or another index's) word total: count the words made here.
            update_word_tokens(dst)
        bump_generation(dst)
        want, got = counts(src), counts(dst)
        if want != got:
            wrong = {k: (want[k], got.get(k)) for k in want if want[k] != got.get(k)}
            raise KbError(t("db.copy_counts", target=label, wrong=wrong))
    return got


def _copy_words(src: Connection, dst: Connection) -> None:
    """Each chunk's morphemes, from Kiwi over its section path and text as at ingest."""
    rows = src.execute(
        "SELECT c.id, COALESCE(s.path, ''), c.text FROM chunks c "
        "LEFT JOIN sections s ON s.id = c.section_id ORDER BY c.id"
    ).fetchall()
    for k in range(0, len(rows), BATCH):
        part = rows[k : k + BATCH]
        found = tokens_batch([index_text(path, text) for _, path, text in part])
        for (chunk_id, _, _), toks in zip(part, found, strict=True):
            fts.insert(dst, int(chunk_id), toks)


def _advance_ids(dst: Connection) -> None:
    """Move each identity past the copied ids, so the next ingest numbers on from them."""
    for table, columns in TABLES:
        if "id" in columns:
            dst.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
            )
