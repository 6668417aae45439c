"""The terminal UI driven with Textual's Pilot over the real seed index (no fakes)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static, TabbedContent

from kb.i18n import t
from kb.present.labels import label
from kb.present.values import where
from tests.helpers import make_kb
from tests.test_tui_snapshots import settle as settle_all
from tui.app import KbApp, create_app
from tui.figures import FiguresView
from tui.programs import ProgramsView
from tui.search import SearchView
from tui.studies import StudiesView

pytestmark = pytest.mark.anyio

SIZE = (120, 40)
YOUTH_BUDGET = "청년 활동가 교육 예산"
YOUTH_SECTION = "② 청년마을활동가 성장교육"


async def settle(pilot: Pilot, app: KbApp) -> None:
    """Let debounce timers fire and every worker finish (see tests/test_tui_snapshots.py)."""
    await settle_all(pilot)


async def type_query(pilot: Pilot, app: KbApp, text: str) -> None:
    """Type into the search box like a user, then wait for the results."""
    app.query_one("#query", Input).focus()
    await pilot.press(*text)
    await settle(pilot, app)


async def palette_lists_commands(pilot: Pilot, app: KbApp, wait_s: float = 10.0) -> None:
    """Wait until the command palette shows matches (its search runs in the background)."""
    from textual.command import CommandList, CommandPalette

    for _ in range(int(wait_s / 0.05)):
        await pilot.pause(0.05)
        screen = app.screen
        if isinstance(screen, CommandPalette) and screen.query_one(CommandList).option_count:
            await pilot.pause(0.1)  # let the last matches arrive and the first be highlighted
            return
    raise AssertionError("the command palette listed nothing")


def static_text(app: KbApp, selector: str) -> str:
    """The plain text a Static shows."""
    return str(app.query_one(selector, Static).render())


@pytest.fixture
def anyio_backend() -> str:
    """Textual runs on asyncio."""
    return "asyncio"


@pytest.fixture
def app(seed_db: Path) -> KbApp:
    return create_app(make_kb(seed_db))


@pytest.mark.slow
async def test_search_as_you_type_finds_youth_budget_and_shows_detail(app: KbApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await type_query(pilot, app, YOUTH_BUDGET)
        view = app.query_one(SearchView)
        results = app.query_one("#results", OptionList)
        assert results.option_count == len(view.hits) > 0
        top3 = [h.section for h in view.hits[:3]]
        assert any(YOUTH_SECTION in s for s in top3), top3
        # The list shows title, year, place and the section of the hit.
        first = results.get_option_at_index(0).prompt.plain
        top = view.hits[0]
        assert "주요 업무 보고" in first and "2019" in first and where(top.page, top.line) in first
        assert "청년마을활동가 성장교육" in first
        # The detail pane holds the whole chunk with its neighbours.
        index = next(i for i, h in enumerate(view.hits) if YOUTH_SECTION in h.section)
        results.highlighted = index
        await settle(pilot, app)
        detail = view.detail_plain()
        assert all(t(f"tui.ctx.{k}") in detail for k in ("current", "before", "after"))
        assert view.hits[index].text.splitlines()[0] in detail
        assert YOUTH_SECTION in static_text(app, "#detail-head")
        assert t("tui.ctx.current") in static_text(app, "#detail-current")
        # Keyboard: Esc leaves the box for the list, Enter opens the passage, Esc goes back.
        app.query_one("#query").focus()
        await pilot.press("escape")
        assert app.focused is results
        await pilot.press("enter")
        assert app.focused is app.query_one("#detail")
        await pilot.press("escape")
        assert app.focused is results
        await pilot.press("escape")
        assert app.focused is app.query_one("#query")


async def test_typing_is_debounced_and_stale_results_are_dropped(
    app: KbApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.search

    # A loaded machine (CI installing packages) can take longer than the real 80 ms between
    # two simulated keys; a longer pause makes "one search per burst of typing" testable.
    monkeypatch.setattr(tui.search, "DEBOUNCE_S", 0.6)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        calls: list[str] = []
        real = app.backend.search

        def counting(query: str, **kwargs: object) -> object:
            calls.append(query)
            return real(query, **kwargs)  # type: ignore[arg-type]

        app.backend.search = counting  # type: ignore[method-assign]
        query = "주민자치회 평가 연구"
        app.query_one("#query", Input).focus()
        await pilot.press(*query)
        await pilot.pause(tui.search.DEBOUNCE_S + 0.1)
        await settle(pilot, app)
        # Searches wait for a pause in typing: one for the burst (two if the machine stalled
        # between keys), and the last one is for the whole query.
        assert calls and calls[-1] == query and len(calls) <= 2, calls
        view = app.query_one(SearchView)
        shown = [h.chunk_id for h in view.hits]
        # A late answer to an older query must not replace what is on screen.
        stale = app.backend.search("마을", k=3)
        view._show(("마을", None, None), stale, None)
        assert [h.chunk_id for h in view.hits] == shown


@pytest.mark.slow
async def test_filters_and_no_results_hint(app: KbApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        years = app.query_one("#year-filter", Select)
        docs = app.query_one("#doc-filter", Select)
        assert [v for _, v in years._options if isinstance(v, int)] == [2019]
        assert any("주요 업무 보고" in str(label) for label, _ in docs._options)
        await type_query(pilot, app, YOUTH_BUDGET)
        view = app.query_one(SearchView)
        years.value = 2019
        await settle(pilot, app)
        assert view.shown == (YOUTH_BUDGET, 2019, None) and view.hits
        assert all(h.doc.year == 2019 for h in view.hits)
        path = next(v for _, v in docs._options if isinstance(v, str))
        docs.value = path
        await settle(pilot, app)
        assert view.hits and all(h.doc.path == path for h in view.hits)
        # A year without documents: the hint says to drop the filters.
        years.set_options([("1999", 1999), ("2019", 2019)])
        years.value = 1999
        await settle(pilot, app)
        assert view.hits == []
        message = static_text(app, "#search-message")
        assert t("tui.search.none", query=YOUTH_BUDGET) in message
        on = f"{t('tui.search.year', year=1999)}, {t('tui.search.a_document')}"
        assert t("tui.search.filtered", filters=on) in message


@pytest.mark.slow
async def test_screens_by_key_and_command_palette(app: KbApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        tabs = app.query_one("#tabs", TabbedContent)
        await pilot.press("f2")
        await settle(pilot, app)
        assert tabs.active == "figures"
        assert app.query_one(FiguresView).rows
        await pilot.press("3")  # focus is on the figures table now: digits switch
        await settle(pilot, app)
        assert tabs.active == "programs"
        await pilot.press("4")
        await settle(pilot, app)
        assert tabs.active == "studies"
        assert app.query_one(StudiesView).studies
        await pilot.press("1")
        assert tabs.active == "search"
        await pilot.press("slash")
        assert app.focused is app.query_one("#query")
        # The box already has focus: a second `/` is not typed into the query.
        await pilot.press("slash", *"예산")
        assert app.query_one("#query", Input).value == "예산"
        await pilot.press("slash")  # inside a query it is text (`2019/09`)
        assert app.query_one("#query", Input).value == "예산/"
        await pilot.press("ctrl+u")
        # The command palette lists the app's commands.
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        await pilot.press(*t("tui.cmd.go", name=t("tui.tab.programs")))
        await palette_lists_commands(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert tabs.active == "programs"


@pytest.mark.slow
async def test_figures_sort_and_source_table(app: KbApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("f2")
        await settle(pilot, app)
        view = app.query_one(FiguresView)
        assert view.mismatches, "the seed report has totals that do not add up"
        # Typing on the table goes to the filter box (letters that are keys stay keys).
        assert app.focused is view.query_one("#fig-table")
        await pilot.press(*"청년마을활동가 성장교육")
        await settle(pilot, app)
        assert view.query_one("#fig-filter", Input).value == "청년마을활동가 성장교육"
        row = view.current_row()
        assert row is not None and "청년마을활동가" in row.program
        assert view.current_table is not None and view.current_table.table_id == row.table_id
        source = view.query_one("#fig-source")
        cell = source.cursor_coordinate
        assert view.current_table.rows[cell.row][cell.column].replace(",", "") in (
            row.value_text.replace(",", "").rstrip("%"),
            row.value_text.replace(",", ""),
        )
        # s cycles the sort column: Program, Measure, then Value (largest first).
        view.query_one("#fig-table").focus()
        await pilot.press("s", "s", "s")
        values = [r.value for r in view.ordered() if r.value is not None]
        assert values == sorted(values, reverse=True)
        await pilot.press("r")
        values = [r.value for r in view.ordered() if r.value is not None]
        assert values == sorted(values)
        # Thousands separators on screen.
        table = view.query_one("#fig-table")
        shown = [str(table.get_cell_at((i, 2))) for i in range(table.row_count)]
        assert any("," in v for v in shown)


@pytest.mark.golden
async def test_program_card_copy_and_cite(app: KbApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("f3")
        await settle(pilot, app)
        view = app.query_one(ProgramsView)
        assert view.programs
        program = view.select(lambda p: "청년마을활동가" in p.name)
        assert program is not None
        await settle(pilot, app)
        card = static_text(app, "#prog-card-text")
        assert "청년마을활동가 성장교육" in card and "목적" in card
        assert f"{label('source')}:" in card and str(program.line) in card
        assert view.current_figures and "70,000" in card
        assert app.focused is app.query_one("#prog-card")
        await pilot.press("y")
        assert app.clipboard.startswith("## ") and "청년마을활동가" in app.clipboard
        await pilot.press("c")
        assert "청년마을활동가" in app.clipboard and where(None, program.line) in app.clipboard
        await pilot.press("escape")
        assert app.focused is app.query_one("#prog-tree")


async def test_studies_filter_and_passages(app: KbApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("f4")
        await settle(pilot, app)
        view = app.query_one(StudiesView)
        everything = len(view.studies)
        view.query_one("#study-filter", Input).value = "주민자치회"
        await settle(pilot, app)
        assert 0 < len(view.studies) < everything
        assert all("주민자치회" in s.title.replace(" ", "") for s in view.studies)
        detail = static_text(app, "#study-detail-text")
        assert view.studies[0].title in detail and "관련 내용" in detail
        assert where(None, view.studies[0].line) in detail
        # No title shares these words: the nearest titles by meaning, in that order.
        view.query_one("#study-filter", Input).value = "youth jobs research"
        await settle(pilot, app)
        assert view.studies and "청년일자리" in view.studies[0].title
        status = static_text(app, "#study-status")
        assert t("tui.studies.by_meaning", query="youth jobs research") in status


async def test_export_csv_and_markdown(
    app: KbApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await type_query(pilot, app, YOUTH_BUDGET)
        await pilot.press("escape", "e")
        csv_path = app.last_export
        assert csv_path is not None and csv_path.parent == tmp_path and csv_path.suffix == ".csv"
        text = csv_path.read_text(encoding="utf-8")
        # The columns in the users' language (kb/i18n/columns.py).
        assert text.startswith("순위,점수,제목,연도,절,쪽/행,파일,발췌") and YOUTH_SECTION in text
        await pilot.press("m")
        md_path = app.last_export
        assert md_path is not None and md_path.suffix == ".md" and md_path != csv_path
        assert md_path.read_text(encoding="utf-8").startswith(f"# {YOUTH_BUDGET}\n\n| 순위 |")
        await pilot.press("f2")
        await settle(pilot, app)
        await pilot.press("e")
        assert app.last_export is not None and "figures" in app.last_export.name
        assert "사업,항목,행 이름,값" in app.last_export.read_text(encoding="utf-8")


async def test_empty_state_without_database(tmp_path: Path) -> None:
    db = tmp_path / "none" / "kb.db"
    app = create_app(make_kb(db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("escape")  # the first-run dialog opened itself (test_tui_i18n)
        await settle(pilot, app)
        message = static_text(app, "#search-message")
        assert t("tui.nodb.head") in message and "kb ingest corpus/" in message
        assert app.query_one("#query", Input).disabled
        await pilot.press("2")  # the query box is disabled, so digits switch tabs
        await settle(pilot, app)
        assert "kb ingest corpus/" in static_text(app, "#fig-message")
        await pilot.press("e")  # nothing to export: a warning, no file, no crash
        assert app.last_export is None
    assert not db.exists(), "looking must not create a database"


async def test_ingest_from_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "note.md").write_text(
        "# 2020년 마을 보고\n\n## 1. 마을정원 사업\n\n"
        "마을정원 가꾸기 사업에 주민 120명이 참여했다.\n",
        encoding="utf-8",
    )
    db = tmp_path / "new.db"
    app = create_app(make_kb(db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        # No index yet: the ingest dialog is open already, offering the sample's folder.
        box = app.screen.query_one("#ingest-path", Input)
        assert box.value == "corpus/"
        box.value = str(docs)
        box.focus()  # the folder tree has it on a first run
        await pilot.press("enter")
        await settle(pilot, app)
        assert db.exists()
        status = str(app.screen.query_one("#ingest-status", Static).render())
        done = t("tui.ingest.summary", added=1, replaced=0, unchanged=0, failed=0, chunks=0)
        assert done.split(";")[0] in status
        assert app.screen.query_one("#ingest-bar").percentage == 1.0
        await pilot.press("escape")
        await settle(pilot, app)
        assert not app.query_one("#query", Input).disabled
        await type_query(pilot, app, "마을정원")
        hits = app.query_one(SearchView).hits
        assert hits and "마을정원" in hits[0].text


def test_tui_is_a_client_of_the_facade_only() -> None:
    """No SQL and no imports of index/ingest or a SQLite driver inside tui/."""
    banned = {"index", "ingest", "sqlite3", "sqlean", "sqlite_vec", "pysqlite3", "apsw"}
    for path in sorted((Path(__file__).parent.parent / "tui").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            assert not {n.split(".")[0] for n in names} & banned, f"{path.name}: {names}"
        assert "SELECT " not in text and "execute(" not in text, path.name


@pytest.mark.golden
async def test_stored_figures_answer_the_query_above_the_results(app: KbApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        view = app.query_one(SearchView)
        await type_query(pilot, app, "청년마을활동가 성장교육 집행률")
        strip = app.query_one("#search-answer", Static)
        assert view.answer is not None and strip.display
        text = static_text(app, "#search-answer")
        assert "청년마을활동가 성장교육" in text and "70,000" in text and "24,049" in text
        stored = {f"{int(r.value):,}" for r in view.answer.figures if r.value is not None}
        assert set(re.findall(r"\d[\d,]{2,}", text.split("(")[0])) <= stored
        # A query that names no program: the strip goes, nothing is guessed.
        query = app.query_one("#query", Input)
        query.value = ""
        await type_query(pilot, app, "주민자치회 평가 연구")
        assert view.answer is None and not strip.display and view.hits


@pytest.mark.golden
async def test_a_count_question_shows_the_counts_each_with_its_label(app: KbApp) -> None:
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot, app)
        view = app.query_one(SearchView)
        await type_query(pilot, app, "마을활동가 성장교육 참여 인원")
        assert view.answer is not None and view.answer.program == "마을활동가 성장교육"
        text = static_text(app, "#search-answer")
        assert "뿌리과정 10회, 135명" in text and "리더십과정 11회, 110명" in text
        assert "천원" not in text  # a count question is not answered with the budget
        # The whole card, as `kb answer` prints it, for a reply.
        await pilot.press("down")
        await pilot.press("a")
        card = app.clipboard
        assert (
            card.startswith("Q. 마을활동가 성장교육 참여 인원")
            and "  - 뿌리과정: 10회, 135명" in card
        )
        assert "출처:" in card and "■ 관련 내용" in card
        # No figure answers: nothing is copied, the user is told why.
        query = app.query_one("#query", Input)
        query.value = ""
        await type_query(pilot, app, "주민자치회 평가 연구")
        await pilot.press("down")
        await pilot.press("a")
        assert app.clipboard == card


async def test_a_ranking_question_lists_programs_in_order(app: KbApp) -> None:
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot, app)
        view = app.query_one(SearchView)
        await type_query(pilot, app, "집행률이 가장 낮은 사업")
        assert view.answer is not None and "낮은 순" in (view.answer.program or "")
        text = static_text(app, "#search-answer")
        shown = [float(x) for x in re.findall(r"(\d+)%", text)]
        assert len(shown) >= 3 and shown == sorted(shown)
        assert view.answer.figures[0].program in text
