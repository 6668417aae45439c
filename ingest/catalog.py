"""Programs and studies of a report, from its outline and its tables (pure)."""

from __future__ import annotations

import re

from kb.text import compact
from kb.types import Chunk, Program, Section, Study, Table

from .structure import CIRCLED, LEVEL_NUMBERED, LEVEL_PROGRAM

_PARTS = {
    "contents": ("사업내용", "사업개요", "추진개요", "추진배경", "사업목적", "사업목표"),
    "results": ("추진실적", "주요실적", "추진성과"),
    "plans": ("향후계획", "추진계획", "향후추진계획"),
}
_OBJECTIVE = re.compile(r"^\s*(?:[-–]\s*)?◆\s*")
_TITLE_COLUMNS = ("연구과제명", "연구명", "과제명", "연구주제", "연구과제")
_METHOD_COLUMNS = ("수행방법", "추진방법", "연구방법")
_CATEGORY_COLUMNS = ("비고", "구분", "유형", "분류", "연구유형")
_METHODS = re.compile(r"^(직접|용역|위탁|공동|자체)(\s*[+,/]\s*(직접|용역|위탁|공동|자체))*$")


def _descendants(sections: list[Section], root: Section) -> list[Section]:
    """Sections under root by parent links (paths repeat: a listed and an opened program)."""
    out, frontier = [], {root.id}
    for s in sections[root.id + 1 :]:
        if s.parent in frontier:
            out.append(s)
            frontier.add(s.id)
    return out


def programs(sections: list[Section], chunks: list[Chunk], year: int | None) -> list[Program]:
    """Programs opened in the body (a ① heading with content), in report order."""
    by_section: dict[int | None, list[Chunk]] = {}
    for c in chunks:
        by_section.setdefault(c.section_id, []).append(c)
    out: list[Program] = []
    for sec in sections:
        if sec.level != LEVEL_PROGRAM or sec.marker not in CIRCLED:
            continue
        kids = _descendants(sections, sec)
        own = by_section.get(sec.id, [])
        if not kids and not own:
            continue  # a program listed in a table of contents, opened further down
        group = sections[sec.parent] if sec.parent is not None else None
        group_label = f"{group.marker} {group.title}".strip() if group else ""
        number = group.marker.rstrip(".") if group and group.level == LEVEL_NUMBERED else "?"
        parts: dict[str, list[str]] = {key: [] for key in _PARTS}
        taken: set[int] = set()  # a part's subsections are already in it: never twice
        for kid in kids:
            if kid.parent in taken:
                taken.add(kid.id)
                continue
            head = compact(kid.title)
            for key, names in _PARTS.items():
                if head in names:
                    parts[key].extend(c.text for c in _subtree_chunks(sections, kid, by_section))
                    taken.add(kid.id)
                    break
        objective = ""
        for c in own:
            for line in c.text.split("\n"):
                if _OBJECTIVE.match(line):
                    objective = _OBJECTIVE.sub("", line).strip()
                    break
            if objective:
                # A ◆ line may wrap onto the next line of the same chunk.
                rest = c.text.split("\n")
                k = next(i for i, ln in enumerate(rest) if _OBJECTIVE.match(ln))
                tail = [
                    ln.strip()
                    for ln in rest[k + 1 :]
                    if ln.strip() and not re.match(r"^[-□○※]", ln.strip())
                ]
                objective = " ".join([objective, *tail]).strip()
                break
        out.append(
            Program(
                year,
                f"{number}-{sec.marker}",
                group_label,
                sec.title,
                objective,
                _join(parts["contents"]),
                _join(parts["results"]),
                _join(parts["plans"]),
                sec.path,
                sec.line,
            )
        )
    return out


def _bare(line: str) -> str:
    return re.sub(r"^[\s\-–·•○□◆※]+", "", line).strip()


def _join(texts: list[str]) -> str:
    """Chunk texts in order; a table chunk's caption that repeats the line just before it
    ('- 〈 마을실천대학 교육 체계도 〉' then the table captioned with it) is printed once."""
    out: list[str] = []
    for text in texts:
        lines = text.split("\n")
        if out and lines and _bare(lines[0]) and _bare(lines[0]) == _bare(out[-1]):
            lines = lines[1:]
        out.extend(lines)
    return "\n".join(out)


def _subtree_chunks(
    sections: list[Section], root: Section, by_section: dict[int | None, list[Chunk]]
) -> list[Chunk]:
    ids = [root.id] + [s.id for s in _descendants(sections, root)]
    return [c for sid in ids for c in by_section.get(sid, [])]


def _find(columns: list[str], names: tuple[str, ...]) -> int | None:
    for i, col in enumerate(columns):
        if compact(col) in names:
            return i
    return None


def studies(tables: list[Table], sections: list[Section], year: int | None) -> list[Study]:
    """Studies from research lists (`연번 | 연구과제명 | 수행방법`, `연번 | 연구명 | 비고`)."""
    out: list[Study] = []
    for t in tables:
        ti = _find(t.columns, _TITLE_COLUMNS)
        if ti is None:
            continue
        mi = _find(t.columns, _METHOD_COLUMNS)
        ci = _find(t.columns, _CATEGORY_COLUMNS)
        path = sections[t.section_id].path if t.section_id is not None else ""
        for r, row in enumerate(t.rows):
            if ti >= len(row) or not row[ti].strip():
                continue
            method = row[mi].strip() if mi is not None and mi < len(row) else None
            category = row[ci].strip() if ci is not None and ci < len(row) else None
            if method and not _METHODS.match(method):
                method = None
            if category and not category.endswith("연구"):
                category = None
            out.append(
                Study(
                    year,
                    row[ti].strip(),
                    category or None,
                    method or None,
                    path,
                    t.line + len(t.header) + r,
                )
            )
    return out
