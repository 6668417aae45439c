"""`kb eval --mode structure`: what the ingester extracted, scored against a gold file.

Each line of the gold file describes one document (`dev_structure.jsonl` shape): title,
year, issuer, top-level section headings, example table cells, studies and programs. The
line's `file` is matched to the stored document whose path ends with it. Comparisons
ignore whitespace (PDF text layers drop it) and quote and middle-dot variants.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ingest.cells import LabelledCell, labelled_cells
from ingest.figures import label_columns, row_labels

from .errors import KbError
from .i18n import t
from .numbers import parse_number
from .types import Section, StoredDocument

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‛": "'", "`": "'", "′": "'", "“": '"', "”": '"'})
_DOTS = str.maketrans({"ㆍ": "·", "‧": "·", "・": "·", "∙": "·", "･": "·"})
_WS = re.compile(r"\s+")
# Outline markers a heading may be written with or without: Ⅰ. / 1. / 가. / 1) / □ / ○ …
_MARKER = re.compile(
    r"^(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|[IVX]{1,4}|\d{1,2}|[가-하])[.)]?(?=\S)|"
    r"^(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|[IVX]{1,4}|\d{1,2}|[가-하])[.)]|"
    r"^\(\d{1,2}\)|^[□■○◯●◦❍ㅇ◆◇▪▶►\-–·※①-⑳]"
)
_UNKNOWN = {"", "미상", "unknown"}
# A heading that is really a sentence: a list of items, or a clause that ends a sentence.
_LISTED = re.compile(r"[①-⑳].*[,，].*[①-⑳]")
_SENTENCE_END = re.compile(r"(?:다|함|음|됨|임|요)\s*[.。]?\s*$")


def key(text: str | None) -> str:
    """Text for comparison: NFKC, no whitespace, one form of quotes and middle dots."""
    t = unicodedata.normalize("NFKC", text or "").translate(_QUOTES).translate(_DOTS)
    return _WS.sub("", t)


def heading_key(text: str) -> str:
    """A heading without its leading outline markers."""
    k = key(text)
    for _ in range(3):
        stripped = _MARKER.sub("", k, count=1)
        if stripped == k or not stripped:
            break
        k = stripped
    return k


def is_sentence(title: str) -> bool:
    """True for a heading that reads as a sentence: items listed inline or a long clause."""
    t = title.strip()
    return bool(_LISTED.search(t)) or (len(t) > 25 and bool(_SENTENCE_END.search(t)))


@dataclass(slots=True)
class DocScore:
    """One document's scores and what was missed or wrong."""

    file: str
    path: str | None
    title: bool = False
    title_got: str | None = None
    year: bool = False
    year_got: int | None = None
    issuer: bool = False
    issuer_got: str | None = None
    sections_found: int = 0
    sections_total: int = 0
    sections_missed: list[str] = field(default_factory=list)
    top_headings: int = 0
    sentence_headings: list[str] = field(default_factory=list)
    cells_found: int = 0
    cells_total: int = 0
    cells_missed: list[dict[str, Any]] = field(default_factory=list)
    studies_found: int = 0
    studies_total: int = 0
    studies_missed: list[str] = field(default_factory=list)
    programs_right: int = 0
    programs_stored: int = 0
    programs_total: int = 0
    programs_wrong: list[str] = field(default_factory=list)


@dataclass(slots=True)
class StructureEval:
    """`kb eval --mode structure`: overall fractions (0–1) and each document's scores."""

    overall: dict[str, float]
    documents: list[DocScore]

    def as_json(self) -> dict[str, Any]:
        """The JSON shape other tools read: {"overall": {...}, "documents": [...]}."""
        return {"overall": self.overall, "documents": [asdict(d) for d in self.documents]}


def _same_name(a: str | None, b: str | None) -> bool:
    """Issuer names agree when one contains the other (부처 ⊂ 부처 + 과)."""
    ka, kb_ = key(a), key(b)
    return bool(ka and kb_) and (ka in kb_ or kb_ in ka)


def _labels_match(gold: str, label: str, alternatives: Iterable[str]) -> bool:
    g = key(gold)
    if not g:
        return True  # an empty gold label is matched by the other label and the value
    for cand in (label, *alternatives):
        c = key(cand)
        if c and (c == g or (len(g) >= 2 and (c.endswith(g) or c.startswith(g)))):
            return True
    return False


def _value_match(gold: str, cell: LabelledCell) -> bool:
    g, c = key(gold), key(cell.text)
    if g == c:
        return True
    if cell.numeric:
        mine, theirs = parse_number(cell.text), parse_number(gold)
        return bool(mine and theirs and mine[0] is not None and mine[0] == theirs[0])
    # Long text cells: the gold names their first sentence, or the label opens the cell
    # (a law article's heading `제5조(다른 법률과의 관계)` before its text).
    return len(g) >= 8 and c.startswith(g) or c.endswith(g) and len(g) >= 0.6 * len(c)


