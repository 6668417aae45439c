"""Answer cards: which stored figures answer a council question, and when none surely do.

The seed questions below were written after the rules in index/answers.py, from the kinds of
question the brief names (a budget, spending by September, how many took part); they guard
the behaviour, they do not measure it on unseen questions.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from index.answers import (
    Pick,
    best,
    caption_key,
    contained,
    done_first,
    is_planned,
    is_sure,
    ranked,
    ranking_measure,
    total_row,
)
from index.intent import ranking
from index.labels import NameIndex
from index.matching import label_similarity, similarity, split_query
from kb.cli import cli
from kb.facade import KnowledgeBase
from kb.types import DocRef, FigureRow, Hit

MONEY = {"천원", "원", "백만원", "%"}


def _row(program: str, value: float, unit: str | None, table_id: int | None = 1) -> FigureRow:
    text = f"{value:g}"
    return FigureRow(
        program, None, "x", value, text, unit, None, None, 2019, "d", "", "s", None, 1, table_id
    )


def test_question_words_are_not_the_subject() -> None:
    assert split_query("마을활동가 성장교육 참여 인원")[0] == "마을활동가성장교육참여"
    assert split_query("공동체공간학교 운영 횟수와 인원")[0] == "공동체공간학교운영"
    assert split_query("몇 명이 참여했나요 뿌리과정")[0] == "뿌리과정"
    # 가 / 의 / 이 end nouns too often to be stripped as particles.
    assert split_query("청년마을활동가 성장교육 집행률이")[0] == "청년마을활동가성장교육"
    assert split_query("중간지원조직 회의")[0] == "중간지원조직회의"
    assert label_similarity("주민자치전문인력교육", "분류 · 주민자치 전문인력 교육") == 1.0


def test_picks_prefer_the_surer_and_the_earlier_on_ties() -> None:
    a, b = _row("a", 1, "명"), _row("b", 2, "명")
    assert best([None, Pick("a", [a], 0.8), Pick("b", [b], 0.9)]).title == "b"  # type: ignore[union-attr]
    assert best([Pick("a", [a], 0.9), Pick("b", [b], 0.9)]).title == "a"  # type: ignore[union-attr]
    assert best([Pick("empty", [], 1.0)]) is None
    assert caption_key("자치구 중간지원조직 실무자교육(총 20회)") == "자치구중간지원조직실무자교육"
    assert caption_key("연구 과제 선정 : 9건") == "연구과제선정"


def test_total_row_gives_counts_not_money() -> None:
    rows = [
        _row("1", 3, "명"),
        _row("계", 729, "명"),
        _row("계", 20, "회"),
        _row("계", 4.4, None),  # a satisfaction score, not a count with a unit
        _row("계", 5000, "천원"),
    ]
    pick = total_row("실무자교육", 1.0, rows)
    assert pick is not None and [(r.value, r.unit) for r in pick.figures] == [
        (729, "명"),
        (20, "회"),
    ]
    assert total_row("실무자교육", 1.0, rows[:1]) is None  # no total row: no sum is made up


def test_sure_by_name_or_by_a_hit_holding_the_row() -> None:
    row = _row("분류 · 정 원", 30, None)
    text = "구 분 | 계\n정 원 | 30\n현 원 | 28"
    hit = Hit(1, 1.0, 1, text, text, "I", None, 25, DocRef("d.txt", "", 2019))
    assert is_sure(Pick("t", [row], 0.9), [])
    assert not is_sure(Pick("t", [row], 0.5), [])
    assert is_sure(Pick("t", [row], 0.5), [hit])  # the last part of a composed label
    hit.text = "정 원 | 31"
    assert not is_sure(Pick("t", [row], 0.5), [hit])


@pytest.mark.golden
@pytest.mark.parametrize(
    ("question", "wanted", "title"),
    [
        # A program named, counts in its 추진실적: people and sessions, never its budget.
        (
            "마을활동가 성장교육 참여 인원",
            {(135, "명"), (200, "명"), (110, "명"), (61, "명")},
            None,
        ),
        # A table whose caption names the subject: its total row.
        ("자치구 중간지원조직 실무자 교육 몇 명", {(729, "명"), (20, "회")}, "실무자교육"),
        # Counts in one line of prose.
        ("공동체공간학교 운영 횟수와 인원", {(9, "회"), (106, "명")}, "공동체공간학교 운영"),
        ("뉴스레터 구독자 수", {(10649, "명")}, None),
    ],
)
def test_count_questions_cite_stored_counts(
    seed_kb: KnowledgeBase, question: str, wanted: set[tuple[int, str]], title: str | None
) -> None:
    card = seed_kb.answer(question)
    got = {(r.value, r.unit) for r in card.figures}
    assert wanted <= got, (question, card.program, got)
    assert not {r.unit for r in card.figures} & MONEY
    assert title is None or title in (card.program or "")
    for r in card.figures:  # every number is a stored figure at the cited place
        stored = seed_kb.figures(r.program, limit=500)
        assert any((s.value, s.line, s.section) == (r.value, r.line, r.section) for s in stored)


@pytest.mark.golden
def test_staff_numbers_come_from_the_staff_table(seed_kb: KnowledgeBase) -> None:
    card = seed_kb.answer("정원과 현원")
    totals = {r.program.replace(" ", ""): r.value for r in card.figures if r.label == "계"}
    assert totals == {"정원": 30, "현원": 28}
    # 현원 42명 of the youth activists' placement is another table's number.
    assert 42 not in {r.value for r in card.figures}


def test_a_question_no_figure_answers_gets_passages_and_a_pointer(
    seed_kb: KnowledgeBase, seed_db: Path
) -> None:
    card = seed_kb.answer("주민자치회 관련 연구 목록")
    assert card.figures == [] and card.passages
    out = CliRunner().invoke(cli, ["--db", str(seed_db), "answer", "주민자치회 관련 연구 목록"])
    assert out.exit_code == 0 and "확실히 답하는 저장된 수치가 없습니다" in out.output
    assert "■ 관련 내용" in out.output


@pytest.mark.golden
def test_several_count_lines_are_cited_once_per_section(seed_db: Path) -> None:
    out = CliRunner().invoke(cli, ["--db", str(seed_db), "answer", "마을활동가 성장교육 참여 인원"])
    head = out.output.split("■ 관련 내용")[0]
    assert "  - 뿌리과정: 10회, 135명" in head
    cites = [x for x in head.splitlines() if "출처:" in x]
    assert cites and all(x.startswith("    출처:") for x in cites)
    assert len(cites) == len({x.split(" · ", 1)[1] for x in cites})


@pytest.mark.golden
@pytest.mark.slow
def test_every_dev_count_question_gets_its_number_on_the_card(
    seed_kb: KnowledgeBase, seed_db: Path
) -> None:
    """`kb eval --mode answers` over tests/data/dev_counts.jsonl and the dev search set.

    A card that holds a count of the gold passage (`리더십과정 11회(110명)`) is ok; one that
    shows other numbers is wrong; one that shows none is silent. Wrong is never allowed.
    """
    from tests.helpers import DEV_SEARCH, ROOT

    counts = seed_kb.evaluate(ROOT / "tests" / "data" / "dev_counts.jsonl", mode="answers")
    assert counts.n == 14 and [p for p in counts.per_query if p["verdict"] != "ok"] == []
    search = seed_kb.evaluate(DEV_SEARCH, mode="answers")
    assert search.n >= 4 and not [p for p in search.per_query if p["verdict"] == "wrong"]
    assert {p["query"] for p in search.per_query if p["verdict"] == "ok"} >= {
        "공동체공간학교 운영 횟수와 인원",
        "찾동 공무원 교육 TFT 회의 횟수",
        "주민자치위원 심화교육 참여 인원",
    }
    out = CliRunner().invoke(
        cli, ["--db", str(seed_db), "eval", str(DEV_SEARCH), "--mode", "answers"]
    )
    assert out.exit_code == 0 and "틀림 0" in out.output and "수치 질문" in out.output


def _money(program: str, value: float | None, table_id: int, year: int = 2019) -> FigureRow:
    return FigureRow(
        program,
        "spent_rate",
        "집행률",
        value,
        f"{value}%",
        "%",
        None,
        None,
        year,
        "d",
        "",
        "s",
        None,
        table_id,
        table_id,
    )


def test_a_ranking_skips_total_tables_blank_cells_and_repeats() -> None:
    rows = [
        _money("합 계", 55, 1),  # the overview table: categories, not programs
        _money("사 업 비", 46, 1),
        _money("정책연구", 8, 2),
        _money("현장지원연구", None, 2),  # '-' is not 0
        _money("대외홍보", 20, 3),
        _money("정책 연구", 9, 4),  # the same program in another table counts once
        _money("옛 사업", 1, 5, year=2018),  # another year's report
    ]
    pick = ranked(rows, "spent_rate", "asc")
    assert pick is not None
    assert [(r.program, r.value) for r in pick.figures] == [("정책연구", 8), ("대외홍보", 20)]
    assert pick.title.startswith("2019년 집행률(지출) 낮은 순") and "2개 사업" in pick.title
    assert ranked(rows, "spent_rate", "desc").figures[0].program == "대외홍보"  # type: ignore[union-attr]


def test_ranking_questions_are_told_apart() -> None:
    assert ranking("집행률이 가장 낮은 사업") == "asc"
    assert ranking("예산이 가장 많은 사업") == "desc"
    assert ranking("예산 집행이 저조한 사업") == "asc"
    assert ranking("청년마을활동가 성장교육 집행률") is None
    # 저조 without a measure is a topic, not a ranking: no measure to rank by.
    assert ranking_measure("참여 저조 사회계층", split_query("참여 저조 사회계층")[1]) is None
    question = "예산 집행이 저조한 사업"
    assert ranking_measure(question, split_query(question)[1]) == "spent_rate"
    assert ranking_measure("예산이 가장 많은 사업", ["budget"]) == "budget"


def test_lowest_spending_rate_on_the_seed(seed_kb: KnowledgeBase, seed_db: Path) -> None:
    card = seed_kb.answer("집행률이 가장 낮은 사업")
    values = [r.value for r in card.figures]
    assert len(values) == 5 and values == sorted(values)
    assert all(r.measure == "spent_rate" for r in card.figures)
    # The lowest is the lowest program row of any single-program table, checked apart.
    stored = seed_kb.figures(measure="spent_rate", limit=10_000)
    totals = {r.table_id for r in stored if r.program.replace(" ", "") in {"합계", "계"}}
    lowest = min(r.value for r in stored if r.table_id not in totals and r.value is not None)
    assert values[0] == lowest
    out = CliRunner().invoke(cli, ["--db", str(seed_db), "answer", "집행률이 가장 낮은 사업"])
    assert out.exit_code == 0
    head = out.output.split("■ 관련 내용")[0]
    assert head.count("출처:") == 5  # each program cites its own table


NAMES = [
    "청년마을활동가성장교육",
    "마을활동가성장교육",
    "정원",
    "현원",
    "계",
    "합계",
    "교육기반조성",
    "자치구중간지원조직실무자교육",
    "공동체공간학교운영",
    "뉴스레터온라인",
    "구독자수",
    "마을",
]


@settings(max_examples=300, deadline=None)
@given(
    subject=st.text(alphabet="청년마을활동가성장교육정현원계합기반조자치구중간지", max_size=14),
    floor=st.sampled_from([0.45, 0.7]),
)
def test_the_bigram_index_scores_exactly_like_scoring_every_name(
    subject: str, floor: float
) -> None:
    """The index skips names by counting shared bigrams; it must never skip a match."""
    index = NameIndex((i % 5, name) for i, name in enumerate(NAMES))
    brute: dict[int, float] = {}
    for i, name in enumerate(NAMES):
        score = similarity(subject, name)
        if score >= floor and score > brute.get(i % 5, 0.0):
            brute[i % 5] = score
    assert index.scores(subject, floor) == brute


def test_lookups_see_new_and_pruned_documents_in_the_same_session(tmp_path: Path) -> None:
    from tests.helpers import make_kb

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text("2019. 11.\n□ 추진실적\n- 마을밥차 운영(9회, 810명)\n")
    kb = make_kb(tmp_path / "kb.db")
    assert kb.ingest([folder]).ok
    assert {r.value for r in kb.figures("마을밥차")} == {9, 810}
    assert kb.figures("주민학교") == []  # the label index is built now, without 주민학교
    (folder / "b.txt").write_text("2020. 11.\n□ 추진실적\n- 주민학교 운영(3회, 45명)\n")
    assert kb.ingest([folder]).ok
    assert {r.value for r in kb.figures("주민학교")} == {3, 45}
    (folder / "b.txt").unlink()
    assert kb.ingest([folder], prune=True).ok
    assert kb.figures("주민학교") == [] and kb.figures("마을밥차")
    kb.close()


def test_targets_and_plans_yield_to_results_but_result_tables_do_not() -> None:
    planned = "Ⅲ. 추진계획 > ② 전문인력 교육 > □ 추진개요 > ○ 추진목표"
    target = _row("찾동 TFT 운영지원", 20, "회")
    target.section = planned
    assert is_planned(planned) and not is_planned("Ⅲ. 주요업무 추진계획 > ② 교육 > □ 추진실적")
    assert done_first(Pick("t", [target], 0.8)).score == pytest.approx(0.7)  # type: ignore[union-attr]
    result = _row("계", 117, "명")
    result.section, result.label = planned, "실적 실인원(명)"
    assert done_first(Pick("t", [result], 0.8)).score == 0.8  # type: ignore[union-attr]


@pytest.mark.slow
def test_the_newest_report_answers_when_two_years_match_equally(tmp_path: Path) -> None:
    from tests.helpers import make_kb

    table = (
        "※ 예산집행 현황\n(단위 : 천원, '{y}.09.30. 기준)\n"
        "사업명\t예산현액\t집행액\t\n\t\t원인행위\t지출액\n"
        "청년마을활동가 성장교육\t{b}\t{c}\t{s}\n"
    )
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a-2019.txt").write_text("2019. 11.\n" + table.format(y=19, b="70,000", c="1", s="1"))
    (folder / "b-2020.txt").write_text("2020. 11.\n" + table.format(y=20, b="80,000", c="2", s="2"))
    kb = make_kb(tmp_path / "kb.db")
    assert kb.ingest([folder]).ok
    card = kb.answer("청년마을활동가 성장교육 예산")
    budget = [r for r in card.figures if r.measure == "budget"]
    assert [(r.year, r.value) for r in budget] == [(2020, 80000)]
    assert kb.answer("청년마을활동가 성장교육 예산", year=2019).figures[0].value == 70000
    kb.close()


def test_rows_outside_budget_tables_need_their_name_in_the_question(
    seed_kb: KnowledgeBase,
) -> None:
    assert contained("정원과현원", "정 원") and contained("공통필수교육", "분류 · 공통필수교육")
    assert not contained("실무자교육일정", "실무자 교육 · 공통필수교육")
    # A schedule question near a targets table: no figures, only passages.
    assert seed_kb.figure_answer("자치구 중간지원조직 실무자 교육 일정") is None
    card = seed_kb.figure_answer("공통필수교육")
    assert card is not None and card.program.endswith("공통필수교육")


@pytest.mark.golden
def test_the_measure_asked_for_is_marked_on_the_card(seed_kb: KnowledgeBase, seed_db: Path) -> None:
    card = seed_kb.answer("청년마을활동가 성장교육 9월까지 얼마 썼나")
    assert card.asked == ["spent"]
    out = CliRunner().invoke(
        cli, ["--db", str(seed_db), "answer", "청년마을활동가 성장교육 9월까지 얼마 썼나"]
    )
    marked = [x for x in out.output.splitlines() if x.endswith("◀")]
    assert marked == ["  - 집행액 지출액: 24,049천원  ◀"]
    rates = seed_kb.answer("청년마을활동가 성장교육 집행률")
    assert set(rates.asked) == {"committed_rate", "spent_rate"}


def test_a_name_index_of_no_names_answers_nothing() -> None:
    # An index without figures (kb answer before any table was stored) crashed here.
    assert NameIndex([]).scores("마을 예산", 0.5) == {}
    assert NameIndex([(1, "")]).scores("마을 예산", 0.5) == {}
