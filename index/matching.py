"""Fuzzy, spacing-insensitive matching of a query against labels and names (pure)."""

from __future__ import annotations

import re

from kb.text import compact

# Words that name a measure, not a program: "청년마을활동가 성장교육 집행률" asks about the
# program 청년마을활동가 성장교육. Longest first so 예산현액 goes before 예산.
MEASURE_WORDS: dict[str, tuple[str, ...]] = {
    "예산현액": ("budget",),
    "집행예상": ("expected", "expected_rate"),
    "예상액": ("expected",),
    "원인행위": ("committed", "committed_rate"),
    "집행률": ("committed_rate", "spent_rate"),
    "지출액": ("spent",),
    "집행액": ("committed", "spent"),
    "예산": ("budget",),
    "지출": ("spent",),
    "집행": ("committed", "spent", "committed_rate", "spent_rate"),
}
_FILLER = re.compile(
    r"(얼마|금액|현황|어떻게|알려줘|알려주세요|몇|인가요|입니까|은|는|이|가|의|\?)$"
)


def split_query(query: str) -> tuple[str, list[str]]:
    """(compact subject, measures named) of a figures query."""
    words = query.split()
    subject: list[str] = []
    measures: list[str] = []
    for word in words:
        rest = word
        for key in sorted(MEASURE_WORDS, key=len, reverse=True):
            if key in rest:
                measures.extend(m for m in MEASURE_WORDS[key] if m not in measures)
                rest = rest.replace(key, "")
        rest = _FILLER.sub("", rest)
        if rest:
            subject.append(rest)
    return compact(" ".join(subject)), measures


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def similarity(query_key: str, label_key: str) -> float:
    """0..1: exact 1; containment by length ratio; otherwise bigram Dice (both compacted)."""
    if not query_key or not label_key:
        return 0.0
    if query_key == label_key:
        return 1.0
    if query_key in label_key:
        return 0.6 + 0.35 * len(query_key) / len(label_key)
    if label_key in query_key and len(label_key) >= 2:
        return 0.5 + 0.35 * len(label_key) / len(query_key)
    a, b = _bigrams(query_key), _bigrams(label_key)
    return 0.9 * 2 * len(a & b) / (len(a) + len(b))