def cell_found(gold: dict[str, Any], cells: list[LabelledCell]) -> bool:
    """A gold cell {row_label, column_label, value_text, unit} among the stored cells."""
    unit = key(gold.get("unit"))
    for cell in cells:
        # A cell may open with its own row label (a law article: `제5조(…) 본문`).
        labelled = key(cell.text) == key(gold.get("row_label", "")) + key(gold["value_text"])
        if not labelled and not _value_match(gold.get("value_text", ""), cell):
            continue
        if not labelled and not _labels_match(
            gold.get("row_label", ""), cell.row_label, cell.row_alternatives
        ):
            continue
        if not _labels_match(
            gold.get("column_label", ""), cell.column_label, cell.column_alternatives
        ):
            continue
        if unit and cell.numeric and key(cell.unit) != unit:
            continue
        return True
    return False


def _section_labels(s: Section) -> set[str]:
    full = f"{s.marker} {s.title}" if s.marker else s.title
    return {heading_key(s.title), heading_key(full), key(full), key(s.title)}


def _depth(sections: list[Section]) -> dict[int, int]:
    depth: dict[int, int] = {}
    for s in sections:
        depth[s.id] = 0 if s.parent is None else depth.get(s.parent, 0) + 1
    return depth


def _named(gold: str, names: Iterable[str]) -> bool:
    g = key(gold)
    for name in names:
        n = key(name)
        if n == g or (
            n and g and min(len(n), len(g)) >= 0.8 * max(len(n), len(g)) and (n in g or g in n)
        ):
            return True
    return False


def score_document(gold: dict[str, Any], doc: StoredDocument | None) -> DocScore:
    """Score one stored document against its gold line."""
    out = DocScore(gold["file"], doc.path if doc else None)
    out.sections_total = len(gold.get("sections", []))
    out.cells_total = len(gold.get("tables", []))
    out.studies_total = len(gold.get("studies", []))
    out.programs_total = len(gold.get("programs", []))
    if doc is None:
        out.sections_missed = list(gold.get("sections", []))
        return out
    out.title_got, out.year_got, out.issuer_got = doc.title, doc.year, doc.organisation
    out.title = key(doc.title) == key(gold.get("title"))
    out.year = doc.year == gold.get("year")
    want = gold.get("issuer")
    out.issuer = (
        doc.organisation is None if key(want) in _UNKNOWN else _same_name(want, doc.organisation)
    )
    labels = set().union(*(_section_labels(s) for s in doc.sections)) if doc.sections else set()
    for heading in gold.get("sections", []):
        if heading_key(heading) in labels or key(heading) in labels:
            out.sections_found += 1
        else:
            out.sections_missed.append(heading)
    depth = _depth(doc.sections)
    top = [s for s in doc.sections if depth[s.id] <= 1]
    out.top_headings = len(top)
    out.sentence_headings = [s.title for s in top if is_sentence(s.title)]
    cells = [c for t in doc.tables for c in _cells(t)] + _field_cells(doc)
    for cell in gold.get("tables", []):
        if cell_found(cell, cells):
            out.cells_found += 1
        else:
            out.cells_missed.append(cell)
    for study in gold.get("studies", []):
        if _named(study, doc.studies):
            out.studies_found += 1
        else:
            out.studies_missed.append(study)
    out.programs_stored = len(doc.programs)
    for name in doc.programs:
        if _named(name, gold.get("programs", [])):
            out.programs_right += 1
        else:
            out.programs_wrong.append(name)
    return out


def _field_cells(doc: StoredDocument) -> list[LabelledCell]:
    """Figures stated in text (`사업 규모 : 일금 사억원(₩ 400,000,000)`) as cells."""
    return [
        LabelledCell(-1, -1, f.value_text, f.label, "", f.unit, f.value, True)
        for f in doc.figures
        if f.table_id is None
    ]


def _cells(table: Any) -> list[LabelledCell]:
    cols = label_columns(table)
    return labelled_cells(table, row_labels(table, cols), cols, every=True)


def _ratio(found: int, total: int) -> float:
    return found / total if total else 1.0


def evaluate_structure(
    path: str | Path, load: Callable[[str], StoredDocument | None]
) -> StructureEval:
    """Score every line of a dev_structure-shaped JSONL file; load(file) finds its document."""
    try:
        lines = [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x]
    except (OSError, ValueError) as exc:
        raise KbError(t("fail.structure_set", path=path, detail=exc)) from exc
    docs = []
    for gold in lines:
        if "file" not in gold:
            raise KbError(t("fail.no_file_field", path=path))
        docs.append(score_document(gold, load(gold["file"])))
    n = len(docs) or 1

    def total(name: str) -> int:
        return sum(getattr(d, name) for d in docs)

    top = total("top_headings")
    overall = {
        "documents": float(len(docs)),
        "title": sum(d.title for d in docs) / n,
        "year": sum(d.year for d in docs) / n,
        "issuer": sum(d.issuer for d in docs) / n,
        "sections_recall": _ratio(total("sections_found"), total("sections_total")),
        # Top two levels of each outline that are headings, not sentences.
        "sections_precision": _ratio(top - sum(len(d.sentence_headings) for d in docs), top),
        "cells_recall": _ratio(total("cells_found"), total("cells_total")),
        "studies_recall": _ratio(total("studies_found"), total("studies_total")),
        "programs_precision": _ratio(total("programs_right"), total("programs_stored")),
        "programs_recall": _ratio(
            sum(min(d.programs_right, d.programs_total) for d in docs), total("programs_total")
        ),
    }
    return StructureEval(overall, docs)
