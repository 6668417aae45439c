"""Domain records passed between ingest, index and the facade (no behaviour, no I/O)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, NamedTuple, TypedDict

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
    size: float | None = None  # largest font size of the text, in points, when known


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
    # Source line of each line of `text` (blank lines are dropped from the text, so counting
    # from line_start would drift); empty when unknown.
    text_lines: list[int] = field(default_factory=list)


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
    figures: list[Figure] = field(default_factory=list)
    programs: list[Program] = field(default_factory=list)
    studies: list[Study] = field(default_factory=list)
    period: str | None = None  # the period the title names (2024-Q3, 2010-11, 2024)


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
    snippet: str  # plain text, as the document has it
    section: str
    page: int | None
    line: int
    doc: DocRef
    marks: list[tuple[int, int]] = field(default_factory=list)  # query terms in snippet


@dataclass(slots=True)
class Figure:
    """One number: a table cell or a count in prose (`뿌리과정 10회(135명)`)."""

    label: str  # row label (program) or the words before an inline count
    measure: str | None  # canonical key (budget, committed, spent, …) or None
    measure_label: str  # the Korean column label, always kept
    value: float | None  # in the table's own unit; None for "-" or blanks (never 0)
    value_text: str
    unit: str | None
    scale: float | None  # multiply value by this to get won (천원 → 1000)
    table_id: int | None  # ordinal of the table within its document; None for prose
    row: int | None  # body row index within the table
    col: int | None
    section_id: int | None
    line: int
    page: int | None = None
    period: str | None = None  # what it measures: 2024, 2024-Q2, 2024-05, 2024-01..2024-09


@dataclass(slots=True)
class FigureRow:
    """A stored figure with its source, in the shape of `kb figures --json`."""

    program: str
    measure: str | None
    label: str
    value: float | None
    value_text: str
    unit: str | None
    scale: float | None
    as_of: str | None
    year: int | None
    doc: str
    doc_title: str
    section: str
    page: int | None
    line: int
    table_id: int | None
    period: str | None = None  # the period the figure measures (see Figure.period)


@dataclass(slots=True)
class TableView:
    """A stored table, whole, for display (figures screen, answer cards)."""

    table_id: int
    caption: str
    unit: str | None
    as_of: str | None
    columns: list[str]
    header: list[list[str]]
    rows: list[list[str]]
    doc: str
    doc_title: str
    section: str
    line: int
    page: int | None


@dataclass(slots=True)
class Mismatch:
    """Two sources that should agree and do not (never silently fixed)."""

    kind: str  # "total" (a 합계/계 row against its rows) or "cross" (one program, two tables)
    program: str
    measure: str
    expected: float  # e.g. the sum of the rows
    found: float  # e.g. the printed total
    detail: str
    sources: list[str]  # "doc:line section" of each side


@dataclass(slots=True)
class Program:
    """A program of a report: group, code, name and its parts, each from a section."""

    year: int | None
    code: str  # e.g. "2-②"
    group: str  # e.g. "2. 마을공동체 활동가 발굴과 성장"
    name: str
    objective: str
    contents: str
    results: str
    plans: str
    section_path: str
    line: int
    doc: str = ""
    doc_title: str = ""


@dataclass(slots=True)
class ProgramMark:
    """A program in a year's tree, marked against the year before (index.program_years)."""

    year: int | None  # the year of the tree it is shown in
    program: Program  # for "discontinued", the year before's program
    # "new", "continued", "renamed" or "discontinued" (in the year before, not in this one);
    # None when no report of the year before lists programs (nothing to compare with).
    status: str | None
    previous_name: str | None = None  # its name the year before (continued, renamed)
    match: float = 0.0  # how alike the two names are (1.0 the same, once compacted)


@dataclass(slots=True)
class ProgramYear:
    """One year of a program followed across reports: its name that year and its figures."""

    year: int | None
    program: Program
    status: str | None  # against the year before, as ProgramMark.status
    previous_name: str | None
    match: float
    budget: FigureRow | None  # 예산현액 of its budget row (the row named most like it)
    spent: FigureRow | None  # 집행액(지출) of the same row
    results: list[FigureRow] = field(default_factory=list)  # counts its 추진실적 states


@dataclass(slots=True)
class ProgramHistory:
    """`kb program`'s years side by side: the same program in reports of different years."""

    name: str
    years: list[ProgramYear]  # oldest first
    # The year after its last whose reports list programs but not it: it ended (None: it
    # runs in the latest year, or no report of the year after lists programs).
    discontinued_in: int | None = None


@dataclass(slots=True)
class Study:
    """A research project or output listed in a report."""

    year: int | None
    title: str
    category: str | None  # 정책연구, 성과연구, 제도화연구 …
    method: str | None  # 직접, 용역, 직접+용역
    section_path: str
    line: int
    doc: str = ""
    match: str = "words"  # "words" (title shares the query's words) or "meaning" (nearest)


