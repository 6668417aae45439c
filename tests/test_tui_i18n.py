"""Korean first in the terminal UI: no English sentence on a Korean screen, English on request,
and the first run opens the ingest dialog with a folder picker.

The Korean check walks what each screen shows under Pilot (every Static and label, the boxes'
placeholders, table headers, tree labels, list entries, the tab titles, the footer's and every
active binding's description, the header, the palette's commands, the notifications) and
flags a run of two or more English words; names (file names, `kb`, `CSV`, `PDF` …) pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, DirectoryTree, Input, OptionList, Static, TabbedContent, Tree
from textual.widgets.directory_tree import DirEntry
from textual.widgets.tree import TreeNode

from kb.config import Settings
from kb.facade import KnowledgeBase
from kb.i18n import TUI, set_language, t
from tests.helpers import ROOT, make_kb
from tests.test_tui_snapshots import settle
from tui.app import create_app
from tui.ingest import FolderPicker, IngestScreen
from tui.search import SearchView

pytestmark = pytest.mark.anyio

SIZE = (120, 40)
# Names that are no English prose: the command, formats and keys as printed on the keyboard.
NAMES = {
    "kb",
    "CSV",
    "PDF",
    "HWP",
    "HWPX",
    "DOCX",
    "XLSX",
    "HTML",
    "TXT",
    "MD",
    "SVG",
    "Markdown",
    "Enter",
    "Esc",
    "Tab",
    "Ctrl",
}
WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
EDGES = ".,:;!?()[]“”\"'‘’…·—–*"


def english_runs(text: str) -> list[str]:
    """Runs of two or more English words in text (a path or file name is not a word)."""
    runs, run = [], []
    for token in text.split():
        word = token.strip(EDGES)
        if WORD.fullmatch(word) and word not in NAMES:
            run.append(word)
            continue
        if len(run) >= 2:
            runs.append(" ".join(run))
        run = []
    if len(run) >= 2:
        runs.append(" ".join(run))
    return runs


def test_english_runs_finds_sentences_and_passes_names() -> None:
    assert english_runs("Type to search the reports") == ["Type to search the reports"]
    assert english_runs("No results for “청년”.") == ["No results for"]
    assert english_runs("e CSV 저장 · m Markdown · kb ingest corpus/ · a.md, b.pdf") == []
    assert english_runs("2019-11_seoul-maeul-center_council-work-report.txt · 405행") == []


def _tree_labels(tree: Tree) -> Iterator[str]:  # type: ignore[type-arg]
    stack = [tree.root]
    while stack:
        node = stack.pop()
        yield str(node.label)
        stack.extend(node.children)


def shown_texts(app: App) -> Iterator[tuple[str, str]]:  # type: ignore[type-arg]
    """(where, text) for every user-facing text of the screen on top, hidden parts included
    (a hidden empty state is one keystroke away)."""
    screen = app.screen
    yield "header", f"{app.title} {app.sub_title}"
    for widget in screen.walk_children(with_self=False):
        name = f"{type(widget).__name__}#{widget.id}"
        if isinstance(widget, Static):
            yield name, str(widget.render())
        elif isinstance(widget, Input):
            yield name, widget.placeholder
        elif isinstance(widget, DataTable):
            for column in widget.columns.values():
                yield name, str(column.label)
        elif isinstance(widget, Tree) and not isinstance(widget, DirectoryTree):
            for label in _tree_labels(widget):
                yield name, label
        elif isinstance(widget, OptionList):
            for i in range(widget.option_count):
                yield name, str(widget.get_option_at_index(i).prompt)
        description = getattr(widget, "description", None)  # the footer's keys
        if isinstance(description, str):
            yield name, description
    for key, active in screen.active_bindings.items():
        # The footer's keys and every key of kb's own (each has an id); Textual's widgets'
        # hidden keys (Input's "Move cursor left" …) are listed only in its keys panel.
        if active.binding.show or active.binding.id:
            yield f"binding {key}", active.binding.description
            yield f"binding {key}", active.binding.tooltip
    for command in app.get_system_commands(screen):
        yield "palette", f"{command.title} · {command.help}"
    for note in app._notifications:
        yield "notification", f"{note.title} · {note.message}"


def english_in(app: App) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    """What a Korean screen says in English: (where, run of English words)."""
    return [(where, run) for where, text in shown_texts(app) for run in english_runs(text)]


async def visit(pilot: Pilot, *keys: str) -> None:  # type: ignore[type-arg]
    """Press keys (a word is typed letter by letter) and wait for the screen to settle."""
    for key in keys:
        await pilot.press(*([key] if len(key) > 1 and key.isascii() else list(key)))
        await settle(pilot)


@pytest.fixture
def anyio_backend() -> str:
    """Textual runs on asyncio."""
    return "asyncio"


async def test_no_english_on_the_korean_screens(seed_db: Path, series_db: Path) -> None:
    found: list[tuple[str, str, str]] = []

    def check(app: App, screen: str) -> None:  # type: ignore[type-arg]
        found.extend((screen, where, run) for where, run in english_in(app))

    app = create_app(make_kb(seed_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        check(app, "search, empty")
        await visit(pilot, "c", "y", "e")  # nothing selected: three notifications
        await visit(pilot, "slash", "청년마을활동가 성장교육 집행률")
        assert app.query_one(SearchView).answer is not None
        check(app, "search, results and the answer strip")
        await visit(pilot, "escape", "a", "c", "y")
        app.query_one("#query", Input).value = "zzqx 없는말"
        await settle(pilot)
        check(app, "search, no results")
        for tab in ("f2", "f3", "f4", "f5"):
            await visit(pilot, tab)
            check(app, tab)
        await visit(pilot, "slash", "총투자")  # no series in the sample report
        check(app, "trends, no match")
        await visit(pilot, "f2", "s", "s")  # sorted: the status names the column
        check(app, "figures, sorted")
        await visit(pilot, "i")
        assert isinstance(app.screen, IngestScreen)
        check(app, "ingest dialog")
        await visit(pilot, "escape", "ctrl+p")
        check(app, "command palette")
    app = create_app(make_kb(series_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await visit(pilot, "f5", "총투자", "enter", "up", "enter")
        check(app, "trends, a series and a passage")
    assert not found, found


async def test_no_english_on_the_first_run_and_english_on_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "home" / "kb.db"
    app = create_app(KnowledgeBase(Settings(home=db.parent, db=db, embedder="")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, IngestScreen)
        assert not english_in(app), english_in(app)
        await visit(pilot, "escape")
        assert not english_in(app), english_in(app)
    # KB_LANG=en: the same screens in English, read when the app is built.
    monkeypatch.setenv("KB_LANG", "en")
    set_language(None)
    app = create_app(KnowledgeBase(Settings(home=db.parent, db=db, embedder="")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert (
            str(app.screen.query_one("#ingest-title", Static).render())
            == TUI["tui.ingest.first_title"][1]
        )
        await visit(pilot, "escape")
        tabs = app.query_one("#tabs", TabbedContent)
        assert [str(tab.label) for tab in tabs.query("ContentTab")] == [
            "1 Search",
            "2 Figures",
            "3 Programs",
            "4 Studies",
            "5 Trends",
        ]
        assert t("tui.nodb.head") == "No knowledge base yet."
        assert "No knowledge base yet." in str(app.query_one("#search-message", Static).render())
        assert not re.search("[가-힣]", app.sub_title)


async def _open(
    pilot: Pilot,  # type: ignore[type-arg]
    tree: FolderPicker,
    *names: str,
    start: TreeNode[DirEntry] | None = None,
) -> TreeNode[DirEntry]:
    """Walk the folder tree like a user: cursor on each name in turn, Enter; the last node."""
    node = start or tree.root
    for name in names:
        for _ in range(100):  # a folder's entries load in a worker
            child = next((c for c in node.children if c.data and c.data.path.name == name), None)
            if child is not None:
                break
            await pilot.pause(0.05)
        assert child is not None, f"{name} not under {node.label}"
        tree.move_cursor(child)
        await pilot.press("enter")
        await pilot.pause(0.1)
        node = child
    return node


async def test_the_first_run_opens_the_ingest_dialog_with_a_folder_picker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An empty KB_HOME, kb tui started in the project's folder.
    home = tmp_path / "kb-home"
    monkeypatch.setenv("KB_HOME", str(home))
    monkeypatch.chdir(ROOT)
    app = create_app(KnowledgeBase(Settings.from_env()))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IngestScreen) and screen.first_run
        tree = screen.query_one(FolderPicker)
        assert app.focused is tree and Path(tree.path) == ROOT  # it starts here
        box = screen.query_one("#ingest-path", Input)
        assert box.value == "corpus/"  # the sample report's folder, when there is one
        # Enter on a folder picks it (and opens it, as Textual's tree does).
        realdocs = await _open(pilot, tree, "tests", "data", "realdocs")
        assert box.value == "tests/data/realdocs/"
        # Enter on a file picks the file, and the path box takes focus: Enter starts.
        await _open(pilot, tree, "fdi_2025q2_press.hwpx", start=realdocs)
        assert box.value == "tests/data/realdocs/fdi_2025q2_press.hwpx"
        assert app.focused is box
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, IngestScreen)
        await pilot.press("i")  # the dialog again, without the first-run words
        await pilot.pause()
        assert isinstance(app.screen, IngestScreen) and not app.screen.first_run
    assert not home.exists() or not (home / "kb.db").exists(), "looking made no index"


async def test_an_index_without_documents_is_a_first_run_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An index whose documents were all removed: the file is there, nothing is in it (the
    # backend stands in for it: an empty ingest makes no file).
    from tui.backend import Backend

    monkeypatch.setattr(Backend, "ready", lambda self: True)
    monkeypatch.setattr(Backend, "docs", lambda self: [])
    monkeypatch.setattr(Backend, "years", lambda self: [])
    monkeypatch.setattr(Backend, "warm_up", lambda self: None)
    db = tmp_path / "kb.db"
    app = create_app(KnowledgeBase(Settings(home=tmp_path, db=db, embedder="")))
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):  # the check runs in a worker after the first frame
            await pilot.pause(0.05)
            if isinstance(app.screen, IngestScreen):
                break
        assert isinstance(app.screen, IngestScreen) and app.screen.first_run
