"""Change questions on the answer card (전년 대비, 작년보다, 전분기 대비, 증감, 추이), issue 13.

The real series are the gold: the two outbound direct investment releases (quarterly and
yearly tables, 억 달러, the later release revising the earlier) and the monthly fiscal pair
(totals to 2010.11 and to 2011.10, 십억원). Every value a card shows must be the cell its
citation points to; every year-over-year change must equal the release's own 증감률 row
(전년동기 대비 %) under the same period; the change from the previous quarter must equal
what the release states in prose. The unit and period-kind refusals are also tested on
made-up figures (the shape, not the documents), where a second unit can be staged.
"""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from click.testing import CliRunner

from kb.changes import answer_change, asks_change, change_subject
from kb.cli import cli
from kb.facade import KnowledgeBase
from kb.numbers import parse_number
from kb.periods import parse_period, period_words
from kb.present.plain import answer_text
from kb.text import compact
from kb.trends import build_series
from kb.types import ChangeAnswer, Reading, TableView
from tests.helpers import trend_figure as fig

Q1_RELEASE = "fdi_2025q1_press.hwp"  # released 2025-06-20
Q2_RELEASE = "fdi_2025q2_press.hwpx"  # released 2025-09-19
FISCAL = ("fiscal_stats_2010_11.hwp", "fiscal_stats_2011_10.pdf")


@pytest.fixture
def real(series_backend: tuple[KnowledgeBase, str]) -> tuple[KnowledgeBase, str]:
    """The two investment releases and the fiscal pair, ingested once per session, and its
    --db: on SQLite, then on the server (copied from the file, conftest: pg_series_url)."""
    return series_backend


def view(kb: KnowledgeBase, r: Reading) -> TableView:
    assert r.table_id is not None
    found = kb.table(r.table_id)
    assert found is not None
    return found


def cell(kb: KnowledgeBase, r: Reading, row_label: str, column: str = "") -> str:
    """The cell of the cited table in the row `row_label`, under the column named `column`
    or else under the reading's period."""
    table = view(kb, r)
    col = next(
        c
        for c, name in enumerate(table.columns)
        if (compact(name) == compact(column) if column else parse_period(name) == r.period)
    )
    row = next(row for row in table.rows if compact(row[0]) == compact(row_label))
    return row[col]


def cited_right(kb: KnowledgeBase, answer: ChangeAnswer) -> None:
    """Each value shown (and each earlier report's value) is the cell its citation names."""
    for point in (answer.before, answer.after, *answer.points):
        if point is None:
            continue
        for r in (*point.earlier, point.current):
            assert cell(kb, r, answer.label, answer.column) == r.value_text
            assert r.doc and r.line > 0 and r.unit == answer.unit


def growth(kb: KnowledgeBase, r: Reading) -> float | None:
    """The release's own 증감률 (전년동기 대비 %) under the reading's period, in its table."""
    parsed = parse_number(cell(kb, r, "증감률"))
    return None if parsed is None else parsed[0]


def percent(answer: ChangeAnswer) -> float:
    """The change in % to one decimal, rounded half up as the releases print it."""
    assert answer.before is not None and answer.after is not None
    before, after = answer.before.current.value, answer.after.current.value
    exact = Decimal(repr((after - before) / abs(before) * 100))
    return float(exact.quantize(Decimal("0.1"), ROUND_HALF_UP))


QUARTERS = [(y, q) for y in (2023, 2024, 2025) for q in (1, 2, 3, 4)][:10]


