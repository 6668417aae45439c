"""Hybrid search: vector KNN + FTS5 BM25 candidates, their signals, ranked (index/ranking.py)."""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal

import numpy as np

from kb.periods import period_match, query_periods
from kb.text import compact
from kb.types import DocRef, Hit

from . import fts, ranking, vectors
from .conn import Connection
from .dialect import is_postgres
from .intent import asks_for_count
from .meta import chunk_count
from .querytok import coverage, query_terms
from .ranking import DEFAULT, Candidate, Pool, RankParams
from .resident import Resident, rescore
from .rows import select
from .snippets import snippet
from .tokenize import tokens

Mode = Literal["hybrid", "vector", "lexical"]
SearchParams = RankParams  # the name the tests and benchmarks know


def doc_id_for(conn: Connection, path_or_id: str) -> int | None:
    """The id of a stored document by exact path, by path suffix, or None."""
    row = conn.execute("SELECT id FROM documents WHERE path = ?", (path_or_id,)).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT id FROM documents WHERE path LIKE ? ORDER BY length(path) LIMIT 1",
            ("%" + path_or_id,),
        ).fetchone()
    return int(row[0]) if row else None


def candidates(
    conn: Connection,
    query: str,
    query_vector: np.ndarray | None,
    n: int,
    year: int | None = None,
    doc_id: int | None = None,
    mode: Mode = "hybrid",
    params: RankParams = DEFAULT,
    raw_fts: bool = False,
    resident: Resident | None = None,
) -> tuple[Pool, list[str]]:
    """The question's candidates from both sides with their signals, and its terms.

    resident: an in-memory copy of the vectors to scan instead of sqlite-vec; its first
    pass runs in a thread while FTS5 ranks (NumPy and SQLite both release the GIL).
    """
    capped = False
    df: dict[str, int] = {}
    total = chunk_count(conn)
    if raw_fts:
        expr, terms = query, []
    elif params.query_analysis == "kiwi":
        terms = list(dict.fromkeys(tokens(query)))
        expr = fts.terms_expression(terms, {}, 0)
    else:
        terms, df = query_terms(conn, query)
        expr = fts.terms_expression(terms, df, total)
        capped = fts.common_only(terms, df, total)
    dense: list[tuple[int, float]] = []
    lexical: list[tuple[int, float]] = []
    # The vector to search with, None when there is no dense side.
    dense_vector = query_vector if mode != "lexical" else None
    # The word side's matches past its first n only lend their scores to the vector side's
    # candidates (_complete), so only a hybrid search that completes asks for them.
    complete = mode == "hybrid" and params.complete
    depth = n * FILL_DEPTH if complete else n
    if dense_vector is not None and resident is not None:
        with ThreadPoolExecutor(max_workers=1) as pool:
            first = pool.submit(
                resident.candidates, dense_vector, resident.first_pass_size(n), year, doc_id
            )
            if mode != "vector":
                lexical = fts.search(conn, expr, depth, year, doc_id, capped=capped)
            dense = resident.exact(conn, first.result(), dense_vector, n)
    else:
        if dense_vector is not None:
            dense = vectors.search(conn, dense_vector, n, year, doc_id)
        if mode != "vector":
            lexical = fts.search(conn, expr, depth, year, doc_id, capped=capped)
    lexical, beyond = lexical[:n], dict(lexical[n:])
    asked = query_periods(query)
    if asked and mode == "hybrid" and doc_id is None:
        # Near-identical releases of a series crowd each side's top n; the documents of the
        # period asked for send their own best passages too.
        for d in _period_documents(conn, asked, year):
            if dense_vector is not None:
                dense += nearest_in_document(conn, dense_vector, PER_PERIOD_DOC, year, d, resident)
            lexical += fts.search(conn, expr, PER_PERIOD_DOC, year, d, capped=capped)
    by_id: dict[int, Candidate] = {}
    for cid, s in dense:
        by_id.setdefault(cid, Candidate(cid)).dense = s
    for cid, s in lexical:
        by_id.setdefault(cid, Candidate(cid)).lexical = s
    if complete:
        _complete(conn, by_id, dense_vector, beyond)
    out = Pool(
        list(by_id.values()),
        coverage(query, df) if df else (1.0 if terms else 0.0),
        asks_for_count(query),
        bool(asked),
    )
    if mode == "hybrid" and by_id:
        _signals(conn, out, query_vector, terms, df, total, asked, params.line_window)
    return out, terms


