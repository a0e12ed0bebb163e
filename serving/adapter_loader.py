"""Read a PEFT LoRA adapter directory into per-layer (A, B) tensors ready for a slot, validating everything.

Why not `PeftModel.load_adapter`: it builds new modules inside the model (hundreds of ms,
growing with the number loaded) and runs in the thread that owns the model. Here the
file is read with safetensors into plain CPU tensors in a background thread; the
decode loop only copies them into a slot. Only safetensors is accepted, never pickle.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import torch

from memlora.errors import MemloraError

_KEY = re.compile(r"^(?:base_model\.model\.)?(?P<module>.+)\.lora_(?P<ab>[AB])(?:\.[^.]+)?\.weight$")
WEIGHTS = "adapter_model.safetensors"
CONFIG = "adapter_config.json"
MANIFEST = "memlora.json"


@dataclass
class AdapterWeights:
    tenant: str
    path: str
    stamp: tuple  # identifies the file version, so a reload of a promoted champion is noticed
    rank: int  # largest per-module rank
    modules: dict[str, tuple[torch.Tensor, torch.Tensor, float]]  # name -> (A [r, in], B [out, r], scale), views of one buffer
    nbytes: int


def _pattern_value(patterns: dict, module: str, default):
    """PEFT's rank_pattern/alpha_pattern: a key matches the module name itself or a dotted suffix of it."""
    for key, val in (patterns or {}).items():
        if module == key or module.endswith("." + key) or re.fullmatch(key, module):
            return val
    return default


def file_stamp(path: Path) -> tuple:
    st = (path / WEIGHTS).stat()
    return (str(path.resolve()), st.st_size, st.st_mtime_ns)


