"""Every tenant of a memory file, end to end on the real base: distill (small), train, evaluate.

usage: python benchmarks/real_adapters.py [--memory examples/memory.jsonl] [--examples 60] [--objective sft|kl]
                                          [--data DIR (reuse a distill output)] [--tenant T ...] [--out DIR]

Prints, per tenant, the three columns the gate compares (base without profile, base with the whole
profile in the system prompt, adapter without profile): fact recall (on-topic hits), each checkable
preference, KL gap closed, general-text perplexity, leaks of other tenants' facts, invented specifics.
All numbers come from `memlora.adapters.evaluate.evaluate_adapter`; JSON per tenant lands in --out.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import harness

from memlora.runtime.base import load_base
from memlora.adapters.evaluate import evaluate_adapter
from memlora.adapters.train import train_adapter
from memlora.distill.pipeline import run_distill
from memlora.keys import tenant_key
from memlora.settings import Settings


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser()
    ap.add_argument("--memory", default="examples/memory.jsonl")
    ap.add_argument("--examples", type=int, default=60)
    ap.add_argument("--objective", choices=["sft", "kl"], default=None)
    ap.add_argument("--data", default=None, help="an existing distill output directory (skips distill)")
    ap.add_argument("--tenant", action="append", default=None)
    ap.add_argument("--out", default=None)
    ap.add_argument("--epochs", type=int, default=None)
    ap.add_argument("--lr", type=float, default=None)
    return harness.add_arguments(ap).parse_args()


def main() -> int:
    a = parse_args()
    bench = harness.start("real_adapters", a)
    s = settings_for(a)
    out = Path(a.out or f"/tmp/memlora-real-{int(time.time())}")
    out.mkdir(parents=True, exist_ok=True)
    base = load_base(s, device="cpu")
    t0 = time.perf_counter()
    data = Path(a.data) if a.data else distill(a, s, base, out, t0)
    summary = json.loads((data / "summary.json").read_text()) if (data / "summary.json").is_file() else {"tenants": {}}
    tenants = a.tenant or [t for t, row in summary["tenants"].items() if row.get("status") == "ok"]
    results = {t: train_and_gate(base, s, data, out, t) for t in tenants}
    summarize(results, bench)
    print(f"total {time.perf_counter() - t0:.0f} s; adapters and eval.json under {out}")
    bench.finish()
    return 0


def settings_for(a: argparse.Namespace) -> Settings:
    s = Settings()
    upd = {"progress": False}
    if a.objective:
        upd["objective"] = a.objective
    if a.epochs:
        upd["epochs"] = a.epochs
    if a.lr:
        upd["learning_rate"] = a.lr
    return s.model_copy(update={"train": s.train.model_copy(update=upd)})


def distill(a: argparse.Namespace, s: Settings, base, out: Path, t0: float) -> Path:
    data = out / "distilled"
    run_distill(s, a.memory, data, base=base, tenants=a.tenant, n_examples=a.examples, show_progress=False)
    print(f"distill: {time.perf_counter() - t0:.0f} s -> {data}", flush=True)
    return data


def train_and_gate(base, s: Settings, data: Path, out: Path, t: str):
    """Train one tenant's adapter, run the gate on it, write its eval.json and print its table."""
    tdir = data / tenant_key(t)
    adir = out / "adapters" / tenant_key(t)
    tt = time.perf_counter()
    res = train_adapter(base, tdir, adir, s, tenant=t)
    train_s = time.perf_counter() - tt
    rep = evaluate_adapter(base, adir, tdir, s)
    (adir / "eval.json").write_text(json.dumps(rep.to_dict(), indent=2, default=str))
    m = res.metrics
    print(f"\n=== {t}: {m['n_train']} train / {m['n_validation']} val examples, {m['steps']} steps ({m['objective']}), "
          f"train {train_s:.0f} s, eval {time.perf_counter() - tt - train_s:.0f} s", flush=True)
    print(rep.table(), flush=True)
    return rep


def summarize(results: dict, bench) -> None:
    """One line per tenant; the adapter against the prompted base (base+profile) is the ratio that matters."""
    print("\nsummary (fact recall base / base+profile / adapter; KL gap closed; preference mean base / profile / adapter):")

    def fmt(x):
        return "-" if x is None else f"{x:.2f}"

    for t, rep in results.items():
        f, k, p = rep.metrics["facts"], rep.metrics["kl"], rep.metrics["preferences"]["mean"]
        print(f"  {t:<22} facts {fmt(f['recall']['base'])} / {fmt(f['recall']['profile'])} / {fmt(f['recall']['adapter'])} (n={f['n']})"
              f"   KL closed {fmt(k['gap_closed'])}   prefs {fmt(p['base'])} / {fmt(p['profile'])} / {fmt(p['adapter'])}"
              f"   gate {'PASS' if rep.passed else 'FAIL'}")
        bench.record(t, {"passed": rep.passed, "facts": f["recall"], "kl_gap_closed": k["gap_closed"], "preferences": p})
        if f["recall"]["profile"]:
            bench.ratio(f"{t}: fact recall adapter / base+profile", f["recall"]["adapter"], f["recall"]["profile"])


if __name__ == "__main__":
    sys.exit(main())
