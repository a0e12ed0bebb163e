"""Training throughput with k tenants' adapters in one forward/backward, k = 1, 2, 4, 8, on the real default base.

usage: python benchmarks/bench_multitrain.py [--ks 1,2,4,8] [--steps 1] [--repeats 2] [--examples 48] [--batch-size 4] [--solo]

Each k trains k distinct tenants (`bench_train.build_tenant`, realistic answer lengths) for `--steps` optimizer
steps each with `adapters.multitrain.train_adapters`, in this process after one warm-up step, in `--repeats`
interleaved rounds over the ks (each k's best run is kept: a neighbour's load drifts over the minutes).
Each tenant has one validation row: validation runs once, after the last step, and is not timed. Tokens counted = non-padding tokens of all tenants; tokens/s = those over the summed step time
(validation and saving excluded, as in `train_adapter`'s own tokens_per_second). Share of peak = 4 x parameters
x tokens/s over the best fp32 2048^3 matmul rate, measured before and after the runs (the better one is used,
so the share is not flattered by a neighbour slowing the peak run). `--solo` also times today's single-tenant
`train_adapter` at k = 1, the path `train.multi_tenant = 1` keeps. The batch size defaults to the schedule's
choice at `--examples` (4 at 48 examples).
"""
from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

import harness
import torch
from bench_train import build_tenant, matmul_peak


def _settings(settings, steps: int, batch: int):
    t = settings.train.model_copy(update={"max_steps": steps, "batch_size": batch, "progress": False, "patience": 0,
                                          "eval_every": 10**6})
    return settings.model_copy(update={"train": t})


def group_rate(base, dirs: list[Path], settings, out: Path) -> tuple[float, int, float, float]:
    """(tokens/s over the step time, tokens, padding waste, tokens per CPU-second of the whole call) of one
    group run of all `dirs`. The CPU-time rate counts only this process's work, so a loaded machine's waiting
    does not enter it (its cache contention does); it includes setup, validation and saving."""
    from memlora.adapters.multitrain import TrainJob, train_adapters

    cpu = time.process_time()
    res = train_adapters(base, [TrainJob(d, out / d.parent.name) for d in dirs], settings)
    cpu = time.process_time() - cpu
    bad = [r for r in res if isinstance(r, Exception)]
    if bad:
        raise bad[0]
    tokens = sum(r.metrics["tokens"] for r in res)
    seconds = sum(r.metrics["tokens"] / r.metrics["tokens_per_second"] for r in res)
    padded = sum(r.metrics["tokens"] / (1 - r.metrics["padding_waste"]) for r in res)
    return tokens / seconds, tokens, 1 - tokens / padded, tokens / cpu


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ks", default="1,2,4,8")
    ap.add_argument("--steps", type=int, default=1)
    ap.add_argument("--examples", type=int, default=48)
    ap.add_argument("--batch-size", type=int, default=4)
    ap.add_argument("--repeats", type=int, default=2, help="rounds over the ks, interleaved; each k's best run is kept")
    ap.add_argument("--solo", action="store_true", help="also time train_adapter (today's path) at k = 1")
    a = harness.add_arguments(ap).parse_args()
    bench = harness.start("multitrain", a)

    from memlora.adapters.train import train_adapter
    from memlora.runtime.base import load_base
    from memlora.settings import Settings

    ks = [int(x) for x in a.ks.split(",")]
    s0 = Settings()
    settings = _settings(s0, a.steps, a.batch_size)
    base = load_base(s0, device="cpu", dtype="float32")
    params = base.info["parameters"]
    print(f"base: {base.path} ({params / 1e6:.1f} M parameters), torch threads: {torch.get_num_threads()}, "
          f"{a.steps} steps of batch {a.batch_size} per tenant", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        dirs = [build_tenant(root / f"t{i}", a.examples, seed=i, n_val=1) for i in range(max(ks))]
        peak = matmul_peak()
        group_rate(base, dirs[:1], _settings(s0, 1, a.batch_size), root / "warm")
        cpu_rates: dict = {}
        count = itertools.count()

        def run(k: int) -> float:
            tps, tokens, pad, per_cpu = group_rate(base, dirs[:k], settings, root / f"run{next(count)}")
            print(f"k={k}: {tps:8.1f} tokens/s, {per_cpu:6.1f} tokens/CPU-s  ({tokens} tokens, padding {pad:.1%}, "
                  f"load {[round(x, 2) for x in os.getloadavg()]})", flush=True)
            cpu_rates[k] = max(per_cpu, cpu_rates.get(k, 0.0))
            return tps

        runs = bench.best_of(a.repeats, **{f"k{k}": (lambda k=k: run(k)) for k in ks})
        rates = {k: max(runs[f"k{k}"]) for k in ks}
        if a.solo:
            m = train_adapter(base, dirs[0], root / "solo", settings).metrics
            rates["solo"] = m["tokens_per_second"]
            print(f"train_adapter (k=1, today's path): {rates['solo']:8.1f} tokens/s", flush=True)
        peak2 = matmul_peak()
    best = max(peak, peak2)
    print(f"fp32 matmul peak (best of 5, 2048^3): {peak:.1f} GFLOP/s before, {peak2:.1f} after")
    for k, tps in rates.items():
        share = 4 * params * tps / 1e9 / best
        print(f"  k={k!s:>4}: {tps:8.1f} tokens/s = {share:.2f} of peak, {tps / rates[ks[0]]:.2f}x k={ks[0]}")
        bench.record(f"k{k}", {"tokens_per_second": round(tps, 1), "share_of_peak": round(share, 3)})
    bench.record("matmul_peak_gflops", [peak, peak2])
    for k in ks[1:]:
        bench.ratio(f"train tokens/s: k={k} / k={ks[0]}", rates[k], rates[ks[0]])
    for k in ks[1:]:
        bench.ratio(f"tokens per CPU-s (whole call): k={k} / k={ks[0]}", cpu_rates[k], cpu_rates[ks[0]])
    bench.record("tokens_per_cpu_second", {str(k): round(v, 1) for k, v in cpu_rates.items()})
    bench.finish()
    return 0


if __name__ == "__main__":
    sys.exit(main())
