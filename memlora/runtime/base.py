"""Load the base model every other part shares, and name it by a fingerprint.

The fingerprint (a hash of the weight files) is recorded by every adapter and
registry entry, so an adapter is never served on a base it was not trained for.
Hashing a large model on every load is slow, so fingerprints of directories
without a memlora manifest are cached by (path, size, mtime).

torch and transformers are imported inside the functions that need them: resolving and fingerprinting a
base (jobs, the CLI) must not pay torch's import time.
"""
from __future__ import annotations

import copy
import importlib.util
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from memlora.errors import MemloraError
from memlora.settings import Settings

from .provision import MANIFEST, default_model_dir, fingerprint_from_hashes, pull_default, sha256_file

WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".gguf")


@dataclass
class BaseModel:
    model: Any
    tokenizer: Any
    fingerprint: str
    path: Path
    device: str
    dtype: Any
    quantized_4bit: bool = False
    info: dict = field(default_factory=dict)
    variants: dict = field(default_factory=dict, repr=False)  # the same weights in another dtype, made on demand


def in_dtype(base: BaseModel, dtype) -> BaseModel:
    """`base` with its weights in `dtype` (a copy made once and kept on `base`; the fingerprint names the weights,
    which a cast does not change). A 4-bit base or one already in `dtype` is returned as it is."""
    if base.quantized_4bit or base.dtype == dtype:
        return base
    if dtype not in base.variants:
        base.variants[dtype] = replace(base, model=copy.deepcopy(base.model).to(dtype).eval(), dtype=dtype, variants={})
    return base.variants[dtype]


def resolve_model_path(settings: Settings, pull: bool = True) -> Path:
    """`default` means the provisioned SmolLM2 (pulled on first use); anything else is a local path."""
    if settings.base_model == "default":
        path = default_model_dir(settings.models_dir)
        if not (path / MANIFEST).is_file():
            if not pull:
                raise MemloraError(f"default base model not provisioned under {settings.models_dir}: run `memlora model pull`")
            pull_default(settings.models_dir)
        return path
    path = Path(settings.base_model).expanduser()
    if not path.exists():
        raise MemloraError(f"base model path does not exist: {path} (setting base_model / MEMLORA_BASE_MODEL)")
    if not os.access(path, os.R_OK):
        raise MemloraError(f"base model path is not readable: {path}")
    return path


def fingerprint(path: Path, cache_file: Path | None = None) -> str:
    path = Path(path)
    if path.is_dir() and (path / MANIFEST).is_file():
        return json.loads((path / MANIFEST).read_text())["fingerprint"]
    files = [path] if path.is_file() else sorted(p for p in path.iterdir() if p.is_file() and p.name.endswith(WEIGHT_SUFFIXES))
    if not files:
        raise MemloraError(f"no weight files (*.safetensors, *.bin, *.gguf) in {path}")
    stamp = "|".join(f"{p.resolve()}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files)
    cache = {}
    if cache_file and cache_file.is_file():
        try:
            cache = json.loads(cache_file.read_text())
        except json.JSONDecodeError:
            cache = {}
    if stamp in cache:
        return cache[stamp]
    fp = fingerprint_from_hashes({p.name: sha256_file(p) for p in files})
    if cache_file:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        cache[stamp] = fp
        cache_file.write_text(json.dumps(cache))
    return fp


def pick_device(requested: str) -> str:
    import torch

    if requested != "auto":
        if requested == "cuda" and not torch.cuda.is_available():
            raise MemloraError("device=cuda requested but no CUDA device is available")
        return requested
    return "cuda" if torch.cuda.is_available() else "cpu"


def pick_dtype(requested: str, device: str):
    import torch

    if requested != "auto":
        return getattr(torch, requested)
    if device == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    return torch.float32


def _architectures(src: str, kw: dict, path: Path) -> list[str]:
    """The config's architectures, refusing a model that is not a causal language model before loading weights."""
    from transformers import AutoConfig

    try:
        config = AutoConfig.from_pretrained(src, **kw)
    except Exception as e:
        raise MemloraError(f"cannot read model config in {path}: {str(e).splitlines()[0][:200]}") from None
    archs = getattr(config, "architectures", None) or []
    if archs and not any(a.endswith("ForCausalLM") or a.endswith("LMHeadModel") for a in archs):
        raise MemloraError(f"{path} is not a causal language model (architectures: {', '.join(archs)})")
    return archs


def _nf4_kwargs(dt) -> dict[str, Any]:
    if importlib.util.find_spec("bitsandbytes") is None:
        raise MemloraError("load_in_4bit needs bitsandbytes, which a CPU install leaves out: pip install 'memlora[gpu]'")
    from transformers import BitsAndBytesConfig

    cfg = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=dt, bnb_4bit_use_double_quant=True)
    return {"quantization_config": cfg, "device_map": {"": 0}}


def load_base(settings: Settings, device: str | None = None, dtype: str | None = None, pull: bool = True) -> BaseModel:
    """Base model + tokenizer on the chosen device; never touches the network."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = resolve_model_path(settings, pull=pull)
    dev = pick_device(device or settings.device)
    dt = pick_dtype(dtype or settings.dtype, dev)
    kw: dict[str, Any] = {"local_files_only": True}
    src = str(path)
    if path.is_file():
        if path.suffix != ".gguf":
            raise MemloraError(f"base model file must be a .gguf file or a model directory: {path}")
        kw["gguf_file"], src = path.name, str(path.parent)
    archs = _architectures(src, kw, path)
    quant = bool(settings.load_in_4bit and dev == "cuda")
    if quant:
        kw.update(_nf4_kwargs(dt))
    try:
        tok = AutoTokenizer.from_pretrained(src, **{k: v for k, v in kw.items() if k in ("local_files_only", "gguf_file")})
        model = AutoModelForCausalLM.from_pretrained(src, dtype=dt, **kw)
    except ValueError as e:
        msg = str(e).splitlines()[0][:200]
        if "Unrecognized configuration class" in msg or "not a causal" in msg.lower():
            raise MemloraError(f"{path} is not a causal language model: {msg}") from None
        raise MemloraError(f"cannot load base model from {path}: {msg}") from None
    except Exception as e:
        raise MemloraError(f"cannot load base model from {path} (corrupt or unreadable weights?): {type(e).__name__}: {str(e).splitlines()[0][:200]}") from None
    if not quant:
        model.to(dev)
    model.eval()
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    fp = fingerprint(path, settings.home / "cache" / "fingerprints.json")
    n_params = sum(p.numel() for p in model.parameters())
    return BaseModel(
        model=model,
        tokenizer=tok,
        fingerprint=fp,
        path=path,
        device=dev,
        dtype=dt,
        quantized_4bit=quant,
        info={"parameters": n_params, "architecture": archs[0] if archs else type(model).__name__},
    )
