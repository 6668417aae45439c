"""One card model, two skins: the CLI's `kb program` and the TUI's program card draw the same
card (kb.present.cards), with the labels of one table (kb.present.labels)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.changes import answer_change
from kb.cli import cli
from kb.i18n import MESSAGES
from kb.present.answers import change_block
from kb.present.cards import program_card
from kb.present.labels import label
from kb.present.plain import answer_text, part_lines
from kb.trends import build_series
from kb.types import AnswerCard
from tests.helpers import ROOT, make_kb
from tests.helpers import trend_figure as fig
from tui.format import answer_strip
from tui.format import program_card as tui_program_card


def _flat(text: str) -> str:
    """Text without spacing: the terminal folds long lines at its width, Textual does not."""
    return "".join(text.split())


@pytest.mark.golden
def test_cli_and_tui_program_cards_carry_the_same_labels_and_values(seed_db: Path) -> None:
    kb = make_kb(seed_db)
    try:
        program = kb.program("청년마을활동가 성장교육")
        assert program is not None
        figures = kb.program_figures(program)
    finally:
        kb.close()
    card = program_card(program, figures)
    labels = [part.label for part in card.parts]
    assert labels == [
        label(k) for k in ("objective", "contents", "results", "counts", "budget", "plans")
    ]
    assert labels[0] == "목적" and "예산" in labels  # Korean mode: the Korean word alone
    cli_text = CliRunner().invoke(cli, ["--db", str(seed_db), "program", program.name]).output
    tui_text = tui_program_card(program, figures).plain
    for face, text in (("cli", cli_text), ("tui", tui_text)):
        flat = _flat(text)
        assert flat.startswith(_flat(card.title)), face
        # Every label, in the card's order, then the source under its label.
        # (each found after the one before: a Korean label may be in the section path too)
        at = 0
        for x in [*labels, f"{card.source_label}: {card.source}"]:
            at = flat.index(_flat(x), at)
        # Every part's body, prose and figures alike (values, units, places), word for word.
        for part in card.parts:
            for line in part_lines(part):
                assert _flat(line) in flat, (face, line)
    values = [r.value for p in card.parts for g in p.groups for ln in g.lines for r in ln]
    assert "70,000" in values and "24,049" in values and "34%" in values


def test_the_tui_spells_no_label_of_its_own() -> None:
    # The labels are the catalogue's (`label.*`, shown through kb.present.labels): no string
    # in tui/ spells one (`목적 Objective`), nor is a Korean label on its own (`출처:`).
    labels = [v for k, v in MESSAGES.items() if k.startswith("label.")]
    pairs = [f"{ko} {en}".lower() for ko, en in labels]
    words = {ko for ko, _ in labels}
    for path in sorted((ROOT / "tui").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)}  # docstrings
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) in docs:
                    continue
                text = node.value.lower()
                assert not [p for p in pairs if p in text], (path.name, node.value)
                assert node.value.strip(" :\n") not in words, (path.name, node.value)


def test_the_tui_strip_shows_the_answer_cards_change_section() -> None:
    # 2024 Q2 is 162.5 in the first release, revised to 163.4 in the second; 2025 Q2 141.5.
    series = build_series(
        "총투자",
        [
            fig(162.5, "2024-Q2", "q1.hwpx", "2025-06-01"),
            fig(163.4, "2024-Q2", "q2.hwpx", "2025-09-19"),
            fig(141.5, "2025-Q2", "q2.hwpx", "2025-09-19"),
        ],
    )
    question = "2024년 2분기 대비 2025년 2분기 총투자 증감"
    change = answer_change(question, series)
    assert change is not None and change.change is not None
    card = AnswerCard(question, change.label, [], [], change=change)
    block = change_block(change)
    text, strip = answer_text(card), answer_strip(card).plain
    assert "  - 증감: -21.9억 달러 (-13.4%)  [2024년 2분기 대비 2025년 2분기]" in text
    # The strip above the TUI's results: the same rows, values and sources as the card.
    for row in block.rows:
        assert f"{row.label} {row.value}" in strip and f"{row.label}: {row.value}" in text
        for cited in (row.source, *(e.source for e in row.earlier)):
            assert cited in strip and cited in text
    assert "163.4억 달러" in strip and "-13.4%" in strip and "q1.hwpx" in strip


@pytest.fixture
def anyio_backend() -> str:
    """Textual runs on asyncio."""
    return "asyncio"


@pytest.mark.anyio
async def test_the_tui_answers_a_change_question_as_kb_answer_does(series_db: Path) -> None:
    from textual.widgets import Input, Static

    from tests.helpers import settle
    from tui.app import create_app
    from tui.search import SearchView

    question = "2024년 2분기 대비 2025년 2분기 해외직접투자 증감"
    kb = make_kb(series_db)
    try:
        expected = answer_text(kb.answer(question)).split("■ 관련 내용")[0]
    finally:
        kb.close()
    app = create_app(make_kb(series_db))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        app.query_one("#query", Input).value = question
        await settle(pilot)
        view = app.query_one(SearchView)
        assert view.answer is not None and view.answer.change is not None
        # The strip: both values, the change in the line's unit and in %, each cited.
        strip = str(app.query_one("#search-answer", Static).render())
        assert "163.4억 달러" in strip and "141.5억 달러" in strip
        assert "-21.9억 달러 (-13.4%)" in strip and "수정 전 162.5" in strip
        assert "fdi_2025q1_press" in strip and "fdi_2025q2_press" in strip
        # The card it copies (a) is kb answer's, change section line for line.
        copied = view.answer_card()
        assert copied is not None and copied.split("■ 관련 내용")[0] == expected
        assert "  - 증감: -21.9억 달러 (-13.4%)" in copied
