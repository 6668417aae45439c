"""Ingest progress as both faces show it: the two stages, counted from `kb ingest`'s reports.

`KnowledgeBase.ingest` reports events (kb.types.Progress); the CLI's bars and the TUI's
dialog read the same tally, so they count the same things the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .text import printable


@dataclass(slots=True)
class IngestTally:
    """Where an ingest stands: files read (words stored), chunks embedded (vectors stored)."""

    files_total: int = 0
    files_seen: int = 0  # looked at: parsed, or skipped as unchanged or renamed
    documents: int = 0  # stored by words in this run
    chunks_total: int = 0  # chunks to embed, known so far (grows as files are parsed)
    chunks_done: int = 0  # chunks whose vectors are stored
    chunks_now: int = 0  # embedded of the document being embedded
    reading: str = ""  # the file being parsed
    embedding: str = ""  # the document being embedded
    finished: bool = False

    def update(self, stage: str, path: str, done: int, total: int) -> None:
        """Count one report of `KnowledgeBase.ingest` (see kb.types.Progress)."""
        if stage == "file":
            self.files_seen, self.files_total, self.reading = done, total, path
        elif stage == "words":
            self.documents += 1
            self.chunks_total += done
            if path == self.reading:  # no next file started yet (the last): this one is read
                self.files_seen += 1
                self.reading = ""
        elif stage == "resume":  # documents an earlier run left without vectors
            self.chunks_total += total
        elif stage == "embed":
            self.embedding, self.chunks_now = path, done
        elif stage == "vectors":
            self.chunks_done += done
            self.chunks_now = 0
            self.embedding = ""
        elif stage == "done":
            self.files_seen = self.files_total = total
            self.reading, self.embedding, self.finished = "", "", True

    @property
    def fraction(self) -> float:
        """The whole run's progress, 0–1: embedding is nearly all of the time."""
        if self.finished:
            return 1.0
        words = self.files_seen / self.files_total if self.files_total else 0.0
        if not self.chunks_total:
            return 0.05 * words
        vectors = min(1.0, (self.chunks_done + self.chunks_now) / self.chunks_total)
        # Until every file is read the chunk total is a floor: scale by the files read.
        return 0.05 * words + 0.95 * vectors * words

    def describe(self) -> str:
        """Two short lines: the words stage and the vectors stage."""
        words = f"words: {self.files_seen}/{self.files_total} files read"
        if self.reading and not self.finished:
            words += f" — {printable(Path(self.reading).name)}"
        done = self.chunks_done + self.chunks_now
        vectors = f"vectors: {done}/{self.chunks_total} chunks"
        if self.embedding:
            vectors += f" — {printable(Path(self.embedding).name)}"
        return f"{words}\n{vectors}"
