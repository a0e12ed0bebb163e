"""The adapter-side parts of `memlora.json`: the training-config hash, and admitting an adapter made elsewhere.

The directory format itself (file names, the Manifest type, read/write, every check
before anything serves an adapter) is `memlora.adapter_dir`, shared with the
registry, pyfunc and the server.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from memlora.adapter_dir import MANIFEST, Manifest, check_adapter_files, check_base, check_payload, read_manifest, write_manifest
from memlora.keys import tenant_key
from memlora.settings import Settings


def training_config_hash(settings: Settings) -> str:
    """Everything in the training configuration that changes the weights; jobs retrain when it changes."""
    train = settings.train.model_dump(exclude={"progress", "num_threads", "multi_tenant"})
    if train["compute_dtype"] == "same":  # the default trains what it always did: no retraining when it appeared
        del train["compute_dtype"]
    blob = json.dumps({"train": train, "seed": settings.seed}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def import_adapter(src_dir: Path, tenant: str, base, max_rank: int | None = None) -> Manifest:
    """Admit a PEFT LoRA adapter made elsewhere: check it against `base`, then write its memlora.json in `src_dir`."""
    src_dir = Path(src_dir)
    who = f"tenant {tenant!r}"
    check_payload(src_dir, who)
    if (src_dir / MANIFEST).is_file():
        check_base(read_manifest(src_dir, who).base_fingerprint, base.fingerprint, who, f"adapter {src_dir}")
    cfg = check_adapter_files(src_dir, base.model, max_rank, who)
    m = Manifest(
        tenant=tenant,
        tenant_key=tenant_key(tenant),
        base_fingerprint=base.fingerprint,
        profile_hash=None,
        dataset_hash=None,
        config_hash=hashlib.sha256(json.dumps(_lora_shape_config(cfg), sort_keys=True).encode()).hexdigest(),
        training={"imported_from": str(src_dir.resolve()), "lora": _lora_shape_config(cfg)},
    )
    return write_manifest(src_dir, m)


def _lora_shape_config(cfg: dict) -> dict[str, Any]:
    return {k: cfg.get(k) for k in ("r", "lora_alpha", "target_modules", "rank_pattern", "alpha_pattern", "lora_dropout")}
