#!/usr/bin/env python3
"""Load and faults together, loopback only: Zipf traffic over 100+ tenants on 8 slots while a hostile client,
a rotted cache file and a registry outage try to hurt it.

usage: python benchmarks/bench_faults.py [--work DIR] [--tenants 120] [--clients 8] [--seconds 120] [--tokens 16]

What it does (bounded: --seconds of traffic after setup):
1. Builds the tiny random-weight model (SmolLM2's real tokenizer; tests/tinymodel.py), starts a real `mlflow server`
   and registers one random r=8 LoRA per tenant through the AdapterRegistry.
2. Rots one tenant's cached adapter copy (bytes flipped, size and mtime kept) before the server starts.
3. Starts `memlora serve` (8 slots, host cache for a quarter of the tenants, registry polled every second) and runs
   `--clients` clients choosing tenants by Zipf (s=1.1) for `--seconds`; beside them a hostile client sends
   a seed past 64 bits, lax types, a 7.5 MB prompt and 100000-deep JSON in turn; in the middle third the
   registry server is frozen (SIGSTOP: it neither answers nor refuses) and then resumed.
4. Prints throughput, p50/p99 latency, errors per tenant (must be 0 for every healthy tenant, the rotted
   one included), the hostile client's statuses (4xx only), slot hit rate, heals, what /health said
   during the outage, and the server's RSS (all its processes) at start and end.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import harness
import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
PROMPT = "What should I remember about my week?"


def rss_bytes(pgid: int) -> int:
    """Resident memory of every process in the server's process group (API server, worker, manager)."""
    total = 0
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[2]) != pgid:
                continue
            for line in (d / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except (OSError, ValueError, IndexError):
            continue
    return total


def metric(url: str, name: str) -> float:
    text = httpx.get(url + "/metrics", timeout=30).text
    m = re.search(rf"^{re.escape(name)} ([0-9.e+-]+)$", text, re.M)
    return float(m.group(1)) if m else float("nan")


def setup(work: Path, n_tenants: int):
    import mlflow_server
    from serving_fixtures import write_peft_adapter
    from serving_http_fixtures import ServerProc
    from tinymodel import build_tiny_model

    from memlora.runtime.base import load_base
    from memlora.runtime.provision import pull_default
    from memlora.registry.store import AdapterRegistry
    from memlora.settings import Settings

    models = Path(os.environ.get("MEMLORA_TEST_MODELS", REPO / ".memlora" / "models"))
    model_dir = work / "tiny"
    if not (model_dir / "config.json").exists():
        build_tiny_model(model_dir, pull_default(models).path)
    ml = mlflow_server.start(work / "mlflow")
    toml = (f'[registry]\ntracking_uri = "{ml.url}"\n[serving]\nslots = 8\nmax_batch_size = 8\nregistry_poll_seconds = 1.0\n'
            'missing_adapter = "base"\nmax_new_tokens_limit = 64\n')
    server = ServerProc(work / "home", model_dir, toml, work / "server.log")
    server.env.update(MLFLOW_HTTP_REQUEST_MAX_RETRIES="0", MLFLOW_HTTP_REQUEST_TIMEOUT="3")
    s = server.settings()
    base = load_base(Settings(home=work / "basehome", base_model=str(model_dir)))
    reg = AdapterRegistry(s)
    tenants = [f"user{i:03d}" for i in range(n_tenants)]
    t0 = time.monotonic()
    for i, t in enumerate(tenants):
        out = write_peft_adapter(base.model, work / "adapters" / t, seed=i, base_fingerprint=base.fingerprint, tenant=t, std=0.05)
        reg.register(t, out)
    print(f"setup: {n_tenants} adapters registered in {time.monotonic() - t0:.0f} s", flush=True)
    one = AdapterRegistry(s).resolve(tenants[1], base.fingerprint)  # tenants[1]: hot under Zipf, so the rot is met early
    nbytes = (one.path / "adapter_model.safetensors").stat().st_size
    server.env["MEMLORA_SERVING__HOST_CACHE_BYTES"] = str(nbytes * max(8, n_tenants // 4))  # a quarter of the tenants
    return ml, server, tenants, one.path / "adapter_model.safetensors"


def rot(f: Path) -> None:
    st = f.stat()
    data = bytearray(f.read_bytes())
    for i in range(len(data) - 64, len(data) - 32):
        data[i] ^= 0x5A
    f.write_bytes(bytes(data))
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))


def hostile_bodies() -> list[tuple[str, bytes]]:
    msg = [{"role": "user", "content": "hi"}]
    chat = "/v1/chat/completions"
    return [
        (chat, json.dumps({"model": "user000", "messages": msg, "temperature": 1, "seed": 2**64}).encode()),
        (chat, json.dumps({"model": "user000", "messages": msg, "stream": "yes"}).encode()),
        (chat, json.dumps({"model": "user000", "messages": msg, "max_tokens": True}).encode()),
        (chat, json.dumps({"model": "user000", "messages": [{"role": "user", "content": "memory " * 1_070_000}]}).encode()),
        (chat, b"[" * 100_000),
        ("/admin/prefetch", b"[" * 100_000),
        (chat, json.dumps({"model": "usr000", "messages": msg}).encode()),  # a misspelt tenant
    ]


@dataclass
class Traffic:
    """What the clients saw, filled from their threads under `lock`."""

    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    lat: list[float] = field(default_factory=list)
    tokens: int = 0
    errors: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    served: Counter = field(default_factory=Counter)
    hostile: Counter = field(default_factory=Counter)
    health_seen: Counter = field(default_factory=Counter)


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", type=Path, default=Path("/tmp/memlora-bench-faults"))
    ap.add_argument("--tenants", type=int, default=120)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=120.0)
    ap.add_argument("--tokens", type=int, default=16)
    return harness.add_arguments(ap).parse_args()


