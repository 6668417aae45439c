"""Structured lookup on the seed: figures from every budget table, checks, programs, studies."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from ingest.figures import (
    caption_unit,
    is_budget_table,
    label_columns,
    row_labels,
    table_figures,
)
from ingest.pipeline import parse_file
from kb.checks import check_table
from kb.cli import cli
from kb.facade import KnowledgeBase
from kb.numbers import format_number, parse_number
from kb.types import Table
from tests.helpers import ROOT, SEED

DEV_FIGURES = ROOT / "tests" / "data" / "dev_figures.jsonl"
MEASURES = [
    "budget",
    "committed",
    "spent",
    "committed_rate",
    "spent_rate",
    "expected",
    "expected_rate",
]


def test_parse_number_forms() -> None:
    assert parse_number("5,859,632") == (5859632.0, None)
    assert parse_number("60%") == (60.0, "%")
    assert parse_number("-") == (None, None)
    assert parse_number("10회") == (10.0, "회")
    assert parse_number("2,756 (이월금 145 포함)") == (2756.0, None)
    assert parse_number("마을활동가") is None
    assert parse_number("2.26(화) 10-16") is None


@given(st.integers(min_value=0, max_value=10**12))
def test_numbers_round_trip(n: int) -> None:
    assert parse_number(format_number(n)) == (float(n), None)


@given(st.text(max_size=60))
def test_number_parser_never_raises(text: str) -> None:
    parsed = parse_number(text)
    assert parsed is None or len(parsed) == 2


@pytest.mark.golden
def test_every_budget_table_maps_each_cell_to_its_measure() -> None:
    doc = parse_file(SEED)
    budget_tables = [t for t in doc.tables if is_budget_table(t)]
    assert len(budget_tables) == 13  # 11 program tables, the overview and the closing summary
    for table in budget_tables:
        figures = table_figures(table)
        for r, row in enumerate(table.rows):
            by_measure = {f.measure: f for f in figures if f.row == r}
            assert sorted(by_measure) == sorted(MEASURES), (table.caption, row)
            for f in by_measure.values():
                # The value is the cell's own number (a dash stays empty, never 0).
                assert f.value == parse_number(row[f.col])[0]
                assert f.unit == ("%" if f.measure.endswith("_rate") else "천원")
                assert f.scale == (None if f.unit == "%" else 1000.0)


@pytest.mark.golden
def test_youth_and_total_rows_all_measures(seed_kb: KnowledgeBase) -> None:
    youth = {
        r.measure: r.value
        for r in seed_kb.figures("청년마을활동가 성장교육")
        if r.program == "청년마을활동가 성장교육"
    }
    assert youth == {
        "budget": 70000,
        "committed": 54648,
        "spent": 24049,
        "committed_rate": 78,
        "spent_rate": 34,
        "expected": 70000,
        "expected_rate": 100,
    }
    total = [r for r in seed_kb.figures("합계", measure="spent") if r.program == "합 계"]
    assert {r.value for r in total} == {3198817}
    research = {
        r.measure: r.value for r in seed_kb.figures("현장지원연구") if r.program == "현장지원연구"
    }
    assert research["spent"] is None and research["spent_rate"] is None  # "-" is not 0


@pytest.mark.golden
def test_cli_figures_json_spacing_insensitive(seed_db: Path) -> None:
    for words in (["청년마을활동가", "성장교육"], ["청년마을활동가성장교육"]):
        result = CliRunner().invoke(cli, ["--db", str(seed_db), "figures", *words, "--json"])
        assert result.exit_code == 0, result.output
        rows = json.loads(result.output)
        top = {r["measure"]: r for r in rows if r["program"] == "청년마을활동가 성장교육"}
        assert top["budget"]["value"] == 70000 and top["committed"]["value"] == 54648
        assert top["spent"]["value"] == 24049
        assert {top[m]["unit"] for m in ("budget", "committed", "spent")} == {"천원"}
        assert top["budget"]["as_of"] == "2019-09-30" and top["budget"]["scale"] == 1000
        assert "② 청년마을활동가 성장교육" in top["budget"]["section"]
        assert rows[0]["program"] == "청년마을활동가 성장교육"


@pytest.mark.golden
def test_dev_figures_met_in_full(seed_db: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(seed_db), "eval", str(DEV_FIGURES), "--json"])
    res = json.loads(result.output)
    assert res["n"] == 4 and res["recall_at_1"] == 1.0, res["per_query"]


@pytest.mark.golden
def test_inline_counts_are_figures(seed_kb: KnowledgeBase) -> None:
    roots = [r for r in seed_kb.figures("뿌리과정") if r.table_id is None]
    assert {(r.value, r.unit) for r in roots} == {(10, "회"), (135, "명")}
    assert all("마을활동가 성장교육" in r.section for r in roots)
    db = [r for r in seed_kb.figures("공모사업 DB구축") if r.table_id is None]
    assert any(r.value == 2245 and r.unit == "건" for r in db)


@pytest.mark.golden
def test_check_reports_the_real_mismatches_only(seed_kb: KnowledgeBase) -> None:
    found = seed_kb.check_figures()
    kinds = sorted((m.kind, m.program.replace(" ", ""), m.found) for m in found)
    assert kinds == sorted(
        [
            ("rate", "마을공동체정책연구", 63.0),  # 117,675 / 247,000 is 47.6%, printed 63%
            ("total", "합계", 3198817.0),  # summary: 지출 total vs its single child row
            ("subtotal", "서울시마을공동체종합지원센터", 2592745.0),
            ("subtotal", "사업비", 1546267.0),  # its six programs add up to 1,546,265
            ("cross", "마을공동체정책연구", 156394.0),  # 117,675 in its program table
        ]
    )
    assert all(m.sources and all(":" in s for s in m.sources) for m in found)
    cross = next(m for m in found if m.kind == "cross")
    assert len(cross.sources) == 2 and cross.expected != cross.found


def test_check_on_synthetic_tables() -> None:
    cols = ["구분", "예산현액", "집행액 원인행위", "집행률 원인행위"]
    good = [["합 계", "300", "150", "50%"], ["가", "100", "50", "50%"], ["나", "200", "100", "50%"]]
    assert check_table(cols, good) == []
    bad = [["합 계", "300", "160", "53%"], ["가", "100", "50", "50%"], ["나", "200", "100", "50%"]]
    (finding,) = check_table(cols, bad)
    assert finding.kind == "total" and finding.found == 160 and finding.expected == 150


@pytest.mark.golden
def test_programs_as_the_report_lists_them(seed_kb: KnowledgeBase) -> None:
    programs = seed_kb.programs(2019)
    groups = list(dict.fromkeys(p.group for p in programs))
    assert [re.sub(r"^\d+\.\s*", "", g) for g in groups] == [
        "마을공동체 정책연구 및 홍보 전파",
        "마을공동체 활동가 발굴과 성장",
        "자치구 지역공동체 기반 조성 지원",
        "생활권 및 동단위 마을자치 생태계 강화",
    ]
    assert [len([p for p in programs if p.group == g]) for g in groups] == [3, 2, 3, 3]
    youth = seed_kb.program("청년마을활동가성장교육")
    assert youth is not None and youth.code == "2-②"
    assert youth.objective.startswith("청년이 당면하고 인식한 문제를")
    assert "청년아이디어 발굴사업 추진 1건" in youth.results
    assert "지역혁신청년활동가 역량강화 교육" in youth.plans
    figs = seed_kb.program_figures(youth)
    assert {r.value for r in figs if r.measure == "budget"} == {70000}


@pytest.mark.golden
def test_studies_by_topic(seed_db: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(seed_db), "studies", "주민자치", "--json"])
    studies = json.loads(result.output)
    titles = [s["title"] for s in studies]
    assert "주민자치회 시범사업 성과평가연구" in titles
    assert "서울형 주민자치회 시범사업 성과지표개발 및 평가연구" in titles
    by_title = {s["title"]: s for s in studies}
    assert by_title["주민자치회 시범사업 성과평가연구"]["method"] == "직접+용역"
    assert by_title["서울형 주민자치회 시범사업 성과지표개발 및 평가연구"]["category"] == "성과연구"
    assert all("주민자치" in t.replace(" ", "") or "주민" in t for t in titles)


@pytest.mark.golden
def test_answer_card_prints_only_stored_numbers(seed_kb: KnowledgeBase, seed_db: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--db", str(seed_db), "answer", "청년마을활동가", "성장교육", "집행률"]
    )
    assert result.exit_code == 0
    figure_part = result.output.split("■ 관련 내용")[0]
    stored = {format_number(r.value) for r in seed_kb.figures("청년마을활동가 성장교육")}
    printed = re.findall(r"^\s+- [^:]+:\s([\d,]+)", figure_part, flags=re.M)
    assert printed and set(printed) <= stored
    assert "출처:" in figure_part and "※ 예산집행 현황" in figure_part
    assert "(단위: 천원 · 2019. 9. 30. 기준)" in figure_part


def test_pdf_table_becomes_figures(tmp_path: Path) -> None:
    """A ruled budget table in a generated Korean PDF: PyMuPDF finds it, figures follow."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 60), "※ 예산집행 현황", fontname="korea", fontsize=11)
    page.insert_text((72, 80), "(단위 : 천원, '19.09.30. 기준)", fontname="korea", fontsize=10)
    rows = [
        ["사업명", "예산현액", "원인행위", "지출액"],
        ["청년마을활동가 성장교육", "70,000", "54,648", "24,049"],
        ["교육기반조성", "119,500", "34,341", "-"],
    ]
    widths = [180, 90, 90, 90]
    for r, row in enumerate(rows):
        x = 72
        for c, cell in enumerate(row):
            page.draw_rect(
                pymupdf.Rect(x, 90 + r * 22, x + widths[c], 112 + r * 22),
                color=(0, 0, 0),
                width=0.7,
            )
            page.insert_text((x + 4, 105 + r * 22), cell, fontname="korea", fontsize=9)
            x += widths[c]
    path = tmp_path / "budget.pdf"
    doc.save(path)
    parsed = parse_file(path)
    (table,) = parsed.tables
    assert table.unit == "천원" and table.as_of == "2019-09-30" and table.page == 1
    got = {(f.label, f.measure): f.value for f in parsed.figures if f.table_id == table.id}
    assert got[("청년마을활동가 성장교육", "committed")] == 54648
    assert got[("교육기반조성", "budget")] == 119500
    assert got[("교육기반조성", "spent")] is None


