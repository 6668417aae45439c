"""Figures across reports: periods as data, and `kb trend` over real release series.

The label forms are those printed in the development set's statistics releases (quarterly
headers spanning years, `‘24.2Q`, `(2010.11월 누계 기준/잠정)`, `'19.09.30. 기준`); the series
tests read the two outbound direct investment releases in tests/data/realdocs (SOURCES.md),
whose values are the gold: the 2025 Q2 release revises every quarter the 2025 Q1 one printed.
"""

from __future__ import annotations

import pytest

from ingest.figures import period_labels
from kb.periods import (
    parse_period,
    period_kind,
    period_match,
    period_span,
    previous_period,
    query_periods,
)


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
