"""Write and remove documents: one transaction per document, all or nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

from kb.errors import EmbedderMismatch
from kb.text import compact
from kb.types import Document

from . import fts, vectors
from .conn import Connection, Cursor
from .rows import first, select
from .tx import transaction


def get_meta(conn: Connection, key: str) -> str | None:
    """A value from the meta table."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(conn: Connection, key: str, value: str) -> None:
    """Set a meta value."""
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))


def inserted_id(cur: Cursor) -> int:
    """The rowid the INSERT just run on cur gave its row."""
    rowid = cur.lastrowid
    if rowid is None:  # only before any INSERT: a bug here, not the user's input
        raise RuntimeError("no row was inserted")
    return rowid


def index_embedder(conn: Connection) -> tuple[str, int] | None:
    """(embedder name, dimension) the index was built with, or None for an empty index."""
    name, dim = get_meta(conn, "embedder"), get_meta(conn, "embedder_dim")
    return (name, int(dim)) if name and dim else None


def check_embedder(conn: Connection, name: str, dim: int | None, label: str) -> None:
    """Refuse to mix vectors from different embedders in one index (dim None: name only)."""
    have = index_embedder(conn)
    if have and (have[0] != name or (dim is not None and have[1] != dim)):
        shown = f"'{name}'" + (f" ({dim} dims)" if dim is not None else "")
        raise EmbedderMismatch(
            f"{label} was built with embedder '{have[0]}' ({have[1]} dims); {shown} cannot be "
            "used with it. Use the same --embedder, or another database (--db / KB_DB)."
        )


def find_by_path(conn: Connection, path: str) -> tuple[int, str] | None:
    """(doc id, sha256) of the document stored for this path."""
    row = conn.execute("SELECT id, sha256 FROM documents WHERE path = ?", (path,)).fetchone()
    return (int(row[0]), row[1]) if row else None


def find_by_hash(conn: Connection, sha256: str) -> list[tuple[int, str]]:
    """(doc id, path) of documents with this content hash."""
    return [
        (int(r[0]), r[1])
        for r in conn.execute("SELECT id, path FROM documents WHERE sha256 = ?", (sha256,))
    ]


def chunk_count(conn: Connection) -> int:
    """Number of chunks stored (kept in meta at ingest: count(*) over millions is not free)."""
    value = get_meta(conn, "chunks")
    return int(value) if value is not None else 0


def update_chunk_count(conn: Connection) -> None:
    """Keep the chunk counter, and bump the generation that in-memory copies check."""
    set_meta(conn, "chunks", str(conn.execute("SELECT count(*) FROM chunks").fetchone()[0]))
    bump_generation(conn)


def bump_generation(conn: Connection) -> None:
    """Tell in-memory vector copies (index/resident.py) that the stored vectors changed."""
    set_meta(conn, "generation", str(int(get_meta(conn, "generation") or 0) + 1))


def generation(conn: Connection) -> int:
    """A number that changes whenever documents are written or removed."""
    return int(get_meta(conn, "generation") or 0)


def documents(conn: Connection) -> list[tuple[int, str]]:
    """(doc id, path) of every stored document."""
    return [(int(r[0]), r[1]) for r in conn.execute("SELECT id, path FROM documents ORDER BY id")]


def rename(conn: Connection, doc_id: int, new_path: str) -> None:
    """Point a stored document at its new path (same content, moved file)."""
    with transaction(conn):
        conn.execute("UPDATE documents SET path = ? WHERE id = ?", (new_path, doc_id))


def add_terms(conn: Connection, doc_id: int, chunk_tokens: list[list[str]]) -> None:
    """Count in a document's terms (document frequency over its chunks)."""
    df: dict[str, int] = {}
    for toks in chunk_tokens:
        for t in set(toks):
            df[t] = df.get(t, 0) + 1
    rows = list(df.items())
    conn.executemany(
        "INSERT INTO vocab(term, df) VALUES (?, ?) "
        "ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        rows,
    )
    conn.executemany(
        "INSERT INTO doc_terms(doc_id, term, df) VALUES (?, ?, ?)",
        [(doc_id, t, n) for t, n in rows],
    )


def _remove_terms(conn: Connection, doc_id: int) -> None:
    """Take a document's terms back out of the vocabulary."""
    conn.execute(
        "UPDATE vocab SET df = df - (SELECT d.df FROM doc_terms d WHERE d.doc_id = ? "
        "AND d.term = vocab.term) WHERE term IN (SELECT term FROM doc_terms WHERE doc_id = ?)",
        (doc_id, doc_id),
    )
    conn.execute("DELETE FROM vocab WHERE df <= 0")
    conn.execute("DELETE FROM doc_terms WHERE doc_id = ?", (doc_id,))


