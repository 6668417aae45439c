"""Readers: one signature, chosen by file suffix. path -> RawDocument (blocks in reading order)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from kb.errors import IngestError
from kb.i18n import said
from kb.types import Block, RawDocument

from .decode import decode_text
from .html import read_html
from .hwp import read_hwp
from .hwpx import read_hwpx
from .office import read_docx, read_xlsx
from .pdf import read_pdf

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
            "ingest.unsupported",
            suffix=path.suffix or said("ingest.no_suffix"),
            supported=", ".join(supported_suffixes()),
        )
    try:
        return reader(path)
    except IngestError:
        raise
    except OSError as exc:
        raise IngestError(path, "ingest.cannot_read", detail=exc.strerror or str(exc)) from exc
