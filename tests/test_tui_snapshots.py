"""SVG snapshots of each screen on the seed corpus (pytest-textual-snapshot), in Korean (the
default) and in English (KB_LANG=en): `test_search_screen[ko]`, `test_search_screen[en]` ….

Regenerate after an intended change with:
    python -m pytest tests/test_tui_snapshots.py --snapshot-update
and read each SVG's text (the words of a Korean screen are wide: look for a cut label).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from kb.config import Settings
from kb.facade import KnowledgeBase
from kb.i18n import set_language
from tests.helpers import make_kb
from tui.app import KbApp, create_app
from tui.figures import FiguresView
from tui.programs import ProgramsView
from tui.search import SearchView
from tui.studies import StudiesView

SIZE = (120, 40)


async def settle(pilot: Pilot) -> None:
    """tests.helpers.settle, less the folder tree's loader: the ingest dialog's DirectoryTree
    keeps a worker waiting for folders to open as long as the tree lives, which would never
    complete."""
    from textual.worker import WorkerCancelled

    for _ in range(2):
        await pilot.pause(0.2)
        for _attempt in range(10):
            # An empty list would mean "every worker" to wait_for_complete.
            busy = [w for w in pilot.app.workers if w.group != "_loader"]
            try:
                if busy:
                    await pilot.app.workers.wait_for_complete(busy)
                break
            except WorkerCancelled:
                # An exclusive worker superseded by a newer one: wait for its successor.
                await pilot.pause(0.05)
        await pilot.pause()


async def steady(pilot: Pilot) -> None:
    """Wait for the first screen and switch off what would vary between runs."""
    await settle(pilot)
    for box in pilot.app.query(Input):
        box.cursor_blink = False  # a blinking cursor would make the picture depend on timing


def with_keys(
    *keys: str,
    check: Callable[[KbApp], bool],
    before: Callable[[Pilot], Awaitable[None]] | None = None,
) -> Callable[[Pilot], Awaitable[None]]:
    """A run_before that presses keys (words are typed letter by letter) and settles.

    `check` must hold before the picture is taken, so a broken app fails loudly instead
    of being recorded as the expected picture.
    """

    async def run(pilot: Pilot) -> None:
        await steady(pilot)
        if before is not None:
            await before(pilot)
            await settle(pilot)
        for key in keys:
            await pilot.press(*([key] if len(key) > 1 and key.isascii() else list(key)))
            await settle(pilot)
        assert check(pilot.app), "the screen is not in the state this snapshot is about"  # type: ignore[arg-type]

    return run


@pytest.fixture(params=["ko", "en"])
def lang(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The UI's language for one snapshot (the app reads it when it is built)."""
    monkeypatch.setenv("KB_LANG", request.param)
    set_language(None)
    return str(request.param)


@pytest.fixture
def app(seed_db: Path, lang: str) -> KbApp:
    return create_app(make_kb(seed_db))


def test_search_screen(app: KbApp, snap_compare) -> None:  # noqa: ANN001
    """Results for the youth-activist budget query with the detail of the first hit."""
    assert snap_compare(
        app,
        terminal_size=SIZE,
        run_before=with_keys(
            "청년 활동가 교육 예산",
            check=lambda app: bool(app.query_one(SearchView).detail_around),
        ),
    )


def test_figures_screen(app: KbApp, snap_compare) -> None:  # noqa: ANN001
    """Figures filtered to one program, its source table with the cell lit."""
    assert snap_compare(
        app,
        terminal_size=SIZE,
        run_before=with_keys(
            "f2",
            "slash",
            "청년마을활동가",
            "escape",
            check=lambda app: app.query_one(FiguresView).current_table is not None,
        ),
    )


def test_programs_screen(app: KbApp, snap_compare) -> None:  # noqa: ANN001
    """The program tree and the card of 2-② 청년마을활동가 성장교육."""

    async def open_card(pilot: Pilot) -> None:
        await pilot.press("f3")
        await settle(pilot)
        pilot.app.query_one(ProgramsView).select(lambda p: "청년마을활동가" in p.name)

    assert snap_compare(
        app,
        terminal_size=SIZE,
        run_before=with_keys(
            before=open_card, check=lambda app: bool(app.query_one(ProgramsView).current_figures)
        ),
    )


def test_studies_screen(app: KbApp, snap_compare) -> None:  # noqa: ANN001
    """Studies by year, category and method, with the passages of the first."""
    assert snap_compare(
        app,
        terminal_size=SIZE,
        run_before=with_keys("f4", check=lambda app: bool(app.query_one(StudiesView).passages)),
    )


# A folder the first-run dialog starts in: its tree is the picture's, whatever the machine.
FIRST_RUN_FILES = ("보고서/2019 업무보고.hwp", "보고서/예산집행 현황.xlsx", "연구목록.pdf")


def test_first_run_dialog(
    lang: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    snap_compare,  # noqa: ANN001
) -> None:
    """No index yet: the ingest dialog with its folder picker, not an empty screen."""
    here = tmp_path / "업무"
    for name in FIRST_RUN_FILES:
        (here / name).parent.mkdir(parents=True, exist_ok=True)
        (here / name).write_bytes(b"")
    monkeypatch.chdir(here)
    # A path that does not exist and is never made (the app only looks): the same on every
    # machine, where the empty state behind the dialog names it.
    none = Path("/nonexistent-kb-home")
    app = create_app(KnowledgeBase(Settings(home=none, db=none / "kb.db", embedder="")))

    def picked(app: KbApp) -> bool:
        return app.screen.query_one("#ingest-path", Input).value == "보고서/"

    assert snap_compare(
        app, terminal_size=SIZE, run_before=with_keys("down", "enter", check=picked)
    )
