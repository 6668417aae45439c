"""Readers: encodings of text files, PDFs with Korean text, and one conformance check for all."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.readers import READERS, read_document
from tests.helpers import make_korean_pdf
from tests.test_formats import NEW_SAMPLES

KOREAN = "Ⅲ. 주요업무 추진계획\n□ 추진실적\n- 공동체공간학교 운영(9회, 106명)\n"


@pytest.mark.parametrize(
    "encoding,prefix",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16", b""),
        ("utf-16-le", b""),
        ("cp949", b""),
        ("euc-kr", b""),
    ],
)
def test_text_encodings_decode_without_mojibake(
    tmp_path: Path, encoding: str, prefix: bytes
) -> None:
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(prefix + KOREAN.encode(encoding))
    doc = read_document(path)
    text = "\n".join(b.text for b in doc.blocks)
    assert "공동체공간학교 운영(9회, 106명)" in text
    assert "\ufeff" not in text and "\x00" not in text


def test_cp949_detected_as_cp949(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(KOREAN.encode("cp949"))
    assert read_document(path).encoding == "cp949"


def test_tab_separated_lines_become_one_table(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        "제목\n사업명\t예산현액\n가 사업\t1,000\n\n나 사업\t2,000\n끝\n", encoding="utf-8"
    )
    blocks = read_document(path).blocks
    tables = [b for b in blocks if b.kind == "table"]
    assert len(tables) == 1
    assert tables[0].rows == [["사업명", "예산현액"], ["가 사업", "1,000"], ["나 사업", "2,000"]]


def test_pdf_keeps_page_numbers(tmp_path: Path) -> None:
    path = make_korean_pdf(
        tmp_path / "r.pdf",
        [["Ⅰ. 일반 현황", "조직 5실 10팀"], ["Ⅱ. 추진실적", "- 공동체공간학교 운영(9회, 106명)"]],
    )
    doc = read_document(path)
    assert doc.pages == 2
    by_text = {b.text: b.page for b in doc.blocks}
    assert by_text["조직 5실 10팀"] == 1
    assert by_text["- 공동체공간학교 운영(9회, 106명)"] == 2


def test_every_reader_returns_blocks_in_order(tmp_path: Path) -> None:
    """Conformance: each registered suffix yields a RawDocument with ordered, non-empty blocks."""
    samples = {
        ".txt": lambda p: p.write_text(KOREAN, encoding="utf-8"),
        ".md": lambda p: p.write_text("# 제목\n\n" + KOREAN, encoding="utf-8"),
        ".markdown": lambda p: p.write_text(KOREAN, encoding="utf-8"),
        ".pdf": lambda p: make_korean_pdf(p, [KOREAN.strip().split("\n")]),
    }
    samples.update(NEW_SAMPLES)  # .hwp .hwpx .docx .xlsx .html .htm
    assert set(samples) == set(READERS), "add a sample for every new reader"
    for suffix, write in samples.items():
        path = tmp_path / f"sample{suffix}"
        write(path)
        doc = read_document(path)
        assert doc.path == str(path)
        lines = [b.line for b in doc.blocks]
        assert lines == sorted(lines) and doc.blocks
        assert any("공동체공간학교" in b.text for b in doc.blocks), suffix
