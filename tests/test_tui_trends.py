"""The Trends screen (5): a table row across reports, as a chart beside its table with
sources, driven with Textual's Pilot over the real release series.

The data are the session's release series (tests/conftest.py `series_db`: the two outbound
direct investment releases, whose later one revises the earlier's quarters, and the fiscal
pair, totals to a month in 십억원), stored with the e5 engine; what the screen shows is
checked against the facade's series and against the cells of the cited tables. The issue's
gold: 2024 Q2 total investment is 162.5 (억 달러) in the 2025 Q1 release, 163.4 in the 2025 Q2
release. A series longer than the releases hold is generated with the trend-figure builder
(made-up values, the shape of a release's quarterly table).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static

from kb.i18n import set_language, t
from kb.i18n.columns import COLUMNS
from kb.periods import period_words
from kb.present.values import date_text, period_text, where
from kb.text import compact
from kb.trends import build_series
from kb.types import Reading, TrendLine
from tests.helpers import make_kb, settle
from tests.helpers import trend_figure as fig
from tui.app import KbApp, create_app
from tui.export import heading
from tui.messages import TrendLoaded
from tui.trends import TrendChart, TrendsView, tick

pytestmark = pytest.mark.anyio

SIZE = (120, 40)
Q1_RELEASE = "fdi_2025q1_press.hwp"  # released 2025-06-20
Q2_RELEASE = "fdi_2025q2_press.hwpx"  # released 2025-09-19


@pytest.fixture
def anyio_backend() -> str:
    """Textual runs on asyncio."""
    return "asyncio"


@pytest.fixture
def app(series_db: Path, tmp_path: Path) -> KbApp:
    return create_app(make_kb(series_db), export_dirs=[tmp_path])


async def open_series(pilot: Pilot, query: str) -> TrendsView:  # type: ignore[type-arg]
    """Switch to the Trends screen and type a query like a user."""
    await settle(pilot)
    await pilot.press("f5")
    await settle(pilot)
    view = pilot.app.query_one(TrendsView)
    assert pilot.app.focused is view.query_one("#trend-query")  # no series yet: the box
    await pilot.press(*query)
    await settle(pilot)
    return view


def cell_of(app: KbApp, r: Reading, label: str) -> str:
    """The cell a reading cites: its table's row of `label`, under the column of its period."""
    from kb.periods import parse_period

    assert r.table_id is not None
    table = app.backend.table(r.table_id)
    assert table is not None
    col = next(c for c, name in enumerate(table.columns) if parse_period(name) == r.period)
    row = next(row for row in table.rows if compact(row[0]) == compact(label))
    return row[col]


def row_cells(table: DataTable, row: int) -> list[str]:  # type: ignore[type-arg]
    return [str(c) for c in table.get_row_at(row)]


def chart_lines(chart: TrendChart) -> list[str]:
    """The chart as drawn, line by line (plotext's text, colours dropped)."""
    rendered = chart.render()
    return rendered.plain.splitlines()  # type: ignore[union-attr]


