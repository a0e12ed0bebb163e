"""How fast a server can resolve a tenant's adapter from the registry (embedded SQLite store).

Compares, in one process on one store: the first resolve (download + sha256 verify),
a resolve by champion alias with a warm cache (one MLflow query + stat checks), and a
resolve by known version (the serving fast path after a `champions()` poll: no MLflow
call). Also times `champions()` for N tenants, the one query a server polls with.

    python benchmarks/bench_registry.py [--tenants 20] [--repeats 50]
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import harness


def make_adapter(root: Path, tenant: str, fingerprint: str) -> Path:
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import LlamaConfig, LlamaForCausalLM

    from memlora.keys import tenant_key
    from memlora.adapter_dir import file_hashes

    torch.manual_seed(0)
    cfg = LlamaConfig(vocab_size=512, hidden_size=576, intermediate_size=1536, num_hidden_layers=30, num_attention_heads=9,
                      num_key_value_heads=3)  # SmolLM2-135M shapes, so the adapter has the real size
    model = get_peft_model(LlamaForCausalLM(cfg), LoraConfig(r=8, lora_alpha=16, init_lora_weights=False,
                           target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]))
    out = root / f"adapter-{tenant_key(tenant)}"
    model.save_pretrained(str(out), safe_serialization=True)
    (out / "memlora.json").write_text(json.dumps({
        "tenant": tenant, "tenant_key": tenant_key(tenant), "base_fingerprint": fingerprint, "profile_hash": "p",
        "dataset_hash": "d", "config_hash": "c", "training": {"rank": 8}, "metrics": {}, "files": file_hashes(out)}))
    return out


def timed(fn, repeats: int) -> float:
    ts = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tenants", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=50)
    args = harness.add_arguments(ap).parse_args()
    bench = harness.start("registry", args)
    import shutil

    from memlora.keys import tenant_key
    from memlora.registry.store import AdapterRegistry
    from memlora.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        s = Settings(home=root / "home")
        reg = AdapterRegistry(s)
        fp = "f" * 16
        src = make_adapter(root, "bench/tenant-0", fp)
        size = sum(p.stat().st_size for p in src.iterdir())
        for i in range(args.tenants):
            t = f"bench/tenant-{i}"
            d = root / f"a{i}"
            shutil.copytree(src, d)
            m = json.loads((d / "memlora.json").read_text())
            m.update(tenant=t, tenant_key=tenant_key(t))
            (d / "memlora.json").write_text(json.dumps(m))
            reg.register(t, d)
        t0 = "bench/tenant-0"

        def cold():
            shutil.rmtree(s.adapter_cache_dir, ignore_errors=True)
            reg.resolve(t0, fp)

        cold_s = timed(cold, max(3, args.repeats // 10))
        reg.resolve(t0, fp)
        alias_s = timed(lambda: reg.resolve(t0, fp), args.repeats)
        version_s = timed(lambda: reg.resolve(t0, fp, version=1), args.repeats)
        champs_s = timed(reg.champions, max(5, args.repeats // 5))
        assert len(reg.champions()) == args.tenants
    print(f"adapter size: {size / 1e6:.1f} MB, tenants: {args.tenants}, store: embedded SQLite")
    print(f"first resolve (download + verify):     {cold_s * 1e3:8.2f} ms  (baseline)")
    print(f"resolve by alias, cached:              {alias_s * 1e3:8.2f} ms  ({cold_s / alias_s:6.1f}x faster)")
    print(f"resolve by version, cached (no MLflow): {version_s * 1e3:8.3f} ms  ({cold_s / version_s:6.0f}x faster, "
          f"{alias_s / version_s:.0f}x faster than by alias)")
    print(f"champions() for {args.tenants} tenants (one query): {champs_s * 1e3:8.2f} ms")
    bench.record("seconds", {"cold": cold_s, "alias": alias_s, "version": version_s, "champions": champs_s})
    bench.ratio("resolve: first (download + verify) / by alias, cached", cold_s, alias_s)
    bench.ratio("resolve: first (download + verify) / by version, cached", cold_s, version_s)
    bench.finish()


if __name__ == "__main__":
    main()
