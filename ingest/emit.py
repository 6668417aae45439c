"""Block building shared by the structured readers (HWP, HWPX, DOCX, XLSX, HTML)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb.types import Block

_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_WS = re.compile(r"\s+")

# Grids larger than this (rows x columns actually used) are read as plain lines instead:
# only a damaged or hostile file has them, and a dense grid of that size would eat memory.
MAX_GRID_CELLS = 2_000_000
# A big grid that is mostly holes (cells on a diagonal, one value per sheet corner) is not a
# table: laid out, every row is padded to the full width and the blanks cost gigabytes.
# Real tables are dense; past SPARSE_MIN positions, one under SPARSE_FILL full is read as
# lines.
SPARSE_MIN = 10_000
SPARSE_FILL = 0.05

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
    """Cells by (row, column) into rows; blank rows and columns dropped; None if absurdly big
    or mostly holes.

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
    size = len(rows) * len(cols)
    if size > MAX_GRID_CELLS or (size > SPARSE_MIN and len(filled) < SPARSE_FILL * size):
        return None
    return [[filled.get((r, c), "") for c in cols] for r in rows]


# A heading printed as a row of boxes: a marker cell, then the title.
_BOX_MARKER = re.compile(
    r"^(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|[IVX]{1,4}|\d{1,2}|[가-하]|참\s*고\s*\d*|붙\s*임\s*\d*|별\s*첨\s*\d*"
    r"|부\s*록\s*\d*|별\s*표\s*\d*|제\s*\d+\s*[장절편])[.)]?$"
)


def heading_box(rows: list[list[str]]) -> str | None:
    """`Ⅰ. 추진 목적` for a one-row table `Ⅰ | 추진 목적`; None for any other table."""
    if len(rows) != 1:
        return None
    cells = [c for c in rows[0] if c.strip()]
    if len(cells) != 2 or not _BOX_MARKER.match(cells[0].strip()):
        return None
    title = cells[1].strip()
    if not title or len(title) > 100:
        return None
    marker = re.sub(r"\s+", "", cells[0])  # 참 고 1 → 참고1
    if re.fullmatch(r"[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|[IVX]{1,4}|\d{1,2}|[가-하]", marker):
        marker += "."
    return f"{marker} {title}"


def _row_labels(cells: Sequence[Cell]) -> dict[tuple[int, int], str]:
    """For each cell holding a table, the nearest non-empty text cell left of it in its row:
    what the nested table is about. One pass per table (a form can nest thousands)."""
    by_row: dict[int, list[tuple[int, str | Blocks]]] = {}
    for r, c, content in cells:
        by_row.setdefault(r, []).append((c, content))
    labels: dict[tuple[int, int], str] = {}
    for r, row in by_row.items():
        label = ""
        for c, content in sorted(row, key=lambda cx: cx[0]):
            if _holds_table(content):
                labels[(r, c)] = label
            elif text := cell_text(_text_of(content)):
                label = text
    return labels


def _holds_table(content: str | Blocks) -> bool:
    return isinstance(content, Blocks) and any(b.kind == "table" for b in content.blocks)


class Blocks:
    """Blocks in reading order, numbered 1, 2, 3 … (Block.line is the block ordinal)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def text(self, text: str, size: float | None = None) -> None:
        """Add each non-blank line of text as a text block (size: its font size in pt)."""
        for line in text.split("\n"):
            line = tidy_line(line)
            if line:
                self.blocks.append(Block("text", line, len(self.blocks) + 1, size=size))

    def table(self, cells: Sequence[Cell], layout: bool = True) -> None:
        """Add a table from positioned cells (layout=False: a sheet, never a frame or box).

        Korean reports draw boxes around headings and summaries (a 1x1 table), stack a
        page's parts in one-column frames, and put small tables inside form cells. A box or
        frame is unwrapped into its lines; a heading box (`Ⅰ | 추진 목적`, `참고 1 | …`)
        becomes one heading line; a table inside a cell is taken out and follows the outer
        table, introduced by the label of its row (`8.피규제집단 및 이해관계자`).
        """
        nested: list[tuple[str, Blocks]] = []
        flat: list[Cell] = []
        labels = _row_labels(cells) if any(_holds_table(x) for _r, _c, x in cells) else {}
        for r, c, content in cells:
            if isinstance(content, Blocks) and _holds_table(content):
                texts = [b.text for b in content.blocks if b.kind == "text"]
                flat.append((r, c, "\n".join(texts)))
                nested.append((labels[(r, c)], content))
            else:
                flat.append((r, c, content))
        rows = place(flat)
        if rows is None:  # too big to lay out: keep the words, lose the grid
            for _r, _c, content in cells:
                self.text(_text_of(content))
            return
        if not rows:
            for _label, content in nested:
                self.extend(content)
            return
        width = max(len(r) for r in rows)
        if width == 1 and (layout or len(rows) == 1):
            # A box or a frame: its contents, in order, are the document's own blocks.
            for _r, _c, content in sorted(cells, key=lambda x: (x[0], x[1])):
                if isinstance(content, str):
                    self.text(content)
                else:
                    self.extend(content)
            return
        heading = heading_box(rows) if layout else None
        if heading is not None and not nested:
            self.text(heading)
            return
        text = "\n".join(" | ".join(r) for r in rows)
        self.blocks.append(Block("table", text, len(self.blocks) + 1, None, rows))
        for label, content in nested:
            if label:
                self.text(label)
            for block in content.blocks:
                if block.kind == "table":
                    block.line = len(self.blocks) + 1
                    self.blocks.append(block)
                else:
                    self.text(block.text, block.size)

    def extend(self, other: Blocks) -> None:
        """Append another builder's blocks, renumbered to follow these."""
        for block in other.blocks:
            block.line = len(self.blocks) + 1
            self.blocks.append(block)

    def joined(self) -> str:
        """All block texts joined by newlines (the content of a table cell)."""
        return "\n".join(b.text for b in self.blocks)
