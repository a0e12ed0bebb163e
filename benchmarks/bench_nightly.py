"""Nightly job cost: (1) wall time and per-stage share for N tenants on the real default model with a small
budget; (2) a no-change night over 10k synthetic tenants, which must cost seconds (local index + profile cache:
the export is loaded and digested, and consolidation is skipped because nothing it reads changed); (3, with
--share) per-stage cost per tenant with the base's tenant-independent work shared and the teacher batched
across tenants, against today's path in the same run (share_stages.py); (4, with --gate-group) the gate of k
tenants one by one against one group gate (adapters/group_gate.py) in the same process; (5, with --night) the
whole nightly job for N changed tenants with every sharing setting off (today's path) and on (shared base work,
cross-tenant teacher batches, multi-tenant training, the group gate), cost per tenant and per stage.

Baselines for (2), measured in the same process: the same night with a full consolidation (no profile cache,
what every night cost before it), and asking MLflow per tenant (`AdapterRegistry.latest`), what the job would
do without its local index, timed on a sample of tenants and extrapolated to all of them.

    python benchmarks/bench_nightly.py                 # both parts (part 1 takes minutes on 2 CPU cores)
    python benchmarks/bench_nightly.py --skip-train    # only the 10k no-change part
    python benchmarks/bench_nightly.py --share 1 4 --share-only --examples 16   # (3) only: sharing off vs on
    python benchmarks/bench_nightly.py --gate-group 1 3 --examples 16        # (4) only: the gate alone vs grouped
    python benchmarks/bench_nightly.py --night 1 8 --examples 48              # (5) only: the whole night, off vs on
    python benchmarks/bench_nightly.py --teacher 1 4 --examples 48            # (6) only: teacher tokens/s, today vs grouped
"""
from __future__ import annotations

import argparse
import io
import json
import math
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import harness

REPO = Path(__file__).resolve().parent.parent
NAMES = ["ana", "ben", "cleo", "dan", "eli", "fay", "gus", "hana", "ivo", "jun"]
PETS = ["Miso", "Rex", "Luna", "Pixel", "Tofu", "Nova"]
CITIES = ["Portland", "Lisbon", "Osaka", "Tromso", "Austin", "Turin"]
STYLES = ["Keep answers under 50 words.", "Prefers answers as bullet points.", "Likes replies to end with 'Cheers'."]


def synthetic_memory(path: Path, n: int, seed: int = 0) -> Path:
    rnd = random.Random(seed)
    with open(path, "w") as f:
        for i in range(n):
            t = f"{NAMES[i % len(NAMES)]}-{i}"
            recs = [
                (f"{t}'s cat is named {rnd.choice(PETS)}.", "fact"),
                (f"{t} lives in {rnd.choice(CITIES)}.", "fact"),
                (f"{t}: {rnd.choice(STYLES)}", "preference"),
            ]
            for j, (text, kind) in enumerate(recs):
                for s in range(2):  # two sessions each, so min_mentions=2 selects them
                    f.write(json.dumps({"id": f"{t}-{j}-{s}", "tenant": t, "text": text, "kind": kind,
                                        "created_at": f"2026-0{3 + s}-0{1 + j}T10:00:00Z", "source": f"{t}-s{s}"}) + "\n")
    return path


def settings_for(home: Path, base_model: str, **env):
    for k, v in env.items():
        os.environ[k] = v
    os.environ["MEMLORA_HOME"] = str(home)
    os.environ["MEMLORA_BASE_MODEL"] = base_model
    from memlora.settings import Settings, reset_settings

    reset_settings()
    return Settings()


def console():
    from rich.console import Console

    return Console(file=io.StringIO(), width=200)


