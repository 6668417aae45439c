"""Domain records passed between ingest, index and the facade (no behaviour, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["text", "table"]
ChunkKind = Literal["text", "table", "list"]


@dataclass(slots=True)
class Block:
    """One unit read from a file: a line of text or a whole table."""

    kind: BlockKind
    text: str
    line: int  # 1-based line (text files) or block ordinal (PDF) where it starts
    page: int | None = None
    rows: list[list[str]] | None = None  # table cells, for kind == "table"


@dataclass(slots=True)
class RawDocument:
    """What a reader returns: blocks in reading order plus format facts."""

    path: str
    format: str
    blocks: list[Block]
    pages: int | None = None
    encoding: str | None = None


@dataclass(slots=True)
class Section:
    """A node of the outline (Ⅲ. / 1. / ① / □ / ○ / ※ / 붙임)."""

    id: int  # ordinal within the document
    parent: int | None
    level: int
    marker: str
    title: str
    path: str  # "Ⅲ. 주요업무 추진계획 > 2. ... > ② ..." (titles joined with " > ")
    line: int
    page: int | None = None


@dataclass(slots=True)
class Table:
    """A table with its caption, unit, as-of date and header rows."""

    id: int  # ordinal within the document
    section_id: int | None
    line: int
    page: int | None
    caption: str
    unit: str | None
    as_of: str | None  # ISO date, e.g. 2019-09-30
    header: list[list[str]]
    rows: list[list[str]]
    columns: list[str]  # one flattened label per column ("집행액 원인행위")


@dataclass(slots=True)
class Chunk:
    """A retrievable passage with its place in the document."""

    ordinal: int
    text: str
    section_id: int | None
    section_path: str
    kind: ChunkKind
    line_start: int
    line_end: int
    page: int | None = None
    table_id: int | None = None


@dataclass(slots=True)
class Document:
    """A parsed document: metadata, outline, tables and chunks, ready to store."""

    path: str
    sha256: str
    format: str
    title: str
    organisation: str | None
    report_date: str | None
    year: int | None
    pages: int | None
    sections: list[Section] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)


@dataclass(slots=True)
class DocRef:
    """The document a hit comes from."""

    path: str
    title: str
    year: int | None


@dataclass(slots=True)
class Hit:
    """One search result, in the shape of `kb search --json`."""

    rank: int
    score: float
    chunk_id: int
    text: str
    snippet: str
    section: str
    page: int | None
    line: int
    doc: DocRef
