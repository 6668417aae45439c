"""Turn the bytes of a text file into str without mojibake, or say why not."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from kb.errors import IngestError

# Share of characters allowed to be control/replacement characters before we call it binary.
_MAX_JUNK = 0.02


def _junk_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    return bad / len(text)


def _looks_utf16(data: bytes) -> str | None:
    """Detect BOM-less UTF-16 by the NUL bytes of ASCII characters."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Decode text bytes; returns (text, encoding) or raises IngestError naming the file."""
    if not data.strip():
        raise IngestError(path, "ingest.empty")
    candidates: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        candidates.append("utf-8-sig")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates.append("utf-16")
    else:
        guess16 = _looks_utf16(data)
        if guess16:
            candidates.append(guess16)
        candidates += ["utf-8", "cp949"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _junk_ratio(text) <= _MAX_JUNK:
            return _normalise(text), enc
        raise IngestError(path, "ingest.binary")
    # Mixed files (lines pasted from UTF-8 and CP949 sources): decode line by line.
    mixed = _decode_lines(data)
    if mixed is not None:
        return _normalise(mixed), "mixed utf-8/cp949"
    # Last resort: a statistical guess, accepted only if it decodes cleanly.
    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if _junk_ratio(text) <= _MAX_JUNK and text.strip():
            return _normalise(text), best.encoding
    if b"\x00" in data[:4096]:
        raise IngestError(path, "ingest.binary")
    raise IngestError(path, "ingest.encoding")


def _decode_lines(data: bytes) -> str | None:
    """Each line as UTF-8, else CP949; a few undecodable bytes become U+FFFD. None if junk."""
    if b"\x00" in data[:4096]:
        return None
    out = []
    for raw in data.split(b"\n"):
        try:
            out.append(raw.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        # A UTF-8 line with a stray bad byte stays UTF-8: CP949 would turn it into mojibake.
        lossy = raw.decode("utf-8", errors="replace")
        if lossy.count("\ufffd") <= max(2, len(lossy) // 50):
            out.append(lossy)
            continue
        try:
            out.append(raw.decode("cp949"))
        except UnicodeDecodeError:
            out.append(lossy)
    text = "\n".join(out)
    return text if _junk_ratio(text) <= _MAX_JUNK else None


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
