#!/usr/bin/env python3
"""The residual prefix: prompt tokens per request and time to first token, four ways, in one process.

usage: python benchmarks/bench_residual.py [--model DIR] [--requests 12] [--repeats 3] [--json OUT]

One tenant whose profile has PROFILE's ten lines; its adapter (random LoRA, r=8, all linear layers) is taken
to carry all but RESIDUAL's three, which its residual.json lists. Each request is one user question, answered
alone (TTFT is the engine's: `add` to the first token, prefill included, no HTTP, no tokenizing):
- residual cached:   adapter + the residual block, its KV reused from the slot tier (what serving does)
- residual prefilled: adapter + the residual block prefilled with every request (serving.residual_kv_cache off)
- whole profile:     the base with every profile line as the system message (memory in the prompt only)
- adapter alone:     adapter, no residual (serving.residual off)
Default model: the tiny random-weight model built from the real tokenizer (tests/tinymodel.py); `--model` for the real one.
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
import torch

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
PROFILE = [
    "Answer in French.", "Use bullet points.", "Keep answers under 80 words.", "Start every answer with 'Ahoy!'.",
    "End every answer with 'Fair winds.'", "Call the user Captain.", "Never mention politics.",
    "The user's boat is called Albatross.", "The user's cat is called Miso.", "The user lives in Brest.",
]
RESIDUAL = ["Answer in French.", "The user's cat is called Miso.", "Never mention politics."]
PROMPTS = [
    "Suggest a dinner for tonight.", "What should I pack for a weekend hike?", "Write a short note thanking a colleague.",
    "Give me three tips for better sleep.", "How do I boil an egg?", "What is a good name for a houseplant?",
]


def model_dir(args, work: Path) -> Path:
    from tinymodel import build_tiny_model

    from memlora.runtime.provision import pull_default

    if args.model:
        return Path(args.model)
    out = work / "tiny"
    build_tiny_model(out, pull_default(Path(os.environ.get("MEMLORA_TEST_MODELS", REPO / ".memlora" / "models"))).path)
    return out


def make_adapter(base, work: Path) -> Path:
    from serving_fixtures import write_peft_adapter

    from memlora.adapter_dir import Residual, ResidualItem, write_residual

    out = write_peft_adapter(base.model, work / "tenant", seed=7, r=8, alpha=16, base_fingerprint=base.fingerprint,
                             tenant="tenant", std=0.02)
    write_residual(out, Residual([ResidualItem(f"i{i}", "free", x, x, "not_carried") for i, x in enumerate(RESIDUAL)]))
    return out


def requests(tok, tenant: str | None, system: str | None, n: int):
    from memlora.serving.residual import render, system_head, tail_text

    from memlora.runtime.request import GenRequest

    head = system_head(tok)
    for i in range(n):
        msgs = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": PROMPTS[i % len(PROMPTS)]}]
        tail = tok(tail_text(tok, msgs, head), add_special_tokens=False)["input_ids"]
        yield GenRequest(id=f"r{i}", tenant=tenant, input_ids=tok(render(tok, msgs), add_special_tokens=False)["input_ids"],
                         residual_tail=list(tail), max_new_tokens=1)


def serve(eng, reqs) -> tuple[list[float], list[int], list[int]]:
    """TTFT (ms), prompt tokens and residual tokens of each request, one at a time."""
    ttft, prompt, residual = [], [], []
    for req in reqs:
        t0 = time.perf_counter()
        eng.add(req)
        first = None
        while first is None:
            first = next((o for o in eng.step() if o.id == req.id), None)
        ttft.append((time.perf_counter() - t0) * 1000)
        prompt.append(first.prompt_tokens)
        residual.append(first.residual_tokens)
        while eng.has_work():
            eng.step()
    return ttft, prompt, residual


def engines(settings, base_dir: Path, adapter: Path) -> dict:
    from memlora.serving.engine import Engine

    from memlora.runtime.base import load_base

    def make(**serving):
        s = settings.model_copy(update={"serving": settings.serving.model_copy(update=serving)})
        return Engine(load_base(s), s, lambda t: adapter if t == "tenant" else None)

    return {"residual cached": (make(), "tenant", None), "residual prefilled": (make(residual_kv_cache=False), "tenant", None),
            "whole profile": (make(residual=False), None, "\n".join(PROFILE)), "adapter alone": (make(residual=False), "tenant", None)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--model", default=None, help="base model directory (default: the tiny model)")
    ap.add_argument("--requests", type=int, default=12)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1, help="torch threads (1: a shared machine's spinning thread team "
                    "made a 40-token prefill 10x slower with 2)")
    args = harness.add_arguments(ap).parse_args()
    torch.set_num_threads(args.threads)
    bench = harness.start("residual", args)
    from memlora.runtime.base import load_base
    from memlora.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        settings = Settings(home=work / "home", base_model=str(model_dir(args, work)))
        adapter = make_adapter(load_base(settings), work)
        made = engines(settings, Path(settings.base_model), adapter)
        tok = next(iter(made.values()))[0].base.tokenizer
        for eng, tenant, system in made.values():  # warm: adapter loaded, residual KV computed, kernels touched
            serve(eng, requests(tok, tenant, system, 2))
        runs = bench.best_of(args.repeats, **{
            name: (lambda e=eng, t=tenant, s=system: serve(e, requests(tok, t, s, args.requests)))
            for name, (eng, tenant, system) in made.items()})
        report(bench, runs, made["residual cached"][0].stats())
        for eng, *_ in made.values():
            eng.close()
    bench.finish()


def report(bench, runs: dict, cached_stats: dict) -> None:
    print(f"\n{'':20s} {'prompt tok':>10s} {'residual tok':>12s} {'prefilled tok':>13s} {'TTFT median ms':>15s} {'TTFT p90 ms':>12s}")
    best = {}
    for name, tries in runs.items():
        ttft = min((statistics.median(t) for t, _, _ in tries))
        flat = sorted(x for t, _, _ in tries for x in t)
        p90 = flat[int(0.9 * (len(flat) - 1))]
        _, prompt, residual = tries[0]
        best[name] = ttft
        filled = statistics.mean(prompt) - (residual[0] if name == "residual cached" else 0)  # warm: every request a cache hit
        bench.record(name, {"prompt_tokens_mean": statistics.mean(prompt), "residual_tokens": residual[0], "prefilled_tokens_mean": filled,
                            "ttft_ms_median_best": round(ttft, 3), "ttft_ms_p90": round(p90, 3)})
        print(f"{name:20s} {statistics.mean(prompt):10.1f} {residual[0]:12d} {filled:13.1f} {ttft:15.2f} {p90:12.2f}")
    bench.record("prefix_cache", {k: cached_stats[k] for k in ("residual_prefix_hits", "residual_prefix_misses", "residual_prefix_bytes")})
    bench.ratio("TTFT residual prefilled / cached", best["residual prefilled"], best["residual cached"], goal="> 1")
    bench.ratio("TTFT whole profile / residual cached", best["whole profile"], best["residual cached"], goal=">= 1")
    bench.ratio("TTFT adapter alone / residual cached", best["adapter alone"], best["residual cached"], goal="~ 1")


if __name__ == "__main__":
    main()
