"""Helpers for the registry tests: real PEFT adapters on the tiny model, written to the adapters/ directory contract."""
from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

from memlora.keys import tenant_key

_TEMPLATE: dict[str, Path] = {}


def _template(tiny_base, root: Path) -> Path:
    """One real LoRA (r=8 on q_proj, v_proj) saved by PEFT; per-tenant copies differ only in their manifest."""
    key = str(tiny_base.path)
    if key in _TEMPLATE and _TEMPLATE[key].exists():
        return _TEMPLATE[key]
    import torch
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(0)
    model = copy.deepcopy(tiny_base.model)
    peft_model = get_peft_model(model, LoraConfig(r=8, lora_alpha=16, target_modules=["q_proj", "v_proj"], init_lora_weights=False))
    out = root / "template-adapter"
    peft_model.save_pretrained(str(out), safe_serialization=True)
    _TEMPLATE[key] = out
    return out


def sha256(path: Path) -> str:
    from memlora.adapter_dir import sha256 as sha256_file

    return sha256_file(path)


def make_adapter(tiny_base, root: Path, tenant: str, *, fact: str = "", profile_hash: str = "p0", tag: str = "") -> Path:
    """A registrable adapter dir for `tenant`; `fact` is planted in its manifest (the forget test greps for it)."""
    tpl = _template(tiny_base, Path(root))
    out = Path(root) / f"adapter-{tenant_key(tenant)}-{tag or profile_hash}"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(tpl, out)
    manifest = {
        "tenant": tenant, "tenant_key": tenant_key(tenant), "base_fingerprint": tiny_base.fingerprint,
        "profile_hash": profile_hash, "dataset_hash": "d-" + profile_hash, "config_hash": "c0",
        "training": {"objective": "sft", "rank": 8, "alpha": 16, "target_modules": ["q_proj", "v_proj"], "note": fact},
        "metrics": {"train_loss": 1.5, "eval_loss": 1.7}, "eval": None, "libraries": {}, "teacher": "tiny",
        "files": {n: sha256(out / n) for n in ("adapter_model.safetensors", "adapter_config.json")},
        "created_at": "2026-01-01T00:00:00Z",
    }
    (out / "memlora.json").write_text(json.dumps(manifest, indent=2))
    return out


def make_profile(root: Path, tenant: str, fact: str) -> Path:
    p = Path(root) / f"profile-{tenant_key(tenant)}.json"
    p.write_text(json.dumps({"tenant": tenant, "tenant_key": tenant_key(tenant), "profile_hash": "p0",
                             "system_prompt": f"Remember: {fact}", "items": [{"id": "f1", "text": fact, "kind": "fact"}],
                             "superseded": []}))
    return p


_SEED: dict[str, Path] = {}


def seed_store(settings, scratch: Path) -> None:
    """Start `settings`' embedded store from a copy of an empty, already-migrated MLflow DB.

    Creating an MLflow SQLite store runs ~100 schema migrations (seconds each time on a busy
    2-core machine); tests that are not about store creation start from this copy instead.
    The creation path itself is covered by the concurrency, CLI and UI tests.
    """
    from memlora.registry.mlflow_io import make_client
    from memlora.settings import Settings

    if "db" not in _SEED or not _SEED["db"].exists():
        home = Path(scratch) / "seed-home"
        make_client(Settings(home=home))
        _SEED["db"] = home / "mlflow" / "mlflow.db"
    settings.mlflow_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(_SEED["db"], settings.mlflow_dir / "mlflow.db")


def make_training_data(root: Path, tenant: str, facts: list[str]) -> Path:
    """distill's layout for one tenant (profile.json + dataset/ DatasetDict): what the nightly hands to register."""
    from datasets import Dataset, DatasetDict

    d = Path(root) / f"distill-{tenant_key(tenant)}"
    d.mkdir(parents=True, exist_ok=True)
    items = [{"id": f"f{i}", "text": f, "kind": "fact"} for i, f in enumerate(facts)]
    (d / "profile.json").write_text(json.dumps({"tenant": tenant, "tenant_key": tenant_key(tenant), "profile_hash": "p0",
                                                "items": items, "superseded": []}))
    rows = {"prompt": [f"Tell me about item {i}." for i in range(len(facts))], "response": facts}
    DatasetDict({"train": Dataset.from_dict(rows), "validation": Dataset.from_dict(rows)}).save_to_disk(str(d / "dataset"))
    return d


GATE_REPORT = {  # the nested shape adapters/evaluate.py reports
    "metrics": {"facts": {"recall": {"base": 0.0, "profile": 1.0, "adapter": 0.75}},
                "preferences": {"mean": {"base": 0.2, "profile": 0.9, "adapter": 0.8},
                                "by_kind": {"avoid 'cheap'": {"base": 0.1, "profile": 1.0, "adapter": 0.7}}},
                "kl": {"base": 1.2, "adapter": 0.4, "gap_closed": 0.66},
                "retention": {"base": 20.0, "adapter": 21.0, "regression": 0.05},
                "isolation": {"leak_rate": 0.0, "base_leaks": 0, "adapter_leaks": 0}},
    "passed": True, "reasons": [],
}
