#!/usr/bin/env python3
"""A fleet of memlora replicas at internet scale, simulated on the real SlotManager and HostCache.

usage: python benchmarks/sim_fleet.py [--costs benchmarks/sim_costs_cpu.json] [--quick] [--json OUT]

Each replica is one real `memlora.serving.slots.SlotManager` (with its real `HostCache`):
every slot hit, host hit, LRU eviction, pin and disk load below is that code deciding. What
is simulated is only what surrounds it: a fake loader (one worker, FIFO, like AdapterLoader)
whose loads finish after the measured disk-load time, fake slot layers whose `install` costs
the measured swap-in time, and the engine's step loop (poll, admit in arrival order, prefill
the newcomers, decode the running rows, release finished rows) costed with the measured
prefill and decode-step times by batch size (benchmarks/sim_measure.py). Time is a simulated
clock; `SlotManager` reads `time.monotonic` from its module, which is pointed at that clock
for the duration of a run (see `sim_clock`).

Why event-driven with decode segments: between two events that can change a replica's batch
(an arrival, a finished load, a finished row) the engine repeats the same decode step, so a
run of identical steps is one event, cut at the next step boundary when something arrives.
That keeps 100k tenants on 64 replicas within minutes of Python while every admission still
goes through `SlotManager.acquire` at a step boundary, as in `Engine._admit`.

Routers: round-robin, least-loaded (fewest requests queued or running), and affinity:
rendezvous hashing of the tenant over replicas with bounded load: the first of the tenant's
8 preferred replicas that has a free batch row and either holds the adapter in host memory
or has no disk load queued; else the first holding fewer than 1.25 x the mean requests
(consistent hashing with bounded loads); else the least loaded. It is the shape of Ray
Serve model multiplexing and the llm-d lora-affinity scorer (which reads running and
waiting adapters): stick to a replica that holds the adapter unless it is busy. Without
the queued-load condition, a slow store (1 s loads) made affinity miss a 2 s p99 target at
any fleet size, misses queueing behind each other on one replica's single loader thread.
"""
from __future__ import annotations

import argparse
import heapq
import json
import math
import sys
import time
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from memlora.serving import slots as slots_mod
from memlora.serving.adapter_loader import AdapterWeights
from memlora.serving.slots import READY, SlotManager

HERE = Path(__file__).resolve().parent
DEFAULT_COSTS = HERE / "sim_costs_cpu.json"
POLICIES = ("affinity", "least-loaded", "round-robin")


# ---- measured inputs ------------------------------------------------------------------------
@dataclass
class Costs:
    """One replica's measured costs (sim_measure.py output); times in seconds."""

    decode_s: dict[int, float]
    prefill_s: dict[int, float]
    swap_in_s: float
    disk_load_s: float
    adapter_bytes: int
    slots: int
    slot_rank: int
    slot_bytes_each: int
    host_cache_bytes: int
    max_batch: int
    raw: dict

    @classmethod
    def load(cls, path: Path, disk_load_ms: float | None = None) -> Costs:
        d = json.loads(Path(path).read_text())
        return cls(
            decode_s={int(k): v / 1000 for k, v in d["decode_step_ms"].items()},
            prefill_s={int(k): v / 1000 for k, v in d["prefill_ms"].items()},
            swap_in_s=d["swap_in_ms"] / 1000,
            disk_load_s=(disk_load_ms if disk_load_ms is not None else d["disk_load_first_ms"]) / 1000,
            adapter_bytes=int(d["adapter_host_bytes"]),
            slots=int(d["slots"]), slot_rank=int(d["slot_rank"]), slot_bytes_each=int(d["slot_bytes_each"]),
            host_cache_bytes=int(d["host_cache_bytes"]), max_batch=int(d["max_batch_size"]), raw=d,
        )

    def table(self, kind: str, b: int) -> float:
        """Cost of a step of `b` rows, linear between the measured batch sizes (and beyond the largest)."""
        pts = self.decode_s if kind == "decode" else self.prefill_s
        xs = sorted(pts)
        if b in pts:
            return pts[b]
        lo = max([x for x in xs if x < b], default=xs[0])
        hi = min([x for x in xs if x > b], default=xs[-1])
        if hi == lo:
            return pts[lo] * b / lo
        return pts[lo] + (pts[hi] - pts[lo]) * (b - lo) / (hi - lo)

    def capacity_rps(self, mean_tokens: float) -> float:
        """Requests/s one replica finishes with a full batch whose newcomers are prefilled together (an upper bound)."""
        b = self.max_batch
        return b / (mean_tokens * self.table("decode", b) + self.table("prefill", b))


