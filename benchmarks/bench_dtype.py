"""The night's stages with the base in float32 against bfloat16 on CPU, in one process, arms interleaved.

usage: python benchmarks/bench_dtype.py [--examples 24] [--steps 6] [--reps 2] [--k 4]

Both bases are the real default model loaded twice (`load_base(dtype=...)`), so every ratio is taken under the
same neighbours' load. Per dtype:
- teacher: greedy answers to one synthetic tenant's first-round prompts (`answers_across`, the grouped path with
  prompts reused), tokens/s, and how many answers are token for token the float32 ones; then the whole teacher
  stage (`synthesize_tenant`: candidates, guards, ranking) once, its seconds and its dataset's quality figures;
- training: `train_adapter` on the float32 dataset for `--steps` steps, tokens/s over the step time and the
  validation loss it reaches; `train_adapters` with `--k` copies of the tenant for half the steps, tokens/s;
- gate: `evaluate_adapter` on the float32-trained adapter, seconds and its metrics and verdict.
Is bf16 worth it on this CPU? Native bf16 GEMMs (avx512_bf16 / amx_bf16 in /proc/cpuinfo) run about twice the
fp32 rate; without them torch emulates bf16 and it is slower than fp32. The flags are printed with the results.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import harness

DTYPES = ("float32", "bfloat16")


def cpu_bf16_flags() -> list[str]:
    """The CPU's native bf16 instruction sets, from /proc/cpuinfo (empty where there is none or no such file)."""
    try:
        flags = next(line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("flags")).split()
    except (OSError, StopIteration):
        return []
    return [f for f in flags if f in ("avx512_bf16", "amx_bf16", "amx_tile")]


def teacher_greedy(bases: dict, s, profile, examples: int, reps: int) -> dict:
    """Greedy tokens/s per dtype (reps interleaved, order alternating) and answers identical to float32's."""
    from memlora.distill.synthesize import candidate_specs, plan_tenant
    from memlora.distill.teacher import answers_across, make_teacher

    teachers = {dt: make_teacher(s, b) for dt, b in bases.items()}
    jobs = {dt: plan_tenant(profile, b, s, examples, teachers[dt]) for dt, b in bases.items()}
    specs = {dt: candidate_specs(j, list(range(len(j.gen_rows))))[0] for dt, j in jobs.items()}
    tps: dict[str, list[float]] = {dt: [] for dt in bases}
    outs: dict = {}
    for r in range(reps):
        for dt in DTYPES if r % 2 == 0 else DTYPES[::-1]:
            t = teachers[dt]
            t0, tok0 = time.perf_counter(), t.tokens_generated
            outs[dt] = answers_across(t, [specs[dt]], 1, sample=False)[0][0]
            tps[dt].append((t.tokens_generated - tok0) / (time.perf_counter() - t0))
    same = sum(a == b for a, b in zip(outs["float32"], outs["bfloat16"]))
    return {"tps": tps, "identical": same, "answers": len(outs["float32"])}


def teacher_stage(bases: dict, s, profile, examples: int, root: Path) -> dict:
    """The whole teacher stage once per dtype: seconds and the dataset's quality figures from meta.json."""
    from memlora.distill.synthesize import synthesize_tenant

    out = {}
    for dt in DTYPES[::-1]:  # bf16 first: a one-time cost left (a cache, the guard's embedder) falls on it
        (root / dt).mkdir(parents=True)
        profile.write(root / dt / "profile.json")
        t0 = time.perf_counter()
        meta = synthesize_tenant(profile, bases[dt], s, root / dt, examples, show_progress=False)
        out[dt] = {"seconds": time.perf_counter() - t0, "dir": root / dt, "quality": quality(meta)}
    return out


def quality(meta: dict) -> dict:
    """The dataset's figures the issue holds within +-2 points: teacher compliance and on-topic per item kind,
    guard rejections, candidates, rows kept."""
    r = meta["rates"]
    q = {f"{kind}.{m}": v[m] for kind, v in r["teacher"].items() for m in ("compliance", "on_topic") if m in v}
    q.update({f"guard.{k}": v for k, v in r["guard_rejections"].items()})
    q.update(candidates=r["candidates"], n_train=meta["n_train"], rejected=meta["rejected"], tokens=meta["teacher_tokens"])
    return q


