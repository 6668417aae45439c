"""Text from PDF glyph positions: words, lines on one baseline, and paragraphs.

Hancom and Office PDF exports of Korean reports often omit the space characters between
words (the glyphs are only placed apart), split one visual line into several text lines
(`2026` and `년 의회운영업무추진비 집행계획`), draw bold text twice, and break every
paragraph into lines. Here a gap wider than a quarter of the font size is a space, glyphs
drawn twice in one place count once, text lines sharing a baseline form one line, and a
line that fills the text width runs on into the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# A glyph gap wider than this share of the font size separates two words (measured on
# Hancom PDFs: 0.0-0.1 em inside words, 0.45-0.65 em where a space was dropped).
SPACE_GAP = 0.25
# A line that opens with an outline or list marker starts a paragraph of its own.
MARKER_START = re.compile(
    r"^\s*(?:[□■○●◦❍ㅇ◆◇▪•·\-–※*①-⑳▶►ㆍ]|\(\d{1,2}\)|\d{1,2}[.)](?!\d)|[가-하][.)]"
    r"|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|<|〈|《|\[|붙\s*임|참\s*고)"
)


@dataclass(slots=True)
class Glyph:
    """One drawn character with its box and font size."""

    c: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(slots=True)
class Line:
    """Glyphs on one baseline, left to right, with their text."""

    glyphs: list[Glyph]
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    text: str = ""

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def text_of(glyphs: list[Glyph]) -> str:
    """Glyphs left to right with spaces where the gap between them says so."""
    out: list[str] = []
    prev: Glyph | None = None
    for g in glyphs:
        if prev is not None and not g.c.isspace() and not prev.c.isspace():
            if g.x0 - prev.x1 > SPACE_GAP * max(g.size, prev.size, 1.0):
                out.append(" ")
        out.append(g.c)
        prev = g
    return re.sub(r"\s+", " ", "".join(out)).strip()


def make_line(glyphs: list[Glyph]) -> Line:
    """A line from glyphs in any order."""
    glyphs = sorted(glyphs, key=lambda g: g.x0)
    ink = [g for g in glyphs if not g.c.isspace()] or glyphs
    return Line(
        glyphs,
        min(g.x0 for g in ink),
        min(g.y0 for g in ink),
        max(g.x1 for g in ink),
        max(g.y1 for g in ink),
        max(g.size for g in ink),
        text_of(glyphs),
    )


def _once(glyphs: list[Glyph]) -> list[Glyph]:
    """Glyphs drawn twice at (almost) the same place (fake bold: `참참고고`) kept once."""
    out: list[Glyph] = []
    for g in glyphs:
        if out and any(
            p.c == g.c and abs(p.x0 - g.x0) < 0.3 * g.size and abs(p.y0 - g.y0) < 0.3 * g.size
            for p in out[-3:]
        ):
            continue
        out.append(g)
    return out


def page_glyph_lines(page: Any) -> list[list[Glyph]]:
    """The page's text lines as PyMuPDF groups them, each as its glyphs."""
    out: list[list[Glyph]] = []
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", ()):
            glyphs = [_glyph(ch, span["size"]) for span in line["spans"] for ch in span["chars"]]
            if glyphs:
                out.append(_once(glyphs))
    return out


def _glyph(ch: dict[str, Any], size: float) -> Glyph:
    """A character of PyMuPDF's rawdict (its bbox is x0, y0, x1, y1) in a span of that size."""
    x0, y0, x1, y1 = ch["bbox"]
    return Glyph(ch["c"], x0, y0, x1, y1, size)


def same_baseline(a: Line, b: Line) -> bool:
    """Two lines whose boxes overlap vertically by more than half the smaller height."""
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap > 0.5 * min(a.height, b.height)


def visual_lines(raw: list[list[Glyph]]) -> list[Line]:
    """Text lines merged where they share a baseline, top to bottom."""
    lines = sorted((make_line(g) for g in raw if any(not x.c.isspace() for x in g)), key=_order)
    merged: list[Line] = []
    for ln in lines:
        k = next(
            (
                i
                for i in range(len(merged) - 1, max(len(merged) - 5, -1), -1)
                if same_baseline(merged[i], ln)
            ),
            None,
        )
        if k is None:
            merged.append(ln)
        else:
            merged[k] = make_line(_once(sorted(merged[k].glyphs + ln.glyphs, key=lambda g: g.x0)))
    return sorted(merged, key=_order)


def _order(ln: Line) -> tuple[float, float]:
    return (round(ln.y0 / 2), ln.x0)


def paragraphs(lines: list[Line], page_width: float) -> list[Line]:
    """Lines joined into paragraphs where a full line runs on into the next.

    A line is full when it reaches the right margin, taken as wide as the left one.
    """
    if not lines:
        return []
    right = page_width - min(ln.x0 for ln in lines)
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.x1 >= right - 2 * prev.size
            and 0 <= ln.y0 - prev.y1 <= 0.8 * prev.height
            and abs(ln.size - prev.size) <= 0.6
            and ln.x0 <= prev.x0 + 4 * prev.size
            and not MARKER_START.match(ln.text)
        ):
            prev.text = f"{prev.text} {ln.text}"
            prev.y1, prev.x1 = ln.y1, max(prev.x1, ln.x1)
            continue
        out.append(ln)
    return out