def part_train(base_model: str, n: int, examples: int) -> None:
    from memlora.jobs.nightly import JobOptions, run_nightly
    from memlora.jobs.report import STAGES

    with tempfile.TemporaryDirectory() as d:
        s = settings_for(Path(d) / "home", base_model)
        mem = synthetic_memory(Path(d) / "memory.jsonl", n)
        t0 = time.perf_counter()
        r = run_nightly(s, JobOptions(memory=mem, examples=examples), console=console())
        wall = time.perf_counter() - t0
        st = r.summary["stage_seconds"]
        print(f"\n[1] nightly on {n} tenants, real base ({base_model}), {examples} examples/tenant, "
              f"{s.train.epochs} epochs, {os.cpu_count()} CPU(s): wall {wall:.1f}s = {wall / n:.1f}s per tenant, exit {r.exit_code}")
        print(f"    {'stage':<12}{'seconds':>10}{'share':>8}")
        accounted = 0.0
        for k in STAGES:
            accounted += st.get(k, 0.0)
            print(f"    {k:<12}{st.get(k, 0.0):>10.1f}{st.get(k, 0.0) / wall:>8.1%}")
        print(f"    {'consolidate':<12}{r.summary['consolidate_seconds']:>10.1f}{r.summary['consolidate_seconds'] / wall:>8.1%}")
        rest = wall - accounted - r.summary["consolidate_seconds"]
        print(f"    {'other':<12}{rest:>10.1f}{rest / wall:>8.1%}   (model load, index, summary, MLflow job run)")
        for row in r.summary["rows"]:
            print(f"    {row['tenant']:<10} {row['action']:<18} examples={row.get('examples')} version={row.get('new_version')} {row.get('reason', '')[:80]}")


def _tenants(d: Path, base_model: str, n: int):
    """Settings under `d`, the loaded base, and the profiles of `n` synthetic tenants (with their sorted names)."""
    from memlora.distill.profile import build_profiles
    from memlora.distill.records import load_memory
    from memlora.runtime.base import load_base

    s = settings_for(d / "home", base_model, MEMLORA_TRAIN__PROGRESS="false")
    base = load_base(s)
    profiles = build_profiles(load_memory(synthetic_memory(d / "memory.jsonl", n)).records, s)
    return s, base, profiles, sorted(profiles)[:n]


def part_share(base_model: str, sizes: list[int], examples: int, bench) -> None:
    """[3] per-stage cost per tenant, today's path against shared base work + cross-tenant teacher batches."""
    import share_stages as SS

    with tempfile.TemporaryDirectory() as d:
        s, base, profiles, names = _tenants(Path(d), base_model, max(sizes))
        print(f"\n[3] shared base work + cross-tenant teacher batches, {examples} examples/tenant, load {os.getloadavg()[0]:.2f}",
              flush=True)
        off = SS.today(base, s, profiles, names, Path(d) / "off", examples)
        for n in sizes:
            on = SS.shared(base, s, profiles, names[:n], Path(d) / f"on{n}", examples, off)
            _print_share(n, names[:n], off, on, bench)


def _print_share(n: int, names: list[str], off: dict, on: dict, bench) -> None:
    import share_stages as SS

    rows = [off["tenants"][t] for t in names]
    today = {k: sum(r[k] for r in rows) / n for k in ("distill", "train", "gate")}
    new = {"distill": on["distill"] / n, "train": today["train"], "gate": sum(g[0] for g in on["gates"].values()) / n}
    print(f"    {n} tenant(s), load {os.getloadavg()[0]:.2f}: seconds per tenant   today   shared   today/shared")
    for k, label in (("distill", "teacher (distill)"), ("train", "training (same code)"), ("gate", "gate")):
        print(f"      {label:<22}{today[k]:>8.1f}{new[k]:>9.1f}{today[k] / new[k]:>10.2f}x")
    tot_today, tot_new = sum(today.values()), sum(new.values())
    print(f"      {'total':<22}{tot_today:>8.1f}{tot_new:>9.1f}{tot_today / tot_new:>10.2f}x")
    tps_today = sum(r["teacher_tokens"] for r in rows) / max(sum(r["teacher_s"] for r in rows), 1e-9)
    tps_new = on["teacher"].tokens / max(on["teacher"].seconds, 1e-9)
    metas = list(on["metas"].values())
    gate_same = sum(SS.same_gate(off["tenants"][t]["eval"], on["gates"][t][1]) for t in names)
    q_today, q_new = SS.quality([r["meta"] for r in rows]), SS.quality(metas)
    same_sets = sum(on["metas"][t]["dataset_hash"] == off["tenants"][t]["meta"]["dataset_hash"] for t in names)
    print(f"      teacher tokens/s: today {tps_today:.1f}, shared {tps_new:.1f} ({tps_new / tps_today:.2f}x)")
    print(f"      cache hits: distill base answers {SS.hit_rate([(m['base_cache']['hits'], m['base_cache']['misses']) for m in metas])}, "
          f"gate base column {SS.hit_rate([(g[1]['base_cache']['answers']['hits'], g[1]['base_cache']['answers']['misses']) for g in on['gates'].values()])}, "
          f"gate base perplexity {SS.hit_rate([(g[1]['base_cache']['perplexity']['hits'], g[1]['base_cache']['perplexity']['misses']) for g in on['gates'].values()])}")
    print(f"      identical gate results {gate_same}/{n}; identical datasets {same_sets}/{n}; teacher compliance "
          f"{q_today['compliance']:.1f} -> {q_new['compliance']:.1f} pts, guard rejections {q_today['guard_rejected']:.1f} -> "
          f"{q_new['guard_rejected']:.1f} pts")
    bench.record(f"share_{n}", {"today": today, "shared": new, "teacher_tps": [tps_today, tps_new], "gate_identical": gate_same,
                                "datasets_identical": same_sets, "quality": [q_today, q_new]})
    bench.ratio(f"{n} tenant(s): s/tenant today / shared", tot_today, tot_new)
    bench.ratio(f"{n} tenant(s): teacher tokens/s shared / today", tps_new, tps_today, goal=">= 1.2" if n > 1 else None)


