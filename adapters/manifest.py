"""`memlora.json`: what an adapter is, what it was made from, and the checks before anything serves it.

PEFT writes and loads the adapter itself; it does not check that an adapter fits
*this* base (it would load a foreign adapter with mismatched shapes as an error
deep in torch, or a pickle `.bin` with `torch.load`). These checks run before
PEFT touches the files, read tensors only through safetensors (never pickle),
and fail with one line naming the tenant and directory.
"""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from memlora.errors import MemloraError
from memlora.keys import tenant_key
from memlora.settings import Settings

from memlora.runtime.provision import sha256_file

MANIFEST = "memlora.json"
WEIGHTS = "adapter_model.safetensors"
CONFIG = "adapter_config.json"
PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".pkl", ".pickle", ".ckpt")


@dataclass
class Manifest:
    tenant: str
    tenant_key: str
    base_fingerprint: str
    profile_hash: str | None
    dataset_hash: str | None
    config_hash: str
    training: dict = field(default_factory=dict)
    metrics: dict = field(default_factory=dict)
    eval: dict | None = None
    libraries: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)
    created_at: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def library_versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("memlora", "torch", "transformers", "peft", "accelerate", "datasets", "safetensors"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            pass
    return out


def training_config_hash(settings: Settings) -> str:
    """Everything in the training configuration that changes the weights; jobs retrain when it changes."""
    train = settings.train.model_dump(exclude={"progress", "num_threads"})
    blob = json.dumps({"train": train, "seed": settings.seed}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def write_manifest(adapter_dir: Path, manifest: Manifest) -> Manifest:
    """Hash the adapter files and write memlora.json (the hashes make later tampering detectable)."""
    adapter_dir = Path(adapter_dir)
    manifest.files = {name: sha256_file(adapter_dir / name) for name in (WEIGHTS, CONFIG)}
    manifest.created_at = manifest.created_at or datetime.now(timezone.utc).isoformat(timespec="seconds")
    manifest.libraries = manifest.libraries or library_versions()
    tmp = adapter_dir / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest.to_dict(), indent=2, sort_keys=False, default=str))
    tmp.replace(adapter_dir / MANIFEST)
    return manifest


def read_manifest(adapter_dir: Path) -> Manifest:
    adapter_dir = Path(adapter_dir)
    path = adapter_dir / MANIFEST
    if not path.is_file():
        raise MemloraError(f"{adapter_dir}: no {MANIFEST} (not a memlora adapter; use `memlora registry import` for a foreign PEFT adapter)")
    try:
        raw = json.loads(path.read_text())
    except json.JSONDecodeError as e:
        raise MemloraError(f"{path}: invalid JSON at line {e.lineno}: {e.msg}") from None
    known = set(Manifest.__dataclass_fields__)
    missing = [k for k in ("tenant", "tenant_key", "base_fingerprint", "config_hash", "files") if k not in raw]
    if missing:
        raise MemloraError(f"{path}: missing field(s) {', '.join(missing)}")
    return Manifest(**{k: v for k, v in raw.items() if k in known})


def update_eval(adapter_dir: Path, eval_report: dict) -> Manifest:
    """Record the gate's metrics in memlora.json (the adapter files, and so their hashes, do not change)."""
    m = read_manifest(adapter_dir)
    m.eval = eval_report
    (Path(adapter_dir) / MANIFEST).write_text(json.dumps(m.to_dict(), indent=2, default=str))
    return m


def _linear_shapes(model_config) -> dict[str, tuple[int, int]]:
    """{module path: (in_features, out_features)} of the base's linear layers, built on the meta device (no memory)."""
    import torch
    from torch import nn

    if isinstance(model_config, nn.Module):
        model = model_config
    else:
        from transformers import AutoModelForCausalLM

        with torch.device("meta"):
            model = AutoModelForCausalLM.from_config(model_config)
    shapes = {}
    for name, mod in model.named_modules():
        base = getattr(mod, "base_layer", None)  # a model that currently carries LoRA layers
        lin = base if isinstance(base, nn.Linear) else mod
        if isinstance(lin, nn.Linear) and ".lora_" not in name and not name.endswith("base_layer"):
            shapes[name] = (lin.in_features, lin.out_features)
        elif type(lin).__name__ == "Linear4bit":
            shapes[name] = (lin.in_features, lin.out_features)
    return shapes


def _check_files(adapter_dir: Path, who: str) -> None:
    if not adapter_dir.is_dir():
        raise MemloraError(f"{who}: adapter directory does not exist: {adapter_dir}")
    pickles = sorted(p.name for p in adapter_dir.iterdir() if p.name.endswith(PICKLE_SUFFIXES))
    if pickles:
        raise MemloraError(f"{who}: {adapter_dir} contains pickle weights ({', '.join(pickles)}); only safetensors adapters are accepted")
    for name in (CONFIG, WEIGHTS):
        if not (adapter_dir / name).is_file():
            raise MemloraError(f"{who}: {adapter_dir} has no {name} (a PEFT LoRA adapter saved with safetensors is required)")


