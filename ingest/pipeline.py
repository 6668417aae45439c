"""One file in, one Document out: read, outline, chunk, metadata. No database here."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from kb.types import Document, RawDocument

from .catalog import programs, studies
from .chunker import build_chunks
from .figures import caption_unit, inline_figures, table_as_of, table_figures
from .readers import read_document
from .structure import parse_outline

_DATE_LINE = re.compile(
    r"^\s*((?:19|20)\d{2})\s*[.년]\s*(\d{1,2})\s*[.월]?\s*(?:(\d{1,2})\s*[.일]?)?\s*$"
)
_ORG_HINT = re.compile(r"(센터|시|구|청|재단|원|위원회|연구소|공단|협회|부|처)$")


def file_sha256(path: Path) -> str:
    """Content hash used to skip unchanged files."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _metadata(raw: RawDocument, path: Path) -> tuple[str, str | None, str | None, int | None]:
    """Title, organisation, report date and year from the cover lines."""
    lines = [b.text.strip() for b in raw.blocks[:40] if b.kind == "text" and b.text.strip()]
    title_parts: list[str] = []
    org = date = None
    year = None
    for k, line in enumerate(lines[:15]):
        m = _DATE_LINE.match(line)
        if m:
            year = int(m.group(1))
            date = f"{year:04d}-{int(m.group(2)):02d}"
            if m.group(3):
                date += f"-{int(m.group(3)):02d}"
            if k + 1 < len(lines) and _ORG_HINT.search(lines[k + 1]):
                org = lines[k + 1]
            break
        title_parts.append(line)
    if date is None:
        title_parts = lines[:1]
    title = re.sub(r"\s+", " ", " ".join(title_parts)).strip()[:200] or path.stem
    return title, org, date, year


def parse_file(path: Path, chunk_chars: int = 700, year: int | None = None) -> Document:
    """Parse one file into a Document (IngestError names the file and reason when it cannot)."""
    raw = read_document(path)
    outline = parse_outline(raw.blocks)
    chunks, tables = build_chunks(raw.blocks, outline, chunk_chars)
    title, org, date, found_year = _metadata(raw, path)
    if not chunks:
        from kb.errors import IngestError

        raise IngestError(path, "no text found")
    year = year if year is not None else found_year
    for table in tables:
        table.as_of = table_as_of(table, year)
        table.unit = table.unit or caption_unit(table)
    figures = [f for t in tables for f in table_figures(t)]
    figures += [f for c in chunks for f in inline_figures(c)]
    return Document(
        path=str(path),
        sha256=file_sha256(path),
        format=raw.format,
        title=title,
        organisation=org,
        report_date=date,
        year=year,
        pages=raw.pages,
        sections=outline.sections,
        tables=tables,
        chunks=chunks,
        figures=figures,
        programs=programs(outline.sections, chunks, year),
        studies=studies(tables, outline.sections, year),
    )
