"""Three adapter tiers: device slots, a host-memory LRU, and the disk (the registry's resolved directory).

Why this shape (S-LoRA's): slots are few and preallocated in the model's layers, the host
tier holds many more adapters as plain tensors, and anything else is read from disk in
a background thread. Both memory tiers are budgeted in bytes, not counts, so adapters of
different ranks cannot run the server out of memory. A slot with requests in flight is
pinned and never evicted; when every slot is pinned a newcomer waits.

A slot also holds its version's residual prefix (the memory the adapter does not carry, as prompt
tokens) and, once a request needed it, that prefix's KV: activation memory of the slot tier, computed
with the slot's weights, so it lives and dies with the installed version (evict, reload, forget). Its
bytes count in the slot's size (`slot_bytes`) and in `serving.slot_bytes`: the weights take their slots
first, the prefixes share what is left, idle slots' prefixes giving way to a newly needed one.

Everything here runs in the engine's decode thread except the disk reads (AdapterLoader).
"""
from __future__ import annotations

import statistics
import time
from collections import OrderedDict
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Callable

from memlora.adapter_dir import Residual
from memlora.errors import MemloraError

from .adapter_loader import AdapterLoader, AdapterWeights
from .availability import Availability
from .codes import SlotStatus
from memlora.runtime.lora_slots import SlotLayers
from .residual import PrefixKV

READY, WAIT, NO_ADAPTER, ERROR, FORGOTTEN = (
    SlotStatus.READY, SlotStatus.WAIT, SlotStatus.NO_ADAPTER, SlotStatus.ERROR, SlotStatus.FORGOTTEN,
)


@dataclass
class Acquired:
    status: SlotStatus
    slot: int = 0
    rank: int = 0
    message: str | None = None
    code: str | None = None  # why a load failed, when the loader said (e.g. registry_unavailable)


@dataclass
class _Slot:
    tenant: str | None = None
    stamp: tuple | None = None
    rank: int = 0
    pins: int = 0
    last_used: float = 0.0
    stale: bool = False  # detached from its tenant by reload/evict/forget; freed when unpinned
    residual_ids: tuple = ()  # the version's residual prefix tokens
    prefix_kv: PrefixKV | None = None  # their KV under this slot's weights, once computed
    residual: Residual | None = None  # the version's residual items (decode-time enforcement reads them)
    enforce: tuple | None = None  # (what the engine made of them,) once a request needed it
    facts: Any = None  # the residual's fact matcher, made by the loader


@dataclass
class _Counters:
    slot_hits: int = 0
    slot_misses: int = 0
    host_hits: int = 0
    host_misses: int = 0
    disk_loads: int = 0
    load_errors: int = 0
    load_seconds_total: float = 0.0
    load_ms: list = field(default_factory=list)


class HostCache:
    """Byte-budgeted LRU of loaded adapters in host memory; an adapter larger than the budget is not kept."""

    def __init__(self, budget_bytes: int) -> None:
        self.budget = int(budget_bytes)
        self.bytes = 0
        self._items: OrderedDict[str, AdapterWeights] = OrderedDict()

    def get(self, tenant: str) -> AdapterWeights | None:
        w = self._items.get(tenant)
        if w is not None:
            self._items.move_to_end(tenant)
        return w

    def put(self, w: AdapterWeights) -> None:
        self.drop(w.tenant)
        if w.nbytes > self.budget:
            return
        while self._items and self.bytes + w.nbytes > self.budget:
            _, old = self._items.popitem(last=False)
            self.bytes -= old.nbytes
        self._items[w.tenant] = w
        self.bytes += w.nbytes

    def drop(self, tenant: str) -> None:
        old = self._items.pop(tenant, None)
        if old is not None:
            self.bytes -= old.nbytes

    def __contains__(self, tenant: str) -> bool:
        return tenant in self._items

    def __len__(self) -> int:
        return len(self._items)

    def tenants(self) -> list[str]:
        return list(self._items)