def test_year_over_year_quarters_match_the_releases_growth_row(
    real: tuple[KnowledgeBase, str],
) -> None:
    kb, _db = real
    computed = refused = exact = 0
    for y, q in QUARTERS:
        answer = kb.change_answer(f"{y}년 {q}분기 해외직접투자 전년 대비")
        assert answer is not None and answer.kind == "change"
        assert (answer.label, answer.unit) == ("총투자", "억 달러")
        assert (answer.before_period, answer.after_period) == (f"{y - 1}-Q{q}", f"{y}-Q{q}")
        assert answer.after is not None
        if y == 2023:  # 2022 is in neither release: said so, nothing computed
            assert answer.change is None and answer.before is None
            assert answer.refused and f"{y - 1}년 {q}분기" in answer.refused
            refused += 1
            continue
        assert answer.change is not None and answer.refused is None
        cited_right(kb, answer)
        assert answer.after.current.doc.endswith(Q2_RELEASE)  # the latest release's values
        # The release computes its 증감률 from unrounded amounts: the change from the printed
        # ones agrees to the rounding of the printed values (0.1 point).
        stated = growth(kb, answer.after.current)
        assert stated is not None and abs(percent(answer) - stated) <= 0.1 + 1e-9
        exact += percent(answer) == stated
        assert answer.change.absolute == round(
            answer.after.current.value - answer.before.current.value if answer.before else 0, 1
        )
        computed += 1
    assert (computed, refused) == (6, 4)
    # Measured: 4 of 6 to the decimal (2024 Q3: 150.6 → 145.7 is -3.3, printed △3.2;
    # 2025 Q1: 166.1 → 157.4 is -5.2, printed △5.3).
    assert exact == 4


def test_two_named_quarters_both_values_the_change_and_three_citations(
    real: tuple[KnowledgeBase, str],
) -> None:
    # The question: 2024 Q2 is 162.5 in the 2025 Q1 release, revised to 163.4.
    kb, _db = real
    card = kb.answer("2024년 2분기 대비 2025년 2분기 해외직접투자 증감")
    answer = card.change
    assert answer is not None and answer.before is not None and answer.after is not None
    cited_right(kb, answer)
    assert (answer.before.current.value, answer.after.current.value) == (163.4, 141.5)
    assert [e.value for e in answer.before.earlier] == [162.5]
    assert answer.before.earlier[0].doc.endswith(Q1_RELEASE)
    assert answer.change is not None and answer.change.absolute == -21.9
    assert percent(answer) == growth(kb, answer.after.current) == -13.4
    text = answer_text(card)
    head = text.split("■ 관련 내용")[0]
    assert "2024년 2분기: 163.4억 달러" in head and "2025년 2분기: 141.5억 달러" in head
    assert "증감: -21.9억 달러 (-13.4%)" in head
    assert head.count("출처:") == 3  # both values, and the earlier release's 162.5
    assert "수정 전: 162.5" in head and Q1_RELEASE in head and Q2_RELEASE in head


def test_previous_quarter_as_the_release_states_it(real: tuple[KnowledgeBase, str]) -> None:
    kb, _db = real
    hits = kb.search("직전 분기 대비 감소", k=10, doc=Q2_RELEASE, mode="lexical")
    stated = next(
        m
        for h in hits
        if (m := re.search(r"직전 분기\((\d+\.\d)억 달러\) 대비 (\d+\.\d)% 감소", h.text))
    )
    answer = kb.change_answer("2025년 2분기 해외직접투자 전분기 대비 얼마나 줄었나")
    assert answer is not None and answer.before is not None and answer.change is not None
    assert (answer.before_period, answer.after_period) == ("2025-Q1", "2025-Q2")
    cited_right(kb, answer)
    assert answer.before.current.value == float(stated.group(1))  # 157.4
    assert percent(answer) == -float(stated.group(2))  # -10.1


def test_no_period_named_compares_the_latest_with_a_year_before(
    real: tuple[KnowledgeBase, str],
) -> None:
    kb, _db = real
    answer = kb.change_answer("해외직접투자 작년보다 줄었나")
    assert answer is not None and answer.change is not None
    assert (answer.before_period, answer.after_period) == ("2024-Q2", "2025-Q2")


