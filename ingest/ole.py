"""Bounded reading of OLE compound files (the container of HWP 5): no chain is trusted.

Written from Microsoft's published description ([MS-CFB]). olefile follows a stream's
sector chain for as many sectors as the stream's declared size asks, so a chain that loops
back on itself under a large declared size makes it read the same sectors until memory runs
out. Here every chain (DIFAT, FAT, directory, MiniFAT, mini stream, streams) is walked with a
visited set and stops at the first repeat, so no walk is longer than the allocation table
and no stream longer than the file; a loop, a pointer past the end, a chain that ends early
or a sector missing because the file was cut short is an OleError naming the stream.
"""

from __future__ import annotations

import struct
import sys
from array import array
from dataclasses import dataclass

from kb.i18n import Said, said

ENDOFCHAIN, FREESECT = 0xFFFFFFFE, 0xFFFFFFFF
MAXREGSECT = 0xFFFFFFFA  # larger values are markers (free, end of chain, FAT, DIFAT)
NOSTREAM = 0xFFFFFFFF  # no sibling / child in a directory entry
HEADER_DIFAT = 109  # FAT sector numbers kept in the header before the DIFAT chain
MINI_SECTOR = 64
DIR_ENTRY = 128
STORAGE, STREAM, ROOT = 1, 2, 5
# Storages inside storages: HWP uses 1 level (BodyText/Section0), Office files with embedded
# objects a few. Paths grow with depth, so a hostile chain of thousands of nested storages
# would cost memory quadratic in the number of entries; deeper ones are refused.
MAX_DEPTH = 32


class OleError(Exception):
    """The compound file is damaged, or (when `truncated`) cut short."""

    def __init__(self, why: Said, truncated: bool = False) -> None:
        super().__init__(why)
        self.why = why  # the catalogue's words, chosen where the error is shown
        self.truncated = truncated


@dataclass(frozen=True, slots=True)
class _Entry:
    path: str  # "BodyText/Section0", as stored
    kind: int
    start: int
    size: int


