"""Hostile HWP 5 files end within a time and memory budget, with one IngestError each.

Every file is made here: the streams of a real fixture (read with olefile, which copes with
honest files) rebuilt into a compound file by `build_ole`, with a stream replaced or a table
entry tampered with. Each hostile case runs in a child process under an address-space cap,
so a regression fails an assertion instead of taking the machine's memory.
"""

from __future__ import annotations

import json
import resource
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.etree import ElementTree as ET

import olefile
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import hwp
from ingest.hwp import read_hwp
from ingest.ole import MAX_DEPTH
from ingest.zipxml import SafeZip
from kb.errors import IngestError
from kb.i18n import set_language


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The readers' reasons are checked in English, the words these tests were written in
    (here and in the processes they start); tests/test_bad_files.py checks both languages."""
    monkeypatch.setenv("KB_LANG", "en")
    set_language(None)


ROOT = Path(__file__).resolve().parent.parent
HWP_DIR = ROOT / "tests" / "fixtures" / "hwp"

TIME_LIMIT = 10.0  # seconds, child start-up included
PEAK_LIMIT_MB = 1024
ADDRESS_CAP = 1536 * 2**20  # the child's RLIMIT_AS: past it, allocation fails (MemoryError)

SECTOR, MINI, CUTOFF = 512, 64, 4096
FREE, END, FATSECT, NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
PARA_HEADER, PARA_TEXT = hwp.TAG_PARA_HEADER, hwp.TAG_PARA_TEXT


# ------------------------------------------------------------------ building compound files


@dataclass
class Entry:
    """A directory entry as it will be written (tests may tamper with any field)."""

    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    left: int = NONE
    right: int = NONE
    child: int = NONE
    start: int = END
    size: int = 0


@dataclass
class Layout:
    """Where build_ole put everything; `tamper` callbacks edit it before it is written."""

    fat: list[int]
    minifat: list[int]
    entries: list[Entry]
    index: dict[str, int]  # stream path -> entry number
    chains: dict[str, list[int]] = field(default_factory=dict)  # regular sectors by stream
    mini_chains: dict[str, list[int]] = field(default_factory=dict)  # mini sectors by stream


def build_ole(streams: dict[str, bytes], tamper: Callable[[Layout], None] | None = None) -> bytes:
    """A version 3 compound file (512-byte sectors) holding these streams ("Dir/Name")."""
    entries = [Entry("Root Entry", 5)]
    index: dict[str, int] = {}
    kids: dict[int, list[int]] = {0: []}
    for path in streams:
        parent = 0
        parts = path.split("/")
        for depth, part in enumerate(parts):
            key = "/".join(parts[: depth + 1])
            if key not in index:
                index[key] = len(entries)
                is_stream = depth == len(parts) - 1
                entries.append(Entry(part, 2 if is_stream else 1))
                kids[parent].append(index[key])
                kids[index[key]] = []
            parent = index[key]
    for parent, members in kids.items():  # siblings as a right-leaning chain
        if members:
            entries[parent].child = members[0]
            for a, b in zip(members, members[1:], strict=False):
                entries[a].right = b

    layout = Layout(fat=[], minifat=[], entries=entries, index=index)
    mini = bytearray()
    big: list[tuple[str, bytes]] = []
    for path, data in streams.items():
        entry = entries[index[path]]
        entry.size = len(data)
        if 0 < len(data) < CUTOFF:
            first = len(mini) // MINI
            count = -(-len(data) // MINI)
            chain = list(range(first, first + count))
            layout.minifat += [*chain[1:], END]
            layout.mini_chains[path] = chain
            entry.start = first
            mini += data + bytes(count * MINI - len(data))
        elif data:
            big.append((path, data))

    body = bytearray()

    def place(name: str, data: bytes) -> int:
        """Append data as a chain of whole sectors; its first sector number."""
        first = len(body) // SECTOR
        count = max(1, -(-len(data) // SECTOR))
        layout.fat += [*range(first + 1, first + count), END]
        layout.chains[name] = list(range(first, first + count))
        body.extend(data + bytes(count * SECTOR - len(data)))
        return first

    for path, data in big:
        entries[index[path]].start = place(path, data)
    if mini:
        entries[0].start, entries[0].size = place("<mini stream>", bytes(mini)), len(mini)
    minifat_start = place("<minifat>", bytes(4 * len(layout.minifat)))  # written after tamper
    dir_sectors = -(-len(entries) * 128 // SECTOR)
    dir_start = place("<directory>", bytes(dir_sectors * SECTOR))
    n_fat = 1
    while n_fat * (SECTOR // 4) < len(layout.fat) + n_fat:
        n_fat += 1
    assert n_fat <= 109, "build_ole writes no DIFAT sectors"
    fat_start = len(layout.fat)
    layout.fat += [FATSECT] * n_fat

    if tamper is not None:
        tamper(layout)

    directory = bytearray()
    for e in entries:
        name = e.name.encode("utf-16-le")
        directory += name + bytes(64 - len(name))
        directory += struct.pack("<HBB3I", len(name) + 2, e.kind, 1, e.left, e.right, e.child)
        directory += bytes(16 + 4 + 16) + struct.pack("<IQ", e.start, e.size)
    directory += (bytes(64) + struct.pack("<HBB3I", 0, 0, 0, NONE, NONE, NONE) + bytes(48)) * (
        dir_sectors * 4 - len(entries)
    )
    body[dir_start * SECTOR : (dir_start + dir_sectors) * SECTOR] = directory
    minifat = struct.pack(f"<{len(layout.minifat)}I", *layout.minifat)
    body[minifat_start * SECTOR : minifat_start * SECTOR + len(minifat)] = minifat
    fat = layout.fat + [FREE] * (n_fat * SECTOR // 4 - len(layout.fat))
    body += struct.pack(f"<{len(fat)}I", *fat)
    difat = list(range(fat_start, fat_start + n_fat)) + [FREE] * (109 - n_fat)
    header = olefile.MAGIC + bytes(16) + struct.pack("<HHHHH6x", 0x3E, 3, 0xFFFE, 9, 6)
    n_minifat = len(layout.chains["<minifat>"])
    header += struct.pack("<9I", 0, n_fat, dir_start, 0, CUTOFF, minifat_start, n_minifat, END, 0)
    header += struct.pack("<109I", *difat)
    assert len(header) == SECTOR
    return bytes(header + body)


@cache
def fixture_streams(name: str) -> dict[str, bytes]:
    """All streams of a real HWP fixture, by path."""
    with olefile.OleFileIO(str(HWP_DIR / name)) as ole:
        return {"/".join(p): ole.openstream(p).read() for p in ole.listdir()}


def deflate(data: bytes | list[bytes]) -> bytes:
    """Raw deflate, as HWP stores compressed streams."""
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    pieces = [data] if isinstance(data, bytes) else data
    return b"".join(z.compress(p) for p in pieces) + z.flush()


def record(tag: int, level: int, payload: bytes = b"") -> bytes:
    """One HWP record: header (tag, level, size; 0xFFF and a 32-bit size when large)."""
    if len(payload) < 0xFFF:
        return struct.pack("<I", tag | level << 10 | len(payload) << 20) + payload
    return struct.pack("<II", tag | level << 10 | 0xFFF << 20, len(payload)) + payload


def paragraph(text: str) -> bytes:
    """A paragraph header with its text, as records."""
    return record(PARA_HEADER, 0, bytes(22)) + record(PARA_TEXT, 1, text.encode("utf-16-le"))


def hwp_with(
    sections: list[bytes] | None = None,
    docinfo: bytes | None = None,
    tamper: Callable[[Layout], None] | None = None,
    base: str = "sample-5017.hwp",
) -> bytes:
    """A real fixture rebuilt, with its (compressed) sections and DocInfo optionally replaced."""
    streams = dict(fixture_streams(base))
    if sections is not None:
        streams = {k: v for k, v in streams.items() if not k.startswith("BodyText/")}
        streams.update({f"BodyText/Section{i}": s for i, s in enumerate(sections)})
    if docinfo is not None:
        streams["DocInfo"] = docinfo
    return build_ole(streams, tamper)


# ------------------------------------------------------------------ running a case


CHILD = """
import json, resource, sys, time
from pathlib import Path
t = time.perf_counter()
from kb.errors import IngestError
from ingest.hwp import read_hwp
try:
    doc = read_hwp(Path(sys.argv[1]))
    out = {"kind": "ok", "format": doc.format, "texts": [b.text for b in doc.blocks[:5]],
           "blocks": len(doc.blocks)}
