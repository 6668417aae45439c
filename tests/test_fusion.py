"""Fusion and snippets are pure: tested without SQLite."""

from __future__ import annotations

import pytest

from index.fusion import by_max, convex, min_max, rrf, z_score
from index.snippets import snippet


def test_rrf_rewards_agreement() -> None:
    fused = rrf([[(1, 0.9), (2, 0.8), (3, 0.7)], [(3, 9.0), (1, 5.0)]], k=60)
    assert [i for i, _ in fused] == [1, 3, 2]


def test_min_max_and_by_max() -> None:
    scaled = min_max([(1, 0.9), (2, 0.8), (3, 0.85)])
    assert scaled[1] == 1.0 and scaled[2] == 0.0 and round(scaled[3], 6) == 0.5
    assert round(min_max([(1, 0.9), (2, 0.8), (3, 0.85)])[3], 6) == 0.5
    assert by_max([(1, 10.0), (2, 2.5)]) == {1: 1.0, 2: 0.25}
    assert min_max([]) == {} and by_max([]) == {}


def test_z_score_is_not_squashed_by_one_outlier() -> None:
    scores = [(1, 30.0), (2, 5.0), (3, 4.0), (4, 3.0), (5, 2.0)]
    z = z_score(scores)
    assert z[1] == max(z.values()) and all(0.0 <= v <= 1.0 for v in z.values())
    # min-max puts item 2 near the bottom; z keeps it above the items behind it.
    assert z[2] >= z[3] >= z[4] >= z[5]
    assert z_score([(1, 2.0), (2, 2.0)]) == {1: 1.0, 2: 1.0} and z_score([]) == {}


def test_convex_keeps_a_strong_lexical_match_on_top() -> None:
    dense = [(1, 0.91), (2, 0.90), (3, 0.89), (4, 0.80)]
    lexical = [(3, 20.0), (2, 2.0)]
    # Item 3 is last by cosine but far ahead in BM25: the gap survives fusion.
    assert convex(dense, lexical, 0.5)[0][0] == 3
    # With all weight on the dense side, the dense order comes back.
    assert [i for i, _ in convex(dense, lexical, 1.0)] == [1, 2, 3, 4]


def test_convex_with_one_side_empty_is_that_side() -> None:
    dense = [(5, 0.9), (6, 0.7)]
    assert [i for i, _ in convex(dense, [], 0.5)] == [5, 6]
    assert [i for i, _ in convex([], [(7, 3.0), (8, 1.0)], 0.5)] == [7, 8]


def test_snippet_marks_terms_in_the_densest_window() -> None:
    text = "서론 " * 80 + "청년마을활동가 성장교육 예산 70,000 천원" + " 결론" * 80
    snip, marks = snippet(text, ["청년", "예산", "교육"], width=60)
    assert {snip[a:b] for a, b in marks} == {"청년", "예산", "교육"}
    assert snip.startswith("…") and snip.endswith("…")


def test_snippet_without_terms_is_the_start() -> None:
    assert snippet("가나다 라마바", []) == ("가나다 라마바", [])


def test_snippet_keeps_the_documents_brackets() -> None:
    # Marks beside the text: `[붙임 1]` and `[bold]` stay as written, terms still found.
    snip, marks = snippet("[붙임 1] 청년 [bold]교육[/bold] 예산", ["교육", "예산"])
    assert snip == "[붙임 1] 청년 [bold]교육[/bold] 예산"
    assert [snip[a:b] for a, b in marks] == ["교육", "예산"]


def test_query_segmentation_prefers_longer_known_terms() -> None:
    from index.querytok import segment

    vocab = {"청년": 3, "마을": 9, "활동": 2, "활동가": 4, "교육": 5, "성장": 1}
    assert segment("청년마을활동가", vocab) == ["청년", "마을", "활동가"]
    assert segment("성장교육은", vocab) == ["성장", "교육"]  # the particle is dropped
    assert segment("없는말", vocab) == []


def test_common_terms_leave_or_queries_in_large_indexes() -> None:
    from index.fts import terms_expression

    df = {"마을": 90_000, "정릉공리": 3}
    assert terms_expression(["마을", "정릉공리"], df, 100_000) == '"정릉공리"'
    assert terms_expression(["마을"], df, 100_000) == '"마을"'
    assert terms_expression(["마을", "정릉공리"], df, 100) == '"마을" OR "정릉공리"'


def test_count_questions_and_count_statements() -> None:
    from index.intent import asks_for_count, states_counts

    for q in ("공동체공간학교 운영 횟수와 인원", "ERP 교육은 몇 번 했나", "참석자 수", "몇명"):
        assert asks_for_count(q), q
    for q in ("청년 활동가 교육 예산", "주민자치회 평가 연구", "research sessions"):
        assert not asks_for_count(q), q
    assert states_counts("공동체공간학교 운영(9회, 106명)")
    assert states_counts("DB구축(2,245건)") and states_counts("협력사업장 13개소 선정")
    assert not states_counts("예산현액 70,000") and not states_counts("'19.10~12월")


def test_prefer_counts_lifts_only_passages_with_counts_inside_the_window() -> None:
    from index.intent import prefer_counts

    ranked = [(1, 0.90), (2, 0.80), (3, 0.70), (4, 0.60)]
    texts = {1: "사업내용: 학교 운영", 2: "추진실적: 학교 운영(9회, 106명)", 3: "", 4: "3회"}
    out = prefer_counts(ranked, texts, bonus=0.15, window=3)
    assert [i for i, _ in out] == [2, 1, 3, 4]  # 4 states a count but is outside the window
    assert dict(out)[2] == pytest.approx(0.95) and dict(out)[4] == 0.60
    assert prefer_counts(ranked, texts, bonus=0.0) == ranked