def read_adapter(
    path: Path,
    tenant: str,
    shapes: dict[str, tuple[int, int]],
    max_rank: int,
    base_fingerprint: str | None,
    dtype: torch.dtype = torch.float32,
    verified: set | None = None,
) -> AdapterWeights:
    """Load and validate; raises MemloraError naming the tenant and file on any problem.

    `verified` holds file stamps whose sha256 was already checked, so a host-cache miss on an
    unchanged file re-reads it without re-hashing (files of a registry version never change).
    """
    path = Path(path)
    where = f"adapter for tenant {tenant!r} at {path}"
    if not path.is_dir():
        raise MemloraError(f"{where}: not a directory")
    if not (path / WEIGHTS).is_file():
        others = sorted(p.name for p in path.iterdir() if p.suffix in (".bin", ".pt", ".pth", ".pkl"))
        hint = f" (found {', '.join(others)}: only safetensors is accepted)" if others else ""
        raise MemloraError(f"{where}: missing {WEIGHTS}{hint}")
    try:
        cfg = json.loads((path / CONFIG).read_text())
    except FileNotFoundError:
        raise MemloraError(f"{where}: missing {CONFIG}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise MemloraError(f"{where}: {CONFIG} is not valid JSON ({e})") from None
    if not isinstance(cfg, dict) or cfg.get("peft_type", "LORA") != "LORA":
        raise MemloraError(f"{where}: {CONFIG} field peft_type must be LORA, got {cfg.get('peft_type') if isinstance(cfg, dict) else cfg!r}")
    for flag in ("use_dora",):
        if cfg.get(flag):
            raise MemloraError(f"{where}: {CONFIG} field {flag} is not supported by slot serving")
    if cfg.get("bias", "none") != "none" or cfg.get("modules_to_save"):
        raise MemloraError(f"{where}: {CONFIG}: bias / modules_to_save are not supported by slot serving")

    stamp = file_stamp(path)
    data = bytearray((path / WEIGHTS).read_bytes())
    manifest_path = path / MANIFEST
    if manifest_path.is_file():
        try:
            manifest = json.loads(manifest_path.read_text())
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise MemloraError(f"{where}: {MANIFEST} is not valid JSON ({e})") from None
        fp = manifest.get("base_fingerprint")
        if base_fingerprint and fp and fp != base_fingerprint:
            raise MemloraError(f"{where}: trained on base {fp[:12]}, this server runs base {base_fingerprint[:12]}")
        want = (manifest.get("files") or {}).get(WEIGHTS)
        if want and (verified is None or stamp not in verified):
            if hashlib.sha256(data).hexdigest() != want:
                raise MemloraError(f"{where}: {WEIGHTS} does not match the sha256 in {MANIFEST} (corrupted or altered)")
            if verified is not None:
                verified.add(stamp)
    tensors = parse_safetensors(data, where)

    pairs: dict[str, dict[str, torch.Tensor]] = {}
    for key, t in tensors.items():
        m = _KEY.match(key)
        if not m:
            raise MemloraError(f"{where}: unexpected tensor {key!r} (only lora_A/lora_B weights of linear layers are supported)")
        pairs.setdefault(m["module"], {})[m["ab"]] = t
    if not pairs:
        raise MemloraError(f"{where}: {WEIGHTS} holds no LoRA weights")

    r_default = int(cfg.get("r", 8))
    alpha_default = float(cfg.get("lora_alpha", r_default))
    rslora = bool(cfg.get("use_rslora", False))
    modules: dict[str, tuple[torch.Tensor, torch.Tensor, float]] = {}
    max_r = 0
    for name, ab in pairs.items():
        if name not in shapes:
            raise MemloraError(f"{where}: targets module {name!r}, which this server does not serve (targets: {_short(shapes)})")
        if set(ab) != {"A", "B"}:
            raise MemloraError(f"{where}: module {name!r} lacks lora_{'B' if 'A' in ab else 'A'}")
        a, b = ab["A"], ab["B"]
        n_in, n_out = shapes[name]
        r = a.shape[0] if a.dim() == 2 else -1
        if a.dim() != 2 or b.dim() != 2 or a.shape[1] != n_in or b.shape != (n_out, r):
            raise MemloraError(
                f"{where}: module {name!r} has shapes A {tuple(a.shape)}, B {tuple(b.shape)}; expected A (r, {n_in}), B ({n_out}, r)"
            )
        if r > max_rank:
            raise MemloraError(f"{where}: module {name!r} has rank {r} > slot rank {max_rank} (serving.slot_rank)")
        if r < 1:
            raise MemloraError(f"{where}: module {name!r} has rank 0")
        r_cfg = int(_pattern_value(cfg.get("rank_pattern"), name, r_default))
        if r_cfg != r:
            raise MemloraError(f"{where}: module {name!r} has rank {r} but {CONFIG} says {r_cfg}")
        alpha = float(_pattern_value(cfg.get("alpha_pattern"), name, alpha_default))
        scale = alpha / math.sqrt(r) if rslora else alpha / r
        modules[name] = (a, b, scale)
        max_r = max(max_r, r)
    return AdapterWeights(tenant=tenant, path=str(path), stamp=stamp, rank=max_r, modules=modules, nbytes=len(data))


_DTYPES = {"F32": (torch.float32, 4), "F16": (torch.float16, 2), "BF16": (torch.bfloat16, 2), "F64": (torch.float64, 8)}


def parse_safetensors(data: bytearray, where: str) -> dict[str, torch.Tensor]:
    """Zero-copy views of a safetensors buffer, bounds-checked, with one finiteness check over all the data.

    Why not `safetensors.torch.load`: it copies every tensor one by one, and checking 400+ small
    tensors for NaN/inf one by one costs more than the whole swap-in budget; the format is a
    length-prefixed JSON header plus one flat data region, so views over it are cheap and exact.
    """
    bad = f"{where}: {WEIGHTS} is not a valid safetensors file"
    if len(data) < 8:
        raise MemloraError(f"{bad} (too short)")
    n = int.from_bytes(data[:8], "little")
    if n <= 0 or 8 + n > len(data):
        raise MemloraError(f"{bad} (header length {n} out of range)")
    try:
        header = json.loads(bytes(data[8 : 8 + n]))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise MemloraError(f"{bad} (header is not JSON)") from None
    if not isinstance(header, dict):
        raise MemloraError(f"{bad} (header is not an object)")
    header.pop("__metadata__", None)
    start = 8 + n
    size = len(data) - start
    out: dict[str, torch.Tensor] = {}
    spans = []
    kinds = set()
    for key, info in header.items():
        try:
            dt, item = _DTYPES[info["dtype"]]
            shape = [int(x) for x in info["shape"]]
            lo, hi = (int(x) for x in info["data_offsets"])
        except (KeyError, TypeError, ValueError):
            raise MemloraError(f"{bad} (tensor {key!r}: unsupported dtype or malformed entry)") from None
        count = math.prod(shape)
        if not (0 <= lo <= hi <= size) or hi - lo != count * item:
            raise MemloraError(f"{bad} (tensor {key!r}: offsets {lo}..{hi} do not fit its shape {shape} or the file)")
        if not count:
            out[key] = torch.empty(shape, dtype=dt)
        elif (start + lo) % item:  # unaligned (old writers): copy this one
            out[key] = torch.frombuffer(bytearray(data[start + lo : start + hi]), dtype=dt).view(shape)
        else:
            out[key] = torch.frombuffer(data, dtype=dt, count=count, offset=start + lo).view(shape)
        spans.append((lo, hi))
        kinds.add((dt, item))
    spans.sort()
    if any(spans[i][1] > spans[i + 1][0] for i in range(len(spans) - 1)):
        raise MemloraError(f"{bad} (tensors overlap)")
    if len(kinds) == 1 and start % 8 == 0 and spans and spans[0][0] == 0 and all(spans[i][1] == spans[i + 1][0] for i in range(len(spans) - 1)):
        dt, item = kinds.pop()
        flat = torch.frombuffer(data, dtype=dt, count=spans[-1][1] // item, offset=start)
        finite = math.isfinite(flat.sum(dtype=torch.float64).item())  # one pass, no mask: NaN/inf propagate
    else:
        finite = all(bool(torch.isfinite(t).all()) for t in out.values())
    if not finite:
        bad_key = next(k for k, t in out.items() if not bool(torch.isfinite(t).all()))
        raise MemloraError(f"{where}: tensor {bad_key!r} has non-finite values")
    return out


def _short(shapes: dict) -> str:
    kinds = sorted({n.rpartition(".")[2] for n in shapes})
    return ", ".join(kinds)


def _meta_model(config):
    """An unwrapped copy of the base's module tree on the meta device (no memory), for the shape validator."""
    from transformers import AutoModelForCausalLM

    with torch.device("meta"):
        return AutoModelForCausalLM.from_config(config)


class AdapterLoader:
    """Disk tier: resolves and reads adapters in one background thread so decoding never waits on disk."""

    def __init__(
        self,
        resolve: Callable[[str], Path | None],
        shapes: dict[str, tuple[int, int]],
        max_rank: int,
        base_fingerprint: str | None,
        dtype: torch.dtype = torch.float32,
        model_config=None,
    ) -> None:
        self._resolve = resolve
        self._shapes = shapes
        self._max_rank = max_rank
        self._fp = base_fingerprint
        self._dtype = dtype
        self._model_config = model_config
        self._verified: set = set()
        self._shape_model = None  # built once: the validator would otherwise rebuild it for every adapter
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="memlora-adapter-loader")

    def submit(self, tenant: str) -> Future:
        """Future -> AdapterWeights, or None when the tenant has no adapter; raises MemloraError when it is bad."""
        return self._pool.submit(self._load, tenant)

    def _load(self, tenant: str) -> AdapterWeights | None:
        try:
            path = self._resolve(tenant)
        except MemloraError:
            raise
        except Exception as e:  # noqa: BLE001 - a registry failure fails this tenant's load only
            raise MemloraError(f"cannot resolve the adapter of tenant {tenant!r}: {type(e).__name__}: {str(e).splitlines()[0][:160] if str(e) else ''}") from None
        if path is None:
            return None
        path = Path(path)
        self._external_check(path, tenant)
        return read_adapter(path, tenant, self._shapes, self._max_rank, self._fp, self._dtype, self._verified)

    def _external_check(self, path: Path, tenant: str) -> None:
        """The adapters package's own validator, once per file version, when it exists."""
        try:
            from memlora.adapters.manifest import validate_adapter
        except ImportError:
            return
        if not (path / MANIFEST).is_file() or not (path / WEIGHTS).is_file():
            return
        key = ("external",) + file_stamp(path)
        if key in self._verified:
            return
        if self._shape_model is None and self._model_config is not None:
            self._shape_model = _meta_model(self._model_config)
        try:
            validate_adapter(path, self._fp, self._shape_model, max_rank=self._max_rank)
        except MemloraError as e:
            raise MemloraError(f"adapter for tenant {tenant!r}: {e}") from None
        self._verified.add(key)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
