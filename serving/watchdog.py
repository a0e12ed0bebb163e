"""A guard against requests the engine silently stopped working on (an engine bug): fail them, never hang."""
from __future__ import annotations

import time

# How long requests may be running while the engine has nothing to do before they are failed.
STALL_SECONDS = 30.0


class Watchdog:
    def __init__(self, patience: float = STALL_SECONDS) -> None:
        self.patience = patience
        self._stalled_since: float | None = None

    def expired(self, stalled: bool) -> bool:
        """Called once per step with whether requests are running but the engine has no work; True (once) when
        that has lasted `patience` seconds."""
        now = time.monotonic()
        if not stalled:
            self._stalled_since = None
            return False
        self._stalled_since = self._stalled_since or now
        if now - self._stalled_since > self.patience:
            self._stalled_since = None
            return True
        return False
