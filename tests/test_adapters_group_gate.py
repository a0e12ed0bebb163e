"""adapters/group_gate.py: gating k tenants in shared batches gives each tenant the report it gets alone."""
from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import pytest

from adapters_fixtures import build_tenant_dir
from memlora.keys import tenant_key

pytestmark = pytest.mark.timeout(600)

TENANTS = ("alice@example.com", "bob", "carol")
TARGETS = ["q_proj", "v_proj", "o_proj", "up_proj", "down_proj"]  # k_proj, gate_proj left out: zero blocks in the fused delta


def _adapter(tiny_base, root: Path, tenant: str, seed: int) -> Path:
    """A real PEFT LoRA, random per tenant (so each tenant's answers differ), in the adapters/ directory contract."""
    import torch
    from peft import LoraConfig, get_peft_model

    from memlora.adapter_dir import sha256

    torch.manual_seed(seed)
    pm = get_peft_model(copy.deepcopy(tiny_base.model), LoraConfig(r=4, lora_alpha=8, target_modules=TARGETS,
                                                                   init_lora_weights=False))
    out = root / f"adapter-{tenant_key(tenant)}"
    pm.save_pretrained(str(out), safe_serialization=True)
    manifest = {
        "tenant": tenant, "tenant_key": tenant_key(tenant), "base_fingerprint": tiny_base.fingerprint,
        "profile_hash": "p0", "dataset_hash": "d0", "config_hash": "c0",
        "training": {"objective": "sft", "rank": 4, "alpha": 8, "target_modules": TARGETS},
        "metrics": {}, "eval": None, "libraries": {}, "teacher": "tiny",
        "files": {n: sha256(out / n) for n in ("adapter_model.safetensors", "adapter_config.json")},
        "created_at": "2026-01-01T00:00:00Z",
    }
    (out / "memlora.json").write_text(json.dumps(manifest, indent=2))
    return out


def _same(a, b, path: str = "") -> list[str]:
    """Where two reports differ: exact everywhere, floats to 1e-4 relative (KL and perplexity sum in another order)."""
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return [f"{path}: keys {sorted(a)} != {sorted(b)}"]
        return [d for k in a for d in _same(a[k], b[k], f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in _same(x, y, f"{path}[{i}]")]
    if isinstance(a, float) and isinstance(b, float):
        return [] if math.isclose(a, b, rel_tol=1e-4, abs_tol=1e-7) else [f"{path}: {a} != {b}"]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def _comparable(rep) -> dict:
    """The report without timing and cache bookkeeping (the group looks up the base cache in another order)."""
    d = rep.to_dict()
    d["metrics"] = {k: v for k, v in d["metrics"].items() if k != "base_cache"}
    d["metrics"]["items"] = {k: v for k, v in d["metrics"]["items"].items() if k != "seconds"}
    return d


@pytest.mark.parametrize("share_base_work", [False, True])
def test_grouped_gate_reports_equal_each_tenant_gated_alone(settings, tiny_base, tmp_path, share_base_work):
    from memlora.adapters.evaluate import evaluate_adapter
    from memlora.adapters.group_gate import GateJob, evaluate_group

    dirs = {t: build_tenant_dir(tmp_path / "distilled", t) for t in TENANTS}
    adapters = {t: _adapter(tiny_base, tmp_path, t, seed=i + 1) for i, t in enumerate(TENANTS)}
    s = settings.model_copy(update={
        "gate": settings.gate.model_copy(update={"eval_max_new_tokens": 8, "kl_eval_examples": 2, "retention_windows": 1,
                                                 "preference_eval_prompts": 3, "item_prompts": 5}),
        "jobs": settings.jobs.model_copy(update={"share_base_work": share_base_work})})
    alone, residual = {}, {}
    for t in TENANTS:
        alone[t] = evaluate_adapter(tiny_base, adapters[t], dirs[t], s)
        residual[t] = (adapters[t] / "residual.json").read_text()
        (adapters[t] / "residual.json").unlink()
    ans = {t: {x["prompt"]: x["adapter"] for x in alone[t].samples["items"] + alone[t].samples["preferences"]}
           for t in TENANTS}
    common = set(ans["alice@example.com"]) & set(ans["bob"]) & set(ans["carol"])
    assert common and all(len({ans[t][p] for t in TENANTS}) == 3 for p in common)  # a row on the wrong slot shows

    bad = GateJob(adapters["bob"], dirs["carol"])  # bob's adapter on carol's data: fails that job only
    grouped = evaluate_group(tiny_base, [GateJob(adapters[t], dirs[t]) for t in TENANTS[:2]] + [bad]
                             + [GateJob(adapters[TENANTS[2]], dirs[TENANTS[2]])], s)
    assert isinstance(grouped[2], Exception) and "belongs to tenant" in str(grouped[2])
    for t, rep in zip(TENANTS, grouped[:2] + grouped[3:]):
        assert _same(_comparable(alone[t]), _comparable(rep)) == [], t
        assert (adapters[t] / "residual.json").read_text() == residual[t]
    assert not any(type(m).__name__ == "SlotLoRALinear" for m in tiny_base.model.modules())  # the base is left clean
