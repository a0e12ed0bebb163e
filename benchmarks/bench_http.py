#!/usr/bin/env python3
"""End to end over HTTP: 8 concurrent clients spread over 32 tenants, 8 device slots, the real 135M base.

usage: python benchmarks/bench_http.py [--home DIR] [--tenants 32] [--clients 8] [--requests 96] [--tokens 24]

What it does, in one run:
1. Registers one r=8 all-linear LoRA per tenant (random weights, PEFT-saved) through the real
   AdapterRegistry under `--home` (kept between runs: registering 32 adapters in MLflow takes minutes).
2. Computes each (tenant, prompt) reference answer with PEFT itself (greedy), in this process.
3. Starts `memlora serve` (8 slots, host cache sized for half the tenants so all three tiers work) and
   sends the same traffic twice: every request for its tenant, then every request for the base model
   (the baseline: what the same server does with no adapters at all), and once with a single client
   (the baseline for concurrency: one request at a time).
4. Prints tokens/s, p50/p99 latency, cache hit rates per tier (from /metrics), the ratios, and the share
   of answers equal to PEFT's answer for their own tenant (an answer from the wrong tenant never is).
"""
from __future__ import annotations

import argparse
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import harness
import httpx

PROMPTS = ["What should I cook tonight?", "Give me one tip for a long flight.", "How do I keep a plant alive?"]


def settings_for(home: Path, config: Path):
    os.environ["MEMLORA_HOME"] = str(home)
    os.environ["MEMLORA_CONFIG"] = str(config)
    from memlora.settings import Settings

    return Settings()


def make_adapter(base, out: Path, tenant: str, seed: int) -> Path:
    import torch
    from peft import LoraConfig, get_peft_model

    from memlora.adapters.manifest import import_adapter

    cfg = LoraConfig(r=8, lora_alpha=16, target_modules="all-linear", task_type="CAUSAL_LM")
    torch.manual_seed(seed)
    pm = get_peft_model(base.model, cfg, adapter_name="tmp")
    for name, p in pm.named_parameters():
        if "lora_B" in name:
            torch.nn.init.normal_(p, std=0.02)
    tmp = out.with_name(out.name + ".tmp")
    pm.save_pretrained(str(tmp), selected_adapters=["tmp"])
    base.model = pm.unload()
    src = tmp / "tmp" if (tmp / "tmp").is_dir() else tmp
    src.rename(out)
    import_adapter(out, tenant, base)
    return out


def ensure_tenants(settings, base, n: int, work: Path) -> dict[str, Path]:
    from memlora.registry.store import AdapterRegistry

    reg = AdapterRegistry(settings)
    have = reg.champions()
    dirs = {}
    for i in range(n):
        t = f"tenant-{i:03d}"
        d = work / "adapters" / t
        if t not in have or not d.exists():
            t0 = time.perf_counter()
            if d.exists():
                import shutil

                shutil.rmtree(d)
            d.parent.mkdir(parents=True, exist_ok=True)
            make_adapter(base, d, t, seed=1000 + i)
            reg.register(t, d)
            print(f"  registered {t} ({time.perf_counter() - t0:.1f} s)", flush=True)
        dirs[t] = d
    return dirs


def references(base, dirs: dict[str, Path], pairs: set[tuple[str, str]], tokens: int) -> dict[tuple[str, str], str]:
    """PEFT's greedy answer for each (tenant, prompt) pair, one adapter loaded at a time."""
    import torch
    from peft import PeftModel

    tok = base.tokenizer
    refs = {}
    pm = None
    for t, d in dirs.items():
        if pm is None:
            pm = PeftModel.from_pretrained(base.model, str(d), adapter_name=t)
        else:
            pm.load_adapter(str(d), adapter_name=t)
        pm.set_adapter(t)
        for p in [p for p in PROMPTS if (t, p) in pairs]:
            text = tok.apply_chat_template([{"role": "user", "content": p}], add_generation_prompt=True, tokenize=False)
            ids = torch.tensor([tok(text, add_special_tokens=False)["input_ids"]])
            with torch.no_grad():
                out = pm.generate(input_ids=ids, attention_mask=torch.ones_like(ids), max_new_tokens=tokens, do_sample=False,
                                  pad_token_id=tok.pad_token_id)
            refs[(t, p)] = tok.decode(out[0, ids.shape[1]:], skip_special_tokens=True)
        pm.delete_adapter(t) if len(pm.peft_config) > 1 else None
    base.model = pm.unload() if pm is not None else base.model
    return refs


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict, port: int, log: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "memlora.cli", "serve", "--port", str(port)], env=env,
                            stdout=open(log, "wb"), stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit("server did not become healthy")


