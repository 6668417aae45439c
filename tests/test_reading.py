"""The small readers of real documents: numbers, units, periods, markers, outline, metadata."""

from __future__ import annotations

import pytest

from ingest.markers import marker_of
from ingest.metadata import collapse_spacing, read_metadata
from ingest.structure import parse_outline, reads_as_sentence
from ingest.tables import units_in
from kb.numbers import parse_number
from kb.periods import parse_period
from kb.types import Block


@pytest.mark.parametrize(
    "text,expected",
    [
        ("(△6.0)", (-6.0, None)),  # a change beside its level, negative
        ("△18,308", (-18308.0, None)),
        ("▲2,984", (-2984.0, None)),
        ("(264.1)", (264.1, None)),  # parentheses group, they do not negate
        ("약5,000명", (5000.0, "명")),
        ("약1,596만명", (15960000.0, "명")),  # 만 before a counter multiplies
        ("7,000만원", (7000.0, "만원")),  # 만원 is a unit of its own
        ("156.6억 달러", (156.6, "억 달러")),
        ("-54869.92", (-54869.92, None)),
        ("51개소", (51.0, "개소")),
        ("2026. 1. 30.(금)", None),
        ("(△51.2", None),  # unbalanced: not a number
    ],
)
def test_numbers_as_real_tables_print_them(text: str, expected: object) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text,units",
    [
        ("(단위 : 천원, '19.09.30. 기준)", ["천원"]),
        ("(단위: 억달러, 전년동기 대비 %)", ["억 달러", "%"]),
        ("< 분기별 해외직접투자액 추이(억 달러, 전년동기 대비, %) >", ["억 달러", "%"]),
        ("(단위 : 억불, (전년동기 대비 %))", ["억 달러", "%"]),
        ("통 합 재 정 통 계 (단위 : 십억원)", ["십억원"]),
        ("단위 : 명", ["명"]),
        ("(사업비 포함)", []),
    ],
)
def test_units_from_unit_lines_and_captions(text: str, units: list[str]) -> None:
    assert units_in(text) == units


@pytest.mark.parametrize(
    "label,period",
    [
        ("2024년 2분기", "2024-Q2"),
        ("‘24.2Q", "2024-Q2"),
        ("'23.3Q", "2023-Q3"),
        ("2024년 1~9월", "2024-01..2024-09"),
        ("(2010.11월 누계 기준/잠정)", "2010-01..2010-11"),  # a total to November
        ("2024년 상반기", "2024-H1"),
        ("2020년", "2020"),
        ("5월", None),  # a schedule's month without its year
        ("금융보험업", None),
    ],
)
def test_periods_from_labels(label: str, period: str | None) -> None:
    assert parse_period(label) == period


@pytest.mark.parametrize(
    "text,family",
    [
        ("Ⅰ. 추진 목적", "roman"),
        ("Ⅰ 관련근거", "roman"),
        ("1.안전모의 지급 및 확인 의무 강화", "num"),
        ("가. 개정 이유", "hangul"),
        ("1) 연구의 배경 및 개요", "paren_r"),
        ("(1) 과태료", "paren"),
        ("② 이해관계자 의견수렴", "circled"),
        ("ㅇ 추진배경", "circle"),
        ("❍ 전담반장 : 경영지원처장", "circle"),
        ("◦ 공공데이터 표준, 구조, 연계, 값 진단 및 조치", "circle"),
        ("\U000f02b1 사업 목적", "pua:f02b1"),
        ("참고1 ’24.2분기 해외직접투자 세부통계", "attach"),
        ("붙임 관련 사진 2매(별첨). 끝.", "attach"),
        ("2024. 9. 13.(금)", None),
    ],
)
def test_marker_families(text: str, family: str | None) -> None:
    m = marker_of(text)
    assert (m.family if m else None) == family


def _blocks(lines: list[str], sizes: list[float] | None = None) -> list[Block]:
    sizes = sizes or [None] * len(lines)  # type: ignore[list-item]
    return [
        Block("text", t, i + 1, size=s) for i, (t, s) in enumerate(zip(lines, sizes, strict=True))
    ]


def test_sentences_that_list_items_are_never_headings() -> None:
    text = "①인성 교육, ②진로 교육, ③민주 시민 교육을 강화한다"
    assert reads_as_sentence(text)
    outline = parse_outline(_blocks(["Ⅰ. 교육 과정", text, "- 학교별 운영", "Ⅱ. 예산"]))
    titles = [s.title for s in outline.sections]
    assert titles == ["교육 과정", "예산"]


def test_a_letters_enclosure_list_opens_one_attachment_not_a_part_per_item() -> None:
    # The close of an official letter (seoul audit opinion, seoul hrd review): the items
    # after `붙임 1.` count copies (1부) and the last ends the letter (끝.).
    lines = [
        "□ 심의결과 : 수정보완",
        "심의위원 의견을 반영하여 보완한다.",
        "붙임 1. 강사추천 심의기준 1부.",
        "2. 강사선정심의 자료 1부.",
        "3. 심의위원 검토 의견서 1부. 끝.",
        "강사추천 심의기준",
    ]
    paths = [s.path for s in parse_outline(_blocks(lines)).sections]
    assert not any("1부. 끝." in p or "자료 1부" in p for p in paths), paths
    assert any(p.endswith("강사추천 심의기준 1부.") for p in paths), paths


