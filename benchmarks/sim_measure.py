#!/usr/bin/env python3
"""Measure one replica's costs for the fleet simulator (benchmarks/sim_fleet.py), on the real base model.

usage: python benchmarks/sim_measure.py [MODEL_DIR] [--device cpu] [--out benchmarks/sim_costs_cpu.json]

Everything is measured through the real serving code paths, the same ones bench_serving.py
times: `Engine.step` for prefill and decode by batch size (mixed tenants, one adapter per
row), `AdapterLoader._load` for the disk tier (first load of a version: resolve, sha256,
validate, read; and a re-read of a version verified before) and `SlotLayers.install` for
the host-to-slot swap-in. Adapters are r=8 all-linear PEFT adapters made here
(bench_serving.make_adapters).

Why CPU time on one thread: the machine this runs on is shared, and a step's wall time there
is mostly waiting for a core (two OpenMP threads on an oversubscribed machine measured 20x
slower than alone). The process CPU time of a one-thread step is what that step costs a
replica with a core to itself, so on CPU that is the figure the simulator uses (wall is
recorded beside it); on a GPU it is the synchronised wall time. Each figure is a median
over samples, best of several rounds.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_serving import DEFAULT_MODEL, PROMPTS, make_adapters, wait_resident  # noqa: E402

BATCHES = (1, 2, 4, 8)


def _sync(device: str) -> None:
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def timed(fn, device: str) -> tuple[float, float, object]:
    """(cost ms, wall ms): cost is process CPU time on CPU, synchronised wall time on a GPU."""
    _sync(device)
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    _sync(device)
    wall, cpu = 1000 * (time.perf_counter() - t0), 1000 * (time.process_time() - c0)
    return (wall if device.startswith("cuda") else cpu), wall, out


def step_costs(eng, tenants: list[str], ids: list[int], new_tokens: int, device: str, rounds: int) -> tuple[dict, dict, dict]:
    """Prefill ms and median decode-step ms for each batch size (best of `rounds`), and decode wall ms."""
    from memlora.serving.engine import GenRequest

    eng.eos = set()
    prefill: dict[int, float] = {}
    decode: dict[int, float] = {}
    wall: dict[int, float] = {}
    n = 0
    for _ in range(rounds):
        for b in BATCHES:
            for i in range(b):
                n += 1
                eng.add(GenRequest(id=f"m{n}", tenant=tenants[i % len(tenants)], input_ids=ids, max_new_tokens=new_tokens))
            times, walls = [], []
            while eng.has_work():
                cost, w, _ = timed(eng.step, device)
                times.append(cost)
                walls.append(w)
            pre, dec, dw = times[0], statistics.median(times[1:new_tokens]), statistics.median(walls[1:new_tokens])
            prefill[b] = min(prefill.get(b, pre), pre)
            decode[b] = min(decode.get(b, dec), dec)
            wall[b] = min(wall.get(b, dw), dw)
    return prefill, decode, wall


def load_costs(eng, tenants: dict, base, device: str) -> dict:
    """Disk tier (first load and re-read) and swap-in (host tensors into a slot), median ms."""
    from memlora.serving.adapter_loader import AdapterLoader

    layers = eng.layers
    first, again, swap, nbytes = [], [], [], []
    for rnd in range(2):
        loader = AdapterLoader(tenants.get, layers.shapes, layers.rank, base.fingerprint, base.model.config)
        for i, t in enumerate(tenants):
            first.append(timed(lambda: loader._load(t), device)[0])
            cost, _, w = timed(lambda: loader._load(t), device)
            again.append(cost)
            nbytes.append(w.nbytes)
            swap.append(timed(lambda: layers.install(1 + i % layers.n_slots, w), device)[0])
        loader.close()
    layers.invalidate()
    med = statistics.median
    return {"disk_load_first_ms": med(first), "disk_load_reread_ms": med(again), "swap_in_ms": med(swap),
            "adapter_host_bytes": int(med(nbytes))}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model", nargs="?", default=str(DEFAULT_MODEL))
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--new-tokens", type=int, default=32)
    ap.add_argument("--rounds", type=int, default=4, help="best of this many rounds per batch size (a shared machine is noisy)")
    ap.add_argument("--threads", type=int, default=1, help="torch threads (CPU); one, so CPU time is the step's cost")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "sim_costs_cpu.json"))
    a = ap.parse_args()

    from transformers import AutoModelForCausalLM

    from memlora.runtime.base import load_base
    from memlora.serving.engine import Engine
    from memlora.settings import Settings

    torch.manual_seed(0)
    if a.device == "cpu":
        torch.set_num_threads(a.threads)
    work = Path(tempfile.mkdtemp(prefix="sim_measure_"))
    settings = Settings(home=work / "home", base_model=a.model)
    base = load_base(settings, device=a.device, dtype="float32")
    ref = AutoModelForCausalLM.from_pretrained(a.model, dtype=torch.float32).eval()
    paths = make_adapters(ref, 8, work / "adapters", base.fingerprint)
    del ref
    tenants = {f"tenant{i}": p for i, p in enumerate(paths)}
    for p in paths:  # page cache, as the disk tier's figure assumes (a network store adds its latency)
        for f in p.iterdir():
            f.read_bytes()
    eng = Engine(base, settings, tenants.get)
    loads = load_costs(eng, tenants, base, a.device)
    wait_resident(eng, list(tenants))
    prompt = base.tokenizer.apply_chat_template([{"role": "user", "content": PROMPTS[0]}], tokenize=False, add_generation_prompt=True)
    ids = base.tokenizer(prompt)["input_ids"]
    with torch.inference_mode():
        prefill, decode, decode_wall = step_costs(eng, list(tenants), ids, a.new_tokens, a.device, a.rounds)
    sv = settings.serving
    out = {
        "measured_on": f"{platform.node() or 'host'}: {a.device}, torch threads {torch.get_num_threads()}, {platform.processor() or platform.machine()}",
        "device": a.device,
        "model": Path(a.model).name,
        "adapter": "r=8 all-linear PEFT LoRA, float32",
        "prompt_tokens": len(ids),
        "decode_new_tokens": a.new_tokens,
        "decode_step_ms": {str(b): round(v, 3) for b, v in decode.items()},
        "prefill_ms": {str(b): round(v, 3) for b, v in prefill.items()},
        "decode_step_wall_ms_shared_machine": {str(b): round(v, 3) for b, v in decode_wall.items()},
        "cost_clock": "synchronised wall time" if a.device.startswith("cuda") else "process CPU time, one torch thread",
        **{k: (round(v, 3) if isinstance(v, float) else v) for k, v in loads.items()},
        "slots": sv.slots,
        "slot_rank": sv.slot_rank,
        "slot_bytes_each": eng.layers.bytes_per_slot,
        "host_cache_bytes": sv.host_cache_bytes,
        "max_batch_size": sv.max_batch_size,
    }
    eng.close()
    Path(a.out).write_text(json.dumps(out, indent=1) + "\n")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