def stop_server(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def scrape(url: str) -> dict[str, float]:
    out = {}
    for line in httpx.get(url + "/metrics", timeout=30).text.splitlines():
        m = re.match(r"^(memlora_adapter_cache_(?:hits|misses)_total\{tier=\"\w+\"\}|memlora_adapter_disk_loads_total) ([0-9.e+-]+)$", line)
        if m:
            out[m.group(1)] = float(m.group(2))
    return out


def run_traffic(url: str, jobs: list[tuple[str, str]], clients: int, tokens: int):
    """jobs: (model, prompt); each client takes the next job until none are left."""
    lock = threading.Lock()
    it = iter(list(enumerate(jobs)))
    results: list[tuple[int, str, str, float, int, int]] = []
    errors: list[str] = []

    def client():
        with httpx.Client(timeout=600) as c:
            while True:
                with lock:
                    nxt = next(it, None)
                if nxt is None:
                    return
                i, (model, prompt) = nxt
                t0 = time.perf_counter()
                r = c.post(url + "/v1/chat/completions", json={
                    "model": model, "messages": [{"role": "user", "content": prompt}], "max_tokens": tokens, "temperature": 0})
                dt = time.perf_counter() - t0
                if r.status_code != 200:
                    errors.append(f"{model}: {r.status_code} {r.text[:200]}")
                    continue
                body = r.json()
                results.append((i, model, body["choices"][0]["message"]["content"], dt, body["usage"]["completion_tokens"],
                                r.headers.get("x-memlora-adapter") != "none"))

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat = sorted(r[3] for r in results)
    toks = sum(r[4] for r in results)
    return {
        "wall": wall, "tokens": toks, "tok_s": toks / wall, "p50": statistics.median(lat) if lat else float("nan"),
        "p99": lat[min(len(lat) - 1, int(round(0.99 * (len(lat) - 1))))] if lat else float("nan"),
        "results": results, "errors": errors,
    }


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", type=Path, default=Path("/tmp/memlora-bench-http"))
    ap.add_argument("--tenants", type=int, default=32)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=48)
    ap.add_argument("--tokens", type=int, default=16)
    ap.add_argument("--threads", type=int, default=0, help="torch threads here and in the server (0: torch's default)")
    ap.add_argument("--slots", type=int, default=8)
    ap.add_argument("--seed", type=int, default=0)
    return harness.add_arguments(ap).parse_args()