def test_yearly_rows_year_over_year(real: tuple[KnowledgeBase, str]) -> None:
    # `2. 연도별 동향`: 투자액 by year, with its 증감률 row.
    kb, _db = real
    for year in (2021, 2022, 2023, 2024):
        answer = kb.change_answer(f"{year}년 투자액 전년 대비 증감")
        assert answer is not None and answer.change is not None, answer
        assert (answer.before_period, answer.after_period) == (str(year - 1), str(year))
        cited_right(kb, answer)
        assert answer.after is not None
        stated = growth(kb, answer.after.current)
        assert stated is not None and abs(percent(answer) - stated) <= 0.1 + 1e-9


def test_trend_question_shows_the_series_each_value_cited(
    real: tuple[KnowledgeBase, str],
) -> None:
    kb, _db = real
    card = kb.answer("해외직접투자 추이")
    answer = card.change
    assert answer is not None and answer.kind == "trend" and answer.change is None
    assert [p.period for p in answer.points] == [f"{y}-Q{q}" for y, q in QUARTERS]
    cited_right(kb, answer)
    text = answer_text(card)
    assert "총투자 추이 (단위: 억 달러)" in text and "2024년 2분기: 163.4" in text
    assert f"출처 [1]: {Q2_RELEASE}" in text


def test_fiscal_totals_to_different_months_are_not_compared(
    real: tuple[KnowledgeBase, str],
) -> None:
    kb, _db = real
    # Named both: 1~11월 of 2010 against 1~10월 of 2011. Both shown, no change.
    both = kb.change_answer("2010년 11월 대비 2011년 10월 통합재정수지 증감")
    assert both is not None and both.change is None
    assert both.before is not None and both.after is not None
    assert (both.before.period, both.after.period) == ("2010-01..2010-11", "2011-01..2011-10")
    cited_right(kb, both)
    assert both.after.current.value == 30_050 and both.before.current.value == 21_802
    assert both.refused and "누계 기간이 달라" in both.refused and "\n" not in both.refused
    # Named one: the same months a year before (1~10월 of 2010) are not stored.
    one = kb.change_answer("2011년 10월 통합재정수지 전년 대비")
    assert one is not None and one.change is None and one.before is None
    assert one.refused and "2010년 1~10월" in one.refused and "1~11월" in one.refused
    text = answer_text(kb.answer("2011년 10월 통합재정수지 전년 대비"))
    assert "증감: 계산하지 않음" in text and "30,050십억원" in text


