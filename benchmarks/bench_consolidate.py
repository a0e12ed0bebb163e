"""Consolidation with embedding grouping, cold (every record embedded) and warm (embeddings cached per tenant),
against the tf-idf backend in the same run, on the same synthetic records.

Records: 10 per tenant, in the styles memory layers write (subject-less, first person, named third person,
"User ..."), with random values and details. Identical canonical texts are embedded once per run (the
batch is keyed by text hash), so the cold figure also prints how many distinct texts were embedded.

Usage: python benchmarks/bench_consolidate.py [--records 100000] [--skip-cold]
Set OMP_WAIT_POLICY=PASSIVE on a shared machine.
"""
from __future__ import annotations

import argparse
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


def synthetic_records(n: int, seed: int = 0):
    from memlora.distill.records import Record

    rng = random.Random(seed)
    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    out = []
    for i in range(n):
        t = i // 10
        text = rng.choice(TEMPLATES).format(
            N=rng.choice(NAMES), p=rng.choice(PETS), c=rng.choice(CITIES), k=rng.choice([30, 50, 80, 120]),
            t=rng.choice(TOPICS) + " " + rng.choice(TOPICS), d=rng.choice(DAYS), i=rng.choice(["piano", "cello", "oud"]),
            x=rng.choice(["tea", "coffee", "honey", "mate"]))
        out.append(Record(id=f"r{i}", tenant=f"tenant{t:06d}", text=text,
                          created_at=t0 + timedelta(days=rng.randint(0, 300)), source=f"s{t}-{rng.randint(0, 5)}"))
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=100_000)
    args = harness.add_arguments(ap).parse_args()
    bench = harness.start("consolidate", args)
    from memlora.distill import embed

    recs = synthetic_records(args.records)
    distinct = len({r.text for r in recs})
    _run(synthetic_records(50, seed=1), "tfidf", None)  # imports and warm-up
    embed.encode(["warm-up"])
    print(f"{args.records} records, {args.records // 10} tenants, {distinct} distinct texts")
    dt, n, _ = _run(recs, "tfidf", None)
    tfidf_s = dt
    print(f"  tfidf (baseline)        {dt:8.1f} s  {args.records / dt:9.0f} records/s  {n} items selected")
    with tempfile.TemporaryDirectory() as d:
        dt, n, e = _run(recs, "embedding", Path(d))
        cold_s = dt
        print(f"  embedding, cold cache   {dt:8.1f} s  {args.records / dt:9.0f} records/s  {n} items selected, "
              f"{e} distinct canonical texts embedded ({e / dt:.0f}/s)")
        size = sum(p.stat().st_size for p in Path(d).rglob("*.npz"))
        dt, n, e = _run(recs, "embedding", Path(d))
        print(f"  embedding, warm cache   {dt:8.1f} s  {args.records / dt:9.0f} records/s  {n} items selected, {e} embedded")
        print(f"  cache on disk: {size / 1e6:.1f} MB ({size / args.records:.0f} bytes/record)")
    bench.record("seconds", {"tfidf": tfidf_s, "embedding_cold": cold_s, "embedding_warm": dt})
    bench.ratio("seconds: tfidf / embedding, cold cache (speed of embedding)", tfidf_s, cold_s)
    bench.ratio("seconds: tfidf / embedding, warm cache (speed of embedding)", tfidf_s, dt)
    bench.finish()


if __name__ == "__main__":
    main()