def main() -> None:
    a = parse_args()
    if a.threads:  # on an oversubscribed CPU, OpenMP spin-waits make 2 threads many times slower than 1
        os.environ["OMP_NUM_THREADS"] = str(a.threads)
        import torch

        torch.set_num_threads(a.threads)
    bench = harness.start("http", a)
    settings, base_dir = configure(a)
    print(f"base {base_dir.name}; {a.tenants} tenants, {a.slots} slots, {a.clients} clients, {a.requests} requests x {a.tokens} tokens")
    tenants, prompt_of, jobs, refs = prepare(a, settings)
    env = {k: v for k, v in os.environ.items()}
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start_server(env, port, a.home / "server.log")
    try:
        run_traffic(url, [(t, prompt_of[t]) for t in tenants[: a.clients]], a.clients, 2)  # warm-up (imports, first loads)
        m0 = scrape(url)
        mixed = run_traffic(url, jobs, a.clients, a.tokens)
        m1 = scrape(url)
        base_run = run_traffic(url, [("base", p) for _, p in jobs], a.clients, a.tokens)
        serial = run_traffic(url, jobs[: max(8, a.requests // 4)], 1, a.tokens)
    finally:
        stop_server(proc)
    report(tenants, prompt_of, jobs, refs, {"mixed": mixed, "base": base_run, "serial": serial},
           {k: m1.get(k, 0) - m0.get(k, 0) for k in m1}, bench)
    bench.finish()


def configure(a: argparse.Namespace):
    """The real base, and a config under `--home`: host cache for half the tenants, so all three tiers work."""
    repo = Path(__file__).resolve().parent.parent
    models = Path(os.environ.get("MEMLORA_TEST_MODELS", repo / ".memlora" / "models"))
    from memlora.runtime.provision import pull_default

    base_dir = pull_default(models).path
    a.home.mkdir(parents=True, exist_ok=True)
    per_adapter = 10 * 1024 * 1024  # ~9.8 MB at r=8 all-linear on the 135M base (float32)
    config = a.home / "memlora.toml"
    config.write_text(
        f'base_model = "{base_dir}"\n[serving]\nslots = {a.slots}\nslot_rank = 8\nmax_batch_size = {a.clients}\n'
        f"host_cache_bytes = {per_adapter * a.tenants // 2}\nregistry_poll_seconds = 3600\n"
    )
    os.environ["MEMLORA_BASE_MODEL"] = str(base_dir)
    return settings_for(a.home / "home", config), base_dir


def prepare(a: argparse.Namespace, settings):
    """(tenants, one prompt per tenant, the request list, PEFT's reference answers); the base is dropped after."""
    from memlora.runtime.base import load_base

    base = load_base(settings)
    t0 = time.perf_counter()
    dirs = ensure_tenants(settings, base, a.tenants, a.home)
    print(f"adapters ready in {time.perf_counter() - t0:.1f} s")
    rng = random.Random(a.seed)
    tenants = sorted(dirs)
    prompt_of = {t: PROMPTS[i % len(PROMPTS)] for i, t in enumerate(tenants)}  # one prompt per tenant: fewer references
    jobs = [(t, prompt_of[t]) for t in (rng.choice(tenants) for _ in range(a.requests))]
    t0 = time.perf_counter()
    refs = references(base, dirs, set(jobs) | {(t, prompt_of[t]) for t in tenants}, a.tokens)
    print(f"PEFT references: {len(refs)} answers in {time.perf_counter() - t0:.1f} s")
    return tenants, prompt_of, jobs, refs


def report(tenants: list[str], prompt_of: dict, jobs: list, refs: dict, runs: dict, d: dict, bench) -> None:
    """Throughput and latency per run, cache hit rates per tier, the ratios, and answers equal to PEFT's."""
    mixed, base_run, serial = runs["mixed"], runs["base"], runs["serial"]

    def rate(tier):
        h, m = d.get(f'memlora_adapter_cache_hits_total{{tier="{tier}"}}', 0), d.get(f'memlora_adapter_cache_misses_total{{tier="{tier}"}}', 0)
        return h / (h + m) if h + m else float("nan"), int(h), int(m)

    ok = sum(1 for i, model, text, *_ in mixed["results"] if text == refs[(model, jobs[i][1])])
    wrong_tenant = sum(
        1 for i, model, text, *_ in mixed["results"]
        if text != refs[(model, jobs[i][1])] and any(text == refs.get((t, jobs[i][1])) for t in tenants if t != model)
    )
    distinct = len({refs[(t, prompt_of[t])] for t in tenants})
    print()
    for name, r in ((f"mixed, {len(tenants)} tenants", mixed), ("base only", base_run), ("one client", serial)):
        print(f"{name:<18} {len(r['results']):>4} ok {len(r['errors'])} errors  {r['tok_s']:7.1f} tok/s  "
              f"p50 {r['p50'] * 1000:7.0f} ms  p99 {r['p99'] * 1000:7.0f} ms  ({r['tokens']} tokens in {r['wall']:.1f} s)")
        bench.record(name, {k: v for k, v in r.items() if k != "results"})
    for tier in ("device", "host"):
        hr, h, m = rate(tier)
        print(f"cache {tier:<6} hit rate {hr:.2f} ({h} hits, {m} misses)")
    print(f"disk loads during the mixed run: {int(d.get('memlora_adapter_disk_loads_total', 0))}")
    bench.ratio("tok/s mixed / base-only", mixed["tok_s"], base_run["tok_s"])
    bench.ratio("tok/s all clients / one client", mixed["tok_s"], serial["tok_s"])
    print(f"answers equal to PEFT's for their own tenant: {ok}/{len(mixed['results'])} "
          f"(answers from another tenant: {wrong_tenant}; distinct reference answers across tenants: {distinct}/{len(tenants)})")
    for e in (mixed["errors"] + base_run["errors"])[:5]:
        print("error:", e)
    bench.record("summary", {"tok_s": round(mixed["tok_s"], 1), "p50_ms": round(mixed["p50"] * 1000), "p99_ms": round(mixed["p99"] * 1000),
                             "device_hit_rate": round(rate("device")[0], 3), "correct": f"{ok}/{len(mixed['results'])}",
                             "wrong_tenant": wrong_tenant})


if __name__ == "__main__":
    main()