def main() -> None:
    import mlflow_server

    a = parse_args()
    bench = harness.start("faults", a)
    for sub in ("home", "mlflow", "adapters"):
        shutil.rmtree(a.work / sub, ignore_errors=True)
    a.work.mkdir(parents=True, exist_ok=True)
    ml, server, tenants, rotted_file = setup(a.work, a.tenants)
    rot(rotted_file)
    tr = Traffic()
    try:
        server.start()
        url = server.url
        rss0 = rss_bytes(server.proc.pid)
        before = {k: metric(url, k) for k in (HITS, MISSES)}
        elapsed = run_traffic(url, ml, tenants, a, tr)
        after_health = httpx.get(url + "/health", timeout=10).json()
        cache = {k: metric(url, k) - before[k] for k in (HITS, MISSES)}
        cache["heals"] = metric(url, "memlora_adapter_cache_heals_total")
        rss1 = rss_bytes(server.proc.pid)
    finally:
        server.stop()
        try:
            os.killpg(ml.proc.pid, signal.SIGCONT)
        except ProcessLookupError:
            pass
        mlflow_server.stop(ml)
    report(a, tr, tenants, tenants[1], elapsed, cache, after_health, (rss0, rss1), bench)
    bench.finish()


HITS = 'memlora_adapter_cache_hits_total{tier="device"}'
MISSES = 'memlora_adapter_cache_misses_total{tier="device"}'


def client(url: str, tenants: list[str], tokens: int, seed: int, tr: Traffic) -> None:
    """Zipf (s=1.1) over the tenants until told to stop; a 503 other than registry_unavailable is an error."""
    rng = random.Random(seed)
    weights = [1.0 / (i + 1) ** 1.1 for i in range(len(tenants))]
    with httpx.Client(timeout=120) as c:
        while not tr.stop.is_set():
            t = rng.choices(tenants, weights)[0]
            body = {"model": t, "messages": [{"role": "user", "content": PROMPT}], "max_tokens": tokens, "temperature": 0}
            t0 = time.perf_counter()
            try:
                r = c.post(url + "/v1/chat/completions", json=body)
                ok = r.status_code == 200
                code = r.status_code if not ok else None
                if r.status_code == 503 and r.json()["error"]["code"] != "registry_unavailable":
                    code = f"503 {r.json()['error']['code']}"
                ntok = r.json()["usage"]["completion_tokens"] if ok else 0
            except httpx.HTTPError as e:
                ok, code, ntok = False, type(e).__name__, 0
            with tr.lock:
                tr.served[t] += 1
                if ok:
                    tr.lat.append(time.perf_counter() - t0)
                    tr.tokens += ntok
                else:
                    tr.errors[t][code] += 1