def _u32_table(data: bytes) -> array[int]:
    """Little-endian 32-bit entries of a sector (FAT, DIFAT, MiniFAT)."""
    table = array("I")
    table.frombytes(data[: len(data) // 4 * 4])
    if sys.byteorder == "big":
        table.byteswap()
    return table


class OleFile:
    """A compound file read from bytes; streams by path ("BodyText/Section0")."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512:
            raise OleError(said("ole.short", size=len(data)), truncated=True)
        self.data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 30)
        if shift not in (9, 12):  # version 3 files use 512-byte sectors, version 4 4096
            raise OleError(said("ole.sector_size", shift=shift))
        if mini_shift != 6:
            raise OleError(said("ole.mini_size", shift=mini_shift))
        self.ssz = 1 << shift
        self.major = struct.unpack_from("<H", data, 26)[0]
        # Sectors start after the header's sector: this many are wholly in the file.
        self.whole = max(0, len(data) // self.ssz - 1)
        (n_fat, dir_start, _sig, self.cutoff, mfat_start, _n_mfat, dif_start, _n_dif) = (
            struct.unpack_from("<8I", data, 44)
        )
        self.fat = self._load_fat(n_fat, dif_start)
        self.entries = self._load_directory(dir_start)
        root = self.entries[""]
        self._mini_start, self._mini_size = root.start, root.size
        self._mfat_start = mfat_start
        self._mini: tuple[bytes, array[int], bool] | None = None

    # ------------------------------------------------------------------ allocation tables

    def _sector(self, sect: int) -> bytes:
        off = (sect + 1) * self.ssz
        return self.data[off : off + self.ssz]

    def _fat_sector(self, sect: int, what: Said, covered: int) -> bytes:
        """A sector of the allocation tables themselves; without it nothing can be followed.
        Past the end of the file but within what the FAT covers, the file was cut short."""
        if sect >= covered:
            raise OleError(said("ole.outside", what=what))
        piece = self._sector(sect)
        if len(piece) < self.ssz:
            raise OleError(
                said("ole.past_end", what=what, size=f"{len(self.data):,}"),
                truncated=True,
            )
        return piece

    def _load_fat(self, n_fat: int, dif_start: int) -> array[int]:
        """The FAT: sector numbers from the header's 109 slots, then the DIFAT chain."""
        sects = list(_u32_table(self.data[76:512]))
        covered = min(n_fat, MAXREGSECT) * (self.ssz // 4)  # sectors the FAT can describe
        seen: set[int] = set()
        sect = dif_start
        per = self.ssz // 4 - 1  # a DIFAT sector ends with the number of the next one
        while sect <= MAXREGSECT and len(sects) - HEADER_DIFAT < n_fat:
            if sect in seen:
                raise OleError(said("ole.difat_loops"))
            seen.add(sect)
            table = _u32_table(self._fat_sector(sect, said("ole.what_difat"), covered))
            sects.extend(table[:per])
            sect = table[per]
        sects = [s for s in sects if s <= MAXREGSECT][:n_fat]
        # Listed twice, a sector would be read twice: the FAT could outgrow the file.
        if len(set(sects)) < len(sects):
            raise OleError(said("ole.fat_twice"))
        fat = array("I")
        for s in sects:
            fat.extend(_u32_table(self._fat_sector(s, said("ole.what_fat"), covered)))
        return fat

    def _walk(
        self, start: int, table: array[int], name: str | Said, count: int | None, present: int
    ) -> list[int]:
        """Sector numbers of a chain: `count` of them, or all up to the end-of-chain mark.

        Stops at the first repeated sector (so a walk is never longer than the table), and
        after the first sector at or past `present`, the number of sectors the file holds:
        what follows it is cut off and cannot be read.
        """
        out: list[int] = []
        seen: set[int] = set()
        sect = start
        while count is None or len(out) < count:
            if sect == ENDOFCHAIN:
                break
            if sect in seen:
                raise OleError(said("ole.chain_loops", name=name))
            if sect > MAXREGSECT:
                raise OleError(said("ole.chain_free", name=name))
            if sect >= len(table):
                raise OleError(said("ole.chain_outside", name=name))
            seen.add(sect)
            out.append(sect)
            if sect >= present:
                break
            sect = table[sect]
        return out

    def _chain_bytes(self, start: int, size: int | None, name: str | Said) -> tuple[bytes, bool]:
        """A chain of regular sectors as bytes (up to `size`, or to its end-of-chain mark when
        None), and whether it was cut off by the end of the file."""
        count = None if size is None else -(-size // self.ssz)
        sects = self._walk(start, self.fat, name, count, self.whole)
        data = b"".join(self._sector(s) for s in sects)
        cut = bool(sects) and sects[-1] >= self.whole
        if size is not None:
            data = data[:size]
        return data, cut and (size is None or len(data) < size)

    # ------------------------------------------------------------------ directory

    def _load_directory(self, start: int) -> dict[str, _Entry]:
        """Every storage and stream reachable from the root, by lower-case path."""
        raw, cut = self._chain_bytes(start, None, said("ole.what_directory"))
        if cut:
            raise OleError(said("ole.directory_cut"), truncated=True)
        n = len(raw) // DIR_ENTRY
        if n == 0 or raw[66] != ROOT:
            raise OleError(said("ole.no_root"))

        def entry(i: int, parent: str) -> tuple[_Entry, int, int, int]:
            off = i * DIR_ENTRY
            name_len = min(struct.unpack_from("<H", raw, off + 64)[0], 64)
            name = raw[off : off + max(name_len - 2, 0)].decode("utf-16-le", "replace")
            kind = raw[off + 66]
            left, right, kid = struct.unpack_from("<III", raw, off + 68)
            start, size = struct.unpack_from("<IQ", raw, off + 116)
            if self.major == 3:
                size &= 0xFFFFFFFF  # version 3 writers may leave junk in the high half
            path = f"{parent}/{name}" if parent else name
            return _Entry(path, kind, start, size), left, right, kid

        root, _, _, kid = entry(0, "")
        found = {"": _Entry("", ROOT, root.start, root.size)}
        seen = {0}
        todo = [(kid, "", 1)]  # (entry number, parent path, depth); a stack, not recursion
        while todo:
            i, parent, depth = todo.pop()
            if i == NOSTREAM:
                continue
            if i >= n:
                raise OleError(said("ole.bad_entry", i=i, n=n))
            if i in seen:  # a damaged tree that loops back: each entry is taken once
                continue
            seen.add(i)
            node, left, right, kid = entry(i, parent)
            todo += [(left, parent, depth), (right, parent, depth)]
            if node.kind in (STORAGE, STREAM):
                found.setdefault(node.path.lower(), node)
                if node.kind == STORAGE and kid != NOSTREAM:
                    if depth >= MAX_DEPTH:
                        raise OleError(said("ole.too_deep", limit=MAX_DEPTH))
                    todo.append((kid, node.path, depth + 1))
        return found

    # ------------------------------------------------------------------ streams

    def streams(self) -> list[str]:
        """Paths of all streams ("BodyText/Section0"), in directory order."""
        return [e.path for e in self.entries.values() if e.kind == STREAM]

    def exists(self, path: str) -> bool:
        """Whether a stream or storage of this path exists (case-insensitive, as in OLE)."""
        return path.lower() in self.entries

    def _entry(self, path: str) -> _Entry:
        found = self.entries.get(path.lower())
        if found is None or found.kind != STREAM:
            raise OleError(said("ole.no_stream", name=path))
        return found

    def read(self, path: str) -> bytes:
        """A stream's bytes, exactly its declared size, or OleError saying why not."""
        e = self._entry(path)
        if e.size == 0:
            return b""
        data, cut = (
            self._read_mini(e)
            if e.size < self.cutoff
            else self._chain_bytes(e.start, e.size, e.path)
        )
        if cut:
            raise OleError(
                said("ole.stream_cut", name=e.path, got=f"{len(data):,}", size=f"{e.size:,}"),
                truncated=True,
            )
        if len(data) < e.size:
            raise OleError(
                said("ole.chain_short", name=e.path, got=f"{len(data):,}", size=f"{e.size:,}")
            )
        return data

    def _read_mini(self, e: _Entry) -> tuple[bytes, bool]:
        """A small stream from the mini stream, and whether the file was cut short in it."""
        if self._mini is None:
            stream, cut = self._chain_bytes(
                self._mini_start, self._mini_size, said("ole.what_mini")
            )
            raw, mcut = self._chain_bytes(self._mfat_start, None, said("ole.what_minifat"))
            if mcut:
                raise OleError(said("ole.minifat_cut"), truncated=True)
            self._mini = (stream, _u32_table(raw), cut)
        stream, mfat, cut = self._mini
        present = len(stream) // MINI_SECTOR
        sects = self._walk(e.start, mfat, e.path, -(-e.size // MINI_SECTOR), present)
        data = b"".join(stream[s * MINI_SECTOR : (s + 1) * MINI_SECTOR] for s in sects)[: e.size]
        beyond = len(data) < e.size and bool(sects) and sects[-1] >= present
        if beyond and not cut:
            raise OleError(said("ole.mini_past", name=e.path))
        return data, beyond
