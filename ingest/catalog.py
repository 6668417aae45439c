"""Programs and studies of a report, from its outline and its tables (pure)."""

from __future__ import annotations

import re

from kb.lexicon import PROGRAM_KEYS, PROGRAM_PARTS
from kb.text import compact
from kb.types import Chunk, Program, Section, Study, Table

from .structure import CIRCLED, LEVEL_NUMBERED, LEVEL_PROGRAM

_OBJECTIVE = re.compile(r"^\s*(?:[-–]\s*)?◆\s*")
_TITLE_COLUMNS = ("연구과제명", "연구명", "과제명", "연구주제", "연구과제", "연구제목")
# Columns that title studies only in a table about research (`선행연구 정리`: 제목(년도)).
_GENERIC_TITLE_COLUMNS = ("제목", "제목년도", "논문명", "보고서명", "문헌명", "자료명")
_ABOUT_RESEARCH = re.compile(r"연구|문헌|논문|보고서")
# A document that is itself a study: its title names research (`… 정비방안 연구 (중간보고서)`).
_STUDY_TITLE = re.compile(r"(연구|연구용역|조사)\s*(?:[(（\[][^)）\]]*보고서[)）\]])?\s*$")
_REPORT_SUFFIX = re.compile(r"\s*[(（\[][^)）\]]*보고서[)）\]]\s*$")
_NOT_A_NAME = re.compile(r"예산|집행|금액|현액|비고|구분|실적|계획|기간")
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


def _key_name(cell: str) -> str:
    """A field key without its numbering: `1.규제사무명` → `규제사무명`, `사 업 명` → `사업명`."""
    return re.sub(r"^\d{1,2}", "", compact(cell))


def _field_name(value: str) -> str | None:
    """A field value that can name a program (text, not a header word or a number)."""
    v = re.sub(r"\s+", " ", value).strip()
    if len(compact(v)) < 4 or not re.search(r"[가-힣A-Za-z]", v) or _NOT_A_NAME.search(compact(v)):
        return None
    return v[:120]


def field_programs(
    tables: list[Table], chunks: list[Chunk], sections: list[Section], year: int | None
) -> list[Program]:
    """Programs a document names in its own fields: `사업명 | …`, `□ 사 업 명 : …`."""
    found: dict[str, Program] = {}

    def add(name: str, section_id: int | None, line: int) -> None:
        if compact(name) in found:
            return
        sec = sections[section_id] if section_id is not None else None
        found[compact(name)] = Program(
            year, "", sec.title if sec else "", name, "", "", "", "", sec.path if sec else "", line
        )

    for t in tables:
        for row in [*t.header, *t.rows]:
            for c, cell in enumerate(row[:-1]):
                if _key_name(cell) not in PROGRAM_KEYS:
                    continue
                values = [x for x in row[c + 1 :] if x.strip()]
                if len(values) != 1:
                    continue  # a header row listing several programs, not a field
                if name := _field_name(values[0]):
                    add(name, t.section_id, t.line)
    for chunk in chunks:
        if chunk.kind == "table":
            continue
        for k, line in enumerate(chunk.text.split("\n")):
            m = re.match(
                r"^\s*(?:[□■○◦ㅇ▪•\-–·]|[가-하]\.|\d{1,2}[.)])?\s*([^:：]{2,12})[:：]\s*(.+)$", line
            )
            if m and _key_name(m.group(1)) in PROGRAM_KEYS and (name := _field_name(m.group(2))):
                add(name, chunk.section_id, chunk.line_start + k)
    return list(found.values())


def document_study(title: str, year: int | None) -> Study | None:
    """The document itself when its title names a study (`… 정비방안 연구 (중간보고서)`)."""
    if not _STUDY_TITLE.search(title):
        return None
    return Study(year, _REPORT_SUFFIX.sub("", title).strip(), None, None, "", 1)


def programs(sections: list[Section], chunks: list[Chunk], year: int | None) -> list[Program]:
    """Programs opened in the body, in report order: a ① heading whose part sections
    (사업내용, 추진실적, 향후계획 …) or ◆ objective say it describes a work item."""
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
        parts: dict[str, list[str]] = {key: [] for key in PROGRAM_PARTS}
        taken: set[int] = set()  # a part's subsections are already in it: never twice
        for kid in kids:
            if kid.parent in taken:
                taken.add(kid.id)
                continue
            head = compact(kid.title)
            for key, names in PROGRAM_PARTS.items():
                if head in names:
                    parts[key].extend(c.text for c in _subtree_chunks(sections, kid, by_section))
                    taken.add(kid.id)
                    break
        objective = ""
        # The ◆ line opens the program; a short one shares a chunk with the part below it.
        first_kid = next((by_section[k.id][0] for k in kids if by_section.get(k.id)), None)
        for c in own or ([first_kid] if first_kid else []):
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
        if not objective and not any(parts.values()):
            continue  # a numbered paragraph (a law's ① …), not a program
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
        lines = [ln for ln in text.split("\n") if not _OBJECTIVE.match(ln)]  # the objective's
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
        if ti is None and (ti := _find(t.columns, _GENERIC_TITLE_COLUMNS)) is not None:
            place = (
                t.caption + " " + (sections[t.section_id].path if t.section_id is not None else "")
            )
            if not _ABOUT_RESEARCH.search(place):
                ti = None
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