except IngestError as exc:
    out = {"kind": "IngestError", "path": exc.path, "reason": exc.reason}
except BaseException as exc:
    out = {"kind": type(exc).__name__, "reason": str(exc)[:300]}
out["seconds"] = time.perf_counter() - t
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_CAP, ADDRESS_CAP))


def run_capped(path: Path) -> dict[str, object]:
    """read_hwp on a file in a child process under the caps: what it returned or raised."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=TIME_LIMIT,
            preexec_fn=_cap_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading {path.name} took over {TIME_LIMIT:.0f} s")
    lines = done.stdout.strip().splitlines()
    assert lines, f"child died (exit {done.returncode}): {done.stderr[-2000:]}"
    result: dict[str, object] = json.loads(lines[-1])
    print(path.name, result)
    assert float(str(result["peak_mb"])) < PEAK_LIMIT_MB, result
    return result


def assert_refused(path: Path, *fragments: str) -> None:
    """The file is refused with an IngestError naming it and every fragment of the reason."""
    result = run_capped(path)
    assert result["kind"] == "IngestError", result
    assert result["path"] == str(path)
    for fragment in fragments:
        assert fragment in str(result["reason"]), result


# ------------------------------------------------------------------ 1. sector chains that loop


def _padded_section() -> list[bytes]:
    """Section0 padded past the mini-stream cutoff, so it lives in regular FAT sectors
    (bytes after the end of the deflate data are ignored by every reader)."""
    section = fixture_streams("sample-5017.hwp")["BodyText/Section0"]
    return [section + bytes(CUTOFF)]


def _self_loop(size: int | None) -> Callable[[Layout], None]:
    def tamper(layout: Layout) -> None:
        first = layout.chains["BodyText/Section0"][0]
        layout.fat[first] = first  # the first sector says it is followed by itself
        if size is not None:
            layout.entries[layout.index["BodyText/Section0"]].size = size

    return tamper


def _mini_loop(layout: Layout) -> None:
    chain = layout.mini_chains["BodyText/Section0"]
    layout.minifat[chain[1]] = chain[0]


LOOPS = {
    # The stream claims ~4 GB and its chain loops: olefile read the same sector 8 million
    # times (9.3 GB and 18-46 s measured before the fix, then the preview was stored).
    "fat-loop-4GB": (_padded_section(), _self_loop(0xFFFFFE00)),
    "fat-loop-true-size": (_padded_section(), _self_loop(None)),
    "minifat-loop": (None, _mini_loop),
}


@pytest.mark.parametrize("case", sorted(LOOPS))
def test_sector_chain_that_loops_is_refused(tmp_path: Path, case: str) -> None:
    sections, tamper = LOOPS[case]
    path = tmp_path / f"{case}.hwp"
    path.write_bytes(hwp_with(sections, tamper=tamper))
    assert_refused(path, "damaged HWP", "sector chain of BodyText/Section0 loops")


def test_storages_nested_past_the_depth_limit_are_refused(tmp_path: Path) -> None:
    """Paths grow with depth: thousands of nested storages would cost quadratic memory."""
    streams = dict(fixture_streams("sample-5017.hwp"))
    streams["/".join(["S"] * (MAX_DEPTH + 1)) + "/x"] = b"x"
    path = tmp_path / "deep.hwp"
    path.write_bytes(build_ole(streams))
    assert_refused(path, "damaged HWP", f"nests storages over {MAX_DEPTH} deep")


# ------------------------------------------------------------------ 2. inflation and records


@cache
def _bomb(megabytes: int) -> bytes:
    """Raw deflate of `megabytes` MB of empty 4-byte paragraph records (~1000:1)."""
    chunk = record(PARA_HEADER, 0) * (2**20 // 4)
    return deflate([chunk] * megabytes)


def test_section_inflating_to_180_mb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.hwp"
    path.write_bytes(hwp_with([_bomb(180)]))
    assert path.stat().st_size < 250_000
    assert_refused(path, f"inflate to over {hwp.MAX_INFLATED // 2**20} MB")


def test_sections_inflating_past_the_document_limit_together_are_refused(
    tmp_path: Path,
) -> None:
    """Each section alone is under the limit; the document is not."""
    big = record(PARA_HEADER, 0, bytes(60_000))  # few records, many bytes
    each = deflate([big] * (hwp.MAX_INFLATED // len(big) * 2 // 3))
    path = tmp_path / "sections.hwp"
    path.write_bytes(hwp_with([each, each]))
    assert_refused(path, f"inflate to over {hwp.MAX_INFLATED // 2**20} MB")


def test_docinfo_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "docinfo-bomb.hwp"
    path.write_bytes(hwp_with(docinfo=_bomb(180)))
    assert_refused(path, f"inflate to over {hwp.MAX_INFLATED // 2**20} MB")


def test_too_many_records_are_refused(tmp_path: Path) -> None:
    """Small when inflated (a few MB), but more records than any real document has."""
    para = paragraph("가")
    path = tmp_path / "records.hwp"
    path.write_bytes(hwp_with([deflate(para * (hwp.MAX_RECORDS // 2 + 1))]))
    assert_refused(path, f"over {hwp.MAX_RECORDS:,} records")


# ------------------------------------------------------------------ 3. zero runs (linear time)


def test_fifty_mb_of_zeros_then_a_record_ends_quickly(tmp_path: Path) -> None:
    zeros = bytes(2**20)
    path = tmp_path / "zeros.hwp"
    path.write_bytes(hwp_with([deflate([zeros] * 50 + [paragraph("끝")])]))
    # 50 MB of zero headers are 13 million empty records: over the record limit.
    assert_refused(path, f"over {hwp.MAX_RECORDS:,} records")


def test_zero_runs_between_many_records_are_read_in_linear_time(tmp_path: Path) -> None:
    """8 zero bytes before each paragraph: the old padding check rescanned (and copied) the
    rest of the stream at every run, quadratic in the stream's size."""
    path = tmp_path / "zero-runs.hwp"
    path.write_bytes(hwp_with([deflate((bytes(8) + paragraph("가")) * 150_000)]))
    result = run_capped(path)
    assert result["kind"] == "ok" and result["format"] == "hwp", result
    assert result["texts"] == ["가"] * 5