def _complete(
    conn: Connection,
    by_id: dict[int, Candidate],
    query_vector: np.ndarray | None,
    lexical_beyond: dict[int, float],
) -> None:
    """Each side's score for the candidates only the other side found.

    A passage just outside one side's top n is not unrelated: scored as absent it fused as
    if it were, and an English question's right passage, first by its Korean words, lost to
    fifty near-equal vector neighbours (issue 18). The cosine is exact (the vector read by
    key); BM25 comes from the word side's next matches, which FTS5 scored anyway (asking
    for 500 rows costs what 50 do; a second MATCH over just these chunks cost up to 80 ms
    at 100k chunks, as it counts each term's whole doclist again). A passage beyond those
    keeps no word score.
    """
    if query_vector is not None:
        missing = [c for c, cand in by_id.items() if cand.dense is None]
        for cid, s in vectors.similarities(conn, missing, query_vector):
            by_id[cid].dense = s
    for cid, cand in by_id.items():
        if cand.lexical is None and cid in lexical_beyond:
            cand.lexical = lexical_beyond[cid]


PER_PERIOD_DOC = 10  # passages per side from each document of the period asked for
FILL_DEPTH = 10  # the word side scores 10 × n matches; the first n are candidates
MAX_PERIOD_DOCS = 5


def _period_documents(conn: Connection, asked: list[Any], year: int | None) -> list[int]:
    """Documents whose period is the one asked for (newest first, a few)."""
    rows = conn.execute(
        "SELECT id, year, period FROM documents WHERE period IS NOT NULL"
        + ("" if year is None else " AND year = ?")
        + " ORDER BY COALESCE(report_date, '') DESC",
        () if year is None else (year,),
    ).fetchall()
    return [int(r[0]) for r in rows if period_match(asked, r[2], r[1]) >= 1.0][:MAX_PERIOD_DOCS]


def nearest_in_document(
    conn: Connection,
    query_vector: np.ndarray,
    n: int,
    year: int | None,
    doc_id: int,
    resident: Resident | None,
) -> list[tuple[int, float]]:
    """A document's n passages nearest the query, exactly, without scanning the whole index."""
    if resident is not None:
        return resident.search(conn, query_vector, n, year, doc_id)
    if is_postgres(conn):  # one document's rows by its doc_id index, scored exactly
        return vectors.search(conn, query_vector, n, year, doc_id)
    ids = [r[0] for r in conn.execute("SELECT id FROM chunks WHERE doc_id = ?", (doc_id,))]
    if len(ids) > DOC_SCAN_MAX:
        return vectors.search(conn, query_vector, n, year, doc_id)
    # sqlite-vec filters on doc_id by reading every chunk's metadata (about 30 ms at 100k
    # chunks, bench/run.py's corpus); one document's vectors read by key take 1-5 ms.
    return rescore(conn, np.asarray(ids, np.int64), query_vector, n)


DOC_SCAN_MAX = 2000  # a document's vectors are read by key up to this many chunks


def _signals(
    conn: Connection,
    pool: Pool,
    query_vector: np.ndarray | None,
    terms: list[str],
    df: dict[str, int],
    total: int,
    asked: list[Any],
    line_window: int,
) -> None:
    """Counts in each passage; period, words, meaning and age of each passage's document."""
    ids = [c.chunk_id for c in pool.candidates]
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT id, doc_id, text FROM chunks WHERE id IN ({marks})", ids
    ).fetchall()
    doc_of = {int(r[0]): int(r[1]) for r in rows}
    texts = {int(r[0]): r[2] for r in rows}
    if pool.asks_count:
        pool.texts = texts
    doc_ids = sorted(set(doc_of.values()))
    dmarks = ",".join("?" * len(doc_ids))
    docs = {
        int(r[0]): r[1:]
        for r in conn.execute(
            "SELECT id, year, period, COALESCE(report_date, CAST(year AS TEXT)), context_vec, "
            f"context_tokens FROM documents WHERE id IN ({dmarks})",
            doc_ids,
        )
    }
    weights = {t: math.log(1 + (total - df.get(t, 0) + 0.5) / (df.get(t, 0) + 0.5)) for t in terms}
    all_weight = sum(weights.values()) or 1.0
    dates = sorted({d[2] for d in docs.values() if d[2]})
    keys = [(compact(t).lower(), w / all_weight) for t, w in weights.items()]
    for c in pool.candidates:
        c.line_match = best_line(texts.get(c.chunk_id, ""), keys, line_window)
        doc = docs.get(doc_of.get(c.chunk_id, -1))
        if doc is None:
            continue
        year, period, date, vec, ctx_tokens = doc
        c.period = period_match(asked, period, year)
        if ctx_tokens:
            own = set(ctx_tokens.split())
            c.doc_lexical = sum(w for t, w in weights.items() if t in own) / all_weight
        if vec is not None and query_vector is not None:
            v = np.frombuffer(vec, dtype=np.float32)
            if v.shape == query_vector.shape:
                c.doc_dense = float(v @ query_vector)
        if len(dates) > 1 and date:
            c.recency = dates.index(date) / (len(dates) - 1)


