"""Words on the server: each chunk's Kiwi morphemes as a `tsvector`, ranked by BM25.

The same morphemes kb stores in SQLite's FTS5 table, read by the `simple` configuration
(lower case, no stemming, no stop words: no Korean parser needed on the server) into a
GIN-indexed `tsvector`. A query is an OR (or, for common terms only, an AND) of one
`phraseto_tsquery` per term, so user text is always a parameter, never query syntax.

Ranking: FTS5's BM25 (k1 1.2, b 0.75, its idf) computed in SQL from the stored counts: the
term's frequency from the tsvector's positions, the chunk's length kept beside it, the
document frequency from `vocab`. `ts_rank_cd` (RANKING = "ts_rank_cd") ranks the seed dev
set further from SQLite's order (tests/test_pg_backend.py measures both), and the fused
ranking's constants were fitted on BM25 scores.
"""

from __future__ import annotations

import math
import re
from typing import Any

from .conn import Connection
from .meta import WORD_TOKENS

K1, B = 1.2, 0.75  # FTS5's bm25() defaults
RANKING = "bm25"

# FTS5's unicode61 tokenizer keeps runs of letters and digits and splits at anything else:
# Kiwi's `19.10` or `2.` are two and one of its tokens. The `simple` parser would keep
# `19.10` whole, so both the stored text and the query terms are cut at the same places
# first; the chunk length (BM25's dl) is then FTS5's too.
_RUN = re.compile(r"[^\W_]+")


def fts5_tokens(text: str) -> list[str]:
    """The tokens FTS5's unicode61 tokenizer reads in text (letters and digits, in runs)."""
    return _RUN.findall(text)


def insert(conn: Connection, chunk_id: int, token_list: list[str]) -> None:
    """Index one chunk's tokens under its chunk id."""
    words = fts5_tokens(" ".join(token_list))
    conn.execute(
        "INSERT INTO chunks_fts(chunk_id, tokens, n_tokens) "
        "VALUES (?, to_tsvector('simple', ?), ?)",
        (chunk_id, " ".join(words), len(words)),
    )


def delete_doc(conn: Connection, doc_id: int) -> None:
    """Remove the rows of a document's chunks (before its chunks go)."""
    conn.execute(
        "DELETE FROM chunks_fts WHERE chunk_id IN (SELECT id FROM chunks WHERE doc_id = ?)",
        (doc_id,),
    )


def counts(conn: Connection) -> tuple[int, float]:
    """(chunks, BM25's mean chunk length in FTS5 tokens) from the counts meta keeps, read
    at once (each round trip is a share of a search on a busy server)."""
    found = dict(
        conn.execute("SELECT key, value FROM meta WHERE key IN ('chunks', ?)", (WORD_TOKENS,))
    )
    total = int(found.get("chunks", 0))
    if WORD_TOKENS not in found:  # an index whose words were last written before it was kept
        mean = conn.execute("SELECT coalesce(avg(n_tokens), 1) FROM chunks_fts").fetchone()[0]
        return total, float(mean)
    return total, int(found[WORD_TOKENS]) / max(total, 1)


def _weights(conn: Connection, terms: list[str], chunks: int) -> tuple[list[str], list[float]]:
    """(lexeme, idf share) for the query: FTS5's idf from each term's chunk frequency, split
    evenly over the tokens FTS5 reads in it (one for nearly every morpheme)."""
    total = max(chunks, 1)
    df = {
        str(t): int(n)
        for t, n in conn.execute("SELECT term, df FROM vocab WHERE term = ANY(?)", (terms,))
    }
    weight: dict[str, float] = {}
    for term in terms:
        lexemes = fts5_tokens(term)
        if not lexemes:
            continue
        n = df.get(term, 0)
        idf = math.log((total - n + 0.5) / (n + 0.5))
        idf = idf if idf > 0 else 1e-6  # as FTS5: a term in most rows still counts a little
        for lx in lexemes:
            weight[lx] = weight.get(lx, 0.0) + idf / len(lexemes)
    return list(weight), list(weight.values())


# Each of the question's lexemes adds idf · tf · (k1 + 1) / (tf + K), K = k1 · (1 - b + b ·
# dl / avgdl), written idf · (k1 + 1) · (1 - K / (tf + K)) so that tf appears once. tf is
# ts_rank_cd with every weight 1 and the lexeme alone as the query: one cover per position,
# so exactly the lexeme's count (checked against the positions on 100k chunks), in C. Reading
# the positions by unnest(tokens) cost 30 µs a row, 60 ms for a 2,000-row capped query.
_TERM = "? * (1 - {k} / (ts_rank_cd('{{1,1,1,1}}', f.tokens, ?::tsquery) + {k}))"
_K = "(? * (1 - ? + ? * f.n_tokens / ?))"


def _bm25(conn: Connection, terms: list[str]) -> tuple[str, list[Any]]:
    """FTS5's BM25 of a words row as an SQL expression over `f`, and its parameters."""
    chunks, mean = counts(conn)
    lexemes, idfs = _weights(conn, terms, chunks)
    if not lexemes:
        return "0", []
    k = [K1, B, B, mean or 1.0]
    params: list[Any] = []
    for lexeme, idf in zip(lexemes, idfs, strict=True):
        # Lexemes are runs of letters and digits (fts5_tokens): quoted, never tsquery syntax.
        params += [idf * (K1 + 1), *k, f"'{lexeme}'", *k]
    return " + ".join([_TERM.format(k=_K)] * len(lexemes)), params


def search(
    conn: Connection,
    terms: list[str],
    every: bool,
    limit: int,
    year: int | None = None,
    doc_id: int | None = None,
    cap: int | None = None,
) -> list[tuple[int, float]]:
    """(chunk_id, score) best first for chunks holding any term (every: all of them).

    cap: score only the first `cap` matches (a query of common terms only, as on SQLite).
    """
    terms = [t for t in terms if fts5_tokens(t)]
    if not terms:
        return []
    # Each term a phrase of its FTS5 tokens, as FTS5 reads a quoted string.
    phrases = [" ".join(fts5_tokens(t)) for t in terms]
    joiner = " && " if every else " || "
    query = joiner.join(["phraseto_tsquery('simple', ?)"] * len(terms))
    params: list[Any] = []
    if RANKING == "bm25":
        score, params = _bm25(conn, terms)
    else:
        score = f"ts_rank_cd(f.tokens, {query})"
        params += phrases
    sql = f"SELECT f.chunk_id, {score} AS s FROM chunks_fts f "
    if year is not None or doc_id is not None:
        # Only a filter needs the chunk's document: every words row has both (foreign keys).
        sql += "JOIN chunks c ON c.id = f.chunk_id JOIN documents d ON d.id = c.doc_id "
    sql += f"WHERE f.tokens @@ ({query})"
    params += phrases
    if year is not None:
        sql += " AND d.year = ?"
        params.append(year)
    if doc_id is not None:
        sql += " AND c.doc_id = ?"
        params.append(doc_id)
    if cap is not None:
        rows = conn.execute(sql + " LIMIT ?", [*params, cap]).fetchall()
        rows.sort(key=lambda r: -r[1])
        return [(int(r[0]), float(r[1])) for r in rows[:limit]]
    sql += " ORDER BY s DESC, f.chunk_id LIMIT ?"
    params.append(limit)
    return [(int(r[0]), float(r[1])) for r in conn.execute(sql, params)]
