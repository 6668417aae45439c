"""HTML reader on the standard library: headings, paragraphs and list items as lines; tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from kb.errors import IngestError
from kb.types import RawDocument

from .decode import decode_text
from .emit import Blocks

# Elements that end a line of text (a paragraph, heading, list item, row …).
_BREAK = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "title", "ul",
}  # fmt: skip
# Elements whose content is never text to index.
_SKIP = {"script", "style", "noscript", "template", "svg", "math", "object", "iframe"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_MAX_SPAN = 1000  # cap on colspan/rowspan: a hostile value must not make a huge grid


@dataclass
class _Table:
    cells: list[tuple[int, int, str]] = field(default_factory=list)  # (row, col, text)
    row: int = -1
    col: int = 0
    taken: set[tuple[int, int]] = field(default_factory=set)  # slots held by rowspans
    cell: list[str] | None = None  # text of the open cell


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = Blocks()
        self.line: list[str] = []
        self.tables: list[_Table] = []
        self.skip: list[str] = []
        self.pre = 0

    # Text goes to the open cell of the innermost table, else to the current line.
    def _sink(self) -> list[str]:
        cell = self.tables[-1].cell if self.tables else None
        return self.line if cell is None else cell

    def _break(self) -> None:
        sink = self._sink()
        if sink is self.line:
            self.out.text("".join(self.line))
            self.line.clear()
        else:
            sink.append("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.append(tag)
            return
        if tag in _SKIP:
            self.skip.append(tag)
        elif tag == "table":
            self._break()
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            self._end_cell()
            t = self.tables[-1]
            t.row, t.col = t.row + 1, 0
        elif tag in ("td", "th") and self.tables:
            self._start_cell(dict(attrs))
        elif tag in _BREAK:
            self._break()
        if tag == "pre":
            self.pre += 1

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag == "table" and self.tables:
            self._end_cell()
            table = self.tables.pop()
            if self.tables and self.tables[-1].cell is not None:
                # A table nested in a cell: its words join the outer cell.
                self.tables[-1].cell.append(" ".join(t for _r, _c, t in table.cells) + "\n")
            else:
                self.out.table(table.cells)
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag in _BREAK:
            self._break()
        if tag == "pre":
            self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        sink = self._sink()
        if self.pre and sink is self.line:
            lines = data.split("\n")
            for k, piece in enumerate(lines):
                sink.append(piece)
                if k < len(lines) - 1:
                    self._break()
        else:
            sink.append(re.sub(r"\s+", " ", data))

    def _start_cell(self, attrs: dict[str, str | None]) -> None:
        self._end_cell()
        t = self.tables[-1]
        if t.row < 0:  # a cell without <tr>: open the first row
            t.row = 0
        while (t.row, t.col) in t.taken:
            t.col += 1
        cols, rows = _span(attrs.get("colspan")), _span(attrs.get("rowspan"))
        for dr in range(rows):
            for dc in range(cols):
                if dr or dc:
                    t.taken.add((t.row + dr, t.col + dc))
        t.cells.append((t.row, t.col, ""))
        t.col += cols
        t.cell = []

    def _end_cell(self) -> None:
        if not self.tables:
            return
        t = self.tables[-1]
        if t.cell is not None and t.cells:
            r, c, _ = t.cells[-1]
            t.cells[-1] = (r, c, "".join(t.cell))
        t.cell = None

    def finish(self) -> Blocks:
        """Flush what is still open (unclosed tables, the last line)."""
        self.close()
        while self.tables:
            self.handle_endtag("table")
        self._break()
        return self.out


def _span(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), _MAX_SPAN)
    except ValueError:
        return 1


def read_html(path: Path) -> RawDocument:
    """Read an .html/.htm file (declared charset, else UTF-8/CP949 detection)."""
    data = path.read_bytes()
    text, encoding = _decode(data, path)
    reader = _Reader()
    reader.feed(text)
    blocks = reader.finish().blocks
    if not blocks:
        raise IngestError(path, "ingest.html_no_text")
    return RawDocument(str(path), "html", blocks, None, encoding)


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    m = _CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = m.group(1).decode("ascii").lower()
        # EUC-KR pages routinely use CP949-only syllables (똠, 햏 …); CP949 is its superset.
        codec = (
            "cp949" if declared in ("euc-kr", "euckr", "ks_c_5601-1987", "ksc5601") else declared
        )
        try:
            return data.decode(codec).replace("\r\n", "\n"), codec
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall back to detection
    return decode_text(data, str(path))
