"""The adapter directory: what it holds, how its manifest is read and written, and what refuses it.

An adapter travels as one directory (PEFT's `adapter_config.json` and
`adapter_model.safetensors`, plus memlora's `memlora.json`) through training,
the registry, MLflow's pyfunc and the server. Every one of them must refuse the
same directories with the same words, so the rules live here once: which files
are pickles (a pickle runs code when loaded, so one anywhere in the directory is
refused, never skipped), which LoRA features the serving slots cannot hold, how
the files are hashed, and when a manifest's base is not this base.

Errors are one line: `who` (the caller's name for the tenant and place), the
file, and what is wrong with it.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from memlora.errors import MemloraError

WEIGHTS = "adapter_model.safetensors"
CONFIG = "adapter_config.json"
MANIFEST = "memlora.json"
RESIDUAL = "residual.json"
RESIDUAL_REASONS = ("not_carried", "not_learnable", "unchecked", "rejected")
HASHED = (WEIGHTS, CONFIG)
PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".pkl", ".pickle", ".ckpt")
REQUIRED = ("tenant", "tenant_key", "base_fingerprint", "config_hash", "files")
REFUSED_FLAGS = ("use_dora", "modules_to_save")
EMBEDDING_LORA = "lora_embedding_"
LIBRARIES = ("memlora", "torch", "transformers", "peft", "accelerate", "datasets", "safetensors")


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


# -- hashes ----------------------------------------------------------------------------------------
def sha256(src: Path | str | bytes | memoryview | Any, chunk: int = 1 << 22) -> str:
    """Hex sha256 of a file (streamed) or of a buffer already in memory (the server hashes the bytes it read,
    so the hash names exactly the version it serves even if the file is replaced meanwhile)."""
    if not isinstance(src, (str, Path)):
        return hashlib.sha256(src).hexdigest()
    h = hashlib.sha256()
    with open(src, "rb") as f:
        for block in iter(lambda: f.read(chunk), b""):
            h.update(block)
    return h.hexdigest()


def file_hashes(adapter_dir: Path) -> dict[str, str]:
    return {name: sha256(Path(adapter_dir) / name) for name in HASHED}


def verify_hashes(adapter_dir: Path, expected: dict[str, str], who: str, against: str,
                  actual: dict[str, str] | None = None) -> None:
    """Refuse a file whose sha256 is not `expected` (`against` says where that came from); `actual` gives
    hashes already computed, the rest are read from disk."""
    for name, want in expected.items():
        got = (actual or {}).get(name) or sha256(Path(adapter_dir) / name)
        if got != want:
            raise MemloraError(f"{who}: {Path(adapter_dir) / name} does not match {against}: sha256 {got[:12]}..., "
                               f"expected {str(want)[:12]}... (corrupt or modified; refusing it)")


def check_base(have: str, want: str, who: str, where: str, hint: str = "") -> None:
    """An adapter's low-rank update only means something on the weights it was trained against."""
    if have != want:
        raise MemloraError(f"{who}: {where} was trained on base {str(have)[:12]}, not this base {str(want)[:12]}{hint}")


# -- files and config ------------------------------------------------------------------------------
def check_payload(adapter_dir: Path, who: str) -> None:
    """A directory holding PEFT's two safetensors-era files and no pickle anywhere below it."""
    adapter_dir = Path(adapter_dir)
    if not adapter_dir.is_dir():
        raise MemloraError(f"{who}: adapter directory not found: {adapter_dir}")
    pickles = sorted(os.path.relpath(os.path.join(root, f), adapter_dir) for root, _, files in os.walk(adapter_dir)
                     for f in files if os.path.splitext(f)[1].lower() in PICKLE_SUFFIXES)
    if pickles:
        raise MemloraError(f"{who}: {adapter_dir} contains pickle weights ({', '.join(pickles)}); a non-safetensors "
                           "payload is refused, only safetensors adapters are accepted")
    for name in HASHED:
        if not (adapter_dir / name).is_file():
            raise MemloraError(f"{who}: {adapter_dir} has no {name} (a PEFT LoRA adapter saved with safetensors is required)")


def read_config(adapter_dir: Path, who: str, max_rank: int | None = None, text: str | None = None) -> dict:
    """`adapter_config.json`, refused unless it is plain LoRA within `max_rank` (what a serving slot can hold)."""
    path = Path(adapter_dir) / CONFIG
    try:
        cfg = json.loads(path.read_text() if text is None else text)
    except json.JSONDecodeError as e:
        raise MemloraError(f"{who}: {path}: invalid JSON at line {e.lineno}: {e.msg}") from None
    kind = cfg.get("peft_type") if isinstance(cfg, dict) else cfg
    if str(kind or "").upper() != "LORA":
        raise MemloraError(f"{who}: {path}: peft_type is {kind!r}, only LORA is supported")
    refused = [flag for flag in REFUSED_FLAGS if cfg.get(flag)] + (["bias"] if cfg.get("bias", "none") != "none" else [])
    if refused:
        raise MemloraError(f"{who}: {path}: {', '.join(refused)} is set; only plain LoRA adapters fit the serving slots")
    r = int(cfg.get("r") or 0)
    ranks = {r, *map(int, (cfg.get("rank_pattern") or {}).values())}
    if min(ranks) <= 0:
        raise MemloraError(f"{who}: {path}: rank r={r} is not positive")
    if max_rank is not None and max(ranks) > max_rank:
        raise MemloraError(f"{who}: {path}: adapter rank {max(ranks)} exceeds the maximum rank {max_rank} (serving.slot_rank)")
    return cfg