async def test_the_investment_series_with_its_revisions_and_sources(app: KbApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        view = await open_series(pilot, "총투자")
        # The screen is also a command of the palette (ctrl+p), as the other screens are.
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        go = t("tui.cmd.go", name=t("tui.tab.trends"))
        assert go in commands and "(5)" in commands[go].help
        line = view.line
        assert line is not None and (line.label, line.unit) == ("총투자", "억 달러")
        facade = app.backend.trend("총투자").lines[0]
        assert [p.period for p in line.points] == [p.period for p in facade.points]
        assert [p.period for p in line.points] == [
            f"{y}-Q{q}" for y in (2023, 2024, 2025) for q in (1, 2, 3, 4)
        ][:10]  # each quarter once
        table = view.query_one("#trend-table", DataTable)
        assert table.row_count == len(line.points)
        for i, p in enumerate(line.points):
            cells = row_cells(table, i)
            r = p.current
            assert cells[0] == period_text(p.period)
            assert cells[1] == r.value_text + (" *" if p.revised else "")
            assert cell_of(app, r, "총투자") == r.value_text  # the value is its cited cell
            assert cells[4] == "억 달러" and cells[5] == Path(r.doc).name
            assert cells[7] == where(r.page, r.line)
            assert r.doc.endswith(Q2_RELEASE)  # the latest release's value is current
            for e in p.earlier:  # the earlier release's values, listed beside
                assert cell_of(app, e, "총투자") == e.value_text
                if p.revised:
                    assert f"{e.value_text} ({date_text(e.report_date)})" in cells[3]
        q2 = next(p for p in line.points if p.period == "2024-Q2")
        assert (q2.current.value, [e.value for e in q2.earlier]) == (163.4, [162.5])
        assert q2.earlier[0].doc.endswith(Q1_RELEASE) and q2.revised
        # The chart: the current values, the earlier ones as dots, the latest selected.
        chart = view.query_one(TrendChart)
        assert chart.data is not None
        assert chart.data.values == [p.current.value for p in line.points]
        assert (5, 162.5) in chart.data.earlier
        assert chart.data.selected == len(line.points) - 1
        drawn = "\n".join(chart_lines(chart))
        assert "2023-Q1" in drawn and "182.8" in drawn and "141.5" in drawn  # ticks, y axis
        title = str(view.query_one("#trend-title", Static).render())
        assert title == "총투자 · 억 달러"
        # The point's sources: the current value and the revised one, each cited.
        table.move_cursor(row=5)
        await settle(pilot)
        assert chart.data.selected == 5
        source = str(view.query_one("#trend-source", Static).render())
        assert "2024년 2분기" in source
        assert t("tui.trends.current") in source and t("tui.trends.earlier") in source
        assert f"2025. 9. 19. · {Q2_RELEASE}" in source and f"2025. 6. 20. · {Q1_RELEASE}" in source


async def test_enter_on_a_row_or_a_chart_point_opens_its_passage(app: KbApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        view = await open_series(pilot, "총투자")
        assert view.line is not None
        await pilot.press("enter")  # the query box: to the table
        table = view.query_one("#trend-table", DataTable)
        assert app.focused is table
        await pilot.press("up", "up", "up", "up")  # from 2025-Q2 to 2024-Q2
        await pilot.press("enter")
        await settle(pilot)
        assert view.passage is not None
        reading, hit, around = view.passage
        assert reading.period == "2024-Q2" and reading is view.line.points[5].current
        # The passage is the cited table's, in the cited document, with the value in it.
        assert hit.doc.path == reading.doc and reading.value_text in hit.text
        assert hit.line <= reading.line and hit in around
        shown = str(view.query_one("#detail-current", Static).render())
        assert t("tui.ctx.current") in shown and reading.value_text in shown
        assert app.focused is view.query_one("#detail")
        await pilot.press("escape")  # back to the table, the passage closed
        assert app.focused is table and not view.query_one("#trend-passage").display
        # The chart: ← moves the point (and the table's cursor with it), Enter opens it.
        chart = view.query_one(TrendChart)
        chart.focus()
        await pilot.press("left", "left")
        await settle(pilot)
        assert table.cursor_row == 3 and chart.data is not None and chart.data.selected == 3
        await pilot.press("enter")
        await settle(pilot)
        assert view.passage is not None and view.passage[0].period == "2023-Q4"
        assert view.passage[0].value_text in view.passage[1].text


async def test_a_stale_series_is_dropped_and_the_export_is_every_reports_value(
    app: KbApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        view = await open_series(pilot, "총투자")
        assert view.line is not None and view.line.label == "총투자"
        shown = view.line
        # A late answer to another query must not replace what is on screen.
        other = app.backend.trend("통합재정수지")
        view.on_trend_loaded(TrendLoaded("통합재정수지", other))
        assert view.line is shown
        await pilot.press("escape", "e")  # from the query box to the table, where e exports
        path = app.last_export
        assert path is not None and path.suffix == ".csv" and "trend" in path.name
        # Each row by its columns' keys (the file names them in the users' language).
        reader = csv.DictReader(path.read_text(encoding="utf-8").splitlines())
        names = [key.removeprefix("col.") for key in COLUMNS]
        keys = {heading(name): name for name in names}
        rows = [{keys.get(k, k): v for k, v in r.items()} for r in reader]
        assert len(rows) == sum(1 + len(p.earlier) for p in shown.points)
        for p in shown.points:
            mine = [r for r in rows if r["period"] == p.period]
            now, was = t("col.status.current"), t("col.status.revised")  # 현재, 수정됨
            assert [r["status"] for r in mine].count(now) == 1
            current = next(r for r in mine if r["status"] == now)
            assert current["value_text"] == p.current.value_text
            assert current["file"] == Path(p.current.doc).name == Q2_RELEASE
            assert current["period_words"] == period_words(p.period)  # Korean kept as is
            revised = [r["value_text"] for r in mine if r["status"] == was]
            assert revised == [e.value_text for e in p.earlier if e.value != p.current.value]


async def test_the_fiscal_totals_to_a_month_one_line_of_several(app: KbApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        view = await open_series(pilot, "통합재정수지")
        series = view.series
        assert series is not None and len(series.lines) > 1
        choose = view.query_one("#trend-line", Select)
        assert choose.display  # several columns of the row: one line each, chosen here
        total = next(i for i, ln in enumerate(series.lines) if compact(ln.column) == "합계")
        choose.value = total
        await settle(pilot)
        line = view.line
        assert line is series.lines[total] and line.unit == "십억원"
        assert [p.period for p in line.points] == ["2010-01..2010-11", "2011-01..2011-10"]
        table = view.query_one("#trend-table", DataTable)
        assert [row_cells(table, i)[0] for i in range(2)] == ["2010년 1~11월", "2011년 1~10월"]
        # Totals to different months: no change computed between them.
        assert all(row_cells(table, i)[2] == "" for i in range(2))
        negative = [p for ln in series.lines for p in ln.points if p.current.value < 0]
        assert negative and all(p.current.value_text.startswith("△") for p in negative)
        drawn = "\n".join(chart_lines(view.query_one(TrendChart)))
        assert "2010.1~11" in drawn and "2011.1~10" in drawn


def generated_line() -> TrendLine:
    """Four years of quarters over two releases a year (generated: the shape of a release's
    quarterly table, made-up values); each later release revises the quarters before it."""
    figures = []
    for release, year in enumerate((2021, 2022, 2023, 2024)):
        date = f"{year + 1}-03-15"
        for y in range(2021, year + 1):
            for q in range(1, 5):
                value = 100.0 + 10 * (y - 2021) + q + 0.5 * release
                figures.append(fig(value, f"{y}-Q{q}", f"release_{year}.hwp", date, table=release))
    series = build_series("총투자", figures)
    assert len(series.lines) == 1
    return series.lines[0]


async def test_a_long_generated_series_keeps_its_ticks_apart_and_in_the_frame(
    app: KbApp,
) -> None:
    line = generated_line()
    assert len(line.points) == 16 and sum(p.revised for p in line.points) == 12
    async with app.run_test(size=SIZE) as pilot:
        view = await open_series(pilot, "총투자")
        box = view.query_one("#trend-query", Input)
        with box.prevent(Input.Changed):
            box.value = "generated"
        series = app.backend.trend("총투자")
        series.query, series.lines = "generated", [line]
        view.on_trend_loaded(TrendLoaded("generated", series))
        await settle(pilot)
        chart = view.query_one(TrendChart)
        lines = chart_lines(chart)
        width = chart.size.width
        assert all(cell_len(x) <= width for x in lines)  # nothing drawn past the frame
        axis = lines[-1]
        ticks = [t for t in axis.split() if t]
        assert ticks and all(t.isascii() for t in ticks)
        assert set(ticks) <= {tick(p.period) for p in line.points} and len(ticks) < 16
        positions = [axis.index(t) for t in ticks]
        assert all(b - a > len("2021-Q1") for a, b in zip(positions, positions[1:], strict=False))
        # Every earlier release's value is a dot: 3 for each 2021 quarter, 2 for 2022, 1 for 2023.
        assert chart.data is not None and len(chart.data.earlier) == 4 * (3 + 2 + 1)
        table = view.query_one("#trend-table", DataTable)
        assert table.row_count == 16
        # Korean period names sit in the table, which measures wide characters.
        assert row_cells(table, 0)[0] == "2021년 1분기"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_trends_screen_snapshot(
    series_db: Path,
    snap_compare,  # noqa: ANN001
    lang: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The investment series: chart beside its table, 2024 Q2's sources below (the Korean
    screen and the English one, KB_LANG=en)."""
    from tests.test_tui_snapshots import with_keys

    monkeypatch.setenv("KB_LANG", lang)
    set_language(None)

    async def move(pilot: Pilot) -> None:  # type: ignore[type-arg]
        await pilot.press("f5")
        await settle(pilot)

    def ready(app: KbApp) -> bool:
        view = app.query_one(TrendsView)
        return view.line is not None and view.query_one(TrendChart).data is not None

    app = create_app(make_kb(series_db))
    assert snap_compare(
        app,
        terminal_size=SIZE,
        run_before=with_keys("총투자", "enter", "up", "up", "up", "up", before=move, check=ready),
    )