def best_line(text: str, keys: list[tuple[str, float]], window: int = DEFAULT.line_window) -> float:
    """The largest share of the question's terms found close together on one line.

    keys: each term compacted and lower-cased with its share of the question's IDF weight
    (spaces and case are ignored, as PDFs drop them). A table chunk's lines are its rows.
    Terms count together when they start within `window` characters of each other on one
    line: a clause or a table row that holds the question, not a long paragraph (a text
    chunk's line) that has its words scattered. Whole lines (no window) lost Korean
    Recall@1 on the realdocs folds (0.741 → 0.690, README)."""
    best = 0.0
    for line in text.split("\n"):
        flat = compact(line).lower()
        if flat:
            best = max(best, _best_span(flat, keys, window))
    return best


def _best_span(flat: str, keys: list[tuple[str, float]], window: int) -> float:
    """The heaviest set of distinct keys whose occurrences start within window characters."""
    hits: list[tuple[int, int]] = []  # (position, key index)
    for k, (key, _w) in enumerate(keys):
        if not key:
            continue
        at = flat.find(key)
        while at >= 0:
            hits.append((at, k))
            at = flat.find(key, at + 1)
    if not hits:
        return 0.0
    hits.sort()
    inside = [0] * len(keys)  # occurrences of each key in the window
    total = best = 0.0
    left = 0
    for pos, k in hits:  # slide the window's right edge over the occurrences
        if inside[k] == 0:
            total += keys[k][1]
        inside[k] += 1
        while pos - hits[left][0] > window:
            j = hits[left][1]
            inside[j] -= 1
            if inside[j] == 0:
                total -= keys[j][1]
            left += 1
        best = max(best, total)
    return best


def search(
    conn: Connection,
    query: str,
    query_vector: np.ndarray | None,
    k: int = 10,
    year: int | None = None,
    doc_id: int | None = None,
    mode: Mode = "hybrid",
    params: RankParams = DEFAULT,
    raw_fts: bool = False,
    resident: Resident | None = None,
) -> list[Hit]:
    """Top-k hits for a query; query_vector may be None for lexical mode."""
    n = max(params.candidates, k)
    pool, terms = candidates(
        conn, query, query_vector, n, year, doc_id, mode, params, raw_fts, resident
    )
    return hydrate(conn, ranking.rank(pool, params, mode)[:k], terms)


def hydrate(conn: Connection, ranked: list[tuple[int, float]], terms: list[str]) -> list[Hit]:
    """Turn (chunk_id, score) into Hits with text, section, page and document."""
    if not ranked:
        return []
    ids = [cid for cid, _ in ranked]
    placeholders = ",".join("?" * len(ids))
    rows = {
        int(r["id"]): r
        for r in select(
            conn,
            "SELECT c.id AS id, c.text AS text, c.page AS page, c.line_start AS line, "
            "s.path AS section, d.path AS doc_path, d.title AS doc_title, d.year AS doc_year "
            f"FROM chunks c JOIN documents d ON d.id = c.doc_id "
            f"LEFT JOIN sections s ON s.id = c.section_id WHERE c.id IN ({placeholders})",
            ids,
        )
    }
    hits = []
    for rank, (cid, score) in enumerate(ranked, start=1):
        r = rows.get(cid)
        if r is None:
            continue
        text, marks = snippet(r["text"], terms)
        hits.append(
            Hit(
                rank=rank,
                score=round(float(score), 6),
                chunk_id=cid,
                text=r["text"],
                snippet=text,
                section=r["section"] or "",
                page=r["page"],
                line=r["line"],
                doc=DocRef(r["doc_path"], r["doc_title"], r["doc_year"]),
                marks=marks,
            )
        )
    return hits


def neighbours(conn: Connection, chunk_id: int, before: int = 1, after: int = 1) -> list[Hit]:
    """A chunk with up to `before`/`after` chunks around it in its document, in order."""
    row = conn.execute("SELECT doc_id, ordinal FROM chunks WHERE id = ?", (chunk_id,)).fetchone()
    if row is None:
        return []
    ids = [
        (int(r[0]), 0.0)
        for r in conn.execute(
            "SELECT id FROM chunks WHERE doc_id = ? AND ordinal BETWEEN ? AND ? ORDER BY ordinal",
            (row[0], row[1] - before, row[1] + after),
        )
    ]
    return hydrate(conn, ids, [])


def years(conn: Connection) -> list[int]:
    """Distinct document years, newest first."""
    return [
        int(r[0])
        for r in conn.execute(
            "SELECT DISTINCT year FROM documents WHERE year IS NOT NULL ORDER BY year DESC"
        )
    ]