def check_tensor_name(key: str, who: str, path: Path) -> None:
    """An embedding LoRA changes token embeddings, which no serving slot carries."""
    if EMBEDDING_LORA in key:
        raise MemloraError(f"{who}: {path}: tensor {key!r} is an embedding LoRA; only LoRA on linear layers fits the serving slots")


# -- manifest --------------------------------------------------------------------------------------
def library_versions() -> dict:
    out = {}
    for name in LIBRARIES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            pass
    return out


def write_manifest(adapter_dir: Path, manifest: Manifest) -> Manifest:
    """Hash the adapter files and write memlora.json atomically (the hashes make later tampering detectable)."""
    adapter_dir = Path(adapter_dir)
    manifest.files = file_hashes(adapter_dir)
    manifest.created_at = manifest.created_at or datetime.now(timezone.utc).isoformat(timespec="seconds")
    manifest.libraries = manifest.libraries or library_versions()
    tmp = adapter_dir / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest.to_dict(), indent=2, sort_keys=False, default=str))
    tmp.replace(adapter_dir / MANIFEST)
    return manifest


def manifest_dict(adapter_dir: Path, who: str | None = None) -> dict:
    """memlora.json as written, every field kept (the registry records ones the Manifest type does not name)."""
    path = Path(adapter_dir) / MANIFEST
    prefix = f"{who}: " if who else ""
    if not path.is_file():
        raise MemloraError(f"{prefix}{adapter_dir} has no {MANIFEST} (not a memlora adapter; admit a foreign PEFT "
                           "adapter with `memlora registry import`)")
    try:
        raw = json.loads(path.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        line = f" at line {e.lineno}: {e.msg}" if isinstance(e, json.JSONDecodeError) else f": {e}"
        raise MemloraError(f"{prefix}{path}: invalid JSON{line}") from None
    if not isinstance(raw, dict):
        raise MemloraError(f"{prefix}{path}: must hold a JSON object")
    missing = [k for k in REQUIRED if raw.get(k) in (None, "")]
    if missing:
        raise MemloraError(f"{prefix}{path}: missing field(s) {', '.join(missing)}")
    return raw


def read_manifest(adapter_dir: Path, who: str | None = None) -> Manifest:
    raw = manifest_dict(adapter_dir, who)
    return Manifest(**{k: v for k, v in raw.items() if k in Manifest.__dataclass_fields__})


# -- the residual: memory the weights do not carry -------------------------------------------------
@dataclass
class ResidualItem:
    """A selected memory item this adapter does not carry, and the system-prompt line that serves it instead."""

    id: str
    kind: str
    text: str
    line: str
    # one of RESIDUAL_REASONS: the gate found it not carried, not learnable by this base, or cannot check it; or
    # the gate rejected the whole version, so its weights carry nothing that is ever served
    reason: str
    # a fact's slot, second-person statement and probe question: the server answers a question asking for it
    # with the statement (distill/fact_questions.py); empty for other kinds and for files written before
    slot: str = ""
    value: str = ""
    statement: str = ""
    question: str = ""


@dataclass
class Residual:
    """What one version's weights do not carry (`items`, with their lines) and what they do (`carried`, item ids).

    A rejected version's weights never serve, so it lists every item of its profile and carries none: its
    items are then served on top of the champion's weights, less what the champion carries (`beyond`)."""

    items: list[ResidualItem] = field(default_factory=list)
    carried: list[str] = field(default_factory=list)
    # the facts the weights carry, with their statements: a question asking for one is answered by construction
    # too, because the residual prompt of a version (an "answer in French" line) can pull the weights off a fact
    # they state when asked alone (6 of 8 served fact answers of such tenants lost, 12-tenant run)
    facts: list[ResidualItem] = field(default_factory=list)

    def block(self) -> str:
        """The instruction block the server puts before a request: one line per item, in the profile's order."""
        return "\n".join(i.line for i in self.items if i.line)

    def beyond(self, served: Residual | None) -> Residual:
        """This (newer, rejected) version's items that the `served` version's weights do not carry; no served
        version means the base, which carries nothing."""
        have = set(served.carried) if served is not None else set()
        return Residual([i for i in self.items if i.id not in have], [], list(served.facts) if served is not None else [])


def write_residual(adapter_dir: Path, residual: Residual) -> None:
    """residual.json beside the weights, its sha256 joined to memlora.json's files, so it travels and is verified
    with the version it belongs to (the server reads it with the adapter)."""
    adapter_dir = Path(adapter_dir)
    for item in residual.items:
        if item.reason not in RESIDUAL_REASONS:
            raise MemloraError(f"residual item {item.id!r}: reason must be one of {', '.join(RESIDUAL_REASONS)}, got {item.reason!r}")
    tmp = adapter_dir / (RESIDUAL + ".tmp")
    body = {"items": [asdict(i) for i in residual.items], "carried": [str(i) for i in residual.carried],
            "carried_facts": [asdict(i) for i in residual.facts]}
    tmp.write_text(json.dumps(body, indent=1, ensure_ascii=False))
    tmp.replace(adapter_dir / RESIDUAL)
    raw = manifest_dict(adapter_dir)
    raw["files"] = {**raw.get("files", {}), RESIDUAL: sha256(adapter_dir / RESIDUAL)}
    tmp = adapter_dir / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(raw, indent=2, default=str))
    tmp.replace(adapter_dir / MANIFEST)