def training(bases: dict, s, tenant_dir: Path, steps: int, reps: int, k: int, root: Path) -> dict:
    """train_adapter tokens/s and validation loss per dtype (reps interleaved), then train_adapters at k."""
    from memlora.adapters.multitrain import TrainJob, train_adapters
    from memlora.adapters.train import train_adapter

    t = s.train.model_copy(update={"max_steps": steps, "progress": False, "patience": 0, "eval_every": steps})
    st = s.model_copy(update={"train": t})
    res: dict = {dt: {"tps": [], "val": [], "k_tps": []} for dt in DTYPES}
    for r in range(reps):
        for dt in DTYPES if r % 2 == 0 else DTYPES[::-1]:
            m = train_adapter(bases[dt], tenant_dir, root / f"{dt}-{r}", st).metrics
            res[dt]["tps"].append(m["tokens_per_second"])
            res[dt]["val"].append(m["best_val_loss"])
            res[dt]["adapter"] = root / f"{dt}-{r}"
    tk = t.model_copy(update={"max_steps": max(1, steps // 2), "eval_every": max(1, steps // 2)})
    for dt in DTYPES[::-1]:
        group = train_adapters(bases[dt], [TrainJob(tenant_dir, root / f"k-{dt}-{i}") for i in range(k)],
                               s.model_copy(update={"train": tk}))
        ms = [g.metrics for g in group if not isinstance(g, Exception)]
        res[dt]["k_tps"].append(sum(m["tokens"] for m in ms) / sum(m["tokens"] / m["tokens_per_second"] for m in ms))
    return res


def gate(bases: dict, s, adapter: Path, tenant_dir: Path) -> dict:
    """The gate on one adapter per dtype: seconds, verdict and headline metrics."""
    from memlora.adapters.evaluate import evaluate_adapter

    out = {}
    for dt in DTYPES[::-1]:
        t0 = time.perf_counter()
        rep = evaluate_adapter(bases[dt], adapter, tenant_dir, s)
        m = rep.metrics
        out[dt] = {"seconds": time.perf_counter() - t0, "passed": getattr(rep, "passed", None),
                   "metrics": {"kl_gap_closed": m["kl"]["gap_closed"], "fact_recall": m["facts"]["recall"]["adapter"],
                               "preferences": m["preferences"]["mean"]["adapter"], "retention": m["retention"]["regression"],
                               "abstention_excess": m["abstention"]["excess"], "items": m["items"]["counts"]}}
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", type=int, default=24)
    ap.add_argument("--steps", type=int, default=6)
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--k", type=int, default=4)
    ap.add_argument("--skip-gate", action="store_true")
    a = harness.add_arguments(ap).parse_args()
    bench = harness.start("dtype", a)
    import bench_nightly as BN

    from memlora.runtime.base import load_base

    print(f"native bf16 on this CPU: {cpu_bf16_flags() or 'none'}", flush=True)
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        s, _, profiles, names = BN._tenants(root, BN.REPO.joinpath(".memlora/models/SmolLM2-135M-Instruct").as_posix()
                                              if not os.environ.get("MEMLORA_BASE_MODEL") else os.environ["MEMLORA_BASE_MODEL"], 1)
        bases = {"float32": load_base(s, device="cpu", dtype="float32"), "bfloat16": load_base(s, device="cpu", dtype="bfloat16")}
        profile = profiles[names[0]]
        report(bench, "teacher", teacher_greedy(bases, s, profile, a.examples, a.reps))
        stage = teacher_stage(bases, s, profile, a.examples, root / "distill")
        report(bench, "distill", stage)
        tr = training(bases, s, stage["float32"]["dir"], a.steps, a.reps, a.k, root / "train")
        report(bench, "train", tr, a.k)
        if not a.skip_gate:
            report(bench, "gate", gate(bases, s, tr["float32"]["adapter"], stage["float32"]["dir"]))
    bench.record("cpu_bf16_flags", cpu_bf16_flags())
    bench.finish()
    return 0


def _med(v: list[float]) -> float:
    return statistics.median(v) if v else float("nan")


def report(bench, part: str, r: dict, k: int = 0) -> None:
    """Print one part per dtype with the load, record it, and add its bf16 / fp32 ratios."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    f32, b16 = r.get("float32", None), r.get("bfloat16")
    if part == "teacher":
        for dt in DTYPES:
            print(f"[teacher greedy] {dt:<9} {_med(r['tps'][dt]):7.1f} tokens/s  reps {[round(x, 1) for x in r['tps'][dt]]}", flush=True)
        print(f"    bf16 answers token for token fp32's: {r['identical']}/{r['answers']}  (load {load})", flush=True)
        ratio = _med([b / f for b, f in zip(r["tps"]["bfloat16"], r["tps"]["float32"])])
        bench.ratio("teacher greedy tokens/s: bf16 / fp32 (median per-rep)", ratio * _med(r["tps"]["float32"]), _med(r["tps"]["float32"]))
    elif part == "distill":
        for dt in DTYPES:
            print(f"[teacher stage] {dt:<9} {r[dt]['seconds']:7.1f} s  quality {r[dt]['quality']}", flush=True)
        print(f"    (load {load})", flush=True)
        bench.ratio("teacher stage seconds: fp32 / bf16", f32["seconds"], b16["seconds"])
    elif part == "train":
        for dt in DTYPES:
            print(f"[train] {dt:<9} {_med(r[dt]['tps']):7.1f} tokens/s (k=1), {_med(r[dt]['k_tps']):7.1f} tokens/s (k={k}); "
                  f"best val loss {r[dt]['val']}", flush=True)
        print(f"    (load {load})", flush=True)
        ratio = _med([b / f for b, f in zip(r["bfloat16"]["tps"], r["float32"]["tps"])])
        bench.ratio("train tokens/s k=1: bf16 / fp32 (median per-rep)", ratio * _med(r["float32"]["tps"]), _med(r["float32"]["tps"]))
        bench.ratio(f"train tokens/s k={k}: bf16 / fp32", _med(b16["k_tps"]), _med(f32["k_tps"]))
        bench.ratio(f"fp32 train tokens/s: k={k} / k=1", _med(f32["k_tps"]), _med(f32["tps"]))
        bench.ratio(f"bf16 train tokens/s: k={k} / k=1", _med(b16["k_tps"]), _med(b16["tps"]))
        r = {dt: {key: v for key, v in x.items() if key != "adapter"} for dt, x in r.items()}
    else:
        for dt in DTYPES:
            print(f"[gate] {dt:<9} {r[dt]['seconds']:7.1f} s  passed {r[dt]['passed']}  {r[dt]['metrics']}", flush=True)
        print(f"    (load {load})", flush=True)
        bench.ratio("gate seconds: fp32 / bf16", f32["seconds"], b16["seconds"])
    bench.record(part, {dt: ({kk: vv for kk, vv in v.items() if kk != "dir"} if isinstance(v, dict) else v)
                        for dt, v in r.items()} | {"load": load})


if __name__ == "__main__":
    sys.exit(main())
