"""Small text helpers shared by every layer."""

from __future__ import annotations

import re

_PUNCT = re.compile(r"[\s·ㆍ,.\-_()（）\[\]'’‘\"]+")


# Control characters (C0 but tab and newline, DEL, C1): a document's text must never drive
# the terminal it is printed on (ESC ] 0 ; sets the title, ESC ] 52 ; writes the clipboard).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# Longest question kb reads: the embedder sees 512 tokens (about 700 Korean characters) and a
# 100 KB query took 16 s to segment and rank; the rest of a longer one is dropped.
MAX_QUERY_CHARS = 1000


def query_text(text: str) -> str:
    """A question cut to MAX_QUERY_CHARS characters."""
    return text[:MAX_QUERY_CHARS]


def one_line(message: object) -> str:
    """A message (an exception's, say) on one line: its whitespace runs made single spaces."""
    return " ".join(str(message).split())


def printable(text: str) -> str:
    """Text with every control character but tab and newline turned into a space."""
    return _CONTROL.sub(" ", text) if _CONTROL.search(text) else text


def compact(text: str) -> str:
    """Text without spaces or punctuation: `청년마을활동가 성장교육` == `청년마을활동가성장교육`."""
    return _PUNCT.sub("", text)


# Row labels of totals (합 계 with its spacing compacted away); 소계 is a subtotal.
TOTAL_LABELS = frozenset({"합계", "계", "총계", "소계", "합", "총합계"})
SUBTOTAL = "소계"


def is_total_label(label: str, subtotals: bool = True) -> bool:
    """True for 합계 / 계 / 총계 rows (spacing ignored: `합 계`); 소계 unless `subtotals=False`."""
    key = compact(label)
    return key in TOTAL_LABELS and (subtotals or key != SUBTOTAL)


# Letter-spaced labels (`사 업 비 :`, `구 분 |`): three or more single syllables before a
# colon, a cell border or the end of a line are one word to the tokenizer and the embedder.
_SPACED_LABEL = re.compile(r"(?<![가-힣])((?:[가-힣] ){2,}[가-힣])(?=\s*(?:[:：|]|$))", re.M)


def close_spaced_labels(text: str) -> str:
    """`다. 사 업 비: 672,300,000원` → `다. 사업비: 672,300,000원` (prose keeps its spaces)."""
    return _SPACED_LABEL.sub(lambda m: m.group(1).replace(" ", ""), text)


def index_text(section_path: str, text: str) -> str:
    """What gets embedded and tokenized: the section path gives each chunk its context;
    letter-spaced labels are closed up. The document's own title and issuer are scored
    once per document (see document_context), not repeated in every chunk: repeated, they
    drowned the chunks' own words (dev set Recall@1 1.00 → 0.75)."""
    body = close_spaced_labels(text)
    return f"{section_path}\n{body}" if section_path else body


def document_context(title: str, issuer: str | None) -> str:
    """The line that tells every chunk which document it belongs to."""
    return f"{title} · {issuer}" if issuer and issuer not in title else title
