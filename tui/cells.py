"""Pure helpers for the figures screen: find a figure's cell, its warnings, its table as text."""

from __future__ import annotations

import re

from kb.i18n import t
from kb.present.labels import label
from kb.present.values import as_of_text
from kb.types import FigureRow, Mismatch, TableView

from .export import Export, to_markdown
from .format import doc_name, where


def norm(text: str) -> str:
    """Spacing-insensitive form (`인 건 비` and `인건비` are the same label)."""
    return re.sub(r"\s+", "", text or "")


def find_cell(view: TableView, row: FigureRow) -> tuple[int, int] | None:
    """(body row, column) of the figure in its table: row label == program, column == label."""
    program, label = norm(row.program), norm(row.label)
    r_index = next(
        (i for i, cells in enumerate(view.rows) if cells and norm(cells[0]) == program), None
    )
    if r_index is None:
        r_index = next(
            (i for i, cells in enumerate(view.rows) if program in (norm(c) for c in cells)), None
        )
    c_index = next((j for j, c in enumerate(view.columns) if norm(c) == label), None)
    if c_index is None:  # a flattened label may carry its group ("집행액 원인행위")
        c_index = next((j for j, c in enumerate(view.columns) if label and label in norm(c)), None)
    if r_index is None or c_index is None:
        return None
    return r_index, c_index


def warnings_for(row: FigureRow, found: list[Mismatch]) -> list[Mismatch]:
    """The consistency warnings that concern this figure's program and measure."""
    keys = {norm(row.label), norm(row.measure or "")} - {""}
    return [m for m in found if norm(m.program) == norm(row.program) and norm(m.measure) in keys]


def table_markdown(view: TableView) -> str:
    """A stored table as Markdown with its caption, unit, as-of and source."""
    facts = ", ".join(
        x
        for x in (
            view.unit and t("tui.unit", unit=view.unit),
            view.as_of and as_of_text(view.as_of),
        )
        if x
    )
    title = view.caption + (f" ({facts})" if facts else "")
    body = to_markdown(
        Export("table", list(view.columns), [list(r) for r in view.rows], title=title)
    )
    source = (
        f"{view.doc_title}, {view.section}, {where(view.page, view.line)} [{doc_name(view.doc)}]"
    )
    return body + f"\n{label('source')}: {source}\n"
