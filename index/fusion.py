"""Rank fusion of vector and lexical results: pure functions, no SQLite."""

from __future__ import annotations

from collections.abc import Sequence

Ranked = Sequence[tuple[int, float]]  # (id, score), best first


def rrf(
    lists: Sequence[Ranked], k: int = 60, weights: Sequence[float] | None = None
) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: sum of w / (k + rank) over the lists an id appears in."""
    weights = weights or [1.0] * len(lists)
    scores: dict[int, float] = {}
    for ranked, w in zip(lists, weights, strict=True):
        for rank, (item, _score) in enumerate(ranked, start=1):
            scores[item] = scores.get(item, 0.0) + w / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def min_max(ranked: Ranked) -> dict[int, float]:
    """Scores rescaled to 0..1 within their list (best = 1, worst kept = 0)."""
    if not ranked:
        return {}
    lo, hi = min(s for _, s in ranked), max(s for _, s in ranked)
    if hi <= lo:
        return {i: 1.0 for i, _ in ranked}
    return {i: (s - lo) / (hi - lo) for i, s in ranked}


def by_max(ranked: Ranked) -> dict[int, float]:
    """Scores divided by the best score of their list (0..1, best = 1)."""
    if not ranked:
        return {}
    top = max(s for _, s in ranked)
    if top <= 0:
        return {i: 0.0 for i, _ in ranked}
    return {i: max(s, 0.0) / top for i, s in ranked}


def z_score(ranked: Ranked) -> dict[int, float]:
    """Scores as standard deviations above their list's mean, cut to 0..1 at 3 deviations.

    Unlike min-max, one outlier does not squash the rest, and a list of near-equal scores
    stays near-equal instead of being stretched to 0..1."""
    if not ranked:
        return {}
    values = [s for _, s in ranked]
    mean = sum(values) / len(values)
    sd = (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5
    if sd <= 0:
        return {i: 1.0 for i, _ in ranked}
    return {i: min(max((s - mean) / sd, 0.0), 3.0) / 3.0 for i, s in ranked}


NORMS = {"minmax": min_max, "max": by_max, "z": z_score}


def convex(dense: Ranked, lexical: Ranked, alpha: float = 0.5) -> list[tuple[int, float]]:
    """alpha * dense + (1 - alpha) * lexical, after normalising each list.

    Cosine similarities crowd into a narrow band (0.85-0.91 for e5), so the dense list is
    min-max scaled to spread it; BM25 scores are divided by their best, which keeps how
    much a strong lexical match stands out. Unlike RRF, score gaps survive fusion. An id
    missing from a list scores 0 there. On the dev set this beats both parts and RRF.
    """
    d, lex = min_max(dense), by_max(lexical)
    scores = {i: alpha * d.get(i, 0.0) + (1.0 - alpha) * lex.get(i, 0.0) for i in set(d) | set(lex)}
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
