"""Errors shared by every layer; the CLI turns them into one-line messages."""

from __future__ import annotations

from pathlib import Path

from .i18n import Said, known, said


class KbError(Exception):
    """Base class for errors a user can act on."""


class IngestError(KbError):
    """A file could not be read; carries the file and the reason.

    The reason is a catalogue key with its fields (`IngestError(p, "ingest.empty")`), or a
    Said, or words already said. A key's words are chosen when the reason is read, in the
    language in use there: a file is parsed in a child process that does not know --lang.
    """

    def __init__(self, path: str | Path, reason: str | Said, **fields: object) -> None:
        self.path = str(path)
        self.why: str | Said = (
            said(reason, **fields) if isinstance(reason, str) and known(reason) else reason
        )
        super().__init__(self.path, self.why)

    @property
    def reason(self) -> str:
        """The reason in the language in use."""
        return str(self.why)

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from the path and the reason (Said or words), not from the printed line.
        return (type(self), (self.path, self.why))


class EmbedderMismatch(KbError):
    """The index was built with another embedder than the one asked for."""


class SettingsError(KbError):
    """A setting from the environment or a flag has a value kb cannot use; names it."""


class DatabaseError(KbError):
    """The database cannot be opened or used (extension loading, foreign file...)."""
