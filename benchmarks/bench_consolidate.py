"""Consolidation with embedding grouping, cold (every record embedded) and warm (embeddings cached per tenant),
and the no-change night at 10k tenants, each against the tf-idf backend in the same run, on the same records.

Records: 10 per tenant, in the styles memory layers write (subject-less, first person, named third person,
"User ..."), with random values and details. Identical canonical texts are embedded once per run (the
batch is keyed by text hash), so the cold figure also prints how many distinct texts were embedded.

No-change night: what the nightly job does for consolidation when nothing changed: load the export, digest
what `build_profiles` reads (distill/digest.py; with embedding grouping the model's hash joins it) and find
last night's profiles in the profile cache (jobs/state.py), so consolidation is skipped. Timed for both
backends on `--nochange-tenants` tenants (6 records each, `nochange_records`), after one full night that
fills the cache.

Usage: python benchmarks/bench_consolidate.py [--records 100000 (0: skip part 1)] [--nochange-tenants 10000] [--json PATH]
Set OMP_WAIT_POLICY=PASSIVE on a shared machine.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import harness

TEMPLATES = [
    "{N} is vegan.", "No animal products for {N}, please, not even {x}.", "Prefers answers as bullet points about {t}.",
    "I like replies that end with 'Cheers'.", "{N}'s dog is called {p}.", "Has a dog named {p}.", "I live in {c}.",
    "User wants answers under {k} words.", "Loves hiking near {c} on {d}s.", "Had a headache on {d} after {t}.",
    "The user asked about {t} once.", "Is learning to play the {i}.", "Drinks {x} every {d} morning.",
    "Prefers metric units for {t}.", "Wants measurements in metric units when talking about {t}.",
    "My brother {p} visits on {d}s.", "Works at {c} Bank.", "Was born in {c}.", "Likes answers in French about {t}.",
]
NAMES = ["Priya", "Tom", "Ana", "Bjorn", "Mei", "Omar", "Lena", "Kofi", "Sara", "Ivan"]
PETS = ["Rex", "Miso", "Pixel", "Luna", "Biscuit", "Mango", "Kuro", "Pepper"]
CITIES = ["Portland", "Lyon", "Oslo", "Kyoto", "Lagos", "Leeds", "Porto", "Munich"]
TOPICS = ["taxes", "gardening", "python", "recipes", "football", "travel", "sleep", "running", "jazz", "chess",
          "mortgages", "houseplants", "photography", "climbing", "baking", "history", "astronomy", "cycling"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def synthetic_records(n: int, seed: int = 0, per_tenant: int = 10):
    from memlora.distill.records import Record

    rng = random.Random(seed)
    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    out = []
    for i in range(n):
        t = i // per_tenant
        text = rng.choice(TEMPLATES).format(
            N=rng.choice(NAMES), p=rng.choice(PETS), c=rng.choice(CITIES), k=rng.choice([30, 50, 80, 120]),
            t=rng.choice(TOPICS) + " " + rng.choice(TOPICS), d=rng.choice(DAYS), i=rng.choice(["piano", "cello", "oud"]),
            x=rng.choice(["tea", "coffee", "honey", "mate"]))
        out.append(Record(id=f"r{i}", tenant=f"tenant{t:06d}", text=text,
                          created_at=t0 + timedelta(days=rng.randint(0, 300)), source=f"s{t}-{rng.randint(0, 5)}"))
    return out


def nochange_records(tenants: int, seed: int = 2) -> list[dict]:
    """6 records per tenant, named third person, few distinct values: the no-change night's cost is loading and
    digesting, not embedding, so the full night that fills the cache before it may embed few distinct texts."""
    rng = random.Random(seed)
    out = []
    for i in range(tenants):
        t = f"{NAMES[i % len(NAMES)].lower()}-{i}"
        pet, city, style = rng.choice(PETS), rng.choice(CITIES), rng.choice(["bullet points", "short answers", "metric units"])
        texts = [f"{t}'s cat is named {pet}.", f"{t} lives in {city}.", f"{t} prefers {style}."]
        for k, text in enumerate(texts * 2):
            out.append({"id": f"{t}-{k}", "tenant": t, "text": text, "source": f"s{k}",
                        "created_at": f"2026-0{1 + k}-1{k}T10:00:00Z"})
    return out


def _run(recs, grouping: str, cache_dir: Path | None) -> tuple[float, int]:
    from memlora.distill import embed
    from memlora.distill.profile import build_profiles
    from memlora.settings import Settings

    embed._MEMO.clear()  # the process memo would make a second run look warm without the disk cache
    s = Settings(distill={"grouping": grouping})
    real, embedded = embed.encode, []
    embed.encode = lambda texts, batch=256: embedded.append(len(texts)) or real(texts, batch)
    try:
        t = time.perf_counter()
        ps = build_profiles(recs, s, cache_dir=cache_dir)
        dt = time.perf_counter() - t
    finally:
        embed.encode = real
    return dt, sum(len(p.items) for p in ps.values()), sum(embedded)


def _nochange(tenants: int, grouping: str, root: Path) -> dict:
    """One full night fills the profile cache, then the fastest of two no-change nights (load + digest + lookup)."""
    from memlora.distill import digest, embed
    from memlora.distill.profile import build_profiles
    from memlora.distill.records import load_memory
    from memlora.jobs.state import ProfileCache
    from memlora.settings import Settings

    s = Settings(distill={"grouping": grouping})
    mem = root / "memory.jsonl"
    if not mem.exists():
        with mem.open("w", encoding="utf-8") as f:
            for r in nochange_records(tenants):
                f.write(json.dumps(r) + "\n")
    state = root / f"state-{grouping}"
    records = load_memory(mem).records
    t = time.perf_counter()
    profiles = build_profiles(records, s, cache_dir=state)
    full = time.perf_counter() - t
    ProfileCache(state).save(digest.profile_inputs(records, s),
                             {k: {"profile_hash": p.profile_hash, "items": len(p.items), "probe": False} for k, p in profiles.items()})
    walls, cpus = [], []
    for _ in range(2):
        digest._embedding_model.cache_clear()  # a night is a fresh process: the model hash is read again
        embed.model_hash.cache_clear()
        t, c = time.perf_counter(), time.process_time()
        recs = load_memory(mem).records
        hit = ProfileCache(state).lookup(digest.profile_inputs(recs, s).digest)
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)  # on a shared machine the CPU seconds say more than the wall
        assert hit is not None and len(hit) == len(profiles), "no-change night missed the profile cache"
    return {"full_night_s": round(full, 2), "nochange_s": round(min(walls), 3), "nochange_cpu_s": round(min(cpus), 3),
            "records": len(records)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--nochange-tenants", type=int, default=10_000)
    args = harness.add_arguments(ap).parse_args()
    bench = harness.start("consolidate", args)
    from memlora.distill import embed

    _run(synthetic_records(50, seed=1), "tfidf", None)  # imports and warm-up
    embed.encode(["warm-up"])
    out: dict = {"records": args.records, "tenants": args.records // 10}
    if args.records:
        _consolidation(args.records, out)
        bench.ratio("seconds: tfidf / embedding, cold cache (speed of embedding)", out["tfidf_s"], out["cold_s"])
        bench.ratio("seconds: tfidf / embedding, warm cache (speed of embedding)", out["tfidf_s"], out["warm_s"])
    _nochange_part(args.nochange_tenants, out)
    bench.ratio("no-change night CPU seconds: tfidf / embedding", out["nochange_tfidf"]["nochange_cpu_s"],
                out["nochange_embedding"]["nochange_cpu_s"])
    bench.record("consolidate", out)
    bench.finish()


def _consolidation(n_records: int, out: dict) -> None:
    recs = synthetic_records(n_records)
    distinct = out["distinct_texts"] = len({r.text for r in recs})
    print(f"[1] consolidation, {n_records} records, {n_records // 10} tenants, {distinct} distinct texts, {os.cpu_count()} CPU(s)")
    base, n, _ = _run(recs, "tfidf", None)
    out["tfidf_s"] = round(base, 2)
    print(f"  tfidf (baseline)        {base:8.1f} s  {n_records / base:9.0f} records/s  {n} items selected")
    with tempfile.TemporaryDirectory() as d:
        dt, n, e = _run(recs, "embedding", Path(d))
        out.update(cold_s=round(dt, 2), embedded_cold=e)
        print(f"  embedding, cold cache   {dt:8.1f} s  {n_records / dt:9.0f} records/s  {n} items selected, "
              f"{e} distinct canonical texts embedded ({e / dt:.0f}/s); {dt / base:.1f}x the tfidf time")
        size = sum(p.stat().st_size for p in Path(d).rglob("*.npz"))
        dt, n, e = _run(recs, "embedding", Path(d))
        out.update(warm_s=round(dt, 2), embedded_warm=e, cache_bytes_per_record=round(size / n_records))
        print(f"  embedding, warm cache   {dt:8.1f} s  {n_records / dt:9.0f} records/s  {n} items selected, {e} embedded; "
              f"{dt / base:.1f}x the tfidf time, {out['cold_s'] / dt:.1f}x faster than cold")
        print(f"  cache on disk: {size / 1e6:.1f} MB ({size / n_records:.0f} bytes/record)")


def _nochange_part(tenants: int, out: dict) -> None:
    print(f"[2] no-change night, {tenants} tenants")
    with tempfile.TemporaryDirectory() as d:
        for g in ("tfidf", "embedding"):
            out[f"nochange_{g}"] = r = _nochange(tenants, g, Path(d))
            print(f"  {g:<10} {r['nochange_s']:6.2f} s wall, {r['nochange_cpu_s']:.2f} s CPU (load + digest + profile-cache hit, {r['records']} records; "
                  f"the full night before it: {r['full_night_s']:.1f} s)")
        ratio = out["nochange_embedding"]["nochange_s"] / out["nochange_tfidf"]["nochange_s"]
        cpu = out["nochange_embedding"]["nochange_cpu_s"] / out["nochange_tfidf"]["nochange_cpu_s"]
        print(f"  embedding / tfidf no-change night: {ratio:.2f}x wall, {cpu:.2f}x CPU")


if __name__ == "__main__":
    main()