class SlotManager:
    def __init__(
        self,
        layers: SlotLayers,
        loader: AdapterLoader,
        host_cache_bytes: int,
        slot_bytes: int | None = None,
        negative_ttl: float = 30.0,
        availability: Availability | None = None,
    ) -> None:
        self.layers = layers
        self.loader = loader
        per_slot = max(1, layers.bytes_per_slot)
        n = layers.n_slots
        if slot_bytes is not None:
            n = min(n, slot_bytes // per_slot)
            if n < 1:
                raise MemloraError(
                    f"serving.slot_bytes={slot_bytes} is below the size of one slot ({per_slot} bytes at slot_rank {layers.rank})"
                )
        self.per_slot_bytes = per_slot
        self.budget = slot_bytes  # weights and cached prefix KVs together; None: only the slot count bounds them
        self.slots = [_Slot() for _ in range(n + 1)]  # index 0 is the no-adapter slot, never assigned
        self.host = HostCache(host_cache_bytes)
        self.negative_ttl = negative_ttl
        self._by_tenant: dict[str, int] = {}
        self._loading: dict[str, tuple[Future, float]] = {}
        self._no_adapter: dict[str, float] = {}  # tenant -> time resolve said "none"
        self._failed: dict[str, tuple[str, str | None]] = {}  # load failures of this step (message, code), for waiting requests
        self.availability = availability or Availability()
        self._want_slot: list[str] = []  # prefetched tenants to install when a slot is free
        self.c = _Counters()

    # ---- the request path -------------------------------------------------
    def acquire(self, tenant: str, first: bool = True) -> Acquired:
        """Pin the tenant's slot, installing from host memory or starting a disk load as needed."""
        if self.availability.purged(tenant):
            return Acquired(FORGOTTEN, message=f"tenant {tenant!r} was forgotten and is not served")
        if tenant in self._failed:
            msg, code = self._failed[tenant]
            return Acquired(ERROR, message=msg, code=code)
        t_no = self._no_adapter.get(tenant)
        if t_no is not None:
            if time.monotonic() - t_no < self.negative_ttl:
                return Acquired(NO_ADAPTER, message=f"tenant {tenant!r} has no adapter")
            del self._no_adapter[tenant]
        idx = self._by_tenant.get(tenant)
        if idx is not None:
            if first:
                self.c.slot_hits += 1
            return self._pin(idx)
        if first:
            self.c.slot_misses += 1
        w = self.host.get(tenant)
        if w is not None:
            if first:
                self.c.host_hits += 1
            idx = self._free_slot()
            if idx is None:
                return Acquired(WAIT)
            self._install(idx, w)
            return self._pin(idx)
        if first:
            self.c.host_misses += 1
        self._start_load(tenant)
        return Acquired(WAIT)

    def release(self, slot: int) -> None:
        if slot <= 0:
            return
        s = self.slots[slot]
        s.pins -= 1
        s.last_used = time.monotonic()
        if s.pins <= 0 and s.stale:
            self._clear(slot)

    def residual_ids(self, slot: int) -> tuple:
        return self.slots[slot].residual_ids if slot > 0 else ()

    def residual(self, slot: int) -> Residual | None:
        return self.slots[slot].residual if slot > 0 else None

    def prefix_kv(self, slot: int) -> PrefixKV | None:
        return self.slots[slot].prefix_kv if slot > 0 else None

    def enforcement(self, slot: int, make: Callable[[Residual, Any], Any]) -> Any:
        """What `make` builds from the slot's residual (serving/enforce.py's plan), built by the first request that
        needs it and dropped with the slot, as the prefix KV is: forget leaves no copy of it behind."""
        s = self.slots[slot] if slot > 0 else None
        if s is None or s.residual is None or not (s.residual.items or s.facts):
            return None
        if s.enforce is None:
            s.enforce = (make(s.residual, s.facts),)
        return s.enforce[0]

    def keep_prefix_kv(self, slot: int, kv: PrefixKV) -> None:
        """Cache a computed prefix KV in the slot, unless the slot was detached meanwhile (forget purges it) or it
        does not fit the budget even after idle slots' prefixes gave way (then it is prefilled per request)."""
        s = self.slots[slot]
        if slot > 0 and not s.stale and s.tenant is not None and self._room_for(kv.nbytes, slot):
            s.prefix_kv = kv

    def prefix_bytes(self) -> int:
        return sum(s.prefix_kv.nbytes for s in self.slots if s.prefix_kv is not None)

    def _room_for(self, need: int, slot: int) -> bool:
        """Whether `need` more prefix bytes fit `budget`, dropping the prefixes of unpinned slots (least recently
        used first) to make room; none is dropped when even that would not be enough."""
        if self.budget is None:
            return True
        free = self.budget - self.per_slot_bytes * (len(self.slots) - 1) - self.prefix_bytes()
        idle = sorted((i for i, s in enumerate(self.slots) if i != slot and s.prefix_kv is not None and s.pins <= 0),
                      key=lambda i: self.slots[i].last_used)
        if free + sum(self.slots[i].prefix_kv.nbytes for i in idle) < need:
            return False
        for i in idle:
            if free >= need:
                break
            free += self.slots[i].prefix_kv.nbytes
            self.slots[i].prefix_kv = None
        return True

    # ---- admin --------------------------------------------------------------
    def prefetch(self, tenant: str) -> None:
        if self.availability.purged(tenant) or tenant in self._by_tenant:
            return
        if tenant not in self._want_slot:
            self._want_slot.append(tenant)
        if tenant not in self.host:
            self._start_load(tenant)

    def evict(self, tenant: str) -> None:
        self._detach(tenant)
        self.host.drop(tenant)
        self._no_adapter.pop(tenant, None)

    def reload(self, tenant: str) -> None:
        """A new champion: drop every cached copy, new requests load the new version, in-flight ones finish on the old."""
        self.availability.restore(tenant)
        self.evict(tenant)
        self._loading.pop(tenant, None)  # a load of the old version still running is ignored when it lands
        self.prefetch(tenant)

    def forget(self, tenant: str) -> None:
        self.availability.purge(tenant)
        self.evict(tenant)
        self._loading.pop(tenant, None)
        if tenant in self._want_slot:
            self._want_slot.remove(tenant)

    # ---- once per step ------------------------------------------------------
    def poll(self) -> None:
        """Take in finished disk loads and install prefetched adapters into free slots."""
        self._failed.clear()
        for tenant, (fut, t0) in list(self._loading.items()):
            if not fut.done():
                continue
            del self._loading[tenant]
            try:
                w = fut.result()
            except MemloraError as e:
                self.c.load_errors += 1
                self._failed[tenant] = (str(e), getattr(e, "code", None))
                continue
            except Exception as e:  # noqa: BLE001 - a loader bug fails this tenant only
                self.c.load_errors += 1
                self._failed[tenant] = (f"adapter for tenant {tenant!r} failed to load: {type(e).__name__}: {e}", None)
                continue
            dt = time.monotonic() - t0
            if w is None:
                self._no_adapter[tenant] = time.monotonic()
                if tenant in self._want_slot:
                    self._want_slot.remove(tenant)
                continue
            self.c.disk_loads += 1
            self.c.load_seconds_total += dt
            self.c.load_ms.append(dt * 1000)
            del self.c.load_ms[:-1000]
            self.host.put(w)
            if tenant not in self.host:
                idx = self._free_slot()
                if idx is not None:
                    self._install(idx, w)
        for tenant in list(self._want_slot):
            if tenant in self._by_tenant:
                self._want_slot.remove(tenant)
                continue
            w = self.host.get(tenant)
            if w is None:
                continue
            idx = self._free_slot(evict=False)
            if idx is None:
                break
            self._install(idx, w)
            self._want_slot.remove(tenant)

    def busy(self) -> bool:
        """Loads in flight or prefetches waiting for a slot (the loop must keep stepping)."""
        return bool(self._loading) or any(t in self.host for t in self._want_slot)

    # ---- internals ----------------------------------------------------------
    def _start_load(self, tenant: str) -> None:
        if tenant not in self._loading:
            self._loading[tenant] = (self.loader.submit(tenant), time.monotonic())

    def _pin(self, idx: int) -> Acquired:
        s = self.slots[idx]
        s.pins += 1
        s.last_used = time.monotonic()
        return Acquired(READY, slot=idx, rank=s.rank)

    def _free_slot(self, evict: bool = True) -> int | None:
        """A never-used or LRU unpinned slot; None when every slot has requests in flight."""
        best, best_t = None, None
        for i in range(1, len(self.slots)):
            s = self.slots[i]
            if s.tenant is None and not s.stale:
                return i
            if evict and s.pins <= 0 and not s.stale and (best_t is None or s.last_used < best_t):
                best, best_t = i, s.last_used
        if best is not None:
            self._clear(best)
        return best

    def _install(self, idx: int, w: AdapterWeights) -> None:
        self.layers.install(idx, w)
        s = self.slots[idx]
        s.tenant, s.stamp, s.rank, s.pins, s.stale = w.tenant, w.stamp, w.rank, 0, False
        s.residual_ids, s.prefix_kv = tuple(w.residual_ids), None
        s.residual, s.enforce, s.facts = w.residual, None, w.facts
        s.last_used = time.monotonic()
        self._by_tenant[w.tenant] = idx

    def _detach(self, tenant: str) -> None:
        idx = self._by_tenant.pop(tenant, None)
        if idx is None:
            return
        if self.slots[idx].pins > 0:
            self.slots[idx].stale = True
            self.slots[idx].prefix_kv = None  # running rows hold their own copy; nobody may start from it again
        else:
            self._clear(idx)

    def _clear(self, idx: int) -> None:
        s = self.slots[idx]
        if s.tenant is not None and self._by_tenant.get(s.tenant) == idx:
            del self._by_tenant[s.tenant]
        self.slots[idx] = _Slot()

    def stats(self) -> dict:
        used = [s for s in self.slots[1:] if s.tenant is not None]
        c = self.c
        return {
            "slot_hits": c.slot_hits,
            "slot_misses": c.slot_misses,
            "host_hits": c.host_hits,
            "host_misses": c.host_misses,
            "disk_loads": c.disk_loads,
            "load_errors": c.load_errors,
            "load_seconds_total": round(c.load_seconds_total, 6),
            "load_ms_last": round(c.load_ms[-1], 3) if c.load_ms else None,
            "load_ms_median": round(statistics.median(c.load_ms), 3) if c.load_ms else None,
            "slots_total": len(self.slots) - 1,
            "slots_used": len(used),
            "slots_pinned": sum(1 for s in used if s.pins > 0),
            "slot_bytes": self.per_slot_bytes * (len(self.slots) - 1) + self.prefix_bytes(),  # weights + cached prefix KV
            "host_entries": len(self.host),
            "host_bytes": self.host.bytes,
            "host_budget_bytes": self.host.budget,
            "loading": len(self._loading),
            "residual_prefixes": sum(1 for s in self.slots if s.prefix_kv is not None),
            "residual_prefix_bytes": self.prefix_bytes(),
            "resident": sorted(self._by_tenant),
            "host_resident": self.host.tenants(),
        }
