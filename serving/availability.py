"""Which tenants may be served: one object the API, the engine and the slots all ask.

A tenant can be refused at two levels, and they are cleared at different moments:
- the operator forgot it (`/admin/forget`): refused by the API until an explicit reload, even while
  the registry still lists a champion;
- its champion vanished from the registry (`memlora registry forget`): gone until it is registered again;
- the engine purged it from every memory tier (after either of the above, or an engine-level
  `forget`): the slots refuse to load it until the engine is told to reload it.
The engine level lags the API level on purpose: a reload asked by the operator clears the API's
mark at once, but the slots keep refusing until a registry snapshot confirmed the champion and the
engine reloaded it, so a request in between never loads a version nobody confirmed.
A tenant in none of these is servable when the registry has a champion for it, else missing.
"""
from __future__ import annotations


class Availability:
    def __init__(self) -> None:
        self._forgotten: set[str] = set()
        self._gone: set[str] = set()
        self._purged: set[str] = set()

    # ---- operator (API) ---------------------------------------------------------
    def forget(self, tenant: str) -> None:
        """Never serve it again, even from a cache, until `unforget`."""
        self._forgotten.add(tenant)

    def unforget(self, tenant: str) -> None:
        self._forgotten.discard(tenant)

    def forgotten(self, tenant: str) -> bool:
        return tenant in self._forgotten

    def n_forgotten(self) -> int:
        return len(self._forgotten)

    # ---- registry snapshots (API) -------------------------------------------------
    def went(self, tenant: str) -> None:
        """Its champion disappeared from the registry."""
        self._gone.add(tenant)

    def returned(self, tenant: str) -> bool:
        """Registered again; True when it had gone (the engine must stop refusing it)."""
        was = tenant in self._gone
        self._gone.discard(tenant)
        return was

    # ---- memory tiers (engine, slots) -------------------------------------------------
    def purge(self, tenant: str) -> None:
        """The engine dropped it from every tier: the slots refuse to load it."""
        self._purged.add(tenant)

    def restore(self, tenant: str) -> None:
        self._purged.discard(tenant)

    def purged(self, tenant: str) -> bool:
        return tenant in self._purged
