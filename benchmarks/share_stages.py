"""Per-stage cost of a night with the tenant-independent base work shared and the teacher batched across
tenants, against today's per-tenant path, in one process on one loaded base (bench_nightly.py part 3).

Today's path (sharing off): each tenant distills alone (its own teacher batches, its own base answers), trains,
and is gated computing its own base column and base perplexity. The new path (sharing on, a fresh cache per
night size): the night's tenants distill as one group (`synthesize_tenants`, the teacher's rows of all of them
in shared batches), and the gate reads the base's answers and perplexity from the cache.

Training is the same code on both paths (multi-tenant training is another part of the issue), so each tenant
is trained once, on today's data, and both gates judge that adapter on that data: the gate's verdicts and
metrics must then match exactly, which this part checks. The 1-tenant night is the first tenant of the set.
"""
from __future__ import annotations

import time
from pathlib import Path

GATE_NOISE = ("base_cache", "seconds", "adapter")  # keys that differ between two runs of the same gate by design


class TimedTeacher:
    """The teacher with its own calls timed: tokens/s of the decoding itself, not of the scoring around it."""

    def __init__(self, inner):
        self.inner, self.seconds, self.tokens = inner, 0.0, 0

    def answers(self, specs, n, sample=True, progress=None, offset=0):
        t0 = time.perf_counter()
        out = self.inner.answers(specs, n, sample=sample, progress=progress, offset=offset)
        self.seconds += time.perf_counter() - t0
        self.tokens += sum(self.inner.last_tokens)
        return out

    def __getattr__(self, name):
        return getattr(self.inner, name)


def _with(s, home: Path, share: bool):
    return s.model_copy(update={"home": home, "jobs": s.jobs.model_copy(update={"share_base_work": share})})


def _gate(base, adapter: Path, data: Path, s, others: list[Path]) -> tuple[float, dict]:
    from memlora.adapters.evaluate import evaluate_adapter

    t0 = time.perf_counter()
    rep = evaluate_adapter(base, adapter, data, s, others=others)
    return time.perf_counter() - t0, {"passed": rep.passed, "reasons": rep.reasons, **rep.metrics}


def today(base, s, profiles: dict, names: list[str], root: Path, examples: int) -> dict:
    """Every tenant alone with sharing off: teacher (distill), training, gate seconds, and what they made."""
    from memlora.adapters.train import train_adapter
    from memlora.distill.synthesize import synthesize_tenant
    from memlora.distill.teacher import make_teacher

    s_off = _with(s, root / "home", False)
    teacher = TimedTeacher(make_teacher(s_off, base))
    out: dict = {"tenants": {}}
    for t in names:
        data, adapter = root / "data" / t, root / "adapter" / t
        t0, sec0, tok0 = time.perf_counter(), teacher.seconds, teacher.tokens
        meta = synthesize_tenant(profiles[t], base, s_off, data, n_examples=examples, teacher=teacher, show_progress=False)
        distill_s = time.perf_counter() - t0
        profiles[t].write(data / "profile.json")
        t0 = time.perf_counter()
        train_adapter(base, data, adapter, s_off, tenant=t)
        train_s = time.perf_counter() - t0
        out["tenants"][t] = {"distill": distill_s, "train": train_s, "meta": meta, "data": data, "adapter": adapter,
                             "teacher_s": teacher.seconds - sec0, "teacher_tokens": teacher.tokens - tok0}
        print(f"      today: {t} distilled in {distill_s:.0f}s, trained in {train_s:.0f}s", flush=True)
    for t in names:
        row = out["tenants"][t]
        others = [out["tenants"][o]["data"] for o in names if o != t]
        row["gate"], row["eval"] = _gate(base, row["adapter"], row["data"], s_off, others)
        print(f"      today: {t} gated in {row['gate']:.0f}s", flush=True)
    return out


def shared(base, s, profiles: dict, names: list[str], root: Path, examples: int, done: dict) -> dict:
    """The first `len(names)` tenants as one night with sharing on and a cold cache: one teacher group, and the
    gate on today's adapters and data (`done`)."""
    from memlora.distill.synthesize import synthesize_tenants
    from memlora.distill.teacher import make_teacher

    s_on = _with(s, root / "home", True)
    teacher = TimedTeacher(make_teacher(s_on, base))
    t0 = time.perf_counter()
    metas = synthesize_tenants([profiles[t] for t in names], base, s_on, [root / "data" / t for t in names],
                               n_examples=examples, teacher=teacher, show_progress=False)
    distill_s = time.perf_counter() - t0
    print(f"      shared: {len(names)} tenant(s) distilled in {distill_s:.0f}s", flush=True)
    out: dict = {"distill": distill_s, "teacher": teacher, "metas": dict(zip(names, metas)), "gates": {}}
    all_names = list(done["tenants"])
    for t in names:
        row = done["tenants"][t]
        others = [done["tenants"][o]["data"] for o in all_names if o != t]
        out["gates"][t] = _gate(base, row["adapter"], row["data"], s_on, others)
    return out


def same_gate(a: dict, b: dict) -> bool:
    strip = lambda m: {k: v for k, v in m.items() if k not in GATE_NOISE}  # noqa: E731
    items = lambda m: {k: v for k, v in (m.get("items") or {}).items() if k != "seconds"}  # noqa: E731
    return strip(a) | {"items": items(a)} == strip(b) | {"items": items(b)}


