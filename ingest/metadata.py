"""Document metadata a reader would cite: title, issuer, date and year.

Read from the document itself, the way a person reads a cover page or a press release:
the title is the line set in the largest type near the top (a line that ends mid-clause
continues on the next, `규제영향분석서` above a subject joins it, a bracketed qualifier
below it too), or the `제목` field of an official letter; the date is the release or
approval field (`배포`, `보도시점`, `시행`, `결재일자`), else a date line of the cover,
else the period in the title (`(2010.11월 누계 기준/잠정)`); the issuer is the
responsible ministry field (`소관부처`), the organisation whose head leads a press release
(`과학기술정보통신부(장관 …)는`), the organisation lines of a cover or a signature, or
the department in charge. Plain-text files, which carry no type sizes, keep the cover
reading: the lines above the first date are the title.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from kb.lexicon import DOC_LABEL, KIND_LINE
from kb.types import Block

COVER_BLOCKS = 40  # blocks read as the cover / front page

_BRACKETED = re.compile(r"^\s*[\[(（［【].*[\])）］】]\s*$")
# A title line that stops mid-clause: a particle, a comma or a number before its unit.
_RUNS_ON = re.compile(r"(?:[,，·]|[는은이가을를의에와과로도며고서면및]|\d|억|만|조)\s*$")
_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2}|['’‘`]\s?\d{2})\s*(?:[.\-/]|년)\s*(?P<m>\d{1,2})\s*"
    r"(?:[.\-/]|월)?\s*(?:(?P<d>\d{1,2})\s*(?:[.\-/]|일)?)?"
)
_SHORT_DATE = re.compile(r"^\s*(?P<y>\d{2})\s*\.\s*(?P<m>\d{1,2})\s*\.?\s*$")  # "23. 09"
_DATE_KEYS = (
    "배포",
    "보도시점",
    "보도일시",
    "시행",
    "결재일자",
    "등록일자",
    "작성일",
    "작성",
    "공고일",
)
_TITLE_KEYS = ("제목", "건명", "사업명")
_ISSUER_KEYS = ("소관부처", "발행기관", "기관명", "주관기관", "작성기관")
_DEPT_KEYS = ("주관부서", "담당부서", "담당 부서")
_ORG = (
    r"[가-힣A-Za-z㈜()·]{2,30}(?:부|처|청|원|위원회|공사|공단|센터|재단|의회|연구소|연구원"
    r"|리서치|협회|은행|지사|사무국|추진단|본부|시청|구청|군청|㈜|\(주\))"
)
# An organisation line: an optional region (서울시, 서울특별시), then one to three names.
_REGION = r"(?:[가-힣]{1,6}(?:특별시|광역시|특별자치시|특별자치도|시|도|군|구)\s+)?"
_ORG_LINE = re.compile(
    rf"^(?:㈜\s*)?{_REGION}{_ORG}(?:\s+{_ORG}){{0,2}}(?:\s*\([가-힣]+\))?(?:\s*(?:원장|장))?$"
)
_ORG_WORD = re.compile(rf"^(?:㈜\s*)?{_ORG}(?![가-힣])")


def is_org_line(text: str) -> bool:
    """A short line that is only an organisation's name (`서초구의회`, `의회사무국`)."""
    t = text.strip()
    return len(t) <= 15 and bool(_ORG_LINE.match(t))


# A city or province is named alone on its logo (`서울특별시`, `경상남도`).
_PROVINCE = re.compile(
    r"[가-힣]{1,6}(?:특별시|광역시|특별자치시|특별자치도)|[가-힣]{2,3}[남북]도|경기도|강원도"
)


def org_name(line: str) -> str | None:
    """The organisation a short line names (`60) 기획재정부` read off a logo → `기획재정부`)."""
    words: list[str] = [w for w in re.findall(r"[가-힣]+", line) if len(w) >= 2]
    for text in (*words, "".join(words)):
        if is_org_line(text) or _PROVINCE.fullmatch(text):
            return text
    return None


# A department within an institution (`대외경제국 국제경제과`, `정책기획관실`): not an issuer
# a reader would cite, only where to ask.
_SUBUNIT = re.compile(r"[가-힣](?:국|과|팀|실|관|반|계)$")


def is_subunit(name: str) -> bool:
    """True when an issuer is a bureau or division rather than the institution."""
    return bool(_SUBUNIT.search(name.split()[-1])) if name.split() else False


