"""The outline parser on the seed report and on small synthetic outlines."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import parse_file
from ingest.readers import read_document
from ingest.structure import parse_outline
from tests.helpers import SEED

YOUTH = "Ⅲ. 주요업무 추진계획 > 2. 마을공동체 활동가 발굴과 성장 > ② 청년마을활동가 성장교육"


@pytest.mark.golden
def test_seed_programs_opened_by_objective_blocks() -> None:
    outline = parse_outline(read_document(SEED).blocks)
    paths = [s.path for s in outline.sections]
    # Each program appears once as a listed heading and once more when its ◆ block opens it.
    for program in (
        "1. 마을공동체 정책연구 및 홍보 전파 > ③ 대외 협력 연계망 구축 및 대외 홍보",
        "2. 마을공동체 활동가 발굴과 성장 > ② 청년마을활동가 성장교육",
        "3. 자치구 지역공동체 기반 조성 지원 > ③ 자치구 마을생태계 기반조성",
        "5. 생활권 및 동단위 마을자치 생태계 강화 > ② 공동체공간 활성화 지원사업",
    ):
        assert sum(p.endswith(program) for p in paths) == 2, program
    assert f"{YOUTH} > □ 추진실적" in paths
    assert f"{YOUTH} > ※ 예산집행 현황" in paths
    assert f"{YOUTH} > □ 향후계획" in paths  # printed without its □ box in the source


@pytest.mark.golden
def test_seed_chunks_know_section_and_line() -> None:
    doc = parse_file(SEED)
    assert doc.year == 2019 and doc.report_date == "2019-11"
    assert doc.organisation == "서울시 마을공동체종합지원센터"
    lines = SEED.read_text(encoding="utf-8").split("\n")
    youth_table = next(
        c for c in doc.chunks if c.kind == "table" and "청년마을활동가 성장교육 | 70,000" in c.text
    )
    assert youth_table.section_path == f"{YOUTH} > ※ 예산집행 현황"
    assert lines[youth_table.line_start - 1].startswith("사업명\t예산현액")
    # Header rows are repeated in the table chunk, flattened over the two-row header.
    assert "집행액 원인행위" in youth_table.text and "(단위 : 천원" in youth_table.text
    result = next(c for c in doc.chunks if "청년아이디어 발굴사업 추진 1건" in c.text)
    assert result.section_path.startswith(f"{YOUTH} > □ 추진실적")
    assert any(
        "청년아이디어 발굴사업 추진 1건" in ln
        for ln in lines[result.line_start - 1 : result.line_end]
    )


@pytest.mark.golden
def test_table_records_unit_and_as_of() -> None:
    doc = parse_file(SEED)
    budget = [t for t in doc.tables if t.columns and t.columns[0] == "사업명"]
    assert len(budget) == 11  # one per "※ 예산집행 현황" in the report
    assert all(t.unit == "천원" and t.as_of == "2019-09-30" for t in budget)
    youth = next(t for t in budget if t.rows[0][0] == "청년마을활동가 성장교육")
    assert youth.columns[1:4] == ["예산현액", "집행액 원인행위", "집행액 지출액"]
    # The staff table: its date stands alone on the line between caption and table.
    staff = next(t for t in doc.tables if t.rows and t.rows[0][0] == "정 원")
    assert staff.caption == "인 력 30/28명 (정원/현원)" and staff.as_of == "2019-09-30"


def test_synthetic_outline_levels(tmp_path: Path) -> None:
    path = tmp_path / "o.txt"
    path.write_text(
        "Ⅱ. 추진실적\n1. 교육 사업\n① 기초 교육\n□ 추진실적\n○ 상반기\n- 교육 3회(45명)\n"
        "※ 참고 사항입니다\n붙임 1 명단\n- 홍길동\n2. 연구 사업\n- 연구 2건\n",
        encoding="utf-8",
    )
    outline = parse_outline(read_document(path).blocks)
    paths = [s.path for s in outline.sections]
    assert "Ⅱ. 추진실적 > 1. 교육 사업 > ① 기초 교육 > □ 추진실적 > ○ 상반기" in paths
    assert "Ⅱ. 추진실적 > 1. 교육 사업 > 붙임 1 명단" in paths
    assert "Ⅱ. 추진실적 > 2. 연구 사업" in paths
    # A ※ note that is not a table caption stays content, not a heading.
    assert not any("※" in p for p in paths)


def test_long_paragraphs_are_cut_at_sentence_ends() -> None:
    from ingest.chunker import split_long
    from kb.types import Block

    text = "마을공동체 활동가를 양성한다. " * 120
    pieces = split_long(Block("text", text.strip(), 7), 700)
    assert len(pieces) >= 3 and all(len(p.text) <= 700 for p in pieces)
    assert all(p.text.endswith("양성한다.") for p in pieces)
    assert " ".join(p.text for p in pieces) == text.strip()
    assert {p.line for p in pieces} == {7}


def test_a_caption_line_joined_to_its_table_is_said_once() -> None:
    # An official letter's last lines (seoul audit opinion): a small run whose last line
    # the table below also takes as its caption, joined to that table.
    from ingest.chunker import build_chunks
    from kb.types import Block

    blocks = [
        Block("text", "1. 관련 문서를 알려드립니다.", 1),
        Block("text", "붙임 1. 일상감사 의견서 1부.", 2),
        Block("text", "2. 일상감사 조치결과서 양식 1부. 끝.", 3),
        Block(
            "table",
            "주무관 | 팀장 | 과장\n홍길동 | 김철수 | 이영희",
            4,
            rows=[["주무관", "팀장", "과장"], ["홍길동", "김철수", "이영희"]],
        ),
    ]
    chunks, _ = build_chunks(blocks, parse_outline(blocks))
    joined = "\n".join(c.text for c in chunks)
    assert joined.count("조치결과서 양식 1부. 끝.") == 1, joined
    assert "홍길동" in joined