def test_a_headline_wrapped_over_lines_is_one_heading_and_a_cover_date_none() -> None:
    # fdi releases: the headline breaks after a particle or inside an amount; seocho and
    # seoul hrd covers: the date line is printed in the headline's type.
    lines = [
        "’25년 2분기 해외직접투자는 141.5억",
        "달러로 전년동기비 13.4% 감소",
        "2026. 1. 2.(금)",
        "보도자료",
        "해외직접투자액은 총투자액 기준으로 전년 동기 대비 감소하였다. " * 2,
    ]
    outline = parse_outline(_blocks(lines, [20.0, 20.0, 20.0, 16.0, 11.0]))
    titles = [s.title for s in outline.sections]
    assert titles == ["’25년 2분기 해외직접투자는 141.5억 달러로 전년동기비 13.4% 감소", "보도자료"]


def test_a_table_of_contents_and_lists_are_not_headings() -> None:
    lines = [
        "<목 차>",
        "Ⅰ. 사업개요 ··········· 1",
        "Ⅱ. 추진방향 ··········· 3",
        "Ⅲ. 추진계획 ··········· 5",
        "Ⅰ. 사업개요",
        "□ 직무활동 범위",
        "1. 이재민 격려 및 지원",
        "2. 의정활동 및 지역 홍보",
        "3. 업무추진 유관기관 협조",
        "Ⅱ. 추진방향",
        "□ 회계절차를 준수하며 집행",
        "- 부당한 사용 금지",
    ]
    outline = parse_outline(_blocks(lines))
    paths = [s.path for s in outline.sections]
    assert paths == [
        "Ⅰ. 사업개요",
        "Ⅰ. 사업개요 > □ 직무활동 범위",
        "Ⅱ. 추진방향",
        "Ⅱ. 추진방향 > □ 회계절차를 준수하며 집행",
    ]


def test_headlines_in_large_type_are_headings() -> None:
    body = "과기정통부는 한국형발사체의 새로운 이름으로 누리가 선정되었다고 밝혔다. " * 2
    lines = ["우리가 독자 개발한 한국형발사체,", "그 이름은 누리", "- 1만건 이상 응모 -", body]
    outline = parse_outline(_blocks(lines, [18.0, 18.0, 16.0, 15.0]))
    assert [s.title for s in outline.sections] == lines[:3]


def test_title_by_type_size_with_its_kind_and_qualifier() -> None:
    body = "이 분석서는 규제의 필요성과 대안을 검토하여 그 결과를 정리한 것이다. " * 2
    lines = ["규제영향분석서", "산업안전보건기준에 관한 규칙", "(최종본)", "2023. 12. 25.", body]
    meta = read_metadata(_blocks(lines, [15.0, 30.0, 13.0, 12.0, 13.0]), "fallback")
    assert meta.title == "규제영향분석서 산업안전보건기준에 관한 규칙 (최종본)"
    assert (meta.date, meta.year) == ("2023-12-25", 2023)


def test_press_release_headline_runs_on_and_skips_its_label() -> None:
    body = "2025년 1분기 해외직접투자액은 총투자액 기준 151.3억 달러로 감소하였다. " * 2
    lines = ["보도자료", "‘25년 1분기 해외직접투자는", "전년동기비 8.9% 감소", body]
    blocks = _blocks(lines, [14.0, 26.0, 26.0, 14.0])
    blocks.insert(1, Block("table", "", 2, rows=[["보도시점", "2025. 6. 20.(금) 11:00"]]))
    meta = read_metadata(blocks, "fallback")
    assert meta.title == "‘25년 1분기 해외직접투자는 전년동기비 8.9% 감소"
    assert meta.date == "2025-06-20" and meta.year == 2025


def test_an_official_letter_is_titled_by_its_subject_field() -> None:
    blocks = [
        Block("table", "", 1, rows=[["수신", "시설보수과장"], ["제목", "일상감사 의견서 송부"]]),
        *_blocks(["1. 관련입니다.", "서울특별시감사위원회"]),
    ]
    assert read_metadata(blocks, "fallback").title == "일상감사 의견서 송부"


def test_letter_spaced_titles_close_up_but_prose_keeps_its_spaces() -> None:
    assert collapse_spacing("통 합 재 정 통 계 (2010.11월 누계)") == "통합재정통계 (2010.11월 누계)"
    assert collapse_spacing("제 안 요 청 서") == "제안요청서"
    assert collapse_spacing("그 외 이 법 및 그 시행령에 따른 사항은 별도로 정하며 이에 따른다") == (
        "그 외 이 법 및 그 시행령에 따른 사항은 별도로 정하며 이에 따른다"
    )


def test_control_characters_never_reach_the_stored_text() -> None:
    # HWP and PDF text layers can carry them: ESC ] 0 ; sets a terminal's title.
    from ingest.pipeline import _printable
    from kb.text import printable

    assert printable("예산\x1b]0;title\x07 현황\t표\n") == "예산 ]0;title  현황\t표\n"
    block = _printable(Block("table", "a\x1b[2J", 1, rows=[["사업\x9b", "70,000"]]))
    assert block.text == "a [2J" and block.rows == [["사업 ", "70,000"]]
    assert printable("청년마을활동가 성장교육") == "청년마을활동가 성장교육"


def test_a_covers_issuer_and_bracketed_qualifier_are_not_parts() -> None:
    # seocho council plan and seoul hrd review: the issuer and the department are set in
    # the headline's type under the title; as headings they parented the whole body.
    lines = [
        "’26년 제3차 강사선정 심의회 운영결과",
        "인재개발원",
        "(인재양성과)",
        "□ 추진근거",
        "인재개발원 학칙에 따라 강사선정 심의회를 운영하였다. " * 2,
    ]
    outline = parse_outline(_blocks(lines, [20.0, 16.0, 16.0, 13.0, 11.0]))
    paths = [s.path for s in outline.sections]
    assert paths == [
        "’26년 제3차 강사선정 심의회 운영결과",
        "’26년 제3차 강사선정 심의회 운영결과 > □ 추진근거",
    ]