# ---- the parts SlotManager drives ---------------------------------------------------------------
class SimClock:
    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now


@contextmanager
def sim_clock(clock: SimClock):
    """Point memlora.serving.slots at the simulated clock (it reads only `time.monotonic`)."""
    real = slots_mod.time
    slots_mod.time = SimpleNamespace(monotonic=clock.monotonic)
    try:
        yield clock
    finally:
        slots_mod.time = real


class FakeLayers:
    """SlotLayers' interface to SlotManager: an install costs the measured swap-in, charged to the current step."""

    def __init__(self, costs: Costs, replica: Replica) -> None:
        self.n_slots, self.rank, self.bytes_per_slot = costs.slots, costs.slot_rank, costs.slot_bytes_each
        self._replica, self._cost = replica, costs.swap_in_s
        self.installs = 0

    def install(self, slot: int, w) -> None:
        self.installs += 1
        self._replica.pending_s += self._cost


class FakeLoader:
    """AdapterLoader's interface: one worker, so loads finish one after another, each after the measured disk time."""

    def __init__(self, sim: Fleet, replica: Replica) -> None:
        self._sim, self._replica = sim, replica
        self.busy_until = 0.0

    def submit(self, tenant: str) -> Future:
        fut: Future = Future()
        done = max(self._sim.clock.now, self.busy_until) + self._sim.costs.disk_load_s
        self.busy_until = done
        self._sim.push(done, "load", self._replica, (fut, tenant))
        return fut


class Req:
    __slots__ = ("arrival", "tenant", "left", "seen", "slot")

    def __init__(self, arrival: float, tenant: str, tokens: int) -> None:
        self.arrival, self.tenant, self.left, self.seen, self.slot = arrival, tenant, tokens, False, 0


class Replica:
    """The engine's step loop around one real SlotManager; phases: idle, step (one full step), seg (k decode steps)."""

    def __init__(self, sim: Fleet, idx: int) -> None:
        self.idx = idx
        self.pending_s = 0.0
        self.layers = FakeLayers(sim.costs, self)
        self.sm = SlotManager(self.layers, FakeLoader(sim, self), sim.costs.host_cache_bytes)
        self.waiting: list[Req] = []
        self.rows: list[Req] = []
        self.newcomers: list[Req] = []
        self.phase = "idle"
        self.seg: tuple[float, float, int] = (0.0, 0.0, 0)
        self.version = 0
        self.dirty = False


# ---- the fleet -----------------------------------------------------------------------------------
def _splitmix(x: np.ndarray) -> np.ndarray:
    x = x + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