def test_zero_padding_after_the_last_record_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "padded.hwp"
    path.write_bytes(hwp_with([deflate(paragraph("본문") + bytes(5 * 2**20))]))
    result = run_capped(path)
    assert result["kind"] == "ok" and result["texts"] == ["본문"], result


def test_many_controls_in_one_paragraph_are_matched_in_linear_time(tmp_path: Path) -> None:
    """20,000 control marks in a paragraph's text, none matching its 20,000 CTRL_HEADERs:
    a search of the control list per mark was quadratic (60 s measured)."""
    n = 20_000
    mark = struct.pack("<H", 11) + b"bbbb"[::-1] + bytes(10)  # an extended control, 8 units
    text = ("가".encode("utf-16-le") + mark) * n
    para = record(PARA_HEADER, 0, bytes(22)) + record(PARA_TEXT, 1, text)
    para += record(hwp.TAG_CTRL_HEADER, 1, b"aaaa") * n
    path = tmp_path / "controls.hwp"
    path.write_bytes(hwp_with([deflate(para)]))
    result = run_capped(path)
    assert result["kind"] == "ok" and result["texts"] == ["가" * n], result


# ------------------------------------------------------------------ 12. truncated files


@pytest.mark.parametrize("share", [1 / 2, 3 / 4])
def test_hwp_cut_short_is_refused_naming_what_is_missing(tmp_path: Path, share: float) -> None:
    data = (HWP_DIR / "sample-5017.hwp").read_bytes()
    path = tmp_path / "cut.hwp"
    path.write_bytes(data[: int(len(data) * share)])
    # Its FAT and directory come first in this file: the stream that is cut is named.
    assert_refused(path, "damaged HWP: truncated, BodyText/Section0 is", "file cut short")


