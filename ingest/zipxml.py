"""Bounded reading of zip containers (HWPX, DOCX, XLSX) and of the XML parts inside them.

Limits, checked on the zip directory before anything is inflated:
- at most MAX_MEMBERS entries;
- total declared uncompressed size at most MAX_TOTAL (200 MB);
- no member above 1 MiB may expand more than MAX_RATIO (100x) — a zip bomb's signature.
While reading, a part we parse may not exceed MAX_PART (50 MB) whatever its header claims.
XML with a DOCTYPE is refused: OOXML and OWPML never declare one, and entity tricks need it.
The check reads the whole prolog (however long its padding) and nothing past the root tag.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from xml.etree import ElementTree as ET
from xml.parsers import expat

from kb.errors import IngestError

MAX_MEMBERS = 10_000
MAX_TOTAL = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_MIN_SIZE = 1024 * 1024  # small parts compress well legitimately; only judge big ones
MAX_PART = 50 * 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def local(tag: str) -> str:
    """Element or attribute name without its namespace ("{ns}tbl" -> "tbl")."""
    return tag.rsplit("}", 1)[-1]


def attr(el: ET.Element, name: str, default: str = "") -> str:
    """An attribute by local name, whatever namespace prefix the writer used."""
    for key, value in el.attrib.items():
        if local(key) == name:
            return value
    return default


def int_attr(el: ET.Element | None, name: str, default: int) -> int:
    """An integer attribute by local name, or the default when missing or malformed."""
    if el is None:
        return default
    try:
        return int(attr(el, name, str(default)))
    except ValueError:
        return default


class _Prolog(Exception):
    """Stops the prolog scan; args[0] tells whether a DOCTYPE or entity was declared."""


def _stop(found: bool) -> Callable[..., None]:
    def handler(*_: object) -> None:
        raise _Prolog(found)

    return handler


def _declares_doctype(data: bytes) -> bool:
    """Whether XML declares a DOCTYPE or an entity before its root element.

    Expat itself reads the prolog, stopped by the first start tag: the parser ElementTree
    uses, so the same encoding detection (UTF-16, a declared single-byte encoding) and no
    padding, comment or re-encoding hides a declaration the real parse would honour.
    """
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _stop(True)
    parser.EntityDeclHandler = _stop(True)
    parser.StartElementHandler = _stop(False)
    try:
        parser.Parse(data, True)
    except _Prolog as stop:
        return bool(stop.args[0])
    except expat.ExpatError:
        pass  # malformed before any declaration: the real parse names the error
    return False


def child(el: ET.Element, name: str) -> ET.Element | None:
    """First direct child with this local name."""
    return next((c for c in el if local(c.tag) == name), None)


class SafeZip:
    """A zip container opened with the limits above; every failure is an IngestError."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path, self.kind = path, kind
        with path.open("rb") as fh:
            head = fh.read(8)
        if not head:
            raise IngestError(path, "ingest.empty")
        if head.startswith(OLE_MAGIC):
            raise IngestError(path, "ingest.zip_is_ole", kind=kind)
        if not zipfile.is_zipfile(path):
            raise IngestError(path, "ingest.zip_not", kind=kind)
        try:
            self.zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
            raise IngestError(path, "ingest.zip_damaged", kind=kind, detail=str(exc)) from exc
        self._check_directory()
        self.names = set(self.zf.namelist())

    def _check_directory(self) -> None:
        infos = self.zf.infolist()
        if len(infos) > MAX_MEMBERS:
            self.close()
            raise IngestError(self.path, "ingest.zip_members", n=len(infos), limit=MAX_MEMBERS)
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL:
            self.close()
            raise IngestError(
                self.path,
                "ingest.zip_total",
                size=f"{total / 2**20:.0f}",
                limit=f"{MAX_TOTAL / 2**20:.0f}",
            )
        for info in infos:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_MIN_SIZE and ratio > MAX_RATIO:
                self.close()
                raise IngestError(
                    self.path,
                    "ingest.zip_ratio",
                    name=info.filename,
                    ratio=f"{ratio:.0f}",
                    size=f"{info.file_size / 2**20:.0f}",
                    limit=MAX_RATIO,
                )

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the underlying zip file."""
        self.zf.close()

    def read(self, name: str) -> bytes:
        """A member's bytes, inflated in slices so a lying size header cannot blow memory."""
        out = bytearray()
        try:
            with self.zf.open(name) as fh:
                while piece := fh.read(1 << 20):
                    out += piece
                    if len(out) > MAX_PART:
                        raise IngestError(
                            self.path, "ingest.zip_part_big", name=name, limit=MAX_PART // 2**20
                        )
        except IngestError:
            raise
        except KeyError as exc:
            raise IngestError(self.path, "ingest.zip_missing", kind=self.kind, name=name) from exc
        except NotImplementedError as exc:  # unknown compression method or zip version
            raise IngestError(self.path, "ingest.zip_feature", name=name, detail=str(exc)) from exc
        except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
            raise IngestError(
                self.path, "ingest.zip_encrypted", kind=self.kind, name=name, detail=str(exc)
            ) from exc
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
            raise IngestError(
                self.path, "ingest.zip_part_damaged", kind=self.kind, name=name, detail=str(exc)
            ) from exc
        return bytes(out)

    def xml_bytes(self, name: str) -> bytes:
        """A member's bytes, refused if the XML declares a DOCTYPE."""
        data = self.read(name)
        if _declares_doctype(data):
            raise IngestError(self.path, "ingest.xml_doctype", name=name)
        return data

    def xml(self, name: str) -> ET.Element:
        """A member parsed as XML (DOCTYPE refused; parse errors named)."""
        try:
            return ET.fromstring(self.xml_bytes(name))
        except (ET.ParseError, LookupError) as exc:  # LookupError: unknown declared encoding
            raise IngestError(self.path, "ingest.xml_damaged", name=name, detail=str(exc)) from exc
