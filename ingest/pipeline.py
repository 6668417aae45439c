"""One file in, one Document out: read, outline, chunk, metadata. No database here."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from kb.errors import IngestError
from kb.periods import parse_period
from kb.text import printable
from kb.types import Block, Document

from .catalog import document_study, field_programs, programs, studies
from .chunker import build_chunks
from .figures import caption_unit, field_figures, inline_figures, table_as_of, table_figures
from .metadata import is_subunit, read_metadata
from .ocr import logo_issuer
from .readers import read_document
from .structure import parse_outline
from .tables import section_unit, units_in

# Passages per document. A 500-page report makes about 2,500; past this a file is a dump
# or a bomb, and embedding it would hold the index for hours (90 MB of text: ~7 h).
MAX_CHUNKS = 20_000


def file_sha256(path: Path) -> str:
    """Content hash used to skip unchanged files."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _printable(block: Block) -> Block:
    """The block with control characters made spaces (stored text never drives a terminal)."""
    rows = [[printable(c) for c in r] for r in block.rows] if block.rows else block.rows
    return replace(block, text=printable(block.text), rows=rows)


def parse_file(path: Path, chunk_chars: int = 700, year: int | None = None) -> Document:
    """Parse one file into a Document (IngestError names the file and reason when it cannot)."""
    raw = read_document(path)
    raw.blocks = [_printable(b) for b in raw.blocks]
    outline = parse_outline(raw.blocks)
    chunks, tables = build_chunks(raw.blocks, outline, chunk_chars)
    meta = read_metadata(raw.blocks, path.stem)
    if not chunks:
        raise IngestError(path, "ingest.no_text")
    if len(chunks) > MAX_CHUNKS:
        raise IngestError(
            path, "ingest.too_many_chunks", n=f"{len(chunks):,}", limit=f"{MAX_CHUNKS:,}"
        )
    year = year if year is not None else meta.year
    issuer = meta.issuer
    if issuer is None or is_subunit(issuer):
        issuer = logo_issuer(path) or issuer
    for table in tables:
        table.as_of = table_as_of(table, year)
        table.unit = (
            table.unit
            or next(iter(units_in(table.caption)), None)
            or section_unit(table.section_id, outline.sections)
            or caption_unit(table)
        )
    figures = [f for t in tables for f in table_figures(t)]
    figures += [f for c in chunks for f in inline_figures(c)]
    figures += [f for c in chunks for f in field_figures(c)]
    own = [s for s in [document_study(meta.title, year)] if s is not None]
    return Document(
        path=str(path),
        sha256=file_sha256(path),
        format=raw.format,
        title=meta.title,
        organisation=issuer,
        report_date=meta.date,
        year=year,
        pages=raw.pages,
        sections=outline.sections,
        tables=tables,
        chunks=chunks,
        figures=figures,
        # A report's own program tree, else the work items its fields name (one source
        # only: inside a program, `사업명 : …` names a detail of it).
        programs=programs(outline.sections, chunks, year)
        or field_programs(tables, chunks, outline.sections, year),
        studies=own + studies(tables, outline.sections, year),
        period=parse_period(meta.title),
    )
