"""Write documents: stage one of ingest (everything but the vectors), or a whole document at once.

One transaction per document, all or nothing. Stage two (the vectors) is index/pending.py;
finding, renaming and removing stored documents index/registry.py; the meta table (embedder,
counters) index/meta.py.
"""

from __future__ import annotations

import json

import numpy as np

from kb.i18n import t
from kb.text import compact
from kb.types import Document

from . import fts, vectors
from .conn import Connection, Cursor
from .locks import lock_document
from .meta import check_embedder, set_meta, update_chunk_count
from .pending import write_study_vectors, write_vectors
from .registry import delete_rows, find_by_path
from .tokenize import tokens_batch
from .tx import transaction


def inserted_id(cur: Cursor) -> int:
    """The rowid the INSERT just run on cur gave its row."""
    rowid = cur.lastrowid
    if rowid is None:  # only before any INSERT: a bug here, not the user's input
        raise RuntimeError("no row was inserted")
    return rowid


def add_terms(conn: Connection, doc_id: int, chunk_tokens: list[list[str]]) -> None:
    """Count in a document's terms (document frequency over its chunks)."""
    df: dict[str, int] = {}
    for toks in chunk_tokens:
        for term in set(toks):
            df[term] = df.get(term, 0) + 1
    rows = list(df.items())
    conn.executemany(
        "INSERT INTO vocab(term, df) VALUES (?, ?) "
        # vocab.df, not df: PostgreSQL calls the bare name ambiguous (vocab's or excluded's).
        "ON CONFLICT(term) DO UPDATE SET df = vocab.df + excluded.df",
        rows,
    )
    conn.executemany(
        "INSERT INTO doc_terms(doc_id, term, df) VALUES (?, ?, ?)",
        [(doc_id, t, n) for t, n in rows],
    )


def replace_document(
    conn: Connection,
    doc: Document,
    embeddings: np.ndarray,
    chunk_tokens: list[list[str]],
    embedder: tuple[str, int],
    study_vectors: np.ndarray | None = None,
    context: tuple[np.ndarray, list[str]] | None = None,
) -> int:
    """Store doc (replacing any earlier version at its path) in one transaction; returns its id.

    Words and vectors at once (tools, tests); `kb ingest` writes them in two steps
    (store_words, then store_vectors) so a document is searchable by words while it is
    embedded. study_vectors: one row per doc.studies (title embeddings), or None. context:
    the vector and morphemes of the document's title and issuer (scored once per document).
    """
    # BEGIN … COMMIT, or ROLLBACK on any error: the earlier version survives intact.
    with transaction(conn):
        doc_id, chunk_ids = _write_words(conn, doc, chunk_tokens, embedder, context, False)
        write_vectors(conn, doc_id, doc.year, chunk_ids, embeddings)
        if study_vectors is not None:
            write_study_vectors(conn, doc_id, study_vectors)
        return doc_id


def store_words(
    conn: Connection,
    doc: Document,
    chunk_tokens: list[list[str]],
    embedder: tuple[str, int],
    context_tokens: list[str],
) -> int:
    """Stage one of ingest: everything but the vectors, in one transaction; its id.

    The document is searchable by words once this commits; it waits for its vectors
    (documents.vectors_pending) until store_vectors writes them. context_tokens: the
    morphemes of its title and issuer (their vector comes with the chunks').
    """
    with transaction(conn):
        return _write_words(conn, doc, chunk_tokens, embedder, (None, context_tokens), True)[0]


