"""Screen 5: a table row across reports (`kb trend`): the series as a chart beside its table
with sources; Enter on a row or on a chart point opens the passage the value is printed in.

The chart is textual-plotext's, not Textual's Sparkline. Both were drawn from the
investment series (10 quarters, 141.5–182.8 억 달러) at 60×18 cells. The Sparkline draws
bars scaled from the smallest value to the largest, with no axis, no value and no period:
141.5 is a one-eighth block (▁), 145.7 a bar of one row against 182.8's six, the ten values
stretched over 60 columns in six-column runs, so no value can be read nor a bar told from
its period. plotext draws a y axis with values, period ticks on the x axis, a marker on the
selected point, and the earlier (revised) values as dots beside the current ones; it costs
25–40 ms of import after Textual's own (55–70 ms inside `import tui.app` on the shared two
cores, of 640–780) and ~10 ms a draw. plotext measures text with len(): a Korean tick
(`2023년 1분기`, 14 cells drawn where it counted 10) pushed every later tick right and the last
past the frame, and a Korean title sat off centre. So the ticks are ASCII period keys
(2024-Q2, 2010.1~11) and the Korean title and unit are in a Static above the chart, which
measures wide characters; the table beside it names each period in Korean.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.console import JustifyMethod
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, RenderResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Select, Static
from textual.worker import get_current_worker
from textual_plotext import PlotextPlot

from kb.errors import KbError
from kb.i18n import t
from kb.periods import period_kind, period_span, period_words
from kb.present.values import change_text, date_text, period_text, with_unit
from kb.types import Hit, Reading, Series, TrendLine, TrendPoint

from .base import FindInput, View
from .detail import DetailPane
from .export import Export
from .format import doc_name, where
from .messages import ReadingPassageLoaded, TrendLoaded
from .words import count, localize_bindings

# A series takes ~1 ms to fetch: the pause only spares redrawing the table and chart between
# the keys of a burst. bench/tui_bench.py (Trends, 30 row names typed): keystroke → chart
# drawn 92 ms median at 50 ms, 144 ms at the Search screen's 80 ms.
DEBOUNCE_S = 0.05
TICK_GAP = 2  # blank cells between two x-axis ticks
# The table's columns (key, width): the sources beside each value; long names are cut (the
# line below the panes and the passage give them whole), so earlier values stay in view.
COLUMNS: tuple[tuple[str, int | None], ...] = (
    ("period", None),
    ("value", None),
    ("change", None),
    ("earlier", None),
    ("unit", None),
    ("document", 22),
    ("table", 24),
    ("place", None),
)


def tick(period: str) -> str:
    """An ASCII x-axis label for a period (plotext counts characters, not cells)."""
    kind = period_kind(period)
    if kind == "range":
        span = period_span(period)
        assert span is not None
        first, last = span
        if first.year == last.year:
            return f"{first.year}.{first.month}~{last.month}"
        return f"{first.year}.{first.month}~{last.year}.{last.month}"
    return period


def value_text(r: Reading) -> str:
    """A value as its report printed it (converted ones plainly, in the series' unit)."""
    if r.printed_unit:
        return f"{r.value:,.2f}".rstrip("0").rstrip(".")
    return r.value_text


def reading_place(r: Reading) -> str:
    """`fdi_2025q2_press.hwpx · p.3`: the file and the place in it."""
    return f"{doc_name(r.doc)} · {where(r.page, r.line)}"


def line_title(line: TrendLine) -> str:
    """`총투자 · 억 달러` (the column words too, when the table's columns are more than
    periods)."""
    return " · ".join(x for x in (line.label, line.column, line.unit or t("tui.no_unit")) if x)


@dataclass(slots=True)
class ChartData:
    """What the chart draws: one line's current values, earlier values, the selected one."""

    ticks: list[str]
    values: list[float]
    earlier: list[tuple[int, float]]  # (point index, an earlier report's different value)
    selected: int


class TrendChart(PlotextPlot):
    """The chosen line as a plot; ←/→ choose a point, Enter opens its passage."""

    can_focus = True
    BINDINGS = [
        Binding("left", "step(-1)", "tui.key.earlier", show=False, id="trends.chart_left"),
        Binding("right", "step(1)", "tui.key.later", show=False, id="trends.chart_right"),
        Binding("enter", "open", "tui.key.passage", id="trends.chart_open"),
    ]

    @dataclass
    class Moved(Message):
        """The selected point changed (or Enter asked for its passage)."""

        index: int
        open: bool = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: ChartData | None = None
        localize_bindings(self)

    def show(self, data: ChartData | None) -> None:
        """Draw these values (None: an empty chart)."""
        self.data = data
        self.refresh()

    def select(self, index: int) -> None:
        """Mark another point as selected."""
        if self.data is not None and self.data.selected != index:
            self.data.selected = index
            self.refresh()

    def action_step(self, delta: int) -> None:
        """Move the selection one point earlier or later."""
        if self.data is not None and self.data.values:
            index = max(0, min(len(self.data.values) - 1, self.data.selected + delta))
            self.post_message(self.Moved(index))

    def action_open(self) -> None:
        """Open the passage of the selected point."""
        if self.data is not None and self.data.values:
            self.post_message(self.Moved(self.data.selected, open=True))

    def render(self) -> RenderResult:
        """Set up the plot for the current size, then let plotext draw it."""
        plt = self.plt
        plt.clear_figure()
        data = self.data
        if data is not None and data.values:
            xs = list(range(len(data.values)))
            plt.plot(xs, data.values, marker="braille", color="cyan")
            if data.earlier:  # revisions: what earlier reports printed for the period
                plt.scatter(
                    [i for i, _ in data.earlier],
                    [v for _, v in data.earlier],
                    marker="o",  # ASCII: plotext's "•" is of ambiguous width in CJK terminals
                    color="gray",
                )
            i = data.selected
            plt.scatter([i], [data.values[i]], marker="X", color="red+")
            widest = max(len(t) for t in data.ticks) + TICK_GAP
            room = max(1, (self.size.width - 10) // widest)  # the y axis takes ~10 cells
            step = max(1, -(-len(xs) // room))
            shown = xs[::step]
            plt.xticks([float(k) for k in shown], [data.ticks[k] for k in shown])
            plt.xlim(-0.5, len(xs) - 0.5)
        return super().render()


class TrendsView(View):
    """Query box, the line chosen, its chart beside its table, the point's sources, and the
    passage a value is printed in."""

    BINDINGS = [Binding("escape", "back", "tui.key.back", show=False, id="trends.back")]

    def __init__(self, backend: Any, *, id: str | None = None) -> None:
        super().__init__(backend, id=id)
        self.series: Series | None = None
        self.line: TrendLine | None = None
        self.passage: tuple[Reading, Hit, list[Hit]] | None = None  # the one on screen
        self._asked: Reading | None = None  # the reading whose passage is loading
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        yield FindInput(placeholder=t("tui.trends.placeholder"), id="trend-query")
        yield Static("", id="trend-status")
        yield Static(self._hint(), id="trend-message")
        with Vertical(id="trend-body"):
            yield Select[int]([], prompt=t("tui.trends.line"), id="trend-line")
            with Horizontal(id="trend-panes"):
                with Vertical(id="trend-chart-box"):
                    yield Static("", id="trend-title")
                    yield TrendChart(id="trend-chart")
                yield DataTable(id="trend-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="trend-source")
            yield DetailPane(id="trend-passage")

    @staticmethod
    def _hint() -> Text:
        return Text(t("tui.trends.hint"), style="dim")

    def on_mount(self) -> None:
        """Set up once the widgets exist."""
        self.query_one("#trend-body").display = False
        self.query_one("#trend-passage").display = False

    # -- data -----------------------------------------------------------------------------
    def load(self) -> None:
        """Run the query already typed (or say why there is nothing to show)."""
        if not self.backend.ready():
            self.begin_load()
            return
        if self.query_text():
            self.run_now()
        else:
            self.show_message(self._hint())

    def query_text(self) -> str:
        """What is typed in the query box."""
        return self.query_one("#trend-query", Input).value.strip()

    @on(Input.Changed, "#trend-query")
    def _typed(self) -> None:
        self.debounce(DEBOUNCE_S, self.run_now)

    @on(Input.Submitted, "#trend-query")
    def _submitted(self) -> None:
        self.cancel_debounce()
        if self.series is None or self.series.query != self.query_text():
            self.run_now()
        if self.line is not None:
            self.query_one("#trend-table").focus()

    def run_now(self) -> None:
        """Fetch the series of what is typed (an empty box shows the hint)."""
        if not self.backend.ready():
            return
        query = self.query_text()
        if not query:
            self.series = self.line = None
            self._status("")
            self.show_message(self._hint())
            return
        self._status(t("tui.trends.following", query=query))
        self._fetch(query)

    @work(thread=True, exclusive=True, exit_on_error=False, group="trend")
    def _fetch(self, query: str) -> None:
        try:
            series, error = self.backend.trend(query), None
        except KbError as exc:
            series, error = None, str(exc)
        if not get_current_worker().is_cancelled:
            self.post_message(TrendLoaded(query, series, error))

    def on_trend_loaded(self, message: TrendLoaded) -> None:
        """Show a series, unless the user has typed on since (a newer fetch is coming)."""
        if message.query != self.query_text():
            return
        if message.error is not None or message.series is None:
            self._status("")
            self.show_message(Text(message.error or t("tui.trends.no_series"), style="bold red"))
            return
        series = self.series = message.series
        if not series.lines:
            self.line = None
            self._status("")
            self.show_message(Text(t("tui.trends.none", query=series.query)))
            return
        self.show_message(None)
        choose = self.query_one("#trend-line", Select)
        with self.prevent(Select.Changed):
            choose.set_options(
                (t("tui.trends.periods", title=line_title(ln), n=len(ln.points)), i)
                for i, ln in enumerate(series.lines)
            )
            choose.value = 0
        choose.display = len(series.lines) > 1
        self.show_line(series.lines[0])

    @on(Select.Changed, "#trend-line")
    def _line_chosen(self, event: Select.Changed) -> None:
        if self.series is not None and isinstance(event.value, int):
            self.show_line(self.series.lines[event.value])

    def show_line(self, line: TrendLine) -> None:
        """Draw a line: the chart, the table, the latest point's sources."""
        self.line = line
        self.query_one("#trend-title", Static).update(Text(line_title(line), style="bold"))
        table = self.query_one("#trend-table", DataTable)
        table.clear(columns=True)
        for key, width in COLUMNS:
            right: JustifyMethod = "right" if key in ("value", "change") else "left"
            head = Text(t(f"tui.trends.col.{key}"), justify=right)
            table.add_column(head, key=key, width=width)
        for i, p in enumerate(line.points):
            r = p.current
            table.add_row(
                Text(period_text(p.period)),
                Text(value_text(r) + (" *" if p.revised else ""), justify="right"),
                Text(change_text(p), justify="right"),
                Text(self._earlier(p), style="dim"),
                Text(line.unit or ""),
                Text(doc_name(r.doc)),
                Text(" ".join((r.caption or r.section).split())),
                Text(where(r.page, r.line)),
                key=str(i),
            )
        last = len(line.points) - 1
        earlier = [
            (i, e.value)
            for i, p in enumerate(line.points)
            for e in p.earlier
            if e.value != p.current.value
        ]
        chart = self.query_one(TrendChart)
        chart.show(
            ChartData(
                [tick(p.period) for p in line.points],
                [p.current.value for p in line.points],
                earlier,
                last,
            )
        )
        table.move_cursor(row=last, animate=False)
        self._show_point(last)
        self.query_one("#trend-passage").display = False
        self.passage = None
        docs = {r.doc for p in line.points for r in (p.current, *p.earlier)}
        revised = sum(p.revised for p in line.points)
        bits = [count("tui.trends.from_reports", len(docs), n=len(line.points), docs=len(docs))]
        if revised:
            bits.append(t("tui.trends.revised", n=revised))
        if self.series is not None and len(self.series.lines) > 1:
            bits.append(t("tui.trends.lines", n=len(self.series.lines)))
        self._status(" · ".join(bits))

    @staticmethod
    def _earlier(p: TrendPoint) -> str:
        if not p.earlier:
            return ""
        if not p.revised:
            reports = ", ".join(date_text(e.report_date) or doc_name(e.doc) for e in p.earlier)
            return t("tui.trends.same_in", reports=reports)
        return ", ".join(
            f"{value_text(e)} ({date_text(e.report_date) or doc_name(e.doc)})" for e in p.earlier
        )

    def current_point(self) -> TrendPoint | None:
        """The point under the table's cursor."""
        if self.line is None or not self.line.points:
            return None
        row = self.query_one("#trend-table", DataTable).cursor_row
        return self.line.points[row] if 0 <= row < len(self.line.points) else None

    @on(DataTable.RowHighlighted, "#trend-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_point(event.cursor_row)

    @on(DataTable.RowSelected, "#trend-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.open_passage(event.cursor_row)

    @on(TrendChart.Moved)
    def _chart_moved(self, event: TrendChart.Moved) -> None:
        table = self.query_one("#trend-table", DataTable)
        table.move_cursor(row=event.index, animate=False)
        self._show_point(event.index)
        if event.open:
            self.open_passage(event.index)

    def _show_point(self, index: int) -> None:
        """The point's sources below the panes, and its marker on the chart."""
        if self.line is None or not 0 <= index < len(self.line.points):
            return
        self.query_one(TrendChart).select(index)
        p = self.line.points[index]
        out = Text(period_text(p.period), style="bold")
        out.append(f"  {with_unit(value_text(p.current), self.line.unit)}")
        if p.change is not None:
            since = t("tui.trends.since", change=change_text(p), period=period_text(p.change.since))
            out.append(f"  {since}", style="dim")
        out.append("\n")
        roles = {role: t(f"tui.trends.{role}") for role in ("current", "earlier")}
        wide = max(cell_len(x) for x in roles.values())
        for r, role in [(p.current, "current")] + [(e, "earlier") for e in reversed(p.earlier)]:
            word = roles[role]  # right-aligned by cells: a Hangul letter takes two
            out.append(" " * (wide - cell_len(word)) + word + " ")
            out.stylize("bold green" if role == "current" else "dim", len(out) - len(word) - 1)
            out.append(f"{value_text(r):>10}  ")
            out.append(f"{date_text(r.report_date) or '----'} · {reading_place(r)} · ")
            out.append(" ".join((r.caption or r.section or r.doc_title).split())[:60])
            out.append("\n")
        for note in self.line.notes:
            out.append(t("tui.trends.note", note=note) + "\n", style="dim")
        self.query_one("#trend-source", Static).update(out)

    # -- the passage a value is printed in ------------------------------------------------
    def open_passage(self, index: int) -> None:
        """Load and show the passage the point's current value is printed in."""
        if self.line is None or not 0 <= index < len(self.line.points):
            return
        reading = self.line.points[index].current
        self._asked = reading
        self._load_passage(reading)

    @work(thread=True, exclusive=True, exit_on_error=False, group="trend-passage")
    def _load_passage(self, reading: Reading) -> None:
        found = self.backend.reading_passage(reading)
        hit, around = found if found is not None else (None, [])
        self.post_message(ReadingPassageLoaded(reading, hit, around))

    def on_reading_passage_loaded(self, message: ReadingPassageLoaded) -> None:
        """Show the passage, if it is still the one asked for."""
        if message.reading is not self._asked:
            return  # another point was opened since
        pane = self.query_one("#trend-passage", DetailPane)
        if message.hit is None:
            self.app.notify(t("tui.trends.gone"), severity="warning")
            return
        self.passage = (message.reading, message.hit, message.around)
        pane.display = True
        pane.show(message.hit, message.around, [message.reading.value_text])
        pane.query_one("#detail").focus()

    # -- layout and focus -----------------------------------------------------------------
    def show_message(self, text: Text | None) -> None:
        """Show a message in place of the series (None: show the series)."""
        msg = self.query_one("#trend-message", Static)
        msg.display = text is not None
        if text is not None:
            msg.update(text)
        self.query_one("#trend-body").display = text is None

    def _status(self, text: str) -> None:
        self.query_one("#trend-status", Static).update(text)

    def search_box(self) -> Input:
        """The box typing goes to."""
        return self.query_one("#trend-query", Input)

    def focus_main(self) -> None:
        """Focus the query box."""
        self.search_box().focus()

    def focus_list(self) -> None:
        """Focus the table (the query box while there is no series)."""
        self.query_one("#trend-table" if self.line is not None else "#trend-query").focus()

    def action_back(self) -> None:
        """Escape: passage → table ⇄ query box."""
        focused = self.app.focused
        fid = focused.id if focused is not None else None
        if fid == "detail":
            self.query_one("#trend-passage").display = False
            self.query_one("#trend-table").focus()
        elif fid in ("trend-table", "trend-chart"):
            self.focus_main()
        elif self.line is not None:
            self.query_one("#trend-table").focus()

    # -- export, cite, copy ---------------------------------------------------------------
    def export_data(self) -> Export | None:
        """The series on screen, one row per report's value (current and earlier)."""
        line = self.line
        if line is None or not line.points:
            return None
        headers = ["label", "column", "period", "period_words", "value", "value_text", "unit"]
        headers += ["status", "change", "change_percent", "report_date", "document", "table"]
        headers += ["page/line", "file"]
        rows: list[list[str]] = []
        for p in line.points:
            for r in (*p.earlier, p.current):
                current = r is p.current
                status = "current" if current else "same"
                if not current and r.value != p.current.value:
                    status = "revised"  # an earlier report's value, since revised
                status = t(f"col.status.{status}")  # data words too, in the user's language
                change = p.change if current else None
                rows.append(
                    [
                        line.label,
                        line.column,
                        p.period,
                        period_words(p.period),
                        repr(r.value),
                        r.value_text,
                        line.unit or "",
                        status,
                        "" if change is None else repr(change.absolute),
                        "" if change is None or change.percent is None else repr(change.percent),
                        r.report_date or "",
                        r.doc_title,
                        " ".join(r.caption.split()),
                        where(r.page, r.line),
                        doc_name(r.doc),
                    ]
                )
        return Export("trend", headers, rows, title=line_title(line))

    def citation(self) -> str | None:
        """Citation of the value under the cursor."""
        p = self.current_point()
        if p is None or self.line is None:
            return None
        r = p.current
        unit = f" {self.line.unit}" if self.line.unit else ""
        return (
            f"{self.line.label} {period_text(p.period)} {value_text(r)}{unit} — "
            f"{r.doc_title} ({date_text(r.report_date) or '----'}), {where(r.page, r.line)} "
            f"[{doc_name(r.doc)}]"
        )

    def card(self) -> str | None:
        """The series as a Markdown table, with its sources."""
        data = self.export_data()
        if data is None:
            return None
        from .export import to_markdown

        keep = ["period_words", "value_text", "status", "report_date", "page/line", "file"]
        cols = [data.headers.index(k) for k in keep]
        return to_markdown(
            Export("trend", keep, [[row[c] for c in cols] for row in data.rows], data.title)
        )