@pytest.mark.golden
def test_closing_summary_table_is_not_the_last_programs(seed_kb: KnowledgeBase) -> None:
    # "2019년도 세부사업별 예산현황" ends the report, right after the last program's plans:
    # its rows span every program, so it must not show in that program's card.
    last = seed_kb.program("동단위 마을자치생태계조성 지원사업")
    assert last is not None
    figs = seed_kb.program_figures(last)
    assert {r.program for r in figs if r.measure == "budget"} == {"마을자치조성지원"}
    totals = seed_kb.figures("합계", measure="budget")
    sections = {r.section for r in totals if r.value == 5859632}
    assert "Ⅲ. 주요업무 추진계획 > 2019년도 세부사업별 예산현황" in sections
    assert not any("동단위 마을자치생태계조성" in s for s in sections)


@pytest.mark.golden
def test_answer_to_a_count_question_cites_the_counts_stated_in_prose(
    seed_kb: KnowledgeBase, seed_db: Path
) -> None:
    card = seed_kb.answer("공동체공간학교 운영 횟수와 인원")
    assert card.program == "공동체공간학교 운영"
    assert [(r.value, r.unit) for r in card.figures] == [(9, "회"), (106, "명")]
    stored = {(r.value, r.unit, r.line) for r in seed_kb.figures("공동체공간학교")}
    assert all((r.value, r.unit, r.line) in stored for r in card.figures)
    result = CliRunner().invoke(
        cli, ["--db", str(seed_db), "answer", "공동체공간학교 운영 횟수와 인원"]
    )
    assert (
        result.exit_code == 0 and "■ 공동체공간학교 운영\n  - 9회, 106명\n  출처:" in result.output
    )