def part_gate_group(base_model: str, sizes: list[int], examples: int, bench) -> None:
    """[4] the gate for k tenants alone (one after another) against one group (shared batches, a LoRA slot each)."""
    import share_stages as SS

    with tempfile.TemporaryDirectory() as d:
        s, base, profiles, names = _tenants(Path(d), base_model, max(sizes))
        dirs = SS.group_inputs(base, s, profiles, names, Path(d), examples)
        print(f"\n[4] gate: k tenants alone vs one group, {examples} examples/tenant, load (1/5/15 min) "
              f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
        for k in sizes:
            r = SS.gate_alone_vs_group(base, s, dirs[:k])
            print(f"    k={k}: alone {r['alone']:.1f}s ({r['alone'] / k:.1f}s/tenant), group {r['group']:.1f}s "
                  f"({r['group'] / k:.1f}s/tenant), alone/group {r['alone'] / r['group']:.2f}x; identical reports "
                  f"{r['identical']}/{k}; load {os.getloadavg()[0]:.2f}", flush=True)
            bench.record(f"gate_group_{k}", r)
            bench.ratio(f"gate {k} tenant(s): alone s / group s", r["alone"], r["group"])


def part_teacher(base_model: str, sizes: list[int], examples: int, reps: int, bench) -> None:
    """[6] teacher tokens/s alone: today's path (per tenant, a prefill per round) against groups of k tenants and
    prompts prefilled once for all rounds, interleaved in one process."""
    import statistics

    import share_stages as SS

    with tempfile.TemporaryDirectory() as d:
        s, base, profiles, names = _tenants(Path(d), base_model, max(sizes))
        for n in sizes:
            print(f"\n[6] teacher alone, {n} tenant(s), {examples} examples/tenant, {reps} interleaved reps, load "
                  f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
            r = SS.teacher_arms(base, s, profiles, names[:n], examples, reps)
            today = r["tps"]["today"]
            for name, v in r["tps"].items():
                ratio = statistics.median(x / y for x, y in zip(v, today))
                same = ", ".join(f"{c}/{r['answers']}" for c in r["same"][name])
                print(f"    {name:<28} {statistics.median(v):7.1f} tok/s  {ratio:5.2f}x today (median of per-rep ratios)  "
                      f"answers identical to today's per round: {same}", flush=True)
                bench.ratio(f"teacher {n} tenant(s), {name}: tokens/s / today's", statistics.median(v), statistics.median(today),
                            goal=">= 1.2" if n > 1 and name == "grouped, prompts reused" else None)
            bench.record(f"teacher_{n}", r)
            print(f"    load at end {os.getloadavg()[0]:.2f}", flush=True)


SHARING_OFF = {"share_base_work": False, "teacher_group_size": 1, "multi_tenant": 1, "gate_group": False, "reuse_prompts": False}


def sharing_on(n: int, teacher_k: int, train_k: int) -> dict:
    return {"share_base_work": True, "teacher_group_size": min(n, teacher_k), "multi_tenant": min(n, train_k), "gate_group": True,
            "reuse_prompts": True}


def _night(base_model: str, mem: Path, home: Path, examples: int, sharing: dict) -> dict:
    """One whole nightly job with `sharing`; the datasets' quality read as each tenant's data is written (the job
    deletes distilled data once a tenant is done, so `_write_tenant` is wrapped here, the way TimedTeacher wraps
    the teacher: an instrument of this benchmark only)."""
    import memlora.distill.synthesize as S
    from memlora.jobs.nightly import JobOptions, run_nightly

    s = settings_for(home, base_model, MEMLORA_TRAIN__PROGRESS="false")
    s = s.model_copy(update={
        "train": s.train.model_copy(update={"multi_tenant": sharing["multi_tenant"]}),
        "distill": s.distill.model_copy(update={"reuse_prompts": sharing["reuse_prompts"]}),
        "jobs": s.jobs.model_copy(update={k: sharing[k] for k in ("share_base_work", "teacher_group_size", "gate_group")})})
    metas, inner = [], S._write_tenant
    S._write_tenant = lambda *a, **k: metas.append(inner(*a, **k)) or metas[-1]
    try:
        t0 = time.perf_counter()
        r = run_nightly(s, JobOptions(memory=mem, examples=examples), console=console())
        wall = time.perf_counter() - t0
    finally:
        S._write_tenant = inner
    rows = [x for x in r.summary["rows"] if x["action"] in ("trained", "rejected by gate")]
    return {"wall": wall, "stages": r.summary["stage_seconds"], "exit": r.exit_code, "metas": metas,
            "selection": sorted((p.tenant, p.key.profile_hash) for p in r.plans),
            "passed": sum(bool(x.get("passed")) for x in rows), "trained": len(rows), "load": os.getloadavg()[0]}


def part_night(base_model: str, sizes: list[int], examples: int, teacher_k: int, train_k: int, bench) -> None:
    """[5] the whole night for N changed tenants, every sharing path off against all on, in one process."""
    import share_stages as SS

    print(f"\n[5] whole night, sharing off vs on (teacher groups of {teacher_k} with prompts reused, training groups of {train_k}, group gate), "
          f"{examples} examples/tenant, load {', '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    for n in sizes:
        with tempfile.TemporaryDirectory() as d:
            mem = synthetic_memory(Path(d) / "memory.jsonl", n)
            off = _night(base_model, mem, Path(d) / "off", examples, SHARING_OFF)
            on = _night(base_model, mem, Path(d) / "on", examples, sharing_on(n, teacher_k, train_k))
        q_off, q_on = SS.quality(off["metas"]), SS.quality(on["metas"])
        print(f"    {n} tenant(s): seconds per tenant    off      on   off/on   (load at end: off {off['load']:.2f}, on {on['load']:.2f})")
        for k in sorted(set(off["stages"]) | set(on["stages"])):
            a, b = off["stages"].get(k, 0.0) / n, on["stages"].get(k, 0.0) / n
            print(f"      {k:<22}{a:>8.1f}{b:>8.1f}{a / b if b else float('nan'):>8.2f}x")
        print(f"      {'whole night (wall)':<22}{off['wall'] / n:>8.1f}{on['wall'] / n:>8.1f}{off['wall'] / on['wall']:>8.2f}x")
        print(f"      selection identical: {off['selection'] == on['selection']}; gate passed {off['passed']}/{off['trained']} off, "
              f"{on['passed']}/{on['trained']} on; exit {off['exit']}/{on['exit']}; teacher compliance "
              f"{q_off['compliance']:.1f} -> {q_on['compliance']:.1f} pts, guard rejections {q_off['guard_rejected']:.1f} -> "
              f"{q_on['guard_rejected']:.1f} pts", flush=True)
        bench.record(f"night_{n}", {"off": {k: v for k, v in off.items() if k != "metas"}, "on": {k: v for k, v in on.items() if k != "metas"},
                                    "quality": [q_off, q_on]})
        bench.ratio(f"night of {n}: s/tenant off / on", off["wall"], on["wall"], goal=">= 3" if n >= 32 else None)
        print(projection(off["wall"] / n, on["wall"] / n), flush=True)


def projection(off_s: float, on_s: float, tenants: int = 10_000, hours: float = 8.0) -> str:
    """What a platform team sizes a fleet by: tenants per hour on one node like this one, and how many such
    Ray workers a night of `tenants` changed tenants needs to finish in `hours`, from measured seconds per tenant."""
    rows = [("tenants per hour per node", *(f"{3600 / s:.1f}" for s in (off_s, on_s))),
            (f"workers for {tenants:,} tenants in {hours:g} h", *(str(math.ceil(tenants * s / (hours * 3600))) for s in (off_s, on_s)))]
    return "\n".join(f"      {a:<36}{b:>10}{c:>10}" for a, b, c in [("projection (this node)", "off", "on"), *rows])


def part_nochange(base_model: str, n: int, sample: int) -> dict:
    from memlora.runtime.base import fingerprint, resolve_model_path
    from memlora.adapters.manifest import training_config_hash
    from memlora.distill.profile import build_profiles
    from memlora.distill.records import load_memory
    from memlora.jobs.nightly import JobOptions, budget, run_nightly
    from memlora.jobs.state import Index, JobKey
    from memlora.registry.mlflow_io import ensure_experiment, make_client
    from memlora.registry.store import AdapterRegistry

    with tempfile.TemporaryDirectory() as d:
        s = settings_for(Path(d) / "home", base_model)
        mem = synthetic_memory(Path(d) / "memory.jsonl", n)
        # last night's index, as a successful night leaves it (keys of what was trained)
        profiles = build_profiles(load_memory(mem).records, s)
        fp = fingerprint(resolve_model_path(s, pull=False), s.home / "cache" / "fingerprints.json")
        idx = Index(s.state_dir)
        ch, nb = training_config_hash(s), budget(s, None)
        for t, p in profiles.items():
            idx.set(t, JobKey(p.profile_hash, fp, ch, nb), 1, True)
        idx.save()
        profiles = sorted(profiles)  # names only: a nightly process does not hold last night's profiles
        del idx
        ensure_experiment(s, make_client(s))  # an existing store, as on any night after the first

        # baseline: the same no-change night consolidating every tenant, as every night did before the profile
        # cache; measured first, and it leaves the cache a successful night leaves
        (s.state_dir / "profiles.json").unlink(missing_ok=True)
        t0 = time.perf_counter()
        full = run_nightly(s, JobOptions(memory=mem), console=console())
        full_wall = time.perf_counter() - t0
        assert full.outcomes == [] and full.summary["counts"]["profiles_built"] == len(profiles), full.summary["counts"]

        runs = []
        for _ in range(2):  # the faster of two (other work shares the cores)
            t0 = time.perf_counter()
            r = run_nightly(s, JobOptions(memory=mem), console=console())
            runs.append((time.perf_counter() - t0, r))
            assert r.outcomes == [] and r.summary["counts"]["unchanged"] == len(profiles), r.summary["counts"]
            assert r.summary["counts"]["profiles_built"] == 0 and r.summary["profiles"]["source"] == "cache", r.summary["profiles"]
        walls = [w for w, _ in runs]
        wall, r = min(runs, key=lambda x: x[0])

        reg = AdapterRegistry(s)
        names = profiles[:sample]
        t1 = time.perf_counter()
        for t in names:
            reg.latest(t)
        per = (time.perf_counter() - t1) / len(names)
        print(f"\n[2] no-change night, {len(profiles)} synthetic tenants ({n * 6} records), {os.cpu_count()} CPU(s): "
              f"{wall:.2f}s (runs: {', '.join(f'{w:.2f}s' for w in walls)}; load + input digest {r.summary['consolidate_seconds']:.2f}s, "
              f"no consolidation: profile cache), exit {r.exit_code}")
        print(f"    baseline, consolidating every tenant as before the profile cache (same process, same data): "
              f"{full_wall:.2f}s (consolidation {full.summary['consolidate_seconds']:.2f}s) -> the cache is {full_wall / wall:.1f}x faster")
        print(f"    baseline, one MLflow query per tenant instead of the local index: {per * 1000:.1f} ms/tenant "
              f"(measured on {len(names)}) -> {per * len(profiles):.1f}s for {len(profiles)}, "
              f"plus a full consolidation: {(per * len(profiles) + full.summary['consolidate_seconds']):.1f}s; "
              f"index + profile cache are {(per * len(profiles) + full.summary['consolidate_seconds']) / wall:.1f}x faster")
    return {"cached": wall, "full": full_wall, "per_tenant_mlflow": per * len(profiles) + full.summary["consolidate_seconds"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tenants", type=int, default=4)
    ap.add_argument("--examples", type=int, default=8)
    ap.add_argument("--nochange-tenants", type=int, default=10_000)
    ap.add_argument("--sample", type=int, default=200, help="tenants timed for the per-tenant MLflow baseline")
    ap.add_argument("--base-model", default=str(REPO / ".memlora" / "models" / "SmolLM2-135M-Instruct"))
    ap.add_argument("--skip-train", action="store_true")
    ap.add_argument("--share", type=int, nargs="*", default=None,
                    help="night sizes for part 3 (shared base work, cross-tenant teacher), e.g. --share 1 4")
    ap.add_argument("--share-only", action="store_true", help="run only part 3 (and 4 when asked)")
    ap.add_argument("--gate-group", type=int, nargs="*", default=None,
                    help="group sizes for part 4 (the gate alone vs grouped), e.g. --gate-group 1 3")
    ap.add_argument("--night", type=int, nargs="*", default=None,
                    help="night sizes for part 5 (the whole night, every sharing path off vs on), e.g. --night 1 8")
    ap.add_argument("--teacher", type=int, nargs="*", default=None,
                    help="tenant counts for part 6 (the teacher alone: per tenant vs grouped, prompts reused), e.g. --teacher 1 4")
    ap.add_argument("--teacher-reps", type=int, default=3, help="part 6: interleaved repetitions")
    ap.add_argument("--teacher-group", type=int, default=8, help="part 5: jobs.teacher_group_size when sharing is on")
    ap.add_argument("--train-group", type=int, default=4, help="part 5: train.multi_tenant when sharing is on")
    ap.add_argument("--threads", type=int, default=0,
                    help="torch CPU threads (0 = torch's default); 1 on an oversubscribed box, where 2 threads spin at barriers")
    a = harness.add_arguments(ap).parse_args()
    if a.threads:
        import torch

        torch.set_num_threads(a.threads)
        os.environ["MEMLORA_TRAIN__NUM_THREADS"] = str(a.threads)
    bench = harness.start("nightly", a)
    if not Path(a.base_model).exists():
        print(f"base model not found: {a.base_model} (run `memlora model pull`)", file=sys.stderr)
        return 2
    if a.share:
        part_share(a.base_model, sorted(a.share), a.examples, bench)
    if a.gate_group:
        part_gate_group(a.base_model, sorted(a.gate_group), a.examples, bench)
    if a.night:
        part_night(a.base_model, sorted(a.night), a.examples, a.teacher_group, a.train_group, bench)
    if a.teacher:
        part_teacher(a.base_model, sorted(a.teacher), a.examples, a.teacher_reps, bench)
    if a.share_only or a.gate_group or a.night or a.teacher:
        bench.finish()
        return 0
    if not a.skip_train:
        part_train(a.base_model, a.tenants, a.examples)
    walls = part_nochange(a.base_model, a.nochange_tenants, a.sample)
    bench.record("nochange_seconds", walls)
    bench.ratio("no-change night: full consolidation s / profile cache s", walls["full"], walls["cached"])
    bench.ratio("no-change night: MLflow per tenant + consolidation s / ours s", walls["per_tenant_mlflow"], walls["cached"])
    bench.finish()
    return 0


if __name__ == "__main__":
    sys.exit(main())