def _read_config(adapter_dir: Path, who: str) -> dict:
    try:
        cfg = json.loads((adapter_dir / CONFIG).read_text())
    except json.JSONDecodeError as e:
        raise MemloraError(f"{who}: {adapter_dir / CONFIG}: invalid JSON at line {e.lineno}: {e.msg}") from None
    if str(cfg.get("peft_type", "")).upper() != "LORA":
        raise MemloraError(f"{who}: {adapter_dir / CONFIG}: peft_type is {cfg.get('peft_type')!r}, only LORA is supported")
    for flag in ("use_dora", "modules_to_save"):
        if cfg.get(flag):
            raise MemloraError(f"{who}: {adapter_dir / CONFIG}: {flag} is set; only plain LoRA adapters fit the serving slots")
    return cfg


def check_adapter_files(adapter_dir: Path, model_config, max_rank: int | None, who: str) -> dict:
    """Config, tensor names, shapes and values against the base. Returns the adapter config."""
    from safetensors import safe_open

    adapter_dir = Path(adapter_dir)
    _check_files(adapter_dir, who)
    cfg = _read_config(adapter_dir, who)
    r = int(cfg.get("r") or 0)
    ranks = {r, *map(int, (cfg.get("rank_pattern") or {}).values())}
    if min(ranks) <= 0:
        raise MemloraError(f"{who}: {adapter_dir / CONFIG}: rank r={r} is not positive")
    if max_rank is not None and max(ranks) > max_rank:
        raise MemloraError(f"{who}: adapter rank {max(ranks)} exceeds the maximum rank {max_rank} ({adapter_dir})")
    shapes = _linear_shapes(model_config)
    leaf_names = {n.rsplit(".", 1)[-1] for n in shapes}
    targets = cfg.get("target_modules") or []
    if isinstance(targets, str):
        targets = [targets]
    outside = sorted(set(targets) - leaf_names - set(shapes))
    if outside:
        raise MemloraError(f"{who}: target modules {', '.join(outside)} are not linear layers of this base ({adapter_dir})")
    path = adapter_dir / WEIGHTS
    try:
        f = safe_open(str(path), framework="pt")
    except Exception as e:
        raise MemloraError(f"{who}: {path} is not a readable safetensors file ({type(e).__name__}: {str(e).splitlines()[0][:120]})") from None
    with f:
        keys = list(f.keys())
        if not keys:
            raise MemloraError(f"{who}: {path} holds no tensors")
        for key in keys:
            mod, part = _split_key(key)
            if part is None:
                raise MemloraError(f"{who}: {path}: unexpected tensor {key!r} (only lora_A/lora_B weights are accepted)")
            if mod not in shapes:
                raise MemloraError(f"{who}: {path}: tensor {key!r} targets {mod!r}, which is not a linear layer of this base")
            t = f.get_tensor(key)
            fan_in, fan_out = shapes[mod]
            rank = t.shape[0] if part == "lora_A" else t.shape[-1]
            want = (rank, fan_in) if part == "lora_A" else (fan_out, rank)
            if t.ndim != 2 or tuple(t.shape) != want or rank not in ranks:
                raise MemloraError(f"{who}: {path}: tensor {key!r} has shape {tuple(t.shape)}, the base needs {want} for rank {r}")
            if not bool(t.float().isfinite().all()):
                raise MemloraError(f"{who}: {path}: tensor {key!r} contains NaN or infinite values")
    return cfg


def _split_key(key: str) -> tuple[str, str | None]:
    """'base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight' -> ('model.layers.0.self_attn.q_proj', 'lora_A')."""
    name = key[len("base_model.model."):] if key.startswith("base_model.model.") else key
    for part in ("lora_A", "lora_B"):
        marker = f".{part}."
        if marker in name and name.endswith(".weight"):
            return name.split(marker)[0], part
    return name, None


def validate_adapter(adapter_dir: Path, base_fingerprint: str, model_config, max_rank: int | None = None) -> Manifest:
    """Everything that must hold before an adapter may be loaded onto this base; raises MemloraError otherwise."""
    adapter_dir = Path(adapter_dir)
    _check_files(adapter_dir, f"adapter {adapter_dir.name}")
    m = read_manifest(adapter_dir)
    who = f"tenant {m.tenant!r}"
    if m.base_fingerprint != base_fingerprint:
        raise MemloraError(
            f"{who}: adapter {adapter_dir} was trained for base {m.base_fingerprint[:12]}, not this base {base_fingerprint[:12]}"
        )
    for name in (WEIGHTS, CONFIG):
        want = (m.files or {}).get(name)
        if not want:
            raise MemloraError(f"{who}: {adapter_dir / MANIFEST} records no sha256 for {name}")
        if sha256_file(adapter_dir / name) != want:
            raise MemloraError(f"{who}: {adapter_dir / name} does not match its sha256 in {MANIFEST} (corrupt or modified)")
    check_adapter_files(adapter_dir, model_config, max_rank, who)
    return m


def import_adapter(src_dir: Path, tenant: str, base, max_rank: int | None = None) -> Manifest:
    """Admit a PEFT LoRA adapter made elsewhere: check it against `base`, then write its memlora.json in `src_dir`."""
    src_dir = Path(src_dir)
    who = f"tenant {tenant!r}"
    _check_files(src_dir, who)
    if (src_dir / MANIFEST).is_file():
        old = read_manifest(src_dir)
        if old.base_fingerprint != base.fingerprint:
            raise MemloraError(f"{who}: {src_dir} was made for base {old.base_fingerprint[:12]}, not this base {base.fingerprint[:12]}")
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


def finite(x: float) -> float | None:
    return x if isinstance(x, (int, float)) and math.isfinite(x) else None
