"""Which tenants have a champion adapter, as seen by the worker: a background poller of the registry.

Why a thread that only posts snapshots: registry queries (MLflow) take tens to hundreds of ms and
must never run on the thread that decodes tokens. The watcher asks `champions()` on an interval
(`serving.registry_poll_seconds`) or sooner when poked (an admin reload, a request for a tenant not
in the last snapshot), never more often than `min_gap` seconds, and posts each numbered snapshot
back; the decode thread diffs snapshots and tells the engine what to reload or forget.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

log = logging.getLogger(__name__)

Snapshot = dict[str, str]  # tenant -> champion version (as a string)


@dataclass(frozen=True)
class RegistryView:
    """One poll: the champions, every tenant the registry knows (a name outside it is not a tenant), the
    newest versions the gate rejected that are newer than any champion (their items are served in the prompt),
    and the hash of each served tenant's newest distilled profile (items added since training are served too)."""

    champions: Snapshot
    known: frozenset[str] = field(default_factory=frozenset)
    rejected: Snapshot = field(default_factory=dict)
    profiles: dict[str, str] = field(default_factory=dict)


def diff(old: dict, new: dict) -> tuple[list[str], list[str]]:
    """(tenants whose served versions changed, tenants that disappeared)."""
    changed = sorted(t for t, v in new.items() if t in old and old[t] != v)
    gone = sorted(t for t in old if t not in new)
    return changed, gone


class ChampionWatcher:
    def __init__(self, fetch: Callable[[], RegistryView], interval: float, post: Callable[[int, RegistryView | None, str | None], None], min_gap: float = 0.25):
        self._fetch, self._interval, self._post, self._min_gap = fetch, max(interval, min_gap), post, min_gap
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._last = 0.0
        self.seq = 0  # number of the snapshot being taken or last taken
        self._thread = threading.Thread(target=self._run, name="memlora-champions", daemon=True)

    def first(self) -> RegistryView:
        """The initial snapshot, taken synchronously at worker setup (errors propagate: the server cannot start)."""
        snap = self._fetch()
        self._last = time.monotonic()
        return snap

    def start(self) -> None:
        self._thread.start()

    def poke(self) -> int:
        """Ask for a fresh snapshot; returns the lowest snapshot number that will reflect the registry as of now."""
        self._wake.set()
        return self.seq + 1

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(timeout=self._interval)
            if self._stop.is_set():
                return
            gap = self._min_gap - (time.monotonic() - self._last)
            if gap > 0:
                time.sleep(gap)
            self._wake.clear()
            self.seq += 1
            seq = self.seq
            self._last = time.monotonic()
            try:
                self._post(seq, self._fetch(), None)
            except Exception as e:  # the registry may be briefly unreachable; keep serving the last snapshot
                log.warning("registry poll failed: %s", e)
                self._post(seq, None, f"{type(e).__name__}: {e}")
