"""Shared Pilot helpers for the TUI tests."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.worker import WorkerCancelled


async def settle(pilot: Pilot) -> None:  # type: ignore[type-arg]
    """Let debounce timers fire and every worker finish, twice (workers start workers)."""
    for _ in range(2):
        await pilot.pause(0.2)
        for _attempt in range(10):
            try:
                await pilot.app.workers.wait_for_complete()
                break
            except WorkerCancelled:
                # An exclusive worker superseded by a newer one (a stale search, dropped by
                # design): wait for the ones that replaced it.
                await pilot.pause(0.05)
        await pilot.pause()