@dataclass(slots=True)
class AnswerCard:
    """An extractive answer: stored figure rows and passages, each with its citation."""

    question: str
    program: str | None
    figures: list[FigureRow]
    passages: list[Hit]
    asked: list[str] = field(default_factory=list)  # measure keys the question names
    # A change question (전년 대비, 증감, 추이): the series' values compared (kb.changes).
    change: ChangeAnswer | None = None


@dataclass(slots=True)
class StoredDocument:
    """A stored document whole, as the ingester left it (for `kb eval --mode structure`)."""

    doc_id: int
    path: str
    title: str
    organisation: str | None
    report_date: str | None
    year: int | None
    sections: list[Section]
    tables: list[Table]
    figures: list[Figure]
    programs: list[str]
    studies: list[str]


@dataclass(slots=True)
class Reading:
    """One value of a series as one report printed it, with its source."""

    period: str  # what it measures (see Figure.period)
    value: float  # in the series' unit (converted when the report printed another scale)
    value_text: str  # as printed
    unit: str | None  # the series' unit
    doc: str
    doc_title: str
    report_date: str | None  # the report's date, else its year: what orders revisions
    table_id: int | None
    caption: str
    section: str
    page: int | None
    line: int
    # "label": the figure's header, caption or as-of date names the period; "report": it
    # names none and the report's own period stands in.
    period_from: str = "label"
    printed_unit: str | None = None  # the unit as printed, when it differs (천원 → 백만원)


@dataclass(slots=True)
class Change:
    """The change into a period from the one before it, in the series' one unit."""

    since: str  # the earlier period (2024-Q1 before 2024-Q2; 2023-01..2023-09 before 2024-…)
    absolute: float
    percent: float | None  # None when the earlier value is 0


@dataclass(slots=True)
class TrendPoint:
    """A period of a series: the latest report's value, and what earlier reports printed."""

    period: str
    kind: str  # year, half, quarter, month, range (1~9월, a total to a month) or date
    current: Reading  # the value of the latest report that gives this period
    earlier: list[Reading]  # values of earlier reports for the same period, oldest first
    revised: bool  # an earlier report printed a different value (a revision)
    change: Change | None = None  # from the previous period, current values


@dataclass(slots=True)
class TrendLine:
    """One series: a row label (and the column words beyond the period) in one unit."""

    label: str
    column: str  # `합 계` in a table of accounts; "" when the column only names the period
    unit: str | None
    points: list[TrendPoint]  # in period order
    match: float  # how well the label matches the query (1.0 exact)
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Series:
    """`kb trend`: the series a query names across reports, each value with its source."""

    query: str
    lines: list[TrendLine]
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ChangeAnswer:
    """A change question's answer: two values of one series and the change, or the series."""

    kind: str  # "change" (two periods) or "trend" (the series, 추이)
    label: str
    column: str
    unit: str | None
    before: TrendPoint | None = None  # the earlier period (with the reports that give it)
    after: TrendPoint | None = None  # the later period
    change: Change | None = None  # after − before, in the line's unit, and %
    points: list[TrendPoint] = field(default_factory=list)  # "trend": the series
    refused: str | None = None  # why no change is computed (one line), else None
    before_period: str | None = None  # the periods compared, found or not
    after_period: str | None = None
    notes: list[str] = field(default_factory=list)  # e.g. the row has another series


# (stage, path, done, total). Stages: "resume" ("", documents, chunks waiting from an
# earlier run), "file" (parsing file done+1 of total), "words" (path, its chunks, 0: stored
# and searchable by words), "embed" (path, chunks embedded, its chunks), "vectors" (path,
# its chunks, 0: stored whole), "done" ("", files, files).
Progress = Callable[[str, str, int, int], None]


@dataclass(slots=True)
class IngestReport:
    """What one `ingest` call did, file by file."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    pruned: list[str] = field(default_factory=list)
    chunks: int = 0
    resumed: list[str] = field(default_factory=list)  # vectors an earlier run left to write

    @property
    def ok(self) -> bool:
        """True when no file failed."""
        return not self.failed


class DocCount(TypedDict):
    """One stored document in `kb stats`: a dict, as its JSON and the TUI's filters read it."""

    path: str
    title: str
    year: int | None
    format: str
    chunks: int


@dataclass(slots=True)
class IndexStats:
    """Counts and facts about an index, in the shape (and key order) of `kb stats --json`."""

    db: str
    size_bytes: int
    documents: int
    sections: int
    chunks: int
    tables: int
    embedder: str | None
    dim: int | None
    # Stored by words, vectors still to come (an ingest runs or was stopped).
    waiting_documents: int
    waiting_chunks: int
    docs: list[DocCount]

    def to_json(self) -> dict[str, Any]:
        """The `kb stats --json` object."""
        return asdict(self)

    def __getitem__(self, key: str) -> Any:
        """`stats["chunks"]` as when stats were a dict (callers and tests read them so)."""
        if key not in IndexStats.__dataclass_fields__:
            raise KeyError(key)
        return getattr(self, key)


class Check(NamedTuple):
    """One line of `kb doctor`: what was checked, whether it is fine, and what to do."""

    name: str
    ok: bool
    detail: str