def _write_words(
    conn: Connection,
    doc: Document,
    chunk_tokens: list[list[str]],
    embedder: tuple[str, int],
    context: tuple[np.ndarray | None, list[str]] | None,
    pending: bool,
) -> tuple[int, list[int]]:
    """Insert doc without its chunk vectors (inside the caller's transaction): id, chunk ids."""
    name, dim = embedder
    lock_document(conn, doc.path)  # another ingester's write of this path commits first
    check_embedder(conn, name, dim, t("db.this_index"))
    old = find_by_path(conn, doc.path)
    if old:
        delete_rows(conn, old[0])
    set_meta(conn, "embedder", name)
    set_meta(conn, "embedder_dim", str(dim))
    vectors.ensure_table(conn, dim)
    cur = conn.execute(
        "INSERT INTO documents(path, sha256, title, organisation, report_date, year, format, "
        "pages, period, context_vec, context_tokens, vectors_pending) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc.path,
            doc.sha256,
            doc.title,
            doc.organisation,
            doc.report_date,
            doc.year,
            doc.format,
            doc.pages,
            doc.period,
            None
            if context is None or context[0] is None
            else np.asarray(context[0], np.float32).tobytes(),
            None if context is None else " ".join(context[1]),
            # A bool: SQLite stores 1/0 as before, the server's column is BOOLEAN.
            bool(pending),
        ),
    )
    doc_id = inserted_id(cur)
    section_ids: dict[int, int] = {}
    for sec in doc.sections:
        cur = conn.execute(
            "INSERT INTO sections(doc_id, ordinal, parent_id, level, marker, title, path, "
            "line, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id,
                sec.id,
                section_ids.get(sec.parent) if sec.parent is not None else None,
                sec.level,
                sec.marker,
                sec.title,
                sec.path,
                sec.line,
                sec.page,
            ),
        )
        section_ids[sec.id] = inserted_id(cur)
    table_ids: dict[int, int] = {}
    for tab in doc.tables:
        cur = conn.execute(
            "INSERT INTO doc_tables(doc_id, section_id, ordinal, line, page, caption, unit, "
            "as_of, header_json, columns_json, rows_json) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc_id,
                section_ids.get(tab.section_id) if tab.section_id is not None else None,
                tab.id,
                tab.line,
                tab.page,
                tab.caption,
                tab.unit,
                tab.as_of,
                json.dumps(tab.header, ensure_ascii=False),
                json.dumps(tab.columns, ensure_ascii=False),
                json.dumps(tab.rows, ensure_ascii=False),
            ),
        )
        table_ids[tab.id] = inserted_id(cur)
    chunk_ids: list[int] = []
    for chunk, toks in zip(doc.chunks, chunk_tokens, strict=True):
        cur = conn.execute(
            "INSERT INTO chunks(doc_id, section_id, table_id, ordinal, kind, text, page, "
            "line_start, line_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id,
                section_ids.get(chunk.section_id) if chunk.section_id is not None else None,
                table_ids.get(chunk.table_id) if chunk.table_id is not None else None,
                chunk.ordinal,
                chunk.kind,
                chunk.text,
                chunk.page,
                chunk.line_start,
                chunk.line_end,
            ),
        )
        chunk_ids.append(inserted_id(cur))
        fts.insert(conn, chunk_ids[-1], toks)
    add_terms(conn, doc_id, chunk_tokens)
    update_chunk_count(conn)
    _store_structured(conn, doc, doc_id, section_ids, table_ids)
    return doc_id, chunk_ids


def _store_structured(
    conn: Connection,
    doc: Document,
    doc_id: int,
    section_ids: dict[int, int],
    table_ids: dict[int, int],
) -> None:
    """Figures, programs and studies of a document (inside the caller's transaction)."""

    def sid(i: int | None) -> int | None:
        return section_ids.get(i) if i is not None else None

    conn.executemany(
        "INSERT INTO figures(doc_id, table_id, section_id, label, label_key, measure, "
        "measure_label, value, value_text, unit, scale, row_index, col_index, line, page, "
        "period) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                doc_id,
                table_ids.get(f.table_id) if f.table_id is not None else None,
                sid(f.section_id),
                f.label,
                compact(f.label),
                f.measure,
                f.measure_label,
                f.value,
                f.value_text,
                f.unit,
                f.scale,
                f.row,
                f.col,
                f.line,
                f.page,
                f.period,
            )
            for f in doc.figures
        ],
    )
    by_path = {s.path: s.id for s in doc.sections}
    conn.executemany(
        "INSERT INTO programs(doc_id, section_id, year, code, group_name, name, name_key, "
        "objective, contents, results, plans, line) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                doc_id,
                sid(_section_at(doc, p.section_path, p.line, by_path)),
                p.year,
                p.code,
                p.group,
                p.name,
                compact(p.name),
                p.objective,
                p.contents,
                p.results,
                p.plans,
                p.line,
            )
            for p in doc.programs
        ],
    )
    study_tokens = tokens_batch([f"{s.title} {s.category or ''}" for s in doc.studies])
    conn.executemany(
        "INSERT INTO studies(doc_id, section_id, year, title, category, method, line, "
        "title_tokens) VALUES (?,?,?,?,?,?,?,?)",
        [
            (
                doc_id,
                sid(by_path.get(s.section_path)),
                s.year,
                s.title,
                s.category,
                s.method,
                s.line,
                " ".join(study_tokens[i]),
            )
            for i, s in enumerate(doc.studies)
        ],
    )


def _section_at(doc: Document, path: str, line: int, by_path: dict[str, int]) -> int | None:
    """The section with this path starting at this line (paths repeat in listings)."""
    for s in doc.sections:
        if s.path == path and s.line == line:
            return s.id
    return by_path.get(path)