# An organisation introduced under a role in the text: `한전KPS(주)(이하 ‘발주자’라 한다)`.
_ROLE = re.compile(rf"({_ORG})\s*\(\s*이하\s*[‘'\"“]?\s*(?:발주자|발주기관|주관기관|수요기관|갑)")
# A year the title names: the year the document is about (`‘24년 해외직접투자`, `2025년 …
# 추진계획`, `(2010.11월 누계 기준)`), which an annual report released next year keeps.
_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2}|['’‘`]\d{2})\s*(?:년|\.\s*\d{1,2}\s*월)")
_LEADER = re.compile(
    rf"({_ORG})\s*(?:\([^)]*\)\s*)?(?:장관|차관|청장|원장|사장|이사장|위원장|시장|구청장|처장)"
    rf"|({_ORG})\s*\((?:장관|차관|청장|원장|사장|위원장|시장)\s"
)


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a citation needs: title, issuer, date (ISO, day or month) and year."""

    title: str
    issuer: str | None
    date: str | None
    year: int | None


def collapse_spacing(text: str) -> str:
    """`통 합 재 정 통 계` → `통합재정통계`: letter-spaced words closed up.

    Only a run of three or more single syllables that is the whole line or stands before a
    bracket (`제 안 요 청 서 [사업명 …]`) is closed; prose keeps its spaces (`그 외 이 법 …`).
    """
    m = re.match(r"^((?:[가-힣] ){2,}[가-힣])(?=$|\s*[\[(（［【<])", text.strip())
    if not m or len(text) > 60:
        return text
    return m.group(1).replace(" ", "") + text.strip()[len(m.group(1)) :]


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _year_of(raw: str) -> int:
    digits = re.sub(r"\D", "", raw)
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def parse_date(text: str) -> str | None:
    """The first date in text as ISO (`2024-09-13`, or `2010-11` without a day)."""
    m = _DATE.search(text)
    if not m:
        return None
    year, month = _year_of(m.group("y")), int(m.group("m"))
    if not (1 <= month <= 12 and 1990 <= year <= 2100):
        return None
    day = m.group("d")
    if day and 1 <= int(day) <= 31:
        return f"{year:04d}-{month:02d}-{int(day):02d}"
    return f"{year:04d}-{month:02d}"


def _is_date_line(text: str) -> bool:
    t = re.sub(r"\(.\)|\s|기준|현재|작성|[.\-/년월일()]", "", text)
    return (bool(_DATE.search(text)) or bool(_SHORT_DATE.match(text))) and t.isdigit()


def _kv(blocks: list[Block], keys: tuple[str, ...], whole_row: bool = False) -> list[str]:
    """Values beside the given keys in tables (`보도시점 | 2024. 9. 13.`); whole_row: every
    other cell of a row that holds the key (`2023. 12. 25. | … | 작성`)."""
    wanted = {re.sub(r"\s+", "", k) for k in keys}
    out: list[str] = []
    for b in blocks:
        if b.kind != "table" or not b.rows:
            continue
        for row in b.rows:
            for c, cell in enumerate(row):
                if re.sub(r"\s+", "", cell) not in wanted:
                    continue
                rest = [x for x in (row[:c] + row[c + 1 :] if whole_row else row[c + 1 :])]
                rest = [x for x in rest if x.strip()]
                if rest:
                    out.append(" ".join(rest) if whole_row else rest[0])
    return out


def _text_blocks(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.kind == "text" and b.text.strip()]


def _title(cover: list[Block], body_size: float | None) -> str | None:
    """The largest-type line(s) of the cover, or None when no line stands out."""
    sized = [b for b in cover if b.size and not DOC_LABEL.match(b.text.replace(" ", ""))]
    sized = [b for b in sized if not _is_date_line(b.text) and len(b.text) <= 150]
    if not sized or body_size is None:
        return None
    top = max(b.size or 0 for b in sized)
    if top < body_size + 1.5:
        return None
    first = next(i for i, b in enumerate(cover) if b in sized and (b.size or 0) >= top - 0.5)
    group: list[Block] = []
    for b in cover[first:]:
        if (b.size or 0) < top - 0.5 or b not in sized:
            break
        group.append(b)
    # Lines that run on join; separate lines are separate candidates (a kicker above a
    # headline: `윤석대 한국수자원공사 사장` / `혹한기 봉화댐 …`), the longest wins.
    candidates: list[str] = []
    for b in group:
        text = _clean(b.text)
        if candidates and (
            _RUNS_ON.search(candidates[-1])
            or len(text) <= 3
            or KIND_LINE.match(text.replace(" ", ""))
        ):
            candidates[-1] = f"{candidates[-1]} {text}"
        else:
            candidates.append(text)
    title = max(candidates, key=lambda t: len(t.replace(" ", "")))
    k = cover.index(group[0])
    if k > 0 and KIND_LINE.match(cover[k - 1].text.replace(" ", "")):
        title = f"{_clean(cover[k - 1].text)} {title}"
    after = cover.index(group[-1]) + 1
    if after < len(cover) and _BRACKETED.match(cover[after].text):
        title = f"{title} {_clean(cover[after].text)}"
    return title


def _plain_title(cover: list[Block]) -> tuple[str, int | None]:
    """The lines above the first date line (a report's cover written as text)."""
    parts: list[str] = []
    for k, b in enumerate(cover[:15]):
        if _is_date_line(b.text):
            return " ".join(parts), k
        if not DOC_LABEL.match(b.text.replace(" ", "")):
            parts.append(_clean(b.text))
    return (parts[0] if parts else ""), None


def _institution(name: str) -> str:
    """The institution of an organisation line: `서초구의회 의회사무국` → `서초구의회`."""
    name = re.sub(r"\s*\([가-힣]+\)$", "", collapse_spacing(_clean(name)))
    m = _ORG_WORD.match(name)
    return _clean(m.group(0)) if m else name


def _issuer(blocks: list[Block], cover: list[Block], texts: list[Block]) -> str | None:
    """The responsible ministry field, the organisation leading or named in the text, the
    organisation lines of the cover or the signature, else the department in charge."""
    for value in _kv(blocks[:COVER_BLOCKS], _ISSUER_KEYS):
        return _clean(value)
    for b in texts[:15]:
        if m := _LEADER.search(b.text):
            return _clean(m.group(1) or m.group(2))
    for b in texts:
        if m := _ROLE.search(b.text):
            return _clean(m.group(1))
    for lines in (cover, texts[-12:]):
        if orgs := _org_lines(lines):
            return _institution(orgs)
    for b in texts[:COVER_BLOCKS]:
        if m := re.match(r"^\s*【\s*(?:주관|담당)부서\s*】\s*([가-힣A-Za-z]+)", b.text):
            return m.group(1)
    for b in blocks[:COVER_BLOCKS]:
        if b.kind == "table" and b.rows:
            for row in b.rows:
                for cell in row:
                    if _ORG_LINE.match(collapse_spacing(cell.strip())) and len(cell) <= 30:
                        return _institution(cell)
    for value in _kv(blocks[:COVER_BLOCKS], _DEPT_KEYS):
        return _clean(value)
    return None


def _org_lines(lines: list[Block]) -> str | None:
    """Consecutive organisation lines (`서초구의회` / `의회사무국`), joined."""
    found: list[str] = []
    for b in lines:
        text = collapse_spacing(_clean(b.text))
        if len(text) <= 30 and _ORG_LINE.match(text):
            found.append(re.sub(r"\s*(원장|장)$", "", text) if text.endswith("원장") else text)
        elif found:
            break
    return " ".join(found) if found else None


def _date(blocks: list[Block], cover: list[Block], title: str) -> str | None:
    for key in (("배포", "배포일시"), ("보도시점", "보도일시"), _DATE_KEYS):
        for value in _kv(blocks, key, whole_row=True):
            if found := parse_date(value):
                return found
    for b in cover:
        if _is_date_line(b.text):
            if m := _SHORT_DATE.match(b.text):
                return f"{2000 + int(m.group('y')):04d}-{int(m.group('m')):02d}"
            return parse_date(b.text)
    for b in cover:
        if re.search(r"보도|배포|시행|작성|공고일|주관부서|현재|기준", b.text):
            if found := parse_date(b.text):
                return found
    return parse_date(title)


def read_metadata(blocks: list[Block], fallback_title: str) -> Metadata:
    """Title, issuer, date and year of a document from its blocks."""
    texts = _text_blocks(blocks)
    cover_range = blocks[:COVER_BLOCKS]
    cover = _text_blocks(cover_range)
    sizes = [b.size for b in texts if b.size and len(b.text) > 30]
    body_size = statistics.median(sizes) if sizes else None
    title = _title(cover, body_size)
    plain_date: str | None = None
    issuer: str | None = None
    if title is None:
        named = _kv(cover_range, _TITLE_KEYS)
        if named:
            title = named[0]
        else:
            title, at = _plain_title(cover)
            if at is not None:
                plain_date = parse_date(cover[at].text)
                # A cover written as text names its issuer under the date.
                if at + 1 < len(cover) and _ORG_LINE.match(_clean(cover[at + 1].text)):
                    issuer = _clean(cover[at + 1].text)
    title = collapse_spacing(_clean(title)) if title else ""
    date = _date(cover_range + [b for b in blocks if b.kind == "table"], cover, title)
    date = date or plain_date
    named_year = _TITLE_YEAR.search(title)
    year = _year_of(named_year.group(1)) if named_year else int(date[:4]) if date else None
    issuer = issuer or _issuer(blocks, cover, texts)
    return Metadata(title[:200] or fallback_title, issuer, date, year)
