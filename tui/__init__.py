"""The Textual terminal UI: a client of kb's facade only (no SQL here)."""
