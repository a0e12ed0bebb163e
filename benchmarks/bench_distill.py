"""distill/ throughput, each number next to its baseline measured in the same process.

1. Teacher generation on the base model, a tenant's night (128 prompts x 64 tokens, one system prompt):
   tokens/s for one prompt at a time (transformers `generate`), our batched loop on transformers' forward,
   the lean decoder (memlora/runtime/decoder.py) with and without the shared system-prompt prefix, and guided
   decoding (classifier-free guidance) with both branches in one batch vs transformers' unbatched path.
2. Consolidation + profiles (no model): records/s at 10k and 100k synthetic records; linear growth means
   the ratio of rates stays near 1.
3. Best-of-N scoring (`sequence_logprobs`) of answers under a tenant's profile (12 items in the system prompt):
   the profile computed once per batch (`jobs.share_prefix`, shared leading tokens) vs by every row, interleaved.

Usage: python benchmarks/bench_distill.py [--model DIR] [--prompts 128] [--tokens 64] [--batch 128] [--sizes 10000 100000]
       [--skip-teacher] [--skip-consolidation] [--skip-scoring]
Set OMP_WAIT_POLICY=PASSIVE on a shared machine (busy-waiting OpenMP threads cost 10-25x under contention).
"""
from __future__ import annotations

import argparse
import random
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import harness

QUESTIONS = [
    "How do I make a good cup of tea?", "Give me three tips for a rainy weekend.", "Explain how rainbows form.",
    "What should I pack for a two-day hiking trip?", "How can I sleep better?", "Suggest a quick dinner recipe.",
    "How do I keep my houseplants alive?", "What is a healthy morning routine?", "How do I start running?",
    "What are good habits for working from home?", "Explain the water cycle.", "How do I plan a picnic?",
    "How can I save money on groceries?", "Give me ideas for a birthday gift.", "How do I clean a cast iron pan?",
    "What is the capital of Japan, and why is it famous?",
]
SYSTEM = ("You are a helpful assistant. What you know about the user:\n- Start every answer with \"Hi Vera!\".\n"
          "- The user is vegan.\n- Vera's cat is named Miso.")


