"""What an adapter directory may hold and the hashes that identify it.

Only safetensors weights are admitted: a pickle (`.bin`, `.pt`, `.pkl`) runs code
when loaded, so one in an adapter directory is refused, never skipped.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from memlora.errors import MemloraError

WEIGHTS = "adapter_model.safetensors"
CONFIG = "adapter_config.json"
MANIFEST = "memlora.json"
HASHED = (WEIGHTS, CONFIG)
PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".pkl", ".pickle", ".ckpt")


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_payload(adapter_dir: Path, what: str) -> None:
    """Refuse a directory that is not a safetensors PEFT adapter (`what` names tenant/version for the message)."""
    adapter_dir = Path(adapter_dir)
    if not adapter_dir.is_dir():
        raise MemloraError(f"{what}: adapter directory not found: {adapter_dir}")
    pickles = sorted(p.name for p in adapter_dir.rglob("*") if p.suffix.lower() in PICKLE_SUFFIXES)
    if pickles:
        raise MemloraError(f"{what}: non-safetensors payload in {adapter_dir}: {', '.join(pickles)} (only {WEIGHTS} is accepted)")
    for name in HASHED:
        if not (adapter_dir / name).is_file():
            raise MemloraError(f"{what}: {adapter_dir} has no {name} (not a safetensors PEFT adapter)")


def file_hashes(adapter_dir: Path) -> dict[str, str]:
    return {name: sha256_file(Path(adapter_dir) / name) for name in HASHED}


def verify_hashes(adapter_dir: Path, expected: dict[str, str], what: str) -> None:
    actual = file_hashes(adapter_dir)
    for name, sha in expected.items():
        if actual.get(name) != sha:
            raise MemloraError(
                f"{what}: sha256 of {name} in {adapter_dir} is {str(actual.get(name))[:12]}..., "
                f"registered {sha[:12]}... (tampered or corrupt artifact; refusing it)"
            )


def read_manifest(adapter_dir: Path, what: str) -> dict:
    path = Path(adapter_dir) / MANIFEST
    if not path.is_file():
        raise MemloraError(f"{what}: {adapter_dir} has no {MANIFEST} (admit outside adapters with `memlora registry import`)")
    try:
        data = json.loads(path.read_text())
    except json.JSONDecodeError as e:
        raise MemloraError(f"{what}: {path} line {e.lineno}: invalid JSON ({e.msg})") from None
    if not isinstance(data, dict):
        raise MemloraError(f"{what}: {path} must hold a JSON object")
    for field in ("tenant", "base_fingerprint"):
        if not data.get(field):
            raise MemloraError(f"{what}: {path} has no '{field}'")
    return data