@pytest.mark.golden
def test_figure_answer_only_when_it_surely_fits(seed_kb: KnowledgeBase) -> None:
    named = seed_kb.figure_answer("청년마을활동가 성장교육 집행률")
    assert named is not None and named.program == "청년마을활동가 성장교육"
    assert {r.measure: r.value for r in named.figures}["spent"] == 24049
    counts = seed_kb.figure_answer("공동체공간학교 운영 횟수와 인원")
    assert counts is not None and [r.value for r in counts.figures] == [9, 106]
    # No program named, or a count in prose that nobody asked for: nothing shown.
    assert seed_kb.figure_answer("주민자치회 평가 연구") is None
    assert seed_kb.figure_answer("로컬랩 동네발전소") is None


@pytest.mark.golden
def test_studies_by_meaning_when_no_title_shares_the_words(
    seed_kb: KnowledgeBase, seed_db: Path
) -> None:
    # The researcher's query from docs/design.md, in English: real e5 vectors of the titles.
    nearest = seed_kb.studies("youth jobs research")
    assert nearest and all(s.match == "meaning" for s in nearest)
    assert "청년일자리" in nearest[0].title
    # A query whose words are in titles still gets the word matches only.
    words = seed_kb.studies("주민자치")
    assert words and all(s.match == "words" for s in words)
    result = CliRunner().invoke(cli, ["--db", str(seed_db), "studies", "youth", "jobs", "research"])
    assert result.exit_code == 0 and "뜻이 가까운 제목" in " ".join(result.output.split())


def _table(columns: list[str], rows: list[list[str]]) -> Table:
    return Table(0, None, 1, None, "", None, None, [columns], rows, columns)


