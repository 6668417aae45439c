"""Query intent: a question that asks for a count prefers passages that state counts.

Council questions ask "how many times, how many people" (`공동체공간학교 운영 횟수와 인원`);
the answer is the 추진실적 line `공동체공간학교 운영(9회, 106명)`, while the 사업내용 passage
describing the same program matches the words as well or better. Pure functions, no SQLite.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

# Words that ask for a number of occurrences or people.
_ASKS = re.compile(
    r"횟수|몇\s*(?:회|명|건|번|개|곳|차례)?|인원|참여자|참석자|건수|몇명|얼마나\s*많"
    r"|자\s?수(?:는|가|를)?(?=\s|$|\?)"  # 구독자 수, 방문자수
)
# A number followed by a counter: 9회, 106명, 2,245건, 13개소.
_COUNTED = re.compile(r"\d[\d,]*\s*(?:회|명|건|개소|곳|번|차례)")

# Added to the fused score (0..1 scale) of passages that state counts, for such questions.
COUNT_BONUS = 0.15
# Only the best this many fused results compete for the bonus.
WINDOW = 20


def asks_for_count(query: str) -> bool:
    """True when the query asks how many times or how many people."""
    return bool(_ASKS.search(query))


def states_counts(text: str) -> bool:
    """True when the text states at least one count (a number with a counter)."""
    return bool(_COUNTED.search(text))


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


# "집행률이 가장 낮은 사업", "예산이 가장 많은 사업", "집행이 저조한 사업": a ranking.
_LOW = re.compile(r"가장\s*(?:낮|적|작|저조)|최저|최소|저조|부진")
_HIGH = re.compile(r"가장\s*(?:높|많|크|큰)|최고|최대|최다")


def ranking(query: str) -> str | None:
    """'asc' when the query asks for the lowest, 'desc' for the highest, else None."""
    if _LOW.search(query):
        return "asc"
    if _HIGH.search(query):
        return "desc"
    return None
