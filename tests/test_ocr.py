"""The issuer read off a cover logo: name rules (pure), image picking, and OCR end to end.

The OCR tests need the Tesseract command with Korean data (Debian `tesseract-ocr-kor`), an
optional system package; without it they are skipped and ingest keeps the text's issuer.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from ingest import ocr
from ingest.metadata import is_subunit, org_name
from ingest.pipeline import parse_file
from tests.helpers import PdfWriter

DATA = Path(__file__).parent / "data" / "realdocs"
needs_tesseract = pytest.mark.skipif(
    not ocr.available(), reason="OCR needs tesseract with Korean data (tesseract-ocr-kor)"
)


@pytest.mark.parametrize(
    "line,name",
    [
        ("60) 기획재정부", "기획재정부"),  # a logo's emblem read as digits before the name
        ("서울특별시", "서울특별시"),
        ("경상남도", "경상남도"),
        ("지책브리핑", None),  # a portal's banner, misread
        ("공공누리 공공저작물 자유이용허락", None),  # a licence badge
        ("더 아픈 환자에게 양보해 주셔서 감사합니다", None),  # a campaign banner
        ("제도 개선", None),
    ],
)
def test_org_name_of_a_logo_line(line: str, name: str | None) -> None:
    assert org_name(line) == name


@pytest.mark.parametrize(
    "issuer,sub",
    [
        ("대외경제국", True),
        ("대외경제국 국제경제과", True),
        ("정책기획관실", True),
        ("기획재정부", False),
        ("서울특별시", False),
        ("한국개발연구원", False),
    ],
)
def test_bureau_is_not_the_institution(issuer: str, sub: bool) -> None:
    assert is_subunit(issuer) is sub


@pytest.mark.parametrize("name", ["fdi_2025q1_press.hwp", "fdi_2025q2_press.hwpx"])
def test_cover_images_lead_with_the_logo(name: str) -> None:
    images = ocr.cover_images(DATA / name)
    assert 1 <= len(images) <= ocr.MAX_IMAGES
    first = pymupdf.Pixmap(images[0])
    assert first.width > 2 * first.height  # a masthead logo: wide and short
    assert all(len(d) <= ocr.MAX_LOGO_BYTES for d in images)


def test_ocr_switched_off_by_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    ocr.available.cache_clear()
    monkeypatch.setenv("KB_OCR", "off")
    try:
        assert ocr.available() is False
        assert ocr.logo_issuer(DATA / "fdi_2025q1_press.hwp") is None
    finally:
        ocr.available.cache_clear()


def _logo_png(text: str) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=180, height=48)
    page.draw_circle((20, 24), 14, color=(0, 0, 0.6), fill=(0, 0, 0.6))  # an emblem
    # Logos set their name in a heavy face: fill and stroke the glyphs.
    page.insert_text(
        (44, 33), text, fontname="korea", fontsize=24, render_mode=2, border_width=0.03
    )
    return page.get_pixmap(dpi=144).tobytes("png")


def _release(path: Path, logo: bytes) -> Path:
    """A one-page release: masthead logo, headline, a sentence, the department table."""
    w = PdfWriter(size=11)
    w.y = 100  # the masthead above holds the logo
    w.line("2025년 1분기 해외직접투자 동향")
    w.line("2025년 1분기 해외직접투자액은 총투자액 기준 180억 달러로 집계되었다.")
    w.table([["담당 부서", "대외경제국 국제경제과", "책임자", "과장 홍길동"]])
    w.page.insert_image(pymupdf.Rect(60, 40, 180, 76), stream=logo)
    return w.save(path)


@needs_tesseract
def test_logo_names_the_ministry_the_text_leaves_out(tmp_path: Path) -> None:
    pdf = _release(tmp_path / "release.pdf", _logo_png("기획재정부"))
    assert parse_file(pdf).organisation == "기획재정부"


@needs_tesseract
def test_real_release_issuer_from_its_logo() -> None:
    # The text names only the bureau; the ministry is in the masthead image.
    assert parse_file(DATA / "fdi_2025q2_press.hwpx").organisation == "기획재정부"


def test_without_a_logo_the_bureau_stays(tmp_path: Path) -> None:
    blank = pymupdf.open()
    blank.new_page(width=120, height=36)
    pdf = _release(tmp_path / "release.pdf", blank[0].get_pixmap().tobytes("png"))
    assert parse_file(pdf).organisation == "대외경제국 국제경제과"