def test_two_label_columns_name_each_row_and_merged_cells_repeat_the_group() -> None:
    table = _table(
        ["분류", "세부사업", "일수", "실인원"],
        [
            ["동마을자치 전문인력 교육", "마을계획 전문인력 교육", "10", "62"],
            ["", "주민자치 전문인력 교육", "21.5", "633"],
            ["실무자 교육", "공통필수교육", "7", "493"],
            ["", "", "2", "11"],  # merged both: the row above continues
            ["계", "", "40.5", "1,199"],
        ],
    )
    assert label_columns(table) == [0, 1]
    assert row_labels(table) == [
        "동마을자치 전문인력 교육 · 마을계획 전문인력 교육",
        "동마을자치 전문인력 교육 · 주민자치 전문인력 교육",
        "실무자 교육 · 공통필수교육",
        "실무자 교육 · 공통필수교육",
        "계",
    ]
    got = {(f.label, f.measure_label): f.value for f in table_figures(table)}
    # The row with a blank first cell keeps its numbers (it used to be skipped).
    assert got[("동마을자치 전문인력 교육 · 주민자치 전문인력 교육", "실인원")] == 633
    assert got[("계", "실인원")] == 1199
    assert not any(label == "세부사업" for _, label in got)


def test_row_names_skip_serial_numbers_and_describing_columns() -> None:
    table = _table(
        ["연번", "일시 및 장소", "연구명(주제)", "참석인원"],
        [["1", "3.20 센터", "마을자치 연구", "31"], ["계", "", "", "57"]],
    )
    assert label_columns(table) == [2]
    assert row_labels(table) == ["마을자치 연구", "계"]
    assert {f.label: f.value for f in table_figures(table)} == {"마을자치 연구": 31, "계": 57}


def test_a_budget_table_keeps_one_label_column_and_skips_blank_labels() -> None:
    table = _table(
        ["사업명", "예산현액", "원인행위", "지출액"],
        [["교육기반조성", "119,500", "34,341", "34,341"], ["", "1", "2", "3"]],
    )
    assert row_labels(table) == ["교육기반조성", ""]
    assert {f.label for f in table_figures(table)} == {"교육기반조성"}


@pytest.mark.golden
def test_counts_in_prose_are_named_by_their_own_clause(seed_kb: KnowledgeBase) -> None:
    # "마을밥차 9회(8,100명) 운영 지원, 기관방문 16회(225명)": 기관방문 starts a new clause.
    visits = {(r.value, r.unit) for r in seed_kb.figures("기관방문") if r.program == "기관방문"}
    assert visits == {(16, "회"), (225, "명")}
    # "마을정책학교 1회 운영(110명)": the bare verb 운영 names nothing, 110명 is the school's.
    school = [r for r in seed_kb.figures("마을정책학교") if r.table_id is None and r.line == 265]
    assert {(r.value, r.unit) for r in school} == {(1, "회"), (110, "명")}
    assert all(r.program.endswith("마을정책학교") for r in school)


def test_every_count_in_prose_cites_the_line_it_is_written_on(seed_kb: KnowledgeBase) -> None:
    # Chunks drop blank lines; a citation counted through the chunk would drift past them.
    lines = SEED.read_text(encoding="utf-8").splitlines()
    inline = [r for r in seed_kb.figures(limit=100_000) if r.table_id is None]
    assert len(inline) > 100
    wrong = [(r.line, r.value_text) for r in inline if r.value_text not in lines[r.line - 1]]
    assert wrong == []


def test_units_from_column_words_and_from_captions_that_the_table_bears_out() -> None:
    staff = _table(["구 분", "계", "1급"], [["정 원", "30", "1"], ["현 원", "28", "1"]])
    staff.caption = "인 력 30/28명 (정원/현원)"
    assert caption_unit(staff) == "명"
    # A count of sessions over a table of attendances is not the table's unit.
    talks = _table(
        ["연번", "일시 및 장소", "연구명(주제)", "참석인원"], [["1", "7.26", "연구", "31"]]
    )
    talks.caption = "연구 공유회 : 2회"
    assert caption_unit(talks) is None
    assert {f.unit for f in table_figures(talks)} == {"명"}  # 참석인원 names its unit
    # '(총 20회)' is the 건수(회) column's total, which has its own unit: 만족도 gets none.
    course = _table(["교육명", "건수(회)", "만족도"], [["기초", "20", "4.4"], ["계", "20", "4.4"]])
    course.caption = "실무자교육(총 20회)"
    assert caption_unit(course) is None


@pytest.mark.golden
def test_the_staff_table_counts_people(seed_kb: KnowledgeBase) -> None:
    rows = [r for r in seed_kb.figures("정원") if r.table_id is not None and r.label == "계"]
    assert [(r.value, r.unit) for r in rows[:1]] == [(30, "명")]
