"""Real documents from other institutions, end to end, against their dev_structure lines.

tests/data/realdocs holds one HWP, one HWPX and one PDF of the development set (see
SOURCES.md there) and the statistics release used for figures. Structure does not depend
on the embedder, so these documents are stored with a deterministic hashing embedder
(conftest.realdocs_kb; plumbing only: no test here claims search quality).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest import ocr
from ingest.pipeline import parse_file
from ingest.readers import read_document
from kb.facade import KnowledgeBase
from kb.structure_eval import DocScore
from tests.helpers import SEED, PdfWriter

DATA = Path(__file__).parent / "data" / "realdocs"
GOLD = DATA / "structure.jsonl"


@pytest.fixture(scope="module")
def scores(realdocs_kb: KnowledgeBase) -> dict[str, DocScore]:
    return {d.file: d for d in realdocs_kb.evaluate_structure(GOLD).documents}


@pytest.mark.parametrize(
    "file,all_programs",
    [
        ("ria_76076_industrial_safety.hwp", True),  # its five 규제사무명 fields
        ("ria_75544_privacy_decree.hwpx", True),
        ("seocho_council_expense_plan_2026.pdf", False),  # names its program only in prose
    ],
)
def test_each_format_reads_as_its_structure_line(
    scores: dict[str, DocScore], file: str, all_programs: bool
) -> None:
    d = scores[file]
    assert d.path is not None
    assert d.title, d.title_got
    assert d.year and d.issuer, (d.year_got, d.issuer_got)
    assert d.sections_found == d.sections_total, d.sections_missed
    assert d.cells_found == d.cells_total, d.cells_missed
    assert d.programs_right == d.programs_stored, d.programs_wrong  # precision first
    assert not all_programs or d.programs_right == d.programs_total
    assert d.top_headings > 0 and not d.sentence_headings


def test_press_release_title_date_and_department(scores: dict[str, DocScore]) -> None:
    d = scores["fdi_2025q1_press.hwp"]
    # The headline, not the '보도자료' label; the release date's year. The ministry is
    # printed only in the masthead logo: with OCR installed it is read from there, else the
    # department in charge is what kb can cite.
    assert d.title and d.year
    assert d.issuer_got == ("기획재정부" if ocr.available() else "대외경제국")
    assert d.cells_found == d.cells_total, d.cells_missed


def test_structure_eval_json_shape(realdocs_kb: KnowledgeBase) -> None:
    out = realdocs_kb.evaluate_structure(GOLD).as_json()
    assert set(out) == {"overall", "documents"}
    for name in ("title", "year", "issuer", "sections_recall", "sections_precision"):
        assert 0.0 <= out["overall"][name] <= 1.0
    for name in ("cells_recall", "studies_recall", "programs_precision"):
        assert 0.0 <= out["overall"][name] <= 1.0
    json.dumps(out, ensure_ascii=False)  # other tools read it


def test_statistics_release_figures_have_unit_period_and_sign(realdocs_kb: KnowledgeBase) -> None:
    rows = realdocs_kb.figures("총투자")
    quarter = [r for r in rows if r.period == "2024-Q4" and r.doc.endswith("fdi_2025q1_press.hwp")]
    assert quarter and quarter[0].value == 181.4 and quarter[0].unit == "억 달러"
    # A change row printed '(△8.9)' is a negative percentage, not an amount.
    changes = [r for r in realdocs_kb.figures("증감률") if r.value is not None and r.value < 0]
    assert changes and all(r.unit == "%" for r in changes)


def test_pdf_table_cells_keep_spaces_and_digit_groups(tmp_path: Path) -> None:
    pdf = PdfWriter()
    pdf.line("< 세부사업별 예산 현황 (단위 : 천원) >")
    rows = [
        ["사업명", "예산현액", "지출액"],
        ["청년마을활동가 성장교육", "70,000", "24,049"],
        ["자치구 마을공동체사업 운영 지원", "1,234,567", "△1,200"],
    ]
    pdf.table(rows)
    path = pdf.save(tmp_path / "t.pdf")
    tables = [b for b in read_document(path).blocks if b.kind == "table"]
    assert len(tables) == 1 and tables[0].rows == rows
    doc = parse_file(path)
    got = {(f.label, f.measure_label): (f.value, f.unit) for f in doc.figures}
    assert got[("청년마을활동가 성장교육", "예산현액")] == (70000.0, "천원")
    assert got[("자치구 마을공동체사업 운영 지원", "지출액")] == (-1200.0, "천원")


def _budget_rows(path: Path) -> set[tuple[str, str, float | None, str | None, str | None]]:
    doc = parse_file(path)
    as_of = {t.id: t.as_of for t in doc.tables}
    return {
        (f.label, f.measure, f.value, f.unit, as_of.get(f.table_id))
        for f in doc.figures
        if f.measure is not None
    }


def test_sample_report_as_a_ruled_pdf_gives_the_same_budget_rows(tmp_path: Path) -> None:
    pdf = PdfWriter(size=8.0)
    for block in read_document(SEED).blocks:
        if block.kind == "table" and block.rows:
            pdf.table(block.rows, size=6.5)
        elif block.text.strip():
            pdf.line(block.text.strip())
    path = pdf.save(tmp_path / "seed.pdf")
    want = _budget_rows(SEED)
    assert len(want) > 50  # the report's eleven budget-execution tables
    assert _budget_rows(path) == want
