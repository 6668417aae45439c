"""The catalogue's words for the columns of an export (the TUI's CSV and Markdown files).

Keys are `col.` and the column's name as the screens give it (tui/export.py): Korean names
the column in Korean; English keeps the name itself, so an English export reads as before.
"""

from __future__ import annotations

# key → (Korean, English).
COLUMNS: dict[str, tuple[str, str]] = {
    "col.rank": ("순위", "rank"),
    "col.score": ("점수", "score"),
    "col.title": ("제목", "title"),
    "col.year": ("연도", "year"),
    "col.section": ("절", "section"),
    "col.page/line": ("쪽/행", "page/line"),
    "col.file": ("파일", "file"),
    "col.snippet": ("발췌", "snippet"),
    "col.program": ("사업", "program"),
    "col.measure": ("항목", "measure"),
    "col.label": ("행 이름", "label"),
    "col.value": ("값", "value"),
    "col.value_text": ("값(적힌 대로)", "value_text"),
    "col.unit": ("단위", "unit"),
    "col.as_of": ("기준일", "as_of"),
    "col.document": ("문서", "document"),
    "col.code": ("코드", "code"),
    "col.group": ("분류", "group"),
    "col.name": ("사업명", "name"),
    "col.objective": ("목적", "objective"),
    "col.contents": ("내용", "contents"),
    "col.results": ("실적", "results"),
    "col.plans": ("계획", "plans"),
    "col.report": ("보고서", "report"),
    "col.line": ("행", "line"),
    "col.status": ("상태", "status"),
    # The trend export's status values: the latest report's value, an earlier report's equal
    # value, an earlier report's value that was revised since.
    "col.status.current": ("현재", "current"),
    "col.status.same": ("같음", "same"),
    "col.status.revised": ("수정됨", "revised"),
    "col.previous_name": ("이전 이름", "previous_name"),
    "col.category": ("분야", "category"),
    "col.method": ("방법", "method"),
    "col.column": ("열", "column"),
    "col.period": ("기간", "period"),
    "col.period_words": ("기간(글)", "period_words"),
    "col.change": ("증감", "change"),
    "col.change_percent": ("증감률(%)", "change_percent"),
    "col.report_date": ("보고일", "report_date"),
    "col.table": ("표", "table"),
}
