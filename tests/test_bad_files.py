"""Bad input: one clear line naming the file and the reason; the rest of the batch goes on."""

from __future__ import annotations

import os
from pathlib import Path

import pymupdf
import pytest
from click.testing import CliRunner

from ingest.readers import read_document
from kb.cli import cli
from kb.errors import IngestError
from kb.i18n import set_language
from tests.helpers import make_korean_pdf


def _truncated_pdf(path: Path) -> None:
    full = make_korean_pdf(path.with_suffix(".full.pdf"), [["첫 쪽"], ["둘째 쪽"]]).read_bytes()
    path.write_bytes(full[: len(full) // 3])


def _cut_pdf(path: Path) -> None:
    """Three full pages cut at 60%: PyMuPDF rebuilds it and would read what survived."""
    pages = [[f"{n} 쪽 내용입니다 " * 20] * 10 for n in ("첫", "둘째", "셋째")]
    full = make_korean_pdf(path.with_suffix(".full.pdf"), pages).read_bytes()
    path.write_bytes(full[: len(full) * 6 // 10])


def _scanned_pdf(path: Path) -> None:
    """Pages with only pictures (a scan): no text layer at all."""
    doc = pymupdf.open()
    for _ in range(3):
        page = doc.new_page()
        page.draw_rect(pymupdf.Rect(50, 50, 500, 700), color=(0, 0, 0), fill=(0.8, 0.8, 0.8))
    doc.save(path)


def _encrypted_pdf(path: Path) -> None:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "비밀 문서", fontname="korea")
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="pw", owner_pw="owner")


# name → (how to write it, the reason in Korean, the reason in English)
BAD = {
    "empty.txt": (lambda p: p.write_bytes(b""), "빈 파일입니다", "empty file"),
    "junk.txt": (
        lambda p: p.write_bytes(os.urandom(4096) + b"\x00" * 64),
        "이진 데이터입니다",
        "binary data",
    ),
    "truncated.pdf": (_truncated_pdf, "PDF를 열 수 없습니다", "cannot open PDF"),
    "cut.pdf": (_cut_pdf, "잘린 PDF입니다", "truncated PDF: no %%EOF end marker"),
    "scanned.pdf": (
        _scanned_pdf,
        "글자 층이 없습니다 (스캔한 문서?): 3쪽",
        "no text layer: page count 3; OCR not available",
    ),
    "encrypted.pdf": (
        _encrypted_pdf,
        "암호가 걸린 PDF입니다",
        "encrypted PDF (password required)",
    ),
    "notes.xyz": (
        lambda p: p.write_text("내용", encoding="utf-8"),
        "읽을 수 없는 파일 형식입니다: '.xyz'",
        "unsupported file type",
    ),
    "fake.pdf": (
        lambda p: p.write_text("이것은 PDF가 아니다", encoding="utf-8"),
        "PDF 파일이 아닙니다",
        "not a PDF",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_reader_names_file_and_reason(tmp_path: Path, name: str) -> None:
    write, korean, english = BAD[name]
    path = tmp_path / name
    write(path)
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert info.value.path == str(path)
    assert korean in info.value.reason  # the users' language by default
    set_language("en")
    assert english in info.value.reason  # worded when read, in the language in use then


def test_cli_reports_each_bad_file_and_ingests_the_good_one(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    paths = []
    for name, (write, _korean, _english) in BAD.items():
        write(folder / name)
        paths.append(str(folder / name))
    good = folder / "좋은 보고서.txt"
    good.write_text("Ⅰ. 일반 현황\n조직 2국 5실 10팀\n인력 30명\n", encoding="utf-8")
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", *paths, str(good)])
    assert result.exit_code == 1
    errors = [ln for ln in result.output.splitlines() if ln.startswith("실패: ")]
    assert len(errors) == len(BAD)
    for name, (_write, korean, _english) in BAD.items():
        line = next(ln for ln in errors if name in ln)
        assert korean in line
    assert "추가 1," in result.output
    search = CliRunner().invoke(cli, ["--db", str(db), "search", "조직 팀", "--json"])
    assert search.exit_code == 0 and "5실 10팀" in search.output
