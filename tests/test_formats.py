"""Korean document formats: real HWP 5 files, and HWPX/DOCX/XLSX/HTML written by the tests."""

from __future__ import annotations

import shutil
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner

from ingest import zipxml
from ingest.readers import READERS, read_document
from kb.cli import cli
from kb.errors import IngestError
from kb.i18n import set_language
from kb.types import Block
from tests.helpers import OFFICE_RELS, PKG_RELS, make_xlsx


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The readers' reasons are checked in English, the words these tests were written in
    (here and in the processes they start); tests/test_bad_files.py checks both languages."""
    monkeypatch.setenv("KB_LANG", "en")
    set_language(None)


HWP_DIR = Path(__file__).resolve().parent / "fixtures" / "hwp"
KOREAN = ["Ⅲ. 주요업무 추진계획", "□ 추진실적", "- 공동체공간학교 운영(9회, 106명)"]
BUDGET = [
    ["사업명", "예산현액", "집행액"],
    ["청년마을활동가 성장교육", "50,000", "42,600"],
    ["마을공동체 공간 조성", "120,000", "98,500"],
]


def texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks]


def tables(blocks: list[Block]) -> list[list[list[str]]]:
    return [b.rows or [] for b in blocks if b.kind == "table"]


# ------------------------------------------------------------------ writers used by the tests

HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"
HS = "http://www.hancom.co.kr/hwpml/2011/section"


def hwpx_p(inner: str) -> str:
    """An OWPML paragraph with one run holding `inner` (already XML)."""
    return f'<hp:p id="0" paraPrIDRef="0"><hp:run charPrIDRef="0">{inner}</hp:run></hp:p>'


def hwpx_t(text: str) -> str:
    return f"<hp:t>{escape(text)}</hp:t>"


def hwpx_tbl(cells: list[tuple[int, int, str, int, int]], caption: str = "") -> str:
    """A table from (row, col, text, rowspan, colspan), rows grouped as OWPML does."""
    nrows = max(r + rs for r, _c, _t, rs, _cs in cells)
    ncols = max(c + cs for _r, c, _t, _rs, cs in cells)
    trs = []
    for r in range(nrows):
        tcs = "".join(
            f"<hp:tc><hp:subList>{hwpx_p(hwpx_t(t))}</hp:subList>"
            f'<hp:cellAddr colAddr="{c}" rowAddr="{r}"/>'
            f'<hp:cellSpan colSpan="{cs}" rowSpan="{rs}"/>'
            f'<hp:cellSz width="1000" height="100"/></hp:tc>'
            for rr, c, t, rs, cs in cells
            if rr == r
        )
        trs.append(f"<hp:tr>{tcs}</hp:tr>")
    cap = f"<hp:caption><hp:subList>{hwpx_p(hwpx_t(caption))}</hp:subList></hp:caption>"
    return (
        f'<hp:tbl rowCnt="{nrows}" colCnt="{ncols}"><hp:sz width="1" height="1"/>'
        f"{cap if caption else ''}{''.join(trs)}</hp:tbl>"
    )


def make_hwpx(path: Path, sections: list[str], spine: list[int] | None = None) -> Path:
    """An HWPX package: one section*.xml per body string, listed in content.hpf's spine."""
    spine = spine if spine is not None else list(range(len(sections)))
    items = "".join(
        f'<opf:item id="section{k}" href="Contents/section{k}.xml" media-type="application/xml"/>'
        for k in range(len(sections))
    )
    refs = "".join(f'<opf:itemref idref="section{k}" linear="yes"/>' for k in spine)
    hpf = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<opf:package xmlns:opf="http://www.idpf.org/2007/opf/">'
        f"<opf:manifest>{items}</opf:manifest><opf:spine>{refs}</opf:spine></opf:package>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/hwp+zip")
        z.writestr("Contents/content.hpf", hpf)
        for k, body in enumerate(sections):
            z.writestr(
                f"Contents/section{k}.xml",
                f'<?xml version="1.0" encoding="UTF-8"?>'
                f'<hs:sec xmlns:hs="{HS}" xmlns:hp="{HP}">{body}</hs:sec>',
            )
    return path


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def make_docx(path: Path, body: str) -> Path:
    """A minimal DOCX package around a w:body's inner XML."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG_RELS}"><Relationship Id="rId1" '
            f'Type="{OFFICE_RELS}/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        z.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/'
            f'markup-compatibility/2006"><w:body>{body}<w:sectPr/></w:body></w:document>',
        )
    return path


def make_html(path: Path, body: str, charset: str = "utf-8") -> Path:
    html = (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>보고서</title>'
        f"<style>p {{ color: red }}</style></head><body>{body}</body></html>"
    )
    path.write_bytes(html.encode(charset))
    return path


# ------------------------------------------------------------------ HWP 5 (real files)


@pytest.mark.parametrize(
    "name,expected",
    [
        ("sample-5017.hwp", ["한글 2005 예제 파일입니다.", "본문 내용입니다.", "다음 문단"]),
        ("lists.hwp", ["글머리표 두 번째", "문단번호 세 번째 (새 번호)", "개요 세 번째 (새 번호)"]),
        ("multicolumns.hwp", ["다단 다단 다단"]),
        ("paragraph-split-page.hwp", ["가나다", "라마바", "new page"]),
        ("table-caption.hwp", ["표 1 위 캡션", "표 2 아래 캡션", "표 8 한 줄로 입력"]),
        (
            "footnote-endnote.hwp",
            ["각주참조", "1 각주입니다.", "미주참조", "2 미주 두 번째입니다."],
        ),
        ("headerfooter.hwp", ["첫 페이지"]),
    ],
)
def test_hwp_reads_body_text(name: str, expected: list[str]) -> None:
    doc = read_document(HWP_DIR / name)
    assert doc.format == "hwp" and doc.path == str(HWP_DIR / name)
    joined = "\n".join(texts(doc.blocks))
    for phrase in expected:
        assert phrase in joined, phrase
    assert not any(ch < " " for ch in joined.replace("\n", "")), "control characters leaked"
    assert [b.line for b in doc.blocks] == list(range(1, len(doc.blocks) + 1))


def test_hwp_keeps_paragraph_order_across_sections() -> None:
    lines = texts(read_document(HWP_DIR / "lists.hwp").blocks)
    assert lines[:5] == ["글머리표", "1", "2", "3", "글머리표 두 번째"]
    assert lines.count("3-2-3") == 4  # three lists in Section0, one more in Section1
    assert lines[-1] == "4"


def test_hwp_notes_follow_their_paragraph_and_headers_are_dropped() -> None:
    notes = texts(read_document(HWP_DIR / "footnote-endnote.hwp").blocks)
    assert notes.index("각주참조") < notes.index("1 각주입니다.") < notes.index("미주참조")
    page = texts(read_document(HWP_DIR / "headerfooter.hwp").blocks)
    assert page == ["첫 페이지"]  # "Header 이것은 머리말입니다" repeats per page: not body


def test_hwp_table_as_rows_in_body_order() -> None:
    blocks = read_document(HWP_DIR / "sample-5017.hwp").blocks
    k = next(i for i, b in enumerate(blocks) if b.kind == "table")
    assert blocks[k].rows == [["A0", "B0"], ["A1", "B10 B11"]]  # B1 holds two paragraphs
    assert blocks[k].text == "A0 | B0\nA1 | B10 B11"
    # The anchoring paragraph is "표<table>표끝<table>": text is split around the table.
    assert texts(blocks[k - 1 : k + 3]) == ["표", blocks[k].text, "표끝", "table2"]


def test_hwp_with_only_empty_tables_says_so() -> None:
    """table.hwp is a 2x3 grid with merged cells and not one character in it."""
    with pytest.raises(IngestError, match="no text found"):
        read_document(HWP_DIR / "table.hwp")


@pytest.mark.parametrize(
    "name,reason",
    [
        ("password-12345.hwp", "password-protected HWP"),
        ("viewtext.hwp", "distribution-locked HWP (배포용 문서)"),
    ],
)
def test_locked_hwp_is_refused_clearly(name: str, reason: str) -> None:
    with pytest.raises(IngestError) as info:
        read_document(HWP_DIR / name)
    assert info.value.path == str(HWP_DIR / name)
    assert reason in info.value.reason and "encrypted" in info.value.reason


def _truncated(p: Path) -> None:
    data = (HWP_DIR / "table.hwp").read_bytes()
    p.write_bytes(data[: len(data) // 2])


BAD_HWP: dict[str, tuple[Callable[[Path], object], str]] = {
    "garbage": (lambda p: p.write_bytes(bytes(range(256)) * 40), "not an HWP file"),
    "truncated": (_truncated, "damaged HWP"),
    "hwp3": (
        lambda p: p.write_bytes(b"HWP Document File V3.00 \x1a\x01\x02" + b"\0" * 200),
        "HWP 3",
    ),
    "empty": (lambda p: p.write_bytes(b""), "empty file"),
    "xls-in-disguise": (
        lambda p: p.write_bytes(
            (HWP_DIR / "table.hwp").read_bytes().replace(b"F\0i\0l\0e\0H", b"X\0i\0l\0e\0H")
        ),
        "without FileHeader",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_HWP))
def test_bad_hwp_is_refused_with_a_reason(tmp_path: Path, case: str) -> None:
    write, reason = BAD_HWP[case]
    path = tmp_path / f"{case}.hwp"
    write(path)
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert reason in info.value.reason


def test_hwp_cut_short_is_refused_not_read_from_its_preview(tmp_path: Path) -> None:
    # The preview text (PrvText) survives the cut, but it is the first page only: stored, it
    # would pass for the whole document.
    data = (HWP_DIR / "sample-5017.hwp").read_bytes()
    path = tmp_path / "cut.hwp"
    path.write_bytes(data[: len(data) * 3 // 4])  # body stream cut, PrvText still whole
    with pytest.raises(IngestError, match="truncated, BodyText/Section0 is"):
        read_document(path)


def test_hwpx_package_saved_as_hwp_is_read_as_hwpx(tmp_path: Path) -> None:
    path = make_hwpx(tmp_path / "renamed.hwp", [hwpx_p(hwpx_t("주민자치회 평가 연구"))])
    doc = read_document(path)
    assert doc.format == "hwpx" and texts(doc.blocks) == ["주민자치회 평가 연구"]


# ------------------------------------------------------------------ HWPX


def test_hwpx_paragraphs_tables_and_notes_in_order(tmp_path: Path) -> None:
    header = (
        '<hp:ctrl><hp:header applyPageType="BOTH"><hp:subList>'
        f"{hwpx_p(hwpx_t('쪽 머리말'))}</hp:subList></hp:header></hp:ctrl>"
    )
    note = (
        f'<hp:ctrl><hp:footNote number="1"><hp:subList>{hwpx_p(hwpx_t("2019.9.30. 기준"))}'
        "</hp:subList></hp:footNote></hp:ctrl>"
    )
    merged = hwpx_tbl(
        [
            (0, 0, "사업명", 2, 1),
            (0, 1, "집행액", 1, 2),
            (1, 1, "원인행위", 1, 1),
            (1, 2, "지출", 1, 1),
            (2, 0, "청년마을활동가 성장교육", 1, 1),
            (2, 1, "45,000", 1, 1),
            (2, 2, "42,600", 1, 1),
        ],
        caption="예산 집행 현황",
    )
    section0 = "".join(
        [
            hwpx_p(header + hwpx_t("Ⅲ. 주요업무 추진계획")),
            hwpx_p(hwpx_t("□ 추진실적") + note),
            hwpx_p("<hp:t>- 공동체공간학교<hp:tab/>운영<hp:lineBreak/>(9회, 106명)</hp:t>"),
            hwpx_p(merged + "<hp:t/>"),
            hwpx_p(hwpx_tbl([(0, 0, "※ 단위: 천원", 1, 1)])),  # a 1x1 box is a line
        ]
    )
    section1 = hwpx_p(hwpx_t("붙임 1. 세부 내역"))
    path = make_hwpx(tmp_path / "report.hwpx", [section0, section1])
    doc = read_document(path)
    assert doc.format == "hwpx"
    assert texts(doc.blocks) == [
        "Ⅲ. 주요업무 추진계획",
        "□ 추진실적",
        "2019.9.30. 기준",
        "- 공동체공간학교 운영",
        "(9회, 106명)",
        "예산 집행 현황",
        "사업명 | 집행액 | \n | 원인행위 | 지출\n청년마을활동가 성장교육 | 45,000 | 42,600",
        "※ 단위: 천원",
        "붙임 1. 세부 내역",
    ]
    assert tables(doc.blocks) == [
        [
            ["사업명", "집행액", ""],
            ["", "원인행위", "지출"],
            ["청년마을활동가 성장교육", "45,000", "42,600"],
        ]
    ]


def test_one_cell_box_is_unwrapped_and_keeps_its_table(tmp_path: Path) -> None:
    inner = hwpx_tbl(
        [(0, 0, "구분", 1, 1), (0, 1, "실적", 1, 1), (1, 0, "교육", 1, 1), (1, 1, "9회", 1, 1)]
    )
    box = (
        '<hp:tbl rowCnt="1" colCnt="1"><hp:tr><hp:tc><hp:subList>'
        f"{hwpx_p(hwpx_t('< 추진 개요 >'))}{hwpx_p(inner)}"
        '</hp:subList><hp:cellAddr colAddr="0" rowAddr="0"/></hp:tc></hp:tr></hp:tbl>'
    )
    path = make_hwpx(
        tmp_path / "box.hwpx", [hwpx_p(hwpx_t("앞")) + hwpx_p(box) + hwpx_p(hwpx_t("뒤"))]
    )
    blocks = read_document(path).blocks
    assert [b.kind for b in blocks] == ["text", "text", "table", "text"]
    assert texts(blocks)[:2] == ["앞", "< 추진 개요 >"] and blocks[3].text == "뒤"
    assert blocks[2].rows == [["구분", "실적"], ["교육", "9회"]]
    assert [b.line for b in blocks] == [1, 2, 3, 4]


def test_hwpx_sections_follow_the_spine(tmp_path: Path) -> None:
    path = make_hwpx(
        tmp_path / "s.hwpx", [hwpx_p(hwpx_t("둘째")), hwpx_p(hwpx_t("첫째"))], spine=[1, 0]
    )
    assert texts(read_document(path).blocks) == ["첫째", "둘째"]


# ------------------------------------------------------------------ DOCX


RESTART = '<w:vMerge w:val="restart"/>'
SPAN2 = '<w:gridSpan w:val="2"/>'


def test_docx_body_order_tables_and_runs(tmp_path: Path) -> None:
    def tc(text: str, props: str = "") -> str:
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{docx_p(text)}</w:tc>"

    def tr(*cells: str) -> str:
        return "<w:tr>" + "".join(cells) + "</w:tr>"

    table = (
        "<w:tbl><w:tblPr/><w:tblGrid/>"
        + tr(tc("사업명", RESTART), tc("집행액", SPAN2))
        + tr(tc("", "<w:vMerge/>"), tc("원인행위"), tc("지출"))
        + tr(tc("청년마을활동가 성장교육"), tc("45,000"), tc("42,600"))
        + "</w:tbl>"
    )
    body = "".join(
        [
            docx_p("Ⅲ. 주요업무 추진계획"),
            '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="800"/></w:tabs></w:pPr>'
            "<w:r><w:t>□ 추진</w:t></w:r><w:ins><w:r><w:t>실적</w:t></w:r></w:ins>"
            "<w:del><w:r><w:delText>삭제됨</w:delText></w:r></w:del></w:p>",
            "<w:p><w:r><w:t>- 공동체공간학교</w:t><w:tab/><w:t>운영</w:t><w:br/>"
            "<w:t>(9회, 106명)</w:t></w:r></w:p>",
            '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:t>글상자</w:t>'
            "</mc:Choice><mc:Fallback><w:t>글상자</w:t></mc:Fallback></mc:AlternateContent>"
            "</w:r></w:p>",
            table,
            "<w:sdt><w:sdtContent>" + docx_p("붙임 1. 세부 내역") + "</w:sdtContent></w:sdt>",
        ]
    )
    doc = read_document(make_docx(tmp_path / "report.docx", body))
    assert doc.format == "docx"
    assert [t for t in texts(doc.blocks) if "|" not in t] == [
        "Ⅲ. 주요업무 추진계획",
        "□ 추진실적",
        "- 공동체공간학교 운영",
        "(9회, 106명)",
        "글상자",
        "붙임 1. 세부 내역",
    ]
    assert doc.blocks[5].kind == "table"
    assert tables(doc.blocks) == [
        [
            ["사업명", "집행액", ""],
            ["", "원인행위", "지출"],
            ["청년마을활동가 성장교육", "45,000", "42,600"],
        ]
    ]


# ------------------------------------------------------------------ XLSX


def test_xlsx_each_sheet_is_a_caption_and_a_table(tmp_path: Path) -> None:
    path = make_xlsx(
        tmp_path / "budget.xlsx",
        {
            "2019 예산": [
                ["사업명", "예산현액", "집행률", "기준일"],
                ["청년마을활동가 성장교육", 50000, (0.852, 2), (43738, 1)],
                ["마을공동체 공간 조성", 120000.5, (0.3, 2), None],
            ],
            "빈 시트": [],
            "메모": [["※ 단위: 천원"], [None], ["작성: 마을공동체종합지원센터", None]],
        },
    )
    doc = read_document(path)
    assert doc.format == "xlsx"
    assert [b.kind for b in doc.blocks] == ["text", "table", "text", "table"]
    assert texts(doc.blocks)[0::2] == ["2019 예산", "메모"]
    assert tables(doc.blocks) == [
        [
            ["사업명", "예산현액", "집행률", "기준일"],
            ["청년마을활동가 성장교육", "50000", "85.2%", "2019-09-30"],
            ["마을공동체 공간 조성", "120000.5", "30%", ""],
        ],
        [["※ 단위: 천원"], ["작성: 마을공동체종합지원센터"]],
    ]


# ------------------------------------------------------------------ HTML


@pytest.mark.parametrize("charset", ["utf-8", "euc-kr"])
def test_html_lines_and_tables(tmp_path: Path, charset: str) -> None:
    body = (
        "<h1>Ⅲ. 주요업무 추진계획</h1><script>var x = '스크립트';</script>"
        "<p>□ 추진실적<br>- 공동체공간학교 운영(9회, 106명)</p>"
        "<ul><li>주민자치회 &amp; 평가</li><li>마을   활동가</li></ul>"
        "<table><caption>예산 집행 현황</caption>"
        '<tr><th rowspan="2">사업명</th><th colspan="2">집행액</th></tr>'
        "<tr><th>원인행위</th><th>지출</th></tr>"
        "<tr><td>청년마을활동가 성장교육</td><td>45,000</td><td>42,600</td></tr>"
        "</table><div>붙임 1. 세부 내역</div>"
    )
    doc = read_document(make_html(tmp_path / f"page-{charset}.html", body, charset))
    assert doc.format == "html"
    assert [t for t in texts(doc.blocks) if "|" not in t] == [
        "보고서",
        "Ⅲ. 주요업무 추진계획",
        "□ 추진실적",
        "- 공동체공간학교 운영(9회, 106명)",
        "주민자치회 & 평가",
        "마을 활동가",
        "예산 집행 현황",
        "붙임 1. 세부 내역",
    ]
    assert tables(doc.blocks) == [
        [
            ["사업명", "집행액", ""],
            ["", "원인행위", "지출"],
            ["청년마을활동가 성장교육", "45,000", "42,600"],
        ]
    ]


# ------------------------------------------------------------------ containers that lie


def _bomb(path: Path, member: str) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(member, b"\0" * (20 * 1024 * 1024))  # 20 MB of zeros: ~1000x


@pytest.mark.parametrize(
    "suffix,member",
    [
        (".hwpx", "Contents/section0.xml"),
        (".docx", "word/document.xml"),
        (".xlsx", "xl/worksheets/sheet1.xml"),
    ],
)
def test_zip_bomb_is_refused_quickly(tmp_path: Path, suffix: str, member: str) -> None:
    path = tmp_path / f"bomb{suffix}"
    _bomb(path, member)
    start = time.perf_counter()
    with pytest.raises(IngestError, match=r"zip bomb\?"):
        read_document(path)
    # Refused before inflating it (a generous bound: a safety net, not a speed target).
    assert time.perf_counter() - start < 10.0


def test_zip_over_the_total_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_docx(tmp_path / "big.docx", docx_p("내용"))
    monkeypatch.setattr(zipxml, "MAX_TOTAL", 100)
    with pytest.raises(IngestError, match=r"zip bomb\? contents expand"):
        read_document(path)


def _locked_hwpx(path: Path) -> None:
    make_hwpx(path, [hwpx_p(hwpx_t("암호"))])
    with zipfile.ZipFile(path, "a") as z:
        z.writestr(
            "META-INF/manifest.xml",
            '<odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<odf:file-entry odf:full-path="Contents/section0.xml"><odf:encryption-data/>'
            "</odf:file-entry></odf:manifest>",
        )


@pytest.mark.parametrize(
    "name,write,reason",
    [
        ("plain.docx", lambda p: p.write_text("문서 아님", encoding="utf-8"), "not a DOCX file"),
        ("legacy.xlsx", lambda p: shutil.copy(HWP_DIR / "table.hwp", p), "OLE compound file"),
        ("cut.hwpx", lambda p: p.write_bytes(b"PK\x03\x04" + b"\0" * 40), "not a HWPX file"),
        ("nobody.hwpx", lambda p: make_hwpx(p, []), "no Contents/section"),
        ("locked.hwpx", _locked_hwpx, "encrypted HWPX"),
        (
            "nothing.html",
            lambda p: p.write_text("<html><script>x</script></html>"),
            "no text found",
        ),
    ],
)
def test_broken_containers_are_refused(
    tmp_path: Path, name: str, write: Callable[[Path], object], reason: str
) -> None:
    path = tmp_path / name
    write(path)
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert reason in info.value.reason and info.value.path == str(path)


def test_doctype_in_an_xml_part_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lol.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    with pytest.raises(IngestError, match="DOCTYPE"):
        read_document(path)


# ------------------------------------------------------------------ conformance and the CLI

# One sample per suffix added by this module; test_readers.py covers .txt/.md/.markdown/.pdf.
NEW_SAMPLES: dict[str, Callable[[Path], object]] = {
    ".hwp": lambda p: p.write_bytes(
        make_hwpx(p.with_suffix(".tmp"), [hwpx_p(hwpx_t(x)) for x in KOREAN]).read_bytes()
    ),
    ".hwpx": lambda p: make_hwpx(p, [hwpx_p(hwpx_t(x)) for x in KOREAN]),
    ".docx": lambda p: make_docx(p, "".join(docx_p(x) for x in KOREAN)),
    ".xlsx": lambda p: make_xlsx(p, {"시트": [[x] for x in KOREAN]}),
    ".html": lambda p: make_html(p, "".join(f"<p>{escape(x)}</p>" for x in KOREAN)),
    ".htm": lambda p: make_html(
        p, "<table>" + "".join(f"<tr><td>{x}</td><td>1</td></tr>" for x in KOREAN) + "</table>"
    ),
}
OLD_SUFFIXES = {".txt", ".md", ".markdown", ".pdf"}


def test_every_new_suffix_has_a_sample() -> None:
    assert set(NEW_SAMPLES) | OLD_SUFFIXES == set(READERS), "add a sample for every new reader"


@pytest.mark.parametrize("suffix", sorted(NEW_SAMPLES))
def test_new_readers_return_blocks_in_order(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"sample{suffix}"
    NEW_SAMPLES[suffix](path)
    doc = read_document(path)
    assert doc.path == str(path) and doc.blocks
    lines = [b.line for b in doc.blocks]
    assert lines == sorted(lines)
    assert any("공동체공간학교" in b.text for b in doc.blocks), suffix


def test_real_hwp_passes_the_same_conformance() -> None:
    doc = read_document(HWP_DIR / "sample-5017.hwp")
    lines = [b.line for b in doc.blocks]
    assert lines == sorted(lines) and all(b.text.strip() for b in doc.blocks)


def test_cli_ingests_the_hwp_folder_and_names_the_locked_files(tmp_path: Path) -> None:
    folder = tmp_path / "hwp"
    shutil.copytree(HWP_DIR, folder)
    (folder / "SOURCE.md").unlink()  # the licence note is not a report
    # One 1,950-character paragraph costs ~10 s to embed with e5; read it in the reader tests.
    (folder / "multicolumns.hwp").unlink()
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", str(folder)])
    assert result.exit_code == 1
    errors = [ln for ln in result.output.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 3, result.output
    assert any("password-12345.hwp" in e and "password-protected" in e for e in errors)
    assert any("viewtext.hwp" in e and "배포용" in e for e in errors)
    assert any("table.hwp" in e and "no text found" in e for e in errors)
    assert "6 added," in result.output
    found = CliRunner().invoke(cli, ["--db", str(db), "search", "각주", "--json"])
    assert found.exit_code == 0 and "각주입니다" in found.output
