"""Training throughput of memlora's LoRA loop vs a plain PEFT loop, as a share of this machine's fp32 matmul peak.

usage: python benchmarks/bench_train.py [--examples 200] [--steps 12] [--batch-size 8] [--full] [--bf16-reps N] [--prefix-reps N]

Both loops train the same LoRA (r=8, alpha=16, all linear layers) on the same
examples with the real default base, in this process, one after the other:
- peak: best of five fp32 2048x2048x2048 matmuls (GFLOP/s);
- plain PEFT: batches of `--batch-size` in data order, right-padded, `model(..., labels=...)`, torch AdamW;
- memlora: `train_adapter` (length-grouped batches, logits only at trained positions, fused AdamW over LoRA params).
Tokens counted = non-padding tokens; FLOPs = 4 x parameters x tokens (forward + input gradients; no base weight
gradients). memlora skips the vocabulary projection at prompt positions, so its *actual* FLOPs are lower than
this nominal count: the ratio measures useful work per second, the figure a platform team compares.
`--full` also trains one tenant of `--examples` examples for the configured epochs and reports the wall time.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

import harness
import torch

QUESTIONS = ["Tell me about {}.", "Can you describe {} in a few sentences?", "What do you know about {}?",
             "Write a short note on {}.", "Explain {} to me simply."]
TOPICS = ["the sea at night", "an old village mill", "winter roads", "a merchant's accounts", "the river's course",
          "patience in farming", "a mountain pass", "a rainy afternoon", "harbour lights", "old songs"]


def build_tenant(root: Path, n: int, seed: int = 0, n_val: int | None = None) -> Path:
    """A tenant dir in distill's layout whose answers are prose of realistic length (20-90 tokens)."""
    from datasets import Dataset, DatasetDict

    text = resources.files("memlora.adapters").joinpath("data/general.txt").read_text()
    sents = [s.strip() for s in re.split(r"(?<=[.;])\s+", text) if len(s.split()) > 4]
    rng = random.Random(seed)
    system = "You are a helpful assistant. What you know about the user:\n- Bench prefers short answers.\n- Bench sails a boat called Sea Biscuit."
    rows = []
    for i in range(n):
        resp = " ".join(rng.sample(sents, rng.choice([1, 1, 2, 3])))
        rows.append({"prompt": rng.choice(QUESTIONS).format(rng.choice(TOPICS)), "response": resp, "kind": "general",
                     "system": system, "item_id": ""})
    d = root / "bench"
    ds = Dataset.from_list(rows)
    nv = max(4, n // 10) if n_val is None else n_val
    DatasetDict(train=ds.select(range(n - nv)), validation=ds.select(range(n - nv, n))).save_to_disk(str(d / "dataset"))
    (d / "profile.json").write_text(json.dumps({"tenant": "bench", "tenant_key": "bench", "profile_hash": "bench",
                                                "system_prompt": system, "items": [], "superseded": []}))
    (d / "meta.json").write_text(json.dumps({"tenant": "bench", "tenant_key": "bench", "profile_hash": "bench",
                                             "probes": [], "abstention_probes": []}))
    return d


def matmul_peak(n: int = 2048, tries: int = 5) -> float:
    a, b = torch.randn(n, n), torch.randn(n, n)
    torch.mm(a, b)
    best = float("inf")
    for _ in range(tries):
        t = time.perf_counter()
        torch.mm(a, b)
        best = min(best, time.perf_counter() - t)
    return 2 * n**3 / best / 1e9


def plain_peft(base, rows, batch_size: int, steps: int, lr: float) -> tuple[float, int, float]:
    """The loop most PEFT tutorials write: returns (tokens/s, tokens, padding waste)."""
    from peft import LoraConfig, get_peft_model

    tok = base.tokenizer
    cfg = LoraConfig(r=8, lora_alpha=16, target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
                     task_type="CAUSAL_LM")
    torch.manual_seed(0)
    pm = get_peft_model(base.model, cfg)
    opt = torch.optim.AdamW([p for p in pm.parameters() if p.requires_grad], lr=lr)
    texts = [tok.apply_chat_template([{"role": "user", "content": r["prompt"]}, {"role": "assistant", "content": r["response"]}], tokenize=False)
             for r in rows]
    pm.train()
    tokens = padded = 0
    elapsed = 0.0
    try:
        for s in range(steps + 1):
            chunk = [texts[(s * batch_size + i) % len(texts)] for i in range(batch_size)]
            enc = tok(chunk, return_tensors="pt", padding=True, add_special_tokens=False)
            labels = enc["input_ids"].masked_fill(enc["attention_mask"] == 0, -100)
            t = time.perf_counter()
            loss = pm(**enc, labels=labels).loss
            loss.backward()
            opt.step()
            opt.zero_grad()
            if s == 0:
                continue  # warm-up step
            elapsed += time.perf_counter() - t
            tokens += int(enc["attention_mask"].sum())
            padded += enc["input_ids"].numel()
    finally:
        pm.unload()
        base.model.eval()
        for p in base.model.parameters():
            p.requires_grad_(False)
    return tokens / elapsed, tokens, 1 - tokens / padded


def memlora_loop(base, tenant_dir: Path, settings, steps: int, out: Path) -> dict:
    from memlora.adapters.train import train_adapter

    s = settings.model_copy(update={"train": settings.train.model_copy(update={"max_steps": steps, "progress": False, "patience": 0,
                                                                                "eval_every": 10**6})})
    return train_adapter(base, tenant_dir, out, s).metrics


def interleaved_ab(bench, base, tdir: Path, arms: dict, steps: int, reps: int, tmp: Path, what: str) -> None:
    """Two settings (`arms`: name -> Settings, baseline first) of the memlora loop, interleaved, best rep of each:
    a neighbour's load drifts over minutes, and only the ratio in one process means anything."""
    rates: dict[str, list[float]] = {name: [] for name in arms}
    for r in range(reps):
        for name, s in arms.items():
            m = memlora_loop(base, tdir, s, steps, tmp / f"{name}{r}")
            rates[name].append(m["tokens_per_second"])
            print(f"  rep {r} {name:<16} {m['tokens_per_second']:8.1f} tokens/s  val loss {m.get('best_val_loss')}  "
                  f"load {os.getloadavg()[0]:.2f}", flush=True)
    (a, ra), (b, rb) = rates.items()
    bench.record(f"{what}_tokens_per_second", rates)
    bench.ratio(f"train tokens/s: {what} {b} / {a}", max(rb), max(ra))


def _with(settings, section: str, **update):
    return settings.model_copy(update={section: getattr(settings, section).model_copy(update=update)})


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", type=int, default=200)
    ap.add_argument("--steps", type=int, default=12)
    ap.add_argument("--batch-size", type=int, default=None, help="memlora's batch size (default: settings.train.batch_size)")
    ap.add_argument("--baseline-batch-size", type=int, default=8)
    ap.add_argument("--full", action="store_true", help="also train one full tenant and report the wall time")
    ap.add_argument("--bf16-reps", type=int, default=0,
                    help="also time train.compute_dtype=bfloat16 against the float32 loop, this many interleaved reps")
    ap.add_argument("--prefix-reps", type=int, default=0,
                    help="also time jobs.share_prefix on against off, this many interleaved reps")
    a = harness.add_arguments(ap).parse_args()
    bench = harness.start("train", a)

    from memlora.runtime.base import load_base
    from memlora.adapters.data import load_tenant_dir
    from memlora.settings import Settings

    settings = Settings()
    if a.batch_size:
        settings = settings.model_copy(update={"train": settings.train.model_copy(update={"batch_size": a.batch_size})})
    base = load_base(settings, device="cpu", dtype="float32")
    params = base.info["parameters"]
    print(f"base: {base.path} ({params / 1e6:.1f} M parameters), torch threads: {torch.get_num_threads()}")
    with tempfile.TemporaryDirectory() as tmp:
        tdir = build_tenant(Path(tmp), a.examples)
        rows = list(load_tenant_dir(tdir).train)
        peak = matmul_peak()
        print(f"fp32 matmul peak (best of 5, 2048^3): {peak:.1f} GFLOP/s")
        plain_tps, plain_tok, plain_pad = plain_peft(base, rows, a.baseline_batch_size, a.steps, settings.train.learning_rate)
        plain_frac = 4 * params * plain_tps / 1e9 / peak
        print(f"plain PEFT loop:  {plain_tps:8.1f} tokens/s = {plain_frac:.2f} of peak  (batch {a.baseline_batch_size}, {plain_tok} tokens, padding {plain_pad:.1%})")
        m = memlora_loop(base, tdir, settings, a.steps, Path(tmp) / "out")
        tps = m["tokens_per_second"]
        frac = 4 * params * tps / 1e9 / peak
        print(f"memlora loop:     {tps:8.1f} tokens/s = {frac:.2f} of peak  (batch {settings.train.batch_size}, {m['tokens']} tokens, padding {m['padding_waste']:.1%})")
        peak2 = matmul_peak()
        print(f"ratio memlora / plain PEFT: {tps / plain_tps:.2f}x   (peak re-measured after: {peak2:.1f} GFLOP/s)")
        bench.record("matmul_peak_gflops", [peak, peak2])
        bench.ratio("train tokens/s: memlora loop / plain PEFT loop", tps, plain_tps)
        if a.bf16_reps:  # train.compute_dtype: a bfloat16 copy of the base against float32
            interleaved_ab(bench, base, tdir, {"float32": settings, "bfloat16": _with(settings, "train", compute_dtype="bfloat16")},
                           a.steps, a.bf16_reps, Path(tmp), "compute_dtype")
        if a.prefix_reps:  # jobs.share_prefix: each batch's common chat-template turn once against every row's own
            interleaved_ab(bench, base, tdir, {"every row": _with(settings, "jobs", share_prefix=False), "prefix once": settings},
                           a.steps, a.prefix_reps, Path(tmp), "share_prefix")
        if a.full:
            from memlora.adapters.train import train_adapter

            full = settings.model_copy(update={"train": settings.train.model_copy(update={"progress": False})})
            r = train_adapter(base, tdir, Path(tmp) / "full", full)
            print(f"full tenant: {r.metrics['n_train']} train examples, {r.metrics['steps']} steps, {r.metrics['epochs']} epochs, "
                  f"{r.seconds:.1f} s wall ({r.metrics['tokens_per_second']} tokens/s in steps, early stop: {r.metrics['stopped_early']})")
    bench.finish()
    return 0


if __name__ == "__main__":
    sys.exit(main())
