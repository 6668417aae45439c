"""Query intent: a question that asks for a count prefers passages that state counts.

Council questions ask "how many times, how many people" (`공동체공간학교 운영 횟수와 인원`);
the answer is the 추진실적 line `공동체공간학교 운영(9회, 106명)`, while the 사업내용 passage
describing the same program matches the words as well or better. Pure functions, no SQLite.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kb.lexicon import ASKS_COUNT, COUNTED, HIGHEST, LOWEST

# Added to the fused score (0..1 scale) of passages that state counts, for such questions.
COUNT_BONUS = 0.15
# Only the best this many fused results compete for the bonus.
WINDOW = 20


def asks_for_count(query: str) -> bool:
    """True when the query asks how many times or how many people."""
    return bool(ASKS_COUNT.search(query))


def states_counts(text: str) -> bool:
    """True when the text states at least one count (a number with a counter)."""
    return bool(COUNTED.search(text))


def prefer_counts(
    ranked: Sequence[tuple[int, float]],
    texts: Mapping[int, str],
    bonus: float = COUNT_BONUS,
    window: int = WINDOW,
) -> list[tuple[int, float]]:
    """The fused list with the bonus added to passages that state counts, re-sorted."""
    head = [
        (i, s + (bonus if states_counts(texts.get(i, "")) else 0.0)) for i, s in ranked[:window]
    ]
    head.sort(key=lambda kv: (-kv[1], kv[0]))
    return head + list(ranked[window:])


def ranking(query: str) -> str | None:
    """'asc' when the query asks for the lowest, 'desc' for the highest, else None."""
    if LOWEST.search(query):
        return "asc"
    if HIGHEST.search(query):
        return "desc"
    return None