def _delete(conn: Connection, doc_id: int) -> None:
    _remove_terms(conn, doc_id)
    fts.delete_doc(conn, doc_id)
    vectors.delete_doc(conn, doc_id)
    for table in ("figures", "programs", "studies", "chunks"):
        conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM doc_tables WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM sections WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))


def delete_document(conn: Connection, doc_id: int) -> None:
    """Remove a document and everything derived from it, in one transaction."""
    with transaction(conn):
        _delete(conn, doc_id)
        update_chunk_count(conn)


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
        _write_vectors(conn, doc_id, doc.year, chunk_ids, embeddings)
        if study_vectors is not None:
            _write_study_vectors(conn, doc_id, study_vectors)
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


@dataclass(frozen=True, slots=True)
class PendingDocument:
    """A stored document waiting for its vectors: what the embedder needs to read."""

    doc_id: int
    path: str
    title: str
    organisation: str | None
    chunk_ids: list[int]
    sections: list[str]  # each chunk's section path
    texts: list[str]
    study_titles: list[str]


def pending_documents(conn: Connection) -> list[int]:
    """Ids of the documents searchable by words only, oldest first."""
    rows = conn.execute("SELECT id FROM documents WHERE vectors_pending ORDER BY id")
    return [int(r[0]) for r in rows]


def pending_chunks(conn: Connection) -> tuple[int, int]:
    """(documents, chunks) waiting for vectors."""
    row = conn.execute(
        "SELECT count(DISTINCT d.id), count(c.id) FROM documents d "
        "LEFT JOIN chunks c ON c.doc_id = d.id WHERE d.vectors_pending"
    ).fetchone()
    return int(row[0]), int(row[1])


def pending_document(conn: Connection, doc_id: int) -> PendingDocument | None:
    """What is needed to embed this document, or None when it no longer waits."""
    row = first(
        conn,
        "SELECT path, title, organisation FROM documents WHERE id = ? AND vectors_pending",
        (doc_id,),
    )
    if row is None:
        return None
    chunks = select(
        conn,
        "SELECT c.id AS id, coalesce(s.path, '') AS section, c.text AS text FROM chunks c "
        "LEFT JOIN sections s ON s.id = c.section_id WHERE c.doc_id = ? ORDER BY c.id",
        (doc_id,),
    )
    studies = conn.execute("SELECT title FROM studies WHERE doc_id = ? ORDER BY id", (doc_id,))
    return PendingDocument(
        doc_id=doc_id,
        path=row["path"],
        title=row["title"],
        organisation=row["organisation"],
        chunk_ids=[int(r["id"]) for r in chunks],
        sections=[r["section"] for r in chunks],
        texts=[r["text"] for r in chunks],
        study_titles=[r[0] for r in studies],
    )


def store_vectors(
    conn: Connection,
    doc_id: int,
    chunk_ids: list[int],
    embeddings: np.ndarray,
    study_vectors: np.ndarray | None = None,
    context_vector: np.ndarray | None = None,
) -> bool:
    """Stage two: a waiting document's vectors, in one transaction; False when it no longer
    waits (replaced, removed or embedded by another ingester meanwhile)."""
    with transaction(conn):
        row = conn.execute(
            "SELECT year FROM documents WHERE id = ? AND vectors_pending", (doc_id,)
        ).fetchone()
        if row is None:
            return False
        _write_vectors(conn, doc_id, row[0], chunk_ids, embeddings)
        if study_vectors is not None:
            _write_study_vectors(conn, doc_id, study_vectors)
        blob = None if context_vector is None else np.asarray(context_vector, np.float32)
        conn.execute(
            "UPDATE documents SET vectors_pending = 0, context_vec = coalesce(?, context_vec) "
            "WHERE id = ?",
            (None if blob is None else blob.tobytes(), doc_id),
        )
        bump_generation(conn)
        return True


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
    check_embedder(conn, name, dim, "this index")
    old = find_by_path(conn, doc.path)
    if old:
        _delete(conn, old[0])
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
            int(pending),
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


def _write_vectors(
    conn: Connection, doc_id: int, year: int | None, chunk_ids: list[int], embeddings: np.ndarray
) -> None:
    for chunk_id, vec in zip(chunk_ids, embeddings, strict=True):
        vectors.insert(conn, chunk_id, vec, doc_id, year)


def _write_study_vectors(conn: Connection, doc_id: int, study_vectors: np.ndarray) -> None:
    ids = [
        r[0] for r in conn.execute("SELECT id FROM studies WHERE doc_id = ? ORDER BY id", (doc_id,))
    ]
    conn.executemany(
        "UPDATE studies SET embedding = ? WHERE id = ?",
        [
            (np.asarray(v, dtype=np.float32).tobytes(), i)
            for i, v in zip(ids, study_vectors, strict=True)
        ],
    )


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
    from .tokenize import tokens_batch

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