def test_truncated_section_names_the_stream_and_its_size(tmp_path: Path) -> None:
    """A file cut inside a stream: its FAT (written last by build_ole, so kept here) sends
    the chain past the end of the file after two sectors."""
    n_sectors = len(hwp_with(_padded_section())) // SECTOR - 1

    def cut(layout: Layout) -> None:
        second = layout.chains["BodyText/Section0"][1]
        layout.fat[second] = n_sectors + 5  # inside the FAT's range, past the file's end

    path = tmp_path / "cut-section.hwp"
    path.write_bytes(hwp_with(_padded_section(), tamper=cut))
    size = len(_padded_section()[0])
    assert_refused(path, f"truncated, BodyText/Section0 is {2 * SECTOR:,} of {size:,} bytes")


def test_deflate_data_cut_short_is_refused(tmp_path: Path) -> None:
    section = fixture_streams("sample-5017.hwp")["BodyText/Section0"]
    path = tmp_path / "cut-deflate.hwp"
    path.write_bytes(hwp_with([section[: len(section) // 2]]))
    assert_refused(path, "damaged HWP", "BodyText/Section0", "ends early")


# ------------------------------------------------------------------ XML parts of zip formats

LOL = b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
PROLOGS = {
    "after-5KB-of-spaces": b" " * 5000 + LOL,
    "after-a-long-comment": b'<?xml version="1.0"?><!--' + b"x" * 8000 + b"-->" + LOL,
    "in-utf-16": ('<?xml version="1.0" encoding="utf-16"?>' + LOL.decode()).encode("utf-16"),
}


def _xml_part(path: Path, data: bytes) -> ET.Element:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", data)
    with SafeZip(path, "DOCX") as z:
        return z.xml("word/document.xml")


@pytest.mark.parametrize("case", sorted(PROLOGS))
def test_doctype_anywhere_before_the_root_is_refused(tmp_path: Path, case: str) -> None:
    """The guard looked at the first 4 KB of bytes only: padding or UTF-16 got past it."""
    with pytest.raises(IngestError, match="DOCTYPE"):
        _xml_part(tmp_path / "part.docx", PROLOGS[case])


def test_doctype_text_inside_the_root_is_no_declaration(tmp_path: Path) -> None:
    root = _xml_part(tmp_path / "part.docx", b"<x><!-- <!DOCTYPE y> --><![CDATA[<!ENTITY]]></x>")
    assert root.tag == "x" and root.text == "<!ENTITY"


# ------------------------------------------------------------------ sanity of the generator


def test_rebuilt_fixture_reads_like_the_original(tmp_path: Path) -> None:
    """build_ole writes what olefile reads back, and the reader finds the same text."""
    path = tmp_path / "rebuilt.hwp"
    path.write_bytes(hwp_with(_padded_section()))
    with olefile.OleFileIO(str(path)) as ole:
        for name, data in fixture_streams("sample-5017.hwp").items():
            if name != "BodyText/Section0":
                assert ole.openstream(name).read() == data
    original = read_hwp(HWP_DIR / "sample-5017.hwp")
    assert [b.text for b in read_hwp(path).blocks] == [b.text for b in original.blocks]


# ------------------------------------------------------------------ fuzzing


def _read_bytes(tmp: Path, data: bytes) -> None:
    """read_hwp on these bytes: a document or an IngestError, nothing else."""
    path = tmp / "fuzz.hwp"
    path.write_bytes(data)
    try:
        read_hwp(path)
    except IngestError as exc:
        assert exc.path == str(path) and exc.reason


_record_lists = st.lists(
    st.tuples(
        st.sampled_from(
            [
                PARA_HEADER,
                PARA_TEXT,
                hwp.TAG_CTRL_HEADER,
                hwp.TAG_LIST_HEADER,
                hwp.TAG_TABLE,
                hwp.TAG_PARA_CHAR_SHAPE,
                0,
                0x3FF,
            ]
        ),
        st.integers(0, 12) | st.integers(0, 1023),
        st.binary(max_size=40) | st.sampled_from([b"tbl ", b" lbt", b"  nf", b"osg "]),
        st.booleans(),  # lie about the size
    ),
    max_size=60,
)


def _uncompressed(sections: list[bytes]) -> bytes:
    """sample-5017 with its streams stored uncompressed (FileHeader bit 0 off)."""
    streams = dict(fixture_streams("sample-5017.hwp"))
    head = bytearray(streams["FileHeader"])
    struct.pack_into("<I", head, 36, struct.unpack_from("<I", head, 36)[0] & ~1)
    streams["FileHeader"] = bytes(head)
    streams["DocInfo"] = zlib.decompress(streams["DocInfo"], -15)
    streams = {k: v for k, v in streams.items() if not k.startswith("BodyText/")}
    streams.update({f"BodyText/Section{i}": s for i, s in enumerate(sections)})
    return build_ole(streams)


@settings(max_examples=600, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(recs=_record_lists, tail=st.binary(max_size=12))
def test_fuzz_record_layer_raises_only_ingest_error(
    recs: list[tuple[int, int, bytes, bool]], tail: bytes
) -> None:
    """Records with any tag, level, payload and (lying) size, through the real reader."""
    section = bytearray()
    for tag, level, payload, lie in recs:
        head = struct.pack("<I", tag | level << 10 | (len(payload) + lie * 7) % 0xFFF << 20)
        section += head + payload
    with tempfile.TemporaryDirectory() as tmp:
        _read_bytes(Path(tmp), _uncompressed([bytes(section) + tail]))


@settings(max_examples=200, deadline=2000)
@given(levels=st.lists(st.integers(0, 1023), max_size=200))
def test_fuzz_record_tree_keeps_every_record_below_a_shallower_one(levels: list[int]) -> None:
    recs = [hwp._Rec(PARA_HEADER, lv, b"") for lv in levels]
    roots = hwp._tree(recs)
    seen = 0
    todo = [(r, -1) for r in roots]
    while todo:
        node, parent_level = todo.pop()
        seen += 1
        assert node.level > parent_level
        todo += [(k, node.level) for k in node.children]
    assert seen == len(recs)


@settings(max_examples=200, deadline=2000)
@given(data=st.binary(max_size=3000))
def test_fuzz_section_bytes_raise_only_ingest_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _read_bytes(Path(tmp), _uncompressed([data]))


def _structure_offsets(data: bytes) -> list[int]:
    """Offsets of the header, FAT and directory sectors: where a flipped byte does harm."""
    n_fat, dir_start = struct.unpack_from("<II", data, 44)
    fat = [s for s in struct.unpack_from("<109I", data, 76)[:n_fat]]
    sectors = [*fat, dir_start, dir_start + 1]
    return list(range(0, 512)) + [
        (s + 1) * SECTOR + i
        for s in sectors
        for i in range(SECTOR)
        if (s + 2) * SECTOR <= len(data)
    ]


SAMPLE = (HWP_DIR / "sample-5017.hwp").read_bytes()
HOT = _structure_offsets(SAMPLE)


@settings(max_examples=1000, deadline=2000)
@given(
    flips=st.lists(
        st.tuples(st.sampled_from(HOT) | st.integers(0, len(SAMPLE) - 1), st.integers(0, 255)),
        min_size=1,
        max_size=12,
    ),
    cut=st.none() | st.integers(0, len(SAMPLE)),
)
def test_fuzz_ole_mutations_raise_only_ingest_error(
    flips: list[tuple[int, int]], cut: int | None
) -> None:
    data = bytearray(SAMPLE)
    for offset, value in flips:
        data[offset] = value
    with tempfile.TemporaryDirectory() as tmp:
        _read_bytes(Path(tmp), bytes(data[:cut]))
