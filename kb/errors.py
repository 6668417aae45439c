"""Errors shared by every layer; the CLI turns them into one-line messages."""

from __future__ import annotations

from pathlib import Path


class KbError(Exception):
    """Base class for errors a user can act on."""


class IngestError(KbError):
    """A file could not be read; carries the file and the reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class EmbedderMismatch(KbError):
    """The index was built with another embedder than the one asked for."""


class SettingsError(KbError):
    """A setting from the environment or a flag has a value kb cannot use; names it."""


class DatabaseError(KbError):
    """The database cannot be opened or used (extension loading, foreign file...)."""
