"""PDF reader: paragraphs rebuilt from glyph positions, tables from their cell boxes.

See ingest/pdftext.py for how words, lines and paragraphs are found and ingest/pdfgrid.py
for tables. Page numbers and lines repeated at the top or bottom of most pages are page
furniture and dropped; a table that ends one page and opens the next is joined.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kb.errors import IngestError
from kb.types import Block, RawDocument

from .emit import heading_box
from .pdfgrid import PdfTable, find_tables
from .pdftext import Line, page_glyph_lines, paragraphs, visual_lines

# A complete PDF ends with `%%EOF`; readers accept junk after it up to about this many bytes.
EOF_WINDOW = 1024
# Pages with fewer ruling segments than this hold no ruled table (a box needs four).
MIN_RULES = 4
_PAGE_NUMBER = re.compile(r"^\s*[-–]?\s*\d{1,4}\s*[-–]?\s*$|^\s*\d{1,4}\s*/\s*\d{1,4}\s*$")


def _has_rules(page: Any) -> bool:
    """True when the page draws enough lines or boxes to hold a ruled table (cheap)."""
    rules = 0
    for path in page.get_cdrawings():
        for item in path.get("items", ()):
            if item[0] in ("l", "re"):
                rules += 1
                if rules >= MIN_RULES:
                    return True
    return False


def page_blocks(page: Any, pno: int) -> list[Block]:
    """One page: paragraphs outside tables and the tables, top to bottom."""
    raw = page_glyph_lines(page)
    tables: list[PdfTable] = []
    if raw and _has_rules(page):
        # Lines inside a table belong to its cells, not to the running text.
        tables, raw = find_tables(page, raw, visual_lines(raw))
    lines = visual_lines(raw)
    heads = [t.header_line for t in tables if t.header_line is not None]
    if heads:
        lines = [ln for ln in lines if not any(_same(ln, h) for h in heads)]
    items: list[tuple[float, Block]] = []
    for t in tables:
        if max(len(r) for r in t.rows) == 1:  # a box around text: its lines are text
            for k, row in enumerate(t.rows):
                items.append((t.bbox[1] + k * 0.01, Block("text", row[0], 0, pno)))
            continue
        heading = heading_box(t.rows)
        block = Block("text", heading, 0, pno) if heading else t.block(pno)
        if t.label:  # a table from inside a cell, introduced by its row's label
            items.append((t.bbox[1] - 0.01, Block("text", t.label, 0, pno)))
        items.append((t.bbox[1], block))
    for para in paragraphs(lines, page.rect.width):
        if para.text:
            items.append((para.y0, Block("text", para.text, 0, pno, size=round(para.size, 1))))
    items.sort(key=lambda it: it[0])
    return [b for _, b in items]


def _same(a: Line, b: Line) -> bool:
    return abs(a.y0 - b.y0) < 0.5 and abs(a.x0 - b.x0) < 0.5 and a.text == b.text


def _drop_furniture(pages: list[list[Block]]) -> list[list[Block]]:
    """Page numbers, and header or footer lines repeated on most pages, removed."""
    edges: dict[str, int] = {}
    for blocks in pages:
        texts = [b.text for b in blocks if b.kind == "text"]
        for t in set(texts[:2] + texts[-2:]):
            norm = re.sub(r"\d+", "#", t)
            edges[norm] = edges.get(norm, 0) + 1
    many = max(3, (len(pages) + 1) // 2)
    repeated = {t for t, n in edges.items() if n >= many}
    out = []
    for blocks in pages:
        text_blocks = [b for b in blocks if b.kind == "text"]
        edge = {id(b) for b in text_blocks[:2] + text_blocks[-2:]}
        out.append(
            [
                b
                for b in blocks
                if not (
                    b.kind == "text"
                    and id(b) in edge
                    and (_PAGE_NUMBER.match(b.text) or re.sub(r"\d+", "#", b.text) in repeated)
                )
            ]
        )
    return out


def _continues(prev: Block, block: Block) -> bool:
    """True when block, opening its page, continues the table that closed the last page."""
    return (
        prev.kind == "table"
        and block.kind == "table"
        and prev.page is not None
        and block.page == prev.page + 1
        and bool(prev.rows)
        and bool(block.rows)
        and len(prev.rows[0]) == len(block.rows[0])  # type: ignore[index]
    )


def _join_pages(pages: list[list[Block]]) -> list[Block]:
    """All pages' blocks in order, tables continued over a page break joined."""
    out: list[Block] = []
    for blocks in pages:
        for k, block in enumerate(blocks):
            prev = out[-1] if out else None
            if k == 0 and prev is not None and _continues(prev, block):
                assert prev.rows is not None and block.rows is not None
                rows = block.rows[1:] if block.rows[0] == prev.rows[0] else block.rows
                prev.rows = prev.rows + rows  # a repeated header row is dropped
                prev.text = "\n".join(" | ".join(r) for r in prev.rows)
                continue
            out.append(block)
    return out


def read_pdf(path: Path) -> RawDocument:
    """Read a PDF with PyMuPDF: paragraphs and tables in reading order, with page numbers."""
    import pymupdf  # heavy (~1 s to import on 2 cores): a folder without PDFs never loads it

    data = path.read_bytes()
    if not data.strip():
        raise IngestError(path, "ingest.empty")
    if not data.startswith(b"%PDF"):
        raise IngestError(path, "ingest.pdf_not")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises its own FileDataError and friends
        raise IngestError(path, "ingest.pdf_cannot_open", detail=str(exc)) from exc
    with doc:
        if doc.needs_pass:
            raise IngestError(path, "ingest.pdf_encrypted")
        if doc.page_count == 0:
            raise IngestError(path, "ingest.pdf_no_pages")
        if b"%%EOF" not in data[-EOF_WINDOW:]:
            # PyMuPDF rebuilds a cut file from the objects it finds and reads the pages that
            # survived: stored, it would pass for the whole document.
            raise IngestError(
                path, "ingest.pdf_truncated", size=f"{len(data):,}", pages=doc.page_count
            )
        pages: list[list[Block]] = []
        try:
            # iter(): a Document iterates through __getitem__, which mypy follows only there.
            for pno, page in enumerate(iter(doc), start=1):
                pages.append(page_blocks(page, pno))
        except IngestError:
            raise
        except Exception as exc:
            raise IngestError(path, "ingest.pdf_damaged", detail=str(exc)) from exc
        page_count = doc.page_count
    blocks = _join_pages(_drop_furniture(pages))
    for n, block in enumerate(blocks, start=1):
        block.line = n
    if not any(b.text.strip() for b in blocks):
        raise IngestError(path, "ingest.pdf_no_text", pages=page_count)
    return RawDocument(str(path), "pdf", blocks, page_count, None)