def read_residual(adapter_dir: Path, who: str) -> Residual:
    """The version's residual; none written means the adapter carries everything the gate could check. A file
    from before `carried` was recorded says nothing about what the weights carry: an empty list."""
    path = Path(adapter_dir) / RESIDUAL
    if not path.is_file():
        return Residual()
    try:
        raw = json.loads(path.read_text())
        items = [_residual_item(it) for it in raw["items"]]
        carried = [str(i) for i in raw.get("carried") or []]
        facts = [_residual_item(it) for it in raw.get("carried_facts") or []]
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise MemloraError(f"{who}: {path}: not a residual file ({type(e).__name__}: {str(e)[:120]})") from None
    return Residual(items, carried, facts)


def _residual_item(it: dict) -> ResidualItem:
    return ResidualItem(**{k: str(v) for k, v in it.items() if k in ResidualItem.__dataclass_fields__})


# -- the whole check -------------------------------------------------------------------------------
def validate_adapter(adapter_dir: Path, base_fingerprint: str, model_config, max_rank: int | None = None) -> Manifest:
    """Everything that must hold before an adapter may be loaded onto this base; raises MemloraError otherwise."""
    adapter_dir = Path(adapter_dir)
    check_payload(adapter_dir, f"adapter {adapter_dir.name}")
    m = read_manifest(adapter_dir)
    who = f"tenant {m.tenant!r}"
    check_base(m.base_fingerprint, base_fingerprint, who, f"adapter {adapter_dir}")
    for name in HASHED:
        if not (m.files or {}).get(name):
            raise MemloraError(f"{who}: {adapter_dir / MANIFEST} records no sha256 for {name}")
    verify_hashes(adapter_dir, {n: m.files[n] for n in HASHED}, who, f"its sha256 in {MANIFEST}")
    check_adapter_files(adapter_dir, model_config, max_rank, who)
    return m


def check_adapter_files(adapter_dir: Path, model_config, max_rank: int | None, who: str) -> dict:
    """Config, tensor names, shapes and values against the base, read only through safetensors. Returns the config."""
    from safetensors import safe_open  # heavy: only the checks that open tensors need it

    adapter_dir = Path(adapter_dir)
    check_payload(adapter_dir, who)
    cfg = read_config(adapter_dir, who, max_rank)
    ranks = {int(cfg["r"]), *map(int, (cfg.get("rank_pattern") or {}).values())}
    shapes = _linear_shapes(model_config)
    targets = cfg.get("target_modules") or []
    targets = [targets] if isinstance(targets, str) else targets
    outside = sorted(set(targets) - {n.rsplit(".", 1)[-1] for n in shapes} - set(shapes))
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
            _check_tensor(f, key, shapes, ranks, int(cfg["r"]), who, path)
    return cfg


def _check_tensor(f, key: str, shapes: dict, ranks: set, r: int, who: str, path: Path) -> None:
    check_tensor_name(key, who, path)
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


def _split_key(key: str) -> tuple[str, str | None]:
    """'base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight' -> ('model.layers.0.self_attn.q_proj', 'lora_A')."""
    name = key[len("base_model.model."):] if key.startswith("base_model.model.") else key
    for part in ("lora_A", "lora_B"):
        marker = f".{part}."
        if marker in name and name.endswith(".weight"):
            return name.split(marker)[0], part
    return name, None


def _linear_shapes(model_config) -> dict[str, tuple[int, int]]:
    """{module path: (in_features, out_features)} of the base's linear layers, built on the meta device (no memory)."""
    import torch  # heavy: only the shape check needs a module tree
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
