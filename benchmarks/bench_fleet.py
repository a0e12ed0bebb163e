#!/usr/bin/env python3
"""The Ray Serve fleet against one server, and tenant-affine routing against tenant-blind routing, in one run.

usage: python benchmarks/bench_fleet.py [--out DIR] [--tenants 12] [--requests 60] [--clients 4] [--tokens 8]
                                        [--replicas 2] [--slots 2] [--replica-cpus 0.5]

What it does:
1. Builds the tiny random-weight model (tests/tinymodel.py, from the provisioned base's tokenizer) and registers
   one random LoRA per tenant through the real AdapterRegistry under `--out`.
2. Sends the same Zipf trace (seeded; tenant i drawn with weight 1/(i+1)^1.1), `--clients` requests at a time,
   to: one `memlora serve` (LitServe), the fleet with tenant affinity (`fleet.routing = "affinity"`, Ray Serve
   multiplexing), and the fleet with Ray's tenant-blind router (`"blind"`), every server with `--slots` slots.
3. Prints one JSON row per mode: requests/s, tokens/s, p50/p99 latency, device-slot hit rate and adapter disk
   loads (summed over replicas), and the answers that differ from the single server's (greedy: must be 0).
The defaults fit a 2-core machine in a few minutes; on such a machine the fleet cannot be faster than one
server (the replicas share the same cores), so the number to read there is the hit rate and the disk loads.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # the tiny model and the server fixtures the tests use

PROMPT = "What should I cook tonight?"
ADMIN = "bench-admin-key"


def _toml(slots: int) -> str:
    return f"""
[serving]
registry_poll_seconds = 3600
max_batch_size = 4
slots = {slots}
[[serving.api_keys]]
key = "{ADMIN}"
admin = true
"""


def zipf_trace(tenants: list[str], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return rng.choices(tenants, weights=[1.0 / (i + 1) ** 1.1 for i in range(len(tenants))], k=n)


def prepare(out: Path, n_tenants: int, slots: int):
    from conftest import MODELS_DIR
    from serving_http_fixtures import ServerProc, register_adapter
    from tinymodel import build_tiny_model

    from memlora.runtime.base import load_base
    from memlora.runtime.provision import pull_default
    from memlora.settings import Settings

    base_dir = build_tiny_model(out / "model", pull_default(MODELS_DIR).path)
    server = ServerProc(out / "home", base_dir, _toml(slots), out / "single.log")
    s = server.settings()
    tenants = [f"t{i:02d}" for i in range(n_tenants)]
    base = load_base(Settings(home=out / "tiny-home", base_model=str(base_dir)))
    for i, t in enumerate(tenants):
        register_adapter(s, base, out / "adapters", t, seed=100 + i)
    return server, s, tenants


def drive(url: str, trace: list[str], clients: int, tokens: int) -> dict:
    def one(tenant: str):
        t0 = time.perf_counter()
        r = httpx.post(f"{url}/v1/chat/completions", timeout=300, headers={"authorization": f"Bearer {ADMIN}"},
                       json={"model": tenant, "messages": [{"role": "user", "content": PROMPT}], "max_tokens": tokens, "temperature": 0})
        r.raise_for_status()
        body = r.json()
        return time.perf_counter() - t0, body["usage"]["completion_tokens"], body["choices"][0]["message"]["content"]

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(one, trace))
    wall = time.perf_counter() - t0
    lat = sorted(r[0] for r in results)
    return {"requests_per_s": round(len(trace) / wall, 3), "tokens_per_s": round(sum(r[1] for r in results) / wall, 2),
            "p50_s": round(statistics.median(lat), 3), "p99_s": round(lat[min(len(lat) - 1, int(0.99 * len(lat)))], 3),
            "answers": [r[2] for r in results]}


def single_cache(url: str) -> dict:
    from prometheus_client.parser import text_string_to_metric_families

    text = httpx.get(f"{url}/metrics", timeout=30).text
    got: dict = {}
    for fam in text_string_to_metric_families(text):
        for s in fam.samples:
            if s.name in ("memlora_adapter_cache_hits_total", "memlora_adapter_cache_misses_total") and s.labels.get("tier") == "device":
                got["hits" if "hits" in s.name else "misses"] = s.value
            elif s.name == "memlora_adapter_disk_loads_total":
                got["disk_loads"] = s.value
    return {"slot_hits": got.get("hits", 0), "slot_misses": got.get("misses", 0), "disk_loads": got.get("disk_loads", 0)}


def fleet_cache(url: str) -> dict:
    reps = httpx.get(f"{url}/admin/replicas", headers={"authorization": f"Bearer {ADMIN}"}, timeout=30).json()["replicas"]
    return {k: sum(r["engine"][k] for r in reps) for k in ("slot_hits", "slot_misses", "disk_loads")}


def fresh_fleet(s, port: int, routing: str, replicas: int) -> str:
    """Deploys (or redeploys) the fleet and waits until only new replicas, with zeroed counters, answer."""
    from memlora.serving.fleet.deploy import start_fleet

    s = s.model_copy(update={"fleet": s.fleet.model_copy(update={"routing": routing})})
    start_fleet(s, "127.0.0.1", port, num_cpus=2)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            reps = httpx.get(f"{url}/admin/replicas", headers={"authorization": f"Bearer {ADMIN}"}, timeout=30).json()["replicas"]
            if len(reps) == replicas and all(r["api"]["requests_finished"] == 0 for r in reps):
                return url
        except (httpx.HTTPError, ValueError, KeyError):
            pass
        time.sleep(1.0)
    raise RuntimeError(f"the {routing} fleet did not come up within 300 s")


def row(mode: str, run: dict, cache: dict, reference: list[str] | None) -> dict:
    lookups = cache["slot_hits"] + cache["slot_misses"]
    out = {"mode": mode, **{k: v for k, v in run.items() if k != "answers"},
           "slot_hit_rate": round(cache["slot_hits"] / lookups, 3) if lookups else None, "disk_loads": int(cache["disk_loads"])}
    if reference is not None:
        out["answers_differing_from_single"] = sum(a != b for a, b in zip(run["answers"], reference))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path("/tmp/memlora-bench-fleet"))
    ap.add_argument("--tenants", type=int, default=12)
    ap.add_argument("--requests", type=int, default=60)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--tokens", type=int, default=8)
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--slots", type=int, default=2)
    ap.add_argument("--replica-cpus", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    server, s, tenants = prepare(a.out, a.tenants, a.slots)
    trace = zipf_trace(tenants, a.requests, a.seed)
    server.start()
    try:
        single = drive(server.url, trace, a.clients, a.tokens)
        rows = [row("one server", single, single_cache(server.url), None)]
    finally:
        server.stop()

    import ray

    from memlora.serving.fleet.deploy import stop_fleet
    from serving_http_fixtures import free_port

    s = s.model_copy(update={"fleet": s.fleet.model_copy(update={"replicas": a.replicas, "replica_cpus": a.replica_cpus})})
    port = free_port()
    try:
        for routing in ("affinity", "blind"):
            url = fresh_fleet(s, port, routing, a.replicas)
            run = drive(url, trace, a.clients, a.tokens)
            rows.append(row(f"fleet x{a.replicas} {routing}", run, fleet_cache(url), single["answers"]))
    finally:
        stop_fleet()
        ray.shutdown()
    print(json.dumps({"tenants": a.tenants, "requests": a.requests, "clients": a.clients, "tokens": a.tokens,
                      "slots_per_server": a.slots, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
