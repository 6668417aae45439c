"""SVG snapshots of each screen on the seed corpus (pytest-textual-snapshot).

Regenerate after an intended change with:
    python -m pytest tests/test_tui_snapshots.py --snapshot-update
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.helpers import make_kb, settle
from tui.app import KbApp, create_app
from tui.figures import FiguresView
from tui.programs import ProgramsView
from tui.search import SearchView
from tui.studies import StudiesView

SIZE = (120, 40)


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


@pytest.fixture
def app(seed_db: Path) -> KbApp:
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
