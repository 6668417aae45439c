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


def _normalise(ranked: Ranked) -> dict[int, float]:
    """Scores divided by the best score of their list (0..1, best = 1)."""
    if not ranked:
        return {}
    top = max(s for _, s in ranked)
    if top <= 0:
        return {i: 0.0 for i, _ in ranked}
    return {i: max(s, 0.0) / top for i, s in ranked}


def convex(dense: Ranked, lexical: Ranked, alpha: float = 0.5) -> list[tuple[int, float]]:
    """alpha * dense + (1 - alpha) * lexical, each normalised by its list's best score.

    Unlike RRF this keeps how far apart the scores are, so a strong lexical match is not
    flattened to "rank 1" when the dense list disagrees.
    """
    d = _normalise(dense)
    lex = _normalise(lexical)
    # An id missing from a list gets that list's floor (its worst kept score), not zero,
    # because it was merely cut off, not judged irrelevant.
    d_floor = min(d.values(), default=0.0)
    l_floor = min(lex.values(), default=0.0) * 0.5
    ids = set(d) | set(lex)
    scores = {
        i: alpha * d.get(i, d_floor) + (1.0 - alpha) * lex.get(i, l_floor if lex else 0.0)
        for i in ids
    }
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
