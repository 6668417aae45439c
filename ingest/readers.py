"""Readers: one signature, chosen by file suffix. path -> RawDocument (blocks in reading order)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from kb.errors import IngestError
from kb.types import Block, RawDocument

from .decode import decode_text
from .html import read_html
from .hwp import read_hwp
from .hwpx import read_hwpx
from .office import read_docx, read_xlsx

Reader = Callable[[Path], RawDocument]

_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\u00a0]+")


def clean_cell(cell: str | None) -> str:
    """Strip HTML fragments and collapse whitespace inside a table cell."""
    if not cell:
        return ""
    return _SPACES.sub(" ", _TAG.sub(" ", cell).replace("\n", " ")).strip()


def _text_blocks(lines: list[str], page: int | None = None, first_line: int = 1) -> list[Block]:
    """Split lines into text blocks and tables (runs of tab-separated lines)."""
    blocks: list[Block] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if "\t" in line:
            start, rows = i, []
            while i < n:
                if "\t" in lines[i]:
                    rows.append([clean_cell(c) for c in lines[i].split("\t")])
                    i += 1
                # A single blank line inside a table does not end it.
                elif not lines[i].strip() and i + 1 < n and "\t" in lines[i + 1]:
                    i += 1
                else:
                    break
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            # Drop columns that are blank in every row (trailing tabs).
            keep = [j for j in range(width) if any(r[j] for r in rows)]
            if not keep:  # lines of tabs only: layout, not a table
                continue
            rows = [[r[j] for j in keep] for r in rows]
            text = "\n".join(" | ".join(r) for r in rows)
            blocks.append(Block("table", text, first_line + start, page, rows))
            continue
        blocks.append(Block("text", line.rstrip(), first_line + i, page))
        i += 1
    return blocks


def read_text(path: Path) -> RawDocument:
    """Read a .txt/.md file (UTF-8, UTF-8-BOM, UTF-16, CP949/EUC-KR)."""
    text, encoding = decode_text(path.read_bytes(), str(path))
    fmt = "md" if path.suffix.lower() in {".md", ".markdown"} else "txt"
    return RawDocument(str(path), fmt, _text_blocks(text.split("\n")), None, encoding)


def read_pdf(path: Path) -> RawDocument:
    """Read a PDF with PyMuPDF: text lines and detected tables, with page numbers."""
    import pymupdf

    data = path.read_bytes()
    if not data.strip():
        raise IngestError(path, "empty file")
    if not data.startswith(b"%PDF"):
        raise IngestError(path, "not a PDF (no %PDF header)")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises its own FileDataError and friends
        raise IngestError(path, f"cannot open PDF: {exc}") from exc
    with doc:
        if doc.needs_pass:
            raise IngestError(path, "encrypted PDF (password required)")
        if doc.page_count == 0:
            raise IngestError(path, "PDF has no pages (truncated or damaged)")
        blocks: list[Block] = []
        ordinal = 1
        try:
            for pno, page in enumerate(doc, start=1):
                page_blocks, ordinal = _pdf_page_blocks(page, pno, ordinal)
                blocks.extend(page_blocks)
        except IngestError:
            raise
        except Exception as exc:
            raise IngestError(path, f"damaged PDF: {exc}") from exc
        if not any(b.text.strip() for b in blocks):
            raise IngestError(
                path, f"no text layer: page count {doc.page_count}; OCR not available"
            )
        return RawDocument(str(path), "pdf", blocks, doc.page_count, None)


def _pdf_page_blocks(page: object, pno: int, ordinal: int) -> tuple[list[Block], int]:
    """Text lines outside tables plus each table, sorted top to bottom."""
    items: list[tuple[float, Block]] = []
    boxes = []
    try:
        tables = page.find_tables().tables  # type: ignore[attr-defined]
    except Exception:  # table detection is best effort; the text is still read below
        tables = []
    for tab in tables:
        rows = [[clean_cell(c) for c in row] for row in tab.extract()]
        rows = [r for r in rows if any(r)]
        if len(rows) < 2:
            continue
        boxes.append(tab.bbox)
        text = "\n".join(" | ".join(r) for r in rows)
        items.append((tab.bbox[1], Block("table", text, 0, pno, rows)))
    for x0, y0, x1, y1, text, _no, btype in page.get_text("blocks"):  # type: ignore[attr-defined]
        if btype != 0 or not text.strip():
            continue
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        if any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes):
            continue
        for k, line in enumerate(text.splitlines()):
            if line.strip():
                items.append((y0 + k * 0.01, Block("text", line.strip(), 0, pno)))
    items.sort(key=lambda it: it[0])
    out = []
    for _, block in items:
        block.line = ordinal
        ordinal += 1
        out.append(block)
    return out, ordinal


READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_text,
    ".markdown": read_text,
    ".pdf": read_pdf,
    ".hwp": read_hwp,
    ".hwpx": read_hwpx,
    ".docx": read_docx,
    ".xlsx": read_xlsx,
    ".html": read_html,
    ".htm": read_html,
}


def supported_suffixes() -> list[str]:
    """Suffixes kb can read, sorted."""
    return sorted(READERS)


def read_document(path: Path) -> RawDocument:
    """Read any supported file, chosen by suffix; IngestError names the file and the reason."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise IngestError(
            path,
            f"unsupported file type '{path.suffix or '(none)'}' "
            f"(supported: {', '.join(supported_suffixes())})",
        )
    try:
        return reader(path)
    except IngestError:
        raise
    except OSError as exc:
        raise IngestError(path, f"cannot read file: {exc.strerror or exc}") from exc
