"""Every key binding of the TUI has an id, so a keymap can move it; the stylesheets ship."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import TabbedContent

from kb.config import Settings
from kb.facade import KnowledgeBase
from tui.app import KbApp, create_app
from tui.figures import FiguresView
from tui.ingest import IngestScreen
from tui.programs import ProgramsView
from tui.search import SearchView
from tui.studies import StudiesView
from tui.trends import TrendChart, TrendsView

ROOT = Path(__file__).resolve().parent.parent
OWNERS: tuple[type[DOMNode], ...] = (
    KbApp,
    SearchView,
    FiguresView,
    ProgramsView,
    StudiesView,
    TrendsView,
    TrendChart,
    IngestScreen,
)


def bindings() -> list[Binding]:
    """The bindings the TUI's own classes declare."""
    found = []
    for owner in OWNERS:
        for b in owner.__dict__.get("BINDINGS", []):
            assert isinstance(b, Binding), f"{owner.__name__}: {b!r} is not a Binding"
            found.append(b)
    return found


def test_every_binding_has_a_unique_id() -> None:
    ids = [b.id for b in bindings()]
    assert None not in ids, [b for b in bindings() if b.id is None]
    assert len(ids) == len(set(ids)), ids


@pytest.mark.anyio
async def test_a_keymap_moves_a_binding(tmp_path: Path) -> None:
    db = tmp_path / "kb.db"  # no database: nothing loads, the keys alone are tested
    app = create_app(KnowledgeBase(Settings(home=tmp_path, db=db, embedder="")))
    app.set_keymap({"app.tab_figures": "ctrl+g"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # the first-run ingest dialog (a modal) holds the keys
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.query_one("#tabs", TabbedContent).active == "figures"


def test_stylesheets_exist_and_ship_with_the_package() -> None:
    for owner in (KbApp, IngestScreen):
        paths = owner.CSS_PATH if isinstance(owner.CSS_PATH, list) else [owner.CSS_PATH]
        for name in paths:
            assert (ROOT / "tui" / str(name)).is_file(), name
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "*.tcss" in config["tool"]["setuptools"]["package-data"]["tui"]


@pytest.fixture
def anyio_backend() -> str:
    """Textual runs on asyncio."""
    return "asyncio"
