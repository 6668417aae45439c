"""English questions over Korean reports: the glossary, English periods, two-sided scores.

Measured on real documents with the bundled e5 engine (tests/data/realdocs: two releases of
the outbound investment series and two months of the consolidated fiscal statistics). The
questions here were written for these tests, not taken from the development set.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

import kb.facade
from index import vectors
from index.ranking import DEFAULT, with_values
from index.search import candidates
from kb.facade import KnowledgeBase
from kb.glossary import bilingual, korean_terms, mostly_latin, stem
from kb.periods import Asked, query_periods


def _rank_of(kb: KnowledgeBase, query: str, gold: str, k: int = 10) -> int | None:
    hits = kb.search(query, k=k)
    return next((i for i, h in enumerate(hits, 1) if gold in re.sub(r"\s", "", h.text)), None)


# (question, a string of the passage that answers it): the fiscal statistics' balance that
# leaves out the social security funds, and the second-quarter release's industry sentence.
ENGLISH = [
    ("integrated fiscal balance excluding social security funds", "사회보장성기금"),
    ("real estate investment decline second quarter 2025", "부동산업("),
]


@pytest.mark.parametrize(("query", "gold"), ENGLISH)
def test_an_english_question_finds_the_korean_passage_through_the_glossary(
    series_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch, query: str, gold: str
) -> None:
    with_glossary = _rank_of(series_kb, query, gold)
    monkeypatch.setattr(kb.facade, "bilingual", lambda q: q)
    without = _rank_of(series_kb, query, gold)
    assert with_glossary is not None and with_glossary <= 5, with_glossary
    assert without is None, without  # not in the first ten


def test_glossary_matches_phrases_first_plurals_and_skips_function_words() -> None:
    assert stem("Assets") == stem("asset") and stem("studies") == "study"
    # `net lending` is a phrase of its own (융자), not `net` and `lending` apart.
    assert "융자" in korean_terms("total expenditure and net lending")
    # Words that carry no subject bring nothing (`to` once brought 내지).
    assert korean_terms("to the of by with") == []


def test_a_hyphenated_word_is_glossed_by_its_parts() -> None:
    # `data-driven` is no gloss of its own; its parts are (데이터, 기반), and a gloss
    # written with a hyphen (`year-on-year`) still matches the question's hyphen.
    terms = korean_terms("data-driven administration")
    assert {"데이터", "기반", "행정"} <= set(terms)
    assert "전년" in korean_terms("year-on-year change")


def test_only_a_question_mostly_in_latin_letters_is_glossed() -> None:
    korean = "KSLV-2 명칭 공모 참여자 수"
    assert not mostly_latin(korean) and bilingual(korean) == korean
    english = "annual budget of the council"
    assert mostly_latin(english)
    added = bilingual(english)[len(english) :].split()
    assert added and all(re.fullmatch(r"[가-힣]+", w) for w in added)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("consolidated fiscal revenue Nov 2010 cumulative", Asked(2010, None, 11)),
        ("total expenditure October 2011", Asked(2011, None, 10)),
        ("FDI in the second quarter of 2024", Asked(2024, 2, None)),
        ("Q3 2024 by industry", Asked(2024, 3, None)),
    ],
)
def test_english_months_and_quarters_are_periods(question: str, asked: Asked) -> None:
    assert asked in query_periods(question)


def test_every_candidate_is_scored_on_both_sides(series_kb: KnowledgeBase) -> None:
    conn = series_kb.conn()
    query = bilingual("Q2 2025 overseas direct investment manufacturing")  # matches widely
    qvec = series_kb.embedder().embed_query(query)
    whole, _ = candidates(conn, query, qvec, 20)
    half, _ = candidates(conn, query, qvec, 20, params=with_values(DEFAULT, complete=False))
    # Without completing, some passages were found by one side only ...
    assert any(c.dense is None for c in half.candidates)
    # ... with it, each has its cosine, the one the vector side itself reports.
    assert all(c.dense is not None for c in whole.candidates)
    one = next(c for c in half.candidates if c.dense is None)
    done = next(c for c in whole.candidates if c.chunk_id == one.chunk_id)
    own = dict(vectors.search(conn, qvec, 4096))[one.chunk_id]
    assert done.dense == pytest.approx(own, abs=1e-5)
    # Lexical scores too: a passage the word side matched beyond its top 20 gets its BM25.
    filled = [c for c in whole.candidates if c.lexical is not None]
    assert len(filled) > len([c for c in half.candidates if c.lexical is not None])
    assert np.isfinite([c.lexical for c in filled]).all()