def attacker(url: str, tr: Traffic) -> None:
    bodies = hostile_bodies()
    i = 0
    with httpx.Client(timeout=120) as c:
        while not tr.stop.is_set():
            path, raw = bodies[i % len(bodies)]
            i += 1
            try:
                r = c.post(url + path, content=raw, headers={"Content-Type": "application/json"})
                key = f"{r.status_code} {r.json().get('error', {}).get('code')}"
            except Exception as e:  # noqa: BLE001
                key = type(e).__name__
            tr.hostile[key] += 1
            time.sleep(0.1)


def run_traffic(url: str, ml, tenants: list[str], a: argparse.Namespace, tr: Traffic) -> float:
    """Clients and the attacker for `a.seconds`; the registry frozen in the middle third. Returns the seconds."""
    threads = [threading.Thread(target=client, args=(url, tenants, a.tokens, k, tr), daemon=True) for k in range(a.clients)]
    threads.append(threading.Thread(target=attacker, args=(url, tr), daemon=True))
    t_start = time.monotonic()
    for th in threads:
        th.start()
    third = a.seconds / 3
    time.sleep(third)
    os.killpg(ml.proc.pid, signal.SIGSTOP)  # the registry freezes: connections hang until the client's timeout
    outage_start = time.monotonic()
    while time.monotonic() - outage_start < third:
        try:
            tr.health_seen[httpx.get(url + "/health", timeout=10).json().get("registry")] += 1
        except Exception as e:  # noqa: BLE001
            tr.health_seen[type(e).__name__] += 1
        time.sleep(1.0)
    os.killpg(ml.proc.pid, signal.SIGCONT)
    time.sleep(max(0.0, a.seconds - (time.monotonic() - t_start)))
    tr.stop.set()
    for th in threads:
        th.join(150)
    return time.monotonic() - t_start


def report(a: argparse.Namespace, tr: Traffic, tenants: list[str], rotted: str, elapsed: float, cache: dict,
           after_health: dict, rss: tuple[int, int], bench) -> None:
    n_ok = len(tr.lat)
    q = statistics.quantiles(tr.lat, n=100) if len(tr.lat) >= 2 else [float("nan")] * 99
    hits, miss = cache[HITS], cache[MISSES]
    print(f"traffic: {a.clients} clients, Zipf s=1.1 over {len(tenants)} tenants ({len(tr.served)} asked), 8 slots, "
          f"{a.tokens} tokens each, {elapsed:.0f} s; registry frozen for {a.seconds / 3:.0f} s in the middle")
    print(f"throughput: {n_ok / elapsed:.1f} req/s, {tr.tokens / elapsed:.0f} completion tok/s; latency p50 {q[49] * 1000:.0f} ms, "
          f"p99 {q[98] * 1000:.0f} ms ({n_ok} answers)")
    retryable = {t: c.pop(503) for t, c in tr.errors.items() if 503 in c}  # registry_unavailable: not cached, registry down
    bad = {t: dict(c) for t, c in tr.errors.items() if c}
    print(f"errors per tenant: {bad if bad else 'none'} (rotted tenant {rotted}: {tr.served[rotted]} requests, "
          f"{sum(tr.errors[rotted].values())} errors; heals counted: {cache['heals']:.0f})")
    print(f"503 while the registry was down (champion never cached here, retryable): {sum(retryable.values())} requests "
          f"of {len(retryable)} tenants")
    print(f"hostile client: {dict(sorted(tr.hostile.items()))}")
    print(f"slot hit rate: {hits / max(1.0, hits + miss):.1%} ({hits:.0f} hits, {miss:.0f} misses)")
    print(f"/health during the outage: {dict(tr.health_seen)}; after: registry={after_health.get('registry')}")
    print(f"server RSS: start {rss[0] / 2**20:.0f} MiB, end {rss[1] / 2**20:.0f} MiB")
    for k, v in {"requests_per_second": n_ok / elapsed, "tokens_per_second": tr.tokens / elapsed, "p50_s": q[49], "p99_s": q[98],
                 "errors": bad, "retryable_503": sum(retryable.values()), "hostile": dict(tr.hostile),
                 "slot_hits": hits, "slot_misses": miss, "heals": cache["heals"], "health_during_outage": dict(tr.health_seen),
                 "rss_start": rss[0], "rss_end": rss[1]}.items():
        bench.record(k, v)


if __name__ == "__main__":
    main()
