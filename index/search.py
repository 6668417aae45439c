"""Hybrid search: vector KNN + FTS5 BM25, fused, filtered, with snippets."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from kb.types import DocRef, Hit

from . import fts, vectors
from .fusion import convex, rrf
from .intent import COUNT_BONUS, WINDOW, asks_for_count, prefer_counts
from .querytok import query_terms
from .resident import Resident
from .snippets import snippet
from .store import chunk_count
from .tokenize import tokens

Mode = Literal["hybrid", "vector", "lexical"]


@dataclass(frozen=True, slots=True)
class SearchParams:
    """Knobs of the hybrid ranker (defaults tuned on the dev set, see README)."""

    candidates: int = 50
    fusion: Literal["convex", "rrf"] = "convex"
    # "vocab": cut the query by the index's own vocabulary (no Kiwi load, see querytok);
    # "kiwi": analyse it with Kiwi like the documents (1.4 s to load; for comparison).
    query_analysis: Literal["vocab", "kiwi"] = "vocab"
    alpha: float = 0.5  # weight of the dense side in convex fusion
    count_bonus: float = COUNT_BONUS  # for questions asking "how many" (see intent.py)
    rrf_k: int = 60


def doc_id_for(conn: Any, path_or_id: str) -> int | None:
    """The id of a stored document by exact path, by path suffix, or None."""
    row = conn.execute("SELECT id FROM documents WHERE path = ?", (path_or_id,)).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT id FROM documents WHERE path LIKE ? ORDER BY length(path) LIMIT 1",
            ("%" + path_or_id,),
        ).fetchone()
    return int(row[0]) if row else None


def search(
    conn: Any,
    query: str,
    query_vector: np.ndarray | None,
    k: int = 10,
    year: int | None = None,
    doc_id: int | None = None,
    mode: Mode = "hybrid",
    params: SearchParams = SearchParams(),
    raw_fts: bool = False,
    resident: Resident | None = None,
) -> list[Hit]:
    """Top-k hits for a query; query_vector may be None for lexical mode.

    resident: an in-memory copy of the vectors to scan instead of sqlite-vec; its first
    pass runs in a thread while FTS5 ranks (NumPy and SQLite both release the GIL).
    """
    n = max(params.candidates, k)
    capped = False
    if raw_fts:
        expr, terms = query, []
    elif params.query_analysis == "kiwi":
        terms = list(dict.fromkeys(tokens(query)))
        expr = fts.terms_expression(terms, {}, 0)
    else:
        terms, df = query_terms(conn, query)
        total = chunk_count(conn)
        expr = fts.terms_expression(terms, df, total)
        capped = fts.common_only(terms, df, total)
    dense: list[tuple[int, float]] = []
    lexical: list[tuple[int, float]] = []
    want_dense = mode != "lexical" and query_vector is not None
    if want_dense and resident is not None:
        with ThreadPoolExecutor(max_workers=1) as pool:
            first = pool.submit(
                resident.candidates, query_vector, resident.first_pass_size(n), year, doc_id
            )
            if mode != "vector":
                lexical = fts.search(conn, expr, n, year, doc_id, capped=capped)
            dense = resident.exact(conn, first.result(), query_vector, n)
    else:
        if want_dense:
            dense = vectors.search(conn, query_vector, n, year, doc_id)
        if mode != "vector":
            lexical = fts.search(conn, expr, n, year, doc_id, capped=capped)
    if mode == "vector":
        ranked = dense
    elif mode == "lexical":
        ranked = lexical
    elif params.fusion == "rrf":
        ranked = rrf([dense, lexical], k=params.rrf_k)
    else:
        ranked = convex(dense, lexical, params.alpha)
    if mode == "hybrid" and params.count_bonus and asks_for_count(query):
        ranked = prefer_counts(
            ranked, chunk_texts(conn, [i for i, _ in ranked[:WINDOW]]), params.count_bonus
        )
    return hydrate(conn, ranked[:k], terms)


def chunk_texts(conn: Any, ids: list[int]) -> dict[int, str]:
    """Text of each chunk id."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {
        int(r[0]): r[1]
        for r in conn.execute(f"SELECT id, text FROM chunks WHERE id IN ({marks})", ids)
    }


def hydrate(conn: Any, ranked: list[tuple[int, float]], terms: list[str]) -> list[Hit]:
    """Turn (chunk_id, score) into Hits with text, section, page and document."""
    if not ranked:
        return []
    ids = [cid for cid, _ in ranked]
    marks = ",".join("?" * len(ids))
    rows = {
        int(r[0]): r
        for r in conn.execute(
            "SELECT c.id, c.text, c.page, c.line_start, s.path, d.path, d.title, d.year "
            f"FROM chunks c JOIN documents d ON d.id = c.doc_id "
            f"LEFT JOIN sections s ON s.id = c.section_id WHERE c.id IN ({marks})",
            ids,
        )
    }
    hits = []
    for rank, (cid, score) in enumerate(ranked, start=1):
        r = rows.get(cid)
        if r is None:
            continue
        hits.append(
            Hit(
                rank,
                round(float(score), 6),
                cid,
                r[1],
                snippet(r[1], terms),
                r[4] or "",
                r[2],
                r[3],
                DocRef(r[5], r[6], r[7]),
            )
        )
    return hits


def neighbours(conn: Any, chunk_id: int, before: int = 1, after: int = 1) -> list[Hit]:
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


def years(conn: Any) -> list[int]:
    """Distinct document years, newest first."""
    return [
        int(r[0])
        for r in conn.execute(
            "SELECT DISTINCT year FROM documents WHERE year IS NOT NULL ORDER BY year DESC"
        )
    ]
