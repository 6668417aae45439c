"""Korean PDFs written in the tests with PyMuPDF's built-in CJK font: lines and ruled tables."""

from __future__ import annotations

from pathlib import Path

import pymupdf

FONT = "korea"
MARGIN = 50.0


def _width(text: str, size: float) -> float:
    return pymupdf.get_text_length(text, fontname=FONT, fontsize=size)


class PdfWriter:
    """Writes text lines and ruled tables top to bottom, starting new pages as needed."""

    def __init__(self, size: float = 9.0) -> None:
        self.doc = pymupdf.open()
        self.size = size
        self.page = self.doc.new_page()
        self.y = MARGIN

    def _room(self, height: float) -> None:
        if self.y + height > self.page.rect.height - MARGIN:
            self.page = self.doc.new_page()
            self.y = MARGIN

    def line(self, text: str) -> None:
        """One line of text (long lines wrap at the margin, as a word processor would)."""
        width = self.page.rect.width - 2 * MARGIN
        words, current = text.split(" "), ""
        for word in words:
            candidate = f"{current} {word}".strip()
            if current and _width(candidate, self.size) > width:
                self._write(current)
                current = word
            else:
                current = candidate
        self._write(current)

    def _write(self, text: str) -> None:
        self._room(self.size * 1.8)
        self.page.insert_text((MARGIN, self.y + self.size), text, fontname=FONT, fontsize=self.size)
        self.y += self.size * 1.8

    def table(self, rows: list[list[str]], size: float | None = None) -> None:
        """A table with a rule around every cell; column widths follow the widest cell."""
        size = size or self.size
        ncols = max(len(r) for r in rows)
        rows = [r + [""] * (ncols - len(r)) for r in rows]
        widths = [max(_width(r[c], size) for r in rows) + 8 for c in range(ncols)]
        scale = min(1.0, (self.page.rect.width - 2 * MARGIN) / sum(widths))
        if scale < 1.0:  # too wide: shrink the type, not the text
            size *= scale
            widths = [w * scale for w in widths]
        height = size * 2.0
        for row in rows:
            self._room(height)
            x = MARGIN
            for c, cell in enumerate(row):
                rect = pymupdf.Rect(x, self.y, x + widths[c], self.y + height)
                self.page.draw_rect(rect, color=(0, 0, 0), width=0.6)
                if cell:
                    self.page.insert_text(
                        (x + 4, self.y + height * 0.68), cell, fontname=FONT, fontsize=size
                    )
                x += widths[c]
            self.y += height
        self.y += size

    def save(self, path: Path) -> Path:
        """Write the PDF and close it."""
        self.doc.save(path)
        self.doc.close()
        return path