def test_cli_answer_json_carries_the_change(real: tuple[KnowledgeBase, str]) -> None:
    _kb, db = real
    args = ["--db", db, "answer", "2025년", "2분기", "해외직접투자", "전년", "대비", "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    change = out["change"]
    assert change["kind"] == "change" and change["change"]["absolute"] == -21.9
    assert change["after"]["current"]["doc"].endswith(Q2_RELEASE)
    for key in ("table_id", "caption", "page", "line", "report_date"):
        assert key in change["before"]["current"]


def test_questions_that_ask_no_change_get_no_change(real: tuple[KnowledgeBase, str]) -> None:
    kb, _db = real
    assert kb.change_answer("2025년 2분기 해외직접투자 총투자") is None
    assert kb.answer("2025년 2분기 해외직접투자 총투자").change is None


@pytest.mark.parametrize(
    "question", ["2024년 해외직접투자 총투자 전년 대비", "2024년 해외직접투자 전년 대비 증감"]
)
def test_a_yearly_question_over_quarterly_releases_lists_the_quarters(
    real: tuple[KnowledgeBase, str], question: str
) -> None:
    # The releases print 2023 and 2024 only by quarter (their 연도별 table names its row
    # 투자액, not 총투자): no quarter is shown as the year's value, none is summed into one.
    kb, _db = real
    answer = kb.change_answer(question)
    assert answer is not None and answer.label == "총투자"
    assert (answer.before_period, answer.after_period) == ("2023", "2024")
    assert answer.before is None and answer.after is None and answer.change is None
    assert answer.refused and "연간 값" in answer.refused and "분기 값" in answer.refused
    assert [p.period for p in answer.points] == [
        f"{y}-Q{q}" for y in (2023, 2024) for q in range(1, 5)
    ]
    cited_right(kb, answer)  # each listed quarter is the cell its citation names
    assert all(p.current.doc.endswith(Q2_RELEASE) for p in answer.points)  # the latest values
    text = answer_text(kb.answer(question))
    head = text.split("■ 관련 내용")[0]
    assert "- 2024년: 값 없음" in head and "- 2023년: 값 없음" in head
    for year in (2023, 2024):
        note = next(n for n in answer.notes if n.startswith(f"{year}년 저장 값"))
        for p in answer.points:
            if p.period.startswith(str(year)):
                assert f"{p.period[-1]}분기 {p.current.value_text}" in note and note in head
        assert Q2_RELEASE in note
    total = round(sum(p.current.value for p in answer.points if p.period.startswith("2024")), 1)
    assert f"{total:,}" not in head  # 658.0: a sum the releases never print


def test_a_year_alone_over_quarterly_releases_lists_its_quarters(
    real: tuple[KnowledgeBase, str],
) -> None:
    # No change asked, but the year is stored only by its quarters: the card says so and
    # lists them, each the cell its citation names, rather than no figure or a quarter.
    kb, _db = real
    card = kb.answer("2024년 해외직접투자 총투자")
    answer = card.change
    assert answer is not None and not card.figures
    assert (answer.label, answer.before_period, answer.after_period) == ("총투자", None, "2024")
    assert answer.after is None and answer.change is None
    assert answer.refused and "2024년 연간 값" in answer.refused and "분기 값" in answer.refused
    assert [p.period for p in answer.points] == [f"2024-Q{q}" for q in range(1, 5)]
    cited_right(kb, answer)
    head = answer_text(card).split("■ 관련 내용")[0]
    assert "- 2024년: 값 없음" in head and answer.notes[0] in head
    for p in answer.points:
        assert f"{p.period[-1]}분기 {p.current.value_text}" in answer.notes[0]
    # A year the releases do give (the 연도별 table's 투자액) keeps its ordinary card.
    assert kb.change_answer("2024년 투자액") is None
    assert kb.change_answer("2025년 2분기 해외직접투자 총투자") is None  # a quarter named


def test_a_year_alone_over_a_budget_as_of_a_date_is_not_refused(seed_kb: KnowledgeBase) -> None:
    # The sample report's budget rows are as of 2019-09-30: the year's budget as the report
    # states it, answered by the ordinary card (an as-of date is not a part of the year).
    assert seed_kb.change_answer("2019년 청년마을활동가 성장교육 예산") is None
    card = seed_kb.answer("2019년 청년마을활동가 성장교육 예산")
    assert card.change is None and card.figures


def test_a_yearly_question_over_totals_to_a_month_says_so(
    real: tuple[KnowledgeBase, str],
) -> None:
    # 2011 is stored as the total to October only: not the year's.
    kb, _db = real
    answer = kb.change_answer("2011년 통합재정수지 전년 대비")
    assert answer is not None and answer.change is None and answer.after is None
    assert answer.refused and "연간 값" in answer.refused and "누계" in answer.refused
    assert [p.period for p in answer.points] == ["2010-01..2010-11", "2011-01..2011-10"]
    cited_right(kb, answer)
    notes = " ".join(answer.notes)
    assert "2011년 저장 값 (십억원): 1~10월 " + answer.points[1].current.value_text in notes
    assert FISCAL[1] in notes and FISCAL[0] in notes


def test_a_total_to_december_is_the_years_and_quarters_are_never_summed() -> None:
    whole = build_series(
        "수입",
        [
            fig(100.0, "2023-01..2023-12", "a.hwp", "2024-02-01", unit="십억원", label="수입"),
            fig(110.0, "2024-01..2024-12", "b.hwp", "2025-02-01", unit="십억원", label="수입"),
        ],
    )
    answer = answer_change("2024년 수입 전년 대비", whole)
    assert answer is not None and answer.change is not None and answer.refused is None
    assert (answer.before_period, answer.after_period) == ("2023-01..2023-12", "2024-01..2024-12")
    assert answer.change.absolute == 10.0
    parts = build_series(
        "총투자",
        [fig(v, f"2024-Q{q}", "a.hwp", "2025-03-01") for q, v in enumerate((1.0, 2.0, 3.0), 1)]
        + [fig(4.0, "2024-Q4", "b.hwp", "2025-03-02")],
    )
    answer = answer_change("2024년 총투자 전년 대비", parts)
    assert answer is not None and answer.change is None and answer.after is None
    assert [p.current.value for p in answer.points] == [1.0, 2.0, 3.0, 4.0]
    assert answer.refused and "분기 값" in answer.refused and "10" not in answer.refused
    assert "a.hwp:1행, b.hwp:1행" in answer.notes[0]


# -- the choices, on made-up figures --------------------------------------------------------


def test_incompatible_units_are_refused_in_one_line() -> None:
    series = build_series(
        "총투자",
        [
            fig(12.0, "2024-Q2", "a.hwp", "2024-09-01", unit="명"),
            fig(141.5, "2025-Q2", "b.hwp", "2025-09-01"),
        ],
    )
    answer = answer_change("2024년 2분기 대비 2025년 2분기 총투자 증감", series)
    assert answer is not None and answer.change is None
    assert answer.refused and "단위가 달라" in answer.refused and "명" in answer.refused


def test_periods_of_different_kinds_are_refused() -> None:
    series = build_series(
        "총투자",
        [fig(54.0, "2024-06", "a.hwp", "2024-07-01"), fig(141.5, "2025-Q2", "b.hwp", "2025-09-01")],
    )
    answer = answer_change("2024년 6월 대비 2025년 2분기 총투자 증감", series)
    assert answer is not None and answer.change is None
    assert answer.refused and "기간의 종류가 달라" in answer.refused


def test_previous_quarter_of_a_year_is_refused() -> None:
    series = build_series("총투자", [fig(654.0, "2024", "a.hwp", "2025-03-01")])
    answer = answer_change("2024년 총투자 전분기 대비", series)
    assert answer is not None and answer.refused and "분기 값이 아니" in answer.refused


@pytest.mark.parametrize(
    "question,subject",
    [
        ("2024년 2분기 대비 2025년 2분기 해외직접투자 증감", "해외직접투자"),
        ("작년보다 청년마을활동가 성장교육 예산이 늘었나요?", "청년마을활동가 성장교육 예산이"),
        ("'24.2Q 대비 '25.2Q 제조업 투자 변화", "제조업 투자"),
        ("2011년 10월 통합재정수지 전년 동기 대비", "통합재정수지"),
        ("총투자 전분기 대비 얼마나 줄었나", "총투자"),
        ("해외직접투자 추이", "해외직접투자"),
    ],
)
def test_the_subject_without_periods_and_change_words(question: str, subject: str) -> None:
    assert asks_change(question)
    assert change_subject(question) == subject


def test_period_words() -> None:
    assert [
        period_words(p)
        for p in ("2024", "2024-H2", "2024-Q2", "2024-05", "2010-01..2010-11", "2019-09-30")
    ] == [
        "2024년",
        "2024년 하반기",
        "2024년 2분기",
        "2024년 5월",
        "2010년 1~11월",
        "2019년 9월 30일 기준",
    ]


@pytest.mark.parametrize(
    "question", ["재난 대비 훈련 횟수", "기후변화 대응 사업 예산", "예산보다 많이 쓴 사업"]
)
def test_words_that_compare_nothing_ask_no_change(question: str) -> None:
    assert not asks_change(question)
