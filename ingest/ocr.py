"""The issuer read from the cover's logo, when the text never names it (optional OCR).

Government press releases and bulletins often name their ministry only in the logo image at
the top of the first page; the text gives a bureau (`대외경제국 국제경제과`) or nothing. When
the Tesseract command with its Korean data is installed (Debian: `tesseract-ocr-kor`), the
first small images of the document are read and an organisation name found in them becomes
the issuer. Without Tesseract, or with `KB_OCR=off`, nothing here runs and nothing changes.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import zlib
from pathlib import Path

from kb.errors import IngestError

from .metadata import org_name
from .ole import OleError, OleFile
from .zipxml import SafeZip

# A logo is small: bigger images are photos, banners or scanned pages, which cost seconds
# each and name campaigns rather than issuers.
MAX_LOGO_BYTES = 256 * 1024
MAX_LOGO_SIDE = 1200
MAX_IMAGES = 3  # the first few images in reading order; a logo leads the cover
OCR_SECONDS = 10.0
# Images on the first page count only in its top quarter, where the masthead sits.
TOP_SHARE = 0.25

_IMAGE_NAME = re.compile(r"\.(?:png|jpe?g|bmp|gif|tiff?)$", re.IGNORECASE)


@functools.cache
def available() -> bool:
    """True when OCR is switched on and a Tesseract with Korean data is installed."""
    if os.environ.get("KB_OCR", "auto").strip().lower() in ("off", "0", "no", "false"):
        return False
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        out = subprocess.run(
            [exe, "--list-langs"], capture_output=True, timeout=OCR_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "kor" in out.stdout.decode("utf-8", "replace").split()


def read_image(data: bytes) -> str:
    """The text Tesseract reads in one image ('' when it reads nothing or fails)."""
    exe = shutil.which("tesseract")
    if exe is None:
        return ""
    try:
        out = subprocess.run(
            [exe, "stdin", "stdout", "-l", "kor", "--psm", "6"],
            input=data,
            capture_output=True,
            timeout=OCR_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return out.stdout.decode("utf-8", "replace") if out.returncode == 0 else ""


def logo_issuer(path: Path) -> str | None:
    """An organisation named in the first small images of the document, if OCR is on."""
    if not available():
        return None
    for data in cover_images(path):
        for line in read_image(data).splitlines():
            if name := org_name(line):
                return name
    return None


def cover_images(path: Path) -> list[bytes]:
    """The first few logo-sized images of an HWP, HWPX or PDF file, in reading order."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            images = _pdf_images(path)
        elif suffix == ".hwpx" or (suffix == ".hwp" and _is_zip(path)):
            images = _hwpx_images(path)
        elif suffix == ".hwp":
            images = _hwp_images(path)
        else:
            return []
    except (IngestError, OSError, OleError, ValueError, RuntimeError, zlib.error):
        # The body was read already; an unreadable picture only means no logo.
        return []
    return [d for d in images if _logo_sized(d)][:MAX_IMAGES]


def _is_zip(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(4) == b"PK\x03\x04"


def _logo_sized(data: bytes) -> bool:
    if len(data) > MAX_LOGO_BYTES:
        return False
    import pymupdf  # heavy (~1 s to import on 2 cores): only for PDFs and logo images

    try:
        pix = pymupdf.Pixmap(data)
    except (RuntimeError, ValueError):
        return False
    # w, h: the width and height (Pixmap.width is an alias that older mypy reads as a method).
    side: int = max(pix.w, pix.h)
    return side <= MAX_LOGO_SIDE


def _hwpx_images(path: Path) -> list[bytes]:
    """BinData pictures by their number (Hancom numbers them as they are inserted)."""
    with SafeZip(path, "HWPX") as z:
        infos = [
            i
            for i in z.zf.infolist()
            if i.filename.startswith("BinData/")
            and _IMAGE_NAME.search(i.filename)
            and i.file_size <= MAX_LOGO_BYTES
        ]
        infos.sort(key=lambda i: _number(i.filename))
        return [z.read(i.filename) for i in infos[: MAX_IMAGES * 2]]


def _hwp_images(path: Path) -> list[bytes]:
    """BinData streams of an HWP 5 file by number, inflated when stored compressed."""
    ole = OleFile(path.read_bytes())
    names = sorted(
        (s for s in ole.streams() if s.lower().startswith("bindata/")),
        key=_number,
    )
    out: list[bytes] = []
    for name in names[: MAX_IMAGES * 2]:
        if not _IMAGE_NAME.search(name):
            continue
        raw = ole.read(name)
        if len(raw) > MAX_LOGO_BYTES:
            continue
        d = zlib.decompressobj(-15)
        try:
            data = d.decompress(raw, MAX_LOGO_BYTES + 1)
        except zlib.error:
            data = raw  # stored uncompressed
        out.append(data)
    return out


def _pdf_images(path: Path) -> list[bytes]:
    """Images in the top quarter of the first page, left to right."""
    import pymupdf  # heavy (~1 s to import on 2 cores): only for PDFs and logo images

    with pymupdf.open(path) as doc:
        if doc.page_count == 0:
            return []
        page = doc[0]
        top = page.rect.y0 + page.rect.height * TOP_SHARE
        infos = [i for i in page.get_image_info(xrefs=True) if i["xref"] and i["bbox"][1] < top]
        infos.sort(key=lambda i: (i["bbox"][1] // 20, i["bbox"][0]))
        return [doc.extract_image(i["xref"])["image"] for i in infos[: MAX_IMAGES * 2]]


def _number(name: str) -> int:
    digits = re.findall(r"\d+", Path(name).stem)
    return int(digits[-1]) if digits else 1 << 30