class Fleet:
    def __init__(self, costs: Costs, replicas: int, policy: str, max_waiting: int = 256, seed: int = 0) -> None:
        self.costs, self.policy, self.max_waiting = costs, policy, max_waiting
        self.clock = SimClock()
        self.reps = [Replica(self, i) for i in range(replicas)]
        self.out = [0] * replicas  # requests queued or running, what a router sees
        self.total_out = 0
        self._heap: list = []
        self._seq = 0
        self._rr = 0
        self._prefs: dict[int, list[int]] = {}
        self._ids = np.arange(replicas, dtype=np.uint64)
        self.ttft: list[float] = []
        self.e2e: list[float] = []
        self.rejected = 0
        self.measure_from = 0.0

    def push(self, t: float, kind: str, rep: Replica, arg=None) -> None:
        self._seq += 1
        heapq.heappush(self._heap, (t, self._seq, kind, rep, rep.version, arg))

    # ---- routing
    def route(self, tenant_id: int) -> int:
        n = len(self.reps)
        if self.policy == "round-robin":
            self._rr = (self._rr + 1) % n
            return self._rr
        if self.policy == "affinity":
            prefs = self._prefs.get(tenant_id)
            if prefs is None:
                h = _splitmix(self._ids ^ _splitmix(np.full(n, tenant_id, dtype=np.uint64)))
                prefs = self._prefs[tenant_id] = np.argsort(h)[:8].tolist()
            tenant, now, load_s = f"t{tenant_id}", self.clock.now, self.costs.disk_load_s
            for j in prefs:  # a free batch row, and the adapter held there or no disk load queued ahead
                r = self.reps[j]
                if self.out[j] < self.costs.max_batch and (tenant in r.sm.host or r.sm.loader.busy_until <= now + 1e-9):
                    return j
            cap = math.ceil(1.25 * (self.total_out + 1) / n)
            for j in prefs:
                if self.out[j] < cap:
                    return j
        self._rr = (self._rr + 1) % n
        off = self._rr
        return min(chain(range(off, n), range(off)), key=self.out.__getitem__)  # ties: the first after the last pick

    # ---- events
    def arrive(self, t: float, tenant_id: int, tokens: int) -> None:
        j = self.route(tenant_id)
        r = self.reps[j]
        if len(r.waiting) >= self.max_waiting:
            if t >= self.measure_from:
                self.rejected += 1
            return
        r.waiting.append(Req(t, f"t{tenant_id}", tokens))
        self.out[j] += 1
        self.total_out += 1
        r.dirty = True
        self.kick(r, t)

    def kick(self, r: Replica, t: float) -> None:
        """Something that may change the batch happened: run a step now, or at the next step boundary."""
        if r.phase == "idle":
            r.phase = "step"  # reserved: the pushed event starts it
            self.push(t, "plan", r)
        elif r.phase == "seg":
            t0, d, k = r.seg
            j = min(k, math.ceil((t - t0) / d - 1e-9)) if d > 0 else 0
            if j < k:
                r.version += 1
                r.seg = (t0, d, j)
                self.push(t0 + j * d, "seg_end", r)

    def start_step(self, r: Replica, t: float) -> None:
        c = self.costs
        sm = r.sm
        sm.poll()
        room = c.max_batch - len(r.rows)
        ready, still = [], []
        for q in r.waiting:
            if len(ready) >= room:
                still.append(q)
                continue
            got = sm.acquire(q.tenant, first=not q.seen)
            q.seen = True
            if got.status == READY:
                q.slot = got.slot
                ready.append(q)
            else:
                still.append(q)
        r.waiting, r.dirty = still, False
        cost = r.pending_s
        r.pending_s = 0.0
        if ready:
            cost += c.table("prefill", len(ready))
        if r.rows:
            cost += c.table("decode", len(r.rows))
        if not ready and not r.rows:
            r.phase = "idle"  # everyone waits for a disk load; its completion kicks us
            return
        r.newcomers, r.phase = ready, "step"
        self.push(t + cost, "step_end", r)

    def finish_rows(self, r: Replica, t: float, steps: int) -> None:
        keep = []
        for q in r.rows:
            q.left -= steps
            if q.left > 0:
                keep.append(q)
                continue
            r.sm.release(q.slot)
            self.out[r.idx] -= 1
            self.total_out -= 1
            r.dirty = True
            if q.arrival >= self.measure_from:
                self.e2e.append(t - q.arrival)
        r.rows = keep

    def plan(self, r: Replica, t: float) -> None:
        if r.waiting and r.dirty and len(r.rows) < self.costs.max_batch:
            self.start_step(r, t)
        elif r.rows:
            d = self.costs.table("decode", len(r.rows))
            k = min(q.left for q in r.rows)
            r.phase, r.seg = "seg", (t, d, k)
            self.push(t + k * d, "seg_end", r)
        else:
            r.phase = "idle"

    def handle(self, t: float, kind: str, r: Replica, arg) -> None:
        self.clock.now = t
        if kind == "load":
            fut, _ = arg
            fut.set_result(AdapterWeights(tenant=arg[1], path="", stamp=(arg[1],), rank=8, nbytes=self.costs.adapter_bytes))
            r.dirty = True
            self.kick(r, t)
        elif kind == "plan":
            self.plan(r, t)
        elif kind == "step_end":
            self.finish_rows(r, t, 1)
            for q in r.newcomers:
                q.left -= 1
                if q.arrival >= self.measure_from:
                    self.ttft.append(t - q.arrival)
            r.rows.extend(r.newcomers)
            r.newcomers = []
            self.finish_rows(r, t, 0)
            self.plan(r, t)
        elif kind == "seg_end":
            self.finish_rows(r, t, r.seg[2])
            self.plan(r, t)

    def run(self, times: np.ndarray, tenants: np.ndarray, tokens: np.ndarray, measure_from: float) -> None:
        self.measure_from = measure_from
        heap = self._heap
        i, n = 0, len(times)
        snap_done = False
        while i < n or heap:
            if heap and (i >= n or heap[0][0] <= times[i]):
                t, _, kind, r, version, arg = heapq.heappop(heap)
                if kind in ("seg_end",) and version != r.version:
                    continue
                self.handle(t, kind, r, arg)
            else:
                t = float(times[i])
                self.clock.now = t
                if not snap_done and t >= measure_from:
                    self.snapshot = self.counters()
                    snap_done = True
                self.arrive(t, int(tenants[i]), int(tokens[i]))
                i += 1
        self.end = self.clock.now

    def counters(self) -> dict:
        keys = ("slot_hits", "slot_misses", "host_hits", "host_misses", "disk_loads")
        tot = {k: 0 for k in keys}
        for r in self.reps:
            for k in keys:
                tot[k] += getattr(r.sm.c, k)
        tot["installs"] = sum(r.layers.installs for r in self.reps)
        return tot


