"""Helpers shared by the test modules: where the test data is, a KnowledgeBase on its own
file, files written by the tests (Korean PDFs, XLSX workbooks) and the TUI tests' settle.

Fixtures stay in conftest.py; this module holds the plain functions and classes that test
modules import (`from tests.helpers import make_kb`). PyMuPDF and Textual are imported where
they are used, so importing this module (conftest does, for every test) stays cheap.
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from index.trends import TrendFigure
from kb.config import Settings
from kb.facade import KnowledgeBase

if TYPE_CHECKING:
    from textual.pilot import Pilot

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = CORPUS / "2019-11_seoul-maeul-center_council-work-report.txt"
# The project's development query sets, written from the sample report (tests/data/SOURCE.md).
DEV_SEARCH = ROOT / "tests" / "data" / "dev_search.jsonl"
DEV_COUNTS = ROOT / "tests" / "data" / "dev_counts.jsonl"
REALDOCS = ROOT / "tests" / "data" / "realdocs"


def make_kb(db: Path, embedder: str = "") -> KnowledgeBase:
    """A KnowledgeBase on its own database file, isolated from the user's settings."""
    return KnowledgeBase(Settings(home=db.parent, db=db, embedder=embedder))


# -- Korean PDFs, written with PyMuPDF's built-in CJK font ---------------------------------

FONT = "korea"
MARGIN = 50.0


def make_korean_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF written with PyMuPDF's built-in Korean font, one list of lines per page."""
    import pymupdf

    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page()
        for i, line in enumerate(lines):
            page.insert_text((72, 72 + 20 * i), line, fontname=FONT, fontsize=11)
    doc.save(path)
    doc.close()
    return path


def _width(text: str, size: float) -> float:
    import pymupdf

    return float(pymupdf.get_text_length(text, fontname=FONT, fontsize=size))


class PdfWriter:
    """Writes text lines and ruled tables top to bottom, starting new pages as needed."""

    def __init__(self, size: float = 9.0) -> None:
        import pymupdf

        self.doc: Any = pymupdf.open()
        self.size = size
        self.page: Any = self.doc.new_page()
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
        import pymupdf

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


# -- XLSX workbooks, written with the standard library --------------------------------------

OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _xlsx_cell(ref: str, value: object, shared: list[str], style: int = 0) -> str:
    if isinstance(value, str):
        shared.append(value)
        return f'<c r="{ref}" t="s"><v>{len(shared) - 1}</v></c>'
    return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'


def make_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """An XLSX workbook; str cells go to sharedStrings, (number, style) tuples get a style.

    Styles: 1 = date (built-in format 14), 2 = percent (format 10).
    """
    shared: list[str] = []
    parts = {}
    for k, rows in enumerate(sheets.values(), start=1):
        xml_rows = []
        for r, row in enumerate(rows, start=1):
            cells = []
            for c, value in enumerate(row):
                ref = f"{chr(65 + c)}{r}"
                if value is None:
                    continue
                if isinstance(value, tuple):
                    cells.append(_xlsx_cell(ref, value[0], shared, value[1]))
                else:
                    cells.append(_xlsx_cell(ref, value, shared))
            xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
        parts[f"xl/worksheets/sheet{k}.xml"] = (
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{''.join(xml_rows)}</sheetData></worksheet>"
        )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet_list = "".join(
        f'<sheet name="{escape(name)}" sheetId="{k}" r:id="rId{k}"/>'
        for k, name in enumerate(sheets, start=1)
    )
    rels = "".join(
        f'<Relationship Id="rId{k}" Type="{OFFICE_RELS}/worksheet" '
        f'Target="worksheets/sheet{k}.xml"/>'
        for k in range(1, len(sheets) + 1)
    )
    strings = "".join(f"<si><t>{escape(s)}</t></si>" for s in shared)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{OFFICE_RELS}"><sheets>{sheet_list}</sheets>'
            "</workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{PKG_RELS}">{rels}</Relationships>',
        )
        z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main}">{strings}</sst>')
        z.writestr(
            "xl/styles.xml",
            f'<styleSheet xmlns="{main}"><cellXfs count="3"><xf numFmtId="0"/>'
            '<xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="10" applyNumberFormat="1"/>'
            "</cellXfs></styleSheet>",
        )
        for name, xml in parts.items():
            z.writestr(name, xml)
    return path


# -- the terminal UI ------------------------------------------------------------------------


async def settle(pilot: Pilot) -> None:  # type: ignore[type-arg]
    """Let debounce timers fire and every worker finish, twice (workers start workers)."""
    from textual.worker import WorkerCancelled

    for _ in range(2):
        await pilot.pause(0.2)
        for _attempt in range(10):
            try:
                await pilot.app.workers.wait_for_complete()
                break
            except WorkerCancelled:
                # An exclusive worker superseded by a newer one (a stale search, dropped by
                # design): wait for the ones that replaced it.
                await pilot.pause(0.05)
        await pilot.pause()


def trend_figure(
    value: float,
    period: str | None,
    doc: str,
    date: str,
    unit: str | None = "억 달러",
    label: str = "총투자",
    column: str = "",
    table: int = 1,
    ordinal: int = 1,
    scale: float | None = None,
) -> TrendFigure:
    """A stored figure as index.trends returns it (made up: the shape, not the documents)."""
    return TrendFigure(
        label=label,
        label_key=label.replace(" ", ""),
        measure=None,
        measure_label=column,  # a column naming only its period leaves no words
        value=value,
        value_text=f"{value:,}",
        unit=unit,
        scale=scale,
        period=period,
        doc_id=hash(doc) % 1000,
        doc=doc,
        doc_title=doc,
        report_date=date,
        year=int(date[:4]),
        doc_period=None,
        table_id=table,
        table_ordinal=ordinal,
        caption="",
        section="",
        page=None,
        line=1,
        row=0,
        col=0,
        match=1.0,
    )


def seed_reports(folder: Path, n: int, lines: int = 40, stride: int = 17) -> list[Path]:
    """n small reports cut from the seed, each under its own heading so none are identical."""
    seed_lines = SEED.read_text(encoding="utf-8").split("\n")
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        start = (i * stride) % (len(seed_lines) - lines)
        body = "\n".join(seed_lines[start : start + lines])
        path = folder / f"보고서 {i:02d}.txt"
        path.write_text(f"Ⅰ. 보고서 {i}\n{body}\n", encoding="utf-8")
        out.append(path)
    return out


def wait_for(predicate: Callable[[], bool], timeout: float = 120.0) -> None:
    """Poll until predicate() holds; AssertionError after timeout seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")
