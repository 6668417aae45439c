"""FTS5 over Kiwi morphemes: write tokens, build safe MATCH expressions, BM25 search."""

from __future__ import annotations

import re
from typing import Any

from . import pgfts
from .conn import Connection
from .dialect import is_postgres
from .tokenize import tokens


def quote_term(term: str) -> str:
    """One FTS5 string literal: user text can never become query syntax."""
    return '"' + term.replace('"', '""') + '"'


def match_expression(query: str, raw: bool = False) -> str:
    """An FTS5 MATCH expression for a user query, analysed by Kiwi: morphemes OR-ed, quoted."""
    if raw:
        return query
    return terms_expression(list(dict.fromkeys(tokens(query))), {}, 0)


# BM25 ranks every row a term matches: a morpheme in most of a million chunks costs seconds
# and says little. Past this share of chunks (in large indexes) a term is left out of OR.
COMMON_SHARE = 0.01
COMMON_MIN_CHUNKS = 20_000


def common_only(terms: list[str], df: dict[str, int], n_chunks: int) -> bool:
    """True in a large index when every term is a common one (the AND fallback)."""
    return (
        bool(terms)
        and n_chunks >= COMMON_MIN_CHUNKS
        and all(df.get(t, 0) > COMMON_SHARE * n_chunks for t in terms)
    )


# When only common terms are left, BM25 over all their matches costs seconds and ranks by
# near-zero IDF: score a capped sample of the matches instead (the dense side still ranks).
COMMON_CAP = 2000


def terms_expression(terms: list[str], df: dict[str, int], n_chunks: int) -> str:
    """OR of the quoted terms, without very common ones; AND of all if only common ones."""
    if not terms:
        return ""
    if n_chunks >= COMMON_MIN_CHUNKS:
        rare = [t for t in terms if df.get(t, 0) <= COMMON_SHARE * n_chunks]
        if not rare:
            return " AND ".join(quote_term(t) for t in terms)
        terms = rare
    return " OR ".join(quote_term(t) for t in terms)


def expression_terms(expr: str) -> tuple[list[str], bool]:
    """terms_expression read back: (its terms, whether all are required); the server's
    words (index/pgfts.py) take terms, not FTS5 syntax."""
    terms = [t.replace('""', '"') for t in re.findall(r'"((?:[^"]|"")*)"', expr)]
    return terms, " AND " in re.sub(r'"(?:[^"]|"")*"', "", expr)


def insert(conn: Connection, chunk_id: int, token_list: list[str]) -> None:
    """Index one chunk's tokens under its chunk id."""
    if is_postgres(conn):
        pgfts.insert(conn, chunk_id, token_list)
        return
    conn.execute(
        "INSERT INTO chunks_fts(rowid, tokens) VALUES (?, ?)", (chunk_id, " ".join(token_list))
    )


def delete_doc(conn: Connection, doc_id: int) -> None:
    """Remove the FTS rows of a document's chunks (before its chunks go)."""
    if is_postgres(conn):
        pgfts.delete_doc(conn, doc_id)
        return
    conn.execute(
        "DELETE FROM chunks_fts WHERE rowid IN (SELECT id FROM chunks WHERE doc_id = ?)", (doc_id,)
    )


def search(
    conn: Connection,
    expr: str,
    limit: int,
    year: int | None = None,
    doc_id: int | None = None,
    capped: bool = False,
) -> list[tuple[int, float]]:
    """(chunk_id, score) by BM25, best first; score is positive (higher is better).

    capped: score only the first COMMON_CAP matches (for queries of common terms only).
    """
    if not expr:
        return []
    if is_postgres(conn):
        terms, every = expression_terms(expr)
        cap = COMMON_CAP if capped else None
        return pgfts.search(conn, terms, every, limit, year, doc_id, cap)
    sql = (
        "SELECT f.rowid, -bm25(chunks_fts) AS s FROM chunks_fts f "
        "JOIN chunks c ON c.id = f.rowid JOIN documents d ON d.id = c.doc_id "
        "WHERE chunks_fts MATCH ?"
    )
    params: list[Any] = [expr]
    if year is not None:
        sql += " AND d.year = ?"
        params.append(year)
    if doc_id is not None:
        sql += " AND c.doc_id = ?"
        params.append(doc_id)
    if capped:
        rows = conn.execute(sql + " LIMIT ?", [*params, COMMON_CAP]).fetchall()
        rows.sort(key=lambda r: -r[1])
        return [(int(r[0]), float(r[1])) for r in rows[:limit]]
    sql += " ORDER BY bm25(chunks_fts) LIMIT ?"
    params.append(limit)
    return [(int(r[0]), float(r[1])) for r in conn.execute(sql, params)]
