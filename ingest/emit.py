"""Block building shared by the structured readers (HWP, HWPX, DOCX, XLSX, HTML)."""

from __future__ import annotations

import re

from kb.types import Block

_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_WS = re.compile(r"\s+")

# Grids larger than this (rows x columns actually used) are read as plain lines instead:
# only a damaged or hostile file has them, and a dense grid of that size would eat memory.
MAX_GRID_CELLS = 2_000_000

# (row, column, content): the cell's text ("\n" between paragraphs), or the blocks read from
# it, which keeps a table nested in a one-cell box a table when the box is unwrapped.
Cell = tuple[int, int, "str | Blocks"]


def _text_of(content: str | Blocks) -> str:
    return content if isinstance(content, str) else content.joined()


def tidy_line(text: str) -> str:
    """One line as stored in a Block: runs of spaces collapsed, ends stripped."""
    return _SPACES.sub(" ", text).strip()


def cell_text(text: str) -> str:
    """A table cell on one line (paragraphs inside the cell joined by a space)."""
    return _WS.sub(" ", text).strip()


def place(cells: list[Cell]) -> list[list[str]] | None:
    """Cells by (row, column) into rows; blank rows and columns dropped; None if absurdly big.

    Only non-empty cells are kept, so rows and columns that are blank everywhere vanish
    (as the text reader drops trailing tab columns). Merged cells keep their text in their
    top-left position and leave the spanned positions blank, as the PDF reader does.
    """
    texts = ((r, c, cell_text(_text_of(content))) for r, c, content in cells)
    filled = {(r, c): t for r, c, t in texts if t}
    if not filled:
        return []
    rows = sorted({r for r, _ in filled})
    cols = sorted({c for _, c in filled})
    if len(rows) * len(cols) > MAX_GRID_CELLS:
        return None
    return [[filled.get((r, c), "") for c in cols] for r in rows]


class Blocks:
    """Blocks in reading order, numbered 1, 2, 3 … (Block.line is the block ordinal)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def text(self, text: str) -> None:
        """Add each non-blank line of text as a text block."""
        for line in text.split("\n"):
            line = tidy_line(line)
            if line:
                self.blocks.append(Block("text", line, len(self.blocks) + 1))

    def table(self, cells: list[Cell]) -> None:
        """Add a table from positioned cells; a one-cell table (a boxed note) becomes lines."""
        rows = place(cells)
        if rows is None:  # too big to lay out: keep the words, lose the grid
            for _r, _c, content in cells:
                self.text(_text_of(content))
            return
        if not rows:
            return  # a table with no text at all carries nothing to search
        if len(rows) == 1 and len(rows[0]) == 1:
            # Korean reports draw boxes around headings and summaries with 1x1 tables:
            # unwrap the box into its lines (and any table inside it).
            only = next(x for _r, _c, x in cells if cell_text(_text_of(x)))
            if isinstance(only, str):
                self.text(only)
            else:
                self.extend(only)
            return
        text = "\n".join(" | ".join(r) for r in rows)
        self.blocks.append(Block("table", text, len(self.blocks) + 1, None, rows))

    def extend(self, other: Blocks) -> None:
        """Append another builder's blocks, renumbered to follow these."""
        for block in other.blocks:
            block.line = len(self.blocks) + 1
            self.blocks.append(block)

    def joined(self) -> str:
        """All block texts joined by newlines (the content of a table cell)."""
        return "\n".join(b.text for b in self.blocks)
