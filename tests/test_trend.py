"""Figures across reports: periods as data, and `kb trend` over real release series.

The label forms are those printed in the development set's statistics releases (quarterly
headers spanning years, `‘24.2Q`, `(2010.11월 누계 기준/잠정)`, `'19.09.30. 기준`); the series
tests read the two outbound direct investment releases and the two monthly fiscal statistics
releases in tests/data/realdocs (SOURCES.md), whose values are the gold: the 2025 Q2 release
revises every quarter the 2025 Q1 one printed.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from ingest.figures import period_labels
from kb.cli import cli
from kb.facade import KnowledgeBase
from kb.periods import (
    parse_period,
    period_kind,
    period_match,
    period_span,
    previous_period,
    query_periods,
)
from kb.text import compact
from kb.trends import build_series
from kb.types import Reading
from tests.helpers import trend_figure as fig


@pytest.mark.parametrize(
    "label,period",
    [
        # a quarterly release's header: the year spans its quarters, flattened per column
        ("2024년 2분기", "2024-Q2"),
        ("2024년 2/4분기", "2024-Q2"),
        ("‘24.2Q", "2024-Q2"),
        ("'24.2Q", "2024-Q2"),
        ("2024년 연간", "2024"),
        ("2024년", "2024"),
        ("‘16", "2016"),  # a column of short years
        ("’25년도", "2025"),
        ("2024년 1~9월", "2024-01..2024-09"),
        # a cumulative total runs from January to the month it names
        ("(2010.11월 누계 기준/잠정)", "2010-01..2010-11"),
        ("(2010.3월 누계 기준)", "2010-01..2010-03"),
        ("2010년 3월말 누계", "2010-01..2010-03"),
        ("2010.11월", "2010-11"),
        # as-of dates: a stock on a day
        ("'19.09.30. 기준", "2019-09-30"),
        ("(단위 : 천원, '19.09.30. 기준)", "2019-09-30"),
        ("2019. 9. 30. 현재", "2019-09-30"),
        ("2019년 9월 30일 기준", "2019-09-30"),
        ("2024년 6월말 기준", "2024-06-30"),
        ("2019.02.30 기준", None),  # no such day
        # dates that are not what a figure measures: a release time, a signature date
        ("2024. 12. 13.(금) 08:00", None),
        ("2023. 11. 20.", None),
        ("5월", None),
        ("‘e나라도움’ 사용문의 1670-9595", None),
    ],
)
def test_period_label_forms(label: str, period: str | None) -> None:
    assert parse_period(label) == period


@pytest.mark.parametrize(
    "period,kind,first,last,before",
    [
        ("2024", "year", "2024-01-01", "2024-12-31", "2023"),
        ("2024-H1", "half", "2024-01-01", "2024-06-30", "2023-H2"),
        ("2024-Q1", "quarter", "2024-01-01", "2024-03-31", "2023-Q4"),
        ("2024-Q3", "quarter", "2024-07-01", "2024-09-30", "2024-Q2"),
        ("2024-02", "month", "2024-02-01", "2024-02-29", "2024-01"),
        ("2011-01..2011-10", "range", "2011-01-01", "2011-10-31", "2010-01..2010-10"),
        ("2019-09-30", "date", "2019-09-30", "2019-09-30", None),
    ],
)
def test_period_spans_kinds_and_steps(
    period: str, kind: str, first: str, last: str, before: str | None
) -> None:
    span = period_span(period)
    assert span is not None and (span[0].isoformat(), span[1].isoformat()) == (first, last)
    assert period_kind(period) == kind
    assert previous_period(period) == before


def test_not_a_period_has_no_span() -> None:
    for text in ("2024-13", "2024-Q5", "합계", "2011-10..2011-01"):
        assert period_span(text) is None and period_kind(text) is None


def test_a_cumulative_range_answers_for_the_month_it_runs_to() -> None:
    asked = query_periods("2010년 11월 통합재정수지")
    assert period_match(asked, "2010-01..2010-11", 2010) == 1.0
    assert period_match(asked, "2010-01..2010-10", 2010) == 0.5


def test_a_change_row_measures_the_later_period_above_it() -> None:
    # `< 업종별 동향 >` of a release: two period rows, then the change between them.
    names = ["‘24.2Q", "‘25.2Q", "증감률(%)", "합계"]
    assert [parse_period(x) for x in period_labels(names)] == [
        "2024-Q2",
        "2025-Q2",
        "2025-Q2",
        None,  # not a change row: keeps its own (no) period
    ]


# -- series from figures (pure): units, revisions, changes ----------------------------------


def test_a_later_report_revises_and_both_values_stay() -> None:
    series = build_series(
        "총투자",
        [
            fig(156.6, "2024-Q2", "b.hwpx", "2024-09-13", table=2),
            fig(163.4, "2024-Q2", "c.hwpx", "2025-09-19", table=3),
            fig(159.3, "2024-Q2", "a.hwp", "2024-12-13", table=1),
            fig(166.1, "2024-Q1", "c.hwpx", "2025-09-19", table=3),
        ],
    )
    (line,) = series.lines
    q1, q2 = line.points
    assert q2.period == "2024-Q2" and q2.revised
    assert q2.current.value == 163.4 and q2.current.doc == "c.hwpx"
    assert [e.value for e in q2.earlier] == [156.6, 159.3]  # oldest report first
    assert not q1.revised and q1.earlier == []
    assert q2.change is not None and q2.change.since == "2024-Q1"
    assert q2.change.absolute == -2.7 and q2.change.percent == -1.63


def test_scales_of_one_unit_are_reconciled_other_units_kept_apart() -> None:
    series = build_series(
        "사업비",
        [
            fig(1_500_000, "2023", "old.hwp", "2023-12-01", unit="천원", label="사업비"),
            fig(1_650, "2024", "new.hwp", "2024-12-01", unit="백만원", label="사업비"),
            fig(12, "2024", "new.hwp", "2024-12-01", unit="명", label="사업비", table=2),
        ],
    )
    money = next(ln for ln in series.lines if ln.unit == "백만원")
    assert [(p.period, p.current.value) for p in money.points] == [
        ("2023", 1500.0),
        ("2024", 1650.0),
    ]
    assert money.points[0].current.printed_unit == "천원"  # converted, and said so
    assert money.points[0].current.value_text == "1,500,000"  # as printed
    assert money.points[1].change is not None and money.points[1].change.absolute == 150
    heads = next(ln for ln in series.lines if ln.unit == "명")
    assert [p.current.value for p in heads.points] == [12]  # never mixed into the money
    assert any("단위 2가지" in n for n in series.notes)


def test_no_unit_is_not_a_unit_to_mix_with() -> None:
    series = build_series(
        "총투자",
        [
            fig(162.5, "2024-Q2", "a.hwp", "2025-06-20"),
            fig(163.4, "2024-Q2", "b", "2025-09-19", None),
        ],
    )
    assert sorted(len(ln.points) for ln in series.lines) == [1, 1]
    assert not any(p.revised for ln in series.lines for p in ln.points)


def test_changes_only_between_periods_of_one_kind_and_span() -> None:
    series = build_series(
        "통합재정수지",
        [
            fig(21_802, "2010-01..2010-11", "a.hwp", "2010-12-01", unit="십억원"),
            fig(30_050, "2011-01..2011-10", "b.pdf", "2011-11-01", unit="십억원"),
            fig(28_000, "2010-01..2010-10", "c.pdf", "2010-11-01", unit="십억원"),
            fig(700.0, "2011", "b.pdf", "2011-11-01", unit="십억원", table=2),
        ],
    )
    (line,) = series.lines
    by = {p.period: p for p in line.points}
    assert by["2010-01..2010-11"].change is None  # a year before it is not in the series
    change = by["2011-01..2011-10"].change  # the same months a year before
    assert change is not None and change.since == "2010-01..2010-10" and change.absolute == 2050
    assert by["2011"].change is None  # a year is never compared with a total to a month


def test_a_table_without_a_period_takes_its_reports_and_says_so() -> None:
    # A budget table of an annual report: `예산현액` names no year; the report does.
    budget = replace(fig(70_000, None, "r2019.txt", "2019-11-01", unit="천원"), doc_period=None)
    undated = replace(fig(1, None, "undated", "2000-01-01"), report_date=None, year=None)
    series = build_series("예산", [budget, undated])
    (line,) = series.lines
    (point,) = line.points
    assert (point.period, point.current.period_from) == ("2019", "report")
    assert any("보고서의 기간으로 봅니다" in n for n in line.notes)
    assert any("맞는 수치 1개는 기간을 알 수 없어" in n for n in series.notes)  # left out


def test_two_tables_of_one_report_with_different_values_are_two_series() -> None:
    # A release prints `제조업` in its 총투자 annex and its 순투자 annex; the next release
    # revises both a little. Each table joins the series its values agree with.
    first = [
        fig(42.9, "2024-Q1", "q1.hwp", "2025-06-20", label="제조업", table=7, ordinal=7),
        fig(35.6, "2025-Q1", "q1.hwp", "2025-06-20", label="제조업", table=7, ordinal=7),
        fig(39.8, "2024-Q1", "q1.hwp", "2025-06-20", label="제조업", table=15, ordinal=15),
        fig(16.7, "2025-Q1", "q1.hwp", "2025-06-20", label="제조업", table=15, ordinal=15),
    ]
    second = [
        fig(39.8, "2024-Q1", "q2.hwpx", "2025-09-19", label="제조업", table=35, ordinal=15),
        fig(16.0, "2025-Q1", "q2.hwpx", "2025-09-19", label="제조업", table=35, ordinal=15),
        fig(42.9, "2024-Q1", "q2.hwpx", "2025-09-19", label="제조업", table=27, ordinal=7),
        fig(36.0, "2025-Q1", "q2.hwpx", "2025-09-19", label="제조업", table=27, ordinal=7),
    ]
    series = build_series("제조업", first + second)
    chains = sorted(
        [e.value for e in [*p.earlier, p.current]] for ln in series.lines for p in ln.points
    )
    assert chains == [[16.7, 16.0], [35.6, 36.0], [39.8, 39.8], [42.9, 42.9]]
    assert len(series.lines) == 2 and all(ln.notes for ln in series.lines)


# -- the real release series (tests/data/realdocs), stored with the e5 embedder -------------

Q1_RELEASE = "fdi_2025q1_press.hwp"  # released 2025-06-20
Q2_RELEASE = "fdi_2025q2_press.hwpx"  # released 2025-09-19
FISCAL = ("fiscal_stats_2010_11.hwp", "fiscal_stats_2011_10.pdf")  # to 2010.11, to 2011.10


@pytest.fixture
def fdi(series_backend: tuple[KnowledgeBase, str]) -> tuple[KnowledgeBase, str]:
    """The two investment releases and the fiscal pair, ingested once per session, and its
    --db: on SQLite, then on the server (copied from the file, conftest: pg_series_url)."""
    return series_backend


def printed(kb: KnowledgeBase, r: Reading, label: str, column: str = "") -> str:
    """The cell the reading cites: its table's row of `label`, under the column of its period
    (or, when the caption names the period, the column of that name)."""
    view = kb.table(r.table_id) if r.table_id is not None else None
    assert view is not None
    col = next(
        c
        for c, name in enumerate(view.columns)
        if (compact(name) == compact(column) if column else parse_period(name) == r.period)
    )
    row = next(row for row in view.rows if compact(row[0]) == compact(label))
    return row[col]


def test_total_investment_lists_each_quarter_once_each_value_cited(
    fdi: tuple[KnowledgeBase, str],
) -> None:
    kb, _db = fdi
    series = kb.trend("해외직접투자 총투자")
    line = series.lines[0]
    assert (line.label, line.unit) == ("총투자", "억 달러")
    quarters = [f"{y}-Q{q}" for y in (2023, 2024, 2025) for q in (1, 2, 3, 4)][:10]
    assert [p.period for p in line.points] == quarters  # 2023 Q1 … 2025 Q2, each once
    for p in line.points:
        assert p.current.doc.endswith(Q2_RELEASE)  # the latest release gives every quarter
        assert p.current.report_date == "2025-09-19" and p.current.doc_title
        for r in (*p.earlier, p.current):
            assert printed(kb, r, "총투자") == r.value_text  # the cell cited holds the value
            assert r.unit == "억 달러" and r.line > 0 and r.period_from == "label"


def test_the_later_release_revises_the_quarters_the_earlier_printed(
    fdi: tuple[KnowledgeBase, str],
) -> None:
    kb, _db = fdi
    line = kb.trend("해외직접투자 총투자").lines[0]
    by = {p.period: p for p in line.points}
    q2 = by["2024-Q2"]  # 162.5 in the 2025 Q1 release, 163.4 in the 2025 Q2 release
    assert [(e.value, e.report_date) for e in q2.earlier] == [(162.5, "2025-06-20")]
    assert (q2.current.value, q2.revised) == (163.4, True)
    # Revised exactly where the two releases' tables print different numbers.
    both = [p for p in line.points if p.earlier]
    assert [p.period for p in both] == [p.period for p in line.points][:9]
    for p in both:
        assert p.revised == (
            printed(kb, p.earlier[0], "총투자") != printed(kb, p.current, "총투자")
        )
    assert by["2025-Q2"].earlier == [] and not by["2025-Q2"].revised


def test_change_from_the_previous_quarter_as_the_release_states_it(
    fdi: tuple[KnowledgeBase, str],
) -> None:
    kb, _db = fdi
    by = {p.period: p for p in kb.trend("해외직접투자 총투자").lines[0].points}
    # The 2025 Q2 release: "직전 분기(157.4억 달러) 대비 10.1% 감소" to 141.5억 달러.
    change = by["2025-Q2"].change
    assert change is not None and change.since == "2025-Q1"
    assert change.absolute == -15.9 and change.percent is not None
    assert round(change.percent, 1) == -10.1
    assert by["2023-Q1"].change is None  # the quarter before is in neither release


def test_two_annexes_of_one_release_stay_two_series(fdi: tuple[KnowledgeBase, str]) -> None:
    # Each release prints 제조업 under 총투자 기준 and again under 순투자 기준.
    kb, _db = fdi
    lines = [ln for ln in kb.trend("제조업").lines if ln.label == "제조업"]
    assert len(lines) == 2
    chains = {
        tuple(e.value for e in [*p.earlier, p.current])
        for ln in lines
        for p in ln.points
        if p.period == "2025-Q1"
    }
    assert chains == {(35.6, 36.0), (16.7, 16.0)}  # total: 35.6 → 36.0; net: 16.7 → 16.0
    for ln in lines:
        for p in ln.points:
            docs = [r.doc for r in (*p.earlier, p.current)]
            assert len(docs) == len(set(docs))  # one value per report and period
            for r in (*p.earlier, p.current):
                assert printed(kb, r, "제조업") == r.value_text


def test_cli_trend_json(fdi: tuple[KnowledgeBase, str]) -> None:
    _kb, db = fdi
    result = CliRunner().invoke(cli, ["--db", db, "trend", "해외직접투자", "총투자", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert set(out) == {"query", "lines", "notes"}
    line = out["lines"][0]
    assert {"label", "column", "unit", "points", "match", "notes"} <= set(line)
    point = next(p for p in line["points"] if p["period"] == "2024-Q2")
    assert point["kind"] == "quarter" and point["revised"] is True
    assert point["current"]["value"] == 163.4 and point["earlier"][0]["value"] == 162.5
    assert point["change"]["since"] == "2024-Q1"
    for key in ("doc", "doc_title", "report_date", "table_id", "caption", "page", "line"):
        assert key in point["current"]
    text = CliRunner().invoke(cli, ["--db", db, "trend", "해외직접투자", "총투자"])
    assert text.exit_code == 0 and "163.4" in text.output and "162.5" in text.output


def test_release_tables_all_carry_a_period_and_the_annex_its_unit(
    fdi: tuple[KnowledgeBase, str],
) -> None:
    kb, _db = fdi
    rows = kb.figures("", limit=100_000)
    tables = [r for r in rows if r.table_id is not None]
    assert tables and all(r.period for r in tables)  # 증감률 rows under ‘24.2Q/‘25.2Q too
    changes = [r for r in tables if r.program.startswith("증감률") and r.doc.endswith(Q2_RELEASE)]
    assert changes and {r.period for r in changes} >= {"2025-Q2"}
    # The annex states its unit once in its heading: `(단위: 억달러, 전년동기 대비 %)`.
    annex = [r for r in tables if r.program == "전 체"]
    assert annex and {r.unit for r in annex} == {"억 달러"}


def test_fiscal_totals_to_a_month_of_two_years(fdi: tuple[KnowledgeBase, str]) -> None:
    kb, _db = fdi
    series = kb.trend("통합재정수지", measure="합계")
    (line,) = series.lines
    assert (line.label, line.column, line.unit) == ("통합재정수지 (A-B)", "합 계", "십억원")
    assert [(p.period, p.kind) for p in line.points] == [
        ("2010-01..2010-11", "range"),  # (2010.11월 누계 기준/잠정)
        ("2011-01..2011-10", "range"),
    ]
    assert [p.current.value for p in line.points] == [21_802, 30_050]
    for p in line.points:
        assert printed(kb, p.current, line.label, line.column) == p.current.value_text
        assert p.change is None  # January-November against January-October: not compared
    assert any("같은 달까지의 누계" in n for n in line.notes)
    # △ is a negative: the special accounts ran a deficit in both years.
    special = kb.trend("통합재정수지", measure="특별회계").lines[0]
    assert [(p.current.value, p.current.value_text) for p in special.points] == [
        (-18_308, "△18,308"),
        (-17_143, "△17,143"),
    ]