def quality(metas: list[dict]) -> dict:
    """Teacher compliance (mean over kinds and tenants) and guard rejections per candidate, in points."""
    comp = [v["compliance"] for m in metas for v in m["rates"]["teacher"].values()]
    cands = sum(m["rates"]["candidates"] for m in metas) or 1
    rej = sum(sum(m["rates"]["guard_rejections"].values()) for m in metas)
    return {"compliance": 100 * sum(comp) / max(len(comp), 1), "guard_rejected": 100 * rej / cands}


def hit_rate(pairs: list[tuple[int, int]]) -> str:
    h, m = sum(p[0] for p in pairs), sum(p[1] for p in pairs)
    return f"{h}/{h + m} = {h / (h + m):.0%}" if h + m else "-"


def group_inputs(base, s, profiles: dict, names: list[str], root: Path, examples: int) -> list[tuple[Path, Path]]:
    """Distilled data (one teacher group) and trained adapters (one multi-tenant group) for the gate timings: the
    gate judges real adapters on real data, so answers stop where a trained adapter stops."""
    from memlora.adapters.multitrain import TrainJob, train_adapters
    from memlora.distill.synthesize import synthesize_tenants

    dirs = [(root / "data" / t, root / "adapter" / t) for t in names]
    synthesize_tenants([profiles[t] for t in names], base, s, [d for d, _ in dirs], n_examples=examples, show_progress=False)
    for t, (d, _) in zip(names, dirs):
        profiles[t].write(d / "profile.json")
    results = train_adapters(base, [TrainJob(d, a, t) for t, (d, a) in zip(names, dirs)], s)
    bad = [str(r) for r in results if isinstance(r, Exception)]
    if bad:
        raise RuntimeError(f"training for the gate benchmark failed: {bad}")
    return dirs


def gate_alone_vs_group(base, s, dirs: list[tuple[Path, Path]]) -> dict:
    """Seconds to gate the tenants one by one (`evaluate_adapter`) and as one group (`evaluate_group`), with a warm
    base-answer cache for both (a grouped pass first fills it, untimed as a warm-up), and whether each report is
    the same."""
    from memlora.adapters.evaluate import evaluate_adapter
    from memlora.adapters.group_gate import GateJob, evaluate_group

    others = lambda d: [x for x, _ in dirs if x != d]  # noqa: E731
    jobs = [GateJob(a, d, others(d)) for d, a in dirs]
    t0 = time.perf_counter()
    evaluate_group(base, jobs, s)
    warm = time.perf_counter() - t0
    t0 = time.perf_counter()
    alone = [evaluate_adapter(base, a, d, s, others=others(d)) for d, a in dirs]
    alone_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    grouped = evaluate_group(base, jobs, s)
    group_s = time.perf_counter() - t0
    same = sum(not isinstance(g, Exception) and _close(_gate_view(a), _gate_view(g)) for a, g in zip(alone, grouped))
    return {"alone": alone_s, "group": group_s, "warmup_group": warm, "identical": same}


def _gate_view(rep) -> dict:
    d = {"passed": rep.passed, "reasons": rep.reasons, "samples": rep.samples,
         **{k: v for k, v in rep.metrics.items() if k not in GATE_NOISE}}
    d["items"] = {k: v for k, v in (d.get("items") or {}).items() if k != "seconds"}
    return d


def _close(a, b) -> bool:
    """Equal, floats to 1e-4 relative (KL and perplexity sum the same numbers in another order)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-4 * max(abs(a), abs(b), 1e-3)
    return a == b


TEACHER_ARMS = (("today", False, False), ("per tenant, prompts reused", False, True),
                ("grouped", True, False), ("grouped, prompts reused", True, True))


def teacher_arms(base, s, profiles: dict, names: list[str], examples: int, reps: int) -> dict:
    """The teacher alone on the tenants' first-round specs (`best_of` answers each): per tenant or as one group
    (`answers_across`), prompts prefilled per round or once (`distill.reuse_prompts`), arms interleaved in
    alternating order so load from other work falls on all of them. Tokens/s per arm and rep, and per arm how
    many answers (greedy, sampled) are token for token today's."""
    from memlora.distill.synthesize import candidate_specs, plan_tenant
    from memlora.distill.teacher import answers_across, make_teacher

    teacher = make_teacher(s, base)
    groups = []
    for t in names:
        job = plan_tenant(profiles[t], base, s, examples, teacher)
        groups.append(candidate_specs(job, list(range(len(job.gen_rows))))[0])
    n = max(1, s.distill.best_of)
    tps: dict[str, list[float]] = {a[0]: [] for a in TEACHER_ARMS}
    outs: dict[str, list] = {}
    for r in range(reps):
        for name, grouped, reuse in TEACHER_ARMS if r % 2 == 0 else TEACHER_ARMS[::-1]:
            teacher.reuse_prompts = reuse
            t0, tok0 = time.perf_counter(), teacher.tokens_generated
            outs[name] = (answers_across(teacher, groups, n)[0] if grouped else [teacher.answers(g, n) for g in groups])
            tps[name].append((teacher.tokens_generated - tok0) / (time.perf_counter() - t0))
    same = {name: [sum(a[k] == b[k] for ga, gb in zip(outs["today"], o) for a, b in zip(ga, gb)) for k in range(n)]
            for name, o in outs.items()}
    return {"tps": tps, "same": same, "answers": sum(map(len, groups)), "rounds": n}
