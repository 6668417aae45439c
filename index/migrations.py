"""Numbered schema migrations, tracked in PRAGMA user_version."""

from __future__ import annotations

from collections.abc import Callable

from kb.errors import DatabaseError
from kb.i18n import t
from kb.text import index_text

from .conn import Connection
from .tokenize import tokens_batch
from .tx import read_snapshot, transaction

APP_ID = 0x6B620001  # "kb" + format 1, written to PRAGMA application_id


def _m001_initial(conn: Connection) -> None:
    _run(
        conn,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            sha256 TEXT NOT NULL,
            title TEXT NOT NULL,
            organisation TEXT,
            report_date TEXT,
            year INTEGER,
            format TEXT NOT NULL,
            pages INTEGER,
            ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        CREATE INDEX documents_sha256 ON documents(sha256);
        CREATE TABLE sections (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            parent_id INTEGER REFERENCES sections(id) ON DELETE CASCADE,
            level INTEGER NOT NULL,
            marker TEXT NOT NULL,
            title TEXT NOT NULL,
            path TEXT NOT NULL,
            line INTEGER,
            page INTEGER
        );
        CREATE INDEX sections_doc ON sections(doc_id);
        CREATE TABLE doc_tables (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            section_id INTEGER REFERENCES sections(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            line INTEGER,
            page INTEGER,
            caption TEXT,
            unit TEXT,
            as_of TEXT,
            header_json TEXT NOT NULL,
            columns_json TEXT NOT NULL,
            rows_json TEXT NOT NULL
        );
        CREATE INDEX doc_tables_doc ON doc_tables(doc_id);
        CREATE TABLE chunks (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            section_id INTEGER REFERENCES sections(id) ON DELETE CASCADE,
            table_id INTEGER REFERENCES doc_tables(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            page INTEGER,
            line_start INTEGER,
            line_end INTEGER
        );
        CREATE INDEX chunks_doc ON chunks(doc_id, ordinal);
        -- Contentless: the text lives in chunks; FTS holds Kiwi morphemes keyed by chunk id.
        CREATE VIRTUAL TABLE chunks_fts USING fts5(
            tokens, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0'
        );
        """,
    )


def _run(conn: Connection, script: str) -> None:
    """Run a migration script statement by statement (executescript would COMMIT mid-way)."""
    code = "\n".join(ln for ln in script.splitlines() if not ln.strip().startswith("--"))
    for statement in code.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def _m002_structured(conn: Connection) -> None:
    _run(
        conn,
        """
        CREATE TABLE figures (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            table_id INTEGER REFERENCES doc_tables(id) ON DELETE CASCADE,
            section_id INTEGER REFERENCES sections(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            label_key TEXT NOT NULL,  -- label without spaces/punctuation, for matching
            measure TEXT,
            measure_label TEXT NOT NULL,
            value REAL,
            value_text TEXT NOT NULL,
            unit TEXT,
            scale REAL,
            row_index INTEGER,
            col_index INTEGER,
            line INTEGER,
            page INTEGER
        );
        CREATE INDEX figures_doc ON figures(doc_id);
        CREATE INDEX figures_label ON figures(label_key);
        CREATE TABLE programs (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            section_id INTEGER REFERENCES sections(id) ON DELETE CASCADE,
            year INTEGER,
            code TEXT NOT NULL,
            group_name TEXT NOT NULL,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            objective TEXT NOT NULL,
            contents TEXT NOT NULL,
            results TEXT NOT NULL,
            plans TEXT NOT NULL,
            line INTEGER
        );
        CREATE INDEX programs_doc ON programs(doc_id);
        CREATE TABLE studies (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            section_id INTEGER REFERENCES sections(id) ON DELETE CASCADE,
            year INTEGER,
            title TEXT NOT NULL,
            category TEXT,
            method TEXT,
            line INTEGER
        );
        CREATE INDEX studies_doc ON studies(doc_id);
        """,
    )


def _m003_vocab(conn: Connection) -> None:
    # Document frequency of every indexed morpheme, kept in step at ingest: queries are cut
    # into known terms without loading Kiwi, and very common terms can be left out of OR.
    # doc_terms keeps each document's share, so replacing or pruning it can take it back out.
    conn.execute("CREATE TABLE vocab (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID")
    conn.execute(
        "CREATE TABLE doc_terms (doc_id INTEGER NOT NULL REFERENCES documents(id) "
        "ON DELETE CASCADE, term TEXT NOT NULL, df INTEGER NOT NULL, PRIMARY KEY (doc_id, term)) "
        "WITHOUT ROWID"
    )
    if conn.execute("SELECT count(*) FROM documents").fetchone()[0]:
        _backfill_vocab(conn)


def _backfill_vocab(conn: Connection) -> None:
    """Count the terms of documents indexed before schema 3, from their stored text.

    The same Kiwi analysis as at ingest, over the same section path + text, so the counts
    match what the FTS index already holds; nothing is re-embedded.
    """
    for (doc_id,) in conn.execute("SELECT id FROM documents ORDER BY id").fetchall():
        rows = conn.execute(
            "SELECT COALESCE(s.path, ''), c.text FROM chunks c "
            "LEFT JOIN sections s ON s.id = c.section_id WHERE c.doc_id = ? ORDER BY c.ordinal",
            (doc_id,),
        ).fetchall()
        _add_terms_v3(conn, doc_id, tokens_batch([index_text(p, t) for p, t in rows]))
    count = conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('chunks', ?)", (str(count),))
    # In-memory copies of the vectors check this number to know they are stale.
    conn.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('generation', "
        "CAST(COALESCE((SELECT value FROM meta WHERE key = 'generation'), '0') AS INTEGER) + 1)"
    )


def _add_terms_v3(conn: Connection, doc_id: int, chunk_tokens: list[list[str]]) -> None:
    """Schema 3's term counting, frozen here: a migration must not change when the store's
    own writing code does."""
    df: dict[str, int] = {}
    for toks in chunk_tokens:
        for term in set(toks):
            df[term] = df.get(term, 0) + 1
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


def _m004_study_vectors(conn: Connection) -> None:
    # A vector per study title, so `kb studies "youth jobs research"` finds 청년일자리 연구
    # by meaning when no title shares its words. Older rows stay NULL until first needed.
    conn.execute("ALTER TABLE studies ADD COLUMN embedding BLOB")


def _m005_child_key_indexes(conn: Connection) -> None:
    # Deleting a document cascades through its sections and tables; SQLite looks up each
    # deleted parent's children, scanning the whole child table when its key has no index.
    # At 1,000 reports one replace took 16 s (107 sections × full scans of 554k figures).
    # (label_key, label) replaces the label_key index: it also covers the scan of distinct
    # labels that builds the fuzzy-lookup index (index/labels.py).
    _run(
        conn,
        """
        CREATE INDEX IF NOT EXISTS sections_parent ON sections(parent_id);
        CREATE INDEX IF NOT EXISTS doc_tables_section ON doc_tables(section_id);
        CREATE INDEX IF NOT EXISTS chunks_section ON chunks(section_id);
        CREATE INDEX IF NOT EXISTS chunks_table ON chunks(table_id);
        CREATE INDEX IF NOT EXISTS figures_table ON figures(table_id);
        CREATE INDEX IF NOT EXISTS figures_section ON figures(section_id);
        CREATE INDEX IF NOT EXISTS programs_section ON programs(section_id);
        CREATE INDEX IF NOT EXISTS studies_section ON studies(section_id);
        CREATE INDEX IF NOT EXISTS figures_label_text ON figures(label_key, label);
        DROP INDEX IF EXISTS figures_label;
        """,
    )


def _m006_study_tokens(conn: Connection) -> None:
    # The morphemes of each study's title and category, kept at ingest: `kb studies QUERY`
    # and the Studies screen's filter ran Kiwi over every title per query (0.4 ms a title:
    # 10 s at 24k studies).
    conn.execute("ALTER TABLE studies ADD COLUMN title_tokens TEXT")
    rows = conn.execute("SELECT id, title, COALESCE(category, '') FROM studies").fetchall()
    if rows:
        found = tokens_batch([f"{title} {category}" for _, title, category in rows])
        conn.executemany(
            "UPDATE studies SET title_tokens = ? WHERE id = ?",
            [(" ".join(t), r[0]) for t, r in zip(found, rows, strict=True)],
        )


def _m007_figure_periods(conn: Connection) -> None:
    # The period each figure measures (2024-Q2, 2010-11 …), apart from its report's date:
    # releases repeat and revise earlier quarters. Older figures keep NULL until their
    # document is ingested again.
    columns = {r[1] for r in conn.execute("PRAGMA table_info(figures)")}
    if "period" not in columns:  # idempotent, like the IF NOT EXISTS of schema 5
        conn.execute("ALTER TABLE figures ADD COLUMN period TEXT")


def _m008_document_context(conn: Connection) -> None:
    # What every chunk of a document shares is scored once per document: the period its
    # title names, and the vector and morphemes of its title and issuer (index/ranking.py).
    # Repeated in every chunk's text they drowned the chunks' own words. Older documents
    # keep NULL (no document signal) until they are ingested again.
    columns = {r[1] for r in conn.execute("PRAGMA table_info(documents)")}
    for name, kind in (("period", "TEXT"), ("context_vec", "BLOB"), ("context_tokens", "TEXT")):
        if name not in columns:
            conn.execute(f"ALTER TABLE documents ADD COLUMN {name} {kind}")


def _m009_vectors_pending(conn: Connection) -> None:
    # `kb ingest` stores a document's words first and its vectors after: searchable by words
    # at once, and an ingest killed between the two resumes with the vectors. Documents
    # stored before this migration have both.
    columns = {r[1] for r in conn.execute("PRAGMA table_info(documents)")}
    if "vectors_pending" not in columns:
        conn.execute("ALTER TABLE documents ADD COLUMN vectors_pending INTEGER NOT NULL DEFAULT 0")
    conn.execute(
        "CREATE INDEX IF NOT EXISTS documents_pending ON documents(vectors_pending) "
        "WHERE vectors_pending"
    )


MIGRATIONS: list[Callable[[Connection], None]] = [
    _m001_initial,
    _m002_structured,
    _m003_vocab,
    _m004_study_vectors,
    _m005_child_key_indexes,
    _m006_study_tokens,
    _m007_figure_periods,
    _m008_document_context,
    _m009_vectors_pending,
]
SCHEMA_VERSION = len(MIGRATIONS)


def _version(conn: Connection, label: str) -> int:
    """The schema version, after refusing files that are not kb databases or are newer."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    n_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if version == 0 and n_tables and app_id != APP_ID:
        raise DatabaseError(t("db.not_kb", path=label))
    if version and app_id != APP_ID:
        raise DatabaseError(t("db.foreign_app", path=label, app_id=app_id))
    if version > SCHEMA_VERSION:
        raise DatabaseError(t("db.newer", path=label, version=version, supported=SCHEMA_VERSION))
    return int(version)


def migrate(conn: Connection, label: str) -> int:
    """Apply pending migrations; refuse files that are not kb databases or are newer.

    Two processes may open a new database at once (an ingest and a search): each step is
    applied under the write lock, after reading the version again there, so the second one
    finds the step done instead of creating the tables twice.
    """
    with read_snapshot(conn):  # the three reads see one state of the file
        version = _version(conn, label)
    for number in range(version, SCHEMA_VERSION):
        with transaction(conn):
            if _version(conn, label) > number:
                continue  # applied by another process while this one waited for the lock
            MIGRATIONS[number](conn)
            conn.execute(f"PRAGMA application_id = {APP_ID}")
            conn.execute(f"PRAGMA user_version = {number + 1}")
    return SCHEMA_VERSION