# ---- traffic ---------------------------------------------------------------------------------------
@dataclass
class Traffic:
    tenants: int
    rate: float  # mean requests/s over the day; the peak is (1 + amplitude) x rate
    day_s: float
    zipf_s: float = 1.0
    amplitude: float = 0.5
    mean_tokens: float = 48.0
    warmup: float = 0.25  # fraction of a day simulated before measuring (caches fill)
    seed: int = 0

    def generate(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
        """Arrival times (Poisson, thinned to a sinusoidal day), Zipf tenant ids, output lengths; and measure_from."""
        rng = np.random.default_rng(self.seed)
        span = self.day_s * (1 + self.warmup)
        peak = self.rate * (1 + self.amplitude)
        n = rng.poisson(peak * span)
        t = np.sort(rng.uniform(0, span, n))
        phase = 2 * np.pi * (t - self.warmup * self.day_s) / self.day_s
        keep = rng.uniform(0, peak, n) < self.rate * (1 - self.amplitude * np.cos(phase))
        t = t[keep]
        w = 1.0 / np.arange(1, self.tenants + 1) ** self.zipf_s
        cdf = np.cumsum(w / w.sum())
        ranks = np.minimum(np.searchsorted(cdf, rng.uniform(0, 1, len(t))), self.tenants - 1)
        ids = rng.permutation(self.tenants)[ranks]  # popularity is not correlated with tenant names
        toks = np.clip(rng.exponential(self.mean_tokens, len(t)).astype(np.int64) + 1, 1, 512)
        return t, ids, toks, self.warmup * self.day_s


# ---- one run, reported -------------------------------------------------------------------------------
def simulate(costs: Costs, traffic: Traffic, replicas: int, policy: str) -> dict:
    times, ids, toks, m0 = traffic.generate()
    fleet = Fleet(costs, replicas, policy)
    wall = time.perf_counter()
    with sim_clock(fleet.clock):
        fleet.run(times, ids, toks, m0)
    c1, c0 = fleet.counters(), getattr(fleet, "snapshot", None) or {k: 0 for k in fleet.counters()}
    c = {k: c1[k] - c0[k] for k in c1}
    secs = max(1e-9, fleet.end - m0)
    served = len(fleet.ttft)
    lat = np.concatenate([np.asarray(fleet.ttft), np.full(fleet.rejected, np.inf)])
    e2e = np.concatenate([np.asarray(fleet.e2e), np.full(fleet.rejected, np.inf)])
    lookups = max(1, c["slot_hits"] + c["slot_misses"])
    held = set()
    for r in fleet.reps:
        held.update(r.sm.host.tenants())
    return {
        "policy": policy, "replicas": replicas, "tenants": traffic.tenants, "rate": traffic.rate,
        "requests": served + fleet.rejected, "rejected": fleet.rejected,
        "slot_hit": c["slot_hits"] / lookups,
        "cache_hit": (c["slot_hits"] + c["host_hits"]) / lookups,
        "loads_per_s": c["disk_loads"] / secs,
        "swaps_per_s": c["installs"] / secs,
        "ttft_p50": float(np.percentile(lat, 50)) if len(lat) else 0.0,
        "ttft_p99": float(np.percentile(lat, 99)) if len(lat) else 0.0,
        "e2e_p50": float(np.percentile(e2e, 50)) if len(e2e) else 0.0,
        "e2e_p99": float(np.percentile(e2e, 99)) if len(e2e) else 0.0,
        "host_gib": sum(r.sm.host.bytes for r in fleet.reps) / 2**30,
        "adapters_held": len(held),
        "sim_wall_s": time.perf_counter() - wall,
    }


def replicas_needed(costs: Costs, traffic: Traffic, policy: str, target_p99: float) -> tuple[int | None, dict]:
    """Fewest replicas whose simulated p99 time-to-first-token meets the target (bisection; p99 falls with replicas).

    None when even 4x the replicas the peak needs at full batches miss it: the target is below
    what one replica's prefill and decode steps allow, and more replicas do not help.
    """
    cap = costs.capacity_rps(traffic.mean_tokens)
    need = traffic.rate * (1 + traffic.amplitude) / cap
    lo = max(0, math.floor(need) - 1)  # below this the peak cannot be served
    hi = max(lo + 1, math.ceil(1.5 * need))
    runs = {}
    while True:
        runs[hi] = simulate(costs, traffic, hi, policy)
        if runs[hi]["ttft_p99"] <= target_p99:
            break
        if hi >= 4 * need + 2:
            return None, runs[hi]
        lo, hi = hi, hi * 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        runs[mid] = simulate(costs, traffic, mid, policy)
        if runs[mid]["ttft_p99"] <= target_p99:
            hi = mid
        else:
            lo = mid
    return hi, runs[hi]


# ---- the report -------------------------------------------------------------------------------------
def _ms(x: float) -> str:
    return "inf" if not math.isfinite(x) else f"{1000 * x:.0f}"


def print_inputs(costs: Costs, traffic: Traffic) -> None:
    d = costs.raw
    print(f"== measured inputs ({d['measured_on']}; {d['model']}, {d['adapter']}; sim_measure.py) ==")
    print("decode step ms by batch: " + ", ".join(f"{b}: {v}" for b, v in d["decode_step_ms"].items()))
    print("prefill ms by batch ({} prompt tokens): ".format(d["prompt_tokens"]) + ", ".join(f"{b}: {v}" for b, v in d["prefill_ms"].items()))
    print(f"swap-in host->slot {d['swap_in_ms']} ms; disk load (first load of a version: read + sha256 + validate) "
          f"{d['disk_load_first_ms']} ms, re-read {d['disk_load_reread_ms']} ms; simulated disk load {costs.disk_load_s * 1000:.1f} ms")
    print(f"per replica: {costs.slots} slots, max batch {costs.max_batch}, host cache {costs.host_cache_bytes >> 20} MiB "
          f"= {costs.host_cache_bytes // costs.adapter_bytes} adapters of {costs.adapter_bytes / 2**20:.1f} MiB; "
          f"capacity at full batch ~{costs.capacity_rps(traffic.mean_tokens):.2f} req/s")
    print(f"traffic: Zipf s={traffic.zipf_s} over tenants, Poisson arrivals, sinusoidal day of {traffic.day_s:.0f} simulated s "
          f"(peak {1 + traffic.amplitude:.1f}x, trough {1 - traffic.amplitude:.1f}x the mean), {traffic.warmup:.0%} of a day "
          f"warm-up not measured, output tokens ~ 1 + Exp(mean {traffic.mean_tokens:.0f})")


def print_header() -> None:
    print(f"{'replicas':>8} {'policy':>12} {'req/s':>7} {'slot hit':>8} {'cache hit':>9} {'loads/s':>8} {'TTFT p50':>8} "
          f"{'TTFT p99':>8} {'e2e p50':>8} {'e2e p99':>8} {'rejected':>8} {'host GiB':>8} {'held':>6} {'wall s':>6}")


def print_rows(rows: list[dict]) -> None:
    for r in rows:
        print(f"{r['replicas']:>8} {r['policy']:>12} {r['rate']:>7.1f} {r['slot_hit']:>8.1%} {r['cache_hit']:>9.1%} "
              f"{r['loads_per_s']:>8.1f} {_ms(r['ttft_p50']):>8} {_ms(r['ttft_p99']):>8} {_ms(r['e2e_p50']):>8} "
              f"{_ms(r['e2e_p99']):>8} {r['rejected']:>8} {r['host_gib']:>8.1f} {r['adapters_held']:>6} {r['sim_wall_s']:>6.1f}", flush=True)


def print_markdown(sizing: list[dict], target_ms: float) -> None:
    """The README's sizing table."""
    print(f"\n| disk load | tenants | mean req/s (peak 1.5x) | replicas, affinity | replicas, least-loaded | cache hit, affinity / least-loaded | adapter loads/s, affinity / least-loaded | host memory, affinity |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in sizing:
        af, ll = r["affinity"], r["least-loaded"]
        print(f"| {r['disk_load_ms']:g} ms | {r['tenants']:,} | {r['rate']:g} | {af['replicas'] or 'not met'} | {ll['replicas'] or 'not met'} | "
              f"{af['cache_hit']:.0%} / {ll['cache_hit']:.0%} | {af['loads_per_s']:.1f} / {ll['loads_per_s']:.1f} | {af['host_gib']:.1f} GiB |")
    print(f"(fewest replicas with p99 time to first token <= {target_ms:.0f} ms over the simulated day)")


def run_routing(a: argparse.Namespace, scenarios: list, cap: float) -> list[dict]:
    """Every policy at each fleet size, load scaled with the fleet, on one trace per size."""
    rows = []
    for cst, label, reps, _ in scenarios:
        print(f"\n== routing: {a.tenants} tenants, mean load {a.utilization:.0%} of full-batch capacity (scales with replicas), {label} ==")
        print_header()
        for n in (int(x) for x in reps.split(",")):
            tr = Traffic(tenants=a.tenants, rate=a.utilization * cap * n, day_s=a.day_s, zipf_s=a.zipf)
            for p in POLICIES:
                rows.append({**simulate(cst, tr, n, p), "disk_load_ms": round(cst.disk_load_s * 1000, 1)})
                print_rows(rows[-1:])
    return rows


def run_sizing(a: argparse.Namespace, scenarios: list) -> list[dict]:
    """Fewest replicas per (tenants, rate) for affinity and least-loaded routing."""
    sizing = []
    for cst, label, _, rates in scenarios:
        print(f"\n== sizing: fewest replicas for p99 time-to-first-token <= {a.target_p99_ms:.0f} ms (mean rate; peak 1.5x), {label} ==")
        for nt in (int(x) for x in a.sizing_tenants.split(",")):
            for rate in (float(x) for x in rates.split(",")):
                tr = Traffic(tenants=nt, rate=rate, day_s=a.day_s, zipf_s=a.zipf)
                row = {"tenants": nt, "rate": rate, "disk_load_ms": round(cst.disk_load_s * 1000, 1)}
                for p in ("affinity", "least-loaded"):
                    k, res = replicas_needed(cst, tr, p, a.target_p99_ms / 1000)
                    row[p] = {"replicas": k, **{key: res[key] for key in ("ttft_p99", "cache_hit", "loads_per_s", "host_gib")}}
                sizing.append(row)
                print(f"{nt:>9} tenants at {rate:>6.1f} req/s: affinity {row['affinity']['replicas'] or '-':>4} replicas "
                      f"(p99 {_ms(row['affinity']['ttft_p99'])} ms, cache hit {row['affinity']['cache_hit']:.0%}), "
                      f"least-loaded {row['least-loaded']['replicas'] or '-':>4} (p99 {_ms(row['least-loaded']['ttft_p99'])} ms, "
                      f"cache hit {row['least-loaded']['cache_hit']:.0%})", flush=True)
    return sizing


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--costs", default=str(DEFAULT_COSTS), help="sim_measure.py output")
    ap.add_argument("--quick", action="store_true", help="small fleet, few tenants, short day (seconds)")
    ap.add_argument("--tenants", type=int, default=100_000)
    ap.add_argument("--replicas", default="8,16,32,64")
    ap.add_argument("--utilization", type=float, default=0.5, help="mean load as a fraction of the fleet's full-batch capacity")
    ap.add_argument("--day-s", type=float, default=900.0, help="simulated seconds per diurnal cycle")
    ap.add_argument("--zipf", type=float, default=1.0)
    ap.add_argument("--target-p99-ms", type=float, default=2000.0, help="sizing target: p99 time to first token")
    ap.add_argument("--sizing-tenants", default="10000,100000,1000000")
    ap.add_argument("--sizing-rates", default="10,50")
    ap.add_argument("--disk-load-ms", type=float, default=None, help="override the measured disk load (e.g. a network store)")
    ap.add_argument("--slow-disk-ms", type=float, default=1000.0, help="also route with this disk load (0: skip)")
    ap.add_argument("--slow-replicas", default="8,64")
    ap.add_argument("--slow-sizing-rates", default="10")
    ap.add_argument("--json", default=None, help="write every result here")
    a = ap.parse_args(argv)
    if a.quick:
        a.tenants, a.replicas, a.day_s = 2000, "2,4", 120.0
        a.sizing_tenants, a.sizing_rates, a.slow_replicas, a.slow_sizing_rates = "2000", "4", "4", "4"
    costs = Costs.load(Path(a.costs), a.disk_load_ms)
    base = Traffic(tenants=a.tenants, rate=1.0, day_s=a.day_s, zipf_s=a.zipf)
    print_inputs(costs, base)
    cap = costs.capacity_rps(base.mean_tokens)

    scenarios = [(costs, "measured disk load", a.replicas, a.sizing_rates)]
    if a.slow_disk_ms:
        slow = Costs.load(Path(a.costs), a.slow_disk_ms)
        scenarios.append((slow, f"disk load {a.slow_disk_ms:.0f} ms (assumed: a remote artifact store, not measured)",
                          a.slow_replicas, a.slow_sizing_rates))
    rows = run_routing(a, scenarios, cap)
    sizing = run_sizing(a, scenarios)
    print_markdown(sizing, a.target_p99_ms)
    out = {"inputs": costs.raw, "traffic": {"zipf_s": a.zipf, "day_s": a.day_s, "amplitude": base.amplitude, "mean_tokens": base.mean_tokens},
           "routing": rows, "sizing": sizing, "target_p99_ms": a.target_p99_ms}
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=1))
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.exit(0)
