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
    "사용액": ("spent",),
    "썼": ("spent",),
    "집행액": ("committed", "spent"),
    "예산": ("budget",),
    "지출": ("spent",),
    "집행": ("committed", "spent", "committed_rate", "spent_rate"),
}
# 이/가/의 go only when nothing else is left ("집행률이" → 이): as word endings they are
# too often part of the noun (활동가, 회의, 놀이) to strip.
_FILLER = re.compile(
    r"(얼마(?:야|예요|죠|나)?|금액|현황|어떻게|알려줘|알려주세요|몇|인가요?|인지|입니까|했나요?|였나요?|나요"
    r"|은|는|\?)$|^(?:이|가|의)$"
)

# Words that ask "how many", not name a program: "공동체공간학교 운영 횟수와 인원",
# "몇 명이 참여했나요". Only whole words are dropped: 주민참여 inside a name stays.
_PARTICLE = "(?:와|과|는|은|이|가|를|을|의|도)?"
_COUNT_WORD = re.compile(
    rf"^(?:횟수|인원수?|참여자수?|참석자수?|참가자수?|건수){_PARTICLE}$"
    rf"|^몇\s*(?:명|회|건|번)?{_PARTICLE}$|^(?:명|회|건|번)(?:이|은|는|도)?$"  # not 회의, 건의
    r"|^(?:참여|참석|참가|운영|진행)했\S*$"
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
        if _COUNT_WORD.match(rest):  # before the endings go: 참여했나요 is not 참여
            continue
        while (shorter := _FILLER.sub("", rest)) != rest:  # "얼마인가요?" → "" in three steps
            rest = shorter
        if rest and not _COUNT_WORD.match(rest):
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


def specific(label: str) -> str:
    """The most specific part of a composed row label: '분류 · 세부사업' → '세부사업'."""
    return label.rsplit(" · ", 1)[-1]


def label_similarity(subject: str, label: str) -> float:
    """Similarity to a row label, or to its most specific part ('분류 · 세부사업' → 세부사업)."""
    score = similarity(subject, compact(label))
    if specific(label) != label:
        score = max(score, similarity(subject, compact(specific(label))))
    return score
