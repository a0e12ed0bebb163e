"""The fleet simulator (benchmarks/sim_fleet.py): what its numbers mean for someone sizing a fleet.

It runs the real memlora.serving SlotManager and HostCache under a simulated clock with the
costs measured by benchmarks/sim_measure.py (benchmarks/sim_costs_cpu.json), quick sizes only.
"""
from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import sim_fleet  # noqa: E402
from sim_fleet import Costs, Fleet, Traffic, sim_clock, simulate  # noqa: E402

from memlora.serving import slots as slots_mod  # noqa: E402


@pytest.fixture(scope="module")
def costs() -> Costs:
    return Costs.load(sim_fleet.DEFAULT_COSTS)


def _trace(costs: Costs, replicas: int, utilization: float = 0.5, tenants: int = 2000, day_s: float = 120.0) -> Traffic:
    rate = utilization * costs.capacity_rps(48.0) * replicas
    return Traffic(tenants=tenants, rate=rate, day_s=day_s)


def test_affinity_routing_keeps_more_adapters_warm_than_round_robin(costs):
    tr = _trace(costs, 4)
    aff, rr = simulate(costs, tr, 4, "affinity"), simulate(costs, tr, 4, "round-robin")
    assert aff["requests"] == rr["requests"] > 200
    assert aff["cache_hit"] > rr["cache_hit"] + 0.05, (aff["cache_hit"], rr["cache_hit"])
    assert aff["slot_hit"] > rr["slot_hit"]
    assert aff["loads_per_s"] < rr["loads_per_s"]
    assert aff["adapters_held"] > rr["adapters_held"]  # the fleet's host memory holds distinct adapters, not copies


def test_more_replicas_never_raise_p99_at_fixed_load(costs):
    """Same trace, more replicas: p99 falls steeply until nothing queues, then stays flat. 5% slack on
    the flat part, where p99 is a miss's cost on a few hundred requests (least-loaded also scatters
    each tenant over more replicas, so its misses grow a little)."""
    tr = _trace(costs, 2, utilization=0.8)
    for policy in ("affinity", "least-loaded"):
        p99 = [simulate(costs, tr, n, policy)["ttft_p99"] for n in (2, 3, 4, 6, 8)]
        assert all(b <= a * 1.05 for a, b in zip(p99, p99[1:])), (policy, p99)
        assert p99[0] > 2 * p99[-1]  # the smallest fleet is overloaded at this rate, the largest is not


def _one_replica(costs: Costs) -> Fleet:
    fleet = Fleet(costs, 1, "round-robin")
    slots = costs.slots
    # tenants 0..slots-1 once, then 0 again, then a newcomer: the real LRU must evict tenant 1, not 0
    ids = list(range(slots)) + [0, slots]
    times = np.arange(len(ids), dtype=float) * 10.0
    with sim_clock(fleet.clock):
        fleet.run(times, np.array(ids), np.ones(len(ids), dtype=np.int64), 0.0)
    return fleet


def test_the_simulation_is_driven_by_memlora_slot_manager_eviction(costs, monkeypatch):
    fleet = _one_replica(costs)
    sm = fleet.reps[0].sm
    assert type(sm) is slots_mod.SlotManager and type(sm.host) is slots_mod.HostCache
    st = sm.stats()
    assert "t0" in st["resident"] and f"t{costs.slots}" in st["resident"] and "t1" not in st["resident"]
    assert (st["slot_hits"], st["disk_loads"]) == (1, costs.slots + 1)
    assert st["host_bytes"] == (costs.slots + 1) * costs.adapter_bytes
    assert slots_mod.time is time  # the simulated clock is handed back

    def evict_most_recent(self, evict=True):
        free = [i for i in range(1, len(self.slots)) if self.slots[i].tenant is None]
        if free:
            return free[0]
        best = max(range(1, len(self.slots)), key=lambda i: self.slots[i].last_used)
        self._clear(best)
        return best

    monkeypatch.setattr(slots_mod.SlotManager, "_free_slot", evict_most_recent)
    resident = _one_replica(costs).reps[0].sm.stats()["resident"]
    assert "t0" not in resident and "t1" in resident  # a different policy in serving/slots.py changes what the simulation does


def test_host_memory_and_disk_loads_follow_the_real_host_cache(costs):
    tr = _trace(costs, 2)
    real = simulate(costs, tr, 2, "affinity")
    assert 0 < real["host_gib"] <= 2 * costs.host_cache_bytes / 2**30
    assert real["cache_hit"] > real["slot_hit"]  # some requests are served from host memory
    no_host = simulate(replace(costs, host_cache_bytes=0), tr, 2, "affinity")
    assert no_host["host_gib"] == 0
    assert no_host["cache_hit"] == pytest.approx(no_host["slot_hit"])  # HostCache keeps nothing over its budget
    assert no_host["loads_per_s"] > real["loads_per_s"]


def test_quick_run_prints_a_sizing_row_that_meets_its_target(capsys):
    out = sim_fleet.main(["--quick"])
    text = capsys.readouterr().out
    assert "measured inputs" in text and "sizing" in text
    row = out["sizing"][0]
    for policy in ("affinity", "least-loaded"):
        assert row[policy]["replicas"] >= 1
        assert row[policy]["ttft_p99"] <= out["target_p99_ms"] / 1000
    assert {r["policy"] for r in out["routing"]} == {"affinity", "least-loaded", "round-robin"}
