"""Typed messages a thread worker posts with its result; a handler on the UI thread shows it.

Each carries what the work was for (query, row, study …) so that the handler can drop a
result the user has moved on from. None bubbles: the widget that started the work handles it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message

from kb.types import (
    AnswerCard,
    FigureRow,
    Hit,
    IngestReport,
    Mismatch,
    Program,
    ProgramHistory,
    ProgramMark,
    Reading,
    Series,
    Study,
    TableView,
)

Params = tuple[str, int | None, str | None]  # a search: (query, year, doc path)


# -- search -------------------------------------------------------------------------------
@dataclass
class FiltersLoaded(Message, bubble=False):
    """The years and documents for the search filters."""

    years: list[int]
    docs: list[dict[str, Any]]


@dataclass
class SearchDone(Message, bubble=False):
    """The hits of one search (or why it failed)."""

    params: Params
    hits: list[Hit]
    error: str | None
    waiting: int = 0  # documents searched by words only (their vectors not written yet)


@dataclass
class AnswerFound(Message, bubble=False):
    """Stored figures that answer the search `params`."""

    params: Params
    card: AnswerCard


@dataclass
class NeighboursLoaded(Message, bubble=False):
    """A hit with the chunks before and after it."""

    hit: Hit
    around: list[Hit]


# -- figures ------------------------------------------------------------------------------
@dataclass
class FiguresLoaded(Message, bubble=False):
    """The figure rows matching a filter."""

    query: str
    rows: list[FigureRow]


@dataclass
class ChecksLoaded(Message, bubble=False):
    """The consistency warnings over all stored figures."""

    checks: list[Mismatch]


@dataclass
class TableLoaded(Message, bubble=False):
    """The source table of a figure row (None: not stored)."""

    row: FigureRow
    table: TableView | None


# -- programs -----------------------------------------------------------------------------
@dataclass
class ProgramsLoaded(Message, bubble=False):
    """Every stored program."""

    programs: list[Program]


@dataclass
class ProgramFiguresLoaded(Message, bubble=False):
    """The figure rows of one program."""

    program: Program
    figures: list[FigureRow]


@dataclass
class ProgramMarksLoaded(Message, bubble=False):
    """Each year's programs marked against the year before (new, renamed, discontinued)."""

    marks: list[ProgramMark]


@dataclass
class ProgramHistoryLoaded(Message, bubble=False):
    """One program's years side by side."""

    program: Program
    history: ProgramHistory


# -- trends -------------------------------------------------------------------------------
@dataclass
class TrendLoaded(Message, bubble=False):
    """The series of one query (or why it failed)."""

    query: str
    series: Series | None
    error: str | None = None


@dataclass
class ReadingPassageLoaded(Message, bubble=False):
    """The passage a series value is printed in, with its neighbours (None: not stored)."""

    reading: Reading
    hit: Hit | None
    around: list[Hit]


# -- studies ------------------------------------------------------------------------------
@dataclass
class StudiesLoaded(Message, bubble=False):
    """The studies matching a filter."""

    query: str
    studies: list[Study]


@dataclass
class PassagesFound(Message, bubble=False):
    """The passages that mention a study."""

    study: Study
    hits: list[Hit]


# -- ingest -------------------------------------------------------------------------------
@dataclass
class IngestProgress(Message, bubble=False):
    """One progress report of a running ingest (stage "file", "embed" or "done")."""

    stage: str
    path: str
    done: int
    total: int


@dataclass
class IngestDone(Message, bubble=False):
    """An ingest ended: its report, or the error that stopped it."""

    report: IngestReport | None
    error: str | None
