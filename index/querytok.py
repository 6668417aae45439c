"""Query tokens without loading Kiwi: segment the query against the index's own vocabulary.

Kiwi takes 1.4 s and 340 MB to load, more than the whole search. Documents are analysed by
Kiwi at ingest; a query only needs the morphemes the index already holds, so each Hangul run
of the query is split by dynamic programming into the longest known terms (`청년마을활동가`
→ 청년 + 마을 + 활동가) and the rest (particles, endings) is dropped.
"""

from __future__ import annotations

import re

from .conn import Connection

_RUNS = re.compile(r"[가-힣]+|[A-Za-z]+|\d+(?:[.,]\d+)*")
MAX_TERM = 10  # longest morpheme looked up, in characters


def _candidates(run: str) -> set[str]:
    return {
        run[i:j] for i in range(len(run)) for j in range(i + 1, min(len(run), i + MAX_TERM) + 1)
    }


def known_terms(conn: Connection, candidates: set[str]) -> dict[str, int]:
    """Document frequency of the candidates that are in the vocabulary."""
    if not candidates:
        return {}
    found: dict[str, int] = {}
    items = sorted(candidates)
    for k in range(0, len(items), 500):  # stay under SQLite's variable limit
        part = items[k : k + 500]
        marks = ",".join("?" * len(part))
        for term, df in conn.execute(f"SELECT term, df FROM vocab WHERE term IN ({marks})", part):
            found[term] = int(df)
    return found


def segment(run: str, vocab: dict[str, int]) -> list[str]:
    """Best cover of a Hangul run by known terms (longer terms preferred; gaps allowed)."""
    n = len(run)
    best = [0] * (n + 1)  # score of the best segmentation of run[:i]
    back: list[tuple[int, str | None]] = [(0, None)] * (n + 1)
    for i in range(1, n + 1):
        best[i], back[i] = best[i - 1], (i - 1, None)  # skip one character
        for j in range(max(0, i - MAX_TERM), i):
            term = run[j:i]
            if term in vocab and best[j] + len(term) ** 2 > best[i]:
                best[i], back[i] = best[j] + len(term) ** 2, (j, term)
    out: list[str] = []
    i = n
    while i > 0:
        j, known = back[i]
        if known:
            out.append(known)
        i = j
    return out[::-1]


def query_terms(conn: Connection, text: str) -> tuple[list[str], dict[str, int]]:
    """(terms in query order, their document frequencies) for a user query."""
    runs = _RUNS.findall(text)
    hangul = [r for r in runs if "가" <= r[0] <= "힣"]
    cands: set[str] = set()
    for r in hangul:
        cands |= _candidates(r)
    others = [r.lower() for r in runs if not ("가" <= r[0] <= "힣")]
    vocab = known_terms(conn, cands | set(others))
    terms: list[str] = []
    for r in runs:
        if "가" <= r[0] <= "힣":
            terms.extend(segment(r, vocab))
        else:
            terms.append(r.lower())
    return list(dict.fromkeys(terms)), vocab


def coverage(text: str, vocab: dict[str, int]) -> float:
    """Share of the query the index's vocabulary knows (Hangul by characters covered,
    other words whole): near 1 for a Korean question, near 0 for an English one."""
    known = total = 0
    for run in _RUNS.findall(text):
        if "가" <= run[0] <= "힣":
            total += len(run)
            known += sum(len(t) for t in segment(run, vocab))
        else:
            total += len(run)
            known += len(run) if run.lower() in vocab else 0
    return known / total if total else 0.0