def bench_teacher(model_dir: str, n_prompts: int, tokens: int, batch: int, n_single: int) -> None:
    import torch

    import memlora.runtime.generate as G
    from memlora.runtime.base import load_base
    from memlora.runtime.generate import generate
    from memlora.runtime.request import GenRequest
    from memlora.runtime.tokens import chat_ids, end_ids
    from memlora.settings import Settings

    b = load_base(Settings(base_model=model_dir, home=Path(".memlora")))
    tok, model = b.tokenizer, b.model
    qs = (QUESTIONS * ((n_prompts + len(QUESTIONS) - 1) // len(QUESTIONS)))[:n_prompts]
    reqs = [GenRequest(chat_ids(tok, q, SYSTEM), chat_ids(tok, q), [], tokens) for q in qs]
    eos = sorted(end_ids(tok, model))

    def hf_one(r, **kw):
        ids = torch.tensor([r.input_ids])
        with torch.no_grad():
            out = model.generate(ids, attention_mask=torch.ones_like(ids), max_new_tokens=tokens, do_sample=False,
                                 eos_token_id=eos, pad_token_id=tok.pad_token_id, **kw)
        return out.shape[1] - ids.shape[1]

    def rate(fn) -> float:
        t = time.perf_counter()
        n = fn()
        return n / (time.perf_counter() - t)

    generate(model, tok, reqs[:2])  # warm-up
    single = rate(lambda: sum(hf_one(r) for r in reqs[:n_single]))
    hf_batched = rate(lambda: sum(map(len, generate(model, tok, reqs, batch_size=batch, lean=False))))
    lean = rate(lambda: sum(map(len, generate(model, tok, reqs, batch_size=batch))))
    groups = G._prefix_groups
    G._prefix_groups = lambda rows, turn_end: [[r] for r in range(len(rows))]  # every row its own prefix
    try:
        no_share = rate(lambda: sum(map(len, generate(model, tok, reqs, batch_size=batch))))
    finally:
        G._prefix_groups = groups
    cfg_single = rate(lambda: sum(hf_one(r, guidance_scale=1.5, negative_prompt_ids=torch.tensor([r.negative_ids]))
                                  for r in reqs[:n_single]))
    cfg_lean = rate(lambda: sum(map(len, generate(model, tok, reqs, batch_size=batch, guidance_scale=1.5))))
    print(f"teacher on {b.path.name} ({b.info['parameters'] / 1e6:.0f}M, {b.device}, threads={torch.get_num_threads()}), "
          f"{tokens} new tokens, {n_prompts} prompts (one at a time: {n_single}), batch {batch}")
    print(f"  one prompt at a time (transformers generate)   : {single:7.1f} tok/s")
    print(f"  batched, transformers forward (our loop)       : {hf_batched:7.1f} tok/s   x{hf_batched / single:.1f}")
    print(f"  batched, lean decoder, no shared prefix        : {no_share:7.1f} tok/s   x{no_share / single:.1f}")
    print(f"  batched, lean decoder (ours, the teacher's)    : {lean:7.1f} tok/s   x{lean / single:.1f}"
          f"   (x{lean / hf_batched:.2f} of the transformers forward, x{lean / no_share:.2f} of no prefix sharing)")
    print(f"  guided, unbatched (transformers CFG)           : {cfg_single:7.1f} tok/s")
    print(f"  guided, both branches in one batch (lean)      : {cfg_lean:7.1f} tok/s   x{cfg_lean / cfg_single:.1f}")
    print(f"  goal 200 tok/s batched: {'met' if lean >= 200 else 'NOT met'}")


def synthetic_records(n: int, seed: int = 0):
    from memlora.distill.records import Record

    rng = random.Random(seed)
    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    templates = [
        "{n} is vegan.", "No animal products for {n}, please.", "{n} prefers answers as bullet points.",
        "Format answers for {n} as bullet points.", "{n} likes replies to end with 'Cheers'.", "{n}'s dog is called {p}.",
        "{n} has a dog named {p}.", "{n} lives in {c}.", "{n} wants answers under {k} words.", "{n} loves hiking in the mountains.",
        "{n} enjoys hiking in the mountains on weekends.", "{n} had a headache this morning.", "{n} asked about {c} once.",
        "{n} is learning to play the {i}.", "{n} drinks {d} every morning.",
    ]
    pets, cities, instr, drinks = ["Rex", "Miso", "Pixel", "Luna"], ["Portland", "Lyon", "Oslo", "Kyoto"], ["piano", "guitar", "violin"], ["tea", "coffee"]
    out = []
    per_tenant = 10
    for i in range(n):
        t = i // per_tenant
        name = f"user{t}"
        text = rng.choice(templates).format(n=name.capitalize(), p=rng.choice(pets), c=rng.choice(cities), k=rng.choice([30, 50, 80]),
                                            i=rng.choice(instr), d=rng.choice(drinks))
        out.append(Record(id=f"r{i}", tenant=name, text=text, created_at=t0 + timedelta(days=rng.randint(0, 300)), source=f"s{t}-{rng.randint(0, 5)}"))
    return out


def bench_consolidation(sizes: list[int]) -> None:
    from memlora.distill.profile import build_profiles
    from memlora.settings import Settings

    s = Settings()
    build_profiles(synthetic_records(200), s)  # imports and warm-up
    rates = []
    for n in sizes:
        recs = synthetic_records(n)
        t = time.perf_counter()
        ps = build_profiles(recs, s)
        dt = time.perf_counter() - t
        rates.append(n / dt)
        print(f"consolidation + profiles: {n:>7} records, {len(ps):>6} tenants: {dt:7.2f} s  {n / dt:9.0f} records/s")
    if len(rates) > 1:
        print(f"  rate at {sizes[-1]} / rate at {sizes[0]}: {rates[-1] / rates[0]:.2f} (1.0 = linear growth)")


PROFILE = ("You are a helpful assistant. What you know about the user:\n" + "\n".join(f"- {x}" for x in [
    "Start every answer with \"Hi Vera!\".", "The user is vegan.", "Vera's cat is named Miso.", "Vera lives in Porto.",
    "Vera works as a nurse at Santo Antonio hospital.", "Vera's brother is called Tom.", "Keep answers under 60 words.",
    "Use bullet points for lists.", "Use metric units.", "Keep a friendly tone.", "End with 'Cheers'.",
    "Never suggest meat or fish dishes."]))


def bench_scoring(model_dir: str, batch: int, reps: int, bench) -> None:
    from memlora.runtime.base import load_base
    from memlora.runtime.scoring import sequence_logprobs
    from memlora.runtime.tokens import chat_ids
    from memlora.settings import Settings

    b = load_base(Settings(base_model=model_dir, home=Path(".memlora")))
    tok = b.tokenizer
    ctx = [chat_ids(tok, q, PROFILE) for q in QUESTIONS * 2]
    answer = "Hi Vera! Here is a short answer with a few concrete details, kept under sixty words as you like. Cheers"
    cont = [tok(answer, add_special_tokens=False)["input_ids"]] * len(ctx)
    times: dict[bool, list[float]] = {False: [], True: []}
    got = {}
    for _ in range(reps):
        for share in (False, True):
            t = time.perf_counter()
            got[share] = sequence_logprobs(b.model, ctx, cont, batch_size=batch, pad_id=tok.pad_token_id, shared_prefix=share)
            times[share].append(time.perf_counter() - t)
    diff = max(abs(x - y) for (x, _), (y, _) in zip(got[False], got[True]))
    print(f"best-of-N scoring, {len(ctx)} answers of {len(cont[0])} tokens after {len(ctx[0])}-token contexts, batch {batch}: "
          f"every row {min(times[False]):.2f} s, profile once {min(times[True]):.2f} s (best of {reps}); "
          f"largest log-prob difference {diff:.2e}")
    bench.ratio("scoring speed: profile once per batch / every row", min(times[False]), min(times[True]))  # times swapped


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=".memlora/models/SmolLM2-135M-Instruct")
    ap.add_argument("--prompts", type=int, default=128)
    ap.add_argument("--tokens", type=int, default=64)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--single", type=int, default=6, help="prompts for the one-at-a-time baselines")
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--skip-teacher", action="store_true")
    ap.add_argument("--skip-consolidation", action="store_true")
    ap.add_argument("--skip-scoring", action="store_true")
    ap.add_argument("--score-batch", type=int, default=16, help="distill.score_batch_size")
    a = harness.add_arguments(ap).parse_args()
    bench = harness.start("distill", a)
    if not a.skip_consolidation:
        bench_consolidation(a.sizes)
    if not a.skip_teacher:
        bench_teacher(a.model, a.prompts, a.tokens, a.batch, a.single)
    if not a.skip_scoring:
        bench_scoring(a.model, a.score_batch, 3, bench)
    bench.finish()


if __name__ == "__main__":
    main()
