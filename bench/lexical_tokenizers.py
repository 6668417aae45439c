"""Which lexical index retrieves better on the dev set: Kiwi morphemes or FTS5 trigrams?

Usage: python bench/lexical_tokenizers.py [DB] [DEV.jsonl]   (DB: an index of corpus/)
Prints Recall@1 / Recall@5 / MRR@10 of each lexical index alone and fused with the vectors.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from index import fts, vectors
from index.fusion import convex
from index.querytok import query_terms
from index.tokenize import tokens
from kb.config import Settings
from kb.facade import KnowledgeBase


def metrics(ranked: list[list[int]], gold: list[set[int]]) -> str:
    r1 = r5 = mrr = 0.0
    for ids, g in zip(ranked, gold, strict=True):
        rank = next((n for n, i in enumerate(ids[:10], 1) if i in g), None)
        r1 += rank == 1
        r5 += bool(rank and rank <= 5)
        mrr += 1 / rank if rank else 0
    n = len(gold)
    return f"R@1 {r1 / n:.3f}  R@5 {r5 / n:.3f}  MRR@10 {mrr / n:.3f}"


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    db = Path(sys.argv[1]) if len(sys.argv) > 1 else Settings.from_env().db
    dev = Path(sys.argv[2]) if len(sys.argv) > 2 else root / "tests/data/dev_search.jsonl"
    kb = KnowledgeBase(Settings.from_env().with_overrides(db=db))
    conn = kb.conn()
    rows = conn.execute(
        "SELECT c.id, COALESCE(s.path, '') || char(10) || c.text, c.text FROM chunks c "
        "LEFT JOIN sections s ON s.id = c.section_id"
    ).fetchall()
    conn.execute("CREATE VIRTUAL TABLE temp.tri USING fts5(body, tokenize='trigram')")
    conn.executemany(
        "INSERT INTO temp.tri(rowid, body) VALUES (?, ?)", [(r[0], r[1]) for r in rows]
    )
    queries = [json.loads(x) for x in dev.read_text(encoding="utf-8").splitlines() if x.strip()]
    gold = [{r[0] for r in rows if any(g in r[2] for g in q["gold_any"])} for q in queries]
    morph, vocab, tri, dense = [], [], [], []
    for q in queries:
        morph.append(fts.search(conn, fts.match_expression(q["query"]), 50))
        terms, df = query_terms(conn, q["query"])
        vocab.append(fts.search(conn, fts.terms_expression(terms, df, 0), 50))
        words = [w for w in q["query"].split() if len(w) >= 3]
        expr = " OR ".join(fts.quote_term(w) for w in words)
        tri.append(
            [
                (int(a), -float(b))
                for a, b in conn.execute(
                    "SELECT rowid, bm25(tri) FROM temp.tri WHERE tri MATCH ? "
                    "ORDER BY bm25(tri) LIMIT 50",
                    (expr,),
                )
            ]
            if expr
            else []
        )
        dense.append(vectors.search(conn, kb.embedder().embed_query(q["query"]), 50))
    ids = lambda lists: [[i for i, _ in r] for r in lists]  # noqa: E731
    q0 = queries[0]["query"]
    print(
        f"queries: {len(queries)}; e.g. {q0!r}: Kiwi {tokens(q0)}, "
        f"vocabulary {query_terms(conn, q0)[0]}"
    )
    print(f"| ranking | {'metrics':<40} |\n|---|---|")
    print(f"| Kiwi morphemes, query by Kiwi, BM25 alone | {metrics(ids(morph), gold)} |")
    print(f"| Kiwi morphemes, query by vocabulary, BM25 alone | {metrics(ids(vocab), gold)} |")
    print(f"| trigrams, BM25 alone | {metrics(ids(tri), gold)} |")
    print(f"| dense e5 alone | {metrics(ids(dense), gold)} |")
    fused_m = [convex(d, m) for d, m in zip(dense, morph, strict=True)]
    fused_t = [convex(d, t) for d, t in zip(dense, tri, strict=True)]
    fused_v = [convex(d, m) for d, m in zip(dense, vocab, strict=True)]
    print(f"| dense + morphemes, query by Kiwi (convex) | {metrics(ids(fused_m), gold)} |")
    print(f"| dense + morphemes, query by vocabulary (convex) | {metrics(ids(fused_v), gold)} |")
    print(f"| dense + trigrams (convex) | {metrics(ids(fused_t), gold)} |")


if __name__ == "__main__":
    main()
