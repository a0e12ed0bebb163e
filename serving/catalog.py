"""The worker's view of the registry: the last champion snapshot, and the adapter paths the engine loads.

Why its own object: the snapshot is read on the decode thread (which tenant gets which version),
written there when the watcher's poll is applied, and the registry itself is asked on the engine's
loader thread (`resolve`, `refetch`); one owner keeps the lock, the last poll's error and the
"tenant exists" rule together. A forgotten tenant is asked of `Availability`, never answered here.
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable

from memlora.errors import JobError, MemloraError
from memlora.registry import cache
from memlora.registry.store import AdapterRegistry
from memlora.settings import Settings
from memlora.tenant_data import profile_path

from .adapter_loader import RegistryUnavailable
from .availability import Availability
from .champions import ChampionWatcher, RegistryView, Snapshot, diff
from .current_memory import ProfileHashes

# A tenant absent from a registry snapshot this young has no champion (no new registry query per request).
FRESH_SNAPSHOT_SECONDS = 2.0


@contextmanager
def _registry_reachable():
    """The registry layer says an unreachable store with JobError (mlflow_io.wrap); the engine must tell that
    (retry later, 503) from an adapter that cannot be served (500)."""
    try:
        yield
    except JobError as e:
        raise RegistryUnavailable(str(e)) from None


@dataclass
class Applied:
    """What one applied snapshot asks of the engine."""

    reload: list[str] = field(default_factory=list)  # changed champion, or registered again after it had gone
    purge: list[str] = field(default_factory=list)  # deleted from the registry: drop every tier


def _served(view: RegistryView) -> dict[str, tuple]:
    """tenant -> (champion, rejected version, newest profile's hash): what a slot of the tenant holds, so a change
    of any reloads it."""
    return {t: (view.champions.get(t), view.rejected.get(t), view.profiles.get(t)) for t in {*view.champions, *view.rejected}}


class Catalog:
    def __init__(self, settings: Settings, fingerprint: str, availability: Availability,
                 post: Callable[[int, RegistryView | None, str | None], None]) -> None:
        self.settings = settings
        self.fingerprint = fingerprint
        self.availability = availability
        self.registry = AdapterRegistry(settings)
        self._lock = threading.Lock()
        self.declared = frozenset(t for k in settings.serving.api_keys for t in k.tenants)  # operator-declared tenants
        self._profiles = ProfileHashes(self._profile_file)
        self.error: str | None = None  # the last poll's failure; None while the registry answers
        self.ok_at = time.time()
        self.seq_applied = 0
        self.watcher = ChampionWatcher(self._fetch, settings.serving.registry_poll_seconds, post)
        view = self.watcher.first()
        self.snapshot: Snapshot = view.champions
        self.rejected: Snapshot = view.rejected  # tenant -> its newest version, rejected, newer than its champion
        self.profiles: dict[str, str] = view.profiles  # tenant -> its newest distilled profile's hash
        self.known: frozenset[str] = view.known
        self._snapshot_at = time.monotonic()

    def start(self) -> None:
        self.watcher.start()

    def _fetch(self) -> RegistryView:
        with self._lock:
            champs, known, rejected = self.registry.catalog()
        s = self.settings.serving
        if not s.residual:  # no residual: a rejected version's memory has nowhere to go
            rejected = {}
        served = {t for t in (*champs, *rejected) if not self.availability.forgotten(t)}
        profiles = self._profiles.hashes(served) if s.residual and s.residual_newer_profile else {}
        return RegistryView({t: str(v) for t, v in champs.items()}, frozenset(known), {t: str(v) for t, v in rejected.items()},
                            profiles)

    # ---- questions the decode thread asks -------------------------------------------
    def champion(self, tenant: str) -> str | None:
        """The version to serve: the snapshot's champion, unless the tenant was forgotten."""
        return None if self.availability.forgotten(tenant) else self.snapshot.get(tenant)

    def rejected_version(self, tenant: str) -> str | None:
        """The tenant's newest version when the gate rejected it (newer than its champion): its items the champion
        does not carry are served in the prompt, over the champion's weights or the base."""
        return None if self.availability.forgotten(tenant) else self.rejected.get(tenant)

    def listed(self, tenant: str) -> bool:
        """In the last snapshot with something to serve: a champion, or a rejected version's memory."""
        return tenant in self.snapshot or tenant in self.rejected

    def is_known(self, tenant: str) -> bool:
        """A tenant (with or without a champion) rather than a name nobody registered or declared."""
        return (self.listed(tenant) or tenant in self.known or self.availability.forgotten(tenant)
                or tenant in self.declared)

    def fresh(self) -> bool:
        return time.monotonic() - self._snapshot_at < FRESH_SNAPSHOT_SECONDS

    def apply(self, seq: int, view: RegistryView | None, error: str | None) -> Applied:
        """Take in one poll; a failed poll keeps the last snapshot (serving goes on) and only records the error."""
        self.seq_applied = max(self.seq_applied, seq)
        self.error = error
        out = Applied()
        if view is None:
            return out
        snap = view.champions
        self.known = view.known
        self.ok_at = time.time()
        old, new = _served(RegistryView(self.snapshot, rejected=self.rejected, profiles=self.profiles)), _served(view)
        changed, gone = diff(old, new)
        out.reload = [t for t in new if t not in old and self.availability.returned(t)] + changed
        for t in gone:
            self.availability.went(t)
        out.purge = gone
        self.snapshot, self.rejected, self.profiles = snap, view.rejected, view.profiles
        self._snapshot_at = time.monotonic()
        return out

    def health(self) -> dict:
        """What /health adds to liveness: whether the registry answered the last poll (serving goes on either way)."""
        return {
            "registry": "unavailable" if self.error else "ok",
            "registry_error": self.error,
            "registry_last_ok_age_seconds": round(time.time() - self.ok_at, 1),
            "champions": len(self.snapshot),
        }

    # ---- the engine's loader thread -----------------------------------------------
    def resolve(self, tenant: str):
        """The registry's verified local copy of the champion in the last snapshot; never a forgotten tenant's."""
        if self.availability.forgotten(tenant):
            return None
        version = self.snapshot.get(tenant)
        if version is None and tenant in self.rejected:  # the snapshot says: no champion, only a rejected version's memory
            return None
        if version is not None:  # a verified local copy needs no registry (nor its lock, held by a slow poll)
            hit = cache.lookup(self.settings.adapter_cache_dir, tenant, int(version))
            if hit is not None and hit.base_fingerprint == self.fingerprint:
                return hit.path
        self._fail_fast_while_unreachable(tenant)
        with self._lock, _registry_reachable():
            r = self.registry.resolve(tenant, self.fingerprint, version=int(version) if version else None)
        return None if r is None else r.path

    def resolve_rejected(self, tenant: str):
        """The verified local copy of the tenant's rejected newest version (only its residual.json is read: its
        weights never serve); never a forgotten tenant's. Any base: the items are text."""
        version = self.rejected_version(tenant)
        if version is None:
            return None
        hit = cache.lookup(self.settings.adapter_cache_dir, tenant, int(version))
        if hit is not None:
            return hit.path
        self._fail_fast_while_unreachable(tenant)
        with self._lock, _registry_reachable():
            r = self.registry.resolve(tenant, None, version=int(version))
        return None if r is None else r.path

    def profile_path(self, tenant: str):
        """Where the nightly keeps the tenant's newest distilled profile (its items the served version does not
        carry are served too); None for a forgotten tenant or with `serving.residual_newer_profile` off."""
        s = self.settings.serving
        if not (s.residual and s.residual_newer_profile) or self.availability.forgotten(tenant):
            return None
        return self._profile_file(tenant)

    def _profile_file(self, tenant: str):
        try:
            return profile_path(self.settings.state_dir, tenant)
        except MemloraError:  # a name no state directory can hold has no profile there
            return None

    def refetch(self, tenant: str):
        """The engine's healer: drop the local copy of the served version, fetch it again."""
        version = self.champion(tenant)
        if version is None:
            return None
        self._fail_fast_while_unreachable(tenant)
        with self._lock, _registry_reachable():
            cache.drop_version(self.settings.adapter_cache_dir, tenant, int(version))
            r = self.registry.resolve(tenant, self.fingerprint, version=int(version))
        return None if r is None else r.path

    def _fail_fast_while_unreachable(self, tenant: str) -> None:
        """While the last poll failed, a fetch would only wait out the client's timeout on the one loader thread,
        holding back every other tenant's load; answer at once and ask for a fresh poll instead."""
        if self.error is not None:
            self.watcher.poke()
            raise RegistryUnavailable(
                f"the adapter of tenant {tenant!r} is not cached here and the registry is unreachable ({self.error})"
            )
